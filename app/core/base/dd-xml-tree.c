/* dd-xml-tree.c — small helpers for the model loaders: elements by name,
 * attribute values and normalised text, read from the tree in place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dd-xml.h"

gboolean
dd_xml_is (xmlNode    *node,
           const char *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE &&
         (name == NULL || strcmp ((const char *) node->name, name) == 0);
}

xmlNode *
dd_xml_next (xmlNode    *node,
             const char *name)
{
  for (xmlNode *n = node ? node->next : NULL; n != NULL; n = n->next)
    if (dd_xml_is (n, name))
      return n;
  return NULL;
}

xmlNode *
dd_xml_child (xmlNode    *node,
              const char *name)
{
  for (xmlNode *n = node ? node->children : NULL; n != NULL; n = n->next)
    if (dd_xml_is (n, name))
      return n;
  return NULL;
}

/* The value of an attribute or the text of an element, without a copy when
 * the tree holds it as one text node (it nearly always does); otherwise
 * into *@copy, which the caller frees with xmlFree(). */
static const char *
node_text (xmlNode  *node,
           xmlChar **copy)
{
  xmlNode *child = node->children;

  *copy = NULL;
  if (child == NULL)
    return "";
  if (child->next == NULL && child->type == XML_TEXT_NODE && child->content != NULL)
    return (const char *) child->content;
  *copy = xmlNodeGetContent (node);
  return *copy ? (const char *) *copy : "";
}

char *
dd_xml_prop (xmlNode    *node,
             const char *name)
{
  xmlAttr *attr;
  xmlChar *copy;
  char *ret;

  if (node == NULL)
    return NULL;

  /* As xmlGetProp (any namespace; there is no DTD to give defaults). */
  attr = xmlHasProp (node, (const xmlChar *) name);
  if (attr == NULL || attr->type != XML_ATTRIBUTE_NODE)
    return NULL;
  ret = g_strdup (node_text ((xmlNode *) attr, &copy));
  xmlFree (copy);
  return ret;
}

static inline gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The text of an element with surrounding white space removed and inner
 * runs of white space (line breaks of a hand-formatted file) folded to one
 * space — except that Chinese text is never broken by spaces, so a break
 * between two CJK characters is simply dropped. Copied run by run (between
 * white space) into a buffer of the text's length: the result is never
 * longer, and only the characters on either side of a break are decoded. */
char *
dd_xml_text (xmlNode *node)
{
  xmlChar *copy;
  const char *value, *p;
  char *out, *o;
  gsize len;

  if (node == NULL)
    return NULL;

  value = node_text (node, &copy);
  len = strlen (value);
  out = o = g_malloc (len + 1);
  for (p = value; *p != '\0'; )
    {
      gboolean had_space = FALSE;
      gsize run;

      while (is_space (*p))
        p++, had_space = TRUE;
      if (*p == '\0')
        break;
      run = strcspn (p, " \t\n\r");
      if (had_space && o > out)
        {
          gunichar prev = g_utf8_get_char (g_utf8_find_prev_char (out, o));
          gunichar next = g_utf8_get_char (p);

          if (!g_unichar_iswide (prev) && !g_unichar_iswide (next))
            *o++ = ' ';
        }
      memcpy (o, p, run);
      o += run;
      p += run;
    }
  *o = '\0';
  xmlFree (copy);
  if ((gsize) (o - out) + 64 < len)
    out = g_realloc (out, (o - out) + 1);
  return out;
}

char *
dd_xml_child_text (xmlNode    *node,
                   const char *name)
{
  xmlNode *child = dd_xml_child (node, name);

  return child ? dd_xml_text (child) : NULL;
}
