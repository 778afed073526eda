/* SPDX-License-Identifier: GPL-3.0-or-later */
/* API ready */
/* dd-plan.h — the emergency plan as data
 *
 * Copyright 2024 The DrillDesk authors
 *
 * A DdPlan is loaded from a plan XML file (assets/schema/plan.rng), checked
 * (unique ids, every reference resolves) and then read-only.  All the parts
 * are plain structs owned by the plan: callers never free them and never
 * change them.  String arrays (char **) are NULL-terminated and never NULL
 * (an empty list is an array holding only NULL).
 *
 * Ids used by the bundled plan (assets/plans/jincheng-2020.xml):
 *   phases:     detection, report, assessment-warning, activation, handling,
 *               release, closure, after-action
 *   severities: especially-major (特别重大), major (重大),
 *               relatively-major (较大), general (一般);
 *               pseudo-level undetermined (暂时无法判明等级)
 *   warnings:   I II III IV          response levels: I II III
 *   categories: harmful-program network-attack information-destruction
 *               information-content equipment-failure disaster other
 *   roles:      province-command province-office superior-departments
 *               city-gov hq commander deputy-* office office-director
 *               <member units, e.g. bigdata cac police news …> county-hq
 *               tech-team expert-group incident-unit monitoring-unit
 *               local-gov
 *   report types (parameter of the "report" action): first follow-up final
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* ------------------------------------------------------------------ */
/* Enumerations (string forms are the XML attribute values)           */

typedef enum {
  DD_ROLE_KIND_SUPERIOR,         /* "superior": province, superior command/departments */
  DD_ROLE_KIND_GOVERNMENT,       /* "government": 市人民政府 */
  DD_ROLE_KIND_HQ,               /* "hq": 市指挥部 */
  DD_ROLE_KIND_COMMANDER,        /* "commander": 指挥长 */
  DD_ROLE_KIND_DEPUTY,           /* "deputy": 副指挥长 */
  DD_ROLE_KIND_OFFICE,           /* "office": 市指挥部办公室 */
  DD_ROLE_KIND_OFFICE_DIRECTOR,  /* "office-director": 办公室主任 */
  DD_ROLE_KIND_MEMBER_UNIT,      /* "member-unit": 成员单位 */
  DD_ROLE_KIND_COUNTY_HQ,        /* "county-hq": 县（市、区）指挥部 */
  DD_ROLE_KIND_TECH_TEAM,        /* "tech-team": 技术支撑队伍 */
  DD_ROLE_KIND_EXPERT_GROUP,     /* "expert-group": 咨询工作组 */
  DD_ROLE_KIND_INCIDENT_UNIT,    /* "incident-unit": 事发单位 */
  DD_ROLE_KIND_MONITORING_UNIT,  /* "monitoring-unit": 监测单位 */
  DD_ROLE_KIND_LOCAL_GOVERNMENT, /* "local-government": 事发地人民政府 */
  DD_ROLE_KIND_OTHER,            /* "other" */
} DdRoleKind;

typedef enum {
  DD_ACTION_FORM_NONE,           /* "none" */
  DD_ACTION_FORM_REPORT,         /* "report": form 8.3 */
  DD_ACTION_FORM_WARNING,        /* "warning": a warning level */
  DD_ACTION_FORM_RESPONSE_LEVEL, /* "response-level": a response level */
  DD_ACTION_FORM_CONTENT,        /* "content": free text */
} DdActionForm;

typedef enum {
  DD_FIELD_TYPE_TEXT,            /* "text" */
  DD_FIELD_TYPE_DATETIME,        /* "datetime" */
  DD_FIELD_TYPE_CATEGORY,        /* "category" */
  DD_FIELD_TYPE_SEVERITY,        /* "severity" */
  DD_FIELD_TYPE_HAZARDS,         /* "hazards" */
  DD_FIELD_TYPE_LONGTEXT,        /* "longtext" */
} DdFieldType;

typedef enum {
  DD_RULE_KIND_DEADLINE,         /* "deadline" */
  DD_RULE_KIND_AUTHORITY,        /* "authority" */
  DD_RULE_KIND_PREREQUISITE,     /* "prerequisite" */
  DD_RULE_KIND_OBLIGATION,       /* "obligation" */
  DD_RULE_KIND_LEVEL_MATCH,      /* "level-match" */
  DD_RULE_KIND_SAME_ACTOR,       /* "same-actor" */
  DD_RULE_KIND_REPORT_CONTENT,   /* "report-content" */
  DD_RULE_KIND_REPORT_ACCURACY,  /* "report-accuracy" */
  DD_RULE_KIND_SAME_AUTHORITY,   /* "same-authority" */
} DdRuleKind;

typedef enum {
  DD_FINDING_KIND_TIMING,        /* "timing" */
  DD_FINDING_KIND_AUTHORITY,     /* "authority" */
  DD_FINDING_KIND_SEQUENCE,      /* "sequence" */
  DD_FINDING_KIND_COMPLETENESS,  /* "completeness" */
  DD_FINDING_KIND_ACCURACY,      /* "accuracy" */
  DD_FINDING_KIND_OMISSION,      /* "omission" */
} DdFindingKind;

typedef enum {
  DD_FINDING_SEVERITY_MINOR,     /* "minor" */
  DD_FINDING_SEVERITY_MAJOR,     /* "major" */
  DD_FINDING_SEVERITY_CRITICAL,  /* "critical" */
} DdFindingSeverity;

typedef enum {
  DD_RULE_ANCHOR_INCIDENT_START, /* "incident-start": scenario truth */
  DD_RULE_ANCHOR_DETECTION,      /* "detection": first detect action / learning of it */
  DD_RULE_ANCHOR_ACTION,         /* "action": first occurrence of anchor_action */
} DdRuleAnchor;

const char *dd_role_kind_to_string         (DdRoleKind kind);
gboolean    dd_role_kind_from_string       (const char *str, DdRoleKind *out);
const char *dd_action_form_to_string       (DdActionForm form);
gboolean    dd_action_form_from_string     (const char *str, DdActionForm *out);
const char *dd_field_type_to_string        (DdFieldType type);
gboolean    dd_field_type_from_string      (const char *str, DdFieldType *out);
const char *dd_rule_kind_to_string         (DdRuleKind kind);
gboolean    dd_rule_kind_from_string       (const char *str, DdRuleKind *out);
const char *dd_finding_kind_to_string      (DdFindingKind kind);
gboolean    dd_finding_kind_from_string    (const char *str, DdFindingKind *out);
const char *dd_finding_severity_to_string  (DdFindingSeverity severity);
gboolean    dd_finding_severity_from_string (const char *str, DdFindingSeverity *out);
const char *dd_rule_anchor_to_string       (DdRuleAnchor anchor);
gboolean    dd_rule_anchor_from_string     (const char *str, DdRuleAnchor *out);

/* ------------------------------------------------------------------ */
/* Parts of the plan (owned by the DdPlan, read-only)                 */

typedef struct {
  char  *id;                     /* "jincheng-2020" */
  char  *title;                  /* 晋城市网络与信息安全突发事件应急预案 */
  char  *short_title;
  char  *region;                 /* 晋城市 */
  char  *level;                  /* "city" or "county" */
  char  *doc_number;             /* 晋市政办〔2020〕82号 */
  char  *issuer;                 /* 晋城市人民政府办公室 */
  char  *issued;                 /* ISO date "2020-12-31" */
  char  *effective_clause;       /* 7.4 */
  char  *replaces;               /* doc number of the replaced plan, or NULL */
  char  *replaces_issued;        /* ISO date, or NULL */
  guint  revision_interval_years;/* 3 */
  char  *revision_owner;         /* role id (bigdata) */
  char  *revision_clause;        /* 7.1 */
  guint  drill_interval_months;  /* 12 */
  guint  drill_min_count;        /* 1 (per interval) */
  char  *drill_organiser;        /* role id (office) */
  char  *drill_clause;           /* 6.7 */
  char **drill_participant_kinds;/* role kinds that must take part (never NULL) */
  char  *drill_min_severity;     /* severity id a drill must simulate at least, or NULL */
  char  *interpreter;            /* role id that interprets the plan (7.3) */
} DdPlanIdentity;

typedef struct {
  char  *id;
  char  *name;                   /* 监测发现 … */
  char  *clause;
  guint  order;                  /* 1-based */
  double weight;                 /* scoring weight (from <scoring>) */
  char  *description;
} DdPhase;

typedef struct {
  char *id;
  char *name;
} DdSubtype;

typedef struct {
  char      *id;
  char      *name;               /* 有害程序事件 */
  char      *form_label;         /* label on form 8.3: 有害程序类事件 */
  char      *clause;             /* 1.5 */
  char      *description;
  GPtrArray *subtypes;           /* of DdSubtype */
} DdCategory;

typedef struct {
  char     *id;
  char     *name;                /* 特别重大 */
  char     *full_name;           /* 特别重大网络与信息安全事件 */
  guint     rank;                /* 1 = highest; 0 for the undetermined pseudo-level */
  gboolean  undetermined;
  char     *clause;
  char    **criteria;            /* the numbered criteria texts */
} DdSeverity;

typedef struct {
  char *id;                      /* "I" … "IV" */
  char *name;                    /* Ⅰ级 */
  char *colour_name;             /* 红色 */
  char *colour_hex;              /* "#d7191c" */
  char *severity;                /* severity id */
  char *clause;                  /* 3.2.1 */
  /* OASIS CAP 1.2 <info> values for an alert at this level, or NULL */
  char *cap_severity;            /* Extreme, Severe, Moderate, Minor, Unknown */
  char *cap_urgency;             /* Immediate, Expected, Future, Past, Unknown */
  char *cap_certainty;           /* Observed, Likely, Possible, Unlikely, Unknown */
} DdWarningLevel;

/* How a drill's warnings are written as CAP 1.2 alerts (<warning-levels><cap>):
 * the action that publishes (or adjusts) a warning and the one that lifts it,
 * the sender and the words of the alert. */
typedef struct {
  char *issue_action;            /* action id: Alert, or Update while one is in effect */
  char *lift_action;             /* action id: Cancel */
  char *sender;                  /* CAP sender id */
  char *sender_name;
  char *event;
  char *category;                /* CAP category (Security, Infra, …) */
  char *restriction;             /* who may see an alert of scope Restricted */
  /* headlines; "{level}" and "{colour}" stand for the warning level's name and colour */
  char *alert_headline;
  char *update_headline;
  char *cancel_headline;
  char *clause;
} DdCapProfile;

typedef struct {
  char      *id;
  char      *name;
  char      *short_name;         /* for charts; == name when not given */
  DdRoleKind kind;
  char      *holder;             /* post holder text, or NULL */
  char      *unit;               /* for posts (deputy …): role id of the unit, or NULL */
  char      *parent;             /* role id, chart hierarchy, or NULL */
  gboolean   in_chart;           /* drawn in the organisation chart (8.1) */
  char     **duties;
  char     **tags;               /* e.g. "news", "monitoring", "investigation" */
  char      *clause;
  char      *phone;              /* duty phone (8.4), or NULL */
} DdRole;

typedef struct {
  char *unit;                    /* as printed in the table */
  char *phone;
  char *role;                    /* role id, or NULL */
} DdPhoneRow;

typedef struct {
  char *id;
  char *label;
  char **fields;                 /* form field ids that carry this content */
} DdReportContent;

typedef struct {
  char        *id;
  char        *label;
  DdFieldType  type;
  gboolean     required;
} DdFormField;

typedef struct {
  char *id;
  char *label;
} DdOption;                      /* hazard options, report types */

typedef struct {
  char *clause;
  char *text;
} DdClauseText;

typedef struct {
  char *id;
  char *clause;
  char *text;
  char *action;                  /* action kind id it expects, or NULL */
} DdMeasure;

typedef struct {
  char      *id;                 /* "I" "II" "III" */
  char      *name;               /* Ⅰ级响应 */
  guint      rank;               /* 1 = highest */
  char      *clause;             /* 4.2.1 */
  char      *conditions_clause;  /* 4.2.1.1 */
  GPtrArray *conditions;         /* of DdClauseText */
  char     **severities;         /* severity ids it matches */
  char     **proposers;          /* role ids */
  char     **deciders;           /* role ids */
  char      *procedure_clause;   /* 4.2.1.2 */
  char      *procedure;
  char     **closers;            /* role ids that may approve ending it (<closure approvers>;
                                  * by default its deciders) */
  char     **closer_kinds;       /* role kinds, as closers */
  char      *closure_clause;     /* 4.5, or NULL */
  char      *closure_body;       /* role id of the body that starts and ends it
                                  * (市指挥部, 市指挥部办公室), or NULL */
  char      *closure_text;       /* how it is ended, or NULL */
  char      *measures_clause;    /* 4.2.1.3 */
  char      *measures_intro;
  GPtrArray *measures;           /* of DdMeasure */
} DdResponseLevel;

typedef struct {
  char        *id;
  char        *name;             /* 研判 */
  char        *phase;            /* phase id */
  char        *clause;
  DdActionForm form;
  char        *description;
} DdActionKind;

/* A numbered clause of the plan with its text (every clause of the seed). */
typedef struct {
  char *id;                      /* e.g. "release", "closure", "summary" */
  char *clause;                  /* "4.4" */
  char *title;                   /* 信息发布 */
  char *text;
} DdProvision;

typedef struct {
  char              *id;
  DdRuleKind         kind;
  char              *clause;
  DdFindingKind      finding;
  DdFindingSeverity  severity;
  char              *phase;      /* phase id */
  char              *text;       /* the plan's wording */
  char              *message;    /* what went wrong, for a trainee */

  /* The action the rule is about (all kinds; NULL for report-accuracy
   * when it applies to every report). */
  char              *action;

  /* Filters on that action (NULL / empty: any) */
  char              *report_type;  /* "first", "follow-up", "final" */
  char             **recipients;   /* any of these recipient role ids */
  gboolean           all_recipients; /* recipients-match="all": obligation met only
                                      * when every recipient was sent a matching
                                      * action (one action or several) */
  char             **roles;        /* authority: allowed actors;
                                    * other kinds: actors whose action counts */
  char             **role_kinds;   /* role kind strings, as roles */

  /* deadline, obligation: who owes the duty (owed-by, owed-by-kinds; the
   * incident-unit kind stands for the scenario's affected unit, the
   * monitoring-unit kind for the role that detected the incident when it
   * is another one).  Only their actions count.  With each_owes every one
   * of them must act (one omission per unit that never does; the deadline
   * is met by the first in time); otherwise any one of them discharges it.
   * An omission names the role that owed it. */
  char             **owed_by;
  char             **owed_by_kinds;
  gboolean           each_owes;      /* owed="each" (default "any") */

  /* obligation arising from what happened: due only once an action of
   * `once` was taken, and before the first action of `before` (if given;
   * the same simulated time counts as before).  or_actions also meet it
   * when taken after the `once` action. */
  char              *once;
  char              *before;
  char             **or_actions;

  /* Conditions under which the rule applies (all must hold; empty: always) */
  char             **severities;      /* scenario truth severity ids */
  char             **response_levels; /* response level decided */
  char             **categories;      /* scenario truth category ids */

  /* deadline */
  DdRuleAnchor       anchor;
  char              *anchor_action;   /* when anchor == DD_RULE_ANCHOR_ACTION */
  guint              minutes;
  gboolean           immediate;       /* 立即: minutes is a stated choice */
  char              *threshold_note;  /* the statement of that choice */
  DdFindingSeverity  missing_severity;/* when the action never happens */
  char              *consequence_clause; /* the clause naming the consequence of never
                                      * doing it (7.2: punishment), named inside
                                      * the omission finding, which cites `clause` */
  char              *missing_message; /* message then, or NULL: message */

  /* prerequisite: earlier actions, all required */
  char             **requires;

  /* same-actor: the actor must equal the actor of this earlier action;
   * same-authority: the actor must hold, for the response level that
   * action started, the authority of the body that started it (the
   * level's closers) */
  char              *same_as;

  /* report-content / report-accuracy: content or field ids to check
   * (empty: every required one) */
  char              *target;          /* report-content: "contents" (4.1) or "form" (8.3) */
  char             **fields;
} DdRule;

typedef struct {
  char   *id;                    /* performed, some-challenges, … */
  char   *name;
  double  min_score;             /* lower bound, in points of max_score */
  char   *letter;                /* the evaluator's mark (P, S, M, U), or NULL */
  char   *definition;            /* what the rating means, for the evaluator guide, or NULL */
} DdRating;

/* How late a step was (<lateness><grade>): a late step costs `factor`
 * (0 < factor < 1) of what never taking it would cost, so never doing a
 * step always weighs more than doing it late. */
typedef struct {
  char   *id;
  char   *name;                  /* 稍迟 … */
  guint   up_to_minutes;         /* late by at most this; 0: any more */
  double  factor;
} DdLateGrade;

/* Findings that are one fault (<one-fault>): those of these kinds on the
 * same recorded action (on="action"), or never taken for the same action
 * kind by the same owing role (on="duty"), become one finding, the most
 * serious, naming the others' rules and clauses. */
typedef struct {
  char     **kinds;              /* finding kind strings */
  gboolean   on_duty;            /* on="duty" (else "action") */
} DdOneFault;

typedef struct {
  double     max_score;          /* per phase and overall, e.g. 100 */
  double     deduction_minor;    /* the three in a row, in DdFindingSeverity order */
  double     deduction_major;
  double     deduction_critical;
  /* Taken once more from the overall score for each finding (on top of the
   * phase deduction that lowers the weighted mean); 0 when not given. */
  double     overall_deduction_minor; /* the same order */
  double     overall_deduction_major;
  double     overall_deduction_critical;
  GPtrArray *ratings;            /* of DdRating, highest first */
  GPtrArray *late_grades;        /* of DdLateGrade, by up_to_minutes, unbounded last */
  GPtrArray *one_faults;         /* of DdOneFault */
  char      *not_assessed;       /* name of "nothing expected of it here" (未评估), or NULL */
  char      *note;
} DdScoring;

/* The words the workflow chart (8.2) draws besides the phases and the
 * response levels (<workflow>): each the plan's own wording. */
typedef struct {
  char *start;                   /* first terminator: 网络与信息安全突发事件发生 */
  char *decision;                /* the check whether the incident is under control */
  char *yes;                     /* its exit on to the closing phase */
  char *no;                      /* its exit back to handling */
  char *end;                     /* last terminator */
} DdWorkflowLabels;

/* ------------------------------------------------------------------ */
/* The plan object                                                     */

#define DD_TYPE_PLAN (dd_plan_get_type ())
G_DECLARE_FINAL_TYPE (DdPlan, dd_plan, DD, PLAN, GObject)

/* Loading.  Errors are in DD_ERROR; semantic errors are DD_ERROR_INVALID
 * with "FILE:LINE:COLUMN: message". */
DdPlan     *dd_plan_load_file            (const char  *path,
                                          GError     **error) G_GNUC_WARN_UNUSED_RESULT;
DdPlan     *dd_plan_load_data            (const char  *display_name,
                                          const char  *data,
                                          gsize        len,
                                          GError     **error) G_GNUC_WARN_UNUSED_RESULT;
DdPlan     *dd_plan_load_default         (GError     **error) G_GNUC_WARN_UNUSED_RESULT;

#define DD_PLAN_DEFAULT_RESOURCE "/io/github/drilldesk/DrillDesk/core/plans/jincheng-2020.xml"

const char *dd_plan_get_source_name      (DdPlan *self);  /* path or display name */
const char *dd_plan_get_source_sha256    (DdPlan *self);  /* hex of the loaded bytes */

/* Identity and upkeep */
const DdPlanIdentity *dd_plan_get_identity (DdPlan *self);
const char *dd_plan_get_id               (DdPlan *self);
const char *dd_plan_get_title            (DdPlan *self);
GDateTime  *dd_plan_get_revision_due     (DdPlan *self) G_GNUC_WARN_UNUSED_RESULT; /* local midnight */
gboolean    dd_plan_is_past_revision     (DdPlan    *self,
                                          GDateTime *now);

/* Collections: transfer none, read-only, in document order */
GPtrArray  *dd_plan_get_phases           (DdPlan *self);  /* DdPhase, by order */
GPtrArray  *dd_plan_get_categories       (DdPlan *self);  /* DdCategory */
GPtrArray  *dd_plan_get_severities       (DdPlan *self);  /* DdSeverity, rank 1 first, without undetermined */
GPtrArray  *dd_plan_get_warning_levels   (DdPlan *self);  /* DdWarningLevel */
GPtrArray  *dd_plan_get_roles            (DdPlan *self);  /* DdRole */
GPtrArray  *dd_plan_get_phone_rows       (DdPlan *self);  /* DdPhoneRow, table order */
GPtrArray  *dd_plan_get_report_contents  (DdPlan *self);  /* DdReportContent (4.1) */
GPtrArray  *dd_plan_get_form_fields      (DdPlan *self);  /* DdFormField (8.3) */
GPtrArray  *dd_plan_get_hazards          (DdPlan *self);  /* DdOption (8.3 危害表象) */
GPtrArray  *dd_plan_get_report_types     (DdPlan *self);  /* DdOption */
GPtrArray  *dd_plan_get_response_levels  (DdPlan *self);  /* DdResponseLevel, rank 1 first */
GPtrArray  *dd_plan_get_action_kinds     (DdPlan *self);  /* DdActionKind */
GPtrArray  *dd_plan_get_provisions       (DdPlan *self);  /* DdProvision */
GPtrArray  *dd_plan_get_rules            (DdPlan *self);  /* DdRule */
const DdScoring *dd_plan_get_scoring     (DdPlan *self);
const DdWorkflowLabels *dd_plan_get_workflow_labels (DdPlan *self);

const char *dd_plan_get_classification_standard (DdPlan *self); /* GB/Z 20986-2007 */
const char *dd_plan_get_classification_clause   (DdPlan *self); /* 1.5 */
const char *dd_plan_get_severity_clause         (DdPlan *self); /* 1.6 */
const char *dd_plan_get_report_clause           (DdPlan *self); /* 4.1 */
const char *dd_plan_get_form_title              (DdPlan *self); /* 8.3 title */
const char *dd_plan_get_form_clause             (DdPlan *self); /* 8.3 */
const char *dd_plan_get_phone_table_title       (DdPlan *self);
const char *dd_plan_get_phone_area_code         (DdPlan *self); /* "0356" */

/* Lookups by id: NULL when absent */
const DdPhase         *dd_plan_lookup_phase          (DdPlan *self, const char *id);
const DdCategory      *dd_plan_lookup_category       (DdPlan *self, const char *id);
const DdSubtype       *dd_plan_lookup_subtype        (DdPlan            *self,
                                                      const char        *id,
                                                      const DdCategory **category_out);
const DdSeverity      *dd_plan_lookup_severity       (DdPlan *self, const char *id); /* incl. undetermined */
const DdSeverity      *dd_plan_get_undetermined_severity (DdPlan *self);
const DdWarningLevel  *dd_plan_lookup_warning_level  (DdPlan *self, const char *id);
/* The plan's CAP profile, or NULL when it has none. */
const DdCapProfile    *dd_plan_get_cap_profile       (DdPlan *self);
const DdWarningLevel  *dd_plan_warning_level_for_severity (DdPlan *self, const char *severity_id);
const DdRole          *dd_plan_lookup_role           (DdPlan *self, const char *id);
const DdResponseLevel *dd_plan_lookup_response_level (DdPlan *self, const char *id);
const DdActionKind    *dd_plan_lookup_action_kind    (DdPlan *self, const char *id);
const DdProvision     *dd_plan_lookup_provision      (DdPlan *self, const char *id);
const DdProvision     *dd_plan_lookup_provision_by_clause (DdPlan *self, const char *clause);
const DdRule          *dd_plan_lookup_rule           (DdPlan *self, const char *id);
const DdFormField     *dd_plan_lookup_form_field     (DdPlan *self, const char *id);

/* Helpers */
GPtrArray  *dd_plan_get_roles_of_kind    (DdPlan *self, DdRoleKind kind) G_GNUC_WARN_UNUSED_RESULT; /* container only */
GPtrArray  *dd_plan_get_children        (DdPlan *self, const char *role_id) G_GNUC_WARN_UNUSED_RESULT; /* chart children, container only */
gboolean    dd_role_has_tag              (const DdRole *role, const char *tag);
/* The plan's name for the roles of @kind (<organisation><kind>), else the
 * name all roles of that kind share, else NULL. */
const char *dd_plan_get_role_kind_label  (DdPlan *self, DdRoleKind kind);
/* A role by its name, or by the plan's fuller name for it where several
 * roles share that name (the six deputy commanders, each named with its post). */
const char *dd_plan_role_label           (DdPlan *self, const DdRole *role);
gboolean    dd_rule_allows_role          (const DdRule *rule, const DdRole *role); /* roles ∪ role_kinds; TRUE if both empty */
gboolean    dd_rule_applies              (const DdRule *rule,
                                          const char   *severity_id,      /* or NULL: unknown */
                                          const char   *category_id,      /* or NULL */
                                          const char   *response_level_id); /* or NULL: none decided */
double      dd_scoring_deduction         (const DdScoring *scoring, DdFindingSeverity severity);
double      dd_scoring_overall_deduction (const DdScoring *scoring, DdFindingSeverity severity);
const DdRating *dd_scoring_rate          (const DdScoring *scoring, double score);
/* The grade of a step @seconds_late late (NULL: no grades in the plan). */
const DdLateGrade *dd_scoring_late_grade (const DdScoring *scoring, gint64 seconds_late);
/* Whether @role may approve ending a response of @level: it is one of the
 * level's closers or of their kinds. */
gboolean    dd_response_level_may_close  (const DdResponseLevel *level, const DdRole *role);
/* Whether @clause is a clause of the plan: a provision, a category or
 * severity clause, a response level's clause, condition, procedure,
 * measure or closure clause. */
gboolean    dd_plan_has_clause           (DdPlan *self, const char *clause);

/* JSON: everything the plan holds (dd-plan-json.c) */
JsonNode   *dd_plan_to_json              (DdPlan *self) G_GNUC_WARN_UNUSED_RESULT;
char       *dd_plan_to_json_string       (DdPlan *self, gboolean pretty) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
