/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-msel.c — the MSEL table: cells, the spreadsheet's words, the export of
 * a scenario's injects as rows (see dd-msel.h)
 *
 * Copyright 2024 The DrillDesk authors
 */

#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "dd-error.h"
#include "dd-msel.h"
#include "dd-msel-private.h"
#include "dd-xml.h"

#define WORDS_RESOURCE "/io/github/drilldesk/DrillDesk/core/msel/msel.ini"
#define SCHEMA_RESOURCE "/io/github/drilldesk/DrillDesk/core/schema/scenario.rng"
#define RNG_NS "http://relaxng.org/ns/structure/1.0"

/* ------------------------------------------------------------------ */
/* The table                                                           */

static void
cell_free (gpointer data)
{
  DdMselCell *c = data;

  if (c == NULL)
    return;
  g_free (c->text);
  g_free (c);
}

static void
row_free (gpointer data)
{
  DdMselRow *r = data;

  g_ptr_array_unref (r->cells);
  g_free (r);
}

static void
column_free (gpointer data)
{
  DdMselColumn *c = data;

  g_free (c->key);
  g_free (c->header);
  g_free (c);
}

DdMselTable *
dd_msel_table_new (const char *where)
{
  DdMselTable *t = g_new0 (DdMselTable, 1);

  t->where = g_strdup (where);
  t->rows = g_ptr_array_new_with_free_func (row_free);
  t->columns = g_ptr_array_new_with_free_func (column_free);
  return t;
}

void
dd_msel_table_free (DdMselTable *table)
{
  if (table == NULL)
    return;
  g_free (table->where);
  g_free (table->start);
  g_ptr_array_unref (table->rows);
  g_ptr_array_unref (table->columns);
  g_free (table);
}

DdMselRow *
dd_msel_table_add_row (DdMselTable *table,
                       guint        number)
{
  DdMselRow *r = g_new0 (DdMselRow, 1);

  r->number = number;
  r->cells = g_ptr_array_new_with_free_func (cell_free);
  g_ptr_array_add (table->rows, r);
  return r;
}

void
dd_msel_row_take (DdMselRow      *row,
                  guint           column,
                  DdMselCellKind  kind,
                  char           *text,
                  double          number)
{
  DdMselCell *c;

  if (column >= row->cells->len)
    g_ptr_array_set_size (row->cells, column + 1);
  c = g_new0 (DdMselCell, 1);
  c->kind = kind;
  c->text = text;
  c->number = number;
  cell_free (g_ptr_array_index (row->cells, column));
  g_ptr_array_index (row->cells, column) = c;
}

/* ------------------------------------------------------------------ */
/* Words                                                               */

static GKeyFile *
words (void)
{
  static gsize once = 0;
  static GKeyFile *kf;

  if (g_once_init_enter (&once))
    {
      g_autoptr(GBytes) bytes = g_resources_lookup_data (WORDS_RESOURCE, 0, NULL);
      GKeyFile *k = g_key_file_new ();

      /* a resource of the program: it always loads */
      if (bytes == NULL || !g_key_file_load_from_bytes (k, bytes, G_KEY_FILE_NONE, NULL))
        g_critical ("%s does not load", WORDS_RESOURCE);
      kf = k;
      g_once_init_leave (&once, 1);
    }
  return kf;
}

const char *
dd_msel_word (const char *group,
              const char *key)
{
  static GHashTable *cache;
  static GMutex lock;
  g_autofree char *k = g_strconcat (group, "\n", key, NULL);
  const char *value;

  g_mutex_lock (&lock);
  if (cache == NULL)
    cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (!g_hash_table_lookup_extended (cache, k, NULL, (gpointer *) &value))
    {
      value = g_key_file_get_string (words (), group, key, NULL);
      g_hash_table_insert (cache, g_strdup (k), (gpointer) value);
    }
  g_mutex_unlock (&lock);
  return value;
}

/* ------------------------------------------------------------------ */
/* Conditions, from the scenario schema                                */

static char **condition_attributes;
static char **condition_types;
static GHashTable *condition_optional;   /* attribute names under <optional> */

static xmlNode *
rng_define (xmlNode    *grammar,
            const char *name)
{
  DD_XML_FOREACH (d, grammar, "define")
    {
      g_autofree char *n = dd_xml_prop (d, "name");

      if (g_strcmp0 (n, name) == 0)
        return d;
    }
  return NULL;
}

/* Walks the pattern under @node in document order, collecting attribute
 * names (once each) and the values of the attribute "type". A <choice> of
 * groups is one kind of condition per group: @required counts, per
 * attribute, the groups that require it, so that an attribute is required
 * in the spreadsheet only when every kind requires it (the scenario's
 * schema, checked on import, says what each kind needs). */
static void
rng_collect (xmlNode    *node,
             GPtrArray  *attrs,
             GPtrArray  *types,
             GHashTable *required,
             guint      *n_kinds,
             gboolean    in_type,
             gboolean    optional)
{
  for (xmlNode *n = node->children; n != NULL; n = n->next)
    {
      if (n->type != XML_ELEMENT_NODE)
        continue;
      if (dd_xml_is (n, "attribute"))
        {
          g_autofree char *name = dd_xml_prop (n, "name");

          if (name != NULL && !g_ptr_array_find_with_equal_func (attrs, name, g_str_equal, NULL))
            g_ptr_array_add (attrs, g_strdup (name));
          if (name != NULL && !optional)
            g_hash_table_insert (required, g_strdup (name),
                                 GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (required, name)) + 1));
          rng_collect (n, attrs, types, required, n_kinds, g_strcmp0 (name, "type") == 0, optional);
        }
      else if (dd_xml_is (n, "value") && in_type)
        g_ptr_array_add (types, dd_xml_text (n));
      else
        {
          if (dd_xml_is (n, "group") && dd_xml_is (node, "choice"))
            (*n_kinds)++;
          rng_collect (n, attrs, types, required, n_kinds, in_type, optional || dd_xml_is (n, "optional"));
        }
    }
}

static void
load_condition_schema (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      g_autoptr(GBytes) bytes = g_resources_lookup_data (SCHEMA_RESOURCE, 0, NULL);
      GPtrArray *attrs = g_ptr_array_new ();
      GPtrArray *types = g_ptr_array_new ();
      gsize len = 0;
      const char *data = bytes ? g_bytes_get_data (bytes, &len) : NULL;
      g_autoptr(xmlDoc) doc = data ? dd_xml_parse_data ("scenario.rng", data, len, NULL, NULL) : NULL;
      xmlNode *def = doc ? rng_define (xmlDocGetRootElement (doc), "condition") : NULL;

      g_autoptr(GHashTable) required = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      guint n_kinds = 0;

      condition_optional = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      if (def != NULL)
        rng_collect (def, attrs, types, required, &n_kinds, FALSE, FALSE);
      for (guint i = 0; i < attrs->len; i++)
        if (GPOINTER_TO_UINT (g_hash_table_lookup (required, g_ptr_array_index (attrs, i))) < MAX (n_kinds, 1))
          g_hash_table_add (condition_optional, g_strdup (g_ptr_array_index (attrs, i)));
      g_ptr_array_add (attrs, NULL);
      g_ptr_array_add (types, NULL);
      condition_attributes = (char **) g_ptr_array_free (attrs, FALSE);
      condition_types = (char **) g_ptr_array_free (types, FALSE);
      g_once_init_leave (&once, 1);
    }
}

const char *const *
dd_msel_condition_attributes (void)
{
  load_condition_schema ();
  return (const char *const *) condition_attributes;
}

const char *const *
dd_msel_condition_types (void)
{
  load_condition_schema ();
  return (const char *const *) condition_types;
}

gboolean
dd_msel_condition_attribute_required (const char *name)
{
  load_condition_schema ();
  return !g_hash_table_contains (condition_optional, name);
}

/* A condition type in the spreadsheet: its word, else its XML name. */
const char *
dd_msel_condition_type_word (const char *type)
{
  const char *w = dd_msel_word ("condition-types", type);

  return w != NULL ? w : type;
}

/* ------------------------------------------------------------------ */
/* Lists                                                               */

char **
dd_msel_list_values (DdPlan     *plan,
                     DdMselList  list)
{
  GPtrArray *out = g_ptr_array_new ();

  switch (list)
    {
    case DD_MSEL_LIST_ROLES:
      {
        GPtrArray *roles = dd_plan_get_roles (plan);

        for (guint i = 0; i < roles->len; i++)
          g_ptr_array_add (out, g_strdup (dd_plan_role_label (plan, g_ptr_array_index (roles, i))));
      }
      break;
    case DD_MSEL_LIST_ACTIONS:
      {
        GPtrArray *kinds = dd_plan_get_action_kinds (plan);

        for (guint i = 0; i < kinds->len; i++)
          g_ptr_array_add (out, g_strdup (((DdActionKind *) g_ptr_array_index (kinds, i))->name));
      }
      break;
    case DD_MSEL_LIST_CHANNELS:
      for (int c = DD_CHANNEL_PHONE; c <= DD_CHANNEL_FIELD_REPORT; c++)
        g_ptr_array_add (out, g_strdup (dd_msel_channel_word ((DdChannel) c)));
      break;
    case DD_MSEL_LIST_CONDITIONS:
      for (const char *const *t = dd_msel_condition_types (); *t != NULL; t++)
        g_ptr_array_add (out, g_strdup (dd_msel_condition_type_word (*t)));
      break;
    case DD_MSEL_LIST_SEVERITIES:
      for (int s = DD_FINDING_SEVERITY_MINOR; s <= DD_FINDING_SEVERITY_CRITICAL; s++)
        g_ptr_array_add (out, g_strdup (dd_msel_severity_word ((DdFindingSeverity) s)));
      break;
    case DD_MSEL_LIST_NONE:
    case DD_MSEL_N_LISTS:
    default:
      break;
    }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

const char *
dd_msel_channel_word (DdChannel channel)
{
  const char *id = dd_channel_to_string (channel);
  const char *w = dd_msel_word ("channels", id);

  return w != NULL ? w : id;
}

const char *
dd_msel_severity_word (DdFindingSeverity severity)
{
  const char *id = dd_finding_severity_to_string (severity);
  const char *w = dd_msel_word ("severities", id);

  return w != NULL ? w : id;
}

/* ------------------------------------------------------------------ */
/* Columns                                                             */

char *
dd_msel_column_header (const char *key,
                       guint       group)
{
  const char *dot = strchr (key, '.');
  g_autofree char *group_name = NULL;
  const char *field_word;

  if (dot == NULL)
    {
      const char *w = dd_msel_word ("columns", key);
      return g_strdup (w != NULL ? w : key);
    }
  group_name = g_strndup (key, (gsize) (dot - key));
  field_word = dd_msel_word ("fields", key);
  return g_strdup_printf ("%s%u%s", dd_msel_word ("groups", group_name) ? dd_msel_word ("groups", group_name) : group_name,
                          group, field_word != NULL ? field_word : dot + 1);
}

static DdMselColumn *
add_column (GPtrArray  *columns,
            const char *key,
            guint       group,
            DdMselList  list,
            double      width)
{
  DdMselColumn *c = g_new0 (DdMselColumn, 1);

  c->key = g_strdup (key);
  c->group = group;
  c->header = dd_msel_column_header (key, group);
  c->list = list;
  c->width = width;
  g_ptr_array_add (columns, c);
  return c;
}

/* What a condition's attribute names: the scenario schema's <condition>
 * takes action ids in "action" (what the room must or must not do) and
 * "approval" (the action that approves a release), a role id in "role". */
DdMselList
dd_msel_condition_list (const char *attribute)
{
  if (strcmp (attribute, "type") == 0)
    return DD_MSEL_LIST_CONDITIONS;
  if (strcmp (attribute, "action") == 0 || strcmp (attribute, "approval") == 0)
    return DD_MSEL_LIST_ACTIONS;
  if (strcmp (attribute, "role") == 0)
    return DD_MSEL_LIST_ROLES;
  return DD_MSEL_LIST_NONE;
}

static void
build_columns (GPtrArray *columns,
               guint      n_attachments,
               guint      n_conditions,
               guint      n_expects)
{
  add_column (columns, "id", 0, DD_MSEL_LIST_NONE, 12)->as_text = TRUE;
  add_column (columns, "at", 0, DD_MSEL_LIST_NONE, 10)->as_text = TRUE;
  add_column (columns, "from", 0, DD_MSEL_LIST_ROLES, 18);
  add_column (columns, "source", 0, DD_MSEL_LIST_NONE, 18);
  add_column (columns, "to", 0, DD_MSEL_LIST_ROLES, 22)->several = TRUE;
  add_column (columns, "channel", 0, DD_MSEL_LIST_CHANNELS, 10);
  add_column (columns, "title", 0, DD_MSEL_LIST_NONE, 24)->wrap = TRUE;
  add_column (columns, "content", 0, DD_MSEL_LIST_NONE, 60)->wrap = TRUE;
  for (guint g = 1; g <= n_attachments; g++)
    {
      add_column (columns, "attachment.file", g, DD_MSEL_LIST_NONE, 24)->as_text = TRUE;
      add_column (columns, "attachment.label", g, DD_MSEL_LIST_NONE, 18);
    }
  for (guint g = 1; g <= n_conditions; g++)
    for (const char *const *a = dd_msel_condition_attributes (); *a != NULL; a++)
      {
        g_autofree char *key = g_strconcat ("condition.", *a, NULL);

        add_column (columns, key, g, dd_msel_condition_list (*a), 14)->as_text = TRUE;
      }
  for (guint g = 1; g <= n_expects; g++)
    {
      add_column (columns, "expect.role", g, DD_MSEL_LIST_ROLES, 18);
      add_column (columns, "expect.action", g, DD_MSEL_LIST_ACTIONS, 18);
      add_column (columns, "expect.within", g, DD_MSEL_LIST_NONE, 8);
      add_column (columns, "expect.clause", g, DD_MSEL_LIST_NONE, 10)->as_text = TRUE;
      add_column (columns, "expect.severity", g, DD_MSEL_LIST_SEVERITIES, 10);
      add_column (columns, "expect.text", g, DD_MSEL_LIST_NONE, 36)->wrap = TRUE;
    }
}

/* ------------------------------------------------------------------ */
/* Export                                                              */

static const char *
role_name (DdPlan     *plan,
           const char *id)
{
  const DdRole *r = id != NULL ? dd_plan_lookup_role (plan, id) : NULL;

  return r != NULL ? dd_plan_role_label (plan, r) : id;
}

static const char *
action_name (DdPlan     *plan,
             const char *id)
{
  const DdActionKind *k = id != NULL ? dd_plan_lookup_action_kind (plan, id) : NULL;

  return k != NULL ? k->name : id;
}

char *
dd_msel_format_at (gint64 seconds)
{
  g_autofree char *offset = NULL;

  if (seconds % 60 == 0)
    return g_strdup_printf ("T%s%" G_GINT64_FORMAT, seconds < 0 ? "-" : "+", ABS (seconds) / 60);
  offset = dd_offset_format (ABS (seconds));
  return g_strdup_printf ("T%s%s", seconds < 0 ? "-" : "+", offset);
}

static void
put_text (DdMselRow  *row,
          guint       col,
          const char *text)
{
  if (text != NULL && *text != '\0')
    dd_msel_row_take (row, col, DD_MSEL_CELL_TEXT, g_strdup (text), 0);
}

static guint
find_column (DdMselTable *t,
             const char  *key,
             guint        group)
{
  for (guint i = 0; i < t->columns->len; i++)
    {
      const DdMselColumn *c = g_ptr_array_index (t->columns, i);

      if (c->group == group && strcmp (c->key, key) == 0)
        return i;
    }
  g_return_val_if_reached (0);
}

/* The <condition> elements of each inject, as the writer writes them: the
 * scenario model decides what a condition holds, not this file. */
static GPtrArray *
condition_elements (const DdScenarioDraft *draft,
                    xmlDoc               **doc_out,
                    GError               **error)
{
  gsize len = 0;
  g_autofree char *xml = dd_scenario_draft_to_xml (draft, &len);
  xmlDoc *doc = dd_xml_parse_data ("scenario", xml, len, NULL, error);
  GPtrArray *per_inject;

  if (doc == NULL)
    return NULL;
  per_inject = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  DD_XML_FOREACH (inject, dd_xml_child (xmlDocGetRootElement (doc), "msel"), "inject")
    {
      GPtrArray *conds = g_ptr_array_new ();

      DD_XML_FOREACH (c, inject, "condition")
        g_ptr_array_add (conds, c);
      g_ptr_array_add (per_inject, conds);
    }
  *doc_out = doc;
  return per_inject;
}

static void
export_inject (DdMselTable    *t,
               DdPlan         *plan,
               const DdInject *inject,
               GPtrArray      *conditions,
               guint           number)
{
  DdMselRow *row = dd_msel_table_add_row (t, number);
  g_autofree char *at = dd_msel_format_at (inject->at);
  g_autoptr(GString) to = g_string_new (NULL);

  put_text (row, find_column (t, "id", 0), inject->id);
  put_text (row, find_column (t, "at", 0), at);
  put_text (row, find_column (t, "from", 0), role_name (plan, inject->from));
  put_text (row, find_column (t, "source", 0), inject->source);
  for (guint i = 0; inject->to != NULL && inject->to[i] != NULL; i++)
    g_string_append_printf (to, "%s%s", i > 0 ? dd_msel_separator () : "", role_name (plan, inject->to[i]));
  put_text (row, find_column (t, "to", 0), to->str);
  put_text (row, find_column (t, "channel", 0), dd_msel_channel_word (inject->channel));
  put_text (row, find_column (t, "title", 0), inject->title);
  put_text (row, find_column (t, "content", 0), inject->content);

  for (guint i = 0; i < inject->attachments->len; i++)
    {
      const DdAttachment *a = g_ptr_array_index (inject->attachments, i);

      put_text (row, find_column (t, "attachment.file", i + 1), a->file);
      put_text (row, find_column (t, "attachment.label", i + 1), a->label);
    }

  for (guint i = 0; conditions != NULL && i < conditions->len; i++)
    for (xmlAttr *a = ((xmlNode *) g_ptr_array_index (conditions, i))->properties; a != NULL; a = a->next)
      {
        g_autofree char *key = g_strconcat ("condition.", (const char *) a->name, NULL);
        g_autofree char *value = dd_xml_prop (a->parent, (const char *) a->name);
        const char *shown = value;

        switch (dd_msel_condition_list ((const char *) a->name))
          {
          case DD_MSEL_LIST_CONDITIONS:
            shown = dd_msel_condition_type_word (value);
            break;
          case DD_MSEL_LIST_ACTIONS:
            shown = action_name (plan, value);
            break;
          case DD_MSEL_LIST_ROLES:
            shown = role_name (plan, value);
            break;
          default:
            break;
          }
        put_text (row, find_column (t, key, i + 1), shown);
      }

  for (guint i = 0; i < inject->expects->len; i++)
    {
      const DdInjectExpect *e = g_ptr_array_index (inject->expects, i);
      guint within = find_column (t, "expect.within", i + 1);

      put_text (row, find_column (t, "expect.role", i + 1), role_name (plan, e->role));
      put_text (row, find_column (t, "expect.action", i + 1), action_name (plan, e->action));
      if (e->within % 60 == 0)
        dd_msel_row_take (row, within, DD_MSEL_CELL_NUMBER,
                          g_strdup_printf ("%" G_GINT64_FORMAT, e->within / 60), (double) (e->within / 60));
      else
        {
          g_autofree char *text = dd_offset_format (e->within);

          put_text (row, within, text);
        }
      put_text (row, find_column (t, "expect.clause", i + 1), e->clause);
      put_text (row, find_column (t, "expect.severity", i + 1), dd_msel_severity_word (e->severity));
      put_text (row, find_column (t, "expect.text", i + 1), e->text);
    }
}

const char *
dd_msel_separator (void)
{
  return "\xe3\x80\x81"; /* U+3001 IDEOGRAPHIC COMMA, the list separator of Chinese */
}

DdMselTable *
dd_msel_export (DdPlan                 *plan,
                const DdScenarioDraft  *draft,
                GError                **error)
{
  g_autoptr(DdMselTable) t = dd_msel_table_new (NULL);
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GPtrArray) conditions = condition_elements (draft, &doc, error);
  guint n_att = 1, n_cond = 1, n_exp = 2;
  DdMselRow *head;

  if (conditions == NULL)
    return NULL;
  for (guint i = 0; i < draft->injects->len; i++)
    {
      const DdInject *inj = g_ptr_array_index (draft->injects, i);

      n_att = MAX (n_att, inj->attachments->len);
      n_cond = MAX (n_cond, inj->conditions->len);
      n_exp = MAX (n_exp, inj->expects->len);
    }
  build_columns (t->columns, n_att, n_cond, n_exp);
  t->start = g_strdup (draft->start);

  head = dd_msel_table_add_row (t, 1);
  for (guint i = 0; i < t->columns->len; i++)
    put_text (head, i, ((DdMselColumn *) g_ptr_array_index (t->columns, i))->header);
  for (guint i = 0; i < draft->injects->len; i++)
    export_inject (t, plan, g_ptr_array_index (draft->injects, i),
                   i < conditions->len ? g_ptr_array_index (conditions, i) : NULL, i + 2);
  return g_steal_pointer (&t);
}
