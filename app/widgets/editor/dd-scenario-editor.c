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
#include "dd-scenario-editor.h"
#include "dd-start-page.h"

#define AUTOSAVE_SECONDS 5

typedef enum {
  FIELD_ENTRY,
  FIELD_CHOICE,
} FieldKind;

typedef struct {
  char       *field;
  AdwActionRow *row;
  GtkWidget  *widget;
  char      **ids;                 /* FIELD_CHOICE: the value of each item */
} FieldRow;

enum {
  COL_INDEX,
  COL_TIME,
  COL_FROM,
  COL_TO,
  COL_CHANNEL,
  COL_CONTENT,
  COL_CHECKS,
  N_COLS
};

struct _DdScenarioEditor
{
  AdwWindow             parent_instance;

  DdPlan               *plan;
  DdScenarioDocument       *edit;
  GHashTable           *fields;        /* field path -> FieldRow */
  GHashTable           *group_rows;    /* AdwPreferencesGroup -> GPtrArray of rows */
  GtkStringList        *msel_items;    /* document indices, as strings */
  GtkSingleSelection   *msel_selection;
  int                   selected;      /* document index of the selected inject, or -1 */
  const char           *editing;       /* field a widget is changing now */
  gboolean              updating;      /* widgets are being filled from the document */
  char                 *dry_run_result;
  GtkFileChooserNative *chooser;
  gboolean              close_after_save;

  /* template children */
  AdwToastOverlay      *toast_overlay;
  AdwViewStack         *view_stack;
  AdwPreferencesGroup  *general_group;
  AdwPreferencesGroup  *participants_group;
  AdwPreferencesGroup  *objectives_group;
  AdwPreferencesGroup  *truth_group;
  AdwPreferencesGroup  *inject_group;
  AdwPreferencesGroup  *expects_group;
  AdwPreferencesGroup  *conditions_group;
  AdwPreferencesGroup  *attachments_group;
  GtkColumnView        *msel_view;
  GtkRevealer          *dry_run_revealer;
  GtkLabel             *dry_run_label;
  GMenu                *template_section;
};

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
  g_free (f);
}

static void
toast (DdScenarioEditor *self,
       const char       *text)
{
  AdwToast *t = adw_toast_new (text);

  adw_toast_set_timeout (t, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

static char *
get (DdScenarioEditor *self,
     const char       *field)
{
  char *v = dd_scenario_document_get (self->edit, field);

  return v ? v : g_strdup ("");
}

static void
add_row (DdScenarioEditor    *self,
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

static void
clear_group (DdScenarioEditor    *self,
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
/* Field rows                                                          */

static void
show_checks (DdScenarioEditor *self,
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

static void
fill_field (DdScenarioEditor *self,
            FieldRow         *f)
{
  g_autofree char *value = get (self, f->field);

  self->updating = TRUE;
  if (GTK_IS_EDITABLE (f->widget))
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
  show_checks (self, f);
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
  add_row (self, group, row);
  fill_field (self, f);
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
static void
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
  add_row (self, group, row);
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
      choices_add (c, r->id, r->name);
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

static const char *
channel_label (DdChannel channel)
{
  switch (channel)
    {
    case DD_CHANNEL_PHONE: return _("Phone");
    case DD_CHANNEL_FAX: return _("Fax");
    case DD_CHANNEL_MONITORING_ALERT: return _("Monitoring alert");
    case DD_CHANNEL_EMAIL: return _("Email");
    case DD_CHANNEL_NEWS: return _("News");
    case DD_CHANNEL_WEIBO: return _("Weibo");
    case DD_CHANNEL_FIELD_REPORT: return _("Field report");
    default: return dd_channel_to_string (channel);
    }
}

/* ------------------------------------------------------------------ */
/* Building the pages                                                  */

static void
build_general (DdScenarioEditor *self)
{
  AdwPreferencesGroup *g = self->general_group;
  Choices c;

  clear_group (self, g);
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

static void
build_participants (DdScenarioEditor *self)
{
  AdwPreferencesGroup *g = self->participants_group;
  guint n = dd_scenario_document_count (self->edit, "participants");

  clear_group (self, g);
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
  value = get (self, f->field);
  joined = *value ? g_strdup_printf ("%s %s", value,
                                     ((const DdProvision *) g_ptr_array_index (provisions, selected - 1))->clause)
                  : g_strdup (((const DdProvision *) g_ptr_array_index (provisions, selected - 1))->clause);
  gtk_drop_down_set_selected (drop_down, 0);
  gtk_editable_set_text (GTK_EDITABLE (f->widget), joined);
}

static void
build_objectives (DdScenarioEditor *self)
{
  AdwPreferencesGroup *g = self->objectives_group;
  guint n = dd_scenario_document_count (self->edit, "objectives");

  clear_group (self, g);
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
static void
update_subtypes (DdScenarioEditor *self)
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
  fill_field (self, f);
}

static void
build_truth (DdScenarioEditor *self)
{
  AdwPreferencesGroup *g = self->truth_group;
  const DdScenarioDraft *d = dd_scenario_document_get_draft (self->edit);
  const DdCategory *category = dd_plan_lookup_category (self->plan, d->incident.category);
  GPtrArray *arr;
  Choices c;

  clear_group (self, g);

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

static void
build_inject (DdScenarioEditor *self)
{
  int n = self->selected;
  g_autofree char *p = g_strdup_printf ("injects/%d", n);
  guint count;
  Choices c;

  clear_group (self, self->inject_group);
  clear_group (self, self->expects_group);
  clear_group (self, self->conditions_group);
  clear_group (self, self->attachments_group);
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
    entry_row (self, self->inject_group, _("To (role ids, separated by spaces)"), to);
    choices_init (&c, NULL);
    for (DdChannel ch = DD_CHANNEL_PHONE; ch <= DD_CHANNEL_FIELD_REPORT; ch++)
      choices_add (&c, dd_channel_to_string (ch), channel_label (ch));
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
      g_autofree char *heading = g_strdup_printf (_("Condition %u"), i + 1);

      item_header (self, self->conditions_group, heading, item);
      choices_init (&c, NULL);
      choices_add (&c, "after", _("Only after the action was taken"));
      choices_add (&c, "absent", _("Only if the action was not taken"));
      choice_row (self, self->conditions_group, _("Delivered"), type, &c);
      action_choices (self, &c);
      choice_row (self, self->conditions_group, _("Action"), action, &c);
      role_choices (self, &c, _("Any role"));
      choice_row (self, self->conditions_group, _("Taken By"), role, &c);
    }

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
      return g_strdup (channel_label (inject->channel));
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
  build_inject (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.inject-duplicate", index >= 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.inject-delete", index >= 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.inject-move", index >= 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.inject-add-part", index >= 0);
}

/* Refills the table, keeping document index @keep selected. */
static void
refresh_msel (DdScenarioEditor *self,
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
    show_checks (self, f);

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
      fill_field (self, f);
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
      refresh_msel (self, keep);
    }
  else
    {
      guint index;

      if (g_strcmp0 (field, "incident/category") == 0)
        update_subtypes (self);
      refresh_values (self);
      refresh_checks (self);
      if (sscanf (field, "injects/%u/", &index) == 1)
        refresh_msel_row (self, index);
    }
  update_title (self);
}

static void
rebuild (DdScenarioEditor *self)
{
  build_general (self);
  build_participants (self);
  build_objectives (self);
  build_truth (self);
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
/* Files                                                               */

static gboolean
save (DdScenarioEditor *self,
      const char       *path)
{
  g_autoptr(GError) error = NULL;

  if (!(path ? dd_scenario_editor_save_to (self, path, &error) : dd_scenario_document_save (self->edit, &error)))
    {
      toast (self, error->message);
      return FALSE;
    }
  toast (self, _("Saved"));
  return TRUE;
}

static void
save_chooser_response_cb (DdScenarioEditor     *self,
                          int                   response,
                          GtkFileChooserNative *chooser)
{
  gboolean close = self->close_after_save;

  self->close_after_save = FALSE;
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL && save (self, path) && close)
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

      if (path != NULL && !dd_scenario_editor_open (self, path, &error))
        toast (self, error->message);
    }
  g_clear_object (&self->chooser);
}

static void
choose_file (DdScenarioEditor     *self,
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

static void
fill_template_menu (DdScenarioEditor *self)
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

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  DdScenarioEditor *self = target_window (DD_SCENARIO_EDITOR (widget));
  g_autoptr(DdScenarioDocument) edit = dd_scenario_document_new (self->plan);

  dd_scenario_editor_set_document (self, edit);
}

static void
new_from_template_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  DdScenarioEditor *self = target_window (DD_SCENARIO_EDITOR (widget));
  g_autoptr(GError) error = NULL;

  if (!dd_scenario_editor_new_from_template (self, g_variant_get_string (param, NULL), &error))
    toast (self, error->message);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  DdScenarioEditor *self = target_window (DD_SCENARIO_EDITOR (widget));

  choose_file (self, GTK_FILE_CHOOSER_ACTION_OPEN, G_CALLBACK (open_chooser_response_cb));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  DdScenarioEditor *self = DD_SCENARIO_EDITOR (widget);

  if (dd_scenario_document_get_path (self->edit) == NULL)
    choose_file (self, GTK_FILE_CHOOSER_ACTION_SAVE, G_CALLBACK (save_chooser_response_cb));
  else
    save (self, NULL);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  choose_file (DD_SCENARIO_EDITOR (widget), GTK_FILE_CHOOSER_ACTION_SAVE, G_CALLBACK (save_chooser_response_cb));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  DdScenarioEditor *self = DD_SCENARIO_EDITOR (widget);

  if (!dd_scenario_document_undo (self->edit))
    gtk_widget_error_bell (widget);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  DdScenarioEditor *self = DD_SCENARIO_EDITOR (widget);

  if (!dd_scenario_document_redo (self->edit))
    gtk_widget_error_bell (widget);
}

static void
dry_run_action (GtkWidget  *widget,
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

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  DdScenarioEditor *self = DD_SCENARIO_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (dd_scenario_document_add (self->edit, g_variant_get_string (param, NULL), &error) < 0)
    toast (self, error->message);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  DdScenarioEditor *self = DD_SCENARIO_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (!dd_scenario_document_remove (self->edit, g_variant_get_string (param, NULL), &error))
    toast (self, error->message);
}

static void
inject_action (GtkWidget  *widget,
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
      toast (self, error->message);
      return;
    }
  refresh_msel (self, keep);
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
          choose_file (self, GTK_FILE_CHOOSER_ACTION_SAVE, G_CALLBACK (save_chooser_response_cb));
        }
      else if (save (self, NULL))
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

  gtk_widget_class_install_action (widget_class, "editor.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "editor.new-from-template", "s", new_from_template_action);
  gtk_widget_class_install_action (widget_class, "editor.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "editor.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "editor.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "editor.dry-run", NULL, dry_run_action);
  gtk_widget_class_install_action (widget_class, "editor.add", "s", add_action);
  gtk_widget_class_install_action (widget_class, "editor.remove", "s", remove_action);
  gtk_widget_class_install_action (widget_class, "editor.inject-add", NULL, inject_action);
  gtk_widget_class_install_action (widget_class, "editor.inject-duplicate", NULL, inject_action);
  gtk_widget_class_install_action (widget_class, "editor.inject-delete", NULL, inject_action);
  gtk_widget_class_install_action (widget_class, "editor.inject-move", "i", inject_action);
  gtk_widget_class_install_action (widget_class, "editor.inject-add-part", "s", inject_action);

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
  self->selected = -1;
  setup_msel (self);
  fill_template_menu (self);
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
  refresh_msel (self, 0);
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
    toast (self, _("Unsaved changes from the last session were restored"));
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
  refresh_msel (self, (int) index);
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
