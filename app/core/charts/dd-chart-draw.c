/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-chart-draw.c — drawing a laid-out chart on any cairo_t: nodes with
 * their symbols and text, edges, the drill's overlay, a whole page
 *
 * Copyright 2024 The DrillDesk authors
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "dd-chart.h"
#include "dd-chart-org.h"
#include "dd-chart-flow.h"

/* Colours (rgb 0..1): on paper and in the window's light style, and in
 * the window's dark style (layout->dark), where the chart follows the
 * style instead of standing as a white slab */
typedef struct {
  double paper[3];
  double ink[3];
  double frame_ink[3];
  double acted_fill[3];
  double acted_ink[3];
  double current_ink[3];
  double breach_ink[3];
} Palette;

static const Palette light_palette = {
  .paper       = { 1.00, 1.00, 1.00 },
  .ink         = { 0.10, 0.10, 0.10 },
  .frame_ink   = { 0.45, 0.45, 0.45 },
  .acted_fill  = { 0.86, 0.92, 0.99 },
  .acted_ink   = { 0.08, 0.36, 0.75 },
  .current_ink = { 0.85, 0.45, 0.00 },
  .breach_ink  = { 0.80, 0.05, 0.10 },
};

static const Palette dark_palette = {
  .paper       = { 0.19, 0.19, 0.19 },
  .ink         = { 0.92, 0.92, 0.92 },
  .frame_ink   = { 0.62, 0.62, 0.62 },
  .acted_fill  = { 0.12, 0.24, 0.40 },
  .acted_ink   = { 0.47, 0.68, 0.98 },
  .current_ink = { 1.00, 0.64, 0.22 },
  .breach_ink  = { 1.00, 0.42, 0.42 },
};

#define PALETTE(layout) ((layout)->dark ? &dark_palette : &light_palette)

#define LINE_WIDTH      0.75
#define FRAME_WIDTH     1.0
#define OVERLAY_WIDTH   2.25

/* ------------------------------------------------------------------ */
/* Drawing                                                             */

static void
set_rgb (cairo_t      *cr,
         const double  rgb[3])
{
  cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
}

/* Lines at least one device pixel wide on raster targets. */
static double
line_width (cairo_t *cr,
            double   width)
{
  cairo_surface_type_t type = cairo_surface_get_type (cairo_get_target (cr));
  double ux = 1.0, uy = 0.0;

  if (type == CAIRO_SURFACE_TYPE_PDF || type == CAIRO_SURFACE_TYPE_SVG ||
      type == CAIRO_SURFACE_TYPE_PS)
    return width;
  cairo_device_to_user_distance (cr, &ux, &uy);
  return MAX (width, hypot (ux, uy));
}

static void
shape_path (cairo_t           *cr,
            const DdChartNode *node)
{
  double x = node->x, y = node->y, w = node->width, h = node->height;

  switch (node->shape)
    {
    case DD_CHART_SHAPE_TERMINATOR:
      dd_chart_path_terminator (cr, x, y, w, h);
      break;
    case DD_CHART_SHAPE_DECISION:
      dd_chart_path_diamond (cr, x, y, w, h);
      break;
    case DD_CHART_SHAPE_DOCUMENT:
      dd_chart_path_document (cr, x, y, w, h);
      break;
    case DD_CHART_SHAPE_BOX:
    case DD_CHART_SHAPE_FRAME:
    case DD_CHART_SHAPE_PREDEFINED:
    case DD_CHART_SHAPE_NOTE:
    default:
      dd_chart_path_box (cr, x, y, w, h);
      break;
    }
}

static gboolean
fill_is_dark (const double rgb[3])
{
  return 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2] < 0.55;
}

/* Shows @layout with its logical box's top-left at (@x, @y). */
static void
show_at (cairo_t     *cr,
         PangoLayout *layout,
         double       x,
         double       y)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  cairo_move_to (cr, x - (double) logical.x / PANGO_SCALE, y - (double) logical.y / PANGO_SCALE);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_node_text (cairo_t           *cr,
                const Palette     *pal,
                const DdChartNode *node,
                gboolean           light)
{
  double tw = 0, th = 0, sw = 0, sh = 0, gap = 0;
  double cx = node->x + node->width / 2;
  double cy = node->y + node->height / 2;

  if (node->layout == NULL)
    return;

  if (light)
    cairo_set_source_rgb (cr, 1, 1, 1);
  else
    set_rgb (cr, pal->ink);

  dd_chart_text_size (node->layout, &tw, &th);
  if (node->sublayout)
    {
      dd_chart_text_size (node->sublayout, &sw, &sh);
      gap = 2.0;
    }

  if (node->vertical)
    {
      /* along the line = tw (downwards), thickness = th (leftwards) */
      cairo_save (cr);
      cairo_translate (cr, cx + th / 2, cy - tw / 2);
      cairo_rotate (cr, G_PI / 2);
      pango_cairo_show_layout (cr, node->layout);
      cairo_restore (cr);
      return;
    }

  if (node->shape == DD_CHART_SHAPE_FRAME)
    {
      /* a titled frame: the title and its subtext at the top, inside */
      double y = node->y + 10.0;

      show_at (cr, node->layout, cx - tw / 2, y);
      if (node->sublayout)
        show_at (cr, node->sublayout, cx - sw / 2, y + th + gap);
      return;
    }

  {
    double total = th + gap + sh;
    double y = cy - total / 2;

    if (node->shape == DD_CHART_SHAPE_DOCUMENT)
      y -= MIN (node->height * 0.12, 6.0) / 2;
    show_at (cr, node->layout, cx - tw / 2, y);
    if (node->sublayout)
      show_at (cr, node->sublayout, cx - sw / 2, y + th + gap);
  }
}

static void
draw_badge (cairo_t             *cr,
            const DdChartLayout *layout,
            double               cx,
            double               cy,
            const double         rgb[3],
            const char          *glyph)
{
  double r = 6.5;

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
  set_rgb (cr, rgb);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 1.2);
  cairo_stroke (cr);

  if (g_strcmp0 (glyph, "check") == 0)
    {
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, 1.6);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_move_to (cr, cx - 3.2, cy + 0.2);
      cairo_line_to (cr, cx - 0.8, cy + 2.6);
      cairo_line_to (cr, cx + 3.4, cy - 2.6);
      cairo_stroke (cr);
    }
  else if (g_strcmp0 (glyph, "play") == 0)
    {
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_move_to (cr, cx - 2.2, cy - 3.4);
      cairo_line_to (cr, cx + 3.6, cy);
      cairo_line_to (cr, cx - 2.2, cy + 3.4);
      cairo_close_path (cr);
      cairo_fill (cr);
    }
  else
    {
      /* "!" drawn as a bar and a dot, so it needs no font */
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_rectangle (cr, cx - 0.9, cy - 4.0, 1.8, 5.0);
      cairo_fill (cr);
      cairo_arc (cr, cx, cy + 2.9, 1.05, 0, 2 * G_PI);
      cairo_fill (cr);
    }
  cairo_restore (cr);
  (void) layout;
}

static gboolean
node_acted (const DdChartNode    *node,
            const DdChartOverlay *overlay)
{
  if (overlay == NULL)
    return FALSE;
  if (node->role_id && g_hash_table_contains (overlay->acted_roles, node->role_id))
    return TRUE;
  if (node->phase_id)
    for (guint i = 0; i < overlay->visited_phases->len; i++)
      if (g_strcmp0 (g_ptr_array_index (overlay->visited_phases, i), node->phase_id) == 0)
        return TRUE;
  return FALSE;
}

static gboolean
node_breached (const DdChartNode    *node,
               const DdChartOverlay *overlay)
{
  if (overlay == NULL)
    return FALSE;
  if (node->role_id && g_hash_table_contains (overlay->breached_roles, node->role_id))
    return TRUE;
  return node->phase_id && g_hash_table_contains (overlay->breached_phases, node->phase_id);
}

static gboolean
node_current (const DdChartNode    *node,
              const DdChartOverlay *overlay)
{
  return overlay && overlay->current_phase && node->phase_id &&
         g_strcmp0 (overlay->current_phase, node->phase_id) == 0;
}

static void
draw_node (cairo_t              *cr,
           const DdChartLayout  *layout,
           const DdChartNode    *node,
           const DdChartOverlay *overlay)
{
  const Palette *pal = PALETTE (layout);
  gboolean acted = node_acted (node, overlay);
  gboolean light = FALSE;

  cairo_save (cr);

  /* fill */
  shape_path (cr, node);
  if (node->has_fill)
    {
      set_rgb (cr, node->fill);
      light = fill_is_dark (node->fill);
    }
  else if (acted)
    set_rgb (cr, pal->acted_fill);
  else
    set_rgb (cr, PALETTE (layout)->paper);
  cairo_fill (cr);

  /* outline */
  if (node->shape == DD_CHART_SHAPE_NOTE)
    {
      /* annotation: an open bracket on the left */
      double b = 6.0;
      cairo_move_to (cr, node->x + b, node->y);
      cairo_line_to (cr, node->x, node->y);
      cairo_line_to (cr, node->x, node->y + node->height);
      cairo_line_to (cr, node->x + b, node->y + node->height);
      set_rgb (cr, pal->frame_ink);
      cairo_set_line_width (cr, line_width (cr, LINE_WIDTH));
      cairo_stroke (cr);
    }
  else
    {
      shape_path (cr, node);
      if (node->shape == DD_CHART_SHAPE_FRAME && node->role_id == NULL)
        {
          static const double dash[] = { 4.0, 2.0 };
          set_rgb (cr, pal->frame_ink);
          cairo_set_dash (cr, dash, 2, 0);
          cairo_set_line_width (cr, line_width (cr, LINE_WIDTH));
        }
      else
        {
          set_rgb (cr, acted ? pal->acted_ink : pal->ink);
          cairo_set_line_width (cr, line_width (cr, acted ? 1.6 : FRAME_WIDTH));
        }
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      if (node->shape == DD_CHART_SHAPE_PREDEFINED)
        {
          dd_chart_path_predefined_bars (cr, node->x, node->y, node->width, node->height);
          cairo_stroke (cr);
        }
    }

  draw_node_text (cr, pal, node, light);

  /* overlay markers: a ring and a symbol, never colour alone */
  if (node_current (node, overlay))
    {
      cairo_save (cr);
      shape_path (cr, node);
      set_rgb (cr, pal->current_ink);
      cairo_set_line_width (cr, line_width (cr, OVERLAY_WIDTH));
      cairo_stroke (cr);
      cairo_restore (cr);
      draw_badge (cr, layout, node->x, node->y + node->height / 2, pal->current_ink, "play");
    }
  if (acted)
    draw_badge (cr, layout, node->x + node->width, node->y, pal->acted_ink, "check");
  if (node_breached (node, overlay))
    {
      cairo_save (cr);
      shape_path (cr, node);
      set_rgb (cr, pal->breach_ink);
      cairo_set_line_width (cr, line_width (cr, OVERLAY_WIDTH));
      {
        static const double dash[] = { 3.0, 1.5 };
        cairo_set_dash (cr, dash, 2, 0);
      }
      cairo_stroke (cr);
      cairo_restore (cr);
      draw_badge (cr, layout, node->x + node->width, node->y + (acted ? 14 : 0), pal->breach_ink, "!");
    }

  cairo_restore (cr);
}

static gboolean
edge_on_path (const DdChartLayout  *layout,
              const DdChartEdge    *edge,
              const DdChartOverlay *overlay)
{
  const DdChartNode *from, *to;
  GPtrArray *visited;

  if (overlay == NULL || overlay->visited_phases->len < 2)
    return FALSE;
  from = dd_chart_layout_lookup (layout, edge->from);
  to = dd_chart_layout_lookup (layout, edge->to);
  if (from == NULL || to == NULL || from->phase_id == NULL || to->phase_id == NULL)
    return FALSE;

  visited = overlay->visited_phases;
  if (g_strcmp0 (from->phase_id, to->phase_id) == 0)
    {
      /* inside one phase: taken when that phase was visited (and the
       * response-level branch only for the level that... cannot tell) */
      for (guint i = 0; i < visited->len; i++)
        if (g_strcmp0 (g_ptr_array_index (visited, i), from->phase_id) == 0)
          return TRUE;
      return FALSE;
    }
  for (guint i = 0; i + 1 < visited->len; i++)
    if (g_strcmp0 (g_ptr_array_index (visited, i), from->phase_id) == 0 &&
        g_strcmp0 (g_ptr_array_index (visited, i + 1), to->phase_id) == 0)
      return TRUE;
  return FALSE;
}

static void
draw_edge (cairo_t              *cr,
           const DdChartLayout  *layout,
           const DdChartEdge    *edge,
           const DdChartOverlay *overlay)
{
  const Palette *pal = PALETTE (layout);
  GArray *pts = edge->points;
  gboolean taken = edge_on_path (layout, edge, overlay);
  double w = taken ? OVERLAY_WIDTH : LINE_WIDTH;

  if (pts->len < 2)
    return;

  cairo_save (cr);
  set_rgb (cr, taken ? pal->acted_ink : pal->ink);
  cairo_set_line_width (cr, line_width (cr, w));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
  if (edge->dashed)
    {
      static const double dash[] = { 3.0, 2.0 };
      cairo_set_dash (cr, dash, 2, 0);
    }

  for (guint i = 0; i < pts->len; i++)
    {
      DdChartPoint *p = &g_array_index (pts, DdChartPoint, i);
      double x = p->x, y = p->y;

      /* stop the line at the arrowhead's base */
      if (edge->arrow && i == pts->len - 1)
        {
          DdChartPoint *q = &g_array_index (pts, DdChartPoint, i - 1);
          double len = hypot (x - q->x, y - q->y);
          double cut = MIN (len, 4.0);
          if (len > 0)
            {
              x -= (x - q->x) / len * cut;
              y -= (y - q->y) / len * cut;
            }
        }
      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  if (edge->arrow)
    {
      DdChartPoint *a = &g_array_index (pts, DdChartPoint, pts->len - 2);
      DdChartPoint *b = &g_array_index (pts, DdChartPoint, pts->len - 1);
      dd_chart_path_arrowhead (cr, a->x, a->y, b->x, b->y, taken ? 8.0 : 6.5);
      cairo_fill (cr);
    }

  if (edge->label_layout)
    {
      double tw, th;

      dd_chart_text_size (edge->label_layout, &tw, &th);
      set_rgb (cr, PALETTE (layout)->paper);
      cairo_rectangle (cr, edge->label_at.x - 1, edge->label_at.y, tw + 2, th);
      cairo_fill (cr);
      set_rgb (cr, pal->ink);
      show_at (cr, edge->label_layout, edge->label_at.x, edge->label_at.y);
    }
  cairo_restore (cr);
}

void
dd_chart_draw (cairo_t              *cr,
               const DdChartLayout  *layout,
               const DdChartOverlay *overlay)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (layout != NULL);

  if (dd_chart_overlay_is_empty (overlay))
    overlay = NULL;

  cairo_save (cr);
  set_rgb (cr, PALETTE (layout)->paper);
  cairo_rectangle (cr, 0, 0, layout->width, layout->height);
  cairo_fill (cr);

  if (layout->title_layout)
    {
      double tw, th;

      dd_chart_text_size (layout->title_layout, &tw, &th);
      set_rgb (cr, PALETTE (layout)->ink);
      show_at (cr, layout->title_layout, (layout->width - tw) / 2, 28);
    }

  /* frames first, then edges, then boxes on top */
  for (guint i = 0; i < layout->nodes->len; i++)
    {
      const DdChartNode *node = g_ptr_array_index (layout->nodes, i);
      if (node->shape == DD_CHART_SHAPE_FRAME)
        draw_node (cr, layout, node, overlay);
    }
  for (guint i = 0; i < layout->edges->len; i++)
    {
      const DdChartEdge *edge = g_ptr_array_index (layout->edges, i);
      if (!edge_on_path (layout, edge, overlay))
        draw_edge (cr, layout, edge, overlay);
    }
  for (guint i = 0; i < layout->edges->len; i++)
    {
      const DdChartEdge *edge = g_ptr_array_index (layout->edges, i);
      if (edge_on_path (layout, edge, overlay))
        draw_edge (cr, layout, edge, overlay);
    }
  for (guint i = 0; i < layout->nodes->len; i++)
    {
      const DdChartNode *node = g_ptr_array_index (layout->nodes, i);
      if (node->shape != DD_CHART_SHAPE_FRAME)
        draw_node (cr, layout, node, overlay);
    }
  cairo_restore (cr);
}

double
dd_chart_fit_scale (const DdChartLayout *layout,
                    double               width,
                    double               height)
{
  if (layout->width <= 0 || layout->height <= 0)
    return 1.0;
  return MIN (width / layout->width, height / layout->height);
}

void
dd_chart_draw_layout_page (cairo_t              *cr,
                           double                width,
                           double                height,
                           const DdChartLayout  *layout,
                           const DdChartOverlay *overlay)
{
  double scale = dd_chart_fit_scale (layout, width, height);

  cairo_save (cr);
  set_rgb (cr, PALETTE (layout)->paper);
  cairo_paint (cr);
  cairo_translate (cr, (width - layout->width * scale) / 2, (height - layout->height * scale) / 2);
  cairo_scale (cr, scale, scale);
  dd_chart_draw (cr, layout, overlay);
  cairo_restore (cr);
}

char *
dd_chart_plan_title (DdPlan     *plan,
                     const char *provision_id)
{
  const DdProvision *p = dd_plan_lookup_provision (plan, provision_id);

  if (p && p->title && *p->title)
    return g_strdup (p->title);
  return g_strdup (dd_plan_get_title (plan));
}

void
dd_chart_draw_page (cairo_t              *cr,
                    double                width,
                    double                height,
                    DdPlan               *plan,
                    DdChartKind           kind,
                    const DdChartOverlay *overlay)
{
  g_autoptr(DdChartLayout) layout = dd_chart_layout_new (plan, kind);

  dd_chart_draw_layout_page (cr, width, height, layout, overlay);
}
