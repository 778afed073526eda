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
