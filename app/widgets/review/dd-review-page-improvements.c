/* dd-review-page-improvements.c — the review's improvement plan: an
 * editable list (corrective action, clause, owner unit, due date) saved to
 * the drill folder's review.json
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dd-review-page-private.h"

/* ------------------------------------------------------------------ */
/* The improvement plan                                                */

gboolean
dd_review_page_save_now (DdReviewPage  *self,
                         GError       **error)
{
  g_autofree char *path = NULL;

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->folder == NULL || self->improvements == NULL)
    return TRUE;
  path = dd_drill_review_path (self->folder);
  /* Nothing to keep and nothing kept yet: leave the folder alone */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->improvements)) == 0 &&
      !g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;
  return dd_improvements_save (G_LIST_MODEL (self->improvements), path, error);
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  DdReviewPage *self = user_data;
  g_autoptr(GError) error = NULL;

  self->save_id = 0;
  if (!dd_review_page_save_now (self, &error))
    dd_review_page_toast (self, error->message);
  return G_SOURCE_REMOVE;
}

static void
schedule_save (DdReviewPage *self)
{
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (400, save_timeout_cb, self);
}

static guint
find_id (GPtrArray  *ids,
         const char *id)
{
  for (guint i = 1; id != NULL && i < ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (ids, i), id) == 0)
      return i;
  return 0;
}

static const char *
owner_name (DdReviewPage *self,
            const char   *owner)
{
  const DdRole *role = owner != NULL && self->plan != NULL ? dd_plan_lookup_role (self->plan, owner) : NULL;

  return role != NULL ? role->name : owner;
}

static void
update_item_row (DdImprovement  *item,
                 GParamSpec     *pspec,
                 AdwExpanderRow *row)
{
  DdReviewPage *self = g_object_get_data (G_OBJECT (row), "page");
  g_autoptr(GString) subtitle = g_string_new (NULL);
  const char *action = dd_improvement_get_action (item);

  if (dd_improvement_get_clause (item) != NULL)
    g_string_append_printf (subtitle, "§ %s", dd_improvement_get_clause (item));
  if (dd_improvement_get_owner (item) != NULL)
    g_string_append_printf (subtitle, "%s%s", subtitle->len ? " · " : "",
                            owner_name (self, dd_improvement_get_owner (item)));
  if (dd_improvement_get_due (item) != NULL)
    /* Translators: when a corrective action is due */
    g_string_append_printf (subtitle, "%s%s %s", subtitle->len ? " · " : "", _("due"),
                            dd_improvement_get_due (item));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), action != NULL ? action : _("New corrective action"));
  adw_expander_row_set_subtitle (row, subtitle->str);
  if (pspec != NULL)
    schedule_save (self);
}

static void
action_changed_cb (GtkEditable   *editable,
                   DdImprovement *item)
{
  dd_improvement_set_action (item, gtk_editable_get_text (editable));
}

static void
due_changed_cb (GtkEditable   *editable,
                DdImprovement *item)
{
  const char *text = gtk_editable_get_text (editable);
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *iso = NULL;

  if (*text != '\0')
    {
      iso = g_strdup_printf ("%sT00:00:00Z", text);
      when = g_date_time_new_from_iso8601 (iso, NULL);
    }
  /* Kept only when empty or a real date */
  if (*text == '\0' || (when != NULL && strlen (text) == 10))
    {
      gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
      dd_improvement_set_due (item, text);
    }
  else
    gtk_widget_add_css_class (GTK_WIDGET (editable), "error");
}

static void
calendar_day_cb (GtkCalendar *calendar,
                 GtkEditable *entry)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");

  gtk_editable_set_text (entry, text);
}

static void
combo_selected_cb (AdwComboRow   *combo,
                   GParamSpec    *pspec,
                   DdImprovement *item)
{
  DdReviewPage *self = g_object_get_data (G_OBJECT (combo), "page");
  guint i = adw_combo_row_get_selected (combo);
  gboolean clause = g_object_get_data (G_OBJECT (combo), "clause") != NULL;
  GPtrArray *ids = clause ? self->clause_ids : self->owner_ids;
  const char *id = i < ids->len ? g_ptr_array_index (ids, i) : NULL;

  if (clause)
    dd_improvement_set_clause (item, id);
  else
    dd_improvement_set_owner (item, id);
}

static void
remove_clicked_cb (GtkButton    *button,
                   DdReviewPage *self)
{
  DdImprovement *item = g_object_get_data (G_OBJECT (button), "item");
  guint position;

  if (g_list_store_find (self->improvements, item, &position))
    {
      g_list_store_remove (self->improvements, position);
      schedule_save (self);
    }
}

static GtkWidget *
combo_row (DdReviewPage  *self,
           DdImprovement *item,
           gboolean       clause)
{
  GtkWidget *combo = adw_combo_row_new ();
  const char *title = clause ? _("Clause") : _("Owner unit");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (combo),
                           G_LIST_MODEL (clause ? self->clause_labels : self->owner_labels));
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo),
                              clause ? find_id (self->clause_ids, dd_improvement_get_clause (item))
                                     : find_id (self->owner_ids, dd_improvement_get_owner (item)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (combo), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_object_set_data (G_OBJECT (combo), "page", self);
  if (clause)
    g_object_set_data (G_OBJECT (combo), "clause", GINT_TO_POINTER (1));
  g_signal_connect_object (combo, "notify::selected", G_CALLBACK (combo_selected_cb), item, 0);
  return combo;
}

static GtkWidget *
create_improvement_row_cb (gpointer object,
                           gpointer user_data)
{
  DdReviewPage *self = user_data;
  DdImprovement *item = object;
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *action = adw_entry_row_new ();
  GtkWidget *due = adw_entry_row_new ();
  GtkWidget *calendar_button = gtk_menu_button_new ();
  GtkWidget *calendar = gtk_calendar_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  g_object_set_data (G_OBJECT (row), "page", self);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), dd_improvement_get_action (item) == NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action), _("Corrective action"));
  gtk_editable_set_text (GTK_EDITABLE (action), dd_improvement_get_action (item) ? dd_improvement_get_action (item) : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (action), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Corrective action"), -1);
  g_signal_connect_object (action, "changed", G_CALLBACK (action_changed_cb), item, 0);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), action);

  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), combo_row (self, item, TRUE));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), combo_row (self, item, FALSE));

  /* Translators: the format of a due date is shown to the user */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (due), _("Due date (YYYY-MM-DD)"));
  gtk_editable_set_text (GTK_EDITABLE (due), dd_improvement_get_due (item) ? dd_improvement_get_due (item) : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (due), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Due date"), -1);
  g_signal_connect_object (due, "changed", G_CALLBACK (due_changed_cb), item, 0);
  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (calendar_button), popover);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (calendar_button), "x-office-calendar-symbolic");
  gtk_widget_set_valign (calendar_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (calendar_button, "flat");
  gtk_widget_set_tooltip_text (calendar_button, _("Choose the due date"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (calendar_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Choose the due date"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (calendar), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Due date"), -1);
  g_signal_connect_object (calendar, "day-selected", G_CALLBACK (calendar_day_cb), due, 0);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (due), calendar_button);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), due);

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove this corrective action"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove this corrective action"), -1);
  g_object_set_data (G_OBJECT (remove), "item", item);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), remove);

  update_item_row (item, NULL, ADW_EXPANDER_ROW (row));
  g_signal_connect_object (item, "notify", G_CALLBACK (update_item_row), row, 0);
  return row;
}

/* The choices of the clause and owner lists, from the plan */
static void
fill_choices (DdReviewPage *self)
{
  GPtrArray *provisions = dd_plan_get_provisions (self->plan);
  GPtrArray *roles = dd_plan_get_roles (self->plan);
  g_autoptr(GtkStringList) clauses = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) owners = gtk_string_list_new (NULL);

  g_ptr_array_set_size (self->clause_ids, 0);
  g_ptr_array_set_size (self->owner_ids, 0);
  /* Translators: no clause / no owner chosen */
  gtk_string_list_append (clauses, _("None"));
  g_ptr_array_add (self->clause_ids, NULL);
  gtk_string_list_append (owners, _("None"));
  g_ptr_array_add (self->owner_ids, NULL);
  for (guint i = 0; i < provisions->len; i++)
    {
      const DdProvision *p = g_ptr_array_index (provisions, i);
      g_autofree char *label = g_strdup_printf ("§ %s %s", p->clause, p->title ? p->title : "");

      gtk_string_list_append (clauses, label);
      g_ptr_array_add (self->clause_ids, g_strdup (p->clause));
    }
  for (guint i = 0; i < roles->len; i++)
    {
      const DdRole *r = g_ptr_array_index (roles, i);

      gtk_string_list_append (owners, r->name);
      g_ptr_array_add (self->owner_ids, g_strdup (r->id));
    }
  g_set_object (&self->clause_labels, clauses);
  g_set_object (&self->owner_labels, owners);
}

void
dd_review_page_load_improvements (DdReviewPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GListStore) store = NULL;

  gtk_list_box_bind_model (self->improvements_list, NULL, NULL, NULL, NULL);
  g_clear_object (&self->improvements);
  if (self->folder == NULL)
    return;
  path = dd_drill_review_path (self->folder);
  store = dd_improvements_load (path, &error);
  if (store == NULL)
    {
      dd_review_page_toast (self, error->message);
      store = g_list_store_new (DD_TYPE_IMPROVEMENT);
    }
  self->improvements = g_steal_pointer (&store);
  fill_choices (self);
  gtk_list_box_bind_model (self->improvements_list, G_LIST_MODEL (self->improvements),
                           create_improvement_row_cb, self, NULL);
}

void
dd_review_page_add_improvement_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *param)
{
  DdReviewPage *self = DD_REVIEW_PAGE (widget);
  g_autoptr(DdImprovement) item = dd_improvement_new (NULL, NULL, NULL, NULL);
  GtkListBoxRow *row;

  if (self->improvements == NULL)
    return;
  g_list_store_append (self->improvements, item);
  row = gtk_list_box_get_row_at_index (self->improvements_list,
                                       (int) g_list_model_get_n_items (G_LIST_MODEL (self->improvements)) - 1);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}
