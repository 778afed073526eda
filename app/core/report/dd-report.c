/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-report.c — the after-action review (see dd-report.h)
 *
 * Copyright 2024 The DrillDesk authors
 *
 * Every rule, clause, label and name printed comes from the plan, the
 * scenario or the journal; the review's own words (section titles, column
 * headings, the sign-off block) are interface strings through gettext.
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "dd-error.h"
#include "dd-report.h"
#include "dd-report-private.h"
#include "dd-report-doc.h"
#include "dd-chart.h"
#include "dd-report-csv.h"

G_DEFINE_FINAL_TYPE (DdReport, dd_report, G_TYPE_OBJECT)

static void
observation_free (gpointer data)
{
  DdReportObservation *o = data;

  g_free (o->author);
  g_free (o->phase);
  g_free (o->text);
  g_free (o);
}

static void
improvement_free (gpointer data)
{
  DdReportImprovement *i = data;

  g_free (i->action);
  g_free (i->clause);
  g_free (i->owner);
  g_free (i->due);
  g_free (i);
}

static void
event_free (gpointer data)
{
  Event *e = data;

  g_free (e->inject_id);
  g_free (e->role);
  g_free (e->source);
  g_free (e->kind);
  g_free (e->title);
  g_free (e->text);
  g_free (e->report_type);
  g_free (e->level);
  g_strfreev (e->to);
  g_clear_pointer (&e->fields, g_hash_table_unref);
  g_free (e);
}

static void
finding_free (gpointer data)
{
  Finding *f = data;

  g_free (f->rule);
  g_free (f->clause);
  g_free (f->phase);
  g_free (f->role);
  g_free (f->message);
  g_free (f);
}

static const char *
member_string (JsonObject *o,
               const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL || JSON_NODE_TYPE (n) != JSON_NODE_VALUE ||
      json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (n);
}

static void
dd_report_finalize (GObject *object)
{
  DdReport *self = DD_REPORT (object);

  g_clear_pointer (&self->doc, dd_doc_free);
  g_clear_object (&self->plan);
  g_clear_object (&self->journal);
  g_clear_pointer (&self->observations, g_ptr_array_unref);
  g_clear_pointer (&self->improvements, g_ptr_array_unref);
  g_clear_pointer (&self->follow_ups, g_ptr_array_unref);
  g_free (self->date);
  g_free (self->title);
  g_free (self->copy_number);
  g_free (self->classification);
  g_free (self->urgency);
  g_clear_object (&self->scenario);
  g_clear_object (&self->replay);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_pointer (&self->phase_scores, g_hash_table_unref);
  g_clear_pointer (&self->role_scores, g_hash_table_unref);
  g_clear_pointer (&self->objective_ratings, g_hash_table_unref);

  G_OBJECT_CLASS (dd_report_parent_class)->finalize (object);
}

static void
dd_report_class_init (DdReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dd_report_finalize;
}

static void
dd_report_init (DdReport *self)
{
  self->observations = g_ptr_array_new_with_free_func (observation_free);
  self->improvements = g_ptr_array_new_with_free_func (improvement_free);
  self->follow_ups = g_ptr_array_new_with_free_func (dd_report_follow_up_free);
  self->events = g_ptr_array_new_with_free_func (event_free);
  self->findings = g_ptr_array_new_with_free_func (finding_free);
  self->phase_scores = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->role_scores = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->objective_ratings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */

DdReport *
dd_report_new (DdPlan *plan)
{
  DdReport *self;

  g_return_val_if_fail (DD_IS_PLAN (plan), NULL);

  self = g_object_new (DD_TYPE_REPORT, NULL);
  self->plan = g_object_ref (plan);
  self->title = g_strdup (_("Drill After-Action Review"));
  return self;
}

static const char * const style_names[] = {
  [DD_REPORT_STYLE_REPORT] = "report",
  [DD_REPORT_STYLE_OFFICIAL] = "official",
};

gboolean
dd_report_style_from_string (const char    *name,
                             DdReportStyle *style)
{
  for (guint i = 0; i < G_N_ELEMENTS (style_names); i++)
    if (g_strcmp0 (name, style_names[i]) == 0)
      {
        *style = (DdReportStyle) i;
        return TRUE;
      }
  return FALSE;
}

const char *
dd_report_style_to_string (DdReportStyle style)
{
  return (guint) style < G_N_ELEMENTS (style_names) ? style_names[style] : NULL;
}

void
dd_report_set_style (DdReport      *self,
                     DdReportStyle  style)
{
  g_return_if_fail (DD_IS_REPORT (self));
  self->style = style;
  g_clear_pointer (&self->doc, dd_doc_free);
}

DdReportStyle
dd_report_get_style (DdReport *self)
{
  g_return_val_if_fail (DD_IS_REPORT (self), DD_REPORT_STYLE_REPORT);
  return self->style;
}

static char *
nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

void
dd_report_set_marks (DdReport   *self,
                     const char *copy_number,
                     const char *classification,
                     const char *urgency)
{
  g_return_if_fail (DD_IS_REPORT (self));
  g_free (self->copy_number);
  g_free (self->classification);
  g_free (self->urgency);
  self->copy_number = nonempty (copy_number);
  self->classification = nonempty (classification);
  self->urgency = nonempty (urgency);
  g_clear_pointer (&self->doc, dd_doc_free);
}

char *
dd_report_describe_faces (DdReport *self)
{
  g_autofree char *body = NULL;
  g_autofree char *title = NULL;
  g_autofree char *h1 = NULL;
  g_autofree char *h2 = NULL;

  g_return_val_if_fail (DD_IS_REPORT (self), NULL);
  dd_report_get_n_pages (self);
  body = dd_doc_get_face (self->doc, DD_DOC_STYLE_BODY);
  title = dd_doc_get_face (self->doc, DD_DOC_STYLE_TITLE);
  h1 = dd_doc_get_face (self->doc, DD_DOC_STYLE_H1);
  h2 = dd_doc_get_face (self->doc, DD_DOC_STYLE_H2);
  /* Translators: the font faces found on this system for each part */
  return g_strdup_printf (_("Faces: body %s; title %s; headings %s and %s"), body, title, h1, h2);
}

DdPlan *
dd_report_get_plan (DdReport *self)
{
  g_return_val_if_fail (DD_IS_REPORT (self), NULL);
  return self->plan;
}

const char *
dd_report_get_title (DdReport *self)
{
  g_return_val_if_fail (DD_IS_REPORT (self), NULL);
  return self->title;
}

void
dd_report_set_journal (DdReport  *self,
                       DdJournal *journal)
{
  g_return_if_fail (DD_IS_REPORT (self));

  g_set_object (&self->journal, journal);
  g_clear_pointer (&self->doc, dd_doc_free);
}

void
dd_report_set_scenario (DdReport   *self,
                        DdScenario *scenario)
{
  g_return_if_fail (DD_IS_REPORT (self));

  g_set_object (&self->scenario, scenario);
  g_clear_pointer (&self->doc, dd_doc_free);
}

void
dd_report_add_inject (DdReport       *self,
                      guint64         seq,
                      const DdInject *inject,
                      gint64          at,
                      gint64          wall_us)
{
  Event *e;

  g_return_if_fail (DD_IS_REPORT (self));
  g_return_if_fail (inject != NULL);

  e = g_new0 (Event, 1);
  e->seq = seq;
  e->at = at;
  e->wall_us = wall_us;
  e->is_inject = TRUE;
  e->inject_id = g_strdup (inject->id);
  e->role = g_strdup (inject->from);
  e->source = g_strdup (inject->source);
  e->title = g_strdup (inject->title);
  e->text = g_strdup (inject->content);
  e->to = g_strdupv (inject->to);
  g_ptr_array_add (self->events, e);
  g_clear_pointer (&self->doc, dd_doc_free);
}

void
dd_report_add_action (DdReport       *self,
                      guint64         seq,
                      const DdAction *action)
{
  Event *e;

  g_return_if_fail (DD_IS_REPORT (self));
  g_return_if_fail (action != NULL);

  e = g_new0 (Event, 1);
  e->seq = seq;
  e->at = action->at;
  e->wall_us = action->wall_us;
  e->role = g_strdup (action->role);
  e->kind = g_strdup (action->kind);
  e->text = g_strdup (action->text);
  e->report_type = g_strdup (action->report_type);
  e->level = g_strdup (action->level);
  e->to = g_strdupv (action->to);
  if (action->field_ids != NULL && action->field_ids[0] != NULL)
    {
      e->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      for (guint i = 0; action->field_ids[i] != NULL && action->field_values[i] != NULL; i++)
        g_hash_table_insert (e->fields, g_strdup (action->field_ids[i]),
                             g_strdup (action->field_values[i]));
    }
  g_ptr_array_add (self->events, e);
  g_clear_pointer (&self->doc, dd_doc_free);
}

void
dd_report_add_finding (DdReport          *self,
                       const char        *rule_id,
                       const char        *clause,
                       DdFindingKind      kind,
                       DdFindingSeverity  severity,
                       const char        *phase,
                       const char        *role,
                       gint64             at,
                       const char        *message)
{
  Finding *f;

  g_return_if_fail (DD_IS_REPORT (self));

  f = g_new0 (Finding, 1);
  f->rule = g_strdup (rule_id);
  f->clause = g_strdup (clause);
  f->kind = kind;
  f->severity = severity;
  f->phase = g_strdup (phase);
  f->role = g_strdup (role);
  f->at = at;
  f->message = g_strdup (message);
  f->action_index = -1;
  f->weight = dd_scoring_deduction (dd_plan_get_scoring (self->plan), severity);
  g_ptr_array_add (self->findings, f);
  g_clear_pointer (&self->doc, dd_doc_free);
}

static void
set_score (GHashTable *table,
           const char *id,
           double      score)
{
  double *v = g_new (double, 1);

  *v = score;
  g_hash_table_insert (table, g_strdup (id), v);
}

void
dd_report_set_phase_score (DdReport   *self,
                           const char *phase_id,
                           double      score)
{
  g_return_if_fail (DD_IS_REPORT (self));
  set_score (self->phase_scores, phase_id, score);
  g_clear_pointer (&self->doc, dd_doc_free);
}

void
dd_report_set_role_score (DdReport   *self,
                          const char *role_id,
                          double      score)
{
  g_return_if_fail (DD_IS_REPORT (self));
  set_score (self->role_scores, role_id, score);
  g_clear_pointer (&self->doc, dd_doc_free);
}

void
dd_report_set_overall_score (DdReport *self,
                             double    score)
{
  g_return_if_fail (DD_IS_REPORT (self));
  self->overall = score;
  self->has_overall = TRUE;
  g_clear_pointer (&self->doc, dd_doc_free);
}

void
dd_report_set_objective_rating (DdReport   *self,
                                const char *objective_id,
                                const char *rating_id)
{
  g_return_if_fail (DD_IS_REPORT (self));
  g_hash_table_insert (self->objective_ratings, g_strdup (objective_id), g_strdup (rating_id));
  g_clear_pointer (&self->doc, dd_doc_free);
}

void
dd_report_set_score (DdReport *self,
                     DdScore  *score)
{
  GPtrArray *a;

  g_return_if_fail (DD_IS_REPORT (self));
  g_return_if_fail (DD_IS_SCORE (score));

  a = dd_score_get_findings (score);
  for (guint i = 0; i < a->len; i++)
    {
      const DdFinding *f = g_ptr_array_index (a, i);
      g_autofree char *msg = f->detail != NULL ?
        g_strdup_printf ("%s（%s）", f->message ? f->message : "", f->detail) : g_strdup (f->message);

      Finding *added;

      dd_report_add_finding (self, f->rule, f->clause, f->kind, f->severity,
                             f->phase, f->role, f->time, msg);
      added = g_ptr_array_index (self->findings, self->findings->len - 1);
      added->action_index = f->action_index;
      added->weight = f->weight;
    }
  a = dd_score_get_phases (score);
  for (guint i = 0; i < a->len; i++)
    {
      const DdScoreEntry *e = g_ptr_array_index (a, i);

      /* What nothing was expected of is not scored (never 100 or 0) */
      if (e->assessed)
        dd_report_set_phase_score (self, e->id, e->score);
    }
  a = dd_score_get_roles (score);
  for (guint i = 0; i < a->len; i++)
    {
      const DdScoreEntry *e = g_ptr_array_index (a, i);

      if (e->assessed)
        dd_report_set_role_score (self, e->id, e->score);
    }
  a = dd_score_get_objectives (score);
  for (guint i = 0; i < a->len; i++)
    {
      const DdObjectiveScore *o = g_ptr_array_index (a, i);
      dd_report_set_objective_rating (self, o->id, o->rating_id);
    }
  dd_report_set_overall_score (self, dd_score_get_overall (score));
}

const char *
dd_report_get_player (DdReport   *self,
                      const char *role_id)
{
  const char *name = self->replay != NULL ? dd_replay_get_player (self->replay, role_id) : NULL;
  GPtrArray *participants;

  if (name != NULL || self->scenario == NULL || role_id == NULL)
    return name;
  participants = dd_scenario_get_participants (self->scenario);
  for (guint i = 0; i < participants->len; i++)
    {
      const DdParticipant *p = g_ptr_array_index (participants, i);

      if (g_strcmp0 (p->role, role_id) == 0)
        return p->player;
    }
  return NULL;
}

double
dd_report_get_overall (DdReport *self)
{
  g_return_val_if_fail (DD_IS_REPORT (self), 0);
  return self->overall;
}

guint
dd_report_get_n_findings (DdReport *self)
{
  g_return_val_if_fail (DD_IS_REPORT (self), 0);
  return self->findings->len;
}

GPtrArray *
dd_report_get_events (DdReport *self)
{
  return self->events;
}

GPtrArray *
dd_report_get_findings (DdReport *self)
{
  return self->findings;
}

DdScenario *
dd_report_get_scenario (DdReport *self)
{
  return self->scenario;
}

void
dd_report_set_replay (DdReport *self,
                      DdReplay *replay,
                      DdJournal *journal)
{
  GPtrArray *deliveries, *recorded, *notes;
  guint d = 0, r = 0;

  g_return_if_fail (DD_IS_REPORT (self));
  g_return_if_fail (DD_IS_REPLAY (replay));

  g_set_object (&self->replay, replay);
  dd_report_set_scenario (self, dd_replay_get_scenario (replay));
  if (journal != NULL)
    dd_report_set_journal (self, journal);

  /* Injects and actions in journal order (actions as corrected; a
   * withdrawn one is left out of the timeline and listed as withdrawn) */
  deliveries = dd_replay_get_deliveries (replay);
  recorded = dd_replay_get_recorded (replay);
  while (d < deliveries->len || r < recorded->len)
    {
      const DdDelivery *dl = d < deliveries->len ? g_ptr_array_index (deliveries, d) : NULL;
      const DdRecordedAction *ra = r < recorded->len ? g_ptr_array_index (recorded, r) : NULL;

      if (ra == NULL || (dl != NULL && dl->seq <= ra->seq))
        {
          dd_report_add_inject (self, dl->seq, dl->inject, dl->at, dl->wall_us);
          d++;
        }
      else
        {
          if (ra->in_effect != NULL)
            dd_report_add_action (self, ra->seq, ra->in_effect);
          r++;
        }
    }

  notes = dd_replay_get_notes (replay);
  for (guint i = 0; i < notes->len; i++)
    {
      const DdNote *n = g_ptr_array_index (notes, i);

      dd_report_add_observation (self, n->author, n->phase, n->text, (double) n->at);
    }
  dd_report_set_score (self, dd_replay_get_score (replay));
}

void
dd_report_set_date (DdReport   *self,
                    const char *iso_date)
{
  g_return_if_fail (DD_IS_REPORT (self));

  g_free (self->date);
  self->date = g_strdup (iso_date);
  g_clear_pointer (&self->doc, dd_doc_free);
}

void
dd_report_add_observation (DdReport   *self,
                           const char *author,
                           const char *phase,
                           const char *text,
                           double      sim_seconds)
{
  DdReportObservation *o;

  g_return_if_fail (DD_IS_REPORT (self));
  g_return_if_fail (text != NULL);

  o = g_new0 (DdReportObservation, 1);
  o->author = g_strdup (author);
  o->phase = g_strdup (phase);
  o->text = g_strdup (text);
  o->sim_seconds = sim_seconds;
  g_ptr_array_add (self->observations, o);
  g_clear_pointer (&self->doc, dd_doc_free);
}

void
dd_report_add_improvement (DdReport   *self,
                           const char *action,
                           const char *clause,
                           const char *owner,
                           const char *due)
{
  DdReportImprovement *i;

  g_return_if_fail (DD_IS_REPORT (self));
  g_return_if_fail (action != NULL);

  i = g_new0 (DdReportImprovement, 1);
  i->action = g_strdup (action);
  i->clause = g_strdup (clause);
  i->owner = g_strdup (owner);
  i->due = g_strdup (due);
  g_ptr_array_add (self->improvements, i);
  g_clear_pointer (&self->doc, dd_doc_free);
}

static void
add_observation_from_json (DdReport   *self,
                           JsonObject *o)
{
  dd_report_add_observation (self, member_string (o, "author"),
                             member_string (o, "phase"),
                             member_string (o, "text"),
                             json_object_get_double_member_with_default (o, "sim_seconds", -1.0));
}

static void
add_improvement_from_json (DdReport   *self,
                           JsonObject *o)
{
  dd_report_add_improvement (self, member_string (o, "action"),
                             member_string (o, "clause"),
                             member_string (o, "owner"),
                             member_string (o, "due"));
}

/* Each object of the array @name of @obj that has the string @required,
 * to @add; anything else is passed over. */
static void
foreach_sidecar_entry (DdReport    *self,
                       JsonObject  *obj,
                       const char  *name,
                       const char  *required,
                       void       (*add) (DdReport *self, JsonObject *o))
{
  JsonNode *member = json_object_get_member (obj, name);
  JsonArray *a;

  if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member))
    return;
  a = json_node_get_array (member);
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonNode *n = json_array_get_element (a, i);

      if (JSON_NODE_HOLDS_OBJECT (n) && member_string (json_node_get_object (n), required) != NULL)
        add (self, json_node_get_object (n));
    }
}

gboolean
dd_report_load_sidecar (DdReport    *self,
                        const char  *path,
                        GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  JsonNode *root;
  JsonObject *obj;

  g_return_val_if_fail (DD_IS_REPORT (self), FALSE);

  if (!json_parser_load_from_file (parser, path, &local))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_MALFORMED, "%s: %s", path, local->message);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID, "%s:1:1: %s", path,
                   _("expected a JSON object"));
      return FALSE;
    }
  obj = json_node_get_object (root);

  foreach_sidecar_entry (self, obj, "observations", "text", add_observation_from_json);
  foreach_sidecar_entry (self, obj, "improvements", "action", add_improvement_from_json);
  return TRUE;
}

guint
dd_report_paginate (DdReport *self)
{
  g_return_val_if_fail (DD_IS_REPORT (self), 0);

  dd_report_build (self);
  return dd_doc_paginate (self->doc);
}

guint
dd_report_get_n_pages (DdReport *self)
{
  g_return_val_if_fail (DD_IS_REPORT (self), 0);

  if (self->doc == NULL)
    return dd_report_paginate (self);
  return dd_doc_get_n_pages (self->doc);
}

void
dd_report_get_page_size (DdReport *self,
                         guint     page_no,
                         double   *width,
                         double   *height)
{
  g_return_if_fail (DD_IS_REPORT (self));

  dd_report_get_n_pages (self);
  dd_doc_get_page_size (self->doc, page_no, width, height);
}

gboolean
dd_report_page_is_landscape (DdReport *self,
                             guint     page_no)
{
  g_return_val_if_fail (DD_IS_REPORT (self), FALSE);

  dd_report_get_n_pages (self);
  return dd_doc_page_is_landscape (self->doc, page_no);
}

void
dd_report_draw_page (DdReport *self,
                     cairo_t  *cr,
                     guint     page_no)
{
  g_return_if_fail (DD_IS_REPORT (self));

  dd_report_get_n_pages (self);
  dd_doc_draw_page (self->doc, cr, page_no);
}

int
dd_report_find_heading (DdReport   *self,
                        const char *text)
{
  g_return_val_if_fail (DD_IS_REPORT (self), -1);

  dd_report_get_n_pages (self);
  return dd_doc_find_outline_page (self->doc, text);
}

gboolean
dd_report_write_pdf (DdReport    *self,
                     const char  *path,
                     GError     **error)
{
  const DdPlanIdentity *id;
  const DdRole *organiser;
  g_autofree char *date = NULL;
  g_autofree char *created = NULL;
  g_autofree char *subject = NULL;

  g_return_val_if_fail (DD_IS_REPORT (self), FALSE);

  dd_report_get_n_pages (self);
  id = dd_plan_get_identity (self->plan);
  organiser = dd_report_organiser_role (self->plan);
  date = dd_report_report_date (self);
  created = g_strdup_printf ("%sT00:00:00", date);
  subject = g_strdup_printf ("%s %s", id->title, id->doc_number != NULL ? id->doc_number : "");

  return dd_doc_write_pdf (self->doc, path, self->title,
                           organiser != NULL ? organiser->name : NULL,
                           subject, id->doc_number, created, error);
}

gboolean
dd_report_write_docx (DdReport    *self,
                      const char  *path,
                      GError     **error)
{
  const DdRole *organiser;

  g_return_val_if_fail (DD_IS_REPORT (self), FALSE);

  dd_report_get_n_pages (self);
  organiser = dd_report_organiser_role (self->plan);
  return dd_doc_write_docx (self->doc, path, self->title,
                            organiser != NULL ? organiser->name : NULL, error);
}

gboolean
dd_report_write_file (DdReport    *self,
                      const char  *path,
                      GError     **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  g_return_val_if_fail (DD_IS_REPORT (self), FALSE);

  if (g_str_has_suffix (lower, ".pdf"))
    return dd_report_write_pdf (self, path, error);
  if (g_str_has_suffix (lower, ".docx"))
    return dd_report_write_docx (self, path, error);
  if (g_str_has_suffix (lower, ".xlsx"))
    return dd_report_write_xlsx (self, path, error);
  if (g_str_has_suffix (lower, ".csv"))
    return dd_report_write_csv (self, path, error);
  g_set_error (error, DD_ERROR, DD_ERROR_UNKNOWN_KIND,
               /* Translators: %s is a file name */
               _("%s: the review is written as .pdf, .docx (Word), .xlsx (Excel) or .csv; "
                 "name the file with one of these endings"), path);
  return FALSE;
}
