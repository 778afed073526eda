/* dd-test-util.c — helpers shared by the core tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <stdarg.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "dd-journal.h"
#include "dd-test-util.h"
#include "dd-zip-read.h"

char *
dd_test_source_path (const char *first,
                     ...)
{
  va_list args;
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  const char *root = g_getenv ("DD_SOURCE_ROOT");
  g_autofree char *fallback = g_test_build_filename (G_TEST_DIST, "..", NULL);

  g_ptr_array_add (parts, (gpointer) (root ? root : fallback));
  va_start (args, first);
  for (const char *p = first; p != NULL; p = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) p);
  va_end (args);
  g_ptr_array_add (parts, NULL);
  return g_build_filenamev ((char **) parts->pdata);
}

GPtrArray *
dd_test_scenario_dirs (void)
{
  g_autofree char *dir = dd_test_source_path ("scenarios", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, "scenario.xml", NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (out, g_build_filename (dir, name, NULL));
    }
  g_ptr_array_sort (out, (GCompareFunc) g_strcmp0);
  return out;
}

char *
dd_test_make_tmp_dir (const char *tmpl)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  return dir;
}

void
dd_test_rm_rf (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
      const char *name;

      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          dd_test_rm_rf (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

char *
dd_test_write_file (const char *dir,
                    const char *name,
                    const char *data,
                    gssize      len)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
  return path;
}

int
dd_test_run_cli (char       **out,
                 const char  *first,
                 ...)
{
  const char *exe = g_getenv ("DD_CLI");
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  g_autofree char *unread = NULL;   /* stdout not asked for: kept out of the TAP stream */
  int status = -1;
  va_list ap;

  g_assert_nonnull (exe);
  g_ptr_array_add (args, (char *) exe);
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out != NULL ? out : &unread, &err, &status, &error));
  g_assert_no_error (error);
  if (unread != NULL && *unread != '\0')
    g_test_message ("%s", unread);
  if (err != NULL && *err != '\0')
    g_test_message ("%s", err);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static int
plain_open (const char *path,
            int         flags,
            mode_t      mode)
{
  return open (path, flags, mode);
}

static int
no_sync (int fd)
{
  return 0;
}

void
dd_test_journal_no_sync (void)
{
  static const DdJournalIo io = {
    plain_open, write, no_sync, no_sync, ftruncate, close,
  };

  dd_journal_set_io_for_testing (&io);
}

gboolean
dd_test_have_program (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);

  return path != NULL;
}

char *
dd_test_zip_entry_text (const char *path,
                        const char *name)
{
  const DdZipLimits limits = { 1024, 64 << 20, 256 << 20, 1000, 1 << 20 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) entry = NULL;
  g_autoptr(DdZipRead) zip = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  bytes = g_bytes_new_take (contents, length);
  zip = dd_zip_read_new (path, bytes, &limits, &error);
  g_assert_no_error (error);
  entry = dd_zip_read_entry (zip, name, &error);
  g_assert_no_error (error);
  return g_strndup (g_bytes_get_data (entry, NULL), g_bytes_get_size (entry));
}
