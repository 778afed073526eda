/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-report-doc.h — a small paginated document: paragraphs, headings,
 * tables, figures, keep-together groups, running headers and page numbers
 *
 * Copyright 2024 The DrillDesk authors
 *
 * The after-action review (dd-report.c) is built from blocks appended to a
 * DdDoc, paginated once on A4 (portrait or landscape per page) and drawn
 * page by page on any cairo_t: the PDF surface and a GtkPrintOperation's
 * draw-page handler get the same pages.  All text is measured with one
 * PangoContext (no hinting, no glyph rounding) so that every surface gets
 * the same line breaks.
 */

#pragma once

#include <glib.h>
#include <cairo.h>

G_BEGIN_DECLS

#define DD_DOC_A4_WIDTH  595.2756  /* points */
#define DD_DOC_A4_HEIGHT 841.8898
/* An official document's line grid (GB/T 9704-2012 §5.2.2) */
#define DD_DOC_GRID_LINES 22
#define DD_DOC_GRID_CHARS 28

typedef enum {
  DD_DOC_STYLE_BODY,       /* serif body text, first-line indent of two characters */
  DD_DOC_STYLE_PLAIN,      /* serif body text without indent */
  DD_DOC_STYLE_TITLE,      /* cover title: large bold serif, centred */
  DD_DOC_STYLE_SUBTITLE,   /* cover lines: sans, centred */
  DD_DOC_STYLE_H1,         /* section heading: sans (黑体-like) */
  DD_DOC_STYLE_H2,         /* sub-heading: bold serif */
  DD_DOC_STYLE_CAPTION,    /* figure and table captions: small sans, centred */
  DD_DOC_STYLE_SMALL,      /* notes: small serif */
  DD_DOC_STYLE_QUOTE,      /* quoted plan text: serif, indented, grey rule */
  DD_DOC_STYLE_CELL,       /* table cells */
  DD_DOC_STYLE_CELL_HEAD,  /* table header cells: sans */
  DD_DOC_N_STYLES
} DdDocStyle;

typedef enum {
  DD_DOC_ALIGN_LEFT,
  DD_DOC_ALIGN_CENTER,
  DD_DOC_ALIGN_RIGHT,
} DdDocAlign;

/* How the whole document looks: the report's own layout, or an official
 * document after GB/T 9704-2012 (A4, margins 37/35/28/26 mm, a 156 × 225 mm
 * text area of 22 lines × 28 characters, a FangSong body of size 3, the
 * title face, bold sans and Kai headings, "— 1 —" page numbers in the outer
 * corner). */
typedef enum {
  DD_DOC_LOOK_REPORT,
  DD_DOC_LOOK_OFFICIAL,
} DdDocLook;

/* The faces of an official document, each list ending in a face Debian
 * and the GNOME runtime have (fonts-noto-cjk): fontconfig takes the first
 * one installed, so the body is FangSong where it is installed, else Noto
 * Serif CJK SC; no glyph is lost. */
#define DD_DOC_FACE_FANGSONG     "FangSong, FangSong_GB2312, STFangsong, Noto Serif CJK SC"
#define DD_DOC_FACE_XIAOBIAOSONG "FZXiaoBiaoSong-B05S, FZXiaoBiaoSong-B05, Noto Serif CJK SC"
#define DD_DOC_FACE_HEI          "SimHei, STHeiti, Noto Sans CJK SC"
#define DD_DOC_FACE_KAI          "KaiTi, KaiTi_GB2312, STKaiti, AR PL UKai CN, Noto Serif CJK SC"
#define DD_DOC_FACE_SONG         "SimSun, NSimSun, Noto Serif CJK SC"

typedef struct _DdDoc      DdDoc;
typedef struct _DdDocTable DdDocTable;

/* Draws a figure in the box (0, 0, width, height) of @cr. */
typedef void (*DdDocDrawFunc) (cairo_t *cr,
                               double   width,
                               double   height,
                               gpointer user_data);

/* Returns the text of the page number line ("Page 3 of 12"). */
typedef char *(*DdDocPageLabelFunc) (guint    page,   /* 1-based */
                                     guint    n_pages,
                                     gpointer user_data);

/* Returns the number put before a heading of @level (1 or 2) that is the
 * @n-th (1-based) of its level under its parent (a number word in
 * brackets, as "(1) "), or NULL. */
typedef char *(*DdDocHeadingFunc) (guint    level,
                                   guint    n,
                                   gpointer user_data);

DdDoc      *dd_doc_new                 (void);
void        dd_doc_free                (DdDoc *doc);

/* Text in the running header, left (document title) and right (defaults to
 * the current level-1 heading). */
void        dd_doc_set_header_text     (DdDoc              *doc,
                                        const char         *left);
void        dd_doc_set_page_label_func (DdDoc              *doc,
                                        DdDocPageLabelFunc  func,
                                        gpointer            user_data);
void        dd_doc_set_fonts           (DdDoc              *doc,
                                        const char         *serif_family,
                                        const char         *sans_family);

/* Sets the look before blocks are added (margins, styles, fonts, page
 * numbers); the report look is the default. */
void        dd_doc_set_look            (DdDoc              *doc,
                                        DdDocLook           look);
DdDocLook   dd_doc_get_look            (DdDoc              *doc);
/* The margins of portrait pages, in points. */
void        dd_doc_get_margins         (DdDoc              *doc,
                                        double             *top,
                                        double             *bottom,
                                        double             *left,
                                        double             *right);
/* The font face that draws @style's Chinese text on this system (the first
 * installed family of the style's list), e.g. "Noto Serif CJK SC". */
char       *dd_doc_get_face            (DdDoc              *doc,
                                        DdDocStyle          style) G_GNUC_WARN_UNUSED_RESULT;
/* Numbers headings as they are added (dd_doc_heading ()). */
void        dd_doc_set_heading_func    (DdDoc              *doc,
                                        DdDocHeadingFunc    func,
                                        gpointer            user_data);

/* Blocks.  @markup is Pango markup (escape plain text with
 * g_markup_escape_text ()). */
void        dd_doc_paragraph           (DdDoc       *doc,
                                        DdDocStyle   style,
                                        const char  *markup);
void        dd_doc_paragraph_aligned   (DdDoc       *doc,
                                        DdDocStyle   style,
                                        DdDocAlign   align,
                                        const char  *markup);
/* A heading of @level 1 or 2: in the PDF outline (under the last heading
 * of the level above) and kept with the block after it. @outline_text is
 * plain text, NULL to use @text. */
void        dd_doc_heading             (DdDoc       *doc,
                                        guint        level,
                                        const char  *text);
/* An outline entry with no visible text (e.g. the cover). */
void        dd_doc_outline_mark        (DdDoc       *doc,
                                        guint        level,
                                        const char  *text);
void        dd_doc_space               (DdDoc       *doc,
                                        double       points);
/* Starts a new page; @landscape for the page it starts. */
void        dd_doc_page_break          (DdDoc       *doc,
                                        gboolean     landscape);
/* No running header and page number line on the current page (cover). */
void        dd_doc_plain_page          (DdDoc       *doc);
/* Blocks between begin and end go on one page when they fit on one. */
void        dd_doc_keep_begin          (DdDoc       *doc);
void        dd_doc_keep_end            (DdDoc       *doc);
/* A figure of fixed @height, as wide as the text column (or @width when
 * > 0, centred).  @destroy frees @user_data with the document. */
void        dd_doc_figure              (DdDoc          *doc,
                                        double          width,
                                        double          height,
                                        DdDocDrawFunc   draw,
                                        gpointer        user_data,
                                        GDestroyNotify  destroy);
/* Width and height of the text column on a portrait or landscape page. */
double      dd_doc_get_column_width    (DdDoc       *doc,
                                        gboolean     landscape);
double      dd_doc_get_column_height   (DdDoc       *doc,
                                        gboolean     landscape);

/* Tables: @widths are @n_cols relative column widths.  Rows added before
 * dd_doc_table_end_header () repeat at the top of every page the table
 * runs onto.  A row never splits. */
DdDocTable *dd_doc_table               (DdDoc        *doc,
                                        guint         n_cols,
                                        const double *widths);
void        dd_doc_table_row           (DdDocTable   *table);
void        dd_doc_table_row_min       (DdDocTable   *table,
                                        double        min_height);
void        dd_doc_table_end_header    (DdDocTable   *table);
/* Appends a cell to the current row. */
void        dd_doc_table_cell          (DdDocTable   *table,
                                        const char   *markup);
void        dd_doc_table_cell_full     (DdDocTable   *table,
                                        const char   *markup,
                                        guint         colspan,
                                        DdDocStyle    style,
                                        DdDocAlign    align,
                                        guint32       fill_rgb); /* 0xffffff: none */

/* Layout.  Returns the number of pages. */
guint       dd_doc_paginate            (DdDoc       *doc);
guint       dd_doc_get_n_pages         (DdDoc       *doc);
gboolean    dd_doc_page_is_landscape   (DdDoc       *doc,
                                        guint        page); /* 0-based */
void        dd_doc_get_page_size       (DdDoc       *doc,
                                        guint        page,
                                        double      *width,
                                        double      *height);
/* Draws page @page (0-based) with its origin at the top left of the sheet,
 * in points. */
void        dd_doc_draw_page           (DdDoc       *doc,
                                        cairo_t     *cr,
                                        guint        page);
/* The page (0-based) a heading's text landed on, or -1; for tests. */
int         dd_doc_find_outline_page   (DdDoc       *doc,
                                        const char  *text);

/* Writes every page to a PDF file with its outline and metadata. */
gboolean    dd_doc_write_pdf           (DdDoc       *doc,
                                        const char  *path,
                                        const char  *title,
                                        const char  *author,
                                        const char  *subject,
                                        const char  *keywords,
                                        const char  *create_date, /* ISO 8601 or NULL */
                                        GError     **error);

/* Writes the document as an editable Word document (.docx, Office Open
 * XML in a zip written by libarchive): the same blocks in the same order,
 * headings as Word headings, tables as tables, figures as pictures, the
 * look's page size, margins, fonts (East Asian names) and page numbers. */
gboolean    dd_doc_write_docx          (DdDoc       *doc,
                                        const char  *path,
                                        const char  *title,
                                        const char  *author,
                                        GError     **error);

G_END_DECLS
