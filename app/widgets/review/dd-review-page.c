/* dd-review-page.c — the end of a drill: scores, ratings, findings, the review
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The drill scored as finished — the same computation as `drilldesk-cli
 * score` on its journal — shown as the overall score, a rating (P/S/M/U)
 * per objective, scores per phase and per role, and the findings grouped
 * by phase with their clauses.  The after-action review (dd-report.h) is
 * laid out and written in a worker thread, so the window stays responsive
 * while a progress bar runs; printing paginates in the thread and draws the
 * pages with the same routine as the PDF.
 *
 * The page shows a drill just ended (dd_review_page_set_drill ()) or a past
 * drill read back from its folder (dd_review_page_set_record ()); either
 * way it only reads the journal.  The improvement plan is edited here and
 * kept in review.json in the drill folder, which the printed review reads.
 */
#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>

#include "dd-drill-record.h"
#include "dd-drill-session.h"
#include "dd-drill-store.h"
#include "dd-year-follow.h"
#include "dd-application.h"
#include "dd-console.h"
#include "dd-error.h"
#include "dd-report.h"
#include "dd-report-csv.h"
#include "dd-review-page-private.h"
#include "dd-why-button.h"


G_DEFINE_FINAL_TYPE (DdReviewPage, dd_review_page, ADW_TYPE_BIN)



void
dd_review_page_job_free (Job *job)
{
  g_clear_object (&job->plan);
  g_clear_object (&job->scenario);
  g_free (job->journal_path);
  g_free (job->review_path);
  g_free (job->pdf_path);
  g_free (job->csv_path);
  g_free (job->store_dir);
  g_free (job->drill_id);
  g_free (job);
}

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

void
dd_review_page_toast (DdReviewPage *self,
                      const char   *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
  else
    g_message ("%s", title);
}

static void
add_row (DdReviewPage        *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, group);
  g_ptr_array_add (self->rows, row);
}

static void
clear_rows (DdReviewPage *self)
{
  for (guint i = 0; i + 1 < self->rows->len; i += 2)
    adw_preferences_group_remove (g_ptr_array_index (self->rows, i), g_ptr_array_index (self->rows, i + 1));
  g_ptr_array_set_size (self->rows, 0);
}

/* @not_assessed: the plan's word for an entry nothing was expected of in
 * this drill, shown instead of a score (NULL: it was assessed) */
static GtkWidget *
score_row (const char *title,
           double      score,
           double      max,
           guint       n_findings,
           const char *not_assessed)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *bar = gtk_level_bar_new_for_interval (0, max > 0 ? max : 100);
  g_autofree char *value = not_assessed != NULL ? g_strdup (not_assessed) : g_strdup_printf ("%.1f", score);
  GtkWidget *label = gtk_label_new (value);
  g_autofree char *subtitle =
    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u finding", "%u findings", n_findings), n_findings);
  g_autofree char *name = g_strdup_printf ("%s: %s", title, value);

  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), not_assessed != NULL ? 0 : CLAMP (score, 0, max));
  gtk_widget_set_visible (bar, not_assessed == NULL);
  gtk_widget_set_size_request (bar, 120, -1);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "numeric");
  gtk_label_set_width_chars (GTK_LABEL (label), 5);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return row;
}

static const char *
not_assessed_name (DdPlan *plan)
{
  const char *name = dd_plan_get_scoring (plan)->not_assessed;

  return name != NULL ? name : _("Not assessed");
}

static const char *
rating_name (DdPlan     *plan,
             const char *id)
{
  GPtrArray *ratings = dd_plan_get_scoring (plan)->ratings;

  if (g_strcmp0 (id, DD_SCORE_NOT_ASSESSED) == 0)
    return not_assessed_name (plan);

  for (guint i = 0; i < ratings->len; i++)
    {
      const DdRating *r = g_ptr_array_index (ratings, i);

      if (g_strcmp0 (r->id, id) == 0)
        return r->name;
    }
  return id;
}

/* Said when the drill did not run to its end */
static char *
status_text (DdReplay *replay)
{
  g_autofree char *at = dd_offset_format (dd_replay_get_as_of (replay));

  if (!dd_replay_is_finished (replay))
    /* Translators: %s is a simulated time such as 1:05:00 */
    return g_strdup_printf (_("Interrupted (not finished): scored as of T+%s, the journal's last record."), at);
  if (dd_replay_ended_early (replay))
    return g_strdup_printf (_("Ended early, at T+%s, before the scenario's last inject."), at);
  return NULL;
}

static void
show_score (DdReviewPage *self)
{
  DdPlan *plan = self->plan;
  DdScenario *scenario = self->scenario;
  DdScore *score = dd_replay_get_score (self->replay);
  GPtrArray *phases = dd_score_get_phases (score);
  GPtrArray *roles = dd_score_get_roles (score);
  GPtrArray *objectives = dd_score_get_objectives (score);
  GPtrArray *findings = dd_score_get_findings (score);
  GPtrArray *scenario_objectives = dd_scenario_get_objectives (scenario);
  double max = dd_score_get_max (score);
  const DdRating *rating = dd_scoring_rate (dd_plan_get_scoring (plan), dd_score_get_overall (score));
  g_autofree char *overall = g_strdup_printf ("%.1f", dd_score_get_overall (score));
  g_autofree char *status = status_text (self->replay);
  g_autofree char *max_text = g_strdup_printf ("/ %.0f", max);
  /* Translators: %s is the scenario's title */
  g_autofree char *title = g_strdup_printf (_("Review: %s"), dd_scenario_get_title (scenario));

  clear_rows (self);
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->status_label, status != NULL ? status : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), status != NULL);
  gtk_label_set_text (self->overall_label, overall);
  gtk_label_set_text (self->max_label, max_text);
  gtk_label_set_text (self->rating_label, rating != NULL ? rating->name : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->overall_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Overall score"), -1);

  for (guint i = 0; i < objectives->len; i++)
    {
      const DdObjectiveScore *o = g_ptr_array_index (objectives, i);
      const DdRatingOverride *set = dd_replay_get_rating (self->replay, o->id);
      const char *text = o->id;
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *letter = g_strdup_printf ("%c", set != NULL ? set->rating : o->rating);
      GtkWidget *chip = gtk_label_new (letter);
      g_autofree char *subtitle = NULL;

      for (guint j = 0; j < scenario_objectives->len; j++)
        {
          const DdObjective *so = g_ptr_array_index (scenario_objectives, j);

          if (g_strcmp0 (so->id, o->id) == 0)
            text = so->text;
        }
      if (set != NULL)
        /* Translators: the evaluator's rating and reason, then the computed suggestion */
        subtitle = g_strdup_printf (_("%c — evaluator: %s · suggested %c — %s"), set->rating, set->reason,
                                    o->rating, rating_name (plan, o->rating_id));
      else
        subtitle = o->assessed ? g_strdup_printf ("%c — %s · %.1f", o->rating, rating_name (plan, o->rating_id), o->score)
                               : g_strdup (not_assessed_name (plan));
      gtk_widget_add_css_class (chip, "rating-chip");
      gtk_widget_set_valign (chip, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (chip), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      rating_name (plan, o->rating_id), -1);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), chip);
      if (o->assessed || set != NULL)
        {
          GtkWidget *rate = gtk_button_new_with_mnemonic (_("_Rate…"));
          g_autofree char *label = g_strdup_printf (_("Rate the objective: %s"), text);

          gtk_widget_set_valign (rate, GTK_ALIGN_CENTER);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (rate), "review.rate");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (rate), "s", o->id);
          gtk_accessible_update_property (GTK_ACCESSIBLE (rate), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), rate);
        }
      add_row (self, self->objectives_group, row);
    }

  for (guint i = 0; i < phases->len; i++)
    {
      const DdScoreEntry *e = g_ptr_array_index (phases, i);
      const DdPhase *phase = dd_plan_lookup_phase (plan, e->id);

      add_row (self, self->phases_group, score_row (phase ? phase->name : e->id, e->score, max, e->n_findings,
                                                    e->assessed ? NULL : not_assessed_name (plan)));
    }
  for (guint i = 0; i < roles->len; i++)
    {
      const DdScoreEntry *e = g_ptr_array_index (roles, i);
      const DdRole *role = dd_plan_lookup_role (plan, e->id);

      add_row (self, self->roles_group, score_row (role ? role->name : e->id, e->score, max, e->n_findings,
                                                   e->assessed ? NULL : not_assessed_name (plan)));
    }

  for (guint p = 0; p < phases->len; p++)
    {
      const DdScoreEntry *e = g_ptr_array_index (phases, p);
      const DdPhase *phase = dd_plan_lookup_phase (plan, e->id);
      GtkWidget *expander;
      g_autofree char *count = NULL;

      if (e->n_findings == 0)
        continue;
      expander = adw_expander_row_new ();
      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u finding", "%u findings", e->n_findings),
                               e->n_findings);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), phase ? phase->name : e->id);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), count);
      for (guint i = 0; i < findings->len; i++)
        {
          const DdFinding *f = g_ptr_array_index (findings, i);
          GtkWidget *row;
          GtkWidget *icon;
          g_autofree char *time = NULL;
          g_autofree char *subtitle = NULL;
          const char *severity = f->severity == DD_FINDING_SEVERITY_CRITICAL ? _("Critical")
                                 : f->severity == DD_FINDING_SEVERITY_MAJOR ? _("Major") : _("Minor");

          if (g_strcmp0 (f->phase, e->id) != 0)
            continue;
          row = adw_action_row_new ();
          icon = gtk_image_new_from_icon_name (f->severity == DD_FINDING_SEVERITY_CRITICAL ? "dialog-error-symbolic"
                                               : f->severity == DD_FINDING_SEVERITY_MAJOR ? "dialog-warning-symbolic"
                                               : "dialog-information-symbolic");
          time = dd_offset_format (f->time);
          subtitle = g_strdup_printf ("%s · § %s · T+%s%s%s", severity, f->clause, time,
                                      f->detail ? " · " : "", f->detail ? f->detail : "");
          gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, severity, -1);
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), f->message);
          adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
          if (f->clause != NULL)
            adw_action_row_add_suffix (ADW_ACTION_ROW (row), dd_why_button_new_for_finding (f));
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
        }
      add_row (self, self->findings_group, expander);
    }
  if (findings->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No findings: the drill followed the plan."));
      add_row (self, self->findings_group, row);
    }
}

char *
dd_review_page_reports_dir (DdReviewPage *self)
{
  return self->folder != NULL ? g_build_filename (self->folder, DD_DRILL_REPORTS_DIR, NULL) : NULL;
}


Job *
dd_review_page_job_new (DdReviewPage *self,
                        const char   *pdf_path,
                        const char   *csv_path)
{
  Job *job = g_new0 (Job, 1);
  g_autoptr(GError) error = NULL;

  /* What is on screen is what gets printed */
  if (!dd_review_page_save_now (self, &error))
    dd_review_page_toast (self, error->message);
  job->plan = g_object_ref (self->plan);
  job->scenario = g_object_ref (self->scenario);
  job->journal_path = g_strdup (self->journal_path);
  if (self->folder != NULL)
    {
      job->review_path = dd_drill_review_path (self->folder);
      if (!g_file_test (job->review_path, G_FILE_TEST_IS_REGULAR))
        g_clear_pointer (&job->review_path, g_free);
    }
  job->pdf_path = g_strdup (pdf_path);
  job->csv_path = g_strdup (csv_path);
  if (self->journal_path != NULL)
    dd_year_follow_store_of (self->journal_path, &job->store_dir, &job->drill_id);
  /* The style chosen in the preferences */
  {
    GApplication *app = g_application_get_default ();
    GSettings *settings = DD_IS_APPLICATION (app) ? dd_application_get_settings (DD_APPLICATION (app)) : NULL;
    g_autofree char *style = settings != NULL ? g_settings_get_string (settings, "review-style") : NULL;

    if (style == NULL || !dd_report_style_from_string (style, &job->style))
      job->style = DD_REPORT_STYLE_REPORT;
  }
  return job;
}

/* Worker thread: the review laid out (and written) */
void
dd_review_page_report_thread (GTask        *task,
                              gpointer      source,
                              gpointer      task_data,
                              GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(DdJournal) journal = NULL;
  g_autoptr(DdReport) report = dd_report_new (job->plan);
  g_autoptr(DdReplay) replay = NULL;
  g_autoptr(GError) error = NULL;
  DdJournalRecovery recovery = { 0 };

  journal = dd_journal_load (job->journal_path, &recovery, &error);
  dd_journal_recovery_clear (&recovery);
  if (journal == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* The same reading as the page's and `drilldesk-cli report`'s */
  replay = dd_replay_new_for_journal (job->plan, job->scenario, journal, &error);
  if (replay == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  dd_report_set_style (report, job->style);
  dd_report_set_replay (report, replay, journal);
  if (job->review_path != NULL && !dd_report_load_sidecar (report, job->review_path, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  dd_review_page_follow_up_to_report (job, report);
  if (job->csv_path != NULL)
    {
      if (!dd_report_write_csv (report, job->csv_path, &error))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, g_steal_pointer (&report), g_object_unref);
      return;
    }
  dd_report_paginate (report);
  /* PDF, Word or Excel by the name's ending */
  if (job->pdf_path != NULL && !dd_report_write_file (report, job->pdf_path, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&report), g_object_unref);
}

static gboolean
pulse_cb (gpointer user_data)
{
  DdReviewPage *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

void
dd_review_page_set_busy (DdReviewPage *self,
                         const char   *message)
{
  gboolean ready;

  self->busy = message != NULL;
  ready = !self->busy && self->journal_path != NULL;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.export-pdf", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.export-csv", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.print", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.export-cap", ready && self->replay != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.add-improvement", self->folder != NULL);
  gtk_revealer_set_reveal_child (self->progress_revealer, self->busy);
  if (message != NULL)
    {
      gtk_label_set_text (self->progress_label, message);
      if (self->pulse == 0)
        self->pulse = g_timeout_add (100, pulse_cb, self);
    }
  else
    g_clear_handle_id (&self->pulse, g_source_remove);
}

/* ------------------------------------------------------------------ */
/* Printing                                                            */

static void
begin_print_cb (GtkPrintOperation *op,
                GtkPrintContext   *context,
                DdReport          *report)
{
  gtk_print_operation_set_n_pages (op, (int) dd_report_get_n_pages (report));
}

static void
request_page_setup_cb (GtkPrintOperation *op,
                       GtkPrintContext   *context,
                       int                page_nr,
                       GtkPageSetup      *setup,
                       DdReport          *report)
{
  gtk_page_setup_set_orientation (setup, dd_report_page_is_landscape (report, (guint) page_nr)
                                  ? GTK_PAGE_ORIENTATION_LANDSCAPE : GTK_PAGE_ORIENTATION_PORTRAIT);
}

static void
draw_page_cb (GtkPrintOperation *op,
              GtkPrintContext   *context,
              int                page_nr,
              DdReport          *report)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);

  dd_report_draw_page (report, cr, (guint) page_nr);
}

void
dd_review_page_print_ready_cb (GObject      *source,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  DdReviewPage *self = DD_REVIEW_PAGE (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdReport) report = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(GtkPrintOperation) op = NULL;
  g_autoptr(GtkPageSetup) setup = NULL;
  GtkRoot *root;

  dd_review_page_set_busy (self, NULL);
  if (report == NULL)
    {
      dd_review_page_toast (self, error->message);
      return;
    }
  root = gtk_widget_get_root (GTK_WIDGET (self));
  op = gtk_print_operation_new ();
  setup = gtk_page_setup_new ();
  gtk_page_setup_set_paper_size (setup, gtk_paper_size_new (GTK_PAPER_NAME_A4));
  gtk_print_operation_set_default_page_setup (op, setup);
  gtk_print_operation_set_unit (op, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (op, TRUE);
  gtk_print_operation_set_job_name (op, dd_report_get_title (report));
  gtk_print_operation_set_embed_page_setup (op, FALSE);
  g_signal_connect_data (op, "begin-print", G_CALLBACK (begin_print_cb), g_object_ref (report),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  g_signal_connect (op, "request-page-setup", G_CALLBACK (request_page_setup_cb), report);
  g_signal_connect (op, "draw-page", G_CALLBACK (draw_page_cb), report);
  if (gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error)
      == GTK_PRINT_OPERATION_RESULT_ERROR)
    dd_review_page_toast (self, error->message);
}

/* Shows a drill as its one replay has it */
static void
show_drill_data (DdReviewPage *self,
                 DdReplay     *replay,
                 const char   *journal_path)
{
  g_autoptr(GError) error = NULL;

  if (!dd_review_page_save_now (self, &error))
    dd_review_page_toast (self, error->message);
  g_set_object (&self->replay, replay);
  g_clear_object (&self->plan);
  g_clear_object (&self->scenario);
  if (replay != NULL)
    {
      self->plan = g_object_ref (dd_replay_get_plan (replay));
      self->scenario = g_object_ref (dd_replay_get_scenario (replay));
    }
  g_free (self->journal_path);
  self->journal_path = g_strdup (journal_path);
  g_free (self->folder);
  self->folder = journal_path != NULL ? g_path_get_dirname (journal_path) : NULL;
  if (replay != NULL)
    show_score (self);
  else
    clear_rows (self);
  dd_review_page_load_improvements (self);
  dd_review_page_refresh_follow_up (self);
  dd_review_page_set_busy (self, NULL);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
dd_review_page_dispose (GObject *object)
{
  DdReviewPage *self = DD_REVIEW_PAGE (object);

  g_clear_handle_id (&self->pulse, g_source_remove);
  g_cancellable_cancel (self->follow_cancellable);
  g_clear_object (&self->follow_cancellable);
  if (self->save_id != 0)
    {
      g_autoptr(GError) error = NULL;

      if (!dd_review_page_save_now (self, &error))
        g_warning ("%s", error->message);
    }
  if (self->improvements_list != NULL)
    gtk_list_box_bind_model (self->improvements_list, NULL, NULL, NULL, NULL);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->drill);
  g_clear_object (&self->record);
  g_clear_object (&self->plan);
  g_clear_object (&self->scenario);
  g_clear_pointer (&self->journal_path, g_free);
  g_clear_pointer (&self->folder, g_free);
  g_clear_object (&self->replay);
  g_clear_object (&self->improvements);
  g_clear_object (&self->clause_labels);
  g_clear_object (&self->owner_labels);
  g_clear_pointer (&self->clause_ids, g_ptr_array_unref);
  g_clear_pointer (&self->owner_ids, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->follow_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (dd_review_page_parent_class)->dispose (object);
}

static void
dd_review_page_class_init (DdReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_review_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/dd-review-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DdReviewPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, DdReviewPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, DdReviewPage, overall_label);
  gtk_widget_class_bind_template_child (widget_class, DdReviewPage, max_label);
  gtk_widget_class_bind_template_child (widget_class, DdReviewPage, rating_label);
  gtk_widget_class_bind_template_child (widget_class, DdReviewPage, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, DdReviewPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, DdReviewPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, DdReviewPage, objectives_group);
  gtk_widget_class_bind_template_child (widget_class, DdReviewPage, phases_group);
  gtk_widget_class_bind_template_child (widget_class, DdReviewPage, roles_group);
  gtk_widget_class_bind_template_child (widget_class, DdReviewPage, findings_group);
  gtk_widget_class_bind_template_child (widget_class, DdReviewPage, followup_group);
  gtk_widget_class_bind_template_child (widget_class, DdReviewPage, improvements_list);

  gtk_widget_class_install_action (widget_class, "review.export-pdf", NULL, dd_review_page_export_action);
  gtk_widget_class_install_action (widget_class, "review.export-csv", NULL, dd_review_page_export_action);
  gtk_widget_class_install_action (widget_class, "review.export-cap", NULL, dd_review_page_export_cap_action);
  gtk_widget_class_install_action (widget_class, "review.add-improvement", NULL, dd_review_page_add_improvement_action);
  gtk_widget_class_install_action (widget_class, "review.print", NULL, dd_review_page_print_action);
  gtk_widget_class_install_action (widget_class, "review.open-uri", "s", dd_review_page_open_uri_action);
  gtk_widget_class_install_action (widget_class, "review.open-pdf", NULL, dd_review_page_open_pdf_action);
  gtk_widget_class_install_action (widget_class, "review.rate", "s", dd_review_page_rate_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "review.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "review.export-pdf", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "review.export-csv", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "review.add-improvement", NULL);
}

static void
dd_review_page_init (DdReviewPage *self)
{
  self->rows = g_ptr_array_new ();
  self->follow_rows = g_ptr_array_new ();
  self->clause_ids = g_ptr_array_new_with_free_func (g_free);
  self->owner_ids = g_ptr_array_new_with_free_func (g_free);
  dd_console_ensure_style ();
  gtk_widget_init_template (GTK_WIDGET (self));
  dd_review_page_set_busy (self, NULL);
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */

GtkWidget *
dd_review_page_new (void)
{
  return g_object_new (DD_TYPE_REVIEW_PAGE, NULL);
}

void
dd_review_page_set_drill (DdReviewPage *self,
                          DdDrill      *drill)
{
  g_return_if_fail (DD_IS_REVIEW_PAGE (self));
  g_return_if_fail (drill == NULL || DD_IS_DRILL (drill));

  g_set_object (&self->drill, drill);
  g_clear_object (&self->record);
  if (drill != NULL)
    show_drill_data (self, dd_drill_get_replay (drill),
                     dd_drill_get_journal (drill) ? dd_journal_get_path (dd_drill_get_journal (drill)) : NULL);
  else
    show_drill_data (self, NULL, NULL);
}

/**
 * dd_review_page_set_record:
 * @record: (nullable): a past drill read back from its folder
 *
 * Shows @record's scores (read-only: the journal is not reopened).
 */
void
dd_review_page_set_record (DdReviewPage  *self,
                           DdDrillRecord *record)
{
  g_return_if_fail (DD_IS_REVIEW_PAGE (self));
  g_return_if_fail (record == NULL || DD_IS_DRILL_RECORD (record));

  g_clear_object (&self->drill);
  g_set_object (&self->record, record);
  if (record != NULL)
    show_drill_data (self, dd_drill_record_get_replay (record),
                     dd_journal_get_path (dd_drill_record_get_journal (record)));
  else
    show_drill_data (self, NULL, NULL);
}

GListModel *
dd_review_page_get_improvements (DdReviewPage *self)
{
  g_return_val_if_fail (DD_IS_REVIEW_PAGE (self), NULL);
  return G_LIST_MODEL (self->improvements);
}

gboolean
dd_review_page_add_improvement (DdReviewPage  *self,
                                const char    *action,
                                const char    *clause,
                                const char    *owner,
                                const char    *due,
                                GError       **error)
{
  g_autoptr(DdImprovement) item = NULL;

  g_return_val_if_fail (DD_IS_REVIEW_PAGE (self), FALSE);

  if (self->improvements == NULL)
    {
      g_set_error_literal (error, DD_ERROR, DD_ERROR_STATE, _("No drill is shown."));
      return FALSE;
    }
  item = dd_improvement_new (action, clause, owner, due);
  g_list_store_append (self->improvements, item);
  return dd_review_page_save_now (self, error);
}

gboolean
dd_review_page_save_improvements (DdReviewPage  *self,
                                  GError       **error)
{
  g_return_val_if_fail (DD_IS_REVIEW_PAGE (self), FALSE);
  return dd_review_page_save_now (self, error);
}

DdScore *
dd_review_page_get_score (DdReviewPage *self)
{
  g_return_val_if_fail (DD_IS_REVIEW_PAGE (self), NULL);
  return self->replay != NULL ? dd_replay_get_score (self->replay) : NULL;
}

gboolean
dd_review_page_rate_objective (DdReviewPage  *self,
                               const char    *objective_id,
                               char           letter,
                               const char    *reason,
                               GError       **error)
{
  g_autoptr(DdRatingOverride) rating = NULL;
  gboolean ok;

  g_return_val_if_fail (DD_IS_REVIEW_PAGE (self), FALSE);

  rating = dd_rating_override_new (objective_id, letter, reason);
  if (self->drill != NULL)
    ok = dd_drill_rate_objective (self->drill, rating, error);
  else if (self->record != NULL)
    ok = dd_drill_record_rate (self->record, rating, error);
  else
    {
      g_set_error_literal (error, DD_ERROR, DD_ERROR_STATE, _("No drill is shown."));
      return FALSE;
    }
  if (ok)
    show_score (self);
  return ok;
}

char *
dd_review_page_get_file_name (DdReviewPage *self,
                              gboolean      csv)
{
  const char *date = NULL;
  g_autofree char *today = NULL;
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (DD_IS_REVIEW_PAGE (self), NULL);

  if (self->replay != NULL)
    date = dd_drill_options_get_text (dd_replay_get_options (self->replay), "date");
  if (date == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      date = today = g_date_time_format (now, "%Y-%m-%d");
    }
  /* A file name: no folder separators from the title */
  title = g_strdup (self->scenario != NULL ? dd_scenario_get_title (self->scenario) : "");
  g_strdelimit (title, "/\\:*?\"<>|", ' ');
  if (csv)
    /* Translators: a file name: the drill's date and title; .csv is added */
    name = g_strdup_printf (_("%s %s Timeline"), date, title);
  else
    /* Translators: a file name: the drill's date and title; .pdf is added */
    name = g_strdup_printf (_("%s %s After-Action Review"), date, title);
  return g_strconcat (g_strstrip (name), csv ? ".csv" : ".pdf", NULL);
}

const char *
dd_review_page_get_status_text (DdReviewPage *self)
{
  g_return_val_if_fail (DD_IS_REVIEW_PAGE (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->status_label)) ? gtk_label_get_text (self->status_label) : NULL;
}

const char *
dd_review_page_get_overall_text (DdReviewPage *self)
{
  g_return_val_if_fail (DD_IS_REVIEW_PAGE (self), NULL);
  return gtk_label_get_text (self->overall_label);
}

static void
write_async (DdReviewPage        *self,
             GFile               *file,
             gboolean             csv,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_review_page_write_pdf_async);
  path = g_file_get_path (file);
  if (self->journal_path == NULL || path == NULL || self->busy)
    {
      g_task_return_new_error (task, DD_ERROR, DD_ERROR_STATE, _("The review cannot be written now."));
      return;
    }
  dd_review_page_set_busy (self, csv ? _("Writing the timeline…") : _("Writing the after-action review…"));
  g_task_set_task_data (task, csv ? dd_review_page_job_new (self, NULL, path) : dd_review_page_job_new (self, path, NULL),
                        (GDestroyNotify) dd_review_page_job_free);
  /* A .docx has pictures, text drawn into pixels: cairo 1.16's glyph page
   * cache may drop the glyphs the window is measuring when another thread
   * rasterises text (a crash seen under ASan), so its pictures are drawn
   * here, on the main thread; a PDF keeps its text as text */
  if (g_str_has_suffix (path, ".docx"))
    dd_review_page_report_thread (task, self, g_task_get_task_data (task), cancellable);
  else
    g_task_run_in_thread (task, dd_review_page_report_thread);
}

void
dd_review_page_write_pdf_async (DdReviewPage        *self,
                                GFile               *file,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (DD_IS_REVIEW_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));
  write_async (self, file, FALSE, cancellable, callback, user_data);
}

/* Finish with dd_review_page_write_pdf_finish () */
void
dd_review_page_write_csv_async (DdReviewPage        *self,
                                GFile               *file,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (DD_IS_REVIEW_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));
  write_async (self, file, TRUE, cancellable, callback, user_data);
}

gboolean
dd_review_page_write_pdf_finish (DdReviewPage *self,
                                 GAsyncResult *result,
                                 GError      **error)
{
  g_autoptr(DdReport) report = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (g_task_get_source_tag (G_TASK (result)) == dd_review_page_write_pdf_async)
    dd_review_page_set_busy (self, NULL);
  report = g_task_propagate_pointer (G_TASK (result), error);
  return report != NULL;
}
