/* dd-journal-line.c — one journal line: checksum, then a strict JSON reader
 *
 * A line is checked in this order: it ends in ,"sum":"<64 hex>"} and those
 * 64 digits are the SHA-256 of the bytes before (else: changed, or
 * malformed when there is no such suffix); it is valid UTF-8; it is one
 * JSON object (RFC 8259, nothing lenient) with exactly the members seq,
 * type, time, prev, body and sum, each of its kind.
 *
 * The JSON reader is written for this: it walks the line once, reads the
 * five top-level members into the record without building nodes for them,
 * and builds json-glib nodes for the body only. Arrays and objects nested
 * deeper than DD_JOURNAL_MAX_DEPTH refuse the line (the recursion is
 * bounded by it). Numbers that are not finite, lone UTF-16 surrogates and
 * \u0000 in strings, control characters, duplicate members and trailing
 * bytes are refused. This replaces json_parser_load_from_data () per line,
 * which built (and sealed) a whole DOM for each and was most of the time
 * spent reading a journal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "dd-journal-private.h"
#include "dd-sha256.h"

/* The reader */

typedef struct
{
  const char *start;
  const char *p;
  const char *end;
  guint       depth;
  const char *error;     /* untranslated reason, or NULL */
  const char *error_at;
  GString    *buf;       /* scratch for strings with escapes, or NULL */
  gboolean    build;     /* build the body's nodes, or only check it */
} Reader;

/* What read_object (), read_array () and read_value () return for a
 * value that is correct when rd->build is FALSE. */
#define CHECKED(rd) ((gpointer) (rd))

static gboolean
fail (Reader     *rd,
      const char *at,
      const char *reason)
{
  if (rd->error == NULL)
    {
      rd->error = reason;
      rd->error_at = at;
    }
  return FALSE;
}

static inline void
skip_ws (Reader *rd)
{
  while (rd->p < rd->end && (*rd->p == ' ' || *rd->p == '\t' || *rd->p == '\r' || *rd->p == '\n'))
    rd->p++;
}

static int
hex_digit (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_u16 (Reader  *rd,
          gunichar *out)
{
  gunichar v = 0;

  if (rd->end - rd->p < 4)
    return fail (rd, rd->p, N_("\\u needs four hex digits"));
  for (int i = 0; i < 4; i++)
    {
      int d = hex_digit (rd->p[i]);

      if (d < 0)
        return fail (rd, rd->p, N_("\\u needs four hex digits"));
      v = v * 16 + (gunichar) d;
    }
  rd->p += 4;
  *out = v;
  return TRUE;
}

/* The scratch buffer, made when a string first needs it: most lines have
 * no escapes, and checking them builds nothing. */
static GString *
scratch (Reader *rd)
{
  if (rd->buf == NULL)
    rd->buf = g_string_sized_new (64);
  return rd->buf;
}

/* Reads a string at rd->p (the opening quote). Without escapes, *out and
 * *out_len point into the line; with escapes, into rd->buf. Strings are
 * the only place where bytes beyond ASCII may stand, so UTF-8 is checked
 * here, for strings that have such bytes. */
static gboolean
read_string (Reader      *rd,
             const char **out,
             gsize       *out_len)
{
  const char *s = ++rd->p;
  guchar high = 0;

  while (rd->p < rd->end && *rd->p != '"' && *rd->p != '\\' && (guchar) *rd->p >= 0x20)
    high |= (guchar) *rd->p++;
  if (rd->p < rd->end && *rd->p == '"')
    {
      if ((high & 0x80) && !g_utf8_validate_len (s, rd->p - s, NULL))
        return fail (rd, s - 1, N_("a string that is not valid UTF-8"));
      *out = s;
      *out_len = rd->p - s;
      rd->p++;
      return TRUE;
    }

  g_string_truncate (scratch (rd), 0);
  g_string_append_len (rd->buf, s, rd->p - s);
  while (rd->p < rd->end)
    {
      char c = *rd->p;

      if (c == '"')
        {
          if ((high & 0x80) && !g_utf8_validate_len (rd->buf->str, rd->buf->len, NULL))
            return fail (rd, s - 1, N_("a string that is not valid UTF-8"));
          rd->p++;
          *out = rd->buf->str;
          *out_len = rd->buf->len;
          return TRUE;
        }
      if ((guchar) c < 0x20)
        return fail (rd, rd->p, N_("a control character in a string"));
      if (c != '\\')
        {
          high |= (guchar) c;
          g_string_append_c (rd->buf, c);
          rd->p++;
          continue;
        }
      if (++rd->p >= rd->end)
        break;
      c = *rd->p++;
      switch (c)
        {
        case '"': case '\\': case '/':
          g_string_append_c (rd->buf, c);
          break;
        case 'b': g_string_append_c (rd->buf, '\b'); break;
        case 'f': g_string_append_c (rd->buf, '\f'); break;
        case 'n': g_string_append_c (rd->buf, '\n'); break;
        case 'r': g_string_append_c (rd->buf, '\r'); break;
        case 't': g_string_append_c (rd->buf, '\t'); break;
        case 'u':
          {
            const char *at = rd->p - 2;
            gunichar u, low;

            if (!read_u16 (rd, &u))
              return FALSE;
            if (u >= 0xD800 && u <= 0xDBFF)
              {
                if (rd->end - rd->p < 6 || rd->p[0] != '\\' || rd->p[1] != 'u')
                  return fail (rd, at, N_("a lone UTF-16 surrogate"));
                rd->p += 2;
                if (!read_u16 (rd, &low))
                  return FALSE;
                if (low < 0xDC00 || low > 0xDFFF)
                  return fail (rd, at, N_("a lone UTF-16 surrogate"));
                u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
              }
            else if (u >= 0xDC00 && u <= 0xDFFF)
              return fail (rd, at, N_("a lone UTF-16 surrogate"));
            if (u == 0)
              return fail (rd, at, N_("\\u0000 in a string"));
            g_string_append_unichar (rd->buf, u);
          }
          break;
        default:
          return fail (rd, rd->p - 2, N_("an unknown escape in a string"));
        }
    }
  return fail (rd, s - 1, N_("a string without its closing quote"));
}

/* A number at rd->p: an integer that fits in 64 bits is an int, anything
 * else a finite double. */
static gboolean
read_number (Reader   *rd,
             gboolean *is_int,
             gint64   *int_out,
             double   *double_out)
{
  const char *s = rd->p;
  gboolean integral = TRUE;
  char tmp[64];

  if (rd->p < rd->end && *rd->p == '-')
    rd->p++;
  if (rd->p >= rd->end || !g_ascii_isdigit (*rd->p))
    return fail (rd, s, N_("not a value"));
  if (*rd->p == '0')
    rd->p++;
  else
    while (rd->p < rd->end && g_ascii_isdigit (*rd->p))
      rd->p++;
  if (rd->p < rd->end && *rd->p == '.')
    {
      integral = FALSE;
      rd->p++;
      if (rd->p >= rd->end || !g_ascii_isdigit (*rd->p))
        return fail (rd, s, N_("a number without digits after its point"));
      while (rd->p < rd->end && g_ascii_isdigit (*rd->p))
        rd->p++;
    }
  if (rd->p < rd->end && (*rd->p == 'e' || *rd->p == 'E'))
    {
      integral = FALSE;
      rd->p++;
      if (rd->p < rd->end && (*rd->p == '+' || *rd->p == '-'))
        rd->p++;
      if (rd->p >= rd->end || !g_ascii_isdigit (*rd->p))
        return fail (rd, s, N_("a number without digits in its exponent"));
      while (rd->p < rd->end && g_ascii_isdigit (*rd->p))
        rd->p++;
    }
  if ((gsize) (rd->p - s) >= sizeof tmp)
    return fail (rd, s, N_("a number with too many digits"));
  memcpy (tmp, s, rd->p - s);
  tmp[rd->p - s] = '\0';
  if (integral)
    {
      char *endp;

      errno = 0;
      *int_out = g_ascii_strtoll (tmp, &endp, 10);
      if (errno == 0 && *endp == '\0')
        {
          *is_int = TRUE;
          return TRUE;
        }
    }
  *is_int = FALSE;
  *double_out = g_ascii_strtod (tmp, NULL);
  if (!isfinite (*double_out))
    return fail (rd, s, N_("a number out of range"));
  return TRUE;
}

static gboolean
literal (Reader     *rd,
         const char *word)
{
  gsize n = strlen (word);

  if ((gsize) (rd->end - rd->p) < n || memcmp (rd->p, word, n) != 0)
    return fail (rd, rd->p, N_("not a value"));
  rd->p += n;
  return TRUE;
}

static JsonNode *read_value (Reader *rd);

/* The member names of one object, to refuse a name given twice when
 * nothing is built: up to FEW_NAMES of them are compared in place, in the
 * line; more, or one unescaped into the scratch buffer, go into a set. */
#define FEW_NAMES 16

typedef struct
{
  struct { const char *s; gsize len; } few[FEW_NAMES];
  guint       n_few;
  GHashTable *many;
} Names;

/* Adds a name; FALSE if the object has it already. */
static gboolean
names_add (Names      *names,
           const char *s,
           gsize       len,
           gboolean    in_line)
{
  if (names->many == NULL && in_line && names->n_few < FEW_NAMES)
    {
      for (guint i = 0; i < names->n_few; i++)
        if (names->few[i].len == len && memcmp (names->few[i].s, s, len) == 0)
          return FALSE;
      names->few[names->n_few].s = s;
      names->few[names->n_few].len = len;
      names->n_few++;
      return TRUE;
    }
  if (names->many == NULL)
    {
      names->many = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < names->n_few; i++)
        g_hash_table_add (names->many, g_strndup (names->few[i].s, names->few[i].len));
    }
  return g_hash_table_add (names->many, g_strndup (s, len));
}

static JsonObject *
read_object (Reader *rd)
{
  g_autoptr(JsonObject) obj = rd->build ? json_object_new () : NULL;
  Names names = { .n_few = 0, .many = NULL };   /* without nodes, for duplicates */
  JsonObject *result = NULL;

  rd->p++;   /* { */
  skip_ws (rd);
  if (rd->p < rd->end && *rd->p == '}')
    {
      rd->p++;
      return rd->build ? g_steal_pointer (&obj) : CHECKED (rd);
    }
  for (;;)
    {
      const char *key_at = rd->p, *s;
      char *name = NULL;
      gsize len;
      JsonNode *value;

      if (rd->p >= rd->end || *rd->p != '"')
        {
          fail (rd, rd->p, N_("a member name must be a string"));
          break;
        }
      if (!read_string (rd, &s, &len))
        break;
      if (rd->build)
        {
          name = g_strndup (s, len);
          if (json_object_has_member (obj, name))
            {
              g_free (name);
              fail (rd, key_at, N_("a member appears twice"));
              break;
            }
        }
      else if (!names_add (&names, s, len, rd->buf == NULL || s != rd->buf->str))
        {
          fail (rd, key_at, N_("a member appears twice"));
          break;
        }
      skip_ws (rd);
      if (rd->p >= rd->end || *rd->p != ':')
        {
          g_free (name);
          fail (rd, rd->p, N_("a ':' must follow a member name"));
          break;
        }
      rd->p++;
      skip_ws (rd);
      value = read_value (rd);
      if (value == NULL)
        {
          g_free (name);
          break;
        }
      if (rd->build)
        json_object_set_member (obj, name, value);
      g_free (name);
      skip_ws (rd);
      if (rd->p < rd->end && *rd->p == ',')
        {
          rd->p++;
          skip_ws (rd);
          continue;
        }
      if (rd->p < rd->end && *rd->p == '}')
        {
          rd->p++;
          result = rd->build ? g_steal_pointer (&obj) : CHECKED (rd);
          break;
        }
      fail (rd, rd->p, N_("a ',' or '}' must follow a member"));
      break;
    }
  g_clear_pointer (&names.many, g_hash_table_unref);
  return result;
}

static JsonArray *
read_array (Reader *rd)
{
  g_autoptr(JsonArray) array = rd->build ? json_array_new () : NULL;

  rd->p++;   /* [ */
  skip_ws (rd);
  if (rd->p < rd->end && *rd->p == ']')
    {
      rd->p++;
      return rd->build ? g_steal_pointer (&array) : CHECKED (rd);
    }
  for (;;)
    {
      JsonNode *value = read_value (rd);

      if (value == NULL)
        return NULL;
      if (rd->build)
        json_array_add_element (array, value);
      skip_ws (rd);
      if (rd->p < rd->end && *rd->p == ',')
        {
          rd->p++;
          skip_ws (rd);
          continue;
        }
      if (rd->p < rd->end && *rd->p == ']')
        {
          rd->p++;
          return rd->build ? g_steal_pointer (&array) : CHECKED (rd);
        }
      fail (rd, rd->p, N_("a ',' or ']' must follow an element"));
      return NULL;
    }
}

static gboolean
enter (Reader *rd)
{
  if (++rd->depth > DD_JOURNAL_MAX_DEPTH)
    return fail (rd, rd->p, "depth");
  return TRUE;
}

static JsonNode *
read_value (Reader *rd)
{
  JsonNode *node;

  if (rd->p >= rd->end)
    {
      fail (rd, rd->p, N_("a value is missing"));
      return NULL;
    }
  switch (*rd->p)
    {
    case '{':
      {
        JsonObject *obj;

        if (!enter (rd) || (obj = read_object (rd)) == NULL)
          return NULL;
        rd->depth--;
        if (!rd->build)
          return CHECKED (rd);
        node = json_node_alloc ();
        json_node_init_object (node, obj);
        json_object_unref (obj);
        return node;
      }
    case '[':
      {
        JsonArray *array;

        if (!enter (rd) || (array = read_array (rd)) == NULL)
          return NULL;
        rd->depth--;
        if (!rd->build)
          return CHECKED (rd);
        node = json_node_alloc ();
        json_node_init_array (node, array);
        json_array_unref (array);
        return node;
      }
    case '"':
      {
        const char *s;
        gsize len;

        if (!read_string (rd, &s, &len))
          return NULL;
        if (!rd->build)
          return CHECKED (rd);
        /* NUL-terminated in the scratch buffer (escaped strings are
         * there already), then copied into the node. */
        if (rd->buf == NULL || s != rd->buf->str)
          {
            g_string_truncate (scratch (rd), 0);
            g_string_append_len (rd->buf, s, len);
          }
        return json_node_init_string (json_node_alloc (), rd->buf->str);
      }
    case 't':
      if (!literal (rd, "true"))
        return NULL;
      return rd->build ? json_node_init_boolean (json_node_alloc (), TRUE) : CHECKED (rd);
    case 'f':
      if (!literal (rd, "false"))
        return NULL;
      return rd->build ? json_node_init_boolean (json_node_alloc (), FALSE) : CHECKED (rd);
    case 'n':
      if (!literal (rd, "null"))
        return NULL;
      return rd->build ? json_node_init_null (json_node_alloc ()) : CHECKED (rd);
    default:
      {
        gboolean is_int = FALSE;
        gint64 i = 0;
        double d = 0;

        if (!read_number (rd, &is_int, &i, &d))
          return NULL;
        if (!rd->build)
          return CHECKED (rd);
        return is_int ? json_node_init_int (json_node_alloc (), i)
                      : json_node_init_double (json_node_alloc (), d);
      }
    }
}

/* Time: the writer's own form (2026-12-06T09:00:00.123456Z) read
 * directly; any other ISO 8601 form through GDateTime. */

static gint64
days_from_civil (gint64 y,
                 guint  m,
                 guint  d)
{
  gint64 era;
  guint yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = (guint) (y - era * 400);
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (gint64) doe - 719468;
}

static gboolean
digits (const char *s,
        guint       n,
        guint      *out)
{
  *out = 0;
  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      *out = *out * 10 + (guint) (s[i] - '0');
    }
  return TRUE;
}

static gboolean
parse_time (const char *s,
            gsize       len,
            gint64     *time_us)
{
  static const guint8 month_days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  guint y, mo, d, h, mi, sec, us;
  g_autofree char *copy = NULL;
  g_autoptr(GDateTime) when = NULL;

  if (len == 27 && s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[13] == ':' &&
      s[16] == ':' && s[19] == '.' && s[26] == 'Z' &&
      digits (s, 4, &y) && digits (s + 5, 2, &mo) && digits (s + 8, 2, &d) &&
      digits (s + 11, 2, &h) && digits (s + 14, 2, &mi) && digits (s + 17, 2, &sec) &&
      digits (s + 20, 6, &us))
    {
      gboolean leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

      if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > month_days[mo - 1] ||
          (mo == 2 && d == 29 && !leap) || h > 23 || mi > 59 || sec > 59)
        return FALSE;
      *time_us = ((days_from_civil (y, mo, d) * 24 + h) * 60 + mi) * 60 + sec;
      *time_us = *time_us * G_USEC_PER_SEC + us;
      return TRUE;
    }
  copy = g_strndup (s, len);
  when = g_date_time_new_from_iso8601 (copy, NULL);
  if (when == NULL)
    return FALSE;
  *time_us = g_date_time_to_unix (when) * G_USEC_PER_SEC + g_date_time_get_microsecond (when);
  return TRUE;
}

/* The record line */

enum { M_SEQ, M_TYPE, M_TIME, M_PREV, M_BODY, M_SUM, N_MEMBERS };
static const char *const member_names[N_MEMBERS] = { "seq", "type", "time", "prev", "body", "sum" };

static gboolean
member_problem (LineProblem *problem,
                const char  *line,
                const char  *key_at,
                char        *what)
{
  problem->column = (guint) (key_at - line) + 1;
  problem->what = what;
  return FALSE;
}

/* Reads the value of top-level member @m into @r. */
static gboolean
read_member (Reader      *rd,
             guint        m,
             const char  *key_at,
             Record      *r,
             const char  *sum,
             LineProblem *problem)
{
  const char *line = rd->start;
  const char *s;
  gsize len;

  if (m == M_BODY)
    {
      JsonObject *body;

      if (*rd->p != '{')
        return member_problem (problem, line, key_at,
                               g_strdup (_("has a \"body\" that is not a JSON object")));
      if (!enter (rd) || (body = read_object (rd)) == NULL)
        return FALSE;
      rd->depth--;
      if (rd->build)
        r->pub.body = body;
      return TRUE;
    }
  if (m == M_SEQ)
    {
      gboolean is_int = FALSE;
      gint64 seq = -1;
      double d;

      if (*rd->p == '-' || g_ascii_isdigit (*rd->p))
        {
          if (!read_number (rd, &is_int, &seq, &d))
            return FALSE;
        }
      else
        {
          JsonNode *other = read_value (rd);

          if (other == NULL)
            return FALSE;
          if (rd->build)
            json_node_unref (other);
        }
      if (!is_int || seq < 0)
        return member_problem (problem, line, key_at,
                               g_strdup (_("has a \"seq\" that is not a whole number ≥ 0")));
      r->pub.seq = (guint64) seq;
      return TRUE;
    }

  /* The others are strings. */
  if (*rd->p != '"')
    {
      JsonNode *other = read_value (rd);

      if (other == NULL)
        return FALSE;
      if (rd->build)
        json_node_unref (other);
      s = NULL;
      len = 0;
    }
  else if (!read_string (rd, &s, &len))
    return FALSE;

  switch (m)
    {
    case M_TYPE:
      if (s == NULL || len == 0 || len > MAX_TYPE_LEN || memchr (s, '\0', len) != NULL)
        goto bad_type;
      memcpy (r->type, s, len);
      r->type[len] = '\0';
      if (!dd_journal_is_valid_type (r->type))
        goto bad_type;
      return TRUE;
    bad_type:
      return member_problem (problem, line, key_at,
                             g_strdup (_("has a \"type\" that is not a name like \"action\" ([a-z][a-z0-9-]*)")));
    case M_TIME:
      if (s == NULL || !parse_time (s, len, &r->pub.time_us))
        return member_problem (problem, line, key_at,
                               g_strdup (_("has a \"time\" that is not an ISO 8601 date and time with a time zone")));
      return TRUE;
    case M_PREV:
      if (s == NULL || !dd_journal_is_hex_hash (s, len))
        return member_problem (problem, line, key_at,
                               g_strdup (_("has a \"prev\" that is not 64 lowercase hex digits")));
      memcpy (r->prev, s, HASH_LEN);
      r->prev[HASH_LEN] = '\0';
      return TRUE;
    case M_SUM:
    default:
      if (s == NULL || len != HASH_LEN || memcmp (s, sum, HASH_LEN) != 0)
        return member_problem (problem, line, key_at,
                               g_strdup (_("has a \"sum\" member that is not its checksum")));
      return TRUE;
    }
}

static Record *
read_record (Reader      *rd,
             const char  *sum,
             LineProblem *problem)
{
  Record *r = g_new0 (Record, 1);
  const char *seen[N_MEMBERS] = { NULL };

  skip_ws (rd);
  if (rd->p >= rd->end || *rd->p != '{')
    {
      fail (rd, rd->p, N_("not a JSON object"));
      goto out;
    }
  rd->p++;
  rd->depth = 1;
  skip_ws (rd);
  while (rd->p < rd->end && *rd->p != '}')
    {
      const char *key_at = rd->p, *s;
      gsize len;
      guint m;

      if (*rd->p != '"')
        {
          fail (rd, rd->p, N_("a member name must be a string"));
          goto out;
        }
      if (!read_string (rd, &s, &len))
        goto out;
      for (m = 0; m < N_MEMBERS; m++)
        if (strlen (member_names[m]) == len && memcmp (member_names[m], s, len) == 0)
          break;
      if (m == N_MEMBERS)
        {
          g_autofree char *name = g_strndup (s, len);

          member_problem (problem, rd->start, key_at,
                          g_strdup_printf (_("has an unknown member \"%s\""), name));
          goto out;
        }
      if (seen[m] != NULL)
        {
          fail (rd, key_at, N_("a member appears twice"));
          goto out;
        }
      seen[m] = key_at;
      skip_ws (rd);
      if (rd->p >= rd->end || *rd->p != ':')
        {
          fail (rd, rd->p, N_("a ':' must follow a member name"));
          goto out;
        }
      rd->p++;
      skip_ws (rd);
      if (rd->p >= rd->end)
        {
          fail (rd, rd->p, N_("a value is missing"));
          goto out;
        }
      if (!read_member (rd, m, key_at, r, sum, problem))
        goto out;
      skip_ws (rd);
      if (rd->p < rd->end && *rd->p == ',')
        {
          rd->p++;
          skip_ws (rd);
          if (rd->p < rd->end && *rd->p == '}')
            {
              fail (rd, rd->p, N_("a member name must be a string"));
              goto out;
            }
        }
      else if (rd->p >= rd->end || *rd->p != '}')
        {
          fail (rd, rd->p, N_("a ',' or '}' must follow a member"));
          goto out;
        }
    }
  if (rd->p >= rd->end)
    {
      fail (rd, rd->p, N_("the object is not closed"));
      goto out;
    }
  rd->p++;
  skip_ws (rd);
  if (rd->p != rd->end)
    {
      fail (rd, rd->p, N_("bytes after the object"));
      goto out;
    }
  for (guint m = 0; m < N_MEMBERS; m++)
    if (seen[m] == NULL)
      {
        problem->what = g_strdup_printf (_("lacks the member \"%s\""), member_names[m]);
        goto out;
      }
  return r;

out:
  dd_journal_record_free (r);
  return NULL;
}

Record *
dd_journal_parse_line (const char  *line,
                       gsize        len,
                       gboolean     body,
                       LineProblem *problem)
{
  g_autoptr(GString) buf = NULL;
  char sum[HASH_LEN + 1];
  const char *suffix;
  Reader rd = { 0 };
  Record *r;

  problem->kind = DD_JOURNAL_DAMAGE_NONE;
  problem->column = 1;
  problem->checksum = TRUE;
  problem->what = NULL;

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

  dd_sha256_hex_into (line, len - SUM_SUFFIX_LEN, sum);
  if (memcmp (sum, suffix + sizeof SUM_PREFIX - 1, HASH_LEN) != 0)
    {
      problem->kind = DD_JOURNAL_DAMAGE_CHANGED;
      problem->what = g_strdup (_("was changed: its bytes do not match its checksum"));
      return NULL;
    }

  /* The checksum holds: from here on, a problem means the line was written
   * that way (by another program), so it is malformed. */
  problem->kind = DD_JOURNAL_DAMAGE_MALFORMED;
  problem->checksum = FALSE;

  rd.start = rd.p = line;
  rd.end = line + len;
  rd.build = body;
  r = read_record (&rd, sum, problem);
  buf = g_steal_pointer (&rd.buf);
  if (r == NULL)
    {
      if (problem->what == NULL && g_strcmp0 (rd.error, "depth") == 0)
        {
          problem->column = (guint) (rd.error_at - line) + 1;
          problem->what = g_strdup_printf (_("nests arrays and objects more than %d levels deep"),
                                           DD_JOURNAL_MAX_DEPTH);
        }
      else if (problem->what == NULL)
        {
          problem->column = (guint) (rd.error_at - line) + 1;
          problem->what = g_strdup_printf (_("is not valid JSON: %s"),
                                           g_dgettext (GETTEXT_PACKAGE, rd.error));
        }
      return NULL;
    }
  memcpy (r->hash, sum, HASH_LEN + 1);
  r->pub.type = r->type;
  r->pub.prev = r->prev;
  r->pub.hash = r->hash;
  problem->kind = DD_JOURNAL_DAMAGE_NONE;
  return r;
}

JsonObject *
dd_journal_line_body (const char *line,
                      gsize       len,
                      const char *sum)
{
  g_autoptr(GString) buf = NULL;
  LineProblem problem = { 0 };
  Reader rd = { 0 };
  JsonObject *body = NULL;
  Record *r;

  if (len < SUM_SUFFIX_LEN)
    return NULL;
  rd.start = rd.p = line;
  rd.end = line + len;
  rd.build = TRUE;
  r = read_record (&rd, sum, &problem);
  buf = g_steal_pointer (&rd.buf);
  g_free (problem.what);
  if (r == NULL)
    return NULL;
  body = g_steal_pointer (&r->pub.body);
  dd_journal_record_free (r);
  return body;
}
