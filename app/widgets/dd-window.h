/* dd-window.h — the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dd-plan.h"
#include "dd-render.h"

G_BEGIN_DECLS

#define DD_TYPE_WINDOW (dd_window_get_type ())
G_DECLARE_FINAL_TYPE (DdWindow, dd_window, DD, WINDOW, AdwApplicationWindow)

DdWindow   *dd_window_new                (GtkApplication *application);
DdPlan     *dd_window_get_plan           (DdWindow       *self);
void        dd_window_set_plan           (DdWindow       *self,
                                          DdPlan         *plan);
void        dd_window_set_plan_error     (DdWindow       *self,
                                          const GError   *error);
void        dd_window_set_settings       (DdWindow       *self,
                                          GSettings      *settings);
void        dd_window_show_view          (DdWindow       *self,
                                          const char     *name);
const char *dd_window_get_visible_view   (DdWindow       *self);
void        dd_window_add_toast          (DdWindow       *self,
                                          const char     *title);
gboolean    dd_window_open_scenario      (DdWindow       *self,
                                          GFile          *file,
                                          GError        **error);
gboolean    dd_window_open_scenario_in_folder (DdWindow  *self,
                                               GFile     *folder,
                                               GFile     *opened,
                                               GError   **error);

/* The chart shown in the Charts place, as a file or on paper */
gboolean    dd_window_export_chart       (DdWindow       *self,
                                          DdRenderFormat  format,
                                          const char     *path,
                                          GError        **error);
GtkPrintOperationResult
            dd_window_print_chart        (DdWindow                *self,
                                          GtkPrintOperationAction  action,
                                          const char              *export_filename,
                                          GError                 **error);

/* For the pages other widgets fill in (the facilitator console, the charts) */
GtkStack   *dd_window_get_drill_stack    (DdWindow       *self);
AdwBin     *dd_window_get_console_bin    (DdWindow       *self);
AdwBin     *dd_window_get_charts_bin     (DdWindow       *self);
GtkWidget  *dd_window_get_plan_browser   (DdWindow       *self);
GtkWidget  *dd_window_get_start_page     (DdWindow       *self);
GtkWidget  *dd_window_get_records_page   (DdWindow       *self);

G_END_DECLS
