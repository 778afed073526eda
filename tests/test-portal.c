/* test-portal.c — a scenario opened as the file chooser portal hands it
 * out: the file alone, in a folder of its own, without its attachments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Widget tests (gtk_test_init).  The document portal exports the chosen
 * file as /run/user/UID/doc/ID/NAME, a folder that holds that file and
 * nothing else; a folder chosen is exported whole.  The tests copy a
 * bundled scenario that way: its file alone in one folder (the portal's),
 * the whole scenario folder in another (the person's).
 */
#include "config.h"

#include "dd-test-gui.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "dd-drill-setup.h"
#include "dd-error.h"
#include "dd-test-util.h"
#include "dd-window.h"

typedef struct {
  DdPlan   *plan;
  DdWindow *window;
  char     *tmp;
  GFile    *portal_file;    /* tmp/doc/1f2e3d4c/scenario.xml, alone */
  GFile    *folder;         /* tmp/ransomware-gov-cloud, whole */
} Fixture;

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (from, &contents, &len, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (to, contents, len, &error));
  g_assert_no_error (error);
}

/* Copies the regular files of @from into @to, recursively */
static void
copy_tree (const char *from,
           const char *to)
{
  g_autoptr(GDir) dir = g_dir_open (from, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  g_assert_cmpint (g_mkdir_with_parents (to, 0700), ==, 0);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *src = g_build_filename (from, name, NULL);
      g_autofree char *dst = g_build_filename (to, name, NULL);

      if (g_file_test (src, G_FILE_TEST_IS_DIR))
        copy_tree (src, dst);
      else
        copy_file (src, dst);
    }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *source = dd_test_source_path ("scenarios", "ransomware-gov-cloud", NULL);
  g_autofree char *source_file = g_build_filename (source, "scenario.xml", NULL);
  g_autofree char *folder = NULL;
  g_autofree char *doc = NULL;
  g_autofree char *doc_file = NULL;

  fixture->tmp = dd_test_make_tmp_dir ("test-portal-XXXXXX");
  folder = g_build_filename (fixture->tmp, "ransomware-gov-cloud", NULL);
  copy_tree (source, folder);
  doc = g_build_filename (fixture->tmp, "doc", "1f2e3d4c", NULL);
  g_assert_cmpint (g_mkdir_with_parents (doc, 0700), ==, 0);
  doc_file = g_build_filename (doc, "scenario.xml", NULL);
  copy_file (source_file, doc_file);
  fixture->portal_file = g_file_new_for_path (doc_file);
  fixture->folder = g_file_new_for_path (folder);

  fixture->plan = dd_plan_load_default (&error);
  g_assert_no_error (error);
  fixture->window = g_object_ref_sink (dd_window_new (NULL));
  dd_window_set_plan (fixture->window, fixture->plan);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
close_dialogs (Fixture *fixture)
{
  GtkWindow *dialog;

  while ((dialog = dd_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WIDGET (fixture->window))) != NULL)
    gtk_window_destroy (dialog);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  close_dialogs (fixture);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  g_clear_object (&fixture->plan);
  g_clear_object (&fixture->portal_file);
  g_clear_object (&fixture->folder);
  dd_test_rm_rf (fixture->tmp);
  g_free (fixture->tmp);
}

static const char *
drill_page (Fixture *fixture)
{
  return gtk_stack_get_visible_child_name (dd_window_get_drill_stack (fixture->window));
}

/* The file alone: the window does not fail on the missing attachments nor
 * start without them; it asks for the scenario's folder, naming them. */
static void
test_portal_file_asks_for_folder (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  const char *body;

  g_assert_true (dd_window_open_scenario (fixture->window, fixture->portal_file, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (drill_page (fixture), ==, "start");

  dialog = ADW_MESSAGE_DIALOG (dd_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WIDGET (fixture->window)));
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (fixture->window));
  body = adw_message_dialog_get_body (dialog);
  g_assert_nonnull (strstr (body, "attachments/alert-0830.txt"));
  g_assert_nonnull (strstr (body, "attachments/scope-0855.txt"));
  g_assert_true (adw_message_dialog_has_response (dialog, "choose"));
}

/* The folder chosen: the scenario loads from there, with its attachments */
static void
test_portal_folder_loads_attachments (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  DdDrillSetup *setup;
  DdScenario *scenario;
  GPtrArray *injects;
  guint n = 0;

  g_assert_true (dd_window_open_scenario (fixture->window, fixture->portal_file, &error));
  close_dialogs (fixture);
  g_assert_true (dd_window_open_scenario_in_folder (fixture->window, fixture->folder,
                                                    fixture->portal_file, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (drill_page (fixture), ==, "setup");

  /* The setup page, in its holder on the "setup" page of the Drill place */
  setup = DD_DRILL_SETUP (adw_bin_get_child (ADW_BIN (gtk_stack_get_child_by_name (
            dd_window_get_drill_stack (fixture->window), "setup"))));
  scenario = dd_drill_setup_get_scenario (setup);
  g_assert_nonnull (scenario);
  injects = dd_scenario_get_injects (scenario);
  for (guint i = 0; i < injects->len; i++)
    {
      const DdInject *inject = g_ptr_array_index (injects, i);

      for (guint k = 0; k < inject->attachments->len; k++)
        {
          g_autofree char *path = dd_scenario_get_attachment_path (scenario,
                                                                  g_ptr_array_index (inject->attachments, k));
          g_autofree char *expected_dir = g_file_get_path (fixture->folder);

          g_assert_true (g_str_has_prefix (path, expected_dir));
          g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
          n++;
        }
    }
  g_assert_cmpuint (n, ==, 2);
}

/* Another folder: refused, with a message naming it */
static void
test_portal_wrong_folder_refused (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *other_path = dd_test_source_path ("scenarios", "ddos-gov-portal", NULL);
  g_autoptr(GFile) other = g_file_new_for_path (other_path);
  g_autoptr(GFile) empty = g_file_new_for_path (fixture->tmp);

  g_assert_false (dd_window_open_scenario_in_folder (fixture->window, other,
                                                     fixture->portal_file, &error));
  g_assert_error (error, DD_ERROR, DD_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "ddos-gov-portal"));
  g_clear_error (&error);

  g_assert_false (dd_window_open_scenario_in_folder (fixture->window, empty,
                                                     fixture->portal_file, &error));
  g_assert_error (error, DD_ERROR, DD_ERROR_IO);
  g_assert_cmpstr (drill_page (fixture), ==, "start");
}

/* A scenario whose folder can be read opens at once, as before */
static void
test_readable_folder_opens_directly (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_get_child (fixture->folder, "scenario.xml");

  g_assert_true (dd_window_open_scenario (fixture->window, file, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (drill_page (fixture), ==, "setup");
  g_assert_null (dd_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WIDGET (fixture->window)));
}

int
main (int   argc,
      char *argv[])
{
  dd_test_skip_without_display ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/dd/portal/file-asks-for-folder", test_portal_file_asks_for_folder);
  ADD ("/dd/portal/folder-loads-attachments", test_portal_folder_loads_attachments);
  ADD ("/dd/portal/wrong-folder-refused", test_portal_wrong_folder_refused);
  ADD ("/dd/portal/readable-folder-opens-directly", test_readable_folder_opens_directly);
#undef ADD

  return g_test_run ();
}
