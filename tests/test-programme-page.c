/* test-programme-page.c — the Programme page: the drill duty in plain
 * words, a drill added and put off, saved as the programme's XML
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "dd-plan.h"
#include "dd-programme-page.h"
#include "dd-programme.h"
#include "dd-test-gui.h"
#include "dd-test-util.h"
#include "dd-year-notice.h"

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The first descendant of @widget of @type (depth first), or NULL */
static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type))
        return c;
      if ((found = find_widget (c, type)) != NULL)
        return found;
    }
  return NULL;
}

/* The button labelled @label under @widget, or NULL */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (c) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (c)), label) == 0)
        return c;
      if ((found = find_button (c, label)) != NULL)
        return found;
    }
  return NULL;
}

static void
test_programme_page (void)
{
  g_autofree char *store = dd_test_make_tmp_dir ("programme-page-XXXXXX");
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPlan) plan = dd_plan_load_default (&error);
  g_autofree char *path = dd_programme_path (store, 2026);
  g_autoptr(DdProgramme) saved = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = dd_programme_page_new ();
  GtkWidget *entry, *button, *list, *dropdown, *reason;
  DdProgrammeDrill *d;

  g_assert_no_error (error);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  dd_programme_page_set_store (DD_PROGRAMME_PAGE (page), store, plan);
  dd_programme_page_set_year (DD_PROGRAMME_PAGE (page), 2026);
  iterate ();

  /* No drill in the store: what is missing and by when */
  g_assert_nonnull (strstr (dd_programme_page_get_duty_text (DD_PROGRAMME_PAGE (page)), "2026-12-31"));
  g_assert_nonnull (strstr (dd_programme_page_get_duty_text (DD_PROGRAMME_PAGE (page)), "No drill was held"));

  /* Add a drill: saved at once */
  entry = find_widget (page, GTK_TYPE_ENTRY);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "政务云勒索病毒桌面推演");
  button = find_button (page, "_Add Drill");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  iterate ();
  saved = dd_programme_load_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (saved->drills->len, ==, 1);
  d = g_ptr_array_index (saved->drills, 0);
  g_assert_cmpstr (d->name, ==, "政务云勒索病毒桌面推演");
  g_assert_cmpstr (d->organiser->role, ==, "office");
  g_assert_cmpint (d->status, ==, DD_PROGRAMME_PLANNED);
  g_clear_pointer (&saved, dd_programme_free);

  /* Put it off: not saved until it says why */
  list = find_widget (page, ADW_TYPE_ACTION_ROW);
  dropdown = find_widget (list, GTK_TYPE_DROP_DOWN);
  reason = find_widget (list, GTK_TYPE_ENTRY);
  g_assert_nonnull (dropdown);
  g_assert_nonnull (reason);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), DD_PROGRAMME_POSTPONED);
  iterate ();
  g_assert_true (gtk_widget_get_visible (reason));
  saved = dd_programme_load_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (((DdProgrammeDrill *) g_ptr_array_index (saved->drills, 0))->status, ==, DD_PROGRAMME_PLANNED);
  g_clear_pointer (&saved, dd_programme_free);

  gtk_editable_set_text (GTK_EDITABLE (reason), "与重大活动保障冲突");
  g_signal_emit_by_name (reason, "activate");
  iterate ();
  saved = dd_programme_load_file (path, &error);
  g_assert_no_error (error);
  d = g_ptr_array_index (saved->drills, 0);
  g_assert_cmpint (d->status, ==, DD_PROGRAMME_POSTPONED);
  g_assert_cmpstr (d->reason, ==, "与重大活动保障冲突");

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
  dd_test_rm_rf (store);
}

static void
notice_text_cb (GObject    *notice,
                GParamSpec *pspec,
                gboolean   *done)
{
  *done = TRUE;
}

/* The start page's notice: the duty not met yet, and an overdue item */
static void
test_year_notice (void)
{
  g_autofree char *store = dd_test_make_tmp_dir ("year-notice-XXXXXX");
  g_autofree char *scenario = dd_test_source_path ("scenarios", "ransomware-gov-cloud", "scenario.xml", NULL);
  g_autofree char *actions = dd_test_source_path ("scenarios", "ransomware-gov-cloud", "flawed.actions.xml", NULL);
  g_autofree char *store_arg = g_strconcat ("--store=", store, NULL);
  g_autofree char *actions_arg = g_strconcat ("--actions=", actions, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *notice = dd_year_notice_new ();
  gboolean done = FALSE;

  g_assert_cmpint (dd_test_run_cli (NULL, "run", scenario, actions_arg, store_arg, "--date=2026-02-01", "-q", NULL), ==, 0);
  dir = g_dir_open (store, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *folder = g_build_filename (store, name, NULL);

      if (g_file_test (folder, G_FILE_TEST_IS_DIR))
        g_free (dd_test_write_file (folder, "review.json",
                                    "{\"improvements\": [{\"action\": \"修订值班制度\", \"due\": \"2026-03-01\"}]}", -1));
    }

  text = dd_year_notice_describe (store, "2026-12-06", &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "not met yet — due by 2026-12-31"));
  g_assert_nonnull (strstr (text, "修订值班制度 (due 2026-03-01)"));

  gtk_window_set_child (GTK_WINDOW (window), notice);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (notice, "notify::text", G_CALLBACK (notice_text_cb), &done);
  dd_year_notice_set_store_dir (DD_YEAR_NOTICE (notice), store);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (dd_year_notice_get_text (DD_YEAR_NOTICE (notice)));
  g_assert_nonnull (strstr (dd_year_notice_get_text (DD_YEAR_NOTICE (notice)), "修订值班制度"));
  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
  dd_test_rm_rf (store);
}

int
main (int   argc,
      char *argv[])
{
  dd_test_skip_without_display ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/dd/programme-page/edit", test_programme_page);
  g_test_add_func ("/dd/programme-page/year-notice", test_year_notice);
  return g_test_run ();
}
