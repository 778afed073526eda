/* dd-records-compare.c — the Records place's review and comparison of two
 * drills of one scenario: overall, per phase, and the findings only one
 * of them has
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dd-drill-record.h"
#include "dd-error.h"
#include "dd-records-page-private.h"
#include "dd-why-button.h"

/* ------------------------------------------------------------------ */
/* Review and comparison                                               */

gboolean
dd_records_page_open_item_review (DdRecordsPage  *self,
                                  DdRecordItem   *item,
                                  GError        **error)
{
  g_autoptr(DdDrillRecord) record = dd_drill_record_load (item->info, error);

  if (record == NULL)
    return FALSE;
  dd_review_page_set_record (self->review_page, record);
  gtk_stack_set_visible_child_name (self->stack, "review");
  return TRUE;
}

static GtkWidget *
group_new (const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  return group;
}

static GtkWidget *
value_row (const char *title,
           const char *subtitle,
           const char *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);
  g_autofree char *name = g_strdup_printf ("%s: %s", title, value);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return row;
}

static void
add_only_group (DdRecordsPage *self,
                DdDrillRecord *record,
                DdDrillRecord *other,
                const char    *label,
                guint          which)
{
  g_autoptr(GPtrArray) only = dd_score_findings_not_in (dd_drill_record_get_score (record),
                                                        dd_drill_record_get_score (other));
  DdPlan *plan = dd_drill_record_get_plan (record);
  /* Translators: %s names one of the compared drills (its date) */
  g_autofree char *title = g_strdup_printf (_("Findings only in %s"), label);
  GtkWidget *group = group_new (title, NULL);

  g_ptr_array_set_size (self->only[which], 0);
  for (guint i = 0; i < only->len; i++)
    {
      const DdFinding *f = g_ptr_array_index (only, i);
      const DdPhase *phase = f->phase ? dd_plan_lookup_phase (plan, f->phase) : NULL;
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = g_strdup_printf ("§ %s · %s", f->clause, phase ? phase->name : "");

      g_ptr_array_add (self->only[which], g_strdup (f->rule));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), f->message);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (f->clause != NULL)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), dd_why_button_new_for_finding (f));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  if (only->len == 0)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               value_row (_("None"), NULL, ""));
  gtk_box_append (self->compare_box, group);
}

gboolean
dd_records_page_compare_items (DdRecordsPage  *self,
                               DdRecordItem   *a,
                               DdRecordItem   *b,
                               GError        **error)
{
  g_autoptr(DdDrillRecord) ra = NULL;
  g_autoptr(DdDrillRecord) rb = NULL;
  DdScore *sa, *sb;
  GPtrArray *phases;
  GtkWidget *child, *title, *group;
  g_autofree char *heading = NULL;
  g_autofree char *label_a = NULL;
  g_autofree char *label_b = NULL;

  ra = dd_drill_record_load (a->info, error);
  if (ra == NULL)
    return FALSE;
  rb = dd_drill_record_load (b->info, error);
  if (rb == NULL)
    return FALSE;
  if (g_strcmp0 (dd_scenario_get_id (dd_drill_record_get_scenario (ra)),
                 dd_scenario_get_id (dd_drill_record_get_scenario (rb))) != 0)
    {
      g_set_error_literal (error, DD_ERROR, DD_ERROR_STATE, _("Only drills of the same scenario can be compared."));
      return FALSE;
    }
  sa = dd_drill_record_get_score (ra);
  sb = dd_drill_record_get_score (rb);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->compare_box))) != NULL)
    gtk_box_remove (self->compare_box, child);

  /* Translators: %s is the scenario's title */
  heading = g_strdup_printf (_("Comparison: %s"), dd_scenario_get_title (dd_drill_record_get_scenario (ra)));
  title = gtk_label_new (heading);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "title-1");
  gtk_box_append (self->compare_box, title);

  /* Translators: the first and second drill compared, by date */
  label_a = g_strdup_printf (_("A (%s)"), a->date_text);
  label_b = g_strdup_printf (_("B (%s)"), b->date_text);

  group = group_new (_("Overall Score"), NULL);
  {
    g_autofree char *va = g_strdup_printf ("%.1f", dd_score_get_overall (sa));
    g_autofree char *vb = g_strdup_printf ("%.1f", dd_score_get_overall (sb));
    g_autofree char *fa = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u finding", "%u findings",
                                                        dd_score_get_findings (sa)->len),
                                           dd_score_get_findings (sa)->len);
    g_autofree char *fb = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u finding", "%u findings",
                                                        dd_score_get_findings (sb)->len),
                                           dd_score_get_findings (sb)->len);

    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), value_row (label_a, fa, va));
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), value_row (label_b, fb, vb));
  }
  gtk_box_append (self->compare_box, group);

  group = group_new (_("Scores by Phase"), NULL);
  phases = dd_score_get_phases (sa);
  for (guint i = 0; i < phases->len; i++)
    {
      const DdScoreEntry *ea = g_ptr_array_index (phases, i);
      const DdScoreEntry *eb = dd_score_lookup_phase (sb, ea->id);
      const DdPhase *phase = dd_plan_lookup_phase (dd_drill_record_get_plan (ra), ea->id);
      double vb = eb != NULL ? eb->score : 0;
      /* Translators: the phase's scores in the first and second drill compared */
      g_autofree char *subtitle = g_strdup_printf (_("A %.1f · B %.1f"), ea->score, vb);
      g_autofree char *delta = g_strdup_printf ("%+.1f", vb - ea->score);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 value_row (phase ? phase->name : ea->id, subtitle, delta));
    }
  gtk_box_append (self->compare_box, group);

  add_only_group (self, ra, rb, label_a, 0);
  add_only_group (self, rb, ra, label_b, 1);
  gtk_stack_set_visible_child_name (self->stack, "compare");
  return TRUE;
}
