/* dd-plan-browser-private.h — the plan browser's state, shared by
 * dd-plan-browser.c (the widget) and dd-plan-browser-sections.c (its
 * sections, filled from the plan)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dd-plan-browser.h"
#include "dd-plan-item.h"

G_BEGIN_DECLS

struct _DdPlanBrowser
{
  AdwBin              parent_instance;

  DdPlan             *plan;
  gboolean            filled;        /* the sections show self->plan */
  GListStore         *phones;
  GtkFilterListModel *phones_filtered;
  GtkCustomFilter    *phones_filter;
  char               *phone_needle;
  GHashTable         *clause_rows;   /* clause -> AdwExpanderRow (provisions) */

  /* template children */
  GtkStack           *content_stack;
  AdwStatusPage      *empty_page;
  GtkRevealer        *revision_revealer;
  GtkLabel           *revision_notice_label;
  GtkStack           *sections;
  GtkLabel           *title_label;
  GtkLabel           *doc_label;
  AdwActionRow       *doc_number_row;
  AdwActionRow       *issuer_row;
  AdwActionRow       *issued_row;
  AdwActionRow       *replaces_row;
  AdwActionRow       *revision_row;
  GtkLabel           *revision_state_label;
  AdwActionRow       *drill_row;
  GtkListBox         *phases_list;
  AdwPreferencesGroup *categories_group;
  GtkListBox         *categories_list;
  AdwPreferencesGroup *severities_group;
  GtkListBox         *severities_list;
  AdwPreferencesGroup *warnings_group;
  GtkListBox         *warnings_list;
  GtkListBox         *command_list;
  GtkListBox         *units_list;
  GtkListBox         *others_list;
  GtkLabel           *phones_title_label;
  GtkSearchEntry     *phone_search;
  GtkStack           *phones_stack;
  GtkColumnView      *phones_view;
  GtkLabel           *phones_note_label;
  AdwPreferencesGroup *report_contents_group;
  GtkListBox         *report_contents_list;
  AdwPreferencesGroup *form_group;
  GtkListBox         *form_fields_list;
  GtkListBox         *response_list;
  GtkListBox         *rules_list;
  GtkListBox         *provisions_list;
};

void dd_plan_browser_fill_overview (DdPlanBrowser *self);
void dd_plan_browser_fill_classification (DdPlanBrowser *self);
void dd_plan_browser_fill_levels (DdPlanBrowser *self);
void dd_plan_browser_fill_organisation (DdPlanBrowser *self);
void dd_plan_browser_update_phones_state (DdPlanBrowser *self);
gboolean dd_plan_browser_phone_filter_func (gpointer item,
                                            gpointer user_data);
void dd_plan_browser_fill_phones (DdPlanBrowser *self);
void dd_plan_browser_fill_reporting (DdPlanBrowser *self);
void dd_plan_browser_fill_response (DdPlanBrowser *self);
void dd_plan_browser_fill_rules (DdPlanBrowser *self);
void dd_plan_browser_fill_provisions (DdPlanBrowser *self);


G_END_DECLS
