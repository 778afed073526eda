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

static gboolean
strv_empty (char **strv)
{
  return strv == NULL || strv[0] == NULL;
}

static int
compare_actions (gconstpointer a,
                 gconstpointer b)
{
  const DdAction *x = *(const DdAction *const *) a;
  const DdAction *y = *(const DdAction *const *) b;

  return x->at < y->at ? -1 : x->at > y->at;
}

static void
sort_actions (Planner *p)
{
  /* stable: of two actions at the same time, the one planned first stays first */
  g_ptr_array_sort (p->actions, compare_actions);
}

static DdActionForm
form_of (Planner    *p,
         const char *kind)
{
  const DdActionKind *k = dd_plan_lookup_action_kind (p->plan, kind);

  return k ? k->form : DD_ACTION_FORM_NONE;
}

static guint
phase_order (Planner    *p,
             const char *kind)
{
  const DdActionKind *k = dd_plan_lookup_action_kind (p->plan, kind);
  const DdPhase *phase = k ? dd_plan_lookup_phase (p->plan, k->phase) : NULL;

  return phase ? phase->order : G_MAXUINT;
}

/* Whether @rule is about actions of @kind (a rule without an action is
 * about every report). */
static gboolean
rule_is_about (Planner      *p,
               const DdRule *rule,
               const char   *kind)
{
  if (rule->action != NULL)
    return g_strcmp0 (rule->action, kind) == 0;
  return form_of (p, kind) == DD_ACTION_FORM_REPORT;
}

/* As the scorer reads it: the rule holds for the truth, or for the
 * severity known at @time while the level is not yet clear. */
static gboolean
rule_applies_at (Planner      *p,
                 const DdRule *rule,
                 gint64        time,
                 const char   *level)
{
  const char *now = dd_scenario_severity_at (p->scenario, time);

  return dd_rule_applies (rule, p->incident->severity, p->incident->category, level) ||
         (g_strcmp0 (now, p->incident->severity) != 0 &&
          dd_rule_applies (rule, now, p->incident->category, level));
}

/* The response level in force at @time: the latest decision by then. */
static const char *
level_at (Planner *p,
          gint64   time)
{
  const DdAction *latest = NULL;

  for (guint i = 0; i < p->actions->len; i++)
    {
      const DdAction *a = g_ptr_array_index (p->actions, i);

      if (a->at <= time && a->level != NULL && g_hash_table_contains (p->decide_kinds, a->kind) &&
          (latest == NULL || a->at >= latest->at))
        latest = a;
    }
  return latest ? latest->level : NULL;
}

/* The level an action of @kind at @time is judged under. */
static const char *
level_for (Planner    *p,
           const char *kind,
           gint64      time)
{
  if (form_of (p, kind) == DD_ACTION_FORM_RESPONSE_LEVEL)
    return p->level;
  return level_at (p, time);
}

/* The role that acts for @role_id: the scenario's affected unit stands for
 * the plan's incident-unit role. */
static const char *
stand_in (Planner    *p,
          const char *role_id)
{
  const DdRole *role = dd_plan_lookup_role (p->plan, role_id);

  if (role != NULL && role->kind == DD_ROLE_KIND_INCIDENT_UNIT && p->incident->unit != NULL)
    return p->incident->unit;
  return role_id;
}

/* Whether @role_id may act under @rule (its roles and role kinds) and, for
 * a duty, owes it, as the scorer reads it. */
static gboolean
role_fits (Planner      *p,
           const DdRule *rule,
           const char   *role_id)
{
  return dd_score_actor_allowed (p->plan, rule, role_id, p->incident->unit) &&
         dd_score_owes (p->plan, p->scenario, rule, role_id, p->detector);
}

/* The latest action of @kind before @time, or NULL. */
static DdAction *
latest_before (Planner    *p,
               const char *kind,
               gint64      time)
{
  DdAction *latest = NULL;

  for (guint i = 0; i < p->actions->len; i++)
    {
      DdAction *a = g_ptr_array_index (p->actions, i);

      if (a->at <= time && g_strcmp0 (a->kind, kind) == 0 && (latest == NULL || a->at >= latest->at))
        latest = a;
    }
  return latest;
}

/* Whether @role_id may take @kind at @time: every authority rule that
 * applies allows it, it is the actor a same-actor rule names, and it fits
 * @filter (an obligation's roles), if any. */
static gboolean
role_allowed (Planner      *p,
              const char   *kind,
              const char   *role_id,
              gint64        time,
              const DdRule *filter)
{
  const char *level = level_for (p, kind, time);

  if (dd_plan_lookup_role (p->plan, role_id) == NULL)
    return FALSE;
  if (filter != NULL && !role_fits (p, filter, role_id))
    return FALSE;
  for (guint r = 0; r < p->rules->len; r++)
    {
      const DdRule *rule = g_ptr_array_index (p->rules, r);

      if (!rule_is_about (p, rule, kind) || !rule_applies_at (p, rule, time, level))
        continue;
      if (rule->kind == DD_RULE_KIND_AUTHORITY && !role_fits (p, rule, role_id))
        return FALSE;
      if (rule->kind == DD_RULE_KIND_SAME_ACTOR && rule->same_as != NULL)
        {
          const DdAction *earlier = latest_before (p, rule->same_as, time);

          if (earlier != NULL && g_strcmp0 (earlier->role, role_id) != 0)
            return FALSE;
        }
      if (rule->kind == DD_RULE_KIND_SAME_AUTHORITY && rule->same_as != NULL &&
          latest_before (p, rule->same_as, time) != NULL)
        {
          const DdResponseLevel *started = dd_plan_lookup_response_level (p->plan, p->level);

          if (started != NULL &&
              !dd_response_level_may_close (started, dd_plan_lookup_role (p->plan, role_id)))
            return FALSE;
        }
    }
  return TRUE;
}

static void
add_role_ids (Planner    *p,
              GPtrArray  *to,
              char      **ids,
              char      **kinds)
{
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    g_ptr_array_add (to, ids[i]);
  for (guint i = 0; kinds != NULL && kinds[i] != NULL; i++)
    {
      DdRoleKind kind;
      g_autoptr(GPtrArray) roles = NULL;

      if (!dd_role_kind_from_string (kinds[i], &kind))
        continue;
      roles = dd_plan_get_roles_of_kind (p->plan, kind);
      for (guint k = 0; k < roles->len; k++)
        g_ptr_array_add (to, ((const DdRole *) g_ptr_array_index (roles, k))->id);
    }
}

/* Who takes @kind at @time: @preferred when allowed; else the actor a
 * same-actor rule names, the roles @filter or the authority rules give,
 * the role the scenario expects it of, the office, the affected unit —
 * the scenario's participants first. */
static const char *
pick_role (Planner      *p,
           const char   *kind,
           gint64        time,
           const DdRule *filter,
           const char   *preferred)
{
  g_autoptr(GPtrArray) candidates = g_ptr_array_new ();
  g_autoptr(GPtrArray) offices = dd_plan_get_roles_of_kind (p->plan, DD_ROLE_KIND_OFFICE);
  const char *level = level_for (p, kind, time);
  GPtrArray *injects = dd_scenario_get_injects (p->scenario);
  GPtrArray *participants = dd_scenario_get_participants (p->scenario);

  if (preferred != NULL)
    g_ptr_array_add (candidates, (gpointer) preferred);
  for (guint r = 0; r < p->rules->len; r++)
    {
      const DdRule *rule = g_ptr_array_index (p->rules, r);

      if ((rule->kind == DD_RULE_KIND_SAME_ACTOR || rule->kind == DD_RULE_KIND_SAME_AUTHORITY) &&
          rule->same_as != NULL && rule_is_about (p, rule, kind) && rule_applies_at (p, rule, time, level))
        {
          const DdAction *earlier = latest_before (p, rule->same_as, time);
          const DdResponseLevel *started = dd_plan_lookup_response_level (p->plan, p->level);

          if (earlier != NULL)
            g_ptr_array_add (candidates, earlier->role);
          if (rule->kind == DD_RULE_KIND_SAME_AUTHORITY && started != NULL)
            add_role_ids (p, candidates, started->closers, started->closer_kinds);
        }
    }
  if (filter != NULL)
    {
      g_autoptr(GPtrArray) owing = dd_score_owing_units (p->plan, p->scenario, filter, p->detector);

      g_ptr_array_extend (candidates, owing, NULL, NULL);
      add_role_ids (p, candidates, filter->roles, filter->role_kinds);
      add_role_ids (p, candidates, filter->owed_by, filter->owed_by_kinds);
    }
  for (guint r = 0; r < p->rules->len; r++)
    {
      const DdRule *rule = g_ptr_array_index (p->rules, r);

      if (rule->kind == DD_RULE_KIND_AUTHORITY && rule_is_about (p, rule, kind) &&
          rule_applies_at (p, rule, time, level))
        add_role_ids (p, candidates, rule->roles, rule->role_kinds);
    }
  for (guint i = 0; i < injects->len; i++)
    {
      const DdInject *inject = g_ptr_array_index (injects, i);

      for (guint k = 0; k < inject->expects->len; k++)
        {
          const DdInjectExpect *e = g_ptr_array_index (inject->expects, k);

          if (g_strcmp0 (e->action, kind) == 0)
            g_ptr_array_add (candidates, e->role);
        }
    }
  for (guint i = 0; i < offices->len; i++)
    g_ptr_array_add (candidates, ((const DdRole *) g_ptr_array_index (offices, i))->id);
  if (p->incident->unit != NULL)
    g_ptr_array_add (candidates, p->incident->unit);
  for (guint i = 0; i < participants->len; i++)
    g_ptr_array_add (candidates, ((const DdParticipant *) g_ptr_array_index (participants, i))->role);

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < candidates->len; i++)
      {
        const char *role = stand_in (p, g_ptr_array_index (candidates, i));

        if (pass == 0 && !dd_scenario_has_participant (p->scenario, role))
          continue;
        if (role_allowed (p, kind, role, time, filter))
          return role;
      }
  return candidates->len > 0 ? stand_in (p, g_ptr_array_index (candidates, 0)) : NULL;
}

static DdAction *
add_action (Planner    *p,
            gint64      at,
            const char *role,
            const char *kind)
{
  const DdActionKind *k = dd_plan_lookup_action_kind (p->plan, kind);
  DdAction *a = dd_action_new (MAX (at, 0), role, kind);

  if (k != NULL && k->description != NULL)
    a->text = g_strdup (k->description);
  g_ptr_array_add (p->actions, a);
  return a;
}

static void
add_recipient (DdAction   *a,
               const char *role)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) to = NULL;

  if (role == NULL || dd_action_has_recipient (a, role))
    return;
  /* a copy: setting the list frees the old one */
  builder = g_strv_builder_new ();
  g_strv_builder_addv (builder, (const char **) a->to);
  g_strv_builder_add (builder, role);
  to = g_strv_builder_end (builder);
  dd_action_set_to (a, (const char *const *) to);
}

/* The recipient that meets @rule: of its recipients, the first one taking
 * part in the scenario, else its first. */
static const char *
rule_recipient (Planner      *p,
                const DdRule *rule)
{
  if (strv_empty (rule->recipients))
    return NULL;
  for (guint i = 0; rule->recipients[i] != NULL; i++)
    if (dd_scenario_has_participant (p->scenario, rule->recipients[i]))
      return rule->recipients[i];
  return rule->recipients[0];
}

static void
add_rule_recipients (Planner      *p,
                     DdAction     *a,
                     const DdRule *rule)
{
  if (rule->all_recipients)
    for (guint i = 0; rule->recipients[i] != NULL; i++)
      add_recipient (a, rule->recipients[i]);
  else
    add_recipient (a, rule_recipient (p, rule));
}

static gboolean
sent_to_rule (const DdRule   *rule,
              const DdAction *a)
{
  if (strv_empty (rule->recipients))
    return TRUE;
  for (guint i = 0; rule->recipients[i] != NULL; i++)
    if (dd_action_has_recipient (a, rule->recipients[i]))
      return TRUE;
  return FALSE;
}

/* Takes @kind at *@cursor by a role @filter allows, after what the
 * prerequisite rules ask for first (each @gap apart); *@cursor moves on. */
static DdAction *ensure (Planner *p, const char *kind, gint64 *cursor, gint64 gap, guint depth);

static DdAction *
take (Planner      *p,
      const char   *kind,
      gint64       *cursor,
      gint64        gap,
      const DdRule *filter,
      guint         depth)
{
  const char *level = level_for (p, kind, *cursor);
  DdAction *a;

  for (guint r = 0; r < p->rules->len && depth < 8; r++)
    {
      const DdRule *rule = g_ptr_array_index (p->rules, r);

      if (rule->kind != DD_RULE_KIND_PREREQUISITE || !rule_is_about (p, rule, kind) ||
          !rule_applies_at (p, rule, *cursor, level))
        continue;
      for (guint k = 0; rule->requires != NULL && rule->requires[k] != NULL; k++)
        ensure (p, rule->requires[k], cursor, gap, depth + 1);
    }
  a = add_action (p, *cursor, pick_role (p, kind, *cursor, filter, NULL), kind);
  *cursor += gap;
  return a;
}

/* As take (), unless @kind was already taken by *@cursor. */
static DdAction *
ensure (Planner    *p,
        const char *kind,
        gint64     *cursor,
        gint64      gap,
        guint       depth)
{
  DdAction *done = latest_before (p, kind, *cursor);

  if (done != NULL)
    {
      *cursor = MAX (*cursor, done->at + MINUTE);
      return done;
    }
  return take (p, kind, cursor, gap, NULL, depth);
}

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
              DdAction *a = add_action (p, at, e->role, e->action);

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

      if (phase_order (p, a->kind) == first->order && (found == NULL || a->at < found->at))
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
  p->detector = pick_role (p, kind, p->detection + 2 * MINUTE, NULL, p->detector);
  p->detection += 2 * MINUTE;
  add_action (p, p->detection, p->detector, kind);
}

static gboolean
anchor_time (Planner      *p,
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
        own = add_action (p, at, unit, rule->action);
      add_rule_recipients (p, own, rule);
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

      if (rule->kind != DD_RULE_KIND_DEADLINE || rule->action == NULL || !anchor_time (p, rule, &anchor) ||
          !rule_applies_at (p, rule, anchor, final_level))
        continue;
      deadline = anchor + (gint64) rule->minutes * MINUTE;
      for (guint i = 0; i < p->actions->len; i++)
        {
          DdAction *x = g_ptr_array_index (p->actions, i);

          if (g_strcmp0 (x->kind, rule->action) != 0 || !role_fits (p, rule, x->role))
            continue;
          if (sent_to_rule (rule, x) && (first == NULL || x->at < first->at))
            first = x;
          if (x->at <= deadline && x->at >= p->detection && (early == NULL || x->at < early->at))
            early = x;
        }
      if (first != NULL && first->at <= deadline)
        ;
      else if (early != NULL)
        {
          add_rule_recipients (p, early, rule);
          first = early;
        }
      else
        {
          at = MAX (MIN (*cursor, deadline), MIN (p->detection + MINUTE, deadline));
          first = a = add_action (p, at, pick_role (p, rule->action, at, rule, p->detector), rule->action);
          add_rule_recipients (p, a, rule);
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

      met = rule_is_about (p, rule, a->kind) && role_fits (p, rule, a->role) &&
            (rule->all_recipients || sent_to_rule (rule, a));
    }
  if (!met || !rule->all_recipients)
    return met;

  for (guint r = 0; rule->recipients[r] != NULL; r++)
    {
      gboolean sent = FALSE;

      for (guint i = 0; i < p->actions->len && !sent; i++)
        {
          const DdAction *a = g_ptr_array_index (p->actions, i);

          sent = rule_is_about (p, rule, a->kind) && role_fits (p, rule, a->role) &&
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
          (phase_order (p, rule->action) >= p->close_order) == closing)
        g_ptr_array_add (rules, (gpointer) rule);
    }
  g_ptr_array_sort_with_data (rules, compare_rules_by_phase, p);

  for (guint r = 0; r < rules->len; r++)
    {
      const DdRule *rule = g_ptr_array_index (rules, r);
      g_autoptr(GPtrArray) missing = g_ptr_array_new ();
      DdAction *a;

      /* the final report closes the response, before the after-action work */
      if (!final_done && phase_order (p, rule->action) > p->close_order)
        {
          DdAction *first = NULL;

          for (guint i = 0; i < p->actions->len; i++)
            {
              DdAction *x = g_ptr_array_index (p->actions, i);

              if (form_of (p, x->kind) == DD_ACTION_FORM_REPORT && (first == NULL || x->at < first->at))
                first = x;
            }
          if (first != NULL)
            {
              a = add_action (p, *cursor, first->role, first->kind);
              dd_action_set_to (a, (const char *const *) first->to);
              g_hash_table_add (p->finals, a);
              *cursor += gap;
            }
          final_done = TRUE;
        }

      if (!rule_applies_at (p, rule, G_MAXINT64 / 4, p->level) || obligation_met (p, rule, missing))
        continue;
      /* a duty that arises from what happened: only once it happened */
      if (rule->once != NULL && latest_before (p, rule->once, G_MAXINT64 / 4) == NULL)
        continue;
      /* recipients-match="all": one action to all of them */
      a = take (p, rule->action, cursor, gap, rule, 0);
      add_rule_recipients (p, a, rule);
    }
}

/* What the prerequisite rules ask for, before every action that needs it. */
static void
meet_prerequisites (Planner *p)
{
  for (guint round = 0; round < 16; round++)
    {
      gboolean added = FALSE;

      sort_actions (p);
      for (guint i = 0; i < p->actions->len && !added; i++)
        {
          const DdAction *a = g_ptr_array_index (p->actions, i);
          const char *level = level_for (p, a->kind, a->at);

          for (guint r = 0; r < p->rules->len && !added; r++)
            {
              const DdRule *rule = g_ptr_array_index (p->rules, r);

              if (rule->kind != DD_RULE_KIND_PREREQUISITE || !rule_is_about (p, rule, a->kind) ||
                  !rule_applies_at (p, rule, a->at, level))
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
                  add_action (p, at, pick_role (p, rule->requires[k], at, NULL, NULL), rule->requires[k]);
                  added = TRUE;
                }
            }
        }
      if (!added)
        break;
    }
  sort_actions (p);
}

/* Recipients the rules about @a's kind ask for, when it has none. */
static void
default_recipients (Planner  *p,
                    DdAction *a)
{
  if (a->to[0] != NULL)
    return;
  for (guint r = 0; r < p->rules->len; r++)
    {
      const DdRule *rule = g_ptr_array_index (p->rules, r);
      gint64 anchor = a->at;

      if ((rule->kind != DD_RULE_KIND_DEADLINE && rule->kind != DD_RULE_KIND_OBLIGATION) ||
          rule->action == NULL || !rule_is_about (p, rule, a->kind) || strv_empty (rule->recipients))
        continue;
      if (rule->kind == DD_RULE_KIND_DEADLINE && !anchor_time (p, rule, &anchor))
        continue;
      if (rule_applies_at (p, rule, anchor, p->level))
        add_rule_recipients (p, a, rule);
    }
  if (a->to[0] == NULL && form_of (p, a->kind) == DD_ACTION_FORM_REPORT)
    {
      g_autoptr(GPtrArray) offices = dd_plan_get_roles_of_kind (p->plan, DD_ROLE_KIND_OFFICE);

      if (offices->len > 0)
        add_recipient (a, ((const DdRole *) g_ptr_array_index (offices, 0))->id);
    }
}

/* The form 8.3 fields from the truth (category, the severity known then). */
static void
fill_report (Planner  *p,
             DdAction *action)
{
  const DdIncident *inc = p->incident;
  GPtrArray *fields = dd_plan_get_form_fields (p->plan);
  GPtrArray *hazards = dd_plan_get_hazards (p->plan);
  const DdRole *actor = dd_plan_lookup_role (p->plan, action->role);
  g_autoptr(GDateTime) now = dd_scenario_offset_to_datetime (p->scenario, action->at);
  const char *unit = inc->unit_name ? inc->unit_name : inc->system;

  for (guint i = 0; i < fields->len; i++)
    {
      const DdFormField *f = g_ptr_array_index (fields, i);
      g_autofree char *value = NULL;

      switch (f->type)
        {
        case DD_FIELD_TYPE_CATEGORY:
          value = g_strdup (inc->category);
          break;
        case DD_FIELD_TYPE_SEVERITY:
          value = g_strdup (dd_scenario_severity_at (p->scenario, action->at));
          break;
        case DD_FIELD_TYPE_HAZARDS:
          value = hazards->len > 0 ? g_strdup (((const DdOption *) g_ptr_array_index (hazards, 0))->id) : NULL;
          break;
        case DD_FIELD_TYPE_DATETIME:
          value = g_date_time_format (now, "%Y-%m-%d %H:%M");
          break;
        case DD_FIELD_TYPE_TEXT:
          value = g_strdup (i == 0 && actor != NULL ? actor->name : unit);
          break;
        case DD_FIELD_TYPE_LONGTEXT:
        default:
          value = g_strdup (inc->description ? inc->description
                            : action->text ? action->text : inc->system);
          break;
        }
      if (value != NULL)
        dd_action_set_field (action, f->id, value);
    }
}

/* Levels, report types, recipients and form fields, as the plan asks. */
static void
finish_actions (Planner *p)
{
  GPtrArray *types = dd_plan_get_report_types (p->plan);
  g_autoptr(GHashTable) reported = g_hash_table_new (g_str_hash, g_str_equal);

  sort_actions (p);
  for (guint i = 0; i < p->actions->len; i++)
    {
      DdAction *a = g_ptr_array_index (p->actions, i);

      switch (form_of (p, a->kind))
        {
        case DD_ACTION_FORM_WARNING:
          g_free (a->level);
          a->level = g_strdup (p->warning);
          break;
        case DD_ACTION_FORM_RESPONSE_LEVEL:
          g_free (a->level);
          a->level = g_strdup (p->level);
          break;
        case DD_ACTION_FORM_REPORT:
          /* a role's first report, then follow-ups; the final one last */
          if (types->len > 0)
            {
              guint t = 0;

              if (g_hash_table_contains (p->finals, a))
                t = types->len - 1;
              else if (g_hash_table_contains (reported, a->role))
                t = MIN (1u, types->len - 1);
              g_free (a->report_type);
              a->report_type = g_strdup (((const DdOption *) g_ptr_array_index (types, t))->id);
            }
          g_hash_table_add (reported, a->role);
          default_recipients (p, a);
          fill_report (p, a);
          break;
        case DD_ACTION_FORM_CONTENT:
        case DD_ACTION_FORM_NONE:
        default:
          default_recipients (p, a);
          break;
        }
    }
}

static void
planner_init (Planner    *p,
              DdPlan     *plan,
              DdScenario *scenario)
{
  GPtrArray *levels = dd_plan_get_response_levels (plan);
  const DdWarningLevel *warning;

  memset (p, 0, sizeof *p);
  p->plan = plan;
  p->scenario = scenario;
  p->incident = dd_scenario_get_incident (scenario);
  p->rules = dd_plan_get_rules (plan);
  p->actions = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_action_free);
  p->finals = g_hash_table_new (NULL, NULL);
  p->decide_kinds = g_hash_table_new (g_str_hash, g_str_equal);
  p->close_order = G_MAXUINT;

  for (guint i = 0; i < levels->len && p->level == NULL; i++)
    {
      const DdResponseLevel *l = g_ptr_array_index (levels, i);

      if (g_strv_contains ((const char *const *) l->severities, p->incident->severity))
        p->level = l->id;
    }
  warning = dd_plan_warning_level_for_severity (plan, p->incident->severity);
  p->warning = warning ? warning->id : NULL;

  /* the response level in force is set by the actions of level-match
   * rules that name a response level; closing it is what a same-actor
   * rule ties to the one who set it */
  for (guint r = 0; r < p->rules->len; r++)
    {
      const DdRule *rule = g_ptr_array_index (p->rules, r);

      if (rule->kind == DD_RULE_KIND_LEVEL_MATCH && rule->action != NULL &&
          form_of (p, rule->action) == DD_ACTION_FORM_RESPONSE_LEVEL)
        g_hash_table_add (p->decide_kinds, rule->action);
    }
  for (guint r = 0; r < p->rules->len; r++)
    {
      const DdRule *rule = g_ptr_array_index (p->rules, r);

      if ((rule->kind == DD_RULE_KIND_SAME_ACTOR || rule->kind == DD_RULE_KIND_SAME_AUTHORITY) &&
          rule->action != NULL && rule->same_as != NULL && g_hash_table_contains (p->decide_kinds, rule->same_as))
        p->close_order = MIN (p->close_order, phase_order (p, rule->action));
    }
  if (p->close_order == G_MAXUINT)
    {
      GPtrArray *phases = dd_plan_get_phases (plan);

      if (phases->len > 0)
        p->close_order = ((const DdPhase *) g_ptr_array_index (phases, phases->len - 1))->order;
    }
}

static void
planner_clear (Planner *p)
{
  g_clear_pointer (&p->actions, g_ptr_array_unref);
  g_clear_pointer (&p->finals, g_hash_table_unref);
  g_clear_pointer (&p->decide_kinds, g_hash_table_unref);
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

  planner_init (&p, plan, scenario);

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

          if (form_of (&p, a->kind) == DD_ACTION_FORM_REPORT && (first == NULL || a->at < first->at))
            first = a;
        }
      cursor = MAX (cursor, p.incident->level_clear);
      if (first != NULL && first->at < p.incident->level_clear)
        {
          DdAction *a = add_action (&p, cursor, first->role, first->kind);

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
        ensure (&p, kind, &cursor, GAP, 0);
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

  finish_actions (&p);
  out = g_steal_pointer (&p.actions);
  planner_clear (&p);
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

  planner_init (&p, plan, scenario);
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
              const char *role = pick_role (&p, a->kind, a->at, NULL, NULL);

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
                DdAction *taken = take (&p, rule->action, &at, MINUTE, rule, 0);

                add_rule_recipients (&p, taken, rule);
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
  finish_actions (&p);
  actions = g_steal_pointer (&p.actions);
  planner_clear (&p);
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
      g_autoptr(DdScore) score = dd_score_compute (plan, scenario, actions, 0, TRUE);
      g_autoptr(DdScore) again = NULL;
      GPtrArray *next;

      if (dd_score_get_findings (score)->len == 0)
        break;
      next = repair (plan, scenario, g_ptr_array_copy (actions, copy_action, NULL), score);
      again = dd_score_compute (plan, scenario, next, 0, TRUE);
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
