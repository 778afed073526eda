/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-msel-csv.c — the MSEL table as CSV: UTF-8 with a BOM, RFC 4180 (see
 * dd-msel.h)
 *
 * Copyright 2024 The DrillDesk authors
 *
 * Writing: every field through the report's CSV writer, which quotes as
 * RFC 4180 asks and puts a single quote before a field a spreadsheet would
 * run as a formula; reading takes that quote off again.  Reading: UTF-8,
 * with or without a BOM (a file without one is read as UTF-8 all the
 * same); anything that is not UTF-8 (GBK from an old "CSV" save) is
 * refused with the row and column of the first byte that is not, as are a
 * quote inside an unquoted field, text after a closing quote and a quote
 * never closed.  Rows, columns and field lengths are bounded.
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-error.h"
#include "dd-msel.h"
#include "dd-msel-private.h"
#include "dd-report-csv.h"

#define BOM "\xef\xbb\xbf"
#define MAX_FIELD_BYTES ((gsize) DD_MSEL_MAX_CELL_CHARS * 4)

/* Quotes, then what a spreadsheet would run as a formula: the report's
 * writer puts one quote before a formula ("=x" → "'=x"); a text that
 * already looks so gets one more, and reading takes one off. */
static gboolean
quoted_formula (const char *text)
{
  const char *p = text;

  if (*p != '\'')
    return FALSE;
  while (*p == '\'')
    p++;
  return *p != '\0' && strchr ("=+-@\t\r", *p) != NULL;
}

char *
dd_msel_csv_to_string (DdMselTable *table)
{
  GString *out = g_string_new (BOM);
  guint n_cols = 0;

  for (guint r = 0; r < table->rows->len; r++)
    n_cols = MAX (n_cols, ((DdMselRow *) g_ptr_array_index (table->rows, r))->cells->len);

  for (guint r = 0; r < table->rows->len; r++)
    {
      const DdMselRow *row = g_ptr_array_index (table->rows, r);

      for (guint i = 0; i < n_cols; i++)
        {
          const DdMselCell *c = i < row->cells->len ? g_ptr_array_index (row->cells, i) : NULL;

          if (i > 0)
            g_string_append_c (out, ',');
          if (c == NULL || c->text == NULL)
            continue;
          /* A text that starts with the neutralising quote itself keeps it
           * through a round trip: double it, as reading takes one off. */
          if (quoted_formula (c->text))
            {
              g_autofree char *quoted = g_strconcat ("'", c->text, NULL);

              dd_report_csv_append_field (out, quoted);
            }
          else
            dd_report_csv_append_field (out, c->text);
        }
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}

/* Row and column (1-based) of byte @at */
static void
position_of (const char *data,
             gsize       at,
             guint      *row,
             guint      *column)
{
  gboolean quoted = FALSE;

  *row = 1;
  *column = 1;
  for (gsize i = 0; i < at; i++)
    {
      if (data[i] == '"')
        quoted = !quoted;
      else if (!quoted && data[i] == ',')
        (*column)++;
      else if (!quoted && data[i] == '\n')
        {
          (*row)++;
          *column = 1;
        }
    }
}

static void
add_field (DdMselRow *row,
           guint      column,
           GString   *field)
{
  char *text;

  if (field->len == 0)
    return;
  text = g_strndup (field->str, field->len);
  if (quoted_formula (text))
    memmove (text, text + 1, strlen (text));
  dd_msel_row_take (row, column, DD_MSEL_CELL_TEXT, text, 0);
}

DdMselTable *
dd_msel_csv_parse (const char  *display_name,
                   const char  *data,
                   gsize        len,
                   GError     **error)
{
  g_autoptr(DdMselTable) table = dd_msel_table_new (display_name);
  g_autoptr(GString) field = g_string_new (NULL);
  DdMselErrors errors = { display_name, NULL, 0 };
  const char *end;
  DdMselRow *row = NULL;
  guint number = 1, column = 0, quote_row = 0, quote_col = 0;
  gboolean quoted = FALSE, after_quote = FALSE;
  gsize p = 0;

  if (len >= 2 && ((guchar) data[0] == 0xFF || (guchar) data[0] == 0xFE) &&
      ((guchar) data[1] == 0xFE || (guchar) data[1] == 0xFF))
    {
      dd_msel_errors_add (&errors, 0, 0, _("the file is UTF-16 text: save it as “CSV UTF-8”"));
      dd_msel_errors_take (&errors, error);
      return NULL;
    }
  if (len >= 3 && memcmp (data, BOM, 3) == 0)
    p = 3;
  if (!g_utf8_validate_len (data + p, len - p, &end) || memchr (data + p, '\0', len - p) != NULL)
    {
      guint r, c;
      gsize at = (gsize) (end - data);

      if (g_utf8_validate_len (data + p, len - p, NULL))
        at = (gsize) ((const char *) memchr (data + p, '\0', len - p) - data);
      position_of (data + p, at - p, &r, &c);
      dd_msel_errors_add (&errors, r, c, _("the file is not UTF-8 text (byte 0x%02X): save it as “CSV UTF-8”"),
                          (guint) (guchar) data[at]);
      dd_msel_errors_take (&errors, error);
      return NULL;
    }

  row = dd_msel_table_add_row (table, number);
  for (; p <= len && errors.count == 0; p++)
    {
      char ch = p < len ? data[p] : '\0';
      gboolean at_end = p == len;

      if (quoted)
        {
          if (at_end)
            {
              dd_msel_errors_add (&errors, quote_row, quote_col, _("a quoted field is never closed"));
              break;
            }
          if (ch == '"' && p + 1 < len && data[p + 1] == '"')
            {
              g_string_append_c (field, '"');
              p++;
            }
          else if (ch == '"')
            {
              quoted = FALSE;
              after_quote = TRUE;
            }
          else
            g_string_append_c (field, ch);
        }
      else if (ch == ',' || ch == '\n' || ch == '\r' || at_end)
        {
          if (ch == '\r' && p + 1 < len && data[p + 1] == '\n')
            p++;
          add_field (row, column, field);
          g_string_truncate (field, 0);
          after_quote = FALSE;
          if (ch == ',')
            {
              if (++column >= DD_MSEL_MAX_COLUMNS)
                dd_msel_errors_add (&errors, number, column + 1, _("more than %u columns"), DD_MSEL_MAX_COLUMNS);
              continue;
            }
          if (at_end)
            break;
          column = 0;
          if (p + 1 >= len)
            break;            /* the line break that ends the last row */
          if (++number > DD_MSEL_MAX_ROWS)
            dd_msel_errors_add (&errors, number, 0, _("more than %u rows"), DD_MSEL_MAX_ROWS);
          row = dd_msel_table_add_row (table, number);
        }
      else if (after_quote)
        dd_msel_errors_add (&errors, number, column + 1, _("text after the closing quote of a field"));
      else if (ch == '"' && field->len == 0)
        {
          quoted = TRUE;
          quote_row = number;
          quote_col = column + 1;
        }
      else if (ch == '"')
        dd_msel_errors_add (&errors, number, column + 1, _("a quote inside a field that is not quoted"));
      else
        g_string_append_c (field, ch);

      if (field->len > MAX_FIELD_BYTES)
        dd_msel_errors_add (&errors, number, column + 1, _("a field longer than %u characters"),
                            DD_MSEL_MAX_CELL_CHARS);
    }

  if (dd_msel_errors_take (&errors, error))
    return NULL;
  return g_steal_pointer (&table);
}
