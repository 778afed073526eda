/* test-drill.c — the running drill: clock, injects, journal before signals,
 * live findings, phases, resuming
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "dd-actions.h"
#include "dd-drill.h"
#include "dd-error.h"
#include "dd-plan.h"
#include "dd-scenario.h"
#include "dd-xml.h"

static const char scenario_xml[] =
  "<scenario id='t' plan='jincheng-2020'>"
  "<title>测试</title><form id='functional'>实操演练</form>"
  "<clock start='2025-01-01T09:00:00+08:00' duration='1:00' compression='4'/>"
  "<participants><role ref='office'/><role ref='commander'/><role ref='bigdata'/></participants>"
  "<objectives><objective id='act' clauses='4.2'>响应</objective></objectives>"
  "<incident category='harmful-program' severity='major' unit='bigdata' began='0:00'>"
  "<system>政务云</system></incident>"
  "<msel>"
  "<inject id='second' at='0:10' source='x' to='office' channel='email'><content>二</content></inject>"
  "<inject id='first' at='0:05' source='x' to='bigdata' channel='phone'><content>一</content></inject>"
  "<inject id='nag' at='0:20' from='city-gov' to='bigdata' channel='phone'><content>为何不报</content>"
  "<condition type='absent' action='report'/></inject>"
  "<inject id='thanks' at='0:00' from='province-command' to='hq' channel='phone'><content>收到</content>"
  "<condition type='after' action='request-support'/></inject>"
  "</msel></scenario>";

typedef struct
{
  DdPlan     *plan;
  DdScenario *scenario;
  DdDrill    *drill;
  char       *tmp;
  char       *journal;
  GPtrArray  *events;   /* strings, in signal order */
  gint64      fake_us;
} Fixture;

static gint64
fake_time (gpointer user_data)
{
  Fixture *f = user_data;

  return f->fake_us;
}

static void
inject_cb (DdDrill  *drill,
           gpointer  inject,
           gint64    time,
           Fixture  *f)
{
  const DdInject *i = inject;
  DdJournal *journal = dd_drill_get_journal (drill);

  g_ptr_array_add (f->events, g_strdup_printf ("inject:%s@%" G_GINT64_FORMAT, i->id, time));
  /* on disk before it is shown */
  if (journal != NULL)
    {
      const DdJournalRecord *last = dd_journal_get_record (journal, dd_journal_get_n_records (journal) - 1);

      g_assert_cmpstr (last->type, ==, "inject");
      g_assert_cmpstr (json_object_get_string_member (last->body, "id"), ==, i->id);
      g_assert_cmpuint (dd_journal_get_n_durable (journal), ==, dd_journal_get_n_records (journal));
    }
}

static void
action_cb (DdDrill  *drill,
           gpointer  action,
           guint     index,
           Fixture  *f)
{
  const DdAction *a = action;
  DdJournal *journal = dd_drill_get_journal (drill);

  g_ptr_array_add (f->events, g_strdup_printf ("action:%s", a->kind));
  if (journal != NULL)
    {
      const DdJournalRecord *last = dd_journal_get_record (journal, dd_journal_get_n_records (journal) - 1);

      g_assert_cmpstr (last->type, ==, "action");
      g_assert_cmpstr (json_object_get_string_member (last->body, "kind"), ==, a->kind);
      g_assert_cmpuint (dd_journal_get_n_durable (journal), ==, dd_journal_get_n_records (journal));
    }
}

static void
finding_cb (DdDrill  *drill,
            gpointer  finding,
            Fixture  *f)
{
  const DdFinding *x = finding;

  g_ptr_array_add (f->events, g_strdup_printf ("finding:%s", x->rule));
}

static void
phase_cb (DdDrill    *drill,
          const char *phase,
          Fixture    *f)
{
  g_ptr_array_add (f->events, g_strdup_printf ("phase:%s", phase));
}

static DdDrill *
new_drill (Fixture *f)
{
  DdDrill *drill = dd_drill_new (f->plan, f->scenario);

  g_signal_connect (drill, "inject-delivered", G_CALLBACK (inject_cb), f);
  g_signal_connect (drill, "action-recorded", G_CALLBACK (action_cb), f);
  g_signal_connect (drill, "finding", G_CALLBACK (finding_cb), f);
  g_signal_connect (drill, "phase-changed", G_CALLBACK (phase_cb), f);
  return drill;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->plan = dd_plan_load_default (&error);
  g_assert_no_error (error);
  f->scenario = dd_scenario_load_data ("t.xml", scenario_xml, sizeof scenario_xml - 1, NULL, f->plan, &error);
  g_assert_no_error (error);
  f->tmp = g_dir_make_tmp ("dd-drill-XXXXXX", &error);
  g_assert_no_error (error);
  f->journal = g_build_filename (f->tmp, "journal.jsonl", NULL);
  f->events = g_ptr_array_new_with_free_func (g_free);
  f->drill = new_drill (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->tmp, 0, NULL);
  const char *name;

  g_clear_object (&f->drill);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->tmp, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->tmp);
  g_free (f->tmp);
  g_free (f->journal);
  g_ptr_array_unref (f->events);
  g_object_unref (f->scenario);
  g_object_unref (f->plan);
}

static gboolean
has_event (Fixture    *f,
           const char *event)
{
  for (guint i = 0; i < f->events->len; i++)
    if (strcmp (g_ptr_array_index (f->events, i), event) == 0)
      return TRUE;
  return FALSE;
}

static int
event_index (Fixture    *f,
             const char *event)
{
  for (guint i = 0; i < f->events->len; i++)
    if (strcmp (g_ptr_array_index (f->events, i), event) == 0)
      return (int) i;
  return -1;
}

static void
record (Fixture    *f,
        DdDrill    *drill,
        int         minutes,
        const char *role,
        const char *kind,
        const char *level,
        const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdAction) a = dd_action_new (0, role, kind);

  a->level = g_strdup (level);
  if (to != NULL)
    {
      g_auto(GStrv) list = g_strsplit (to, " ", -1);

      dd_action_set_to (a, (const char *const *) list);
    }
  if (g_strcmp0 (kind, "report") == 0)
    a->report_type = g_strdup ("first");
  g_assert_true (dd_drill_advance_to (drill, (gint64) minutes * 60, &error));
  g_assert_no_error (error);
  g_assert_true (dd_drill_record_action (drill, a, &error));
  g_assert_no_error (error);
  g_assert_cmpint (a->at, ==, (gint64) minutes * 60);
}

/* Injects come in time order, conditional ones only when they hold. */
static void
test_injects (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dd_drill_create_journal (f->drill, f->journal, &error));
  g_assert_no_error (error);

  g_assert_true (dd_drill_advance_to (f->drill, 4 * 60, &error));
  g_assert_cmpuint (g_list_model_get_n_items (dd_drill_get_inject_model (f->drill)), ==, 0);
  g_assert_true (dd_drill_advance_to (f->drill, 15 * 60, &error));
  g_assert_cmpuint (g_list_model_get_n_items (dd_drill_get_inject_model (f->drill)), ==, 2);
  g_assert_cmpint (event_index (f, "inject:first@300"), <, event_index (f, "inject:second@600"));
  g_assert_cmpint (event_index (f, "inject:first@300"), >=, 0);

  /* the clock never goes back */
  g_assert_true (dd_drill_advance_to (f->drill, 60, &error));
  g_assert_cmpint (dd_drill_get_time (f->drill), ==, 15 * 60);

  /* "after": delivered right after the action it waits for */
  record (f, f->drill, 16, "hq", "request-support", NULL, "province-command");
  g_assert_cmpint (event_index (f, "action:request-support"), <, event_index (f, "inject:thanks@960"));
  g_assert_cmpint (event_index (f, "inject:thanks@960"), >=, 0);

  /* "absent": nobody reported, so the nag call comes at 0:20 */
  g_assert_true (dd_drill_advance_to (f->drill, 30 * 60, &error));
  g_assert_true (has_event (f, "inject:nag@1200"));
  g_assert_true (dd_drill_is_delivered (f->drill, "nag"));
  g_assert_no_error (error);
}

static void
test_absent_held_back (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  record (f, f->drill, 1, "bigdata", "detect", NULL, NULL);
  record (f, f->drill, 3, "bigdata", "report", NULL, "office");
  g_assert_true (dd_drill_advance_to (f->drill, 60 * 60, &error));
  g_assert_false (dd_drill_is_delivered (f->drill, "nag"));
  g_assert_true (dd_drill_is_delivered (f->drill, "second"));
}

/* The clock follows an injected wall clock at the drill's speed. */
static void
test_clock (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  dd_drill_set_time_func (f->drill, fake_time, f);
  g_assert_cmpfloat (dd_drill_get_speed (f->drill), ==, 4.0);
  dd_drill_run (f->drill, 0);
  g_assert_true (dd_drill_is_running (f->drill));

  f->fake_us += 60 * G_USEC_PER_SEC;   /* one wall minute = four simulated */
  g_assert_true (dd_drill_tick (f->drill, &error));
  g_assert_cmpint (dd_drill_get_time (f->drill), ==, 240);

  dd_drill_set_speed (f->drill, 10);
  f->fake_us += 30 * G_USEC_PER_SEC;
  g_assert_true (dd_drill_tick (f->drill, &error));
  g_assert_cmpint (dd_drill_get_time (f->drill), ==, 240 + 300);
  g_assert_true (dd_drill_is_delivered (f->drill, "first"));

  dd_drill_pause (f->drill);
  f->fake_us += 600 * G_USEC_PER_SEC;
  g_assert_true (dd_drill_tick (f->drill, &error));
  g_assert_cmpint (dd_drill_get_time (f->drill), ==, 540);

  /* jump to the next inject, then resume from there */
  g_assert_true (dd_drill_jump_to_next_inject (f->drill, &error));
  g_assert_cmpint (dd_drill_get_time (f->drill), ==, 600);
  g_assert_true (dd_drill_is_delivered (f->drill, "second"));
  dd_drill_run (f->drill, 0);
  f->fake_us += 6 * G_USEC_PER_SEC;
  g_assert_true (dd_drill_tick (f->drill, &error));
  g_assert_cmpint (dd_drill_get_time (f->drill), ==, 660);
  g_assert_no_error (error);
}

/* A breach is signalled the moment the action is taken. */
static void
test_live_findings (Fixture       *f,
                    gconstpointer  data)
{
  int before;

  record (f, f->drill, 1, "bigdata", "detect", NULL, NULL);
  g_assert_true (has_event (f, "phase:detection"));
  g_assert_cmpstr (dd_drill_get_phase (f->drill), ==, "detection");

  before = (int) f->events->len;
  record (f, f->drill, 2, "deputy-bigdata", "decide-response", "I", NULL);
  g_assert_cmpint (event_index (f, "finding:response-I-authority"), >, before);
  g_assert_cmpint (event_index (f, "action:decide-response"), <, event_index (f, "finding:response-I-authority"));
  g_assert_true (has_event (f, "phase:activation"));
  g_assert_cmpuint (g_list_model_get_n_items (dd_drill_get_finding_model (f->drill)), >, 0);

  /* an obligation is only judged when the drill ends */
  g_assert_false (has_event (f, "finding:I-request-support"));
  g_assert_true (dd_drill_finish (f->drill, NULL));
  g_assert_true (has_event (f, "finding:I-request-support"));
  g_assert_true (dd_drill_is_finished (f->drill));
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdAction) bad = dd_action_new (0, "office", "decide-response");   /* no level */
  g_autoptr(DdAction) late = dd_action_new (0, "office", "assess");

  g_assert_true (dd_drill_create_journal (f->drill, f->journal, &error));
  g_assert_false (dd_drill_record_action (f->drill, bad, &error));
  g_assert_error (error, DD_ERROR, DD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (dd_journal_get_n_records (dd_drill_get_journal (f->drill)), ==, 0);
  g_assert_cmpuint (dd_drill_get_actions (f->drill)->len, ==, 0);

  g_assert_true (dd_drill_finish (f->drill, &error));
  g_assert_false (dd_drill_record_action (f->drill, late, &error));
  g_assert_error (error, DD_ERROR, DD_ERROR_STATE);
}

/* Interrupted and resumed from the journal, the drill ends exactly as an
 * uninterrupted one. */
static void
test_resume (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdDrill) whole = new_drill (f);
  g_autoptr(DdDrill) resumed = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  /* uninterrupted, no journal */
  record (f, whole, 1, "bigdata", "detect", NULL, NULL);
  record (f, whole, 25, "bigdata", "report", NULL, "office city-gov");
  record (f, whole, 30, "office", "assess", NULL, NULL);
  record (f, whole, 35, "commander", "decide-response", "II", NULL);
  g_assert_true (dd_drill_finish (whole, &error));

  /* interrupted after two actions */
  g_assert_true (dd_drill_create_journal (f->drill, f->journal, &error));
  record (f, f->drill, 1, "bigdata", "detect", NULL, NULL);
  record (f, f->drill, 25, "bigdata", "report", NULL, "office city-gov");
  g_clear_object (&f->drill);

  resumed = new_drill (f);
  g_assert_true (dd_drill_resume_journal (resumed, f->journal, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dd_drill_get_actions (resumed)->len, ==, 2);
  g_assert_cmpint (dd_drill_get_time (resumed), ==, 25 * 60);
  g_assert_true (dd_drill_is_delivered (resumed, "nag"));
  g_assert_cmpuint (g_list_model_get_n_items (dd_drill_get_action_model (resumed)), ==, 2);
  record (f, resumed, 30, "office", "assess", NULL, NULL);
  record (f, resumed, 35, "commander", "decide-response", "II", NULL);
  g_assert_true (dd_drill_finish (resumed, &error));

  a = dd_score_to_json_string (dd_drill_get_score (whole), FALSE);
  b = dd_score_to_json_string (dd_drill_get_score (resumed), FALSE);
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpuint (g_list_model_get_n_items (dd_drill_get_inject_model (resumed)), ==,
                    g_list_model_get_n_items (dd_drill_get_inject_model (whole)));

  /* a journal of another scenario is refused */
  {
    static const char other_xml[] =
      "<scenario id='other' plan='jincheng-2020'><title>x</title><form id='tabletop'>桌面推演</form>"
      "<clock start='2025-01-01T09:00:00+08:00' duration='1:00' compression='4'/>"
      "<participants><role ref='office'/></participants>"
      "<objectives><objective id='o' clauses='4.1'>x</objective></objectives>"
      "<incident category='other' severity='general' unit='office' began='0:00'><system>s</system></incident>"
      "<msel><inject id='i' at='0:00' source='x' to='office' channel='fax'><content>c</content></inject></msel>"
      "</scenario>";
    g_autoptr(DdScenario) other = dd_scenario_load_data ("o.xml", other_xml, sizeof other_xml - 1, NULL, f->plan, &error);
    g_autoptr(DdDrill) wrong = NULL;

    g_assert_no_error (error);
    g_clear_object (&resumed);
    wrong = dd_drill_new (f->plan, other);
    g_assert_false (dd_drill_resume_journal (wrong, f->journal, NULL, &error));
    g_assert_error (error, DD_ERROR, DD_ERROR_INVALID);
  }
}

/* A file without a complete journal header (a journal cut while an older
 * DrillDesk created it, or any file that is not a journal) is refused and
 * left byte for byte as it was: nothing is set aside, nothing created. A
 * journal whose header is complete is resumed, its torn tail repaired. */
static void
test_resume_headerless (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *full = NULL;
  g_autofree char *aside = g_strconcat (f->journal, ".torn-1", NULL);
  gsize len = 0;
  const gsize cuts[] = { 0, 1, 40 };

  g_assert_true (dd_drill_create_journal (f->drill, f->journal, &error));
  g_assert_no_error (error);
  g_clear_object (&f->drill);
  g_assert_true (g_file_get_contents (f->journal, &full, &len, NULL));

  for (gsize i = 0; i < G_N_ELEMENTS (cuts); i++)
    {
      g_autoptr(DdDrill) drill = new_drill (f);
      DdJournalRecovery rec = { 0 };
      g_autofree char *kept = NULL;
      gsize kept_len = 0;

      g_assert_cmpuint (cuts[i], <, len);
      g_assert_true (g_file_set_contents (f->journal, full, cuts[i], NULL));

      g_assert_false (dd_drill_resume_journal (drill, f->journal, &rec, &error));
      g_assert_error (error, DD_ERROR, DD_ERROR_TORN);
      g_assert_nonnull (strstr (error->message, "left as it is"));
      g_clear_error (&error);
      g_assert_null (dd_drill_get_journal (drill));
      g_assert_false (g_file_test (aside, G_FILE_TEST_EXISTS));
      g_assert_true (g_file_get_contents (f->journal, &kept, &kept_len, NULL));
      g_assert_cmpmem (kept, kept_len, full, cuts[i]);
      dd_journal_recovery_clear (&rec);
    }

  /* A complete header with a torn record after it is an ordinary torn tail. */
  {
    g_autoptr(DdDrill) drill = new_drill (f);
    g_autofree char *torn = g_strconcat (full, "{\"seq\":1,", NULL);
    DdJournalRecovery rec = { 0 };

    g_unlink (aside);
    g_assert_true (g_file_set_contents (f->journal, torn, -1, NULL));
    g_assert_true (dd_drill_resume_journal (drill, f->journal, &rec, &error));
    g_assert_no_error (error);
    g_assert_true (rec.torn);
    g_assert_cmpuint (rec.torn_offset, ==, len);
    dd_journal_recovery_clear (&rec);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  dd_xml_init ();

#define ADD(name, func) g_test_add ("/dd/drill/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("injects-in-order-and-conditions", test_injects);
  ADD ("absent-inject-held-back", test_absent_held_back);
  ADD ("clock", test_clock);
  ADD ("live-findings", test_live_findings);
  ADD ("refusals", test_refusals);
  ADD ("resume", test_resume);
  ADD ("resume-headerless-journal", test_resume_headerless);
#undef ADD

  return g_test_run ();
}
