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

/**
 * dd_xml_load_file:
 * @path: the file to read
 * @schema: (nullable): the built-in schema to validate against
 *
 * Reads @path with dd_xml_read_file() and hands the bytes to
 * dd_xml_load_data().
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
xmlDoc *
dd_xml_load_file (const char  *path,
                  const char  *schema,
                  GError     **error)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!dd_xml_read_file (path, schema, &contents, &len, error))
    return NULL;

  return dd_xml_load_data (path, contents, len, schema, error);
}
