/* dd-error.h — the DrillDesk error domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DD_ERROR (dd_error_quark ())

/**
 * DdError:
 * @DD_ERROR_IO: a file could not be read or written
 * @DD_ERROR_TOO_LARGE: the input is over the size limit
 * @DD_ERROR_MALFORMED: the input is not well formed (XML syntax, encoding, truncation)
 * @DD_ERROR_UNSAFE: the input uses a feature that is refused (DTD, entities, XInclude)
 * @DD_ERROR_SCHEMA: the input does not match its RELAX NG schema
 * @DD_ERROR_INVALID: the input is well formed and valid but makes no sense
 *   (dangling reference, duplicate id, impossible value)
 * @DD_ERROR_UNKNOWN_KIND: the file is none of the formats DrillDesk reads
 * @DD_ERROR_CORRUPT: a journal record was changed, removed or reordered
 * @DD_ERROR_TORN: a journal ends in an incomplete record
 * @DD_ERROR_STATE: the operation does not fit the current state
 */
typedef enum
{
  DD_ERROR_IO,
  DD_ERROR_TOO_LARGE,
  DD_ERROR_MALFORMED,
  DD_ERROR_UNSAFE,
  DD_ERROR_SCHEMA,
  DD_ERROR_INVALID,
  DD_ERROR_UNKNOWN_KIND,
  DD_ERROR_CORRUPT,
  DD_ERROR_TORN,
  DD_ERROR_STATE,
} DdError;

GQuark dd_error_quark (void);

G_END_DECLS
