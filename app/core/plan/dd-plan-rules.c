/* dd-plan-rules.c — the plan's rules and scoring: loader and helpers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * <rules> and <scoring> of a plan file, read into DdRule and DdScoring;
 * the helpers that say whether a rule applies and what a finding costs.
 * Nothing about the plan's content is written here.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "dd-plan-private.h"

void
dd_plan_rule_free (gpointer p)
{
  DdRule *x = p;
  g_free (x->id); g_free (x->clause); g_free (x->phase); g_free (x->text);
  g_free (x->message); g_free (x->action); g_free (x->report_type);
  g_strfreev (x->recipients); g_strfreev (x->roles); g_strfreev (x->role_kinds);
  g_strfreev (x->severities); g_strfreev (x->response_levels); g_strfreev (x->categories);
  g_free (x->anchor_action); g_free (x->threshold_note);
  g_free (x->consequence_clause); g_free (x->missing_message);
  g_strfreev (x->requires); g_free (x->same_as); g_free (x->target);
  g_strfreev (x->fields); g_strfreev (x->owed_by); g_strfreev (x->owed_by_kinds);
  g_free (x->once); g_free (x->before); g_strfreev (x->or_actions);
  g_free (x);
}

static void
late_grade_free (gpointer p)
{
  DdLateGrade *x = p;
  g_free (x->id); g_free (x->name);
  g_free (x);
}

static void
one_fault_free (gpointer p)
{
  DdOneFault *x = p;
  g_strfreev (x->kinds);
  g_free (x);
}

/* Every id of @ids is a role kind, or an error at @n. */
static gboolean
check_role_kinds (Loader     *ld,
                  xmlNode    *n,
                  const char *rule_id,
                  char      **ids)
{
  for (guint i = 0; ids[i] != NULL; i++)
    if (!dd_role_kind_from_string (ids[i], NULL))
      {
        dd_xml_node_error (ld->error, n, _("rule \"%s\": unknown role kind \"%s\""), rule_id, ids[i]);
        return FALSE;
      }
  return TRUE;
}

void
dd_plan_rating_free (gpointer p)
{
  DdRating *x = p;
  g_free (x->id); g_free (x->name); g_free (x->letter); g_free (x->definition);
  g_free (x);
}

gboolean
dd_plan_parse_rules (Loader  *ld,
                     xmlNode *root)
{
  DD_XML_FOREACH (n, dd_xml_child (root, "rules"), "rule")
    {
      DdRule *r = g_new0 (DdRule, 1);
      g_autofree char *match = dd_plan_prop (n, "recipients-match");
      g_autofree char *owed = dd_plan_prop (n, "owed");
      int kind, finding, severity, anchor, missing;

      r->id = dd_plan_prop (n, "id");
      r->clause = dd_plan_prop (n, "clause");
      r->phase = dd_plan_prop (n, "phase");
      r->text = dd_xml_child_text (n, "text");
      r->message = dd_xml_child_text (n, "message");
      r->action = dd_plan_prop (n, "action");
      r->report_type = dd_plan_prop (n, "report-type");
      r->recipients = dd_plan_prop_list (n, "recipients");
      r->all_recipients = g_strcmp0 (match, "all") == 0;
      r->roles = dd_plan_prop_list (n, "roles");
      r->role_kinds = dd_plan_prop_list (n, "role-kinds");
      r->severities = dd_plan_prop_list (n, "severities");
      r->response_levels = dd_plan_prop_list (n, "response-levels");
      r->categories = dd_plan_prop_list (n, "categories");
      r->anchor_action = dd_plan_prop (n, "anchor-action");
      r->immediate = dd_plan_prop_bool (n, "immediate", FALSE);
      r->threshold_note = dd_xml_child_text (n, "threshold-note");
      r->consequence_clause = dd_plan_prop (n, "consequence-clause");
      r->owed_by = dd_plan_prop_list (n, "owed-by");
      r->owed_by_kinds = dd_plan_prop_list (n, "owed-by-kinds");
      r->each_owes = g_strcmp0 (owed, "each") == 0;
      r->once = dd_plan_prop (n, "once");
      r->before = dd_plan_prop (n, "before");
      r->or_actions = dd_plan_prop_list (n, "or-actions");
      r->missing_message = dd_xml_child_text (n, "missing-message");
      r->requires = dd_plan_prop_list (n, "requires");
      r->same_as = dd_plan_prop (n, "same-as");
      r->target = dd_plan_prop (n, "target");
      r->fields = dd_plan_prop_list (n, "fields");
      g_ptr_array_add (ld->plan->rules, r);

      if (!dd_plan_parse_enum_attr (ld, n, "kind", dd_plan_rule_kind_names, TRUE, 0, &kind) ||
          !dd_plan_parse_enum_attr (ld, n, "finding", dd_plan_finding_kind_names, TRUE, 0, &finding) ||
          !dd_plan_parse_enum_attr (ld, n, "severity", dd_plan_finding_severity_names, TRUE, 0, &severity) ||
          !dd_plan_parse_enum_attr (ld, n, "anchor", dd_plan_rule_anchor_names, FALSE,
                                    DD_RULE_ANCHOR_INCIDENT_START, &anchor) ||
          !dd_plan_parse_enum_attr (ld, n, "missing-severity", dd_plan_finding_severity_names, FALSE,
                                    severity, &missing) ||
          !dd_plan_prop_uint (ld, n, "minutes", 0, &r->minutes))
        return FALSE;
      r->kind = kind;
      r->finding = finding;
      r->severity = severity;
      r->anchor = anchor;
      r->missing_severity = missing;

      if (!dd_plan_index_add (ld, ld->plan->rule_index, n, "rule", r->id, r))
        return FALSE;

      if (r->all_recipients && (r->kind != DD_RULE_KIND_OBLIGATION || r->recipients[0] == NULL))
        {
          dd_xml_node_error (ld->error, n, _("rule \"%s\": recipients-match=\"all\" needs an obligation with recipients"), r->id);
          return FALSE;
        }
      if (r->kind == DD_RULE_KIND_DEADLINE && r->anchor == DD_RULE_ANCHOR_ACTION &&
          r->anchor_action == NULL)
        {
          dd_xml_node_error (ld->error, n, _("rule \"%s\": anchor=\"action\" needs anchor-action"), r->id);
          return FALSE;
        }
      if (!check_role_kinds (ld, n, r->id, r->role_kinds) ||
          !check_role_kinds (ld, n, r->id, r->owed_by_kinds))
        return FALSE;
      /* Never doing a duty weighs at least as much as doing it late. */
      if (r->missing_severity < r->severity)
        {
          dd_xml_node_error (ld->error, n, _("rule \"%s\": missing-severity is lighter than severity"), r->id);
          return FALSE;
        }
      if ((r->before != NULL || r->or_actions[0] != NULL) && r->once == NULL)
        {
          dd_xml_node_error (ld->error, n, _("rule \"%s\": before and or-actions need once"), r->id);
          return FALSE;
        }

      dd_plan_add_ref (ld, n, "clause", REF_CLAUSE, r->clause);
      dd_plan_add_ref (ld, n, "consequence-clause", REF_CLAUSE, r->consequence_clause);
      dd_plan_add_refs (ld, n, "owed-by", REF_ROLE, r->owed_by);
      dd_plan_add_ref (ld, n, "once", REF_ACTION, r->once);
      dd_plan_add_ref (ld, n, "before", REF_ACTION, r->before);
      dd_plan_add_refs (ld, n, "or-actions", REF_ACTION, r->or_actions);
      dd_plan_add_ref (ld, n, "phase", REF_PHASE, r->phase);
      dd_plan_add_ref (ld, n, "action", REF_ACTION, r->action);
      dd_plan_add_ref (ld, n, "report-type", REF_REPORT_TYPE, r->report_type);
      dd_plan_add_refs (ld, n, "recipients", REF_ROLE, r->recipients);
      dd_plan_add_refs (ld, n, "roles", REF_ROLE, r->roles);
      dd_plan_add_refs (ld, n, "severities", REF_SEVERITY, r->severities);
      dd_plan_add_refs (ld, n, "response-levels", REF_RESPONSE_LEVEL, r->response_levels);
      dd_plan_add_refs (ld, n, "categories", REF_CATEGORY, r->categories);
      dd_plan_add_ref (ld, n, "anchor-action", REF_ACTION, r->anchor_action);
      dd_plan_add_refs (ld, n, "requires", REF_ACTION, r->requires);
      dd_plan_add_ref (ld, n, "same-as", REF_ACTION, r->same_as);
      if (r->kind == DD_RULE_KIND_REPORT_CONTENT)
        dd_plan_add_refs (ld, n, "fields", g_strcmp0 (r->target, "form") == 0 ? REF_FORM_FIELD : REF_CONTENT,
                          r->fields);
    }
  return TRUE;
}

static int
rating_cmp (gconstpointer a,
            gconstpointer b)
{
  const DdRating *ra = *(const DdRating * const *) a;
  const DdRating *rb = *(const DdRating * const *) b;

  return (ra->min_score < rb->min_score) - (ra->min_score > rb->min_score);
}

/* The <@name severity points> children of @node into @points (minor,
 * major, critical in a row, as in DdScoring); with @required, every
 * severity must be given. */
static gboolean
parse_deductions (Loader     *ld,
                  xmlNode    *node,
                  const char *name,
                  gboolean    required,
                  double     *points)
{
  gboolean seen[3] = { FALSE, FALSE, FALSE };

  G_STATIC_ASSERT (G_STRUCT_OFFSET (DdScoring, deduction_critical) ==
                   G_STRUCT_OFFSET (DdScoring, deduction_minor) + DD_FINDING_SEVERITY_CRITICAL * sizeof (double));
  G_STATIC_ASSERT (G_STRUCT_OFFSET (DdScoring, overall_deduction_critical) ==
                   G_STRUCT_OFFSET (DdScoring, overall_deduction_minor) + DD_FINDING_SEVERITY_CRITICAL * sizeof (double));

  DD_XML_FOREACH (n, node, name)
    {
      int sev;

      if (!dd_plan_parse_enum_attr (ld, n, "severity", dd_plan_finding_severity_names, TRUE, 0, &sev))
        return FALSE;
      if (seen[sev])
        {
          dd_xml_node_error (ld->error, n, _("duplicate %s for severity \"%s\""), name, dd_plan_finding_severity_names[sev]);
          return FALSE;
        }
      seen[sev] = TRUE;
      if (!dd_plan_prop_double (ld, n, "points", &points[sev]))
        return FALSE;
    }
  for (guint i = 0; required && i < G_N_ELEMENTS (seen); i++)
    if (!seen[i])
      {
        dd_xml_node_error (ld->error, node, _("scoring has no %s for severity \"%s\""), name, dd_plan_finding_severity_names[i]);
        return FALSE;
      }
  return TRUE;
}

gboolean
dd_plan_parse_scoring (Loader  *ld,
                       xmlNode *root)
{
  xmlNode *node = dd_xml_child (root, "scoring");
  DdScoring *s = &ld->plan->scoring;
  g_autoptr(GHashTable) ids = dd_plan_new_index ();

  if (!dd_plan_prop_double (ld, node, "max-score", &s->max_score))
    return FALSE;
  s->note = dd_xml_child_text (node, "note");

  DD_XML_FOREACH (n, node, "phase-weight")
    {
      g_autofree char *phase = dd_plan_prop (n, "phase");
      DdPhase *p = phase ? g_hash_table_lookup (ld->plan->phase_index, phase) : NULL;
      double w;

      if (p == NULL)
        {
          dd_xml_node_error (ld->error, n, _("phase-weight refers to unknown phase \"%s\""), phase ? phase : "");
          return FALSE;
        }
      if (!dd_plan_prop_double (ld, n, "weight", &w))
        return FALSE;
      p->weight = w;
    }

  if (!parse_deductions (ld, node, "deduction", TRUE, &s->deduction_minor) ||
      !parse_deductions (ld, node, "overall-deduction", FALSE, &s->overall_deduction_minor))
    return FALSE;

  DD_XML_FOREACH (n, node, "rating")
    {
      DdRating *r = g_new0 (DdRating, 1);

      r->id = dd_plan_prop (n, "id");
      r->name = dd_plan_prop (n, "name");
      r->letter = dd_plan_prop (n, "letter");
      r->definition = dd_plan_prop (n, "definition");
      g_ptr_array_add (s->ratings, r);
      if (!dd_plan_prop_double (ld, n, "min", &r->min_score) ||
          !dd_plan_index_add (ld, ids, n, "rating", r->id, r))
        return FALSE;
    }
  g_ptr_array_sort (s->ratings, rating_cmp);

  s->not_assessed = dd_plan_prop (dd_xml_child (node, "not-assessed"), "name");

  DD_XML_FOREACH (n, dd_xml_child (node, "lateness"), "grade")
    {
      DdLateGrade *g = g_new0 (DdLateGrade, 1);
      const DdLateGrade *last = s->late_grades->len > 0
                                ? g_ptr_array_index (s->late_grades, s->late_grades->len - 1) : NULL;

      g->id = dd_plan_prop (n, "id");
      g->name = dd_plan_prop (n, "name");
      g_ptr_array_add (s->late_grades, g);
      if (!dd_plan_prop_uint (ld, n, "up-to-minutes", 0, &g->up_to_minutes) ||
          !dd_plan_prop_double (ld, n, "factor", &g->factor))
        return FALSE;
      if (g->factor <= 0 || g->factor >= 1)
        {
          dd_xml_node_error (ld->error, n, _("grade \"%s\": factor must lie between 0 and 1 "
                             "(a late step weighs less than one never taken)"), g->id);
          return FALSE;
        }
      if (last != NULL && (last->up_to_minutes == 0 || last->up_to_minutes >= g->up_to_minutes ||
                           last->factor > g->factor) && g->up_to_minutes != 0)
        {
          dd_xml_node_error (ld->error, n, _("grade \"%s\": grades go from the least late to the most, "
                             "the unbounded one last"), g->id);
          return FALSE;
        }
      if (last != NULL && last->up_to_minutes == 0)
        {
          dd_xml_node_error (ld->error, n, _("grade \"%s\": after the unbounded grade"), g->id);
          return FALSE;
        }
    }

  DD_XML_FOREACH (n, node, "one-fault")
    {
      DdOneFault *f = g_new0 (DdOneFault, 1);
      g_autofree char *on = dd_plan_prop (n, "on");

      f->kinds = dd_plan_prop_list (n, "findings");
      f->on_duty = g_strcmp0 (on, "duty") == 0;
      g_ptr_array_add (s->one_faults, f);
      for (guint k = 0; f->kinds[k] != NULL; k++)
        if (!dd_finding_kind_from_string (f->kinds[k], NULL))
          {
            dd_xml_node_error (ld->error, n, _("one-fault: unknown finding kind \"%s\""), f->kinds[k]);
            return FALSE;
          }
    }
  return TRUE;
}

void
dd_plan_scoring_init (DdScoring *s)
{
  s->ratings = g_ptr_array_new_with_free_func (dd_plan_rating_free);
  s->late_grades = g_ptr_array_new_with_free_func (late_grade_free);
  s->one_faults = g_ptr_array_new_with_free_func (one_fault_free);
}

void
dd_plan_scoring_clear (DdScoring *s)
{
  g_clear_pointer (&s->ratings, g_ptr_array_unref);
  g_clear_pointer (&s->late_grades, g_ptr_array_unref);
  g_clear_pointer (&s->one_faults, g_ptr_array_unref);
  g_clear_pointer (&s->not_assessed, g_free);
  g_clear_pointer (&s->note, g_free);
}

const DdLateGrade *
dd_scoring_late_grade (const DdScoring *scoring,
                       gint64           seconds_late)
{
  g_return_val_if_fail (scoring != NULL, NULL);

  for (guint i = 0; i < scoring->late_grades->len; i++)
    {
      const DdLateGrade *g = g_ptr_array_index (scoring->late_grades, i);

      if (g->up_to_minutes == 0 || seconds_late <= (gint64) g->up_to_minutes * 60)
        return g;
    }
  return scoring->late_grades->len > 0
         ? g_ptr_array_index (scoring->late_grades, scoring->late_grades->len - 1) : NULL;
}

gboolean
dd_response_level_may_close (const DdResponseLevel *level,
                             const DdRole          *role)
{
  g_return_val_if_fail (level != NULL, FALSE);

  return role != NULL &&
         (g_strv_contains ((const char * const *) level->closers, role->id) ||
          g_strv_contains ((const char * const *) level->closer_kinds, dd_role_kind_to_string (role->kind)));
}

gboolean
dd_rule_allows_role (const DdRule *rule,
                     const DdRole *role)
{
  g_return_val_if_fail (rule != NULL, FALSE);

  if (rule->roles[0] == NULL && rule->role_kinds[0] == NULL)
    return TRUE;
  if (role == NULL)
    return FALSE;
  return g_strv_contains ((const char * const *) rule->roles, role->id) ||
         g_strv_contains ((const char * const *) rule->role_kinds, dd_role_kind_to_string (role->kind));
}

static gboolean
condition_holds (char       **list,
                 const char  *value)
{
  if (list == NULL || list[0] == NULL)
    return TRUE;
  return value != NULL && g_strv_contains ((const char * const *) list, value);
}

gboolean
dd_rule_applies (const DdRule *rule,
                 const char   *severity_id,
                 const char   *category_id,
                 const char   *response_level_id)
{
  g_return_val_if_fail (rule != NULL, FALSE);

  return condition_holds (rule->severities, severity_id) &&
         condition_holds (rule->categories, category_id) &&
         condition_holds (rule->response_levels, response_level_id);
}

double
dd_scoring_deduction (const DdScoring   *scoring,
                      DdFindingSeverity  severity)
{
  g_return_val_if_fail (scoring != NULL, 0);

  switch (severity)
    {
    case DD_FINDING_SEVERITY_MINOR: return scoring->deduction_minor;
    case DD_FINDING_SEVERITY_MAJOR: return scoring->deduction_major;
    case DD_FINDING_SEVERITY_CRITICAL: return scoring->deduction_critical;
    default: return 0;
    }
}

double
dd_scoring_overall_deduction (const DdScoring   *scoring,
                              DdFindingSeverity  severity)
{
  g_return_val_if_fail (scoring != NULL, 0);

  switch (severity)
    {
    case DD_FINDING_SEVERITY_MINOR: return scoring->overall_deduction_minor;
    case DD_FINDING_SEVERITY_MAJOR: return scoring->overall_deduction_major;
    case DD_FINDING_SEVERITY_CRITICAL: return scoring->overall_deduction_critical;
    default: return 0;
    }
}

const DdRating *
dd_scoring_rate (const DdScoring *scoring,
                 double           score)
{
  g_return_val_if_fail (scoring != NULL, NULL);

  for (guint i = 0; i < scoring->ratings->len; i++)
    {
      const DdRating *r = g_ptr_array_index (scoring->ratings, i);
      if (score >= r->min_score)
        return r;
    }
  return scoring->ratings->len > 0 ? g_ptr_array_index (scoring->ratings, scoring->ratings->len - 1) : NULL;
}
