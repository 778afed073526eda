/* dd-chart-flow.h — appendix 8.2, the workflow chart, laid out from the plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dd-chart.h"

G_BEGIN_DECLS

DdChartLayout *dd_chart_flow_layout (DdPlan *plan) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
