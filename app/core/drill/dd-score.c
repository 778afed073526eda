/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-score.c — findings, scores per phase, role and objective, ratings
 *
 * Copyright 2024 The DrillDesk authors
 *
 * The rules are applied in dd-score-rules.c and dd-score-actions.c, the
 * JSON written in dd-score-json.c.
 *
 * Scores: each phase loses the plan's <deduction> of each of its findings;
 * overall = the phase scores' weighted mean minus the <overall-deduction>
 * of the most serious finding (once), not below 0, in whole points.
 */

#include "config.h"

#include <stdlib.h>

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "dd-score-private.h"


G_DEFINE_FINAL_TYPE (DdScore, dd_score, G_TYPE_OBJECT)

/* ------------------------------------------------------------------ */
/* Findings                                                            */

DdFinding *
dd_finding_copy (const DdFinding *f)
{
  DdFinding *copy = g_new0 (DdFinding, 1);

  *copy = *f;
  copy->rule = g_strdup (f->rule);
  copy->clause = g_strdup (f->clause);
  copy->role = g_strdup (f->role);
  copy->message = g_strdup (f->message);
  copy->detail = g_strdup (f->detail);
  copy->phase = g_strdup (f->phase);
  copy->action = g_strdup (f->action);
  copy->consequence = g_strdup (f->consequence);
  copy->also_rules = g_strdupv (f->also_rules);
  copy->also_clauses = g_strdupv (f->also_clauses);
  copy->grade = g_strdup (f->grade);
  return copy;
}

void
dd_finding_free (DdFinding *f)
{
  if (f == NULL)
    return;
  g_free (f->rule);
  g_free (f->clause);
  g_free (f->role);
  g_free (f->message);
  g_free (f->detail);
  g_free (f->phase);
  g_free (f->action);
  g_free (f->consequence);
  g_strfreev (f->also_rules);
  g_strfreev (f->also_clauses);
  g_free (f->grade);
  g_free (f);
}

char *
dd_finding_key (const DdFinding *f)
{
  return g_strdup_printf ("%s|%s|%s|%" G_GINT64_FORMAT "|%s|%s|%s",
                          f->rule, f->clause, f->role ? f->role : "",
                          f->time, f->detail ? f->detail : "",
                          dd_finding_kind_to_string (f->kind),
                          dd_finding_severity_to_string (f->severity));
}


DdFinding *
dd_score_add_finding (Ctx               *ctx,
                      const char        *rule,
                      const char        *clause,
                      DdFindingKind      kind,
                      DdFindingSeverity  severity,
                      const char        *role,
                      gint64             time,
                      const char        *message,
                      char              *detail,   /* transfer full */
                      const char        *phase,
                      const char        *action,
                      int                action_index)
{
  DdFinding *f = g_new0 (DdFinding, 1);

  f->rule = g_strdup (rule);
  f->clause = g_strdup (clause);
  f->kind = kind;
  f->severity = severity;
  f->role = g_strdup (role);
  f->time = time;
  f->message = g_strdup (message ? message : "");
  f->detail = detail;
  f->phase = g_strdup (phase);
  f->action = g_strdup (action);
  /* the caller's index of the action, whatever order it recorded
   * same-time actions in */
  f->action_index = action_index >= 0 ? ctx->orig_index[action_index] : -1;
  f->also_rules = g_new0 (char *, 1);
  f->also_clauses = g_new0 (char *, 1);
  f->factor = 1;
  g_ptr_array_add (ctx->findings, f);
  return f;
}

/* ------------------------------------------------------------------ */
/* Scores                                                              */

static int
finding_compare (gconstpointer pa,
                 gconstpointer pb)
{
  const DdFinding *a = *(const DdFinding *const *) pa;
  const DdFinding *b = *(const DdFinding *const *) pb;
  int c;

  if (a->time != b->time)
    return a->time < b->time ? -1 : 1;
  if ((c = g_strcmp0 (a->rule, b->rule)) != 0)
    return c;
  if ((c = g_strcmp0 (a->role, b->role)) != 0)
    return c;
  if ((c = g_strcmp0 (a->detail, b->detail)) != 0)
    return c;
  return g_strcmp0 (a->action, b->action);
}

static int
string_ptr_compare (gconstpointer a,
                    gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static double
round_points (double v)
{
  return round (v);
}

static void
entry_free (gpointer data)
{
  DdScoreEntry *e = data;

  g_free (e->id);
  g_free (e);
}

static void
objective_score_free (gpointer data)
{
  DdObjectiveScore *o = data;

  g_free (o->id);
  g_free (o->rating_id);
  g_free (o->suggestion_id);
  g_free (o->reason);
  g_free (o);
}

static DdScoreEntry *
entry_new (const char *id)
{
  DdScoreEntry *e = g_new0 (DdScoreEntry, 1);

  e->id = g_strdup (id);
  e->assessed = TRUE;
  return e;
}

/* A finding's clause counts for an objective's clause when it is that
 * clause or lies under it ("4.2" covers "4.2.1.2" and "4.2.1.3(3)"). */
static gboolean
clause_under (const char *clause,
              const char *parent)
{
  gsize n;

  if (clause == NULL)
    return FALSE;
  n = strlen (parent);
  if (strncmp (clause, parent, n) != 0)
    return FALSE;
  return clause[n] == '\0' || clause[n] == '.' || clause[n] == '(';
}

static gboolean
clause_under_any (const char  *clause,
                  char       **parents)
{
  for (guint c = 0; parents[c] != NULL; c++)
    if (clause_under (clause, parents[c]))
      return TRUE;
  return FALSE;
}

/* Whether @f counts for an objective of @clauses: by its clause, the
 * clauses of the rules the same fault broke, or its consequence. */
static gboolean
finding_counts_for (const DdFinding  *f,
                    char            **clauses)
{
  if (clause_under_any (f->clause, clauses) || clause_under_any (f->consequence, clauses))
    return TRUE;
  for (guint k = 0; f->also_clauses[k] != NULL; k++)
    if (clause_under_any (f->also_clauses[k], clauses))
      return TRUE;
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* One fault, one finding                                              */

static gboolean
is_plan_rule (DdPlan          *plan,
              const DdFinding *f)
{
  return dd_plan_lookup_rule (plan, f->rule) != NULL;
}

/* Where @f's rule stands in the plan (its first duty first), or G_MAXUINT. */
static guint
rule_position (DdPlan          *plan,
               const DdFinding *f)
{
  const DdRule *rule = dd_plan_lookup_rule (plan, f->rule);
  GPtrArray *rules = dd_plan_get_rules (plan);

  for (guint i = 0; rule != NULL && i < rules->len; i++)
    if (g_ptr_array_index (rules, i) == rule)
      return i;
  return G_MAXUINT;
}

/* Which of two findings of one fault speaks for it: the heavier one, then
 * a plan rule over a scenario expectation, then the earlier, then the rule
 * that comes first in the plan, then by id. */
static gboolean
speaks_before (DdPlan          *plan,
               const DdScoring *scoring,
               const DdFinding *a,
               const DdFinding *b)
{
  double wa = dd_scoring_deduction (scoring, a->severity) * a->factor;
  double wb = dd_scoring_deduction (scoring, b->severity) * b->factor;

  if (wa != wb)
    return wa > wb;
  if (is_plan_rule (plan, a) != is_plan_rule (plan, b))
    return is_plan_rule (plan, a);
  if (a->time != b->time)
    return a->time < b->time;
  if (rule_position (plan, a) != rule_position (plan, b))
    return rule_position (plan, a) < rule_position (plan, b);
  return g_strcmp0 (a->rule, b->rule) < 0;
}

static void
strv_append (char       ***strv,
             const char   *value)
{
  guint n = g_strv_length (*strv);

  *strv = g_renew (char *, *strv, n + 2);
  (*strv)[n] = g_strdup (value);
  (*strv)[n + 1] = NULL;
}

/* @from joins @into: its rule and clause (and those it had absorbed) are
 * named by @into. */
static void
absorb (DdFinding       *into,
        const DdFinding *from)
{
  if (g_strcmp0 (into->rule, from->rule) != 0 || g_strcmp0 (into->clause, from->clause) != 0)
    {
      strv_append (&into->also_rules, from->rule);
      strv_append (&into->also_clauses, from->clause);
    }
  for (guint k = 0; from->also_rules[k] != NULL; k++)
    {
      strv_append (&into->also_rules, from->also_rules[k]);
      strv_append (&into->also_clauses, from->also_clauses[k]);
    }
  if (into->consequence == NULL)
    into->consequence = g_strdup (from->consequence);
}

/* Whether two plan rules ask for the step to be sent to the same units:
 * a step owed to other recipients is another duty (the 4.1 report and the
 * 4.2.1.3(2) aggregated report are not one). */
static gboolean
same_recipients (DdPlan          *plan,
                 const DdFinding *a,
                 const DdFinding *b)
{
  const DdRule *ra = dd_plan_lookup_rule (plan, a->rule);
  const DdRule *rb = dd_plan_lookup_rule (plan, b->rule);

  if (ra == NULL || rb == NULL)
    return TRUE;   /* a scenario expectation: the step itself */
  if (g_strv_length (ra->recipients) != g_strv_length (rb->recipients))
    return FALSE;
  for (guint i = 0; ra->recipients[i] != NULL; i++)
    if (!g_strv_contains ((const char *const *) rb->recipients, ra->recipients[i]))
      return FALSE;
  return TRUE;
}

static gboolean
same_fault (DdPlan           *plan,
            const DdOneFault *rule,
            const DdFinding  *a,
            const DdFinding  *b,
            const char       *group_role)
{
  if (!g_strv_contains ((const char *const *) rule->kinds, dd_finding_kind_to_string (a->kind)) ||
      !g_strv_contains ((const char *const *) rule->kinds, dd_finding_kind_to_string (b->kind)))
    return FALSE;
  if (!rule->on_duty)
    return a->action_index >= 0 && a->action_index == b->action_index;
  /* never taken, for the same step by the same owing role (a finding that
   * names nobody joins any) */
  return a->action_index < 0 && b->action_index < 0 && a->action != NULL &&
         g_strcmp0 (a->action, b->action) == 0 && same_recipients (plan, a, b) &&
         (group_role == NULL || b->role == NULL || g_strcmp0 (group_role, b->role) == 0);
}

/* The plan's <one-fault> groups: findings of one fault become one. */
static void
merge_faults (GPtrArray *findings,
              DdPlan    *plan)
{
  const DdScoring *scoring = dd_plan_get_scoring (plan);

  for (guint g = 0; g < scoring->one_faults->len; g++)
    {
      const DdOneFault *rule = g_ptr_array_index (scoring->one_faults, g);
      g_autoptr(GHashTable) gone = g_hash_table_new (NULL, NULL);

      for (guint i = 0; i < findings->len; i++)
        {
          g_autoptr(GPtrArray) group = g_ptr_array_new ();
          DdFinding *lead = g_ptr_array_index (findings, i);
          const char *group_role = lead->role;

          if (g_hash_table_contains (gone, lead))
            continue;
          g_ptr_array_add (group, lead);
          for (guint k = i + 1; k < findings->len; k++)
            {
              DdFinding *other = g_ptr_array_index (findings, k);

              if (g_hash_table_contains (gone, other) || !same_fault (plan, rule, lead, other, group_role))
                continue;
              g_ptr_array_add (group, other);
              if (group_role == NULL)
                group_role = other->role;
            }
          if (group->len < 2)
            continue;

          for (guint k = 1; k < group->len; k++)
            if (speaks_before (plan, scoring, g_ptr_array_index (group, k), lead))
              lead = g_ptr_array_index (group, k);
          /* in the order found, so that the names read the same each time */
          for (guint k = 0; k < group->len; k++)
            if (g_ptr_array_index (group, k) != lead)
              {
                absorb (lead, g_ptr_array_index (group, k));
                g_hash_table_add (gone, g_ptr_array_index (group, k));
              }
        }
      for (guint i = findings->len; i > 0; i--)
        if (g_hash_table_contains (gone, g_ptr_array_index (findings, i - 1)))
          g_ptr_array_remove_index (findings, i - 1);
    }
}

/* ------------------------------------------------------------------ */
/* Scores                                                              */

static void
weigh (GPtrArray       *findings,
       const DdScoring *scoring)
{
  for (guint f = 0; f < findings->len; f++)
    {
      DdFinding *finding = g_ptr_array_index (findings, f);

      finding->weight = dd_scoring_deduction (scoring, finding->severity) * finding->factor;
      finding->overall_weight = dd_scoring_overall_deduction (scoring, finding->severity) * finding->factor;
    }
}

static void
score_objective (DdScore           *self,
                 const DdScoring   *scoring,
                 const DdObjective *objective,
                 GHashTable        *examined)
{
  DdObjectiveScore *os = g_new0 (DdObjectiveScore, 1);
  const DdRating *rating;
  double deductions = 0;
  gboolean omitted = FALSE, not_performed = FALSE;
  GHashTableIter iter;
  gpointer clause;
  guint index = 0;

  os->id = g_strdup (objective->id);
  g_ptr_array_add (self->objectives, os);
  for (guint f = 0; f < self->findings->len; f++)
    {
      const DdFinding *finding = g_ptr_array_index (self->findings, f);

      if (!finding_counts_for (finding, objective->clauses))
        continue;
      os->n_findings++;
      deductions += finding->weight;
      if (finding->kind == DD_FINDING_KIND_OMISSION)
        {
          omitted = TRUE;
          not_performed |= finding->severity == DD_FINDING_SEVERITY_CRITICAL;
        }
    }

  /* Nothing of it was expected in this drill: not assessed, never 100. */
  os->assessed = os->n_findings > 0;
  g_hash_table_iter_init (&iter, examined);
  while (!os->assessed && g_hash_table_iter_next (&iter, &clause, NULL))
    os->assessed = clause_under_any (clause, objective->clauses);
  if (!os->assessed || scoring->ratings->len == 0)
    {
      os->rating = os->suggestion = '-';
      os->rating_id = g_strdup (DD_SCORE_NOT_ASSESSED);
      os->suggestion_id = g_strdup (DD_SCORE_NOT_ASSESSED);
      return;
    }

  os->score = round_points (MAX (0.0, self->max - deductions));
  rating = dd_scoring_rate (scoring, os->score);
  for (guint k = 0; k < scoring->ratings->len; k++)
    if (g_ptr_array_index (scoring->ratings, k) == rating)
      index = k;
  /* A duty never done: never "performed"; a critical one: not performed. */
  if (omitted)
    index = MAX (index, MIN (1u, scoring->ratings->len - 1));
  if (not_performed)
    index = scoring->ratings->len - 1;
  rating = g_ptr_array_index (scoring->ratings, index);
  /* HSEEP's four ratings, best first, map onto the plan's ratings in order. */
  os->suggestion = "PSMU"[MIN (index, 3u)];
  if (index == scoring->ratings->len - 1)
    os->suggestion = 'U';
  os->suggestion_id = g_strdup (rating->id);
  os->rating = os->suggestion;
  os->rating_id = g_strdup (rating->id);
}

static void
compute_scores (DdScore    *self,
                DdPlan     *plan,
                DdScenario *scenario,
                Ctx        *ctx)
{
  const DdScoring *scoring = dd_plan_get_scoring (plan);
  GPtrArray *phases = dd_plan_get_phases (plan);
  GPtrArray *participants = dd_scenario_get_participants (scenario);
  GPtrArray *objectives = dd_scenario_get_objectives (scenario);
  g_autoptr(GHashTable) roles = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) extra = g_ptr_array_new ();
  double weighted = 0, weights = 0, plain = 0, overall_deductions = 0;

  self->max = scoring->max_score;
  weigh (self->findings, scoring);

  for (guint p = 0; p < phases->len; p++)
    {
      const DdPhase *phase = g_ptr_array_index (phases, p);
      DdScoreEntry *e = entry_new (phase->id);

      for (guint f = 0; f < self->findings->len; f++)
        {
          const DdFinding *finding = g_ptr_array_index (self->findings, f);

          if (g_strcmp0 (finding->phase, phase->id) == 0)
            {
              e->deductions += finding->weight;
              e->n_findings++;
            }
        }
      e->score = round_points (MAX (0.0, self->max - e->deductions));
      weighted += phase->weight * e->score;
      weights += phase->weight;
      plain += e->score;
      g_ptr_array_add (self->phases, e);
    }
  if (weights > 0)
    self->phase_mean = weighted / weights;
  else
    self->phase_mean = phases->len > 0 ? plain / phases->len : self->max;

  /* The most serious finding also counts once against the whole drill,
   * whatever its phase's weight: a major or critical finding cannot hide in
   * a light phase. Only the worst counts here — how many there were is what
   * the phase scores already say, so a bad run and a very bad one still
   * score differently instead of both sinking to zero. */
  for (guint f = 0; f < self->findings->len; f++)
    overall_deductions = MAX (overall_deductions,
                              ((const DdFinding *) g_ptr_array_index (self->findings, f))->overall_weight);
  self->overall_deductions = round (overall_deductions * 100) / 100;
  /* Whole points: the same number everywhere it is printed. */
  self->overall = round (MAX (0.0, self->phase_mean - overall_deductions));

  /* Roles: the participants in scenario order, then any other role named
   * by a finding, by id. */
  for (guint p = 0; p < participants->len; p++)
    {
      const DdParticipant *part = g_ptr_array_index (participants, p);

      g_hash_table_add (roles, part->role);
      g_ptr_array_add (self->roles, entry_new (part->role));
    }
  for (guint f = 0; f < self->findings->len; f++)
    {
      const DdFinding *finding = g_ptr_array_index (self->findings, f);

      if (finding->role != NULL && g_hash_table_add (roles, finding->role))
        g_ptr_array_add (extra, finding->role);
    }
  g_ptr_array_sort (extra, string_ptr_compare);
  for (guint i = 0; i < extra->len; i++)
    g_ptr_array_add (self->roles, entry_new (g_ptr_array_index (extra, i)));
  for (guint r = 0; r < self->roles->len; r++)
    {
      DdScoreEntry *e = g_ptr_array_index (self->roles, r);

      for (guint f = 0; f < self->findings->len; f++)
        {
          const DdFinding *finding = g_ptr_array_index (self->findings, f);

          if (g_strcmp0 (finding->role, e->id) == 0)
            {
              e->deductions += finding->weight;
              e->n_findings++;
            }
        }
      /* a role that did nothing and of which nothing was expected here */
      e->assessed = e->n_findings > 0 || g_hash_table_contains (ctx->expected_roles, e->id);
      e->score = e->assessed ? round_points (MAX (0.0, self->max - e->deductions)) : 0;
    }

  for (guint o = 0; o < objectives->len; o++)
    score_objective (self, scoring, g_ptr_array_index (objectives, o), ctx->examined);
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */

static void
dd_score_finalize (GObject *object)
{
  DdScore *self = DD_SCORE (object);

  g_free (self->plan_id);
  g_free (self->scenario_id);
  g_ptr_array_unref (self->findings);
  g_ptr_array_unref (self->phases);
  g_ptr_array_unref (self->roles);
  g_ptr_array_unref (self->objectives);
  g_clear_object (&self->plan);

  G_OBJECT_CLASS (dd_score_parent_class)->finalize (object);
}

static void
dd_score_class_init (DdScoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_score_finalize;
}

static void
dd_score_init (DdScore *self)
{
  self->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_finding_free);
  self->phases = g_ptr_array_new_with_free_func (entry_free);
  self->roles = g_ptr_array_new_with_free_func (entry_free);
  self->objectives = g_ptr_array_new_with_free_func (objective_score_free);
}
typedef struct
{
  DdAction *action;
  int       index;
} Canonical;

static int
strv_compare (char **a,
              char **b)
{
  guint i = 0;
  int c;

  for (; a != NULL && b != NULL && a[i] != NULL && b[i] != NULL; i++)
    if ((c = strcmp (a[i], b[i])) != 0)
      return c;
  return (a != NULL && a[i] != NULL) - (b != NULL && b[i] != NULL);
}

/* By time, then by content: what was recorded, not the order it was. */
static int
canonical_compare (gconstpointer pa,
                   gconstpointer pb)
{
  const Canonical *ca = pa;
  const Canonical *cb = pb;
  const DdAction *a = ca->action;
  const DdAction *b = cb->action;
  int c;

  if (a->at != b->at)
    return a->at < b->at ? -1 : 1;
  if ((c = g_strcmp0 (a->kind, b->kind)) != 0 ||
      (c = g_strcmp0 (a->role, b->role)) != 0 ||
      (c = g_strcmp0 (a->level, b->level)) != 0 ||
      (c = g_strcmp0 (a->report_type, b->report_type)) != 0 ||
      (c = strv_compare (a->to, b->to)) != 0 ||
      (c = g_strcmp0 (a->text, b->text)) != 0 ||
      (c = strv_compare (a->field_ids, b->field_ids)) != 0 ||
      (c = strv_compare (a->field_values, b->field_values)) != 0)
    return c;
  return ca->index - cb->index;
}

/* @actions by time, and actions of one time by their content: what order
 * same-time lines were recorded in changes nothing. */
static GPtrArray *
canonical_order (GPtrArray  *actions,
                 int       **orig_index)
{
  g_autoptr(GArray) items = g_array_sized_new (FALSE, TRUE, sizeof (Canonical), actions->len);
  GPtrArray *sorted = g_ptr_array_sized_new (actions->len);

  for (guint i = 0; i < actions->len; i++)
    {
      Canonical c = { g_ptr_array_index (actions, i), (int) i };

      g_array_append_val (items, c);
    }
  /* Recorded actions come in time order: only runs of one time need
   * sorting, which keeps scoring linear; anything else is sorted whole */
  {
    gboolean in_order = TRUE;

    for (guint i = 1; i < actions->len && in_order; i++)
      in_order = ((DdAction *) g_ptr_array_index (actions, i - 1))->at <=
                 ((DdAction *) g_ptr_array_index (actions, i))->at;
    if (!in_order)
      g_array_sort (items, canonical_compare);
    else
      for (guint i = 0, j; i < items->len; i = j)
        {
          gint64 at = g_array_index (items, Canonical, i).action->at;

          for (j = i + 1; j < items->len && g_array_index (items, Canonical, j).action->at == at; j++)
            ;
          if (j - i > 1)
            qsort (&g_array_index (items, Canonical, i), j - i, sizeof (Canonical), canonical_compare);
        }
  }
  *orig_index = g_new0 (int, actions->len + 1);
  for (guint i = 0; i < items->len; i++)
    {
      Canonical *c = &g_array_index (items, Canonical, i);

      g_ptr_array_add (sorted, c->action);
      (*orig_index)[i] = c->index;
    }
  return sorted;
}

DdScore *
dd_score_compute (DdPlan     *plan,
                  DdScenario *scenario,
                  GPtrArray  *actions,
                  gint64      now,
                  gboolean    finished)
{
  g_autoptr(DdScore) self = NULL;
  g_autoptr(GPtrArray) empty = NULL;
  Ctx ctx = { 0 };

  g_return_val_if_fail (DD_IS_PLAN (plan), NULL);
  g_return_val_if_fail (DD_IS_SCENARIO (scenario), NULL);

  if (actions == NULL)
    actions = empty = g_ptr_array_new ();

  self = g_object_new (DD_TYPE_SCORE, NULL);
  self->plan_id = g_strdup (dd_plan_get_id (plan));
  self->scenario_id = g_strdup (dd_scenario_get_id (scenario));
  self->plan = g_object_ref (plan);
  self->ratings = dd_plan_get_scoring (plan)->ratings;
  self->finished = finished;

  ctx.plan = plan;
  ctx.scenario = scenario;
  ctx.actions = canonical_order (actions, &ctx.orig_index);
  actions = ctx.actions;
  ctx.group_end = g_new0 (guint, actions->len + 1);
  for (guint i = actions->len; i > 0; i--)
    ctx.group_end[i - 1] = i < actions->len &&
                           ((const DdAction *) g_ptr_array_index (actions, i))->at ==
                           ((const DdAction *) g_ptr_array_index (actions, i - 1))->at
                           ? ctx.group_end[i] : i;
  ctx.examined = g_hash_table_new (g_str_hash, g_str_equal);
  ctx.expected_roles = g_hash_table_new (g_str_hash, g_str_equal);
  ctx.finished = finished;
  ctx.end = dd_scenario_get_duration (scenario);
  if (actions->len > 0)
    ctx.end = MAX (ctx.end, ((const DdAction *) g_ptr_array_index (actions, actions->len - 1))->at);
  if (!finished)
    ctx.end = now;
  ctx.now = finished ? ctx.end : now;
  ctx.findings = self->findings;
  ctx.deliveries = dd_scenario_deliveries (scenario, actions, ctx.end);
  self->end = ctx.end;

  dd_score_judge (&ctx);

  g_ptr_array_sort (self->findings, finding_compare);
  merge_faults (self->findings, plan);
  compute_scores (self, plan, scenario, &ctx);

  g_ptr_array_unref (ctx.deliveries);
  g_ptr_array_unref (ctx.actions);
  g_free (ctx.orig_index);
  g_free (ctx.group_end);
  g_hash_table_unref (ctx.examined);
  g_hash_table_unref (ctx.expected_roles);
  return g_steal_pointer (&self);
}

gboolean
dd_score_is_finished (DdScore *self)
{
  g_return_val_if_fail (DD_IS_SCORE (self), FALSE);
  return self->finished;
}

GPtrArray *
dd_score_get_findings (DdScore *self)
{
  g_return_val_if_fail (DD_IS_SCORE (self), NULL);
  return self->findings;
}

double
dd_score_get_overall (DdScore *self)
{
  g_return_val_if_fail (DD_IS_SCORE (self), 0);
  return self->overall;
}

double
dd_score_get_max (DdScore *self)
{
  g_return_val_if_fail (DD_IS_SCORE (self), 0);
  return self->max;
}

GPtrArray *
dd_score_get_phases (DdScore *self)
{
  g_return_val_if_fail (DD_IS_SCORE (self), NULL);
  return self->phases;
}

GPtrArray *
dd_score_get_roles (DdScore *self)
{
  g_return_val_if_fail (DD_IS_SCORE (self), NULL);
  return self->roles;
}

GPtrArray *
dd_score_get_objectives (DdScore *self)
{
  g_return_val_if_fail (DD_IS_SCORE (self), NULL);
  return self->objectives;
}

static const DdScoreEntry *
lookup_entry (GPtrArray  *entries,
              const char *id)
{
  for (guint i = 0; i < entries->len; i++)
    {
      const DdScoreEntry *e = g_ptr_array_index (entries, i);

      if (g_strcmp0 (e->id, id) == 0)
        return e;
    }
  return NULL;
}

const DdScoreEntry *
dd_score_lookup_phase (DdScore    *self,
                       const char *phase_id)
{
  g_return_val_if_fail (DD_IS_SCORE (self), NULL);
  return lookup_entry (self->phases, phase_id);
}

const DdScoreEntry *
dd_score_lookup_role (DdScore    *self,
                      const char *role_id)
{
  g_return_val_if_fail (DD_IS_SCORE (self), NULL);
  return lookup_entry (self->roles, role_id);
}

guint
dd_score_count_at_least (DdScore           *self,
                         DdFindingSeverity  severity)
{
  guint n = 0;

  g_return_val_if_fail (DD_IS_SCORE (self), 0);

  for (guint i = 0; i < self->findings->len; i++)
    if (((const DdFinding *) g_ptr_array_index (self->findings, i))->severity >= severity)
      n++;
  return n;
}

const DdFinding *
dd_score_find (DdScore    *self,
               const char *rule_id,
               const char *clause)
{
  g_return_val_if_fail (DD_IS_SCORE (self), NULL);

  for (guint i = 0; i < self->findings->len; i++)
    {
      const DdFinding *f = g_ptr_array_index (self->findings, i);

      if (g_strcmp0 (f->rule, rule_id) == 0 && (clause == NULL || g_strcmp0 (f->clause, clause) == 0))
        return f;
      /* or one the same fault also broke */
      for (guint k = 0; f->also_rules[k] != NULL; k++)
        if (g_strcmp0 (f->also_rules[k], rule_id) == 0 &&
            (clause == NULL || g_strcmp0 (f->also_clauses[k], clause) == 0))
          return f;
    }
  return NULL;
}

const char *
dd_score_current_phase (DdPlan    *plan,
                        GPtrArray *actions)
{
  const DdPhase *best = NULL;

  g_return_val_if_fail (DD_IS_PLAN (plan), NULL);

  for (guint i = 0; actions != NULL && i < actions->len; i++)
    {
      const DdAction *a = g_ptr_array_index (actions, i);
      const DdActionKind *kind = dd_plan_lookup_action_kind (plan, a->kind);
      const DdPhase *phase = kind ? dd_plan_lookup_phase (plan, kind->phase) : NULL;

      if (phase != NULL && (best == NULL || phase->order > best->order))
        best = phase;
    }
  return best ? best->id : NULL;
}




