/* dd-scenario-editor-msel.c — the scenario editor's MSEL spreadsheet:
 * Export MSEL… and Import MSEL… (docs/formats.md, "MSEL spreadsheet")
 *
 * Export writes the open scenario's injects (as they load: the scenario
 * must load first) as .xlsx or .csv.  Import reads a spreadsheet against
 * the open scenario (its clock, its folder for attachments), and only when
 * every row is good and the scenario with those injects loads replaces
 * the injects, in one step Undo takes back.  Errors: one in a toast, the
 * editor's usual way; several, every one of them with its row and column,
 * in a dialog.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "dd-msel.h"
#include "dd-scenario-editor-private.h"

static void
show_error (DdScenarioEditor *self,
            const GError     *error)
{
  GtkWidget *dialog;

  if (strchr (error->message, '\n') == NULL)
    {
      dd_scenario_editor_toast (self, error->message);
      return;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The Spreadsheet Was Not Imported"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
chosen_path (GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  return file ? g_file_get_path (file) : NULL;
}

static void
export_response_cb (DdScenarioEditor     *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autofree char *path = response == GTK_RESPONSE_ACCEPT ? chosen_path (chooser) : NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdScenario) scenario = NULL;
  g_autoptr(DdScenarioDraft) draft = NULL;

  g_clear_object (&self->chooser);
  if (path == NULL)
    return;
  scenario = dd_scenario_document_build (self->edit, &error);
  if (scenario != NULL)
    draft = dd_scenario_draft_from_scenario (scenario);
  if (draft == NULL || !dd_msel_export_file (self->plan, draft, path, &error))
    {
      show_error (self, error);
      return;
    }
  dd_scenario_editor_toast (self, _("MSEL exported"));
}

static void
import_response_cb (DdScenarioEditor     *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autofree char *path = response == GTK_RESPONSE_ACCEPT ? chosen_path (chooser) : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;
  guint n;

  g_clear_object (&self->chooser);
  if (path == NULL)
    return;
  if (!dd_scenario_editor_import_msel (self, path, &error))
    {
      show_error (self, error);
      return;
    }
  n = dd_scenario_document_count (self->edit, "injects");
  done = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u inject imported", "%u injects imported", n), n);
  dd_scenario_editor_toast (self, done);
}

static void
choose (DdScenarioEditor     *self,
        GtkFileChooserAction  action,
        GCallback             callback)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  gboolean save = action == GTK_FILE_CHOOSER_ACTION_SAVE;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (save ? _("Export MSEL") : _("Import MSEL"), GTK_WINDOW (self), action,
                                               save ? _("_Export") : _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Spreadsheets (.xlsx, .csv)"));
  gtk_file_filter_add_suffix (filter, "xlsx");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  if (save)
    {
      const DdScenarioDraft *d = dd_scenario_document_get_draft (self->edit);
      g_autofree char *name = g_strdup_printf ("%s-msel.xlsx", d->id && *d->id ? d->id : "scenario");

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", callback, self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

void
dd_scenario_editor_export_msel_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *param)
{
  DdScenarioEditor *self = DD_SCENARIO_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdScenario) scenario = dd_scenario_document_build (self->edit, &error);

  /* say now, not after a file was chosen, when the scenario does not load */
  if (scenario == NULL)
    {
      show_error (self, error);
      return;
    }
  choose (self, GTK_FILE_CHOOSER_ACTION_SAVE, G_CALLBACK (export_response_cb));
}

void
dd_scenario_editor_import_msel_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *param)
{
  choose (DD_SCENARIO_EDITOR (widget), GTK_FILE_CHOOSER_ACTION_OPEN, G_CALLBACK (import_response_cb));
}

gboolean
dd_scenario_editor_import_msel (DdScenarioEditor  *self,
                                const char        *path,
                                GError           **error)
{
  const char *doc_path = dd_scenario_document_get_path (self->edit);
  g_autofree char *dir = doc_path ? g_path_get_dirname (doc_path) : NULL;
  const DdScenarioDraft *base = dd_scenario_document_get_draft (self->edit);
  g_autoptr(GPtrArray) injects = dd_msel_read_injects (self->plan, base, path, dir, error);
  g_autoptr(DdScenarioDraft) checked = NULL;

  if (injects != NULL)
    checked = dd_msel_apply (self->plan, base, injects, dir, doc_path ? doc_path : "scenario.xml", error);
  if (checked == NULL)
    return FALSE;
  dd_scenario_document_set_injects (self->edit, injects);
  return TRUE;
}
