/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-msel-xlsx.c — the MSEL table written as an Excel workbook with
 * libxlsxwriter (see dd-msel.h)
 *
 * Copyright 2024 The DrillDesk authors
 *
 * Three sheets: the MSEL (a frozen, bold header row, widths to fit, long
 * text wrapped, ids, times and clauses kept as text, drop-down lists on
 * the role, channel, action, condition and severity columns), the
 * instructions (what each column takes, the clock at T+0) and the values
 * the drop-down lists offer (the plan's role and action names, the
 * channels, condition types and severities).  Every cell is a string or a
 * number: nothing in the workbook is a formula but the lists' ranges.
 */

#include "config.h"

#include <unistd.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>
#include <xlsxwriter.h>

#include "dd-error.h"
#include "dd-msel.h"
#include "dd-msel-private.h"

/* Rows that get the drop-down lists beyond the last inject, for new ones */
#define SPARE_ROWS 500

static const char *const list_keys[DD_MSEL_N_LISTS] = {
  NULL, "roles", "channels", "actions", "conditions", "severities",
};

/* ='可选值'!$A$2:$A$61 */
static char *
list_range (guint list,
            guint n)
{
  return g_strdup_printf ("='%s'!$%c$2:$%c$%u", dd_msel_word ("sheets", "lists"),
                          'A' + (int) list - 1, 'A' + (int) list - 1, n + 1);
}

static void
write_lists (lxw_workbook *wb,
             DdPlan       *plan,
             lxw_format   *bold,
             guint        *counts)
{
  lxw_worksheet *ws = workbook_add_worksheet (wb, dd_msel_word ("sheets", "lists"));

  for (guint l = DD_MSEL_LIST_ROLES; l < DD_MSEL_N_LISTS; l++)
    {
      g_auto(GStrv) values = dd_msel_list_values (plan, (DdMselList) l);
      lxw_col_t col = (lxw_col_t) (l - 1);

      worksheet_write_string (ws, 0, col, dd_msel_word ("lists", list_keys[l]), bold);
      counts[l] = g_strv_length (values);
      for (guint i = 0; values[i] != NULL; i++)
        worksheet_write_string (ws, (lxw_row_t) (i + 1), col, values[i], NULL);
      worksheet_set_column (ws, col, col, l == DD_MSEL_LIST_ROLES || l == DD_MSEL_LIST_ACTIONS ? 30 : 12, NULL);
    }
  worksheet_freeze_panes (ws, 1, 0);
}

static void
write_instructions (lxw_workbook *wb,
                    DdMselTable  *table,
                    lxw_format   *bold,
                    lxw_format   *wrap)
{
  lxw_worksheet *ws = workbook_add_worksheet (wb, dd_msel_word ("sheets", "instructions"));
  g_auto(GStrv) intro = NULL;
  lxw_row_t r = 0;

  intro = g_strsplit (dd_msel_word ("instructions", "intro"), ";", -1);
  worksheet_set_column (ws, 0, 0, 18, NULL);
  worksheet_set_column (ws, 1, 1, 90, wrap);
  worksheet_write_string (ws, r++, 0, dd_msel_word ("instructions", "title"), bold);
  for (guint i = 0; intro[i] != NULL; i++)
    {
      g_autofree char *line = intro[i + 1] == NULL && table->start != NULL
                              ? g_strconcat (intro[i], table->start, NULL) : g_strdup (intro[i]);

      worksheet_write_string (ws, r++, 0, line, NULL);
    }
  r++;
  worksheet_write_string (ws, r, 0, dd_msel_word ("instructions", "column-header"), bold);
  worksheet_write_string (ws, r++, 1, dd_msel_word ("instructions", "column-help"), bold);
  for (guint i = 0; i < table->columns->len; i++)
    {
      const DdMselColumn *c = g_ptr_array_index (table->columns, i);
      const char *help = dd_msel_word ("instructions", c->key);

      if (c->group > 1)
        continue;
      worksheet_write_string (ws, r, 0, c->header, NULL);
      if (help != NULL)
        worksheet_write_string (ws, r, 1, help, wrap);
      r++;
    }
}

static gboolean
write_workbook (const char   *path,
                DdMselTable  *table,
                DdPlan       *plan,
                GError      **error)
{
  lxw_workbook_options options = { 0 };
  lxw_workbook *wb;
  lxw_worksheet *ws;
  lxw_format *bold, *wrap, *text, *text_wrap;
  guint counts[DD_MSEL_N_LISTS] = { 0 };
  g_autofree char *tmpdir = g_strdup (g_get_tmp_dir ());
  lxw_row_t last_row = (lxw_row_t) (table->rows->len + SPARE_ROWS);
  lxw_error err;

  options.tmpdir = tmpdir;
  wb = workbook_new_opt (path, &options);
  if (wb == NULL)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_IO, _("%s: cannot create the workbook"), path);
      return FALSE;
    }
  bold = workbook_add_format (wb);
  format_set_bold (bold);
  format_set_bg_color (bold, 0xDDEBF7);
  format_set_border (bold, LXW_BORDER_THIN);
  format_set_align (bold, LXW_ALIGN_VERTICAL_CENTER);
  wrap = workbook_add_format (wb);
  format_set_text_wrap (wrap);
  format_set_align (wrap, LXW_ALIGN_VERTICAL_TOP);
  text = workbook_add_format (wb);
  format_set_num_format (text, "@");
  format_set_align (text, LXW_ALIGN_VERTICAL_TOP);
  text_wrap = workbook_add_format (wb);
  format_set_num_format (text_wrap, "@");
  format_set_text_wrap (text_wrap);
  format_set_align (text_wrap, LXW_ALIGN_VERTICAL_TOP);

  ws = workbook_add_worksheet (wb, dd_msel_word ("sheets", "msel"));
  write_instructions (wb, table, bold, wrap);
  write_lists (wb, plan, bold, counts);

  for (guint i = 0; i < table->columns->len; i++)
    {
      const DdMselColumn *c = g_ptr_array_index (table->columns, i);
      lxw_format *f = c->as_text ? (c->wrap ? text_wrap : text) : (c->wrap ? wrap : NULL);

      worksheet_set_column (ws, (lxw_col_t) i, (lxw_col_t) i, c->width, f);
      if (c->list != DD_MSEL_LIST_NONE)
        {
          lxw_data_validation dv = { 0 };
          g_autofree char *range = list_range (c->list, counts[c->list]);

          dv.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
          dv.value_formula = range;
          /* several roles in one cell are typed, not picked: no refusal */
          dv.show_error = c->several ? LXW_VALIDATION_OFF : LXW_VALIDATION_ON;
          dv.error_type = LXW_VALIDATION_ERROR_TYPE_WARNING;
          worksheet_data_validation_range (ws, 1, (lxw_col_t) i, last_row, (lxw_col_t) i, &dv);
        }
    }

  for (guint r = 0; r < table->rows->len; r++)
    {
      const DdMselRow *row = g_ptr_array_index (table->rows, r);

      for (guint i = 0; i < row->cells->len; i++)
        {
          const DdMselCell *c = g_ptr_array_index (row->cells, i);
          const DdMselColumn *col = i < table->columns->len ? g_ptr_array_index (table->columns, i) : NULL;
          lxw_format *f = r == 0 ? bold : col && col->as_text ? (col->wrap ? text_wrap : text) : col && col->wrap ? wrap : NULL;

          if (c == NULL)
            continue;
          if (c->kind == DD_MSEL_CELL_NUMBER)
            worksheet_write_number (ws, (lxw_row_t) r, (lxw_col_t) i, c->number, f);
          else if (c->text != NULL)
            worksheet_write_string (ws, (lxw_row_t) r, (lxw_col_t) i, c->text, f);
        }
    }
  worksheet_set_row (ws, 0, 30, bold);
  worksheet_freeze_panes (ws, 1, 2);
  if (table->columns->len > 0)
    worksheet_autofilter (ws, 0, 0, (lxw_row_t) MAX (table->rows->len, 1) - 1,
                          (lxw_col_t) table->columns->len - 1);
  worksheet_activate (ws);

  err = workbook_close (wb);
  if (err != LXW_NO_ERROR)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_IO, _("%s: cannot write the workbook: %s"), path, lxw_strerror (err));
      return FALSE;
    }
  return TRUE;
}

GBytes *
dd_msel_xlsx_to_bytes (DdMselTable  *table,
                       DdPlan       *plan,
                       GError      **error)
{
  g_autofree char *path = NULL;
  char *contents = NULL;
  gsize len = 0;
  int fd = g_file_open_tmp ("drilldesk-msel-XXXXXX.xlsx", &path, error);
  gboolean ok;

  if (fd < 0)
    return NULL;
  close (fd);
  ok = write_workbook (path, table, plan, error) && g_file_get_contents (path, &contents, &len, error);
  g_unlink (path);
  return ok ? g_bytes_new_take (contents, len) : NULL;
}
