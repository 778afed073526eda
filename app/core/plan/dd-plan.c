/* dd-plan.c — the emergency plan as data: loader and model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The plan file is parsed by the one secure loader (dd-xml.c), validated
 * against plan.rng, then read into plain structs.  Semantic checks (unique
 * ids, every reference resolves, no cycles in the chart hierarchy) report
 * FILE:LINE:COLUMN of the offending element.  Nothing about the plan's
 * content is written here: every name, clause and number comes from the file.
 */

#include "config.h"

#include <gio/gio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "dd-error.h"
#include "dd-plan.h"
#include "dd-xml.h"

#define PLAN_SCHEMA "plan.rng"

/* ------------------------------------------------------------------ */
/* Enumeration strings                                                 */

static const char * const role_kind_names[] = {
  "superior", "government", "hq", "commander", "deputy", "office",
  "office-director", "member-unit", "county-hq", "tech-team", "expert-group",
  "incident-unit", "monitoring-unit", "local-government", "other", NULL
};
static const char * const action_form_names[] = {
  "none", "report", "warning", "response-level", "content", NULL
};
static const char * const field_type_names[] = {
  "text", "datetime", "category", "severity", "hazards", "longtext", NULL
};
static const char * const rule_kind_names[] = {
  "deadline", "authority", "prerequisite", "obligation", "level-match",
  "same-actor", "report-content", "report-accuracy", NULL
};
static const char * const finding_kind_names[] = {
  "timing", "authority", "sequence", "completeness", "accuracy", "omission", NULL
};
static const char * const finding_severity_names[] = {
  "minor", "major", "critical", NULL
};
static const char * const rule_anchor_names[] = {
  "incident-start", "detection", "action", NULL
};

static const char *
enum_to_string (const char * const *names,
                guint               n_names,
                int                 value)
{
  if (value < 0 || (guint) value >= n_names)
    return NULL;
  return names[value];
}

static gboolean
enum_from_string (const char * const *names,
                  const char         *str,
                  int                *out)
{
  if (str == NULL)
    return FALSE;
  for (int i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], str))
      {
        if (out != NULL)
          *out = i;
        return TRUE;
      }
  return FALSE;
}

#define DEFINE_ENUM_STRINGS(Type, prefix, table)                              \
  const char *                                                                \
  prefix##_to_string (Type value)                                             \
  {                                                                           \
    return enum_to_string (table, G_N_ELEMENTS (table) - 1, (int) value);     \
  }                                                                           \
  gboolean                                                                    \
  prefix##_from_string (const char *str,                                      \
                        Type       *out)                                      \
  {                                                                           \
    int v;                                                                    \
    if (!enum_from_string (table, str, &v))                                   \
      return FALSE;                                                           \
    if (out != NULL)                                                          \
      *out = (Type) v;                                                        \
    return TRUE;                                                              \
  }

DEFINE_ENUM_STRINGS (DdRoleKind, dd_role_kind, role_kind_names)
DEFINE_ENUM_STRINGS (DdActionForm, dd_action_form, action_form_names)
DEFINE_ENUM_STRINGS (DdFieldType, dd_field_type, field_type_names)
DEFINE_ENUM_STRINGS (DdRuleKind, dd_rule_kind, rule_kind_names)
DEFINE_ENUM_STRINGS (DdFindingKind, dd_finding_kind, finding_kind_names)
DEFINE_ENUM_STRINGS (DdFindingSeverity, dd_finding_severity, finding_severity_names)
DEFINE_ENUM_STRINGS (DdRuleAnchor, dd_rule_anchor, rule_anchor_names)

/* ------------------------------------------------------------------ */
/* Freeing the parts                                                   */

static void
phase_free (gpointer p)
{
  DdPhase *x = p;
  g_free (x->id); g_free (x->name); g_free (x->clause); g_free (x->description);
  g_free (x);
}

static void
subtype_free (gpointer p)
{
  DdSubtype *x = p;
  g_free (x->id); g_free (x->name);
  g_free (x);
}

static void
category_free (gpointer p)
{
  DdCategory *x = p;
  g_free (x->id); g_free (x->name); g_free (x->form_label); g_free (x->clause);
  g_free (x->description);
  g_clear_pointer (&x->subtypes, g_ptr_array_unref);
  g_free (x);
}

static void
severity_free (gpointer p)
{
  DdSeverity *x = p;
  g_free (x->id); g_free (x->name); g_free (x->full_name); g_free (x->clause);
  g_strfreev (x->criteria);
  g_free (x);
}

static void
warning_level_free (gpointer p)
{
  DdWarningLevel *x = p;
  g_free (x->id); g_free (x->name); g_free (x->colour_name); g_free (x->colour_hex);
  g_free (x->severity); g_free (x->clause);
  g_free (x);
}

static void
role_free (gpointer p)
{
  DdRole *x = p;
  g_free (x->id); g_free (x->name); g_free (x->short_name); g_free (x->holder);
  g_free (x->unit); g_free (x->parent); g_strfreev (x->duties); g_strfreev (x->tags);
  g_free (x->clause); g_free (x->phone);
  g_free (x);
}

static void
phone_row_free (gpointer p)
{
  DdPhoneRow *x = p;
  g_free (x->unit); g_free (x->phone); g_free (x->role);
  g_free (x);
}

static void
report_content_free (gpointer p)
{
  DdReportContent *x = p;
  g_free (x->id); g_free (x->label); g_strfreev (x->fields);
  g_free (x);
}

static void
form_field_free (gpointer p)
{
  DdFormField *x = p;
  g_free (x->id); g_free (x->label);
  g_free (x);
}

static void
option_free (gpointer p)
{
  DdOption *x = p;
  g_free (x->id); g_free (x->label);
  g_free (x);
}

static void
clause_text_free (gpointer p)
{
  DdClauseText *x = p;
  g_free (x->clause); g_free (x->text);
  g_free (x);
}

static void
measure_free (gpointer p)
{
  DdMeasure *x = p;
  g_free (x->id); g_free (x->clause); g_free (x->text); g_free (x->action);
  g_free (x);
}

static void
response_level_free (gpointer p)
{
  DdResponseLevel *x = p;
  g_free (x->id); g_free (x->name); g_free (x->clause); g_free (x->conditions_clause);
  g_clear_pointer (&x->conditions, g_ptr_array_unref);
  g_strfreev (x->severities); g_strfreev (x->proposers); g_strfreev (x->deciders);
  g_free (x->procedure_clause); g_free (x->procedure);
  g_free (x->measures_clause); g_free (x->measures_intro);
  g_clear_pointer (&x->measures, g_ptr_array_unref);
  g_free (x);
}

static void
action_kind_free (gpointer p)
{
  DdActionKind *x = p;
  g_free (x->id); g_free (x->name); g_free (x->phase); g_free (x->clause);
  g_free (x->description);
  g_free (x);
}

static void
provision_free (gpointer p)
{
  DdProvision *x = p;
  g_free (x->id); g_free (x->clause); g_free (x->title); g_free (x->text);
  g_free (x);
}

static void
rule_free (gpointer p)
{
  DdRule *x = p;
  g_free (x->id); g_free (x->clause); g_free (x->phase); g_free (x->text);
  g_free (x->message); g_free (x->action); g_free (x->report_type);
  g_strfreev (x->recipients); g_strfreev (x->roles); g_strfreev (x->role_kinds);
  g_strfreev (x->severities); g_strfreev (x->response_levels); g_strfreev (x->categories);
  g_free (x->anchor_action); g_free (x->threshold_note);
  g_free (x->missing_clause); g_free (x->missing_message);
  g_strfreev (x->requires); g_free (x->same_as); g_free (x->target);
  g_strfreev (x->fields);
  g_free (x);
}

static void
rating_free (gpointer p)
{
  DdRating *x = p;
  g_free (x->id); g_free (x->name);
  g_free (x);
}

static void
identity_clear (DdPlanIdentity *x)
{
  g_free (x->id); g_free (x->title); g_free (x->short_title); g_free (x->region);
  g_free (x->level); g_free (x->doc_number); g_free (x->issuer); g_free (x->issued);
  g_free (x->effective_clause); g_free (x->replaces); g_free (x->replaces_issued);
  g_free (x->revision_owner); g_free (x->revision_clause); g_free (x->drill_organiser);
  g_free (x->drill_clause); g_free (x->interpreter);
  memset (x, 0, sizeof *x);
}

/* ------------------------------------------------------------------ */
/* The object                                                          */

struct _DdPlan
{
  GObject parent_instance;

  char *source_name;
  char *source_sha256;

  DdPlanIdentity identity;
  GDate issued;

  GPtrArray *phases;
  GPtrArray *categories;
  GPtrArray *severities;
  DdSeverity *undetermined;
  GPtrArray *warning_levels;
  GPtrArray *roles;
  GPtrArray *phone_rows;
  GPtrArray *report_contents;
  GPtrArray *form_fields;
  GPtrArray *hazards;
  GPtrArray *report_types;
  GPtrArray *response_levels;
  GPtrArray *action_kinds;
  GPtrArray *provisions;
  GPtrArray *rules;
  DdScoring scoring;
  DdWorkflowLabels workflow;
  char *kind_labels[DD_ROLE_KIND_OTHER + 1]; /* <organisation><kind name> */

  char *classification_standard;
  char *classification_clause;
  char *severity_clause;
  char *report_clause;
  char *form_title;
  char *form_clause;
  char *phone_table_title;
  char *phone_area_code;

  /* id → struct (borrowed) */
  GHashTable *phase_index;
  GHashTable *category_index;
  GHashTable *subtype_index;      /* id → DdSubtype */
  GHashTable *subtype_parent;     /* id → DdCategory */
  GHashTable *severity_index;
  GHashTable *warning_index;
  GHashTable *role_index;
  GHashTable *response_index;
  GHashTable *action_index;
  GHashTable *provision_index;
  GHashTable *rule_index;
  GHashTable *field_index;
  GHashTable *content_index;
  GHashTable *report_type_index;
  GHashTable *hazard_index;
};

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
  g_clear_pointer (&self->undetermined, severity_free);
  g_clear_pointer (&self->warning_levels, g_ptr_array_unref);
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
  g_clear_pointer (&self->scoring.ratings, g_ptr_array_unref);
  g_clear_pointer (&self->scoring.note, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (self->kind_labels); i++)
    g_clear_pointer (&self->kind_labels[i], g_free);

  identity_clear (&self->identity);
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

static GHashTable *
new_index (void)
{
  return g_hash_table_new (g_str_hash, g_str_equal);
}

static void
dd_plan_init (DdPlan *self)
{
  self->phases = g_ptr_array_new_with_free_func (phase_free);
  self->categories = g_ptr_array_new_with_free_func (category_free);
  self->severities = g_ptr_array_new_with_free_func (severity_free);
  self->warning_levels = g_ptr_array_new_with_free_func (warning_level_free);
  self->roles = g_ptr_array_new_with_free_func (role_free);
  self->phone_rows = g_ptr_array_new_with_free_func (phone_row_free);
  self->report_contents = g_ptr_array_new_with_free_func (report_content_free);
  self->form_fields = g_ptr_array_new_with_free_func (form_field_free);
  self->hazards = g_ptr_array_new_with_free_func (option_free);
  self->report_types = g_ptr_array_new_with_free_func (option_free);
  self->response_levels = g_ptr_array_new_with_free_func (response_level_free);
  self->action_kinds = g_ptr_array_new_with_free_func (action_kind_free);
  self->provisions = g_ptr_array_new_with_free_func (provision_free);
  self->rules = g_ptr_array_new_with_free_func (rule_free);
  self->scoring.ratings = g_ptr_array_new_with_free_func (rating_free);

  self->phase_index = new_index ();
  self->category_index = new_index ();
  self->subtype_index = new_index ();
  self->subtype_parent = new_index ();
  self->severity_index = new_index ();
  self->warning_index = new_index ();
  self->role_index = new_index ();
  self->response_index = new_index ();
  self->action_index = new_index ();
  self->provision_index = new_index ();
  self->rule_index = new_index ();
  self->field_index = new_index ();
  self->content_index = new_index ();
  self->report_type_index = new_index ();
  self->hazard_index = new_index ();
  g_date_clear (&self->issued, 1);
}

/* ------------------------------------------------------------------ */
/* Parsing helpers                                                     */

typedef enum {
  REF_ROLE,
  REF_PHASE,
  REF_SEVERITY,
  REF_CATEGORY,
  REF_RESPONSE_LEVEL,
  REF_ACTION,
  REF_FORM_FIELD,
  REF_CONTENT,
  REF_REPORT_TYPE,
} RefTarget;

static const char * const ref_target_names[] = {
  "role", "phase", "severity", "category", "response level", "action",
  "report form field", "report content item", "report type",
};

typedef struct {
  xmlNode   *node;
  const char *attr;      /* static string */
  RefTarget  target;
  char      *id;
} Ref;

static void
ref_clear (gpointer p)
{
  Ref *r = p;
  g_free (r->id);
}

typedef struct {
  DdPlan  *plan;
  GArray  *refs;          /* of Ref */
  GError **error;
} Loader;

static void
add_ref (Loader     *ld,
         xmlNode    *node,
         const char *attr,
         RefTarget   target,
         const char *id)
{
  Ref r = { node, attr, target, g_strdup (id) };

  if (id == NULL)
    return;
  g_array_append_val (ld->refs, r);
}

static void
add_refs (Loader     *ld,
          xmlNode    *node,
          const char *attr,
          RefTarget   target,
          char      **ids)
{
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    add_ref (ld, node, attr, target, ids[i]);
}

static char *
prop (xmlNode    *node,
      const char *name)
{
  return dd_xml_prop (node, name);
}

/* A space-separated list attribute as a NULL-terminated array, never NULL. */
static char **
prop_list (xmlNode    *node,
           const char *name)
{
  g_autofree char *value = dd_xml_prop (node, name);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (value != NULL)
    {
      g_auto(GStrv) parts = g_strsplit_set (value, " \t\r\n", -1);
      for (guint i = 0; parts[i] != NULL; i++)
        if (parts[i][0] != '\0')
          g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

static gboolean
prop_bool (xmlNode    *node,
           const char *name,
           gboolean    fallback)
{
  g_autofree char *value = dd_xml_prop (node, name);

  if (value == NULL)
    return fallback;
  return g_str_equal (value, "true") || g_str_equal (value, "1");
}

static gboolean
prop_uint (Loader     *ld,
           xmlNode    *node,
           const char *name,
           guint       fallback,
           guint      *out)
{
  g_autofree char *value = dd_xml_prop (node, name);
  guint64 v;

  if (value == NULL)
    {
      *out = fallback;
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (value, 10, 0, G_MAXINT, &v, NULL))
    {
      dd_xml_node_error (ld->error, node, "attribute %s=\"%s\" is not a number in range", name, value);
      return FALSE;
    }
  *out = (guint) v;
  return TRUE;
}

static gboolean
prop_double (Loader     *ld,
             xmlNode    *node,
             const char *name,
             double     *out)
{
  g_autofree char *value = dd_xml_prop (node, name);
  char *end = NULL;
  double v;

  if (value == NULL)
    {
      dd_xml_node_error (ld->error, node, "attribute %s is missing", name);
      return FALSE;
    }
  v = g_ascii_strtod (value, &end);
  if (end == value || *end != '\0' || !isfinite (v) || v < 0)
    {
      dd_xml_node_error (ld->error, node, "attribute %s=\"%s\" is not a non-negative number", name, value);
      return FALSE;
    }
  *out = v;
  return TRUE;
}

/* Adds @item under @id to @index, or reports a duplicate. */
static gboolean
index_add (Loader     *ld,
           GHashTable *index,
           xmlNode    *node,
           const char *what,
           const char *id,
           gpointer    item)
{
  if (id == NULL)
    {
      dd_xml_node_error (ld->error, node, "%s without an id", what);
      return FALSE;
    }
  if (g_hash_table_contains (index, id))
    {
      dd_xml_node_error (ld->error, node, "duplicate %s id \"%s\"", what, id);
      return FALSE;
    }
  g_hash_table_insert (index, (gpointer) id, item);
  return TRUE;
}

static char **
child_texts (xmlNode    *parent,
             const char *name)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  DD_XML_FOREACH (child, parent, name)
    {
      g_autofree char *text = dd_xml_text (child);
      g_strv_builder_add (builder, text);
    }
  return g_strv_builder_end (builder);
}

static gboolean
parse_iso_date (const char *str,
                GDate      *out)
{
  guint y, m, d;
  char tail;

  if (str == NULL || sscanf (str, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_set_dmy (out, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
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

  id->id = prop (root, "id");
  id->level = prop (root, "level");
  id->title = dd_xml_child_text (node, "title");
  id->short_title = dd_xml_child_text (node, "short-title");
  if (id->short_title == NULL)
    id->short_title = g_strdup (id->title);
  id->region = dd_xml_child_text (node, "region");
  id->doc_number = dd_xml_child_text (node, "doc-number");
  id->issuer = dd_xml_child_text (node, "issuer");
  id->issued = dd_xml_child_text (node, "issued");
  if (!parse_iso_date (id->issued, &ld->plan->issued))
    {
      dd_xml_node_error (ld->error, dd_xml_child (node, "issued"),
                         "\"%s\" is not a valid date (YYYY-MM-DD)", id->issued ? id->issued : "");
      return FALSE;
    }

  if ((n = dd_xml_child (node, "effective")) != NULL)
    id->effective_clause = prop (n, "clause");
  if ((n = dd_xml_child (node, "replaces")) != NULL)
    {
      GDate d;

      id->replaces = prop (n, "doc-number");
      id->replaces_issued = prop (n, "issued");
      if (id->replaces_issued != NULL && !parse_iso_date (id->replaces_issued, &d))
        {
          dd_xml_node_error (ld->error, n, "\"%s\" is not a valid date", id->replaces_issued);
          return FALSE;
        }
    }

  n = dd_xml_child (node, "revision");
  if (!prop_uint (ld, n, "interval-years", 0, &id->revision_interval_years))
    return FALSE;
  id->revision_owner = prop (n, "owner");
  id->revision_clause = prop (n, "clause");
  add_ref (ld, n, "owner", REF_ROLE, id->revision_owner);

  n = dd_xml_child (node, "drill");
  if (!prop_uint (ld, n, "interval-months", 12, &id->drill_interval_months) ||
      !prop_uint (ld, n, "min-count", 1, &id->drill_min_count))
    return FALSE;
  id->drill_organiser = prop (n, "organiser");
  id->drill_clause = prop (n, "clause");
  add_ref (ld, n, "organiser", REF_ROLE, id->drill_organiser);

  if ((n = dd_xml_child (node, "interpreter")) != NULL)
    {
      id->interpreter = prop (n, "role");
      add_ref (ld, n, "role", REF_ROLE, id->interpreter);
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

      p->id = prop (n, "id");
      p->clause = prop (n, "clause");
      p->title = prop (n, "title");
      p->text = dd_xml_text (n);
      g_ptr_array_add (ld->plan->provisions, p);
      if (!index_add (ld, ld->plan->provision_index, n, "provision", p->id, p))
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

      p->id = prop (n, "id");
      p->name = prop (n, "name");
      p->clause = prop (n, "clause");
      p->description = dd_xml_text (n);
      g_ptr_array_add (ld->plan->phases, p);
      if (!prop_uint (ld, n, "order", 0, &p->order))
        return FALSE;
      if (!index_add (ld, ld->plan->phase_index, n, "phase", p->id, p))
        return FALSE;
      if (g_hash_table_contains (orders, GUINT_TO_POINTER (p->order)))
        {
          dd_xml_node_error (ld->error, n, "two phases have order %u", p->order);
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

  ld->plan->classification_standard = prop (node, "standard");
  ld->plan->classification_clause = prop (node, "clause");

  DD_XML_FOREACH (n, node, "category")
    {
      DdCategory *c = g_new0 (DdCategory, 1);

      c->id = prop (n, "id");
      c->name = prop (n, "name");
      c->form_label = prop (n, "form-label");
      if (c->form_label == NULL)
        c->form_label = g_strdup (c->name);
      c->clause = prop (n, "clause");
      c->description = dd_xml_child_text (n, "description");
      c->subtypes = g_ptr_array_new_with_free_func (subtype_free);
      g_ptr_array_add (ld->plan->categories, c);
      if (!index_add (ld, ld->plan->category_index, n, "category", c->id, c))
        return FALSE;

      DD_XML_FOREACH (s, n, "subtype")
        {
          DdSubtype *st = g_new0 (DdSubtype, 1);

          st->id = prop (s, "id");
          st->name = prop (s, "name");
          g_ptr_array_add (c->subtypes, st);
          if (!index_add (ld, ld->plan->subtype_index, s, "subtype", st->id, st))
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

  ld->plan->severity_clause = prop (node, "clause");

  DD_XML_FOREACH (n, node, "severity")
    {
      s = g_new0 (DdSeverity, 1);
      s->id = prop (n, "id");
      s->name = prop (n, "name");
      s->full_name = prop (n, "full-name");
      if (s->full_name == NULL)
        s->full_name = g_strdup (s->name);
      s->clause = prop (n, "clause");
      s->criteria = child_texts (n, "criterion");
      g_ptr_array_add (ld->plan->severities, s);
      if (!prop_uint (ld, n, "rank", 0, &s->rank))
        return FALSE;
      if (!index_add (ld, ld->plan->severity_index, n, "severity", s->id, s))
        return FALSE;
      if (g_hash_table_contains (ranks, GUINT_TO_POINTER (s->rank)))
        {
          dd_xml_node_error (ld->error, n, "two severities have rank %u", s->rank);
          return FALSE;
        }
      g_hash_table_add (ranks, GUINT_TO_POINTER (s->rank));
    }
  g_ptr_array_sort (ld->plan->severities, severity_cmp);

  u = dd_xml_child (node, "undetermined");
  s = g_new0 (DdSeverity, 1);
  s->id = prop (u, "id");
  s->name = prop (u, "name");
  s->full_name = prop (u, "full-name");
  if (s->full_name == NULL)
    s->full_name = g_strdup (s->name);
  s->clause = prop (u, "clause");
  s->criteria = g_new0 (char *, 1);
  s->rank = 0;
  s->undetermined = TRUE;
  ld->plan->undetermined = s;
  return index_add (ld, ld->plan->severity_index, u, "severity", s->id, s);
}

static gboolean
parse_warning_levels (Loader  *ld,
                      xmlNode *root)
{
  xmlNode *node = dd_xml_child (root, "warning-levels");
  g_autofree char *clause = prop (node, "clause");

  DD_XML_FOREACH (n, node, "warning-level")
    {
      DdWarningLevel *w = g_new0 (DdWarningLevel, 1);

      w->id = prop (n, "id");
      w->name = prop (n, "name");
      w->colour_name = prop (n, "colour");
      w->colour_hex = prop (n, "hex");
      w->severity = prop (n, "severity");
      w->clause = prop (n, "clause");
      if (w->clause == NULL)
        w->clause = g_strdup (clause);
      g_ptr_array_add (ld->plan->warning_levels, w);
      if (!index_add (ld, ld->plan->warning_index, n, "warning level", w->id, w))
        return FALSE;
      add_ref (ld, n, "severity", REF_SEVERITY, w->severity);
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
      g_autofree char *kind = prop (n, "kind");

      r->id = prop (n, "id");
      r->name = prop (n, "name");
      r->short_name = prop (n, "short-name");
      if (r->short_name == NULL)
        r->short_name = g_strdup (r->name);
      r->parent = prop (n, "parent");
      r->unit = prop (n, "unit");
      r->in_chart = prop_bool (n, "chart", TRUE);
      r->clause = prop (n, "clause");
      r->phone = prop (n, "phone");
      r->tags = prop_list (n, "tags");
      r->holder = dd_xml_child_text (n, "holder");
      r->duties = child_texts (n, "duty");
      g_ptr_array_add (ld->plan->roles, r);
      if (!dd_role_kind_from_string (kind, &r->kind))
        {
          dd_xml_node_error (ld->error, n, "unknown role kind \"%s\"", kind ? kind : "");
          return FALSE;
        }
      if (!index_add (ld, ld->plan->role_index, n, "role", r->id, r))
        return FALSE;
      add_ref (ld, n, "parent", REF_ROLE, r->parent);
      add_ref (ld, n, "unit", REF_ROLE, r->unit);
    }
  DD_XML_FOREACH (n, dd_xml_child (root, "organisation"), "kind")
    {
      g_autofree char *kind = prop (n, "id");
      DdRoleKind k;

      if (!dd_role_kind_from_string (kind, &k))
        {
          dd_xml_node_error (ld->error, n, "unknown role kind \"%s\"", kind ? kind : "");
          return FALSE;
        }
      if (ld->plan->kind_labels[k] != NULL)
        {
          dd_xml_node_error (ld->error, n, "role kind \"%s\" is named twice", kind);
          return FALSE;
        }
      ld->plan->kind_labels[k] = prop (n, "name");
    }
  return TRUE;
}

static gboolean
parse_phone_table (Loader  *ld,
                   xmlNode *root)
{
  xmlNode *node = dd_xml_child (root, "phone-table");

  ld->plan->phone_table_title = prop (node, "title");
  ld->plan->phone_area_code = prop (node, "area-code");

  DD_XML_FOREACH (n, node, "row")
    {
      DdPhoneRow *row = g_new0 (DdPhoneRow, 1);

      row->unit = prop (n, "unit");
      row->phone = prop (n, "phone");
      row->role = prop (n, "role");
      g_ptr_array_add (ld->plan->phone_rows, row);
      add_ref (ld, n, "role", REF_ROLE, row->role);
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

  o->id = prop (n, "id");
  o->label = prop (n, "label");
  g_ptr_array_add (array, o);
  return index_add (ld, index, n, what, o->id, o);
}

static gboolean
parse_reporting (Loader  *ld,
                 xmlNode *root)
{
  xmlNode *node = dd_xml_child (root, "reporting");
  xmlNode *form = dd_xml_child (node, "form");

  ld->plan->report_clause = prop (node, "clause");
  ld->plan->form_title = prop (form, "title");
  ld->plan->form_clause = prop (form, "clause");

  DD_XML_FOREACH (n, node, "content")
    {
      DdReportContent *c = g_new0 (DdReportContent, 1);

      c->id = prop (n, "id");
      c->label = prop (n, "label");
      c->fields = prop_list (n, "fields");
      g_ptr_array_add (ld->plan->report_contents, c);
      if (!index_add (ld, ld->plan->content_index, n, "report content", c->id, c))
        return FALSE;
      add_refs (ld, n, "fields", REF_FORM_FIELD, c->fields);
    }

  DD_XML_FOREACH (n, form, "field")
    {
      DdFormField *f = g_new0 (DdFormField, 1);
      g_autofree char *type = prop (n, "type");

      f->id = prop (n, "id");
      f->label = prop (n, "label");
      f->required = prop_bool (n, "required", FALSE);
      g_ptr_array_add (ld->plan->form_fields, f);
      if (!dd_field_type_from_string (type, &f->type))
        {
          dd_xml_node_error (ld->error, n, "unknown field type \"%s\"", type ? type : "");
          return FALSE;
        }
      if (!index_add (ld, ld->plan->field_index, n, "form field", f->id, f))
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
  g_autoptr(GHashTable) measure_ids = new_index ();

  DD_XML_FOREACH (n, dd_xml_child (root, "response-levels"), "response-level")
    {
      DdResponseLevel *l = g_new0 (DdResponseLevel, 1);
      xmlNode *cond = dd_xml_child (n, "conditions");
      xmlNode *proc = dd_xml_child (n, "procedure");
      xmlNode *meas = dd_xml_child (n, "measures");

      l->id = prop (n, "id");
      l->name = prop (n, "name");
      l->clause = prop (n, "clause");
      l->severities = prop_list (n, "severities");
      l->conditions = g_ptr_array_new_with_free_func (clause_text_free);
      l->measures = g_ptr_array_new_with_free_func (measure_free);
      g_ptr_array_add (ld->plan->response_levels, l);
      if (!prop_uint (ld, n, "rank", 0, &l->rank))
        return FALSE;
      if (!index_add (ld, ld->plan->response_index, n, "response level", l->id, l))
        return FALSE;
      add_refs (ld, n, "severities", REF_SEVERITY, l->severities);

      l->conditions_clause = prop (cond, "clause");
      DD_XML_FOREACH (c, cond, "condition")
        {
          DdClauseText *ct = g_new0 (DdClauseText, 1);

          ct->clause = prop (c, "clause");
          ct->text = dd_xml_text (c);
          g_ptr_array_add (l->conditions, ct);
        }

      l->procedure_clause = prop (proc, "clause");
      l->procedure = dd_xml_text (proc);
      l->proposers = prop_list (proc, "proposers");
      l->deciders = prop_list (proc, "deciders");
      add_refs (ld, proc, "proposers", REF_ROLE, l->proposers);
      add_refs (ld, proc, "deciders", REF_ROLE, l->deciders);

      l->measures_clause = prop (meas, "clause");
      l->measures_intro = dd_xml_child_text (meas, "intro");
      DD_XML_FOREACH (m, meas, "measure")
        {
          DdMeasure *dm = g_new0 (DdMeasure, 1);

          dm->id = prop (m, "id");
          dm->clause = prop (m, "clause");
          dm->action = prop (m, "action");
          dm->text = dd_xml_text (m);
          g_ptr_array_add (l->measures, dm);
          if (!index_add (ld, measure_ids, m, "measure", dm->id, dm))
            return FALSE;
          add_ref (ld, m, "action", REF_ACTION, dm->action);
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
      g_autofree char *form = prop (n, "form");

      a->id = prop (n, "id");
      a->name = prop (n, "name");
      a->phase = prop (n, "phase");
      a->clause = prop (n, "clause");
      a->description = dd_xml_text (n);
      g_ptr_array_add (ld->plan->action_kinds, a);
      if (!dd_action_form_from_string (form, &a->form))
        {
          dd_xml_node_error (ld->error, n, "unknown action form \"%s\"", form ? form : "");
          return FALSE;
        }
      if (!index_add (ld, ld->plan->action_index, n, "action", a->id, a))
        return FALSE;
      add_ref (ld, n, "phase", REF_PHASE, a->phase);
    }
  return TRUE;
}

static gboolean
parse_enum_attr (Loader      *ld,
                 xmlNode     *n,
                 const char  *name,
                 const char * const *names,
                 gboolean     required,
                 int          fallback,
                 int         *out)
{
  g_autofree char *value = prop (n, name);

  if (value == NULL)
    {
      if (required)
        {
          dd_xml_node_error (ld->error, n, "attribute %s is missing", name);
          return FALSE;
        }
      *out = fallback;
      return TRUE;
    }
  if (!enum_from_string (names, value, out))
    {
      dd_xml_node_error (ld->error, n, "attribute %s has an unknown value \"%s\"", name, value);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_rules (Loader  *ld,
             xmlNode *root)
{
  DD_XML_FOREACH (n, dd_xml_child (root, "rules"), "rule")
    {
      DdRule *r = g_new0 (DdRule, 1);
      g_autofree char *match = prop (n, "recipients-match");
      int kind, finding, severity, anchor, missing;

      r->id = prop (n, "id");
      r->clause = prop (n, "clause");
      r->phase = prop (n, "phase");
      r->text = dd_xml_child_text (n, "text");
      r->message = dd_xml_child_text (n, "message");
      r->action = prop (n, "action");
      r->report_type = prop (n, "report-type");
      r->recipients = prop_list (n, "recipients");
      r->all_recipients = g_strcmp0 (match, "all") == 0;
      r->roles = prop_list (n, "roles");
      r->role_kinds = prop_list (n, "role-kinds");
      r->severities = prop_list (n, "severities");
      r->response_levels = prop_list (n, "response-levels");
      r->categories = prop_list (n, "categories");
      r->anchor_action = prop (n, "anchor-action");
      r->immediate = prop_bool (n, "immediate", FALSE);
      r->threshold_note = dd_xml_child_text (n, "threshold-note");
      r->missing_clause = prop (n, "missing-clause");
      r->missing_message = dd_xml_child_text (n, "missing-message");
      r->requires = prop_list (n, "requires");
      r->same_as = prop (n, "same-as");
      r->target = prop (n, "target");
      r->fields = prop_list (n, "fields");
      g_ptr_array_add (ld->plan->rules, r);

      if (!parse_enum_attr (ld, n, "kind", rule_kind_names, TRUE, 0, &kind) ||
          !parse_enum_attr (ld, n, "finding", finding_kind_names, TRUE, 0, &finding) ||
          !parse_enum_attr (ld, n, "severity", finding_severity_names, TRUE, 0, &severity) ||
          !parse_enum_attr (ld, n, "anchor", rule_anchor_names, FALSE,
                            DD_RULE_ANCHOR_INCIDENT_START, &anchor) ||
          !parse_enum_attr (ld, n, "missing-severity", finding_severity_names, FALSE,
                            severity, &missing) ||
          !prop_uint (ld, n, "minutes", 0, &r->minutes))
        return FALSE;
      r->kind = kind;
      r->finding = finding;
      r->severity = severity;
      r->anchor = anchor;
      r->missing_severity = missing;

      if (!index_add (ld, ld->plan->rule_index, n, "rule", r->id, r))
        return FALSE;

      if (r->all_recipients && (r->kind != DD_RULE_KIND_OBLIGATION || r->recipients[0] == NULL))
        {
          dd_xml_node_error (ld->error, n, "rule \"%s\": recipients-match=\"all\" needs an obligation with recipients", r->id);
          return FALSE;
        }
      if (r->kind == DD_RULE_KIND_DEADLINE && r->anchor == DD_RULE_ANCHOR_ACTION &&
          r->anchor_action == NULL)
        {
          dd_xml_node_error (ld->error, n, "rule \"%s\": anchor=\"action\" needs anchor-action", r->id);
          return FALSE;
        }
      for (guint i = 0; r->role_kinds[i] != NULL; i++)
        if (!dd_role_kind_from_string (r->role_kinds[i], NULL))
          {
            dd_xml_node_error (ld->error, n, "rule \"%s\": unknown role kind \"%s\"", r->id, r->role_kinds[i]);
            return FALSE;
          }

      add_ref (ld, n, "phase", REF_PHASE, r->phase);
      add_ref (ld, n, "action", REF_ACTION, r->action);
      add_ref (ld, n, "report-type", REF_REPORT_TYPE, r->report_type);
      add_refs (ld, n, "recipients", REF_ROLE, r->recipients);
      add_refs (ld, n, "roles", REF_ROLE, r->roles);
      add_refs (ld, n, "severities", REF_SEVERITY, r->severities);
      add_refs (ld, n, "response-levels", REF_RESPONSE_LEVEL, r->response_levels);
      add_refs (ld, n, "categories", REF_CATEGORY, r->categories);
      add_ref (ld, n, "anchor-action", REF_ACTION, r->anchor_action);
      add_refs (ld, n, "requires", REF_ACTION, r->requires);
      add_ref (ld, n, "same-as", REF_ACTION, r->same_as);
      if (r->kind == DD_RULE_KIND_REPORT_CONTENT)
        add_refs (ld, n, "fields", g_strcmp0 (r->target, "form") == 0 ? REF_FORM_FIELD : REF_CONTENT,
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

      if (!parse_enum_attr (ld, n, "severity", finding_severity_names, TRUE, 0, &sev))
        return FALSE;
      if (seen[sev])
        {
          dd_xml_node_error (ld->error, n, "duplicate %s for severity \"%s\"", name, finding_severity_names[sev]);
          return FALSE;
        }
      seen[sev] = TRUE;
      if (!prop_double (ld, n, "points", &points[sev]))
        return FALSE;
    }
  for (guint i = 0; required && i < G_N_ELEMENTS (seen); i++)
    if (!seen[i])
      {
        dd_xml_node_error (ld->error, node, "scoring has no %s for severity \"%s\"", name, finding_severity_names[i]);
        return FALSE;
      }
  return TRUE;
}

static gboolean
parse_scoring (Loader  *ld,
               xmlNode *root)
{
  xmlNode *node = dd_xml_child (root, "scoring");
  DdScoring *s = &ld->plan->scoring;
  g_autoptr(GHashTable) ids = new_index ();

  if (!prop_double (ld, node, "max-score", &s->max_score))
    return FALSE;
  s->note = dd_xml_child_text (node, "note");

  DD_XML_FOREACH (n, node, "phase-weight")
    {
      g_autofree char *phase = prop (n, "phase");
      DdPhase *p = phase ? g_hash_table_lookup (ld->plan->phase_index, phase) : NULL;
      double w;

      if (p == NULL)
        {
          dd_xml_node_error (ld->error, n, "phase-weight refers to unknown phase \"%s\"", phase ? phase : "");
          return FALSE;
        }
      if (!prop_double (ld, n, "weight", &w))
        return FALSE;
      p->weight = w;
    }

  if (!parse_deductions (ld, node, "deduction", TRUE, &s->deduction_minor) ||
      !parse_deductions (ld, node, "overall-deduction", FALSE, &s->overall_deduction_minor))
    return FALSE;

  DD_XML_FOREACH (n, node, "rating")
    {
      DdRating *r = g_new0 (DdRating, 1);

      r->id = prop (n, "id");
      r->name = prop (n, "name");
      g_ptr_array_add (s->ratings, r);
      if (!prop_double (ld, n, "min", &r->min_score) ||
          !index_add (ld, ids, n, "rating", r->id, r))
        return FALSE;
    }
  g_ptr_array_sort (s->ratings, rating_cmp);
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

      if (!g_hash_table_contains (index_for (ld->plan, r->target), r->id))
        {
          dd_xml_node_error (ld->error, r->node, "%s=\"%s\": no %s has this id",
                             r->attr, r->id, ref_target_names[r->target]);
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
                                 "role \"%s\": its parent chain loops back to itself", start->id);
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
      dd_xml_node_error (error, root, "not a plan: the root element is <%s>", (const char *) root->name);
      return NULL;
    }

  ld.refs = g_array_new (FALSE, TRUE, sizeof (Ref));
  g_array_set_clear_func (ld.refs, ref_clear);

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
       parse_rules (&ld, root) &&
       parse_scoring (&ld, root) &&
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
  plan->source_sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
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
