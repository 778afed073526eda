/* dd-zip-read.h — reading entries of an untrusted zip archive, bounded
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What reading one archive may cost (docs/formats.md, "Limits"). */
typedef struct
{
  guint  max_entries;      /* entries in the central directory */
  gsize  max_entry_bytes;  /* uncompressed bytes of one entry read */
  gsize  max_total_bytes;  /* uncompressed bytes of all entries read */
  guint  max_ratio;        /* uncompressed bytes read per byte of the archive … */
  gsize  ratio_floor;      /* … once more than this much has been read */
} DdZipLimits;

typedef struct _DdZipRead DdZipRead;

/* Opens @data (the whole archive, in memory) and lists its entries; refuses
 * an archive that is cut short, has more entries than allowed, an entry
 * name twice, or an encrypted entry.  Messages start with @display_name. */
DdZipRead *dd_zip_read_new    (const char         *display_name,
                               GBytes             *data,
                               const DdZipLimits  *limits,
                               GError            **error) G_GNUC_WARN_UNUSED_RESULT;
void       dd_zip_read_free   (DdZipRead          *zip);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdZipRead, dd_zip_read_free)

gboolean   dd_zip_read_has    (DdZipRead          *zip,
                               const char         *name);
/* The uncompressed bytes of the entry @name, read within the limits: an
 * entry that inflates past them (a zip bomb) is refused as soon as it does,
 * before the rest is inflated. */
GBytes    *dd_zip_read_entry  (DdZipRead          *zip,
                               const char         *name,
                               GError            **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
