/* test-score-readings.c — scoring reads the plan as a cadre would: each
 * reading of issue 16 as drills that trigger it and drills that must not,
 * same-time lines in any order, every bundled finding citing a clause the
 * plan has
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dd-actions.h"
#include "dd-drill.h"
#include "dd-dry-run.h"
#include "dd-error.h"
#include "dd-plan.h"
#include "dd-scenario.h"
#include "dd-score.h"
#include "dd-xml.h"

#include "dd-test-score.h"
#include "dd-test-util.h"

/* A 重大 incident that struck 市大数据局; the 市公安局 monitors. */
static const char scenario_xml[] =
  "<scenario id='r' plan='jincheng-2020'>"
  "<title>t</title><form id='tabletop'>t</form>"
  "<clock start='2025-01-01T09:00:00+08:00' duration='8:00' compression='4'/>"
  "<participants><role ref='office'/><role ref='office-director'/><role ref='commander'/>"
  "<role ref='deputy-bigdata'/><role ref='hq'/><role ref='bigdata'/><role ref='police'/><role ref='news'/></participants>"
  "<objectives>"
  "<objective id='rep' clauses='4.1'>report</objective>"
  "<objective id='act' clauses='4.2'>activation</objective>"
  "<objective id='warn' clauses='3.2'>warning</objective>"
  "</objectives>"
  "<incident category='harmful-program' severity='major' unit='bigdata' began='0:00'>"
  "<system>s</system></incident>"
  "<msel>"
  "<inject id='alert' at='0:00' source='s' to='police' channel='monitoring-alert'><content>c</content></inject>"
  "</msel></scenario>";

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  score_fixture_set_up (f, scenario_xml);
}

/* A first report by @role with every 8.3 field filled from the truth. */
static DdAction *
report (Fixture    *f,
        int         minutes,
        const char *role,
        const char *to)
{
  DdAction *a = add (f, minutes, role, "report", NULL, to);
  GPtrArray *fields = dd_plan_get_form_fields (f->plan);

  a->report_type = g_strdup ("first");
  for (guint i = 0; i < fields->len; i++)
    {
      const DdFormField *field = g_ptr_array_index (fields, i);

      dd_action_set_field (a, field->id,
                           field->type == DD_FIELD_TYPE_CATEGORY ? "harmful-program"
                           : field->type == DD_FIELD_TYPE_SEVERITY ? "major"
                           : field->type == DD_FIELD_TYPE_HAZARDS ? "system-paralysis" : "x");
    }
  return a;
}

static DdScore *
score (Fixture *f)
{
  DdScore *s = dd_score_compute (f->plan, f->scenario, f->actions, 0, TRUE);
  g_autofree char *json = dd_score_to_json_string (s, TRUE);

  g_test_message ("%s", json);
  return s;
}

/* The findings of rule @rule_id (as its own rule). */
static GPtrArray *
findings_of (DdScore    *s,
             const char *rule_id)
{
  GPtrArray *out = g_ptr_array_new ();
  GPtrArray *all = dd_score_get_findings (s);

  for (guint i = 0; i < all->len; i++)
    if (g_strcmp0 (((DdFinding *) g_ptr_array_index (all, i))->rule, rule_id) == 0)
      g_ptr_array_add (out, g_ptr_array_index (all, i));
  return out;
}

static const DdObjectiveScore *
objective (DdScore    *s,
           const char *id)
{
  GPtrArray *all = dd_score_get_objectives (s);

  for (guint i = 0; i < all->len; i++)
    if (g_strcmp0 (((DdObjectiveScore *) g_ptr_array_index (all, i))->id, id) == 0)
      return g_ptr_array_index (all, i);
  g_assert_not_reached ();
  return NULL;
}

/* The after-action work (5.1–5.3) done right, late in the drill: added
 * first, it keeps its place, the scorer reads the actions by time. */
static void
after_action (Fixture *f)
{
  add (f, 420, "hq", "aftercare", NULL, NULL);
  add (f, 421, "bigdata", "recovery", NULL, NULL);
  add (f, 422, "office", "submit-summary", NULL, "province-command");
  add (f, 423, "office", "forward-summary", NULL, "province-office");
}

/* The reports every owing unit makes in time, and the after-action work. */
static void
reports_in_time (Fixture *f)
{
  after_action (f);
  add (f, 2, "police", "detect", NULL, NULL);
  report (f, 5, "police", "office city-gov");
  add (f, 6, "police", "report-up", NULL, "superior-departments");
  report (f, 10, "bigdata", "office city-gov");
}

/* A level-Ⅰ response: assessed, proposed by the office, decided by the
 * 指挥长 (0:30–0:35). */
static void
start_response (Fixture *f)
{
  add (f, 30, "office", "assess", NULL, NULL);
  add (f, 32, "office", "propose-response", "I", NULL);
  add (f, 35, "commander", "decide-response", "I", NULL);
}

/* Ended with the 指挥长's approval, announced by @announcer (5:00–5:10). */
static void
close_response (Fixture    *f,
                const char *announcer)
{
  add (f, 300, "office", "propose-closure", "I", NULL);
  add (f, 305, "commander", "approve-closure", "I", NULL);
  add (f, 310, announcer, "announce-closure", "I", NULL);
}

/* Reading 1 is test-score's same-authority: here, 2 and 3. A duty never
 * done cites the clause that creates it, names who owed it and 7.2 as the
 * consequence inside the same finding; the duty is the 事发单位's and the
 * 监测单位's, each of them. */
static void
test_owed_report (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(DdScore) all = NULL;
  g_autoptr(DdScore) later = NULL;
  g_autoptr(DdScore) one_missing = NULL;
  g_autoptr(DdScore) by_others = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GPtrArray) none = NULL;
  const DdFinding *finding;

  reports_in_time (f);
  all = score (f);
  g_assert_cmpuint (dd_score_get_findings (all)->len, ==, 0);
  g_assert_cmpfloat (dd_score_get_overall (all), ==, 100);

  /* the unit struck reports later than the monitoring unit: the city knew
   * in time, so it is not late */
  g_ptr_array_set_size (f->actions, 7);
  report (f, 90, "bigdata", "office");
  later = score (f);
  g_assert_null (dd_score_find (later, "report-hq-immediate", NULL));

  /* the unit struck never reports: an omission naming it, citing 4.1 with
   * 7.2 inside */
  g_ptr_array_set_size (f->actions, 7);
  one_missing = score (f);
  missing = findings_of (one_missing, "report-hq-immediate");
  g_assert_cmpuint (missing->len, ==, 1);
  finding = g_ptr_array_index (missing, 0);
  g_assert_cmpint (finding->kind, ==, DD_FINDING_KIND_OMISSION);
  g_assert_cmpint (finding->severity, ==, DD_FINDING_SEVERITY_CRITICAL);
  g_assert_cmpstr (finding->clause, ==, "4.1");
  g_assert_cmpstr (finding->consequence, ==, "7.2");
  g_assert_cmpstr (finding->role, ==, "bigdata");
  g_assert_null (dd_score_find (one_missing, "report-hq-immediate", "7.2"));
  /* an objective about reporting is never P when its report was never made */
  g_assert_cmpint (objective (one_missing, "rep")->rating, ==, 'U');

  /* another role's report does not discharge it: both units owe it */
  g_ptr_array_set_size (f->actions, 5);
  report (f, 5, "office", "hq city-gov");
  by_others = score (f);
  none = findings_of (by_others, "report-hq-immediate");
  g_assert_cmpuint (none->len, ==, 2);
  g_assert_cmpstr (((DdFinding *) g_ptr_array_index (none, 0))->role, !=,
                   ((DdFinding *) g_ptr_array_index (none, 1))->role);
  for (guint i = 0; i < none->len; i++)
    g_assert_cmpint (((DdFinding *) g_ptr_array_index (none, i))->kind, ==, DD_FINDING_KIND_OMISSION);
}

/* Reading 3: the 市指挥部's aggregated report (4.2.1.3(2)) is a response
 * measure, not the 4.1 report to superior departments. */
static void
test_aggregated_report (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(DdScore) s = NULL;
  const DdFinding *finding;

  after_action (f);
  add (f, 2, "police", "detect", NULL, NULL);
  report (f, 5, "police", "office city-gov");
  report (f, 10, "bigdata", "office city-gov");
  start_response (f);
  add (f, 60, "office", "report-up", NULL, "province-gov city-gov province-command");
  s = score (f);
  finding = dd_score_find (s, "report-superior-immediate", NULL);
  g_assert_nonnull (finding);
  g_assert_cmpint (finding->kind, ==, DD_FINDING_KIND_OMISSION);
  g_assert_null (dd_score_find (s, "I-report-up", NULL));
}

/* Reading 4: one late report is one finding; a fault that breaks two rules
 * is one finding naming both clauses. */
static void
test_one_fault (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(DdScore) late = NULL;
  g_autoptr(DdScore) release = NULL;
  GPtrArray *findings;
  const DdFinding *finding;
  guint on_report = 0;

  after_action (f);
  add (f, 2, "bigdata", "detect", NULL, NULL);
  report (f, 80, "bigdata", "office city-gov");
  add (f, 81, "bigdata", "report-up", NULL, "superior-departments");
  late = score (f);
  findings = dd_score_get_findings (late);
  for (guint i = 0; i < findings->len; i++)
    {
      const DdFinding *x = g_ptr_array_index (findings, i);

      g_assert_cmpint (x->kind, !=, DD_FINDING_KIND_OMISSION);
      g_assert_cmpint (x->kind, !=, DD_FINDING_KIND_COMPLETENESS);
      if (x->action_index == 5)
        on_report++;
    }
  g_assert_cmpuint (on_report, ==, 1);
  finding = dd_score_find (late, "report-hq-immediate", NULL);
  g_assert_nonnull (finding);
  g_assert_cmpint (finding->kind, ==, DD_FINDING_KIND_TIMING);
  /* the same report was late to the HQ and to the city: one fault */
  g_assert_true (finding == dd_score_find (late, "report-city-immediate", NULL));

  /* an unauthorised release without the HQ's opinion: one finding, 4.4 twice */
  g_ptr_array_set_size (f->actions, 0);
  reports_in_time (f);
  add (f, 60, "bigdata", "release-info", NULL, NULL);
  release = score (f);
  g_assert_cmpuint (dd_score_get_findings (release)->len, ==, 1);
  finding = g_ptr_array_index (dd_score_get_findings (release), 0);
  g_assert_true (finding == dd_score_find (release, "release-authority", "4.4"));
  g_assert_true (finding == dd_score_find (release, "release-prerequisite", "4.4"));
  g_assert_cmpuint (g_strv_length (finding->also_rules), ==, 1);
}

/* Reading 5: never doing it weighs more than doing it late; lateness is
 * graded; a closure announced by the wrong unit is no trifle. */
static void
test_weights (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(DdScore) slightly = NULL;
  g_autoptr(DdScore) hours = NULL;
  g_autoptr(DdScore) never = NULL;
  g_autoptr(DdScore) closure = NULL;
  const DdFinding *a, *b, *c, *d;

  add (f, 0, "bigdata", "detect", NULL, NULL);
  report (f, 17, "bigdata", "office city-gov");
  slightly = score (f);
  g_ptr_array_set_size (f->actions, 1);
  report (f, 200, "bigdata", "office city-gov");
  hours = score (f);
  g_ptr_array_set_size (f->actions, 1);
  never = score (f);

  a = dd_score_find (slightly, "report-hq-immediate", NULL);
  b = dd_score_find (hours, "report-hq-immediate", NULL);
  c = dd_score_find (never, "report-hq-immediate", NULL);
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_nonnull (c);
  g_assert_nonnull (a->grade);
  g_assert_cmpstr (a->grade, !=, b->grade);
  g_assert_cmpfloat (a->weight, <, b->weight);
  g_assert_cmpfloat (b->weight, <, c->weight);
  g_assert_cmpfloat (dd_score_get_overall (slightly), >, dd_score_get_overall (hours));
  g_assert_cmpfloat (dd_score_get_overall (hours), >, dd_score_get_overall (never));

  g_ptr_array_set_size (f->actions, 0);
  reports_in_time (f);
  start_response (f);
  close_response (f, "news");
  closure = score (f);
  d = dd_score_find (closure, "closure-announce-authority", NULL);
  g_assert_nonnull (d);
  g_assert_cmpfloat (d->weight, >=, b->weight);
}

/* Reading 7: duties that arise from what happened. */
static void
test_arising (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(DdScore) quiet = NULL;
  g_autoptr(DdScore) lifted = NULL;
  g_autoptr(DdScore) adjusted = NULL;
  g_autoptr(DdScore) never = NULL;
  g_autoptr(DdScore) after = NULL;
  g_autoptr(DdScore) unended = NULL;
  const DdFinding *finding;

  reports_in_time (f);
  start_response (f);
  close_response (f, "office");
  /* no warning published: nothing to lift */
  quiet = score (f);
  g_assert_null (dd_score_find (quiet, "warning-lift-obligation", NULL));
  g_assert_null (dd_score_find (quiet, "closure-obligation", NULL));

  add (f, 40, "office", "propose-warning", "II", NULL);
  add (f, 41, "commander", "approve-warning", "II", NULL);
  add (f, 42, "office", "publish-warning", "II", NULL);
  never = score (f);
  finding = dd_score_find (never, "warning-lift-obligation", "3.2.4");
  g_assert_nonnull (finding);
  g_assert_cmpint (finding->kind, ==, DD_FINDING_KIND_OMISSION);
  g_assert_cmpstr (finding->role, ==, "office");

  add (f, 290, "office", "propose-lift", "II", NULL);
  add (f, 291, "commander", "approve-lift", "II", NULL);
  add (f, 292, "office", "lift-warning", "II", NULL);
  lifted = score (f);
  g_assert_null (dd_score_find (lifted, "warning-lift-obligation", NULL));
  /* the warning done right: nothing under 3.2 (the Ⅰ measures not taken
   * here are findings of their own) */
  for (guint i = 0; i < dd_score_get_findings (lifted)->len; i++)
    g_assert_false (g_str_has_prefix (((DdFinding *) g_ptr_array_index (dd_score_get_findings (lifted), i))->clause,
                                      "3.2"));

  /* lifted only after the response was closed */
  g_ptr_array_set_size (f->actions, f->actions->len - 1);
  add (f, 320, "office", "lift-warning", "II", NULL);
  after = score (f);
  finding = dd_score_find (after, "warning-lift-obligation", NULL);
  g_assert_nonnull (finding);
  g_assert_cmpint (finding->kind, ==, DD_FINDING_KIND_SEQUENCE);

  /* adjusted (published again at another level) before closing */
  g_ptr_array_set_size (f->actions, f->actions->len - 3);
  add (f, 200, "office", "publish-warning", "III", NULL);
  adjusted = score (f);
  g_assert_null (dd_score_find (adjusted, "warning-lift-obligation", NULL));

  /* a response started and never ended */
  g_ptr_array_set_size (f->actions, 0);
  reports_in_time (f);
  start_response (f);
  unended = score (f);
  finding = dd_score_find (unended, "closure-obligation", "4.5");
  g_assert_nonnull (finding);
  g_assert_cmpint (finding->kind, ==, DD_FINDING_KIND_OMISSION);
}

/* Reading 8: the same simulated time is simultaneous for every
 * prerequisite, whichever line comes first. */
static void
test_same_time (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(DdScore) in_order = NULL;
  g_autoptr(DdScore) reversed = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  reports_in_time (f);
  add (f, 30, "office", "assess", NULL, NULL);
  add (f, 32, "office", "propose-warning", "II", NULL);
  add (f, 33, "commander", "approve-warning", "II", NULL);
  add (f, 33, "office", "publish-warning", "II", NULL);
  in_order = score (f);
  g_assert_null (dd_score_find (in_order, "warning-publish-prerequisites", NULL));

  g_ptr_array_set_size (f->actions, f->actions->len - 2);
  add (f, 33, "office", "publish-warning", "II", NULL);
  add (f, 33, "commander", "approve-warning", "II", NULL);
  reversed = score (f);
  g_assert_null (dd_score_find (reversed, "warning-publish-prerequisites", NULL));
  a = dd_score_to_json_string (in_order, FALSE);
  b = dd_score_to_json_string (reversed, FALSE);
  g_assert_cmpstr (a, ==, b);
}

/* Reading 9: nothing expected of it is not assessed, never 100; the
 * suggestion is the computed rating, and the thresholds are given. */
static void
test_not_assessed (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(DdScore) s = NULL;
  g_autoptr(JsonNode) json = NULL;
  JsonObject *root;
  JsonArray *objectives;
  const DdObjectiveScore *act, *rep;
  const DdScoreEntry *news, *police;

  reports_in_time (f);
  s = score (f);
  act = objective (s, "act");
  rep = objective (s, "rep");
  g_assert_false (act->assessed);
  g_assert_cmpint (act->rating, ==, '-');
  g_assert_cmpstr (act->rating_id, ==, DD_SCORE_NOT_ASSESSED);
  g_assert_cmpfloat (act->score, !=, 100);
  g_assert_true (rep->assessed);
  g_assert_cmpint (rep->rating, ==, 'P');
  g_assert_cmpint (rep->suggestion, ==, 'P');
  g_assert_null (rep->reason);

  news = dd_score_lookup_role (s, "news");
  police = dd_score_lookup_role (s, "police");
  g_assert_false (news->assessed);
  g_assert_true (police->assessed);
  g_assert_cmpfloat (police->score, ==, 100);

  json = dd_score_to_json (s);
  root = json_node_get_object (json);
  objectives = json_object_get_array_member (root, "objectives");
  for (guint i = 0; i < json_array_get_length (objectives); i++)
    {
      JsonObject *o = json_array_get_object_element (objectives, i);

      if (g_strcmp0 (json_object_get_string_member (o, "id"), "act") != 0)
        continue;
      g_assert_false (json_object_get_boolean_member (o, "assessed"));
      g_assert_true (json_object_get_null_member (o, "score"));
      g_assert_true (json_object_get_null_member (o, "rating"));
    }
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "ratings")), ==,
                    dd_plan_get_scoring (f->plan)->ratings->len);
  g_assert_nonnull (dd_plan_get_scoring (f->plan)->not_assessed);
}

/* ------------------------------------------------------------------ */
/* The bundled scenarios: every ideal run >= 90 without major findings,  */
/* every flawed run produces the findings it lists.                      */

static DdScore *
play (DdPlan      *plan,
      DdScenario  *scenario,
      const char  *actions_path,
      DdActionScript **script_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdActionScript) script = dd_action_script_load_file (actions_path, plan, scenario, &error);
  g_autoptr(DdDrill) drill = NULL;
  GPtrArray *actions;

  g_assert_no_error (error);
  drill = dd_drill_new (plan, scenario);
  actions = dd_action_script_get_actions (script);
  for (guint i = 0; i < actions->len; i++)
    {
      g_autoptr(DdAction) a = dd_action_copy (g_ptr_array_index (actions, i));

      g_assert_true (dd_drill_advance_to (drill, a->at, &error));
      g_assert_no_error (error);
      g_assert_true (dd_drill_record_action (drill, a, &error));
      g_assert_no_error (error);
    }
  g_assert_true (dd_drill_finish (drill, &error));
  g_assert_no_error (error);
  if (script_out != NULL)
    *script_out = g_steal_pointer (&script);
  return g_object_ref (dd_drill_get_score (drill));
}

/* The script at @path, then an unapproved release by the affected unit at
 * its last action's time: a major authority finding (4.4). */
static DdScore *
play_plus_release (DdPlan     *plan,
                   DdScenario *scenario,
                   const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdActionScript) script = dd_action_script_load_file (path, plan, scenario, &error);
  g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_action_free);
  GPtrArray *scripted;
  gint64 last = 0;

  g_assert_no_error (error);
  scripted = dd_action_script_get_actions (script);
  for (guint i = 0; i < scripted->len; i++)
    {
      DdAction *a = dd_action_copy (g_ptr_array_index (scripted, i));

      last = a->at;
      g_ptr_array_add (actions, a);
    }
  g_ptr_array_add (actions, dd_action_new (last, "incident-unit", "release-info"));
  return dd_score_compute (plan, scenario, actions, 0, TRUE);
}

static void
test_bundled (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPlan) plan = dd_plan_load_default (&error);
  g_autoptr(GPtrArray) dirs = dd_test_scenario_dirs ();

  g_assert_no_error (error);
  g_assert_cmpuint (dirs->len, >=, 1);

  for (guint i = 0; i < dirs->len; i++)
    {
      const char *dir = g_ptr_array_index (dirs, i);
      g_autofree char *path = g_build_filename (dir, "scenario.xml", NULL);
      g_autofree char *ideal = g_build_filename (dir, "ideal.actions.xml", NULL);
      g_autofree char *flawed = g_build_filename (dir, "flawed.actions.xml", NULL);
      g_autoptr(DdScenario) scenario = dd_scenario_load_file (path, plan, &error);
      g_autoptr(DdScore) s = NULL;
      g_autoptr(DdActionScript) script = NULL;
      GPtrArray *expected, *findings;

      g_test_message ("scenario %s", dir);
      g_assert_no_error (error);
      g_assert_true (g_file_test (ideal, G_FILE_TEST_IS_REGULAR));
      g_assert_true (g_file_test (flawed, G_FILE_TEST_IS_REGULAR));

      s = play (plan, scenario, ideal, NULL);
      if (dd_score_get_overall (s) < 90 || dd_score_count_at_least (s, DD_FINDING_SEVERITY_MAJOR) > 0)
        {
          g_autofree char *json = dd_score_to_json_string (s, TRUE);

          g_test_message ("%s", json);
        }
      g_assert_cmpfloat (dd_score_get_overall (s), >=, 90);
      g_assert_cmpuint (dd_score_count_at_least (s, DD_FINDING_SEVERITY_MAJOR), ==, 0);
      g_clear_object (&s);

      /* the ideal run with one major breach more cannot reach 90 */
      s = play_plus_release (plan, scenario, ideal);
      g_assert_cmpuint (dd_score_count_at_least (s, DD_FINDING_SEVERITY_MAJOR), >=, 1);
      g_assert_cmpfloat (dd_score_get_overall (s), <, 90);
      g_clear_object (&s);

      s = play (plan, scenario, flawed, &script);
      expected = dd_action_script_get_expected (script);
      findings = dd_score_get_findings (s);
      g_test_message ("flawed: %.0f", dd_score_get_overall (s));
      if (dd_score_count_at_least (s, DD_FINDING_SEVERITY_MAJOR) > 0)
        g_assert_cmpfloat (dd_score_get_overall (s), <, 90);
      if (dd_score_count_at_least (s, DD_FINDING_SEVERITY_CRITICAL) > 0)
        g_assert_cmpfloat (dd_score_get_overall (s), <=,
                           dd_score_get_max (s) - dd_scoring_overall_deduction (dd_plan_get_scoring (plan),
                                                                                DD_FINDING_SEVERITY_CRITICAL));
      g_assert_cmpuint (expected->len, >=, 3);
      g_assert_cmpuint (findings->len, >=, 3);
      for (guint k = 0; k < findings->len; k++)
        g_assert_cmpstr (((DdFinding *) g_ptr_array_index (findings, k))->clause, !=, "");
      for (guint k = 0; k < expected->len; k++)
        {
          const DdExpectedFinding *e = g_ptr_array_index (expected, k);

          if (dd_score_find (s, e->rule, e->clause) == NULL)
            g_error ("%s: expected finding %s (%s) not produced", flawed, e->rule, e->clause);
        }
    }
}

/* The bundled scenario in @dir, loaded against @plan. */
static DdScenario *
bundled_scenario (DdPlan     *plan,
                  const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "scenario.xml", NULL);
  g_autoptr(GError) error = NULL;
  DdScenario *scenario = dd_scenario_load_file (path, plan, &error);

  g_assert_no_error (error);
  return scenario;
}

/* Reading 8 on every bundled script: any order of same-time lines gives
 * the same result.  Reading 11's other half: every finding of every
 * bundled flawed run cites a clause the plan has, and every ideal run is
 * perfect. */
static void
test_bundled_readings (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPlan) plan = dd_plan_load_default (&error);
  g_autoptr(GPtrArray) dirs = dd_test_scenario_dirs ();
  static const char *const scripts[] = { "ideal.actions.xml", "flawed.actions.xml" };

  g_assert_no_error (error);
  for (guint d = 0; d < dirs->len; d++)
    for (guint k = 0; k < G_N_ELEMENTS (scripts); k++)
      {
        g_autofree char *script_path = g_build_filename (g_ptr_array_index (dirs, d), scripts[k], NULL);
        g_autoptr(DdScenario) scenario = bundled_scenario (plan, g_ptr_array_index (dirs, d));
        g_autoptr(DdActionScript) script = NULL;
        g_autoptr(DdScore) s = NULL;
        g_autoptr(GRand) rand = g_rand_new_with_seed (16 + d);
        g_autofree char *json = NULL;
        GPtrArray *actions, *findings;

        g_assert_no_error (error);
        script = dd_action_script_load_file (script_path, plan, scenario, &error);
        g_assert_no_error (error);
        actions = dd_action_script_get_actions (script);
        s = dd_score_compute (plan, scenario, actions, 0, TRUE);
        json = dd_score_to_json_string (s, FALSE);
        findings = dd_score_get_findings (s);
        g_test_message ("%s: %.0f, %u findings", script_path, dd_score_get_overall (s), findings->len);

        if (k == 0)
          {
            g_assert_cmpuint (findings->len, ==, 0);
            g_assert_cmpfloat (dd_score_get_overall (s), ==, dd_score_get_max (s));
          }
        for (guint i = 0; i < findings->len; i++)
          {
            const DdFinding *x = g_ptr_array_index (findings, i);

            g_assert_true (dd_plan_has_clause (plan, x->clause));
            g_assert_true (x->consequence == NULL || dd_plan_has_clause (plan, x->consequence));
            for (guint c = 0; x->also_clauses[c] != NULL; c++)
              g_assert_true (dd_plan_has_clause (plan, x->also_clauses[c]));
          }

        /* every line that shares its time with others, in random orders;
         * and all of them reversed */
        for (guint round = 0; round < 12; round++)
          {
            g_autoptr(GPtrArray) shuffled = g_ptr_array_new ();
            g_autoptr(DdScore) again = NULL;
            g_autofree char *json_again = NULL;
            guint start = 0;

            for (guint i = 0; i < actions->len; i++)
              g_ptr_array_add (shuffled, g_ptr_array_index (actions, i));
            for (guint i = 1; i <= shuffled->len; i++)
              {
                if (i < shuffled->len &&
                    ((DdAction *) g_ptr_array_index (shuffled, i))->at ==
                    ((DdAction *) g_ptr_array_index (shuffled, start))->at)
                  continue;
                /* lines start … i-1 share one time: shuffle them */
                for (guint j = i - 1; j > start; j--)
                  {
                    guint r = start + (guint) g_rand_int_range (rand, 0, (gint32) (j - start + 1));
                    gpointer tmp = shuffled->pdata[j];

                    shuffled->pdata[j] = shuffled->pdata[r];
                    shuffled->pdata[r] = tmp;
                  }
                start = i;
              }
            again = dd_score_compute (plan, scenario, shuffled, 0, TRUE);
            json_again = dd_score_to_json_string (again, FALSE);
            g_assert_cmpstr (json_again, ==, json);
          }
      }
}

/* Same-time lines of every bundled script, made more numerous: the times
 * rounded down to the hour, so whole phases fall together, in reverse. */
static void
test_bundled_coarse_times (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPlan) plan = dd_plan_load_default (&error);
  g_autoptr(GPtrArray) dirs = dd_test_scenario_dirs ();

  g_assert_no_error (error);
  for (guint d = 0; d < dirs->len; d++)
    {
      g_autofree char *script_path = g_build_filename (g_ptr_array_index (dirs, d), "flawed.actions.xml", NULL);
      g_autoptr(DdScenario) scenario = bundled_scenario (plan, g_ptr_array_index (dirs, d));
      g_autoptr(DdActionScript) script = NULL;
      g_autoptr(GPtrArray) coarse = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_action_free);
      g_autoptr(GPtrArray) reversed = g_ptr_array_new ();
      g_autoptr(DdScore) a = NULL;
      g_autoptr(DdScore) b = NULL;
      g_autofree char *ja = NULL;
      g_autofree char *jb = NULL;
      GPtrArray *actions;

      g_assert_no_error (error);
      script = dd_action_script_load_file (script_path, plan, scenario, &error);
      g_assert_no_error (error);
      actions = dd_action_script_get_actions (script);
      for (guint i = 0; i < actions->len; i++)
        {
          DdAction *x = dd_action_copy (g_ptr_array_index (actions, i));

          x->at = x->at / 3600 * 3600;
          g_ptr_array_add (coarse, x);
        }
      /* reversed within each hour, the hours still in order */
      for (guint i = 0, start = 0; i <= coarse->len; i++)
        if (i == coarse->len ||
            ((DdAction *) g_ptr_array_index (coarse, i))->at != ((DdAction *) g_ptr_array_index (coarse, start))->at)
          {
            for (guint j = i; j > start; j--)
              g_ptr_array_add (reversed, g_ptr_array_index (coarse, j - 1));
            start = i;
          }
      a = dd_score_compute (plan, scenario, coarse, 0, TRUE);
      b = dd_score_compute (plan, scenario, reversed, 0, TRUE);
      ja = dd_score_to_json_string (a, FALSE);
      jb = dd_score_to_json_string (b, FALSE);
      g_assert_cmpstr (ja, ==, jb);
    }
}

/* The dry run derives a perfect team's actions from the rules: they score
 * full marks with no finding under every reading. */
static void
test_dry_run_perfect (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPlan) plan = dd_plan_load_default (&error);
  g_autoptr(GPtrArray) dirs = dd_test_scenario_dirs ();

  g_assert_no_error (error);
  for (guint d = 0; d < dirs->len; d++)
    {
      g_autoptr(DdScenario) scenario = bundled_scenario (plan, g_ptr_array_index (dirs, d));
      g_autoptr(GPtrArray) actions = NULL;
      g_autoptr(DdScore) s = NULL;

      g_assert_no_error (error);
      actions = dd_dry_run_ideal_actions (plan, scenario);
      s = dd_score_compute (plan, scenario, actions, 0, TRUE);
      if (dd_score_get_findings (s)->len > 0)
        {
          g_autofree char *json = dd_score_to_json_string (s, TRUE);

          g_test_message ("%s: %s", (const char *) g_ptr_array_index (dirs, d), json);
        }
      g_assert_cmpuint (dd_score_get_findings (s)->len, ==, 0);
      g_assert_cmpfloat (dd_score_get_overall (s), ==, dd_score_get_max (s));
    }
}

#define ADD(name, func) g_test_add ("/dd/score/readings/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  dd_xml_init ();

  ADD ("owed-report", test_owed_report);
  ADD ("aggregated-report", test_aggregated_report);
  ADD ("one-fault", test_one_fault);
  ADD ("weights", test_weights);
  ADD ("arising-obligations", test_arising);
  ADD ("same-time", test_same_time);
  ADD ("not-assessed", test_not_assessed);
  g_test_add_func ("/dd/score/bundled-scenarios", test_bundled);
  g_test_add_func ("/dd/score/readings/bundled-same-time-and-clauses", test_bundled_readings);
  g_test_add_func ("/dd/score/readings/bundled-coarse-times", test_bundled_coarse_times);
  g_test_add_func ("/dd/score/readings/dry-run-perfect", test_dry_run_perfect);
  return g_test_run ();
}
