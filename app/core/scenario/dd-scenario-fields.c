/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-scenario-fields.c — field paths into a scenario draft: resolving a
 * path to its slot, reading, parsing and storing values as text
 *
 * Copyright 2024 The DrillDesk authors
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "dd-error.h"
#include "dd-scenario-fields.h"

static gboolean
parse_index (const char *text,
             guint       len,
             guint      *out)
{
  guint64 v;

  if (text == NULL || !g_ascii_isdigit (*text) ||
      !g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &v, NULL) || v >= len)
    return FALSE;
  *out = (guint) v;
  return TRUE;
}

gboolean
dd_scenario_field_error (GError    **error,
                         const char *field)
{
  g_set_error (error, DD_ERROR, DD_ERROR_INVALID, _("no such field: %s"), field);
  return FALSE;
}

/* The list named by parts[0..n) (see the header), or NULL. */
GPtrArray *
dd_scenario_field_resolve_list (DdScenarioDraft *d,
                                char           **parts,
                                guint            n,
                                ListKind        *kind_out,
                                DdInject       **inject_out)
{
  guint i;
  DdInject *inject;

  if (n == 1 && strcmp (parts[0], "participants") == 0)
    return *kind_out = LIST_PARTICIPANTS, d->participants;
  if (n == 1 && strcmp (parts[0], "objectives") == 0)
    return *kind_out = LIST_OBJECTIVES, d->objectives;
  if (n == 1 && strcmp (parts[0], "injects") == 0)
    return *kind_out = LIST_INJECTS, d->injects;
  if (n != 3 || strcmp (parts[0], "injects") != 0 || !parse_index (parts[1], d->injects->len, &i))
    return NULL;

  inject = g_ptr_array_index (d->injects, i);
  if (inject_out != NULL)
    *inject_out = inject;
  if (strcmp (parts[2], "expects") == 0)
    return *kind_out = LIST_EXPECTS, inject->expects;
  if (strcmp (parts[2], "conditions") == 0)
    return *kind_out = LIST_CONDITIONS, inject->conditions;
  if (strcmp (parts[2], "attachments") == 0)
    return *kind_out = LIST_ATTACHMENTS, inject->attachments;
  return NULL;
}

/* Splits an item path ("injects/3") into its list and index. */
GPtrArray *
dd_scenario_field_resolve_item (DdScenarioDraft *d,
                                const char      *item,
                                ListKind        *kind_out,
                                guint           *index_out)
{
  g_auto(GStrv) parts = g_strsplit (item ? item : "", "/", -1);
  guint n = g_strv_length (parts);
  GPtrArray *list;

  if (n < 2)
    return NULL;
  list = dd_scenario_field_resolve_list (d, parts, n - 1, kind_out, NULL);
  if (list == NULL || !parse_index (parts[n - 1], list->len, index_out))
    return NULL;
  return list;
}

#define SLOT(k, p) (*slot = (Slot) { (k), (p), NULL }, TRUE)

static gboolean
resolve_item_field (gpointer    item,
                    ListKind    kind,
                    const char *name,
                    Slot       *slot)
{
  switch (kind)
    {
    case LIST_PARTICIPANTS:
      {
        DdParticipant *p = item;
        if (strcmp (name, "role") == 0) return SLOT (SLOT_STRING, &p->role);
        if (strcmp (name, "player") == 0) return SLOT (SLOT_STRING, &p->player);
        break;
      }
    case LIST_OBJECTIVES:
      {
        DdObjective *o = item;
        if (strcmp (name, "id") == 0) return SLOT (SLOT_STRING, &o->id);
        if (strcmp (name, "clauses") == 0) return SLOT (SLOT_WORDS, &o->clauses);
        if (strcmp (name, "text") == 0) return SLOT (SLOT_STRING, &o->text);
        break;
      }
    case LIST_INJECTS:
      {
        DdInject *i = item;
        if (strcmp (name, "id") == 0) return SLOT (SLOT_STRING, &i->id);
        if (strcmp (name, "at") == 0) return SLOT (SLOT_OFFSET, &i->at);
        if (strcmp (name, "from") == 0) return SLOT (SLOT_STRING, &i->from);
        if (strcmp (name, "source") == 0) return SLOT (SLOT_STRING, &i->source);
        if (strcmp (name, "to") == 0) return SLOT (SLOT_WORDS, &i->to);
        if (strcmp (name, "channel") == 0) return SLOT (SLOT_CHANNEL, &i->channel);
        if (strcmp (name, "title") == 0) return SLOT (SLOT_STRING, &i->title);
        if (strcmp (name, "content") == 0) return SLOT (SLOT_STRING, &i->content);
        break;
      }
    case LIST_EXPECTS:
      {
        DdInjectExpect *e = item;
        if (strcmp (name, "role") == 0) return SLOT (SLOT_STRING, &e->role);
        if (strcmp (name, "action") == 0) return SLOT (SLOT_STRING, &e->action);
        if (strcmp (name, "within") == 0) return SLOT (SLOT_OFFSET, &e->within);
        if (strcmp (name, "clause") == 0) return SLOT (SLOT_STRING, &e->clause);
        if (strcmp (name, "severity") == 0) return SLOT (SLOT_SEVERITY, &e->severity);
        if (strcmp (name, "text") == 0) return SLOT (SLOT_STRING, &e->text);
        break;
      }
    case LIST_CONDITIONS:
      {
        DdInjectCondition *c = item;
        if (strcmp (name, "type") == 0) return SLOT (SLOT_CONDITION, &c->type);
        if (strcmp (name, "action") == 0) return SLOT (SLOT_STRING, &c->action);
        if (strcmp (name, "role") == 0) return SLOT (SLOT_STRING, &c->role);
        if (strcmp (name, "approval") == 0) return SLOT (SLOT_STRING, &c->approval);
        if (strcmp (name, "by") == 0) return (*slot = (Slot) { SLOT_OPTIONAL_OFFSET, &c->by, &c->has_by }, TRUE);
        break;
      }
    case LIST_ATTACHMENTS:
      {
        DdAttachment *a = item;
        if (strcmp (name, "file") == 0) return SLOT (SLOT_STRING, &a->file);
        if (strcmp (name, "label") == 0) return SLOT (SLOT_STRING, &a->label);
        break;
      }
    default:
      break;
    }
  return FALSE;
}

gboolean
dd_scenario_field_resolve (DdScenarioDraft *d,
                           const char      *field,
                           Slot            *slot)
{
  g_auto(GStrv) parts = g_strsplit (field ? field : "", "/", -1);
  guint n = g_strv_length (parts);
  DdIncident *inc = &d->incident;
  static const struct { const char *name; SlotKind kind; gsize offset; } top[] = {
    { "id", SLOT_STRING, G_STRUCT_OFFSET (DdScenarioDraft, id) },
    { "title", SLOT_STRING, G_STRUCT_OFFSET (DdScenarioDraft, title) },
    { "summary", SLOT_STRING, G_STRUCT_OFFSET (DdScenarioDraft, summary) },
    { "form", SLOT_FORM, G_STRUCT_OFFSET (DdScenarioDraft, form) },
    { "form-label", SLOT_STRING, G_STRUCT_OFFSET (DdScenarioDraft, form_label) },
    { "form-standard", SLOT_STRING, G_STRUCT_OFFSET (DdScenarioDraft, form_standard) },
    { "start", SLOT_STRING, G_STRUCT_OFFSET (DdScenarioDraft, start) },
    { "duration", SLOT_OFFSET, G_STRUCT_OFFSET (DdScenarioDraft, duration) },
    { "compression", SLOT_DECIMAL, G_STRUCT_OFFSET (DdScenarioDraft, compression) },
    { "version", SLOT_UINT, G_STRUCT_OFFSET (DdScenarioDraft, version) },
    { "lang", SLOT_STRING, G_STRUCT_OFFSET (DdScenarioDraft, lang) },
  };
  static const struct { const char *name; SlotKind kind; gsize offset; } incident[] = {
    { "category", SLOT_STRING, G_STRUCT_OFFSET (DdIncident, category) },
    { "subtype", SLOT_STRING, G_STRUCT_OFFSET (DdIncident, subtype) },
    { "severity", SLOT_STRING, G_STRUCT_OFFSET (DdIncident, severity) },
    { "unit", SLOT_STRING, G_STRUCT_OFFSET (DdIncident, unit) },
    { "began", SLOT_OFFSET, G_STRUCT_OFFSET (DdIncident, began) },
    { "unit-name", SLOT_STRING, G_STRUCT_OFFSET (DdIncident, unit_name) },
    { "system", SLOT_STRING, G_STRUCT_OFFSET (DdIncident, system) },
    { "location", SLOT_STRING, G_STRUCT_OFFSET (DdIncident, location) },
    { "description", SLOT_STRING, G_STRUCT_OFFSET (DdIncident, description) },
  };

  if (n == 1)
    {
      for (guint i = 0; i < G_N_ELEMENTS (top); i++)
        if (strcmp (parts[0], top[i].name) == 0)
          return SLOT (top[i].kind, G_STRUCT_MEMBER_P (d, top[i].offset));
      return FALSE;
    }
  if (n == 2 && strcmp (parts[0], "incident") == 0)
    {
      if (strcmp (parts[1], "level-clear") == 0)
        {
          *slot = (Slot) { SLOT_OPTIONAL_OFFSET, &inc->level_clear, &inc->has_level_clear };
          return TRUE;
        }
      for (guint i = 0; i < G_N_ELEMENTS (incident); i++)
        if (strcmp (parts[1], incident[i].name) == 0)
          return SLOT (incident[i].kind, G_STRUCT_MEMBER_P (inc, incident[i].offset));
      return FALSE;
    }
  if (n >= 3)
    {
      ListKind kind;
      GPtrArray *list = dd_scenario_field_resolve_list (d, parts, n - 2, &kind, NULL);
      guint index;

      if (list == NULL || !parse_index (parts[n - 2], list->len, &index))
        return FALSE;
      return resolve_item_field (g_ptr_array_index (list, index), kind, parts[n - 1], slot);
    }
  return FALSE;
}

static char *
format_decimal (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%g", value));
}

char *
dd_scenario_field_get (const Slot *slot)
{
  switch (slot->kind)
    {
    case SLOT_STRING:
      return g_strdup (*(char **) slot->ptr ? *(char **) slot->ptr : "");
    case SLOT_WORDS:
      return *(char ***) slot->ptr ? g_strjoinv (" ", *(char ***) slot->ptr) : g_strdup ("");
    case SLOT_OFFSET:
      return dd_offset_format (*(gint64 *) slot->ptr);
    case SLOT_OPTIONAL_OFFSET:
      return *slot->flag ? dd_offset_format (*(gint64 *) slot->ptr) : g_strdup ("");
    case SLOT_DECIMAL:
      return format_decimal (*(double *) slot->ptr);
    case SLOT_UINT:
      return *(guint *) slot->ptr ? g_strdup_printf ("%u", *(guint *) slot->ptr) : g_strdup ("");
    case SLOT_FORM:
      return g_strdup (dd_drill_form_to_string (*(DdDrillForm *) slot->ptr));
    case SLOT_CHANNEL:
      return g_strdup (dd_channel_to_string (*(DdChannel *) slot->ptr));
    case SLOT_CONDITION:
      return g_strdup (dd_condition_type_to_string (*(DdConditionType *) slot->ptr));
    case SLOT_SEVERITY:
      return g_strdup (dd_finding_severity_to_string (*(DdFindingSeverity *) slot->ptr));
    default:
      g_assert_not_reached ();
    }
}



gboolean
dd_scenario_field_parse (const Slot  *slot,
                         const char  *field,
                         const char  *text,
                         Value       *v,
                         GError     **error)
{
  guint64 u;
  char *end = NULL;

  switch (slot->kind)
    {
    case SLOT_STRING:
      v->string = dd_scenario_text_is_blank (text) ? NULL : g_strdup (text);
      return TRUE;
    case SLOT_WORDS:
      v->words = dd_strv_from_words (text);
      return TRUE;
    case SLOT_OPTIONAL_OFFSET:
      v->flag = !dd_scenario_text_is_blank (text);
      if (!v->flag)
        return TRUE;
      G_GNUC_FALLTHROUGH;
    case SLOT_OFFSET:
      {
        g_autofree char *t = g_strstrip (g_strdup (text ? text : ""));

        if (dd_offset_parse (t, &v->offset))
          return TRUE;
        g_set_error (error, DD_ERROR, DD_ERROR_INVALID,
                     _("“%s” is not a time offset (H:MM or H:MM:SS)"), text ? text : "");
        return FALSE;
      }
    case SLOT_DECIMAL:
      v->decimal = g_ascii_strtod (text ? text : "", &end);
      if (text != NULL && end != text && dd_scenario_text_is_blank (end))
        return TRUE;
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID, _("“%s” is not a number"), text ? text : "");
      return FALSE;
    case SLOT_UINT:
      if (dd_scenario_text_is_blank (text))
        return v->uint = 0, TRUE;
      if (g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &u, NULL))
        return v->uint = (guint) u, TRUE;
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID, _("“%s” is not a number"), text);
      return FALSE;
    case SLOT_FORM:
      if (dd_drill_form_from_string (text, (DdDrillForm *) &v->e))
        return TRUE;
      break;
    case SLOT_CHANNEL:
      if (dd_channel_from_string (text, (DdChannel *) &v->e))
        return TRUE;
      break;
    case SLOT_CONDITION:
      if (dd_condition_type_from_string (text, (DdConditionType *) &v->e))
        return TRUE;
      break;
    case SLOT_SEVERITY:
      if (dd_finding_severity_from_string (text, (DdFindingSeverity *) &v->e))
        return TRUE;
      break;
    default:
      g_assert_not_reached ();
    }
  g_set_error (error, DD_ERROR, DD_ERROR_INVALID, _("“%s” is not a valid value for %s"),
               text ? text : "", field);
  return FALSE;
}

void
dd_scenario_field_store (const Slot *slot,
                         Value      *v)
{
  switch (slot->kind)
    {
    case SLOT_STRING:
      g_free (*(char **) slot->ptr);
      *(char **) slot->ptr = g_steal_pointer (&v->string);
      break;
    case SLOT_WORDS:
      g_strfreev (*(char ***) slot->ptr);
      *(char ***) slot->ptr = g_steal_pointer (&v->words);
      break;
    case SLOT_OPTIONAL_OFFSET:
      *slot->flag = v->flag;
      if (v->flag)
        *(gint64 *) slot->ptr = v->offset;
      break;
    case SLOT_OFFSET:
      *(gint64 *) slot->ptr = v->offset;
      break;
    case SLOT_DECIMAL:
      *(double *) slot->ptr = v->decimal;
      break;
    case SLOT_UINT:
      *(guint *) slot->ptr = v->uint;
      break;
    case SLOT_FORM:
    case SLOT_CHANNEL:
    case SLOT_CONDITION:
    case SLOT_SEVERITY:
      *(int *) slot->ptr = v->e;
      break;
    default:
      g_assert_not_reached ();
    }
}

/* An id not yet used in @list (whose items start with a char *id). */
char *
dd_scenario_field_unique_id (GPtrArray  *list,
                             const char *stem)
{
  for (guint n = 1;; n++)
    {
      g_autofree char *id = n == 1 ? g_strdup (stem) : g_strdup_printf ("%s-%u", stem, n);
      gboolean used = FALSE;

      for (guint i = 0; i < list->len && !used; i++)
        used = g_strcmp0 (*(char **) g_ptr_array_index (list, i), id) == 0;
      if (!used)
        return g_steal_pointer (&id);
    }
}

void
dd_scenario_field_renumber_injects (DdScenarioDraft *d)
{
  for (guint i = 0; i < d->injects->len; i++)
    ((DdInject *) g_ptr_array_index (d->injects, i))->index = i;
}
