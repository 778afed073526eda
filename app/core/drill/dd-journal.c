/* dd-journal.c — the drill journal: append-only, durable, hash-chained
 *
 * Format (docs/formats.md, "journal"): one JSON object per line,
 *   {"seq":N,"type":"T","time":"ISO-8601","prev":"<hex>","body":{…},"sum":"<hex>"}
 * where "sum" is always the last member, written as the fixed-length suffix
 * ,"sum":"<64 lowercase hex>"} and is the SHA-256 of every byte of the line
 * before that suffix; "prev" is the previous record's sum (64 zeros for the
 * header, seq 0). A line is complete only with its newline.
 *
 * What the checks tell apart (first problem wins):
 *   - the last line has no newline                  → torn tail
 *   - a line's bytes do not match its sum           → changed
 *   - a line is not a record at all                 → malformed
 *   - a seq number is missing and never comes later → removed
 *   - the expected seq comes later, or a seq repeats → reordered
 *   - seq fits but "prev" is not the previous sum   → changed (rewritten
 *     with a fresh sum: the chain breaks at the next record)
 * Removing whole records from the end is only visible against the head hash
 * printed elsewhere (the after-action review); `verify --head` checks it.
 *
 * Durability follows docs/reliability.md: O_CREAT|O_EXCL|O_APPEND|O_CLOEXEC,
 * fsync of the file and its folder on creation, one write () per record
 * (looped on short writes) then fdatasync () before append returns. A write
 * or sync error is never retried on the same file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE   /* O_TMPFILE, linkat () */
#include "config.h"

#include <inttypes.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "dd-error.h"
#include "dd-journal-private.h"
#include "dd-sha256.h"

struct _DdJournal
{
  GObject    parent_instance;

  char      *path;
  int        fd;
  char      *data;           /* the file as read: the lines of records read */
  GPtrArray *records;        /* Record*, [0] is the header */
  guint      n_durable;      /* records (header excluded) known on disk */
  gboolean   failed;
  gboolean   read_only;
  gboolean   finished;
};

enum {
  PROP_0,
  PROP_PATH,
  PROP_FAILED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (DdJournal, dd_journal, G_TYPE_OBJECT)

/* The I/O table */

static int
real_open (const char *path,
           int         flags,
           mode_t      mode)
{
  return open (path, flags, mode);
}

static const DdJournalIo real_io = {
  real_open, write, fsync, fdatasync, ftruncate, close,
};

DdJournalIo dd_journal_io = {
  real_open, write, fsync, fdatasync, ftruncate, close,
};

void
dd_journal_set_io_for_testing (const DdJournalIo *table)
{
  dd_journal_io = table != NULL ? *table : real_io;
}

/* Low-level writing */

static gboolean
write_all (int          fd,
           const char  *buf,
           gsize        len,
           int         *errno_out)
{
  gsize done = 0;

  while (done < len)
    {
      ssize_t n = dd_journal_io.write (fd, buf + done, len - done);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          *errno_out = errno;
          return FALSE;
        }
      if (n == 0)
        {
          *errno_out = EIO;
          return FALSE;
        }
      done += (gsize) n;
    }
  return TRUE;
}

static gboolean
sync_folder (const char  *path,
             GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = dd_journal_io.open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  int saved;

  if (fd < 0)
    {
      saved = errno;
      g_set_error (error, DD_ERROR, DD_ERROR_IO, _("%s: cannot open the folder to sync it: %s"),
                   dir, g_strerror (saved));
      return FALSE;
    }
  if (dd_journal_io.fsync (fd) != 0)
    {
      saved = errno;
      dd_journal_io.close (fd);
      g_set_error (error, DD_ERROR, DD_ERROR_IO, _("%s: cannot sync the folder: %s"),
                   dir, g_strerror (saved));
      return FALSE;
    }
  dd_journal_io.close (fd);
  return TRUE;
}

/* A file size limit (RLIMIT_FSIZE) must turn into EFBIG from write (),
 * reported like any write error, not kill the process: ignore SIGXFSZ
 * unless the program handles it itself. */
static void
ignore_sigxfsz (void)
{
  struct sigaction old;

  if (sigaction (SIGXFSZ, NULL, &old) == 0 && old.sa_handler == SIG_DFL &&
      !(old.sa_flags & SA_SIGINFO))
    signal (SIGXFSZ, SIG_IGN);
}

static gboolean
lock_fd (int          fd,
         const char  *path,
         GError     **error)
{
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      int saved = errno;

      if (saved == EWOULDBLOCK)
        g_set_error (error, DD_ERROR, DD_ERROR_STATE,
                     _("%s: the journal is open in another window or program"), path);
      else
        g_set_error (error, DD_ERROR, DD_ERROR_IO, _("%s: cannot lock the journal: %s"),
                     path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* Why @path, which exists, cannot be created: another program holds the
 * journal there, or it is simply taken. */
static void
set_exists_error (const char  *path,
                  GError     **error)
{
  int fd = open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  gboolean in_use = FALSE;

  if (fd >= 0)
    {
      struct stat st;

      in_use = fstat (fd, &st) == 0 && S_ISREG (st.st_mode) &&
               flock (fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
      close (fd);
    }
  if (in_use)
    g_set_error (error, DD_ERROR, DD_ERROR_STATE,
                 _("%s: the journal is in use: another window or program has just created "
                   "it and is writing to it"), path);
  else
    g_set_error (error, DD_ERROR, DD_ERROR_IO, _("%s: cannot create the journal: %s"),
                 path, g_strerror (EEXIST));
}

/* Creates @path with @len bytes, synced with its folder, atomically: the
 * file is made nameless (O_TMPFILE; where the file system lacks it, under a
 * temporary name), locked, written and synced, and only then linked to
 * @path, which fails if @path exists. So whoever sees @path sees a
 * complete, locked first record, and of two programs creating the same
 * journal exactly one succeeds. On failure nothing is left at @path.
 * Returns the fd (locked). */
static int
create_file_with (const char  *path,
                  const char  *data,
                  gsize        len,
                  GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *tmp = NULL;
  g_autofree char *proc = NULL;
  int fd, saved = 0;

  ignore_sigxfsz ();
  if (g_file_test ("/proc/self/fd", G_FILE_TEST_IS_DIR))
    fd = dd_journal_io.open (dir, O_TMPFILE | O_WRONLY | O_APPEND | O_CLOEXEC, 0600);
  else
    fd = -1, errno = EOPNOTSUPP;
  if (fd < 0 && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL))
    {
      tmp = g_strdup_printf ("%s.creating-%ld", path, (long) getpid ());
      fd = dd_journal_io.open (tmp, O_CREAT | O_EXCL | O_WRONLY | O_APPEND | O_CLOEXEC, 0600);
    }
  if (fd < 0)
    {
      saved = errno;
      g_set_error (error, DD_ERROR, DD_ERROR_IO, _("%s: cannot create the journal: %s"),
                   path, g_strerror (saved));
      return -1;
    }
  if (!lock_fd (fd, path, error))
    goto fail;
  if (!write_all (fd, data, len, &saved) || (dd_journal_io.fsync (fd) != 0 && (saved = errno, TRUE)))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_IO, _("%s: cannot write the journal: %s"),
                   path, g_strerror (saved));
      goto fail;
    }

  if (tmp == NULL)
    {
      proc = g_strdup_printf ("/proc/self/fd/%d", fd);
      saved = linkat (AT_FDCWD, proc, AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0 ? 0 : errno;
    }
  else
    saved = link (tmp, path) == 0 ? 0 : errno;
  if (saved == EEXIST)
    {
      set_exists_error (path, error);
      goto fail;
    }
  if (saved != 0)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_IO, _("%s: cannot create the journal: %s"),
                   path, g_strerror (saved));
      goto fail;
    }
  if (tmp != NULL)
    g_unlink (tmp);
  if (!sync_folder (path, error))
    {
      dd_journal_io.close (fd);
      g_unlink (path);
      return -1;
    }
  return fd;

fail:
  dd_journal_io.close (fd);
  if (tmp != NULL)
    g_unlink (tmp);
  return -1;
}

/* Building a record line */

static char *
format_time (gint64 time_us)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (time_us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) exact = g_date_time_add (dt, time_us % G_USEC_PER_SEC);

  return g_date_time_format (exact, "%Y-%m-%dT%H:%M:%S.%fZ");
}

static Record *
build_record (guint64      seq,
              const char  *type,
              const char  *prev,
              JsonObject  *body,
              GError     **error)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonObject) empty = json_object_new ();
  g_autofree char *body_text = NULL;
  g_autofree char *time_text = format_time (g_get_real_time ());
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *sum = NULL;
  LineProblem problem = { 0 };
  Record *r;

  json_node_set_object (node, body != NULL ? body : empty);
  json_generator_set_root (gen, node);
  body_text = json_generator_to_data (gen, NULL);

  g_string_append_printf (line, "{\"seq\":%" G_GUINT64_FORMAT ",\"type\":\"%s\",\"time\":\"%s\","
                          "\"prev\":\"%s\",\"body\":%s",
                          seq, type, time_text, prev, body_text);
  sum = dd_sha256_hex (line->str, line->len);
  g_string_append_printf (line, SUM_PREFIX "%s\"}", sum);

  if (memchr (line->str, '\n', line->len) != NULL || line->len > DD_JOURNAL_MAX_LINE)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID,
                   _("record %" PRIu64 " (%s) cannot be journalled: it is over %d bytes"),
                   seq, type, DD_JOURNAL_MAX_LINE);
      return NULL;
    }

  /* Read it back exactly as a later load will, so nothing is written that
   * cannot be read (NaN, invalid UTF-8, …). */
  r = dd_journal_parse_line (line->str, line->len, TRUE, &problem);
  if (r == NULL)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID,
                   _("record %" PRIu64 " (%s) cannot be journalled: it %s"),
                   seq, type, problem.what);
      g_free (problem.what);
      return NULL;
    }
  g_string_append_c (line, '\n');
  r->line_len = line->len;
  r->line = g_string_free (g_steal_pointer (&line), FALSE);
  r->owns_line = TRUE;
  return r;
}

/* GObject */

static void
dd_journal_finalize (GObject *object)
{
  DdJournal *self = DD_JOURNAL (object);

  if (self->fd >= 0)
    dd_journal_io.close (self->fd);
  g_clear_pointer (&self->records, g_ptr_array_unref);
  g_free (self->data);
  g_free (self->path);

  G_OBJECT_CLASS (dd_journal_parent_class)->finalize (object);
}

static void
dd_journal_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  DdJournal *self = DD_JOURNAL (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_FAILED:
      g_value_set_boolean (value, self->failed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_journal_class_init (DdJournalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dd_journal_finalize;
  object_class->get_property = dd_journal_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FAILED] =
    g_param_spec_boolean ("failed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dd_journal_init (DdJournal *self)
{
  self->fd = -1;
  self->records = g_ptr_array_new_with_free_func (dd_journal_record_free);
}

gboolean
dd_journal_type_after_end (const char *type)
{
  static const char *const after_end[] = { "rating", NULL };

  return type != NULL && g_strv_contains (after_end, type);
}

static Record *
last_record (DdJournal *self)
{
  return g_ptr_array_index (self->records, self->records->len - 1);
}

/* An "end" record, last or followed only by the evaluation's records */
static gboolean
has_end_record (DdJournal *self)
{
  for (guint i = self->records->len; i > 1; i--)
    {
      const char *type = ((Record *) g_ptr_array_index (self->records, i - 1))->pub.type;

      if (strcmp (type, DD_JOURNAL_TYPE_END) == 0)
        return TRUE;
      if (!dd_journal_type_after_end (type))
        return FALSE;
    }
  return FALSE;
}

static void
set_failed (DdJournal *self,
            gboolean   failed)
{
  if (self->failed == failed)
    return;
  self->failed = failed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILED]);
}


/* The bytes of the first @n records, header included. */
static void
append_lines (DdJournal *self,
              guint      n,
              GString   *all)
{
  for (guint i = 0; i < n; i++)
    {
      Record *r = g_ptr_array_index (self->records, i);

      g_string_append_len (all, r->line, r->line_len);
    }
}

/* The error of a failed append, in words a person can act on: what
 * happened, up to which record the drill is saved, what is kept where. */
static void
set_write_error (DdJournal  *self,
                 guint64     seq,
                 int         saved,
                 GError    **error)
{
  if (saved == ENOSPC || saved == EDQUOT)
    g_set_error (error, DD_ERROR, DD_ERROR_IO,
                 _("%s: the disk is full: record %" PRIu64 " could not be saved (%s). "
                   "The drill is saved up to record %u; record %" PRIu64 " is kept in memory "
                   "and the journal will not write to this file again. Free some space or "
                   "save the drill to another disk."),
                 self->path, seq, g_strerror (saved), self->n_durable, seq);
  else if (saved == EFBIG)
    g_set_error (error, DD_ERROR, DD_ERROR_IO,
                 _("%s: the file has reached the largest size allowed: record %" PRIu64
                   " could not be saved (%s). The drill is saved up to record %u; record %"
                   PRIu64 " is kept in memory and the journal will not write to this file "
                   "again. Save the drill to another file."),
                 self->path, seq, g_strerror (saved), self->n_durable, seq);
  else
    g_set_error (error, DD_ERROR, DD_ERROR_IO,
                 _("%s: record %" PRIu64 " could not be saved: %s. The drill is saved up to "
                   "record %u; record %" PRIu64 " is kept in memory and the journal will not "
                   "write to this file again."),
                 self->path, seq, g_strerror (saved), self->n_durable, seq);
}

/* Public API */

DdJournal *
dd_journal_create (const char  *path,
                   JsonObject  *header,
                   GError     **error)
{
  g_autoptr(DdJournal) self = NULL;
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format_iso8601 (now);
  Record *r;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  json_object_set_string_member (body, "format", DD_JOURNAL_FORMAT);
  json_object_set_int_member (body, "version", DD_JOURNAL_VERSION);
  json_object_set_string_member (body, "created", created);
  if (header != NULL)
    {
      g_autoptr(GList) names = json_object_get_members (header);

      for (GList *l = names; l != NULL; l = l->next)
        if (!json_object_has_member (body, l->data))
          json_object_set_member (body, l->data,
                                  json_node_copy (json_object_get_member (header, l->data)));
    }

  r = build_record (0, DD_JOURNAL_TYPE_HEADER, ZERO_HASH, body, error);
  if (r == NULL)
    return NULL;

  self = g_object_new (DD_TYPE_JOURNAL, NULL);
  self->path = g_strdup (path);
  g_ptr_array_add (self->records, r);
  self->fd = create_file_with (path, r->line, r->line_len, error);
  if (self->fd < 0)
    return NULL;
  return g_steal_pointer (&self);
}

static gboolean
set_torn_tail_aside (const char         *path,
                     const char         *data,
                     gsize               len,
                     DdJournalRecovery  *recovery,
                     GError            **error)
{
  for (guint n = 1; n < 1000; n++)
    {
      g_autofree char *aside = g_strdup_printf ("%s.torn-%u", path, n);
      g_autoptr(GError) local = NULL;
      int fd;

      if (g_file_test (aside, G_FILE_TEST_EXISTS))
        continue;
      fd = create_file_with (aside, data, len, &local);
      if (fd < 0)
        {
          if (g_file_test (aside, G_FILE_TEST_EXISTS))
            continue;
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      dd_journal_io.close (fd);
      recovery->torn_path = g_steal_pointer (&aside);
      return TRUE;
    }
  g_set_error (error, DD_ERROR, DD_ERROR_IO,
               _("%s: too many torn tails set aside already"), path);
  return FALSE;
}

static DdJournal *
open_or_load (const char         *path,
              gboolean            writable,
              DdJournalRecovery  *recovery_out,
              GError            **error)
{
  g_autoptr(DdJournal) self = NULL;
  g_autofree char *data = NULL;
  DdJournalRecovery recovery = { 0 };
  gsize len = 0;
  Scan scan;
  int fd = -1;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  fd = dd_journal_open_regular (path, writable ? O_RDWR | O_APPEND : O_RDONLY, error);
  if (fd < 0)
    return NULL;
  if (writable && !lock_fd (fd, path, error))
    {
      dd_journal_io.close (fd);
      return NULL;
    }

  self = g_object_new (DD_TYPE_JOURNAL, NULL);
  self->path = g_strdup (path);
  self->fd = fd;
  self->read_only = !writable;

  if (!dd_journal_read_fd (fd, path, &data, &len, error))
    return NULL;
  if (!writable)
    {
      dd_journal_io.close (fd);
      self->fd = -1;
    }

  dd_journal_scan_data (data, len, &scan);

  if (scan.damage.kind != DD_JOURNAL_DAMAGE_NONE &&
      !(scan.tail_like && scan.records->len > 0))
    {
      GError *e = dd_journal_scan_error (path, &scan);

      if (scan.records->len == 0 && scan.tail_like)
        e->code = DD_ERROR_TORN;
      if (scan.records->len == 0)
        {
          /* Never resume, repair or set aside a file without a journal
           * header: it is not one DrillDesk made (or it was cut while it
           * was being created, before anything was confirmed). */
          char *message = g_strdup_printf (_("%s. This file has no intact journal header, so it is "
                                             "not a DrillDesk journal; it was left as it is"),
                                           e->message);
          g_free (e->message);
          e->message = message;
        }
      g_propagate_error (error, e);
      dd_journal_scan_clear (&scan);
      return NULL;
    }

  g_ptr_array_extend_and_steal (self->records, g_steal_pointer (&scan.records));
  scan.records = NULL;
  self->n_durable = self->records->len - 1;
  self->finished = has_end_record (self);
  recovery.n_records = self->records->len;

  if (scan.damage.kind != DD_JOURNAL_DAMAGE_NONE)
    {
      recovery.torn = TRUE;
      recovery.torn_offset = scan.good_len;
      recovery.torn_length = len - scan.good_len;

      if (writable)
        {
          if (!set_torn_tail_aside (path, data + scan.good_len, len - scan.good_len,
                                    &recovery, error))
            {
              dd_journal_scan_clear (&scan);
              dd_journal_recovery_clear (&recovery);
              return NULL;
            }
          if (dd_journal_io.ftruncate (fd, scan.good_len) != 0 || dd_journal_io.fsync (fd) != 0)
            {
              int saved = errno;

              g_set_error (error, DD_ERROR, DD_ERROR_IO,
                           _("%s: cannot cut the incomplete last record off the journal: %s"),
                           path, g_strerror (saved));
              dd_journal_scan_clear (&scan);
              dd_journal_recovery_clear (&recovery);
              return NULL;
            }
          recovery.message =
            g_strdup_printf (_("%s:%u: the last record was incomplete (%s); "
                               "the drill was probably interrupted while it was being written. "
                               "Its %zu bytes were set aside in %s and the drill "
                               "continues after record %u."),
                             path, scan.damage.line, scan.message, recovery.torn_length,
                             recovery.torn_path, self->records->len - 1);
        }
      else
        recovery.message =
          g_strdup_printf (_("%s:%u: the last record is incomplete (%s); "
                             "it is ignored."),
                           path, scan.damage.line, scan.message);
    }
  dd_journal_scan_clear (&scan);

  if (recovery_out != NULL)
    *recovery_out = recovery;
  else
    dd_journal_recovery_clear (&recovery);
  self->data = g_steal_pointer (&data);   /* the lines of its records */
  return g_steal_pointer (&self);
}

DdJournal *
dd_journal_open (const char         *path,
                 DdJournalRecovery  *recovery_out,
                 GError            **error)
{
  return open_or_load (path, TRUE, recovery_out, error);
}

DdJournal *
dd_journal_load_intact (const char       *path,
                        DdJournalDamage  *damage_out,
                        GError          **error)
{
  g_autoptr(DdJournal) self = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;
  Scan scan;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (damage_out != NULL)
    memset (damage_out, 0, sizeof *damage_out);
  if (!dd_journal_read_capped (path, &data, &len, error))
    return NULL;
  dd_journal_scan_data (data, len, &scan);
  if (damage_out != NULL)
    *damage_out = scan.damage;
  if (scan.records->len == 0)
    {
      GError *e = dd_journal_scan_error (path, &scan);

      g_set_error (error, DD_ERROR, e->code,
                   _("%s. This file has no intact journal header, so it is "
                     "not a DrillDesk journal; it was left as it is"), e->message);
      g_error_free (e);
      dd_journal_scan_clear (&scan);
      return NULL;
    }

  self = g_object_new (DD_TYPE_JOURNAL, NULL);
  self->path = g_strdup (path);
  self->read_only = TRUE;
  g_ptr_array_extend_and_steal (self->records, g_steal_pointer (&scan.records));
  self->n_durable = self->records->len - 1;
  self->finished = has_end_record (self);
  dd_journal_scan_clear (&scan);
  self->data = g_steal_pointer (&data);   /* the lines of its records */
  return g_steal_pointer (&self);
}

gboolean
dd_journal_save_copy (DdJournal   *self,
                      const char  *copy_path,
                      GError     **error)
{
  g_autoptr(GString) all = g_string_new (NULL);
  int fd;

  g_return_val_if_fail (DD_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (copy_path != NULL, FALSE);

  append_lines (self, self->n_durable + 1, all);
  fd = create_file_with (copy_path, all->str, all->len, error);
  if (fd < 0)
    return FALSE;
  dd_journal_io.close (fd);
  return TRUE;
}


DdJournal *
dd_journal_load (const char         *path,
                 DdJournalRecovery  *recovery_out,
                 GError            **error)
{
  return open_or_load (path, FALSE, recovery_out, error);
}

gboolean
dd_journal_append (DdJournal   *self,
                   const char  *type,
                   JsonObject  *body,
                   GError     **error)
{
  Record *r;
  int saved = 0;

  g_return_val_if_fail (DD_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (type != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->read_only)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_STATE,
                   _("%s: the journal was opened read-only"), self->path);
      return FALSE;
    }
  if (self->finished && !dd_journal_type_after_end (type))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_STATE,
                   _("%s: the drill is finished; nothing more can be journalled"), self->path);
      return FALSE;
    }
  if (!dd_journal_is_valid_type (type) || strcmp (type, DD_JOURNAL_TYPE_HEADER) == 0)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID,
                   _("\"%s\" is not a journal record type"), type);
      return FALSE;
    }

  r = build_record (self->records->len, type, last_record (self)->hash, body, error);
  if (r == NULL)
    return FALSE;

  if (self->failed)
    {
      g_ptr_array_add (self->records, r);
      g_set_error (error, DD_ERROR, DD_ERROR_IO,
                   _("%s: not written because of the earlier write error; record %"
                     PRIu64 " is kept in memory (%u records unsaved)"),
                   self->path, r->pub.seq, dd_journal_get_n_pending (self));
      return FALSE;
    }

  if (!write_all (self->fd, r->line, r->line_len, &saved) ||
      (dd_journal_io.fdatasync (self->fd) != 0 && (saved = errno, TRUE)))
    {
      /* Never retry on this file: a retried fsync can falsely succeed. */
      g_ptr_array_add (self->records, r);
      set_failed (self, TRUE);
      set_write_error (self, r->pub.seq, saved, error);
      return FALSE;
    }

  g_ptr_array_add (self->records, r);
  self->n_durable++;
  if (strcmp (type, DD_JOURNAL_TYPE_END) == 0)
    self->finished = TRUE;
  return TRUE;
}

gboolean
dd_journal_finish (DdJournal   *self,
                   JsonObject  *body,
                   GError     **error)
{
  return dd_journal_append (self, DD_JOURNAL_TYPE_END, body, error);
}

gboolean
dd_journal_relocate (DdJournal   *self,
                     const char  *new_path,
                     GError     **error)
{
  g_autoptr(GString) all = g_string_new (NULL);
  int fd;

  g_return_val_if_fail (DD_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (new_path != NULL, FALSE);

  if (self->read_only)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_STATE,
                   _("%s: the journal was opened read-only"), self->path);
      return FALSE;
    }

  append_lines (self, self->records->len, all);
  fd = create_file_with (new_path, all->str, all->len, error);
  if (fd < 0)
    return FALSE;

  if (self->fd >= 0)
    dd_journal_io.close (self->fd);
  self->fd = fd;
  g_free (self->path);
  self->path = g_strdup (new_path);
  self->n_durable = self->records->len - 1;
  self->finished = has_end_record (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
  set_failed (self, FALSE);
  return TRUE;
}

const char *
dd_journal_get_path (DdJournal *self)
{
  g_return_val_if_fail (DD_IS_JOURNAL (self), NULL);
  return self->path;
}

JsonObject *
dd_journal_get_header (DdJournal *self)
{
  g_return_val_if_fail (DD_IS_JOURNAL (self), NULL);
  return ((Record *) g_ptr_array_index (self->records, 0))->pub.body;
}

guint
dd_journal_get_n_records (DdJournal *self)
{
  g_return_val_if_fail (DD_IS_JOURNAL (self), 0);
  return self->records->len - 1;
}

const DdJournalRecord *
dd_journal_get_record (DdJournal *self,
                       guint      i)
{
  Record *r;

  g_return_val_if_fail (DD_IS_JOURNAL (self), NULL);
  g_return_val_if_fail (i + 1 < self->records->len, NULL);

  /* Bodies are built when first asked for: reading a journal checks every
   * line in full but keeps only the lines, so listing drills or checking a
   * journal costs no JSON objects. Safe if two threads ask at once. */
  r = g_ptr_array_index (self->records, i + 1);
  if (g_atomic_pointer_get (&r->pub.body) == NULL)
    {
      JsonObject *body = dd_journal_line_body (r->line, r->line_len - 1, r->hash);

      if (body == NULL)
        body = json_object_new ();   /* not reached: the line was checked */
      if (!g_atomic_pointer_compare_and_exchange (&r->pub.body, NULL, body))
        json_object_unref (body);
    }
  return &r->pub;
}

guint
dd_journal_get_n_durable (DdJournal *self)
{
  g_return_val_if_fail (DD_IS_JOURNAL (self), 0);
  return self->n_durable;
}

guint
dd_journal_get_n_pending (DdJournal *self)
{
  g_return_val_if_fail (DD_IS_JOURNAL (self), 0);
  return self->records->len - 1 - self->n_durable;
}

gboolean
dd_journal_is_failed (DdJournal *self)
{
  g_return_val_if_fail (DD_IS_JOURNAL (self), FALSE);
  return self->failed;
}

gboolean
dd_journal_is_finished (DdJournal *self)
{
  g_return_val_if_fail (DD_IS_JOURNAL (self), FALSE);
  return self->finished;
}

gboolean
dd_journal_is_read_only (DdJournal *self)
{
  g_return_val_if_fail (DD_IS_JOURNAL (self), FALSE);
  return self->read_only;
}

const char *
dd_journal_get_head_hash (DdJournal *self)
{
  g_return_val_if_fail (DD_IS_JOURNAL (self), NULL);
  return last_record (self)->hash;
}
