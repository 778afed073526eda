/* main.c — the DrillDesk GUI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "dd-application.h"
#include "dd-locale.h"

/* make bench (tests/bench/dd-bench.c): with DRILLDESK_BENCH_EXIT_ON_FIRST_FRAME
 * set, print the monotonic time once the first window's first frame is
 * painted, and exit.  tests/bench/bare-window.c does the same. */
static void
bench_after_paint (GdkFrameClock *clock,
                   gpointer       user_data)
{
  printf ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stdout);
  _exit (0);
}

static void
bench_window_mapped (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (bench_after_paint), NULL);
}

static void
bench_window_added (GtkApplication *app,
                    GtkWindow      *window)
{
  g_signal_connect (window, "map", G_CALLBACK (bench_window_mapped), NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(DdApplication) app = NULL;

  dd_locale_init ();
  signal (SIGXFSZ, SIG_IGN);   /* a file size limit is an EFBIG write error, said in words */

  app = dd_application_new ();
  if (g_getenv ("DRILLDESK_BENCH_EXIT_ON_FIRST_FRAME") != NULL)
    g_signal_connect (app, "window-added", G_CALLBACK (bench_window_added), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
