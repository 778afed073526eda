/* dd-cli-package.c — drilldesk-cli package SCENARIO -o DIR
 *
 * Writes the printed exercise package of a scenario (dd-package.h): the
 * situation manual, the inject cards, the evaluator guide, the participant
 * feedback form and the sign-in sheet, each an A4 PDF in DIR.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dd-cli.h"
#include "dd-package.h"
#include "dd-plan.h"
#include "dd-scenario.h"

int
dd_cli_package (int    argc,
                char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *plan_path = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the documents into DIR"), N_("DIR") },
    { "plan", 0, 0, G_OPTION_ARG_FILENAME, &plan_path, N_("Use the plan in FILE instead of the bundled one"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPlan) plan = NULL;
  g_autoptr(DdScenario) scenario = NULL;
  g_autoptr(GPtrArray) files = NULL;

  if (!dd_cli_parse_options (&argc, &argv, _("SCENARIO"),
                             _("Write the printed exercise package of a scenario as A4 PDFs."),
                             entries))
    return DD_CLI_EXIT_USAGE;
  if (argc != 2)
    {
      dd_cli_usage_error ("package", "%s", _("give a scenario"));
      return DD_CLI_EXIT_USAGE;
    }
  if (output == NULL)
    {
      dd_cli_usage_error ("package", "%s", _("no output folder given (-o DIR)"));
      return DD_CLI_EXIT_USAGE;
    }
  plan = dd_cli_load_plan (plan_path, &error);
  if (plan == NULL)
    goto fail;
  scenario = dd_scenario_load_file (argv[1], plan, &error);
  if (scenario == NULL)
    goto fail;
  files = dd_package_write (plan, scenario, output, &error);
  if (files == NULL)
    goto fail;
  for (guint i = 0; i < files->len; i++)
    g_print ("%s\n", (const char *) g_ptr_array_index (files, i));
  return DD_CLI_EXIT_OK;

fail:
  dd_cli_print_error (error);
  return DD_CLI_EXIT_INVALID;
}
