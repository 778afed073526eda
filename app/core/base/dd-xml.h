/* dd-xml.h — the one place where DrillDesk reads XML
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

/* No DrillDesk document comes anywhere near this; a larger one is refused
 * unread. Each kind of document has its own, lower or equal, limits. */
#define DD_XML_MAX_BYTES ((gsize) 64 * 1024 * 1024)
/* More attributes on one element are refused before parsing (libxml2 2.9
 * checks them for duplicates in quadratic time). */
#define DD_XML_MAX_ATTRIBUTES 256

/* What one kind of document may hold (docs/formats.md, "Limits"): larger
 * ones are refused before libxml2 parses them, in one pass over the bytes. */
typedef struct
{
  const char *schema;        /* the built-in schema; NULL: any document */
  const char *kind;          /* for messages: "a plan", "a scenario", … */
  gsize       max_bytes;     /* size of the file */
  guint       max_elements;  /* elements in the document */
  guint       max_text;      /* characters between two tags, or in one attribute value */
  gboolean    drop_blanks;   /* white space between elements is not kept: the
                              * schema has no mixed content (a smaller tree) */
} DdXmlLimits;

void     dd_xml_init          (void);

const DdXmlLimits *dd_xml_limits_for (const char *schema);
char    *dd_xml_display_name  (const char  *name) G_GNUC_WARN_UNUSED_RESULT;

gboolean dd_xml_read_file     (const char  *path,
                               const char  *schema,
                               char       **contents,
                               gsize       *len,
                               GError     **error);
char    *dd_xml_sniff_root    (const char  *path,
                               char      ***attributes,
                               GError     **error) G_GNUC_WARN_UNUSED_RESULT;
xmlDoc  *dd_xml_parse_file    (const char  *path,
                               const char  *schema,
                               char       **sha256,
                               GError     **error) G_GNUC_WARN_UNUSED_RESULT;
xmlDoc  *dd_xml_load_file     (const char  *path,
                               const char  *schema,
                               GError     **error) G_GNUC_WARN_UNUSED_RESULT;
xmlDoc  *dd_xml_parse_data    (const char  *display_name,
                               const char  *data,
                               gsize        len,
                               const char  *schema,
                               GError     **error) G_GNUC_WARN_UNUSED_RESULT;
xmlDoc  *dd_xml_parse_data_limited (const char        *display_name,
                                    const char        *data,
                                    gsize              len,
                                    const DdXmlLimits *limits,
                                    GError           **error) G_GNUC_WARN_UNUSED_RESULT;
xmlDoc  *dd_xml_load_data     (const char  *display_name,
                               const char  *data,
                               gsize        len,
                               const char  *schema,
                               GError     **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean dd_xml_validate      (xmlDoc      *doc,
                               const char  *schema,
                               GError     **error);

const char *dd_xml_doc_name   (xmlDoc      *doc);
void     dd_xml_node_position (xmlNode     *node,
                               long        *line,
                               long        *column);
void     dd_xml_node_error    (GError     **error,
                               xmlNode     *node,
                               const char  *format,
                               ...) G_GNUC_PRINTF (3, 4);

/* Small helpers for model loaders; strings are g_malloc'd copies. */
gboolean dd_xml_is            (xmlNode     *node,
                               const char  *name);
xmlNode *dd_xml_child         (xmlNode     *node,
                               const char  *name);
xmlNode *dd_xml_next          (xmlNode     *node,
                               const char  *name);
char    *dd_xml_prop          (xmlNode     *node,
                               const char  *name) G_GNUC_WARN_UNUSED_RESULT;
char    *dd_xml_text          (xmlNode     *node) G_GNUC_WARN_UNUSED_RESULT;
char    *dd_xml_child_text    (xmlNode     *node,
                               const char  *name) G_GNUC_WARN_UNUSED_RESULT;

/* Iterate over the element children of @parent named @name (NULL: any element). */
#define DD_XML_FOREACH(child, parent, name) \
  for (xmlNode *child = dd_xml_child ((parent), (name)); child != NULL; child = dd_xml_next (child, (name)))

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

G_END_DECLS
