/* dd-cli-cap.c — drilldesk-cli cap [SCENARIO] JOURNAL -o DIR
 *
 * Writes the warnings a drill published, adjusted or lifted as OASIS CAP
 * 1.2 alerts, one file per message (dd-cap.h), from the drill's one replay
 * (read as `drilldesk-cli score` reads it).  Without SCENARIO, the scenario
 * is the copy beside the journal in its drill folder (scenario.xml), and
 * the plan, unless --plan is given, the copy there too (plan.xml).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dd-cap.h"
#include "dd-cli.h"
#include "dd-drill-store.h"
#include "dd-journal.h"
#include "dd-plan.h"
#include "dd-replay.h"
#include "dd-scenario.h"

int
dd_cli_cap (int    argc,
            char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *plan_path = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the alerts into DIR"), N_("DIR") },
    { "plan", 0, 0, G_OPTION_ARG_FILENAME, &plan_path, N_("Use the plan in FILE instead of the bundled one"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPlan) plan = NULL;
  g_autoptr(DdScenario) scenario = NULL;
  g_autoptr(DdJournal) journal = NULL;
  g_autoptr(DdReplay) replay = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autofree char *scenario_path = NULL;
  g_autofree char *dir = NULL;
  const char *journal_path;

  if (!dd_cli_parse_options (&argc, &argv, _("[SCENARIO] JOURNAL"),
                             _("Write a drill's warnings as CAP 1.2 alerts, one file per message."),
                             entries))
    return DD_CLI_EXIT_USAGE;
  if (argc != 2 && argc != 3)
    {
      dd_cli_usage_error ("cap", "%s", _("give a journal, and before it the scenario if it is not beside the journal"));
      return DD_CLI_EXIT_USAGE;
    }
  if (output == NULL)
    {
      dd_cli_usage_error ("cap", "%s", _("no output folder given (-o DIR)"));
      return DD_CLI_EXIT_USAGE;
    }

  journal_path = argv[argc - 1];
  dir = g_path_get_dirname (journal_path);
  if (argc == 3)
    scenario_path = g_strdup (argv[1]);
  else
    {
      scenario_path = g_build_filename (dir, DD_DRILL_SCENARIO_FILE, NULL);
      if (plan_path == NULL)
        {
          g_autofree char *copy = g_build_filename (dir, DD_DRILL_PLAN_FILE, NULL);

          if (g_file_test (copy, G_FILE_TEST_IS_REGULAR))
            plan_path = g_steal_pointer (&copy);
        }
    }
  plan = dd_cli_load_plan (plan_path, &error);
  if (plan == NULL)
    goto fail;
  if (!dd_cli_load_drill (plan, scenario_path, journal_path, (gpointer *) &scenario, (gpointer *) &journal,
                          (gpointer *) &replay, &error))
    goto fail;
  files = dd_cap_export (replay, output, &error);
  if (files == NULL)
    goto fail;
  for (guint i = 0; i < files->len; i++)
    g_print ("%s\n", (const char *) g_ptr_array_index (files, i));
  if (files->len == 0)
    g_printerr ("%s\n", _("The drill published no warning: no alert written."));
  return DD_CLI_EXIT_OK;

fail:
  dd_cli_print_error (error);
  return DD_CLI_EXIT_INVALID;
}
