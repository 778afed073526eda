/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-dry-run-planner.c — the dry run's perfect team: who may act, the
 * actions it takes with their recipients, levels and form fields
 *
 * Copyright 2024 The DrillDesk authors
 */

#include "config.h"

#include <string.h>

#include "dd-dry-run-private.h"
#include "dd-score.h"

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

void
dd_planner_sort_actions (Planner *p)
{
  /* stable: of two actions at the same time, the one planned first stays first */
  g_ptr_array_sort (p->actions, compare_actions);
}

DdActionForm
dd_planner_form_of (Planner    *p,
                    const char *kind)
{
  const DdActionKind *k = dd_plan_lookup_action_kind (p->plan, kind);

  return k ? k->form : DD_ACTION_FORM_NONE;
}

guint
dd_planner_phase_order (Planner    *p,
                        const char *kind)
{
  const DdActionKind *k = dd_plan_lookup_action_kind (p->plan, kind);
  const DdPhase *phase = k ? dd_plan_lookup_phase (p->plan, k->phase) : NULL;

  return phase ? phase->order : G_MAXUINT;
}

/* Whether @rule is about actions of @kind (a rule without an action is
 * about every report). */
gboolean
dd_planner_rule_is_about (Planner      *p,
                          const DdRule *rule,
                          const char   *kind)
{
  if (rule->action != NULL)
    return g_strcmp0 (rule->action, kind) == 0;
  return dd_planner_form_of (p, kind) == DD_ACTION_FORM_REPORT;
}

/* As the scorer reads it: the rule holds for the truth, or for the
 * severity known at @time while the level is not yet clear. */
gboolean
dd_planner_rule_applies_at (Planner      *p,
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
const char *
dd_planner_level_for (Planner    *p,
                      const char *kind,
                      gint64      time)
{
  if (dd_planner_form_of (p, kind) == DD_ACTION_FORM_RESPONSE_LEVEL)
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
gboolean
dd_planner_role_fits (Planner      *p,
                      const DdRule *rule,
                      const char   *role_id)
{
  return dd_score_actor_allowed (p->plan, rule, role_id, p->incident->unit) &&
         dd_score_owes (p->plan, p->scenario, rule, role_id, p->detector);
}

/* The latest action of @kind before @time, or NULL. */
DdAction *
dd_planner_latest_before (Planner    *p,
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

/* Whether @role_id may dd_planner_take @kind at @time: every authority rule that
 * applies allows it, it is the actor a same-actor rule names, and it fits
 * @filter (an obligation's roles), if any. */
static gboolean
role_allowed (Planner      *p,
              const char   *kind,
              const char   *role_id,
              gint64        time,
              const DdRule *filter)
{
  const char *level = dd_planner_level_for (p, kind, time);

  if (dd_plan_lookup_role (p->plan, role_id) == NULL)
    return FALSE;
  if (filter != NULL && !dd_planner_role_fits (p, filter, role_id))
    return FALSE;
  for (guint r = 0; r < p->rules->len; r++)
    {
      const DdRule *rule = g_ptr_array_index (p->rules, r);

      if (!dd_planner_rule_is_about (p, rule, kind) || !dd_planner_rule_applies_at (p, rule, time, level))
        continue;
      if (rule->kind == DD_RULE_KIND_AUTHORITY && !dd_planner_role_fits (p, rule, role_id))
        return FALSE;
      if (rule->kind == DD_RULE_KIND_SAME_ACTOR && rule->same_as != NULL)
        {
          const DdAction *earlier = dd_planner_latest_before (p, rule->same_as, time);

          if (earlier != NULL && g_strcmp0 (earlier->role, role_id) != 0)
            return FALSE;
        }
      if (rule->kind == DD_RULE_KIND_SAME_AUTHORITY && rule->same_as != NULL &&
          dd_planner_latest_before (p, rule->same_as, time) != NULL)
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
const char *
dd_planner_pick_role (Planner      *p,
                      const char   *kind,
                      gint64        time,
                      const DdRule *filter,
                      const char   *preferred)
{
  g_autoptr(GPtrArray) candidates = g_ptr_array_new ();
  g_autoptr(GPtrArray) offices = dd_plan_get_roles_of_kind (p->plan, DD_ROLE_KIND_OFFICE);
  const char *level = dd_planner_level_for (p, kind, time);
  GPtrArray *injects = dd_scenario_get_injects (p->scenario);
  GPtrArray *participants = dd_scenario_get_participants (p->scenario);

  if (preferred != NULL)
    g_ptr_array_add (candidates, (gpointer) preferred);
  for (guint r = 0; r < p->rules->len; r++)
    {
      const DdRule *rule = g_ptr_array_index (p->rules, r);

      if ((rule->kind == DD_RULE_KIND_SAME_ACTOR || rule->kind == DD_RULE_KIND_SAME_AUTHORITY) &&
          rule->same_as != NULL && dd_planner_rule_is_about (p, rule, kind) && dd_planner_rule_applies_at (p, rule, time, level))
        {
          const DdAction *earlier = dd_planner_latest_before (p, rule->same_as, time);
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

      if (rule->kind == DD_RULE_KIND_AUTHORITY && dd_planner_rule_is_about (p, rule, kind) &&
          dd_planner_rule_applies_at (p, rule, time, level))
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

DdAction *
dd_planner_add_action (Planner    *p,
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

void
dd_planner_add_rule_recipients (Planner      *p,
                                DdAction     *a,
                                const DdRule *rule)
{
  if (rule->all_recipients)
    for (guint i = 0; rule->recipients[i] != NULL; i++)
      add_recipient (a, rule->recipients[i]);
  else
    add_recipient (a, rule_recipient (p, rule));
}

gboolean
dd_planner_sent_to_rule (const DdRule   *rule,
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
DdAction *
dd_planner_take (Planner      *p,
                 const char   *kind,
                 gint64       *cursor,
                 gint64        gap,
                 const DdRule *filter,
                 guint         depth)
{
  const char *level = dd_planner_level_for (p, kind, *cursor);
  DdAction *a;

  for (guint r = 0; r < p->rules->len && depth < 8; r++)
    {
      const DdRule *rule = g_ptr_array_index (p->rules, r);

      if (rule->kind != DD_RULE_KIND_PREREQUISITE || !dd_planner_rule_is_about (p, rule, kind) ||
          !dd_planner_rule_applies_at (p, rule, *cursor, level))
        continue;
      for (guint k = 0; rule->requires != NULL && rule->requires[k] != NULL; k++)
        dd_planner_ensure (p, rule->requires[k], cursor, gap, depth + 1);
    }
  a = dd_planner_add_action (p, *cursor, dd_planner_pick_role (p, kind, *cursor, filter, NULL), kind);
  *cursor += gap;
  return a;
}

/* As dd_planner_take (), unless @kind was already taken by *@cursor. */
DdAction *
dd_planner_ensure (Planner    *p,
                   const char *kind,
                   gint64     *cursor,
                   gint64      gap,
                   guint       depth)
{
  DdAction *done = dd_planner_latest_before (p, kind, *cursor);

  if (done != NULL)
    {
      *cursor = MAX (*cursor, done->at + MINUTE);
      return done;
    }
  return dd_planner_take (p, kind, cursor, gap, NULL, depth);
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
          rule->action == NULL || !dd_planner_rule_is_about (p, rule, a->kind) || strv_empty (rule->recipients))
        continue;
      if (rule->kind == DD_RULE_KIND_DEADLINE && !dd_planner_anchor_time (p, rule, &anchor))
        continue;
      if (dd_planner_rule_applies_at (p, rule, anchor, p->level))
        dd_planner_add_rule_recipients (p, a, rule);
    }
  if (a->to[0] == NULL && dd_planner_form_of (p, a->kind) == DD_ACTION_FORM_REPORT)
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
void
dd_planner_finish_actions (Planner *p)
{
  GPtrArray *types = dd_plan_get_report_types (p->plan);
  g_autoptr(GHashTable) reported = g_hash_table_new (g_str_hash, g_str_equal);

  dd_planner_sort_actions (p);
  for (guint i = 0; i < p->actions->len; i++)
    {
      DdAction *a = g_ptr_array_index (p->actions, i);

      switch (dd_planner_form_of (p, a->kind))
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

void
dd_planner_init (Planner    *p,
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
          dd_planner_form_of (p, rule->action) == DD_ACTION_FORM_RESPONSE_LEVEL)
        g_hash_table_add (p->decide_kinds, rule->action);
    }
  for (guint r = 0; r < p->rules->len; r++)
    {
      const DdRule *rule = g_ptr_array_index (p->rules, r);

      if ((rule->kind == DD_RULE_KIND_SAME_ACTOR || rule->kind == DD_RULE_KIND_SAME_AUTHORITY) &&
          rule->action != NULL && rule->same_as != NULL && g_hash_table_contains (p->decide_kinds, rule->same_as))
        p->close_order = MIN (p->close_order, dd_planner_phase_order (p, rule->action));
    }
  if (p->close_order == G_MAXUINT)
    {
      GPtrArray *phases = dd_plan_get_phases (plan);

      if (phases->len > 0)
        p->close_order = ((const DdPhase *) g_ptr_array_index (phases, phases->len - 1))->order;
    }
}

void
dd_planner_clear (Planner *p)
{
  g_clear_pointer (&p->actions, g_ptr_array_unref);
  g_clear_pointer (&p->finals, g_hash_table_unref);
  g_clear_pointer (&p->decide_kinds, g_hash_table_unref);
}

