/* test-journal.c — the drill journal: durability, damage detection, recovery
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "dd-error.h"
#include "dd-journal.h"

#include "dd-test-util.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("dd-journal-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  dd_journal_set_io_for_testing (NULL);
  dd_test_rm_rf (f->dir);
  g_free (f->dir);
}

static char *
path_in (Fixture    *f,
         const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static JsonObject *
make_header (Fixture *f)
{
  JsonObject *h = json_object_new ();
  g_autofree char *plan = path_in (f, "plan.xml");
  g_autofree char *scen = path_in (f, "scenario.xml");
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (plan, "<plan id=\"p\"/>\n", -1, NULL));
  g_assert_true (g_file_set_contents (scen, "<scenario id=\"s\"/>\n", -1, NULL));
  g_assert_true (dd_journal_header_add_source (h, "plan", "jincheng-2020", "金城市网络安全事件应急预案",
                                               plan, &error));
  g_assert_no_error (error);
  g_assert_true (dd_journal_header_add_source (h, "scenario", "ransomware", "勒索软件演练",
                                               scen, &error));
  g_assert_no_error (error);
  return h;
}

static JsonObject *
body_n (int n)
{
  JsonObject *b = json_object_new ();

  json_object_set_int_member (b, "n", n);
  json_object_set_string_member (b, "text", "市指挥部办公室收到报告 \"quoted\"\n第二行");
  json_object_set_double_member (b, "x", n / 3.0);
  return b;
}

/* Creates a journal with @n records after the header; returns its path. */
static char *
make_journal (Fixture    *f,
              const char *name,
              int         n)
{
  char *path = path_in (f, name);
  g_autoptr(JsonObject) header = make_header (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdJournal) j = dd_journal_create (path, header, &error);

  g_assert_no_error (error);
  g_assert_nonnull (j);
  for (int i = 1; i <= n; i++)
    {
      g_autoptr(JsonObject) b = body_n (i);

      g_assert_true (dd_journal_append (j, i % 2 ? "inject" : "action", b, &error));
      g_assert_no_error (error);
    }
  return path;
}

static char *
read_all (const char *path,
          gsize      *len)
{
  char *data = NULL;

  g_assert_true (g_file_get_contents (path, &data, len, NULL));
  return data;
}

/* Writes a test file without the fsync of g_file_set_contents (): the
 * every-offset and every-bit loops write thousands of files, and what they
 * test is how a journal is read and recovered, not how it is made durable
 * (the kill -9 and I/O fault tests do that). */
static void
write_plain (const char *path,
             const char *data,
             gsize       len)
{
  FILE *fp = fopen (path, "wb");

  g_assert_nonnull (fp);
  g_assert_cmpuint (fwrite (data, 1, len, fp), ==, len);
  g_assert_cmpint (fclose (fp), ==, 0);
}


static char **
read_lines (const char *path)
{
  g_autofree char *data = read_all (path, NULL);
  char **lines = g_strsplit (data, "\n", -1);

  /* Drop the empty string after the final newline. */
  g_assert_cmpstr (lines[g_strv_length (lines) - 1], ==, "");
  g_free (lines[g_strv_length (lines) - 1]);
  lines[g_strv_length (lines) - 1] = NULL;
  return lines;
}

static void
write_lines (const char  *path,
             char       **lines)
{
  g_autofree char *joined = g_strjoinv ("\n", lines);
  g_autofree char *data = g_strconcat (joined, "\n", NULL);

  g_assert_true (g_file_set_contents (path, data, -1, NULL));
}

/* A line with a correct checksum over @prefix. */
static char *
sealed_line (const char *prefix)
{
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, prefix, -1);

  return g_strdup_printf ("%s,\"sum\":\"%s\"}", prefix, sum);
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = make_journal (f, "j.jsonl", 5);
  g_autoptr(GError) error = NULL;
  DdJournalRecovery rec = { 0 };
  g_autoptr(DdJournal) j = dd_journal_open (path, &rec, &error);
  g_autofree char *head = NULL;
  JsonObject *header, *plan;
  DdJournalDamage damage;

  g_assert_no_error (error);
  g_assert_false (rec.torn);
  g_assert_null (rec.message);
  g_assert_cmpuint (rec.n_records, ==, 6);
  g_assert_cmpuint (dd_journal_get_n_records (j), ==, 5);
  g_assert_cmpuint (dd_journal_get_n_durable (j), ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      const DdJournalRecord *r = dd_journal_get_record (j, i);

      g_assert_cmpuint (r->seq, ==, i + 1);
      g_assert_cmpstr (r->type, ==, (i + 1) % 2 ? "inject" : "action");
      g_assert_cmpint (json_object_get_int_member (r->body, "n"), ==, i + 1);
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (r->body, "x"), (i + 1) / 3.0, 1e-12);
      g_assert_cmpstr (json_object_get_string_member (r->body, "text"), ==,
                       "市指挥部办公室收到报告 \"quoted\"\n第二行");
      g_assert_cmpint (strlen (r->hash), ==, 64);
      if (i > 0)
        g_assert_cmpstr (r->prev, ==, dd_journal_get_record (j, i - 1)->hash);
      g_assert_cmpint (r->time_us, >, 0);
    }

  header = dd_journal_get_header (j);
  g_assert_cmpstr (json_object_get_string_member (header, "format"), ==, DD_JOURNAL_FORMAT);
  g_assert_cmpint (json_object_get_int_member (header, "version"), ==, DD_JOURNAL_VERSION);
  plan = json_object_get_object_member (header, "plan");
  g_assert_cmpstr (json_object_get_string_member (plan, "title"), ==, "金城市网络安全事件应急预案");
  g_assert_cmpstr (json_object_get_string_member (plan, "id"), ==, "jincheng-2020");
  g_assert_cmpstr (json_object_get_string_member (plan, "file"), ==, "plan.xml");
  {
    g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "<plan id=\"p\"/>\n", -1);

    g_assert_cmpstr (json_object_get_string_member (plan, "sha256"), ==, sum);
  }
  g_assert_true (json_object_has_member (header, "scenario"));

  /* A second writer is refused while this one holds the journal. */
  {
    g_autoptr(DdJournal) other = dd_journal_open (path, NULL, &error);

    g_assert_error (error, DD_ERROR, DD_ERROR_STATE);
    g_assert_null (other);
    g_clear_error (&error);
  }

  /* Continue after the last record. */
  {
    g_autoptr(JsonObject) b = body_n (6);

    g_assert_true (dd_journal_append (j, "action", b, &error));
    g_assert_no_error (error);
    g_assert_true (dd_journal_finish (j, NULL, &error));
    g_assert_no_error (error);
    g_assert_false (dd_journal_append (j, "action", b, &error));
    g_assert_error (error, DD_ERROR, DD_ERROR_STATE);
    g_clear_error (&error);
  }
  head = g_strdup (dd_journal_get_head_hash (j));
  g_clear_object (&j);

  g_assert_true (dd_journal_verify_file (path, &damage, &error));
  g_assert_no_error (error);
  g_assert_cmpint (damage.kind, ==, DD_JOURNAL_DAMAGE_NONE);
  g_assert_cmpuint (damage.n_good, ==, 8);
  g_assert_cmpstr (damage.head, ==, head);

  j = dd_journal_load (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (dd_journal_is_read_only (j));
  g_assert_true (dd_journal_is_finished (j));
  g_assert_cmpuint (dd_journal_get_n_records (j), ==, 7);
  g_assert_cmpstr (dd_journal_get_record (j, 6)->type, ==, DD_JOURNAL_TYPE_END);
  g_assert_cmpstr (dd_journal_get_head_hash (j), ==, head);
  g_assert_false (dd_journal_append (j, "action", NULL, &error));
  g_assert_error (error, DD_ERROR, DD_ERROR_STATE);
  g_clear_error (&error);

  /* create refuses an existing file. */
  {
    g_autoptr(DdJournal) again = dd_journal_create (path, NULL, &error);

    g_assert_error (error, DD_ERROR, DD_ERROR_IO);
    g_assert_null (again);
  }
  dd_journal_recovery_clear (&rec);
}

static void
test_invalid_append (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = make_journal (f, "j.jsonl", 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdJournal) j = dd_journal_open (path, NULL, &error);
  g_autoptr(JsonObject) nan_body = json_object_new ();
  g_autofree char *before = read_all (path, NULL);
  g_autofree char *after = NULL;
  const char *bad_types[] = { "", "Action", "header", "a b", "1x", "a\"b" };

  g_assert_no_error (error);
  for (gsize i = 0; i < G_N_ELEMENTS (bad_types); i++)
    {
      g_assert_false (dd_journal_append (j, bad_types[i], NULL, &error));
      g_assert_error (error, DD_ERROR, DD_ERROR_INVALID);
      g_clear_error (&error);
    }
  json_object_set_double_member (nan_body, "x", NAN);
  g_assert_false (dd_journal_append (j, "action", nan_body, &error));
  g_assert_error (error, DD_ERROR, DD_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpuint (dd_journal_get_n_records (j), ==, 2);
  g_assert_false (dd_journal_is_failed (j));
  after = read_all (path, NULL);
  g_assert_cmpstr (before, ==, after);
}

/* Every prefix of a journal: exactly its complete lines come back. */
static void
test_cut_every_offset (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = make_journal (f, "full.jsonl", 4);
  gsize len = 0;
  g_autofree char *full = read_all (path, &len);

  dd_test_journal_no_sync ();
  for (gsize cut = 0; cut <= len; cut++)
    {
      g_autofree char *name = g_strdup_printf ("cut-%" G_GSIZE_FORMAT ".jsonl", cut);
      g_autofree char *cpath = path_in (f, name);
      g_autoptr(GError) error = NULL;
      g_autoptr(DdJournal) j = NULL;
      DdJournalRecovery rec = { 0 };
      DdJournalDamage damage;
      guint complete = 0;
      gsize boundary = 0;
      gboolean ok;

      for (gsize i = 0; i < cut; i++)
        if (full[i] == '\n')
          {
            complete++;
            boundary = i + 1;
          }
      write_plain (cpath, full, cut);

      ok = dd_journal_verify_file (cpath, &damage, &error);
      if (cut == boundary && cut > 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_error (error, DD_ERROR, DD_ERROR_TORN);
          g_assert_false (ok);
          g_assert_cmpint (damage.kind, ==, DD_JOURNAL_DAMAGE_TORN_TAIL);
          g_assert_cmpuint (damage.seq, ==, complete);
          g_assert_cmpuint (damage.line, ==, complete + 1);
        }
      g_assert_cmpuint (damage.n_good, ==, complete);
      g_clear_error (&error);

      j = dd_journal_open (cpath, &rec, &error);
      if (complete == 0)
        {
          g_assert_error (error, DD_ERROR, DD_ERROR_TORN);
          g_assert_null (j);
          continue;
        }
      g_assert_no_error (error);
      g_assert_cmpuint (rec.n_records, ==, complete);
      g_assert_cmpuint (dd_journal_get_n_records (j), ==, complete - 1);
      g_assert_cmpint (rec.torn, ==, cut != boundary);
      if (rec.torn)
        {
          g_autofree char *aside = NULL;
          gsize aside_len = 0;

          g_assert_nonnull (rec.message);
          g_assert_nonnull (rec.torn_path);
          g_assert_cmpuint (rec.torn_offset, ==, boundary);
          aside = read_all (rec.torn_path, &aside_len);
          g_assert_cmpuint (aside_len, ==, cut - boundary);
          g_assert_cmpmem (aside, aside_len, full + boundary, cut - boundary);
        }
      /* It continues after the last good record, and the result is intact. */
      g_assert_true (dd_journal_append (j, "action", NULL, &error));
      g_assert_no_error (error);
      g_clear_object (&j);
      g_assert_true (dd_journal_verify_file (cpath, &damage, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (damage.n_good, ==, complete + 1);
      {
        g_autofree char *now = NULL;
        gsize now_len = 0;

        now = read_all (cpath, &now_len);
        g_assert_cmpmem (now, boundary, full, boundary);
      }
      dd_journal_recovery_clear (&rec);
    }
}

/* Flip every bit of every byte: each change is found in the right line. */
static void
test_bit_flips (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = make_journal (f, "full.jsonl", 4);
  g_autofree char *fpath = path_in (f, "flipped.jsonl");
  gsize len = 0;
  g_autofree char *full = read_all (path, &len);
  g_autofree char *buf = g_malloc (len);
  guint n_lines = 0;
  guint line = 1;

  for (gsize i = 0; i < len; i++)
    n_lines += full[i] == '\n';

  for (gsize i = 0; i < len; i++)
    {
      for (int bit = 0; bit < 8; bit++)
        {
          g_autoptr(GError) error = NULL;
          DdJournalDamage damage;

          memcpy (buf, full, len);
          buf[i] ^= 1 << bit;
          write_plain (fpath, buf, len);
          if (dd_journal_verify_file (fpath, &damage, &error))
            g_error ("bit %d of byte %" G_GSIZE_FORMAT " flipped but the journal verifies", bit, i);
          g_assert_nonnull (error);
          g_assert_cmpuint (damage.line, ==, line);
          g_assert_cmpuint (damage.seq, ==, line - 1);
          g_assert_cmpuint (damage.n_good, ==, line - 1);
          if (damage.kind == DD_JOURNAL_DAMAGE_TORN_TAIL)
            g_assert_cmpuint (line, ==, n_lines);
          else
            g_assert_true (damage.kind == DD_JOURNAL_DAMAGE_CHANGED ||
                           damage.kind == DD_JOURNAL_DAMAGE_MALFORMED);
          {
            g_autofree char *prefix = g_strdup_printf ("%s:%u:", fpath, line);

            g_assert_true (g_str_has_prefix (error->message, prefix));
          }

          /* Resuming: any damage stops it, except a last line cut short
           * (the final newline flipped), which is set aside. */
          if (bit == (int) (i % 8))
            {
              DdJournalRecovery rec = { 0 };
              g_autoptr(DdJournal) j = NULL;

              g_clear_error (&error);
              j = dd_journal_open (fpath, &rec, &error);
              if (i != len - 1)
                {
                  g_assert_null (j);
                  g_assert_true (g_error_matches (error, DD_ERROR, DD_ERROR_CORRUPT) ||
                                 g_error_matches (error, DD_ERROR, DD_ERROR_MALFORMED) ||
                                 (line == 1 && g_error_matches (error, DD_ERROR, DD_ERROR_TORN)));
                }
              else
                {
                  g_assert_no_error (error);
                  g_assert_true (rec.torn);
                  g_assert_cmpuint (dd_journal_get_n_records (j), ==, n_lines - 2);
                  g_clear_object (&j);
                  g_unlink (rec.torn_path);
                }
              dd_journal_recovery_clear (&rec);
            }
        }
      if (full[i] == '\n')
        line++;
    }
}

static void
expect_damage (const char          *path,
               DdJournalDamageKind  kind,
               guint64              seq,
               const char          *word)
{
  g_autoptr(GError) error = NULL;
  DdJournalDamage damage;

  g_assert_false (dd_journal_verify_file (path, &damage, &error));
  g_assert_error (error, DD_ERROR, DD_ERROR_CORRUPT);
  g_test_message ("%s", error->message);
  g_assert_cmpstr (dd_journal_damage_kind_to_string (damage.kind), ==,
                   dd_journal_damage_kind_to_string (kind));
  g_assert_cmpuint (damage.seq, ==, seq);
  g_assert_nonnull (strstr (error->message, word));
}

static void
test_removed_reordered (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = make_journal (f, "full.jsonl", 5);
  g_autofree char *work = path_in (f, "work.jsonl");
  g_auto(GStrv) lines = read_lines (path);

  g_assert_cmpuint (g_strv_length (lines), ==, 6);

  /* Remove record 3. */
  {
    char *v[] = { lines[0], lines[1], lines[2], lines[4], lines[5], NULL };

    write_lines (work, v);
    expect_damage (work, DD_JOURNAL_DAMAGE_REMOVED, 3, "removed");
  }
  /* Remove records 2 and 3. */
  {
    char *v[] = { lines[0], lines[1], lines[4], lines[5], NULL };

    write_lines (work, v);
    expect_damage (work, DD_JOURNAL_DAMAGE_REMOVED, 2, "removed");
  }
  /* Remove the header. */
  {
    char *v[] = { lines[1], lines[2], lines[3], lines[4], lines[5], NULL };

    write_lines (work, v);
    expect_damage (work, DD_JOURNAL_DAMAGE_REMOVED, 0, "removed");
  }
  /* Swap records 2 and 3. */
  {
    char *v[] = { lines[0], lines[1], lines[3], lines[2], lines[4], lines[5], NULL };

    write_lines (work, v);
    expect_damage (work, DD_JOURNAL_DAMAGE_REORDERED, 2, "out of order");
  }
  /* Move the last record to the front of the records. */
  {
    char *v[] = { lines[0], lines[5], lines[1], lines[2], lines[3], lines[4], NULL };

    write_lines (work, v);
    expect_damage (work, DD_JOURNAL_DAMAGE_REORDERED, 1, "out of order");
  }
  /* Record 2 twice. */
  {
    char *v[] = { lines[0], lines[1], lines[2], lines[2], lines[3], lines[4], lines[5], NULL };

    write_lines (work, v);
    expect_damage (work, DD_JOURNAL_DAMAGE_REORDERED, 3, "out of order");
  }
  /* Record 3 rewritten with a fresh checksum: the chain breaks at 4. */
  {
    char *body_at;
    g_autofree char *prefix = NULL;
    g_autofree char *forged = NULL;
    char *sum_at = strstr (lines[3], ",\"sum\":\"");
    char *v[] = { lines[0], lines[1], lines[2], NULL, lines[4], lines[5], NULL };

    g_assert_nonnull (sum_at);
    prefix = g_strndup (lines[3], sum_at - lines[3]);
    body_at = strstr (prefix, "\"n\":3");
    g_assert_nonnull (body_at);
    body_at[4] = '9';
    forged = sealed_line (prefix);
    v[3] = forged;
    write_lines (work, v);
    expect_damage (work, DD_JOURNAL_DAMAGE_CHANGED, 3, "changed");
    /* And resuming refuses it. */
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DdJournal) j = dd_journal_open (work, NULL, &error);

      g_assert_null (j);
      g_assert_error (error, DD_ERROR, DD_ERROR_CORRUPT);
      g_assert_true (g_str_has_prefix (error->message, work));
    }
  }

  /* Dropping whole records from the end is only seen against the head. */
  {
    char *v[] = { lines[0], lines[1], lines[2], lines[3], lines[4], NULL };
    g_autoptr(GError) error = NULL;
    DdJournalDamage full_d, cut_d;

    g_assert_true (dd_journal_verify_file (path, &full_d, &error));
    write_lines (work, v);
    g_assert_true (dd_journal_verify_file (work, &cut_d, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (full_d.head, !=, cut_d.head);
  }

}

static void
test_malformed_positions (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *path = make_journal (f, "full.jsonl", 1);
  g_autofree char *work = path_in (f, "work.jsonl");
  g_auto(GStrv) lines = read_lines (path);
  g_autofree char *hash1 = NULL;
  struct
  {
    const char *head;    /* up to "prev":" */
    const char *tail;    /* after the prev hash */
    const char *needle;
  } cases[] = {
    { "{\"seq\":\"1\",\"type\":\"action\",\"time\":\"2024-01-01T00:00:00Z\",\"prev\":\"", "\",\"body\":{}", "\"seq\"" },
    { "{\"seq\":1,\"type\":\"Action\",\"time\":\"2024-01-01T00:00:00Z\",\"prev\":\"", "\",\"body\":{}", "\"type\"" },
    { "{\"seq\":1,\"type\":\"action\",\"time\":\"yesterday\",\"prev\":\"", "\",\"body\":{}", "\"time\"" },
    { "{\"seq\":1,\"type\":\"action\",\"time\":\"2024-01-01T00:00:00Z\",\"prev\":\"", "\",\"body\":[]", "\"body\"" },
    { "{\"seq\":1,\"type\":\"action\",\"time\":\"2024-01-01T00:00:00Z\",\"prev\":\"", "\",\"body\":{},\"x\":1", "\"x\"" },
    { "{\"seq\":1,\"type\":\"header\",\"time\":\"2024-01-01T00:00:00Z\",\"prev\":\"", "\",\"body\":{}", "\"type\"" },
  };

  {
    char *sum_at = strstr (lines[0], ",\"sum\":\"");

    hash1 = g_strndup (sum_at + 8, 64);
  }

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *prefix = g_strconcat (cases[i].head, hash1, cases[i].tail, NULL);
      g_autofree char *line = sealed_line (prefix);
      char *v[] = { lines[0], line, NULL };
      g_autoptr(GError) error = NULL;
      DdJournalDamage damage;
      g_autofree char *expect = NULL;

      write_lines (work, v);
      g_assert_false (dd_journal_verify_file (work, &damage, &error));
      g_assert_error (error, DD_ERROR, DD_ERROR_MALFORMED);
      g_assert_cmpint (damage.kind, ==, DD_JOURNAL_DAMAGE_MALFORMED);
      g_assert_cmpuint (damage.line, ==, 2);
      expect = g_strdup_printf ("%s:2:%d: record 1 ", work,
                                (int) (strstr (line, cases[i].needle) - line) + 1);
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, expect));

      /* A sealed but malformed last record is not a torn write: refused. */
      g_clear_error (&error);
      {
        g_autoptr(DdJournal) j = dd_journal_open (work, NULL, &error);

        g_assert_null (j);
        g_assert_error (error, DD_ERROR, DD_ERROR_MALFORMED);
      }
    }

  /* Not a journal at all. */
  {
    g_autoptr(GError) error = NULL;
    DdJournalDamage damage;

    g_assert_true (g_file_set_contents (work, "{\"hello\": 1}\n", -1, NULL));
    g_assert_false (dd_journal_verify_file (work, &damage, &error));
    g_assert_cmpint (damage.kind, ==, DD_JOURNAL_DAMAGE_MALFORMED);
    g_assert_true (g_str_has_prefix (error->message, work));
  }
}

/* Fault injection through the I/O table. */

typedef struct
{
  int     fail_errno;     /* errno to inject */
  gboolean on_sync;       /* fail fdatasync instead of write */
  gsize   short_bytes;    /* >0: first write of the failing call is this short */
  int     arm_after;      /* writes/syncs that succeed before the failure */
  int     target_fd;
  gboolean fired;
  int     writes_after;   /* writes to target_fd after the failure */
} Fault;

static Fault fault;

#define TARGETED(fd) ((fd) == fault.target_fd || fault.target_fd == -1)

static ssize_t
fault_write (int fd, const void *buf, size_t count)
{
  if (fault.fired && TARGETED (fd))
    fault.writes_after++;
  if (!fault.on_sync && TARGETED (fd) && !fault.fired)
    {
      if (fault.arm_after-- <= 0)
        {
          if (fault.short_bytes > 0 && fault.short_bytes < count)
            {
              ssize_t n = write (fd, buf, fault.short_bytes);

              fault.short_bytes = 0;
              return n;
            }
          fault.fired = TRUE;
          errno = fault.fail_errno;
          return -1;
        }
    }
  return write (fd, buf, count);
}

static int
fault_fdatasync (int fd)
{
  if (fault.on_sync && TARGETED (fd) && !fault.fired && fault.arm_after-- <= 0)
    {
      fault.fired = TRUE;
      errno = fault.fail_errno;
      return -1;
    }
  return fdatasync (fd);
}

static int
fault_fsync (int fd)
{
  if (fault.fired && TARGETED (fd))
    fault.writes_after++;
  return fsync (fd);
}

static int
fault_open (const char *path, int flags, mode_t mode)
{
  return open (path, flags, mode);
}

static const DdJournalIo fault_io = {
  fault_open, fault_write, fault_fsync, fault_fdatasync, ftruncate, close,
};

static int
find_fd_of (const char *path)
{
  struct stat want;
  g_autoptr(GDir) d = g_dir_open ("/proc/self/fd", 0, NULL);
  const char *name;

  g_assert_cmpint (stat (path, &want), ==, 0);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      struct stat st;
      int fd = atoi (name);

      if (fstat (fd, &st) == 0 && st.st_ino == want.st_ino && st.st_dev == want.st_dev)
        return fd;
    }
  return -1;
}

static void
run_fault_case (Fixture    *f,
                int         err,
                gboolean    on_sync,
                gsize       short_bytes)
{
  g_autofree char *path = make_journal (f, "fault.jsonl", 3);
  g_autofree char *moved = path_in (f, "moved.jsonl");
  g_autoptr(GError) error = NULL;
  g_autoptr(DdJournal) j = dd_journal_open (path, NULL, &error);
  g_autofree char *before = NULL;
  gsize before_len = 0;
  g_autoptr(JsonObject) b4 = body_n (4);
  g_autoptr(JsonObject) b5 = body_n (5);
  DdJournalDamage damage;

  g_assert_no_error (error);
  before = read_all (path, &before_len);

  memset (&fault, 0, sizeof fault);
  fault.fail_errno = err;
  fault.on_sync = on_sync;
  fault.short_bytes = short_bytes;
  fault.target_fd = find_fd_of (path);
  g_assert_cmpint (fault.target_fd, >=, 0);
  dd_journal_set_io_for_testing (&fault_io);

  g_assert_false (dd_journal_append (j, "action", b4, &error));
  g_assert_error (error, DD_ERROR, DD_ERROR_IO);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, g_strerror (err)));
  g_assert_nonnull (strstr (error->message, "record 4"));
  g_clear_error (&error);
  g_assert_true (fault.fired);
  g_assert_true (dd_journal_is_failed (j));
  g_assert_cmpuint (dd_journal_get_n_records (j), ==, 4);
  g_assert_cmpuint (dd_journal_get_n_durable (j), ==, 3);
  g_assert_cmpuint (dd_journal_get_n_pending (j), ==, 1);

  /* Later appends fail clearly, keep their record, never touch the file. */
  g_assert_false (dd_journal_append (j, "action", b5, &error));
  g_assert_error (error, DD_ERROR, DD_ERROR_IO);
  g_clear_error (&error);
  g_assert_cmpuint (dd_journal_get_n_pending (j), ==, 2);
  g_assert_cmpint (json_object_get_int_member (dd_journal_get_record (j, 4)->body, "n"), ==, 5);
  g_assert_cmpint (fault.writes_after, ==, 0);

  /* What was written before is intact. */
  {
    g_autofree char *now = NULL;
    gsize now_len = 0;

    now = read_all (path, &now_len);
    g_assert_cmpuint (now_len, >=, before_len);
    g_assert_cmpmem (now, before_len, before, before_len);
    if (dd_journal_verify_file (path, &damage, NULL))
      g_assert_cmpuint (damage.n_good, >=, 4);   /* sync failed after the write */
    else
      {
        g_assert_cmpint (damage.kind, ==, DD_JOURNAL_DAMAGE_TORN_TAIL);
        g_assert_cmpuint (damage.n_good, ==, 4);
      }
  }

  /* Continue in a new file with everything, including the pending ones. */
  dd_journal_set_io_for_testing (NULL);
  g_assert_true (dd_journal_relocate (j, moved, &error));
  g_assert_no_error (error);
  g_assert_false (dd_journal_is_failed (j));
  g_assert_cmpuint (dd_journal_get_n_pending (j), ==, 0);
  g_assert_true (dd_journal_append (j, "action", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (dd_journal_verify_file (moved, &damage, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (damage.n_good, ==, 7);
  g_assert_cmpstr (damage.head, ==, dd_journal_get_head_hash (j));
  g_clear_object (&j);

  /* The old file is still a readable journal of its durable records. */
  {
    DdJournalRecovery rec = { 0 };
    g_autoptr(DdJournal) old = dd_journal_load (path, &rec, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (dd_journal_get_n_records (old), >=, 3);
    g_assert_cmpint (json_object_get_int_member (dd_journal_get_record (old, 2)->body, "n"), ==, 3);
    dd_journal_recovery_clear (&rec);
  }
}

typedef struct
{
  const char *name;
  int         err;
  gboolean    on_sync;
  gsize       short_bytes;
} FaultCase;

static const FaultCase fault_cases[] = {
  { "/dd/journal/io/enospc", ENOSPC, FALSE, 0 },
  { "/dd/journal/io/enospc-short-write", ENOSPC, FALSE, 17 },
  { "/dd/journal/io/efbig", EFBIG, FALSE, 5 },
  { "/dd/journal/io/eio-on-sync", EIO, TRUE, 0 },
};

static void
test_fault (Fixture       *f,
            gconstpointer  data)
{
  const FaultCase *c = data;

  run_fault_case (f, c->err, c->on_sync, c->short_bytes);
}

static void
test_create_fails (Fixture *f, gconstpointer data)
{
  g_autofree char *path = path_in (f, "new.jsonl");
  g_autoptr(GError) error = NULL;
  g_autoptr(DdJournal) j = NULL;

  memset (&fault, 0, sizeof fault);
  fault.fail_errno = ENOSPC;
  fault.target_fd = -1;   /* every file */
  dd_journal_set_io_for_testing (&fault_io);
  j = dd_journal_create (path, NULL, &error);
  g_assert_null (j);
  g_assert_error (error, DD_ERROR, DD_ERROR_IO);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* EFBIG for real: RLIMIT_FSIZE in a child with SIGXFSZ ignored. */
static void
test_efbig_rlimit (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = make_journal (f, "limit.jsonl", 2);
  int fds[2];
  pid_t pid;
  int status = 0;
  guint acked = 0;
  guint32 v;

  g_assert_cmpint (pipe (fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(DdJournal) j = NULL;
      GError *error = NULL;
      struct rlimit rl;
      struct stat st;
      off_t size_at_fail;
      int code = 0;

      close (fds[0]);
      signal (SIGXFSZ, SIG_IGN);
      j = dd_journal_open (path, NULL, &error);
      if (j == NULL)
        _exit (10);
      stat (path, &st);
      rl.rlim_cur = rl.rlim_max = st.st_size + 1500;
      if (setrlimit (RLIMIT_FSIZE, &rl) != 0)
        _exit (11);
      for (int i = 3; i < 1000; i++)
        {
          g_autoptr(JsonObject) b = body_n (i);

          if (!dd_journal_append (j, "action", b, &error))
            break;
          v = i;
          if (write (fds[1], &v, sizeof v) != sizeof v)
            _exit (12);
        }
      if (error == NULL || !g_error_matches (error, DD_ERROR, DD_ERROR_IO) ||
          strstr (error->message, g_strerror (EFBIG)) == NULL)
        _exit (13);
      g_clear_error (&error);
      stat (path, &st);
      size_at_fail = st.st_size;
      if (dd_journal_append (j, "action", NULL, &error) || error == NULL)
        code = 14;
      g_clear_error (&error);
      stat (path, &st);
      if (st.st_size != size_at_fail)
        code = 15;
      if (!dd_journal_is_failed (j) || dd_journal_get_n_pending (j) != 2)
        code = 16;
      _exit (code);
    }
  close (fds[1]);
  while (read (fds[0], &v, sizeof v) == sizeof v)
    acked = v;
  close (fds[0]);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_cmpuint (acked, >=, 3);

  {
    g_autoptr(GError) error = NULL;
    DdJournalRecovery rec = { 0 };
    g_autoptr(DdJournal) j = dd_journal_open (path, &rec, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (dd_journal_get_n_records (j), ==, acked);
    for (guint i = 0; i < acked; i++)
      g_assert_cmpuint (dd_journal_get_record (j, i)->seq, ==, i + 1);
    dd_journal_recovery_clear (&rec);
  }
}

/* kill -9 at random moments: no acknowledged record is lost. */
static void
test_kill9 (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = make_journal (f, "kill.jsonl", 0);
  guint acked_max = 0;

  for (int round = 0; round < 12; round++)
    {
      int fds[2];
      pid_t pid;
      int status = 0;
      guint32 v;
      guint64 want = g_test_rand_int_range (1, 60);
      guint64 seen = 0;

      g_assert_cmpint (pipe (fds), ==, 0);
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          g_autoptr(DdJournal) j = NULL;
          GError *error = NULL;

          close (fds[0]);
          j = dd_journal_open (path, NULL, &error);
          if (j == NULL)
            _exit (10);
          for (;;)
            {
              g_autoptr(JsonObject) b = body_n (dd_journal_get_n_records (j) + 1);

              if (!dd_journal_append (j, "action", b, &error))
                _exit (11);
              v = dd_journal_get_n_records (j);
              if (write (fds[1], &v, sizeof v) != sizeof v)
                _exit (12);
            }
        }
      close (fds[1]);
      while (seen < want && read (fds[0], &v, sizeof v) == sizeof v)
        {
          seen++;
          acked_max = MAX (acked_max, v);
        }
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));
      while (read (fds[0], &v, sizeof v) == sizeof v)
        acked_max = MAX (acked_max, v);
      close (fds[0]);

      {
        g_autoptr(GError) error = NULL;
        DdJournalRecovery rec = { 0 };
        g_autoptr(DdJournal) j = dd_journal_open (path, &rec, &error);

        g_assert_no_error (error);
        g_assert_cmpuint (dd_journal_get_n_records (j), >=, acked_max);
        for (guint i = 0; i < dd_journal_get_n_records (j); i++)
          {
            const DdJournalRecord *r = dd_journal_get_record (j, i);

            g_assert_cmpuint (r->seq, ==, i + 1);
            g_assert_cmpint (json_object_get_int_member (r->body, "n"), ==, i + 1);
          }
        acked_max = MAX (acked_max, dd_journal_get_n_records (j));
        dd_journal_recovery_clear (&rec);
      }
    }
  g_assert_true (dd_journal_verify_file (path, NULL, NULL));
}

/* drilldesk-cli verify / validate on journals. */

static int
run_cli (const char  *const *args,
         char              **err_out)
{
  const char *cli = g_getenv ("DD_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_ptr_array_add (argv, (gpointer) cli);
  for (int i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT,
                               NULL, NULL, &out, &err, &status, &error));
  if (err_out != NULL)
    *err_out = g_steal_pointer (&err);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_cli_verify (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *work = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *head = NULL;

  if (g_getenv ("DD_CLI") == NULL)
    {
      g_test_skip ("DD_CLI is not set");
      return;
    }
  path = make_journal (f, "full.jsonl", 4);
  work = path_in (f, "work.jsonl");
  lines = read_lines (path);
  {
    DdJournalDamage d;

    g_assert_true (dd_journal_verify_file (path, &d, NULL));
    head = g_strdup (d.head);
  }

  {
    const char *a[] = { "verify", path, NULL };
    g_assert_cmpint (run_cli (a, NULL), ==, 0);
  }
  {
    const char *a[] = { "verify", "--head", head, path, NULL };
    g_assert_cmpint (run_cli (a, NULL), ==, 0);
  }
  {
    g_autofree char *err = NULL;
    const char *a[] = { "verify", "--head", "0000000000000000000000000000000000000000000000000000000000000001", path, NULL };
    g_assert_cmpint (run_cli (a, &err), ==, 1);
    g_assert_nonnull (strstr (err, "head"));
  }
  {
    const char *a[] = { "validate", path, NULL };
    g_assert_cmpint (run_cli (a, NULL), ==, 0);
  }
  {
    const char *a[] = { "verify", NULL };
    g_assert_cmpint (run_cli (a, NULL), ==, 2);
  }
  {
    const char *a[] = { "verify", path, path, NULL };
    g_assert_cmpint (run_cli (a, NULL), ==, 2);
  }
  {
    const char *a[] = { "verify", "--bogus", path, NULL };
    g_assert_cmpint (run_cli (a, NULL), ==, 2);
  }
  {
    g_autofree char *missing = path_in (f, "missing.jsonl");
    const char *a[] = { "verify", missing, NULL };
    g_assert_cmpint (run_cli (a, NULL), ==, 1);
  }

  /* Each kind of damage: exit 1, naming the record and the damage. */
  {
    struct { char *v[7]; const char *words[3]; } cases[] = {
      { { lines[0], lines[1], lines[3], lines[4], NULL }, { "record 2", "removed", ":3:" } },
      { { lines[0], lines[2], lines[1], lines[3], lines[4], NULL }, { "record 1", "out of order", ":2:" } },
    };

    for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autofree char *err = NULL;
        const char *a[] = { "verify", work, NULL };
        const char *b[] = { "validate", work, NULL };

        write_lines (work, cases[i].v);
        g_assert_cmpint (run_cli (a, &err), ==, 1);
        for (int k = 0; k < 3; k++)
          g_assert_nonnull (strstr (err, cases[i].words[k]));
        g_assert_cmpint (run_cli (b, NULL), ==, 1);
      }
  }
  /* Changed. */
  {
    g_autofree char *err = NULL;
    g_autofree char *text = NULL;
    gsize len;
    const char *a[] = { "verify", work, NULL };
    gsize at;

    g_assert_true (g_file_get_contents (path, &text, &len, NULL));
    g_assert_nonnull (strstr (text, "\"n\":3"));
    at = strstr (text, "\"n\":3") - text;
    text[at + 4] = '7';
    g_assert_true (g_file_set_contents (work, text, len, NULL));
    g_assert_cmpint (run_cli (a, &err), ==, 1);
    g_assert_nonnull (strstr (err, "record 3"));
    g_assert_nonnull (strstr (err, "changed"));
    g_assert_nonnull (strstr (err, ":4:"));
  }
  /* Torn tail. */
  {
    g_autofree char *err = NULL;
    g_autofree char *text = NULL;
    gsize len;
    const char *a[] = { "verify", work, NULL };

    text = read_all (path, &len);
    g_assert_true (g_file_set_contents (work, text, len - 10, NULL));
    g_assert_cmpint (run_cli (a, &err), ==, 1);
    g_assert_nonnull (strstr (err, "record 4"));
    g_assert_nonnull (strstr (err, "incomplete"));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/dd/journal/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("round-trip", test_round_trip);
  ADD ("invalid-append", test_invalid_append);
  ADD ("cut-at-every-offset", test_cut_every_offset);
  ADD ("bit-flip-every-byte", test_bit_flips);
  ADD ("removed-reordered-changed", test_removed_reordered);
  ADD ("malformed-positions", test_malformed_positions);
  for (gsize i = 0; i < G_N_ELEMENTS (fault_cases); i++)
    g_test_add (fault_cases[i].name, Fixture, &fault_cases[i],
                fixture_setup, test_fault, fixture_teardown);
  ADD ("io/create-fails", test_create_fails);
  ADD ("io/efbig-rlimit", test_efbig_rlimit);
  ADD ("kill-9", test_kill9);
  ADD ("cli-verify", test_cli_verify);

  return g_test_run ();
}
