/* dd-scenario-editor-pages.c — the scenario editor's pages: a row per field
 * with its live checks, choices from the plan, and the pages built from
 * the document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "dd-scenario-editor-private.h"

/* ------------------------------------------------------------------ */
/* Field rows                                                          */

void
dd_scenario_editor_show_checks (DdScenarioEditor *self,
                                FieldRow         *f)
{
  g_autoptr(GPtrArray) checks = dd_scenario_document_checks_for (self->edit, f->field, FALSE);
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean error = FALSE;

  for (guint i = 0; i < checks->len; i++)
    {
      const DdScenarioCheck *c = g_ptr_array_index (checks, i);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, c->message);
      error |= c->level == DD_CHECK_ERROR;
    }
  adw_action_row_set_subtitle (f->row, text->str);
  gtk_widget_remove_css_class (GTK_WIDGET (f->row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (f->row), "warning");
  if (checks->len > 0)
    gtk_widget_add_css_class (GTK_WIDGET (f->row), error ? "error" : "warning");
}

static void
set_from_widget (DdScenarioEditor *self,
                 FieldRow         *f,
                 const char       *value)
{
  g_autoptr(GError) error = NULL;

  if (self->updating)
    return;
  self->editing = f->field;
  if (!dd_scenario_document_set (self->edit, f->field, value, &error))
    {
      adw_action_row_set_subtitle (f->row, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (f->row), "error");
    }
  self->editing = NULL;
}

static void
entry_changed_cb (GtkEditable *editable,
                  FieldRow    *f)
{
  DdScenarioEditor *self = g_object_get_data (G_OBJECT (editable), "dd-editor");

  set_from_widget (self, f, gtk_editable_get_text (editable));
}

static void
choice_changed_cb (GtkDropDown *drop_down,
                   GParamSpec  *pspec,
                   FieldRow    *f)
{
  DdScenarioEditor *self = g_object_get_data (G_OBJECT (drop_down), "dd-editor");
  guint selected = gtk_drop_down_get_selected (drop_down);

  if (f->ids != NULL && selected < g_strv_length (f->ids))
    set_from_widget (self, f, f->ids[selected]);
}

/* Several roles (recipients): the ids of the boxes checked, in the
 * plan's order, separated by spaces */
static void
check_toggled_cb (GtkCheckButton *check,
                  FieldRow       *f)
{
  DdScenarioEditor *self = g_object_get_data (G_OBJECT (check), "dd-editor");
  g_autoptr(GString) value = g_string_new (NULL);

  for (guint i = 0; i < f->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (f->checks, i)))
      g_string_append_printf (value, "%s%s", value->len > 0 ? " " : "", f->ids[i]);
  set_from_widget (self, f, value->str);
}

void
dd_scenario_editor_fill_field (DdScenarioEditor *self,
                               FieldRow         *f)
{
  g_autofree char *value = dd_scenario_editor_get (self, f->field);

  self->updating = TRUE;
  if (f->checks != NULL)
    {
      g_auto(GStrv) words = g_strsplit_set (value != NULL ? value : "", " ", -1);
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < f->checks->len; i++)
        {
          GtkCheckButton *check = g_ptr_array_index (f->checks, i);
          gboolean on = g_strv_contains ((const char *const *) words, f->ids[i]);

          if (gtk_check_button_get_active (check) != on)
            gtk_check_button_set_active (check, on);
          if (on)
            /* Translators: between the names of several roles */
            g_string_append_printf (names, "%s%s", names->len > 0 ? _(", ") : "",
                                    gtk_check_button_get_label (check));
        }
      gtk_label_set_text (GTK_LABEL (f->summary), names->len > 0 ? names->str : _("Nobody"));
    }
  else if (GTK_IS_EDITABLE (f->widget))
    {
      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (f->widget)), value) != 0)
        gtk_editable_set_text (GTK_EDITABLE (f->widget), value);
    }
  else
    {
      guint n = g_strv_length (f->ids);
      guint i;

      for (i = 0; i < n && g_strcmp0 (f->ids[i], value) != 0; i++)
        ;
      gtk_drop_down_set_selected (GTK_DROP_DOWN (f->widget), i < n ? i : GTK_INVALID_LIST_POSITION);
    }
  self->updating = FALSE;
  dd_scenario_editor_show_checks (self, f);
}

/* A row for @field naming several of @ids, shown by their @names: a button
 * with the names checked, opening a list of check boxes. */
static GtkWidget *
multi_row (DdScenarioEditor    *self,
           AdwPreferencesGroup *group,
           const char          *title,
           const char          *field,
           char               **ids,
           char               **names)
{
  FieldRow *f = g_new0 (FieldRow, 1);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *popover = gtk_popover_new ();

  f->field = g_strdup (field);
  f->row = ADW_ACTION_ROW (row);
  f->ids = g_strdupv (ids);
  f->checks = g_ptr_array_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (names[i]);

      g_object_set_data (G_OBJECT (check), "dd-editor", self);
      g_signal_connect (check, "toggled", G_CALLBACK (check_toggled_cb), f);
      gtk_box_append (GTK_BOX (list), check);
      g_ptr_array_add (f->checks, check);
    }
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 420);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_popover_set_child (GTK_POPOVER (popover), scroller);

  f->summary = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (f->summary), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (f->summary), 36);
  f->widget = gtk_menu_button_new ();
  gtk_menu_button_set_child (GTK_MENU_BUTTON (f->widget), f->summary);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (f->widget), popover);
  gtk_widget_set_valign (f->widget, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (f->widget), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (f->row, f->widget);
  adw_action_row_set_activatable_widget (f->row, f->widget);

  g_hash_table_insert (self->fields, f->field, f);
  dd_scenario_editor_add_row (self, group, row);
  dd_scenario_editor_fill_field (self, f);
  return row;
}

/* A row for @field: an entry, or (with @ids) a drop-down of @names. */
static GtkWidget *
field_row (DdScenarioEditor    *self,
           AdwPreferencesGroup *group,
           const char          *title,
           const char          *field,
           char               **ids,
           char               **names)
{
  FieldRow *f = g_new0 (FieldRow, 1);
  GtkWidget *row = adw_action_row_new ();

  f->field = g_strdup (field);
  f->row = ADW_ACTION_ROW (row);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (ids != NULL)
    {
      f->ids = g_strdupv (ids);
      f->widget = gtk_drop_down_new_from_strings ((const char *const *) names);
      gtk_drop_down_set_enable_search (GTK_DROP_DOWN (f->widget), g_strv_length (ids) > 12);
      g_signal_connect (f->widget, "notify::selected", G_CALLBACK (choice_changed_cb), f);
    }
  else
    {
      f->widget = gtk_entry_new ();
      /* One width for every entry, so that they line up in a column
       * whatever the length of their row's title */
      gtk_editable_set_width_chars (GTK_EDITABLE (f->widget), 40);
      gtk_editable_set_max_width_chars (GTK_EDITABLE (f->widget), 40);
      g_signal_connect (f->widget, "changed", G_CALLBACK (entry_changed_cb), f);
    }
  gtk_widget_set_valign (f->widget, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (f->widget), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_object_set_data (G_OBJECT (f->widget), "dd-editor", self);
  adw_action_row_add_suffix (f->row, f->widget);
  adw_action_row_set_activatable_widget (f->row, f->widget);

  g_hash_table_insert (self->fields, f->field, f);
  dd_scenario_editor_add_row (self, group, row);
  dd_scenario_editor_fill_field (self, f);
  return row;
}

static GtkWidget *
entry_row (DdScenarioEditor    *self,
           AdwPreferencesGroup *group,
           const char          *title,
           const char          *field)
{
  return field_row (self, group, title, field, NULL, NULL);
}

/* A row with a remove button for a list item (@item: "objectives/2"). */
static GtkWidget *
item_header (DdScenarioEditor    *self,
             AdwPreferencesGroup *group,
             const char          *title,
             const char          *item)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "heading");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "editor.remove");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", item);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  dd_scenario_editor_add_row (self, group, row);
  return row;
}

/* ------------------------------------------------------------------ */
/* Choices from the plan                                               */

typedef struct {
  GPtrArray *ids;
  GPtrArray *names;
} Choices;

static void
choices_init (Choices    *c,
              const char *none)
{
  c->ids = g_ptr_array_new_with_free_func (g_free);
  c->names = g_ptr_array_new_with_free_func (g_free);
  if (none != NULL)
    {
      g_ptr_array_add (c->ids, g_strdup (""));
      g_ptr_array_add (c->names, g_strdup (none));
    }
}

static void
choices_add (Choices    *c,
             const char *id,
             const char *name)
{
  g_ptr_array_add (c->ids, g_strdup (id));
  g_ptr_array_add (c->names, name ? g_strdup (name) : g_strdup (id));
}

static GtkWidget *
choice_row (DdScenarioEditor    *self,
            AdwPreferencesGroup *group,
            const char          *title,
            const char          *field,
            Choices             *c)
{
  GtkWidget *row;

  g_ptr_array_add (c->ids, NULL);
  g_ptr_array_add (c->names, NULL);
  row = field_row (self, group, title, field, (char **) c->ids->pdata, (char **) c->names->pdata);
  g_ptr_array_unref (c->ids);
  g_ptr_array_unref (c->names);
  return row;
}

static void
role_choices (DdScenarioEditor *self,
              Choices          *c,
              const char       *none)
{
  GPtrArray *roles = dd_plan_get_roles (self->plan);

  choices_init (c, none);
  for (guint i = 0; i < roles->len; i++)
    {
      const DdRole *r = g_ptr_array_index (roles, i);
      choices_add (c, r->id, dd_plan_role_label (self->plan, r));
    }
}

static void
action_choices (DdScenarioEditor *self,
                Choices          *c)
{
  GPtrArray *kinds = dd_plan_get_action_kinds (self->plan);

  choices_init (c, NULL);
  for (guint i = 0; i < kinds->len; i++)
    {
      const DdActionKind *k = g_ptr_array_index (kinds, i);
      g_autofree char *name = g_strdup_printf ("%s (%s)", k->name, k->clause);
      choices_add (c, k->id, name);
    }
}

static void
clause_choices (DdScenarioEditor *self,
                Choices          *c,
                const char       *none)
{
  GPtrArray *provisions = dd_plan_get_provisions (self->plan);

  choices_init (c, none);
  for (guint i = 0; i < provisions->len; i++)
    {
      const DdProvision *p = g_ptr_array_index (provisions, i);
      g_autofree char *name = g_strdup_printf ("%s %s", p->clause, p->title ? p->title : "");
      choices_add (c, p->clause, name);
    }
}

const char *
dd_scenario_editor_channel_label (DdChannel channel)
{
  return dd_channel_label (channel);
}

/* ------------------------------------------------------------------ */
/* Building the pages                                                  */

void
dd_scenario_editor_build_general (DdScenarioEditor *self)
{
  AdwPreferencesGroup *g = self->general_group;
  Choices c;

  dd_scenario_editor_clear_group (self, g);
  entry_row (self, g, _("Title"), "title");
  entry_row (self, g, _("Summary"), "summary");
  entry_row (self, g, _("Id"), "id");
  choices_init (&c, NULL);
  choices_add (&c, "tabletop", _("Tabletop exercise"));
  choices_add (&c, "functional", _("Functional exercise"));
  choices_add (&c, "full-scale", _("Full-scale exercise"));
  choice_row (self, g, _("Drill Form"), "form", &c);
  entry_row (self, g, _("Form Label"), "form-label");
  entry_row (self, g, _("Start (date and time with UTC offset)"), "start");
  entry_row (self, g, _("Duration (H:MM)"), "duration");
  entry_row (self, g, _("Time Compression (simulated minutes per minute)"), "compression");
}

void
dd_scenario_editor_build_participants (DdScenarioEditor *self)
{
  AdwPreferencesGroup *g = self->participants_group;
  guint n = dd_scenario_document_count (self->edit, "participants");

  dd_scenario_editor_clear_group (self, g);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *item = g_strdup_printf ("participants/%u", i);
      g_autofree char *role = g_strdup_printf ("%s/role", item);
      g_autofree char *player = g_strdup_printf ("%s/player", item);
      g_autofree char *title = g_strdup_printf (_("Role %u"), i + 1);
      Choices c;

      item_header (self, g, title, item);
      role_choices (self, &c, NULL);
      choice_row (self, g, _("Role"), role, &c);
      entry_row (self, g, _("Played By"), player);
    }
}

static void
add_clause_cb (GtkDropDown *drop_down,
               GParamSpec  *pspec,
               FieldRow    *f)
{
  DdScenarioEditor *self = g_object_get_data (G_OBJECT (drop_down), "dd-editor");
  GPtrArray *provisions = dd_plan_get_provisions (self->plan);
  guint selected = gtk_drop_down_get_selected (drop_down);
  g_autofree char *value = NULL;
  g_autofree char *joined = NULL;

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > provisions->len)
    return;
  value = dd_scenario_editor_get (self, f->field);
  joined = *value ? g_strdup_printf ("%s %s", value,
                                     ((const DdProvision *) g_ptr_array_index (provisions, selected - 1))->clause)
                  : g_strdup (((const DdProvision *) g_ptr_array_index (provisions, selected - 1))->clause);
  gtk_drop_down_set_selected (drop_down, 0);
  gtk_editable_set_text (GTK_EDITABLE (f->widget), joined);
}

void
dd_scenario_editor_build_objectives (DdScenarioEditor *self)
{
  AdwPreferencesGroup *g = self->objectives_group;
  guint n = dd_scenario_document_count (self->edit, "objectives");

  dd_scenario_editor_clear_group (self, g);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *item = g_strdup_printf ("objectives/%u", i);
      g_autofree char *id = g_strdup_printf ("%s/id", item);
      g_autofree char *clauses = g_strdup_printf ("%s/clauses", item);
      g_autofree char *text = g_strdup_printf ("%s/text", item);
      g_autofree char *title = g_strdup_printf (_("Objective %u"), i + 1);
      GtkWidget *row;
      GtkWidget *picker;
      FieldRow *f;
      Choices c;

      item_header (self, g, title, item);
      entry_row (self, g, _("Id"), id);
      entry_row (self, g, _("What It Exercises"), text);
      row = entry_row (self, g, _("Clauses of the Plan"), clauses);
      f = g_hash_table_lookup (self->fields, clauses);

      /* choose a clause of the plan to add to the list */
      clause_choices (self, &c, _("Add a clause…"));
      g_ptr_array_add (c.names, NULL);
      picker = gtk_drop_down_new_from_strings ((const char *const *) c.names->pdata);
      gtk_drop_down_set_enable_search (GTK_DROP_DOWN (picker), TRUE);
      gtk_widget_set_valign (picker, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (picker, _("Add a clause of the plan"));
      g_object_set_data (G_OBJECT (picker), "dd-editor", self);
      g_signal_connect (picker, "notify::selected", G_CALLBACK (add_clause_cb), f);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), picker);
      g_ptr_array_unref (c.ids);
      g_ptr_array_unref (c.names);
    }
}

static void
subtype_choices (DdScenarioEditor *self,
                 const DdCategory *category,
                 Choices          *c)
{
  choices_init (c, _("None"));
  for (guint i = 0; category != NULL && i < category->subtypes->len; i++)
    choices_add (c, ((const DdSubtype *) g_ptr_array_index (category->subtypes, i))->id,
                 ((const DdSubtype *) g_ptr_array_index (category->subtypes, i))->name);
}

/* The subtypes offered follow the category (the row stays: its drop-down
 * may be the one being used). */
void
dd_scenario_editor_update_subtypes (DdScenarioEditor *self)
{
  FieldRow *f = g_hash_table_lookup (self->fields, "incident/subtype");
  const DdScenarioDraft *d = dd_scenario_document_get_draft (self->edit);
  g_autoptr(GtkStringList) names = NULL;
  Choices c;

  if (f == NULL)
    return;
  subtype_choices (self, dd_plan_lookup_category (self->plan, d->incident.category), &c);
  g_ptr_array_add (c.ids, NULL);
  g_ptr_array_add (c.names, NULL);
  g_strfreev (f->ids);
  f->ids = g_strdupv ((char **) c.ids->pdata);
  names = gtk_string_list_new ((const char *const *) c.names->pdata);
  self->updating = TRUE;
  gtk_drop_down_set_model (GTK_DROP_DOWN (f->widget), G_LIST_MODEL (names));
  self->updating = FALSE;
  g_ptr_array_unref (c.ids);
  g_ptr_array_unref (c.names);
  dd_scenario_editor_fill_field (self, f);
}

void
dd_scenario_editor_build_truth (DdScenarioEditor *self)
{
  AdwPreferencesGroup *g = self->truth_group;
  const DdScenarioDraft *d = dd_scenario_document_get_draft (self->edit);
  const DdCategory *category = dd_plan_lookup_category (self->plan, d->incident.category);
  GPtrArray *arr;
  Choices c;

  dd_scenario_editor_clear_group (self, g);

  choices_init (&c, NULL);
  arr = dd_plan_get_categories (self->plan);
  for (guint i = 0; i < arr->len; i++)
    choices_add (&c, ((const DdCategory *) g_ptr_array_index (arr, i))->id,
                 ((const DdCategory *) g_ptr_array_index (arr, i))->name);
  choice_row (self, g, _("Category"), "incident/category", &c);

  subtype_choices (self, category, &c);
  choice_row (self, g, _("Subtype"), "incident/subtype", &c);

  choices_init (&c, NULL);
  arr = dd_plan_get_severities (self->plan);
  for (guint i = 0; i < arr->len; i++)
    choices_add (&c, ((const DdSeverity *) g_ptr_array_index (arr, i))->id,
                 ((const DdSeverity *) g_ptr_array_index (arr, i))->full_name);
  choice_row (self, g, _("Severity"), "incident/severity", &c);

  role_choices (self, &c, NULL);
  choice_row (self, g, _("Affected Unit"), "incident/unit", &c);
  entry_row (self, g, _("Unit Name as Printed"), "incident/unit-name");
  entry_row (self, g, _("System Hit"), "incident/system");
  entry_row (self, g, _("Location"), "incident/location");
  entry_row (self, g, _("Began (H:MM, negative before T+0)"), "incident/began");
  entry_row (self, g, _("Level Clear At (H:MM, empty: from the start)"), "incident/level-clear");
  entry_row (self, g, _("What Really Happened"), "incident/description");
}

/* Each condition of the selected inject as a sentence, under its heading. */
void
dd_scenario_editor_refresh_conditions (DdScenarioEditor *self)
{
  const DdScenarioDraft *d = dd_scenario_document_get_draft (self->edit);
  const DdInject *inject;

  if (self->selected < 0 || (guint) self->selected >= d->injects->len)
    return;
  inject = g_ptr_array_index (d->injects, self->selected);
  for (guint i = 0; i < self->condition_rows->len && i < inject->conditions->len; i++)
    {
      g_autofree char *sentence = dd_inject_condition_describe (self->plan, inject,
                                                                g_ptr_array_index (inject->conditions, i));

      adw_action_row_set_subtitle (g_ptr_array_index (self->condition_rows, i), sentence);
    }
}

void
dd_scenario_editor_build_inject (DdScenarioEditor *self)
{
  int n = self->selected;
  g_autofree char *p = g_strdup_printf ("injects/%d", n);
  guint count;
  Choices c;

  dd_scenario_editor_clear_group (self, self->inject_group);
  dd_scenario_editor_clear_group (self, self->expects_group);
  dd_scenario_editor_clear_group (self, self->conditions_group);
  dd_scenario_editor_clear_group (self, self->attachments_group);
  g_ptr_array_set_size (self->condition_rows, 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->expects_group), n >= 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->conditions_group), n >= 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->attachments_group), n >= 0);
  if (n < 0)
    return;

#define F(fmt, ...) g_strdup_printf ("%s/" fmt, p, ##__VA_ARGS__)
  {
    g_autofree char *id = F ("id"), *at = F ("at"), *from = F ("from"), *source = F ("source");
    g_autofree char *to = F ("to"), *channel = F ("channel"), *title = F ("title"), *content = F ("content");

    entry_row (self, self->inject_group, _("Id"), id);
    entry_row (self, self->inject_group, _("Time (H:MM after T+0)"), at);
    role_choices (self, &c, _("Nobody in the plan"));
    choice_row (self, self->inject_group, _("From (a role of the plan)"), from, &c);
    entry_row (self, self->inject_group, _("Sender Outside the Plan"), source);
    role_choices (self, &c, NULL);
    g_ptr_array_add (c.ids, NULL);
    g_ptr_array_add (c.names, NULL);
    multi_row (self, self->inject_group, _("To"), to, (char **) c.ids->pdata, (char **) c.names->pdata);
    g_ptr_array_unref (c.ids);
    g_ptr_array_unref (c.names);
    choices_init (&c, NULL);
    for (DdChannel ch = DD_CHANNEL_PHONE; ch <= DD_CHANNEL_FIELD_REPORT; ch++)
      choices_add (&c, dd_channel_to_string (ch), dd_scenario_editor_channel_label (ch));
    choice_row (self, self->inject_group, _("Channel"), channel, &c);
    entry_row (self, self->inject_group, _("Headline"), title);
    entry_row (self, self->inject_group, _("Content"), content);
  }

  {
    g_autofree char *list = F ("expects");

    count = dd_scenario_document_count (self->edit, list);
  }
  for (guint i = 0; i < count; i++)
    {
      g_autofree char *item = F ("expects/%u", i);
      g_autofree char *role = F ("expects/%u/role", i), *action = F ("expects/%u/action", i);
      g_autofree char *within = F ("expects/%u/within", i), *clause = F ("expects/%u/clause", i);
      g_autofree char *severity = F ("expects/%u/severity", i), *text = F ("expects/%u/text", i);
      g_autofree char *heading = g_strdup_printf (_("Expected Action %u"), i + 1);

      item_header (self, self->expects_group, heading, item);
      role_choices (self, &c, NULL);
      choice_row (self, self->expects_group, _("Role"), role, &c);
      action_choices (self, &c);
      choice_row (self, self->expects_group, _("Action"), action, &c);
      entry_row (self, self->expects_group, _("Within (H:MM after delivery)"), within);
      clause_choices (self, &c, NULL);
      choice_row (self, self->expects_group, _("Clause Cited"), clause, &c);
      choices_init (&c, NULL);
      choices_add (&c, "minor", _("Minor"));
      choices_add (&c, "major", _("Major"));
      choices_add (&c, "critical", _("Critical"));
      choice_row (self, self->expects_group, _("Severity When Late or Missing"), severity, &c);
      entry_row (self, self->expects_group, _("Note"), text);
    }

  {
    g_autofree char *list = F ("conditions");

    count = dd_scenario_document_count (self->edit, list);
  }
  for (guint i = 0; i < count; i++)
    {
      g_autofree char *item = F ("conditions/%u", i);
      g_autofree char *type = F ("conditions/%u/type", i), *action = F ("conditions/%u/action", i);
      g_autofree char *role = F ("conditions/%u/role", i);
      g_autofree char *approval = F ("conditions/%u/approval", i), *by = F ("conditions/%u/by", i);
      g_autofree char *heading = g_strdup_printf (_("Condition %u"), i + 1);
      GtkWidget *header = item_header (self, self->conditions_group, heading, item);

      g_ptr_array_add (self->condition_rows, g_object_ref (header));
      choices_init (&c, NULL);
      choices_add (&c, "after", _("Only after the action was taken"));
      choices_add (&c, "absent", _("Only if the action was not taken"));
      choices_add (&c, "release-missing", _("Escalates: no approved release by the deadline"));
      choices_add (&c, "release-unapproved", _("Escalates: a release went out unapproved"));
      choices_add (&c, "release-timely", _("Subsides: the release was approved and on time"));
      choice_row (self, self->conditions_group, _("Delivered"), type, &c);
      action_choices (self, &c);
      choice_row (self, self->conditions_group, _("Action"), action, &c);
      role_choices (self, &c, _("Any role"));
      choice_row (self, self->conditions_group, _("Taken By"), role, &c);
      action_choices (self, &c);
      choice_row (self, self->conditions_group, _("Approved By (release conditions)"), approval, &c);
      entry_row (self, self->conditions_group, _("Release Deadline (H:MM, empty: the inject’s time)"), by);
    }
  dd_scenario_editor_refresh_conditions (self);

  {
    g_autofree char *list = F ("attachments");

    count = dd_scenario_document_count (self->edit, list);
  }
  for (guint i = 0; i < count; i++)
    {
      g_autofree char *item = F ("attachments/%u", i);
      g_autofree char *file = F ("attachments/%u/file", i), *label = F ("attachments/%u/label", i);
      g_autofree char *heading = g_strdup_printf (_("Attachment %u"), i + 1);

      item_header (self, self->attachments_group, heading, item);
      entry_row (self, self->attachments_group, _("File"), file);
      entry_row (self, self->attachments_group, _("Label"), label);
    }
#undef F
}
