/* test-chart-view.c — the chart widget: fit, zoom around a point, pan, click
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Widget tests (gtk_test_init): needs a display; run under xvfb-run.
 */
#include "config.h"

#include "dd-test-gui.h"

#include <math.h>
#include <gtk/gtk.h>

#include "dd-chart-view.h"

typedef struct {
  DdPlan    *plan;
  GtkWidget *window;
  DdChartView *view;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->plan = dd_plan_load_default (&error);
  g_assert_no_error (error);
  fixture->window = gtk_window_new ();
  fixture->view = DD_CHART_VIEW (dd_chart_view_new ());
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 800, 600);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->view));
  dd_chart_view_set_chart (fixture->view, fixture->plan, GPOINTER_TO_INT (data));
  gtk_window_present (GTK_WINDOW (fixture->window));
  for (int i = 0; i < 50 && gtk_widget_get_width (GTK_WIDGET (fixture->view)) == 0; i++)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->plan);
}

static void
test_fit (Fixture       *fixture,
          gconstpointer  data)
{
  const DdChartLayout *layout = dd_chart_view_get_layout (fixture->view);
  int w = gtk_widget_get_width (GTK_WIDGET (fixture->view));
  int h = gtk_widget_get_height (GTK_WIDGET (fixture->view));
  double x0, y0, x1, y1;

  g_assert_cmpint (w, >, 0);
  dd_chart_view_zoom_to_fit (fixture->view);
  dd_chart_view_to_chart (fixture->view, 0, 0, &x0, &y0);
  dd_chart_view_to_chart (fixture->view, w, h, &x1, &y1);
  /* the whole chart is in view, touching two opposite sides */
  g_assert_cmpfloat (x0, <=, 0.01);
  g_assert_cmpfloat (y0, <=, 0.01);
  g_assert_cmpfloat (x1, >=, layout->width - 0.01);
  g_assert_cmpfloat (y1, >=, layout->height - 0.01);
  g_assert_true (fabs (x0) < 0.01 || fabs (y0) < 0.01);
}

static void
test_zoom_around_point (Fixture       *fixture,
                        gconstpointer  data)
{
  double before_x, before_y, after_x, after_y;
  double zoom = dd_chart_view_get_zoom (fixture->view);

  dd_chart_view_to_chart (fixture->view, 123, 77, &before_x, &before_y);
  dd_chart_view_zoom_at (fixture->view, zoom * 2, 123, 77);
  g_assert_cmpfloat_with_epsilon (dd_chart_view_get_zoom (fixture->view), zoom * 2, 1e-9);
  dd_chart_view_to_chart (fixture->view, 123, 77, &after_x, &after_y);
  g_assert_cmpfloat_with_epsilon (before_x, after_x, 1e-6);
  g_assert_cmpfloat_with_epsilon (before_y, after_y, 1e-6);

  /* clamped */
  dd_chart_view_zoom_at (fixture->view, 1000, 0, 0);
  g_assert_cmpfloat (dd_chart_view_get_zoom (fixture->view), ==, DD_CHART_VIEW_MAX_ZOOM);

  /* keyboard: Ctrl+0 fits again, zoom-in grows */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "chart.zoom-fit", NULL));
  zoom = dd_chart_view_get_zoom (fixture->view);
  g_assert_cmpfloat (zoom, <, DD_CHART_VIEW_MAX_ZOOM);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "chart.zoom-in", NULL));
  g_assert_cmpfloat (dd_chart_view_get_zoom (fixture->view), >, zoom);
}

static void
test_pan (Fixture       *fixture,
          gconstpointer  data)
{
  double x0, y0, x1, y1;

  dd_chart_view_to_chart (fixture->view, 10, 10, &x0, &y0);
  dd_chart_view_pan (fixture->view, 30, -20);
  dd_chart_view_to_chart (fixture->view, 10, 10, &x1, &y1);
  g_assert_cmpfloat (x1, <, x0);
  g_assert_cmpfloat (y1, >, y0);
}

static void
activated_cb (DdChartView *view,
              const char  *role_id,
              char       **out)
{
  g_free (*out);
  *out = g_strdup (role_id);
}

static void
test_click_unit (Fixture       *fixture,
                 gconstpointer  data)
{
  const DdChartLayout *layout = dd_chart_view_get_layout (fixture->view);
  const DdChartNode *police = dd_chart_layout_lookup_role (layout, "police");
  double zoom = dd_chart_view_get_zoom (fixture->view);
  double cx0, cy0;
  g_autofree char *got = NULL;
  const char *ret;

  g_signal_connect (fixture->view, "unit-activated", G_CALLBACK (activated_cb), &got);
  /* widget point of the unit's centre */
  dd_chart_view_to_chart (fixture->view, 0, 0, &cx0, &cy0);
  ret = dd_chart_view_activate_at (fixture->view,
                                   (police->x + police->width / 2 - cx0) * zoom,
                                   (police->y + police->height / 2 - cy0) * zoom);
  g_assert_cmpstr (ret, ==, "police");
  g_assert_cmpstr (got, ==, "police");

  /* empty paper: nothing */
  g_clear_pointer (&got, g_free);
  g_assert_null (dd_chart_view_activate_at (fixture->view, 1, 1));
  g_assert_null (got);
}

static void
test_draws (Fixture       *fixture,
            gconstpointer  data)
{
  GdkPaintable *paintable = gtk_widget_paintable_new (GTK_WIDGET (fixture->view));
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  DdChartOverlay *overlay = dd_chart_overlay_new ();

  dd_chart_overlay_add_acted_role (overlay, "police");
  dd_chart_view_set_overlay (fixture->view, overlay);
  gdk_paintable_snapshot (paintable, snapshot,
                          gtk_widget_get_width (GTK_WIDGET (fixture->view)),
                          gtk_widget_get_height (GTK_WIDGET (fixture->view)));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  g_object_unref (paintable);
}

int
main (int    argc,
      char **argv)
{
  dd_test_skip_without_display ();
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/dd/chart-view/org/fit", Fixture, GINT_TO_POINTER (DD_CHART_KIND_ORG),
              fixture_set_up, test_fit, fixture_tear_down);
  g_test_add ("/dd/chart-view/flow/fit", Fixture, GINT_TO_POINTER (DD_CHART_KIND_FLOW),
              fixture_set_up, test_fit, fixture_tear_down);
  g_test_add ("/dd/chart-view/zoom-around-point", Fixture, GINT_TO_POINTER (DD_CHART_KIND_ORG),
              fixture_set_up, test_zoom_around_point, fixture_tear_down);
  g_test_add ("/dd/chart-view/pan", Fixture, GINT_TO_POINTER (DD_CHART_KIND_ORG),
              fixture_set_up, test_pan, fixture_tear_down);
  g_test_add ("/dd/chart-view/click-unit", Fixture, GINT_TO_POINTER (DD_CHART_KIND_ORG),
              fixture_set_up, test_click_unit, fixture_tear_down);
  g_test_add ("/dd/chart-view/draws", Fixture, GINT_TO_POINTER (DD_CHART_KIND_ORG),
              fixture_set_up, test_draws, fixture_tear_down);

  return g_test_run ();
}
