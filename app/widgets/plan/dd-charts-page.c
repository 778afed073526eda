/* dd-charts-page.c — the Charts place: the plan's two charts and their tool bar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dd-charts-page.h"

struct _DdChartsPage
{
  AdwBin       parent_instance;

  GtkStack    *charts_stack;
  DdChartView *org_chart;
  DdChartView *flow_chart;
};

G_DEFINE_FINAL_TYPE (DdChartsPage, dd_charts_page, ADW_TYPE_BIN)

enum { PROP_0, PROP_VISIBLE_CHART, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { UNIT_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
visible_chart_cb (DdChartsPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE_CHART]);
}

static void
unit_activated_cb (DdChartsPage *self,
                   const char   *role_id,
                   DdChartView  *view)
{
  g_signal_emit (self, signals[UNIT_ACTIVATED], 0, role_id);
}

static void
dd_charts_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DdChartsPage *self = DD_CHARTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_VISIBLE_CHART:
      g_value_set_object (value, dd_charts_page_get_visible_chart (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_charts_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), DD_TYPE_CHARTS_PAGE);
  G_OBJECT_CLASS (dd_charts_page_parent_class)->dispose (object);
}

static void
dd_charts_page_class_init (DdChartsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = dd_charts_page_get_property;
  object_class->dispose = dd_charts_page_dispose;

  /**
   * DdChartsPage:visible-chart:
   *
   * The chart on show.
   */
  properties[PROP_VISIBLE_CHART] =
    g_param_spec_object ("visible-chart", NULL, NULL, DD_TYPE_CHART_VIEW,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DdChartsPage::unit-activated:
   * @role_id: the plan's id of the unit
   *
   * A unit of the organisation chart was clicked or activated.
   */
  signals[UNIT_ACTIVATED] =
    g_signal_new ("unit-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (DD_TYPE_CHART_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/dd-charts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DdChartsPage, charts_stack);
  gtk_widget_class_bind_template_child (widget_class, DdChartsPage, org_chart);
  gtk_widget_class_bind_template_child (widget_class, DdChartsPage, flow_chart);
  gtk_widget_class_bind_template_callback (widget_class, visible_chart_cb);
  gtk_widget_class_bind_template_callback (widget_class, unit_activated_cb);
}

static void
dd_charts_page_init (DdChartsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
dd_charts_page_new (void)
{
  return g_object_new (DD_TYPE_CHARTS_PAGE, NULL);
}

/**
 * dd_charts_page_set_plan:
 * @plan: (nullable): the plan whose charts to show
 */
void
dd_charts_page_set_plan (DdChartsPage *self,
                         DdPlan       *plan)
{
  g_return_if_fail (DD_IS_CHARTS_PAGE (self));
  g_return_if_fail (plan == NULL || DD_IS_PLAN (plan));

  if (plan == NULL)
    return;
  dd_chart_view_set_chart (self->org_chart, plan, DD_CHART_KIND_ORG);
  dd_chart_view_set_chart (self->flow_chart, plan, DD_CHART_KIND_FLOW);
}

DdChartView *
dd_charts_page_get_visible_chart (DdChartsPage *self)
{
  GtkWidget *child;

  g_return_val_if_fail (DD_IS_CHARTS_PAGE (self), NULL);

  child = gtk_stack_get_visible_child (self->charts_stack);
  return DD_IS_CHART_VIEW (child) ? DD_CHART_VIEW (child) : self->org_chart;
}
