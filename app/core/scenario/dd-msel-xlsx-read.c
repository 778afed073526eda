/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-msel-xlsx-read.c — an MSEL table read from an XLSX workbook, as Excel
 * and WPS write them (see dd-msel.h)
 *
 * Copyright 2024 The DrillDesk authors
 *
 * The zip container through dd-zip-read (libarchive, bounded: entries,
 * bytes per entry, bytes in all, ratio), every part through the project's
 * XML loader (dd-xml: no DTD, no entities, no network, bounded elements and
 * text).  Read: the workbook (its sheets, the 1904 date system), its
 * relationships, the shared strings (bounded in count and length), the
 * styles (which cell formats are dates or times) and one sheet: the one
 * named as msel.ini's [sheets] msel, else the first.  Cells: shared
 * strings (t="s", as Excel writes), inline strings (t="inlineStr", as
 * WPS writes), numbers, numbers in a date or time format (serial days),
 * booleans; rich text runs are joined, phonetic runs left out, _xHHHH_
 * escapes decoded.  A formula is refused, cached value or not: the cell
 * would hold what a calculation last gave, which nobody may have checked
 * (paste the cells as values).  Error cells are refused too.
 */

#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-error.h"
#include "dd-msel.h"
#include "dd-msel-private.h"
#include "dd-xml.h"
#include "dd-zip-read.h"

#define MAX_SHARED_STRINGS 100000
#define MAX_SHARED_CHARS   ((gsize) 16 * 1024 * 1024)

static const DdZipLimits zip_limits = {
  .max_entries = 1000,
  .max_entry_bytes = (gsize) 32 * 1024 * 1024,
  .max_total_bytes = (gsize) 96 * 1024 * 1024,
  .max_ratio = 100,
  .ratio_floor = (gsize) 4 * 1024 * 1024,
};

static const DdXmlLimits part_limits = {
  .schema = NULL,
  .kind = "a part of a spreadsheet",
  .max_bytes = (gsize) 32 * 1024 * 1024,
  .max_elements = 300000,
  .max_text = 1024 * 1024,
  .drop_blanks = FALSE,
};

typedef struct {
  const char   *name;         /* the file, as shown */
  DdZipRead    *zip;
  char         *workbook;     /* path of the workbook part */
  GHashTable   *rels;         /* id -> target path */
  GHashTable   *rel_types;    /* type suffix ("styles", "sharedStrings") -> target path */
  GPtrArray    *strings;      /* shared strings */
  GArray       *date_styles;  /* gboolean per cell format (xf) */
  gboolean      date1904;
} Book;

/* ------------------------------------------------------------------ */
/* Parts                                                               */

static xmlDoc *
load_part (Book        *book,
           const char  *path,
           GError     **error)
{
  g_autoptr(GBytes) bytes = dd_zip_read_entry (book->zip, path, error);
  g_autofree char *shown = NULL;
  gsize len = 0;
  const char *data;

  if (bytes == NULL)
    return NULL;
  shown = g_strdup_printf ("%s:%s", book->name, path);
  data = g_bytes_get_data (bytes, &len);
  return dd_xml_parse_data_limited (shown, data, len, &part_limits, error);
}

/* @target relative to the folder of @from ("xl/workbook.xml"), or from the
 * root when it starts with "/"; NULL when it leads out of the archive. */
static char *
resolve_target (const char *from,
                const char *target)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) dir = NULL;
  g_auto(GStrv) rel = g_strsplit (target, "/", -1);

  if (target[0] != '/')
    {
      g_autofree char *d = g_path_get_dirname (from);

      if (strcmp (d, ".") != 0)
        {
          dir = g_strsplit (d, "/", -1);
          for (guint i = 0; dir[i] != NULL; i++)
            g_ptr_array_add (parts, g_strdup (dir[i]));
        }
    }
  for (guint i = 0; rel[i] != NULL; i++)
    {
      if (rel[i][0] == '\0' || strcmp (rel[i], ".") == 0)
        continue;
      if (strcmp (rel[i], "..") == 0)
        {
          if (parts->len == 0)
            return NULL;
          g_ptr_array_remove_index (parts, parts->len - 1);
          continue;
        }
      g_ptr_array_add (parts, g_strdup (rel[i]));
    }
  g_ptr_array_add (parts, NULL);
  return g_strjoinv ("/", (char **) parts->pdata);
}

static char *
rels_path (const char *part)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;

  if (*part == '\0')
    return g_strdup ("_rels/.rels");
  dir = g_path_get_dirname (part);
  base = g_path_get_basename (part);

  return strcmp (dir, ".") == 0 ? g_strdup_printf ("_rels/%s.rels", base)
                                : g_strdup_printf ("%s/_rels/%s.rels", dir, base);
}

/* The relationships of @part: id -> target; type's last word -> target */
static gboolean
read_rels (Book        *book,
           const char  *part,
           GHashTable  *ids,
           GHashTable  *types,
           GError     **error)
{
  g_autofree char *path = rels_path (part);
  g_autoptr(xmlDoc) doc = NULL;

  if (!dd_zip_read_has (book->zip, path))
    return TRUE;
  doc = load_part (book, path, error);
  if (doc == NULL)
    return FALSE;
  DD_XML_FOREACH (r, xmlDocGetRootElement (doc), "Relationship")
    {
      g_autofree char *id = dd_xml_prop (r, "Id");
      g_autofree char *type = dd_xml_prop (r, "Type");
      g_autofree char *target = dd_xml_prop (r, "Target");
      g_autofree char *mode = dd_xml_prop (r, "TargetMode");
      char *resolved;
      const char *slash;

      if (id == NULL || target == NULL || g_strcmp0 (mode, "External") == 0)
        continue;
      resolved = resolve_target (part, target);
      if (resolved == NULL)
        continue;
      slash = type ? strrchr (type, '/') : NULL;
      if (types != NULL && slash != NULL && !g_hash_table_contains (types, slash + 1))
        g_hash_table_insert (types, g_strdup (slash + 1), g_strdup (resolved));
      g_hash_table_insert (ids, g_steal_pointer (&id), resolved);
    }
  return TRUE;
}

/* "_x000D_" and the like: characters Excel cannot write in XML */
static char *
decode_escapes (const char *text)
{
  GString *out;

  if (strstr (text, "_x") == NULL)
    return g_strdup (text);
  out = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p++)
    {
      if (p[0] == '_' && p[1] == 'x' && g_ascii_isxdigit (p[2]) && g_ascii_isxdigit (p[3]) &&
          g_ascii_isxdigit (p[4]) && g_ascii_isxdigit (p[5]) && p[6] == '_')
        {
          gunichar c = (gunichar) g_ascii_strtoull (p + 2, NULL, 16);

          if (c != 0 && g_unichar_validate (c))
            {
              g_string_append_unichar (out, c);
              p += 6;
              continue;
            }
        }
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* The text of a <t> as written: spaces and line breaks are part of a
 * cell (dd_xml_text () folds them, as the model's own files want). */
static void
append_raw_text (GString *s,
                 xmlNode *t)
{
  xmlChar *text = xmlNodeGetContent (t);

  g_string_append (s, text ? (const char *) text : "");
  xmlFree (text);
}

/* The text of an <si> or <is>: its <t>, or its runs' <t>s; not <rPh>. */
static char *
string_item_text (xmlNode *item)
{
  GString *s = g_string_new (NULL);
  g_autofree char *raw = NULL;

  for (xmlNode *n = item->children; n != NULL; n = n->next)
    {
      if (dd_xml_is (n, "t"))
        append_raw_text (s, n);
      else if (dd_xml_is (n, "r"))
        DD_XML_FOREACH (t, n, "t")
          append_raw_text (s, t);
    }
  raw = g_string_free (s, FALSE);
  return decode_escapes (raw);
}

static gboolean
read_shared_strings (Book    *book,
                     GError **error)
{
  const char *path = g_hash_table_lookup (book->rel_types, "sharedStrings");
  g_autoptr(xmlDoc) doc = NULL;
  gsize chars = 0;

  book->strings = g_ptr_array_new_with_free_func (g_free);
  if (path == NULL || !dd_zip_read_has (book->zip, path))
    return TRUE;
  doc = load_part (book, path, error);
  if (doc == NULL)
    return FALSE;
  DD_XML_FOREACH (si, xmlDocGetRootElement (doc), "si")
    {
      char *text = string_item_text (si);

      chars += strlen (text);
      g_ptr_array_add (book->strings, text);
      if (book->strings->len > MAX_SHARED_STRINGS || chars > MAX_SHARED_CHARS)
        {
          g_set_error (error, DD_ERROR, DD_ERROR_TOO_LARGE,
                       _("%s:%s: more than %u shared strings or %" PRIu64 " bytes of them"),
                       book->name, path, MAX_SHARED_STRINGS, (guint64) MAX_SHARED_CHARS);
          return FALSE;
        }
    }
  return TRUE;
}

/* Whether a number format shows a date or a time: the built-in ones
 * (14–22, 45–47, and 27–36, 50–58 of the Chinese, Japanese and Korean
 * locales), or a code with y, m, d, h or s outside quotes, escapes and
 * brackets (but [h] [mm] [ss], elapsed time, count). */
static gboolean
is_date_format (guint       id,
                const char *code)
{
  if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58))
    return TRUE;
  if (code == NULL)
    return FALSE;
  for (const char *p = code; *p != '\0'; p++)
    {
      if (*p == '"')
        {
          p = strchr (p + 1, '"');
          if (p == NULL)
            return FALSE;
        }
      else if (*p == '\\' || *p == '_' || *p == '*')
        {
          if (p[1] == '\0')
            return FALSE;
          p++;
        }
      else if (*p == '[')
        {
          if (strchr ("hHmMsS", p[1]) != NULL)
            return TRUE;
          p = strchr (p, ']');
          if (p == NULL)
            return FALSE;
        }
      else if (strchr ("yYmMdDhHsS", *p) != NULL)
        return TRUE;
    }
  return FALSE;
}

static gboolean
read_styles (Book    *book,
             GError **error)
{
  const char *path = g_hash_table_lookup (book->rel_types, "styles");
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GHashTable) codes = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  xmlNode *root;

  book->date_styles = g_array_new (FALSE, TRUE, sizeof (gboolean));
  if (path == NULL || !dd_zip_read_has (book->zip, path))
    return TRUE;
  doc = load_part (book, path, error);
  if (doc == NULL)
    return FALSE;
  root = xmlDocGetRootElement (doc);
  DD_XML_FOREACH (f, dd_xml_child (root, "numFmts"), "numFmt")
    {
      g_autofree char *id = dd_xml_prop (f, "numFmtId");

      if (id != NULL)
        g_hash_table_insert (codes, GUINT_TO_POINTER ((guint) g_ascii_strtoull (id, NULL, 10)),
                             dd_xml_prop (f, "formatCode"));
    }
  DD_XML_FOREACH (xf, dd_xml_child (root, "cellXfs"), "xf")
    {
      g_autofree char *id = dd_xml_prop (xf, "numFmtId");
      guint n = id ? (guint) g_ascii_strtoull (id, NULL, 10) : 0;
      gboolean date = is_date_format (n, g_hash_table_lookup (codes, GUINT_TO_POINTER (n)));

      g_array_append_val (book->date_styles, date);
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The sheet                                                           */

/* "AB12": column 28, row 12; FALSE when it is not a cell reference */
static gboolean
parse_ref (const char *ref,
           guint      *row,
           guint      *column)
{
  guint64 c = 0, r = 0;
  const char *p = ref;

  for (; g_ascii_isalpha (*p) && p - ref < 4; p++)
    c = c * 26 + (guint64) (g_ascii_toupper (*p) - 'A' + 1);
  if (c == 0 || !g_ascii_isdigit (*p))
    return FALSE;
  for (; g_ascii_isdigit (*p) && r < 100000000; p++)
    r = r * 10 + (guint64) (*p - '0');
  if (*p != '\0' || r == 0)
    return FALSE;
  *row = (guint) r;
  *column = (guint) c;
  return TRUE;
}

static gboolean
parse_number (const char *text,
              double     *out)
{
  char *end = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;
  *out = g_ascii_strtod (text, &end);
  return end != NULL && *end == '\0' && isfinite (*out);
}

static void
read_cell (Book         *book,
           DdMselErrors *errors,
           xmlNode      *c,
           DdMselRow    *row,
           guint         column)
{
  g_autofree char *type = dd_xml_prop (c, "t");
  g_autofree char *style = dd_xml_prop (c, "s");
  xmlNode *f = dd_xml_child (c, "f");
  xmlNode *v = dd_xml_child (c, "v");
  xmlNode *is = dd_xml_child (c, "is");
  g_autofree char *value = NULL;
  double number;

  if (v != NULL)
    {
      xmlChar *raw = xmlNodeGetContent (v);

      value = g_strdup ((const char *) raw);
      xmlFree (raw);
    }
  if (f != NULL)
    {
      g_autofree char *formula = dd_xml_text (f);

      dd_msel_errors_add (errors, row->number, column,
                          _("the cell holds a formula (=%s): DrillDesk reads values only; paste the cells as values"),
                          formula ? formula : "");
      return;
    }
  if (g_strcmp0 (type, "inlineStr") == 0)
    {
      if (is != NULL)
        dd_msel_row_take (row, column - 1, DD_MSEL_CELL_TEXT, string_item_text (is), 0);
      return;
    }
  if (value == NULL)
    return;
  if (g_strcmp0 (type, "s") == 0)
    {
      guint64 index;
      char *end = NULL;

      index = g_ascii_strtoull (value, &end, 10);
      if (end == value || *end != '\0' || index >= book->strings->len)
        dd_msel_errors_add (errors, row->number, column, _("the shared string %s does not exist"), value);
      else
        dd_msel_row_take (row, column - 1, DD_MSEL_CELL_TEXT, g_strdup (g_ptr_array_index (book->strings, index)), 0);
    }
  else if (g_strcmp0 (type, "str") == 0 || g_strcmp0 (type, "d") == 0)
    dd_msel_row_take (row, column - 1, DD_MSEL_CELL_TEXT, decode_escapes (value), 0);
  else if (g_strcmp0 (type, "b") == 0)
    {
      if (strcmp (value, "0") != 0 && strcmp (value, "1") != 0)
        dd_msel_errors_add (errors, row->number, column, _("“%s” is not a true/false value"), value);
      else
        dd_msel_row_take (row, column - 1, DD_MSEL_CELL_BOOL, g_strdup (value), value[0] == '1');
    }
  else if (g_strcmp0 (type, "e") == 0)
    dd_msel_errors_add (errors, row->number, column, _("the cell holds an error value (%s)"), value);
  else if (type != NULL && strcmp (type, "n") != 0)
    dd_msel_errors_add (errors, row->number, column, _("unknown cell type “%s”"), type);
  else if (!parse_number (value, &number))
    dd_msel_errors_add (errors, row->number, column, _("“%s” is not a number"), value);
  else
    {
      guint64 s = style ? g_ascii_strtoull (style, NULL, 10) : 0;
      gboolean date = s < book->date_styles->len && g_array_index (book->date_styles, gboolean, s);

      /* serials of the 1904 date system, as those of 1900 */
      if (date && book->date1904)
        number += 1462;
      dd_msel_row_take (row, column - 1, date ? DD_MSEL_CELL_DATE : DD_MSEL_CELL_NUMBER,
                        g_strdup (value), number);
    }
}

static gboolean
cell_has_value (xmlNode *c)
{
  return dd_xml_child (c, "v") != NULL || dd_xml_child (c, "is") != NULL || dd_xml_child (c, "f") != NULL;
}

static DdMselTable *
read_sheet (Book        *book,
            const char  *sheet_name,
            const char  *path,
            GError     **error)
{
  g_autoptr(xmlDoc) doc = load_part (book, path, error);
  g_autofree char *where = g_strdup_printf ("%s:%s", book->name, sheet_name);
  g_autoptr(DdMselTable) table = dd_msel_table_new (where);
  DdMselErrors errors = { table->where, NULL, 0 };
  guint last_row = 0;

  if (doc == NULL)
    return NULL;
  DD_XML_FOREACH (r, dd_xml_child (xmlDocGetRootElement (doc), "sheetData"), "row")
    {
      g_autofree char *rn = dd_xml_prop (r, "r");
      guint number = rn ? (guint) MIN (g_ascii_strtoull (rn, NULL, 10), G_MAXUINT) : last_row + 1;
      DdMselRow *row = NULL;
      guint last_col = 0;

      if (number <= last_row)
        {
          dd_msel_errors_add (&errors, number, 0, _("the rows are out of order"));
          break;
        }
      last_row = number;
      DD_XML_FOREACH (c, r, "c")
        {
          g_autofree char *ref = dd_xml_prop (c, "r");
          guint cr = number, cc = last_col + 1;

          if (ref != NULL && !parse_ref (ref, &cr, &cc))
            {
              dd_msel_errors_add (&errors, number, last_col + 1, _("“%s” is not a cell reference"), ref);
              continue;
            }
          last_col = cc;
          if (!cell_has_value (c))
            continue;
          if (number > DD_MSEL_MAX_ROWS || cc > DD_MSEL_MAX_COLUMNS)
            {
              dd_msel_errors_add (&errors, number, cc, _("a value beyond the limit of %u rows and %u columns"),
                                  DD_MSEL_MAX_ROWS, DD_MSEL_MAX_COLUMNS);
              goto done;
            }
          if (row == NULL)
            row = dd_msel_table_add_row (table, number);
          read_cell (book, &errors, c, row, cc);
          if (errors.count >= DD_MSEL_MAX_ERRORS)
            goto done;
        }
    }
done:
  if (dd_msel_errors_take (&errors, error))
    return NULL;
  return g_steal_pointer (&table);
}

/* ------------------------------------------------------------------ */
/* The workbook                                                        */

static void
book_clear (Book *book)
{
  g_clear_pointer (&book->zip, dd_zip_read_free);
  g_free (book->workbook);
  g_clear_pointer (&book->rels, g_hash_table_unref);
  g_clear_pointer (&book->rel_types, g_hash_table_unref);
  g_clear_pointer (&book->strings, g_ptr_array_unref);
  g_clear_pointer (&book->date_styles, g_array_unref);
}

static char *
find_workbook (Book    *book,
               GError **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *target;

  if (!read_rels (book, "", ids, types, error))
    return NULL;
  target = g_hash_table_lookup (types, "officeDocument");
  return g_strdup (target != NULL ? target : "xl/workbook.xml");
}

DdMselTable *
dd_msel_xlsx_parse (const char  *display_name,
                    GBytes      *data,
                    GError     **error)
{
  Book book = { display_name, NULL, NULL, NULL, NULL, NULL, NULL, FALSE };
  g_autoptr(xmlDoc) doc = NULL;
  xmlNode *chosen = NULL, *first = NULL;
  DdMselTable *table = NULL;
  g_autofree char *sheet_name = NULL;
  g_autofree char *rid = NULL;
  const char *path;
  xmlNode *pr;

  book.zip = dd_zip_read_new (display_name, data, &zip_limits, error);
  if (book.zip == NULL)
    goto out;
  book.rels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  book.rel_types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  book.workbook = find_workbook (&book, error);
  if (book.workbook == NULL)
    goto out;
  if (!dd_zip_read_has (book.zip, book.workbook))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_MALFORMED,
                   _("%s: not an Excel workbook (no %s in the archive)"), display_name, book.workbook);
      goto out;
    }
  doc = load_part (&book, book.workbook, error);
  if (doc == NULL || !read_rels (&book, book.workbook, book.rels, book.rel_types, error) ||
      !read_shared_strings (&book, error) || !read_styles (&book, error))
    goto out;

  pr = dd_xml_child (xmlDocGetRootElement (doc), "workbookPr");
  if (pr != NULL)
    {
      g_autofree char *d1904 = dd_xml_prop (pr, "date1904");

      book.date1904 = g_strcmp0 (d1904, "1") == 0 || g_strcmp0 (d1904, "true") == 0;
    }
  DD_XML_FOREACH (s, dd_xml_child (xmlDocGetRootElement (doc), "sheets"), "sheet")
    {
      g_autofree char *name = dd_xml_prop (s, "name");

      if (first == NULL)
        first = s;
      if (chosen == NULL && g_strcmp0 (name, dd_msel_word ("sheets", "msel")) == 0)
        chosen = s;
    }
  if (chosen == NULL)
    chosen = first;
  if (chosen == NULL)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_MALFORMED, _("%s: the workbook has no sheet"), display_name);
      goto out;
    }
  sheet_name = dd_xml_prop (chosen, "name");
  rid = dd_xml_prop (chosen, "id");
  path = rid ? g_hash_table_lookup (book.rels, rid) : NULL;
  if (path == NULL || !dd_zip_read_has (book.zip, path))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_MALFORMED, _("%s: the sheet “%s” is missing from the archive"),
                   display_name, sheet_name ? sheet_name : "");
      goto out;
    }
  table = read_sheet (&book, sheet_name ? sheet_name : "", path, error);

out:
  book_clear (&book);
  return table;
}
