/* dd-chart-view.h — a widget showing appendix chart 8.1 or 8.2
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "dd-chart.h"

G_BEGIN_DECLS

#define DD_TYPE_CHART_VIEW (dd_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (DdChartView, dd_chart_view, DD, CHART_VIEW, GtkWidget)

#define DD_CHART_VIEW_MIN_ZOOM 0.2
#define DD_CHART_VIEW_MAX_ZOOM 20.0

GtkWidget           *dd_chart_view_new          (void);
void                 dd_chart_view_set_chart    (DdChartView    *self,
                                                 DdPlan         *plan,
                                                 DdChartKind     kind);
DdChartKind          dd_chart_view_get_kind     (DdChartView    *self);
const DdChartLayout *dd_chart_view_get_layout   (DdChartView    *self);
/* Takes ownership of @overlay (NULL: none). */
void                 dd_chart_view_set_overlay  (DdChartView    *self,
                                                 DdChartOverlay *overlay);
const DdChartOverlay *dd_chart_view_get_overlay  (DdChartView    *self);

double               dd_chart_view_get_zoom     (DdChartView    *self);
/* Zooms keeping the chart point under widget point (@x, @y) in place. */
void                 dd_chart_view_zoom_at      (DdChartView    *self,
                                                 double          zoom,
                                                 double          x,
                                                 double          y);
void                 dd_chart_view_zoom_to_fit  (DdChartView    *self);
void                 dd_chart_view_pan          (DdChartView    *self,
                                                 double          dx,
                                                 double          dy);
/* Widget coordinates to chart points. */
void                 dd_chart_view_to_chart     (DdChartView    *self,
                                                 double          x,
                                                 double          y,
                                                 double         *cx,
                                                 double         *cy);
/* Emits ::unit-activated when a unit is at widget point (@x, @y);
 * returns its role id, or NULL. */
const char          *dd_chart_view_activate_at  (DdChartView    *self,
                                                 double          x,
                                                 double          y);

G_END_DECLS
