/* dd-records-page.h — the Records place: past drills, their scores, reviews
 * and comparisons
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dd-drill-store.h"
#include "dd-review-page.h"

G_BEGIN_DECLS

#define DD_TYPE_RECORDS_PAGE (dd_records_page_get_type ())
G_DECLARE_FINAL_TYPE (DdRecordsPage, dd_records_page, DD, RECORDS_PAGE, AdwBin)

GtkWidget    *dd_records_page_new              (void);
/* @store: where the drills are (NULL: the default store); lists them
 * when the page is shown (or dd_records_page_reload () is called). */
void          dd_records_page_set_store        (DdRecordsPage *self,
                                                DdDrillStore  *store);
/* Lists the store's drills again (at once when the page is shown, else
 * when it next is); scores are filled in from a worker thread (or the
 * folders' caches) as they come. */
void          dd_records_page_reload           (DdRecordsPage *self);
/* Drills listed, and how many still wait for their scores. */
guint         dd_records_page_get_n_drills     (DdRecordsPage *self);
const char     *dd_records_page_get_scoring_text (DdRecordsPage *self);
guint         dd_records_page_get_n_pending    (DdRecordsPage *self);
/* What a drill's row shows: "" when the drill is not listed. */
const char   *dd_records_page_get_state_text   (DdRecordsPage *self,
                                                const char    *id);
const char   *dd_records_page_get_score_text   (DdRecordsPage *self,
                                                const char    *id);
const char   *dd_records_page_get_ratings_text (DdRecordsPage *self,
                                                const char    *id);
/* "empty", "list", "review" or "compare" */
const char   *dd_records_page_get_visible      (DdRecordsPage *self);
gboolean      dd_records_page_select           (DdRecordsPage *self,
                                                const char    *id);
/* Shows a drill's review (read-only: its journal is not reopened). */
gboolean      dd_records_page_open_review      (DdRecordsPage *self,
                                                const char    *id,
                                                GError       **error);
DdReviewPage *dd_records_page_get_review_page  (DdRecordsPage *self);
/* Compares two drills of the same scenario. */
gboolean      dd_records_page_compare          (DdRecordsPage *self,
                                                const char    *id_a,
                                                const char    *id_b,
                                                GError       **error);
/* The compare view's "only in" lists: the rule ids of the findings only
 * the first (@which 0) or only the second (@which 1) drill has. */
GStrv         dd_records_page_get_compare_only (DdRecordsPage *self,
                                                guint          which) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
