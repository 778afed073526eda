/* dd-drill-store.h — where drills live on disk
 *
 * Every drill has a folder $XDG_DATA_HOME/drilldesk/drills/<id>/ holding
 *   journal.jsonl   the drill's journal (dd-journal.h)
 *   plan.xml        a copy of the plan it was run against
 *   scenario.xml    a copy of the scenario (and attachments/, if the
 *                   scenario has that folder beside it)
 *   reports/        generated reports (after-action review, timeline CSV)
 * <id> is "YYYYMMDD-HHMMSS-xxxx" (local time of creation, random hex).
 *
 * DdDrillInfo is the small value object shown in the list of drills; it is
 * declared here with the store rather than in a file of its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "dd-journal.h"

G_BEGIN_DECLS

#define DD_DRILL_JOURNAL_FILE  "journal.jsonl"
#define DD_DRILL_PLAN_FILE     "plan.xml"
#define DD_DRILL_SCENARIO_FILE "scenario.xml"
#define DD_DRILL_REPORTS_DIR   "reports"

/**
 * DdDrillState:
 * @DD_DRILL_STATE_UNFINISHED: the journal has no end record: can be resumed
 * @DD_DRILL_STATE_FINISHED: the journal ends with its end record
 * @DD_DRILL_STATE_DAMAGED: the journal cannot be read (see the problem)
 */
typedef enum
{
  DD_DRILL_STATE_UNFINISHED,
  DD_DRILL_STATE_FINISHED,
  DD_DRILL_STATE_DAMAGED,
} DdDrillState;

#define DD_TYPE_DRILL_INFO (dd_drill_info_get_type ())
G_DECLARE_FINAL_TYPE (DdDrillInfo, dd_drill_info, DD, DRILL_INFO, GObject)

const char   *dd_drill_info_get_id             (DdDrillInfo *self);
const char   *dd_drill_info_get_folder         (DdDrillInfo *self);
const char   *dd_drill_info_get_journal_path   (DdDrillInfo *self);
const char   *dd_drill_info_get_plan_path      (DdDrillInfo *self);
const char   *dd_drill_info_get_scenario_path  (DdDrillInfo *self);
const char   *dd_drill_info_get_reports_dir    (DdDrillInfo *self);
/* The scenario's title (from the journal header), or the id. */
const char   *dd_drill_info_get_title          (DdDrillInfo *self);
const char   *dd_drill_info_get_plan_title     (DdDrillInfo *self);
/* When the drill was created (from the header); NULL if unknown. */
GDateTime    *dd_drill_info_get_created        (DdDrillInfo *self);
DdDrillState  dd_drill_info_get_state          (DdDrillInfo *self);
/* Records after the header. */
guint         dd_drill_info_get_n_records      (DdDrillInfo *self);
/* Whether the journal ends in a torn record (set aside when resumed). */
gboolean      dd_drill_info_get_torn           (DdDrillInfo *self);
/* For DAMAGED: the "FILE:LINE:COLUMN: …" message; else NULL. */
const char   *dd_drill_info_get_problem        (DdDrillInfo *self);
/* Whether the journal is damaged or torn but its header is intact, so a
 * repaired copy can be made (dd_drill_store_repair_copy ()). For DAMAGED
 * ones, title, plan title, created and n_records come from the intact
 * records. */
gboolean      dd_drill_info_get_repairable     (DdDrillInfo *self);

#define DD_TYPE_DRILL_STORE (dd_drill_store_get_type ())
G_DECLARE_FINAL_TYPE (DdDrillStore, dd_drill_store, DD, DRILL_STORE, GObject)

/* @base_dir: the folder holding the drill folders, or NULL for
 * $XDG_DATA_HOME/drilldesk/drills. */
DdDrillStore *dd_drill_store_new               (const char   *base_dir) G_GNUC_WARN_UNUSED_RESULT;
const char   *dd_drill_store_get_base_dir      (DdDrillStore *self);

/* Creates a drill folder, copies the plan and scenario into it (synced),
 * and creates its journal with @header (copied; not changed) completed by
 * "drill": id, and "plan"/"scenario" objects whose "file" and "sha256" are
 * those of the copies (other members of those objects, such as "id" and
 * "title", are kept). Returns the open journal; @info_out gets the drill. */
DdJournal    *dd_drill_store_create_drill      (DdDrillStore *self,
                                                const char   *plan_path,
                                                const char   *scenario_path,
                                                JsonObject   *header,
                                                DdDrillInfo **info_out,
                                                GError      **error) G_GNUC_WARN_UNUSED_RESULT;

/* All drills, newest first: a GListModel of DdDrillInfo. Drill folders
 * whose journal is damaged are listed as DAMAGED, not skipped. */
GListModel   *dd_drill_store_list              (DdDrillStore *self,
                                                GError      **error) G_GNUC_WARN_UNUSED_RESULT;
/* The candidates for resuming, newest first: the unfinished ones and every
 * damaged one (which never vanishes from the list; see get_problem ()). */
GListModel   *dd_drill_store_list_unfinished   (DdDrillStore *self,
                                                GError      **error) G_GNUC_WARN_UNUSED_RESULT;
DdDrillInfo  *dd_drill_store_lookup            (DdDrillStore *self,
                                                const char   *id,
                                                GError      **error) G_GNUC_WARN_UNUSED_RESULT;
/* Opens the drill's journal to continue it (dd_journal_open ()). */
DdJournal    *dd_drill_store_resume            (DdDrillStore      *self,
                                                const char        *id,
                                                DdJournalRecovery *recovery_out,
                                                GError           **error) G_GNUC_WARN_UNUSED_RESULT;

/* Makes a repaired copy of a damaged or torn drill: a new drill folder with
 * the plan and scenario copies and a journal of the intact records (see
 * dd_journal_load_intact ()). The damaged drill stays as it was, beside it.
 * Returns the new drill. */
DdDrillInfo  *dd_drill_store_repair_copy       (DdDrillStore *self,
                                                const char   *id,
                                                GError      **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
