/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-dry-run.h — play a scenario's ideal actions at full speed and score them
 *
 * Copyright 2024 The DrillDesk authors
 *
 * A dry run lets the author of a scenario see what a perfect team would
 * score.  The ideal actions are the scenario's ideal.actions.xml when it
 * lies beside the scenario file and plays this scenario; otherwise a small
 * planner derives them from the plan's rules (by rule kind only), the
 * scenario's truth and its MSEL:
 *   - every expectation of every delivered inject answered by its role,
 *     soon after delivery and before its deadline;
 *   - detection (the plan's first phase) by the role the first inject
 *     reaches (the affected unit first), then every deadline rule that
 *     applies (also those of the undetermined level before the level is
 *     clear) met in time, to one of its recipients, by an allowed role;
 *     reports carry every 8.3 field from the truth (category, the
 *     severity known then), report types first, follow-up (once the
 *     level is clear) and final;
 *   - the response level that fits the severity (level-match), decided
 *     and prepared as the prerequisite rules ask, by roles the authority
 *     rules allow (participants first);
 *   - every obligation that applies (severity, category, response level)
 *     by a role it and the authority rules allow, to all its recipients
 *     when recipients-match="all"; a duty owed by each of several units
 *     (owed="each", e.g. the 4.1 report) by each of them; one that arises
 *     from what happened (once) only when it happened; closing (same-actor,
 *     same-authority: the decider first) and
 *     the after-action work after everything else, spread over the rest
 *     of the planned duration;
 *   - prerequisites inserted before every action that needs them.
 * Conditional injects depend on the actions: planning repeats until what
 * is delivered no longer changes.  The result is then scored; while
 * findings remain, their rules' kinds say what to change (another role,
 * the missing obligation, deadline or prerequisite), and the better list
 * is kept.  The actions are played through a DdDrill without a journal,
 * the clock jumping from one action to the next.
 */

#pragma once

#include <glib-object.h>

#include "dd-plan.h"
#include "dd-scenario.h"
#include "dd-score.h"

G_BEGIN_DECLS

typedef struct {
  DdScore  *score;               /* the score of the finished drill */
  char     *script;              /* the actions file played, or NULL: generated
                                  * by dd_dry_run_ideal_actions () */
  guint     n_actions;           /* actions recorded */
  guint     n_refused;           /* generated actions the drill refused */
  guint     n_injects;           /* injects delivered */
} DdDryRun;

void        dd_dry_run_free              (DdDryRun *run);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdDryRun, dd_dry_run_free)

/* The ideal actions derived from the plan's rules, the truth and the MSEL
 * (DdAction, time order), as described above. */
GPtrArray  *dd_dry_run_ideal_actions     (DdPlan      *plan,
                                          DdScenario  *scenario) G_GNUC_WARN_UNUSED_RESULT;

/* @actions_path: a script to play, or NULL: ideal.actions.xml beside the
 * scenario, else generated actions. */
DdDryRun   *dd_dry_run                   (DdPlan      *plan,
                                          DdScenario  *scenario,
                                          const char  *actions_path,
                                          GError     **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
