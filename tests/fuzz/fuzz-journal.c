/* fuzz-journal.c — libFuzzer target: drill journals through
 * dd_journal_verify_file () and dd_journal_load ()
 *
 * dd-journal.h has no from-memory load (a journal is a file that is locked
 * and appended to), so the bytes go to an in-memory file (memfd) that the
 * loaders open as /proc/self/fd/N. Slower than the XML targets but the same
 * code the application runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE /* memfd_create */
#include "config.h"

#include <sys/mman.h>
#include <unistd.h>

#include "fuzz-common.h"
#include "dd-journal.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) verify_error = NULL;
  g_autoptr(GError) load_error = NULL;
  g_autoptr(DdJournal) journal = NULL;
  g_autofree char *path = NULL;
  DdJournalDamage damage;
  DdJournalRecovery recovery;
  gboolean intact;
  int fd;

  dd_fuzz_init ();

  fd = memfd_create ("fuzz-journal", MFD_CLOEXEC);
  g_assert_cmpint (fd, >=, 0);
  for (size_t done = 0; done < size; )
    {
      ssize_t n = write (fd, data + done, size - done);

      g_assert_cmpint (n, >, 0);
      done += n;
    }
  path = g_strdup_printf ("/proc/self/fd/%d", fd);

  memset (&damage, 0, sizeof damage);
  intact = dd_journal_verify_file (path, &damage, &verify_error);
  if (!intact)
    dd_fuzz_check_error (verify_error);

  memset (&recovery, 0, sizeof recovery);
  journal = dd_journal_load (path, &recovery, &load_error);
  if (journal == NULL)
    dd_fuzz_check_error (load_error);
  else
    {
      /* Walk every record. */
      for (guint i = 0; i < dd_journal_get_n_records (journal); i++)
        g_assert_nonnull (dd_journal_get_record (journal, i));
    }

  dd_journal_recovery_clear (&recovery);
  g_clear_object (&journal);
  close (fd);
  return 0;
}
