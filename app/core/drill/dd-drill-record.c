/* dd-drill-record.c — a past drill read back from its folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "dd-actions.h"
#include "dd-drill.h"
#include "dd-drill-record.h"
#include "dd-error.h"

#define CACHE_FORMAT "drilldesk-score-cache"

/* ------------------------------------------------------------------ */
/* DdDrillRecord                                                       */

struct _DdDrillRecord
{
  GObject      parent_instance;

  DdDrillInfo *info;
  DdPlan      *plan;
  DdScenario  *scenario;
  DdJournal   *journal;
  DdReplay    *replay;
};

G_DEFINE_FINAL_TYPE (DdDrillRecord, dd_drill_record, G_TYPE_OBJECT)

static void
dd_drill_record_finalize (GObject *object)
{
  DdDrillRecord *self = DD_DRILL_RECORD (object);

  g_clear_object (&self->info);
  g_clear_object (&self->plan);
  g_clear_object (&self->scenario);
  g_clear_object (&self->journal);
  g_clear_object (&self->replay);

  G_OBJECT_CLASS (dd_drill_record_parent_class)->finalize (object);
}

static void
dd_drill_record_class_init (DdDrillRecordClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_drill_record_finalize;
}

static void
dd_drill_record_init (DdDrillRecord *self)
{
}

DdDrillRecord *
dd_drill_record_load (DdDrillInfo  *info,
                      GError      **error)
{
  g_autoptr(DdDrillRecord) self = NULL;
  DdJournalRecovery recovery = { 0 };

  g_return_val_if_fail (DD_IS_DRILL_INFO (info), NULL);

  if (dd_drill_info_get_state (info) == DD_DRILL_STATE_DAMAGED)
    {
      g_set_error_literal (error, DD_ERROR, DD_ERROR_CORRUPT,
                           dd_drill_info_get_problem (info) != NULL ? dd_drill_info_get_problem (info)
                                                                    : dd_drill_info_get_journal_path (info));
      return NULL;
    }

  self = g_object_new (DD_TYPE_DRILL_RECORD, NULL);
  self->info = g_object_ref (info);
  self->plan = dd_plan_load_file (dd_drill_info_get_plan_path (info), error);
  if (self->plan == NULL)
    return NULL;
  self->scenario = dd_scenario_load_file (dd_drill_info_get_scenario_path (info), self->plan, error);
  if (self->scenario == NULL)
    return NULL;
  self->journal = dd_journal_load (dd_drill_info_get_journal_path (info), &recovery, error);
  dd_journal_recovery_clear (&recovery);
  if (self->journal == NULL)
    return NULL;
  /* As `drilldesk-cli score` reads it: the one replay */
  self->replay = dd_replay_new_for_journal (self->plan, self->scenario, self->journal, error);
  if (self->replay == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

DdDrillInfo *
dd_drill_record_get_info (DdDrillRecord *self)
{
  g_return_val_if_fail (DD_IS_DRILL_RECORD (self), NULL);
  return self->info;
}

DdPlan *
dd_drill_record_get_plan (DdDrillRecord *self)
{
  g_return_val_if_fail (DD_IS_DRILL_RECORD (self), NULL);
  return self->plan;
}

DdScenario *
dd_drill_record_get_scenario (DdDrillRecord *self)
{
  g_return_val_if_fail (DD_IS_DRILL_RECORD (self), NULL);
  return self->scenario;
}

DdJournal *
dd_drill_record_get_journal (DdDrillRecord *self)
{
  g_return_val_if_fail (DD_IS_DRILL_RECORD (self), NULL);
  return self->journal;
}

DdReplay *
dd_drill_record_get_replay (DdDrillRecord *self)
{
  g_return_val_if_fail (DD_IS_DRILL_RECORD (self), NULL);
  return self->replay;
}

DdScore *
dd_drill_record_get_score (DdDrillRecord *self)
{
  g_return_val_if_fail (DD_IS_DRILL_RECORD (self), NULL);
  return dd_replay_get_score (self->replay);
}

gboolean
dd_drill_record_rate (DdDrillRecord     *self,
                      DdRatingOverride  *rating,
                      GError           **error)
{
  g_autoptr(DdJournal) journal = NULL;
  g_autoptr(JsonObject) body = NULL;
  const DdJournalRecord *rec;
  const char *type = dd_record_type_to_name (DD_RECORD_RATING);

  g_return_val_if_fail (DD_IS_DRILL_RECORD (self), FALSE);
  g_return_val_if_fail (rating != NULL, FALSE);

  body = dd_rating_override_to_json (rating);
  if (!dd_replay_check (self->replay, type, body, error))
    return FALSE;
  /* On disk first (the journal opened for appending, locked), then in the
   * record's replay */
  journal = dd_journal_open (dd_drill_info_get_journal_path (self->info), NULL, error);
  if (journal == NULL || !dd_journal_append (journal, type, body, error))
    return FALSE;
  rec = dd_journal_get_record (journal, dd_journal_get_n_records (journal) - 1);
  return dd_replay_apply (self->replay, type, body, rec->seq, rec->time_us, error);
}

char *
dd_drill_review_path (const char *folder)
{
  g_return_val_if_fail (folder != NULL, NULL);
  return g_build_filename (folder, DD_DRILL_REVIEW_FILE, NULL);
}

/* ------------------------------------------------------------------ */
/* Summaries                                                           */

void
dd_drill_summary_free (DdDrillSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->scenario_id);
  g_free (summary->ratings);
  g_free (summary);
}

/* The journal's head: the "sum" of its last complete line, read from the
 * file's tail only (a line is bounded, so 64 KiB hold the last one). NULL
 * when there is none to be found; the cache is then not used. */
static char *
journal_head (const char *path,
              gint64      size)
{
  enum { TAIL = 64 * 1024 };
  g_autofree char *buf = NULL;
  gint64 start = MAX (0, size - TAIL);
  gssize n;
  char *end, *line, *sum;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0)
    return NULL;
  buf = g_malloc (TAIL + 1);
  n = pread (fd, buf, MIN (size, (gint64) TAIL), start);
  close (fd);
  if (n <= 0)
    return NULL;
  buf[n] = '\0';
  /* the last newline ends the last complete line */
  for (end = buf + n - 1; end >= buf && *end != '\n'; end--)
    ;
  if (end < buf)
    return NULL;
  *end = '\0';
  line = strrchr (buf, '\n');
  line = line != NULL ? line + 1 : buf;
  sum = g_strrstr (line, "\"sum\":\"");
  if (sum == NULL)
    return NULL;
  sum += strlen ("\"sum\":\"");
  if (strspn (sum, "0123456789abcdef") != 64)
    return NULL;
  return g_strndup (sum, 64);
}

/* What the cache is valid for: the journal as it is now (its head, the
 * hash that chains every record before it, and its size), this program */
static char *
cache_key (DdDrillInfo *info)
{
  GStatBuf st;
  g_autofree char *head = NULL;

  if (g_stat (dd_drill_info_get_journal_path (info), &st) != 0)
    return NULL;
  head = journal_head (dd_drill_info_get_journal_path (info), st.st_size);
  if (head == NULL)
    return NULL;
  return g_strdup_printf ("%s/%s/%" G_GINT64_FORMAT, PACKAGE_VERSION, head, (gint64) st.st_size);
}

static DdDrillSummary *
read_cache (const char *path,
            const char *key)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o;
  DdDrillSummary *summary;

  if (!json_parser_load_from_file (parser, path, NULL))
    return NULL;
  if (json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  o = json_node_get_object (json_parser_get_root (parser));
  if (g_strcmp0 (json_object_get_string_member_with_default (o, "format", NULL), CACHE_FORMAT) != 0 ||
      g_strcmp0 (json_object_get_string_member_with_default (o, "key", NULL), key) != 0)
    return NULL;
  summary = g_new0 (DdDrillSummary, 1);
  summary->scored = TRUE;
  summary->scenario_id = g_strdup (json_object_get_string_member_with_default (o, "scenario", NULL));
  summary->overall = json_object_get_double_member_with_default (o, "overall", 0);
  summary->max = json_object_get_double_member_with_default (o, "max", 100);
  summary->ratings = g_strdup (json_object_get_string_member_with_default (o, "ratings", ""));
  summary->n_findings = (guint) json_object_get_int_member_with_default (o, "findings", 0);
  return summary;
}

static void
write_cache (const char           *path,
             const char           *key,
             const DdDrillSummary *summary)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, CACHE_FORMAT);
  json_builder_set_member_name (b, "key");
  json_builder_add_string_value (b, key);
  json_builder_set_member_name (b, "scenario");
  json_builder_add_string_value (b, summary->scenario_id);
  json_builder_set_member_name (b, "overall");
  json_builder_add_double_value (b, summary->overall);
  json_builder_set_member_name (b, "max");
  json_builder_add_double_value (b, summary->max);
  json_builder_set_member_name (b, "ratings");
  json_builder_add_string_value (b, summary->ratings);
  json_builder_set_member_name (b, "findings");
  json_builder_add_int_value (b, summary->n_findings);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, NULL);
  /* Only a cache: losing it costs a recomputation, nothing more */
  g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, NULL);
}

static char *
header_scenario_id (DdJournal *journal)
{
  JsonObject *header = dd_journal_get_header (journal);
  JsonObject *scenario = header != NULL && json_object_has_member (header, "scenario") &&
                         JSON_NODE_HOLDS_OBJECT (json_object_get_member (header, "scenario"))
                         ? json_object_get_object_member (header, "scenario") : NULL;

  return scenario != NULL ? g_strdup (json_object_get_string_member_with_default (scenario, "id", NULL))
                          : NULL;
}

DdDrillSummary *
dd_drill_summarize (DdDrillInfo  *info,
                    GError      **error)
{
  g_autofree char *cache_path = NULL;
  g_autofree char *key = NULL;
  g_autoptr(DdDrillRecord) record = NULL;
  g_autoptr(DdDrillSummary) summary = NULL;
  GPtrArray *objectives;
  DdScore *score;

  g_return_val_if_fail (DD_IS_DRILL_INFO (info), NULL);

  if (dd_drill_info_get_state (info) != DD_DRILL_STATE_FINISHED)
    {
      summary = g_new0 (DdDrillSummary, 1);
      summary->ratings = g_strdup ("");
      if (dd_drill_info_get_state (info) == DD_DRILL_STATE_UNFINISHED)
        {
          g_autoptr(DdJournal) journal = dd_journal_load (dd_drill_info_get_journal_path (info), NULL, NULL);

          if (journal != NULL)
            summary->scenario_id = header_scenario_id (journal);
        }
      return g_steal_pointer (&summary);
    }

  cache_path = g_build_filename (dd_drill_info_get_folder (info), DD_DRILL_SCORE_CACHE_FILE, NULL);
  key = cache_key (info);
  if (key != NULL && (summary = read_cache (cache_path, key)) != NULL)
    return g_steal_pointer (&summary);

  record = dd_drill_record_load (info, error);
  if (record == NULL)
    return NULL;
  summary = g_new0 (DdDrillSummary, 1);
  summary->scored = TRUE;
  summary->scenario_id = g_strdup (dd_scenario_get_id (record->scenario));
  score = dd_replay_get_score (record->replay);
  summary->overall = dd_score_get_overall (score);
  summary->max = dd_score_get_max (score);
  summary->n_findings = dd_score_get_findings (score)->len;
  objectives = dd_score_get_objectives (score);
  summary->ratings = g_malloc0 (objectives->len + 1);
  for (guint i = 0; i < objectives->len; i++)
    {
      const DdObjectiveScore *o = g_ptr_array_index (objectives, i);
      const DdRatingOverride *set = dd_replay_get_rating (record->replay, o->id);

      /* The rating in force: the evaluator's, else the suggestion */
      summary->ratings[i] = set != NULL ? set->rating : o->rating;
    }
  if (key != NULL)
    write_cache (cache_path, key, summary);
  return g_steal_pointer (&summary);
}

char *
dd_drill_summary_format_ratings (const DdDrillSummary *summary)
{
  guint counts[4] = { 0 };
  static const char letters[] = "PSMU";

  g_return_val_if_fail (summary != NULL, NULL);

  if (!summary->scored || summary->ratings == NULL || *summary->ratings == '\0')
    return g_strdup ("");
  for (const char *c = summary->ratings; *c != '\0'; c++)
    {
      const char *at = strchr (letters, *c);

      if (at != NULL)
        counts[at - letters]++;
    }
  return g_strdup_printf ("P %u · S %u · M %u · U %u", counts[0], counts[1], counts[2], counts[3]);
}

/* ------------------------------------------------------------------ */
/* Comparing                                                           */

static char *
compare_key (const DdFinding *f)
{
  return g_strconcat (f->rule ? f->rule : "", "\x1f", f->clause ? f->clause : "", "\x1f",
                      f->role ? f->role : "", NULL);
}

GPtrArray *
dd_score_findings_not_in (DdScore *a,
                          DdScore *b)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *fa, *fb;
  GPtrArray *out = g_ptr_array_new ();

  g_return_val_if_fail (DD_IS_SCORE (a), out);
  g_return_val_if_fail (DD_IS_SCORE (b), out);

  fa = dd_score_get_findings (a);
  fb = dd_score_get_findings (b);
  for (guint i = 0; i < fb->len; i++)
    g_hash_table_add (seen, compare_key (g_ptr_array_index (fb, i)));
  for (guint i = 0; i < fa->len; i++)
    {
      g_autofree char *key = compare_key (g_ptr_array_index (fa, i));

      if (!g_hash_table_contains (seen, key))
        {
          g_ptr_array_add (out, g_ptr_array_index (fa, i));
          /* Once per rule, clause and role */
          g_hash_table_add (seen, g_steal_pointer (&key));
        }
    }
  return out;
}

/* ------------------------------------------------------------------ */
/* DdImprovement                                                       */

struct _DdImprovement
{
  GObject  parent_instance;
  char    *action;
  char    *clause;
  char    *owner;
  char    *due;
};

G_DEFINE_FINAL_TYPE (DdImprovement, dd_improvement, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ACTION,
  PROP_CLAUSE,
  PROP_OWNER,
  PROP_DUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char **
improvement_field (DdImprovement *self,
                   guint          prop_id)
{
  switch (prop_id)
    {
    case PROP_ACTION: return &self->action;
    case PROP_CLAUSE: return &self->clause;
    case PROP_OWNER: return &self->owner;
    case PROP_DUE: return &self->due;
    default: return NULL;
    }
}

static void
set_field (DdImprovement *self,
           guint          prop_id,
           const char    *value)
{
  char **field = improvement_field (self, prop_id);

  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
dd_improvement_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  char **field = improvement_field (DD_IMPROVEMENT (object), prop_id);

  if (field == NULL)
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  else
    g_value_set_string (value, *field);
}

static void
dd_improvement_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  if (improvement_field (DD_IMPROVEMENT (object), prop_id) == NULL)
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  else
    set_field (DD_IMPROVEMENT (object), prop_id, g_value_get_string (value));
}

static void
dd_improvement_finalize (GObject *object)
{
  DdImprovement *self = DD_IMPROVEMENT (object);

  g_free (self->action);
  g_free (self->clause);
  g_free (self->owner);
  g_free (self->due);
  G_OBJECT_CLASS (dd_improvement_parent_class)->finalize (object);
}

static void
dd_improvement_class_init (DdImprovementClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  static const char *names[N_PROPS] = { NULL, "action", "clause", "owner", "due" };

  object_class->finalize = dd_improvement_finalize;
  object_class->get_property = dd_improvement_get_property;
  object_class->set_property = dd_improvement_set_property;
  for (guint i = 1; i < N_PROPS; i++)
    properties[i] = g_param_spec_string (names[i], NULL, NULL, NULL,
                                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dd_improvement_init (DdImprovement *self)
{
}

DdImprovement *
dd_improvement_new (const char *action,
                    const char *clause,
                    const char *owner,
                    const char *due)
{
  return g_object_new (DD_TYPE_IMPROVEMENT, "action", action, "clause", clause,
                       "owner", owner, "due", due, NULL);
}

const char *
dd_improvement_get_action (DdImprovement *self)
{
  g_return_val_if_fail (DD_IS_IMPROVEMENT (self), NULL);
  return self->action;
}

const char *
dd_improvement_get_clause (DdImprovement *self)
{
  g_return_val_if_fail (DD_IS_IMPROVEMENT (self), NULL);
  return self->clause;
}

const char *
dd_improvement_get_owner (DdImprovement *self)
{
  g_return_val_if_fail (DD_IS_IMPROVEMENT (self), NULL);
  return self->owner;
}

const char *
dd_improvement_get_due (DdImprovement *self)
{
  g_return_val_if_fail (DD_IS_IMPROVEMENT (self), NULL);
  return self->due;
}

void
dd_improvement_set_action (DdImprovement *self,
                           const char    *action)
{
  g_return_if_fail (DD_IS_IMPROVEMENT (self));
  set_field (self, PROP_ACTION, action);
}

void
dd_improvement_set_clause (DdImprovement *self,
                           const char    *clause)
{
  g_return_if_fail (DD_IS_IMPROVEMENT (self));
  set_field (self, PROP_CLAUSE, clause);
}

void
dd_improvement_set_owner (DdImprovement *self,
                          const char    *owner)
{
  g_return_if_fail (DD_IS_IMPROVEMENT (self));
  set_field (self, PROP_OWNER, owner);
}

void
dd_improvement_set_due (DdImprovement *self,
                        const char    *due)
{
  g_return_if_fail (DD_IS_IMPROVEMENT (self));
  set_field (self, PROP_DUE, due);
}

/* ------------------------------------------------------------------ */
/* The sidecar                                                         */

/* The sidecar's root object, or a new one when there is no file */
static JsonObject *
load_sidecar (const char  *path,
              GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  JsonNode *root;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return json_object_new ();
  if (!json_parser_load_from_file (parser, path, &local))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_MALFORMED, "%s: %s", path, local->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID, "%s:1:1: %s", path, _("expected a JSON object"));
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

static const char *
string_member (JsonObject *o,
               const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  return n != NULL && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING
         ? json_node_get_string (n) : NULL;
}

GListStore *
dd_improvements_load (const char  *path,
                      GError     **error)
{
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(GListStore) store = g_list_store_new (DD_TYPE_IMPROVEMENT);
  JsonNode *items;

  g_return_val_if_fail (path != NULL, NULL);

  root = load_sidecar (path, error);
  if (root == NULL)
    return NULL;
  items = json_object_get_member (root, "improvements");
  if (items != NULL && JSON_NODE_HOLDS_ARRAY (items))
    {
      JsonArray *a = json_node_get_array (items);

      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          JsonNode *n = json_array_get_element (a, i);
          JsonObject *o;
          g_autoptr(DdImprovement) item = NULL;

          if (!JSON_NODE_HOLDS_OBJECT (n))
            continue;
          o = json_node_get_object (n);
          if (string_member (o, "action") == NULL)
            continue;
          item = dd_improvement_new (string_member (o, "action"), string_member (o, "clause"),
                                     string_member (o, "owner"), string_member (o, "due"));
          g_list_store_append (store, item);
        }
    }
  return g_steal_pointer (&store);
}

gboolean
dd_improvements_save (GListModel  *items,
                      const char  *path,
                      GError     **error)
{
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;
  JsonArray *array = json_array_new ();
  g_autoptr(GError) local = NULL;
  g_autoptr(GHashTable) statuses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonNode *old;

  g_return_val_if_fail (G_IS_LIST_MODEL (items), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  root = load_sidecar (path, error);
  if (root == NULL)
    {
      json_array_unref (array);
      return FALSE;
    }
  /* The owners' "status" of an item (app/core/year/) stays with its action */
  old = json_object_get_member (root, "improvements");
  for (guint i = 0; old != NULL && JSON_NODE_HOLDS_ARRAY (old) && i < json_array_get_length (json_node_get_array (old)); i++)
    {
      JsonNode *n = json_array_get_element (json_node_get_array (old), i);

      if (JSON_NODE_HOLDS_OBJECT (n) && string_member (json_node_get_object (n), "action") != NULL &&
          string_member (json_node_get_object (n), "status") != NULL)
        g_hash_table_insert (statuses, g_strdup (string_member (json_node_get_object (n), "action")),
                             g_strdup (string_member (json_node_get_object (n), "status")));
    }
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(DdImprovement) item = g_list_model_get_item (items, i);
      const char *status;
      JsonObject *o;

      if (item->action == NULL)
        continue;
      o = json_object_new ();
      json_object_set_string_member (o, "action", item->action);
      if ((status = g_hash_table_lookup (statuses, item->action)) != NULL)
        json_object_set_string_member (o, "status", status);
#define SET_OR_NULL(name, value) \
      if ((value) != NULL) json_object_set_string_member (o, name, value); \
      else json_object_set_null_member (o, name)
      SET_OR_NULL ("clause", item->clause);
      SET_OR_NULL ("owner", item->owner);
      SET_OR_NULL ("due", item->due);
#undef SET_OR_NULL
      json_array_add_object_element (array, o);
    }
  json_object_set_array_member (root, "improvements", array);
  json_node_set_object (node, root);
  json_generator_set_root (gen, node);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  if (!g_file_set_contents_full (path, text, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0644, &local))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_IO, "%s: %s", path, local->message);
      return FALSE;
    }
  return TRUE;
}
