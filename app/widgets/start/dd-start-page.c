/* dd-start-page.c — what the Drill place shows when no drill runs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A welcome, the bundled scenarios (from the installed data folder, or the
 * source tree's scenarios/ when run from a build folder), "Open…" and the
 * recent drills.  At start-up the scenarios are read and their rows built
 * once the page's first frame is painted: the window shows without waiting
 * for them (their rows' shadows and clips cost llvmpipe new shaders), and
 * they appear a frame later, with the lists' headings and frames (hidden
 * until then, so that the first frame draws no empty boxed list either).  Asking for them (dd_start_page_get_scenarios ())
 * fills the list at once.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dd-scenario-entry.h"
#include "dd-start-page.h"
#include "dd-year-notice.h"

struct _DdStartPage
{
  AdwBin      parent_instance;

  DdPlan     *plan;
  GListModel *scenarios;
  gboolean    painted;          /* the page's first frame is on screen */
  gboolean    fill_pending;     /* the scenarios wait for that frame */
  GdkFrameClock *clock;         /* while waiting, mapped */
  gulong      after_paint_id;

  /* template children */
  GtkWidget  *lists;
  GtkListBox *scenarios_list;
  GtkListBox *recent_list;
};

G_DEFINE_FINAL_TYPE (DdStartPage, dd_start_page, ADW_TYPE_BIN)

enum {
  SIGNAL_SCENARIO_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWidget *
create_scenario_row_cb (gpointer object,
                        gpointer user_data)
{
  DdScenarioEntry *entry = object;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), dd_scenario_entry_get_title (entry));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), dd_scenario_entry_get_subtitle (entry));
  adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "media-playback-start-symbolic");
  {
    /* the printed exercise package of this scenario (win.scenario-package) */
    GtkWidget *print = gtk_button_new_from_icon_name ("document-print-symbolic");
    g_autofree char *path = g_file_get_path (dd_scenario_entry_get_file (entry));

    gtk_widget_set_valign (print, GTK_ALIGN_CENTER);
    gtk_widget_add_css_class (print, "flat");
    gtk_widget_set_tooltip_text (print, _("Print the Exercise Package…"));
    gtk_accessible_update_property (GTK_ACCESSIBLE (print), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Print the Exercise Package…"), -1);
    gtk_actionable_set_action_name (GTK_ACTIONABLE (print), "win.scenario-package");
    gtk_actionable_set_action_target (GTK_ACTIONABLE (print), "s", path != NULL ? path : "");
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), print);
  }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  if (dd_scenario_entry_get_summary (entry) != NULL)
    gtk_widget_set_tooltip_text (row, dd_scenario_entry_get_summary (entry));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, dd_scenario_entry_get_title (entry),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, dd_scenario_entry_get_subtitle (entry),
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (arrow),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Open"),
                                  -1);
  return row;
}

static void
scenario_activated_cb (DdStartPage   *self,
                       GtkListBoxRow *row,
                       GtkListBox    *list)
{
  g_autoptr(DdScenarioEntry) entry = NULL;
  int index = gtk_list_box_row_get_index (row);

  if (self->scenarios == NULL || index < 0)
    return;
  entry = g_list_model_get_item (self->scenarios, (guint) index);
  if (entry != NULL)
    g_signal_emit (self, signals[SIGNAL_SCENARIO_ACTIVATED], 0, entry);
}

static void
stop_waiting (DdStartPage *self)
{
  if (self->after_paint_id != 0)
    g_clear_signal_handler (&self->after_paint_id, self->clock);
  g_clear_object (&self->clock);
}

static void
fill (DdStartPage *self)
{
  stop_waiting (self);
  self->fill_pending = FALSE;
  dd_start_page_reload (self);
}

static void
after_paint_cb (GdkFrameClock *clock,
                DdStartPage   *self)
{
  self->painted = TRUE;
  if (self->fill_pending)
    fill (self);
  else
    stop_waiting (self);
}

static void
dd_start_page_map (GtkWidget *widget)
{
  DdStartPage *self = DD_START_PAGE (widget);

  GTK_WIDGET_CLASS (dd_start_page_parent_class)->map (widget);

  if (!self->painted && self->after_paint_id == 0)
    {
      self->clock = g_object_ref (gtk_widget_get_frame_clock (widget));
      self->after_paint_id = g_signal_connect (self->clock, "after-paint",
                                               G_CALLBACK (after_paint_cb), self);
    }
}

static void
dd_start_page_unmap (GtkWidget *widget)
{
  stop_waiting (DD_START_PAGE (widget));
  GTK_WIDGET_CLASS (dd_start_page_parent_class)->unmap (widget);
}

static void
dd_start_page_dispose (GObject *object)
{
  DdStartPage *self = DD_START_PAGE (object);

  stop_waiting (self);

  /* No gtk_widget_dispose_template (): AdwBin unparents its child itself */
  g_clear_object (&self->scenarios);
  g_clear_object (&self->plan);

  G_OBJECT_CLASS (dd_start_page_parent_class)->dispose (object);
}

static void
dd_start_page_class_init (DdStartPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_start_page_dispose;
  widget_class->map = dd_start_page_map;
  g_type_ensure (DD_TYPE_YEAR_NOTICE);
  widget_class->unmap = dd_start_page_unmap;

  /**
   * DdStartPage::scenario-activated:
   * @entry: the #DdScenarioEntry chosen
   */
  signals[SIGNAL_SCENARIO_ACTIVATED] =
    g_signal_new ("scenario-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, DD_TYPE_SCENARIO_ENTRY);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/dd-start-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DdStartPage, lists);
  gtk_widget_class_bind_template_child (widget_class, DdStartPage, scenarios_list);
  gtk_widget_class_bind_template_child (widget_class, DdStartPage, recent_list);
  gtk_widget_class_bind_template_callback (widget_class, scenario_activated_cb);
}

static void
dd_start_page_init (DdStartPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
dd_start_page_new (void)
{
  return g_object_new (DD_TYPE_START_PAGE, NULL);
}

/**
 * dd_start_page_get_scenarios_dir:
 *
 * Returns: where the bundled scenarios are: $DRILLDESK_SCENARIOS_DIR, the
 *   installed data folder, or the source tree's scenarios/ folder
 */
const char *
dd_start_page_get_scenarios_dir (void)
{
  const char *env = g_getenv ("DRILLDESK_SCENARIOS_DIR");

  if (env != NULL && *env != '\0')
    return env;
  if (g_file_test (SCENARIOS_DIR, G_FILE_TEST_IS_DIR))
    return SCENARIOS_DIR;
  if (g_file_test (SOURCE_SCENARIOS_DIR, G_FILE_TEST_IS_DIR))
    return SOURCE_SCENARIOS_DIR;
  return NULL;
}

void
dd_start_page_reload (DdStartPage *self)
{
  g_return_if_fail (DD_IS_START_PAGE (self));

  self->fill_pending = FALSE;
  g_clear_object (&self->scenarios);
  self->scenarios = dd_scenario_entry_list_dir (dd_start_page_get_scenarios_dir (), self->plan);
  gtk_list_box_bind_model (self->scenarios_list, self->scenarios,
                           create_scenario_row_cb, NULL, NULL);
  gtk_widget_set_visible (self->lists, TRUE);
}

void
dd_start_page_set_plan (DdStartPage *self,
                        DdPlan      *plan)
{
  g_return_if_fail (DD_IS_START_PAGE (self));

  if (!g_set_object (&self->plan, plan) && (self->scenarios != NULL || self->fill_pending))
    return;
  if (self->painted)
    dd_start_page_reload (self);
  else
    self->fill_pending = TRUE;   /* after the first frame (after_paint_cb ()) */
}

/**
 * dd_start_page_get_scenarios:
 *
 * Returns: (transfer none) (nullable): the listed #DdScenarioEntry items
 */
GListModel *
dd_start_page_get_scenarios (DdStartPage *self)
{
  g_return_val_if_fail (DD_IS_START_PAGE (self), NULL);
  if (self->fill_pending)
    fill (self);
  return self->scenarios;
}
