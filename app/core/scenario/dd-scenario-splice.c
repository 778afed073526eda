/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-scenario-splice.c — saving an edited scenario without rewriting the
 * author's text
 *
 * Copyright 2024 The DrillDesk authors
 *
 * The writer (dd-scenario-writer.c) renders a draft in one house style.
 * An author's file has its own: blank lines, attributes on several lines,
 * comments.  To save an edit, the file as written by the author
 * (ORIGINAL), the writer's rendering of the draft as it was opened (BASE)
 * and its rendering of the edited draft (EDITED) are compared element by
 * element, down to the parts of an inject: an element whose rendering did
 * not change keeps its original text byte for byte, and only what changed
 * takes the writer's form.  Where the elements of ORIGINAL and BASE do not
 * pair up, or a list gained or lost items, that part is taken from EDITED
 * as a whole.
 */

#include "config.h"

#include <string.h>

#include "dd-scenario-writer.h"

#define MAX_DEPTH 4

typedef struct {
  gsize start;                   /* '<' of the start tag */
  gsize content;                 /* after the start tag's '>' */
  gsize content_end;             /* '<' of the end tag (== content when empty) */
  gsize end;                     /* after the end tag's '>' */
  char *name;
} Span;

static void
span_clear (gpointer data)
{
  g_free (((Span *) data)->name);
}

/* Skips from @p (at '<') past the markup that starts there; returns the
 * position after it, or 0 when the text ends first. */
static gsize
skip_markup (const char *text,
             gsize       p,
             gsize       to,
             gboolean   *is_element,
             gboolean   *is_end,
             gboolean   *is_empty)
{
  const char *close;
  gsize q;
  char quote = 0;

  *is_element = *is_end = *is_empty = FALSE;
  if (g_str_has_prefix (text + p, "<!--"))
    close = "-->";
  else if (g_str_has_prefix (text + p, "<![CDATA["))
    close = "]]>";
  else if (g_str_has_prefix (text + p, "<?"))
    close = "?>";
  else if (g_str_has_prefix (text + p, "<!"))
    close = ">";
  else
    close = NULL;
  if (close != NULL)
    {
      const char *at = g_strstr_len (text + p, to - p, close);

      return at != NULL ? (gsize) (at - text) + strlen (close) : 0;
    }

  *is_element = TRUE;
  *is_end = text[p + 1] == '/';
  for (q = p + 1; q < to; q++)
    {
      if (quote != 0)
        {
          if (text[q] == quote)
            quote = 0;
        }
      else if (text[q] == '"' || text[q] == '\'')
        quote = text[q];
      else if (text[q] == '>')
        {
          *is_empty = text[q - 1] == '/';
          return q + 1;
        }
    }
  return 0;
}

/* The child elements of the content [@from, @to): a new array of Span, or
 * NULL when the text does not parse as expected. */
static GArray *
children (const char *text,
          gsize       from,
          gsize       to)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, TRUE, sizeof (Span));
  int depth = 0;
  Span cur = { 0 };
  gsize p = from;

  g_array_set_clear_func (spans, span_clear);
  while (p < to)
    {
      gboolean element, end, empty;
      gsize next;

      if (text[p] != '<')
        {
          p++;
          continue;
        }
      next = skip_markup (text, p, to, &element, &end, &empty);
      if (next == 0)
        return NULL;
      if (element && !end)
        {
          if (depth == 0)
            {
              gsize n = p + 1;

              while (n < next && !g_ascii_isspace (text[n]) && text[n] != '>' && text[n] != '/')
                n++;
              cur.start = p;
              cur.content = next;
              cur.name = g_strndup (text + p + 1, n - p - 1);
            }
          if (empty)
            {
              if (depth == 0)
                {
                  cur.content_end = next;
                  cur.end = next;
                  g_array_append_val (spans, cur);
                  memset (&cur, 0, sizeof cur);
                }
            }
          else
            depth++;
        }
      else if (element && end)
        {
          if (--depth < 0)
            return NULL;
          if (depth == 0)
            {
              cur.content_end = p;
              cur.end = next;
              g_array_append_val (spans, cur);
              memset (&cur, 0, sizeof cur);
            }
        }
      p = next;
    }
  if (depth != 0)
    {
      g_free (cur.name);
      return NULL;
    }
  return g_steal_pointer (&spans);
}

static gboolean
same_text (const char *a,
           const Span *sa,
           const char *b,
           const Span *sb)
{
  return sa->end - sa->start == sb->end - sb->start &&
         memcmp (a + sa->start, b + sb->start, sa->end - sa->start) == 0;
}

/* Appends to @out the content [@of, @oto) of ORIGINAL with its children
 * replaced as EDITED's content [@ef, @eto) asks, BASE's [@bf, @bto) telling
 * what was there.  FALSE (and nothing appended) when they do not pair up. */
static gboolean
splice (GString    *out,
        const char *original,
        gsize       of,
        gsize       oto,
        const char *base,
        gsize       bf,
        gsize       bto,
        const char *edited,
        gsize       ef,
        gsize       eto,
        guint       depth)
{
  g_autoptr(GArray) o = children (original, of, oto);
  g_autoptr(GArray) b = children (base, bf, bto);
  g_autoptr(GArray) e = children (edited, ef, eto);
  g_autoptr(GString) piece = NULL;
  gsize at = of;

  if (o == NULL || b == NULL || e == NULL || o->len != b->len || b->len != e->len || o->len == 0)
    return FALSE;
  for (guint i = 0; i < o->len; i++)
    {
      const Span *so = &g_array_index (o, Span, i);
      const Span *sb = &g_array_index (b, Span, i);
      const Span *se = &g_array_index (e, Span, i);

      if (g_strcmp0 (so->name, sb->name) != 0 || g_strcmp0 (sb->name, se->name) != 0)
        return FALSE;
    }

  piece = g_string_new (NULL);
  for (guint i = 0; i < o->len; i++)
    {
      const Span *so = &g_array_index (o, Span, i);
      const Span *sb = &g_array_index (b, Span, i);
      const Span *se = &g_array_index (e, Span, i);

      /* What stands between elements (blank lines, comments) as written */
      g_string_append_len (piece, original + at, so->start - at);
      if (same_text (base, sb, edited, se))
        g_string_append_len (piece, original + so->start, so->end - so->start);
      else
        {
          gsize mark = piece->len;
          gboolean inner = FALSE;

          /* Same start tag: go inside and keep what did not change there */
          if (depth + 1 < MAX_DEPTH &&
              sb->content - sb->start == se->content - se->start &&
              memcmp (base + sb->start, edited + se->start, sb->content - sb->start) == 0 &&
              so->content_end > so->content)
            {
              g_string_append_len (piece, original + so->start, so->content - so->start);
              inner = splice (piece, original, so->content, so->content_end, base, sb->content, sb->content_end,
                              edited, se->content, se->content_end, depth + 1);
              if (inner)
                g_string_append_len (piece, original + so->content_end, so->end - so->content_end);
              else
                g_string_truncate (piece, mark);
            }
          if (!inner)
            g_string_append_len (piece, edited + se->start, se->end - se->start);
        }
      at = so->end;
    }
  g_string_append_len (piece, original + at, oto - at);
  g_string_append_len (out, piece->str, piece->len);
  return TRUE;
}

char *
dd_scenario_text_splice (const char *original,
                         const char *base,
                         const char *edited)
{
  g_autoptr(GString) out = NULL;

  g_return_val_if_fail (original != NULL && base != NULL && edited != NULL, NULL);

  if (strcmp (base, edited) == 0)
    return g_strdup (original);
  out = g_string_new (NULL);
  /* The whole document is the content of an imaginary parent */
  if (!splice (out, original, 0, strlen (original), base, 0, strlen (base), edited, 0, strlen (edited), 0))
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}
