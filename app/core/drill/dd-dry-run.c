/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-dry-run.c — play a scenario's ideal actions at full speed and score them
 *
 * Copyright 2024 The DrillDesk authors
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "dd-actions.h"
#include "dd-drill.h"
#include "dd-dry-run.h"
#include "dd-replay.h"
#include "dd-dry-run-private.h"
#include "dd-error.h"
#include "dd-score.h"

#define IDEAL_SCRIPT "ideal.actions.xml"
#define MAX_ROUNDS 8

void
dd_dry_run_free (DdDryRun *run)
{
  if (run == NULL)
    return;
  g_clear_object (&run->score);
  g_free (run->script);
  g_free (run);
}

/* ------------------------------------------------------------------ */
/* The planner: a perfect team, from the plan's rules                  */
/* Each expectation of each delivered inject, answered by its role in good
 * time: the first soon after delivery, the next a minute later … */
static void
answer_expectations (Planner   *p,
                     GPtrArray *deliveries)
{
  for (guint i = 0; i < deliveries->len; i++)
    {
      const DdInjectDelivery *d = g_ptr_array_index (deliveries, i);

      for (guint k = 0; k < d->inject->expects->len; k++)
        {
          const DdInjectExpect *e = g_ptr_array_index (d->inject->expects, k);
          gint64 deadline = d->time + e->within;
          gint64 wait = CLAMP (e->within / 3, MINUTE, MAX_ANSWER) / MINUTE * MINUTE;
          gint64 at = MIN (d->time + wait + (gint64) k * MINUTE, deadline);
          gboolean answered = FALSE;

          if (dd_plan_lookup_action_kind (p->plan, e->action) == NULL ||
              dd_plan_lookup_role (p->plan, e->role) == NULL)
            continue;
          for (guint j = 0; j < p->actions->len && !answered; j++)
            {
              const DdAction *a = g_ptr_array_index (p->actions, j);

              answered = g_strcmp0 (a->kind, e->action) == 0 && a->at >= d->time && a->at <= deadline &&
                         dd_scenario_role_matches (p->scenario, a->role, e->role);
            }
          if (!answered)
            {
              DdAction *a = dd_planner_add_action (p, at, e->role, e->action);

              if (e->text != NULL)
                {
                  g_free (a->text);
                  a->text = g_strdup (e->text);
                }
            }
        }
    }
}

/* The first action of the plan's first phase: found, or taken by the
 * first inject's addressee (the affected unit first) soon after it. */
static void
detect (Planner   *p,
        GPtrArray *deliveries)
{
  GPtrArray *phases = dd_plan_get_phases (p->plan);
  GPtrArray *kinds = dd_plan_get_action_kinds (p->plan);
  const DdPhase *first = phases->len > 0 ? g_ptr_array_index (phases, 0) : NULL;
  const DdInjectDelivery *d = deliveries->len > 0 ? g_ptr_array_index (deliveries, 0) : NULL;
  const char *kind = NULL;
  const DdAction *found = NULL;

  p->detection = d ? d->time : 0;
  p->detector = p->incident->unit;
  for (guint i = 0; first != NULL && i < kinds->len && kind == NULL; i++)
    {
      const DdActionKind *k = g_ptr_array_index (kinds, i);

      if (g_strcmp0 (k->phase, first->id) == 0)
        kind = k->id;
    }
  if (kind == NULL)
    return;

  for (guint i = 0; i < p->actions->len; i++)
    {
      const DdAction *a = g_ptr_array_index (p->actions, i);

      if (dd_planner_phase_order (p, a->kind) == first->order && (found == NULL || a->at < found->at))
        found = a;
    }
  if (found != NULL)
    {
      p->detection = found->at;
      p->detector = found->role;
      return;
    }

  if (d != NULL && !g_strv_contains ((const char *const *) d->inject->to, p->incident->unit))
    for (guint i = 0; d->inject->to[i] != NULL; i++)
      if (dd_scenario_has_participant (p->scenario, d->inject->to[i]))
        {
          p->detector = d->inject->to[i];
          break;
        }
  p->detector = dd_planner_pick_role (p, kind, p->detection + 2 * MINUTE, NULL, p->detector);
  p->detection += 2 * MINUTE;
  dd_planner_add_action (p, p->detection, p->detector, kind);
}

gboolean
dd_planner_anchor_time (Planner      *p,
                        const DdRule *rule,
                        gint64       *out)
{
  const DdAction *first = NULL;

  switch (rule->anchor)
    {
    case DD_RULE_ANCHOR_INCIDENT_START:
      *out = p->incident->began;
      return TRUE;
    case DD_RULE_ANCHOR_DETECTION:
      *out = p->detection;
      return TRUE;
    case DD_RULE_ANCHOR_ACTION:
    default:
      for (guint i = 0; i < p->actions->len; i++)
        {
          const DdAction *a = g_ptr_array_index (p->actions, i);

          if (g_strcmp0 (a->kind, rule->anchor_action) == 0 && (first == NULL || a->at < first->at))
            first = a;
        }
      if (first != NULL)
        *out = first->at;
      return first != NULL;
    }
}

/* A duty every owing unit must do itself: each that has not yet does it at
 * @at (or with its earliest action of that kind, sent on to the rule's
 * recipients). */
static void
meet_each (Planner      *p,
           const DdRule *rule,
           gint64        at)
{
  g_autoptr(GPtrArray) units = dd_score_owing_units (p->plan, p->scenario, rule, p->detector);

  for (guint u = 0; u < units->len; u++)
    {
      const char *unit = g_ptr_array_index (units, u);
      DdAction *own = NULL;

      for (guint i = 0; i < p->actions->len; i++)
        {
          DdAction *x = g_ptr_array_index (p->actions, i);

          if (g_strcmp0 (x->kind, rule->action) == 0 && g_strcmp0 (x->role, unit) == 0 &&
              (own == NULL || x->at < own->at))
            own = x;
        }
      if (own == NULL)
        own = dd_planner_add_action (p, at, unit, rule->action);
      dd_planner_add_rule_recipients (p, own, rule);
    }
}

/* Every deadline rule that applies met: its action, to one of its
 * recipients, by an allowed role, in time; new actions from *@cursor. */
static void
meet_deadlines (Planner *p,
                gint64  *cursor)
{
  const char *final_level = p->level;

  for (guint r = 0; r < p->rules->len; r++)
    {
      const DdRule *rule = g_ptr_array_index (p->rules, r);
      DdAction *first = NULL, *early = NULL, *a;
      gint64 anchor, deadline, at;

      if (rule->kind != DD_RULE_KIND_DEADLINE || rule->action == NULL || !dd_planner_anchor_time (p, rule, &anchor) ||
          !dd_planner_rule_applies_at (p, rule, anchor, final_level))
        continue;
      deadline = anchor + (gint64) rule->minutes * MINUTE;
      for (guint i = 0; i < p->actions->len; i++)
        {
          DdAction *x = g_ptr_array_index (p->actions, i);

          if (g_strcmp0 (x->kind, rule->action) != 0 || !dd_planner_role_fits (p, rule, x->role))
            continue;
          if (dd_planner_sent_to_rule (rule, x) && (first == NULL || x->at < first->at))
            first = x;
          if (x->at <= deadline && x->at >= p->detection && (early == NULL || x->at < early->at))
            early = x;
        }
      if (first != NULL && first->at <= deadline)
        ;
      else if (early != NULL)
        {
          dd_planner_add_rule_recipients (p, early, rule);
          first = early;
        }
      else
        {
          at = MAX (MIN (*cursor, deadline), MIN (p->detection + MINUTE, deadline));
          first = a = dd_planner_add_action (p, at, dd_planner_pick_role (p, rule->action, at, rule, p->detector), rule->action);
          dd_planner_add_rule_recipients (p, a, rule);
          *cursor = MAX (*cursor, at + GAP);
        }
      if (rule->each_owes)
        meet_each (p, rule, first->at);
    }
}

static int
compare_rules_by_phase (gconstpointer a,
                        gconstpointer b,
                        gpointer      data)
{
  Planner *p = data;
  const DdRule *x = *(const DdRule *const *) a;
  const DdRule *y = *(const DdRule *const *) b;
  const DdPhase *px = dd_plan_lookup_phase (p->plan, x->phase);
  const DdPhase *py = dd_plan_lookup_phase (p->plan, y->phase);
  guint ox = px ? px->order : G_MAXUINT, oy = py ? py->order : G_MAXUINT;

  return ox < oy ? -1 : ox > oy;
}

/* Recipients of @rule that no action of its kind by a fitting role was
 * sent yet (all of them when nothing was sent), or none when met. */
static gboolean
obligation_met (Planner      *p,
                const DdRule *rule,
                GPtrArray    *missing)
{
  gboolean met = FALSE;

  for (guint i = 0; i < p->actions->len && !met; i++)
    {
      const DdAction *a = g_ptr_array_index (p->actions, i);

      met = dd_planner_rule_is_about (p, rule, a->kind) && dd_planner_role_fits (p, rule, a->role) &&
            (rule->all_recipients || dd_planner_sent_to_rule (rule, a));
    }
  if (!met || !rule->all_recipients)
    return met;

  for (guint r = 0; rule->recipients[r] != NULL; r++)
    {
      gboolean sent = FALSE;

      for (guint i = 0; i < p->actions->len && !sent; i++)
        {
          const DdAction *a = g_ptr_array_index (p->actions, i);

          sent = dd_planner_rule_is_about (p, rule, a->kind) && dd_planner_role_fits (p, rule, a->role) &&
                 dd_action_has_recipient (a, rule->recipients[r]);
        }
      if (!sent)
        g_ptr_array_add (missing, rule->recipients[r]);
    }
  return missing->len == 0;
}

/* Every obligation that applies to this incident and response level,
 * of the phases before (@closing FALSE) or from the closing one. */
static void
meet_obligations (Planner  *p,
                  gint64   *cursor,
                  gint64    gap,
                  gboolean  closing)
{
  g_autoptr(GPtrArray) rules = g_ptr_array_new ();
  gboolean final_done = !closing;

  for (guint r = 0; r < p->rules->len; r++)
    {
      const DdRule *rule = g_ptr_array_index (p->rules, r);

      if (rule->kind == DD_RULE_KIND_OBLIGATION && rule->action != NULL &&
          (dd_planner_phase_order (p, rule->action) >= p->close_order) == closing)
        g_ptr_array_add (rules, (gpointer) rule);
    }
  g_ptr_array_sort_with_data (rules, compare_rules_by_phase, p);

  for (guint r = 0; r < rules->len; r++)
    {
      const DdRule *rule = g_ptr_array_index (rules, r);
      g_autoptr(GPtrArray) missing = g_ptr_array_new ();
      DdAction *a;

      /* the final report closes the response, before the after-action work */
      if (!final_done && dd_planner_phase_order (p, rule->action) > p->close_order)
        {
          DdAction *first = NULL;

          for (guint i = 0; i < p->actions->len; i++)
            {
              DdAction *x = g_ptr_array_index (p->actions, i);

              if (dd_planner_form_of (p, x->kind) == DD_ACTION_FORM_REPORT && (first == NULL || x->at < first->at))
                first = x;
            }
          if (first != NULL)
            {
              a = dd_planner_add_action (p, *cursor, first->role, first->kind);
              dd_action_set_to (a, (const char *const *) first->to);
              g_hash_table_add (p->finals, a);
              *cursor += gap;
            }
          final_done = TRUE;
        }

      if (!dd_planner_rule_applies_at (p, rule, G_MAXINT64 / 4, p->level) || obligation_met (p, rule, missing))
        continue;
      /* a duty that arises from what happened: only once it happened */
      if (rule->once != NULL && dd_planner_latest_before (p, rule->once, G_MAXINT64 / 4) == NULL)
        continue;
      /* recipients-match="all": one action to all of them */
      a = dd_planner_take (p, rule->action, cursor, gap, rule, 0);
      dd_planner_add_rule_recipients (p, a, rule);
    }
}

/* What the prerequisite rules ask for, before every action that needs it. */
static void
meet_prerequisites (Planner *p)
{
  for (guint round = 0; round < 16; round++)
    {
      gboolean added = FALSE;

      dd_planner_sort_actions (p);
      for (guint i = 0; i < p->actions->len && !added; i++)
        {
          const DdAction *a = g_ptr_array_index (p->actions, i);
          const char *level = dd_planner_level_for (p, a->kind, a->at);

          for (guint r = 0; r < p->rules->len && !added; r++)
            {
              const DdRule *rule = g_ptr_array_index (p->rules, r);

              if (rule->kind != DD_RULE_KIND_PREREQUISITE || !dd_planner_rule_is_about (p, rule, a->kind) ||
                  !dd_planner_rule_applies_at (p, rule, a->at, level))
                continue;
              for (guint k = 0; rule->requires != NULL && rule->requires[k] != NULL; k++)
                {
                  gboolean before = FALSE;
                  gint64 at = MAX (a->at - MINUTE, 0);

                  for (guint j = 0; j < i && !before; j++)
                    before = g_strcmp0 (((const DdAction *) g_ptr_array_index (p->actions, j))->kind,
                                        rule->requires[k]) == 0;
                  if (before)
                    continue;
                  dd_planner_add_action (p, at, dd_planner_pick_role (p, rule->requires[k], at, NULL, NULL), rule->requires[k]);
                  added = TRUE;
                }
            }
        }
      if (!added)
        break;
    }
  dd_planner_sort_actions (p);
}

/* The actions of a perfect team, given the injects that @previous
 * actions bring about. */
static GPtrArray *
plan_actions (DdPlan     *plan,
              DdScenario *scenario,
              GPtrArray  *previous)
{
  g_autoptr(GPtrArray) deliveries = dd_scenario_deliveries (scenario, previous, G_MAXINT64 / 4);
  gint64 duration = dd_scenario_get_duration (scenario);
  Planner p;
  gint64 cursor, start, gap;
  guint before;
  GPtrArray *out;

  dd_planner_init (&p, plan, scenario);

  /* what the scenario expects, then detection and the reports due at once */
  answer_expectations (&p, deliveries);
  detect (&p, deliveries);
  cursor = p.detection + GAP;
  meet_deadlines (&p, &cursor);

  /* once the level is clear: a follow-up report, then the response level
   * decided (with what must come before it) */
  if (p.incident->has_level_clear)
    {
      const DdAction *first = NULL;

      for (guint i = 0; i < p.actions->len; i++)
        {
          const DdAction *a = g_ptr_array_index (p.actions, i);

          if (dd_planner_form_of (&p, a->kind) == DD_ACTION_FORM_REPORT && (first == NULL || a->at < first->at))
            first = a;
        }
      cursor = MAX (cursor, p.incident->level_clear);
      if (first != NULL && first->at < p.incident->level_clear)
        {
          DdAction *a = dd_planner_add_action (&p, cursor, first->role, first->kind);

          dd_action_set_to (a, (const char *const *) first->to);
          cursor += GAP;
        }
    }
  if (p.level != NULL)
    {
      GHashTableIter iter;
      gpointer kind;

      g_hash_table_iter_init (&iter, p.decide_kinds);
      while (g_hash_table_iter_next (&iter, &kind, NULL))
        dd_planner_ensure (&p, kind, &cursor, GAP, 0);
    }

  /* the measures the plan makes obligatory */
  meet_obligations (&p, &cursor, HANDLING_GAP, FALSE);
  meet_prerequisites (&p);
  meet_deadlines (&p, &cursor);

  /* closing the response and the after-action work, after everything
   * else, spread over what is left of the planned duration */
  start = 0;
  for (guint i = 0; i < p.actions->len; i++)
    start = MAX (start, ((const DdAction *) g_ptr_array_index (p.actions, i))->at);
  start += GAP;
  before = p.actions->len;
  cursor = start;
  meet_obligations (&p, &cursor, 1, TRUE);
  gap = p.actions->len > before ? (duration - start) / (gint64) (p.actions->len - before + 1) : GAP;
  gap = CLAMP (gap / MINUTE * MINUTE, MINUTE, MAX_LATE_GAP);
  for (guint i = before; i < p.actions->len; i++)
    ((DdAction *) g_ptr_array_index (p.actions, i))->at = start + (gint64) (i - before) * gap;
  meet_prerequisites (&p);

  dd_planner_finish_actions (&p);
  out = g_steal_pointer (&p.actions);
  dd_planner_clear (&p);
  return out;
}

static gboolean
same_actions (GPtrArray *a,
              GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      const DdAction *x = g_ptr_array_index (a, i), *y = g_ptr_array_index (b, i);

      if (x->at != y->at || g_strcmp0 (x->role, y->role) != 0 || g_strcmp0 (x->kind, y->kind) != 0)
        return FALSE;
    }
  return TRUE;
}

static gpointer
copy_action (gconstpointer src,
             gpointer      unused)
{
  return dd_action_copy (src);
}

/* Whether @a answers an expectation of an inject delivered before it. */
static gboolean
answers_expectation (Planner        *p,
                     GPtrArray      *deliveries,
                     const DdAction *a)
{
  for (guint i = 0; i < deliveries->len; i++)
    {
      const DdInjectDelivery *d = g_ptr_array_index (deliveries, i);

      for (guint k = 0; k < d->inject->expects->len; k++)
        {
          const DdInjectExpect *e = g_ptr_array_index (d->inject->expects, k);

          if (g_strcmp0 (e->action, a->kind) == 0 && a->at >= d->time && a->at <= d->time + e->within &&
              dd_scenario_role_matches (p->scenario, a->role, e->role))
            return TRUE;
        }
    }
  return FALSE;
}

/* What the findings of @score say is missing or wrong, put right by the
 * kind of their rule: another role, the actions required before, the
 * deadline or obligation met.  Levels and report fields are set again
 * from the truth.  Takes @actions; returns the repaired list. */
static GPtrArray *
repair (DdPlan     *plan,
        DdScenario *scenario,
        GPtrArray  *actions,
        DdScore    *score)
{
  GPtrArray *findings = dd_score_get_findings (score);
  g_autoptr(GPtrArray) deliveries = dd_scenario_deliveries (scenario, actions, G_MAXINT64 / 4);
  Planner p;
  gint64 cursor = 0;

  dd_planner_init (&p, plan, scenario);
  g_ptr_array_unref (p.actions);
  p.actions = actions;
  p.detection = deliveries->len > 0 ? ((const DdInjectDelivery *) g_ptr_array_index (deliveries, 0))->time : 0;
  p.detector = p.incident->unit;
  for (guint i = 0; i < actions->len; i++)
    cursor = MAX (cursor, ((const DdAction *) g_ptr_array_index (actions, i))->at);
  /* the actions are in time order: the first one detected the incident */
  if (actions->len > 0)
    {
      const DdAction *first = g_ptr_array_index (actions, 0);

      p.detection = first->at;
      p.detector = first->role;
    }

  for (guint f = 0; f < findings->len; f++)
    {
      const DdFinding *finding = g_ptr_array_index (findings, f);
      const DdRule *rule = dd_plan_lookup_rule (plan, finding->rule);
      DdAction *a = finding->action_index >= 0 && (guint) finding->action_index < actions->len
                    ? g_ptr_array_index (actions, finding->action_index) : NULL;

      if (rule == NULL)
        continue;   /* an expectation: answered by the planner already */
      switch (rule->kind)
        {
        case DD_RULE_KIND_AUTHORITY:
        case DD_RULE_KIND_SAME_ACTOR:
        case DD_RULE_KIND_SAME_AUTHORITY:
          /* the role the scenario expects stays: its author chose it */
          if (a != NULL && !answers_expectation (&p, deliveries, a))
            {
              const char *role = dd_planner_pick_role (&p, a->kind, a->at, NULL, NULL);

              if (role != NULL)
                {
                  g_free (a->role);
                  a->role = g_strdup (role);
                }
            }
          break;
        case DD_RULE_KIND_OBLIGATION:
          {
            g_autoptr(GPtrArray) missing = g_ptr_array_new ();
            gint64 at = MIN (cursor, dd_scenario_get_duration (scenario));

            if (rule->action != NULL && !obligation_met (&p, rule, missing))
              {
                DdAction *taken = dd_planner_take (&p, rule->action, &at, MINUTE, rule, 0);

                dd_planner_add_rule_recipients (&p, taken, rule);
              }
          }
          break;
        case DD_RULE_KIND_DEADLINE:
          {
            gint64 at = p.detection + GAP;

            meet_deadlines (&p, &at);
          }
          break;
        case DD_RULE_KIND_PREREQUISITE:
        case DD_RULE_KIND_LEVEL_MATCH:
        case DD_RULE_KIND_REPORT_CONTENT:
        case DD_RULE_KIND_REPORT_ACCURACY:
        default:
          break;   /* below, for every action */
        }
    }
  meet_prerequisites (&p);
  dd_planner_finish_actions (&p);
  actions = g_steal_pointer (&p.actions);
  dd_planner_clear (&p);
  return actions;
}

GPtrArray *
dd_dry_run_ideal_actions (DdPlan     *plan,
                          DdScenario *scenario)
{
  GPtrArray *actions;

  g_return_val_if_fail (DD_IS_PLAN (plan), NULL);
  g_return_val_if_fail (DD_IS_SCENARIO (scenario), NULL);

  actions = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_action_free);
  /* Conditional injects depend on the actions taken: repeat until the
   * actions no longer change what is delivered. */
  for (guint round = 0; round < MAX_ROUNDS; round++)
    {
      GPtrArray *next = plan_actions (plan, scenario, actions);
      gboolean stable = same_actions (next, actions);

      g_ptr_array_unref (actions);
      actions = next;
      if (stable)
        break;
    }

  /* Score it; while findings remain, let their rules say what to change,
   * and keep the better list. */
  for (guint round = 0; round < MAX_ROUNDS; round++)
    {
      g_autoptr(DdReplay) played = dd_replay_new_for_actions (plan, scenario, actions, TRUE);
      g_autoptr(DdReplay) replayed = NULL;
      DdScore *score = dd_replay_get_score (played);
      DdScore *again;
      GPtrArray *next;

      if (dd_score_get_findings (score)->len == 0)
        break;
      next = repair (plan, scenario, g_ptr_array_copy (actions, copy_action, NULL), score);
      replayed = dd_replay_new_for_actions (plan, scenario, next, TRUE);
      again = dd_replay_get_score (replayed);
      if (dd_score_get_overall (again) <= dd_score_get_overall (score) &&
          dd_score_get_findings (again)->len >= dd_score_get_findings (score)->len)
        {
          g_ptr_array_unref (next);
          break;
        }
      g_ptr_array_unref (actions);
      actions = next;
    }
  return actions;
}

static DdActionScript *
load_ideal_script (DdPlan      *plan,
                   DdScenario  *scenario,
                   const char  *path,
                   GError     **error)
{
  if (path != NULL)
    return dd_action_script_load_file (path, plan, scenario, error);
  if (dd_scenario_get_base_dir (scenario) != NULL)
    {
      g_autofree char *beside = g_build_filename (dd_scenario_get_base_dir (scenario), IDEAL_SCRIPT, NULL);

      /* a script of another scenario (a template's) does not count */
      if (g_file_test (beside, G_FILE_TEST_IS_REGULAR))
        return dd_action_script_load_file (beside, plan, scenario, NULL);
    }
  return NULL;
}

static gint64
no_wall_clock (gpointer data)
{
  return 0;
}

DdDryRun *
dd_dry_run (DdPlan      *plan,
            DdScenario  *scenario,
            const char  *actions_path,
            GError     **error)
{
  g_autoptr(DdDryRun) run = g_new0 (DdDryRun, 1);
  g_autoptr(DdActionScript) script = NULL;
  g_autoptr(GPtrArray) generated = NULL;
  g_autoptr(DdDrill) drill = NULL;
  g_autoptr(GError) local = NULL;
  GPtrArray *actions;

  g_return_val_if_fail (DD_IS_PLAN (plan), NULL);
  g_return_val_if_fail (DD_IS_SCENARIO (scenario), NULL);

  script = load_ideal_script (plan, scenario, actions_path, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (script != NULL)
    {
      actions = dd_action_script_get_actions (script);
      run->script = actions_path ? g_strdup (actions_path)
                                 : g_build_filename (dd_scenario_get_base_dir (scenario), IDEAL_SCRIPT, NULL);
    }
  else
    actions = generated = dd_dry_run_ideal_actions (plan, scenario);

  drill = dd_drill_new (plan, scenario);
  dd_drill_set_time_func (drill, no_wall_clock, NULL);
  for (guint i = 0; i < actions->len; i++)
    {
      g_autoptr(DdAction) action = dd_action_copy (g_ptr_array_index (actions, i));

      if (!dd_drill_advance_to (drill, action->at, error))
        return NULL;
      if (!dd_drill_record_action (drill, action, &local))
        {
          /* a script must play as written; a generated action may not fit */
          if (script != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return NULL;
            }
          g_debug ("dry run: generated action %s by %s refused: %s", action->kind, action->role, local->message);
          g_clear_error (&local);
          run->n_refused++;
          continue;
        }
      run->n_actions++;
    }
  if (!dd_drill_finish (drill, error))
    return NULL;

  run->score = g_object_ref (dd_drill_get_score (drill));
  run->n_injects = g_list_model_get_n_items (dd_drill_get_inject_model (drill));
  return g_steal_pointer (&run);
}
