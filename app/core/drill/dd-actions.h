/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-actions.h — actions taken in a drill, and scripted drills
 *
 * Copyright 2024 The DrillDesk authors
 *
 * A DdAction is one thing a role did at a simulated time: detect, report
 * (with form 8.3), assess, decide a response level …  The drill records
 * them, the journal stores them as JSON, the scorer reads them.
 *
 * A DdActionScript is a scripted drill (assets/schema/actions.rng,
 * docs/formats.md "actions"): the actions in time order and, for flawed
 * scripts, the findings they are meant to produce.
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "dd-plan.h"
#include "dd-scenario.h"

G_BEGIN_DECLS

typedef struct {
  gint64   at;                   /* simulated offset, seconds */
  gint64   wall_us;              /* wall-clock time recorded (µs since epoch), 0 if none */
  char    *role;                 /* acting role id */
  char    *kind;                 /* action kind id */
  char    *report_type;          /* or NULL */
  char   **to;                   /* recipients (role ids), never NULL */
  char    *level;                /* warning or response level id, or NULL */
  char   **field_ids;            /* form 8.3 fields, parallel to field_values */
  char   **field_values;
  char    *text;                 /* or NULL */
} DdAction;

DdAction   *dd_action_new                (gint64          at,
                                          const char     *role,
                                          const char     *kind) G_GNUC_WARN_UNUSED_RESULT;
DdAction   *dd_action_copy               (const DdAction *action) G_GNUC_WARN_UNUSED_RESULT;
void        dd_action_free               (DdAction       *action);
/* The value of form field @id, or NULL when absent or blank. */
const char *dd_action_get_field          (const DdAction *action,
                                          const char     *id);
void        dd_action_set_field          (DdAction       *action,
                                          const char     *id,
                                          const char     *value);
void        dd_action_set_to             (DdAction       *action,
                                          const char *const *to);
gboolean    dd_action_has_recipient      (const DdAction *action,
                                          const char     *role_id);

/* Checks @action against the plan (role, kind, report type, level, fields,
 * recipients).  Returns NULL when it is fine, else a message (without a
 * position) for the caller to place. */
char       *dd_action_check              (const DdAction *action,
                                          DdPlan         *plan) G_GNUC_WARN_UNUSED_RESULT;

/* JSON form, used as the body of journal "action" records:
 * {"at":seconds,"role","kind","report-type","to":[…],"level",
 *  "fields":{id:value,…},"text"} — absent members are left out. */
JsonObject *dd_action_to_json            (const DdAction *action) G_GNUC_WARN_UNUSED_RESULT;
DdAction   *dd_action_from_json          (JsonObject     *object,
                                          GError        **error) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdAction, dd_action_free)

/* The room's information release seen by a release condition (4.4):
 * times of the first matching release before a moment, of the first
 * approved one (an approval action came before it) and of the first
 * unapproved one; -1 when there is none. */
typedef struct {
  gint64   first;
  gboolean first_approved;
  gint64   approved;
  gint64   unapproved;
} DdReleaseFacts;

void        dd_release_facts             (DdScenario              *scenario,
                                          const DdInjectCondition *cond,
                                          GPtrArray               *actions,
                                          gint64                   before,
                                          DdReleaseFacts          *facts);

/* When would @inject be delivered, given the actions recorded so far (in
 * time order)?  Returns FALSE when its conditions keep it back (an "after"
 * action not taken yet, or an "absent" action taken before its time);
 * else TRUE with the simulated delivery time in @time_out (its "at", or
 * later when it waits for an action). */
gboolean    dd_inject_delivery_time      (DdScenario     *scenario,
                                          const DdInject *inject,
                                          GPtrArray      *actions,
                                          gint64         *time_out);

/* The injects of @scenario delivered by @now given @actions, sorted by
 * delivery time then document order: a GPtrArray of DdInjectDelivery
 * (free with g_ptr_array_unref). */
typedef struct {
  const DdInject *inject;
  gint64          time;
} DdInjectDelivery;

GPtrArray  *dd_scenario_deliveries       (DdScenario     *scenario,
                                          GPtrArray      *actions,
                                          gint64          now) G_GNUC_WARN_UNUSED_RESULT;

/* ------------------------------------------------------------------ */
/* Scripted drills                                                     */

typedef struct {
  char *rule;                    /* rule id (or a scenario expectation id) */
  char *clause;
  char *note;                    /* or NULL */
} DdExpectedFinding;

/* The scenario's expectation that a finding's rule "msel.<inject>.<action>"
 * names, or NULL. */
const DdInjectExpect *dd_scenario_lookup_expectation (DdScenario *scenario,
                                                      const char *rule);

#define DD_TYPE_ACTION_SCRIPT (dd_action_script_get_type ())
G_DECLARE_FINAL_TYPE (DdActionScript, dd_action_script, DD, ACTION_SCRIPT, GObject)

/* Loads and checks a script against @plan and, if not NULL, @scenario
 * (whose id it must name).  Errors: DD_ERROR, "FILE:LINE:COLUMN: …". */
DdActionScript *dd_action_script_load_file (const char  *path,
                                            DdPlan      *plan,
                                            DdScenario  *scenario,
                                            GError     **error) G_GNUC_WARN_UNUSED_RESULT;
DdActionScript *dd_action_script_load_data (const char  *display_name,
                                            const char  *data,
                                            gsize        len,
                                            DdPlan      *plan,
                                            DdScenario  *scenario,
                                            GError     **error) G_GNUC_WARN_UNUSED_RESULT;

const char *dd_action_script_get_scenario_id (DdActionScript *self);
const char *dd_action_script_get_plan_id     (DdActionScript *self); /* or NULL */
const char *dd_action_script_get_title       (DdActionScript *self);
const char *dd_action_script_get_description (DdActionScript *self); /* or NULL */
GPtrArray  *dd_action_script_get_actions     (DdActionScript *self); /* DdAction, time order */
GPtrArray  *dd_action_script_get_expected    (DdActionScript *self); /* DdExpectedFinding */

G_END_DECLS
