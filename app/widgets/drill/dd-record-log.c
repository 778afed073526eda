/* dd-record-log.c — the console's log of recorded actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every action record of the journal, newest first, as the replay has it
 * (dd_replay_get_recorded ()): what, who, when, what was said.  An entry
 * that was corrected shows the values in effect, a "Corrected" tag and
 * the reason; a withdrawn entry is struck through with its reason.  Each
 * entry that stands has a button to correct or withdraw it
 * (dd-correction-dialog.h): nothing is rewritten, the correction is a
 * record of its own.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dd-console-util.h"
#include "dd-correction-dialog.h"
#include "dd-record-log.h"

struct _DdRecordLog
{
  AdwBin       parent_instance;

  DdDrill     *drill;

  /* template children */
  GtkListBox  *log_list;
};

G_DEFINE_FINAL_TYPE (DdRecordLog, dd_record_log, ADW_TYPE_BIN)

static void
correct_clicked_cb (GtkButton   *button,
                    DdRecordLog *self)
{
  guint64 *seq = g_object_get_data (G_OBJECT (button), "seq");

  dd_record_log_correct (self, *seq);
}

static GtkWidget *
tag_new (const char *text,
         const char *style,
         const char *tooltip)
{
  GtkWidget *tag = gtk_label_new (text);

  gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (tag, "status-chip");
  gtk_widget_add_css_class (tag, style);
  gtk_widget_set_tooltip_text (tag, tooltip);
  return tag;
}

static GtkWidget *
create_row (DdRecordLog            *self,
            const DdRecordedAction *r)
{
  DdPlan *plan = dd_drill_get_plan (self->drill);
  DdReplay *replay = dd_drill_get_replay (self->drill);
  const DdAction *shown = r->in_effect != NULL ? r->in_effect : r->action;
  const DdActionKind *kind = dd_plan_lookup_action_kind (plan, shown->kind);
  const char *player = dd_replay_get_player (replay, shown->role);
  const char *what = kind != NULL ? kind->name : shown->kind;
  g_autofree char *when = dd_console_format_offset (shown->at);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  GtkWidget *row = adw_action_row_new ();

  g_string_append_printf (subtitle, "%s · ", when);
  if (player != NULL)
    /* Translators: a role and the name of who played it */
    g_string_append_printf (subtitle, _("%s (%s)"), dd_console_role_name (plan, shown->role), player);
  else
    g_string_append (subtitle, dd_console_role_name (plan, shown->role));
  if (shown->level != NULL)
    {
      const DdResponseLevel *rl = dd_plan_lookup_response_level (plan, shown->level);
      const DdWarningLevel *w = dd_plan_lookup_warning_level (plan, shown->level);

      g_string_append_printf (subtitle, " · %s", kind != NULL && kind->form == DD_ACTION_FORM_WARNING && w != NULL
                                                 ? w->name : rl != NULL ? rl->name : shown->level);
    }
  if (shown->text != NULL)
    g_string_append_printf (subtitle, " · %s", shown->text);

  if (r->correction != NULL)
    {
      const DdCorrection *c = r->correction;
      g_autofree char *was = dd_console_format_offset (r->action->at);
      g_autofree char *line = NULL;

      if (c->withdraw)
        /* Translators: why an entry was withdrawn */
        line = g_strdup_printf (_("Withdrawn: %s"), c->reason);
      else
        /* Translators: why an entry was corrected, and who and when it said before */
        line = g_strdup_printf (_("Corrected: %s (recorded as %s, %s)"), c->reason,
                                dd_console_role_name (plan, r->action->role), was);
      g_string_append_c (subtitle, '\n');
      g_string_append (subtitle, line);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 tag_new (c->withdraw ? _("Withdrawn") : _("Corrected"),
                                          c->withdraw ? "warning" : "accent", line));
      gtk_widget_add_css_class (row, c->withdraw ? "withdrawn" : "corrected");
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), what);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), r->correction != NULL ? 3 : 1);
  gtk_widget_set_tooltip_text (row, subtitle->str);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, what,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle->str,
                                  -1);

  if (r->in_effect != NULL && !dd_drill_is_finished (self->drill))
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("document-edit-symbolic");
      /* Translators: the button that corrects an entry of the log, and the entry */
      g_autofree char *name = g_strdup_printf (_("Correct or withdraw “%s”, %s"), what, when);
      guint64 *seq = g_new (guint64, 1);

      *seq = r->seq;
      g_object_set_data_full (G_OBJECT (button), "seq", seq, g_free);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Correct or withdraw the entry…"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_signal_connect (button, "clicked", G_CALLBACK (correct_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  return row;
}

static void
refresh (DdRecordLog *self)
{
  GPtrArray *recorded;

  dd_console_remove_rows (self->log_list);
  if (self->drill == NULL)
    return;
  recorded = dd_replay_get_recorded (dd_drill_get_replay (self->drill));
  for (guint i = 0; i < recorded->len; i++)
    gtk_list_box_prepend (self->log_list, create_row (self, g_ptr_array_index (recorded, i)));
}

static void
disconnect_drill (DdRecordLog *self)
{
  if (self->drill == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->drill, self);
  g_clear_object (&self->drill);
}

static void
dd_record_log_dispose (GObject *object)
{
  DdRecordLog *self = DD_RECORD_LOG (object);

  disconnect_drill (self);

  G_OBJECT_CLASS (dd_record_log_parent_class)->dispose (object);
}

static void
dd_record_log_class_init (DdRecordLogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_record_log_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/dd-record-log.ui");
  gtk_widget_class_bind_template_child (widget_class, DdRecordLog, log_list);
}

static void
dd_record_log_init (DdRecordLog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
dd_record_log_set_drill (DdRecordLog *self,
                         DdDrill     *drill)
{
  g_return_if_fail (DD_IS_RECORD_LOG (self));
  g_return_if_fail (drill == NULL || DD_IS_DRILL (drill));

  if (drill == self->drill)
    return;
  disconnect_drill (self);
  if (drill != NULL)
    {
      self->drill = g_object_ref (drill);
      g_signal_connect_object (drill, "action-recorded", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (drill, "action-corrected", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (drill, "notify::finished", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
    }
  refresh (self);
}

guint
dd_record_log_get_n_rows (DdRecordLog *self)
{
  g_return_val_if_fail (DD_IS_RECORD_LOG (self), 0);
  return dd_console_count_rows (self->log_list);
}

GtkWidget *
dd_record_log_get_row (DdRecordLog *self,
                       guint        i)
{
  g_return_val_if_fail (DD_IS_RECORD_LOG (self), NULL);
  return GTK_WIDGET (gtk_list_box_get_row_at_index (self->log_list, (int) i));
}

GtkWidget *
dd_record_log_correct (DdRecordLog *self,
                       guint64      seq)
{
  GtkRoot *root;
  GtkWidget *dialog;

  g_return_val_if_fail (DD_IS_RECORD_LOG (self), NULL);
  g_return_val_if_fail (self->drill != NULL, NULL);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = dd_correction_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->drill, seq);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}
