/* dd-cli-report.c — drilldesk-cli report SCENARIO JOURNAL -o AAR.pdf|.docx|.xlsx
 *                     [--style report|official] [--csv FILE]
 *
 * Builds the after-action review of a drill from its scenario and journal:
 * the journal is read as the drill's one replay (as `drilldesk-cli score`
 * reads it) and the review is written as an A4 PDF, a Word document or an
 * Excel workbook, by the output's extension, in the report's own style or
 * as an official document after GB/T 9704 (and the timeline as
 * CSV, and with --json the model the PDF was made from, in the form of
 * `score --json`).  Evaluator observations come from the journal's "note"
 * records and, with the improvement plan, from review.json beside the
 * journal (or --sidecar FILE).  When the journal is a drill of a drill store
 * (--store DIR, or the folder above the drill's when it holds the store's
 * database), the review lists the earlier drills' improvement items this
 * drill verified or saw recur, from the store's register.
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
#include "dd-replay.h"
#include "dd-year-follow.h"

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
  g_autofree char *json = NULL;
  g_autofree char *style_name = NULL;
  g_autofree char *copy_number = NULL;
  g_autofree char *classification = NULL;
  g_autofree char *urgency = NULL;
  g_autofree char *store = NULL;
  DdReportStyle style = DD_REPORT_STYLE_REPORT;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the review to FILE: .pdf, .docx (Word) or .xlsx (Excel findings and scores)"), N_("FILE") },
    { "style", 0, 0, G_OPTION_ARG_STRING, &style_name,
      N_("Lay the review out as a report (the default) or as an official document after GB/T 9704 (official)"), N_("STYLE") },
    { "copy-number", 0, 0, G_OPTION_ARG_STRING, &copy_number, N_("Official style: the copy number printed top left"), N_("TEXT") },
    { "classification", 0, 0, G_OPTION_ARG_STRING, &classification,
      N_("Official style: the classification and its term printed top left"), N_("TEXT") },
    { "urgency", 0, 0, G_OPTION_ARG_STRING, &urgency, N_("Official style: the urgency printed top left"), N_("TEXT") },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv, N_("Also write the timeline to FILE (CSV, UTF-8 with BOM)"), N_("FILE") },
    { "plan", 0, 0, G_OPTION_ARG_FILENAME, &plan_path, N_("Use the plan in FILE instead of the bundled one"), N_("FILE") },
    { "sidecar", 0, 0, G_OPTION_ARG_FILENAME, &sidecar,
      N_("Read observations and the improvement plan from FILE (default: review.json beside the journal)"), N_("FILE") },
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &store,
      N_("List the improvement items this drill followed up from the drill store DIR (default: the store the journal lies in)"), N_("DIR") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Date printed on the review (YYYY-MM-DD)"), N_("DATE") },
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &json,
      N_("Also write the model the review was made from to FILE (as score --json prints it)"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPlan) plan = NULL;
  g_autoptr(DdScenario) scenario = NULL;
  g_autoptr(DdJournal) journal = NULL;
  g_autoptr(DdReport) report = NULL;
  g_autoptr(DdReplay) replay = NULL;
  g_autofree char *default_sidecar = NULL;

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
  if (style_name != NULL && !dd_report_style_from_string (style_name, &style))
    {
      /* Translators: %s is what was given after --style */
      dd_cli_usage_error ("report", _("unknown style “%s”: give report or official"), style_name);
      return DD_CLI_EXIT_USAGE;
    }

  plan = dd_cli_load_plan (plan_path, &error);
  if (plan == NULL)
    goto fail;
  if (!dd_cli_load_drill (plan, argv[1], argv[2], (gpointer *) &scenario, (gpointer *) &journal,
                          (gpointer *) &replay, &error))
    goto fail;

  report = dd_report_new (plan);
  dd_report_set_style (report, style);
  dd_report_set_marks (report, copy_number, classification, urgency);
  if (date != NULL)
    dd_report_set_date (report, date);
  dd_report_set_replay (report, replay, journal);

  if (sidecar == NULL)
    {
      g_autofree char *dir = g_path_get_dirname (argv[2]);
      default_sidecar = g_build_filename (dir, SIDECAR_NAME, NULL);
      if (g_file_test (default_sidecar, G_FILE_TEST_IS_REGULAR))
        sidecar = g_strdup (default_sidecar);
    }
  if (sidecar != NULL && !dd_report_load_sidecar (report, sidecar, &error))
    goto fail;

  {
    g_autofree char *drill = NULL;

    if (store == NULL)
      dd_year_follow_store_of (argv[2], &store, &drill);
    else
      {
        g_autofree char *folder = g_path_get_dirname (argv[2]);

        drill = g_path_get_basename (folder);
      }
    if (store != NULL)
      {
        g_autoptr(DdYearDb) db = dd_year_db_open (store, NULL, &error);

        if (db == NULL || dd_year_follow_up_to_report (db, drill, report, &error) < 0)
          goto fail;
      }
  }

  if (!dd_report_write_file (report, output, &error))
    goto fail;
  if (style == DD_REPORT_STYLE_OFFICIAL)
    {
      g_autofree char *faces = dd_report_describe_faces (report);

      /* Which faces the system had for FangSong, Xiaobiaosong, Hei and Kai */
      g_print ("%s\n", faces);
    }
  if (csv != NULL && !dd_report_write_csv (report, csv, &error))
    goto fail;
  if (json != NULL)
    {
      g_autofree char *text = dd_replay_to_json_string (replay, TRUE);

      g_autofree char *line = g_strconcat (text, "\n", NULL);

      /* Byte for byte what `score --json` prints */
      if (!g_file_set_contents_full (json, line, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, &error))
        goto fail;
    }

  return DD_CLI_EXIT_OK;

fail:
  dd_cli_print_error (error);
  return DD_CLI_EXIT_INVALID;
}
