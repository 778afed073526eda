/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-report-doc.c — a small paginated document (see dd-report-doc.h)
 *
 * Copyright 2024 The DrillDesk authors
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "dd-error.h"
#include "dd-report-doc-private.h"

/* ------------------------------------------------------------------ */
/* Styles                                                              */



const StyleInfo dd_doc_styles[DD_DOC_N_STYLES] = {
  [DD_DOC_STYLE_BODY]      = { FALSE, FALSE, 12.0, 1.45, 0.0, 4.0, 2.0, 0.0, DD_DOC_ALIGN_LEFT, 0x000000 },
  [DD_DOC_STYLE_PLAIN]     = { FALSE, FALSE, 12.0, 1.45, 0.0, 4.0, 0.0, 0.0, DD_DOC_ALIGN_LEFT, 0x000000 },
  [DD_DOC_STYLE_TITLE]     = { FALSE, TRUE,  24.0, 1.35, 0.0, 10.0, 0.0, 0.0, DD_DOC_ALIGN_CENTER, 0x000000 },
  [DD_DOC_STYLE_SUBTITLE]  = { TRUE,  FALSE, 14.0, 1.5, 0.0, 6.0, 0.0, 0.0, DD_DOC_ALIGN_CENTER, 0x000000 },
  [DD_DOC_STYLE_H1]        = { TRUE,  TRUE,  15.0, 1.3, 14.0, 8.0, 0.0, 0.0, DD_DOC_ALIGN_LEFT, 0x000000 },
  [DD_DOC_STYLE_H2]        = { FALSE, TRUE,  13.0, 1.3, 8.0, 5.0, 0.0, 0.0, DD_DOC_ALIGN_LEFT, 0x000000 },
  [DD_DOC_STYLE_CAPTION]   = { TRUE,  FALSE, 9.5, 1.3, 3.0, 8.0, 0.0, 0.0, DD_DOC_ALIGN_CENTER, 0x333333 },
  [DD_DOC_STYLE_SMALL]     = { FALSE, FALSE, 9.5, 1.35, 0.0, 3.0, 0.0, 0.0, DD_DOC_ALIGN_LEFT, 0x333333 },
  [DD_DOC_STYLE_QUOTE]     = { FALSE, FALSE, 10.5, 1.4, 1.0, 4.0, 0.0, 2.0, DD_DOC_ALIGN_LEFT, 0x262626 },
  [DD_DOC_STYLE_CELL]      = { FALSE, FALSE, 10.0, 1.3, 0.0, 0.0, 0.0, 0.0, DD_DOC_ALIGN_LEFT, 0x000000 },
  [DD_DOC_STYLE_CELL_HEAD] = { TRUE,  TRUE,  10.0, 1.3, 0.0, 0.0, 0.0, 0.0, DD_DOC_ALIGN_CENTER, 0x000000 },
};

void
dd_doc_set_rgb (cairo_t *cr,
                guint32  rgb)
{
  cairo_set_source_rgb (cr,
                        ((rgb >> 16) & 0xff) / 255.0,
                        ((rgb >> 8) & 0xff) / 255.0,
                        (rgb & 0xff) / 255.0);
}

static void
build_fonts (DdDoc *doc)
{
  for (guint i = 0; i < DD_DOC_N_STYLES; i++)
    {
      g_clear_pointer (&doc->fonts[i], pango_font_description_free);
      doc->fonts[i] = pango_font_description_new ();
      pango_font_description_set_family (doc->fonts[i], dd_doc_styles[i].sans ? doc->sans : doc->serif);
      pango_font_description_set_weight (doc->fonts[i],
                                         dd_doc_styles[i].bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
      pango_font_description_set_size (doc->fonts[i], (int) (dd_doc_styles[i].size * PANGO_SCALE));
    }
}

/* ------------------------------------------------------------------ */
/* Construction                                                        */

static void
cell_free (gpointer data)
{
  Cell *cell = data;

  g_free (cell->markup);
  g_clear_object (&cell->layout);
  g_free (cell);
}

static void
row_free (gpointer data)
{
  Row *row = data;

  g_ptr_array_unref (row->cells);
  g_free (row);
}

static void
table_free (DdDocTable *table)
{
  g_free (table->widths);
  g_ptr_array_unref (table->rows);
  g_free (table);
}

static void
block_free (gpointer data)
{
  Block *block = data;

  g_free (block->markup);
  g_free (block->outline_text);
  g_clear_object (&block->layout);
  g_clear_pointer (&block->line_top, g_array_unref);
  g_clear_pointer (&block->line_bottom, g_array_unref);
  if (block->table != NULL)
    table_free (block->table);
  if (block->destroy != NULL)
    block->destroy (block->user_data);
  g_free (block);
}

static void
page_free (gpointer data)
{
  Page *page = data;

  g_array_unref (page->items);
  g_ptr_array_unref (page->outline);
  g_free (page->section);
  g_free (page);
}

void
dd_doc_outline_entry_free (gpointer data)
{
  OutlineEntry *entry = data;

  g_free (entry->text);
  g_free (entry);
}

DdDoc *
dd_doc_new (void)
{
  DdDoc *doc = g_new0 (DdDoc, 1);
  PangoFontMap *map;
  cairo_font_options_t *options = cairo_font_options_create ();

  doc->blocks = g_ptr_array_new_with_free_func (block_free);
  doc->pages = g_ptr_array_new_with_free_func (page_free);

  /* A font map of its own, so a document may be laid out in a worker
   * thread; the same measurements on every surface (charts.md). */
  map = doc->fontmap = pango_cairo_font_map_new ();
  doc->context = pango_font_map_create_context (map);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (doc->context, options);
  pango_context_set_round_glyph_positions (doc->context, FALSE);
  /* One unit is one point on every surface. */
  pango_cairo_context_set_resolution (doc->context, 72.0);
  cairo_font_options_destroy (options);

  doc->serif = g_strdup ("Noto Serif CJK SC");
  doc->sans = g_strdup ("Noto Sans CJK SC");
  build_fonts (doc);

  return doc;
}

void
dd_doc_free (DdDoc *doc)
{
  if (doc == NULL)
    return;

  g_ptr_array_unref (doc->pages);
  g_ptr_array_unref (doc->blocks);
  for (guint i = 0; i < DD_DOC_N_STYLES; i++)
    g_clear_pointer (&doc->fonts[i], pango_font_description_free);
  g_clear_object (&doc->context);
  g_clear_object (&doc->fontmap);
  g_free (doc->serif);
  g_free (doc->sans);
  g_free (doc->header_left);
  g_free (doc);
}

void
dd_doc_set_header_text (DdDoc      *doc,
                        const char *left)
{
  g_free (doc->header_left);
  doc->header_left = g_strdup (left);
}

void
dd_doc_set_page_label_func (DdDoc              *doc,
                            DdDocPageLabelFunc  func,
                            gpointer            user_data)
{
  doc->page_label = func;
  doc->page_label_data = user_data;
}

void
dd_doc_set_fonts (DdDoc      *doc,
                  const char *serif_family,
                  const char *sans_family)
{
  g_free (doc->serif);
  g_free (doc->sans);
  doc->serif = g_strdup (serif_family);
  doc->sans = g_strdup (sans_family);
  build_fonts (doc);
}

static Block *
add_block (DdDoc     *doc,
           BlockType  type)
{
  Block *block = g_new0 (Block, 1);

  block->type = type;
  g_ptr_array_add (doc->blocks, block);
  doc->paginated = FALSE;
  return block;
}

void
dd_doc_paragraph_aligned (DdDoc      *doc,
                          DdDocStyle  style,
                          DdDocAlign  align,
                          const char *markup)
{
  Block *block = add_block (doc, BLOCK_TEXT);

  block->style = style;
  block->align = align;
  block->markup = g_strdup (markup != NULL ? markup : "");
}

void
dd_doc_paragraph (DdDoc      *doc,
                  DdDocStyle  style,
                  const char *markup)
{
  dd_doc_paragraph_aligned (doc, style, dd_doc_styles[style].align, markup);
}

void
dd_doc_heading (DdDoc      *doc,
                guint       level,
                const char *text)
{
  Block *block = add_block (doc, BLOCK_TEXT);

  block->style = level <= 1 ? DD_DOC_STYLE_H1 : DD_DOC_STYLE_H2;
  block->align = DD_DOC_ALIGN_LEFT;
  block->markup = g_markup_escape_text (text, -1);
  block->outline_level = MAX (level, 1);
  block->outline_text = g_strdup (text);
}

void
dd_doc_outline_mark (DdDoc      *doc,
                     guint       level,
                     const char *text)
{
  Block *block = add_block (doc, BLOCK_MARK);

  block->outline_level = MAX (level, 1);
  block->outline_text = g_strdup (text);
}

void
dd_doc_space (DdDoc  *doc,
              double  points)
{
  add_block (doc, BLOCK_SPACE)->space = points;
}

void
dd_doc_page_break (DdDoc    *doc,
                   gboolean  landscape)
{
  add_block (doc, BLOCK_BREAK)->landscape = landscape;
}

void
dd_doc_plain_page (DdDoc *doc)
{
  add_block (doc, BLOCK_PLAIN);
}

void
dd_doc_keep_begin (DdDoc *doc)
{
  add_block (doc, BLOCK_KEEP_BEGIN);
}

void
dd_doc_keep_end (DdDoc *doc)
{
  add_block (doc, BLOCK_KEEP_END);
}

void
dd_doc_figure (DdDoc          *doc,
               double          width,
               double          height,
               DdDocDrawFunc   draw,
               gpointer        user_data,
               GDestroyNotify  destroy)
{
  Block *block = add_block (doc, BLOCK_FIGURE);

  block->width = width;
  block->height = height;
  block->draw = draw;
  block->user_data = user_data;
  block->destroy = destroy;
}

DdDocTable *
dd_doc_table (DdDoc        *doc,
              guint         n_cols,
              const double *widths)
{
  Block *block = add_block (doc, BLOCK_TABLE);
  DdDocTable *table = g_new0 (DdDocTable, 1);
  double sum = 0.0;

  g_return_val_if_fail (n_cols > 0, NULL);

  table->doc = doc;
  table->n_cols = n_cols;
  table->widths = g_new0 (double, n_cols);
  for (guint i = 0; i < n_cols; i++)
    sum += widths != NULL ? widths[i] : 1.0;
  for (guint i = 0; i < n_cols; i++)
    table->widths[i] = (widths != NULL ? widths[i] : 1.0) / sum;
  table->rows = g_ptr_array_new_with_free_func (row_free);
  block->table = table;
  return table;
}

void
dd_doc_table_row_min (DdDocTable *table,
                      double      min_height)
{
  Row *row = g_new0 (Row, 1);

  row->cells = g_ptr_array_new_with_free_func (cell_free);
  row->min_height = min_height;
  g_ptr_array_add (table->rows, row);
  if (!table->header_ended)
    table->n_header = table->rows->len;
  table->doc->paginated = FALSE;
}

void
dd_doc_table_row (DdDocTable *table)
{
  dd_doc_table_row_min (table, 0.0);
}

void
dd_doc_table_end_header (DdDocTable *table)
{
  table->header_ended = TRUE;
  table->n_header = table->rows->len;
}

void
dd_doc_table_cell_full (DdDocTable *table,
                        const char *markup,
                        guint       colspan,
                        DdDocStyle  style,
                        DdDocAlign  align,
                        guint32     fill_rgb)
{
  Row *row;
  Cell *cell;

  if (table->rows->len == 0)
    dd_doc_table_row (table);
  row = g_ptr_array_index (table->rows, table->rows->len - 1);

  cell = g_new0 (Cell, 1);
  cell->markup = g_strdup (markup != NULL ? markup : "");
  cell->colspan = MAX (colspan, 1);
  cell->style = style;
  cell->align = align;
  cell->fill = fill_rgb;
  g_ptr_array_add (row->cells, cell);
}

void
dd_doc_table_cell (DdDocTable *table,
                   const char *markup)
{
  gboolean head = !table->header_ended;

  dd_doc_table_cell_full (table, markup, 1,
                          head ? DD_DOC_STYLE_CELL_HEAD : DD_DOC_STYLE_CELL,
                          head ? DD_DOC_ALIGN_CENTER : DD_DOC_ALIGN_LEFT,
                          head ? 0xe8e8e8 : 0xffffff);
}

