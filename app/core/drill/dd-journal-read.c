/* dd-journal-read.c — reading and verifying a drill journal
 *
 * The format and what the checks tell apart are described at the top of
 * dd-journal.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "dd-error.h"
#include "dd-journal-private.h"
#include "dd-sha256.h"

/* Records */

void
dd_journal_record_free (gpointer data)
{
  Record *r = data;

  if (r->owns_line)
    g_free ((char *) r->line);
  g_clear_pointer (&r->pub.body, json_object_unref);
  g_free (r);
}

/* Lowercase hex digits; every line holds two hashes of 64. */
static const guint8 lower_hex[256] = {
  ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1,
  ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
  ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
};

gboolean
dd_journal_is_hex_hash (const char *s,
                        gsize       len)
{
  guint8 all = 1;

  if (len != HASH_LEN)
    return FALSE;
  for (gsize i = 0; i < HASH_LEN; i++)
    all &= lower_hex[(guchar) s[i]];
  return all != 0;
}

gboolean
dd_journal_is_valid_type (const char *type)
{
  gsize len = strlen (type);

  if (len == 0 || len > MAX_TYPE_LEN || !g_ascii_islower (type[0]))
    return FALSE;
  for (gsize i = 1; i < len; i++)
    if (!g_ascii_islower (type[i]) && !g_ascii_isdigit (type[i]) && type[i] != '-')
      return FALSE;
  return TRUE;
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

void
dd_journal_scan_clear (Scan *scan)
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

void
dd_journal_scan_data (const char *data,
                      gsize       len,
                      Scan       *scan)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();   /* Record*, owned until kept */
  g_autoptr(GArray) lens = g_array_new (FALSE, FALSE, sizeof (gsize));
  const char *p = data, *end = data + len;
  gboolean bad = FALSE;
  gboolean seen_end;
  guint n_good = 0;
  LineProblem problem = { 0 };

  memset (scan, 0, sizeof *scan);
  scan->records = g_ptr_array_new_with_free_func (dd_journal_record_free);

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
      /* Only the header's body is built (it is checked below); the
       * others are checked in full and built when asked for. */
      r = dd_journal_parse_line (p, line_len, lines->len == 0, &problem);
      if (r == NULL)
        {
          bad = TRUE;
          break;
        }
      r->line = p;   /* in @data, which outlives the records */
      r->line_len = line_len + 1;
      g_ptr_array_add (lines, r);
      full_len = line_len + 1;
      g_array_append_val (lens, full_len);
      p = nl + 1;
    }

  /* Walk the chain over the readable lines. */
  seen_end = FALSE;
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
      else if (seen_end && !dd_journal_type_after_end (r->type))
        header_problem = g_strdup (_("comes after the end record"));
      if (i > 0 && strcmp (r->type, DD_JOURNAL_TYPE_END) == 0)
        {
          if (seen_end)
            header_problem = g_strdup (_("is a second end record"));
          seen_end = TRUE;
        }
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
        dd_journal_record_free (g_ptr_array_index (lines, i));
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

GError *
dd_journal_scan_error (const char *path,
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

/* What a file that is not a regular one is, for the message. */
static const char *
file_kind (mode_t mode)
{
  if (S_ISDIR (mode))
    return _("a folder");
  if (S_ISFIFO (mode))
    return _("a pipe (FIFO)");
  if (S_ISCHR (mode) || S_ISBLK (mode))
    return _("a device");
  if (S_ISSOCK (mode))
    return _("a socket");
  return _("not a regular file");
}

gboolean
dd_journal_check_regular (int          fd,
                          const char  *path,
                          gsize       *size_out,
                          GError     **error)
{
  struct stat st;

  if (fstat (fd, &st) != 0)
    {
      int saved = errno;

      g_set_error (error, DD_ERROR, DD_ERROR_IO, "%s: %s", path, g_strerror (saved));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_IO,
                   _("%s: is %s, not a journal file; a journal is a regular file"),
                   path, file_kind (st.st_mode));
      return FALSE;
    }
  if (st.st_size > DD_JOURNAL_MAX_FILE)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_TOO_LARGE,
                   _("%s: the journal is larger than %d MiB"), path, DD_JOURNAL_MAX_FILE >> 20);
      return FALSE;
    }
  if (size_out != NULL)
    *size_out = (gsize) st.st_size;
  return TRUE;
}

int
dd_journal_open_regular (const char  *path,
                         int          flags,
                         GError     **error)
{
  /* O_NONBLOCK: opening a FIFO must not wait for a writer; fstat () then
   * refuses it, as every other file that is not a regular one. */
  int fd = dd_journal_io.open (path, flags | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);

  if (fd < 0)
    {
      int saved = errno;

      if (saved == EISDIR)
        g_set_error (error, DD_ERROR, DD_ERROR_IO,
                     _("%s: is %s, not a journal file; a journal is a regular file"),
                     path, file_kind (S_IFDIR));
      else
        g_set_error (error, DD_ERROR, DD_ERROR_IO, _("%s: cannot open the journal: %s"),
                     path, g_strerror (saved));
      return -1;
    }
  if (!dd_journal_check_regular (fd, path, NULL, error))
    {
      dd_journal_io.close (fd);
      return -1;
    }
  return fd;
}

/* A buffer for a whole journal, freed with g_free (). A large one is laid
 * on transparent huge pages where the system offers them: the reader walks
 * it a few times (newlines, hashes, records), and with 4 KiB pages a 44 MB
 * journal cost more in TLB misses than in hashing (docs/benchmarks.md). */
#define HUGE_PAGE ((gsize) 2 << 20)

static char *
alloc_buffer (gsize size)
{
#if defined(MADV_HUGEPAGE)
  if (size >= 2 * HUGE_PAGE)
    {
      void *p = NULL;

      if (posix_memalign (&p, HUGE_PAGE, size) == 0)
        {
          /* Only the whole huge pages inside the buffer. */
          (void) madvise (p, size & ~(HUGE_PAGE - 1), MADV_HUGEPAGE);
          return p;
        }
    }
#endif
  return g_malloc (size);
}

gboolean
dd_journal_read_fd (int          fd,
                    const char  *path,
                    char       **data_out,
                    gsize       *len_out,
                    GError     **error)
{
  g_autofree char *data = NULL;
  gsize size = 0, len = 0, cap;

  if (!dd_journal_check_regular (fd, path, &size, error))
    return FALSE;

  /* Read from the start to the end, however the file changes meanwhile,
   * but never more than the limit. */
  cap = size + 1;
  data = alloc_buffer (cap + 1);
  for (;;)
    {
      ssize_t n;

      if (len == cap)
        {
          if (cap > DD_JOURNAL_MAX_FILE)
            {
              g_set_error (error, DD_ERROR, DD_ERROR_TOO_LARGE,
                           _("%s: the journal is larger than %d MiB"), path,
                           DD_JOURNAL_MAX_FILE >> 20);
              return FALSE;
            }
          cap = MIN ((gsize) DD_JOURNAL_MAX_FILE + 1, cap * 2);
          data = g_realloc (data, cap + 1);
        }
      n = pread (fd, data + len, cap - len, (off_t) len);
      if (n < 0)
        {
          int saved = errno;

          if (saved == EINTR)
            continue;
          g_set_error (error, DD_ERROR, DD_ERROR_IO, _("%s: cannot read the journal: %s"),
                       path, g_strerror (saved));
          return FALSE;
        }
      if (n == 0)
        break;
      len += (gsize) n;
    }
  data[len] = '\0';
  *data_out = g_steal_pointer (&data);
  *len_out = len;
  return TRUE;
}

gboolean
dd_journal_read_capped (const char  *path,
                        char       **data_out,
                        gsize       *len_out,
                        GError     **error)
{
  int fd = dd_journal_open_regular (path, O_RDONLY, error);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = dd_journal_read_fd (fd, path, data_out, len_out, error);
  dd_journal_io.close (fd);
  return ok;
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
  if (!dd_journal_read_capped (path, &data, &len, error))
    {
      if (damage_out != NULL)
        damage_out->kind = DD_JOURNAL_DAMAGE_MALFORMED;
      return FALSE;
    }

  dd_journal_scan_data (data, len, &scan);
  ok = scan.damage.kind == DD_JOURNAL_DAMAGE_NONE;
  if (!ok)
    g_propagate_error (error, dd_journal_scan_error (path, &scan));
  if (damage_out != NULL)
    *damage_out = scan.damage;
  dd_journal_scan_clear (&scan);
  return ok;
}

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
  return dd_sha256_hex (data, len);
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
