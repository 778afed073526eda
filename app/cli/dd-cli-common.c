/* dd-cli-common.c — option parsing and messages shared by the subcommands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "dd-cli.h"
#include "dd-drill.h"
#include "dd-journal.h"
#include "dd-plan.h"
#include "dd-scenario.h"

gboolean
dd_cli_parse_options (int                 *argc,
                      char              ***argv,
                      const char          *parameter_string,
                      const char          *summary,
                      const GOptionEntry  *entries)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *command = g_strdup ((*argv)[0]);
  g_autofree char *prgname = g_strdup_printf ("drilldesk-cli %s", command);

  /* GNU usage line: "drilldesk-cli COMMAND [OPTION…] ARGUMENTS" (GLib
   * prints the program name, then [OPTION…], then the parameter string). */
  g_set_prgname (prgname);
  context = g_option_context_new (parameter_string);
  g_option_context_set_summary (context, summary);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      dd_cli_usage_error (command, "%s", error->message);
      return FALSE;
    }

  return TRUE;
}

/* Messages name files as given and may quote refused input: whatever
 * slipped through unescaped, print valid UTF-8 only. */
void
dd_cli_print_error (const GError *error)
{
  if (g_utf8_validate (error->message, -1, NULL))
    g_printerr ("%s\n", error->message);
  else
    {
      g_autofree char *valid = g_utf8_make_valid (error->message, -1);

      g_printerr ("%s\n", valid);
    }
}

void
dd_cli_usage_error (const char *command,
                    const char *format,
                    ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("drilldesk-cli %s: %s\n", command ? command : "", msg);
  g_printerr (_("Try 'drilldesk-cli %s --help' for more information.\n"), command ? command : "");
}

gpointer
dd_cli_load_plan (const char  *path,
                  GError     **error)
{
  if (path != NULL)
    return dd_plan_load_file (path, error);
  return dd_plan_load_default (error);
}

gboolean
dd_cli_load_drill (gpointer     plan,
                   const char  *scenario_path,
                   const char  *journal_path,
                   gpointer    *scenario_out,
                   gpointer    *journal_out,
                   gpointer    *replay_out,
                   GError     **error)
{
  g_autoptr(DdScenario) scenario = NULL;
  g_autoptr(DdJournal) journal = NULL;
  g_autoptr(DdReplay) replay = NULL;
  DdJournalRecovery recovery = { 0 };

  g_return_val_if_fail (DD_IS_PLAN (plan), FALSE);

  scenario = dd_scenario_load_file (scenario_path, plan, error);
  if (scenario == NULL)
    return FALSE;
  journal = dd_journal_load (journal_path, &recovery, error);
  if (recovery.message != NULL)
    g_printerr ("%s: %s\n", journal_path, recovery.message);
  dd_journal_recovery_clear (&recovery);
  if (journal == NULL)
    return FALSE;
  replay = dd_replay_new_for_journal (plan, scenario, journal, error);
  if (replay == NULL)
    return FALSE;
  if (replay_out != NULL)
    *replay_out = g_steal_pointer (&replay);
  *scenario_out = g_steal_pointer (&scenario);
  *journal_out = g_steal_pointer (&journal);
  return TRUE;
}

void
dd_cli_print_utf8 (const char *text)
{
  fputs (text, stdout);
}

guint
dd_cli_display_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) || g_unichar_iswide_cjk (c) ? 2 : 1;
    }
  return width;
}

char *
dd_cli_pad (const char *text,
            guint       width)
{
  guint w = dd_cli_display_width (text);
  GString *s = g_string_new (text);

  for (; w < width; w++)
    g_string_append_c (s, ' ');
  return g_string_free (s, FALSE);
}
