/* test-package.c — the printed exercise package and the CAP 1.2 alerts:
 * every bundled scenario's package written and read back with pdftotext
 * (the truth absent from participants' documents, one card per inject)
 * and pdffonts (CJK fonts embedded); every bundled ideal run's warnings
 * written as CAP files and validated against assets/schema/cap-1.2.rng,
 * and the Alert → Update → Cancel chain with its references
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dd-cap.h"
#include "dd-package.h"
#include "dd-replay.h"
#include "dd-test-util.h"
#include "dd-test-xmllint.h"

static char *
run_tool (const char *tool,
          const char *pdf)
{
  g_autofree char *path = g_find_program_in_path (tool);
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;
  const char *argv[] = { path, pdf, g_strcmp0 (tool, "pdftotext") == 0 ? "-" : NULL, NULL };

  if (path == NULL)
    return NULL;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* The first characters of @text (pdftotext breaks lines, so a short
 * piece is what can be looked for). */
static char *
head_of (const char *text)
{
  const char *end = text;

  for (guint i = 0; i < 12 && *end != '\0'; i++)
    end = g_utf8_next_char (end);
  return g_strndup (text, end - text);
}

static void
assert_no_truth (DdPlan     *plan,
                 DdScenario *scenario,
                 const char *file,
                 const char *text)
{
  const DdIncident *inc = dd_scenario_get_incident (scenario);
  const DdCategory *category = dd_plan_lookup_category (plan, inc->category);
  const DdSubtype *subtype = inc->subtype != NULL ? dd_plan_lookup_subtype (plan, inc->subtype, NULL) : NULL;
  const DdSeverity *severity = dd_plan_lookup_severity (plan, inc->severity);
  GPtrArray *injects = dd_scenario_get_injects (scenario);
  g_autofree char *what = inc->description != NULL ? head_of (inc->description) : NULL;
  g_autofree char *flat = NULL;

  /* words broken over lines join up again */
  flat = g_strdup (text);
  g_strdelimit (flat, "\n", ' ');
  {
    g_autoptr(GString) s = g_string_new (flat);

    g_string_replace (s, " ", "", 0);
    g_free (flat);
    flat = g_string_free (g_steal_pointer (&s), FALSE);
  }

  if (strstr (flat, category->name) != NULL || (subtype != NULL && strstr (flat, subtype->name) != NULL) ||
      strstr (flat, severity->full_name) != NULL || (what != NULL && strstr (flat, what) != NULL))
    g_error ("%s: %s gives the truth away (%s / %s / %s)", dd_scenario_get_id (scenario), file, category->name,
             subtype != NULL ? subtype->name : "-", severity->full_name);
  /* the severity on its own, as a word of the scenario's text: not after
   * a longer level's name that contains it (特别重大 holds 重大) */
  for (const char *p = strstr (flat, severity->name); p != NULL; p = strstr (p + 1, severity->name))
    {
      GPtrArray *severities = dd_plan_get_severities (plan);
      gboolean longer = FALSE;

      for (guint i = 0; i < severities->len && !longer; i++)
        {
          const DdSeverity *other = g_ptr_array_index (severities, i);
          gsize extra = strlen (other->name) - strlen (severity->name);

          longer = other != severity && strlen (other->name) > strlen (severity->name) &&
                   (gsize) (p - flat) >= extra && strncmp (p - extra, other->name, strlen (other->name)) == 0;
        }
      if (!longer)
        g_error ("%s: %s names the severity “%s”: %.60s", dd_scenario_get_id (scenario), file, severity->name, p);
    }
  /* nor the response level to decide, nor the warning level to propose */
  for (guint i = 0; i < dd_plan_get_response_levels (plan)->len; i++)
    {
      const DdResponseLevel *level = g_ptr_array_index (dd_plan_get_response_levels (plan), i);

      if (strstr (flat, level->name) != NULL)
        g_error ("%s: %s names a response level", dd_scenario_get_id (scenario), file);
    }
  for (guint i = 0; i < dd_plan_get_warning_levels (plan)->len; i++)
    {
      const DdWarningLevel *level = g_ptr_array_index (dd_plan_get_warning_levels (plan), i);
      if (strstr (flat, level->name) != NULL)
        g_error ("%s: %s names a warning level", dd_scenario_get_id (scenario), file);
    }
  for (guint i = 0; i < injects->len; i++)
    {
      const DdInject *inject = g_ptr_array_index (injects, i);

      for (guint e = 0; e < inject->expects->len; e++)
        {
          const DdInjectExpect *x = g_ptr_array_index (inject->expects, e);
          /* the whole sentence: objectives may restate a duty of the plan
           * in the same words as an expectation begins with */
          if (x->text != NULL && strstr (flat, x->text) != NULL)
            g_error ("%s: %s shows an expected action: %s", dd_scenario_get_id (scenario), file, x->text);
        }
    }
}

static void
test_package_bundled (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPlan) plan = dd_plan_load_default (&error);
  g_autoptr(GPtrArray) dirs = dd_test_scenario_dirs ();
  g_autofree char *tmp = dd_test_make_tmp_dir ("dd-package-XXXXXX");

  g_assert_no_error (error);
  if (!dd_test_have_program ("pdftotext") || !dd_test_have_program ("pdffonts"))
    {
      g_test_skip ("pdftotext or pdffonts is not installed");
      dd_test_rm_rf (tmp);
      return;
    }
  for (guint d = 0; d < dirs->len; d++)
    {
      g_autofree char *path = g_build_filename (g_ptr_array_index (dirs, d), "scenario.xml", NULL);
      g_autofree char *base = g_path_get_basename (g_ptr_array_index (dirs, d));
      g_autofree char *out = g_build_filename (tmp, base, NULL);
      g_autoptr(DdScenario) scenario = dd_scenario_load_file (path, plan, &error);
      g_autofree char *listing = NULL;

      g_assert_no_error (error);
      g_assert_cmpint (dd_test_run_cli (&listing, "package", path, "-o", out, NULL), ==, 0);
      g_assert_cmpuint (count (listing, ".pdf\n"), ==, DD_PACKAGE_N_DOCUMENTS);
      for (DdPackageDocument doc = 0; doc < DD_PACKAGE_N_DOCUMENTS; doc++)
        {
          g_autofree char *pdf = g_build_filename (out, dd_package_file_name (doc), NULL);
          g_autofree char *text = run_tool ("pdftotext", pdf);
          g_autofree char *fonts = run_tool ("pdffonts", pdf);
          g_auto(GStrv) lines = g_strsplit (fonts, "\n", -1);
          guint n_cjk = 0;

          /* every document names its scenario */
          g_assert_nonnull (strstr (text, dd_scenario_get_title (scenario)));
          /* every font embedded (pdffonts' "emb" column), CJK among them */
          for (guint l = 2; lines[l] != NULL; l++)
            {
              if (*lines[l] == '\0')
                continue;
              g_assert_nonnull (strstr (lines[l], " yes "));
              if (strstr (lines[l], "CJK") != NULL)
                n_cjk++;
            }
          g_assert_cmpuint (n_cjk, >, 0);

          if (dd_package_for_participants (doc))
            assert_no_truth (plan, scenario, dd_package_file_name (doc), text);
          if (doc == DD_PACKAGE_INJECT_CARDS)
            {
              GPtrArray *injects = dd_scenario_get_injects (scenario);
              g_autofree char *last = g_strdup_printf ("Inject %u of %u", injects->len, injects->len);

              /* one card per inject, the expected responses on them */
              g_assert_cmpuint (count (text, " of "), >=, injects->len);
              for (guint i = 1; i <= injects->len; i++)
                {
                  g_autofree char *card = g_strdup_printf ("Inject %u of %u", i, injects->len);

                  g_assert_cmpuint (count (text, card), ==, 1);
                }
              g_assert_nonnull (strstr (text, last));
            }
          if (doc == DD_PACKAGE_EVALUATOR_GUIDE)
            {
              GPtrArray *objectives = dd_scenario_get_objectives (scenario);

              for (guint i = 1; i <= objectives->len; i++)
                {
                  g_autofree char *sheet = g_strdup_printf ("Objective %u\n", i);

                  g_assert_nonnull (strstr (text, sheet));
                }
            }
        }
    }
  dd_test_rm_rf (tmp);
}

/* The ideal run of every bundled scenario: its warnings as CAP files, each
 * valid, an alert first and a cancel last referring back to it. */
static void
test_cap_bundled (void)
{
  g_autoptr(GPtrArray) dirs = dd_test_scenario_dirs ();
  g_autofree char *tmp = dd_test_make_tmp_dir ("dd-cap-XXXXXX");
  guint n_files = 0;

  for (guint d = 0; d < dirs->len; d++)
    {
      g_autofree char *path = g_build_filename (g_ptr_array_index (dirs, d), "scenario.xml", NULL);
      g_autofree char *script = g_build_filename (g_ptr_array_index (dirs, d), "ideal.actions.xml", NULL);
      g_autofree char *base = g_path_get_basename (g_ptr_array_index (dirs, d));
      g_autofree char *journal = g_strdup_printf ("%s/%s.jsonl", tmp, base);
      g_autofree char *out = g_build_filename (tmp, base, NULL);
      g_autofree char *listing = NULL, *ran = NULL;
      g_auto(GStrv) files = NULL;

      g_assert_cmpint (dd_test_run_cli (&ran, "run", path, "--actions", script, "--journal", journal, NULL), ==, 0);
      g_assert_cmpint (dd_test_run_cli (&listing, "cap", path, journal, "-o", out, NULL), ==, 0);
      files = g_strsplit (g_strstrip (listing), "\n", -1);
      for (guint i = 0; files[i] != NULL && *files[i] != '\0'; i++)
        {
          g_autofree char *xml = NULL;

          g_assert_true (g_file_get_contents (files[i], &xml, NULL, NULL));
          dd_test_assert_xmllint_valid (files[i], "cap-1.2.rng");
          g_assert_nonnull (strstr (xml, "<status>Exercise</status>"));
          g_assert_nonnull (strstr (xml, "<scope>Restricted</scope>"));
          g_assert_nonnull (strstr (xml, "<language>zh-CN</language>"));
          if (i == 0)
            {
              g_assert_true (g_str_has_suffix (files[i], "01-alert.xml"));
              g_assert_null (strstr (xml, "<references>"));
            }
          else
            g_assert_nonnull (strstr (xml, "<references>"));
          n_files++;
        }
    }
  /* the bundled ideal runs publish warnings */
  g_assert_cmpuint (n_files, >, 0);
  dd_test_rm_rf (tmp);
}

static DdAction *
warning_action (gint64      minutes,
                const char *role,
                const char *kind,
                const char *level)
{
  DdAction *a = dd_action_new (minutes * 60, role, kind);

  a->level = g_strdup (level);
  return a;
}

/* Published, raised, lifted: Alert, Update and Cancel, each referring to
 * all earlier messages of the warning; a second warning starts afresh. */
static void
test_cap_chain (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPlan) plan = dd_plan_load_default (&error);
  g_autofree char *path = dd_test_source_path ("scenarios", "ddos-gov-portal", "scenario.xml", NULL);
  g_autoptr(DdScenario) scenario = NULL;
  g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_action_free);
  g_autoptr(DdReplay) replay = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autofree char *tmp = dd_test_make_tmp_dir ("dd-cap-chain-XXXXXX");
  const DdCapProfile *cap;
  const char *types[] = { "Alert", "Update", "Cancel", "Alert" };
  const char *severities[] = { "Moderate", "Severe", "Severe", "Minor" };

  g_assert_no_error (error);
  scenario = dd_scenario_load_file (path, plan, &error);
  g_assert_no_error (error);
  cap = dd_plan_get_cap_profile (plan);
  g_assert_nonnull (cap);

  g_ptr_array_add (actions, warning_action (20, "office", "propose-warning", "III"));
  g_ptr_array_add (actions, warning_action (25, "office", cap->issue_action, NULL));
  g_ptr_array_add (actions, warning_action (40, "office", cap->issue_action, "II"));
  g_ptr_array_add (actions, warning_action (90, "office", cap->lift_action, NULL));
  g_ptr_array_add (actions, warning_action (95, "office", cap->lift_action, NULL)); /* nothing left to lift */
  g_ptr_array_add (actions, warning_action (100, "office", cap->issue_action, "IV"));
  replay = dd_replay_new_for_actions (plan, scenario, actions, TRUE);
  messages = dd_replay_get_warning_messages (replay);
  g_assert_cmpuint (messages->len, ==, 4);

  files = dd_cap_export (replay, tmp, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (files->len, ==, 4);
  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *xml = NULL;
      g_autofree char *type = g_strdup_printf ("<msgType>%s</msgType>", types[i]);
      g_autofree char *severity = g_strdup_printf ("<severity>%s</severity>", severities[i]);
      g_autofree char *own = g_strdup_printf ("<identifier>drilldesk.ddos-gov-portal.%s", "");

      g_assert_true (g_file_get_contents (g_ptr_array_index (files, i), &xml, NULL, NULL));
      dd_test_assert_xmllint_valid (g_ptr_array_index (files, i), "cap-1.2.rng");
      g_assert_nonnull (strstr (xml, type));
      g_assert_nonnull (strstr (xml, severity));
      g_assert_nonnull (strstr (xml, own));
      /* references: the earlier messages of the same warning */
      g_assert_cmpuint (count (xml, ".01,"), ==, i == 1 || i == 2 ? 1 : 0);
      g_assert_cmpuint (count (xml, ".02,"), ==, i == 2 ? 1 : 0);
      g_assert_cmpuint (count (xml, ".03,"), ==, 0);
    }
  dd_test_rm_rf (tmp);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  dd_test_journal_no_sync ();
  g_test_add_func ("/dd/package/bundled", test_package_bundled);
  g_test_add_func ("/dd/package/cap-bundled", test_cap_bundled);
  g_test_add_func ("/dd/package/cap-chain", test_cap_chain);
  return g_test_run ();
}
