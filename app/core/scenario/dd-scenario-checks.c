/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-scenario-checks.c — the live checks of a scenario draft against the plan
 *
 * Copyright 2024 The DrillDesk authors
 *
 * What a draft names must exist; an expected action must be allowed to its
 * role and fit the plan's deadlines; injects within the planned duration;
 * conditions that something in the scenario or the plan will satisfy;
 * objectives that an inject exercises.  What is allowed comes from the
 * plan's rules: the C code knows only the rule kinds.
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "dd-scenario-document.h"

static void
check_free (gpointer data)
{
  DdScenarioCheck *c = data;

  g_free (c->field);
  g_free (c->message);
  g_free (c);
}


typedef struct {
  DdPlan         *plan;
  DdScenarioDraft *d;
  GPtrArray      *out;
  const char     *response_level;  /* the level the truth calls for, or NULL */
} Checker;

static void add_check (Checker      *c,
                       DdCheckLevel  level,
                       const char   *field,
                       const char   *format,
                       ...) G_GNUC_PRINTF (4, 5);

static void
add_check (Checker      *c,
           DdCheckLevel  level,
           const char   *field,
           const char   *format,
           ...)
{
  DdScenarioCheck *check = g_new0 (DdScenarioCheck, 1);
  va_list args;

  va_start (args, format);
  check->message = g_strdup_vprintf (format, args);
  va_end (args);
  check->field = g_strdup (field);
  check->level = level;
  g_ptr_array_add (c->out, check);
}

gboolean
dd_scenario_id_is_valid (const char *id)
{
  if (id == NULL || !g_ascii_isalnum (*id) || strlen (id) > 64)
    return FALSE;
  for (const char *p = id; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '_' && *p != '-')
      return FALSE;
  return TRUE;
}

static const char *
role_name (Checker    *c,
           const char *id)
{
  const DdRole *role = dd_plan_lookup_role (c->plan, id);

  return role ? role->name : id;
}

static const char *
action_name (Checker    *c,
             const char *id)
{
  const DdActionKind *kind = dd_plan_lookup_action_kind (c->plan, id);

  return kind ? kind->name : id;
}

static void
require_text (Checker    *c,
              const char *field,
              const char *value)
{
  if (dd_scenario_text_is_blank (value))
    add_check (c, DD_CHECK_ERROR, field, _("Required"));
}

static void
require_role (Checker    *c,
              const char *field,
              const char *id,
              gboolean    required)
{
  if (dd_scenario_text_is_blank (id))
    {
      if (required)
        add_check (c, DD_CHECK_ERROR, field, _("Choose a role"));
    }
  else if (dd_plan_lookup_role (c->plan, id) == NULL)
    add_check (c, DD_CHECK_ERROR, field, _("“%s” is not a role of the plan"), id);
}

static void
require_action (Checker    *c,
                const char *field,
                const char *id)
{
  if (dd_scenario_text_is_blank (id))
    add_check (c, DD_CHECK_ERROR, field, _("Choose an action"));
  else if (dd_plan_lookup_action_kind (c->plan, id) == NULL)
    add_check (c, DD_CHECK_ERROR, field, _("“%s” is not an action of the plan"), id);
}

static void
require_id (Checker    *c,
            const char *field,
            const char *id,
            GHashTable *seen)
{
  if (!dd_scenario_id_is_valid (id))
    add_check (c, DD_CHECK_ERROR, field,
               _("An id is made of letters, digits, “.”, “_” and “-”, and starts with a letter or digit"));
  else if (!g_hash_table_add (seen, (gpointer) id))
    add_check (c, DD_CHECK_ERROR, field, _("“%s” is used twice"), id);
}

static gboolean
strv_empty (char **strv)
{
  return strv == NULL || strv[0] == NULL;
}

/* The scenario's role @role_id acts as the plan role @rule_role_id: the
 * same, or the affected unit standing for an incident-unit role. */
static gboolean
plays (Checker    *c,
       const char *role_id,
       const char *rule_role_id)
{
  const DdRole *rule_role;

  if (g_strcmp0 (role_id, rule_role_id) == 0)
    return TRUE;
  rule_role = dd_plan_lookup_role (c->plan, rule_role_id);
  return rule_role != NULL && rule_role->kind == DD_ROLE_KIND_INCIDENT_UNIT &&
         role_id != NULL && g_strcmp0 (role_id, c->d->incident.unit) == 0;
}

/* Whether @rule allows @role_id, with the affected unit standing for the
 * plan's incident-unit roles. */
static gboolean
rule_allows (Checker      *c,
             const DdRule *rule,
             const char   *role_id)
{
  const DdRole *role = dd_plan_lookup_role (c->plan, role_id);
  g_autoptr(GPtrArray) stand_ins = NULL;

  if (strv_empty (rule->roles) && strv_empty (rule->role_kinds))
    return TRUE;
  if (role != NULL && dd_rule_allows_role (rule, role))
    return TRUE;
  if (role_id == NULL || g_strcmp0 (role_id, c->d->incident.unit) != 0)
    return FALSE;
  stand_ins = dd_plan_get_roles_of_kind (c->plan, DD_ROLE_KIND_INCIDENT_UNIT);
  for (guint i = 0; i < stand_ins->len; i++)
    if (dd_rule_allows_role (rule, g_ptr_array_index (stand_ins, i)))
      return TRUE;
  return FALSE;
}

/* The rules of @kind about @action that apply to this incident. */
static gboolean
rule_concerns (Checker      *c,
               const DdRule *rule,
               DdRuleKind    kind,
               const char   *action)
{
  return rule->kind == kind && rule->action != NULL && g_strcmp0 (rule->action, action) == 0 &&
         dd_rule_applies (rule, c->d->incident.severity, c->d->incident.category, c->response_level);
}

/* The latest time @rule lets an action the inject asks for be taken:
 * counted from the incident's start, a fixed moment (for injects that come
 * whatever the players do); else counted from the inject's delivery. */
static gint64
deadline_of (Checker        *c,
             const DdInject *inject,
             const DdRule   *rule)
{
  gint64 limit = (gint64) rule->minutes * 60;

  if (rule->anchor == DD_RULE_ANCHOR_INCIDENT_START && inject->conditions->len == 0)
    return MIN (c->d->incident.began + limit, inject->at + limit);
  return inject->at + limit;
}

static void
check_expect (Checker              *c,
              const DdInject       *inject,
              const DdInjectExpect *e,
              const char           *field)
{
  GPtrArray *rules = dd_plan_get_rules (c->plan);
  g_autofree char *f_role = g_strdup_printf ("%s/role", field);
  g_autofree char *f_action = g_strdup_printf ("%s/action", field);
  g_autofree char *f_within = g_strdup_printf ("%s/within", field);
  g_autofree char *f_clause = g_strdup_printf ("%s/clause", field);
  const DdRule *loosest = NULL;

  require_role (c, f_role, e->role, TRUE);
  require_action (c, f_action, e->action);
  require_text (c, f_clause, e->clause);
  if (e->within < 0)
    add_check (c, DD_CHECK_ERROR, f_within, _("The time allowed cannot be negative"));

  if (dd_plan_lookup_role (c->plan, e->role) == NULL || dd_plan_lookup_action_kind (c->plan, e->action) == NULL)
    return;

  for (guint r = 0; r < rules->len; r++)
    {
      const DdRule *rule = g_ptr_array_index (rules, r);

      if (rule_concerns (c, rule, DD_RULE_KIND_AUTHORITY, e->action) && !rule_allows (c, rule, e->role))
        add_check (c, DD_CHECK_WARNING, f_role,
                   _("Under the plan (%s) %s may not take “%s”: %s"),
                   rule->clause, role_name (c, e->role), action_name (c, e->action), rule->message);

      /* an expectation may be about any of the plan's deadlines for the
       * action (reports to different recipients): it contradicts the plan
       * only when it is later than the most generous of them */
      if (rule_concerns (c, rule, DD_RULE_KIND_DEADLINE, e->action) && rule_allows (c, rule, e->role) &&
          (loosest == NULL || deadline_of (c, inject, rule) > deadline_of (c, inject, loosest)))
        loosest = rule;
    }

  if (loosest != NULL && inject->at + e->within > deadline_of (c, inject, loosest))
    add_check (c, DD_CHECK_WARNING, f_within,
               _("The plan (%s) allows %u minutes for “%s”; this expectation allows more: %s"),
               loosest->clause, loosest->minutes, action_name (c, e->action), loosest->message);
}

/* Whether anything makes someone take @action (by @role, if not NULL):
 * an expectation of another inject, or a rule of the plan for this
 * incident that obliges or times it. */
static gboolean
action_is_called_for (Checker        *c,
                      const DdInject *except,
                      const char     *action,
                      const char     *role)
{
  GPtrArray *rules = dd_plan_get_rules (c->plan);

  for (guint i = 0; i < c->d->injects->len; i++)
    {
      const DdInject *inject = g_ptr_array_index (c->d->injects, i);

      if (inject == except)
        continue;
      for (guint k = 0; k < inject->expects->len; k++)
        {
          const DdInjectExpect *e = g_ptr_array_index (inject->expects, k);

          if (g_strcmp0 (e->action, action) == 0 && (role == NULL || plays (c, e->role, role)))
            return TRUE;
        }
    }
  for (guint r = 0; r < rules->len; r++)
    {
      const DdRule *rule = g_ptr_array_index (rules, r);

      if ((rule_concerns (c, rule, DD_RULE_KIND_OBLIGATION, action) ||
           rule_concerns (c, rule, DD_RULE_KIND_DEADLINE, action)) &&
          (role == NULL || rule_allows (c, rule, role)))
        return TRUE;
    }
  return FALSE;
}

static gboolean
participates (Checker    *c,
              const char *role)
{
  for (guint i = 0; i < c->d->participants->len; i++)
    if (g_strcmp0 (((DdParticipant *) g_ptr_array_index (c->d->participants, i))->role, role) == 0)
      return TRUE;
  return FALSE;
}

static void
check_inject (Checker        *c,
              const DdInject *inject,
              guint           n,
              GHashTable     *ids)
{
  g_autofree char *field = g_strdup_printf ("injects/%u", n);
  g_autofree char *f = NULL;

#define FIELD(name) (g_free (f), f = g_strdup_printf ("%s/%s", field, (name)))
  require_id (c, FIELD ("id"), inject->id, ids);
  require_text (c, FIELD ("content"), inject->content);
  if (dd_scenario_text_is_blank (inject->from) && dd_scenario_text_is_blank (inject->source))
    add_check (c, DD_CHECK_ERROR, FIELD ("from"), _("Name who sends it: a role of the plan, or a sender outside it"));
  require_role (c, FIELD ("from"), inject->from, FALSE);
  if (strv_empty (inject->to))
    add_check (c, DD_CHECK_ERROR, FIELD ("to"), _("Choose at least one recipient"));
  for (guint i = 0; inject->to != NULL && inject->to[i] != NULL; i++)
    require_role (c, FIELD ("to"), inject->to[i], TRUE);
  if (inject->at > c->d->duration)
    {
      g_autofree char *at = dd_offset_format (inject->at);
      g_autofree char *end = dd_offset_format (c->d->duration);

      add_check (c, DD_CHECK_WARNING, FIELD ("at"),
                 _("At %s this inject comes after the planned end of the drill (%s)"), at, end);
    }

  for (guint i = 0; i < inject->attachments->len; i++)
    {
      const DdAttachment *a = g_ptr_array_index (inject->attachments, i);
      g_autofree char *af = g_strdup_printf ("%s/attachments/%u/file", field, i);

      require_text (c, af, a->file);
    }

  for (guint i = 0; i < inject->conditions->len; i++)
    {
      const DdInjectCondition *cond = g_ptr_array_index (inject->conditions, i);
      g_autofree char *cf = g_strdup_printf ("%s/conditions/%u/action", field, i);
      g_autofree char *rf = g_strdup_printf ("%s/conditions/%u/role", field, i);

      require_action (c, cf, cond->action);
      require_role (c, rf, cond->role, FALSE);
      if (dd_condition_type_is_release (cond->type))
        {
          g_autofree char *pf = g_strdup_printf ("%s/conditions/%u/approval", field, i);

          require_action (c, pf, cond->approval);
        }
      if (cond->role != NULL && dd_plan_lookup_role (c->plan, cond->role) != NULL && !participates (c, cond->role) &&
          g_strcmp0 (cond->role, c->d->incident.unit) != 0)
        add_check (c, DD_CHECK_WARNING, rf, _("%s does not take part in the drill"), role_name (c, cond->role));
      if (cond->type == DD_CONDITION_AFTER && dd_plan_lookup_action_kind (c->plan, cond->action) != NULL &&
          !action_is_called_for (c, inject, cond->action, cond->role))
        add_check (c, DD_CHECK_WARNING, cf,
                   _("No inject and no rule of the plan calls for “%s”%s%s: this inject may never be delivered"),
                   action_name (c, cond->action), cond->role ? " / " : "",
                   cond->role ? role_name (c, cond->role) : "");
    }

  for (guint i = 0; i < inject->expects->len; i++)
    {
      g_autofree char *ef = g_strdup_printf ("%s/expects/%u", field, i);

      check_expect (c, inject, g_ptr_array_index (inject->expects, i), ef);
    }
#undef FIELD
}

/* @clause is @objective_clause or lies under it ("4.2" covers "4.2.1.3(3)"). */
gboolean
dd_clause_covers (const char *objective_clause,
                  const char *clause)
{
  gsize n = strlen (objective_clause);

  return clause != NULL && strncmp (clause, objective_clause, n) == 0 &&
         (clause[n] == '\0' || clause[n] == '.' || clause[n] == '(');
}

gboolean
dd_scenario_exercises_clause (DdScenario *self,
                              const char *clause)
{
  GPtrArray *objectives, *injects;

  g_return_val_if_fail (DD_IS_SCENARIO (self), FALSE);

  if (clause == NULL)
    return FALSE;
  objectives = dd_scenario_get_objectives (self);
  for (guint i = 0; i < objectives->len; i++)
    {
      const DdObjective *o = g_ptr_array_index (objectives, i);

      for (guint j = 0; o->clauses != NULL && o->clauses[j] != NULL; j++)
        if (dd_clause_covers (o->clauses[j], clause))
          return TRUE;
    }
  injects = dd_scenario_get_injects (self);
  for (guint i = 0; i < injects->len; i++)
    {
      const DdInject *inject = g_ptr_array_index (injects, i);

      for (guint k = 0; k < inject->expects->len; k++)
        {
          const DdInjectExpect *e = g_ptr_array_index (inject->expects, k);
          const DdActionKind *kind = dd_plan_lookup_action_kind (dd_scenario_get_plan (self), e->action);

          if ((e->clause != NULL && dd_clause_covers (e->clause, clause)) ||
              (kind != NULL && kind->clause != NULL && dd_clause_covers (kind->clause, clause)))
            return TRUE;
        }
    }
  return FALSE;
}

static gboolean
objective_exercised (Checker           *c,
                     const DdObjective *o)
{
  for (guint i = 0; i < c->d->injects->len; i++)
    {
      const DdInject *inject = g_ptr_array_index (c->d->injects, i);

      for (guint k = 0; k < inject->expects->len; k++)
        {
          const DdInjectExpect *e = g_ptr_array_index (inject->expects, k);
          const DdActionKind *kind = dd_plan_lookup_action_kind (c->plan, e->action);

          for (guint j = 0; o->clauses != NULL && o->clauses[j] != NULL; j++)
            if (dd_clause_covers (o->clauses[j], e->clause) ||
                (kind != NULL && dd_clause_covers (o->clauses[j], kind->clause)))
              return TRUE;
        }
    }
  return FALSE;
}

static void
check_incident (Checker *c)
{
  const DdIncident *inc = &c->d->incident;
  const DdCategory *category = dd_plan_lookup_category (c->plan, inc->category);
  const DdSeverity *severity = dd_plan_lookup_severity (c->plan, inc->severity);

  if (category == NULL)
    add_check (c, DD_CHECK_ERROR, "incident/category", _("Choose a category of the plan"));
  if (!dd_scenario_text_is_blank (inc->subtype))
    {
      const DdCategory *of = NULL;

      if (dd_plan_lookup_subtype (c->plan, inc->subtype, &of) == NULL || of != category)
        add_check (c, DD_CHECK_ERROR, "incident/subtype", _("“%s” is not a subtype of this category"), inc->subtype);
    }
  if (severity == NULL || severity->undetermined)
    add_check (c, DD_CHECK_ERROR, "incident/severity", _("Choose a severity level of the plan"));
  require_role (c, "incident/unit", inc->unit, TRUE);
  require_text (c, "incident/system", inc->system);
  if (inc->has_level_clear && inc->level_clear < inc->began)
    add_check (c, DD_CHECK_ERROR, "incident/level-clear", _("The level cannot become clear before the incident began"));
}

GPtrArray *
dd_scenario_draft_check (DdPlan          *plan,
                         DdScenarioDraft *d)
{
  Checker c = { plan, d, g_ptr_array_new_with_free_func (check_free), NULL };
  GPtrArray *levels = dd_plan_get_response_levels (plan);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GDateTime) start = NULL;

  for (guint i = 0; i < levels->len && c.response_level == NULL; i++)
    {
      const DdResponseLevel *l = g_ptr_array_index (levels, i);

      if (d->incident.severity != NULL && g_strv_contains ((const char *const *) l->severities, d->incident.severity))
        c.response_level = l->id;
    }

  if (!dd_scenario_id_is_valid (d->id))
    add_check (&c, DD_CHECK_ERROR, "id",
               _("An id is made of letters, digits, “.”, “_” and “-”, and starts with a letter or digit"));
  require_text (&c, "title", d->title);
  require_text (&c, "form-label", d->form_label);
  start = d->start ? g_date_time_new_from_iso8601 (d->start, NULL) : NULL;
  if (start == NULL)
    add_check (&c, DD_CHECK_ERROR, "start", _("Give a date and time with its UTC offset, e.g. 2025-06-17T08:30:00+08:00"));
  if (d->duration <= 0)
    add_check (&c, DD_CHECK_ERROR, "duration", _("The duration must be positive"));
  if (!(d->compression > 0 && d->compression <= 1440))
    add_check (&c, DD_CHECK_ERROR, "compression", _("Compression must be above 0 and at most 1440"));

  if (d->participants->len == 0)
    add_check (&c, DD_CHECK_ERROR, "participants", _("Add the roles that take part"));
  for (guint i = 0; i < d->participants->len; i++)
    {
      const DdParticipant *p = g_ptr_array_index (d->participants, i);
      g_autofree char *f = g_strdup_printf ("participants/%u/role", i);

      require_role (&c, f, p->role, TRUE);
      if (p->role != NULL && !g_hash_table_add (ids, p->role))
        add_check (&c, DD_CHECK_ERROR, f, _("%s takes part twice"), role_name (&c, p->role));
    }
  g_hash_table_remove_all (ids);

  if (d->objectives->len == 0)
    add_check (&c, DD_CHECK_ERROR, "objectives", _("Add at least one objective"));
  for (guint i = 0; i < d->objectives->len; i++)
    {
      const DdObjective *o = g_ptr_array_index (d->objectives, i);
      g_autofree char *fid = g_strdup_printf ("objectives/%u/id", i);
      g_autofree char *fclauses = g_strdup_printf ("objectives/%u/clauses", i);
      g_autofree char *ftext = g_strdup_printf ("objectives/%u/text", i);

      require_id (&c, fid, o->id, ids);
      require_text (&c, ftext, o->text);
      if (strv_empty (o->clauses))
        add_check (&c, DD_CHECK_ERROR, fclauses, _("Choose the clauses of the plan it exercises"));
      else if (!objective_exercised (&c, o))
        add_check (&c, DD_CHECK_WARNING, fclauses,
                   _("No inject exercises this objective: no expected action cites its clauses"));
    }
  g_hash_table_remove_all (ids);

  check_incident (&c);

  if (d->injects->len == 0)
    add_check (&c, DD_CHECK_ERROR, "injects", _("Add at least one inject"));
  for (guint i = 0; i < d->injects->len; i++)
    check_inject (&c, g_ptr_array_index (d->injects, i), i, ids);

  return c.out;
}
