/* dd-cli-msel.c — drilldesk-cli msel export|import
 *
 *   msel export SCENARIO -o MSEL.xlsx|MSEL.csv
 *   msel import MSEL.xlsx|MSEL.csv --base SCENARIO -o SCENARIO.xml
 *
 * The master scenario events list as a spreadsheet (docs/formats.md, "MSEL
 * spreadsheet"): one row per inject, in the plan's names.  Import checks
 * every cell against the plan, names each error by file, sheet, row and
 * column, and writes the scenario (the base's title, clock, participants,
 * objectives and incident with the spreadsheet's injects) only when the
 * whole file is good and the result loads as a scenario; atomically.
 * Exit 0 done, 1 invalid input, 2 usage.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "dd-cli.h"
#include "dd-error.h"
#include "dd-msel.h"
#include "dd-plan.h"
#include "dd-scenario.h"
#include "dd-scenario-writer.h"
#include "dd-xml.h"

static gboolean
spreadsheet_name (const char *path)
{
  return g_str_has_suffix (path, ".xlsx") || g_str_has_suffix (path, ".XLSX") ||
         g_str_has_suffix (path, ".csv") || g_str_has_suffix (path, ".CSV");
}

/* The base scenario as its author wrote it (comments, version, language
 * kept), once it has loaded as a scenario of @plan. */
static DdScenarioDraft *
load_base (DdPlan      *plan,
           const char  *path,
           GError     **error)
{
  g_autoptr(DdScenario) scenario = dd_scenario_load_file (path, plan, error);
  g_autoptr(xmlDoc) doc = NULL;

  if (scenario == NULL)
    return NULL;
  doc = dd_xml_load_file (path, "scenario.rng", error);
  if (doc == NULL)
    return NULL;
  return dd_scenario_draft_from_xml (doc);
}

static int
msel_export (int    argc,
             char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *plan_path = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the spreadsheet to FILE (.xlsx or .csv)"), N_("FILE") },
    { "plan", 0, 0, G_OPTION_ARG_FILENAME, &plan_path, N_("Use the plan in FILE instead of the bundled one"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPlan) plan = NULL;
  g_autoptr(DdScenario) scenario = NULL;
  g_autoptr(DdScenarioDraft) draft = NULL;

  if (!dd_cli_parse_options (&argc, &argv, _("SCENARIO -o MSEL.xlsx|MSEL.csv"),
                             _("Write a scenario's injects as an MSEL spreadsheet, one row per inject."), entries))
    return DD_CLI_EXIT_USAGE;
  if (argc != 2)
    {
      dd_cli_usage_error ("msel export", "%s", argc < 2 ? _("no scenario given") : _("give exactly one scenario"));
      return DD_CLI_EXIT_USAGE;
    }
  if (output == NULL || !spreadsheet_name (output))
    {
      dd_cli_usage_error ("msel export", "%s", _("-o FILE.xlsx or -o FILE.csv is needed"));
      return DD_CLI_EXIT_USAGE;
    }

  plan = dd_cli_load_plan (plan_path, &error);
  if (plan != NULL)
    scenario = dd_scenario_load_file (argv[1], plan, &error);
  if (scenario != NULL)
    draft = dd_scenario_draft_from_scenario (scenario);
  if (draft == NULL || !dd_msel_export_file (plan, draft, output, &error))
    {
      dd_cli_print_error (error);
      return DD_CLI_EXIT_INVALID;
    }
  return DD_CLI_EXIT_OK;
}

static int
msel_import (int    argc,
             char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *base_path = NULL;
  g_autofree char *plan_path = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the scenario to FILE"), N_("FILE") },
    { "base", 0, 0, G_OPTION_ARG_FILENAME, &base_path,
      N_("Take the title, clock, participants, objectives and incident from this scenario"), N_("SCENARIO") },
    { "plan", 0, 0, G_OPTION_ARG_FILENAME, &plan_path, N_("Use the plan in FILE instead of the bundled one"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPlan) plan = NULL;
  g_autoptr(DdScenarioDraft) base = NULL;
  g_autoptr(DdScenarioDraft) result = NULL;
  g_autoptr(GPtrArray) injects = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *shown = NULL;

  if (!dd_cli_parse_options (&argc, &argv, _("MSEL.xlsx|MSEL.csv --base SCENARIO -o SCENARIO.xml"),
                             _("Read an MSEL spreadsheet back into a scenario, checking every cell against the plan."),
                             entries))
    return DD_CLI_EXIT_USAGE;
  if (argc != 2)
    {
      dd_cli_usage_error ("msel import", "%s", argc < 2 ? _("no spreadsheet given") : _("give exactly one spreadsheet"));
      return DD_CLI_EXIT_USAGE;
    }
  if (output == NULL)
    {
      dd_cli_usage_error ("msel import", "%s", _("-o SCENARIO.xml is needed"));
      return DD_CLI_EXIT_USAGE;
    }
  if (base_path == NULL)
    {
      dd_cli_usage_error ("msel import", "%s",
                          _("--base SCENARIO is needed: a spreadsheet holds only the injects; the scenario's "
                            "title, form, clock (the time at T+0), participants, objectives and incident "
                            "come from the base scenario"));
      return DD_CLI_EXIT_USAGE;
    }

  plan = dd_cli_load_plan (plan_path, &error);
  if (plan != NULL)
    base = load_base (plan, base_path, &error);
  /* attachments are found beside the scenario written */
  dir = g_path_get_dirname (output);
  shown = dd_xml_display_name (output);
  if (base != NULL)
    injects = dd_msel_read_injects (plan, base, argv[1], dir, &error);
  if (injects != NULL)
    result = dd_msel_apply (plan, base, injects, dir, shown, &error);
  if (result == NULL || !dd_scenario_draft_save (result, output, &error))
    {
      dd_cli_print_error (error);
      return DD_CLI_EXIT_INVALID;
    }
  return DD_CLI_EXIT_OK;
}

int
dd_cli_msel (int    argc,
             char **argv)
{
  g_autofree char *name = NULL;
  int status;
  char *saved;

  if (argc < 2 || (strcmp (argv[1], "export") != 0 && strcmp (argv[1], "import") != 0))
    {
      if (argc >= 2 && (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0))
        {
          g_print ("%s\n  drilldesk-cli msel export SCENARIO -o MSEL.xlsx|MSEL.csv\n"
                   "  drilldesk-cli msel import MSEL.xlsx|MSEL.csv --base SCENARIO -o SCENARIO.xml\n",
                   _("Usage:"));
          return DD_CLI_EXIT_OK;
        }
      dd_cli_usage_error ("msel", "%s", argc < 2 ? _("say export or import")
                                                 : _("unknown msel command: say export or import"));
      return DD_CLI_EXIT_USAGE;
    }
  /* "msel export" is the command's name in its usage messages */
  name = g_strdup_printf ("msel %s", argv[1]);
  saved = argv[1];
  argv[1] = name;
  status = strcmp (saved, "export") == 0 ? msel_export (argc - 1, argv + 1) : msel_import (argc - 1, argv + 1);
  argv[1] = saved;
  return status;
}
