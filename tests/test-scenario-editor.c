/* test-scenario-editor.c — the scenario editor window: a small scenario is
 * written through its widgets and actions, saved, and validated
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Widget tests (gtk_test_init): needs a display; `make test` runs them under
 * xvfb-run.
 */
#include "config.h"

#include "dd-test-gui.h"

#include <string.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "dd-error.h"
#include "dd-plan.h"
#include "dd-scenario.h"
#include "dd-scenario-document.h"
#include "dd-scenario-editor.h"
#include "dd-test-util.h"
#include "dd-xml.h"

#include "dd-test-xmllint.h"

static DdPlan *plan;

static void
type (DdScenarioEditor *editor,
      const char       *field,
      const char       *text)
{
  GtkWidget *w = dd_scenario_editor_get_field_widget (editor, field);
  g_autofree char *value = NULL;

  g_assert_nonnull (w);
  g_assert_true (GTK_IS_EDITABLE (w));
  gtk_editable_set_text (GTK_EDITABLE (w), text);
  value = dd_scenario_document_get (dd_scenario_editor_get_document (editor), field);
  g_assert_cmpstr (value, ==, text);
}

/* Picks the drop-down item whose value is @id. */
static void
choose (DdScenarioEditor *editor,
        const char       *field,
        const char       *id)
{
  GtkWidget *w = dd_scenario_editor_get_field_widget (editor, field);
  guint n;

  g_assert_nonnull (w);
  g_assert_true (GTK_IS_DROP_DOWN (w));
  n = g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (w)));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *value = NULL;

      gtk_drop_down_set_selected (GTK_DROP_DOWN (w), i);
      /* the widget may have been rebuilt (the truth rows follow the category) */
      w = dd_scenario_editor_get_field_widget (editor, field);
      value = dd_scenario_document_get (dd_scenario_editor_get_document (editor), field);
      if (g_strcmp0 (value, id) == 0)
        return;
    }
  g_error ("%s: no choice %s", field, id);
}

static void
collect_checks (GtkWidget *widget,
                GPtrArray *out)
{
  if (GTK_IS_CHECK_BUTTON (widget))
    g_ptr_array_add (out, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_checks (c, out);
}

/* Checks the roles @ids (space-separated) of a recipients row, by the
 * names it shows; every name shown is a name, not an id */
static void
pick_roles (DdScenarioEditor *editor,
            const char       *field,
            const char       *ids)
{
  GtkWidget *w = dd_scenario_editor_get_field_widget (editor, field);
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();
  g_auto(GStrv) wanted = g_strsplit (ids, " ", -1);
  g_autofree char *value = NULL;

  g_assert_nonnull (w);
  g_assert_true (GTK_IS_MENU_BUTTON (w));
  collect_checks (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (w))), checks);
  g_assert_cmpuint (checks->len, ==, dd_plan_get_roles (plan)->len);
  for (guint i = 0; i < checks->len; i++)
    {
      const DdRole *role = g_ptr_array_index (dd_plan_get_roles (plan), i);
      GtkCheckButton *check = g_ptr_array_index (checks, i);
      const char *label = gtk_check_button_get_label (check);

      /* Named as the plan names them; the six deputies told apart */
      g_assert_cmpstr (label, !=, role->id);
      if (g_str_has_prefix (role->id, "deputy-"))
        g_assert_cmpstr (label, ==, role->short_name);
      gtk_check_button_set_active (check, g_strv_contains ((const char *const *) wanted, role->id));
      w = dd_scenario_editor_get_field_widget (editor, field);
    }
  value = dd_scenario_document_get (dd_scenario_editor_get_document (editor), field);
  g_assert_cmpstr (value, ==, ids);
}

static const char *
row_message (DdScenarioEditor *editor,
             const char       *field)
{
  GtkWidget *w = dd_scenario_editor_get_field_widget (editor, field);
  GtkWidget *row = w ? gtk_widget_get_ancestor (w, ADW_TYPE_ACTION_ROW) : NULL;

  g_assert_nonnull (row);
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

static void
assert_xmllint_valid (const char *path)
{
  dd_test_assert_xmllint_valid (path, "scenario.rng");
}

static void
test_create_small_scenario (void)
{
  DdScenarioEditor *editor = dd_scenario_editor_new (plan);
  DdScenarioDocument *doc = dd_scenario_editor_get_document (editor);
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("dd-editor-XXXXXX", &error);
  g_autofree char *path = g_build_filename (tmp, "scenario.xml", NULL);
  g_autoptr(DdScenario) saved = NULL;
  g_autofree char *autosave = NULL;

  gtk_window_present (GTK_WINDOW (editor));
  g_assert_true (dd_scenario_document_is_modified (doc));

  /* an empty title is pointed out next to the field */
  g_assert_cmpstr (row_message (editor, "title"), !=, "");
  type (editor, "title", "小型演练：门户网站被篡改");
  g_assert_cmpstr (row_message (editor, "title"), ==, "");
  type (editor, "id", "portal-defaced");
  type (editor, "form-label", "桌面推演");
  type (editor, "duration", "2:00");
  /* a time that is no time is refused and said so */
  gtk_editable_set_text (GTK_EDITABLE (dd_scenario_editor_get_field_widget (editor, "duration")), "2:99");
  g_assert_cmpstr (row_message (editor, "duration"), !=, "");
  type (editor, "duration", "3:00");

  type (editor, "objectives/0/text", "事发单位立即报告");
  type (editor, "objectives/0/clauses", "4.1");

  choose (editor, "incident/category", "network-attack");
  choose (editor, "incident/severity", "general");
  choose (editor, "incident/unit", "bigdata");
  type (editor, "incident/began", "-0:10");
  type (editor, "incident/system", "市政府门户网站");

  /* the blank scenario's first inject is selected */
  g_assert_cmpint (dd_scenario_editor_get_selected_inject (editor), ==, 0);
  type (editor, "injects/0/source", "网民举报");
  pick_roles (editor, "injects/0/to", "bigdata");
  type (editor, "injects/0/content", "首页出现不明图片。");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.inject-add-part", "s", "expects");
  choose (editor, "injects/0/expects/0/role", "bigdata");
  choose (editor, "injects/0/expects/0/action", "report");
  choose (editor, "injects/0/expects/0/clause", "4.1");

  /* a second inject, added, then undone and redone */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.inject-add", NULL);
  g_assert_cmpuint (dd_scenario_document_count (doc, "injects"), ==, 2);
  g_assert_cmpint (dd_scenario_editor_get_selected_inject (editor), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.undo", NULL);
  g_assert_cmpuint (dd_scenario_document_count (doc, "injects"), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.redo", NULL);
  g_assert_cmpuint (dd_scenario_document_count (doc, "injects"), ==, 2);
  dd_scenario_editor_select_inject (editor, 1);
  type (editor, "injects/1/at", "0:30");
  choose (editor, "injects/1/from", "office");
  pick_roles (editor, "injects/1/to", "office bigdata");
  type (editor, "injects/1/content", "办公室询问处置进展。");
  /* after the planned end: a warning beside the time */
  type (editor, "injects/1/at", "4:00");
  g_assert_cmpstr (row_message (editor, "injects/1/at"), !=, "");
  type (editor, "injects/1/at", "0:30");
  g_assert_cmpstr (row_message (editor, "injects/1/at"), ==, "");
  /* duplicated and moved up, then deleted */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.inject-duplicate", NULL);
  g_assert_cmpuint (dd_scenario_document_count (doc, "injects"), ==, 3);
  g_assert_cmpint (dd_scenario_editor_get_selected_inject (editor), ==, 2);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.inject-move", "i", -1);
  g_assert_cmpint (dd_scenario_editor_get_selected_inject (editor), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.inject-delete", NULL);
  g_assert_cmpuint (dd_scenario_document_count (doc, "injects"), ==, 2);

  g_assert_cmpuint (dd_scenario_document_count_checks (doc, DD_CHECK_ERROR), ==, 0);

  /* dry run */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.dry-run", NULL);
  g_assert_nonnull (dd_scenario_editor_get_dry_run_result (editor));
  g_test_message ("%s", dd_scenario_editor_get_dry_run_result (editor));

  /* save and validate */
  g_assert_true (dd_scenario_editor_save_to (editor, path, &error));
  g_assert_no_error (error);
  g_assert_false (dd_scenario_document_is_modified (doc));
  assert_xmllint_valid (path);
  saved = dd_scenario_load_file (path, plan, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_scenario_get_title (saved), ==, "小型演练：门户网站被篡改");
  g_assert_cmpuint (dd_scenario_get_injects (saved)->len, ==, 2);
  g_assert_cmpuint (((DdInject *) dd_scenario_get_injects (saved)->pdata[0])->expects->len, ==, 1);

  /* Ctrl+Z after saving makes the document modified again */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.undo", NULL);
  g_assert_true (dd_scenario_document_is_modified (doc));
  autosave = dd_scenario_document_get_autosave_path (doc);
  dd_scenario_document_discard_autosave (doc);
  g_assert_false (g_file_test (autosave, G_FILE_TEST_EXISTS));

  gtk_window_destroy (GTK_WINDOW (editor));
  g_unlink (path);
  g_rmdir (tmp);
}

/* With DD_SCREENSHOT_DIR set, the window is saved as a PNG there (to look at). */
static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  const char *dir = g_getenv ("DD_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int w, h;

  if (dir == NULL)
    return;
  gtk_window_present (GTK_WINDOW (widget));
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE), g_usleep (20000);
  w = gtk_widget_get_width (widget);
  h = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node, NULL);
  path = g_build_filename (dir, name, NULL);
  gdk_texture_save_to_png (texture, path);
}

static void
test_open_bundled (void)
{
  DdScenarioEditor *editor = dd_scenario_editor_new (plan);
  g_autoptr(GError) error = NULL;
  g_autofree char *src = g_build_filename (g_getenv ("DD_SOURCE_ROOT") ? g_getenv ("DD_SOURCE_ROOT") : "..",
                                           "scenarios", "ransomware-gov-cloud", "scenario.xml", NULL);
  DdScenarioDocument *doc;

  g_assert_true (dd_scenario_editor_new_from_template (editor, src, &error));
  g_assert_no_error (error);
  doc = dd_scenario_editor_get_document (editor);
  g_assert_cmpuint (dd_scenario_document_count (doc, "injects"), >, 3);
  /* every participant and objective has its rows */
  g_assert_nonnull (dd_scenario_editor_get_field_widget (editor, "participants/0/role"));
  g_assert_nonnull (dd_scenario_editor_get_field_widget (editor, "objectives/0/clauses"));
  g_assert_nonnull (dd_scenario_editor_get_field_widget (editor, "injects/0/expects/0/within"));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.dry-run", NULL);
  g_assert_nonnull (dd_scenario_editor_get_dry_run_result (editor));
  gtk_window_set_default_size (GTK_WINDOW (editor), 1100, 800);
  screenshot (GTK_WIDGET (editor), "editor-scenario.png");
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_ancestor (
    gtk_widget_get_parent (dd_scenario_editor_get_field_widget (editor, "injects/0/id")), ADW_TYPE_VIEW_STACK)), "msel");
  screenshot (GTK_WIDGET (editor), "editor-msel.png");
  dd_scenario_document_discard_autosave (doc);
  gtk_window_destroy (GTK_WINDOW (editor));
}

/* The Save button reaches its action (editor.save; it was installed under
 * another name and did nothing) */
static void
test_save_actions (void)
{
  DdScenarioEditor *editor = dd_scenario_editor_new (plan);
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = dd_test_make_tmp_dir ("editor-save-XXXXXX");
  g_autofree char *src = g_build_filename (g_getenv ("DD_SOURCE_ROOT") ? g_getenv ("DD_SOURCE_ROOT") : "..",
                                           "scenarios", "ddos-gov-portal", "scenario.xml", NULL);
  g_autofree char *data = NULL;
  g_autofree char *copy = NULL;
  DdScenarioEditor *shown;

  g_assert_true (g_file_get_contents (src, &data, NULL, NULL));
  copy = dd_test_write_file (tmp, "scenario.xml", data, -1);
  shown = dd_scenario_editor_present_file (editor, copy, &error);
  g_assert_no_error (error);
  g_assert_true (shown == editor);
  g_assert_true (dd_scenario_document_set (dd_scenario_editor_get_document (editor), "title", "T", &error));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  dd_scenario_document_discard_autosave (dd_scenario_editor_get_document (editor));
  gtk_window_destroy (GTK_WINDOW (editor));
  dd_test_rm_rf (tmp);
}

/* Import MSEL… replaces the injects in one step Undo takes back; a bad
 * spreadsheet changes nothing */
static void
test_import_msel (void)
{
  DdScenarioEditor *editor = dd_scenario_editor_new (plan);
  g_autoptr(GError) error = NULL;
  g_autofree char *src = g_build_filename (g_getenv ("DD_SOURCE_ROOT") ? g_getenv ("DD_SOURCE_ROOT") : "..",
                                           "scenarios", "ransomware-gov-cloud", "scenario.xml", NULL);
  g_autofree char *good = g_build_filename (g_getenv ("DD_SOURCE_ROOT") ? g_getenv ("DD_SOURCE_ROOT") : "..",
                                            "tests", "data", "msel", "wps.xlsx", NULL);
  g_autofree char *bad = g_build_filename (g_getenv ("DD_SOURCE_ROOT") ? g_getenv ("DD_SOURCE_ROOT") : "..",
                                           "tests", "data", "msel", "unknown-role.xlsx", NULL);
  DdScenarioDocument *doc;
  guint before;

  g_assert_true (dd_scenario_editor_new_from_template (editor, src, &error));
  doc = dd_scenario_editor_get_document (editor);
  before = dd_scenario_document_count (doc, "injects");
  g_assert_false (dd_scenario_editor_import_msel (editor, bad, &error));
  g_assert_error (error, DD_ERROR, DD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, ":Sheet1:R12C4: "));
  g_assert_cmpuint (dd_scenario_document_count (doc, "injects"), ==, before);
  g_clear_error (&error);

  g_assert_true (dd_scenario_editor_import_msel (editor, good, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dd_scenario_document_count (doc, "injects"), ==, 3);
  g_assert_nonnull (dd_scenario_editor_get_field_widget (editor, "injects/0/id"));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.undo", NULL);
  g_assert_cmpuint (dd_scenario_document_count (doc, "injects"), ==, before);
  dd_scenario_document_discard_autosave (doc);
  gtk_window_destroy (GTK_WINDOW (editor));
}

/* Closing an editor, with and without changes, raises no critical (the
 * suite's G_DEBUG makes them fatal) */
static void
test_close (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *src = g_build_filename (g_getenv ("DD_SOURCE_ROOT") ? g_getenv ("DD_SOURCE_ROOT") : "..",
                                           "scenarios", "ransomware-gov-cloud", "scenario.xml", NULL);
  g_autofree char *tmp = g_dir_make_tmp ("dd-editor-close-XXXXXX", &error);
  g_autofree char *copy = g_build_filename (tmp, "scenario.xml", NULL);
  g_autofree char *text = NULL;
  DdScenarioEditor *editor;
  GtkWidget *dialog = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();
  gsize len = 0;

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (src, &text, &len, NULL));
  g_assert_true (g_file_set_contents (copy, text, len, NULL));

  /* Unchanged: it closes at once */
  editor = dd_scenario_editor_new (plan);
  g_object_ref (editor);
  g_assert_true (dd_scenario_editor_open (editor, copy, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (editor));
  gtk_window_close (GTK_WINDOW (editor));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_object_unref (editor);

  /* Opening a file that an editor has open brings that editor forward;
   * the new, empty one goes */
  {
    DdScenarioEditor *a = dd_scenario_editor_new (plan);
    DdScenarioEditor *b = dd_scenario_editor_new (plan);

    g_object_ref (b);
    g_assert_true (dd_scenario_editor_open (a, copy, &error));
    gtk_window_present (GTK_WINDOW (a));
    gtk_window_present (GTK_WINDOW (b));
    g_assert_true (dd_scenario_editor_present_file (b, copy, &error) == a);
    g_assert_no_error (error);
    while (g_main_context_iteration (NULL, FALSE))
      ;
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (b)));
    g_object_unref (b);
    /* and an editor that holds the file shows it itself */
    g_assert_true (dd_scenario_editor_present_file (a, copy, &error) == a);
    gtk_window_destroy (GTK_WINDOW (a));
  }

  /* Changed: it asks, and discarding closes it */
  editor = dd_scenario_editor_new (plan);
  g_object_ref (editor);
  g_assert_true (dd_scenario_editor_open (editor, copy, &error));
  type (editor, "title", "Changed");
  gtk_window_present (GTK_WINDOW (editor));
  gtk_window_close (GTK_WINDOW (editor));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && dialog == NULL; i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w))
        dialog = GTK_WIDGET (w);
    }
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "discard");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_object_unref (editor);

  g_unlink (copy);
  g_rmdir (tmp);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  dd_test_skip_without_display ();

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  dd_xml_init ();
  plan = dd_plan_load_default (&error);
  g_assert_no_error (error);

  g_test_add_func ("/dd/scenario-editor/create-small-scenario", test_create_small_scenario);
  g_test_add_func ("/dd/scenario-editor/open-bundled", test_open_bundled);
  g_test_add_func ("/dd/scenario-editor/save-actions", test_save_actions);
  g_test_add_func ("/dd/scenario-editor/import-msel", test_import_msel);
  g_test_add_func ("/dd/scenario-editor/close", test_close);

  ret = g_test_run ();
  g_object_unref (plan);
  return ret;
}
