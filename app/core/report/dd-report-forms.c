/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-report-forms.c — the reports filed in a drill, each laid out as the
 * plan's report form (form 8.3), and the blank form
 *
 * Copyright 2024 The DrillDesk authors
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-report.h"
#include "dd-report-private.h"
#include "dd-report-doc.h"

void
dd_report_add_form_8_3 (DdReport   *self,
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
      g_autofree char *m = dd_report_esc (caption);
      dd_doc_paragraph (doc, DD_DOC_STYLE_CAPTION, m);
    }
  {
    g_autofree char *title = dd_report_esc (dd_plan_get_form_title (plan));
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
              dd_report_cell_label (t, f->label, 1);
              dd_report_cell_text (t, value, 1);
            }
          else
            {
              dd_report_cell_label (t, f->label, 1);
              dd_report_cell_text (t, value, 1);
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
                dd_report_cell_text (t, "", 2);
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
                l = dd_report_nobreak (olabel);
                if (boxes->len > 0)
                  g_string_append (boxes, "\xe3\x80\x80"); /* ideographic space */
                g_string_append_printf (boxes, on ? "<b>%s\xe2\x81\xa0%s</b>" : "%s\xe2\x81\xa0%s",
                                        on ? BOX_ON : BOX_OFF, l);
              }
            dd_doc_table_row_min (t, 26.0);
            dd_report_cell_label (t, f->label, 1);
            dd_doc_table_cell_full (t, boxes->str, 3, DD_DOC_STYLE_CELL,
                                    DD_DOC_ALIGN_LEFT, FILL_NONE);
          }
          continue;

        case DD_FIELD_TYPE_LONGTEXT:
        default:
          {
            g_autofree char *l = dd_report_esc (f->label);
            g_autofree char *v = dd_report_esc (value);
            g_autofree char *m = g_strdup_printf ("<span font_family=\"Noto Sans CJK SC\" weight=\"bold\">%s：</span>\n%s", l, v);

            if (pending != NULL)
              {
                dd_report_cell_text (t, "", 2);
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
    dd_report_cell_text (t, "", 2);
  dd_doc_keep_end (doc);
}

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

guint
dd_report_add_reports (DdReport *self,
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
        g_string_append_printf (names, "%s%s", r ? "、" : "", dd_report_role_name (self->plan, e->to[r]));
      caption = g_strdup_printf (_("Report %u: %s, %s by %s to %s"), n,
                                 report_type_label (self, e->report_type), when,
                                 dd_report_role_name (self->plan, e->role), names->str);
      if (n > 1)
        dd_doc_space (doc, 10.0);
      dd_report_add_form_8_3 (self, doc, e->fields, caption);
    }
  return n;
}
