/* dd-locale.c — where the translations are
 *
 * Installed programs read the catalogues under LOCALEDIR; a program run from
 * its build folder (make run, the tests, the screenshots) reads the ones
 * compiled there, so Chinese shows before anything is installed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "dd-locale.h"

const char *
dd_locale_dir (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  if (exe != NULL && g_str_has_prefix (exe, BUILD_ROOT G_DIR_SEPARATOR_S))
    return BUILD_LOCALEDIR;
  return LOCALEDIR;
}

/* setlocale() from the environment and the text domain, UTF-8 whatever the
 * locale's charset. */
void
dd_locale_init (void)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, dd_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
