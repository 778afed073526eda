/* dd-year-print.h — the year's documents as PDF: the drill programme
 * (A4 landscape, GB/T 38645-2020 Annex A) and the year-end summary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Laid out with the report's page engine (dd-report-doc.h), text with
 * pango, CJK fonts embedded by cairo's PDF surface.
 */
#pragma once

#include "dd-plan.h"
#include "dd-programme.h"
#include "dd-year-db.h"

G_BEGIN_DECLS

/* The programme as a table, the held drills' dates and scores from @db,
 * and the plan's drill duty for its year under it.  @today: YYYY-MM-DD. */
gboolean dd_year_print_programme (DdProgramme *programme,
                                  DdPlan      *plan,
                                  DdYearDb    *db,
                                  const char  *today,
                                  const char  *path,
                                  GError     **error);

/* The year-end summary (年度演练总结): drills held against the programme
 * (@programme may be NULL), the duty's verdict, findings by clause with
 * the trend chart, the improvement items, training coverage. */
gboolean dd_year_print_summary   (DdYearDb    *db,
                                  DdPlan      *plan,
                                  DdProgramme *programme,
                                  int          year,
                                  const char  *today,
                                  const char  *path,
                                  GError     **error);

G_END_DECLS
