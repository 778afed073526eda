/* dd-plan-lookup.c — reading a loaded plan: accessors and lookups
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "dd-plan-private.h"

/* ------------------------------------------------------------------ */
/* Accessors                                                           */

const char *
dd_plan_get_source_name (DdPlan *self)
{
  g_return_val_if_fail (DD_IS_PLAN (self), NULL);
  return self->source_name;
}

const char *
dd_plan_get_source_sha256 (DdPlan *self)
{
  g_return_val_if_fail (DD_IS_PLAN (self), NULL);
  return self->source_sha256;
}

const DdPlanIdentity *
dd_plan_get_identity (DdPlan *self)
{
  g_return_val_if_fail (DD_IS_PLAN (self), NULL);
  return &self->identity;
}

const char *
dd_plan_get_id (DdPlan *self)
{
  g_return_val_if_fail (DD_IS_PLAN (self), NULL);
  return self->identity.id;
}

const char *
dd_plan_get_title (DdPlan *self)
{
  g_return_val_if_fail (DD_IS_PLAN (self), NULL);
  return self->identity.title;
}

static GDate
revision_due_date (DdPlan *self)
{
  GDate due = self->issued;

  g_date_add_years (&due, self->identity.revision_interval_years);
  return due;
}

GDateTime *
dd_plan_get_revision_due (DdPlan *self)
{
  GDate due;

  g_return_val_if_fail (DD_IS_PLAN (self), NULL);
  due = revision_due_date (self);
  return g_date_time_new_local (g_date_get_year (&due), g_date_get_month (&due),
                                g_date_get_day (&due), 0, 0, 0);
}

gboolean
dd_plan_is_past_revision (DdPlan    *self,
                          GDateTime *now)
{
  GDate due, today;
  int y, m, d;

  g_return_val_if_fail (DD_IS_PLAN (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (self->identity.revision_interval_years == 0)
    return FALSE;
  due = revision_due_date (self);
  g_date_time_get_ymd (now, &y, &m, &d);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return g_date_compare (&today, &due) > 0;
}

#define ARRAY_GETTER(name, field)                     \
  GPtrArray *                                         \
  dd_plan_get_##name (DdPlan *self)                   \
  {                                                   \
    g_return_val_if_fail (DD_IS_PLAN (self), NULL);   \
    return self->field;                               \
  }

ARRAY_GETTER (phases, phases)
ARRAY_GETTER (categories, categories)
ARRAY_GETTER (severities, severities)
ARRAY_GETTER (warning_levels, warning_levels)
ARRAY_GETTER (roles, roles)
ARRAY_GETTER (phone_rows, phone_rows)
ARRAY_GETTER (report_contents, report_contents)
ARRAY_GETTER (form_fields, form_fields)
ARRAY_GETTER (hazards, hazards)
ARRAY_GETTER (report_types, report_types)
ARRAY_GETTER (response_levels, response_levels)
ARRAY_GETTER (action_kinds, action_kinds)
ARRAY_GETTER (provisions, provisions)
ARRAY_GETTER (rules, rules)

#define STRING_GETTER(name, field)                    \
  const char *                                        \
  dd_plan_get_##name (DdPlan *self)                   \
  {                                                   \
    g_return_val_if_fail (DD_IS_PLAN (self), NULL);   \
    return self->field;                               \
  }

STRING_GETTER (classification_standard, classification_standard)
STRING_GETTER (classification_clause, classification_clause)
STRING_GETTER (severity_clause, severity_clause)
STRING_GETTER (report_clause, report_clause)
STRING_GETTER (form_title, form_title)
STRING_GETTER (form_clause, form_clause)
STRING_GETTER (phone_table_title, phone_table_title)
STRING_GETTER (phone_area_code, phone_area_code)

const DdScoring *
dd_plan_get_scoring (DdPlan *self)
{
  g_return_val_if_fail (DD_IS_PLAN (self), NULL);
  return &self->scoring;
}

const DdWorkflowLabels *
dd_plan_get_workflow_labels (DdPlan *self)
{
  g_return_val_if_fail (DD_IS_PLAN (self), NULL);
  return &self->workflow;
}

#define LOOKUP(Type, name, index)                                 \
  const Type *                                                    \
  dd_plan_lookup_##name (DdPlan     *self,                        \
                         const char *id)                          \
  {                                                               \
    g_return_val_if_fail (DD_IS_PLAN (self), NULL);               \
    if (id == NULL)                                               \
      return NULL;                                                \
    return g_hash_table_lookup (self->index, id);                 \
  }

LOOKUP (DdPhase, phase, phase_index)
LOOKUP (DdCategory, category, category_index)
LOOKUP (DdSeverity, severity, severity_index)
LOOKUP (DdWarningLevel, warning_level, warning_index)

const DdCapProfile *
dd_plan_get_cap_profile (DdPlan *self)
{
  g_return_val_if_fail (DD_IS_PLAN (self), NULL);
  return self->cap;
}
LOOKUP (DdRole, role, role_index)
LOOKUP (DdResponseLevel, response_level, response_index)
LOOKUP (DdActionKind, action_kind, action_index)
LOOKUP (DdProvision, provision, provision_index)
LOOKUP (DdRule, rule, rule_index)
LOOKUP (DdFormField, form_field, field_index)

const DdSubtype *
dd_plan_lookup_subtype (DdPlan            *self,
                        const char        *id,
                        const DdCategory **category_out)
{
  g_return_val_if_fail (DD_IS_PLAN (self), NULL);

  if (category_out != NULL)
    *category_out = id ? g_hash_table_lookup (self->subtype_parent, id) : NULL;
  return id ? g_hash_table_lookup (self->subtype_index, id) : NULL;
}

const DdSeverity *
dd_plan_get_undetermined_severity (DdPlan *self)
{
  g_return_val_if_fail (DD_IS_PLAN (self), NULL);
  return self->undetermined;
}

const DdWarningLevel *
dd_plan_warning_level_for_severity (DdPlan     *self,
                                    const char *severity_id)
{
  g_return_val_if_fail (DD_IS_PLAN (self), NULL);

  for (guint i = 0; severity_id != NULL && i < self->warning_levels->len; i++)
    {
      const DdWarningLevel *w = g_ptr_array_index (self->warning_levels, i);
      if (g_strcmp0 (w->severity, severity_id) == 0)
        return w;
    }
  return NULL;
}

const DdProvision *
dd_plan_lookup_provision_by_clause (DdPlan     *self,
                                    const char *clause)
{
  g_return_val_if_fail (DD_IS_PLAN (self), NULL);

  for (guint i = 0; clause != NULL && i < self->provisions->len; i++)
    {
      const DdProvision *p = g_ptr_array_index (self->provisions, i);
      if (g_strcmp0 (p->clause, clause) == 0)
        return p;
    }
  return NULL;
}

GPtrArray *
dd_plan_get_roles_of_kind (DdPlan     *self,
                           DdRoleKind  kind)
{
  GPtrArray *out;

  g_return_val_if_fail (DD_IS_PLAN (self), NULL);

  out = g_ptr_array_new ();
  for (guint i = 0; i < self->roles->len; i++)
    {
      DdRole *r = g_ptr_array_index (self->roles, i);
      if (r->kind == kind)
        g_ptr_array_add (out, r);
    }
  return out;
}

const char *
dd_plan_get_role_kind_label (DdPlan     *self,
                             DdRoleKind  kind)
{
  const char *shared = NULL;

  g_return_val_if_fail (DD_IS_PLAN (self), NULL);
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (self->kind_labels), NULL);

  if (self->kind_labels[kind] != NULL)
    return self->kind_labels[kind];
  for (guint i = 0; i < self->roles->len; i++)
    {
      const DdRole *r = g_ptr_array_index (self->roles, i);

      if (r->kind != kind)
        continue;
      if (shared != NULL && g_strcmp0 (shared, r->name) != 0)
        return NULL;
      shared = r->name;
    }
  return shared;
}

/* A role by its name; where the plan gives several roles one title (six
 * are deputy commanders), by the plan's fuller name for it (its short name,
 * e.g. the deputy commander who heads the city's cyberspace office). */
const char *
dd_plan_role_label (DdPlan       *self,
                    const DdRole *role)
{
  g_return_val_if_fail (DD_IS_PLAN (self), NULL);
  g_return_val_if_fail (role != NULL, NULL);

  for (guint i = 0; i < self->roles->len; i++)
    {
      const DdRole *other = g_ptr_array_index (self->roles, i);

      if (other != role && g_strcmp0 (other->name, role->name) == 0)
        return role->short_name != NULL ? role->short_name : role->id;
    }
  return role->name;
}

GPtrArray *
dd_plan_get_children (DdPlan     *self,
                      const char *role_id)
{
  GPtrArray *out;

  g_return_val_if_fail (DD_IS_PLAN (self), NULL);

  out = g_ptr_array_new ();
  for (guint i = 0; i < self->roles->len; i++)
    {
      DdRole *r = g_ptr_array_index (self->roles, i);
      if (g_strcmp0 (r->parent, role_id) == 0)
        g_ptr_array_add (out, r);
    }
  return out;
}

gboolean
dd_role_has_tag (const DdRole *role,
                 const char   *tag)
{
  g_return_val_if_fail (role != NULL, FALSE);
  return tag != NULL && g_strv_contains ((const char * const *) role->tags, tag);
}


gboolean
dd_plan_has_clause (DdPlan     *self,
                    const char *clause)
{
  g_return_val_if_fail (DD_IS_PLAN (self), FALSE);

  if (clause == NULL)
    return FALSE;
  if (dd_plan_lookup_provision_by_clause (self, clause) != NULL)
    return TRUE;
  for (guint i = 0; i < self->response_levels->len; i++)
    {
      const DdResponseLevel *l = g_ptr_array_index (self->response_levels, i);

      if (g_strcmp0 (l->clause, clause) == 0 || g_strcmp0 (l->conditions_clause, clause) == 0 ||
          g_strcmp0 (l->procedure_clause, clause) == 0 || g_strcmp0 (l->measures_clause, clause) == 0 ||
          g_strcmp0 (l->closure_clause, clause) == 0)
        return TRUE;
      for (guint k = 0; k < l->conditions->len; k++)
        if (g_strcmp0 (((const DdClauseText *) g_ptr_array_index (l->conditions, k))->clause, clause) == 0)
          return TRUE;
      for (guint k = 0; k < l->measures->len; k++)
        if (g_strcmp0 (((const DdMeasure *) g_ptr_array_index (l->measures, k))->clause, clause) == 0)
          return TRUE;
    }
  return FALSE;
}
