/* dd-drill-record.h — a past drill read back from its folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DdDrillRecord is a drill of the drill store loaded read-only: the plan
 * and scenario copies in its folder, its journal, and its one replay
 * (dd-replay.h), from which the score comes — as `drilldesk-cli score`
 * reads it.  The records list shows a DdDrillSummary of each
 * drill; for finished drills the summary is cached in the folder
 * (score-cache.json), keyed by the journal's size and modification time and
 * the program's version, since loading a plan and scoring takes a while.
 *
 * The improvement plan (corrective action, clause, owner, due date) that
 * evaluators edit before printing is kept in review.json in the drill
 * folder, the sidecar dd_report_load_sidecar () reads; saving it keeps the
 * file's other members (observations) and replaces it atomically.
 */
#pragma once

#include <gio/gio.h>

#include "dd-drill-store.h"
#include "dd-journal.h"
#include "dd-plan.h"
#include "dd-replay.h"
#include "dd-scenario.h"
#include "dd-score.h"

G_BEGIN_DECLS

#define DD_DRILL_REVIEW_FILE      "review.json"
#define DD_DRILL_SCORE_CACHE_FILE "score-cache.json"

/* ------------------------------------------------------------------ */
/* A drill loaded back                                                 */

#define DD_TYPE_DRILL_RECORD (dd_drill_record_get_type ())
G_DECLARE_FINAL_TYPE (DdDrillRecord, dd_drill_record, DD, DRILL_RECORD, GObject)

/* Loads @info's plan and scenario copies and its journal (read-only) and
 * scores it.  Fails for a damaged drill. */
DdDrillRecord *dd_drill_record_load          (DdDrillInfo   *info,
                                              GError       **error) G_GNUC_WARN_UNUSED_RESULT;
DdDrillInfo   *dd_drill_record_get_info      (DdDrillRecord *self);
DdPlan        *dd_drill_record_get_plan      (DdDrillRecord *self);
DdScenario    *dd_drill_record_get_scenario  (DdDrillRecord *self);
DdJournal     *dd_drill_record_get_journal   (DdDrillRecord *self);
DdReplay      *dd_drill_record_get_replay    (DdDrillRecord *self);
DdScore       *dd_drill_record_get_score     (DdDrillRecord *self);   /* the replay's */
/* The evaluator's rating of an objective, journaled (a rating record after
 * the drill's end) and then in force in the record's replay. */
gboolean       dd_drill_record_rate          (DdDrillRecord     *self,
                                              DdRatingOverride  *rating,
                                              GError           **error);
/* The path of review.json in the drill's folder (it may not exist). */
char          *dd_drill_review_path          (const char    *folder) G_GNUC_WARN_UNUSED_RESULT;

/* ------------------------------------------------------------------ */
/* Summaries for the list                                              */

typedef struct {
  char    *scenario_id;    /* from the journal header, or NULL */
  gboolean scored;         /* FALSE for unfinished and damaged drills */
  double   overall;
  double   max;
  char    *ratings;        /* one HSEEP letter per objective, e.g. "PSSM" */
  guint    n_findings;
} DdDrillSummary;

void            dd_drill_summary_free        (DdDrillSummary *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdDrillSummary, dd_drill_summary_free)

/* The summary of @info: from the folder's cache when it is up to date,
 * else computed (and, for a finished drill, cached).  Never fails for an
 * unfinished or damaged drill (scored is then FALSE); fails when a
 * finished drill cannot be scored. */
DdDrillSummary *dd_drill_summarize           (DdDrillInfo   *info,
                                              GError       **error) G_GNUC_WARN_UNUSED_RESULT;
/* Counts of P, S, M and U in @ratings, as "P 2 · S 1 · M 0 · U 0". */
char           *dd_drill_summary_format_ratings (const DdDrillSummary *summary) G_GNUC_WARN_UNUSED_RESULT;

/* ------------------------------------------------------------------ */
/* Comparing two drills of one scenario                                */

/* The findings of @a that @b does not have (same rule, clause and role;
 * time and detail ignored): DdFinding, borrowed from @a. */
GPtrArray      *dd_score_findings_not_in     (DdScore       *a,
                                              DdScore       *b) G_GNUC_WARN_UNUSED_RESULT;

/* ------------------------------------------------------------------ */
/* The improvement plan                                                */

#define DD_TYPE_IMPROVEMENT (dd_improvement_get_type ())
G_DECLARE_FINAL_TYPE (DdImprovement, dd_improvement, DD, IMPROVEMENT, GObject)

/* Properties "action", "clause", "owner" (a role id or a unit's name) and
 * "due" (ISO date "YYYY-MM-DD"): strings, NULL when not given. */
DdImprovement *dd_improvement_new            (const char    *action,
                                              const char    *clause,
                                              const char    *owner,
                                              const char    *due) G_GNUC_WARN_UNUSED_RESULT;
const char    *dd_improvement_get_action     (DdImprovement *self);
const char    *dd_improvement_get_clause     (DdImprovement *self);
const char    *dd_improvement_get_owner      (DdImprovement *self);
const char    *dd_improvement_get_due        (DdImprovement *self);
void           dd_improvement_set_action     (DdImprovement *self,
                                              const char    *action);
void           dd_improvement_set_clause     (DdImprovement *self,
                                              const char    *clause);
void           dd_improvement_set_owner      (DdImprovement *self,
                                              const char    *owner);
void           dd_improvement_set_due        (DdImprovement *self,
                                              const char    *due);

/* The "improvements" of the sidecar at @path as a GListStore of
 * DdImprovement (empty when the file does not exist). */
GListStore    *dd_improvements_load          (const char    *path,
                                              GError       **error) G_GNUC_WARN_UNUSED_RESULT;
/* Writes @items (DdImprovement) as the sidecar's "improvements", keeping
 * its other members; atomic and durable.  Items without an action are
 * left out. */
gboolean       dd_improvements_save          (GListModel    *items,
                                              const char    *path,
                                              GError       **error);

G_END_DECLS
