/* test-chart.c — appendix charts 8.1 and 8.2: layout invariants and export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "dd-chart.h"
#include "dd-render.h"

#define TOL 0.6

static DdPlan *
load_plan (const char *fixture)
{
  g_autoptr(GError) error = NULL;
  DdPlan *plan;

  if (fixture == NULL)
    plan = dd_plan_load_default (&error);
  else
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", fixture, NULL);
      plan = dd_plan_load_file (path, &error);
    }
  g_assert_no_error (error);
  g_assert_nonnull (plan);
  return plan;
}

static gboolean
overlaps (const DdChartNode *a,
          const DdChartNode *b)
{
  return a->x < b->x + b->width - TOL && b->x < a->x + a->width - TOL &&
         a->y < b->y + b->height - TOL && b->y < a->y + a->height - TOL;
}

static gboolean
inside (const DdChartNode *in,
        const DdChartNode *out)
{
  return in->x >= out->x - TOL && in->y >= out->y - TOL &&
         in->x + in->width <= out->x + out->width + TOL &&
         in->y + in->height <= out->y + out->height + TOL;
}

static gboolean
contains_by_ancestry (const DdChartLayout *layout,
                      const DdChartNode   *node,
                      const DdChartNode   *frame)
{
  /* a node is in a frame when its container chain reaches the frame */
  for (guint depth = 0; node != NULL && depth < 16; depth++)
    {
      if (g_strcmp0 (node->container, frame->id) == 0)
        return TRUE;
      node = node->container ? dd_chart_layout_lookup (layout, node->container) : NULL;
    }
  return FALSE;
}

static void
check_invariants (const DdChartLayout *layout)
{
  g_assert_cmpuint (layout->nodes->len, >, 0);
  g_assert_nonnull (layout->title);

  for (guint i = 0; i < layout->nodes->len; i++)
    {
      const DdChartNode *a = g_ptr_array_index (layout->nodes, i);

      /* on the drawing, with a size */
      g_assert_cmpfloat (a->width, >, 0);
      g_assert_cmpfloat (a->height, >, 0);
      g_assert_cmpfloat (a->x, >=, 0);
      g_assert_cmpfloat (a->y, >=, 0);
      g_assert_cmpfloat (a->x + a->width, <=, layout->width);
      g_assert_cmpfloat (a->y + a->height, <=, layout->height);
      if (a->text != NULL)
        g_assert_nonnull (a->layout);

      for (guint j = i + 1; j < layout->nodes->len; j++)
        {
          const DdChartNode *b = g_ptr_array_index (layout->nodes, j);

          if (!overlaps (a, b))
            continue;
          /* only a frame and what it holds may share space */
          if (a->shape == DD_CHART_SHAPE_FRAME && contains_by_ancestry (layout, b, a))
            g_assert_true (inside (b, a));
          else if (b->shape == DD_CHART_SHAPE_FRAME && contains_by_ancestry (layout, a, b))
            g_assert_true (inside (a, b));
          else
            g_error ("boxes overlap: %s (%.1f,%.1f %.1fx%.1f) and %s (%.1f,%.1f %.1fx%.1f)",
                     a->id, a->x, a->y, a->width, a->height,
                     b->id, b->x, b->y, b->width, b->height);
        }
    }

  for (guint i = 0; i < layout->edges->len; i++)
    {
      const DdChartEdge *e = g_ptr_array_index (layout->edges, i);
      const DdChartNode *from = dd_chart_layout_lookup (layout, e->from);
      const DdChartNode *to = dd_chart_layout_lookup (layout, e->to);
      DdChartPoint *first, *last;

      g_assert_nonnull (from);
      g_assert_nonnull (to);
      g_assert_cmpuint (e->points->len, >=, 2);
      first = &g_array_index (e->points, DdChartPoint, 0);
      last = &g_array_index (e->points, DdChartPoint, e->points->len - 1);
      if (!dd_chart_node_on_border (from, first->x, first->y, 7.0))
        g_error ("edge %s→%s starts at (%.1f,%.1f), off %s's border", e->from, e->to,
                 first->x, first->y, from->id);
      if (!dd_chart_node_on_border (to, last->x, last->y, TOL))
        g_error ("edge %s→%s ends at (%.1f,%.1f), off %s's border", e->from, e->to,
                 last->x, last->y, to->id);
      /* orthogonal: every segment horizontal or vertical */
      for (guint k = 1; k < e->points->len; k++)
        {
          DdChartPoint *p = &g_array_index (e->points, DdChartPoint, k - 1);
          DdChartPoint *q = &g_array_index (e->points, DdChartPoint, k);
          g_assert_true (fabs (p->x - q->x) < 1e-6 || fabs (p->y - q->y) < 1e-6);
        }
    }
}

static void
check_roles_drawn (DdPlan              *plan,
                   const DdChartLayout *layout)
{
  GPtrArray *roles = dd_plan_get_roles (plan);
  guint drawn = 0;

  for (guint i = 0; i < roles->len; i++)
    {
      const DdRole *role = g_ptr_array_index (roles, i);
      const DdChartNode *node = dd_chart_layout_lookup_role (layout, role->id);

      if (role->in_chart)
        {
          if (node == NULL)
            g_error ("role %s (%s) is in the chart but not drawn", role->id, role->name);
          drawn++;
        }
      else
        g_assert_null (node);
    }
  g_assert_cmpuint (drawn, >, 0);
}

static void
test_org_invariants (void)
{
  g_autoptr(DdPlan) plan = load_plan (NULL);
  g_autoptr(DdChartLayout) layout = dd_chart_layout_new (plan, DD_CHART_KIND_ORG);

  check_invariants (layout);
  check_roles_drawn (plan, layout);
  /* fits A4 landscape with text no smaller than 80 % */
  g_assert_cmpfloat (dd_chart_fit_scale (layout, 841.89 - 56.7, 595.276 - 56.7), >=, 0.8);
}

static void
test_org_placements (void)
{
  g_autoptr(DdPlan) plan = load_plan (NULL);
  g_autoptr(DdChartLayout) layout = dd_chart_layout_new (plan, DD_CHART_KIND_ORG);
  g_autoptr(GPtrArray) members = dd_plan_get_roles_of_kind (plan, DD_ROLE_KIND_MEMBER_UNIT);
  const DdChartNode *hq = dd_chart_layout_lookup_role (layout, "hq");
  const DdChartNode *office = dd_chart_layout_lookup_role (layout, "office");
  const DdChartNode *commander = dd_chart_layout_lookup_role (layout, "commander");
  const DdChartNode *gov = dd_chart_layout_lookup_role (layout, "city-gov");
  double row_y = -1;

  g_assert_cmpuint (members->len, ==, 23);
  /* the member units: one row of vertical-text boxes, one height */
  for (guint i = 0; i < members->len; i++)
    {
      const DdRole *role = g_ptr_array_index (members, i);
      const DdChartNode *n = dd_chart_layout_lookup_role (layout, role->id);

      g_assert_true (n->vertical);
      g_assert_cmpfloat (n->height, >, n->width);
      if (row_y < 0)
        row_y = n->y;
      g_assert_cmpfloat_with_epsilon (n->y, row_y, 0.01);
    }
  /* the posts are inside the HQ frame; the government above it */
  g_assert_cmpint (hq->shape, ==, DD_CHART_SHAPE_FRAME);
  g_assert_cmpstr (commander->container, ==, "hq");
  g_assert_cmpfloat (gov->y + gov->height, <, hq->y);
  /* the office is an assistant: beside the trunk, between HQ and the units */
  g_assert_cmpfloat (office->x, >, hq->x + hq->width / 2);
  g_assert_cmpfloat (office->y, >, hq->y + hq->height);
  g_assert_cmpfloat (office->y + office->height, <, row_y);
}

static void
test_org_county (void)
{
  g_autoptr(DdPlan) plan = load_plan ("county-plan.xml");
  g_autoptr(DdChartLayout) org = dd_chart_layout_new (plan, DD_CHART_KIND_ORG);
  g_autoptr(DdChartLayout) flow = dd_chart_layout_new (plan, DD_CHART_KIND_FLOW);

  check_invariants (org);
  check_roles_drawn (plan, org);
  check_invariants (flow);
}

static void
test_balanced_break (void)
{
  PangoContext *context = dd_chart_create_context (FALSE);
  g_autofree char *a = dd_chart_balanced_break (context, "国网晋城供电公司", 10, FALSE);
  g_autofree char *b = dd_chart_balanced_break (context, "市委机要保密局", 10, FALSE);
  g_autofree char *c = dd_chart_balanced_break (context, "局", 10, FALSE);

  g_assert_cmpstr (a, ==, "国网晋城\n供电公司");
  /* never a lone character on a line */
  g_assert_cmpstr (b, ==, "市委机要\n保密局");
  g_assert_cmpstr (c, ==, "局");
  g_object_unref (context);
}

static void
test_measure_stable (void)
{
  PangoContext *context = dd_chart_create_context (FALSE);
  double w1 = dd_chart_measure (context, "晋城市网络与信息安全应急组织机构图", 16, TRUE);
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 10, 10);
  cairo_t *cr = cairo_create (s);
  double w2;

  /* drawing at another scale does not change what was measured */
  cairo_scale (cr, 3.7, 3.7);
  w2 = dd_chart_measure (context, "晋城市网络与信息安全应急组织机构图", 16, TRUE);
  g_assert_cmpfloat (w1, ==, w2);
  g_assert_cmpfloat (w1, >, 200);
  cairo_destroy (cr);
  cairo_surface_destroy (s);
  g_object_unref (context);
}

static void
test_flow_invariants (void)
{
  g_autoptr(DdPlan) plan = load_plan (NULL);
  g_autoptr(DdChartLayout) layout = dd_chart_layout_new (plan, DD_CHART_KIND_FLOW);
  GPtrArray *phases = dd_plan_get_phases (plan);

  check_invariants (layout);
  for (guint i = 0; i < phases->len; i++)
    {
      const DdPhase *p = g_ptr_array_index (phases, i);
      const DdChartNode *n = dd_chart_layout_lookup (layout, p->id);
      g_assert_nonnull (n);
      g_assert_cmpstr (n->text, ==, p->name);
    }
  /* fits A4 portrait at no less than 70 % */
  g_assert_cmpfloat (dd_chart_fit_scale (layout, 595.276 - 56.7, 841.89 - 56.7), >=, 0.7);
}

static void
test_flow_content (void)
{
  g_autoptr(DdPlan) plan = load_plan (NULL);
  g_autoptr(DdChartLayout) layout = dd_chart_layout_new (plan, DD_CHART_KIND_FLOW);
  GPtrArray *levels = dd_plan_get_response_levels (plan);
  GPtrArray *warnings = dd_plan_get_warning_levels (plan);
  GPtrArray *rules = dd_plan_get_rules (plan);
  const DdChartNode *decision = NULL, *report = dd_chart_layout_lookup (layout, "report");
  const DdChartNode *note = dd_chart_layout_lookup (layout, "report-deadlines");
  guint exits = 0, back = 0;

  for (guint i = 0; i < layout->nodes->len; i++)
    {
      const DdChartNode *n = g_ptr_array_index (layout->nodes, i);
      if (n->shape == DD_CHART_SHAPE_DECISION && g_strcmp0 (n->phase_id, "activation") == 0)
        decision = n;
    }
  g_assert_nonnull (decision);
  g_assert_cmpint (report->shape, ==, DD_CHART_SHAPE_DOCUMENT);

  /* one exit per response level, from three different vertices, labelled
   * with who decides */
  for (guint i = 0; i < layout->edges->len; i++)
    {
      const DdChartEdge *e = g_ptr_array_index (layout->edges, i);
      if (g_strcmp0 (e->from, decision->id) == 0)
        {
          g_autofree char *id = g_strdup (e->to + strlen ("response-"));
          const DdResponseLevel *lv = dd_plan_lookup_response_level (plan, id);
          const DdRole *decider = dd_plan_lookup_role (plan, lv->deciders[0]);

          g_assert_nonnull (e->label);
          g_assert_nonnull (strstr (e->label, decider->name));
          exits++;
        }
      back += e->back;
    }
  g_assert_cmpuint (exits, ==, levels->len);
  g_assert_cmpuint (back, ==, 1);

  /* the deadlines beside the report, in the plan's words */
  g_assert_nonnull (note);
  for (guint i = 0; i < rules->len; i++)
    {
      const DdRule *r = g_ptr_array_index (rules, i);
      if (r->kind == DD_RULE_KIND_DEADLINE && g_strcmp0 (r->phase, "report") == 0)
        g_assert_nonnull (strstr (note->text, r->text));
    }

  /* the warning levels in their colours */
  for (guint i = 0; i < warnings->len; i++)
    {
      const DdWarningLevel *w = g_ptr_array_index (warnings, i);
      g_autofree char *id = g_strconcat ("warning-", w->id, NULL);
      const DdChartNode *n = dd_chart_layout_lookup (layout, id);
      g_autofree char *hex = NULL;

      g_assert_nonnull (n);
      g_assert_true (n->has_fill);
      hex = g_strdup_printf ("#%02x%02x%02x", (int) lround (n->fill[0] * 255),
                             (int) lround (n->fill[1] * 255), (int) lround (n->fill[2] * 255));
      g_assert_cmpstr (hex, ==, w->colour_hex);
    }
}

static guint32
pixel_at (cairo_surface_t *s,
          double           x,
          double           y)
{
  unsigned char *data = cairo_image_surface_get_data (s);
  int stride = cairo_image_surface_get_stride (s);

  return *(guint32 *) (data + (int) y * stride + (int) x * 4) & 0xffffff;
}

static void
test_render_image_overlay (void)
{
  g_autoptr(DdPlan) plan = load_plan (NULL);
  g_autoptr(DdChartLayout) layout = dd_chart_layout_new (plan, DD_CHART_KIND_ORG);
  g_autoptr(DdChartOverlay) overlay = dd_chart_overlay_new ();
  const DdChartNode *police = dd_chart_layout_lookup_role (layout, "police");
  const DdChartNode *news = dd_chart_layout_lookup_role (layout, "news");
  cairo_surface_t *plain, *drill;
  cairo_t *cr;
  double px = police->x + 3, py = police->y + 3;
  guint changed = 0;

  plain = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (layout->width), (int) ceil (layout->height));
  cr = cairo_create (plain);
  dd_chart_draw (cr, layout, NULL);
  cairo_destroy (cr);
  g_assert_cmphex (pixel_at (plain, px, py), ==, 0xffffff);

  dd_chart_overlay_add_acted_role (overlay, "police");
  dd_chart_overlay_add_breached_role (overlay, "news");
  drill = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (layout->width), (int) ceil (layout->height));
  cr = cairo_create (drill);
  dd_chart_draw (cr, layout, overlay);
  cairo_destroy (cr);
  cairo_surface_flush (drill);

  /* the unit that acted is filled */
  g_assert_cmphex (pixel_at (drill, px, py), !=, 0xffffff);
  /* the breach has a badge: white "!" inside a red disc at the corner */
  for (int dy = -6; dy <= 6; dy++)
    for (int dx = -6; dx <= 6; dx++)
      changed += pixel_at (plain, news->x + news->width + dx, news->y + dy) !=
                 pixel_at (drill, news->x + news->width + dx, news->y + dy);
  g_assert_cmpuint (changed, >, 40);

  cairo_surface_destroy (plain);
  cairo_surface_destroy (drill);
}

/* In the window's dark style the chart is dark paper with light ink; the
 * same layout drawn again for paper is white */
static void
test_render_dark (void)
{
  g_autoptr(DdPlan) plan = load_plan (NULL);
  g_autoptr(DdChartLayout) layout = dd_chart_layout_new (plan, DD_CHART_KIND_FLOW);
  const DdChartNode *report = dd_chart_layout_lookup (layout, "report");
  int w = (int) ceil (layout->width), h = (int) ceil (layout->height);
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  cairo_t *cr;
  guint32 corner, inside;

  layout->dark = TRUE;
  cr = cairo_create (s);
  dd_chart_draw (cr, layout, NULL);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  corner = pixel_at (s, 2, 2);
  inside = pixel_at (s, report->x + 3, report->y + report->height / 2);
  /* dark paper, and no white slab inside the boxes */
  g_assert_cmpuint ((corner >> 16) & 0xff, <, 0x60);
  g_assert_cmpuint ((inside >> 16) & 0xff, <, 0x60);

  layout->dark = FALSE;
  cr = cairo_create (s);
  dd_chart_draw (cr, layout, NULL);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  g_assert_cmphex (pixel_at (s, 2, 2), ==, 0xffffff);
  cairo_surface_destroy (s);
}

static void
test_flow_overlay_path (void)
{
  g_autoptr(DdPlan) plan = load_plan (NULL);
  g_autoptr(DdChartLayout) layout = dd_chart_layout_new (plan, DD_CHART_KIND_FLOW);
  g_autoptr(DdChartOverlay) overlay = dd_chart_overlay_new ();
  const DdChartNode *report = dd_chart_layout_lookup (layout, "report");
  const DdChartNode *closure = dd_chart_layout_lookup (layout, "closure");
  cairo_surface_t *s;
  cairo_t *cr;

  dd_chart_overlay_add_visited_phase (overlay, "detection");
  dd_chart_overlay_add_visited_phase (overlay, "report");
  dd_chart_overlay_add_visited_phase (overlay, "report");
  dd_chart_overlay_set_current_phase (overlay, "report");
  dd_chart_overlay_add_breached_phase (overlay, "report");
  g_assert_cmpuint (overlay->visited_phases->len, ==, 2);

  s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (layout->width), (int) ceil (layout->height));
  cr = cairo_create (s);
  dd_chart_draw (cr, layout, overlay);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  /* a visited phase is filled, a later one is not */
  g_assert_cmphex (pixel_at (s, report->x + 20, report->y + 3), !=, 0xffffff);
  g_assert_cmphex (pixel_at (s, closure->x + 20, closure->y + 3), ==, 0xffffff);
  cairo_surface_destroy (s);
}

static char *
run_tool (const char *tool,
          const char *arg1,
          const char *arg2)
{
  const char *argv[] = { tool, arg1, arg2, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static char *
strip_space (const char *s)
{
  GString *out = g_string_new (NULL);

  for (const char *p = s; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!g_unichar_isspace (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static void
test_pdf_text_and_fonts (void)
{
  g_autoptr(DdPlan) plan = load_plan (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dd-chart-XXXXXX", &error);
  g_autofree char *pdf = g_build_filename (dir, "org.pdf", NULL);
  g_autofree char *text = NULL, *flat = NULL, *fonts = NULL;
  g_autoptr(DdChartLayout) layout = dd_chart_layout_new (plan, DD_CHART_KIND_ORG);
  g_autoptr(GPtrArray) members = dd_plan_get_roles_of_kind (plan, DD_ROLE_KIND_MEMBER_UNIT);
  DdRenderOptions options = { DD_RENDER_FORMAT_PDF, DD_RENDER_PAPER_A4, 0 };

  g_assert_no_error (error);
  g_assert_true (dd_render_layout_to_file (layout, NULL, &options, pdf, &error));
  g_assert_no_error (error);

  if (!g_file_test ("/usr/bin/pdftotext", G_FILE_TEST_IS_EXECUTABLE) ||
      !g_file_test ("/usr/bin/pdffonts", G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("pdftotext/pdffonts (poppler-utils) not installed");
      g_unlink (pdf);
      g_rmdir (dir);
      return;
    }

  text = run_tool ("/usr/bin/pdftotext", pdf, "-");
  flat = strip_space (text);
  g_assert_nonnull (strstr (flat, layout->title));
  for (guint i = 0; i < members->len; i++)
    {
      const DdRole *role = g_ptr_array_index (members, i);
      const DdChartNode *n = dd_chart_layout_lookup_role (layout, role->id);

      /* a name drawn in one column comes back whole */
      g_assert_null (strchr (n->text, '\n'));
      if (strstr (flat, n->text) == NULL)
        g_error ("member unit %s not in the PDF text", n->text);
    }

  fonts = run_tool ("/usr/bin/pdffonts", pdf, NULL);
  g_assert_nonnull (strstr (fonts, "CJK"));
  /* every font line says emb = yes */
  {
    g_auto(GStrv) lines = g_strsplit (fonts, "\n", -1);
    guint n_fonts = 0;
    for (guint i = 2; lines[i]; i++)
      {
        if (*lines[i] == '\0')
          continue;
        g_assert_nonnull (strstr (lines[i], " yes "));
        n_fonts++;
      }
    g_assert_cmpuint (n_fonts, >, 0);
  }

  g_unlink (pdf);
  g_rmdir (dir);
}

/* drilldesk-cli render flow in the C locale; the PDF's text without spaces,
 * or NULL when poppler-utils are missing. */
static char *
render_flow_text_c_locale (const char *plan_path,
                           const char *dir)
{
  g_autofree char *pdf = g_build_filename (dir, "flow.pdf", NULL);
  const char *argv[] = { g_getenv ("DD_CLI"), "render", "flow", "-o", pdf,
                         plan_path ? "--plan" : NULL, plan_path, NULL };
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  int status = 0;

  g_assert_nonnull (argv[0]);
  env = g_environ_setenv (env, "LC_ALL", "C", TRUE);
  env = g_environ_setenv (env, "LANG", "C", TRUE);
  env = g_environ_unsetenv (env, "LANGUAGE");
  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  if (!g_file_test ("/usr/bin/pdftotext", G_FILE_TEST_IS_EXECUTABLE))
    {
      g_unlink (pdf);
      return NULL;
    }
  text = run_tool ("/usr/bin/pdftotext", pdf, "-");
  g_unlink (pdf);
  return strip_space (text);
}

/* Every word of the workflow chart is the plan's: in the C locale no
 * English creeps in, and a county's own wording is what its chart says. */
static void
test_flow_words_from_plan (void)
{
  g_autoptr(DdPlan) city = load_plan (NULL);
  g_autoptr(DdPlan) county = load_plan ("county-plan.xml");
  g_autofree char *county_path = g_test_build_filename (G_TEST_DIST, "fixtures", "county-plan.xml", NULL);
  const DdWorkflowLabels *cw = dd_plan_get_workflow_labels (city);
  const DdWorkflowLabels *kw = dd_plan_get_workflow_labels (county);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dd-chart-XXXXXX", &error);
  g_autofree char *city_text = NULL, *county_text = NULL;
  DdPlan *plans[] = { city, county };
  const char *texts[2];

  g_assert_no_error (error);
  city_text = render_flow_text_c_locale (NULL, dir);
  county_text = render_flow_text_c_locale (county_path, dir);
  g_rmdir (dir);
  if (city_text == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) not installed");
      return;
    }
  texts[0] = city_text;
  texts[1] = county_text;

  for (guint i = 0; i < G_N_ELEMENTS (plans); i++)
    {
      const DdWorkflowLabels *w = dd_plan_get_workflow_labels (plans[i]);
      const char *words[] = { w->start, w->decision, w->yes, w->no, w->end };
      g_autofree char *title = dd_chart_plan_title (plans[i], "flow-chart");

      for (const char *p = texts[i]; *p; p++)
        if (g_ascii_isalpha (*p))
          g_error ("English in the chart of %s: %s", dd_plan_get_id (plans[i]), p);
      g_assert_nonnull (strstr (texts[i], title));
      for (guint k = 0; k < G_N_ELEMENTS (words); k++)
        {
          g_assert_nonnull (words[k]);
          if (strstr (texts[i], words[k]) == NULL)
            g_error ("%s: \"%s\" not in its chart", dd_plan_get_id (plans[i]), words[k]);
        }
    }

  /* the county words it its own way, and its chart says so */
  g_assert_cmpstr (kw->start, ==, "县内发生网络安全事件");
  g_assert_cmpstr (kw->decision, ==, "险情已经排除？");
  g_assert_cmpstr (kw->yes, ==, "已排除");
  g_assert_cmpstr (kw->end, ==, "处置完毕");
  g_assert_null (strstr (county_text, cw->start));
  g_assert_null (strstr (county_text, cw->decision));
  g_assert_nonnull (strstr (county_text, "泽州县网络安全事件处置流程图"));
}

static void
test_export_formats (void)
{
  g_autoptr(DdPlan) plan = load_plan (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dd-chart-XXXXXX", &error);
  g_autofree char *png = g_build_filename (dir, "flow.png", NULL);
  g_autofree char *png2 = g_build_filename (dir, "flow-300.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "flow.svg", NULL);
  g_autofree char *svgtext = NULL;
  DdRenderOptions options = { DD_RENDER_FORMAT_PNG, DD_RENDER_PAPER_A4, 0 };
  DdRenderFormat format;
  cairo_surface_t *s;
  int w1;

  g_assert_true (dd_render_format_from_path ("a/B.PDF", &format));
  g_assert_cmpint (format, ==, DD_RENDER_FORMAT_PDF);
  g_assert_false (dd_render_format_from_path ("a/b.jpg", &format));

  g_assert_true (dd_render_chart_to_file (plan, DD_CHART_KIND_FLOW, NULL, &options, png, &error));
  g_assert_no_error (error);
  s = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (s), ==, CAIRO_STATUS_SUCCESS);
  w1 = cairo_image_surface_get_width (s);
  g_assert_cmpint (w1, >=, DD_RENDER_PNG_MIN_WIDTH);
  cairo_surface_destroy (s);

  options.dpi = 300;
  g_assert_true (dd_render_chart_to_file (plan, DD_CHART_KIND_FLOW, NULL, &options, png2, &error));
  s = cairo_image_surface_create_from_png (png2);
  g_assert_cmpint (cairo_image_surface_get_width (s), >, w1);
  cairo_surface_destroy (s);

  options.format = DD_RENDER_FORMAT_SVG;
  g_assert_true (dd_render_chart_to_file (plan, DD_CHART_KIND_FLOW, NULL, &options, svg, &error));
  g_assert_true (g_file_get_contents (svg, &svgtext, NULL, &error));
  g_assert_nonnull (strstr (svgtext, "pt\""));

  g_unlink (png);
  g_unlink (png2);
  g_unlink (svg);
  g_rmdir (dir);
}

static void
test_draw_page_fits (void)
{
  g_autoptr(DdPlan) plan = load_plan (NULL);
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 300, 200);
  cairo_t *cr = cairo_create (s);

  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_paint (cr);
  dd_chart_draw_page (cr, 300, 200, plan, DD_CHART_KIND_ORG, NULL);
  cairo_surface_flush (s);
  /* the page is painted white to its corners; drawing was fitted */
  g_assert_cmphex (pixel_at (s, 0, 0), ==, 0xffffff);
  g_assert_cmphex (pixel_at (s, 299, 199), ==, 0xffffff);
  cairo_destroy (cr);
  cairo_surface_destroy (s);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dd/chart/org/invariants", test_org_invariants);
  g_test_add_func ("/dd/chart/render/dark", test_render_dark);
  g_test_add_func ("/dd/chart/org/placements", test_org_placements);
  g_test_add_func ("/dd/chart/org/county-fixture", test_org_county);
  g_test_add_func ("/dd/chart/text/balanced-break", test_balanced_break);
  g_test_add_func ("/dd/chart/text/measure-stable", test_measure_stable);
  g_test_add_func ("/dd/chart/flow/invariants", test_flow_invariants);
  g_test_add_func ("/dd/chart/flow/content", test_flow_content);
  g_test_add_func ("/dd/chart/render/image-overlay", test_render_image_overlay);
  g_test_add_func ("/dd/chart/render/flow-overlay-path", test_flow_overlay_path);
  g_test_add_func ("/dd/chart/render/pdf-text-and-fonts", test_pdf_text_and_fonts);
  g_test_add_func ("/dd/chart/render/export-formats", test_export_formats);
  g_test_add_func ("/dd/chart/render/flow-words-from-plan", test_flow_words_from_plan);
  g_test_add_func ("/dd/chart/render/draw-page-fits", test_draw_page_fits);

  return g_test_run ();
}
