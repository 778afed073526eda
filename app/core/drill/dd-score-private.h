/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-score-private.h — what the scorer's files share
 *
 * Copyright 2024 The DrillDesk authors
 *
 * dd-score.c holds the findings, one fault one finding, the totals and
 * the ratings; dd-score-rules.c judges the whole drill (deadlines,
 * obligations, expectations, who owes a duty) and shares its helpers;
 * dd-score-actions.c judges each recorded action; dd-score-json.c writes
 * the JSON model.
 */

#pragma once

#include "dd-actions.h"
#include "dd-score.h"

G_BEGIN_DECLS

struct _DdScore
{
  GObject     parent_instance;

  char       *plan_id;
  char       *scenario_id;
  gboolean    finished;
  gint64      end;
  double      max;
  double      overall;
  double      phase_mean;        /* weighted mean of the phases */
  double      overall_deductions;
  GPtrArray  *findings;          /* DdFinding */
  GPtrArray  *phases;            /* DdScoreEntry */
  GPtrArray  *roles;             /* DdScoreEntry */
  GPtrArray  *objectives;        /* DdObjectiveScore */
  GPtrArray  *ratings;           /* DdRating, the plan's (borrowed, plan ref held) */
  DdPlan     *plan;
};

typedef struct
{
  DdPlan      *plan;
  DdScenario  *scenario;
  GPtrArray   *actions;          /* DdAction in canonical order: by time, and
                                  * actions of one time by their content */
  int         *orig_index;       /* [i]: index of actions[i] in the caller's list */
  guint       *group_end;        /* [i]: one past the last action of actions[i]'s time */
  gint64       now;
  gboolean     finished;
  gint64       end;
  GHashTable  *decide_kinds;     /* action ids that set the response level */
  const char **levels;           /* [n]: response level in force after the first n actions */
  GHashTable  *latest;           /* action kind → its latest DdAction by the time checked */
  GHashTable  *of_kind;          /* action kind → GArray of the indices of its actions, in order */
  GArray      *reports;          /* the indices of the actions of a report form, in order */
  gboolean     has_detection;
  gint64       detection;
  const char  *detector;         /* role that detected the incident, or NULL */
  GPtrArray   *deliveries;       /* DdInjectDelivery */
  GPtrArray   *findings;
  GHashTable  *examined;         /* clauses a rule or expectation was judged under */
  GHashTable  *expected_roles;   /* roles something was expected of, or that acted */
} Ctx;

/* Adds a finding about canonical action @action_index (-1: none); returns
 * it, owned by ctx->findings. */
DdFinding  *dd_score_add_finding         (Ctx               *ctx,
                                          const char        *rule,
                                          const char        *clause,
                                          DdFindingKind      kind,
                                          DdFindingSeverity  severity,
                                          const char        *role,
                                          gint64             time,
                                          const char        *message,
                                          char              *detail,
                                          const char        *phase,
                                          const char        *action,
                                          int                action_index);
/* Every rule of the plan and every expectation of the scenario applied to
 * ctx->actions: the findings go to ctx->findings. */
void        dd_score_judge               (Ctx               *ctx);

/* Judges action @i under @rule if it is of a kind judged at each action
 * (dd-score-actions.c). */
void        dd_score_check_action        (Ctx               *ctx,
                                          const DdRule      *rule,
                                          guint              i);
/* Whether dd_score_check_action () judges anything under @rule. */
gboolean    dd_score_rule_checks_actions (const DdRule      *rule);

/* Helpers the rule files share (dd-score-rules.c) */
void        dd_score_add_rule_finding      (Ctx            *ctx,
                                            const DdRule   *rule,
                                            const DdAction *action,
                                            int             index,
                                            char           *detail);
DdAction    *dd_score_action_at            (Ctx  *ctx,
                                            guint i);
const char  *dd_score_role_name            (Ctx        *ctx,
                                            const char *id);
const char  *dd_score_action_name          (Ctx        *ctx,
                                            const char *id);
gboolean    dd_score_strv_empty            (char **strv);
gboolean    dd_score_may_act               (Ctx          *ctx,
                                            const DdRule *rule,
                                            const char   *role_id);
gboolean    dd_score_rule_matches_action   (Ctx            *ctx,
                                            const DdRule   *rule,
                                            const DdAction *action,
                                            gboolean        with_roles);
const char  *dd_score_level_for_action     (Ctx  *ctx,
                                            guint index);
const char  *dd_score_level_at_action      (Ctx  *ctx,
                                            guint i);
gboolean    dd_score_rule_applies          (Ctx          *ctx,
                                            const DdRule *rule,
                                            gint64        time,
                                            const char   *response_level);
void        dd_score_examine               (Ctx        *ctx,
                                            const char *clause);

G_END_DECLS
