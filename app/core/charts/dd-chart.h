/* dd-chart.h — the appendix charts (8.1, 8.2): layout model and drawing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A chart is first laid out from the plan into a DdChartLayout (node
 * rectangles, edge polylines, labels, all in points), then drawn on any
 * cairo_t: the widget, a PDF, SVG or PNG surface, or a printed page.  Text
 * is measured and drawn through one PangoContext with hinting off, so the
 * same layout has the same measurements on every surface.
 */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "dd-plan.h"

G_BEGIN_DECLS

typedef enum {
  DD_CHART_KIND_ORG,             /* appendix 8.1, organisation chart */
  DD_CHART_KIND_FLOW,            /* appendix 8.2, workflow chart */
} DdChartKind;

const char *dd_chart_kind_to_string   (DdChartKind kind);
gboolean    dd_chart_kind_from_string (const char  *str,
                                       DdChartKind *out);

/* Symbols (GB/T 1526-1989 = ISO 5807-1985 for the flow chart). */
typedef enum {
  DD_CHART_SHAPE_BOX,            /* a unit or post, or a process */
  DD_CHART_SHAPE_FRAME,          /* a container drawn around other nodes */
  DD_CHART_SHAPE_TERMINATOR,     /* rounded start/end */
  DD_CHART_SHAPE_PREDEFINED,     /* double-sided rectangle */
  DD_CHART_SHAPE_DECISION,       /* diamond */
  DD_CHART_SHAPE_DOCUMENT,       /* wavy-bottom document */
  DD_CHART_SHAPE_NOTE,           /* text with a thin open frame (annotation) */
} DdChartShape;

typedef struct {
  double x;
  double y;
} DdChartPoint;

typedef struct {
  char         *id;              /* unique within the layout */
  char         *role_id;         /* role shown (clickable), or NULL */
  char         *phase_id;        /* phase the node belongs to, or NULL */
  char         *container;       /* id of the FRAME it sits in, or NULL */
  DdChartShape  shape;
  double        x, y, width, height;
  char         *text;            /* lines separated by '\n' */
  char         *subtext;         /* smaller second part, or NULL */
  gboolean      vertical;        /* text runs top to bottom */
  gboolean      bold;
  gboolean      has_fill;
  double        fill[3];         /* rgb when has_fill */
  PangoLayout  *layout;          /* cached, measured text */
  PangoLayout  *sublayout;       /* cached subtext, or NULL */
} DdChartNode;

typedef struct {
  char     *from;                /* node id */
  char     *to;                  /* node id */
  GArray   *points;              /* of DdChartPoint: first on from's border, last on to's */
  gboolean  arrow;               /* arrowhead at the end */
  gboolean  dashed;
  gboolean  back;                /* a loop back (drawn along the margin) */
  char     *label;               /* text near the start, or NULL */
  DdChartPoint label_at;         /* top-left of the label */
  PangoLayout *label_layout;
} DdChartEdge;

typedef struct {
  DdChartKind   kind;
  char         *title;
  double        width;           /* whole drawing, points, margins included */
  double        height;
  GPtrArray    *nodes;           /* of DdChartNode */
  GPtrArray    *edges;           /* of DdChartEdge */
  PangoLayout  *title_layout;
  PangoContext *context;         /* horizontal text */
  PangoContext *vcontext;        /* vertical text (east gravity) */
  gboolean      dark;            /* drawn for a window in the dark style (paper stays light) */
} DdChartLayout;

void                dd_chart_layout_free     (DdChartLayout *layout);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdChartLayout, dd_chart_layout_free)

/* Lays out @kind from @plan.  Never fails for a loaded plan. */
DdChartLayout      *dd_chart_layout_new      (DdPlan      *plan,
                                              DdChartKind  kind) G_GNUC_WARN_UNUSED_RESULT;

const DdChartNode  *dd_chart_layout_lookup   (const DdChartLayout *layout,
                                              const char          *node_id);
const DdChartNode  *dd_chart_layout_lookup_role (const DdChartLayout *layout,
                                                 const char          *role_id);
/* The topmost non-frame node at (@x, @y) in layout points, or NULL. */
const DdChartNode  *dd_chart_layout_hit_test (const DdChartLayout *layout,
                                              double               x,
                                              double               y);

/* ------------------------------------------------------------------ */
/* A drill laid over a chart                                          */

typedef struct {
  GHashTable *acted_roles;       /* set of role ids that acted */
  char       *current_phase;     /* phase id, or NULL */
  GPtrArray  *visited_phases;    /* phase ids, in the order visited */
  GHashTable *breached_phases;   /* set of phase ids where a rule was breached */
  GHashTable *breached_roles;    /* set of role ids that breached a rule */
} DdChartOverlay;

DdChartOverlay *dd_chart_overlay_new              (void) G_GNUC_WARN_UNUSED_RESULT;
void            dd_chart_overlay_free             (DdChartOverlay *overlay);
void            dd_chart_overlay_add_acted_role   (DdChartOverlay *overlay,
                                                   const char     *role_id);
void            dd_chart_overlay_set_current_phase (DdChartOverlay *overlay,
                                                    const char     *phase_id);
/* Appends @phase_id unless it is already the last one visited. */
void            dd_chart_overlay_add_visited_phase (DdChartOverlay *overlay,
                                                    const char     *phase_id);
void            dd_chart_overlay_add_breached_phase (DdChartOverlay *overlay,
                                                     const char     *phase_id);
void            dd_chart_overlay_add_breached_role (DdChartOverlay *overlay,
                                                    const char     *role_id);
gboolean        dd_chart_overlay_is_empty         (const DdChartOverlay *overlay);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdChartOverlay, dd_chart_overlay_free)

/* ------------------------------------------------------------------ */
/* Drawing                                                             */

/* Draws @layout in layout points at the current transformation of @cr
 * (origin at the layout's top-left).  @overlay may be NULL. */
void dd_chart_draw      (cairo_t              *cr,
                         const DdChartLayout  *layout,
                         const DdChartOverlay *overlay);

/* Scale that fits @layout into @width × @height (keeping the aspect). */
double dd_chart_fit_scale (const DdChartLayout *layout,
                           double               width,
                           double               height);

/* Draws @layout scaled to fit and centred on a page of @width × @height
 * (in the units of @cr, e.g. points from GtkPrintContext). */
void dd_chart_draw_layout_page (cairo_t              *cr,
                                double                width,
                                double                height,
                                const DdChartLayout  *layout,
                                const DdChartOverlay *overlay);

/* Lays out @kind from @plan and draws it fitted to the page. */
void dd_chart_draw_page (cairo_t              *cr,
                         double                width,
                         double                height,
                         DdPlan               *plan,
                         DdChartKind           kind,
                         const DdChartOverlay *overlay);

/* ------------------------------------------------------------------ */
/* Shared text and shape helpers (used by the two chart layouts)      */

#define DD_CHART_FONT_FAMILY "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, sans-serif"

/* A context with hint metrics off, hint style none and unrounded glyph
 * positions; @vertical: base gravity east, strong hint (text is drawn
 * rotated by 90°). */
PangoContext *dd_chart_create_context (gboolean vertical) G_GNUC_WARN_UNUSED_RESULT;

PangoLayout  *dd_chart_text_layout    (PangoContext *context,
                                       const char   *text,
                                       double        size_pt,
                                       gboolean      bold,
                                       double        wrap_width) G_GNUC_WARN_UNUSED_RESULT;
/* Logical size of @layout in points (for a vertical context: along the
 * line = width). */
void          dd_chart_text_size      (PangoLayout  *layout,
                                       double       *width,
                                       double       *height);
double        dd_chart_measure        (PangoContext *context,
                                       const char   *text,
                                       double        size_pt,
                                       gboolean      bold);
/* Breaks @text (no newline) into two lines of balanced measured width. */
char         *dd_chart_balanced_break (PangoContext *context,
                                       const char   *text,
                                       double        size_pt,
                                       gboolean      bold) G_GNUC_WARN_UNUSED_RESULT;

DdChartNode  *dd_chart_node_new       (const char   *id,
                                       DdChartShape  shape,
                                       const char   *text);
void          dd_chart_node_free      (DdChartNode  *node);
DdChartEdge  *dd_chart_edge_new       (const char   *from,
                                       const char   *to);
void          dd_chart_edge_free      (DdChartEdge  *edge);
void          dd_chart_edge_add_point (DdChartEdge  *edge,
                                       double        x,
                                       double        y);

DdChartLayout *dd_chart_layout_alloc  (DdChartKind   kind);

/* Title of a chart: the plan's provision @provision_id ("org-chart",
 * "flow-chart"), else the plan's title. */
char         *dd_chart_plan_title     (DdPlan       *plan,
                                       const char   *provision_id) G_GNUC_WARN_UNUSED_RESULT;

/* Primitives: paths only (callers fill/stroke). */
void dd_chart_path_box         (cairo_t *cr, double x, double y, double w, double h);
void dd_chart_path_terminator  (cairo_t *cr, double x, double y, double w, double h);
void dd_chart_path_diamond     (cairo_t *cr, double x, double y, double w, double h);
void dd_chart_path_document    (cairo_t *cr, double x, double y, double w, double h);
void dd_chart_path_predefined_bars (cairo_t *cr, double x, double y, double w, double h);
void dd_chart_path_arrowhead   (cairo_t *cr, double x0, double y0, double x1, double y1,
                                double size);

/* TRUE when (@x, @y) is on the border of @node (within @tolerance). */
gboolean dd_chart_node_on_border (const DdChartNode *node,
                                  double             x,
                                  double             y,
                                  double             tolerance);

G_END_DECLS
