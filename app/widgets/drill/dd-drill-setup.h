/* dd-drill-setup.h — the page between choosing a scenario and starting it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dd-drill.h"
#include "dd-drill-store.h"

G_BEGIN_DECLS

#define DD_TYPE_DRILL_SETUP (dd_drill_setup_get_type ())
G_DECLARE_FINAL_TYPE (DdDrillSetup, dd_drill_setup, DD, DRILL_SETUP, AdwBin)

GtkWidget  *dd_drill_setup_new           (void);
void        dd_drill_setup_set_plan      (DdDrillSetup *self,
                                          DdPlan       *plan);
/* The drill store whose open improvement items the page lists for the
 * scenario (those whose clause it exercises), or NULL: none listed. */
void        dd_drill_setup_set_store_dir (DdDrillSetup *self,
                                          const char   *store_dir);
/* Loads the scenario in @file against the plan and shows it. */
gboolean    dd_drill_setup_load_file     (DdDrillSetup *self,
                                          GFile        *file,
                                          GError      **error);
DdScenario *dd_drill_setup_get_scenario  (DdDrillSetup *self);
void        dd_drill_setup_set_player    (DdDrillSetup *self,
                                          const char   *role_id,
                                          const char   *name);
void        dd_drill_setup_set_training  (DdDrillSetup *self,
                                          gboolean      training);
/* The drill's details printed on the review's cover: "date" (YYYY-MM-DD),
 * "place", "director", "evaluators". */
void        dd_drill_setup_set_detail    (DdDrillSetup *self,
                                          const char   *key,
                                          const char   *value);
/* A scenario is loaded and what was entered is valid. */
gboolean    dd_drill_setup_can_start     (DdDrillSetup *self);
/* What was chosen: players, speed, training mode and the details. */
JsonObject *dd_drill_setup_get_options   (DdDrillSetup *self) G_GNUC_WARN_UNUSED_RESULT;
/* Creates the drill in @store (folder, copies, journal) and returns it. */
DdDrill    *dd_drill_setup_create_drill  (DdDrillSetup  *self,
                                          DdDrillStore  *store,
                                          DdDrillInfo  **info_out,
                                          GError       **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
