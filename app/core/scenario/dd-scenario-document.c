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
#include "dd-scenario-fields.h"
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
  char            *original;       /* the file's text as the author wrote it, or NULL */
  char            *original_render; /* the writer's rendering of what it held */

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

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

static void
snapshot_free (gpointer data)
{
  Snapshot *s = data;

  dd_scenario_draft_free (s->draft);
  g_free (s);
}

gboolean
dd_scenario_text_is_blank (const char *s)
{
  if (s == NULL)
    return TRUE;
  for (; *s; s++)
    if (!g_ascii_isspace (*s))
      return FALSE;
  return TRUE;
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
  dd_scenario_field_renumber_injects (self->draft);
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
  dd_scenario_field_renumber_injects (self->draft);
  self->state = s->state;
  g_free (s);
  if (self->autosave_delay > 0 && self->autosave_source == 0 && self->state != self->saved_state)
    self->autosave_source = g_timeout_add_seconds (self->autosave_delay, autosave_cb, self);
  notify_state (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, NULL);
}

static void
compute_checks (DdScenarioDocument *self)
{
  self->checks = dd_scenario_draft_check (self->plan, self->draft);
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
  g_free (self->original);
  g_free (self->original_render);
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
  dd_scenario_field_renumber_injects (draft);
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
  name = g_strdup_printf ("%s.xml.autosave", dd_scenario_id_is_valid (self->draft->id) ? self->draft->id : "untitled");
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
  /* The file as the author wrote it, and the draft it holds as the writer
   * renders it: saving keeps the author's text where nothing changed */
  {
    g_autofree char *text = NULL;
    g_autoptr(DdScenarioDraft) on_disk = restored ? read_draft (path, NULL) : NULL;

    if (g_file_get_contents (path, &text, NULL, NULL) && g_utf8_validate (text, -1, NULL) &&
        (!restored || on_disk != NULL))
      {
        self->original = g_steal_pointer (&text);
        self->original_render = dd_scenario_draft_to_xml (restored ? on_disk : d, NULL);
      }
  }
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
  if (!copy_attachments (self, dir, error))
    return FALSE;
  {
    gsize len = 0;
    g_autofree char *edited = dd_scenario_draft_to_xml (self->draft, &len);
    /* The author's text stays as written where nothing changed */
    g_autofree char *text = self->original != NULL
                            ? dd_scenario_text_splice (self->original, self->original_render, edited)
                            : NULL;

    if (!dd_write_file_atomic (abs, text != NULL ? text : edited, text != NULL ? strlen (text) : len, error))
      return FALSE;
    g_free (self->original);
    self->original = text != NULL ? g_steal_pointer (&text) : g_strdup (edited);
    g_free (self->original_render);
    self->original_render = g_steal_pointer (&edited);
  }

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

  if (!dd_scenario_field_resolve (self->draft, field, &slot))
    return NULL;
  return dd_scenario_field_get (&slot);
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

  if (!dd_scenario_field_resolve (self->draft, field, &slot))
    return dd_scenario_field_error (error, field);
  if (!dd_scenario_field_parse (&slot, field, value, &v, error))
    return FALSE;

  /* Nothing to do when the value stays the same */
  old = dd_scenario_field_get (&slot);
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
    dd_scenario_field_store (&probe, &copy);
    new_text = dd_scenario_field_get (&probe);
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
  dd_scenario_field_store (&slot, &v);
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

  arr = dd_scenario_field_resolve_list (self->draft, parts, g_strv_length (parts), &kind, NULL);
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

        o->id = dd_scenario_field_unique_id (list, "objective");
        o->clauses = g_new0 (char *, 1);
        return o;
      }
    case LIST_INJECTS:
      {
        DdInject *inject = dd_inject_new ();
        gint64 last = 0;

        for (guint i = 0; i < list->len; i++)
          last = MAX (last, ((DdInject *) g_ptr_array_index (list, i))->at);
        inject->id = dd_scenario_field_unique_id (list, "inject");
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

  if (dd_scenario_field_resolve_list (self->draft, parts, g_strv_length (parts), &kind, NULL) == NULL)
    return dd_scenario_field_error (error, list), -1;

  begin_change (self, NULL);
  arr = dd_scenario_field_resolve_list (self->draft, parts, g_strv_length (parts), &kind, NULL);
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

  if (dd_scenario_field_resolve_item (self->draft, item, &kind, &index) == NULL)
    return dd_scenario_field_error (error, item), -1;

  begin_change (self, NULL);
  arr = dd_scenario_field_resolve_item (self->draft, item, &kind, &index);
  if (kind == LIST_INJECTS)
    {
      DdInject *inject = dd_inject_copy (g_ptr_array_index (arr, index));

      g_free (inject->id);
      inject->id = dd_scenario_field_unique_id (arr, ((DdInject *) g_ptr_array_index (arr, index))->id);
      copy = inject;
    }
  else
    copy = copies[kind] (g_ptr_array_index (arr, index), NULL);
  if (kind == LIST_OBJECTIVES)
    {
      DdObjective *o = copy;
      char *id = dd_scenario_field_unique_id (arr, o->id);

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

  arr = dd_scenario_field_resolve_item (self->draft, item, &kind, &index);
  if (arr == NULL || to >= arr->len)
    return dd_scenario_field_error (error, item);
  if (to == index)
    return TRUE;

  begin_change (self, NULL);
  arr = dd_scenario_field_resolve_item (self->draft, item, &kind, &index);
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

  if (dd_scenario_field_resolve_item (self->draft, item, &kind, &index) == NULL)
    return dd_scenario_field_error (error, item);

  begin_change (self, NULL);
  arr = dd_scenario_field_resolve_item (self->draft, item, &kind, &index);
  g_ptr_array_remove_index (arr, index);
  list = g_strndup (item, strrchr (item, '/') - item);
  content_changed (self, list);
  return TRUE;
}

void
dd_scenario_document_set_injects (DdScenarioDocument *self,
                                  GPtrArray          *injects)
{
  g_return_if_fail (DD_IS_SCENARIO_DOCUMENT (self));

  begin_change (self, NULL);
  g_ptr_array_set_size (self->draft->injects, 0);
  for (guint i = 0; i < injects->len; i++)
    g_ptr_array_add (self->draft->injects, dd_inject_copy (g_ptr_array_index (injects, i)));
  content_changed (self, NULL);
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
