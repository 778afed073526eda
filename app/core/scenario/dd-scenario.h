/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-scenario.h — a drill scenario: objectives, the incident's truth, the MSEL
 *
 * Copyright 2024 The DrillDesk authors
 *
 * A DdScenario is loaded from scenario XML (assets/schema/scenario.rng,
 * docs/formats.md "scenario") and checked against a DdPlan: every role,
 * action, category, subtype, severity and clause it names must exist in
 * the plan.  After loading it is read-only; its parts are plain structs
 * owned by the scenario.
 *
 * Times are simulated seconds relative to the start of the drill (T+0);
 * negative values lie before it.
 */

#pragma once

#include <glib-object.h>

#include "dd-plan.h"

G_BEGIN_DECLS

/* Parses "H:MM" or "H:MM:SS" with an optional leading "-" into seconds. */
gboolean    dd_offset_parse              (const char *text,
                                          gint64     *seconds_out);
/* Formats seconds as "H:MM" (or "H:MM:SS" when seconds are not whole
 * minutes), with a leading "-" for negative offsets. */
char       *dd_offset_format             (gint64      seconds) G_GNUC_WARN_UNUSED_RESULT;

typedef enum {
  DD_DRILL_FORM_TABLETOP,        /* "tabletop": 桌面推演 */
  DD_DRILL_FORM_FUNCTIONAL,      /* "functional": 实操演练 */
  DD_DRILL_FORM_FULL_SCALE,      /* "full-scale": 示范演练 */
} DdDrillForm;

typedef enum {
  DD_CHANNEL_PHONE,              /* "phone" */
  DD_CHANNEL_FAX,                /* "fax" */
  DD_CHANNEL_MONITORING_ALERT,   /* "monitoring-alert" */
  DD_CHANNEL_EMAIL,              /* "email" */
  DD_CHANNEL_NEWS,               /* "news" */
  DD_CHANNEL_WEIBO,              /* "weibo" */
  DD_CHANNEL_FIELD_REPORT,       /* "field-report" */
} DdChannel;

const char *dd_drill_form_to_string      (DdDrillForm form);
gboolean    dd_drill_form_from_string    (const char *str, DdDrillForm *out);
const char *dd_channel_to_string         (DdChannel channel);
/* The channel as shown and printed (translated). */
const char *dd_channel_label             (DdChannel channel);
gboolean    dd_channel_from_string       (const char *str, DdChannel *out);

typedef struct {
  char *role;                    /* plan role id */
  char *player;                  /* who plays it, or NULL */
} DdParticipant;

typedef struct {
  char  *id;
  char **clauses;                /* plan clauses it exercises */
  char  *text;
} DdObjective;

typedef struct {
  char    *category;             /* category id */
  char    *subtype;              /* subtype id, or NULL */
  char    *severity;             /* severity id (the truth) */
  char    *unit;                 /* affected unit: plan role id */
  char    *unit_name;            /* or NULL */
  char    *system;
  char    *location;             /* or NULL */
  char    *description;          /* or NULL */
  gint64   began;                /* offset; often negative */
  gboolean has_level_clear;
  gint64   level_clear;          /* offset when the level becomes clear */
} DdIncident;

typedef enum {
  DD_CONDITION_AFTER,            /* "after": once the action has been taken */
  DD_CONDITION_ABSENT,           /* "absent": only if it has not been taken */
  /* On the room's information release (4.4): @action is the release, @approval
   * the approval that must come before it; a release is approved when an
   * approval action was taken before it. */
  DD_CONDITION_RELEASE_MISSING,  /* "release-missing": no approved release before "by" */
  DD_CONDITION_RELEASE_UNAPPROVED, /* "release-unapproved": a release went out unapproved */
  DD_CONDITION_RELEASE_TIMELY,   /* "release-timely": the first release was approved, before "by" */
} DdConditionType;

typedef struct {
  DdConditionType type;
  char           *action;        /* action kind id */
  char           *role;          /* role id, or NULL: any role */
  char           *approval;      /* release conditions: the approval action id */
  gboolean        has_by;
  gint64          by;            /* release-missing/-timely: the deadline (else the inject's "at") */
} DdInjectCondition;

/* "after", "absent", "release-missing", … and back; FALSE for an unknown name. */
const char *dd_condition_type_to_string  (DdConditionType  type);
gboolean    dd_condition_type_from_string (const char      *text,
                                          DdConditionType *type);
/* Whether the condition is about the information release. */
gboolean    dd_condition_type_is_release (DdConditionType  type);

typedef struct {
  char   *role;
  char   *action;
  gint64  within;                /* seconds after delivery */
  char   *clause;
  DdFindingSeverity severity;    /* when late or missing (default minor) */
  char   *text;                  /* or NULL */
} DdInjectExpect;

typedef struct {
  char  *file;                   /* relative to the scenario folder */
  char  *label;                  /* or NULL */
} DdAttachment;

typedef struct {
  char       *id;
  guint       index;             /* position in the document */
  gint64      at;
  char       *from;              /* role id, or NULL */
  char       *source;            /* free-text sender, or NULL */
  char      **to;                /* role ids */
  DdChannel   channel;
  char       *title;             /* or NULL */
  char       *content;
  GPtrArray  *attachments;       /* of DdAttachment */
  GPtrArray  *conditions;        /* of DdInjectCondition */
  GPtrArray  *expects;           /* of DdInjectExpect */
} DdInject;

/* Parts: a new inject with empty lists, and free functions (GDestroyNotify)
 * for the parts, for whoever builds or edits them. */
DdInject   *dd_inject_new                (void) G_GNUC_WARN_UNUSED_RESULT;
void        dd_inject_free               (gpointer inject);
void        dd_objective_free            (gpointer objective);
void        dd_participant_free          (gpointer participant);
void        dd_inject_expect_free        (gpointer expect);
void        dd_inject_condition_free     (gpointer condition);
/* The condition as a sentence a drill designer reads, with the plan's
 * action and role names; @inject gives the default deadline. */
char       *dd_inject_condition_describe (DdPlan                  *plan,
                                          const DdInject          *inject,
                                          const DdInjectCondition *condition) G_GNUC_WARN_UNUSED_RESULT;
void        dd_attachment_free           (gpointer attachment);

#define DD_TYPE_SCENARIO (dd_scenario_get_type ())
G_DECLARE_FINAL_TYPE (DdScenario, dd_scenario, DD, SCENARIO, GObject)

/* Loading.  @plan is the plan the scenario is checked against; a scenario
 * naming another plan id is refused.  Attachments must exist inside the
 * scenario's folder when loading from a file. */
DdScenario *dd_scenario_load_file        (const char  *path,
                                          DdPlan      *plan,
                                          GError     **error) G_GNUC_WARN_UNUSED_RESULT;
/* @base_dir: the folder attachments are relative to, or NULL (then
 * attachment files are not checked for existence). */
DdScenario *dd_scenario_load_data        (const char  *display_name,
                                          const char  *data,
                                          gsize        len,
                                          const char  *base_dir,
                                          DdPlan      *plan,
                                          GError     **error) G_GNUC_WARN_UNUSED_RESULT;

DdPlan      *dd_scenario_get_plan        (DdScenario *self);
const char  *dd_scenario_get_source_name (DdScenario *self);
const char  *dd_scenario_get_source_sha256 (DdScenario *self); /* hex of the loaded bytes */
const char  *dd_scenario_get_base_dir    (DdScenario *self);   /* or NULL */

const char  *dd_scenario_get_id          (DdScenario *self);
const char  *dd_scenario_get_plan_id     (DdScenario *self);
const char  *dd_scenario_get_title       (DdScenario *self);
const char  *dd_scenario_get_summary     (DdScenario *self);   /* or NULL */
DdDrillForm  dd_scenario_get_form        (DdScenario *self);
const char  *dd_scenario_get_form_label  (DdScenario *self);
GDateTime   *dd_scenario_get_start       (DdScenario *self);   /* transfer none */
gint64       dd_scenario_get_duration    (DdScenario *self);   /* simulated seconds */
double       dd_scenario_get_compression (DdScenario *self);   /* sim min per wall min */
const DdIncident *dd_scenario_get_incident (DdScenario *self);

GPtrArray   *dd_scenario_get_participants (DdScenario *self); /* DdParticipant */
GPtrArray   *dd_scenario_get_objectives  (DdScenario *self);  /* DdObjective */
GPtrArray   *dd_scenario_get_injects     (DdScenario *self);  /* DdInject, document order */
const DdInject *dd_scenario_lookup_inject (DdScenario *self, const char *id);
gboolean     dd_scenario_has_participant (DdScenario *self, const char *role_id);

/* The absolute path of an attachment, or NULL when the scenario was not
 * loaded from a folder or the file now leads out of it. */
char        *dd_scenario_get_attachment_path (DdScenario         *self,
                                              const DdAttachment *attachment) G_GNUC_WARN_UNUSED_RESULT;

/* Whether @clause is @objective_clause or lies under it ("4.2" covers
 * "4.2.1.3(3)"). */
gboolean     dd_clause_covers            (const char *objective_clause,
                                          const char *clause);

/* Whether the scenario exercises @clause: a clause of one of its
 * objectives, of an inject's expected action or of that action's kind in
 * the plan covers it (dd_clause_covers ()). */
gboolean     dd_scenario_exercises_clause (DdScenario *self,
                                           const char *clause);

/* The simulated date and time of an offset, transfer full. */
GDateTime   *dd_scenario_offset_to_datetime (DdScenario *self,
                                             gint64      offset) G_GNUC_WARN_UNUSED_RESULT;

/* Whether @role_id plays the part of the plan role @rule_role_id in this
 * scenario: the same id, or the incident's affected unit standing for the
 * plan's incident-unit role (kind DD_ROLE_KIND_INCIDENT_UNIT). */
gboolean     dd_scenario_role_matches    (DdScenario *self,
                                          const char *role_id,
                                          const char *rule_role_id);

/* The severity that applies at @offset: the truth, or the undetermined
 * pseudo-level's id while the level is not yet clear. */
const char  *dd_scenario_severity_at     (DdScenario *self,
                                          gint64      offset);

G_END_DECLS
