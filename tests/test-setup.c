/* test-setup.c — the set-up page: who was there, when and where, and the
 * way these reach the review
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Widget tests (gtk_test_init) in a temporary XDG_DATA_HOME: a bundled
 * scenario is set up with players, date, place, director and evaluators,
 * the drill is created in the default store and played by drilldesk-cli
 * run, and the review that drilldesk-cli report prints names them all.
 */
#include "config.h"

#include "dd-test-gui.h"

#include <string.h>
#include <adwaita.h>
#include <glib/gstdio.h>

#include "dd-drill-session.h"
#include "dd-drill-record.h"
#include "dd-drill-setup.h"
#include "dd-review-page.h"
#include "dd-drill-store.h"
#include "dd-test-util.h"

#define SCENARIO "ransomware-gov-cloud"

static char *tmp_home;
static DdPlan *plan;

static char *
scenario_file (const char *name)
{
  return dd_test_source_path ("scenarios", SCENARIO, name, NULL);
}

static DdDrillSetup *
new_setup (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = scenario_file ("scenario.xml");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  DdDrillSetup *setup = DD_DRILL_SETUP (g_object_ref_sink (dd_drill_setup_new ()));

  dd_drill_setup_set_plan (setup, plan);
  g_assert_true (dd_drill_setup_load_file (setup, file, &error));
  g_assert_no_error (error);
  return setup;
}

/* A new drill starts today, local time, and without the last one's details */
static void
test_setup_defaults (void)
{
  g_autoptr(DdDrillSetup) setup = new_setup ();
  g_autoptr(JsonObject) options = dd_drill_setup_get_options (setup);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  g_assert_cmpstr (dd_drill_options_get_text (options, "date"), ==, today);
  g_assert_null (dd_drill_options_get_text (options, "place"));
  g_assert_true (dd_drill_setup_can_start (setup));

  /* A date that is no date cannot start a drill */
  dd_drill_setup_set_detail (setup, "date", "2026-02-30");
  g_assert_false (dd_drill_setup_can_start (setup));
  dd_drill_setup_set_detail (setup, "date", "2026-12-06");
  g_assert_true (dd_drill_setup_can_start (setup));

  /* Training mode runs at the pace of real time */
  dd_drill_setup_set_training (setup, TRUE);
  g_clear_pointer (&options, json_object_unref);
  options = dd_drill_setup_get_options (setup);
  g_assert_true (dd_drill_options_get_training (options));
  g_assert_cmpfloat (dd_drill_options_get_speed (options, 0), ==, 1.0);
}

/* The names entered at set-up reach the review, not the scenario's defaults */
static void
test_setup_reaches_review (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdDrillSetup) setup = new_setup ();
  g_autoptr(DdDrillStore) store = dd_drill_store_new (NULL);
  g_autoptr(DdDrillInfo) info = NULL;
  g_autoptr(DdDrill) drill = NULL;
  g_autofree char *script = scenario_file ("ideal.actions.xml");
  g_autofree char *pdf = g_build_filename (tmp_home, "aar.pdf", NULL);
  g_autofree char *csv = g_build_filename (tmp_home, "timeline.csv", NULL);
  g_autofree char *csv_text = NULL;
  g_autofree char *text = NULL;
  const char *pdftotext_argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  DdScenario *scenario = dd_drill_setup_get_scenario (setup);
  const DdParticipant *first = g_ptr_array_index (dd_scenario_get_participants (scenario), 0);
  int status = 0;

  dd_drill_setup_set_player (setup, first->role, "Zhang Wei (test player)");
  dd_drill_setup_set_detail (setup, "date", "2026-12-06");
  dd_drill_setup_set_detail (setup, "place", "Emergency command hall, floor 3");
  dd_drill_setup_set_detail (setup, "director", "Director Li");
  dd_drill_setup_set_detail (setup, "evaluators", "Evaluator Wang, Evaluator Zhao");
  drill = dd_drill_setup_create_drill (setup, store, &info, &error);
  g_assert_no_error (error);
  g_clear_object (&drill);   /* releases the journal's lock */

  g_assert_cmpint (dd_test_run_cli (NULL, "run", "--quiet", dd_drill_info_get_scenario_path (info),
                                    "--actions", script, "--journal", dd_drill_info_get_journal_path (info),
                                    NULL), ==, 0);
  g_assert_cmpint (dd_test_run_cli (NULL, "report", dd_drill_info_get_scenario_path (info),
                                    dd_drill_info_get_journal_path (info), "-o", pdf, "--csv", csv, NULL), ==, 0);
  /* The timeline names who played the role that acted */
  g_assert_true (g_file_get_contents (csv, &csv_text, NULL, NULL));
  g_assert_nonnull (strstr (csv_text, "Zhang Wei (test player)"));
  if (!dd_test_have_program ("pdftotext"))
    {
      g_test_skip ("pdftotext is missing");
      return;
    }
  g_assert_true (g_spawn_sync (NULL, (char **) pdftotext_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &text, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "Zhang Wei (test player)"));
  g_assert_nonnull (strstr (text, "Emergency command hall, floor 3"));
  g_assert_nonnull (strstr (text, "Director Li"));
  g_assert_nonnull (strstr (text, "Evaluator Wang, Evaluator Zhao"));
  g_assert_nonnull (strstr (text, "2026-12-06"));
  if (first->player != NULL && *first->player != '\0')
    g_assert_null (strstr (text, first->player));
}

static AdwActionRow *
find_action_row (GtkWidget  *widget,
                 const char *title)
{
  if (ADW_IS_ACTION_ROW (widget) && gtk_widget_get_visible (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return ADW_ACTION_ROW (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      AdwActionRow *row = find_action_row (c, title);

      if (row != NULL)
        return row;
    }
  return NULL;
}

static gboolean
give_up_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Plays @script into @store on @date; returns the new drill's id */
static char *
run_into_store (const char *store,
                const char *script_name,
                const char *date)
{
  g_autofree char *scenario = scenario_file ("scenario.xml");
  g_autofree char *script = scenario_file (script_name);
  g_autofree char *store_arg = g_strconcat ("--store=", store, NULL);
  g_autofree char *date_arg = g_strconcat ("--date=", date, NULL);
  g_autoptr(GHashTable) before = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name;
  char *id = NULL;

  g_assert_cmpint (g_mkdir_with_parents (store, 0700), ==, 0);
  dir = g_dir_open (store, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_hash_table_add (before, g_strdup (name));
  g_clear_pointer (&dir, g_dir_close);
  g_assert_cmpint (dd_test_run_cli (NULL, "run", "--quiet", scenario, "--actions", script, store_arg,
                                    date_arg, NULL), ==, 0);
  dir = g_dir_open (store, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (store, name, NULL);

      if (!g_hash_table_contains (before, name) && g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_assert_null (id);
          id = g_strdup (name);
        }
    }
  g_assert_nonnull (id);
  return id;
}

static const char items_review[] =
  "{\"improvements\": ["
  " {\"action\": \"Report to the city headquarters at once\", \"clause\": \"4.1\","
  "  \"owner\": \"bigdata\", \"due\": \"2025-07-01\"},"
  " {\"action\": \"Revise the county annex\", \"clause\": \"9.9\", \"owner\": \"office\"}"
  "]}";

/* Iterates the main loop until @title shows as a row of @widget (read in
 * a worker thread; the guard only ends a broken run) */
static AdwActionRow *
wait_for_row (GtkWidget  *widget,
              const char *title)
{
  AdwActionRow *row = NULL;
  gboolean given_up = FALSE;
  guint guard = g_timeout_add_seconds (60, give_up_cb, &given_up);

  while (!given_up && (row = find_action_row (widget, title)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (row);
  g_source_remove (guard);
  return row;
}

/* Setting up a drill lists the open items of earlier reviews whose clause
 * the scenario exercises, the overdue marked; an empty store lists none */
static void
test_setup_open_items (void)
{
  g_autofree char *store = g_build_filename (tmp_home, "items-store", NULL);
  g_autofree char *empty = g_build_filename (tmp_home, "empty-store", NULL);
  g_autofree char *first = run_into_store (store, "flawed.actions.xml", "2025-05-10");
  g_autofree char *folder = g_build_filename (store, first, NULL);
  g_autofree char *review = dd_test_write_file (folder, "review.json", items_review, -1);
  g_autoptr(DdDrillSetup) setup = new_setup ();
  AdwActionRow *row;

  g_assert_cmpint (g_mkdir_with_parents (empty, 0700), ==, 0);
  g_assert_null (find_action_row (GTK_WIDGET (setup), "Report to the city headquarters at once"));
  dd_drill_setup_set_store_dir (setup, store);
  row = wait_for_row (GTK_WIDGET (setup), "Report to the city headquarters at once");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "§ 4.1"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "due 2025-07-01"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "overdue"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "warning"));
  /* 9.9 is no clause this scenario exercises */
  g_assert_null (find_action_row (GTK_WIDGET (setup), "Revise the county annex"));

  /* Another store without items: nothing is shown */
  dd_drill_setup_set_store_dir (setup, empty);
  g_assert_null (find_action_row (GTK_WIDGET (setup), "Report to the city headquarters at once"));
}

/* The review of a later clean drill of the store says it verified the
 * earlier drill's item */
static void
test_review_follow_up (void)
{
  g_autofree char *store_dir = g_build_filename (tmp_home, "follow-store", NULL);
  g_autofree char *first = run_into_store (store_dir, "flawed.actions.xml", "2025-05-10");
  g_autofree char *folder = g_build_filename (store_dir, first, NULL);
  g_autofree char *review = dd_test_write_file (folder, "review.json", items_review, -1);
  g_autofree char *clean = run_into_store (store_dir, "ideal.actions.xml", "2025-11-10");
  g_autofree char *store_arg = g_strconcat ("--store=", store_dir, NULL);
  g_autoptr(DdDrillStore) store = dd_drill_store_new (store_dir);
  g_autoptr(DdDrillInfo) info = NULL;
  g_autoptr(DdDrillRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  DdReviewPage *page = DD_REVIEW_PAGE (g_object_ref_sink (dd_review_page_new ()));
  AdwActionRow *row;

  /* The store keeps its register (the records page or start page open it) */
  g_assert_cmpint (dd_test_run_cli (NULL, "improvements", store_arg, NULL), ==, 0);
  info = dd_drill_store_lookup (store, clean, &error);
  g_assert_no_error (error);
  record = dd_drill_record_load (info, &error);
  g_assert_no_error (error);
  dd_review_page_set_record (page, record);
  row = wait_for_row (GTK_WIDGET (page), "Report to the city headquarters at once");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "Verified"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "§ 4.1"));
  g_assert_null (find_action_row (GTK_WIDGET (page), "Revise the county annex"));
  g_object_unref (page);
}

int
main (int   argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int result;

  dd_test_skip_without_display ();

  /* Before anything asks GLib for the user's data folder */
  tmp_home = g_dir_make_tmp ("test-setup-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", tmp_home, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  plan = dd_plan_load_default (&error);
  g_assert_no_error (error);

  g_test_add_func ("/dd/setup/defaults", test_setup_defaults);
  g_test_add_func ("/dd/setup/reaches-review", test_setup_reaches_review);
  g_test_add_func ("/dd/setup/open-items", test_setup_open_items);
  g_test_add_func ("/dd/setup/review-follow-up", test_review_follow_up);
  result = g_test_run ();

  g_clear_object (&plan);
  dd_test_rm_rf (tmp_home);
  g_free (tmp_home);
  return result;
}
