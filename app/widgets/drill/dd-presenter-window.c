/* dd-presenter-window.c — the drill on the projector
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A second window for the room, readable from the back: dark whatever the
 * desktop style, a huge simulated clock, the current phase, the last three
 * injects and the workflow chart 8.2 with the drill laid over it.  No
 * controls.  Font sizes follow the window's size (set after each
 * allocation that changes it, from an idle, never during layout).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dd-chart-view.h"
#include "dd-console.h"
#include "dd-drill-session.h"
#include "dd-presenter-window.h"

struct _DdPresenterWindow
{
  GtkWindow    parent_instance;

  DdDrill     *drill;
  int          width, height;    /* last sizes fonts were set for */
  double       unit;             /* px per design unit (1600×900 design) */
  guint        idle;

  /* template children */
  GtkLabel    *title_label;
  GtkLabel    *clock_label;
  GtkLabel    *offset_label;
  GtkLabel    *phase_label;
  DdChartView *chart_view;
  GtkLabel    *inject0;
  GtkLabel    *inject1;
  GtkLabel    *inject2;
};

G_DEFINE_FINAL_TYPE (DdPresenterWindow, dd_presenter_window, GTK_TYPE_WINDOW)

static void
set_size (GtkLabel *label,
          double    px,
          gboolean  bold)
{
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_size_new_absolute ((int) (px * PANGO_SCALE)));
  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  gtk_label_set_attributes (label, attrs);
  pango_attr_list_unref (attrs);
}

static void
apply_fonts (DdPresenterWindow *self)
{
  double u = self->unit;

  set_size (self->title_label, 26 * u, FALSE);
  set_size (self->clock_label, 150 * u, TRUE);
  set_size (self->offset_label, 34 * u, FALSE);
  set_size (self->phase_label, 56 * u, TRUE);
  set_size (self->inject0, 34 * u, TRUE);
  set_size (self->inject1, 26 * u, FALSE);
  set_size (self->inject2, 26 * u, FALSE);
  gtk_widget_set_size_request (GTK_WIDGET (self->chart_view), (int) (560 * u), -1);
}

static gboolean
fonts_idle_cb (gpointer user_data)
{
  DdPresenterWindow *self = user_data;

  self->idle = 0;
  apply_fonts (self);
  return G_SOURCE_REMOVE;
}

static void
update_clock (DdPresenterWindow *self)
{
  DdScenario *scenario = dd_drill_get_scenario (self->drill);
  gint64 now = dd_drill_get_time (self->drill);
  g_autoptr(GDateTime) dt = dd_scenario_offset_to_datetime (scenario, now);
  g_autofree char *clock = dt != NULL ? g_date_time_format (dt, "%H:%M:%S") : dd_offset_format (now);
  g_autofree char *offset = dd_offset_format (now - now % 60);
  g_autofree char *line = g_strdup_printf ("T%s%s%s", now < 0 ? "" : "+", offset,
                                           dd_drill_is_running (self->drill) ? "" : _("  (paused)"));

  gtk_label_set_text (self->clock_label, clock);
  gtk_label_set_text (self->offset_label, line);
}

static void
update_phase (DdPresenterWindow *self)
{
  DdPlan *plan = dd_drill_get_plan (self->drill);
  const char *id = dd_drill_get_phase (self->drill);
  const DdPhase *phase = id != NULL ? dd_plan_lookup_phase (plan, id) : NULL;

  gtk_label_set_text (self->phase_label, phase != NULL ? phase->name : _("Not begun"));
  dd_chart_view_set_overlay (self->chart_view, dd_replay_build_overlay (dd_drill_get_replay (self->drill)));
}

static void
update_injects (DdPresenterWindow *self)
{
  GListModel *model = dd_drill_get_inject_model (self->drill);
  DdScenario *scenario = dd_drill_get_scenario (self->drill);
  guint n = g_list_model_get_n_items (model);
  GtkLabel *labels[] = { self->inject0, self->inject1, self->inject2 };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      g_autoptr(DdDrillItem) item = i < n ? g_list_model_get_item (model, n - 1 - i) : NULL;
      const DdInject *inject = item != NULL ? dd_drill_item_get_inject (item) : NULL;
      g_autoptr(GDateTime) dt = NULL;
      g_autofree char *clock = NULL;
      g_autofree char *text = NULL;

      if (inject == NULL)
        {
          gtk_label_set_text (labels[i], i == 0 && n == 0 ? _("Waiting for the first inject") : "");
          continue;
        }
      dt = dd_scenario_offset_to_datetime (scenario, dd_drill_item_get_time (item));
      clock = dt != NULL ? g_date_time_format (dt, "%H:%M") : dd_offset_format (dd_drill_item_get_time (item));
      if (i == 0)
        text = g_strdup_printf ("%s  %s\n%s", clock, inject->title ? inject->title : "", inject->content);
      else
        text = g_strdup_printf ("%s  %s", clock, inject->title ? inject->title : inject->content);
      gtk_label_set_text (labels[i], text);
    }
}

static void
time_cb (DdPresenterWindow *self)
{
  update_clock (self);
}

static void
inject_cb (DdPresenterWindow *self)
{
  update_injects (self);
}

static void
state_cb (DdPresenterWindow *self)
{
  update_phase (self);
}

static void
dd_presenter_window_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  DdPresenterWindow *self = DD_PRESENTER_WINDOW (widget);

  GTK_WIDGET_CLASS (dd_presenter_window_parent_class)->size_allocate (widget, width, height, baseline);

  if (width != self->width || height != self->height)
    {
      double unit = MIN (width / 1600.0, height / 900.0);

      self->width = width;
      self->height = height;
      if (ABS (unit - self->unit) > 0.01 && self->idle == 0)
        {
          self->unit = MAX (unit, 0.3);
          self->idle = g_idle_add (fonts_idle_cb, self);
        }
    }
}

static void
dd_presenter_window_dispose (GObject *object)
{
  DdPresenterWindow *self = DD_PRESENTER_WINDOW (object);

  g_clear_handle_id (&self->idle, g_source_remove);
  if (self->drill != NULL)
    g_signal_handlers_disconnect_by_data (self->drill, self);
  g_clear_object (&self->drill);
  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_PRESENTER_WINDOW);

  G_OBJECT_CLASS (dd_presenter_window_parent_class)->dispose (object);
}

static void
dd_presenter_window_class_init (DdPresenterWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_presenter_window_dispose;
  widget_class->size_allocate = dd_presenter_window_size_allocate;

  g_type_ensure (DD_TYPE_CHART_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/dd-presenter-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DdPresenterWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, DdPresenterWindow, clock_label);
  gtk_widget_class_bind_template_child (widget_class, DdPresenterWindow, offset_label);
  gtk_widget_class_bind_template_child (widget_class, DdPresenterWindow, phase_label);
  gtk_widget_class_bind_template_child (widget_class, DdPresenterWindow, chart_view);
  gtk_widget_class_bind_template_child (widget_class, DdPresenterWindow, inject0);
  gtk_widget_class_bind_template_child (widget_class, DdPresenterWindow, inject1);
  gtk_widget_class_bind_template_child (widget_class, DdPresenterWindow, inject2);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "window.toggle-maximized", NULL);
}

static void
dd_presenter_window_init (DdPresenterWindow *self)
{
  dd_console_ensure_style ();
  gtk_widget_init_template (GTK_WIDGET (self));
  self->unit = 0.8;
  apply_fonts (self);
}

GtkWidget *
dd_presenter_window_new (DdDrill *drill)
{
  DdPresenterWindow *self;

  g_return_val_if_fail (DD_IS_DRILL (drill), NULL);

  self = g_object_new (DD_TYPE_PRESENTER_WINDOW, NULL);
  self->drill = g_object_ref (drill);
  gtk_label_set_text (self->title_label, dd_scenario_get_title (dd_drill_get_scenario (drill)));
  dd_chart_view_set_chart (self->chart_view, dd_drill_get_plan (drill), DD_CHART_KIND_FLOW);
  g_signal_connect_object (drill, "notify::time", G_CALLBACK (time_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drill, "notify::running", G_CALLBACK (time_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drill, "inject-delivered", G_CALLBACK (inject_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drill, "phase-changed", G_CALLBACK (state_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drill, "action-recorded", G_CALLBACK (state_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drill, "finding", G_CALLBACK (state_cb), self, G_CONNECT_SWAPPED);
  update_clock (self);
  update_phase (self);
  update_injects (self);
  return GTK_WIDGET (self);
}

DdDrill *
dd_presenter_window_get_drill (DdPresenterWindow *self)
{
  g_return_val_if_fail (DD_IS_PRESENTER_WINDOW (self), NULL);
  return self->drill;
}

const char *
dd_presenter_window_get_clock (DdPresenterWindow *self)
{
  g_return_val_if_fail (DD_IS_PRESENTER_WINDOW (self), NULL);
  return gtk_label_get_text (self->clock_label);
}

const char *
dd_presenter_window_get_phase (DdPresenterWindow *self)
{
  g_return_val_if_fail (DD_IS_PRESENTER_WINDOW (self), NULL);
  return gtk_label_get_text (self->phase_label);
}

double
dd_presenter_window_get_clock_size (DdPresenterWindow *self)
{
  g_return_val_if_fail (DD_IS_PRESENTER_WINDOW (self), 0);
  return 150 * self->unit;
}
