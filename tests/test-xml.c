/* test-xml.c — the secure XML loader against hostile and broken input
 *
 * Every hostile document must be refused with a DD_ERROR of the right code
 * and a one-line "FILE:LINE:COLUMN: message", without reading any other file
 * and without touching the network. Positions of start tags (recorded by the
 * loader for semantic errors) must be exact, on long files too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <libxml/parserInternals.h>

#include "dd-error.h"
#include "dd-xml.h"

#define NAME "t.xml"

/* The loader's deny-all entity loader, wrapped to count what was asked. */
static xmlExternalEntityLoader deny_loader;
static guint loads_attempted;

static xmlParserInputPtr
counting_loader (const char       *url,
                 const char       *id,
                 xmlParserCtxtPtr  ctxt)
{
  loads_attempted++;
  return deny_loader (url, id, ctxt);
}

/* A file that no test document may ever read: its content must never show. */
static char *canary_path;
static char *canary_uri;
#define CANARY "DD-CANARY-3f9a1c"

/* ------------------------------------------------------------------ */
/* Helpers                                                            */

static void
assert_position_prefix (const char *message,
                        const char *name)
{
  g_autofree char *pattern = g_strdup_printf ("^%s:[0-9]+:[0-9]+: [^ ]", name);

  if (!g_regex_match_simple (pattern, message, 0, 0))
    g_error ("message without FILE:LINE:COLUMN: %s", message);
  g_assert_null (strchr (message, '\n'));
}

/* Loads @data (NULL-terminated when @len < 0) and asserts it is refused with
 * @code; returns the error for further checks. */
static GError *
assert_refused (const char *data,
                gssize      len,
                const char *schema,
                int         code)
{
  GError *error = NULL;
  xmlDoc *doc;

  if (len < 0)
    len = strlen (data);

  loads_attempted = 0;
  doc = dd_xml_load_data (NAME, data, len, schema, &error);
  if (doc != NULL)
    g_error ("a hostile document was accepted");
  g_assert_error (error, DD_ERROR, code);
  assert_position_prefix (error->message, NAME);
  g_assert_null (strstr (error->message, CANARY));
  g_assert_null (strstr (error->message, "root:x:0"));
  g_assert_cmpuint (loads_attempted, ==, 0);
  return error;
}

/* The same, for cases whose message needs no further check. */
static void
refuse (const char *data,
        gssize      len,
        const char *schema,
        int         code)
{
  g_error_free (assert_refused (data, len, schema, code));
}

static xmlDoc *
assert_accepted (const char *data,
                 gssize      len,
                 const char *schema)
{
  g_autoptr(GError) error = NULL;
  xmlDoc *doc;

  if (len < 0)
    len = strlen (data);
  loads_attempted = 0;
  doc = dd_xml_load_data (NAME, data, len, schema, &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);
  g_assert_cmpuint (loads_attempted, ==, 0);
  return doc;
}

static char *
doc_to_string (xmlDoc *doc)
{
  xmlChar *mem = NULL;
  int size = 0;
  char *ret;

  xmlDocDumpMemory (doc, &mem, &size);
  ret = g_strndup ((const char *) mem, size);
  xmlFree (mem);
  return ret;
}

static GBytes *
read_bundled_plan (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "assets", "plans", "jincheng-2020.xml", NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static char *
temp_file (const char *basename,
           const char *data,
           gssize      len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dd-test-xml-XXXXXX", &error);
  char *path;

  g_assert_no_error (error);
  path = g_build_filename (dir, basename, NULL);
  if (data != NULL)
    {
      g_file_set_contents (path, data, len, &error);
      g_assert_no_error (error);
    }
  return path;
}

static void
remove_temp_file (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
}

/* ------------------------------------------------------------------ */
/* Entities, DTDs and other loads                                     */

static void
test_local_file_entity (void)
{
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  g_autoptr(GError) e3 = NULL;
  g_autofree char *canary_doc = g_strdup_printf ("<!DOCTYPE r [<!ENTITY x SYSTEM \"%s\">]><r>&x;</r>", canary_uri);

  e1 = assert_refused ("<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>",
                       -1, NULL, DD_ERROR_UNSAFE);
  g_assert_nonnull (strstr (e1->message, "DOCTYPE"));
  e2 = assert_refused (canary_doc, -1, NULL, DD_ERROR_UNSAFE);
  /* In an attribute value, and without the DOCTYPE's help. */
  e3 = assert_refused ("<r a=\"&x;\">&x;</r>", -1, NULL, DD_ERROR_UNSAFE);
  g_assert_nonnull (strstr (e3->message, "entit"));
}

static void
test_external_dtd (void)
{
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  g_autofree char *local = g_strdup_printf ("<!DOCTYPE r SYSTEM \"%s\"><r/>", canary_uri);

  /* Loopback discard port: even a broken loader would send nothing away. */
  e1 = assert_refused ("<?xml version=\"1.0\"?>\n<!DOCTYPE r SYSTEM \"http://127.0.0.1:9/evil.dtd\">\n<r/>",
                       -1, NULL, DD_ERROR_UNSAFE);
  g_assert_true (g_str_has_prefix (e1->message, NAME ":2:"));
  e2 = assert_refused (local, -1, "plan.rng", DD_ERROR_UNSAFE);
}

static void
test_external_parameter_entity (void)
{
  g_autofree char *doc = g_strdup_printf ("<!DOCTYPE r [\n<!ENTITY %% ext SYSTEM \"%s\">\n%%ext;\n]>\n<r/>", canary_uri);
  refuse (doc, -1, NULL, DD_ERROR_UNSAFE);
  refuse ("<!DOCTYPE r [<!ENTITY % ext SYSTEM \"http://127.0.0.1:9/x.ent\"> %ext;]><r/>",
          -1, NULL, DD_ERROR_UNSAFE);
}

static void
test_public_id (void)
{
  /* The system catalogue maps this PUBLIC id to a local file. */
  refuse (
          "<?xml version=\"1.0\"?>\n"
          "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" "
          "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\">\n"
          "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body>&nbsp;</body></html>",
          -1, NULL, DD_ERROR_UNSAFE);
  refuse (
          "<!DOCTYPE r PUBLIC \"-//OASIS//DTD DocBook XML V4.5//EN\" \"docbookx.dtd\"><r>&mdash;</r>",
          -1, NULL, DD_ERROR_UNSAFE);
}

static void
test_billion_laughs (void)
{
  GString *s = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
  g_autoptr(GError) error = NULL;

  for (int i = 1; i <= 9; i++)
    {
      g_string_append_printf (s, "<!ENTITY lol%d \"", i);
      for (int j = 0; j < 10; j++)
        g_string_append_printf (s, i == 1 ? "&lol;" : "&lol%d;", i - 1);
      g_string_append (s, "\">\n");
    }
  g_string_append (s, "]>\n<lolz>&lol9;</lolz>\n");

  error = assert_refused (s->str, s->len, NULL, DD_ERROR_UNSAFE);
  g_string_free (s, TRUE);
}

static void
test_quadratic_blowup (void)
{
  GString *s = g_string_new ("<!DOCTYPE r [<!ENTITY a \"");
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < 50000; i++)
    g_string_append_c (s, 'a');
  g_string_append (s, "\">]>\n<r>");
  for (int i = 0; i < 20000; i++)
    g_string_append (s, "&a;");
  g_string_append (s, "</r>");

  error = assert_refused (s->str, s->len, NULL, DD_ERROR_UNSAFE);
  g_string_free (s, TRUE);
}

static void
test_xinclude (void)
{
  const char *namespaces[] = { "http://www.w3.org/2001/XInclude", "http://www.w3.org/2003/XInclude" };

  for (gsize i = 0; i < G_N_ELEMENTS (namespaces); i++)
    {
      g_autofree char *doc = g_strdup_printf ("<r xmlns:xi=\"%s\">\n  <xi:include href=\"%s\" parse=\"text\"/>\n</r>",
                                              namespaces[i], canary_uri);
      g_autoptr(GError) error = assert_refused (doc, -1, NULL, DD_ERROR_UNSAFE);

      g_assert_true (g_str_has_prefix (error->message, NAME ":2:3:"));
      g_assert_nonnull (strstr (error->message, "XInclude"));
    }
}

static void
test_nothing_fetched (void)
{
  /* Harmless without a processor of them: accepted, nothing read. */
  g_autofree char *doc = g_strdup_printf (
    "<?xml version=\"1.0\"?>\n"
    "<?xml-stylesheet type=\"text/xsl\" href=\"%s\"?>\n"
    "<?xml-stylesheet type=\"text/css\" href=\"http://127.0.0.1:9/s.css\"?>\n"
    "<r xml:base=\"%s\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
    "   xsi:schemaLocation=\"urn:x http://127.0.0.1:9/s.xsd\" xsi:noNamespaceSchemaLocation=\"%s\">\n"
    "  <a xml:base=\"http://127.0.0.1:9/\">text</a>\n"
    "</r>\n", canary_uri, canary_uri, canary_uri);
  g_autoptr(xmlDoc) parsed = assert_accepted (doc, -1, NULL);
  g_autofree char *dumped = doc_to_string (parsed);

  g_assert_null (strstr (dumped, CANARY));
  g_assert_nonnull (strstr (dumped, "<a xml:base"));
}

/* ------------------------------------------------------------------ */
/* Size and shape                                                     */

static GString *
nested (int depth)
{
  GString *s = g_string_new (NULL);

  for (int i = 0; i < depth; i++)
    g_string_append (s, "<a>");
  for (int i = 0; i < depth; i++)
    g_string_append (s, "</a>");
  return s;
}

static void
test_nesting (void)
{
  const int depths[] = { 300, 10000 };
  GString *ok = nested (200);
  xmlFreeDoc (assert_accepted (ok->str, ok->len, NULL));

  g_string_free (ok, TRUE);
  for (gsize i = 0; i < G_N_ELEMENTS (depths); i++)
    {
      GString *s = nested (depths[i]);
      g_autoptr(GError) error = assert_refused (s->str, s->len, NULL, DD_ERROR_MALFORMED);

      g_assert_nonnull (strstr (error->message, "depth"));
      g_string_free (s, TRUE);
    }
}

static void
test_oversized (void)
{
  g_autofree char *path = temp_file ("big.xml", NULL, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) data_error = NULL;
  g_autofree char *data = NULL;
  xmlDoc *doc;
  int fd;

  /* A sparse file just over the limit: refused before it is read. */
  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, "<r>", 3), ==, 3);
  g_assert_cmpint (ftruncate (fd, DD_XML_MAX_BYTES + 1), ==, 0);
  close (fd);

  doc = dd_xml_load_file (path, NULL, &error);
  g_assert_null (doc);
  g_assert_error (error, DD_ERROR, DD_ERROR_TOO_LARGE);
  assert_position_prefix (error->message, path);
  remove_temp_file (path);

  /* From memory too (calloc'd pages are never touched). */
  data = g_malloc0 (DD_XML_MAX_BYTES + 1);
  memcpy (data, "<r>", 3);
  doc = dd_xml_load_data (NAME, data, DD_XML_MAX_BYTES + 1, NULL, &data_error);
  g_assert_null (doc);
  g_assert_error (data_error, DD_ERROR, DD_ERROR_TOO_LARGE);
  assert_position_prefix (data_error->message, NAME);
}

static void
test_big_text_node (void)
{
  gsize n = 10 * 1024 * 1024;
  GString *s = g_string_sized_new (n + 16);
  g_autoptr(GError) error = NULL;
  xmlDoc *doc;

  g_string_append (s, "<r>");
  for (gsize i = 0; i < n; i++)
    g_string_append_c (s, 'a' + i % 26);
  g_string_append (s, "</r>");

  /* Over the limit of a text (docs/formats.md): refused by the count
   * before libxml2 reads it (which takes seconds and 190 MB). */
  doc = dd_xml_load_data (NAME, s->str, s->len, NULL, &error);
  g_assert_null (doc);
  g_assert_error (error, DD_ERROR, DD_ERROR_TOO_LARGE);
  assert_position_prefix (error->message, NAME);
  g_assert_nonnull (strstr (error->message, "longer than"));
  g_string_free (s, TRUE);
}

static void
test_long_name (void)
{
  GString *s = g_string_new ("<r><");
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;

  for (int i = 0; i < 50 * 1024; i++)
    g_string_append_c (s, 'n');
  g_string_append (s, "/></r>");
  e1 = assert_refused (s->str, s->len, NULL, DD_ERROR_MALFORMED);

  /* As an attribute name. */
  g_string_assign (s, "<r ");
  for (int i = 0; i < 50 * 1024; i++)
    g_string_append_c (s, 'n');
  g_string_append (s, "=\"1\"/>");
  e2 = assert_refused (s->str, s->len, NULL, DD_ERROR_MALFORMED);
  g_string_free (s, TRUE);
}

/* @open, then @count attributes " PREFIXn=VALUE", then "/>" */
static GString *
many_attributes (const char *open,
                 const char *prefix,
                 const char *value,
                 guint       count)
{
  GString *s = g_string_new (open);

  for (guint i = 0; i < count; i++)
    g_string_append_printf (s, " %s%u=%s", prefix, i, value);
  g_string_append (s, "/>");
  return s;
}

static void
test_many_attributes (void)
{
  GString *s;

  /* 100k attributes (libxml2 2.9 checks each against all earlier ones). */
  s = many_attributes ("<r", "a", "\"1\"", 100000);
  {
    g_autoptr(GError) error = assert_refused (s->str, s->len, NULL, DD_ERROR_TOO_LARGE);
    g_assert_true (g_str_has_prefix (error->message, NAME ":1:1:"));
  }
  g_string_free (s, TRUE);

  /* The same as namespace declarations, on a nested element. */
  s = many_attributes ("<r>\n  <e", "xmlns:p", "'urn:x'", 100000);
  g_string_append (s, "</r>");
  {
    g_autoptr(GError) error = assert_refused (s->str, s->len, NULL, DD_ERROR_TOO_LARGE);
    g_assert_true (g_str_has_prefix (error->message, NAME ":2:3:"));
  }
  g_string_free (s, TRUE);

  /* Up to the limit is fine; '=' in values, comments and text do not count. */
  s = many_attributes ("<!-- a=1 a=2 a=3 -->\n<r", "a", "'x=y'", DD_XML_MAX_ATTRIBUTES);
  g_string_prepend (s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
  {
    g_autoptr(xmlDoc) doc = assert_accepted (s->str, s->len, NULL);
    xmlAttr *a = xmlDocGetRootElement (doc)->properties;
    guint n = 0;

    for (; a != NULL; a = a->next)
      n++;
    g_assert_cmpuint (n, ==, DD_XML_MAX_ATTRIBUTES);
  }
  g_string_free (s, TRUE);

  s = many_attributes ("<r", "a", "'1'", DD_XML_MAX_ATTRIBUTES + 1);
  {
    refuse (s->str, s->len, NULL, DD_ERROR_TOO_LARGE);
  }
  g_string_free (s, TRUE);
}

/* ------------------------------------------------------------------ */
/* Encodings and bytes                                                */

static void
test_invalid_utf8 (void)
{
  const char *docs[] = {
    "<r>\xff\xfe</r>",                    /* never valid */
    "<r>\xe4\xb8</r>",                    /* cut sequence */
    "<r a=\"\x80\"/>",                    /* lone continuation byte, in a value */
    "<r\xe4/>",                           /* in a name */
    "<r>\xed\xa0\x80</r>",                /* a UTF-16 surrogate */
    "<r>\xf4\x90\x80\x80</r>",            /* above U+10FFFF */
  };

  for (gsize i = 0; i < G_N_ELEMENTS (docs); i++)
    {
      refuse (docs[i], -1, NULL, DD_ERROR_MALFORMED);
    }
}

static void
test_overlong_utf8 (void)
{
  const char *docs[] = {
    "<r>\xc0\xaf</r>",                    /* '/' in two bytes */
    "<r>\xc0\xbc/r></r>",                 /* '<' in two bytes */
    "<r>\xe0\x80\xaf</r>",                /* '/' in three bytes */
    "<r>\xf0\x80\x80\xaf</r>",            /* '/' in four bytes */
    "<r>\xc0\x80</r>",                    /* NUL in two bytes */
  };

  for (gsize i = 0; i < G_N_ELEMENTS (docs); i++)
    {
      refuse (docs[i], -1, NULL, DD_ERROR_MALFORMED);
    }
}

static void
test_wrong_encoding (void)
{
  refuse ("<?xml version=\"1.0\" encoding=\"UTF-16\"?><r>x</r>",
          -1, NULL, DD_ERROR_MALFORMED);
  refuse ("<?xml version=\"1.0\" encoding=\"US-ASCII\"?>\n<r>应急</r>",
          -1, NULL, DD_ERROR_MALFORMED);
  refuse ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<r>\xd3\xa6\xbc\xb1</r>",
          -1, NULL, DD_ERROR_MALFORMED); /* GBK bytes */
  /* Bytes the declared encoding cannot convert (the loader once stopped the
   * parser from its error handler here, and libxml2 crashed). */
  static const char bad_gb18030[] = "<?xml version=\"1.0\" encoding=\"GB18030\"?>\n<r>\xbd\xfa\xbf\x29 x</r>";
  static const char bad_utf16[] = "\xff\xfe<\0r\0>\0\x00\xd8x\0<\0/\0r\0>\0";
  refuse (bad_gb18030, sizeof bad_gb18030 - 1, NULL, DD_ERROR_MALFORMED);
  refuse (bad_utf16, sizeof bad_utf16 - 1, NULL, DD_ERROR_MALFORMED);
}

static void
test_unknown_encoding (void)
{
  refuse ("<?xml version=\"1.0\" encoding=\"X-DRILLDESK-NONE\"?><r/>",
          -1, NULL, DD_ERROR_MALFORMED);
  refuse ("<?xml version=\"1.0\" encoding=\"\"?><r/>",
          -1, NULL, DD_ERROR_MALFORMED);
  /* Encodings libxml2 knows but DrillDesk does not read (the first one was
   * found by fuzzing). */
  static const char ucs4le[] = "<\0\0\0\0\0\0\0p,an/UTF-8>";
  static const char ucs4be[] = "\0\0\0<\0\0\0r\0\0\0/\0\0\0>";
  static const char ebcdic[] = "\x4C\x6F\xA7\x94\x93\x40\xA5\x85";
  refuse (ucs4le, sizeof ucs4le - 1, NULL, DD_ERROR_MALFORMED);
  refuse (ucs4be, sizeof ucs4be - 1, NULL, DD_ERROR_MALFORMED);
  refuse (ebcdic, sizeof ebcdic - 1, NULL, DD_ERROR_MALFORMED);
  g_autoptr(GError) e6 = assert_refused ("<?xml version=\"1.0\" encoding=\"UCS-4\"?><r/>",
                                         -1, NULL, DD_ERROR_MALFORMED);
  refuse ("<?xml version='1.0' encoding = 'EBCDIC-US'?><r/>",
          -1, NULL, DD_ERROR_MALFORMED);

  g_assert_nonnull (strstr (e6->message, "UCS-4"));
}

static const char chinese_doc[] =
  "<?xml version=\"1.0\" encoding=\"%s\"?>\n"
  "<plan-note title=\"晋城市网络与信息安全突发事件应急预案\">\n"
  "  <unit phone=\"2218958\">市大数据局</unit>\n"
  "</plan-note>\n";

static void
check_chinese_doc (xmlDoc *doc)
{
  xmlNode *root = xmlDocGetRootElement (doc);
  g_autofree char *title = dd_xml_prop (root, "title");
  g_autofree char *unit = dd_xml_child_text (root, "unit");
  long line, column;

  g_assert_cmpstr ((const char *) root->name, ==, "plan-note");
  g_assert_cmpstr (title, ==, "晋城市网络与信息安全突发事件应急预案");
  g_assert_cmpstr (unit, ==, "市大数据局");
  dd_xml_node_position (dd_xml_child (root, "unit"), &line, &column);
  g_assert_cmpint (line, ==, 3);
  g_assert_cmpint (column, ==, 3);
}

static void
test_utf16_bom (void)
{
  const char *charsets[] = { "UTF-16LE", "UTF-16BE" };

  for (gsize i = 0; i < G_N_ELEMENTS (charsets); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *utf8 = g_strdup_printf (chinese_doc, "UTF-16");
      g_autofree char *body = NULL;
      gsize len = 0;
      GString *s;

      body = g_convert (utf8, -1, charsets[i], "UTF-8", NULL, &len, &error);
      g_assert_no_error (error);
      s = g_string_new_len (i == 0 ? "\xff\xfe" : "\xfe\xff", 2);
      g_string_append_len (s, body, len);
      {
        g_autoptr(xmlDoc) doc = assert_accepted (s->str, s->len, NULL);
        check_chinese_doc (doc);
      }
      /* Cut in the middle of a code unit: refused. */
      {
        refuse (s->str, s->len - 3, NULL, DD_ERROR_MALFORMED);
      }
      g_string_free (s, TRUE);
    }
}

static void
test_gb18030 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *utf8 = g_strdup_printf (chinese_doc, "GB18030");
  g_autofree char *gb = NULL;
  gsize len = 0;

  gb = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (len, <, strlen (utf8));
  {
    g_autoptr(xmlDoc) doc = assert_accepted (gb, len, NULL);
    check_chinese_doc (doc);
  }
}

static void
test_nul_bytes (void)
{
  static const char in_text[] = "<r>a\0b</r>";
  static const char in_value[] = "<r a=\"\0\"/>";
  static const char in_name[] = "<r\0/>";
  static const char after_root[] = "<r/>\0";
  static const char leading[] = "\0<r/>";

  refuse (in_text, sizeof in_text - 1, NULL, DD_ERROR_MALFORMED);
  refuse (in_value, sizeof in_value - 1, NULL, DD_ERROR_MALFORMED);
  refuse (in_name, sizeof in_name - 1, NULL, DD_ERROR_MALFORMED);
  refuse (after_root, sizeof after_root - 1, NULL, DD_ERROR_MALFORMED);
  refuse (leading, sizeof leading - 1, NULL, DD_ERROR_MALFORMED);
}

/* The scanner reads runs of text and attribute values eight bytes at a
 * time (dd-xml-scan.c). Whatever the alignment of a run and the widths of
 * its characters, it must count exactly as one byte at a time would: a run
 * of max_text characters passes, one more is refused at the column of the
 * character over the limit, and a NUL is refused at its own column and
 * byte. */
static const char *const run_pieces[] = { "a", "中", "é", "𠀀", " " };

/* @n characters taken from run_pieces from @start on. */
static void
append_run (GString *s,
            guint    n,
            guint    start)
{
  for (guint i = 0; i < n; i++)
    g_string_append (s, run_pieces[(start + i * 3) % G_N_ELEMENTS (run_pieces)]);
}

static GError *
parse_limited (const GString     *s,
               const DdXmlLimits *limits)
{
  GError *error = NULL;
  xmlDoc *doc = dd_xml_parse_data_limited (NAME, s->str, s->len, limits, &error);

  if (doc != NULL)
    xmlFreeDoc (doc);
  return error;
}

static void
assert_refused_at (GError     *error,
                   int         code,
                   long        line,
                   long        column,
                   const char *what)
{
  g_autofree char *where = g_strdup_printf ("%s:%ld:%ld: ", NAME, line, column);

  g_assert_error (error, DD_ERROR, code);
  if (!g_str_has_prefix (error->message, where))
    g_error ("expected \"%s…\", got \"%s\"", where, error->message);
  g_assert_nonnull (strstr (error->message, what));
}

static void
test_scan_runs (void)
{
  const DdXmlLimits limits = { NULL, "a test document", 1 << 20, 1000, 37, FALSE };

  for (guint shift = 0; shift < 9; shift++)
    for (guint start = 0; start < G_N_ELEMENTS (run_pieces); start++)
      {
        g_autoptr(GString) name = g_string_new ("r");
        g_autoptr(GString) head = NULL;
        g_autoptr(GString) value_head = NULL;
        g_autofree char *end_tag = NULL;

        /* Shift the run's first byte against the words; a multi-byte
         * attribute name moves the columns that follow. */
        for (guint i = 0; i < shift; i++)
          g_string_append_c (name, 'x');
        end_tag = g_strdup_printf ("</%s>", name->str);
        head = g_string_new (NULL);
        g_string_printf (head, "<%s 名称=\"值\">", name->str);
        value_head = g_string_new (head->str);
        g_string_truncate (value_head, value_head->len - 1);
        g_string_append (value_head, " b=\"");

        for (guint extra = 0; extra <= 1; extra++)
          {
            g_autoptr(GString) text = g_string_new (head->str);
            g_autoptr(GString) value = g_string_new (value_head->str);
            g_autoptr(GError) text_error = NULL;
            g_autoptr(GError) value_error = NULL;

            append_run (text, limits.max_text + extra, start);
            g_string_append (text, end_tag);
            append_run (value, limits.max_text + extra, start);
            g_string_append (value, "\"/>");

            text_error = parse_limited (text, &limits);
            value_error = parse_limited (value, &limits);
            if (extra == 0)
              {
                g_assert_no_error (text_error);
                g_assert_no_error (value_error);
                continue;
              }
            assert_refused_at (text_error, DD_ERROR_TOO_LARGE, 1,
                               g_utf8_strlen (head->str, -1) + limits.max_text + 1, "longer than");
            assert_refused_at (value_error, DD_ERROR_TOO_LARGE, 1,
                               g_utf8_strlen (value_head->str, -1) + limits.max_text + 1, "longer than");
          }

        /* A line break inside the run: it counts as one of its characters,
         * and the columns start again after it. */
        {
          g_autoptr(GString) text = g_string_new (head->str);
          g_autoptr(GError) error = NULL;

          append_run (text, 11, start);
          g_string_append_c (text, '\n');
          append_run (text, limits.max_text - 11, start + 1);
          g_string_append (text, end_tag);
          error = parse_limited (text, &limits);
          assert_refused_at (error, DD_ERROR_TOO_LARGE, 2, limits.max_text - 11, "longer than");
        }

        /* A NUL in a start tag, between names. */
        {
          g_autoptr(GString) doc = g_string_new (NULL);
          g_autoptr(GError) error = NULL;
          glong column;

          g_string_printf (doc, "<%s 名", name->str);
          column = g_utf8_strlen (doc->str, -1) + 1;
          g_string_append_len (doc, "\0称=\"值\"/>", 12);
          error = parse_limited (doc, &limits);
          assert_refused_at (error, DD_ERROR_MALFORMED, 1, column, "NUL");
        }

        /* A NUL anywhere in a run, in text and in a value. */
        for (guint at = 0; at < 24; at++)
          for (guint in_value = 0; in_value <= 1; in_value++)
            {
              GString *h = in_value ? value_head : head;
              g_autoptr(GString) doc = g_string_new (h->str);
              g_autoptr(GError) error = NULL;
              g_autofree char *byte = NULL;
              gsize offset;

              append_run (doc, at, start);
              offset = doc->len;
              g_string_append_c (doc, '\0');
              append_run (doc, 10, start);
              g_string_append (doc, in_value ? "\"/>" : end_tag);
              error = parse_limited (doc, &limits);
              assert_refused_at (error, DD_ERROR_MALFORMED, 1,
                                 g_utf8_strlen (h->str, -1) + at + 1, "NUL");
              byte = g_strdup_printf ("(byte %" G_GSIZE_FORMAT ")", offset);
              g_assert_nonnull (strstr (error->message, byte));
            }
      }
}

/* ------------------------------------------------------------------ */
/* Broken files                                                       */

static void
test_truncated (void)
{
  g_autoptr(GBytes) bytes = read_bundled_plan ();
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  const char *end_tag = g_strrstr_len (data, len, "</plan>");
  gsize root_end;
  guint accepted = 0, refused = 0;

  g_assert_nonnull (end_tag);
  root_end = end_tag - data + strlen ("</plan>");

  for (gsize cut = 0; cut <= len; )
    {
      g_autoptr(GError) error = NULL;
      /* A copy of exactly @cut bytes, so that reading past it is caught. */
      g_autofree char *copy = g_memdup2 (data, MAX (cut, 1));
      xmlDoc *doc = dd_xml_load_data (NAME, copy, cut, "plan.rng", &error);

      if (cut >= root_end)
        {
          g_assert_no_error (error);
          g_assert_nonnull (doc);
          accepted++;
        }
      else
        {
          g_assert_null (doc);
          g_assert_nonnull (error);
          g_assert_true (error->domain == DD_ERROR);
          g_assert_true (error->code == DD_ERROR_MALFORMED || error->code == DD_ERROR_SCHEMA);
          assert_position_prefix (error->message, NAME);
          refused++;
        }
      g_clear_pointer (&doc, xmlFreeDoc);

      /* Every offset near both ends, a stride through the middle. */
      if (cut < 600 || cut + 600 > len)
        cut++;
      else
        cut += 97;
    }

  g_assert_cmpuint (accepted, ==, len - root_end + 1);
  g_assert_cmpuint (refused, >, 1000);
}

static void
test_empty (void)
{
  g_autofree char *path = temp_file ("empty.xml", "", 0);
  refuse ("", 0, NULL, DD_ERROR_MALFORMED);
  refuse ("   \n\t\n", -1, NULL, DD_ERROR_MALFORMED);
  refuse ("<?xml version=\"1.0\"?>\n", -1, "plan.rng", DD_ERROR_MALFORMED);
  g_autoptr(GError) e4 = NULL;
  xmlDoc *doc = dd_xml_load_file (path, "plan.rng", &e4);

  g_assert_null (doc);
  g_assert_error (e4, DD_ERROR, DD_ERROR_MALFORMED);
  assert_position_prefix (e4->message, path);
  remove_temp_file (path);
}

static void
test_binary_garbage (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20201231);

  for (int round = 0; round < 200; round++)
    {
      gsize len = 1 + g_rand_int_range (rand, 0, 4096);
      g_autofree guint8 *data = g_malloc (len);
      g_autoptr(GError) error = NULL;
      xmlDoc *doc;

      for (gsize i = 0; i < len; i++)
        data[i] = g_rand_int_range (rand, 0, 256);
      /* Half of them look like XML for a few bytes. */
      if (round % 2 == 0 && len > 8)
        memcpy (data, "<plan id", 8);

      doc = dd_xml_load_data (NAME, (const char *) data, len, "plan.rng", &error);
      g_assert_null (doc);
      g_assert_true (error->domain == DD_ERROR);
      g_assert_true (error->code == DD_ERROR_MALFORMED || error->code == DD_ERROR_UNSAFE ||
                     error->code == DD_ERROR_TOO_LARGE || error->code == DD_ERROR_SCHEMA);
      assert_position_prefix (error->message, NAME);
    }
}

static void
test_gzip (void)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autoptr(GBytes) plan = read_bundled_plan ();
  gsize in_len;
  const char *in = g_bytes_get_data (plan, &in_len);
  gsize out_size = in_len + 1024, read = 0, written = 0;
  g_autofree char *out = g_malloc (out_size);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  xmlDoc *doc;

  g_converter_convert (G_CONVERTER (compressor), in, in_len, out, out_size,
                       G_CONVERTER_INPUT_AT_END, &read, &written, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (read, ==, in_len);

  {
    refuse (out, written, "plan.rng", DD_ERROR_MALFORMED);
  }

  path = temp_file ("plan.xml.gz", out, written);
  doc = dd_xml_load_file (path, "plan.rng", &error);
  g_assert_null (doc);
  g_assert_error (error, DD_ERROR, DD_ERROR_MALFORMED);
  assert_position_prefix (error->message, path);
  remove_temp_file (path);
}

static void
test_undeclared_prefix (void)
{
  g_autoptr(GError) error = assert_refused ("<r>\n  <x:a/>\n</r>", -1, NULL, DD_ERROR_MALFORMED);

  g_assert_true (g_str_has_prefix (error->message, NAME ":2:"));
}

static void
test_wrong_root (void)
{
  g_autoptr(GError) error = assert_refused ("<?xml version=\"1.0\"?>\n\n  <scenario id=\"x\"/>\n",
                                            -1, "plan.rng", DD_ERROR_SCHEMA);

  g_assert_true (g_str_has_prefix (error->message, NAME ":3:3:"));
}

static void
test_error_line_70000 (void)
{
  GString *s = g_string_new ("<r>\n");
  g_autoptr(GError) error = NULL;

  for (int line = 2; line < 70000; line++)
    g_string_append (s, "  <a/>\n");
  g_string_append (s, "  <a></b>\n</r>\n");

  error = assert_refused (s->str, s->len, NULL, DD_ERROR_MALFORMED);
  g_assert_true (g_str_has_prefix (error->message, NAME ":70000:"));
  g_string_free (s, TRUE);
}

static void
test_schema_error_line_70000 (void)
{
  GString *s = g_string_new ("<?xml version=\"1.0\"?>\n");
  g_autoptr(GError) error = NULL;

  for (int line = 2; line < 70000; line++)
    g_string_append (s, "<!-- -->\n");
  g_string_append (s, "    <scenario/>\n");

  error = assert_refused (s->str, s->len, "plan.rng", DD_ERROR_SCHEMA);
  g_assert_true (g_str_has_prefix (error->message, NAME ":70000:5:"));
  g_string_free (s, TRUE);
}

/* ------------------------------------------------------------------ */
/* Positions                                                          */

/* The line and column (in characters) of every start tag of @utf8, which
 * must hold no PI or CDATA with a '<' in it. */
static GArray *
expected_positions (const char *utf8)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (long) * 2);
  long line = 1, column = 1;

  for (const char *p = utf8; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_str_has_prefix (p, "<!--"))
        {
          const char *end = strstr (p, "-->");

          g_assert_nonnull (end);
          for (; p < end; p = g_utf8_next_char (p))
            if (*p == '\n')
              line++, column = 1;
            else
              column++;
        }
      if (*p == '<' && p[1] != '/' && p[1] != '!' && p[1] != '?')
        {
          long pos[2] = { line, column };
          g_array_append_vals (out, pos, 1);
        }
      if (*p == '\n')
        line++, column = 1;
      else
        column++;
    }
  return out;
}

static void
check_positions (xmlDoc     *doc,
                 const char *utf8)
{
  g_autoptr(GArray) expected = expected_positions (utf8);
  xmlNode *n = xmlDocGetRootElement (doc);
  guint i = 0;

  /* Document order, without recursion. */
  while (n != NULL)
    {
      if (n->type == XML_ELEMENT_NODE)
        {
          long *pos = &g_array_index (expected, long, 2 * i);
          long line, column;

          g_assert_cmpuint (i, <, expected->len);
          dd_xml_node_position (n, &line, &column);
          if (line != pos[0] || column != pos[1])
            g_error ("element %u <%s>: at %ld:%ld, expected %ld:%ld",
                     i, n->name, line, column, pos[0], pos[1]);
          i++;
        }
      if (n->type == XML_ELEMENT_NODE && n->children != NULL)
        n = n->children;
      else
        {
          while (n != NULL && n->next == NULL)
            n = n->parent;
          if (n != NULL)
            n = n->next;
        }
      if (n != NULL && n->type == XML_DOCUMENT_NODE)
        break;
    }
  g_assert_cmpuint (i, ==, expected->len);
}

static GString *
positions_doc (gboolean one_line,
               gboolean crlf,
               guint    elements)
{
  const char *nl = one_line ? "" : (crlf ? "\r\n" : "\n");
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>%s<root>%s", nl, nl);
  for (guint i = 0; i < elements; i++)
    {
      switch (i % 5)
        {
        case 0:
          g_string_append_printf (s, "  <unit id=\"u%u\" name=\"市大数据局\">晋城市 %u</unit>%s", i, i, nl);
          break;
        case 1: /* '>' in a value, several tags on one line */
          g_string_append_printf (s, "<a x=\"1 &gt; 0 > -1\"/><b/>\t<c>应急</c>%s", nl);
          break;
        case 2: /* a start tag over several lines */
          g_string_append_printf (s, "    <multi%s      first=\"第一\"%s      second='2'>%s    </multi>%s",
                                  one_line ? " " : nl, one_line ? " " : nl, nl, nl);
          break;
        case 3: /* a long line of Chinese text before a tag */
          g_string_append (s, "<p>");
          for (guint k = 0; k < 40 + i % 300; k++)
            g_string_append (s, "预案");
          g_string_append_printf (s, "<em>重点</em></p>%s", nl);
          break;
        default:
          g_string_append_printf (s, "<!-- comment %u --><deep><deeper><deepest/></deeper></deep>%s", i, nl);
          break;
        }
    }
  g_string_append_printf (s, "</root>%s", nl);
  return s;
}

static void
test_positions (void)
{
  struct { gboolean one_line, crlf; guint elements; } cases[] = {
    { FALSE, FALSE, 20 },
    { FALSE, FALSE, 30000 },   /* several MB: buffer shifts */
    { TRUE,  FALSE, 30000 },   /* all on one line */
    { FALSE, TRUE,  3000 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GString *s = positions_doc (cases[i].one_line, cases[i].crlf, cases[i].elements);
      g_autoptr(xmlDoc) doc = assert_accepted (s->str, s->len, NULL);

      check_positions (doc, s->str);
      g_string_free (s, TRUE);
    }
}

static void
test_positions_converted (void)
{
  /* Converted input reaches the parser in small chunks: many shifts. */
  const char *charsets[] = { "UTF-16LE", "GB18030" };

  for (gsize i = 0; i < G_N_ELEMENTS (charsets); i++)
    {
      g_autoptr(GError) error = NULL;
      GString *s = positions_doc (FALSE, FALSE, 3000);
      g_autofree char *converted = NULL;
      char *decl = strstr (s->str, "UTF-8");
      gsize len = 0;

      g_assert_nonnull (decl);
      g_string_erase (s, decl - s->str, 5);
      g_string_insert (s, decl - s->str, i == 0 ? "UTF-16" : "GB18030");
      converted = g_convert (s->str, s->len, charsets[i], "UTF-8", NULL, &len, &error);
      g_assert_no_error (error);
      {
        g_autoptr(xmlDoc) doc = assert_accepted (converted, len, NULL);
        check_positions (doc, s->str);
      }
      g_string_free (s, TRUE);
    }
}

static void
test_schema_error_position (void)
{
  g_autoptr(GBytes) bytes = read_bundled_plan ();
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  g_autoptr(GString) s = g_string_new_len (data, len);
  const char *target = strstr (s->str, "<identity>");
  gsize at;
  long line = 1;

  /* An attribute the schema does not know, on a known element. */
  g_assert_nonnull (target);
  at = target - s->str;
  for (gsize i = 0; i < at; i++)
    if (s->str[i] == '\n')
      line++;
  g_string_insert (s, at + strlen ("<identity"), " bogus=\"1\"");
  {
    g_autoptr(GError) error = assert_refused (s->str, s->len, "plan.rng", DD_ERROR_SCHEMA);
    g_autofree char *prefix = g_strdup_printf (NAME ":%ld:3:", line);

    if (!g_str_has_prefix (error->message, prefix))
      g_error ("expected %s, got %s", prefix, error->message);
  }

  /* An element the schema does not know. */
  g_string_erase (s, at + strlen ("<identity"), strlen (" bogus=\"1\""));
  g_string_insert (s, at, "<bogus/>");
  {
    g_autoptr(GError) error = assert_refused (s->str, s->len, "plan.rng", DD_ERROR_SCHEMA);
    g_autofree char *prefix = g_strdup_printf (NAME ":%ld:", line);

    if (!g_str_has_prefix (error->message, prefix))
      g_error ("expected %s, got %s", prefix, error->message);
  }
}

static void
test_node_error (void)
{
  g_autoptr(xmlDoc) doc = assert_accepted ("<r>\n  <unit id=\"x\"/>\n</r>", -1, NULL);
  xmlNode *unit = dd_xml_child (xmlDocGetRootElement (doc), "unit");
  g_autoptr(GError) error = NULL;

  dd_xml_node_error (&error, unit, "duplicate id %s", "x");
  g_assert_error (error, DD_ERROR, DD_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, NAME ":2:3: duplicate id x");
}

static void
test_bundled_plan (void)
{
  g_autoptr(GBytes) bytes = read_bundled_plan ();
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  g_autoptr(xmlDoc) doc = assert_accepted (data, len, "plan.rng");

  g_assert_cmpstr ((const char *) xmlDocGetRootElement (doc)->name, ==, "plan");
  check_positions (doc, data);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *canary_dir = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  dd_xml_init ();
  deny_loader = xmlGetExternalEntityLoader ();
  xmlSetExternalEntityLoader (counting_loader);

  canary_dir = g_dir_make_tmp ("dd-test-canary-XXXXXX", &error);
  g_assert_no_error (error);
  canary_path = g_build_filename (canary_dir, "secret.txt", NULL);
  g_file_set_contents (canary_path, CANARY "\n", -1, &error);
  g_assert_no_error (error);
  canary_uri = g_filename_to_uri (canary_path, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/dd/xml/hostile/local-file-entity", test_local_file_entity);
  g_test_add_func ("/dd/xml/hostile/external-dtd", test_external_dtd);
  g_test_add_func ("/dd/xml/hostile/external-parameter-entity", test_external_parameter_entity);
  g_test_add_func ("/dd/xml/hostile/public-id", test_public_id);
  g_test_add_func ("/dd/xml/hostile/billion-laughs", test_billion_laughs);
  g_test_add_func ("/dd/xml/hostile/quadratic-blowup", test_quadratic_blowup);
  g_test_add_func ("/dd/xml/hostile/xinclude", test_xinclude);
  g_test_add_func ("/dd/xml/hostile/nothing-fetched", test_nothing_fetched);
  g_test_add_func ("/dd/xml/size/nesting", test_nesting);
  g_test_add_func ("/dd/xml/size/oversized", test_oversized);
  g_test_add_func ("/dd/xml/size/10mb-text-node", test_big_text_node);
  g_test_add_func ("/dd/xml/size/50kb-name", test_long_name);
  g_test_add_func ("/dd/xml/size/many-attributes", test_many_attributes);
  g_test_add_func ("/dd/xml/encoding/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/dd/xml/encoding/overlong-utf8", test_overlong_utf8);
  g_test_add_func ("/dd/xml/encoding/wrong-declared", test_wrong_encoding);
  g_test_add_func ("/dd/xml/encoding/unknown", test_unknown_encoding);
  g_test_add_func ("/dd/xml/encoding/utf16-bom", test_utf16_bom);
  g_test_add_func ("/dd/xml/encoding/gb18030", test_gb18030);
  g_test_add_func ("/dd/xml/encoding/nul-bytes", test_nul_bytes);
  g_test_add_func ("/dd/xml/size/runs-word-by-word", test_scan_runs);
  g_test_add_func ("/dd/xml/broken/truncated", test_truncated);
  g_test_add_func ("/dd/xml/broken/empty", test_empty);
  g_test_add_func ("/dd/xml/broken/binary-garbage", test_binary_garbage);
  g_test_add_func ("/dd/xml/broken/gzip", test_gzip);
  g_test_add_func ("/dd/xml/broken/undeclared-prefix", test_undeclared_prefix);
  g_test_add_func ("/dd/xml/broken/wrong-root", test_wrong_root);
  g_test_add_func ("/dd/xml/broken/error-on-line-70000", test_error_line_70000);
  g_test_add_func ("/dd/xml/broken/schema-error-on-line-70000", test_schema_error_line_70000);
  g_test_add_func ("/dd/xml/position/start-tags", test_positions);
  g_test_add_func ("/dd/xml/position/converted-input", test_positions_converted);
  g_test_add_func ("/dd/xml/position/schema-errors", test_schema_error_position);
  g_test_add_func ("/dd/xml/position/node-error", test_node_error);
  g_test_add_func ("/dd/xml/bundled-plan", test_bundled_plan);

  ret = g_test_run ();

  g_unlink (canary_path);
  g_rmdir (canary_dir);
  g_free (canary_path);
  g_free (canary_uri);
  return ret;
}
