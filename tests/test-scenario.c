/* test-scenario.c — scenario and action-script loading: the bundled files
 * load, broken ones are refused with their position
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "dd-actions.h"
#include "dd-error.h"
#include "dd-plan.h"
#include "dd-scenario.h"
#include "dd-xml.h"

#include "dd-test-util.h"

static DdPlan *plan;

/* A valid scenario; the broken variants below replace one piece of it. */
static const char good_scenario[] =
  "<scenario id='t' plan='jincheng-2020'>\n"
  "<title>测试</title><form id='tabletop'>桌面推演</form>\n"
  "<clock start='2025-01-01T09:00:00+08:00' duration='2:00' compression='4'/>\n"
  "<participants><role ref='office'/><role ref='bigdata'/></participants>\n"
  "<objectives><objective id='rep' clauses='4.1 4.2.1.3(2)'>报告</objective></objectives>\n"
  "<incident category='harmful-program' subtype='worm' severity='major' unit='bigdata' began='-0:20' level-clear='0:30'>\n"
  "<system>政务云</system></incident>\n"
  "<msel>\n"
  "<inject id='a' at='0:00' source='监测平台' to='bigdata' channel='phone'><content>告警</content>\n"
  "<condition type='after' action='detect' role='bigdata'/>\n"
  "<expect role='bigdata' action='report' within='0:10' clause='4.1' severity='major'>报告</expect></inject>\n"
  "</msel></scenario>\n";

static DdScenario *
load_scenario (const char  *text,
               GError     **error)
{
  return dd_scenario_load_data ("s.xml", text, strlen (text), NULL, plan, error);
}

static char *
replace (const char *text,
         const char *from,
         const char *to)
{
  g_autoptr(GString) s = g_string_new (text);

  g_assert_nonnull (strstr (text, from));
  g_string_replace (s, from, to, 1);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
test_offsets (void)
{
  gint64 s;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  g_assert_true (dd_offset_parse ("1:05", &s));
  g_assert_cmpint (s, ==, 3900);
  g_assert_true (dd_offset_parse ("-0:35", &s));
  g_assert_cmpint (s, ==, -2100);
  g_assert_true (dd_offset_parse ("27:30:15", &s));
  g_assert_cmpint (s, ==, 27 * 3600 + 30 * 60 + 15);
  g_assert_false (dd_offset_parse ("1:60", &s));
  g_assert_false (dd_offset_parse ("5", &s));
  g_assert_false (dd_offset_parse ("1:00:00:00", &s));
  g_assert_false (dd_offset_parse ("a:00", &s));
  g_assert_false (dd_offset_parse ("99999999999999:00", &s));

  a = dd_offset_format (3900);
  b = dd_offset_format (-2100);
  c = dd_offset_format (61);
  g_assert_cmpstr (a, ==, "1:05");
  g_assert_cmpstr (b, ==, "-0:35");
  g_assert_cmpstr (c, ==, "0:01:01");
}

static void
test_good (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdScenario) s = load_scenario (good_scenario, &error);
  const DdIncident *inc;
  const DdInject *inject;

  g_assert_no_error (error);
  g_assert_cmpstr (dd_scenario_get_id (s), ==, "t");
  g_assert_cmpint (dd_scenario_get_form (s), ==, DD_DRILL_FORM_TABLETOP);
  g_assert_cmpfloat (dd_scenario_get_compression (s), ==, 4.0);
  g_assert_cmpint (dd_scenario_get_duration (s), ==, 7200);
  inc = dd_scenario_get_incident (s);
  g_assert_cmpint (inc->began, ==, -1200);
  g_assert_true (inc->has_level_clear);
  g_assert_cmpstr (dd_scenario_severity_at (s, 0), ==, dd_plan_get_undetermined_severity (plan)->id);
  g_assert_cmpstr (dd_scenario_severity_at (s, 1800), ==, "major");
  g_assert_true (dd_scenario_role_matches (s, "bigdata", "incident-unit"));
  g_assert_false (dd_scenario_role_matches (s, "police", "incident-unit"));
  inject = dd_scenario_lookup_inject (s, "a");
  g_assert_nonnull (inject);
  g_assert_cmpuint (inject->conditions->len, ==, 1);
  g_assert_cmpuint (((DdInjectExpect *) g_ptr_array_index (inject->expects, 0))->severity, ==,
                    DD_FINDING_SEVERITY_MAJOR);
  g_assert_true (dd_scenario_has_participant (s, "office"));
  g_assert_false (dd_scenario_has_participant (s, "police"));
}

typedef struct
{
  const char *from;
  const char *to;
  int         code;
  int         line;
} Broken;

static const Broken broken_scenarios[] = {
  { "<title>测试</title>", "", DD_ERROR_SCHEMA, 2 },
  { "plan='jincheng-2020'", "plan='other-plan'", DD_ERROR_INVALID, 1 },
  { "<role ref='office'/>", "<role ref='nobody'/>", DD_ERROR_INVALID, 4 },
  { "<role ref='bigdata'/>", "<role ref='office'/>", DD_ERROR_INVALID, 4 },
  { "clauses='4.1 4.2.1.3(2)'", "clauses='4.1 9.9'", DD_ERROR_INVALID, 5 },
  { "category='harmful-program'", "category='alien-invasion'", DD_ERROR_INVALID, 6 },
  { "subtype='worm'", "subtype='phishing'", DD_ERROR_INVALID, 6 },
  { "severity='major'", "severity='undetermined'", DD_ERROR_INVALID, 6 },
  { "unit='bigdata'", "unit='acme'", DD_ERROR_INVALID, 6 },
  { "level-clear='0:30'", "level-clear='-1:00'", DD_ERROR_INVALID, 6 },
  { "began='-0:20'", "began='0:61'", DD_ERROR_SCHEMA, 6 },
  { "to='bigdata'", "to='bigdata ghost'", DD_ERROR_INVALID, 9 },
  { "channel='phone'", "channel='pigeon'", DD_ERROR_SCHEMA, 9 },
  { "<content>告警</content>", "<content>告警</content><attachment file='../secret.txt'/>", DD_ERROR_INVALID, 9 },
  { "<content>告警</content>", "<content>告警</content><attachment file='/etc/passwd'/>", DD_ERROR_SCHEMA, 9 },
  { "<content>告警</content>", "<content>告警</content><attachment file='a/./b'/>", DD_ERROR_INVALID, 9 },
  { "action='detect'", "action='dance'", DD_ERROR_INVALID, 10 },
  { "action='report' within", "action='report' within", DD_ERROR_INVALID, 11 },  /* placeholder, replaced below */
  { "clause='4.1' severity", "clause='4.7' severity", DD_ERROR_INVALID, 11 },
  { "</inject>\n</msel>", "</inject>\n<inject id='a' at='0:05' source='x' to='office' channel='fax'><content>c</content></inject></msel>",
    DD_ERROR_INVALID, 12 },
};

static void
test_broken (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (broken_scenarios); i++)
    {
      const Broken *b = &broken_scenarios[i];
      g_autofree char *text = NULL;
      g_autofree char *prefix = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(DdScenario) s = NULL;

      if (strcmp (b->from, b->to) == 0)
        text = replace (good_scenario, "action='report' within", "action='report' within='-0:10' x");
      else
        text = replace (good_scenario, b->from, b->to);
      if (strcmp (b->from, b->to) == 0)
        {
          /* a malformed attribute: refused by the parser, with a position */
          s = load_scenario (text, &error);
          g_assert_null (s);
          g_assert_nonnull (error);
          g_assert_true (g_str_has_prefix (error->message, "s.xml:11:"));
          continue;
        }

      s = load_scenario (text, &error);
      g_test_message ("case %u: %s", i, error ? error->message : "(loaded)");
      g_assert_null (s);
      g_assert_error (error, DD_ERROR, b->code);
      /* Schema errors on attributes carry libxml2's position, which can be
       * 0:0 on 2.9.14; semantic errors point at the element. */
      prefix = b->code == DD_ERROR_SCHEMA ? g_strdup ("s.xml:") : g_strdup_printf ("s.xml:%d:", b->line);
      g_assert_true (g_str_has_prefix (error->message, prefix));
    }
}

/* ------------------------------------------------------------------ */
/* Action scripts                                                      */

static const char good_actions[] =
  "<actions scenario='t' plan='jincheng-2020'>\n"
  "<title>脚本</title>\n"
  "<expect rule='report-hq-immediate' clause='4.1'/>\n"
  "<expect rule='msel.a.report' clause='4.1'/>\n"
  "<action at='0:01' role='bigdata' kind='detect'/>\n"
  "<action at='0:05' role='bigdata' kind='report' report-type='first' to='office city-gov'>\n"
  "<field id='category'>harmful-program</field><field id='severity'>undetermined</field>\n"
  "<field id='hazards'>system-paralysis data-leak</field></action>\n"
  "<action at='0:05' role='office' kind='propose-warning' level='II'/>\n"
  "<action at='0:10' role='office' kind='propose-response' level='I'><text>建议</text></action>\n"
  "</actions>\n";

static DdActionScript *
load_script (const char  *text,
             DdScenario  *scenario,
             GError     **error)
{
  return dd_action_script_load_data ("a.xml", text, strlen (text), plan, scenario, error);
}

static const Broken broken_actions[] = {
  { "scenario='t'", "scenario='other'", DD_ERROR_INVALID, 1 },
  { "rule='report-hq-immediate'", "rule='no-such-rule'", DD_ERROR_INVALID, 3 },
  { "rule='report-hq-immediate' clause='4.1'", "rule='report-hq-immediate' clause='4.2'", DD_ERROR_INVALID, 3 },
  { "rule='msel.a.report'", "rule='msel.b.report'", DD_ERROR_INVALID, 4 },
  { "kind='detect'", "kind='panic'", DD_ERROR_INVALID, 5 },
  { "role='bigdata' kind='detect'", "role='mayor' kind='detect'", DD_ERROR_INVALID, 5 },
  { "kind='detect'/>", "kind='detect' level='I'/>", DD_ERROR_INVALID, 5 },
  { " report-type='first'", "", DD_ERROR_INVALID, 6 },
  { "report-type='first'", "report-type='gossip'", DD_ERROR_INVALID, 6 },
  { "to='office city-gov'", "to='office ghost'", DD_ERROR_INVALID, 6 },
  /* a bad field is reported at its <field> */
  { ">harmful-program<", ">martian<", DD_ERROR_INVALID, 7 },
  { ">undetermined<", ">huge<", DD_ERROR_INVALID, 7 },
  { "data-leak", "fire", DD_ERROR_INVALID, 8 },
  { "<field id='category'>", "<field id='colour'>", DD_ERROR_INVALID, 7 },
  { "level='II'", "level='V'", DD_ERROR_INVALID, 9 },
  { "level='I'>", "level='IV'>", DD_ERROR_INVALID, 10 },
  { "at='0:10'", "at='0:04'", DD_ERROR_INVALID, 10 },
  { "at='0:01'", "at='soon'", DD_ERROR_SCHEMA, 5 },
};

static void
test_actions (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdScenario) scenario = load_scenario (good_scenario, &error);
  g_autoptr(DdActionScript) script = NULL;
  GPtrArray *actions;
  const DdAction *report;

  g_assert_no_error (error);
  script = load_script (good_actions, scenario, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_action_script_get_scenario_id (script), ==, "t");
  g_assert_cmpuint (dd_action_script_get_expected (script)->len, ==, 2);
  actions = dd_action_script_get_actions (script);
  g_assert_cmpuint (actions->len, ==, 4);
  report = g_ptr_array_index (actions, 1);
  g_assert_cmpint (report->at, ==, 300);
  g_assert_cmpstr (report->report_type, ==, "first");
  g_assert_true (dd_action_has_recipient (report, "city-gov"));
  g_assert_cmpstr (dd_action_get_field (report, "category"), ==, "harmful-program");
  g_assert_null (dd_action_get_field (report, "description"));

  for (guint i = 0; i < G_N_ELEMENTS (broken_actions); i++)
    {
      const Broken *b = &broken_actions[i];
      g_autofree char *text = replace (good_actions, b->from, b->to);
      g_autofree char *prefix = g_strdup_printf ("a.xml:%d:", b->line);
      g_autoptr(GError) err = NULL;
      g_autoptr(DdActionScript) s = load_script (text, scenario, &err);

      g_test_message ("case %u: %s", i, err ? err->message : "(loaded)");
      g_assert_null (s);
      g_assert_error (err, DD_ERROR, b->code);
      g_assert_true (g_str_has_prefix (err->message, b->code == DD_ERROR_SCHEMA ? "a.xml:" : prefix));
    }
}

static void
test_action_json (void)
{
  g_autoptr(DdAction) a = dd_action_new (-90, "bigdata", "report");
  g_autoptr(DdAction) b = NULL;
  g_autoptr(JsonObject) o = NULL;
  g_autoptr(JsonObject) bad = json_object_new ();
  g_autoptr(GError) error = NULL;
  const char *to[] = { "office", "city-gov", NULL };

  a->report_type = g_strdup ("first");
  a->text = g_strdup ("文本");
  dd_action_set_to (a, to);
  dd_action_set_field (a, "category", "harmful-program");
  dd_action_set_field (a, "category", "network-attack");
  o = dd_action_to_json (a);
  b = dd_action_from_json (o, &error);
  g_assert_no_error (error);
  g_assert_cmpint (b->at, ==, -90);
  g_assert_cmpstr (b->role, ==, "bigdata");
  g_assert_cmpstr (b->report_type, ==, "first");
  g_assert_cmpstr (b->text, ==, "文本");
  g_assert_cmpstrv (b->to, to);
  g_assert_cmpstr (dd_action_get_field (b, "category"), ==, "network-attack");

  json_object_set_string_member (bad, "at", "noon");
  g_assert_null (dd_action_from_json (bad, &error));
  g_assert_error (error, DD_ERROR, DD_ERROR_INVALID);
}

/* Every bundled scenario and every actions file beside it loads. */
static void
test_bundled (void)
{
  g_autoptr(GPtrArray) dirs = dd_test_scenario_dirs ();
  guint n_scripts = 0;

  g_assert_cmpuint (dirs->len, >=, 1);
  for (guint i = 0; i < dirs->len; i++)
    {
      const char *dir = g_ptr_array_index (dirs, i);
      g_autofree char *path = g_build_filename (dir, "scenario.xml", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(DdScenario) s = dd_scenario_load_file (path, plan, &error);
      g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
      const char *name;

      g_test_message ("%s", path);
      g_assert_no_error (error);
      g_assert_cmpuint (dd_scenario_get_injects (s)->len, >=, 1);
      g_assert_cmpuint (dd_scenario_get_objectives (s)->len, >=, 1);

      /* attachments resolve inside the folder */
      for (guint k = 0; k < dd_scenario_get_injects (s)->len; k++)
        {
          const DdInject *inject = g_ptr_array_index (dd_scenario_get_injects (s), k);

          for (guint m = 0; m < inject->attachments->len; m++)
            {
              g_autofree char *file = dd_scenario_get_attachment_path (s, g_ptr_array_index (inject->attachments, m));

              g_assert_true (g_str_has_prefix (file, dd_scenario_get_base_dir (s)));
              g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));
            }
        }

      while ((name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *apath = NULL;
          g_autoptr(DdActionScript) script = NULL;

          if (!g_str_has_suffix (name, ".actions.xml"))
            continue;
          apath = g_build_filename (dir, name, NULL);
          script = dd_action_script_load_file (apath, plan, s, &error);
          g_test_message ("%s", apath);
          g_assert_no_error (error);
          n_scripts++;
        }
    }
  g_assert_cmpuint (n_scripts, >=, 2 * dirs->len);
}

/* The attachment must exist in the folder when loading from one. */
static void
test_attachment_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = replace (good_scenario, "<content>告警</content>",
                                   "<content>告警</content><attachment file='nope.txt'/>");
  g_autofree char *tmp = g_dir_make_tmp ("dd-scenario-XXXXXX", &error);
  g_autoptr(DdScenario) s = NULL;

  g_assert_no_error (error);
  s = dd_scenario_load_data ("s.xml", text, strlen (text), tmp, plan, &error);
  g_assert_null (s);
  g_assert_error (error, DD_ERROR, DD_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "s.xml:9:"));
  g_rmdir (tmp);
}

/* Attachments stay inside the scenario's folder: a symbolic link that leads
 * out (to a file, or a folder on the way) is refused at the <attachment>; a
 * link inside the folder, or a folder reached through a link, is fine. */
static void
test_attachment_symlinks (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = dd_test_make_tmp_dir ("dd-scenario-XXXXXX");
  g_autofree char *base = g_build_filename (tmp, "drill", NULL);
  g_autofree char *outside = g_build_filename (tmp, "outside", NULL);
  g_autofree char *secret = g_build_filename (outside, "secret.txt", NULL);
  g_autofree char *via = g_build_filename (tmp, "via", NULL);
  g_autofree char *scenario_path = NULL;
  const struct { const char *file; gboolean ok; } cases[] = {
    { "leak.txt", FALSE },          /* -> ../outside/secret.txt */
    { "abs.txt", FALSE },           /* -> /…/outside/secret.txt */
    { "docs/secret.txt", FALSE },   /* docs -> ../outside */
    { "inner.txt", TRUE },
    { "alias.txt", TRUE },          /* -> inner.txt */
  };

  g_assert_cmpint (g_mkdir (base, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (outside, 0700), ==, 0);
  g_free (dd_test_write_file (outside, "secret.txt", "secret", -1));
  {
    g_autofree char *leak = g_build_filename (base, "leak.txt", NULL);
    g_autofree char *abs = g_build_filename (base, "abs.txt", NULL);
    g_autofree char *docs = g_build_filename (base, "docs", NULL);
    g_autofree char *alias = g_build_filename (base, "alias.txt", NULL);

    g_free (dd_test_write_file (base, "inner.txt", "inner", -1));
    g_assert_cmpint (symlink ("../outside/secret.txt", leak), ==, 0);
    g_assert_cmpint (symlink (secret, abs), ==, 0);
    g_assert_cmpint (symlink ("../outside", docs), ==, 0);
    g_assert_cmpint (symlink ("inner.txt", alias), ==, 0);
    g_assert_cmpint (symlink ("drill", via), ==, 0);
  }

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *attachment = g_strdup_printf ("<content>告警</content><attachment file='%s'/>",
                                                     cases[i].file);
      g_autofree char *text = replace (good_scenario, "<content>告警</content>", attachment);
      const char *dirs[] = { base, via };

      g_free (scenario_path);
      scenario_path = dd_test_write_file (base, "scenario.xml", text, -1);
      for (gsize d = 0; d < G_N_ELEMENTS (dirs); d++)
        {
          g_autoptr(DdScenario) s = dd_scenario_load_data ("s.xml", text, strlen (text), dirs[d], plan, &error);

          if (cases[i].ok)
            {
              const DdInject *inject;
              g_autofree char *path = NULL;

              g_assert_no_error (error);
              inject = g_ptr_array_index (dd_scenario_get_injects (s), 0);
              path = dd_scenario_get_attachment_path (s, g_ptr_array_index (inject->attachments, 0));
              g_assert_nonnull (path);
              continue;
            }
          g_assert_null (s);
          g_assert_error (error, DD_ERROR, DD_ERROR_INVALID);
          g_assert_true (g_str_has_prefix (error->message, "s.xml:9:"));
          g_assert_nonnull (strstr (error->message, "symbolic link"));
          g_clear_error (&error);
        }

      /* From the file: FILE:LINE:COLUMN of the <attachment>. */
      {
        g_autoptr(DdScenario) s = dd_scenario_load_file (scenario_path, plan, &error);
        g_autofree char *where = g_strdup_printf ("%s:9:90: ", scenario_path);

        if (cases[i].ok)
          g_assert_no_error (error);
        else
          {
            g_assert_null (s);
            g_assert_error (error, DD_ERROR, DD_ERROR_INVALID);
            if (!g_str_has_prefix (error->message, where))
              g_error ("expected %s…, got %s", where, error->message);
            g_clear_error (&error);
          }
      }
    }

  /* A link that was fine at loading but leads out now: no path. */
  {
    g_autofree char *alias = g_build_filename (base, "alias.txt", NULL);
    g_autofree char *text = replace (good_scenario, "<content>告警</content>",
                                     "<content>告警</content><attachment file='alias.txt'/>");
    g_autoptr(DdScenario) s = dd_scenario_load_data ("s.xml", text, strlen (text), base, plan, &error);
    const DdInject *inject;
    g_autofree char *path = NULL;

    g_assert_no_error (error);
    g_unlink (alias);
    g_assert_cmpint (symlink (secret, alias), ==, 0);
    inject = g_ptr_array_index (dd_scenario_get_injects (s), 0);
    path = dd_scenario_get_attachment_path (s, g_ptr_array_index (inject->attachments, 0));
    g_assert_null (path);
  }

  dd_test_rm_rf (tmp);
}

/* A scenario or plan over the size limit is refused before it is read: a
 * sparse file of 1 GiB costs no disk and would take seconds to read. */
static void
test_oversized_unread (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dd-scenario-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "huge.xml", NULL);
  g_autoptr(DdScenario) scenario = NULL;
  g_autoptr(DdPlan) big_plan = NULL;
  FILE *fp = fopen (path, "wb");

  g_assert_nonnull (fp);
  g_assert_cmpint (fputs ("<scenario>", fp), >=, 0);
  g_assert_cmpint (ftruncate (fileno (fp), (off_t) 1 << 30), ==, 0);
  g_assert_cmpint (fclose (fp), ==, 0);

  scenario = dd_scenario_load_file (path, plan, &error);
  g_assert_null (scenario);
  g_assert_error (error, DD_ERROR, DD_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_clear_error (&error);

  big_plan = dd_plan_load_file (path, &error);
  g_assert_null (big_plan);
  g_assert_error (error, DD_ERROR, DD_ERROR_TOO_LARGE);

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  dd_xml_init ();
  plan = dd_plan_load_default (&error);
  g_assert_no_error (error);

  g_test_add_func ("/dd/scenario/offsets", test_offsets);
  g_test_add_func ("/dd/scenario/loads", test_good);
  g_test_add_func ("/dd/scenario/broken-refused-with-position", test_broken);
  g_test_add_func ("/dd/scenario/attachment-missing", test_attachment_missing);
  g_test_add_func ("/dd/scenario/attachment-symlinks", test_attachment_symlinks);
  g_test_add_func ("/dd/scenario/bundled-valid", test_bundled);
  g_test_add_func ("/dd/scenario/oversized-refused-unread", test_oversized_unread);
  g_test_add_func ("/dd/actions/script", test_actions);
  g_test_add_func ("/dd/actions/json", test_action_json);

  ret = g_test_run ();
  g_object_unref (plan);
  return ret;
}
