/* dd-review-page.h — the end of a drill: scores, ratings, findings, the review
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dd-drill.h"

G_BEGIN_DECLS

#define DD_TYPE_REVIEW_PAGE (dd_review_page_get_type ())
G_DECLARE_FINAL_TYPE (DdReviewPage, dd_review_page, DD, REVIEW_PAGE, AdwBin)

GtkWidget  *dd_review_page_new             (void);
/* Shows the scores of @drill as a finished drill (as drilldesk-cli score
 * computes them from its journal). */
void        dd_review_page_set_drill       (DdReviewPage *self,
                                            DdDrill      *drill);
DdScore    *dd_review_page_get_score       (DdReviewPage *self);
/* The overall score as shown */
const char *dd_review_page_get_overall_text (DdReviewPage *self);

/* Writes the after-action review as PDF in a worker thread. */
void        dd_review_page_write_pdf_async (DdReviewPage        *self,
                                            GFile               *file,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean    dd_review_page_write_pdf_finish (DdReviewPage *self,
                                             GAsyncResult *result,
                                             GError      **error);

G_END_DECLS
