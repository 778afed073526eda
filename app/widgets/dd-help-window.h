/* dd-help-window.h — the user guide, offline (F1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DD_TYPE_HELP_WINDOW (dd_help_window_get_type ())
G_DECLARE_FINAL_TYPE (DdHelpWindow, dd_help_window, DD, HELP_WINDOW, AdwWindow)

/* The guide in the interface's language (or English), shown. */
GtkWidget  *dd_help_window_new      (void);
/* The guide's text as shown (for tests) */
char       *dd_help_window_get_text (DdHelpWindow *self) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
