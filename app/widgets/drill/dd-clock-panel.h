/* dd-clock-panel.h — the console's clock and inject feed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dd-drill.h"

G_BEGIN_DECLS

#define DD_TYPE_CLOCK_PANEL (dd_clock_panel_get_type ())
G_DECLARE_FINAL_TYPE (DdClockPanel, dd_clock_panel, DD, CLOCK_PANEL, AdwBin)

/* Shows @drill's clock, next inject, late actions and feed (or nothing). */
void        dd_clock_panel_set_drill      (DdClockPanel *self,
                                           DdDrill      *drill);
/* Multiplies the clock's speed by @factor (within the spin's range). */
void        dd_clock_panel_scale_speed    (DdClockPanel *self,
                                           double        factor);
/* The countdown line as shown ("Next inject: …"). */
const char *dd_clock_panel_get_next_text  (DdClockPanel *self);
guint       dd_clock_panel_get_n_feed_rows (DdClockPanel *self);
guint       dd_clock_panel_get_n_late_rows (DdClockPanel *self);
/* Row @i of the feed, newest first, or NULL. */
GtkWidget  *dd_clock_panel_get_feed_row   (DdClockPanel *self,
                                           guint         i);
/* Opens the folded list of late actions. */
void        dd_clock_panel_show_late      (DdClockPanel *self);
/* The contingency buttons shown in the late list (in order). */
GPtrArray  *dd_clock_panel_get_contingency_buttons (DdClockPanel *self) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
