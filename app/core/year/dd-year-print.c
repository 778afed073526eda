/* dd-year-print.c — the drill programme and the year-end summary as PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dd-report-doc.h"
#include "dd-year-chart.h"
#include "dd-year-duty.h"
#include "dd-year-print.h"

#define HEAD_FILL 0xe8ecf2
#define NO_FILL   0xffffff

static char *
page_label_cb (guint    page,
               guint    n_pages,
               gpointer user_data)
{
  return g_strdup_printf (_("Page %u of %u"), page, n_pages);
}

static DdDoc *
new_doc (const char *header)
{
  DdDoc *doc = dd_doc_new ();

  dd_doc_set_header_text (doc, header);
  dd_doc_set_page_label_func (doc, page_label_cb, NULL);
  return doc;
}

/* A paragraph of plain @text in @style. */
static void
para (DdDoc      *doc,
      DdDocStyle  style,
      const char *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  dd_doc_paragraph (doc, style, markup);
}

static void
centred (DdDoc      *doc,
         DdDocStyle  style,
         const char *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  dd_doc_paragraph_aligned (doc, style, DD_DOC_ALIGN_CENTER, markup);
}

static void
cell (DdDocTable *t,
      const char *text)
{
  g_autofree char *markup = g_markup_escape_text (text != NULL ? text : "", -1);

  dd_doc_table_cell (t, markup);
}

static void
head_cell (DdDocTable *t,
           const char *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  dd_doc_table_cell_full (t, markup, 1, DD_DOC_STYLE_CELL_HEAD, DD_DOC_ALIGN_CENTER, HEAD_FILL);
}

/* A table whose first row is @heads (NULL-terminated), repeated on every
 * page. */
static DdDocTable *
table_with_heads (DdDoc               *doc,
                  const double        *widths,
                  const char * const  *heads)
{
  guint n = g_strv_length ((char **) heads);
  DdDocTable *t = dd_doc_table (doc, n, widths);

  dd_doc_table_row (t);
  for (guint i = 0; i < n; i++)
    head_cell (t, heads[i]);
  dd_doc_table_end_header (t);
  return t;
}

static gboolean
write_doc (DdDoc       *doc,
           const char  *path,
           const char  *title,
           DdPlan      *plan,
           GError     **error)
{
  dd_doc_paginate (doc);
  return dd_doc_write_pdf (doc, path, title, dd_plan_get_identity (plan)->issuer,
                           dd_plan_get_title (plan), "DrillDesk", NULL, error);
}

static const char *
unit_name (DdPlan                *plan,
           const DdProgrammeUnit *unit)
{
  if (unit == NULL)
    return "";
  return unit->role != NULL ? dd_year_role_name (plan, unit->role) : unit->name;
}

static char *
units_text (DdPlan    *plan,
            GPtrArray *units)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < units->len; i++)
    g_string_append_printf (s, "%s%s", i > 0 ? _("; ") : "", unit_name (plan, g_ptr_array_index (units, i)));
  return g_string_free (s, FALSE);
}

static const DdYearDrill *
find_drill (GPtrArray  *drills,
            const char *id)
{
  for (guint i = 0; id != NULL && i < drills->len; i++)
    if (g_strcmp0 (((DdYearDrill *) g_ptr_array_index (drills, i))->id, id) == 0)
      return g_ptr_array_index (drills, i);
  return NULL;
}

/* What became of a programme's drill: the held drill's date and score,
 * or the reason it was put off. */
static char *
drill_remark (const DdProgrammeDrill *d,
              GPtrArray              *drills)
{
  const DdYearDrill *held = find_drill (drills, d->held);

  if (d->reason != NULL)
    return g_strdup (d->reason);
  if (held != NULL && held->scored)
    return g_strdup_printf (_("Held %s (%s), overall %.0f; drill %s"), held->date != NULL ? held->date : "?",
                            g_strcmp0 (held->state, "finished") == 0 ? _("finished") : _("interrupted"),
                            held->overall, held->id);
  if (d->held != NULL)
    return g_strdup_printf (_("Drill %s (not in the store)"), d->held);
  return g_strdup ("");
}

/* The duty's verdict: a heading, the duty in the plan's words, met or
 * not, why, by when. */
static void
add_verdict (DdDoc               *doc,
             const DdDutyVerdict *v)
{
  g_autofree char *heading = v->clause != NULL ? g_strdup_printf (_("The drill duty (§ %s)"), v->clause)
                                               : g_strdup (_("The drill duty"));
  g_autofree char *line = NULL;

  dd_doc_heading (doc, 1, heading);
  para (doc, DD_DOC_STYLE_PLAIN, v->summary);
  if (v->met)
    line = g_strdup_printf (_("%d: met — %u of %u held as the plan says."), v->year, v->counted, v->needed);
  else if (v->overdue)
    line = g_strdup_printf (_("%d: not met — it was due by %s."), v->year, v->deadline);
  else
    line = g_strdup_printf (_("%d: not met yet — due by %s."), v->year, v->deadline);
  para (doc, DD_DOC_STYLE_H2, line);
  for (guint i = 0; i < v->reasons->len; i++)
    para (doc, DD_DOC_STYLE_PLAIN, g_ptr_array_index (v->reasons, i));
  for (guint i = 0; i < v->notes->len; i++)
    para (doc, DD_DOC_STYLE_SMALL, g_ptr_array_index (v->notes, i));
}

static DdDutyVerdict *
verdict_for (DdPlan     *plan,
             DdYearDb   *db,
             int         year,
             const char *today,
             GPtrArray **drills_out,
             GError    **error)
{
  g_autoptr(GPtrArray) all = dd_year_db_list_drills (db, 0, error);
  DdDutyVerdict *v;

  if (all == NULL)
    return NULL;
  v = dd_year_duty_check (plan, all, year, today);
  *drills_out = g_steal_pointer (&all);
  return v;
}

/* ------------------------------------------------------------------ */
/* The programme                                                       */

static void
add_programme_table (DdDoc       *doc,
                     DdProgramme *programme,
                     DdPlan      *plan,
                     GPtrArray   *drills)
{
  static const double widths[] = { 0.5, 2.0, 1.0, 1.6, 2.4, 1.3, 2.2, 1.0, 0.9, 2.6 };
  const char *const heads[] = {
    _("No."), _("Drill"), _("Form"), _("Scenario"), _("Objectives"), _("Organiser"),
    _("Participating units"), _("Planned for"), _("Status"), _("Remarks"), NULL
  };
  DdDocTable *t = table_with_heads (doc, widths, heads);

  for (guint i = 0; i < programme->drills->len; i++)
    {
      const DdProgrammeDrill *d = g_ptr_array_index (programme->drills, i);
      g_autofree char *no = g_strdup_printf ("%u", i + 1);
      g_autoptr(GString) objectives = g_string_new (NULL);
      g_autofree char *units = units_text (plan, d->participants);
      /* Translators: a planned month: year, month */
      g_autofree char *month = g_strdup_printf (_("%d-%02u"), programme->year, d->month);
      g_autofree char *remark = drill_remark (d, drills);

      for (guint j = 0; j < d->objectives->len; j++)
        g_string_append_printf (objectives, "%s%s", j > 0 ? "\n" : "", (const char *) g_ptr_array_index (d->objectives, j));
      dd_doc_table_row (t);
      cell (t, no);
      cell (t, d->name);
      cell (t, dd_drill_form_label (d->form));
      cell (t, d->scenario);
      cell (t, objectives->str);
      cell (t, unit_name (plan, d->organiser));
      cell (t, units);
      cell (t, month);
      cell (t, dd_programme_status_label (d->status));
      cell (t, remark);
    }
}

gboolean
dd_year_print_programme (DdProgramme *programme,
                         DdPlan      *plan,
                         DdYearDb    *db,
                         const char  *today,
                         const char  *path,
                         GError     **error)
{
  g_autoptr(GPtrArray) drills = NULL;
  g_autoptr(DdDutyVerdict) verdict = NULL;
  DdDoc *doc;
  gboolean ok;

  g_return_val_if_fail (programme != NULL, FALSE);

  verdict = verdict_for (plan, db, programme->year, today, &drills, error);
  if (verdict == NULL)
    return FALSE;

  doc = new_doc (programme->title);
  dd_doc_page_break (doc, TRUE);
  para (doc, DD_DOC_STYLE_TITLE, programme->title);
  dd_doc_outline_mark (doc, 1, programme->title);
  centred (doc, DD_DOC_STYLE_SUBTITLE, dd_plan_get_title (plan));
  dd_doc_space (doc, 8);
  if (programme->drills->len == 0)
    para (doc, DD_DOC_STYLE_PLAIN, _("No drill is planned."));
  else
    add_programme_table (doc, programme, plan, drills);
  add_verdict (doc, verdict);
  ok = write_doc (doc, path, programme->title, plan, error);
  dd_doc_free (doc);
  return ok;
}

/* ------------------------------------------------------------------ */
/* The year-end summary                                                */

static void
add_held (DdDoc       *doc,
          DdPlan      *plan,
          DdProgramme *programme,
          GPtrArray   *drills,
          int          year)
{
  static const double widths[] = { 1.0, 3.0, 1.0, 1.0, 1.0, 0.8, 2.0 };
  const char *const heads[] = {
    _("Date"), _("Drill"), _("Severity"), _("State"), _("Overall"), _("Findings"), _("In the programme"), NULL
  };
  DdDocTable *t;
  guint planned = 0, held = 0, off = 0, n_year = 0;
  g_autofree char *line = NULL;

  dd_doc_heading (doc, 1, _("Drills held against the programme"));
  for (guint i = 0; programme != NULL && i < programme->drills->len; i++)
    {
      const DdProgrammeDrill *d = g_ptr_array_index (programme->drills, i);

      planned++;
      held += d->status == DD_PROGRAMME_HELD;
      off += d->status == DD_PROGRAMME_POSTPONED || d->status == DD_PROGRAMME_CANCELLED;
    }
  if (programme != NULL)
    line = g_strdup_printf (_("The programme plans %u drills: %u held, %u postponed or cancelled, %u still planned."),
                            planned, held, off, planned - held - off);
  else
    line = g_strdup (_("There is no programme for this year in the drill store."));
  para (doc, DD_DOC_STYLE_BODY, line);

  t = table_with_heads (doc, widths, heads);
  for (guint i = 0; i < drills->len; i++)
    {
      const DdYearDrill *d = g_ptr_array_index (drills, i);
      const char *in_programme = _("No");
      g_autofree char *overall = d->scored ? g_strdup_printf ("%.0f", d->overall) : g_strdup ("-");
      g_autofree char *findings = g_strdup_printf ("%u", d->n_findings);
      g_autofree char *title = d->training ? g_strconcat (d->title, " ", _("(training)"), NULL) : g_strdup (d->title);
      const char *state = g_strcmp0 (d->state, "finished") == 0 ? _("finished")
                          : g_strcmp0 (d->state, "damaged") == 0 ? _("damaged") : _("interrupted");

      if (d->date == NULL || g_ascii_strtoll (d->date, NULL, 10) != year)
        continue;
      n_year++;
      for (guint j = 0; programme != NULL && j < programme->drills->len; j++)
        {
          const DdProgrammeDrill *p = g_ptr_array_index (programme->drills, j);

          if (g_strcmp0 (p->held, d->id) == 0)
            in_programme = p->name;
        }
      dd_doc_table_row (t);
      cell (t, d->date);
      cell (t, title);
      cell (t, d->severity_name);
      cell (t, state);
      cell (t, overall);
      cell (t, findings);
      cell (t, in_programme);
    }
  if (n_year == 0)
    para (doc, DD_DOC_STYLE_PLAIN, _("No drill was held this year."));
}

static void
draw_trend_cb (cairo_t *cr,
               double   width,
               double   height,
               gpointer user_data)
{
  dd_year_trend_draw (user_data, cr, width, height);
}

static gboolean
add_findings (DdDoc     *doc,
              DdPlan    *plan,
              DdYearDb  *db,
              int        year,
              GError   **error)
{
  static const double widths[] = { 1.0, 4.0, 1.0 };
  const char *const heads[] = { _("Clause"), _("Provision"), _("Findings"), NULL };
  g_autoptr(GPtrArray) counts = dd_year_db_count_findings (db, year, error);
  g_autoptr(GPtrArray) scores = counts != NULL ? dd_year_db_list_phase_scores (db, year, error) : NULL;
  DdDocTable *t;

  if (scores == NULL)
    return FALSE;
  dd_doc_heading (doc, 1, _("Trends and findings by clause"));
  if (scores->len > 0)
    dd_doc_figure (doc, 0, 220, draw_trend_cb, dd_year_trend_new (scores, counts),
                   (GDestroyNotify) dd_year_trend_free);
  if (counts->len == 0)
    {
      para (doc, DD_DOC_STYLE_PLAIN, _("The finished drills of the year have no findings."));
      return TRUE;
    }
  t = table_with_heads (doc, widths, heads);
  for (guint i = 0; i < counts->len; i++)
    {
      const DdYearClauseCount *c = g_ptr_array_index (counts, i);
      const DdProvision *p = c->clause != NULL ? dd_plan_lookup_provision_by_clause (plan, c->clause) : NULL;
      g_autofree char *n = g_strdup_printf ("%u", c->count);
      g_autofree char *clause = g_strdup_printf ("§ %s", c->clause != NULL ? c->clause : "-");

      dd_doc_table_row (t);
      cell (t, clause);
      cell (t, p != NULL ? p->title : "");
      cell (t, n);
    }
  return TRUE;
}

/* "open", "in-progress", "done", "verified" in words */
static const char *
item_status_label (const char *status)
{
  if (g_strcmp0 (status, "verified") == 0)
    return _("Verified");
  if (g_strcmp0 (status, "done") == 0)
    return _("Done");
  if (g_strcmp0 (status, "in-progress") == 0)
    return _("In progress");
  return _("Open");
}

static gboolean
add_items (DdDoc      *doc,
           DdPlan     *plan,
           DdYearDb   *db,
           const char *today,
           GError    **error)
{
  static const double widths[] = { 3.2, 1.4, 0.8, 1.0, 1.0, 1.4 };
  const char *const heads[] = { _("Action"), _("Owner"), _("Clause"), _("Due"), _("Status"), _("Followed up by"), NULL };
  g_autoptr(GPtrArray) items = dd_year_db_list_items (db, error);
  guint open = 0, progress = 0, done = 0, verified = 0, overdue = 0;
  g_autofree char *line = NULL;
  DdDocTable *t;

  if (items == NULL)
    return FALSE;
  dd_doc_heading (doc, 1, _("Improvement items"));
  for (guint i = 0; i < items->len; i++)
    {
      const DdYearItem *item = g_ptr_array_index (items, i);

      open += g_strcmp0 (item->status, "open") == 0;
      progress += g_strcmp0 (item->status, "in-progress") == 0;
      done += g_strcmp0 (item->status, "done") == 0;
      verified += g_strcmp0 (item->status, "verified") == 0;
      overdue += g_strcmp0 (item->status, "verified") != 0 && g_strcmp0 (item->status, "done") != 0 &&
                 item->due != NULL && today != NULL && strcmp (item->due, today) < 0;
    }
  line = g_strdup_printf (_("%u items: %u open (%u overdue), %u in progress, %u done, %u verified by a later drill."),
                          items->len, open, overdue, progress, done, verified);
  para (doc, DD_DOC_STYLE_BODY, line);
  if (items->len == 0)
    return TRUE;
  t = table_with_heads (doc, widths, heads);
  for (guint i = 0; i < items->len; i++)
    {
      const DdYearItem *item = g_ptr_array_index (items, i);
      g_autofree char *status = item->reopened > 0
                                ? g_strdup_printf (_("%s (recurred %u×)"), item_status_label (item->status), item->reopened)
                                : g_strdup (item_status_label (item->status));

      dd_doc_table_row (t);
      cell (t, item->action);
      cell (t, item->owner != NULL ? dd_year_role_name (plan, item->owner) : "");
      cell (t, item->clause);
      cell (t, item->due);
      cell (t, status);
      cell (t, item->follow_drill);
    }
  return TRUE;
}

static gboolean
add_training (DdDoc     *doc,
              DdYearDb  *db,
              int        year,
              GError   **error)
{
  static const double widths[] = { 1.2, 2.0, 1.0, 2.6, 0.8, 0.8 };
  const char *const heads[] = { _("Person"), _("Unit"), _("Date"), _("Scenario"), _("Score"), _("Findings"), NULL };
  g_autoptr(GPtrArray) rows = dd_year_db_list_training (db, year, error);
  g_autoptr(GHashTable) people = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) units = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *line = NULL;
  DdDocTable *t;

  if (rows == NULL)
    return FALSE;
  dd_doc_heading (doc, 1, _("Training coverage"));
  for (guint i = 0; i < rows->len; i++)
    {
      const DdYearTraining *r = g_ptr_array_index (rows, i);

      g_hash_table_add (people, r->person);
      g_hash_table_add (units, r->unit);
    }
  line = g_strdup_printf (_("%u people of %u units took part in %u sessions and drills."),
                          g_hash_table_size (people), g_hash_table_size (units), rows->len);
  para (doc, DD_DOC_STYLE_BODY, line);
  if (rows->len == 0)
    return TRUE;
  t = table_with_heads (doc, widths, heads);
  for (guint i = 0; i < rows->len; i++)
    {
      const DdYearTraining *r = g_ptr_array_index (rows, i);
      g_autofree char *score = r->scored ? g_strdup_printf ("%.0f", r->score) : g_strdup ("-");
      g_autofree char *n = g_strdup_printf ("%u", r->n_findings);
      g_autofree char *title = r->training ? g_strconcat (r->title, " ", _("(training)"), NULL) : g_strdup (r->title);

      dd_doc_table_row (t);
      cell (t, r->person);
      cell (t, r->unit);
      cell (t, r->date);
      cell (t, title);
      cell (t, score);
      cell (t, n);
    }
  return TRUE;
}

gboolean
dd_year_print_summary (DdYearDb    *db,
                       DdPlan      *plan,
                       DdProgramme *programme,
                       int          year,
                       const char  *today,
                       const char  *path,
                       GError     **error)
{
  g_autoptr(GPtrArray) drills = NULL;
  g_autoptr(DdDutyVerdict) verdict = NULL;
  g_autofree char *title = g_strdup_printf (_("Drill summary for %d"), year);
  DdDoc *doc;
  gboolean ok;

  verdict = verdict_for (plan, db, year, today, &drills, error);
  if (verdict == NULL)
    return FALSE;

  doc = new_doc (title);
  para (doc, DD_DOC_STYLE_TITLE, title);
  dd_doc_outline_mark (doc, 1, title);
  centred (doc, DD_DOC_STYLE_SUBTITLE, dd_plan_get_title (plan));
  dd_doc_space (doc, 8);
  add_held (doc, plan, programme, drills, year);
  add_verdict (doc, verdict);
  ok = add_findings (doc, plan, db, year, error) &&
       add_items (doc, plan, db, today, error) &&
       add_training (doc, db, year, error) &&
       write_doc (doc, path, title, plan, error);
  dd_doc_free (doc);
  return ok;
}
