/* dd-test-console.c — the console tests' fixture (dd-test-console.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dd-test-gui.h"

#include "dd-drill-session.h"
#include "dd-test-console.h"
#include "dd-test-util.h"

gint64 dd_test_console_now = 0;

static gint64
manual_clock (gpointer user_data)
{
  return dd_test_console_now;
}

void
dd_test_console_iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
dd_test_console_set_up (DdTestConsole       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) options = dd_drill_options_new (g_strcmp0 (data, "training") == 0, 4.0);
  g_autofree char *store_dir = NULL;

  fixture->dir = g_dir_make_tmp ("test-console-XXXXXX", &error);
  g_assert_no_error (error);
  store_dir = g_build_filename (fixture->dir, "drills", NULL);
  fixture->scenario_path = g_build_filename (g_getenv ("DD_SOURCE_ROOT"), "scenarios",
                                             "ransomware-gov-cloud", "scenario.xml", NULL);
  fixture->plan = dd_plan_load_default (&error);
  g_assert_no_error (error);
  fixture->scenario = dd_scenario_load_file (fixture->scenario_path, fixture->plan, &error);
  g_assert_no_error (error);
  fixture->store = dd_drill_store_new (store_dir);

  dd_drill_options_set_player (options, "commander", "张三");
  fixture->drill = dd_drill_session_create (fixture->store, fixture->plan, fixture->scenario,
                                            fixture->scenario_path, options, &fixture->info, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->drill);
  dd_test_console_now = 0;
  dd_drill_set_time_func (fixture->drill, manual_clock, NULL);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  /* "small": a 1366×768 screen less the window's header bar */
  if (g_strcmp0 (data, "small") == 0)
    gtk_window_set_default_size (fixture->window, 1366, 768 - 47);
  else
    gtk_window_set_default_size (fixture->window, 1400, 900);
  fixture->console = DD_CONSOLE (dd_console_new ());
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->console));
  dd_console_set_drill (fixture->console, fixture->drill);
  gtk_window_present (fixture->window);
  dd_test_console_iterate ();
}

void
dd_test_console_tear_down (DdTestConsole       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  dd_test_console_iterate ();
  g_clear_object (&fixture->drill);
  g_clear_object (&fixture->info);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->scenario);
  g_clear_object (&fixture->plan);
  dd_test_rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->scenario_path);
}

/* The number of journal records of @type (with @kind, if not NULL) */
guint
dd_test_console_count_records (DdJournal  *journal,
               const char *type,
               const char *kind)
{
  guint n = 0;

  for (guint i = 0; i < dd_journal_get_n_records (journal); i++)
    {
      const DdJournalRecord *rec = dd_journal_get_record (journal, i);

      if (g_strcmp0 (rec->type, type) == 0 &&
          (kind == NULL || g_strcmp0 (json_object_get_string_member_with_default (rec->body, "kind", NULL), kind) == 0))
        n++;
    }
  return n;
}

/* The same journal as read back from disk */
guint
dd_test_console_count_on_disk (DdTestConsole    *fixture,
                       const char *type,
                       const char *kind)
{
  g_autoptr(GError) error = NULL;
  DdJournalRecovery recovery = { 0 };
  g_autoptr(DdJournal) journal = dd_journal_load (dd_drill_info_get_journal_path (fixture->info), &recovery, &error);

  g_assert_no_error (error);
  dd_journal_recovery_clear (&recovery);
  return dd_test_console_count_records (journal, type, kind);
}
