/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-replay-queries.c — what a drill's state implies now: decided levels,
 * the rules in force, the next inject, late actions, predicted findings,
 * the overlay, the JSON model
 *
 * Copyright 2024 The DrillDesk authors
 *
 * Everything here asks the replay (dd-replay.c) through its public
 * accessors: the state is computed there, once.
 */

#include "config.h"

#include <stdio.h>

#include "dd-replay.h"

const char *
dd_replay_get_level (DdReplay     *self,
                     DdActionForm  form)
{
  GPtrArray *actions;
  const char *level = NULL;

  g_return_val_if_fail (DD_IS_REPLAY (self), NULL);

  actions = dd_replay_get_actions (self);
  for (guint i = 0; i < actions->len; i++)
    {
      const DdAction *a = g_ptr_array_index (actions, i);
      const DdActionKind *k = dd_plan_lookup_action_kind (dd_replay_get_plan (self), a->kind);

      if (k != NULL && k->form == form && a->level != NULL)
        level = a->level;
    }
  return level;
}

/* The warnings as published messages, by the plan's CAP profile: the
 * issuing action makes an alert (or an update of the warning in effect),
 * the lifting action a cancel of it.  A lift with no warning in effect
 * published nothing. */
GPtrArray *
dd_replay_get_warning_messages (DdReplay *self)
{
  DdPlan *plan;
  const DdCapProfile *cap;
  GPtrArray *actions, *out = g_ptr_array_new_with_free_func (g_free);
  const char *level = NULL;
  int chain = -1;                /* index in @out of the alert in effect */

  g_return_val_if_fail (DD_IS_REPLAY (self), out);

  plan = dd_replay_get_plan (self);
  cap = dd_plan_get_cap_profile (plan);
  if (cap == NULL)
    return out;
  actions = dd_replay_get_actions (self);
  for (guint i = 0; i < actions->len; i++)
    {
      const DdAction *a = g_ptr_array_index (actions, i);
      const DdActionKind *k = dd_plan_lookup_action_kind (plan, a->kind);
      gboolean issue = g_strcmp0 (a->kind, cap->issue_action) == 0;
      gboolean lift = g_strcmp0 (a->kind, cap->lift_action) == 0;
      DdWarningMessage *m;

      /* the level of a message: its own, else the one decided last */
      if (k != NULL && k->form == DD_ACTION_FORM_WARNING && a->level != NULL && !lift)
        level = a->level;
      if (!issue && !(lift && chain >= 0))
        continue;

      m = g_new0 (DdWarningMessage, 1);
      m->action = a;
      m->first = chain >= 0 ? (guint) chain : out->len;
      if (lift)
        {
          m->change = DD_WARNING_LIFTED;
          m->level = ((DdWarningMessage *) g_ptr_array_index (out, out->len - 1))->level;
          chain = -1;
        }
      else
        {
          m->change = chain >= 0 ? DD_WARNING_ADJUSTED : DD_WARNING_ISSUED;
          m->level = level;
          if (chain < 0)
            chain = (int) out->len;
        }
      g_ptr_array_add (out, m);
    }
  return out;
}

GPtrArray *
dd_replay_rules_for (DdReplay   *self,
                     const char *kind,
                     const char *level)
{
  GPtrArray *rules;
  const DdIncident *incident;
  GPtrArray *out = g_ptr_array_new ();

  g_return_val_if_fail (DD_IS_REPLAY (self), out);

  rules = dd_plan_get_rules (dd_replay_get_plan (self));
  incident = dd_scenario_get_incident (dd_replay_get_scenario (self));
  if (level == NULL)
    level = dd_replay_get_level (self, DD_ACTION_FORM_RESPONSE_LEVEL);
  for (guint i = 0; i < rules->len; i++)
    {
      const DdRule *r = g_ptr_array_index (rules, i);

      if (g_strcmp0 (r->action, kind) == 0 &&
          dd_rule_applies (r, incident->severity, incident->category, level))
        g_ptr_array_add (out, (gpointer) r);
    }
  return out;
}

const DdInject *
dd_replay_next_inject (DdReplay *self,
                       gint64   *time_out)
{
  GPtrArray *injects;
  GPtrArray *actions;
  const DdInject *next = NULL;
  gint64 best = G_MAXINT64;

  g_return_val_if_fail (DD_IS_REPLAY (self), NULL);

  injects = dd_scenario_get_injects (dd_replay_get_scenario (self));
  actions = dd_replay_get_actions (self);
  for (guint i = 0; !dd_replay_is_finished (self) && i < injects->len; i++)
    {
      const DdInject *inject = g_ptr_array_index (injects, i);
      gint64 t;

      if (dd_replay_is_delivered (self, inject->id) ||
          !dd_inject_delivery_time (dd_replay_get_scenario (self), inject, actions, &t))
        continue;
      if (t < best)
        {
          best = t;
          next = inject;
        }
    }
  if (time_out != NULL)
    *time_out = next != NULL ? MAX (best, dd_replay_get_as_of (self)) : G_MAXINT64;
  return next;
}

/* An undelivered inject held back until @x's action is absent. */
static const DdInject *
contingency_for (DdReplay             *self,
                 const DdInjectExpect *x)
{
  GPtrArray *injects = dd_scenario_get_injects (dd_replay_get_scenario (self));
  GPtrArray *actions = dd_replay_get_actions (self);

  for (guint j = 0; j < injects->len; j++)
    {
      const DdInject *inject = g_ptr_array_index (injects, j);

      if (dd_replay_is_delivered (self, inject->id))
        continue;
      for (guint c = 0; inject->conditions != NULL && c < inject->conditions->len; c++)
        {
          const DdInjectCondition *cond = g_ptr_array_index (inject->conditions, c);
          gint64 t;

          if (cond->type == DD_CONDITION_ABSENT && g_strcmp0 (cond->action, x->action) == 0 &&
              dd_inject_delivery_time (dd_replay_get_scenario (self), inject, actions, &t))
            return inject;
        }
    }
  return NULL;
}

GPtrArray *
dd_replay_get_late (DdReplay *self)
{
  GPtrArray *late = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *actions;
  gint64 now;

  g_return_val_if_fail (DD_IS_REPLAY (self), late);

  actions = dd_replay_get_actions (self);
  now = dd_replay_get_as_of (self);
  for (guint i = 0; i < dd_replay_get_deliveries (self)->len; i++)
    {
      const DdDelivery *d = g_ptr_array_index (dd_replay_get_deliveries (self), i);
      const DdInject *inject = d->inject;

      for (guint e = 0; inject->expects != NULL && e < inject->expects->len; e++)
        {
          const DdInjectExpect *x = g_ptr_array_index (inject->expects, e);
          gboolean done = FALSE;
          DdLateAction *l;

          if (now <= d->at + x->within)
            continue;
          for (guint a = 0; a < actions->len && !done; a++)
            {
              const DdAction *act = g_ptr_array_index (actions, a);

              done = act->at >= d->at && g_strcmp0 (act->kind, x->action) == 0 &&
                     (x->role == NULL || dd_scenario_role_matches (dd_replay_get_scenario (self), act->role, x->role));
            }
          if (done)
            continue;
          l = g_new0 (DdLateAction, 1);
          l->inject = inject;
          l->expect = x;
          l->due = d->at + x->within;
          l->contingency = contingency_for (self, x);
          g_ptr_array_add (late, l);
        }
    }
  return late;
}

GPtrArray *
dd_replay_predict_findings (DdReplay       *self,
                            const DdAction *action)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_finding_free);
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(DdAction) next = NULL;
  g_autoptr(DdScore) score = NULL;
  GPtrArray *findings;
  gint64 now;

  g_return_val_if_fail (DD_IS_REPLAY (self), out);
  g_return_val_if_fail (action != NULL, out);

  now = dd_replay_get_as_of (self);
  actions = g_ptr_array_copy (dd_replay_get_actions (self), NULL, NULL);
  next = dd_action_copy (action);
  next->at = MAX (now, actions->len > 0 ? ((DdAction *) g_ptr_array_index (actions, actions->len - 1))->at : now);
  g_ptr_array_add (actions, next);
  score = dd_score_compute (dd_replay_get_plan (self), dd_replay_get_scenario (self), actions, next->at, FALSE);
  findings = dd_score_get_findings (score);
  for (guint i = 0; i < findings->len; i++)
    {
      const DdFinding *f = g_ptr_array_index (findings, i);

      if (f->action_index == (int) actions->len - 1)
        g_ptr_array_add (out, dd_finding_copy (f));
    }
  return out;
}

DdChartOverlay *
dd_replay_build_overlay (DdReplay *self)
{
  DdChartOverlay *overlay = dd_chart_overlay_new ();
  GPtrArray *actions;
  GPtrArray *findings;

  g_return_val_if_fail (DD_IS_REPLAY (self), overlay);

  actions = dd_replay_get_actions (self);
  for (guint i = 0; i < actions->len; i++)
    {
      const DdAction *a = g_ptr_array_index (actions, i);
      const DdActionKind *k = dd_plan_lookup_action_kind (dd_replay_get_plan (self), a->kind);

      dd_chart_overlay_add_acted_role (overlay, a->role);
      if (k != NULL)
        dd_chart_overlay_add_visited_phase (overlay, k->phase);
    }
  findings = dd_score_get_findings (dd_replay_get_score (self));
  for (guint i = 0; i < findings->len; i++)
    {
      const DdFinding *f = g_ptr_array_index (findings, i);

      if (f->phase != NULL)
        dd_chart_overlay_add_breached_phase (overlay, f->phase);
      if (f->role != NULL)
        dd_chart_overlay_add_breached_role (overlay, f->role);
    }
  dd_chart_overlay_set_current_phase (overlay, dd_replay_get_phase (self));
  return overlay;
}

JsonNode *
dd_replay_to_json (DdReplay *self)
{
  JsonNode *node;
  JsonObject *root;
  JsonNode *objectives;
  JsonArray *corrections;

  g_return_val_if_fail (DD_IS_REPLAY (self), NULL);

  node = dd_score_to_json (dd_replay_get_score (self));
  root = json_node_get_object (node);
  json_object_set_boolean_member (root, "finished", dd_replay_is_finished (self));
  json_object_set_int_member (root, "as-of", dd_replay_get_as_of (self));
  json_object_set_boolean_member (root, "ended-early", dd_replay_ended_early (self));

  objectives = json_object_get_member (root, "objectives");
  if (objectives != NULL && JSON_NODE_HOLDS_ARRAY (objectives))
    {
      JsonArray *arr = json_node_get_array (objectives);

      for (guint i = 0; i < json_array_get_length (arr); i++)
        {
          JsonObject *o = json_array_get_object_element (arr, i);
          const DdRatingOverride *r = dd_replay_get_rating (self, json_object_get_string_member_with_default (o, "id", NULL));
          char letter[2] = { 0, 0 };

          if (r == NULL)
            continue;
          letter[0] = r->rating;
          json_object_set_string_member (o, "evaluator-rating", letter);
          json_object_set_string_member (o, "evaluator-reason", r->reason);
          if (r->by != NULL)
            json_object_set_string_member (o, "evaluator", r->by);
        }
    }

  corrections = json_array_new ();
  for (guint i = 0; i < dd_replay_get_corrections (self)->len; i++)
    json_array_add_object_element (corrections,
                                   dd_correction_to_json (g_ptr_array_index (dd_replay_get_corrections (self), i)));
  json_object_set_array_member (root, "corrections", corrections);
  return node;
}

char *
dd_replay_to_json_string (DdReplay *self,
                          gboolean  pretty)
{
  g_autoptr(JsonNode) node = dd_replay_to_json (self);
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  json_generator_set_pretty (gen, pretty);
  json_generator_set_root (gen, node);
  return json_generator_to_data (gen, NULL);
}

/* ------------------------------------------------------------------ */
/* The drill as one of the year's drills                              */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

char *
dd_replay_get_date (DdReplay *self)
{
  JsonObject *options, *header;
  const char *text;
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(GDateTime) local = NULL;
  int y, m, d;

  g_return_val_if_fail (DD_IS_REPLAY (self), NULL);

  options = dd_replay_get_options (self);
  text = options != NULL ? json_object_get_string_member_with_default (options, "date", NULL) : NULL;
  if (text != NULL && sscanf (text, "%4d-%2d-%2d", &y, &m, &d) == 3 && g_date_valid_dmy (d, m, y))
    return g_strdup_printf ("%04d-%02d-%02d", y, m, d);

  header = dd_replay_get_header (self);
  text = header != NULL ? json_object_get_string_member_with_default (header, "created", NULL) : NULL;
  if (text == NULL || (created = g_date_time_new_from_iso8601 (text, NULL)) == NULL)
    return NULL;
  local = g_date_time_to_local (created);
  return g_date_time_format (local, "%Y-%m-%d");
}

GPtrArray *
dd_replay_get_taking_part (DdReplay *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *out = g_ptr_array_new ();
  GPtrArray *actions;
  JsonObject *options;
  JsonNode *players;

  g_return_val_if_fail (DD_IS_REPLAY (self), out);

  actions = dd_replay_get_actions (self);
  for (guint i = 0; i < actions->len; i++)
    {
      const DdAction *a = g_ptr_array_index (actions, i);

      if (a->role != NULL && g_hash_table_add (seen, a->role))
        g_ptr_array_add (out, a->role);
    }
  options = dd_replay_get_options (self);
  players = options != NULL ? json_object_get_member (options, "players") : NULL;
  if (players != NULL && JSON_NODE_HOLDS_OBJECT (players))
    {
      g_autoptr(GList) roles = json_object_get_members (json_node_get_object (players));

      for (GList *l = roles; l != NULL; l = l->next)
        if (dd_replay_get_player (self, l->data) != NULL && g_hash_table_add (seen, l->data))
          g_ptr_array_add (out, l->data);
    }
  g_ptr_array_sort (out, compare_strings);
  return out;
}

const char *
dd_replay_get_organiser (DdReplay *self)
{
  JsonObject *options;
  const char *organiser, *office;
  g_autoptr(GPtrArray) taking_part = NULL;

  g_return_val_if_fail (DD_IS_REPLAY (self), NULL);

  options = dd_replay_get_options (self);
  organiser = options != NULL ? json_object_get_string_member_with_default (options, "organiser", NULL) : NULL;
  if (organiser != NULL && *organiser != '\0')
    return organiser;
  office = dd_plan_get_identity (dd_replay_get_plan (self))->drill_organiser;
  if (office == NULL)
    return NULL;
  taking_part = dd_replay_get_taking_part (self);
  for (guint i = 0; i < taking_part->len; i++)
    if (g_strcmp0 (g_ptr_array_index (taking_part, i), office) == 0)
      return office;
  return NULL;
}

const DdSeverity *
dd_replay_get_simulated_severity (DdReplay *self)
{
  const DdIncident *incident;

  g_return_val_if_fail (DD_IS_REPLAY (self), NULL);

  incident = dd_scenario_get_incident (dd_replay_get_scenario (self));
  return incident != NULL && incident->severity != NULL
         ? dd_plan_lookup_severity (dd_replay_get_plan (self), incident->severity) : NULL;
}

static void
add_clause (GHashTable *seen,
            GPtrArray  *out,
            const char *clause)
{
  if (clause != NULL && *clause != '\0' && !g_hash_table_contains (seen, clause))
    {
      char *copy = g_strdup (clause);

      g_hash_table_add (seen, copy);
      g_ptr_array_add (out, copy);
    }
}

GPtrArray *
dd_replay_get_exercised_clauses (DdReplay *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *actions, *findings;

  g_return_val_if_fail (DD_IS_REPLAY (self), out);

  actions = dd_replay_get_actions (self);
  for (guint i = 0; i < actions->len; i++)
    {
      const DdAction *a = g_ptr_array_index (actions, i);
      const DdActionKind *k = dd_plan_lookup_action_kind (dd_replay_get_plan (self), a->kind);
      g_autoptr(GPtrArray) rules = dd_replay_rules_for (self, a->kind, NULL);

      if (k != NULL)
        add_clause (seen, out, k->clause);
      for (guint j = 0; j < rules->len; j++)
        add_clause (seen, out, ((const DdRule *) g_ptr_array_index (rules, j))->clause);
    }
  findings = dd_score_get_findings (dd_replay_get_score (self));
  for (guint i = 0; i < findings->len; i++)
    add_clause (seen, out, ((const DdFinding *) g_ptr_array_index (findings, i))->clause);
  g_ptr_array_sort (out, compare_strings);
  return out;
}
