/* dd-plan.c — the emergency plan as data: loader and model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The plan file is parsed by the one secure loader (dd-xml.c), validated
 * against plan.rng, then read into plain structs.  Semantic checks (unique
 * ids, every reference resolves, no cycles in the chart hierarchy) report
 * FILE:LINE:COLUMN of the offending element.  Nothing about the plan's
 * content is written here: every name, clause and number comes from the file.
 * The enumerations, freeing and attribute helpers are in dd-plan-parse.c,
 * <rules> and <scoring> in dd-plan-rules.c, the read API in dd-plan-lookup.c.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <gio/gio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "dd-error.h"
#include "dd-plan-private.h"
#include "dd-sha256.h"

#define PLAN_SCHEMA "plan.rng"

/* ------------------------------------------------------------------ */
/* The object                                                          */


G_DEFINE_FINAL_TYPE (DdPlan, dd_plan, G_TYPE_OBJECT)

static void
dd_plan_finalize (GObject *object)
{
  DdPlan *self = DD_PLAN (object);

  g_clear_pointer (&self->phase_index, g_hash_table_unref);
  g_clear_pointer (&self->category_index, g_hash_table_unref);
  g_clear_pointer (&self->subtype_index, g_hash_table_unref);
  g_clear_pointer (&self->subtype_parent, g_hash_table_unref);
  g_clear_pointer (&self->severity_index, g_hash_table_unref);
  g_clear_pointer (&self->warning_index, g_hash_table_unref);
  g_clear_pointer (&self->role_index, g_hash_table_unref);
  g_clear_pointer (&self->response_index, g_hash_table_unref);
  g_clear_pointer (&self->action_index, g_hash_table_unref);
  g_clear_pointer (&self->provision_index, g_hash_table_unref);
  g_clear_pointer (&self->rule_index, g_hash_table_unref);
  g_clear_pointer (&self->field_index, g_hash_table_unref);
  g_clear_pointer (&self->content_index, g_hash_table_unref);
  g_clear_pointer (&self->report_type_index, g_hash_table_unref);
  g_clear_pointer (&self->hazard_index, g_hash_table_unref);

  g_clear_pointer (&self->phases, g_ptr_array_unref);
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_clear_pointer (&self->severities, g_ptr_array_unref);
  g_clear_pointer (&self->undetermined, dd_plan_severity_free);
  g_clear_pointer (&self->warning_levels, g_ptr_array_unref);
  g_clear_pointer (&self->cap, dd_plan_cap_profile_free);
  g_clear_pointer (&self->roles, g_ptr_array_unref);
  g_clear_pointer (&self->phone_rows, g_ptr_array_unref);
  g_clear_pointer (&self->report_contents, g_ptr_array_unref);
  g_clear_pointer (&self->form_fields, g_ptr_array_unref);
  g_clear_pointer (&self->hazards, g_ptr_array_unref);
  g_clear_pointer (&self->report_types, g_ptr_array_unref);
  g_clear_pointer (&self->response_levels, g_ptr_array_unref);
  g_clear_pointer (&self->action_kinds, g_ptr_array_unref);
  g_clear_pointer (&self->provisions, g_ptr_array_unref);
  g_clear_pointer (&self->rules, g_ptr_array_unref);
  dd_plan_scoring_clear (&self->scoring);
  for (guint i = 0; i < G_N_ELEMENTS (self->kind_labels); i++)
    g_clear_pointer (&self->kind_labels[i], g_free);

  dd_plan_identity_clear (&self->identity);
  g_free (self->source_name);
  g_free (self->source_sha256);
  g_free (self->classification_standard);
  g_free (self->classification_clause);
  g_free (self->severity_clause);
  g_free (self->report_clause);
  g_free (self->form_title);
  g_free (self->form_clause);
  g_free (self->phone_table_title);
  g_free (self->phone_area_code);
  g_free (self->workflow.start);
  g_free (self->workflow.decision);
  g_free (self->workflow.yes);
  g_free (self->workflow.no);
  g_free (self->workflow.end);

  G_OBJECT_CLASS (dd_plan_parent_class)->finalize (object);
}

static void
dd_plan_class_init (DdPlanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dd_plan_finalize;
}

GHashTable *
dd_plan_new_index (void)
{
  return g_hash_table_new (g_str_hash, g_str_equal);
}

static void
dd_plan_init (DdPlan *self)
{
  self->phases = g_ptr_array_new_with_free_func (dd_plan_phase_free);
  self->categories = g_ptr_array_new_with_free_func (dd_plan_category_free);
  self->severities = g_ptr_array_new_with_free_func (dd_plan_severity_free);
  self->warning_levels = g_ptr_array_new_with_free_func (dd_plan_warning_level_free);
  self->roles = g_ptr_array_new_with_free_func (dd_plan_role_free);
  self->phone_rows = g_ptr_array_new_with_free_func (dd_plan_phone_row_free);
  self->report_contents = g_ptr_array_new_with_free_func (dd_plan_report_content_free);
  self->form_fields = g_ptr_array_new_with_free_func (dd_plan_form_field_free);
  self->hazards = g_ptr_array_new_with_free_func (dd_plan_option_free);
  self->report_types = g_ptr_array_new_with_free_func (dd_plan_option_free);
  self->response_levels = g_ptr_array_new_with_free_func (dd_plan_response_level_free);
  self->action_kinds = g_ptr_array_new_with_free_func (dd_plan_action_kind_free);
  self->provisions = g_ptr_array_new_with_free_func (dd_plan_provision_free);
  self->rules = g_ptr_array_new_with_free_func (dd_plan_rule_free);
  dd_plan_scoring_init (&self->scoring);

  self->phase_index = dd_plan_new_index ();
  self->category_index = dd_plan_new_index ();
  self->subtype_index = dd_plan_new_index ();
  self->subtype_parent = dd_plan_new_index ();
  self->severity_index = dd_plan_new_index ();
  self->warning_index = dd_plan_new_index ();
  self->role_index = dd_plan_new_index ();
  self->response_index = dd_plan_new_index ();
  self->action_index = dd_plan_new_index ();
  self->provision_index = dd_plan_new_index ();
  self->rule_index = dd_plan_new_index ();
  self->field_index = dd_plan_new_index ();
  self->content_index = dd_plan_new_index ();
  self->report_type_index = dd_plan_new_index ();
  self->hazard_index = dd_plan_new_index ();
  g_date_clear (&self->issued, 1);
}

/* ------------------------------------------------------------------ */
/* Sections                                                            */

static gboolean
parse_identity (Loader  *ld,
                xmlNode *root)
{
  DdPlanIdentity *id = &ld->plan->identity;
  xmlNode *node = dd_xml_child (root, "identity");
  xmlNode *n;

  id->id = dd_plan_prop (root, "id");
  id->level = dd_plan_prop (root, "level");
  id->title = dd_xml_child_text (node, "title");
  id->short_title = dd_xml_child_text (node, "short-title");
  if (id->short_title == NULL)
    id->short_title = g_strdup (id->title);
  id->region = dd_xml_child_text (node, "region");
  id->doc_number = dd_xml_child_text (node, "doc-number");
  id->issuer = dd_xml_child_text (node, "issuer");
  id->issued = dd_xml_child_text (node, "issued");
  if (!dd_plan_parse_iso_date (id->issued, &ld->plan->issued))
    {
      dd_xml_node_error (ld->error, dd_xml_child (node, "issued"),
                         _("\"%s\" is not a valid date (YYYY-MM-DD)"), id->issued ? id->issued : "");
      return FALSE;
    }

  if ((n = dd_xml_child (node, "effective")) != NULL)
    id->effective_clause = dd_plan_prop (n, "clause");
  if ((n = dd_xml_child (node, "replaces")) != NULL)
    {
      GDate d;

      id->replaces = dd_plan_prop (n, "doc-number");
      id->replaces_issued = dd_plan_prop (n, "issued");
      if (id->replaces_issued != NULL && !dd_plan_parse_iso_date (id->replaces_issued, &d))
        {
          dd_xml_node_error (ld->error, n, _("\"%s\" is not a valid date"), id->replaces_issued);
          return FALSE;
        }
    }

  n = dd_xml_child (node, "revision");
  if (!dd_plan_prop_uint (ld, n, "interval-years", 0, &id->revision_interval_years))
    return FALSE;
  id->revision_owner = dd_plan_prop (n, "owner");
  id->revision_clause = dd_plan_prop (n, "clause");
  dd_plan_add_ref (ld, n, "owner", REF_ROLE, id->revision_owner);

  n = dd_xml_child (node, "drill");
  if (!dd_plan_prop_uint (ld, n, "interval-months", 12, &id->drill_interval_months) ||
      !dd_plan_prop_uint (ld, n, "min-count", 1, &id->drill_min_count))
    return FALSE;
  id->drill_organiser = dd_plan_prop (n, "organiser");
  id->drill_clause = dd_plan_prop (n, "clause");
  dd_plan_add_ref (ld, n, "organiser", REF_ROLE, id->drill_organiser);
  id->drill_participant_kinds = dd_plan_prop_list (n, "participant-kinds");
  id->drill_min_severity = dd_plan_prop (n, "min-severity");
  dd_plan_add_ref (ld, n, "min-severity", REF_SEVERITY, id->drill_min_severity);
  for (guint i = 0; id->drill_participant_kinds[i] != NULL; i++)
    if (!dd_role_kind_from_string (id->drill_participant_kinds[i], NULL))
      {
        dd_xml_node_error (ld->error, n, "unknown role kind \"%s\"", id->drill_participant_kinds[i]);
        return FALSE;
      }

  if ((n = dd_xml_child (node, "interpreter")) != NULL)
    {
      id->interpreter = dd_plan_prop (n, "role");
      dd_plan_add_ref (ld, n, "role", REF_ROLE, id->interpreter);
    }
  return TRUE;
}

static gboolean
parse_provisions (Loader  *ld,
                  xmlNode *root)
{
  DD_XML_FOREACH (n, dd_xml_child (root, "provisions"), "provision")
    {
      DdProvision *p = g_new0 (DdProvision, 1);

      p->id = dd_plan_prop (n, "id");
      p->clause = dd_plan_prop (n, "clause");
      p->title = dd_plan_prop (n, "title");
      p->text = dd_xml_text (n);
      g_ptr_array_add (ld->plan->provisions, p);
      if (!dd_plan_index_add (ld, ld->plan->provision_index, n, "provision", p->id, p))
        return FALSE;
    }
  return TRUE;
}

static int
phase_cmp (gconstpointer a,
           gconstpointer b)
{
  const DdPhase *pa = *(const DdPhase * const *) a;
  const DdPhase *pb = *(const DdPhase * const *) b;

  return (pa->order > pb->order) - (pa->order < pb->order);
}

static gboolean
parse_phases (Loader  *ld,
              xmlNode *root)
{
  g_autoptr(GHashTable) orders = g_hash_table_new (NULL, NULL);

  DD_XML_FOREACH (n, dd_xml_child (root, "phases"), "phase")
    {
      DdPhase *p = g_new0 (DdPhase, 1);

      p->id = dd_plan_prop (n, "id");
      p->name = dd_plan_prop (n, "name");
      p->clause = dd_plan_prop (n, "clause");
      p->description = dd_xml_text (n);
      g_ptr_array_add (ld->plan->phases, p);
      if (!dd_plan_prop_uint (ld, n, "order", 0, &p->order))
        return FALSE;
      if (!dd_plan_index_add (ld, ld->plan->phase_index, n, "phase", p->id, p))
        return FALSE;
      if (g_hash_table_contains (orders, GUINT_TO_POINTER (p->order)))
        {
          dd_xml_node_error (ld->error, n, _("two phases have order %u"), p->order);
          return FALSE;
        }
      g_hash_table_add (orders, GUINT_TO_POINTER (p->order));
    }
  g_ptr_array_sort (ld->plan->phases, phase_cmp);
  return TRUE;
}

/* <workflow>: every label is required by the schema */
static gboolean
parse_workflow (Loader  *ld,
                xmlNode *root)
{
  xmlNode *node = dd_xml_child (root, "workflow");
  DdWorkflowLabels *w = &ld->plan->workflow;

  w->start = dd_xml_child_text (node, "start");
  w->decision = dd_xml_child_text (node, "decision");
  w->yes = dd_xml_child_text (node, "yes");
  w->no = dd_xml_child_text (node, "no");
  w->end = dd_xml_child_text (node, "end");
  return TRUE;
}

static gboolean
parse_classification (Loader  *ld,
                      xmlNode *root)
{
  xmlNode *node = dd_xml_child (root, "classification");

  ld->plan->classification_standard = dd_plan_prop (node, "standard");
  ld->plan->classification_clause = dd_plan_prop (node, "clause");

  DD_XML_FOREACH (n, node, "category")
    {
      DdCategory *c = g_new0 (DdCategory, 1);

      c->id = dd_plan_prop (n, "id");
      c->name = dd_plan_prop (n, "name");
      c->form_label = dd_plan_prop (n, "form-label");
      if (c->form_label == NULL)
        c->form_label = g_strdup (c->name);
      c->clause = dd_plan_prop (n, "clause");
      c->description = dd_xml_child_text (n, "description");
      c->subtypes = g_ptr_array_new_with_free_func (dd_plan_subtype_free);
      g_ptr_array_add (ld->plan->categories, c);
      if (!dd_plan_index_add (ld, ld->plan->category_index, n, "category", c->id, c))
        return FALSE;

      DD_XML_FOREACH (s, n, "subtype")
        {
          DdSubtype *st = g_new0 (DdSubtype, 1);

          st->id = dd_plan_prop (s, "id");
          st->name = dd_plan_prop (s, "name");
          g_ptr_array_add (c->subtypes, st);
          if (!dd_plan_index_add (ld, ld->plan->subtype_index, s, "subtype", st->id, st))
            return FALSE;
          g_hash_table_insert (ld->plan->subtype_parent, st->id, c);
        }
    }
  return TRUE;
}

static int
severity_cmp (gconstpointer a,
              gconstpointer b)
{
  const DdSeverity *sa = *(const DdSeverity * const *) a;
  const DdSeverity *sb = *(const DdSeverity * const *) b;

  return (sa->rank > sb->rank) - (sa->rank < sb->rank);
}

static gboolean
parse_severities (Loader  *ld,
                  xmlNode *root)
{
  xmlNode *node = dd_xml_child (root, "severities");
  xmlNode *u;
  g_autoptr(GHashTable) ranks = g_hash_table_new (NULL, NULL);
  DdSeverity *s;

  ld->plan->severity_clause = dd_plan_prop (node, "clause");

  DD_XML_FOREACH (n, node, "severity")
    {
      s = g_new0 (DdSeverity, 1);
      s->id = dd_plan_prop (n, "id");
      s->name = dd_plan_prop (n, "name");
      s->full_name = dd_plan_prop (n, "full-name");
      if (s->full_name == NULL)
        s->full_name = g_strdup (s->name);
      s->clause = dd_plan_prop (n, "clause");
      s->criteria = dd_plan_child_texts (n, "criterion");
      g_ptr_array_add (ld->plan->severities, s);
      if (!dd_plan_prop_uint (ld, n, "rank", 0, &s->rank))
        return FALSE;
      if (!dd_plan_index_add (ld, ld->plan->severity_index, n, "severity", s->id, s))
        return FALSE;
      if (g_hash_table_contains (ranks, GUINT_TO_POINTER (s->rank)))
        {
          dd_xml_node_error (ld->error, n, _("two severities have rank %u"), s->rank);
          return FALSE;
        }
      g_hash_table_add (ranks, GUINT_TO_POINTER (s->rank));
    }
  g_ptr_array_sort (ld->plan->severities, severity_cmp);

  u = dd_xml_child (node, "undetermined");
  s = g_new0 (DdSeverity, 1);
  s->id = dd_plan_prop (u, "id");
  s->name = dd_plan_prop (u, "name");
  s->full_name = dd_plan_prop (u, "full-name");
  if (s->full_name == NULL)
    s->full_name = g_strdup (s->name);
  s->clause = dd_plan_prop (u, "clause");
  s->criteria = g_new0 (char *, 1);
  s->rank = 0;
  s->undetermined = TRUE;
  ld->plan->undetermined = s;
  return dd_plan_index_add (ld, ld->plan->severity_index, u, "severity", s->id, s);
}

static gboolean
parse_warning_levels (Loader  *ld,
                      xmlNode *root)
{
  xmlNode *node = dd_xml_child (root, "warning-levels");
  g_autofree char *clause = dd_plan_prop (node, "clause");

  DD_XML_FOREACH (n, node, "warning-level")
    {
      DdWarningLevel *w = g_new0 (DdWarningLevel, 1);

      w->id = dd_plan_prop (n, "id");
      w->name = dd_plan_prop (n, "name");
      w->colour_name = dd_plan_prop (n, "colour");
      w->colour_hex = dd_plan_prop (n, "hex");
      w->severity = dd_plan_prop (n, "severity");
      w->clause = dd_plan_prop (n, "clause");
      if (w->clause == NULL)
        w->clause = g_strdup (clause);
      w->cap_severity = dd_plan_prop (n, "cap-severity");
      w->cap_urgency = dd_plan_prop (n, "cap-urgency");
      w->cap_certainty = dd_plan_prop (n, "cap-certainty");
      g_ptr_array_add (ld->plan->warning_levels, w);
      if (!dd_plan_index_add (ld, ld->plan->warning_index, n, "warning level", w->id, w))
        return FALSE;
      dd_plan_add_ref (ld, n, "severity", REF_SEVERITY, w->severity);
    }

  DD_XML_FOREACH (n, node, "cap")
    {
      DdCapProfile *cap = g_new0 (DdCapProfile, 1);

      cap->issue_action = dd_plan_prop (n, "issue");
      cap->lift_action = dd_plan_prop (n, "lift");
      cap->sender = dd_plan_prop (n, "sender");
      cap->sender_name = dd_plan_prop (n, "sender-name");
      cap->event = dd_plan_prop (n, "event");
      cap->category = dd_plan_prop (n, "category");
      cap->restriction = dd_plan_prop (n, "restriction");
      cap->alert_headline = dd_plan_prop (n, "alert-headline");
      cap->update_headline = dd_plan_prop (n, "update-headline");
      cap->cancel_headline = dd_plan_prop (n, "cancel-headline");
      cap->clause = dd_plan_prop (n, "clause");
      if (cap->clause == NULL)
        cap->clause = g_strdup (clause);
      g_clear_pointer (&ld->plan->cap, dd_plan_cap_profile_free);
      ld->plan->cap = cap;
      dd_plan_add_ref (ld, n, "issue", REF_ACTION, cap->issue_action);
      dd_plan_add_ref (ld, n, "lift", REF_ACTION, cap->lift_action);
    }
  return TRUE;
}

static gboolean
parse_organisation (Loader  *ld,
                    xmlNode *root)
{
  DD_XML_FOREACH (n, dd_xml_child (root, "organisation"), "role")
    {
      DdRole *r = g_new0 (DdRole, 1);
      g_autofree char *kind = dd_plan_prop (n, "kind");

      r->id = dd_plan_prop (n, "id");
      r->name = dd_plan_prop (n, "name");
      r->short_name = dd_plan_prop (n, "short-name");
      if (r->short_name == NULL)
        r->short_name = g_strdup (r->name);
      r->parent = dd_plan_prop (n, "parent");
      r->unit = dd_plan_prop (n, "unit");
      r->in_chart = dd_plan_prop_bool (n, "chart", TRUE);
      r->clause = dd_plan_prop (n, "clause");
      r->phone = dd_plan_prop (n, "phone");
      r->tags = dd_plan_prop_list (n, "tags");
      r->holder = dd_xml_child_text (n, "holder");
      r->duties = dd_plan_child_texts (n, "duty");
      g_ptr_array_add (ld->plan->roles, r);
      if (!dd_role_kind_from_string (kind, &r->kind))
        {
          dd_xml_node_error (ld->error, n, _("unknown role kind \"%s\""), kind ? kind : "");
          return FALSE;
        }
      if (!dd_plan_index_add (ld, ld->plan->role_index, n, "role", r->id, r))
        return FALSE;
      dd_plan_add_ref (ld, n, "parent", REF_ROLE, r->parent);
      dd_plan_add_ref (ld, n, "unit", REF_ROLE, r->unit);
    }
  DD_XML_FOREACH (n, dd_xml_child (root, "organisation"), "kind")
    {
      g_autofree char *kind = dd_plan_prop (n, "id");
      DdRoleKind k;

      if (!dd_role_kind_from_string (kind, &k))
        {
          dd_xml_node_error (ld->error, n, _("unknown role kind \"%s\""), kind ? kind : "");
          return FALSE;
        }
      if (ld->plan->kind_labels[k] != NULL)
        {
          dd_xml_node_error (ld->error, n, _("role kind \"%s\" is named twice"), kind);
          return FALSE;
        }
      ld->plan->kind_labels[k] = dd_plan_prop (n, "name");
    }
  return TRUE;
}

static gboolean
parse_phone_table (Loader  *ld,
                   xmlNode *root)
{
  xmlNode *node = dd_xml_child (root, "phone-table");

  ld->plan->phone_table_title = dd_plan_prop (node, "title");
  ld->plan->phone_area_code = dd_plan_prop (node, "area-code");

  DD_XML_FOREACH (n, node, "row")
    {
      DdPhoneRow *row = g_new0 (DdPhoneRow, 1);

      row->unit = dd_plan_prop (n, "unit");
      row->phone = dd_plan_prop (n, "phone");
      row->role = dd_plan_prop (n, "role");
      g_ptr_array_add (ld->plan->phone_rows, row);
      dd_plan_add_ref (ld, n, "role", REF_ROLE, row->role);
    }
  return TRUE;
}

static gboolean
parse_option (Loader     *ld,
              xmlNode    *n,
              GPtrArray  *array,
              GHashTable *index,
              const char *what)
{
  DdOption *o = g_new0 (DdOption, 1);

  o->id = dd_plan_prop (n, "id");
  o->label = dd_plan_prop (n, "label");
  g_ptr_array_add (array, o);
  return dd_plan_index_add (ld, index, n, what, o->id, o);
}

static gboolean
parse_reporting (Loader  *ld,
                 xmlNode *root)
{
  xmlNode *node = dd_xml_child (root, "reporting");
  xmlNode *form = dd_xml_child (node, "form");

  ld->plan->report_clause = dd_plan_prop (node, "clause");
  ld->plan->form_title = dd_plan_prop (form, "title");
  ld->plan->form_clause = dd_plan_prop (form, "clause");

  DD_XML_FOREACH (n, node, "content")
    {
      DdReportContent *c = g_new0 (DdReportContent, 1);

      c->id = dd_plan_prop (n, "id");
      c->label = dd_plan_prop (n, "label");
      c->fields = dd_plan_prop_list (n, "fields");
      g_ptr_array_add (ld->plan->report_contents, c);
      if (!dd_plan_index_add (ld, ld->plan->content_index, n, "report content", c->id, c))
        return FALSE;
      dd_plan_add_refs (ld, n, "fields", REF_FORM_FIELD, c->fields);
    }

  DD_XML_FOREACH (n, form, "field")
    {
      DdFormField *f = g_new0 (DdFormField, 1);
      g_autofree char *type = dd_plan_prop (n, "type");

      f->id = dd_plan_prop (n, "id");
      f->label = dd_plan_prop (n, "label");
      f->required = dd_plan_prop_bool (n, "required", FALSE);
      g_ptr_array_add (ld->plan->form_fields, f);
      if (!dd_field_type_from_string (type, &f->type))
        {
          dd_xml_node_error (ld->error, n, _("unknown field type \"%s\""), type ? type : "");
          return FALSE;
        }
      if (!dd_plan_index_add (ld, ld->plan->field_index, n, "form field", f->id, f))
        return FALSE;
    }

  DD_XML_FOREACH (n, form, "hazard")
    if (!parse_option (ld, n, ld->plan->hazards, ld->plan->hazard_index, "hazard"))
      return FALSE;

  DD_XML_FOREACH (n, node, "report-type")
    if (!parse_option (ld, n, ld->plan->report_types, ld->plan->report_type_index, "report type"))
      return FALSE;

  return TRUE;
}

static int
response_level_cmp (gconstpointer a,
                    gconstpointer b)
{
  const DdResponseLevel *la = *(const DdResponseLevel * const *) a;
  const DdResponseLevel *lb = *(const DdResponseLevel * const *) b;

  return (la->rank > lb->rank) - (la->rank < lb->rank);
}

static gboolean
parse_response_levels (Loader  *ld,
                       xmlNode *root)
{
  g_autoptr(GHashTable) measure_ids = dd_plan_new_index ();

  DD_XML_FOREACH (n, dd_xml_child (root, "response-levels"), "response-level")
    {
      DdResponseLevel *l = g_new0 (DdResponseLevel, 1);
      xmlNode *cond = dd_xml_child (n, "conditions");
      xmlNode *proc = dd_xml_child (n, "procedure");
      xmlNode *meas = dd_xml_child (n, "measures");

      l->id = dd_plan_prop (n, "id");
      l->name = dd_plan_prop (n, "name");
      l->clause = dd_plan_prop (n, "clause");
      l->severities = dd_plan_prop_list (n, "severities");
      l->conditions = g_ptr_array_new_with_free_func (dd_plan_clause_text_free);
      l->measures = g_ptr_array_new_with_free_func (dd_plan_measure_free);
      g_ptr_array_add (ld->plan->response_levels, l);
      if (!dd_plan_prop_uint (ld, n, "rank", 0, &l->rank))
        return FALSE;
      if (!dd_plan_index_add (ld, ld->plan->response_index, n, "response level", l->id, l))
        return FALSE;
      dd_plan_add_refs (ld, n, "severities", REF_SEVERITY, l->severities);

      l->conditions_clause = dd_plan_prop (cond, "clause");
      DD_XML_FOREACH (c, cond, "condition")
        {
          DdClauseText *ct = g_new0 (DdClauseText, 1);

          ct->clause = dd_plan_prop (c, "clause");
          ct->text = dd_xml_text (c);
          g_ptr_array_add (l->conditions, ct);
        }

      l->procedure_clause = dd_plan_prop (proc, "clause");
      l->procedure = dd_xml_text (proc);
      l->proposers = dd_plan_prop_list (proc, "proposers");
      l->deciders = dd_plan_prop_list (proc, "deciders");
      dd_plan_add_refs (ld, proc, "proposers", REF_ROLE, l->proposers);
      dd_plan_add_refs (ld, proc, "deciders", REF_ROLE, l->deciders);

      /* 4.5: who may approve ending it (the body that started it and its
       * authority); by default the ones who may start it */
      {
        xmlNode *closure = dd_xml_child (n, "closure");

        l->closers = closure ? dd_plan_prop_list (closure, "approvers") : g_strdupv (l->deciders);
        l->closer_kinds = closure ? dd_plan_prop_list (closure, "approver-kinds") : g_new0 (char *, 1);
        l->closure_clause = closure ? dd_plan_prop (closure, "clause") : NULL;
        l->closure_body = closure ? dd_plan_prop (closure, "body") : NULL;
        if (closure != NULL)
          dd_plan_add_ref (ld, closure, "body", REF_ROLE, l->closure_body);
        l->closure_text = closure ? dd_xml_text (closure) : NULL;
        for (guint k = 0; l->closer_kinds[k] != NULL; k++)
          if (!dd_role_kind_from_string (l->closer_kinds[k], NULL))
            {
              dd_xml_node_error (ld->error, closure, _("unknown role kind \"%s\""), l->closer_kinds[k]);
              return FALSE;
            }
        if (closure != NULL)
          dd_plan_add_refs (ld, closure, "approvers", REF_ROLE, l->closers);
      }

      l->measures_clause = dd_plan_prop (meas, "clause");
      l->measures_intro = dd_xml_child_text (meas, "intro");
      DD_XML_FOREACH (m, meas, "measure")
        {
          DdMeasure *dm = g_new0 (DdMeasure, 1);

          dm->id = dd_plan_prop (m, "id");
          dm->clause = dd_plan_prop (m, "clause");
          dm->action = dd_plan_prop (m, "action");
          dm->text = dd_xml_text (m);
          g_ptr_array_add (l->measures, dm);
          if (!dd_plan_index_add (ld, measure_ids, m, "measure", dm->id, dm))
            return FALSE;
          dd_plan_add_ref (ld, m, "action", REF_ACTION, dm->action);
        }
    }
  g_ptr_array_sort (ld->plan->response_levels, response_level_cmp);
  return TRUE;
}

static gboolean
parse_actions (Loader  *ld,
               xmlNode *root)
{
  DD_XML_FOREACH (n, dd_xml_child (root, "actions"), "action")
    {
      DdActionKind *a = g_new0 (DdActionKind, 1);
      g_autofree char *form = dd_plan_prop (n, "form");

      a->id = dd_plan_prop (n, "id");
      a->name = dd_plan_prop (n, "name");
      a->phase = dd_plan_prop (n, "phase");
      a->clause = dd_plan_prop (n, "clause");
      a->description = dd_xml_text (n);
      g_ptr_array_add (ld->plan->action_kinds, a);
      if (!dd_action_form_from_string (form, &a->form))
        {
          dd_xml_node_error (ld->error, n, _("unknown action form \"%s\""), form ? form : "");
          return FALSE;
        }
      if (!dd_plan_index_add (ld, ld->plan->action_index, n, "action", a->id, a))
        return FALSE;
      dd_plan_add_ref (ld, n, "phase", REF_PHASE, a->phase);
    }
  return TRUE;
}

gboolean
dd_plan_parse_enum_attr (Loader      *ld,
                         xmlNode     *n,
                         const char  *name,
                         const char * const *names,
                         gboolean     required,
                         int          fallback,
                         int         *out)
{
  g_autofree char *value = dd_plan_prop (n, name);

  if (value == NULL)
    {
      if (required)
        {
          dd_xml_node_error (ld->error, n, _("attribute %s is missing"), name);
          return FALSE;
        }
      *out = fallback;
      return TRUE;
    }
  if (!dd_plan_enum_from_string (names, value, out))
    {
      dd_xml_node_error (ld->error, n, _("attribute %s has an unknown value \"%s\""), name, value);
      return FALSE;
    }
  return TRUE;
}


/* ------------------------------------------------------------------ */
/* Semantic checks after parsing                                       */

static GHashTable *
index_for (DdPlan   *plan,
           RefTarget target)
{
  switch (target)
    {
    case REF_ROLE: return plan->role_index;
    case REF_PHASE: return plan->phase_index;
    case REF_SEVERITY: return plan->severity_index;
    case REF_CATEGORY: return plan->category_index;
    case REF_RESPONSE_LEVEL: return plan->response_index;
    case REF_ACTION: return plan->action_index;
    case REF_FORM_FIELD: return plan->field_index;
    case REF_CONTENT: return plan->content_index;
    case REF_REPORT_TYPE: return plan->report_type_index;
    default: g_assert_not_reached ();
    }
  return NULL;
}

static gboolean
check_refs (Loader *ld)
{
  for (guint i = 0; i < ld->refs->len; i++)
    {
      Ref *r = &g_array_index (ld->refs, Ref, i);

      if (r->target == REF_CLAUSE)
        {
          if (!dd_plan_has_clause (ld->plan, r->id))
            {
              dd_xml_node_error (ld->error, r->node, _("%s=\"%s\": the plan has no such clause "
                                 "(no provision, level, condition, procedure, measure or closure cites it)"),
                                 r->attr, r->id);
              return FALSE;
            }
          continue;
        }
      if (!g_hash_table_contains (index_for (ld->plan, r->target), r->id))
        {
          dd_xml_node_error (ld->error, r->node, _("%s=\"%s\": no %s has this id"),
                             r->attr, r->id, dd_plan_ref_target_names[r->target]);
          return FALSE;
        }
    }
  return TRUE;
}

static xmlNode *
find_role_node (xmlNode    *root,
                const char *id)
{
  DD_XML_FOREACH (n, dd_xml_child (root, "organisation"), "role")
    {
      g_autofree char *rid = dd_xml_prop (n, "id");
      if (g_strcmp0 (rid, id) == 0)
        return n;
    }
  return root;
}

static gboolean
check_hierarchy (Loader  *ld,
                 xmlNode *root)
{
  DdPlan *plan = ld->plan;

  for (guint i = 0; i < plan->roles->len; i++)
    {
      const DdRole *start = g_ptr_array_index (plan->roles, i);
      const DdRole *r = start;
      guint steps = 0;

      while (r != NULL && r->parent != NULL)
        {
          r = g_hash_table_lookup (plan->role_index, r->parent);
          if (r == start || ++steps > plan->roles->len)
            {
              dd_xml_node_error (ld->error, find_role_node (root, start->id),
                                 _("role \"%s\": its parent chain loops back to itself"), start->id);
              return FALSE;
            }
        }
    }
  return TRUE;
}

static void
fill_phones (DdPlan *plan)
{
  for (guint i = 0; i < plan->phone_rows->len; i++)
    {
      DdPhoneRow *row = g_ptr_array_index (plan->phone_rows, i);
      DdRole *role = row->role ? g_hash_table_lookup (plan->role_index, row->role) : NULL;

      if (role != NULL && role->phone == NULL)
        role->phone = g_strdup (row->phone);
    }
}

/* ------------------------------------------------------------------ */
/* Loading                                                             */

static DdPlan *
plan_from_doc (xmlDoc     *doc,
               GError    **error)
{
  g_autoptr(DdPlan) plan = g_object_new (DD_TYPE_PLAN, NULL);
  xmlNode *root = xmlDocGetRootElement (doc);
  Loader ld = { plan, NULL, error };
  gboolean ok;

  if (!dd_xml_is (root, "plan"))
    {
      dd_xml_node_error (error, root, _("not a plan: the root element is <%s>"), (const char *) root->name);
      return NULL;
    }

  ld.refs = g_array_new (FALSE, TRUE, sizeof (Ref));
  g_array_set_clear_func (ld.refs, dd_plan_ref_clear);

  ok = parse_identity (&ld, root) &&
       parse_provisions (&ld, root) &&
       parse_phases (&ld, root) &&
       parse_workflow (&ld, root) &&
       parse_classification (&ld, root) &&
       parse_severities (&ld, root) &&
       parse_warning_levels (&ld, root) &&
       parse_organisation (&ld, root) &&
       parse_phone_table (&ld, root) &&
       parse_reporting (&ld, root) &&
       parse_response_levels (&ld, root) &&
       parse_actions (&ld, root) &&
       dd_plan_parse_rules (&ld, root) &&
       dd_plan_parse_scoring (&ld, root) &&
       check_refs (&ld) &&
       check_hierarchy (&ld, root);

  g_array_unref (ld.refs);
  if (!ok)
    return NULL;

  fill_phones (plan);
  return g_steal_pointer (&plan);
}

DdPlan *
dd_plan_load_data (const char  *display_name,
                   const char  *data,
                   gsize        len,
                   GError     **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  DdPlan *plan;

  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  doc = dd_xml_load_data (display_name, data, len, PLAN_SCHEMA, error);
  if (doc == NULL)
    return NULL;

  plan = plan_from_doc (doc, error);
  if (plan == NULL)
    return NULL;

  plan->source_name = g_strdup (display_name);
  plan->source_sha256 = dd_sha256_hex (data, len);
  return plan;
}

DdPlan *
dd_plan_load_file (const char  *path,
                   GError     **error)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!dd_xml_read_file (path, PLAN_SCHEMA, &contents, &len, error))
    return NULL;

  return dd_plan_load_data (path, contents, len, error);
}

DdPlan *
dd_plan_load_default (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len = 0;
  const char *data;

  bytes = g_resources_lookup_data (DD_PLAN_DEFAULT_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_IO, "resource://%s: %s",
                   DD_PLAN_DEFAULT_RESOURCE, local_error->message);
      return NULL;
    }
  data = g_bytes_get_data (bytes, &len);
  return dd_plan_load_data ("resource://" DD_PLAN_DEFAULT_RESOURCE, data, len, error);
}

