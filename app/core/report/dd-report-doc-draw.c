/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-report-doc-draw.c — drawing the document's pages on any cairo_t, and
 * writing it as PDF (fonts embedded, outline, metadata)
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
/* Drawing                                                             */

static void
draw_text (DdDoc   *doc,
           cairo_t *cr,
           Placed  *p,
           double   x,
           double   y)
{
  Block *block = p->block;
  const StyleInfo *info = &doc->styles[block->style];
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
      cairo_line_to (cr, x + info->size * 0.8, y + dd_doc_text_height (block, p->first, p->last) - 2);
      cairo_stroke (cr);
      cairo_restore (cr);
    }

  dd_doc_set_rgb (cr, info->colour);
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
draw_row (DdDoc   *doc,
          cairo_t *cr,
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
          dd_doc_set_rgb (cr, cell->fill);
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
      dd_doc_set_rgb (cr, doc->styles[cell->style].colour);
      cairo_move_to (cr, x + cell->x + CELL_PAD_X, ty);
      pango_cairo_show_layout (cr, cell->layout);
    }
  return row->height;
}

static void
draw_table (DdDoc   *doc,
            cairo_t *cr,
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
      y += draw_row (doc, cr, g_ptr_array_index (t->rows, r), x, y);
  for (guint r = p->first; r <= p->last && r < t->rows->len; r++)
    y += draw_row (doc, cr, g_ptr_array_index (t->rows, r), x, y);

  /* A heavier frame, as printed forms have. */
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 1.0);
  cairo_rectangle (cr, x, y0, width, y - y0);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* GB/T 9704-2012 §7.5: "— 1 —" in size 4 (14 pt) half-width Song, its top 7 mm below the text
 * area, one character in from the outer edge: right on odd pages, left on
 * even ones; no running header. */
static void
draw_official_page_number (DdDoc   *doc,
                           cairo_t *cr,
                           Page    *page,
                           guint    index)
{
  double left, top, col_w, col_h;
  g_autoptr(PangoLayout) layout = pango_layout_new (doc->context);
  PangoFontDescription *font = pango_font_description_from_string (DD_DOC_FACE_SONG " 14");
  g_autofree char *label = g_strdup_printf ("\xe2\x80\x94 %u \xe2\x80\x94", index + 1); /* — n — */
  PangoRectangle ink, logical;
  double em = 14.0;
  double x;

  dd_doc_page_geometry_for (doc, page->landscape, NULL, NULL, &left, &top, &col_w, &col_h);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, label, -1);
  pango_layout_get_extents (layout, &ink, &logical);
  x = (index + 1) % 2 == 1 ? left + col_w - em - (double) logical.width / PANGO_SCALE
                           : left + em;
  cairo_set_source_rgb (cr, 0, 0, 0);
  /* The top of the figures' ink at 7 mm */
  cairo_move_to (cr, x, top + col_h + 7.0 * MM - (double) ink.y / PANGO_SCALE);
  pango_cairo_show_layout (cr, layout);
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

  dd_doc_page_geometry_for (doc, page->landscape, &w, &h, &left, &top, &col_w, &col_h);
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
  dd_doc_page_geometry_for (doc, page->landscape, NULL, NULL, &left, &top, &col_w, NULL);

  cairo_save (cr);
  if (doc->look == DD_DOC_LOOK_OFFICIAL)
    draw_official_page_number (doc, cr, page, index);
  else if (!page->plain)
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
          draw_table (doc, cr, p, left, top + p->y, col_w);
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
