/* test-drill-store.c — drill folders under $XDG_DATA_HOME/drilldesk/drills
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <utime.h>

#include <glib/gstdio.h>

#include "dd-drill-record.h"
#include "dd-drill-store.h"
#include "dd-error.h"

#include "dd-test-util.h"

static char *tmp_home;
static char *src_dir;

static JsonObject *
make_header (const char *scenario_title)
{
  JsonObject *h = json_object_new ();
  JsonObject *plan = json_object_new ();
  JsonObject *scen = json_object_new ();

  json_object_set_string_member (plan, "id", "jincheng-2020");
  json_object_set_string_member (plan, "title", "金城市网络安全事件应急预案");
  json_object_set_string_member (scen, "id", "ransomware");
  json_object_set_string_member (scen, "title", scenario_title);
  json_object_set_object_member (h, "plan", plan);
  json_object_set_object_member (h, "scenario", scen);
  return h;
}

static void
write_file (const char *path,
            const char *text)
{
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

static void
test_default_location (void)
{
  g_autoptr(DdDrillStore) store = dd_drill_store_new (NULL);
  g_autofree char *expect = g_build_filename (tmp_home, "drilldesk", "drills", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) none = NULL;

  g_assert_cmpstr (dd_drill_store_get_base_dir (store), ==, expect);
  /* No drills folder yet: an empty list, not an error. */
  none = dd_drill_store_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (none), ==, 0);
}

static void
test_create_list_resume (void)
{
  g_autoptr(DdDrillStore) store = dd_drill_store_new (NULL);
  g_autofree char *plan = g_build_filename (src_dir, "plan.xml", NULL);
  g_autofree char *scen = g_build_filename (src_dir, "scenario.xml", NULL);
  g_autofree char *att_dir = g_build_filename (src_dir, "attachments", NULL);
  g_autofree char *att = g_build_filename (att_dir, "alert.txt", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdDrillInfo) first = NULL;
  g_autoptr(DdDrillInfo) second = NULL;
  g_autoptr(DdJournal) j1 = NULL;
  g_autoptr(DdJournal) j2 = NULL;
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GListModel) open_ones = NULL;
  g_autofree char *first_id = NULL;
  JsonObject *header, *plan_src;

  write_file (plan, "<plan id=\"jincheng-2020\"/>\n");
  write_file (scen, "<scenario id=\"ransomware\"/>\n");
  g_assert_cmpint (g_mkdir_with_parents (att_dir, 0700), ==, 0);
  write_file (att, "告警：检测到勒索软件\n");

  {
    g_autoptr(JsonObject) h = make_header ("勒索软件演练");

    j1 = dd_drill_store_create_drill (store, plan, scen, h, &first, &error);
    g_assert_no_error (error);
    g_assert_nonnull (j1);
    /* The caller's header is not changed. */
    g_assert_false (json_object_has_member (h, "drill"));
  }
  first_id = g_strdup (dd_drill_info_get_id (first));

  /* The folder holds the journal, the copies and a reports folder. */
  g_assert_true (g_str_has_prefix (dd_drill_info_get_folder (first),
                                   dd_drill_store_get_base_dir (store)));
  g_assert_true (g_file_test (dd_drill_info_get_journal_path (first), G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (dd_drill_info_get_reports_dir (first), G_FILE_TEST_IS_DIR));
  {
    g_autofree char *copy = NULL;
    g_autofree char *att_copy = g_build_filename (dd_drill_info_get_folder (first),
                                                  "attachments", "alert.txt", NULL);

    g_assert_true (g_file_get_contents (dd_drill_info_get_plan_path (first), &copy, NULL, NULL));
    g_assert_cmpstr (copy, ==, "<plan id=\"jincheng-2020\"/>\n");
    g_clear_pointer (&copy, g_free);
    g_assert_true (g_file_get_contents (dd_drill_info_get_scenario_path (first), &copy, NULL, NULL));
    g_assert_cmpstr (copy, ==, "<scenario id=\"ransomware\"/>\n");
    g_clear_pointer (&copy, g_free);
    g_assert_true (g_file_get_contents (att_copy, &copy, NULL, NULL));
    g_assert_cmpstr (copy, ==, "告警：检测到勒索软件\n");
  }

  /* The header names what the drill was run against. */
  header = dd_journal_get_header (j1);
  g_assert_cmpstr (json_object_get_string_member (header, "drill"), ==, first_id);
  plan_src = json_object_get_object_member (header, "plan");
  g_assert_cmpstr (json_object_get_string_member (plan_src, "title"), ==, "金城市网络安全事件应急预案");
  g_assert_cmpstr (json_object_get_string_member (plan_src, "file"), ==, "plan.xml");
  {
    g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                          "<plan id=\"jincheng-2020\"/>\n", -1);

    g_assert_cmpstr (json_object_get_string_member (plan_src, "sha256"), ==, sum);
  }
  g_assert_cmpstr (dd_drill_info_get_title (first), ==, "勒索软件演练");
  g_assert_cmpstr (dd_drill_info_get_plan_title (first), ==, "金城市网络安全事件应急预案");
  g_assert_nonnull (dd_drill_info_get_created (first));
  g_assert_cmpint (dd_drill_info_get_state (first), ==, DD_DRILL_STATE_UNFINISHED);

  g_assert_true (dd_journal_append (j1, "inject", NULL, &error));
  g_assert_true (dd_journal_append (j1, "action", NULL, &error));
  g_assert_no_error (error);

  /* A second drill, finished. */
  {
    g_autoptr(JsonObject) h = make_header ("数据泄露桌面推演");

    j2 = dd_drill_store_create_drill (store, plan, scen, h, &second, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (dd_drill_info_get_id (second), !=, first_id);
    g_assert_true (dd_journal_finish (j2, NULL, &error));
    g_assert_no_error (error);
    g_clear_object (&j2);
  }

  /* A folder whose journal is damaged is listed as such. */
  {
    g_autofree char *bad = g_build_filename (dd_drill_store_get_base_dir (store), "20000101-000000-dead", NULL);
    g_autofree char *bad_journal = g_build_filename (bad, DD_DRILL_JOURNAL_FILE, NULL);

    g_assert_cmpint (g_mkdir (bad, 0700), ==, 0);
    write_file (bad_journal, "{\"not\":\"a journal\"}\n");
  }

  all = dd_drill_store_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 3);
  {
    guint n_finished = 0, n_unfinished = 0, n_damaged = 0;

    for (guint i = 0; i < 3; i++)
      {
        g_autoptr(DdDrillInfo) info = g_list_model_get_item (all, i);

        switch (dd_drill_info_get_state (info))
          {
          case DD_DRILL_STATE_FINISHED:
            n_finished++;
            g_assert_cmpstr (dd_drill_info_get_title (info), ==, "数据泄露桌面推演");
            g_assert_cmpuint (dd_drill_info_get_n_records (info), ==, 1);
            break;
          case DD_DRILL_STATE_UNFINISHED:
            n_unfinished++;
            g_assert_cmpstr (dd_drill_info_get_id (info), ==, first_id);
            g_assert_cmpuint (dd_drill_info_get_n_records (info), ==, 2);
            break;
          case DD_DRILL_STATE_DAMAGED:
          default:
            n_damaged++;
            g_assert_nonnull (dd_drill_info_get_problem (info));
            g_assert_true (strstr (dd_drill_info_get_problem (info), DD_DRILL_JOURNAL_FILE ":1:") != NULL);
            break;
          }
      }
    g_assert_cmpuint (n_finished, ==, 1);
    g_assert_cmpuint (n_unfinished, ==, 1);
    g_assert_cmpuint (n_damaged, ==, 1);
  }

  /* The candidates for resuming: the unfinished one and the damaged one,
   * which never vanishes from the list. */
  open_ones = dd_drill_store_list_unfinished (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (open_ones), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(DdDrillInfo) info = g_list_model_get_item (open_ones, i);

      g_assert_cmpint (dd_drill_info_get_state (info), !=, DD_DRILL_STATE_FINISHED);
      /* No intact header: nothing to repair. */
      if (dd_drill_info_get_state (info) == DD_DRILL_STATE_DAMAGED)
        g_assert_false (dd_drill_info_get_repairable (info));
    }

  /* Resume while it is still open: refused (one writer at a time). */
  {
    g_autoptr(DdJournal) twice = dd_drill_store_resume (store, first_id, NULL, &error);

    g_assert_null (twice);
    g_assert_error (error, DD_ERROR, DD_ERROR_STATE);
    g_clear_error (&error);
  }
  g_clear_object (&j1);

  /* Resume after a crash that tore the last record. */
  {
    g_autoptr(DdDrillInfo) info = dd_drill_store_lookup (store, first_id, &error);
    DdJournalRecovery rec = { 0 };
    g_autoptr(DdJournal) resumed = NULL;
    FILE *f;

    g_assert_no_error (error);
    f = fopen (dd_drill_info_get_journal_path (info), "a");
    fputs ("{\"seq\":3,\"type\":\"act", f);
    fclose (f);
    g_clear_object (&info);
    info = dd_drill_store_lookup (store, first_id, &error);
    g_assert_true (dd_drill_info_get_torn (info));
    g_assert_cmpint (dd_drill_info_get_state (info), ==, DD_DRILL_STATE_UNFINISHED);

    resumed = dd_drill_store_resume (store, first_id, &rec, &error);
    g_assert_no_error (error);
    g_assert_true (rec.torn);
    g_assert_cmpuint (dd_journal_get_n_records (resumed), ==, 2);
    g_assert_true (dd_journal_append (resumed, "action", NULL, &error));
    g_assert_no_error (error);
    dd_journal_recovery_clear (&rec);
  }

  /* A finished drill is not resumed; bad ids are refused. */
  {
    g_autoptr(DdJournal) again = dd_drill_store_resume (store, dd_drill_info_get_id (second), NULL, &error);

    g_assert_null (again);
    g_assert_error (error, DD_ERROR, DD_ERROR_STATE);
    g_clear_error (&error);
  }
  {
    g_autoptr(DdDrillInfo) none = dd_drill_store_lookup (store, "../etc", &error);

    g_assert_null (none);
    g_assert_error (error, DD_ERROR, DD_ERROR_INVALID);
    g_clear_error (&error);
  }
}

static void
test_create_fails_cleanly (void)
{
  g_autoptr(DdDrillStore) store = NULL;
  g_autofree char *base = g_build_filename (tmp_home, "other-drills", NULL);
  g_autofree char *plan = g_build_filename (src_dir, "missing-plan.xml", NULL);
  g_autofree char *scen = g_build_filename (src_dir, "scenario.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdJournal) j = NULL;
  g_autoptr(GListModel) all = NULL;

  write_file (scen, "<scenario/>\n");
  store = dd_drill_store_new (base);
  j = dd_drill_store_create_drill (store, plan, scen, NULL, NULL, &error);
  g_assert_null (j);
  g_assert_error (error, DD_ERROR, DD_ERROR_IO);
  g_assert_true (strstr (error->message, "missing-plan.xml") != NULL);
  /* No half-made drill folder is left behind. */
  all = dd_drill_store_list (store, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 0);
  {
    g_autoptr(GDir) d = g_dir_open (base, 0, NULL);

    g_assert_nonnull (d);
    g_assert_null (g_dir_read_name (d));
  }
}

static char *
read_bytes (const char *path,
            gsize      *len)
{
  char *data = NULL;

  g_assert_true (g_file_get_contents (path, &data, len, NULL));
  return data;
}

/* A drill whose journal has a changed byte stays in the list of drills to
 * resume, marked damaged with the reason and its title; a repaired copy
 * holds its intact records and the original stays byte for byte. A torn
 * one reads read-only without being touched. */
static void
test_damaged_listed_and_repaired (void)
{
  g_autofree char *base = g_build_filename (tmp_home, "damaged-drills", NULL);
  g_autofree char *plan = g_build_filename (src_dir, "plan.xml", NULL);
  g_autofree char *scen = g_build_filename (src_dir, "scenario.xml", NULL);
  g_autoptr(DdDrillStore) store = dd_drill_store_new (base);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdDrillInfo) changed = NULL;
  g_autoptr(DdDrillInfo) torn = NULL;
  g_autoptr(DdDrillInfo) copy = NULL;
  g_autoptr(GListModel) open_ones = NULL;
  g_autofree char *before = NULL;
  gsize before_len = 0;

  write_file (plan, "<plan id=\"jincheng-2020\"/>\n");
  write_file (scen, "<scenario id=\"ransomware\"/>\n");
  for (int k = 0; k < 2; k++)
    {
      g_autoptr(JsonObject) h = make_header (k == 0 ? "改动过的演练" : "中断的演练");
      g_autoptr(DdJournal) j = dd_drill_store_create_drill (store, plan, scen, h,
                                                            k == 0 ? &changed : &torn, &error);

      g_assert_no_error (error);
      for (int i = 0; i < 3; i++)
        {
          g_autoptr(JsonObject) b = json_object_new ();

          json_object_set_string_member (b, "text", "abc");
          g_assert_true (dd_journal_append (j, "note", b, &error));
        }
    }

  /* Record 2 changed: line 3. */
  {
    g_autofree char *text = NULL;
    char *first, *second;

    g_assert_true (g_file_get_contents (dd_drill_info_get_journal_path (changed), &text, NULL, NULL));
    first = strstr (text, "abc");
    g_assert_nonnull (first);
    second = strstr (first + 1, "abc");
    g_assert_nonnull (second);
    *second = 'x';
    write_file (dd_drill_info_get_journal_path (changed), text);
    before = read_bytes (dd_drill_info_get_journal_path (changed), &before_len);
  }
  /* The other one torn mid-append. */
  {
    FILE *f = fopen (dd_drill_info_get_journal_path (torn), "a");

    fputs ("{\"seq\":4,\"type\":\"no", f);
    fclose (f);
  }

  open_ones = dd_drill_store_list_unfinished (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (open_ones), ==, 2);
  {
    g_autoptr(DdDrillInfo) info = dd_drill_store_lookup (store, dd_drill_info_get_id (changed), &error);

    g_assert_no_error (error);
    g_assert_cmpint (dd_drill_info_get_state (info), ==, DD_DRILL_STATE_DAMAGED);
    g_assert_nonnull (strstr (dd_drill_info_get_problem (info), DD_DRILL_JOURNAL_FILE ":3:"));
    g_assert_nonnull (strstr (dd_drill_info_get_problem (info), "changed"));
    g_assert_true (dd_drill_info_get_repairable (info));
    g_assert_cmpstr (dd_drill_info_get_title (info), ==, "改动过的演练");
    g_assert_cmpuint (dd_drill_info_get_n_records (info), ==, 1);
  }

  copy = dd_drill_store_repair_copy (store, dd_drill_info_get_id (changed), &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);
  g_assert_cmpstr (dd_drill_info_get_id (copy), !=, dd_drill_info_get_id (changed));
  g_assert_cmpint (dd_drill_info_get_state (copy), ==, DD_DRILL_STATE_UNFINISHED);
  g_assert_cmpuint (dd_drill_info_get_n_records (copy), ==, 1);
  g_assert_true (dd_journal_verify_file (dd_drill_info_get_journal_path (copy), NULL, &error));
  g_assert_no_error (error);
  {
    gsize now_len = 0;
    g_autofree char *now = read_bytes (dd_drill_info_get_journal_path (changed), &now_len);

    g_assert_cmpmem (now, now_len, before, before_len);
  }
  /* The copy resumes like any drill. */
  {
    g_autoptr(DdJournal) j = dd_drill_store_resume (store, dd_drill_info_get_id (copy), NULL, &error);

    g_assert_no_error (error);
    g_assert_true (dd_journal_append (j, "note", NULL, &error));
    g_assert_no_error (error);
  }

  /* Torn: listed, repairable, and readable read-only without a change. */
  {
    g_autoptr(DdDrillInfo) info = dd_drill_store_lookup (store, dd_drill_info_get_id (torn), &error);
    g_autoptr(DdJournal) j = NULL;
    g_autofree char *was = NULL;
    g_autofree char *now = NULL;
    gsize was_len = 0, now_len = 0;
    DdJournalRecovery rec = { 0 };

    g_assert_no_error (error);
    g_assert_cmpint (dd_drill_info_get_state (info), ==, DD_DRILL_STATE_UNFINISHED);
    g_assert_true (dd_drill_info_get_torn (info));
    g_assert_true (dd_drill_info_get_repairable (info));
    was = read_bytes (dd_drill_info_get_journal_path (info), &was_len);
    g_chmod (dd_drill_info_get_folder (info), 0500);
    j = dd_journal_load (dd_drill_info_get_journal_path (info), &rec, &error);
    g_assert_no_error (error);
    g_assert_true (rec.torn);
    g_assert_cmpuint (dd_journal_get_n_records (j), ==, 3);
    g_chmod (dd_drill_info_get_folder (info), 0700);
    now = read_bytes (dd_drill_info_get_journal_path (info), &now_len);
    g_assert_cmpmem (now, now_len, was, was_len);
    dd_journal_recovery_clear (&rec);
  }
}

/* The Records place's summaries are cached in each drill's folder, keyed
 * by the journal's head (the last record's hash) and size: a copy or a
 * touched journal keeps its cache, any new record (a torn one too) does
 * not. */
static void
test_summary_cached_by_head (void)
{
  g_autofree char *store_dir = g_build_filename (tmp_home, "summary-store", NULL);
  g_autofree char *scenario = dd_test_source_path ("scenarios", "ransomware-gov-cloud", "scenario.xml", NULL);
  g_autofree char *flawed = dd_test_source_path ("scenarios", "ransomware-gov-cloud", "flawed.actions.xml", NULL);
  g_autoptr(DdDrillStore) store = dd_drill_store_new (store_dir);
  g_autoptr(GListModel) drills = NULL;
  g_autoptr(DdDrillInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cache = NULL;
  g_autofree char *journal = NULL;
  g_autofree char *text = NULL;
  g_autofree char *last_sum = NULL;
  g_autofree char *forged = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *run_out = NULL;   /* the CLI's report, kept out of the TAP stream */
  DdDrillSummary *summary;
  double overall;
  guint n;

  g_assert_cmpint (dd_test_run_cli (&run_out, "run", scenario, "--actions", flawed, "--store", store_dir, NULL), ==, 0);
  drills = dd_drill_store_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (drills), ==, 1);
  info = g_list_model_get_item (drills, 0);
  journal = g_strdup (dd_drill_info_get_journal_path (info));
  cache = g_build_filename (dd_drill_info_get_folder (info), DD_DRILL_SCORE_CACHE_FILE, NULL);

  summary = dd_drill_summarize (info, &error);
  g_assert_no_error (error);
  overall = summary->overall;
  g_assert_cmpfloat (overall, >, 1.0);
  dd_drill_summary_free (summary);

  /* The key names the head: the "sum" of the journal's last line */
  g_assert_true (g_file_get_contents (journal, &text, NULL, NULL));
  lines = g_strsplit (g_strchomp (text), "\n", -1);
  n = g_strv_length (lines);
  last_sum = g_strndup (strstr (lines[n - 1], "\"sum\":\"") + 7, 64);
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_get_contents (cache, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, last_sum));

  /* The cache is what is read: forge its score, touch the journal */
  parts = g_strsplit (text, "\"overall\":", 2);
  g_assert_nonnull (parts[1]);
  forged = g_strconcat (parts[0], "\"overall\":1.0,\"was\":", parts[1], NULL);
  g_assert_true (g_file_set_contents (cache, forged, -1, NULL));
  g_assert_cmpint (g_utime (journal, &(struct utimbuf) { 1, 1 }), ==, 0);
  summary = dd_drill_summarize (info, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (summary->overall, ==, 1.0);
  dd_drill_summary_free (summary);

  /* A record more (here a torn one) is another journal: scored again */
  {
    FILE *f = fopen (journal, "a");

    g_assert_nonnull (f);
    fputs ("{\"seq\":", f);
    fclose (f);
  }
  summary = dd_drill_summarize (info, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (summary->overall, ==, overall);
  dd_drill_summary_free (summary);
}

int
main (int    argc,
      char **argv)
{
  int status;

  /* A fresh XDG_DATA_HOME, set before GLib caches the user dirs. */
  tmp_home = g_dir_make_tmp ("dd-store-XXXXXX", NULL);
  src_dir = g_build_filename (tmp_home, "sources", NULL);
  g_mkdir_with_parents (src_dir, 0700);
  g_setenv ("XDG_DATA_HOME", tmp_home, TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dd/drill-store/default-location", test_default_location);
  g_test_add_func ("/dd/drill-store/create-list-resume", test_create_list_resume);
  g_test_add_func ("/dd/drill-store/create-fails-cleanly", test_create_fails_cleanly);
  g_test_add_func ("/dd/drill-store/damaged-listed-and-repaired", test_damaged_listed_and_repaired);
  g_test_add_func ("/dd/drill-store/summary-cached-by-head", test_summary_cached_by_head);

  status = g_test_run ();
  dd_test_rm_rf (tmp_home);
  g_free (tmp_home);
  g_free (src_dir);
  return status;
}
