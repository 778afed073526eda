/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-report-doc-private.h — the document's blocks, pages and styles, shared
 * by dd-report-doc.c (building it), dd-report-doc-layout.c (geometry and
 * pagination) and dd-report-doc-draw.c (drawing and PDF)
 *
 * Copyright 2024 The DrillDesk authors
 */

#pragma once

#include <pango/pangocairo.h>

#include "dd-report-doc.h"

G_BEGIN_DECLS

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

/* An official document's line pitch: 22 lines of size 3 (16 pt) fill the
 * 225 mm text area */
#define DD_DOC_GRID_LINE (225.0 * MM / DD_DOC_GRID_LINES)

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
  const char *family;              /* fontconfig family list, or NULL: the
                                    * document's serif or sans */
  double   line_height;            /* points from baseline to baseline, or 0:
                                    * @spacing times the font's height */
} StyleInfo;

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
  DdDocLook           look;
  const StyleInfo    *styles;      /* dd_doc_styles or dd_doc_styles_official */
  double              margins[4];  /* portrait: top, bottom, left, right */
  DdDocHeadingFunc    heading_label;
  gpointer            heading_label_data;
  guint               heading_count[2]; /* level-1 and level-2 headings so far */
  double              line_factor[DD_DOC_N_STYLES]; /* pango line spacing per style */
};


/* The looks of each DdDocStyle: the report's, and after GB/T 9704 */
extern const StyleInfo dd_doc_styles[DD_DOC_N_STYLES];
extern const StyleInfo dd_doc_styles_official[DD_DOC_N_STYLES];

void dd_doc_set_rgb (cairo_t *cr,
                     guint32 rgb);
void dd_doc_outline_entry_free (gpointer data);
/* The geometry of @doc's pages (its look's margins) */
void dd_doc_page_geometry_for (DdDoc *doc,
                               gboolean landscape,
                               double *sheet_w,
                               double *sheet_h,
                               double *left,
                               double *top,
                               double *col_w,
                               double *col_h);
/* The report look's geometry */
void dd_doc_page_geometry (gboolean landscape,
                           double *sheet_w,
                           double *sheet_h,
                           double *left,
                           double *top,
                           double *col_w,
                           double *col_h);
double dd_doc_text_height (Block *block,
                           guint first,
                           guint last);


G_END_DECLS
