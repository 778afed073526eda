/* test-console-findings.c — the console's findings: one row per fault,
 * grouped by phase, what the replay says; one toast per burst
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Widget tests (gtk_test_init) on the console tests' fixture
 * (dd-test-console.h).
 */
#include "config.h"

#include "dd-test-gui.h"

#include "dd-test-console.h"
#include "dd-why-button.h"

static void
test_console_findings_burst (DdTestConsole       *fixture,
                             gconstpointer  data)
{
  DdFindingsPanel *panel = dd_console_get_findings_panel (fixture->console);
  g_autoptr(GError) error = NULL;

  /* An hour passes at once: many findings, one toast */
  g_assert_true (dd_drill_advance_to (fixture->drill, 3600, &error));
  dd_test_console_iterate ();
  dd_findings_panel_flush_toast (panel);
  g_assert_cmpuint (dd_console_get_n_finding_rows (fixture->console), >, 1);
  g_assert_cmpuint (dd_findings_panel_get_n_toasts (panel), ==, 1);
  /* By phase, the latest first; the newest first within a phase */
  {
    GListModel *model = dd_findings_panel_get_model (panel);
    GPtrArray *phases = dd_plan_get_phases (fixture->plan);

    for (guint i = 1; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr(DdDrillItem) a = g_list_model_get_item (model, i - 1);
        g_autoptr(DdDrillItem) b = g_list_model_get_item (model, i);
        const char *pa = dd_drill_item_get_finding (a)->phase;
        const char *pb = dd_drill_item_get_finding (b)->phase;
        guint ra = 0, rb = 0;

        for (guint k = 0; k < phases->len; k++)
          {
            const DdPhase *phase = g_ptr_array_index (phases, k);

            ra = g_strcmp0 (phase->id, pa) == 0 ? k + 1 : ra;
            rb = g_strcmp0 (phase->id, pb) == 0 ? k + 1 : rb;
          }
        g_assert_cmpuint (ra, >=, rb);
        if (ra == rb)
          g_assert_cmpint (dd_drill_item_get_time (a), >=, dd_drill_item_get_time (b));
      }
  }
}

/* The rows (AdwActionRow) folded under a fault's row, and its "Why?" buttons */
static void
count_folded (GtkWidget *widget,
              guint     *rows,
              guint     *whys)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      *rows += ADW_IS_ACTION_ROW (child);
      *whys += GTK_IS_BUTTON (child) && dd_why_button_get_clause (child) != NULL;
      count_folded (child, rows, whys);
    }
}

/* The row showing the fault @key, or NULL */
static GtkWidget *
fault_row (DdFindingsPanel *panel,
           const char      *key)
{
  GListModel *model = dd_findings_panel_get_model (panel);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DdDrillItem) item = g_list_model_get_item (model, i);
      g_autofree char *k = dd_finding_key (dd_drill_item_get_finding (item));

      if (g_strcmp0 (k, key) == 0)
        return dd_findings_panel_get_fault_row (panel, i);
    }
  return NULL;
}

static void
test_console_findings_by_fault (DdTestConsole       *fixture,
                                gconstpointer  data)
{
  DdFindingsPanel *panel = dd_console_get_findings_panel (fixture->console);
  g_autofree char *path = g_build_filename (g_getenv ("DD_SOURCE_ROOT"), "scenarios", "ransomware-gov-cloud",
                                            "flawed.actions.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdActionScript) script = dd_action_script_load_file (path, fixture->plan, fixture->scenario, &error);
  g_autoptr(DdJournal) journal = NULL;
  g_autoptr(DdReplay) replay = NULL;
  g_autofree char *expanded_key = NULL;
  DdJournalRecovery recovery = { 0 };
  GPtrArray *actions;
  GPtrArray *findings;
  GListModel *model;
  guint n_also = 0;

  g_assert_no_error (error);
  actions = dd_action_script_get_actions (script);

  /* The flawed team's drill, through the console's drill */
  for (guint i = 0; i < actions->len; i++)
    {
      g_autoptr(DdAction) action = dd_action_copy (g_ptr_array_index (actions, i));

      g_assert_true (dd_drill_advance_to (fixture->drill, MAX (action->at, dd_drill_get_time (fixture->drill)), &error));
      g_assert_true (dd_drill_record_action (fixture->drill, action, &error));
      g_assert_no_error (error);
      dd_test_console_iterate ();

      /* The first fault of a recorded action that breaks more than one
       * rule: its row expanded */
      findings = dd_score_get_findings (dd_replay_get_score (dd_drill_get_replay (fixture->drill)));
      for (guint k = 0; k < findings->len && expanded_key == NULL; k++)
        {
          const DdFinding *f = g_ptr_array_index (findings, k);

          if (f->action_index >= 0 && f->also_rules[0] != NULL)
            {
              expanded_key = dd_finding_key (f);
              adw_expander_row_set_expanded (ADW_EXPANDER_ROW (fault_row (panel, expanded_key)), TRUE);
            }
        }
    }
  g_assert_true (dd_drill_finish (fixture->drill, &error));
  g_assert_no_error (error);
  dd_test_console_iterate ();

  /* One row per fault: as many as the replay's findings, the drill's
   * and one read back from the journal on disk */
  findings = dd_score_get_findings (dd_replay_get_score (dd_drill_get_replay (fixture->drill)));
  g_assert_cmpuint (findings->len, >, 10);
  g_assert_cmpuint (dd_console_get_n_finding_rows (fixture->console), ==, findings->len);
  journal = dd_journal_load (dd_drill_info_get_journal_path (fixture->info), &recovery, &error);
  g_assert_no_error (error);
  dd_journal_recovery_clear (&recovery);
  replay = dd_replay_new_for_journal (fixture->plan, fixture->scenario, journal, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dd_console_get_n_finding_rows (fixture->console), ==,
                    dd_score_get_findings (dd_replay_get_score (replay))->len);

  /* Each row says the fault's message, severity, clause, when and who;
   * the other rules it broke and its consequence are folded under it,
   * each with its "Why?" */
  model = dd_findings_panel_get_model (panel);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DdDrillItem) item = g_list_model_get_item (model, i);
      const DdFinding *f = dd_drill_item_get_finding (item);
      GtkWidget *row = dd_findings_panel_get_fault_row (panel, i);
      const char *subtitle = adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row));
      g_autofree char *clause = g_strdup_printf ("§ %s", f->clause);
      guint also = g_strv_length (f->also_rules);
      guint rows = 0, whys = 0;

      g_assert_true (ADW_IS_EXPANDER_ROW (row));
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, f->message);
      g_assert_nonnull (strstr (subtitle, clause));
      if (f->role != NULL)
        g_assert_nonnull (strstr (subtitle, dd_plan_lookup_role (fixture->plan, f->role)->name));
      count_folded (row, &rows, &whys);
      /* (the expander's own header is an action row too; then the cost) */
      g_assert_cmpuint (rows, ==, 2 + (f->detail != NULL) + also + (f->consequence != NULL));
      g_assert_cmpuint (whys, ==, 1 + also + (f->consequence != NULL));
      n_also += also;
    }
  g_assert_cmpuint (n_also, >, 0);

  /* The row expanded stayed expanded while later records changed the list */
  g_assert_nonnull (expanded_key);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (fault_row (panel, expanded_key))));
}

int
main (int   argc,
      char *argv[])
{
  dd_test_skip_without_display ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func, data) \
  g_test_add (path, DdTestConsole, data, dd_test_console_set_up, func, dd_test_console_tear_down)
  ADD ("/dd/console/findings-burst", test_console_findings_burst, NULL);
  ADD ("/dd/console/findings-by-fault", test_console_findings_by_fault, NULL);
#undef ADD

  return g_test_run ();
}
