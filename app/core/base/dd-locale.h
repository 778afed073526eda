/* dd-locale.h — where the translations are
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *dd_locale_dir  (void);
void        dd_locale_init (void);

G_END_DECLS
