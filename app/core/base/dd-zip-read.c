/* dd-zip-read.c — reading entries of an untrusted zip archive, bounded
 *
 * The zip container goes through libarchive, from memory, zip format only
 * (no other format, no filter).  Before libarchive sees the bytes, the end
 * of central directory record is found and its entry count checked, so an
 * archive that claims a million entries costs nothing.  Each entry is
 * inflated in blocks and given up as soon as it passes its own cap, the
 * cap on everything read, or the ratio of bytes read to the archive's
 * size: a zip bomb is refused after a few megabytes, not after gigabytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <string.h>
#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>

#include "dd-error.h"
#include "dd-xml.h"
#include "dd-zip-read.h"

#define BLOCK ((size_t) 65536)
#define EOCD_SIZE 22
#define EOCD_SEARCH (EOCD_SIZE + 65535)

struct _DdZipRead
{
  char        *name;
  GBytes      *data;
  DdZipLimits  limits;
  GHashTable  *entries;     /* names */
  gsize        read;        /* uncompressed bytes handed out so far */
};

static guint
le16 (const guchar *p)
{
  return (guint) p[0] | ((guint) p[1] << 8);
}

/* The end of central directory record: the number of entries it says the
 * archive holds, or -1 when there is none (not a zip, or cut short). */
static int
eocd_entries (const guchar *data,
              gsize         len)
{
  gsize lowest = len > EOCD_SEARCH ? len - EOCD_SEARCH : 0;

  if (len < EOCD_SIZE)
    return -1;
  for (gsize i = len - EOCD_SIZE + 1; i-- > lowest;)
    if (data[i] == 'P' && data[i + 1] == 'K' && data[i + 2] == 5 && data[i + 3] == 6 &&
        i + EOCD_SIZE + le16 (data + i + 20) == len)
      return (int) le16 (data + i + 10);
  return -1;
}

/* libarchive's message, which may quote an entry's name: any bytes */
static char *
archive_message (struct archive *a)
{
  return dd_xml_display_name (archive_error_string (a) ? archive_error_string (a) : "");
}

static struct archive *
open_archive (DdZipRead  *zip,
              GError    **error)
{
  struct archive *a = archive_read_new ();
  gsize len = 0;
  const void *data = g_bytes_get_data (zip->data, &len);

  archive_read_support_format_zip (a);
  if (archive_read_open_memory (a, data, len) != ARCHIVE_OK)
    {
      g_autofree char *message = archive_message (a);

      g_set_error (error, DD_ERROR, DD_ERROR_MALFORMED, _("%s: not a zip archive: %s"), zip->name, message);
      archive_read_free (a);
      return NULL;
    }
  return a;
}

static void
damaged (DdZipRead       *zip,
         struct archive  *a,
         GError         **error)
{
  g_autofree char *message = archive_message (a);

  g_set_error (error, DD_ERROR, DD_ERROR_MALFORMED, _("%s: the zip archive is damaged or cut short: %s"),
               zip->name, message);
}

void
dd_zip_read_free (DdZipRead *zip)
{
  if (zip == NULL)
    return;
  g_free (zip->name);
  g_bytes_unref (zip->data);
  g_hash_table_unref (zip->entries);
  g_free (zip);
}

DdZipRead *
dd_zip_read_new (const char         *display_name,
                 GBytes             *data,
                 const DdZipLimits  *limits,
                 GError            **error)
{
  g_autoptr(DdZipRead) zip = g_new0 (DdZipRead, 1);
  struct archive *a;
  struct archive_entry *entry;
  gsize len = 0;
  const guchar *bytes = g_bytes_get_data (data, &len);
  int count = eocd_entries (bytes, len);
  g_autoptr(GError) local = NULL;
  guint n = 0;
  int r;

  zip->name = g_strdup (display_name);
  zip->data = g_bytes_ref (data);
  zip->limits = *limits;
  zip->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (count < 0)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_MALFORMED,
                   _("%s: not a zip archive, or one cut short (no end of central directory)"), display_name);
      return NULL;
    }
  if ((guint) count > limits->max_entries)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_TOO_LARGE, _("%s: the archive holds %d entries, over the limit of %u"),
                   display_name, count, limits->max_entries);
      return NULL;
    }

  a = open_archive (zip, error);
  if (a == NULL)
    return NULL;
  while ((r = archive_read_next_header (a, &entry)) == ARCHIVE_OK || r == ARCHIVE_WARN)
    {
      const char *name = archive_entry_pathname (entry);

      if (++n > limits->max_entries)
        {
          g_set_error (&local, DD_ERROR, DD_ERROR_TOO_LARGE, _("%s: the archive holds more than %u entries"),
                       display_name, limits->max_entries);
          break;
        }
      /* entry names are any bytes: shown escaped */
      if (archive_entry_is_encrypted (entry))
        {
          g_autofree char *shown = dd_xml_display_name (name ? name : "");

          g_set_error (&local, DD_ERROR, DD_ERROR_UNSAFE, _("%s: the entry “%s” is encrypted"),
                       display_name, shown);
          break;
        }
      if (name != NULL && !g_hash_table_add (zip->entries, g_strdup (name)))
        {
          g_autofree char *shown = dd_xml_display_name (name);

          g_set_error (&local, DD_ERROR, DD_ERROR_MALFORMED, _("%s: the archive holds the entry “%s” twice"),
                       display_name, shown);
          break;
        }
      archive_read_data_skip (a);
    }
  if (local == NULL && r != ARCHIVE_EOF)
    damaged (zip, a, &local);
  archive_read_free (a);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return g_steal_pointer (&zip);
}

gboolean
dd_zip_read_has (DdZipRead  *zip,
                 const char *name)
{
  return g_hash_table_contains (zip->entries, name);
}

GBytes *
dd_zip_read_entry (DdZipRead   *zip,
                   const char  *name,
                   GError     **error)
{
  struct archive *a;
  struct archive_entry *entry;
  g_autoptr(GByteArray) out = NULL;
  gsize archive_len = g_bytes_get_size (zip->data);
  gsize budget = MIN (zip->limits.max_total_bytes,
                      MAX (zip->limits.ratio_floor, (gsize) zip->limits.max_ratio * archive_len));
  g_autoptr(GError) local = NULL;
  g_autofree char *shown = dd_xml_display_name (name);
  guchar *block;
  int r;

  if (!g_hash_table_contains (zip->entries, name))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_MALFORMED, _("%s: the archive has no entry “%s”"), zip->name, shown);
      return NULL;
    }
  a = open_archive (zip, error);
  if (a == NULL)
    return NULL;
  while ((r = archive_read_next_header (a, &entry)) == ARCHIVE_OK || r == ARCHIVE_WARN)
    if (g_strcmp0 (archive_entry_pathname (entry), name) == 0)
      break;
  if (r != ARCHIVE_OK && r != ARCHIVE_WARN)
    {
      damaged (zip, a, error);
      archive_read_free (a);
      return NULL;
    }

  out = g_byte_array_new ();
  block = g_malloc (BLOCK);
  for (;;)
    {
      la_ssize_t got = archive_read_data (a, block, BLOCK);

      if (got < 0)
        {
          damaged (zip, a, &local);
          break;
        }
      if (got == 0)
        break;
      if (out->len + (gsize) got > zip->limits.max_entry_bytes)
        {
          g_set_error (&local, DD_ERROR, DD_ERROR_TOO_LARGE,
                       _("%s: the entry “%s” inflates to more than %" PRIu64 " bytes"),
                       zip->name, shown, (guint64) zip->limits.max_entry_bytes);
          break;
        }
      if (zip->read + out->len + (gsize) got > budget)
        {
          g_set_error (&local, DD_ERROR, DD_ERROR_TOO_LARGE,
                       _("%s: the archive inflates to more than %" PRIu64 " bytes from %" PRIu64 " (a zip bomb?)"),
                       zip->name, (guint64) budget, (guint64) archive_len);
          break;
        }
      g_byte_array_append (out, block, (guint) got);
    }
  g_free (block);
  archive_read_free (a);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  zip->read += out->len;
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}
