/* dd-xml-private.h — shared between the parts of the XML loader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Refuses encodings DrillDesk does not read (UTF-32, EBCDIC, and any name
 * in the XML declaration outside a short list), before parsing. */
gboolean dd_xml_check_encoding (const char  *name,
                                const char  *data,
                                gsize        len,
                                GError     **error);
/* One linear pass over the bytes: NUL characters, start tags with too many
 * attributes. */
gboolean dd_xml_prescan        (const char  *name,
                                const char  *data,
                                gsize        len,
                                GError     **error);

G_END_DECLS
