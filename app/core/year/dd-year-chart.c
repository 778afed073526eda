/* dd-year-chart.c — trends across drills, drawn with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "dd-year-chart.h"
#include "dd-year-db.h"

#define FONT        "Noto Sans CJK SC 7"
#define TITLE_H     16.0
#define AXIS_W      30.0
#define LEGEND_H    40.0
#define GAP         16.0
#define LABEL_W     56.0
#define COUNT_W     24.0
#define LEFT_SHARE  0.6

typedef struct {
  char    *id;
  char    *name;
  guint    order;
} Phase;

typedef struct {
  char  *clause;
  guint  count;
} Clause;

struct _DdYearTrend
{
  GPtrArray *drills;      /* char *, ids in date order */
  GPtrArray *phases;      /* Phase, by order */
  GArray    *scores;      /* double, [phase * n_drills + drill]; < 0: not assessed */
  GPtrArray *clauses;     /* Clause */
  guint      max_count;
};

static const guint32 palette[] = {
  0x1b6ca8, 0xd7191c, 0x2ca02c, 0xff7f0e, 0x9467bd, 0x8c564b, 0xe377c2, 0x17becf,
};

guint32
dd_year_trend_phase_colour (guint phase)
{
  return palette[phase % G_N_ELEMENTS (palette)];
}

static void
phase_free (Phase *p)
{
  g_free (p->id);
  g_free (p->name);
  g_free (p);
}

static void
clause_free (Clause *c)
{
  g_free (c->clause);
  g_free (c);
}

static int
compare_phases (gconstpointer a,
                gconstpointer b)
{
  const Phase *x = *(Phase * const *) a, *y = *(Phase * const *) b;

  return (x->order > y->order) - (x->order < y->order);
}

static guint
index_of (GPtrArray  *ids,
          const char *id)
{
  guint i;

  for (i = 0; i < ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (ids, i), id) == 0)
      return i;
  return G_MAXUINT;
}

DdYearTrend *
dd_year_trend_new (GPtrArray *phase_scores,
                   GPtrArray *clause_counts)
{
  DdYearTrend *t = g_new0 (DdYearTrend, 1);
  g_autoptr(GPtrArray) phase_ids = g_ptr_array_new ();

  t->drills = g_ptr_array_new_with_free_func (g_free);
  t->phases = g_ptr_array_new_with_free_func ((GDestroyNotify) phase_free);
  t->clauses = g_ptr_array_new_with_free_func ((GDestroyNotify) clause_free);
  t->scores = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < phase_scores->len; i++)
    {
      const DdYearPhaseScore *s = g_ptr_array_index (phase_scores, i);

      if (index_of (t->drills, s->drill) == G_MAXUINT)
        g_ptr_array_add (t->drills, g_strdup (s->drill));
      if (index_of (phase_ids, s->phase) == G_MAXUINT)
        {
          Phase *p = g_new0 (Phase, 1);

          p->id = g_strdup (s->phase);
          p->name = g_strdup (s->name);
          p->order = s->order;
          g_ptr_array_add (t->phases, p);
          g_ptr_array_add (phase_ids, p->id);
        }
    }
  g_ptr_array_sort (t->phases, compare_phases);
  g_ptr_array_set_size (phase_ids, 0);
  for (guint i = 0; i < t->phases->len; i++)
    g_ptr_array_add (phase_ids, ((Phase *) g_ptr_array_index (t->phases, i))->id);

  g_array_set_size (t->scores, t->phases->len * t->drills->len);
  for (guint i = 0; i < t->scores->len; i++)
    g_array_index (t->scores, double, i) = -1.0;
  for (guint i = 0; i < phase_scores->len; i++)
    {
      const DdYearPhaseScore *s = g_ptr_array_index (phase_scores, i);
      guint p = index_of (phase_ids, s->phase), d = index_of (t->drills, s->drill);

      if (s->assessed)
        g_array_index (t->scores, double, p * t->drills->len + d) = CLAMP (s->score, 0.0, 100.0);
    }

  for (guint i = 0; i < clause_counts->len; i++)
    {
      const DdYearClauseCount *c = g_ptr_array_index (clause_counts, i);
      Clause *copy = g_new0 (Clause, 1);

      copy->clause = g_strdup (c->clause != NULL ? c->clause : "-");
      copy->count = c->count;
      t->max_count = MAX (t->max_count, c->count);
      g_ptr_array_add (t->clauses, copy);
    }
  return t;
}

void
dd_year_trend_free (DdYearTrend *t)
{
  if (t == NULL)
    return;
  g_ptr_array_unref (t->drills);
  g_ptr_array_unref (t->phases);
  g_ptr_array_unref (t->clauses);
  g_array_unref (t->scores);
  g_free (t);
}

guint
dd_year_trend_get_n_drills (DdYearTrend *t)
{
  return t->drills->len;
}

guint
dd_year_trend_get_n_phases (DdYearTrend *t)
{
  return t->phases->len;
}

guint
dd_year_trend_get_n_clauses (DdYearTrend *t)
{
  return t->clauses->len;
}

/* ------------------------------------------------------------------ */
/* Layout                                                              */

/* The plot area of the left panel. */
static void
plot_box (double  width,
          double  height,
          double *x,
          double *y,
          double *w,
          double *h)
{
  *x = AXIS_W;
  *y = TITLE_H + 4.0;
  *w = MAX (1.0, width * LEFT_SHARE - AXIS_W - GAP);
  *h = MAX (1.0, height - *y - LEGEND_H);
}

gboolean
dd_year_trend_point (DdYearTrend *t,
                     guint        phase,
                     guint        drill,
                     double       width,
                     double       height,
                     double      *x,
                     double      *y)
{
  double px, py, pw, ph, score;

  g_return_val_if_fail (phase < t->phases->len && drill < t->drills->len, FALSE);

  score = g_array_index (t->scores, double, phase * t->drills->len + drill);
  plot_box (width, height, &px, &py, &pw, &ph);
  *x = t->drills->len == 1 ? px + pw / 2 : px + pw * drill / (t->drills->len - 1);
  *y = py + ph * (1.0 - MAX (score, 0.0) / 100.0);
  return score >= 0.0;
}

void
dd_year_trend_bar (DdYearTrend *t,
                   guint        clause,
                   double       width,
                   double       height,
                   double      *x,
                   double      *y,
                   double      *bar_width,
                   double      *bar_height)
{
  double left = width * LEFT_SHARE;
  double avail = MAX (1.0, width - left - LABEL_W - COUNT_W);
  double row = t->clauses->len > 0 ? MIN (16.0, (height - TITLE_H - 4.0) / t->clauses->len) : 16.0;
  const Clause *c;

  g_return_if_fail (clause < t->clauses->len);

  c = g_ptr_array_index (t->clauses, clause);
  *x = left + LABEL_W;
  *y = TITLE_H + 4.0 + row * clause + row * 0.15;
  *bar_height = row * 0.7;
  *bar_width = t->max_count > 0 ? avail * c->count / t->max_count : 0.0;
}

/* ------------------------------------------------------------------ */
/* Drawing                                                             */

static void
set_rgb (cairo_t *cr,
         guint32  rgb)
{
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
}

/* @text at (@x, @y); @align 0 left, 1 right, 0.5 centred. */
static void
draw_text (cairo_t    *cr,
           const char *text,
           double      x,
           double      y,
           double      align)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (FONT);
  int w, h;

  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, &w, &h);
  cairo_move_to (cr, x - align * w / PANGO_SCALE, y - h / PANGO_SCALE / 2.0);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_scores (DdYearTrend *t,
             cairo_t     *cr,
             double       width,
             double       height)
{
  double px, py, pw, ph;

  plot_box (width, height, &px, &py, &pw, &ph);
  set_rgb (cr, 0x333333);
  draw_text (cr, _("Scores by phase"), px, TITLE_H / 2, 0.0);

  /* Grid: 0, 50, 100 */
  cairo_set_line_width (cr, 0.5);
  for (int v = 0; v <= 100; v += 50)
    {
      g_autofree char *label = g_strdup_printf ("%d", v);
      double gy = py + ph * (1.0 - v / 100.0);

      set_rgb (cr, 0xcccccc);
      cairo_move_to (cr, px, gy);
      cairo_line_to (cr, px + pw, gy);
      cairo_stroke (cr);
      set_rgb (cr, 0x555555);
      draw_text (cr, label, px - 4, gy, 1.0);
    }

  cairo_set_line_width (cr, 1.5);
  for (guint p = 0; p < t->phases->len; p++)
    {
      gboolean pen = FALSE;

      set_rgb (cr, dd_year_trend_phase_colour (p));
      for (guint d = 0; d < t->drills->len; d++)
        {
          double x, y;

          if (!dd_year_trend_point (t, p, d, width, height, &x, &y))
            {
              pen = FALSE;
              continue;
            }
          if (pen)
            cairo_line_to (cr, x, y);
          else
            cairo_move_to (cr, x, y);
          pen = TRUE;
        }
      cairo_stroke (cr);
      for (guint d = 0; d < t->drills->len; d++)
        {
          double x, y;

          if (dd_year_trend_point (t, p, d, width, height, &x, &y))
            {
              cairo_arc (cr, x, y, 2.5, 0, 2 * G_PI);
              cairo_fill (cr);
            }
        }
    }

  /* Legend: four to a row under the plot */
  for (guint p = 0; p < t->phases->len; p++)
    {
      const Phase *phase = g_ptr_array_index (t->phases, p);
      double lx = px + (p % 4) * pw / 4, ly = py + ph + 12 + (p / 4) * 12;

      set_rgb (cr, dd_year_trend_phase_colour (p));
      cairo_rectangle (cr, lx, ly - 3, 10, 6);
      cairo_fill (cr);
      set_rgb (cr, 0x333333);
      draw_text (cr, phase->name != NULL ? phase->name : phase->id, lx + 13, ly, 0.0);
    }
}

static void
draw_clauses (DdYearTrend *t,
              cairo_t     *cr,
              double       width,
              double       height)
{
  double left = width * LEFT_SHARE;

  set_rgb (cr, 0x333333);
  draw_text (cr, _("Findings by clause"), left, TITLE_H / 2, 0.0);
  if (t->clauses->len == 0)
    {
      draw_text (cr, _("No findings"), left, TITLE_H + 12, 0.0);
      return;
    }
  for (guint i = 0; i < t->clauses->len; i++)
    {
      const Clause *c = g_ptr_array_index (t->clauses, i);
      g_autofree char *label = g_strdup_printf ("§ %s", c->clause);
      g_autofree char *count = g_strdup_printf ("%u", c->count);
      double x, y, w, h;

      dd_year_trend_bar (t, i, width, height, &x, &y, &w, &h);
      set_rgb (cr, DD_YEAR_TREND_BAR_COLOUR);
      cairo_rectangle (cr, x, y, w, h);
      cairo_fill (cr);
      set_rgb (cr, 0x333333);
      draw_text (cr, label, x - 4, y + h / 2, 1.0);
      draw_text (cr, count, x + w + 3, y + h / 2, 0.0);
    }
}

void
dd_year_trend_draw (DdYearTrend *t,
                    cairo_t     *cr,
                    double       width,
                    double       height)
{
  g_return_if_fail (t != NULL);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  draw_scores (t, cr, width, height);
  draw_clauses (t, cr, width, height);
  cairo_restore (cr);
}
