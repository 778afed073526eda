/* test-help.c — the user guide (F1), offline, in the interface's language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dd-test-gui.h"

#include <string.h>
#include <adwaita.h>

#include "dd-help-window.h"

static guint
count_sections (const char *text)
{
  guint n = 0;

  for (const char *p = text; (p = strstr (p, "\n## ")) != NULL; p++)
    n++;
  return n;
}

/* Every language's guide has the same sections, and the window shows the
 * guide (English in the C locale) with its headings as text */
static void
test_help_guide (void)
{
  g_autoptr(GBytes) en = g_resources_lookup_data (RESOURCE_PREFIX "/help/guide-C.txt", 0, NULL);
  g_autoptr(GBytes) zh = g_resources_lookup_data (RESOURCE_PREFIX "/help/guide-zh_CN.txt", 0, NULL);
  GtkWidget *window;
  g_autofree char *shown = NULL;

  g_assert_nonnull (en);
  g_assert_nonnull (zh);
  g_assert_cmpuint (count_sections (g_bytes_get_data (en, NULL)), >=, 5);
  g_assert_cmpuint (count_sections (g_bytes_get_data (en, NULL)), ==, count_sections (g_bytes_get_data (zh, NULL)));

  window = dd_help_window_new ();
  shown = dd_help_window_get_text (DD_HELP_WINDOW (window));
  g_assert_nonnull (strstr (shown, "DrillDesk user guide"));
  g_assert_nonnull (strstr (shown, "Starting a drill"));
  /* markup is taken off: no "## " left, items as bullets */
  g_assert_null (strstr (shown, "## "));
  g_assert_nonnull (strstr (shown, "•"));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  dd_test_skip_without_display ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/dd/help/guide", test_help_guide);
  return g_test_run ();
}
