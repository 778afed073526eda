/* test-journal-faults.c — I/O faults injected in the manner of SQLite
 *
 * A scripted drill (a bundled scenario and its ideal action script, played
 * through DdDrill with a journal) is run once without faults, counting the
 * journal's write, fsync and fdatasync calls. Then it is run again once for
 * each of those calls, making that one fail (a write fails after writing
 * half its bytes, as a full disk does; a sync fails with EIO). Every time:
 * the drill reports the error, the journal on disk holds every action
 * acknowledged before it, and resuming it and playing the rest of the
 * script gives the same score JSON as the run without faults.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "dd-actions.h"
#include "dd-drill.h"
#include "dd-replay.h"
#include "dd-error.h"
#include "dd-journal.h"
#include "dd-plan.h"
#include "dd-scenario.h"
#include "dd-score.h"
#include "dd-xml.h"

#include "dd-test-util.h"

#define SCENARIO "ransomware-gov-cloud"

static DdPlan *plan;
static DdScenario *scenario;
static DdActionScript *script;

/* The I/O seam: counts calls, fails the one numbered fail_at (0-based). */
static guint n_calls;
static guint fail_at = G_MAXUINT;
static gboolean fired;

static gboolean
this_one_fails (void)
{
  return n_calls++ == fail_at && (fired = TRUE);
}

static int
seam_open (const char *path,
           int         flags,
           mode_t      mode)
{
  return open (path, flags, mode);
}

static ssize_t
seam_write (int         fd,
            const void *buf,
            size_t      count)
{
  if (this_one_fails ())
    {
      /* Half of it reaches the disk, then the disk is full. */
      if (count > 1 && write (fd, buf, count / 2) < 0)
        return -1;
      errno = ENOSPC;
      return -1;
    }
  return write (fd, buf, count);
}

/* Syncs are not needed for what is tested here (how a failure is handled,
 * not what survives a power cut), so they cost nothing. */
static int
seam_sync (int fd)
{
  if (this_one_fails ())
    {
      errno = EIO;
      return -1;
    }
  return 0;
}

static const DdJournalIo seam_io = {
  seam_open, seam_write, seam_sync, seam_sync, ftruncate, close,
};

/* Plays the script from action @from (advancing the clock to each action,
 * recording it, then finishing). Returns FALSE at the first error, with
 * *acked the number of actions of the script recorded by then. */
static gboolean
play (DdDrill  *drill,
      guint     from,
      guint    *acked,
      GError  **error)
{
  GPtrArray *actions = dd_action_script_get_actions (script);

  *acked = from;
  for (guint i = from; i < actions->len; i++)
    {
      g_autoptr(DdAction) action = dd_action_copy (g_ptr_array_index (actions, i));

      if (!dd_drill_advance_to (drill, action->at, error) ||
          !dd_drill_record_action (drill, action, error))
        return FALSE;
      *acked = i + 1;
    }
  return dd_drill_finish (drill, error);
}

/* The score of the journal at @path, as `drilldesk-cli score --json`. */
static char *
score_json (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdJournal) journal = dd_journal_load (path, NULL, &error);
  g_autoptr(DdReplay) replay = NULL;

  g_assert_no_error (error);
  g_assert_true (dd_journal_is_finished (journal));
  replay = dd_replay_new_for_journal (plan, scenario, journal, &error);
  g_assert_no_error (error);
  return dd_replay_to_json_string (replay, TRUE);
}

/* The actions on disk (read-only; a torn tail is left alone). */
static guint
actions_on_disk (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdJournal) journal = dd_journal_load (path, NULL, &error);
  g_autoptr(DdReplay) replay = NULL;
  GPtrArray *actions;
  GPtrArray *script_actions = dd_action_script_get_actions (script);

  g_assert_no_error (error);
  replay = dd_replay_new_for_journal (plan, scenario, journal, &error);
  g_assert_no_error (error);
  actions = dd_replay_get_actions (replay);
  for (guint i = 0; i < actions->len; i++)
    {
      const DdAction *a = g_ptr_array_index (actions, i);
      const DdAction *b = g_ptr_array_index (script_actions, i);

      g_assert_cmpint (a->at, ==, b->at);
      g_assert_cmpstr (a->kind, ==, b->kind);
      g_assert_cmpstr (a->role, ==, b->role);
    }
  return actions->len;
}

static void
test_each_write_and_sync_fails (void)
{
  g_autofree char *dir = dd_test_make_tmp_dir ("dd-journal-faults-XXXXXX");
  g_autofree char *reference_path = g_build_filename (dir, "reference.jsonl", NULL);
  g_autofree char *reference = NULL;
  guint n_points, n_actions = dd_action_script_get_actions (script)->len;
  guint n_torn = 0, n_before_create = 0;

  /* The run without faults: its score, and how many calls it makes. */
  {
    g_autoptr(DdDrill) drill = dd_drill_new (plan, scenario);
    g_autoptr(GError) error = NULL;
    guint acked = 0;

    n_calls = 0;
    fail_at = G_MAXUINT;
    dd_journal_set_io_for_testing (&seam_io);
    g_assert_true (dd_drill_create_journal (drill, reference_path, &error));
    g_assert_true (play (drill, 0, &acked, &error));
    g_assert_no_error (error);
    dd_journal_set_io_for_testing (NULL);
    g_assert_cmpuint (acked, ==, n_actions);
    n_points = n_calls;
    reference = score_json (reference_path);
  }
  g_assert_cmpuint (n_points, >, n_actions * 2);

  for (guint k = 0; k < n_points; k++)
    {
      g_autofree char *name = g_strdup_printf ("fault-%u.jsonl", k);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *score = NULL;
      g_autoptr(GError) error = NULL;
      guint acked = 0;

      /* The drill with call k failing: an error, never a success. */
      {
        g_autoptr(DdDrill) drill = dd_drill_new (plan, scenario);
        gboolean ok;

        n_calls = 0;
        fired = FALSE;
        fail_at = k;
        dd_journal_set_io_for_testing (&seam_io);
        ok = dd_drill_create_journal (drill, path, &error) && play (drill, 0, &acked, &error);
        dd_journal_set_io_for_testing (NULL);
        g_assert_true (fired);
        g_assert_false (ok);
        g_assert_error (error, DD_ERROR, DD_ERROR_IO);
        g_assert_true (strstr (error->message, g_strerror (ENOSPC)) != NULL ||
                       strstr (error->message, g_strerror (EIO)) != NULL);
        g_clear_error (&error);
        /* The program stops here, as after a crash. */
      }

      /* Every acknowledged action is on disk. */
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          /* Creating the journal failed: nothing was acknowledged, and no
           * half-made journal was left behind. */
          g_assert_cmpuint (acked, ==, 0);
          n_before_create++;
        }
      else
        {
          DdJournalDamage damage;

          g_assert_cmpuint (actions_on_disk (path), >=, acked);
          if (!dd_journal_verify_file (path, &damage, NULL))
            {
              g_assert_cmpint (damage.kind, ==, DD_JOURNAL_DAMAGE_TORN_TAIL);
              n_torn++;
            }
        }

      /* Resume (or begin again) and play the rest: the same score. */
      {
        g_autoptr(DdDrill) drill = dd_drill_new (plan, scenario);
        DdJournalRecovery recovery = { 0 };
        guint from;

        if (g_file_test (path, G_FILE_TEST_EXISTS))
          g_assert_true (dd_drill_resume_journal (drill, path, &recovery, &error));
        else
          g_assert_true (dd_drill_create_journal (drill, path, &error));
        g_assert_no_error (error);
        dd_journal_recovery_clear (&recovery);
        from = dd_drill_get_actions (drill)->len;
        g_assert_cmpuint (from, >=, acked);
        if (!dd_drill_is_finished (drill))
          {
            g_assert_true (play (drill, from, &acked, &error));
            g_assert_no_error (error);
          }
      }
      score = score_json (path);
      g_assert_cmpstr (score, ==, reference);
    }

  g_test_message ("%u fault points tried (each write, fsync and fdatasync of the journal "
                  "in a drill of %u actions): %u left a torn tail, %u failed the creation",
                  n_points, n_actions, n_torn, n_before_create);
  dd_test_rm_rf (dir);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *scenario_path = NULL;
  g_autofree char *actions_path = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  scenario_path = dd_test_source_path ("scenarios", SCENARIO, "scenario.xml", NULL);
  actions_path = dd_test_source_path ("scenarios", SCENARIO, "ideal.actions.xml", NULL);
  dd_xml_init ();

  plan = dd_plan_load_default (&error);
  g_assert_no_error (error);
  scenario = dd_scenario_load_file (scenario_path, plan, &error);
  g_assert_no_error (error);
  script = dd_action_script_load_file (actions_path, plan, scenario, &error);
  g_assert_no_error (error);

  g_test_add_func ("/dd/journal-faults/each-write-and-sync-fails", test_each_write_and_sync_fails);

  status = g_test_run ();
  g_clear_object (&script);
  g_clear_object (&scenario);
  g_clear_object (&plan);
  return status;
}
