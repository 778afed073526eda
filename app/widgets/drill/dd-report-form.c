/* dd-report-form.c — the incident report form (plan appendix 8.3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The paper form as the plan defines it: each field of the plan's form in
 * order, label on the left and the box on the right, required fields
 * marked; the event category, the level and the hazards as boxes to
 * tick (one category, one level, any number of hazards): toggle buttons,
 * which keyboard and screen reader users can press (GTK 4.8 gives check
 * buttons no accessible action).  The inputs are made
 * from the plan at run time — the form has as many rows as the plan has
 * fields — inside the template's grid.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "dd-error.h"
#include "dd-report-form.h"

typedef struct {
  const DdFormField *field;
  GtkWidget         *label;
  GtkWidget         *input;      /* GtkEntry, GtkTextView, or the box of checks */
  GtkWidget         *error;
  GPtrArray         *checks;     /* GtkToggleButton, for option fields (boxes a screen reader can press) */
  GPtrArray         *check_ids;  /* char *, parallel to checks */
} Field;

struct _DdReportForm
{
  AdwBin       parent_instance;

  DdScenario  *scenario;
  GPtrArray   *fields;           /* Field */
  GPtrArray   *recipients;       /* GtkToggleButton */
  GPtrArray   *recipient_ids;    /* char * */
  GPtrArray   *type_ids;         /* char * */
  char        *auto_stamp;       /* the report time filled in when the form was cleared */

  /* template children */
  GtkLabel    *form_title;
  GtkLabel    *form_clause;
  GtkDropDown *type_dropdown;
  GtkFlowBox  *recipients_box;
  GtkLabel    *recipients_error;
  GtkGrid     *fields_grid;
};

G_DEFINE_FINAL_TYPE (DdReportForm, dd_report_form, ADW_TYPE_BIN)

static void
field_free (gpointer data)
{
  Field *f = data;

  g_clear_pointer (&f->checks, g_ptr_array_unref);
  g_clear_pointer (&f->check_ids, g_ptr_array_unref);
  g_free (f);
}

static Field *
lookup_field (DdReportForm *self,
              const char   *id)
{
  for (guint i = 0; self->fields != NULL && i < self->fields->len; i++)
    {
      Field *f = g_ptr_array_index (self->fields, i);

      if (g_strcmp0 (f->field->id, id) == 0)
        return f;
    }
  return NULL;
}

static gboolean
is_option_field (const DdFormField *field)
{
  return field->type == DD_FIELD_TYPE_CATEGORY ||
         field->type == DD_FIELD_TYPE_SEVERITY ||
         field->type == DD_FIELD_TYPE_HAZARDS;
}

static void
add_check (Field      *f,
           GtkWidget  *box,
           const char *id,
           const char *label,
           gboolean    exclusive)
{
  GtkWidget *check = gtk_toggle_button_new_with_label (label);

  if (exclusive && f->checks->len > 0)
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (check), g_ptr_array_index (f->checks, 0));
  gtk_widget_add_css_class (check, "form-box");
  g_ptr_array_add (f->checks, check);
  g_ptr_array_add (f->check_ids, g_strdup (id));
  gtk_flow_box_append (GTK_FLOW_BOX (box), check);
}

static GtkWidget *
make_input (DdReportForm *self,
            Field        *f)
{
  DdPlan *plan = dd_scenario_get_plan (self->scenario);
  GtkWidget *box;

  switch (f->field->type)
    {
    case DD_FIELD_TYPE_TEXT:
    case DD_FIELD_TYPE_DATETIME:
      {
        GtkWidget *entry = gtk_entry_new ();

        gtk_widget_set_hexpand (entry, TRUE);
        if (f->field->type == DD_FIELD_TYPE_DATETIME)
          /* Translators: the format a date and time is typed in */
          gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("YYYY-MM-DD HH:MM"));
        gtk_entry_set_activates_default (GTK_ENTRY (entry), FALSE);
        return entry;
      }
    case DD_FIELD_TYPE_LONGTEXT:
      {
        GtkWidget *view = gtk_text_view_new ();

        gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
        gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
        gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
        gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
        gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 4);
        gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 4);
        gtk_widget_set_size_request (view, -1, 64);
        gtk_widget_set_hexpand (view, TRUE);
        gtk_widget_add_css_class (view, "card");
        return view;
      }
    case DD_FIELD_TYPE_CATEGORY:
    case DD_FIELD_TYPE_SEVERITY:
    case DD_FIELD_TYPE_HAZARDS:
      break;
    }

  box = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (box), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (box), 4);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (box), 6);
  gtk_widget_set_hexpand (box, TRUE);
  f->checks = g_ptr_array_new ();
  f->check_ids = g_ptr_array_new_with_free_func (g_free);

  if (f->field->type == DD_FIELD_TYPE_CATEGORY)
    {
      GPtrArray *categories = dd_plan_get_categories (plan);

      for (guint i = 0; i < categories->len; i++)
        {
          const DdCategory *c = g_ptr_array_index (categories, i);

          add_check (f, box, c->id, c->form_label ? c->form_label : c->name, TRUE);
        }
    }
  else if (f->field->type == DD_FIELD_TYPE_SEVERITY)
    {
      GPtrArray *severities = dd_plan_get_severities (plan);
      const DdSeverity *undetermined = dd_plan_get_undetermined_severity (plan);

      for (guint i = 0; i < severities->len; i++)
        {
          const DdSeverity *s = g_ptr_array_index (severities, i);

          add_check (f, box, s->id, s->name, TRUE);
        }
      if (undetermined != NULL)
        add_check (f, box, undetermined->id, undetermined->name, TRUE);
    }
  else
    {
      GPtrArray *hazards = dd_plan_get_hazards (plan);

      for (guint i = 0; i < hazards->len; i++)
        {
          const DdOption *o = g_ptr_array_index (hazards, i);

          add_check (f, box, o->id, o->label, FALSE);
        }
    }
  return box;
}

static void
clear_layout (DdReportForm *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->fields_grid))) != NULL)
    gtk_grid_remove (self->fields_grid, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recipients_box))) != NULL)
    gtk_flow_box_remove (self->recipients_box, child);
  g_ptr_array_set_size (self->fields, 0);
  g_ptr_array_set_size (self->recipients, 0);
  g_ptr_array_set_size (self->recipient_ids, 0);
  g_ptr_array_set_size (self->type_ids, 0);
}

/* The bodies a report goes to: superiors, governments, headquarters and
 * their office. */
static gboolean
is_report_recipient (const DdRole *role)
{
  switch (role->kind)
    {
    case DD_ROLE_KIND_SUPERIOR:
    case DD_ROLE_KIND_GOVERNMENT:
    case DD_ROLE_KIND_HQ:
    case DD_ROLE_KIND_OFFICE:
    case DD_ROLE_KIND_COUNTY_HQ:
    case DD_ROLE_KIND_LOCAL_GOVERNMENT:
      return TRUE;
    default:
      return FALSE;
    }
}

static void
layout_form (DdReportForm *self)
{
  DdPlan *plan = dd_scenario_get_plan (self->scenario);
  GPtrArray *fields = dd_plan_get_form_fields (plan);
  GPtrArray *types = dd_plan_get_report_types (plan);
  GPtrArray *roles = dd_plan_get_roles (plan);
  g_autoptr(GtkStringList) type_labels = gtk_string_list_new (NULL);
  g_autofree char *clause = g_strdup_printf ("§ %s", dd_plan_get_form_clause (plan));
  int row = 0;

  clear_layout (self);
  gtk_label_set_text (self->form_title, dd_plan_get_form_title (plan));
  gtk_label_set_text (self->form_clause, clause);

  for (guint i = 0; i < types->len; i++)
    {
      const DdOption *o = g_ptr_array_index (types, i);

      gtk_string_list_append (type_labels, o->label);
      g_ptr_array_add (self->type_ids, g_strdup (o->id));
    }
  gtk_drop_down_set_model (self->type_dropdown, G_LIST_MODEL (type_labels));

  for (guint i = 0; i < roles->len; i++)
    {
      const DdRole *role = g_ptr_array_index (roles, i);
      GtkWidget *check;

      if (!is_report_recipient (role))
        continue;
      check = gtk_toggle_button_new_with_label (role->short_name ? role->short_name : role->name);
      gtk_widget_set_tooltip_text (check, role->name);
      gtk_widget_add_css_class (check, "form-box");
      g_ptr_array_add (self->recipients, check);
      g_ptr_array_add (self->recipient_ids, g_strdup (role->id));
      gtk_flow_box_append (self->recipients_box, check);
    }

  for (guint i = 0; i < fields->len; i++)
    {
      Field *f = g_new0 (Field, 1);
      g_autofree char *text = NULL;

      f->field = g_ptr_array_index (fields, i);
      text = f->field->required ? g_strdup_printf ("%s *", f->field->label) : g_strdup (f->field->label);
      f->label = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (f->label), 1.0);
      gtk_label_set_yalign (GTK_LABEL (f->label), 0.0);
      gtk_label_set_wrap (GTK_LABEL (f->label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (f->label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (f->label), 12);
      gtk_label_set_width_chars (GTK_LABEL (f->label), 8);
      gtk_widget_set_margin_top (f->label, 6);
      f->input = make_input (self, f);
      f->error = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (f->error), 0.0);
      gtk_label_set_wrap (GTK_LABEL (f->error), TRUE);
      gtk_widget_add_css_class (f->error, "error");
      gtk_widget_add_css_class (f->error, "caption");
      gtk_widget_set_visible (f->error, FALSE);

      /* The accessible name is the plan's label; "required" is a state */
      gtk_accessible_update_property (GTK_ACCESSIBLE (f->input),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, f->field->label,
                                      GTK_ACCESSIBLE_PROPERTY_REQUIRED, f->field->required,
                                      -1);
      if (!is_option_field (f->field))
        gtk_label_set_mnemonic_widget (GTK_LABEL (f->label), f->input);

      gtk_grid_attach (self->fields_grid, f->label, 0, row, 1, 1);
      gtk_grid_attach (self->fields_grid, f->input, 1, row, 1, 1);
      gtk_grid_attach (self->fields_grid, f->error, 1, row + 1, 1, 1);
      row += 2;
      g_ptr_array_add (self->fields, f);
    }
}

static void
set_error (GtkWidget  *label,
           GtkWidget  *input,
           const char *message)
{
  gtk_label_set_text (GTK_LABEL (label), message != NULL ? message : "");
  gtk_widget_set_visible (label, message != NULL);
  if (input != NULL)
    {
      if (message != NULL)
        gtk_widget_add_css_class (input, "error");
      else
        gtk_widget_remove_css_class (input, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (input),
                                   GTK_ACCESSIBLE_STATE_INVALID,
                                   message != NULL ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                                   -1);
    }
}

/* A field the form fills in with the time of filing */
static gboolean
is_report_time (const DdFormField *field)
{
  return field->type == DD_FIELD_TYPE_DATETIME && g_str_has_prefix (field->id, "report");
}

static gboolean
parse_datetime (const char *text)
{
  int y, mo, d, h, mi;
  char tail;

  if (sscanf (text, "%4d-%2d-%2d %2d:%2d%c", &y, &mo, &d, &h, &mi, &tail) != 5)
    return FALSE;
  return y >= 1900 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h >= 0 && h < 24 && mi >= 0 && mi < 60;
}

static void
dd_report_form_dispose (GObject *object)
{
  DdReportForm *self = DD_REPORT_FORM (object);

  g_clear_object (&self->scenario);

  G_OBJECT_CLASS (dd_report_form_parent_class)->dispose (object);
}

static void
dd_report_form_finalize (GObject *object)
{
  DdReportForm *self = DD_REPORT_FORM (object);

  g_ptr_array_unref (self->fields);
  g_ptr_array_unref (self->recipients);
  g_ptr_array_unref (self->recipient_ids);
  g_ptr_array_unref (self->type_ids);
  g_free (self->auto_stamp);

  G_OBJECT_CLASS (dd_report_form_parent_class)->finalize (object);
}

static void
dd_report_form_class_init (DdReportFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_report_form_dispose;
  object_class->finalize = dd_report_form_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/dd-report-form.ui");
  gtk_widget_class_bind_template_child (widget_class, DdReportForm, form_title);
  gtk_widget_class_bind_template_child (widget_class, DdReportForm, form_clause);
  gtk_widget_class_bind_template_child (widget_class, DdReportForm, type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DdReportForm, recipients_box);
  gtk_widget_class_bind_template_child (widget_class, DdReportForm, recipients_error);
  gtk_widget_class_bind_template_child (widget_class, DdReportForm, fields_grid);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_FORM);
}

static void
dd_report_form_init (DdReportForm *self)
{
  self->fields = g_ptr_array_new_with_free_func (field_free);
  self->recipients = g_ptr_array_new ();
  self->recipient_ids = g_ptr_array_new_with_free_func (g_free);
  self->type_ids = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Incident report form"),
                                  -1);
}

GtkWidget *
dd_report_form_new (void)
{
  return g_object_new (DD_TYPE_REPORT_FORM, NULL);
}

void
dd_report_form_set_scenario (DdReportForm *self,
                             DdScenario   *scenario)
{
  g_return_if_fail (DD_IS_REPORT_FORM (self));
  g_return_if_fail (DD_IS_SCENARIO (scenario));

  if (!g_set_object (&self->scenario, scenario))
    return;
  layout_form (self);
  dd_report_form_clear (self, 0);
}

void
dd_report_form_clear (DdReportForm *self,
                      gint64        now)
{
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *stamp = NULL;

  g_return_if_fail (DD_IS_REPORT_FORM (self));

  if (self->scenario == NULL)
    return;
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *f = g_ptr_array_index (self->fields, i);

      dd_report_form_set_field (self, f->field->id, NULL);
      set_error (f->error, f->input, NULL);
    }
  for (guint i = 0; i < self->recipients->len; i++)
    gtk_toggle_button_set_active (g_ptr_array_index (self->recipients, i), FALSE);
  set_error (GTK_WIDGET (self->recipients_error), NULL, NULL);
  gtk_drop_down_set_selected (self->type_dropdown, 0);

  when = dd_scenario_offset_to_datetime (self->scenario, now);
  stamp = when != NULL ? g_date_time_format (when, "%Y-%m-%d %H:%M") : NULL;
  g_free (self->auto_stamp);
  self->auto_stamp = g_strdup (stamp);
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *f = g_ptr_array_index (self->fields, i);

      /* The report time is the time of filing: fill it in */
      if (is_report_time (f->field) && stamp != NULL)
        gtk_editable_set_text (GTK_EDITABLE (f->input), stamp);
    }
}

void
dd_report_form_set_field (DdReportForm *self,
                          const char   *field_id,
                          const char   *value)
{
  Field *f;

  g_return_if_fail (DD_IS_REPORT_FORM (self));

  f = lookup_field (self, field_id);
  g_return_if_fail (f != NULL);

  if (f->checks != NULL)
    {
      g_auto(GStrv) ids = g_strsplit_set (value != NULL ? value : "", " ,", -1);

      for (guint i = 0; i < f->checks->len; i++)
        gtk_toggle_button_set_active (g_ptr_array_index (f->checks, i),
                                     g_strv_contains ((const char *const *) ids,
                                                      g_ptr_array_index (f->check_ids, i)));
    }
  else if (GTK_IS_TEXT_VIEW (f->input))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (f->input)),
                              value != NULL ? value : "", -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (f->input), value != NULL ? value : "");
}

char *
dd_report_form_get_field (DdReportForm *self,
                          const char   *field_id)
{
  Field *f;
  g_autofree char *text = NULL;

  g_return_val_if_fail (DD_IS_REPORT_FORM (self), NULL);

  f = lookup_field (self, field_id);
  g_return_val_if_fail (f != NULL, NULL);

  if (f->checks != NULL)
    {
      g_autoptr(GString) ids = g_string_new (NULL);

      for (guint i = 0; i < f->checks->len; i++)
        if (gtk_toggle_button_get_active (g_ptr_array_index (f->checks, i)))
          {
            if (ids->len > 0)
              g_string_append_c (ids, ' ');
            g_string_append (ids, g_ptr_array_index (f->check_ids, i));
          }
      text = g_string_free (g_steal_pointer (&ids), FALSE);
    }
  else if (GTK_IS_TEXT_VIEW (f->input))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (f->input));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  else
    text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (f->input)));

  g_strstrip (text);
  if (*text == '\0')
    return NULL;
  return g_steal_pointer (&text);
}

void
dd_report_form_set_report_type (DdReportForm *self,
                                const char   *type_id)
{
  g_return_if_fail (DD_IS_REPORT_FORM (self));

  for (guint i = 0; i < self->type_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->type_ids, i), type_id) == 0)
      gtk_drop_down_set_selected (self->type_dropdown, i);
}

void
dd_report_form_set_recipients (DdReportForm      *self,
                               const char *const *role_ids)
{
  g_return_if_fail (DD_IS_REPORT_FORM (self));

  for (guint i = 0; i < self->recipients->len; i++)
    gtk_toggle_button_set_active (g_ptr_array_index (self->recipients, i),
                                 role_ids != NULL &&
                                 g_strv_contains (role_ids, g_ptr_array_index (self->recipient_ids, i)));
}

guint
dd_report_form_validate (DdReportForm *self)
{
  return dd_report_form_validate_full (self, NULL);
}

guint
dd_report_form_validate_full (DdReportForm *self,
                              guint        *missing)
{
  guint problems = 0;
  gboolean any_recipient = FALSE;
  GtkWidget *first = NULL;

  g_return_val_if_fail (DD_IS_REPORT_FORM (self), 0);

  if (missing != NULL)
    *missing = 0;
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *f = g_ptr_array_index (self->fields, i);
      g_autofree char *value = dd_report_form_get_field (self, f->field->id);
      g_autofree char *message = NULL;

      if (value == NULL && f->field->required)
        {
          if (is_option_field (f->field))
            /* Translators: %s is a field of the report form */
            message = g_strdup_printf (_("Tick a box for “%s”."), f->field->label);
          else
            message = g_strdup_printf (_("“%s” is required."), f->field->label);
          if (missing != NULL)
            (*missing)++;
        }
      else if (value != NULL && f->field->type == DD_FIELD_TYPE_DATETIME && !parse_datetime (value))
        message = g_strdup_printf (_("Write the time as 2025-06-17 08:40."));

      set_error (f->error, f->input, message);
      if (message != NULL)
        {
          problems++;
          if (first == NULL)
            first = f->checks != NULL ? g_ptr_array_index (f->checks, 0) : f->input;
        }
    }

  for (guint i = 0; i < self->recipients->len; i++)
    any_recipient |= gtk_toggle_button_get_active (g_ptr_array_index (self->recipients, i));
  set_error (GTK_WIDGET (self->recipients_error), NULL,
             any_recipient ? NULL : _("Tick at least one recipient."));
  if (!any_recipient)
    {
      problems++;
      if (first == NULL && self->recipients->len > 0)
        first = g_ptr_array_index (self->recipients, 0);
    }

  if (first != NULL)
    gtk_widget_grab_focus (first);
  return problems;
}

DdAction *
dd_report_form_build_action (DdReportForm *self,
                             const char   *role,
                             gint64        at,
                             gboolean      incomplete_ok,
                             guint        *missing,
                             GError      **error)
{
  g_autoptr(DdAction) action = NULL;
  g_autoptr(GPtrArray) to = g_ptr_array_new ();
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *stamp = NULL;
  guint problems, empty = 0;
  guint type;

  g_return_val_if_fail (DD_IS_REPORT_FORM (self), NULL);
  g_return_val_if_fail (role != NULL, NULL);

  /* The time of filing, where the form wrote the time it was opened */
  when = dd_scenario_offset_to_datetime (self->scenario, at);
  stamp = when != NULL ? g_date_time_format (when, "%Y-%m-%d %H:%M") : NULL;
  for (guint i = 0; stamp != NULL && i < self->fields->len; i++)
    {
      Field *f = g_ptr_array_index (self->fields, i);
      g_autofree char *value = dd_report_form_get_field (self, f->field->id);

      if (is_report_time (f->field) && g_strcmp0 (value, self->auto_stamp) == 0)
        {
          gtk_editable_set_text (GTK_EDITABLE (f->input), stamp);
          g_free (self->auto_stamp);
          self->auto_stamp = g_strdup (stamp);
        }
    }

  problems = dd_report_form_validate_full (self, &empty);
  if (missing != NULL)
    *missing = empty;
  if (problems > (incomplete_ok ? empty : 0))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "The report form has %u problem.",
                                "The report form has %u problems.", problems),
                   problems);
      return NULL;
    }

  action = dd_action_new (at, role, "report");
  type = gtk_drop_down_get_selected (self->type_dropdown);
  if (type < self->type_ids->len)
    action->report_type = g_strdup (g_ptr_array_index (self->type_ids, type));
  for (guint i = 0; i < self->recipients->len; i++)
    if (gtk_toggle_button_get_active (g_ptr_array_index (self->recipients, i)))
      g_ptr_array_add (to, g_ptr_array_index (self->recipient_ids, i));
  g_ptr_array_add (to, NULL);
  dd_action_set_to (action, (const char *const *) to->pdata);

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *f = g_ptr_array_index (self->fields, i);
      g_autofree char *value = dd_report_form_get_field (self, f->field->id);

      if (value != NULL)
        dd_action_set_field (action, f->field->id, value);
    }
  return g_steal_pointer (&action);
}
