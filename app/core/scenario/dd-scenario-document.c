/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-scenario-document.c — an editable scenario document with undo, redo and live checks
 *
 * Copyright 2024 The DrillDesk authors
 *
 * Undo keeps whole snapshots of the draft: scenarios are small, and a
 * snapshot cannot forget a part the way a hand-written inverse can.
 * Consecutive changes of one field (typing) make one step.
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "dd-error.h"
#include "dd-scenario-document.h"
#include "dd-xml.h"

#define MAX_UNDO 200

typedef struct {
  DdScenarioDraft *draft;
  guint            state;
} Snapshot;

struct _DdScenarioDocument
{
  GObject          parent_instance;

  DdPlan          *plan;
  DdScenarioDraft *draft;
  char            *path;
  char            *base_dir;       /* where attachments are found, or NULL */

  guint            state;          /* id of the current content */
  guint            saved_state;    /* id of the content on disk */
  guint            next_state;
  GPtrArray       *undo;           /* Snapshot */
  GPtrArray       *redo;           /* Snapshot */
  char            *last_field;     /* the field the last step changed, for merging */

  GPtrArray       *checks;         /* DdScenarioCheck, or NULL: to compute */

  guint            autosave_delay;
  guint            autosave_source;
};

G_DEFINE_FINAL_TYPE (DdScenarioDocument, dd_scenario_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MODIFIED,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_PATH,
  N_PROPS
};

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef enum {
  SLOT_STRING,
  SLOT_WORDS,
  SLOT_OFFSET,
  SLOT_OPTIONAL_OFFSET,
  SLOT_DECIMAL,
  SLOT_UINT,
  SLOT_FORM,
  SLOT_CHANNEL,
  SLOT_CONDITION,
  SLOT_SEVERITY,
} SlotKind;

typedef struct {
  SlotKind  kind;
  gpointer  ptr;
  gboolean *flag;                  /* SLOT_OPTIONAL_OFFSET: whether set */
} Slot;

typedef enum {
  LIST_PARTICIPANTS,
  LIST_OBJECTIVES,
  LIST_INJECTS,
  LIST_EXPECTS,
  LIST_CONDITIONS,
  LIST_ATTACHMENTS,
} ListKind;

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

static void
snapshot_free (gpointer data)
{
  Snapshot *s = data;

  dd_scenario_draft_free (s->draft);
  g_free (s);
}

static void
check_free (gpointer data)
{
  DdScenarioCheck *c = data;

  g_free (c->field);
  g_free (c->message);
  g_free (c);
}

static gboolean
is_blank (const char *s)
{
  if (s == NULL)
    return TRUE;
  for (; *s; s++)
    if (!g_ascii_isspace (*s))
      return FALSE;
  return TRUE;
}

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

static gboolean
bad_field (GError    **error,
           const char *field)
{
  g_set_error (error, DD_ERROR, DD_ERROR_INVALID, _("no such field: %s"), field);
  return FALSE;
}

/* The list named by parts[0..n) (see the header), or NULL. */
static GPtrArray *
resolve_list (DdScenarioDraft *d,
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
static GPtrArray *
resolve_item (DdScenarioDraft *d,
              const char      *item,
              ListKind        *kind_out,
              guint           *index_out)
{
  g_auto(GStrv) parts = g_strsplit (item ? item : "", "/", -1);
  guint n = g_strv_length (parts);
  GPtrArray *list;

  if (n < 2)
    return NULL;
  list = resolve_list (d, parts, n - 1, kind_out, NULL);
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

static gboolean
resolve_field (DdScenarioDraft *d,
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
      GPtrArray *list = resolve_list (d, parts, n - 2, &kind, NULL);
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

static char *
slot_get (const Slot *slot)
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
      return g_strdup (*(DdConditionType *) slot->ptr == DD_CONDITION_ABSENT ? "absent" : "after");
    case SLOT_SEVERITY:
      return g_strdup (dd_finding_severity_to_string (*(DdFindingSeverity *) slot->ptr));
    default:
      g_assert_not_reached ();
    }
}

/* A parsed value, ready to store. */
typedef struct {
  char    *string;
  char   **words;
  gint64   offset;
  gboolean flag;
  double   decimal;
  guint    uint;
  int      e;
} Value;

static gboolean
slot_parse (const Slot  *slot,
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
      v->string = is_blank (text) ? NULL : g_strdup (text);
      return TRUE;
    case SLOT_WORDS:
      v->words = dd_strv_from_words (text);
      return TRUE;
    case SLOT_OPTIONAL_OFFSET:
      v->flag = !is_blank (text);
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
      if (text != NULL && end != text && is_blank (end))
        return TRUE;
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID, _("“%s” is not a number"), text ? text : "");
      return FALSE;
    case SLOT_UINT:
      if (is_blank (text))
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
      if (g_strcmp0 (text, "after") == 0 || g_strcmp0 (text, "absent") == 0)
        return v->e = g_strcmp0 (text, "absent") == 0 ? DD_CONDITION_ABSENT : DD_CONDITION_AFTER, TRUE;
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

static void
slot_store (const Slot *slot,
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
static char *
unique_id (GPtrArray  *list,
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

static void
renumber_injects (DdScenarioDraft *d)
{
  for (guint i = 0; i < d->injects->len; i++)
    ((DdInject *) g_ptr_array_index (d->injects, i))->index = i;
}

/* ------------------------------------------------------------------ */
/* Changes                                                             */

static void
notify_state (DdScenarioDocument *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

static gboolean
autosave_cb (gpointer data)
{
  DdScenarioDocument *self = data;
  g_autoptr(GError) error = NULL;

  self->autosave_source = 0;
  if (!dd_scenario_document_autosave (self, &error))
    g_warning ("%s", error->message);
  return G_SOURCE_REMOVE;
}

/* Before a change: remember the content for undo.  @field: consecutive
 * changes of one field merge into one step. */
static void
begin_change (DdScenarioDocument *self,
              const char     *field)
{
  gboolean merge = field != NULL && self->last_field != NULL && strcmp (field, self->last_field) == 0 &&
                   self->undo->len > 0 && self->redo->len == 0;

  if (!merge)
    {
      Snapshot *s = g_new0 (Snapshot, 1);

      s->draft = dd_scenario_draft_copy (self->draft);
      s->state = self->state;
      g_ptr_array_add (self->undo, s);
      if (self->undo->len > MAX_UNDO)
        g_ptr_array_remove_index (self->undo, 0);
    }
  g_free (self->last_field);
  self->last_field = g_strdup (field);
  g_ptr_array_set_size (self->redo, 0);
}

static void
content_changed (DdScenarioDocument *self,
                 const char     *field)
{
  self->state = ++self->next_state;
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  renumber_injects (self->draft);
  if (self->autosave_delay > 0 && self->autosave_source == 0 && self->state != self->saved_state)
    self->autosave_source = g_timeout_add_seconds (self->autosave_delay, autosave_cb, self);
  notify_state (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, field);
}

static void
restore (DdScenarioDocument *self,
         GPtrArray      *from,
         GPtrArray      *to)
{
  Snapshot *s = g_ptr_array_steal_index (from, from->len - 1);
  Snapshot *current = g_new0 (Snapshot, 1);

  current->draft = self->draft;
  current->state = self->state;
  g_ptr_array_add (to, current);

  self->draft = s->draft;
  g_clear_pointer (&self->last_field, g_free);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  renumber_injects (self->draft);
  self->state = s->state;
  g_free (s);
  if (self->autosave_delay > 0 && self->autosave_source == 0 && self->state != self->saved_state)
    self->autosave_source = g_timeout_add_seconds (self->autosave_delay, autosave_cb, self);
  notify_state (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, NULL);
}

/* ------------------------------------------------------------------ */
/* Checks                                                              */

typedef struct {
  DdScenarioDocument *self;
  DdPlan         *plan;
  DdScenarioDraft *d;
  GPtrArray      *out;
  const char     *response_level;  /* the level the truth calls for, or NULL */
} Checker;

static void add_check (Checker      *c,
                       DdCheckLevel  level,
                       const char   *field,
                       const char   *format,
                       ...) G_GNUC_PRINTF (4, 5);

static void
add_check (Checker      *c,
           DdCheckLevel  level,
           const char   *field,
           const char   *format,
           ...)
{
  DdScenarioCheck *check = g_new0 (DdScenarioCheck, 1);
  va_list args;

  va_start (args, format);
  check->message = g_strdup_vprintf (format, args);
  va_end (args);
  check->field = g_strdup (field);
  check->level = level;
  g_ptr_array_add (c->out, check);
}

static gboolean
valid_id (const char *id)
{
  if (id == NULL || !g_ascii_isalnum (*id) || strlen (id) > 64)
    return FALSE;
  for (const char *p = id; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '_' && *p != '-')
      return FALSE;
  return TRUE;
}

static const char *
role_name (Checker    *c,
           const char *id)
{
  const DdRole *role = dd_plan_lookup_role (c->plan, id);

  return role ? role->name : id;
}

static const char *
action_name (Checker    *c,
             const char *id)
{
  const DdActionKind *kind = dd_plan_lookup_action_kind (c->plan, id);

  return kind ? kind->name : id;
}

static void
require_text (Checker    *c,
              const char *field,
              const char *value)
{
  if (is_blank (value))
    add_check (c, DD_CHECK_ERROR, field, _("Required"));
}

static void
require_role (Checker    *c,
              const char *field,
              const char *id,
              gboolean    required)
{
  if (is_blank (id))
    {
      if (required)
        add_check (c, DD_CHECK_ERROR, field, _("Choose a role"));
    }
  else if (dd_plan_lookup_role (c->plan, id) == NULL)
    add_check (c, DD_CHECK_ERROR, field, _("“%s” is not a role of the plan"), id);
}

static void
require_action (Checker    *c,
                const char *field,
                const char *id)
{
  if (is_blank (id))
    add_check (c, DD_CHECK_ERROR, field, _("Choose an action"));
  else if (dd_plan_lookup_action_kind (c->plan, id) == NULL)
    add_check (c, DD_CHECK_ERROR, field, _("“%s” is not an action of the plan"), id);
}

static void
require_id (Checker    *c,
            const char *field,
            const char *id,
            GHashTable *seen)
{
  if (!valid_id (id))
    add_check (c, DD_CHECK_ERROR, field,
               _("An id is made of letters, digits, “.”, “_” and “-”, and starts with a letter or digit"));
  else if (!g_hash_table_add (seen, (gpointer) id))
    add_check (c, DD_CHECK_ERROR, field, _("“%s” is used twice"), id);
}

static gboolean
strv_empty (char **strv)
{
  return strv == NULL || strv[0] == NULL;
}

/* The scenario's role @role_id acts as the plan role @rule_role_id: the
 * same, or the affected unit standing for an incident-unit role. */
static gboolean
plays (Checker    *c,
       const char *role_id,
       const char *rule_role_id)
{
  const DdRole *rule_role;

  if (g_strcmp0 (role_id, rule_role_id) == 0)
    return TRUE;
  rule_role = dd_plan_lookup_role (c->plan, rule_role_id);
  return rule_role != NULL && rule_role->kind == DD_ROLE_KIND_INCIDENT_UNIT &&
         role_id != NULL && g_strcmp0 (role_id, c->d->incident.unit) == 0;
}

/* Whether @rule allows @role_id, with the affected unit standing for the
 * plan's incident-unit roles. */
static gboolean
rule_allows (Checker      *c,
             const DdRule *rule,
             const char   *role_id)
{
  const DdRole *role = dd_plan_lookup_role (c->plan, role_id);
  g_autoptr(GPtrArray) stand_ins = NULL;

  if (strv_empty (rule->roles) && strv_empty (rule->role_kinds))
    return TRUE;
  if (role != NULL && dd_rule_allows_role (rule, role))
    return TRUE;
  if (role_id == NULL || g_strcmp0 (role_id, c->d->incident.unit) != 0)
    return FALSE;
  stand_ins = dd_plan_get_roles_of_kind (c->plan, DD_ROLE_KIND_INCIDENT_UNIT);
  for (guint i = 0; i < stand_ins->len; i++)
    if (dd_rule_allows_role (rule, g_ptr_array_index (stand_ins, i)))
      return TRUE;
  return FALSE;
}

/* The rules of @kind about @action that apply to this incident. */
static gboolean
rule_concerns (Checker      *c,
               const DdRule *rule,
               DdRuleKind    kind,
               const char   *action)
{
  return rule->kind == kind && rule->action != NULL && g_strcmp0 (rule->action, action) == 0 &&
         dd_rule_applies (rule, c->d->incident.severity, c->d->incident.category, c->response_level);
}

/* The latest time @rule lets an action the inject asks for be taken:
 * counted from the incident's start, a fixed moment (for injects that come
 * whatever the players do); else counted from the inject's delivery. */
static gint64
deadline_of (Checker        *c,
             const DdInject *inject,
             const DdRule   *rule)
{
  gint64 limit = (gint64) rule->minutes * 60;

  if (rule->anchor == DD_RULE_ANCHOR_INCIDENT_START && inject->conditions->len == 0)
    return MIN (c->d->incident.began + limit, inject->at + limit);
  return inject->at + limit;
}

static void
check_expect (Checker              *c,
              const DdInject       *inject,
              const DdInjectExpect *e,
              const char           *field)
{
  GPtrArray *rules = dd_plan_get_rules (c->plan);
  g_autofree char *f_role = g_strdup_printf ("%s/role", field);
  g_autofree char *f_action = g_strdup_printf ("%s/action", field);
  g_autofree char *f_within = g_strdup_printf ("%s/within", field);
  g_autofree char *f_clause = g_strdup_printf ("%s/clause", field);
  const DdRule *loosest = NULL;

  require_role (c, f_role, e->role, TRUE);
  require_action (c, f_action, e->action);
  require_text (c, f_clause, e->clause);
  if (e->within < 0)
    add_check (c, DD_CHECK_ERROR, f_within, _("The time allowed cannot be negative"));

  if (dd_plan_lookup_role (c->plan, e->role) == NULL || dd_plan_lookup_action_kind (c->plan, e->action) == NULL)
    return;

  for (guint r = 0; r < rules->len; r++)
    {
      const DdRule *rule = g_ptr_array_index (rules, r);

      if (rule_concerns (c, rule, DD_RULE_KIND_AUTHORITY, e->action) && !rule_allows (c, rule, e->role))
        add_check (c, DD_CHECK_WARNING, f_role,
                   _("Under the plan (%s) %s may not take “%s”: %s"),
                   rule->clause, role_name (c, e->role), action_name (c, e->action), rule->message);

      /* an expectation may be about any of the plan's deadlines for the
       * action (reports to different recipients): it contradicts the plan
       * only when it is later than the most generous of them */
      if (rule_concerns (c, rule, DD_RULE_KIND_DEADLINE, e->action) && rule_allows (c, rule, e->role) &&
          (loosest == NULL || deadline_of (c, inject, rule) > deadline_of (c, inject, loosest)))
        loosest = rule;
    }

  if (loosest != NULL && inject->at + e->within > deadline_of (c, inject, loosest))
    add_check (c, DD_CHECK_WARNING, f_within,
               _("The plan (%s) allows %u minutes for “%s”; this expectation allows more: %s"),
               loosest->clause, loosest->minutes, action_name (c, e->action), loosest->message);
}

/* Whether anything makes someone take @action (by @role, if not NULL):
 * an expectation of another inject, or a rule of the plan for this
 * incident that obliges or times it. */
static gboolean
action_is_called_for (Checker        *c,
                      const DdInject *except,
                      const char     *action,
                      const char     *role)
{
  GPtrArray *rules = dd_plan_get_rules (c->plan);

  for (guint i = 0; i < c->d->injects->len; i++)
    {
      const DdInject *inject = g_ptr_array_index (c->d->injects, i);

      if (inject == except)
        continue;
      for (guint k = 0; k < inject->expects->len; k++)
        {
          const DdInjectExpect *e = g_ptr_array_index (inject->expects, k);

          if (g_strcmp0 (e->action, action) == 0 && (role == NULL || plays (c, e->role, role)))
            return TRUE;
        }
    }
  for (guint r = 0; r < rules->len; r++)
    {
      const DdRule *rule = g_ptr_array_index (rules, r);

      if ((rule_concerns (c, rule, DD_RULE_KIND_OBLIGATION, action) ||
           rule_concerns (c, rule, DD_RULE_KIND_DEADLINE, action)) &&
          (role == NULL || rule_allows (c, rule, role)))
        return TRUE;
    }
  return FALSE;
}

static gboolean
participates (Checker    *c,
              const char *role)
{
  for (guint i = 0; i < c->d->participants->len; i++)
    if (g_strcmp0 (((DdParticipant *) g_ptr_array_index (c->d->participants, i))->role, role) == 0)
      return TRUE;
  return FALSE;
}

static void
check_inject (Checker        *c,
              const DdInject *inject,
              guint           n,
              GHashTable     *ids)
{
  g_autofree char *field = g_strdup_printf ("injects/%u", n);
  g_autofree char *f = NULL;

#define FIELD(name) (g_free (f), f = g_strdup_printf ("%s/%s", field, (name)))
  require_id (c, FIELD ("id"), inject->id, ids);
  require_text (c, FIELD ("content"), inject->content);
  if (is_blank (inject->from) && is_blank (inject->source))
    add_check (c, DD_CHECK_ERROR, FIELD ("from"), _("Name who sends it: a role of the plan, or a sender outside it"));
  require_role (c, FIELD ("from"), inject->from, FALSE);
  if (strv_empty (inject->to))
    add_check (c, DD_CHECK_ERROR, FIELD ("to"), _("Choose at least one recipient"));
  for (guint i = 0; inject->to != NULL && inject->to[i] != NULL; i++)
    require_role (c, FIELD ("to"), inject->to[i], TRUE);
  if (inject->at > c->d->duration)
    {
      g_autofree char *at = dd_offset_format (inject->at);
      g_autofree char *end = dd_offset_format (c->d->duration);

      add_check (c, DD_CHECK_WARNING, FIELD ("at"),
                 _("At %s this inject comes after the planned end of the drill (%s)"), at, end);
    }

  for (guint i = 0; i < inject->attachments->len; i++)
    {
      const DdAttachment *a = g_ptr_array_index (inject->attachments, i);
      g_autofree char *af = g_strdup_printf ("%s/attachments/%u/file", field, i);

      require_text (c, af, a->file);
    }

  for (guint i = 0; i < inject->conditions->len; i++)
    {
      const DdInjectCondition *cond = g_ptr_array_index (inject->conditions, i);
      g_autofree char *cf = g_strdup_printf ("%s/conditions/%u/action", field, i);
      g_autofree char *rf = g_strdup_printf ("%s/conditions/%u/role", field, i);

      require_action (c, cf, cond->action);
      require_role (c, rf, cond->role, FALSE);
      if (cond->role != NULL && dd_plan_lookup_role (c->plan, cond->role) != NULL && !participates (c, cond->role) &&
          g_strcmp0 (cond->role, c->d->incident.unit) != 0)
        add_check (c, DD_CHECK_WARNING, rf, _("%s does not take part in the drill"), role_name (c, cond->role));
      if (cond->type == DD_CONDITION_AFTER && dd_plan_lookup_action_kind (c->plan, cond->action) != NULL &&
          !action_is_called_for (c, inject, cond->action, cond->role))
        add_check (c, DD_CHECK_WARNING, cf,
                   _("No inject and no rule of the plan calls for “%s”%s%s: this inject may never be delivered"),
                   action_name (c, cond->action), cond->role ? " / " : "",
                   cond->role ? role_name (c, cond->role) : "");
    }

  for (guint i = 0; i < inject->expects->len; i++)
    {
      g_autofree char *ef = g_strdup_printf ("%s/expects/%u", field, i);

      check_expect (c, inject, g_ptr_array_index (inject->expects, i), ef);
    }
#undef FIELD
}

/* @clause is @objective_clause or lies under it ("4.2" covers "4.2.1.3(3)"). */
static gboolean
clause_covers (const char *objective_clause,
               const char *clause)
{
  gsize n = strlen (objective_clause);

  return clause != NULL && strncmp (clause, objective_clause, n) == 0 &&
         (clause[n] == '\0' || clause[n] == '.' || clause[n] == '(');
}

static gboolean
objective_exercised (Checker           *c,
                     const DdObjective *o)
{
  for (guint i = 0; i < c->d->injects->len; i++)
    {
      const DdInject *inject = g_ptr_array_index (c->d->injects, i);

      for (guint k = 0; k < inject->expects->len; k++)
        {
          const DdInjectExpect *e = g_ptr_array_index (inject->expects, k);
          const DdActionKind *kind = dd_plan_lookup_action_kind (c->plan, e->action);

          for (guint j = 0; o->clauses != NULL && o->clauses[j] != NULL; j++)
            if (clause_covers (o->clauses[j], e->clause) ||
                (kind != NULL && clause_covers (o->clauses[j], kind->clause)))
              return TRUE;
        }
    }
  return FALSE;
}

static void
check_incident (Checker *c)
{
  const DdIncident *inc = &c->d->incident;
  const DdCategory *category = dd_plan_lookup_category (c->plan, inc->category);
  const DdSeverity *severity = dd_plan_lookup_severity (c->plan, inc->severity);

  if (category == NULL)
    add_check (c, DD_CHECK_ERROR, "incident/category", _("Choose a category of the plan"));
  if (!is_blank (inc->subtype))
    {
      const DdCategory *of = NULL;

      if (dd_plan_lookup_subtype (c->plan, inc->subtype, &of) == NULL || of != category)
        add_check (c, DD_CHECK_ERROR, "incident/subtype", _("“%s” is not a subtype of this category"), inc->subtype);
    }
  if (severity == NULL || severity->undetermined)
    add_check (c, DD_CHECK_ERROR, "incident/severity", _("Choose a severity level of the plan"));
  require_role (c, "incident/unit", inc->unit, TRUE);
  require_text (c, "incident/system", inc->system);
  if (inc->has_level_clear && inc->level_clear < inc->began)
    add_check (c, DD_CHECK_ERROR, "incident/level-clear", _("The level cannot become clear before the incident began"));
}

static void
compute_checks (DdScenarioDocument *self)
{
  Checker c = { self, self->plan, self->draft, g_ptr_array_new_with_free_func (check_free), NULL };
  DdScenarioDraft *d = self->draft;
  GPtrArray *levels = dd_plan_get_response_levels (self->plan);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GDateTime) start = NULL;

  for (guint i = 0; i < levels->len && c.response_level == NULL; i++)
    {
      const DdResponseLevel *l = g_ptr_array_index (levels, i);

      if (d->incident.severity != NULL && g_strv_contains ((const char *const *) l->severities, d->incident.severity))
        c.response_level = l->id;
    }

  if (!valid_id (d->id))
    add_check (&c, DD_CHECK_ERROR, "id",
               _("An id is made of letters, digits, “.”, “_” and “-”, and starts with a letter or digit"));
  require_text (&c, "title", d->title);
  require_text (&c, "form-label", d->form_label);
  start = d->start ? g_date_time_new_from_iso8601 (d->start, NULL) : NULL;
  if (start == NULL)
    add_check (&c, DD_CHECK_ERROR, "start", _("Give a date and time with its UTC offset, e.g. 2025-06-17T08:30:00+08:00"));
  if (d->duration <= 0)
    add_check (&c, DD_CHECK_ERROR, "duration", _("The duration must be positive"));
  if (!(d->compression > 0 && d->compression <= 1440))
    add_check (&c, DD_CHECK_ERROR, "compression", _("Compression must be above 0 and at most 1440"));

  if (d->participants->len == 0)
    add_check (&c, DD_CHECK_ERROR, "participants", _("Add the roles that take part"));
  for (guint i = 0; i < d->participants->len; i++)
    {
      const DdParticipant *p = g_ptr_array_index (d->participants, i);
      g_autofree char *f = g_strdup_printf ("participants/%u/role", i);

      require_role (&c, f, p->role, TRUE);
      if (p->role != NULL && !g_hash_table_add (ids, p->role))
        add_check (&c, DD_CHECK_ERROR, f, _("%s takes part twice"), role_name (&c, p->role));
    }
  g_hash_table_remove_all (ids);

  if (d->objectives->len == 0)
    add_check (&c, DD_CHECK_ERROR, "objectives", _("Add at least one objective"));
  for (guint i = 0; i < d->objectives->len; i++)
    {
      const DdObjective *o = g_ptr_array_index (d->objectives, i);
      g_autofree char *fid = g_strdup_printf ("objectives/%u/id", i);
      g_autofree char *fclauses = g_strdup_printf ("objectives/%u/clauses", i);
      g_autofree char *ftext = g_strdup_printf ("objectives/%u/text", i);

      require_id (&c, fid, o->id, ids);
      require_text (&c, ftext, o->text);
      if (strv_empty (o->clauses))
        add_check (&c, DD_CHECK_ERROR, fclauses, _("Choose the clauses of the plan it exercises"));
      else if (!objective_exercised (&c, o))
        add_check (&c, DD_CHECK_WARNING, fclauses,
                   _("No inject exercises this objective: no expected action cites its clauses"));
    }
  g_hash_table_remove_all (ids);

  check_incident (&c);

  if (d->injects->len == 0)
    add_check (&c, DD_CHECK_ERROR, "injects", _("Add at least one inject"));
  for (guint i = 0; i < d->injects->len; i++)
    check_inject (&c, g_ptr_array_index (d->injects, i), i, ids);

  self->checks = c.out;
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
dd_scenario_document_dispose (GObject *object)
{
  DdScenarioDocument *self = DD_SCENARIO_DOCUMENT (object);

  g_clear_handle_id (&self->autosave_source, g_source_remove);
  g_clear_object (&self->plan);

  G_OBJECT_CLASS (dd_scenario_document_parent_class)->dispose (object);
}

static void
dd_scenario_document_finalize (GObject *object)
{
  DdScenarioDocument *self = DD_SCENARIO_DOCUMENT (object);

  dd_scenario_draft_free (self->draft);
  g_free (self->path);
  g_free (self->base_dir);
  g_free (self->last_field);
  g_ptr_array_unref (self->undo);
  g_ptr_array_unref (self->redo);
  g_clear_pointer (&self->checks, g_ptr_array_unref);

  G_OBJECT_CLASS (dd_scenario_document_parent_class)->finalize (object);
}

static void
dd_scenario_document_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  DdScenarioDocument *self = DD_SCENARIO_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_MODIFIED:
      g_value_set_boolean (value, dd_scenario_document_is_modified (self));
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, dd_scenario_document_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, dd_scenario_document_can_redo (self));
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_scenario_document_class_init (DdScenarioDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dd_scenario_document_dispose;
  object_class->finalize = dd_scenario_document_finalize;
  object_class->get_property = dd_scenario_document_get_property;

  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
dd_scenario_document_init (DdScenarioDocument *self)
{
  self->undo = g_ptr_array_new_with_free_func (snapshot_free);
  self->redo = g_ptr_array_new_with_free_func (snapshot_free);
}

/* ------------------------------------------------------------------ */
/* Creating and opening                                                */

static DdScenarioDocument *
edit_new (DdPlan          *plan,
          DdScenarioDraft *draft)
{
  DdScenarioDocument *self = g_object_new (DD_TYPE_SCENARIO_DOCUMENT, NULL);

  self->plan = g_object_ref (plan);
  self->draft = draft;
  renumber_injects (draft);
  return self;
}

DdScenarioDocument *
dd_scenario_document_new (DdPlan *plan)
{
  DdScenarioDraft *d;
  DdScenarioDocument *self;
  const DdPlanIdentity *identity;
  DdObjective *o;
  DdParticipant *p;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) day = NULL;

  g_return_val_if_fail (DD_IS_PLAN (plan), NULL);

  identity = dd_plan_get_identity (plan);
  day = g_date_time_new (g_date_time_get_timezone (now), g_date_time_get_year (now),
                         g_date_time_get_month (now), g_date_time_get_day_of_month (now), 9, 0, 0);
  d = dd_scenario_draft_new ();
  d->id = g_strdup ("new-drill");
  d->plan_id = g_strdup (dd_plan_get_id (plan));
  d->version = 1;
  d->form = DD_DRILL_FORM_TABLETOP;
  d->start = g_date_time_format (day, "%Y-%m-%dT%H:%M:%S%:z");
  d->duration = 4 * 3600;
  d->compression = 4;

  p = g_new0 (DdParticipant, 1);
  p->role = g_strdup (identity->drill_organiser);
  g_ptr_array_add (d->participants, p);
  o = g_new0 (DdObjective, 1);
  o->id = g_strdup ("objective");
  o->clauses = g_new0 (char *, 1);
  g_ptr_array_add (d->objectives, o);
  g_ptr_array_add (d->injects, dd_inject_new ());
  ((DdInject *) g_ptr_array_index (d->injects, 0))->id = g_strdup ("inject");

  self = edit_new (plan, d);
  self->state = ++self->next_state;   /* new: not on disk */
  return self;
}

static DdScenarioDraft *
read_draft (const char  *path,
            GError     **error)
{
  g_autoptr(xmlDoc) doc = dd_xml_load_file (path, NULL, error);
  xmlNode *root;

  if (doc == NULL)
    return NULL;
  root = xmlDocGetRootElement (doc);
  if (root == NULL || !dd_xml_is (root, "scenario"))
    {
      dd_xml_node_error (error, root, _("this is not a scenario (the root element is not <scenario>)"));
      if (error != NULL && *error != NULL)
        (*error)->code = DD_ERROR_UNKNOWN_KIND;
      return NULL;
    }
  return dd_scenario_draft_from_xml (doc);
}

DdScenarioDocument *
dd_scenario_document_new_from_template (DdPlan      *plan,
                                        const char  *path,
                                        GError     **error)
{
  DdScenarioDraft *d;
  DdScenarioDocument *self;
  g_autofree char *abs = NULL;

  g_return_val_if_fail (DD_IS_PLAN (plan), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  d = read_draft (path, error);
  if (d == NULL)
    return NULL;
  if (d->id != NULL)
    {
      char *id = g_strdup_printf ("%.58s-copy", d->id);

      g_free (d->id);
      d->id = id;
    }
  self = edit_new (plan, d);
  abs = g_canonicalize_filename (path, NULL);
  self->base_dir = g_path_get_dirname (abs);
  self->state = ++self->next_state;
  return self;
}

char *
dd_scenario_document_get_autosave_path (DdScenarioDocument *self)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (DD_IS_SCENARIO_DOCUMENT (self), NULL);

  if (self->path != NULL)
    return g_strconcat (self->path, ".autosave", NULL);
  name = g_strdup_printf ("%s.xml.autosave", valid_id (self->draft->id) ? self->draft->id : "untitled");
  return g_build_filename (g_get_user_data_dir (), "drilldesk", "autosave", name, NULL);
}

DdScenarioDocument *
dd_scenario_document_open (DdPlan      *plan,
                           const char  *path,
                           gboolean    *restored_out,
                           GError     **error)
{
  g_autofree char *autosave = NULL;
  g_autofree char *abs = NULL;
  DdScenarioDraft *d = NULL;
  DdScenarioDocument *self;
  GStatBuf file_st, auto_st;
  gboolean restored = FALSE;

  g_return_val_if_fail (DD_IS_PLAN (plan), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  autosave = g_strconcat (path, ".autosave", NULL);
  if (g_stat (autosave, &auto_st) == 0 &&
      (g_stat (path, &file_st) != 0 || auto_st.st_mtime >= file_st.st_mtime))
    {
      d = read_draft (autosave, NULL);
      restored = d != NULL;
    }
  if (d == NULL)
    d = read_draft (path, error);
  if (d == NULL)
    return NULL;

  self = edit_new (plan, d);
  abs = g_canonicalize_filename (path, NULL);
  self->path = g_strdup (abs);
  self->base_dir = g_path_get_dirname (abs);
  if (restored)
    self->state = ++self->next_state;   /* unsaved changes */
  if (restored_out != NULL)
    *restored_out = restored;
  return self;
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */

DdPlan *
dd_scenario_document_get_plan (DdScenarioDocument *self)
{
  g_return_val_if_fail (DD_IS_SCENARIO_DOCUMENT (self), NULL);
  return self->plan;
}

const DdScenarioDraft *
dd_scenario_document_get_draft (DdScenarioDocument *self)
{
  g_return_val_if_fail (DD_IS_SCENARIO_DOCUMENT (self), NULL);
  return self->draft;
}

const char *
dd_scenario_document_get_path (DdScenarioDocument *self)
{
  g_return_val_if_fail (DD_IS_SCENARIO_DOCUMENT (self), NULL);
  return self->path;
}

gboolean
dd_scenario_document_is_modified (DdScenarioDocument *self)
{
  g_return_val_if_fail (DD_IS_SCENARIO_DOCUMENT (self), FALSE);
  return self->state != self->saved_state;
}

DdScenario *
dd_scenario_document_build (DdScenarioDocument  *self,
                            GError         **error)
{
  g_autofree char *xml = NULL;
  gsize len = 0;

  g_return_val_if_fail (DD_IS_SCENARIO_DOCUMENT (self), NULL);

  xml = dd_scenario_draft_to_xml (self->draft, &len);
  return dd_scenario_load_data (self->path ? self->path : _("New scenario"), xml, len,
                                self->base_dir, self->plan, error);
}

/* Copies the attachments a save to @dir needs from the folder they were
 * found in. */
static gboolean
copy_attachments (DdScenarioDocument  *self,
                  const char      *dir,
                  GError         **error)
{
  if (self->base_dir == NULL || g_strcmp0 (self->base_dir, dir) == 0)
    return TRUE;

  for (guint i = 0; i < self->draft->injects->len; i++)
    {
      const DdInject *inject = g_ptr_array_index (self->draft->injects, i);

      for (guint k = 0; k < inject->attachments->len; k++)
        {
          const DdAttachment *a = g_ptr_array_index (inject->attachments, k);
          g_autofree char *from = g_build_filename (self->base_dir, a->file, NULL);
          g_autofree char *to = g_build_filename (dir, a->file, NULL);
          g_autofree char *to_dir = g_path_get_dirname (to);
          g_autofree char *data = NULL;
          gsize len = 0;

          if (g_file_test (to, G_FILE_TEST_EXISTS))
            continue;
          if (!g_file_get_contents (from, &data, &len, error))
            return FALSE;
          if (g_mkdir_with_parents (to_dir, 0755) != 0)
            {
              g_set_error (error, DD_ERROR, DD_ERROR_IO, _("%s: cannot create the folder"), to_dir);
              return FALSE;
            }
          if (!dd_write_file_atomic (to, data, len, error))
            return FALSE;
        }
    }
  return TRUE;
}

gboolean
dd_scenario_document_save_as (DdScenarioDocument  *self,
                              const char      *path,
                              GError         **error)
{
  g_autoptr(DdScenario) scenario = NULL;
  g_autofree char *abs = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *old_autosave = NULL;

  g_return_val_if_fail (DD_IS_SCENARIO_DOCUMENT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  scenario = dd_scenario_document_build (self, error);
  if (scenario == NULL)
    return FALSE;

  abs = g_canonicalize_filename (path, NULL);
  dir = g_path_get_dirname (abs);
  if (!copy_attachments (self, dir, error) ||
      !dd_scenario_draft_save (self->draft, abs, error))
    return FALSE;

  old_autosave = dd_scenario_document_get_autosave_path (self);
  g_unlink (old_autosave);
  if (g_strcmp0 (self->path, abs) != 0)
    {
      g_free (self->path);
      self->path = g_steal_pointer (&abs);
      g_free (self->base_dir);
      self->base_dir = g_steal_pointer (&dir);
      dd_scenario_document_discard_autosave (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
    }
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  self->saved_state = self->state;
  g_clear_pointer (&self->last_field, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
  return TRUE;
}

gboolean
dd_scenario_document_save (DdScenarioDocument  *self,
                           GError         **error)
{
  g_return_val_if_fail (DD_IS_SCENARIO_DOCUMENT (self), FALSE);

  if (self->path == NULL)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_STATE, _("The scenario has no file yet: choose one with Save As"));
      return FALSE;
    }
  return dd_scenario_document_save_as (self, self->path, error);
}

void
dd_scenario_document_set_autosave_delay (DdScenarioDocument *self,
                                         guint           seconds)
{
  g_return_if_fail (DD_IS_SCENARIO_DOCUMENT (self));
  self->autosave_delay = seconds;
}

gboolean
dd_scenario_document_autosave (DdScenarioDocument  *self,
                               GError         **error)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (DD_IS_SCENARIO_DOCUMENT (self), FALSE);

  if (!dd_scenario_document_is_modified (self))
    return TRUE;
  path = dd_scenario_document_get_autosave_path (self);
  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_IO, _("%s: cannot create the folder"), dir);
      return FALSE;
    }
  return dd_scenario_draft_save (self->draft, path, error);
}

void
dd_scenario_document_discard_autosave (DdScenarioDocument *self)
{
  g_autofree char *path = NULL;

  g_return_if_fail (DD_IS_SCENARIO_DOCUMENT (self));

  g_clear_handle_id (&self->autosave_source, g_source_remove);
  path = dd_scenario_document_get_autosave_path (self);
  g_unlink (path);
}

char *
dd_scenario_document_get (DdScenarioDocument *self,
                          const char     *field)
{
  Slot slot;

  g_return_val_if_fail (DD_IS_SCENARIO_DOCUMENT (self), NULL);

  if (!resolve_field (self->draft, field, &slot))
    return NULL;
  return slot_get (&slot);
}

gboolean
dd_scenario_document_set (DdScenarioDocument  *self,
                          const char      *field,
                          const char      *value,
                          GError         **error)
{
  Slot slot;
  Value v = { 0, };
  g_autofree char *old = NULL;

  g_return_val_if_fail (DD_IS_SCENARIO_DOCUMENT (self), FALSE);

  if (!resolve_field (self->draft, field, &slot))
    return bad_field (error, field);
  if (!slot_parse (&slot, field, value, &v, error))
    return FALSE;

  /* Nothing to do when the value stays the same */
  old = slot_get (&slot);
  {
    Slot probe = slot;
    Value copy = v;
    g_autofree char *new_text = NULL;
    union { char *s; char **w; gint64 o; double d; guint u; int e; } tmp = { 0 };
    gboolean flag = FALSE;

    probe.ptr = &tmp;
    probe.flag = &flag;
    copy.string = g_strdup (v.string);
    copy.words = g_strdupv (v.words);
    slot_store (&probe, &copy);
    new_text = slot_get (&probe);
    if (slot.kind == SLOT_STRING)
      g_free (tmp.s);
    else if (slot.kind == SLOT_WORDS)
      g_strfreev (tmp.w);
    if (strcmp (old, new_text) == 0)
      {
        g_free (v.string);
        g_strfreev (v.words);
        return TRUE;
      }
  }

  begin_change (self, field);
  /* the draft was copied for undo; the slot still points into the live one */
  slot_store (&slot, &v);
  g_free (v.string);
  g_strfreev (v.words);
  content_changed (self, field);
  return TRUE;
}

guint
dd_scenario_document_count (DdScenarioDocument *self,
                            const char     *list)
{
  g_auto(GStrv) parts = g_strsplit (list ? list : "", "/", -1);
  ListKind kind;
  GPtrArray *arr;

  g_return_val_if_fail (DD_IS_SCENARIO_DOCUMENT (self), 0);

  arr = resolve_list (self->draft, parts, g_strv_length (parts), &kind, NULL);
  return arr ? arr->len : 0;
}

static gpointer
new_item (DdScenarioDocument *self,
          GPtrArray      *list,
          ListKind        kind)
{
  switch (kind)
    {
    case LIST_PARTICIPANTS:
      {
        DdParticipant *p = g_new0 (DdParticipant, 1);
        GPtrArray *roles = dd_plan_get_roles (self->plan);

        for (guint i = 0; i < roles->len && p->role == NULL; i++)
          {
            const DdRole *role = g_ptr_array_index (roles, i);
            gboolean used = FALSE;

            for (guint k = 0; k < list->len && !used; k++)
              used = g_strcmp0 (((DdParticipant *) g_ptr_array_index (list, k))->role, role->id) == 0;
            if (!used)
              p->role = g_strdup (role->id);
          }
        return p;
      }
    case LIST_OBJECTIVES:
      {
        DdObjective *o = g_new0 (DdObjective, 1);

        o->id = unique_id (list, "objective");
        o->clauses = g_new0 (char *, 1);
        return o;
      }
    case LIST_INJECTS:
      {
        DdInject *inject = dd_inject_new ();
        gint64 last = 0;

        for (guint i = 0; i < list->len; i++)
          last = MAX (last, ((DdInject *) g_ptr_array_index (list, i))->at);
        inject->id = unique_id (list, "inject");
        inject->at = list->len > 0 ? last + 10 * 60 : 0;
        return inject;
      }
    case LIST_EXPECTS:
      {
        DdInjectExpect *e = g_new0 (DdInjectExpect, 1);

        e->within = 15 * 60;
        return e;
      }
    case LIST_CONDITIONS:
      return g_new0 (DdInjectCondition, 1);
    case LIST_ATTACHMENTS:
      return g_new0 (DdAttachment, 1);
    default:
      g_assert_not_reached ();
    }
}

int
dd_scenario_document_add (DdScenarioDocument  *self,
                          const char      *list,
                          GError         **error)
{
  g_auto(GStrv) parts = g_strsplit (list ? list : "", "/", -1);
  ListKind kind;
  GPtrArray *arr;

  g_return_val_if_fail (DD_IS_SCENARIO_DOCUMENT (self), -1);

  if (resolve_list (self->draft, parts, g_strv_length (parts), &kind, NULL) == NULL)
    return bad_field (error, list), -1;

  begin_change (self, NULL);
  arr = resolve_list (self->draft, parts, g_strv_length (parts), &kind, NULL);
  g_ptr_array_add (arr, new_item (self, arr, kind));
  content_changed (self, list);
  return (int) arr->len - 1;
}

int
dd_scenario_document_duplicate (DdScenarioDocument  *self,
                                const char      *item,
                                GError         **error)
{
  static const GCopyFunc copies[] = {
    [LIST_PARTICIPANTS] = dd_participant_copy,
    [LIST_OBJECTIVES] = dd_objective_copy,
    [LIST_EXPECTS] = dd_inject_expect_copy,
    [LIST_CONDITIONS] = dd_inject_condition_copy,
    [LIST_ATTACHMENTS] = dd_attachment_copy,
  };
  ListKind kind;
  guint index;
  GPtrArray *arr;
  gpointer copy;
  g_autofree char *list = NULL;

  g_return_val_if_fail (DD_IS_SCENARIO_DOCUMENT (self), -1);

  if (resolve_item (self->draft, item, &kind, &index) == NULL)
    return bad_field (error, item), -1;

  begin_change (self, NULL);
  arr = resolve_item (self->draft, item, &kind, &index);
  if (kind == LIST_INJECTS)
    {
      DdInject *inject = dd_inject_copy (g_ptr_array_index (arr, index));

      g_free (inject->id);
      inject->id = unique_id (arr, ((DdInject *) g_ptr_array_index (arr, index))->id);
      copy = inject;
    }
  else
    copy = copies[kind] (g_ptr_array_index (arr, index), NULL);
  if (kind == LIST_OBJECTIVES)
    {
      DdObjective *o = copy;
      char *id = unique_id (arr, o->id);

      g_free (o->id);
      o->id = id;
    }
  g_ptr_array_insert (arr, (int) index + 1, copy);
  list = g_strndup (item, strrchr (item, '/') - item);
  content_changed (self, list);
  return (int) index + 1;
}

gboolean
dd_scenario_document_move (DdScenarioDocument  *self,
                           const char      *item,
                           guint            to,
                           GError         **error)
{
  ListKind kind;
  guint index;
  GPtrArray *arr;
  gpointer moved;
  g_autofree char *list = NULL;

  g_return_val_if_fail (DD_IS_SCENARIO_DOCUMENT (self), FALSE);

  arr = resolve_item (self->draft, item, &kind, &index);
  if (arr == NULL || to >= arr->len)
    return bad_field (error, item);
  if (to == index)
    return TRUE;

  begin_change (self, NULL);
  arr = resolve_item (self->draft, item, &kind, &index);
  moved = g_ptr_array_steal_index (arr, index);
  g_ptr_array_insert (arr, (int) to, moved);
  list = g_strndup (item, strrchr (item, '/') - item);
  content_changed (self, list);
  return TRUE;
}

gboolean
dd_scenario_document_remove (DdScenarioDocument  *self,
                             const char      *item,
                             GError         **error)
{
  ListKind kind;
  guint index;
  GPtrArray *arr;
  g_autofree char *list = NULL;

  g_return_val_if_fail (DD_IS_SCENARIO_DOCUMENT (self), FALSE);

  if (resolve_item (self->draft, item, &kind, &index) == NULL)
    return bad_field (error, item);

  begin_change (self, NULL);
  arr = resolve_item (self->draft, item, &kind, &index);
  g_ptr_array_remove_index (arr, index);
  list = g_strndup (item, strrchr (item, '/') - item);
  content_changed (self, list);
  return TRUE;
}

gboolean
dd_scenario_document_can_undo (DdScenarioDocument *self)
{
  g_return_val_if_fail (DD_IS_SCENARIO_DOCUMENT (self), FALSE);
  return self->undo->len > 0;
}

gboolean
dd_scenario_document_can_redo (DdScenarioDocument *self)
{
  g_return_val_if_fail (DD_IS_SCENARIO_DOCUMENT (self), FALSE);
  return self->redo->len > 0;
}

gboolean
dd_scenario_document_undo (DdScenarioDocument *self)
{
  g_return_val_if_fail (DD_IS_SCENARIO_DOCUMENT (self), FALSE);

  if (self->undo->len == 0)
    return FALSE;
  restore (self, self->undo, self->redo);
  return TRUE;
}

gboolean
dd_scenario_document_redo (DdScenarioDocument *self)
{
  g_return_val_if_fail (DD_IS_SCENARIO_DOCUMENT (self), FALSE);

  if (self->redo->len == 0)
    return FALSE;
  restore (self, self->redo, self->undo);
  return TRUE;
}

GPtrArray *
dd_scenario_document_get_checks (DdScenarioDocument *self)
{
  g_return_val_if_fail (DD_IS_SCENARIO_DOCUMENT (self), NULL);

  if (self->checks == NULL)
    compute_checks (self);
  return self->checks;
}

GPtrArray *
dd_scenario_document_checks_for (DdScenarioDocument *self,
                                 const char     *field,
                                 gboolean        prefix)
{
  GPtrArray *all = dd_scenario_document_get_checks (self);
  GPtrArray *out = g_ptr_array_new ();
  gsize n = strlen (field);

  for (guint i = 0; i < all->len; i++)
    {
      DdScenarioCheck *c = g_ptr_array_index (all, i);

      if (strcmp (c->field, field) == 0 ||
          (prefix && strncmp (c->field, field, n) == 0 && c->field[n] == '/'))
        g_ptr_array_add (out, c);
    }
  return out;
}

guint
dd_scenario_document_count_checks (DdScenarioDocument *self,
                                   DdCheckLevel    level)
{
  GPtrArray *all = dd_scenario_document_get_checks (self);
  guint n = 0;

  for (guint i = 0; i < all->len; i++)
    n += ((DdScenarioCheck *) g_ptr_array_index (all, i))->level == level;
  return n;
}
