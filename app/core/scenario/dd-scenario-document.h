/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-scenario-document.h — an editable scenario document with undo, redo and live checks
 *
 * Copyright 2024 The DrillDesk authors
 *
 * A DdScenarioDocument holds a DdScenarioDraft and changes it only through its
 * operations, each of which can be undone and redone.  Every part is named
 * by a field path, the same for reading, writing and the check messages:
 *
 *   id title summary form form-label form-standard start duration
 *   compression version lang
 *   incident/{category,subtype,severity,unit,began,level-clear,unit-name,
 *             system,location,description}
 *   participants/N/{role,player}
 *   objectives/N/{id,clauses,text}
 *   injects/N/{id,at,from,source,to,channel,title,content}
 *   injects/N/expects/M/{role,action,within,clause,severity,text}
 *   injects/N/conditions/M/{type,action,role}
 *   injects/N/attachments/M/{file,label}
 *
 * Lists ("participants", "objectives", "injects", "injects/N/expects",
 * "injects/N/conditions", "injects/N/attachments") take add, duplicate,
 * move and remove.  Values are text: times as "H:MM", lists of ids or
 * clauses space-separated, enums by their XML names.
 *
 * The live checks judge the draft against the plan (what it names must
 * exist; an expected action must be allowed to its role and fit the
 * plan's deadlines; injects within the planned duration; conditions that
 * something in the scenario or the plan will satisfy; objectives that an
 * inject exercises).  Every message carries the field path it belongs to.
 * What is allowed comes from the plan's rules; the C code knows only the
 * rule kinds.
 *
 * Signals: "changed" (const char *field, or NULL when everything may have
 * changed: undo, redo, reload).  Properties: "modified", "can-undo",
 * "can-redo", "path".
 */

#pragma once

#include <glib-object.h>

#include "dd-plan.h"
#include "dd-scenario.h"
#include "dd-scenario-writer.h"

G_BEGIN_DECLS

typedef enum {
  DD_CHECK_ERROR,                /* the file would not load: fix before saving */
  DD_CHECK_WARNING,              /* loads, but does not fit the plan */
} DdCheckLevel;

typedef struct {
  char         *field;           /* field path */
  DdCheckLevel  level;
  char         *message;
} DdScenarioCheck;

#define DD_TYPE_SCENARIO_DOCUMENT (dd_scenario_document_get_type ())
G_DECLARE_FINAL_TYPE (DdScenarioDocument, dd_scenario_document, DD, SCENARIO_DOCUMENT, GObject)

/* A blank scenario for @plan: one participant, objective and inject to fill in. */
DdScenarioDocument *dd_scenario_document_new           (DdPlan      *plan) G_GNUC_WARN_UNUSED_RESULT;
/* A new, unsaved scenario copied from the scenario at @path (a template). */
DdScenarioDocument *dd_scenario_document_new_from_template (DdPlan      *plan,
                                                            const char  *path,
                                                            GError     **error) G_GNUC_WARN_UNUSED_RESULT;
/* Opens @path for editing.  When FILE.autosave exists and is newer than
 * FILE (unsaved changes of a session that ended without saving), its
 * content is restored instead, as unsaved changes, and @restored_out is
 * set. */
DdScenarioDocument *dd_scenario_document_open          (DdPlan      *plan,
                                                        const char  *path,
                                                        gboolean    *restored_out,
                                                        GError     **error) G_GNUC_WARN_UNUSED_RESULT;

DdPlan         *dd_scenario_document_get_plan      (DdScenarioDocument *self);
const DdScenarioDraft *dd_scenario_document_get_draft (DdScenarioDocument *self);
const char     *dd_scenario_document_get_path      (DdScenarioDocument *self);  /* or NULL */
gboolean        dd_scenario_document_is_modified   (DdScenarioDocument *self);

/* Saving: the draft must pass the loader (schema and plan) first, else
 * DD_ERROR_INVALID / DD_ERROR_SCHEMA and nothing is written. */
gboolean        dd_scenario_document_save          (DdScenarioDocument  *self,
                                                    GError         **error);
gboolean        dd_scenario_document_save_as       (DdScenarioDocument  *self,
                                                    const char      *path,
                                                    GError         **error);
/* The draft as a loaded scenario (attachments relative to the file's
 * folder, when it has one). */
DdScenario     *dd_scenario_document_build         (DdScenarioDocument  *self,
                                                    GError         **error) G_GNUC_WARN_UNUSED_RESULT;

/* Autosave: FILE.autosave beside the file (an unnamed scenario goes to
 * $XDG_DATA_HOME/drilldesk/autosave/).  With @seconds > 0 the draft is
 * written that long after a change; dd_scenario_document_autosave () writes it
 * now.  Saving or discarding removes it. */
char           *dd_scenario_document_get_autosave_path (DdScenarioDocument *self) G_GNUC_WARN_UNUSED_RESULT;
void            dd_scenario_document_set_autosave_delay (DdScenarioDocument *self,
                                                         guint           seconds);
gboolean        dd_scenario_document_autosave      (DdScenarioDocument  *self,
                                                    GError         **error);
void            dd_scenario_document_discard_autosave (DdScenarioDocument *self);

/* Fields */
char           *dd_scenario_document_get           (DdScenarioDocument  *self,
                                                    const char      *field) G_GNUC_WARN_UNUSED_RESULT;
gboolean        dd_scenario_document_set           (DdScenarioDocument  *self,
                                                    const char      *field,
                                                    const char      *value,
                                                    GError         **error);

/* Lists.  add and duplicate return the new item's index, or -1. */
guint           dd_scenario_document_count         (DdScenarioDocument  *self,
                                                    const char      *list);
int             dd_scenario_document_add           (DdScenarioDocument  *self,
                                                    const char      *list,
                                                    GError         **error);
int             dd_scenario_document_duplicate     (DdScenarioDocument  *self,
                                                    const char      *item,
                                                    GError         **error);
gboolean        dd_scenario_document_move          (DdScenarioDocument  *self,
                                                    const char      *item,
                                                    guint            to,
                                                    GError         **error);
gboolean        dd_scenario_document_remove        (DdScenarioDocument  *self,
                                                    const char      *item,
                                                    GError         **error);

/* Replaces every inject by a copy of @injects (DdInject), in one step that
 * can be undone: an imported MSEL. */
void            dd_scenario_document_set_injects   (DdScenarioDocument  *self,
                                                    GPtrArray           *injects);

/* Undo and redo */
gboolean        dd_scenario_document_can_undo      (DdScenarioDocument *self);
gboolean        dd_scenario_document_can_redo      (DdScenarioDocument *self);
gboolean        dd_scenario_document_undo          (DdScenarioDocument *self);
gboolean        dd_scenario_document_redo          (DdScenarioDocument *self);

/* Whether @id may be a scenario id (letters, digits, ".", "_", "-",
 * starting with a letter or digit, at most 64); whether @text is empty or
 * white space only. */
gboolean        dd_scenario_id_is_valid            (const char      *id);
gboolean        dd_scenario_text_is_blank          (const char      *text);

/* The live checks of @draft against @plan (dd-scenario-checks.c): a new
 * array of DdScenarioCheck, in document order. */
GPtrArray      *dd_scenario_draft_check            (DdPlan          *plan,
                                                    DdScenarioDraft *draft) G_GNUC_WARN_UNUSED_RESULT;

/* Live checks: DdScenarioCheck, in document order (transfer none, valid
 * until the next change).  _for () gives those of one field and, with
 * @prefix, of every field below it. */
GPtrArray      *dd_scenario_document_get_checks    (DdScenarioDocument *self);
GPtrArray      *dd_scenario_document_checks_for    (DdScenarioDocument *self,
                                                    const char     *field,
                                                    gboolean        prefix) G_GNUC_WARN_UNUSED_RESULT;
guint           dd_scenario_document_count_checks  (DdScenarioDocument *self,
                                                    DdCheckLevel    level);

G_END_DECLS
