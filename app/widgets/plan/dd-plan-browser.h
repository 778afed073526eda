/* dd-plan-browser.h — the emergency plan, browsable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dd-plan.h"

G_BEGIN_DECLS

#define DD_TYPE_PLAN_BROWSER (dd_plan_browser_get_type ())
G_DECLARE_FINAL_TYPE (DdPlanBrowser, dd_plan_browser, DD, PLAN_BROWSER, AdwBin)

GtkWidget  *dd_plan_browser_new             (void);
DdPlan     *dd_plan_browser_get_plan        (DdPlanBrowser *self);
void        dd_plan_browser_set_plan        (DdPlanBrowser *self,
                                             DdPlan        *plan);
void        dd_plan_browser_set_error       (DdPlanBrowser *self,
                                             const GError  *error);
void        dd_plan_browser_show_section    (DdPlanBrowser *self,
                                             const char    *section);
gboolean    dd_plan_browser_show_clause     (DdPlanBrowser *self,
                                             const char    *clause);
void        dd_plan_browser_search_phones   (DdPlanBrowser *self,
                                             const char    *text);
GListModel *dd_plan_browser_get_phone_model (DdPlanBrowser *self);
gboolean    dd_plan_browser_get_revision_notice_shown (DdPlanBrowser *self);

G_END_DECLS
