/* dd-xml.c — the one place where DrillDesk reads XML
 *
 * Every plan, scenario and action script is untrusted input: it may come from
 * another office, a USB stick or an attacker. The rules here follow
 * docs/reliability.md: read the bytes ourselves with a size cap (no silent
 * gunzip), parse from memory with no network and no DTD loading, refuse any
 * document type declaration (which closes every entity trick on libxml2 2.9.14),
 * deny every external load, and validate against a RELAX NG schema compiled
 * into the binary. Every error says FILE:LINE:COLUMN.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <libxml/catalog.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/xinclude.h>
#include <libxml/xmlerror.h>

#include "dd-error.h"
#include "dd-xml.h"
#include "dd-xml-private.h"

#define SCHEMA_RESOURCE_PREFIX "/io/github/drilldesk/DrillDesk/core/schema/"

typedef struct
{
  const char *name;       /* file name for messages */
  GError     *error;      /* first error seen */
  long        line;
  long        column;
  xmlDoc     *doc;        /* while validating */
  xmlParserCtxtPtr ctxt;  /* while parsing, to read positions from */
  gboolean    unsafe;     /* a DTD, an entity or an external load was attempted */
  char       *unsafe_what;
} LoadState;

/* Set while a document is being parsed on this thread, so the deny-all
 * entity loader can mark the document as refused. */
static GPrivate current_state;

static GMutex schema_lock;
static GHashTable *schema_cache; /* name -> xmlRelaxNGPtr */

/* Helpers */

static long
utf8_column (const xmlChar *line_start,
             const xmlChar *pos)
{
  long col = 1;

  for (const xmlChar *p = line_start; p < pos; p++)
    if ((*p & 0xC0) != 0x80)
      col++;

  return col;
}

/* The start of an element's start tag, packed into node->_private (which
 * libxml2 leaves to applications): the line in the high bits, the column in
 * the low 24. libxml2's own node line is where the start tag *ends*. */
#define COLUMN_BITS 24
#define COLUMN_MASK ((((gsize) 1) << COLUMN_BITS) - 1)

static gpointer
pack_position (long line,
               long column)
{
  gsize l = line > 0 ? (gsize) line : 0;
  gsize c = column > 0 ? MIN ((gsize) column, COLUMN_MASK) : 0;

  if (sizeof (gsize) < 8)
    l = 0; /* no room: fall back on libxml2's line */
  return GSIZE_TO_POINTER ((l << COLUMN_BITS) | c);
}

static void
unpack_position (gpointer  packed,
                 long     *line,
                 long     *column)
{
  gsize v = GPOINTER_TO_SIZE (packed);

  *line = sizeof (gsize) < 8 ? 0 : (long) (v >> COLUMN_BITS);
  *column = (long) (v & COLUMN_MASK);
}

/* The column of the start tag the parser has just read (the cursor is on its
 * '>' or "/>"), and in @lines_back how many line breaks it holds. */
static long
start_tag_column (xmlParserCtxtPtr ctxt,
                  long            *lines_back)
{
  xmlParserInputPtr in = ctxt->input;
  const xmlChar *p;
  long chars = 0;

  *lines_back = 0;
  if (in == NULL || in->cur == NULL || in->base == NULL)
    return 0;

  /* Attribute values cannot hold a raw '<', so the nearest one before the
   * cursor opens this start tag. */
  for (p = in->cur; p > in->base && *p != '<'; p--)
    {
      if (*p == '\n')
        (*lines_back)++;
      else if (*lines_back == 0 && p < in->cur && (*p & 0xC0) != 0x80)
        chars++;
    }
  if (*p != '<')
    return 0;

  /* A tag on one line: count back from libxml2's column of the cursor.
   * Scanning back to the start of the line instead would be quadratic on a
   * document written on one line, and wrong once the buffer has shifted. */
  if (*lines_back == 0)
    return in->col - chars - 1 > 0 ? in->col - chars - 1 : 0;

  /* A tag over several lines: scan back to the start of its first line.
   * That stretch ends at the previous line break, so over a whole document
   * these scans never cover the same bytes twice. */
  {
    const xmlChar *ls = p;

    while (ls > in->base && ls[-1] != '\n')
      ls--;
    /* If the buffer was shifted past the start of this line, the column is
     * not known exactly: say so rather than guess. */
    if (ls == in->base && (in->line - *lines_back > 1 || in->consumed != 0))
      return 0;
    return utf8_column (ls, p);
  }
}

static void mark_unsafe (LoadState  *state,
                         long        line,
                         long        column,
                         const char *what);

static void (*sax2_start_element_ns) (void *, const xmlChar *, const xmlChar *,
                                      const xmlChar *, int, const xmlChar **,
                                      int, int, const xmlChar **);

static void
start_element_ns_cb (void           *ctx,
                     const xmlChar  *localname,
                     const xmlChar  *prefix,
                     const xmlChar  *uri,
                     int             nb_namespaces,
                     const xmlChar **namespaces,
                     int             nb_attributes,
                     int             nb_defaulted,
                     const xmlChar **attributes)
{
  xmlParserCtxtPtr ctxt = ctx;
  long lines_back = 0;
  long column = start_tag_column (ctxt, &lines_back);
  long line = ctxt->input ? ctxt->input->line - lines_back : 0;

  /* Nothing here processes XInclude, but a file that asks for it expects
   * another file's content: refuse it rather than silently ignore it. */
  if (uri != NULL &&
      (xmlStrEqual (uri, XINCLUDE_NS) || xmlStrEqual (uri, XINCLUDE_OLD_NS)))
    {
      mark_unsafe (g_private_get (&current_state), line, column,
                   "XInclude is not allowed: a DrillDesk file includes no other file");
      xmlStopParser (ctxt);
      return;
    }

  sax2_start_element_ns (ctx, localname, prefix, uri, nb_namespaces, namespaces,
                         nb_attributes, nb_defaulted, attributes);

  if (ctxt->node != NULL)
    ctxt->node->_private = pack_position (line, column);
}

static void
mark_unsafe (LoadState  *state,
             long        line,
             long        column,
             const char *what)
{
  if (state == NULL || state->unsafe)
    return;

  state->unsafe = TRUE;
  state->line = line;
  state->column = column;
  state->unsafe_what = g_utf8_make_valid (what, -1);
}

static void
internal_subset_cb (void          *ctx,
                    const xmlChar *name,
                    const xmlChar *external_id,
                    const xmlChar *system_id)
{
  xmlParserCtxtPtr ctxt = ctx;
  LoadState *state = g_private_get (&current_state);

  mark_unsafe (state,
               ctxt->input ? ctxt->input->line : 0,
               ctxt->input ? ctxt->input->col : 0,
               "a document type declaration (DOCTYPE) is not allowed: DrillDesk files use no DTD and no entities");
  xmlStopParser (ctxt);
}

static xmlEntityPtr
get_entity_cb (void          *ctx,
               const xmlChar *name)
{
  xmlParserCtxtPtr ctxt = ctx;
  LoadState *state = g_private_get (&current_state);

  /* Only the five predefined entities exist in a DrillDesk file. */
  if (xmlGetPredefinedEntity (name) != NULL)
    return xmlGetPredefinedEntity (name);

  mark_unsafe (state,
               ctxt->input ? ctxt->input->line : 0,
               ctxt->input ? ctxt->input->col : 0,
               "entity references are not allowed");
  xmlStopParser (ctxt);
  return NULL;
}

static xmlParserInputPtr
deny_entity_loader (const char       *url,
                    const char       *id,
                    xmlParserCtxtPtr  ctxt)
{
  LoadState *state = g_private_get (&current_state);
  g_autofree char *what = g_strdup_printf ("loading an external resource (%s) is not allowed",
                                           url ? url : (id ? id : "?"));

  mark_unsafe (state,
               (ctxt && ctxt->input) ? ctxt->input->line : 0,
               (ctxt && ctxt->input) ? ctxt->input->col : 0,
               what);
  return NULL;
}

/* Document order, without recursion (documents may nest 256 deep). */
static xmlNode *
find_element (xmlNode    *root,
              const char *name)
{
  xmlNode *n = root;

  while (n != NULL)
    {
      if (n->type == XML_ELEMENT_NODE && strcmp ((const char *) n->name, name) == 0)
        return n;

      if (n->type == XML_ELEMENT_NODE && n->children != NULL)
        {
          n = n->children;
          continue;
        }
      while (n != NULL && n != root && n->next == NULL)
        n = n->parent;
      if (n == NULL || n == root)
        return NULL;
      n = n->next;
    }
  return NULL;
}

static void
structured_error_cb (void        *user_data,
                     xmlErrorPtr  err)
{
  LoadState *state = user_data;
  g_autofree char *msg = NULL;
  long line, column;

  if (state == NULL || err == NULL || err->level < XML_ERR_ERROR || state->error != NULL)
    return;

  /* One line of valid UTF-8 per message: libxml2 adds "\nBytes: 0x.." to
   * encoding errors and quotes the input, cut anywhere, in others. */
  msg = g_strstrip (g_utf8_make_valid (err->message ? err->message : "error", -1));
  g_strdelimit (msg, "\r\n", ' ');
  line = err->line;
  column = err->int2;

  /* Encoding errors come without a position: take the parser's. */
  if (line <= 0 && err->domain != XML_FROM_RELAXNGV &&
      state->ctxt != NULL && state->ctxt->input != NULL)
    {
      line = state->ctxt->input->line;
      column = state->ctxt->input->col;
    }

  if (err->domain == XML_FROM_RELAXNGV && err->node != NULL)
    dd_xml_node_position (err->node, &line, &column);

  /* libxml2 2.9.14 reports some attribute errors ("Element X failed to
   * validate attributes") without a node: point at the first element of
   * that name, which is where the validator stopped. */
  if (err->domain == XML_FROM_RELAXNGV && line <= 0 && state->doc != NULL && err->str1 != NULL)
    {
      xmlNode *found = find_element (xmlDocGetRootElement (state->doc), err->str1);

      if (found != NULL)
        dd_xml_node_position (found, &line, &column);
    }

  state->line = line;
  state->column = column;

  if (err->domain == XML_FROM_RELAXNGV)
    {
      g_autofree char *ours = dd_xml_schema_message (err);

      state->error = g_error_new (DD_ERROR, DD_ERROR_SCHEMA, "%s:%ld:%ld: %s",
                                  state->name, line, column, ours != NULL ? ours : msg);
    }
  else
    state->error = g_error_new (DD_ERROR, DD_ERROR_MALFORMED, "%s:%ld:%ld: %s",
                                state->name, line, column, msg);
  /* Never stop the parser from here: libxml2 2.9.14 reports encoding errors
   * in the middle of switching or growing its input buffer, and halting
   * frees that buffer under it (a crash found by fuzzing). After a fatal
   * error libxml2 goes on with SAX disabled, in linear time. */
}

static int
parse_options (const DdXmlLimits *limits)
{
  /* XML_PARSE_COMPACT, as xmllint parses by default: a text of up to 16
   * bytes is kept inside its node, one allocation fewer each. */
  int options = XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA | XML_PARSE_COMPACT;

  if (limits != NULL && limits->drop_blanks)
    options |= XML_PARSE_NOBLANKS;

#if LIBXML_VERSION >= 21300
  options |= XML_PARSE_NO_XXE;
#endif
  return options;
}

/* Public API */

/**
 * dd_xml_init:
 *
 * Sets libxml2 up once for untrusted input: no catalogues, no external
 * loads. Safe to call many times and from any thread.
 */
void
dd_xml_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      xmlSetExternalEntityLoader (deny_entity_loader);
#ifdef LIBXML_CATALOG_ENABLED
      xmlCatalogSetDefaults (XML_CATA_ALLOW_NONE);
#endif
      sax2_start_element_ns = xmlSAX2StartElementNs;
      g_once_init_leave (&initialized, 1);
    }
}

/* The limits of each kind of document (docs/formats.md, "Limits"). The
 * bundled plan is 90 kB with about 1,700 elements; a generated scenario of
 * 100,000 injects (tests/bench) is 55 MB with 330,000 elements; the longest
 * text in any bundled file is a few kB. */
#define MAX_TEXT (1024 * 1024)

static const DdXmlLimits limits_by_kind[] = {
  { "plan.rng", "a plan", 16 * 1024 * 1024, 250000, MAX_TEXT, FALSE },
  { "scenario.rng", "a scenario", DD_XML_MAX_BYTES, 2000000, MAX_TEXT, TRUE },
  { "actions.rng", "an action script", DD_XML_MAX_BYTES, 2000000, MAX_TEXT, TRUE },
  { "programme.rng", "a drill programme", 4 * 1024 * 1024, 50000, 65536, TRUE },
  { NULL, "a DrillDesk document", DD_XML_MAX_BYTES, 2000000, MAX_TEXT, FALSE },
};

/**
 * dd_xml_limits_for:
 * @schema: (nullable): a built-in schema name, e.g. "plan.rng"
 *
 * Returns: the limits for documents of that schema; for %NULL or an unknown
 *   schema, the largest limits of any kind.
 */
const DdXmlLimits *
dd_xml_limits_for (const char *schema)
{
  for (gsize i = 0; i < G_N_ELEMENTS (limits_by_kind) - 1; i++)
    if (g_strcmp0 (schema, limits_by_kind[i].schema) == 0)
      return &limits_by_kind[i];
  return &limits_by_kind[G_N_ELEMENTS (limits_by_kind) - 1];
}

/**
 * dd_xml_display_name:
 * @name: a file name as given (any bytes)
 *
 * Returns: @name for messages: valid UTF-8 on one line, every byte that is
 *   not part of a valid UTF-8 character, and every control character,
 *   written as \xNN; everything else as given (never percent-encoded).
 */
char *
dd_xml_display_name (const char *name)
{
  GString *out;
  const char *p, *end;

  if (name == NULL)
    return g_strdup ("(unnamed)");

  out = g_string_sized_new (strlen (name));
  for (p = name; *p != '\0'; p = end)
    {
      if (!g_utf8_validate (p, -1, &end))
        {
          if (end == p)
            {
              g_string_append_printf (out, "\\x%02X", (guchar) *p);
              end = p + 1;
              continue;
            }
        }
      for (; p < end; p = g_utf8_next_char (p))
        {
          if ((guchar) *p < 0x20 || *p == 0x7F)
            g_string_append_printf (out, "\\x%02X", (guchar) *p);
          else
            g_string_append_len (out, p, g_utf8_next_char (p) - p);
        }
    }
  return g_string_free (out, FALSE);
}

static xmlRelaxNGPtr
get_schema (const char  *schema,
            GError     **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&schema_lock);
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  xmlRelaxNGParserCtxtPtr pctxt;
  xmlRelaxNGPtr rng;
  gsize len;
  const char *data;

  if (schema_cache == NULL)
    schema_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  rng = g_hash_table_lookup (schema_cache, schema);
  if (rng != NULL)
    return rng;

  path = g_strconcat (SCHEMA_RESOURCE_PREFIX, schema, NULL);
  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &len);
  pctxt = xmlRelaxNGNewMemParserCtxt (data, (int) len);
  rng = xmlRelaxNGParse (pctxt);
  xmlRelaxNGFreeParserCtxt (pctxt);

  if (rng == NULL)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_SCHEMA,
                   "%s: the built-in schema does not compile", schema);
      return NULL;
    }

  g_hash_table_insert (schema_cache, g_strdup (schema), rng);
  return rng;
}

/**
 * dd_xml_validate:
 * @doc: a document from dd_xml_load_data() or dd_xml_load_file()
 * @schema: the name of a built-in schema, e.g. "plan.rng"
 *
 * Returns: %TRUE if @doc matches @schema; otherwise sets a %DD_ERROR_SCHEMA
 *   error at the first offending element.
 */
gboolean
dd_xml_validate (xmlDoc      *doc,
                 const char  *schema,
                 GError     **error)
{
  xmlRelaxNGPtr rng;
  xmlRelaxNGValidCtxtPtr vctxt;
  LoadState state = { 0 };
  int ret;

  g_return_val_if_fail (doc != NULL, FALSE);
  g_return_val_if_fail (schema != NULL, FALSE);

  dd_xml_init ();

  rng = get_schema (schema, error);
  if (rng == NULL)
    return FALSE;

  state.name = dd_xml_doc_name (doc);
  state.doc = doc;
  vctxt = xmlRelaxNGNewValidCtxt (rng);
  xmlRelaxNGSetValidStructuredErrors (vctxt, structured_error_cb, &state);
  ret = xmlRelaxNGValidateDoc (vctxt, doc);
  xmlRelaxNGFreeValidCtxt (vctxt);

  if (ret == 0)
    {
      g_clear_error (&state.error);
      return TRUE;
    }

  if (state.error == NULL)
    {
      xmlNode *root = xmlDocGetRootElement (doc);
      long line = 0, column = 0;

      if (root != NULL)
        dd_xml_node_position (root, &line, &column);
      state.error = g_error_new (DD_ERROR, DD_ERROR_SCHEMA,
                                 "%s:%ld:%ld: the document does not match the schema %s",
                                 state.name, line, column, schema);
    }

  g_propagate_error (error, state.error);
  return FALSE;
}

/**
 * dd_xml_parse:
 * @name: the document's name for messages, as shown (dd_xml_display_name())
 * @limits: of the document's kind (white space between elements kept or not)
 * @data: (nullable): the whole document in memory, already checked
 *   (encoding, prescan), or %NULL to read it through @read
 * @len: the length of @data
 * @read: (nullable): reads the next bytes, each block checked before it is
 *   handed over; -1 stops the parse (the caller then knows why)
 * @read_ctx: for @read
 *
 * The parse itself, with the loader's callbacks and rules; no schema.
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
xmlDoc *
dd_xml_parse (const char            *name,
              const DdXmlLimits     *limits,
              const char            *data,
              gsize                  len,
              xmlInputReadCallback   read,
              void                  *read_ctx,
              GError               **error)
{
  LoadState state = { 0 };
  xmlParserCtxtPtr ctxt;
  xmlDoc *doc;

  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_IO, "%s: out of memory", name);
      return NULL;
    }

  ctxt->sax->internalSubset = internal_subset_cb;
  ctxt->sax->getEntity = get_entity_cb;
  ctxt->sax->startElementNs = start_element_ns_cb;

  state.name = name;
  state.ctxt = ctxt;
  g_private_set (&current_state, &state);
  xmlSetStructuredErrorFunc (&state, structured_error_cb);

  if (data != NULL)
    doc = xmlCtxtReadMemory (ctxt, data, (int) len, name, NULL, parse_options (limits));
  else
    doc = xmlCtxtReadIO (ctxt, read, NULL, read_ctx, name, NULL, parse_options (limits));

  xmlSetStructuredErrorFunc (NULL, NULL);
  g_private_set (&current_state, NULL);

  /* libxml2 keeps the name as a URL, percent-encoded ("my%20plan.xml"),
   * and its schema errors quote that: keep the name as given instead. */
  if (doc != NULL)
    {
      xmlFree ((xmlChar *) doc->URL);
      doc->URL = xmlStrdup ((const xmlChar *) name);
    }

  if (state.unsafe)
    {
      g_clear_error (&state.error);
      g_set_error (error, DD_ERROR, DD_ERROR_UNSAFE, "%s:%ld:%ld: %s",
                   name, state.line, MAX (state.column, 1), state.unsafe_what);
      g_free (state.unsafe_what);
      g_clear_pointer (&doc, xmlFreeDoc);
      xmlFreeParserCtxt (ctxt);
      return NULL;
    }

  if (doc == NULL || !ctxt->wellFormed || state.error != NULL)
    {
      if (state.error == NULL)
        state.error = g_error_new (DD_ERROR, DD_ERROR_MALFORMED,
                                   "%s:%d:%d: the document is not well-formed XML",
                                   name,
                                   ctxt->input ? ctxt->input->line : 0,
                                   ctxt->input ? ctxt->input->col : 0);
      g_propagate_error (error, state.error);
      g_clear_pointer (&doc, xmlFreeDoc);
      xmlFreeParserCtxt (ctxt);
      return NULL;
    }

  xmlFreeParserCtxt (ctxt);

  /* Belt and braces: the callbacks above stop at the first DOCTYPE. */
  if (doc->intSubset != NULL || doc->extSubset != NULL)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_UNSAFE,
                   "%s:1:1: a document type declaration (DOCTYPE) is not allowed",
                   name);
      xmlFreeDoc (doc);
      return NULL;
    }

  if (xmlDocGetRootElement (doc) == NULL)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_MALFORMED,
                   "%s:1:1: the document has no root element", name);
      xmlFreeDoc (doc);
      return NULL;
    }

  return doc;
}

/**
 * dd_xml_parse_data:
 * @display_name: the name used in messages and as the document's URL (as
 *   given, with bytes that are not UTF-8 escaped)
 * @data: the bytes of the document
 * @len: their length
 * @schema: (nullable): the built-in schema of the document it should hold:
 *   sets the limits (dd_xml_limits_for()); not validated against here
 *
 * Parses untrusted bytes into a document, refusing anything unsafe.
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
xmlDoc *
dd_xml_parse_data (const char  *display_name,
                  const char  *data,
                  gsize        len,
                  const char  *schema,
                  GError     **error)
{
  return dd_xml_parse_data_limited (display_name, data, len, dd_xml_limits_for (schema), error);
}

/**
 * dd_xml_parse_data_limited:
 * @limits: what the document may hold (a part of another format: the
 *   sheets of a spreadsheet)
 *
 * As dd_xml_parse_data(), with limits of the caller's.
 */
xmlDoc *
dd_xml_parse_data_limited (const char         *display_name,
                           const char         *data,
                           gsize               len,
                           const DdXmlLimits  *limits,
                           GError            **error)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (data != NULL || len == 0, NULL);

  dd_xml_init ();
  name = dd_xml_display_name (display_name);

  if (len == 0)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_MALFORMED,
                   "%s:1:1: the file is empty", name);
      return NULL;
    }
  if (len > limits->max_bytes || len > G_MAXINT)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_TOO_LARGE,
                   "%s:1:1: the file is %" G_GSIZE_FORMAT " bytes, over the limit of %"
                   G_GSIZE_FORMAT " bytes for %s (see docs/formats.md)",
                   name, len, limits->max_bytes, limits->kind);
      return NULL;
    }

  if (!dd_xml_check_encoding (name, data, len, error) ||
      !dd_xml_prescan (name, data, len, limits, error))
    return NULL;

  return dd_xml_parse (name, limits, data, len, NULL, NULL, error);
}

/**
 * dd_xml_load_data:
 * @display_name: the name used in messages and as the document's URL (as
 *   given, with bytes that are not UTF-8 escaped)
 * @data: the bytes of the document
 * @len: their length
 * @schema: (nullable): the built-in schema to validate against
 *
 * Parses untrusted bytes into a document with dd_xml_parse_data(),
 * refusing anything unsafe, and validates it against @schema.
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
xmlDoc *
dd_xml_load_data (const char  *display_name,
                  const char  *data,
                  gsize        len,
                  const char  *schema,
                  GError     **error)
{
  xmlDoc *doc = dd_xml_parse_data (display_name, data, len, schema, error);

  if (doc != NULL && schema != NULL && !dd_xml_validate (doc, schema, error))
    g_clear_pointer (&doc, xmlFreeDoc);
  return doc;
}
/* The root element's name and plain attributes, for dd_xml_sniff_root(). */
typedef struct
{
  char  *root;
  char **attributes;
} Sniff;

static void
sniff_start_element_cb (void           *ctx,
                        const xmlChar  *localname,
                        const xmlChar  *prefix,
                        const xmlChar  *uri,
                        int             nb_namespaces,
                        const xmlChar **namespaces,
                        int             nb_attributes,
                        int             nb_defaulted,
                        const xmlChar **attributes)
{
  xmlParserCtxtPtr ctxt = ctx;
  Sniff *sniff = ctxt->_private;
  GPtrArray *attrs = g_ptr_array_new ();

  /* Each attribute: local name, prefix, URI, value, end of value; the
   * value may still hold character and predefined entity references. */
  for (int i = 0; i < nb_attributes; i++)
    {
      const xmlChar **a = attributes + 5 * i;
      xmlChar *value;

      if (a[1] != NULL)
        continue;
      value = xmlStringLenDecodeEntities (ctxt, a[3], (int) (a[4] - a[3]),
                                         XML_SUBSTITUTE_REF, 0, 0, 0);
      g_ptr_array_add (attrs, g_strdup ((const char *) a[0]));
      g_ptr_array_add (attrs, g_strdup (value ? (const char *) value : ""));
      xmlFree (value);
    }
  g_ptr_array_add (attrs, NULL);
  sniff->root = g_strdup ((const char *) localname);
  sniff->attributes = (char **) g_ptr_array_free (attrs, FALSE);
  xmlStopParser (ctxt);
}

/* Nothing before the root element of a DrillDesk file is anywhere near this
 * long (a text or comment is refused at dd_xml_limits_for()'s max_text). */
#define SNIFF_MAX_BYTES ((gsize) 4 * MAX_TEXT + 65536)
#define SNIFF_CHUNK 16384

/**
 * dd_xml_sniff_root:
 * @path: a file
 * @attributes: (out) (optional): the root element's attributes without a
 *   namespace prefix, as a %NULL-terminated list of names and values
 *
 * Reads @path only up to its root element's start tag, with the loader's
 * rules: a regular file within the size limit, no DTD, no entities, no
 * external loads, an encoding DrillDesk reads. Tells a document's kind
 * without parsing the whole of it.
 *
 * Returns: (transfer full): the root element's local name, or %NULL with
 *   @error set
 */
char *
dd_xml_sniff_root (const char   *path,
                   char       ***attributes,
                   GError      **error)
{
  g_autofree char *shown = NULL;
  g_autofree char *buf = NULL;
  LoadState state = { 0 };
  Sniff sniff = { 0 };
  xmlSAXHandler sax;
  xmlParserCtxtPtr ctxt;
  gsize size = 0, got = 0, fed = 0;
  gboolean eof = FALSE;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  dd_xml_init ();
  shown = dd_xml_display_name (path);
  fd = dd_xml_open_regular (path, shown, DD_XML_MAX_BYTES, dd_xml_limits_for (NULL)->kind,
                            &size, error);
  if (fd < 0)
    return NULL;

  buf = g_malloc (SNIFF_CHUNK);
  if (!dd_xml_read_fd (fd, buf, SNIFF_CHUNK, &got))
    {
      int saved = errno;

      close (fd);
      g_set_error (error, DD_ERROR, DD_ERROR_IO, "%s: cannot read the file: %s",
                   shown, g_strerror (saved));
      return NULL;
    }
  if (got == 0)
    {
      close (fd);
      g_set_error (error, DD_ERROR, DD_ERROR_MALFORMED, "%s:1:1: the file is empty", shown);
      return NULL;
    }
  if (!dd_xml_check_encoding (shown, buf, got, error))
    {
      close (fd);
      return NULL;
    }

  memset (&sax, 0, sizeof sax);
  xmlSAXVersion (&sax, 2);
  sax.startElementNs = sniff_start_element_cb;
  sax.internalSubset = internal_subset_cb;
  sax.getEntity = get_entity_cb;

  state.name = shown;
  g_private_set (&current_state, &state);
  xmlSetStructuredErrorFunc (&state, structured_error_cb);

  /* The first bytes tell the encoding; the parser starts on the next push. */
  ctxt = xmlCreatePushParserCtxt (&sax, NULL, buf, (int) MIN (got, 4), shown);
  if (ctxt != NULL)
    {
      gsize off = MIN (got, 4);

      xmlCtxtUseOptions (ctxt, parse_options (NULL));
      ctxt->_private = &sniff;
      state.ctxt = ctxt;
      while (sniff.root == NULL && !state.unsafe && state.error == NULL)
        {
          eof = got < SNIFF_CHUNK;
          fed += got;
          xmlParseChunk (ctxt, buf + off, (int) (got - off), eof);
          off = 0;
          if (eof || sniff.root != NULL || fed >= SNIFF_MAX_BYTES)
            break;
          if (!dd_xml_read_fd (fd, buf, SNIFF_CHUNK, &got))
            got = 0;
        }
    }

  xmlSetStructuredErrorFunc (NULL, NULL);
  g_private_set (&current_state, NULL);
  close (fd);

  if (ctxt == NULL)
    g_set_error (error, DD_ERROR, DD_ERROR_IO, "%s: out of memory", shown);
  else if (state.unsafe)
    g_set_error (error, DD_ERROR, DD_ERROR_UNSAFE, "%s:%ld:%ld: %s",
                 shown, state.line, MAX (state.column, 1), state.unsafe_what);
  else if (sniff.root == NULL && state.error != NULL)
    g_propagate_error (error, g_steal_pointer (&state.error));
  else if (sniff.root == NULL)
    g_set_error (error, DD_ERROR, eof ? DD_ERROR_MALFORMED : DD_ERROR_TOO_LARGE,
                 eof ? "%s:%d:%d: the document has no root element"
                     : "%s:%d:%d: no root element in the first bytes of the file",
                 shown, ctxt->input ? ctxt->input->line : 1, ctxt->input ? ctxt->input->col : 1);

  g_clear_error (&state.error);
  g_free (state.unsafe_what);
  if (ctxt != NULL)
    {
      g_clear_pointer (&ctxt->myDoc, xmlFreeDoc);
      xmlFreeParserCtxt (ctxt);
    }

  if (sniff.root == NULL || state.unsafe)
    {
      g_free (sniff.root);
      g_strfreev (sniff.attributes);
      return NULL;
    }
  if (attributes != NULL)
    *attributes = sniff.attributes;
  else
    g_strfreev (sniff.attributes);
  return sniff.root;
}

const char *
dd_xml_doc_name (xmlDoc *doc)
{
  if (doc == NULL || doc->URL == NULL)
    return "(document)";
  return (const char *) doc->URL;
}

/**
 * dd_xml_node_position:
 * @node: a node of a document loaded by this module
 * @line: (out): its line, 1-based
 * @column: (out): the column of its start tag, 1-based (0 when unknown)
 */
void
dd_xml_node_position (xmlNode *node,
                      long    *line,
                      long    *column)
{
  long l = 0, c = 0;

  if (node != NULL)
    {
      if (node->type == XML_ATTRIBUTE_NODE && node->parent != NULL)
        node = node->parent;
      xmlNode *element = node;
      long packed_line = 0;

      if (element->type != XML_ELEMENT_NODE && element->parent != NULL &&
          element->parent->type == XML_ELEMENT_NODE)
        element = element->parent;

      l = xmlGetLineNo (node);
      if (element->type == XML_ELEMENT_NODE)
        unpack_position (element->_private, &packed_line, &c);
      if (element == node && packed_line > 0)
        l = packed_line;
    }

  if (line != NULL)
    *line = l < 0 ? 0 : l;
  if (column != NULL)
    *column = c;
}

/**
 * dd_xml_node_error:
 * @error: the error to set
 * @node: the node the message is about
 * @format: printf format of the message
 *
 * Sets a %DD_ERROR_INVALID error "FILE:LINE:COLUMN: message".
 */
void
dd_xml_node_error (GError     **error,
                   xmlNode     *node,
                   const char  *format,
                   ...)
{
  g_autofree char *msg = NULL;
  long line, column;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);

  dd_xml_node_position (node, &line, &column);
  g_set_error (error, DD_ERROR, DD_ERROR_INVALID, "%s:%ld:%ld: %s",
               node ? dd_xml_doc_name (node->doc) : "(document)",
               line, MAX (column, 1), msg);
}
