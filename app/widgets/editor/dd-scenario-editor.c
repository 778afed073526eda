/* dd-scenario-editor.c — the scenario editor window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two pages: "Scenario" (the drill, roles taking part, objectives and the
 * incident's truth) and "Events List" (the MSEL as a sortable table and,
 * below it, the selected inject with its expected actions, conditions and
 * attachments).  Every field is a row whose subtitle shows the live check
 * messages of that field.  The rows are made from the document: lists of
 * roles, objectives and expectations grow and shrink with it, and every
 * choice (roles, categories, severities, actions, clauses) comes from the
 * plan.  All changes go through the DdScenarioDocument, which keeps undo,
 * redo and the autosave.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "dd-dry-run.h"
#include "dd-scenario-editor-private.h"
#include "dd-start-page.h"

G_DEFINE_FINAL_TYPE (DdScenarioEditor, dd_scenario_editor, ADW_TYPE_WINDOW)

static void rebuild (DdScenarioEditor *self);

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

static void
field_row_free (gpointer data)
{
  FieldRow *f = data;

  g_free (f->field);
  g_strfreev (f->ids);
  g_clear_pointer (&f->checks, g_ptr_array_unref);
  g_free (f);
}

void
dd_scenario_editor_toast (DdScenarioEditor *self,
                          const char       *text)
{
  AdwToast *t = adw_toast_new (text);

  adw_toast_set_timeout (t, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

char *
dd_scenario_editor_get (DdScenarioEditor *self,
                        const char       *field)
{
  char *v = dd_scenario_document_get (self->edit, field);

  return v ? v : g_strdup ("");
}

void
dd_scenario_editor_add_row (DdScenarioEditor    *self,
                            AdwPreferencesGroup *group,
                            GtkWidget           *row)
{
  GPtrArray *rows = g_hash_table_lookup (self->group_rows, group);

  if (rows == NULL)
    {
      rows = g_ptr_array_new ();
      g_hash_table_insert (self->group_rows, group, rows);
    }
  adw_preferences_group_add (group, row);
  g_ptr_array_add (rows, row);
}

void
dd_scenario_editor_clear_group (DdScenarioEditor    *self,
                                AdwPreferencesGroup *group)
{
  GPtrArray *rows = g_hash_table_lookup (self->group_rows, group);
  GHashTableIter iter;
  FieldRow *f;

  if (rows == NULL)
    return;
  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &f))
    for (guint i = 0; i < rows->len; i++)
      if (GTK_WIDGET (f->row) == g_ptr_array_index (rows, i))
        {
          g_hash_table_iter_remove (&iter);
          break;
        }
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

/* ------------------------------------------------------------------ */
/* The events list                                                     */

static const DdInject *
item_inject (DdScenarioEditor *self,
             gpointer          item)
{
  const DdScenarioDraft *d = dd_scenario_document_get_draft (self->edit);
  guint64 i = g_ascii_strtoull (gtk_string_object_get_string (item), NULL, 10);

  return i < d->injects->len ? g_ptr_array_index (d->injects, i) : NULL;
}

static char *
cell_text (DdScenarioEditor *self,
           const DdInject   *inject,
           guint             col)
{
  switch (col)
    {
    case COL_INDEX:
      return g_strdup_printf ("%u", inject->index + 1);
    case COL_TIME:
      return dd_offset_format (inject->at);
    case COL_FROM:
      {
        const DdRole *role = dd_plan_lookup_role (self->plan, inject->from);
        return g_strdup (role ? role->name : inject->source ? inject->source : "");
      }
    case COL_TO:
      {
        g_autoptr(GPtrArray) names = g_ptr_array_new ();

        for (guint i = 0; inject->to != NULL && inject->to[i] != NULL; i++)
          {
            const DdRole *role = dd_plan_lookup_role (self->plan, inject->to[i]);
            g_ptr_array_add (names, role ? role->name : inject->to[i]);
          }
        g_ptr_array_add (names, NULL);
        return g_strjoinv ("、", (char **) names->pdata);
      }
    case COL_CHANNEL:
      return g_strdup (dd_scenario_editor_channel_label (inject->channel));
    case COL_CONTENT:
      return g_strdup (inject->title ? inject->title : inject->content ? inject->content : "");
    case COL_CHECKS:
      {
        g_autofree char *prefix = g_strdup_printf ("injects/%u", inject->index);
        g_autoptr(GPtrArray) checks = dd_scenario_document_checks_for (self->edit, prefix, TRUE);

        return checks->len ? g_strdup_printf ("⚠ %u", checks->len) : g_strdup ("");
      }
    default:
      return g_strdup ("");
    }
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              DdScenarioEditor         *self)
{
  guint col = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "dd-column"));
  const DdInject *inject = item_inject (self, gtk_list_item_get_item (item));
  g_autofree char *text = inject ? cell_text (self, inject, col) : g_strdup ("");

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static int
compare_cb (gconstpointer a,
            gconstpointer b,
            gpointer      data)
{
  DdScenarioEditor *self = data;
  const DdInject *x = item_inject (self, (gpointer) a);
  const DdInject *y = item_inject (self, (gpointer) b);

  if (x == NULL || y == NULL)
    return 0;
  if (x->at != y->at)
    return x->at < y->at ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

static int
compare_index_cb (gconstpointer a,
                  gconstpointer b,
                  gpointer      data)
{
  const DdInject *x = item_inject (data, (gpointer) a);
  const DdInject *y = item_inject (data, (gpointer) b);

  if (x == NULL || y == NULL)
    return 0;
  return x->index < y->index ? -1 : x->index > y->index;
}

static void
selection_changed_cb (DdScenarioEditor *self)
{
  gpointer item = gtk_single_selection_get_selected_item (self->msel_selection);
  const DdInject *inject = item ? item_inject (self, item) : NULL;
  int index = inject ? (int) inject->index : -1;

  if (index == self->selected)
    return;
  self->selected = index;
  dd_scenario_editor_build_inject (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.inject-duplicate", index >= 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.inject-delete", index >= 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.inject-move", index >= 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.inject-add-part", index >= 0);
}

/* Refills the table, keeping document index @keep selected. */
void
dd_scenario_editor_refresh_msel (DdScenarioEditor *self,
                                 int               keep)
{
  guint n = dd_scenario_document_count (self->edit, "injects");
  GListModel *model = G_LIST_MODEL (self->msel_selection);
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (strings, g_strdup_printf ("%u", i));
  g_ptr_array_add (strings, NULL);

  self->selected = -2;   /* rebuild the inject's rows whatever is selected */
  gtk_string_list_splice (self->msel_items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->msel_items)),
                          (const char *const *) strings->pdata);
  if (keep >= (int) n)
    keep = (int) n - 1;
  for (guint pos = 0; keep >= 0 && pos < g_list_model_get_n_items (model); pos++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, pos);

      if (item_inject (self, item)->index == (guint) keep)
        {
          gtk_single_selection_set_selected (self->msel_selection, pos);
          break;
        }
    }
  selection_changed_cb (self);
}

/* Redraws one row of the table (its labels) without touching the rest. */
static void
refresh_msel_row (DdScenarioEditor *self,
                  guint             index)
{
  g_autofree char *s = g_strdup_printf ("%u", index);
  const char *strings[] = { s, NULL };
  int selected = self->selected;

  if (index >= g_list_model_get_n_items (G_LIST_MODEL (self->msel_items)))
    return;
  gtk_string_list_splice (self->msel_items, index, 1, strings);
  /* the same inject stays selected: the detail rows stay as they are */
  for (guint pos = 0; selected >= 0 && pos < g_list_model_get_n_items (G_LIST_MODEL (self->msel_selection)); pos++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->msel_selection), pos);

      if (item_inject (self, item)->index == (guint) selected)
        {
          if (gtk_single_selection_get_selected (self->msel_selection) != pos)
            {
              self->selected = selected;
              gtk_single_selection_set_selected (self->msel_selection, pos);
            }
          break;
        }
    }
  self->selected = selected;
}

static void
setup_msel (DdScenarioEditor *self)
{
  static const struct { const char *title; gboolean expand; } cols[N_COLS] = {
    [COL_INDEX] = { N_("No."), FALSE },
    [COL_TIME] = { N_("Time"), FALSE },
    [COL_FROM] = { N_("From"), FALSE },
    [COL_TO] = { N_("To"), FALSE },
    [COL_CHANNEL] = { N_("Channel"), FALSE },
    [COL_CONTENT] = { N_("Headline or Content"), TRUE },
    [COL_CHECKS] = { N_("Checks"), FALSE },
  };
  GtkSortListModel *sorted;

  self->msel_items = gtk_string_list_new (NULL);
  for (guint i = 0; i < N_COLS; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_object_set_data (G_OBJECT (factory), "dd-column", GUINT_TO_POINTER (i));
      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), self);
      column = gtk_column_view_column_new (_(cols[i].title), factory);
      gtk_column_view_column_set_expand (column, cols[i].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      /* set_sorter takes a reference of its own */
      if (i == COL_TIME)
        {
          g_autoptr(GtkCustomSorter) sorter = gtk_custom_sorter_new (compare_cb, self, NULL);
          gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
        }
      if (i == COL_INDEX)
        {
          g_autoptr(GtkCustomSorter) sorter = gtk_custom_sorter_new (compare_index_cb, self, NULL);
          gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
        }
      gtk_column_view_append_column (self->msel_view, column);
      if (i == COL_TIME)
        gtk_column_view_sort_by_column (self->msel_view, column, GTK_SORT_ASCENDING);
      g_object_unref (column);
    }

  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->msel_items)),
                                    g_object_ref (gtk_column_view_get_sorter (self->msel_view)));
  self->msel_selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_single_selection_set_autoselect (self->msel_selection, TRUE);
  gtk_column_view_set_model (self->msel_view, GTK_SELECTION_MODEL (self->msel_selection));
  g_signal_connect_swapped (self->msel_selection, "notify::selected-item",
                            G_CALLBACK (selection_changed_cb), self);
}

/* ------------------------------------------------------------------ */
/* Following the document                                              */

static void
update_title (DdScenarioEditor *self)
{
  const char *path = dd_scenario_document_get_path (self->edit);
  g_autofree char *name = path ? g_path_get_basename (path) : g_strdup (_("New Scenario"));
  g_autofree char *title = NULL;

  title = g_strdup_printf ("%s%s", dd_scenario_document_is_modified (self->edit) ? "• " : "", name);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
refresh_checks (DdScenarioEditor *self)
{
  GHashTableIter iter;
  FieldRow *f;
  static const char *const lists[] = { "participants", "objectives", "injects" };
  AdwPreferencesGroup *groups[] = { self->participants_group, self->objectives_group, NULL };

  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &f))
    dd_scenario_editor_show_checks (self, f);

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_autoptr(GPtrArray) checks = dd_scenario_document_checks_for (self->edit, lists[i], FALSE);

      if (groups[i] != NULL)
        adw_preferences_group_set_description (groups[i], checks->len ? ((DdScenarioCheck *) checks->pdata[0])->message : NULL);
    }
}

static void
refresh_values (DdScenarioEditor *self)
{
  GHashTableIter iter;
  FieldRow *f;

  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &f))
    if (self->editing == NULL || g_strcmp0 (f->field, self->editing) != 0)
      dd_scenario_editor_fill_field (self, f);
}

/* Whether @field names a value (…/name), not a list or an item. */
static gboolean
is_leaf (const char *field)
{
  const char *last = strrchr (field, '/');
  const char *name = last ? last + 1 : field;

  return !g_ascii_isdigit (*name) && g_strcmp0 (name, "participants") != 0 &&
         g_strcmp0 (name, "objectives") != 0 && g_strcmp0 (name, "injects") != 0 &&
         g_strcmp0 (name, "expects") != 0 && g_strcmp0 (name, "conditions") != 0 &&
         g_strcmp0 (name, "attachments") != 0;
}

static void
document_changed_cb (DdScenarioEditor *self,
                     const char       *field,
                     DdScenarioDocument   *edit)
{
  if (field == NULL || !is_leaf (field))
    {
      int keep = self->selected;

      /* a new inject or part: show it */
      if (g_strcmp0 (field, "injects") == 0 &&
          dd_scenario_document_count (edit, "injects") > g_list_model_get_n_items (G_LIST_MODEL (self->msel_items)))
        keep = (int) dd_scenario_document_count (edit, "injects") - 1;
      rebuild (self);
      dd_scenario_editor_refresh_msel (self, keep);
    }
  else
    {
      guint index;

      if (g_strcmp0 (field, "incident/category") == 0)
        dd_scenario_editor_update_subtypes (self);
      refresh_values (self);
      refresh_checks (self);
      if (strstr (field, "/conditions/") != NULL)
        dd_scenario_editor_refresh_conditions (self);
      if (sscanf (field, "injects/%u/", &index) == 1)
        refresh_msel_row (self, index);
    }
  update_title (self);
}

static void
rebuild (DdScenarioEditor *self)
{
  dd_scenario_editor_build_general (self);
  dd_scenario_editor_build_participants (self);
  dd_scenario_editor_build_objectives (self);
  dd_scenario_editor_build_truth (self);
  refresh_checks (self);
}

static void
can_change_cb (DdScenarioEditor *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.undo", dd_scenario_document_can_undo (self->edit));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.redo", dd_scenario_document_can_redo (self->edit));
  update_title (self);
}

/* ------------------------------------------------------------------ */
/* Closing                                                             */

static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   DdScenarioEditor *self)
{
  if (g_str_equal (response, "discard"))
    {
      dd_scenario_document_discard_autosave (self->edit);
      gtk_window_destroy (GTK_WINDOW (self));
    }
  else if (g_str_equal (response, "save"))
    {
      if (dd_scenario_document_get_path (self->edit) == NULL)
        {
          self->close_after_save = TRUE;
          dd_scenario_editor_choose_file (self, GTK_FILE_CHOOSER_ACTION_SAVE, G_CALLBACK (dd_scenario_editor_save_chooser_response_cb));
        }
      else if (dd_scenario_editor_save (self, NULL))
        gtk_window_destroy (GTK_WINDOW (self));
    }
}

static gboolean
dd_scenario_editor_close_request (GtkWindow *window)
{
  DdScenarioEditor *self = DD_SCENARIO_EDITOR (window);
  GtkWidget *dialog;

  if (self->edit == NULL || !dd_scenario_document_is_modified (self->edit))
    return GTK_WINDOW_CLASS (dd_scenario_editor_parent_class)->close_request (window);

  dialog = adw_message_dialog_new (window, _("Save Changes?"),
                                   _("The scenario has unsaved changes. Changes that are not saved are lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (close_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
dd_scenario_editor_dispose (GObject *object)
{
  DdScenarioEditor *self = DD_SCENARIO_EDITOR (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->edit != NULL)
    g_signal_handlers_disconnect_by_data (self->edit, self);
  g_clear_object (&self->edit);
  if (self->msel_view != NULL)
    gtk_column_view_set_model (self->msel_view, NULL);
  g_clear_object (&self->msel_selection);
  g_clear_object (&self->msel_items);

  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_SCENARIO_EDITOR);
  g_clear_pointer (&self->fields, g_hash_table_unref);
  g_clear_pointer (&self->group_rows, g_hash_table_unref);
  g_clear_pointer (&self->condition_rows, g_ptr_array_unref);
  g_clear_object (&self->plan);

  G_OBJECT_CLASS (dd_scenario_editor_parent_class)->dispose (object);
}

static void
dd_scenario_editor_finalize (GObject *object)
{
  DdScenarioEditor *self = DD_SCENARIO_EDITOR (object);

  g_free (self->dry_run_result);

  G_OBJECT_CLASS (dd_scenario_editor_parent_class)->finalize (object);
}

static void
dd_scenario_editor_class_init (DdScenarioEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = dd_scenario_editor_dispose;
  object_class->finalize = dd_scenario_editor_finalize;
  window_class->close_request = dd_scenario_editor_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/dd-scenario-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, DdScenarioEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DdScenarioEditor, view_stack);
  gtk_widget_class_bind_template_child (widget_class, DdScenarioEditor, general_group);
  gtk_widget_class_bind_template_child (widget_class, DdScenarioEditor, participants_group);
  gtk_widget_class_bind_template_child (widget_class, DdScenarioEditor, objectives_group);
  gtk_widget_class_bind_template_child (widget_class, DdScenarioEditor, truth_group);
  gtk_widget_class_bind_template_child (widget_class, DdScenarioEditor, inject_group);
  gtk_widget_class_bind_template_child (widget_class, DdScenarioEditor, expects_group);
  gtk_widget_class_bind_template_child (widget_class, DdScenarioEditor, conditions_group);
  gtk_widget_class_bind_template_child (widget_class, DdScenarioEditor, attachments_group);
  gtk_widget_class_bind_template_child (widget_class, DdScenarioEditor, msel_view);
  gtk_widget_class_bind_template_child (widget_class, DdScenarioEditor, dry_run_revealer);
  gtk_widget_class_bind_template_child (widget_class, DdScenarioEditor, dry_run_label);
  gtk_widget_class_bind_template_child (widget_class, DdScenarioEditor, template_section);

  gtk_widget_class_install_action (widget_class, "editor.new", NULL, dd_scenario_editor_new_action);
  gtk_widget_class_install_action (widget_class, "editor.new-from-template", "s", dd_scenario_editor_new_from_template_action);
  gtk_widget_class_install_action (widget_class, "editor.open", NULL, dd_scenario_editor_open_action);
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, dd_scenario_editor_save_action);
  gtk_widget_class_install_action (widget_class, "editor.save-as", NULL, dd_scenario_editor_save_as_action);
  gtk_widget_class_install_action (widget_class, "editor.undo", NULL, dd_scenario_editor_undo_action);
  gtk_widget_class_install_action (widget_class, "editor.redo", NULL, dd_scenario_editor_redo_action);
  gtk_widget_class_install_action (widget_class, "editor.dry-run", NULL, dd_scenario_editor_dry_run_action);
  gtk_widget_class_install_action (widget_class, "editor.export-msel", NULL, dd_scenario_editor_export_msel_action);
  gtk_widget_class_install_action (widget_class, "editor.import-msel", NULL, dd_scenario_editor_import_msel_action);
  gtk_widget_class_install_action (widget_class, "editor.add", "s", dd_scenario_editor_add_action);
  gtk_widget_class_install_action (widget_class, "editor.remove", "s", dd_scenario_editor_remove_action);
  gtk_widget_class_install_action (widget_class, "editor.inject-add", NULL, dd_scenario_editor_inject_action);
  gtk_widget_class_install_action (widget_class, "editor.inject-duplicate", NULL, dd_scenario_editor_inject_action);
  gtk_widget_class_install_action (widget_class, "editor.inject-delete", NULL, dd_scenario_editor_inject_action);
  gtk_widget_class_install_action (widget_class, "editor.inject-move", "i", dd_scenario_editor_inject_action);
  gtk_widget_class_install_action (widget_class, "editor.inject-add-part", "s", dd_scenario_editor_inject_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "editor.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "editor.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "editor.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "editor.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "editor.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "editor.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "editor.dry-run", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
dd_scenario_editor_init (DdScenarioEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, field_row_free);
  self->group_rows = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->condition_rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->selected = -1;
  setup_msel (self);
  dd_scenario_editor_fill_template_menu (self);
  if (DEVELOPMENT)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */

DdScenarioEditor *
dd_scenario_editor_new (DdPlan *plan)
{
  DdScenarioEditor *self;
  g_autoptr(DdScenarioDocument) edit = NULL;

  g_return_val_if_fail (DD_IS_PLAN (plan), NULL);

  self = g_object_new (DD_TYPE_SCENARIO_EDITOR, NULL);
  self->plan = g_object_ref (plan);
  edit = dd_scenario_document_new (plan);
  dd_scenario_editor_set_document (self, edit);
  return self;
}

/* The editor window that has @path open, or NULL */
static DdScenarioEditor *
editor_for_path (const char *path)
{
  g_autoptr(GFile) want = g_file_new_for_path (path);
  GList *windows = gtk_window_list_toplevels ();
  DdScenarioEditor *found = NULL;

  for (GList *l = windows; l != NULL && found == NULL; l = l->next)
    {
      DdScenarioEditor *editor = l->data;
      const char *open;

      if (!DD_IS_SCENARIO_EDITOR (editor) || editor->edit == NULL)
        continue;
      open = dd_scenario_document_get_path (editor->edit);
      if (open != NULL)
        {
          g_autoptr(GFile) have = g_file_new_for_path (open);

          if (g_file_equal (have, want))
            found = editor;
        }
    }
  g_list_free (windows);
  return found;
}

DdScenarioEditor *
dd_scenario_editor_present_file (DdScenarioEditor  *self,
                                 const char        *path,
                                 GError           **error)
{
  DdScenarioEditor *other;

  g_return_val_if_fail (DD_IS_SCENARIO_EDITOR (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  /* One window per file: the one that has it comes to the front, and
   * this one goes if it holds nothing (no file, nothing typed) */
  other = editor_for_path (path);
  if (other != NULL && other != self)
    {
      gtk_window_present (GTK_WINDOW (other));
      if (self->edit == NULL ||
          (dd_scenario_document_get_path (self->edit) == NULL && !dd_scenario_document_can_undo (self->edit)))
        gtk_window_destroy (GTK_WINDOW (self));
      return other;
    }
  if (!dd_scenario_editor_open (self, path, error))
    return NULL;
  return self;
}

DdScenarioDocument *
dd_scenario_editor_get_document (DdScenarioEditor *self)
{
  g_return_val_if_fail (DD_IS_SCENARIO_EDITOR (self), NULL);
  return self->edit;
}

void
dd_scenario_editor_set_document (DdScenarioEditor *self,
                                 DdScenarioDocument   *edit)
{
  g_return_if_fail (DD_IS_SCENARIO_EDITOR (self));
  g_return_if_fail (DD_IS_SCENARIO_DOCUMENT (edit));

  if (self->edit != NULL)
    g_signal_handlers_disconnect_by_data (self->edit, self);
  g_set_object (&self->edit, edit);
  dd_scenario_document_set_autosave_delay (edit, AUTOSAVE_SECONDS);
  g_signal_connect_swapped (edit, "changed", G_CALLBACK (document_changed_cb), self);
  g_signal_connect_swapped (edit, "notify::can-undo", G_CALLBACK (can_change_cb), self);
  g_signal_connect_swapped (edit, "notify::can-redo", G_CALLBACK (can_change_cb), self);
  g_signal_connect_swapped (edit, "notify::modified", G_CALLBACK (update_title), self);
  g_signal_connect_swapped (edit, "notify::path", G_CALLBACK (update_title), self);

  gtk_revealer_set_reveal_child (self->dry_run_revealer, FALSE);
  rebuild (self);
  dd_scenario_editor_refresh_msel (self, 0);
  can_change_cb (self);
}

gboolean
dd_scenario_editor_open (DdScenarioEditor  *self,
                         const char        *path,
                         GError           **error)
{
  g_autoptr(DdScenarioDocument) edit = NULL;
  gboolean restored = FALSE;

  g_return_val_if_fail (DD_IS_SCENARIO_EDITOR (self), FALSE);

  edit = dd_scenario_document_open (self->plan, path, &restored, error);
  if (edit == NULL)
    return FALSE;
  dd_scenario_editor_set_document (self, edit);
  if (restored)
    dd_scenario_editor_toast (self, _("Unsaved changes from the last session were restored"));
  return TRUE;
}

gboolean
dd_scenario_editor_new_from_template (DdScenarioEditor  *self,
                                      const char        *path,
                                      GError           **error)
{
  g_autoptr(DdScenarioDocument) edit = NULL;

  g_return_val_if_fail (DD_IS_SCENARIO_EDITOR (self), FALSE);

  edit = dd_scenario_document_new_from_template (self->plan, path, error);
  if (edit == NULL)
    return FALSE;
  dd_scenario_editor_set_document (self, edit);
  return TRUE;
}

gboolean
dd_scenario_editor_save_to (DdScenarioEditor  *self,
                            const char        *path,
                            GError           **error)
{
  g_return_val_if_fail (DD_IS_SCENARIO_EDITOR (self), FALSE);
  return dd_scenario_document_save_as (self->edit, path, error);
}

GtkWidget *
dd_scenario_editor_get_field_widget (DdScenarioEditor *self,
                                     const char       *field)
{
  FieldRow *f;

  g_return_val_if_fail (DD_IS_SCENARIO_EDITOR (self), NULL);

  f = g_hash_table_lookup (self->fields, field);
  return f ? f->widget : NULL;
}

void
dd_scenario_editor_select_inject (DdScenarioEditor *self,
                                  guint             index)
{
  g_return_if_fail (DD_IS_SCENARIO_EDITOR (self));
  dd_scenario_editor_refresh_msel (self, (int) index);
}

int
dd_scenario_editor_get_selected_inject (DdScenarioEditor *self)
{
  g_return_val_if_fail (DD_IS_SCENARIO_EDITOR (self), -1);
  return self->selected;
}

const char *
dd_scenario_editor_get_dry_run_result (DdScenarioEditor *self)
{
  g_return_val_if_fail (DD_IS_SCENARIO_EDITOR (self), NULL);
  return self->dry_run_result;
}
