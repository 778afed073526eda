/* dd-xml-private.h — shared between the parts of the XML loader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlerror.h>

#include "dd-xml.h"

G_BEGIN_DECLS

/* dd-xml-messages.c: a RELAX NG validation error in our words, with the
 * names libxml2 gives; NULL for an error it does not know */
char    *dd_xml_schema_message (const xmlError *err) G_GNUC_WARN_UNUSED_RESULT;

/* Refuses encodings DrillDesk does not read (UTF-32, EBCDIC, and any name
 * in the XML declaration outside a short list), before parsing. */
gboolean dd_xml_check_encoding (const char  *name,
                                const char  *data,
                                gsize        len,
                                GError     **error);
/* The state of one pass over a document's bytes, fed block by block. */
typedef struct
{
  const char        *name;
  const DdXmlLimits *limits;
  gboolean           started;
  guint              width;        /* bytes per code unit: 1, 2 or 4 */
  gboolean           big_endian;
  gsize              units;        /* code units scanned */
  int                where;
  const char        *until;        /* end of a skipped construct */
  gsize              matched;
  guint32            quote;
  guint              count;        /* attributes of the current start tag */
  guint              elements;
  guint              text;         /* characters of the current text or value */
  long               line, column, tag_line, tag_column;
} DdXmlScan;

void     dd_xml_scan_init      (DdXmlScan          *scan,
                                const char         *name,
                                const DdXmlLimits  *limits);
gboolean dd_xml_scan_feed      (DdXmlScan          *scan,
                                const char         *data,
                                gsize               len,
                                GError            **error);

/* One linear pass over the bytes: NUL characters, start tags with too many
 * attributes, and @limits' counts of elements and characters in a text. */
gboolean dd_xml_prescan        (const char         *name,
                                const char         *data,
                                gsize               len,
                                const DdXmlLimits  *limits,
                                GError            **error);

/* Opens @path for reading without blocking and refuses anything but a
 * regular file of at most @max_bytes (messages name it as @shown, for
 * @kind). Returns the descriptor, or -1 with @error set. */
int      dd_xml_open_regular   (const char  *path,
                                const char  *shown,
                                gsize        max_bytes,
                                const char  *kind,
                                gsize       *size,
                                GError     **error);
/* Reads until @max bytes or the end; FALSE with errno on an error. */
gboolean dd_xml_read_fd        (int          fd,
                                char        *buf,
                                gsize        max,
                                gsize       *got);

/* The parse itself, from memory (@data) or through @read; no schema. */
xmlDoc  *dd_xml_parse          (const char            *name,
                                const DdXmlLimits     *limits,
                                const char            *data,
                                gsize                  len,
                                xmlInputReadCallback   read,
                                void                  *read_ctx,
                                GError               **error);

G_END_DECLS
