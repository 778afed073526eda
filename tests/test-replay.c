/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-replay.c — one drill, one judgement
 *
 * Copyright 2024 The DrillDesk authors
 *
 * Every bundled scenario's ideal and flawed runs are journaled, then every
 * beginning of each journal (cut at each record boundary, as a drill
 * interrupted there would have left it) is judged by every reader: the
 * replay, `drilldesk-cli score --json`, `drilldesk-cli report --json`,
 * the review's model and a drill resumed from it.  They must agree on the
 * overall score, the findings and whether the drill finished.
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "dd-actions.h"
#include "dd-drill.h"
#include "dd-error.h"
#include "dd-journal.h"
#include "dd-plan.h"
#include "dd-replay.h"
#include "dd-report.h"
#include "dd-scenario.h"
#include "dd-test-util.h"

static DdPlan *plan;

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

/* Plays @script_path through a drill with a journal at @journal_path, to
 * the scenario's end. */
static void
play (DdScenario *scenario,
      const char *script_path,
      const char *journal_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdActionScript) script = dd_action_script_load_file (script_path, plan, scenario, &error);
  g_autoptr(DdDrill) drill = dd_drill_new (plan, scenario);
  GPtrArray *actions;

  g_assert_no_error (error);
  g_assert_true (dd_drill_create_journal (drill, journal_path, &error));
  actions = dd_action_script_get_actions (script);
  for (guint i = 0; i < actions->len; i++)
    {
      g_autoptr(DdAction) action = dd_action_copy (g_ptr_array_index (actions, i));

      g_assert_true (dd_drill_advance_to (drill, action->at, &error));
      g_assert_true (dd_drill_record_action (drill, action, &error));
    }
  g_assert_true (dd_drill_advance_to (drill, dd_scenario_get_duration (scenario), &error));
  g_assert_true (dd_drill_finish (drill, &error));
  g_assert_no_error (error);
}

static char *
replay_json (DdScenario *scenario,
             const char *journal_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdJournal) journal = dd_journal_load (journal_path, NULL, &error);
  g_autoptr(DdReplay) replay = NULL;

  g_assert_no_error (error);
  replay = dd_replay_new_for_journal (plan, scenario, journal, &error);
  g_assert_no_error (error);
  return dd_replay_to_json_string (replay, TRUE);
}

/* The judgement that must agree: overall, finished, as-of, and the
 * findings (rule, clause, role, time). */
static char *
judgement (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) s = g_string_new (NULL);
  JsonObject *root;
  JsonArray *findings;

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_string_append_printf (s, "overall=%.1f finished=%d as-of=%" G_GINT64_FORMAT "\n",
                          json_object_get_double_member (root, "overall"),
                          json_object_get_boolean_member (root, "finished"),
                          json_object_get_int_member (root, "as-of"));
  findings = json_object_get_array_member (root, "findings");
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *f = json_array_get_object_element (findings, i);

      g_string_append_printf (s, "%s %s %s\n",
                              json_object_get_string_member_with_default (f, "rule", ""),
                              json_object_get_string_member_with_default (f, "clause", ""),
                              json_object_get_string_member_with_default (f, "role", "-"));
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* The first @n lines of @path, in @dir/@name. */
static char *
cut (const char *path,
     guint       n,
     const char *dir,
     const char *name)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  const char *p;
  guint lines = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  for (p = data; lines < n && p < data + len; p++)
    if (*p == '\n')
      lines++;
  g_assert_cmpuint (lines, ==, n);
  return dd_test_write_file (dir, name, data, p - data);
}

static guint
count_lines (const char *path)
{
  g_autofree char *data = NULL;
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
  for (const char *p = data; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

/* ------------------------------------------------------------------ */
/* Tests                                                               */

/* Every reader agrees on every beginning of every bundled run. */
static void
test_every_prefix_agrees (void)
{
  g_autoptr(GPtrArray) dirs = dd_test_scenario_dirs ();
  g_autofree char *tmp = dd_test_make_tmp_dir ("dd-replay-XXXXXX");
  const char *const runs[] = { "ideal.actions.xml", "flawed.actions.xml" };
  guint checked = 0, interrupted = 0;

  for (guint d = 0; d < dirs->len; d++)
    for (guint r = 0; r < G_N_ELEMENTS (runs); r++)
      {
        g_autofree char *scenario_path = g_build_filename (g_ptr_array_index (dirs, d), "scenario.xml", NULL);
        g_autofree char *script = g_build_filename (g_ptr_array_index (dirs, d), runs[r], NULL);
        g_autofree char *whole = g_build_filename (tmp, "whole.jsonl", NULL);
        g_autoptr(GError) error = NULL;
        g_autoptr(DdScenario) scenario = NULL;
        guint n;

        if (!g_file_test (script, G_FILE_TEST_EXISTS))
          continue;
        scenario = dd_scenario_load_file (scenario_path, plan, &error);
        g_assert_no_error (error);
        g_unlink (whole);
        play (scenario, script, whole);
        n = count_lines (whole);
        g_assert_cmpuint (n, >, 2);

        /* Line 1 is the header: the shortest drill is the header alone */
        for (guint k = 1; k <= n; k++)
          {
            g_autofree char *name = g_strdup_printf ("cut-%u.jsonl", k);
            g_autofree char *path = cut (whole, k, tmp, name);
            g_autofree char *model = replay_json (scenario, path);
            g_autofree char *expected = judgement (model);
            g_autofree char *resumed_path = g_build_filename (tmp, "resumed.jsonl", NULL);
            g_autoptr(DdDrill) drill = dd_drill_new (plan, scenario);
            g_autofree char *resumed = NULL;
            g_autoptr(DdReport) report = dd_report_new (plan);
            g_autoptr(DdJournal) journal = NULL;
            g_autoptr(DdReplay) replay = NULL;

            /* A drill resumed from it stands where the journal ends */
            {
            g_autoptr(GFile) src = g_file_new_for_path (path);
            g_autoptr(GFile) dst = g_file_new_for_path (resumed_path);

            g_assert_true (g_file_copy (src, dst, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
            }
            g_assert_true (dd_drill_resume_journal (drill, resumed_path, NULL, &error));
            g_assert_no_error (error);
            resumed = dd_replay_to_json_string (dd_drill_get_replay (drill), TRUE);
            {
              g_autofree char *got = judgement (resumed);

              g_assert_cmpstr (got, ==, expected);
            }
            g_assert_cmpint (dd_drill_is_finished (drill), ==, k == n);
            g_clear_object (&drill);
            g_unlink (resumed_path);

            /* The review is made from the same state */
            journal = dd_journal_load (path, NULL, &error);
            replay = dd_replay_new_for_journal (plan, scenario, journal, &error);
            g_assert_no_error (error);
            dd_report_set_replay (report, replay, journal);
            g_assert_cmpuint (dd_report_get_n_findings (report), ==,
                              dd_score_get_findings (dd_replay_get_score (replay))->len);
            g_assert_cmpfloat (dd_report_get_overall (report), ==,
                               dd_score_get_overall (dd_replay_get_score (replay)));
            g_assert_cmpint (dd_replay_is_finished (replay), ==, k == n);
            interrupted += k < n;

            /* The command line: score and report print the same model.
             * (The flawed runs, halfway and at the end: each spawn loads
             * the plan, each report lays a PDF out.) */
            if (r == 1 && (k == n / 2 || k == n))
              {
                g_autofree char *score_out = NULL;
                g_autofree char *report_json = g_build_filename (tmp, "model.json", NULL);
                g_autofree char *report_pdf = g_build_filename (tmp, "aar.pdf", NULL);
                g_autofree char *report_out = NULL;

                g_assert_cmpint (dd_test_run_cli (&score_out, "score", scenario_path, path, "--json", NULL), ==, 0);
                g_assert_cmpint (dd_test_run_cli (NULL, "report", scenario_path, path, "-o", report_pdf,
                                          "--json", report_json, NULL), ==, 0);
                g_assert_true (g_file_get_contents (report_json, &report_out, NULL, NULL));
                g_assert_cmpstr (score_out, ==, report_out);
                {
                  g_autofree char *got = judgement (score_out);

                  g_assert_cmpstr (got, ==, expected);
                }
              }
            g_unlink (path);
            checked++;
          }
      }
  g_test_message ("%u journal prefixes judged alike by every reader (%u interrupted)", checked, interrupted);
  g_assert_cmpuint (interrupted, >, 20);
  dd_test_rm_rf (tmp);
}

/* An interrupted drill is judged as of its last record: a deadline that had
 * not passed then is no finding, and nothing says it finished. */
static void
test_interrupted_labelled (void)
{
  g_autofree char *dir = dd_test_source_path ("scenarios", "ransomware-gov-cloud", NULL);
  g_autofree char *scenario_path = g_build_filename (dir, "scenario.xml", NULL);
  g_autofree char *script = g_build_filename (dir, "flawed.actions.xml", NULL);
  g_autofree char *tmp = dd_test_make_tmp_dir ("dd-interrupted-XXXXXX");
  g_autofree char *whole = g_build_filename (tmp, "whole.jsonl", NULL);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *json = NULL;
  g_autofree char *whole_json = NULL;
  g_autofree char *pdf = g_build_filename (tmp, "aar.pdf", NULL);
  g_autofree char *pdf_text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdScenario) scenario = dd_scenario_load_file (scenario_path, plan, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  const char *pdftotext_argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  int status;

  g_assert_no_error (error);
  play (scenario, script, whole);
  path = cut (whole, 14, tmp, "cut.jsonl");

  /* JSON: not finished, as of the last record */
  g_assert_cmpint (dd_test_run_cli (&json, "score", scenario_path, path, "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_false (json_object_get_boolean_member (root, "finished"));
  g_assert_cmpint (json_object_get_int_member (root, "as-of"), >, 0);
  g_assert_cmpint (json_object_get_int_member (root, "as-of"), <, dd_scenario_get_duration (scenario));

  /* Fewer findings than the whole drill: what was not yet due is none */
  g_assert_cmpint (dd_test_run_cli (&whole_json, "score", scenario_path, whole, "--json", NULL), ==, 0);
  {
    g_autoptr(JsonParser) p2 = json_parser_new ();
    JsonObject *w;

    g_assert_true (json_parser_load_from_data (p2, whole_json, -1, &error));
    w = json_node_get_object (json_parser_get_root (p2));
    g_assert_true (json_object_get_boolean_member (w, "finished"));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "findings")), <,
                      json_array_get_length (json_object_get_array_member (w, "findings")));
  }

  /* Text */
  g_assert_cmpint (dd_test_run_cli (&text, "score", scenario_path, path, NULL), ==, 0);
  g_assert_nonnull (strstr (text, "Interrupted"));
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (dd_test_run_cli (&text, "score", scenario_path, whole, NULL), ==, 0);
  g_assert_null (strstr (text, "Interrupted"));

  /* PDF: the cover and the summary say so, with the simulated time */
  g_assert_cmpint (dd_test_run_cli (NULL, "report", scenario_path, path, "-o", pdf, NULL), ==, 0);
  if (!dd_test_have_program ("pdftotext"))
    {
      g_test_message ("pdftotext is missing: PDF text not checked");
      dd_test_rm_rf (tmp);
      return;
    }
  g_assert_true (g_spawn_sync (NULL, (char **) pdftotext_argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &pdf_text, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (pdf_text, "Interrupted (not finished)"));
  g_assert_nonnull (strstr (pdf_text, "T+1:00"));
  dd_test_rm_rf (tmp);
}

/* Ending a drill before its last inject records what happened: the end's
 * time, injects not yet due left undelivered, the early end said. */
static void
test_ended_early (void)
{
  g_autofree char *scenario_path = dd_test_source_path ("scenarios", "ransomware-gov-cloud", "scenario.xml", NULL);
  g_autofree char *tmp = dd_test_make_tmp_dir ("dd-early-XXXXXX");
  g_autofree char *path = g_build_filename (tmp, "journal.jsonl", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdScenario) scenario = dd_scenario_load_file (scenario_path, plan, &error);
  g_autoptr(DdDrill) drill = NULL;
  g_autoptr(DdJournal) journal = NULL;
  g_autoptr(DdReplay) replay = NULL;
  GPtrArray *injects;
  guint due = 0;

  g_assert_no_error (error);
  drill = dd_drill_new (plan, scenario);
  g_assert_true (dd_drill_create_journal (drill, path, &error));
  g_assert_true (dd_drill_advance_to (drill, 1800, &error));
  g_assert_true (dd_drill_finish (drill, &error));
  g_assert_no_error (error);

  journal = dd_journal_load (path, NULL, &error);
  replay = dd_replay_new_for_journal (plan, scenario, journal, &error);
  g_assert_no_error (error);
  g_assert_true (dd_replay_is_finished (replay));
  g_assert_true (dd_replay_ended_early (replay));
  g_assert_cmpint (dd_replay_get_as_of (replay), ==, 1800);
  injects = dd_scenario_get_injects (scenario);
  for (guint i = 0; i < injects->len; i++)
    {
      const DdInject *inject = g_ptr_array_index (injects, i);

      /* Nothing after the end; everything unconditional due by then */
      if (inject->at > 1800)
        g_assert_false (dd_replay_is_delivered (replay, inject->id));
      else if (inject->conditions == NULL || inject->conditions->len == 0)
        {
          g_assert_true (dd_replay_is_delivered (replay, inject->id));
          due++;
        }
    }
  g_assert_cmpuint (dd_replay_get_deliveries (replay)->len, <, injects->len);
  g_assert_cmpuint (due, >, 0);
  dd_test_rm_rf (tmp);
}

/* A correction is a record of its own: the action as recorded stays in
 * the journal, the replay judges the action as corrected, and a withdrawn
 * action counts for nothing. */
static void
test_corrections (void)
{
  g_autofree char *dir = dd_test_source_path ("scenarios", "ransomware-gov-cloud", NULL);
  g_autofree char *scenario_path = g_build_filename (dir, "scenario.xml", NULL);
  g_autofree char *script_path = g_build_filename (dir, "ideal.actions.xml", NULL);
  g_autofree char *tmp = dd_test_make_tmp_dir ("dd-correct-XXXXXX");
  g_autofree char *path = g_build_filename (tmp, "journal.jsonl", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdScenario) scenario = dd_scenario_load_file (scenario_path, plan, &error);
  g_autoptr(DdActionScript) script = dd_action_script_load_file (script_path, plan, scenario, &error);
  g_autoptr(DdDrill) drill = dd_drill_new (plan, scenario);
  g_autoptr(DdJournal) journal = NULL;
  g_autoptr(DdReplay) replay = NULL;
  g_autoptr(DdCorrection) bad = NULL;
  g_autoptr(DdCorrection) withdraw = NULL;
  g_autoptr(DdAction) first = NULL;
  g_autofree char *before = NULL;
  g_autofree char *journal_text = NULL;
  GPtrArray *actions;
  const DdRecordedAction *recorded;
  double ideal;

  g_assert_no_error (error);
  actions = dd_action_script_get_actions (script);
  g_assert_true (dd_drill_create_journal (drill, path, &error));
  for (guint i = 0; i < actions->len; i++)
    {
      g_autoptr(DdAction) action = dd_action_copy (g_ptr_array_index (actions, i));

      g_assert_true (dd_drill_advance_to (drill, action->at, &error));
      g_assert_true (dd_drill_record_action (drill, action, &error));
    }
  ideal = dd_score_get_overall (dd_drill_get_score (drill));
  before = dd_replay_to_json_string (dd_drill_get_replay (drill), FALSE);

  /* A mistaken click: the director records a duplicate and withdraws it */
  first = dd_action_copy (g_ptr_array_index (actions, 0));
  g_assert_true (dd_drill_record_action (drill, first, &error));
  recorded = g_ptr_array_index (dd_replay_get_recorded (dd_drill_get_replay (drill)),
                                dd_replay_get_recorded (dd_drill_get_replay (drill))->len - 1);
  withdraw = dd_correction_new (recorded->seq, "recorded twice by mistake");
  withdraw->withdraw = TRUE;
  withdraw->by = g_strdup ("director");
  g_assert_true (dd_drill_correct_action (drill, withdraw, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dd_drill_get_actions (drill)->len, ==, actions->len);
  g_assert_cmpfloat (dd_score_get_overall (dd_drill_get_score (drill)), ==, ideal);

  /* A correction that names no action, or gives no reason, is refused and
   * leaves nothing in the journal */
  bad = dd_correction_new (999999, "no such record");
  bad->withdraw = TRUE;
  g_assert_false (dd_drill_correct_action (drill, bad, &error));
  g_assert_error (error, DD_ERROR, DD_ERROR_INVALID);
  g_clear_error (&error);

  /* The first action corrected to a role the plan does not allow for it:
   * now the scorer judges the corrected action */
  {
    g_autoptr(DdCorrection) c = dd_correction_new (((DdRecordedAction *) g_ptr_array_index (
                                                      dd_replay_get_recorded (dd_drill_get_replay (drill)), 0))->seq,
                                                    "the wrong unit was entered");
    c->has_at = TRUE;
    c->at = ((DdAction *) g_ptr_array_index (actions, 0))->at;
    c->role = g_strdup ("office");
    g_assert_true (dd_drill_correct_action (drill, c, &error));
    g_assert_no_error (error);
  }
  g_assert_true (dd_drill_finish (drill, &error));
  g_clear_object (&drill);

  /* Nothing overwritten: the action as first recorded is still there */
  g_assert_true (g_file_get_contents (path, &journal_text, NULL, NULL));
  g_assert_nonnull (strstr (journal_text, "\"type\":\"correction\""));
  g_assert_nonnull (strstr (journal_text, "recorded twice by mistake"));

  journal = dd_journal_load (path, NULL, &error);
  replay = dd_replay_new_for_journal (plan, scenario, journal, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dd_replay_get_corrections (replay)->len, ==, 2);
  g_assert_cmpuint (dd_replay_get_recorded (replay)->len, ==, actions->len + 1);
  g_assert_cmpuint (dd_replay_get_actions (replay)->len, ==, actions->len);
  g_assert_cmpstr (((DdAction *) g_ptr_array_index (dd_replay_get_actions (replay), 0))->role, ==, "office");
  g_assert_cmpstr (((DdRecordedAction *) g_ptr_array_index (dd_replay_get_recorded (replay), 0))->action->role, !=,
                   "office");
  dd_test_rm_rf (tmp);
}

/* Record types are declared once and spelt as the journal has them. */
static void
test_record_types (void)
{
  for (guint t = DD_RECORD_HEADER; t < DD_N_RECORD_TYPES; t++)
    {
      const char *name = dd_record_type_to_name (t);

      g_assert_nonnull (name);
      g_assert_cmpint (dd_record_type_from_name (name), ==, t);
      g_assert_nonnull (dd_record_type_get_info (t)->members);
    }
  g_assert_cmpstr (dd_record_type_to_name (DD_RECORD_HEADER), ==, DD_JOURNAL_TYPE_HEADER);
  g_assert_cmpstr (dd_record_type_to_name (DD_RECORD_END), ==, DD_JOURNAL_TYPE_END);
  g_assert_cmpint (dd_record_type_from_name ("no-such-type"), ==, DD_RECORD_UNKNOWN);
  g_assert_cmpint (dd_record_type_from_name (NULL), ==, DD_RECORD_UNKNOWN);
}

/* The evaluator's rating is journaled beside the suggestion. */
static void
test_rating (void)
{
  g_autofree char *scenario_path = dd_test_source_path ("scenarios", "ransomware-gov-cloud", "scenario.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdScenario) scenario = dd_scenario_load_file (scenario_path, plan, &error);
  g_autoptr(DdDrill) drill = dd_drill_new (plan, scenario);
  const DdObjective *objective = g_ptr_array_index (dd_scenario_get_objectives (scenario), 0);
  g_autoptr(DdRatingOverride) rating = dd_rating_override_new (objective->id, 'S', "reported late but complete");
  g_autoptr(DdRatingOverride) unknown = dd_rating_override_new ("no-such-objective", 'P', "x");
  g_autofree char *json = NULL;

  g_assert_no_error (error);
  g_assert_true (dd_drill_rate_objective (drill, rating, &error));
  g_assert_no_error (error);
  g_assert_false (dd_drill_rate_objective (drill, unknown, &error));
  g_assert_error (error, DD_ERROR, DD_ERROR_INVALID);
  g_assert_cmpint (dd_replay_get_rating (dd_drill_get_replay (drill), objective->id)->rating, ==, 'S');
  json = dd_replay_to_json_string (dd_drill_get_replay (drill), FALSE);
  g_assert_nonnull (strstr (json, "\"evaluator-rating\":\"S\""));
  g_assert_nonnull (strstr (json, "reported late but complete"));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  dd_test_journal_no_sync ();
  plan = dd_plan_load_default (&error);
  g_assert_no_error (error);

  g_test_add_func ("/dd/replay/record-types", test_record_types);
  g_test_add_func ("/dd/replay/every-prefix-agrees", test_every_prefix_agrees);
  g_test_add_func ("/dd/replay/interrupted-labelled", test_interrupted_labelled);
  g_test_add_func ("/dd/replay/ended-early", test_ended_early);
  g_test_add_func ("/dd/replay/corrections", test_corrections);
  g_test_add_func ("/dd/replay/rating", test_rating);

  ret = g_test_run ();
  g_clear_object (&plan);
  return ret;
}
