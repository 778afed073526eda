/* dd-test-xmllint.h — validating a saved file with xmllint --relaxng (tests)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

/* Validates @path against assets/schema/@schema with xmllint when it is
 * installed; fails the test when xmllint refuses the file. */
static inline void
dd_test_assert_xmllint_valid (const char *path,
                              const char *schema)
{
  g_autofree char *xmllint = g_find_program_in_path ("xmllint");
  g_autofree char *rng = g_build_filename (g_getenv ("DD_SOURCE_ROOT") ? g_getenv ("DD_SOURCE_ROOT") : "..",
                                           "assets", "schema", schema, NULL);
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *argv[] = { NULL, "--noout", "--relaxng", rng, path, NULL };

  if (xmllint == NULL)
    {
      g_test_message ("xmllint not installed: schema checked by the loader only");
      return;
    }
  argv[0] = xmllint;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("xmllint refused %s: %s", path, err);
}
