/* dd-xml-messages.c — libxml2's RELAX NG validation messages in
 * DrillDesk's words and the user's language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/relaxng.h>

#include "dd-xml-private.h"

/* libxml2's RELAX NG messages in our words (and the user's language),
 * with the element and attribute names it gives; NULL for the others */
char *
dd_xml_schema_message (const xmlError *err)
{
  const char *a = err->str1 != NULL ? err->str1 : "";
  const char *b = err->str2 != NULL ? err->str2 : "";

  switch (err->code)
    {
    case XML_RELAXNG_ERR_ELEMWRONG:
      return g_strdup_printf (_("element <%s> is not allowed here"), a);
    case XML_RELAXNG_ERR_NOELEM:
      return g_strdup_printf (_("element <%s> is missing here"), a);
    case XML_RELAXNG_ERR_ELEMNAME:
      return g_strdup_printf (_("expected element <%s> here, found <%s>"), a, b);
    case XML_RELAXNG_ERR_INVALIDATTR:
      return g_strdup_printf (_("attribute %s is not allowed on <%s>"), a, b);
    case XML_RELAXNG_ERR_ATTRVALID:
      return g_strdup_printf (_("an attribute of <%s> is missing or has a value the schema does not allow"), a);
    case XML_RELAXNG_ERR_CONTENTVALID:
      return g_strdup_printf (_("the content of <%s> does not match the schema"), a);
    case XML_RELAXNG_ERR_EXTRACONTENT:
      return g_strdup_printf (_("<%s> has content the schema does not allow"), a);
    case XML_RELAXNG_ERR_TEXTWRONG:
      return g_strdup_printf (_("text is not allowed in <%s>"), a);
    case XML_RELAXNG_ERR_NOTELEM:
      return g_strdup (_("expected an element here, found text"));
    case XML_RELAXNG_ERR_TYPE:
    case XML_RELAXNG_ERR_TYPEVAL:
    case XML_RELAXNG_ERR_VALUE:
    case XML_RELAXNG_ERR_DATATYPE:
      return g_strdup_printf (_("a value here is not of the type the schema asks for (%s)"), a);
    case XML_RELAXNG_ERR_ELEMNOTEMPTY:
      return g_strdup_printf (_("element <%s> must be empty"), a);
    case XML_RELAXNG_ERR_EXTRADATA:
      return g_strdup (_("the document goes on after its root element ends"));
    default:
      return NULL;
    }
}
