/* dd-render.c — export a chart to PDF, SVG or PNG
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every format draws the same DdChartLayout with dd_chart_draw ().  PDF
 * pages are A4 or A3, landscape when the chart is wider than tall, with the
 * chart's title as metadata; cairo embeds the fonts as subsets with
 * ToUnicode maps, so the text can be searched and extracted.
 */
#include "config.h"

#include <math.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>

#include "dd-error.h"
#include "dd-render.h"

#define PT_PER_INCH 72.0

gboolean
dd_render_format_from_path (const char     *path,
                            DdRenderFormat *out)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".pdf"))
    *out = DD_RENDER_FORMAT_PDF;
  else if (g_str_has_suffix (lower, ".svg"))
    *out = DD_RENDER_FORMAT_SVG;
  else if (g_str_has_suffix (lower, ".png"))
    *out = DD_RENDER_FORMAT_PNG;
  else
    return FALSE;
  return TRUE;
}

gboolean
dd_render_paper_from_string (const char    *str,
                             DdRenderPaper *out)
{
  if (g_ascii_strcasecmp (str, "a4") == 0)
    *out = DD_RENDER_PAPER_A4;
  else if (g_ascii_strcasecmp (str, "a3") == 0)
    *out = DD_RENDER_PAPER_A3;
  else
    return FALSE;
  return TRUE;
}

void
dd_render_page_size (DdRenderPaper        paper,
                     const DdChartLayout *layout,
                     double              *width,
                     double              *height)
{
  double s = paper == DD_RENDER_PAPER_A3 ? 841.89 : 595.276;
  double l = paper == DD_RENDER_PAPER_A3 ? 1190.551 : 841.89;
  gboolean landscape = layout->width > layout->height;

  *width = landscape ? l : s;
  *height = landscape ? s : l;
}

static gboolean
check_status (cairo_status_t   status,
              const char      *path,
              GError         **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, DD_ERROR, DD_ERROR_IO, _("%s: cannot write the chart: %s"),
               path, cairo_status_to_string (status));
  return FALSE;
}

gboolean
dd_render_layout_to_file (const DdChartLayout    *layout,
                          const DdChartOverlay   *overlay,
                          const DdRenderOptions  *options,
                          const char             *path,
                          GError                **error)
{
  cairo_surface_t *surface = NULL;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  switch (options->format)
    {
    case DD_RENDER_FORMAT_PDF:
      {
        double w, h;

        dd_render_page_size (options->paper, layout, &w, &h);
        surface = cairo_pdf_surface_create (path, w, h);
        if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
          break;
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, layout->title);
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "DrillDesk " PACKAGE_VERSION);
        cr = cairo_create (surface);
        /* print margins of 10 mm */
        cairo_translate (cr, 28.35, 28.35);
        dd_chart_draw_layout_page (cr, w - 56.7, h - 56.7, layout, overlay);
        cairo_show_page (cr);
        cairo_destroy (cr);
      }
      break;

    case DD_RENDER_FORMAT_SVG:
      surface = cairo_svg_surface_create (path, layout->width, layout->height);
      if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
        break;
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PT);
      cr = cairo_create (surface);
      dd_chart_draw (cr, layout, overlay);
      cairo_destroy (cr);
      break;

    case DD_RENDER_FORMAT_PNG:
    default:
      {
        double dpi = options->dpi;
        int pw, ph;

        if (dpi <= 0)
          dpi = MAX (150.0, ceil (DD_RENDER_PNG_MIN_WIDTH * PT_PER_INCH / layout->width));
        pw = (int) ceil (layout->width * dpi / PT_PER_INCH);
        ph = (int) ceil (layout->height * dpi / PT_PER_INCH);
        if (pw <= 0 || ph <= 0 || (gint64) pw * ph > 400000000)
          {
            g_set_error (error, DD_ERROR, DD_ERROR_INVALID,
                         _("%s: %g dpi gives an image too large to write"), path, dpi);
            return FALSE;
          }
        surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, pw, ph);
        if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
          break;
        cr = cairo_create (surface);
        cairo_set_source_rgb (cr, 1, 1, 1);
        cairo_paint (cr);
        cairo_scale (cr, dpi / PT_PER_INCH, dpi / PT_PER_INCH);
        dd_chart_draw (cr, layout, overlay);
        cairo_destroy (cr);
        status = cairo_surface_write_to_png (surface, path);
        cairo_surface_destroy (surface);
        return check_status (status, path, error);
      }
    }

  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return check_status (status, path, error);
}

gboolean
dd_render_chart_to_file (DdPlan                 *plan,
                         DdChartKind             kind,
                         const DdChartOverlay   *overlay,
                         const DdRenderOptions  *options,
                         const char             *path,
                         GError                **error)
{
  g_autoptr(DdChartLayout) layout = dd_chart_layout_new (plan, kind);

  return dd_render_layout_to_file (layout, overlay, options, path, error);
}
