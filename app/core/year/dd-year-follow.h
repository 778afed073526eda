/* dd-year-follow.h — the register's follow-up of a drill, for its review
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dd-report.h"
#include "dd-year-db.h"

G_BEGIN_DECLS

/* Gives @report the follow-up of drill @drill from the register
 * (dd_year_db_list_follow_up ()), each item with the title of the drill it
 * came from.  Returns the number of items, or -1 with @error set. */
int dd_year_follow_up_to_report (DdYearDb    *db,
                                 const char  *drill,
                                 DdReport    *report,
                                 GError     **error);

/* When @journal_path is the journal of a drill folder in a drill store
 * that keeps its database (DD_YEAR_DB_FILE), sets the store's folder and
 * the drill's id and returns TRUE; else FALSE. */
gboolean dd_year_follow_store_of    (const char  *journal_path,
                                     char       **store_dir,
                                     char       **drill_id);

G_END_DECLS
