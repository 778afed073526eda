/* dd-charts-page.h — the Charts place: the plan's two charts and their tool bar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The organisation chart (appendix 8.1) and the workflow chart (appendix
 * 8.2) in a stack, with a switcher between them and the buttons of the
 * window's chart actions (zoom, export, print).  The window builds it when
 * the place is first shown, so that start-up does not pay for it.
 */
#pragma once

#include <adwaita.h>

#include "dd-chart-view.h"
#include "dd-plan.h"

G_BEGIN_DECLS

#define DD_TYPE_CHARTS_PAGE (dd_charts_page_get_type ())
G_DECLARE_FINAL_TYPE (DdChartsPage, dd_charts_page, DD, CHARTS_PAGE, AdwBin)

GtkWidget   *dd_charts_page_new               (void);
void         dd_charts_page_set_plan          (DdChartsPage *self,
                                               DdPlan       *plan);
/* The chart on show; "notify::visible-chart" when the other is chosen. */
DdChartView *dd_charts_page_get_visible_chart (DdChartsPage *self);

G_END_DECLS
