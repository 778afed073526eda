/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-report-xlsx.c — the review's findings, scores and improvement plan as
 * an Excel workbook (libxlsxwriter)
 *
 * Copyright 2024 The DrillDesk authors
 *
 * Three sheets, each a table under one frozen header row: the findings
 * (clause, simulated time and its date-time on the scenario's clock, phase,
 * role, severity, the points it cost, what became of the action it is
 * about), the scores (phases, roles, the overall score, the objectives with
 * their P/S/M/U ratings) and the improvement plan.  The facts are the
 * review's model (the drill's replay); nothing is recomputed.  No cell is
 * a formula: text is written as text, and text that a spreadsheet would
 * take for a formula once edited (= + - @) starts with an apostrophe.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <xlsxwriter.h>

#include "dd-error.h"
#include "dd-report.h"
#include "dd-report-private.h"

typedef struct {
  lxw_workbook  *book;
  lxw_format    *head;
  lxw_format    *text;
  lxw_format    *datetime;
  lxw_format    *date;
  lxw_format    *number;
} Book;

/* Text as text: a leading = + - @ (or a tab or a carriage return, which
 * some readers strip) gets an apostrophe, so no reader takes it for a
 * formula (CSV/formula injection, OWASP) */
static void
put_text (lxw_worksheet *ws,
          lxw_row_t      row,
          lxw_col_t      col,
          const char    *text,
          lxw_format    *format)
{
  g_autofree char *safe = NULL;

  if (text == NULL || *text == '\0')
    return;
  if (strchr ("=+-@\t\r", text[0]) != NULL)
    safe = g_strconcat ("'", text, NULL);
  worksheet_write_string (ws, row, col, safe != NULL ? safe : text, format);
}

static void
put_number (lxw_worksheet *ws,
            lxw_row_t      row,
            lxw_col_t      col,
            double         value,
            lxw_format    *format)
{
  worksheet_write_number (ws, row, col, value, format);
}

/* A due date: a date cell when it reads YYYY-MM-DD, else its text */
static void
put_date (lxw_worksheet *ws,
          lxw_row_t      row,
          lxw_col_t      col,
          const char    *due,
          Book          *b)
{
  int y, m, d;

  if (due != NULL && sscanf (due, "%4d-%2d-%2d", &y, &m, &d) == 3 &&
      m >= 1 && m <= 12 && d >= 1 && d <= 31)
    {
      lxw_datetime dt = { y, m, d, 0, 0, 0 };

      worksheet_write_datetime (ws, row, col, &dt, b->date);
    }
  else
    put_text (ws, row, col, due, b->text);
}

/* A header row, frozen, with column widths (in characters) */
static lxw_worksheet *
add_sheet (Book         *b,
           const char   *name,
           const char  **heads,
           const double *widths,
           guint         n)
{
  lxw_worksheet *ws = workbook_add_worksheet (b->book, name);

  for (guint i = 0; i < n; i++)
    {
      worksheet_set_column (ws, (lxw_col_t) i, (lxw_col_t) i, widths[i], b->text);
      put_text (ws, 0, (lxw_col_t) i, heads[i], b->head);
    }
  worksheet_freeze_panes (ws, 1, 0);
  return ws;
}

/* The date-time on the scenario's clock at simulated second @at */
static gboolean
sim_datetime (DdReport     *self,
              gint64        at,
              lxw_datetime *out)
{
  GDateTime *t0 = self->scenario != NULL ? dd_scenario_get_start (self->scenario) : NULL;
  g_autoptr(GDateTime) t = NULL;

  if (t0 == NULL || at == DD_REPORT_NO_TIME)
    return FALSE;
  t = g_date_time_add_seconds (t0, (double) at);
  if (t == NULL)
    return FALSE;
  out->year = g_date_time_get_year (t);
  out->month = g_date_time_get_month (t);
  out->day = g_date_time_get_day_of_month (t);
  out->hour = g_date_time_get_hour (t);
  out->min = g_date_time_get_minute (t);
  out->sec = g_date_time_get_second (t);
  return TRUE;
}

/* What became of the action a finding is about: corrected, and why */
static char *
correction_text (DdReport      *self,
                 const Finding *f)
{
  GPtrArray *recorded;

  if (self->replay == NULL || f->action_index < 0)
    return NULL;
  recorded = dd_replay_get_recorded (self->replay);
  for (guint i = 0; i < recorded->len; i++)
    {
      const DdRecordedAction *ra = g_ptr_array_index (recorded, i);
      const DdCorrection *c = ra->correction;
      g_autofree char *at = NULL;

      if (ra->index != f->action_index || c == NULL)
        continue;
      if (c->withdraw)
        return g_strdup_printf (_("Withdrawn: %s"), c->reason);
      at = c->has_at ? dd_report_offset_text (c->at) : NULL;
      return g_strdup_printf (_("Corrected to %s %s: %s"),
                              c->role != NULL ? dd_report_role_name (self->plan, c->role) : "",
                              at != NULL ? at : "", c->reason);
    }
  return NULL;
}

static void
write_findings (DdReport *self,
                Book     *b)
{
  const char *heads[] = { _("No."), _("Clause"), _("Time"), _("Date and time"), _("Phase"),
                          _("Role"), _("Severity"), _("Deduction"), _("Correction of the record"),
                          _("Rule"), _("What happened") };
  const double widths[] = { 6, 10, 10, 20, 18, 22, 10, 10, 30, 24, 60 };
  lxw_worksheet *ws = add_sheet (b, _("Findings"), heads, widths, G_N_ELEMENTS (heads));

  for (guint i = 0; i < self->findings->len; i++)
    {
      const Finding *f = g_ptr_array_index (self->findings, i);
      const DdPhase *ph = f->phase != NULL ? dd_plan_lookup_phase (self->plan, f->phase) : NULL;
      lxw_row_t r = (lxw_row_t) i + 1;
      g_autofree char *when = f->at != DD_REPORT_NO_TIME ? dd_report_offset_text (f->at) : g_strdup (_("never"));
      g_autofree char *correction = correction_text (self, f);
      lxw_datetime dt;

      put_number (ws, r, 0, i + 1, b->number);
      put_text (ws, r, 1, f->clause, b->text);
      put_text (ws, r, 2, when, b->text);
      if (sim_datetime (self, f->at, &dt))
        worksheet_write_datetime (ws, r, 3, &dt, b->datetime);
      put_text (ws, r, 4, ph != NULL ? ph->name : f->phase, b->text);
      put_text (ws, r, 5, f->role != NULL ? dd_report_role_name (self->plan, f->role) : NULL, b->text);
      put_text (ws, r, 6, dd_report_severity_label (f->severity), b->text);
      put_number (ws, r, 7, f->weight, b->number);
      put_text (ws, r, 8, correction, b->text);
      put_text (ws, r, 9, f->rule, b->text);
      put_text (ws, r, 10, f->message, b->text);
    }
  if (self->findings->len > 0)
    worksheet_autofilter (ws, 0, 0, (lxw_row_t) self->findings->len, G_N_ELEMENTS (heads) - 1);
}

/* P, S, M or U for a plan rating id (the plan lists its ratings best
 * first, as HSEEP's four), '-' when not assessed */
static char
rating_letter (DdReport   *self,
               const char *rating_id)
{
  GPtrArray *ratings = dd_plan_get_scoring (self->plan)->ratings;

  for (guint i = 0; ratings != NULL && i < ratings->len && i < 4; i++)
    if (g_strcmp0 (((DdRating *) g_ptr_array_index (ratings, i))->id, rating_id) == 0)
      return "PSMU"[i];
  return '-';
}

static void
write_scores (DdReport *self,
              Book     *b)
{
  const char *heads[] = { _("Scored"), _("Name"), _("Clauses"), _("Score"), _("Rating"),
                          _("Suggested rating"), _("Reason") };
  const double widths[] = { 12, 40, 14, 10, 10, 12, 40 };
  lxw_worksheet *ws = add_sheet (b, _("Scores"), heads, widths, G_N_ELEMENTS (heads));
  GPtrArray *phases = dd_plan_get_phases (self->plan);
  lxw_row_t r = 1;

  for (guint i = 0; i < phases->len; i++)
    {
      const DdPhase *ph = g_ptr_array_index (phases, i);
      double *score = g_hash_table_lookup (self->phase_scores, ph->id);

      put_text (ws, r, 0, _("Phase"), b->text);
      put_text (ws, r, 1, ph->name, b->text);
      put_text (ws, r, 2, ph->clause, b->text);
      if (score != NULL)
        put_number (ws, r, 3, *score, b->number);
      r++;
    }
  {
    GPtrArray *roles = dd_plan_get_roles (self->plan);

    for (guint i = 0; i < roles->len; i++)
      {
        const DdRole *role = g_ptr_array_index (roles, i);
        double *score = g_hash_table_lookup (self->role_scores, role->id);

        if (score == NULL)
          continue;
        put_text (ws, r, 0, _("Role"), b->text);
        put_text (ws, r, 1, role->name, b->text);
        put_number (ws, r, 3, *score, b->number);
        r++;
      }
  }
  if (self->has_overall)
    {
      const DdRating *rating = dd_report_rating_for (self, self->overall);

      put_text (ws, r, 0, _("Overall"), b->text);
      put_text (ws, r, 1, self->title, b->text);
      put_number (ws, r, 3, self->overall, b->number);
      put_text (ws, r, 4, rating != NULL ? rating->name : NULL, b->text);
      r++;
    }
  if (self->scenario != NULL)
    {
      GPtrArray *objectives = dd_scenario_get_objectives (self->scenario);
      DdScore *score = self->replay != NULL ? dd_replay_get_score (self->replay) : NULL;
      GPtrArray *scored = score != NULL ? dd_score_get_objectives (score) : NULL;

      for (guint i = 0; i < objectives->len; i++)
        {
          const DdObjective *o = g_ptr_array_index (objectives, i);
          const char *rid = g_hash_table_lookup (self->objective_ratings, o->id);
          g_autofree char *clauses = g_strjoinv (" ", o->clauses);
          const DdObjectiveScore *os = NULL;
          char letter[2] = { rating_letter (self, rid), '\0' };

          for (guint k = 0; scored != NULL && k < scored->len && os == NULL; k++)
            if (g_strcmp0 (((DdObjectiveScore *) g_ptr_array_index (scored, k))->id, o->id) == 0)
              os = g_ptr_array_index (scored, k);
          put_text (ws, r, 0, _("Objective"), b->text);
          put_text (ws, r, 1, o->text, b->text);
          put_text (ws, r, 2, clauses, b->text);
          if (os != NULL)
            {
              char suggestion[2] = { os->suggestion, '\0' };

              letter[0] = os->rating;
              put_text (ws, r, 5, suggestion, b->text);
              put_text (ws, r, 6, os->reason, b->text);
            }
          put_text (ws, r, 4, letter, b->text);
          r++;
        }
    }
}

/* The first columns of an improvement item's row: number, corrective
 * action, clause, owner unit, due date */
static void
put_item (DdReport      *self,
          Book          *b,
          lxw_worksheet *ws,
          lxw_row_t      r,
          const char    *action,
          const char    *clause,
          const char    *owner,
          const char    *due)
{
  put_number (ws, r, 0, r, b->number);
  put_text (ws, r, 1, action, b->text);
  put_text (ws, r, 2, clause, b->text);
  put_text (ws, r, 3, owner != NULL ? dd_report_role_name (self->plan, owner) : NULL, b->text);
  put_date (ws, r, 4, due, b);
}

static void
write_improvements (DdReport *self,
                    Book     *b)
{
  const char *heads[] = { _("No."), _("Corrective action"), _("Clause"), _("Owner unit"), _("Due date") };
  const double widths[] = { 6, 60, 10, 24, 14 };
  lxw_worksheet *ws = add_sheet (b, _("Improvement plan"), heads, widths, G_N_ELEMENTS (heads));

  for (guint i = 0; i < self->improvements->len; i++)
    {
      const DdReportImprovement *im = g_ptr_array_index (self->improvements, i);
      lxw_row_t r = (lxw_row_t) i + 1;

      put_item (self, b, ws, r, im->action, im->clause, im->owner, im->due);
    }
}

/* The improvement items of earlier drills this drill followed up (the
 * review's section "Improvement items followed up"), when there are any */
static void
write_follow_ups (DdReport *self,
                  Book     *b)
{
  const char *heads[] = { _("No."), _("Corrective action"), _("Clause"), _("Owner unit"), _("Due date"),
                          _("Drill"), _("Status") };
  const double widths[] = { 6, 60, 10, 24, 14, 24, 12 };
  lxw_worksheet *ws;

  if (self->follow_ups->len == 0)
    return;
  ws = add_sheet (b, _("Improvement items followed up"), heads, widths, G_N_ELEMENTS (heads));
  for (guint i = 0; i < self->follow_ups->len; i++)
    {
      const DdReportFollowUp *f = g_ptr_array_index (self->follow_ups, i);
      lxw_row_t r = (lxw_row_t) i + 1;

      put_item (self, b, ws, r, f->action, f->clause, f->owner, f->due);
      put_text (ws, r, 5, f->drill, b->text);
      put_text (ws, r, 6, f->recurred ? C_("improvement item", "Reopened") : C_("improvement item", "Verified"),
                b->text);
    }
}

gboolean
dd_report_write_xlsx (DdReport    *self,
                      const char  *path,
                      GError     **error)
{
  Book b = { 0 };
  lxw_error status;

  g_return_val_if_fail (DD_IS_REPORT (self), FALSE);

  b.book = workbook_new (path);
  if (b.book == NULL)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_IO, "%s: %s", path, _("the workbook could not be created"));
      return FALSE;
    }
  b.head = workbook_add_format (b.book);
  format_set_bold (b.head);
  format_set_bg_color (b.head, 0xE6E6E6);
  format_set_border (b.head, LXW_BORDER_THIN);
  format_set_text_wrap (b.head);
  b.text = workbook_add_format (b.book);
  format_set_text_wrap (b.text);
  format_set_align (b.text, LXW_ALIGN_VERTICAL_TOP);
  b.number = workbook_add_format (b.book);
  format_set_align (b.number, LXW_ALIGN_VERTICAL_TOP);
  b.datetime = workbook_add_format (b.book);
  format_set_num_format (b.datetime, "yyyy-mm-dd hh:mm:ss");
  format_set_align (b.datetime, LXW_ALIGN_VERTICAL_TOP);
  b.date = workbook_add_format (b.book);
  format_set_num_format (b.date, "yyyy-mm-dd");

  write_findings (self, &b);
  write_scores (self, &b);
  write_improvements (self, &b);
  write_follow_ups (self, &b);

  status = workbook_close (b.book);
  if (status != LXW_NO_ERROR)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_IO, "%s: %s", path, lxw_strerror (status));
      return FALSE;
    }
  return TRUE;
}
