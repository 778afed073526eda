/* dd-plan-parse.c — the plan's enumerations, how its parts are freed, and
 * the helpers that read attributes for the loader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "dd-plan-private.h"

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
const char * const dd_plan_rule_kind_names[] = {
  "deadline", "authority", "prerequisite", "obligation", "level-match",
  "same-actor", "report-content", "report-accuracy", "same-authority", NULL
};
const char * const dd_plan_finding_kind_names[] = {
  "timing", "authority", "sequence", "completeness", "accuracy", "omission", NULL
};
const char * const dd_plan_finding_severity_names[] = {
  "minor", "major", "critical", NULL
};
const char * const dd_plan_rule_anchor_names[] = {
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

gboolean
dd_plan_enum_from_string (const char * const *names,
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
    if (!dd_plan_enum_from_string (table, str, &v))                                   \
      return FALSE;                                                           \
    if (out != NULL)                                                          \
      *out = (Type) v;                                                        \
    return TRUE;                                                              \
  }

DEFINE_ENUM_STRINGS (DdRoleKind, dd_role_kind, role_kind_names)
DEFINE_ENUM_STRINGS (DdActionForm, dd_action_form, action_form_names)
DEFINE_ENUM_STRINGS (DdFieldType, dd_field_type, field_type_names)
DEFINE_ENUM_STRINGS (DdRuleKind, dd_rule_kind, dd_plan_rule_kind_names)
DEFINE_ENUM_STRINGS (DdFindingKind, dd_finding_kind, dd_plan_finding_kind_names)
DEFINE_ENUM_STRINGS (DdFindingSeverity, dd_finding_severity, dd_plan_finding_severity_names)
DEFINE_ENUM_STRINGS (DdRuleAnchor, dd_rule_anchor, dd_plan_rule_anchor_names)

/* ------------------------------------------------------------------ */
/* Freeing the parts                                                   */

void
dd_plan_phase_free (gpointer p)
{
  DdPhase *x = p;
  g_free (x->id); g_free (x->name); g_free (x->clause); g_free (x->description);
  g_free (x);
}

void
dd_plan_subtype_free (gpointer p)
{
  DdSubtype *x = p;
  g_free (x->id); g_free (x->name);
  g_free (x);
}

void
dd_plan_category_free (gpointer p)
{
  DdCategory *x = p;
  g_free (x->id); g_free (x->name); g_free (x->form_label); g_free (x->clause);
  g_free (x->description);
  g_clear_pointer (&x->subtypes, g_ptr_array_unref);
  g_free (x);
}

void
dd_plan_severity_free (gpointer p)
{
  DdSeverity *x = p;
  g_free (x->id); g_free (x->name); g_free (x->full_name); g_free (x->clause);
  g_strfreev (x->criteria);
  g_free (x);
}

void
dd_plan_warning_level_free (gpointer p)
{
  DdWarningLevel *x = p;
  g_free (x->id); g_free (x->name); g_free (x->colour_name); g_free (x->colour_hex);
  g_free (x->severity); g_free (x->clause);
  g_free (x->cap_severity); g_free (x->cap_urgency); g_free (x->cap_certainty);
  g_free (x);
}

void
dd_plan_cap_profile_free (gpointer p)
{
  DdCapProfile *x = p;
  g_free (x->issue_action); g_free (x->lift_action); g_free (x->sender);
  g_free (x->sender_name); g_free (x->event); g_free (x->category); g_free (x->clause);
  g_free (x->restriction); g_free (x->alert_headline); g_free (x->update_headline);
  g_free (x->cancel_headline);
  g_free (x);
}

void
dd_plan_role_free (gpointer p)
{
  DdRole *x = p;
  g_free (x->id); g_free (x->name); g_free (x->short_name); g_free (x->holder);
  g_free (x->unit); g_free (x->parent); g_strfreev (x->duties); g_strfreev (x->tags);
  g_free (x->clause); g_free (x->phone);
  g_free (x);
}

void
dd_plan_phone_row_free (gpointer p)
{
  DdPhoneRow *x = p;
  g_free (x->unit); g_free (x->phone); g_free (x->role);
  g_free (x);
}

void
dd_plan_report_content_free (gpointer p)
{
  DdReportContent *x = p;
  g_free (x->id); g_free (x->label); g_strfreev (x->fields);
  g_free (x);
}

void
dd_plan_form_field_free (gpointer p)
{
  DdFormField *x = p;
  g_free (x->id); g_free (x->label);
  g_free (x);
}

void
dd_plan_option_free (gpointer p)
{
  DdOption *x = p;
  g_free (x->id); g_free (x->label);
  g_free (x);
}

void
dd_plan_clause_text_free (gpointer p)
{
  DdClauseText *x = p;
  g_free (x->clause); g_free (x->text);
  g_free (x);
}

void
dd_plan_measure_free (gpointer p)
{
  DdMeasure *x = p;
  g_free (x->id); g_free (x->clause); g_free (x->text); g_free (x->action);
  g_free (x);
}

void
dd_plan_response_level_free (gpointer p)
{
  DdResponseLevel *x = p;
  g_free (x->id); g_free (x->name); g_free (x->clause); g_free (x->conditions_clause);
  g_clear_pointer (&x->conditions, g_ptr_array_unref);
  g_strfreev (x->severities); g_strfreev (x->proposers); g_strfreev (x->deciders);
  g_free (x->procedure_clause); g_free (x->procedure);
  g_strfreev (x->closers); g_strfreev (x->closer_kinds);
  g_free (x->closure_clause); g_free (x->closure_text); g_free (x->closure_body);
  g_free (x->measures_clause); g_free (x->measures_intro);
  g_clear_pointer (&x->measures, g_ptr_array_unref);
  g_free (x);
}

void
dd_plan_action_kind_free (gpointer p)
{
  DdActionKind *x = p;
  g_free (x->id); g_free (x->name); g_free (x->phase); g_free (x->clause);
  g_free (x->description);
  g_free (x);
}

void
dd_plan_provision_free (gpointer p)
{
  DdProvision *x = p;
  g_free (x->id); g_free (x->clause); g_free (x->title); g_free (x->text);
  g_free (x);
}

void
dd_plan_identity_clear (DdPlanIdentity *x)
{
  g_free (x->id); g_free (x->title); g_free (x->short_title); g_free (x->region);
  g_free (x->level); g_free (x->doc_number); g_free (x->issuer); g_free (x->issued);
  g_free (x->effective_clause); g_free (x->replaces); g_free (x->replaces_issued);
  g_free (x->revision_owner); g_free (x->revision_clause); g_free (x->drill_organiser);
  g_free (x->drill_clause); g_free (x->interpreter);
  g_strfreev (x->drill_participant_kinds); g_free (x->drill_min_severity);
  memset (x, 0, sizeof *x);
}

/* ------------------------------------------------------------------ */
/* Parsing helpers                                                     */


const char * const dd_plan_ref_target_names[] = {
  "role", "phase", "severity", "category", "response level", "action",
  "report form field", "report content item", "report type", "clause of the plan",
};


void
dd_plan_ref_clear (gpointer p)
{
  Ref *r = p;
  g_free (r->id);
}


void
dd_plan_add_ref (Loader     *ld,
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

void
dd_plan_add_refs (Loader     *ld,
                  xmlNode    *node,
                  const char *attr,
                  RefTarget   target,
                  char      **ids)
{
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    dd_plan_add_ref (ld, node, attr, target, ids[i]);
}

char *
dd_plan_prop (xmlNode    *node,
              const char *name)
{
  return dd_xml_prop (node, name);
}

/* A space-separated list attribute as a NULL-terminated array, never NULL. */
char **
dd_plan_prop_list (xmlNode    *node,
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

gboolean
dd_plan_prop_bool (xmlNode    *node,
                   const char *name,
                   gboolean    fallback)
{
  g_autofree char *value = dd_xml_prop (node, name);

  if (value == NULL)
    return fallback;
  return g_str_equal (value, "true") || g_str_equal (value, "1");
}

gboolean
dd_plan_prop_uint (Loader     *ld,
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
      dd_xml_node_error (ld->error, node, _("attribute %s=\"%s\" is not a number in range"), name, value);
      return FALSE;
    }
  *out = (guint) v;
  return TRUE;
}

gboolean
dd_plan_prop_double (Loader     *ld,
                     xmlNode    *node,
                     const char *name,
                     double     *out)
{
  g_autofree char *value = dd_xml_prop (node, name);
  char *end = NULL;
  double v;

  if (value == NULL)
    {
      dd_xml_node_error (ld->error, node, _("attribute %s is missing"), name);
      return FALSE;
    }
  v = g_ascii_strtod (value, &end);
  if (end == value || *end != '\0' || !isfinite (v) || v < 0)
    {
      dd_xml_node_error (ld->error, node, _("attribute %s=\"%s\" is not a non-negative number"), name, value);
      return FALSE;
    }
  *out = v;
  return TRUE;
}

/* Adds @item under @id to @index, or reports a duplicate. */
gboolean
dd_plan_index_add (Loader     *ld,
                   GHashTable *index,
                   xmlNode    *node,
                   const char *what,
                   const char *id,
                   gpointer    item)
{
  if (id == NULL)
    {
      dd_xml_node_error (ld->error, node, _("%s without an id"), what);
      return FALSE;
    }
  if (g_hash_table_contains (index, id))
    {
      dd_xml_node_error (ld->error, node, _("duplicate %s id \"%s\""), what, id);
      return FALSE;
    }
  g_hash_table_insert (index, (gpointer) id, item);
  return TRUE;
}

char **
dd_plan_child_texts (xmlNode    *parent,
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

gboolean
dd_plan_parse_iso_date (const char *str,
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

