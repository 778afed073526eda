/* dd-cli-render.c — drilldesk-cli render org|flow [--plan FILE]
 *                   [--scenario S --journal J] [--dpi N] [--paper a4|a3] -o OUT
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Draws appendix 8.1 (org) or 8.2 (flow) from the plan into a PDF, SVG or
 * PNG file, chosen by the output's extension.  With a scenario and its
 * journal, the drill is laid over the chart.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dd-cli.h"
#include "dd-journal.h"
#include "dd-scenario.h"
#include "dd-replay.h"
#include "dd-plan.h"
#include "dd-render.h"

/* The drill laid over the chart, from a scenario and its journal, as the
 * one replay of the drill has it. */
static DdChartOverlay *
drill_overlay (DdPlan      *plan,
               const char  *scenario_path,
               const char  *journal_path,
               GError     **error)
{
  g_autoptr(DdScenario) scenario = NULL;
  g_autoptr(DdJournal) journal = NULL;
  g_autoptr(DdReplay) replay = NULL;

  if (!dd_cli_load_drill (plan, scenario_path, journal_path, (gpointer *) &scenario,
                          (gpointer *) &journal, (gpointer *) &replay, error))
    return NULL;
  return dd_replay_build_overlay (replay);
}

int
dd_cli_render (int    argc,
               char **argv)
{
  g_autofree char *plan_path = NULL;
  g_autofree char *scenario = NULL;
  g_autofree char *journal = NULL;
  g_autofree char *output = NULL;
  g_autofree char *paper = NULL;
  int dpi = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPlan) plan = NULL;
  g_autoptr(DdChartOverlay) overlay = NULL;
  DdRenderOptions options = { DD_RENDER_FORMAT_PDF, DD_RENDER_PAPER_A4, 0 };
  DdChartKind kind;
  const GOptionEntry entries[] = {
    { "plan", 0, 0, G_OPTION_ARG_FILENAME, &plan_path, N_("Plan file (default: the bundled plan)"), N_("FILE") },
    { "scenario", 0, 0, G_OPTION_ARG_FILENAME, &scenario, N_("Scenario of the drill to lay over the chart"), N_("S") },
    { "journal", 0, 0, G_OPTION_ARG_FILENAME, &journal, N_("Journal of that drill"), N_("J") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Output file: .pdf, .svg or .png"), N_("OUT") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper, N_("PDF paper size: a4 (default) or a3"), N_("SIZE") },
    { "dpi", 0, 0, G_OPTION_ARG_INT, &dpi, N_("PNG resolution (default: at least 1200 pixels wide)"), N_("N") },
    { NULL }
  };

  if (!dd_cli_parse_options (&argc, &argv, "org|flow",
                             _("Draw the organisation chart (8.1) or the workflow chart (8.2)."),
                             entries))
    return DD_CLI_EXIT_USAGE;

  if (argc != 2 || !dd_chart_kind_from_string (argv[1], &kind))
    {
      dd_cli_usage_error ("render", _("expected one chart: org or flow"));
      return DD_CLI_EXIT_USAGE;
    }
  if (output == NULL)
    {
      dd_cli_usage_error ("render", _("missing -o OUT.pdf|OUT.svg|OUT.png"));
      return DD_CLI_EXIT_USAGE;
    }
  if (!dd_render_format_from_path (output, &options.format))
    {
      dd_cli_usage_error ("render", _("%s: the output must end in .pdf, .svg or .png"), output);
      return DD_CLI_EXIT_USAGE;
    }
  if (paper != NULL && !dd_render_paper_from_string (paper, &options.paper))
    {
      dd_cli_usage_error ("render", _("unknown paper size '%s' (a4 or a3)"), paper);
      return DD_CLI_EXIT_USAGE;
    }
  if (dpi < 0 || dpi > 2400)
    {
      dd_cli_usage_error ("render", _("--dpi must be between 1 and 2400"));
      return DD_CLI_EXIT_USAGE;
    }
  options.dpi = dpi;
  if ((scenario == NULL) != (journal == NULL))
    {
      dd_cli_usage_error ("render", _("--scenario and --journal go together"));
      return DD_CLI_EXIT_USAGE;
    }

  plan = dd_cli_load_plan (plan_path, &error);
  if (plan == NULL)
    {
      dd_cli_print_error (error);
      return DD_CLI_EXIT_INVALID;
    }

  if (scenario != NULL)
    {
      overlay = drill_overlay (plan, scenario, journal, &error);
      if (overlay == NULL)
        {
          dd_cli_print_error (error);
          return DD_CLI_EXIT_INVALID;
        }
    }

  if (!dd_render_chart_to_file (plan, kind, overlay, &options, output, &error))
    {
      dd_cli_print_error (error);
      return DD_CLI_EXIT_INVALID;
    }
  return DD_CLI_EXIT_OK;
}
