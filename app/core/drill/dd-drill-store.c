/* dd-drill-store.c — where drills live on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "dd-drill-store.h"
#include "dd-error.h"

#define MAX_COPY_SIZE      (64 * 1024 * 1024)
#define MAX_ATTACHMENTS    1000

/* DdDrillInfo */

struct _DdDrillInfo
{
  GObject       parent_instance;

  char         *id;
  char         *folder;
  char         *journal_path;
  char         *plan_path;
  char         *scenario_path;
  char         *reports_dir;
  char         *title;
  char         *plan_title;
  GDateTime    *created;
  DdDrillState  state;
  guint         n_records;
  gboolean      torn;
  gboolean      repairable;
  char         *problem;
};

G_DEFINE_FINAL_TYPE (DdDrillInfo, dd_drill_info, G_TYPE_OBJECT)

static void
dd_drill_info_finalize (GObject *object)
{
  DdDrillInfo *self = DD_DRILL_INFO (object);

  g_free (self->id);
  g_free (self->folder);
  g_free (self->journal_path);
  g_free (self->plan_path);
  g_free (self->scenario_path);
  g_free (self->reports_dir);
  g_free (self->title);
  g_free (self->plan_title);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_free (self->problem);

  G_OBJECT_CLASS (dd_drill_info_parent_class)->finalize (object);
}

static void
dd_drill_info_class_init (DdDrillInfoClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_drill_info_finalize;
}

static void
dd_drill_info_init (DdDrillInfo *self)
{
}

static const char *
string_member (JsonObject *obj,
               const char *object_member,
               const char *member)
{
  JsonNode *node;

  if (object_member != NULL)
    {
      node = json_object_get_member (obj, object_member);
      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        return NULL;
      obj = json_node_get_object (node);
    }
  node = json_object_get_member (obj, member);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Reads what the list shows from the drill folder @folder. */
static DdDrillInfo *
drill_info_read (const char *folder)
{
  DdDrillInfo *self = g_object_new (DD_TYPE_DRILL_INFO, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdJournal) journal = NULL;
  DdJournalRecovery recovery = { 0 };
  JsonObject *header;
  const char *text;

  self->folder = g_strdup (folder);
  self->id = g_path_get_basename (folder);
  self->journal_path = g_build_filename (folder, DD_DRILL_JOURNAL_FILE, NULL);
  self->plan_path = g_build_filename (folder, DD_DRILL_PLAN_FILE, NULL);
  self->scenario_path = g_build_filename (folder, DD_DRILL_SCENARIO_FILE, NULL);
  self->reports_dir = g_build_filename (folder, DD_DRILL_REPORTS_DIR, NULL);

  journal = dd_journal_load (self->journal_path, &recovery, &error);
  if (journal == NULL)
    {
      /* Damaged: still listed, with the reason, and what its intact
       * records say (when its header is intact, it can be repaired into a
       * copy). */
      self->state = DD_DRILL_STATE_DAMAGED;
      self->problem = g_strdup (error->message);
      journal = dd_journal_load_intact (self->journal_path, NULL, NULL);
      self->repairable = journal != NULL;
      if (journal == NULL)
        {
          self->title = g_strdup (self->id);
          return self;
        }
    }

  header = dd_journal_get_header (journal);
  text = string_member (header, "scenario", "title");
  self->title = g_strdup (text != NULL && *text != '\0' ? text : self->id);
  self->plan_title = g_strdup (string_member (header, "plan", "title"));
  text = string_member (header, NULL, "created");
  if (text != NULL)
    self->created = g_date_time_new_from_iso8601 (text, NULL);
  self->n_records = dd_journal_get_n_records (journal);
  if (self->state == DD_DRILL_STATE_DAMAGED)
    return self;
  self->torn = recovery.torn;
  self->repairable = recovery.torn;
  self->state = dd_journal_is_finished (journal) ? DD_DRILL_STATE_FINISHED
                                                 : DD_DRILL_STATE_UNFINISHED;
  dd_journal_recovery_clear (&recovery);
  return self;
}

const char *
dd_drill_info_get_id (DdDrillInfo *self)
{
  g_return_val_if_fail (DD_IS_DRILL_INFO (self), NULL);
  return self->id;
}

const char *
dd_drill_info_get_folder (DdDrillInfo *self)
{
  g_return_val_if_fail (DD_IS_DRILL_INFO (self), NULL);
  return self->folder;
}

const char *
dd_drill_info_get_journal_path (DdDrillInfo *self)
{
  g_return_val_if_fail (DD_IS_DRILL_INFO (self), NULL);
  return self->journal_path;
}

const char *
dd_drill_info_get_plan_path (DdDrillInfo *self)
{
  g_return_val_if_fail (DD_IS_DRILL_INFO (self), NULL);
  return self->plan_path;
}

const char *
dd_drill_info_get_scenario_path (DdDrillInfo *self)
{
  g_return_val_if_fail (DD_IS_DRILL_INFO (self), NULL);
  return self->scenario_path;
}

const char *
dd_drill_info_get_reports_dir (DdDrillInfo *self)
{
  g_return_val_if_fail (DD_IS_DRILL_INFO (self), NULL);
  return self->reports_dir;
}

const char *
dd_drill_info_get_title (DdDrillInfo *self)
{
  g_return_val_if_fail (DD_IS_DRILL_INFO (self), NULL);
  return self->title;
}

const char *
dd_drill_info_get_plan_title (DdDrillInfo *self)
{
  g_return_val_if_fail (DD_IS_DRILL_INFO (self), NULL);
  return self->plan_title;
}

GDateTime *
dd_drill_info_get_created (DdDrillInfo *self)
{
  g_return_val_if_fail (DD_IS_DRILL_INFO (self), NULL);
  return self->created;
}

DdDrillState
dd_drill_info_get_state (DdDrillInfo *self)
{
  g_return_val_if_fail (DD_IS_DRILL_INFO (self), DD_DRILL_STATE_DAMAGED);
  return self->state;
}

guint
dd_drill_info_get_n_records (DdDrillInfo *self)
{
  g_return_val_if_fail (DD_IS_DRILL_INFO (self), 0);
  return self->n_records;
}

gboolean
dd_drill_info_get_torn (DdDrillInfo *self)
{
  g_return_val_if_fail (DD_IS_DRILL_INFO (self), FALSE);
  return self->torn;
}

gboolean
dd_drill_info_get_repairable (DdDrillInfo *self)
{
  g_return_val_if_fail (DD_IS_DRILL_INFO (self), FALSE);
  return self->repairable;
}

const char *
dd_drill_info_get_problem (DdDrillInfo *self)
{
  g_return_val_if_fail (DD_IS_DRILL_INFO (self), NULL);
  return self->problem;
}

/* DdDrillStore */

struct _DdDrillStore
{
  GObject  parent_instance;

  char    *base_dir;
};

G_DEFINE_FINAL_TYPE (DdDrillStore, dd_drill_store, G_TYPE_OBJECT)

static void
dd_drill_store_finalize (GObject *object)
{
  DdDrillStore *self = DD_DRILL_STORE (object);

  g_free (self->base_dir);

  G_OBJECT_CLASS (dd_drill_store_parent_class)->finalize (object);
}

static void
dd_drill_store_class_init (DdDrillStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_drill_store_finalize;
}

static void
dd_drill_store_init (DdDrillStore *self)
{
}

DdDrillStore *
dd_drill_store_new (const char *base_dir)
{
  DdDrillStore *self = g_object_new (DD_TYPE_DRILL_STORE, NULL);

  if (base_dir != NULL)
    self->base_dir = g_strdup (base_dir);
  else
    self->base_dir = g_build_filename (g_get_user_data_dir (), "drilldesk", "drills", NULL);
  return self;
}

const char *
dd_drill_store_get_base_dir (DdDrillStore *self)
{
  g_return_val_if_fail (DD_IS_DRILL_STORE (self), NULL);
  return self->base_dir;
}

static gboolean
sync_dir (const char  *dir,
          GError     **error)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  int saved;

  if (fd < 0 || fsync (fd) != 0)
    {
      saved = errno;
      if (fd >= 0)
        close (fd);
      g_set_error (error, DD_ERROR, DD_ERROR_IO, _("%s: cannot sync the folder: %s"),
                   dir, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

static gboolean
copy_durably (const char  *from,
              const char  *to,
              GError     **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;
  GStatBuf st;

  if (g_stat (from, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_IO, _("%s: not a readable file"), from);
      return FALSE;
    }
  if (st.st_size > MAX_COPY_SIZE)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_TOO_LARGE, _("%s: the file is too large to copy"), from);
      return FALSE;
    }
  if (!g_file_get_contents (from, &data, &len, &local) ||
      !g_file_set_contents_full (to, data, len,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_IO, "%s", local->message);
      return FALSE;
    }
  return TRUE;
}

/* Copies the regular files of @from into @to, recursively, refusing links
 * (an attachment folder must not pull in files from elsewhere). */
static gboolean
copy_tree (const char  *from,
           const char  *to,
           guint       *budget,
           GError     **error)
{
  g_autoptr(GDir) dir = g_dir_open (from, 0, error);
  const char *name;

  if (dir == NULL)
    return FALSE;
  if (g_mkdir (to, 0700) != 0 && errno != EEXIST)
    {
      int saved = errno;

      g_set_error (error, DD_ERROR, DD_ERROR_IO, "%s: %s", to, g_strerror (saved));
      return FALSE;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *src = g_build_filename (from, name, NULL);
      g_autofree char *dst = g_build_filename (to, name, NULL);

      if (*budget == 0)
        {
          g_set_error (error, DD_ERROR, DD_ERROR_TOO_LARGE,
                       _("%s: more than %d attachments"), from, MAX_ATTACHMENTS);
          return FALSE;
        }
      (*budget)--;
      if (g_file_test (src, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (src, G_FILE_TEST_IS_DIR))
        {
          if (!copy_tree (src, dst, budget, error))
            return FALSE;
        }
      else if (g_file_test (src, G_FILE_TEST_IS_REGULAR))
        {
          if (!copy_durably (src, dst, error))
            return FALSE;
        }
    }
  return sync_dir (to, error);
}

/* Creates a fresh drill folder; returns its id. */
static char *
make_drill_folder (DdDrillStore  *self,
                   char         **folder_out,
                   GError       **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

  if (g_mkdir_with_parents (self->base_dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, DD_ERROR, DD_ERROR_IO, _("%s: cannot create the drills folder: %s"),
                   self->base_dir, g_strerror (saved));
      return NULL;
    }

  for (int attempt = 0; attempt < 100; attempt++)
    {
      g_autofree char *id = g_strdup_printf ("%s-%04x", stamp, g_random_int_range (0, 0x10000));
      g_autofree char *folder = g_build_filename (self->base_dir, id, NULL);

      if (g_mkdir (folder, 0700) == 0)
        {
          if (!sync_dir (self->base_dir, error))
            return NULL;
          *folder_out = g_steal_pointer (&folder);
          return g_steal_pointer (&id);
        }
      if (errno != EEXIST)
        {
          int saved = errno;

          g_set_error (error, DD_ERROR, DD_ERROR_IO, _("%s: cannot create the drill folder: %s"),
                       folder, g_strerror (saved));
          return NULL;
        }
    }
  g_set_error (error, DD_ERROR, DD_ERROR_IO, _("%s: cannot find a free drill folder name"),
               self->base_dir);
  return NULL;
}

static gboolean
complete_source (JsonObject  *header,
                 const char  *member,
                 const char  *copy_path,
                 const char  *original,
                 GError     **error)
{
  JsonNode *node = json_object_get_member (header, member);
  g_autoptr(JsonObject) source = NULL;
  g_autofree char *sum = dd_journal_sha256_file (copy_path, error);
  g_autofree char *base = g_path_get_basename (copy_path);
  g_autofree char *abs = NULL;

  if (sum == NULL)
    return FALSE;
  source = node != NULL && JSON_NODE_HOLDS_OBJECT (node)
           ? json_object_ref (json_node_get_object (node)) : json_object_new ();
  abs = g_canonicalize_filename (original, NULL);
  json_object_set_string_member (source, "file", base);
  json_object_set_string_member (source, "sha256", sum);
  json_object_set_string_member (source, "source", abs);
  json_object_set_object_member (header, member, g_steal_pointer (&source));
  return TRUE;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

DdJournal *
dd_drill_store_create_drill (DdDrillStore  *self,
                             const char    *plan_path,
                             const char    *scenario_path,
                             JsonObject    *header,
                             DdDrillInfo  **info_out,
                             GError       **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *id = NULL;
  g_autofree char *plan_copy = NULL;
  g_autofree char *scenario_copy = NULL;
  g_autofree char *reports = NULL;
  g_autofree char *journal_path = NULL;
  g_autofree char *attachments = NULL;
  g_autoptr(JsonObject) hdr = json_object_new ();
  g_autoptr(DdJournal) journal = NULL;

  g_return_val_if_fail (DD_IS_DRILL_STORE (self), NULL);
  g_return_val_if_fail (plan_path != NULL && scenario_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  id = make_drill_folder (self, &folder, error);
  if (id == NULL)
    return NULL;

  plan_copy = g_build_filename (folder, DD_DRILL_PLAN_FILE, NULL);
  scenario_copy = g_build_filename (folder, DD_DRILL_SCENARIO_FILE, NULL);
  reports = g_build_filename (folder, DD_DRILL_REPORTS_DIR, NULL);
  journal_path = g_build_filename (folder, DD_DRILL_JOURNAL_FILE, NULL);
  {
    g_autofree char *scenario_dir = g_path_get_dirname (scenario_path);

    attachments = g_build_filename (scenario_dir, "attachments", NULL);
  }

  if (header != NULL)
    {
      g_autoptr(GList) names = json_object_get_members (header);

      for (GList *l = names; l != NULL; l = l->next)
        json_object_set_member (hdr, l->data,
                                json_node_copy (json_object_get_member (header, l->data)));
    }
  json_object_set_string_member (hdr, "drill", id);

  if (!copy_durably (plan_path, plan_copy, error) ||
      !copy_durably (scenario_path, scenario_copy, error))
    goto fail;
  if (g_file_test (attachments, G_FILE_TEST_IS_DIR) &&
      !g_file_test (attachments, G_FILE_TEST_IS_SYMLINK))
    {
      g_autofree char *to = g_build_filename (folder, "attachments", NULL);
      guint budget = MAX_ATTACHMENTS;

      if (!copy_tree (attachments, to, &budget, error))
        goto fail;
    }
  if (g_mkdir (reports, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, DD_ERROR, DD_ERROR_IO, "%s: %s", reports, g_strerror (saved));
      goto fail;
    }
  if (!complete_source (hdr, "plan", plan_copy, plan_path, error) ||
      !complete_source (hdr, "scenario", scenario_copy, scenario_path, error))
    goto fail;

  /* Creating the journal syncs the drill folder, so the copies' names are
   * durable too. */
  journal = dd_journal_create (journal_path, hdr, error);
  if (journal == NULL)
    goto fail;

  if (info_out != NULL)
    *info_out = drill_info_read (folder);
  return g_steal_pointer (&journal);

fail:
  remove_tree (folder);
  return NULL;
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  DdDrillInfo *x = (DdDrillInfo *) a;
  DdDrillInfo *y = (DdDrillInfo *) b;

  if (x->created != NULL && y->created != NULL)
    {
      int c = g_date_time_compare (y->created, x->created);

      if (c != 0)
        return c;
    }
  return g_strcmp0 (y->id, x->id);
}

static GListModel *
list_filtered (DdDrillStore  *self,
               gboolean       unfinished_only,
               GError       **error)
{
  g_autoptr(GListStore) store = g_list_store_new (DD_TYPE_DRILL_INFO);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local = NULL;
  const char *name;

  g_return_val_if_fail (DD_IS_DRILL_STORE (self), NULL);

  dir = g_dir_open (self->base_dir, 0, &local);
  if (dir == NULL)
    {
      /* No drills yet. */
      if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return G_LIST_MODEL (g_steal_pointer (&store));
      g_set_error (error, DD_ERROR, DD_ERROR_IO, "%s", local->message);
      return NULL;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *folder = g_build_filename (self->base_dir, name, NULL);
      g_autofree char *journal = g_build_filename (folder, DD_DRILL_JOURNAL_FILE, NULL);
      g_autoptr(DdDrillInfo) info = NULL;

      if (name[0] == '.' || !g_file_test (folder, G_FILE_TEST_IS_DIR) ||
          g_file_test (folder, G_FILE_TEST_IS_SYMLINK) ||
          !g_file_test (journal, G_FILE_TEST_EXISTS))
        continue;
      info = drill_info_read (folder);
      /* A damaged journal never vanishes from the list of drills to resume. */
      if (unfinished_only && info->state == DD_DRILL_STATE_FINISHED)
        continue;
      g_list_store_insert_sorted (store, info, compare_newest_first, NULL);
    }
  return G_LIST_MODEL (g_steal_pointer (&store));
}

GListModel *
dd_drill_store_list (DdDrillStore  *self,
                     GError       **error)
{
  return list_filtered (self, FALSE, error);
}

GListModel *
dd_drill_store_list_unfinished (DdDrillStore  *self,
                                GError       **error)
{
  return list_filtered (self, TRUE, error);
}

static gboolean
is_valid_id (const char *id)
{
  if (id == NULL || *id == '\0' || id[0] == '.')
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;
  return TRUE;
}

DdDrillInfo *
dd_drill_store_lookup (DdDrillStore  *self,
                       const char    *id,
                       GError       **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *journal = NULL;

  g_return_val_if_fail (DD_IS_DRILL_STORE (self), NULL);

  if (!is_valid_id (id))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID, _("\"%s\" is not a drill id"), id ? id : "");
      return NULL;
    }
  folder = g_build_filename (self->base_dir, id, NULL);
  journal = g_build_filename (folder, DD_DRILL_JOURNAL_FILE, NULL);
  if (!g_file_test (journal, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_IO, _("%s: no such drill"), folder);
      return NULL;
    }
  return drill_info_read (folder);
}

DdJournal *
dd_drill_store_resume (DdDrillStore       *self,
                       const char         *id,
                       DdJournalRecovery  *recovery_out,
                       GError            **error)
{
  g_autoptr(DdDrillInfo) info = dd_drill_store_lookup (self, id, error);

  if (info == NULL)
    return NULL;
  if (info->state == DD_DRILL_STATE_FINISHED)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_STATE,
                   _("%s: the drill is finished and cannot be resumed"), info->folder);
      return NULL;
    }
  return dd_journal_open (info->journal_path, recovery_out, error);
}

DdDrillInfo *
dd_drill_store_repair_copy (DdDrillStore  *self,
                            const char    *id,
                            GError       **error)
{
  g_autoptr(DdDrillInfo) info = dd_drill_store_lookup (self, id, error);
  g_autoptr(DdJournal) intact = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *copy_id = NULL;
  g_autoptr(GError) local = NULL;

  if (info == NULL)
    return NULL;
  if (info->state != DD_DRILL_STATE_DAMAGED && !info->torn)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_STATE,
                   _("%s: the drill's journal is intact; there is nothing to repair"), info->folder);
      return NULL;
    }
  intact = dd_journal_load_intact (info->journal_path, NULL, error);
  if (intact == NULL)
    return NULL;

  copy_id = make_drill_folder (self, &folder, error);
  if (copy_id == NULL)
    return NULL;
  {
    g_autofree char *plan = g_build_filename (folder, DD_DRILL_PLAN_FILE, NULL);
    g_autofree char *scenario = g_build_filename (folder, DD_DRILL_SCENARIO_FILE, NULL);
    g_autofree char *reports = g_build_filename (folder, DD_DRILL_REPORTS_DIR, NULL);
    g_autofree char *attachments = g_build_filename (info->folder, "attachments", NULL);
    g_autofree char *attachments_copy = g_build_filename (folder, "attachments", NULL);
    g_autofree char *journal = g_build_filename (folder, DD_DRILL_JOURNAL_FILE, NULL);
    guint budget = MAX_ATTACHMENTS;

    /* The copies of the plan and scenario byte for byte, so the header's
     * hashes still hold; the journal's intact records last (its creation
     * syncs the folder). */
    if (!copy_durably (info->plan_path, plan, &local) ||
        !copy_durably (info->scenario_path, scenario, &local) ||
        (g_file_test (attachments, G_FILE_TEST_IS_DIR) &&
         !g_file_test (attachments, G_FILE_TEST_IS_SYMLINK) &&
         !copy_tree (attachments, attachments_copy, &budget, &local)))
      goto fail;
    if (g_mkdir (reports, 0700) != 0)
      {
        int saved = errno;

        g_set_error (&local, DD_ERROR, DD_ERROR_IO, "%s: %s", reports, g_strerror (saved));
        goto fail;
      }
    if (!dd_journal_save_copy (intact, journal, &local))
      goto fail;
  }
  return drill_info_read (folder);

fail:
  remove_tree (folder);
  g_propagate_error (error, g_steal_pointer (&local));
  return NULL;
}
