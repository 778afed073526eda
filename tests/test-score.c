/* test-score.c — the scorer: every rule kind fires and stays quiet, ratings,
 * determinism, every bundled scenario's ideal and flawed scripts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/wait.h>
#include <glib/gstdio.h>

#include "dd-actions.h"
#include "dd-drill.h"
#include "dd-error.h"
#include "dd-plan.h"
#include "dd-scenario.h"
#include "dd-score.h"
#include "dd-xml.h"

#include "dd-test-score.h"
#include "dd-test-util.h"

/* A major ransomware-like incident; its level is clear from T+0:30. */
static const char scenario_xml[] =
  "<scenario id='t' plan='jincheng-2020'>"
  "<title>测试</title><form id='tabletop'>桌面推演</form>"
  "<clock start='2025-01-01T09:00:00+08:00' duration='2:00' compression='4'/>"
  "<participants><role ref='office'/><role ref='commander'/><role ref='bigdata'/></participants>"
  "<objectives>"
  "<objective id='rep' clauses='4.1 8.3 1.5 1.6 7.2'>报告</objective>"
  "<objective id='act' clauses='4.2'>响应</objective>"
  "</objectives>"
  "<incident category='harmful-program' severity='major' unit='bigdata' began='0:00' level-clear='0:30'>"
  "<system>政务云</system></incident>"
  "<msel>"
  "<inject id='alert' at='0:00' source='监测平台' to='bigdata' channel='monitoring-alert'><content>告警</content>"
  "<expect role='bigdata' action='detect' within='0:10' clause='3.2.2'/></inject>"
  "<inject id='nag' at='0:20' from='city-gov' to='bigdata' channel='phone'><content>为何不报</content>"
  "<condition type='absent' action='report'/></inject>"
  "</msel></scenario>";

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  score_fixture_set_up (f, scenario_xml);
}

/* A first report with every 8.3 field filled. */
static DdAction *
add_report (Fixture    *f,
            int         minutes,
            const char *to,
            const char *category,
            const char *severity)
{
  DdAction *a = add (f, minutes, "bigdata", "report", NULL, to);
  GPtrArray *fields = dd_plan_get_form_fields (f->plan);

  a->report_type = g_strdup ("first");
  for (guint i = 0; i < fields->len; i++)
    {
      const DdFormField *field = g_ptr_array_index (fields, i);

      if (field->type == DD_FIELD_TYPE_CATEGORY)
        dd_action_set_field (a, field->id, category);
      else if (field->type == DD_FIELD_TYPE_SEVERITY)
        dd_action_set_field (a, field->id, severity);
      else if (field->type == DD_FIELD_TYPE_HAZARDS)
        dd_action_set_field (a, field->id, "system-paralysis");
      else
        dd_action_set_field (a, field->id, "内容");
    }
  return a;
}

static DdScore *
score (Fixture *f,
       gboolean finished)
{
  return dd_score_compute (f->plan, f->scenario, f->actions, 2 * 3600, finished);
}

static gboolean
fires (Fixture    *f,
       const char *rule,
       gboolean    finished)
{
  g_autoptr(DdScore) s = score (f, finished);

  /* every action must still pass the plan's checks */
  for (guint i = 0; i < f->actions->len; i++)
    {
      g_autofree char *problem = dd_action_check (g_ptr_array_index (f->actions, i), f->plan);

      g_assert_null (problem);
    }
  return dd_score_find (s, rule, NULL) != NULL;
}

/* deadline (§4.1): reported to the HQ within the plan's threshold of detection */
static void
test_deadline (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(DdScore) s = NULL;
  const DdRule *rule = dd_plan_lookup_rule (f->plan, "report-hq-immediate");
  const DdFinding *finding;

  g_assert_nonnull (rule);
  g_assert_cmpuint (rule->kind, ==, DD_RULE_KIND_DEADLINE);

  add (f, 2, "bigdata", "detect", NULL, NULL);
  add_report (f, 2 + (int) rule->minutes, "office city-gov", "harmful-program", "major");
  g_assert_false (fires (f, "report-hq-immediate", TRUE));

  g_ptr_array_set_size (f->actions, 1);
  add_report (f, 3 + (int) rule->minutes, "office city-gov", "harmful-program", "major");
  s = score (f, TRUE);
  finding = dd_score_find (s, "report-hq-immediate", NULL);
  g_assert_nonnull (finding);
  g_assert_cmpstr (finding->clause, ==, rule->clause);
  g_assert_cmpint (finding->kind, ==, rule->finding);
  g_assert_cmpstr (finding->role, ==, "bigdata");
  g_assert_cmpint (finding->time, ==, (3 + (gint64) rule->minutes) * 60);
  g_clear_object (&s);

  /* never reported: the missing finding (瞒报漏报, 7.2), critical */
  g_ptr_array_set_size (f->actions, 1);
  s = score (f, TRUE);
  finding = dd_score_find (s, "report-hq-immediate", NULL);
  g_assert_nonnull (finding);
  g_assert_cmpstr (finding->clause, ==, rule->clause);
  g_assert_cmpint (finding->severity, ==, rule->missing_severity);
  g_assert_cmpint (finding->kind, ==, DD_FINDING_KIND_OMISSION);
  g_clear_object (&s);

  /* while the drill runs, a passed deadline is overdue, not yet missing */
  s = dd_score_compute (f->plan, f->scenario, f->actions, 5 * 60, FALSE);
  g_assert_null (dd_score_find (s, "report-hq-immediate", NULL));
  g_clear_object (&s);
  s = dd_score_compute (f->plan, f->scenario, f->actions, 60 * 60, FALSE);
  finding = dd_score_find (s, "report-hq-immediate", NULL);
  g_assert_nonnull (finding);
  g_assert_cmpint (finding->severity, ==, rule->severity);
}

/* the 1-hour rule applies while the level is not yet clear */
static void
test_deadline_undetermined (Fixture       *f,
                            gconstpointer  data)
{
  add (f, 0, "bigdata", "detect", NULL, NULL);
  add_report (f, 5, "office", "harmful-program", "undetermined");
  add_report (f, 50, "city-gov", "harmful-program", "major");
  g_assert_false (fires (f, "report-city-1h", TRUE));

  g_ptr_array_set_size (f->actions, 2);
  add_report (f, 70, "city-gov", "harmful-program", "major");
  g_assert_true (fires (f, "report-city-1h", TRUE));
}

/* authority (§4.2.1.2): only the commander decides a level-Ⅰ response */
static void
test_authority (Fixture       *f,
                gconstpointer  data)
{
  add (f, 10, "office", "assess", NULL, NULL);
  add (f, 12, "office", "propose-response", "I", NULL);
  add (f, 15, "commander", "decide-response", "I", NULL);
  g_assert_false (fires (f, "response-I-authority", TRUE));

  g_ptr_array_set_size (f->actions, 2);
  add (f, 15, "deputy-bigdata", "decide-response", "I", NULL);
  g_assert_true (fires (f, "response-I-authority", TRUE));
  /* a deputy may decide a level-Ⅱ response: that rule stays quiet */
  g_assert_false (fires (f, "response-II-authority", TRUE));
}

/* the affected unit acts as the plan's 事发单位 (incident-unit) */
static void
test_authority_incident_unit (Fixture       *f,
                              gconstpointer  data)
{
  add (f, 100, "bigdata", "recovery", NULL, NULL);
  g_assert_false (fires (f, "recovery-authority", TRUE));
  g_ptr_array_set_size (f->actions, 0);
  add (f, 100, "police", "recovery", NULL, NULL);
  g_assert_true (fires (f, "recovery-authority", TRUE));
}

/* the one reading of "who may act", shared by the scorer and the dry run */
static void
test_actor_allowed (Fixture       *f,
                    gconstpointer  data)
{
  const DdRule *recovery = dd_plan_lookup_rule (f->plan, "recovery-authority");
  const DdRule *any = dd_plan_lookup_rule (f->plan, "recovery-obligation");

  g_assert_nonnull (recovery);
  g_assert_true (dd_score_actor_allowed (f->plan, recovery, "incident-unit", NULL));
  /* the struck unit stands for the incident unit, another unit does not */
  g_assert_true (dd_score_actor_allowed (f->plan, recovery, "bigdata", "bigdata"));
  g_assert_false (dd_score_actor_allowed (f->plan, recovery, "police", "bigdata"));
  g_assert_false (dd_score_actor_allowed (f->plan, recovery, "no-such-role", "bigdata"));
  /* a rule naming no role lets anyone act */
  g_assert_true (dd_score_actor_allowed (f->plan, any, "no-such-role", NULL));
}

/* prerequisite (§3.2.2): a warning is published after assessment and approval */
static void
test_prerequisite (Fixture       *f,
                   gconstpointer  data)
{
  add (f, 10, "office", "assess", NULL, NULL);
  add (f, 12, "office", "propose-warning", "II", NULL);
  add (f, 14, "commander", "approve-warning", "II", NULL);
  add (f, 16, "office", "publish-warning", "II", NULL);
  g_assert_false (fires (f, "warning-publish-prerequisites", TRUE));

  g_ptr_array_remove_index (f->actions, 2);
  g_assert_true (fires (f, "warning-publish-prerequisites", TRUE));
}

/* obligation (§4.2.1.3): a level-Ⅰ response asks the province for support */
static void
test_obligation (Fixture       *f,
                 gconstpointer  data)
{
  add (f, 10, "office", "assess", NULL, NULL);
  add (f, 12, "office", "propose-response", "I", NULL);
  add (f, 15, "commander", "decide-response", "I", NULL);
  add (f, 20, "hq", "request-support", NULL, "province-command");
  g_assert_false (fires (f, "I-request-support", TRUE));

  g_ptr_array_set_size (f->actions, 3);
  g_assert_true (fires (f, "I-request-support", TRUE));
  /* checked when the drill is over, not while it runs */
  g_assert_false (fires (f, "I-request-support", FALSE));

  /* a level-Ⅱ response has no such obligation */
  g_ptr_array_set_size (f->actions, 2);
  g_free (((DdAction *) g_ptr_array_index (f->actions, 1))->level);
  ((DdAction *) g_ptr_array_index (f->actions, 1))->level = g_strdup ("II");
  add (f, 15, "commander", "decide-response", "II", NULL);
  g_assert_false (fires (f, "I-request-support", TRUE));
}

/* level-match (§4.2.1.1): a 重大 event calls for level Ⅰ; a level that does
 * not fit cites the start conditions of the level that should have been
 * started, one rule per level */
static void
test_level_match (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(DdScore) s = NULL;

  add (f, 10, "office", "assess", NULL, NULL);
  add (f, 12, "office", "propose-response", "I", NULL);
  add (f, 15, "commander", "decide-response", "I", NULL);
  add (f, 20, "office", "publish-warning", "II", NULL);
  g_assert_false (fires (f, "response-level-match-I", TRUE));
  g_assert_false (fires (f, "warning-level-match", TRUE));

  g_ptr_array_set_size (f->actions, 2);
  add (f, 15, "commander", "decide-response", "II", NULL);
  add (f, 20, "office", "publish-warning", "III", NULL);
  s = score (f, TRUE);
  g_assert_nonnull (dd_score_find (s, "response-level-match-I", "4.2.1.1"));
  g_assert_null (dd_score_find (s, "response-level-match-II", NULL));
  g_assert_null (dd_score_find (s, "response-level-match-III", NULL));
  g_assert_nonnull (dd_score_find (s, "warning-level-match", NULL));
}

/* same-authority (§4.5, reading 1): 谁启动，谁结束 is the body that started
 * the response and its authority, not the person */
static void
test_same_authority (Fixture       *f,
                     gconstpointer  data)
{
  static const struct { const char *level, *started_by, *closed_by; gboolean fires; } cases[] = {
    { "I", "commander", "commander", FALSE },
    { "I", "commander", "deputy-bigdata", TRUE },        /* Ⅰ: only the 指挥长 */
    { "I", "commander", "office-director", TRUE },
    { "II", "deputy-bigdata", "commander", FALSE },      /* Ⅱ: either, whichever started it */
    { "II", "commander", "deputy-police", FALSE },
    { "II", "deputy-bigdata", "deputy-bigdata", FALSE },
    { "II", "commander", "office-director", TRUE },
    { "III", "office-director", "office-director", FALSE }, /* Ⅲ: the office, or the 市指挥部 */
    { "III", "office-director", "office", FALSE },
    { "III", "office-director", "commander", FALSE },
    { "III", "office-director", "deputy-cac", FALSE },
    { "III", "office-director", "news", TRUE },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_ptr_array_set_size (f->actions, 0);
      add (f, 10, "office", "assess", NULL, NULL);
      add (f, 12, "office", "propose-response", cases[c].level, NULL);
      add (f, 15, cases[c].started_by, "decide-response", cases[c].level, NULL);
      add (f, 100, "office", "propose-closure", cases[c].level, NULL);
      add (f, 105, cases[c].closed_by, "approve-closure", cases[c].level, NULL);
      g_test_message ("%s started by %s, closed by %s", cases[c].level, cases[c].started_by, cases[c].closed_by);
      g_assert_cmpint (fires (f, "closure-same-body", TRUE), ==, cases[c].fires);
    }
}

/* same-actor, the kind: the actor must be the same role (a plan may want
 * it; 4.5 does not, so the bundled plan's closure rule read this way) */
static void
test_same_actor (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data (DD_PLAN_DEFAULT_RESOURCE, 0, NULL);
  g_autofree char *xml = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autoptr(GString) text = g_string_new (xml);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPlan) plan = NULL;
  g_autoptr(DdScore) same = NULL;
  g_autoptr(DdScore) other = NULL;

  g_assert_cmpuint (g_string_replace (text, "kind=\"same-authority\"", "kind=\"same-actor\"", 0), ==, 1);
  plan = dd_plan_load_data ("same-actor.xml", text->str, text->len, &error);
  g_assert_no_error (error);
  add (f, 10, "office", "assess", NULL, NULL);
  add (f, 12, "office", "propose-response", "II", NULL);
  add (f, 15, "deputy-bigdata", "decide-response", "II", NULL);
  add (f, 105, "deputy-bigdata", "approve-closure", "II", NULL);
  same = dd_score_compute (plan, f->scenario, f->actions, 0, TRUE);
  g_assert_null (dd_score_find (same, "closure-same-body", NULL));
  g_ptr_array_set_size (f->actions, 3);
  add (f, 105, "commander", "approve-closure", "II", NULL);
  other = dd_score_compute (plan, f->scenario, f->actions, 0, TRUE);
  g_assert_nonnull (dd_score_find (other, "closure-same-body", NULL));
}

/* report-content (§4.1, §8.3): contents and required fields */
static void
test_report_content (Fixture       *f,
                     gconstpointer  data)
{
  DdAction *report;
  const DdFormField *required = NULL;
  GPtrArray *fields = dd_plan_get_form_fields (f->plan);

  add (f, 0, "bigdata", "detect", NULL, NULL);
  report = add_report (f, 5, "office city-gov", "harmful-program", "major");
  g_assert_false (fires (f, "report-form-fields", TRUE));
  g_assert_false (fires (f, "report-contents", TRUE));

  for (guint i = 0; i < fields->len && required == NULL; i++)
    {
      const DdFormField *field = g_ptr_array_index (fields, i);

      if (field->required && field->type == DD_FIELD_TYPE_TEXT)
        required = field;
    }
  g_assert_nonnull (required);
  dd_action_set_field (report, required->id, "  ");
  g_assert_true (fires (f, "report-form-fields", TRUE));

  /* a report with nothing in it misses the 4.1 contents too */
  g_ptr_array_set_size (f->actions, 1);
  report = add (f, 5, "bigdata", "report", NULL, "office");
  report->report_type = g_strdup ("first");
  g_assert_true (fires (f, "report-contents", TRUE));
}

/* report-accuracy (§1.5, §1.6): category and level against the truth */
static void
test_report_accuracy (Fixture       *f,
                      gconstpointer  data)
{
  add (f, 0, "bigdata", "detect", NULL, NULL);
  add_report (f, 5, "office city-gov", "harmful-program", "undetermined");  /* level not clear yet */
  add_report (f, 40, "office", "harmful-program", "major");
  g_assert_false (fires (f, "report-category-accuracy", TRUE));
  g_assert_false (fires (f, "report-severity-accuracy", TRUE));

  g_ptr_array_set_size (f->actions, 1);
  add_report (f, 5, "office city-gov", "network-attack", "major");
  g_assert_true (fires (f, "report-category-accuracy", TRUE));
  g_assert_false (fires (f, "report-severity-accuracy", TRUE));

  g_ptr_array_set_size (f->actions, 1);
  add_report (f, 40, "office city-gov", "harmful-program", "undetermined");  /* level clear by then */
  g_assert_true (fires (f, "report-severity-accuracy", TRUE));
}

/* the scenario's own expectations, and contingency injects */
static void
test_expectations (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(DdScore) s = NULL;
  g_autoptr(GPtrArray) deliveries = NULL;

  add (f, 5, "bigdata", "detect", NULL, NULL);
  g_assert_false (fires (f, "msel.alert.detect", TRUE));

  g_ptr_array_set_size (f->actions, 0);
  add (f, 11, "bigdata", "detect", NULL, NULL);
  s = score (f, TRUE);
  g_assert_nonnull (dd_score_find (s, "msel.alert.detect", "3.2.2"));
  g_assert_cmpint (dd_score_find (s, "msel.alert.detect", NULL)->severity, ==, DD_FINDING_SEVERITY_MINOR);

  /* no report by T+0:20: the contingency inject comes */
  deliveries = dd_scenario_deliveries (f->scenario, f->actions, 3600);
  g_assert_cmpuint (deliveries->len, ==, 2);
  g_clear_pointer (&deliveries, g_ptr_array_unref);
  add_report (f, 19, "office", "harmful-program", "major");
  deliveries = dd_scenario_deliveries (f->scenario, f->actions, 3600);
  g_assert_cmpuint (deliveries->len, ==, 1);
}

/* scores and ratings follow the plan's <scoring> */
static void
test_scores_and_ratings (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(DdScore) s = NULL;
  const DdScoring *scoring = dd_plan_get_scoring (f->plan);
  const DdScoreEntry *activation;
  GPtrArray *objectives;

  /* nothing at all: never reported — the report objective is not performed */
  s = score (f, TRUE);
  objectives = dd_score_get_objectives (s);
  g_assert_cmpuint (objectives->len, ==, 2);
  g_assert_cmpstr (((DdObjectiveScore *) g_ptr_array_index (objectives, 0))->id, ==, "rep");
  g_assert_cmpint (((DdObjectiveScore *) g_ptr_array_index (objectives, 0))->rating, ==, 'U');
  g_assert_cmpfloat (dd_score_get_overall (s), <, scoring->max_score);
  g_clear_object (&s);

  /* one major authority breach in activation */
  add (f, 1, "bigdata", "detect", NULL, NULL);
  add_report (f, 2, "office city-gov", "harmful-program", "major");
  add (f, 10, "office", "assess", NULL, NULL);
  add (f, 12, "office", "propose-response", "II", NULL);
  add (f, 15, "commander", "decide-response", "II", NULL);
  s = score (f, FALSE);
  activation = dd_score_lookup_phase (s, "activation");
  g_assert_nonnull (activation);
  g_assert_cmpfloat (activation->score, ==,
                     scoring->max_score - dd_scoring_deduction (scoring, DD_FINDING_SEVERITY_MAJOR));
  g_assert_cmpfloat (((DdObjectiveScore *) g_ptr_array_index (dd_score_get_objectives (s), 1))->score, ==,
                     activation->score);
  g_assert_cmpuint (((DdObjectiveScore *) g_ptr_array_index (dd_score_get_objectives (s), 1))->n_findings, ==, 1);
  g_assert_cmpint (((DdObjectiveScore *) g_ptr_array_index (dd_score_get_objectives (s), 0))->rating, ==, 'P');
  g_assert_nonnull (dd_score_lookup_role (s, "commander"));
}

static void
test_deterministic (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(DdScore) a = NULL;
  g_autoptr(DdScore) b = NULL;
  g_autofree char *ja = NULL;
  g_autofree char *jb = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *first;

  add (f, 30, "bigdata", "detect", NULL, NULL);
  add (f, 40, "deputy-bigdata", "decide-response", "III", NULL);
  add (f, 50, "bigdata", "release-info", NULL, NULL);
  a = score (f, TRUE);
  b = score (f, TRUE);
  ja = dd_score_to_json_string (a, TRUE);
  jb = dd_score_to_json_string (b, TRUE);
  g_assert_cmpstr (ja, ==, jb);

  json_parser_load_from_data (parser, ja, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_has_member (root, "overall"));
  g_assert_true (json_object_has_member (root, "phases"));
  g_assert_true (json_object_has_member (root, "roles"));
  g_assert_true (json_object_has_member (root, "objectives"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "findings")), >, 3);
  first = json_array_get_object_element (json_object_get_array_member (root, "findings"), 0);
  for (guint i = 0; i < 7; i++)
    g_assert_true (json_object_has_member (first, (const char *[]) { "clause", "kind", "severity", "role",
                                                                     "time", "message", "rule" }[i]));
}


/* ------------------------------------------------------------------ */
/* Scenarios of a given category and severity                          */

static DdScenario *
scenario_of (DdPlan     *plan,
             const char *category,
             const char *severity)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = g_strdup_printf (
    "<scenario id='t' plan='jincheng-2020'>"
    "<title>测试</title><form id='tabletop'>桌面推演</form>"
    "<clock start='2025-01-01T09:00:00+08:00' duration='3:00' compression='4'/>"
    "<participants><role ref='office'/><role ref='commander'/><role ref='cac'/></participants>"
    "<objectives><objective id='all' clauses='2 4 5'>全部</objective></objectives>"
    "<incident category='%s' severity='%s' unit='bigdata' began='0:00' level-clear='0:10'>"
    "<system>政务云</system></incident>"
    "<msel>"
    "<inject id='trucks' at='0:30' from='transport' to='office' channel='phone'><content>发电车受阻</content>"
    "<expect role='office' action='notify-members' within='0:15' clause='4.2.2.3(2)'/></inject>"
    "</msel></scenario>", category, severity);
  DdScenario *scenario = dd_scenario_load_data ("t.xml", xml, strlen (xml), NULL, plan, &error);

  g_assert_no_error (error);
  return scenario;
}

static gboolean
fires_in (DdPlan      *plan,
          DdScenario  *scenario,
          GPtrArray   *actions,
          const char  *rule,
          const char  *clause,
          char       **detail_out)
{
  g_autoptr(DdScore) s = dd_score_compute (plan, scenario, actions, 0, TRUE);
  const DdFinding *f;

  for (guint i = 0; i < actions->len; i++)
    {
      g_autofree char *problem = dd_action_check (g_ptr_array_index (actions, i), plan);

      g_assert_null (problem);
    }
  f = dd_score_find (s, rule, clause);
  if (f != NULL && detail_out != NULL)
    *detail_out = g_strdup (f->detail);
  return f != NULL;
}

/* §5.1: organising the investigation and writing the summary (the region or
 * department at 较大/一般, the office at 重大+) is not forwarding it to the
 * provincial office (always the office). */
static void
test_summary_forward (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(DdScenario) low = scenario_of (f->plan, "network-attack", "relatively-major");
  g_autofree char *detail = NULL;

  add (f, 100, "bigdata", "submit-summary", NULL, "office");
  add (f, 110, "office", "forward-summary", NULL, "province-office");
  g_assert_false (fires_in (f->plan, low, f->actions, "summary-authority-low", NULL, NULL));
  g_assert_false (fires_in (f->plan, low, f->actions, "summary-forward-authority", NULL, NULL));
  g_assert_false (fires_in (f->plan, low, f->actions, "summary-forward-obligation", NULL, NULL));
  g_assert_false (fires_in (f->plan, low, f->actions, "summary-obligation", NULL, NULL));

  /* never forwarded */
  g_ptr_array_set_size (f->actions, 1);
  g_assert_true (fires_in (f->plan, low, f->actions, "summary-forward-obligation", "5.1", NULL));

  /* forwarded by someone else than the office */
  add (f, 110, "bigdata", "forward-summary", NULL, "province-office");
  g_assert_true (fires_in (f->plan, low, f->actions, "summary-forward-authority", "5.1", NULL));

  /* at 较大 the office writing the summary itself is still flagged, and the
   * message names the member units as the plan's kind label */
  g_ptr_array_set_size (f->actions, 0);
  add (f, 100, "office", "submit-summary", NULL, "province-office");
  add (f, 110, "office", "forward-summary", NULL, "province-office");
  g_assert_true (fires_in (f->plan, low, f->actions, "summary-authority-low", "5.1", &detail));
  g_assert_nonnull (strstr (detail, "市指挥部成员单位"));
  g_assert_null (strstr (detail, "member-unit"));

  /* at 重大 the office both organises and forwards: nothing to find */
  g_assert_false (fires (f, "summary-authority-high", TRUE));
  g_assert_false (fires (f, "summary-forward-authority", TRUE));
  g_assert_false (fires (f, "summary-forward-obligation", TRUE));
}

/* §4.2.1.3(2): report up to 省、市人民政府和上级指挥部 — every one of them */
static void
test_obligation_all_recipients (Fixture       *f,
                                gconstpointer  data)
{
  const DdRule *rule = dd_plan_lookup_rule (f->plan, "I-report-up");
  g_autoptr(DdScore) s = NULL;
  const DdFinding *finding;

  g_assert_true (rule->all_recipients);
  g_assert_true (g_strv_contains ((const char *const *) rule->recipients, "province-command"));

  add (f, 10, "office", "assess", NULL, NULL);
  add (f, 12, "office", "propose-response", "I", NULL);
  add (f, 15, "commander", "decide-response", "I", NULL);
  add (f, 30, "office", "report-up", NULL, "city-gov");
  s = score (f, TRUE);
  finding = dd_score_find (s, "I-report-up", "4.2.1.3(2)");
  g_assert_nonnull (finding);
  g_assert_nonnull (strstr (finding->detail, "省人民政府"));
  g_assert_null (strstr (finding->detail, "市人民政府"));

  /* the rest sent later, in a second report: met */
  add (f, 40, "office", "report-up", NULL, "province-gov province-command");
  g_assert_false (fires (f, "I-report-up", TRUE));

  /* all in one */
  g_ptr_array_set_size (f->actions, 3);
  add (f, 30, "office", "report-up", NULL, "province-gov city-gov province-command");
  g_assert_false (fires (f, "I-report-up", TRUE));
}

/* Harmful-content control cites the clause of the response level in force. */
static void
test_content_control_per_level (Fixture       *f,
                                gconstpointer  data)
{
  static const struct {
    const char *severity, *level, *decider, *rule, *clause;
  } cases[] = {
    { "major", "I", "commander", "content-control-I", "4.2.1.3(4)" },
    { "relatively-major", "II", "commander", "content-control", "4.2.2.3(4)" },
    { "general", "III", "office-director", "content-control-duty", "2.3" },
  };
  static const char *const all_rules[] = { "content-control-I", "content-control", "content-control-duty" };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(DdScenario) sc = scenario_of (f->plan, "information-content", cases[c].severity);

      g_ptr_array_set_size (f->actions, 0);
      add (f, 5, "office", "assess", NULL, NULL);
      add (f, 6, "office", "propose-response", cases[c].level, NULL);
      add (f, 8, cases[c].decider, "decide-response", cases[c].level, NULL);
      for (guint r = 0; r < G_N_ELEMENTS (all_rules); r++)
        {
          gboolean expected = g_strcmp0 (all_rules[r], cases[c].rule) == 0;

          g_assert_true (fires_in (f->plan, sc, f->actions, all_rules[r], NULL, NULL) == expected);
        }
      g_assert_true (fires_in (f->plan, sc, f->actions, cases[c].rule, cases[c].clause, NULL));

      add (f, 20, "cac", "control-content", NULL, NULL);
      g_assert_false (fires_in (f->plan, sc, f->actions, cases[c].rule, NULL, NULL));
    }

  /* not an information-content event: no such obligation */
  {
    g_autoptr(DdScenario) sc = scenario_of (f->plan, "network-attack", "general");

    g_ptr_array_set_size (f->actions, 3);
    for (guint r = 0; r < G_N_ELEMENTS (all_rules); r++)
      g_assert_false (fires_in (f->plan, sc, f->actions, all_rules[r], NULL, NULL));
  }
}

/* An expected action counts only when taken at or after its inject arrived. */
static void
test_expectation_after_inject (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(DdScenario) sc = scenario_of (f->plan, "equipment-failure", "relatively-major");
  g_autofree char *detail = NULL;

  add (f, 10, "office", "notify-members", NULL, NULL);     /* before the trucks were blocked */
  g_assert_true (fires_in (f->plan, sc, f->actions, "msel.trucks.notify-members", "4.2.2.3(2)", &detail));
  g_assert_nonnull (strstr (detail, "0:45"));

  add (f, 30, "office", "notify-members", NULL, NULL);     /* when it arrives */
  g_assert_false (fires_in (f->plan, sc, f->actions, "msel.trucks.notify-members", NULL, NULL));

  g_ptr_array_set_size (f->actions, 1);
  add (f, 50, "office", "notify-members", NULL, NULL);     /* late */
  g_clear_pointer (&detail, g_free);
  g_assert_true (fires_in (f->plan, sc, f->actions, "msel.trucks.notify-members", NULL, &detail));
  g_assert_nonnull (strstr (detail, "late"));
}

/* Authority findings name role kinds as the plan does, never by their ids. */
static void
test_authority_kind_names (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(DdScenario) sc = scenario_of (f->plan, "network-attack", "relatively-major");
  g_autofree char *detail = NULL;

  g_assert_cmpstr (dd_plan_get_role_kind_label (f->plan, DD_ROLE_KIND_DEPUTY), ==, "副指挥长");
  g_assert_cmpstr (dd_plan_get_role_kind_label (f->plan, DD_ROLE_KIND_COMMANDER), ==, "指挥长");
  g_assert_null (dd_plan_get_role_kind_label (f->plan, DD_ROLE_KIND_SUPERIOR));

  add (f, 5, "office", "assess", NULL, NULL);
  add (f, 6, "office", "propose-response", "II", NULL);
  add (f, 8, "office-director", "decide-response", "II", NULL);
  g_assert_true (fires_in (f->plan, sc, f->actions, "response-II-authority", "4.2.2.2", &detail));
  g_assert_nonnull (strstr (detail, "指挥长, 副指挥长"));
  g_assert_null (strstr (detail, "deputy"));
}

/* The overall score: the weighted mean of the phases minus the plan's
 * overall deduction of every finding. */
static void
test_overall_formula (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(DdScore) s = NULL;
  const DdScoring *scoring = dd_plan_get_scoring (f->plan);
  GPtrArray *phases, *findings;
  double weighted = 0, weights = 0, deductions = 0;

  /* the numbers keep one major finding below 90, one critical well below */
  g_assert_cmpfloat (scoring->max_score - dd_scoring_overall_deduction (scoring, DD_FINDING_SEVERITY_MAJOR), <, 89.5);
  g_assert_cmpfloat (scoring->max_score - dd_scoring_overall_deduction (scoring, DD_FINDING_SEVERITY_CRITICAL), <=, 70);
  g_assert_cmpfloat (dd_scoring_overall_deduction (scoring, DD_FINDING_SEVERITY_MINOR), <,
                     dd_scoring_overall_deduction (scoring, DD_FINDING_SEVERITY_MAJOR));

  add (f, 1, "bigdata", "detect", NULL, NULL);
  add_report (f, 40, "office city-gov", "harmful-program", "major");
  add (f, 10, "office", "assess", NULL, NULL);
  add (f, 12, "office", "propose-response", "I", NULL);
  add (f, 15, "commander", "decide-response", "I", NULL);
  s = score (f, TRUE);
  phases = dd_score_get_phases (s);
  findings = dd_score_get_findings (s);
  g_assert_cmpuint (findings->len, >, 0);
  for (guint i = 0; i < phases->len; i++)
    {
      const DdScoreEntry *e = g_ptr_array_index (phases, i);
      const DdPhase *phase = dd_plan_lookup_phase (f->plan, e->id);

      weighted += phase->weight * e->score;
      weights += phase->weight;
    }
  /* each finding costs its severity's overall deduction times its factor
   * (below 1 for a step taken late); the heaviest counts once */
  for (guint i = 0; i < findings->len; i++)
    {
      const DdFinding *x = g_ptr_array_index (findings, i);

      g_assert_cmpfloat (x->factor, >, 0);
      g_assert_cmpfloat (x->factor, <=, 1);
      g_assert_cmpfloat (x->factor < 1, ==, x->grade != NULL);
      g_assert_cmpfloat (x->overall_weight, ==, dd_scoring_overall_deduction (scoring, x->severity) * x->factor);
      deductions = MAX (deductions, x->overall_weight);
    }
  g_assert_cmpfloat (deductions, >, 0);
  g_assert_cmpfloat (dd_score_get_overall (s), ==, round (MAX (0.0, weighted / weights - deductions)));
}

/* Scoring the journal of a drill gives what the drill computed in memory. */
static void
test_journal_replay (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPlan) plan = dd_plan_load_default (&error);
  g_autoptr(GPtrArray) dirs = dd_test_scenario_dirs ();
  g_autofree char *tmp = g_dir_make_tmp ("dd-score-XXXXXX", &error);
  g_autofree char *jpath = g_build_filename (tmp, "journal.jsonl", NULL);
  g_autofree char *path = g_build_filename (g_ptr_array_index (dirs, 0), "scenario.xml", NULL);
  g_autofree char *flawed = g_build_filename (g_ptr_array_index (dirs, 0), "flawed.actions.xml", NULL);
  g_autoptr(DdScenario) scenario = dd_scenario_load_file (path, plan, &error);
  g_autoptr(DdActionScript) script = dd_action_script_load_file (flawed, plan, scenario, &error);
  g_autoptr(DdDrill) drill = dd_drill_new (plan, scenario);
  g_autoptr(DdJournal) journal = NULL;
  g_autoptr(DdReplay) replayed = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  GPtrArray *actions = dd_action_script_get_actions (script);

  g_assert_no_error (error);
  g_assert_true (dd_drill_create_journal (drill, jpath, &error));
  for (guint i = 0; i < actions->len; i++)
    {
      g_autoptr(DdAction) action = dd_action_copy (g_ptr_array_index (actions, i));

      g_assert_true (dd_drill_advance_to (drill, action->at, &error));
      g_assert_true (dd_drill_record_action (drill, action, &error));
    }
  g_assert_true (dd_drill_finish (drill, &error));
  g_assert_no_error (error);

  journal = dd_journal_load (jpath, NULL, &error);
  g_assert_no_error (error);
  replayed = dd_replay_new_for_journal (plan, scenario, journal, &error);
  g_assert_no_error (error);
  a = dd_score_to_json_string (dd_drill_get_score (drill), FALSE);
  b = dd_score_to_json_string (dd_replay_get_score (replayed), FALSE);
  g_assert_cmpstr (a, ==, b);

  g_clear_object (&drill);
  g_clear_object (&journal);
  g_unlink (jpath);
  g_rmdir (tmp);
}


/* ------------------------------------------------------------------ */
/* The command line: run, interrupted run + resume, score --json        */

static void
test_cli (void)
{
  const char *root = g_getenv ("DD_SOURCE_ROOT");
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("dd-cli-XXXXXX", &error);
  g_autofree char *dir = g_build_filename (root ? root : ".", "scenarios", "ransomware-gov-cloud", NULL);
  g_autofree char *scenario = g_build_filename (dir, "scenario.xml", NULL);
  g_autofree char *flawed = g_build_filename (dir, "flawed.actions.xml", NULL);
  g_autofree char *j1 = g_build_filename (tmp, "whole.jsonl", NULL);
  g_autofree char *j2 = g_build_filename (tmp, "resumed.jsonl", NULL);
  g_autofree char *s1 = NULL;
  g_autofree char *s2 = NULL;
  g_autofree char *junk = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root_obj;
  JsonArray *objectives;

  if (g_getenv ("DD_CLI") == NULL)
    {
      g_test_skip ("DD_CLI is not set");
      return;
    }
  g_assert_no_error (error);

  g_assert_cmpint (dd_test_run_cli (NULL, "run", scenario, "--actions", flawed, "--journal", j1, "-q", NULL), ==, 0);
  g_assert_cmpint (dd_test_run_cli (NULL, "run", scenario, "--actions", flawed, "--journal", j2, "--stop-after", "3", "-q", NULL), ==, 0);
  g_assert_cmpint (dd_test_run_cli (NULL, "run", scenario, "--actions", flawed, "--journal", j2, "--stop-after", "5", "-q", NULL), ==, 0);
  g_assert_cmpint (dd_test_run_cli (NULL, "run", scenario, "--actions", flawed, "--journal", j2, "-q", NULL), ==, 0);
  g_assert_cmpint (dd_test_run_cli (&s1, "score", scenario, j1, "--json", NULL), ==, 0);
  g_assert_cmpint (dd_test_run_cli (&s2, "score", scenario, j2, "--json", NULL), ==, 0);
  g_assert_cmpstr (s1, ==, s2);

  json_parser_load_from_data (parser, s1, -1, &error);
  g_assert_no_error (error);
  root_obj = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpfloat (json_object_get_double_member (root_obj, "overall"), <, 90);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root_obj, "findings")), >=, 3);
  objectives = json_object_get_array_member (root_obj, "objectives");
  for (guint i = 0; i < json_array_get_length (objectives); i++)
    {
      const char *rating = json_object_get_string_member (json_array_get_object_element (objectives, i), "rating");

      g_assert_true (strlen (rating) == 1 && strchr ("PSMU", rating[0]) != NULL);
    }

  /* usage errors exit 2, bad input 1 */
  g_assert_cmpint (dd_test_run_cli (&junk, "run", scenario, NULL), ==, 2);
  g_clear_pointer (&junk, g_free);
  g_assert_cmpint (dd_test_run_cli (&junk, "score", scenario, flawed, NULL), ==, 1);

  g_unlink (j1);
  g_unlink (j2);
  g_rmdir (tmp);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  dd_xml_init ();

#define ADD(name, func) g_test_add ("/dd/score/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("deadline", test_deadline);
  ADD ("deadline-undetermined", test_deadline_undetermined);
  ADD ("authority", test_authority);
  ADD ("authority-incident-unit", test_authority_incident_unit);
  ADD ("actor-allowed", test_actor_allowed);
  ADD ("prerequisite", test_prerequisite);
  ADD ("obligation", test_obligation);
  ADD ("level-match", test_level_match);
  ADD ("same-actor", test_same_actor);
  ADD ("same-authority", test_same_authority);
  ADD ("report-content", test_report_content);
  ADD ("report-accuracy", test_report_accuracy);
  ADD ("expectations", test_expectations);
  ADD ("scores-and-ratings", test_scores_and_ratings);
  ADD ("deterministic", test_deterministic);
  ADD ("summary-forward", test_summary_forward);
  ADD ("obligation-all-recipients", test_obligation_all_recipients);
  ADD ("content-control-per-level", test_content_control_per_level);
  ADD ("expectation-after-inject", test_expectation_after_inject);
  ADD ("authority-kind-names", test_authority_kind_names);
  ADD ("overall-formula", test_overall_formula);
#undef ADD
  g_test_add_func ("/dd/score/journal-replay", test_journal_replay);
  g_test_add_func ("/dd/score/cli-run-resume-score", test_cli);

  return g_test_run ();
}
