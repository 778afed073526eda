/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-dry-run.h — play a scenario's ideal actions at full speed and score them
 *
 * Copyright 2024 The DrillDesk authors
 *
 * A dry run lets the author of a scenario see what a perfect team would
 * score.  The ideal actions are the scenario's ideal.actions.xml when it
 * lies beside the scenario file and plays this scenario; otherwise they are
 * made from the scenario's expectations: every expected action taken by
 * its role halfway through the time allowed, with the parameters the plan
 * asks for (report recipients from the plan's reporting rules, the form
 * 8.3 fields from the truth, the warning and response levels that match the
 * true severity).  The actions are played through a DdDrill without a
 * journal, the clock jumping from one action to the next.
 */

#pragma once

#include <glib-object.h>

#include "dd-plan.h"
#include "dd-scenario.h"
#include "dd-score.h"

G_BEGIN_DECLS

typedef struct {
  DdScore  *score;               /* the score of the finished drill */
  char     *script;              /* the actions file played, or NULL: generated */
  guint     n_actions;           /* actions recorded */
  guint     n_refused;           /* generated actions the drill refused */
  guint     n_injects;           /* injects delivered */
} DdDryRun;

void        dd_dry_run_free              (DdDryRun *run);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdDryRun, dd_dry_run_free)

/* Ideal actions made from the expectations (DdAction, time order). */
GPtrArray  *dd_dry_run_ideal_actions     (DdPlan      *plan,
                                          DdScenario  *scenario) G_GNUC_WARN_UNUSED_RESULT;

/* @actions_path: a script to play, or NULL: ideal.actions.xml beside the
 * scenario, else generated actions. */
DdDryRun   *dd_dry_run                   (DdPlan      *plan,
                                          DdScenario  *scenario,
                                          const char  *actions_path,
                                          GError     **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
