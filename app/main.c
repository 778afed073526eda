/* main.c — the DrillDesk GUI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "dd-application.h"

/* Run from the build folder, use the translations compiled there. */
static const char *
locale_dir (void)
{
#ifdef DD_BUILD_ROOT
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  if (exe != NULL && g_str_has_prefix (exe, DD_BUILD_ROOT G_DIR_SEPARATOR_S))
    return DD_BUILD_LOCALEDIR;
#endif
  return LOCALEDIR;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(DdApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = dd_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
