/* dd-year-duty.h — the plan's drill duty (§6.7) checked for a year
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The duty is the plan's <identity><drill> rule: at least min-count drills
 * every interval-months, organised by the organiser role, with a role of
 * each participant kind taking part, simulating an incident of
 * min-severity or higher (dd-plan.h, DdPlanIdentity).  A drill counts when
 * it is finished (an interrupted drill does not), is a drill rather than a
 * training session, and meets every term.  A county plan with other terms
 * is checked by its own words: nothing here names a clause, role or level.
 *
 * The period checked is the calendar year @year when the interval is a
 * year or shorter (then interval-months ≤ 12 asks for min-count × 12 /
 * interval-months drills, rounded up), else the interval-months ending on
 * the year's last day.
 */
#pragma once

#include "dd-plan.h"
#include "dd-year-db.h"

G_BEGIN_DECLS

typedef struct {
  int        year;
  gboolean   met;
  guint      needed;        /* drills the period asks for */
  guint      counted;       /* drills that count */
  char      *from;          /* the period, YYYY-MM-DD, inclusive */
  char      *deadline;      /* its last day */
  gboolean   overdue;       /* not met and @today is past the deadline */
  char      *clause;        /* the duty's clause */
  char      *summary;       /* the duty in the plan's words, one line */
  GPtrArray *reasons;       /* why it is not met (char *), empty when met */
  GPtrArray *notes;         /* per drill of the period, why it did not count (char *) */
  GPtrArray *counting;      /* ids of the drills that count (char *) */
} DdDutyVerdict;

void           dd_duty_verdict_free (DdDutyVerdict *verdict);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdDutyVerdict, dd_duty_verdict_free)

/* @drills: DdYearDrill of any years (those outside the period are left
 * out).  @today: "YYYY-MM-DD" (for "overdue"), or NULL. */
DdDutyVerdict *dd_year_duty_check   (DdPlan     *plan,
                                     GPtrArray  *drills,
                                     int         year,
                                     const char *today) G_GNUC_WARN_UNUSED_RESULT;

/* The plan's name of a role (its short name if it has one), or @id. */
const char    *dd_year_role_name    (DdPlan     *plan,
                                     const char *id);

G_END_DECLS
