/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-dry-run.c — play a scenario's ideal actions at full speed and score them
 *
 * Copyright 2024 The DrillDesk authors
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "dd-actions.h"
#include "dd-drill.h"
#include "dd-dry-run.h"
#include "dd-error.h"

#define IDEAL_SCRIPT "ideal.actions.xml"
#define MAX_ROUNDS 8

void
dd_dry_run_free (DdDryRun *run)
{
  if (run == NULL)
    return;
  g_clear_object (&run->score);
  g_free (run->script);
  g_free (run);
}

/* The level of @form (warning or response) that fits the true severity. */
static const char *
matching_level (DdPlan      *plan,
                DdScenario  *scenario,
                DdActionForm form)
{
  const char *severity = dd_scenario_get_incident (scenario)->severity;

  if (form == DD_ACTION_FORM_WARNING)
    {
      const DdWarningLevel *w = dd_plan_warning_level_for_severity (plan, severity);
      return w ? w->id : NULL;
    }
  if (form == DD_ACTION_FORM_RESPONSE_LEVEL)
    {
      GPtrArray *levels = dd_plan_get_response_levels (plan);

      for (guint i = 0; i < levels->len; i++)
        {
          const DdResponseLevel *l = g_ptr_array_index (levels, i);

          if (g_strv_contains ((const char *const *) l->severities, severity))
            return l->id;
        }
    }
  return NULL;
}

/* Recipients the plan's rules about @kind ask for in this incident. */
static char **
plan_recipients (DdPlan     *plan,
                 DdScenario *scenario,
                 const char *kind)
{
  const DdIncident *inc = dd_scenario_get_incident (scenario);
  GPtrArray *rules = dd_plan_get_rules (plan);
  g_autoptr(GPtrArray) to = g_ptr_array_new ();

  for (guint r = 0; r < rules->len; r++)
    {
      const DdRule *rule = g_ptr_array_index (rules, r);

      if (rule->kind != DD_RULE_KIND_DEADLINE || g_strcmp0 (rule->action, kind) != 0 ||
          !dd_rule_applies (rule, inc->severity, inc->category, NULL) || rule->recipients == NULL ||
          rule->recipients[0] == NULL)
        continue;
      /* one recipient per rule is enough to meet it */
      if (!g_ptr_array_find_with_equal_func (to, rule->recipients[0], g_str_equal, NULL))
        g_ptr_array_add (to, rule->recipients[0]);
    }
  if (to->len == 0)
    {
      g_autoptr(GPtrArray) offices = dd_plan_get_roles_of_kind (plan, DD_ROLE_KIND_OFFICE);

      if (offices->len > 0)
        g_ptr_array_add (to, ((const DdRole *) g_ptr_array_index (offices, 0))->id);
    }
  g_ptr_array_add (to, NULL);
  return g_strdupv ((char **) to->pdata);
}

static void
fill_report (DdPlan         *plan,
             DdScenario     *scenario,
             DdAction       *action,
             const DdInject *inject,
             const char     *text)
{
  const DdIncident *inc = dd_scenario_get_incident (scenario);
  GPtrArray *fields = dd_plan_get_form_fields (plan);
  GPtrArray *hazards = dd_plan_get_hazards (plan);
  g_autoptr(GDateTime) now = dd_scenario_offset_to_datetime (scenario, action->at);
  g_auto(GStrv) to = plan_recipients (plan, scenario, action->kind);

  dd_action_set_to (action, (const char *const *) to);
  for (guint i = 0; i < fields->len; i++)
    {
      const DdFormField *f = g_ptr_array_index (fields, i);
      g_autofree char *value = NULL;

      switch (f->type)
        {
        case DD_FIELD_TYPE_CATEGORY:
          value = g_strdup (inc->category);
          break;
        case DD_FIELD_TYPE_SEVERITY:
          value = g_strdup (dd_scenario_severity_at (scenario, action->at));
          break;
        case DD_FIELD_TYPE_HAZARDS:
          value = hazards->len > 0 ? g_strdup (((const DdOption *) g_ptr_array_index (hazards, 0))->id) : NULL;
          break;
        case DD_FIELD_TYPE_DATETIME:
          value = g_date_time_format (now, "%Y-%m-%d %H:%M");
          break;
        case DD_FIELD_TYPE_TEXT:
          value = g_strdup (inc->unit_name ? inc->unit_name : inc->system);
          break;
        case DD_FIELD_TYPE_LONGTEXT:
        default:
          value = g_strdup (text ? text : inject->content);
          break;
        }
      if (value != NULL)
        dd_action_set_field (action, f->id, value);
    }
}

static int
compare_actions (gconstpointer a,
                 gconstpointer b)
{
  const DdAction *x = *(const DdAction *const *) a;
  const DdAction *y = *(const DdAction *const *) b;

  return x->at < y->at ? -1 : x->at > y->at;
}

/* The actions the injects delivered under @previous call for. */
static GPtrArray *
actions_for (DdPlan     *plan,
             DdScenario *scenario,
             GPtrArray  *previous)
{
  g_autoptr(GPtrArray) deliveries = dd_scenario_deliveries (scenario, previous, G_MAXINT64 / 4);
  GPtrArray *actions = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_action_free);
  g_autoptr(GHashTable) reported = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < deliveries->len; i++)
    {
      const DdInjectDelivery *d = g_ptr_array_index (deliveries, i);

      for (guint k = 0; k < d->inject->expects->len; k++)
        {
          const DdInjectExpect *e = g_ptr_array_index (d->inject->expects, k);
          const DdActionKind *kind = dd_plan_lookup_action_kind (plan, e->action);
          gint64 at = d->time + (e->within / 2 / 60) * 60;
          DdAction *a;

          if (kind == NULL)
            continue;
          a = dd_action_new (at, e->role, e->action);
          a->text = g_strdup (e->text);
          a->level = g_strdup (matching_level (plan, scenario, kind->form));
          g_ptr_array_add (actions, a);
        }
    }
  g_ptr_array_sort (actions, compare_actions);

  for (guint i = 0; i < actions->len; i++)
    {
      DdAction *a = g_ptr_array_index (actions, i);
      const DdActionKind *kind = dd_plan_lookup_action_kind (plan, a->kind);
      GPtrArray *types = dd_plan_get_report_types (plan);

      if (kind->form != DD_ACTION_FORM_REPORT)
        continue;
      /* the first report of a role is the first of the plan's report types, later ones the next */
      if (types->len > 0)
        {
          guint t = g_hash_table_contains (reported, a->role) && types->len > 1 ? 1 : 0;
          a->report_type = g_strdup (((const DdOption *) g_ptr_array_index (types, t))->id);
        }
      g_hash_table_add (reported, a->role);
      for (guint k = 0; k < deliveries->len; k++)
        {
          const DdInjectDelivery *d = g_ptr_array_index (deliveries, k);

          if (d->time <= a->at)
            {
              fill_report (plan, scenario, a, d->inject, a->text);
              break;
            }
        }
    }
  return actions;
}

static gboolean
same_actions (GPtrArray *a,
              GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      const DdAction *x = g_ptr_array_index (a, i), *y = g_ptr_array_index (b, i);

      if (x->at != y->at || g_strcmp0 (x->role, y->role) != 0 || g_strcmp0 (x->kind, y->kind) != 0)
        return FALSE;
    }
  return TRUE;
}

GPtrArray *
dd_dry_run_ideal_actions (DdPlan     *plan,
                          DdScenario *scenario)
{
  GPtrArray *actions = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_action_free);

  g_return_val_if_fail (DD_IS_PLAN (plan), NULL);
  g_return_val_if_fail (DD_IS_SCENARIO (scenario), NULL);

  /* Conditional injects depend on the actions taken: repeat until the
   * actions no longer change what is delivered. */
  for (guint round = 0; round < MAX_ROUNDS; round++)
    {
      GPtrArray *next = actions_for (plan, scenario, actions);
      gboolean stable = same_actions (next, actions);

      g_ptr_array_unref (actions);
      actions = next;
      if (stable)
        break;
    }
  return actions;
}

static DdActionScript *
load_ideal_script (DdPlan      *plan,
                   DdScenario  *scenario,
                   const char  *path,
                   GError     **error)
{
  if (path != NULL)
    return dd_action_script_load_file (path, plan, scenario, error);
  if (dd_scenario_get_base_dir (scenario) != NULL)
    {
      g_autofree char *beside = g_build_filename (dd_scenario_get_base_dir (scenario), IDEAL_SCRIPT, NULL);

      /* a script of another scenario (a template's) does not count */
      if (g_file_test (beside, G_FILE_TEST_IS_REGULAR))
        return dd_action_script_load_file (beside, plan, scenario, NULL);
    }
  return NULL;
}

static gint64
no_wall_clock (gpointer data)
{
  return 0;
}

DdDryRun *
dd_dry_run (DdPlan      *plan,
            DdScenario  *scenario,
            const char  *actions_path,
            GError     **error)
{
  g_autoptr(DdDryRun) run = g_new0 (DdDryRun, 1);
  g_autoptr(DdActionScript) script = NULL;
  g_autoptr(GPtrArray) generated = NULL;
  g_autoptr(DdDrill) drill = NULL;
  g_autoptr(GError) local = NULL;
  GPtrArray *actions;

  g_return_val_if_fail (DD_IS_PLAN (plan), NULL);
  g_return_val_if_fail (DD_IS_SCENARIO (scenario), NULL);

  script = load_ideal_script (plan, scenario, actions_path, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (script != NULL)
    {
      actions = dd_action_script_get_actions (script);
      run->script = actions_path ? g_strdup (actions_path)
                                 : g_build_filename (dd_scenario_get_base_dir (scenario), IDEAL_SCRIPT, NULL);
    }
  else
    actions = generated = dd_dry_run_ideal_actions (plan, scenario);

  drill = dd_drill_new (plan, scenario);
  dd_drill_set_time_func (drill, no_wall_clock, NULL);
  for (guint i = 0; i < actions->len; i++)
    {
      g_autoptr(DdAction) action = dd_action_copy (g_ptr_array_index (actions, i));

      if (!dd_drill_advance_to (drill, action->at, error))
        return NULL;
      if (!dd_drill_record_action (drill, action, &local))
        {
          /* a script must play as written; a generated action may not fit */
          if (script != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return NULL;
            }
          g_clear_error (&local);
          run->n_refused++;
          continue;
        }
      run->n_actions++;
    }
  if (!dd_drill_finish (drill, error))
    return NULL;

  run->score = g_object_ref (dd_drill_get_score (drill));
  run->n_injects = g_list_model_get_n_items (dd_drill_get_inject_model (drill));
  return g_steal_pointer (&run);
}
