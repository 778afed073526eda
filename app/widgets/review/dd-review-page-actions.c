/* dd-review-page-actions.c — the review page's actions: export the PDF
 * and the CSV, print, open the review, the evaluator's rating
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "dd-cap.h"
#include "dd-drill-session.h"
#include "dd-drill-store.h"
#include "dd-error.h"
#include "dd-review-page-private.h"

/* ------------------------------------------------------------------ */
/* Actions                                                             */

static void
pdf_ready_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  DdReviewPage *self = DD_REVIEW_PAGE (source);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;

  if (!dd_review_page_write_pdf_finish (self, result, &error))
    {
      dd_review_page_toast (self, error->message);
      return;
    }
  {
    g_autofree char *uri = g_file_get_uri (file);
    g_autofree char *name = g_file_get_basename (file);
    /* Translators: %s is a file name */
    g_autofree char *text = g_strdup_printf (g_str_has_suffix (name, ".csv") ? _("Timeline saved as %s")
                                                                              : _("Review saved as %s"), name);
    GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

    if (overlay != NULL)
      {
        AdwToast *t = adw_toast_new (text);

        adw_toast_set_button_label (t, _("Open"));
        adw_toast_set_action_name (t, "review.open-uri");
        adw_toast_set_action_target_value (t, g_variant_new_string (uri));
        adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), t);
      }
  }
}

/* The review's formats, in the chooser's order: the filter chosen names
 * the format, and the file's ending follows it */
static const struct {
  const char *name;
  const char *suffix;
} formats[] = {
  { N_("PDF documents"), "pdf" },
  { N_("Word documents (editable)"), "docx" },
  { N_("Excel workbooks (findings and scores)"), "xlsx" },
};

/* @file with the ending of the chosen filter (replacing another of the
 * review's endings, or added) */
static GFile *
with_suffix (GFile         *file,
             GtkFileFilter *filter)
{
  const char *suffix = filter != NULL ? g_object_get_data (G_OBJECT (filter), "suffix") : NULL;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *dot = NULL;
  char *ext;

  if (suffix == NULL || path == NULL)
    return g_object_ref (file);
  dot = g_strconcat (".", suffix, NULL);
  if (g_str_has_suffix (path, dot))
    return g_object_ref (file);
  ext = strrchr (path, '.');
  for (guint i = 0; ext != NULL && i < G_N_ELEMENTS (formats); i++)
    if (strchr (ext, G_DIR_SEPARATOR) == NULL && g_ascii_strcasecmp (ext + 1, formats[i].suffix) == 0)
      *ext = '\0';
  {
    g_autofree char *named = g_strconcat (path, dot, NULL);
    return g_file_new_for_path (named);
  }
}

static void
chooser_response_cb (DdReviewPage         *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      GFile *file = chosen != NULL && !self->chooser_csv
                    ? with_suffix (chosen, gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser)))
                    : g_steal_pointer (&chosen);

      if (file != NULL && self->chooser_csv)
        dd_review_page_write_csv_async (self, file, NULL, pdf_ready_cb, file);
      else if (file != NULL)
        dd_review_page_write_pdf_async (self, file, NULL, pdf_ready_cb, file);
    }
  g_clear_object (&self->chooser);
}

void
dd_review_page_export_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  DdReviewPage *self = DD_REVIEW_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;

  if (self->journal_path == NULL || self->chooser != NULL)
    return;
  self->chooser_csv = g_str_equal (action_name, "review.export-csv");
  self->chooser = gtk_file_chooser_native_new (self->chooser_csv ? _("Export the Timeline as CSV")
                                                                 : _("Export the After-Action Review"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  for (guint i = 0; i < (self->chooser_csv ? 1 : G_N_ELEMENTS (formats)); i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
      const char *suffix = self->chooser_csv ? "csv" : formats[i].suffix;

      gtk_file_filter_set_name (filter, self->chooser_csv ? _("CSV files") : _(formats[i].name));
      gtk_file_filter_add_suffix (filter, suffix);
      g_object_set_data (G_OBJECT (filter), "suffix", (gpointer) suffix);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
    }
  dir = dd_review_page_reports_dir (self);
  if (dir != NULL && g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (dir);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
    }
  name = dd_review_page_get_file_name (self, self->chooser_csv);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

void
dd_review_page_print_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  DdReviewPage *self = DD_REVIEW_PAGE (widget);
  g_autoptr(GTask) task = NULL;

  if (self->journal_path == NULL || self->busy)
    return;
  dd_review_page_set_busy (self, _("Laying out the review…"));
  task = g_task_new (self, NULL, dd_review_page_print_ready_cb, NULL);
  g_task_set_task_data (task, dd_review_page_job_new (self, NULL, NULL), (GDestroyNotify) dd_review_page_job_free);
  g_task_run_in_thread (task, dd_review_page_report_thread);
}

/* The review written into the drill's folder under its usual name, then
 * opened in the desktop's viewer */
static void
open_pdf_ready_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  DdReviewPage *self = DD_REVIEW_PAGE (source);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_file_get_uri (file);

  if (!dd_review_page_write_pdf_finish (self, result, &error) ||
      !g_app_info_launch_default_for_uri (uri, NULL, &error))
    dd_review_page_toast (self, error->message);
}

void
dd_review_page_open_pdf_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  DdReviewPage *self = DD_REVIEW_PAGE (widget);
  g_autofree char *dir = dd_review_page_reports_dir (self);
  g_autofree char *name = dd_review_page_get_file_name (self, FALSE);
  g_autofree char *path = NULL;

  if (dir == NULL || self->busy)
    return;
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_autofree char *message = g_strdup_printf ("%s: %s", dir, g_strerror (errno));

      dd_review_page_toast (self, message);
      return;
    }
  path = g_build_filename (dir, name, NULL);
  {
    g_autoptr(GFile) file = g_file_new_for_path (path);

    dd_review_page_write_pdf_async (self, file, NULL, open_pdf_ready_cb, g_object_ref (file));
  }
}

/* The evaluator's rating: a letter with the plan's names and a reason */
static void
rate_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  DdReviewPage     *self)
{
  GtkDropDown *letters = g_object_get_data (G_OBJECT (dialog), "letters");
  GtkEditable *reason = g_object_get_data (G_OBJECT (dialog), "reason");
  const char *objective = g_object_get_data (G_OBJECT (dialog), "objective");
  static const char letter_of[] = "PSMU";
  g_autoptr(GError) error = NULL;
  guint i = gtk_drop_down_get_selected (letters);

  if (!g_str_equal (response, "rate") || i >= 4)
    return;
  if (!dd_review_page_rate_objective (self, objective, letter_of[i], gtk_editable_get_text (reason), &error))
    dd_review_page_toast (self, error->message);
}

void
dd_review_page_rate_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  DdReviewPage *self = DD_REVIEW_PAGE (widget);
  GPtrArray *ratings;
  GtkStringList *names;
  GtkWidget *box, *letters, *reason, *dialog;

  if (self->plan == NULL || (self->drill == NULL && self->record == NULL))
    return;
  ratings = dd_plan_get_scoring (self->plan)->ratings;
  names = gtk_string_list_new (NULL);
  /* The plan's ratings, best first: HSEEP's P, S, M and U */
  for (guint i = 0; i < ratings->len && i < 4; i++)
    {
      const DdRating *r = g_ptr_array_index (ratings, i);
      g_autofree char *item = g_strdup_printf ("%c — %s", "PSMU"[i], r->name);

      gtk_string_list_append (names, item);
    }
  letters = gtk_drop_down_new (G_LIST_MODEL (names), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (letters), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Rating"), -1);
  reason = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (reason), _("Why (required)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (reason), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_box_append (GTK_BOX (box), letters);
  gtk_box_append (GTK_BOX (box), reason);

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Evaluator's Rating"),
                                   _("The computed rating stays beside yours as the suggestion. "
                                     "Your rating and its reason are kept in the drill's journal."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "rate", _("_Rate"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rate", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "letters", letters);
  g_object_set_data (G_OBJECT (dialog), "reason", reason);
  g_object_set_data_full (G_OBJECT (dialog), "objective", g_strdup (g_variant_get_string (param, NULL)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (rate_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
dd_review_page_open_uri_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri (g_variant_get_string (param, NULL), NULL, &error))
    dd_review_page_toast (DD_REVIEW_PAGE (widget), error->message);
}

/* ------------------------------------------------------------------ */
/* The drill's warnings as CAP 1.2 alerts (the replay's), into a folder */

static void
cap_folder_cb (DdReviewPage         *self,
               int                   response,
               GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) folder = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (folder != NULL && self->replay != NULL)
    {
      g_autofree char *dir = g_file_get_path (folder);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) files = dd_cap_export (self->replay, dir, &error);

      if (files == NULL)
        dd_review_page_toast (self, error->message);
      else
        {
          /* Translators: %u is a number of files, %s a folder */
          g_autofree char *text = files->len == 0
                                  ? g_strdup (_("The drill published no warning: no alert written."))
                                  : g_strdup_printf (_("%u CAP alerts written to %s"), files->len, dir);

          dd_review_page_toast (self, text);
        }
    }
  g_clear_object (&self->chooser);
}

void
dd_review_page_export_cap_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  DdReviewPage *self = DD_REVIEW_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->replay == NULL || self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Export the Warnings as CAP Alerts into a Folder"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (cap_folder_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}
