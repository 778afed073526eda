/* dd-chart-org.h — appendix 8.1, the organisation chart, laid out from the plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dd-chart.h"

G_BEGIN_DECLS

/* Page the organisation chart is laid out for (A4 landscape, points). */
#define DD_CHART_ORG_PAGE_WIDTH  841.89
#define DD_CHART_ORG_PAGE_HEIGHT 595.276

DdChartLayout *dd_chart_org_layout (DdPlan *plan) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
