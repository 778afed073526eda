/* test-plan.c — the plan as data: loading, content, semantic checks, JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dd-error.h"
#include "dd-plan.h"

static DdPlan *
load_source_plan (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "assets", "plans", "jincheng-2020.xml", NULL);
  g_autoptr(GError) error = NULL;
  DdPlan *plan = dd_plan_load_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);
  return plan;
}

static DdPlan *
load_fixture (const char  *name,
              GError     **error)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);

  return dd_plan_load_file (path, error);
}

/* ------------------------------------------------------------------ */

static void
test_loads_source (void)
{
  g_autoptr(DdPlan) plan = load_source_plan ();
  const DdPlanIdentity *id = dd_plan_get_identity (plan);

  g_assert_cmpstr (dd_plan_get_id (plan), ==, "jincheng-2020");
  g_assert_cmpstr (id->title, ==, "晋城市网络与信息安全突发事件应急预案");
  g_assert_cmpstr (id->doc_number, ==, "晋市政办〔2020〕82号");
  g_assert_cmpstr (id->replaces, ==, "晋市政办〔2017〕110号");
  g_assert_cmpstr (id->issued, ==, "2020-12-31");
  g_assert_cmpuint (id->revision_interval_years, ==, 3);
  g_assert_cmpstr (id->revision_owner, ==, "bigdata");
  g_assert_cmpstr (id->revision_clause, ==, "7.1");
  g_assert_cmpuint (id->drill_interval_months, ==, 12);
  g_assert_cmpuint (id->drill_min_count, ==, 1);
  g_assert_cmpstr (id->drill_clause, ==, "6.7");
  g_assert_cmpuint (strlen (dd_plan_get_source_sha256 (plan)), ==, 64);
}

static void
test_loads_default (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPlan) plan = dd_plan_load_default (&error);
  g_autoptr(DdPlan) source = load_source_plan ();

  g_assert_no_error (error);
  g_assert_nonnull (plan);
  g_assert_cmpstr (dd_plan_get_id (plan), ==, "jincheng-2020");
  /* The embedded copy is the file in the source tree, byte for byte. */
  g_assert_cmpstr (dd_plan_get_source_sha256 (plan), ==, dd_plan_get_source_sha256 (source));
}

static void
test_member_units (void)
{
  static const char * const expected[] = {
    "市委政法委", "市委网信办", "市发展改革委", "市教育局", "市科技局", "市工信局",
    "市公安局", "市财政局", "市交通局", "市文旅局", "市应急局", "市外事办",
    "市市场监管局", "市大数据局", "市委机要保密局", "市政府新闻办", "市国家安全局",
    "晋城军分区", "国网晋城供电公司", "中国铁塔晋城分公司", "中国联通晋城分公司",
    "中国移动晋城分公司", "中国电信晋城分公司",
  };
  g_autoptr(DdPlan) plan = load_source_plan ();
  g_autoptr(GPtrArray) units = dd_plan_get_roles_of_kind (plan, DD_ROLE_KIND_MEMBER_UNIT);

  g_assert_cmpuint (units->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < units->len; i++)
    {
      const DdRole *r = g_ptr_array_index (units, i);
      g_assert_cmpstr (r->name, ==, expected[i]);
      g_assert_cmpstr (r->parent, ==, "hq");
      g_assert_cmpstr (r->clause, ==, "2.3");
      g_assert_nonnull (r->phone);
      g_assert_nonnull (r->duties[0]);
    }

  /* the news office carries the tag the release rule relies on */
  g_assert_true (dd_role_has_tag (dd_plan_lookup_role (plan, "news"), "news"));
  g_assert_false (dd_role_has_tag (dd_plan_lookup_role (plan, "police"), "news"));
}

static void
test_command_structure (void)
{
  g_autoptr(DdPlan) plan = load_source_plan ();
  g_autoptr(GPtrArray) deputies = dd_plan_get_roles_of_kind (plan, DD_ROLE_KIND_DEPUTY);
  g_autoptr(GPtrArray) commanders = dd_plan_get_roles_of_kind (plan, DD_ROLE_KIND_COMMANDER);
  g_autoptr(GPtrArray) hq_children = NULL;
  const DdRole *office = dd_plan_lookup_role (plan, "office");
  const DdRole *director = dd_plan_lookup_role (plan, "office-director");
  gboolean saw_chief_of_staff = FALSE;

  g_assert_cmpuint (deputies->len, ==, 6);
  for (guint i = 0; i < deputies->len; i++)
    {
      const DdRole *d = g_ptr_array_index (deputies, i);
      g_assert_cmpstr (d->parent, ==, "commander");
      g_assert_nonnull (d->holder);
      if (g_strcmp0 (d->holder, "晋城军分区参谋长") == 0)
        saw_chief_of_staff = TRUE;
    }
  g_assert_true (saw_chief_of_staff);

  g_assert_cmpuint (commanders->len, ==, 1);
  g_assert_cmpstr (((DdRole *) g_ptr_array_index (commanders, 0))->holder, ==,
                   "市人民政府分管网络与信息工作的副市长");

  g_assert_nonnull (office);
  g_assert_cmpstr (office->unit, ==, "bigdata");
  g_assert_cmpstr (office->parent, ==, "hq");
  g_assert_nonnull (director);
  g_assert_nonnull (strstr (director->holder, "市大数据局局长"));
  g_assert_nonnull (strstr (director->holder, "市委网信办主任"));

  hq_children = dd_plan_get_children (plan, "hq");
  /* commander + office + 23 member units + county HQ */
  g_assert_cmpuint (hq_children->len, ==, 26);
  g_assert_null (dd_plan_lookup_role (plan, "no-such-role"));
}

static void
test_categories (void)
{
  static const struct { const char *name; guint subtypes; } expected[] = {
    { "有害程序事件", 7 }, { "网络攻击事件", 7 }, { "信息破坏事件", 6 },
    { "信息内容安全事件", 0 }, { "设备设施故障事件", 4 }, { "灾害性事件", 8 },
    { "其他信息安全事件", 0 },
  };
  g_autoptr(DdPlan) plan = load_source_plan ();
  GPtrArray *cats = dd_plan_get_categories (plan);
  const DdCategory *parent = NULL;
  const DdSubtype *st;

  g_assert_cmpstr (dd_plan_get_classification_standard (plan), ==, "GB/Z 20986-2007");
  g_assert_cmpuint (cats->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < cats->len; i++)
    {
      const DdCategory *c = g_ptr_array_index (cats, i);
      g_assert_cmpstr (c->name, ==, expected[i].name);
      g_assert_cmpuint (c->subtypes->len, ==, expected[i].subtypes);
      g_assert_cmpstr (c->clause, ==, "1.5");
    }

  st = dd_plan_lookup_subtype (plan, "war", &parent);
  g_assert_nonnull (st);
  g_assert_cmpstr (st->name, ==, "战争");
  g_assert_cmpstr (parent->id, ==, "disaster");
}

static void
test_severities_and_warnings (void)
{
  static const char * const names[] = { "特别重大", "重大", "较大", "一般" };
  static const char * const colours[] = { "红色", "橙色", "黄色", "蓝色" };
  static const char * const levels[] = { "Ⅰ级", "Ⅱ级", "Ⅲ级", "Ⅳ级" };
  g_autoptr(DdPlan) plan = load_source_plan ();
  GPtrArray *sev = dd_plan_get_severities (plan);
  GPtrArray *warn = dd_plan_get_warning_levels (plan);
  const DdSeverity *undet = dd_plan_get_undetermined_severity (plan);

  g_assert_cmpuint (sev->len, ==, 4);
  for (guint i = 0; i < sev->len; i++)
    {
      const DdSeverity *s = g_ptr_array_index (sev, i);
      g_assert_cmpstr (s->name, ==, names[i]);
      g_assert_cmpuint (s->rank, ==, i + 1);
      g_assert_false (s->undetermined);
      g_assert_nonnull (s->criteria[0]);
    }
  g_assert_cmpuint (g_strv_length (((DdSeverity *) g_ptr_array_index (sev, 0))->criteria), ==, 3);

  g_assert_nonnull (undet);
  g_assert_true (undet->undetermined);
  g_assert_true (dd_plan_lookup_severity (plan, undet->id) == undet);

  g_assert_cmpuint (warn->len, ==, 4);
  for (guint i = 0; i < warn->len; i++)
    {
      const DdWarningLevel *w = g_ptr_array_index (warn, i);
      const DdSeverity *s = dd_plan_lookup_severity (plan, w->severity);
      g_assert_cmpstr (w->name, ==, levels[i]);
      g_assert_cmpstr (w->colour_name, ==, colours[i]);
      g_assert_cmpuint (strlen (w->colour_hex), ==, 7);
      g_assert_cmpstr (s->name, ==, names[i]);
      g_assert_true (dd_plan_warning_level_for_severity (plan, s->id) == w);
    }
}

static void
test_phones (void)
{
  g_autoptr(DdPlan) plan = load_source_plan ();
  GPtrArray *rows = dd_plan_get_phone_rows (plan);
  const DdPhoneRow *first, *last;
  gboolean saw_bigdata = FALSE;

  g_assert_cmpuint (rows->len, ==, 28);
  first = g_ptr_array_index (rows, 0);
  last = g_ptr_array_index (rows, rows->len - 1);
  g_assert_cmpstr (first->unit, ==, "省委办公室");
  g_assert_cmpstr (first->phone, ==, "0351-4045001");
  g_assert_cmpstr (last->unit, ==, "电信晋城分公司");
  g_assert_cmpstr (last->phone, ==, "6997099");
  g_assert_cmpstr (last->role, ==, "telecom");

  for (guint i = 0; i < rows->len; i++)
    {
      const DdPhoneRow *row = g_ptr_array_index (rows, i);
      if (g_strcmp0 (row->unit, "市大数据局") == 0)
        {
          g_assert_cmpstr (row->phone, ==, "2218958");
          saw_bigdata = TRUE;
        }
      if (row->role != NULL)
        g_assert_cmpstr (dd_plan_lookup_role (plan, row->role)->phone, ==, row->phone);
    }
  g_assert_true (saw_bigdata);
  g_assert_cmpstr (dd_plan_lookup_role (plan, "bigdata")->phone, ==, "2218958");
  g_assert_cmpstr (dd_plan_get_phone_area_code (plan), ==, "0356");
}

static void
test_reporting (void)
{
  g_autoptr(DdPlan) plan = load_source_plan ();
  GPtrArray *contents = dd_plan_get_report_contents (plan);
  GPtrArray *fields = dd_plan_get_form_fields (plan);
  const DdFormField *f;

  g_assert_cmpuint (contents->len, ==, 8);
  g_assert_cmpuint (fields->len, ==, 13);
  g_assert_cmpuint (dd_plan_get_hazards (plan)->len, ==, 5);
  f = dd_plan_lookup_form_field (plan, "category");
  g_assert_nonnull (f);
  g_assert_cmpint (f->type, ==, DD_FIELD_TYPE_CATEGORY);
  g_assert_true (f->required);
  g_assert_cmpstr (dd_plan_lookup_form_field (plan, "reviewer")->label, ==, "审核人");
}

static void
test_response_deciders (void)
{
  g_autoptr(DdPlan) plan = load_source_plan ();
  const DdResponseLevel *l1 = dd_plan_lookup_response_level (plan, "I");
  const DdResponseLevel *l2 = dd_plan_lookup_response_level (plan, "II");
  const DdResponseLevel *l3 = dd_plan_lookup_response_level (plan, "III");
  g_autoptr(GPtrArray) deputies = dd_plan_get_roles_of_kind (plan, DD_ROLE_KIND_DEPUTY);
  const DdRule *r1 = dd_plan_lookup_rule (plan, "response-I-authority");
  const DdRule *r2 = dd_plan_lookup_rule (plan, "response-II-authority");
  const DdRule *r3 = dd_plan_lookup_rule (plan, "response-III-authority");

  g_assert_cmpuint (dd_plan_get_response_levels (plan)->len, ==, 3);

  /* Ⅰ: the commander alone */
  g_assert_cmpuint (g_strv_length (l1->deciders), ==, 1);
  g_assert_cmpstr (l1->deciders[0], ==, "commander");
  g_assert_cmpstr (l1->procedure_clause, ==, "4.2.1.2");
  g_assert_true (dd_rule_allows_role (r1, dd_plan_lookup_role (plan, "commander")));
  g_assert_false (dd_rule_allows_role (r1, dd_plan_lookup_role (plan, "deputy-bigdata")));
  g_assert_false (dd_rule_allows_role (r1, dd_plan_lookup_role (plan, "office-director")));

  /* Ⅱ: the commander or any deputy */
  g_assert_cmpuint (g_strv_length (l2->deciders), ==, 7);
  g_assert_true (g_strv_contains ((const char * const *) l2->deciders, "commander"));
  for (guint i = 0; i < deputies->len; i++)
    {
      const DdRole *d = g_ptr_array_index (deputies, i);
      g_assert_true (g_strv_contains ((const char * const *) l2->deciders, d->id));
      g_assert_true (dd_rule_allows_role (r2, d));
    }
  g_assert_false (dd_rule_allows_role (r2, dd_plan_lookup_role (plan, "office-director")));

  /* Ⅲ: the office director */
  g_assert_cmpuint (g_strv_length (l3->deciders), ==, 1);
  g_assert_cmpstr (l3->deciders[0], ==, "office-director");
  g_assert_true (dd_rule_allows_role (r3, dd_plan_lookup_role (plan, "office-director")));
  g_assert_false (dd_rule_allows_role (r3, dd_plan_lookup_role (plan, "commander")));

  /* The rule applies only to its level. */
  g_assert_true (dd_rule_applies (r1, "major", NULL, "I"));
  g_assert_false (dd_rule_applies (r1, "major", NULL, "II"));
  g_assert_false (dd_rule_applies (r1, "major", NULL, NULL));
}

static void
test_deadline_rules (void)
{
  g_autoptr(DdPlan) plan = load_source_plan ();
  GPtrArray *rules = dd_plan_get_rules (plan);
  const DdRule *hour = NULL;
  const DdRule *immediate = NULL;

  for (guint i = 0; i < rules->len; i++)
    {
      const DdRule *r = g_ptr_array_index (rules, i);

      g_assert_nonnull (r->clause);
      g_assert_nonnull (r->text);
      g_assert_nonnull (r->message);
      g_assert_nonnull (dd_plan_lookup_phase (plan, r->phase));
      if (r->kind != DD_RULE_KIND_DEADLINE)
        continue;
      if (!r->immediate && dd_rule_applies (r, "relatively-major", NULL, NULL) &&
          g_strv_contains ((const char * const *) r->recipients, "city-gov"))
        hour = r;
      if (r->immediate && dd_rule_applies (r, "major", NULL, NULL) &&
          g_strv_contains ((const char * const *) r->recipients, "city-gov"))
        immediate = r;
    }

  g_assert_nonnull (hour);
  g_assert_cmpuint (hour->minutes, ==, 60);
  g_assert_cmpstr (hour->clause, ==, "4.1");
  g_assert_cmpint (hour->anchor, ==, DD_RULE_ANCHOR_INCIDENT_START);
  g_assert_true (dd_rule_applies (hour, "undetermined", NULL, NULL));
  g_assert_false (dd_rule_applies (hour, "general", NULL, NULL));
  g_assert_false (dd_rule_applies (hour, "major", NULL, NULL));
  g_assert_cmpint (hour->missing_severity, ==, DD_FINDING_SEVERITY_CRITICAL);
  g_assert_cmpstr (hour->consequence_clause, ==, "7.2");

  g_assert_nonnull (immediate);
  g_assert_true (immediate->immediate);
  g_assert_nonnull (immediate->threshold_note);
  g_assert_cmpint (immediate->anchor, ==, DD_RULE_ANCHOR_DETECTION);
  g_assert_true (dd_rule_applies (immediate, "especially-major", NULL, NULL));
  g_assert_false (dd_rule_applies (immediate, "relatively-major", NULL, NULL));
}

static void
test_rule_coverage (void)
{
  g_autoptr(DdPlan) plan = load_source_plan ();
  GPtrArray *rules = dd_plan_get_rules (plan);
  guint per_kind[DD_RULE_KIND_SAME_AUTHORITY + 1] = { 0 };
  const DdRule *r;

  for (guint i = 0; i < rules->len; i++)
    per_kind[((DdRule *) g_ptr_array_index (rules, i))->kind]++;
  /* every kind but same-actor, which 4.5 does not mean (the body and its
   * authority, not the person: same-authority) */
  for (guint k = 0; k < G_N_ELEMENTS (per_kind); k++)
    if (k != DD_RULE_KIND_SAME_ACTOR)
      g_assert_cmpuint (per_kind[k], >, 0);
  g_assert_cmpuint (per_kind[DD_RULE_KIND_SAME_ACTOR], ==, 0);

  r = dd_plan_lookup_rule (plan, "release-authority");
  g_assert_cmpstr (r->clause, ==, "4.4");
  g_assert_true (dd_rule_allows_role (r, dd_plan_lookup_role (plan, "news")));
  g_assert_false (dd_rule_allows_role (r, dd_plan_lookup_role (plan, "police")));

  r = dd_plan_lookup_rule (plan, "closure-same-body");
  g_assert_cmpint (r->kind, ==, DD_RULE_KIND_SAME_AUTHORITY);
  g_assert_cmpstr (r->same_as, ==, "decide-response");
  /* 4.5 read as bodies: Ⅰ ends with the 指挥长, Ⅱ with him or a 副指挥长,
   * Ⅲ with the office or the 市指挥部 */
  {
    static const struct { const char *level, *role; gboolean may; } closes[] = {
      { "I", "commander", TRUE }, { "I", "deputy-bigdata", FALSE },
      { "II", "deputy-bigdata", TRUE }, { "II", "commander", TRUE }, { "II", "office-director", FALSE },
      { "III", "office", TRUE }, { "III", "office-director", TRUE }, { "III", "commander", TRUE },
      { "III", "news", FALSE },
    };

    for (guint i = 0; i < G_N_ELEMENTS (closes); i++)
      g_assert_cmpint (dd_response_level_may_close (dd_plan_lookup_response_level (plan, closes[i].level),
                                                    dd_plan_lookup_role (plan, closes[i].role)),
                       ==, closes[i].may);
  }

  r = dd_plan_lookup_rule (plan, "content-control");
  g_assert_true (dd_rule_applies (r, "relatively-major", "information-content", "II"));
  g_assert_false (dd_rule_applies (r, "relatively-major", "network-attack", "II"));
  g_assert_false (dd_rule_applies (r, "general", "information-content", "III"));

  r = dd_plan_lookup_rule (plan, "warning-publish-prerequisites");
  g_assert_true (g_strv_contains ((const char * const *) r->requires, "assess"));
  g_assert_true (g_strv_contains ((const char * const *) r->requires, "approve-warning"));

  g_assert_cmpuint (dd_plan_get_action_kinds (plan)->len, >=, 28);
  g_assert_nonnull (dd_plan_lookup_action_kind (plan, "handover-command"));
  g_assert_cmpint (dd_plan_lookup_action_kind (plan, "report")->form, ==, DD_ACTION_FORM_REPORT);
  g_assert_cmpuint (dd_plan_get_report_types (plan)->len, ==, 3);
}

static void
test_every_clause (void)
{
  static const char * const clauses[] = {
    "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "2.1", "2.2", "2.3", "2.4", "3.1",
    "3.2.1", "3.2.2", "3.2.3", "3.2.4", "4.1", "4.2", "4.3", "4.4", "4.5", "5.1",
    "5.2", "5.3", "6.1", "6.2", "6.3", "6.4", "6.5", "6.6", "6.7", "7.1", "7.2",
    "7.3", "7.4", "8.1", "8.2", "8.3", "8.4",
  };
  g_autoptr(DdPlan) plan = load_source_plan ();

  for (guint i = 0; i < G_N_ELEMENTS (clauses); i++)
    {
      const DdProvision *p = dd_plan_lookup_provision_by_clause (plan, clauses[i]);
      if (p == NULL)
        g_test_message ("clause %s missing", clauses[i]);
      g_assert_nonnull (p);
      g_assert_cmpuint (strlen (p->text), >, 0);
    }
  g_assert_cmpstr (dd_plan_lookup_provision (plan, "release")->clause, ==, "4.4");
}

static void
test_scoring (void)
{
  g_autoptr(DdPlan) plan = load_source_plan ();
  const DdScoring *s = dd_plan_get_scoring (plan);
  GPtrArray *phases = dd_plan_get_phases (plan);
  double total = 0;

  g_assert_cmpuint (phases->len, ==, 8);
  for (guint i = 0; i < phases->len; i++)
    {
      const DdPhase *p = g_ptr_array_index (phases, i);
      g_assert_cmpuint (p->order, ==, i + 1);
      total += p->weight;
    }
  g_assert_cmpfloat (total, >, 0);
  g_assert_cmpfloat (dd_scoring_deduction (s, DD_FINDING_SEVERITY_CRITICAL), >,
                     dd_scoring_deduction (s, DD_FINDING_SEVERITY_MAJOR));
  g_assert_cmpfloat (dd_scoring_deduction (s, DD_FINDING_SEVERITY_MAJOR), >,
                     dd_scoring_deduction (s, DD_FINDING_SEVERITY_MINOR));
  g_assert_cmpstr (dd_scoring_rate (s, s->max_score)->id, ==, "performed");
  g_assert_cmpstr (dd_scoring_rate (s, 0)->id, ==, "not-performed");
}

static void
test_past_revision (void)
{
  g_autoptr(DdPlan) plan = load_source_plan ();
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) before = g_date_time_new (utc, 2023, 6, 1, 12, 0, 0);
  g_autoptr(GDateTime) on_due = g_date_time_new (utc, 2023, 12, 31, 23, 0, 0);
  g_autoptr(GDateTime) after = g_date_time_new (utc, 2024, 1, 1, 0, 30, 0);
  g_autoptr(GDateTime) due = dd_plan_get_revision_due (plan);

  g_assert_cmpint (g_date_time_get_year (due), ==, 2023);
  g_assert_cmpint (g_date_time_get_month (due), ==, 12);
  g_assert_cmpint (g_date_time_get_day_of_month (due), ==, 31);
  g_assert_false (dd_plan_is_past_revision (plan, before));
  g_assert_false (dd_plan_is_past_revision (plan, on_due));
  g_assert_true (dd_plan_is_past_revision (plan, after));
}

static void
test_county_fixture (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPlan) plan = load_fixture ("county-plan.xml", &error);
  g_autoptr(GPtrArray) units = NULL;
  const DdRole *office;

  g_assert_no_error (error);
  g_assert_nonnull (plan);
  g_assert_cmpstr (dd_plan_get_identity (plan)->region, ==, "泽州县");
  g_assert_cmpstr (dd_plan_get_identity (plan)->level, ==, "county");
  units = dd_plan_get_roles_of_kind (plan, DD_ROLE_KIND_MEMBER_UNIT);
  g_assert_cmpuint (units->len, ==, 8);
  office = dd_plan_lookup_role (plan, "office");
  g_assert_cmpstr (office->unit, ==, "industry");
  g_assert_cmpstr (dd_plan_lookup_role (plan, office->unit)->name, ==, "县工信局");
  g_assert_null (dd_plan_lookup_role (plan, "bigdata"));
  /* its own words for the workflow chart */
  g_assert_cmpstr (dd_plan_get_workflow_labels (plan)->start, ==, "县内发生网络安全事件");
  g_assert_cmpstr (dd_plan_get_workflow_labels (plan)->no, ==, "未排除");
}

static guint
line_of (const char *contents,
         const char *needle)
{
  const char *at = strstr (contents, needle);
  guint line = 1;

  g_assert_nonnull (at);
  for (const char *p = contents; p < at; p++)
    if (*p == '\n')
      line++;
  return line;
}

/* Parses "...NAME:LINE:COLUMN: ..." and returns LINE. */
static guint
error_line (const char *message,
            const char *name)
{
  g_autofree char *pattern = g_strdup_printf ("%s:([0-9]+):([0-9]+): ", name);
  g_autoptr(GRegex) re = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr(GMatchInfo) mi = NULL;
  g_autofree char *line = NULL;

  if (!g_regex_match (re, message, 0, &mi))
    g_error ("error message without %s:LINE:COLUMN: %s", name, message);
  line = g_match_info_fetch (mi, 1);
  return (guint) g_ascii_strtoull (line, NULL, 10);
}

static void
check_bad_fixture (const char *name,
                   int         code,
                   const char *from_marker,
                   const char *to_marker,
                   const char *words)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPlan) plan = NULL;
  guint line;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  plan = dd_plan_load_file (path, &error);
  g_assert_null (plan);
  g_assert_error (error, DD_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, path));
  line = error_line (error->message, name);
  if (from_marker != NULL)
    {
      g_assert_cmpuint (line, >=, line_of (contents, from_marker));
      g_assert_cmpuint (line, <=, line_of (contents, to_marker));
    }
  if (words != NULL)
    g_assert_nonnull (strstr (error->message, words));
}

static void
test_bad_dangling_role (void)
{
  check_bad_fixture ("plan-bad-dangling-role.xml", DD_ERROR_INVALID,
                     "<rule id=\"release-authority\"", "ghost-unit\">", "ghost-unit");
}

static void
test_bad_dangling_phase (void)
{
  check_bad_fixture ("plan-bad-dangling-phase.xml", DD_ERROR_INVALID,
                     "<action id=\"detect\"", "<action id=\"detect\"", "discovery");
}

static void
test_bad_duplicate_id (void)
{
  check_bad_fixture ("plan-bad-duplicate-id.xml", DD_ERROR_INVALID,
                     "<role id=\"police\" kind=\"member-unit\" name=\"县教育局\"",
                     "<role id=\"police\" kind=\"member-unit\" name=\"县教育局\"", "duplicate");
}

static void
test_bad_missing_element (void)
{
  check_bad_fixture ("plan-bad-missing-element.xml", DD_ERROR_SCHEMA, NULL, NULL, NULL);
}

/* A rule citing a clause the plan does not have, or naming a consequence
 * clause it does not have, is refused at load with the rule's position. */
static void
test_unknown_clause (void)
{
  static const char *const edits[][2] = {
    { "<rule id=\"release-authority\" kind=\"authority\" clause=\"4.4\"",
      "<rule id=\"release-authority\" kind=\"authority\" clause=\"4.4.9\"" },
    { "consequence-clause=\"7.2\"", "consequence-clause=\"7.9\"" },
  };
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "assets", "plans", "jincheng-2020.xml", NULL);
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autoptr(GString) text = g_string_new (contents);
      g_autoptr(GError) error = NULL;
      g_autoptr(DdPlan) plan = NULL;
      char *where = NULL;
      guint line;

      g_assert_cmpuint (g_string_replace (text, edits[i][0], edits[i][1], 1), ==, 1);
      plan = dd_plan_load_data ("edited.xml", text->str, text->len, &error);
      g_assert_null (plan);
      g_assert_error (error, DD_ERROR, DD_ERROR_INVALID);
      g_test_message ("%s", error->message);
      /* FILE:LINE:COLUMN at the rule that cites it (its start tag may run
       * over a few lines) */
      g_assert_true (g_str_has_prefix (error->message, "edited.xml:"));
      line = (guint) g_ascii_strtoull (error->message + strlen ("edited.xml:"), &where, 10);
      g_assert_true (where != NULL && *where == ':');
      g_assert_cmpuint (line, <=, line_of (text->str, edits[i][1]));
      g_assert_cmpuint (line + 4, >=, line_of (text->str, edits[i][1]));
      g_assert_nonnull (strstr (error->message, "clause"));
    }
}

static void
test_data_not_a_plan (void)
{
  static const char data[] = "<scenario id=\"x\"/>";
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPlan) plan = dd_plan_load_data ("inline.xml", data, sizeof data - 1, &error);

  g_assert_null (plan);
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "inline.xml:"));
}

static void
test_json (void)
{
  g_autoptr(DdPlan) plan = load_source_plan ();
  g_autofree char *json = dd_plan_to_json_string (plan, FALSE);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *roles = dd_plan_get_roles (plan);
  GPtrArray *rows = dd_plan_get_phone_rows (plan);
  JsonObject *root;

  /* Chinese is written as UTF-8, not as \u escapes. */
  g_assert_nonnull (strstr (json, "晋城市网络与信息安全突发事件应急预案"));
  g_assert_null (strstr (json, "\\u"));

  for (guint i = 0; i < roles->len; i++)
    {
      const DdRole *r = g_ptr_array_index (roles, i);
      g_autofree char *quoted = g_strdup_printf ("\"%s\"", r->name);
      g_assert_nonnull (strstr (json, quoted));
    }
  for (guint i = 0; i < rows->len; i++)
    {
      const DdPhoneRow *row = g_ptr_array_index (rows, i);
      g_autofree char *unit = g_strdup_printf ("\"%s\"", row->unit);
      g_autofree char *phone = g_strdup_printf ("\"%s\"", row->phone);
      g_assert_nonnull (strstr (json, unit));
      g_assert_nonnull (strstr (json, phone));
    }

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "roles")), ==, roles->len);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "rules")), ==,
                    dd_plan_get_rules (plan)->len);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_object_get_object_member (root, "phone_table"), "rows")), ==, 28);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "workflow"), "decision"),
                   ==, dd_plan_get_workflow_labels (plan)->decision);
  g_assert_cmpstr (dd_plan_get_workflow_labels (plan)->start, ==, "网络与信息安全突发事件发生");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dd/plan/loads-source-file", test_loads_source);
  g_test_add_func ("/dd/plan/unknown-clause-refused", test_unknown_clause);
  g_test_add_func ("/dd/plan/loads-embedded-default", test_loads_default);
  g_test_add_func ("/dd/plan/member-units", test_member_units);
  g_test_add_func ("/dd/plan/command-structure", test_command_structure);
  g_test_add_func ("/dd/plan/categories", test_categories);
  g_test_add_func ("/dd/plan/severities-and-warnings", test_severities_and_warnings);
  g_test_add_func ("/dd/plan/duty-phones", test_phones);
  g_test_add_func ("/dd/plan/reporting", test_reporting);
  g_test_add_func ("/dd/plan/response-deciders", test_response_deciders);
  g_test_add_func ("/dd/plan/deadline-rules", test_deadline_rules);
  g_test_add_func ("/dd/plan/rule-coverage", test_rule_coverage);
  g_test_add_func ("/dd/plan/every-clause", test_every_clause);
  g_test_add_func ("/dd/plan/scoring", test_scoring);
  g_test_add_func ("/dd/plan/past-revision", test_past_revision);
  g_test_add_func ("/dd/plan/county-fixture", test_county_fixture);
  g_test_add_func ("/dd/plan/bad/dangling-role", test_bad_dangling_role);
  g_test_add_func ("/dd/plan/bad/dangling-phase", test_bad_dangling_phase);
  g_test_add_func ("/dd/plan/bad/duplicate-id", test_bad_duplicate_id);
  g_test_add_func ("/dd/plan/bad/missing-element", test_bad_missing_element);
  g_test_add_func ("/dd/plan/bad/not-a-plan", test_data_not_a_plan);
  g_test_add_func ("/dd/plan/json", test_json);

  return g_test_run ();
}
