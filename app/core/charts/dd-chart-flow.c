/* dd-chart-flow.c — appendix 8.2, the workflow chart, laid out from the plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small layered layout: one node per phase of the plan (in order), the
 * response-level decision as one diamond with an exit per level onto a bus
 * and a join bus below, a check "under control?" with a loop back along the
 * left margin, and annotations beside the spine (report deadlines from the
 * plan's deadline rules, warning levels with their colours).  Every word
 * drawn comes from the plan: phases, levels, roles, and the terminators and
 * the check with its exits (<workflow>).  Ranks come
 * from the longest path over the forward edges; edges are orthogonal.
 * Symbols after GB/T 1526-1989 (ISO 5807-1985).
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "dd-chart-flow.h"

#define MARGIN      28.0
#define TITLE_SIZE  16.0
#define NAME_SIZE   10.5
#define SUB_SIZE     8.5
#define LABEL_SIZE   8.5
#define SPINE_W    210.0
#define PAD_X       10.0
#define PAD_Y        6.0
#define RANK_GAP    24.0
#define BRANCH_GAP  34.0
#define SIDE_GAP    36.0
#define NOTE_WRAP  230.0
#define LEVEL_GAP   30.0

typedef struct
{
  char    *from;
  char    *to;
  char    *label;
  gboolean back;
} FlowEdge;

typedef struct
{
  DdChartNode *node;
  DdChartNode *anchor;        /* side node: placed right of this */
  guint        rank;
  gboolean     ranked;
} FlowNode;

typedef struct
{
  DdPlan        *plan;
  DdChartLayout *layout;
  GPtrArray     *fnodes;      /* FlowNode* */
  GPtrArray     *fedges;      /* FlowEdge* */
  GPtrArray     *members;     /* (DdChartNode*) nodes inside side frames */
} Flow;

static void
flow_edge_free (FlowEdge *e)
{
  g_free (e->from);
  g_free (e->to);
  g_free (e->label);
  g_free (e);
}

static FlowNode *
lookup (Flow       *f,
        const char *id)
{
  for (guint i = 0; i < f->fnodes->len; i++)
    {
      FlowNode *fn = g_ptr_array_index (f->fnodes, i);
      if (g_strcmp0 (fn->node->id, id) == 0)
        return fn;
    }
  return NULL;
}

static void
set_text (Flow        *f,
          DdChartNode *n,
          double       wrap)
{
  double tw, th, sw = 0, sh = 0;

  n->layout = dd_chart_text_layout (f->layout->context, n->text, NAME_SIZE, n->bold, wrap);
  dd_chart_text_size (n->layout, &tw, &th);
  if (n->subtext)
    {
      n->sublayout = dd_chart_text_layout (f->layout->context, n->subtext, SUB_SIZE, FALSE, wrap);
      dd_chart_text_size (n->sublayout, &sw, &sh);
      sh += 2.0;
    }
  n->width = MAX (tw, sw) + 2 * PAD_X;
  n->height = th + sh + 2 * PAD_Y;

  switch (n->shape)
    {
    case DD_CHART_SHAPE_TERMINATOR:
      n->width = MAX (n->width + n->height, 120.0);
      n->height = MAX (n->height, 30.0);
      break;
    case DD_CHART_SHAPE_DECISION:
      /* the text box inscribed in the diamond */
      n->width = MAX (2 * (MAX (tw, sw) + 8), 130.0);
      n->height = MAX (2 * (th + sh + 4), 58.0);
      break;
    case DD_CHART_SHAPE_DOCUMENT:
      n->height += 8.0;
      break;
    case DD_CHART_SHAPE_PREDEFINED:
      n->width += 12.0;
      break;
    default:
      break;
    }
}

static DdChartNode *
add_node (Flow         *f,
          const char   *id,
          DdChartShape  shape,
          const char   *text,
          const char   *subtext,
          const char   *phase_id,
          DdChartNode  *anchor)
{
  DdChartNode *n = dd_chart_node_new (id, shape, text);
  FlowNode *fn = g_new0 (FlowNode, 1);

  n->subtext = g_strdup (subtext);
  n->phase_id = g_strdup (phase_id);
  n->bold = shape != DD_CHART_SHAPE_NOTE;
  fn->node = n;
  fn->anchor = anchor;
  g_ptr_array_add (f->layout->nodes, n);
  g_ptr_array_add (f->fnodes, fn);
  return n;
}

static void
add_link (Flow       *f,
      const char *from,
      const char *to,
      const char *label,
      gboolean    back)
{
  FlowEdge *e = g_new0 (FlowEdge, 1);

  e->from = g_strdup (from);
  e->to = g_strdup (to);
  e->label = g_strdup (label);
  e->back = back;
  g_ptr_array_add (f->fedges, e);
}

static gboolean
phase_has_form (DdPlan       *plan,
                const DdPhase *phase,
                DdActionForm  form)
{
  GPtrArray *kinds = dd_plan_get_action_kinds (plan);

  for (guint i = 0; i < kinds->len; i++)
    {
      const DdActionKind *k = g_ptr_array_index (kinds, i);
      if (k->form == form && g_strcmp0 (k->phase, phase->id) == 0)
        return TRUE;
    }
  return FALSE;
}

/* "a/b/c" of the names of @ids (roles), each name once. */
static char *
join_role_names (DdPlan      *plan,
                 char       **ids)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; ids && ids[i]; i++)
    {
      const DdRole *role = dd_plan_lookup_role (plan, ids[i]);
      const char *name = role ? role->name : ids[i];
      gboolean seen = FALSE;

      for (guint j = 0; j < names->len; j++)
        seen = seen || g_strcmp0 (g_ptr_array_index (names, j), name) == 0;
      if (!seen)
        g_ptr_array_add (names, (gpointer) name);
    }
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("/", (char **) names->pdata);
}

static char *
join_severity_names (DdPlan  *plan,
                     char   **ids)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;

  for (guint i = 0; ids && ids[i]; i++)
    {
      const DdSeverity *s = dd_plan_lookup_severity (plan, ids[i]);
      g_strv_builder_add (b, s ? s->name : ids[i]);
    }
  names = g_strv_builder_end (b);
  return g_strjoinv ("/", names);
}

/* The deadline rules of @phase, each wording once, as an annotation. */
static char *
deadline_note (DdPlan        *plan,
               const DdPhase *phase)
{
  GPtrArray *rules = dd_plan_get_rules (plan);
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < rules->len; i++)
    {
      const DdRule *r = g_ptr_array_index (rules, i);
      gboolean dup = FALSE;

      if (r->kind != DD_RULE_KIND_DEADLINE || g_strcmp0 (r->phase, phase->id) != 0 || r->text == NULL)
        continue;
      for (guint j = 0; j < seen->len; j++)
        dup = dup || g_strcmp0 (g_ptr_array_index (seen, j), r->text) == 0;
      if (dup)
        continue;
      g_ptr_array_add (seen, r->text);
      if (s->len > 0)
        g_string_append_c (s, '\n');
      g_string_append_printf (s, "%s%s", r->clause ? r->clause : "", r->clause ? " " : "");
      g_string_append (s, r->text);
    }
  if (s->len == 0)
    {
      g_string_free (s, TRUE);
      return NULL;
    }
  return g_string_free (s, FALSE);
}

static void
add_warning_levels (Flow        *f,
                    DdChartNode *anchor)
{
  GPtrArray *levels = dd_plan_get_warning_levels (f->plan);
  DdChartNode *frame;
  double x = 8.0, h = 0;

  if (levels->len == 0)
    return;

  frame = add_node (f, "warning-levels", DD_CHART_SHAPE_FRAME, NULL, NULL, NULL, anchor);
  frame->bold = FALSE;
  for (guint i = 0; i < levels->len; i++)
    {
      const DdWarningLevel *w = g_ptr_array_index (levels, i);
      g_autofree char *id = g_strconcat ("warning-", w->id, NULL);
      DdChartNode *n = dd_chart_node_new (id, DD_CHART_SHAPE_BOX, w->name);
      PangoColor colour;

      n->subtext = g_strdup (w->colour_name);
      n->bold = TRUE;
      n->container = g_strdup (frame->id);
      if (w->colour_hex && pango_color_parse (&colour, w->colour_hex))
        {
          n->has_fill = TRUE;
          n->fill[0] = colour.red / 65535.0;
          n->fill[1] = colour.green / 65535.0;
          n->fill[2] = colour.blue / 65535.0;
        }
      set_text (f, n, -1);
      n->width = MAX (n->width, 46.0);
      /* relative to the frame for now */
      n->x = x;
      n->y = 8.0;
      x += n->width + 6.0;
      h = MAX (h, n->height);
      g_ptr_array_add (f->layout->nodes, n);
      g_ptr_array_add (f->members, n);
    }
  frame->width = x + 2.0;
  frame->height = h + 16.0;
}

static void
compute_ranks (Flow *f)
{
  gboolean changed = TRUE;
  guint guard = 0;

  for (guint i = 0; i < f->fnodes->len; i++)
    {
      FlowNode *fn = g_ptr_array_index (f->fnodes, i);
      fn->rank = 0;
      fn->ranked = fn->anchor == NULL;
    }
  /* longest path over the forward edges (the loop back is reversed, i.e.
   * left out); the graph is small, relax until stable */
  while (changed && guard++ < f->fnodes->len + 2)
    {
      changed = FALSE;
      for (guint i = 0; i < f->fedges->len; i++)
        {
          FlowEdge *e = g_ptr_array_index (f->fedges, i);
          FlowNode *u = lookup (f, e->from), *v = lookup (f, e->to);

          if (e->back || !u || !v)
            continue;
          if (v->rank < u->rank + 1)
            {
              v->rank = u->rank + 1;
              changed = TRUE;
            }
        }
    }
}

static guint
count_edges (Flow       *f,
             const char *id,
             gboolean    out)
{
  guint n = 0;

  for (guint i = 0; i < f->fedges->len; i++)
    {
      FlowEdge *e = g_ptr_array_index (f->fedges, i);
      if (!e->back && g_strcmp0 (out ? e->from : e->to, id) == 0)
        n++;
    }
  return n;
}

static void
set_label (Flow        *f,
           DdChartEdge *e,
           const char  *text,
           double       x,
           double       y,
           int          anchor)   /* -1: text ends at x; 0: centred; 1: starts at x */
{
  double tw, th;

  if (text == NULL)
    return;
  e->label = g_strdup (text);
  e->label_layout = dd_chart_text_layout (f->layout->context, text, LABEL_SIZE, FALSE, -1);
  dd_chart_text_size (e->label_layout, &tw, &th);
  e->label_at.x = anchor < 0 ? x - tw : anchor == 0 ? x - tw / 2 : x;
  e->label_at.y = y - th;
}

static void
route (Flow     *f,
       FlowEdge *fe,
       double    margin_x)
{
  DdChartNode *u = lookup (f, fe->from)->node;
  DdChartNode *v = lookup (f, fe->to)->node;
  DdChartEdge *e = dd_chart_edge_new (u->id, v->id);
  double ucx = u->x + u->width / 2, vcx = v->x + v->width / 2;
  double ucy = u->y + u->height / 2, vcy = v->y + v->height / 2;
  double ubottom = u->y + u->height;

  if (u->shape == DD_CHART_SHAPE_DOCUMENT)
    ubottom -= MIN (u->height * 0.12, 6.0);

  if (fe->back)
    {
      e->back = TRUE;
      dd_chart_edge_add_point (e, u->x, ucy);
      dd_chart_edge_add_point (e, margin_x, ucy);
      dd_chart_edge_add_point (e, margin_x, vcy);
      dd_chart_edge_add_point (e, v->x, vcy);
      set_label (f, e, fe->label, u->x - 4, ucy - 1, -1);
    }
  else if (u->shape == DD_CHART_SHAPE_DECISION && fabs (vcx - ucx) > 0.5)
    {
      /* side vertex, along the bus, down into the box */
      double vx = vcx < ucx ? u->x : u->x + u->width;

      dd_chart_edge_add_point (e, vx, ucy);
      dd_chart_edge_add_point (e, vcx, ucy);
      dd_chart_edge_add_point (e, vcx, v->y);
      set_label (f, e, fe->label, vcx < ucx ? vx - 4 : vx + 4, ucy - 1, vcx < ucx ? -1 : 1);
    }
  else if (count_edges (f, u->id, TRUE) > 1 || count_edges (f, v->id, FALSE) > 1 ||
           fabs (vcx - ucx) > 0.5)
    {
      /* branch or join bus halfway between the ranks */
      double bus = v->y - (v->y - ubottom) / 2;

      if (count_edges (f, v->id, FALSE) > 1)
        bus = v->y - RANK_GAP / 2;
      dd_chart_edge_add_point (e, ucx, ubottom);
      dd_chart_edge_add_point (e, ucx, bus);
      dd_chart_edge_add_point (e, vcx, bus);
      dd_chart_edge_add_point (e, vcx, v->y);
      set_label (f, e, fe->label, ucx + 4, ubottom + 12, 1);
    }
  else
    {
      dd_chart_edge_add_point (e, ucx, ubottom);
      dd_chart_edge_add_point (e, vcx, v->y);
      set_label (f, e, fe->label, ucx + 4, ubottom + 13, 1);
    }
  g_ptr_array_add (f->layout->edges, e);
}

DdChartLayout *
dd_chart_flow_layout (DdPlan *plan)
{
  DdChartLayout *layout = dd_chart_layout_alloc (DD_CHART_KIND_FLOW);
  Flow f = { plan, layout,
             g_ptr_array_new_with_free_func (g_free),
             g_ptr_array_new_with_free_func ((GDestroyNotify) flow_edge_free),
             g_ptr_array_new () };
  GPtrArray *phases = dd_plan_get_phases (plan);
  const DdWorkflowLabels *words = dd_plan_get_workflow_labels (plan);
  const DdPhase *decision_phase = NULL, *closing_phase = NULL;
  g_autofree char *prev = NULL;
  g_autofree char *loop_target = NULL;
  const char *check_id = "under-control";
  double title_w, title_h, y, min_x = 0, max_x = 0, margin_x;
  guint max_rank = 0;

  layout->title = dd_chart_plan_title (plan, "flow-chart");
  layout->title_layout = dd_chart_text_layout (layout->context, layout->title, TITLE_SIZE, TRUE, -1);
  dd_chart_text_size (layout->title_layout, &title_w, &title_h);

  /* the phase with the level decision, and the later one that ends the
   * response (both carry response-level actions) */
  for (guint i = 0; i < phases->len; i++)
    {
      const DdPhase *p = g_ptr_array_index (phases, i);
      if (!phase_has_form (plan, p, DD_ACTION_FORM_RESPONSE_LEVEL))
        continue;
      if (decision_phase == NULL)
        decision_phase = p;
      else if (closing_phase == NULL)
        closing_phase = p;
    }
  if (closing_phase == NULL && phases->len > 1)
    closing_phase = g_ptr_array_index (phases, phases->len - 1);

  /* nodes and edges */
  set_text (&f, add_node (&f, "start", DD_CHART_SHAPE_TERMINATOR, words->start, NULL, NULL, NULL),
            -1);
  prev = g_strdup ("start");

  for (guint i = 0; i < phases->len; i++)
    {
      const DdPhase *p = g_ptr_array_index (phases, i);
      DdChartNode *n;

      if (p == closing_phase && loop_target != NULL)
        {
          DdChartNode *d = add_node (&f, check_id, DD_CHART_SHAPE_DECISION, words->decision,
                                     NULL, NULL, NULL);
          set_text (&f, d, -1);
          add_link (&f, prev, check_id, NULL, FALSE);
          add_link (&f, check_id, loop_target, words->no, TRUE);
          g_free (prev);
          prev = g_strdup (check_id);
        }

      if (p == decision_phase)
        {
          GPtrArray *levels = dd_plan_get_response_levels (plan);
          g_autofree char *join = NULL;

          n = add_node (&f, p->id, DD_CHART_SHAPE_DECISION, p->name, NULL, p->id, NULL);
          set_text (&f, n, -1);
          add_link (&f, prev, p->id, NULL, FALSE);
          g_free (prev);
          prev = g_strdup (p->id);

          if (levels->len == 0)
            continue;

          /* one exit per level; the next phase joins them */
          join = g_strdup (p->id);
          for (guint j = 0; j < levels->len; j++)
            {
              const DdResponseLevel *lv = g_ptr_array_index (levels, j);
              g_autofree char *id = g_strconcat ("response-", lv->id, NULL);
              g_autofree char *sev = join_severity_names (plan, lv->severities);
              g_autofree char *who = join_role_names (plan, lv->deciders);
              /* no phase: the overlay cannot tell which level was taken */
              DdChartNode *b = add_node (&f, id, DD_CHART_SHAPE_PREDEFINED, lv->name,
                                         *sev ? sev : NULL, NULL, NULL);
              set_text (&f, b, -1);
              add_link (&f, p->id, id, *who ? who : NULL, FALSE);
            }
          g_free (prev);
          prev = NULL;
          continue;
        }

      n = add_node (&f, p->id,
                    phase_has_form (plan, p, DD_ACTION_FORM_REPORT) ? DD_CHART_SHAPE_DOCUMENT
                                                                    : DD_CHART_SHAPE_BOX,
                    p->name, p->description, p->id, NULL);
      set_text (&f, n, SPINE_W - 2 * PAD_X);
      n->width = MAX (n->width, SPINE_W);

      if (prev != NULL)
        add_link (&f, prev, p->id, NULL, FALSE);
      else
        {
          /* join of the level branches */
          GPtrArray *levels = dd_plan_get_response_levels (plan);
          for (guint j = 0; j < levels->len; j++)
            {
              const DdResponseLevel *lv = g_ptr_array_index (levels, j);
              g_autofree char *id = g_strconcat ("response-", lv->id, NULL);
              add_link (&f, id, p->id, NULL, FALSE);
            }
          if (loop_target == NULL)
            loop_target = g_strdup (p->id);
        }
      g_free (prev);
      prev = g_strdup (p->id);

      /* annotations beside the spine */
      {
        g_autofree char *note = deadline_note (plan, p);
        if (note)
          {
            g_autofree char *id = g_strconcat (p->id, "-deadlines", NULL);
            DdChartNode *a = add_node (&f, id, DD_CHART_SHAPE_NOTE, note, NULL, NULL, n);
            a->bold = FALSE;
            a->layout = dd_chart_text_layout (layout->context, note, SUB_SIZE, FALSE, NOTE_WRAP);
            pango_layout_set_alignment (a->layout, PANGO_ALIGN_LEFT);
            dd_chart_text_size (a->layout, &a->width, &a->height);
            a->width = NOTE_WRAP + 2 * PAD_X;
            a->height += 2 * PAD_Y;
          }
      }
      if (phase_has_form (plan, p, DD_ACTION_FORM_WARNING))
        add_warning_levels (&f, n);
    }

  {
    DdChartNode *end = add_node (&f, "end", DD_CHART_SHAPE_TERMINATOR, words->end, NULL, NULL, NULL);
    set_text (&f, end, -1);
    if (prev)
      add_link (&f, prev, "end", NULL, FALSE);
  }
  /* the check's exit forward is "yes" */
  for (guint i = 0; i < f.fedges->len; i++)
    {
      FlowEdge *e = g_ptr_array_index (f.fedges, i);
      if (g_strcmp0 (e->from, check_id) == 0 && !e->back)
        e->label = g_strdup (words->yes);
    }

  /* ranks and coordinates (spine at x = 0, shifted at the end) */
  compute_ranks (&f);
  for (guint i = 0; i < f.fnodes->len; i++)
    max_rank = MAX (max_rank, ((FlowNode *) g_ptr_array_index (f.fnodes, i))->rank);

  y = MARGIN + title_h + 22;
  for (guint r = 0; r <= max_rank; r++)
    {
      double row_h = 0, row_w = 0, x;
      guint count = 0;
      gboolean branch = FALSE;

      for (guint i = 0; i < f.fnodes->len; i++)
        {
          FlowNode *fn = g_ptr_array_index (f.fnodes, i);
          if (!fn->ranked || fn->rank != r)
            continue;
          row_h = MAX (row_h, fn->node->height);
          row_w += fn->node->width + (count > 0 ? LEVEL_GAP : 0);
          count++;
          if (count_edges (&f, fn->node->id, FALSE) == 1)
            {
              for (guint k = 0; k < f.fedges->len; k++)
                {
                  FlowEdge *e = g_ptr_array_index (f.fedges, k);
                  if (!e->back && g_strcmp0 (e->to, fn->node->id) == 0 &&
                      count_edges (&f, e->from, TRUE) > 1)
                    branch = TRUE;
                }
            }
        }
      /* side annotations of this rank */
      for (guint i = 0; i < f.fnodes->len; i++)
        {
          FlowNode *fn = g_ptr_array_index (f.fnodes, i);
          FlowNode *a = fn->anchor ? lookup (&f, fn->anchor->id) : NULL;
          if (a && a->rank == r)
            row_h = MAX (row_h, fn->node->height);
        }
      if (count == 0)
        continue;
      if (branch)
        y += BRANCH_GAP - RANK_GAP;

      x = -row_w / 2;
      {
        DdChartNode *middle = NULL;
        guint k = 0;

        for (guint i = 0; i < f.fnodes->len; i++)
          {
            FlowNode *fn = g_ptr_array_index (f.fnodes, i);
            if (!fn->ranked || fn->rank != r)
              continue;
            fn->node->x = x;
            fn->node->y = y + (row_h - fn->node->height) / 2;
            x += fn->node->width + LEVEL_GAP;
            if (count % 2 == 1 && k++ == count / 2)
              middle = fn->node;
          }
        /* an odd row keeps its middle node on the spine */
        if (middle != NULL)
          {
            double shift = -(middle->x + middle->width / 2);
            for (guint i = 0; i < f.fnodes->len; i++)
              {
                FlowNode *fn = g_ptr_array_index (f.fnodes, i);
                if (fn->ranked && fn->rank == r)
                  fn->node->x += shift;
              }
          }
      }
      y += row_h + RANK_GAP;
    }

  /* annotations to the right of their anchors */
  for (guint i = 0; i < f.fnodes->len; i++)
    {
      FlowNode *fn = g_ptr_array_index (f.fnodes, i);
      DdChartNode *n = fn->node, *a = fn->anchor;
      DdChartEdge *e;

      if (a == NULL)
        continue;
      n->x = a->x + a->width + SIDE_GAP;
      n->y = a->y + a->height / 2 - n->height / 2;
      e = dd_chart_edge_new (a->id, n->id);
      e->arrow = FALSE;
      e->dashed = TRUE;
      dd_chart_edge_add_point (e, a->x + a->width, a->y + a->height / 2);
      dd_chart_edge_add_point (e, n->x, a->y + a->height / 2);
      g_ptr_array_add (layout->edges, e);
    }
  for (guint i = 0; i < f.members->len; i++)
    {
      DdChartNode *m = g_ptr_array_index (f.members, i);
      const DdChartNode *frame = NULL;

      for (guint j = 0; j < layout->nodes->len && frame == NULL; j++)
        {
          const DdChartNode *n = g_ptr_array_index (layout->nodes, j);
          if (g_strcmp0 (n->id, m->container) == 0)
            frame = n;
        }
      if (frame)
        {
          m->x += frame->x;
          m->y += frame->y;
        }
    }

  for (guint i = 0; i < layout->nodes->len; i++)
    {
      const DdChartNode *n = g_ptr_array_index (layout->nodes, i);
      min_x = MIN (min_x, n->x);
      max_x = MAX (max_x, n->x + n->width);
    }
  margin_x = min_x - 22;
  min_x = margin_x - 4;

  for (guint i = 0; i < f.fedges->len; i++)
    route (&f, g_ptr_array_index (f.fedges, i), margin_x);

  /* shift everything so the drawing starts at the margin, title centred */
  {
    double content_w = MAX (max_x - min_x, title_w);
    double dx = MARGIN - min_x + (content_w - (max_x - min_x)) / 2;

    for (guint i = 0; i < layout->nodes->len; i++)
      ((DdChartNode *) g_ptr_array_index (layout->nodes, i))->x += dx;
    for (guint i = 0; i < layout->edges->len; i++)
      {
        DdChartEdge *e = g_ptr_array_index (layout->edges, i);
        for (guint k = 0; k < e->points->len; k++)
          g_array_index (e->points, DdChartPoint, k).x += dx;
        e->label_at.x += dx;
      }
    layout->width = content_w + 2 * MARGIN;
    layout->height = y - RANK_GAP + MARGIN;
  }

  g_ptr_array_unref (f.fnodes);
  g_ptr_array_unref (f.fedges);
  g_ptr_array_unref (f.members);
  return layout;
}
