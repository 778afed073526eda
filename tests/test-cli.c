/* test-cli.c — the drilldesk-cli contract, through the real binary ($DD_CLI)
 *
 * Exit status 0 success, 1 invalid input or failed check (FILE:LINE:COLUMN
 * on stderr), 2 usage error; --help and --version as GNU tools have them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <signal.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "dd-test-util.h"

typedef struct
{
  int   status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

static const char *
cli_path (void)
{
  const char *cli = g_getenv ("DD_CLI");

  g_assert_nonnull (cli);
  return cli;
}

/* Runs the CLI with @args (NULL-terminated) and LC_ALL=@locale. */
static void
run_cli_locale (Result            *r,
                const char        *locale,
                const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_get_environ ();

  env = g_environ_setenv (env, "LC_ALL", locale, TRUE);
  env = g_environ_unsetenv (env, "LANGUAGE");
  g_ptr_array_add (argv, (gpointer) cli_path ());
  for (gsize i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  memset (r, 0, sizeof *r);
  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                &r->out, &r->err, &r->status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (r->status));
  r->status = WEXITSTATUS (r->status);
}

#define run_cli(r, ...) run_cli_locale ((r), "C.UTF-8", (const char *const[]) { __VA_ARGS__, NULL })
#define run_cli_c(r, ...) run_cli_locale ((r), "C", (const char *const[]) { __VA_ARGS__, NULL })

static void
assert_status (Result *r,
               int     status)
{
  if (r->status != status)
    g_error ("exit status %d, expected %d\nstdout: %s\nstderr: %s", r->status, status, r->out, r->err);
}

/* A line of stderr says "FILE:LINE:COLUMN: message" about @path (others may
 * follow, a summary for instance). */
static void
assert_positioned_error (Result     *r,
                         const char *path)
{
  g_auto(GStrv) lines = g_strsplit (r->err, "\n", -1);
  g_autofree char *quoted = g_regex_escape_string (path, -1);
  g_autofree char *pattern = g_strdup_printf ("^%s:[0-9]+:[0-9]+: [^ ]", quoted);
  guint hits = 0;

  for (gsize i = 0; lines[i] != NULL; i++)
    if (g_regex_match_simple (pattern, lines[i], 0, 0))
      hits++;
  if (hits == 0)
    g_error ("no FILE:LINE:COLUMN message about %s on stderr: %s", path, r->err);
}

static const char *subcommands[] = { "validate", "plan", "verify", "render", "report", "run", "score" };

/* ------------------------------------------------------------------ */
/* Help, version, usage errors                                        */

static void
test_help (void)
{
  const char *flags[] = { "--help", "-h" };

  for (gsize i = 0; i < G_N_ELEMENTS (flags); i++)
    {
      g_auto(Result) r;

      run_cli (&r, flags[i]);
      assert_status (&r, 0);
      g_assert_true (g_str_has_prefix (r.out, "Usage: drilldesk-cli "));
      g_assert_cmpstr (r.err, ==, "");
      for (gsize k = 0; k < G_N_ELEMENTS (subcommands); k++)
        {
          g_autofree char *line = g_strdup_printf ("\n  %s ", subcommands[k]);
          g_assert_nonnull (strstr (r.out, line));
        }
      g_assert_nonnull (strstr (r.out, "--version"));
      /* Long synopses do not push descriptions out of line: every line that
       * is not a heading or a synopsis is an indented description, and no
       * synopsis is wider than a terminal. */
      {
        g_auto(GStrv) lines = g_strsplit (r.out, "\n", -1);

        for (gsize l = 0; lines[l] != NULL; l++)
          {
            if (g_str_has_prefix (lines[l], "  ") && !g_str_has_prefix (lines[l], "   "))
              {
                g_assert_cmpuint (g_utf8_strlen (lines[l], -1), <=, 79);
                /* a synopsis: its description follows on the next line */
                g_assert_nonnull (lines[l + 1]);
                g_assert_true (g_str_has_prefix (lines[l + 1], "      "));
                g_assert_cmpint (lines[l + 1][6], !=, ' ');
              }
          }
      }
    }

  /* Each subcommand's own help. */
  for (gsize k = 0; k < G_N_ELEMENTS (subcommands); k++)
    {
      g_auto(Result) r;
      g_autofree char *usage = g_strdup_printf ("drilldesk-cli %s", subcommands[k]);

      run_cli (&r, subcommands[k], "--help");
      assert_status (&r, 0);
      g_assert_nonnull (strstr (r.out, "Usage:"));
      g_assert_nonnull (strstr (r.out, usage));
      g_assert_cmpstr (r.err, ==, "");
    }
}

static void
test_version (void)
{
  g_auto(Result) r;

  run_cli (&r, "--version");
  assert_status (&r, 0);
  g_assert_cmpstr (r.err, ==, "");
  /* GNU: the first line is "PROGRAM (PACKAGE) VERSION". */
  if (!g_regex_match_simple ("^drilldesk-cli \\(DrillDesk\\) [0-9]+\\.[0-9]+\\.[0-9]+\n", r.out, 0, 0))
    g_error ("--version printed: %s", r.out);
  g_assert_true (g_str_has_prefix (r.out, "drilldesk-cli (DrillDesk) " PACKAGE_VERSION "\n"));
  /* then the copyright, the licence and the no-warranty lines */
  g_assert_true (g_regex_match_simple ("^Copyright \\(C\\) [0-9]{4} .+$", r.out,
                                       G_REGEX_MULTILINE, 0));
  g_assert_nonnull (strstr (r.out, "\nLicense GPLv3+: GNU GPL version 3 or later "
                                   "<https://gnu.org/licenses/gpl.html>"));
  g_assert_nonnull (strstr (r.out, "\nThis is free software: you are free to change and redistribute it.\n"));
  g_assert_nonnull (strstr (r.out, "\nThere is NO WARRANTY, to the extent permitted by law.\n"));
}

static void
test_usage_errors (void)
{
  const char *const *cases[] = {
    (const char *const[]) { NULL },
    (const char *const[]) { "frobnicate", NULL },
    (const char *const[]) { "--frobnicate", NULL },
    (const char *const[]) { "plan", "--frobnicate", NULL },
    (const char *const[]) { "validate", NULL },
    (const char *const[]) { "validate", "--frobnicate", "x.xml", NULL },
    (const char *const[]) { "verify", NULL },
    (const char *const[]) { "render", "nonsense", "-o", "/nonexistent/x.png", NULL },
    (const char *const[]) { "run", NULL },
    (const char *const[]) { "score", NULL },
    (const char *const[]) { "report", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Result) r;

      run_cli_locale (&r, "C.UTF-8", cases[i]);
      assert_status (&r, 2);
      g_assert_cmpstr (r.out, ==, "");
      g_assert_cmpstr (r.err, !=, "");
      /* GNU: say how to get help. */
      if (cases[i][0] != NULL)
        g_assert_nonnull (strstr (r.err, "--help"));
    }
}

/* ------------------------------------------------------------------ */
/* validate                                                           */

static void
test_validate_bundled (void)
{
  g_autofree char *plan = dd_test_source_path ("assets", "plans", "jincheng-2020.xml", NULL);
  g_autofree char *scenarios = dd_test_source_path ("scenarios", NULL);
  g_autoptr(GDir) dir = g_dir_open (scenarios, 0, NULL);
  const char *name;
  guint files = 0;

  {
    g_auto(Result) r;

    run_cli (&r, "validate", plan);
    assert_status (&r, 0);
    g_assert_nonnull (strstr (r.out, plan));
    g_assert_cmpstr (r.err, ==, "");
  }

  /* Every bundled scenario and action script. */
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *sub = g_build_filename (scenarios, name, NULL);
      g_autoptr(GDir) d = g_dir_open (sub, 0, NULL);
      const char *file;

      while (d != NULL && (file = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *path = g_build_filename (sub, file, NULL);
          g_auto(Result) r;

          if (!g_str_has_suffix (file, ".xml"))
            continue;
          run_cli (&r, "validate", "--quiet", path);
          assert_status (&r, 0);
          g_assert_cmpstr (r.err, ==, "");
          files++;
        }
    }
  g_assert_cmpuint (files, >=, 3);
}

static void
test_validate_broken (void)
{
  g_autofree char *dir = dd_test_make_tmp_dir ("dd-test-cli-XXXXXX");
  g_autofree char *plan_path = dd_test_source_path ("assets", "plans", "jincheng-2020.xml", NULL);
  g_autofree char *plan = NULL;
  gsize plan_len = 0;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  g_file_get_contents (plan_path, &plan, &plan_len, &error);
  g_assert_no_error (error);

  g_ptr_array_add (files, dd_test_write_file (dir, "truncated.xml", plan, plan_len / 2));
  g_ptr_array_add (files, dd_test_write_file (dir, "entity.xml",
                                      "<?xml version=\"1.0\"?>\n<!DOCTYPE plan [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<plan>&x;</plan>\n", -1));
  g_ptr_array_add (files, dd_test_write_file (dir, "laughs.xml",
                                      "<!DOCTYPE l [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><plan>&b;</plan>", -1));
  g_ptr_array_add (files, dd_test_write_file (dir, "empty.xml", "", 0));
  g_ptr_array_add (files, dd_test_write_file (dir, "garbage.xml", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 16));
  g_ptr_array_add (files, dd_test_write_file (dir, "nul.xml", "<plan/>\0<x/>", 12));
  g_ptr_array_add (files, dd_test_write_file (dir, "root.xml", "<?xml version=\"1.0\"?>\n<drill/>\n", -1));
  g_ptr_array_add (files, dd_test_write_file (dir, "schema.xml", "<?xml version=\"1.0\"?>\n<plan>\n  <nonsense/>\n</plan>\n", -1));
  g_ptr_array_add (files, dd_test_write_file (dir, "xinclude.xml",
                                      "<plan xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"/etc/passwd\" parse=\"text\"/></plan>", -1));

  /* Semantic errors: the plan fixtures of test-plan. */
  {
    g_autofree char *fixtures = dd_test_source_path ("tests", "fixtures", NULL);
    g_autoptr(GDir) d = g_dir_open (fixtures, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      if (g_str_has_prefix (name, "plan-bad-"))
        g_ptr_array_add (files, g_build_filename (fixtures, name, NULL));
  }

  for (guint i = 0; i < files->len; i++)
    {
      const char *path = files->pdata[i];
      g_auto(Result) r;

      run_cli (&r, "validate", path);
      assert_status (&r, 1);
      assert_positioned_error (&r, path);
      g_assert_null (strstr (r.err, "root:x:0"));
      g_assert_null (strstr (r.out, "root:x:0"));
    }

  /* Several files at once: the good one is still reported, status 1. */
  {
    g_auto(Result) r;

    run_cli (&r, "validate", plan_path, files->pdata[0], files->pdata[1]);
    assert_status (&r, 1);
    g_assert_nonnull (strstr (r.out, plan_path));
    assert_positioned_error (&r, files->pdata[0]);
    assert_positioned_error (&r, files->pdata[1]);
  }

  /* A file that is not there: an error, not a usage error. */
  {
    g_autofree char *missing = g_build_filename (dir, "missing.xml", NULL);
    g_auto(Result) r;

    run_cli (&r, "validate", missing);
    assert_status (&r, 1);
    g_assert_nonnull (strstr (r.err, missing));
  }

  dd_test_rm_rf (dir);
}

/* ------------------------------------------------------------------ */
/* plan                                                               */

/* Plan §2.3 / §8.4: the 23 member units and their duty phones. */
static const struct { const char *name, *phone; } member_units[] = {
  { "市委政法委", "2198013" },       { "市委网信办", "2566200" },
  { "市发展改革委", "2198993" },     { "市教育局", "2066102" },
  { "市科技局", "2888666" },         { "市工信局", "2218748" },
  { "市公安局", "3010100" },         { "市财政局", "2065580" },
  { "市交通局", "2023595" },         { "市文旅局", "2057555" },
  { "市应急局", "2027255" },         { "市外事办", "2198848" },
  { "市市场监管局", "2022239" },     { "市大数据局", "2218958" },
  { "市委机要保密局", "2198056" },   { "市政府新闻办", "2198741" },
  { "市国家安全局", "2034918" },     { "晋城军分区", "2043211" },
  { "国网晋城供电公司", "2162216" }, { "中国铁塔晋城分公司", "6996000" },
  { "中国联通晋城分公司", "2034777" }, { "中国移动晋城分公司", "3035518" },
  { "中国电信晋城分公司", "6997099" },
};

/* Appendix 8.4, all 28 rows as printed. */
static const struct { const char *unit, *phone; } phone_rows[] = {
  { "省委办公室", "0351-4045001" },  { "省政府办公室", "0351-3046789" },
  { "省经济信息中心", "0351-3119999" }, { "市委办公室", "2062298" },
  { "市政府办公室", "2198345" },     { "市委网信办", "2566200" },
  { "市大数据局", "2218958" },       { "市委政法委", "2198013" },
  { "市发展改革委", "2198993" },     { "市教育局", "2066102" },
  { "市科技局", "2888666" },         { "市工信局", "2218748" },
  { "市公安局", "3010100" },         { "市财政局", "2065580" },
  { "市交通局", "2023595" },         { "市文旅局", "2057555" },
  { "市应急局", "2027255" },         { "市外事办", "2198848" },
  { "市市场监管局", "2022239" },     { "市委机要保密局", "2198056" },
  { "市政府新闻办", "2198741" },     { "市国家安全局", "2034918" },
  { "晋城军分区", "2043211" },       { "国网晋城供电公司", "2162216" },
  { "铁塔晋城分公司", "6996000" },   { "联通晋城分公司", "2034777" },
  { "移动晋城分公司", "3035518" },   { "电信晋城分公司", "6997099" },
};

/* Plan §1.5: the seven categories and (a prefix of) each subtype's name. */
static const struct { const char *name; const char *subtypes[9]; } categories[] = {
  { "有害程序事件", { "计算机病毒", "蠕虫", "特洛伊木马", "僵尸网络", "混合程序攻击", "网页内嵌恶意代码", "其他有害程序" } },
  { "网络攻击事件", { "拒绝服务攻击", "后门攻击", "漏洞攻击", "网络扫描窃听", "网络钓鱼", "干扰", "其他网络攻击" } },
  { "信息破坏事件", { "信息篡改", "信息假冒", "信息泄露", "信息窃取", "信息丢失", "其他信息破坏" } },
  { "信息内容安全事件", { NULL } },
  { "设备设施故障事件", { "软硬件自身故障", "外围保障设施故障", "人为破坏事故", "其他设备设施故障" } },
  { "灾害性事件", { "水灾", "台风", "地震", "雷击", "坍塌", "火灾", "恐怖袭击", "战争" } },
  { "其他", { NULL } },
};

static const char *severities[] = { "特别重大", "重大", "较大", "一般" };
static const char *warning_ids[] = { "I", "II", "III", "IV" };
static const char *response_ids[] = { "I", "II", "III" };

static JsonObject *
find_by (JsonArray  *array,
         const char *member,
         const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      if (json_object_has_member (o, member) &&
          g_strcmp0 (json_object_get_string_member_with_default (o, member, NULL), value) == 0)
        return o;
    }
  return NULL;
}

static JsonArray *
member_array (JsonObject *o,
              const char *member)
{
  JsonArray *a = json_object_get_array_member (o, member);

  g_assert_nonnull (a);
  return a;
}

static void
check_plan_json (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *classification, *phones, *levels;
  JsonArray *roles, *cats, *rows;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_nonnull (root);

  /* Member units, by name, with their duty phones. */
  roles = member_array (root, "roles");
  for (gsize i = 0; i < G_N_ELEMENTS (member_units); i++)
    {
      JsonObject *role = find_by (roles, "name", member_units[i].name);

      if (role == NULL)
        g_error ("member unit %s missing", member_units[i].name);
      g_assert_cmpstr (json_object_get_string_member (role, "kind"), ==, "member-unit");
      g_assert_cmpstr (json_object_get_string_member (role, "phone"), ==, member_units[i].phone);
    }
  {
    guint n = 0;

    for (guint i = 0; i < json_array_get_length (roles); i++)
      if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (roles, i), "kind"), "member-unit") == 0)
        n++;
    g_assert_cmpuint (n, ==, G_N_ELEMENTS (member_units));
  }

  /* Categories and subtypes. */
  classification = json_object_get_object_member (root, "classification");
  g_assert_nonnull (classification);
  cats = member_array (classification, "categories");
  g_assert_cmpuint (json_array_get_length (cats), ==, G_N_ELEMENTS (categories));
  for (gsize i = 0; i < G_N_ELEMENTS (categories); i++)
    {
      JsonObject *cat = json_array_get_object_element (cats, i);
      JsonArray *subs = member_array (cat, "subtypes");

      g_assert_true (g_str_has_prefix (json_object_get_string_member (cat, "name"), categories[i].name));
      for (gsize k = 0; categories[i].subtypes[k] != NULL; k++)
        {
          gboolean found = FALSE;

          for (guint j = 0; j < json_array_get_length (subs) && !found; j++)
            found = g_str_has_prefix (json_object_get_string_member (json_array_get_object_element (subs, j), "name"),
                                      categories[i].subtypes[k]);
          if (!found)
            g_error ("subtype %s of %s missing", categories[i].subtypes[k], categories[i].name);
        }
    }

  /* Severity, warning and response levels. */
  levels = json_object_get_object_member (root, "severities");
  g_assert_nonnull (levels);
  {
    JsonArray *a = member_array (levels, "levels");

    g_assert_cmpuint (json_array_get_length (a), ==, G_N_ELEMENTS (severities));
    for (gsize i = 0; i < G_N_ELEMENTS (severities); i++)
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (a, i), "name"), ==, severities[i]);
  }
  {
    JsonArray *a = member_array (root, "warning_levels");

    g_assert_cmpuint (json_array_get_length (a), ==, G_N_ELEMENTS (warning_ids));
    for (gsize i = 0; i < G_N_ELEMENTS (warning_ids); i++)
      g_assert_nonnull (find_by (a, "id", warning_ids[i]));
  }
  {
    JsonArray *a = member_array (root, "response_levels");

    g_assert_cmpuint (json_array_get_length (a), ==, G_N_ELEMENTS (response_ids));
    for (gsize i = 0; i < G_N_ELEMENTS (response_ids); i++)
      g_assert_nonnull (find_by (a, "id", response_ids[i]));
  }

  /* The duty-phone table of 8.4, every row in order. */
  phones = json_object_get_object_member (root, "phone_table");
  g_assert_nonnull (phones);
  rows = member_array (phones, "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, G_N_ELEMENTS (phone_rows));
  for (gsize i = 0; i < G_N_ELEMENTS (phone_rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);

      g_assert_cmpstr (json_object_get_string_member (row, "unit"), ==, phone_rows[i].unit);
      g_assert_cmpstr (json_object_get_string_member (row, "phone"), ==, phone_rows[i].phone);
    }
}

static void
test_plan_json (void)
{
  g_autofree char *plan = dd_test_source_path ("assets", "plans", "jincheng-2020.xml", NULL);
  g_auto(Result) embedded;
  g_auto(Result) from_file;

  run_cli (&embedded, "plan", "--json");
  assert_status (&embedded, 0);
  g_assert_cmpstr (embedded.err, ==, "");
  check_plan_json (embedded.out);

  run_cli (&from_file, "plan", "--plan", plan, "--json");
  assert_status (&from_file, 0);
  check_plan_json (from_file.out);
}

static void
test_plan_c_locale (void)
{
  g_auto(Result) text;
  g_auto(Result) json;

  /* Names are Chinese: UTF-8 even where the locale says ASCII. */
  run_cli_c (&text, "plan");
  assert_status (&text, 0);
  g_assert_true (g_utf8_validate (text.out, -1, NULL));
  g_assert_nonnull (strstr (text.out, "晋城市网络与信息安全突发事件应急预案"));
  g_assert_nonnull (strstr (text.out, "晋市政办〔2020〕82号"));
  g_assert_null (strstr (text.out, "\\u"));

  run_cli_c (&json, "plan", "--json");
  assert_status (&json, 0);
  check_plan_json (json.out);
}

static void
test_plan_broken (void)
{
  g_autofree char *dir = dd_test_make_tmp_dir ("dd-test-cli-XXXXXX");
  g_autofree char *path = dd_test_write_file (dir, "p.xml", "<?xml version=\"1.0\"?>\n<plan>\n  <identity>\n</plan>\n", -1);
  g_autofree char *missing = g_build_filename (dir, "none.xml", NULL);
  g_auto(Result) r;
  g_auto(Result) m;

  run_cli (&r, "plan", "--plan", path);
  assert_status (&r, 1);
  assert_positioned_error (&r, path);

  run_cli (&m, "plan", "--plan", missing, "--json");
  assert_status (&m, 1);
  g_assert_nonnull (strstr (m.err, missing));
  dd_test_rm_rf (dir);
}

/* ------------------------------------------------------------------ */
/* run, score, verify, render, report                                 */

static JsonObject *
parse_object (JsonParser *parser,
              const char *json)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_run_score_verify (void)
{
  g_autofree char *dir = dd_test_make_tmp_dir ("dd-test-cli-XXXXXX");
  g_autofree char *scenario = dd_test_source_path ("scenarios", "ransomware-gov-cloud", "scenario.xml", NULL);
  g_autofree char *ideal = dd_test_source_path ("scenarios", "ransomware-gov-cloud", "ideal.actions.xml", NULL);
  g_autofree char *flawed = dd_test_source_path ("scenarios", "ransomware-gov-cloud", "flawed.actions.xml", NULL);
  g_autofree char *j_ideal = g_build_filename (dir, "ideal.journal", NULL);
  g_autofree char *j_flawed = g_build_filename (dir, "flawed.journal", NULL);
  g_autoptr(JsonParser) p1 = json_parser_new ();
  g_autoptr(JsonParser) p2 = json_parser_new ();

  {
    g_auto(Result) r;

    run_cli (&r, "run", scenario, "--actions", ideal, "--journal", j_ideal);
    assert_status (&r, 0);
    g_assert_true (g_file_test (j_ideal, G_FILE_TEST_IS_REGULAR));
  }
  {
    g_auto(Result) r;

    run_cli (&r, "run", scenario, "--actions", flawed, "--journal", j_flawed);
    assert_status (&r, 0);
  }
  {
    g_auto(Result) r;

    run_cli (&r, "verify", j_ideal);
    assert_status (&r, 0);
    g_assert_cmpstr (r.err, ==, "");
  }

  /* The ideal script scores full marks, the flawed one loses points for
   * findings that each cite a clause; scoring is repeatable. */
  {
    g_auto(Result) r;
    g_auto(Result) again;
    JsonObject *o;

    run_cli (&r, "score", scenario, j_ideal, "--json");
    assert_status (&r, 0);
    o = parse_object (p1, r.out);
    g_assert_cmpfloat (json_object_get_double_member (o, "overall"), ==,
                       json_object_get_double_member (o, "max"));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "findings")), ==, 0);

    run_cli (&again, "score", scenario, j_ideal, "--json");
    g_assert_cmpstr (r.out, ==, again.out);
  }
  {
    g_auto(Result) r;
    JsonObject *o;
    JsonArray *findings;

    run_cli (&r, "score", scenario, j_flawed, "--json");
    assert_status (&r, 0);
    o = parse_object (p2, r.out);
    g_assert_cmpfloat (json_object_get_double_member (o, "overall"), <,
                       json_object_get_double_member (o, "max"));
    findings = json_object_get_array_member (o, "findings");
    g_assert_cmpuint (json_array_get_length (findings), >, 0);
    for (guint i = 0; i < json_array_get_length (findings); i++)
      {
        JsonObject *f = json_array_get_object_element (findings, i);
        const char *clause = json_object_get_string_member_with_default (f, "clause", "");

        g_assert_true (g_regex_match_simple ("^[0-9]+(\\.[0-9]+)*", clause, 0, 0));
      }
  }

  /* A torn or changed journal: status 1, with its position. */
  {
    g_autofree char *data = NULL;
    gsize len = 0;
    g_autofree char *torn = NULL;
    g_autofree char *changed = NULL;
    char *digit;
    g_auto(Result) r;
    g_auto(Result) c;

    g_assert_true (g_file_get_contents (j_ideal, &data, &len, NULL));
    torn = dd_test_write_file (dir, "torn.journal", data, len - 7);
    run_cli (&r, "verify", torn);
    assert_status (&r, 1);
    assert_positioned_error (&r, torn);

    /* Change one character in the middle of the last half. */
    digit = data + len / 2;
    while (*digit != '\0' && !g_ascii_isdigit (*digit))
      digit++;
    g_assert_true (*digit != '\0');
    *digit = *digit == '1' ? '2' : '1';
    changed = dd_test_write_file (dir, "changed.journal", data, len);
    run_cli (&c, "verify", changed);
    assert_status (&c, 1);
    assert_positioned_error (&c, changed);
  }

  /* Usage errors. */
  {
    g_auto(Result) r;

    run_cli (&r, "run", scenario, "--journal", j_ideal);
    assert_status (&r, 2);
  }

  dd_test_rm_rf (dir);
}

static gboolean
file_starts_with (const char *path,
                  const char *magic,
                  gsize       len)
{
  g_autofree char *data = NULL;
  gsize n = 0;

  return g_file_get_contents (path, &data, &n, NULL) && n >= len && memcmp (data, magic, len) == 0;
}

/* Actions of a journal on disk: complete lines of type "action". */
static guint
count_journal_actions (const char *path)
{
  g_autofree char *data = NULL;
  g_auto(GStrv) lines = NULL;
  guint n = 0;

  if (!g_file_get_contents (path, &data, NULL, NULL))
    return 0;
  lines = g_strsplit (data, "\n", -1);
  /* The last piece has no newline: an empty string or a torn record. */
  for (gsize i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++)
    if (strstr (lines[i], "\"type\":\"action\"") != NULL)
      n++;
  return n;
}

/* The highest N of the "recorded N" lines a killed run printed. */
static guint
read_acknowledged (int fd)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  char buf[4096];
  gssize n;
  guint acked = 0;

  while ((n = read (fd, buf, sizeof buf)) > 0)
    g_string_append_len (out, buf, n);
  lines = g_strsplit (out->str, "\n", -1);
  for (gsize i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "recorded "))
      acked = MAX (acked, (guint) g_ascii_strtoull (lines[i] + 9, NULL, 10));
  return acked;
}

/* kill -9 during a paced scripted run at random moments, then resume: no
 * action the CLI acknowledged is lost, and the finished journal scores
 * exactly as an uninterrupted run. */
static void
test_run_kill_resume (void)
{
  g_autofree char *dir = dd_test_make_tmp_dir ("dd-test-cli-XXXXXX");
  g_autofree char *scenario = dd_test_source_path ("scenarios", "ddos-gov-portal", "scenario.xml", NULL);
  g_autofree char *ideal = dd_test_source_path ("scenarios", "ddos-gov-portal", "ideal.actions.xml", NULL);
  g_autofree char *whole = g_build_filename (dir, "whole.journal", NULL);
  g_autofree char *expected = NULL;

  {
    g_auto(Result) r;

    run_cli (&r, "run", scenario, "--actions", ideal, "--journal", whole, "-q");
    assert_status (&r, 0);
    result_clear (&r);
    run_cli (&r, "score", scenario, whole, "--json");
    assert_status (&r, 0);
    expected = g_steal_pointer (&r.out);
  }

  for (int round = 0; round < 6; round++)
    {
      g_autofree char *journal = g_strdup_printf ("%s/killed-%d.journal", dir, round);
      guint kills = 0;

      /* Kill it twice at random moments, then let it finish. */
      while (kills < 2)
        {
          const char *argv[] = { cli_path (), "run", scenario, "--actions", ideal,
                                 "--journal", journal, "--pace", "10", "--progress", "-q", NULL };
          g_autoptr(GError) error = NULL;
          GPid pid;
          int out_fd = -1;
          int status = 0;
          guint acked, on_disk;

          g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                    NULL, NULL, &pid, NULL, &out_fd, NULL, &error);
          g_assert_no_error (error);
          g_usleep ((gulong) g_test_rand_int_range (0, 250) * 1000);
          kill (pid, SIGKILL);
          g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
          g_spawn_close_pid (pid);
          acked = read_acknowledged (out_fd);
          close (out_fd);
          on_disk = count_journal_actions (journal);
          g_test_message ("round %d: killed after %u acknowledged actions, %u on disk", round, acked, on_disk);
          g_assert_cmpuint (on_disk, >=, acked);
          kills++;
        }

      {
        g_auto(Result) r;
        g_auto(Result) score;

        run_cli (&r, "run", scenario, "--actions", ideal, "--journal", journal, "-q");
        assert_status (&r, 0);
        run_cli (&score, "score", scenario, journal, "--json");
        assert_status (&score, 0);
        g_assert_cmpstr (score.out, ==, expected);
      }
    }

  dd_test_rm_rf (dir);
}

static void
test_render (void)
{
  g_autofree char *dir = dd_test_make_tmp_dir ("dd-test-cli-XXXXXX");
  struct { const char *chart, *name, *magic; gsize len; } cases[] = {
    { "org",  "org.png",  "\x89PNG\r\n\x1a\n", 8 },
    { "flow", "flow.pdf", "%PDF-", 5 },
    { "org",  "org.svg",  NULL, 0 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = g_build_filename (dir, cases[i].name, NULL);
      g_auto(Result) r;

      run_cli (&r, "render", cases[i].chart, "-o", out);
      assert_status (&r, 0);
      if (cases[i].magic != NULL)
        g_assert_true (file_starts_with (out, cases[i].magic, cases[i].len));
      else
        {
          g_autofree char *svg = NULL;

          g_assert_true (g_file_get_contents (out, &svg, NULL, NULL));
          g_assert_nonnull (strstr (svg, "<svg"));
        }
    }

  /* An unknown output type is a usage error or an invalid input, not a crash. */
  {
    g_autofree char *out = g_build_filename (dir, "org.doc", NULL);
    g_auto(Result) r;

    run_cli (&r, "render", "org", "-o", out);
    g_assert_true (r.status == 1 || r.status == 2);
  }
  dd_test_rm_rf (dir);
}

static void
test_report (void)
{
  g_autofree char *dir = dd_test_make_tmp_dir ("dd-test-cli-XXXXXX");
  g_autofree char *scenario = dd_test_source_path ("scenarios", "ransomware-gov-cloud", "scenario.xml", NULL);
  g_autofree char *flawed = dd_test_source_path ("scenarios", "ransomware-gov-cloud", "flawed.actions.xml", NULL);
  g_autofree char *journal = g_build_filename (dir, "j", NULL);
  g_autofree char *pdf = g_build_filename (dir, "aar.pdf", NULL);
  g_autofree char *csv = g_build_filename (dir, "timeline.csv", NULL);
  g_autofree char *csv_data = NULL;

  {
    g_auto(Result) r;

    run_cli (&r, "run", scenario, "--actions", flawed, "--journal", journal);
    assert_status (&r, 0);
  }
  {
    g_auto(Result) r;

    run_cli (&r, "report", scenario, journal, "-o", pdf, "--csv", csv);
    assert_status (&r, 0);
  }
  g_assert_true (file_starts_with (pdf, "%PDF-", 5));
  g_assert_true (g_file_get_contents (csv, &csv_data, NULL, NULL));
  g_assert_true (g_utf8_validate (csv_data, -1, NULL));
  g_assert_nonnull (strstr (csv_data, "\n"));

  /* A broken journal: status 1 with its position, no PDF written. */
  {
    g_autofree char *bad = dd_test_write_file (dir, "bad.journal", "{\"broken\n", -1);
    g_autofree char *bad_pdf = g_build_filename (dir, "bad.pdf", NULL);
    g_auto(Result) r;

    run_cli (&r, "report", scenario, bad, "-o", bad_pdf);
    assert_status (&r, 1);
    g_assert_nonnull (strstr (r.err, bad));
    g_assert_false (g_file_test (bad_pdf, G_FILE_TEST_EXISTS));
  }
  dd_test_rm_rf (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("DD_CLI") == NULL)
    {
      g_printerr ("DD_CLI is not set: run through meson test\n");
      return 77;
    }

  g_test_add_func ("/dd/cli/help", test_help);
  g_test_add_func ("/dd/cli/version", test_version);
  g_test_add_func ("/dd/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/dd/cli/validate/bundled", test_validate_bundled);
  g_test_add_func ("/dd/cli/validate/broken", test_validate_broken);
  g_test_add_func ("/dd/cli/plan/json", test_plan_json);
  g_test_add_func ("/dd/cli/plan/c-locale", test_plan_c_locale);
  g_test_add_func ("/dd/cli/plan/broken", test_plan_broken);
  g_test_add_func ("/dd/cli/run-score-verify", test_run_score_verify);
  g_test_add_func ("/dd/cli/run-kill-resume", test_run_kill_resume);
  g_test_add_func ("/dd/cli/render", test_render);
  g_test_add_func ("/dd/cli/report", test_report);

  return g_test_run ();
}
