/* dd-plan-browser.c — the emergency plan, browsable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything shown here comes from the DdPlan: the template holds the
 * sections and their headings, the rows are made from list models of
 * DdPlanItem filled from the plan's parts.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "dd-plan-browser-private.h"
#include "dd-plan-item.h"


G_DEFINE_FINAL_TYPE (DdPlanBrowser, dd_plan_browser, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PLAN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------ */
/* Callbacks                                                           */

static void
phone_search_changed_cb (DdPlanBrowser  *self,
                         GtkSearchEntry *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  g_clear_pointer (&self->phone_needle, g_free);
  self->phone_needle = g_utf8_casefold (text, -1);
  gtk_filter_changed (GTK_FILTER (self->phones_filter), GTK_FILTER_CHANGE_DIFFERENT);
  dd_plan_browser_update_phones_state (self);
}

static void
show_section_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  dd_plan_browser_show_section (DD_PLAN_BROWSER (widget), g_variant_get_string (param, NULL));
}

static void
search_phones_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  DdPlanBrowser *self = DD_PLAN_BROWSER (widget);

  dd_plan_browser_show_section (self, "phones");
  gtk_widget_grab_focus (GTK_WIDGET (self->phone_search));
}

/* Filling every section lays out a lot of text, so it waits until the
 * browser is first shown (or asked about its contents): the window's first
 * frame does not pay for a page it does not show (make bench). */
static void
ensure_filled (DdPlanBrowser *self)
{
  if (self->plan == NULL || self->filled)
    return;

  self->filled = TRUE;
  dd_plan_browser_fill_overview (self);
  dd_plan_browser_fill_classification (self);
  dd_plan_browser_fill_levels (self);
  dd_plan_browser_fill_organisation (self);
  dd_plan_browser_fill_phones (self);
  dd_plan_browser_fill_reporting (self);
  dd_plan_browser_fill_response (self);
  dd_plan_browser_fill_rules (self);
  dd_plan_browser_fill_provisions (self);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
dd_plan_browser_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (dd_plan_browser_parent_class)->map (widget);
  ensure_filled (DD_PLAN_BROWSER (widget));
}

static void
dd_plan_browser_dispose (GObject *object)
{
  DdPlanBrowser *self = DD_PLAN_BROWSER (object);

  if (self->clause_rows != NULL)
    g_hash_table_remove_all (self->clause_rows);
  /* No gtk_widget_dispose_template (): AdwBin unparents its child itself */
  g_clear_object (&self->plan);
  g_clear_object (&self->phones_filtered);
  g_clear_object (&self->phones);

  G_OBJECT_CLASS (dd_plan_browser_parent_class)->dispose (object);
}

static void
dd_plan_browser_finalize (GObject *object)
{
  DdPlanBrowser *self = DD_PLAN_BROWSER (object);

  g_clear_pointer (&self->phone_needle, g_free);
  g_clear_pointer (&self->clause_rows, g_hash_table_unref);

  G_OBJECT_CLASS (dd_plan_browser_parent_class)->finalize (object);
}

static void
dd_plan_browser_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DdPlanBrowser *self = DD_PLAN_BROWSER (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      g_value_set_object (value, self->plan);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_plan_browser_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DdPlanBrowser *self = DD_PLAN_BROWSER (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      dd_plan_browser_set_plan (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_plan_browser_class_init (DdPlanBrowserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_plan_browser_dispose;
  object_class->finalize = dd_plan_browser_finalize;
  object_class->get_property = dd_plan_browser_get_property;
  object_class->set_property = dd_plan_browser_set_property;
  widget_class->map = dd_plan_browser_map;

  properties[PROP_PLAN] =
    g_param_spec_object ("plan", NULL, NULL, DD_TYPE_PLAN,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DD_TYPE_PLAN_ITEM);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/dd-plan-browser.ui");
  gtk_widget_class_bind_template_child (widget_class, DdPlanBrowser, content_stack);
  gtk_widget_class_bind_template_child (widget_class, DdPlanBrowser, empty_page);
  gtk_widget_class_bind_template_child (widget_class, DdPlanBrowser, revision_revealer);
  gtk_widget_class_bind_template_child (widget_class, DdPlanBrowser, revision_notice_label);
  gtk_widget_class_bind_template_child (widget_class, DdPlanBrowser, sections);
  gtk_widget_class_bind_template_child (widget_class, DdPlanBrowser, title_label);
  gtk_widget_class_bind_template_child (widget_class, DdPlanBrowser, doc_label);
  gtk_widget_class_bind_template_child (widget_class, DdPlanBrowser, doc_number_row);
  gtk_widget_class_bind_template_child (widget_class, DdPlanBrowser, issuer_row);
  gtk_widget_class_bind_template_child (widget_class, DdPlanBrowser, issued_row);
  gtk_widget_class_bind_template_child (widget_class, DdPlanBrowser, replaces_row);
  gtk_widget_class_bind_template_child (widget_class, DdPlanBrowser, revision_row);
  gtk_widget_class_bind_template_child (widget_class, DdPlanBrowser, revision_state_label);
  gtk_widget_class_bind_template_child (widget_class, DdPlanBrowser, drill_row);
  gtk_widget_class_bind_template_child (widget_class, DdPlanBrowser, phases_list);
  gtk_widget_class_bind_template_child (widget_class, DdPlanBrowser, categories_group);
  gtk_widget_class_bind_template_child (widget_class, DdPlanBrowser, categories_list);
  gtk_widget_class_bind_template_child (widget_class, DdPlanBrowser, severities_group);
  gtk_widget_class_bind_template_child (widget_class, DdPlanBrowser, severities_list);
  gtk_widget_class_bind_template_child (widget_class, DdPlanBrowser, warnings_group);
  gtk_widget_class_bind_template_child (widget_class, DdPlanBrowser, warnings_list);
  gtk_widget_class_bind_template_child (widget_class, DdPlanBrowser, command_list);
  gtk_widget_class_bind_template_child (widget_class, DdPlanBrowser, units_list);
  gtk_widget_class_bind_template_child (widget_class, DdPlanBrowser, others_list);
  gtk_widget_class_bind_template_child (widget_class, DdPlanBrowser, phones_title_label);
  gtk_widget_class_bind_template_child (widget_class, DdPlanBrowser, phone_search);
  gtk_widget_class_bind_template_child (widget_class, DdPlanBrowser, phones_stack);
  gtk_widget_class_bind_template_child (widget_class, DdPlanBrowser, phones_view);
  gtk_widget_class_bind_template_child (widget_class, DdPlanBrowser, phones_note_label);
  gtk_widget_class_bind_template_child (widget_class, DdPlanBrowser, report_contents_group);
  gtk_widget_class_bind_template_child (widget_class, DdPlanBrowser, report_contents_list);
  gtk_widget_class_bind_template_child (widget_class, DdPlanBrowser, form_group);
  gtk_widget_class_bind_template_child (widget_class, DdPlanBrowser, form_fields_list);
  gtk_widget_class_bind_template_child (widget_class, DdPlanBrowser, response_list);
  gtk_widget_class_bind_template_child (widget_class, DdPlanBrowser, rules_list);
  gtk_widget_class_bind_template_child (widget_class, DdPlanBrowser, provisions_list);
  gtk_widget_class_bind_template_callback (widget_class, phone_search_changed_cb);

  gtk_widget_class_install_action (widget_class, "plan.show-section", "s", show_section_action);
  gtk_widget_class_install_action (widget_class, "plan.search-phones", NULL, search_phones_action);

  gtk_widget_class_set_css_name (widget_class, "planbrowser");
}

static void
dd_plan_browser_init (DdPlanBrowser *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->clause_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->phones = g_list_store_new (DD_TYPE_PLAN_ITEM);
  self->phones_filter = gtk_custom_filter_new (dd_plan_browser_phone_filter_func, self, NULL);
  self->phones_filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->phones)),
                                                     GTK_FILTER (self->phones_filter));
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->phones_filtered)));
  gtk_column_view_set_model (self->phones_view, GTK_SELECTION_MODEL (selection));

  gtk_stack_set_visible_child_name (self->content_stack, "empty");
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */

GtkWidget *
dd_plan_browser_new (void)
{
  return g_object_new (DD_TYPE_PLAN_BROWSER, NULL);
}

DdPlan *
dd_plan_browser_get_plan (DdPlanBrowser *self)
{
  g_return_val_if_fail (DD_IS_PLAN_BROWSER (self), NULL);
  return self->plan;
}

void
dd_plan_browser_set_plan (DdPlanBrowser *self,
                          DdPlan        *plan)
{
  g_return_if_fail (DD_IS_PLAN_BROWSER (self));
  g_return_if_fail (plan == NULL || DD_IS_PLAN (plan));

  if (!g_set_object (&self->plan, plan))
    return;

  self->filled = FALSE;
  if (plan != NULL)
    {
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        ensure_filled (self);
      gtk_stack_set_visible_child_name (self->content_stack, "plan");
    }
  else
    {
      g_list_store_remove_all (self->phones);
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
}

/**
 * dd_plan_browser_set_error:
 * @error: why the plan could not be loaded
 *
 * Shows the error instead of a plan.
 */
void
dd_plan_browser_set_error (DdPlanBrowser *self,
                           const GError  *error)
{
  g_return_if_fail (DD_IS_PLAN_BROWSER (self));

  dd_plan_browser_set_plan (self, NULL);
  adw_status_page_set_description (self->empty_page,
                                   error != NULL ? error->message : _("The emergency plan could not be read."));
}

void
dd_plan_browser_show_section (DdPlanBrowser *self,
                              const char    *section)
{
  g_return_if_fail (DD_IS_PLAN_BROWSER (self));

  if (gtk_stack_get_child_by_name (self->sections, section) != NULL)
    gtk_stack_set_visible_child_name (self->sections, section);
}

/**
 * dd_plan_browser_show_clause:
 * @clause: a clause number, e.g. "4.2.1"
 *
 * Shows the clause's text (the "why?" of a finding).
 *
 * Returns: %TRUE if the plan has a provision with that number
 */
gboolean
dd_plan_browser_show_clause (DdPlanBrowser *self,
                             const char    *clause)
{
  GtkWidget *row;

  g_return_val_if_fail (DD_IS_PLAN_BROWSER (self), FALSE);

  ensure_filled (self);
  row = g_hash_table_lookup (self->clause_rows, clause);
  if (row == NULL)
    return FALSE;

  dd_plan_browser_show_section (self, "provisions");
  if (ADW_IS_EXPANDER_ROW (row))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  gtk_widget_grab_focus (row);
  return TRUE;
}

/**
 * dd_plan_browser_search_phones:
 * @text: what to look for in the duty-phone table
 *
 * Fills the search entry and filters the table at once.
 */
void
dd_plan_browser_search_phones (DdPlanBrowser *self,
                               const char    *text)
{
  g_return_if_fail (DD_IS_PLAN_BROWSER (self));

  ensure_filled (self);
  gtk_editable_set_text (GTK_EDITABLE (self->phone_search), text);
  phone_search_changed_cb (self, self->phone_search);
}

/**
 * dd_plan_browser_get_phone_model:
 *
 * Returns: (transfer none): the duty-phone rows the table shows (filtered)
 */
GListModel *
dd_plan_browser_get_phone_model (DdPlanBrowser *self)
{
  g_return_val_if_fail (DD_IS_PLAN_BROWSER (self), NULL);
  ensure_filled (self);
  return G_LIST_MODEL (self->phones_filtered);
}

gboolean
dd_plan_browser_get_revision_notice_shown (DdPlanBrowser *self)
{
  g_return_val_if_fail (DD_IS_PLAN_BROWSER (self), FALSE);
  ensure_filled (self);
  return gtk_revealer_get_reveal_child (self->revision_revealer);
}
