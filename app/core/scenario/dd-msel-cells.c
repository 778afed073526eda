/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-msel-cells.c — reading the cells of an MSEL spreadsheet: errors with
 * their row and column, text, the plan's role and action names, times and
 * lengths of time (see dd-msel-private.h)
 *
 * Copyright 2024 The DrillDesk authors
 */

#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-error.h"
#include "dd-msel.h"
#include "dd-msel-private.h"
#include "dd-scenario-document.h"

/* ------------------------------------------------------------------ */
/* Errors                                                              */

void
dd_msel_errors_add (DdMselErrors *errors,
                    guint         row,
                    guint         column,
                    const char   *format,
                    ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  errors->count++;
  if (errors->count > DD_MSEL_MAX_ERRORS)
    return;
  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  if (errors->text == NULL)
    errors->text = g_string_new (NULL);
  else
    g_string_append_c (errors->text, '\n');
  if (row > 0 && column > 0)
    g_string_append_printf (errors->text, "%s:R%uC%u: %s", errors->where, row, column, msg);
  else if (row > 0)
    g_string_append_printf (errors->text, "%s:R%u: %s", errors->where, row, msg);
  else
    g_string_append_printf (errors->text, "%s: %s", errors->where, msg);
}

gboolean
dd_msel_errors_take (DdMselErrors *errors,
                     GError      **error)
{
  if (errors->count == 0)
    return FALSE;
  if (errors->count > DD_MSEL_MAX_ERRORS)
    g_string_append_printf (errors->text, "\n%s: ", errors->where),
    g_string_append_printf (errors->text, _("%u more errors not shown"), errors->count - DD_MSEL_MAX_ERRORS);
  g_set_error_literal (error, DD_ERROR, DD_ERROR_INVALID, errors->text->str);
  g_string_free (errors->text, TRUE);
  errors->text = NULL;
  errors->count = 0;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Names                                                               */

char *
dd_msel_normalise_name (const char *text)
{
  GString *s = g_string_new (NULL);

  /* "副指挥长(市委网信办主任)" typed with ASCII brackets is the same name */
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '(')
        g_string_append (s, "\xef\xbc\x88");
      else if (*p == ')')
        g_string_append (s, "\xef\xbc\x89");
      else
        g_string_append_c (s, *p);
    }
  return g_strstrip (g_string_free (s, FALSE));
}

static void
add_role_name (DdMselImport       *im,
               const char   *name,
               const DdRole *role)
{
  g_autofree char *key = NULL;
  const DdRole *had;

  if (name == NULL)
    return;
  key = dd_msel_normalise_name (name);
  had = g_hash_table_lookup (im->roles, key);
  if (had == NULL)
    g_hash_table_insert (im->roles, g_strdup (key), (gpointer) role);
  else if (had != role && !g_hash_table_contains (im->ambiguous, key))
    g_hash_table_insert (im->ambiguous, g_strdup (key), NULL);
}

void
dd_msel_import_names (DdMselImport *im)
{
  GPtrArray *roles = dd_plan_get_roles (im->plan);
  GPtrArray *kinds = dd_plan_get_action_kinds (im->plan);

  im->roles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  im->ambiguous = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  im->actions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* labels first: they are unique and win over a shared name */
  for (guint i = 0; i < roles->len; i++)
    add_role_name (im, dd_plan_role_label (im->plan, g_ptr_array_index (roles, i)), g_ptr_array_index (roles, i));
  for (guint i = 0; i < roles->len; i++)
    {
      const DdRole *r = g_ptr_array_index (roles, i);

      add_role_name (im, r->name, r);
      add_role_name (im, r->short_name, r);
    }
  for (guint i = 0; i < kinds->len; i++)
    {
      const DdActionKind *k = g_ptr_array_index (kinds, i);
      g_autofree char *key = dd_msel_normalise_name (k->name);

      g_hash_table_insert (im->actions, g_steal_pointer (&key), (gpointer) k);
    }
}

void
dd_msel_cell_error (DdMselImport     *im,
            guint       column,
            const char *format,
            ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  dd_msel_errors_add (&im->errors, im->row, column + 1, "%s", msg);
}

/* ------------------------------------------------------------------ */
/* Cells                                                               */

const DdMselCell *
dd_msel_cell_at (const DdMselRow *row,
         guint            column)
{
  const DdMselCell *c = column < row->cells->len ? g_ptr_array_index (row->cells, column) : NULL;

  if (c == NULL || c->kind == DD_MSEL_CELL_EMPTY)
    return NULL;
  if (c->kind == DD_MSEL_CELL_TEXT && dd_scenario_text_is_blank (c->text))
    return NULL;
  return c;
}

static char *
number_text (double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.15g", v));
}

/* The text of a cell for a text field: text as written (with line breaks
 * as "\n"), a number as its shortest decimal; NULL with an error for a
 * date or a boolean.  Control characters other than tab and line break are
 * refused: XML cannot hold them. */
char *
dd_msel_cell_text (DdMselImport           *im,
           const DdMselCell *c,
           guint             column,
           guint             max_chars)
{
  g_autofree char *text = NULL;
  GString *s;

  if (c == NULL)
    return NULL;
  if (c->kind == DD_MSEL_CELL_NUMBER)
    return number_text (c->number);
  if (c->kind == DD_MSEL_CELL_DATE)
    {
      dd_msel_cell_error (im, column, _("a date or time where text is expected (format the cell as text)"));
      return NULL;
    }
  if (c->kind == DD_MSEL_CELL_BOOL)
    {
      dd_msel_cell_error (im, column, _("a true/false value where text is expected"));
      return NULL;
    }
  if (!g_utf8_validate (c->text, -1, NULL))
    {
      dd_msel_cell_error (im, column, _("the text is not valid UTF-8"));
      return NULL;
    }
  s = g_string_sized_new (strlen (c->text));
  for (const char *p = c->text; *p != '\0'; p++)
    {
      if (*p == '\r')
        {
          g_string_append_c (s, '\n');
          if (p[1] == '\n')
            p++;
          continue;
        }
      if ((guchar) *p < 0x20 && *p != '\n' && *p != '\t')
        {
          dd_msel_cell_error (im, column, _("the text holds a control character (U+%04X)"), (guint) (guchar) *p);
          g_string_free (s, TRUE);
          return NULL;
        }
      g_string_append_c (s, *p);
    }
  text = g_string_free (s, FALSE);
  if (g_utf8_strlen (text, -1) > max_chars)
    {
      dd_msel_cell_error (im, column, _("the text is longer than %u characters"), max_chars);
      return NULL;
    }
  return g_steal_pointer (&text);
}

char *
dd_msel_cell_name (DdMselImport           *im,
           const DdMselCell *c,
           guint             column)
{
  g_autofree char *text = dd_msel_cell_text (im, c, column, DD_MSEL_MAX_LINE_CHARS);

  return text ? dd_msel_normalise_name (text) : NULL;
}

const DdRole *
dd_msel_resolve_role (DdMselImport     *im,
              const char *name,
              guint       column)
{
  const DdRole *r;

  if (g_hash_table_contains (im->ambiguous, name))
    {
      GPtrArray *roles = dd_plan_get_roles (im->plan);
      g_autoptr(GString) options = g_string_new (NULL);
      g_autofree char *key = NULL;

      for (guint i = 0; i < roles->len; i++)
        {
          const DdRole *o = g_ptr_array_index (roles, i);
          g_autofree char *n = dd_msel_normalise_name (o->name);

          if (strcmp (n, name) == 0)
            g_string_append_printf (options, "%s%s", options->len ? dd_msel_separator () : "",
                                    dd_plan_role_label (im->plan, o));
        }
      dd_msel_cell_error (im, column, _("“%s” names several roles of the plan: write one of %s"), name, options->str);
      return NULL;
    }
  r = g_hash_table_lookup (im->roles, name);
  if (r == NULL)
    dd_msel_cell_error (im, column, _("unknown role “%s”"), name);
  return r;
}

const DdActionKind *
dd_msel_resolve_action (DdMselImport     *im,
                const char *name,
                guint       column)
{
  const DdActionKind *k = g_hash_table_lookup (im->actions, name);

  if (k == NULL)
    dd_msel_cell_error (im, column, _("unknown action “%s” (the plan's action names are on the sheet “%s”)"),
                name, dd_msel_word ("sheets", "lists"));
  return k;
}

/* A word of msel.ini's @group, or its key, back to the key. */
const char *
dd_msel_resolve_word (const char *group,
              const char *const *keys,
              const char *text)
{
  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *w = dd_msel_word (group, keys[i]);

      if (strcmp (text, keys[i]) == 0 || g_strcmp0 (text, w) == 0)
        return keys[i];
    }
  return NULL;
}

static gboolean
all_digits (const char *p)
{
  if (*p == '\0')
    return FALSE;
  for (; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* Minutes as a number: whole seconds, within the range of an offset. */
static gboolean
minutes_to_seconds (double   minutes,
                    gint64  *out)
{
  double s = minutes * 60;

  if (!isfinite (s) || fabs (s) > 1e9 || fabs (s - round (s)) > 1e-6)
    return FALSE;
  *out = (gint64) round (s);
  return TRUE;
}

static gboolean
serial_time_of_day (double   serial,
                    gint64  *out)
{
  double s = serial * 86400;

  if (!isfinite (s) || serial < 0 || serial >= 1)
    return FALSE;
  *out = (gint64) round (s);
  return TRUE;
}

/* The offset of a simulated date and time from T+0. */
static gboolean
offset_of (DdMselImport    *im,
           GDateTime *when,
           gint64    *out)
{
  if (when == NULL)
    return FALSE;
  *out = g_date_time_difference (when, im->start) / G_TIME_SPAN_SECOND;
  return TRUE;
}

static gboolean
clock_on_start_day (DdMselImport  *im,
                    gint64   seconds_of_day,
                    gint64  *out)
{
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) when = NULL;

  if (im->start == NULL)
    return FALSE;
  midnight = g_date_time_new (g_date_time_get_timezone (im->start), g_date_time_get_year (im->start),
                              g_date_time_get_month (im->start), g_date_time_get_day_of_month (im->start), 0, 0, 0);
  when = midnight ? g_date_time_add_seconds (midnight, (double) seconds_of_day) : NULL;
  return offset_of (im, when, out);
}

/* "2025-06-17 09:50[:SS]", "2025/6/17 9:50", "2025-06-17T09:50": a
 * date and time in the zone of T+0. */
static gboolean
parse_date_time (DdMselImport     *im,
                 const char *text,
                 gint64     *out)
{
  int y, mo, d, h, mi, s = 0, n = 0;
  char sep1, sep2, t;
  g_autoptr(GDateTime) when = NULL;

  if (im->start == NULL)
    return FALSE;
  if (sscanf (text, "%4d%c%2d%c%2d%c%2d:%2d%n", &y, &sep1, &mo, &sep2, &d, &t, &h, &mi, &n) != 8)
    return FALSE;
  if (text[n] == ':')
    {
      int m = 0;

      if (sscanf (text + n, ":%2d%n", &s, &m) != 1)
        return FALSE;
      n += m;
    }
  if (text[n] != '\0')
    return FALSE;
  if ((sep1 != '-' && sep1 != '/') || sep2 != sep1 || (t != ' ' && t != 'T'))
    return FALSE;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59 || h < 0 || mi < 0 || s < 0)
    return FALSE;
  when = g_date_time_new (g_date_time_get_timezone (im->start), y, mo, d, h, mi, s);
  return offset_of (im, when, out);
}

static gboolean
parse_clock (const char *text,
             gint64     *out)
{
  gint64 v;

  /* "09:50" or "09:50:30", within one day */
  if (!g_ascii_isdigit (*text) || !dd_offset_parse (text, &v) || v >= 24 * 3600)
    return FALSE;
  *out = v;
  return TRUE;
}

/* The simulated time of an inject (docs/formats.md, "MSEL spreadsheet"). */
gboolean
dd_msel_cell_at_time (DdMselImport           *im,
              const DdMselCell *c,
              guint             column,
              gint64           *out)
{
  g_autofree char *text = NULL;
  gint64 v;

  if (c->kind == DD_MSEL_CELL_NUMBER)
    {
      if (minutes_to_seconds (c->number, out))
        return TRUE;
    }
  else if (c->kind == DD_MSEL_CELL_DATE)
    {
      if (serial_time_of_day (c->number, &v) && clock_on_start_day (im, v, out))
        return TRUE;
      if (c->number >= 1 && c->number < 2958466 && im->start != NULL)
        {
          double days = floor (c->number);
          gint64 secs = (gint64) round ((c->number - days) * 86400);
          g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc ((gint64) (days - DD_MSEL_SERIAL_UNIX_DAYS) * 86400 + secs);
          g_autoptr(GDateTime) local = utc ? g_date_time_new (g_date_time_get_timezone (im->start),
                                                              g_date_time_get_year (utc), g_date_time_get_month (utc),
                                                              g_date_time_get_day_of_month (utc), g_date_time_get_hour (utc),
                                                              g_date_time_get_minute (utc), g_date_time_get_second (utc)) : NULL;

          if (offset_of (im, local, out))
            return TRUE;
        }
    }
  else if (c->kind == DD_MSEL_CELL_TEXT && (text = dd_msel_cell_text (im, c, column, DD_MSEL_MAX_LINE_CHARS)) != NULL)
    {
      const char *p = g_strstrip (text);

      if ((p[0] == 'T' || p[0] == 't') && (p[1] == '+' || p[1] == '-'))
        {
          gboolean negative = p[1] == '-';

          if (all_digits (p + 2) && strlen (p + 2) <= 7)
            {
              *out = g_ascii_strtoll (p + 2, NULL, 10) * 60 * (negative ? -1 : 1);
              return TRUE;
            }
          if (g_ascii_isdigit (p[2]) && dd_offset_parse (p + 2, &v))
            {
              *out = negative ? -v : v;
              return TRUE;
            }
        }
      else if ((all_digits (p) || (p[0] == '-' && all_digits (p + 1))) && strlen (p) <= 8)
        {
          *out = g_ascii_strtoll (p, NULL, 10) * 60;
          return TRUE;
        }
      else if (parse_clock (p, &v) && clock_on_start_day (im, v, out))
        return TRUE;
      else if (parse_date_time (im, p, out))
        return TRUE;
    }
  else if (c->kind == DD_MSEL_CELL_TEXT)
    return FALSE;

  if (c->kind == DD_MSEL_CELL_BOOL)
    dd_msel_cell_error (im, column, _("a true/false value is not a time"));
  else
    dd_msel_cell_error (im, column, _("“%s” is not a time: write T+minutes (T+25, T-35), T+H:MM (T+1:20), "
                              "a clock time (09:50) or a date and time (2025-06-17 09:50)"),
                c->text ? c->text : "");
  return FALSE;
}

/* How long after delivery: minutes, H:MM, H:MM:SS, or a time cell that
 * Excel made of "0:10". */
gboolean
dd_msel_cell_duration (DdMselImport           *im,
               const DdMselCell *c,
               guint             column,
               gint64           *out)
{
  g_autofree char *text = NULL;

  if (c->kind == DD_MSEL_CELL_NUMBER && c->number >= 0 && minutes_to_seconds (c->number, out))
    return TRUE;
  if (c->kind == DD_MSEL_CELL_DATE && serial_time_of_day (c->number, out))
    return TRUE;
  if (c->kind == DD_MSEL_CELL_TEXT && (text = dd_msel_cell_text (im, c, column, DD_MSEL_MAX_LINE_CHARS)) != NULL)
    {
      const char *p = g_strstrip (text);

      if (all_digits (p) && strlen (p) <= 7)
        {
          *out = g_ascii_strtoll (p, NULL, 10) * 60;
          return TRUE;
        }
      if (g_ascii_isdigit (*p) && dd_offset_parse (p, out))
        return TRUE;
    }
  else if (c->kind == DD_MSEL_CELL_TEXT)
    return FALSE;
  dd_msel_cell_error (im, column, _("“%s” is not a length of time: write minutes (10) or H:MM (0:10)"),
              c->text ? c->text : "");
  return FALSE;
}
