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
  GPtrArray   *actions;
  gint64       now;
  gboolean     finished;
  gint64       end;
  GHashTable  *decide_kinds;     /* action ids that set the response level */
  const char **levels;           /* [n]: response level in force after the first n actions */
  GHashTable  *latest;           /* action kind → its latest DdAction before the one checked */
  gboolean     has_detection;
  gint64       detection;
  GPtrArray   *deliveries;       /* DdInjectDelivery */
  GPtrArray   *findings;
} Ctx;

void        dd_score_add_finding         (Ctx               *ctx,
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
