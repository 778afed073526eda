/* dd-drill-session.h — creating a drill in the drill store, and resuming one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The glue between the drill store (a folder per drill with copies of the
 * plan and the scenario, and the journal) and a running DdDrill.  A drill
 * always runs against the copies in its folder, so resuming it later finds
 * exactly what it started with.  The options chosen on the setup page
 * (players, speed, training mode) are kept in the journal header under
 * "options".
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "dd-chart.h"
#include "dd-drill.h"
#include "dd-drill-store.h"

G_BEGIN_DECLS

#define DD_DRILL_OPTIONS_MEMBER "options"

/* Options of a drill: {"training": bool, "speed": double,
 * "players": {role id: name}, and the details printed on the review's
 * cover: "date" (YYYY-MM-DD), "place", "director", "evaluators" (names,
 * as entered)} */
JsonObject *dd_drill_options_new          (gboolean     training,
                                           double       speed) G_GNUC_WARN_UNUSED_RESULT;
void        dd_drill_options_set_player   (JsonObject  *options,
                                           const char  *role_id,
                                           const char  *name);
const char *dd_drill_options_get_player   (JsonObject  *options,
                                           const char  *role_id);
/* A detail ("date", "place", "director", "evaluators"): set (removed when
 * @value is empty) and read (NULL when not given). */
void        dd_drill_options_set_text     (JsonObject  *options,
                                           const char  *key,
                                           const char  *value);
const char *dd_drill_options_get_text     (JsonObject  *options,
                                           const char  *key);
gboolean    dd_drill_options_get_training (JsonObject  *options);
double      dd_drill_options_get_speed    (JsonObject  *options,
                                           double       fallback);
/* The options of a drill with a journal (transfer none), or NULL. */
JsonObject *dd_drill_get_options          (DdDrill     *drill);

/* Creates a drill folder for @scenario (loaded from @scenario_path) in
 * @store, with a journal whose header holds @options, and returns the drill
 * running on it (paused at T+0, speed from @options). */
DdDrill    *dd_drill_session_create       (DdDrillStore *store,
                                           DdPlan       *plan,
                                           DdScenario   *scenario,
                                           const char   *scenario_path,
                                           JsonObject   *options,
                                           DdDrillInfo **info_out,
                                           GError      **error) G_GNUC_WARN_UNUSED_RESULT;

/* Loads the plan and scenario copies of @info and resumes its journal. */
DdDrill    *dd_drill_session_resume       (DdDrillInfo        *info,
                                           DdJournalRecovery  *recovery_out,
                                           GError            **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
