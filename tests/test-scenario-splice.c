/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-scenario-splice.c — saving a scenario keeps the author's text
 *
 * Copyright 2024 The DrillDesk authors
 *
 * Every bundled scenario opened and saved unchanged is the same file, byte
 * for byte; an edit changes the lines it concerns and nothing else (blank
 * lines, attributes wrapped by hand, comments stay as the author wrote
 * them).
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "dd-scenario-document.h"
#include "dd-scenario-writer.h"
#include "dd-test-util.h"
#include "dd-xml.h"

static DdPlan *plan;

static char *
read_all (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* The lines of @a that @b does not have at the same place, counted */
static guint
lines_changed (const char *a,
               const char *b)
{
  g_auto(GStrv) la = g_strsplit (a, "\n", -1);
  g_auto(GStrv) lb = g_strsplit (b, "\n", -1);
  guint n = 0;

  g_assert_cmpuint (g_strv_length (la), ==, g_strv_length (lb));
  for (guint i = 0; la[i] != NULL; i++)
    n += strcmp (la[i], lb[i]) != 0;
  return n;
}

static void
test_unchanged_is_identical (void)
{
  g_autoptr(GPtrArray) dirs = dd_test_scenario_dirs ();
  g_autofree char *tmp = dd_test_make_tmp_dir ("dd-splice-XXXXXX");

  for (guint i = 0; i < dirs->len; i++)
    {
      g_autofree char *path = g_build_filename (g_ptr_array_index (dirs, i), "scenario.xml", NULL);
      g_autofree char *out = g_build_filename (tmp, "scenario.xml", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(DdScenarioDocument) doc = dd_scenario_document_open (plan, path, NULL, &error);
      g_autofree char *before = read_all (path);
      g_autofree char *after = NULL;
      g_autofree char *rendered = NULL;

      g_assert_no_error (error);
      g_assert_true (dd_scenario_document_save_as (doc, out, &error));
      g_assert_no_error (error);
      after = read_all (out);
      g_assert_cmpstr (after, ==, before);
      /* (the writer's own form differs, or this test would prove nothing) */
      rendered = dd_scenario_draft_to_xml (dd_scenario_document_get_draft (doc), NULL);
      g_assert_cmpstr (rendered, !=, before);
    }
  dd_test_rm_rf (tmp);
}

static void
test_edit_changes_only_its_lines (void)
{
  g_autofree char *path = dd_test_source_path ("scenarios", "ransomware-gov-cloud", "scenario.xml", NULL);
  g_autofree char *tmp = dd_test_make_tmp_dir ("dd-splice-XXXXXX");
  g_autofree char *out = g_build_filename (tmp, "scenario.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdScenarioDocument) doc = dd_scenario_document_open (plan, path, NULL, &error);
  g_autofree char *before = read_all (path);
  g_autofree char *after = NULL;
  g_autofree char *second = NULL;

  g_assert_no_error (error);
  g_assert_true (dd_scenario_document_set (doc, "title", "A new title", &error));
  g_assert_true (dd_scenario_document_set (doc, "injects/1/content", "New words of the second inject", &error));
  g_assert_no_error (error);
  g_assert_true (dd_scenario_document_save_as (doc, out, &error));
  g_assert_no_error (error);
  after = read_all (out);
  g_assert_cmpuint (lines_changed (before, after), ==, 2);
  g_assert_nonnull (strstr (after, "<title>A new title</title>"));
  g_assert_nonnull (strstr (after, "New words of the second inject"));

  /* Saved again after one more change: still only what changed moves */
  g_assert_true (dd_scenario_document_set (doc, "title", "Another title", &error));
  g_assert_true (dd_scenario_document_save (doc, &error));
  g_assert_no_error (error);
  second = read_all (out);
  g_assert_cmpuint (lines_changed (after, second), ==, 1);
  dd_test_rm_rf (tmp);
}

/* Texts that do not pair up are not spliced */
static void
test_splice_refuses (void)
{
  g_autofree char *same = dd_scenario_text_splice ("<a>\n  <b/>\n</a>\n", "<a><b/></a>\n", "<a><b/></a>\n");
  g_autofree char *none = dd_scenario_text_splice ("<a/>", "<b/>", "<c/>");
  g_autofree char *whole = dd_scenario_text_splice ("<a><b/><c/></a>", "<a><b/></a>", "<a><x/></a>");
  g_autofree char *kept = dd_scenario_text_splice ("<a>\n\n  <b>1</b>\n  <c>2</c>\n</a>",
                                                   "<a><b>1</b><c>2</c></a>",
                                                   "<a><b>1</b><c>3</c></a>");

  g_assert_cmpstr (same, ==, "<a>\n  <b/>\n</a>\n");
  g_assert_null (none);
  /* a list that does not pair up is taken from the edit as a whole */
  g_assert_cmpstr (whole, ==, "<a><x/></a>");
  g_assert_cmpstr (kept, ==, "<a>\n\n  <b>1</b>\n  <c>3</c>\n</a>");
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  dd_xml_init ();
  plan = dd_plan_load_default (&error);
  g_assert_no_error (error);

  g_test_add_func ("/dd/scenario-splice/unchanged-is-identical", test_unchanged_is_identical);
  g_test_add_func ("/dd/scenario-splice/edit-changes-only-its-lines", test_edit_changes_only_its_lines);
  g_test_add_func ("/dd/scenario-splice/refuses", test_splice_refuses);

  ret = g_test_run ();
  g_clear_object (&plan);
  return ret;
}
