/* dd-plan-json.c — everything a DdPlan holds, as JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built only from the public accessors of dd-plan.h.  Chinese text stays
 * UTF-8 (json_generator writes it as is, without \u escapes).
 */

#include "config.h"

#include "dd-plan.h"

static void
add_str (JsonBuilder *b,
         const char  *key,
         const char  *value)
{
  json_builder_set_member_name (b, key);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_int (JsonBuilder *b,
         const char  *key,
         gint64       value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_int_value (b, value);
}

static void
add_double (JsonBuilder *b,
            const char  *key,
            double       value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_double_value (b, value);
}

static void
add_bool (JsonBuilder *b,
          const char  *key,
          gboolean     value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_boolean_value (b, value);
}

static void
add_strv (JsonBuilder *b,
          const char  *key,
          char       **values)
{
  json_builder_set_member_name (b, key);
  json_builder_begin_array (b);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (b, values[i]);
  json_builder_end_array (b);
}

static void
add_options (JsonBuilder *b,
             const char  *key,
             GPtrArray   *options)
{
  json_builder_set_member_name (b, key);
  json_builder_begin_array (b);
  for (guint i = 0; i < options->len; i++)
    {
      const DdOption *o = g_ptr_array_index (options, i);
      json_builder_begin_object (b);
      add_str (b, "id", o->id);
      add_str (b, "label", o->label);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_identity (JsonBuilder *b,
              DdPlan      *plan)
{
  const DdPlanIdentity *id = dd_plan_get_identity (plan);
  g_autoptr(GDateTime) due = dd_plan_get_revision_due (plan);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *due_str = due ? g_date_time_format (due, "%Y-%m-%d") : NULL;

  json_builder_set_member_name (b, "identity");
  json_builder_begin_object (b);
  add_str (b, "id", id->id);
  add_str (b, "title", id->title);
  add_str (b, "short_title", id->short_title);
  add_str (b, "region", id->region);
  add_str (b, "level", id->level);
  add_str (b, "doc_number", id->doc_number);
  add_str (b, "issuer", id->issuer);
  add_str (b, "issued", id->issued);
  add_str (b, "effective_clause", id->effective_clause);
  add_str (b, "replaces", id->replaces);
  add_str (b, "replaces_issued", id->replaces_issued);
  add_int (b, "revision_interval_years", id->revision_interval_years);
  add_str (b, "revision_owner", id->revision_owner);
  add_str (b, "revision_clause", id->revision_clause);
  add_str (b, "revision_due", due_str);
  add_bool (b, "past_revision", dd_plan_is_past_revision (plan, now));
  add_int (b, "drill_interval_months", id->drill_interval_months);
  add_int (b, "drill_min_count", id->drill_min_count);
  add_str (b, "drill_organiser", id->drill_organiser);
  add_str (b, "drill_clause", id->drill_clause);
  add_strv (b, "drill_participant_kinds", id->drill_participant_kinds);
  add_str (b, "drill_min_severity", id->drill_min_severity);
  add_str (b, "interpreter", id->interpreter);
  json_builder_end_object (b);
}

static void
add_rule (JsonBuilder  *b,
          const DdRule *r)
{
  json_builder_begin_object (b);
  add_str (b, "id", r->id);
  add_str (b, "kind", dd_rule_kind_to_string (r->kind));
  add_str (b, "clause", r->clause);
  add_str (b, "finding", dd_finding_kind_to_string (r->finding));
  add_str (b, "severity", dd_finding_severity_to_string (r->severity));
  add_str (b, "phase", r->phase);
  add_str (b, "text", r->text);
  add_str (b, "message", r->message);
  add_str (b, "action", r->action);
  add_str (b, "report_type", r->report_type);
  add_strv (b, "recipients", r->recipients);
  if (r->all_recipients)
    add_str (b, "recipients_match", "all");
  add_strv (b, "roles", r->roles);
  add_strv (b, "role_kinds", r->role_kinds);
  add_strv (b, "severities", r->severities);
  add_strv (b, "response_levels", r->response_levels);
  add_strv (b, "categories", r->categories);
  if (r->kind == DD_RULE_KIND_DEADLINE)
    {
      add_str (b, "anchor", dd_rule_anchor_to_string (r->anchor));
      add_str (b, "anchor_action", r->anchor_action);
      add_int (b, "minutes", r->minutes);
      add_bool (b, "immediate", r->immediate);
      add_str (b, "threshold_note", r->threshold_note);
      add_str (b, "missing_severity", dd_finding_severity_to_string (r->missing_severity));
      add_str (b, "consequence_clause", r->consequence_clause);
      add_str (b, "missing_message", r->missing_message);
    }
  if (r->kind == DD_RULE_KIND_OBLIGATION)
    add_str (b, "consequence_clause", r->consequence_clause);
  add_strv (b, "owed_by", r->owed_by);
  add_strv (b, "owed_by_kinds", r->owed_by_kinds);
  if (r->owed_by[0] != NULL || r->owed_by_kinds[0] != NULL)
    add_str (b, "owed", r->each_owes ? "each" : "any");
  add_str (b, "once", r->once);
  add_str (b, "before", r->before);
  add_strv (b, "or_actions", r->or_actions);
  add_strv (b, "requires", r->requires);
  add_str (b, "same_as", r->same_as);
  add_str (b, "target", r->target);
  add_strv (b, "fields", r->fields);
  json_builder_end_object (b);
}

JsonNode *
dd_plan_to_json (DdPlan *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const DdScoring *scoring;
  const DdSeverity *undet;
  GPtrArray *a;

  g_return_val_if_fail (DD_IS_PLAN (self), NULL);

  json_builder_begin_object (b);
  add_str (b, "format", "drilldesk-plan");
  add_str (b, "source", dd_plan_get_source_name (self));
  add_str (b, "sha256", dd_plan_get_source_sha256 (self));
  add_identity (b, self);

  /* provisions */
  a = dd_plan_get_provisions (self);
  json_builder_set_member_name (b, "provisions");
  json_builder_begin_array (b);
  for (guint i = 0; i < a->len; i++)
    {
      const DdProvision *p = g_ptr_array_index (a, i);
      json_builder_begin_object (b);
      add_str (b, "id", p->id);
      add_str (b, "clause", p->clause);
      add_str (b, "title", p->title);
      add_str (b, "text", p->text);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  /* phases */
  a = dd_plan_get_phases (self);
  json_builder_set_member_name (b, "phases");
  json_builder_begin_array (b);
  for (guint i = 0; i < a->len; i++)
    {
      const DdPhase *p = g_ptr_array_index (a, i);
      json_builder_begin_object (b);
      add_str (b, "id", p->id);
      add_str (b, "name", p->name);
      add_str (b, "clause", p->clause);
      add_int (b, "order", p->order);
      add_double (b, "weight", p->weight);
      add_str (b, "description", p->description);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  /* the workflow chart's own words */
  {
    const DdWorkflowLabels *w = dd_plan_get_workflow_labels (self);

    json_builder_set_member_name (b, "workflow");
    json_builder_begin_object (b);
    add_str (b, "start", w->start);
    add_str (b, "decision", w->decision);
    add_str (b, "yes", w->yes);
    add_str (b, "no", w->no);
    add_str (b, "end", w->end);
    json_builder_end_object (b);
  }

  /* classification */
  json_builder_set_member_name (b, "classification");
  json_builder_begin_object (b);
  add_str (b, "standard", dd_plan_get_classification_standard (self));
  add_str (b, "clause", dd_plan_get_classification_clause (self));
  a = dd_plan_get_categories (self);
  json_builder_set_member_name (b, "categories");
  json_builder_begin_array (b);
  for (guint i = 0; i < a->len; i++)
    {
      const DdCategory *c = g_ptr_array_index (a, i);
      json_builder_begin_object (b);
      add_str (b, "id", c->id);
      add_str (b, "name", c->name);
      add_str (b, "form_label", c->form_label);
      add_str (b, "clause", c->clause);
      add_str (b, "description", c->description);
      json_builder_set_member_name (b, "subtypes");
      json_builder_begin_array (b);
      for (guint j = 0; j < c->subtypes->len; j++)
        {
          const DdSubtype *s = g_ptr_array_index (c->subtypes, j);
          json_builder_begin_object (b);
          add_str (b, "id", s->id);
          add_str (b, "name", s->name);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  /* severities */
  json_builder_set_member_name (b, "severities");
  json_builder_begin_object (b);
  add_str (b, "clause", dd_plan_get_severity_clause (self));
  a = dd_plan_get_severities (self);
  json_builder_set_member_name (b, "levels");
  json_builder_begin_array (b);
  for (guint i = 0; i < a->len; i++)
    {
      const DdSeverity *s = g_ptr_array_index (a, i);
      json_builder_begin_object (b);
      add_str (b, "id", s->id);
      add_str (b, "name", s->name);
      add_str (b, "full_name", s->full_name);
      add_int (b, "rank", s->rank);
      add_str (b, "clause", s->clause);
      add_strv (b, "criteria", s->criteria);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  undet = dd_plan_get_undetermined_severity (self);
  json_builder_set_member_name (b, "undetermined");
  json_builder_begin_object (b);
  add_str (b, "id", undet->id);
  add_str (b, "name", undet->name);
  add_str (b, "full_name", undet->full_name);
  add_str (b, "clause", undet->clause);
  json_builder_end_object (b);
  json_builder_end_object (b);

  /* warning levels */
  a = dd_plan_get_warning_levels (self);
  json_builder_set_member_name (b, "warning_levels");
  json_builder_begin_array (b);
  for (guint i = 0; i < a->len; i++)
    {
      const DdWarningLevel *w = g_ptr_array_index (a, i);
      json_builder_begin_object (b);
      add_str (b, "id", w->id);
      add_str (b, "name", w->name);
      add_str (b, "colour_name", w->colour_name);
      add_str (b, "colour_hex", w->colour_hex);
      add_str (b, "severity", w->severity);
      add_str (b, "clause", w->clause);
      add_str (b, "cap_severity", w->cap_severity);
      add_str (b, "cap_urgency", w->cap_urgency);
      add_str (b, "cap_certainty", w->cap_certainty);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (dd_plan_get_cap_profile (self) != NULL)
    {
      const DdCapProfile *cap = dd_plan_get_cap_profile (self);

      json_builder_set_member_name (b, "cap");
      json_builder_begin_object (b);
      add_str (b, "issue", cap->issue_action);
      add_str (b, "lift", cap->lift_action);
      add_str (b, "sender", cap->sender);
      add_str (b, "sender_name", cap->sender_name);
      add_str (b, "event", cap->event);
      add_str (b, "category", cap->category);
      add_str (b, "restriction", cap->restriction);
      add_str (b, "alert_headline", cap->alert_headline);
      add_str (b, "update_headline", cap->update_headline);
      add_str (b, "cancel_headline", cap->cancel_headline);
      add_str (b, "clause", cap->clause);
      json_builder_end_object (b);
    }

  /* organisation */
  a = dd_plan_get_roles (self);
  json_builder_set_member_name (b, "roles");
  json_builder_begin_array (b);
  for (guint i = 0; i < a->len; i++)
    {
      const DdRole *r = g_ptr_array_index (a, i);
      json_builder_begin_object (b);
      add_str (b, "id", r->id);
      add_str (b, "name", r->name);
      add_str (b, "short_name", r->short_name);
      add_str (b, "kind", dd_role_kind_to_string (r->kind));
      add_str (b, "kind_label", dd_plan_get_role_kind_label (self, r->kind));
      add_str (b, "holder", r->holder);
      add_str (b, "unit", r->unit);
      add_str (b, "parent", r->parent);
      add_bool (b, "in_chart", r->in_chart);
      add_strv (b, "duties", r->duties);
      add_strv (b, "tags", r->tags);
      add_str (b, "clause", r->clause);
      add_str (b, "phone", r->phone);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  /* duty phones */
  json_builder_set_member_name (b, "phone_table");
  json_builder_begin_object (b);
  add_str (b, "title", dd_plan_get_phone_table_title (self));
  add_str (b, "area_code", dd_plan_get_phone_area_code (self));
  a = dd_plan_get_phone_rows (self);
  json_builder_set_member_name (b, "rows");
  json_builder_begin_array (b);
  for (guint i = 0; i < a->len; i++)
    {
      const DdPhoneRow *row = g_ptr_array_index (a, i);
      json_builder_begin_object (b);
      add_str (b, "unit", row->unit);
      add_str (b, "phone", row->phone);
      add_str (b, "role", row->role);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  /* reporting */
  json_builder_set_member_name (b, "reporting");
  json_builder_begin_object (b);
  add_str (b, "clause", dd_plan_get_report_clause (self));
  a = dd_plan_get_report_contents (self);
  json_builder_set_member_name (b, "contents");
  json_builder_begin_array (b);
  for (guint i = 0; i < a->len; i++)
    {
      const DdReportContent *c = g_ptr_array_index (a, i);
      json_builder_begin_object (b);
      add_str (b, "id", c->id);
      add_str (b, "label", c->label);
      add_strv (b, "fields", c->fields);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "form");
  json_builder_begin_object (b);
  add_str (b, "title", dd_plan_get_form_title (self));
  add_str (b, "clause", dd_plan_get_form_clause (self));
  a = dd_plan_get_form_fields (self);
  json_builder_set_member_name (b, "fields");
  json_builder_begin_array (b);
  for (guint i = 0; i < a->len; i++)
    {
      const DdFormField *f = g_ptr_array_index (a, i);
      json_builder_begin_object (b);
      add_str (b, "id", f->id);
      add_str (b, "label", f->label);
      add_str (b, "type", dd_field_type_to_string (f->type));
      add_bool (b, "required", f->required);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  add_options (b, "hazards", dd_plan_get_hazards (self));
  json_builder_end_object (b);
  add_options (b, "report_types", dd_plan_get_report_types (self));
  json_builder_end_object (b);

  /* response levels */
  a = dd_plan_get_response_levels (self);
  json_builder_set_member_name (b, "response_levels");
  json_builder_begin_array (b);
  for (guint i = 0; i < a->len; i++)
    {
      const DdResponseLevel *l = g_ptr_array_index (a, i);
      json_builder_begin_object (b);
      add_str (b, "id", l->id);
      add_str (b, "name", l->name);
      add_int (b, "rank", l->rank);
      add_str (b, "clause", l->clause);
      add_strv (b, "severities", l->severities);
      add_str (b, "conditions_clause", l->conditions_clause);
      json_builder_set_member_name (b, "conditions");
      json_builder_begin_array (b);
      for (guint j = 0; j < l->conditions->len; j++)
        {
          const DdClauseText *c = g_ptr_array_index (l->conditions, j);
          json_builder_begin_object (b);
          add_str (b, "clause", c->clause);
          add_str (b, "text", c->text);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      add_strv (b, "proposers", l->proposers);
      add_strv (b, "deciders", l->deciders);
      add_strv (b, "closers", l->closers);
      add_strv (b, "closer_kinds", l->closer_kinds);
      add_str (b, "closure_clause", l->closure_clause);
      add_str (b, "closure_body", l->closure_body);
      add_str (b, "closure", l->closure_text);
      add_str (b, "procedure_clause", l->procedure_clause);
      add_str (b, "procedure", l->procedure);
      add_str (b, "measures_clause", l->measures_clause);
      add_str (b, "measures_intro", l->measures_intro);
      json_builder_set_member_name (b, "measures");
      json_builder_begin_array (b);
      for (guint j = 0; j < l->measures->len; j++)
        {
          const DdMeasure *m = g_ptr_array_index (l->measures, j);
          json_builder_begin_object (b);
          add_str (b, "id", m->id);
          add_str (b, "clause", m->clause);
          add_str (b, "text", m->text);
          add_str (b, "action", m->action);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  /* actions */
  a = dd_plan_get_action_kinds (self);
  json_builder_set_member_name (b, "actions");
  json_builder_begin_array (b);
  for (guint i = 0; i < a->len; i++)
    {
      const DdActionKind *k = g_ptr_array_index (a, i);
      json_builder_begin_object (b);
      add_str (b, "id", k->id);
      add_str (b, "name", k->name);
      add_str (b, "phase", k->phase);
      add_str (b, "clause", k->clause);
      add_str (b, "form", dd_action_form_to_string (k->form));
      add_str (b, "description", k->description);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  /* rules */
  a = dd_plan_get_rules (self);
  json_builder_set_member_name (b, "rules");
  json_builder_begin_array (b);
  for (guint i = 0; i < a->len; i++)
    add_rule (b, g_ptr_array_index (a, i));
  json_builder_end_array (b);

  /* scoring */
  scoring = dd_plan_get_scoring (self);
  json_builder_set_member_name (b, "scoring");
  json_builder_begin_object (b);
  add_double (b, "max_score", scoring->max_score);
  json_builder_set_member_name (b, "deductions");
  json_builder_begin_object (b);
  add_double (b, "minor", scoring->deduction_minor);
  add_double (b, "major", scoring->deduction_major);
  add_double (b, "critical", scoring->deduction_critical);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "overall_deductions");
  json_builder_begin_object (b);
  add_double (b, "minor", scoring->overall_deduction_minor);
  add_double (b, "major", scoring->overall_deduction_major);
  add_double (b, "critical", scoring->overall_deduction_critical);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "ratings");
  json_builder_begin_array (b);
  for (guint i = 0; i < scoring->ratings->len; i++)
    {
      const DdRating *r = g_ptr_array_index (scoring->ratings, i);
      json_builder_begin_object (b);
      add_str (b, "id", r->id);
      add_str (b, "name", r->name);
      add_double (b, "min", r->min_score);
      add_str (b, "letter", r->letter);
      add_str (b, "definition", r->definition);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "lateness");
  json_builder_begin_array (b);
  for (guint i = 0; i < scoring->late_grades->len; i++)
    {
      const DdLateGrade *g = g_ptr_array_index (scoring->late_grades, i);
      json_builder_begin_object (b);
      add_str (b, "id", g->id);
      add_str (b, "name", g->name);
      add_int (b, "up_to_minutes", g->up_to_minutes);
      add_double (b, "factor", g->factor);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "one_fault");
  json_builder_begin_array (b);
  for (guint i = 0; i < scoring->one_faults->len; i++)
    {
      const DdOneFault *f = g_ptr_array_index (scoring->one_faults, i);
      json_builder_begin_object (b);
      add_strv (b, "findings", f->kinds);
      add_str (b, "on", f->on_duty ? "duty" : "action");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  add_str (b, "not_assessed", scoring->not_assessed);
  add_str (b, "note", scoring->note);
  json_builder_end_object (b);

  json_builder_end_object (b);
  return json_builder_get_root (b);
}

char *
dd_plan_to_json_string (DdPlan   *self,
                        gboolean  pretty)
{
  g_autoptr(JsonGenerator) gen = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (DD_IS_PLAN (self), NULL);

  root = dd_plan_to_json (self);
  gen = json_generator_new ();
  json_generator_set_pretty (gen, pretty);
  json_generator_set_indent (gen, 2);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}
