/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-dry-run-private.h — the dry run's planner, shared by its files
 *
 * Copyright 2024 The DrillDesk authors
 *
 * dd-dry-run-planner.c: who acts and how (roles the rules allow, actions
 * with their recipients, levels and form fields); dd-dry-run.c: what a
 * perfect team does when, and the repair rounds.
 */

#pragma once

#include "dd-actions.h"
#include "dd-dry-run.h"

G_BEGIN_DECLS

#define MINUTE 60
#define GAP (3 * MINUTE)                /* between steps of one task */
#define HANDLING_GAP (5 * MINUTE)       /* between the measures taken */
#define MAX_LATE_GAP (10 * MINUTE)      /* between the closing steps */
#define MAX_ANSWER (10 * MINUTE)        /* longest wait before answering an inject */

typedef struct
{
  DdPlan           *plan;
  DdScenario       *scenario;
  const DdIncident *incident;
  GPtrArray        *rules;
  const char       *level;        /* the response level fitting the truth, or NULL */
  const char       *warning;      /* the warning level fitting the truth, or NULL */
  GHashTable       *decide_kinds; /* action kinds whose level is the response level in force */
  GPtrArray        *actions;      /* DdAction */
  GHashTable       *finals;       /* DdAction: the final report */
  const char       *detector;     /* who detected the incident */
  gint64            detection;
  guint             close_order;  /* phase order from which actions close the response */
} Planner;

void        dd_planner_sort_actions         (Planner *p);
DdActionForm dd_planner_form_of              (Planner *p,
                                              const char *kind);
guint       dd_planner_phase_order          (Planner *p,
                                             const char *kind);
gboolean    dd_planner_rule_is_about        (Planner *p,
                                             const DdRule *rule,
                                             const char *kind);
gboolean    dd_planner_rule_applies_at      (Planner *p,
                                             const DdRule *rule,
                                             gint64 time,
                                             const char *level);
const char  *dd_planner_level_for           (Planner *p,
                                             const char *kind,
                                             gint64 time);
gboolean    dd_planner_role_fits            (Planner *p,
                                             const DdRule *rule,
                                             const char *role_id);
DdAction    *dd_planner_latest_before       (Planner *p,
                                             const char *kind,
                                             gint64 time);
const char  *dd_planner_pick_role           (Planner *p,
                                             const char *kind,
                                             gint64 time,
                                             const DdRule *filter,
                                             const char *preferred);
DdAction    *dd_planner_add_action          (Planner *p,
                                             gint64 at,
                                             const char *role,
                                             const char *kind);
void        dd_planner_add_rule_recipients  (Planner *p,
                                             DdAction *a,
                                             const DdRule *rule);
gboolean    dd_planner_sent_to_rule         (const DdRule *rule,
                                             const DdAction *a);
DdAction    *dd_planner_take                (Planner *p,
                                             const char *kind,
                                             gint64 *cursor,
                                             gint64 gap,
                                             const DdRule *filter,
                                             guint depth);
DdAction    *dd_planner_ensure              (Planner *p,
                                             const char *kind,
                                             gint64 *cursor,
                                             gint64 gap,
                                             guint depth);
void        dd_planner_finish_actions       (Planner *p);
void        dd_planner_init                 (Planner *p,
                                             DdPlan *plan,
                                             DdScenario *scenario);
void        dd_planner_clear        (Planner *p);

/* dd-dry-run.c */
gboolean    dd_planner_anchor_time          (Planner      *p,
                                             const DdRule *rule,
                                             gint64       *out);

G_END_DECLS
