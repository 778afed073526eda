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
#include "dd-report-doc.h"

#define MM (72.0 / 25.4)

/* Margins after GB/T 9704 (official documents), a little tighter at the
 * top to leave room for the running header. */
#define MARGIN_TOP        (30.0 * MM)
#define MARGIN_BOTTOM     (25.0 * MM)
#define MARGIN_LEFT       (28.0 * MM)
#define MARGIN_RIGHT      (26.0 * MM)
#define LS_MARGIN_TOP     (24.0 * MM)
#define LS_MARGIN_BOTTOM  (20.0 * MM)
#define LS_MARGIN_SIDE    (22.0 * MM)

#define CELL_PAD_X 4.0
#define CELL_PAD_Y 3.5

typedef enum {
  BLOCK_TEXT,
  BLOCK_TABLE,
  BLOCK_FIGURE,
  BLOCK_SPACE,
  BLOCK_BREAK,
  BLOCK_PLAIN,
  BLOCK_KEEP_BEGIN,
  BLOCK_KEEP_END,
  BLOCK_MARK,
} BlockType;

typedef struct {
  char       *markup;
  guint       colspan;
  DdDocStyle  style;
  DdDocAlign  align;
  guint32     fill;
  PangoLayout *layout;
  double      x, width;            /* in the column */
} Cell;

typedef struct {
  GPtrArray *cells;                /* of Cell */
  double     min_height;
  double     height;               /* after layout */
} Row;

struct _DdDocTable {
  DdDoc     *doc;
  guint      n_cols;
  double    *widths;               /* fractions, sum 1 */
  GPtrArray *rows;                 /* of Row */
  guint      n_header;
  gboolean   header_ended;
};

typedef struct {
  BlockType   type;

  /* text */
  DdDocStyle  style;
  DdDocAlign  align;
  char       *markup;
  guint       outline_level;       /* 0: not in the outline */
  char       *outline_text;
  PangoLayout *layout;
  GArray     *line_top;            /* double, top of each line */
  GArray     *line_bottom;         /* double */

  /* table */
  DdDocTable *table;

  /* figure */
  double         width, height;
  DdDocDrawFunc  draw;
  gpointer       user_data;
  GDestroyNotify destroy;

  /* space */
  double      space;

  /* break */
  gboolean    landscape;
} Block;

typedef struct {
  Block  *block;
  double  y;                       /* top, in the column */
  guint   first, last;             /* text lines or table rows, inclusive */
  gboolean with_header;            /* table: repeat header rows first */
} Placed;

typedef struct {
  char  *text;
  guint  level;
  double y;                        /* sheet coordinates */
} OutlineEntry;

typedef struct {
  gboolean   landscape;
  gboolean   plain;
  GArray    *items;                /* of Placed */
  GPtrArray *outline;              /* of OutlineEntry */
  char      *section;              /* running header, right */
} Page;

struct _DdDoc {
  GPtrArray          *blocks;      /* of Block */
  GPtrArray          *pages;       /* of Page */
  PangoFontMap       *fontmap;
  PangoContext       *context;
  PangoFontDescription *fonts[DD_DOC_N_STYLES];
  char               *serif;
  char               *sans;
  char               *header_left;
  DdDocPageLabelFunc  page_label;
  gpointer            page_label_data;
  gboolean            paginated;
};

/* ------------------------------------------------------------------ */
/* Styles                                                              */

typedef struct {
  gboolean sans;
  gboolean bold;
  double   size;
  double   spacing;                /* line spacing factor */
  double   before, after;
  double   indent_chars;           /* first line */
  double   left_chars;             /* whole paragraph */
  DdDocAlign align;
  guint32  colour;
} StyleInfo;

static const StyleInfo styles[DD_DOC_N_STYLES] = {
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

static void
set_rgb (cairo_t *cr,
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
      pango_font_description_set_family (doc->fonts[i], styles[i].sans ? doc->sans : doc->serif);
      pango_font_description_set_weight (doc->fonts[i],
                                         styles[i].bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
      pango_font_description_set_size (doc->fonts[i], (int) (styles[i].size * PANGO_SCALE));
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

static void
outline_entry_free (gpointer data)
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
  dd_doc_paragraph_aligned (doc, style, styles[style].align, markup);
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

/* ------------------------------------------------------------------ */
/* Geometry                                                            */

static void
page_geometry (gboolean  landscape,
               double   *sheet_w,
               double   *sheet_h,
               double   *left,
               double   *top,
               double   *col_w,
               double   *col_h)
{
  double w = landscape ? DD_DOC_A4_HEIGHT : DD_DOC_A4_WIDTH;
  double h = landscape ? DD_DOC_A4_WIDTH : DD_DOC_A4_HEIGHT;
  double l = landscape ? LS_MARGIN_SIDE : MARGIN_LEFT;
  double r = landscape ? LS_MARGIN_SIDE : MARGIN_RIGHT;
  double t = landscape ? LS_MARGIN_TOP : MARGIN_TOP;
  double b = landscape ? LS_MARGIN_BOTTOM : MARGIN_BOTTOM;

  if (sheet_w) *sheet_w = w;
  if (sheet_h) *sheet_h = h;
  if (left) *left = l;
  if (top) *top = t;
  if (col_w) *col_w = w - l - r;
  if (col_h) *col_h = h - t - b;
}

double
dd_doc_get_column_width (DdDoc    *doc,
                         gboolean  landscape)
{
  double w;

  page_geometry (landscape, NULL, NULL, NULL, NULL, &w, NULL);
  return w;
}

double
dd_doc_get_column_height (DdDoc    *doc,
                          gboolean  landscape)
{
  double h;

  page_geometry (landscape, NULL, NULL, NULL, NULL, NULL, &h);
  return h;
}

static PangoLayout *
make_layout (DdDoc      *doc,
             DdDocStyle  style,
             DdDocAlign  align,
             const char *markup,
             double      width)
{
  PangoLayout *layout = pango_layout_new (doc->context);
  const StyleInfo *info = &styles[style];
  double em = info->size;

  pango_layout_set_font_description (layout, doc->fonts[style]);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (layout, (int) ((width - info->left_chars * em) * PANGO_SCALE));
  pango_layout_set_line_spacing (layout, (float) info->spacing);
  pango_layout_set_indent (layout, (int) (info->indent_chars * em * PANGO_SCALE));
  pango_layout_set_alignment (layout,
                              align == DD_DOC_ALIGN_CENTER ? PANGO_ALIGN_CENTER :
                              align == DD_DOC_ALIGN_RIGHT ? PANGO_ALIGN_RIGHT :
                              PANGO_ALIGN_LEFT);
  pango_layout_set_markup (layout, markup, -1);
  return layout;
}

static void
layout_text (DdDoc  *doc,
             Block  *block,
             double  width)
{
  PangoLayoutIter *iter;

  g_clear_object (&block->layout);
  g_clear_pointer (&block->line_top, g_array_unref);
  g_clear_pointer (&block->line_bottom, g_array_unref);

  block->layout = make_layout (doc, block->style, block->align, block->markup, width);
  block->line_top = g_array_new (FALSE, FALSE, sizeof (double));
  block->line_bottom = g_array_new (FALSE, FALSE, sizeof (double));

  iter = pango_layout_get_iter (block->layout);
  do
    {
      int y0, y1;
      double top, bottom;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      top = (double) y0 / PANGO_SCALE;
      bottom = (double) y1 / PANGO_SCALE;
      g_array_append_val (block->line_top, top);
      g_array_append_val (block->line_bottom, bottom);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static double
text_height (Block *block,
             guint  first,
             guint  last)
{
  return g_array_index (block->line_bottom, double, last) -
         g_array_index (block->line_top, double, first);
}

static void
layout_table (DdDoc      *doc,
              DdDocTable *table,
              double      width)
{
  for (guint r = 0; r < table->rows->len; r++)
    {
      Row *row = g_ptr_array_index (table->rows, r);
      guint col = 0;
      double height = row->min_height;

      for (guint c = 0; c < row->cells->len; c++)
        {
          Cell *cell = g_ptr_array_index (row->cells, c);
          double x = 0.0, w = 0.0;
          int lw, lh;

          for (guint k = 0; k < col && k < table->n_cols; k++)
            x += table->widths[k] * width;
          for (guint k = col; k < col + cell->colspan && k < table->n_cols; k++)
            w += table->widths[k] * width;
          /* The last cell of a row takes what is left. */
          if (c + 1 == row->cells->len)
            w = width - x;
          col += cell->colspan;

          cell->x = x;
          cell->width = w;
          g_clear_object (&cell->layout);
          cell->layout = make_layout (doc, cell->style, cell->align, cell->markup,
                                      MAX (w - 2 * CELL_PAD_X, 1.0));
          pango_layout_get_size (cell->layout, &lw, &lh);
          height = MAX (height, (double) lh / PANGO_SCALE + 2 * CELL_PAD_Y);
        }
      row->height = ceil (height);
    }
}

static double
rows_height (DdDocTable *table,
             guint       first,
             guint       last)
{
  double h = 0.0;

  for (guint r = first; r <= last && r < table->rows->len; r++)
    h += ((Row *) g_ptr_array_index (table->rows, r))->height;
  return h;
}

static double
header_height (DdDocTable *table)
{
  return table->n_header > 0 ? rows_height (table, 0, table->n_header - 1) : 0.0;
}

/* The smallest piece of @block that may start a page: a heading must not
 * be left alone at the bottom of one. */
static double
block_min_height (Block *block)
{
  switch (block->type)
    {
    case BLOCK_TEXT:
      {
        guint n = block->line_top->len;
        return styles[block->style].before +
               text_height (block, 0, MIN (n, 2) - 1);
      }
    case BLOCK_TABLE:
      {
        DdDocTable *t = block->table;
        guint last = MIN (t->n_header, t->rows->len - 1);
        return t->rows->len > 0 ? rows_height (t, 0, last) : 0.0;
      }
    case BLOCK_FIGURE:
      return block->height;
    case BLOCK_SPACE:
    case BLOCK_BREAK:
    case BLOCK_PLAIN:
    case BLOCK_KEEP_BEGIN:
    case BLOCK_KEEP_END:
    case BLOCK_MARK:
    default:
      return 0.0;
    }
}

static double
block_full_height (Block *block)
{
  switch (block->type)
    {
    case BLOCK_TEXT:
      return styles[block->style].before +
             text_height (block, 0, block->line_top->len - 1) +
             styles[block->style].after;
    case BLOCK_TABLE:
      return rows_height (block->table, 0, block->table->rows->len - 1) + 6.0;
    case BLOCK_FIGURE:
      return block->height;
    case BLOCK_SPACE:
      return block->space;
    case BLOCK_BREAK:
    case BLOCK_PLAIN:
    case BLOCK_KEEP_BEGIN:
    case BLOCK_KEEP_END:
    case BLOCK_MARK:
    default:
      return 0.0;
    }
}

/* ------------------------------------------------------------------ */
/* Pagination                                                          */

typedef struct {
  DdDoc   *doc;
  Page    *page;
  double   y;
  double   col_w, col_h, top;
  char    *section;
} Cursor;

static void
new_page (Cursor   *cur,
          gboolean  landscape)
{
  Page *page = g_new0 (Page, 1);

  page->landscape = landscape;
  page->items = g_array_new (FALSE, FALSE, sizeof (Placed));
  page->outline = g_ptr_array_new_with_free_func (outline_entry_free);
  page->section = g_strdup (cur->section);
  g_ptr_array_add (cur->doc->pages, page);

  cur->page = page;
  cur->y = 0.0;
  page_geometry (landscape, NULL, NULL, NULL, &cur->top, &cur->col_w, &cur->col_h);
}

static gboolean
page_is_empty (Cursor *cur)
{
  return cur->page->items->len == 0 && cur->y <= 0.0;
}

static void
place (Cursor *cur,
       Block  *block,
       guint   first,
       guint   last,
       gboolean with_header)
{
  Placed p = { block, cur->y, first, last, with_header };

  g_array_append_val (cur->page->items, p);
}

static void
add_outline (Cursor     *cur,
             Block      *block,
             double      y)
{
  OutlineEntry *entry;

  if (block->outline_level == 0 || block->outline_text == NULL)
    return;

  entry = g_new0 (OutlineEntry, 1);
  entry->text = g_strdup (block->outline_text);
  entry->level = block->outline_level;
  entry->y = cur->top + y;
  g_ptr_array_add (cur->page->outline, entry);

  if (block->outline_level == 1)
    {
      g_free (cur->section);
      cur->section = g_strdup (block->outline_text);
      /* A section starting at the top of a page names that page. */
      if (y <= 1.0 || cur->page->section == NULL)
        {
          g_free (cur->page->section);
          cur->page->section = g_strdup (block->outline_text);
        }
    }
}

static void
flow_text (Cursor *cur,
           Block  *block)
{
  const StyleInfo *info = &styles[block->style];
  guint n = block->line_top->len;
  guint first = 0;

  if (!page_is_empty (cur))
    cur->y += info->before;

  while (first < n)
    {
      double avail = cur->col_h - cur->y;
      guint last = first;
      double top0 = g_array_index (block->line_top, double, first);

      /* As many lines as fit. */
      while (last + 1 < n &&
             g_array_index (block->line_bottom, double, last + 1) - top0 <= avail)
        last++;

      if (g_array_index (block->line_bottom, double, last) - top0 > avail)
        {
          /* Not even one line fits. */
          if (!page_is_empty (cur))
            {
              new_page (cur, cur->page->landscape);
              continue;
            }
        }
      else if (last + 1 < n)
        {
          /* Split: no orphan (one line at the bottom) or widow (one line at
           * the top of the next page). */
          if (last == first && first == 0 && n > 1 && !page_is_empty (cur))
            {
              new_page (cur, cur->page->landscape);
              continue;
            }
          if (n - (last + 1) == 1 && last > first)
            last--;
        }

      if (first == 0)
        add_outline (cur, block, cur->y);
      place (cur, block, first, last, FALSE);
      cur->y += text_height (block, first, last);
      first = last + 1;
      if (first < n)
        new_page (cur, cur->page->landscape);
    }
  cur->y += info->after;
}

static void
flow_table (Cursor *cur,
            Block  *block)
{
  DdDocTable *t = block->table;
  guint first = t->n_header;
  double head = header_height (t);

  if (t->rows->len == 0)
    return;

  /* Header and first body row together. */
  if (cur->y + block_min_height (block) > cur->col_h && !page_is_empty (cur))
    new_page (cur, cur->page->landscape);

  if (first >= t->rows->len)
    {
      place (cur, block, 0, t->rows->len - 1, FALSE);
      cur->y += head + 6.0;
      return;
    }

  while (first < t->rows->len)
    {
      double avail = cur->col_h - cur->y - head;
      guint last = first;
      double h = ((Row *) g_ptr_array_index (t->rows, first))->height;

      while (last + 1 < t->rows->len &&
             h + ((Row *) g_ptr_array_index (t->rows, last + 1))->height <= avail)
        {
          last++;
          h += ((Row *) g_ptr_array_index (t->rows, last))->height;
        }
      if (h > avail && !page_is_empty (cur))
        {
          new_page (cur, cur->page->landscape);
          continue;
        }
      place (cur, block, first, last, TRUE);
      cur->y += head + h;
      first = last + 1;
      if (first < t->rows->len)
        new_page (cur, cur->page->landscape);
    }
  cur->y += 6.0;
}

static void
flow_figure (Cursor *cur,
             Block  *block)
{
  if (cur->y + block->height > cur->col_h && !page_is_empty (cur))
    new_page (cur, cur->page->landscape);
  place (cur, block, 0, 0, FALSE);
  cur->y += block->height;
}

static double
group_height (DdDoc *doc,
              guint  from,
              guint *end_out)
{
  double h = 0.0;
  guint i;

  for (i = from; i < doc->blocks->len; i++)
    {
      Block *b = g_ptr_array_index (doc->blocks, i);

      if (b->type == BLOCK_KEEP_END || b->type == BLOCK_BREAK)
        break;
      h += block_full_height (b);
    }
  *end_out = i;
  return h;
}

guint
dd_doc_paginate (DdDoc *doc)
{
  Cursor cur = { doc, NULL, 0.0, 0.0, 0.0, 0.0, NULL };
  gboolean landscape = FALSE;
  double width;

  g_ptr_array_set_size (doc->pages, 0);
  new_page (&cur, FALSE);

  /* Measure everything once, with the width of the page it will be on. */
  for (guint i = 0; i < doc->blocks->len; i++)
    {
      Block *b = g_ptr_array_index (doc->blocks, i);

      if (b->type == BLOCK_BREAK)
        landscape = b->landscape;
      width = dd_doc_get_column_width (doc, landscape);
      if (b->type == BLOCK_TEXT)
        layout_text (doc, b, width);
      else if (b->type == BLOCK_TABLE)
        layout_table (doc, b->table, width);
      else if (b->type == BLOCK_FIGURE && b->width <= 0.0)
        b->width = width;
    }

  for (guint i = 0; i < doc->blocks->len; i++)
    {
      Block *b = g_ptr_array_index (doc->blocks, i);

      switch (b->type)
        {
        case BLOCK_TEXT:
          if (b->outline_level > 0 && i + 1 < doc->blocks->len)
            {
              /* Keep a heading with the start of what follows. */
              Block *next = g_ptr_array_index (doc->blocks, i + 1);
              double need = block_full_height (b) + block_min_height (next);

              if (next->type == BLOCK_KEEP_BEGIN)
                {
                  guint end;
                  double g = group_height (doc, i + 2, &end);
                  if (g <= cur.col_h)
                    need = block_full_height (b) + g;
                }
              if (cur.y + need > cur.col_h && !page_is_empty (&cur))
                new_page (&cur, cur.page->landscape);
            }
          flow_text (&cur, b);
          break;
        case BLOCK_TABLE:
          flow_table (&cur, b);
          break;
        case BLOCK_FIGURE:
          flow_figure (&cur, b);
          break;
        case BLOCK_SPACE:
          cur.y = MIN (cur.y + b->space, cur.col_h);
          break;
        case BLOCK_BREAK:
          if (!page_is_empty (&cur) || cur.page->landscape != b->landscape)
            {
              if (page_is_empty (&cur) && cur.page->outline->len == 0)
                {
                  /* Reuse the empty page with the other orientation. */
                  cur.page->landscape = b->landscape;
                  page_geometry (b->landscape, NULL, NULL, NULL, &cur.top,
                                 &cur.col_w, &cur.col_h);
                }
              else
                new_page (&cur, b->landscape);
            }
          break;
        case BLOCK_PLAIN:
          cur.page->plain = TRUE;
          break;
        case BLOCK_KEEP_BEGIN:
          {
            guint end;
            double g = group_height (doc, i + 1, &end);

            if (cur.y + g > cur.col_h && g <= cur.col_h && !page_is_empty (&cur))
              new_page (&cur, cur.page->landscape);
          }
          break;
        case BLOCK_MARK:
          add_outline (&cur, b, cur.y);
          break;
        case BLOCK_KEEP_END:
        default:
          break;
        }
    }

  /* A trailing empty page (from a final break) is dropped. */
  if (doc->pages->len > 1 && page_is_empty (&cur) && cur.page->outline->len == 0)
    g_ptr_array_set_size (doc->pages, doc->pages->len - 1);

  g_free (cur.section);
  doc->paginated = TRUE;
  return doc->pages->len;
}

guint
dd_doc_get_n_pages (DdDoc *doc)
{
  if (!doc->paginated)
    dd_doc_paginate (doc);
  return doc->pages->len;
}

gboolean
dd_doc_page_is_landscape (DdDoc *doc,
                          guint  page)
{
  if (page >= dd_doc_get_n_pages (doc))
    return FALSE;
  return ((Page *) g_ptr_array_index (doc->pages, page))->landscape;
}

void
dd_doc_get_page_size (DdDoc  *doc,
                      guint   page,
                      double *width,
                      double *height)
{
  page_geometry (dd_doc_page_is_landscape (doc, page), width, height,
                 NULL, NULL, NULL, NULL);
}

int
dd_doc_find_outline_page (DdDoc      *doc,
                          const char *text)
{
  for (guint p = 0; p < dd_doc_get_n_pages (doc); p++)
    {
      Page *page = g_ptr_array_index (doc->pages, p);

      for (guint i = 0; i < page->outline->len; i++)
        if (g_strcmp0 (((OutlineEntry *) g_ptr_array_index (page->outline, i))->text, text) == 0)
          return (int) p;
    }
  return -1;
}

/* ------------------------------------------------------------------ */
/* Drawing                                                             */

static void
draw_text (DdDoc   *doc,
           cairo_t *cr,
           Placed  *p,
           double   x,
           double   y)
{
  Block *block = p->block;
  const StyleInfo *info = &styles[block->style];
  PangoLayoutIter *iter = pango_layout_get_iter (block->layout);
  double top0 = g_array_index (block->line_top, double, p->first);
  double left = x + info->left_chars * info->size;
  guint i = 0;

  if (block->style == DD_DOC_STYLE_QUOTE)
    {
      cairo_save (cr);
      cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
      cairo_set_line_width (cr, 1.5);
      cairo_move_to (cr, x + info->size * 0.8, y + 2);
      cairo_line_to (cr, x + info->size * 0.8, y + text_height (block, p->first, p->last) - 2);
      cairo_stroke (cr);
      cairo_restore (cr);
    }

  set_rgb (cr, info->colour);
  do
    {
      if (i >= p->first && i <= p->last)
        {
          PangoRectangle logical;
          double baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          cairo_move_to (cr, left + (double) logical.x / PANGO_SCALE, y + baseline - top0);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
        }
      i++;
    }
  while (i <= p->last && pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static double
draw_row (cairo_t *cr,
          Row     *row,
          double   x,
          double   y)
{
  for (guint c = 0; c < row->cells->len; c++)
    {
      Cell *cell = g_ptr_array_index (row->cells, c);
      int lw, lh;
      double ty;

      if (cell->fill != 0xffffff)
        {
          set_rgb (cr, cell->fill);
          cairo_rectangle (cr, x + cell->x, y, cell->width, row->height);
          cairo_fill (cr);
        }
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_set_line_width (cr, 0.6);
      cairo_rectangle (cr, x + cell->x, y, cell->width, row->height);
      cairo_stroke (cr);

      /* Text centred vertically, except in tall free-text boxes. */
      pango_layout_get_size (cell->layout, &lw, &lh);
      if (row->min_height > 40.0)
        ty = y + CELL_PAD_Y;
      else
        ty = y + (row->height - (double) lh / PANGO_SCALE) / 2.0;
      set_rgb (cr, styles[cell->style].colour);
      cairo_move_to (cr, x + cell->x + CELL_PAD_X, ty);
      pango_cairo_show_layout (cr, cell->layout);
    }
  return row->height;
}

static void
draw_table (cairo_t *cr,
            Placed  *p,
            double   x,
            double   y,
            double   width)
{
  DdDocTable *t = p->block->table;
  double y0 = y;

  cairo_save (cr);
  if (p->with_header)
    for (guint r = 0; r < t->n_header; r++)
      y += draw_row (cr, g_ptr_array_index (t->rows, r), x, y);
  for (guint r = p->first; r <= p->last && r < t->rows->len; r++)
    y += draw_row (cr, g_ptr_array_index (t->rows, r), x, y);

  /* A heavier frame, as printed forms have. */
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 1.0);
  cairo_rectangle (cr, x, y0, width, y - y0);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_furniture (DdDoc   *doc,
                cairo_t *cr,
                Page    *page,
                guint    index)
{
  double w, h, left, top, col_w, col_h;
  g_autoptr(PangoLayout) layout = NULL;
  PangoFontDescription *font = pango_font_description_new ();
  int lw, lh;

  page_geometry (page->landscape, &w, &h, &left, &top, &col_w, &col_h);
  pango_font_description_set_family (font, doc->serif);
  pango_font_description_set_size (font, 9 * PANGO_SCALE);
  layout = pango_layout_new (doc->context);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);

  /* Running header: document title left, section right, a rule below. */
  if (doc->header_left != NULL)
    {
      pango_layout_set_text (layout, doc->header_left, -1);
      pango_layout_get_size (layout, &lw, &lh);
      cairo_move_to (cr, left, top - 18.0 - (double) lh / PANGO_SCALE);
      pango_cairo_show_layout (cr, layout);
    }
  if (page->section != NULL)
    {
      pango_layout_set_text (layout, page->section, -1);
      pango_layout_get_size (layout, &lw, &lh);
      cairo_move_to (cr, left + col_w - (double) lw / PANGO_SCALE,
                     top - 18.0 - (double) lh / PANGO_SCALE);
      pango_cairo_show_layout (cr, layout);
    }
  cairo_set_line_width (cr, 0.75);
  cairo_move_to (cr, left, top - 14.0);
  cairo_line_to (cr, left + col_w, top - 14.0);
  cairo_stroke (cr);

  /* Page number line, centred under the column. */
  if (doc->page_label != NULL)
    {
      g_autofree char *label = doc->page_label (index + 1, doc->pages->len,
                                                doc->page_label_data);

      pango_layout_set_text (layout, label, -1);
      pango_layout_get_size (layout, &lw, &lh);
      cairo_move_to (cr, left + (col_w - (double) lw / PANGO_SCALE) / 2.0,
                     top + col_h + 18.0);
      pango_cairo_show_layout (cr, layout);
    }
}

void
dd_doc_draw_page (DdDoc   *doc,
                  cairo_t *cr,
                  guint    index)
{
  Page *page;
  double left, top, col_w;

  g_return_if_fail (doc != NULL && cr != NULL);

  if (index >= dd_doc_get_n_pages (doc))
    return;
  page = g_ptr_array_index (doc->pages, index);
  page_geometry (page->landscape, NULL, NULL, &left, &top, &col_w, NULL);

  cairo_save (cr);
  if (!page->plain)
    draw_furniture (doc, cr, page, index);

  for (guint i = 0; i < page->items->len; i++)
    {
      Placed *p = &g_array_index (page->items, Placed, i);

      switch (p->block->type)
        {
        case BLOCK_TEXT:
          draw_text (doc, cr, p, left, top + p->y);
          break;
        case BLOCK_TABLE:
          draw_table (cr, p, left, top + p->y, col_w);
          break;
        case BLOCK_FIGURE:
          cairo_save (cr);
          cairo_translate (cr, left + (col_w - p->block->width) / 2.0, top + p->y);
          cairo_rectangle (cr, 0, 0, p->block->width, p->block->height);
          cairo_clip (cr);
          if (p->block->draw != NULL)
            p->block->draw (cr, p->block->width, p->block->height, p->block->user_data);
          cairo_restore (cr);
          break;
        case BLOCK_SPACE:
        case BLOCK_BREAK:
        case BLOCK_PLAIN:
        case BLOCK_KEEP_BEGIN:
        case BLOCK_KEEP_END:
        case BLOCK_MARK:
        default:
          break;
        }
    }
  cairo_restore (cr);
}

/* ------------------------------------------------------------------ */
/* PDF                                                                 */

gboolean
dd_doc_write_pdf (DdDoc       *doc,
                  const char  *path,
                  const char  *title,
                  const char  *author,
                  const char  *subject,
                  const char  *keywords,
                  const char  *create_date,
                  GError     **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  int parents[8] = { CAIRO_PDF_OUTLINE_ROOT };
  guint n_pages = dd_doc_get_n_pages (doc);
  double w, h;

  dd_doc_get_page_size (doc, 0, &w, &h);
  surface = cairo_pdf_surface_create (path, w, h);
  status = cairo_surface_status (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_IO, "%s: %s", path,
                   cairo_status_to_string (status));
      cairo_surface_destroy (surface);
      return FALSE;
    }

  cairo_pdf_surface_restrict_to_version (surface, CAIRO_PDF_VERSION_1_5);
  if (title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  if (author != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, author);
  if (subject != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, subject);
  if (keywords != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_KEYWORDS, keywords);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "DrillDesk " PACKAGE_VERSION);
  if (create_date != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, create_date);

  for (guint p = 0; p < n_pages; p++)
    {
      Page *page = g_ptr_array_index (doc->pages, p);
      cairo_t *cr;

      dd_doc_get_page_size (doc, p, &w, &h);
      cairo_pdf_surface_set_size (surface, w, h);
      cr = cairo_create (surface);
      dd_doc_draw_page (doc, cr, p);

      for (guint i = 0; i < page->outline->len; i++)
        {
          OutlineEntry *entry = g_ptr_array_index (page->outline, i);
          guint level = MIN (entry->level, G_N_ELEMENTS (parents) - 1);
          char ybuf[G_ASCII_DTOSTR_BUF_SIZE];
          g_autofree char *attrs = NULL;

          g_ascii_formatd (ybuf, sizeof ybuf, "%.1f", entry->y);
          attrs = g_strdup_printf ("page=%u pos=[0 %s]", p + 1, ybuf);
          parents[level] = cairo_pdf_surface_add_outline (surface, parents[level - 1],
                                                          entry->text, attrs,
                                                          level == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
          for (guint k = level + 1; k < G_N_ELEMENTS (parents); k++)
            parents[k] = parents[level];
        }

      cairo_show_page (cr);
      cairo_destroy (cr);
    }

  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_IO, "%s: %s", path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
