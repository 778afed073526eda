/* test-scenario-document.c — scenario authoring: saving round trips, editing
 * with undo and redo, live checks, crash-safe saving, autosave, dry runs
 * (the ideal actions of a perfect team derived from the plan's rules)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "dd-actions.h"
#include "dd-dry-run.h"
#include "dd-error.h"
#include "dd-plan.h"
#include "dd-scenario.h"
#include "dd-scenario-document.h"
#include "dd-scenario-writer.h"
#include "dd-score.h"
#include "dd-xml.h"

#include "dd-test-xmllint.h"
#include "dd-test-util.h"

static DdPlan *plan;

static GPtrArray *
bundled_scenarios (void)
{
  g_autoptr(GPtrArray) dirs = dd_test_scenario_dirs ();
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < dirs->len; i++)
    g_ptr_array_add (out, g_build_filename (g_ptr_array_index (dirs, i), "scenario.xml", NULL));
  g_assert_cmpuint (out->len, >=, 2);
  return out;
}

/* Validates @path with xmllint --relaxng when xmllint is installed. */
static void
assert_xmllint_valid (const char *path)
{
  dd_test_assert_xmllint_valid (path, "scenario.rng");
}

/* ------------------------------------------------------------------ */
/* Semantic equality of two loaded scenarios                           */

static void
assert_strv_equal (char **a,
                   char **b)
{
  g_assert_cmpuint (a ? g_strv_length (a) : 0, ==, b ? g_strv_length (b) : 0);
  for (guint i = 0; a != NULL && a[i] != NULL; i++)
    g_assert_cmpstr (a[i], ==, b[i]);
}

static void
assert_scenarios_equal (DdScenario *a,
                        DdScenario *b)
{
  const DdIncident *ia = dd_scenario_get_incident (a), *ib = dd_scenario_get_incident (b);
  GPtrArray *pa, *pb;

  g_assert_cmpstr (dd_scenario_get_id (a), ==, dd_scenario_get_id (b));
  g_assert_cmpstr (dd_scenario_get_plan_id (a), ==, dd_scenario_get_plan_id (b));
  g_assert_cmpstr (dd_scenario_get_title (a), ==, dd_scenario_get_title (b));
  g_assert_cmpstr (dd_scenario_get_summary (a), ==, dd_scenario_get_summary (b));
  g_assert_cmpint (dd_scenario_get_form (a), ==, dd_scenario_get_form (b));
  g_assert_cmpstr (dd_scenario_get_form_label (a), ==, dd_scenario_get_form_label (b));
  g_assert_true (g_date_time_equal (dd_scenario_get_start (a), dd_scenario_get_start (b)));
  g_assert_cmpint (dd_scenario_get_duration (a), ==, dd_scenario_get_duration (b));
  g_assert_cmpfloat (dd_scenario_get_compression (a), ==, dd_scenario_get_compression (b));

  g_assert_cmpstr (ia->category, ==, ib->category);
  g_assert_cmpstr (ia->subtype, ==, ib->subtype);
  g_assert_cmpstr (ia->severity, ==, ib->severity);
  g_assert_cmpstr (ia->unit, ==, ib->unit);
  g_assert_cmpstr (ia->unit_name, ==, ib->unit_name);
  g_assert_cmpstr (ia->system, ==, ib->system);
  g_assert_cmpstr (ia->location, ==, ib->location);
  g_assert_cmpstr (ia->description, ==, ib->description);
  g_assert_cmpint (ia->began, ==, ib->began);
  g_assert_cmpint (ia->has_level_clear, ==, ib->has_level_clear);
  g_assert_cmpint (ia->level_clear, ==, ib->level_clear);

  pa = dd_scenario_get_participants (a);
  pb = dd_scenario_get_participants (b);
  g_assert_cmpuint (pa->len, ==, pb->len);
  for (guint i = 0; i < pa->len; i++)
    {
      const DdParticipant *x = g_ptr_array_index (pa, i), *y = g_ptr_array_index (pb, i);
      g_assert_cmpstr (x->role, ==, y->role);
      g_assert_cmpstr (x->player, ==, y->player);
    }

  pa = dd_scenario_get_objectives (a);
  pb = dd_scenario_get_objectives (b);
  g_assert_cmpuint (pa->len, ==, pb->len);
  for (guint i = 0; i < pa->len; i++)
    {
      const DdObjective *x = g_ptr_array_index (pa, i), *y = g_ptr_array_index (pb, i);
      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpstr (x->text, ==, y->text);
      assert_strv_equal (x->clauses, y->clauses);
    }

  pa = dd_scenario_get_injects (a);
  pb = dd_scenario_get_injects (b);
  g_assert_cmpuint (pa->len, ==, pb->len);
  for (guint i = 0; i < pa->len; i++)
    {
      const DdInject *x = g_ptr_array_index (pa, i), *y = g_ptr_array_index (pb, i);

      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpint (x->at, ==, y->at);
      g_assert_cmpstr (x->from, ==, y->from);
      g_assert_cmpstr (x->source, ==, y->source);
      assert_strv_equal (x->to, y->to);
      g_assert_cmpint (x->channel, ==, y->channel);
      g_assert_cmpstr (x->title, ==, y->title);
      g_assert_cmpstr (x->content, ==, y->content);
      g_assert_cmpuint (x->attachments->len, ==, y->attachments->len);
      for (guint k = 0; k < x->attachments->len; k++)
        {
          const DdAttachment *s = g_ptr_array_index (x->attachments, k), *t = g_ptr_array_index (y->attachments, k);
          g_assert_cmpstr (s->file, ==, t->file);
          g_assert_cmpstr (s->label, ==, t->label);
        }
      g_assert_cmpuint (x->conditions->len, ==, y->conditions->len);
      for (guint k = 0; k < x->conditions->len; k++)
        {
          const DdInjectCondition *s = g_ptr_array_index (x->conditions, k), *t = g_ptr_array_index (y->conditions, k);
          g_assert_cmpint (s->type, ==, t->type);
          g_assert_cmpstr (s->action, ==, t->action);
          g_assert_cmpstr (s->role, ==, t->role);
        }
      g_assert_cmpuint (x->expects->len, ==, y->expects->len);
      for (guint k = 0; k < x->expects->len; k++)
        {
          const DdInjectExpect *s = g_ptr_array_index (x->expects, k), *t = g_ptr_array_index (y->expects, k);
          g_assert_cmpstr (s->role, ==, t->role);
          g_assert_cmpstr (s->action, ==, t->action);
          g_assert_cmpint (s->within, ==, t->within);
          g_assert_cmpstr (s->clause, ==, t->clause);
          g_assert_cmpint (s->severity, ==, t->severity);
          g_assert_cmpstr (s->text, ==, t->text);
        }
    }
}

static char *
score_json (DdScenario *scenario,
            const char *script_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdActionScript) script = dd_action_script_load_file (script_path, plan, scenario, &error);
  g_autoptr(DdScore) score = NULL;

  g_assert_no_error (error);
  score = dd_score_compute (plan, scenario, dd_action_script_get_actions (script), 0, TRUE);
  return dd_score_to_json_string (score, FALSE);
}

static void
assert_same_scores (DdScenario *a,
                    DdScenario *b,
                    const char *dir)
{
  static const char *const scripts[] = { "ideal.actions.xml", "flawed.actions.xml" };

  for (guint i = 0; i < G_N_ELEMENTS (scripts); i++)
    {
      g_autofree char *path = g_build_filename (dir, scripts[i], NULL);
      g_autofree char *sa = NULL;
      g_autofree char *sb = NULL;

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        continue;
      sa = score_json (a, path);
      sb = score_json (b, path);
      g_assert_cmpstr (sa, ==, sb);
    }
}

/* Every bundled scenario, opened in the editor and saved elsewhere, loads
 * as the same scenario and scores the same; so does one written from the
 * loaded model.  The saved files keep the comments and pass xmllint. */
static void
test_round_trip (void)
{
  g_autoptr(GPtrArray) paths = bundled_scenarios ();

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autofree char *src_dir = g_path_get_dirname (path);
      g_autofree char *tmp = dd_test_make_tmp_dir ("dd-scenario-edit-XXXXXX");
      g_autofree char *out = g_build_filename (tmp, "scenario.xml", NULL);
      g_autofree char *out2 = g_build_filename (tmp, "model.xml", NULL);
      g_autofree char *original = NULL;
      g_autofree char *saved = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(DdScenario) a = NULL;
      g_autoptr(DdScenario) b = NULL;
      g_autoptr(DdScenario) c = NULL;
      g_autoptr(DdScenarioDocument) edit = NULL;
      gboolean restored = TRUE;

      g_test_message ("round trip of %s", path);
      a = dd_scenario_load_file (path, plan, &error);
      g_assert_no_error (error);

      edit = dd_scenario_document_open (plan, path, &restored, &error);
      g_assert_no_error (error);
      g_assert_false (restored);
      g_assert_false (dd_scenario_document_is_modified (edit));
      g_assert_cmpuint (dd_scenario_document_count_checks (edit, DD_CHECK_ERROR), ==, 0);
      for (guint k = 0; k < dd_scenario_document_get_checks (edit)->len; k++)
        {
          const DdScenarioCheck *check = g_ptr_array_index (dd_scenario_document_get_checks (edit), k);
          g_test_message ("check %s: %s", check->field, check->message);
        }
      g_assert_true (dd_scenario_document_save_as (edit, out, &error));
      g_assert_no_error (error);

      b = dd_scenario_load_file (out, plan, &error);
      g_assert_no_error (error);
      assert_scenarios_equal (a, b);
      assert_same_scores (a, b, src_dir);
      assert_xmllint_valid (out);

      /* comments, the language and the form's standard stay */
      g_assert_true (g_file_get_contents (path, &original, NULL, NULL));
      g_assert_true (g_file_get_contents (out, &saved, NULL, NULL));
      g_assert_nonnull (strstr (saved, "SPDX-License-Identifier: GPL-3.0-or-later"));
      g_assert_nonnull (strstr (saved, "xml:lang=\"zh-CN\""));
      if (strstr (original, "standard=") != NULL)
        g_assert_nonnull (strstr (saved, "standard="));
      g_assert_nonnull (strstr (saved, "\n  <title>"));
      g_assert_nonnull (strstr (saved, "\n    <inject "));

      /* saving the same document again gives the same bytes */
      {
        g_autofree char *again = NULL;
        g_autoptr(DdScenarioDocument) e2 = dd_scenario_document_open (plan, out, NULL, &error);

        g_assert_no_error (error);
        g_assert_true (dd_scenario_document_save (e2, &error));
        g_assert_no_error (error);
        g_assert_true (g_file_get_contents (out, &again, NULL, NULL));
        g_assert_cmpstr (again, ==, saved);
      }

      /* the loaded model, written out */
      g_assert_true (dd_scenario_save (a, out2, &error));
      g_assert_no_error (error);
      c = dd_scenario_load_file (out2, plan, &error);
      g_assert_no_error (error);
      assert_scenarios_equal (a, c);
      assert_xmllint_valid (out2);

      dd_test_rm_rf (tmp);
    }
}

static DdScenarioDocument *
open_bundled (const char *slug,
              char      **dir_out)
{
  g_autofree char *src = dd_test_source_path ("scenarios", slug, "scenario.xml", NULL);
  g_autofree char *tmp = dd_test_make_tmp_dir ("dd-scenario-edit-XXXXXX");
  g_autofree char *path = g_build_filename (tmp, "scenario.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdScenarioDocument) tmpl = dd_scenario_document_new_from_template (plan, src, &error);
  DdScenarioDocument *edit;

  g_assert_no_error (error);
  g_assert_true (dd_scenario_document_is_modified (tmpl));
  g_assert_true (dd_scenario_document_save_as (tmpl, path, &error));
  g_assert_no_error (error);
  edit = dd_scenario_document_open (plan, path, NULL, &error);
  g_assert_no_error (error);
  *dir_out = g_steal_pointer (&tmp);
  return edit;
}

static void
set (DdScenarioDocument *edit,
     const char     *field,
     const char     *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dd_scenario_document_set (edit, field, value, &error));
  g_assert_no_error (error);
}

static void
assert_field (DdScenarioDocument *edit,
              const char     *field,
              const char     *value)
{
  g_autofree char *v = dd_scenario_document_get (edit, field);

  g_assert_cmpstr (v, ==, value);
}

static GPtrArray *garbage;

/* A formatted field path, freed at the end of the test program. */
G_GNUC_PRINTF (1, 2) static const char *
F (const char *format,
   ...)
{
  va_list args;
  char *s;

  va_start (args, format);
  s = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (garbage, s);
  return s;
}

static void
count_changes_cb (DdScenarioDocument *edit,
                  const char     *field,
                  guint          *count)
{
  (*count)++;
}

static void
test_operations (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(DdScenarioDocument) edit = open_bundled ("ransomware-gov-cloud", &dir);
  g_autoptr(GError) error = NULL;
  guint n = dd_scenario_document_count (edit, "injects");
  guint changes = 0;
  int added, dup;

  g_signal_connect (edit, "changed", G_CALLBACK (count_changes_cb), &changes);
  g_assert_false (dd_scenario_document_can_undo (edit));
  g_assert_false (dd_scenario_document_is_modified (edit));

  /* add */
  added = dd_scenario_document_add (edit, "injects", &error);
  g_assert_no_error (error);
  g_assert_cmpint (added, ==, (int) n);
  g_assert_cmpuint (dd_scenario_document_count (edit, "injects"), ==, n + 1);
  g_assert_true (dd_scenario_document_is_modified (edit));
  g_assert_cmpuint (changes, ==, 1);
  assert_field (edit, "injects/0/id", "alert");
  assert_field (edit, F ("injects/%u/id", n), "inject");
  set (edit, F ("injects/%u/at", n), "2:10");
  set (edit, F ("injects/%u/to", n), "office  hq");
  set (edit, F ("injects/%u/source", n), "导调组");
  assert_field (edit, F ("injects/%u/to", n), "office hq");
  set (edit, F ("injects/%u/content", n), "演练");
  set (edit, F ("injects/%u/content", n), "演练插入");   /* typing: one undo step */
  g_assert_false (dd_scenario_document_set (edit, F ("injects/%u/at", n), "2:75", &error));
  g_assert_error (error, DD_ERROR, DD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (dd_scenario_document_set (edit, "injects/99/at", "1:00", &error));
  g_clear_error (&error);

  /* expected actions of the new inject */
  g_assert_cmpint (dd_scenario_document_add (edit, F ("injects/%u/expects", n), &error), ==, 0);
  set (edit, F ("injects/%u/expects/0/role", n), "office");
  set (edit, F ("injects/%u/expects/0/action", n), "assess");
  set (edit, F ("injects/%u/expects/0/clause", n), "3.2.2");
  assert_field (edit, F ("injects/%u/expects/0/within", n), "0:15");

  /* duplicate and move */
  dup = dd_scenario_document_duplicate (edit, "injects/0", &error);
  g_assert_no_error (error);
  g_assert_cmpint (dup, ==, 1);
  assert_field (edit, "injects/1/id", "alert-2");
  {
    g_autofree char *content = dd_scenario_document_get (edit, "injects/0/content");
    assert_field (edit, "injects/1/content", content);
  }
  g_assert_true (dd_scenario_document_move (edit, F ("injects/%u", n + 1), 0, &error));
  assert_field (edit, "injects/0/id", "inject");
  assert_field (edit, "injects/1/id", "alert");
  g_assert_cmpuint (((DdInject *) dd_scenario_document_get_draft (edit)->injects->pdata[1])->index, ==, 1);

  /* delete */
  g_assert_true (dd_scenario_document_remove (edit, "injects/2", &error));
  assert_field (edit, "injects/2/id", "hrss-call");
  g_assert_cmpuint (dd_scenario_document_count (edit, "injects"), ==, n + 1);

  /* the edited scenario saves, loads and validates */
  dd_scenario_document_save (edit, &error);
  g_assert_no_error (error);
  g_assert_false (dd_scenario_document_is_modified (edit));
  {
    g_autoptr(DdScenario) s = dd_scenario_load_file (dd_scenario_document_get_path (edit), plan, &error);
    const DdInject *i;

    g_assert_no_error (error);
    i = dd_scenario_lookup_inject (s, "inject");
    g_assert_nonnull (i);
    g_assert_cmpint (i->at, ==, 2 * 3600 + 600);
    g_assert_cmpstr (i->content, ==, "演练插入");
    g_assert_cmpuint (i->expects->len, ==, 1);
    g_assert_null (dd_scenario_lookup_inject (s, "alert-2"));
    assert_xmllint_valid (dd_scenario_document_get_path (edit));
  }

  /* undo: remove, move, duplicate … back to the start */
  g_assert_true (dd_scenario_document_undo (edit));
  g_assert_true (dd_scenario_document_is_modified (edit));
  assert_field (edit, "injects/2/id", "alert-2");
  g_assert_true (dd_scenario_document_undo (edit));
  assert_field (edit, "injects/0/id", "alert");
  g_assert_true (dd_scenario_document_undo (edit));
  g_assert_cmpuint (dd_scenario_document_count (edit, "injects"), ==, n + 1);
  assert_field (edit, "injects/1/id", "hrss-call");
  /* redo the duplicate and the move; then the saved state is reached again */
  g_assert_true (dd_scenario_document_redo (edit));
  g_assert_true (dd_scenario_document_redo (edit));
  assert_field (edit, "injects/0/id", "inject");
  g_assert_true (dd_scenario_document_redo (edit));
  g_assert_false (dd_scenario_document_can_redo (edit));
  g_assert_false (dd_scenario_document_is_modified (edit));

  /* undo everything: the typing was one step */
  {
    guint steps = 0;

    while (dd_scenario_document_undo (edit))
      steps++;
    /* add, at, to, source, content, add expect, role, action, clause, duplicate, move, remove */
    g_assert_cmpuint (steps, ==, 12);
  }
  g_assert_cmpuint (dd_scenario_document_count (edit, "injects"), ==, n);
  g_assert_true (dd_scenario_document_is_modified (edit));
  g_assert_true (dd_scenario_document_redo (edit));
  g_assert_cmpuint (dd_scenario_document_count (edit, "injects"), ==, n + 1);
  /* a new change drops what could be redone */
  set (edit, "title", "另一个标题");
  g_assert_false (dd_scenario_document_can_redo (edit));
  assert_field (edit, "title", "另一个标题");

  /* lists of every kind */
  g_assert_cmpint (dd_scenario_document_add (edit, "participants", &error), >=, 0);
  g_assert_cmpint (dd_scenario_document_duplicate (edit, "objectives/0", &error), ==, 1);
  assert_field (edit, "objectives/1/id", "report-2");
  g_assert_cmpint (dd_scenario_document_add (edit, "injects/0/conditions", &error), ==, 0);
  set (edit, "injects/0/conditions/0/type", "absent");
  g_assert_false (dd_scenario_document_set (edit, "injects/0/conditions/0/type", "never", &error));
  g_clear_error (&error);
  set (edit, "incident/level-clear", "");
  g_assert_false (dd_scenario_document_get_draft (edit)->incident.has_level_clear);
  set (edit, "compression", "2.5");
  assert_field (edit, "compression", "2.5");

  g_assert_cmpuint (changes, >, 20);
  dd_scenario_document_discard_autosave (edit);
  dd_test_rm_rf (dir);
}

static gboolean
has_check (DdScenarioDocument *edit,
           const char     *field,
           DdCheckLevel    level)
{
  g_autoptr(GPtrArray) checks = dd_scenario_document_checks_for (edit, field, FALSE);

  for (guint i = 0; i < checks->len; i++)
    {
      const DdScenarioCheck *c = g_ptr_array_index (checks, i);

      if (c->level == level)
        {
          g_test_message ("%s: %s", c->field, c->message);
          g_assert_true (c->message != NULL && *c->message != '\0');
          return TRUE;
        }
    }
  return FALSE;
}

static int
inject_index (DdScenarioDocument *edit,
              const char     *id)
{
  const DdScenarioDraft *d = dd_scenario_document_get_draft (edit);

  for (guint i = 0; i < d->injects->len; i++)
    if (g_strcmp0 (((DdInject *) g_ptr_array_index (d->injects, i))->id, id) == 0)
      return (int) i;
  g_assert_not_reached ();
}

static void
test_check_authority (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(DdScenarioDocument) edit = open_bundled ("ransomware-gov-cloud", &dir);
  int i = inject_index (edit, "province-arrives");
  g_autofree char *field = g_strdup_printf ("injects/%d/expects/0/role", i);
  g_autofree char *action = g_strdup_printf ("injects/%d/expects/0/action", i);

  /* 移交指挥权 by the commander: allowed */
  g_assert_false (has_check (edit, field, DD_CHECK_WARNING));
  /* deciding the response: the commander may (Ⅰ级), the news office may not */
  set (edit, action, "decide-response");
  g_assert_false (has_check (edit, field, DD_CHECK_WARNING));
  set (edit, field, "news");
  g_assert_true (has_check (edit, field, DD_CHECK_WARNING));
  g_assert_true (dd_scenario_document_undo (edit));
  g_assert_false (has_check (edit, field, DD_CHECK_WARNING));
  dd_scenario_document_discard_autosave (edit);
  dd_test_rm_rf (dir);
}

static void
test_check_deadline (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(DdScenarioDocument) edit = open_bundled ("ransomware-gov-cloud", &dir);
  const char *field = "injects/0/expects/1/within";

  assert_field (edit, "injects/0/expects/1/action", "report");
  g_assert_false (has_check (edit, field, DD_CHECK_WARNING));
  /* the plan wants the report at once (its threshold: 15 minutes) */
  set (edit, field, "1:00");
  g_assert_true (has_check (edit, field, DD_CHECK_WARNING));
  set (edit, field, "0:10");
  g_assert_false (has_check (edit, field, DD_CHECK_WARNING));
  dd_scenario_document_discard_autosave (edit);
  dd_test_rm_rf (dir);
}

static void
test_check_after_end (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(DdScenarioDocument) edit = open_bundled ("ransomware-gov-cloud", &dir);
  int i = inject_index (edit, "stable");
  g_autofree char *field = g_strdup_printf ("injects/%d/at", i);

  g_assert_false (has_check (edit, field, DD_CHECK_WARNING));
  set (edit, field, "7:00");   /* the drill is planned for 6:30 */
  g_assert_true (has_check (edit, field, DD_CHECK_WARNING));
  set (edit, "duration", "8:00");
  g_assert_false (has_check (edit, field, DD_CHECK_WARNING));
  dd_scenario_document_discard_autosave (edit);
  dd_test_rm_rf (dir);
}

static void
test_check_condition (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(DdScenarioDocument) edit = open_bundled ("ddos-gov-portal", &dir);
  int i = inject_index (edit, "carrier-status");
  g_autofree char *field = g_strdup_printf ("injects/%d/conditions/0/action", i);
  g_autofree char *role = g_strdup_printf ("injects/%d/conditions/0/role", i);

  g_assert_false (has_check (edit, field, DD_CHECK_WARNING));
  /* nothing in the scenario or the plan has the carrier hand over command */
  set (edit, field, "handover-command");
  g_assert_true (has_check (edit, field, DD_CHECK_WARNING));
  set (edit, field, "contain");
  g_assert_false (has_check (edit, field, DD_CHECK_WARNING));
  /* a condition on a role that does not take part */
  g_assert_false (has_check (edit, role, DD_CHECK_WARNING));
  set (edit, role, "province-command");
  g_assert_true (has_check (edit, role, DD_CHECK_WARNING));
  dd_scenario_document_discard_autosave (edit);
  dd_test_rm_rf (dir);
}

static void
test_check_objective (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(DdScenarioDocument) edit = open_bundled ("ransomware-gov-cloud", &dir);

  assert_field (edit, "objectives/0/id", "report");
  g_assert_false (has_check (edit, "objectives/0/clauses", DD_CHECK_WARNING));
  set (edit, "objectives/0/clauses", "6.7");
  g_assert_true (has_check (edit, "objectives/0/clauses", DD_CHECK_WARNING));
  set (edit, "objectives/0/clauses", "4");
  g_assert_false (has_check (edit, "objectives/0/clauses", DD_CHECK_WARNING));
  dd_scenario_document_discard_autosave (edit);
  dd_test_rm_rf (dir);
}

static void
test_check_required (void)
{
  g_autoptr(DdScenarioDocument) edit = dd_scenario_document_new (plan);
  g_autofree char *tmp = dd_test_make_tmp_dir ("dd-scenario-edit-XXXXXX");
  g_autofree char *path = g_build_filename (tmp, "new.xml", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (dd_scenario_document_is_modified (edit));
  g_assert_true (has_check (edit, "title", DD_CHECK_ERROR));
  g_assert_true (has_check (edit, "incident/category", DD_CHECK_ERROR));
  g_assert_true (has_check (edit, "injects/0/content", DD_CHECK_ERROR));
  g_assert_false (dd_scenario_document_save_as (edit, path, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  set (edit, "id", "small-drill");
  set (edit, "title", "小型演练");
  set (edit, "form-label", "桌面推演");
  set (edit, "objectives/0/clauses", "4.1");
  set (edit, "objectives/0/text", "及时报告");
  set (edit, "incident/category", "network-attack");
  set (edit, "incident/severity", "general");
  set (edit, "incident/unit", "bigdata");
  set (edit, "incident/began", "-0:10");
  set (edit, "incident/system", "门户网站");
  set (edit, "injects/0/source", "监测平台");
  set (edit, "injects/0/to", "bigdata");
  set (edit, "injects/0/content", "告警");
  g_assert_cmpint (dd_scenario_document_add (edit, "injects/0/expects", &error), ==, 0);
  set (edit, "injects/0/expects/0/role", "bigdata");
  set (edit, "injects/0/expects/0/action", "report");
  set (edit, "injects/0/expects/0/clause", "4.1");
  g_assert_cmpuint (dd_scenario_document_count_checks (edit, DD_CHECK_ERROR), ==, 0);
  g_assert_false (has_check (edit, "objectives/0/clauses", DD_CHECK_WARNING));

  g_assert_true (dd_scenario_document_save_as (edit, path, &error));
  g_assert_no_error (error);
  assert_xmllint_valid (path);
  dd_test_rm_rf (tmp);
}

/* A failed or interrupted save leaves the old file as it was. */
static int fail_at = -1;

static gboolean
failing_hook (DdSaveStep  step,
              const char *temp_path,
              gpointer    user_data)
{
  return (int) step != fail_at;
}

static gboolean
crashing_hook (DdSaveStep  step,
               const char *temp_path,
               gpointer    user_data)
{
  if (step == DD_SAVE_STEP_RENAME)
    _exit (0);   /* killed between writing the temporary file and renaming it */
  return TRUE;
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
test_save_crash (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(DdScenarioDocument) edit = open_bundled ("ransomware-gov-cloud", &dir);
  const char *path = dd_scenario_document_get_path (edit);
  g_autofree char *before = NULL;
  g_autoptr(GError) error = NULL;
  guint files;

  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));
  files = count_files (dir);
  set (edit, "title", "改过的标题");

  for (fail_at = DD_SAVE_STEP_WRITE; fail_at <= DD_SAVE_STEP_RENAME; fail_at++)
    {
      g_autofree char *after = NULL;

      dd_scenario_writer_set_hook (failing_hook, NULL);
      g_assert_false (dd_scenario_document_save (edit, &error));
      dd_scenario_writer_set_hook (NULL, NULL);
      g_assert_error (error, DD_ERROR, DD_ERROR_IO);
      g_clear_error (&error);
      g_assert_true (dd_scenario_document_is_modified (edit));
      g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
      g_assert_cmpstr (after, ==, before);
      g_assert_cmpuint (count_files (dir), ==, files);   /* no temporary file left */
    }

  if (g_test_subprocess ())
    {
      dd_scenario_writer_set_hook (crashing_hook, NULL);
      dd_scenario_document_save (edit, NULL);
      g_assert_not_reached ();
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  {
    g_autofree char *after = NULL;
    g_autoptr(DdScenario) s = NULL;

    g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
    g_assert_cmpstr (after, ==, before);
    s = dd_scenario_load_file (path, plan, &error);
    g_assert_no_error (error);
  }

  /* and without a failure the new title is there */
  g_assert_true (dd_scenario_document_save (edit, &error));
  g_assert_no_error (error);
  {
    g_autoptr(DdScenario) s = dd_scenario_load_file (path, plan, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (dd_scenario_get_title (s), ==, "改过的标题");
  }
  dd_test_rm_rf (dir);
}

static void
test_autosave (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(DdScenarioDocument) edit = open_bundled ("ddos-gov-portal", &dir);
  g_autofree char *path = g_strdup (dd_scenario_document_get_path (edit));
  g_autofree char *autosave = dd_scenario_document_get_autosave_path (edit);
  g_autofree char *expected = g_strconcat (path, ".autosave", NULL);
  g_autoptr(DdScenarioDocument) reopened = NULL;
  g_autoptr(GError) error = NULL;
  gboolean restored = FALSE;

  g_assert_cmpstr (autosave, ==, expected);
  set (edit, "summary", "未保存的修改");
  g_assert_true (dd_scenario_document_autosave (edit, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (autosave, G_FILE_TEST_IS_REGULAR));
  /* the session ends without saving (a crash) */
  g_clear_object (&edit);

  reopened = dd_scenario_document_open (plan, path, &restored, &error);
  g_assert_no_error (error);
  g_assert_true (restored);
  g_assert_true (dd_scenario_document_is_modified (reopened));
  assert_field (reopened, "summary", "未保存的修改");

  g_assert_true (dd_scenario_document_save (reopened, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (autosave, G_FILE_TEST_EXISTS));
  g_clear_object (&reopened);
  reopened = dd_scenario_document_open (plan, path, &restored, &error);
  g_assert_false (restored);
  assert_field (reopened, "summary", "未保存的修改");
  dd_test_rm_rf (dir);
}

static void
test_dry_run (void)
{
  g_autoptr(GPtrArray) paths = bundled_scenarios ();

  for (guint i = 0; i < paths->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DdScenario) s = dd_scenario_load_file (g_ptr_array_index (paths, i), plan, &error);
      g_autoptr(DdDryRun) run = NULL;
      g_autoptr(DdDryRun) generated = NULL;
      g_autoptr(GPtrArray) ideal = NULL;

      g_assert_no_error (error);
      run = dd_dry_run (plan, s, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (run->script);
      g_assert_cmpfloat (dd_score_get_overall (run->score), >=, 90);
      g_assert_cmpuint (run->n_injects, >, 0);

      /* without a script: derived from the plan's rules, the truth and the MSEL */
      ideal = dd_dry_run_ideal_actions (plan, s);
      g_assert_cmpuint (ideal->len, >, 0);
      for (guint k = 1; k < ideal->len; k++)
        g_assert_cmpint (((DdAction *) ideal->pdata[k - 1])->at, <=, ((DdAction *) ideal->pdata[k])->at);
      {
        g_autofree char *tmp = dd_test_make_tmp_dir ("dd-scenario-edit-XXXXXX");
        g_autofree char *copy = g_build_filename (tmp, "scenario.xml", NULL);
        g_autoptr(DdScenario) alone = NULL;

        g_autofree char *data = NULL;
        gsize len = 0;

        /* the scenario alone, without a folder and so without its script */
        g_assert_true (dd_scenario_save (s, copy, &error));
        g_assert_true (g_file_get_contents (copy, &data, &len, NULL));
        alone = dd_scenario_load_data (copy, data, len, NULL, plan, &error);
        g_assert_no_error (error);
        generated = dd_dry_run (plan, alone, NULL, &error);
        g_assert_no_error (error);
        g_assert_null (generated->script);
        g_assert_cmpuint (generated->n_actions, >, 0);
        g_assert_cmpfloat (dd_score_get_overall (generated->score), >=, 90);
        g_test_message ("generated: %u actions, %u refused, overall %.1f", generated->n_actions,
                        generated->n_refused, dd_score_get_overall (generated->score));
        /* the expectations themselves are all met */
        for (guint k = 0; k < dd_score_get_findings (generated->score)->len; k++)
          {
            const DdFinding *f = g_ptr_array_index (dd_score_get_findings (generated->score), k);
            g_assert_false (g_str_has_prefix (f->rule, "msel."));
          }
        dd_test_rm_rf (tmp);
      }
    }
}

/* Copies @from into @to, leaving out the action scripts. */
static void
copy_without_scripts (const char *from,
                      const char *to)
{
  g_autoptr(GDir) d = g_dir_open (from, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  g_assert_cmpint (g_mkdir_with_parents (to, 0700), ==, 0);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *src = g_build_filename (from, name, NULL);
      g_autofree char *dst = g_build_filename (to, name, NULL);
      g_autofree char *data = NULL;
      gsize len = 0;

      if (g_str_has_suffix (name, ".actions.xml"))
        continue;
      if (g_file_test (src, G_FILE_TEST_IS_DIR))
        {
          copy_without_scripts (src, dst);
          continue;
        }
      g_assert_true (g_file_get_contents (src, &data, &len, NULL));
      g_assert_true (g_file_set_contents (dst, data, len, NULL));
    }
}

/* Logs what the generated run did and found, for a failing run. */
static void
log_run (const char *name,
         DdDryRun   *run)
{
  GPtrArray *findings = dd_score_get_findings (run->score);

  g_test_message ("%s: %u actions, %u refused, %u injects, overall %.0f", name, run->n_actions,
                  run->n_refused, run->n_injects, dd_score_get_overall (run->score));
  for (guint i = 0; i < findings->len; i++)
    {
      const DdFinding *f = g_ptr_array_index (findings, i);

      g_test_message ("  %s %s %s %s: %s", dd_finding_severity_to_string (f->severity), f->rule,
                      f->role ? f->role : "-", f->action ? f->action : "-", f->detail ? f->detail : "");
    }
}

/* A generated run: no script, >= 90, no major or critical finding, every
 * action accepted by the drill. */
static void
assert_perfect (const char *name,
                DdScenario *scenario)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdDryRun) run = dd_dry_run (plan, scenario, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (run);
  log_run (name, run);
  g_assert_null (run->script);
  g_assert_cmpuint (run->n_refused, ==, 0);
  g_assert_cmpuint (run->n_actions, >, 0);
  g_assert_cmpuint (run->n_injects, >, 0);
  g_assert_cmpuint (dd_score_count_at_least (run->score, DD_FINDING_SEVERITY_MAJOR), ==, 0);
  g_assert_cmpfloat (dd_score_get_overall (run->score), >=, 90);
}

/* Every bundled scenario, its ideal script hidden: the generated ideal
 * run reaches >= 90 with no major or critical finding. */
static void
test_dry_run_without_script (void)
{
  g_autoptr(GPtrArray) paths = bundled_scenarios ();

  for (guint i = 0; i < paths->len; i++)
    {
      g_autofree char *dir = g_path_get_dirname (g_ptr_array_index (paths, i));
      g_autofree char *name = g_path_get_basename (dir);
      g_autofree char *tmp = dd_test_make_tmp_dir ("dd-scenario-edit-XXXXXX");
      g_autofree char *copy = g_build_filename (tmp, name, NULL);
      g_autofree char *path = g_build_filename (copy, "scenario.xml", NULL);
      g_autofree char *script_path = g_build_filename (dir, "ideal.actions.xml", NULL);
      g_autofree char *hidden = g_build_filename (copy, "ideal.actions.xml", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(DdScenario) scenario = NULL;
      g_autoptr(DdActionScript) script = NULL;
      g_autoptr(GPtrArray) generated = NULL;

      copy_without_scripts (dir, copy);
      g_assert_false (g_file_test (hidden, G_FILE_TEST_EXISTS));
      scenario = dd_scenario_load_file (path, plan, &error);
      g_assert_no_error (error);

      assert_perfect (name, scenario);

      /* made by the planner, not read from the hidden script */
      script = dd_action_script_load_file (script_path, plan, scenario, &error);
      g_assert_no_error (error);
      generated = dd_dry_run_ideal_actions (plan, scenario);
      {
        GPtrArray *scripted = dd_action_script_get_actions (script);
        guint same = 0;

        for (guint k = 0; k < MIN (generated->len, scripted->len); k++)
          {
            const DdAction *x = g_ptr_array_index (generated, k), *y = g_ptr_array_index (scripted, k);

            same += x->at == y->at && g_strcmp0 (x->role, y->role) == 0 && g_strcmp0 (x->kind, y->kind) == 0;
          }
        g_assert_false (same == generated->len && same == scripted->len);
      }
      for (guint k = 1; k < generated->len; k++)
        g_assert_cmpint (((DdAction *) generated->pdata[k - 1])->at, <=, ((DdAction *) generated->pdata[k])->at);
      /* inside the planned duration */
      g_assert_cmpint (((DdAction *) generated->pdata[generated->len - 1])->at, <=,
                       dd_scenario_get_duration (scenario));
      dd_test_rm_rf (tmp);
    }
}

/* What the generated actions hold, by the plan's data: levels that fit the
 * truth, reports with every required field, first reports first. */
static void
test_dry_run_parameters (void)
{
  g_autofree char *path = dd_test_source_path ("scenarios", "ransomware-gov-cloud", "scenario.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdScenario) scenario = dd_scenario_load_file (path, plan, &error);
  g_autoptr(GPtrArray) actions = NULL;
  const DdIncident *incident;
  const DdWarningLevel *warning;
  GPtrArray *fields = dd_plan_get_form_fields (plan);
  GPtrArray *types = dd_plan_get_report_types (plan);
  guint reports = 0, decisions = 0;

  g_assert_no_error (error);
  incident = dd_scenario_get_incident (scenario);
  warning = dd_plan_warning_level_for_severity (plan, incident->severity);
  actions = dd_dry_run_ideal_actions (plan, scenario);
  for (guint i = 0; i < actions->len; i++)
    {
      const DdAction *a = g_ptr_array_index (actions, i);
      const DdActionKind *kind = dd_plan_lookup_action_kind (plan, a->kind);
      g_autofree char *problem = dd_action_check (a, plan);

      g_assert_null (problem);
      if (kind->form == DD_ACTION_FORM_RESPONSE_LEVEL)
        {
          const DdResponseLevel *level = dd_plan_lookup_response_level (plan, a->level);

          g_assert_true (g_strv_contains ((const char *const *) level->severities, incident->severity));
          decisions++;
        }
      else if (kind->form == DD_ACTION_FORM_WARNING)
        g_assert_cmpstr (a->level, ==, warning->id);
      else if (kind->form == DD_ACTION_FORM_REPORT)
        {
          for (guint f = 0; f < fields->len; f++)
            {
              const DdFormField *field = g_ptr_array_index (fields, f);

              if (field->required)
                g_assert_nonnull (dd_action_get_field (a, field->id));
            }
          g_assert_cmpstr (dd_action_get_field (a, "category"), ==, incident->category);
          g_assert_cmpstr (dd_action_get_field (a, "severity"), ==, dd_scenario_severity_at (scenario, a->at));
          if (reports++ == 0)
            g_assert_cmpstr (a->report_type, ==, ((const DdOption *) g_ptr_array_index (types, 0))->id);
        }
    }
  g_assert_cmpuint (reports, >=, 2);
  g_assert_cmpuint (decisions, >=, 2);
  /* the level becomes clear during the drill: a report before says so */
  g_assert_true (incident->has_level_clear);
  {
    gboolean undetermined = FALSE, clear = FALSE;

    for (guint i = 0; i < actions->len; i++)
      {
        const DdAction *a = g_ptr_array_index (actions, i);
        const char *severity = dd_action_get_field (a, "severity");

        undetermined |= g_strcmp0 (severity, dd_plan_get_undetermined_severity (plan)->id) == 0;
        clear |= g_strcmp0 (severity, incident->severity) == 0;
      }
    g_assert_true (undetermined);
    g_assert_true (clear);
  }
}

/* A scenario saved from the editor as a fresh copy (new id, no script of
 * its own) reaches >= 90 too, also after its truth changes. */
static void
test_dry_run_fresh_copy (void)
{
  g_autoptr(GPtrArray) paths = bundled_scenarios ();

  for (guint i = 0; i < paths->len; i++)
    {
      const char *src = g_ptr_array_index (paths, i);
      g_autofree char *tmp = dd_test_make_tmp_dir ("dd-scenario-edit-XXXXXX");
      g_autofree char *path = g_build_filename (tmp, "scenario.xml", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(DdScenarioDocument) edit = dd_scenario_document_new_from_template (plan, src, &error);
      g_autoptr(DdScenario) scenario = NULL;
      g_autoptr(DdScenario) original = NULL;

      g_assert_no_error (error);
      g_assert_true (dd_scenario_document_save_as (edit, path, &error));
      g_assert_no_error (error);
      scenario = dd_scenario_load_file (path, plan, &error);
      g_assert_no_error (error);
      original = dd_scenario_load_file (src, plan, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (dd_scenario_get_id (scenario), !=, dd_scenario_get_id (original));
      assert_perfect (dd_scenario_get_id (scenario), scenario);

      /* another truth (every severity; every category for one of them):
       * the planner follows the plan's rules for it */
      {
        GPtrArray *severities = dd_plan_get_severities (plan);
        GPtrArray *categories = dd_plan_get_categories (plan);

        /* a deadline counted from the incident's start must be one a team
         * can meet: the incident began shortly before the drill */
        g_assert_true (dd_scenario_document_set (edit, "incident/began", "-0:10", &error));
        g_assert_no_error (error);

        for (guint s = 0; s < severities->len; s++)
          for (guint c = 0; c < (i == 0 ? categories->len : 1); c++)
            {
              const DdSeverity *severity = g_ptr_array_index (severities, s);
              const DdCategory *category = g_ptr_array_index (categories, c);
              g_autofree char *label = g_strdup_printf ("%s, %s", severity->id, category->id);
              g_autoptr(DdScenario) changed = NULL;

              g_assert_true (dd_scenario_document_set (edit, "incident/severity", severity->id, &error));
              g_assert_no_error (error);
              if (i == 0)
                {
                  g_assert_true (dd_scenario_document_set (edit, "incident/subtype", "", &error));
                  g_assert_no_error (error);
                  g_assert_true (dd_scenario_document_set (edit, "incident/category", category->id, &error));
                  g_assert_no_error (error);
                }
              changed = dd_scenario_document_build (edit, &error);
              g_assert_no_error (error);
              assert_perfect (label, changed);
            }
      }
      dd_test_rm_rf (tmp);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  dd_xml_init ();
  garbage = g_ptr_array_new_with_free_func (g_free);
  plan = dd_plan_load_default (&error);
  g_assert_no_error (error);

  g_test_add_func ("/dd/scenario-document/round-trip", test_round_trip);
  g_test_add_func ("/dd/scenario-document/operations", test_operations);
  g_test_add_func ("/dd/scenario-document/check/authority", test_check_authority);
  g_test_add_func ("/dd/scenario-document/check/deadline", test_check_deadline);
  g_test_add_func ("/dd/scenario-document/check/after-end", test_check_after_end);
  g_test_add_func ("/dd/scenario-document/check/condition", test_check_condition);
  g_test_add_func ("/dd/scenario-document/check/objective", test_check_objective);
  g_test_add_func ("/dd/scenario-document/check/required", test_check_required);
  g_test_add_func ("/dd/scenario-document/save-crash", test_save_crash);
  g_test_add_func ("/dd/scenario-document/autosave", test_autosave);
  g_test_add_func ("/dd/scenario-document/dry-run", test_dry_run);
  g_test_add_func ("/dd/scenario-document/dry-run/without-script", test_dry_run_without_script);
  g_test_add_func ("/dd/scenario-document/dry-run/parameters", test_dry_run_parameters);
  g_test_add_func ("/dd/scenario-document/dry-run/fresh-copy", test_dry_run_fresh_copy);

  ret = g_test_run ();
  g_object_unref (plan);
  g_ptr_array_unref (garbage);
  return ret;
}
