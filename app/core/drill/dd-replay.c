/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-replay.c — what a drill is: the one reading of plan + scenario + journal
 *
 * Copyright 2024 The DrillDesk authors
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "dd-error.h"
#include "dd-replay.h"

/* An action record and what is in effect of it. */
typedef struct {
  DdRecordedAction  pub;
  DdAction         *effective;   /* corrected copy, or NULL: pub.action as recorded */
  gboolean          withdrawn;
} Recorded;

struct _DdReplay
{
  GObject      parent_instance;

  DdPlan      *plan;
  DdScenario  *scenario;
  JsonObject  *header;           /* or NULL */

  guint        n_records;
  gint64       time;             /* latest simulated time of a record or of the clock */
  gboolean     finished;
  gint64       end;              /* when finished */

  GPtrArray   *deliveries;       /* DdDelivery */
  GHashTable  *delivered;        /* inject id -> DdDelivery */
  GPtrArray   *recorded;         /* Recorded */
  GHashTable  *by_seq;           /* seq -> Recorded */
  gint64       last_recorded_at;
  GPtrArray   *notes;            /* DdNote */
  GPtrArray   *corrections;      /* DdCorrection */
  GPtrArray   *ratings;          /* DdRatingOverride */

  GPtrArray   *actions;          /* DdAction in effect (borrowed), time order */
  gboolean     actions_dirty;
  DdScore     *score;            /* or NULL: not computed for this state */
};

G_DEFINE_FINAL_TYPE (DdReplay, dd_replay, G_TYPE_OBJECT)

static void
recorded_free (gpointer data)
{
  Recorded *r = data;

  dd_action_free (r->pub.action);
  dd_action_free (r->effective);
  g_free (r);
}

static void
dd_replay_finalize (GObject *object)
{
  DdReplay *self = DD_REPLAY (object);

  g_clear_object (&self->score);
  g_ptr_array_unref (self->actions);
  g_ptr_array_unref (self->ratings);
  g_ptr_array_unref (self->corrections);
  g_ptr_array_unref (self->notes);
  g_hash_table_unref (self->by_seq);
  g_ptr_array_unref (self->recorded);
  g_hash_table_unref (self->delivered);
  g_ptr_array_unref (self->deliveries);
  g_clear_pointer (&self->header, json_object_unref);
  g_clear_object (&self->scenario);
  g_clear_object (&self->plan);

  G_OBJECT_CLASS (dd_replay_parent_class)->finalize (object);
}

static void
dd_replay_class_init (DdReplayClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_replay_finalize;
}

static void
dd_replay_init (DdReplay *self)
{
  self->deliveries = g_ptr_array_new_with_free_func (g_free);
  self->delivered = g_hash_table_new (g_str_hash, g_str_equal);
  self->recorded = g_ptr_array_new_with_free_func (recorded_free);
  self->by_seq = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->notes = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_note_free);
  self->corrections = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_correction_free);
  self->ratings = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_rating_override_free);
  self->actions = g_ptr_array_new ();
  self->last_recorded_at = G_MININT64;
}

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

static void
changed (DdReplay *self)
{
  g_clear_object (&self->score);
}

static void
reach (DdReplay *self,
       gint64    time)
{
  if (time > self->time)
    {
      self->time = time;
      changed (self);
    }
}

static const DdAction *
effective_action (const Recorded *r)
{
  return r->effective != NULL ? r->effective : r->pub.action;
}

static int
compare_recorded (gconstpointer a,
                  gconstpointer b)
{
  const Recorded *ra = *(const Recorded **) a;
  const Recorded *rb = *(const Recorded **) b;
  gint64 ta = effective_action (ra)->at, tb = effective_action (rb)->at;

  if (ta != tb)
    return ta < tb ? -1 : 1;
  /* Same time: the order they were recorded in (a stable sort) */
  return ra->pub.seq < rb->pub.seq ? -1 : ra->pub.seq > rb->pub.seq;
}

/* The actions in effect, in time order: a correction may move one. */
static void
ensure_actions (DdReplay *self)
{
  g_autoptr(GPtrArray) order = NULL;

  if (!self->actions_dirty)
    return;
  order = g_ptr_array_new ();
  for (guint i = 0; i < self->recorded->len; i++)
    {
      Recorded *r = g_ptr_array_index (self->recorded, i);

      r->pub.index = -1;
      r->pub.in_effect = r->withdrawn ? NULL : effective_action (r);
      if (!r->withdrawn)
        g_ptr_array_add (order, r);
    }
  g_ptr_array_sort (order, compare_recorded);
  g_ptr_array_set_size (self->actions, 0);
  for (guint i = 0; i < order->len; i++)
    {
      Recorded *r = g_ptr_array_index (order, i);

      r->pub.index = (int) i;
      g_ptr_array_add (self->actions, (gpointer) effective_action (r));
    }
  self->actions_dirty = FALSE;
}

/* Applies every correction of @r, in order, to the action as recorded. */
static gboolean
correct (DdReplay  *self,
         Recorded  *r,
         GError   **error)
{
  g_autoptr(DdAction) fixed = dd_action_copy (r->pub.action);
  g_autofree char *problem = NULL;
  gboolean withdrawn = FALSE;
  const DdCorrection *latest = NULL;

  for (guint i = 0; i < self->corrections->len; i++)
    {
      const DdCorrection *c = g_ptr_array_index (self->corrections, i);

      if (c->target != r->pub.seq)
        continue;
      latest = c;
      withdrawn = c->withdraw;
      if (c->withdraw)
        continue;
      if (c->role != NULL)
        {
          g_free (fixed->role);
          fixed->role = g_strdup (c->role);
        }
      if (c->has_at)
        fixed->at = c->at;
    }
  problem = dd_action_check (fixed, self->plan);
  if (problem != NULL)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID, _("the corrected action does not fit the plan: %s"), problem);
      return FALSE;
    }
  dd_action_free (r->effective);
  r->effective = g_steal_pointer (&fixed);
  r->withdrawn = withdrawn;
  r->pub.correction = latest;
  self->actions_dirty = TRUE;
  changed (self);
  return TRUE;
}

/* Each apply_* checks a record and, with @commit, applies it. */
static gboolean
apply_inject (DdReplay    *self,
              JsonObject  *body,
              guint64      seq,
              gint64       time_us,
              gboolean     commit,
              GError     **error)
{
  const char *id = json_object_get_string_member_with_default (body, "id", NULL);
  const DdInject *inject = id != NULL ? dd_scenario_lookup_inject (self->scenario, id) : NULL;
  DdDelivery *d;

  if (inject == NULL)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID, _("unknown inject “%s”"), id ? id : "");
      return FALSE;
    }
  if (!commit || g_hash_table_contains (self->delivered, inject->id))
    return TRUE;   /* delivered once: a repeat changes nothing */
  d = g_new0 (DdDelivery, 1);
  d->inject = inject;
  d->at = dd_record_get_at (body, inject->at);
  d->seq = seq;
  d->wall_us = time_us;
  g_ptr_array_add (self->deliveries, d);
  g_hash_table_insert (self->delivered, inject->id, d);
  reach (self, d->at);
  return TRUE;
}

static gboolean
apply_action (DdReplay    *self,
              JsonObject  *body,
              guint64      seq,
              gint64       time_us,
              gboolean     commit,
              GError     **error)
{
  g_autoptr(DdAction) action = dd_action_from_json (body, error);
  g_autofree char *problem = NULL;
  Recorded *r;

  if (action == NULL)
    return FALSE;
  problem = dd_action_check (action, self->plan);
  if (problem != NULL)
    {
      g_set_error_literal (error, DD_ERROR, DD_ERROR_INVALID, problem);
      return FALSE;
    }
  if (action->at < self->last_recorded_at)
    {
      g_set_error_literal (error, DD_ERROR, DD_ERROR_INVALID, _("the action is out of time order"));
      return FALSE;
    }
  if (!commit)
    return TRUE;
  if (action->wall_us == 0)
    action->wall_us = time_us;

  r = g_new0 (Recorded, 1);
  r->pub.action = g_steal_pointer (&action);
  r->pub.seq = seq;
  self->last_recorded_at = r->pub.action->at;
  g_ptr_array_add (self->recorded, r);
  if (seq > 0)
    g_hash_table_insert (self->by_seq, &r->pub.seq, r);
  /* In time order and nothing corrected later: it simply comes last */
  r->pub.in_effect = r->pub.action;
  if (!self->actions_dirty)
    {
      r->pub.index = (int) self->actions->len;
      g_ptr_array_add (self->actions, r->pub.action);
    }
  changed (self);
  reach (self, r->pub.action->at);
  return TRUE;
}

static gboolean
apply_correction (DdReplay    *self,
                  JsonObject  *body,
                  guint64      seq,
                  gboolean     commit,
                  GError     **error)
{
  g_autoptr(DdCorrection) c = dd_correction_from_json (body, error);
  Recorded *r;

  if (c == NULL)
    return FALSE;
  r = g_hash_table_lookup (self->by_seq, &c->target);
  if (r == NULL)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID,
                   _("the correction names record %" PRIu64 ", which is no recorded action"), c->target);
      return FALSE;
    }
  c->seq = seq;
  g_ptr_array_add (self->corrections, g_steal_pointer (&c));
  if (!correct (self, r, error) || !commit)
    {
      gboolean fits = error == NULL || *error == NULL;

      /* Back as it was */
      g_ptr_array_remove_index (self->corrections, self->corrections->len - 1);
      correct (self, r, NULL);
      return fits && !commit;
    }
  reach (self, ((DdCorrection *) g_ptr_array_index (self->corrections, self->corrections->len - 1))->recorded_at);
  return TRUE;
}

static gboolean
apply_rating (DdReplay    *self,
              JsonObject  *body,
              guint64      seq,
              gboolean     commit,
              GError     **error)
{
  g_autoptr(DdRatingOverride) rating = dd_rating_override_from_json (body, error);
  GPtrArray *objectives = dd_scenario_get_objectives (self->scenario);
  gboolean known = FALSE;

  if (rating == NULL)
    return FALSE;
  for (guint i = 0; i < objectives->len && !known; i++)
    known = g_strcmp0 (((DdObjective *) g_ptr_array_index (objectives, i))->id, rating->objective) == 0;
  if (!known)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID, _("the rating names an unknown objective “%s”"),
                   rating->objective);
      return FALSE;
    }
  if (!commit)
    return TRUE;
  rating->seq = seq;
  /* The latest rating of an objective is the one in force */
  for (guint i = 0; i < self->ratings->len; i++)
    if (g_strcmp0 (((DdRatingOverride *) g_ptr_array_index (self->ratings, i))->objective,
                   rating->objective) == 0)
      {
        g_ptr_array_remove_index (self->ratings, i);
        break;
      }
  g_ptr_array_add (self->ratings, g_steal_pointer (&rating));
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */

DdReplay *
dd_replay_new (DdPlan     *plan,
               DdScenario *scenario)
{
  DdReplay *self;

  g_return_val_if_fail (DD_IS_PLAN (plan), NULL);
  g_return_val_if_fail (DD_IS_SCENARIO (scenario), NULL);

  self = g_object_new (DD_TYPE_REPLAY, NULL);
  self->plan = g_object_ref (plan);
  self->scenario = g_object_ref (scenario);
  return self;
}

static gboolean
check_header_source (JsonObject  *header,
                     const char  *member,
                     const char  *id,
                     const char  *sha256,
                     const char  *path,
                     GError     **error)
{
  JsonObject *o = NULL;
  JsonNode *node = json_object_get_member (header, member);

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    o = json_node_get_object (node);
  if (o == NULL || g_strcmp0 (json_object_get_string_member_with_default (o, "id", NULL), id) != 0)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID,
                   _("%s:1:1: the journal is not a drill of %s “%s”"), path, member, id);
      return FALSE;
    }
  if (g_strcmp0 (json_object_get_string_member_with_default (o, "sha256", NULL), sha256) != 0)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID,
                   _("%s:1:1: the %s “%s” has changed since the journal was written (SHA-256 differs)"),
                   path, member, id);
      return FALSE;
    }
  return TRUE;
}

DdReplay *
dd_replay_new_for_journal (DdPlan      *plan,
                           DdScenario  *scenario,
                           DdJournal   *journal,
                           GError     **error)
{
  g_autoptr(DdReplay) self = NULL;
  JsonObject *header;
  const char *path;

  g_return_val_if_fail (DD_IS_JOURNAL (journal), NULL);

  self = dd_replay_new (plan, scenario);
  path = dd_journal_get_path (journal);
  header = dd_journal_get_header (journal);
  if (header == NULL ||
      !check_header_source (header, "plan", dd_plan_get_id (plan), dd_plan_get_source_sha256 (plan), path, error) ||
      !check_header_source (header, "scenario", dd_scenario_get_id (scenario),
                            dd_scenario_get_source_sha256 (scenario), path, error))
    return NULL;
  self->header = json_object_ref (header);

  for (guint i = 0; i < dd_journal_get_n_records (journal); i++)
    {
      const DdJournalRecord *rec = dd_journal_get_record (journal, i);
      g_autoptr(GError) local = NULL;

      if (!dd_replay_apply (self, rec->type, rec->body, rec->seq, rec->time_us, &local))
        {
          /* Record N is on line N + 1 (the header is record 0, line 1) */
          g_set_error (error, DD_ERROR, DD_ERROR_INVALID, _("%s:%u:1: record %" PRIu64 ": %s"),
                       path, (guint) rec->seq + 1, rec->seq, local->message);
          return NULL;
        }
    }
  return g_steal_pointer (&self);
}

DdReplay *
dd_replay_new_for_actions (DdPlan     *plan,
                           DdScenario *scenario,
                           GPtrArray  *actions,
                           gboolean    finished)
{
  g_autoptr(DdReplay) self = dd_replay_new (plan, scenario);
  g_autoptr(GPtrArray) due = NULL;
  gint64 end = finished ? dd_scenario_get_duration (scenario) : 0;

  for (guint i = 0; i < actions->len; i++)
    {
      const DdAction *a = g_ptr_array_index (actions, i);
      Recorded *r = g_new0 (Recorded, 1);

      r->pub.action = dd_action_copy (a);
      r->pub.in_effect = r->pub.action;
      r->pub.index = (int) i;
      r->pub.seq = i + 1;   /* keeps same-time actions in their order */
      g_ptr_array_add (self->recorded, r);
      g_ptr_array_add (self->actions, r->pub.action);
      end = MAX (end, a->at);
    }
  self->n_records = actions->len;
  self->last_recorded_at = end;
  /* Scripts need not be in time order: judge them in it */
  self->actions_dirty = TRUE;

  due = dd_scenario_deliveries (scenario, self->actions, end);
  for (guint i = 0; i < due->len; i++)
    {
      const DdInjectDelivery *d = g_ptr_array_index (due, i);
      DdDelivery *delivery = g_new0 (DdDelivery, 1);

      delivery->inject = d->inject;
      delivery->at = d->time;
      g_ptr_array_add (self->deliveries, delivery);
      g_hash_table_insert (self->delivered, d->inject->id, delivery);
    }
  self->time = end;
  self->finished = finished;
  self->end = end;
  return g_steal_pointer (&self);
}

static gboolean
apply_record (DdReplay    *self,
              const char  *type,
              JsonObject  *body,
              guint64      seq,
              gint64       time_us,
              gboolean     commit,
              GError     **error)
{
  DdRecordType rt = dd_record_type_from_name (type);
  g_autoptr(JsonObject) empty = NULL;
  gboolean ok = FALSE;

  if (body == NULL)
    body = empty = json_object_new ();

  /* After the end, only the evaluation goes on */
  if (self->finished && rt != DD_RECORD_RATING)
    {
      g_set_error_literal (error, DD_ERROR, DD_ERROR_INVALID, _("a record after the end of the drill"));
      return FALSE;
    }

  switch (rt)
    {
    case DD_RECORD_INJECT:
      ok = apply_inject (self, body, seq, time_us, commit, error);
      break;
    case DD_RECORD_ACTION:
      ok = apply_action (self, body, seq, time_us, commit, error);
      break;
    case DD_RECORD_NOTE:
      {
        DdNote *note = dd_note_from_json (body, error);

        if ((ok = note != NULL) && commit)
          {
            note->seq = seq;
            g_ptr_array_add (self->notes, note);
            reach (self, note->at);
          }
        else
          dd_note_free (note);
      }
      break;
    case DD_RECORD_CORRECTION:
      ok = apply_correction (self, body, seq, commit, error);
      break;
    case DD_RECORD_RATING:
      ok = apply_rating (self, body, seq, commit, error);
      break;
    case DD_RECORD_END:
      ok = TRUE;
      if (!commit)
        break;
      self->end = MAX (dd_record_get_at (body, self->time), self->last_recorded_at);
      self->finished = TRUE;
      self->time = MAX (self->time, self->end);
      changed (self);
      break;
    case DD_RECORD_HEADER:
    case DD_RECORD_UNKNOWN:
    case DD_N_RECORD_TYPES:
    default:
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID, _("unknown record type “%s”"), type ? type : "");
      break;
    }
  if (ok && commit)
    self->n_records++;
  return ok;
}

void
dd_replay_set_header (DdReplay   *self,
                      JsonObject *header)
{
  g_return_if_fail (DD_IS_REPLAY (self));

  if (header != NULL)
    json_object_ref (header);
  g_clear_pointer (&self->header, json_object_unref);
  self->header = header;
}

gboolean
dd_replay_check (DdReplay    *self,
                 const char  *type,
                 JsonObject  *body,
                 GError     **error)
{
  g_return_val_if_fail (DD_IS_REPLAY (self), FALSE);
  return apply_record (self, type, body, 0, 0, FALSE, error);
}

gboolean
dd_replay_apply (DdReplay    *self,
                 const char  *type,
                 JsonObject  *body,
                 guint64      seq,
                 gint64       time_us,
                 GError     **error)
{
  g_return_val_if_fail (DD_IS_REPLAY (self), FALSE);
  return apply_record (self, type, body, seq, time_us, TRUE, error);
}

void
dd_replay_set_time (DdReplay *self,
                    gint64    time)
{
  g_return_if_fail (DD_IS_REPLAY (self));

  if (!self->finished)
    reach (self, time);
}

DdPlan *
dd_replay_get_plan (DdReplay *self)
{
  g_return_val_if_fail (DD_IS_REPLAY (self), NULL);
  return self->plan;
}

DdScenario *
dd_replay_get_scenario (DdReplay *self)
{
  g_return_val_if_fail (DD_IS_REPLAY (self), NULL);
  return self->scenario;
}

JsonObject *
dd_replay_get_header (DdReplay *self)
{
  g_return_val_if_fail (DD_IS_REPLAY (self), NULL);
  return self->header;
}

JsonObject *
dd_replay_get_options (DdReplay *self)
{
  JsonNode *node;

  g_return_val_if_fail (DD_IS_REPLAY (self), NULL);

  node = self->header != NULL ? json_object_get_member (self->header, "options") : NULL;
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

const char *
dd_replay_get_player (DdReplay   *self,
                      const char *role_id)
{
  JsonObject *options = dd_replay_get_options (self);
  JsonNode *players = options != NULL ? json_object_get_member (options, "players") : NULL;
  const char *name;

  if (role_id == NULL || players == NULL || !JSON_NODE_HOLDS_OBJECT (players))
    return NULL;
  name = json_object_get_string_member_with_default (json_node_get_object (players), role_id, NULL);
  return name != NULL && *name != '\0' ? name : NULL;
}

gboolean
dd_replay_is_finished (DdReplay *self)
{
  g_return_val_if_fail (DD_IS_REPLAY (self), FALSE);
  return self->finished;
}

gint64
dd_replay_get_as_of (DdReplay *self)
{
  g_return_val_if_fail (DD_IS_REPLAY (self), 0);
  return self->finished ? self->end : self->time;
}

gboolean
dd_replay_ended_early (DdReplay *self)
{
  GPtrArray *injects;

  g_return_val_if_fail (DD_IS_REPLAY (self), FALSE);

  if (!self->finished)
    return FALSE;
  injects = dd_scenario_get_injects (self->scenario);
  for (guint i = 0; i < injects->len; i++)
    {
      const DdInject *inject = g_ptr_array_index (injects, i);

      /* An inject due by the end that was never delivered: only one
       * that waits for an action the room did not take may stay out */
      if (inject->at > self->end && (inject->conditions == NULL || inject->conditions->len == 0))
        return TRUE;
    }
  return FALSE;
}

guint
dd_replay_get_n_records (DdReplay *self)
{
  g_return_val_if_fail (DD_IS_REPLAY (self), 0);
  return self->n_records;
}

GPtrArray *
dd_replay_get_deliveries (DdReplay *self)
{
  g_return_val_if_fail (DD_IS_REPLAY (self), NULL);
  return self->deliveries;
}

gboolean
dd_replay_is_delivered (DdReplay   *self,
                        const char *inject_id)
{
  g_return_val_if_fail (DD_IS_REPLAY (self), FALSE);
  return inject_id != NULL && g_hash_table_contains (self->delivered, inject_id);
}

GPtrArray *
dd_replay_get_actions (DdReplay *self)
{
  g_return_val_if_fail (DD_IS_REPLAY (self), NULL);
  ensure_actions (self);
  return self->actions;
}

GPtrArray *
dd_replay_get_recorded (DdReplay *self)
{
  g_return_val_if_fail (DD_IS_REPLAY (self), NULL);
  ensure_actions (self);
  /* Recorded starts with its DdRecordedAction */
  return self->recorded;
}

GPtrArray *
dd_replay_get_notes (DdReplay *self)
{
  g_return_val_if_fail (DD_IS_REPLAY (self), NULL);
  return self->notes;
}

GPtrArray *
dd_replay_get_corrections (DdReplay *self)
{
  g_return_val_if_fail (DD_IS_REPLAY (self), NULL);
  return self->corrections;
}

const DdRatingOverride *
dd_replay_get_rating (DdReplay   *self,
                      const char *objective_id)
{
  g_return_val_if_fail (DD_IS_REPLAY (self), NULL);

  for (guint i = 0; i < self->ratings->len; i++)
    {
      const DdRatingOverride *r = g_ptr_array_index (self->ratings, i);

      if (g_strcmp0 (r->objective, objective_id) == 0)
        return r;
    }
  return NULL;
}

DdScore *
dd_replay_get_score (DdReplay *self)
{
  g_return_val_if_fail (DD_IS_REPLAY (self), NULL);

  if (self->score == NULL)
    self->score = dd_score_compute (self->plan, self->scenario, dd_replay_get_actions (self),
                                    dd_replay_get_as_of (self), self->finished);
  return self->score;
}

const char *
dd_replay_get_phase (DdReplay *self)
{
  g_return_val_if_fail (DD_IS_REPLAY (self), NULL);
  return dd_score_current_phase (self->plan, dd_replay_get_actions (self));
}
