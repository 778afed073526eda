/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-report-figures.c — the after-action review's figures: the timeline,
 * the score bars and the appendix charts with the drill laid over them
 *
 * Copyright 2024 The DrillDesk authors
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "dd-chart.h"
#include "dd-report.h"
#include "dd-report-private.h"
#include "dd-report-doc.h"

typedef struct {
  DdReport     *self;            /* not a reference: lives with its document */
  PangoContext *context;
} FigureData;

static void
figure_data_free (gpointer data)
{
  FigureData *fd = data;

  g_clear_object (&fd->context);
  g_free (fd);
}

static FigureData *
figure_data_new (DdReport *self)
{
  FigureData *fd = g_new0 (FigureData, 1);
  PangoFontMap *map = pango_cairo_font_map_new ();
  cairo_font_options_t *options = cairo_font_options_create ();

  fd->self = self;
  fd->context = pango_font_map_create_context (map);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (fd->context, options);
  pango_context_set_round_glyph_positions (fd->context, FALSE);
  pango_cairo_context_set_resolution (fd->context, 72.0);
  cairo_font_options_destroy (options);
  g_object_unref (map);
  return fd;
}

/* Draws @text with its anchor at (@x, @y): @ax, @ay 0 left/top … 1 right/bottom. */
static void
label (FigureData *fd,
       cairo_t    *cr,
       const char *text,
       double      size,
       gboolean    bold,
       double      x,
       double      y,
       double      ax,
       double      ay)
{
  g_autoptr(PangoLayout) layout = pango_layout_new (fd->context);
  PangoFontDescription *font = pango_font_description_from_string ("Noto Sans CJK SC");
  int w, h;

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, &w, &h);
  cairo_move_to (cr, x - ax * w / PANGO_SCALE, y - ay * h / PANGO_SCALE);
  pango_cairo_show_layout (cr, layout);
}

static void
marker (cairo_t           *cr,
        DdFindingSeverity  severity,
        double             x,
        double             y,
        double             r)
{
  switch (severity)
    {
    case DD_FINDING_SEVERITY_CRITICAL:
      cairo_move_to (cr, x, y - r);
      cairo_line_to (cr, x + r, y);
      cairo_line_to (cr, x, y + r);
      cairo_line_to (cr, x - r, y);
      break;
    case DD_FINDING_SEVERITY_MAJOR:
      cairo_move_to (cr, x, y - r);
      cairo_line_to (cr, x + r, y + r * 0.8);
      cairo_line_to (cr, x - r, y + r * 0.8);
      break;
    case DD_FINDING_SEVERITY_MINOR:
    default:
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, r * 0.8, 0, 2 * G_PI);
      break;
    }
  cairo_close_path (cr);
}

static void
draw_timeline_cb (cairo_t  *cr,
                  double    width,
                  double    height,
                  gpointer  user_data)
{
  FigureData *fd = user_data;
  DdReport *self = fd->self;
  GPtrArray *phases = dd_plan_get_phases (self->plan);
  guint n_lanes = phases->len + 1;     /* injects on top */
  double left = 92.0, right = 10.0, top = 8.0, bottom = 46.0;
  double lane_h = (height - top - bottom) / n_lanes;
  double plot_w = width - left - right;
  gint64 from, to;
  double step;

  dd_report_sim_span (self, &from, &to);
#define X(t) (left + plot_w * (double) ((t) - from) / (double) (to - from))

  cairo_set_line_width (cr, 0.5);

  /* Lanes with their names; light bands where a phase was active. */
  for (guint l = 0; l < n_lanes; l++)
    {
      double y = top + l * lane_h;
      const char *name = l == 0 ? _("Injects") : ((DdPhase *) g_ptr_array_index (phases, l - 1))->name;

      if (l % 2 == 0)
        {
          cairo_set_source_rgb (cr, 0.965, 0.965, 0.965);
          cairo_rectangle (cr, left, y, plot_w, lane_h);
          cairo_fill (cr);
        }
      cairo_set_source_rgb (cr, 0, 0, 0);
      label (fd, cr, name, 8.0, FALSE, left - 4, y + lane_h / 2, 1.0, 0.5);

      if (l > 0)
        {
          const DdPhase *ph = g_ptr_array_index (phases, l - 1);
          gint64 a = G_MAXINT64, b = G_MININT64;

          for (guint i = 0; i < self->events->len; i++)
            {
              const Event *e = g_ptr_array_index (self->events, i);
              if (!e->is_inject && g_strcmp0 (dd_report_event_phase (self, e), ph->id) == 0)
                {
                  a = MIN (a, e->at);
                  b = MAX (b, e->at);
                }
            }
          if (a <= b)
            {
              double x0 = X (a), x1 = MAX (X (b), x0 + 3);
              cairo_set_source_rgba (cr, 0.16, 0.38, 0.67, 0.22);
              cairo_rectangle (cr, x0 - 3, y + lane_h * 0.2, x1 - x0 + 6, lane_h * 0.6);
              cairo_fill (cr);
            }
        }
    }

  /* Time axis: ticks every 15, 30, 60 or 120 minutes. */
  step = 900;
  while ((to - from) / step > 12)
    step *= 2;
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_rectangle (cr, left, top, plot_w, n_lanes * lane_h);
  cairo_stroke (cr);
  for (gint64 t = (gint64) (ceil (from / step) * step); t <= to; t += (gint64) step)
    {
      g_autofree char *lbl = dd_report_offset_text (t);
      double x = X (t);

      cairo_set_source_rgba (cr, 0, 0, 0, 0.18);
      cairo_move_to (cr, x, top);
      cairo_line_to (cr, x, top + n_lanes * lane_h);
      cairo_stroke (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      label (fd, cr, lbl, 7.0, FALSE, x, top + n_lanes * lane_h + 2, 0.5, 0.0);
    }

  /* Deadlines: the scenario's expected actions, as dashed lines. */
  if (self->scenario != NULL)
    {
      static const double dash[] = { 3.0, 2.0 };

      cairo_save (cr);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_set_source_rgb (cr, 0.45, 0.1, 0.55);
      for (guint i = 0; i < self->events->len; i++)
        {
          const Event *e = g_ptr_array_index (self->events, i);
          const DdInject *inj = e->is_inject && e->inject_id != NULL ?
            dd_scenario_lookup_inject (self->scenario, e->inject_id) : NULL;

          for (guint k = 0; inj != NULL && k < inj->expects->len; k++)
            {
              const DdInjectExpect *x = g_ptr_array_index (inj->expects, k);
              gint64 due = e->at + x->within;
              if (due <= to)
                {
                  cairo_move_to (cr, X (due), top);
                  cairo_line_to (cr, X (due), top + n_lanes * lane_h);
                  cairo_stroke (cr);
                }
            }
        }
      cairo_restore (cr);
    }

  /* Injects and actions as marks. */
  for (guint i = 0; i < self->events->len; i++)
    {
      const Event *e = g_ptr_array_index (self->events, i);
      double x = X (e->at), y;
      guint lane = 0;

      if (!e->is_inject)
        {
          const DdPhase *ph = dd_report_event_phase (self, e) ? dd_plan_lookup_phase (self->plan, dd_report_event_phase (self, e)) : NULL;
          lane = ph != NULL ? ph->order : 0;
        }
      y = top + lane * lane_h + lane_h / 2;
      cairo_set_source_rgb (cr, 0.1, 0.25, 0.5);
      if (e->is_inject)
        {
          cairo_move_to (cr, x - 3.5, y - 3);
          cairo_line_to (cr, x + 3.5, y - 3);
          cairo_line_to (cr, x, y + 3.5);
          cairo_close_path (cr);
          cairo_fill (cr);
        }
      else
        {
          cairo_rectangle (cr, x - 1.2, y - 4, 2.4, 8);
          cairo_fill (cr);
        }
    }

  /* Breaches: the findings, with colour and symbol. */
  for (guint i = 0; i < self->findings->len; i++)
    {
      const Finding *f = g_ptr_array_index (self->findings, i);
      const DdPhase *ph = f->phase != NULL ? dd_plan_lookup_phase (self->plan, f->phase) : NULL;
      gint64 at = f->at != DD_REPORT_NO_TIME ? f->at : to;
      double x = X (CLAMP (at, from, to));
      double y = top + (ph != NULL ? ph->order : 0) * lane_h + lane_h * 0.5 - lane_h * 0.28;

      marker (cr, f->severity, x, y, 3.6);
      dd_report_rgb (cr, dd_report_severity_rgb (f->severity), 1.0);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, 0.6);
      cairo_stroke (cr);
    }

  /* Legend. */
  {
    double ly = height - 14, lx = left;
    static const DdFindingSeverity sevs[] = { DD_FINDING_SEVERITY_MINOR, DD_FINDING_SEVERITY_MAJOR, DD_FINDING_SEVERITY_CRITICAL };

    cairo_set_source_rgb (cr, 0.1, 0.25, 0.5);
    cairo_move_to (cr, lx - 3.5, ly - 3); cairo_line_to (cr, lx + 3.5, ly - 3); cairo_line_to (cr, lx, ly + 3.5);
    cairo_close_path (cr);
    cairo_fill (cr);
    cairo_set_source_rgb (cr, 0, 0, 0);
    label (fd, cr, _("inject"), 7.5, FALSE, lx + 7, ly, 0.0, 0.5);
    lx += 52;
    cairo_set_source_rgb (cr, 0.1, 0.25, 0.5);
    cairo_rectangle (cr, lx - 1.2, ly - 4, 2.4, 8);
    cairo_fill (cr);
    cairo_set_source_rgb (cr, 0, 0, 0);
    label (fd, cr, _("action"), 7.5, FALSE, lx + 6, ly, 0.0, 0.5);
    lx += 52;
    cairo_set_source_rgba (cr, 0.16, 0.38, 0.67, 0.22);
    cairo_rectangle (cr, lx - 4, ly - 4, 14, 8);
    cairo_fill (cr);
    cairo_set_source_rgb (cr, 0, 0, 0);
    label (fd, cr, _("phase active"), 7.5, FALSE, lx + 14, ly, 0.0, 0.5);
    lx += 62;
    {
      static const double dash[] = { 3.0, 2.0 };
      cairo_save (cr);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_set_source_rgb (cr, 0.45, 0.1, 0.55);
      cairo_set_line_width (cr, 0.5);
      cairo_move_to (cr, lx, ly - 5);
      cairo_line_to (cr, lx, ly + 5);
      cairo_stroke (cr);
      cairo_restore (cr);
    }
    cairo_set_source_rgb (cr, 0, 0, 0);
    label (fd, cr, _("deadline"), 7.5, FALSE, lx + 5, ly, 0.0, 0.5);
    lx += 52;
    for (guint k = 0; k < G_N_ELEMENTS (sevs); k++)
      {
        g_autofree char *t = g_strdup_printf (_("%s finding"), dd_report_severity_label (sevs[k]));
        marker (cr, sevs[k], lx, ly, 3.6);
        dd_report_rgb (cr, dd_report_severity_rgb (sevs[k]), 1.0);
        cairo_fill (cr);
        cairo_set_source_rgb (cr, 0, 0, 0);
        label (fd, cr, t, 7.5, FALSE, lx + 6, ly, 0.0, 0.5);
        lx += 56;
      }
  }
#undef X
}

void
dd_report_add_timeline (DdReport *self,
                        DdDoc    *doc)
{
  GPtrArray *phases = dd_plan_get_phases (self->plan);
  g_autofree char *caption = NULL;

  dd_doc_heading (doc, 1, _("2. Timeline"));
  dd_doc_keep_begin (doc);
  dd_doc_figure (doc, 0, 60 + (phases->len + 1) * 22.0, draw_timeline_cb,
                 figure_data_new (self), figure_data_free);
  caption = g_strdup_printf (_("Figure 1. The drill on the simulated clock: %u injects and actions, %u findings"),
                             self->events->len, self->findings->len);
  dd_report_para (doc, DD_DOC_STYLE_CAPTION, caption);
  dd_doc_keep_end (doc);

  /* The log itself, as a table. */
  {
    double w[] = { 0.9, 0.9, 1.7, 3.6 };
    DdDocTable *t;

    dd_doc_heading (doc, 2, _("Log of injects and actions"));
    t = dd_report_table_with_header (doc, w,
                           _("Simulated"),
                           _("Wall clock"),
                           _("Role"),
                           _("Inject or action"), NULL);
    for (guint i = 0; i < self->events->len; i++)
      {
        const Event *e = g_ptr_array_index (self->events, i);
        g_autofree char *sim = dd_report_offset_text (e->at);
        g_autofree char *wall = NULL;
        g_autofree char *what = NULL;
        g_autofree char *what_m = NULL;

        if (e->wall_us != 0)
          {
            g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (e->wall_us / G_USEC_PER_SEC);
            wall = g_date_time_format (dt, "%H:%M:%S");
          }
        if (e->is_inject)
          what = g_strdup_printf ("%s %s", _("[inject]"), e->title ? e->title : (e->text ? e->text : ""));
        else
          what = g_strdup_printf ("%s%s%s", dd_report_kind_name (self, e->kind),
                                  e->text ? "：" : "", e->text ? e->text : "");
        what_m = dd_report_esc (what);
        dd_doc_table_row (t);
        dd_report_cell_center (t, sim);
        dd_report_cell_center (t, wall);
        dd_report_cell_text (t, e->role ? dd_report_role_name (self->plan, e->role) : e->source, 1);
        dd_doc_table_cell_full (t, what_m, 1, DD_DOC_STYLE_CELL, DD_DOC_ALIGN_LEFT,
                                e->is_inject ? 0xf4f7fb : FILL_NONE);
      }
  }
}

/* --- findings ----------------------------------------------------- */

static void
draw_bars_cb (cairo_t  *cr,
              double    width,
              double    height,
              gpointer  user_data)
{
  FigureData *fd = user_data;
  DdReport *self = fd->self;
  GPtrArray *phases = dd_plan_get_phases (self->plan);
  double max = dd_plan_get_scoring (self->plan)->max_score;
  double left = 92.0, right = 40.0, top = 4.0, bottom = 18.0;
  double bar_h = (height - top - bottom) / MAX (phases->len, 1);
  double plot_w = width - left - right;

  if (max <= 0)
    max = 100.0;
  cairo_set_line_width (cr, 0.5);
  for (guint k = 0; k <= 4; k++)
    {
      double x = left + plot_w * k / 4.0;
      g_autofree char *t = g_strdup_printf ("%.0f", max * k / 4.0);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.2);
      cairo_move_to (cr, x, top);
      cairo_line_to (cr, x, height - bottom);
      cairo_stroke (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      label (fd, cr, t, 7.0, FALSE, x, height - bottom + 2, 0.5, 0.0);
    }
  for (guint i = 0; i < phases->len; i++)
    {
      const DdPhase *ph = g_ptr_array_index (phases, i);
      double *score = g_hash_table_lookup (self->phase_scores, ph->id);
      double y = top + i * bar_h;
      double v = score != NULL ? CLAMP (*score, 0, max) : 0;
      const DdRating *r = score != NULL ? dd_report_rating_for (self, *score) : NULL;
      guint rank = 0;
      static const guint32 colours[] = { 0x2b7a3d, 0x8fae2c, 0xe6a100, 0xb2182b };
      const DdScoring *scoring = dd_plan_get_scoring (self->plan);

      for (guint k = 0; r != NULL && k < scoring->ratings->len; k++)
        if (g_ptr_array_index (scoring->ratings, k) == r)
          rank = k;
      cairo_set_source_rgb (cr, 0, 0, 0);
      label (fd, cr, ph->name, 8.0, FALSE, left - 4, y + bar_h / 2, 1.0, 0.5);
      if (score != NULL)
        {
          g_autofree char *t = g_strdup_printf ("%.0f", *score);
          dd_report_rgb (cr, colours[MIN (rank, 3)], 1.0);
          cairo_rectangle (cr, left, y + bar_h * 0.2, plot_w * v / max, bar_h * 0.6);
          cairo_fill (cr);
          cairo_set_source_rgb (cr, 0, 0, 0);
          label (fd, cr, t, 7.5, TRUE, left + plot_w * v / max + 3, y + bar_h / 2, 0.0, 0.5);
        }
    }
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_move_to (cr, left, top);
  cairo_line_to (cr, left, height - bottom);
  cairo_stroke (cr);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

void
dd_report_add_scores (DdReport *self,
                      DdDoc    *doc)
{
  GPtrArray *phases = dd_plan_get_phases (self->plan);
  double w[] = { 2.2, 0.8, 0.8, 1.9, 0.8 };
  double rw[] = { 3.2, 1.0, 1.6, 1.0 };
  DdDocTable *t;
  GHashTableIter iter;
  gpointer key, value;
  g_autoptr(GPtrArray) role_ids = g_ptr_array_new ();

  dd_doc_heading (doc, 1, _("4. Scores"));
  dd_doc_heading (doc, 2, _("By phase"));
  t = dd_report_table_with_header (doc, w,
                         _("Phase"),
                         _("Clause"),
                         _("Score"),
                         _("Rating"),
                         _("Findings"), NULL);
  for (guint i = 0; i < phases->len; i++)
    {
      const DdPhase *ph = g_ptr_array_index (phases, i);
      double *score = g_hash_table_lookup (self->phase_scores, ph->id);
      const DdRating *r = score != NULL ? dd_report_rating_for (self, *score) : NULL;
      g_autofree char *s = score != NULL ? g_strdup_printf ("%.1f", *score) : g_strdup ("—");
      guint n = 0;
      g_autofree char *ns = NULL;

      for (guint k = 0; k < self->findings->len; k++)
        if (g_strcmp0 (((Finding *) g_ptr_array_index (self->findings, k))->phase, ph->id) == 0)
          n++;
      ns = g_strdup_printf ("%u", n);
      dd_doc_table_row (t);
      dd_report_cell_text (t, ph->name, 1);
      dd_report_cell_center (t, ph->clause);
      dd_report_cell_center (t, s);
      dd_report_cell_center (t, r != NULL ? r->name : "");
      dd_report_cell_center (t, ns);
    }

  dd_doc_keep_begin (doc);
  dd_doc_figure (doc, 0, 24 + phases->len * 18.0, draw_bars_cb,
                 figure_data_new (self), figure_data_free);
  dd_report_para (doc, DD_DOC_STYLE_CAPTION, _("Figure 2. Score per phase"));
  dd_doc_keep_end (doc);

  g_hash_table_iter_init (&iter, self->role_scores);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_ptr_array_add (role_ids, key);
  g_ptr_array_sort (role_ids, compare_strings);
  if (role_ids->len > 0)
    {
      dd_doc_heading (doc, 2, _("By role"));
      t = dd_report_table_with_header (doc, rw,
                             _("Role"),
                             _("Score"),
                             _("Rating"),
                             _("Findings"), NULL);
      for (guint i = 0; i < role_ids->len; i++)
        {
          const char *id = g_ptr_array_index (role_ids, i);
          double *score = g_hash_table_lookup (self->role_scores, id);
          const DdRating *r = dd_report_rating_for (self, *score);
          g_autofree char *s = g_strdup_printf ("%.1f", *score);
          g_autofree char *ns = NULL;
          guint n = 0;

          for (guint k = 0; k < self->findings->len; k++)
            if (g_strcmp0 (((Finding *) g_ptr_array_index (self->findings, k))->role, id) == 0)
              n++;
          ns = g_strdup_printf ("%u", n);
          dd_doc_table_row (t);
          dd_report_cell_text (t, dd_report_role_name (self->plan, id), 1);
          dd_report_cell_center (t, s);
          dd_report_cell_center (t, r != NULL ? r->name : "");
          dd_report_cell_center (t, ns);
        }
    }
}

/* --- reports filed ------------------------------------------------ */

typedef struct {
  DdPlan         *plan;
  DdChartKind     kind;
  DdChartOverlay *overlay;
} ChartData;

static void
chart_data_free (gpointer data)
{
  ChartData *cd = data;

  g_clear_object (&cd->plan);
  g_clear_pointer (&cd->overlay, dd_chart_overlay_free);
  g_free (cd);
}

static void
draw_chart_cb (cairo_t  *cr,
               double    width,
               double    height,
               gpointer  user_data)
{
  ChartData *cd = user_data;

  dd_chart_draw_page (cr, width, height, cd->plan, cd->kind, cd->overlay);
}

/* The drill over the chart, as its one replay has it; a review built by
 * hand has none. */
static DdChartOverlay *
make_overlay (DdReport *self)
{
  return self->replay != NULL ? dd_replay_build_overlay (self->replay) : NULL;
}

/* The chart of @kind with the drill laid over it, as a figure @room points
 * shorter than a whole column. */
static void
add_chart_figure (DdReport    *self,
                  DdDoc       *doc,
                  DdChartKind  kind,
                  double       room)
{
  ChartData *cd = g_new0 (ChartData, 1);

  cd->plan = g_object_ref (self->plan);
  cd->kind = kind;
  cd->overlay = make_overlay (self);
  dd_doc_figure (doc, 0, dd_doc_get_column_height (doc, TRUE) - room,
                 draw_chart_cb, cd, chart_data_free);
}

static void
add_chart (DdReport    *self,
           DdDoc       *doc,
           DdChartKind  kind,
           const char  *heading,
           const char  *caption)
{
  dd_doc_page_break (doc, TRUE);
  dd_doc_heading (doc, 2, heading);
  add_chart_figure (self, doc, kind, 60.0);
  dd_report_para (doc, DD_DOC_STYLE_CAPTION, caption);
}

void
dd_report_add_charts (DdReport *self,
                      DdDoc    *doc)
{
  /* the plan's titles of its appendix charts (the provisions the charts
   * themselves are titled from, dd_chart_plan_title) */
  const DdProvision *org = dd_plan_lookup_provision (self->plan, "org-chart");
  const DdProvision *flow = dd_plan_lookup_provision (self->plan, "flow-chart");
  g_autofree char *h1 = g_strdup_printf ("%s", org != NULL ? org->title : _("Organisation chart"));
  g_autofree char *h2 = g_strdup_printf ("%s", flow != NULL ? flow->title : _("Workflow chart"));

  dd_doc_page_break (doc, TRUE);
  dd_doc_heading (doc, 1, _("6. Charts with the drill laid over them"));
  dd_report_para (doc, DD_DOC_STYLE_SMALL,
        _("Units that acted and phases the drill went through are highlighted; units and phases with findings are marked."));
  dd_doc_heading (doc, 2, h1);
  add_chart_figure (self, doc, DD_CHART_KIND_ORG, 100.0);
  add_chart (self, doc, DD_CHART_KIND_FLOW, h2, _("Workflow with the path the drill took"));
}

/* --- observations and improvement plan ----------------------------- */
