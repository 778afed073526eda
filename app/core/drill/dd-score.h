/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-score.h — findings and scores: the plan's rules applied to a drill
 *
 * Copyright 2024 The DrillDesk authors
 *
 * dd_score_compute () is a pure function of the plan, the scenario and the
 * recorded actions (and, while a drill is still running, the simulated
 * time reached): the same input gives the same findings and scores, and
 * dd_score_to_json_string () the same bytes.  The C code knows only the
 * rule kinds (DdRuleKind); every parameter, clause and message comes from
 * the plan's <rules> and <scoring>, and from the scenario's <expect>s.
 *
 * Findings are ordered by time, then rule id, then role.  The order in
 * which actions of the same simulated time were recorded never matters:
 * they are simultaneous for every rule.  How findings are weighed and
 * rated: docs/scoring.md.
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "dd-plan.h"
#include "dd-scenario.h"

G_BEGIN_DECLS

typedef struct {
  char              *rule;       /* plan rule id, or "msel.<inject>.<action>" */
  char              *clause;     /* the clause it cites */
  DdFindingKind      kind;
  DdFindingSeverity  severity;
  char              *role;       /* role concerned, or NULL when nobody is named */
  gint64             time;       /* simulated offset */
  char              *message;    /* from the plan (or the scenario) */
  char              *detail;     /* what exactly (ids, names), or NULL */
  char              *phase;      /* phase id */
  char              *action;     /* action kind concerned, or NULL */
  int                action_index; /* index of the recorded action, -1 if none */
  char              *consequence; /* clause naming the consequence (7.2), or NULL */
  char             **also_rules;  /* other rules the same fault broke (one fault, */
  char             **also_clauses;/* one finding), parallel, NULL-terminated, never NULL */
  char              *grade;       /* how late (the plan's lateness grade), or NULL */
  double             factor;      /* of the severity's deduction: the grade's for a
                                   * late step, else 1 */
  double             weight;      /* points it costs its phase (severity × factor) */
  double             overall_weight; /* points it costs overall if it is the worst */
} DdFinding;

DdFinding  *dd_finding_copy             (const DdFinding *finding) G_GNUC_WARN_UNUSED_RESULT;
void        dd_finding_free             (DdFinding       *finding);
JsonObject *dd_finding_to_json          (const DdFinding *finding) G_GNUC_WARN_UNUSED_RESULT;
/* A key that stays the same while a finding stays the same. */
char       *dd_finding_key              (const DdFinding *finding) G_GNUC_WARN_UNUSED_RESULT;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdFinding, dd_finding_free)

typedef struct {
  char     *id;                  /* phase or role id */
  double    score;               /* 0 … max; 0 when not assessed */
  double    deductions;
  guint     n_findings;
  gboolean  assessed;            /* FALSE: nothing was expected of it in this
                                  * drill (未评估) — no score, never 100 */
} DdScoreEntry;

/* An objective's rating.  The scorer computes a suggestion; an evaluator
 * may set the rating with a reason (journaled, applied by the replay):
 * then rating/rating_id/reason are the evaluator's and suggestion/
 * suggestion_id stay the scorer's.  Not assessed: rating and suggestion
 * are '-', rating_id and suggestion_id DD_SCORE_NOT_ASSESSED (its name is
 * the plan's <scoring><not-assessed name>), score 0. */
#define DD_SCORE_NOT_ASSESSED "not-assessed"

typedef struct {
  char     *id;                  /* objective id */
  double    score;
  char     *rating_id;           /* plan rating id, e.g. "performed" */
  char      rating;              /* HSEEP: 'P', 'S', 'M' or 'U' ('-': not assessed) */
  guint     n_findings;
  gboolean  assessed;
  char      suggestion;          /* the computed rating */
  char     *suggestion_id;
  char     *reason;              /* the evaluator's reason, or NULL: computed */
} DdObjectiveScore;

#define DD_TYPE_SCORE (dd_score_get_type ())
G_DECLARE_FINAL_TYPE (DdScore, dd_score, DD, SCORE, GObject)

/* @actions: DdAction, in the order recorded (time order).
 * @now: the simulated time reached; ignored when @finished.
 * @finished: the drill is over: obligations are checked and a deadline
 *   never met is a missing action; otherwise a deadline already passed is
 *   "overdue" and obligations wait. */
DdScore    *dd_score_compute            (DdPlan      *plan,
                                         DdScenario  *scenario,
                                         GPtrArray   *actions,
                                         gint64       now,
                                         gboolean     finished) G_GNUC_WARN_UNUSED_RESULT;

gboolean    dd_score_is_finished        (DdScore *self);
GPtrArray  *dd_score_get_findings       (DdScore *self);   /* DdFinding */
/* The weighted mean of the phase scores minus the plan's overall deduction
 * of the most serious finding, once (<scoring><overall-deduction>), not
 * below 0, rounded. */
double      dd_score_get_overall        (DdScore *self);
double      dd_score_get_max            (DdScore *self);
GPtrArray  *dd_score_get_phases         (DdScore *self);   /* DdScoreEntry, plan order */
GPtrArray  *dd_score_get_roles          (DdScore *self);   /* DdScoreEntry */
GPtrArray  *dd_score_get_objectives     (DdScore *self);   /* DdObjectiveScore */
const DdScoreEntry *dd_score_lookup_phase (DdScore *self, const char *phase_id);
const DdScoreEntry *dd_score_lookup_role  (DdScore *self, const char *role_id);
/* Number of findings of @severity or worse. */
guint       dd_score_count_at_least     (DdScore *self, DdFindingSeverity severity);
/* The first finding of rule @rule_id (and @clause, if not NULL) — as its
 * own rule or as one the same fault also broke — or NULL. */
const DdFinding *dd_score_find          (DdScore    *self,
                                         const char *rule_id,
                                         const char *clause);

/* The phase a drill has reached: the furthest phase of any action taken
 * (NULL before the first action). */
const char *dd_score_current_phase      (DdPlan    *plan,
                                         GPtrArray *actions);

/* Whether @role_id may act under @rule: the rule names no role, or names
 * the role or its kind, or names the plan's incident-unit role and @role_id
 * is @incident_unit, the unit the scenario's incident struck (which stands
 * for that role). */
gboolean    dd_score_actor_allowed      (DdPlan       *plan,
                                         const DdRule *rule,
                                         const char   *role_id,
                                         const char   *incident_unit);

/* Whether @role_id owes @rule's duty (owed-by, owed-by-kinds; any role when
 * the rule names none): the incident-unit kind stands for the scenario's
 * affected unit, the monitoring-unit kind for @detector, the role that
 * detected the incident, when it is another one and not a recipient. */
gboolean    dd_score_owes               (DdPlan       *plan,
                                         DdScenario   *scenario,
                                         const DdRule *rule,
                                         const char   *role_id,
                                         const char   *detector);
/* The units that owe @rule's duty in this drill: the affected unit, the
 * monitoring unit, then the participants that owe it; empty when the rule
 * names nobody.  A container of borrowed strings. */
GPtrArray  *dd_score_owing_units        (DdPlan       *plan,
                                         DdScenario   *scenario,
                                         const DdRule *rule,
                                         const char   *detector) G_GNUC_WARN_UNUSED_RESULT;

/* {"plan","scenario","finished","max","overall","phase-mean",
 *  "overall-deductions","findings":[{…,"weight","grade","consequence",
 *  "also":[{rule,clause}]}], "phases":[…],"roles":[{id,score,findings,
 *  assessed}], "objectives":[{id,rating,rating-id,suggestion,score,
 *  assessed,…}], "ratings":[{id,name,min,letter}]} — a not-assessed entry
 *  has "assessed": false and a null score and rating. */
JsonNode   *dd_score_to_json            (DdScore *self) G_GNUC_WARN_UNUSED_RESULT;
char       *dd_score_to_json_string     (DdScore *self,
                                         gboolean pretty) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
