/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-package-sheets.c — the exercise package's inject cards, evaluator
 * guide, participant feedback form and sign-in sheet (dd-package.h)
 *
 * Copyright 2024 The DrillDesk authors
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "dd-package-private.h"
#include "dd-report-private.h"

/* A dashed line across the column with scissors: where to cut. */
static void
draw_cut_line (cairo_t *cr,
               double   width,
               double   height,
               gpointer user_data)
{
  const double dash[] = { 4.0, 3.0 };

  cairo_set_source_rgb (cr, 0.45, 0.45, 0.45);
  cairo_set_line_width (cr, 0.6);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_move_to (cr, 0, height / 2);
  cairo_line_to (cr, width, height / 2);
  cairo_stroke (cr);
}

static const char *
action_name (DdPackage  *pkg,
             const char *id)
{
  const DdActionKind *k = dd_plan_lookup_action_kind (pkg->plan, id);

  return k != NULL ? k->name : id;
}

static int
inject_time_cmp (gconstpointer a,
                 gconstpointer b)
{
  const DdInject *ia = *(const DdInject *const *) a, *ib = *(const DdInject *const *) b;

  if (ia->at != ib->at)
    return ia->at < ib->at ? -1 : 1;
  return (int) ia->index - (int) ib->index;
}

static GPtrArray *
injects_in_time_order (DdPackage *pkg)
{
  GPtrArray *injects = dd_scenario_get_injects (pkg->scenario);
  GPtrArray *order = g_ptr_array_new ();

  for (guint i = 0; i < injects->len; i++)
    g_ptr_array_add (order, g_ptr_array_index (injects, i));
  g_ptr_array_sort (order, inject_time_cmp);
  return order;
}

/* ------------------------------------------------------------------ */
/* Inject cards (controllers)                                          */

/* The contingency of @inject's expected actions: the injects held back
 * when one of them is taken ("absent" conditions), to give when it is not. */
static char *
contingency (DdPackage      *pkg,
             GPtrArray      *order,
             const DdInject *inject)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < order->len; i++)
    {
      const DdInject *other = g_ptr_array_index (order, i);

      if (other == inject || other->at <= inject->at)
        continue;
      for (guint c = 0; c < other->conditions->len; c++)
        {
          const DdInjectCondition *cond = g_ptr_array_index (other->conditions, c);
          gboolean expected = FALSE;

          if (cond->type != DD_CONDITION_ABSENT)
            continue;
          for (guint e = 0; e < inject->expects->len && !expected; e++)
            expected = g_strcmp0 (((const DdInjectExpect *) g_ptr_array_index (inject->expects, e))->action,
                                  cond->action) == 0;
          if (expected)
            {
              g_autofree char *when = dd_package_time (pkg, other->at);

              if (s->len > 0)
                g_string_append_c (s, '\n');
              g_string_append_printf (s, _("If “%s” has not been taken by %s: give inject %u, “%s”."),
                                      action_name (pkg, cond->action), when, i + 1,
                                      other->title != NULL ? other->title : other->id);
            }
        }
    }
  if (s->len == 0)
    g_string_append (s, _("None in the MSEL. If the response does not come, do not prompt: note the time for "
                          "the evaluators."));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

void
dd_package_build_cards (DdPackage *pkg,
                        DdDoc     *doc)
{
  g_autoptr(GPtrArray) order = injects_in_time_order (pkg);
  double widths[] = { 1.0, 3.0 };

  dd_doc_paragraph (doc, DD_DOC_STYLE_BODY,
                    _("One card per inject, in the order of the master scenario events list. Cut along the dashed "
                      "lines; hand each card to the controller who plays its sender, and deliver it at its time "
                      "through its channel. Keep the cards away from the players."));
  for (guint i = 0; i < order->len; i++)
    {
      const DdInject *inject = g_ptr_array_index (order, i);
      g_autofree char *head = g_strdup_printf (_("Inject %u of %u"), i + 1, order->len);
      g_autofree char *when = dd_package_time (pkg, inject->at);
      g_autofree char *to = dd_package_recipients (pkg, inject);
      g_autofree char *route = g_strdup_printf (_("%s → %s"), dd_package_sender (pkg, inject), to);
      g_autofree char *more = contingency (pkg, order, inject);
      g_autoptr(GString) delivered = g_string_new (NULL);
      g_autoptr(GString) expected = g_string_new (NULL);
      g_autofree char *head_m = NULL;
      DdDocTable *t;

      for (guint c = 0; c < inject->conditions->len; c++)
        {
          g_autofree char *sentence = dd_inject_condition_describe (pkg->plan, inject,
                                                                    g_ptr_array_index (inject->conditions, c));

          g_string_append_printf (delivered, "%s%s", delivered->len ? "\n" : "", sentence);
        }
      if (delivered->len == 0)
        g_string_append (delivered, _("At its time, whatever the room has done"));
      for (guint e = 0; e < inject->expects->len; e++)
        {
          const DdInjectExpect *x = g_ptr_array_index (inject->expects, e);
          g_autofree char *within = dd_offset_format (x->within);
          g_autofree char *line = g_strdup_printf (_("%s: %s within %s (clause %s)"),
                                                   dd_package_role_name (pkg, x->role),
                                                   action_name (pkg, x->action), within, x->clause);

          g_string_append_printf (expected, "%s%s%s%s", expected->len ? "\n" : "", line,
                                  x->text != NULL ? " — " : "", x->text != NULL ? x->text : "");
        }
      if (expected->len == 0)
        g_string_append (expected, _("Nothing in particular: information for the room"));

      dd_doc_keep_begin (doc);
      t = dd_doc_table (doc, 2, widths);
      dd_doc_table_row (t);
      head_m = g_markup_printf_escaped ("<b>%s</b>  ·  %s  ·  %s  ·  %s", head, inject->id, when,
                                        dd_channel_label (inject->channel));
      dd_doc_table_cell_full (t, head_m, 2, DD_DOC_STYLE_CELL_HEAD, DD_DOC_ALIGN_LEFT, DD_PACKAGE_FILL_HEAD);
      dd_doc_table_end_header (t);
      dd_doc_table_row (t);
      dd_package_cell (t, _("From → to"), 1, TRUE);
      dd_package_cell (t, route, 1, FALSE);
      if (inject->title != NULL)
        {
          dd_doc_table_row (t);
          dd_package_cell (t, _("Headline"), 1, TRUE);
          dd_package_cell (t, inject->title, 1, FALSE);
        }
      dd_doc_table_row_min (t, 60.0);
      dd_package_cell (t, _("Text to deliver"), 1, TRUE);
      dd_package_cell (t, inject->content, 1, FALSE);
      for (guint a = 0; a < inject->attachments->len; a++)
        {
          const DdAttachment *att = g_ptr_array_index (inject->attachments, a);

          dd_doc_table_row (t);
          dd_package_cell (t, _("Attachment"), 1, TRUE);
          dd_package_cell (t, att->label != NULL ? att->label : att->file, 1, FALSE);
        }
      dd_doc_table_row (t);
      dd_package_cell (t, _("Delivered"), 1, TRUE);
      dd_package_cell (t, delivered->str, 1, FALSE);
      dd_doc_table_row (t);
      dd_package_cell (t, _("Expected response"), 1, TRUE);
      dd_package_cell (t, expected->str, 1, FALSE);
      dd_doc_table_row (t);
      dd_package_cell (t, _("If it does not come"), 1, TRUE);
      dd_package_cell (t, more, 1, FALSE);
      dd_doc_table_row_min (t, 22.0);
      dd_package_cell (t, _("Delivered at / by"), 1, TRUE);
      dd_package_cell (t, "", 1, FALSE);
      dd_doc_figure (doc, 0, 18.0, draw_cut_line, NULL, NULL);
      dd_doc_keep_end (doc);
    }
}

/* ------------------------------------------------------------------ */
/* Evaluator guide                                                     */

static gboolean
objective_covers (const DdObjective *o,
                  const char        *clause)
{
  for (guint k = 0; o->clauses != NULL && o->clauses[k] != NULL; k++)
    if (dd_clause_covers (o->clauses[k], clause))
      return TRUE;
  return FALSE;
}

static void
rating_definitions (DdPackage *pkg,
                    DdDoc     *doc)
{
  GPtrArray *ratings = dd_plan_get_scoring (pkg->plan)->ratings;
  double widths[] = { 0.4, 1.3, 3.3 };
  DdDocTable *t = dd_doc_table (doc, 3, widths);

  dd_doc_table_row (t);
  dd_package_cell (t, _("Mark"), 1, TRUE);
  dd_package_cell (t, _("Rating"), 1, TRUE);
  dd_package_cell (t, _("Meaning"), 1, TRUE);
  dd_doc_table_end_header (t);
  for (guint i = 0; i < ratings->len; i++)
    {
      const DdRating *r = g_ptr_array_index (ratings, i);

      dd_doc_table_row (t);
      dd_package_cell (t, r->letter != NULL ? r->letter : "", 1, FALSE);
      dd_package_cell (t, r->name, 1, FALSE);
      dd_package_cell (t, r->definition != NULL ? r->definition : "", 1, FALSE);
    }
}

void
dd_package_build_guide (DdPackage *pkg,
                        DdDoc     *doc)
{
  GPtrArray *objectives = dd_scenario_get_objectives (pkg->scenario);
  GPtrArray *ratings = dd_plan_get_scoring (pkg->plan)->ratings;
  g_autoptr(GPtrArray) order = injects_in_time_order (pkg);

  dd_doc_paragraph (doc, DD_DOC_STYLE_BODY,
                    _("One sheet per objective. The critical tasks are what the plan asks for, in this "
                      "scenario: watch for them, write down what you see and when, then rate the objective. "
                      "Rate what the room did, not the people in it."));
  dd_doc_paragraph (doc, DD_DOC_STYLE_H2, _("Ratings"));
  rating_definitions (pkg, doc);

  for (guint i = 0; i < objectives->len; i++)
    {
      const DdObjective *o = g_ptr_array_index (objectives, i);
      g_autofree char *heading = g_strdup_printf (_("Objective %u"), i + 1);
      g_autofree char *cl = g_strjoinv (" ", o->clauses);
      g_autofree char *text = g_strdup_printf (_("%s (clauses %s)"), o->text, cl);
      g_autofree char *m = dd_report_esc (text);
      g_autoptr(GString) boxes = g_string_new (NULL);
      double task_widths[] = { 1.4, 2.2, 1.2, 0.8 };
      double note_widths[] = { 0.8, 4.2 };
      DdDocTable *t;
      guint n_tasks = 0;

      dd_doc_page_break (doc, FALSE);
      dd_doc_heading (doc, 1, heading);
      dd_doc_paragraph (doc, DD_DOC_STYLE_BODY, m);

      dd_doc_paragraph (doc, DD_DOC_STYLE_H2, _("Critical tasks"));
      t = dd_doc_table (doc, 4, task_widths);
      dd_doc_table_row (t);
      dd_package_cell (t, _("Who"), 1, TRUE);
      dd_package_cell (t, _("What"), 1, TRUE);
      dd_package_cell (t, _("By when"), 1, TRUE);
      dd_package_cell (t, _("Clause"), 1, TRUE);
      dd_doc_table_end_header (t);
      for (guint k = 0; k < order->len; k++)
        {
          const DdInject *inject = g_ptr_array_index (order, k);

          for (guint e = 0; e < inject->expects->len; e++)
            {
              const DdInjectExpect *x = g_ptr_array_index (inject->expects, e);
              g_autofree char *by = NULL, *what = NULL;

              if (!objective_covers (o, x->clause))
                continue;
              by = dd_package_time (pkg, inject->at + x->within);
              what = g_strdup_printf ("%s%s%s", action_name (pkg, x->action), x->text != NULL ? ": " : "",
                                      x->text != NULL ? x->text : "");
              if (inject->conditions->len > 0)
                {
                  g_autofree char *b = g_strdup_printf (_("%s, if inject %u comes"), by, k + 1);

                  g_free (by);
                  by = g_steal_pointer (&b);
                }
              dd_doc_table_row (t);
              dd_package_cell (t, dd_package_role_name (pkg, x->role), 1, FALSE);
              dd_package_cell (t, what, 1, FALSE);
              dd_package_cell (t, by, 1, FALSE);
              dd_package_cell (t, x->clause, 1, FALSE);
              n_tasks++;
            }
        }
      if (n_tasks == 0)
        {
          dd_doc_table_row (t);
          dd_package_cell (t, _("No inject of this scenario calls for a task under these clauses: observe "
                                "what the plan’s clauses ask for."), 4, FALSE);
        }

      dd_doc_paragraph (doc, DD_DOC_STYLE_H2, _("Observations"));
      t = dd_doc_table (doc, 2, note_widths);
      dd_doc_table_row (t);
      dd_package_cell (t, _("Time"), 1, TRUE);
      dd_package_cell (t, _("What you saw (who, what, against which task)"), 1, TRUE);
      dd_doc_table_end_header (t);
      for (guint r = 0; r < 6; r++)
        {
          dd_doc_table_row_min (t, 26.0);
          dd_package_cell (t, "", 1, FALSE);
          dd_package_cell (t, "", 1, FALSE);
        }

      for (guint r = 0; r < ratings->len; r++)
        {
          const DdRating *rating = g_ptr_array_index (ratings, r);
          g_autofree char *label = g_strdup_printf ("%s %s", rating->letter != NULL ? rating->letter : "",
                                                    rating->name);
          g_autofree char *nb = dd_report_nobreak (label);

          g_string_append_printf (boxes, "%s\xe2\x96\xa1\xe2\x81\xa0%s", r > 0 ? "    " : "", nb); /* U+25A1 */
        }
      {
        g_autofree char *label = dd_report_esc (_("Rating:"));
        g_autofree char *line = g_strdup_printf ("<b>%s</b>  %s", label, boxes->str);

        dd_doc_space (doc, 6.0);
        dd_doc_paragraph (doc, DD_DOC_STYLE_PLAIN, line);
      }
      dd_package_blank_line (doc, _("Reason for the rating: "));
      dd_package_blank_line (doc, "");
      dd_package_blank_line (doc, _("Evaluator: "));
    }
}

/* ------------------------------------------------------------------ */
/* Participant feedback form                                           */

void
dd_package_build_feedback (DdPackage *pkg,
                           DdDoc     *doc)
{
  const char *statements[] = {
    _("The objectives of the exercise were clear to me."),
    _("The scenario was realistic for my unit."),
    _("I know what the plan asks of my unit in an incident like this."),
    _("I knew whom to report to, what, and by when."),
    _("Information and decisions reached me in time during the exercise."),
    _("The exercise was well prepared and well run."),
  };
  const char *questions[] = {
    _("What went well?"),
    _("What should be improved, and who should act on it?"),
    _("What in the plan is unclear, or does not work in practice?"),
    _("Other comments"),
  };
  double head_widths[] = { 1.0, 1.5, 1.0, 1.5 };
  double widths[] = { 3.5, 0.3, 0.3, 0.3, 0.3, 0.3 };
  DdDocTable *t;

  dd_doc_paragraph (doc, DD_DOC_STYLE_BODY,
                    _("Please fill this in before you leave. It is about the exercise, not about you; your "
                      "name is optional."));
  t = dd_doc_table (doc, 4, head_widths);
  dd_doc_table_end_header (t);
  dd_doc_table_row_min (t, 24.0);
  dd_package_cell (t, _("Unit"), 1, TRUE);
  dd_package_cell (t, "", 1, FALSE);
  dd_package_cell (t, _("Role in the exercise"), 1, TRUE);
  dd_package_cell (t, "", 1, FALSE);
  dd_doc_table_row_min (t, 24.0);
  dd_package_cell (t, _("Name (optional)"), 1, TRUE);
  dd_package_cell (t, "", 1, FALSE);
  dd_package_cell (t, _("Date"), 1, TRUE);
  dd_package_cell (t, "", 1, FALSE);

  dd_doc_paragraph (doc, DD_DOC_STYLE_H2, _("How far do you agree? (1 not at all … 5 fully)"));
  t = dd_doc_table (doc, 6, widths);
  dd_doc_table_row (t);
  dd_package_cell (t, _("Statement"), 1, TRUE);
  for (guint k = 1; k <= 5; k++)
    {
      g_autofree char *n = g_strdup_printf ("%u", k);

      dd_doc_table_cell_full (t, n, 1, DD_DOC_STYLE_CELL_HEAD, DD_DOC_ALIGN_CENTER, DD_PACKAGE_FILL_LABEL);
    }
  dd_doc_table_end_header (t);
  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      g_autofree char *text = g_strdup_printf ("%u. %s", i + 1, statements[i]);

      dd_doc_table_row_min (t, 22.0);
      dd_package_cell (t, text, 1, FALSE);
      for (guint k = 0; k < 5; k++)
        dd_doc_table_cell_full (t, "\xe2\x96\xa1", 1, DD_DOC_STYLE_CELL, DD_DOC_ALIGN_CENTER, DD_PACKAGE_FILL_NONE);
    }

  for (guint i = 0; i < G_N_ELEMENTS (questions); i++)
    {
      double one[] = { 1.0 };

      dd_doc_keep_begin (doc);
      dd_doc_paragraph (doc, DD_DOC_STYLE_H2, questions[i]);
      t = dd_doc_table (doc, 1, one);
      dd_doc_table_end_header (t);
      dd_doc_table_row_min (t, 70.0);
      dd_package_cell (t, "", 1, FALSE);
      dd_doc_keep_end (doc);
    }
}

/* ------------------------------------------------------------------ */
/* Sign-in sheet                                                       */

void
dd_package_build_sign_in (DdPackage *pkg,
                          DdDoc     *doc)
{
  GPtrArray *participants = dd_scenario_get_participants (pkg->scenario);
  double widths[] = { 0.6, 1.2, 2.0, 1.7, 1.2, 1.3 };
  guint rows = MAX (participants->len + 8, 24u);
  DdDocTable *t;

  dd_package_blank_line (doc, _("Date and place: "));
  dd_doc_space (doc, 6.0);
  t = dd_doc_table (doc, 6, widths);
  dd_doc_table_row (t);
  dd_package_cell (t, _("No."), 1, TRUE);
  dd_package_cell (t, _("Name"), 1, TRUE);
  dd_package_cell (t, _("Unit"), 1, TRUE);
  dd_package_cell (t, _("Role in the exercise"), 1, TRUE);
  dd_package_cell (t, _("Phone"), 1, TRUE);
  dd_package_cell (t, _("Signature"), 1, TRUE);
  dd_doc_table_end_header (t);
  for (guint i = 0; i < rows; i++)
    {
      const DdParticipant *p = i < participants->len ? g_ptr_array_index (participants, i) : NULL;
      g_autofree char *n = g_strdup_printf ("%u", i + 1);

      dd_doc_table_row_min (t, 24.0);
      dd_package_cell (t, n, 1, FALSE);
      dd_package_cell (t, "", 1, FALSE);
      dd_package_cell (t, "", 1, FALSE);
      dd_package_cell (t, p != NULL ? dd_package_role_name (pkg, p->role) : "", 1, FALSE);
      dd_package_cell (t, "", 1, FALSE);
      dd_package_cell (t, "", 1, FALSE);
    }
}
