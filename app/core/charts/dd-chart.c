/* dd-chart.c — shared text, shapes, overlay and drawing of the appendix charts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>

#include "dd-chart.h"
#include "dd-chart-org.h"
#include "dd-chart-flow.h"

/* Colours (rgb 0..1) */
static const double ink[3]         = { 0.10, 0.10, 0.10 };
static const double frame_ink[3]   = { 0.45, 0.45, 0.45 };
static const double acted_fill[3]  = { 0.86, 0.92, 0.99 };
static const double acted_ink[3]   = { 0.08, 0.36, 0.75 };
static const double current_ink[3] = { 0.85, 0.45, 0.00 };
static const double breach_ink[3]  = { 0.80, 0.05, 0.10 };

#define LINE_WIDTH      0.75
#define FRAME_WIDTH     1.0
#define OVERLAY_WIDTH   2.25

const char *
dd_chart_kind_to_string (DdChartKind kind)
{
  switch (kind)
    {
    case DD_CHART_KIND_ORG:
      return "org";
    case DD_CHART_KIND_FLOW:
      return "flow";
    default:
      return NULL;
    }
}

gboolean
dd_chart_kind_from_string (const char  *str,
                           DdChartKind *out)
{
  if (g_strcmp0 (str, "org") == 0)
    *out = DD_CHART_KIND_ORG;
  else if (g_strcmp0 (str, "flow") == 0)
    *out = DD_CHART_KIND_FLOW;
  else
    return FALSE;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Text                                                                */

PangoContext *
dd_chart_create_context (gboolean vertical)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (map);
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (context, FALSE);
  pango_context_set_language (context, pango_language_from_string ("zh-cn"));
  if (vertical)
    {
      pango_context_set_base_gravity (context, PANGO_GRAVITY_EAST);
      pango_context_set_gravity_hint (context, PANGO_GRAVITY_HINT_STRONG);
    }
  return context;
}

PangoLayout *
dd_chart_text_layout (PangoContext *context,
                      const char   *text,
                      double        size_pt,
                      gboolean      bold,
                      double        wrap_width)
{
  PangoLayout *layout = pango_layout_new (context);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (DD_CHART_FONT_FAMILY);

  pango_font_description_set_absolute_size (desc, size_pt * PANGO_SCALE);
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  if (wrap_width > 0)
    {
      pango_layout_set_width (layout, (int) (wrap_width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_text (layout, text ? text : "", -1);
  return layout;
}

void
dd_chart_text_size (PangoLayout *layout,
                    double      *width,
                    double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width)
    *width = (double) logical.width / PANGO_SCALE;
  if (height)
    *height = (double) logical.height / PANGO_SCALE;
}

double
dd_chart_measure (PangoContext *context,
                  const char   *text,
                  double        size_pt,
                  gboolean      bold)
{
  g_autoptr(PangoLayout) layout = dd_chart_text_layout (context, text, size_pt, bold, -1);
  double width;

  dd_chart_text_size (layout, &width, NULL);
  return width;
}

char *
dd_chart_balanced_break (PangoContext *context,
                         const char   *text,
                         double        size_pt,
                         gboolean      bold)
{
  glong n = g_utf8_strlen (text, -1);
  double best = G_MAXDOUBLE;
  glong best_at = -1;

  if (n < 2)
    return g_strdup (text);

  /* from the longest first line down, so ties keep the longer first line */
  for (glong i = n - 1; i >= 1; i--)
    {
      const char *cut = g_utf8_offset_to_pointer (text, i);
      g_autofree char *head = g_strndup (text, cut - text);
      double w1 = dd_chart_measure (context, head, size_pt, bold);
      double w2 = dd_chart_measure (context, cut, size_pt, bold);
      double worst = MAX (w1, w2);

      if (worst < best - 0.01)
        {
          best = worst;
          best_at = i;
        }
    }

  {
    const char *cut = g_utf8_offset_to_pointer (text, best_at);
    g_autofree char *head = g_strndup (text, cut - text);
    return g_strconcat (head, "\n", cut, NULL);
  }
}

/* ------------------------------------------------------------------ */
/* Model                                                               */

DdChartNode *
dd_chart_node_new (const char   *id,
                   DdChartShape  shape,
                   const char   *text)
{
  DdChartNode *node = g_new0 (DdChartNode, 1);

  node->id = g_strdup (id);
  node->shape = shape;
  node->text = g_strdup (text);
  return node;
}

void
dd_chart_node_free (DdChartNode *node)
{
  if (node == NULL)
    return;
  g_free (node->id);
  g_free (node->role_id);
  g_free (node->phase_id);
  g_free (node->container);
  g_free (node->text);
  g_free (node->subtext);
  g_clear_object (&node->layout);
  g_clear_object (&node->sublayout);
  g_free (node);
}

DdChartEdge *
dd_chart_edge_new (const char *from,
                   const char *to)
{
  DdChartEdge *edge = g_new0 (DdChartEdge, 1);

  edge->from = g_strdup (from);
  edge->to = g_strdup (to);
  edge->points = g_array_new (FALSE, FALSE, sizeof (DdChartPoint));
  edge->arrow = TRUE;
  return edge;
}

void
dd_chart_edge_free (DdChartEdge *edge)
{
  if (edge == NULL)
    return;
  g_free (edge->from);
  g_free (edge->to);
  g_array_unref (edge->points);
  g_free (edge->label);
  g_clear_object (&edge->label_layout);
  g_free (edge);
}

void
dd_chart_edge_add_point (DdChartEdge *edge,
                         double       x,
                         double       y)
{
  DdChartPoint p = { x, y };

  /* Drop repeated points so every segment has a length. */
  if (edge->points->len > 0)
    {
      DdChartPoint *last = &g_array_index (edge->points, DdChartPoint, edge->points->len - 1);
      if (fabs (last->x - x) < 1e-6 && fabs (last->y - y) < 1e-6)
        return;
    }
  g_array_append_val (edge->points, p);
}

DdChartLayout *
dd_chart_layout_alloc (DdChartKind kind)
{
  DdChartLayout *layout = g_new0 (DdChartLayout, 1);

  layout->kind = kind;
  layout->nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_chart_node_free);
  layout->edges = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_chart_edge_free);
  layout->context = dd_chart_create_context (FALSE);
  layout->vcontext = dd_chart_create_context (TRUE);
  return layout;
}

void
dd_chart_layout_free (DdChartLayout *layout)
{
  if (layout == NULL)
    return;
  g_free (layout->title);
  g_ptr_array_unref (layout->nodes);
  g_ptr_array_unref (layout->edges);
  g_clear_object (&layout->title_layout);
  g_clear_object (&layout->context);
  g_clear_object (&layout->vcontext);
  g_free (layout);
}

DdChartLayout *
dd_chart_layout_new (DdPlan      *plan,
                     DdChartKind  kind)
{
  g_return_val_if_fail (DD_IS_PLAN (plan), NULL);

  if (kind == DD_CHART_KIND_ORG)
    return dd_chart_org_layout (plan);
  return dd_chart_flow_layout (plan);
}

const DdChartNode *
dd_chart_layout_lookup (const DdChartLayout *layout,
                        const char          *node_id)
{
  for (guint i = 0; i < layout->nodes->len; i++)
    {
      const DdChartNode *node = g_ptr_array_index (layout->nodes, i);
      if (g_strcmp0 (node->id, node_id) == 0)
        return node;
    }
  return NULL;
}

const DdChartNode *
dd_chart_layout_lookup_role (const DdChartLayout *layout,
                             const char          *role_id)
{
  for (guint i = 0; i < layout->nodes->len; i++)
    {
      const DdChartNode *node = g_ptr_array_index (layout->nodes, i);
      if (node->role_id != NULL && g_strcmp0 (node->role_id, role_id) == 0)
        return node;
    }
  return NULL;
}

const DdChartNode *
dd_chart_layout_hit_test (const DdChartLayout *layout,
                          double               x,
                          double               y)
{
  for (guint i = layout->nodes->len; i > 0; i--)
    {
      const DdChartNode *node = g_ptr_array_index (layout->nodes, i - 1);

      if (node->shape == DD_CHART_SHAPE_FRAME && node->role_id == NULL)
        continue;
      if (x >= node->x && x <= node->x + node->width &&
          y >= node->y && y <= node->y + node->height)
        return node;
    }
  return NULL;
}

gboolean
dd_chart_node_on_border (const DdChartNode *node,
                         double             x,
                         double             y,
                         double             tol)
{
  double x0 = node->x, y0 = node->y;
  double x1 = node->x + node->width, y1 = node->y + node->height;

  if (node->shape == DD_CHART_SHAPE_DECISION)
    {
      /* |dx|/(w/2) + |dy|/(h/2) == 1, or a vertex */
      double cx = x0 + node->width / 2, cy = y0 + node->height / 2;
      double v = fabs (x - cx) / (node->width / 2) + fabs (y - cy) / (node->height / 2);
      return fabs (v - 1.0) * MIN (node->width, node->height) / 2 <= tol;
    }

  if (x < x0 - tol || x > x1 + tol || y < y0 - tol || y > y1 + tol)
    return FALSE;
  return fabs (x - x0) <= tol || fabs (x - x1) <= tol ||
         fabs (y - y0) <= tol || fabs (y - y1) <= tol;
}

/* ------------------------------------------------------------------ */
/* Overlay                                                             */

DdChartOverlay *
dd_chart_overlay_new (void)
{
  DdChartOverlay *overlay = g_new0 (DdChartOverlay, 1);

  overlay->acted_roles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  overlay->breached_phases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  overlay->breached_roles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  overlay->visited_phases = g_ptr_array_new_with_free_func (g_free);
  return overlay;
}

void
dd_chart_overlay_free (DdChartOverlay *overlay)
{
  if (overlay == NULL)
    return;
  g_hash_table_unref (overlay->acted_roles);
  g_hash_table_unref (overlay->breached_phases);
  g_hash_table_unref (overlay->breached_roles);
  g_ptr_array_unref (overlay->visited_phases);
  g_free (overlay->current_phase);
  g_free (overlay);
}

void
dd_chart_overlay_add_acted_role (DdChartOverlay *overlay,
                                 const char     *role_id)
{
  g_hash_table_add (overlay->acted_roles, g_strdup (role_id));
}

void
dd_chart_overlay_set_current_phase (DdChartOverlay *overlay,
                                    const char     *phase_id)
{
  g_free (overlay->current_phase);
  overlay->current_phase = g_strdup (phase_id);
}

void
dd_chart_overlay_add_visited_phase (DdChartOverlay *overlay,
                                    const char     *phase_id)
{
  guint n = overlay->visited_phases->len;

  if (n > 0 && g_strcmp0 (g_ptr_array_index (overlay->visited_phases, n - 1), phase_id) == 0)
    return;
  g_ptr_array_add (overlay->visited_phases, g_strdup (phase_id));
}

void
dd_chart_overlay_add_breached_phase (DdChartOverlay *overlay,
                                     const char     *phase_id)
{
  g_hash_table_add (overlay->breached_phases, g_strdup (phase_id));
}

void
dd_chart_overlay_add_breached_role (DdChartOverlay *overlay,
                                    const char     *role_id)
{
  g_hash_table_add (overlay->breached_roles, g_strdup (role_id));
}

gboolean
dd_chart_overlay_is_empty (const DdChartOverlay *overlay)
{
  return overlay == NULL ||
         (g_hash_table_size (overlay->acted_roles) == 0 &&
          overlay->current_phase == NULL &&
          overlay->visited_phases->len == 0 &&
          g_hash_table_size (overlay->breached_phases) == 0 &&
          g_hash_table_size (overlay->breached_roles) == 0);
}

/* ------------------------------------------------------------------ */
/* Primitives                                                          */

void
dd_chart_path_box (cairo_t *cr, double x, double y, double w, double h)
{
  cairo_rectangle (cr, x, y, w, h);
}

void
dd_chart_path_terminator (cairo_t *cr, double x, double y, double w, double h)
{
  double r = MIN (h / 2, w / 2);

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, 3 * G_PI / 2);
  cairo_close_path (cr);
}

void
dd_chart_path_diamond (cairo_t *cr, double x, double y, double w, double h)
{
  cairo_move_to (cr, x + w / 2, y);
  cairo_line_to (cr, x + w, y + h / 2);
  cairo_line_to (cr, x + w / 2, y + h);
  cairo_line_to (cr, x, y + h / 2);
  cairo_close_path (cr);
}

void
dd_chart_path_document (cairo_t *cr, double x, double y, double w, double h)
{
  double wave = MIN (h * 0.12, 6.0);

  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x + w, y);
  cairo_line_to (cr, x + w, y + h - wave);
  cairo_curve_to (cr, x + w * 0.75, y + h - 2.6 * wave, x + w * 0.5, y + h - 2.6 * wave,
                  x + w * 0.5, y + h - wave);
  cairo_curve_to (cr, x + w * 0.5, y + h + 0.6 * wave, x + w * 0.25, y + h + 0.6 * wave,
                  x, y + h - wave);
  cairo_close_path (cr);
}

void
dd_chart_path_predefined_bars (cairo_t *cr, double x, double y, double w, double h)
{
  double inset = MIN (8.0, w * 0.06);

  cairo_move_to (cr, x + inset, y);
  cairo_line_to (cr, x + inset, y + h);
  cairo_move_to (cr, x + w - inset, y);
  cairo_line_to (cr, x + w - inset, y + h);
}

void
dd_chart_path_arrowhead (cairo_t *cr,
                         double   x0,
                         double   y0,
                         double   x1,
                         double   y1,
                         double   size)
{
  double angle = atan2 (y1 - y0, x1 - x0);
  double spread = 0.42;

  cairo_move_to (cr, x1, y1);
  cairo_line_to (cr, x1 - size * cos (angle - spread), y1 - size * sin (angle - spread));
  cairo_line_to (cr, x1 - size * cos (angle + spread), y1 - size * sin (angle + spread));
  cairo_close_path (cr);
}

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
    set_rgb (cr, ink);

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
    set_rgb (cr, acted_fill);
  else
    cairo_set_source_rgb (cr, 1, 1, 1);
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
      set_rgb (cr, frame_ink);
      cairo_set_line_width (cr, line_width (cr, LINE_WIDTH));
      cairo_stroke (cr);
    }
  else
    {
      shape_path (cr, node);
      if (node->shape == DD_CHART_SHAPE_FRAME && node->role_id == NULL)
        {
          static const double dash[] = { 4.0, 2.0 };
          set_rgb (cr, frame_ink);
          cairo_set_dash (cr, dash, 2, 0);
          cairo_set_line_width (cr, line_width (cr, LINE_WIDTH));
        }
      else
        {
          set_rgb (cr, acted ? acted_ink : ink);
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

  draw_node_text (cr, node, light);

  /* overlay markers: a ring and a symbol, never colour alone */
  if (node_current (node, overlay))
    {
      cairo_save (cr);
      shape_path (cr, node);
      set_rgb (cr, current_ink);
      cairo_set_line_width (cr, line_width (cr, OVERLAY_WIDTH));
      cairo_stroke (cr);
      cairo_restore (cr);
      draw_badge (cr, layout, node->x, node->y + node->height / 2, current_ink, "play");
    }
  if (acted)
    draw_badge (cr, layout, node->x + node->width, node->y, acted_ink, "check");
  if (node_breached (node, overlay))
    {
      cairo_save (cr);
      shape_path (cr, node);
      set_rgb (cr, breach_ink);
      cairo_set_line_width (cr, line_width (cr, OVERLAY_WIDTH));
      {
        static const double dash[] = { 3.0, 1.5 };
        cairo_set_dash (cr, dash, 2, 0);
      }
      cairo_stroke (cr);
      cairo_restore (cr);
      draw_badge (cr, layout, node->x + node->width, node->y + (acted ? 14 : 0), breach_ink, "!");
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
  GArray *pts = edge->points;
  gboolean taken = edge_on_path (layout, edge, overlay);
  double w = taken ? OVERLAY_WIDTH : LINE_WIDTH;

  if (pts->len < 2)
    return;

  cairo_save (cr);
  set_rgb (cr, taken ? acted_ink : ink);
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
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_rectangle (cr, edge->label_at.x - 1, edge->label_at.y, tw + 2, th);
      cairo_fill (cr);
      set_rgb (cr, ink);
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
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, layout->width, layout->height);
  cairo_fill (cr);

  if (layout->title_layout)
    {
      double tw, th;

      dd_chart_text_size (layout->title_layout, &tw, &th);
      set_rgb (cr, ink);
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
  cairo_set_source_rgb (cr, 1, 1, 1);
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
