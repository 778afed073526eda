/* dd-cli-plan.c — drilldesk-cli plan [--plan FILE] [--json]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the plan holds: identity, revision status, counts, classification,
 * levels, organisation with duties, duty phones, rules with their clauses.
 * Labels are English ids through gettext; the plan's own text is printed
 * as it is in the file.
 */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "dd-cli.h"
#include "dd-plan.h"

static const char *
role_name (DdPlan     *plan,
           const char *id)
{
  const DdRole *role = dd_plan_lookup_role (plan, id);

  return role ? role->short_name : id;
}

static char *
role_names (DdPlan  *plan,
            char   **ids)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, role_name (plan, ids[i]));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
severity_names (DdPlan  *plan,
                char   **ids)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      const DdSeverity *s = dd_plan_lookup_severity (plan, ids[i]);
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, s ? s->name : ids[i]);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
print_role_tree (GString      *out,
                 DdPlan       *plan,
                 const DdRole *role,
                 guint         depth)
{
  g_autoptr(GPtrArray) children = NULL;
  g_autofree char *indent = g_strnfill (2 + depth * 2, ' ');

  g_string_append_printf (out, "%s%s", indent, role->name);
  if (role->holder != NULL)
    g_string_append_printf (out, " (%s)", role->holder);
  g_string_append_printf (out, "  [%s, %s §%s", role->id, dd_role_kind_to_string (role->kind), role->clause);
  if (role->phone != NULL)
    g_string_append_printf (out, ", %s %s", _("phone"), role->phone);
  g_string_append (out, "]\n");
  for (guint i = 0; role->duties[i] != NULL; i++)
    g_string_append_printf (out, "%s    - %s\n", indent, role->duties[i]);

  if (depth > 32)
    return;
  children = dd_plan_get_children (plan, role->id);
  for (guint i = 0; i < children->len; i++)
    print_role_tree (out, plan, g_ptr_array_index (children, i), depth + 1);
}

static char *
plan_summary (DdPlan *plan)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) due = dd_plan_get_revision_due (plan);
  g_autofree char *due_str = g_date_time_format (due, "%Y-%m-%d");
  const DdPlanIdentity *id = dd_plan_get_identity (plan);
  const DdSeverity *undet = dd_plan_get_undetermined_severity (plan);
  const DdScoring *scoring = dd_plan_get_scoring (plan);
  GPtrArray *a;
  guint n_subtypes = 0;

  /* Identity */
  g_string_append_printf (out, "%s\n", id->title);
  g_string_append_printf (out, "  %-18s %s (%s)\n", _("Plan id:"), id->id, id->level);
  g_string_append_printf (out, "  %-18s %s\n", _("Region:"), id->region);
  g_string_append_printf (out, "  %-18s %s\n", _("Document:"), id->doc_number);
  g_string_append_printf (out, "  %-18s %s\n", _("Issued by:"), id->issuer);
  g_string_append_printf (out, "  %-18s %s\n", _("Issued:"), id->issued);
  if (id->replaces != NULL)
    g_string_append_printf (out, "  %-18s %s%s%s%s\n", _("Replaces:"), id->replaces,
                            id->replaces_issued ? " (" : "",
                            id->replaces_issued ? id->replaces_issued : "",
                            id->replaces_issued ? ")" : "");
  g_string_append_printf (out, "  %-18s %s\n", _("Source:"), dd_plan_get_source_name (plan));
  g_string_append_printf (out, "  %-18s %s\n", _("SHA-256:"), dd_plan_get_source_sha256 (plan));

  /* Revision and drills */
  g_string_append_printf (out, "\n%s\n", _("Upkeep"));
  g_string_append_printf (out, "  %s\n",
                          dd_plan_is_past_revision (plan, now)
                          ? _("Revision status: PAST DUE — this plan should have been revised")
                          : _("Revision status: current"));
  g_string_append_printf (out, _("  Revised every %u years by %s (§%s); due %s\n"),
                          id->revision_interval_years, role_name (plan, id->revision_owner),
                          id->revision_clause, due_str);
  g_string_append_printf (out, _("  At least %u drill(s) every %u months, organised by %s (§%s)\n"),
                          id->drill_min_count, id->drill_interval_months,
                          role_name (plan, id->drill_organiser), id->drill_clause);

  /* Counts */
  a = dd_plan_get_categories (plan);
  for (guint i = 0; i < a->len; i++)
    n_subtypes += ((DdCategory *) g_ptr_array_index (a, i))->subtypes->len;
  g_string_append_printf (out, "\n%s\n", _("Counts"));
  g_string_append_printf (out, "  %-22s %u\n", _("provisions:"), dd_plan_get_provisions (plan)->len);
  g_string_append_printf (out, "  %-22s %u\n", _("phases:"), dd_plan_get_phases (plan)->len);
  g_string_append_printf (out, "  %-22s %u (%u %s)\n", _("categories:"), a->len, n_subtypes, _("subtypes"));
  g_string_append_printf (out, "  %-22s %u\n", _("severity levels:"), dd_plan_get_severities (plan)->len);
  g_string_append_printf (out, "  %-22s %u\n", _("warning levels:"), dd_plan_get_warning_levels (plan)->len);
  g_string_append_printf (out, "  %-22s %u\n", _("response levels:"), dd_plan_get_response_levels (plan)->len);
  g_string_append_printf (out, "  %-22s %u\n", _("roles:"), dd_plan_get_roles (plan)->len);
  {
    g_autoptr(GPtrArray) units = dd_plan_get_roles_of_kind (plan, DD_ROLE_KIND_MEMBER_UNIT);
    g_autoptr(GPtrArray) deputies = dd_plan_get_roles_of_kind (plan, DD_ROLE_KIND_DEPUTY);
    g_string_append_printf (out, "  %-22s %u\n", _("member units:"), units->len);
    g_string_append_printf (out, "  %-22s %u\n", _("deputy commanders:"), deputies->len);
  }
  g_string_append_printf (out, "  %-22s %u\n", _("duty phones:"), dd_plan_get_phone_rows (plan)->len);
  g_string_append_printf (out, "  %-22s %u\n", _("action kinds:"), dd_plan_get_action_kinds (plan)->len);
  g_string_append_printf (out, "  %-22s %u\n", _("rules:"), dd_plan_get_rules (plan)->len);

  /* Phases */
  g_string_append_printf (out, "\n%s\n", _("Phases"));
  a = dd_plan_get_phases (plan);
  for (guint i = 0; i < a->len; i++)
    {
      const DdPhase *p = g_ptr_array_index (a, i);
      g_string_append_printf (out, "  %u. %s  [%s §%s, %s %g]\n", p->order, p->name, p->id, p->clause,
                              _("weight"), p->weight);
    }

  /* Classification */
  g_string_append_printf (out, "\n%s (%s, §%s)\n", _("Classification"),
                          dd_plan_get_classification_standard (plan),
                          dd_plan_get_classification_clause (plan));
  a = dd_plan_get_categories (plan);
  for (guint i = 0; i < a->len; i++)
    {
      const DdCategory *c = g_ptr_array_index (a, i);
      g_string_append_printf (out, "  %s [%s]", c->name, c->id);
      for (guint j = 0; j < c->subtypes->len; j++)
        g_string_append_printf (out, "%s%s", j == 0 ? ": " : "、",
                                ((DdSubtype *) g_ptr_array_index (c->subtypes, j))->name);
      g_string_append_c (out, '\n');
    }

  /* Severities */
  g_string_append_printf (out, "\n%s (§%s)\n", _("Severity levels"), dd_plan_get_severity_clause (plan));
  a = dd_plan_get_severities (plan);
  for (guint i = 0; i < a->len; i++)
    {
      const DdSeverity *s = g_ptr_array_index (a, i);
      g_string_append_printf (out, "  %u %s [%s]\n", s->rank, s->full_name, s->id);
      for (guint j = 0; s->criteria[j] != NULL; j++)
        g_string_append_printf (out, "      (%u) %s\n", j + 1, s->criteria[j]);
    }
  g_string_append_printf (out, "  - %s [%s, §%s]\n", undet->full_name, undet->id, undet->clause);

  /* Warning levels */
  g_string_append_printf (out, "\n%s\n", _("Warning levels"));
  a = dd_plan_get_warning_levels (plan);
  for (guint i = 0; i < a->len; i++)
    {
      const DdWarningLevel *w = g_ptr_array_index (a, i);
      const DdSeverity *s = dd_plan_lookup_severity (plan, w->severity);
      g_string_append_printf (out, "  %s %s %s → %s  [§%s]\n", w->name, w->colour_name, w->colour_hex,
                              s ? s->name : w->severity, w->clause);
    }

  /* Response levels */
  g_string_append_printf (out, "\n%s\n", _("Response levels"));
  a = dd_plan_get_response_levels (plan);
  for (guint i = 0; i < a->len; i++)
    {
      const DdResponseLevel *l = g_ptr_array_index (a, i);
      g_autofree char *sev = severity_names (plan, l->severities);
      g_autofree char *prop = role_names (plan, l->proposers);
      g_autofree char *dec = role_names (plan, l->deciders);

      g_string_append_printf (out, "  %s [%s, §%s] %s: %s\n", l->name, l->id, l->clause, _("severities"), sev);
      g_string_append_printf (out, "    %s (§%s): %s\n", _("proposed by"), l->procedure_clause, prop);
      g_string_append_printf (out, "    %s (§%s): %s\n", _("decided by"), l->procedure_clause, dec);
      g_string_append_printf (out, "    %s (§%s): %u\n", _("measures"), l->measures_clause, l->measures->len);
    }

  /* Organisation */
  g_string_append_printf (out, "\n%s\n", _("Organisation"));
  a = dd_plan_get_roles (plan);
  for (guint i = 0; i < a->len; i++)
    {
      const DdRole *r = g_ptr_array_index (a, i);
      if (r->parent == NULL)
        print_role_tree (out, plan, r, 0);
    }

  /* Duty phones */
  g_string_append_printf (out, "\n%s (§8.4 %s", _("Duty phones"), dd_plan_get_phone_table_title (plan));
  if (dd_plan_get_phone_area_code (plan) != NULL)
    g_string_append_printf (out, ", %s %s", _("area code"), dd_plan_get_phone_area_code (plan));
  g_string_append (out, ")\n");
  a = dd_plan_get_phone_rows (plan);
  for (guint i = 0; i < a->len; i++)
    {
      const DdPhoneRow *row = g_ptr_array_index (a, i);
      g_string_append_printf (out, "  %2u  %s  %s\n", i + 1, row->unit, row->phone);
    }

  /* Rules */
  g_string_append_printf (out, "\n%s\n", _("Rules"));
  a = dd_plan_get_rules (plan);
  for (guint i = 0; i < a->len; i++)
    {
      const DdRule *r = g_ptr_array_index (a, i);

      /* The kinds as the plan file spells them (ids), the severity by its name */
      g_string_append_printf (out, "  §%s %s (kind=%s finding=%s %s)", r->clause, r->id, dd_rule_kind_to_string (r->kind),
                              dd_finding_kind_to_string (r->finding),
                              _(dd_finding_severity_to_string (r->severity)));
      if (r->kind == DD_RULE_KIND_DEADLINE)
        g_string_append_printf (out, " %u min%s", r->minutes, r->immediate ? _(" (immediate; a stated choice)") : "");
      g_string_append_printf (out, "\n      %s\n", r->message);
    }

  g_string_append_printf (out, _("\nScoring: max %g per phase; deductions minor %g, major %g, critical %g\n"),
                          scoring->max_score, scoring->deduction_minor, scoring->deduction_major,
                          scoring->deduction_critical);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

int
dd_cli_plan (int    argc,
             char **argv)
{
  g_autofree char *plan_path = NULL;
  gboolean json = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPlan) plan = NULL;
  g_autofree char *text = NULL;
  const GOptionEntry entries[] = {
    { "plan", 0, 0, G_OPTION_ARG_FILENAME, &plan_path, N_("Plan file (default: the bundled Jincheng plan)"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print everything the plan holds as JSON"), NULL },
    { NULL }
  };

  if (!dd_cli_parse_options (&argc, &argv, NULL, _("Show what the plan holds."), entries))
    return DD_CLI_EXIT_USAGE;
  if (argc > 1)
    {
      dd_cli_usage_error ("plan", _("unexpected argument '%s'"), argv[1]);
      return DD_CLI_EXIT_USAGE;
    }

  plan = dd_cli_load_plan (plan_path, &error);
  if (plan == NULL)
    {
      dd_cli_print_error (error);
      return DD_CLI_EXIT_INVALID;
    }

  if (json)
    {
      g_autofree char *data = dd_plan_to_json_string (plan, TRUE);
      text = g_strconcat (data, "\n", NULL);
    }
  else
    text = plan_summary (plan);

  dd_cli_print_utf8 (text);
  return DD_CLI_EXIT_OK;
}
