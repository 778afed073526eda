/* dd-cli-verify.c — drilldesk-cli verify [--head HASH] JOURNAL
 *
 * Checks a drill journal's checksums, sequence numbers and hash chain
 * without changing it. Exit 0 when intact; 1 naming the first damaged
 * record and the damage (changed, removed, reordered, torn tail,
 * malformed), or when the chain's head differs from --head; 2 usage.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <string.h>
#include <glib/gi18n.h>

#include "dd-cli.h"
#include "dd-error.h"
#include "dd-journal.h"

/* What the damage means and what to do about it, in words: a torn tail is
 * the trace of a crash while a record was being appended, and resuming the
 * drill repairs it; a changed byte (or a record removed, moved or not a
 * record at all) is never repaired. */
static void
print_damage_kind (const char            *path,
                   const DdJournalDamage *damage)
{
  switch (damage->kind)
    {
    case DD_JOURNAL_DAMAGE_TORN_TAIL:
      if (damage->n_good == 0)
        g_printerr (_("%s: torn while it was being created: it holds no complete record, "
                      "so there is nothing to resume or repair.\n"), path);
      else
        g_printerr (_("%s: a torn tail, not a change: the last record's write was cut "
                      "(a crash or power cut while it was being appended). Everything before "
                      "it is intact. Resuming the drill repairs it and keeps the cut bytes "
                      "beside the journal.\n"), path);
      break;
    case DD_JOURNAL_DAMAGE_CHANGED:
      g_printerr (_("%s: a changed byte, not a torn tail: a complete record no longer "
                    "matches its checksum or chain, so it was altered after it was written "
                    "(by a person, a program or a failing disk). DrillDesk never repairs "
                    "this; keep the file as it is and compare it with a copy.\n"), path);
      break;
    case DD_JOURNAL_DAMAGE_REMOVED:
    case DD_JOURNAL_DAMAGE_REORDERED:
      g_printerr (_("%s: records were removed or moved after they were written, not a torn "
                    "tail. DrillDesk never repairs this; keep the file as it is and compare "
                    "it with a copy.\n"), path);
      break;
    case DD_JOURNAL_DAMAGE_MALFORMED:
      g_printerr (_("%s: a line that is not a DrillDesk record, not a torn tail. DrillDesk "
                    "never repairs this.\n"), path);
      break;
    case DD_JOURNAL_DAMAGE_NONE:
    default:
      break;
    }
}

int
dd_cli_verify (int    argc,
               char **argv)
{
  g_autofree char *head = NULL;
  gboolean quiet = FALSE;
  const GOptionEntry entries[] = {
    { "head", 0, 0, G_OPTION_ARG_STRING, &head,
      N_("Also check that the last record's hash is HASH (as printed on the after-action review)"),
      N_("HASH") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Print nothing for an intact journal"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  DdJournalDamage damage;
  const char *path;

  if (!dd_cli_parse_options (&argc, &argv, _("JOURNAL"),
                             _("Check a drill journal's checksums, sequence and hash chain."),
                             entries))
    return DD_CLI_EXIT_USAGE;

  if (argc != 2)
    {
      dd_cli_usage_error ("verify", "%s",
                          argc < 2 ? _("no journal given") : _("give exactly one journal"));
      return DD_CLI_EXIT_USAGE;
    }
  path = argv[1];

  if (!dd_journal_verify_file (path, &damage, &error))
    {
      dd_cli_print_error (error);
      if (!g_error_matches (error, DD_ERROR, DD_ERROR_IO) &&
          !g_error_matches (error, DD_ERROR, DD_ERROR_TOO_LARGE))
        print_damage_kind (path, &damage);
      if (damage.kind != DD_JOURNAL_DAMAGE_NONE && damage.n_good > 0)
        g_printerr (_("%s: %" PRIu64 " records before the damage are intact; "
                      "the last of them has the hash %s\n"),
                    path, damage.n_good, damage.head);
      return DD_CLI_EXIT_INVALID;
    }

  if (head != NULL && g_ascii_strcasecmp (head, damage.head) != 0)
    {
      g_printerr (_("%s: the journal's head hash is %s, not %s: records were removed "
                    "from its end, or it is another journal\n"),
                  path, damage.head, head);
      return DD_CLI_EXIT_INVALID;
    }

  if (!quiet)
    g_print (_("%s: intact, %" PRIu64 " records (header included), head %s\n"),
             path, damage.n_good, damage.head);
  return DD_CLI_EXIT_OK;
}
