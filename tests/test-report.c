/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-report.c — the after-action review: PDF text, fonts, pagination, CSV */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "dd-plan.h"
#include "dd-report.h"
#include "dd-report-csv.h"
#include "dd-scenario.h"

typedef struct {
  DdPlan     *plan;
  DdScenario *scenario;
  char       *dir;
} Fixture;

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *scenario = g_build_filename (g_getenv ("DD_SOURCE_ROOT"), "scenarios",
                                                "ransomware-gov-cloud", "scenario.xml", NULL);

  fx->plan = dd_plan_load_default (&error);
  g_assert_no_error (error);
  fx->scenario = dd_scenario_load_file (scenario, fx->plan, &error);
  if (fx->scenario == NULL)
    g_test_message ("scenario not loaded: %s", error->message);
  g_clear_error (&error);
  fx->dir = g_dir_make_tmp ("dd-report-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fx->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *p = g_build_filename (fx->dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (fx->dir);
  g_free (fx->dir);
  g_clear_object (&fx->scenario);
  g_clear_object (&fx->plan);
}

static char *
run_tool (const char  *tool,
          const char  *arg1,
          const char  *pdf)
{
  g_autofree char *path = g_find_program_in_path (tool);
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;
  const char *argv[6];
  guint n = 0;

  if (path == NULL)
    return NULL;
  argv[n++] = path;
  if (arg1 != NULL)
    argv[n++] = arg1;
  argv[n++] = pdf;
  if (g_strcmp0 (tool, "pdftotext") == 0)
    argv[n++] = "-";
  argv[n] = NULL;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* A report with @n_findings findings from the plan's rules and @n_reports
 * filed reports; the scenario's injects when it loaded. */
static DdReport *
make_report (Fixture *fx,
             guint    n_findings,
             guint    n_reports)
{
  DdReport *r = dd_report_new (fx->plan);
  GPtrArray *rules = dd_plan_get_rules (fx->plan);
  guint64 seq = 1;

  dd_report_set_date (r, "2025-09-10");
  if (fx->scenario != NULL)
    {
      GPtrArray *injects = dd_scenario_get_injects (fx->scenario);

      dd_report_set_scenario (r, fx->scenario);
      for (guint i = 0; i < injects->len; i++)
        {
          const DdInject *inj = g_ptr_array_index (injects, i);
          dd_report_add_inject (r, seq++, inj, inj->at, 1757466000LL * G_USEC_PER_SEC + inj->at * 250000);
        }
    }
  for (guint i = 0; i < n_reports; i++)
    {
      g_autoptr(DdAction) a = dd_action_new (600 + i * 900, "bigdata", "report");
      const char *to[] = { "office", "city-gov", NULL };

      a->report_type = g_strdup (i == 0 ? "first" : "follow-up");
      dd_action_set_to (a, to);
      dd_action_set_field (a, "reporting-unit", "市大数据局");
      dd_action_set_field (a, "category", "harmful-program");
      dd_action_set_field (a, "severity", "relatively-major");
      dd_action_set_field (a, "hazards", "system-paralysis data-destruction");
      dd_action_set_field (a, "description", "政务云12台虚拟机文件被加密, \"勒索\"软件。");
      dd_report_add_action (r, seq++, a);
    }
  for (guint i = 0; i < n_findings; i++)
    {
      const DdRule *rule = g_ptr_array_index (rules, i % rules->len);
      dd_report_add_finding (r, rule->id, rule->clause, rule->finding, rule->severity,
                             rule->phase, "office", 1200 + 60 * i, rule->message);
    }
  dd_report_set_overall_score (r, 77.0);
  dd_report_add_improvement (r, "修订值班制度", "4.1", "office", "2025-12-31");
  return r;
}

static void
test_plan_only (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(DdReport) r = dd_report_new (fx->plan);
  g_autofree char *pdf = g_build_filename (fx->dir, "plan.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GPtrArray *fields = dd_plan_get_form_fields (fx->plan);
  GPtrArray *phones = dd_plan_get_phone_rows (fx->plan);
  const DdPlanIdentity *id = dd_plan_get_identity (fx->plan);

  g_assert_cmpuint (dd_report_paginate (r), >=, 4);
  g_assert_true (dd_report_write_pdf (r, pdf, &error));
  g_assert_no_error (error);

  text = run_tool ("pdftotext", NULL, pdf);
  if (text == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  /* The blank form 8.3 carries every label, from the plan. */
  for (guint i = 0; i < fields->len; i++)
    {
      const DdFormField *f = g_ptr_array_index (fields, i);
      g_autofree char *head = g_utf8_substring (f->label, 0, MIN (g_utf8_strlen (f->label, -1), 6));
      g_assert_nonnull (strstr (text, head));
    }
  g_assert_nonnull (strstr (text, "事件分类"));
  g_assert_nonnull (strstr (text, "有关意见和建议"));
  /* Cover: plan identity and organiser from the office role. */
  g_assert_nonnull (strstr (text, id->doc_number));
  g_assert_nonnull (strstr (text, "市指挥部办公室"));
  /* Appendix: every duty phone. */
  for (guint i = 0; i < phones->len; i++)
    g_assert_nonnull (strstr (text, ((DdPhoneRow *) g_ptr_array_index (phones, i))->phone));
}

/* Observations and improvements from a review.json: entries without their
 * text or not objects are passed over; the charts' headings are the plan's
 * titles of its appendix charts. */
static void
test_sidecar_and_chart_titles (Fixture       *fx,
                               gconstpointer  data)
{
  g_autoptr(DdReport) r = make_report (fx, 0, 0);
  g_autofree char *json = g_build_filename (fx->dir, "review.json", NULL);
  g_autofree char *pdf = g_build_filename (fx->dir, "sidecar.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  static const char sidecar[] =
    "{\"observations\": [{\"author\": \"评估员甲\", \"phase\": \"report\", \"text\": \"值班电话无人接听\"},"
    "                    {\"author\": \"评估员乙\"}, 7],"
    " \"improvements\": [{\"action\": \"建立双人值班\", \"owner\": \"office\"},"
    "                    {\"clause\": \"9.9.9\"}, \"x\"]}";

  g_assert_true (g_file_set_contents (json, sidecar, -1, &error));
  g_assert_true (dd_report_load_sidecar (r, json, &error));
  g_assert_no_error (error);
  g_assert_true (dd_report_write_pdf (r, pdf, &error));
  g_assert_no_error (error);
  text = run_tool ("pdftotext", NULL, pdf);
  if (text == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  g_assert_nonnull (strstr (text, "值班电话无人接听"));
  g_assert_nonnull (strstr (text, "建立双人值班"));
  g_assert_null (strstr (text, "评估员乙"));
  g_assert_null (strstr (text, "9.9.9"));
  g_assert_nonnull (strstr (text, dd_plan_lookup_provision (fx->plan, "org-chart")->title));
  g_assert_nonnull (strstr (text, dd_plan_lookup_provision (fx->plan, "flow-chart")->title));
  if (fx->scenario != NULL)
    g_assert_nonnull (strstr (text, dd_scenario_get_form_label (fx->scenario)));
}

static void
test_findings_and_fonts (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(DdReport) r = make_report (fx, 12, 2);
  g_autofree char *pdf = g_build_filename (fx->dir, "aar.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *fonts = NULL;
  GPtrArray *rules = dd_plan_get_rules (fx->plan);
  g_auto(GStrv) lines = NULL;
  guint n_fonts = 0;

  g_assert_true (dd_report_write_pdf (r, pdf, &error));
  g_assert_no_error (error);
  text = run_tool ("pdftotext", NULL, pdf);
  fonts = run_tool ("pdffonts", NULL, pdf);
  if (text == NULL || fonts == NULL)
    {
      g_test_skip ("poppler-utils are not installed");
      return;
    }
  for (guint i = 0; i < 12; i++)
    {
      const DdRule *rule = g_ptr_array_index (rules, i % rules->len);
      g_autofree char *needle = g_strdup_printf ("%s", rule->clause);
      g_assert_nonnull (strstr (text, needle));
    }
  /* Filed reports: the checked category, the description. */
  g_assert_nonnull (strstr (text, "政务云12台虚拟机"));
  g_assert_nonnull (strstr (text, "填报人"));

  /* pdffonts: two header lines, then one line per font; emb is column 4
   * counted from the end (emb sub uni object ID). */
  lines = g_strsplit (fonts, "\n", -1);
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cols = NULL;
      guint n;

      if (*lines[i] == '\0')
        continue;
      cols = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      {
        g_autoptr(GPtrArray) words = g_ptr_array_new ();
        for (guint k = 0; cols[k] != NULL; k++)
          if (*cols[k] != '\0')
            g_ptr_array_add (words, cols[k]);
        n = words->len;
        g_assert_cmpuint (n, >=, 6);
        g_assert_cmpstr (g_ptr_array_index (words, n - 5), ==, "yes");
      }
      n_fonts++;
    }
  g_assert_cmpuint (n_fonts, >, 0);
}

static void
test_page_count_follows_content (Fixture       *fx,
                                 gconstpointer  data)
{
  g_autoptr(DdReport) small = make_report (fx, 2, 1);
  g_autoptr(DdReport) more_findings = make_report (fx, 40, 1);
  g_autoptr(DdReport) more_reports = make_report (fx, 2, 5);
  guint n_small = dd_report_paginate (small);

  g_assert_cmpuint (dd_report_paginate (more_findings), >, n_small);
  g_assert_cmpuint (dd_report_paginate (more_reports), >, n_small);

  /* Section headings are found, in order. */
  g_assert_cmpint (dd_report_find_heading (small, "Cover"), ==, 0);
}

static void
test_draw_page_on_image (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(DdReport) r = make_report (fx, 3, 1);
  guint n = dd_report_paginate (r);
  gboolean any_landscape = FALSE;

  /* The same routine a print operation's draw-page handler calls. */
  for (guint p = 0; p < n; p++)
    {
      double w, h;
      cairo_surface_t *s;
      cairo_t *cr;

      dd_report_get_page_size (r, p, &w, &h);
      any_landscape |= w > h;
      s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (w / 4), (int) (h / 4));
      cr = cairo_create (s);
      cairo_scale (cr, 0.25, 0.25);
      dd_report_draw_page (r, cr, p);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      cairo_surface_destroy (s);
    }
  g_assert_true (any_landscape); /* the 8.1 and 8.2 pages */
}

static void
test_csv (Fixture       *fx,
          gconstpointer  data)
{
  g_autoptr(DdReport) r = make_report (fx, 1, 2);
  g_autofree char *csv = dd_report_csv_to_string (r);
  guint n_injects = fx->scenario != NULL ? dd_scenario_get_injects (fx->scenario)->len : 0;
  guint rows = 0;
  gboolean quoted = FALSE;
  const char *p;

  g_assert_true (g_str_has_prefix (csv, "\xef\xbb\xbf"));
  g_assert_true (g_str_has_prefix (csv + 3, "seq,"));
  /* Count records, honouring RFC 4180 quotes (fields hold newlines). */
  for (p = csv; *p != '\0'; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (*p == '\n' && !quoted)
        {
          g_assert_true (p > csv && p[-1] == '\r');
          rows++;
        }
    }
  g_assert_false (quoted);
  g_assert_cmpuint (rows, ==, 1 + n_injects + 2);
  /* The quote inside the description is doubled. */
  g_assert_nonnull (strstr (csv, "\"\"勒索\"\""));
}

static void
test_csv_quoting (void)
{
  g_autoptr(GString) s = g_string_new (NULL);

  dd_report_csv_append_field (s, "plain");
  g_string_append_c (s, '|');
  dd_report_csv_append_field (s, "a,b");
  g_string_append_c (s, '|');
  dd_report_csv_append_field (s, "say \"hi\"\nnow");
  g_assert_cmpstr (s->str, ==, "plain|\"a,b\"|\"say \"\"hi\"\"\nnow\"");
}

/* CSV injection (OWASP): a cell that starts with = + - @, a tab or a carriage
 * return gets a leading single quote, so a timeline opened in Excel or WPS
 * runs no formula; plain numbers stay numbers. */
static void
test_csv_formulas (void)
{
  const struct { const char *field, *written; } cases[] = {
    { "=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"" },
    { "+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0" },
    { "-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0" },
    { "@SUM(1,2)", "\"'@SUM(1,2)\"" },
    { "\t=1", "'\t=1" },
    { "\r=1", "\"'\r=1\"" },
    { "-0:20", "'-0:20" },
    { "-", "'-" },
    { "-12", "-12" },
    { "+3.5", "+3.5" },
    { "42", "42" },
    { "a=b", "a=b" },
    { "报告 = 1", "报告 = 1" },
    { "", "" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) s = g_string_new (NULL);

      dd_report_csv_append_field (s, cases[i].field);
      g_assert_cmpstr (s->str, ==, cases[i].written);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dd/report/csv-quoting", test_csv_quoting);
  g_test_add_func ("/dd/report/csv-formulas", test_csv_formulas);
  g_test_add ("/dd/report/plan-only", Fixture, NULL, fixture_setup, test_plan_only, fixture_teardown);
  g_test_add ("/dd/report/sidecar-and-chart-titles", Fixture, NULL, fixture_setup, test_sidecar_and_chart_titles, fixture_teardown);
  g_test_add ("/dd/report/findings-and-fonts", Fixture, NULL, fixture_setup, test_findings_and_fonts, fixture_teardown);
  g_test_add ("/dd/report/page-count", Fixture, NULL, fixture_setup, test_page_count_follows_content, fixture_teardown);
  g_test_add ("/dd/report/draw-page", Fixture, NULL, fixture_setup, test_draw_page_on_image, fixture_teardown);
  g_test_add ("/dd/report/csv", Fixture, NULL, fixture_setup, test_csv, fixture_teardown);

  return g_test_run ();
}
