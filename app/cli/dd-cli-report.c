/* dd-cli-report.c — drilldesk-cli report SCENARIO JOURNAL -o AAR.pdf [--csv FILE]
 *
 * Builds the after-action review of a drill from its scenario and journal:
 * the journal is replayed, scored against the plan, and the review is
 * written as an A4 PDF (and the timeline as CSV).  Evaluator observations
 * and the improvement plan come from the journal's "note" and
 * "improvement" records and from review.json beside the journal (or
 * --sidecar FILE).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dd-cli.h"
#include "dd-error.h"
#include "dd-journal.h"
#include "dd-plan.h"
#include "dd-report.h"
#include "dd-report-csv.h"
#include "dd-scenario.h"
#include "dd-score.h"

#define SIDECAR_NAME "review.json"

int
dd_cli_report (int    argc,
               char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *plan_path = NULL;
  g_autofree char *sidecar = NULL;
  g_autofree char *date = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the review to FILE (PDF)"), N_("FILE") },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv, N_("Also write the timeline to FILE (CSV, UTF-8 with BOM)"), N_("FILE") },
    { "plan", 0, 0, G_OPTION_ARG_FILENAME, &plan_path, N_("Use the plan in FILE instead of the bundled one"), N_("FILE") },
    { "sidecar", 0, 0, G_OPTION_ARG_FILENAME, &sidecar,
      N_("Read observations and the improvement plan from FILE (default: review.json beside the journal)"), N_("FILE") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Date printed on the review (YYYY-MM-DD)"), N_("DATE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPlan) plan = NULL;
  g_autoptr(DdScenario) scenario = NULL;
  g_autoptr(DdJournal) journal = NULL;
  g_autoptr(DdReport) report = NULL;
  g_autoptr(DdScore) score = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  g_autofree char *default_sidecar = NULL;
  gint64 now = 0;

  if (!dd_cli_parse_options (&argc, &argv, _("SCENARIO JOURNAL"),
                             _("Write the after-action review of a drill as PDF."),
                             entries))
    return DD_CLI_EXIT_USAGE;

  if (argc != 3)
    {
      dd_cli_usage_error ("report", "%s", _("give a scenario and a journal"));
      return DD_CLI_EXIT_USAGE;
    }
  if (output == NULL)
    {
      dd_cli_usage_error ("report", "%s", _("no output file given (-o AAR.pdf)"));
      return DD_CLI_EXIT_USAGE;
    }

  plan = dd_cli_load_plan (plan_path, &error);
  if (plan == NULL)
    goto fail;
  /* The report replays the actions itself (it keeps their journal records). */
  if (!dd_cli_load_drill (plan, argv[1], argv[2], (gpointer *) &scenario, (gpointer *) &journal,
                          NULL, &error))
    goto fail;

  report = dd_report_new (plan);
  dd_report_set_scenario (report, scenario);
  if (date != NULL)
    dd_report_set_date (report, date);
  actions = dd_report_read_journal (report, journal, &error);
  if (actions == NULL)
    goto fail;

  /* Score as of the last thing that happened (or the planned end). */
  now = dd_scenario_get_duration (scenario);
  for (guint i = 0; i < actions->len; i++)
    now = MAX (now, ((DdAction *) g_ptr_array_index (actions, i))->at);
  score = dd_score_compute (plan, scenario, actions, now, dd_journal_is_finished (journal));
  dd_report_set_score (report, score);

  if (sidecar == NULL)
    {
      g_autofree char *dir = g_path_get_dirname (argv[2]);
      default_sidecar = g_build_filename (dir, SIDECAR_NAME, NULL);
      if (g_file_test (default_sidecar, G_FILE_TEST_IS_REGULAR))
        sidecar = g_strdup (default_sidecar);
    }
  if (sidecar != NULL && !dd_report_load_sidecar (report, sidecar, &error))
    goto fail;

  if (!dd_report_write_pdf (report, output, &error))
    goto fail;
  if (csv != NULL && !dd_report_write_csv (report, csv, &error))
    goto fail;

  return DD_CLI_EXIT_OK;

fail:
  dd_cli_print_error (error);
  return DD_CLI_EXIT_INVALID;
}
