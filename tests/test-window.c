/* test-window.c — the main window, the plan browser and the start page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Widget tests (gtk_test_init): needs a display; `make test` runs them under
 * xvfb-run.
 */
#include "config.h"

#include "dd-test-gui.h"

#include <adwaita.h>

#include <glib/gstdio.h>

#include "dd-chart-view.h"
#include "dd-package.h"
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

/* The first widget of @type in @widget's subtree */
static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A toplevel window of @type other than @except, or NULL */
static GtkWindow *
find_toplevel (GType      type,
               GtkWidget *except)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && GTK_WIDGET (window) != except)
        return window;
    }
  return NULL;
}

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Whether @needle is in @data (which may hold NUL bytes) */
static gboolean
contains (const char *data,
          gsize       length,
          const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
set_true (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static char *
read_head (const char *path,
           gsize       n)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, n);
  return g_strndup (contents, MIN (length, 4096));
}

static void
assert_chart_file (const char     *path,
                   DdRenderFormat  format)
{
  g_autofree char *head = read_head (path, 64);

  switch (format)
    {
    case DD_RENDER_FORMAT_PDF:
      g_assert_true (g_str_has_prefix (head, "%PDF-"));
      break;
    case DD_RENDER_FORMAT_SVG:
      g_assert_nonnull (strstr (head, "<svg"));
      break;
    case DD_RENDER_FORMAT_PNG:
      g_assert_cmpmem (head, 8, "\x89PNG\r\n\x1a\n", 8);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
test_chart_actions_follow_place (Fixture       *fixture,
                                 gconstpointer  data)
{
  GtkWidget *charts = GTK_WIDGET (dd_window_get_charts_bin (fixture->window));
  DdChartView *view = DD_CHART_VIEW (find_widget (charts, DD_TYPE_CHART_VIEW));
  double zoom;

  g_assert_nonnull (view);
  /* Not on the Charts place: the chart actions (and their keys) do nothing */
  zoom = dd_chart_view_get_zoom (view);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.chart-zoom-in", NULL);
  g_assert_cmpfloat (dd_chart_view_get_zoom (view), ==, zoom);

  dd_window_show_view (fixture->window, "charts");
  iterate ();
  zoom = dd_chart_view_get_zoom (view);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.chart-zoom-in", NULL));
  g_assert_cmpfloat (dd_chart_view_get_zoom (view), >, zoom);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.chart-zoom-out", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.chart-zoom-out", NULL);
  g_assert_cmpfloat (dd_chart_view_get_zoom (view), <, zoom);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.chart-zoom-fit", NULL);
  g_assert_cmpfloat_with_epsilon (dd_chart_view_get_zoom (view), zoom, 1e-9);
}

static void
test_chart_export (Fixture       *fixture,
                   gconstpointer  data)
{
  static const struct { DdRenderFormat format; const char *name; } files[] = {
    { DD_RENDER_FORMAT_PDF, "org.pdf" },
    { DD_RENDER_FORMAT_SVG, "org.svg" },
    { DD_RENDER_FORMAT_PNG, "org.png" },
  };
  g_autofree char *dir = g_dir_make_tmp ("dd-window-XXXXXX", NULL);
  g_autofree char *flow = g_build_filename (dir, "flow.png", NULL);
  g_autofree char *org_png = g_build_filename (dir, "org.png", NULL);
  g_autofree char *chosen = g_build_filename (dir, "chosen", NULL);
  g_autofree char *chosen_svg = g_build_filename (dir, "chosen.svg", NULL);
  g_autofree char *org_data = NULL, *flow_data = NULL;
  gsize org_len, flow_len;
  GtkWidget *charts = GTK_WIDGET (dd_window_get_charts_bin (fixture->window));
  GtkStack *stack = GTK_STACK (gtk_widget_get_parent (find_widget (charts, DD_TYPE_CHART_VIEW)));
  GtkWindow *dialog;
  gboolean timed_out = FALSE;
  guint timeout;
  g_autoptr(GError) error = NULL;

  dd_window_show_view (fixture->window, "charts");
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i].name, NULL);

      g_assert_true (dd_window_export_chart (fixture->window, files[i].format, path, &error));
      g_assert_no_error (error);
      assert_chart_file (path, files[i].format);
    }

  /* The chart exported is the one shown */
  gtk_stack_set_visible_child_name (stack, "flow");
  g_assert_true (dd_window_export_chart (fixture->window, DD_RENDER_FORMAT_PNG, flow, &error));
  g_assert_true (g_file_get_contents (org_png, &org_data, &org_len, NULL));
  g_assert_true (g_file_get_contents (flow, &flow_data, &flow_len, NULL));
  g_assert_false (org_len == flow_len && memcmp (org_data, flow_data, org_len) == 0);

  /* A file that cannot be written is an error, not a crash */
  g_assert_false (dd_window_export_chart (fixture->window, DD_RENDER_FORMAT_PDF,
                                          "/nonexistent-dir/x.pdf", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Through the action: a save dialog; a name without an extension takes
   * the chosen filter's (SVG) */
  /* make test-asan sets DD_TEST_NO_FILE_CHOOSER: GTK 4.8's file chooser
   * dialog leaks inside GTK (tests/meson.build, the asan setup) */
  if (g_getenv ("DD_TEST_NO_FILE_CHOOSER") != NULL)
    {
      g_test_message ("DD_TEST_NO_FILE_CHOOSER: action path not checked");
      return;
    }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.chart-export", NULL));
  iterate ();
  dialog = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, NULL);
  if (dialog == NULL)
    {
      g_test_message ("the file chooser is a portal here; action path not checked");
      return;
    }
  {
    g_autoptr(GFile) folder = g_file_new_for_path (dir);
    g_autoptr(GListModel) filters = gtk_file_chooser_get_filters (GTK_FILE_CHOOSER (dialog));
    g_autoptr(GtkFileFilter) svg = g_list_model_get_item (filters, 1);

    g_assert_cmpuint (g_list_model_get_n_items (filters), ==, 3);
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), "chosen");
    gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (dialog), svg);
    gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  }
  /* The dialog checks the folder asynchronously before it answers */
  timeout = g_timeout_add_seconds (30, set_true, &timed_out);
  while (!timed_out && find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, NULL) != NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout);
  iterate ();
  g_assert_false (g_file_test (chosen, G_FILE_TEST_EXISTS));
  assert_chart_file (chosen_svg, DD_RENDER_FORMAT_SVG);
}

static void
test_chart_print (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("dd-window-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "printed.pdf", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  dd_window_show_view (fixture->window, "charts");
  g_assert_cmpint (dd_window_print_chart (fixture->window, GTK_PRINT_OPERATION_ACTION_EXPORT, path, &error),
                   ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  /* One page, A4 landscape (the organisation chart is wider than high) */
  g_assert_true (contains (contents, length, "/Count 1\n"));
  g_assert_true (contains (contents, length, "/MediaBox [ 0 0 841"));
}

static void
test_chart_unit_shows_duties (Fixture       *fixture,
                              gconstpointer  data)
{
  GtkWidget *charts = GTK_WIDGET (dd_window_get_charts_bin (fixture->window));
  GtkWidget *view = find_widget (charts, DD_TYPE_CHART_VIEW);
  const DdRole *role = dd_plan_lookup_role (fixture->plan, "cac");
  GtkWindow *dialog;
  const char *body;

  g_assert_nonnull (role);
  g_assert_nonnull (role->phone);
  g_assert_nonnull (role->duties[0]);
  dd_window_show_view (fixture->window, "charts");
  g_signal_emit_by_name (view, "unit-activated", "cac");
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "市委网信办");
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (strstr (body, role->phone));
  g_assert_true (find_label (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog)), role->duties[0]));
  g_assert_true (find_label (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog)), "2.3"));
  /* Still on the chart until asked for the plan */
  g_assert_cmpstr (dd_window_get_visible_view (fixture->window), ==, "charts");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "plan");
  g_assert_cmpstr (dd_window_get_visible_view (fixture->window), ==, "plan");
  gtk_window_destroy (dialog);
}

static void
test_shortcuts_window_builds (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/ui/dd-shortcuts-window.ui");
  GObject *overlay = gtk_builder_get_object (builder, "help_overlay");

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

/* The combo rows of @widget, in the order they are shown */
static void
collect_combo_rows (GtkWidget *widget,
                    GPtrArray *rows)
{
  if (ADW_IS_COMBO_ROW (widget))
    g_ptr_array_add (rows, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_combo_rows (c, rows);
}

static void
test_preferences_follow_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID_BASE);
  GtkWidget *window = dd_preferences_window_new (NULL, settings);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  AdwComboRow *row;
  g_autofree char *scheme = NULL;
  g_autofree char *style = NULL;

  g_settings_set_string (settings, "color-scheme", "dark");
  g_settings_set_string (settings, "review-style", "official");

  collect_combo_rows (window, rows);
  g_assert_cmpuint (rows->len, ==, 2);

  /* The colour style */
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 2);
  adw_combo_row_set_selected (row, 1);
  scheme = g_settings_get_string (settings, "color-scheme");
  g_assert_cmpstr (scheme, ==, "light");

  /* The review's style, as drilldesk-cli report --style names it */
  row = g_ptr_array_index (rows, 1);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 1);
  adw_combo_row_set_selected (row, 0);
  style = g_settings_get_string (settings, "review-style");
  g_assert_cmpstr (style, ==, "report");

  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "color-scheme");
  g_settings_reset (settings, "review-style");
}

/* win.scenario-package: the printed exercise package of a scenario, every
 * document of it, into the folder picked in the file chooser. */
static void
test_scenario_package (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *scenario = g_build_filename (g_getenv ("DD_SOURCE_ROOT"), "scenarios",
                                                "ddos-gov-portal", "scenario.xml", NULL);
  g_autofree char *dir = g_dir_make_tmp ("dd-window-XXXXXX", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  GtkWindow *dialog;
  gboolean timed_out = FALSE;
  guint timeout;

  if (g_getenv ("DD_TEST_NO_FILE_CHOOSER") != NULL)
    {
      g_test_skip ("DD_TEST_NO_FILE_CHOOSER: GTK 4.8's file chooser dialog leaks inside GTK");
      return;
    }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.scenario-package",
                                             "s", scenario));
  iterate ();
  dialog = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, NULL);
  if (dialog == NULL)
    {
      g_test_skip ("the file chooser is a portal here");
      return;
    }
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (dialog)), ==,
                   GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);
  /* The chooser reads the folder asynchronously: answer once it has it */
  timeout = g_timeout_add_seconds (30, set_true, &timed_out);
  for (;;)
    {
      g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (timed_out || (chosen != NULL && g_file_equal (chosen, folder)))
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_false (timed_out);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  while (!timed_out && find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, NULL) != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout);
  iterate ();

  for (int d = 0; d < DD_PACKAGE_N_DOCUMENTS; d++)
    {
      g_autofree char *path = g_build_filename (dir, dd_package_file_name (d), NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_true (g_str_has_prefix (contents, "%PDF-"));
      g_remove (path);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  dd_test_skip_without_display ();
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
  g_test_add ("/dd/window/chart-actions-follow-place", Fixture, NULL,
              fixture_set_up, test_chart_actions_follow_place, fixture_tear_down);
  g_test_add ("/dd/window/chart-export", Fixture, NULL,
              fixture_set_up, test_chart_export, fixture_tear_down);
  g_test_add ("/dd/window/chart-print", Fixture, NULL,
              fixture_set_up, test_chart_print, fixture_tear_down);
  g_test_add ("/dd/window/chart-unit-shows-duties", Fixture, NULL,
              fixture_set_up, test_chart_unit_shows_duties, fixture_tear_down);

  g_test_add ("/dd/window/scenario-package", Fixture, NULL,
              fixture_set_up, test_scenario_package, fixture_tear_down);

  g_test_add_func ("/dd/window/shortcuts-window-builds", test_shortcuts_window_builds);
  g_test_add_func ("/dd/window/preferences-follow-settings", test_preferences_follow_settings);

  return g_test_run ();
}
