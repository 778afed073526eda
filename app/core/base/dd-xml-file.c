/* dd-xml-file.c — reading a document's file: regular files only, bounded
 *
 * A path may name anything: a FIFO (reading it would wait for a writer
 * forever), a directory, a device that never ends (/dev/zero), a file that
 * grows while it is read. Open it without blocking, look at what was opened
 * (not at the name, which may change in between), refuse anything but a
 * regular file within the size limit of its kind, and read at most that.
 * Every message names the file as given, made printable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "dd-error.h"
#include "dd-xml.h"
#include "dd-xml-private.h"
#include "dd-sha256.h"

static const char *
file_type_name (mode_t mode)
{
  if (S_ISDIR (mode))
    return "a folder";
  if (S_ISFIFO (mode))
    return "a named pipe (FIFO)";
  if (S_ISCHR (mode) || S_ISBLK (mode))
    return "a device";
  if (S_ISSOCK (mode))
    return "a socket";
  return "not a regular file";
}

int
dd_xml_open_regular (const char  *path,
                     const char  *shown,
                     gsize        max_bytes,
                     const char  *kind,
                     gsize       *size,
                     GError     **error)
{
  struct stat st;
  int fd, saved;

  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    {
      saved = errno;
      g_set_error (error, DD_ERROR, DD_ERROR_IO, "%s: cannot open the file: %s",
                   shown, g_strerror (saved));
      return -1;
    }
  if (fstat (fd, &st) != 0)
    {
      saved = errno;
      close (fd);
      g_set_error (error, DD_ERROR, DD_ERROR_IO, "%s: cannot read the file: %s",
                   shown, g_strerror (saved));
      return -1;
    }
  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, DD_ERROR, DD_ERROR_IO,
                   "%s: %s, not a file: DrillDesk reads only regular files",
                   shown, file_type_name (st.st_mode));
      return -1;
    }
  if ((guint64) st.st_size > max_bytes)
    {
      close (fd);
      g_set_error (error, DD_ERROR, DD_ERROR_TOO_LARGE,
                   "%s:1:1: the file is %" G_GINT64_FORMAT " bytes, over the limit of %"
                   G_GSIZE_FORMAT " bytes for %s (see docs/formats.md)",
                   shown, (gint64) st.st_size, max_bytes, kind);
      return -1;
    }
  *size = (gsize) st.st_size;
  return fd;
}

/* Reads up to @max bytes; FALSE on an error (errno set). */
gboolean
dd_xml_read_fd (int    fd,
                char  *buf,
                gsize  max,
                gsize *got)
{
  *got = 0;
  while (*got < max)
    {
      gssize n = read (fd, buf + *got, max - *got);

      if (n < 0 && (errno == EINTR || errno == EAGAIN))
        continue;
      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
      *got += (gsize) n;
    }
  return TRUE;
}

/**
 * dd_xml_read_file:
 * @path: the file to read
 * @schema: (nullable): the built-in schema of the document it should hold,
 *   which sets its size limit (dd_xml_limits_for())
 * @contents: (out): its bytes, NUL-terminated
 * @len: (out): their length
 *
 * Reads a regular file within the size limit of its kind, refusing a larger
 * one, a folder, a FIFO or a device before reading anything. Compressed files
 * are not unpacked.
 */
gboolean
dd_xml_read_file (const char  *path,
                  const char  *schema,
                  char       **contents,
                  gsize       *len,
                  GError     **error)
{
  const DdXmlLimits *limits = dd_xml_limits_for (schema);
  g_autofree char *shown = NULL;
  g_autofree char *buf = NULL;
  gsize size = 0, got = 0;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL && len != NULL, FALSE);

  shown = dd_xml_display_name (path);
  fd = dd_xml_open_regular (path, shown, limits->max_bytes, limits->kind, &size, error);
  if (fd < 0)
    return FALSE;

  /* One byte more than fstat said tells a file that grew meanwhile. */
  buf = g_try_malloc (size + 2);
  if (buf == NULL || !dd_xml_read_fd (fd, buf, size + 1, &got))
    {
      int saved = buf == NULL ? ENOMEM : errno;

      close (fd);
      g_set_error (error, DD_ERROR, DD_ERROR_IO, "%s: cannot read the file: %s",
                   shown, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  if (got > size)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_IO,
                   "%s: the file changed while it was read", shown);
      return FALSE;
    }
  buf[got] = '\0';
  *contents = g_steal_pointer (&buf);
  *len = got;
  return TRUE;
}

/* Reading a document for the parser, block by block: each block is checked
 * by the scanner (limits, NUL) before libxml2 sees it, and hashed when a
 * checksum is wanted, while it is in the cache, so that neither costs a pass
 * of its own nor a copy of the whole file in memory. (The hash had a thread
 * of its own while it was GChecksum's, at 0.44 GB/s; Nettle's, at 1.5 GB/s,
 * costs less than handing the blocks over.) */
#define BLOCK ((gsize) 256 * 1024)   /* a multiple of 4: no code unit is split */

typedef struct
{
  int                fd;
  const char        *name;
  const DdXmlLimits *limits;
  DdXmlScan          scan;
  char              *block;
  gsize              block_len;
  gsize              block_pos;
  gsize              total;
  gboolean           eof;
  GError            *error;       /* why reading stopped */
  DdSha256          *sha256;      /* when a checksum is wanted */
} Source;

/* The next block into src->block; FALSE with src->error set. */
static gboolean
next_block (Source *src)
{
  gsize got = 0;

  src->block_pos = src->block_len = 0;
  if (src->eof)
    return TRUE;
  if (!dd_xml_read_fd (src->fd, src->block, BLOCK, &got))
    {
      int saved = errno;

      g_set_error (&src->error, DD_ERROR, DD_ERROR_IO, "%s: cannot read the file: %s",
                   src->name, g_strerror (saved));
      return FALSE;
    }
  if (got < BLOCK)
    src->eof = TRUE;
  src->total += got;
  if (src->total > src->limits->max_bytes)
    {
      g_set_error (&src->error, DD_ERROR, DD_ERROR_TOO_LARGE,
                   "%s:1:1: the file grew over the limit of %" G_GSIZE_FORMAT " bytes for %s while it was read",
                   src->name, src->limits->max_bytes, src->limits->kind);
      return FALSE;
    }
  if (src->total == got && !dd_xml_check_encoding (src->name, src->block, got, &src->error))
    return FALSE;
  if (!dd_xml_scan_feed (&src->scan, src->block, got, &src->error))
    return FALSE;
  if (src->sha256 != NULL)
    dd_sha256_update (src->sha256, src->block, got);
  src->block_len = got;
  return TRUE;
}

static int
source_read_cb (void *ctx,
                char *buffer,
                int   len)
{
  Source *src = ctx;
  gsize n;

  if (src->error != NULL)
    return -1;
  if (src->block_pos == src->block_len && !next_block (src))
    return -1;
  n = MIN ((gsize) len, src->block_len - src->block_pos);
  memcpy (buffer, src->block + src->block_pos, n);
  src->block_pos += n;
  return (int) n;
}

/**
 * dd_xml_parse_file:
 * @path: the file to read
 * @schema: (nullable): the built-in schema of the document it should hold:
 *   sets the limits (dd_xml_limits_for()); not validated against here
 * @sha256: (out) (optional): the SHA-256 of the file's bytes, in hex
 *
 * Parses @path with the loader's rules, streaming: the file is never held
 * whole in memory, each block passes the checks of dd_xml_load_data()
 * before the parser sees it, and the checksum is computed alongside.
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
xmlDoc *
dd_xml_parse_file (const char  *path,
                   const char  *schema,
                   char       **sha256,
                   GError     **error)
{
  g_autofree char *shown = NULL;
  g_autofree char *block = NULL;
  GError *parse_error = NULL;
  Source src = { 0 };
  xmlDoc *doc = NULL;
  gsize size = 0;

  g_return_val_if_fail (path != NULL, NULL);

  dd_xml_init ();
  shown = dd_xml_display_name (path);
  src.limits = dd_xml_limits_for (schema);
  src.fd = dd_xml_open_regular (path, shown, src.limits->max_bytes, src.limits->kind, &size, error);
  if (src.fd < 0)
    return NULL;
  src.name = shown;
  src.block = block = g_malloc (BLOCK);
  dd_xml_scan_init (&src.scan, shown, src.limits);
  if (sha256 != NULL)
    src.sha256 = dd_sha256_new ();

  if (next_block (&src))
    {
      if (src.block_len == 0)
        g_set_error (&src.error, DD_ERROR, DD_ERROR_MALFORMED, "%s:1:1: the file is empty", shown);
      else
        doc = dd_xml_parse (shown, src.limits, NULL, 0, source_read_cb, &src, &parse_error);
    }
  /* libxml2 reads to the end of a document it accepts; make sure every
   * byte was checked and hashed all the same. */
  while (doc != NULL && src.error == NULL && !src.eof)
    if (!next_block (&src))
      break;
  close (src.fd);

  if (src.sha256 != NULL)
    {
      if (doc != NULL && src.error == NULL)
        {
          *sha256 = g_malloc (DD_SHA256_HEX_LEN + 1);
          dd_sha256_finish (src.sha256, *sha256);
        }
      dd_sha256_free (src.sha256);
    }

  if (src.error != NULL)
    {
      /* Why reading stopped comes first: libxml2 only saw the input end. */
      g_clear_error (&parse_error);
      g_clear_pointer (&doc, xmlFreeDoc);
      g_propagate_error (error, src.error);
      return NULL;
    }
  if (doc == NULL)
    {
      g_propagate_error (error, parse_error);
      return NULL;
    }
  return doc;
}

/**
 * dd_xml_load_file:
 * @path: the file to read
 * @schema: (nullable): the built-in schema to validate against
 *
 * Parses @path with dd_xml_parse_file() and validates it against @schema.
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
xmlDoc *
dd_xml_load_file (const char  *path,
                  const char  *schema,
                  GError     **error)
{
  xmlDoc *doc = dd_xml_parse_file (path, schema, NULL, error);

  if (doc != NULL && schema != NULL && !dd_xml_validate (doc, schema, error))
    g_clear_pointer (&doc, xmlFreeDoc);
  return doc;
}
