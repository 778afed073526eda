/* dd-notes-panel.c — the console's evaluator notes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An evaluator writes an observation, says whether it is a strength or an
 * area for improvement and, if it is about one, which of the scenario's
 * objectives; the drill journals it (dd_drill_add_note ()) and only then
 * is it listed, newest first, from the replay's notes.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dd-console-util.h"
#include "dd-error.h"
#include "dd-notes-panel.h"

struct _DdNotesPanel
{
  AdwBin        parent_instance;

  DdDrill      *drill;
  GPtrArray    *objective_ids;  /* char *, parallel to the objective dropdown (0: none) */

  /* template children */
  GtkEntry     *note_entry;
  GtkDropDown  *note_kind_dropdown;
  GtkDropDown  *note_objective_dropdown;
  GtkListBox   *notes_list;
};

G_DEFINE_FINAL_TYPE (DdNotesPanel, dd_notes_panel, ADW_TYPE_BIN)

static void
add_note_row (DdNotesPanel *self,
              const DdNote *note)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *time = dd_console_format_offset (note->at);
  gboolean strength = note->kind == DD_NOTE_STRENGTH;
  const char *kind = strength ? _("Strength") : _("Area for improvement");
  g_autofree char *subtitle = g_strdup_printf ("%s · %s%s%s", kind, time,
                                               note->objective ? " · " : "",
                                               note->objective ? note->objective : "");
  GtkWidget *icon = gtk_image_new_from_icon_name (strength ? "emblem-ok-symbolic" : "view-list-bullet-symbolic");

  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, kind, -1);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), note->text);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_list_box_prepend (self->notes_list, row);
}

static void
load_objectives (DdNotesPanel *self)
{
  GPtrArray *objectives = dd_scenario_get_objectives (dd_drill_get_scenario (self->drill));
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  g_ptr_array_set_size (self->objective_ids, 0);
  gtk_string_list_append (labels, _("No objective"));
  g_ptr_array_add (self->objective_ids, NULL);
  for (guint i = 0; i < objectives->len; i++)
    {
      const DdObjective *o = g_ptr_array_index (objectives, i);
      g_autofree char *head = g_utf8_substring (o->text, 0, MIN (g_utf8_strlen (o->text, -1), 14));
      g_autofree char *label = g_strdup_printf ("%u. %s…", i + 1, head);

      gtk_string_list_append (labels, label);
      g_ptr_array_add (self->objective_ids, g_strdup (o->id));
    }
  gtk_drop_down_set_model (self->note_objective_dropdown, G_LIST_MODEL (labels));
}

static void
note_activate_cb (DdNotesPanel *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "console.add-note", NULL);
}

static void
dd_notes_panel_dispose (GObject *object)
{
  DdNotesPanel *self = DD_NOTES_PANEL (object);

  g_clear_object (&self->drill);

  G_OBJECT_CLASS (dd_notes_panel_parent_class)->dispose (object);
}

static void
dd_notes_panel_finalize (GObject *object)
{
  DdNotesPanel *self = DD_NOTES_PANEL (object);

  g_ptr_array_unref (self->objective_ids);

  G_OBJECT_CLASS (dd_notes_panel_parent_class)->finalize (object);
}

static void
dd_notes_panel_class_init (DdNotesPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_notes_panel_dispose;
  object_class->finalize = dd_notes_panel_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/dd-notes-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, DdNotesPanel, note_entry);
  gtk_widget_class_bind_template_child (widget_class, DdNotesPanel, note_kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DdNotesPanel, note_objective_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DdNotesPanel, notes_list);
  gtk_widget_class_bind_template_callback (widget_class, note_activate_cb);
}

static void
dd_notes_panel_init (DdNotesPanel *self)
{
  self->objective_ids = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
dd_notes_panel_set_drill (DdNotesPanel *self,
                          DdDrill      *drill)
{
  GPtrArray *notes;

  g_return_if_fail (DD_IS_NOTES_PANEL (self));
  g_return_if_fail (drill == NULL || DD_IS_DRILL (drill));

  if (drill == self->drill)
    return;
  g_clear_object (&self->drill);
  dd_console_remove_rows (self->notes_list);
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), "");
  gtk_drop_down_set_selected (self->note_kind_dropdown, 0);
  if (drill == NULL)
    return;

  self->drill = g_object_ref (drill);
  load_objectives (self);
  notes = dd_replay_get_notes (dd_drill_get_replay (drill));
  for (guint i = 0; i < notes->len; i++)
    add_note_row (self, g_ptr_array_index (notes, i));
}

gboolean
dd_notes_panel_add (DdNotesPanel *self,
                    const char   *text,
                    gboolean      strength,
                    const char   *objective_id,
                    GError      **error)
{
  g_autoptr(DdNote) note = NULL;
  GPtrArray *notes;

  g_return_val_if_fail (DD_IS_NOTES_PANEL (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (self->drill == NULL || dd_drill_get_journal (self->drill) == NULL || dd_drill_is_finished (self->drill))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_STATE, _("No drill is running."));
      return FALSE;
    }
  note = dd_note_new (strength ? DD_NOTE_STRENGTH : DD_NOTE_IMPROVEMENT, text);
  note->objective = g_strdup (objective_id);

  /* On disk first, then on screen */
  if (!dd_drill_add_note (self->drill, note, error))
    return FALSE;
  notes = dd_replay_get_notes (dd_drill_get_replay (self->drill));
  add_note_row (self, g_ptr_array_index (notes, notes->len - 1));
  return TRUE;
}

gboolean
dd_notes_panel_add_entered (DdNotesPanel *self,
                            GError      **error)
{
  g_autofree char *text = NULL;
  guint objective;

  g_return_val_if_fail (DD_IS_NOTES_PANEL (self), FALSE);

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_entry))));
  objective = gtk_drop_down_get_selected (self->note_objective_dropdown);
  if (*text == '\0')
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->note_entry));
      return TRUE;
    }
  if (!dd_notes_panel_add (self, text, gtk_drop_down_get_selected (self->note_kind_dropdown) == 0,
                           objective > 0 && objective < self->objective_ids->len
                           ? g_ptr_array_index (self->objective_ids, objective) : NULL,
                           error))
    return FALSE;
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), "");
  return TRUE;
}

void
dd_notes_panel_focus_entry (DdNotesPanel *self)
{
  g_return_if_fail (DD_IS_NOTES_PANEL (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->note_entry));
}

guint
dd_notes_panel_get_n_rows (DdNotesPanel *self)
{
  g_return_val_if_fail (DD_IS_NOTES_PANEL (self), 0);
  return dd_console_count_rows (self->notes_list);
}
