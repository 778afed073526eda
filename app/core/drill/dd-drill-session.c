/* dd-drill-session.c — creating a drill in the drill store, and resuming one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "dd-drill-session.h"
#include "dd-error.h"

#define RESOURCE_SCHEME "resource://"

JsonObject *
dd_drill_options_new (gboolean training,
                      double   speed)
{
  JsonObject *options = json_object_new ();

  json_object_set_boolean_member (options, "training", training);
  json_object_set_double_member (options, "speed", speed);
  json_object_set_object_member (options, "players", json_object_new ());
  return options;
}

void
dd_drill_options_set_player (JsonObject *options,
                             const char *role_id,
                             const char *name)
{
  JsonObject *players;

  g_return_if_fail (options != NULL && role_id != NULL);

  if (!json_object_has_member (options, "players"))
    json_object_set_object_member (options, "players", json_object_new ());
  players = json_object_get_object_member (options, "players");
  if (name != NULL && *name != '\0')
    json_object_set_string_member (players, role_id, name);
  else if (json_object_has_member (players, role_id))
    json_object_remove_member (players, role_id);
}

const char *
dd_drill_options_get_player (JsonObject *options,
                             const char *role_id)
{
  JsonNode *node;

  if (options == NULL || role_id == NULL)
    return NULL;
  node = json_object_get_member (options, "players");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_get_string_member_with_default (json_node_get_object (node), role_id, NULL);
}

void
dd_drill_options_set_text (JsonObject *options,
                           const char *key,
                           const char *value)
{
  g_return_if_fail (options != NULL && key != NULL);

  if (value != NULL && *value != '\0')
    json_object_set_string_member (options, key, value);
  else if (json_object_has_member (options, key))
    json_object_remove_member (options, key);
}

const char *
dd_drill_options_get_text (JsonObject *options,
                           const char *key)
{
  JsonNode *node = options != NULL && key != NULL ? json_object_get_member (options, key) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return *json_node_get_string (node) != '\0' ? json_node_get_string (node) : NULL;
}

gboolean
dd_drill_options_get_training (JsonObject *options)
{
  return options != NULL && json_object_get_boolean_member_with_default (options, "training", FALSE);
}

double
dd_drill_options_get_speed (JsonObject *options,
                            double      fallback)
{
  double speed;

  if (options == NULL)
    return fallback;
  speed = json_object_get_double_member_with_default (options, "speed", fallback);
  return speed > 0 ? speed : fallback;
}

JsonObject *
dd_drill_get_options (DdDrill *drill)
{
  g_return_val_if_fail (DD_IS_DRILL (drill), NULL);
  return dd_replay_get_options (dd_drill_get_replay (drill));
}

/* A file holding the plan's bytes: its own file, or a temporary copy of the
 * bundled resource (@tmp_out is then set, for the caller to remove). */
static char *
plan_file (DdPlan  *plan,
           char   **tmp_out,
           GError **error)
{
  const char *source = dd_plan_get_source_name (plan);
  g_autoptr(GBytes) bytes = NULL;
  char *tmp = NULL;
  int fd;

  *tmp_out = NULL;
  if (source != NULL && g_file_test (source, G_FILE_TEST_IS_REGULAR))
    return g_strdup (source);
  if (source == NULL || !g_str_has_prefix (source, RESOURCE_SCHEME))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_IO, _("%s: the plan file cannot be read"),
                   source != NULL ? source : "?");
      return NULL;
    }
  bytes = g_resources_lookup_data (source + strlen (RESOURCE_SCHEME), G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;
  fd = g_file_open_tmp ("drilldesk-plan-XXXXXX.xml", &tmp, error);
  if (fd < 0)
    return NULL;
  close (fd);
  if (!g_file_set_contents (tmp, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error))
    {
      g_unlink (tmp);
      g_free (tmp);
      return NULL;
    }
  *tmp_out = tmp;
  return g_strdup (tmp);
}

DdDrill *
dd_drill_session_create (DdDrillStore *store,
                         DdPlan       *plan,
                         DdScenario   *scenario,
                         const char   *scenario_path,
                         JsonObject   *options,
                         DdDrillInfo **info_out,
                         GError      **error)
{
  g_autoptr(JsonObject) header = NULL;
  g_autoptr(DdJournal) journal = NULL;
  g_autoptr(DdDrillInfo) info = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *plan_path = NULL;
  g_autoptr(DdPlan) drill_plan = NULL;
  g_autoptr(DdScenario) drill_scenario = NULL;
  g_autoptr(DdDrill) drill = NULL;

  g_return_val_if_fail (DD_IS_DRILL_STORE (store), NULL);
  g_return_val_if_fail (DD_IS_PLAN (plan), NULL);
  g_return_val_if_fail (DD_IS_SCENARIO (scenario), NULL);
  g_return_val_if_fail (scenario_path != NULL, NULL);

  plan_path = plan_file (plan, &tmp, error);
  if (plan_path == NULL)
    return NULL;

  header = dd_drill_journal_header (plan, scenario);
  if (options != NULL)
    json_object_set_object_member (header, DD_DRILL_OPTIONS_MEMBER, json_object_ref (options));
  journal = dd_drill_store_create_drill (store, plan_path, scenario_path, header, &info, error);
  if (tmp != NULL)
    g_unlink (tmp);
  if (journal == NULL)
    return NULL;
  /* Release the journal's lock: the drill opens it again below. */
  g_clear_object (&journal);

  drill = dd_drill_session_resume (info, NULL, error);
  if (drill == NULL)
    return NULL;
  if (info_out != NULL)
    *info_out = g_steal_pointer (&info);
  return g_steal_pointer (&drill);
}

DdDrill *
dd_drill_session_resume (DdDrillInfo        *info,
                         DdJournalRecovery  *recovery_out,
                         GError            **error)
{
  g_autoptr(DdPlan) plan = NULL;
  g_autoptr(DdScenario) scenario = NULL;
  g_autoptr(DdDrill) drill = NULL;

  g_return_val_if_fail (DD_IS_DRILL_INFO (info), NULL);

  plan = dd_plan_load_file (dd_drill_info_get_plan_path (info), error);
  if (plan == NULL)
    return NULL;
  scenario = dd_scenario_load_file (dd_drill_info_get_scenario_path (info), plan, error);
  if (scenario == NULL)
    return NULL;
  drill = dd_drill_new (plan, scenario);
  if (!dd_drill_resume_journal (drill, dd_drill_info_get_journal_path (info), recovery_out, error))
    return NULL;
  dd_drill_set_speed (drill, dd_drill_options_get_speed (dd_drill_get_options (drill),
                                                         dd_scenario_get_compression (scenario)));
  return g_steal_pointer (&drill);
}
