/* dd-render.h — export a chart to PDF, SVG or PNG
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dd-chart.h"

G_BEGIN_DECLS

typedef enum {
  DD_RENDER_FORMAT_PDF,
  DD_RENDER_FORMAT_SVG,
  DD_RENDER_FORMAT_PNG,
} DdRenderFormat;

typedef enum {
  DD_RENDER_PAPER_A4,
  DD_RENDER_PAPER_A3,
} DdRenderPaper;

typedef struct {
  DdRenderFormat format;
  DdRenderPaper  paper;          /* PDF: page size; landscape or portrait after the chart */
  double         dpi;            /* PNG: 0 = at least 1200 px wide */
} DdRenderOptions;

#define DD_RENDER_PNG_MIN_WIDTH 1200

/* From a file name's extension (.pdf .svg .png, any case). */
gboolean dd_render_format_from_path  (const char     *path,
                                      DdRenderFormat *out);
gboolean dd_render_paper_from_string (const char     *str,
                                      DdRenderPaper  *out);
/* Page size in points, oriented to suit @layout (landscape when wider). */
void     dd_render_page_size         (DdRenderPaper        paper,
                                      const DdChartLayout *layout,
                                      double              *width,
                                      double              *height);

gboolean dd_render_layout_to_file    (const DdChartLayout    *layout,
                                      const DdChartOverlay   *overlay,
                                      const DdRenderOptions  *options,
                                      const char             *path,
                                      GError                **error);

gboolean dd_render_chart_to_file     (DdPlan                 *plan,
                                      DdChartKind             kind,
                                      const DdChartOverlay   *overlay,
                                      const DdRenderOptions  *options,
                                      const char             *path,
                                      GError                **error);

G_END_DECLS
