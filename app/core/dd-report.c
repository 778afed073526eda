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
#include "dd-report-doc.h"

struct _DdReport
{
  GObject    parent_instance;

  DdPlan    *plan;
  DdJournal *journal;
  char      *date;
  char      *title;
  GPtrArray *observations;       /* of DdReportObservation */
  GPtrArray *improvements;       /* of DdReportImprovement */

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

static void
add_cover (DdReport *self,
           DdDoc    *doc)
{
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
  cell_text (t, _("Tabletop exercise"), 1);

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
/* Building                                                            */

static void
build (DdReport *self)
{
  DdDoc *doc;
  g_autofree char *form_heading = NULL;

  g_clear_pointer (&self->doc, dd_doc_free);
  doc = self->doc = dd_doc_new ();
  dd_doc_set_header_text (doc, self->title);
  dd_doc_set_page_label_func (doc, page_label_cb, NULL);

  add_cover (self, doc);

  dd_doc_page_break (doc, FALSE);
  form_heading = g_strdup_printf (_("5. Reports filed (form %s)"),
                                  dd_plan_get_form_clause (self->plan));
  dd_doc_heading (doc, 1, form_heading);
  para (doc, DD_DOC_STYLE_BODY, _("No report was filed in this drill. The blank form is printed for reference."));
  add_form_8_3 (self, doc, NULL, NULL);

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

  if (json_object_has_member (obj, "observations") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (obj, "observations")))
    {
      JsonArray *a = json_object_get_array_member (obj, "observations");
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          JsonNode *n = json_array_get_element (a, i);
          JsonObject *o;
          if (!JSON_NODE_HOLDS_OBJECT (n))
            continue;
          o = json_node_get_object (n);
          if (member_string (o, "text") == NULL)
            continue;
          dd_report_add_observation (self, member_string (o, "author"),
                                     member_string (o, "phase"),
                                     member_string (o, "text"),
                                     json_object_get_double_member_with_default (o, "sim_seconds", -1.0));
        }
    }
  if (json_object_has_member (obj, "improvements") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (obj, "improvements")))
    {
      JsonArray *a = json_object_get_array_member (obj, "improvements");
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          JsonNode *n = json_array_get_element (a, i);
          JsonObject *o;
          if (!JSON_NODE_HOLDS_OBJECT (n))
            continue;
          o = json_node_get_object (n);
          if (member_string (o, "action") == NULL)
            continue;
          dd_report_add_improvement (self, member_string (o, "action"),
                                     member_string (o, "clause"),
                                     member_string (o, "owner"),
                                     member_string (o, "due"));
        }
    }
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
