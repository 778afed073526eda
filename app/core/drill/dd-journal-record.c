/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-journal-record.c — the records of a drill journal, declared once
 *
 * Copyright 2024 The DrillDesk authors
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dd-error.h"
#include "dd-journal.h"
#include "dd-journal-record.h"

static const DdRecordTypeInfo record_types[DD_N_RECORD_TYPES] = {
  { DD_RECORD_UNKNOWN,    NULL,                   NULL },
  { DD_RECORD_HEADER,     DD_JOURNAL_TYPE_HEADER, "format, version, plan, scenario, options" },
  { DD_RECORD_INJECT,     "inject",               "id, at" },
  { DD_RECORD_ACTION,     "action",               "at, role, kind, report-type, to, level, fields, text" },
  { DD_RECORD_NOTE,       "note",                 "type, text, at, phase, objective, author" },
  { DD_RECORD_CORRECTION, "correction",           "target, withdraw, role, at, reason, by, recorded-at" },
  { DD_RECORD_RATING,     "rating",               "objective, rating, reason, by" },
  { DD_RECORD_END,        DD_JOURNAL_TYPE_END,    "at" },
};

const DdRecordTypeInfo *
dd_record_type_get_info (DdRecordType type)
{
  g_return_val_if_fail (type < DD_N_RECORD_TYPES, &record_types[DD_RECORD_UNKNOWN]);
  return &record_types[type];
}

DdRecordType
dd_record_type_from_name (const char *name)
{
  for (guint i = 1; name != NULL && i < DD_N_RECORD_TYPES; i++)
    if (strcmp (record_types[i].name, name) == 0)
      return record_types[i].type;
  return DD_RECORD_UNKNOWN;
}

const char *
dd_record_type_to_name (DdRecordType type)
{
  return dd_record_type_get_info (type)->name;
}

/* ------------------------------------------------------------------ */
/* Members                                                             */

static const char *
get_string (JsonObject *body,
            const char *member)
{
  JsonNode *node = json_object_get_member (body, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static void
set_string (JsonObject *body,
            const char *member,
            const char *value)
{
  if (value != NULL)
    json_object_set_string_member (body, member, value);
}

/* Numbers were written as integers or (older notes) as doubles. */
static gboolean
get_number (JsonObject *body,
            const char *member,
            gint64     *value_out)
{
  JsonNode *node = json_object_get_member (body, member);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    *value_out = json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);

      if (!(d > -1e15 && d < 1e15))
        return FALSE;
      *value_out = (gint64) d;
    }
  else
    return FALSE;
  return TRUE;
}

gint64
dd_record_get_at (JsonObject *body,
                  gint64      fallback)
{
  gint64 at = fallback;

  if (body != NULL)
    get_number (body, "at", &at);
  return at;
}

JsonObject *
dd_record_inject_new (const char *inject_id,
                      gint64      at)
{
  JsonObject *body = json_object_new ();

  json_object_set_string_member (body, "id", inject_id);
  json_object_set_int_member (body, "at", at);
  return body;
}

JsonObject *
dd_record_end_new (gint64 at)
{
  JsonObject *body = json_object_new ();

  json_object_set_int_member (body, "at", at);
  return body;
}

/* ------------------------------------------------------------------ */
/* note                                                                */

static const char *const note_kinds[] = { "observation", "strength", "improvement" };

const char *
dd_note_kind_to_string (DdNoteKind kind)
{
  g_return_val_if_fail (kind <= DD_NOTE_IMPROVEMENT, note_kinds[0]);
  return note_kinds[kind];
}

DdNote *
dd_note_new (DdNoteKind  kind,
             const char *text)
{
  DdNote *note = g_new0 (DdNote, 1);

  note->kind = kind;
  note->text = g_strdup (text);
  return note;
}

void
dd_note_free (DdNote *note)
{
  if (note == NULL)
    return;
  g_free (note->text);
  g_free (note->author);
  g_free (note->phase);
  g_free (note->objective);
  g_free (note);
}

JsonObject *
dd_note_to_json (const DdNote *note)
{
  JsonObject *body = json_object_new ();

  json_object_set_string_member (body, "type", dd_note_kind_to_string (note->kind));
  json_object_set_string_member (body, "text", note->text);
  json_object_set_int_member (body, "at", note->at);
  set_string (body, "phase", note->phase);
  set_string (body, "objective", note->objective);
  set_string (body, "author", note->author);
  return body;
}

DdNote *
dd_note_from_json (JsonObject  *body,
                   GError     **error)
{
  const char *text = get_string (body, "text");
  const char *kind = get_string (body, "type");
  g_autoptr(DdNote) note = NULL;

  if (text == NULL)
    {
      g_set_error_literal (error, DD_ERROR, DD_ERROR_INVALID, _("the note has no text"));
      return NULL;
    }
  note = dd_note_new (DD_NOTE_OBSERVATION, text);
  for (guint i = 0; kind != NULL && i < G_N_ELEMENTS (note_kinds); i++)
    if (strcmp (kind, note_kinds[i]) == 0)
      note->kind = (DdNoteKind) i;
  note->author = g_strdup (get_string (body, "author"));
  note->phase = g_strdup (get_string (body, "phase"));
  note->objective = g_strdup (get_string (body, "objective"));
  note->at = dd_record_get_at (body, 0);
  return g_steal_pointer (&note);
}

/* ------------------------------------------------------------------ */
/* correction                                                          */

DdCorrection *
dd_correction_new (guint64     target,
                   const char *reason)
{
  DdCorrection *c = g_new0 (DdCorrection, 1);

  c->target = target;
  c->reason = g_strdup (reason);
  return c;
}

DdCorrection *
dd_correction_copy (const DdCorrection *correction)
{
  DdCorrection *c = g_memdup2 (correction, sizeof *correction);

  c->role = g_strdup (correction->role);
  c->reason = g_strdup (correction->reason);
  c->by = g_strdup (correction->by);
  return c;
}

void
dd_correction_free (DdCorrection *correction)
{
  if (correction == NULL)
    return;
  g_free (correction->role);
  g_free (correction->reason);
  g_free (correction->by);
  g_free (correction);
}

JsonObject *
dd_correction_to_json (const DdCorrection *c)
{
  JsonObject *body = json_object_new ();

  json_object_set_int_member (body, "target", (gint64) c->target);
  json_object_set_boolean_member (body, "withdraw", c->withdraw);
  if (!c->withdraw)
    {
      set_string (body, "role", c->role);
      if (c->has_at)
        json_object_set_int_member (body, "at", c->at);
    }
  set_string (body, "reason", c->reason);
  set_string (body, "by", c->by);
  json_object_set_int_member (body, "recorded-at", c->recorded_at);
  return body;
}

DdCorrection *
dd_correction_from_json (JsonObject  *body,
                         GError     **error)
{
  g_autoptr(DdCorrection) c = NULL;
  const char *reason = get_string (body, "reason");
  gint64 target = -1;

  if (!get_number (body, "target", &target) || target <= 0)
    {
      g_set_error_literal (error, DD_ERROR, DD_ERROR_INVALID,
                           _("the correction does not name the record it corrects"));
      return NULL;
    }
  if (reason == NULL || *reason == '\0')
    {
      g_set_error_literal (error, DD_ERROR, DD_ERROR_INVALID, _("the correction gives no reason"));
      return NULL;
    }
  c = dd_correction_new ((guint64) target, reason);
  c->withdraw = json_object_get_boolean_member_with_default (body, "withdraw", FALSE);
  c->role = g_strdup (get_string (body, "role"));
  c->has_at = get_number (body, "at", &c->at);
  c->by = g_strdup (get_string (body, "by"));
  get_number (body, "recorded-at", &c->recorded_at);
  if (!c->withdraw && c->role == NULL && !c->has_at)
    {
      g_set_error_literal (error, DD_ERROR, DD_ERROR_INVALID,
                           _("the correction neither withdraws the action nor changes its role or time"));
      return NULL;
    }
  if (c->has_at && c->at < 0)
    {
      g_set_error_literal (error, DD_ERROR, DD_ERROR_INVALID, _("the corrected time is negative"));
      return NULL;
    }
  return g_steal_pointer (&c);
}

/* ------------------------------------------------------------------ */
/* rating                                                              */

DdRatingOverride *
dd_rating_override_new (const char *objective,
                        char        rating,
                        const char *reason)
{
  DdRatingOverride *r = g_new0 (DdRatingOverride, 1);

  r->objective = g_strdup (objective);
  r->rating = rating;
  r->reason = g_strdup (reason);
  return r;
}

void
dd_rating_override_free (DdRatingOverride *rating)
{
  if (rating == NULL)
    return;
  g_free (rating->objective);
  g_free (rating->reason);
  g_free (rating->by);
  g_free (rating);
}

JsonObject *
dd_rating_override_to_json (const DdRatingOverride *r)
{
  JsonObject *body = json_object_new ();
  char letter[2] = { r->rating, '\0' };

  json_object_set_string_member (body, "objective", r->objective);
  json_object_set_string_member (body, "rating", letter);
  set_string (body, "reason", r->reason);
  set_string (body, "by", r->by);
  return body;
}

DdRatingOverride *
dd_rating_override_from_json (JsonObject  *body,
                              GError     **error)
{
  const char *objective = get_string (body, "objective");
  const char *rating = get_string (body, "rating");
  const char *reason = get_string (body, "reason");
  DdRatingOverride *r;

  if (objective == NULL || rating == NULL || strlen (rating) != 1 || strchr ("PSMU", rating[0]) == NULL)
    {
      g_set_error_literal (error, DD_ERROR, DD_ERROR_INVALID,
                           _("the rating names no objective or is not one of P, S, M and U"));
      return NULL;
    }
  if (reason == NULL || *reason == '\0')
    {
      g_set_error_literal (error, DD_ERROR, DD_ERROR_INVALID, _("the rating gives no reason"));
      return NULL;
    }
  r = dd_rating_override_new (objective, rating[0], reason);
  r->by = g_strdup (get_string (body, "by"));
  return r;
}
