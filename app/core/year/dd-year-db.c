/* dd-year-db.c — the drill store's database: opening, checking, reading
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Indexing the drills and following the items up: dd-year-index.c.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "dd-error.h"
#include "dd-year-db-private.h"

/* Raised whenever a table changes: an older database is rebuilt. */
#define SCHEMA_VERSION 1

static const char schema_sql[] =
  "CREATE TABLE drills ("
  "  id TEXT PRIMARY KEY, scenario TEXT, title TEXT, date TEXT, year INTEGER,"
  "  state TEXT NOT NULL, training INTEGER NOT NULL DEFAULT 0, scored INTEGER NOT NULL DEFAULT 0,"
  "  overall REAL, max REAL, severity TEXT, severity_rank INTEGER, severity_name TEXT,"
  "  organiser TEXT, n_findings INTEGER NOT NULL DEFAULT 0, stamp TEXT NOT NULL);"
  "CREATE TABLE taking_part (drill TEXT NOT NULL, role TEXT NOT NULL, kind TEXT,"
  "  PRIMARY KEY (drill, role));"
  "CREATE TABLE findings (drill TEXT NOT NULL, rule TEXT, clause TEXT, severity TEXT,"
  "  role TEXT, message TEXT);"
  "CREATE INDEX findings_drill ON findings (drill);"
  "CREATE TABLE exercised (drill TEXT NOT NULL, clause TEXT NOT NULL, PRIMARY KEY (drill, clause));"
  "CREATE TABLE phase_scores (drill TEXT NOT NULL, phase TEXT NOT NULL, name TEXT,"
  "  ord INTEGER, assessed INTEGER, score REAL, PRIMARY KEY (drill, phase));"
  "CREATE TABLE training (drill TEXT NOT NULL, person TEXT NOT NULL, role TEXT NOT NULL,"
  "  unit TEXT, scored INTEGER, score REAL, n_findings INTEGER, clauses TEXT,"
  "  PRIMARY KEY (drill, role));"
  "CREATE TABLE improvements (drill TEXT NOT NULL, idx INTEGER NOT NULL, action TEXT NOT NULL,"
  "  owner TEXT, due TEXT, clause TEXT, review_status TEXT NOT NULL DEFAULT 'open',"
  "  status TEXT NOT NULL DEFAULT 'open', reopened INTEGER NOT NULL DEFAULT 0,"
  "  follow_drill TEXT, drill_gone INTEGER NOT NULL DEFAULT 0, drill_date TEXT,"
  "  PRIMARY KEY (drill, idx));";

G_DEFINE_FINAL_TYPE (DdYearDb, dd_year_db, G_TYPE_OBJECT)

void
dd_year_db_set_error (DdYearDb    *self,
                      const char  *what,
                      GError     **error)
{
  g_set_error (error, DD_ERROR, DD_ERROR_IO, "%s: %s: %s", self->path, what,
               self->db != NULL ? sqlite3_errmsg (self->db) : "");
}

gboolean
dd_year_db_exec (DdYearDb    *self,
                 const char  *sql,
                 GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_IO, "%s: %s", self->path,
                   message != NULL ? message : sqlite3_errmsg (self->db));
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

sqlite3_stmt *
dd_year_db_prepare (DdYearDb    *self,
                    const char  *sql,
                    GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      dd_year_db_set_error (self, _("cannot read the database"), error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

static void
dd_year_db_finalize (GObject *object)
{
  DdYearDb *self = DD_YEAR_DB (object);

  if (self->db != NULL)
    sqlite3_close (self->db);
  g_free (self->store_dir);
  g_free (self->path);
  G_OBJECT_CLASS (dd_year_db_parent_class)->finalize (object);
}

static void
dd_year_db_class_init (DdYearDbClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_year_db_finalize;
}

static void
dd_year_db_init (DdYearDb *self)
{
}

/* ------------------------------------------------------------------ */
/* Opening and checking                                                */

/* Whether the open database is sound and of this schema: integrity_check
 * says "ok" and user_version is ours (0 for a new, empty file). */
static gboolean
check_sound (DdYearDb *self,
             gboolean *empty_out)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int version;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW ||
      g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    return FALSE;
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  version = sqlite3_column_int (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (version == 0)
    {
      /* New only if it holds no table at all */
      if (sqlite3_prepare_v2 (self->db, "SELECT count(*) FROM sqlite_master", -1, &stmt, NULL) != SQLITE_OK ||
          sqlite3_step (stmt) != SQLITE_ROW)
        return FALSE;
      *empty_out = sqlite3_column_int (stmt, 0) == 0;
      return *empty_out;
    }
  *empty_out = FALSE;
  return version == SCHEMA_VERSION;
}

static gboolean
open_handle (DdYearDb  *self,
             GError   **error)
{
  if (sqlite3_open_v2 (self->path, &self->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      dd_year_db_set_error (self, _("cannot open the database"), error);
      return FALSE;
    }
  sqlite3_busy_timeout (self->db, 5000);
  return TRUE;
}

/* Renames the database (and its WAL and shared-memory files) out of the
 * way, so that it can be looked at but is never read again. */
static gboolean
set_aside (DdYearDb  *self,
           GError   **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  static const char *const suffixes[] = { "", "-wal", "-shm" };

  g_clear_pointer (&self->db, sqlite3_close);
  for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (self->path, suffixes[i], NULL);
      g_autofree char *to = g_strdup_printf ("%s.damaged-%s%s", self->path, stamp, suffixes[i]);

      if (g_file_test (from, G_FILE_TEST_EXISTS) && g_rename (from, to) != 0)
        {
          int saved = errno;

          g_set_error (error, DD_ERROR, DD_ERROR_IO, _("%s: cannot set the damaged database aside: %s"),
                       from, g_strerror (saved));
          return FALSE;
        }
    }
  g_message ("%s: failed its integrity check; set aside as %s.damaged-%s and rebuilt", self->path,
             self->path, stamp);
  return TRUE;
}

/* Opens and checks the database; it is then brought up to date by
 * @update (refresh or rebuild). */
static DdYearDb *
open_checked (const char  *store_dir,
              gboolean   (*update) (DdYearDb *, GError **),
              gboolean    *rebuilt_out,
              GError     **error)
{
  g_autoptr(DdYearDb) self = g_object_new (DD_TYPE_YEAR_DB, NULL);
  gboolean empty = FALSE, rebuilt = FALSE;

  self->store_dir = store_dir != NULL ? g_strdup (store_dir)
                                      : g_build_filename (g_get_user_data_dir (), "drilldesk", "drills", NULL);
  if (g_mkdir_with_parents (self->store_dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, DD_ERROR, DD_ERROR_IO, "%s: %s", self->store_dir, g_strerror (saved));
      return NULL;
    }
  self->path = g_build_filename (self->store_dir, DD_YEAR_DB_FILE, NULL);

  if (!open_handle (self, error))
    return NULL;
  if (!check_sound (self, &empty))
    {
      if (!set_aside (self, error) || !open_handle (self, error))
        return NULL;
      empty = TRUE;
      rebuilt = TRUE;
    }
  if (!dd_year_db_exec (self, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", error))
    return NULL;
  if (empty)
    {
      g_autofree char *sql = g_strdup_printf ("BEGIN IMMEDIATE; %s PRAGMA user_version=%d; COMMIT;",
                                              schema_sql, SCHEMA_VERSION);

      if (!dd_year_db_exec (self, sql, error))
        return NULL;
    }
  if (!update (self, error))
    return NULL;
  if (rebuilt_out != NULL)
    *rebuilt_out = rebuilt;
  return g_steal_pointer (&self);
}

DdYearDb *
dd_year_db_open (const char  *store_dir,
                 gboolean    *rebuilt_out,
                 GError     **error)
{
  return open_checked (store_dir, dd_year_db_refresh, rebuilt_out, error);
}

DdYearDb *
dd_year_db_open_rebuilt (const char  *store_dir,
                         gboolean    *set_aside_out,
                         GError     **error)
{
  return open_checked (store_dir, dd_year_db_rebuild, set_aside_out, error);
}

const char *
dd_year_db_get_path (DdYearDb *self)
{
  g_return_val_if_fail (DD_IS_YEAR_DB (self), NULL);
  return self->path;
}

const char *
dd_year_db_get_store_dir (DdYearDb *self)
{
  g_return_val_if_fail (DD_IS_YEAR_DB (self), NULL);
  return self->store_dir;
}

/* Indexes the store (again, all of it when @all) and follows the items
 * up, between BEGIN IMMEDIATE and COMMIT (ROLLBACK on failure). */
static gboolean
in_transaction (DdYearDb  *self,
                gboolean   all,
                GError   **error)
{
  if (!dd_year_db_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if ((all && !dd_year_db_exec (self,
                                "DELETE FROM drills; DELETE FROM taking_part; DELETE FROM findings;"
                                "DELETE FROM exercised; DELETE FROM phase_scores; DELETE FROM training;"
                                "DELETE FROM improvements WHERE drill_gone = 0;", error)) ||
      !dd_year_db_index_store (self, all, error) ||
      !dd_year_db_follow_up (self, error) ||
      !dd_year_db_exec (self, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

gboolean
dd_year_db_refresh (DdYearDb  *self,
                    GError   **error)
{
  g_return_val_if_fail (DD_IS_YEAR_DB (self), FALSE);
  return in_transaction (self, FALSE, error);
}

gboolean
dd_year_db_rebuild (DdYearDb  *self,
                    GError   **error)
{
  g_return_val_if_fail (DD_IS_YEAR_DB (self), FALSE);
  return in_transaction (self, TRUE, error);
}

/* ------------------------------------------------------------------ */
/* Reading                                                             */

static char *
column_strdup (sqlite3_stmt *stmt,
               int           col)
{
  const unsigned char *text = sqlite3_column_text (stmt, col);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

void
dd_year_drill_free (DdYearDrill *d)
{
  if (d == NULL)
    return;
  g_free (d->id); g_free (d->scenario); g_free (d->title); g_free (d->date); g_free (d->state);
  g_free (d->severity); g_free (d->severity_name); g_free (d->organiser);
  g_strfreev (d->taking_part); g_strfreev (d->taking_part_kinds);
  g_free (d);
}

void
dd_year_item_free (DdYearItem *item)
{
  if (item == NULL)
    return;
  g_free (item->drill); g_free (item->action); g_free (item->owner); g_free (item->due);
  g_free (item->clause); g_free (item->status); g_free (item->follow_drill);
  g_free (item);
}

void
dd_year_training_free (DdYearTraining *row)
{
  if (row == NULL)
    return;
  g_free (row->person); g_free (row->role); g_free (row->unit); g_free (row->drill);
  g_free (row->scenario); g_free (row->title); g_free (row->date); g_free (row->clauses);
  g_free (row);
}

void
dd_year_clause_count_free (DdYearClauseCount *count)
{
  if (count == NULL)
    return;
  g_free (count->clause);
  g_free (count);
}

void
dd_year_phase_score_free (DdYearPhaseScore *score)
{
  if (score == NULL)
    return;
  g_free (score->drill); g_free (score->date); g_free (score->phase); g_free (score->name);
  g_free (score);
}

/* Runs @sql with @year bound to parameter 1 if it has one (0: every year), and reads
 * each row with @read into an array freed with @free_func. */
typedef gpointer (*ReadRow) (DdYearDb     *self,
                             sqlite3_stmt *stmt,
                             GError      **error);

static GPtrArray *
query_rows (DdYearDb       *self,
            const char     *sql,
            int             year,
            const char     *text,
            ReadRow         read,
            GDestroyNotify  free_func,
            GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (free_func);
  int rc;

  stmt = dd_year_db_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, year);
  if (text != NULL)
    sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gpointer row = read (self, stmt, error);

      if (row == NULL)
        return NULL;
      g_ptr_array_add (out, row);
    }
  if (rc != SQLITE_DONE)
    {
      dd_year_db_set_error (self, _("cannot read the database"), error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

static gboolean
read_taking_part (DdYearDb    *self,
                  DdYearDrill *d,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = dd_year_db_prepare (self, "SELECT role, kind FROM taking_part WHERE drill = ?1 ORDER BY role", error);
  g_autoptr(GStrvBuilder) roles = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) kinds = g_strv_builder_new ();

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, d->id, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *kind = (const char *) sqlite3_column_text (stmt, 1);

      g_strv_builder_add (roles, (const char *) sqlite3_column_text (stmt, 0));
      g_strv_builder_add (kinds, kind != NULL ? kind : "");
    }
  d->taking_part = g_strv_builder_end (roles);
  d->taking_part_kinds = g_strv_builder_end (kinds);
  return TRUE;
}

static gpointer
read_drill (DdYearDb     *self,
            sqlite3_stmt *stmt,
            GError      **error)
{
  g_autoptr(DdYearDrill) d = g_new0 (DdYearDrill, 1);

  d->id = column_strdup (stmt, 0);
  d->scenario = column_strdup (stmt, 1);
  d->title = column_strdup (stmt, 2);
  d->date = column_strdup (stmt, 3);
  d->state = column_strdup (stmt, 4);
  d->training = sqlite3_column_int (stmt, 5);
  d->scored = sqlite3_column_int (stmt, 6);
  d->overall = sqlite3_column_double (stmt, 7);
  d->max = sqlite3_column_double (stmt, 8);
  d->severity = column_strdup (stmt, 9);
  d->severity_rank = (guint) sqlite3_column_int (stmt, 10);
  d->severity_name = column_strdup (stmt, 11);
  d->organiser = column_strdup (stmt, 12);
  d->n_findings = (guint) sqlite3_column_int (stmt, 13);
  if (!read_taking_part (self, d, error))
    return NULL;
  return g_steal_pointer (&d);
}

GPtrArray *
dd_year_db_list_drills (DdYearDb  *self,
                        int        year,
                        GError   **error)
{
  g_return_val_if_fail (DD_IS_YEAR_DB (self), NULL);
  return query_rows (self,
                     "SELECT id, scenario, title, date, state, training, scored, overall, max,"
                     " severity, severity_rank, severity_name, organiser, n_findings FROM drills"
                     " WHERE ?1 = 0 OR year = ?1 ORDER BY date, id",
                     year, NULL, read_drill, (GDestroyNotify) dd_year_drill_free, error);
}

static gpointer
read_clause_count (DdYearDb     *self,
                   sqlite3_stmt *stmt,
                   GError      **error)
{
  DdYearClauseCount *c = g_new0 (DdYearClauseCount, 1);

  c->clause = column_strdup (stmt, 0);
  c->count = (guint) sqlite3_column_int (stmt, 1);
  return c;
}

GPtrArray *
dd_year_db_count_findings (DdYearDb  *self,
                           int        year,
                           GError   **error)
{
  g_return_val_if_fail (DD_IS_YEAR_DB (self), NULL);
  return query_rows (self,
                     "SELECT f.clause, count(*) AS n FROM findings f JOIN drills d ON d.id = f.drill"
                     " WHERE d.state = 'finished' AND (?1 = 0 OR d.year = ?1)"
                     " GROUP BY f.clause ORDER BY n DESC, f.clause",
                     year, NULL, read_clause_count, (GDestroyNotify) dd_year_clause_count_free, error);
}

static gpointer
read_phase_score (DdYearDb     *self,
                  sqlite3_stmt *stmt,
                  GError      **error)
{
  DdYearPhaseScore *s = g_new0 (DdYearPhaseScore, 1);

  s->drill = column_strdup (stmt, 0);
  s->date = column_strdup (stmt, 1);
  s->phase = column_strdup (stmt, 2);
  s->name = column_strdup (stmt, 3);
  s->order = (guint) sqlite3_column_int (stmt, 4);
  s->assessed = sqlite3_column_int (stmt, 5);
  s->score = sqlite3_column_double (stmt, 6);
  return s;
}

GPtrArray *
dd_year_db_list_phase_scores (DdYearDb  *self,
                              int        year,
                              GError   **error)
{
  g_return_val_if_fail (DD_IS_YEAR_DB (self), NULL);
  return query_rows (self,
                     "SELECT p.drill, d.date, p.phase, p.name, p.ord, p.assessed, p.score"
                     " FROM phase_scores p JOIN drills d ON d.id = p.drill"
                     " WHERE d.state = 'finished' AND (?1 = 0 OR d.year = ?1)"
                     " ORDER BY d.date, d.id, p.ord",
                     year, NULL, read_phase_score, (GDestroyNotify) dd_year_phase_score_free, error);
}

static gpointer
read_item (DdYearDb     *self,
           sqlite3_stmt *stmt,
           GError      **error)
{
  DdYearItem *item = g_new0 (DdYearItem, 1);

  item->drill = column_strdup (stmt, 0);
  item->index = (guint) sqlite3_column_int (stmt, 1);
  item->action = column_strdup (stmt, 2);
  item->owner = column_strdup (stmt, 3);
  item->due = column_strdup (stmt, 4);
  item->clause = column_strdup (stmt, 5);
  item->status = column_strdup (stmt, 6);
  item->reopened = (guint) sqlite3_column_int (stmt, 7);
  item->follow_drill = column_strdup (stmt, 8);
  item->drill_gone = sqlite3_column_int (stmt, 9);
  return item;
}

#define ITEM_COLUMNS "drill, idx, action, owner, due, clause, status, reopened, follow_drill, drill_gone"

GPtrArray *
dd_year_db_list_items (DdYearDb  *self,
                       GError   **error)
{
  g_return_val_if_fail (DD_IS_YEAR_DB (self), NULL);
  return query_rows (self,
                     "SELECT " ITEM_COLUMNS " FROM improvements ORDER BY due IS NULL, due, drill, idx",
                     0, NULL, read_item, (GDestroyNotify) dd_year_item_free, error);
}

GPtrArray *
dd_year_db_list_open_items_for_scenario (DdYearDb    *self,
                                         DdScenario  *scenario,
                                         GError     **error)
{
  g_autoptr(GPtrArray) items = NULL;

  g_return_val_if_fail (DD_IS_YEAR_DB (self), NULL);
  g_return_val_if_fail (DD_IS_SCENARIO (scenario), NULL);

  items = query_rows (self,
                      "SELECT " ITEM_COLUMNS " FROM improvements"
                      " WHERE status IN ('open', 'in-progress') AND clause IS NOT NULL"
                      " ORDER BY due IS NULL, due, drill, idx",
                      0, NULL, read_item, (GDestroyNotify) dd_year_item_free, error);
  for (guint i = 0; items != NULL && i < items->len;)
    {
      const DdYearItem *item = g_ptr_array_index (items, i);

      if (dd_scenario_exercises_clause (scenario, item->clause))
        i++;
      else
        g_ptr_array_remove_index (items, i);
    }
  return g_steal_pointer (&items);
}

GPtrArray *
dd_year_db_list_follow_up (DdYearDb    *self,
                           const char  *drill,
                           GError     **error)
{
  g_return_val_if_fail (DD_IS_YEAR_DB (self), NULL);
  g_return_val_if_fail (drill != NULL, NULL);

  /* As dd_year_db_follow_up () follows each item up, for one later drill */
  return query_rows (self,
                     "SELECT i.drill, i.idx, i.action, i.owner, i.due, i.clause,"
                     " CASE WHEN EXISTS (SELECT 1 FROM findings f WHERE f.drill = d.id AND f.clause = i.clause)"
                     "  THEN 'reopened' ELSE 'verified' END,"
                     " i.reopened, d.id, i.drill_gone"
                     " FROM improvements i JOIN drills d ON d.id = ?2"
                     " WHERE d.state = 'finished' AND i.clause IS NOT NULL AND i.drill <> d.id AND"
                     DD_YEAR_DB_LATER ("d.date", "d.id", "i.drill_date", "i.drill") " AND"
                     " (EXISTS (SELECT 1 FROM findings f WHERE f.drill = d.id AND f.clause = i.clause) OR"
                     "  EXISTS (SELECT 1 FROM exercised e WHERE e.drill = d.id AND e.clause = i.clause))"
                     " ORDER BY i.drill_date, i.drill, i.idx",
                     0, drill, read_item, (GDestroyNotify) dd_year_item_free, error);
}

static gpointer
read_training (DdYearDb     *self,
               sqlite3_stmt *stmt,
               GError      **error)
{
  DdYearTraining *t = g_new0 (DdYearTraining, 1);

  t->person = column_strdup (stmt, 0);
  t->role = column_strdup (stmt, 1);
  t->unit = column_strdup (stmt, 2);
  t->drill = column_strdup (stmt, 3);
  t->scenario = column_strdup (stmt, 4);
  t->title = column_strdup (stmt, 5);
  t->date = column_strdup (stmt, 6);
  t->scored = sqlite3_column_int (stmt, 7);
  t->score = sqlite3_column_double (stmt, 8);
  t->n_findings = (guint) sqlite3_column_int (stmt, 9);
  t->clauses = column_strdup (stmt, 10);
  t->training = sqlite3_column_int (stmt, 11);
  return t;
}

GPtrArray *
dd_year_db_list_training (DdYearDb  *self,
                          int        year,
                          GError   **error)
{
  g_return_val_if_fail (DD_IS_YEAR_DB (self), NULL);
  return query_rows (self,
                     "SELECT t.person, t.role, t.unit, t.drill, d.scenario, d.title, d.date, t.scored,"
                     " t.score, t.n_findings, t.clauses, d.training"
                     " FROM training t JOIN drills d ON d.id = t.drill"
                     " WHERE ?1 = 0 OR d.year = ?1 ORDER BY t.person, d.date, d.id",
                     year, NULL, read_training, (GDestroyNotify) dd_year_training_free, error);
}
