/* fuzz-journal.c — libFuzzer target: drill journals through
 * dd_journal_verify_file (), dd_journal_load (), and, re-chained, the
 * drill's resume and the scorer
 *
 * Every input is tried twice:
 *  1. as it is: verify and load (random bytes almost never carry a valid
 *     SHA-256, so this mostly exercises the framing and the checksums);
 *  2. re-chained: its first line is replaced by a header naming the bundled
 *     plan and the ransomware scenario (loaded once), and every other line
 *     gets "prev" set to the sum of the line before and its "sum"
 *     recomputed, so mutations get past the checksums into the record
 *     parser; a journal that loads is then replayed by dd_drill_journal_
 *     actions (), scored (dd_score_compute (), JSON) and resumed by a
 *     DdDrill (dd_drill_resume_journal ()).
 *
 * dd-journal.h has no from-memory load (a journal is a file that is locked
 * and appended to), so the bytes go to an in-memory file (memfd) that the
 * loaders open as /proc/self/fd/N.
 *
 * A crash, a sanitizer report, a GLib critical or a refusal without a
 * proper DD_ERROR aborts with abort (), so libFuzzer keeps the input.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE /* memfd_create */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz-common.h"
#include "dd-actions.h"
#include "dd-drill.h"
#include "dd-journal.h"
#include "dd-plan.h"
#include "dd-scenario.h"
#include "dd-replay.h"
#include "dd-score.h"

#define SUM_PREFIX ",\"sum\":\""
#define PREV_KEY   "\"prev\":\""
#define HASH_LEN   64
#define MAX_LINES  20000

static DdPlan *plan;
static DdScenario *scenario;
static char *header_prefix;   /* the header line before its sum suffix */

static void
fail (const char *what,
      const char *detail)
{
  fprintf (stderr, "fuzz-journal: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
  abort ();
}

static void
check_error (const GError *error)
{
  if (error == NULL || error->domain != DD_ERROR || error->message == NULL ||
      !g_utf8_validate (error->message, -1, NULL))
    fail ("input refused without a proper DD_ERROR", error ? error->message : "(no error set)");
}

static void
init_once (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) body = NULL;
      g_autoptr(JsonObject) sources = NULL;
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      g_autofree char *body_text = NULL;
      g_autofree char *scenario_path = g_build_filename (DD_FUZZ_SOURCE_ROOT, "scenarios",
                                                         "ransomware-gov-cloud", "scenario.xml",
                                                         NULL);
      g_autoptr(GList) names = NULL;

      /* GLib criticals and errors end the run with abort (), not a trap */
      dd_fuzz_init ();
      plan = dd_plan_load_default (&error);
      if (plan == NULL)
        fail ("the bundled plan does not load", error->message);
      scenario = dd_scenario_load_file (scenario_path, plan, &error);
      if (scenario == NULL)
        fail ("the bundled scenario does not load", error->message);

      /* The header a drill of this plan and scenario begins with. */
      body = json_object_new ();
      json_object_set_string_member (body, "format", DD_JOURNAL_FORMAT);
      json_object_set_int_member (body, "version", DD_JOURNAL_VERSION);
      json_object_set_string_member (body, "created", "2026-12-06T09:00:00.000000Z");
      sources = dd_drill_journal_header (plan, scenario);
      names = json_object_get_members (sources);
      for (GList *l = names; l != NULL; l = l->next)
        json_object_set_member (body, l->data,
                                json_node_copy (json_object_get_member (sources, l->data)));
      json_node_set_object (node, body);
      json_generator_set_root (gen, node);
      body_text = json_generator_to_data (gen, NULL);
      header_prefix = g_strdup_printf ("{\"seq\":0,\"type\":\"header\","
                                       "\"time\":\"2026-12-06T09:00:00.000000Z\","
                                       "\"prev\":\"%0*d\",\"body\":%s", HASH_LEN, 0, body_text);
      g_once_init_leave (&done, 1);
    }
}

/* Appends @prefix and its sum suffix as one line; *@sum gets the sum. */
static void
seal (GString    *out,
      const char *prefix,
      gsize       len,
      char      **sum)
{
  g_free (*sum);
  *sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) prefix, len);
  g_string_append_len (out, prefix, len);
  g_string_append_printf (out, SUM_PREFIX "%s\"}\n", *sum);
}

/* The input with a matching header and every "prev" and "sum" recomputed. */
static GString *
rechain (const uint8_t *data,
         size_t         size)
{
  GString *out = g_string_new (NULL);
  g_autofree char *sum = NULL;
  const char *p = (const char *) data, *end = p + size;
  guint n = 0;

  seal (out, header_prefix, strlen (header_prefix), &sum);
  while (p < end && n++ < MAX_LINES)
    {
      const char *nl = memchr (p, '\n', end - p);
      gsize len = (nl != NULL ? nl : end) - p;
      g_autoptr(GString) line = g_string_new_len (p, len);
      const char *prev;
      gsize suffix = strlen (SUM_PREFIX) + HASH_LEN + 2;

      p = nl != NULL ? nl + 1 : end;
      /* The input's own header line gives way to the matching one. */
      if (n == 1 && strstr (line->str, "\"type\":\"header\"") != NULL)
        continue;
      if (line->len >= suffix &&
          memcmp (line->str + line->len - suffix, SUM_PREFIX, strlen (SUM_PREFIX)) == 0)
        g_string_truncate (line, line->len - suffix);
      else if (line->len > 0 && line->str[line->len - 1] == '}')
        g_string_truncate (line, line->len - 1);
      prev = strstr (line->str, PREV_KEY);
      if (prev != NULL && (gsize) (line->str + line->len - prev) >= strlen (PREV_KEY) + HASH_LEN)
        memcpy ((char *) prev + strlen (PREV_KEY), sum, HASH_LEN);
      seal (out, line->str, line->len, &sum);
    }
  return out;
}

static int
memfd_with (const char *bytes,
            gsize       len,
            char      **path_out)
{
  int fd = memfd_create ("fuzz-journal", MFD_CLOEXEC);

  if (fd < 0)
    fail ("memfd_create failed", g_strerror (errno));
  for (gsize done = 0; done < len; )
    {
      ssize_t n = write (fd, bytes + done, len - done);

      if (n <= 0)
        fail ("cannot write the memfd", g_strerror (errno));
      done += (gsize) n;
    }
  *path_out = g_strdup_printf ("/proc/self/fd/%d", fd);
  return fd;
}

/* Verify and load; then, for @deep, replay, score and resume. */
static void
try_journal (const char *bytes,
             gsize       len,
             gboolean    deep)
{
  g_autoptr(GError) verify_error = NULL;
  g_autoptr(GError) load_error = NULL;
  g_autoptr(GError) replay_error = NULL;
  g_autoptr(DdJournal) journal = NULL;
  g_autoptr(DdReplay) replay = NULL;
  g_autofree char *path = NULL;
  DdJournalDamage damage;
  DdJournalRecovery recovery;
  int fd = memfd_with (bytes, len, &path);

  memset (&damage, 0, sizeof damage);
  if (!dd_journal_verify_file (path, &damage, &verify_error))
    check_error (verify_error);

  memset (&recovery, 0, sizeof recovery);
  journal = dd_journal_load (path, &recovery, &load_error);
  dd_journal_recovery_clear (&recovery);
  if (journal == NULL)
    {
      check_error (load_error);
      close (fd);
      return;
    }
  for (guint i = 0; i < dd_journal_get_n_records (journal); i++)
    if (dd_journal_get_record (journal, i) == NULL)
      fail ("a record of a loaded journal is missing", NULL);
  if (!deep)
    {
      close (fd);
      return;
    }

  /* The replay behind the journal, and the scorer. */
  replay = dd_replay_new_for_journal (plan, scenario, journal, &replay_error);
  if (replay == NULL)
    check_error (replay_error);
  else
    {
      g_autoptr(DdChartOverlay) overlay = dd_replay_build_overlay (replay);
      g_autoptr(GPtrArray) late = dd_replay_get_late (replay);
      g_autofree char *json = dd_replay_to_json_string (replay, FALSE);

      if (json == NULL || !g_utf8_validate (json, -1, NULL))
        fail ("the score is not valid UTF-8 JSON", NULL);
      if (overlay == NULL || late == NULL)
        fail ("the replay gave no overlay or no late actions", NULL);
    }
  g_clear_object (&journal);

  /* A drill resumed from it (nothing is written to an intact journal). */
  {
    g_autoptr(DdDrill) drill = dd_drill_new (plan, scenario);
    g_autoptr(GError) error = NULL;

    if (!dd_drill_resume_journal (drill, path, NULL, &error))
      check_error (error);
  }
  close (fd);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GString) chained = NULL;

  init_once ();
  try_journal ((const char *) data, size, FALSE);
  chained = rechain (data, size);
  try_journal (chained->str, chained->len, TRUE);
  return 0;
}
