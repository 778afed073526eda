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
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "dd-error.h"
#include "dd-journal-private.h"

/* Records */

void
dd_journal_record_free (gpointer data)
{
  Record *r = data;

  g_free (r->type);
  g_free (r->prev);
  g_free (r->hash);
  g_free (r->line);
  g_clear_pointer (&r->pub.body, json_object_unref);
  g_free (r);
}

gboolean
dd_journal_is_hex_hash (const char *s,
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
  return dd_journal_is_hex_hash (s, strlen (s));
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

char *
dd_journal_sha256_hex (const char *data,
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

/* The 1-based column where @line nests [ and { deeper than
 * DD_JOURNAL_MAX_DEPTH, or 0. */
static guint
too_deep (const char *line,
          gsize       len)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = line[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > DD_JOURNAL_MAX_DEPTH)
            return (guint) MIN (i + 1, G_MAXUINT);
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return 0;
}

Record *
dd_journal_parse_line (const char  *line,
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
  guint column;

  problem->kind = DD_JOURNAL_DAMAGE_NONE;
  problem->column = 1;
  problem->checksum = TRUE;

  /* The checksum first: any change of any byte shows here. */
  suffix = len >= SUM_SUFFIX_LEN + 2 ? line + len - SUM_SUFFIX_LEN : line;
  if (len < SUM_SUFFIX_LEN + 2 ||
      memcmp (suffix, SUM_PREFIX, sizeof SUM_PREFIX - 1) != 0 ||
      !dd_journal_is_hex_hash (suffix + sizeof SUM_PREFIX - 1, HASH_LEN) ||
      memcmp (line + len - 2, "\"}", 2) != 0)
    {
      problem->kind = DD_JOURNAL_DAMAGE_MALFORMED;
      problem->column = len >= SUM_SUFFIX_LEN ? (guint) (len - SUM_SUFFIX_LEN) + 1 : 1;
      problem->what = g_strdup (_("does not end in its checksum (,\"sum\":\"<64 hex digits>\"})"));
      return NULL;
    }

  sum = dd_journal_sha256_hex (line, len - SUM_SUFFIX_LEN);
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

  /* json-glib parses recursively: bound the depth before it sees the line. */
  column = too_deep (line, len);
  if (column > 0)
    {
      problem->column = column;
      problem->what = g_strdup_printf (_("nests arrays and objects more than %d levels deep"),
                                       DD_JOURNAL_MAX_DEPTH);
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
      !dd_journal_is_valid_type (type = json_node_get_string (node)))
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
      r = dd_journal_parse_line (p, line_len, &problem);
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
  data = g_malloc (cap + 1);
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
