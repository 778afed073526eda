/* gen-scenario.h — large valid scenarios, action scripts and journals for the benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything is made from a bundled scenario and its ideal script, so every
 * role, action, category and clause is a real one of the bundled plan and
 * the files pass the loaders: injects are the scenario's own, repeated with
 * fresh ids and spread over its clock; actions are the ideal script's,
 * repeated in time order.
 */
#pragma once

#include "dd-actions.h"
#include "dd-plan.h"
#include "dd-scenario.h"

G_BEGIN_DECLS

/* Writes a copy of @base (loaded from @base_path) with @n_injects injects
 * to @out_path, and copies the attachments it names beside it. */
gboolean dd_bench_gen_scenario (DdScenario  *base,
                                const char  *base_path,
                                guint        n_injects,
                                const char  *out_path,
                                GError     **error);

/* @n actions made by repeating @ideal's actions in order, spread evenly over
 * [0, @span) simulated seconds: a GPtrArray of DdAction. */
GPtrArray *dd_bench_gen_actions (DdActionScript *ideal,
                                 guint           n,
                                 gint64          span) G_GNUC_WARN_UNUSED_RESULT;

/* Writes @actions as an action script (actions.rng) for @scenario. */
gboolean dd_bench_write_actions (DdScenario  *scenario,
                                 GPtrArray   *actions,
                                 const char  *out_path,
                                 GError     **error);

/* Writes the journal of a drill of @scenario in which @actions were taken:
 * the header, every inject delivered and every action in time order, and the
 * end record (what dd_drill writes), without syncing each record. */
gboolean dd_bench_write_journal (DdPlan      *plan,
                                 DdScenario  *scenario,
                                 GPtrArray   *actions,
                                 const char  *out_path,
                                 GError     **error);

G_END_DECLS
