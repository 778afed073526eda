/* dd-year-db.h — the drill store's database: what is known about the drills
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The journals are the evidence, one per drill folder (dd-drill-store.h).
 * What is *about* the drills — an index of the drills with their summaries,
 * findings by clause, scores by phase, the improvement register and the
 * training records — is kept in one SQLite database beside the drill
 * folders, DD_YEAR_DB_FILE (WAL mode, every change in a transaction).
 * Everything in it is read from the drills' replays (dd-replay.h) and their
 * reviews (review.json), so it can always be rebuilt: a database that fails
 * `PRAGMA integrity_check` or holds another schema version is set aside
 * (renamed with ".damaged-<time>") and rebuilt, never trusted.
 *
 * An improvement item outlives the drill it came from: when a drill folder
 * is gone, its items stay in the register (drill_gone), through refreshes
 * and rebuilds alike.
 *
 * Follow-up of the items: an item with a clause is *verified* when a later
 * finished drill exercised that clause (dd_replay_get_exercised_clauses ())
 * without a finding citing it, and *reopened* (open again, counted) when a
 * later finished drill has a finding citing it again.  Otherwise its status
 * is the one the review gives it ("open", "in-progress", "done").
 */
#pragma once

#include <gio/gio.h>

#include "dd-scenario.h"

G_BEGIN_DECLS

#define DD_YEAR_DB_FILE "drills.sqlite"

typedef struct {
  char     *id;
  char     *scenario;         /* scenario id */
  char     *title;
  char     *date;             /* YYYY-MM-DD, or NULL */
  char     *state;            /* "finished", "interrupted" or "damaged" */
  gboolean  training;
  gboolean  scored;
  double    overall;
  double    max;
  char     *severity;         /* severity id simulated, or NULL */
  guint     severity_rank;    /* 1 = highest; 0 when unknown */
  char     *severity_name;
  char     *organiser;        /* role id, or NULL */
  char    **taking_part;      /* role ids, never NULL */
  char    **taking_part_kinds;/* their role kinds, parallel */
  guint     n_findings;
} DdYearDrill;

typedef struct {
  char  *drill;               /* the drill the item came from */
  guint  index;               /* its place in the review (0-based) */
  char  *action;
  char  *owner;
  char  *due;                 /* YYYY-MM-DD, or NULL */
  char  *clause;
  char  *status;              /* "open", "in-progress", "done", "verified" */
  guint  reopened;            /* how often the finding recurred */
  char  *follow_drill;        /* the drill that verified or reopened it, or NULL */
  gboolean drill_gone;        /* its drill folder was deleted */
} DdYearItem;

typedef struct {
  char  *person;
  char  *role;                /* role id */
  char  *unit;                /* the role's name in the plan */
  char  *drill;
  char  *scenario;
  char  *title;
  char  *date;
  gboolean scored;
  double score;               /* the role's score */
  guint  n_findings;
  char  *clauses;             /* clauses of its findings, "4.1 4.2", or NULL */
  gboolean training;
} DdYearTraining;

typedef struct {
  char  *clause;
  guint  count;
} DdYearClauseCount;

typedef struct {
  char  *drill;
  char  *date;
  char  *phase;               /* phase id */
  char  *name;                /* the phase's name in the plan */
  guint  order;
  gboolean assessed;
  double score;
} DdYearPhaseScore;

void dd_year_drill_free       (DdYearDrill       *drill);
void dd_year_item_free        (DdYearItem        *item);
void dd_year_training_free    (DdYearTraining    *row);
void dd_year_clause_count_free(DdYearClauseCount *count);
void dd_year_phase_score_free (DdYearPhaseScore  *score);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdYearDrill, dd_year_drill_free)

#define DD_TYPE_YEAR_DB (dd_year_db_get_type ())
G_DECLARE_FINAL_TYPE (DdYearDb, dd_year_db, DD, YEAR_DB, GObject)

/* Opens (or creates) the database of the drill store at @store_dir (NULL:
 * $XDG_DATA_HOME/drilldesk/drills), checks it, sets a damaged one aside and
 * rebuilds it (@rebuilt_out then TRUE), and brings it up to date with the
 * drill folders (dd_year_db_refresh ()). */
DdYearDb   *dd_year_db_open               (const char  *store_dir,
                                           gboolean    *rebuilt_out,
                                           GError     **error) G_GNUC_WARN_UNUSED_RESULT;
/* The same, but every drill is indexed again (dd_year_db_rebuild ())
 * instead of only the changed ones; @set_aside_out as @rebuilt_out. */
DdYearDb   *dd_year_db_open_rebuilt       (const char  *store_dir,
                                           gboolean    *set_aside_out,
                                           GError     **error) G_GNUC_WARN_UNUSED_RESULT;
const char *dd_year_db_get_path           (DdYearDb    *self);
const char *dd_year_db_get_store_dir      (DdYearDb    *self);
/* Indexes the drills that are new or whose journal or review changed,
 * forgets the drills whose folder is gone (keeping their items), and
 * follows the items up.  One transaction. */
gboolean    dd_year_db_refresh            (DdYearDb    *self,
                                           GError     **error);
/* Forgets everything but the items of deleted drills, and indexes every
 * drill again.  One transaction. */
gboolean    dd_year_db_rebuild            (DdYearDb    *self,
                                           GError     **error);

/* Sets the owners' status of item @index (0-based, as DdYearItem) of drill
 * @drill's review: "open", "in-progress" or "done" (kept as the item's
 * "status" in review.json, written atomically), then refreshes.
 * "verified" is not set: later drills find it. */
gboolean    dd_year_db_set_item_status    (DdYearDb    *self,
                                           const char  *drill,
                                           guint        index,
                                           const char  *status,
                                           GError     **error);

/* The drills dated in @year (0: all), by date then id.  DdYearDrill. */
GPtrArray  *dd_year_db_list_drills        (DdYearDb    *self,
                                           int          year,
                                           GError     **error) G_GNUC_WARN_UNUSED_RESULT;
/* Findings of the finished drills of @year (0: all) by clause, most first. */
GPtrArray  *dd_year_db_count_findings     (DdYearDb    *self,
                                           int          year,
                                           GError     **error) G_GNUC_WARN_UNUSED_RESULT;
/* Phase scores of the finished drills of @year (0: all), by date, drill,
 * then phase order.  DdYearPhaseScore. */
GPtrArray  *dd_year_db_list_phase_scores  (DdYearDb    *self,
                                           int          year,
                                           GError     **error) G_GNUC_WARN_UNUSED_RESULT;
/* The improvement register, by due date (none last), drill, index. */
GPtrArray  *dd_year_db_list_items         (DdYearDb    *self,
                                           GError     **error) G_GNUC_WARN_UNUSED_RESULT;
/* The open items ("open" or "in-progress") whose clause @scenario
 * exercises (dd_scenario_exercises_clause ()): what setting up a drill of
 * it follows up.  By due date (none last), drill, index.  DdYearItem. */
GPtrArray  *dd_year_db_list_open_items_for_scenario (DdYearDb   *self,
                                                     DdScenario *scenario,
                                                     GError    **error) G_GNUC_WARN_UNUSED_RESULT;
/* The follow-up of drill @drill: the items of earlier drills it verified
 * (exercised their clause without a finding citing it) or saw recur (a
 * finding citing it again), whatever later drills did since.  Their
 * status here is what @drill did: "verified" or "reopened".  Empty when
 * @drill is not a finished drill of the store.  By the items' drills'
 * dates, drill, index.  DdYearItem. */
GPtrArray  *dd_year_db_list_follow_up     (DdYearDb    *self,
                                           const char  *drill,
                                           GError     **error) G_GNUC_WARN_UNUSED_RESULT;
/* Training records of @year (0: all), by person, then date. */
GPtrArray  *dd_year_db_list_training      (DdYearDb    *self,
                                           int          year,
                                           GError     **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
