/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-score-private.h — what the scorer's files share
 *
 * Copyright 2024 The DrillDesk authors
 *
 * dd-score.c holds the findings, the totals and the ratings;
 * dd-score-rules.c judges the actions rule by rule, by kind.
 */

#pragma once

#include "dd-actions.h"
#include "dd-score.h"

G_BEGIN_DECLS

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

G_END_DECLS
