/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-drill.h — a running drill: the simulated clock, injects, actions, findings
 *
 * Copyright 2024 The DrillDesk authors
 *
 * A DdDrill plays a scenario of a plan.  Its simulated clock runs at the
 * scenario's compression (simulated minutes per wall minute) or any other
 * speed, can be paused, resumed, moved forward by hand and made to jump to
 * the next inject.  Injects are delivered when their time has come and
 * their conditions hold; actions are recorded at the current simulated
 * time.  Every action is checked against the plan at once: new findings
 * are signalled when they arise, not only at the end.
 *
 * With a journal, every delivered inject and every action is appended to
 * it (durably) BEFORE its signal is emitted and it appears in a list: what
 * the room sees is on disk.  A drill can resume from its journal.
 *
 * The wall clock is injectable (dd_drill_set_time_func ()), so tests and
 * the command line drive the clock by hand (dd_drill_advance_to ()).
 *
 * Signals:
 *   inject-delivered (gpointer inject /const DdInject *, gint64 time)
 *   action-recorded  (gpointer action /const DdAction *, guint index)
 *   action-corrected (gpointer correction /const DdCorrection *)
 *   finding          (gpointer finding /const DdFinding *)
 *   phase-changed    (const char *phase_id)
 *
 * What the drill is at any moment is its DdReplay (dd-replay.h): ask it
 * (dd_drill_get_replay ()) for late actions, the next inject, levels,
 * predicted findings, the overlay and the score.
 * Properties: "time" (gint64), "running", "speed", "phase", "finished".
 */

#pragma once

#include <gio/gio.h>

#include "dd-actions.h"
#include "dd-drill-item.h"
#include "dd-journal.h"
#include "dd-plan.h"
#include "dd-journal-record.h"
#include "dd-replay.h"
#include "dd-scenario.h"
#include "dd-score.h"

G_BEGIN_DECLS

/* Returns a monotonic wall-clock time in microseconds. */
typedef gint64 (*DdDrillTimeFunc) (gpointer user_data);

#define DD_TYPE_DRILL (dd_drill_get_type ())
G_DECLARE_FINAL_TYPE (DdDrill, dd_drill, DD, DRILL, GObject)

DdDrill    *dd_drill_new                 (DdPlan      *plan,
                                          DdScenario  *scenario) G_GNUC_WARN_UNUSED_RESULT;

/* Journal.  dd_drill_create_journal () starts a new one (the header names
 * the plan and the scenario by id, title, file and SHA-256);
 * dd_drill_resume_journal () opens an existing one, checks it belongs to
 * this plan and scenario (same SHA-256), and replays it: the drill then
 * stands where the journal ends.  Call either before anything happens. */
gboolean    dd_drill_create_journal      (DdDrill            *self,
                                          const char         *path,
                                          GError            **error);
gboolean    dd_drill_resume_journal      (DdDrill            *self,
                                          const char         *path,
                                          DdJournalRecovery  *recovery_out,
                                          GError            **error);
DdJournal  *dd_drill_get_journal         (DdDrill *self);   /* or NULL */

/* Builds the header object a drill journal starts with. */
JsonObject *dd_drill_journal_header      (DdPlan     *plan,
                                          DdScenario *scenario) G_GNUC_WARN_UNUSED_RESULT;
/* The clock */
void        dd_drill_set_time_func       (DdDrill         *self,
                                          DdDrillTimeFunc  func,
                                          gpointer         user_data);
gint64      dd_drill_get_time            (DdDrill *self);   /* simulated offset */
gboolean    dd_drill_is_running          (DdDrill *self);
double      dd_drill_get_speed           (DdDrill *self);   /* sim minutes per wall minute */
void        dd_drill_set_speed           (DdDrill *self,
                                          double   speed);
/* Run: the clock follows the wall clock; with @tick_ms > 0 a main-loop
 * source calls dd_drill_tick () that often. */
void        dd_drill_run                 (DdDrill *self,
                                          guint    tick_ms);
void        dd_drill_pause               (DdDrill *self);
/* Brings a running clock up to date with the wall clock; delivers what
 * is due.  Does nothing when paused. */
gboolean    dd_drill_tick                (DdDrill  *self,
                                          GError  **error);
/* Moves the clock forward to @time (never back) and delivers the injects
 * due by then, in order. */
gboolean    dd_drill_advance_to          (DdDrill  *self,
                                          gint64    time,
                                          GError  **error);
/* Moves the clock to the next inject that will be delivered. Returns FALSE
 * without error when none is left. */
gboolean    dd_drill_jump_to_next_inject (DdDrill  *self,
                                          GError  **error);

/* Delivers the (contingency) inject @inject_id as soon as its conditions
 * allow: the clock moves to its time, with whatever is due before. */
gboolean    dd_drill_deliver_inject      (DdDrill     *self,
                                          const char  *inject_id,
                                          GError     **error);

/* Records @action at the current simulated time (its "at" is set to it;
 * its wall time to now).  The action is checked against the plan first
 * (DD_ERROR_INVALID), then written to the journal (DD_ERROR_IO when that
 * fails: then nothing is recorded or shown). */
gboolean    dd_drill_record_action       (DdDrill   *self,
                                          DdAction  *action,
                                          GError   **error);

/* Ends the drill now: what is due by now is delivered, the journal gets
 * its end record at the current simulated time (an early end is recorded
 * as early), obligations are checked. */
gboolean    dd_drill_finish              (DdDrill  *self,
                                          GError  **error);
gboolean    dd_drill_is_finished         (DdDrill *self);

/* Notes and observations (its time and, when unset, phase are set to
 * now), corrections of recorded actions (nothing is overwritten: the
 * correction is a record of its own) and the evaluator's ratings (also
 * after the drill ended): each journaled before it takes effect. */
gboolean    dd_drill_add_note            (DdDrill           *self,
                                          DdNote            *note,
                                          GError           **error);
gboolean    dd_drill_correct_action      (DdDrill           *self,
                                          DdCorrection      *correction,
                                          GError           **error);
gboolean    dd_drill_rate_objective      (DdDrill           *self,
                                          DdRatingOverride  *rating,
                                          GError           **error);

/* The drill's state: the one replay (owned by the drill). */
DdReplay   *dd_drill_get_replay          (DdDrill *self);
DdPlan     *dd_drill_get_plan            (DdDrill *self);
DdScenario *dd_drill_get_scenario        (DdDrill *self);
GPtrArray  *dd_drill_get_actions         (DdDrill *self);   /* DdAction in effect, in order */
const char *dd_drill_get_phase           (DdDrill *self);   /* phase id, or NULL */
DdScore    *dd_drill_get_score           (DdDrill *self);   /* the latest evaluation */
gboolean    dd_drill_is_delivered        (DdDrill    *self,
                                          const char *inject_id);

/* List models of DdDrillItem: injects delivered, actions recorded (both in
 * order), and the current findings (replaced as they change). */
GListModel *dd_drill_get_inject_model    (DdDrill *self);
GListModel *dd_drill_get_action_model    (DdDrill *self);
GListModel *dd_drill_get_finding_model   (DdDrill *self);

G_END_DECLS
