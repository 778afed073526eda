/* dd-year-db-private.h — shared between the database's files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "dd-year-db.h"

G_BEGIN_DECLS

struct _DdYearDb
{
  GObject  parent_instance;

  char    *store_dir;
  char    *path;
  sqlite3 *db;
};

/* SQL: whether the drill dated @date with id @id comes after the one
 * dated @date2 with id @id2 (by date, then id; no date first). */
#define DD_YEAR_DB_LATER(date, id, date2, id2) \
  " (coalesce (" date ", '') > coalesce (" date2 ", '') OR" \
  "  (coalesce (" date ", '') = coalesce (" date2 ", '') AND " id " > " id2 "))"

/* Runs @sql (no results); on failure sets @error with the database's path
 * and message. */
gboolean dd_year_db_exec    (DdYearDb    *self,
                             const char  *sql,
                             GError     **error);
/* Prepares @sql, or sets @error. */
sqlite3_stmt *dd_year_db_prepare (DdYearDb    *self,
                                  const char  *sql,
                                  GError     **error);
/* Sets @error from the database's last message (@what: what was done). */
void     dd_year_db_set_error (DdYearDb    *self,
                               const char  *what,
                               GError     **error);

/* dd-year-index.c: the drills of the store into the tables (inside the
 * caller's transaction). */
gboolean dd_year_db_index_store (DdYearDb *self,
                                 gboolean  all,
                                 GError  **error);
/* The items' follow-up statuses, computed again from the drills' rows. */
gboolean dd_year_db_follow_up   (DdYearDb *self,
                                 GError  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
