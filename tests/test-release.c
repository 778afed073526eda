/* test-release.c — public opinion that reacts to the room's information
 * release (4.4): the release conditions of an inject, alone and in the
 * bundled citizen-data-leak scenario scored both ways
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dd-error.h"
#include "dd-test-util.h"
#include "dd-test-score.h"
#include "dd-replay.h"
#include "dd-score.h"

static const char scenario_xml[] =
  "<scenario id='t' plan='jincheng-2020'>"
  "<title>t</title>"
  "<form id='tabletop'>桌面推演</form>"
  "<clock start='2025-01-01T08:00:00+08:00' duration='4:00' compression='1'/>"
  "<participants><role ref='office'/><role ref='news'/><role ref='commander'/></participants>"
  "<objectives><objective id='o' clauses='4.4'>信息发布</objective></objectives>"
  "<incident category='harmful-program' severity='relatively-major' unit='bigdata' began='0:00'>"
  "<system>s</system></incident>"
  "<msel>"
  "<inject id='start' at='0:00' source='x' to='office' channel='phone'><content>c</content></inject>"
  "<inject id='silence' at='1:00' source='x' to='news' channel='weibo'><content>c</content>"
  "<condition type='release-missing' action='release-info' approval='approve-release' by='1:30'/></inject>"
  "<inject id='rumour' at='1:00' source='x' to='news' channel='weibo'><content>c</content>"
  "<condition type='release-unapproved' action='release-info' approval='approve-release'/></inject>"
  "<inject id='calm' at='1:00' source='x' to='news' channel='weibo'><content>c</content>"
  "<condition type='release-timely' action='release-info' approval='approve-release' by='1:30'/></inject>"
  "</msel></scenario>";

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  score_fixture_set_up (f, scenario_xml);
}

/* The delivery time of inject @id by T+4:00, or -1 when it is held back. */
static gint64
delivered (Fixture    *f,
           const char *id)
{
  g_autoptr(GPtrArray) deliveries = dd_scenario_deliveries (f->scenario, f->actions, 4 * 3600);

  for (guint i = 0; i < deliveries->len; i++)
    {
      const DdInjectDelivery *d = g_ptr_array_index (deliveries, i);

      if (g_strcmp0 (d->inject->id, id) == 0)
        return d->time;
    }
  return -1;
}

static void
test_conditions (Fixture       *f,
                 gconstpointer  data)
{
  /* nothing released: the silence escalates at the deadline */
  g_assert_cmpint (delivered (f, "silence"), ==, 90 * 60);
  g_assert_cmpint (delivered (f, "rumour"), ==, -1);
  g_assert_cmpint (delivered (f, "calm"), ==, -1);

  /* approved and released before the deadline: it subsides, from the release */
  add (f, 70, "commander", "approve-release", NULL, NULL);
  add (f, 80, "news", "release-info", NULL, NULL);
  g_assert_cmpint (delivered (f, "silence"), ==, -1);
  g_assert_cmpint (delivered (f, "rumour"), ==, -1);
  g_assert_cmpint (delivered (f, "calm"), ==, 80 * 60);

  /* released at the very deadline: too late, as for "absent" */
  g_ptr_array_set_size (f->actions, 0);
  add (f, 70, "commander", "approve-release", NULL, NULL);
  add (f, 90, "news", "release-info", NULL, NULL);
  g_assert_cmpint (delivered (f, "silence"), ==, 90 * 60);
  g_assert_cmpint (delivered (f, "calm"), ==, -1);

  /* a release before any approval: the rumour escalates from the inject's
   * time; a later approved release is not the first word, so no calm */
  g_ptr_array_set_size (f->actions, 0);
  add (f, 30, "incident-unit", "release-info", NULL, NULL);
  add (f, 70, "commander", "approve-release", NULL, NULL);
  add (f, 80, "news", "release-info", NULL, NULL);
  g_assert_cmpint (delivered (f, "rumour"), ==, 60 * 60);
  g_assert_cmpint (delivered (f, "silence"), ==, -1);
  g_assert_cmpint (delivered (f, "calm"), ==, -1);

  /* an unapproved release after the inject's time: delivered when it goes out */
  g_ptr_array_set_size (f->actions, 0);
  add (f, 100, "news", "release-info", NULL, NULL);
  g_assert_cmpint (delivered (f, "rumour"), ==, 100 * 60);
}

static void
test_sentences (Fixture       *f,
                gconstpointer  data)
{
  GPtrArray *injects = dd_scenario_get_injects (f->scenario);

  for (guint i = 1; i < injects->len; i++)
    {
      const DdInject *inject = g_ptr_array_index (injects, i);
      const DdInjectCondition *c = g_ptr_array_index (inject->conditions, 0);
      g_autofree char *s = dd_inject_condition_describe (f->plan, inject, c);
      const DdActionKind *release = dd_plan_lookup_action_kind (f->plan, "release-info");
      const DdActionKind *approve = dd_plan_lookup_action_kind (f->plan, "approve-release");

      /* the plan's names, never the ids */
      g_assert_nonnull (strstr (s, release->name));
      g_assert_nonnull (strstr (s, approve->name));
      g_assert_null (strstr (s, "release-info"));
      if (c->type != DD_CONDITION_RELEASE_UNAPPROVED)
        g_assert_nonnull (strstr (s, "1:30"));
    }
}

/* A release condition without its approval is refused with its position. */
static void
test_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPlan) plan = dd_plan_load_default (&error);
  g_autofree char *bad = NULL;
  g_autoptr(DdScenario) s = NULL;
  GString *xml = g_string_new (scenario_xml);

  g_assert_no_error (error);
  g_string_replace (xml, "approval='approve-release' by='1:30'/></inject><inject id='rumour'",
                    "approval='no-such-action' by='1:30'/></inject><inject id='rumour'", 1);
  bad = g_string_free (xml, FALSE);
  s = dd_scenario_load_data ("bad.xml", bad, strlen (bad), NULL, plan, &error);
  g_assert_null (s);
  g_assert_error (error, DD_ERROR, DD_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "bad.xml:1:"));
  g_assert_nonnull (strstr (error->message, "no-such-action"));
}

/* The bundled escalation: the ideal room's approved release calms the
 * hot search; the flawed room's own statement makes the rumour grow, and
 * leaving it uncorrected is a finding citing 4.4. */
static void
test_bundled_both_ways (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPlan) plan = dd_plan_load_default (&error);
  g_autofree char *path = dd_test_source_path ("scenarios", "citizen-data-leak", "scenario.xml", NULL);
  g_autoptr(DdScenario) scenario = NULL;
  const char *const runs[] = { "ideal.actions.xml", "flawed.actions.xml" };

  g_assert_no_error (error);
  scenario = dd_scenario_load_file (path, plan, &error);
  g_assert_no_error (error);

  for (guint r = 0; r < G_N_ELEMENTS (runs); r++)
    {
      g_autofree char *script_path = dd_test_source_path ("scenarios", "citizen-data-leak", runs[r], NULL);
      g_autoptr(DdActionScript) script = dd_action_script_load_file (script_path, plan, scenario, &error);
      g_autoptr(DdReplay) replay = NULL;
      gboolean flawed = r == 1;
      DdScore *score;

      g_assert_no_error (error);
      replay = dd_replay_new_for_actions (plan, scenario, dd_action_script_get_actions (script), TRUE);
      score = dd_replay_get_score (replay);
      g_assert_cmpint (dd_replay_is_delivered (replay, "weibo-calm"), ==, !flawed);
      g_assert_cmpint (dd_replay_is_delivered (replay, "weibo-rumour"), ==, flawed);
      g_assert_cmpint (dd_replay_is_delivered (replay, "weibo-silence"), ==, flawed);
      if (flawed)
        {
          const DdFinding *finding = dd_score_find (score, "msel.weibo-rumour.release-info", "4.4");

          g_assert_nonnull (finding);
          g_assert_cmpint (finding->severity, ==, DD_FINDING_SEVERITY_MAJOR);
        }
      else
        {
          g_assert_null (dd_score_find (score, "msel.weibo-rumour.release-info", NULL));
          g_assert_cmpfloat (dd_score_get_overall (score), ==, dd_score_get_max (score));
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/dd/release/conditions", Fixture, NULL, fixture_set_up, test_conditions, fixture_tear_down);
  g_test_add ("/dd/release/sentences", Fixture, NULL, fixture_set_up, test_sentences, fixture_tear_down);
  g_test_add_func ("/dd/release/refused", test_refused);
  g_test_add_func ("/dd/release/bundled-both-ways", test_bundled_both_ways);
  return g_test_run ();
}
