/* test-resume-list.c — the start page's list of drills to resume: damaged
 * journals stay in it, marked, with the reason and what can be done
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dd-test-gui.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "dd-drill.h"
#include "dd-drill-store.h"
#include "dd-plan.h"
#include "dd-records-page.h"
#include "dd-resume-list.h"
#include "dd-scenario.h"
#include "dd-window.h"
#include "dd-xml.h"

#include "dd-test-util.h"

static char *tmp_home;

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static DdDrillInfo *
make_drill (DdDrillStore *store,
            const char   *title,
            int           n_notes,
            gboolean      finish)
{
  g_autofree char *plan = g_build_filename (tmp_home, "plan.xml", NULL);
  g_autofree char *scen = g_build_filename (tmp_home, "scenario.xml", NULL);
  g_autoptr(JsonObject) header = json_object_new ();
  g_autoptr(JsonObject) scenario = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(DdJournal) j = NULL;
  DdDrillInfo *info = NULL;

  g_assert_true (g_file_set_contents (plan, "<plan id=\"p\"/>\n", -1, NULL));
  g_assert_true (g_file_set_contents (scen, "<scenario id=\"s\"/>\n", -1, NULL));
  json_object_set_string_member (scenario, "title", title);
  json_object_set_object_member (header, "scenario", g_steal_pointer (&scenario));
  j = dd_drill_store_create_drill (store, plan, scen, header, &info, &error);
  g_assert_no_error (error);
  for (int i = 0; i < n_notes; i++)
    {
      g_autoptr(JsonObject) b = json_object_new ();

      json_object_set_string_member (b, "text", "abc");
      g_assert_true (dd_journal_append (j, "note", b, &error));
    }
  if (finish)
    g_assert_true (dd_journal_finish (j, NULL, &error));
  g_assert_no_error (error);
  return info;
}

static void
collect_buttons (GtkWidget *widget,
                 GPtrArray *out)
{
  if (GTK_IS_BUTTON (widget) && gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)) != NULL)
    g_ptr_array_add (out, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_buttons (c, out);
}

/* The button of @row for @action, or NULL. */
static GtkWidget *
row_button (GtkWidget  *row,
            const char *action)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_buttons (row, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (buttons->pdata[i]), action) == 0)
      return buttons->pdata[i];
  return NULL;
}

/* Every row of the list titled @title, in order. */
static void
rows_titled (GtkWidget  *widget,
             const char *title,
             GPtrArray  *out)
{
  if (ADW_IS_ACTION_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    g_ptr_array_add (out, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    rows_titled (c, title, out);
}

static GtkWidget *
row_of (GtkWidget  *list,
        const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  rows_titled (list, title, rows);
  return rows->len > 0 ? rows->pdata[0] : NULL;
}

static void
test_damaged_stay_listed (void)
{
  g_autofree char *base = g_build_filename (tmp_home, "drills", NULL);
  g_autoptr(DdDrillStore) store = dd_drill_store_new (base);
  g_autoptr(DdDrillInfo) open = make_drill (store, "未完成的演练", 2, FALSE);
  g_autoptr(DdDrillInfo) torn = make_drill (store, "中断的演练", 2, FALSE);
  g_autoptr(DdDrillInfo) changed = make_drill (store, "改动过的演练", 3, FALSE);
  g_autoptr(DdDrillInfo) done = make_drill (store, "完成的演练", 1, TRUE);
  g_autofree char *before = NULL;
  gsize before_len = 0;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *widget = dd_resume_list_new ();
  DdResumeList *list = DD_RESUME_LIST (widget);
  GtkWidget *row, *button;

  {
    FILE *f = fopen (dd_drill_info_get_journal_path (torn), "a");

    fputs ("{\"seq\":3,\"type\":\"no", f);
    fclose (f);
  }
  {
    g_autofree char *text = NULL;
    char *last;

    g_assert_true (g_file_get_contents (dd_drill_info_get_journal_path (changed), &text, NULL, NULL));
    last = g_strrstr (text, "abc");
    g_assert_nonnull (last);
    *last = 'x';
    g_assert_true (g_file_set_contents (dd_drill_info_get_journal_path (changed), text, -1, NULL));
    g_assert_true (g_file_get_contents (dd_drill_info_get_journal_path (changed), &before, &before_len, NULL));
  }

  gtk_window_set_child (GTK_WINDOW (window), widget);
  dd_resume_list_set_store (list, store);
  gtk_window_present (GTK_WINDOW (window));
  iterate ();

  /* Unfinished, torn and damaged: three; the finished one is not offered. */
  g_assert_cmpuint (dd_resume_list_get_n_drills (list), ==, 3);
  g_assert_null (row_of (widget, dd_drill_info_get_title (done)));

  row = row_of (widget, "未完成的演练");
  g_assert_nonnull (row);
  g_assert_false (gtk_widget_has_css_class (row, "dd-damaged"));
  g_assert_nonnull (row_button (row, "win.resume-drill"));
  g_assert_null (row_button (row, "resume.repair-copy"));

  /* Torn: marked, with the reason; resume, open read-only or copy. */
  row = row_of (widget, "中断的演练");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_has_css_class (row, "dd-damaged"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Damaged"));
  g_assert_nonnull (row_button (row, "win.resume-drill"));
  button = row_button (row, "resume.open-read-only");
  g_assert_nonnull (button);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Open 中断的演练 read-only");
  g_assert_nonnull (row_button (row, "resume.repair-copy"));

  /* Changed: marked damaged with the reason (file:line), only a copy. */
  row = row_of (widget, "改动过的演练");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_has_css_class (row, "dd-damaged"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Damaged"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), DD_DRILL_JOURNAL_FILE ":4:"));
  g_assert_null (row_button (row, "win.resume-drill"));
  button = row_button (row, "resume.repair-copy");
  g_assert_nonnull (button);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Make a repaired copy of 改动过的演练");

  /* Make the copy: a new drill to resume, the damaged one kept as it was. */
  g_assert_true (gtk_widget_activate_action (widget, "resume.repair-copy", "s",
                                             dd_drill_info_get_id (changed)));
  iterate ();
  g_assert_cmpuint (dd_resume_list_get_n_drills (list), ==, 4);
  {
    g_autofree char *now = NULL;
    gsize now_len = 0;
    guint n_plain = 0;

    g_assert_true (g_file_get_contents (dd_drill_info_get_journal_path (changed), &now, &now_len, NULL));
    g_assert_cmpmem (now, now_len, before, before_len);
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();

    rows_titled (widget, "改动过的演练", rows);
    g_assert_cmpuint (rows->len, ==, 2);
    for (guint i = 0; i < rows->len; i++)
      if (!gtk_widget_has_css_class (rows->pdata[i], "dd-damaged"))
        n_plain++;
    g_assert_cmpuint (n_plain, ==, 1);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_type (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A torn journal opens read-only from the start page: the review of its
 * intact records in the Records place, the journal left as it was (so
 * this works in a folder that cannot be written). */
static void
test_open_read_only (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPlan) plan = dd_plan_load_default (&error);
  g_autofree char *plan_path = dd_test_source_path ("assets", "plans", "jincheng-2020.xml", NULL);
  g_autofree char *scenario_path = dd_test_source_path ("scenarios", "ransomware-gov-cloud",
                                                        "scenario.xml", NULL);
  g_autoptr(DdScenario) scenario = NULL;
  g_autoptr(DdDrillStore) store = dd_drill_store_new (NULL);
  g_autoptr(DdDrillInfo) info = NULL;
  g_autoptr(JsonObject) header = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len = 0, after_len = 0;
  DdWindow *window;
  GtkWidget *list, *page;
  gint64 deadline;

  g_assert_no_error (error);
  scenario = dd_scenario_load_file (scenario_path, plan, &error);
  g_assert_no_error (error);
  header = dd_drill_journal_header (plan, scenario);
  {
    g_autoptr(DdJournal) j = dd_drill_store_create_drill (store, plan_path, scenario_path, header,
                                                          &info, &error);
    g_autoptr(JsonObject) note = json_object_new ();

    g_assert_no_error (error);
    json_object_set_string_member (note, "text", "记录一条观察");
    json_object_set_int_member (note, "at", 60);
    g_assert_true (dd_journal_append (j, "note", note, &error));
    g_assert_no_error (error);
  }
  {
    FILE *f = fopen (dd_drill_info_get_journal_path (info), "a");

    fputs ("{\"seq\":2,\"type\":\"no", f);
    fclose (f);
  }
  g_assert_true (g_file_get_contents (dd_drill_info_get_journal_path (info), &before, &before_len, NULL));

  window = g_object_ref_sink (dd_window_new (NULL));
  dd_window_set_plan (window, plan);
  gtk_window_present (GTK_WINDOW (window));
  iterate ();
  list = find_type (GTK_WIDGET (window), DD_TYPE_RESUME_LIST);
  g_assert_nonnull (list);
  dd_resume_list_reload (DD_RESUME_LIST (list));
  g_assert_cmpuint (dd_resume_list_get_n_drills (DD_RESUME_LIST (list)), ==, 1);

  g_assert_true (gtk_widget_activate_action (list, "resume.open-read-only", "s",
                                             dd_drill_info_get_id (info)));
  page = find_type (GTK_WIDGET (window), DD_TYPE_RECORDS_PAGE);
  g_assert_nonnull (page);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (g_strcmp0 (dd_records_page_get_visible (DD_RECORDS_PAGE (page)), "review") != 0 &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  iterate ();
  g_assert_cmpstr (dd_window_get_visible_view (window), ==, "records");
  g_assert_cmpstr (dd_records_page_get_visible (DD_RECORDS_PAGE (page)), ==, "review");

  g_assert_true (g_file_get_contents (dd_drill_info_get_journal_path (info), &after, &after_len, NULL));
  g_assert_cmpmem (after, after_len, before, before_len);
  {
    g_autoptr(GDir) d = g_dir_open (dd_drill_info_get_folder (info), 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      g_assert_null (strstr (name, ".torn"));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  iterate ();
}

int
main (int   argc,
      char *argv[])
{
  int result;

  dd_test_skip_without_display ();
  tmp_home = g_dir_make_tmp ("test-resume-list-XXXXXX", NULL);
  g_assert_nonnull (tmp_home);
  g_setenv ("XDG_DATA_HOME", tmp_home, TRUE);
  g_setenv ("GTK_A11Y", "test", TRUE);   /* accessible names are read back */

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  dd_xml_init ();

  g_test_add_func ("/dd/resume-list/damaged-stay-listed", test_damaged_stay_listed);
  g_test_add_func ("/dd/resume-list/open-read-only", test_open_read_only);

  result = g_test_run ();
  dd_test_rm_rf (tmp_home);
  g_free (tmp_home);
  return result;
}
