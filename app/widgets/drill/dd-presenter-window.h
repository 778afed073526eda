/* dd-presenter-window.h — the drill on the projector
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "dd-drill.h"

G_BEGIN_DECLS

#define DD_TYPE_PRESENTER_WINDOW (dd_presenter_window_get_type ())
G_DECLARE_FINAL_TYPE (DdPresenterWindow, dd_presenter_window, DD, PRESENTER_WINDOW, GtkWindow)

GtkWidget  *dd_presenter_window_new        (DdDrill           *drill);
DdDrill    *dd_presenter_window_get_drill  (DdPresenterWindow *self);
/* The text shown, for tests: the clock, the phase, the injects */
const char *dd_presenter_window_get_clock  (DdPresenterWindow *self);
const char *dd_presenter_window_get_phase  (DdPresenterWindow *self);
/* The font size of the clock in pixels (it follows the window's size) */
double      dd_presenter_window_get_clock_size (DdPresenterWindow *self);

G_END_DECLS
