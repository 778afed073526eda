/* dd-plan-browser-sections.c — the plan browser's sections, each filled
 * from the plan: overview, classification, levels, organisation, duty
 * phones, reporting, response, rules, provisions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "dd-plan-browser-private.h"

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

static GDateTime *
parse_iso_date (const char *iso)
{
  int y, m, d;

  if (iso == NULL || sscanf (iso, "%d-%d-%d", &y, &m, &d) != 3)
    return NULL;
  return g_date_time_new_local (y, m, d, 0, 0, 0);
}

static char *
format_date (GDateTime *date)
{
  if (date == NULL)
    return g_strdup ("");
  /* Translators: a date as in "December 31, 2023"; strftime format */
  return g_date_time_format (date, C_("date format", "%B %-d, %Y"));
}

static char *
format_iso_date (const char *iso)
{
  g_autoptr(GDateTime) date = parse_iso_date (iso);

  if (date == NULL)
    return g_strdup (iso != NULL ? iso : "");
  return format_date (date);
}

static char *
clause_text (const char *clause)
{
  /* Translators: a reference to a numbered clause of the plan, e.g. "§ 4.2.1" */
  return g_strdup_printf (_("§ %s"), clause);
}

static const char *
role_name (DdPlan     *plan,
           const char *id)
{
  const DdRole *role;

  if (id == NULL)
    return "";
  role = dd_plan_lookup_role (plan, id);
  return role != NULL ? role->name : id;
}

static char *
role_names (DdPlan      *plan,
            char       **ids)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  /* Posts share a name (six deputy commanders): name each once */
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      const char *name = role_name (plan, ids[i]);

      if (!g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
        g_ptr_array_add (names, (gpointer) name);
    }
  g_ptr_array_add (names, NULL);
  /* Translators: separator between names in a list */
  return g_strjoinv (_(", "), (char **) names->pdata);
}

static void
set_row_value (AdwActionRow *row,
               const char   *value)
{
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (row, value != NULL ? value : "");
  gtk_widget_set_visible (GTK_WIDGET (row), value != NULL && *value != '\0');
}

static const char *
rule_kind_label (DdRuleKind kind)
{
  switch (kind)
    {
    case DD_RULE_KIND_DEADLINE:
      return _("Deadline");
    case DD_RULE_KIND_AUTHORITY:
      return _("Authority");
    case DD_RULE_KIND_PREREQUISITE:
      return _("Prerequisite");
    case DD_RULE_KIND_OBLIGATION:
      return _("Obligation");
    case DD_RULE_KIND_LEVEL_MATCH:
      return _("Level match");
    case DD_RULE_KIND_SAME_ACTOR:
      return _("Same actor");
    case DD_RULE_KIND_SAME_AUTHORITY:
      return _("Same body and authority");
    case DD_RULE_KIND_REPORT_CONTENT:
      return _("Report content");
    case DD_RULE_KIND_REPORT_ACCURACY:
      return _("Report accuracy");
    default:
      return "";
    }
}

static const char *
field_type_label (DdFieldType type)
{
  switch (type)
    {
    case DD_FIELD_TYPE_TEXT:
      return _("Text");
    case DD_FIELD_TYPE_DATETIME:
      return _("Date and time");
    case DD_FIELD_TYPE_CATEGORY:
      return _("Incident category");
    case DD_FIELD_TYPE_SEVERITY:
      return _("Severity level");
    case DD_FIELD_TYPE_HAZARDS:
      return _("Hazards");
    case DD_FIELD_TYPE_LONGTEXT:
      return _("Long text");
    default:
      return "";
    }
}

/* ------------------------------------------------------------------ */
/* Rows                                                                */

static void
colour_chip_draw (GtkDrawingArea *area,
                  cairo_t        *cr,
                  int             width,
                  int             height,
                  gpointer        user_data)
{
  const char *hex = user_data;
  GdkRGBA rgba;
  double r = MIN (width, height) / 4.0;

  if (!gdk_rgba_parse (&rgba, hex))
    return;

  cairo_new_sub_path (cr);
  cairo_arc (cr, width - r, r, r, -G_PI / 2, 0);
  cairo_arc (cr, width - r, height - r, r, 0, G_PI / 2);
  cairo_arc (cr, r, height - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, r, r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  gdk_cairo_set_source_rgba (cr, &rgba);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.2);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

static GtkWidget *
make_colour_chip (DdPlanItem *item)
{
  GtkWidget *chip = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (chip), 28);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (chip), 28);
  gtk_widget_set_valign (chip, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (chip), colour_chip_draw,
                                  g_strdup (dd_plan_item_get_colour (item)), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (chip),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, dd_plan_item_get_title (item),
                                  -1);
  return chip;
}

static GtkWidget *
make_chip_label (const char *text,
                 const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
create_row_cb (gpointer object,
               gpointer user_data)
{
  DdPlanItem *item = object;
  const char * const *details = dd_plan_item_get_details (item);
  const char *subtitle = dd_plan_item_get_subtitle (item);
  const char *clause = dd_plan_item_get_clause (item);
  const char *phone = dd_plan_item_get_phone (item);
  const char *colour = dd_plan_item_get_colour (item);
  GtkWidget *row;

  if (details[0] != NULL)
    {
      AdwExpanderRow *expander = ADW_EXPANDER_ROW (adw_expander_row_new ());

      row = GTK_WIDGET (expander);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), dd_plan_item_get_title (item));
      if (subtitle != NULL)
        adw_expander_row_set_subtitle (expander, subtitle);
      if (colour != NULL)
        adw_expander_row_add_prefix (expander, make_colour_chip (item));
      if (phone != NULL)
        adw_expander_row_add_action (expander, make_chip_label (phone, "phone-label"));
      if (clause != NULL)
        {
          g_autofree char *text = clause_text (clause);
          adw_expander_row_add_action (expander, make_chip_label (text, "clause-chip"));
        }

      for (guint i = 0; details[i] != NULL; i++)
        {
          GtkWidget *detail = adw_action_row_new ();

          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (detail), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (detail), details[i]);
          adw_action_row_set_title_lines (ADW_ACTION_ROW (detail), 0);
          gtk_widget_add_css_class (detail, "detail-row");
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (detail), FALSE);
          adw_expander_row_add_row (expander, detail);
        }
    }
  else
    {
      AdwActionRow *action_row = ADW_ACTION_ROW (adw_action_row_new ());

      row = GTK_WIDGET (action_row);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), dd_plan_item_get_title (item));
      adw_action_row_set_title_lines (action_row, 0);
      if (subtitle != NULL)
        adw_action_row_set_subtitle (action_row, subtitle);
      adw_action_row_set_subtitle_lines (action_row, 0);
      if (colour != NULL)
        adw_action_row_add_prefix (action_row, make_colour_chip (item));
      if (phone != NULL)
        adw_action_row_add_suffix (action_row, make_chip_label (phone, "phone-label"));
      if (clause != NULL)
        {
          g_autofree char *text = clause_text (clause);
          adw_action_row_add_suffix (action_row, make_chip_label (text, "clause-chip"));
        }
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
    }

  return row;
}

static void
bind_list (GtkListBox *list,
           GListStore *store)
{
  gtk_list_box_bind_model (list, G_LIST_MODEL (store), create_row_cb, NULL, NULL);
  gtk_widget_set_visible (GTK_WIDGET (list),
                          g_list_model_get_n_items (G_LIST_MODEL (store)) > 0);
}

static void
append_item (GListStore *store,
             DdPlanItem *item)
{
  g_list_store_append (store, item);
  g_object_unref (item);
}

/* ------------------------------------------------------------------ */
/* Sections                                                            */

void
dd_plan_browser_fill_overview (DdPlanBrowser *self)
{
  const DdPlanIdentity *id = dd_plan_get_identity (self->plan);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) due = dd_plan_get_revision_due (self->plan);
  g_autoptr(GListStore) phases = g_list_store_new (DD_TYPE_PLAN_ITEM);
  g_autofree char *doc = NULL;
  g_autofree char *issued = NULL;
  g_autofree char *replaces = NULL;
  g_autofree char *due_text = NULL;
  g_autofree char *revision = NULL;
  g_autofree char *drills = NULL;
  g_autofree char *drills_line = NULL;
  g_autofree char *revision_clause = NULL;
  g_autofree char *drill_clause = NULL;
  gboolean past = dd_plan_is_past_revision (self->plan, now);
  GPtrArray *array;

  gtk_label_set_text (self->title_label, dd_plan_get_title (self->plan));
  issued = format_iso_date (id->issued);
  /* Translators: under the plan's title: "<document number> · issued by <issuer>" */
  doc = g_strdup_printf (_("%s · %s"), id->doc_number ? id->doc_number : "",
                         id->issuer ? id->issuer : "");
  gtk_label_set_text (self->doc_label, doc);

  set_row_value (self->doc_number_row, id->doc_number);
  set_row_value (self->issuer_row, id->issuer);
  set_row_value (self->issued_row, issued);
  if (id->replaces != NULL)
    {
      g_autofree char *replaced_issued = format_iso_date (id->replaces_issued);

      if (id->replaces_issued != NULL)
        /* Translators: "<document number> (issued <date>)" */
        replaces = g_strdup_printf (_("%s (issued %s)"), id->replaces, replaced_issued);
      else
        replaces = g_strdup (id->replaces);
    }
  set_row_value (self->replaces_row, replaces);

  due_text = format_date (due);
  revision_clause = clause_text (id->revision_clause ? id->revision_clause : "");
  revision = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           /* Translators: date, interval in years, revising unit, clause */
                                           "%s — reviewed every %u year by %s (%s)",
                                           "%s — reviewed every %u years by %s (%s)",
                                           id->revision_interval_years),
                              due_text, id->revision_interval_years,
                              role_name (self->plan, id->revision_owner),
                              revision_clause);
  set_row_value (self->revision_row, revision);
  gtk_label_set_text (self->revision_state_label, past ? _("Overdue") : _("Current"));
  if (past)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->revision_state_label), "warning");
      gtk_widget_remove_css_class (GTK_WIDGET (self->revision_state_label), "success");
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->revision_state_label), "success");
      gtk_widget_remove_css_class (GTK_WIDGET (self->revision_state_label), "warning");
    }

  drills = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "At least %u drill every %u months",
                                         "At least %u drills every %u months",
                                         id->drill_min_count),
                            id->drill_min_count, id->drill_interval_months);
  drill_clause = clause_text (id->drill_clause ? id->drill_clause : "");
  /* Translators: "<how often>, organised by <unit> (<clause>)" */
  drills_line = g_strdup_printf (_("%s, organised by %s (%s)"), drills,
                                 role_name (self->plan, id->drill_organiser), drill_clause);
  set_row_value (self->drill_row, drills_line);

  if (past)
    {
      g_autofree char *notice = NULL;

      notice = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             /* Translators: date, clause, years, unit */
                                             "This plan was due for revision on %s. %s asks for a review every %u year: check with %s whether a revised plan has been issued.",
                                             "This plan was due for revision on %s. %s asks for a review every %u years: check with %s whether a revised plan has been issued.",
                                             id->revision_interval_years),
                                due_text, revision_clause, id->revision_interval_years,
                                role_name (self->plan, id->revision_owner));
      gtk_label_set_text (self->revision_notice_label, notice);
    }
  gtk_revealer_set_reveal_child (self->revision_revealer, past);

  array = dd_plan_get_phases (self->plan);
  for (guint i = 0; i < array->len; i++)
    {
      const DdPhase *phase = g_ptr_array_index (array, i);
      g_autofree char *title = g_strdup_printf ("%u. %s", phase->order, phase->name);

      append_item (phases, dd_plan_item_new (title, phase->description, phase->clause));
    }
  bind_list (self->phases_list, phases);
}

void
dd_plan_browser_fill_classification (DdPlanBrowser *self)
{
  g_autoptr(GListStore) store = g_list_store_new (DD_TYPE_PLAN_ITEM);
  g_autofree char *description = NULL;
  g_autofree char *clause = NULL;
  GPtrArray *categories = dd_plan_get_categories (self->plan);

  clause = clause_text (dd_plan_get_classification_clause (self->plan) ?: "");
  /* Translators: "Following <standard> (<clause>)" */
  description = g_strdup_printf (_("Following %s (%s)"),
                                 dd_plan_get_classification_standard (self->plan) ?: "",
                                 clause);
  adw_preferences_group_set_description (self->categories_group, description);

  for (guint i = 0; i < categories->len; i++)
    {
      const DdCategory *category = g_ptr_array_index (categories, i);
      g_autoptr(GPtrArray) subtypes = g_ptr_array_new ();
      DdPlanItem *item = dd_plan_item_new (category->name, category->description, category->clause);

      for (guint j = 0; category->subtypes != NULL && j < category->subtypes->len; j++)
        {
          const DdSubtype *subtype = g_ptr_array_index (category->subtypes, j);
          g_ptr_array_add (subtypes, subtype->name);
        }
      g_ptr_array_add (subtypes, NULL);
      dd_plan_item_set_details (item, (const char * const *) subtypes->pdata);
      append_item (store, item);
    }
  bind_list (self->categories_list, store);
}

void
dd_plan_browser_fill_levels (DdPlanBrowser *self)
{
  g_autoptr(GListStore) severities = g_list_store_new (DD_TYPE_PLAN_ITEM);
  g_autoptr(GListStore) warnings = g_list_store_new (DD_TYPE_PLAN_ITEM);
  g_autofree char *clause = clause_text (dd_plan_get_severity_clause (self->plan) ?: "");
  GPtrArray *array;

  adw_preferences_group_set_description (self->severities_group, clause);

  array = dd_plan_get_severities (self->plan);
  for (guint i = 0; i < array->len; i++)
    {
      const DdSeverity *severity = g_ptr_array_index (array, i);
      DdPlanItem *item = dd_plan_item_new (severity->name,
                                           g_strcmp0 (severity->full_name, severity->name) != 0 ? severity->full_name : NULL,
                                           severity->clause);

      dd_plan_item_set_details (item, (const char * const *) severity->criteria);
      append_item (severities, item);
    }
  bind_list (self->severities_list, severities);

  array = dd_plan_get_warning_levels (self->plan);
  for (guint i = 0; i < array->len; i++)
    {
      const DdWarningLevel *level = g_ptr_array_index (array, i);
      const DdSeverity *severity = dd_plan_lookup_severity (self->plan, level->severity);
      /* Translators: a warning level and its colour, e.g. "Level I · red" */
      g_autofree char *title = g_strdup_printf (_("%s · %s"), level->name,
                                                level->colour_name ? level->colour_name : "");
      g_autofree char *subtitle = g_strdup_printf (_("For incidents rated %s"),
                                                   severity != NULL ? severity->name : level->severity);
      DdPlanItem *item = dd_plan_item_new (title, subtitle, level->clause);

      dd_plan_item_set_colour (item, level->colour_hex);
      append_item (warnings, item);
    }
  bind_list (self->warnings_list, warnings);
}

void
dd_plan_browser_fill_organisation (DdPlanBrowser *self)
{
  g_autoptr(GListStore) command = g_list_store_new (DD_TYPE_PLAN_ITEM);
  g_autoptr(GListStore) units = g_list_store_new (DD_TYPE_PLAN_ITEM);
  g_autoptr(GListStore) others = g_list_store_new (DD_TYPE_PLAN_ITEM);
  GPtrArray *roles = dd_plan_get_roles (self->plan);

  for (guint i = 0; i < roles->len; i++)
    {
      const DdRole *role = g_ptr_array_index (roles, i);
      g_autofree char *subtitle = NULL;
      GListStore *store;
      DdPlanItem *item;

      switch (role->kind)
        {
        case DD_ROLE_KIND_SUPERIOR:
        case DD_ROLE_KIND_GOVERNMENT:
        case DD_ROLE_KIND_HQ:
        case DD_ROLE_KIND_COMMANDER:
        case DD_ROLE_KIND_DEPUTY:
        case DD_ROLE_KIND_OFFICE:
        case DD_ROLE_KIND_OFFICE_DIRECTOR:
          store = command;
          break;
        case DD_ROLE_KIND_MEMBER_UNIT:
          store = units;
          break;
        default:
          store = others;
          break;
        }

      if (role->holder != NULL && role->unit != NULL)
        /* Translators: "<post holder> (<unit>)" */
        subtitle = g_strdup_printf (_("%s (%s)"), role->holder, role_name (self->plan, role->unit));
      else if (role->holder != NULL)
        subtitle = g_strdup (role->holder);

      item = dd_plan_item_new (role->name, subtitle, role->clause);
      dd_plan_item_set_details (item, (const char * const *) role->duties);
      dd_plan_item_set_phone (item, role->phone);
      append_item (store, item);
    }

  bind_list (self->command_list, command);
  bind_list (self->units_list, units);
  bind_list (self->others_list, others);
}

void
dd_plan_browser_update_phones_state (DdPlanBrowser *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->phones_filtered));

  gtk_stack_set_visible_child_name (self->phones_stack, n > 0 ? "table" : "no-results");
}

gboolean
dd_plan_browser_phone_filter_func (gpointer item,
                                   gpointer user_data)
{
  DdPlanBrowser *self = user_data;

  return dd_plan_item_matches (DD_PLAN_ITEM (item), self->phone_needle);
}

void
dd_plan_browser_fill_phones (DdPlanBrowser *self)
{
  GPtrArray *rows = dd_plan_get_phone_rows (self->plan);
  const char *area_code = dd_plan_get_phone_area_code (self->plan);

  g_list_store_remove_all (self->phones);
  for (guint i = 0; i < rows->len; i++)
    {
      const DdPhoneRow *row = g_ptr_array_index (rows, i);
      DdPlanItem *item = dd_plan_item_new (row->unit, NULL, NULL);

      dd_plan_item_set_phone (item, row->phone);
      append_item (self->phones, item);
    }

  gtk_label_set_text (self->phones_title_label, dd_plan_get_phone_table_title (self->plan) ?: _("Duty Phones"));
  if (area_code != NULL)
    {
      g_autofree char *note = g_strdup_printf (_("Area code %s"), area_code);
      gtk_label_set_text (self->phones_note_label, note);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->phones_note_label), area_code != NULL);
  dd_plan_browser_update_phones_state (self);
}

void
dd_plan_browser_fill_reporting (DdPlanBrowser *self)
{
  g_autoptr(GListStore) contents = g_list_store_new (DD_TYPE_PLAN_ITEM);
  g_autoptr(GListStore) fields = g_list_store_new (DD_TYPE_PLAN_ITEM);
  g_autofree char *report_clause = clause_text (dd_plan_get_report_clause (self->plan) ?: "");
  g_autofree char *form_clause = clause_text (dd_plan_get_form_clause (self->plan) ?: "");
  GPtrArray *array;

  adw_preferences_group_set_description (self->report_contents_group, report_clause);
  if (dd_plan_get_form_title (self->plan) != NULL)
    adw_preferences_group_set_title (self->form_group, dd_plan_get_form_title (self->plan));
  adw_preferences_group_set_description (self->form_group, form_clause);

  array = dd_plan_get_report_contents (self->plan);
  for (guint i = 0; i < array->len; i++)
    {
      const DdReportContent *content = g_ptr_array_index (array, i);
      append_item (contents, dd_plan_item_new (content->label, NULL, NULL));
    }
  bind_list (self->report_contents_list, contents);

  array = dd_plan_get_form_fields (self->plan);
  for (guint i = 0; i < array->len; i++)
    {
      const DdFormField *field = g_ptr_array_index (array, i);
      g_autofree char *subtitle = NULL;

      if (field->required)
        /* Translators: "<field type> · required" */
        subtitle = g_strdup_printf (_("%s · required"), field_type_label (field->type));
      else
        subtitle = g_strdup (field_type_label (field->type));
      append_item (fields, dd_plan_item_new (field->label, subtitle, NULL));
    }
  bind_list (self->form_fields_list, fields);
}

static char *
clause_line (const char *clause,
             const char *text)
{
  if (clause == NULL)
    return g_strdup (text);
  /* Translators: a clause number and its text */
  return g_strdup_printf (_("%s  %s"), clause, text);
}

void
dd_plan_browser_fill_response (DdPlanBrowser *self)
{
  g_autoptr(GListStore) store = g_list_store_new (DD_TYPE_PLAN_ITEM);
  GPtrArray *levels = dd_plan_get_response_levels (self->plan);

  for (guint i = 0; i < levels->len; i++)
    {
      const DdResponseLevel *level = g_ptr_array_index (levels, i);
      g_autoptr(GPtrArray) details = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *proposers = role_names (self->plan, level->proposers);
      g_autofree char *deciders = role_names (self->plan, level->deciders);
      g_autofree char *subtitle = NULL;
      DdPlanItem *item;

      /* Translators: who proposes and who decides a response level */
      subtitle = g_strdup_printf (_("Proposed by %s · decided by %s"), proposers, deciders);

      for (guint j = 0; level->conditions != NULL && j < level->conditions->len; j++)
        {
          const DdClauseText *condition = g_ptr_array_index (level->conditions, j);
          g_ptr_array_add (details, clause_line (condition->clause, condition->text));
        }
      if (level->procedure != NULL)
        g_ptr_array_add (details, clause_line (level->procedure_clause, level->procedure));
      if (level->measures_intro != NULL)
        g_ptr_array_add (details, clause_line (level->measures_clause, level->measures_intro));
      for (guint j = 0; level->measures != NULL && j < level->measures->len; j++)
        {
          const DdMeasure *measure = g_ptr_array_index (level->measures, j);
          g_ptr_array_add (details, clause_line (measure->clause, measure->text));
        }
      g_ptr_array_add (details, NULL);

      item = dd_plan_item_new (level->name, subtitle, level->clause);
      dd_plan_item_set_details (item, (const char * const *) details->pdata);
      append_item (store, item);
    }
  bind_list (self->response_list, store);
}

void
dd_plan_browser_fill_rules (DdPlanBrowser *self)
{
  g_autoptr(GListStore) store = g_list_store_new (DD_TYPE_PLAN_ITEM);
  GPtrArray *phases = dd_plan_get_phases (self->plan);
  GPtrArray *rules = dd_plan_get_rules (self->plan);

  /* By phase, in the order of the workflow, then in document order */
  for (guint p = 0; p <= phases->len; p++)
    {
      const DdPhase *phase = p < phases->len ? g_ptr_array_index (phases, p) : NULL;

      for (guint i = 0; i < rules->len; i++)
        {
          const DdRule *rule = g_ptr_array_index (rules, i);
          const DdPhase *rule_phase = dd_plan_lookup_phase (self->plan, rule->phase);
          g_autofree char *subtitle = NULL;
          DdPlanItem *item;

          if (rule_phase != phase)
            continue;

          /* Translators: "<phase> · <kind of rule>" */
          subtitle = g_strdup_printf (_("%s · %s"),
                                      phase != NULL ? phase->name : _("Any phase"),
                                      rule_kind_label (rule->kind));
          item = dd_plan_item_new (rule->text != NULL ? rule->text : rule->id, subtitle, rule->clause);
          if (rule->message != NULL)
            {
              g_autofree char *message = g_strdup_printf (_("When broken: %s"), rule->message);
              const char *details[] = { message, NULL };

              dd_plan_item_set_details (item, details);
            }
          append_item (store, item);
        }
    }
  bind_list (self->rules_list, store);
}

void
dd_plan_browser_fill_provisions (DdPlanBrowser *self)
{
  g_autoptr(GListStore) store = g_list_store_new (DD_TYPE_PLAN_ITEM);
  GPtrArray *provisions = dd_plan_get_provisions (self->plan);
  guint n;

  for (guint i = 0; i < provisions->len; i++)
    {
      const DdProvision *provision = g_ptr_array_index (provisions, i);
      DdPlanItem *item = dd_plan_item_new (provision->title ?: provision->clause, NULL, provision->clause);

      if (provision->text != NULL)
        {
          const char *details[] = { provision->text, NULL };
          dd_plan_item_set_details (item, details);
        }
      append_item (store, item);
    }
  bind_list (self->provisions_list, store);

  g_hash_table_remove_all (self->clause_rows);
  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DdPlanItem) item = g_list_model_get_item (G_LIST_MODEL (store), i);
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->provisions_list, i);

      if (dd_plan_item_get_clause (item) != NULL && row != NULL)
        g_hash_table_insert (self->clause_rows, g_strdup (dd_plan_item_get_clause (item)), row);
    }
}
