/* test-why-button.c — "Why?" beside a finding says what it costs: its
 * weight, how late, the other clauses the same fault broke, the
 * consequence clause
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Widget tests: need a display; run under xvfb-run (skipped without one).
 */
#include "config.h"

#include <gtk/gtk.h>

#include "dd-why-button.h"

static DdFinding *
finding_new (const char *clause,
             double      weight,
             const char *grade)
{
  DdFinding *f = g_new0 (DdFinding, 1);

  f->rule = g_strdup ("r");
  f->clause = g_strdup (clause);
  f->weight = weight;
  f->grade = g_strdup (grade);
  f->also_rules = g_new0 (char *, 1);
  f->also_clauses = g_new0 (char *, 1);
  return f;
}

static void
test_late_finding (void)
{
  g_autoptr(DdFinding) late = finding_new ("4.1", 10.5, "G");
  GtkWidget *button = g_object_ref_sink (dd_why_button_new_for_finding (late));
  g_autofree char *explanation = dd_why_finding_explanation (late);
  g_autofree char *weight = g_strdup_printf ("%.1f", 10.5);

  g_assert_cmpstr (dd_why_button_get_clause (button), ==, "4.1");
  g_assert_nonnull (strstr (explanation, weight));
  g_assert_nonnull (strstr (explanation, "(G)"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (button), explanation));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (button), "4.1"));
  g_object_unref (button);
}

static void
test_one_fault_and_consequence (void)
{
  g_autoptr(DdFinding) release = finding_new ("4.4", 15, NULL);
  g_autoptr(DdFinding) never = finding_new ("4.1", 40, NULL);
  g_autofree char *both = NULL;
  g_autofree char *omission = NULL;

  g_strfreev (release->also_rules);
  g_strfreev (release->also_clauses);
  release->also_rules = g_strsplit ("release-prerequisite", " ", -1);
  release->also_clauses = g_strsplit ("4.4.1", " ", -1);
  both = dd_why_finding_explanation (release);
  g_assert_nonnull (strstr (both, "4.4.1"));
  g_assert_null (strstr (both, "(G)"));

  never->consequence = g_strdup ("7.2");
  omission = dd_why_finding_explanation (never);
  g_assert_nonnull (strstr (omission, "7.2"));
  g_assert_null (strstr (both, "7.2"));
}

int
main (int    argc,
      char **argv)
{
  /* TAP's skip: a plan of no tests */
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dd/why-button/late-finding", test_late_finding);
  g_test_add_func ("/dd/why-button/one-fault-and-consequence", test_one_fault_and_consequence);
  return g_test_run ();
}
