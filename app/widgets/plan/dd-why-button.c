/* dd-why-button.c — "Why?": a button that shows a clause in the plan browser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dd-why-button.h"

#define CLAUSE_KEY "dd-why-clause"

GtkWidget *
dd_why_button_new (const char *clause)
{
  GtkWidget *button;
  /* Translators: the tooltip and accessible name of a "Why?" button; %s is a clause number */
  g_autofree char *name = g_strdup_printf (_("Why? Show § %s in the plan"), clause);

  g_return_val_if_fail (clause != NULL, NULL);

  /* Translators: a button beside a finding that opens the plan at its clause */
  button = gtk_button_new_with_label (_("Why?"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "why-button");
  gtk_widget_set_tooltip_text (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), DD_WHY_ACTION);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", clause);
  g_object_set_data_full (G_OBJECT (button), CLAUSE_KEY, g_strdup (clause), g_free);
  return button;
}

char *
dd_why_finding_cost (const DdFinding *finding)
{
  g_return_val_if_fail (finding != NULL, NULL);

  if (finding->grade != NULL)
    /* Translators: what a finding costs its phase; %.1f points, %s the plan's grade of lateness */
    return g_strdup_printf (_("Costs %.1f points: late (%s)"), finding->weight, finding->grade);
  /* Translators: what a finding costs its phase */
  return g_strdup_printf (_("Costs %.1f points"), finding->weight);
}

char *
dd_why_finding_explanation (const DdFinding *finding)
{
  g_autofree char *cost = NULL;
  GString *text;

  g_return_val_if_fail (finding != NULL, NULL);

  cost = dd_why_finding_cost (finding);
  text = g_string_new (cost);
  for (guint i = 0; finding->also_clauses != NULL && finding->also_clauses[i] != NULL; i++)
    {
      g_string_append_c (text, '\n');
      /* Translators: another clause the same fault broke (one fault, one finding) */
      g_string_append_printf (text, _("The same fault also breaks § %s"), finding->also_clauses[i]);
    }
  if (finding->consequence != NULL)
    {
      g_string_append_c (text, '\n');
      /* Translators: the clause naming the consequence of a duty never done (7.2) */
      g_string_append_printf (text, _("Consequence: § %s"), finding->consequence);
    }
  return g_string_free (text, FALSE);
}

GtkWidget *
dd_why_button_new_for_finding (const DdFinding *finding)
{
  GtkWidget *button;
  g_autofree char *explanation = NULL;
  g_autofree char *tooltip = NULL;

  g_return_val_if_fail (finding != NULL && finding->clause != NULL, NULL);

  button = dd_why_button_new (finding->clause);
  explanation = dd_why_finding_explanation (finding);
  tooltip = g_strdup_printf ("%s\n%s", gtk_widget_get_tooltip_text (button), explanation);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, explanation, -1);
  return button;
}

void
dd_why_button_box_fill (GtkWidget *box,
                        GPtrArray *clauses)
{
  GtkWidget *row;

  g_return_if_fail (GTK_IS_BOX (box));
  g_return_if_fail (clauses != NULL);

  row = g_object_get_data (G_OBJECT (box), "dd-why-row");
  if (row != NULL)
    gtk_box_remove (GTK_BOX (box), row);
  g_object_set_data (G_OBJECT (box), "dd-why-row", NULL);
  if (clauses->len == 0)
    return;

  row = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (row), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (row), 8);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The plan's clauses"), -1);
  for (guint i = 0; i < clauses->len; i++)
    {
      const char *clause = g_ptr_array_index (clauses, i);
      GtkWidget *button = dd_why_button_new (clause);
      /* Translators: a "Why?" button naming its clause */
      g_autofree char *label = g_strdup_printf (_("Why? § %s"), clause);

      gtk_button_set_label (GTK_BUTTON (button), label);
      gtk_flow_box_append (GTK_FLOW_BOX (row), button);
    }
  gtk_box_append (GTK_BOX (box), row);
  g_object_set_data (G_OBJECT (box), "dd-why-row", row);
}

const char *
dd_why_button_get_clause (GtkWidget *widget)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  return g_object_get_data (G_OBJECT (widget), CLAUSE_KEY);
}

GStrv
dd_why_clause_candidates (const char *clause)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *copy = NULL;
  char *paren;

  g_return_val_if_fail (clause != NULL, NULL);

  copy = g_strstrip (g_strdup (clause));
  g_strv_builder_add (builder, copy);
  paren = strchr (copy, '(');
  if (paren == NULL)
    paren = strstr (copy, "（");
  if (paren != NULL)
    {
      *paren = '\0';
      g_strv_builder_add (builder, copy);
    }
  for (char *dot = strrchr (copy, '.'); dot != NULL; dot = strrchr (copy, '.'))
    {
      *dot = '\0';
      g_strv_builder_add (builder, copy);
    }
  return g_strv_builder_end (builder);
}
