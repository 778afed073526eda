/* dd-window-actions.c — the main window's actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The win.* actions, installed in class_init with their accelerators
 * (listed in the shortcuts window, ui/gtk/help-overlay.ui, which
 * win.show-help-overlay shows): open a scenario, resume a drill, show a
 * place or the start page, the scenario editor, "Why?" at a clause,
 * search the duty phones, and the Charts place's zoom, export and print,
 * enabled only while that place is visible (_dd_window_actions_update ()).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dd-drill-session.h"
#include "dd-package.h"
#include "dd-scenario-editor.h"
#include "dd-why-button.h"
#include "dd-window-private.h"

static const char * const chart_actions[] = {
  "win.chart-zoom-in", "win.chart-zoom-out", "win.chart-zoom-fit", "win.chart-export", "win.chart-print",
};

void
_dd_window_actions_update (DdWindow *self)
{
  gboolean enabled = self->plan != NULL &&
    g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "charts") == 0;

  for (guint i = 0; i < G_N_ELEMENTS (chart_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), chart_actions[i], enabled);
}

static void
chooser_response_cb (DdWindow             *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GError) error = NULL;

      if (file != NULL && !dd_window_open_scenario (self, file, &error))
        dd_window_add_toast (self, error->message);
    }
  g_clear_object (&self->chooser);
}

/* ------------------------------------------------------------------ */
/* Actions                                                             */

static void
open_scenario_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  DdWindow *self = DD_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
      return;
    }

  self->chooser = gtk_file_chooser_native_new (_("Open Scenario"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Scenarios"));
  gtk_file_filter_add_mime_type (filter, "application/xml");
  gtk_file_filter_add_mime_type (filter, "text/xml");
  gtk_file_filter_add_suffix (filter, "xml");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  if (dd_start_page_get_scenarios_dir () != NULL)
    {
      g_autoptr(GFile) folder = g_file_new_for_path (dd_start_page_get_scenarios_dir ());
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
    }

  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
resume_drill_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  DdWindow *self = DD_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdDrillInfo) info = dd_drill_store_lookup (self->store, g_variant_get_string (param, NULL), &error);
  g_autoptr(DdDrill) drill = NULL;
  DdJournalRecovery recovery = { 0 };

  if (info != NULL)
    drill = dd_drill_session_resume (info, &recovery, &error);
  if (drill == NULL)
    {
      dd_window_add_toast (self, error->message);
      dd_journal_recovery_clear (&recovery);
      return;
    }
  if (recovery.message != NULL)
    dd_window_add_toast (self, recovery.message);
  dd_journal_recovery_clear (&recovery);
  _dd_window_show_drill (self, drill);
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  dd_window_show_view (DD_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
show_start_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  DdWindow *self = DD_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->drill_stack, "start");
  dd_window_show_view (self, "drill");
}

/* The scenario editor, in its own window: "new" (blank) or "open" (a file). */
static void
scenario_editor_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  DdWindow *self = DD_WINDOW (widget);
  DdScenarioEditor *editor;

  if (self->plan == NULL)
    return;
  editor = dd_scenario_editor_new (self->plan);
  gtk_window_set_application (GTK_WINDOW (editor), gtk_window_get_application (GTK_WINDOW (self)));
  gtk_window_present (GTK_WINDOW (editor));
  if (g_str_equal (g_variant_get_string (param, NULL), "open"))
    gtk_widget_activate_action (GTK_WIDGET (editor), "editor.open", NULL);
}

/* The printed exercise package of a scenario (its path the parameter),
 * into a folder the user picks. */
static void
package_folder_cb (GtkNativeDialog *chooser,
                   int              response,
                   DdWindow        *self)
{
  const char *scenario_path = g_object_get_data (G_OBJECT (chooser), "scenario-path");
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdScenario) scenario = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autofree char *dir = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (folder != NULL && self->plan != NULL)
    {
      dir = g_file_get_path (folder);
      scenario = dd_scenario_load_file (scenario_path, self->plan, &error);
      if (scenario != NULL)
        files = dd_package_write (self->plan, scenario, dir, &error);
      if (files != NULL)
        {
          /* Translators: %u is a number of PDF files, %s a folder */
          g_autofree char *text = g_strdup_printf (_("Exercise package written: %u documents in %s"),
                                                   files->len, dir);

          dd_window_add_toast (self, text);
        }
      else
        dd_window_add_toast (self, error->message);
    }
  g_object_unref (chooser);
}

static void
scenario_package_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  DdWindow *self = DD_WINDOW (widget);
  GtkFileChooserNative *chooser;

  if (self->plan == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Print the Exercise Package into a Folder"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Write"), _("_Cancel"));
  g_object_set_data_full (G_OBJECT (chooser), "scenario-path", g_variant_dup_string (param, NULL), g_free);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (package_folder_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* "Why?": the Plan place at a clause (or the nearest enclosing one) */
static void
show_clause_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  DdWindow *self = DD_WINDOW (widget);
  g_auto(GStrv) candidates = dd_why_clause_candidates (g_variant_get_string (param, NULL));

  dd_window_show_view (self, "plan");
  for (guint i = 0; candidates[i] != NULL; i++)
    if (dd_plan_browser_show_clause (_dd_window_ensure_plan_browser (self), candidates[i]))
      return;
  dd_plan_browser_show_section (_dd_window_ensure_plan_browser (self), "provisions");
}

static void
chart_zoom_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  DdWindow *self = DD_WINDOW (widget);
  g_autofree char *name = g_strconcat ("chart.", action_name + strlen ("win.chart-"), NULL);

  gtk_widget_activate_action (GTK_WIDGET (_dd_window_visible_chart (self)), name, NULL);
}

static const struct {
  DdRenderFormat  format;
  const char     *suffix;
  const char     *mime_type;
} chart_formats[] = {
  { DD_RENDER_FORMAT_PDF, "pdf", "application/pdf" },
  { DD_RENDER_FORMAT_SVG, "svg", "image/svg+xml" },
  { DD_RENDER_FORMAT_PNG, "png", "image/png" },
};

static void
chart_chooser_response_cb (DdWindow             *self,
                           int                   response,
                           GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  DdRenderFormat format = DD_RENDER_FORMAT_PDF;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);
  if (path != NULL && !dd_render_format_from_path (path, &format))
    {
      /* No known extension: the chosen filter's format, and its extension */
      GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser));
      guint i = filter != NULL ? GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (filter), "dd-format")) : 0;
      char *with_suffix;

      i = i > 0 ? i - 1 : 0;
      format = chart_formats[i].format;
      with_suffix = g_strconcat (path, ".", chart_formats[i].suffix, NULL);
      g_free (path);
      path = with_suffix;
    }
  if (path != NULL)
    {
      if (dd_window_export_chart (self, format, path, &error))
        {
          g_autofree char *name = g_path_get_basename (path);
          /* Translators: %s is a file name */
          g_autofree char *text = g_strdup_printf (_("Chart saved as %s"), name);

          dd_window_add_toast (self, text);
        }
      else
        dd_window_add_toast (self, error->message);
    }
  g_clear_object (&self->chart_chooser);
}

static void
chart_export_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  DdWindow *self = DD_WINDOW (widget);
  const DdChartLayout *layout;
  g_autofree char *name = NULL;
  const char *filter_names[G_N_ELEMENTS (chart_formats)] = {
    _("PDF documents"), _("SVG images"), _("PNG images"),
  };

  if (self->plan == NULL)
    return;
  if (self->chart_chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chart_chooser));
      return;
    }
  layout = dd_chart_view_get_layout (_dd_window_visible_chart (self));
  self->chart_chooser = gtk_file_chooser_native_new (_("Export the Chart"), GTK_WINDOW (self),
                                                     GTK_FILE_CHOOSER_ACTION_SAVE,
                                                     _("_Export"), _("_Cancel"));
  for (guint i = 0; i < G_N_ELEMENTS (chart_formats); i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, filter_names[i]);
      gtk_file_filter_add_mime_type (filter, chart_formats[i].mime_type);
      gtk_file_filter_add_suffix (filter, chart_formats[i].suffix);
      g_object_set_data (G_OBJECT (filter), "dd-format", GUINT_TO_POINTER (i + 1));
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chart_chooser), filter);
    }
  name = g_strdup_printf ("%s.pdf", layout != NULL && layout->title != NULL
                          ? layout->title : dd_chart_kind_to_string (dd_chart_view_get_kind (_dd_window_visible_chart (self))));
  g_strdelimit (name, "/\\:", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chart_chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chart_chooser), TRUE);
  g_signal_connect_object (self->chart_chooser, "response",
                           G_CALLBACK (chart_chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chart_chooser));
}


static void
chart_print_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  DdWindow *self = DD_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (dd_window_print_chart (self, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL, &error)
      == GTK_PRINT_OPERATION_RESULT_ERROR)
    dd_window_add_toast (self, error->message);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  DdWindow *self = DD_WINDOW (widget);

  dd_window_show_view (self, "plan");
  gtk_widget_activate_action (GTK_WIDGET (_dd_window_ensure_plan_browser (self)), "plan.search-phones", NULL);
}
/* The shortcuts window, built when asked for and destroyed when closed.
 * Not GtkApplication's help overlay (gtk/help-overlay.ui): that one is
 * built with the window and kept hidden, and GTK 4.8's AT-SPI root answers
 * GetChildAtIndex past the visible windows with the last toplevel, visible
 * or not; for a hidden one with no accessible path that is
 * g_variant_new_object_path (NULL), a GLib-CRITICAL, whenever an assistive
 * technology counts the windows while one closes (docs/accessibility.md). */
static void
show_shortcuts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/ui/dd-shortcuts-window.ui");
  GtkWindow *shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));

  gtk_window_set_transient_for (shortcuts, GTK_WINDOW (widget));
  gtk_window_set_hide_on_close (shortcuts, FALSE);
  gtk_window_present (shortcuts);
}

/* ------------------------------------------------------------------ */
/* Class                                                               */

void
_dd_window_class_actions_init (DdWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const struct { guint key; const char *view; } views[] = {
    { GDK_KEY_1, "drill" },
    { GDK_KEY_2, "charts" },
    { GDK_KEY_3, "plan" },
    { GDK_KEY_4, "records" },
  };

  gtk_widget_class_install_action (widget_class, DD_WHY_ACTION, "s", show_clause_action);
  gtk_widget_class_install_action (widget_class, "win.resume-drill", "s", resume_drill_action);

  gtk_widget_class_install_action (widget_class, "win.open-scenario", NULL, open_scenario_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.open-scenario", NULL);

  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    gtk_widget_class_add_binding_action (widget_class, views[i].key, GDK_ALT_MASK,
                                         "win.show-view", "s", views[i].view);

  gtk_widget_class_install_action (widget_class, "win.show-start", NULL, show_start_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, GDK_ALT_MASK,
                                       "win.show-start", NULL);

  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_shortcuts_action);
  gtk_widget_class_install_action (widget_class, "win.scenario-editor", "s", scenario_editor_action);
  gtk_widget_class_install_action (widget_class, "win.scenario-package", "s", scenario_package_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);

  /* Enabled only while the Charts place is shown (_dd_window_actions_update ()) */
  gtk_widget_class_install_action (widget_class, "win.chart-zoom-in", NULL, chart_zoom_action);
  gtk_widget_class_install_action (widget_class, "win.chart-zoom-out", NULL, chart_zoom_action);
  gtk_widget_class_install_action (widget_class, "win.chart-zoom-fit", NULL, chart_zoom_action);
  gtk_widget_class_install_action (widget_class, "win.chart-export", NULL, chart_export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.chart-export", NULL);
  gtk_widget_class_install_action (widget_class, "win.chart-print", NULL, chart_print_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "win.chart-print", NULL);
}
