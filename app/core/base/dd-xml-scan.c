/* dd-xml-scan.c — the checks on a document's bytes before libxml2 sees them
 *
 * Which encodings are read, and a linear pass over the bytes that refuses
 * what libxml2 would handle slowly or wrongly (see dd-xml-private.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dd-error.h"
#include "dd-xml.h"
#include "dd-xml-private.h"

/* DrillDesk files are UTF-8, UTF-16 (with a byte order mark) or one of the
 * Chinese national encodings. libxml2 reads many more, through iconv and
 * code paths no DrillDesk file needs; refuse the rest before parsing, with a
 * message that says what is read:
 * 32-bit forms and EBCDIC by their first bytes, any other encoding by its
 * name in the XML declaration. */
static const char *const allowed_encodings[] = {
  "UTF-8", "UTF-16", "UTF-16LE", "UTF-16BE", "GB18030", "GBK", "GB2312",
  "US-ASCII", "ASCII", "ISO-8859-1",
};

gboolean
dd_xml_check_encoding (const char  *name,
                const char  *data,
                gsize        len,
                GError     **error)
{
  const guint8 *d = (const guint8 *) data;
  char head[256];
  gsize n = 0, step = 1, start = 0;
  const char *enc, *end;
  char quote;

  if (len >= 4 &&
      ((d[0] == 0 && d[1] == 0) || (d[2] == 0 && d[3] == 0 && d[0] != 0 && d[1] == 0) ||
       (d[0] == 0 && d[1] == '<' && d[2] == 0 && d[3] == 0) ||
       memcmp (d, "\x4C\x6F\xA7\x94", 4) == 0))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_MALFORMED,
                   "%s:1:1: unsupported encoding (UTF-32, UCS-4 or EBCDIC): "
                   "DrillDesk reads UTF-8, UTF-16 and GB18030", name);
      return FALSE;
    }

  /* The XML declaration, as ASCII: from 8-bit data, or from UTF-16. */
  if (len >= 2 && ((d[0] == 0xFF && d[1] == 0xFE) || (d[0] == 0xFE && d[1] == 0xFF)))
    step = 2, start = d[0] == 0xFF ? 2 : 3;
  else if (len >= 2 && d[0] == '<' && d[1] == 0)
    step = 2, start = 0;
  else if (len >= 2 && d[0] == 0 && d[1] == '<')
    step = 2, start = 1;
  else if (len >= 3 && memcmp (d, "\xEF\xBB\xBF", 3) == 0)
    start = 3;

  for (gsize i = start; i < len && n < sizeof head - 1; i += step)
    {
      if (step == 2)
        {
          gsize high = start % 2 == 0 ? i + 1 : i - 1;

          if (high >= len || d[high] != 0)
            break;
        }
      head[n++] = d[i];
      if (d[i] == '>')
        break;
    }
  head[n] = '\0';

  if (!g_str_has_prefix (head, "<?xml") || (enc = strstr (head, "encoding")) == NULL)
    return TRUE;
  enc += strlen ("encoding");
  while (*enc == ' ' || *enc == '\t' || *enc == '\r' || *enc == '\n' || *enc == '=')
    enc++;
  quote = *enc;
  if (quote != '"' && quote != '\'')
    return TRUE; /* malformed: libxml2 says so */
  enc++;
  end = strchr (enc, quote);
  if (end == NULL)
    return TRUE;

  for (gsize i = 0; i < G_N_ELEMENTS (allowed_encodings); i++)
    if (strlen (allowed_encodings[i]) == (gsize) (end - enc) &&
        g_ascii_strncasecmp (enc, allowed_encodings[i], end - enc) == 0)
      return TRUE;

  {
    g_autofree char *valid = g_utf8_make_valid (enc, MIN (end - enc, 64));
    g_autofree char *declared = NULL;
    char keep[129];

    /* The message is one line: control characters in the declared name
     * (a newline before the closing quote) are shown escaped, UTF-8 kept. */
    for (int b = 0x80; b <= 0xff; b++)
      keep[b - 0x80] = (char) b;
    keep[128] = '\0';
    declared = g_strescape (valid, keep);

    g_set_error (error, DD_ERROR, DD_ERROR_MALFORMED,
                 "%s:1:%ld: unsupported encoding \"%s\": DrillDesk reads UTF-8, UTF-16 and GB18030",
                 name, (long) (enc - head) + 1, declared);
  }
  return FALSE;
}

/* libxml2 2.9.14 checks each attribute of a start tag against all the
 * earlier ones: a 1 MB tag of 100,000 attributes takes a quarter of a
 * minute. Before parsing, count the '=' of each start tag in the raw bytes
 * (in 1-, 2- or 4-byte code units, as the file's first bytes say; every
 * encoding libxml2 reads but EBCDIC keeps ASCII's markup characters in single
 * units) and refuse a tag with too many. Comments, processing instructions
 * and CDATA sections are skipped; an odd document confuses the count only
 * into saying "too many" about a document that is broken anyway.
 *
 * The same pass refuses NUL characters: libxml2 takes one after the root
 * element for the end of the input and silently drops what follows.
 *
 * And it applies the limits of the document's kind (DdXmlLimits): libxml2
 * spends seconds and gigabytes on 15 million empty elements or a 60 MB text
 * before anything could refuse them; counted here, they are refused after
 * a few milliseconds and no memory beyond the bytes themselves. A "text" is
 * the characters between two pieces of markup (CDATA sections, which join
 * the text around them, included), a comment or processing instruction, or
 * one attribute value. */

/* Where the scanner is: in text, just after '<' (LT), after "<!" or "<!-",
 * inside a start tag, or skipping a construct up to its end (until). */
enum { TEXT, LT, LT_BANG, LT_BANG_DASH, TAG, SKIP };

void
dd_xml_scan_init (DdXmlScan         *scan,
                  const char        *name,
                  const DdXmlLimits *limits)
{
  memset (scan, 0, sizeof *scan);
  scan->name = name;
  scan->limits = limits;
  scan->where = TEXT;
  scan->line = scan->column = scan->tag_line = scan->tag_column = 1;
}

static gboolean
too_many_elements (DdXmlScan  *scan,
                   GError    **error)
{
  g_set_error (error, DD_ERROR, DD_ERROR_TOO_LARGE,
               "%s:%ld:%ld: more than %u elements, over the limit for %s (see docs/formats.md)",
               scan->name, scan->tag_line, MAX (scan->tag_column, 1),
               scan->limits->max_elements, scan->limits->kind);
  return FALSE;
}

static gboolean
text_too_long (DdXmlScan  *scan,
               GError    **error)
{
  g_set_error (error, DD_ERROR, DD_ERROR_TOO_LARGE,
               "%s:%ld:%ld: a text or attribute value longer than %u characters, "
               "over the limit for %s (see docs/formats.md)",
               scan->name, scan->line, MAX (scan->column - 1, 1),
               scan->limits->max_text, scan->limits->kind);
  return FALSE;
}

static inline void
skip_to (DdXmlScan  *scan,
         const char *until,
         gboolean    new_text)
{
  scan->where = SKIP;
  scan->until = until;
  scan->matched = 0;
  if (new_text)
    scan->text = 0;
}

/* Words of eight bytes: HAS_ZERO (w) is non-zero when a byte of @w is 0. */
#define ONES  G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS G_GUINT64_CONSTANT (0x8080808080808080)
#define HAS_ZERO(w) (((w) - ONES) & ~(w) & HIGHS)

/* One block in code units of @width bytes; inlined three times, so that the
 * common case (1) reads bytes without testing the width at each one. The
 * state lives in @scan between blocks; @n units, none split. */
static inline gboolean __attribute__ ((always_inline))
scan_units (DdXmlScan     *scan,
            const guint8  *d,
            gsize          n,
            guint          width,
            gboolean       big_endian,
            GError       **error)
{
  const guint max_text = scan->limits->max_text;

#define UNIT(k) \
  (width == 1 ? (guint32) d[(k)] : \
   width == 2 ? (big_endian ? (guint32) d[2 * (k)] << 8 | d[2 * (k) + 1] \
                            : (guint32) d[2 * (k) + 1] << 8 | d[2 * (k)]) : \
   (big_endian ? (guint32) d[4 * (k)] << 24 | (guint32) d[4 * (k) + 1] << 16 | \
                 (guint32) d[4 * (k) + 2] << 8 | d[4 * (k) + 3] \
               : (guint32) d[4 * (k) + 3] << 24 | (guint32) d[4 * (k) + 2] << 16 | \
                 (guint32) d[4 * (k) + 1] << 8 | d[4 * (k)]))

  for (gsize i = 0; i < n; i++)
    {
      guint32 u;
      gboolean starts_char;

      /* Runs of text and of attribute values, the bulk of a document,
       * byte by byte without the state machine: up to the next byte that
       * may change something (markup, the value's quote, a line break, a
       * NUL, the character over the limit), which the full step takes. */
      if (width == 1 && (scan->where == TEXT || (scan->where == TAG && scan->quote != 0)))
        {
          const guint8 stop = scan->where == TEXT ? '<' : (guint8) scan->quote;
          guint text = scan->text;
          long column = scan->column;
          gsize j = i;

          /* Eight bytes at a time while none of them stops the run:
           * characters are the bytes that are not UTF-8 continuation
           * bytes (10xxxxxx). */
          if (max_text - text >= 8)
            {
              const guint64 stops = ONES * stop;
              const guint64 lines = ONES * '\n';
              guint limit_left = max_text - text;

              while (j + 8 <= n && limit_left >= 8)
                {
                  guint64 w, cont;
                  guint chars;

                  memcpy (&w, d + j, 8);
                  if (HAS_ZERO (w) | HAS_ZERO (w ^ stops) | HAS_ZERO (w ^ lines))
                    break;
                  cont = w & ~(w << 1) & HIGHS;
                  chars = 8 - (guint) __builtin_popcountll (cont);
                  text += chars;
                  column += chars;
                  limit_left -= chars;
                  j += 8;
                }
            }
          for (; j < n; j++)
            {
              guint8 c = d[j];

              if (c == stop || c == '\n' || c == 0)
                break;
              if ((c & 0xC0) != 0x80)
                {
                  if (text == max_text)
                    break;
                  text++;
                  column++;
                }
            }
          scan->text = text;
          scan->column = column;
          i = j;
          if (i == n)
            break;
        }
      /* Names and spaces inside a start tag, up to the next byte the
       * state machine acts on. */
      else if (width == 1 && scan->where == TAG)
        {
          long column = scan->column;
          gsize j = i;

          for (; j < n; j++)
            {
              guint8 c = d[j];

              if (c == '"' || c == '\'' || c == '>' || c == '<' || c == '=' || c == '\n' || c == 0)
                break;
              column += (c & 0xC0) != 0x80;
            }
          scan->column = column;
          i = j;
          if (i == n)
            break;
        }

      u = UNIT (i);
      starts_char = width > 1 || (u & 0xC0) != 0x80;

      if (G_UNLIKELY (u == 0))
        {
          g_set_error (error, DD_ERROR, DD_ERROR_MALFORMED,
                       "%s:%ld:%ld: a NUL character (byte %" G_GSIZE_FORMAT ")",
                       scan->name, scan->line, scan->column, (scan->units + i) * width);
          return FALSE;
        }
      if (u == '\n')
        scan->line++, scan->column = 1;
      else if (starts_char)
        scan->column++;

    again:
      switch (scan->where)
        {
        case TEXT:
          if (u == '<')
            {
              scan->tag_line = scan->line;
              scan->tag_column = scan->column - 1;
              scan->where = LT;
            }
          else if (starts_char && ++scan->text > max_text)
            return text_too_long (scan, error);
          break;

        case LT:
          if (u == '!')
            scan->where = LT_BANG;
          else if (u == '?')
            skip_to (scan, "?>", TRUE);
          else if (u == '/')
            skip_to (scan, ">", TRUE);
          else
            {
              if (++scan->elements > scan->limits->max_elements)
                return too_many_elements (scan, error);
              scan->where = TAG;
              scan->quote = 0;
              scan->count = 0;
              scan->text = 0;
              goto again;
            }
          break;

        case LT_BANG:
          if (u == '-')
            scan->where = LT_BANG_DASH;
          else if (u == '[')
            skip_to (scan, "]]>", FALSE);   /* CDATA joins the text around it */
          else
            {
              skip_to (scan, ">", TRUE);
              goto again;
            }
          break;

        case LT_BANG_DASH:
          if (u == '-')
            skip_to (scan, "-->", TRUE);
          else
            {
              skip_to (scan, ">", TRUE);
              goto again;
            }
          break;

        case SKIP:
          if (starts_char && ++scan->text > max_text)
            return text_too_long (scan, error);
          if (u == (guchar) scan->until[scan->matched])
            scan->matched++;
          else if (!(scan->matched == 2 && scan->until[0] == scan->until[1] &&
                     u == (guchar) scan->until[1]))
            scan->matched = u == (guchar) scan->until[0] ? 1 : 0;
          if (scan->until[scan->matched] == '\0')
            scan->where = TEXT;
          break;

        case TAG:
          if (scan->quote != 0)
            {
              if (u == scan->quote)
                scan->quote = 0;
              else if (starts_char && ++scan->text > max_text)
                return text_too_long (scan, error);
            }
          else if (u == '"' || u == '\'')
            {
              scan->quote = u;
              scan->text = 0;
            }
          else if (u == '>')
            {
              scan->where = TEXT;
              scan->text = 0;
            }
          else if (u == '<')
            {
              scan->where = TEXT;
              scan->text = 0;
              goto again;
            }
          else if (u == '=' && ++scan->count > DD_XML_MAX_ATTRIBUTES)
            {
              g_set_error (error, DD_ERROR, DD_ERROR_TOO_LARGE,
                           "%s:%ld:%ld: a start tag with more than %d attributes",
                           scan->name, scan->tag_line, MAX (scan->tag_column, 1),
                           DD_XML_MAX_ATTRIBUTES);
              return FALSE;
            }
          break;

        default:
          g_assert_not_reached ();
        }
    }
#undef UNIT

  scan->units += n;
  return TRUE;
}

/**
 * dd_xml_scan_feed:
 * @scan: a scanner from dd_xml_scan_init()
 * @data: the next bytes of the document
 * @len: their number; the first block holds at least 4 bytes unless it is
 *   the whole document, and no block but the last splits a code unit
 *   (blocks of a multiple of 4 bytes)
 *
 * Returns: %FALSE with @error set when the bytes so far break a rule.
 */
gboolean
dd_xml_scan_feed (DdXmlScan   *scan,
                  const char  *data,
                  gsize        len,
                  GError     **error)
{
  const guint8 *d = (const guint8 *) data;

  if (!scan->started)
    {
      scan->started = TRUE;
      scan->width = 1;
      if (len >= 4 && (memcmp (d, "\0\0\xFE\xFF", 4) == 0 || memcmp (d, "\0\0\0<", 4) == 0))
        scan->width = 4, scan->big_endian = TRUE;
      else if (len >= 4 && (memcmp (d, "\xFF\xFE\0\0", 4) == 0 || memcmp (d, "<\0\0\0", 4) == 0))
        scan->width = 4;
      else if (len >= 2 && ((d[0] == 0xFE && d[1] == 0xFF) || (d[0] == 0 && d[1] == '<')))
        scan->width = 2, scan->big_endian = TRUE;
      else if (len >= 2 && ((d[0] == 0xFF && d[1] == 0xFE) || (d[0] == '<' && d[1] == 0)))
        scan->width = 2;
    }

  switch (scan->width)
    {
    case 4:
      return scan_units (scan, d, len / 4, 4, scan->big_endian, error);
    case 2:
      return scan_units (scan, d, len / 2, 2, scan->big_endian, error);
    default:
      return scan_units (scan, d, len, 1, FALSE, error);
    }
}

gboolean
dd_xml_prescan (const char         *name,
                const char         *data,
                gsize               len,
                const DdXmlLimits  *limits,
                GError            **error)
{
  DdXmlScan scan;

  dd_xml_scan_init (&scan, name, limits);
  return dd_xml_scan_feed (&scan, data, len, error);
}
