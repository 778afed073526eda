/* test-xml-files.c — the XML loader's limits and its handling of files
 *
 * Documents too large for their kind (too many elements, a text too long, a
 * file too big) are refused from a count over the bytes, before libxml2
 * builds anything; the hostile files are generated here, never stored. Any
 * path (missing, a folder, a FIFO, unreadable, a name that is not UTF-8 or
 * holds a space) gets a one-line message in valid UTF-8 that names the file
 * as given. The root sniff reads no further than the root's start tag.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "dd-error.h"
#include "dd-xml.h"
#include "dd-sha256.h"

#define NAME "t.xml"

/* ------------------------------------------------------------------ */
/* Helpers                                                            */

static void
assert_message (const GError *error,
                const char   *name,
                gboolean      with_position)
{
  g_autofree char *quoted = g_regex_escape_string (name, -1);
  g_autofree char *pattern = g_strdup_printf (with_position ? "^%s:[0-9]+:[0-9]+: [^ ]" : "^%s: [^ ]",
                                              quoted);

  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_null (strchr (error->message, '\n'));
  if (!g_regex_match_simple (pattern, error->message, 0, 0))
    g_error ("message does not start with “%s”: %s", pattern, error->message);
}

static GError *
assert_refused (const char *data,
                gsize       len,
                const char *schema,
                int         code)
{
  GError *error = NULL;
  xmlDoc *doc = dd_xml_load_data (NAME, data, len, schema, &error);

  if (doc != NULL)
    g_error ("an oversized document was accepted");
  g_assert_error (error, DD_ERROR, code);
  assert_message (error, NAME, TRUE);
  return error;
}

static char *
temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("dd-test-xml-files-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_rmdir (path) != 0)
        g_unlink (path);
    }
  g_rmdir (dir);
}

static void
write_file (const char *path,
            const char *data,
            gssize      len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
}

/* A schema-valid action script but for one element it does not allow. */
#define BAD_SCRIPT "<actions scenario=\"s\" plan=\"p\">\n  <bogus/>\n</actions>\n"

/* ------------------------------------------------------------------ */
/* Limits                                                             */

/* The document of issue 18: 60 MB of 15 million empty elements. libxml2
 * alone spends 13 s and 2 GB on it; the count stops it at the limit. */
static void
test_many_elements (void)
{
  const gsize n = 15 * 1000 * 1000;
  GString *s = g_string_sized_new (4 * n + 32);
  const char *schemas[] = { "scenario.rng", "actions.rng", "plan.rng", NULL };

  g_string_append (s, "<scenario>");
  for (gsize i = 0; i < n; i++)
    g_string_append (s, "<a/>");
  g_string_append (s, "</scenario>");

  for (gsize k = 0; k < G_N_ELEMENTS (schemas); k++)
    {
      const DdXmlLimits *limits = dd_xml_limits_for (schemas[k]);
      g_autoptr(GError) error = NULL;
      g_autofree char *expected = NULL;

      if (s->len > limits->max_bytes)
        {
          /* The plan's smaller size limit comes first: check the count on a
           * prefix that fits, cut after a whole element. */
          gsize len = limits->max_bytes - limits->max_bytes % 4 - 4;

          error = assert_refused (s->str, len, schemas[k], DD_ERROR_TOO_LARGE);
          g_assert_nonnull (strstr (error->message, "elements"));
          g_clear_error (&error);
          error = assert_refused (s->str, s->len, schemas[k], DD_ERROR_TOO_LARGE);
          g_assert_nonnull (strstr (error->message, "bytes"));
          continue;
        }
      error = assert_refused (s->str, s->len, schemas[k], DD_ERROR_TOO_LARGE);
      expected = g_strdup_printf ("more than %u elements, over the limit for %s",
                                  limits->max_elements, limits->kind);
      g_assert_nonnull (strstr (error->message, expected));
      /* Where the first element over the limit starts: on line 1, after
       * <scenario> and max_elements - 1 elements of 4 characters. */
      {
        g_autofree char *where = g_strdup_printf (NAME ":1:%u: ", 11 + 4 * (limits->max_elements - 1));

        g_assert_true (g_str_has_prefix (error->message, where));
      }
    }
  g_string_free (s, TRUE);
}

/* The limit is per kind: a document with more elements than a plan may hold
 * still loads as any document. */
static void
test_elements_per_kind (void)
{
  const DdXmlLimits *plan = dd_xml_limits_for ("plan.rng");
  const DdXmlLimits *any = dd_xml_limits_for (NULL);
  GString *s = g_string_new ("<r>");
  g_autoptr(GError) error = NULL;
  g_autoptr(xmlDoc) doc = NULL;

  g_assert_cmpuint (plan->max_elements, <, any->max_elements);
  for (guint i = 0; i < plan->max_elements; i++)
    g_string_append (s, "<a/>");
  g_string_append (s, "</r>");

  error = assert_refused (s->str, s->len, "plan.rng", DD_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "a plan"));
  g_clear_error (&error);
  doc = dd_xml_load_data (NAME, s->str, s->len, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);
  g_string_free (s, TRUE);
}

static GString *
long_run (const char *before,
          gsize       n,
          const char *after)
{
  GString *s = g_string_sized_new (n + 64);

  g_string_append (s, before);
  for (gsize i = 0; i < n; i++)
    g_string_append_c (s, 'a' + i % 26);
  g_string_append (s, after);
  return s;
}

/* A single huge text node, attribute value, comment or CDATA section:
 * refused over the limit, loaded at it (for a comment or a CDATA section
 * the count includes its markup: @slack). */
static void
test_long_text (void)
{
  const DdXmlLimits *limits = dd_xml_limits_for ("scenario.rng");
  const struct { const char *before, *after; guint slack; } cases[] = {
    { "<r\n>", "</r>", 0 },
    { "<r>\n<a v=\"", "\"/></r>", 0 },
    { "<r>\n<!--", "--></r>", 3 },
    { "<r>\n<![CDATA[", "]]></r>", 10 },
  };

  for (gsize k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      GString *huge = long_run (cases[k].before, 60 * 1000 * 1000, cases[k].after);
      GString *at_limit = long_run (cases[k].before, limits->max_text - cases[k].slack, cases[k].after);
      GString *over = long_run (cases[k].before, limits->max_text - cases[k].slack + 1, cases[k].after);
      g_autoptr(GError) e1 = assert_refused (huge->str, huge->len, "scenario.rng", DD_ERROR_TOO_LARGE);
      g_autoptr(GError) e2 = assert_refused (over->str, over->len, NULL, DD_ERROR_TOO_LARGE);
      g_autoptr(GError) error = NULL;
      g_autoptr(xmlDoc) doc = dd_xml_load_data (NAME, at_limit->str, at_limit->len, NULL, &error);
      g_autofree char *expected = g_strdup_printf ("longer than %u characters, over the limit for a scenario",
                                                   limits->max_text);

      g_assert_nonnull (strstr (e1->message, expected));
      g_assert_true (g_str_has_prefix (e1->message, NAME ":2:"));
      g_assert_no_error (error);
      g_assert_nonnull (doc);
      g_string_free (huge, TRUE);
      g_string_free (at_limit, TRUE);
      g_string_free (over, TRUE);
    }
}

/* Characters, not bytes: a text of max_text Chinese characters (three bytes
 * each in UTF-8) is within the limit. */
static void
test_long_text_characters (void)
{
  const DdXmlLimits *limits = dd_xml_limits_for (NULL);
  GString *s = g_string_new ("<r>");
  g_autoptr(GError) error = NULL;
  g_autoptr(xmlDoc) doc = NULL;

  for (guint i = 0; i < limits->max_text; i++)
    g_string_append (s, "演");
  g_string_append (s, "</r>");
  doc = dd_xml_load_data (NAME, s->str, s->len, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);
  g_string_free (s, TRUE);
}

/* Over the size limit of its kind: refused before it is read (a sparse
 * file), with the limit and the kind in the message. */
static void
test_file_size_per_kind (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "plan.xml", NULL);
  const DdXmlLimits *plan = dd_xml_limits_for ("plan.rng");
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  gsize len = 0;
  int fd;

  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, "<plan>", 6), ==, 6);
  g_assert_cmpint (ftruncate (fd, plan->max_bytes + 1), ==, 0);
  close (fd);

  g_assert_false (dd_xml_read_file (path, "plan.rng", &contents, &len, &error));
  g_assert_error (error, DD_ERROR, DD_ERROR_TOO_LARGE);
  assert_message (error, path, TRUE);
  expected = g_strdup_printf ("over the limit of %" G_GSIZE_FORMAT " bytes for a plan", plan->max_bytes);
  g_assert_nonnull (strstr (error->message, expected));
  g_assert_null (contents);
  g_clear_error (&error);

  /* The same file is within the limit of any document. */
  g_assert_true (dd_xml_read_file (path, NULL, &contents, &len, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (len, ==, plan->max_bytes + 1);
  remove_dir (dir);
}

/* ------------------------------------------------------------------ */
/* Paths                                                              */

static void
assert_file_refused (const char *path,
                     const char *shown,
                     int         code,
                     const char *words)
{
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  g_autoptr(GError) e3 = NULL;
  g_autofree char *root = NULL;
  xmlDoc *doc = dd_xml_load_file (path, "actions.rng", &e1);

  g_assert_null (doc);
  g_assert_error (e1, DD_ERROR, code);
  assert_message (e1, shown, FALSE);
  g_assert_nonnull (strstr (e1->message, words));

  root = dd_xml_sniff_root (path, NULL, &e2);
  g_assert_null (root);
  g_assert_error (e2, DD_ERROR, code);
  g_assert_cmpstr (e2->message, ==, e1->message);
}

static void
test_missing_folder_fifo (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *missing = g_build_filename (dir, "missing.xml", NULL);
  g_autofree char *fifo = g_build_filename (dir, "pipe.xml", NULL);

  assert_file_refused (missing, missing, DD_ERROR_IO, "No such file");
  assert_file_refused (dir, dir, DD_ERROR_IO, "a folder");
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  /* Opened without waiting for a writer (none will come). */
  assert_file_refused (fifo, fifo, DD_ERROR_IO, "named pipe");
  if (g_file_test ("/dev/zero", G_FILE_TEST_EXISTS))
    assert_file_refused ("/dev/zero", "/dev/zero", DD_ERROR_IO, "a device");
  remove_dir (dir);
}

static void
test_unreadable (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root reads every file");
      return;
    }
  dir = temp_dir ();
  path = g_build_filename (dir, "secret.xml", NULL);
  write_file (path, BAD_SCRIPT, -1);
  g_assert_cmpint (g_chmod (path, 0), ==, 0);
  assert_file_refused (path, path, DD_ERROR_IO, "Permission denied");
  remove_dir (dir);
}

/* A name that is not UTF-8 is escaped (\xFF), a space stays a space (not
 * %20), in the loader's errors, the schema's and the model's alike. */
static void
test_names_as_given (void)
{
  const char *names[] = { "my script.xml", "bad\xff\xfe name.xml", "new\nline.xml", "脚本 一.xml" };
  const char *shown[] = { "my script.xml", "bad\\xFF\\xFE name.xml", "new\\x0Aline.xml", "脚本 一.xml" };
  g_autofree char *dir = temp_dir ();

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autofree char *expected = g_build_filename (dir, shown[i], NULL);
      g_autoptr(GError) schema_error = NULL;
      g_autoptr(GError) syntax_error = NULL;
      g_autoptr(GError) node_error = NULL;
      g_autoptr(xmlDoc) doc = NULL;
      xmlDoc *refused;

      write_file (path, BAD_SCRIPT, -1);
      refused = dd_xml_load_file (path, "actions.rng", &schema_error);
      g_assert_null (refused);
      g_assert_error (schema_error, DD_ERROR, DD_ERROR_SCHEMA);
      assert_message (schema_error, expected, TRUE);

      doc = dd_xml_load_file (path, NULL, &node_error);
      g_assert_no_error (node_error);
      dd_xml_node_error (&node_error, xmlDocGetRootElement (doc), "x");
      assert_message (node_error, expected, TRUE);
      g_unlink (path);

      /* Invalid UTF-8 in the refused input itself. */
      write_file (path, "<r>\xff\xfe</r>", -1);
      refused = dd_xml_load_file (path, NULL, &syntax_error);
      g_assert_null (refused);
      g_assert_error (syntax_error, DD_ERROR, DD_ERROR_MALFORMED);
      assert_message (syntax_error, expected, TRUE);
      g_unlink (path);
    }
  remove_dir (dir);
}

static void
test_display_name (void)
{
  g_autofree char *a = dd_xml_display_name ("plain/路径 名.xml");
  g_autofree char *b = dd_xml_display_name ("a\xc3(b\xe6\x97\tc\x7f");

  g_assert_cmpstr (a, ==, "plain/路径 名.xml");
  g_assert_cmpstr (b, ==, "a\\xC3(b\\xE6\\x97\\x09c\\x7F");
}

/* ------------------------------------------------------------------ */
/* Root sniff                                                         */

/* Writes @content to @path and asserts that the sniff refuses it. */
static void
assert_sniff_refused (const char *path,
                      const char *content,
                      int         code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = NULL;

  write_file (path, content, -1);
  root = dd_xml_sniff_root (path, NULL, &error);
  g_assert_null (root);
  g_assert_error (error, DD_ERROR, code);
  assert_message (error, path, TRUE);
}

static void
test_sniff (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "s.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) attributes = NULL;
  g_autofree char *root = NULL;
  GString *big;

  /* A prolog, a namespace, entity references in a value. */
  write_file (path,
              "\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- c -->\n"
              "<actions xmlns:x=\"urn:x\" scenario=\"a&amp;b&#x4E00;\" x:o=\"no\" plan=\"p\">\n"
              "  <not-well-formed\n", -1);
  root = dd_xml_sniff_root (path, &attributes, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (root, ==, "actions");
  g_assert_cmpuint (g_strv_length (attributes), ==, 4);
  g_assert_cmpstr (attributes[0], ==, "scenario");
  g_assert_cmpstr (attributes[1], ==, "a&b一");
  g_assert_cmpstr (attributes[2], ==, "plan");
  g_assert_cmpstr (attributes[3], ==, "p");
  g_clear_pointer (&root, g_free);

  /* The root of a huge file, read from its first bytes only. */
  big = g_string_new ("<scenario id=\"x\">");
  for (int i = 0; i < 1000000; i++)
    g_string_append (big, "<a>b</a>");
  g_string_append (big, "</scenario>");
  write_file (path, big->str, big->len);
  g_string_free (big, TRUE);
  root = dd_xml_sniff_root (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (root, ==, "scenario");
  g_clear_pointer (&root, g_free);

  /* The loader's rules: no DOCTYPE, no entity, an encoding it reads. */
  assert_sniff_refused (path, "<!DOCTYPE r [<!ENTITY e \"x\">]>\n<r/>", DD_ERROR_UNSAFE);
  assert_sniff_refused (path, "<r a=\"&e;\"/>", DD_ERROR_UNSAFE);
  assert_sniff_refused (path, "<?xml version=\"1.0\" encoding=\"EBCDIC-US\"?><r/>", DD_ERROR_MALFORMED);

  /* No root: empty, only a prolog, or not XML. */
  assert_sniff_refused (path, "", DD_ERROR_MALFORMED);
  assert_sniff_refused (path, "<?xml version=\"1.0\"?>\n<!-- only -->\n", DD_ERROR_MALFORMED);
  assert_sniff_refused (path, "not xml", DD_ERROR_MALFORMED);

  /* UTF-16 with a byte order mark. */
  {
    g_autofree char *utf16 = NULL;
    gsize written = 0;

    utf16 = g_convert ("\xef\xbb\xbf<plan id=\"p\"/>", -1, "UTF-16LE", "UTF-8", NULL, &written, &error);
    g_assert_no_error (error);
    write_file (path, utf16, written);
    root = dd_xml_sniff_root (path, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (root, ==, "plan");
  }
  remove_dir (dir);
}

/* ------------------------------------------------------------------ */
/* Streaming                                                          */

/* A file is parsed as it is read, block by block: the result, the errors
 * and their positions are those of the same bytes loaded from memory, in
 * every encoding, before and after the first block, and the checksum is the
 * file's. */
static void
test_streamed_like_memory (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "doc.xml", NULL);
  GString *big = g_string_new ("<r>\n");
  struct { const char *what; char *data; gsize len; } cases[8];
  gsize n = 0;

  for (int i = 0; i < 40000; i++)
    g_string_append_printf (big, "  <item id=\"i%d\">第 %d 条</item>\n", i, i);

  cases[n].what = "big, valid";
  cases[n].data = g_strdup_printf ("%s</r>\n", big->str);
  cases[n].len = strlen (cases[n].data);
  n++;
  cases[n].what = "big, broken after the first block";
  cases[n].data = g_strdup_printf ("%s<oops></r>\n", big->str);
  cases[n].len = strlen (cases[n].data);
  n++;
  cases[n].what = "big, NUL after the first block";
  cases[n].data = g_strdup_printf ("%s</r>\n", big->str);
  cases[n].len = strlen (cases[n].data);
  cases[n].data[cases[n].len - 300] = '\0';
  n++;
  cases[n].what = "big, DOCTYPE after the first block is not possible; an entity is";
  cases[n].data = g_strdup_printf ("%s<x>&e;</x></r>\n", big->str);
  cases[n].len = strlen (cases[n].data);
  n++;
  cases[n].what = "UTF-16";
  cases[n].data = g_convert ("\xef\xbb\xbf<r>\n  <a>演练</a>\n  <b x='1' x='2'/></r>", -1,
                             "UTF-16LE", "UTF-8", NULL, &cases[n].len, NULL);
  n++;
  cases[n].what = "GB18030";
  cases[n].data = g_convert ("<?xml version='1.0' encoding='GB18030'?>\n<r>\n  <a>演练</a>\n  <b/>\n</r>", -1,
                             "GB18030", "UTF-8", NULL, &cases[n].len, NULL);
  n++;

  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GError) file_error = NULL;
      g_autoptr(GError) data_error = NULL;
      g_autoptr(xmlDoc) from_file = NULL;
      g_autoptr(xmlDoc) from_data = NULL;
      g_autofree char *sha = NULL;

      g_assert_nonnull (cases[i].data);
      write_file (path, cases[i].data, cases[i].len);
      from_file = dd_xml_parse_file (path, NULL, &sha, &file_error);
      from_data = dd_xml_parse_data (path, cases[i].data, cases[i].len, NULL, &data_error);
      if (from_data == NULL)
        {
          g_test_message ("%s: %s", cases[i].what, data_error->message);
          g_assert_null (from_file);
          g_assert_null (sha);
          g_assert_nonnull (file_error);
          g_assert_cmpint (file_error->code, ==, data_error->code);
          g_assert_cmpstr (file_error->message, ==, data_error->message);
        }
      else
        {
          g_autofree char *expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                                                   (const guchar *) cases[i].data,
                                                                   cases[i].len);
          xmlNode *a = xmlDocGetRootElement (from_file), *b = xmlDocGetRootElement (from_data);

          g_assert_no_error (file_error);
          g_assert_cmpstr (sha, ==, expected);
          /* Same elements at the same positions. */
          for (; a != NULL && b != NULL; a = a->next ? a->next : a->children, b = b->next ? b->next : b->children)
            {
              long la, ca, lb, cb;

              g_assert_cmpint (a->type, ==, b->type);
              dd_xml_node_position (a, &la, &ca);
              dd_xml_node_position (b, &lb, &cb);
              g_assert_cmpint (la, ==, lb);
              g_assert_cmpint (ca, ==, cb);
            }
          g_assert_true (a == NULL && b == NULL);
        }
      g_free (cases[i].data);
    }
  g_string_free (big, TRUE);
  remove_dir (dir);
}

/* Element text: white space around removed, inner runs folded to one
 * space, none between two wide (CJK) characters or next to one. */
static void
test_text_folding (void)
{
  const struct { const char *xml, *text; } cases[] = {
    { "<r/>", "" },
    { "<r>  </r>", "" },
    { "<r>plain</r>", "plain" },
    { "<r>\n  a\n\t b  c\r\n</r>", "a b c" },
    { "<r>网络\n      安全</r>", "网络安全" },
    { "<r>DNS\n  解析</r>", "DNS解析" },
    { "<r>解析\n  DNS 记录</r>", "解析DNS记录" },
    { "<r>a<b>b</b>\n c</r>", "ab c" },
    { "<r>a &amp;  b</r>", "a & b" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(xmlDoc) doc = dd_xml_parse_data (NAME, cases[i].xml, strlen (cases[i].xml), NULL, &error);
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      text = dd_xml_text (xmlDocGetRootElement (doc));
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* The SHA-256 that names plans and scenarios in journals and checks every
 * journal line: the same digest as GChecksum's, in one piece or in many,
 * across the 64-byte blocks of the hash. */
static void
test_sha256 (void)
{
  g_autofree guchar *data = g_malloc (4099);
  char hex[DD_SHA256_HEX_LEN + 1];

  dd_sha256_hex_into ("abc", 3, hex);
  g_assert_cmpstr (hex, ==, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  dd_sha256_hex_into ("", 0, hex);
  g_assert_cmpstr (hex, ==, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

  for (gsize i = 0; i < 4099; i++)
    data[i] = (guchar) (i * 131 + i / 7);
  for (gsize len = 0; len <= 4099; len += len < 200 ? 1 : 97)
    {
      g_autofree char *expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, len);
      g_autofree char *whole = dd_sha256_hex (data, len);
      g_autoptr(DdSha256) pieces = dd_sha256_new ();

      g_assert_cmpstr (whole, ==, expected);
      for (gsize at = 0, step = 1; at < len; at += step, step = step * 2 + 1)
        dd_sha256_update (pieces, data + at, MIN (step, len - at));
      dd_sha256_finish (pieces, hex);
      g_assert_cmpstr (hex, ==, expected);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  dd_xml_init ();

  g_test_add_func ("/dd/xml/limits/many-elements", test_many_elements);
  g_test_add_func ("/dd/xml/limits/elements-per-kind", test_elements_per_kind);
  g_test_add_func ("/dd/xml/limits/long-text", test_long_text);
  g_test_add_func ("/dd/xml/limits/long-text-characters", test_long_text_characters);
  g_test_add_func ("/dd/xml/limits/file-size-per-kind", test_file_size_per_kind);
  g_test_add_func ("/dd/xml/files/missing-folder-fifo", test_missing_folder_fifo);
  g_test_add_func ("/dd/xml/files/unreadable", test_unreadable);
  g_test_add_func ("/dd/xml/files/names-as-given", test_names_as_given);
  g_test_add_func ("/dd/xml/files/display-name", test_display_name);
  g_test_add_func ("/dd/xml/sniff", test_sniff);
  g_test_add_func ("/dd/xml/text-folding", test_text_folding);
  g_test_add_func ("/dd/xml/files/streamed-like-memory", test_streamed_like_memory);
  g_test_add_func ("/dd/xml/files/sha256", test_sha256);

  return g_test_run ();
}
