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

#include "dd-plan.h"
#include "dd-test-util.h"
#include "dd-year-db.h"
#include "dd-year-duty.h"

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

  /* An interrupted drill verifies nothing */
  interrupted = run_drill (store, "ransomware-gov-cloud", "ideal", "2025-06-01", "--stop-after=8", NULL);
  g_clear_pointer (&opened, g_ptr_array_unref);
  opened = items_of (store);
  g_assert_cmpstr (find_item (opened, first, 0)->status, ==, "open");

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
  g_test_add_func ("/year/db/corrupt-rebuilt", test_corrupt_rebuilt);
  return g_test_run ();
}
