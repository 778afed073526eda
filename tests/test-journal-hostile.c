/* test-journal-hostile.c — what users and accidents point a journal at:
 * deep JSON behind a valid checksum, files that are not regular, files that
 * are not journals, a file size limit, two programs creating one journal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <locale.h>
#include <glib/gi18n.h>

#include "dd-error.h"
#include "dd-journal.h"
#include "dd-locale.h"

#include "dd-test-util.h"

#define SCENARIO "ransomware-gov-cloud"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = dd_test_make_tmp_dir ("dd-journal-hostile-XXXXXX");
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

/* A journal with its header only; returns its path. */
static char *
make_journal (Fixture    *f,
              const char *name)
{
  char *path = path_in (f, name);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdJournal) j = dd_journal_create (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (j);
  return path;
}

/* Appends to @path a record line whose body is @body_text, with the right
 * "prev" and a valid checksum: only the body is hostile. */
static void
append_sealed (const char *path,
               guint64     seq,
               const char *body_text)
{
  g_autoptr(GError) error = NULL;
  DdJournalDamage d;
  g_autofree char *prefix = NULL;
  g_autofree char *sum = NULL;
  g_autofree char *old = NULL;
  g_autofree char *data = NULL;

  g_assert_true (dd_journal_verify_file (path, &d, &error));
  g_assert_no_error (error);
  prefix = g_strdup_printf ("{\"seq\":%" G_GUINT64_FORMAT ",\"type\":\"note\","
                            "\"time\":\"2026-12-06T10:00:00.000000Z\",\"prev\":\"%s\",\"body\":%s",
                            seq, d.head, body_text);
  sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, prefix, -1);
  g_assert_true (g_file_get_contents (path, &old, NULL, NULL));
  data = g_strdup_printf ("%s%s,\"sum\":\"%s\"}\n", old, prefix, sum);
  g_assert_true (g_file_set_contents (path, data, -1, NULL));
}

static char *
nested (guint depth)
{
  GString *s = g_string_new ("{\"x\":");

  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, ']');
  g_string_append_c (s, '}');
  return g_string_free (s, FALSE);
}

typedef struct
{
  int   status;   /* exit status, or 128 + signal */
  char *out;
  char *err;
} Run;

static void
run_clear (Run *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

static void
child_setup_limit_cb (gpointer data)
{
  struct rlimit rl;

  /* The default disposition kills: the CLI must ignore SIGXFSZ itself. */
  signal (SIGXFSZ, SIG_DFL);
  rl.rlim_cur = rl.rlim_max = (rlim_t) GPOINTER_TO_SIZE (data);
  setrlimit (RLIMIT_FSIZE, &rl);
}

/* Runs drilldesk-cli with the NULL-terminated @args; @fsize_limit > 0 sets
 * RLIMIT_FSIZE in the child. */
static void
run_cli (Run               *r,
         gsize              fsize_limit,
         const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_ptr_array_add (argv, (gpointer) g_getenv ("DD_CLI"));
  for (int i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  run_clear (r);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT,
                               fsize_limit > 0 ? child_setup_limit_cb : NULL,
                               GSIZE_TO_POINTER (fsize_limit), &r->out, &r->err, &status, &error));
  g_assert_no_error (error);
  r->status = WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status);
  g_test_message ("%s %s → %d: %s", (char *) argv->pdata[1], args[1] ? args[1] : "", r->status, r->err);
}

static gboolean
have_cli (void)
{
  if (g_getenv ("DD_CLI") != NULL)
    return TRUE;
  g_test_skip ("DD_CLI is not set");
  return FALSE;
}

/* A record nesting 100,000 arrays behind a valid checksum: a damaged
 * record on its line, exit 1 from every command, no stack overflow. */
static void
test_deep_json (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = make_journal (f, "deep.jsonl");
  g_autofree char *ok_path = make_journal (f, "ok.jsonl");
  g_autofree char *deep = nested (100000);
  g_autofree char *fine = nested (DD_JOURNAL_MAX_DEPTH - 2);
  g_autofree char *scenario = dd_test_source_path ("scenarios", SCENARIO, "scenario.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdJournal) j = NULL;
  DdJournalDamage d;

  append_sealed (path, 1, deep);
  j = dd_journal_load (path, NULL, &error);
  g_assert_null (j);
  g_assert_error (error, DD_ERROR, DD_ERROR_MALFORMED);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, ":2:"));
  g_assert_nonnull (strstr (error->message, "levels deep"));
  g_clear_error (&error);

  g_assert_false (dd_journal_verify_file (path, &d, &error));
  g_assert_error (error, DD_ERROR, DD_ERROR_MALFORMED);
  g_assert_cmpint (d.kind, ==, DD_JOURNAL_DAMAGE_MALFORMED);
  g_assert_cmpuint (d.line, ==, 2);
  g_assert_cmpuint (d.n_good, ==, 1);
  g_clear_error (&error);

  /* Just under the limit still reads. */
  append_sealed (ok_path, 1, fine);
  {
    g_autoptr(DdJournal) ok = dd_journal_load (ok_path, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (dd_journal_get_n_records (ok), ==, 1);
  }

  if (!have_cli ())
    return;
  {
    g_autofree char *pdf = path_in (f, "out.pdf");
    const char *verify[] = { "verify", path, NULL };
    const char *validate[] = { "validate", path, NULL };
    const char *score[] = { "score", scenario, path, NULL };
    const char *report[] = { "report", scenario, path, "-o", pdf, NULL };
    const char *const *all[] = { verify, validate, score, report };
    Run r = { 0 };

    for (gsize i = 0; i < G_N_ELEMENTS (all); i++)
      {
        run_cli (&r, 0, all[i]);
        g_assert_cmpint (r.status, ==, 1);
        g_assert_nonnull (strstr (r.err, ":2:"));
      }
    run_clear (&r);
  }
}

static void
assert_refused_quickly (const char *path,
                        gboolean    device_or_fifo)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdJournal) loaded = NULL;
  g_autoptr(DdJournal) opened = NULL;

  loaded = dd_journal_load (path, NULL, &error);
  g_assert_null (loaded);
  g_assert_error (error, DD_ERROR, DD_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, "regular file"));
  g_clear_error (&error);

  g_assert_false (dd_journal_verify_file (path, NULL, &error));
  g_assert_nonnull (strstr (error->message, "regular file"));
  g_clear_error (&error);

  opened = dd_journal_open (path, NULL, &error);
  g_assert_null (opened);
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, path));
  if (device_or_fifo)
    g_assert_nonnull (strstr (error->message, "regular file"));
}

/* /dev/zero would grow without end, a FIFO would wait for ever. */
static void
test_not_regular (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *fifo = path_in (f, "fifo.jsonl");

  alarm (60);   /* a hang fails the test instead of stalling the suite */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  assert_refused_quickly (fifo, TRUE);
  assert_refused_quickly ("/dev/zero", TRUE);
  assert_refused_quickly ("/dev/null", TRUE);
  assert_refused_quickly (f->dir, FALSE);
  alarm (0);

  if (!have_cli ())
    return;
  {
    const char *verify[] = { "verify", fifo, NULL };
    const char *validate[] = { "validate", "/dev/zero", NULL };
    Run r = { 0 };

    run_cli (&r, 0, verify);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "pipe"));
    run_cli (&r, 0, validate);
    g_assert_cmpint (r.status, ==, 1);
    run_clear (&r);
  }
}

/* A file the program did not create as a journal is never renamed,
 * truncated or written: run refuses it and leaves it byte for byte. */
static void
test_not_a_journal (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *scenario = NULL;
  g_autofree char *actions = NULL;
  g_autofree char *empty = dd_test_write_file (f->dir, "empty.jsonl", "", 0);
  g_autofree char *line = dd_test_write_file (f->dir, "line.txt", "shopping list: tea", -1);
  g_autofree char *notes = dd_test_write_file (f->dir, "notes.txt", "a\nb\n", -1);
  g_autofree char *half = NULL;
  g_autofree char *link = path_in (f, "link.jsonl");
  const char *paths[6];
  gsize n_paths = 0;

  /* The first bytes of a real journal, as a crash while creating one with
   * an older DrillDesk could leave them. */
  {
    g_autofree char *full_path = make_journal (f, "full.jsonl");
    g_autofree char *full = NULL;

    g_assert_true (g_file_get_contents (full_path, &full, NULL, NULL));
    half = dd_test_write_file (f->dir, "half.jsonl", full, 40);
  }
  g_assert_cmpint (symlink (line, link), ==, 0);
  paths[n_paths++] = empty;
  paths[n_paths++] = line;
  paths[n_paths++] = notes;
  paths[n_paths++] = half;
  paths[n_paths++] = link;
  paths[n_paths++] = "/dev/null";

  for (gsize i = 0; i < n_paths; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DdJournal) j = NULL;
      g_autofree char *before = NULL;
      gsize before_len = 0;
      g_autofree char *after = NULL;
      gsize after_len = 0;

      g_assert_true (g_file_get_contents (paths[i], &before, &before_len, NULL));
      j = dd_journal_open (paths[i], NULL, &error);
      g_assert_null (j);
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, paths[i]));
      g_assert_true (g_file_get_contents (paths[i], &after, &after_len, NULL));
      g_assert_cmpmem (after, after_len, before, before_len);
    }

  if (!have_cli ())
    return;
  scenario = dd_test_source_path ("scenarios", SCENARIO, "scenario.xml", NULL);
  actions = dd_test_source_path ("scenarios", SCENARIO, "ideal.actions.xml", NULL);
  for (gsize i = 0; i < n_paths; i++)
    {
      const char *args[] = { "run", scenario, "--actions", actions, "--journal", paths[i], NULL };
      g_autofree char *before = NULL;
      gsize before_len = 0;
      g_autofree char *after = NULL;
      gsize after_len = 0;
      Run r = { 0 };

      g_assert_true (g_file_get_contents (paths[i], &before, &before_len, NULL));
      run_cli (&r, 0, args);
      g_assert_cmpint (r.status, ==, 1);
      g_assert_nonnull (strstr (r.err, paths[i]));
      g_assert_true (g_file_get_contents (paths[i], &after, &after_len, NULL));
      g_assert_cmpmem (after, after_len, before, before_len);
      run_clear (&r);
    }
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));

  /* Nothing was set aside next to them. */
  {
    g_autoptr(GDir) d = g_dir_open (f->dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      g_assert_null (strstr (name, ".torn"));
  }
}

/* A file size limit reached while journalling: exit 1 with EFBIG in
 * words, not death by SIGXFSZ. */
static void
test_file_size_limit (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *scenario = dd_test_source_path ("scenarios", SCENARIO, "scenario.xml", NULL);
  g_autofree char *actions = dd_test_source_path ("scenarios", SCENARIO, "ideal.actions.xml", NULL);
  g_autofree char *journal = path_in (f, "limited.jsonl");
  const char *args[] = { "run", scenario, "--actions", actions, "--journal", journal, NULL };
  Run r = { 0 };

  if (!have_cli ())
    return;
  run_cli (&r, 6000, args);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, g_strerror (EFBIG)));
  g_assert_nonnull (strstr (r.err, journal));
  g_assert_nonnull (strstr (r.err, "largest size allowed"));
  g_assert_nonnull (strstr (r.err, "saved up to record"));
  /* What was saved is a readable journal. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(DdJournal) j = dd_journal_load (journal, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (dd_journal_get_n_records (j), >, 0);
  }
  run_clear (&r);
}

/* Two programs create the same journal; the first is slow between making
 * its file and locking it. Exactly one wins; the other is told the journal
 * is in use, and the journal at the path is the winner's. */
static gboolean delay_next_open;
static const char *race_path;

/* Creates, then waits (between creating and locking) until the other
 * program's journal is at the path, however slow the machine is. */
static int
slow_open (const char *path,
           int         flags,
           mode_t      mode)
{
  int fd = open (path, flags, mode);

  if (delay_next_open)
    {
      gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

      delay_next_open = FALSE;
      while (!g_file_test (race_path, G_FILE_TEST_EXISTS) && g_get_monotonic_time () < deadline)
        g_usleep (5 * G_TIME_SPAN_MILLISECOND);
    }
  return fd;
}

static const DdJournalIo slow_io = {
  slow_open, write, fsync, fdatasync, ftruncate, close,
};

static pid_t
spawn_creator (const char *path,
               const char *who,
               gboolean    slow,
               int         hold_ms)
{
  pid_t pid = fork ();

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(JsonObject) header = json_object_new ();
      GError *error = NULL;
      DdJournal *j;

      if (slow)
        {
          race_path = path;
          delay_next_open = TRUE;
          dd_journal_set_io_for_testing (&slow_io);
        }
      json_object_set_string_member (header, "who", who);
      j = dd_journal_create (path, header, &error);
      if (j == NULL)
        _exit (g_error_matches (error, DD_ERROR, DD_ERROR_STATE) &&
               strstr (error->message, "in use") != NULL ? 3 : 4);
      g_usleep (hold_ms * G_TIME_SPAN_MILLISECOND);
      _exit (0);
    }
  return pid;
}

static void
test_create_race (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = path_in (f, "race.jsonl");
  pid_t slow, fast;
  int st_slow = 0, st_fast = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdJournal) j = NULL;

  slow = spawn_creator (path, "slow", TRUE, 0);
  g_usleep (200 * G_TIME_SPAN_MILLISECOND);
  fast = spawn_creator (path, "fast", FALSE, 4000);
  g_assert_cmpint (waitpid (slow, &st_slow, 0), ==, slow);
  g_assert_cmpint (waitpid (fast, &st_fast, 0), ==, fast);
  g_assert_true (WIFEXITED (st_slow) && WIFEXITED (st_fast));
  /* The fast one linked its complete journal first; the slow one found it
   * in use. */
  g_assert_cmpint (WEXITSTATUS (st_fast), ==, 0);
  g_assert_cmpint (WEXITSTATUS (st_slow), ==, 3);

  j = dd_journal_load (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (dd_journal_get_header (j), "who"), ==, "fast");
  {
    g_autoptr(GDir) d = g_dir_open (f->dir, 0, NULL);
    guint n = 0;

    while (g_dir_read_name (d) != NULL)
      n++;
    g_assert_cmpuint (n, ==, 1);   /* nothing set aside, no temporary left */
  }
}

/* A full disk, said in words: the disk is full, up to which record the
 * drill is saved, what is kept; in English and in Chinese. */
static ssize_t
full_write (int         fd,
            const void *buf,
            size_t      count)
{
  errno = ENOSPC;
  return -1;
}

static int
plain_open (const char *path,
            int         flags,
            mode_t      mode)
{
  return open (path, flags, mode);
}

static const DdJournalIo full_io = {
  plain_open, full_write, fsync, fdatasync, ftruncate, close,
};

static char *
append_to_full_disk (Fixture    *f,
                     const char *name)
{
  g_autofree char *path = make_journal (f, name);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdJournal) j = dd_journal_open (path, NULL, &error);

  g_assert_no_error (error);
  for (int i = 0; i < 3; i++)
    g_assert_true (dd_journal_append (j, "note", NULL, &error));
  dd_journal_set_io_for_testing (&full_io);
  g_assert_false (dd_journal_append (j, "note", NULL, &error));
  dd_journal_set_io_for_testing (NULL);
  g_assert_error (error, DD_ERROR, DD_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, path));
  return g_strdup (error->message);
}

static void
test_disk_full_in_words (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *english = append_to_full_disk (f, "full.jsonl");
  g_autofree char *chinese = NULL;
  g_autofree char *old_locale = g_strdup (setlocale (LC_ALL, NULL));

  g_test_message ("%s", english);
  g_assert_nonnull (strstr (english, "the disk is full"));
  g_assert_nonnull (strstr (english, "record 4 could not be saved"));
  g_assert_nonnull (strstr (english, "saved up to record 3"));
  g_assert_nonnull (strstr (english, "kept in memory"));

  {
    g_autofree char *mo = g_build_filename (dd_locale_dir (), "zh_CN", "LC_MESSAGES",
                                            GETTEXT_PACKAGE ".mo", NULL);

    if (!g_file_test (mo, G_FILE_TEST_EXISTS))
      {
        g_test_skip ("the zh_CN catalogue is not built");
        return;
      }
  }
  if (setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    {
      g_test_skip ("no zh_CN.UTF-8 locale");
      return;
    }
  bindtextdomain (GETTEXT_PACKAGE, dd_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  chinese = append_to_full_disk (f, "full-zh.jsonl");
  setlocale (LC_ALL, old_locale);
  g_test_message ("%s", chinese);
  g_assert_nonnull (strstr (chinese, "磁盘已满"));
  g_assert_nonnull (strstr (chinese, "已保存到第 3 条记录"));
}

/* verify tells a torn tail (repaired on resume) from a changed byte (never
 * repaired), in words. */
static void
test_verify_torn_or_changed (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *path = make_journal (f, "whole.jsonl");
  g_autofree char *torn = path_in (f, "torn.jsonl");
  g_autofree char *changed = path_in (f, "changed.jsonl");
  g_autofree char *text = NULL;
  gsize len = 0;
  Run r = { 0 };

  if (!have_cli ())
    return;
  append_sealed (path, 1, "{\"text\":\"abc\"}");
  append_sealed (path, 2, "{\"text\":\"def\"}");
  g_assert_true (g_file_get_contents (path, &text, &len, NULL));
  g_assert_true (g_file_set_contents (torn, text, len - 9, NULL));
  /* the body's text, not an "abc" that a hash of the header may hold */
  *(strstr (text, "\"text\":\"abc\"") + strlen ("\"text\":\"")) = 'x';
  g_assert_true (g_file_set_contents (changed, text, len, NULL));

  {
    const char *a[] = { "verify", torn, NULL };

    run_cli (&r, 0, a);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "a torn tail, not a change"));
    g_assert_nonnull (strstr (r.err, "Resuming the drill repairs it"));
    g_assert_null (strstr (r.err, "never repairs"));
  }
  {
    const char *a[] = { "verify", changed, NULL };

    run_cli (&r, 0, a);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "a changed byte, not a torn tail"));
    g_assert_nonnull (strstr (r.err, "never repairs"));
    g_assert_nonnull (strstr (r.err, ":2:"));
  }
  run_clear (&r);
}

/* The journal's JSON reader is strict (RFC 8259) and reads escapes right:
 * what it refuses is a malformed record at its column; what it accepts
 * comes back as written. */
static void
test_strict_json (Fixture       *f,
                  gconstpointer  data)
{
  const char *refused[] = {
    "{\"t\":\"\\ud800\"}",          /* a lone surrogate */
    "{\"t\":\"a\\u0000b\"}",        /* NUL inside a string */
    "{\"t\":1,}",                     /* trailing comma */
    "{\"t\":1,\"t\":2}",              /* a member twice */
    "{\"t\":1,\"\\u0074\":2}",        /* the same name, escaped */
    "{\"o\":{\"x\":1,\"y\":2,\"x\":3}}",  /* twice in an inner object */
    /* twice, after more names than are compared in place */
    "{\"a0\":0,\"a1\":0,\"a2\":0,\"a3\":0,\"a4\":0,\"a5\":0,\"a6\":0,\"a7\":0,"
    "\"a8\":0,\"a9\":0,\"a10\":0,\"a11\":0,\"a12\":0,\"a13\":0,\"a14\":0,\"a15\":0,"
    "\"a16\":0,\"a3\":1}",
    "{\"t\":1e999}",                  /* not finite */
    "{\"t\":01}",                     /* leading zero */
    "{\"t\":\"\\x\"}",              /* unknown escape */
    "{\"t\":[1 2]}",
    "{\"t\":tru}",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *name = g_strdup_printf ("refused-%zu.jsonl", i);
      g_autofree char *path = make_journal (f, name);
      g_autoptr(GError) error = NULL;
      g_autoptr(DdJournal) j = NULL;

      append_sealed (path, 1, refused[i]);
      j = dd_journal_load (path, NULL, &error);
      g_assert_null (j);
      g_test_message ("%s → %s", refused[i], error->message);
      g_assert_error (error, DD_ERROR, DD_ERROR_MALFORMED);
      g_assert_nonnull (strstr (error->message, ":2:"));
      g_clear_error (&error);
      /* verify, which checks without building the body, agrees */
      g_assert_false (dd_journal_verify_file (path, NULL, &error));
      g_assert_error (error, DD_ERROR, DD_ERROR_MALFORMED);
    }

  {
    g_autofree char *path = make_journal (f, "accepted.jsonl");
    g_autoptr(GError) error = NULL;
    g_autoptr(DdJournal) j = NULL;
    JsonObject *body;

    append_sealed (path, 1, "{ \"t\" : \"\\u4e2d\\ud83d\\ude00\\n\\\"\\/\" , \"n\":-0.5e1,"
                   "\"i\":9007199254740993,\"a\":[true,false,null,{}],\"o\":{\"x\":[]}}");
    j = dd_journal_load (path, NULL, &error);
    g_assert_no_error (error);
    body = dd_journal_get_record (j, 0)->body;
    g_assert_cmpstr (json_object_get_string_member (body, "t"), ==, "中😀\n\"/");
    g_assert_cmpfloat (json_object_get_double_member (body, "n"), ==, -5.0);
    g_assert_cmpint (json_object_get_int_member (body, "i"), ==, G_GINT64_CONSTANT (9007199254740993));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (body, "a")), ==, 4);
    g_assert_true (json_object_has_member (json_object_get_object_member (body, "o"), "x"));
    g_assert_true (dd_journal_verify_file (path, NULL, &error));
    g_assert_no_error (error);
  }

  /* Many distinct names, names that are prefixes of others, and names
   * written with escapes: all accepted, by the loader and by verify. */
  {
    g_autofree char *path = make_journal (f, "names.jsonl");
    g_autoptr(GString) body_text = g_string_new ("{\"a\":1,\"ab\":2,\"\\u0061bc\":3");
    g_autoptr(GError) error = NULL;
    g_autoptr(DdJournal) j = NULL;
    JsonObject *body;

    for (guint i = 0; i < 40; i++)
      g_string_append_printf (body_text, ",\"k%u\":%u", i, i);
    g_string_append (body_text, "}");
    append_sealed (path, 1, body_text->str);
    j = dd_journal_load (path, NULL, &error);
    g_assert_no_error (error);
    body = dd_journal_get_record (j, 0)->body;
    g_assert_cmpuint (json_object_get_size (body), ==, 43);
    g_assert_cmpint (json_object_get_int_member (body, "abc"), ==, 3);
    g_assert_true (dd_journal_verify_file (path, NULL, &error));
    g_assert_no_error (error);
  }
}

/* drilldesk-cli run on a journal another program holds (here this test,
 * with the journal open to continue it): exit 1, saying it is in use, the
 * journal untouched; once it is free, the same command resumes it. */
static void
test_cli_journal_in_use (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *scenario = dd_test_source_path ("scenarios", SCENARIO, "scenario.xml", NULL);
  g_autofree char *actions = dd_test_source_path ("scenarios", SCENARIO, "ideal.actions.xml", NULL);
  g_autofree char *journal = path_in (f, "shared.jsonl");
  const char *begin[] = { "run", scenario, "--actions", actions, "--journal", journal,
                          "--stop-after", "3", "--quiet", NULL };
  const char *again[] = { "run", scenario, "--actions", actions, "--journal", journal, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len = 0, after_len = 0;
  Run r = { 0 };

  if (!have_cli ())
    return;
  run_cli (&r, 0, begin);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_get_contents (journal, &before, &before_len, NULL));

  {
    g_autoptr(DdJournal) held = dd_journal_open (journal, NULL, &error);

    g_assert_no_error (error);
    run_cli (&r, 0, again);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, journal));
    g_assert_nonnull (strstr (r.err, "another window or program"));
  }
  g_assert_true (g_file_get_contents (journal, &after, &after_len, NULL));
  g_assert_cmpmem (after, after_len, before, before_len);

  run_cli (&r, 0, again);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (dd_journal_verify_file (journal, NULL, &error));
  g_assert_no_error (error);
  run_clear (&r);
}

/* A journal of several MiB is read into a buffer of its own kind (on huge
 * pages where the system has them, dd-journal-read.c): every record comes
 * back, and a byte changed deep inside it is found on its line. */
static void
test_large_journal (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = make_journal (f, "large.jsonl");
  g_autofree char *header = NULL;
  g_autofree char *filler = g_strnfill (400, 'x');
  g_autoptr(GString) text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdJournal) j = NULL;
  DdJournalDamage d;
  char head[65];
  guint64 n = 0;
  gsize changed_at = 0;
  guint changed_line = 0;

  g_assert_true (dd_journal_verify_file (path, &d, &error));
  g_assert_true (g_file_get_contents (path, &header, NULL, NULL));
  text = g_string_new (header);
  memcpy (head, d.head, sizeof head);
  for (n = 1; text->len < 6 * 1024 * 1024; n++)
    {
      g_autofree char *prefix =
        g_strdup_printf ("{\"seq\":%" G_GUINT64_FORMAT ",\"type\":\"note\","
                         "\"time\":\"2026-12-06T10:00:00.000000Z\",\"prev\":\"%s\","
                         "\"body\":{\"text\":\"%s 记录 %" G_GUINT64_FORMAT "\"}",
                         n, head, filler, n);
      g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, prefix, -1);

      if (changed_at == 0 && text->len > 5 * 1024 * 1024)
        {
          changed_at = text->len + strlen (prefix) - 10;   /* inside the filler */
          changed_line = (guint) n + 1;
        }
      g_string_append_printf (text, "%s,\"sum\":\"%s\"}\n", prefix, sum);
      memcpy (head, sum, 64);
      head[64] = '\0';
    }
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));

  j = dd_journal_load (path, NULL, &error);
  g_assert_no_error (error);
  /* the records after the header: 1 to n - 1 */
  g_assert_cmpuint (dd_journal_get_n_records (j), ==, n - 1);
  {
    g_autofree char *last = g_strdup_printf ("%s 记录 %" G_GUINT64_FORMAT, filler, n - 1);

    g_assert_cmpstr (json_object_get_string_member (dd_journal_get_record (j, n - 2)->body, "text"), ==, last);
  }
  g_clear_object (&j);

  text->str[changed_at] = 'y';
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  j = dd_journal_load (path, NULL, &error);
  g_assert_null (j);
  g_assert_nonnull (error);
  {
    g_autofree char *where = g_strdup_printf ("%s:%u:", path, changed_line);

    g_assert_true (g_str_has_prefix (error->message, where));
  }
  g_clear_error (&error);
  g_assert_false (dd_journal_verify_file (path, &d, &error));
  g_assert_cmpint (d.kind, ==, DD_JOURNAL_DAMAGE_CHANGED);
  g_assert_cmpuint (d.line, ==, changed_line);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/dd/journal-hostile/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("deep-json", test_deep_json);
  ADD ("strict-json", test_strict_json);
  ADD ("not-regular", test_not_regular);
  ADD ("not-a-journal", test_not_a_journal);
  ADD ("file-size-limit", test_file_size_limit);
  ADD ("create-race", test_create_race);
  ADD ("cli-journal-in-use", test_cli_journal_in_use);
  ADD ("disk-full-in-words", test_disk_full_in_words);
  ADD ("verify-torn-or-changed", test_verify_torn_or_changed);
  ADD ("large-journal", test_large_journal);

  return g_test_run ();
}
