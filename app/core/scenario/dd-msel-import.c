/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-msel-import.c — the rows of an MSEL spreadsheet back into injects,
 * every cell checked against the plan (see dd-msel.h)
 *
 * Copyright 2024 The DrillDesk authors
 *
 * The header row names the columns (by their words in msel.ini, or by
 * their XML keys); each later row that is not empty is one inject.  Every
 * error names its row and column; all of them are collected, and nothing
 * is returned unless there are none.  The cells themselves are read in
 * dd-msel-cells.c.
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-error.h"
#include "dd-msel.h"
#include "dd-msel-private.h"
#include "dd-scenario-document.h"
#include "dd-scenario-private.h"
#include "dd-xml.h"

#define MAX_FILE_CHARS 255

/* ------------------------------------------------------------------ */
/* State                                                               */

static void
column_clear (gpointer data)
{
  g_free (((DdMselKey *) data)->key);
}


/* ------------------------------------------------------------------ */
/* The header                                                          */

static const char *const groups[] = { "attachment", "condition", "expect" };
static const char *const attachment_fields[] = { "file", "label", NULL };
static const char *const expect_fields[] = { "role", "action", "within", "clause", "severity", "text", NULL };
static const char *const fixed_columns[] = { "id", "at", "from", "source", "to", "channel", "title", "content", NULL };

static const char *const *
group_fields (guint g)
{
  return g == 0 ? attachment_fields : g == 1 ? dd_msel_condition_attributes () : expect_fields;
}

/* "预期2角色" (or "expect2role"): the group, its number, the field */
static gboolean
parse_group_header (const char *header,
                    DdMselKey     *out)
{
  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      const char *word = dd_msel_word ("groups", groups[g]);
      const char *names[2] = { word, groups[g] };

      for (guint w = 0; w < 2; w++)
        {
          const char *p;
          guint64 n;
          char *end;

          if (names[w] == NULL || !g_str_has_prefix (header, names[w]))
            continue;
          p = header + strlen (names[w]);
          if (!g_ascii_isdigit (*p))
            continue;
          n = g_ascii_strtoull (p, &end, 10);
          if (n == 0 || n > DD_MSEL_MAX_COLUMNS)
            continue;
          for (const char *const *f = group_fields (g); *f != NULL; f++)
            {
              g_autofree char *key = g_strconcat (groups[g], ".", *f, NULL);

              if (strcmp (end, *f) == 0 || g_strcmp0 (end, dd_msel_word ("fields", key)) == 0)
                {
                  out->key = g_steal_pointer (&key);
                  out->group = (guint) n;
                  return TRUE;
                }
            }
        }
    }
  return FALSE;
}

static gboolean
read_header (DdMselImport          *im,
             const DdMselRow *row)
{
  gboolean have_from = FALSE;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint before = im->errors.count;

  im->row = row->number;
  g_array_set_size (im->columns, row->cells->len);
  for (guint i = 0; i < row->cells->len; i++)
    {
      const DdMselCell *c = dd_msel_cell_at (row, i);
      g_autofree char *header = c ? dd_msel_cell_text (im, c, i, DD_MSEL_MAX_LINE_CHARS) : NULL;
      DdMselKey *col = &g_array_index (im->columns, DdMselKey, i);
      g_autofree char *seen_key = NULL;

      if (header == NULL)
        continue;
      g_strstrip (header);
      for (const char *const *k = fixed_columns; *k != NULL && col->key == NULL; k++)
        if (strcmp (header, *k) == 0 || g_strcmp0 (header, dd_msel_word ("columns", *k)) == 0)
          col->key = g_strdup (*k);
      if (col->key == NULL && !parse_group_header (header, col))
        {
          dd_msel_cell_error (im, i, _("unknown column “%s”"), header);
          continue;
        }
      seen_key = g_strdup_printf ("%s/%u", col->key, col->group);
      if (!g_hash_table_add (seen, g_steal_pointer (&seen_key)))
        dd_msel_cell_error (im, i, _("the column “%s” is there twice"), header);
      for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
        if (g_str_has_prefix (col->key, groups[g]) && col->key[strlen (groups[g])] == '.')
          im->n_groups[g] = MAX (im->n_groups[g], col->group);
      have_from = have_from || strcmp (col->key, "from") == 0 || strcmp (col->key, "source") == 0;
    }

  for (const char *const *k = (const char *const[]) { "at", "to", "channel", "content", NULL }; *k != NULL; k++)
    {
      g_autofree char *key = g_strdup_printf ("%s/0", *k);

      if (!g_hash_table_contains (seen, key))
        dd_msel_errors_add (&im->errors, row->number, 0, _("the column “%s” is missing"),
                            dd_msel_word ("columns", *k));
    }
  if (!have_from)
    dd_msel_errors_add (&im->errors, row->number, 0, _("the column “%s” or “%s” is missing"),
                        dd_msel_word ("columns", "from"), dd_msel_word ("columns", "source"));
  return im->errors.count == before;
}

/* ------------------------------------------------------------------ */
/* Rows                                                                */

static guint
column_of (DdMselImport     *im,
           const char *key,
           guint       group)
{
  for (guint i = 0; i < im->columns->len; i++)
    {
      const DdMselKey *c = &g_array_index (im->columns, DdMselKey, i);

      if (c->key != NULL && c->group == group && strcmp (c->key, key) == 0)
        return i;
    }
  return G_MAXUINT;
}

static const DdMselCell *
field (DdMselImport          *im,
       const DdMselRow *row,
       const char      *key,
       guint            group,
       guint           *column)
{
  *column = column_of (im, key, group);
  return *column == G_MAXUINT ? NULL : dd_msel_cell_at (row, *column);
}

static char *
text_field (DdMselImport          *im,
            const DdMselRow *row,
            const char      *key,
            guint            group,
            guint            max_chars)
{
  guint col;
  const DdMselCell *c = field (im, row, key, group, &col);

  return c ? dd_msel_cell_text (im, c, col, max_chars) : NULL;
}

/* The plan's id for the role or action (keys ending in "action") named in
 * a cell */
static char *
id_field_of (DdMselImport    *im,
             const DdMselRow *row,
             const char      *key,
             guint            group,
             gboolean         action)
{
  guint col;
  const DdMselCell *c = field (im, row, key, group, &col);
  g_autofree char *name = c ? dd_msel_cell_name (im, c, col) : NULL;
  const char *id = NULL;

  if (name != NULL && action)
    {
      const DdActionKind *k = dd_msel_resolve_action (im, name, col);

      id = k ? k->id : NULL;
    }
  else if (name != NULL)
    {
      const DdRole *r = dd_msel_resolve_role (im, name, col);

      id = r ? r->id : NULL;
    }
  return g_strdup (id);
}

/* A role's or an action's name (by the column: "…action" columns hold
 * actions) read back as its id in the plan. */
static char *
id_field (DdMselImport    *im,
          const DdMselRow *row,
          const char      *key,
          guint            group)
{
  return id_field_of (im, row, key, group, g_str_has_suffix (key, "action"));
}

static void
missing (DdMselImport     *im,
         const char *key,
         guint       group)
{
  g_autofree char *header = dd_msel_column_header (key, group);
  guint col = column_of (im, key, group);

  if (col == G_MAXUINT)
    dd_msel_errors_add (&im->errors, im->row, 0, _("“%s” is needed, but the column is missing"), header);
  else
    dd_msel_cell_error (im, col, _("“%s” is empty"), header);
}

static void
read_attachments (DdMselImport          *im,
                  const DdMselRow *row,
                  DdInject        *inject)
{
  for (guint g = 1; g <= im->n_groups[0]; g++)
    {
      guint col;
      const DdMselCell *fc = field (im, row, "attachment.file", g, &col);
      g_autofree char *label = text_field (im, row, "attachment.label", g, DD_MSEL_MAX_LINE_CHARS);
      g_autofree char *file = fc ? dd_msel_cell_text (im, fc, col, MAX_FILE_CHARS) : NULL;
      DdAttachment *a;

      if (fc == NULL)
        {
          if (label != NULL)
            missing (im, "attachment.file", g);
          continue;
        }
      if (file == NULL)
        continue;
      g_strstrip (file);
      if (g_path_is_absolute (file) || strpbrk (file, ":\\") != NULL || strstr (file, "..") != NULL ||
          file[strlen (file) - 1] == '/')
        {
          dd_msel_cell_error (im, col, _("attachment “%s” must be a relative path inside the scenario folder"), file);
          continue;
        }
      if (im->scenario_dir != NULL)
        {
          g_autofree char *path = g_build_filename (im->scenario_dir, file, NULL);

          if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
            {
              dd_msel_cell_error (im, col, _("attachment “%s” does not exist in the scenario folder %s"), file, im->scenario_dir);
              continue;
            }
        }
      a = g_new0 (DdAttachment, 1);
      a->file = g_steal_pointer (&file);
      a->label = g_steal_pointer (&label);
      g_ptr_array_add (inject->attachments, a);
    }
}

/* A condition goes through its XML element: the scenario model reads
 * whatever attributes it has, so a new kind needs nothing here. */
static void
read_conditions (DdMselImport          *im,
                 const DdMselRow *row,
                 DdInject        *inject)
{
  for (guint g = 1; g <= im->n_groups[1]; g++)
    {
      g_autoptr(xmlDoc) doc = xmlNewDoc ((const xmlChar *) "1.0");
      xmlNode *node = xmlNewNode (NULL, (const xmlChar *) "condition");
      gboolean any = FALSE, ok = TRUE;
      guint before = im->errors.count;

      xmlDocSetRootElement (doc, node);
      for (const char *const *a = dd_msel_condition_attributes (); *a != NULL; a++)
        {
          g_autofree char *key = g_strconcat ("condition.", *a, NULL);
          guint col;
          const DdMselCell *c = field (im, row, key, g, &col);
          g_autofree char *value = NULL;
          const char *id = NULL;

          if (c == NULL)
            continue;
          any = TRUE;
          if (dd_msel_condition_list (*a) == DD_MSEL_LIST_ROLES ||
              dd_msel_condition_list (*a) == DD_MSEL_LIST_ACTIONS)
            value = id_field_of (im, row, key, g, dd_msel_condition_list (*a) == DD_MSEL_LIST_ACTIONS);
          else if ((value = dd_msel_cell_name (im, c, col)) != NULL && strcmp (*a, "type") == 0)
            {
              id = dd_msel_resolve_word ("condition-types", dd_msel_condition_types (), value);
              if (id == NULL)
                dd_msel_cell_error (im, col, _("unknown condition type “%s”"), value);
              g_free (value);
              value = g_strdup (id);
            }
          if (value != NULL)
            xmlNewProp (node, (const xmlChar *) *a, (const xmlChar *) value);
        }
      if (!any)
        continue;
      for (const char *const *a = dd_msel_condition_attributes (); *a != NULL; a++)
        if (dd_msel_condition_attribute_required (*a) && xmlHasProp (node, (const xmlChar *) *a) == NULL)
          {
            g_autofree char *key = g_strconcat ("condition.", *a, NULL);

            if (im->errors.count == before)
              missing (im, key, g);
            ok = FALSE;
          }
      if (ok && im->errors.count == before)
        g_ptr_array_add (inject->conditions, dd_inject_condition_from_xml (node));
    }
}

static void
read_expects (DdMselImport          *im,
              const DdMselRow *row,
              DdInject        *inject)
{
  for (guint g = 1; g <= im->n_groups[2]; g++)
    {
      guint col;
      gboolean any = FALSE;
      const DdMselCell *c;
      DdInjectExpect *e;
      guint before = im->errors.count;

      for (const char *const *f = expect_fields; *f != NULL && !any; f++)
        {
          g_autofree char *key = g_strconcat ("expect.", *f, NULL);

          any = field (im, row, key, g, &col) != NULL;
        }
      if (!any)
        continue;
      e = g_new0 (DdInjectExpect, 1);
      e->severity = DD_FINDING_SEVERITY_MINOR;
      if ((c = field (im, row, "expect.role", g, &col)) == NULL)
        missing (im, "expect.role", g);
      else
        e->role = id_field (im, row, "expect.role", g);
      if ((c = field (im, row, "expect.action", g, &col)) == NULL)
        missing (im, "expect.action", g);
      else
        e->action = id_field (im, row, "expect.action", g);
      if ((c = field (im, row, "expect.within", g, &col)) == NULL)
        missing (im, "expect.within", g);
      else
        dd_msel_cell_duration (im, c, col, &e->within);
      if ((c = field (im, row, "expect.clause", g, &col)) == NULL)
        missing (im, "expect.clause", g);
      else if ((e->clause = dd_msel_cell_text (im, c, col, DD_MSEL_MAX_LINE_CHARS)) != NULL &&
               !dd_plan_has_clause (im->plan, g_strstrip (e->clause)))
        dd_msel_cell_error (im, col, _("clause %s is not in the plan"), e->clause);
      if ((c = field (im, row, "expect.severity", g, &col)) != NULL)
        {
          g_autofree char *word = dd_msel_cell_name (im, c, col);
          const char *keys[] = { "minor", "major", "critical", NULL };
          const char *id = word ? dd_msel_resolve_word ("severities", keys, word) : NULL;

          if (word != NULL && (id == NULL || !dd_finding_severity_from_string (id, &e->severity)))
            dd_msel_cell_error (im, col, _("unknown severity “%s”: write %s, %s or %s"), word,
                        dd_msel_severity_word (DD_FINDING_SEVERITY_MINOR),
                        dd_msel_severity_word (DD_FINDING_SEVERITY_MAJOR),
                        dd_msel_severity_word (DD_FINDING_SEVERITY_CRITICAL));
        }
      e->text = text_field (im, row, "expect.text", g, DD_MSEL_MAX_CELL_CHARS);
      if (im->errors.count == before)
        g_ptr_array_add (inject->expects, e);
      else
        dd_inject_expect_free (e);
    }
}

/* Names in one cell: 、 ， , ; ； and line breaks separate them, but not
 * inside brackets (各县（市、区）指挥部 is one name). */
static char **
split_names (const char *text)
{
  GPtrArray *out = g_ptr_array_new ();
  GString *name = g_string_new (NULL);
  int depth = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '(' || c == 0xFF08)
        depth++;
      else if ((c == ')' || c == 0xFF09) && depth > 0)
        depth--;
      if (depth == 0 && (c == 0x3001 || c == 0xFF0C || c == 0xFF1B || c == ',' || c == ';' || c == '\n'))
        {
          g_ptr_array_add (out, g_string_free (name, FALSE));
          name = g_string_new (NULL);
          continue;
        }
      g_string_append_unichar (name, c);
    }
  g_ptr_array_add (out, g_string_free (name, FALSE));
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

static DdInject *
read_inject (DdMselImport          *im,
             const DdMselRow *row,
             GHashTable      *ids)
{
  DdInject *inject = dd_inject_new ();
  guint before = im->errors.count;
  guint col;
  const DdMselCell *c;
  g_autofree char *channel = NULL;

  im->row = row->number;

  if ((c = field (im, row, "id", 0, &col)) != NULL)
    {
      inject->id = dd_msel_cell_name (im, c, col);
      if (inject->id != NULL && !dd_scenario_id_is_valid (inject->id))
        dd_msel_cell_error (im, col, _("“%s” is not an id: letters, digits, “.”, “_” and “-”, at most 64"), inject->id);
      else if (inject->id != NULL && !g_hash_table_add (ids, g_strdup (inject->id)))
        dd_msel_cell_error (im, col, _("inject id “%s” is used twice"), inject->id);
    }

  if ((c = field (im, row, "at", 0, &col)) == NULL)
    missing (im, "at", 0);
  else
    dd_msel_cell_at_time (im, c, col, &inject->at);

  inject->from = id_field (im, row, "from", 0);
  inject->source = text_field (im, row, "source", 0, DD_MSEL_MAX_LINE_CHARS);
  if (field (im, row, "from", 0, &col) == NULL && inject->source == NULL &&
      field (im, row, "source", 0, &col) == NULL)
    missing (im, column_of (im, "from", 0) != G_MAXUINT ? "from" : "source", 0);

  if ((c = field (im, row, "to", 0, &col)) == NULL)
    missing (im, "to", 0);
  else
    {
      g_autofree char *text = dd_msel_cell_text (im, c, col, 2048);
      g_auto(GStrv) parts = NULL;
      GPtrArray *to = g_ptr_array_new ();

      if (text != NULL)
        parts = split_names (text);
      for (guint i = 0; parts != NULL && parts[i] != NULL; i++)
        {
          g_autofree char *name = dd_msel_normalise_name (parts[i]);
          const DdRole *r = *name ? dd_msel_resolve_role (im, name, col) : NULL;

          if (r != NULL)
            g_ptr_array_add (to, g_strdup (r->id));
        }
      g_ptr_array_add (to, NULL);
      g_strfreev (inject->to);
      inject->to = (char **) g_ptr_array_free (to, FALSE);
    }

  if ((c = field (im, row, "channel", 0, &col)) == NULL)
    missing (im, "channel", 0);
  else if ((channel = dd_msel_cell_name (im, c, col)) != NULL)
    {
      gboolean found = FALSE;

      for (int ch = DD_CHANNEL_PHONE; ch <= DD_CHANNEL_FIELD_REPORT && !found; ch++)
        if (strcmp (channel, dd_msel_channel_word ((DdChannel) ch)) == 0 ||
            strcmp (channel, dd_channel_to_string ((DdChannel) ch)) == 0)
          {
            inject->channel = (DdChannel) ch;
            found = TRUE;
          }
      if (!found)
        dd_msel_cell_error (im, col, _("unknown channel “%s” (the channels are on the sheet “%s”)"), channel,
                    dd_msel_word ("sheets", "lists"));
    }

  inject->title = text_field (im, row, "title", 0, DD_MSEL_MAX_LINE_CHARS);
  if ((c = field (im, row, "content", 0, &col)) == NULL)
    missing (im, "content", 0);
  else
    inject->content = dd_msel_cell_text (im, c, col, DD_MSEL_MAX_CELL_CHARS);

  read_attachments (im, row, inject);
  read_conditions (im, row, inject);
  read_expects (im, row, inject);

  if (im->errors.count != before)
    {
      dd_inject_free (inject);
      return NULL;
    }
  return inject;
}

static gboolean
row_is_empty (const DdMselRow *row)
{
  for (guint i = 0; i < row->cells->len; i++)
    if (dd_msel_cell_at (row, i) != NULL)
      return FALSE;
  return TRUE;
}

/* Cells right of the header, or under an empty header cell */
static void
check_stray_cells (DdMselImport          *im,
                   const DdMselRow *row)
{
  for (guint i = 0; i < row->cells->len; i++)
    if (dd_msel_cell_at (row, i) != NULL && (i >= im->columns->len || g_array_index (im->columns, DdMselKey, i).key == NULL))
      dd_msel_cell_error (im, i, _("a value in a column without a header"));
}

GPtrArray *
dd_msel_import_table (DdMselTable            *table,
                      DdPlan                 *plan,
                      const DdScenarioDraft  *base,
                      const char             *scenario_dir,
                      GError                **error)
{
  DdMselImport im = { 0 };
  g_autoptr(GPtrArray) injects = g_ptr_array_new_with_free_func (dd_inject_free);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint first = 0;
  GPtrArray *result = NULL;

  im.plan = plan;
  im.base = base;
  im.scenario_dir = scenario_dir;
  im.errors.where = table->where;
  im.columns = g_array_new (FALSE, TRUE, sizeof (DdMselKey));
  g_array_set_clear_func (im.columns, column_clear);
  im.start = base && base->start ? g_date_time_new_from_iso8601 (base->start, NULL) : NULL;
  dd_msel_import_names (&im);

  while (first < table->rows->len && row_is_empty (g_ptr_array_index (table->rows, first)))
    first++;
  if (first == table->rows->len)
    dd_msel_errors_add (&im.errors, 0, 0, _("the sheet is empty: it needs a header row and one row per inject"));
  else if (read_header (&im, g_ptr_array_index (table->rows, first)))
    {
      for (guint i = first + 1; i < table->rows->len; i++)
        {
          const DdMselRow *row = g_ptr_array_index (table->rows, i);
          DdInject *inject;

          if (row_is_empty (row))
            continue;
          im.row = row->number;
          check_stray_cells (&im, row);
          inject = read_inject (&im, row, ids);
          if (inject != NULL)
            g_ptr_array_add (injects, inject);
        }
      if (injects->len == 0 && im.errors.count == 0)
        dd_msel_errors_add (&im.errors, 0, 0, _("no injects: the sheet has a header row but no row under it"));
    }

  /* Ids for the rows that left them empty, clear of those given */
  for (guint i = 0; i < injects->len && im.errors.count == 0; i++)
    {
      DdInject *inject = g_ptr_array_index (injects, i);

      for (guint n = i + 1; inject->id == NULL; n++)
        {
          g_autofree char *id = g_strdup_printf ("inject-%u", n);

          if (g_hash_table_add (ids, g_strdup (id)))
            inject->id = g_steal_pointer (&id);
        }
    }

  if (!dd_msel_errors_take (&im.errors, error))
    result = g_steal_pointer (&injects);

  g_array_unref (im.columns);
  g_hash_table_unref (im.roles);
  g_hash_table_unref (im.ambiguous);
  g_hash_table_unref (im.actions);
  g_clear_pointer (&im.start, g_date_time_unref);
  return result;
}
