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
#include "config.h"

#include <inttypes.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "dd-error.h"
#include "dd-journal.h"

#define HASH_LEN      64
#define SUM_PREFIX    ",\"sum\":\""
#define SUM_SUFFIX_LEN (sizeof SUM_PREFIX - 1 + HASH_LEN + 2)   /* ,"sum":"…"} */
#define ZERO_HASH     "0000000000000000000000000000000000000000000000000000000000000000"
#define MAX_TYPE_LEN  64

typedef struct
{
  DdJournalRecord pub;
  char           *type;
  char           *prev;
  char           *hash;
  char           *line;      /* the exact bytes on disk, newline included */
  gsize           line_len;
} Record;

struct _DdJournal
{
  GObject    parent_instance;

  char      *path;
  int        fd;
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

static DdJournalIo io = {
  real_open, write, fsync, fdatasync, ftruncate, close,
};

void
dd_journal_set_io_for_testing (const DdJournalIo *table)
{
  io = table != NULL ? *table : real_io;
}

/* Records */

static void
record_free (gpointer data)
{
  Record *r = data;

  g_free (r->type);
  g_free (r->prev);
  g_free (r->hash);
  g_free (r->line);
  g_clear_pointer (&r->pub.body, json_object_unref);
  g_free (r);
}

static gboolean
is_hex_hash (const char *s,
             gsize       len)
{
  if (len != HASH_LEN)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
      return FALSE;
  return TRUE;
}

static gboolean
is_hex_string (const char *s)
{
  return is_hex_hash (s, strlen (s));
}

static gboolean
is_valid_type (const char *type)
{
  gsize len = strlen (type);

  if (len == 0 || len > MAX_TYPE_LEN || !g_ascii_islower (type[0]))
    return FALSE;
  for (gsize i = 1; i < len; i++)
    if (!g_ascii_islower (type[i]) && !g_ascii_isdigit (type[i]) && type[i] != '-')
      return FALSE;
  return TRUE;
}

static char *
sha256_hex (const char *data,
            gsize       len)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
}

/* 1-based column of the first occurrence of "member" in the line. */
static guint
member_column (const char *line,
               gsize       len,
               const char *member)
{
  g_autofree char *key = g_strdup_printf ("\"%s\"", member);
  const char *hit = g_strstr_len (line, len, key);

  return hit != NULL ? (guint) (hit - line) + 1 : 1;
}

/* Outcome of parsing one line. */
typedef struct
{
  DdJournalDamageKind kind;    /* NONE, CHANGED or MALFORMED */
  guint               column;
  gboolean            checksum; /* the line failed its checksum (or has none) */
  char               *what;    /* the message after "record N " */
} LineProblem;

static Record *
parse_line (const char  *line,
            gsize        len,
            LineProblem *problem)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *sum = NULL;
  g_autoptr(GDateTime) when = NULL;
  const char *suffix;
  JsonNode *root;
  JsonObject *obj;
  JsonNode *node;
  Record *r;
  static const char *const members[] = { "seq", "type", "time", "prev", "body", "sum" };
  gint64 seq;
  const char *type, *prev;

  problem->kind = DD_JOURNAL_DAMAGE_NONE;
  problem->column = 1;
  problem->checksum = TRUE;

  /* The checksum first: any change of any byte shows here. */
  suffix = len >= SUM_SUFFIX_LEN + 2 ? line + len - SUM_SUFFIX_LEN : line;
  if (len < SUM_SUFFIX_LEN + 2 ||
      memcmp (suffix, SUM_PREFIX, sizeof SUM_PREFIX - 1) != 0 ||
      !is_hex_hash (suffix + sizeof SUM_PREFIX - 1, HASH_LEN) ||
      memcmp (line + len - 2, "\"}", 2) != 0)
    {
      problem->kind = DD_JOURNAL_DAMAGE_MALFORMED;
      problem->column = len >= SUM_SUFFIX_LEN ? (guint) (len - SUM_SUFFIX_LEN) + 1 : 1;
      problem->what = g_strdup (_("does not end in its checksum (,\"sum\":\"<64 hex digits>\"})"));
      return NULL;
    }

  sum = sha256_hex (line, len - SUM_SUFFIX_LEN);
  if (memcmp (sum, suffix + sizeof SUM_PREFIX - 1, HASH_LEN) != 0)
    {
      problem->kind = DD_JOURNAL_DAMAGE_CHANGED;
      problem->column = 1;
      problem->what = g_strdup (_("was changed: its bytes do not match its checksum"));
      return NULL;
    }

  /* The checksum holds: from here on, a problem means the line was written
   * that way (by another program), so it is malformed. */
  problem->kind = DD_JOURNAL_DAMAGE_MALFORMED;
  problem->checksum = FALSE;

  if (!g_utf8_validate_len (line, len, NULL))
    {
      problem->what = g_strdup (_("is not valid UTF-8"));
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, line, len, &local))
    {
      int l = 0, c = 0, consumed = 0;
      const char *msg = local->message;

      if (sscanf (msg, "<data>:%d:%d: %n", &l, &c, &consumed) >= 2 && consumed > 0)
        {
          msg += consumed;
          problem->column = c > 0 ? (guint) c : 1;
        }
      problem->what = g_strdup_printf (_("is not valid JSON: %s"), msg);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      problem->what = g_strdup (_("is not a JSON object"));
      return NULL;
    }
  obj = json_node_get_object (root);

  for (gsize i = 0; i < G_N_ELEMENTS (members); i++)
    if (!json_object_has_member (obj, members[i]))
      {
        problem->what = g_strdup_printf (_("lacks the member \"%s\""), members[i]);
        return NULL;
      }
  if (json_object_get_size (obj) != G_N_ELEMENTS (members))
    {
      g_autoptr(GList) names = json_object_get_members (obj);

      for (GList *l = names; l != NULL; l = l->next)
        {
          gboolean known = FALSE;

          for (gsize i = 0; i < G_N_ELEMENTS (members); i++)
            known |= strcmp (l->data, members[i]) == 0;
          if (!known)
            {
              problem->column = member_column (line, len, l->data);
              problem->what = g_strdup_printf (_("has an unknown member \"%s\""),
                                               (const char *) l->data);
              return NULL;
            }
        }
    }

  node = json_object_get_member (obj, "seq");
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      (seq = json_node_get_int (node)) < 0)
    {
      problem->column = member_column (line, len, "seq");
      problem->what = g_strdup (_("has a \"seq\" that is not a whole number ≥ 0"));
      return NULL;
    }

  node = json_object_get_member (obj, "type");
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      !is_valid_type (type = json_node_get_string (node)))
    {
      problem->column = member_column (line, len, "type");
      problem->what = g_strdup (_("has a \"type\" that is not a name like \"action\" ([a-z][a-z0-9-]*)"));
      return NULL;
    }

  node = json_object_get_member (obj, "time");
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      (when = g_date_time_new_from_iso8601 (json_node_get_string (node), NULL)) == NULL)
    {
      problem->column = member_column (line, len, "time");
      problem->what = g_strdup (_("has a \"time\" that is not an ISO 8601 date and time with a time zone"));
      return NULL;
    }

  node = json_object_get_member (obj, "prev");
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      !is_hex_string (prev = json_node_get_string (node)))
    {
      problem->column = member_column (line, len, "prev");
      problem->what = g_strdup (_("has a \"prev\" that is not 64 lowercase hex digits"));
      return NULL;
    }

  node = json_object_get_member (obj, "body");
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      problem->column = member_column (line, len, "body");
      problem->what = g_strdup (_("has a \"body\" that is not a JSON object"));
      return NULL;
    }

  node = json_object_get_member (obj, "sum");
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      strcmp (json_node_get_string (node), sum) != 0)
    {
      problem->column = member_column (line, len, "sum");
      problem->what = g_strdup (_("has a \"sum\" member that is not its checksum"));
      return NULL;
    }

  problem->kind = DD_JOURNAL_DAMAGE_NONE;
  r = g_new0 (Record, 1);
  r->type = g_strdup (type);
  r->prev = g_strdup (prev);
  r->hash = g_steal_pointer (&sum);
  r->pub.seq = (guint64) seq;
  r->pub.type = r->type;
  r->pub.prev = r->prev;
  r->pub.hash = r->hash;
  r->pub.time_us = g_date_time_to_unix (when) * G_USEC_PER_SEC + g_date_time_get_microsecond (when);
  r->pub.body = json_object_ref (json_object_get_object_member (obj, "body"));
  return r;
}

/* Header checks beyond the record format. */
static char *
check_header (Record *r)
{
  JsonObject *body = r->pub.body;
  JsonNode *node;

  if (strcmp (r->type, DD_JOURNAL_TYPE_HEADER) != 0)
    return g_strdup_printf (_("is of type \"%s\", expected the header"), r->type);

  node = json_object_get_member (body, "format");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING ||
      strcmp (json_node_get_string (node), DD_JOURNAL_FORMAT) != 0)
    return g_strdup_printf (_("is not a DrillDesk journal header (\"format\" must be \"%s\")"),
                            DD_JOURNAL_FORMAT);

  node = json_object_get_member (body, "version");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < 1)
    return g_strdup (_("has no valid \"version\""));
  if (json_node_get_int (node) > DD_JOURNAL_VERSION)
    return g_strdup_printf (_("is of format version %" PRId64
                              ", newer than this program reads (%d)"),
                            json_node_get_int (node), DD_JOURNAL_VERSION);
  return NULL;
}

/* Scanning a whole file */

typedef struct
{
  GPtrArray          *records;     /* the good ones */
  gsize               good_len;    /* bytes of the good lines */
  DdJournalDamage     damage;
  char               *message;     /* set when damage.kind != NONE */
  gboolean            last_line;   /* the damage is at the file's last line */
  gboolean            tail_like;   /* … and is a torn or unreadable last line */
} Scan;

static void
scan_clear (Scan *scan)
{
  g_clear_pointer (&scan->records, g_ptr_array_unref);
  g_clear_pointer (&scan->message, g_free);
}

static const char *
find_newline (const char *p,
              const char *end)
{
  return memchr (p, '\n', end - p);
}

static void
scan_damage (Scan               *scan,
             DdJournalDamageKind kind,
             guint64             seq,
             guint               line,
             guint               column,
             char               *message)
{
  scan->damage.kind = kind;
  scan->damage.seq = seq;
  scan->damage.line = line;
  scan->damage.column = column;
  scan->message = message;
}

static void
scan_data (const char *data,
           gsize       len,
           Scan       *scan)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();   /* Record*, owned until kept */
  g_autoptr(GArray) lens = g_array_new (FALSE, FALSE, sizeof (gsize));
  const char *p = data, *end = data + len;
  gboolean bad = FALSE;
  guint n_good = 0;
  LineProblem problem = { 0 };

  memset (scan, 0, sizeof *scan);
  scan->records = g_ptr_array_new_with_free_func (record_free);

  if (len == 0)
    {
      scan_damage (scan, DD_JOURNAL_DAMAGE_TORN_TAIL, 0, 1, 1,
                   g_strdup (_("record 0 is missing: the journal is empty "
                               "(it was cut while being created)")));
      scan->last_line = scan->tail_like = TRUE;
      return;
    }

  /* Parse every complete line (all of them, so that "reordered" can look
   * ahead), stopping at the first unreadable one. */
  while (p < end)
    {
      const char *nl = find_newline (p, end);
      gsize line_len = (nl != NULL ? nl : end) - p;
      gsize full_len;
      Record *r;

      if (nl == NULL)
        {
          /* No newline: a torn tail, whatever its bytes. */
          bad = TRUE;
          problem.kind = DD_JOURNAL_DAMAGE_TORN_TAIL;
          problem.column = 1;
          problem.checksum = TRUE;
          problem.what = g_strdup_printf (_("is incomplete (%zu"
                                            " bytes without an end of line): its write was cut"),
                                          line_len);
          break;
        }
      if (line_len > DD_JOURNAL_MAX_LINE)
        {
          bad = TRUE;
          problem.kind = DD_JOURNAL_DAMAGE_MALFORMED;
          problem.column = 1;
          problem.what = g_strdup_printf (_("is longer than %d bytes"), DD_JOURNAL_MAX_LINE);
          break;
        }
      r = parse_line (p, line_len, &problem);
      if (r == NULL)
        {
          bad = TRUE;
          break;
        }
      r->line = g_memdup2 (p, line_len + 1);
      r->line_len = line_len + 1;
      g_ptr_array_add (lines, r);
      full_len = line_len + 1;
      g_array_append_val (lens, full_len);
      p = nl + 1;
    }

  /* Walk the chain over the readable lines. */
  for (guint i = 0; i < lines->len; i++)
    {
      Record *r = g_ptr_array_index (lines, i);
      guint64 expect = i;
      const char *expect_prev = i == 0 ? ZERO_HASH : ((Record *) g_ptr_array_index (lines, i - 1))->hash;
      g_autofree char *header_problem = NULL;

      if (r->pub.seq != expect)
        {
          gboolean later = FALSE;

          for (guint j = i + 1; j < lines->len && !later; j++)
            later = ((Record *) g_ptr_array_index (lines, j))->pub.seq == expect;

          if (!later && r->pub.seq > expect)
            scan_damage (scan, DD_JOURNAL_DAMAGE_REMOVED, expect, i + 1,
                         member_column (r->line, r->line_len, "seq"),
                         r->pub.seq == expect + 1
                         ? g_strdup_printf (_("record %" PRIu64 " was removed: "
                                              "record %" PRIu64 " stands in its place"),
                                            expect, r->pub.seq)
                         : g_strdup_printf (_("records %" PRIu64 " to %" PRIu64
                                              " were removed: record %" PRIu64
                                              " stands in the place of record %" PRIu64),
                                            expect, r->pub.seq - 1, r->pub.seq, expect));
          else
            scan_damage (scan, DD_JOURNAL_DAMAGE_REORDERED, expect, i + 1,
                         member_column (r->line, r->line_len, "seq"),
                         g_strdup_printf (_("record %" PRIu64 " is out of order: "
                                            "record %" PRIu64 " stands in its place"),
                                          expect, r->pub.seq));
          break;
        }

      if (strcmp (r->prev, expect_prev) != 0)
        {
          if (i == 0)
            scan_damage (scan, DD_JOURNAL_DAMAGE_CHANGED, 0, 1,
                         member_column (r->line, r->line_len, "prev"),
                         g_strdup (_("record 0 was changed: the header's \"prev\" is not all zeros")));
          else
            scan_damage (scan, DD_JOURNAL_DAMAGE_CHANGED, expect - 1, i, 1,
                         g_strdup_printf (_("record %" PRIu64 " was changed or replaced: "
                                            "record %" PRIu64 " does not chain to it "
                                            "(its \"prev\" differs from the checksum)"),
                                          expect - 1, expect));
          break;
        }

      if (i == 0)
        header_problem = check_header (r);
      else if (strcmp (r->type, DD_JOURNAL_TYPE_HEADER) == 0)
        header_problem = g_strdup (_("is a second header"));
      else if (strcmp (((Record *) g_ptr_array_index (lines, i - 1))->type,
                       DD_JOURNAL_TYPE_END) == 0)
        header_problem = g_strdup (_("comes after the end record"));
      if (header_problem != NULL)
        {
          scan_damage (scan, DD_JOURNAL_DAMAGE_MALFORMED, expect, i + 1,
                       member_column (r->line, r->line_len, "type"),
                       g_strdup_printf (_("record %" PRIu64 " %s"), expect, header_problem));
          break;
        }

      n_good++;
      scan->good_len += g_array_index (lens, gsize, i);
    }

  for (guint i = 0; i < lines->len; i++)
    {
      if (i < n_good)
        g_ptr_array_add (scan->records, g_ptr_array_index (lines, i));
      else
        record_free (g_ptr_array_index (lines, i));
    }

  if (scan->damage.kind == DD_JOURNAL_DAMAGE_NONE && bad)
    {
      const char *bad_start = data + scan->good_len;
      const char *nl = find_newline (bad_start, end);
      guint64 seq = n_good;

      scan_damage (scan, problem.kind, seq, n_good + 1, problem.column,
                   g_strdup_printf (_("record %" PRIu64 " %s"), seq, problem.what));
      scan->last_line = nl == NULL || nl + 1 == end;
      /* Only a line cut short is a torn write; a complete line that fails
       * its checksum was changed after it was written. */
      scan->tail_like = problem.kind == DD_JOURNAL_DAMAGE_TORN_TAIL;
    }
  g_free (problem.what);

  scan->damage.n_good = n_good;
  if (n_good > 0)
    memcpy (scan->damage.head,
            ((Record *) g_ptr_array_index (scan->records, n_good - 1))->hash,
            HASH_LEN + 1);
}

static GError *
scan_error (const char *path,
            Scan       *scan)
{
  int code;

  switch (scan->damage.kind)
    {
    case DD_JOURNAL_DAMAGE_TORN_TAIL:
      code = DD_ERROR_TORN;
      break;
    case DD_JOURNAL_DAMAGE_MALFORMED:
      code = DD_ERROR_MALFORMED;
      break;
    case DD_JOURNAL_DAMAGE_NONE:
    case DD_JOURNAL_DAMAGE_CHANGED:
    case DD_JOURNAL_DAMAGE_REMOVED:
    case DD_JOURNAL_DAMAGE_REORDERED:
    default:
      code = DD_ERROR_CORRUPT;
      break;
    }
  return g_error_new (DD_ERROR, code, "%s:%u:%u: %s", path,
                      scan->damage.line, scan->damage.column, scan->message);
}

static gboolean
read_capped (const char  *path,
             char       **data_out,
             gsize       *len_out,
             GError     **error)
{
  g_autoptr(GError) local = NULL;
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;

      g_set_error (error, DD_ERROR, DD_ERROR_IO, "%s: %s", path, g_strerror (saved));
      return FALSE;
    }
  if (st.st_size > DD_JOURNAL_MAX_FILE)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_TOO_LARGE,
                   _("%s: the journal is larger than %d MiB"), path, DD_JOURNAL_MAX_FILE >> 20);
      return FALSE;
    }
  if (!g_file_get_contents (path, data_out, len_out, &local))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_IO, "%s", local->message);
      return FALSE;
    }
  if (*len_out > DD_JOURNAL_MAX_FILE)
    {
      g_clear_pointer (data_out, g_free);
      g_set_error (error, DD_ERROR, DD_ERROR_TOO_LARGE,
                   _("%s: the journal is larger than %d MiB"), path, DD_JOURNAL_MAX_FILE >> 20);
      return FALSE;
    }
  return TRUE;
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
      ssize_t n = io.write (fd, buf + done, len - done);

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
  int fd = io.open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  int saved;

  if (fd < 0)
    {
      saved = errno;
      g_set_error (error, DD_ERROR, DD_ERROR_IO, _("%s: cannot open the folder to sync it: %s"),
                   dir, g_strerror (saved));
      return FALSE;
    }
  if (io.fsync (fd) != 0)
    {
      saved = errno;
      io.close (fd);
      g_set_error (error, DD_ERROR, DD_ERROR_IO, _("%s: cannot sync the folder: %s"),
                   dir, g_strerror (saved));
      return FALSE;
    }
  io.close (fd);
  return TRUE;
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

/* Creates @path exclusively with @len bytes, synced with its folder. On
 * failure the half-written file is removed. Returns the fd (locked). */
static int
create_file_with (const char  *path,
                  const char  *data,
                  gsize        len,
                  GError     **error)
{
  int fd = io.open (path, O_CREAT | O_EXCL | O_WRONLY | O_APPEND | O_CLOEXEC, 0600);
  int saved = 0;

  if (fd < 0)
    {
      saved = errno;
      g_set_error (error, DD_ERROR, DD_ERROR_IO, _("%s: cannot create the journal: %s"),
                   path, g_strerror (saved));
      return -1;
    }
  if (!lock_fd (fd, path, error))
    {
      io.close (fd);
      return -1;
    }
  if (!write_all (fd, data, len, &saved) || (io.fsync (fd) != 0 && (saved = errno, TRUE)))
    {
      io.close (fd);
      g_unlink (path);
      g_set_error (error, DD_ERROR, DD_ERROR_IO, _("%s: cannot write the journal: %s"),
                   path, g_strerror (saved));
      return -1;
    }
  if (!sync_folder (path, error))
    {
      io.close (fd);
      g_unlink (path);
      return -1;
    }
  return fd;
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
  sum = sha256_hex (line->str, line->len);
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
  r = parse_line (line->str, line->len, &problem);
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
  return r;
}

/* GObject */

static void
dd_journal_finalize (GObject *object)
{
  DdJournal *self = DD_JOURNAL (object);

  if (self->fd >= 0)
    io.close (self->fd);
  g_clear_pointer (&self->records, g_ptr_array_unref);
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
  self->records = g_ptr_array_new_with_free_func (record_free);
}

static Record *
last_record (DdJournal *self)
{
  return g_ptr_array_index (self->records, self->records->len - 1);
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

/* Public API */

void
dd_journal_recovery_clear (DdJournalRecovery *recovery)
{
  if (recovery == NULL)
    return;
  g_clear_pointer (&recovery->torn_path, g_free);
  g_clear_pointer (&recovery->message, g_free);
  memset (recovery, 0, sizeof *recovery);
}

const char *
dd_journal_damage_kind_to_string (DdJournalDamageKind kind)
{
  switch (kind)
    {
    case DD_JOURNAL_DAMAGE_NONE:
      return "none";
    case DD_JOURNAL_DAMAGE_CHANGED:
      return "changed";
    case DD_JOURNAL_DAMAGE_REMOVED:
      return "removed";
    case DD_JOURNAL_DAMAGE_REORDERED:
      return "reordered";
    case DD_JOURNAL_DAMAGE_TORN_TAIL:
      return "torn-tail";
    case DD_JOURNAL_DAMAGE_MALFORMED:
      return "malformed";
    default:
      return "unknown";
    }
}

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
      io.close (fd);
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

  if (writable)
    {
      fd = io.open (path, O_RDWR | O_APPEND | O_CLOEXEC, 0);
      if (fd < 0)
        {
          int saved = errno;

          g_set_error (error, DD_ERROR, DD_ERROR_IO, _("%s: cannot open the journal: %s"),
                       path, g_strerror (saved));
          return NULL;
        }
      if (!lock_fd (fd, path, error))
        {
          io.close (fd);
          return NULL;
        }
    }

  self = g_object_new (DD_TYPE_JOURNAL, NULL);
  self->path = g_strdup (path);
  self->fd = fd;
  self->read_only = !writable;

  if (!read_capped (path, &data, &len, error))
    return NULL;

  scan_data (data, len, &scan);

  if (scan.damage.kind != DD_JOURNAL_DAMAGE_NONE &&
      !(scan.tail_like && scan.records->len > 0))
    {
      GError *e = scan_error (path, &scan);

      if (scan.records->len == 0 && scan.tail_like)
        e->code = DD_ERROR_TORN;
      g_propagate_error (error, e);
      scan_clear (&scan);
      return NULL;
    }

  g_ptr_array_extend_and_steal (self->records, g_steal_pointer (&scan.records));
  scan.records = NULL;
  self->n_durable = self->records->len - 1;
  self->finished = self->records->len > 1 &&
                   strcmp (last_record (self)->type, DD_JOURNAL_TYPE_END) == 0;
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
              scan_clear (&scan);
              dd_journal_recovery_clear (&recovery);
              return NULL;
            }
          if (io.ftruncate (fd, scan.good_len) != 0 || io.fsync (fd) != 0)
            {
              int saved = errno;

              g_set_error (error, DD_ERROR, DD_ERROR_IO,
                           _("%s: cannot cut the incomplete last record off the journal: %s"),
                           path, g_strerror (saved));
              scan_clear (&scan);
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
  scan_clear (&scan);

  if (recovery_out != NULL)
    *recovery_out = recovery;
  else
    dd_journal_recovery_clear (&recovery);
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
  if (self->finished)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_STATE,
                   _("%s: the drill is finished; nothing more can be journalled"), self->path);
      return FALSE;
    }
  if (!is_valid_type (type) || strcmp (type, DD_JOURNAL_TYPE_HEADER) == 0)
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
      (io.fdatasync (self->fd) != 0 && (saved = errno, TRUE)))
    {
      /* Never retry on this file: a retried fsync can falsely succeed. */
      g_ptr_array_add (self->records, r);
      set_failed (self, TRUE);
      g_set_error (error, DD_ERROR, DD_ERROR_IO,
                   _("%s: record %" PRIu64 " could not be saved: %s. "
                     "It is kept in memory; the journal will not write to this file again."),
                   self->path, r->pub.seq, g_strerror (saved));
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

  for (guint i = 0; i < self->records->len; i++)
    {
      Record *r = g_ptr_array_index (self->records, i);

      g_string_append_len (all, r->line, r->line_len);
    }
  fd = create_file_with (new_path, all->str, all->len, error);
  if (fd < 0)
    return FALSE;

  if (self->fd >= 0)
    io.close (self->fd);
  self->fd = fd;
  g_free (self->path);
  self->path = g_strdup (new_path);
  self->n_durable = self->records->len - 1;
  self->finished = self->records->len > 1 &&
                   strcmp (last_record (self)->type, DD_JOURNAL_TYPE_END) == 0;
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
  g_return_val_if_fail (DD_IS_JOURNAL (self), NULL);
  g_return_val_if_fail (i + 1 < self->records->len, NULL);
  return &((Record *) g_ptr_array_index (self->records, i + 1))->pub;
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

gboolean
dd_journal_verify_file (const char       *path,
                        DdJournalDamage  *damage_out,
                        GError          **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  Scan scan;
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);

  if (damage_out != NULL)
    memset (damage_out, 0, sizeof *damage_out);
  if (!read_capped (path, &data, &len, error))
    {
      if (damage_out != NULL)
        damage_out->kind = DD_JOURNAL_DAMAGE_MALFORMED;
      return FALSE;
    }

  scan_data (data, len, &scan);
  ok = scan.damage.kind == DD_JOURNAL_DAMAGE_NONE;
  if (!ok)
    g_propagate_error (error, scan_error (path, &scan));
  if (damage_out != NULL)
    *damage_out = scan.damage;
  scan_clear (&scan);
  return ok;
}

char *
dd_journal_sha256_file (const char  *path,
                        GError     **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &data, &len, &local))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_IO, "%s", local->message);
      return NULL;
    }
  return sha256_hex (data, len);
}

gboolean
dd_journal_header_add_source (JsonObject  *header,
                              const char  *member,
                              const char  *id,
                              const char  *title,
                              const char  *path,
                              GError     **error)
{
  g_autoptr(JsonObject) source = json_object_new ();
  g_autofree char *sum = NULL;
  g_autofree char *base = NULL;

  g_return_val_if_fail (header != NULL && member != NULL && path != NULL, FALSE);

  sum = dd_journal_sha256_file (path, error);
  if (sum == NULL)
    return FALSE;
  base = g_path_get_basename (path);
  json_object_set_string_member (source, "id", id != NULL ? id : "");
  json_object_set_string_member (source, "title", title != NULL ? title : "");
  json_object_set_string_member (source, "file", base);
  json_object_set_string_member (source, "sha256", sum);
  json_object_set_object_member (header, member, g_steal_pointer (&source));
  return TRUE;
}
