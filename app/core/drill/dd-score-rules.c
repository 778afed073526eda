/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-score-rules.c — the plan's rules applied to the actions, by rule kind
 *
 * Copyright 2024 The DrillDesk authors
 *
 * How each rule kind is read (the parameters are the plan's):
 *   deadline        the first matching action must come within `minutes`
 *                   of the anchor (incident start, detection, or the first
 *                   `anchor_action`); never at all is the rule's "missing"
 *                   finding once the drill is over.
 *   authority       every matching action must be taken by an allowed role.
 *   prerequisite    every `requires` action must have been taken before.
 *   obligation      once the drill is over, a matching action must exist;
 *                   with recipients-match="all", every recipient must have
 *                   been sent one (by one action or several).
 *   level-match     the level of a warning or response action must fit the
 *                   true severity.
 *   same-actor      the actor must be the actor of the latest `same_as`.
 *   report-content  the report carries the 4.1 contents / the 8.3 fields.
 *   report-accuracy the report's category and level fields match the truth.
 * "Detection" is the first action of the plan's first phase, or else the
 * first inject delivered.  The response level in force is the level of the
 * latest action of a level-match rule whose action sets a response level.
 * While the incident's level is not yet clear, rules for the plan's
 * undetermined pseudo-level apply as well.
 * A scenario <expect> is met only by an action taken when or after its
 * inject was delivered.
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "dd-score-private.h"

static void
add_rule_finding (Ctx            *ctx,
                  const DdRule   *rule,
                  const DdAction *action,
                  int             index,
                  char           *detail)
{
  dd_score_add_finding (ctx, rule->id, rule->clause, rule->finding, rule->severity,
               action->role, action->at, rule->message, detail, rule->phase,
               action->kind, index);
}

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

static DdAction *
action_at (Ctx  *ctx,
           guint i)
{
  return g_ptr_array_index (ctx->actions, i);
}

static const char *
role_name (Ctx        *ctx,
           const char *id)
{
  const DdRole *role = dd_plan_lookup_role (ctx->plan, id);

  return role ? (role->short_name ? role->short_name : role->name) : id;
}

static const char *
action_name (Ctx        *ctx,
             const char *id)
{
  const DdActionKind *kind = dd_plan_lookup_action_kind (ctx->plan, id);

  return kind ? kind->name : id;
}

static gboolean
strv_empty (char **strv)
{
  return strv == NULL || strv[0] == NULL;
}

gboolean
dd_score_actor_allowed (DdPlan       *plan,
                        const DdRule *rule,
                        const char   *role_id,
                        const char   *incident_unit)
{
  const DdRole *role = dd_plan_lookup_role (plan, role_id);

  if (strv_empty (rule->roles) && strv_empty (rule->role_kinds))
    return TRUE;
  if (role != NULL && dd_rule_allows_role (rule, role))
    return TRUE;

  if (g_strcmp0 (role_id, incident_unit) == 0)
    {
      g_autoptr(GPtrArray) stand_ins = dd_plan_get_roles_of_kind (plan, DD_ROLE_KIND_INCIDENT_UNIT);

      for (guint i = 0; i < stand_ins->len; i++)
        if (dd_rule_allows_role (rule, g_ptr_array_index (stand_ins, i)))
          return TRUE;
    }
  return FALSE;
}

static gboolean
actor_allowed (Ctx          *ctx,
               const DdRule *rule,
               const char   *role_id)
{
  return dd_score_actor_allowed (ctx->plan, rule, role_id,
                                 dd_scenario_get_incident (ctx->scenario)->unit);
}

static gboolean
recipients_match (const DdRule   *rule,
                  const DdAction *action)
{
  if (strv_empty (rule->recipients))
    return TRUE;
  for (guint i = 0; rule->recipients[i] != NULL; i++)
    if (dd_action_has_recipient (action, rule->recipients[i]))
      return TRUE;
  return FALSE;
}

/* Whether @action is the action @rule is about.  @with_roles: also filter
 * on the rule's roles (for every kind but authority, where the roles are
 * the ones allowed). */
static gboolean rule_matches_action_full (Ctx            *ctx,
                                          const DdRule   *rule,
                                          const DdAction *action,
                                          gboolean        with_roles,
                                          gboolean        with_recipients);

static gboolean
rule_matches_action (Ctx            *ctx,
                     const DdRule   *rule,
                     const DdAction *action,
                     gboolean        with_roles)
{
  return rule_matches_action_full (ctx, rule, action, with_roles, TRUE);
}

/* As rule_matches_action (), optionally without the recipients filter. */
static gboolean
rule_matches_action_full (Ctx            *ctx,
                          const DdRule   *rule,
                          const DdAction *action,
                          gboolean        with_roles,
                          gboolean        with_recipients)
{
  if (rule->action != NULL)
    {
      if (g_strcmp0 (rule->action, action->kind) != 0)
        return FALSE;
    }
  else
    {
      const DdActionKind *kind = dd_plan_lookup_action_kind (ctx->plan, action->kind);

      if (kind == NULL || kind->form != DD_ACTION_FORM_REPORT)
        return FALSE;
    }

  if (rule->report_type != NULL && g_strcmp0 (rule->report_type, action->report_type) != 0)
    return FALSE;
  if (with_recipients && !recipients_match (rule, action))
    return FALSE;
  if (with_roles && !actor_allowed (ctx, rule, action->role))
    return FALSE;
  return TRUE;
}

/* The response level in force after the first @n actions (NULL: none). */
static const char *
level_in_force (Ctx  *ctx,
                guint n)
{
  return ctx->levels[MIN (n, ctx->actions->len)];
}

/* Computed once, so that judging every action stays linear. */
static void
find_levels (Ctx *ctx)
{
  ctx->levels = g_new0 (const char *, ctx->actions->len + 1);
  for (guint i = 0; i < ctx->actions->len; i++)
    {
      const DdAction *a = action_at (ctx, i);

      ctx->levels[i + 1] = a->level != NULL && g_hash_table_contains (ctx->decide_kinds, a->kind)
                           ? a->level : ctx->levels[i];
    }
}

/* The response level an action is judged under: its own when it names a
 * response level, else the one in force before it. */
static const char *
level_for_action (Ctx  *ctx,
                  guint index)
{
  const DdAction *a = action_at (ctx, index);
  const DdActionKind *kind = dd_plan_lookup_action_kind (ctx->plan, a->kind);

  if (kind != NULL && kind->form == DD_ACTION_FORM_RESPONSE_LEVEL && a->level != NULL)
    return a->level;
  return level_in_force (ctx, index);
}

static gboolean
rule_applies (Ctx          *ctx,
              const DdRule *rule,
              gint64        time,
              const char   *response_level)
{
  const DdIncident *incident = dd_scenario_get_incident (ctx->scenario);
  const char *severity_now = dd_scenario_severity_at (ctx->scenario, time);

  if (dd_rule_applies (rule, incident->severity, incident->category, response_level))
    return TRUE;
  return g_strcmp0 (severity_now, incident->severity) != 0 &&
         dd_rule_applies (rule, severity_now, incident->category, response_level);
}

static const char *
first_role (const DdRule *rule)
{
  return strv_empty (rule->roles) ? NULL : rule->roles[0];
}

/* ------------------------------------------------------------------ */
/* Rules checked on each action                                        */

/* Whether @rule is about action @i and applies to it. */
static gboolean
rule_hits (Ctx          *ctx,
           const DdRule *rule,
           guint         i,
           gboolean      with_roles)
{
  const DdAction *a = action_at (ctx, i);

  return rule_matches_action (ctx, rule, a, with_roles) &&
         rule_applies (ctx, rule, a->at, level_for_action (ctx, i));
}

/* Names a role kind as the plan does: its label, else the names of the
 * roles of that kind. */
static void
append_kind_names (Ctx        *ctx,
                   GString    *out,
                   const char *kind_id)
{
  DdRoleKind kind;
  const char *label;
  g_autoptr(GPtrArray) roles = NULL;

  if (!dd_role_kind_from_string (kind_id, &kind))
    {
      g_string_append_printf (out, "%s%s", out->len ? ", " : "", kind_id);
      return;
    }
  label = dd_plan_get_role_kind_label (ctx->plan, kind);
  if (label != NULL)
    {
      g_string_append_printf (out, "%s%s", out->len ? ", " : "", label);
      return;
    }
  roles = dd_plan_get_roles_of_kind (ctx->plan, kind);
  for (guint i = 0; i < roles->len; i++)
    {
      const DdRole *role = g_ptr_array_index (roles, i);

      g_string_append_printf (out, "%s%s", out->len ? ", " : "", role_name (ctx, role->id));
    }
}

static void
check_authority (Ctx          *ctx,
                 const DdRule *rule,
                 guint         i)
{
  const DdAction *a = action_at (ctx, i);
  g_autoptr(GString) allowed = NULL;

  if (!rule_hits (ctx, rule, i, FALSE) || actor_allowed (ctx, rule, a->role))
    return;

  allowed = g_string_new (NULL);
  for (guint k = 0; rule->roles != NULL && rule->roles[k] != NULL; k++)
    g_string_append_printf (allowed, "%s%s", allowed->len ? ", " : "", role_name (ctx, rule->roles[k]));
  for (guint k = 0; rule->role_kinds != NULL && rule->role_kinds[k] != NULL; k++)
    append_kind_names (ctx, allowed, rule->role_kinds[k]);

  add_rule_finding (ctx, rule, a, (int) i,
                    g_strdup_printf (_("taken by %s; the plan gives it to %s"),
                                     role_name (ctx, a->role), allowed->str));
}

static void
check_prerequisite (Ctx          *ctx,
                    const DdRule *rule,
                    guint         i)
{
  const DdAction *a = action_at (ctx, i);
  g_autoptr(GString) missing = NULL;

  if (!rule_hits (ctx, rule, i, TRUE))
    return;

  missing = g_string_new (NULL);
  for (guint r = 0; rule->requires != NULL && rule->requires[r] != NULL; r++)
    {
      if (!g_hash_table_contains (ctx->latest, rule->requires[r]))
        g_string_append_printf (missing, "%s%s", missing->len ? ", " : "",
                                action_name (ctx, rule->requires[r]));
    }

  if (missing->len > 0)
    add_rule_finding (ctx, rule, a, (int) i,
                      g_strdup_printf (_("not done before: %s"), missing->str));
}

static void
check_level_match (Ctx          *ctx,
                   const DdRule *rule,
                   guint         i)
{
  const DdAction *a = action_at (ctx, i);
  const DdIncident *incident = dd_scenario_get_incident (ctx->scenario);
  const DdActionKind *kind;

  if (a->level == NULL || !rule_hits (ctx, rule, i, TRUE))
    return;

  kind = dd_plan_lookup_action_kind (ctx->plan, a->kind);
  if (kind == NULL)
    return;

  if (kind->form == DD_ACTION_FORM_RESPONSE_LEVEL)
    {
      const DdResponseLevel *level = dd_plan_lookup_response_level (ctx->plan, a->level);
      GPtrArray *levels = dd_plan_get_response_levels (ctx->plan);
      const DdResponseLevel *fit = NULL;

      if (level == NULL || g_strv_contains ((const char *const *) level->severities, incident->severity))
        return;
      for (guint k = 0; k < levels->len && fit == NULL; k++)
        {
          const DdResponseLevel *l = g_ptr_array_index (levels, k);

          if (g_strv_contains ((const char *const *) l->severities, incident->severity))
            fit = l;
        }
      add_rule_finding (ctx, rule, a, (int) i,
                        fit == NULL
                        ? g_strdup_printf (_("%s chosen"), level->name)
                        : g_strdup_printf (fit->rank > level->rank
                                           ? _("%s chosen, %s fits: too high")
                                           : _("%s chosen, %s fits: too low"),
                                           level->name, fit->name));
    }
  else if (kind->form == DD_ACTION_FORM_WARNING)
    {
      const DdWarningLevel *level = dd_plan_lookup_warning_level (ctx->plan, a->level);
      const DdWarningLevel *fit = dd_plan_warning_level_for_severity (ctx->plan, incident->severity);

      if (level == NULL || g_strcmp0 (level->severity, incident->severity) == 0)
        return;
      add_rule_finding (ctx, rule, a, (int) i,
                        g_strdup_printf (_("%s chosen, %s fits"), level->name,
                                         fit ? fit->name : incident->severity));
    }
}

static void
check_same_actor (Ctx          *ctx,
                  const DdRule *rule,
                  guint         i)
{
  const DdAction *a = action_at (ctx, i);
  const DdAction *earlier;

  if (rule->same_as == NULL || !rule_hits (ctx, rule, i, TRUE))
    return;

  earlier = g_hash_table_lookup (ctx->latest, rule->same_as);
  if (earlier == NULL || g_strcmp0 (earlier->role, a->role) == 0)
    return;

  add_rule_finding (ctx, rule, a, (int) i,
                    g_strdup_printf (_("%s by %s, %s by %s"),
                                     action_name (ctx, earlier->kind), role_name (ctx, earlier->role),
                                     action_name (ctx, a->kind), role_name (ctx, a->role)));
}

static void
check_report_content (Ctx          *ctx,
                      const DdRule *rule,
                      guint         i)
{
  const DdAction *a = action_at (ctx, i);
  g_autoptr(GString) missing = NULL;

  if (!rule_hits (ctx, rule, i, TRUE))
    return;

  missing = g_string_new (NULL);
  if (g_strcmp0 (rule->target, "contents") == 0)
    {
      GPtrArray *contents = dd_plan_get_report_contents (ctx->plan);

      for (guint k = 0; k < contents->len; k++)
        {
          const DdReportContent *c = g_ptr_array_index (contents, k);
          gboolean carried = FALSE;

          if (!strv_empty (rule->fields) && !g_strv_contains ((const char *const *) rule->fields, c->id))
            continue;
          for (guint f = 0; c->fields != NULL && c->fields[f] != NULL && !carried; f++)
            carried = dd_action_get_field (a, c->fields[f]) != NULL;
          if (!carried)
            g_string_append_printf (missing, "%s%s", missing->len ? ", " : "", c->label);
        }
    }
  else
    {
      GPtrArray *fields = dd_plan_get_form_fields (ctx->plan);

      for (guint k = 0; k < fields->len; k++)
        {
          const DdFormField *field = g_ptr_array_index (fields, k);

          if (strv_empty (rule->fields) ? !field->required
                                        : !g_strv_contains ((const char *const *) rule->fields, field->id))
            continue;
          if (dd_action_get_field (a, field->id) == NULL)
            g_string_append_printf (missing, "%s%s", missing->len ? ", " : "", field->label);
        }
    }

  if (missing->len > 0)
    add_rule_finding (ctx, rule, a, (int) i, g_strdup_printf (_("missing: %s"), missing->str));
}

static void
check_report_accuracy (Ctx          *ctx,
                       const DdRule *rule,
                       guint         i)
{
  const DdAction *a = action_at (ctx, i);
  const DdIncident *incident = dd_scenario_get_incident (ctx->scenario);
  const char *severity_now = dd_scenario_severity_at (ctx->scenario, a->at);
  GPtrArray *fields;
  g_autoptr(GString) wrong = NULL;

  if (!rule_hits (ctx, rule, i, TRUE))
    return;

  wrong = g_string_new (NULL);
  fields = dd_plan_get_form_fields (ctx->plan);
  for (guint k = 0; k < fields->len; k++)
    {
      const DdFormField *field = g_ptr_array_index (fields, k);
      const char *value;
      const char *truth = NULL;
      const char *shown = NULL;
      const char *expected = NULL;

      if (field->type != DD_FIELD_TYPE_CATEGORY && field->type != DD_FIELD_TYPE_SEVERITY)
        continue;
      if (!strv_empty (rule->fields) && !g_strv_contains ((const char *const *) rule->fields, field->id))
        continue;
      value = dd_action_get_field (a, field->id);
      if (value == NULL)
        continue;   /* report-content finds blanks */

      if (field->type == DD_FIELD_TYPE_CATEGORY)
        {
          const DdCategory *given = dd_plan_lookup_category (ctx->plan, value);
          const DdCategory *real = dd_plan_lookup_category (ctx->plan, incident->category);

          truth = incident->category;
          shown = given ? given->name : value;
          expected = real ? real->name : truth;
          if (g_strcmp0 (value, truth) == 0)
            continue;
        }
      else
        {
          const DdSeverity *given = dd_plan_lookup_severity (ctx->plan, value);
          const DdSeverity *real = dd_plan_lookup_severity (ctx->plan, incident->severity);

          truth = incident->severity;
          shown = given ? given->name : value;
          expected = real ? real->name : truth;
          /* While the level is unclear, "undetermined" is a true answer. */
          if (g_strcmp0 (value, truth) == 0 || g_strcmp0 (value, severity_now) == 0)
            continue;
        }

      g_string_append_printf (wrong, "%s%s: %s → %s", wrong->len ? "; " : "", field->label, shown, expected);
    }

  if (wrong->len > 0)
    add_rule_finding (ctx, rule, a, (int) i, g_strdup (wrong->str));
}

/* ------------------------------------------------------------------ */
/* Rules checked over the whole drill                                  */

static gboolean
anchor_time (Ctx          *ctx,
             const DdRule *rule,
             gint64       *out)
{
  switch (rule->anchor)
    {
    case DD_RULE_ANCHOR_INCIDENT_START:
      *out = dd_scenario_get_incident (ctx->scenario)->began;
      return TRUE;
    case DD_RULE_ANCHOR_DETECTION:
      *out = ctx->detection;
      return ctx->has_detection;
    case DD_RULE_ANCHOR_ACTION:
      for (guint i = 0; i < ctx->actions->len; i++)
        if (g_strcmp0 (action_at (ctx, i)->kind, rule->anchor_action) == 0)
          {
            *out = action_at (ctx, i)->at;
            return TRUE;
          }
      return FALSE;
    default:
      return FALSE;
    }
}

static void
check_deadline (Ctx          *ctx,
                const DdRule *rule)
{
  gint64 anchor, deadline;
  g_autofree char *limit = NULL;

  if (!anchor_time (ctx, rule, &anchor) ||
      !rule_applies (ctx, rule, anchor, level_in_force (ctx, ctx->actions->len)))
    return;

  deadline = anchor + (gint64) rule->minutes * 60;
  limit = dd_offset_format (deadline);

  for (guint i = 0; i < ctx->actions->len; i++)
    {
      const DdAction *a = action_at (ctx, i);

      if (!rule_matches_action (ctx, rule, a, TRUE))
        continue;
      if (a->at > deadline)
        {
          g_autofree char *late = dd_offset_format (a->at - deadline);

          add_rule_finding (ctx, rule, a, (int) i,
                            g_strdup_printf (_("due by %s, taken %s late"), limit, late));
        }
      return;
    }

  if (ctx->finished)
    dd_score_add_finding (ctx, rule->id, rule->missing_clause ? rule->missing_clause : rule->clause,
                 DD_FINDING_KIND_OMISSION, rule->missing_severity, first_role (rule), deadline,
                 rule->missing_message ? rule->missing_message : rule->message,
                 g_strdup_printf (_("never taken (due by %s)"), limit),
                 rule->phase, rule->action, -1);
  else if (ctx->now > deadline)
    dd_score_add_finding (ctx, rule->id, rule->clause, rule->finding, rule->severity, first_role (rule),
                 deadline, rule->message, g_strdup_printf (_("overdue since %s"), limit),
                 rule->phase, rule->action, -1);
}

/* Every recipient of @rule must have been sent a matching action. */
static void
check_obligation_all_recipients (Ctx          *ctx,
                                 const DdRule *rule)
{
  g_autoptr(GString) missing = g_string_new (NULL);
  gboolean any = FALSE;

  for (guint r = 0; rule->recipients[r] != NULL; r++)
    {
      gboolean sent = FALSE;

      for (guint i = 0; i < ctx->actions->len && !sent; i++)
        {
          const DdAction *a = action_at (ctx, i);

          if (!rule_matches_action_full (ctx, rule, a, TRUE, FALSE))
            continue;
          any = TRUE;
          sent = dd_action_has_recipient (a, rule->recipients[r]);
        }
      if (!sent)
        g_string_append_printf (missing, "%s%s", missing->len ? ", " : "",
                                role_name (ctx, rule->recipients[r]));
    }
  if (missing->len == 0)
    return;

  dd_score_add_finding (ctx, rule->id, rule->clause, rule->finding, rule->severity, first_role (rule),
               ctx->end, rule->message,
               any ? g_strdup_printf (_("%s never sent to: %s"), action_name (ctx, rule->action), missing->str)
                   : g_strdup_printf (_("never taken: %s"), action_name (ctx, rule->action)),
               rule->phase, rule->action, -1);
}

static void
check_obligation (Ctx          *ctx,
                  const DdRule *rule)
{
  if (!ctx->finished ||
      !rule_applies (ctx, rule, ctx->end, level_in_force (ctx, ctx->actions->len)))
    return;

  if (rule->all_recipients)
    {
      check_obligation_all_recipients (ctx, rule);
      return;
    }

  for (guint i = 0; i < ctx->actions->len; i++)
    if (rule_matches_action (ctx, rule, action_at (ctx, i), TRUE))
      return;

  dd_score_add_finding (ctx, rule->id, rule->clause, rule->finding, rule->severity, first_role (rule),
               ctx->end, rule->message,
               g_strdup_printf (_("never taken: %s"), action_name (ctx, rule->action)),
               rule->phase, rule->action, -1);
}

static void
check_expectations (Ctx *ctx)
{
  for (guint d = 0; d < ctx->deliveries->len; d++)
    {
      const DdInjectDelivery *delivery = g_ptr_array_index (ctx->deliveries, d);
      const DdInject *inject = delivery->inject;

      for (guint k = 0; k < inject->expects->len; k++)
        {
          const DdInjectExpect *e = g_ptr_array_index (inject->expects, k);
          const DdActionKind *kind = dd_plan_lookup_action_kind (ctx->plan, e->action);
          const char *phase = kind ? kind->phase : NULL;
          gint64 deadline = delivery->time + e->within;
          g_autofree char *id = g_strdup_printf ("msel.%s.%s", inject->id, e->action);
          g_autofree char *limit = dd_offset_format (deadline);
          const char *message = e->text ? e->text : action_name (ctx, e->action);
          gboolean found = FALSE;

          for (guint i = 0; i < ctx->actions->len && !found; i++)
            {
              const DdAction *a = action_at (ctx, i);

              /* Only what was done once the inject was delivered answers it. */
              if (a->at < delivery->time ||
                  g_strcmp0 (a->kind, e->action) != 0 ||
                  !dd_scenario_role_matches (ctx->scenario, a->role, e->role))
                continue;
              found = TRUE;
              if (a->at > deadline)
                {
                  g_autofree char *late = dd_offset_format (a->at - deadline);

                  dd_score_add_finding (ctx, id, e->clause, DD_FINDING_KIND_TIMING, e->severity, a->role, a->at,
                               message, g_strdup_printf (_("due by %s, taken %s late"), limit, late),
                               phase, a->kind, (int) i);
                }
            }

          if (found)
            continue;
          if (ctx->finished)
            dd_score_add_finding (ctx, id, e->clause, DD_FINDING_KIND_OMISSION, e->severity, e->role, deadline,
                         message, g_strdup_printf (_("never taken (due by %s)"), limit),
                         phase, e->action, -1);
          else if (ctx->now > deadline)
            dd_score_add_finding (ctx, id, e->clause, DD_FINDING_KIND_TIMING, e->severity, e->role, deadline,
                         message, g_strdup_printf (_("overdue since %s"), limit),
                         phase, e->action, -1);
        }
    }
}


static void
find_decide_kinds (Ctx *ctx)
{
  GPtrArray *rules = dd_plan_get_rules (ctx->plan);

  for (guint r = 0; r < rules->len; r++)
    {
      const DdRule *rule = g_ptr_array_index (rules, r);
      const DdActionKind *kind;

      if (rule->kind != DD_RULE_KIND_LEVEL_MATCH || rule->action == NULL)
        continue;
      kind = dd_plan_lookup_action_kind (ctx->plan, rule->action);
      if (kind != NULL && kind->form == DD_ACTION_FORM_RESPONSE_LEVEL)
        g_hash_table_add (ctx->decide_kinds, rule->action);
    }
}

static void
find_detection (Ctx *ctx)
{
  GPtrArray *phases = dd_plan_get_phases (ctx->plan);
  const DdPhase *first = phases->len > 0 ? g_ptr_array_index (phases, 0) : NULL;

  for (guint i = 0; first != NULL && i < ctx->actions->len; i++)
    {
      const DdAction *a = action_at (ctx, i);
      const DdActionKind *kind = dd_plan_lookup_action_kind (ctx->plan, a->kind);

      if (kind != NULL && g_strcmp0 (kind->phase, first->id) == 0)
        {
          ctx->has_detection = TRUE;
          ctx->detection = a->at;
          return;
        }
    }
  if (ctx->deliveries->len > 0)
    {
      const DdInjectDelivery *d = g_ptr_array_index (ctx->deliveries, 0);

      ctx->has_detection = TRUE;
      ctx->detection = d->time;
    }
}

/* The rules judged at each action, by kind (deadlines and obligations are
 * judged once, over the whole drill). */
typedef void (*ActionCheck) (Ctx *ctx, const DdRule *rule, guint i);

static const ActionCheck action_checks[] = {
  [DD_RULE_KIND_AUTHORITY] = check_authority,
  [DD_RULE_KIND_PREREQUISITE] = check_prerequisite,
  [DD_RULE_KIND_LEVEL_MATCH] = check_level_match,
  [DD_RULE_KIND_SAME_ACTOR] = check_same_actor,
  [DD_RULE_KIND_REPORT_CONTENT] = check_report_content,
  [DD_RULE_KIND_REPORT_ACCURACY] = check_report_accuracy,
};


void
dd_score_judge (Ctx *ctx)
{
  GPtrArray *rules = dd_plan_get_rules (ctx->plan);

  ctx->decide_kinds = g_hash_table_new (g_str_hash, g_str_equal);
  ctx->latest = g_hash_table_new (g_str_hash, g_str_equal);
  find_decide_kinds (ctx);
  find_levels (ctx);
  find_detection (ctx);

  for (guint i = 0; i < ctx->actions->len; i++)
    {
      for (guint r = 0; r < rules->len; r++)
        {
          const DdRule *rule = g_ptr_array_index (rules, r);

          ActionCheck check = (guint) rule->kind < G_N_ELEMENTS (action_checks)
                               ? action_checks[rule->kind] : NULL;

          if (check != NULL)
            check (ctx, rule, i);
        }

      /* Prerequisites and same-actor look back at what came before. */
      g_hash_table_insert (ctx->latest, action_at (ctx, i)->kind, action_at (ctx, i));
    }

  for (guint r = 0; r < rules->len; r++)
    {
      const DdRule *rule = g_ptr_array_index (rules, r);

      if (rule->kind == DD_RULE_KIND_DEADLINE)
        check_deadline (ctx, rule);
      else if (rule->kind == DD_RULE_KIND_OBLIGATION)
        check_obligation (ctx, rule);
    }

  check_expectations (ctx);

  g_hash_table_unref (ctx->decide_kinds);
  g_hash_table_unref (ctx->latest);
  g_free (ctx->levels);
}
