/* dd-chart-org.c — appendix 8.1, the organisation chart, laid out from the plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A layered tidy tree over the roles with in_chart, following each role's
 * parent, with a placement per node:
 *  - posts (commander, deputies, office director) are drawn inside their
 *    unit, which becomes a titled frame;
 *  - an office is an assistant: a box beside the trunk, joined by a
 *    horizontal line, with its own subtree below it;
 *  - other children are a row; many leaves become a row of vertical-text
 *    boxes sized from measured text (long names broken into two balanced
 *    columns), or a framed grid when even that row is too wide;
 *  - further roots (superior bodies) sit in a row above the main root.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "dd-chart-org.h"

#define MARGIN       28.0
#define TITLE_SIZE   16.0
#define NAME_SIZE    10.5
#define SUB_SIZE      8.5
#define VNAME_SIZE   10.0
#define VGAP         26.0
#define HGAP         14.0
#define VROW_GAP      5.0
#define AGAP         40.0
#define PAD_X         9.0
#define PAD_Y         6.0
#define VPAD_X        5.0
#define VPAD_Y        7.0
#define FRAME_PAD    10.0
#define SUB_WRAP    104.0
#define MIN_BOX_W    76.0
#define VROW_MIN      6     /* leaves from which a vertical row is used */
#define VCOLUMN_EMS   9.0   /* longer names are broken into two columns */

typedef enum {
  PLACE_ROW,
  PLACE_VROW,
  PLACE_GRID,
} Placement;

typedef struct _Sub Sub;
struct _Sub
{
  const DdRole *role;
  DdChartNode  *node;
  GPtrArray    *posts;       /* Sub*, drawn inside node (a frame) */
  GPtrArray    *assistants;  /* Sub* */
  GPtrArray    *children;    /* Sub* */
  Placement     place;
  double        l, r, h;     /* extents around the node's centre line */
  double        posts_w, posts_h, head_h;
  double        asst_h;
  double        child_h;
  double       *dx;          /* children centre offsets */
  DdChartNode  *grid_frame;
  guint         grid_cols;
  double        cell_w, cell_h;
};

typedef struct
{
  DdPlan        *plan;
  DdChartLayout *layout;
  GPtrArray     *subs;       /* all Sub*, for freeing */
  double         budget;     /* widest row that fits the page */
} Ctx;

static void
sub_free (Sub *s)
{
  g_ptr_array_unref (s->posts);
  g_ptr_array_unref (s->assistants);
  g_ptr_array_unref (s->children);
  g_free (s->dx);
  g_free (s);
}

static gboolean
is_post (const DdRole *role)
{
  return role->kind == DD_ROLE_KIND_COMMANDER ||
         role->kind == DD_ROLE_KIND_DEPUTY ||
         role->kind == DD_ROLE_KIND_OFFICE_DIRECTOR;
}

static gboolean
is_leaf (const Sub *s)
{
  return s->posts->len == 0 && s->assistants->len == 0 && s->children->len == 0;
}

static const char *
box_name (const DdRole *role)
{
  /* A post reads as the post; its holder goes underneath. */
  if (is_post (role))
    return role->name;
  return role->short_name ? role->short_name : role->name;
}

static Sub *
build_sub (Ctx          *c,
           const DdRole *role,
           guint         depth)
{
  GPtrArray *roles = dd_plan_get_roles (c->plan);
  Sub *s = g_new0 (Sub, 1);

  s->role = role;
  s->posts = g_ptr_array_new ();
  s->assistants = g_ptr_array_new ();
  s->children = g_ptr_array_new ();
  g_ptr_array_add (c->subs, s);

  s->node = dd_chart_node_new (role->id, DD_CHART_SHAPE_BOX, box_name (role));
  s->node->role_id = g_strdup (role->id);
  s->node->subtext = g_strdup (role->holder);
  g_ptr_array_add (c->layout->nodes, s->node);

  if (depth > 32)
    return s;     /* the plan loader refuses cycles; stay safe anyway */

  for (guint i = 0; i < roles->len; i++)
    {
      const DdRole *child = g_ptr_array_index (roles, i);
      Sub *cs;

      if (!child->in_chart || g_strcmp0 (child->parent, role->id) != 0)
        continue;
      cs = build_sub (c, child, depth + 1);
      if (is_post (child) && !is_post (role))
        g_ptr_array_add (s->posts, cs);
      else if (child->kind == DD_ROLE_KIND_OFFICE)
        g_ptr_array_add (s->assistants, cs);
      else
        g_ptr_array_add (s->children, cs);
    }
  return s;
}

/* ------------------------------------------------------------------ */
/* Measuring                                                           */

static void
measure_box (Ctx *c,
             Sub *s)
{
  DdChartNode *n = s->node;
  double tw, th, sw = 0, sh = 0;

  g_clear_object (&n->layout);
  g_clear_object (&n->sublayout);
  n->vertical = FALSE;
  n->bold = n->bold || s->role->kind == DD_ROLE_KIND_HQ || s->role->kind == DD_ROLE_KIND_GOVERNMENT;
  n->layout = dd_chart_text_layout (c->layout->context, n->text, NAME_SIZE, n->bold, -1);
  dd_chart_text_size (n->layout, &tw, &th);
  if (n->subtext)
    {
      n->sublayout = dd_chart_text_layout (c->layout->context, n->subtext, SUB_SIZE, FALSE,
                                           MAX (SUB_WRAP, tw));
      dd_chart_text_size (n->sublayout, &sw, &sh);
      sh += 2.0;
    }
  n->width = MAX (MIN_BOX_W, MAX (tw, sw) + 2 * PAD_X);
  n->height = th + sh + 2 * PAD_Y;
}

/* Horizontal box whose long name is broken into two balanced lines. */
static void
measure_box_balanced (Ctx    *c,
                      Sub    *s,
                      double  max_text_w)
{
  DdChartNode *n = s->node;
  const char *name = box_name (s->role);

  if (dd_chart_measure (c->layout->context, name, NAME_SIZE, FALSE) > max_text_w)
    {
      g_free (n->text);
      n->text = dd_chart_balanced_break (c->layout->context, name, NAME_SIZE, FALSE);
    }
  measure_box (c, s);
}

static void
measure_vertical (Ctx *c,
                  Sub *s)
{
  DdChartNode *n = s->node;
  const char *name = box_name (s->role);
  double along, thick;

  g_clear_object (&n->layout);
  g_clear_object (&n->sublayout);
  g_free (n->text);
  if (dd_chart_measure (c->layout->vcontext, name, VNAME_SIZE, FALSE) > VCOLUMN_EMS * VNAME_SIZE + 0.5)
    n->text = dd_chart_balanced_break (c->layout->vcontext, name, VNAME_SIZE, FALSE);
  else
    n->text = g_strdup (name);
  /* the holder of a vertical box is not drawn (it stays in the details) */
  n->vertical = TRUE;
  n->layout = dd_chart_text_layout (c->layout->vcontext, n->text, VNAME_SIZE, FALSE, -1);
  dd_chart_text_size (n->layout, &along, &thick);
  n->width = thick + 2 * VPAD_X;
  n->height = along + 2 * VPAD_Y;
}

static void measure_sub (Ctx *c, Sub *s);

static double
row_width (GPtrArray *subs,
           double     gap)
{
  double w = 0;

  for (guint i = 0; i < subs->len; i++)
    {
      Sub *s = g_ptr_array_index (subs, i);
      w += s->l + s->r + (i > 0 ? gap : 0);
    }
  return w;
}

static void
set_leaf_extents (Sub *s)
{
  s->l = s->r = s->node->width / 2;
  s->h = s->node->height;
}

/* Uniform boxes in a row of leaves: one height, and one width when close. */
static void
even_out (GPtrArray *subs)
{
  double max_h = 0, max_w = 0, min_w = G_MAXDOUBLE;

  for (guint i = 0; i < subs->len; i++)
    {
      Sub *s = g_ptr_array_index (subs, i);
      if (!is_leaf (s))
        continue;
      max_h = MAX (max_h, s->node->height);
      max_w = MAX (max_w, s->node->width);
      min_w = MIN (min_w, s->node->width);
    }
  for (guint i = 0; i < subs->len; i++)
    {
      Sub *s = g_ptr_array_index (subs, i);
      if (!is_leaf (s))
        continue;
      s->node->height = max_h;
      if (!s->node->vertical && max_w < 1.6 * min_w)
        s->node->width = max_w;
      set_leaf_extents (s);
    }
}

static void
choose_placement (Ctx *c,
                  Sub *s)
{
  gboolean all_leaves = TRUE;

  for (guint i = 0; i < s->children->len; i++)
    all_leaves = all_leaves && is_leaf (g_ptr_array_index (s->children, i));

  s->place = PLACE_ROW;
  if (!all_leaves || s->children->len < VROW_MIN)
    return;
  for (guint i = 0; i < s->children->len; i++)
    if (is_post (((Sub *) g_ptr_array_index (s->children, i))->role))
      return;     /* posts keep their holders: always a row of boxes */

  /* a row of vertical-text boxes */
  for (guint i = 0; i < s->children->len; i++)
    {
      Sub *cs = g_ptr_array_index (s->children, i);
      measure_vertical (c, cs);
      set_leaf_extents (cs);
    }
  even_out (s->children);
  if (row_width (s->children, VROW_GAP) <= c->budget)
    {
      s->place = PLACE_VROW;
      return;
    }

  /* a framed grid of horizontal boxes */
  s->place = PLACE_GRID;
  s->cell_w = 0;
  s->cell_h = 0;
  for (guint i = 0; i < s->children->len; i++)
    {
      Sub *cs = g_ptr_array_index (s->children, i);
      measure_box_balanced (c, cs, 6 * NAME_SIZE);
      s->cell_w = MAX (s->cell_w, cs->node->width);
      s->cell_h = MAX (s->cell_h, cs->node->height);
    }
  s->grid_cols = (guint) floor ((c->budget - 2 * FRAME_PAD + HGAP) / (s->cell_w + HGAP));
  s->grid_cols = CLAMP (s->grid_cols, 1, s->children->len);
  /* balance the rows: as few columns as the same number of rows needs */
  {
    guint rows = (s->children->len + s->grid_cols - 1) / s->grid_cols;
    s->grid_cols = (s->children->len + rows - 1) / rows;
  }
  for (guint i = 0; i < s->children->len; i++)
    {
      Sub *cs = g_ptr_array_index (s->children, i);
      cs->node->width = s->cell_w;
      cs->node->height = s->cell_h;
      set_leaf_extents (cs);
    }
}

static void
measure_sub (Ctx *c,
             Sub *s)
{
  DdChartNode *n = s->node;
  double cl = 0, cr = 0, ar = 0;

  for (guint i = 0; i < s->posts->len; i++)
    measure_sub (c, g_ptr_array_index (s->posts, i));
  for (guint i = 0; i < s->assistants->len; i++)
    measure_sub (c, g_ptr_array_index (s->assistants, i));
  for (guint i = 0; i < s->children->len; i++)
    measure_sub (c, g_ptr_array_index (s->children, i));

  /* the node itself: a box, or a titled frame holding its posts */
  measure_box (c, s);
  if (s->posts->len > 0)
    {
      double tw, th, sw = 0, sh = 0;

      n->shape = DD_CHART_SHAPE_FRAME;
      n->bold = TRUE;
      g_clear_object (&n->layout);
      n->layout = dd_chart_text_layout (c->layout->context, s->role->name, NAME_SIZE + 1, TRUE, -1);
      dd_chart_text_size (n->layout, &tw, &th);
      if (n->sublayout)
        {
          dd_chart_text_size (n->sublayout, &sw, &sh);
          sh += 2.0;
        }
      s->head_h = th + sh;
      s->posts_w = row_width (s->posts, HGAP);
      s->posts_h = 0;
      for (guint i = 0; i < s->posts->len; i++)
        s->posts_h = MAX (s->posts_h, ((Sub *) g_ptr_array_index (s->posts, i))->h);
      n->width = MAX (MAX (tw, sw), s->posts_w) + 2 * FRAME_PAD + 8;
      n->height = FRAME_PAD + s->head_h + 14 + s->posts_h + FRAME_PAD;
    }

  if (s->children->len > 0)
    {
      choose_placement (c, s);
      if (s->place == PLACE_ROW)
        even_out (s->children);

      if (s->place == PLACE_GRID)
        {
          guint rows = (s->children->len + s->grid_cols - 1) / s->grid_cols;
          double fw = s->grid_cols * s->cell_w + (s->grid_cols - 1) * HGAP + 2 * FRAME_PAD;
          cl = cr = fw / 2;
          s->child_h = rows * s->cell_h + (rows - 1) * HGAP + 2 * FRAME_PAD;
        }
      else
        {
          double gap = s->place == PLACE_VROW ? VROW_GAP : HGAP;
          double x = 0, mid;
          guint last = s->children->len - 1;

          s->dx = g_new0 (double, s->children->len);
          s->child_h = 0;
          for (guint i = 0; i < s->children->len; i++)
            {
              Sub *cs = g_ptr_array_index (s->children, i);
              if (i > 0)
                {
                  Sub *prev = g_ptr_array_index (s->children, i - 1);
                  x += prev->r + gap + cs->l;
                }
              s->dx[i] = x;
              s->child_h = MAX (s->child_h, cs->h);
            }
          mid = s->dx[last] / 2;
          for (guint i = 0; i < s->children->len; i++)
            s->dx[i] -= mid;
          cl = -(s->dx[0] - ((Sub *) g_ptr_array_index (s->children, 0))->l);
          cr = s->dx[last] + ((Sub *) g_ptr_array_index (s->children, last))->r;
        }
    }

  s->asst_h = 0;
  for (guint i = 0; i < s->assistants->len; i++)
    {
      Sub *a = g_ptr_array_index (s->assistants, i);
      ar += (i > 0 ? HGAP : AGAP) + a->l + a->r;
      s->asst_h = MAX (s->asst_h, a->h);
    }

  s->l = MAX (n->width / 2, cl);
  s->r = MAX (n->width / 2, MAX (cr, ar));
  s->h = n->height;
  if (s->assistants->len > 0)
    s->h += VGAP + s->asst_h;
  if (s->children->len > 0)
    s->h += VGAP + s->child_h;
}

/* ------------------------------------------------------------------ */
/* Placing                                                             */

static void
add_edge (Ctx               *c,
          const DdChartNode *from,
          const DdChartNode *to,
          const double      *xy,
          guint              n_points)
{
  DdChartEdge *e = dd_chart_edge_new (from->id, to->id);

  e->arrow = FALSE;
  for (guint i = 0; i < n_points; i++)
    dd_chart_edge_add_point (e, xy[2 * i], xy[2 * i + 1]);
  g_ptr_array_add (c->layout->edges, e);
}

/* Everything drawn inside a frame names it as its container. */
static void
set_container (Sub        *s,
               const char *frame_id)
{
  g_free (s->node->container);
  s->node->container = g_strdup (frame_id);
  for (guint i = 0; i < s->children->len; i++)
    set_container (g_ptr_array_index (s->children, i), frame_id);
  for (guint i = 0; i < s->assistants->len; i++)
    set_container (g_ptr_array_index (s->assistants, i), frame_id);
}

static void
place_sub (Ctx    *c,
           Sub    *s,
           double  cx,
           double  top)
{
  DdChartNode *n = s->node;
  double bottom, y;

  n->x = cx - n->width / 2;
  n->y = top;
  bottom = top + n->height;

  if (s->posts->len > 0)
    {
      double x = cx - s->posts_w / 2;
      double py = top + FRAME_PAD + s->head_h + 14;

      for (guint i = 0; i < s->posts->len; i++)
        {
          Sub *p = g_ptr_array_index (s->posts, i);
          place_sub (c, p, x + p->l, py);
          x += p->l + p->r + HGAP;
        }
      for (guint i = 0; i < s->posts->len; i++)
        set_container (g_ptr_array_index (s->posts, i), n->id);
    }

  y = bottom;
  if (s->assistants->len > 0)
    {
      double ay = bottom + VGAP;
      double x = cx;

      for (guint i = 0; i < s->assistants->len; i++)
        {
          Sub *a = g_ptr_array_index (s->assistants, i);
          double acx = x + (i > 0 ? HGAP : AGAP) + a->l;
          double mid;

          place_sub (c, a, acx, ay);
          mid = a->node->y + MIN (a->node->height / 2, 24.0);
          {
            double xy[] = { cx, bottom, cx, mid, a->node->x, mid };
            add_edge (c, n, a->node, xy, 3);
          }
          x = acx + a->r;
        }
      y = ay + s->asst_h;
    }

  if (s->children->len == 0)
    return;

  y += VGAP;
  if (s->place == PLACE_GRID)
    {
      guint rows = (s->children->len + s->grid_cols - 1) / s->grid_cols;
      double fw = s->grid_cols * s->cell_w + (s->grid_cols - 1) * HGAP + 2 * FRAME_PAD;
      g_autofree char *fid = g_strconcat (n->id, "#grid", NULL);
      DdChartNode *frame = dd_chart_node_new (fid, DD_CHART_SHAPE_FRAME, NULL);

      frame->x = cx - fw / 2;
      frame->y = y;
      frame->width = fw;
      frame->height = s->child_h;
      g_ptr_array_add (c->layout->nodes, frame);
      for (guint i = 0; i < s->children->len; i++)
        {
          Sub *cs = g_ptr_array_index (s->children, i);
          guint row = i / s->grid_cols, col = i % s->grid_cols;
          guint in_row = (row == rows - 1) ? s->children->len - row * s->grid_cols : s->grid_cols;
          double row_w = in_row * s->cell_w + (in_row - 1) * HGAP;
          double x0 = cx - row_w / 2;

          place_sub (c, cs, x0 + col * (s->cell_w + HGAP) + s->cell_w / 2,
                     y + FRAME_PAD + row * (s->cell_h + HGAP));
          cs->node->container = g_strdup (fid);
        }
      {
        double xy[] = { cx, bottom, cx, y };
        add_edge (c, n, frame, xy, 2);
      }
      return;
    }

  for (guint i = 0; i < s->children->len; i++)
    {
      Sub *cs = g_ptr_array_index (s->children, i);
      double ccx = cx + s->dx[i];
      double bus = y - VGAP / 2;

      place_sub (c, cs, ccx, y);
      if (fabs (ccx - cx) < 0.01)
        {
          double xy[] = { cx, bottom, cx, y };
          add_edge (c, n, cs->node, xy, 2);
        }
      else
        {
          double xy[] = { cx, bottom, cx, bus, ccx, bus, ccx, y };
          add_edge (c, n, cs->node, xy, 4);
        }
    }
}

static guint
count_descendants (const Sub *s)
{
  guint n = 1;

  for (guint i = 0; i < s->posts->len; i++)
    n += count_descendants (g_ptr_array_index (s->posts, i));
  for (guint i = 0; i < s->assistants->len; i++)
    n += count_descendants (g_ptr_array_index (s->assistants, i));
  for (guint i = 0; i < s->children->len; i++)
    n += count_descendants (g_ptr_array_index (s->children, i));
  return n;
}

static gboolean
role_in_chart (DdPlan     *plan,
               const char *id)
{
  const DdRole *role = id ? dd_plan_lookup_role (plan, id) : NULL;

  return role != NULL && role->in_chart;
}

DdChartLayout *
dd_chart_org_layout (DdPlan *plan)
{
  DdChartLayout *layout = dd_chart_layout_alloc (DD_CHART_KIND_ORG);
  g_autoptr(GPtrArray) roots = g_ptr_array_new ();
  g_autoptr(GPtrArray) tops = g_ptr_array_new ();
  GPtrArray *roles = dd_plan_get_roles (plan);
  Ctx c = { plan, layout, g_ptr_array_new_with_free_func ((GDestroyNotify) sub_free), 0 };
  Sub *main_root = NULL;
  double title_w = 0, title_h = 0, top_w = 0, top_h = 0, content_w, cx, y;

  c.budget = DD_CHART_ORG_PAGE_WIDTH - 2 * MARGIN;

  layout->title = dd_chart_plan_title (plan, "org-chart");
  layout->title_layout = dd_chart_text_layout (layout->context, layout->title, TITLE_SIZE, TRUE, -1);
  dd_chart_text_size (layout->title_layout, &title_w, &title_h);

  for (guint i = 0; i < roles->len; i++)
    {
      const DdRole *role = g_ptr_array_index (roles, i);
      if (role->in_chart && !role_in_chart (plan, role->parent))
        g_ptr_array_add (roots, build_sub (&c, role, 0));
    }

  /* the biggest tree is the chart; other roots (superior bodies) on top */
  for (guint i = 0; i < roots->len; i++)
    {
      Sub *s = g_ptr_array_index (roots, i);
      if (main_root == NULL || count_descendants (s) > count_descendants (main_root))
        main_root = s;
    }
  for (guint i = 0; i < roots->len; i++)
    if (g_ptr_array_index (roots, i) != main_root)
      g_ptr_array_add (tops, g_ptr_array_index (roots, i));

  y = MARGIN + title_h + 20;
  if (main_root == NULL)
    {
      layout->width = title_w + 2 * MARGIN;
      layout->height = y + MARGIN;
      g_ptr_array_unref (c.subs);
      return layout;
    }

  measure_sub (&c, main_root);
  for (guint i = 0; i < tops->len; i++)
    {
      Sub *t = g_ptr_array_index (tops, i);
      measure_sub (&c, t);
      top_w += t->l + t->r + (i > 0 ? HGAP * 3 : 0);
      top_h = MAX (top_h, t->h);
    }

  content_w = MAX (main_root->l + main_root->r, top_w);
  content_w = MAX (content_w, title_w);
  cx = MARGIN + (content_w - (main_root->l + main_root->r)) / 2 + main_root->l;

  if (tops->len > 0)
    {
      double x = cx - top_w / 2;
      double join = y + top_h + VGAP / 2;

      for (guint i = 0; i < tops->len; i++)
        {
          Sub *t = g_ptr_array_index (tops, i);
          double tcx = x + t->l;

          place_sub (&c, t, tcx, y);
          {
            double xy[] = { tcx, y + t->node->height, tcx, join, cx, join, cx, y + top_h + VGAP };
            add_edge (&c, t->node, main_root->node, xy, 4);
          }
          x += t->l + t->r + HGAP * 3;
        }
      y += top_h + VGAP;
    }

  place_sub (&c, main_root, cx, y);

  layout->width = content_w + 2 * MARGIN;
  layout->height = y + main_root->h + MARGIN;

  g_ptr_array_unref (c.subs);
  return layout;
}
