/* cli.c — drilldesk-cli, the command line for scripts, tests and benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "dd-cli.h"
#include "dd-locale.h"
#include "dd-xml.h"

typedef struct
{
  const char *name;
  int       (*run) (int argc, char **argv);
  const char *synopsis;
  const char *help;
} Command;

static const Command commands[] = {
  { "validate", dd_cli_validate, "FILE...",
    N_("Check plans, scenarios, action scripts and journals") },
  { "plan", dd_cli_plan, "[--plan FILE] [--json]",
    N_("Show what the plan holds") },
  { "verify", dd_cli_verify, "[--head HASH] JOURNAL",
    N_("Check a journal's hash chain and look for a torn tail") },
  { "render", dd_cli_render, "org|flow [--plan FILE] [--scenario S --journal J] -o OUT",
    N_("Draw the organisation chart (8.1) or the workflow chart (8.2) as PDF, SVG or PNG") },
  { "report", dd_cli_report, "SCENARIO JOURNAL -o AAR.pdf [--csv TIMELINE.csv] [--plan FILE]",
    N_("Write the after-action review (PDF) and the timeline (CSV)") },
  { "run", dd_cli_run, "SCENARIO --actions FILE --journal J [--pace MS] [--plan FILE]",
    N_("Play a scripted drill as if people acted, writing its journal") },
  { "score", dd_cli_score, "SCENARIO JOURNAL [--json] [--plan FILE]",
    N_("Score a drill's journal: findings citing clauses, scores, ratings") },
  { "programme", dd_cli_programme, "check|print --year YEAR [--store DIR] [-o FILE.pdf] [OPTION…]",
    N_("Check the plan's drill duty (§6.7) for a year, or print the year's drill programme") },
  { "improvements", dd_cli_improvements, "[--store DIR] [--csv FILE]",
    N_("List the improvement items of every review and how later drills followed them up") },
  { "summary", dd_cli_summary, "--year YEAR -o FILE.pdf [--store DIR] [OPTION…]",
    N_("Write the year-end drill summary (PDF)") },
  { "training", dd_cli_training, "[--year YEAR] [--store DIR] [--csv FILE]",
    N_("List the training records: who played which role, when, with what score") },
  { "store", dd_cli_store, "rebuild [--store DIR]",
    N_("Rebuild the drill store's database from the journals and reviews") },
  { "msel", dd_cli_msel, "export SCENARIO -o MSEL | import MSEL --base SCENARIO -o OUT",
    N_("Write a scenario's injects as a spreadsheet (MSEL), or read one back into a scenario") },
  { "cap", dd_cli_cap, "[SCENARIO] JOURNAL -o DIR [--plan FILE]",
    N_("Write a drill's warnings as CAP 1.2 alerts, one file per message") },
  { "package", dd_cli_package, "SCENARIO -o DIR [--plan FILE]",
    N_("Write the printed exercise package (PDF): situation manual, inject cards, evaluator guide, forms") },
  /* further subcommands register here */
};

static void
print_utf8_cb (const char *text)
{
  fputs (text, stdout);
}

static void
printerr_utf8_cb (const char *text)
{
  fputs (text, stderr);
}

static void
print_help (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: drilldesk-cli COMMAND [OPTION…] [ARGUMENT…]"));
  fprintf (out, "%s\n\n", _("Run, score and report cyber-incident emergency drills without a window."));
  /* Synopses are long: each on its own line, the description indented below
   * it, so no column has to fit the longest one. */
  fprintf (out, "%s\n", _("Commands:"));
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %s %s\n      %s\n", commands[i].name, commands[i].synopsis,
             _(commands[i].help));
  fprintf (out, "\n%s\n", _("Options:"));
  fprintf (out, "  %s\n      %s\n", "-h, --help", _("Show this help and exit"));
  fprintf (out, "  %s\n      %s\n", "--version", _("Show the version and exit"));
  fprintf (out, "\n%s\n", _("Exit status: 0 success, 1 invalid input or failed check, 2 usage error."));
  fprintf (out, "%s\n", _("Without --plan, the bundled Jincheng plan is used."));
}

/* What GNU tools print for --version (GNU Coding Standards, "--version"). */
static void
print_version (void)
{
  printf ("drilldesk-cli (DrillDesk) %s\n", PACKAGE_VERSION);
  printf ("%s\n", _("Copyright (C) 2024 The DrillDesk authors."));
  printf ("%s\n", _("License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>."));
  printf ("%s\n", _("This is free software: you are free to change and redistribute it."));
  printf ("%s\n", _("There is NO WARRANTY, to the extent permitted by law."));
}

int
main (int    argc,
      char **argv)
{
  const char *charset = NULL;

  dd_locale_init ();
  signal (SIGXFSZ, SIG_IGN);   /* a file size limit is an EFBIG write error, said in words */

  /* Names in plans are Chinese: print UTF-8 even in the C locale rather than
   * let GLib escape every character. */
  if (!g_get_charset (&charset))
    {
      g_set_print_handler (print_utf8_cb);
      g_set_printerr_handler (printerr_utf8_cb);
    }

  dd_xml_init ();

  if (argc < 2)
    {
      print_help (stderr);
      return DD_CLI_EXIT_USAGE;
    }

  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 ||
      strcmp (argv[1], "help") == 0)
    {
      print_help (stdout);
      return DD_CLI_EXIT_OK;
    }

  if (strcmp (argv[1], "--version") == 0)
    {
      print_version ();
      return DD_CLI_EXIT_OK;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      return commands[i].run (argc - 1, argv + 1);

  g_printerr (_("drilldesk-cli: unknown command '%s'\n"), argv[1]);
  g_printerr (_("Try 'drilldesk-cli --help' for more information.\n"));
  return DD_CLI_EXIT_USAGE;
}
