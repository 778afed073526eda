/* dd-scenario-entry.c — a scenario file as the start page lists it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only what a row shows: the title, a line with the incident's category and
 * severity (named by the plan), the drill form and duration, and the summary.
 * Loading a scenario for a drill is the scenario model's job.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "dd-scenario-entry.h"
#include "dd-error.h"
#include "dd-xml.h"

struct _DdScenarioEntry
{
  GObject  parent_instance;

  GFile   *file;
  char    *title;
  char    *subtitle;
  char    *summary;
};

G_DEFINE_FINAL_TYPE (DdScenarioEntry, dd_scenario_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FILE,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
dd_scenario_entry_finalize (GObject *object)
{
  DdScenarioEntry *self = DD_SCENARIO_ENTRY (object);

  g_clear_object (&self->file);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->subtitle, g_free);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (dd_scenario_entry_parent_class)->finalize (object);
}

static void
dd_scenario_entry_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  DdScenarioEntry *self = DD_SCENARIO_ENTRY (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_scenario_entry_class_init (DdScenarioEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dd_scenario_entry_finalize;
  object_class->get_property = dd_scenario_entry_get_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dd_scenario_entry_init (DdScenarioEntry *self)
{
}

/* "6:30" → "6 h 30 min" */
static char *
format_duration (const char *text)
{
  guint hours = 0, minutes = 0;

  if (text == NULL || sscanf (text, "%u:%u", &hours, &minutes) != 2)
    return NULL;
  if (minutes == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hour", "%u hours", hours), hours);
  /* Translators: a duration, e.g. "6 h 30 min" */
  return g_strdup_printf (_("%u h %u min"), hours, minutes);
}

/**
 * dd_scenario_entry_load:
 * @file: a scenario.xml
 * @plan: (nullable): names categories and severities
 *
 * Returns: (transfer full): the entry, or %NULL with @error set
 */
DdScenarioEntry *
dd_scenario_entry_load (GFile   *file,
                        DdPlan  *plan,
                        GError **error)
{
  g_autoptr(DdScenarioEntry) self = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = g_file_get_path (file);
  xmlNode *root;
  xmlNode *node;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (path == NULL)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_IO, "%s: not a local file", g_file_peek_path (file));
      return NULL;
    }

  doc = dd_xml_load_file (path, NULL, error);
  if (doc == NULL)
    return NULL;

  root = xmlDocGetRootElement (doc);
  if (root == NULL || !dd_xml_is (root, "scenario"))
    {
      dd_xml_node_error (error, root, _("not a DrillDesk scenario"));
      return NULL;
    }

  self = g_object_new (DD_TYPE_SCENARIO_ENTRY, NULL);
  self->file = g_object_ref (file);
  self->title = dd_xml_child_text (root, "title");
  self->summary = dd_xml_child_text (root, "summary");
  if (self->title == NULL)
    self->title = g_file_get_basename (file);

  node = dd_xml_child (root, "incident");
  if (node != NULL && plan != NULL)
    {
      g_autofree char *category = dd_xml_prop (node, "category");
      g_autofree char *severity = dd_xml_prop (node, "severity");
      const DdCategory *c = category ? dd_plan_lookup_category (plan, category) : NULL;
      const DdSeverity *s = severity ? dd_plan_lookup_severity (plan, severity) : NULL;

      if (c != NULL)
        g_ptr_array_add (parts, g_strdup (c->name));
      if (s != NULL)
        g_ptr_array_add (parts, g_strdup (s->name));
    }
  node = dd_xml_child (root, "form");
  if (node != NULL)
    {
      char *form = dd_xml_text (node);

      if (form != NULL)
        g_ptr_array_add (parts, form);
    }
  node = dd_xml_child (root, "clock");
  if (node != NULL)
    {
      g_autofree char *duration = dd_xml_prop (node, "duration");
      char *text = format_duration (duration);

      if (text != NULL)
        g_ptr_array_add (parts, text);
    }
  g_ptr_array_add (parts, NULL);
  /* Translators: separator between facts on a scenario row */
  self->subtitle = g_strjoinv (_(" · "), (char **) parts->pdata);

  return g_steal_pointer (&self);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return g_utf8_collate (dd_scenario_entry_get_title ((DdScenarioEntry *) a),
                         dd_scenario_entry_get_title ((DdScenarioEntry *) b));
}

/**
 * dd_scenario_entry_list_dir:
 * @dir: a folder of scenario folders (`<slug>/scenario.xml`)
 * @plan: (nullable): names categories and severities
 *
 * Files that do not load are skipped with a message in the log.
 *
 * Returns: (transfer full): a #GListModel of #DdScenarioEntry, by title
 */
GListModel *
dd_scenario_entry_list_dir (const char *dir,
                            DdPlan     *plan)
{
  GListStore *store = g_list_store_new (DD_TYPE_SCENARIO_ENTRY);
  g_autoptr(GDir) gdir = NULL;
  const char *name;

  if (dir == NULL || (gdir = g_dir_open (dir, 0, NULL)) == NULL)
    return G_LIST_MODEL (store);

  while ((name = g_dir_read_name (gdir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, "scenario.xml", NULL);
      g_autoptr(GFile) file = NULL;
      g_autoptr(DdScenarioEntry) entry = NULL;
      g_autoptr(GError) error = NULL;

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      file = g_file_new_for_path (path);
      entry = dd_scenario_entry_load (file, plan, &error);
      if (entry == NULL)
        {
          g_message ("Skipping scenario: %s", error->message);
          continue;
        }
      g_list_store_insert_sorted (store, entry, compare_entries, NULL);
    }

  return G_LIST_MODEL (store);
}

GFile *
dd_scenario_entry_get_file (DdScenarioEntry *self)
{
  g_return_val_if_fail (DD_IS_SCENARIO_ENTRY (self), NULL);
  return self->file;
}

const char *
dd_scenario_entry_get_title (DdScenarioEntry *self)
{
  g_return_val_if_fail (DD_IS_SCENARIO_ENTRY (self), NULL);
  return self->title;
}

const char *
dd_scenario_entry_get_subtitle (DdScenarioEntry *self)
{
  g_return_val_if_fail (DD_IS_SCENARIO_ENTRY (self), NULL);
  return self->subtitle;
}

const char *
dd_scenario_entry_get_summary (DdScenarioEntry *self)
{
  g_return_val_if_fail (DD_IS_SCENARIO_ENTRY (self), NULL);
  return self->summary;
}
