/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-replay.h — what a drill is: the one reading of plan + scenario + journal
 *
 * Copyright 2024 The DrillDesk authors
 *
 * A DdReplay is the state of one drill at one moment, computed in one
 * place from the plan, the scenario and the records of its journal
 * (dd-journal-record.h): the injects delivered, the actions in effect (after
 * corrections), notes and observations, the evaluator's ratings, the
 * clock, the phase, whether the drill is finished or was interrupted (and
 * at which simulated time), the decided warning and response levels, what
 * is late, the 8.1/8.2 overlay, and the score.  The running drill
 * (dd-drill.h) keeps one and applies each record to it once the record is
 * on disk; the console, presenter, review, records, the report, the CSV
 * and every command of drilldesk-cli read it.  None of them calls the
 * scorer or builds an overlay by itself: two readers that could disagree
 * about a drill would be a defect.
 *
 * Finished: a journal with an end record is a finished drill, scored as of
 * its end (what never happened is missing).  Without one it is an
 * interrupted drill, scored as of its last record: a deadline that had not
 * passed by then is not a finding.
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "dd-actions.h"
#include "dd-chart.h"
#include "dd-journal.h"
#include "dd-plan.h"
#include "dd-journal-record.h"
#include "dd-scenario.h"
#include "dd-score.h"

G_BEGIN_DECLS

/* An inject delivered. */
typedef struct {
  const DdInject *inject;        /* belongs to the scenario */
  gint64          at;            /* simulated delivery time */
  guint64         seq;           /* journal record, 0 when none */
  gint64          wall_us;       /* when it was written, 0 when unknown */
} DdDelivery;

/* An action as recorded, and what became of it. */
typedef struct {
  DdAction           *action;     /* as recorded */
  guint64             seq;        /* journal record, 0 when none */
  const DdCorrection *correction; /* the latest correction of it, or NULL */
  const DdAction     *in_effect;  /* as corrected, or NULL when withdrawn */
  int                 index;      /* index in dd_replay_get_actions (), -1 when withdrawn */
} DdRecordedAction;

/* An expected action whose time has passed without it. */
typedef struct {
  const DdInject       *inject;      /* the inject that asked for it */
  const DdInjectExpect *expect;
  gint64                due;         /* simulated time it was due */
  const DdInject       *contingency; /* an inject held back until it is absent, or NULL */
} DdLateAction;

#define DD_TYPE_REPLAY (dd_replay_get_type ())
G_DECLARE_FINAL_TYPE (DdReplay, dd_replay, DD, REPLAY, GObject)

/* An empty drill at T+0 (no journal yet). */
DdReplay   *dd_replay_new                (DdPlan      *plan,
                                          DdScenario  *scenario) G_GNUC_WARN_UNUSED_RESULT;
/* Reads every record of @journal: its header must name @plan and
 * @scenario (same ids and SHA-256).  Errors name the journal's file and
 * the record's line. */
DdReplay   *dd_replay_new_for_journal    (DdPlan      *plan,
                                          DdScenario  *scenario,
                                          DdJournal   *journal,
                                          GError     **error) G_GNUC_WARN_UNUSED_RESULT;
/* A drill played as @actions (DdAction, time order; copied), with injects
 * delivered as the scenario says; @finished as if an end record followed
 * at the scenario's end (or the last action, if later).  For the dry run
 * and for tests. */
DdReplay   *dd_replay_new_for_actions    (DdPlan      *plan,
                                          DdScenario  *scenario,
                                          GPtrArray   *actions,
                                          gboolean     finished) G_GNUC_WARN_UNUSED_RESULT;

/* Applies one record (type and body as in the journal, @seq its number,
 * @time_us its wall time).  Fails, changing nothing, on a record that does
 * not fit (unknown inject, action out of time order, correction of a record
 * that is no action, anything after the end). */
gboolean    dd_replay_apply              (DdReplay    *self,
                                          const char  *type,
                                          JsonObject  *body,
                                          guint64      seq,
                                          gint64       time_us,
                                          GError     **error);
/* The journal header the records follow (the drill sets it when it
 * creates its journal). */
void        dd_replay_set_header         (DdReplay    *self,
                                          JsonObject  *header);
/* Whether dd_replay_apply () would take the record (nothing changes). */
gboolean    dd_replay_check              (DdReplay    *self,
                                          const char  *type,
                                          JsonObject  *body,
                                          GError     **error);
/* The clock of a running drill moved on without a record. */
void        dd_replay_set_time           (DdReplay    *self,
                                          gint64       time);

DdPlan     *dd_replay_get_plan           (DdReplay *self);
DdScenario *dd_replay_get_scenario       (DdReplay *self);
/* The journal header's "options" ({"players":{role: name}, …}) or NULL. */
JsonObject *dd_replay_get_options        (DdReplay *self);
/* The name entered at set-up for @role_id, or NULL. */
const char *dd_replay_get_player         (DdReplay   *self,
                                          const char *role_id);

/* The journal header (its "created", "plan", "scenario", "options"), or
 * NULL before there is one. */
JsonObject *dd_replay_get_header         (DdReplay *self);

/* The drill as one of the year's drills (app/core/year/).
 * Its date, "YYYY-MM-DD": the set-up option "date", else the local day the
 * journal was created; NULL when neither is known. */
char       *dd_replay_get_date           (DdReplay *self) G_GNUC_WARN_UNUSED_RESULT;
/* The roles that took part: those with an action in effect and those
 * given a player at set-up.  Role ids (borrowed from the plan or the
 * options), sorted, each once. */
GPtrArray  *dd_replay_get_taking_part    (DdReplay *self) G_GNUC_WARN_UNUSED_RESULT;
/* The organiser, a role id: the set-up option "organiser", else the
 * plan's drill organiser (<drill organiser>) when that role took part;
 * NULL when not known. */
const char *dd_replay_get_organiser      (DdReplay *self);
/* The severity the drill simulated (the scenario's incident truth), or
 * NULL. */
const DdSeverity *
            dd_replay_get_simulated_severity (DdReplay *self);
/* The clauses the drill exercised: those of the action kinds taken, of
 * the plan's rules about them that apply to this incident, and of its
 * findings.  Strings, sorted, each once. */
GPtrArray  *dd_replay_get_exercised_clauses (DdReplay *self) G_GNUC_WARN_UNUSED_RESULT;

gboolean    dd_replay_is_finished        (DdReplay *self);
/* The simulated time the drill stands at: its end when finished, else its
 * last record (or the running clock). */
gint64      dd_replay_get_as_of          (DdReplay *self);
/* Finished before the scenario's last inject was due. */
gboolean    dd_replay_ended_early        (DdReplay *self);
/* How many records were applied (journal records after the header). */
guint       dd_replay_get_n_records      (DdReplay *self);

GPtrArray  *dd_replay_get_deliveries     (DdReplay *self);   /* DdDelivery, in order */
gboolean    dd_replay_is_delivered       (DdReplay   *self,
                                          const char *inject_id);
/* The actions in effect (corrections applied, withdrawn ones left out),
 * in time order: what the scorer judges.  DdAction. */
GPtrArray  *dd_replay_get_actions        (DdReplay *self);
/* Every action record as recorded, in journal order.  DdRecordedAction. */
GPtrArray  *dd_replay_get_recorded       (DdReplay *self);
GPtrArray  *dd_replay_get_notes          (DdReplay *self);   /* DdNote */
GPtrArray  *dd_replay_get_corrections    (DdReplay *self);   /* DdCorrection */
/* The evaluator's rating of @objective_id, or NULL. */
const DdRatingOverride *
            dd_replay_get_rating         (DdReplay   *self,
                                          const char *objective_id);

/* The score, computed once for this state. */
DdScore    *dd_replay_get_score          (DdReplay *self);
/* The phase reached (the furthest phase of any action), or NULL. */
const char *dd_replay_get_phase          (DdReplay *self);
/* The level decided last by an action of form @form (warning or response
 * level), or NULL. */
const char *dd_replay_get_level          (DdReplay     *self,
                                          DdActionForm  form);
/* The plan's rules about action kind @kind that apply to this drill's
 * incident with @level (or the decided response level when NULL).
 * DdRule, borrowed from the plan. */
/* A warning published, adjusted or lifted in the drill (3.2), as the plan's
 * CAP profile tells them apart (<warning-levels><cap>). */
typedef enum {
  DD_WARNING_ISSUED,             /* CAP Alert */
  DD_WARNING_ADJUSTED,           /* CAP Update of the warning in effect */
  DD_WARNING_LIFTED,             /* CAP Cancel */
} DdWarningChange;

typedef struct {
  DdWarningChange  change;
  const DdAction  *action;       /* the replay's */
  const char      *level;        /* warning level id (lifted: the one lifted), or NULL */
  guint            first;        /* index of the alert that began this warning */
} DdWarningMessage;

/* The warning messages in time order (free with g_ptr_array_unref); empty
 * when the plan has no CAP profile.  Message i references messages
 * first … i-1. */
GPtrArray  *dd_replay_get_warning_messages (DdReplay *self) G_GNUC_WARN_UNUSED_RESULT;

GPtrArray  *dd_replay_rules_for          (DdReplay   *self,
                                          const char *kind,
                                          const char *level) G_GNUC_WARN_UNUSED_RESULT;

/* The next inject to be delivered, and when; NULL when none is left. */
const DdInject *dd_replay_next_inject    (DdReplay *self,
                                          gint64   *time_out);
/* Expected actions overdue now.  DdLateAction. */
GPtrArray  *dd_replay_get_late           (DdReplay *self) G_GNUC_WARN_UNUSED_RESULT;
/* The findings that @action would raise if it were recorded now, before
 * anything else.  DdFinding, owned by the array. */
GPtrArray  *dd_replay_predict_findings   (DdReplay       *self,
                                          const DdAction *action) G_GNUC_WARN_UNUSED_RESULT;

/* The drill laid over a chart: roles that acted, phases visited, where
 * findings arose, the phase reached. */
DdChartOverlay *dd_replay_build_overlay  (DdReplay *self) G_GNUC_WARN_UNUSED_RESULT;

/* The model `drilldesk-cli score --json` and `report --json` print: the
 * score's members plus "finished", "as-of" (simulated seconds),
 * "ended-early", "corrections" and the evaluator's ratings on the
 * objectives. */
JsonNode   *dd_replay_to_json            (DdReplay *self) G_GNUC_WARN_UNUSED_RESULT;
char       *dd_replay_to_json_string     (DdReplay *self,
                                          gboolean  pretty) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
