/* dd-plan-item.h — one row of the plan browser, as a GObject for list models
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define DD_TYPE_PLAN_ITEM (dd_plan_item_get_type ())
G_DECLARE_FINAL_TYPE (DdPlanItem, dd_plan_item, DD, PLAN_ITEM, GObject)

DdPlanItem         *dd_plan_item_new         (const char         *title,
                                              const char         *subtitle,
                                              const char         *clause) G_GNUC_WARN_UNUSED_RESULT;

const char         *dd_plan_item_get_title    (DdPlanItem         *self);
const char         *dd_plan_item_get_subtitle (DdPlanItem         *self);
const char         *dd_plan_item_get_clause   (DdPlanItem         *self);
const char         *dd_plan_item_get_colour   (DdPlanItem         *self);
void                dd_plan_item_set_colour   (DdPlanItem         *self,
                                              const char         *colour);
const char         *dd_plan_item_get_phone    (DdPlanItem         *self);
void                dd_plan_item_set_phone    (DdPlanItem         *self,
                                              const char         *phone);
const char * const *dd_plan_item_get_details  (DdPlanItem         *self);
void                dd_plan_item_set_details  (DdPlanItem         *self,
                                              const char * const *details);
gboolean            dd_plan_item_matches      (DdPlanItem         *self,
                                              const char         *needle);

G_END_DECLS
