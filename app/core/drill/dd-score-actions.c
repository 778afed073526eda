/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-score-actions.c — the rules judged at each recorded action, by kind:
 * authority, prerequisite, level-match, same-actor, same-authority,
 * report-content, report-accuracy (how each is read: dd-score-rules.c)
 *
 * Copyright 2024 The DrillDesk authors
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "dd-score-private.h"

/* Whether @rule is about action @i and applies to it. */
static gboolean
rule_hits (Ctx          *ctx,
           const DdRule *rule,
           guint         i,
           gboolean      with_roles)
{
  const DdAction *a = dd_score_action_at (ctx, i);

  if (!dd_score_rule_matches_action (ctx, rule, a, with_roles) ||
      !dd_score_rule_applies (ctx, rule, a->at, dd_score_level_for_action (ctx, i)))
    return FALSE;
  dd_score_examine (ctx, rule->clause);
  return TRUE;
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

      g_string_append_printf (out, "%s%s", out->len ? ", " : "", dd_score_role_name (ctx, role->id));
    }
}

/* The roles and the role kinds, named as the plan names them. */
static GString *
names_of (Ctx   *ctx,
          char **roles,
          char **kinds)
{
  GString *out = g_string_new (NULL);

  for (guint k = 0; roles != NULL && roles[k] != NULL; k++)
    g_string_append_printf (out, "%s%s", out->len ? ", " : "", dd_score_role_name (ctx, roles[k]));
  for (guint k = 0; kinds != NULL && kinds[k] != NULL; k++)
    append_kind_names (ctx, out, kinds[k]);
  return out;
}

static void
check_authority (Ctx          *ctx,
                 const DdRule *rule,
                 guint         i)
{
  const DdAction *a = dd_score_action_at (ctx, i);
  g_autoptr(GString) allowed = NULL;

  if (!rule_hits (ctx, rule, i, FALSE) || dd_score_may_act (ctx, rule, a->role))
    return;

  allowed = names_of (ctx, rule->roles, rule->role_kinds);

  dd_score_add_rule_finding (ctx, rule, a, (int) i,
                             g_strdup_printf (_("taken by %s; the plan gives it to %s"),
                                              dd_score_role_name (ctx, a->role), allowed->str));
}

static void
check_prerequisite (Ctx          *ctx,
                    const DdRule *rule,
                    guint         i)
{
  const DdAction *a = dd_score_action_at (ctx, i);
  g_autoptr(GString) missing = NULL;

  if (!rule_hits (ctx, rule, i, TRUE))
    return;

  missing = g_string_new (NULL);
  for (guint r = 0; rule->requires != NULL && rule->requires[r] != NULL; r++)
    {
      if (!g_hash_table_contains (ctx->latest, rule->requires[r]))
        g_string_append_printf (missing, "%s%s", missing->len ? ", " : "",
                                dd_score_action_name (ctx, rule->requires[r]));
    }

  if (missing->len > 0)
    dd_score_add_rule_finding (ctx, rule, a, (int) i,
                               g_strdup_printf (_("not done before: %s"), missing->str));
}

static void
check_level_match (Ctx          *ctx,
                   const DdRule *rule,
                   guint         i)
{
  const DdAction *a = dd_score_action_at (ctx, i);
  const DdIncident *incident = dd_scenario_get_incident (ctx->scenario);
  const DdActionKind *kind;

  /* judged against the truth: of several per-level rules, the one for the
   * incident's real severity */
  if (a->level == NULL ||
      (!dd_score_strv_empty (rule->severities) &&
       !g_strv_contains ((const char *const *) rule->severities, incident->severity)) ||
      !rule_hits (ctx, rule, i, TRUE))
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
      dd_score_add_rule_finding (ctx, rule, a, (int) i,
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
      dd_score_add_rule_finding (ctx, rule, a, (int) i,
                                 g_strdup_printf (_("%s chosen, %s fits"), level->name,
                                                  fit ? fit->name : incident->severity));
    }
}

static void
check_same_actor (Ctx          *ctx,
                  const DdRule *rule,
                  guint         i)
{
  const DdAction *a = dd_score_action_at (ctx, i);
  const DdAction *earlier;

  if (rule->same_as == NULL || !rule_hits (ctx, rule, i, TRUE))
    return;

  earlier = g_hash_table_lookup (ctx->latest, rule->same_as);
  if (earlier == NULL || g_strcmp0 (earlier->role, a->role) == 0)
    return;

  dd_score_add_rule_finding (ctx, rule, a, (int) i,
                             g_strdup_printf (_("%s by %s, %s by %s"),
                                              dd_score_action_name (ctx, earlier->kind), dd_score_role_name (ctx, earlier->role),
                                              dd_score_action_name (ctx, a->kind), dd_score_role_name (ctx, a->role)));
}

/* "Who starts it ends it" (4.5) read as the body and its authority: the actor must be one
 * of the closers of the response level the latest same_as action started. */
static void
check_same_authority (Ctx          *ctx,
                      const DdRule *rule,
                      guint         i)
{
  const DdAction *a = dd_score_action_at (ctx, i);
  const DdAction *earlier;
  const DdResponseLevel *level;
  g_autoptr(GString) closers = NULL;

  if (rule->same_as == NULL || !rule_hits (ctx, rule, i, TRUE))
    return;

  earlier = g_hash_table_lookup (ctx->latest, rule->same_as);
  level = earlier ? dd_plan_lookup_response_level (ctx->plan, earlier->level ? earlier->level
                                                               : dd_score_level_at_action (ctx, i)) : NULL;
  if (level == NULL || dd_response_level_may_close (level, dd_plan_lookup_role (ctx->plan, a->role)))
    return;

  closers = names_of (ctx, level->closers, level->closer_kinds);
  dd_score_add_rule_finding (ctx, rule, a, (int) i,
                             level->closure_body != NULL
                             ? g_strdup_printf (_("%s was started by %s (%s); only %s may approve ending it, not %s"),
                                                level->name, dd_score_role_name (ctx, level->closure_body),
                                                dd_score_role_name (ctx, earlier->role), closers->str,
                                                dd_score_role_name (ctx, a->role))
                             : g_strdup_printf (_("%s started by %s; only %s may approve ending it, not %s"),
                                                level->name, dd_score_role_name (ctx, earlier->role), closers->str,
                                                dd_score_role_name (ctx, a->role)));
}

static void
check_report_content (Ctx          *ctx,
                      const DdRule *rule,
                      guint         i)
{
  const DdAction *a = dd_score_action_at (ctx, i);
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

          if (!dd_score_strv_empty (rule->fields) && !g_strv_contains ((const char *const *) rule->fields, c->id))
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

          if (dd_score_strv_empty (rule->fields) ? !field->required
                                        : !g_strv_contains ((const char *const *) rule->fields, field->id))
            continue;
          if (dd_action_get_field (a, field->id) == NULL)
            g_string_append_printf (missing, "%s%s", missing->len ? ", " : "", field->label);
        }
    }

  if (missing->len > 0)
    dd_score_add_rule_finding (ctx, rule, a, (int) i, g_strdup_printf (_("missing: %s"), missing->str));
}

static void
check_report_accuracy (Ctx          *ctx,
                       const DdRule *rule,
                       guint         i)
{
  const DdAction *a = dd_score_action_at (ctx, i);
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
      if (!dd_score_strv_empty (rule->fields) && !g_strv_contains ((const char *const *) rule->fields, field->id))
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
    dd_score_add_rule_finding (ctx, rule, a, (int) i, g_strdup (wrong->str));
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
  [DD_RULE_KIND_SAME_AUTHORITY] = check_same_authority,
};

gboolean
dd_score_rule_checks_actions (const DdRule *rule)
{
  return (guint) rule->kind < G_N_ELEMENTS (action_checks) && action_checks[rule->kind] != NULL;
}

void
dd_score_check_action (Ctx          *ctx,
                       const DdRule *rule,
                       guint         i)
{
  ActionCheck check = (guint) rule->kind < G_N_ELEMENTS (action_checks) ? action_checks[rule->kind] : NULL;

  if (check != NULL)
    check (ctx, rule, i);
}
