/* bare-window.c — the yardstick for the GUI benchmark: a bare libadwaita window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An AdwApplicationWindow of DrillDesk's default size holding only a header
 * bar.  With DRILLDESK_BENCH_EXIT_ON_FIRST_FRAME set it prints
 * "first-frame MONOTONIC_US" once its first frame is painted and exits,
 * exactly as app/main.c does for drilldesk (tests/bench/dd-bench.c).
 */
#include <stdio.h>
#include <unistd.h>

#include <adwaita.h>

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
activate (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_title (GTK_WINDOW (window), "Bare");
  gtk_window_set_default_size (GTK_WINDOW (window), 1240, 760);
  if (g_getenv ("DRILLDESK_BENCH_EXIT_ON_FIRST_FRAME") != NULL)
    g_signal_connect (window, "map", G_CALLBACK (bench_window_mapped), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.drilldesk.BenchBareWindow",
                                                       G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (activate), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
