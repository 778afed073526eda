/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-report.c — the after-action review (see dd-report.h)
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

#include "dd-error.h"
#include "dd-report.h"
#include "dd-report-private.h"
#include "dd-report-doc.h"
#include "dd-chart.h"

struct _DdReport
{
  GObject    parent_instance;

  DdPlan    *plan;
  DdJournal *journal;
  char      *date;
  char      *title;
  GPtrArray *observations;       /* of DdReportObservation */
  GPtrArray *improvements;       /* of DdReportImprovement */

  DdScenario *scenario;
  DdReplay   *replay;            /* the drill as replayed, or NULL (built by hand) */
  GPtrArray  *events;            /* of Event, journal order */
  GPtrArray  *findings;          /* of Finding */
  GHashTable *phase_scores;      /* phase id → double* */
  GHashTable *role_scores;       /* role id → double* */
  GHashTable *objective_ratings; /* objective id → rating id */
  double      overall;
  gboolean    has_overall;

  DdDoc     *doc;
};

G_DEFINE_FINAL_TYPE (DdReport, dd_report, G_TYPE_OBJECT)


/* A box checked and one not, on form 8.3. */
#define BOX_ON  "\xe2\x96\xa0"   /* U+25A0 */
#define BOX_OFF "\xe2\x96\xa1"   /* U+25A1 */

#define FILL_NONE  0xffffff
#define FILL_LABEL 0xf2f2f2
#define FILL_HEAD  0xe6e6e6

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

static void
observation_free (gpointer data)
{
  DdReportObservation *o = data;

  g_free (o->author);
  g_free (o->phase);
  g_free (o->text);
  g_free (o);
}

static void
improvement_free (gpointer data)
{
  DdReportImprovement *i = data;

  g_free (i->action);
  g_free (i->clause);
  g_free (i->owner);
  g_free (i->due);
  g_free (i);
}

static void
event_free (gpointer data)
{
  Event *e = data;

  g_free (e->inject_id);
  g_free (e->role);
  g_free (e->source);
  g_free (e->kind);
  g_free (e->title);
  g_free (e->text);
  g_free (e->report_type);
  g_free (e->level);
  g_strfreev (e->to);
  g_clear_pointer (&e->fields, g_hash_table_unref);
  g_free (e);
}

static void
finding_free (gpointer data)
{
  Finding *f = data;

  g_free (f->rule);
  g_free (f->clause);
  g_free (f->phase);
  g_free (f->role);
  g_free (f->message);
  g_free (f);
}

static const char *
member_string (JsonObject *o,
               const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL || JSON_NODE_TYPE (n) != JSON_NODE_VALUE ||
      json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (n);
}

static char *
esc (const char *text)
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
static char *
nobreak (const char *text)
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

static const DdRole *
organiser_role (DdPlan *plan)
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

static const char *
role_name (DdPlan     *plan,
           const char *role_id)
{
  const DdRole *role = role_id != NULL ? dd_plan_lookup_role (plan, role_id) : NULL;

  return role != NULL ? role->name : role_id;
}

/* Table cells with the common looks. */
static void
cell_label (DdDocTable *t,
            const char *text,
            guint       colspan)
{
  g_autofree char *m = esc (text);

  dd_doc_table_cell_full (t, m, colspan, DD_DOC_STYLE_CELL_HEAD,
                          DD_DOC_ALIGN_CENTER, FILL_LABEL);
}

static void
cell_text (DdDocTable *t,
           const char *text,
           guint       colspan)
{
  g_autofree char *m = esc (text);

  dd_doc_table_cell_full (t, m, colspan, DD_DOC_STYLE_CELL,
                          DD_DOC_ALIGN_LEFT, FILL_NONE);
}

static void
cell_center (DdDocTable *t,
             const char *text)
{
  g_autofree char *m = esc (text);

  dd_doc_table_cell_full (t, m, 1, DD_DOC_STYLE_CELL,
                          DD_DOC_ALIGN_CENTER, FILL_NONE);
}

/* A table whose header row holds @heads (NULL-terminated). */
static DdDocTable *
table_with_header (DdDoc        *doc,
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

static void
para (DdDoc      *doc,
      DdDocStyle  style,
      const char *text)
{
  g_autofree char *m = esc (text);

  dd_doc_paragraph (doc, style, m);
}

/* "label：value" in body text, the label in sans. */
static void
para_field (DdDoc      *doc,
            const char *label,
            const char *value)
{
  g_autofree char *l = esc (label);
  g_autofree char *v = esc (value);
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

static char *
report_date (DdReport *self)
{
  char *date;

  if (self->date != NULL)
    return g_strdup (self->date);
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
  const DdRole *organiser = organiser_role (self->plan);
  g_autoptr(GDateTime) due = dd_plan_get_revision_due (self->plan);
  g_autofree char *due_str = due != NULL ? g_date_time_format (due, "%Y-%m-%d") : NULL;
  g_autofree char *date = report_date (self);
  g_autofree char *plan_line = NULL;
  g_autofree char *doc_line = NULL;
  DdDocTable *t;
  double widths[] = { 1.0, 2.6 };

  dd_doc_plain_page (doc);
  dd_doc_outline_mark (doc, 1, _("Cover"));
  dd_doc_space (doc, 110.0);
  para (doc, DD_DOC_STYLE_SUBTITLE, id->title);
  dd_doc_space (doc, 14.0);
  para (doc, DD_DOC_STYLE_TITLE, self->title);
  dd_doc_space (doc, 70.0);

  t = dd_doc_table (doc, 2, widths);
  dd_doc_table_end_header (t);

  dd_doc_table_row_min (t, 24.0);
  cell_label (t, _("Organiser"), 1);
  cell_text (t, organiser != NULL ? organiser->name : "", 1);

  dd_doc_table_row_min (t, 24.0);
  cell_label (t, _("Drill date"), 1);
  cell_text (t, date, 1);

  dd_doc_table_row_min (t, 24.0);
  cell_label (t, _("Drill form"), 1);
  cell_text (t, self->scenario != NULL && dd_scenario_get_form_label (self->scenario) != NULL
                  ? dd_scenario_get_form_label (self->scenario)
                  : _("Tabletop exercise"), 1);

  if (status != NULL)
    {
      dd_doc_table_row_min (t, 24.0);
      cell_label (t, _("Status of the drill"), 1);
      cell_text (t, status, 1);
    }

  plan_line = g_strdup_printf ("%s（%s）", id->title, id->doc_number);
  dd_doc_table_row_min (t, 24.0);
  cell_label (t, _("Plan"), 1);
  cell_text (t, plan_line, 1);

  doc_line = g_strdup_printf (_("issued %s; revision due %s"),
                              id->issued != NULL ? id->issued : "",
                              due_str != NULL ? due_str : "");
  dd_doc_table_row_min (t, 24.0);
  cell_label (t, _("Plan issued and revision"), 1);
  cell_text (t, doc_line, 1);

  dd_doc_table_row_min (t, 24.0);
  cell_label (t, _("Journal head (SHA-256)"), 1);
  if (self->journal != NULL)
    {
      g_autofree char *h = esc (dd_journal_get_head_hash (self->journal));
      g_autofree char *m = g_strdup_printf ("<span font_family=\"Noto Sans Mono CJK SC\" size=\"8.5pt\">%s</span>", h);
      dd_doc_table_cell_full (t, m, 1, DD_DOC_STYLE_CELL, DD_DOC_ALIGN_LEFT, FILL_NONE);
    }
  else
    cell_text (t, _("no journal"), 1);

  dd_doc_space (doc, 60.0);
  if (organiser != NULL)
    para (doc, DD_DOC_STYLE_SUBTITLE, organiser->name);
  para (doc, DD_DOC_STYLE_SUBTITLE, date);
}

static void
add_form_8_3 (DdReport   *self,
              DdDoc      *doc,
              GHashTable *values,     /* field id → text, or NULL: blank form */
              const char *caption)
{
  DdPlan *plan = self->plan;
  GPtrArray *fields = dd_plan_get_form_fields (plan);
  double widths[] = { 1.25, 2.0, 1.25, 2.0 };
  DdDocTable *t;
  const DdFormField *pending = NULL;

  dd_doc_keep_begin (doc);
  if (caption != NULL)
    {
      g_autofree char *m = esc (caption);
      dd_doc_paragraph (doc, DD_DOC_STYLE_CAPTION, m);
    }
  {
    g_autofree char *title = esc (dd_plan_get_form_title (plan));
    g_autofree char *m = g_strdup_printf ("<span font_family=\"Noto Sans CJK SC\" weight=\"bold\" size=\"13pt\">%s</span>", title);
    dd_doc_paragraph_aligned (doc, DD_DOC_STYLE_PLAIN, DD_DOC_ALIGN_CENTER, m);
  }

  t = dd_doc_table (doc, 4, widths);
  dd_doc_table_end_header (t);

  for (guint i = 0; i < fields->len; i++)
    {
      const DdFormField *f = g_ptr_array_index (fields, i);
      const char *value = values != NULL ? g_hash_table_lookup (values, f->id) : NULL;

      switch (f->type)
        {
        case DD_FIELD_TYPE_TEXT:
        case DD_FIELD_TYPE_DATETIME:
          /* Short fields go two to a row. */
          if (pending == NULL)
            {
              pending = f;
              dd_doc_table_row_min (t, 26.0);
              cell_label (t, f->label, 1);
              cell_text (t, value, 1);
            }
          else
            {
              cell_label (t, f->label, 1);
              cell_text (t, value, 1);
              pending = NULL;
            }
          continue;

        case DD_FIELD_TYPE_CATEGORY:
        case DD_FIELD_TYPE_SEVERITY:
        case DD_FIELD_TYPE_HAZARDS:
          {
            g_autoptr(GString) boxes = g_string_new (NULL);
            g_auto(GStrv) chosen = g_strsplit (value != NULL ? value : "", " ", -1);
            GPtrArray *options = NULL;

            if (pending != NULL)
              {
                cell_text (t, "", 2);
                pending = NULL;
              }
            if (f->type == DD_FIELD_TYPE_CATEGORY)
              options = dd_plan_get_categories (plan);
            else if (f->type == DD_FIELD_TYPE_SEVERITY)
              options = dd_plan_get_severities (plan);
            else
              options = dd_plan_get_hazards (plan);

            for (guint k = 0; k < options->len; k++)
              {
                const char *oid, *olabel;
                gboolean on;
                g_autofree char *l = NULL;

                if (f->type == DD_FIELD_TYPE_CATEGORY)
                  {
                    const DdCategory *c = g_ptr_array_index (options, k);
                    oid = c->id;
                    olabel = c->form_label != NULL ? c->form_label : c->name;
                  }
                else if (f->type == DD_FIELD_TYPE_SEVERITY)
                  {
                    const DdSeverity *s = g_ptr_array_index (options, k);
                    oid = s->id;
                    olabel = s->name;
                  }
                else
                  {
                    const DdOption *o = g_ptr_array_index (options, k);
                    oid = o->id;
                    olabel = o->label;
                  }
                on = g_strv_contains ((const char * const *) chosen, oid);
                l = nobreak (olabel);
                if (boxes->len > 0)
                  g_string_append (boxes, "\xe3\x80\x80"); /* ideographic space */
                g_string_append_printf (boxes, on ? "<b>%s\xe2\x81\xa0%s</b>" : "%s\xe2\x81\xa0%s",
                                        on ? BOX_ON : BOX_OFF, l);
              }
            dd_doc_table_row_min (t, 26.0);
            cell_label (t, f->label, 1);
            dd_doc_table_cell_full (t, boxes->str, 3, DD_DOC_STYLE_CELL,
                                    DD_DOC_ALIGN_LEFT, FILL_NONE);
          }
          continue;

        case DD_FIELD_TYPE_LONGTEXT:
        default:
          {
            g_autofree char *l = esc (f->label);
            g_autofree char *v = esc (value);
            g_autofree char *m = g_strdup_printf ("<span font_family=\"Noto Sans CJK SC\" weight=\"bold\">%s：</span>\n%s", l, v);

            if (pending != NULL)
              {
                cell_text (t, "", 2);
                pending = NULL;
              }
            dd_doc_table_row_min (t, values != NULL ? 48.0 : 64.0);
            dd_doc_table_cell_full (t, m, 4, DD_DOC_STYLE_CELL,
                                    DD_DOC_ALIGN_LEFT, FILL_NONE);
          }
          continue;
        }
    }
  if (pending != NULL)
    cell_text (t, "", 2);
  dd_doc_keep_end (doc);
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
  para (doc, DD_DOC_STYLE_BODY,
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
      cell_label (t, _(who[i]), 1);
      cell_text (t, "", 1);
      cell_text (t, "", 1);
      cell_text (t, "", 1);
    }
  dd_doc_keep_end (doc);
}

static void
add_phone_table (DdReport *self,
                 DdDoc    *doc)
{
  GPtrArray *rows = dd_plan_get_phone_rows (self->plan);
  const char *area = dd_plan_get_phone_area_code (self->plan);
  const char *title = dd_plan_get_phone_table_title (self->plan);
  g_autofree char *heading = g_strdup_printf (_("Appendix: %s"), title != NULL ? title : "");
  double widths[] = { 0.45, 2.3, 1.6, 0.45, 2.3, 1.6 };
  guint half = (rows->len + 1) / 2;
  DdDocTable *t;

  dd_doc_page_break (doc, FALSE);
  dd_doc_heading (doc, 1, heading);
  if (area != NULL)
    {
      g_autofree char *note = g_strdup_printf (_("Numbers without an area code are in area %s."), area);
      para (doc, DD_DOC_STYLE_SMALL, note);
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
              cell_center (t, n);
              cell_text (t, row->unit, 1);
              cell_center (t, row->phone);
            }
          else
            {
              cell_text (t, "", 1);
              cell_text (t, "", 1);
              cell_text (t, "", 1);
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

static const char *
severity_label (DdFindingSeverity severity)
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

static guint32
severity_rgb (DdFindingSeverity severity)
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

static void
rgb (cairo_t *cr,
     guint32  c,
     double   alpha)
{
  cairo_set_source_rgba (cr, ((c >> 16) & 0xff) / 255.0, ((c >> 8) & 0xff) / 255.0,
                         (c & 0xff) / 255.0, alpha);
}

static const char *
event_phase (DdReport    *self,
             const Event *e)
{
  const DdActionKind *k = e->kind != NULL ? dd_plan_lookup_action_kind (self->plan, e->kind) : NULL;

  return k != NULL ? k->phase : NULL;
}

static const char *
kind_name (DdReport   *self,
           const char *kind)
{
  const DdActionKind *k = kind != NULL ? dd_plan_lookup_action_kind (self->plan, kind) : NULL;

  return k != NULL ? k->name : kind;
}

static const DdRating *
rating_for (DdReport *self,
            double    score)
{
  return dd_scoring_rate (dd_plan_get_scoring (self->plan), score);
}

static const char *
rating_name (DdReport   *self,
             const char *rating_id)
{
  const DdScoring *scoring = dd_plan_get_scoring (self->plan);

  for (guint i = 0; scoring->ratings != NULL && i < scoring->ratings->len; i++)
    {
      const DdRating *r = g_ptr_array_index (scoring->ratings, i);
      if (g_strcmp0 (r->id, rating_id) == 0)
        return r->name;
    }
  return rating_id;
}

static void
sim_span (DdReport *self,
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
  para (doc, DD_DOC_STYLE_BODY,
        _("Nothing in the journal is overwritten: each correction is a record of its own that points at the "
          "action it corrects."));
  t = table_with_header (doc, w, _("Time"), _("Action recorded"), _("Correction and reason"), _("By"), NULL);
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
          what = g_strdup_printf (_("%s %s: %s"), at, role_name (self->plan, a->role), kind_name (self, a->kind));
        }
      if (c->withdraw)
        how = g_strdup_printf (_("Withdrawn: %s"), c->reason);
      else
        {
          g_autofree char *at = c->has_at ? dd_report_offset_text (c->at) : NULL;

          /* Translators: the corrected role and time (either may be empty), then the reason */
          how = g_strdup_printf (_("Corrected to %s %s: %s"),
                                 c->role != NULL ? role_name (self->plan, c->role) : "",
                                 at != NULL ? at : "", c->reason);
        }
      dd_doc_table_row (t);
      cell_center (t, when);
      cell_text (t, what != NULL ? what : "", 1);
      cell_text (t, how, 1);
      cell_text (t, c->by != NULL ? c->by : "", 1);
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
        para (doc, DD_DOC_STYLE_BODY, dd_scenario_get_summary (self->scenario));
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
                               inc->unit_name != NULL ? inc->unit_name : role_name (plan, inc->unit),
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
      const DdRating *r = rating_for (self, self->overall);
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
      t = table_with_header (doc, ow,
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
          cell_center (t, n);
          cell_text (t, o->text, 1);
          cell_center (t, clauses);
          cell_center (t, rating != NULL ? rating : rid != NULL ? rating_name (self, rid) : "");
        }

      dd_doc_heading (doc, 2, _("Participating units and people"));
      t = table_with_header (doc, pw,
                             _("No."),
                             _("Role"),
                             _("Played by"), NULL);
      for (guint i = 0; i < participants->len; i++)
        {
          const DdParticipant *p = g_ptr_array_index (participants, i);
          g_autofree char *n = g_strdup_printf ("%u", i + 1);
          const DdRole *role = dd_plan_lookup_role (plan, p->role);
          /* The names entered at set-up; the scenario's only when none was */
          const char *player = self->replay != NULL ? dd_replay_get_player (self->replay, p->role) : NULL;

          dd_doc_table_row (t);
          cell_center (t, n);
          cell_text (t, role != NULL ? (role->short_name ? role->short_name : role->name) : p->role, 1);
          cell_text (t, player != NULL ? player : p->player, 1);
        }
    }

  add_corrections (self, doc);
}

/* --- the timeline chart ------------------------------------------- */

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

  sim_span (self, &from, &to);
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
              if (!e->is_inject && g_strcmp0 (event_phase (self, e), ph->id) == 0)
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
          const DdPhase *ph = event_phase (self, e) ? dd_plan_lookup_phase (self->plan, event_phase (self, e)) : NULL;
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
      rgb (cr, severity_rgb (f->severity), 1.0);
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
        g_autofree char *t = g_strdup_printf (_("%s finding"), severity_label (sevs[k]));
        marker (cr, sevs[k], lx, ly, 3.6);
        rgb (cr, severity_rgb (sevs[k]), 1.0);
        cairo_fill (cr);
        cairo_set_source_rgb (cr, 0, 0, 0);
        label (fd, cr, t, 7.5, FALSE, lx + 6, ly, 0.0, 0.5);
        lx += 56;
      }
  }
#undef X
}

static void
add_timeline (DdReport *self,
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
  para (doc, DD_DOC_STYLE_CAPTION, caption);
  dd_doc_keep_end (doc);

  /* The log itself, as a table. */
  {
    double w[] = { 0.9, 0.9, 1.7, 3.6 };
    DdDocTable *t;

    dd_doc_heading (doc, 2, _("Log of injects and actions"));
    t = table_with_header (doc, w,
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
          what = g_strdup_printf ("%s%s%s", kind_name (self, e->kind),
                                  e->text ? "：" : "", e->text ? e->text : "");
        what_m = esc (what);
        dd_doc_table_row (t);
        cell_center (t, sim);
        cell_center (t, wall);
        cell_text (t, e->role ? role_name (self->plan, e->role) : e->source, 1);
        dd_doc_table_cell_full (t, what_m, 1, DD_DOC_STYLE_CELL, DD_DOC_ALIGN_LEFT,
                                e->is_inject ? 0xf4f7fb : FILL_NONE);
      }
  }
}

/* --- findings ----------------------------------------------------- */

static void
add_finding_block (DdReport      *self,
                   DdDoc         *doc,
                   const Finding *f)
{
  const DdRule *rule = f->rule != NULL ? dd_plan_lookup_rule (self->plan, f->rule) : NULL;
  g_autofree char *when = f->at != DD_REPORT_NO_TIME ? dd_report_offset_text (f->at) : g_strdup (_("never"));
  g_autofree char *clause = esc (f->clause);
  g_autofree char *who = esc (f->role != NULL ? role_name (self->plan, f->role) : "");
  g_autofree char *sev = esc (severity_label (f->severity));
  g_autofree char *head = NULL;
  g_autofree char *what = NULL;
  guint32 c = severity_rgb (f->severity);

  head = g_strdup_printf ("<span foreground=\"#%06x\">%s %s</span>　<b>%s %s</b>　%s　%s",
                          c, severity_symbol (f->severity), sev,
                          _("Clause"), clause, when, who);
  dd_doc_keep_begin (doc);
  dd_doc_paragraph (doc, DD_DOC_STYLE_PLAIN, head);
  if (rule != NULL && rule->text != NULL)
    {
      g_autofree char *q = esc (rule->text);
      g_autofree char *m = g_strdup_printf ("“%s”", q);
      dd_doc_paragraph (doc, DD_DOC_STYLE_QUOTE, m);
    }
  what = g_strdup_printf ("%s%s", _("What happened: "), f->message != NULL ? f->message : "");
  para (doc, DD_DOC_STYLE_BODY, what);
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
      para (doc, DD_DOC_STYLE_BODY, _("No finding: every action checked kept to the plan."));
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
  t = table_with_header (doc, w,
                         _("Role"),
                         severity_label (DD_FINDING_SEVERITY_MINOR),
                         severity_label (DD_FINDING_SEVERITY_MAJOR),
                         severity_label (DD_FINDING_SEVERITY_CRITICAL),
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
      cell_text (t, *key ? role_name (self->plan, key) : _("(no single role)"), 1);
      cell_center (t, a);
      cell_center (t, b);
      cell_center (t, d);
      cell_center (t, s);
    }
}

/* --- scores ------------------------------------------------------- */

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
      const DdRating *r = score != NULL ? rating_for (self, *score) : NULL;
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
          rgb (cr, colours[MIN (rank, 3)], 1.0);
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

static void
add_scores (DdReport *self,
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
  t = table_with_header (doc, w,
                         _("Phase"),
                         _("Clause"),
                         _("Score"),
                         _("Rating"),
                         _("Findings"), NULL);
  for (guint i = 0; i < phases->len; i++)
    {
      const DdPhase *ph = g_ptr_array_index (phases, i);
      double *score = g_hash_table_lookup (self->phase_scores, ph->id);
      const DdRating *r = score != NULL ? rating_for (self, *score) : NULL;
      g_autofree char *s = score != NULL ? g_strdup_printf ("%.1f", *score) : g_strdup ("—");
      guint n = 0;
      g_autofree char *ns = NULL;

      for (guint k = 0; k < self->findings->len; k++)
        if (g_strcmp0 (((Finding *) g_ptr_array_index (self->findings, k))->phase, ph->id) == 0)
          n++;
      ns = g_strdup_printf ("%u", n);
      dd_doc_table_row (t);
      cell_text (t, ph->name, 1);
      cell_center (t, ph->clause);
      cell_center (t, s);
      cell_center (t, r != NULL ? r->name : "");
      cell_center (t, ns);
    }

  dd_doc_keep_begin (doc);
  dd_doc_figure (doc, 0, 24 + phases->len * 18.0, draw_bars_cb,
                 figure_data_new (self), figure_data_free);
  para (doc, DD_DOC_STYLE_CAPTION, _("Figure 2. Score per phase"));
  dd_doc_keep_end (doc);

  g_hash_table_iter_init (&iter, self->role_scores);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_ptr_array_add (role_ids, key);
  g_ptr_array_sort (role_ids, compare_strings);
  if (role_ids->len > 0)
    {
      dd_doc_heading (doc, 2, _("By role"));
      t = table_with_header (doc, rw,
                             _("Role"),
                             _("Score"),
                             _("Rating"),
                             _("Findings"), NULL);
      for (guint i = 0; i < role_ids->len; i++)
        {
          const char *id = g_ptr_array_index (role_ids, i);
          double *score = g_hash_table_lookup (self->role_scores, id);
          const DdRating *r = rating_for (self, *score);
          g_autofree char *s = g_strdup_printf ("%.1f", *score);
          g_autofree char *ns = NULL;
          guint n = 0;

          for (guint k = 0; k < self->findings->len; k++)
            if (g_strcmp0 (((Finding *) g_ptr_array_index (self->findings, k))->role, id) == 0)
              n++;
          ns = g_strdup_printf ("%u", n);
          dd_doc_table_row (t);
          cell_text (t, role_name (self->plan, id), 1);
          cell_center (t, s);
          cell_center (t, r != NULL ? r->name : "");
          cell_center (t, ns);
        }
    }
}

/* --- reports filed ------------------------------------------------ */

static const char *
report_type_label (DdReport   *self,
                   const char *id)
{
  GPtrArray *types = dd_plan_get_report_types (self->plan);

  for (guint i = 0; i < types->len; i++)
    {
      const DdOption *o = g_ptr_array_index (types, i);
      if (g_strcmp0 (o->id, id) == 0)
        return o->label;
    }
  return id;
}

static guint
add_reports (DdReport *self,
             DdDoc    *doc)
{
  guint n = 0;

  for (guint i = 0; i < self->events->len; i++)
    {
      const Event *e = g_ptr_array_index (self->events, i);
      const DdActionKind *k = e->kind != NULL ? dd_plan_lookup_action_kind (self->plan, e->kind) : NULL;
      g_autofree char *when = NULL;
      g_autofree char *to = NULL;
      g_autofree char *caption = NULL;
      g_autoptr(GString) names = g_string_new (NULL);

      if (e->is_inject || k == NULL || k->form != DD_ACTION_FORM_REPORT)
        continue;
      n++;
      when = dd_report_offset_text (e->at);
      for (guint r = 0; e->to != NULL && e->to[r] != NULL; r++)
        g_string_append_printf (names, "%s%s", r ? "、" : "", role_name (self->plan, e->to[r]));
      caption = g_strdup_printf (_("Report %u: %s, %s by %s to %s"), n,
                                 report_type_label (self, e->report_type), when,
                                 role_name (self->plan, e->role), names->str);
      if (n > 1)
        dd_doc_space (doc, 10.0);
      add_form_8_3 (self, doc, e->fields, caption);
    }
  return n;
}

/* --- charts ------------------------------------------------------- */

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
  para (doc, DD_DOC_STYLE_CAPTION, caption);
}

static void
add_charts (DdReport *self,
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
  para (doc, DD_DOC_STYLE_SMALL,
        _("Units that acted and phases the drill went through are highlighted; units and phases with findings are marked."));
  dd_doc_heading (doc, 2, h1);
  add_chart_figure (self, doc, DD_CHART_KIND_ORG, 100.0);
  add_chart (self, doc, DD_CHART_KIND_FLOW, h2, _("Workflow with the path the drill took"));
}

/* --- observations and improvement plan ----------------------------- */

static void
add_improvement (DdReport *self,
                 DdDoc    *doc)
{
  double w[] = { 0.45, 3.2, 0.8, 1.5, 1.1 };
  DdDocTable *t;

  dd_doc_heading (doc, 1, _("7. Evaluator observations and improvement plan"));
  dd_doc_heading (doc, 2, _("Observations"));
  if (self->observations->len == 0)
    para (doc, DD_DOC_STYLE_BODY, _("No observation was recorded."));
  for (guint i = 0; i < self->observations->len; i++)
    {
      const DdReportObservation *o = g_ptr_array_index (self->observations, i);
      const DdPhase *ph = o->phase != NULL ? dd_plan_lookup_phase (self->plan, o->phase) : NULL;
      g_autofree char *when = o->sim_seconds >= 0 ? dd_report_offset_text ((gint64) o->sim_seconds) : NULL;
      g_autofree char *t1 = esc (o->text);
      g_autofree char *meta = NULL;
      g_autofree char *m = NULL;

      meta = g_strdup_printf ("%s%s%s%s%s", o->author ? o->author : "",
                              when ? "　" : "", when ? when : "",
                              ph ? "　" : "", ph ? ph->name : "");
      {
        g_autofree char *me = esc (meta);
        m = g_strdup_printf ("%u. %s <span size=\"9pt\" foreground=\"#555555\">（%s）</span>", i + 1, t1, me);
      }
      dd_doc_paragraph (doc, DD_DOC_STYLE_PLAIN, m);
    }

  dd_doc_heading (doc, 2, _("Improvement plan"));
  t = table_with_header (doc, w,
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
      cell_center (t, n);
      cell_text (t, im ? im->action : "", 1);
      cell_center (t, im ? im->clause : "");
      cell_text (t, im && im->owner ? role_name (self->plan, im->owner) : "", 1);
      cell_center (t, im ? im->due : "");
    }
}

/* ------------------------------------------------------------------ */
/* Building                                                            */

static void
build (DdReport *self)
{
  DdDoc *doc;
  g_autofree char *form_heading = NULL;

  g_clear_pointer (&self->doc, dd_doc_free);
  doc = self->doc = dd_doc_new ();
  dd_doc_set_header_text (doc, self->scenario != NULL ? dd_scenario_get_title (self->scenario) : self->title);
  dd_doc_set_page_label_func (doc, page_label_cb, NULL);

  add_cover (self, doc);

  dd_doc_page_break (doc, FALSE);
  add_summary (self, doc);
  add_timeline (self, doc);
  dd_doc_page_break (doc, FALSE);
  add_findings (self, doc);
  add_scores (self, doc);

  dd_doc_page_break (doc, FALSE);
  form_heading = g_strdup_printf (_("5. Reports filed (form %s)"),
                                  dd_plan_get_form_clause (self->plan));
  dd_doc_heading (doc, 1, form_heading);
  if (add_reports (self, doc) == 0)
    {
      para (doc, DD_DOC_STYLE_BODY, _("No report was filed in this drill. The blank form is printed for reference."));
      add_form_8_3 (self, doc, NULL, NULL);
    }

  add_charts (self, doc);

  dd_doc_page_break (doc, FALSE);
  add_improvement (self, doc);
  add_sign_off (self, doc);
  add_phone_table (self, doc);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
dd_report_finalize (GObject *object)
{
  DdReport *self = DD_REPORT (object);

  g_clear_pointer (&self->doc, dd_doc_free);
  g_clear_object (&self->plan);
  g_clear_object (&self->journal);
  g_clear_pointer (&self->observations, g_ptr_array_unref);
  g_clear_pointer (&self->improvements, g_ptr_array_unref);
  g_free (self->date);
  g_free (self->title);
  g_clear_object (&self->scenario);
  g_clear_object (&self->replay);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_pointer (&self->phase_scores, g_hash_table_unref);
  g_clear_pointer (&self->role_scores, g_hash_table_unref);
  g_clear_pointer (&self->objective_ratings, g_hash_table_unref);

  G_OBJECT_CLASS (dd_report_parent_class)->finalize (object);
}

static void
dd_report_class_init (DdReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dd_report_finalize;
}

static void
dd_report_init (DdReport *self)
{
  self->observations = g_ptr_array_new_with_free_func (observation_free);
  self->improvements = g_ptr_array_new_with_free_func (improvement_free);
  self->events = g_ptr_array_new_with_free_func (event_free);
  self->findings = g_ptr_array_new_with_free_func (finding_free);
  self->phase_scores = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->role_scores = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->objective_ratings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */

DdReport *
dd_report_new (DdPlan *plan)
{
  DdReport *self;

  g_return_val_if_fail (DD_IS_PLAN (plan), NULL);

  self = g_object_new (DD_TYPE_REPORT, NULL);
  self->plan = g_object_ref (plan);
  self->title = g_strdup (_("Drill After-Action Review"));
  return self;
}

DdPlan *
dd_report_get_plan (DdReport *self)
{
  g_return_val_if_fail (DD_IS_REPORT (self), NULL);
  return self->plan;
}

const char *
dd_report_get_title (DdReport *self)
{
  g_return_val_if_fail (DD_IS_REPORT (self), NULL);
  return self->title;
}

void
dd_report_set_journal (DdReport  *self,
                       DdJournal *journal)
{
  g_return_if_fail (DD_IS_REPORT (self));

  g_set_object (&self->journal, journal);
  g_clear_pointer (&self->doc, dd_doc_free);
}

void
dd_report_set_scenario (DdReport   *self,
                        DdScenario *scenario)
{
  g_return_if_fail (DD_IS_REPORT (self));

  g_set_object (&self->scenario, scenario);
  g_clear_pointer (&self->doc, dd_doc_free);
}

void
dd_report_add_inject (DdReport       *self,
                      guint64         seq,
                      const DdInject *inject,
                      gint64          at,
                      gint64          wall_us)
{
  Event *e;

  g_return_if_fail (DD_IS_REPORT (self));
  g_return_if_fail (inject != NULL);

  e = g_new0 (Event, 1);
  e->seq = seq;
  e->at = at;
  e->wall_us = wall_us;
  e->is_inject = TRUE;
  e->inject_id = g_strdup (inject->id);
  e->role = g_strdup (inject->from);
  e->source = g_strdup (inject->source);
  e->title = g_strdup (inject->title);
  e->text = g_strdup (inject->content);
  e->to = g_strdupv (inject->to);
  g_ptr_array_add (self->events, e);
  g_clear_pointer (&self->doc, dd_doc_free);
}

void
dd_report_add_action (DdReport       *self,
                      guint64         seq,
                      const DdAction *action)
{
  Event *e;

  g_return_if_fail (DD_IS_REPORT (self));
  g_return_if_fail (action != NULL);

  e = g_new0 (Event, 1);
  e->seq = seq;
  e->at = action->at;
  e->wall_us = action->wall_us;
  e->role = g_strdup (action->role);
  e->kind = g_strdup (action->kind);
  e->text = g_strdup (action->text);
  e->report_type = g_strdup (action->report_type);
  e->level = g_strdup (action->level);
  e->to = g_strdupv (action->to);
  if (action->field_ids != NULL && action->field_ids[0] != NULL)
    {
      e->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      for (guint i = 0; action->field_ids[i] != NULL && action->field_values[i] != NULL; i++)
        g_hash_table_insert (e->fields, g_strdup (action->field_ids[i]),
                             g_strdup (action->field_values[i]));
    }
  g_ptr_array_add (self->events, e);
  g_clear_pointer (&self->doc, dd_doc_free);
}

void
dd_report_add_finding (DdReport          *self,
                       const char        *rule_id,
                       const char        *clause,
                       DdFindingKind      kind,
                       DdFindingSeverity  severity,
                       const char        *phase,
                       const char        *role,
                       gint64             at,
                       const char        *message)
{
  Finding *f;

  g_return_if_fail (DD_IS_REPORT (self));

  f = g_new0 (Finding, 1);
  f->rule = g_strdup (rule_id);
  f->clause = g_strdup (clause);
  f->kind = kind;
  f->severity = severity;
  f->phase = g_strdup (phase);
  f->role = g_strdup (role);
  f->at = at;
  f->message = g_strdup (message);
  f->action_index = -1;
  g_ptr_array_add (self->findings, f);
  g_clear_pointer (&self->doc, dd_doc_free);
}

static void
set_score (GHashTable *table,
           const char *id,
           double      score)
{
  double *v = g_new (double, 1);

  *v = score;
  g_hash_table_insert (table, g_strdup (id), v);
}

void
dd_report_set_phase_score (DdReport   *self,
                           const char *phase_id,
                           double      score)
{
  g_return_if_fail (DD_IS_REPORT (self));
  set_score (self->phase_scores, phase_id, score);
  g_clear_pointer (&self->doc, dd_doc_free);
}

void
dd_report_set_role_score (DdReport   *self,
                          const char *role_id,
                          double      score)
{
  g_return_if_fail (DD_IS_REPORT (self));
  set_score (self->role_scores, role_id, score);
  g_clear_pointer (&self->doc, dd_doc_free);
}

void
dd_report_set_overall_score (DdReport *self,
                             double    score)
{
  g_return_if_fail (DD_IS_REPORT (self));
  self->overall = score;
  self->has_overall = TRUE;
  g_clear_pointer (&self->doc, dd_doc_free);
}

void
dd_report_set_objective_rating (DdReport   *self,
                                const char *objective_id,
                                const char *rating_id)
{
  g_return_if_fail (DD_IS_REPORT (self));
  g_hash_table_insert (self->objective_ratings, g_strdup (objective_id), g_strdup (rating_id));
  g_clear_pointer (&self->doc, dd_doc_free);
}

void
dd_report_set_score (DdReport *self,
                     DdScore  *score)
{
  GPtrArray *a;

  g_return_if_fail (DD_IS_REPORT (self));
  g_return_if_fail (DD_IS_SCORE (score));

  a = dd_score_get_findings (score);
  for (guint i = 0; i < a->len; i++)
    {
      const DdFinding *f = g_ptr_array_index (a, i);
      g_autofree char *msg = f->detail != NULL ?
        g_strdup_printf ("%s（%s）", f->message ? f->message : "", f->detail) : g_strdup (f->message);

      dd_report_add_finding (self, f->rule, f->clause, f->kind, f->severity,
                             f->phase, f->role, f->time, msg);
      ((Finding *) g_ptr_array_index (self->findings, self->findings->len - 1))->action_index = f->action_index;
    }
  a = dd_score_get_phases (score);
  for (guint i = 0; i < a->len; i++)
    {
      const DdScoreEntry *e = g_ptr_array_index (a, i);
      dd_report_set_phase_score (self, e->id, e->score);
    }
  a = dd_score_get_roles (score);
  for (guint i = 0; i < a->len; i++)
    {
      const DdScoreEntry *e = g_ptr_array_index (a, i);
      dd_report_set_role_score (self, e->id, e->score);
    }
  a = dd_score_get_objectives (score);
  for (guint i = 0; i < a->len; i++)
    {
      const DdObjectiveScore *o = g_ptr_array_index (a, i);
      dd_report_set_objective_rating (self, o->id, o->rating_id);
    }
  dd_report_set_overall_score (self, dd_score_get_overall (score));
}

double
dd_report_get_overall (DdReport *self)
{
  g_return_val_if_fail (DD_IS_REPORT (self), 0);
  return self->overall;
}

guint
dd_report_get_n_findings (DdReport *self)
{
  g_return_val_if_fail (DD_IS_REPORT (self), 0);
  return self->findings->len;
}

GPtrArray *
dd_report_get_events (DdReport *self)
{
  return self->events;
}

GPtrArray *
dd_report_get_findings (DdReport *self)
{
  return self->findings;
}

DdScenario *
dd_report_get_scenario (DdReport *self)
{
  return self->scenario;
}

void
dd_report_set_replay (DdReport *self,
                      DdReplay *replay,
                      DdJournal *journal)
{
  GPtrArray *deliveries, *recorded, *notes;
  guint d = 0, r = 0;

  g_return_if_fail (DD_IS_REPORT (self));
  g_return_if_fail (DD_IS_REPLAY (replay));

  g_set_object (&self->replay, replay);
  dd_report_set_scenario (self, dd_replay_get_scenario (replay));
  if (journal != NULL)
    dd_report_set_journal (self, journal);

  /* Injects and actions in journal order (actions as corrected; a
   * withdrawn one is left out of the timeline and listed as withdrawn) */
  deliveries = dd_replay_get_deliveries (replay);
  recorded = dd_replay_get_recorded (replay);
  while (d < deliveries->len || r < recorded->len)
    {
      const DdDelivery *dl = d < deliveries->len ? g_ptr_array_index (deliveries, d) : NULL;
      const DdRecordedAction *ra = r < recorded->len ? g_ptr_array_index (recorded, r) : NULL;

      if (ra == NULL || (dl != NULL && dl->seq <= ra->seq))
        {
          dd_report_add_inject (self, dl->seq, dl->inject, dl->at, dl->wall_us);
          d++;
        }
      else
        {
          if (ra->in_effect != NULL)
            dd_report_add_action (self, ra->seq, ra->in_effect);
          r++;
        }
    }

  notes = dd_replay_get_notes (replay);
  for (guint i = 0; i < notes->len; i++)
    {
      const DdNote *n = g_ptr_array_index (notes, i);

      dd_report_add_observation (self, n->author, n->phase, n->text, (double) n->at);
    }
  dd_report_set_score (self, dd_replay_get_score (replay));
}

void
dd_report_set_date (DdReport   *self,
                    const char *iso_date)
{
  g_return_if_fail (DD_IS_REPORT (self));

  g_free (self->date);
  self->date = g_strdup (iso_date);
  g_clear_pointer (&self->doc, dd_doc_free);
}

void
dd_report_add_observation (DdReport   *self,
                           const char *author,
                           const char *phase,
                           const char *text,
                           double      sim_seconds)
{
  DdReportObservation *o;

  g_return_if_fail (DD_IS_REPORT (self));
  g_return_if_fail (text != NULL);

  o = g_new0 (DdReportObservation, 1);
  o->author = g_strdup (author);
  o->phase = g_strdup (phase);
  o->text = g_strdup (text);
  o->sim_seconds = sim_seconds;
  g_ptr_array_add (self->observations, o);
  g_clear_pointer (&self->doc, dd_doc_free);
}

void
dd_report_add_improvement (DdReport   *self,
                           const char *action,
                           const char *clause,
                           const char *owner,
                           const char *due)
{
  DdReportImprovement *i;

  g_return_if_fail (DD_IS_REPORT (self));
  g_return_if_fail (action != NULL);

  i = g_new0 (DdReportImprovement, 1);
  i->action = g_strdup (action);
  i->clause = g_strdup (clause);
  i->owner = g_strdup (owner);
  i->due = g_strdup (due);
  g_ptr_array_add (self->improvements, i);
  g_clear_pointer (&self->doc, dd_doc_free);
}

static void
add_observation_from_json (DdReport   *self,
                           JsonObject *o)
{
  dd_report_add_observation (self, member_string (o, "author"),
                             member_string (o, "phase"),
                             member_string (o, "text"),
                             json_object_get_double_member_with_default (o, "sim_seconds", -1.0));
}

static void
add_improvement_from_json (DdReport   *self,
                           JsonObject *o)
{
  dd_report_add_improvement (self, member_string (o, "action"),
                             member_string (o, "clause"),
                             member_string (o, "owner"),
                             member_string (o, "due"));
}

/* Each object of the array @name of @obj that has the string @required,
 * to @add; anything else is passed over. */
static void
foreach_sidecar_entry (DdReport    *self,
                       JsonObject  *obj,
                       const char  *name,
                       const char  *required,
                       void       (*add) (DdReport *self, JsonObject *o))
{
  JsonNode *member = json_object_get_member (obj, name);
  JsonArray *a;

  if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member))
    return;
  a = json_node_get_array (member);
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonNode *n = json_array_get_element (a, i);

      if (JSON_NODE_HOLDS_OBJECT (n) && member_string (json_node_get_object (n), required) != NULL)
        add (self, json_node_get_object (n));
    }
}

gboolean
dd_report_load_sidecar (DdReport    *self,
                        const char  *path,
                        GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  JsonNode *root;
  JsonObject *obj;

  g_return_val_if_fail (DD_IS_REPORT (self), FALSE);

  if (!json_parser_load_from_file (parser, path, &local))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_MALFORMED, "%s: %s", path, local->message);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID, "%s:1:1: %s", path,
                   _("expected a JSON object"));
      return FALSE;
    }
  obj = json_node_get_object (root);

  foreach_sidecar_entry (self, obj, "observations", "text", add_observation_from_json);
  foreach_sidecar_entry (self, obj, "improvements", "action", add_improvement_from_json);
  return TRUE;
}

guint
dd_report_paginate (DdReport *self)
{
  g_return_val_if_fail (DD_IS_REPORT (self), 0);

  build (self);
  return dd_doc_paginate (self->doc);
}

guint
dd_report_get_n_pages (DdReport *self)
{
  g_return_val_if_fail (DD_IS_REPORT (self), 0);

  if (self->doc == NULL)
    return dd_report_paginate (self);
  return dd_doc_get_n_pages (self->doc);
}

void
dd_report_get_page_size (DdReport *self,
                         guint     page_no,
                         double   *width,
                         double   *height)
{
  g_return_if_fail (DD_IS_REPORT (self));

  dd_report_get_n_pages (self);
  dd_doc_get_page_size (self->doc, page_no, width, height);
}

gboolean
dd_report_page_is_landscape (DdReport *self,
                             guint     page_no)
{
  g_return_val_if_fail (DD_IS_REPORT (self), FALSE);

  dd_report_get_n_pages (self);
  return dd_doc_page_is_landscape (self->doc, page_no);
}

void
dd_report_draw_page (DdReport *self,
                     cairo_t  *cr,
                     guint     page_no)
{
  g_return_if_fail (DD_IS_REPORT (self));

  dd_report_get_n_pages (self);
  dd_doc_draw_page (self->doc, cr, page_no);
}

int
dd_report_find_heading (DdReport   *self,
                        const char *text)
{
  g_return_val_if_fail (DD_IS_REPORT (self), -1);

  dd_report_get_n_pages (self);
  return dd_doc_find_outline_page (self->doc, text);
}

gboolean
dd_report_write_pdf (DdReport    *self,
                     const char  *path,
                     GError     **error)
{
  const DdPlanIdentity *id;
  const DdRole *organiser;
  g_autofree char *date = NULL;
  g_autofree char *created = NULL;
  g_autofree char *subject = NULL;

  g_return_val_if_fail (DD_IS_REPORT (self), FALSE);

  dd_report_get_n_pages (self);
  id = dd_plan_get_identity (self->plan);
  organiser = organiser_role (self->plan);
  date = report_date (self);
  created = g_strdup_printf ("%sT00:00:00", date);
  subject = g_strdup_printf ("%s %s", id->title, id->doc_number != NULL ? id->doc_number : "");

  return dd_doc_write_pdf (self->doc, path, self->title,
                           organiser != NULL ? organiser->name : NULL,
                           subject, id->doc_number, created, error);
}
