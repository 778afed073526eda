/* dd-cli-run.c — drilldesk-cli run SCENARIO --actions FILE --journal J
 *
 * Plays a scripted drill as if the people in the room acted: the clock is
 * moved to each action's time (delivering the injects due), the action is
 * recorded, and everything goes to the journal.  With an existing journal
 * the drill resumes after the last action recorded in it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "dd-actions.h"
#include "dd-cli.h"
#include "dd-drill.h"
#include "dd-drill-session.h"
#include "dd-error.h"
#include "dd-plan.h"
#include "dd-scenario.h"

static gboolean
same_action (const DdAction *a,
             const DdAction *b)
{
  return a->at == b->at && g_strcmp0 (a->role, b->role) == 0 && g_strcmp0 (a->kind, b->kind) == 0;
}

int
dd_cli_run (int    argc,
            char **argv)
{
  g_autofree char *plan_path = NULL;
  g_autofree char *actions_path = NULL;
  g_autofree char *journal_path = NULL;
  int pace = 0;
  int stop_after = -1;
  gboolean quiet = FALSE;
  gboolean progress = FALSE;
  g_autofree char *store_dir = NULL;
  g_autofree char *date = NULL;
  g_autofree char *organiser = NULL;
  g_auto(GStrv) players = NULL;
  gboolean training = FALSE;
  const GOptionEntry entries[] = {
    { "actions", 'a', 0, G_OPTION_ARG_FILENAME, &actions_path, N_("The scripted actions to play"), N_("FILE") },
    { "journal", 'j', 0, G_OPTION_ARG_FILENAME, &journal_path, N_("The journal to write (an existing one is resumed)"), N_("FILE") },
    { "pace", 0, 0, G_OPTION_ARG_INT, &pace, N_("Wait this many milliseconds between actions"), N_("MS") },
    { "plan", 'p', 0, G_OPTION_ARG_FILENAME, &plan_path, N_("The plan (default: the bundled Jincheng plan)"), N_("FILE") },
    { "stop-after", 0, 0, G_OPTION_ARG_INT, &stop_after, N_("Stop after this many actions without finishing (an interrupted drill)"), N_("N") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Print nothing on success"), NULL },
    { "progress", 0, 0, G_OPTION_ARG_NONE, &progress, N_("Print \"recorded N\" once action N is on disk"), NULL },
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &store_dir, N_("Run the drill in a new folder of this drill store instead of --journal"), N_("DIR") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("With --store: the drill's date, as set up"), N_("YYYY-MM-DD") },
    { "organiser", 0, 0, G_OPTION_ARG_STRING, &organiser, N_("With --store: the role that organised the drill, as set up"), N_("ROLE") },
    { "player", 0, 0, G_OPTION_ARG_STRING_ARRAY, &players, N_("With --store: the person who plays a role, as set up"), N_("ROLE=NAME") },
    { "training", 0, 0, G_OPTION_ARG_NONE, &training, N_("With --store: a training session rather than a drill"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPlan) plan = NULL;
  g_autoptr(DdScenario) scenario = NULL;
  g_autoptr(DdActionScript) script = NULL;
  g_autoptr(DdDrill) drill = NULL;
  GPtrArray *script_actions, *recorded;
  guint start = 0, played = 0;

  if (!dd_cli_parse_options (&argc, &argv, "SCENARIO",
                             _("Play a scripted drill and write its journal."), entries))
    return DD_CLI_EXIT_USAGE;

  if (argc != 2)
    {
      dd_cli_usage_error ("run", "%s", argc < 2 ? _("no scenario given") : _("too many arguments"));
      return DD_CLI_EXIT_USAGE;
    }
  if (actions_path == NULL || (journal_path == NULL) == (store_dir == NULL))
    {
      dd_cli_usage_error ("run", "%s", _("--actions and one of --journal and --store are required"));
      return DD_CLI_EXIT_USAGE;
    }
  if (pace < 0)
    {
      dd_cli_usage_error ("run", "%s", _("--pace must not be negative"));
      return DD_CLI_EXIT_USAGE;
    }

  plan = dd_cli_load_plan (plan_path, &error);
  if (plan == NULL)
    goto fail;
  scenario = dd_scenario_load_file (argv[1], plan, &error);
  if (scenario == NULL)
    goto fail;
  script = dd_action_script_load_file (actions_path, plan, scenario, &error);
  if (script == NULL)
    goto fail;

  if (store_dir != NULL)
    {
      g_autoptr(DdDrillStore) store = dd_drill_store_new (store_dir);
      g_autoptr(JsonObject) options = dd_drill_options_new (training, dd_scenario_get_compression (scenario));
      g_autoptr(DdDrillInfo) info = NULL;

      int y, m, d;

      if (date != NULL && (sscanf (date, "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y)))
        {
          dd_cli_usage_error ("run", _("--date wants a date as YYYY-MM-DD, not '%s'"), date);
          return DD_CLI_EXIT_USAGE;
        }
      if (organiser != NULL && dd_plan_lookup_role (plan, organiser) == NULL)
        {
          g_set_error (&error, DD_ERROR, DD_ERROR_INVALID, _("--organiser: the plan has no role '%s'"), organiser);
          goto fail;
        }
      dd_drill_options_set_text (options, "date", date);
      dd_drill_options_set_text (options, "organiser", organiser);
      for (guint i = 0; players != NULL && players[i] != NULL; i++)
        {
          g_auto(GStrv) pair = g_strsplit (players[i], "=", 2);

          if (pair[0] == NULL || pair[1] == NULL)
            {
              dd_cli_usage_error ("run", _("--player wants ROLE=NAME, not '%s'"), players[i]);
              return DD_CLI_EXIT_USAGE;
            }
          dd_drill_options_set_player (options, pair[0], pair[1]);
        }
      drill = dd_drill_session_create (store, plan, scenario, argv[1], options, &info, &error);
      if (drill == NULL)
        goto fail;
      journal_path = g_strdup (dd_drill_info_get_journal_path (info));
    }
  else
    {
      drill = dd_drill_new (plan, scenario);
      if (g_file_test (journal_path, G_FILE_TEST_EXISTS))
        {
          DdJournalRecovery recovery = { 0 };
          gboolean ok = dd_drill_resume_journal (drill, journal_path, &recovery, &error);

          if (recovery.message != NULL)
            g_printerr ("%s: %s\n", journal_path, recovery.message);
          dd_journal_recovery_clear (&recovery);
          if (!ok)
            goto fail;
        }
      else if (!dd_drill_create_journal (drill, journal_path, &error))
        goto fail;
    }

  script_actions = dd_action_script_get_actions (script);
  recorded = dd_drill_get_actions (drill);

  /* A resumed journal must be a beginning of this script. */
  if (recorded->len > script_actions->len)
    {
      g_set_error (&error, DD_ERROR, DD_ERROR_INVALID,
                   _("%s: the journal holds %u actions, the script only %u"),
                   journal_path, recorded->len, script_actions->len);
      goto fail;
    }
  for (guint i = 0; i < recorded->len; i++)
    if (!same_action (g_ptr_array_index (recorded, i), g_ptr_array_index (script_actions, i)))
      {
        g_set_error (&error, DD_ERROR, DD_ERROR_INVALID,
                     _("%s: action %u of the journal differs from the script: not the same drill"),
                     journal_path, i + 1);
        goto fail;
      }
  start = recorded->len;

  if (dd_drill_is_finished (drill))
    {
      if (!quiet)
        g_print (_("%s: the drill is already finished\n"), journal_path);
      return DD_CLI_EXIT_OK;
    }

  for (guint i = start; i < script_actions->len; i++)
    {
      g_autoptr(DdAction) action = dd_action_copy (g_ptr_array_index (script_actions, i));

      if (stop_after >= 0 && played >= (guint) stop_after)
        {
          if (!quiet)
            g_print (_("%s: stopped after %u actions; run again to resume\n"), journal_path, played);
          return DD_CLI_EXIT_OK;
        }
      if (pace > 0 && played > 0)
        g_usleep ((gulong) pace * 1000);
      if (!dd_drill_advance_to (drill, action->at, &error) ||
          !dd_drill_record_action (drill, action, &error))
        goto fail;
      played++;
      /* Said only once the journal holds it (dd_drill_record_action
       * returns after the record is durable). */
      if (progress)
        {
          g_print ("recorded %u\n", start + played);
          fflush (stdout);
        }
    }

  if (stop_after >= 0 && played >= (guint) stop_after && start + played < script_actions->len)
    return DD_CLI_EXIT_OK;

  /* A scripted drill plays the scenario to its end, then ends */
  if (!dd_drill_advance_to (drill, MAX (dd_drill_get_time (drill), dd_scenario_get_duration (scenario)), &error) ||
      !dd_drill_finish (drill, &error))
    goto fail;

  if (!quiet)
    {
      DdScore *score = dd_drill_get_score (drill);

      g_print (_("%s: %u injects delivered, %u actions recorded (%u resumed), %u findings, overall %.1f\n"),
               journal_path,
               g_list_model_get_n_items (dd_drill_get_inject_model (drill)),
               dd_drill_get_actions (drill)->len, start,
               dd_score_get_findings (score)->len, dd_score_get_overall (score));
    }
  return DD_CLI_EXIT_OK;

fail:
  dd_cli_print_error (error);
  return DD_CLI_EXIT_INVALID;
}
