/* test-window.c — the main window, the plan browser and the start page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Widget tests (gtk_test_init): needs a display; `make test` runs them under
 * xvfb-run.
 */
#include "config.h"

#include <adwaita.h>

#include "dd-plan-browser.h"
#include "dd-preferences-window.h"
#include "dd-plan-item.h"
#include "dd-scenario-entry.h"
#include "dd-start-page.h"
#include "dd-window.h"

typedef struct {
  DdPlan   *plan;
  DdWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->plan = dd_plan_load_default (&error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->plan);

  fixture->window = g_object_ref_sink (dd_window_new (NULL));
  dd_window_set_plan (fixture->window, fixture->plan);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  g_clear_object (&fixture->plan);
}

/* Whether a label in @widget's subtree (shown or not) holds @text */
static gboolean
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget))
    {
      const char *label = gtk_label_get_text (GTK_LABEL (widget));

      if (label != NULL && strstr (label, text) != NULL)
        return TRUE;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (find_label (child, text))
      return TRUE;

  return FALSE;
}

static void
test_window_opens (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *title = gtk_window_get_title (GTK_WINDOW (fixture->window));

  g_assert_nonnull (title);
  g_assert_nonnull (strstr (title, "DrillDesk"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
  g_assert_true (dd_window_get_plan (fixture->window) == fixture->plan);

  /* The places */
  g_assert_cmpstr (dd_window_get_visible_view (fixture->window), ==, "drill");
  dd_window_show_view (fixture->window, "plan");
  g_assert_cmpstr (dd_window_get_visible_view (fixture->window), ==, "plan");
  dd_window_show_view (fixture->window, "no-such-place");
  g_assert_cmpstr (dd_window_get_visible_view (fixture->window), ==, "plan");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (dd_window_get_drill_stack (fixture->window)), ==, "start");
}

static void
test_plan_browser_shows_plan (Fixture       *fixture,
                              gconstpointer  data)
{
  GtkWidget *browser = dd_window_get_plan_browser (fixture->window);

  g_assert_true (dd_plan_browser_get_plan (DD_PLAN_BROWSER (browser)) == fixture->plan);
  /* The browser fills its sections when it is first shown. */
  dd_window_show_view (fixture->window, "plan");
  g_assert_true (gtk_widget_get_mapped (browser));
  g_assert_true (find_label (browser, dd_plan_get_title (fixture->plan)));
  g_assert_true (find_label (browser, "晋城市网络与信息安全突发事件应急预案"));
  g_assert_true (find_label (browser, "晋市政办〔2020〕82号"));
  /* A member unit, a severity, a warning colour and a response level */
  g_assert_true (find_label (browser, "市大数据局"));
  g_assert_true (find_label (browser, "特别重大"));
  g_assert_true (find_label (browser, "红色"));
  g_assert_true (find_label (browser, "Ⅰ级响应"));
  /* Not everything matches */
  g_assert_false (find_label (browser, "不存在的单位名称"));
}

static void
test_plan_browser_revision_notice (Fixture       *fixture,
                                   gconstpointer  data)
{
  GtkWidget *browser = dd_window_get_plan_browser (fixture->window);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  /* The seed plan was due for revision at the end of 2023 */
  g_assert_cmpint (dd_plan_browser_get_revision_notice_shown (DD_PLAN_BROWSER (browser)), ==,
                   dd_plan_is_past_revision (fixture->plan, now));
  g_assert_true (dd_plan_browser_get_revision_notice_shown (DD_PLAN_BROWSER (browser)));
}

static void
test_plan_browser_phone_search (Fixture       *fixture,
                                gconstpointer  data)
{
  DdPlanBrowser *browser = DD_PLAN_BROWSER (dd_window_get_plan_browser (fixture->window));
  GListModel *model = dd_plan_browser_get_phone_model (browser);
  guint total = dd_plan_get_phone_rows (fixture->plan)->len;
  guint n;

  g_assert_cmpuint (total, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, total);

  dd_plan_browser_search_phones (browser, "大数据");
  n = g_list_model_get_n_items (model);
  g_assert_cmpuint (n, >=, 1);
  g_assert_cmpuint (n, <, total);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DdPlanItem) item = g_list_model_get_item (model, i);
      g_assert_nonnull (strstr (dd_plan_item_get_title (item), "大数据"));
      g_assert_nonnull (dd_plan_item_get_phone (item));
    }

  /* By number: the first row's number finds that row */
  {
    const DdPhoneRow *row = g_ptr_array_index (dd_plan_get_phone_rows (fixture->plan), 0);
    g_autoptr(DdPlanItem) item = NULL;

    dd_plan_browser_search_phones (browser, row->phone);
    g_assert_cmpuint (g_list_model_get_n_items (model), >=, 1);
    item = g_list_model_get_item (model, 0);
    g_assert_cmpstr (dd_plan_item_get_phone (item), ==, row->phone);
  }

  dd_plan_browser_search_phones (browser, "no such unit anywhere");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  dd_plan_browser_search_phones (browser, "");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, total);
}

static void
test_start_page_lists_scenarios (Fixture       *fixture,
                                 gconstpointer  data)
{
  DdStartPage *page = DD_START_PAGE (dd_window_get_start_page (fixture->window));
  GListModel *scenarios = dd_start_page_get_scenarios (page);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "scenarios",
                                                 "ransomware-gov-cloud", "scenario.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdScenarioEntry) entry = NULL;
  gboolean found = FALSE;

  g_assert_nonnull (scenarios);
  g_assert_cmpuint (g_list_model_get_n_items (scenarios), >=, 1);

  entry = dd_scenario_entry_load (file, fixture->plan, &error);
  g_assert_no_error (error);
  g_assert_nonnull (entry);
  /* The title comes from the file's <title> */
  g_assert_cmpstr (dd_scenario_entry_get_title (entry), !=, "scenario.xml");

  for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
    {
      g_autoptr(DdScenarioEntry) listed = g_list_model_get_item (scenarios, i);

      if (g_strcmp0 (dd_scenario_entry_get_title (listed), dd_scenario_entry_get_title (entry)) == 0)
        found = TRUE;
    }
  g_assert_true (found);
  g_assert_true (find_label (GTK_WIDGET (page), dd_scenario_entry_get_title (entry)));

  /* Opening it shows the setup page */
  g_assert_true (dd_window_open_scenario (fixture->window, file, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (dd_window_get_drill_stack (fixture->window)), ==, "setup");
}

static void
test_open_scenario_refuses_other_files (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "assets", "plans",
                                                 "jincheng-2020.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_false (dd_window_open_scenario (fixture->window, file, &error));
  g_assert_nonnull (error);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (dd_window_get_drill_stack (fixture->window)), ==, "start");
}

static void
test_shortcuts_window_builds (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/gtk/help-overlay.ui");
  GObject *overlay = gtk_builder_get_object (builder, "help_overlay");

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

static void
test_preferences_follow_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID_BASE);
  GtkWidget *window = dd_preferences_window_new (NULL, settings);
  AdwComboRow *row = NULL;
  g_autofree char *scheme = NULL;
  GtkWidget *child;

  g_settings_set_string (settings, "color-scheme", "dark");

  /* Find the style row */
  child = GTK_WIDGET (window);
  while (child != NULL && row == NULL)
    {
      if (ADW_IS_COMBO_ROW (child))
        row = ADW_COMBO_ROW (child);
      else if (gtk_widget_get_first_child (child) != NULL)
        child = gtk_widget_get_first_child (child);
      else
        {
          while (child != NULL && gtk_widget_get_next_sibling (child) == NULL)
            child = gtk_widget_get_parent (child);
          if (child != NULL)
            child = gtk_widget_get_next_sibling (child);
        }
    }
  g_assert_nonnull (row);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 2);

  adw_combo_row_set_selected (row, 1);
  scheme = g_settings_get_string (settings, "color-scheme");
  g_assert_cmpstr (scheme, ==, "light");

  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "color-scheme");
}

int
main (int   argc,
      char *argv[])
{
  /* Built in a sandbox without a display (flatpak-builder's run-tests) */
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/dd/window/opens", Fixture, NULL,
              fixture_set_up, test_window_opens, fixture_tear_down);
  g_test_add ("/dd/window/plan-browser-shows-plan", Fixture, NULL,
              fixture_set_up, test_plan_browser_shows_plan, fixture_tear_down);
  g_test_add ("/dd/window/plan-browser-revision-notice", Fixture, NULL,
              fixture_set_up, test_plan_browser_revision_notice, fixture_tear_down);
  g_test_add ("/dd/window/phone-search-filters", Fixture, NULL,
              fixture_set_up, test_plan_browser_phone_search, fixture_tear_down);
  g_test_add ("/dd/window/start-page-lists-scenarios", Fixture, NULL,
              fixture_set_up, test_start_page_lists_scenarios, fixture_tear_down);
  g_test_add ("/dd/window/open-refuses-non-scenario", Fixture, NULL,
              fixture_set_up, test_open_scenario_refuses_other_files, fixture_tear_down);

  g_test_add_func ("/dd/window/shortcuts-window-builds", test_shortcuts_window_builds);
  g_test_add_func ("/dd/window/preferences-follow-settings", test_preferences_follow_settings);

  return g_test_run ();
}
