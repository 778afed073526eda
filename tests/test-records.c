/* test-records.c — the Records place: past drills, scores, the improvement
 * plan, comparison and "Why?" links
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Widget tests (gtk_test_init) in a temporary XDG_DATA_HOME: three drills
 * of a bundled scenario are created in the default drill store with the
 * core API and played by `drilldesk-cli run` (ideal script: finished;
 * flawed script: finished; ideal script stopped after two actions:
 * unfinished).
 */
#include "config.h"

#include "dd-test-gui.h"

#include <adwaita.h>
#include <string.h>
#include <glib/gstdio.h>

#include "dd-cap.h"
#include "dd-drill-record.h"
#include "dd-error.h"
#include "dd-drill-session.h"
#include "dd-plan-browser.h"
#include "dd-records-page.h"
#include "dd-review-page.h"
#include "dd-test-util.h"
#include "dd-why-button.h"
#include "dd-window.h"

#define SCENARIO "ransomware-gov-cloud"

static char *tmp_home;
static DdPlan *plan;
static char *ideal_id, *flawed_id, *unfinished_id;

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static char *
scenario_file (const char *name)
{
  return g_build_filename (g_getenv ("DD_SOURCE_ROOT"), "scenarios", SCENARIO, name, NULL);
}

/* A drill in the default store, played by drilldesk-cli run */
static char *
make_drill (const char *script,
            int         stop_after)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdDrillStore) store = dd_drill_store_new (NULL);
  g_autofree char *scenario_path = scenario_file ("scenario.xml");
  g_autofree char *script_path = scenario_file (script);
  g_autoptr(DdScenario) scenario = dd_scenario_load_file (scenario_path, plan, &error);
  g_autoptr(JsonObject) options = dd_drill_options_new (FALSE, 4.0);
  g_autoptr(DdDrillInfo) info = NULL;
  g_autoptr(DdDrill) drill = NULL;
  g_autofree char *stop = g_strdup_printf ("--stop-after=%d", stop_after);
  int status = 0;

  g_assert_no_error (error);
  drill = dd_drill_session_create (store, plan, scenario, scenario_path, options, &info, &error);
  g_assert_no_error (error);
  g_clear_object (&drill);   /* releases the journal's lock */
  {
    const char *argv[] = { g_getenv ("DD_CLI"), "run", "--quiet", dd_drill_info_get_scenario_path (info),
                           "--actions", script_path, "--journal", dd_drill_info_get_journal_path (info),
                           stop_after >= 0 ? stop : NULL, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                                 &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  return g_strdup (dd_drill_info_get_id (info));
}

/* `drilldesk-cli score --json` of a drill */
static JsonObject *
cli_score (const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdDrillStore) store = dd_drill_store_new (NULL);
  g_autoptr(DdDrillInfo) info = dd_drill_store_lookup (store, id, &error);
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  int status = 0;

  g_assert_no_error (error);
  {
    const char *argv[] = { g_getenv ("DD_CLI"), "score", "--json", dd_drill_info_get_scenario_path (info),
                           dd_drill_info_get_journal_path (info), NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                                 &out, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static char *
cli_overall_text (const char *id)
{
  g_autoptr(JsonObject) score = cli_score (id);

  return g_strdup_printf ("%.1f", json_object_get_double_member (score, "overall"));
}

typedef struct {
  DdWindow      *window;
  DdRecordsPage *records;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->window = g_object_ref_sink (dd_window_new (NULL));
  dd_window_set_plan (fixture->window, plan);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1366, 768);
  gtk_window_present (GTK_WINDOW (fixture->window));
  fixture->records = DD_RECORDS_PAGE (dd_window_get_records_page (fixture->window));
  dd_window_show_view (fixture->window, "records");
  iterate ();
  while (dd_records_page_get_n_pending (fixture->records) > 0)
    g_main_context_iteration (NULL, TRUE);
  iterate ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  iterate ();
  g_clear_object (&fixture->window);
}

static gboolean
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (find_label (c, text))
      return TRUE;
  return FALSE;
}

/* Whether an expanded row under @widget mentions @clause */
static gboolean
find_expanded (GtkWidget  *widget,
               const char *clause)
{
  if (ADW_IS_EXPANDER_ROW (widget) && adw_expander_row_get_expanded (ADW_EXPANDER_ROW (widget)) &&
      find_label (widget, clause))
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (find_expanded (c, clause))
      return TRUE;
  return FALSE;
}

/* The first "Why?" button under @widget */
static GtkWidget *
find_why (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && dd_why_button_get_clause (widget) != NULL)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_why (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_records_list (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *ideal = cli_overall_text (ideal_id);
  g_autofree char *flawed = cli_overall_text (flawed_id);
  g_autoptr(DdDrillStore) store = dd_drill_store_new (NULL);
  g_autoptr(DdDrillInfo) info = dd_drill_store_lookup (store, flawed_id, NULL);
  g_autofree char *cache = g_build_filename (dd_drill_info_get_folder (info), DD_DRILL_SCORE_CACHE_FILE, NULL);

  g_assert_cmpstr (dd_records_page_get_visible (fixture->records), ==, "list");
  g_assert_cmpuint (dd_records_page_get_n_drills (fixture->records), ==, 3);
  g_assert_cmpstr (dd_records_page_get_state_text (fixture->records, ideal_id), ==, "Finished");
  g_assert_cmpstr (dd_records_page_get_state_text (fixture->records, flawed_id), ==, "Finished");
  g_assert_cmpstr (dd_records_page_get_state_text (fixture->records, unfinished_id), ==, "Unfinished");

  /* The scores are drilldesk-cli score's, and the two runs differ */
  g_assert_cmpstr (dd_records_page_get_score_text (fixture->records, ideal_id), ==, ideal);
  g_assert_cmpstr (dd_records_page_get_score_text (fixture->records, flawed_id), ==, flawed);
  g_assert_cmpstr (ideal, !=, flawed);
  g_assert_cmpstr (dd_records_page_get_score_text (fixture->records, unfinished_id), ==, "—");
  g_assert_true (g_str_has_prefix (dd_records_page_get_ratings_text (fixture->records, ideal_id), "P "));
  g_assert_cmpstr (dd_records_page_get_ratings_text (fixture->records, unfinished_id), ==, "");

  /* Cached in the folder, and the cache gives the same */
  g_assert_true (g_file_test (cache, G_FILE_TEST_IS_REGULAR));
  g_assert_null (dd_records_page_get_scoring_text (fixture->records));
  dd_records_page_reload (fixture->records);
  /* The toolbar says how far the scoring thread has got (its results
   * arrive through the main loop, not yet run) … */
  g_assert_cmpstr (dd_records_page_get_scoring_text (fixture->records), ==, "Scoring drills: 0 of 3");
  while (dd_records_page_get_n_pending (fixture->records) > 0)
    g_main_context_iteration (NULL, TRUE);
  /* … and goes away when every drill is scored */
  g_assert_null (dd_records_page_get_scoring_text (fixture->records));
  g_assert_cmpstr (dd_records_page_get_score_text (fixture->records, flawed_id), ==, flawed);

  /* What the table shows */
  g_assert_true (find_label (GTK_WIDGET (fixture->records), flawed));
  g_assert_true (find_label (GTK_WIDGET (fixture->records), "Unfinished"));
}

static void
pdf_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dd_review_page_write_pdf_finish (DD_REVIEW_PAGE (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static void
test_records_improvements (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  DdReviewPage *review = dd_records_page_get_review_page (fixture->records);
  const DdProvision *provision = g_ptr_array_index (dd_plan_get_provisions (plan), 3);
  const DdRole *role = g_ptr_array_index (dd_plan_get_roles (plan), 2);
  g_autoptr(DdDrillStore) store = dd_drill_store_new (NULL);
  g_autoptr(DdDrillInfo) info = dd_drill_store_lookup (store, flawed_id, NULL);
  g_autofree char *review_path = dd_drill_review_path (dd_drill_info_get_folder (info));
  g_autofree char *pdf_path = g_build_filename (tmp_home, "review.pdf", NULL);
  g_autofree char *csv_path = g_build_filename (tmp_home, "timeline.csv", NULL);
  g_autoptr(GFile) pdf = g_file_new_for_path (pdf_path);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autoptr(GListStore) loaded = NULL;
  g_autoptr(DdImprovement) item = NULL;
  g_autofree char *text = NULL;
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  gboolean done = FALSE;

  /* An observation already in the sidecar is kept when items are saved */
  g_assert_true (g_file_set_contents (review_path,
                                      "{\"observations\":[{\"text\":\"指挥部响应迅速\"}]}", -1, NULL));

  g_assert_true (dd_records_page_open_review (fixture->records, flawed_id, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (dd_records_page_get_visible (fixture->records), ==, "review");
  g_assert_cmpstr (dd_review_page_get_overall_text (review), ==,
                   dd_records_page_get_score_text (fixture->records, flawed_id));
  g_assert_cmpuint (g_list_model_get_n_items (dd_review_page_get_improvements (review)), ==, 0);

  g_assert_true (dd_review_page_add_improvement (review, "修订值班报告制度并组织复训", provision->clause,
                                                 role->id, "2025-06-30", &error));
  g_assert_no_error (error);
  /* An edit made in the list is saved too */
  g_assert_true (dd_review_page_add_improvement (review, "草稿", NULL, NULL, NULL, &error));
  item = g_list_model_get_item (dd_review_page_get_improvements (review), 1);
  dd_improvement_set_action (item, "补充舆情应对预案");
  g_assert_true (dd_review_page_save_improvements (review, &error));
  g_assert_no_error (error);

  /* Saved beside the journal, read back the same */
  loaded = dd_improvements_load (review_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (loaded)), ==, 2);
  {
    g_autoptr(DdImprovement) first = g_list_model_get_item (G_LIST_MODEL (loaded), 0);
    g_autoptr(DdImprovement) second = g_list_model_get_item (G_LIST_MODEL (loaded), 1);

    g_assert_cmpstr (dd_improvement_get_action (first), ==, "修订值班报告制度并组织复训");
    g_assert_cmpstr (dd_improvement_get_clause (first), ==, provision->clause);
    g_assert_cmpstr (dd_improvement_get_owner (first), ==, role->id);
    g_assert_cmpstr (dd_improvement_get_due (first), ==, "2025-06-30");
    g_assert_cmpstr (dd_improvement_get_action (second), ==, "补充舆情应对预案");
    g_assert_null (dd_improvement_get_due (second));
  }
  g_assert_true (g_file_get_contents (review_path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "指挥部响应迅速"));

  /* Reopened, the list is there again */
  g_assert_true (dd_records_page_open_review (fixture->records, ideal_id, &error));
  g_assert_cmpuint (g_list_model_get_n_items (dd_review_page_get_improvements (review)), ==, 0);
  g_assert_true (dd_records_page_open_review (fixture->records, flawed_id, &error));
  g_assert_cmpuint (g_list_model_get_n_items (dd_review_page_get_improvements (review)), ==, 2);
  g_assert_true (find_label (GTK_WIDGET (review), "补充舆情应对预案"));

  /* In the printed review */
  dd_review_page_write_pdf_async (review, pdf, NULL, pdf_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_file_test (pdf_path, G_FILE_TEST_IS_REGULAR));
  if (pdftotext != NULL)
    {
      g_autofree char *out = NULL;
      const char *argv[] = { pdftotext, "-enc", "UTF-8", pdf_path, "-", NULL };
      int status = 0;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                                   &out, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_nonnull (strstr (out, "修订值班报告制度并组织复训"));
      g_assert_nonnull (strstr (out, "补充舆情应对预案"));
      g_assert_nonnull (strstr (out, "2025-06-30"));
    }
  else
    g_test_message ("pdftotext not found: the PDF's text is not checked");

  /* And the timeline as CSV, with its byte order mark */
  done = FALSE;
  dd_review_page_write_csv_async (review, csv, NULL, pdf_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_get_contents (csv_path, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF"));

  /* Exported as Word and as Excel, by the file's ending, with the same
   * improvement plan */
  {
    const char *endings[] = { "docx", "xlsx" };
    const char *members[] = { "word/document.xml", "xl/sharedStrings.xml" };

    for (guint i = 0; i < G_N_ELEMENTS (endings); i++)
      {
        g_autofree char *name = g_strdup_printf ("review.%s", endings[i]);
        g_autofree char *path = g_build_filename (tmp_home, name, NULL);
        g_autoptr(GFile) file = g_file_new_for_path (path);
        g_autofree char *xml = NULL;

        done = FALSE;
        dd_review_page_write_pdf_async (review, file, NULL, pdf_done_cb, &done);
        while (!done)
          g_main_context_iteration (NULL, TRUE);
        xml = dd_test_zip_entry_text (path, members[i]);
        g_assert_nonnull (strstr (xml, "补充舆情应对预案"));
        g_unlink (path);
      }
  }

  g_unlink (review_path);
}

/* Rule ids of a CLI score's findings */
static GHashTable *
rules_of (JsonObject *score)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *findings = json_object_get_array_member (score, "findings");

  for (guint i = 0; i < json_array_get_length (findings); i++)
    g_hash_table_add (set, g_strdup (json_object_get_string_member (json_array_get_object_element (findings, i),
                                                                    "rule")));
  return set;
}

static void
test_records_compare (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) ideal = cli_score (ideal_id);
  g_autoptr(JsonObject) flawed = cli_score (flawed_id);
  g_autoptr(GHashTable) ideal_rules = rules_of (ideal);
  g_autoptr(GHashTable) flawed_rules = rules_of (flawed);
  g_auto(GStrv) only_ideal = NULL;
  g_auto(GStrv) only_flawed = NULL;
  guint expected = 0;

  /* Selecting both offers the comparison */
  g_assert_true (dd_records_page_select (fixture->records, ideal_id));
  g_assert_true (dd_records_page_select (fixture->records, flawed_id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->records), "records.compare", NULL));
  g_assert_cmpstr (dd_records_page_get_visible (fixture->records), ==, "compare");

  g_assert_true (dd_records_page_compare (fixture->records, ideal_id, flawed_id, &error));
  g_assert_no_error (error);
  only_ideal = dd_records_page_get_compare_only (fixture->records, 0);
  only_flawed = dd_records_page_get_compare_only (fixture->records, 1);

  /* The flawed run has findings the ideal one has not, and the lists are
   * what the command line's findings differ by */
  g_assert_cmpuint (g_strv_length (only_flawed), >, 0);
  for (guint i = 0; only_flawed[i] != NULL; i++)
    {
      g_assert_true (g_hash_table_contains (flawed_rules, only_flawed[i]));
      g_assert_false (g_hash_table_contains (ideal_rules, only_flawed[i]));
    }
  {
    GHashTableIter iter;
    gpointer rule;

    g_hash_table_iter_init (&iter, flawed_rules);
    while (g_hash_table_iter_next (&iter, &rule, NULL))
      if (!g_hash_table_contains (ideal_rules, rule))
        {
          expected++;
          g_assert_true (g_strv_contains ((const char * const *) only_flawed, rule));
        }
  }
  g_assert_cmpuint (expected, >, 0);
  for (guint i = 0; only_ideal[i] != NULL; i++)
    g_assert_true (g_hash_table_contains (ideal_rules, only_ideal[i]));
  g_assert_true (find_why (GTK_WIDGET (fixture->records)) != NULL);

  /* A drill of another scenario, or a missing one, is refused */
  g_assert_false (dd_records_page_compare (fixture->records, ideal_id, "no-such-drill", &error));
  g_assert_nonnull (error);
}

static void
test_records_why (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  DdReviewPage *review = dd_records_page_get_review_page (fixture->records);
  GtkWidget *why;
  GtkWidget *browser = dd_window_get_plan_browser (fixture->window);
  const char *clause;
  g_auto(GStrv) candidates = NULL;

  g_assert_true (dd_records_page_open_review (fixture->records, flawed_id, &error));
  g_assert_no_error (error);
  iterate ();
  why = find_why (GTK_WIDGET (review));
  g_assert_nonnull (why);
  clause = dd_why_button_get_clause (why);
  /* As a click does (GtkButton::activate waits for its press to show) */
  g_signal_emit_by_name (why, "clicked");
  iterate ();
  g_assert_cmpstr (dd_window_get_visible_view (fixture->window), ==, "plan");

  /* The plan browser shows the clause: its provision is opened */
  candidates = dd_why_clause_candidates (clause);
  {
    gboolean shown = FALSE;

    for (guint i = 0; candidates[i] != NULL && !shown; i++)
      shown = find_expanded (browser, candidates[i]);
    g_assert_true (shown);
  }

  /* A clause with a sub-item goes to its clause */
  g_strfreev (candidates);
  candidates = dd_why_clause_candidates ("4.2.1.3(4)");
  g_assert_cmpstr (candidates[0], ==, "4.2.1.3(4)");
  g_assert_cmpstr (candidates[1], ==, "4.2.1.3");
  g_assert_cmpstr (candidates[2], ==, "4.2.1");
  dd_window_show_view (fixture->window, "records");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), DD_WHY_ACTION, "s", "4.2.1.3(4)"));
  g_assert_cmpstr (dd_window_get_visible_view (fixture->window), ==, "plan");
}

/* An interrupted drill opens read-only, says so, and scores as
 * `drilldesk-cli score` does: as of its last record */
static void
test_records_interrupted (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  DdReviewPage *review = dd_records_page_get_review_page (fixture->records);
  g_autoptr(JsonObject) unfinished = cli_score (unfinished_id);
  g_autoptr(JsonObject) finished = cli_score (ideal_id);
  g_autofree char *overall = g_strdup_printf ("%.1f", json_object_get_double_member (unfinished, "overall"));

  g_assert_false (json_object_get_boolean_member (unfinished, "finished"));
  g_assert_true (json_object_get_boolean_member (finished, "finished"));

  g_assert_true (dd_records_page_open_review (fixture->records, unfinished_id, &error));
  g_assert_no_error (error);
  iterate ();
  g_assert_nonnull (dd_review_page_get_status_text (review));
  g_assert_nonnull (strstr (dd_review_page_get_status_text (review), "Interrupted"));
  g_assert_cmpstr (dd_review_page_get_overall_text (review), ==, overall);
  g_assert_cmpuint (dd_score_get_findings (dd_review_page_get_score (review))->len, ==,
                    json_array_get_length (json_object_get_array_member (unfinished, "findings")));

  g_assert_true (dd_records_page_open_review (fixture->records, ideal_id, &error));
  g_assert_no_error (error);
  iterate ();
  g_assert_null (dd_review_page_get_status_text (review));

  /* Files get names a person would give them: date, the drill's title */
  {
    g_autofree char *pdf = dd_review_page_get_file_name (review, FALSE);
    g_autofree char *csv = dd_review_page_get_file_name (review, TRUE);
    g_autoptr(DdDrillStore) store = dd_drill_store_new (NULL);
    g_autoptr(DdDrillInfo) info = dd_drill_store_lookup (store, ideal_id, NULL);

    g_assert_true (g_str_has_suffix (pdf, ".pdf"));
    g_assert_true (g_str_has_suffix (csv, ".csv"));
    g_assert_nonnull (strstr (pdf, dd_drill_info_get_title (info)));
    g_assert_true (g_ascii_isdigit (pdf[0]) && pdf[4] == '-' && pdf[7] == '-');
    g_assert_null (strchr (pdf, '/'));
  }
}

/* The evaluator rates an objective after the drill: the rating is a record
 * after the end in the journal, the computed one stays as the suggestion,
 * and drilldesk-cli score shows both */
static void
test_records_rating (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  DdReviewPage *review = dd_records_page_get_review_page (fixture->records);
  g_autoptr(JsonObject) before = cli_score (flawed_id);
  g_autoptr(JsonObject) after = NULL;
  JsonObject *objective = json_array_get_object_element (json_object_get_array_member (before, "objectives"), 0);
  const char *id = json_object_get_string_member (objective, "id");
  g_autofree char *suggested = g_strdup (json_object_get_string_member (objective, "rating"));
  JsonObject *rated;

  g_assert_true (dd_records_page_open_review (fixture->records, flawed_id, &error));
  g_assert_no_error (error);
  /* No reason, no rating */
  g_assert_false (dd_review_page_rate_objective (review, id, 'S', "", &error));
  g_assert_error (error, DD_ERROR, DD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (dd_review_page_rate_objective (review, id, 'S', "Reported late, but complete and accurate", &error));
  g_assert_no_error (error);

  after = cli_score (flawed_id);
  g_assert_true (json_object_get_boolean_member (after, "finished"));
  rated = json_array_get_object_element (json_object_get_array_member (after, "objectives"), 0);
  g_assert_cmpstr (json_object_get_string_member (rated, "evaluator-rating"), ==, "S");
  g_assert_cmpstr (json_object_get_string_member (rated, "evaluator-reason"), ==,
                   "Reported late, but complete and accurate");
  g_assert_cmpstr (json_object_get_string_member (rated, "rating"), ==, suggested);
  g_assert_cmpfloat (json_object_get_double_member (after, "overall"), ==,
                     json_object_get_double_member (before, "overall"));
}

static void
test_records_empty (void)
{
  g_autofree char *empty = g_build_filename (tmp_home, "empty-store", NULL);
  g_autoptr(DdDrillStore) store = dd_drill_store_new (empty);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  DdRecordsPage *page = DD_RECORDS_PAGE (dd_records_page_new ());

  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  dd_records_page_set_store (page, store);
  iterate ();
  g_assert_cmpuint (dd_records_page_get_n_drills (page), ==, 0);
  g_assert_cmpstr (dd_records_page_get_visible (page), ==, "empty");
  g_assert_true (find_label (GTK_WIDGET (page), "No Drills Yet"));
  gtk_window_destroy (window);
  iterate ();
}

static gboolean
set_true (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* review.export-cap: a folder chosen in the file chooser receives one CAP
 * 1.2 alert per warning message the drill's replay holds (the flawed drill
 * publishes a level-II warning and never lifts it). */
static void
test_records_cap_export (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  DdReviewPage *review = dd_records_page_get_review_page (fixture->records);
  g_autoptr(DdDrillStore) store = dd_drill_store_new (NULL);
  g_autoptr(DdDrillInfo) info = dd_drill_store_lookup (store, flawed_id, NULL);
  g_autoptr(DdDrillRecord) record = dd_drill_record_load (info, &error);
  g_autoptr(GPtrArray) messages = NULL;
  g_autofree char *folder = g_build_filename (tmp_home, "cap-alerts", NULL);
  g_autoptr(GFile) folder_file = g_file_new_for_path (folder);
  GtkWindow *dialog;
  gboolean timed_out = FALSE;
  guint timeout, written = 0;

  g_assert_no_error (error);
  messages = dd_replay_get_warning_messages (dd_drill_record_get_replay (record));
  g_assert_cmpuint (messages->len, >, 0);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);

  g_assert_true (dd_records_page_open_review (fixture->records, flawed_id, &error));
  g_assert_no_error (error);
  iterate ();
  if (g_getenv ("DD_TEST_NO_FILE_CHOOSER") != NULL)
    {
      g_test_skip ("DD_TEST_NO_FILE_CHOOSER: GTK 4.8's file chooser dialog leaks inside GTK");
      return;
    }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (review), "review.export-cap", NULL));
  iterate ();
  dialog = dd_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, NULL);
  if (dialog == NULL)
    {
      g_test_skip ("the file chooser is a portal here");
      return;
    }
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (dialog)), ==,
                   GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder_file, NULL);
  /* The chooser reads the folder asynchronously; "Select" takes it once
   * the chooser has it */
  timeout = g_timeout_add_seconds (30, set_true, &timed_out);
  for (;;)
    {
      g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (timed_out || (chosen != NULL && g_file_equal (chosen, folder_file)))
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_false (timed_out);
  g_source_remove (timeout);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  timeout = g_timeout_add_seconds (30, set_true, &timed_out);
  while (!timed_out && dd_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, NULL) != NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout);
  iterate ();
  g_assert_false (timed_out);

  for (guint i = 0; i < messages->len; i++)
    {
      g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
      g_autofree char *prefix = g_strdup_printf ("%02u-", i + 1);
      const char *name;

      while ((name = g_dir_read_name (dir)) != NULL)
        if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".xml"))
          {
            g_autofree char *path = g_build_filename (folder, name, NULL);
            g_autofree char *contents = NULL;
            g_autofree char *expected = dd_cap_message_to_xml (dd_drill_record_get_replay (record),
                                                               messages, i);

            g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
            g_assert_nonnull (strstr (contents, "urn:oasis:names:tc:emergency:cap:1.2"));
            g_assert_cmpstr (contents, ==, expected);
            written++;
          }
    }
  g_assert_cmpuint (written, ==, messages->len);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int result;

  dd_test_skip_without_display ();

  /* Before anything asks GLib for the user's data folder */
  tmp_home = g_dir_make_tmp ("test-records-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", tmp_home, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  plan = dd_plan_load_default (&error);
  g_assert_no_error (error);
  ideal_id = make_drill ("ideal.actions.xml", -1);
  flawed_id = make_drill ("flawed.actions.xml", -1);
  unfinished_id = make_drill ("ideal.actions.xml", 2);

  g_test_add_func ("/dd/records/empty", test_records_empty);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/dd/records/interrupted", test_records_interrupted);
  ADD ("/dd/records/rating", test_records_rating);
  ADD ("/dd/records/list", test_records_list);
  ADD ("/dd/records/improvements", test_records_improvements);
  ADD ("/dd/records/compare", test_records_compare);
  ADD ("/dd/records/why", test_records_why);
  ADD ("/dd/records/cap-export", test_records_cap_export);
#undef ADD

  result = g_test_run ();
  g_clear_object (&plan);
  remove_tree (tmp_home);
  g_free (tmp_home);
  g_free (ideal_id);
  g_free (flawed_id);
  g_free (unfinished_id);
  return result;
}
