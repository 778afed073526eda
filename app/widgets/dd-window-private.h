/* dd-window-private.h — what the main window's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DdWindow spans dd-window.c (the places, their pages, the public API) and
 * dd-window-actions.c (the win.* actions, their callbacks and when they are
 * enabled), as GNOME Text Editor's editor-window-private.h does.
 */
#pragma once

#include "dd-chart-view.h"
#include "dd-charts-page.h"
#include "dd-console.h"
#include "dd-drill-setup.h"
#include "dd-drill-store.h"
#include "dd-plan-browser.h"
#include "dd-records-page.h"
#include "dd-review-page.h"
#include "dd-scenario-entry.h"
#include "dd-start-page.h"
#include "dd-window.h"

G_BEGIN_DECLS

struct _DdWindow
{
  AdwApplicationWindow  parent_instance;

  DdPlan               *plan;
  GSettings            *settings;
  DdScenarioEntry      *scenario;
  GtkFileChooserNative *chooser;
  GtkFileChooserNative *chart_chooser;
  GtkFileChooserNative *folder_chooser; /* the folder of a scenario whose attachments cannot be read */
  DdDrillStore         *store;

  /* template children */
  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  AdwViewStack         *view_stack;
  GtkStack             *drill_stack;
  DdStartPage          *start_page;
  DdDrillSetup         *setup_page;
  DdConsole            *console;
  DdReviewPage         *review_page;
  AdwBin               *setup_bin;
  AdwBin               *console_bin;
  AdwBin               *review_bin;
  AdwBin               *charts_bin;
  DdChartsPage         *charts_page;    /* built when first shown */
  AdwBin               *plan_bin;
  DdPlanBrowser        *plan_browser;   /* built when first shown */
  GError               *plan_error;
  AdwBin               *records_bin;
  DdRecordsPage        *records_page;   /* built when first shown */
};

/* dd-window.c */
DdPlanBrowser *_dd_window_ensure_plan_browser (DdWindow      *self);
DdChartsPage  *_dd_window_ensure_charts       (DdWindow      *self);
DdChartView   *_dd_window_visible_chart       (DdWindow      *self);
void           _dd_window_show_drill          (DdWindow      *self,
                                               DdDrill       *drill);

/* dd-window-actions.c */
void           _dd_window_class_actions_init  (DdWindowClass *klass);
void           _dd_window_actions_update      (DdWindow      *self);

G_END_DECLS
