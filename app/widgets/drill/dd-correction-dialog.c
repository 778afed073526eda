/* dd-correction-dialog.c — correct or withdraw a recorded action
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A wrong role, a wrong time, a mistaken click: the director corrects the
 * entry or withdraws it, and says why.  Nothing in the journal is
 * rewritten — the drill journals a correction record that points at the
 * action record (dd_drill_correct_action ()), and the replay applies it.
 * "Withdraw" says the entry never happened; "Record Correction" keeps it
 * with the role and time chosen.  Either is enabled only once a reason is
 * given.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dd-console-util.h"
#include "dd-correction-dialog.h"
#include "dd-drill-session.h"
#include "dd-error.h"

struct _DdCorrectionDialog
{
  AdwMessageDialog  parent_instance;

  DdDrill          *drill;
  guint64           seq;
  char             *role;          /* the role in effect */
  int               minutes;       /* the time in effect, in minutes */
  gboolean          withdraw;
  GPtrArray        *role_ids;      /* char *, parallel to the dropdown */

  /* template children */
  GtkDropDown      *role_dropdown;
  GtkSpinButton    *minutes_spin;
  GtkEntry         *reason_entry;
};

G_DEFINE_FINAL_TYPE (DdCorrectionDialog, dd_correction_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
reason_changed_cb (DdCorrectionDialog *self)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reason_entry))));

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "correct", *reason != '\0');
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "withdraw", *reason != '\0');
}

static void
dd_correction_dialog_response (AdwMessageDialog *dialog,
                               const char       *response)
{
  DdCorrectionDialog *self = DD_CORRECTION_DIALOG (dialog);
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));

  if (ADW_MESSAGE_DIALOG_CLASS (dd_correction_dialog_parent_class)->response != NULL)
    ADW_MESSAGE_DIALOG_CLASS (dd_correction_dialog_parent_class)->response (dialog, response);
  if (g_strcmp0 (response, "withdraw") == 0)
    self->withdraw = TRUE;
  else if (g_strcmp0 (response, "correct") != 0)
    return;
  if (!dd_correction_dialog_apply (self, &error) && parent != NULL)
    {
      GtkWidget *focus = gtk_window_get_focus (parent);

      dd_console_toast (focus != NULL ? focus : GTK_WIDGET (parent), error->message);
    }
}

static void
dd_correction_dialog_dispose (GObject *object)
{
  DdCorrectionDialog *self = DD_CORRECTION_DIALOG (object);

  g_clear_object (&self->drill);

  G_OBJECT_CLASS (dd_correction_dialog_parent_class)->dispose (object);
}

static void
dd_correction_dialog_finalize (GObject *object)
{
  DdCorrectionDialog *self = DD_CORRECTION_DIALOG (object);

  g_free (self->role);
  g_ptr_array_unref (self->role_ids);

  G_OBJECT_CLASS (dd_correction_dialog_parent_class)->finalize (object);
}

static void
dd_correction_dialog_class_init (DdCorrectionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = dd_correction_dialog_dispose;
  object_class->finalize = dd_correction_dialog_finalize;
  dialog_class->response = dd_correction_dialog_response;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/dd-correction-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DdCorrectionDialog, role_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DdCorrectionDialog, minutes_spin);
  gtk_widget_class_bind_template_child (widget_class, DdCorrectionDialog, reason_entry);
  gtk_widget_class_bind_template_callback (widget_class, reason_changed_cb);
}

static void
dd_correction_dialog_init (DdCorrectionDialog *self)
{
  self->role_ids = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

static const DdRecordedAction *
lookup_recorded (DdDrill *drill,
                 guint64  seq)
{
  GPtrArray *recorded = dd_replay_get_recorded (dd_drill_get_replay (drill));

  for (guint i = 0; i < recorded->len; i++)
    {
      const DdRecordedAction *r = g_ptr_array_index (recorded, i);

      if (r->seq == seq)
        return r;
    }
  return NULL;
}

GtkWidget *
dd_correction_dialog_new (GtkWindow *parent,
                          DdDrill   *drill,
                          guint64    seq)
{
  DdCorrectionDialog *self;
  const DdRecordedAction *r;
  const DdAction *now;
  DdPlan *plan;
  GPtrArray *roles;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *when = NULL;
  g_autofree char *body = NULL;
  const DdActionKind *kind;

  g_return_val_if_fail (DD_IS_DRILL (drill), NULL);
  r = lookup_recorded (drill, seq);
  g_return_val_if_fail (r != NULL, NULL);

  self = g_object_new (DD_TYPE_CORRECTION_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
  self->drill = g_object_ref (drill);
  self->seq = seq;
  plan = dd_drill_get_plan (drill);
  now = r->in_effect != NULL ? r->in_effect : r->action;
  self->role = g_strdup (now->role);
  self->minutes = (int) (now->at / 60);

  roles = dd_plan_get_roles (plan);
  for (guint i = 0; i < roles->len; i++)
    {
      const DdRole *role = g_ptr_array_index (roles, i);

      gtk_string_list_append (names, role->name);
      g_ptr_array_add (self->role_ids, g_strdup (role->id));
    }
  gtk_drop_down_set_model (self->role_dropdown, G_LIST_MODEL (names));
  dd_correction_dialog_set_role (self, now->role);
  gtk_spin_button_set_range (self->minutes_spin, 0, MAX (dd_drill_get_time (drill) / 60, self->minutes));
  gtk_spin_button_set_value (self->minutes_spin, self->minutes);

  kind = dd_plan_lookup_action_kind (plan, now->kind);
  when = dd_console_format_offset (now->at);
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _("Correct the Entry"));
  /* Translators: an action, who took it and when, as recorded */
  body = g_strdup_printf (_("“%s” by %s at %s. The journal keeps the entry as it was recorded and adds the correction with its reason."),
                          kind != NULL ? kind->name : now->kind, dd_console_role_name (plan, now->role), when);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  return GTK_WIDGET (self);
}

void
dd_correction_dialog_set_role (DdCorrectionDialog *self,
                               const char         *role_id)
{
  g_return_if_fail (DD_IS_CORRECTION_DIALOG (self));

  for (guint i = 0; i < self->role_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->role_ids, i), role_id) == 0)
      gtk_drop_down_set_selected (self->role_dropdown, i);
}

void
dd_correction_dialog_set_minutes (DdCorrectionDialog *self,
                                  int                 minutes)
{
  g_return_if_fail (DD_IS_CORRECTION_DIALOG (self));
  gtk_spin_button_set_value (self->minutes_spin, minutes);
}

void
dd_correction_dialog_set_withdraw (DdCorrectionDialog *self,
                                   gboolean            withdraw)
{
  g_return_if_fail (DD_IS_CORRECTION_DIALOG (self));
  self->withdraw = withdraw;
}

void
dd_correction_dialog_set_reason (DdCorrectionDialog *self,
                                 const char         *reason)
{
  g_return_if_fail (DD_IS_CORRECTION_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->reason_entry), reason != NULL ? reason : "");
}

gboolean
dd_correction_dialog_apply (DdCorrectionDialog *self,
                            GError            **error)
{
  g_autofree char *reason = NULL;
  g_autoptr(DdCorrection) correction = NULL;
  JsonObject *options;
  guint role;
  int minutes;

  g_return_val_if_fail (DD_IS_CORRECTION_DIALOG (self), FALSE);

  reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reason_entry))));
  if (*reason == '\0')
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID, _("Say why the entry is corrected."));
      return FALSE;
    }
  correction = dd_correction_new (self->seq, reason);
  correction->withdraw = self->withdraw;
  if (!correction->withdraw)
    {
      role = gtk_drop_down_get_selected (self->role_dropdown);
      minutes = gtk_spin_button_get_value_as_int (self->minutes_spin);
      if (role < self->role_ids->len && g_strcmp0 (g_ptr_array_index (self->role_ids, role), self->role) != 0)
        correction->role = g_strdup (g_ptr_array_index (self->role_ids, role));
      if (minutes != self->minutes)
        {
          correction->has_at = TRUE;
          correction->at = (gint64) minutes * 60;
        }
      if (correction->role == NULL && !correction->has_at)
        {
          g_set_error (error, DD_ERROR, DD_ERROR_INVALID,
                       _("Change who acted or when, or withdraw the entry."));
          return FALSE;
        }
    }
  options = dd_replay_get_options (dd_drill_get_replay (self->drill));
  if (options != NULL)
    correction->by = g_strdup (json_object_get_string_member_with_default (options, "director", NULL));
  return dd_drill_correct_action (self->drill, correction, error);
}
