/* dd-review-page.h — the end of a drill: scores, ratings, findings, the review
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dd-drill.h"
#include "dd-drill-record.h"

G_BEGIN_DECLS

#define DD_TYPE_REVIEW_PAGE (dd_review_page_get_type ())
G_DECLARE_FINAL_TYPE (DdReviewPage, dd_review_page, DD, REVIEW_PAGE, AdwBin)

GtkWidget  *dd_review_page_new             (void);
/* Shows the scores of @drill as a finished drill (as drilldesk-cli score
 * computes them from its journal). */
void        dd_review_page_set_drill       (DdReviewPage *self,
                                            DdDrill      *drill);
/* Shows a past drill read back from its folder (read-only). */
void        dd_review_page_set_record      (DdReviewPage  *self,
                                            DdDrillRecord *record);
DdScore    *dd_review_page_get_score       (DdReviewPage *self);

/* The improvement plan (DdImprovement), kept in review.json in the drill
 * folder: edits are saved shortly after they are made, and before the
 * review is printed or exported. */
GListModel *dd_review_page_get_improvements (DdReviewPage *self);
gboolean    dd_review_page_add_improvement (DdReviewPage  *self,
                                            const char    *action,
                                            const char    *clause,
                                            const char    *owner,
                                            const char    *due,
                                            GError       **error);
gboolean    dd_review_page_save_improvements (DdReviewPage  *self,
                                              GError       **error);
/* The overall score as shown */
const char *dd_review_page_get_overall_text (DdReviewPage *self);
/* What the page says of a drill that did not run to its end (interrupted
 * or ended early), or NULL. */
const char *dd_review_page_get_status_text (DdReviewPage *self);
/* The evaluator rates @objective_id ('P', 'S', 'M' or 'U', with a
 * reason): journaled, then shown beside the computed suggestion. */
gboolean    dd_review_page_rate_objective  (DdReviewPage  *self,
                                            const char    *objective_id,
                                            char           letter,
                                            const char    *reason,
                                            GError       **error);
/* The name a person would give the review's PDF (or the timeline's CSV):
 * "2026-12-06 <scenario title> After-Action Review.pdf", translated. */
char       *dd_review_page_get_file_name   (DdReviewPage *self,
                                            gboolean      csv) G_GNUC_WARN_UNUSED_RESULT;

/* Writes the after-action review as PDF in a worker thread. */
void        dd_review_page_write_pdf_async (DdReviewPage        *self,
                                            GFile               *file,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
/* The timeline as CSV (dd-report-csv.h); finish with
 * dd_review_page_write_pdf_finish (). */
void        dd_review_page_write_csv_async (DdReviewPage        *self,
                                            GFile               *file,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean    dd_review_page_write_pdf_finish (DdReviewPage *self,
                                             GAsyncResult *result,
                                             GError      **error);

G_END_DECLS
