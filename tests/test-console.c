/* test-console.c — the drill in the window: setup, console, report form,
 * decisions, notes, presenter, review, resuming
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Widget tests (gtk_test_init): a bundled scenario, a drill in a drill
 * store in a temporary folder, the clock moved by hand.
 */
#include "config.h"

#include "dd-test-gui.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "dd-console.h"
#include "dd-console-util.h"
#include "dd-correction-dialog.h"
#include "dd-drill-session.h"
#include "dd-error.h"
#include "dd-drill-setup.h"
#include "dd-presenter-window.h"
#include "dd-report-form.h"
#include "dd-review-page.h"
#include "dd-test-console.h"

static void
fill_report_but_time (DdReportForm *form)
{
  const char *to[] = { "office", "city-gov", NULL };

  dd_report_form_set_report_type (form, "first");
  dd_report_form_set_recipients (form, to);
  dd_report_form_set_field (form, "reporting-unit", "市大数据局");
  dd_report_form_set_field (form, "incident-unit", "市大数据局（市政务云平台）");
  dd_report_form_set_field (form, "start-time", "2025-06-17 07:55");
  dd_report_form_set_field (form, "filler", "王晓东");
  dd_report_form_set_field (form, "reviewer", "李建国");
  dd_report_form_set_field (form, "category", "harmful-program");
  dd_report_form_set_field (form, "severity", "major");
  dd_report_form_set_field (form, "hazards", "system-paralysis data-destruction");
  dd_report_form_set_field (form, "description", "政务云遭勒索病毒攻击，多台虚拟机被加密。");
  dd_report_form_set_field (form, "measures", "已隔离跳板机。");
  dd_report_form_set_field (form, "consequences", "社保等业务中断。");
}

static void
fill_report (DdReportForm *form)
{
  fill_report_but_time (form);
  dd_report_form_set_field (form, "report-time", "2025-06-17 08:40");
}

static void
test_console_shows_drill (DdTestConsole       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dd_console_get_drill (fixture->console) == fixture->drill);
  g_assert_false (dd_console_get_training (fixture->console));
  g_assert_cmpuint (dd_console_get_n_feed_rows (fixture->console), ==, 0);

  /* Jump: the first inject is delivered (and journalled) and listed */
  g_assert_true (dd_drill_jump_to_next_inject (fixture->drill, &error));
  g_assert_no_error (error);
  dd_test_console_iterate ();
  g_assert_cmpuint (dd_console_get_n_feed_rows (fixture->console), ==, 1);
  g_assert_cmpuint (dd_test_console_count_on_disk (fixture, "inject", NULL), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->console), "console.next-inject", NULL));
  dd_test_console_iterate ();
  g_assert_cmpuint (dd_console_get_n_feed_rows (fixture->console), ==, 2);
}

static void
test_console_files_report (DdTestConsole       *fixture,
                           gconstpointer  data)
{
  DdReportForm *form = DD_REPORT_FORM (dd_console_get_report_form (fixture->console));
  g_autoptr(GError) error = NULL;
  g_autofree char *hazards = NULL;
  guint findings_before;

  g_assert_cmpuint (dd_console_get_n_finding_rows (fixture->console), ==, 0);

  /* Late: an hour in, so the plan's reporting deadlines have passed */
  g_assert_true (dd_drill_advance_to (fixture->drill, 3600, &error));
  g_assert_no_error (error);
  dd_test_console_iterate ();
  findings_before = dd_console_get_n_finding_rows (fixture->console);
  g_assert_cmpuint (findings_before, >, 0);   /* overdue */
  g_assert_cmpuint (findings_before, ==, g_list_model_get_n_items (dd_console_get_findings_list_model (fixture->console)));

  g_assert_true (dd_console_select_role (fixture->console, "bigdata"));
  g_assert_true (dd_console_select_action (fixture->console, "report"));

  /* An empty form is refused, and nothing reaches the journal */
  g_assert_false (dd_console_record (fixture->console, FALSE, &error));
  g_assert_error (error, DD_ERROR, DD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (dd_report_form_validate (form), >, 10);
  g_assert_cmpuint (dd_test_console_count_records (dd_drill_get_journal (fixture->drill), "action", NULL), ==, 0);

  /* A bad time is refused too */
  fill_report (form);
  dd_report_form_set_field (form, "start-time", "07:55");
  g_assert_cmpuint (dd_report_form_validate (form), ==, 1);
  dd_report_form_set_field (form, "start-time", "2025-06-17 07:55");
  g_assert_cmpuint (dd_report_form_validate (form), ==, 0);
  hazards = dd_report_form_get_field (form, "hazards");
  g_assert_cmpstr (hazards, ==, "system-paralysis data-destruction");

  g_assert_true (dd_console_record (fixture->console, FALSE, &error));
  g_assert_no_error (error);
  dd_test_console_iterate ();

  /* On disk, with the form's fields */
  g_assert_cmpuint (dd_test_console_count_on_disk (fixture, "action", "report"), ==, 1);
  {
    GPtrArray *actions = dd_drill_get_actions (fixture->drill);
    const DdAction *a = g_ptr_array_index (actions, 0);

    g_assert_cmpuint (actions->len, ==, 1);
    g_assert_cmpstr (a->role, ==, "bigdata");
    g_assert_cmpstr (a->report_type, ==, "first");
    g_assert_cmpstr (dd_action_get_field (a, "severity"), ==, "major");
    g_assert_true (dd_action_has_recipient (a, "city-gov"));
    g_assert_cmpint (a->at, ==, 3600);
  }

  /* The report was late: the list now shows findings about it */
  {
    GListModel *model = dd_console_get_findings_list_model (fixture->console);
    gboolean about_report = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr(DdDrillItem) item = g_list_model_get_item (model, i);

        about_report |= dd_drill_item_get_finding (item)->action_index == 0;
      }
    g_assert_true (about_report);
  }
  g_assert_cmpuint (dd_console_get_n_finding_rows (fixture->console), ==,
                    g_list_model_get_n_items (dd_console_get_findings_list_model (fixture->console)));

  /* The form is empty again for the next report */
  g_assert_null (dd_report_form_get_field (form, "filler"));
}

static void
test_console_decision_breaking_rule (DdTestConsole       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  DdScore *score;

  /* The office decides a level I response itself: recorded all the same */
  g_assert_true (dd_console_select_role (fixture->console, "office"));
  g_assert_true (dd_console_select_action (fixture->console, "decide-response"));
  g_assert_true (dd_console_select_level (fixture->console, "I"));
  g_assert_true (dd_console_record (fixture->console, TRUE, &error));
  g_assert_no_error (error);
  dd_test_console_iterate ();

  g_assert_cmpuint (dd_test_console_count_on_disk (fixture, "action", "decide-response"), ==, 1);
  score = dd_drill_get_score (fixture->drill);
  g_assert_nonnull (dd_score_find (score, "response-I-authority", NULL));
  g_assert_cmpuint (dd_console_get_n_finding_rows (fixture->console), >, 0);
}

/* The number of times @needle occurs in @haystack */
static guint
occurrences (const char *haystack,
             const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
test_console_rules_quoted_once (DdTestConsole       *fixture,
                                gconstpointer  data)
{
  DdReplay *replay = dd_drill_get_replay (fixture->drill);
  const DdResponseLevel *level = dd_plan_lookup_response_level (fixture->plan, "I");
  g_autoptr(GPtrArray) rules = dd_replay_rules_for (replay, "propose-response", "I");
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *procedure = g_strdup_printf ("§ %s “%s”", level->procedure_clause, level->procedure);

  /* The decision dialog quotes the level's procedure, then the rules:
   * words of the plan appear once however many rules cite them */
  g_string_append_printf (body, "%s\n", procedure);
  dd_console_append_rules (replay, body, "propose-response", "I");
  g_assert_cmpuint (rules->len, >, 0);
  g_assert_cmpuint (occurrences (body->str, procedure), ==, 1);
  for (guint i = 0; i < rules->len; i++)
    {
      const DdRule *r = g_ptr_array_index (rules, i);
      g_autofree char *quote = g_strdup_printf ("§ %s “%s”", r->clause, r->text);

      g_assert_cmpuint (occurrences (body->str, quote), ==, 1);
    }
}

static void
test_console_decision_asks_first (DdTestConsole       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* Unconfirmed, a decision opens the dialog and records nothing yet */
  g_assert_true (dd_console_select_role (fixture->console, "commander"));
  g_assert_true (dd_console_select_action (fixture->console, "decide-response"));
  g_assert_true (dd_console_select_level (fixture->console, "I"));
  g_assert_true (dd_console_record (fixture->console, FALSE, &error));
  g_assert_no_error (error);
  dd_test_console_iterate ();
  g_assert_cmpuint (dd_test_console_count_records (dd_drill_get_journal (fixture->drill), "action", NULL), ==, 0);
}

static void
test_console_note (DdTestConsole       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dd_console_add_note (fixture->console, "办公室研判组织有序", TRUE, "warning", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dd_test_console_count_on_disk (fixture, "note", NULL), ==, 1);
}

static void
test_console_training_explains (DdTestConsole       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dd_console_get_training (fixture->console));
  /* Training: the clock runs by itself */
  g_assert_true (dd_drill_is_running (fixture->drill));
  dd_drill_pause (fixture->drill);

  g_assert_true (dd_console_select_role (fixture->console, "news"));
  g_assert_true (dd_console_select_action (fixture->console, "release-info"));
  dd_console_set_content (fixture->console, "发布情况通报。");
  g_assert_true (dd_console_record (fixture->console, FALSE, &error));
  g_assert_no_error (error);
  dd_test_console_iterate ();
  /* Released without the headquarters' opinion: a finding to explain */
  g_assert_nonnull (dd_score_find (dd_drill_get_score (fixture->drill), "release-prerequisite", NULL));
}

static void
pdf_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (dd_review_page_write_pdf_finish (DD_REVIEW_PAGE (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_console_end_and_review (DdTestConsole       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdScore) expected = NULL;
  g_autoptr(GFile) pdf = NULL;
  g_autofree char *pdf_path = NULL;
  g_autofree char *overall = NULL;
  DdReviewPage *review;
  gboolean done = FALSE;

  g_assert_true (dd_console_select_role (fixture->console, "bigdata"));
  g_assert_true (dd_console_select_action (fixture->console, "detect"));
  g_assert_true (dd_console_record (fixture->console, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (dd_console_end (fixture->console, &error));
  g_assert_no_error (error);
  g_assert_true (dd_drill_is_finished (fixture->drill));
  g_assert_cmpuint (dd_test_console_count_on_disk (fixture, "end", NULL), ==, 1);

  /* The review shows what the command line computes from the journal */
  review = DD_REVIEW_PAGE (dd_review_page_new ());
  g_object_ref_sink (review);
  dd_review_page_set_drill (review, fixture->drill);
  expected = dd_score_compute (fixture->plan, fixture->scenario, dd_drill_get_actions (fixture->drill), 0, TRUE);
  overall = g_strdup_printf ("%.1f", dd_score_get_overall (expected));
  g_assert_cmpstr (dd_review_page_get_overall_text (review), ==, overall);

  /* The after-action review, written in a thread */
  pdf_path = g_build_filename (fixture->dir, "review.pdf", NULL);
  pdf = g_file_new_for_path (pdf_path);
  dd_review_page_write_pdf_async (review, pdf, NULL, pdf_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_file_test (pdf_path, G_FILE_TEST_IS_REGULAR));
  g_object_unref (review);
}

static void
test_console_resume (DdTestConsole       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdDrill) resumed = NULL;
  g_autoptr(GListModel) unfinished = NULL;

  g_assert_true (dd_drill_advance_to (fixture->drill, 600, &error));
  g_assert_true (dd_console_add_note (fixture->console, "记录一条观察", FALSE, NULL, &error));
  g_assert_true (dd_console_select_role (fixture->console, "bigdata"));
  g_assert_true (dd_console_select_action (fixture->console, "detect"));
  g_assert_true (dd_console_record (fixture->console, FALSE, &error));
  g_assert_no_error (error);

  /* The window goes away mid-drill */
  dd_console_set_drill (fixture->console, NULL);
  g_clear_object (&fixture->drill);

  unfinished = dd_drill_store_list_unfinished (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (unfinished), ==, 1);

  resumed = dd_drill_session_resume (fixture->info, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dd_drill_get_actions (resumed)->len, ==, 1);
  g_assert_cmpint (dd_drill_get_time (resumed), ==, 600);
  g_assert_cmpfloat (dd_drill_get_speed (resumed), ==, 4.0);
  g_assert_cmpstr (dd_drill_options_get_player (dd_drill_get_options (resumed), "commander"), ==, "张三");
  dd_console_set_drill (fixture->console, resumed);
  dd_test_console_iterate ();
  g_assert_cmpuint (dd_console_get_n_feed_rows (fixture->console), ==,
                    g_list_model_get_n_items (dd_drill_get_inject_model (resumed)));
  fixture->drill = g_object_ref (resumed);
}

static void
test_presenter (DdTestConsole       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  DdPresenterWindow *presenter = DD_PRESENTER_WINDOW (dd_presenter_window_new (fixture->drill));
  g_autofree char *before = NULL;
  double small;

  gtk_window_set_default_size (GTK_WINDOW (presenter), 800, 450);
  gtk_window_present (GTK_WINDOW (presenter));
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  before = g_strdup (dd_presenter_window_get_clock (presenter));
  g_assert_true (dd_drill_advance_to (fixture->drill, 1800, &error));
  g_assert_cmpstr (dd_presenter_window_get_clock (presenter), !=, before);
  small = dd_presenter_window_get_clock_size (presenter);
  g_assert_cmpfloat (small, >, 0);
  gtk_window_destroy (GTK_WINDOW (presenter));
}

static void
test_setup_page (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPlan) plan = dd_plan_load_default (&error);
  g_autofree char *path = g_build_filename (g_getenv ("DD_SOURCE_ROOT"), "scenarios",
                                            "ransomware-gov-cloud", "scenario.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  DdDrillSetup *setup = DD_DRILL_SETUP (g_object_ref_sink (dd_drill_setup_new ()));
  g_autoptr(JsonObject) options = NULL;

  dd_drill_setup_set_plan (setup, plan);
  g_assert_true (dd_drill_setup_load_file (setup, file, &error));
  g_assert_no_error (error);
  g_assert_nonnull (dd_drill_setup_get_scenario (setup));

  dd_drill_setup_set_player (setup, "commander", "李副市长");
  dd_drill_setup_set_training (setup, TRUE);
  options = dd_drill_setup_get_options (setup);
  g_assert_true (dd_drill_options_get_training (options));
  g_assert_cmpstr (dd_drill_options_get_player (options, "commander"), ==, "李副市长");
  /* The scenario's own players are kept */
  g_assert_cmpstr (dd_drill_options_get_player (options, "news"), ==, "市政府新闻办");
  /* Training runs at the pace of real time (issue 17) */
  g_assert_cmpfloat (dd_drill_options_get_speed (options, 0), ==, 1.0);
  g_object_unref (setup);
}


/* The simulated time @seconds after the start, as the form writes it */
static char *
form_time (DdTestConsole *fixture,
           gint64   seconds)
{
  g_autoptr(GDateTime) dt = dd_scenario_offset_to_datetime (fixture->scenario, seconds);

  return g_date_time_format (dt, "%Y-%m-%d %H:%M");
}

static void
test_console_report_time_of_filing (DdTestConsole       *fixture,
                                    gconstpointer  data)
{
  DdReportForm *form = DD_REPORT_FORM (dd_console_get_report_form (fixture->console));
  g_autoptr(GError) error = NULL;
  g_autofree char *opened = form_time (fixture, 0);
  g_autofree char *filed = form_time (fixture, 1800);
  const DdAction *a;

  /* The form was opened at T+0 and says so */
  g_assert_true (dd_console_select_role (fixture->console, "bigdata"));
  g_assert_true (dd_console_select_action (fixture->console, "report"));
  {
    g_autofree char *shown = dd_report_form_get_field (form, "report-time");

    g_assert_cmpstr (shown, ==, opened);
  }
  fill_report_but_time (form);

  /* Filed half an hour later: the report keeps the time it is filed */
  g_assert_true (dd_drill_advance_to (fixture->drill, 1800, &error));
  g_assert_true (dd_console_record (fixture->console, FALSE, &error));
  g_assert_no_error (error);
  a = g_ptr_array_index (dd_drill_get_actions (fixture->drill), 0);
  g_assert_cmpint (a->at, ==, 1800);
  g_assert_cmpstr (dd_action_get_field (a, "report-time"), ==, filed);
}

static void
test_console_incomplete_report (DdTestConsole       *fixture,
                                gconstpointer  data)
{
  DdReportForm *form = DD_REPORT_FORM (dd_console_get_report_form (fixture->console));
  const char *to[] = { "office", "city-gov", NULL };
  g_autoptr(GError) error = NULL;
  GPtrArray *findings;
  gboolean judged = FALSE;

  g_assert_true (dd_console_select_role (fixture->console, "bigdata"));
  g_assert_true (dd_console_select_action (fixture->console, "report"));
  dd_report_form_set_report_type (form, "first");
  dd_report_form_set_field (form, "reporting-unit", "市大数据局");
  dd_report_form_set_field (form, "description", "政务云遭勒索病毒攻击。");

  /* Sent to nobody: no report at all, even when confirmed */
  g_assert_false (dd_console_record (fixture->console, TRUE, &error));
  g_assert_error (error, DD_ERROR, DD_ERROR_INVALID);
  g_clear_error (&error);

  /* Incomplete: the director is asked first, nothing is recorded yet */
  dd_report_form_set_recipients (form, to);
  g_assert_true (dd_console_record (fixture->console, FALSE, &error));
  g_assert_no_error (error);
  dd_test_console_iterate ();
  g_assert_cmpuint (dd_test_console_count_records (dd_drill_get_journal (fixture->drill), "action", NULL), ==, 0);

  /* Sent as it is: recorded, and judged by the completeness rules */
  g_assert_true (dd_console_record (fixture->console, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dd_test_console_count_on_disk (fixture, "action", "report"), ==, 1);
  g_assert_null (dd_action_get_field (g_ptr_array_index (dd_drill_get_actions (fixture->drill), 0), "filler"));
  findings = dd_score_get_findings (dd_drill_get_score (fixture->drill));
  for (guint i = 0; i < findings->len; i++)
    {
      const DdFinding *f = g_ptr_array_index (findings, i);

      judged |= f->kind == DD_FINDING_KIND_COMPLETENESS && f->action_index == 0;
    }
  g_assert_true (judged);
}

static void
test_console_role_filter (DdTestConsole       *fixture,
                          gconstpointer  data)
{
  DdActPanel *act = dd_console_get_act_panel (fixture->console);
  g_autoptr(GError) error = NULL;

  g_assert_true (dd_console_select_role (fixture->console, "bigdata"));
  g_assert_true (dd_console_select_action (fixture->console, "detect"));
  g_assert_cmpstr (dd_act_panel_get_role (act), ==, "bigdata");

  /* The search hides the chosen role: it is no longer the one who acts */
  dd_act_panel_set_role_search (act, "新闻办");
  g_assert_null (dd_act_panel_get_role (act));
  g_assert_false (dd_console_select_role (fixture->console, "bigdata"));
  g_assert_false (dd_console_record (fixture->console, TRUE, &error));
  g_assert_error (error, DD_ERROR, DD_ERROR_INVALID);
  g_assert_cmpuint (dd_test_console_count_records (dd_drill_get_journal (fixture->drill), "action", NULL), ==, 0);
  g_clear_error (&error);

  /* A role the search shows can act */
  g_assert_true (dd_console_select_role (fixture->console, "news"));
  g_assert_true (dd_console_record (fixture->console, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (((DdAction *) g_ptr_array_index (dd_drill_get_actions (fixture->drill), 0))->role, ==, "news");
}

static void
test_console_space_in_list (DdTestConsole       *fixture,
                            gconstpointer  data)
{
  DdActPanel *act = dd_console_get_act_panel (fixture->console);

  /* Nothing that takes Space has the focus: Space runs the clock */
  gtk_window_set_focus (fixture->window, NULL);
  g_assert_true (dd_console_space_runs_clock (fixture->console));
  /* A row of the action list has it: Space is the list's */
  g_assert_true (gtk_widget_grab_focus (dd_act_panel_get_action_row (act, 0)));
  g_assert_false (dd_console_space_runs_clock (fixture->console));
  g_assert_true (gtk_widget_grab_focus (dd_act_panel_get_record_button (act)));
  g_assert_false (dd_console_space_runs_clock (fixture->console));
  g_assert_false (dd_drill_is_running (fixture->drill));
}

static void
test_console_countdown (DdTestConsole       *fixture,
                        gconstpointer  data)
{
  DdClockPanel *clock = dd_console_get_clock_panel (fixture->console);
  g_autoptr(GError) error = NULL;

  g_assert_true (dd_drill_jump_to_next_inject (fixture->drill, &error));
  /* Paused: how much simulated time is left */
  g_assert_nonnull (strstr (dd_clock_panel_get_next_text (clock), "simulated time away"));
  /* Running: how much wall-clock time is left */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->console), "console.run-pause", NULL));
  g_assert_true (dd_drill_is_running (fixture->drill));
  g_assert_nonnull (strstr (dd_clock_panel_get_next_text (clock), "of wall-clock time"));
  dd_drill_pause (fixture->drill);
}

static void
test_console_contingency (DdTestConsole       *fixture,
                          gconstpointer  data)
{
  DdClockPanel *clock = dd_console_get_clock_panel (fixture->console);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) buttons = NULL;

  /* The first report is late: the call that chases it can be delivered */
  g_assert_true (dd_drill_advance_to (fixture->drill, 16 * 60, &error));
  dd_test_console_iterate ();
  g_assert_cmpuint (dd_clock_panel_get_n_late_rows (clock), >, 0);
  buttons = dd_clock_panel_get_contingency_buttons (clock);
  g_assert_cmpuint (buttons->len, >, 0);
  g_assert_false (dd_drill_is_delivered (fixture->drill, "no-report-call"));
  dd_clock_panel_show_late (clock);
  dd_test_console_iterate ();
  g_signal_emit_by_name (g_ptr_array_index (buttons, 0), "clicked");
  dd_test_console_iterate ();
  g_assert_true (dd_drill_is_delivered (fixture->drill, "no-report-call"));
}

static void
test_console_training_speed (DdTestConsole       *fixture,
                             gconstpointer  data)
{
  /* Set up at ×4: training starts in real time */
  g_assert_true (dd_console_get_training (fixture->console));
  g_assert_cmpfloat (dd_drill_get_speed (fixture->drill), ==, 1.0);
  dd_drill_pause (fixture->drill);
}

static void
test_console_record_log (DdTestConsole       *fixture,
                         gconstpointer  data)
{
  DdRecordLog *log = dd_console_get_record_log (fixture->console);
  g_autoptr(GError) error = NULL;
  GPtrArray *recorded;
  guint64 detect_seq, assess_seq;
  GtkWidget *dialog;

  g_assert_cmpuint (dd_record_log_get_n_rows (log), ==, 0);
  g_assert_true (dd_drill_advance_to (fixture->drill, 600, &error));
  g_assert_true (dd_console_select_role (fixture->console, "bigdata"));
  g_assert_true (dd_console_select_action (fixture->console, "detect"));
  g_assert_true (dd_console_record (fixture->console, TRUE, &error));
  g_assert_true (dd_drill_advance_to (fixture->drill, 1200, &error));
  g_assert_true (dd_console_select_role (fixture->console, "news"));
  g_assert_true (dd_console_select_action (fixture->console, "assess"));
  g_assert_true (dd_console_record (fixture->console, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dd_record_log_get_n_rows (log), ==, 2);
  recorded = dd_replay_get_recorded (dd_drill_get_replay (fixture->drill));
  detect_seq = ((DdRecordedAction *) g_ptr_array_index (recorded, 0))->seq;
  assess_seq = ((DdRecordedAction *) g_ptr_array_index (recorded, 1))->seq;
  /* Newest first */
  g_assert_cmpstr (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (dd_record_log_get_row (log, 0))) ==
                   GTK_ACCESSIBLE_ROLE_LIST_ITEM ? "item" : "other", ==, "item");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (dd_record_log_get_row (log, 0))), ==,
                   dd_plan_lookup_action_kind (fixture->plan, "assess")->name);

  /* Wrong role: the office assessed, not the news office; a reason is required */
  dialog = dd_record_log_correct (log, assess_seq);
  dd_correction_dialog_set_role (DD_CORRECTION_DIALOG (dialog), "office");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "correct"));
  g_assert_false (dd_correction_dialog_apply (DD_CORRECTION_DIALOG (dialog), &error));
  g_assert_error (error, DD_ERROR, DD_ERROR_INVALID);
  g_clear_error (&error);
  dd_correction_dialog_set_reason (DD_CORRECTION_DIALOG (dialog), "记录时点错了单位");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "correct"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "correct");
  gtk_window_destroy (GTK_WINDOW (dialog));
  dd_test_console_iterate ();
  g_assert_cmpuint (dd_test_console_count_on_disk (fixture, "correction", NULL), ==, 1);
  g_assert_cmpuint (dd_test_console_count_on_disk (fixture, "action", NULL), ==, 2);   /* nothing rewritten */
  g_assert_cmpstr (((DdAction *) g_ptr_array_index (dd_drill_get_actions (fixture->drill), 1))->role, ==, "office");
  g_assert_true (gtk_widget_has_css_class (dd_record_log_get_row (log, 0), "corrected"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (dd_record_log_get_row (log, 0))),
                            "记录时点错了单位"));

  /* A mistaken click: withdrawn, struck out, no longer judged */
  dialog = dd_record_log_correct (log, detect_seq);
  dd_correction_dialog_set_withdraw (DD_CORRECTION_DIALOG (dialog), TRUE);
  dd_correction_dialog_set_reason (DD_CORRECTION_DIALOG (dialog), "误点");
  g_assert_true (dd_correction_dialog_apply (DD_CORRECTION_DIALOG (dialog), &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (dialog));
  dd_test_console_iterate ();
  g_assert_cmpuint (dd_drill_get_actions (fixture->drill)->len, ==, 1);
  g_assert_cmpuint (dd_record_log_get_n_rows (log), ==, 2);
  g_assert_true (gtk_widget_has_css_class (dd_record_log_get_row (log, 1), "withdrawn"));
  g_assert_cmpuint (dd_test_console_count_on_disk (fixture, "correction", NULL), ==, 2);
}

/* Whether @widget lies wholly inside @area (both laid out) */
static gboolean
inside (GtkWidget *widget,
        GtkWidget *area)
{
  graphene_rect_t bounds;

  if (!gtk_widget_compute_bounds (widget, area, &bounds))
    return FALSE;
  return bounds.origin.y >= -0.5 && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (area) + 0.5 &&
         bounds.origin.x >= -0.5 && bounds.origin.x + bounds.size.width <= gtk_widget_get_width (area) + 0.5;
}

static void
test_console_fits_1366 (DdTestConsole       *fixture,
                        gconstpointer  data)
{
  DdClockPanel *clock = dd_console_get_clock_panel (fixture->console);
  DdActPanel *act = dd_console_get_act_panel (fixture->console);
  DdRecordLog *log = dd_console_get_record_log (fixture->console);
  GtkWidget *window = GTK_WIDGET (fixture->window);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (gtk_widget_get_width (window), ==, 1366);

  /* Seven injects and six actions, the late list showing */
  for (guint i = 0; i < 7; i++)
    g_assert_true (dd_drill_jump_to_next_inject (fixture->drill, &error));
  for (guint i = 0; i < 6; i++)
    {
      g_assert_true (dd_console_select_role (fixture->console, "office"));
      g_assert_true (dd_console_select_action (fixture->console, "assess"));
      g_assert_true (dd_console_record (fixture->console, TRUE, &error));
      g_assert_no_error (error);
    }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->console), "console.show-log", NULL));
  g_assert_true (dd_console_select_action (fixture->console, "report"));
  for (int i = 0; i < 200; i++)
    g_main_context_iteration (NULL, FALSE);
  dd_test_console_iterate ();

  /* Six rows of the feed, of the action chooser and of the log in view;
   * the record button in the window with form 8.3 open */
  for (guint i = 0; i < 6; i++)
    {
      GtkWidget *feed_row = dd_clock_panel_get_feed_row (clock, i);
      GtkWidget *action_row = dd_act_panel_get_action_row (act, i);
      GtkWidget *log_row = dd_record_log_get_row (log, i);

      g_assert_true (inside (feed_row, gtk_widget_get_ancestor (feed_row, GTK_TYPE_SCROLLED_WINDOW)));
      g_assert_true (inside (action_row, gtk_widget_get_ancestor (action_row, GTK_TYPE_SCROLLED_WINDOW)));
      g_assert_true (inside (log_row, gtk_widget_get_ancestor (log_row, GTK_TYPE_SCROLLED_WINDOW)));
      g_assert_true (inside (gtk_widget_get_ancestor (feed_row, GTK_TYPE_SCROLLED_WINDOW), window));
      g_assert_true (inside (gtk_widget_get_ancestor (action_row, GTK_TYPE_SCROLLED_WINDOW), window));
      g_assert_true (inside (gtk_widget_get_ancestor (log_row, GTK_TYPE_SCROLLED_WINDOW), window));
    }
  g_assert_true (gtk_widget_get_mapped (dd_console_get_report_form (fixture->console)));
  g_assert_true (inside (dd_act_panel_get_record_button (act), window));
}

int
main (int   argc,
      char *argv[])
{
  dd_test_skip_without_display ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/dd/console/setup-page", test_setup_page);
#define ADD(path, func, training) \
  g_test_add (path, DdTestConsole, training, dd_test_console_set_up, func, dd_test_console_tear_down)
  ADD ("/dd/console/shows-drill", test_console_shows_drill, NULL);
  ADD ("/dd/console/files-report", test_console_files_report, NULL);
  ADD ("/dd/console/decision-breaking-rule", test_console_decision_breaking_rule, NULL);
  ADD ("/dd/console/decision-asks-first", test_console_decision_asks_first, NULL);
  ADD ("/dd/console/rules-quoted-once", test_console_rules_quoted_once, NULL);
  ADD ("/dd/console/note", test_console_note, NULL);
  ADD ("/dd/console/training-explains", test_console_training_explains, "training");
  ADD ("/dd/console/end-and-review", test_console_end_and_review, NULL);
  ADD ("/dd/console/resume", test_console_resume, NULL);
  ADD ("/dd/console/presenter", test_presenter, NULL);
  ADD ("/dd/console/report-time-of-filing", test_console_report_time_of_filing, NULL);
  ADD ("/dd/console/incomplete-report", test_console_incomplete_report, NULL);
  ADD ("/dd/console/role-filter", test_console_role_filter, NULL);
  ADD ("/dd/console/space-in-list", test_console_space_in_list, NULL);
  ADD ("/dd/console/countdown", test_console_countdown, NULL);
  ADD ("/dd/console/contingency", test_console_contingency, NULL);
  ADD ("/dd/console/training-speed", test_console_training_speed, "training");
  ADD ("/dd/console/record-log", test_console_record_log, NULL);
  ADD ("/dd/console/fits-1366", test_console_fits_1366, "small");
#undef ADD

  return g_test_run ();
}
