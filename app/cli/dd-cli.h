/* dd-cli.h — shared pieces of drilldesk-cli's subcommands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit status contract (architecture.md). */
#define DD_CLI_EXIT_OK      0
#define DD_CLI_EXIT_INVALID 1
#define DD_CLI_EXIT_USAGE   2

/* Each subcommand: argv[0] is the subcommand's name. */
int  dd_cli_validate (int argc, char **argv);
int  dd_cli_plan     (int argc, char **argv);
int  dd_cli_render   (int argc, char **argv);
int  dd_cli_run      (int argc, char **argv);
int  dd_cli_score    (int argc, char **argv);
int  dd_cli_verify   (int argc, char **argv);
int  dd_cli_report   (int argc, char **argv);
/* dd-cli-year.c: the year's drills */
int  dd_cli_store        (int argc, char **argv);
int  dd_cli_programme    (int argc, char **argv);
int  dd_cli_improvements (int argc, char **argv);
int  dd_cli_summary      (int argc, char **argv);
int  dd_cli_training     (int argc, char **argv);
int  dd_cli_msel     (int argc, char **argv);
int  dd_cli_cap      (int argc, char **argv);
int  dd_cli_package  (int argc, char **argv);

/* Parses @argc/@argv with @entries; prints GNU-style usage errors.
 * Returns FALSE (after printing) on a usage error. */
gboolean dd_cli_parse_options (int           *argc,
                               char        ***argv,
                               const char    *parameter_string,
                               const char    *summary,
                               const GOptionEntry *entries);

/* Prints "drilldesk-cli: message" (the message already holds FILE:LINE:COLUMN). */
void dd_cli_print_error (const GError *error);
void dd_cli_usage_error (const char *command,
                         const char *format,
                         ...) G_GNUC_PRINTF (2, 3);

/* Loads the plan named by --plan, or the bundled default when @path is NULL.
 * Returns a DdPlan (as gpointer so this header stays free of core types). */
gpointer dd_cli_load_plan (const char *path,
                           GError    **error);

/* Loads the scenario at @scenario_path for @plan (a DdPlan) and the journal
 * at @journal_path, printing to stderr what recovering a torn tail did.
 * and reads it as the one replay of the drill (a DdReplay, in @replay_out
 * when not NULL): a journal that does not replay is refused.  On success
 * the DdScenario and DdJournal are returned (transfer full); on failure
 * nothing is, and @error is set. */
gboolean dd_cli_load_drill (gpointer     plan,
                            const char  *scenario_path,
                            const char  *journal_path,
                            gpointer    *scenario_out,
                            gpointer    *journal_out,
                            gpointer    *replay_out,
                            GError     **error);

/* The columns @text takes on a terminal (a CJK character takes two), and
 * @text padded with spaces to @width columns, so that Chinese columns line
 * up. */
guint    dd_cli_display_width (const char *text);
char    *dd_cli_pad           (const char *text,
                               guint       width) G_GNUC_WARN_UNUSED_RESULT;

/* Writes @text to stdout as UTF-8 whatever the locale. */
void dd_cli_print_utf8 (const char *text);

G_END_DECLS
