/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-report-official.c — the after-action review as a Chinese official
 * document, after GB/T 9704-2012 (the format of Party and government
 * documents): the masthead (copy number, classification, urgency, the
 * issuing office in red over a red line), the title, the numbers of
 * second-level headings, and the close (the attachments line, the issuing
 * office and the date written out under the seal, a note with the
 * journal's head hash)
 *
 * Copyright 2024 The DrillDesk authors
 *
 * The page geometry, line grid and faces are the document engine's
 * official look (dd-report-doc.h); the facts are the review's model, as
 * for the report style.  The words (number words, the date's order) are
 * the translation's.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-report.h"
#include "dd-report-private.h"
#include "dd-report-doc.h"

/* The issuing authority's mark and its line: red as printed */
#define OFFICIAL_RED 0xe60012
#define OFFICIAL_MM (72.0 / 25.4)
/* One line of the grid: 22 to the 225 mm text area */
#define OFFICIAL_LINE (225.0 * OFFICIAL_MM / DD_DOC_GRID_LINES)
#define IDEOGRAPHIC_SPACE "\xe3\x80\x80"   /* U+3000, one character wide */

/* The @n-th (1-based) word of a space-separated translated list, else @n
 * in digits. */
static char *
list_word (const char *list,
           guint       n)
{
  g_auto(GStrv) words = g_strsplit (list, " ", -1);

  if (n >= 1 && n <= g_strv_length (words) && *words[n - 1] != '\0')
    return g_strdup (words[n - 1]);
  return g_strdup_printf ("%u", n);
}

static char *
number_word (guint n)
{
  /* Translators: the numbers 1 to 31 as words, space-separated, as an
   * official document writes a heading's number, a month and a day */
  return list_word (_("1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 "
                      "21 22 23 24 25 26 27 28 29 30 31"), n);
}

char *
dd_report_official_heading_cb (guint    level,
                               guint    n,
                               gpointer user_data)
{
  g_autofree char *word = NULL;

  /* The section titles carry their own first-level numbers */
  if (level != 2)
    return NULL;
  word = number_word (n);
  /* Translators: the number before an official document's second-level
   * heading, e.g. "(1) "; %s is a number word */
  return g_strdup_printf (_("(%s) "), word);
}

char *
dd_report_official_date (const char *iso_date)
{
  /* Translators: the digits 0 to 9, space-separated, as an official
   * document writes a year */
  const char *digits = _("0 1 2 3 4 5 6 7 8 9");
  g_autoptr(GString) year = g_string_new (NULL);
  g_autofree char *month = NULL;
  g_autofree char *day = NULL;
  int y = 0, m = 0, d = 0;

  if (iso_date == NULL || sscanf (iso_date, "%d-%d-%d", &y, &m, &d) != 3 ||
      y < 1 || m < 1 || m > 12 || d < 1 || d > 31)
    return g_strdup (iso_date != NULL ? iso_date : "");
  for (const char *p = iso_date; *p != '-' && *p != '\0'; p++)
    {
      g_autofree char *w = list_word (digits, (guint) (*p - '0') + 1);
      g_string_append (year, w);
    }
  month = number_word ((guint) m);
  day = number_word ((guint) d);
  /* Translators: an official document's date; %1$s is the year, %2$s the
   * month, %3$s the day, each written out */
  return g_strdup_printf (_("%3$s/%2$s/%1$s"), year->str, month, day);
}

/* A red rule as wide as the text area, in the middle of its box */
static void
draw_red_line_cb (cairo_t  *cr,
                  double    width,
                  double    height,
                  gpointer  user_data)
{
  dd_report_rgb (cr, OFFICIAL_RED, 1.0);
  cairo_set_line_width (cr, 1.5);
  cairo_move_to (cr, 0, height / 2.0);
  cairo_line_to (cr, width, height / 2.0);
  cairo_stroke (cr);
}

/* Copy number, classification and urgency, each on its own line at the top
 * left, size 3 (16 pt): the number in digits, the others in the bold sans face */
static guint
add_mark (DdDoc      *doc,
          const char *text,
          gboolean    hei)
{
  g_autofree char *m = NULL;
  g_autofree char *e = NULL;

  if (text == NULL)
    return 0;
  e = dd_report_esc (text);
  m = hei ? g_strdup_printf ("<span font_family=\"%s\">%s</span>", DD_DOC_FACE_HEI, e)
          : g_strdup (e);
  dd_doc_paragraph (doc, DD_DOC_STYLE_PLAIN, m);
  return 1;
}

void
dd_report_add_masthead (DdReport *self,
                        DdDoc    *doc)
{
  const DdRole *organiser = dd_report_organiser_role (self->plan);
  const char *scenario = self->scenario != NULL ? dd_scenario_get_title (self->scenario) : NULL;
  g_autofree char *office = dd_report_esc (organiser != NULL ? organiser->name
                                                             : dd_plan_get_identity (self->plan)->title);
  g_autofree char *flag = NULL;
  g_autofree char *title = NULL;

  guint marks = 0;

  marks += add_mark (doc, self->copy_number, FALSE);
  marks += add_mark (doc, self->classification, TRUE);
  marks += add_mark (doc, self->urgency, TRUE);
  dd_doc_outline_mark (doc, 1, self->title);

  /* The issuing authority's mark (§7.2.4): the organiser, centred, red, in
   * the title face, its top 35 mm under the top of the text area */
  flag = g_strdup_printf ("<span foreground=\"#%06x\" font_family=\"%s\" size=\"26pt\">%s</span>",
                          OFFICIAL_RED, DD_DOC_FACE_XIAOBIAOSONG, office);
  dd_doc_space (doc, MAX (35.0 * OFFICIAL_MM - marks * OFFICIAL_LINE, 0.0));
  dd_doc_paragraph_aligned (doc, DD_DOC_STYLE_PLAIN, DD_DOC_ALIGN_CENTER, flag);
  /* The red line 4 mm under it (§7.2.5) */
  dd_doc_figure (doc, 0, 8.0 * OFFICIAL_MM, draw_red_line_cb, NULL, NULL);

  /* The title two lines under the red line (§7.3.1): the drill, then what
   * the document is */
  dd_doc_space (doc, 2 * OFFICIAL_LINE - 4.0 * OFFICIAL_MM);
  {
    g_autofree char *a = dd_report_esc (scenario);
    g_autofree char *b = dd_report_esc (self->title);

    title = scenario != NULL ? g_strdup_printf ("%s\n%s", a, b) : g_strdup (b);
  }
  dd_doc_paragraph (doc, DD_DOC_STYLE_TITLE, title);
}

void
dd_report_add_official_close (DdReport   *self,
                              DdDoc      *doc,
                              const char *appendix)
{
  const DdRole *organiser = dd_report_organiser_role (self->plan);
  g_autofree char *iso = dd_report_report_date (self);
  g_autofree char *date = dd_report_official_date (iso);
  g_autofree char *office = dd_report_esc (organiser != NULL ? organiser->name : "");
  g_autofree char *signed_by = NULL;
  g_autofree char *dated = NULL;

  dd_doc_keep_begin (doc);
  /* The attachment note: one blank line under the text, two characters in */
  dd_doc_space (doc, OFFICIAL_LINE);
  if (appendix != NULL)
    dd_report_para (doc, DD_DOC_STYLE_BODY, appendix);

  /* Room for the seal, which presses on the office's name and the date
   * (§7.3.5.1): the date four characters in from the right, the name
   * centred over it */
  dd_doc_space (doc, 2 * OFFICIAL_LINE);
  {
    glong over = (glong) g_utf8_strlen (date, -1) - (glong) g_utf8_strlen (organiser != NULL ? organiser->name : "", -1);
    g_autoptr(GString) pad = g_string_new (NULL);

    for (glong i = 0; i < 4 + MAX (over, 0) / 2; i++)
      g_string_append (pad, IDEOGRAPHIC_SPACE);
    signed_by = g_strconcat (office, pad->str, NULL);
    dated = g_strconcat (date, IDEOGRAPHIC_SPACE IDEOGRAPHIC_SPACE IDEOGRAPHIC_SPACE IDEOGRAPHIC_SPACE, NULL);
  }
  {
    g_autofree char *d = dd_report_esc (dated);

    dd_doc_paragraph_aligned (doc, DD_DOC_STYLE_PLAIN, DD_DOC_ALIGN_RIGHT, signed_by);
    dd_doc_paragraph_aligned (doc, DD_DOC_STYLE_PLAIN, DD_DOC_ALIGN_RIGHT, d);
  }

  /* The annotation: the journal's head, the evidence the review was made from */
  if (self->journal != NULL)
    {
      g_autofree char *hash = dd_report_esc (dd_journal_get_head_hash (self->journal));
      g_autofree char *inner = g_strdup_printf ("<span font_family=\"Noto Sans Mono CJK SC\" size=\"10pt\">%s</span>", hash);
      /* Translators: an official document's note under the date; %s is a
       * SHA-256 hash (already marked up) */
      g_autofree char *note = g_strdup_printf (_("(Head of the drill's journal, SHA-256: %s)"), inner);

      dd_doc_paragraph (doc, DD_DOC_STYLE_BODY, note);
    }
  dd_doc_keep_end (doc);
}
