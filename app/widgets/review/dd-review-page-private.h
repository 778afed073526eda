/* dd-review-page-private.h — the review page's state, shared by
 * dd-review-page.c (scores, printing, export) and
 * dd-review-page-improvements.c (the improvement plan)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dd-drill-record.h"
#include "dd-report.h"
#include "dd-review-page.h"

G_BEGIN_DECLS

struct _DdReviewPage
{
  AdwBin               parent_instance;

  DdDrill             *drill;
  DdDrillRecord       *record;   /* a past drill shown, or NULL */
  DdPlan              *plan;
  DdScenario          *scenario;
  char                *journal_path;
  char                *folder;
  DdReplay            *replay;   /* the drill shown, as its one replay has it */
  GListStore          *improvements;
  GtkStringList       *clause_labels;
  GPtrArray           *clause_ids;   /* parallel to clause_labels; [0] = NULL */
  GtkStringList       *owner_labels;
  GPtrArray           *owner_ids;    /* parallel to owner_labels; [0] = NULL */
  guint                save_id;
  GPtrArray           *rows;        /* (group, row) pairs to remove */
  GtkFileChooserNative *chooser;
  guint                pulse;
  gboolean             busy;
  gboolean             chooser_csv;
  GPtrArray           *follow_rows;  /* rows added to followup_group */
  GCancellable        *follow_cancellable;

  /* template children */
  GtkLabel            *title_label;
  GtkLabel            *status_label;
  GtkLabel            *overall_label;
  GtkLabel            *max_label;
  GtkLabel            *rating_label;
  GtkRevealer         *progress_revealer;
  GtkLabel            *progress_label;
  GtkProgressBar      *progress_bar;
  AdwPreferencesGroup *objectives_group;
  AdwPreferencesGroup *phases_group;
  AdwPreferencesGroup *roles_group;
  AdwPreferencesGroup *findings_group;
  AdwPreferencesGroup *followup_group;
  GtkListBox          *improvements_list;
};

void dd_review_page_toast (DdReviewPage *self,
                           const char *title);
gboolean dd_review_page_save_now (DdReviewPage *self,
                                  GError **error);
void dd_review_page_load_improvements (DdReviewPage *self);
void dd_review_page_add_improvement_action (GtkWidget *widget,
                                            const char *action_name,
                                            GVariant *param);


/* What the worker thread needs: its own references, nothing shared with
 * the main thread while it runs. */
typedef struct {
  DdPlan     *plan;
  DdScenario *scenario;
  char       *journal_path;
  char       *review_path;     /* review.json, when it exists */
  char       *pdf_path;        /* NULL: paginate only (printing); or .docx, .xlsx */
  char       *csv_path;        /* the timeline as CSV instead */
  DdReportStyle style;         /* the review-style setting */
  char       *store_dir;       /* the drill store with its register, or NULL */
  char       *drill_id;        /* the drill in it */
} Job;

/* dd-review-page-followup.c: the items of earlier drills this drill
 * verified or saw recur, on the page (read in a worker thread) and given
 * to the printed review (in the job's thread) */
void dd_review_page_refresh_follow_up   (DdReviewPage *self);
void dd_review_page_follow_up_to_report (Job          *job,
                                         DdReport     *report);

/* dd-review-page.c and dd-review-page-actions.c */
void dd_review_page_job_free (Job *job);
char *dd_review_page_reports_dir (DdReviewPage *self);
Job *dd_review_page_job_new (DdReviewPage *self,
                             const char *pdf_path,
                             const char *csv_path);
void dd_review_page_report_thread (GTask *task,
                                   gpointer source,
                                   gpointer task_data,
                                   GCancellable *cancellable);
void dd_review_page_set_busy (DdReviewPage *self,
                              const char *message);
void dd_review_page_print_ready_cb (GObject *source,
                                    GAsyncResult *result,
                                    gpointer user_data);
void dd_review_page_export_cap_action (GtkWidget *widget,
                                       const char *action_name,
                                       GVariant *param);
void dd_review_page_export_action (GtkWidget *widget,
                                   const char *action_name,
                                   GVariant *param);
void dd_review_page_print_action (GtkWidget *widget,
                                  const char *action_name,
                                  GVariant *param);
void dd_review_page_open_pdf_action (GtkWidget *widget,
                                     const char *action_name,
                                     GVariant *param);
void dd_review_page_rate_action (GtkWidget *widget,
                                 const char *action_name,
                                 GVariant *param);
void dd_review_page_open_uri_action (GtkWidget *widget,
                                     const char *action_name,
                                     GVariant *param);


G_END_DECLS
