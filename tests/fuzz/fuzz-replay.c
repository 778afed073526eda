/* fuzz-replay.c — runs files through a fuzz target without libFuzzer
 *
 *   fuzz-plan-replay FILE_OR_FOLDER...
 *
 * Feeds every file (folders: every file in them, sorted) to
 * LLVMFuzzerTestOneInput (), the entry point of the libFuzzer build, so the
 * seeds and every input that once crashed run in the normal test suite.
 * A crash or a sanitizer report ends the run; otherwise it prints
 * "N passed, 0 failed" and exits 0.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "fuzz-common.h"

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static void
collect (const char *path,
         GPtrArray  *files)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_ptr_array_add (files, g_strdup (path));
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = NULL;

      if (name[0] == '.' || g_str_has_suffix (name, ".md"))
        continue;  /* README and the like */
      child = g_build_filename (path, name, NULL);
      collect (child, files);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  guint passed = 0;

  if (argc < 2)
    {
      fprintf (stderr, "Usage: %s FILE_OR_FOLDER...\n", argv[0]);
      return 2;
    }

  for (int i = 1; i < argc; i++)
    {
      if (!g_file_test (argv[i], G_FILE_TEST_EXISTS))
        continue;  /* no regressions yet for this format */
      collect (argv[i], files);
    }
  g_ptr_array_sort (files, compare_strings);

  for (guint i = 0; i < files->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *data = NULL;
      gsize len = 0;

      if (!g_file_get_contents (files->pdata[i], &data, &len, &error))
        {
          fprintf (stderr, "%s: %s\n", (char *) files->pdata[i], error->message);
          return 1;
        }
      fprintf (stderr, "%s\n", (char *) files->pdata[i]);
      LLVMFuzzerTestOneInput ((const uint8_t *) data, len);
      passed++;
    }

  if (passed == 0)
    {
      fprintf (stderr, "no input found\n");
      return 1;
    }
  printf ("%u passed, 0 failed\n", passed);
  return 0;
}
