/* dd-scenario-entry.h — a scenario file as the start page lists it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dd-plan.h"

G_BEGIN_DECLS

#define DD_TYPE_SCENARIO_ENTRY (dd_scenario_entry_get_type ())
G_DECLARE_FINAL_TYPE (DdScenarioEntry, dd_scenario_entry, DD, SCENARIO_ENTRY, GObject)

DdScenarioEntry *dd_scenario_entry_load         (GFile            *file,
                                                 DdPlan           *plan,
                                                 GError          **error) G_GNUC_WARN_UNUSED_RESULT;
GFile           *dd_scenario_entry_get_file     (DdScenarioEntry  *self);
const char      *dd_scenario_entry_get_title    (DdScenarioEntry  *self);
const char      *dd_scenario_entry_get_subtitle (DdScenarioEntry  *self);
const char      *dd_scenario_entry_get_summary  (DdScenarioEntry  *self);

GListModel      *dd_scenario_entry_list_dir     (const char       *dir,
                                                 DdPlan           *plan) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
