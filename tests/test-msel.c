/* test-msel.c — the MSEL spreadsheet: export and import, XLSX and CSV
 *
 * Every bundled scenario goes XML → XLSX → XML and XML → CSV → XML and
 * comes back the same scenario model; workbooks written as Excel and WPS
 * write them load; hostile spreadsheets (tests/data/msel, made by
 * tools/make-msel-fixtures.py) are refused with a message naming file,
 * sheet, row and column; the command line keeps its exit codes and writes
 * nothing unless the whole file is good.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "dd-error.h"
#include "dd-msel.h"
#include "dd-plan.h"
#include "dd-scenario.h"
#include "dd-scenario-document.h"
#include "dd-scenario-writer.h"
#include "dd-test-util.h"
#include "dd-xml.h"
#include "dd-zip-read.h"

static DdPlan *plan;

static const DdInject *inject (GPtrArray *injects,
                               guint      i);

static char *
fixture (const char *name)
{
  return dd_test_source_path ("tests", "data", "msel", name, NULL);
}

static char *
base_path (void)
{
  return dd_test_source_path ("scenarios", "ransomware-gov-cloud", "scenario.xml", NULL);
}

/* The scenario model as text: what the loader makes of the file. */
static char *
model_text (DdScenario *scenario)
{
  g_autoptr(DdScenarioDraft) d = dd_scenario_draft_from_scenario (scenario);

  return dd_scenario_draft_to_xml (d, NULL);
}

static DdScenarioDraft *
load_draft (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdScenario) s = dd_scenario_load_file (path, plan, &error);

  g_assert_no_error (error);
  return dd_scenario_draft_from_scenario (s);
}

static void
round_trip (const char *ext)
{
  g_autoptr(GPtrArray) dirs = dd_test_scenario_dirs ();
  g_autofree char *tmp = dd_test_make_tmp_dir ("msel-XXXXXX");

  g_assert_cmpuint (dirs->len, >=, 5);
  for (guint i = 0; i < dirs->len; i++)
    {
      const char *dir = g_ptr_array_index (dirs, i);
      g_autofree char *path = g_build_filename (dir, "scenario.xml", NULL);
      g_autofree char *sheet = g_strdup_printf ("%s/%u.%s", tmp, i, ext);
      g_autoptr(GError) error = NULL;
      g_autoptr(DdScenario) original = dd_scenario_load_file (path, plan, &error);
      g_autoptr(DdScenarioDraft) draft = NULL;
      g_autoptr(GPtrArray) injects = NULL;
      g_autoptr(DdScenarioDraft) back = NULL;
      g_autoptr(DdScenario) reloaded = NULL;
      g_autofree char *xml = NULL;
      g_autofree char *want = NULL;
      g_autofree char *got = NULL;
      gsize len = 0;

      g_assert_no_error (error);
      draft = dd_scenario_draft_from_scenario (original);
      g_assert_true (dd_msel_export_file (plan, draft, sheet, &error));
      g_assert_no_error (error);

      injects = dd_msel_read_injects (plan, draft, sheet, dir, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (injects->len, ==, draft->injects->len);
      back = dd_msel_apply (plan, draft, injects, dir, "back.xml", &error);
      g_assert_no_error (error);

      xml = dd_scenario_draft_to_xml (back, &len);
      reloaded = dd_scenario_load_data ("back.xml", xml, len, dir, plan, &error);
      g_assert_no_error (error);
      want = model_text (original);
      got = model_text (reloaded);
      g_assert_cmpstr (got, ==, want);
    }
  dd_test_rm_rf (tmp);
}

static void
test_round_trip_xlsx (void)
{
  round_trip ("xlsx");
}

static void
test_round_trip_csv (void)
{
  round_trip ("csv");
}

/* Every role goes by a name no other role has, and the roles that share
 * a name (the deputies) by the plan's fuller one. */
static void
test_role_labels (void)
{
  GPtrArray *roles = dd_plan_get_roles (plan);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint shared = 0;

  for (guint i = 0; i < roles->len; i++)
    {
      const DdRole *r = g_ptr_array_index (roles, i);
      const char *label = dd_plan_role_label (plan, r);

      g_assert_true (g_hash_table_add (seen, (gpointer) label));
      g_assert_null (strchr (label, ','));
      if (strcmp (label, r->name) != 0)
        {
          g_assert_cmpstr (label, ==, r->short_name);
          g_assert_true (g_str_has_prefix (label, r->name));
          shared++;
        }
    }
  /* the six deputy commanders */
  g_assert_cmpuint (shared, >=, 6);
}

/* Every role of the plan, all in one cell, comes back (names holding
 * "、" inside brackets, the deputies). */
static void
test_every_role (void)
{
  g_autofree char *base = base_path ();
  g_autoptr(DdScenarioDraft) draft = load_draft (base);
  GPtrArray *roles = dd_plan_get_roles (plan);
  DdInject *first = g_ptr_array_index (draft->injects, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdMselTable) table = NULL;
  g_autoptr(GPtrArray) injects = NULL;

  g_strfreev (first->to);
  first->to = g_new0 (char *, roles->len + 1);
  for (guint i = 0; i < roles->len; i++)
    first->to[i] = g_strdup (((DdRole *) g_ptr_array_index (roles, i))->id);
  table = dd_msel_export (plan, draft, &error);
  g_assert_no_error (error);
  injects = dd_msel_import_table (table, plan, draft, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (inject (injects, 0)->to), ==, roles->len);
  for (guint i = 0; i < roles->len; i++)
    g_assert_cmpstr (inject (injects, 0)->to[i], ==, first->to[i]);
}

/* Condition types and attributes come from the schema, not from C. */
static void
test_conditions_from_schema (void)
{
  const char *const *types = dd_msel_condition_types ();
  const char *const *attrs = dd_msel_condition_attributes ();

  g_assert_true (g_strv_contains (types, "after"));
  g_assert_true (g_strv_contains (types, "absent"));
  g_assert_true (g_strv_contains (attrs, "type"));
  g_assert_true (g_strv_contains (attrs, "action"));
  g_assert_true (g_strv_contains (attrs, "role"));
}

static GPtrArray *
import_fixture (const char  *name,
                GError     **error)
{
  g_autofree char *path = fixture (name);
  g_autofree char *base = base_path ();
  g_autoptr(DdScenarioDraft) draft = load_draft (base);

  return dd_msel_read_injects (plan, draft, path, NULL, error);
}

static const DdInject *
inject (GPtrArray *injects,
        guint      i)
{
  g_assert_cmpuint (i, <, injects->len);
  return g_ptr_array_index (injects, i);
}

/* As Excel saves: shared strings with rich text, times and dates as serial
 * numbers in time and date formats, a clause Excel made a number. */
static void
test_excel (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) injects = import_fixture ("excel.xlsx", &error);
  const DdInjectExpect *e;

  g_assert_no_error (error);
  g_assert_cmpuint (injects->len, ==, 4);
  g_assert_cmpint (inject (injects, 0)->at, ==, 0);            /* 08:30 as h:mm, T+0 */
  g_assert_cmpint (inject (injects, 1)->at, ==, 25 * 60);      /* a date and time */
  g_assert_cmpint (inject (injects, 2)->at, ==, 60 * 60);      /* T+1:00 */
  g_assert_cmpint (inject (injects, 3)->at, ==, 5 * 3600);     /* a custom date format */
  g_assert_true (g_str_has_suffix (inject (injects, 0)->content, "12\xe5\x8f\xb0\xe8\x99\x9a\xe6\x8b\x9f\xe6\x9c\xba\xe6\x96\x87\xe4\xbb\xb6\xe8\xa2\xab\xe5\x8a\xa0\xe5\xaf\x86\xe3\x80\x82"));
  g_assert_nonnull (strchr (inject (injects, 1)->content, '\n'));   /* a line break in a cell */
  g_assert_cmpstr (inject (injects, 1)->from, ==, "tech-team");
  g_assert_cmpstr (inject (injects, 2)->source, !=, NULL);
  g_assert_cmpuint (g_strv_length (inject (injects, 2)->to), ==, 2);
  e = g_ptr_array_index (inject (injects, 0)->expects, 0);
  g_assert_cmpstr (e->clause, ==, "4.1");
  g_assert_cmpint (e->within, ==, 15 * 60);
  g_assert_cmpint (e->severity, ==, DD_FINDING_SEVERITY_MAJOR);
  e = g_ptr_array_index (inject (injects, 1)->expects, 0);
  g_assert_cmpint (e->within, ==, 10 * 60);                    /* 0:10 Excel made a time */
  g_assert_cmpint (e->severity, ==, DD_FINDING_SEVERITY_MINOR);
}

/* As WPS saves: inline strings, its own column order, conditions, a deputy
 * typed with ASCII brackets, a clock time as text. */
static void
test_wps (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) injects = import_fixture ("wps.xlsx", &error);
  const DdInjectCondition *c;

  g_assert_no_error (error);
  g_assert_cmpuint (injects->len, ==, 3);
  g_assert_cmpint (inject (injects, 1)->at, ==, 20 * 60);
  g_assert_cmpint (inject (injects, 2)->at, ==, 80 * 60);      /* 09:50, T+0 at 08:30 */
  g_assert_cmpstr (inject (injects, 1)->to[1], ==, "deputy-bigdata");
  c = g_ptr_array_index (inject (injects, 1)->conditions, 0);
  g_assert_cmpint (c->type, ==, DD_CONDITION_ABSENT);
  g_assert_cmpstr (c->action, ==, "report");
  c = g_ptr_array_index (inject (injects, 2)->conditions, 0);
  g_assert_cmpint (c->type, ==, DD_CONDITION_AFTER);
  g_assert_cmpstr (inject (injects, 2)->from, ==, "province-command");
}

/* A CSV without a BOM is read as UTF-8; a neutralised formula text comes
 * back as written; a quoted field keeps its quotes and line break. */
static void
test_csv_no_bom (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) injects = import_fixture ("nobom.csv", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (injects->len, ==, 2);
  g_assert_nonnull (strstr (inject (injects, 0)->content, "\"\xe7\xb3\xbb"));
  g_assert_nonnull (strchr (inject (injects, 0)->content, '\n'));
  g_assert_true (g_str_has_prefix (inject (injects, 1)->content, "="));
  g_assert_cmpint (inject (injects, 1)->at, ==, 30 * 60);
}

/* A text a spreadsheet would run as a formula is written with a quote
 * before it, and comes back without. */
static void
test_csv_neutralised (void)
{
  g_autofree char *base = base_path ();
  g_autoptr(DdScenarioDraft) draft = load_draft (base);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdMselTable) table = NULL;
  g_autoptr(DdMselTable) back = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(GPtrArray) injects = NULL;
  DdInject *first = g_ptr_array_index (draft->injects, 0);

  g_free (first->content);
  first->content = g_strdup ("=HYPERLINK(\"http://x\")");
  g_free (first->title);
  first->title = g_strdup ("'=already quoted");
  table = dd_msel_export (plan, draft, &error);
  g_assert_no_error (error);
  csv = dd_msel_csv_to_string (table);
  g_assert_true (g_str_has_prefix (csv, "\xef\xbb\xbf"));
  g_assert_nonnull (strstr (csv, "\"'=HYPERLINK(\"\"http://x\"\")\""));
  back = dd_msel_csv_parse ("t.csv", csv, strlen (csv), &error);
  g_assert_no_error (error);
  injects = dd_msel_import_table (back, plan, draft, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (inject (injects, 0)->content, ==, first->content);
  g_assert_cmpstr (inject (injects, 0)->title, ==, first->title);
}

typedef struct {
  const char *file;
  const char *message;          /* in the C locale */
} Hostile;

static const Hostile hostile[] = {
  { "zip-bomb.xlsx", "zip-bomb.xlsx: the archive inflates to more than" },
  { "many-entries.xlsx", "entries, over the limit of" },
  { "truncated.xlsx", "cut short" },
  { "many-strings.xlsx", "sharedStrings.xml:" },
  { "formula.xlsx", "formula.xlsx:Sheet1:R3C1: the cell holds a formula" },
  { "wrong-types.xlsx", "wrong-types.xlsx:Sheet1:R3C8: a true/false value where text is expected" },
  { "missing-column.xlsx", "missing-column.xlsx:Sheet1:R1: the column" },
  { "unknown-role.xlsx", "unknown-role.xlsx:Sheet1:R12C4: unknown role \xe2\x80\x9c\xe5\x8d\xab\xe5\x81\xa5\xe5\xa7\x94\xe2\x80\x9d" },
  { "bad-time.xlsx", "bad-time.xlsx:Sheet1:R4C2: " },
  { "gbk.csv", "gbk.csv:R1C1: the file is not UTF-8 text" },
  { "unclosed.csv", "unclosed.csv:R2C6: a quoted field is never closed" },
};

static void
test_hostile (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) injects = import_fixture (hostile[i].file, &error);

      g_test_message ("%s: %s", hostile[i].file, error ? error->message : "(accepted)");
      g_assert_null (injects);
      g_assert_error (error, DD_ERROR, error->code);
      g_assert_nonnull (strstr (error->message, hostile[i].message));
    }
}

/* Every cut of a good workbook is refused or read, never more. */
static void
test_cut_everywhere (void)
{
  g_autofree char *path = fixture ("excel.xlsx");
  g_autofree char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  for (gsize cut = 0; cut < len; cut += 7)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (data, cut);
      g_autoptr(GError) error = NULL;
      g_autoptr(DdMselTable) table = dd_msel_xlsx_parse ("cut.xlsx", bytes, &error);

      g_assert_null (table);
      g_assert_nonnull (error);
    }
}

/* The exported workbook: three sheets, a frozen header, drop-down lists
 * on role, channel and action columns, the deputies by their posts. */
static void
test_xlsx_structure (void)
{
  g_autofree char *base = base_path ();
  g_autoptr(DdScenarioDraft) draft = load_draft (base);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdMselTable) table = dd_msel_export (plan, draft, &error);
  g_autoptr(GBytes) bytes = dd_msel_xlsx_to_bytes (table, plan, &error);
  const DdZipLimits limits = { 100, 1 << 24, 1 << 26, 1000, 1 << 20 };
  g_autoptr(DdZipRead) zip = NULL;
  g_autoptr(GBytes) sheet = NULL;
  g_autoptr(GBytes) strings = NULL;
  g_autofree char *sheet_text = NULL;
  g_autofree char *strings_text = NULL;
  const DdRole *deputy = dd_plan_lookup_role (plan, "deputy-cac");

  g_assert_no_error (error);
  zip = dd_zip_read_new ("x.xlsx", bytes, &limits, &error);
  g_assert_no_error (error);
  g_assert_true (dd_zip_read_has (zip, "xl/worksheets/sheet3.xml"));
  sheet = dd_zip_read_entry (zip, "xl/worksheets/sheet1.xml", &error);
  g_assert_no_error (error);
  sheet_text = g_strndup (g_bytes_get_data (sheet, NULL), g_bytes_get_size (sheet));
  g_assert_nonnull (strstr (sheet_text, "state=\"frozen\""));
  g_assert_nonnull (strstr (sheet_text, "<dataValidation type=\"list\""));
  g_assert_nonnull (strstr (sheet_text, "<cols>"));
  g_assert_null (strstr (sheet_text, "<f>"));
  strings = dd_zip_read_entry (zip, "xl/sharedStrings.xml", &error);
  g_assert_no_error (error);
  strings_text = g_strndup (g_bytes_get_data (strings, NULL), g_bytes_get_size (strings));
  g_assert_nonnull (deputy);
  g_assert_nonnull (strstr (strings_text, deputy->short_name));
  g_assert_nonnull (strstr (strings_text, dd_msel_word ("instructions", "title")));
}

/* Runs the CLI, its stderr in @err. */
static int
run_cli (char       **err,
         const char  *first,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  va_list ap;
  int status = -1;

  g_ptr_array_add (args, (gpointer) g_getenv ("DD_CLI"));
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, err, &status, &error));
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL) ? 0 : WEXITSTATUS (status);
}

static void
test_cli (void)
{
  g_autofree char *tmp = dd_test_make_tmp_dir ("msel-cli-XXXXXX");
  g_autofree char *base = base_path ();
  g_autofree char *xlsx = g_build_filename (tmp, "msel.xlsx", NULL);
  g_autofree char *out = g_build_filename (tmp, "out.xml", NULL);
  g_autofree char *bad = fixture ("unknown-role.xlsx");
  g_autofree char *err = NULL;
  g_autofree char *src_att = dd_test_source_path ("scenarios", "ransomware-gov-cloud", "attachments", NULL);
  g_autofree char *att = g_build_filename (tmp, "attachments", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdScenario) original = NULL;
  g_autoptr(DdScenario) back = NULL;
  g_autofree char *want = NULL;
  g_autofree char *got = NULL;

  g_assert_cmpint (run_cli (NULL, "msel", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, "msel", "export", base, NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, "msel", "export", base, "-o", out, NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&err, "msel", "import", bad, "-o", out, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--base"));

  g_assert_cmpint (run_cli (NULL, "msel", "export", base, "-o", xlsx, NULL), ==, 0);
  g_assert_true (g_file_test (xlsx, G_FILE_TEST_IS_REGULAR));

  /* attachments beside the scenario written */
  g_assert_cmpint (g_mkdir (att, 0755), ==, 0);
  {
    g_autoptr(GDir) d = g_dir_open (src_att, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *from = g_build_filename (src_att, name, NULL);
        g_autofree char *data = NULL;
        gsize len = 0;

        g_assert_true (g_file_get_contents (from, &data, &len, NULL));
        g_free (dd_test_write_file (att, name, data, (gssize) len));
      }
  }
  g_assert_cmpint (run_cli (NULL, "msel", "import", xlsx, "--base", base, "-o", out, NULL), ==, 0);
  original = dd_scenario_load_file (base, plan, &error);
  g_assert_no_error (error);
  back = dd_scenario_load_file (out, plan, &error);
  g_assert_no_error (error);
  want = model_text (original);
  got = model_text (back);
  g_assert_cmpstr (got, ==, want);

  /* a bad file: exit 1, every message positioned, the old output kept */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&err, "msel", "import", bad, "--base", base, "-o", out, NULL), ==, 1);
  g_assert_nonnull (strstr (err, ":Sheet1:R12C4: "));
  {
    g_autoptr(DdScenario) still = dd_scenario_load_file (out, plan, &error);
    g_autofree char *kept = NULL;

    g_assert_no_error (error);
    kept = model_text (still);
    g_assert_cmpstr (kept, ==, want);
  }
  dd_test_rm_rf (tmp);
}

/* The editor's document takes the imported injects as one undoable step. */
static void
test_document_set_injects (void)
{
  g_autofree char *base = base_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(DdScenarioDocument) doc = dd_scenario_document_open (plan, base, NULL, &error);
  g_autoptr(GPtrArray) injects = NULL;
  guint before;

  g_assert_no_error (error);
  before = dd_scenario_document_count (doc, "injects");
  injects = import_fixture ("wps.xlsx", &error);
  g_assert_no_error (error);
  dd_scenario_document_set_injects (doc, injects);
  g_assert_cmpuint (dd_scenario_document_count (doc, "injects"), ==, 3);
  g_assert_true (dd_scenario_document_is_modified (doc));
  g_assert_true (dd_scenario_document_undo (doc));
  g_assert_cmpuint (dd_scenario_document_count (doc, "injects"), ==, before);
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

  g_test_add_func ("/dd/msel/round-trip/xlsx", test_round_trip_xlsx);
  g_test_add_func ("/dd/msel/round-trip/csv", test_round_trip_csv);
  g_test_add_func ("/dd/msel/role-labels", test_role_labels);
  g_test_add_func ("/dd/msel/every-role", test_every_role);
  g_test_add_func ("/dd/msel/conditions-from-schema", test_conditions_from_schema);
  g_test_add_func ("/dd/msel/excel", test_excel);
  g_test_add_func ("/dd/msel/wps", test_wps);
  g_test_add_func ("/dd/msel/csv-no-bom", test_csv_no_bom);
  g_test_add_func ("/dd/msel/csv-neutralised", test_csv_neutralised);
  g_test_add_func ("/dd/msel/hostile", test_hostile);
  g_test_add_func ("/dd/msel/cut-everywhere", test_cut_everywhere);
  g_test_add_func ("/dd/msel/xlsx-structure", test_xlsx_structure);
  g_test_add_func ("/dd/msel/cli", test_cli);
  g_test_add_func ("/dd/msel/document-set-injects", test_document_set_injects);

  ret = g_test_run ();
  g_object_unref (plan);
  return ret;
}
