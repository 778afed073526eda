/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-report-doc-layout.c — the document's geometry and pagination: text
 * and tables measured with pango, blocks flowed onto A4 pages
 *
 * Copyright 2024 The DrillDesk authors
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>

#include "dd-report-doc-private.h"

/* ------------------------------------------------------------------ */
/* Geometry                                                            */

static void
geometry (const double *margins,
          gboolean      landscape,
          double       *sheet_w,
          double       *sheet_h,
          double       *left,
          double       *top,
          double       *col_w,
          double       *col_h)
{
  double w = landscape ? DD_DOC_A4_HEIGHT : DD_DOC_A4_WIDTH;
  double h = landscape ? DD_DOC_A4_WIDTH : DD_DOC_A4_HEIGHT;
  double l = landscape ? LS_MARGIN_SIDE : margins[2];
  double r = landscape ? LS_MARGIN_SIDE : margins[3];
  double t = landscape ? LS_MARGIN_TOP : margins[0];
  double b = landscape ? LS_MARGIN_BOTTOM : margins[1];

  if (sheet_w) *sheet_w = w;
  if (sheet_h) *sheet_h = h;
  if (left) *left = l;
  if (top) *top = t;
  if (col_w) *col_w = w - l - r;
  if (col_h) *col_h = h - t - b;
}

void
dd_doc_page_geometry (gboolean  landscape,
                      double   *sheet_w,
                      double   *sheet_h,
                      double   *left,
                      double   *top,
                      double   *col_w,
                      double   *col_h)
{
  static const double margins[4] = { MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT };

  geometry (margins, landscape, sheet_w, sheet_h, left, top, col_w, col_h);
}

void
dd_doc_page_geometry_for (DdDoc    *doc,
                          gboolean  landscape,
                          double   *sheet_w,
                          double   *sheet_h,
                          double   *left,
                          double   *top,
                          double   *col_w,
                          double   *col_h)
{
  geometry (doc->margins, landscape, sheet_w, sheet_h, left, top, col_w, col_h);
}

double
dd_doc_get_column_width (DdDoc    *doc,
                         gboolean  landscape)
{
  double w;

  dd_doc_page_geometry_for (doc, landscape, NULL, NULL, NULL, NULL, &w, NULL);
  return w;
}

double
dd_doc_get_column_height (DdDoc    *doc,
                          gboolean  landscape)
{
  double h;

  dd_doc_page_geometry_for (doc, landscape, NULL, NULL, NULL, NULL, NULL, &h);
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
  const StyleInfo *info = &doc->styles[style];
  double em = info->size;

  pango_layout_set_font_description (layout, doc->fonts[style]);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (layout, (int) ((width - info->left_chars * em) * PANGO_SCALE));
  pango_layout_set_line_spacing (layout, (float) doc->line_factor[style]);
  pango_layout_set_indent (layout, (int) (info->indent_chars * em * PANGO_SCALE));
  pango_layout_set_alignment (layout,
                              align == DD_DOC_ALIGN_CENTER ? PANGO_ALIGN_CENTER :
                              align == DD_DOC_ALIGN_RIGHT ? PANGO_ALIGN_RIGHT :
                              PANGO_ALIGN_LEFT);
  pango_layout_set_markup (layout, markup, -1);
  if (doc->look == DD_DOC_LOOK_OFFICIAL && fabs (info->line_height - DD_DOC_GRID_LINE) < 0.01)
    {
      /* The line grid: 28 characters to a line, by a little less space
       * between them than the face has */
      PangoAttrList *attrs = pango_layout_get_attributes (layout);
      double pitch = (DD_DOC_A4_WIDTH - doc->margins[2] - doc->margins[3]) / DD_DOC_GRID_CHARS;

      attrs = attrs != NULL ? pango_attr_list_copy (attrs) : pango_attr_list_new ();
      pango_attr_list_insert_before (attrs, pango_attr_letter_spacing_new ((int) floor ((pitch - em) * PANGO_SCALE)));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
      pango_layout_set_indent (layout, (int) (info->indent_chars * pitch * PANGO_SCALE));
    }
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

double
dd_doc_text_height (Block *block,
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
block_min_height (DdDoc *doc,
                  Block *block)
{
  switch (block->type)
    {
    case BLOCK_TEXT:
      {
        guint n = block->line_top->len;
        return doc->styles[block->style].before +
               dd_doc_text_height (block, 0, MIN (n, 2) - 1);
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
block_full_height (DdDoc *doc,
                   Block *block)
{
  switch (block->type)
    {
    case BLOCK_TEXT:
      return doc->styles[block->style].before +
             dd_doc_text_height (block, 0, block->line_top->len - 1) +
             doc->styles[block->style].after;
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
  page->outline = g_ptr_array_new_with_free_func (dd_doc_outline_entry_free);
  page->section = g_strdup (cur->section);
  g_ptr_array_add (cur->doc->pages, page);

  cur->page = page;
  cur->y = 0.0;
  dd_doc_page_geometry_for (cur->doc, landscape, NULL, NULL, NULL, &cur->top, &cur->col_w, &cur->col_h);
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
  const StyleInfo *info = &cur->doc->styles[block->style];
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
      cur->y += dd_doc_text_height (block, first, last);
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
  if (cur->y + block_min_height (cur->doc, block) > cur->col_h && !page_is_empty (cur))
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
      h += block_full_height (doc, b);
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
              /* Keep a heading with the start of what follows (through
               * the headings right under it). */
              double need = block_full_height (doc, b);
              guint k = i + 1;
              Block *next = g_ptr_array_index (doc->blocks, k);

              while (next->type == BLOCK_TEXT && next->outline_level > 0 && k + 1 < doc->blocks->len)
                {
                  need += block_full_height (doc, next);
                  next = g_ptr_array_index (doc->blocks, ++k);
                }
              if (next->type == BLOCK_KEEP_BEGIN)
                {
                  guint end;
                  double g = group_height (doc, k + 1, &end);
                  if (g <= cur.col_h)
                    need += g;
                }
              else
                need += block_min_height (doc, next);
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
                  dd_doc_page_geometry_for (doc, b->landscape, NULL, NULL, NULL, &cur.top,
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
  dd_doc_page_geometry_for (doc, dd_doc_page_is_landscape (doc, page), width, height,
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
