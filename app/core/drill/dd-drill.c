/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-drill.c — a running drill
 *
 * Copyright 2024 The DrillDesk authors
 *
 * The drill is a clock and a journal writer around a DdReplay: every
 * record (dd-journal-record.h) is checked against the state, written to the
 * journal, applied to the state, and only then shown and signalled.
 */

#include "config.h"

#include <inttypes.h>
#include <glib/gstdio.h>
#include <errno.h>

#include <glib/gi18n.h>

#include "dd-drill.h"
#include "dd-error.h"

struct _DdDrill
{
  GObject          parent_instance;

  DdPlan          *plan;
  DdScenario      *scenario;
  DdJournal       *journal;

  /* clock */
  gint64           time;           /* simulated offset, seconds */
  gboolean         running;
  double           speed;
  gint64           wall_base_us;   /* wall time when running started */
  gint64           sim_base;       /* simulated time then */
  DdDrillTimeFunc  time_func;
  gpointer         time_data;
  guint            tick_id;

  gboolean         started;        /* anything happened (journal fixed) */
  gboolean         finished;
  DdReplay        *state;          /* what the drill is: the one replay */
  guint64          local_seq;      /* record numbers without a journal */
  char            *phase;
  GHashTable      *signalled;      /* finding keys already signalled */

  GListStore      *inject_model;
  GListStore      *action_model;
  GListStore      *finding_model;
};

G_DEFINE_FINAL_TYPE (DdDrill, dd_drill, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TIME,
  PROP_RUNNING,
  PROP_SPEED,
  PROP_PHASE,
  PROP_FINISHED,
  N_PROPS
};

enum {
  SIGNAL_INJECT_DELIVERED,
  SIGNAL_ACTION_RECORDED,
  SIGNAL_FINDING,
  SIGNAL_PHASE_CHANGED,
  SIGNAL_ACTION_CORRECTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

static gint64
default_time_func (gpointer user_data)
{
  return g_get_monotonic_time ();
}

static gint64
wall_now (DdDrill *self)
{
  return self->time_func (self->time_data);
}

static void
set_time (DdDrill *self,
          gint64   time)
{
  if (time == self->time)
    return;
  self->time = time;
  dd_replay_set_time (self->state, time);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME]);
}

/* Whether the finding model's item @position says all that @finding says */
static gboolean
item_is_finding (GListModel      *model,
                 guint            position,
                 const DdFinding *finding)
{
  g_autoptr(DdDrillItem) item = g_list_model_get_item (model, position);
  const DdFinding *shown = dd_drill_item_get_finding (item);
  g_autoptr(JsonObject) a = dd_finding_to_json (shown);
  g_autoptr(JsonObject) b = dd_finding_to_json (finding);

  return shown->action_index == finding->action_index && json_object_equal (a, b);
}

/* Makes the finding model say @findings, changing only the items that
 * changed: the rows that show the others (and whether they are expanded)
 * stay as they are. */
static void
update_finding_model (DdDrill   *self,
                      GPtrArray *findings)
{
  GListModel *model = G_LIST_MODEL (self->finding_model);
  guint old_n = g_list_model_get_n_items (model);
  guint common = MIN (old_n, findings->len);
  guint prefix = 0;
  guint suffix = 0;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  while (prefix < common && item_is_finding (model, prefix, g_ptr_array_index (findings, prefix)))
    prefix++;
  while (suffix < common - prefix &&
         item_is_finding (model, old_n - 1 - suffix, g_ptr_array_index (findings, findings->len - 1 - suffix)))
    suffix++;
  if (prefix == old_n && prefix == findings->len)
    return;
  for (guint i = prefix; i < findings->len - suffix; i++)
    g_ptr_array_add (items, dd_drill_item_new_finding (g_ptr_array_index (findings, i)));
  g_list_store_splice (self->finding_model, prefix, old_n - prefix - suffix, items->pdata, items->len);
}

/* Re-evaluates the drill against the plan: signals new findings, updates
 * the finding list, follows the phase. */
static void
evaluate (DdDrill *self)
{
  DdScore *score = dd_replay_get_score (self->state);
  GPtrArray *findings = dd_score_get_findings (score);
  const char *phase = dd_replay_get_phase (self->state);

  update_finding_model (self, findings);

  if (g_strcmp0 (phase, self->phase) != 0)
    {
      g_free (self->phase);
      self->phase = g_strdup (phase);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHASE]);
      g_signal_emit (self, signals[SIGNAL_PHASE_CHANGED], 0, self->phase);
    }

  for (guint i = 0; i < findings->len; i++)
    {
      const DdFinding *f = g_ptr_array_index (findings, i);
      char *key = dd_finding_key (f);

      if (g_hash_table_add (self->signalled, key))
        g_signal_emit (self, signals[SIGNAL_FINDING], 0, f);
    }
}

/* Writes one record: checked against the state, on disk (when the drill
 * has a journal), then applied to the state.  Nothing is shown before. */
static gboolean
append_record (DdDrill      *self,
               DdRecordType  type,
               JsonObject   *body,
               GError      **error)
{
  const char *name = dd_record_type_to_name (type);
  g_autoptr(GError) local = NULL;
  guint64 seq;
  gint64 time_us;

  if (!dd_replay_check (self->state, name, body, error))
    return FALSE;
  if (self->journal != NULL)
    {
      const DdJournalRecord *rec;

      /* The end record also closes the journal to further appends */
      if (type == DD_RECORD_END ? !dd_journal_finish (self->journal, body, error)
                                : !dd_journal_append (self->journal, name, body, error))
        return FALSE;
      rec = dd_journal_get_record (self->journal, dd_journal_get_n_records (self->journal) - 1);
      seq = rec->seq;
      time_us = rec->time_us;
    }
  else
    {
      seq = ++self->local_seq;
      time_us = g_get_real_time ();
    }
  self->started = TRUE;
  if (!dd_replay_apply (self->state, name, body, seq, time_us, &local))
    g_error ("a record passed its check but did not apply: %s", local->message);
  return TRUE;
}

static void
show_inject (DdDrill        *self,
             const DdInject *inject,
             gint64          time)
{
  g_autoptr(DdDrillItem) item = dd_drill_item_new_inject (inject, time);

  g_list_store_append (self->inject_model, item);
}

static void
show_action (DdDrill                *self,
             const DdRecordedAction *recorded)
{
  g_autoptr(DdDrillItem) item = dd_drill_item_new_action (recorded->action, MAX (recorded->index, 0));

  g_list_store_append (self->action_model, item);
}

static const DdRecordedAction *
last_recorded (DdDrill *self)
{
  GPtrArray *recorded = dd_replay_get_recorded (self->state);

  return g_ptr_array_index (recorded, recorded->len - 1);
}

/* Delivers every inject due by @until, in order. */
static gboolean
deliver_due (DdDrill  *self,
             gint64    until,
             GError  **error)
{
  g_autoptr(GPtrArray) due = dd_scenario_deliveries (self->scenario, dd_replay_get_actions (self->state), until);

  for (guint i = 0; i < due->len; i++)
    {
      const DdInjectDelivery *d = g_ptr_array_index (due, i);
      g_autoptr(JsonObject) body = NULL;

      if (dd_replay_is_delivered (self->state, d->inject->id))
        continue;

      if (d->time > self->time)
        set_time (self, d->time);

      body = dd_record_inject_new (d->inject->id, d->time);
      if (!append_record (self, DD_RECORD_INJECT, body, error))
        return FALSE;

      show_inject (self, d->inject, d->time);
      g_signal_emit (self, signals[SIGNAL_INJECT_DELIVERED], 0, d->inject, d->time);
    }
  return TRUE;
}

static gboolean
check_not_finished (DdDrill  *self,
                    GError  **error)
{
  if (self->finished)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_STATE, _("the drill is over"));
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
dd_drill_dispose (GObject *object)
{
  DdDrill *self = DD_DRILL (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_object (&self->journal);
  g_clear_object (&self->inject_model);
  g_clear_object (&self->action_model);
  g_clear_object (&self->finding_model);

  G_OBJECT_CLASS (dd_drill_parent_class)->dispose (object);
}

static void
dd_drill_finalize (GObject *object)
{
  DdDrill *self = DD_DRILL (object);

  g_clear_object (&self->state);
  g_hash_table_unref (self->signalled);
  g_free (self->phase);
  g_clear_object (&self->scenario);
  g_clear_object (&self->plan);

  G_OBJECT_CLASS (dd_drill_parent_class)->finalize (object);
}

static void
dd_drill_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  DdDrill *self = DD_DRILL (object);

  switch (prop_id)
    {
    case PROP_TIME:
      g_value_set_int64 (value, self->time);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_SPEED:
      g_value_set_double (value, self->speed);
      break;
    case PROP_PHASE:
      g_value_set_string (value, self->phase);
      break;
    case PROP_FINISHED:
      g_value_set_boolean (value, self->finished);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_drill_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  DdDrill *self = DD_DRILL (object);

  switch (prop_id)
    {
    case PROP_SPEED:
      dd_drill_set_speed (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_drill_class_init (DdDrillClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dd_drill_dispose;
  object_class->finalize = dd_drill_finalize;
  object_class->get_property = dd_drill_get_property;
  object_class->set_property = dd_drill_set_property;

  properties[PROP_TIME] =
    g_param_spec_int64 ("time", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SPEED] =
    g_param_spec_double ("speed", NULL, NULL, 0.0, 1440.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PHASE] =
    g_param_spec_string ("phase", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FINISHED] =
    g_param_spec_boolean ("finished", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_INJECT_DELIVERED] =
    g_signal_new ("inject-delivered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_INT64);
  signals[SIGNAL_ACTION_RECORDED] =
    g_signal_new ("action-recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_UINT);
  signals[SIGNAL_FINDING] =
    g_signal_new ("finding", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[SIGNAL_ACTION_CORRECTED] =
    g_signal_new ("action-corrected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[SIGNAL_PHASE_CHANGED] =
    g_signal_new ("phase-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
dd_drill_init (DdDrill *self)
{
  self->signalled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->inject_model = g_list_store_new (DD_TYPE_DRILL_ITEM);
  self->action_model = g_list_store_new (DD_TYPE_DRILL_ITEM);
  self->finding_model = g_list_store_new (DD_TYPE_DRILL_ITEM);
  self->time_func = default_time_func;
  self->speed = 1.0;
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */

DdDrill *
dd_drill_new (DdPlan     *plan,
              DdScenario *scenario)
{
  DdDrill *self;

  g_return_val_if_fail (DD_IS_PLAN (plan), NULL);
  g_return_val_if_fail (DD_IS_SCENARIO (scenario), NULL);
  g_return_val_if_fail (dd_scenario_get_plan (scenario) == plan, NULL);

  self = g_object_new (DD_TYPE_DRILL, NULL);
  self->plan = g_object_ref (plan);
  self->scenario = g_object_ref (scenario);
  self->speed = dd_scenario_get_compression (scenario);
  self->time = 0;   /* T+0 */
  self->state = dd_replay_new (plan, scenario);
  return self;
}

static void
add_source (JsonObject *header,
            const char *member,
            const char *id,
            const char *title,
            const char *file,
            const char *sha256)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "id", id);
  json_object_set_string_member (o, "title", title);
  json_object_set_string_member (o, "file", file);
  json_object_set_string_member (o, "sha256", sha256);
  json_object_set_object_member (header, member, o);
}

JsonObject *
dd_drill_journal_header (DdPlan     *plan,
                         DdScenario *scenario)
{
  JsonObject *header = json_object_new ();

  add_source (header, "plan", dd_plan_get_id (plan), dd_plan_get_title (plan),
              dd_plan_get_source_name (plan), dd_plan_get_source_sha256 (plan));
  add_source (header, "scenario", dd_scenario_get_id (scenario), dd_scenario_get_title (scenario),
              dd_scenario_get_source_name (scenario), dd_scenario_get_source_sha256 (scenario));
  return header;
}

gboolean
dd_drill_create_journal (DdDrill     *self,
                         const char  *path,
                         GError     **error)
{
  g_autoptr(JsonObject) header = NULL;
  DdJournal *journal;

  g_return_val_if_fail (DD_IS_DRILL (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->journal != NULL || self->started)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_STATE, _("the drill already has a journal or has begun"));
      return FALSE;
    }

  header = dd_drill_journal_header (self->plan, self->scenario);
  journal = dd_journal_create (path, header, error);
  if (journal == NULL)
    return FALSE;
  self->journal = journal;
  dd_replay_set_header (self->state, dd_journal_get_header (journal));
  return TRUE;
}

gboolean
dd_drill_resume_journal (DdDrill            *self,
                         const char         *path,
                         DdJournalRecovery  *recovery_out,
                         GError            **error)
{
  g_autoptr(DdJournal) journal = NULL;
  g_autoptr(DdReplay) state = NULL;
  GPtrArray *deliveries, *recorded;

  g_return_val_if_fail (DD_IS_DRILL (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->journal != NULL || self->started)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_STATE, _("the drill already has a journal or has begun"));
      return FALSE;
    }

  /* A file without an intact journal header is refused and left as it is
   * (dd_journal_open ()): it was not created as a journal by DrillDesk. */
  journal = dd_journal_open (path, recovery_out, error);
  if (journal == NULL)
    return FALSE;
  state = dd_replay_new_for_journal (self->plan, self->scenario, journal, error);
  if (state == NULL)
    return FALSE;

  /* The drill stands where its journal ends; nothing is written. */
  g_set_object (&self->state, state);
  deliveries = dd_replay_get_deliveries (state);
  for (guint i = 0; i < deliveries->len; i++)
    {
      const DdDelivery *d = g_ptr_array_index (deliveries, i);

      show_inject (self, d->inject, d->at);
    }
  recorded = dd_replay_get_recorded (state);
  for (guint i = 0; i < recorded->len; i++)
    show_action (self, g_ptr_array_index (recorded, i));

  self->journal = g_steal_pointer (&journal);
  self->started = dd_journal_get_n_records (self->journal) > 0;
  self->finished = dd_replay_is_finished (state);
  self->time = dd_replay_get_as_of (state);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME]);
  evaluate (self);
  return TRUE;
}

DdJournal *
dd_drill_get_journal (DdDrill *self)
{
  g_return_val_if_fail (DD_IS_DRILL (self), NULL);
  return self->journal;
}

void
dd_drill_set_time_func (DdDrill         *self,
                        DdDrillTimeFunc  func,
                        gpointer         user_data)
{
  g_return_if_fail (DD_IS_DRILL (self));

  self->time_func = func ? func : default_time_func;
  self->time_data = func ? user_data : NULL;
  self->wall_base_us = wall_now (self);
  self->sim_base = self->time;
}

gint64
dd_drill_get_time (DdDrill *self)
{
  g_return_val_if_fail (DD_IS_DRILL (self), 0);
  return self->time;
}

gboolean
dd_drill_is_running (DdDrill *self)
{
  g_return_val_if_fail (DD_IS_DRILL (self), FALSE);
  return self->running;
}

double
dd_drill_get_speed (DdDrill *self)
{
  g_return_val_if_fail (DD_IS_DRILL (self), 1.0);
  return self->speed;
}

void
dd_drill_set_speed (DdDrill *self,
                    double   speed)
{
  g_return_if_fail (DD_IS_DRILL (self));
  g_return_if_fail (speed > 0 && speed <= 1440);

  if (speed == self->speed)
    return;
  /* Keep the simulated time reached; continue at the new speed. */
  if (self->running)
    {
      self->wall_base_us = wall_now (self);
      self->sim_base = self->time;
    }
  self->speed = speed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEED]);
}

static gboolean
tick_cb (gpointer user_data)
{
  DdDrill *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!dd_drill_tick (self, &error))
    {
      g_warning ("%s", error->message);
      dd_drill_pause (self);
    }
  return G_SOURCE_CONTINUE;
}

void
dd_drill_run (DdDrill *self,
              guint    tick_ms)
{
  g_return_if_fail (DD_IS_DRILL (self));

  if (self->running || self->finished)
    return;
  self->running = TRUE;
  self->wall_base_us = wall_now (self);
  self->sim_base = self->time;
  if (tick_ms > 0)
    self->tick_id = g_timeout_add (tick_ms, tick_cb, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

void
dd_drill_pause (DdDrill *self)
{
  g_return_if_fail (DD_IS_DRILL (self));

  if (!self->running)
    return;
  self->running = FALSE;
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

gboolean
dd_drill_tick (DdDrill  *self,
               GError  **error)
{
  gint64 elapsed_us, target;

  g_return_val_if_fail (DD_IS_DRILL (self), FALSE);

  if (!self->running || self->finished)
    return TRUE;

  elapsed_us = wall_now (self) - self->wall_base_us;
  target = self->sim_base + (gint64) ((double) elapsed_us * self->speed / G_USEC_PER_SEC);
  return dd_drill_advance_to (self, target, error);
}

gboolean
dd_drill_advance_to (DdDrill  *self,
                     gint64    time,
                     GError  **error)
{
  gboolean ok;

  g_return_val_if_fail (DD_IS_DRILL (self), FALSE);

  if (!check_not_finished (self, error))
    return FALSE;
  if (time < self->time)
    return TRUE;

  ok = deliver_due (self, time, error);
  if (ok)
    set_time (self, time);
  if (self->running)
    {
      /* After a jump, a running clock continues from where it landed. */
      gint64 elapsed_us = wall_now (self) - self->wall_base_us;
      gint64 expected = self->sim_base + (gint64) ((double) elapsed_us * self->speed / G_USEC_PER_SEC);

      if (expected != self->time)
        {
          self->wall_base_us = wall_now (self);
          self->sim_base = self->time;
        }
    }
  evaluate (self);
  return ok;
}

gboolean
dd_drill_jump_to_next_inject (DdDrill  *self,
                              GError  **error)
{
  gint64 next;

  g_return_val_if_fail (DD_IS_DRILL (self), FALSE);

  if (!check_not_finished (self, error))
    return FALSE;
  /* An "absent" inject may still be held back by an action before its
   * time; it is the next one only if nothing intervenes. */
  if (dd_replay_next_inject (self->state, &next) == NULL)
    return FALSE;
  return dd_drill_advance_to (self, next, error);
}

gboolean
dd_drill_deliver_inject (DdDrill     *self,
                         const char  *inject_id,
                         GError     **error)
{
  const DdInject *inject;
  gint64 at;

  g_return_val_if_fail (DD_IS_DRILL (self), FALSE);

  if (!check_not_finished (self, error))
    return FALSE;
  inject = dd_scenario_lookup_inject (self->scenario, inject_id);
  if (inject == NULL || dd_replay_is_delivered (self->state, inject_id) ||
      !dd_inject_delivery_time (self->scenario, inject, dd_replay_get_actions (self->state), &at))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_STATE, _("That inject cannot be delivered now."));
      return FALSE;
    }
  return dd_drill_advance_to (self, MAX (at, self->time), error);
}

gboolean
dd_drill_record_action (DdDrill   *self,
                        DdAction  *action,
                        GError   **error)
{
  g_autofree char *problem = NULL;
  g_autoptr(JsonObject) body = NULL;
  const DdRecordedAction *recorded;

  g_return_val_if_fail (DD_IS_DRILL (self), FALSE);
  g_return_val_if_fail (action != NULL, FALSE);

  if (!check_not_finished (self, error))
    return FALSE;

  /* What is due now is delivered before anything is done now. */
  if (!deliver_due (self, self->time, error))
    return FALSE;

  problem = dd_action_check (action, self->plan);
  if (problem != NULL)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID, "%s", problem);
      return FALSE;
    }

  action->at = self->time;
  action->wall_us = g_get_real_time ();

  body = dd_action_to_json (action);
  if (!append_record (self, DD_RECORD_ACTION, body, error))
    return FALSE;

  recorded = last_recorded (self);
  show_action (self, recorded);
  g_signal_emit (self, signals[SIGNAL_ACTION_RECORDED], 0, recorded->action, (guint) MAX (recorded->index, 0));

  /* Injects waiting for this action may be due at once. */
  if (!deliver_due (self, self->time, error))
    return FALSE;

  evaluate (self);
  return TRUE;
}

gboolean
dd_drill_finish (DdDrill  *self,
                 GError  **error)
{
  g_autoptr(JsonObject) body = NULL;
  gint64 end;

  g_return_val_if_fail (DD_IS_DRILL (self), FALSE);

  if (!check_not_finished (self, error))
    return FALSE;

  /* The drill ends now: what was due by now is delivered, nothing
   * later (an early end is recorded as what it is). */
  end = self->time;
  if (!deliver_due (self, end, error))
    return FALSE;

  body = dd_record_end_new (end);
  if (!append_record (self, DD_RECORD_END, body, error))
    return FALSE;

  dd_drill_pause (self);
  self->finished = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINISHED]);
  evaluate (self);
  return TRUE;
}

gboolean
dd_drill_is_finished (DdDrill *self)
{
  g_return_val_if_fail (DD_IS_DRILL (self), FALSE);
  return self->finished;
}

DdPlan *
dd_drill_get_plan (DdDrill *self)
{
  g_return_val_if_fail (DD_IS_DRILL (self), NULL);
  return self->plan;
}

DdScenario *
dd_drill_get_scenario (DdDrill *self)
{
  g_return_val_if_fail (DD_IS_DRILL (self), NULL);
  return self->scenario;
}

GPtrArray *
dd_drill_get_actions (DdDrill *self)
{
  g_return_val_if_fail (DD_IS_DRILL (self), NULL);
  return dd_replay_get_actions (self->state);
}

const char *
dd_drill_get_phase (DdDrill *self)
{
  g_return_val_if_fail (DD_IS_DRILL (self), NULL);
  return self->phase;
}

DdScore *
dd_drill_get_score (DdDrill *self)
{
  g_return_val_if_fail (DD_IS_DRILL (self), NULL);
  return dd_replay_get_score (self->state);
}

gboolean
dd_drill_is_delivered (DdDrill    *self,
                       const char *inject_id)
{
  g_return_val_if_fail (DD_IS_DRILL (self), FALSE);
  return dd_replay_is_delivered (self->state, inject_id);
}

GListModel *
dd_drill_get_inject_model (DdDrill *self)
{
  g_return_val_if_fail (DD_IS_DRILL (self), NULL);
  return G_LIST_MODEL (self->inject_model);
}

GListModel *
dd_drill_get_action_model (DdDrill *self)
{
  g_return_val_if_fail (DD_IS_DRILL (self), NULL);
  return G_LIST_MODEL (self->action_model);
}

GListModel *
dd_drill_get_finding_model (DdDrill *self)
{
  g_return_val_if_fail (DD_IS_DRILL (self), NULL);
  return G_LIST_MODEL (self->finding_model);
}

DdReplay *
dd_drill_get_replay (DdDrill *self)
{
  g_return_val_if_fail (DD_IS_DRILL (self), NULL);
  return self->state;
}

gboolean
dd_drill_add_note (DdDrill  *self,
                   DdNote   *note,
                   GError  **error)
{
  g_autoptr(JsonObject) body = NULL;

  g_return_val_if_fail (DD_IS_DRILL (self), FALSE);
  g_return_val_if_fail (note != NULL, FALSE);

  if (!check_not_finished (self, error))
    return FALSE;
  note->at = self->time;
  if (note->phase == NULL)
    note->phase = g_strdup (dd_replay_get_phase (self->state));
  body = dd_note_to_json (note);
  return append_record (self, DD_RECORD_NOTE, body, error);
}

gboolean
dd_drill_correct_action (DdDrill       *self,
                         DdCorrection  *correction,
                         GError       **error)
{
  g_autoptr(JsonObject) body = NULL;

  g_return_val_if_fail (DD_IS_DRILL (self), FALSE);
  g_return_val_if_fail (correction != NULL, FALSE);

  if (!check_not_finished (self, error))
    return FALSE;
  correction->recorded_at = self->time;
  body = dd_correction_to_json (correction);
  if (!append_record (self, DD_RECORD_CORRECTION, body, error))
    return FALSE;
  g_signal_emit (self, signals[SIGNAL_ACTION_CORRECTED], 0,
                 g_ptr_array_index (dd_replay_get_corrections (self->state),
                                    dd_replay_get_corrections (self->state)->len - 1));
  evaluate (self);
  return TRUE;
}

gboolean
dd_drill_rate_objective (DdDrill           *self,
                         DdRatingOverride  *rating,
                         GError           **error)
{
  g_autoptr(JsonObject) body = NULL;

  g_return_val_if_fail (DD_IS_DRILL (self), FALSE);
  g_return_val_if_fail (rating != NULL, FALSE);

  /* The evaluation goes on after the end: no check that it is running */
  body = dd_rating_override_to_json (rating);
  return append_record (self, DD_RECORD_RATING, body, error);
}
