/* dd-chart.c — the appendix charts' shared model: text measuring, nodes
 * and edges, layouts, the drill overlay and the symbols' paths (drawing
 * is in dd-chart-draw.c)
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

