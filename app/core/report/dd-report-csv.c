/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-report-csv.c — the drill's timeline as CSV (see dd-report-csv.h)
 *
 * Copyright 2024 The DrillDesk authors
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-error.h"
#include "dd-report-csv.h"
#include "dd-report-private.h"

#define BOM "\xef\xbb\xbf"

/* A number as a spreadsheet reads it: an optional sign, digits, an
 * optional fraction. Nothing else that starts with a sign is one. */
static gboolean
is_plain_number (const char *field)
{
  const char *p = field;

  if (*p == '-' || *p == '+')
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  return *p == '\0';
}

/* Whether Excel, WPS or LibreOffice would read @field as a formula (CSV
 * injection): it starts with = + - @, a tab or a carriage return. OWASP's
 * advice: prefix such a cell with a single quote, which the spreadsheet
 * shows as text and does not print. */
static gboolean
needs_neutralising (const char *field)
{
  return field[0] != '\0' && strchr ("=+-@\t\r", field[0]) != NULL && !is_plain_number (field);
}

void
dd_report_csv_append_field (GString    *out,
                            const char *field)
{
  const char *prefix;

  if (field == NULL)
    return;
  prefix = needs_neutralising (field) ? "'" : "";
  if (strpbrk (field, ",\"\r\n") == NULL)
    {
      g_string_append (out, prefix);
      g_string_append (out, field);
      return;
    }
  g_string_append_c (out, '"');
  g_string_append (out, prefix);
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
row (GString     *out,
     const char **fields,
     guint        n)
{
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      dd_report_csv_append_field (out, fields[i]);
    }
  g_string_append (out, "\r\n");
}

static const char *
name_of_role (DdPlan     *plan,
              const char *id)
{
  const DdRole *r = id != NULL ? dd_plan_lookup_role (plan, id) : NULL;

  return r != NULL ? r->name : NULL;
}

char *
dd_report_csv_to_string (DdReport *report)
{
  DdPlan *plan = dd_report_get_plan (report);
  DdScenario *scenario = dd_report_get_scenario (report);
  GPtrArray *events = dd_report_get_events (report);
  GPtrArray *findings = dd_report_get_findings (report);
  GString *out = g_string_new (BOM);
  const char *head[] = {
    _("seq"), _("simulated offset"), _("simulated time"), _("wall-clock time"),
    _("type"), _("role"), _("role name"), _("played by"), _("action"), _("action name"),
    _("recipients"), _("detail"), _("findings"),
  };
  int action_no = -1;

  row (out, head, G_N_ELEMENTS (head));

  for (guint i = 0; i < events->len; i++)
    {
      const Event *e = g_ptr_array_index (events, i);
      g_autofree char *seq = g_strdup_printf ("%" G_GUINT64_FORMAT, e->seq);
      g_autofree char *offset = dd_report_offset_text (e->at);
      g_autofree char *sim = NULL;
      g_autofree char *wall = NULL;
      g_autofree char *to = e->to != NULL ? g_strjoinv (" ", e->to) : NULL;
      g_autofree char *detail = NULL;
      g_autoptr(GString) found = g_string_new (NULL);
      const DdActionKind *k = NULL;
      const char *fields[13];

      if (scenario != NULL)
        {
          g_autoptr(GDateTime) dt = dd_scenario_offset_to_datetime (scenario, e->at);
          if (dt != NULL)
            sim = g_date_time_format_iso8601 (dt);
        }
      if (e->wall_us != 0)
        {
          g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (e->wall_us / G_USEC_PER_SEC);
          wall = g_date_time_format_iso8601 (dt);
        }
      if (!e->is_inject)
        {
          action_no++;
          k = dd_plan_lookup_action_kind (plan, e->kind);
          for (guint f = 0; f < findings->len; f++)
            {
              const Finding *fi = g_ptr_array_index (findings, f);
              if (fi->action_index != action_no)
                continue;
              if (found->len > 0)
                g_string_append (found, "; ");
              g_string_append_printf (found, "%s %s: %s", fi->clause ? fi->clause : "",
                                      dd_finding_severity_to_string (fi->severity),
                                      fi->message ? fi->message : "");
            }
        }
      if (e->is_inject)
        detail = g_strdup_printf ("%s%s%s", e->title ? e->title : "",
                                  e->title && e->text ? "\n" : "", e->text ? e->text : "");
      else
        {
          GString *d = g_string_new (NULL);
          GPtrArray *form = dd_plan_get_form_fields (plan);

          if (e->level != NULL)
            g_string_append (d, e->level);
          if (e->report_type != NULL)
            g_string_append_printf (d, "%s%s", d->len ? " " : "", e->report_type);
          if (e->text != NULL)
            g_string_append_printf (d, "%s%s", d->len ? " " : "", e->text);
          /* A report's free-text fields, labelled as on form 8.3. */
          for (guint f = 0; e->fields != NULL && f < form->len; f++)
            {
              const DdFormField *ff = g_ptr_array_index (form, f);
              const char *v = g_hash_table_lookup (e->fields, ff->id);
              if (ff->type == DD_FIELD_TYPE_LONGTEXT && v != NULL && *v != '\0')
                g_string_append_printf (d, "%s%s: %s", d->len ? "\n" : "", ff->label, v);
            }
          detail = g_string_free (d, FALSE);
        }

      fields[0] = seq;
      fields[1] = offset;
      fields[2] = sim;
      fields[3] = wall;
      fields[4] = e->is_inject ? "inject" : "action";
      fields[5] = e->role != NULL ? e->role : e->source;
      fields[6] = e->role != NULL ? name_of_role (plan, e->role) : e->source;
      fields[7] = e->is_inject ? NULL : dd_report_get_player (report, e->role);
      fields[8] = e->is_inject ? e->inject_id : e->kind;
      fields[9] = k != NULL ? k->name : NULL;
      fields[10] = to;
      fields[11] = detail;
      fields[12] = found->str;
      row (out, fields, G_N_ELEMENTS (fields));
    }

  return g_string_free (out, FALSE);
}

gboolean
dd_report_write_csv (DdReport    *report,
                     const char  *path,
                     GError     **error)
{
  g_autofree char *text = dd_report_csv_to_string (report);
  g_autoptr(GError) local = NULL;

  if (!g_file_set_contents (path, text, -1, &local))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_IO, "%s", local->message);
      return FALSE;
    }
  return TRUE;
}
