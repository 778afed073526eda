/* dd-sha256.h — SHA-256 of files and journal lines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DD_SHA256_HEX_LEN 64

typedef struct _DdSha256 DdSha256;

DdSha256 *dd_sha256_new       (void);
void      dd_sha256_update    (DdSha256   *self,
                               const void *data,
                               gsize       len);
void      dd_sha256_finish    (DdSha256   *self,
                               char        out[DD_SHA256_HEX_LEN + 1]);
void      dd_sha256_free      (DdSha256   *self);

void      dd_sha256_hex_into  (const void *data,
                               gsize       len,
                               char        out[DD_SHA256_HEX_LEN + 1]);
char     *dd_sha256_hex       (const void *data,
                               gsize       len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdSha256, dd_sha256_free)

G_END_DECLS
