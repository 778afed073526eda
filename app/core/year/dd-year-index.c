/* dd-year-index.c — the drills of the store into the database, and the
 * follow-up of the improvement items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every fact about a drill comes from its one replay (dd_drill_record_load
 * () reads the plan and scenario copies of its folder and replays the
 * journal); the items come from its review (review.json).  A drill is
 * indexed again when its journal or its review changed (size and
 * modification time, the "stamp").
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "dd-drill-record.h"
#include "dd-drill-session.h"
#include "dd-drill-store.h"
#include "dd-error.h"
#include "dd-year-db-private.h"

/* "size:mtime" of @path, or "-" when it does not exist. */
static void
append_stamp (GString    *out,
              const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) == 0)
    g_string_append_printf (out, "%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ";",
                            (gint64) st.st_size, (gint64) st.st_mtime);
  else
    g_string_append (out, "-;");
}

static char *
drill_stamp (DdDrillInfo *info)
{
  GString *out = g_string_new (NULL);
  g_autofree char *review = dd_drill_review_path (dd_drill_info_get_folder (info));

  append_stamp (out, dd_drill_info_get_journal_path (info));
  append_stamp (out, review);
  g_string_append (out, PACKAGE_VERSION);
  return g_string_free (out, FALSE);
}

static gboolean
step_done (DdYearDb     *self,
           sqlite3_stmt *stmt,
           GError      **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      dd_year_db_set_error (self, _("cannot write the database"), error);
      return FALSE;
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return TRUE;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           col,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, col, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, col);
}

/* Removes what is known about drill @id; its items are kept, marked as
 * of a deleted drill, when @keep_items. */
static gboolean
forget_drill (DdYearDb   *self,
              const char *id,
              gboolean    keep_items,
              GError    **error)
{
  static const char *const tables[] = { "drills WHERE id", "taking_part WHERE drill", "findings WHERE drill",
                                        "exercised WHERE drill", "phase_scores WHERE drill",
                                        "training WHERE drill" };

  for (gsize i = 0; i < G_N_ELEMENTS (tables) + 1; i++)
    {
      g_autofree char *sql = NULL;
      g_autoptr(sqlite3_stmt) stmt = NULL;

      if (i < G_N_ELEMENTS (tables))
        sql = g_strdup_printf ("DELETE FROM %s = ?1", tables[i]);
      else
        sql = g_strdup (keep_items ? "UPDATE improvements SET drill_gone = 1 WHERE drill = ?1"
                                   : "DELETE FROM improvements WHERE drill = ?1");
      stmt = dd_year_db_prepare (self, sql, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      if (!step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert_drill_row (DdYearDb    *self,
                  DdDrillInfo *info,
                  DdReplay    *replay,
                  const char  *stamp,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *date = NULL;

  stmt = dd_year_db_prepare (self,
                             "INSERT INTO drills (id, scenario, title, date, year, state, training, scored,"
                             " overall, max, severity, severity_rank, severity_name, organiser, n_findings, stamp)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, dd_drill_info_get_id (info), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 16, stamp, -1, SQLITE_TRANSIENT);
  if (replay == NULL)
    {
      GDateTime *created = dd_drill_info_get_created (info);

      /* A damaged drill: what its folder tells, no score */
      if (created != NULL)
        {
          g_autoptr(GDateTime) local = g_date_time_to_local (created);

          date = g_date_time_format (local, "%Y-%m-%d");
        }
      bind_text (stmt, 3, dd_drill_info_get_title (info));
      sqlite3_bind_text (stmt, 6, "damaged", -1, SQLITE_STATIC);
    }
  else
    {
      DdScenario *scenario = dd_replay_get_scenario (replay);
      DdScore *score = dd_replay_get_score (replay);
      const DdSeverity *severity = dd_replay_get_simulated_severity (replay);
      JsonObject *options = dd_replay_get_options (replay);

      date = dd_replay_get_date (replay);
      bind_text (stmt, 2, dd_scenario_get_id (scenario));
      bind_text (stmt, 3, dd_scenario_get_title (scenario));
      sqlite3_bind_text (stmt, 6, dd_replay_is_finished (replay) ? "finished" : "interrupted", -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 7, dd_drill_options_get_training (options));
      sqlite3_bind_int (stmt, 8, 1);
      sqlite3_bind_double (stmt, 9, dd_score_get_overall (score));
      sqlite3_bind_double (stmt, 10, dd_score_get_max (score));
      if (severity != NULL)
        {
          bind_text (stmt, 11, severity->id);
          sqlite3_bind_int (stmt, 12, (int) severity->rank);
          bind_text (stmt, 13, severity->name);
        }
      bind_text (stmt, 14, dd_replay_get_organiser (replay));
      sqlite3_bind_int (stmt, 15, (int) dd_score_get_findings (score)->len);
    }
  bind_text (stmt, 4, date);
  if (date != NULL)
    sqlite3_bind_int (stmt, 5, (int) g_ascii_strtoll (date, NULL, 10));
  return step_done (self, stmt, error);
}

static gboolean
insert_facts (DdYearDb    *self,
              const char  *id,
              DdReplay    *replay,
              GError     **error)
{
  DdPlan *plan = dd_replay_get_plan (replay);
  DdScore *score = dd_replay_get_score (replay);
  GPtrArray *findings = dd_score_get_findings (score);
  GPtrArray *phases = dd_score_get_phases (score);
  g_autoptr(GPtrArray) taking_part = dd_replay_get_taking_part (replay);
  g_autoptr(GPtrArray) clauses = dd_replay_get_exercised_clauses (replay);
  g_autoptr(sqlite3_stmt) part = NULL, finding = NULL, exercised = NULL, phase = NULL;

  part = dd_year_db_prepare (self, "INSERT INTO taking_part (drill, role, kind) VALUES (?1, ?2, ?3)", error);
  finding = dd_year_db_prepare (self, "INSERT INTO findings (drill, rule, clause, severity, role, message)"
                                      " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  exercised = dd_year_db_prepare (self, "INSERT INTO exercised (drill, clause) VALUES (?1, ?2)", error);
  phase = dd_year_db_prepare (self, "INSERT INTO phase_scores (drill, phase, name, ord, assessed, score)"
                                    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (part == NULL || finding == NULL || exercised == NULL || phase == NULL)
    return FALSE;

  for (guint i = 0; i < taking_part->len; i++)
    {
      const char *role_id = g_ptr_array_index (taking_part, i);
      const DdRole *role = dd_plan_lookup_role (plan, role_id);

      bind_text (part, 1, id);
      bind_text (part, 2, role_id);
      bind_text (part, 3, role != NULL ? dd_role_kind_to_string (role->kind) : NULL);
      if (!step_done (self, part, error))
        return FALSE;
    }
  for (guint i = 0; i < findings->len; i++)
    {
      const DdFinding *f = g_ptr_array_index (findings, i);

      bind_text (finding, 1, id);
      bind_text (finding, 2, f->rule);
      bind_text (finding, 3, f->clause);
      bind_text (finding, 4, dd_finding_severity_to_string (f->severity));
      bind_text (finding, 5, f->role);
      bind_text (finding, 6, f->message);
      if (!step_done (self, finding, error))
        return FALSE;
    }
  for (guint i = 0; i < clauses->len; i++)
    {
      bind_text (exercised, 1, id);
      bind_text (exercised, 2, g_ptr_array_index (clauses, i));
      if (!step_done (self, exercised, error))
        return FALSE;
    }
  for (guint i = 0; i < phases->len; i++)
    {
      const DdScoreEntry *e = g_ptr_array_index (phases, i);
      const DdPhase *p = dd_plan_lookup_phase (plan, e->id);

      bind_text (phase, 1, id);
      bind_text (phase, 2, e->id);
      bind_text (phase, 3, p != NULL ? p->name : e->id);
      sqlite3_bind_int (phase, 4, p != NULL ? (int) p->order : (int) i + 1);
      sqlite3_bind_int (phase, 5, e->assessed);
      sqlite3_bind_double (phase, 6, e->score);
      if (!step_done (self, phase, error))
        return FALSE;
    }
  return TRUE;
}

/* A training record per role given a player's name at set-up. */
static gboolean
insert_training (DdYearDb    *self,
                 const char  *id,
                 DdReplay    *replay,
                 GError     **error)
{
  DdPlan *plan = dd_replay_get_plan (replay);
  DdScore *score = dd_replay_get_score (replay);
  GPtrArray *findings = dd_score_get_findings (score);
  g_autoptr(GPtrArray) taking_part = dd_replay_get_taking_part (replay);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = dd_year_db_prepare (self, "INSERT INTO training (drill, person, role, unit, scored, score, n_findings, clauses)"
                                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < taking_part->len; i++)
    {
      const char *role_id = g_ptr_array_index (taking_part, i);
      const char *person = dd_replay_get_player (replay, role_id);
      const DdRole *role = dd_plan_lookup_role (plan, role_id);
      const DdScoreEntry *entry = dd_score_lookup_role (score, role_id);
      g_autoptr(GString) clauses = g_string_new (NULL);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      guint n = 0;

      if (person == NULL)
        continue;
      for (guint j = 0; j < findings->len; j++)
        {
          const DdFinding *f = g_ptr_array_index (findings, j);

          if (g_strcmp0 (f->role, role_id) != 0)
            continue;
          n++;
          if (f->clause != NULL && g_hash_table_add (seen, f->clause))
            g_string_append_printf (clauses, "%s%s", clauses->len ? " " : "", f->clause);
        }
      bind_text (stmt, 1, id);
      bind_text (stmt, 2, person);
      bind_text (stmt, 3, role_id);
      bind_text (stmt, 4, role != NULL ? role->name : role_id);
      sqlite3_bind_int (stmt, 5, entry != NULL && entry->assessed);
      sqlite3_bind_double (stmt, 6, entry != NULL ? entry->score : 0);
      sqlite3_bind_int (stmt, 7, (int) n);
      bind_text (stmt, 8, clauses->len ? clauses->str : NULL);
      if (!step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static const char *
string_member (JsonObject *o,
               const char *name)
{
  JsonNode *n = json_object_get_member (o, name);
  const char *s;

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  s = json_node_get_string (n);
  return s != NULL && *s != '\0' ? s : NULL;
}

/* The items of the drill's review (review.json "improvements": action,
 * owner, due, clause, and a "status" of "in-progress" or "done" when the
 * owners said so).  A review that cannot be read is said once and left
 * out: the journal's facts are indexed all the same. */
static gboolean
insert_items (DdYearDb    *self,
              DdDrillInfo *info,
              const char  *date,
              GError     **error)
{
  g_autofree char *path = dd_drill_review_path (dd_drill_info_get_folder (info));
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  JsonNode *root, *items;
  JsonArray *array;
  guint index = 0;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;
  if (!json_parser_load_from_mapped_file (parser, path, &local))
    {
      g_message ("%s: %s", path, local->message);
      return TRUE;
    }
  root = json_parser_get_root (parser);
  items = root != NULL && JSON_NODE_HOLDS_OBJECT (root)
          ? json_object_get_member (json_node_get_object (root), "improvements") : NULL;
  if (items == NULL || !JSON_NODE_HOLDS_ARRAY (items))
    return TRUE;

  stmt = dd_year_db_prepare (self, "INSERT INTO improvements (drill, idx, action, owner, due, clause,"
                                   " review_status, status, drill_date) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)", error);
  if (stmt == NULL)
    return FALSE;
  array = json_node_get_array (items);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *n = json_array_get_element (array, i);
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
      const char *status;

      if (o == NULL || string_member (o, "action") == NULL)
        continue;
      status = string_member (o, "status");
      if (g_strcmp0 (status, "in-progress") != 0 && g_strcmp0 (status, "done") != 0)
        status = "open";
      bind_text (stmt, 1, dd_drill_info_get_id (info));
      sqlite3_bind_int (stmt, 2, (int) index++);
      bind_text (stmt, 3, string_member (o, "action"));
      bind_text (stmt, 4, string_member (o, "owner"));
      bind_text (stmt, 5, string_member (o, "due"));
      bind_text (stmt, 6, string_member (o, "clause"));
      bind_text (stmt, 7, status);
      bind_text (stmt, 8, date);
      if (!step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
index_drill (DdYearDb    *self,
             DdDrillInfo *info,
             const char  *stamp,
             GError     **error)
{
  const char *id = dd_drill_info_get_id (info);
  g_autoptr(DdDrillRecord) record = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *date = NULL;
  DdReplay *replay = NULL;

  if (dd_drill_info_get_state (info) != DD_DRILL_STATE_DAMAGED)
    {
      record = dd_drill_record_load (info, &local);
      if (record == NULL)
        g_message ("%s", local->message);
      else
        replay = dd_drill_record_get_replay (record);
    }
  if (!insert_drill_row (self, info, replay, stamp, error))
    return FALSE;
  if (replay != NULL)
    {
      date = dd_replay_get_date (replay);
      if (!insert_facts (self, id, replay, error) || !insert_training (self, id, replay, error))
        return FALSE;
    }
  return insert_items (self, info, date, error);
}

/* The stamp the database holds for drill @id, or NULL. */
static char *
stored_stamp (DdYearDb   *self,
              const char *id)
{
  g_autoptr(sqlite3_stmt) stmt = dd_year_db_prepare (self, "SELECT stamp FROM drills WHERE id = ?1", NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

gboolean
dd_year_db_index_store (DdYearDb  *self,
                        gboolean   all,
                        GError   **error)
{
  g_autoptr(DdDrillStore) store = dd_drill_store_new (self->store_dir);
  g_autoptr(GListModel) drills = dd_drill_store_list (store, error);
  g_autoptr(GHashTable) present = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) ids = NULL;

  if (drills == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (drills); i++)
    {
      g_autoptr(DdDrillInfo) info = g_list_model_get_item (drills, i);
      g_autofree char *stamp = drill_stamp (info);
      g_autofree char *stored = all ? NULL : stored_stamp (self, dd_drill_info_get_id (info));

      g_hash_table_add (present, g_strdup (dd_drill_info_get_id (info)));
      if (g_strcmp0 (stamp, stored) == 0)
        continue;
      if (!forget_drill (self, dd_drill_info_get_id (info), FALSE, error) ||
          !index_drill (self, info, stamp, error))
        return FALSE;
    }

  /* Drills whose folder is gone: forgotten, their items kept */
  ids = dd_year_db_prepare (self, "SELECT id FROM drills UNION SELECT drill FROM improvements WHERE drill_gone = 0", error);
  if (ids == NULL)
    return FALSE;
  while (sqlite3_step (ids) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (ids, 0);

      if (!g_hash_table_contains (present, id))
        g_ptr_array_add (gone, g_strdup (id));
    }
  for (guint i = 0; i < gone->len; i++)
    if (!forget_drill (self, g_ptr_array_index (gone, i), TRUE, error))
      return FALSE;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Follow-up                                                           */

gboolean
dd_year_db_follow_up (DdYearDb  *self,
                      GError   **error)
{
  g_autoptr(sqlite3_stmt) items = NULL, later = NULL, update = NULL;
  int rc;

  items = dd_year_db_prepare (self, "SELECT rowid, drill, clause, review_status, drill_date FROM improvements", error);
  later = dd_year_db_prepare (self,
                              "SELECT d.id,"
                              " EXISTS (SELECT 1 FROM findings f WHERE f.drill = d.id AND f.clause = ?1),"
                              " EXISTS (SELECT 1 FROM exercised e WHERE e.drill = d.id AND e.clause = ?1)"
                              " FROM drills d WHERE d.state = 'finished' AND d.id <> ?3 AND"
                              DD_YEAR_DB_LATER ("d.date", "d.id", "?2", "?3")
                              " ORDER BY d.date, d.id", error);
  update = dd_year_db_prepare (self, "UPDATE improvements SET status = ?2, reopened = ?3, follow_drill = ?4"
                                     " WHERE rowid = ?1", error);
  if (items == NULL || later == NULL || update == NULL)
    return FALSE;

  while ((rc = sqlite3_step (items)) == SQLITE_ROW)
    {
      const char *clause = (const char *) sqlite3_column_text (items, 2);
      g_autofree char *status = g_strdup ((const char *) sqlite3_column_text (items, 3));
      g_autofree char *follow = NULL;
      int reopened = 0;

      if (clause != NULL)
        {
          bind_text (later, 1, clause);
          bind_text (later, 2, (const char *) sqlite3_column_text (items, 4));
          bind_text (later, 3, (const char *) sqlite3_column_text (items, 1));
          while (sqlite3_step (later) == SQLITE_ROW)
            {
              gboolean recurred = sqlite3_column_int (later, 1);
              gboolean exercised = sqlite3_column_int (later, 2);

              if (!recurred && !exercised)
                continue;
              g_free (status);
              status = g_strdup (recurred ? "open" : "verified");
              reopened += recurred;
              g_free (follow);
              follow = g_strdup ((const char *) sqlite3_column_text (later, 0));
            }
          sqlite3_reset (later);
          sqlite3_clear_bindings (later);
        }
      sqlite3_bind_int64 (update, 1, sqlite3_column_int64 (items, 0));
      bind_text (update, 2, status);
      sqlite3_bind_int (update, 3, reopened);
      bind_text (update, 4, follow);
      if (!step_done (self, update, error))
        return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      dd_year_db_set_error (self, _("cannot read the database"), error);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The owners' status of an item                                       */

gboolean
dd_year_db_set_item_status (DdYearDb    *self,
                            const char  *drill,
                            guint        index,
                            const char  *status,
                            GError     **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(GError) local = NULL;
  JsonNode *root, *items;
  JsonArray *array;
  JsonObject *item = NULL;
  guint n = 0;

  g_return_val_if_fail (DD_IS_YEAR_DB (self), FALSE);
  g_return_val_if_fail (drill != NULL && status != NULL, FALSE);

  if (strcmp (status, "open") != 0 && strcmp (status, "in-progress") != 0 && strcmp (status, "done") != 0)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID,
                   _("\"%s\" is not a status to set: open, in-progress or done (verified is found by later drills)"), status);
      return FALSE;
    }
  folder = g_build_filename (self->store_dir, drill, NULL);
  path = dd_drill_review_path (folder);
  if (strchr (drill, G_DIR_SEPARATOR) != NULL || drill[0] == '.' || !g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID, _("%s: no such drill in the store (a deleted drill's items keep their status)"), folder);
      return FALSE;
    }
  if (!json_parser_load_from_mapped_file (parser, path, &local))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_IO, "%s: %s", path, local->message);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  items = root != NULL && JSON_NODE_HOLDS_OBJECT (root)
          ? json_object_get_member (json_node_get_object (root), "improvements") : NULL;
  array = items != NULL && JSON_NODE_HOLDS_ARRAY (items) ? json_node_get_array (items) : NULL;
  /* Counted as insert_items () counts them: items with an action */
  for (guint i = 0; array != NULL && i < json_array_get_length (array) && item == NULL; i++)
    {
      JsonNode *e = json_array_get_element (array, i);
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (e) ? json_node_get_object (e) : NULL;

      if (o != NULL && string_member (o, "action") != NULL && n++ == index)
        item = o;
    }
  if (item == NULL)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID, _("%s: the review has no item %u"), path, index + 1);
      return FALSE;
    }
  if (strcmp (status, "open") == 0)
    json_object_remove_member (item, "status");
  else
    json_object_set_string_member (item, "status", status);

  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  if (!g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0644, &local))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_IO, "%s: %s", path, local->message);
      return FALSE;
    }
  return dd_year_db_refresh (self, error);
}
