/* dd-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dd-error.h"

G_DEFINE_QUARK (dd-error-quark, dd_error)
