/* dd-year-notice.h — on the start page: what the year still owes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A notice, hidden when there is nothing to say: the plan's drill duty
 * (§6.7) when it is not met yet this year (what is missing and by when)
 * and the improvement items past their due date.  Read from the drill
 * store's database in a worker thread (indexing new drills may take a
 * moment) once the window's first frame is painted, so the start page
 * never waits for it.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DD_TYPE_YEAR_NOTICE (dd_year_notice_get_type ())
G_DECLARE_FINAL_TYPE (DdYearNotice, dd_year_notice, DD, YEAR_NOTICE, AdwBin)

GtkWidget  *dd_year_notice_new           (void);
/* The drill store (NULL: the window's); refreshes. */
void        dd_year_notice_set_store_dir (DdYearNotice *self,
                                          const char   *store_dir);
/* Reads the store again (in a thread); "notify::text" when done. */
void        dd_year_notice_refresh       (DdYearNotice *self);
/* What the notice says, or NULL when it is hidden. */
const char *dd_year_notice_get_text      (DdYearNotice *self);

/* What the year still owes for the store at @store_dir (NULL: the
 * window's) on @today (YYYY-MM-DD), in plain words; NULL when nothing.
 * For the notice's thread and for tests. */
char       *dd_year_notice_describe      (const char   *store_dir,
                                          const char   *today,
                                          GError      **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
