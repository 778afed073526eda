/* dd-test-util.h — helpers shared by the core tests: source paths, scratch
 * folders, files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* DD_SOURCE_ROOT (the source tree; the test folder's parent when unset)
 * joined with the NULL-terminated parts. */
char      *dd_test_source_path   (const char *first,
                                  ...) G_GNUC_NULL_TERMINATED G_GNUC_WARN_UNUSED_RESULT;
/* The folders of the bundled scenarios (each with a scenario.xml), sorted. */
GPtrArray *dd_test_scenario_dirs (void) G_GNUC_WARN_UNUSED_RESULT;
/* A new folder in the temporary folder named after @tmpl ("name-XXXXXX");
 * fails the test when it cannot be made. */
char      *dd_test_make_tmp_dir  (const char *tmpl) G_GNUC_WARN_UNUSED_RESULT;
/* Removes @path, a file or a folder with everything in it. */
void       dd_test_rm_rf         (const char *path);
/* Writes @len bytes of @data (-1: a string) to @dir/@name; returns the path. */
char      *dd_test_write_file    (const char *dir,
                                  const char *name,
                                  const char *data,
                                  gssize      len) G_GNUC_WARN_UNUSED_RESULT;

/* Runs drilldesk-cli ($DD_CLI) with the NULL-terminated arguments; its
 * stdout in @out (logged when @out is NULL, never in the TAP stream), its
 * stderr logged.  Returns the exit status, -1 when it did not exit. */
int        dd_test_run_cli       (char      **out,
                                  const char *first,
                                  ...) G_GNUC_NULL_TERMINATED;

/* The text of member @name of the zip archive @path (an .xlsx, a .docx),
 * read with the core's bounded reader; the test fails if it cannot be. */
char      *dd_test_zip_entry_text (const char *path,
                                   const char *name) G_GNUC_WARN_UNUSED_RESULT;

/* Whether @name is a program on the PATH. */
gboolean   dd_test_have_program  (const char *name);

/* Journals written without fsync from now on (scratch files only; the
 * journal's own tests check durability). */
void       dd_test_journal_no_sync (void);

G_END_DECLS
