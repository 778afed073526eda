/* dd-cli-score.c — drilldesk-cli score SCENARIO JOURNAL [--json]
 *
 * Replays a drill's journal and scores it against the plan: the findings,
 * each citing its clause, the scores per phase, per role and overall, and
 * a rating per objective.  The same journal always gives the same output,
 * and the same as `drilldesk-cli report` and the window (one replay).  A
 * journal without an end record is an interrupted drill, scored as of its
 * last record and said to be so.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dd-actions.h"
#include "dd-cli.h"
#include "dd-journal.h"
#include "dd-plan.h"
#include "dd-scenario.h"
#include "dd-replay.h"
#include "dd-score.h"

static const char *
role_label (DdPlan     *plan,
            const char *id)
{
  const DdRole *role = id ? dd_plan_lookup_role (plan, id) : NULL;

  if (id == NULL)
    return "-";
  return role ? (role->short_name ? role->short_name : role->name) : id;
}

/* "  NAME   score  (findings)  [text]", NAME padded to @width columns;
 * what nothing was expected of in this drill is said not assessed
 * (@not_assessed, the plan's word) instead of a score */
static void
print_row (const char *name,
           guint       width,
           gboolean    assessed,
           const char *not_assessed,
           double      score,
           guint       n_findings,
           const char *text)
{
  g_autofree char *padded = dd_cli_pad (name, width);
  g_autofree char *value = NULL;

  if (assessed)
    value = g_strdup_printf ("%6.1f", score);
  else
    {
      /* right-aligned in the same six columns */
      g_autoptr(GString) s = g_string_new (NULL);

      for (guint w = dd_cli_display_width (not_assessed); w < 6; w++)
        g_string_append_c (s, ' ');
      g_string_append (s, not_assessed);
      value = g_string_free (g_steal_pointer (&s), FALSE);
    }

  g_print ("  %s  %s  (%u)%s%s\n", padded, value, n_findings, text ? "  " : "", text ? text : "");
}

/* An objective by its words in the scenario */
static const char *
objective_text (DdScenario *scenario,
                const char *id)
{
  GPtrArray *objectives = dd_scenario_get_objectives (scenario);

  for (guint i = 0; i < objectives->len; i++)
    {
      const DdObjective *o = g_ptr_array_index (objectives, i);

      if (g_strcmp0 (o->id, id) == 0)
        return o->text;
    }
  return id;
}

static void
print_text (DdReplay *replay)
{
  DdPlan *plan = dd_replay_get_plan (replay);
  DdScenario *scenario = dd_replay_get_scenario (replay);
  DdScore *score = dd_replay_get_score (replay);
  g_autofree char *as_of = dd_offset_format (dd_replay_get_as_of (replay));
  GPtrArray *findings = dd_score_get_findings (score);
  GPtrArray *phases = dd_score_get_phases (score);
  GPtrArray *roles = dd_score_get_roles (score);
  GPtrArray *objectives = dd_score_get_objectives (score);
  guint phases_width = 0, roles_width = 0;
  const char *not_assessed = dd_plan_get_scoring (plan)->not_assessed != NULL
                             ? dd_plan_get_scoring (plan)->not_assessed : "-";

  for (guint i = 0; i < phases->len; i++)
    {
      const DdScoreEntry *e = g_ptr_array_index (phases, i);
      const DdPhase *phase = dd_plan_lookup_phase (plan, e->id);

      phases_width = MAX (phases_width, dd_cli_display_width (phase ? phase->name : e->id));
    }
  for (guint i = 0; i < roles->len; i++)
    roles_width = MAX (roles_width, dd_cli_display_width (role_label (plan, ((DdScoreEntry *) g_ptr_array_index (roles, i))->id)));

  g_print ("%s\n", dd_scenario_get_title (scenario));
  if (!dd_replay_is_finished (replay))
    /* Translators: a simulated time such as 1:05:00 */
    g_print (_("Interrupted: the journal has no end record; scored as of T+%s.\n"), as_of);
  else if (dd_replay_ended_early (replay))
    g_print (_("Ended early, at T+%s, before the scenario's last inject.\n"), as_of);
  g_print (_("Overall: %.1f / %.0f\n"), dd_score_get_overall (score), dd_score_get_max (score));

  g_print ("\n%s\n", _("Phases:"));
  for (guint i = 0; i < phases->len; i++)
    {
      const DdScoreEntry *e = g_ptr_array_index (phases, i);
      const DdPhase *phase = dd_plan_lookup_phase (plan, e->id);

      print_row (phase ? phase->name : e->id, phases_width, e->assessed, not_assessed, e->score, e->n_findings, NULL);
    }

  g_print ("\n%s\n", _("Roles:"));
  for (guint i = 0; i < roles->len; i++)
    {
      const DdScoreEntry *e = g_ptr_array_index (roles, i);

      print_row (role_label (plan, e->id), roles_width, e->assessed, not_assessed, e->score, e->n_findings, NULL);
    }

  g_print ("\n%s\n", _("Objectives:"));
  for (guint i = 0; i < objectives->len; i++)
    {
      const DdObjectiveScore *o = g_ptr_array_index (objectives, i);
      const DdRatingOverride *set = dd_replay_get_rating (replay, o->id);
      char letter[2] = { set != NULL ? set->rating : o->rating, '\0' };

      print_row (letter, 1, o->assessed, not_assessed, o->score, o->n_findings, objective_text (scenario, o->id));
    }

  g_print ("\n%s\n", findings->len ? _("Findings:") : _("Findings: none"));
  for (guint i = 0; i < findings->len; i++)
    {
      const DdFinding *f = g_ptr_array_index (findings, i);
      g_autofree char *time = dd_offset_format (f->time);

      /* Translators: time, severity, clause, role, what the plan says, and what exactly */
      g_print (_("  T+%s  [%s] § %s  %s: %s%s%s\n"), time,
               g_dgettext (GETTEXT_PACKAGE, dd_finding_severity_to_string (f->severity)), f->clause,
               role_label (plan, f->role), f->message,
               f->detail ? " — " : "", f->detail ? f->detail : "");
    }
}

int
dd_cli_score (int    argc,
              char **argv)
{
  g_autofree char *plan_path = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON"), NULL },
    { "plan", 'p', 0, G_OPTION_ARG_FILENAME, &plan_path, N_("The plan (default: the bundled Jincheng plan)"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPlan) plan = NULL;
  g_autoptr(DdScenario) scenario = NULL;
  g_autoptr(DdJournal) journal = NULL;
  g_autoptr(DdReplay) replay = NULL;

  if (!dd_cli_parse_options (&argc, &argv, "SCENARIO JOURNAL",
                             _("Score a drill's journal against the plan."), entries))
    return DD_CLI_EXIT_USAGE;

  if (argc != 3)
    {
      dd_cli_usage_error ("score", "%s", argc < 3 ? _("a scenario and a journal are needed")
                                                  : _("too many arguments"));
      return DD_CLI_EXIT_USAGE;
    }

  plan = dd_cli_load_plan (plan_path, &error);
  if (plan == NULL)
    goto fail;
  if (!dd_cli_load_drill (plan, argv[1], argv[2], (gpointer *) &scenario, (gpointer *) &journal,
                          (gpointer *) &replay, &error))
    goto fail;

  if (json)
    {
      g_autofree char *text = dd_replay_to_json_string (replay, TRUE);

      g_print ("%s\n", text);
    }
  else
    print_text (replay);
  return DD_CLI_EXIT_OK;

fail:
  dd_cli_print_error (error);
  return DD_CLI_EXIT_INVALID;
}
