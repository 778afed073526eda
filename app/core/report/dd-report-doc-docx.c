/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-report-doc-docx.c — the document as an editable Word document
 * (Office Open XML WordprocessingML, ECMA-376), zipped by libarchive
 *
 * Copyright 2024 The DrillDesk authors
 *
 * The blocks are the ones the PDF is drawn from, in the same order: text
 * blocks become paragraphs of a named style (headings as Word's "heading 1"
 * and "heading 2", so WPS and Word list them in their navigation pane),
 * tables become tables with their header rows repeated, figures become PNG
 * pictures drawn by the same routine at 150 dpi, page breaks and landscape
 * pages become page breaks and sections.  Runs keep the markup's bold,
 * colour, size and face; every face is named for East Asian text too.
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <errno.h>
#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>

#include "dd-error.h"
#include "dd-report-doc-private.h"

#define TWIPS(pt) ((int) lround ((pt) * 20.0))
#define EMU(pt)   ((gint64) llround ((pt) * 12700.0))
#define FIGURE_DPI 150.0

#define NS_W   "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R   "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_REL "http://schemas.openxmlformats.org/package/2006/relationships"
#define REL    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

static const char * const style_ids[DD_DOC_N_STYLES] = {
  [DD_DOC_STYLE_BODY] = "Body",
  [DD_DOC_STYLE_PLAIN] = "Plain",
  [DD_DOC_STYLE_TITLE] = "Title",
  [DD_DOC_STYLE_SUBTITLE] = "Subtitle",
  [DD_DOC_STYLE_H1] = "Heading1",
  [DD_DOC_STYLE_H2] = "Heading2",
  [DD_DOC_STYLE_CAPTION] = "Caption",
  [DD_DOC_STYLE_SMALL] = "Small",
  [DD_DOC_STYLE_QUOTE] = "Quote",
  [DD_DOC_STYLE_CELL] = "Cell",
  [DD_DOC_STYLE_CELL_HEAD] = "CellHead",
};

/* Word's own names for the built-in styles, so that they are recognised */
static const char * const style_names[DD_DOC_N_STYLES] = {
  [DD_DOC_STYLE_BODY] = "Body Text",
  [DD_DOC_STYLE_PLAIN] = "Plain Text",
  [DD_DOC_STYLE_TITLE] = "Title",
  [DD_DOC_STYLE_SUBTITLE] = "Subtitle",
  [DD_DOC_STYLE_H1] = "heading 1",
  [DD_DOC_STYLE_H2] = "heading 2",
  [DD_DOC_STYLE_CAPTION] = "caption",
  [DD_DOC_STYLE_SMALL] = "Note",
  [DD_DOC_STYLE_QUOTE] = "Quote",
  [DD_DOC_STYLE_CELL] = "Table Cell",
  [DD_DOC_STYLE_CELL_HEAD] = "Table Heading",
};

typedef struct {
  GString   *body;
  GPtrArray *images;             /* of GBytes, word/media/imageN.png */
  DdDoc     *doc;
  gboolean   landscape;          /* of the section being written */
  gboolean   any;                /* something was written */
} Writer;

/* ------------------------------------------------------------------ */
/* Text                                                                */

/* Appends @len bytes of @text escaped for XML, leaving out the control
 * characters XML 1.0 does not allow */
static void
append_escaped (GString    *out,
                const char *text,
                gssize      len)
{
  const char *end = len < 0 ? text + strlen (text) : text + len;

  for (const char *p = text; p < end; p++)
    switch (*p)
      {
      case '&': g_string_append (out, "&amp;"); break;
      case '<': g_string_append (out, "&lt;"); break;
      case '>': g_string_append (out, "&gt;"); break;
      case '"': g_string_append (out, "&quot;"); break;
      default:
        if ((guchar) *p >= 0x20 || *p == '\t')
          g_string_append_c (out, *p);
      }
}

/* The first family of a fontconfig list ("FangSong, …" → FangSong) */
static char *
first_family (const char *list)
{
  g_auto(GStrv) parts = g_strsplit (list != NULL ? list : "", ",", 2);

  return g_strstrip (g_strdup (parts[0] != NULL ? parts[0] : ""));
}

static void
append_fonts (GString    *out,
              const char *family)
{
  g_autofree char *face = first_family (family);

  g_string_append (out, "<w:rFonts w:ascii=\"");
  append_escaped (out, face, -1);
  g_string_append (out, "\" w:hAnsi=\"");
  append_escaped (out, face, -1);
  g_string_append (out, "\" w:eastAsia=\"");
  append_escaped (out, face, -1);
  g_string_append (out, "\" w:cs=\"");
  append_escaped (out, face, -1);
  g_string_append (out, "\"/>");
}

/* One run of @text (line breaks as <w:br/>) with the attributes in force */
static void
append_run (GString         *out,
            const char      *text,
            gssize           len,
            PangoAttrIterator *it)
{
  PangoAttribute *a;
  GString *props = g_string_new (NULL);
  const char *end = text + len;
  const char *p = text;

  if ((a = pango_attr_iterator_get (it, PANGO_ATTR_FAMILY)) != NULL)
    append_fonts (props, ((PangoAttrString *) a)->value);
  if ((a = pango_attr_iterator_get (it, PANGO_ATTR_WEIGHT)) != NULL)
    g_string_append (props, ((PangoAttrInt *) a)->value >= PANGO_WEIGHT_SEMIBOLD ? "<w:b/>" : "<w:b w:val=\"0\"/>");
  if ((a = pango_attr_iterator_get (it, PANGO_ATTR_FOREGROUND)) != NULL)
    {
      PangoColor *c = &((PangoAttrColor *) a)->color;
      g_string_append_printf (props, "<w:color w:val=\"%02X%02X%02X\"/>",
                              c->red >> 8, c->green >> 8, c->blue >> 8);
    }
  if ((a = pango_attr_iterator_get (it, PANGO_ATTR_SIZE)) != NULL ||
      (a = pango_attr_iterator_get (it, PANGO_ATTR_ABSOLUTE_SIZE)) != NULL)
    {
      int half = (int) lround (2.0 * ((PangoAttrSize *) a)->size / PANGO_SCALE);
      g_string_append_printf (props, "<w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/>", half, half);
    }

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *stop = nl != NULL ? nl : end;

      g_string_append (out, "<w:r>");
      if (props->len > 0)
        g_string_append_printf (out, "<w:rPr>%s</w:rPr>", props->str);
      if (stop > p)
        {
          g_string_append (out, "<w:t xml:space=\"preserve\">");
          append_escaped (out, p, stop - p);
          g_string_append (out, "</w:t>");
        }
      if (nl != NULL)
        g_string_append (out, "<w:br/>");
      g_string_append (out, "</w:r>");
      p = nl != NULL ? nl + 1 : end;
    }
  g_string_free (props, TRUE);
}

/* The runs of Pango @markup */
static void
append_markup (GString    *out,
               const char *markup)
{
  PangoAttrList *attrs = NULL;
  char *text = NULL;
  PangoAttrIterator *it;

  if (!pango_parse_markup (markup, -1, 0, &attrs, &text, NULL, NULL))
    {
      /* Not markup after all: as it is */
      PangoAttrList *none = pango_attr_list_new ();
      it = pango_attr_list_get_iterator (none);
      append_run (out, markup, strlen (markup), it);
      pango_attr_iterator_destroy (it);
      pango_attr_list_unref (none);
      return;
    }
  it = pango_attr_list_get_iterator (attrs);
  do
    {
      int start, end;

      pango_attr_iterator_range (it, &start, &end);
      end = MIN (end, (int) strlen (text));
      if (end > start)
        append_run (out, text + start, end - start, it);
    }
  while (pango_attr_iterator_next (it));
  pango_attr_iterator_destroy (it);
  pango_attr_list_unref (attrs);
  g_free (text);
}

static const char *
jc (DdDocAlign align)
{
  return align == DD_DOC_ALIGN_CENTER ? "center" : align == DD_DOC_ALIGN_RIGHT ? "right" : "left";
}

static void
append_paragraph (Writer     *w,
                  DdDocStyle  style,
                  DdDocAlign  align,
                  const char *markup)
{
  g_string_append_printf (w->body, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/>", style_ids[style]);
  if (align != w->doc->styles[style].align)
    g_string_append_printf (w->body, "<w:jc w:val=\"%s\"/>", jc (align));
  g_string_append (w->body, "</w:pPr>");
  append_markup (w->body, markup);
  g_string_append (w->body, "</w:p>");
  w->any = TRUE;
}

/* ------------------------------------------------------------------ */
/* Sections, tables, figures                                           */

static void
append_section_properties (GString  *out,
                           DdDoc    *doc,
                           gboolean  landscape)
{
  double top, bottom, left, right;
  double sheet_w, sheet_h, l, t, col_w, col_h;

  dd_doc_page_geometry_for (doc, landscape, &sheet_w, &sheet_h, &l, &t, &col_w, &col_h);
  top = t;
  left = l;
  right = sheet_w - l - col_w;
  bottom = sheet_h - t - col_h;
  g_string_append (out, "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooter1\"/>");
  if (doc->look == DD_DOC_LOOK_OFFICIAL)
    g_string_append (out, "<w:footerReference w:type=\"even\" r:id=\"rIdFooter2\"/>");
  g_string_append_printf (out, "<w:pgSz w:w=\"%d\" w:h=\"%d\"%s/>", TWIPS (sheet_w), TWIPS (sheet_h),
                          landscape ? " w:orient=\"landscape\"" : "");
  /* The footer's top 7 mm under the text area (GB/T 9704 §7.5) */
  g_string_append_printf (out, "<w:pgMar w:top=\"%d\" w:right=\"%d\" w:bottom=\"%d\" w:left=\"%d\" "
                          "w:header=\"%d\" w:footer=\"%d\" w:gutter=\"0\"/>",
                          TWIPS (top), TWIPS (right), TWIPS (bottom), TWIPS (left),
                          TWIPS (top / 2.0), TWIPS (MAX (bottom - 7.0 * MM - 14.0, 12.0)));
  if (doc->look == DD_DOC_LOOK_OFFICIAL)
    g_string_append_printf (out, "<w:docGrid w:type=\"lines\" w:linePitch=\"%d\"/>",
                            TWIPS (doc->styles[DD_DOC_STYLE_BODY].line_height));
  g_string_append (out, "</w:sectPr>");
}

static void
append_table (Writer     *w,
              DdDocTable *t)
{
  double width = dd_doc_get_column_width (w->doc, w->landscape);
  GString *out = w->body;

  /* A table needs a row */
  if (t->rows->len == 0)
    return;
  g_string_append (out, "<w:tbl><w:tblPr><w:tblStyle w:val=\"Grid\"/>");
  g_string_append_printf (out, "<w:tblW w:w=\"%d\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/>", TWIPS (width));
  g_string_append (out, "</w:tblPr><w:tblGrid>");
  for (guint c = 0; c < t->n_cols; c++)
    g_string_append_printf (out, "<w:gridCol w:w=\"%d\"/>", TWIPS (t->widths[c] * width));
  g_string_append (out, "</w:tblGrid>");

  for (guint r = 0; r < t->rows->len; r++)
    {
      Row *row = g_ptr_array_index (t->rows, r);
      guint col = 0;

      g_string_append (out, "<w:tr><w:trPr><w:cantSplit/>");
      if (r < t->n_header && t->header_ended)
        g_string_append (out, "<w:tblHeader/>");
      if (row->min_height > 0.0)
        g_string_append_printf (out, "<w:trHeight w:val=\"%d\" w:hRule=\"atLeast\"/>", TWIPS (row->min_height));
      g_string_append (out, "</w:trPr>");
      for (guint c = 0; c < row->cells->len; c++)
        {
          Cell *cell = g_ptr_array_index (row->cells, c);
          double cw = 0.0;
          guint span = MIN (cell->colspan, t->n_cols - MIN (col, t->n_cols));

          /* The last cell of a row takes what is left, as in the PDF */
          if (c + 1 == row->cells->len && col < t->n_cols)
            span = t->n_cols - col;
          for (guint k = col; k < col + span && k < t->n_cols; k++)
            cw += t->widths[k] * width;
          col += span;
          g_string_append_printf (out, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/>", TWIPS (cw));
          if (span > 1)
            g_string_append_printf (out, "<w:gridSpan w:val=\"%u\"/>", span);
          if (cell->fill != 0xffffff)
            g_string_append_printf (out, "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"%06X\"/>", cell->fill);
          g_string_append_printf (out, "<w:vAlign w:val=\"%s\"/></w:tcPr>",
                                  row->min_height > 40.0 ? "top" : "center");
          g_string_append_printf (out, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/><w:jc w:val=\"%s\"/></w:pPr>",
                                  style_ids[cell->style], jc (cell->align));
          append_markup (out, cell->markup);
          g_string_append (out, "</w:p></w:tc>");
        }
      g_string_append (out, "</w:tr>");
    }
  g_string_append (out, "</w:tbl>");
  /* Word needs a paragraph between two tables, and after the last */
  g_string_append (out, "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"120\" w:lineRule=\"exact\"/></w:pPr></w:p>");
  w->any = TRUE;
}

static cairo_status_t
write_png_cb (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
append_figure (Writer *w,
               Block  *block)
{
  double scale = FIGURE_DPI / 72.0;
  int pw = MAX (1, (int) ceil (block->width * scale));
  int ph = MAX (1, (int) ceil (block->height * scale));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, pw, ph);
  cairo_t *cr = cairo_create (surface);
  GByteArray *png = g_byte_array_new ();
  guint n;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  if (block->draw != NULL)
    block->draw (cr, block->width, block->height, block->user_data);
  cairo_destroy (cr);
  cairo_surface_write_to_png_stream (surface, write_png_cb, png);
  cairo_surface_destroy (surface);
  g_ptr_array_add (w->images, g_byte_array_free_to_bytes (png));
  n = w->images->len;

  g_string_append_printf (w->body,
    "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\"/><w:jc w:val=\"center\"/></w:pPr><w:r><w:drawing>"
    "<wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">"
    "<wp:extent cx=\"%" G_GINT64_FORMAT "\" cy=\"%" G_GINT64_FORMAT "\"/>"
    "<wp:docPr id=\"%u\" name=\"Figure %u\"/>"
    "<a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\">"
    "<a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">"
    "<pic:pic xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">"
    "<pic:nvPicPr><pic:cNvPr id=\"%u\" name=\"image%u.png\"/><pic:cNvPicPr/></pic:nvPicPr>"
    "<pic:blipFill><a:blip r:embed=\"rIdImage%u\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
    "<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"%" G_GINT64_FORMAT "\" cy=\"%" G_GINT64_FORMAT "\"/></a:xfrm>"
    "<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>"
    "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>",
    EMU (block->width), EMU (block->height), n, n, n, n, n, EMU (block->width), EMU (block->height));
  w->any = TRUE;
}

static void
append_break (Writer   *w,
              gboolean  landscape)
{
  if (landscape != w->landscape)
    {
      /* A section ends in the last paragraph of its pages */
      g_string_append (w->body, "<w:p><w:pPr>");
      append_section_properties (w->body, w->doc, w->landscape);
      g_string_append (w->body, "</w:pPr></w:p>");
      w->landscape = landscape;
    }
  else if (w->any)
    g_string_append (w->body, "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>");
  w->any = FALSE;
}

static char *
document_xml (Writer *w)
{
  DdDoc *doc = w->doc;

  g_string_append (w->body, XML_DECL "<w:document xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R "\" "
                   "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\"><w:body>");
  for (guint i = 0; i < doc->blocks->len; i++)
    {
      Block *b = g_ptr_array_index (doc->blocks, i);

      switch (b->type)
        {
        case BLOCK_TEXT:
          append_paragraph (w, b->style, b->align, b->markup);
          break;
        case BLOCK_TABLE:
          append_table (w, b->table);
          break;
        case BLOCK_FIGURE:
          append_figure (w, b);
          break;
        case BLOCK_SPACE:
          if (b->space >= 1.0)
            g_string_append_printf (w->body, "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"%d\" "
                                    "w:lineRule=\"exact\"/></w:pPr></w:p>", TWIPS (b->space));
          break;
        case BLOCK_BREAK:
          append_break (w, b->landscape);
          break;
        case BLOCK_PLAIN:
        case BLOCK_KEEP_BEGIN:
        case BLOCK_KEEP_END:
        case BLOCK_MARK:
        default:
          break;
        }
    }
  append_section_properties (w->body, doc, w->landscape);
  g_string_append (w->body, "</w:body></w:document>");
  return g_string_free (g_steal_pointer (&w->body), FALSE);
}

/* ------------------------------------------------------------------ */
/* The other parts                                                     */

static char *
styles_xml (DdDoc *doc)
{
  GString *out = g_string_new (XML_DECL);
  const char *serif = doc->look == DD_DOC_LOOK_OFFICIAL ? DD_DOC_FACE_FANGSONG : doc->serif;

  g_string_append (out, "<w:styles xmlns:w=\"" NS_W "\"><w:docDefaults><w:rPrDefault><w:rPr>");
  append_fonts (out, serif);
  g_string_append (out, "<w:lang w:val=\"zh-CN\" w:eastAsia=\"zh-CN\"/></w:rPr></w:rPrDefault>"
                   "<w:pPrDefault><w:pPr><w:spacing w:after=\"0\"/></w:pPr></w:pPrDefault></w:docDefaults>");
  for (guint i = 0; i < DD_DOC_N_STYLES; i++)
    {
      const StyleInfo *info = &doc->styles[i];
      const char *family = info->family != NULL ? info->family : info->sans ? doc->sans : doc->serif;
      double pitch = (DD_DOC_A4_WIDTH - doc->margins[2] - doc->margins[3]) / DD_DOC_GRID_CHARS;
      double em = doc->look == DD_DOC_LOOK_OFFICIAL && fabs (info->line_height - DD_DOC_GRID_LINE) < 0.01 ? pitch : info->size;
      int half = (int) lround (info->size * 2.0);

      g_string_append_printf (out, "<w:style w:type=\"paragraph\" w:styleId=\"%s\"%s><w:name w:val=\"%s\"/>",
                              style_ids[i], i == DD_DOC_STYLE_PLAIN ? " w:default=\"1\"" : "", style_names[i]);
      if (i == DD_DOC_STYLE_H1 || i == DD_DOC_STYLE_H2)
        g_string_append (out, "<w:next w:val=\"Body\"/><w:qFormat/>");
      g_string_append_printf (out, "<w:pPr>%s<w:spacing w:before=\"%d\" w:after=\"%d\" ",
                              i == DD_DOC_STYLE_H1 || i == DD_DOC_STYLE_H2 ? "<w:keepNext/>" : "",
                              TWIPS (info->before), TWIPS (info->after));
      if (info->line_height > 0.0)
        g_string_append_printf (out, "w:line=\"%d\" w:lineRule=\"exact\"/>", TWIPS (info->line_height));
      else
        g_string_append_printf (out, "w:line=\"%d\" w:lineRule=\"auto\"/>", (int) lround (240 * info->spacing));
      if (info->indent_chars > 0.0 || info->left_chars > 0.0)
        g_string_append_printf (out, "<w:ind w:left=\"%d\" w:firstLine=\"%d\"/>",
                                TWIPS (info->left_chars * em), TWIPS (info->indent_chars * em));
      g_string_append_printf (out, "<w:jc w:val=\"%s\"/>", jc (info->align));
      if (i == DD_DOC_STYLE_H1 || i == DD_DOC_STYLE_H2)
        g_string_append_printf (out, "<w:outlineLvl w:val=\"%d\"/>", i == DD_DOC_STYLE_H1 ? 0 : 1);
      g_string_append (out, "</w:pPr><w:rPr>");
      append_fonts (out, family);
      /* Bold where the PDF draws it bold (the report look's fallbacks) */
      if (info->bold && info->family == NULL)
        g_string_append (out, "<w:b/>");
      g_string_append_printf (out, "<w:color w:val=\"%06X\"/><w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/></w:rPr></w:style>",
                              info->colour, half, half);
    }
  g_string_append (out, "<w:style w:type=\"table\" w:styleId=\"Grid\"><w:name w:val=\"Table Grid\"/><w:tblPr>"
                   "<w:tblBorders>"
                   "<w:top w:val=\"single\" w:sz=\"8\" w:space=\"0\" w:color=\"000000\"/>"
                   "<w:left w:val=\"single\" w:sz=\"8\" w:space=\"0\" w:color=\"000000\"/>"
                   "<w:bottom w:val=\"single\" w:sz=\"8\" w:space=\"0\" w:color=\"000000\"/>"
                   "<w:right w:val=\"single\" w:sz=\"8\" w:space=\"0\" w:color=\"000000\"/>"
                   "<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
                   "<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
                   "</w:tblBorders><w:tblCellMar><w:left w:w=\"80\" w:type=\"dxa\"/><w:right w:w=\"80\" w:type=\"dxa\"/>"
                   "</w:tblCellMar></w:tblPr></w:style></w:styles>");
  return g_string_free (out, FALSE);
}

/* A footer with the page number: "— PAGE —" in the outer corner for an
 * official document (@align right on odd pages, left on even ones, one
 * character in), else the report's page label with its numbers as fields */
static char *
footer_xml (DdDoc      *doc,
            const char *align)
{
  GString *out = g_string_new (XML_DECL);
  static const char field[] = "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
                              "<w:r><w:instrText xml:space=\"preserve\"> %s </w:instrText></w:r>"
                              "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r>"
                              "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>";

  g_string_append (out, "<w:ftr xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R "\"><w:p><w:pPr>");
  if (doc->look == DD_DOC_LOOK_OFFICIAL)
    {
      g_string_append_printf (out, "<w:ind w:left=\"280\" w:right=\"280\"/><w:jc w:val=\"%s\"/></w:pPr><w:r><w:rPr>", align);
      append_fonts (out, DD_DOC_FACE_SONG);
      g_string_append (out, "<w:sz w:val=\"28\"/></w:rPr><w:t xml:space=\"preserve\">\xe2\x80\x94 </w:t></w:r>");
      g_string_append_printf (out, field, "PAGE");
      g_string_append (out, "<w:r><w:rPr><w:sz w:val=\"28\"/></w:rPr><w:t xml:space=\"preserve\"> \xe2\x80\x94</w:t></w:r>");
    }
  else
    {
      /* The label of a page 1111 of 2222, cut where the numbers are */
      g_autofree char *label = doc->page_label != NULL ? doc->page_label (1111, 2222, doc->page_label_data) : NULL;
      const char *p = label != NULL ? label : "";
      const char *a = strstr (p, "1111");
      const char *b = a != NULL ? strstr (a, "2222") : NULL;

      g_string_append (out, "<w:jc w:val=\"center\"/></w:pPr>");
      if (a != NULL && b != NULL)
        {
          g_string_append (out, "<w:r><w:t xml:space=\"preserve\">");
          append_escaped (out, p, a - p);
          g_string_append (out, "</w:t></w:r>");
          g_string_append_printf (out, field, "PAGE");
          g_string_append (out, "<w:r><w:t xml:space=\"preserve\">");
          append_escaped (out, a + 4, b - a - 4);
          g_string_append (out, "</w:t></w:r>");
          g_string_append_printf (out, field, "NUMPAGES");
          g_string_append (out, "<w:r><w:t xml:space=\"preserve\">");
          append_escaped (out, b + 4, -1);
          g_string_append (out, "</w:t></w:r>");
        }
      else
        g_string_append_printf (out, field, "PAGE");
    }
  g_string_append (out, "</w:p></w:ftr>");
  return g_string_free (out, FALSE);
}

static char *
content_types_xml (void)
{
  return g_strdup (XML_DECL
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Default Extension=\"png\" ContentType=\"image/png\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
    "<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
    "<Override PartName=\"/word/footer2.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
    "</Types>");
}

static char *
document_rels_xml (guint n_images)
{
  GString *out = g_string_new (XML_DECL "<Relationships xmlns=\"" NS_REL "\">");

  g_string_append (out, "<Relationship Id=\"rIdStyles\" Type=\"" REL "styles\" Target=\"styles.xml\"/>"
                   "<Relationship Id=\"rIdSettings\" Type=\"" REL "settings\" Target=\"settings.xml\"/>"
                   "<Relationship Id=\"rIdFooter1\" Type=\"" REL "footer\" Target=\"footer1.xml\"/>"
                   "<Relationship Id=\"rIdFooter2\" Type=\"" REL "footer\" Target=\"footer2.xml\"/>");
  for (guint i = 1; i <= n_images; i++)
    g_string_append_printf (out, "<Relationship Id=\"rIdImage%u\" Type=\"" REL "image\" Target=\"media/image%u.png\"/>", i, i);
  g_string_append (out, "</Relationships>");
  return g_string_free (out, FALSE);
}

static char *
core_xml (const char *title,
          const char *author)
{
  GString *out = g_string_new (XML_DECL);

  g_string_append (out, "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
                   "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>");
  append_escaped (out, title != NULL ? title : "", -1);
  g_string_append (out, "</dc:title><dc:creator>");
  append_escaped (out, author != NULL ? author : "", -1);
  g_string_append (out, "</dc:creator></cp:coreProperties>");
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------ */
/* The package                                                         */

static gboolean
add_part (struct archive *a,
          const char     *name,
          const void     *data,
          gsize           len,
          GError        **error)
{
  struct archive_entry *entry = archive_entry_new ();
  gboolean ok;

  archive_entry_set_pathname (entry, name);
  archive_entry_set_size (entry, (la_int64_t) len);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  /* The same document gives the same bytes */
  archive_entry_set_mtime (entry, 315532800, 0);
  ok = archive_write_header (a, entry) == ARCHIVE_OK &&
       archive_write_data (a, data, len) == (la_ssize_t) len;
  if (!ok)
    g_set_error (error, DD_ERROR, DD_ERROR_IO, "%s: %s", name, archive_error_string (a));
  archive_entry_free (entry);
  return ok;
}

static gboolean
add_text_part (struct archive *a,
               const char     *name,
               char           *text,      /* (transfer full) */
               GError        **error)
{
  gboolean ok = add_part (a, name, text, strlen (text), error);

  g_free (text);
  return ok;
}

gboolean
dd_doc_write_docx (DdDoc       *doc,
                   const char  *path,
                   const char  *title,
                   const char  *author,
                   GError     **error)
{
  Writer w = { g_string_new (NULL), g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref), doc, FALSE, FALSE };
  g_autofree char *tmp = g_strconcat (path, ".part", NULL);
  g_autofree char *document = NULL;
  g_autoptr(GError) local = NULL;
  struct archive *a;
  gboolean ok;

  g_return_val_if_fail (doc != NULL && path != NULL, FALSE);

  /* Measured as for the PDF (figure widths, landscape pages) */
  dd_doc_get_n_pages (doc);
  document = document_xml (&w);

  a = archive_write_new ();
  archive_write_set_format_zip (a);
  ok = archive_write_open_filename (a, tmp) == ARCHIVE_OK;
  if (!ok)
    g_set_error (&local, DD_ERROR, DD_ERROR_IO, "%s: %s", path, archive_error_string (a));
  ok = ok && add_text_part (a, "[Content_Types].xml", content_types_xml (), &local);
  ok = ok && add_text_part (a, "_rels/.rels", g_strdup (XML_DECL "<Relationships xmlns=\"" NS_REL "\">"
                              "<Relationship Id=\"rId1\" Type=\"" REL "officeDocument\" Target=\"word/document.xml\"/>"
                              "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" "
                              "Target=\"docProps/core.xml\"/></Relationships>"), &local);
  ok = ok && add_text_part (a, "docProps/core.xml", core_xml (title, author), &local);
  ok = ok && add_part (a, "word/document.xml", document, strlen (document), &local);
  ok = ok && add_text_part (a, "word/_rels/document.xml.rels", document_rels_xml (w.images->len), &local);
  ok = ok && add_text_part (a, "word/styles.xml", styles_xml (doc), &local);
  ok = ok && add_text_part (a, "word/settings.xml",
                            g_strdup_printf (XML_DECL "<w:settings xmlns:w=\"" NS_W "\">%s</w:settings>",
                                             doc->look == DD_DOC_LOOK_OFFICIAL ? "<w:evenAndOddHeaders/>" : ""),
                            &local);
  ok = ok && add_text_part (a, "word/footer1.xml", footer_xml (doc, "right"), &local);
  ok = ok && add_text_part (a, "word/footer2.xml", footer_xml (doc, "left"), &local);
  for (guint i = 0; ok && i < w.images->len; i++)
    {
      g_autofree char *name = g_strdup_printf ("word/media/image%u.png", i + 1);
      gsize len;
      const void *data = g_bytes_get_data (g_ptr_array_index (w.images, i), &len);

      ok = add_part (a, name, data, len, &local);
    }
  if (archive_write_close (a) != ARCHIVE_OK && ok)
    {
      g_set_error (&local, DD_ERROR, DD_ERROR_IO, "%s: %s", path, archive_error_string (a));
      ok = FALSE;
    }
  archive_write_free (a);
  g_ptr_array_unref (w.images);

  if (ok && g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_set_error (&local, DD_ERROR, DD_ERROR_IO, "%s: %s", path, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    {
      g_unlink (tmp);
      g_propagate_error (error, g_steal_pointer (&local));
    }
  return ok;
}
