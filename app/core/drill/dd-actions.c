/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-actions.c — drill actions, their JSON form, and scripted drills
 *
 * Copyright 2024 The DrillDesk authors
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <gio/gio.h>

#include "dd-actions.h"
#include "dd-error.h"
#include "dd-xml.h"

/* ------------------------------------------------------------------ */
/* DdAction                                                            */

DdAction *
dd_action_new (gint64      at,
               const char *role,
               const char *kind)
{
  DdAction *action = g_new0 (DdAction, 1);

  action->at = at;
  action->role = g_strdup (role);
  action->kind = g_strdup (kind);
  action->to = g_new0 (char *, 1);
  action->field_ids = g_new0 (char *, 1);
  action->field_values = g_new0 (char *, 1);
  return action;
}

DdAction *
dd_action_copy (const DdAction *action)
{
  DdAction *copy;

  g_return_val_if_fail (action != NULL, NULL);

  copy = g_new0 (DdAction, 1);
  copy->at = action->at;
  copy->wall_us = action->wall_us;
  copy->role = g_strdup (action->role);
  copy->kind = g_strdup (action->kind);
  copy->report_type = g_strdup (action->report_type);
  copy->to = g_strdupv (action->to);
  copy->level = g_strdup (action->level);
  copy->field_ids = g_strdupv (action->field_ids);
  copy->field_values = g_strdupv (action->field_values);
  copy->text = g_strdup (action->text);
  return copy;
}

void
dd_action_free (DdAction *action)
{
  if (action == NULL)
    return;
  g_free (action->role);
  g_free (action->kind);
  g_free (action->report_type);
  g_strfreev (action->to);
  g_free (action->level);
  g_strfreev (action->field_ids);
  g_strfreev (action->field_values);
  g_free (action->text);
  g_free (action);
}

const char *
dd_action_get_field (const DdAction *action,
                     const char     *id)
{
  g_return_val_if_fail (action != NULL, NULL);

  for (guint i = 0; action->field_ids[i] != NULL; i++)
    if (strcmp (action->field_ids[i], id) == 0)
      {
        const char *v = action->field_values[i];

        for (const char *p = v; *p != '\0'; p = g_utf8_next_char (p))
          if (!g_unichar_isspace (g_utf8_get_char (p)))
            return v;
        return NULL;
      }
  return NULL;
}

void
dd_action_set_field (DdAction   *action,
                     const char *id,
                     const char *value)
{
  guint n;

  g_return_if_fail (action != NULL && id != NULL);

  for (n = 0; action->field_ids[n] != NULL; n++)
    if (strcmp (action->field_ids[n], id) == 0)
      {
        g_free (action->field_values[n]);
        action->field_values[n] = g_strdup (value ? value : "");
        return;
      }

  action->field_ids = g_renew (char *, action->field_ids, n + 2);
  action->field_values = g_renew (char *, action->field_values, n + 2);
  action->field_ids[n] = g_strdup (id);
  action->field_values[n] = g_strdup (value ? value : "");
  action->field_ids[n + 1] = NULL;
  action->field_values[n + 1] = NULL;
}

void
dd_action_set_to (DdAction           *action,
                  const char *const *to)
{
  g_return_if_fail (action != NULL);

  g_strfreev (action->to);
  action->to = to ? g_strdupv ((char **) to) : g_new0 (char *, 1);
}

gboolean
dd_action_has_recipient (const DdAction *action,
                         const char     *role_id)
{
  g_return_val_if_fail (action != NULL, FALSE);
  return role_id != NULL && g_strv_contains ((const char *const *) action->to, role_id);
}

static char *
check_field (const DdAction *action,
             DdPlan         *plan,
             guint           i)
{
  const char *id = action->field_ids[i];
  const char *value = action->field_values[i];
  const DdFormField *field = dd_plan_lookup_form_field (plan, id);

  if (field == NULL)
    return g_strdup_printf (_("“%s” is not a field of the report form"), id);
  if (dd_action_get_field (action, id) == NULL)
    return NULL;

  switch (field->type)
    {
    case DD_FIELD_TYPE_CATEGORY:
      if (dd_plan_lookup_category (plan, value) == NULL)
        return g_strdup_printf (_("field “%s”: “%s” is not a category of the plan"), id, value);
      break;
    case DD_FIELD_TYPE_SEVERITY:
      if (dd_plan_lookup_severity (plan, value) == NULL)
        return g_strdup_printf (_("field “%s”: “%s” is not a severity level of the plan"), id, value);
      break;
    case DD_FIELD_TYPE_HAZARDS:
      {
        g_auto(GStrv) items = g_strsplit_set (value, " \t\n", -1);
        GPtrArray *hazards = dd_plan_get_hazards (plan);

        for (guint k = 0; items[k] != NULL; k++)
          {
            gboolean found = FALSE;

            if (items[k][0] == '\0')
              continue;
            for (guint h = 0; h < hazards->len && !found; h++)
              found = g_strcmp0 (((const DdOption *) g_ptr_array_index (hazards, h))->id, items[k]) == 0;
            if (!found)
              return g_strdup_printf (_("field “%s”: “%s” is not a hazard of the report form"), id, items[k]);
          }
      }
      break;
    case DD_FIELD_TYPE_TEXT:
    case DD_FIELD_TYPE_DATETIME:
    case DD_FIELD_TYPE_LONGTEXT:
    default:
      break;
    }
  return NULL;
}

char *
dd_action_check (const DdAction *action,
                 DdPlan         *plan)
{
  const DdActionKind *kind;

  g_return_val_if_fail (action != NULL, NULL);
  g_return_val_if_fail (DD_IS_PLAN (plan), NULL);

  if (action->role == NULL || dd_plan_lookup_role (plan, action->role) == NULL)
    return g_strdup_printf (_("role “%s” is not a role of the plan"), action->role ? action->role : "");

  kind = action->kind ? dd_plan_lookup_action_kind (plan, action->kind) : NULL;
  if (kind == NULL)
    return g_strdup_printf (_("“%s” is not an action of the plan"), action->kind ? action->kind : "");

  for (guint i = 0; action->to[i] != NULL; i++)
    if (dd_plan_lookup_role (plan, action->to[i]) == NULL)
      return g_strdup_printf (_("recipient “%s” is not a role of the plan"), action->to[i]);

  switch (kind->form)
    {
    case DD_ACTION_FORM_REPORT:
      {
        GPtrArray *types = dd_plan_get_report_types (plan);
        gboolean found = FALSE;

        if (action->report_type == NULL)
          return g_strdup_printf (_("the action “%s” needs a report-type"), action->kind);
        for (guint i = 0; i < types->len && !found; i++)
          found = g_strcmp0 (((const DdOption *) g_ptr_array_index (types, i))->id, action->report_type) == 0;
        if (!found)
          return g_strdup_printf (_("“%s” is not a report type of the plan"), action->report_type);
        if (action->to[0] == NULL)
          return g_strdup_printf (_("the report needs recipients (to)"));
        for (guint i = 0; action->field_ids[i] != NULL; i++)
          {
            char *msg = check_field (action, plan, i);

            if (msg != NULL)
              return msg;
          }
      }
      break;
    case DD_ACTION_FORM_WARNING:
      if (action->level == NULL || dd_plan_lookup_warning_level (plan, action->level) == NULL)
        return g_strdup_printf (_("the action “%s” needs a warning level of the plan (level), not “%s”"),
                                action->kind, action->level ? action->level : "");
      break;
    case DD_ACTION_FORM_RESPONSE_LEVEL:
      if (action->level == NULL || dd_plan_lookup_response_level (plan, action->level) == NULL)
        return g_strdup_printf (_("the action “%s” needs a response level of the plan (level), not “%s”"),
                                action->kind, action->level ? action->level : "");
      break;
    case DD_ACTION_FORM_NONE:
    case DD_ACTION_FORM_CONTENT:
    default:
      break;
    }

  if (kind->form != DD_ACTION_FORM_REPORT && action->field_ids[0] != NULL)
    return g_strdup_printf (_("the action “%s” has no report form: fields are not allowed"), action->kind);
  if (kind->form != DD_ACTION_FORM_REPORT && action->report_type != NULL)
    return g_strdup_printf (_("the action “%s” is not a report: report-type is not allowed"), action->kind);
  if (kind->form != DD_ACTION_FORM_WARNING && kind->form != DD_ACTION_FORM_RESPONSE_LEVEL &&
      action->level != NULL)
    return g_strdup_printf (_("the action “%s” takes no level"), action->kind);

  return NULL;
}

JsonObject *
dd_action_to_json (const DdAction *action)
{
  JsonObject *o = json_object_new ();

  g_return_val_if_fail (action != NULL, o);

  json_object_set_int_member (o, "at", action->at);
  json_object_set_string_member (o, "role", action->role);
  json_object_set_string_member (o, "kind", action->kind);
  if (action->report_type != NULL)
    json_object_set_string_member (o, "report-type", action->report_type);
  if (action->to[0] != NULL)
    {
      JsonArray *to = json_array_new ();

      for (guint i = 0; action->to[i] != NULL; i++)
        json_array_add_string_element (to, action->to[i]);
      json_object_set_array_member (o, "to", to);
    }
  if (action->level != NULL)
    json_object_set_string_member (o, "level", action->level);
  if (action->field_ids[0] != NULL)
    {
      JsonObject *fields = json_object_new ();

      for (guint i = 0; action->field_ids[i] != NULL; i++)
        json_object_set_string_member (fields, action->field_ids[i], action->field_values[i]);
      json_object_set_object_member (o, "fields", fields);
    }
  if (action->text != NULL)
    json_object_set_string_member (o, "text", action->text);
  if (action->wall_us != 0)
    json_object_set_int_member (o, "wall-us", action->wall_us);
  return o;
}

static gboolean
get_string (JsonObject  *o,
            const char  *name,
            gboolean     required,
            char       **out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (o, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        {
          g_set_error (error, DD_ERROR, DD_ERROR_INVALID, _("the action has no “%s”"), name);
          return FALSE;
        }
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID, _("the action’s “%s” is not a string"), name);
      return FALSE;
    }
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

DdAction *
dd_action_from_json (JsonObject  *object,
                     GError     **error)
{
  g_autoptr(DdAction) action = NULL;
  JsonNode *node;

  g_return_val_if_fail (object != NULL, NULL);

  action = dd_action_new (0, NULL, NULL);

  node = json_object_get_member (object, "at");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID, _("the action has no integer “at”"));
      return NULL;
    }
  action->at = json_node_get_int (node);

  if (!get_string (object, "role", TRUE, &action->role, error) ||
      !get_string (object, "kind", TRUE, &action->kind, error) ||
      !get_string (object, "report-type", FALSE, &action->report_type, error) ||
      !get_string (object, "level", FALSE, &action->level, error) ||
      !get_string (object, "text", FALSE, &action->text, error))
    return NULL;

  node = json_object_get_member (object, "to");
  if (node != NULL)
    {
      JsonArray *arr;
      g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          g_set_error (error, DD_ERROR, DD_ERROR_INVALID, _("the action’s “to” is not a list"));
          return NULL;
        }
      arr = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (arr); i++)
        {
          JsonNode *e = json_array_get_element (arr, i);

          if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_STRING)
            {
              g_set_error (error, DD_ERROR, DD_ERROR_INVALID, _("the action’s “to” holds a non-string"));
              return NULL;
            }
          g_strv_builder_add (b, json_node_get_string (e));
        }
      g_strfreev (action->to);
      action->to = g_strv_builder_end (b);
    }

  node = json_object_get_member (object, "fields");
  if (node != NULL)
    {
      JsonObject *fields;
      g_autoptr(GList) members = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, DD_ERROR, DD_ERROR_INVALID, _("the action’s “fields” is not an object"));
          return NULL;
        }
      fields = json_node_get_object (node);
      members = json_object_get_members (fields);
      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *v = json_object_get_member (fields, l->data);

          if (!JSON_NODE_HOLDS_VALUE (v) || json_node_get_value_type (v) != G_TYPE_STRING)
            {
              g_set_error (error, DD_ERROR, DD_ERROR_INVALID, _("the action’s field “%s” is not a string"),
                           (const char *) l->data);
              return NULL;
            }
          dd_action_set_field (action, l->data, json_node_get_string (v));
        }
    }

  node = json_object_get_member (object, "wall-us");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    action->wall_us = json_node_get_int (node);

  return g_steal_pointer (&action);
}

/* ------------------------------------------------------------------ */
/* Inject delivery                                                     */

static gboolean
action_matches_condition (DdScenario              *scenario,
                          const DdAction          *action,
                          const DdInjectCondition *cond)
{
  if (g_strcmp0 (action->kind, cond->action) != 0)
    return FALSE;
  return cond->role == NULL || dd_scenario_role_matches (scenario, action->role, cond->role);
}

/* The room's information release as of @before, for a release condition:
 * the first release (matching @cond's action and role) taken before
 * @before, whether an approval came before it, and the first approved
 * and the first unapproved one.  Times are -1 when there is none. */
void
dd_release_facts (DdScenario              *scenario,
                  const DdInjectCondition *cond,
                  GPtrArray               *actions,
                  gint64                   before,
                  DdReleaseFacts          *facts)
{
  gint64 approved_at = -1;

  g_return_if_fail (DD_IS_SCENARIO (scenario));
  g_return_if_fail (cond != NULL && facts != NULL);

  *facts = (DdReleaseFacts) { -1, FALSE, -1, -1 };
  for (guint i = 0; actions != NULL && i < actions->len; i++)
    {
      const DdAction *a = g_ptr_array_index (actions, i);

      if (a->at >= before)
        break;
      if (approved_at < 0 && g_strcmp0 (a->kind, cond->approval) == 0)
        approved_at = a->at;
      if (!action_matches_condition (scenario, a, cond))
        continue;
      if (facts->first < 0)
        {
          facts->first = a->at;
          facts->first_approved = approved_at >= 0;
        }
      if (approved_at >= 0 && facts->approved < 0)
        facts->approved = a->at;
      if (approved_at < 0 && facts->unapproved < 0)
        facts->unapproved = a->at;
    }
}

/* A release condition: whether it lets @inject go, and from when. */
static gboolean
release_condition_time (DdScenario              *scenario,
                        const DdInject          *inject,
                        const DdInjectCondition *cond,
                        GPtrArray               *actions,
                        gint64                  *t)
{
  gint64 by = cond->has_by ? cond->by : inject->at;
  DdReleaseFacts f;

  switch (cond->type)
    {
    case DD_CONDITION_RELEASE_MISSING:
      /* known only at the deadline; a release at that very moment comes
       * after the delivery, as for "absent" */
      *t = MAX (*t, by);
      dd_release_facts (scenario, cond, actions, *t, &f);
      return f.approved < 0 || f.approved >= by;
    case DD_CONDITION_RELEASE_UNAPPROVED:
      dd_release_facts (scenario, cond, actions, G_MAXINT64, &f);
      if (f.unapproved < 0)
        return FALSE;
      *t = MAX (*t, f.unapproved);
      return TRUE;
    case DD_CONDITION_RELEASE_TIMELY:
      dd_release_facts (scenario, cond, actions, by, &f);
      if (f.first < 0 || !f.first_approved)
        return FALSE;
      *t = MAX (*t, f.first);
      return TRUE;
    case DD_CONDITION_AFTER:
    case DD_CONDITION_ABSENT:
    default:
      return TRUE;
    }
}

gboolean
dd_inject_delivery_time (DdScenario     *scenario,
                         const DdInject *inject,
                         GPtrArray      *actions,
                         gint64         *time_out)
{
  gint64 t;

  g_return_val_if_fail (DD_IS_SCENARIO (scenario), FALSE);
  g_return_val_if_fail (inject != NULL, FALSE);

  t = inject->at;

  /* "after": wait for the first matching action */
  for (guint c = 0; c < inject->conditions->len; c++)
    {
      const DdInjectCondition *cond = g_ptr_array_index (inject->conditions, c);
      gboolean found = FALSE;

      if (cond->type != DD_CONDITION_AFTER)
        continue;
      for (guint i = 0; actions != NULL && i < actions->len && !found; i++)
        {
          const DdAction *a = g_ptr_array_index (actions, i);

          if (action_matches_condition (scenario, a, cond))
            {
              found = TRUE;
              t = MAX (t, a->at);
            }
        }
      if (!found)
        return FALSE;
    }

  /* the information release: may wait, or hold the inject back */
  for (guint c = 0; c < inject->conditions->len; c++)
    {
      const DdInjectCondition *cond = g_ptr_array_index (inject->conditions, c);

      if (dd_condition_type_is_release (cond->type) &&
          !release_condition_time (scenario, inject, cond, actions, &t))
        return FALSE;
    }

  /* "absent": held back by a matching action taken before delivery.  An
   * action at the very delivery time comes after it (the drill delivers
   * what is due before it records what players do). */
  for (guint c = 0; c < inject->conditions->len; c++)
    {
      const DdInjectCondition *cond = g_ptr_array_index (inject->conditions, c);

      if (cond->type != DD_CONDITION_ABSENT)
        continue;
      for (guint i = 0; actions != NULL && i < actions->len; i++)
        {
          const DdAction *a = g_ptr_array_index (actions, i);

          if (a->at < t && action_matches_condition (scenario, a, cond))
            return FALSE;
        }
    }

  if (time_out != NULL)
    *time_out = t;
  return TRUE;
}

static int
delivery_compare (gconstpointer a,
                  gconstpointer b)
{
  const DdInjectDelivery *da = *(const DdInjectDelivery *const *) a;
  const DdInjectDelivery *db = *(const DdInjectDelivery *const *) b;

  if (da->time != db->time)
    return da->time < db->time ? -1 : 1;
  return (int) da->inject->index - (int) db->inject->index;
}

GPtrArray *
dd_scenario_deliveries (DdScenario *scenario,
                        GPtrArray  *actions,
                        gint64      now)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *injects;

  g_return_val_if_fail (DD_IS_SCENARIO (scenario), out);

  injects = dd_scenario_get_injects (scenario);
  for (guint i = 0; i < injects->len; i++)
    {
      const DdInject *inject = g_ptr_array_index (injects, i);
      gint64 t;

      if (dd_inject_delivery_time (scenario, inject, actions, &t) && t <= now)
        {
          DdInjectDelivery *d = g_new0 (DdInjectDelivery, 1);

          d->inject = inject;
          d->time = t;
          g_ptr_array_add (out, d);
        }
    }
  g_ptr_array_sort (out, delivery_compare);
  return out;
}

/* ------------------------------------------------------------------ */
/* DdActionScript                                                      */

struct _DdActionScript
{
  GObject    parent_instance;

  char      *scenario_id;
  char      *plan_id;
  char      *title;
  char      *description;
  GPtrArray *actions;
  GPtrArray *expected;
};

G_DEFINE_FINAL_TYPE (DdActionScript, dd_action_script, G_TYPE_OBJECT)

static void
expected_free (gpointer data)
{
  DdExpectedFinding *e = data;

  g_free (e->rule);
  g_free (e->clause);
  g_free (e->note);
  g_free (e);
}

static void
dd_action_script_finalize (GObject *object)
{
  DdActionScript *self = DD_ACTION_SCRIPT (object);

  g_free (self->scenario_id);
  g_free (self->plan_id);
  g_free (self->title);
  g_free (self->description);
  g_ptr_array_unref (self->actions);
  g_ptr_array_unref (self->expected);

  G_OBJECT_CLASS (dd_action_script_parent_class)->finalize (object);
}

static void
dd_action_script_class_init (DdActionScriptClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_action_script_finalize;
}

static void
dd_action_script_init (DdActionScript *self)
{
  self->actions = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_action_free);
  self->expected = g_ptr_array_new_with_free_func (expected_free);
}

const DdInjectExpect *
dd_scenario_lookup_expectation (DdScenario *scenario,
                                const char *rule)
{
  GPtrArray *injects;

  g_return_val_if_fail (DD_IS_SCENARIO (scenario), NULL);
  g_return_val_if_fail (rule != NULL, NULL);

  if (!g_str_has_prefix (rule, "msel."))
    return NULL;
  injects = dd_scenario_get_injects (scenario);
  for (guint i = 0; i < injects->len; i++)
    {
      const DdInject *inject = g_ptr_array_index (injects, i);

      for (guint k = 0; k < inject->expects->len; k++)
        {
          const DdInjectExpect *e = g_ptr_array_index (inject->expects, k);
          g_autofree char *id = g_strdup_printf ("msel.%s.%s", inject->id, e->action);

          if (strcmp (id, rule) == 0)
            return e;
        }
    }
  return NULL;
}

static gboolean
is_scenario_expectation (DdScenario *scenario,
                         const char *rule,
                         const char *clause)
{
  const DdInjectExpect *e = scenario != NULL ? dd_scenario_lookup_expectation (scenario, rule) : NULL;

  return e != NULL && g_strcmp0 (e->clause, clause) == 0;
}

/* Where in the script @problem (from dd_action_check ()) lies: the
 * offending <field> when it is about a field, else the <action>. */
static xmlNode *
problem_node (const DdAction *action,
              DdPlan         *plan,
              xmlNode        *action_node,
              const char     *problem)
{
  const DdActionKind *kind = dd_plan_lookup_action_kind (plan, action->kind);
  guint i = 0;

  DD_XML_FOREACH (field, action_node, "field")
    {
      g_autofree char *msg = NULL;

      if (action->field_ids[i] == NULL)
        break;
      /* "fields are not allowed" is about the first one */
      if (kind != NULL && kind->form != DD_ACTION_FORM_REPORT)
        return field;
      msg = check_field (action, plan, i++);
      if (g_strcmp0 (msg, problem) == 0)
        return field;
    }
  return action_node;
}

static gboolean
load_script (DdActionScript  *self,
             xmlDoc          *doc,
             DdPlan          *plan,
             DdScenario      *scenario,
             GError         **error)
{
  xmlNode *root = xmlDocGetRootElement (doc);
  gint64 last = G_MININT64;

  self->scenario_id = dd_xml_prop (root, "scenario");
  self->plan_id = dd_xml_prop (root, "plan");
  self->title = dd_xml_child_text (root, "title");
  self->description = dd_xml_child_text (root, "description");

  if (self->plan_id != NULL && g_strcmp0 (self->plan_id, dd_plan_get_id (plan)) != 0)
    {
      dd_xml_node_error (error, root, _("the script is written for plan “%s”, but plan “%s” is loaded"),
                         self->plan_id, dd_plan_get_id (plan));
      return FALSE;
    }
  if (scenario != NULL && g_strcmp0 (self->scenario_id, dd_scenario_get_id (scenario)) != 0)
    {
      dd_xml_node_error (error, root, _("the script is for scenario “%s”, not “%s”"),
                         self->scenario_id, dd_scenario_get_id (scenario));
      return FALSE;
    }

  DD_XML_FOREACH (child, root, "expect")
    {
      DdExpectedFinding *e = g_new0 (DdExpectedFinding, 1);
      const DdRule *rule;

      e->rule = dd_xml_prop (child, "rule");
      e->clause = dd_xml_prop (child, "clause");
      e->note = dd_xml_text (child);
      g_ptr_array_add (self->expected, e);

      rule = dd_plan_lookup_rule (plan, e->rule);
      if (rule == NULL && !is_scenario_expectation (scenario, e->rule, e->clause))
        {
          dd_xml_node_error (error, child, _("rule “%s” with clause %s is neither a rule of the plan nor an expectation of the scenario"),
                             e->rule, e->clause);
          return FALSE;
        }
      if (rule != NULL && g_strcmp0 (rule->clause, e->clause) != 0 &&
          g_strcmp0 (rule->consequence_clause, e->clause) != 0)
        {
          dd_xml_node_error (error, child, _("rule “%s” cites clause %s, not %s"),
                             e->rule, rule->clause, e->clause);
          return FALSE;
        }
    }

  DD_XML_FOREACH (child, root, "action")
    {
      g_autofree char *at = dd_xml_prop (child, "at");
      g_autofree char *to = dd_xml_prop (child, "to");
      g_autofree char *problem = NULL;
      DdAction *action = dd_action_new (0, NULL, NULL);

      g_ptr_array_add (self->actions, action);
      action->role = dd_xml_prop (child, "role");
      action->kind = dd_xml_prop (child, "kind");
      action->report_type = dd_xml_prop (child, "report-type");
      action->level = dd_xml_prop (child, "level");
      action->text = dd_xml_child_text (child, "text");
      if (to != NULL)
        {
          g_strfreev (action->to);
          action->to = g_strsplit (to, " ", -1);
        }

      DD_XML_FOREACH (field, child, "field")
        {
          g_autofree char *id = dd_xml_prop (field, "id");
          g_autofree char *value = dd_xml_text (field);

          if (dd_action_get_field (action, id) != NULL)
            {
              dd_xml_node_error (error, field, _("field “%s” is given twice"), id);
              return FALSE;
            }
          dd_action_set_field (action, id, value);
        }

      if (!dd_offset_parse (at, &action->at))
        {
          dd_xml_node_error (error, child, _("at=\"%s\" is not a time offset (H:MM or H:MM:SS)"), at);
          return FALSE;
        }
      if (action->at < last)
        {
          dd_xml_node_error (error, child, _("the actions are not in time order: %s comes after a later one"), at);
          return FALSE;
        }
      last = action->at;

      problem = dd_action_check (action, plan);
      if (problem != NULL)
        {
          dd_xml_node_error (error, problem_node (action, plan, child, problem), "%s", problem);
          return FALSE;
        }
    }

  return TRUE;
}

DdActionScript *
dd_action_script_load_data (const char  *display_name,
                            const char  *data,
                            gsize        len,
                            DdPlan      *plan,
                            DdScenario  *scenario,
                            GError     **error)
{
  g_autoptr(DdActionScript) self = NULL;
  g_autoptr(xmlDoc) doc = NULL;

  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (DD_IS_PLAN (plan), NULL);
  g_return_val_if_fail (scenario == NULL || DD_IS_SCENARIO (scenario), NULL);

  doc = dd_xml_load_data (display_name, data, len, "actions.rng", error);
  if (doc == NULL)
    return NULL;

  self = g_object_new (DD_TYPE_ACTION_SCRIPT, NULL);
  if (!load_script (self, doc, plan, scenario, error))
    return NULL;
  return g_steal_pointer (&self);
}

DdActionScript *
dd_action_script_load_file (const char  *path,
                            DdPlan      *plan,
                            DdScenario  *scenario,
                            GError     **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(DdActionScript) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (DD_IS_PLAN (plan), NULL);

  doc = dd_xml_load_file (path, "actions.rng", error);
  if (doc == NULL)
    return NULL;

  self = g_object_new (DD_TYPE_ACTION_SCRIPT, NULL);
  if (!load_script (self, doc, plan, scenario, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
dd_action_script_get_scenario_id (DdActionScript *self)
{
  g_return_val_if_fail (DD_IS_ACTION_SCRIPT (self), NULL);
  return self->scenario_id;
}

const char *
dd_action_script_get_plan_id (DdActionScript *self)
{
  g_return_val_if_fail (DD_IS_ACTION_SCRIPT (self), NULL);
  return self->plan_id;
}

const char *
dd_action_script_get_title (DdActionScript *self)
{
  g_return_val_if_fail (DD_IS_ACTION_SCRIPT (self), NULL);
  return self->title;
}

const char *
dd_action_script_get_description (DdActionScript *self)
{
  g_return_val_if_fail (DD_IS_ACTION_SCRIPT (self), NULL);
  return self->description;
}

GPtrArray *
dd_action_script_get_actions (DdActionScript *self)
{
  g_return_val_if_fail (DD_IS_ACTION_SCRIPT (self), NULL);
  return self->actions;
}

GPtrArray *
dd_action_script_get_expected (DdActionScript *self)
{
  g_return_val_if_fail (DD_IS_ACTION_SCRIPT (self), NULL);
  return self->expected;
}
