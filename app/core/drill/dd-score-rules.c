/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-score-rules.c — the plan's rules applied to the actions, by rule kind
 *
 * Copyright 2024 The DrillDesk authors
 *
 * How each rule kind is read (the parameters are the plan's):
 *   deadline        the first matching action by a unit that owes it must
 *                   come within `minutes` of the anchor (incident start,
 *                   detection, or the first `anchor_action`); late is one
 *                   timing finding graded by how late; a unit that owes it
 *                   and never acts is an omission citing the rule's clause
 *                   (its consequence clause named inside), once the drill
 *                   is over.
 *   authority       every matching action must be taken by an allowed role.
 *   prerequisite    every `requires` action must have been taken before.
 *   obligation      once the drill is over, a matching action must exist;
 *                   with recipients-match="all", every recipient must have
 *                   been sent one (by one action or several); with `once`,
 *                   only after that action happened, and before `before`.
 *   level-match     the level of a warning or response action must fit the
 *                   true severity.
 *   same-actor      the actor must be the actor of the latest `same_as`.
 *   same-authority  the actor must hold, for the response level the latest
 *                   `same_as` started, the authority of the body that
 *                   started it (that level's closers, 4.5).
 *   report-content  the report carries the 4.1 contents / the 8.3 fields.
 *   report-accuracy the report's category and level fields match the truth.
 * Actions are judged in canonical order (time, then content): actions of
 * the same simulated time are simultaneous for every rule.
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

void
dd_score_add_rule_finding (Ctx            *ctx,
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

DdAction *
dd_score_action_at (Ctx  *ctx,
                    guint i)
{
  return g_ptr_array_index (ctx->actions, i);
}

const char *
dd_score_role_name (Ctx        *ctx,
                    const char *id)
{
  const DdRole *role = dd_plan_lookup_role (ctx->plan, id);

  return role ? (role->short_name ? role->short_name : role->name) : id;
}

const char *
dd_score_action_name (Ctx        *ctx,
                      const char *id)
{
  const DdActionKind *kind = dd_plan_lookup_action_kind (ctx->plan, id);

  return kind ? kind->name : id;
}

gboolean
dd_score_strv_empty (char **strv)
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

  if (dd_score_strv_empty (rule->roles) && dd_score_strv_empty (rule->role_kinds))
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

gboolean
dd_score_may_act (Ctx          *ctx,
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
  if (dd_score_strv_empty (rule->recipients))
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

gboolean
dd_score_rule_matches_action (Ctx            *ctx,
                              const DdRule   *rule,
                              const DdAction *action,
                              gboolean        with_roles)
{
  return rule_matches_action_full (ctx, rule, action, with_roles, TRUE);
}

/* As dd_score_rule_matches_action (), optionally without the recipients filter. */
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
  if (with_roles && !dd_score_may_act (ctx, rule, action->role))
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

/* The response level in force at action @i's time: actions of the same
 * simulated time are simultaneous, so a level decided then counts. */
const char *
dd_score_level_at_action (Ctx  *ctx,
                          guint i)
{
  return level_in_force (ctx, ctx->group_end[i]);
}

void
dd_score_examine (Ctx        *ctx,
                  const char *clause)
{
  if (clause != NULL)
    g_hash_table_add (ctx->examined, (gpointer) clause);
}

static void
expect_of (Ctx        *ctx,
           const char *role)
{
  if (role != NULL)
    g_hash_table_add (ctx->expected_roles, (gpointer) role);
}

/* Computed once, so that judging every action stays linear. */
static void
find_levels (Ctx *ctx)
{
  ctx->levels = g_new0 (const char *, ctx->actions->len + 1);
  for (guint i = 0; i < ctx->actions->len; i++)
    {
      const DdAction *a = dd_score_action_at (ctx, i);

      ctx->levels[i + 1] = a->level != NULL && g_hash_table_contains (ctx->decide_kinds, a->kind)
                           ? a->level : ctx->levels[i];
    }
}

/* The response level an action is judged under: its own when it names a
 * response level, else the one in force before it. */
const char *
dd_score_level_for_action (Ctx  *ctx,
                           guint index)
{
  const DdAction *a = dd_score_action_at (ctx, index);
  const DdActionKind *kind = dd_plan_lookup_action_kind (ctx->plan, a->kind);

  if (kind != NULL && kind->form == DD_ACTION_FORM_RESPONSE_LEVEL && a->level != NULL)
    return a->level;
  return dd_score_level_at_action (ctx, index);
}

gboolean
dd_score_rule_applies (Ctx          *ctx,
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
  return dd_score_strv_empty (rule->roles) ? NULL : rule->roles[0];
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
        if (g_strcmp0 (dd_score_action_at (ctx, i)->kind, rule->anchor_action) == 0)
          {
            *out = dd_score_action_at (ctx, i)->at;
            return TRUE;
          }
      return FALSE;
    default:
      return FALSE;
    }
}

/* Whether @kind is a report: the plan's report form, or a step of the
 * phase the report form belongs to (a report to superiors). */
static gboolean
is_report (Ctx        *ctx,
           const char *kind_id)
{
  const DdActionKind *kind = dd_plan_lookup_action_kind (ctx->plan, kind_id);
  GPtrArray *kinds = dd_plan_get_action_kinds (ctx->plan);

  if (kind == NULL)
    return FALSE;
  if (kind->form == DD_ACTION_FORM_REPORT)
    return TRUE;
  for (guint i = 0; i < kinds->len; i++)
    {
      const DdActionKind *k = g_ptr_array_index (kinds, i);

      if (k->form == DD_ACTION_FORM_REPORT && g_strcmp0 (k->phase, kind->phase) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The monitoring unit for @rule: the role that detected the incident, when
 * it is not the affected unit and not one the report goes to. */
static const char *
monitoring_unit (DdScenario   *scenario,
                 const DdRule *rule,
                 const char   *detector)
{
  const char *unit = dd_scenario_get_incident (scenario)->unit;

  if (detector == NULL || g_strcmp0 (detector, unit) == 0 ||
      g_strv_contains ((const char *const *) rule->recipients, detector))
    return NULL;
  return detector;
}

static gboolean
owed_by_kind (const DdRule *rule,
              DdPlan       *plan,
              DdRoleKind    kind)
{
  if (g_strv_contains ((const char *const *) rule->owed_by_kinds, dd_role_kind_to_string (kind)))
    return TRUE;
  for (guint i = 0; rule->owed_by[i] != NULL; i++)
    {
      const DdRole *r = dd_plan_lookup_role (plan, rule->owed_by[i]);

      if (r != NULL && r->kind == kind)
        return TRUE;
    }
  return FALSE;
}

gboolean
dd_score_owes (DdPlan       *plan,
               DdScenario   *scenario,
               const DdRule *rule,
               const char   *role_id,
               const char   *detector)
{
  const DdRole *role = dd_plan_lookup_role (plan, role_id);

  if (dd_score_strv_empty (rule->owed_by) && dd_score_strv_empty (rule->owed_by_kinds))
    return TRUE;
  if (g_strv_contains ((const char *const *) rule->owed_by, role_id))
    return TRUE;
  if (role != NULL && role->kind != DD_ROLE_KIND_INCIDENT_UNIT && role->kind != DD_ROLE_KIND_MONITORING_UNIT &&
      g_strv_contains ((const char *const *) rule->owed_by_kinds, dd_role_kind_to_string (role->kind)))
    return TRUE;
  if (owed_by_kind (rule, plan, DD_ROLE_KIND_INCIDENT_UNIT) &&
      g_strcmp0 (role_id, dd_scenario_get_incident (scenario)->unit) == 0)
    return TRUE;
  return owed_by_kind (rule, plan, DD_ROLE_KIND_MONITORING_UNIT) &&
         g_strcmp0 (role_id, monitoring_unit (scenario, rule, detector)) == 0;
}

static gboolean
owes (Ctx          *ctx,
      const DdRule *rule,
      const char   *role_id)
{
  return dd_score_owes (ctx->plan, ctx->scenario, rule, role_id, ctx->detector);
}

static void
add_unit (GPtrArray  *units,
          const char *role)
{
  if (role != NULL && !g_ptr_array_find_with_equal_func (units, role, g_str_equal, NULL))
    g_ptr_array_add (units, (gpointer) role);
}

GPtrArray *
dd_score_owing_units (DdPlan       *plan,
                      DdScenario   *scenario,
                      const DdRule *rule,
                      const char   *detector)
{
  GPtrArray *units = g_ptr_array_new ();
  GPtrArray *participants = dd_scenario_get_participants (scenario);

  if (dd_score_strv_empty (rule->owed_by) && dd_score_strv_empty (rule->owed_by_kinds))
    return units;
  if (owed_by_kind (rule, plan, DD_ROLE_KIND_INCIDENT_UNIT))
    add_unit (units, dd_scenario_get_incident (scenario)->unit);
  if (owed_by_kind (rule, plan, DD_ROLE_KIND_MONITORING_UNIT))
    add_unit (units, monitoring_unit (scenario, rule, detector));
  for (guint p = 0; p < participants->len; p++)
    {
      const char *id = ((const DdParticipant *) g_ptr_array_index (participants, p))->role;
      const DdRole *role = dd_plan_lookup_role (plan, id);

      /* the stand-in roles are the units resolved above */
      if (role == NULL || role->kind == DD_ROLE_KIND_INCIDENT_UNIT || role->kind == DD_ROLE_KIND_MONITORING_UNIT)
        continue;
      if (dd_score_owes (plan, scenario, rule, id, detector))
        add_unit (units, id);
    }
  return units;
}

static GPtrArray *
owing_units (Ctx          *ctx,
             const DdRule *rule)
{
  return dd_score_owing_units (ctx->plan, ctx->scenario, rule, ctx->detector);
}

/* A step that came late: graded by how late (the plan's <lateness>). */
static void
grade_late (Ctx       *ctx,
            DdFinding *f,
            gint64     seconds_late)
{
  const DdLateGrade *grade = dd_scoring_late_grade (dd_plan_get_scoring (ctx->plan), seconds_late);

  if (grade == NULL)
    return;
  f->grade = g_strdup (grade->name);
  f->factor = grade->factor;
}

static DdFinding *
add_late (Ctx            *ctx,
          const char     *id,
          const char     *clause,
          DdFindingSeverity severity,
          const DdAction *a,
          int             index,
          const char     *message,
          const char     *phase,
          gint64          deadline)
{
  g_autofree char *limit = dd_offset_format (deadline);
  g_autofree char *late = dd_offset_format (a->at - deadline);
  DdFinding *f = dd_score_add_finding (ctx, id, clause, DD_FINDING_KIND_TIMING, severity, a->role, a->at,
                                       message,
                                       is_report (ctx, a->kind)
                                       ? g_strdup_printf (_("reported %s late (due by %s)"), late, limit)
                                       : g_strdup_printf (_("taken %s late (due by %s)"), late, limit),
                                       phase, a->kind, index);

  grade_late (ctx, f, a->at - deadline);
  return f;
}

/* Still not done while the drill runs, @deadline passed. */
static void
add_overdue (Ctx               *ctx,
             const char        *id,
             const char        *clause,
             DdFindingSeverity  severity,
             const char        *role,
             const char        *message,
             const char        *phase,
             const char        *action,
             gint64             deadline)
{
  g_autofree char *limit = dd_offset_format (deadline);
  DdFinding *f = dd_score_add_finding (ctx, id, clause, DD_FINDING_KIND_TIMING, severity, role, deadline,
                                       message, g_strdup_printf (_("overdue since %s"), limit),
                                       phase, action, -1);

  grade_late (ctx, f, ctx->now - deadline);
}

/* Never done: an omission citing the clause that creates the duty, naming
 * the role that owed it and the consequence clause. */
static void
add_omission (Ctx          *ctx,
              const DdRule *rule,
              const char   *role,
              gint64        due,
              gboolean      has_due)
{
  g_autofree char *limit = dd_offset_format (due);
  const char *action = rule->action;
  DdFinding *f;
  char *detail;

  if (has_due)
    detail = is_report (ctx, action) ? g_strdup_printf (_("never reported (due by %s)"), limit)
                                     : g_strdup_printf (_("never taken (due by %s)"), limit);
  else
    detail = is_report (ctx, action) ? g_strdup_printf (_("never reported: %s"), dd_score_action_name (ctx, action))
                                     : g_strdup_printf (_("never taken: %s"), dd_score_action_name (ctx, action));
  f = dd_score_add_finding (ctx, rule->id, rule->clause, DD_FINDING_KIND_OMISSION, rule->missing_severity,
                            role ? role : first_role (rule), due,
                            rule->missing_message ? rule->missing_message : rule->message,
                            detail, rule->phase, action, -1);
  f->consequence = g_strdup (rule->consequence_clause);
}

/* The actions of each kind, and the reports, by index in order: a rule
 * about one kind of action (or about any report) need not look at the
 * others. */
static int
compare_indices (gconstpointer a,
                 gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

static void
index_actions (Ctx *ctx)
{
  ctx->of_kind = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_array_unref);
  ctx->reports = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < ctx->actions->len; i++)
    {
      const DdAction *a = dd_score_action_at (ctx, i);
      GArray *indices;

      if (a->kind == NULL)
        continue;
      indices = g_hash_table_lookup (ctx->of_kind, a->kind);
      if (indices == NULL)
        {
          indices = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (ctx->of_kind, (gpointer) a->kind, indices);
        }
      g_array_append_val (indices, i);
    }

  /* Reports as dd_score_rule_matches_action () knows them: of the plan's
   * report form. */
  {
    GHashTableIter iter;
    gpointer kind_id, indices;

    g_hash_table_iter_init (&iter, ctx->of_kind);
    while (g_hash_table_iter_next (&iter, &kind_id, &indices))
      {
        const DdActionKind *kind = dd_plan_lookup_action_kind (ctx->plan, kind_id);

        if (kind != NULL && kind->form == DD_ACTION_FORM_REPORT)
          g_array_append_vals (ctx->reports, ((GArray *) indices)->data, ((GArray *) indices)->len);
      }
    g_array_sort (ctx->reports, compare_indices);
  }
}

/* The indices, in order, of the actions @rule can be about: those of its
 * action kind, or every report for a rule about any report. Every action
 * that dd_score_rule_matches_action () passes for @rule is among them. */
static GArray *
candidates (Ctx          *ctx,
            const DdRule *rule)
{
  if (rule->action == NULL)
    return ctx->reports;
  return g_hash_table_lookup (ctx->of_kind, rule->action);
}

#define CANDIDATE(array, k) g_array_index ((array), guint, (k))

static void
check_deadline (Ctx          *ctx,
                const DdRule *rule)
{
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GHashTable) acted = NULL;
  GArray *about;
  gint64 anchor, deadline;
  int first = -1;

  if (!anchor_time (ctx, rule, &anchor) ||
      !dd_score_rule_applies (ctx, rule, anchor, level_in_force (ctx, ctx->actions->len)))
    return;

  dd_score_examine (ctx, rule->clause);
  deadline = anchor + (gint64) rule->minutes * 60;
  units = owing_units (ctx, rule);
  /* each of them is expected to act; of "any one of them", none in
   * particular */
  for (guint u = 0; rule->each_owes && u < units->len; u++)
    expect_of (ctx, g_ptr_array_index (units, u));

  /* Only what a unit that owes it did counts; the first one in time meets
   * the deadline for all of them. */
  acted = g_hash_table_new (g_str_hash, g_str_equal);
  about = candidates (ctx, rule);
  for (guint k = 0; about != NULL && k < about->len; k++)
    {
      guint i = CANDIDATE (about, k);
      const DdAction *a = dd_score_action_at (ctx, i);

      if (!dd_score_rule_matches_action (ctx, rule, a, TRUE) || !owes (ctx, rule, a->role))
        continue;
      if (first < 0)
        first = (int) i;
      g_hash_table_add (acted, a->role);
    }

  if (first >= 0 && dd_score_action_at (ctx, first)->at > deadline)
    add_late (ctx, rule->id, rule->clause, rule->severity, dd_score_action_at (ctx, first), first,
              rule->message, rule->phase, deadline);

  if (first < 0 && !ctx->finished)
    {
      if (ctx->now > deadline)
        add_overdue (ctx, rule->id, rule->clause, rule->severity, units->len ? g_ptr_array_index (units, 0)
                                                                             : first_role (rule),
                     rule->message, rule->phase, rule->action, deadline);
      return;
    }
  if (!ctx->finished)
    return;

  if (rule->each_owes)
    {
      for (guint u = 0; u < units->len; u++)
        if (!g_hash_table_contains (acted, g_ptr_array_index (units, u)))
          add_omission (ctx, rule, g_ptr_array_index (units, u), deadline, TRUE);
      if (units->len > 0 || first >= 0)
        return;
    }
  if (first < 0)
    add_omission (ctx, rule, units->len ? g_ptr_array_index (units, 0) : NULL, deadline, TRUE);
}

/* Every recipient of @rule must have been sent a matching action. */
static void
check_obligation_all_recipients (Ctx          *ctx,
                                 const DdRule *rule)
{
  g_autoptr(GString) missing = g_string_new (NULL);
  GArray *about = candidates (ctx, rule);
  gboolean any = FALSE;
  DdFinding *f;

  for (guint r = 0; rule->recipients[r] != NULL; r++)
    {
      gboolean sent = FALSE;

      for (guint k = 0; about != NULL && k < about->len && !sent; k++)
        {
          const DdAction *a = dd_score_action_at (ctx, CANDIDATE (about, k));

          if (!rule_matches_action_full (ctx, rule, a, TRUE, FALSE) || !owes (ctx, rule, a->role))
            continue;
          any = TRUE;
          sent = dd_action_has_recipient (a, rule->recipients[r]);
        }
      if (!sent)
        g_string_append_printf (missing, "%s%s", missing->len ? ", " : "",
                                dd_score_role_name (ctx, rule->recipients[r]));
    }
  if (missing->len == 0)
    return;

  f = dd_score_add_finding (ctx, rule->id, rule->clause, DD_FINDING_KIND_OMISSION, rule->missing_severity,
                            first_role (rule), ctx->end, rule->message,
                            any ? g_strdup_printf (_("%s never sent to: %s"), dd_score_action_name (ctx, rule->action),
                                                   missing->str)
                                : g_strdup_printf (_("never taken: %s"), dd_score_action_name (ctx, rule->action)),
                            rule->phase, rule->action, -1);
  f->consequence = g_strdup (rule->consequence_clause);
}

/* The first action of @kind (canonical order), or -1. */
static int
first_of_kind (Ctx        *ctx,
               const char *kind)
{
  GArray *indices = kind != NULL ? g_hash_table_lookup (ctx->of_kind, kind) : NULL;

  return indices != NULL && indices->len > 0 ? (int) CANDIDATE (indices, 0) : -1;
}

/* Whether action @i meets @rule: its action (or, after the `once` action,
 * one of its or-actions) with the rule's filters, by a role that owes it,
 * not before the `once` action @trigger (-1: none). */
static gboolean
meets_obligation (Ctx          *ctx,
                  const DdRule *rule,
                  guint         i,
                  int           trigger)
{
  const DdAction *a = dd_score_action_at (ctx, i);

  if (trigger >= 0 && ((int) i == trigger || a->at < dd_score_action_at (ctx, trigger)->at))
    return FALSE;
  if (!owes (ctx, rule, a->role))
    return FALSE;
  if (dd_score_rule_matches_action (ctx, rule, a, TRUE))
    return TRUE;
  return trigger >= 0 && g_strv_contains ((const char *const *) rule->or_actions, a->kind) &&
         dd_score_may_act (ctx, rule, a->role);
}

/* Obligations: every duty that applies must be met by the end; one that
 * arises from what happened (once) only after that, and before its
 * `before` action if it names one. */
static void
check_obligation (Ctx          *ctx,
                  const DdRule *rule)
{
  g_autoptr(GPtrArray) units = NULL;
  int trigger = first_of_kind (ctx, rule->once);
  int before = first_of_kind (ctx, rule->before);
  int met = -1;

  if (rule->once != NULL && trigger < 0)
    return;   /* nothing happened that makes it due */
  /* an obligation due before some step can be judged once that step is
   * taken; the others at the end */
  if (!ctx->finished && before < 0)
    return;
  if (!dd_score_rule_applies (ctx, rule, ctx->end, level_in_force (ctx, ctx->actions->len)))
    return;

  dd_score_examine (ctx, rule->clause);
  units = owing_units (ctx, rule);
  /* each of them is expected to act; of "any one of them", none in
   * particular */
  for (guint u = 0; rule->each_owes && u < units->len; u++)
    expect_of (ctx, g_ptr_array_index (units, u));

  if (rule->all_recipients)
    {
      if (ctx->finished)
        check_obligation_all_recipients (ctx, rule);
      return;
    }

  /* Or-actions count after the trigger: then any kind may meet it. */
  if (trigger >= 0 && !dd_score_strv_empty (rule->or_actions))
    {
      for (guint i = 0; i < ctx->actions->len && met < 0; i++)
        if (meets_obligation (ctx, rule, i, trigger))
          met = (int) i;
    }
  else
    {
      GArray *about = candidates (ctx, rule);

      for (guint k = 0; about != NULL && k < about->len && met < 0; k++)
        if (meets_obligation (ctx, rule, CANDIDATE (about, k), trigger))
          met = (int) CANDIDATE (about, k);
    }

  if (met >= 0 && before >= 0 && dd_score_action_at (ctx, met)->at > dd_score_action_at (ctx, before)->at)
    {
      const DdAction *a = dd_score_action_at (ctx, met);

      dd_score_add_finding (ctx, rule->id, rule->clause, DD_FINDING_KIND_SEQUENCE, rule->severity,
                            a->role, a->at, rule->message,
                            g_strdup_printf (_("taken only after: %s"), dd_score_action_name (ctx, rule->before)),
                            rule->phase, a->kind, met);
      return;
    }
  if (met >= 0)
    return;
  if (!ctx->finished && dd_score_action_at (ctx, before)->at >= ctx->now)
    return;
  add_omission (ctx, rule, units->len ? g_ptr_array_index (units, 0) : NULL,
                before >= 0 ? dd_score_action_at (ctx, before)->at : ctx->end, FALSE);
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
          const char *message = e->text ? e->text : dd_score_action_name (ctx, e->action);
          gboolean found = FALSE;

          GArray *about = e->action != NULL ? g_hash_table_lookup (ctx->of_kind, e->action) : NULL;

          dd_score_examine (ctx, e->clause);
          expect_of (ctx, e->role);
          for (guint j = 0; about != NULL && j < about->len && !found; j++)
            {
              guint i = CANDIDATE (about, j);
              const DdAction *a = dd_score_action_at (ctx, i);

              /* Only what was done once the inject was delivered answers it. */
              if (a->at < delivery->time ||
                  g_strcmp0 (a->kind, e->action) != 0 ||
                  !dd_scenario_role_matches (ctx->scenario, a->role, e->role))
                continue;
              found = TRUE;
              if (a->at > deadline)
                add_late (ctx, id, e->clause, e->severity, a, (int) i, message, phase, deadline);
            }

          if (found)
            continue;
          if (ctx->finished)
            dd_score_add_finding (ctx, id, e->clause, DD_FINDING_KIND_OMISSION, e->severity, e->role, deadline,
                                  message,
                                  is_report (ctx, e->action)
                                  ? g_strdup_printf (_("never reported (due by %s)"), limit)
                                  : g_strdup_printf (_("never taken (due by %s)"), limit),
                                  phase, e->action, -1);
          else if (ctx->now > deadline)
            add_overdue (ctx, id, e->clause, e->severity, e->role, message, phase, e->action, deadline);
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
      const DdAction *a = dd_score_action_at (ctx, i);
      const DdActionKind *kind = dd_plan_lookup_action_kind (ctx->plan, a->kind);

      if (kind != NULL && g_strcmp0 (kind->phase, first->id) == 0)
        {
          ctx->has_detection = TRUE;
          ctx->detection = a->at;
          ctx->detector = a->role;
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



/* The rules judged at each action that can be about an action of @kind, in
 * the plan's order: those naming the kind, and those about any report
 * when it is a report. Every action check begins with
 * dd_score_rule_matches_action (), which passes no other rule; asking only
 * these keeps the findings and their order and saves matching every rule
 * against every action. */
static GPtrArray *
rules_for_kind (Ctx         *ctx,
                GHashTable  *by_kind,
                const char  *kind)
{
  GPtrArray *rules = g_hash_table_lookup (by_kind, kind);

  if (rules == NULL)
    {
      GPtrArray *all = dd_plan_get_rules (ctx->plan);
      const DdActionKind *k = dd_plan_lookup_action_kind (ctx->plan, kind);
      gboolean report = k != NULL && k->form == DD_ACTION_FORM_REPORT;

      rules = g_ptr_array_new ();
      for (guint r = 0; r < all->len; r++)
        {
          const DdRule *rule = g_ptr_array_index (all, r);

          if (dd_score_rule_checks_actions (rule) &&
              (rule->action != NULL ? strcmp (rule->action, kind) == 0 : report))
            g_ptr_array_add (rules, (gpointer) rule);
        }
      g_hash_table_insert (by_kind, (gpointer) kind, rules);
    }
  return rules;
}

void
dd_score_judge (Ctx *ctx)
{
  GPtrArray *rules = dd_plan_get_rules (ctx->plan);
  g_autoptr(GHashTable) by_kind = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify) g_ptr_array_unref);

  ctx->decide_kinds = g_hash_table_new (g_str_hash, g_str_equal);
  ctx->latest = g_hash_table_new (g_str_hash, g_str_equal);
  index_actions (ctx);
  find_decide_kinds (ctx);
  find_levels (ctx);
  find_detection (ctx);

  for (guint i = 0; i < ctx->actions->len; i++)
    {
      /* Prerequisites and same-actor look back at what came before, and
       * what came at the same simulated time is simultaneous: the actions
       * of one time are all known before any of them is judged. */
      if (i == 0 || dd_score_action_at (ctx, i - 1)->at != dd_score_action_at (ctx, i)->at)
        for (guint k = i; k < ctx->group_end[i]; k++)
          g_hash_table_insert (ctx->latest, dd_score_action_at (ctx, k)->kind, dd_score_action_at (ctx, k));
      expect_of (ctx, dd_score_action_at (ctx, i)->role);

      {
        const DdAction *a = dd_score_action_at (ctx, i);
        GPtrArray *about = a->kind != NULL ? rules_for_kind (ctx, by_kind, a->kind) : NULL;

        for (guint r = 0; about != NULL && r < about->len; r++)
          dd_score_check_action (ctx, g_ptr_array_index (about, r), i);
      }
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
  g_clear_pointer (&ctx->of_kind, g_hash_table_unref);
  g_clear_pointer (&ctx->reports, g_array_unref);
  g_free (ctx->levels);
}
