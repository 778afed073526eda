/* dd-scenario-editor-actions.c — the scenario editor's files and actions:
 * new, open, save, undo, redo, dry run, list items, closing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "dd-dry-run.h"
#include "dd-scenario-editor-private.h"
#include "dd-start-page.h"

/* ------------------------------------------------------------------ */
/* Files                                                               */

gboolean
dd_scenario_editor_save (DdScenarioEditor *self,
                         const char       *path)
{
  g_autoptr(GError) error = NULL;

  if (!(path ? dd_scenario_editor_save_to (self, path, &error) : dd_scenario_document_save (self->edit, &error)))
    {
      dd_scenario_editor_toast (self, error->message);
      return FALSE;
    }
  dd_scenario_editor_toast (self, _("Saved"));
  return TRUE;
}

void
dd_scenario_editor_save_chooser_response_cb (DdScenarioEditor     *self,
                                             int                   response,
                                             GtkFileChooserNative *chooser)
{
  gboolean close = self->close_after_save;

  self->close_after_save = FALSE;
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL && dd_scenario_editor_save (self, path) && close)
        gtk_window_destroy (GTK_WINDOW (self));
    }
  g_clear_object (&self->chooser);
}

static void
open_chooser_response_cb (DdScenarioEditor     *self,
                          int                   response,
                          GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;

      if (path != NULL && dd_scenario_editor_present_file (self, path, &error) == NULL)
        dd_scenario_editor_toast (self, error->message);
    }
  g_clear_object (&self->chooser);
}

void
dd_scenario_editor_choose_file (DdScenarioEditor     *self,
                                GtkFileChooserAction  action,
                                GCallback             callback)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (action == GTK_FILE_CHOOSER_ACTION_SAVE ? _("Save Scenario")
                                                                                       : _("Open Scenario"),
                                               GTK_WINDOW (self), action,
                                               action == GTK_FILE_CHOOSER_ACTION_SAVE ? _("_Save") : _("_Open"),
                                               _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Scenarios"));
  gtk_file_filter_add_suffix (filter, "xml");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  if (action == GTK_FILE_CHOOSER_ACTION_SAVE)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), "scenario.xml");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", callback, self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* A new window when this one holds unsaved changes, else this one. */
static DdScenarioEditor *
target_window (DdScenarioEditor *self)
{
  DdScenarioEditor *other;

  if (self->edit == NULL || !dd_scenario_document_is_modified (self->edit))
    return self;
  other = dd_scenario_editor_new (self->plan);
  gtk_window_set_application (GTK_WINDOW (other), gtk_window_get_application (GTK_WINDOW (self)));
  gtk_window_present (GTK_WINDOW (other));
  return other;
}

void
dd_scenario_editor_fill_template_menu (DdScenarioEditor *self)
{
  const char *dir = dd_start_page_get_scenarios_dir ();
  g_autoptr(GDir) d = dir ? g_dir_open (dir, 0, NULL) : NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, "scenario.xml", NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), "scenario.xml", NULL);
      g_autoptr(GMenuItem) item = g_menu_item_new (g_ptr_array_index (names, i), NULL);

      g_menu_item_set_action_and_target (item, "editor.new-from-template", "s", path);
      g_menu_append_item (self->template_section, item);
    }
}

/* ------------------------------------------------------------------ */
/* Actions                                                             */

void
dd_scenario_editor_new_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  DdScenarioEditor *self = target_window (DD_SCENARIO_EDITOR (widget));
  g_autoptr(DdScenarioDocument) edit = dd_scenario_document_new (self->plan);

  dd_scenario_editor_set_document (self, edit);
}

void
dd_scenario_editor_new_from_template_action (GtkWidget  *widget,
                                             const char *action_name,
                                             GVariant   *param)
{
  DdScenarioEditor *self = target_window (DD_SCENARIO_EDITOR (widget));
  g_autoptr(GError) error = NULL;

  if (!dd_scenario_editor_new_from_template (self, g_variant_get_string (param, NULL), &error))
    dd_scenario_editor_toast (self, error->message);
}

void
dd_scenario_editor_open_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  DdScenarioEditor *self = target_window (DD_SCENARIO_EDITOR (widget));

  dd_scenario_editor_choose_file (self, GTK_FILE_CHOOSER_ACTION_OPEN, G_CALLBACK (open_chooser_response_cb));
}

void
dd_scenario_editor_save_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  DdScenarioEditor *self = DD_SCENARIO_EDITOR (widget);

  if (dd_scenario_document_get_path (self->edit) == NULL)
    dd_scenario_editor_choose_file (self, GTK_FILE_CHOOSER_ACTION_SAVE, G_CALLBACK (dd_scenario_editor_save_chooser_response_cb));
  else
    dd_scenario_editor_save (self, NULL);
}

void
dd_scenario_editor_save_as_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  dd_scenario_editor_choose_file (DD_SCENARIO_EDITOR (widget), GTK_FILE_CHOOSER_ACTION_SAVE, G_CALLBACK (dd_scenario_editor_save_chooser_response_cb));
}

void
dd_scenario_editor_undo_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  DdScenarioEditor *self = DD_SCENARIO_EDITOR (widget);

  if (!dd_scenario_document_undo (self->edit))
    gtk_widget_error_bell (widget);
}

void
dd_scenario_editor_redo_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  DdScenarioEditor *self = DD_SCENARIO_EDITOR (widget);

  if (!dd_scenario_document_redo (self->edit))
    gtk_widget_error_bell (widget);
}

void
dd_scenario_editor_dry_run_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  DdScenarioEditor *self = DD_SCENARIO_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdScenario) scenario = dd_scenario_document_build (self->edit, &error);
  g_autoptr(DdDryRun) run = NULL;
  const DdRating *rating;

  if (scenario != NULL)
    run = dd_dry_run (self->plan, scenario, NULL, &error);
  if (run == NULL)
    {
      g_free (self->dry_run_result);
      self->dry_run_result = g_strdup_printf (_("Dry run not possible: %s"), error->message);
    }
  else
    {
      rating = dd_scoring_rate (dd_plan_get_scoring (self->plan), dd_score_get_overall (run->score));
      g_free (self->dry_run_result);
      self->dry_run_result =
        g_strdup_printf (_("Dry run (%s): %.1f of %.0f%s%s — %u findings, %u major or critical; %u injects delivered"),
                         run->script ? _("the ideal actions script") : _("actions made from the expectations"),
                         dd_score_get_overall (run->score), dd_score_get_max (run->score),
                         rating ? ", " : "", rating ? rating->name : "",
                         dd_score_get_findings (run->score)->len,
                         dd_score_count_at_least (run->score, DD_FINDING_SEVERITY_MAJOR), run->n_injects);
    }
  gtk_label_set_text (self->dry_run_label, self->dry_run_result);
  gtk_revealer_set_reveal_child (self->dry_run_revealer, TRUE);
}

void
dd_scenario_editor_add_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  DdScenarioEditor *self = DD_SCENARIO_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (dd_scenario_document_add (self->edit, g_variant_get_string (param, NULL), &error) < 0)
    dd_scenario_editor_toast (self, error->message);
}

void
dd_scenario_editor_remove_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  DdScenarioEditor *self = DD_SCENARIO_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (!dd_scenario_document_remove (self->edit, g_variant_get_string (param, NULL), &error))
    dd_scenario_editor_toast (self, error->message);
}

void
dd_scenario_editor_inject_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  DdScenarioEditor *self = DD_SCENARIO_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *item = g_strdup_printf ("injects/%d", self->selected);
  int keep = self->selected;
  gboolean ok = TRUE;

  if (g_str_equal (action_name, "editor.inject-add"))
    ok = (keep = dd_scenario_document_add (self->edit, "injects", &error)) >= 0;
  else if (self->selected < 0)
    return;
  else if (g_str_equal (action_name, "editor.inject-duplicate"))
    ok = (keep = dd_scenario_document_duplicate (self->edit, item, &error)) >= 0;
  else if (g_str_equal (action_name, "editor.inject-delete"))
    ok = dd_scenario_document_remove (self->edit, item, &error);
  else if (g_str_equal (action_name, "editor.inject-move"))
    {
      int to = self->selected + g_variant_get_int32 (param);

      if (to < 0 || to >= (int) dd_scenario_document_count (self->edit, "injects"))
        return;
      ok = dd_scenario_document_move (self->edit, item, (guint) to, &error);
      keep = to;
    }
  else if (g_str_equal (action_name, "editor.inject-add-part"))
    {
      g_autofree char *list = g_strdup_printf ("%s/%s", item, g_variant_get_string (param, NULL));

      ok = dd_scenario_document_add (self->edit, list, &error) >= 0;
    }
  if (!ok)
    {
      dd_scenario_editor_toast (self, error->message);
      return;
    }
  dd_scenario_editor_refresh_msel (self, keep);
}
