/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-report-sections.c — the after-action review's sections, laid out as a
 * document (dd-report-doc.h): cover, summary, findings, reports filed on
 * form 8.3, improvement plan, sign-off, duty phones
 *
 * Copyright 2024 The DrillDesk authors
 *
 * Every rule, clause, label and name printed comes from the plan, the
 * scenario or the journal; the review's own words (section titles, column
 * headings, the sign-off block) are interface strings through gettext.
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "dd-report.h"
#include "dd-report-private.h"
#include "dd-report-doc.h"
#include "dd-drill-session.h"

char *
dd_report_esc (const char *text)
{
  return g_markup_escape_text (text != NULL ? text : "", -1);
}

static char *
page_label_cb (guint    page,
               guint    n_pages,
               gpointer user_data)
{
  return g_strdup_printf (_("Page %u of %u"), page, n_pages);
}

/* Escaped @text with word joiners between its characters, so that a
 * checkbox option never breaks across lines. */
char *
dd_report_nobreak (const char *text)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      g_autofree char *c = g_markup_escape_text (p, g_utf8_next_char (p) - p);
      if (p != text)
        g_string_append (s, "\xe2\x81\xa0"); /* U+2060 */
      g_string_append (s, c);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

const DdRole *
dd_report_organiser_role (DdPlan *plan)
{
  const DdPlanIdentity *id = dd_plan_get_identity (plan);
  const DdRole *role = NULL;

  if (id->drill_organiser != NULL)
    role = dd_plan_lookup_role (plan, id->drill_organiser);
  if (role == NULL)
    {
      g_autoptr(GPtrArray) offices = dd_plan_get_roles_of_kind (plan, DD_ROLE_KIND_OFFICE);
      if (offices->len > 0)
        role = g_ptr_array_index (offices, 0);
    }
  return role;
}

const char *
dd_report_role_name (DdPlan     *plan,
                     const char *role_id)
{
  const DdRole *role = role_id != NULL ? dd_plan_lookup_role (plan, role_id) : NULL;

  return role != NULL ? role->name : role_id;
}

/* Table cells with the common looks. */
void
dd_report_cell_label (DdDocTable *t,
                      const char *text,
                      guint       colspan)
{
  g_autofree char *m = dd_report_esc (text);

  dd_doc_table_cell_full (t, m, colspan, DD_DOC_STYLE_CELL_HEAD,
                          DD_DOC_ALIGN_CENTER, FILL_LABEL);
}

void
dd_report_cell_text (DdDocTable *t,
                     const char *text,
                     guint       colspan)
{
  g_autofree char *m = dd_report_esc (text);

  dd_doc_table_cell_full (t, m, colspan, DD_DOC_STYLE_CELL,
                          DD_DOC_ALIGN_LEFT, FILL_NONE);
}

void
dd_report_cell_center (DdDocTable *t,
                       const char *text)
{
  g_autofree char *m = dd_report_esc (text);

  dd_doc_table_cell_full (t, m, 1, DD_DOC_STYLE_CELL,
                          DD_DOC_ALIGN_CENTER, FILL_NONE);
}

/* A table whose header row holds @heads (NULL-terminated). */
DdDocTable *
dd_report_table_with_header (DdDoc        *doc,
                             const double *widths,
                             const char   *first,
                             ...)
{
  g_autoptr(GPtrArray) heads = g_ptr_array_new ();
  DdDocTable *t;
  va_list args;

  va_start (args, first);
  for (const char *h = first; h != NULL; h = va_arg (args, const char *))
    g_ptr_array_add (heads, (gpointer) h);
  va_end (args);

  t = dd_doc_table (doc, heads->len, widths);
  dd_doc_table_row (t);
  for (guint i = 0; i < heads->len; i++)
    dd_doc_table_cell (t, g_ptr_array_index (heads, i));
  dd_doc_table_end_header (t);
  return t;
}

void
dd_report_para (DdDoc      *doc,
                DdDocStyle  style,
                const char *text)
{
  g_autofree char *m = dd_report_esc (text);

  dd_doc_paragraph (doc, style, m);
}

/* "label：value" in body text, the label in sans. */
static void
para_field (DdDoc      *doc,
            const char *label,
            const char *value)
{
  g_autofree char *l = dd_report_esc (label);
  g_autofree char *v = dd_report_esc (value);
  g_autofree char *m = g_strdup_printf ("<span font_family=\"Noto Sans CJK SC\">%s</span>%s", l, v);

  dd_doc_paragraph (doc, DD_DOC_STYLE_PLAIN, m);
}

static char *
journal_created_date (DdJournal *journal)
{
  JsonObject *header;
  const char *created;

  if (journal == NULL)
    return NULL;
  header = dd_journal_get_header (journal);
  if (header == NULL || !json_object_has_member (header, "created"))
    return NULL;
  created = json_object_get_string_member_with_default (header, "created", NULL);
  if (created == NULL || strlen (created) < 10)
    return NULL;
  return g_strndup (created, 10);
}

char *
dd_report_report_date (DdReport *self)
{
  char *date;

  if (self->date != NULL)
    return g_strdup (self->date);
  /* The date entered at set-up, else the day the journal was begun */
  if (self->replay != NULL &&
      dd_drill_options_get_text (dd_replay_get_options (self->replay), "date") != NULL)
    return g_strdup (dd_drill_options_get_text (dd_replay_get_options (self->replay), "date"));
  date = journal_created_date (self->journal);
  if (date == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      date = g_date_time_format (now, "%Y-%m-%d");
    }
  return date;
}

/* ------------------------------------------------------------------ */
/* Sections that need only the plan                                   */

/* Finished, interrupted or ended early, and when; NULL for a review built
 * by hand. */
static char *
status_text (DdReport *self)
{
  g_autofree char *at = NULL;

  if (self->replay == NULL)
    return NULL;
  at = dd_report_offset_text (dd_replay_get_as_of (self->replay));
  if (!dd_replay_is_finished (self->replay))
    /* Translators: %s is a simulated time such as T+1:05 */
    return g_strdup_printf (_("Interrupted (not finished): the journal ends at %s without an end record; "
                              "scored as of then"), at);
  if (dd_replay_ended_early (self->replay))
    return g_strdup_printf (_("Ended early, at %s, before the scenario's last inject"), at);
  return g_strdup_printf (_("Finished at %s"), at);
}

static void
add_cover (DdReport *self,
           DdDoc    *doc)
{
  g_autofree char *status = status_text (self);
  const DdPlanIdentity *id = dd_plan_get_identity (self->plan);
  const DdRole *organiser = dd_report_organiser_role (self->plan);
  g_autoptr(GDateTime) due = dd_plan_get_revision_due (self->plan);
  g_autofree char *due_str = due != NULL ? g_date_time_format (due, "%Y-%m-%d") : NULL;
  g_autofree char *date = dd_report_report_date (self);
  g_autofree char *plan_line = NULL;
  g_autofree char *doc_line = NULL;
  DdDocTable *t;
  double widths[] = { 1.0, 2.6 };

  if (self->style == DD_REPORT_STYLE_OFFICIAL)
    /* The masthead and the title, then the same details as a table */
    dd_report_add_masthead (self, doc);
  else
    {
      dd_doc_plain_page (doc);
      dd_doc_outline_mark (doc, 1, _("Cover"));
      dd_doc_space (doc, 110.0);
      dd_report_para (doc, DD_DOC_STYLE_SUBTITLE, id->title);
      dd_doc_space (doc, 14.0);
      dd_report_para (doc, DD_DOC_STYLE_TITLE, self->title);
      dd_doc_space (doc, 70.0);
    }

  t = dd_doc_table (doc, 2, widths);
  dd_doc_table_end_header (t);

  dd_doc_table_row_min (t, 24.0);
  dd_report_cell_label (t, _("Organiser"), 1);
  dd_report_cell_text (t, organiser != NULL ? organiser->name : "", 1);

  dd_doc_table_row_min (t, 24.0);
  dd_report_cell_label (t, _("Drill date"), 1);
  dd_report_cell_text (t, date, 1);

  {
    JsonObject *options = self->replay != NULL ? dd_replay_get_options (self->replay) : NULL;
    const struct { const char *key; const char *label; } details[] = {
      { "place", N_("Place") },
      { "director", N_("Drill director") },
      { "evaluators", N_("Evaluators") },
    };

    for (guint i = 0; i < G_N_ELEMENTS (details); i++)
      {
        const char *value = dd_drill_options_get_text (options, details[i].key);

        if (value == NULL)
          continue;
        dd_doc_table_row_min (t, 24.0);
        dd_report_cell_label (t, _(details[i].label), 1);
        dd_report_cell_text (t, value, 1);
      }
  }

  dd_doc_table_row_min (t, 24.0);
  dd_report_cell_label (t, _("Drill form"), 1);
  dd_report_cell_text (t, self->scenario != NULL && dd_scenario_get_form_label (self->scenario) != NULL
                  ? dd_scenario_get_form_label (self->scenario)
                  : _("Tabletop exercise"), 1);

  if (status != NULL)
    {
      dd_doc_table_row_min (t, 24.0);
      dd_report_cell_label (t, _("Status of the drill"), 1);
      dd_report_cell_text (t, status, 1);
    }

  plan_line = g_strdup_printf ("%s（%s）", id->title, id->doc_number);
  dd_doc_table_row_min (t, 24.0);
  dd_report_cell_label (t, _("Plan"), 1);
  dd_report_cell_text (t, plan_line, 1);

  doc_line = g_strdup_printf (_("issued %s; revision due %s"),
                              id->issued != NULL ? id->issued : "",
                              due_str != NULL ? due_str : "");
  dd_doc_table_row_min (t, 24.0);
  dd_report_cell_label (t, _("Plan issued and revision"), 1);
  dd_report_cell_text (t, doc_line, 1);

  dd_doc_table_row_min (t, 24.0);
  dd_report_cell_label (t, _("Journal head (SHA-256)"), 1);
  if (self->journal != NULL)
    {
      g_autofree char *h = dd_report_esc (dd_journal_get_head_hash (self->journal));
      g_autofree char *m = g_strdup_printf ("<span font_family=\"Noto Sans Mono CJK SC\" size=\"8.5pt\">%s</span>", h);
      dd_doc_table_cell_full (t, m, 1, DD_DOC_STYLE_CELL, DD_DOC_ALIGN_LEFT, FILL_NONE);
    }
  else
    dd_report_cell_text (t, _("no journal"), 1);

  if (self->style == DD_REPORT_STYLE_OFFICIAL)
    return;
  dd_doc_space (doc, 60.0);
  if (organiser != NULL)
    dd_report_para (doc, DD_DOC_STYLE_SUBTITLE, organiser->name);
  dd_report_para (doc, DD_DOC_STYLE_SUBTITLE, date);
}

static void
add_sign_off (DdReport *self,
              DdDoc    *doc)
{
  double widths[] = { 1.2, 1.6, 1.8, 1.6 };
  DdDocTable *t;
  const char *who[] = { N_("Evaluator"), N_("Reviewer") };

  dd_doc_heading (doc, 1, _("8. Sign-off"));
  dd_doc_keep_begin (doc);
  dd_report_para (doc, DD_DOC_STYLE_BODY,
        _("The undersigned have read this review, checked its findings against the plan, and approve the improvement plan above."));
  t = dd_doc_table (doc, 4, widths);
  dd_doc_table_row (t);
  dd_doc_table_cell (t, "");
  dd_doc_table_cell (t, _("Name"));
  dd_doc_table_cell (t, _("Signature"));
  dd_doc_table_cell (t, _("Date"));
  dd_doc_table_end_header (t);
  for (guint i = 0; i < G_N_ELEMENTS (who); i++)
    {
      dd_doc_table_row_min (t, 40.0);
      dd_report_cell_label (t, _(who[i]), 1);
      dd_report_cell_text (t, "", 1);
      dd_report_cell_text (t, "", 1);
      dd_report_cell_text (t, "", 1);
    }
  dd_doc_keep_end (doc);
}

/* "Appendix: <the plan's title of the table>" */
static char *
phone_heading (DdReport *self)
{
  const char *title = dd_plan_get_phone_table_title (self->plan);

  return g_strdup_printf (_("Appendix: %s"), title != NULL ? title : "");
}

static void
add_phone_table (DdReport *self,
                 DdDoc    *doc)
{
  GPtrArray *rows = dd_plan_get_phone_rows (self->plan);
  const char *area = dd_plan_get_phone_area_code (self->plan);
  g_autofree char *heading = phone_heading (self);
  double widths[] = { 0.45, 2.3, 1.6, 0.45, 2.3, 1.6 };
  guint half = (rows->len + 1) / 2;
  DdDocTable *t;

  dd_doc_page_break (doc, FALSE);
  dd_doc_heading (doc, 1, heading);
  if (area != NULL)
    {
      g_autofree char *note = g_strdup_printf (_("Numbers without an area code are in area %s."), area);
      dd_report_para (doc, DD_DOC_STYLE_SMALL, note);
      dd_doc_space (doc, 4.0);
    }

  /* Two column groups side by side, as the printed table in the plan. */
  t = dd_doc_table (doc, 6, widths);
  dd_doc_table_row (t);
  for (guint k = 0; k < 2; k++)
    {
      dd_doc_table_cell (t, _("No."));
      dd_doc_table_cell (t, _("Unit"));
      dd_doc_table_cell (t, _("Duty phone"));
    }
  dd_doc_table_end_header (t);
  for (guint i = 0; i < half; i++)
    {
      dd_doc_table_row_min (t, 22.0);
      for (guint k = 0; k < 2; k++)
        {
          guint idx = i + k * half;
          if (idx < rows->len)
            {
              const DdPhoneRow *row = g_ptr_array_index (rows, idx);
              g_autofree char *n = g_strdup_printf ("%u", idx + 1);
              dd_report_cell_center (t, n);
              dd_report_cell_text (t, row->unit, 1);
              dd_report_cell_center (t, row->phone);
            }
          else
            {
              dd_report_cell_text (t, "", 1);
              dd_report_cell_text (t, "", 1);
              dd_report_cell_text (t, "", 1);
            }
        }
    }
}

/* ------------------------------------------------------------------ */
/* Sections that need the drill                                       */

char *
dd_report_offset_text (gint64 at)
{
  g_autofree char *o = dd_offset_format (at);

  return g_strdup_printf ("T%s%s", at < 0 ? "" : "+", o);
}

static char *
duration_text (gint64 seconds)
{
  gint64 minutes = (seconds + 30) / 60;

  return g_strdup_printf (_("%d h %02d min"), (int) (minutes / 60), (int) (minutes % 60));
}

const char *
dd_report_severity_label (DdFindingSeverity severity)
{
  switch (severity)
    {
    case DD_FINDING_SEVERITY_CRITICAL:
      return _("critical");
    case DD_FINDING_SEVERITY_MAJOR:
      return _("major");
    case DD_FINDING_SEVERITY_MINOR:
    default:
      return _("minor");
    }
}

/* A symbol per severity, so that print in black and white still tells
 * them apart (never colour alone). */
static const char *
severity_symbol (DdFindingSeverity severity)
{
  switch (severity)
    {
    case DD_FINDING_SEVERITY_CRITICAL:
      return "\xe2\x97\x86";     /* ◆ */
    case DD_FINDING_SEVERITY_MAJOR:
      return "\xe2\x96\xb2";     /* ▲ */
    case DD_FINDING_SEVERITY_MINOR:
    default:
      return "\xe2\x97\x8f";     /* ● */
    }
}

guint32
dd_report_severity_rgb (DdFindingSeverity severity)
{
  switch (severity)
    {
    case DD_FINDING_SEVERITY_CRITICAL:
      return 0xb2182b;
    case DD_FINDING_SEVERITY_MAJOR:
      return 0xe66101;
    case DD_FINDING_SEVERITY_MINOR:
    default:
      return 0x7a6a00;
    }
}

void
dd_report_rgb (cairo_t *cr,
               guint32  c,
               double   alpha)
{
  cairo_set_source_rgba (cr, ((c >> 16) & 0xff) / 255.0, ((c >> 8) & 0xff) / 255.0,
                         (c & 0xff) / 255.0, alpha);
}

const char *
dd_report_event_phase (DdReport    *self,
                       const Event *e)
{
  const DdActionKind *k = e->kind != NULL ? dd_plan_lookup_action_kind (self->plan, e->kind) : NULL;

  return k != NULL ? k->phase : NULL;
}

const char *
dd_report_kind_name (DdReport   *self,
                     const char *kind)
{
  const DdActionKind *k = kind != NULL ? dd_plan_lookup_action_kind (self->plan, kind) : NULL;

  return k != NULL ? k->name : kind;
}

const DdRating *
dd_report_rating_for (DdReport *self,
                      double    score)
{
  return dd_scoring_rate (dd_plan_get_scoring (self->plan), score);
}

static const char *
rating_name (DdReport   *self,
             const char *rating_id)
{
  const DdScoring *scoring = dd_plan_get_scoring (self->plan);

  /* Nothing was expected of it in this drill: the plan's word for that */
  if (g_strcmp0 (rating_id, DD_SCORE_NOT_ASSESSED) == 0)
    return scoring->not_assessed != NULL ? scoring->not_assessed : _("Not assessed");
  for (guint i = 0; scoring->ratings != NULL && i < scoring->ratings->len; i++)
    {
      const DdRating *r = g_ptr_array_index (scoring->ratings, i);
      if (g_strcmp0 (r->id, rating_id) == 0)
        return r->name;
    }
  return rating_id;
}

void
dd_report_sim_span (DdReport *self,
                    gint64   *from,
                    gint64   *to)
{
  gint64 a = 0, b = 0;

  if (self->scenario != NULL)
    {
      b = dd_scenario_get_duration (self->scenario);
      a = MIN (0, dd_scenario_get_incident (self->scenario)->began);
    }
  for (guint i = 0; i < self->events->len; i++)
    {
      const Event *e = g_ptr_array_index (self->events, i);
      a = MIN (a, e->at);
      b = MAX (b, e->at);
    }
  *from = a;
  *to = MAX (b, a + 60);
}

/* Corrections to the record: what was corrected, by whom, and why. */
static void
add_corrections (DdReport *self,
                 DdDoc    *doc)
{
  GPtrArray *corrections = self->replay != NULL ? dd_replay_get_corrections (self->replay) : NULL;
  GPtrArray *recorded;
  double w[] = { 0.9, 2.6, 2.0, 1.2 };
  DdDocTable *t;

  if (corrections == NULL || corrections->len == 0)
    return;
  recorded = dd_replay_get_recorded (self->replay);
  dd_doc_heading (doc, 2, _("Corrections to the record"));
  dd_report_para (doc, DD_DOC_STYLE_BODY,
        _("Nothing in the journal is overwritten: each correction is a record of its own that points at the "
          "action it corrects."));
  t = dd_report_table_with_header (doc, w, _("Time"), _("Action recorded"), _("Correction and reason"), _("By"), NULL);
  for (guint i = 0; i < corrections->len; i++)
    {
      const DdCorrection *c = g_ptr_array_index (corrections, i);
      const DdAction *a = NULL;
      g_autofree char *when = dd_report_offset_text (c->recorded_at);
      g_autofree char *what = NULL;
      g_autofree char *how = NULL;

      for (guint j = 0; j < recorded->len && a == NULL; j++)
        if (((DdRecordedAction *) g_ptr_array_index (recorded, j))->seq == c->target)
          a = ((DdRecordedAction *) g_ptr_array_index (recorded, j))->action;
      if (a != NULL)
        {
          g_autofree char *at = dd_report_offset_text (a->at);

          /* Translators: a simulated time, a role and an action */
          what = g_strdup_printf (_("%s %s: %s"), at, dd_report_role_name (self->plan, a->role), dd_report_kind_name (self, a->kind));
        }
      if (c->withdraw)
        how = g_strdup_printf (_("Withdrawn: %s"), c->reason);
      else
        {
          g_autofree char *at = c->has_at ? dd_report_offset_text (c->at) : NULL;

          /* Translators: the corrected role and time (either may be empty), then the reason */
          how = g_strdup_printf (_("Corrected to %s %s: %s"),
                                 c->role != NULL ? dd_report_role_name (self->plan, c->role) : "",
                                 at != NULL ? at : "", c->reason);
        }
      dd_doc_table_row (t);
      dd_report_cell_center (t, when);
      dd_report_cell_text (t, what != NULL ? what : "", 1);
      dd_report_cell_text (t, how, 1);
      dd_report_cell_text (t, c->by != NULL ? c->by : "", 1);
    }
}

static void
add_summary (DdReport *self,
             DdDoc    *doc)
{
  DdPlan *plan = self->plan;
  gint64 first = 0, last = 0, wall0 = 0, wall1 = 0;
  DdDocTable *t;

  dd_doc_heading (doc, 1, _("1. Summary"));

  if (self->scenario != NULL)
    {
      const DdIncident *inc = dd_scenario_get_incident (self->scenario);
      const DdCategory *cat = dd_plan_lookup_category (plan, inc->category);
      const DdSeverity *sev = dd_plan_lookup_severity (plan, inc->severity);
      const DdSubtype *sub = inc->subtype != NULL ? dd_plan_lookup_subtype (plan, inc->subtype, NULL) : NULL;
      g_autofree char *truth = NULL;
      g_autofree char *start = NULL;
      GDateTime *t0 = dd_scenario_get_start (self->scenario);

      para_field (doc, _("Scenario: "), dd_scenario_get_title (self->scenario));
      if (dd_scenario_get_summary (self->scenario) != NULL)
        dd_report_para (doc, DD_DOC_STYLE_BODY, dd_scenario_get_summary (self->scenario));
      para_field (doc, _("Drill form: "), dd_scenario_get_form_label (self->scenario));
      if (t0 != NULL)
        {
          start = g_date_time_format (t0, "%Y-%m-%d %H:%M");
          para_field (doc, _("Simulated start (T+0): "), start);
        }
      truth = g_strdup_printf ("%s%s%s，%s；%s %s",
                               cat != NULL ? cat->name : inc->category,
                               sub != NULL ? " / " : "", sub != NULL ? sub->name : "",
                               sev != NULL ? sev->full_name : inc->severity,
                               inc->unit_name != NULL ? inc->unit_name : dd_report_role_name (plan, inc->unit),
                               inc->system != NULL ? inc->system : "");
      para_field (doc, _("Incident (the truth): "), truth);
    }

  /* Duration on both clocks. */
  for (guint i = 0; i < self->events->len; i++)
    {
      const Event *e = g_ptr_array_index (self->events, i);
      if (i == 0 || e->at < first)
        first = e->at;
      if (i == 0 || e->at > last)
        last = e->at;
      if (e->wall_us != 0 && (wall0 == 0 || e->wall_us < wall0))
        wall0 = e->wall_us;
      if (e->wall_us > wall1)
        wall1 = e->wall_us;
    }
  {
    g_autofree char *sim = duration_text (last - first);
    g_autofree char *wall = duration_text ((wall1 - wall0) / G_USEC_PER_SEC);
    g_autofree char *both = g_strdup_printf (_("%s simulated, %s wall clock; %u injects and actions recorded"),
                                             sim, wall, self->events->len);
    para_field (doc, _("Duration: "), both);
  }
  {
    g_autofree char *status = status_text (self);

    if (status != NULL)
      para_field (doc, _("Status: "), status);
  }

  if (self->has_overall)
    {
      const DdRating *r = dd_report_rating_for (self, self->overall);
      g_autofree char *score = g_strdup_printf (_("%.1f of %.0f (%s); %u findings"),
                                                self->overall, dd_plan_get_scoring (plan)->max_score,
                                                r != NULL ? r->name : "", self->findings->len);
      para_field (doc, _("Overall score: "), score);
    }

  if (self->scenario != NULL)
    {
      GPtrArray *objectives = dd_scenario_get_objectives (self->scenario);
      GPtrArray *participants = dd_scenario_get_participants (self->scenario);
      double ow[] = { 0.5, 4.2, 1.1, 1.4 };
      double pw[] = { 0.5, 2.6, 3.0 };

      dd_doc_heading (doc, 2, _("Objectives and ratings"));
      t = dd_report_table_with_header (doc, ow,
                             _("No."),
                             _("Objective"),
                             _("Clauses"),
                             _("Rating"), NULL);
      for (guint i = 0; i < objectives->len; i++)
        {
          const DdObjective *o = g_ptr_array_index (objectives, i);
          g_autofree char *n = g_strdup_printf ("%u", i + 1);
          g_autofree char *clauses = g_strjoinv (" ", o->clauses);
          const char *rid = g_hash_table_lookup (self->objective_ratings, o->id);
          const DdRatingOverride *set = self->replay != NULL ? dd_replay_get_rating (self->replay, o->id) : NULL;
          g_autofree char *rating = NULL;

          if (set != NULL)
            /* Translators: the evaluator's rating letter, then the computed suggestion */
            rating = g_strdup_printf (_("%c (evaluator; suggested: %s)"), set->rating,
                                      rid != NULL ? rating_name (self, rid) : "");
          dd_doc_table_row (t);
          dd_report_cell_center (t, n);
          dd_report_cell_text (t, o->text, 1);
          dd_report_cell_center (t, clauses);
          dd_report_cell_center (t, rating != NULL ? rating : rid != NULL ? rating_name (self, rid) : "");
        }

      dd_doc_heading (doc, 2, _("Participating units and people"));
      t = dd_report_table_with_header (doc, pw,
                             _("No."),
                             _("Role"),
                             _("Played by"), NULL);
      for (guint i = 0; i < participants->len; i++)
        {
          const DdParticipant *p = g_ptr_array_index (participants, i);
          g_autofree char *n = g_strdup_printf ("%u", i + 1);
          const DdRole *role = dd_plan_lookup_role (plan, p->role);
          /* The names entered at set-up; the scenario's only when none was */
          const char *player = dd_report_get_player (self, p->role);

          dd_doc_table_row (t);
          dd_report_cell_center (t, n);
          dd_report_cell_text (t, role != NULL ? (role->short_name ? role->short_name : role->name) : p->role, 1);
          dd_report_cell_text (t, player != NULL ? player : "", 1);
        }
    }

  add_corrections (self, doc);
}

/* --- the timeline chart ------------------------------------------- */

static void
add_finding_block (DdReport      *self,
                   DdDoc         *doc,
                   const Finding *f)
{
  const DdRule *rule = f->rule != NULL ? dd_plan_lookup_rule (self->plan, f->rule) : NULL;
  g_autofree char *when = f->at != DD_REPORT_NO_TIME ? dd_report_offset_text (f->at) : g_strdup (_("never"));
  g_autofree char *clause = dd_report_esc (f->clause);
  g_autofree char *who = dd_report_esc (f->role != NULL ? dd_report_role_name (self->plan, f->role) : "");
  g_autofree char *sev = dd_report_esc (dd_report_severity_label (f->severity));
  g_autofree char *head = NULL;
  g_autofree char *what = NULL;
  guint32 c = dd_report_severity_rgb (f->severity);

  head = g_strdup_printf ("<span foreground=\"#%06x\">%s %s</span>　<b>%s %s</b>　%s　%s",
                          c, severity_symbol (f->severity), sev,
                          _("Clause"), clause, when, who);
  dd_doc_keep_begin (doc);
  dd_doc_paragraph (doc, DD_DOC_STYLE_PLAIN, head);
  if (rule != NULL && rule->text != NULL)
    {
      g_autofree char *q = dd_report_esc (rule->text);
      g_autofree char *m = g_strdup_printf ("“%s”", q);
      dd_doc_paragraph (doc, DD_DOC_STYLE_QUOTE, m);
    }
  what = g_strdup_printf ("%s%s", _("What happened: "), f->message != NULL ? f->message : "");
  dd_report_para (doc, DD_DOC_STYLE_BODY, what);
  dd_doc_keep_end (doc);
}

static void
add_findings (DdReport *self,
              DdDoc    *doc)
{
  GPtrArray *phases = dd_plan_get_phases (self->plan);
  double w[] = { 2.6, 0.8, 0.8, 0.8, 0.8 };
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GPtrArray) roles = g_ptr_array_new ();
  DdDocTable *t;

  dd_doc_heading (doc, 1, _("3. Findings"));
  if (self->findings->len == 0)
    {
      dd_report_para (doc, DD_DOC_STYLE_BODY, _("No finding: every action checked kept to the plan."));
      return;
    }

  for (guint p = 0; p <= phases->len; p++)
    {
      const DdPhase *ph = p < phases->len ? g_ptr_array_index (phases, p) : NULL;
      gboolean any = FALSE;

      for (guint i = 0; i < self->findings->len; i++)
        {
          const Finding *f = g_ptr_array_index (self->findings, i);
          gboolean match = ph != NULL ? g_strcmp0 (f->phase, ph->id) == 0
                                      : dd_plan_lookup_phase (self->plan, f->phase ? f->phase : "") == NULL;
          if (!match)
            continue;
          if (!any)
            {
              g_autofree char *h = ph != NULL ? g_strdup_printf ("%s（%s）", ph->name, ph->clause ? ph->clause : "")
                                              : g_strdup (_("Other findings"));
              dd_doc_heading (doc, 2, h);
              any = TRUE;
            }
          add_finding_block (self, doc, f);
        }
    }

  /* By role. */
  for (guint i = 0; i < self->findings->len; i++)
    {
      const Finding *f = g_ptr_array_index (self->findings, i);
      const char *key = f->role != NULL ? f->role : "";
      guint *c = g_hash_table_lookup (counts, key);

      if (c == NULL)
        {
          c = g_new0 (guint, 3);
          g_hash_table_insert (counts, (gpointer) key, c);
          g_ptr_array_add (roles, (gpointer) key);
        }
      c[MIN ((guint) f->severity, 2)]++;
    }
  dd_doc_heading (doc, 2, _("Findings by role"));
  t = dd_report_table_with_header (doc, w,
                         _("Role"),
                         dd_report_severity_label (DD_FINDING_SEVERITY_MINOR),
                         dd_report_severity_label (DD_FINDING_SEVERITY_MAJOR),
                         dd_report_severity_label (DD_FINDING_SEVERITY_CRITICAL),
                         _("Total"), NULL);
  for (guint i = 0; i < roles->len; i++)
    {
      const char *key = g_ptr_array_index (roles, i);
      guint *c = g_hash_table_lookup (counts, key);
      g_autofree char *a = g_strdup_printf ("%u", c[0]);
      g_autofree char *b = g_strdup_printf ("%u", c[1]);
      g_autofree char *d = g_strdup_printf ("%u", c[2]);
      g_autofree char *s = g_strdup_printf ("%u", c[0] + c[1] + c[2]);

      dd_doc_table_row (t);
      dd_report_cell_text (t, *key ? dd_report_role_name (self->plan, key) : _("(no single role)"), 1);
      dd_report_cell_center (t, a);
      dd_report_cell_center (t, b);
      dd_report_cell_center (t, d);
      dd_report_cell_center (t, s);
    }
}

static void
add_improvement (DdReport *self,
                 DdDoc    *doc)
{
  double w[] = { 0.45, 3.2, 0.8, 1.5, 1.1 };
  DdDocTable *t;

  dd_doc_heading (doc, 1, _("7. Evaluator observations and improvement plan"));
  dd_doc_heading (doc, 2, _("Observations"));
  if (self->observations->len == 0)
    dd_report_para (doc, DD_DOC_STYLE_BODY, _("No observation was recorded."));
  for (guint i = 0; i < self->observations->len; i++)
    {
      const DdReportObservation *o = g_ptr_array_index (self->observations, i);
      const DdPhase *ph = o->phase != NULL ? dd_plan_lookup_phase (self->plan, o->phase) : NULL;
      g_autofree char *when = o->sim_seconds >= 0 ? dd_report_offset_text ((gint64) o->sim_seconds) : NULL;
      g_autofree char *t1 = dd_report_esc (o->text);
      g_autofree char *meta = NULL;
      g_autofree char *m = NULL;

      meta = g_strdup_printf ("%s%s%s%s%s", o->author ? o->author : "",
                              when ? "　" : "", when ? when : "",
                              ph ? "　" : "", ph ? ph->name : "");
      {
        g_autofree char *me = dd_report_esc (meta);
        m = g_strdup_printf ("%u. %s <span size=\"9pt\" foreground=\"#555555\">（%s）</span>", i + 1, t1, me);
      }
      dd_doc_paragraph (doc, DD_DOC_STYLE_PLAIN, m);
    }

  dd_doc_heading (doc, 2, _("Improvement plan"));
  t = dd_report_table_with_header (doc, w,
                         _("No."),
                         _("Corrective action"),
                         _("Clause"),
                         _("Owner unit"),
                         _("Due date"), NULL);
  for (guint i = 0; i < MAX (self->improvements->len, 4); i++)
    {
      const DdReportImprovement *im = i < self->improvements->len ? g_ptr_array_index (self->improvements, i) : NULL;
      g_autofree char *n = g_strdup_printf ("%u", i + 1);

      dd_doc_table_row_min (t, im != NULL ? 0.0 : 26.0);
      dd_report_cell_center (t, n);
      dd_report_cell_text (t, im ? im->action : "", 1);
      dd_report_cell_center (t, im ? im->clause : "");
      dd_report_cell_text (t, im && im->owner ? dd_report_role_name (self->plan, im->owner) : "", 1);
      dd_report_cell_center (t, im ? im->due : "");
    }
}

/* ------------------------------------------------------------------ */
/* Building                                                            */

void
dd_report_build (DdReport *self)
{
  DdDoc *doc;
  g_autofree char *form_heading = NULL;
  gboolean official = self->style == DD_REPORT_STYLE_OFFICIAL;

  g_clear_pointer (&self->doc, dd_doc_free);
  doc = self->doc = dd_doc_new ();
  if (official)
    {
      dd_doc_set_look (doc, DD_DOC_LOOK_OFFICIAL);
      dd_doc_set_heading_func (doc, dd_report_official_heading_cb, NULL);
    }
  dd_doc_set_header_text (doc, self->scenario != NULL ? dd_scenario_get_title (self->scenario) : self->title);
  dd_doc_set_page_label_func (doc, page_label_cb, NULL);

  add_cover (self, doc);

  /* An official document runs on; the report starts each part on a page */
  if (!official)
    dd_doc_page_break (doc, FALSE);
  add_summary (self, doc);
  dd_report_add_timeline (self, doc);
  if (!official)
    dd_doc_page_break (doc, FALSE);
  add_findings (self, doc);
  dd_report_add_scores (self, doc);

  if (!official)
    dd_doc_page_break (doc, FALSE);
  form_heading = g_strdup_printf (_("5. Reports filed (form %s)"),
                                  dd_plan_get_form_clause (self->plan));
  dd_doc_heading (doc, 1, form_heading);
  if (dd_report_add_reports (self, doc) == 0)
    {
      dd_report_para (doc, DD_DOC_STYLE_BODY, _("No report was filed in this drill. The blank form is printed for reference."));
      dd_report_add_form_8_3 (self, doc, NULL, NULL);
    }

  dd_report_add_charts (self, doc);

  dd_doc_page_break (doc, FALSE);
  add_improvement (self, doc);
  dd_report_add_follow_ups (self, doc);
  add_sign_off (self, doc);
  if (official)
    {
      g_autofree char *appendix = phone_heading (self);

      dd_report_add_official_close (self, doc, appendix);
    }
  add_phone_table (self, doc);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */
