/* dd-chart-view.c — a widget showing appendix chart 8.1 or 8.2
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A viewport-sized widget with its own transform (zoom, tx, ty): the chart
 * is drawn by the core's dd_chart_draw () through gtk_snapshot_append_cairo,
 * so the widget shows exactly what is printed and exported.  Ctrl+wheel and
 * pinch zoom around the pointer, wheel and drag pan, Ctrl+plus/minus/0 zoom
 * from the keyboard, and a click on a unit emits ::unit-activated with the
 * role id.
 */
#include "config.h"

#include <adwaita.h>

#include <math.h>
#include <glib/gi18n.h>

#include "dd-chart-view.h"

struct _DdChartView
{
  GtkWidget       parent_instance;

  DdChartLayout  *layout;         /* laid out when first needed */
  DdPlan         *plan;           /* what to lay out, until then */
  DdChartOverlay *overlay;
  DdChartKind     kind;
  double          zoom;
  double          tx, ty;         /* widget position of the chart origin */
  gboolean        fit;            /* keep fitting until the user zooms or pans */
  double          pointer_x, pointer_y;
  double          drag_tx, drag_ty;
  double          pinch_zoom;
  gboolean        dragged;
};

enum {
  SIGNAL_UNIT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (DdChartView, dd_chart_view, GTK_TYPE_WIDGET)

/* The chart is laid out (text measured for every box) only when it is
 * measured, drawn or asked about: a view on a page not yet shown costs
 * nothing at start-up. */
static void
ensure_layout (DdChartView *self)
{
  g_autoptr(DdPlan) plan = g_steal_pointer (&self->plan);

  if (plan == NULL)
    return;
  g_clear_pointer (&self->layout, dd_chart_layout_free);
  self->layout = dd_chart_layout_new (plan, self->kind);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->layout->title, -1);
}

static void
fit_now (DdChartView *self)
{
  int w = gtk_widget_get_width (GTK_WIDGET (self));
  int h = gtk_widget_get_height (GTK_WIDGET (self));

  if (w <= 0 || h <= 0)
    return;
  ensure_layout (self);
  if (self->layout == NULL)
    return;
  self->zoom = CLAMP (dd_chart_fit_scale (self->layout, w, h),
                      DD_CHART_VIEW_MIN_ZOOM, DD_CHART_VIEW_MAX_ZOOM);
  self->tx = (w - self->layout->width * self->zoom) / 2;
  self->ty = (h - self->layout->height * self->zoom) / 2;
}

/* Callbacks */

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           DdChartView              *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           DdChartView              *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if (state & GDK_CONTROL_MASK)
    dd_chart_view_zoom_at (self, self->zoom * pow (1.1, -dy), self->pointer_x, self->pointer_y);
  else if (state & GDK_SHIFT_MASK)
    dd_chart_view_pan (self, -dy * 40, 0);
  else
    dd_chart_view_pan (self, -dx * 40, -dy * 40);
  return TRUE;
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               DdChartView    *self)
{
  self->drag_tx = self->tx;
  self->drag_ty = self->ty;
  self->dragged = FALSE;
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                DdChartView    *self)
{
  if (!self->dragged && hypot (dx, dy) < 4)
    return;
  self->dragged = TRUE;
  self->fit = FALSE;
  self->tx = self->drag_tx + dx;
  self->ty = self->drag_ty + dy;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
click_released_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   DdChartView     *self)
{
  if (!self->dragged)
    dd_chart_view_activate_at (self, x, y);
}

static void
zoom_begin_cb (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               DdChartView      *self)
{
  self->pinch_zoom = self->zoom;
}

static void
zoom_scale_changed_cb (GtkGestureZoom *gesture,
                       double          scale,
                       DdChartView    *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  dd_chart_view_zoom_at (self, self->pinch_zoom * scale, x, y);
}

static void
zoom_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DdChartView *self = DD_CHART_VIEW (widget);
  double cx = gtk_widget_get_width (widget) / 2.0;
  double cy = gtk_widget_get_height (widget) / 2.0;

  if (g_str_equal (action_name, "chart.zoom-in"))
    dd_chart_view_zoom_at (self, self->zoom * 1.25, cx, cy);
  else if (g_str_equal (action_name, "chart.zoom-out"))
    dd_chart_view_zoom_at (self, self->zoom / 1.25, cx, cy);
  else
    dd_chart_view_zoom_to_fit (self);
}

/* Overrides */

static void
dd_chart_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  DdChartView *self = DD_CHART_VIEW (widget);
  int w = gtk_widget_get_width (widget);
  int h = gtk_widget_get_height (widget);
  gboolean dark;
  cairo_t *cr;

  ensure_layout (self);
  if (self->layout == NULL || w <= 0 || h <= 0)
    return;

  /* The chart follows the window's style; what it exports and prints
   * stays on white paper */
  dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  if (dark)
    cairo_set_source_rgb (cr, 0.14, 0.14, 0.14);
  else
    cairo_set_source_rgb (cr, 0.96, 0.96, 0.96);
  cairo_paint (cr);
  cairo_translate (cr, self->tx, self->ty);
  cairo_scale (cr, self->zoom, self->zoom);
  self->layout->dark = dark;
  dd_chart_draw (cr, self->layout, self->overlay);
  self->layout->dark = FALSE;
  cairo_destroy (cr);
}

static void
dd_chart_view_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  DdChartView *self = DD_CHART_VIEW (widget);

  if (self->fit)
    fit_now (self);
}

static void
dd_chart_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  DdChartView *self = DD_CHART_VIEW (widget);

  *minimum = 100;
  *natural = 400;
  ensure_layout (self);
  if (self->layout)
    *natural = (int) ceil (orientation == GTK_ORIENTATION_HORIZONTAL ? self->layout->width
                                                                      : self->layout->height);
}

static void
dd_chart_view_dispose (GObject *object)
{
  DdChartView *self = DD_CHART_VIEW (object);

  g_clear_pointer (&self->layout, dd_chart_layout_free);
  g_clear_object (&self->plan);
  g_clear_pointer (&self->overlay, dd_chart_overlay_free);
  G_OBJECT_CLASS (dd_chart_view_parent_class)->dispose (object);
}

static void
dd_chart_view_class_init (DdChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_chart_view_dispose;
  widget_class->snapshot = dd_chart_view_snapshot;
  widget_class->size_allocate = dd_chart_view_size_allocate;
  widget_class->measure = dd_chart_view_measure;

  /**
   * DdChartView::unit-activated:
   * @role_id: the id of the role of the unit or post clicked
   */
  signals[SIGNAL_UNIT_ACTIVATED] =
    g_signal_new ("unit-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "chart.zoom-in", NULL, zoom_action_cb);
  gtk_widget_class_install_action (widget_class, "chart.zoom-out", NULL, zoom_action_cb);
  gtk_widget_class_install_action (widget_class, "chart.zoom-fit", NULL, zoom_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "chart.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "chart.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "chart.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "chart.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "chart.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "chart.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "chart.zoom-fit", NULL);

  gtk_widget_class_set_css_name (widget_class, "chartview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
dd_chart_view_init (DdChartView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  self->zoom = 1.0;
  self->fit = TRUE;
  /* Redrawn when the style turns dark or light */
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "enter", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_drag_new ();
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  g_signal_connect (gesture, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
}

/* Public API */

GtkWidget *
dd_chart_view_new (void)
{
  return g_object_new (DD_TYPE_CHART_VIEW, NULL);
}

void
dd_chart_view_set_chart (DdChartView *self,
                         DdPlan      *plan,
                         DdChartKind  kind)
{
  g_return_if_fail (DD_IS_CHART_VIEW (self));
  g_return_if_fail (DD_IS_PLAN (plan));

  g_clear_pointer (&self->layout, dd_chart_layout_free);
  g_set_object (&self->plan, plan);
  self->kind = kind;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    ensure_layout (self);
  self->fit = TRUE;
  fit_now (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

DdChartKind
dd_chart_view_get_kind (DdChartView *self)
{
  g_return_val_if_fail (DD_IS_CHART_VIEW (self), DD_CHART_KIND_ORG);
  return self->kind;
}

const DdChartLayout *
dd_chart_view_get_layout (DdChartView *self)
{
  g_return_val_if_fail (DD_IS_CHART_VIEW (self), NULL);
  ensure_layout (self);
  return self->layout;
}

void
dd_chart_view_set_overlay (DdChartView    *self,
                           DdChartOverlay *overlay)
{
  g_return_if_fail (DD_IS_CHART_VIEW (self));

  g_clear_pointer (&self->overlay, dd_chart_overlay_free);
  self->overlay = overlay;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Returns: (nullable): the drill laid over the chart, or NULL */
const DdChartOverlay *
dd_chart_view_get_overlay (DdChartView *self)
{
  g_return_val_if_fail (DD_IS_CHART_VIEW (self), NULL);
  return self->overlay;
}

double
dd_chart_view_get_zoom (DdChartView *self)
{
  g_return_val_if_fail (DD_IS_CHART_VIEW (self), 1.0);
  return self->zoom;
}

void
dd_chart_view_zoom_at (DdChartView *self,
                       double       zoom,
                       double       x,
                       double       y)
{
  double cx, cy;

  g_return_if_fail (DD_IS_CHART_VIEW (self));

  zoom = CLAMP (zoom, DD_CHART_VIEW_MIN_ZOOM, DD_CHART_VIEW_MAX_ZOOM);
  dd_chart_view_to_chart (self, x, y, &cx, &cy);
  self->zoom = zoom;
  self->tx = x - cx * zoom;
  self->ty = y - cy * zoom;
  self->fit = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
dd_chart_view_zoom_to_fit (DdChartView *self)
{
  g_return_if_fail (DD_IS_CHART_VIEW (self));

  self->fit = TRUE;
  fit_now (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
dd_chart_view_pan (DdChartView *self,
                   double       dx,
                   double       dy)
{
  g_return_if_fail (DD_IS_CHART_VIEW (self));

  self->tx += dx;
  self->ty += dy;
  self->fit = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
dd_chart_view_to_chart (DdChartView *self,
                        double       x,
                        double       y,
                        double      *cx,
                        double      *cy)
{
  *cx = (x - self->tx) / self->zoom;
  *cy = (y - self->ty) / self->zoom;
}

const char *
dd_chart_view_activate_at (DdChartView *self,
                           double       x,
                           double       y)
{
  const DdChartNode *node;
  double cx, cy;

  g_return_val_if_fail (DD_IS_CHART_VIEW (self), NULL);

  ensure_layout (self);
  if (self->layout == NULL)
    return NULL;
  dd_chart_view_to_chart (self, x, y, &cx, &cy);
  node = dd_chart_layout_hit_test (self->layout, cx, cy);
  if (node == NULL || node->role_id == NULL)
    return NULL;
  g_signal_emit (self, signals[SIGNAL_UNIT_ACTIVATED], 0, node->role_id);
  return node->role_id;
}
