/* dd-year-chart.h — trends across drills, drawn with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two panels side by side: on the left the score of each phase across the
 * drills (one line per phase, drills in date order, 0 … 100), on the right
 * the findings by clause (a bar per clause, most first).  Laid out from
 * data (dd_year_trend_layout ()), then drawn on any cairo_t: the PDF of
 * the year-end summary and a widget get the same drawing.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct _DdYearTrend DdYearTrend;

/* @phase_scores: DdYearPhaseScore (dd_year_db_list_phase_scores ());
 * @clause_counts: DdYearClauseCount (dd_year_db_count_findings ()).
 * Both are copied. */
DdYearTrend *dd_year_trend_new        (GPtrArray   *phase_scores,
                                       GPtrArray   *clause_counts) G_GNUC_WARN_UNUSED_RESULT;
void         dd_year_trend_free       (DdYearTrend *trend);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdYearTrend, dd_year_trend_free)

guint        dd_year_trend_get_n_drills (DdYearTrend *trend);
guint        dd_year_trend_get_n_phases (DdYearTrend *trend);
guint        dd_year_trend_get_n_clauses (DdYearTrend *trend);

/* Where the point of phase @phase for drill @drill lies in a drawing of
 * @width × @height; FALSE when the phase was not assessed in that drill
 * (no point). */
gboolean     dd_year_trend_point      (DdYearTrend *trend,
                                       guint        phase,
                                       guint        drill,
                                       double       width,
                                       double       height,
                                       double      *x,
                                       double      *y);
/* The box of the bar of clause @clause (most findings first). */
void         dd_year_trend_bar        (DdYearTrend *trend,
                                       guint        clause,
                                       double       width,
                                       double       height,
                                       double      *x,
                                       double      *y,
                                       double      *bar_width,
                                       double      *bar_height);
/* The colour of phase @phase's line, 0xRRGGBB. */
guint32      dd_year_trend_phase_colour (guint      phase);
/* The bars' colour, 0xRRGGBB. */
#define DD_YEAR_TREND_BAR_COLOUR 0x4a6fa5

/* Draws both panels in (0, 0, @width, @height) of @cr. */
void         dd_year_trend_draw       (DdYearTrend *trend,
                                       cairo_t     *cr,
                                       double       width,
                                       double       height);

G_END_DECLS
