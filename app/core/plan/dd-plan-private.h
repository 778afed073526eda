/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-plan-private.h — what the plan loader's files share
 *
 * Copyright 2024 The DrillDesk authors
 *
 * dd-plan.c reads the plan's organisation, reporting, levels and actions
 * and checks references; dd-plan-rules.c reads <rules> and <scoring> and
 * holds the helpers that apply a rule.
 */

#pragma once

#include <libxml/tree.h>

#include "dd-plan.h"
#include "dd-xml.h"

G_BEGIN_DECLS

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
  DdCapProfile *cap;              /* or NULL */
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
  REF_CLAUSE,                     /* a clause the plan has (dd_plan_has_clause) */
} RefTarget;

typedef struct {
  xmlNode   *node;
  const char *attr;      /* static string */
  RefTarget  target;
  char      *id;
} Ref;

typedef struct {
  DdPlan  *plan;
  GArray  *refs;          /* of Ref */
  GError **error;
} Loader;

extern const char * const dd_plan_rule_kind_names[];
extern const char * const dd_plan_finding_kind_names[];
extern const char * const dd_plan_finding_severity_names[];
extern const char * const dd_plan_rule_anchor_names[];

GHashTable *dd_plan_new_index        (void);
void        dd_plan_add_ref          (Loader      *ld,
                                      xmlNode     *node,
                                      const char  *attr,
                                      RefTarget    target,
                                      const char  *id);
void        dd_plan_add_refs         (Loader      *ld,
                                      xmlNode     *node,
                                      const char  *attr,
                                      RefTarget    target,
                                      char       **ids);
char       *dd_plan_prop             (xmlNode     *node,
                                      const char  *name);
char      **dd_plan_prop_list        (xmlNode     *node,
                                      const char  *name);
gboolean    dd_plan_prop_bool        (xmlNode     *node,
                                      const char  *name,
                                      gboolean     fallback);
gboolean    dd_plan_prop_uint        (Loader      *ld,
                                      xmlNode     *node,
                                      const char  *name,
                                      guint        fallback,
                                      guint       *out);
gboolean    dd_plan_prop_double      (Loader      *ld,
                                      xmlNode     *node,
                                      const char  *name,
                                      double      *out);
gboolean    dd_plan_index_add        (Loader      *ld,
                                      GHashTable  *index,
                                      xmlNode     *node,
                                      const char  *what,
                                      const char  *id,
                                      gpointer     item);
gboolean    dd_plan_parse_enum_attr  (Loader      *ld,
                                      xmlNode     *n,
                                      const char  *name,
                                      const char * const *names,
                                      gboolean     required,
                                      int          fallback,
                                      int         *out);

extern const char * const dd_plan_ref_target_names[];

/* dd-plan-parse.c */
gboolean    dd_plan_enum_from_string      (const char * const *names,
                                           const char *str,
                                           int *out);
void        dd_plan_phase_free            (gpointer p);
void        dd_plan_subtype_free          (gpointer p);
void        dd_plan_category_free         (gpointer p);
void        dd_plan_severity_free         (gpointer p);
void        dd_plan_warning_level_free    (gpointer p);
void        dd_plan_cap_profile_free      (gpointer p);
void        dd_plan_role_free             (gpointer p);
void        dd_plan_phone_row_free        (gpointer p);
void        dd_plan_report_content_free   (gpointer p);
void        dd_plan_form_field_free       (gpointer p);
void        dd_plan_option_free           (gpointer p);
void        dd_plan_clause_text_free      (gpointer p);
void        dd_plan_measure_free          (gpointer p);
void        dd_plan_response_level_free   (gpointer p);
void        dd_plan_action_kind_free      (gpointer p);
void        dd_plan_provision_free        (gpointer p);
void        dd_plan_identity_clear        (DdPlanIdentity *x);
void        dd_plan_ref_clear             (gpointer p);
char        **dd_plan_child_texts         (xmlNode *parent,
                                           const char *name);
gboolean    dd_plan_parse_iso_date        (const char *str,
                                           GDate *out);

/* dd-plan-rules.c */
void        dd_plan_rule_free        (gpointer     p);
void        dd_plan_rating_free      (gpointer     p);
gboolean    dd_plan_parse_rules      (Loader      *ld,
                                      xmlNode     *root);
gboolean    dd_plan_parse_scoring    (Loader      *ld,
                                      xmlNode     *root);
void        dd_plan_scoring_init     (DdScoring   *scoring);
void        dd_plan_scoring_clear    (DdScoring   *scoring);

G_END_DECLS
