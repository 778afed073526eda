/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-score-json.c — a score as JSON: the model `score --json` and
 * `report --json` write
 *
 * Copyright 2024 The DrillDesk authors
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "dd-score-private.h"

JsonObject *
dd_finding_to_json (const DdFinding *f)
{
  JsonObject *o = json_object_new ();
  g_autofree char *time = dd_offset_format (f->time);

  json_object_set_string_member (o, "rule", f->rule);
  json_object_set_string_member (o, "clause", f->clause);
  json_object_set_string_member (o, "kind", dd_finding_kind_to_string (f->kind));
  json_object_set_string_member (o, "severity", dd_finding_severity_to_string (f->severity));
  if (f->role != NULL)
    json_object_set_string_member (o, "role", f->role);
  else
    json_object_set_null_member (o, "role");
  json_object_set_string_member (o, "time", time);
  json_object_set_int_member (o, "seconds", f->time);
  json_object_set_string_member (o, "phase", f->phase);
  if (f->action != NULL)
    json_object_set_string_member (o, "action", f->action);
  json_object_set_string_member (o, "message", f->message);
  if (f->detail != NULL)
    json_object_set_string_member (o, "detail", f->detail);
  if (f->consequence != NULL)
    json_object_set_string_member (o, "consequence", f->consequence);
  if (f->grade != NULL)
    json_object_set_string_member (o, "grade", f->grade);
  json_object_set_double_member (o, "weight", round (f->weight * 100) / 100);
  if (f->also_rules != NULL && f->also_rules[0] != NULL)
    {
      JsonArray *also = json_array_new ();

      for (guint i = 0; f->also_rules[i] != NULL; i++)
        {
          JsonObject *a = json_object_new ();

          json_object_set_string_member (a, "rule", f->also_rules[i]);
          json_object_set_string_member (a, "clause", f->also_clauses[i]);
          json_array_add_object_element (also, a);
        }
      json_object_set_array_member (o, "also", also);
    }
  return o;
}

static JsonObject *
entry_to_json (const DdScoreEntry *e)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "id", e->id);
  if (e->assessed)
    json_object_set_double_member (o, "score", e->score);
  else
    json_object_set_null_member (o, "score");
  json_object_set_int_member (o, "findings", e->n_findings);
  json_object_set_boolean_member (o, "assessed", e->assessed);
  return o;
}

static void
set_letter (JsonObject *o,
            const char *member,
            char        letter)
{
  char text[2] = { letter, '\0' };

  if (letter == '-' || letter == '\0')
    json_object_set_null_member (o, member);
  else
    json_object_set_string_member (o, member, text);
}

JsonNode *
dd_score_to_json (DdScore *self)
{
  JsonObject *root;
  JsonArray *arr;
  JsonNode *node;

  g_return_val_if_fail (DD_IS_SCORE (self), NULL);

  root = json_object_new ();
  json_object_set_string_member (root, "plan", self->plan_id);
  json_object_set_string_member (root, "scenario", self->scenario_id);
  json_object_set_boolean_member (root, "finished", self->finished);
  json_object_set_double_member (root, "max", self->max);
  json_object_set_double_member (root, "overall", self->overall);
  json_object_set_double_member (root, "phase-mean", round (self->phase_mean * 100) / 100);
  json_object_set_double_member (root, "overall-deductions", self->overall_deductions);

  arr = json_array_new ();
  for (guint i = 0; i < self->findings->len; i++)
    json_array_add_object_element (arr, dd_finding_to_json (g_ptr_array_index (self->findings, i)));
  json_object_set_array_member (root, "findings", arr);

  arr = json_array_new ();
  for (guint i = 0; i < self->phases->len; i++)
    json_array_add_object_element (arr, entry_to_json (g_ptr_array_index (self->phases, i)));
  json_object_set_array_member (root, "phases", arr);

  arr = json_array_new ();
  for (guint i = 0; i < self->roles->len; i++)
    json_array_add_object_element (arr, entry_to_json (g_ptr_array_index (self->roles, i)));
  json_object_set_array_member (root, "roles", arr);

  arr = json_array_new ();
  for (guint i = 0; i < self->objectives->len; i++)
    {
      const DdObjectiveScore *os = g_ptr_array_index (self->objectives, i);
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "id", os->id);
      json_object_set_boolean_member (o, "assessed", os->assessed);
      set_letter (o, "rating", os->rating);
      if (os->rating_id != NULL)
        json_object_set_string_member (o, "rating-id", os->rating_id);
      set_letter (o, "suggestion", os->suggestion);
      if (os->reason != NULL)
        json_object_set_string_member (o, "reason", os->reason);
      if (os->assessed)
        json_object_set_double_member (o, "score", os->score);
      else
        json_object_set_null_member (o, "score");
      json_object_set_int_member (o, "findings", os->n_findings);
      json_array_add_object_element (arr, o);
    }
  json_object_set_array_member (root, "objectives", arr);

  /* the thresholds the suggestions come from */
  arr = json_array_new ();
  for (guint i = 0; i < self->ratings->len; i++)
    {
      const DdRating *r = g_ptr_array_index (self->ratings, i);
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "id", r->id);
      json_object_set_string_member (o, "name", r->name);
      json_object_set_double_member (o, "min", r->min_score);
      set_letter (o, "letter", i + 1 == self->ratings->len ? 'U' : "PSMU"[MIN (i, 3u)]);
      json_array_add_object_element (arr, o);
    }
  json_object_set_array_member (root, "ratings", arr);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, root);
  return node;
}

char *
dd_score_to_json_string (DdScore  *self,
                         gboolean  pretty)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonGenerator) gen = NULL;

  g_return_val_if_fail (DD_IS_SCORE (self), NULL);

  node = dd_score_to_json (self);
  gen = json_generator_new ();
  json_generator_set_pretty (gen, pretty);
  json_generator_set_root (gen, node);
  return json_generator_to_data (gen, NULL);
}
