/* test-year.c — the year's drills: the store's database, the §6.7 duty,
 * improvements followed up across drills, training records
 *
 * Stores are built from scripted drills of the bundled scenarios played by
 * `drilldesk-cli run --store` with set-up options (date, organiser,
 * players, training), across two years.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "dd-drill-record.h"
#include "dd-error.h"
#include "dd-plan.h"
#include "dd-programme.h"
#include "dd-test-util.h"
#include "dd-year-chart.h"
#include "dd-year-db.h"
#include "dd-year-duty.h"
#include "dd-scenario.h"

/* The drill folders of @store, as a set of names. */
static GHashTable *
list_folders (const char *store)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GDir) dir = g_dir_open (store, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (store, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        g_hash_table_add (names, g_strdup (name));
    }
  return names;
}

/* Plays scenario @slug with @script ("ideal", "flawed" or a path) into
 * @store on @date, with the NULL-terminated extra arguments of `run`;
 * returns the new drill's id. */
static char *
run_drill (const char *store,
           const char *slug,
           const char *script,
           const char *date,
           ...)
{
  g_autofree char *scenario = dd_test_source_path ("scenarios", slug, "scenario.xml", NULL);
  g_autofree char *script_name = g_strconcat (script, ".actions.xml", NULL);
  g_autofree char *actions = strchr (script, '/') != NULL ? g_strdup (script)
                             : dd_test_source_path ("scenarios", slug, script_name, NULL);
  g_autofree char *date_arg = g_strconcat ("--date=", date, NULL);
  g_autofree char *store_arg = g_strconcat ("--store=", store, NULL);
  g_autofree char *actions_arg = g_strconcat ("--actions=", actions, NULL);
  g_autoptr(GHashTable) before = list_folders (store);
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  GHashTableIter iter;
  gpointer key;
  const char *arg;
  va_list ap;
  char *id = NULL;
  int status;

  g_ptr_array_add (args, (gpointer) g_getenv ("DD_CLI"));
  g_ptr_array_add (args, "run");
  g_ptr_array_add (args, scenario);
  g_ptr_array_add (args, actions_arg);
  g_ptr_array_add (args, store_arg);
  g_ptr_array_add (args, date_arg);
  g_ptr_array_add (args, "--quiet");
  va_start (ap, date);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_test_message ("run %s: %s", slug, err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  after = list_folders (store);
  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (before, key))
      {
        g_assert_null (id);
        id = g_strdup (key);
      }
  g_assert_nonnull (id);
  return id;
}

static DdPlan *
bundled_plan (void)
{
  g_autofree char *path = dd_test_source_path ("assets", "plans", "jincheng-2020.xml", NULL);
  g_autoptr(GError) error = NULL;
  DdPlan *plan = dd_plan_load_file (path, &error);

  g_assert_no_error (error);
  return plan;
}

static DdDutyVerdict *
check_duty (DdPlan     *plan,
            const char *store,
            int         year)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdYearDb) db = dd_year_db_open (store, NULL, &error);
  g_autoptr(GPtrArray) drills = NULL;

  g_assert_no_error (error);
  drills = dd_year_db_list_drills (db, 0, &error);
  g_assert_no_error (error);
  return dd_year_duty_check (plan, drills, year, "2026-12-06");
}

static gboolean
has_reason (DdDutyVerdict *v,
            const char    *part)
{
  for (guint i = 0; i < v->reasons->len; i++)
    if (strstr (g_ptr_array_index (v->reasons, i), part) != NULL)
      return TRUE;
  return FALSE;
}

static void
dump_verdict (DdDutyVerdict *v)
{
  for (guint i = 0; i < v->reasons->len; i++)
    g_test_message ("reason: %s", (const char *) g_ptr_array_index (v->reasons, i));
  for (guint i = 0; i < v->notes->len; i++)
    g_test_message ("note: %s", (const char *) g_ptr_array_index (v->notes, i));
}

/* ------------------------------------------------------------------ */

/* A 重大 drill, finished, organised by the office, with member units and
 * the technical team: the Jincheng duty is met for its year only. */
static void
test_duty_met (void)
{
  g_autofree char *store = dd_test_make_tmp_dir ("year-met-XXXXXX");
  g_autoptr(DdPlan) plan = bundled_plan ();
  g_autofree char *id = run_drill (store, "ransomware-gov-cloud", "ideal", "2026-03-10",
                                   "--organiser=office", NULL);
  g_autoptr(DdDutyVerdict) met = check_duty (plan, store, 2026);
  g_autoptr(DdDutyVerdict) before = check_duty (plan, store, 2025);
  g_autofree char *out = NULL;
  g_autofree char *store_arg = g_strconcat ("--store=", store, NULL);

  dump_verdict (met);
  g_assert_true (met->met);
  g_assert_cmpuint (met->counted, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (met->counting, 0), ==, id);
  g_assert_cmpuint (met->reasons->len, ==, 0);
  g_assert_cmpstr (met->clause, ==, "6.7");

  g_assert_false (before->met);
  g_assert_true (before->overdue);
  g_assert_cmpstr (before->deadline, ==, "2025-12-31");
  g_assert_true (has_reason (before, "No drill was held between 2025-01-01 and 2025-12-31"));

  /* Set-up options that make no sense are refused before a drill is made */
  {
    g_autofree char *scenario = dd_test_source_path ("scenarios", "ransomware-gov-cloud", "scenario.xml", NULL);
    g_autofree char *actions = dd_test_source_path ("scenarios", "ransomware-gov-cloud", "ideal.actions.xml", NULL);
    g_autofree char *actions_arg = g_strconcat ("--actions=", actions, NULL);

    g_assert_cmpint (dd_test_run_cli (NULL, "run", scenario, actions_arg, store_arg, "--date=2026-02-30", NULL), ==, 2);
    g_assert_cmpint (dd_test_run_cli (NULL, "run", scenario, actions_arg, store_arg, "--organiser=nobody", NULL), ==, 1);
  }

  /* The command says the same, exit 0 and 1 */
  g_assert_cmpint (dd_test_run_cli (&out, "programme", "check", "--year=2026", store_arg, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "2026: met"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (dd_test_run_cli (&out, "programme", "check", "--year=2025", store_arg, NULL), ==, 1);
  g_assert_nonnull (strstr (out, "2025-12-31"));
  g_assert_nonnull (strstr (out, "No drill was held"));
  dd_test_rm_rf (store);
}

/* A 较大 drill does not meet a duty that asks for 重大. */
static void
test_duty_no_major (void)
{
  g_autofree char *store = dd_test_make_tmp_dir ("year-minor-XXXXXX");
  g_autoptr(DdPlan) plan = bundled_plan ();
  g_autofree char *id = run_drill (store, "ddos-gov-portal", "ideal", "2026-05-20", NULL);
  g_autoptr(DdDutyVerdict) v = check_duty (plan, store, 2026);

  dump_verdict (v);
  g_assert_false (v->met);
  g_assert_true (has_reason (v, "No finished drill simulated a 重大 incident or worse"));
  g_assert_cmpuint (v->notes->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (v->notes, 0), "较大"));
  dd_test_rm_rf (store);
}

/* Without the technical support team taking part, a 重大 drill does not
 * count: the script leaves out the team's one action. */
static void
test_duty_no_tech_team (void)
{
  g_autofree char *store = dd_test_make_tmp_dir ("year-notech-XXXXXX");
  g_autoptr(DdPlan) plan = bundled_plan ();
  g_autofree char *script = dd_test_source_path ("tests", "fixtures", "year", "ransomware-no-tech-team.actions.xml", NULL);
  g_autofree char *id = run_drill (store, "ransomware-gov-cloud", script, "2026-05-20", NULL);
  g_autoptr(DdDutyVerdict) v = check_duty (plan, store, 2026);

  dump_verdict (v);
  g_assert_false (v->met);
  g_assert_true (has_reason (v, "No 网络与信息安全应急技术支撑队伍 took part in a finished drill"));
  g_assert_false (has_reason (v, "simulated"));
  dd_test_rm_rf (store);
}

/* An interrupted drill (no end record) never counts, nor a training
 * session. */
static void
test_duty_interrupted (void)
{
  g_autofree char *store = dd_test_make_tmp_dir ("year-interrupted-XXXXXX");
  g_autoptr(DdPlan) plan = bundled_plan ();
  g_autofree char *a = run_drill (store, "ransomware-gov-cloud", "ideal", "2026-05-20", "--stop-after=6", NULL);
  g_autofree char *b = run_drill (store, "citizen-data-leak", "ideal", "2026-06-20", "--training", NULL);
  g_autoptr(DdDutyVerdict) v = check_duty (plan, store, 2026);

  dump_verdict (v);
  g_assert_false (v->met);
  g_assert_true (has_reason (v, "No drill of the period was finished"));
  g_assert_cmpuint (v->notes->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (v->notes, 0), "interrupted"));
  g_assert_nonnull (strstr (g_ptr_array_index (v->notes, 1), "training session"));
  dd_test_rm_rf (store);
}

/* A county plan with its own terms (two drills a year, 较大 or worse,
 * the technical team only) is checked by its own words. */
static void
test_duty_county_plan (void)
{
  g_autofree char *store = dd_test_make_tmp_dir ("year-county-XXXXXX");
  g_autofree char *path = dd_test_source_path ("tests", "fixtures", "county-plan.xml", NULL);
  g_autofree char *store_arg = g_strconcat ("--store=", store, NULL);
  g_autofree char *plan_arg = g_strconcat ("--plan=", path, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPlan) county = dd_plan_load_file (path, &error);
  g_autoptr(DdPlan) city = bundled_plan ();
  g_autofree char *a = NULL, *b = NULL, *out = NULL;
  g_autoptr(DdDutyVerdict) one = NULL, two = NULL, city_two = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (dd_plan_get_identity (county)->drill_min_count, ==, 2);

  a = run_drill (store, "ddos-gov-portal", "ideal", "2026-04-01", NULL);
  one = check_duty (county, store, 2026);
  dump_verdict (one);
  g_assert_false (one->met);
  g_assert_cmpuint (one->needed, ==, 2);
  g_assert_cmpuint (one->counted, ==, 1);
  g_assert_true (has_reason (one, "1 of the 2 drills"));
  g_assert_nonnull (strstr (one->summary, "at least 2 drills every 12 months"));
  g_assert_nonnull (strstr (one->summary, "县指挥部办公室"));
  g_assert_nonnull (strstr (one->summary, "较大"));

  b = run_drill (store, "ddos-gov-portal", "ideal", "2026-10-01", NULL);
  two = check_duty (county, store, 2026);
  city_two = check_duty (city, store, 2026);
  dump_verdict (two);
  g_assert_true (two->met);
  g_assert_false (city_two->met);   /* the city asks for 重大 */

  g_assert_cmpint (dd_test_run_cli (&out, "programme", "check", "--year=2026", store_arg, plan_arg, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (dd_test_run_cli (&out, "programme", "check", "--year=2026", store_arg, NULL), ==, 1);
  dd_test_rm_rf (store);
}

/* ------------------------------------------------------------------ */

static void
write_review (const char *store,
              const char *id,
              const char *json)
{
  g_autofree char *folder = g_build_filename (store, id, NULL);
  g_autofree char *path = dd_test_write_file (folder, "review.json", json, -1);
}

static const DdYearItem *
find_item (GPtrArray  *items,
           const char *drill,
           guint       index)
{
  for (guint i = 0; i < items->len; i++)
    {
      const DdYearItem *item = g_ptr_array_index (items, i);

      if (g_strcmp0 (item->drill, drill) == 0 && item->index == index)
        return item;
    }
  g_assert_not_reached ();
  return NULL;
}

static GPtrArray *
items_of (const char *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdYearDb) db = dd_year_db_open (store, NULL, &error);
  GPtrArray *items;

  g_assert_no_error (error);
  items = dd_year_db_list_items (db, &error);
  g_assert_no_error (error);
  return items;
}

/* Items of a review are opened; a later finished drill that exercises the
 * clause without a finding verifies them; the same finding again reopens
 * them; an item outlives its drill's folder. */
static void
test_items_followed_up (void)
{
  g_autofree char *store = dd_test_make_tmp_dir ("year-items-XXXXXX");
  g_autofree char *first = run_drill (store, "ransomware-gov-cloud", "flawed", "2025-05-10",
                                      "--organiser=office", NULL);
  g_autofree char *clean = NULL, *again = NULL, *interrupted = NULL;
  g_autoptr(GPtrArray) opened = NULL, verified = NULL, reopened = NULL, kept = NULL;
  g_autofree char *folder = NULL;

  write_review (store, first,
                "{\"improvements\": ["
                " {\"action\": \"事发单位发现后立即报送市指挥部\", \"clause\": \"4.1\", \"owner\": \"bigdata\", \"due\": \"2025-07-01\"},"
                " {\"action\": \"Ⅰ级响应由指挥长决定\", \"clause\": \"4.2.1.2\", \"owner\": \"office\", \"due\": \"2025-08-01\", \"status\": \"in-progress\"},"
                " {\"action\": \"修订通讯录\", \"owner\": \"office\", \"status\": \"done\"},"
                " {\"clause\": \"4.4\"}"
                "]}");
  opened = items_of (store);
  g_assert_cmpuint (opened->len, ==, 3);    /* the one without an action is no item */
  g_assert_cmpstr (find_item (opened, first, 0)->status, ==, "open");
  g_assert_cmpstr (find_item (opened, first, 0)->due, ==, "2025-07-01");
  g_assert_cmpstr (find_item (opened, first, 1)->status, ==, "in-progress");
  g_assert_cmpstr (find_item (opened, first, 2)->status, ==, "done");

  /* The owners say an item is in progress; the review edited in the
   * window keeps it */
  {
    g_autofree char *store_arg = g_strconcat ("--store=", store, NULL);
    g_autofree char *set_arg = g_strdup_printf ("--set=%s:1=in-progress", first);
    g_autofree char *bad_arg = g_strdup_printf ("--set=%s:1=verified", first);
    g_autofree char *review = g_build_filename (store, first, "review.json", NULL);
    g_autoptr(GListStore) loaded = NULL;
    g_autoptr(GError) error = NULL;

    g_autofree char *out = NULL;

    g_assert_cmpint (dd_test_run_cli (&out, "improvements", store_arg, set_arg, NULL), ==, 0);
    g_assert_nonnull (strstr (out, "in-progress"));
    g_clear_pointer (&out, g_free);
    g_assert_cmpint (dd_test_run_cli (&out, "improvements", store_arg, bad_arg, NULL), ==, 1);
    g_clear_pointer (&out, g_free);
    g_assert_cmpint (dd_test_run_cli (&out, "improvements", store_arg, "--set=nonsense", NULL), ==, 2);
    loaded = dd_improvements_load (review, &error);
    g_assert_no_error (error);
    g_assert_true (dd_improvements_save (G_LIST_MODEL (loaded), review, &error));
    g_assert_no_error (error);
    g_clear_pointer (&opened, g_ptr_array_unref);
    opened = items_of (store);
    g_assert_cmpstr (find_item (opened, first, 0)->status, ==, "in-progress");
  }

  /* An interrupted drill verifies nothing */
  interrupted = run_drill (store, "ransomware-gov-cloud", "ideal", "2025-06-01", "--stop-after=8", NULL);
  g_clear_pointer (&opened, g_ptr_array_unref);
  opened = items_of (store);
  g_assert_cmpstr (find_item (opened, first, 0)->status, ==, "in-progress");

  clean = run_drill (store, "ransomware-gov-cloud", "ideal", "2025-11-10", NULL);
  verified = items_of (store);
  g_assert_cmpstr (find_item (verified, first, 0)->status, ==, "verified");
  g_assert_cmpstr (find_item (verified, first, 0)->follow_drill, ==, clean);
  g_assert_cmpstr (find_item (verified, first, 1)->status, ==, "verified");
  g_assert_cmpstr (find_item (verified, first, 2)->status, ==, "done");   /* no clause: as the review says */

  again = run_drill (store, "ransomware-gov-cloud", "flawed", "2026-04-01", NULL);
  reopened = items_of (store);
  g_assert_cmpstr (find_item (reopened, first, 0)->status, ==, "open");
  g_assert_cmpuint (find_item (reopened, first, 0)->reopened, ==, 1);
  g_assert_cmpstr (find_item (reopened, first, 0)->follow_drill, ==, again);

  /* The drill the items came from is deleted: its items stay */
  folder = g_build_filename (store, first, NULL);
  dd_test_rm_rf (folder);
  kept = items_of (store);
  g_assert_cmpuint (kept->len, ==, 3);
  g_assert_true (find_item (kept, first, 0)->drill_gone);
  g_assert_cmpstr (find_item (kept, first, 0)->action, ==, "事发单位发现后立即报送市指挥部");
  dd_test_rm_rf (store);
}

/* The open items whose clause the scenario of @slug exercises */
static GPtrArray *
open_items_for (const char *store,
                const char *slug)
{
  g_autofree char *path = dd_test_source_path ("scenarios", slug, "scenario.xml", NULL);
  g_autoptr(DdPlan) plan = bundled_plan ();
  g_autoptr(DdScenario) scenario = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdYearDb) db = dd_year_db_open (store, NULL, &error);
  GPtrArray *items;

  g_assert_no_error (error);
  scenario = dd_scenario_load_file (path, plan, &error);
  g_assert_no_error (error);
  items = dd_year_db_list_open_items_for_scenario (db, scenario, &error);
  g_assert_no_error (error);
  return items;
}

static GPtrArray *
follow_up_of (const char *store,
              const char *drill)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdYearDb) db = dd_year_db_open (store, NULL, &error);
  GPtrArray *items;

  g_assert_no_error (error);
  items = dd_year_db_list_follow_up (db, drill, &error);
  g_assert_no_error (error);
  return items;
}

/* Setting up a drill lists the open items its scenario exercises; the
 * review of a later drill says which it verified or saw recur, and its PDF
 * has the section. */
static void
test_items_set_up_and_reviewed (void)
{
  g_autofree char *store = dd_test_make_tmp_dir ("year-follow-XXXXXX");
  g_autofree char *first = run_drill (store, "ransomware-gov-cloud", "flawed", "2025-05-10", NULL);
  g_autofree char *clean = NULL, *again = NULL;
  g_autoptr(GPtrArray) listed = NULL, other = NULL, none = NULL, follow = NULL, first_follow = NULL;

  write_review (store, first,
                "{\"improvements\": ["
                " {\"action\": \"事发单位发现后立即报送市指挥部\", \"clause\": \"4.1\", \"owner\": \"bigdata\", \"due\": \"2025-07-01\"},"
                " {\"action\": \"网站篡改处置流程\", \"clause\": \"2.4\", \"owner\": \"office\"},"
                " {\"action\": \"修订通讯录\", \"clause\": \"4.2\", \"owner\": \"office\", \"status\": \"done\"}"
                "]}");

  /* 4.1 is an objective of every scenario; 2.4 only of the county site's */
  listed = open_items_for (store, "ransomware-gov-cloud");
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpstr (find_item (listed, first, 0)->due, ==, "2025-07-01");
  other = open_items_for (store, "county-site-defaced");
  g_assert_cmpuint (other->len, ==, 2);
  g_assert_cmpstr (find_item (other, first, 1)->clause, ==, "2.4");

  /* The first drill followed nothing up */
  first_follow = follow_up_of (store, first);
  g_assert_cmpuint (first_follow->len, ==, 0);

  clean = run_drill (store, "ransomware-gov-cloud", "ideal", "2025-11-10", NULL);
  follow = follow_up_of (store, clean);
  g_assert_cmpstr (find_item (follow, first, 0)->status, ==, "verified");
  g_assert_cmpstr (find_item (follow, first, 0)->follow_drill, ==, clean);
  for (guint i = 0; i < follow->len; i++)
    g_assert_cmpuint (((const DdYearItem *) g_ptr_array_index (follow, i))->index, !=, 1);
  g_clear_pointer (&listed, g_ptr_array_unref);
  listed = open_items_for (store, "ransomware-gov-cloud");
  g_assert_cmpuint (listed->len, ==, 0);    /* verified: no longer open */

  /* The review of the clean drill in the store has the section */
  if (dd_test_have_program ("pdftotext"))
    {
      g_autofree char *scenario = g_build_filename (store, clean, "scenario.xml", NULL);
      g_autofree char *journal = g_build_filename (store, clean, "journal.jsonl", NULL);
      g_autofree char *pdf = g_build_filename (store, "review.pdf", NULL);
      const char *argv[] = { "pdftotext", pdf, "-", NULL };
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (dd_test_run_cli (NULL, "report", scenario, journal, "-o", pdf, NULL), ==, 0);
      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                    &text, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (strstr (text, "Improvement items followed up"));
      g_assert_nonnull (strstr (text, "事发单位发现后"));     /* the action, wrapped in its cell */
      g_assert_nonnull (strstr (text, "Verified"));
      g_assert_null (strstr (text, "网站篡改处置流程"));
    }

  /* … and so has its workbook: a sheet of the items followed up */
  {
    g_autofree char *scenario = g_build_filename (store, clean, "scenario.xml", NULL);
    g_autofree char *journal = g_build_filename (store, clean, "journal.jsonl", NULL);
    g_autofree char *xlsx = g_build_filename (store, "review.xlsx", NULL);
    g_autofree char *workbook_text = NULL, *strings_text = NULL, *sheet_text = NULL;

    g_assert_cmpint (dd_test_run_cli (NULL, "report", scenario, journal, "-o", xlsx, NULL), ==, 0);
    workbook_text = dd_test_zip_entry_text (xlsx, "xl/workbook.xml");
    /* the fourth sheet, after findings, scores and the improvement plan */
    g_assert_nonnull (strstr (workbook_text, "name=\"Improvement items followed up\" sheetId=\"4\""));
    strings_text = dd_test_zip_entry_text (xlsx, "xl/sharedStrings.xml");
    g_assert_nonnull (strstr (strings_text, "事发单位发现后立即报送市指挥部"));
    g_assert_nonnull (strstr (strings_text, ">Verified<"));
    g_assert_null (strstr (strings_text, "网站篡改处置流程"));
    sheet_text = dd_test_zip_entry_text (xlsx, "xl/worksheets/sheet4.xml");
    /* one item under the header row, its due date a date cell */
    g_assert_nonnull (strstr (sheet_text, "<row r=\"2\""));
    g_assert_null (strstr (sheet_text, "<row r=\"3\""));
    {
      const char *due = strstr (sheet_text, "<c r=\"E2\"");
      const char *end = due != NULL ? strchr (due, '>') : NULL;

      g_assert_nonnull (end);
      g_assert_null (g_strstr_len (due, end - due, "t=\"s\""));   /* a number, not a string */
    }
  }

  again = run_drill (store, "ransomware-gov-cloud", "flawed", "2026-04-01", NULL);
  g_clear_pointer (&follow, g_ptr_array_unref);
  follow = follow_up_of (store, again);
  g_assert_cmpstr (find_item (follow, first, 0)->status, ==, "reopened");
  g_assert_cmpstr (find_item (follow, first, 0)->action, ==, "事发单位发现后立即报送市指挥部");
  g_clear_pointer (&listed, g_ptr_array_unref);
  listed = open_items_for (store, "ransomware-gov-cloud");
  g_assert_cmpuint (listed->len, ==, 1);    /* open again */
  /* What the clean drill did stays its follow-up */
  g_clear_pointer (&follow, g_ptr_array_unref);
  follow = follow_up_of (store, clean);
  g_assert_cmpstr (find_item (follow, first, 0)->status, ==, "verified");
  dd_test_rm_rf (store);
}

/* ------------------------------------------------------------------ */

/* A database that fails its check is set aside and rebuilt from the
 * journals; `store rebuild` gives the same rows. */
static void
test_corrupt_rebuilt (void)
{
  g_autofree char *store = dd_test_make_tmp_dir ("year-corrupt-XXXXXX");
  g_autofree char *id = run_drill (store, "ransomware-gov-cloud", "ideal", "2026-03-10",
                                   "--player=office=张三", "--player=tech-team=李四", NULL);
  g_autofree char *db_path = g_build_filename (store, DD_YEAR_DB_FILE, NULL);
  g_autofree char *contents = NULL;
  g_autofree char *store_arg = g_strconcat ("--store=", store, NULL);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdYearDb) db = NULL;
  g_autoptr(GPtrArray) drills = NULL, training = NULL;
  g_autoptr(GDir) dir = NULL;
  gboolean rebuilt = FALSE, set_aside = FALSE;
  const char *name;
  gsize len;

  db = dd_year_db_open (store, &rebuilt, &error);
  g_assert_no_error (error);
  g_assert_false (rebuilt);
  g_clear_object (&db);

  /* Garble the b-tree page headers (every page after the first) */
  g_assert_true (g_file_get_contents (db_path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 8192);
  for (gsize page = 4096; page + 64 <= len; page += 4096)
    memset (contents + page, 0xA5, 64);
  g_assert_true (g_file_set_contents (db_path, contents, (gssize) len, NULL));

  db = dd_year_db_open (store, &rebuilt, &error);
  g_assert_no_error (error);
  g_assert_true (rebuilt);
  drills = dd_year_db_list_drills (db, 2026, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drills->len, ==, 1);
  g_assert_cmpstr (((DdYearDrill *) g_ptr_array_index (drills, 0))->id, ==, id);
  g_assert_cmpstr (((DdYearDrill *) g_ptr_array_index (drills, 0))->severity_name, ==, "重大");
  training = dd_year_db_list_training (db, 2026, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (training->len, ==, 2);
  g_assert_cmpstr (((DdYearTraining *) g_ptr_array_index (training, 0))->person, ==, "张三");
  g_assert_cmpstr (((DdYearTraining *) g_ptr_array_index (training, 0))->unit, ==, "市指挥部办公室");
  g_clear_object (&db);

  dir = g_dir_open (store, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    set_aside |= g_str_has_prefix (name, DD_YEAR_DB_FILE ".damaged-");
  g_assert_true (set_aside);

  /* Not a database at all */
  g_assert_true (g_file_set_contents (db_path, "not a database\n", -1, NULL));
  g_assert_cmpint (dd_test_run_cli (&out, "store", "rebuild", store_arg, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "1 drills"));
  dd_test_rm_rf (store);
}

/* ------------------------------------------------------------------ */
/* The programme                                                       */

static const char programme_xml[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<programme year=\"2026\" plan=\"jincheng-2020\">\n"
  "  <title>2026年度网络安全应急演练计划</title>\n"
  "  <drill id=\"q1\" form=\"tabletop\" month=\"3\" status=\"held\" held=\"%s\">\n"
  "    <name>政务云勒索病毒桌面推演</name>\n"
  "    <scenario>ransomware-gov-cloud</scenario>\n"
  "    <objective>检验信息报告和Ⅰ级响应启动流程</objective>\n"
  "    <organiser role=\"office\"/>\n"
  "    <participant role=\"tech-team\"/>\n"
  "    <participant>泽州县人民政府</participant>\n"
  "  </drill>\n"
  "  <drill id=\"q4\" form=\"functional\" month=\"11\" status=\"postponed\" reason=\"与重大活动保障冲突\">\n"
  "    <name>政府门户网站DDoS实操演练</name>\n"
  "    <organiser role=\"office\"/>\n"
  "  </drill>\n"
  "</programme>\n";

/* Written atomically, read back the same; what the schema refuses is
 * not written. */
static void
test_programme_round_trip (void)
{
  g_autofree char *dir = dd_test_make_tmp_dir ("year-programme-XXXXXX");
  g_autofree char *xml = g_strdup_printf (programme_xml, "20260310-090000-abcd");
  g_autofree char *path = dd_programme_path (dir, 2026);
  g_autofree char *again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdProgramme) p = dd_programme_load_data ("p.xml", xml, strlen (xml), &error);
  g_autoptr(DdProgramme) q = NULL;
  DdProgrammeDrill *d;

  g_assert_no_error (error);
  g_assert_cmpint (p->year, ==, 2026);
  g_assert_cmpuint (p->drills->len, ==, 2);
  d = g_ptr_array_index (p->drills, 0);
  g_assert_cmpint (d->form, ==, DD_DRILL_FORM_TABLETOP);
  g_assert_cmpint (d->status, ==, DD_PROGRAMME_HELD);
  g_assert_cmpstr (d->organiser->role, ==, "office");
  g_assert_cmpstr (((DdProgrammeUnit *) g_ptr_array_index (d->participants, 1))->name, ==, "泽州县人民政府");
  g_assert_cmpstr (((DdProgrammeDrill *) g_ptr_array_index (p->drills, 1))->reason, ==, "与重大活动保障冲突");

  g_assert_true (dd_programme_save (p, path, &error));
  g_assert_no_error (error);
  q = dd_programme_load_file (path, &error);
  g_assert_no_error (error);
  {
    g_autofree char *out = NULL;

    g_assert_cmpint (dd_test_run_cli (&out, "validate", path, NULL), ==, 0);
    g_assert_nonnull (strstr (out, "valid drill programme"));
  }
  again = dd_programme_to_xml (q);
  {
    g_autofree char *first = dd_programme_to_xml (p);

    g_assert_cmpstr (again, ==, first);
  }

  /* Postponed without a reason: refused, the file stays as it was */
  d = g_ptr_array_index (q->drills, 1);
  g_clear_pointer (&d->reason, g_free);
  g_assert_false (dd_programme_save (q, path, &error));
  g_assert_error (error, DD_ERROR, DD_ERROR_SCHEMA);
  g_clear_error (&error);
  g_clear_pointer (&q, dd_programme_free);
  q = dd_programme_load_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((DdProgrammeDrill *) g_ptr_array_index (q->drills, 1))->reason, ==, "与重大活动保障冲突");
  dd_test_rm_rf (dir);
}

/* Hostile or wrong programmes are refused with FILE:LINE:COLUMN. */
static void
test_programme_hostile (void)
{
  static const struct { const char *xml; const char *expect; } cases[] = {
    /* billion laughs */
    { "<?xml version=\"1.0\"?>\n<!DOCTYPE programme [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>\n"
      "<programme year=\"2026\"><title>&b;</title></programme>\n", "p.xml:2:" },
    /* external entity */
    { "<?xml version=\"1.0\"?>\n<!DOCTYPE programme [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
      "<programme year=\"2026\"><title>&x;</title></programme>\n", "p.xml:2:" },
    /* a month that does not exist */
    { "<programme year=\"2026\">\n<title>t</title>\n<drill id=\"a\" form=\"tabletop\" month=\"13\" status=\"planned\">"
      "<name>n</name><organiser role=\"office\"/></drill>\n</programme>\n", "p.xml:3:" },
    /* the same id twice */
    { "<programme year=\"2026\">\n<title>t</title>\n"
      "<drill id=\"a\" form=\"tabletop\" month=\"1\" status=\"planned\"><name>n</name><organiser role=\"office\"/></drill>\n"
      "<drill id=\"a\" form=\"tabletop\" month=\"2\" status=\"planned\"><name>m</name><organiser role=\"office\"/></drill>\n"
      "</programme>\n", "p.xml:4:" },
    /* cancelled without a reason */
    { "<programme year=\"2026\">\n<title>t</title>\n<drill id=\"a\" form=\"tabletop\" month=\"1\" status=\"cancelled\">"
      "<name>n</name><organiser role=\"office\"/></drill>\n</programme>\n", "p.xml:3:" },
    /* cut short */
    { "<programme year=\"2026\">\n<title>t</tit", "p.xml:2:" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DdProgramme) p = dd_programme_load_data ("p.xml", cases[i].xml, strlen (cases[i].xml), &error);

      g_assert_null (p);
      g_assert_nonnull (error);
      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, error->message);
      g_assert_true (g_str_has_prefix (error->message, cases[i].expect));
    }
}

/* The programme and the year-end summary as PDF, read back with
 * pdftotext; the improvements as CSV with a BOM and neutralised cells. */
static void
test_printed (void)
{
  g_autofree char *store = dd_test_make_tmp_dir ("year-print-XXXXXX");
  g_autofree char *flawed = run_drill (store, "ransomware-gov-cloud", "flawed", "2026-01-10",
                                       "--player=office=王五", NULL);
  g_autofree char *held = run_drill (store, "ransomware-gov-cloud", "ideal", "2026-03-10",
                                    "--player=office=王五", NULL);
  g_autofree char *xml = g_strdup_printf (programme_xml, held);
  g_autofree char *programme = dd_programme_path (store, 2026);
  g_autofree char *store_arg = g_strconcat ("--store=", store, NULL);
  g_autofree char *prog_pdf = g_build_filename (store, "programme.pdf", NULL);
  g_autofree char *sum_pdf = g_build_filename (store, "summary.pdf", NULL);
  g_autofree char *csv = g_build_filename (store, "items.csv", NULL);
  g_autofree char *text = NULL, *out = NULL, *csv_text = NULL;
  g_autoptr(GError) error = NULL;
  const char *pdftotext[] = { "pdftotext", NULL, "-", NULL };

  g_assert_true (g_file_set_contents (programme, xml, -1, NULL));
  write_review (store, flawed,
                "{\"improvements\": [{\"action\": \"=HYPERLINK(\\\"x\\\") 立即报送\", \"clause\": \"4.1\","
                " \"owner\": \"bigdata\", \"due\": \"2026-02-01\"}]}");

  g_assert_cmpint (dd_test_run_cli (NULL, "programme", "print", "--year=2026", store_arg, "-o", prog_pdf, NULL), ==, 0);
  g_assert_cmpint (dd_test_run_cli (NULL, "summary", "--year=2026", store_arg, "-o", sum_pdf, NULL), ==, 0);
  g_assert_cmpint (dd_test_run_cli (&out, "improvements", store_arg, "--csv", csv, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "verified"));

  /* 王五's progress over two sessions, and the records as CSV */
  g_clear_pointer (&out, g_free);
  {
    g_autofree char *training_csv = g_build_filename (store, "training.csv", NULL);
    g_autofree char *training_text = NULL;

    g_assert_cmpint (dd_test_run_cli (&out, "training", "--year=2026", store_arg, "--csv", training_csv, NULL), ==, 0);
    g_assert_nonnull (strstr (out, "王五, 2 sessions: "));
    g_assert_nonnull (strstr (out, " → 100"));
    g_assert_nonnull (strstr (out, "市指挥部办公室: 1 people, 2 sessions"));
    g_assert_true (g_file_get_contents (training_csv, &training_text, NULL, NULL));
    g_assert_true (g_str_has_prefix (training_text, "\xef\xbb\xbfPerson,Unit,Role,Date,"));
    g_assert_nonnull (strstr (training_text, "王五,市指挥部办公室,office,2026-03-10,"));
  }

  /* No programme for 2025: said, exit 1 */
  g_assert_cmpint (dd_test_run_cli (NULL, "programme", "print", "--year=2025", store_arg, "-o", prog_pdf, NULL), ==, 1);

  g_assert_true (g_file_get_contents (csv, &csv_text, NULL, NULL));
  g_assert_true (g_str_has_prefix (csv_text, "\xef\xbb\xbf"));
  g_assert_nonnull (strstr (csv_text, "\"'=HYPERLINK(\"\"x\"\") 立即报送\""));
  g_assert_nonnull (strstr (csv_text, ",verified,"));

  if (!dd_test_have_program ("pdftotext"))
    {
      g_test_skip ("pdftotext is not installed");
      dd_test_rm_rf (store);
      return;
    }
  pdftotext[1] = prog_pdf;
  g_spawn_sync (NULL, (char **) pdftotext, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &text, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "2026年度网络安全应急演练计划"));
  g_assert_nonnull (strstr (text, "与重大活动"));
  g_assert_nonnull (strstr (text, "2026: met"));
  g_assert_nonnull (strstr (text, "Held 2026-03-10"));   /* the held drill, from the store */
  g_clear_pointer (&text, g_free);

  pdftotext[1] = sum_pdf;
  g_spawn_sync (NULL, (char **) pdftotext, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &text, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "Drill summary for 2026"));
  g_assert_nonnull (strstr (text, "The programme plans 2 drills: 1 held, 1 postponed or cancelled"));
  g_assert_nonnull (strstr (text, "2026: met"));
  g_assert_nonnull (strstr (text, "Findings by clause"));
  g_assert_nonnull (strstr (text, "信息安全报告"));     /* the provision of § 4.1 */
  g_assert_nonnull (strstr (text, "王五"));
  g_assert_nonnull (strstr (text, "1 people of 1 units took part in 2 sessions"));
  dd_test_rm_rf (store);
}

/* ------------------------------------------------------------------ */
/* The trend chart                                                     */

static DdYearPhaseScore *
phase_score (const char *drill,
             const char *phase,
             guint       order,
             double      score)
{
  DdYearPhaseScore *s = g_new0 (DdYearPhaseScore, 1);

  s->drill = g_strdup (drill);
  s->date = g_strdup (drill);
  s->phase = g_strdup (phase);
  s->name = g_strdup (phase);
  s->order = order;
  s->assessed = score >= 0;
  s->score = MAX (score, 0);
  return s;
}

static guint32
pixel (cairo_surface_t *surface,
       double           x,
       double           y)
{
  guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return *(guint32 *) (data + (int) y * stride + (int) x * 4) & 0xffffff;
}

/* Drawn on an image surface: the points sit where the scores say, the
 * bars are as long as the counts say. */
static void
test_trend_chart (void)
{
  g_autoptr(GPtrArray) scores = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_year_phase_score_free);
  g_autoptr(GPtrArray) counts = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_year_clause_count_free);
  g_autoptr(DdYearTrend) trend = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 800, 300);
  cairo_t *cr = cairo_create (surface);
  double x, y, x2, y2, w, h, w2, h2;
  DdYearClauseCount *c;

  g_ptr_array_add (scores, phase_score ("2025-01", "report", 2, 40));
  g_ptr_array_add (scores, phase_score ("2025-01", "detection", 1, 100));
  g_ptr_array_add (scores, phase_score ("2025-06", "report", 2, 90));
  g_ptr_array_add (scores, phase_score ("2025-06", "detection", 1, -1));   /* not assessed */
  c = g_new0 (DdYearClauseCount, 1);
  c->clause = g_strdup ("4.1");
  c->count = 4;
  g_ptr_array_add (counts, c);
  c = g_new0 (DdYearClauseCount, 1);
  c->clause = g_strdup ("3.2.2");
  c->count = 1;
  g_ptr_array_add (counts, c);

  trend = dd_year_trend_new (scores, counts);
  g_assert_cmpuint (dd_year_trend_get_n_drills (trend), ==, 2);
  g_assert_cmpuint (dd_year_trend_get_n_phases (trend), ==, 2);   /* detection first: plan order */

  /* detection 100 in the first drill sits at the top of the plot,
   * report 40 lower; 90 in the second drill higher than 40 */
  g_assert_true (dd_year_trend_point (trend, 0, 0, 800, 300, &x, &y));
  g_assert_true (dd_year_trend_point (trend, 1, 0, 800, 300, &x2, &y2));
  g_assert_cmpfloat (x, ==, x2);
  g_assert_cmpfloat (y, <, y2);
  g_assert_false (dd_year_trend_point (trend, 0, 1, 800, 300, &x2, &y2));
  g_assert_true (dd_year_trend_point (trend, 1, 1, 800, 300, &x2, &y2));
  g_assert_cmpfloat (x2, >, x);
  g_assert_cmpfloat_with_epsilon ((y2 - y) / (y2 - y), 1.0, 1e-9);

  dd_year_trend_bar (trend, 0, 800, 300, &x, &y, &w, &h);
  dd_year_trend_bar (trend, 1, 800, 300, &x2, &y2, &w2, &h2);
  g_assert_cmpfloat_with_epsilon (w / w2, 4.0, 1e-9);

  dd_year_trend_draw (trend, cr, 800, 300);
  cairo_surface_flush (surface);
  /* The points in the phases' colours, the bars in theirs, white beyond */
  g_assert_true (dd_year_trend_point (trend, 1, 1, 800, 300, &x, &y));
  g_assert_cmphex (pixel (surface, x, y), ==, dd_year_trend_phase_colour (1));
  g_assert_true (dd_year_trend_point (trend, 0, 0, 800, 300, &x, &y));
  g_assert_cmphex (pixel (surface, x, y), ==, dd_year_trend_phase_colour (0));
  dd_year_trend_bar (trend, 1, 800, 300, &x, &y, &w, &h);
  g_assert_cmphex (pixel (surface, x + w / 2, y + h / 2), ==, DD_YEAR_TREND_BAR_COLOUR);
  g_assert_cmphex (pixel (surface, x + w + 20, y + h / 2), ==, 0xffffff);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  dd_test_journal_no_sync ();

  g_test_add_func ("/year/duty/met", test_duty_met);
  g_test_add_func ("/year/duty/no-major", test_duty_no_major);
  g_test_add_func ("/year/duty/no-tech-team", test_duty_no_tech_team);
  g_test_add_func ("/year/duty/interrupted", test_duty_interrupted);
  g_test_add_func ("/year/duty/county-plan", test_duty_county_plan);
  g_test_add_func ("/year/items/followed-up", test_items_followed_up);
  g_test_add_func ("/year/items/set-up-and-reviewed", test_items_set_up_and_reviewed);
  g_test_add_func ("/year/db/corrupt-rebuilt", test_corrupt_rebuilt);
  g_test_add_func ("/year/programme/round-trip", test_programme_round_trip);
  g_test_add_func ("/year/programme/hostile", test_programme_hostile);
  g_test_add_func ("/year/printed", test_printed);
  g_test_add_func ("/year/trend-chart", test_trend_chart);
  return g_test_run ();
}
