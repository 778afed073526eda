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
  [DD_DOC_STYLE_BODY]      = { FALSE, FALSE, 12.0, 1.45, 0.0, 4.0, 2.0, 0.0, DD_DOC_ALIGN_LEFT, 0x000000, NULL, 0.0 },
  [DD_DOC_STYLE_PLAIN]     = { FALSE, FALSE, 12.0, 1.45, 0.0, 4.0, 0.0, 0.0, DD_DOC_ALIGN_LEFT, 0x000000, NULL, 0.0 },
  [DD_DOC_STYLE_TITLE]     = { FALSE, TRUE,  24.0, 1.35, 0.0, 10.0, 0.0, 0.0, DD_DOC_ALIGN_CENTER, 0x000000, NULL, 0.0 },
  [DD_DOC_STYLE_SUBTITLE]  = { TRUE,  FALSE, 14.0, 1.5, 0.0, 6.0, 0.0, 0.0, DD_DOC_ALIGN_CENTER, 0x000000, NULL, 0.0 },
  [DD_DOC_STYLE_H1]        = { TRUE,  TRUE,  15.0, 1.3, 14.0, 8.0, 0.0, 0.0, DD_DOC_ALIGN_LEFT, 0x000000, NULL, 0.0 },
  [DD_DOC_STYLE_H2]        = { FALSE, TRUE,  13.0, 1.3, 8.0, 5.0, 0.0, 0.0, DD_DOC_ALIGN_LEFT, 0x000000, NULL, 0.0 },
  [DD_DOC_STYLE_CAPTION]   = { TRUE,  FALSE, 9.5, 1.3, 3.0, 8.0, 0.0, 0.0, DD_DOC_ALIGN_CENTER, 0x333333, NULL, 0.0 },
  [DD_DOC_STYLE_SMALL]     = { FALSE, FALSE, 9.5, 1.35, 0.0, 3.0, 0.0, 0.0, DD_DOC_ALIGN_LEFT, 0x333333, NULL, 0.0 },
  [DD_DOC_STYLE_QUOTE]     = { FALSE, FALSE, 10.5, 1.4, 1.0, 4.0, 0.0, 2.0, DD_DOC_ALIGN_LEFT, 0x262626, NULL, 0.0 },
  [DD_DOC_STYLE_CELL]      = { FALSE, FALSE, 10.0, 1.3, 0.0, 0.0, 0.0, 0.0, DD_DOC_ALIGN_LEFT, 0x000000, NULL, 0.0 },
  [DD_DOC_STYLE_CELL_HEAD] = { TRUE,  TRUE,  10.0, 1.3, 0.0, 0.0, 0.0, 0.0, DD_DOC_ALIGN_CENTER, 0x000000, NULL, 0.0 },
};

/* GB/T 9704-2012: the faces an official document names, each followed by
 * what Debian and the GNOME runtime have (fonts-noto-cjk), so no glyph is
 * ever lost.  "bold" is taken only when a fallback face draws the text. */
#define FACE_FANGSONG DD_DOC_FACE_FANGSONG
#define FACE_XBS      DD_DOC_FACE_XIAOBIAOSONG
#define FACE_HEI      DD_DOC_FACE_HEI
#define FACE_KAI      DD_DOC_FACE_KAI
#define GRID_LINE     DD_DOC_GRID_LINE

const StyleInfo dd_doc_styles_official[DD_DOC_N_STYLES] = {
  [DD_DOC_STYLE_BODY]      = { FALSE, FALSE, 16.0, 1.0, 0.0, 0.0, 2.0, 0.0, DD_DOC_ALIGN_LEFT, 0x000000, FACE_FANGSONG, GRID_LINE },
  [DD_DOC_STYLE_PLAIN]     = { FALSE, FALSE, 16.0, 1.0, 0.0, 0.0, 0.0, 0.0, DD_DOC_ALIGN_LEFT, 0x000000, FACE_FANGSONG, GRID_LINE },
  [DD_DOC_STYLE_TITLE]     = { FALSE, TRUE,  22.0, 1.0, 0.0, GRID_LINE, 0.0, 0.0, DD_DOC_ALIGN_CENTER, 0x000000, FACE_XBS, 1.6 * GRID_LINE },
  [DD_DOC_STYLE_SUBTITLE]  = { FALSE, FALSE, 16.0, 1.0, 0.0, 0.0, 0.0, 0.0, DD_DOC_ALIGN_CENTER, 0x000000, FACE_FANGSONG, GRID_LINE },
  [DD_DOC_STYLE_H1]        = { FALSE, FALSE, 16.0, 1.0, 0.0, 0.0, 2.0, 0.0, DD_DOC_ALIGN_LEFT, 0x000000, FACE_HEI, GRID_LINE },
  [DD_DOC_STYLE_H2]        = { FALSE, FALSE, 16.0, 1.0, 0.0, 0.0, 2.0, 0.0, DD_DOC_ALIGN_LEFT, 0x000000, FACE_KAI, GRID_LINE },
  [DD_DOC_STYLE_CAPTION]   = { FALSE, FALSE, 12.0, 1.3, 3.0, 8.0, 0.0, 0.0, DD_DOC_ALIGN_CENTER, 0x000000, FACE_FANGSONG, 0.0 },
  [DD_DOC_STYLE_SMALL]     = { FALSE, FALSE, 14.0, 1.3, 0.0, 3.0, 0.0, 0.0, DD_DOC_ALIGN_LEFT, 0x000000, FACE_FANGSONG, 0.0 },
  [DD_DOC_STYLE_QUOTE]     = { FALSE, FALSE, 14.0, 1.3, 2.0, 4.0, 0.0, 2.0, DD_DOC_ALIGN_LEFT, 0x262626, FACE_FANGSONG, 0.0 },
  [DD_DOC_STYLE_CELL]      = { FALSE, FALSE, 10.5, 1.25, 0.0, 0.0, 0.0, 0.0, DD_DOC_ALIGN_LEFT, 0x000000, FACE_FANGSONG, 0.0 },
  [DD_DOC_STYLE_CELL_HEAD] = { TRUE,  FALSE, 10.5, 1.25, 0.0, 0.0, 0.0, 0.0, DD_DOC_ALIGN_CENTER, 0x000000, FACE_HEI, 0.0 },
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

/* The family that fontconfig gives for @desc */
static char *
resolve_face (DdDoc                      *doc,
              const PangoFontDescription *desc)
{
  g_autoptr(PangoFont) font = pango_font_map_load_font (doc->fontmap, doc->context, desc);
  PangoFontDescription *got;
  char *family;

  if (font == NULL)
    return g_strdup (pango_font_description_get_family (desc));
  got = pango_font_describe (font);
  family = g_strdup (pango_font_description_get_family (got));
  pango_font_description_free (got);
  return family;
}

/* Points from one baseline to the next at a line spacing factor of 1 */
static double
natural_pitch (DdDoc                      *doc,
               const PangoFontDescription *desc)
{
  g_autoptr(PangoLayout) layout = pango_layout_new (doc->context);
  PangoLayoutIter *iter;
  int b0, b1;

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_line_spacing (layout, 1.0);
  pango_layout_set_text (layout, "M\nM", -1);
  iter = pango_layout_get_iter (layout);
  b0 = pango_layout_iter_get_baseline (iter);
  pango_layout_iter_next_line (iter);
  b1 = pango_layout_iter_get_baseline (iter);
  pango_layout_iter_free (iter);
  return b1 > b0 ? (double) (b1 - b0) / PANGO_SCALE : 1.0;
}

static void
build_fonts (DdDoc *doc)
{
  for (guint i = 0; i < DD_DOC_N_STYLES; i++)
    {
      const StyleInfo *info = &doc->styles[i];
      gboolean bold = info->bold;

      g_clear_pointer (&doc->fonts[i], pango_font_description_free);
      doc->fonts[i] = pango_font_description_new ();
      pango_font_description_set_family (doc->fonts[i], info->family != NULL ? info->family :
                                                        info->sans ? doc->sans : doc->serif);
      pango_font_description_set_size (doc->fonts[i], (int) (info->size * PANGO_SCALE));
      if (info->family != NULL && bold)
        {
          /* A face of one weight (the title's Xiaobiaosong) is not made bolder; its fallback is */
          g_autofree char *face = resolve_face (doc, doc->fonts[i]);
          const char *comma = strrchr (info->family, ',');
          g_autofree char *fallback = g_strdup (comma != NULL ? comma + 1 : info->family);

          bold = g_strcmp0 (g_strstrip (fallback), face) == 0;
        }
      pango_font_description_set_weight (doc->fonts[i], bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
      doc->line_factor[i] = info->line_height > 0.0 ? info->line_height / natural_pitch (doc, doc->fonts[i])
                                                    : info->spacing;
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
  dd_doc_set_look (doc, DD_DOC_LOOK_REPORT);

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
dd_doc_set_look (DdDoc     *doc,
                 DdDocLook  look)
{
  doc->look = look;
  if (look == DD_DOC_LOOK_OFFICIAL)
    {
      doc->styles = dd_doc_styles_official;
      doc->margins[0] = 37.0 * MM;
      doc->margins[1] = 35.0 * MM;
      doc->margins[2] = 28.0 * MM;
      doc->margins[3] = 26.0 * MM;
    }
  else
    {
      doc->styles = dd_doc_styles;
      doc->margins[0] = MARGIN_TOP;
      doc->margins[1] = MARGIN_BOTTOM;
      doc->margins[2] = MARGIN_LEFT;
      doc->margins[3] = MARGIN_RIGHT;
    }
  build_fonts (doc);
  doc->paginated = FALSE;
}

DdDocLook
dd_doc_get_look (DdDoc *doc)
{
  return doc->look;
}

void
dd_doc_get_margins (DdDoc  *doc,
                    double *top,
                    double *bottom,
                    double *left,
                    double *right)
{
  if (top) *top = doc->margins[0];
  if (bottom) *bottom = doc->margins[1];
  if (left) *left = doc->margins[2];
  if (right) *right = doc->margins[3];
}

char *
dd_doc_get_face (DdDoc      *doc,
                 DdDocStyle  style)
{
  g_return_val_if_fail (style < DD_DOC_N_STYLES, NULL);
  return resolve_face (doc, doc->fonts[style]);
}

void
dd_doc_set_heading_func (DdDoc            *doc,
                         DdDocHeadingFunc  func,
                         gpointer          user_data)
{
  doc->heading_label = func;
  doc->heading_label_data = user_data;
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
  dd_doc_paragraph_aligned (doc, style, doc->styles[style].align, markup);
}

void
dd_doc_heading (DdDoc      *doc,
                guint       level,
                const char *text)
{
  Block *block = add_block (doc, BLOCK_TEXT);
  guint k = level <= 1 ? 0 : 1;
  g_autofree char *number = NULL;
  g_autofree char *numbered = NULL;

  /* The n-th heading of its level under its parent */
  doc->heading_count[k]++;
  if (k == 0)
    doc->heading_count[1] = 0;
  if (doc->heading_label != NULL)
    number = doc->heading_label (k + 1, doc->heading_count[k], doc->heading_label_data);
  numbered = g_strconcat (number != NULL ? number : "", text, NULL);

  block->style = k == 0 ? DD_DOC_STYLE_H1 : DD_DOC_STYLE_H2;
  block->align = DD_DOC_ALIGN_LEFT;
  block->markup = g_markup_escape_text (numbered, -1);
  block->outline_level = MAX (level, 1);
  block->outline_text = g_steal_pointer (&numbered);
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

