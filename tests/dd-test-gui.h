/* dd-test-gui.h — the preamble of every GUI test executable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>
#include <stdlib.h>
#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Without a display (flatpak-builder's run-tests in its sandbox, a build
 * daemon) GTK cannot open one: the whole executable is skipped before
 * gtk_test_init () tries.  The skip is TAP's, a plan of no tests with a
 * SKIP directive, and exit status 0: meson's TAP protocol counts any
 * other exit status, 77 included, as an error, and counts this plan as a
 * skip (the test shows SKIP and the suite passes). */
static inline void
dd_test_skip_without_display (void)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      printf ("1..0 # SKIP no display (neither DISPLAY nor WAYLAND_DISPLAY is set)\n");
      fflush (stdout);
      exit (0);
    }
}

/* A toplevel window of @type other than @except, or NULL (a dialog the
 * window presented, say) */
static inline GtkWindow *
dd_test_find_toplevel (GType      type,
                       GtkWidget *except)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && GTK_WIDGET (window) != except)
        return window;
    }
  return NULL;
}

G_END_DECLS
