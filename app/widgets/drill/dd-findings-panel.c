/* dd-findings-panel.c — the console's findings, as they arise
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The drill's current findings (dd_drill_get_finding_model ()), newest
 * first, each with its severity (icon and word, never colour alone), the
 * clause, when and who, and a "Why?" button that opens the plan at the
 * clause.  New findings come into view: the list scrolls back to its top
 * when they arrive.  The room hears of them through one toast per burst
 * (a record that raises five findings gives one toast, not five).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dd-console-util.h"
#include "dd-findings-panel.h"
#include "dd-why-button.h"

#define BURST_MS 300

struct _DdFindingsPanel
{
  AdwBin              parent_instance;

  DdDrill            *drill;
  GtkSortListModel   *sorted;
  GPtrArray          *burst;        /* DdFinding copies waiting for their toast */
  guint               burst_id;
  guint               n_toasts;
  AdwToast           *toast;        /* weak: the last toast, while shown */

  /* template children */
  GtkScrolledWindow  *scroller;
  GtkListBox         *findings_list;
};

G_DEFINE_FINAL_TYPE (DdFindingsPanel, dd_findings_panel, ADW_TYPE_BIN)

static GtkWidget *
create_finding_row_cb (gpointer item,
                       gpointer user_data)
{
  DdFindingsPanel *self = user_data;
  DdPlan *plan = dd_drill_get_plan (self->drill);
  const DdFinding *f = dd_drill_item_get_finding (item);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (dd_console_severity_icon (f->severity));
  g_autofree char *time = dd_console_format_offset (f->time);
  g_autofree char *subtitle = NULL;
  g_autofree char *full = NULL;

  subtitle = g_strdup_printf ("%s · § %s · %s%s%s", dd_console_severity_name (f->severity), f->clause, time,
                              f->role ? " · " : "", f->role ? dd_console_role_name (plan, f->role) : "");
  full = f->detail != NULL ? g_strdup_printf ("%s — %s", f->message, f->detail) : g_strdup (f->message);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), f->message);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  if (f->clause != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), dd_why_button_new (f->clause));
  gtk_widget_add_css_class (icon, "severity");
  gtk_widget_add_css_class (row, f->severity == DD_FINDING_SEVERITY_CRITICAL ? "finding-critical"
                                 : f->severity == DD_FINDING_SEVERITY_MAJOR ? "finding-major"
                                 : "finding-minor");
  gtk_widget_set_tooltip_text (row, full);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, dd_console_severity_name (f->severity),
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, f->message,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle,
                                  -1);
  return row;
}

static int
newest_first_cb (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  gint64 ta = dd_drill_item_get_time ((DdDrillItem *) a);
  gint64 tb = dd_drill_item_get_time ((DdDrillItem *) b);

  return ta < tb ? 1 : ta > tb ? -1 : 0;
}

static gboolean
scroll_to_top_cb (gpointer user_data)
{
  DdFindingsPanel *self = user_data;

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  return G_SOURCE_REMOVE;
}

static void
items_changed_cb (DdFindingsPanel *self,
                  guint            position,
                  guint            removed,
                  guint            added)
{
  /* New findings come into view (after the list has its new rows) */
  if (added > 0)
    g_idle_add_full (G_PRIORITY_LOW, scroll_to_top_cb, g_object_ref (self), g_object_unref);
}

void
dd_findings_panel_flush_toast (DdFindingsPanel *self)
{
  g_autofree char *text = NULL;
  const DdFinding *worst = NULL;

  g_return_if_fail (DD_IS_FINDINGS_PANEL (self));

  g_clear_handle_id (&self->burst_id, g_source_remove);
  if (self->burst->len == 0)
    return;
  for (guint i = 0; i < self->burst->len; i++)
    {
      const DdFinding *f = g_ptr_array_index (self->burst, i);

      if (worst == NULL || f->severity > worst->severity)
        worst = f;
    }
  if (self->burst->len == 1)
    /* Translators: a finding's severity, clause and message, in a toast */
    text = g_strdup_printf (_("%s finding, § %s: %s"), dd_console_severity_name (worst->severity),
                            worst->clause, worst->message);
  else
    /* Translators: how many findings arose at once, then the most severe one's clause and message */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new finding; the most severe: § %s %s",
                                         "%u new findings; the most severe: § %s %s", self->burst->len),
                            self->burst->len, worst->clause, worst->message);
  g_ptr_array_set_size (self->burst, 0);

  /* The last toast gives way: toasts do not queue up */
  if (self->toast != NULL)
    adw_toast_dismiss (self->toast);
  self->n_toasts++;
  g_clear_weak_pointer (&self->toast);
  g_set_weak_pointer (&self->toast, dd_console_toast (GTK_WIDGET (self), text));
}

static gboolean
burst_done_cb (gpointer user_data)
{
  DdFindingsPanel *self = user_data;

  self->burst_id = 0;
  dd_findings_panel_flush_toast (self);
  return G_SOURCE_REMOVE;
}

static void
finding_cb (DdFindingsPanel *self,
            gpointer         finding)
{
  g_ptr_array_add (self->burst, dd_finding_copy (finding));
  if (self->burst_id == 0)
    self->burst_id = g_timeout_add (BURST_MS, burst_done_cb, self);
}

static void
disconnect_drill (DdFindingsPanel *self)
{
  if (self->drill == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->drill, self);
  g_clear_object (&self->drill);
}

static void
dd_findings_panel_dispose (GObject *object)
{
  DdFindingsPanel *self = DD_FINDINGS_PANEL (object);

  g_clear_handle_id (&self->burst_id, g_source_remove);
  g_clear_weak_pointer (&self->toast);
  if (self->findings_list != NULL)
    gtk_list_box_bind_model (self->findings_list, NULL, NULL, NULL, NULL);
  disconnect_drill (self);
  g_clear_object (&self->sorted);

  G_OBJECT_CLASS (dd_findings_panel_parent_class)->dispose (object);
}

static void
dd_findings_panel_finalize (GObject *object)
{
  DdFindingsPanel *self = DD_FINDINGS_PANEL (object);

  g_ptr_array_unref (self->burst);

  G_OBJECT_CLASS (dd_findings_panel_parent_class)->finalize (object);
}

static void
dd_findings_panel_class_init (DdFindingsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_findings_panel_dispose;
  object_class->finalize = dd_findings_panel_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/dd-findings-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, DdFindingsPanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, DdFindingsPanel, findings_list);
}

static void
dd_findings_panel_init (DdFindingsPanel *self)
{
  self->burst = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_finding_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
dd_findings_panel_set_drill (DdFindingsPanel *self,
                             DdDrill         *drill)
{
  g_return_if_fail (DD_IS_FINDINGS_PANEL (self));
  g_return_if_fail (drill == NULL || DD_IS_DRILL (drill));

  if (drill == self->drill)
    return;
  gtk_list_box_bind_model (self->findings_list, NULL, NULL, NULL, NULL);
  disconnect_drill (self);
  g_clear_object (&self->sorted);
  g_clear_handle_id (&self->burst_id, g_source_remove);
  g_ptr_array_set_size (self->burst, 0);
  self->n_toasts = 0;
  if (drill == NULL)
    return;

  self->drill = g_object_ref (drill);
  self->sorted = gtk_sort_list_model_new (g_object_ref (dd_drill_get_finding_model (drill)),
                                          GTK_SORTER (gtk_custom_sorter_new (newest_first_cb, NULL, NULL)));
  gtk_list_box_bind_model (self->findings_list, G_LIST_MODEL (self->sorted),
                           create_finding_row_cb, self, NULL);
  g_signal_connect_object (self->sorted, "items-changed", G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drill, "finding", G_CALLBACK (finding_cb), self, G_CONNECT_SWAPPED);
}

GListModel *
dd_findings_panel_get_model (DdFindingsPanel *self)
{
  g_return_val_if_fail (DD_IS_FINDINGS_PANEL (self), NULL);
  return G_LIST_MODEL (self->sorted);
}

guint
dd_findings_panel_get_n_rows (DdFindingsPanel *self)
{
  g_return_val_if_fail (DD_IS_FINDINGS_PANEL (self), 0);
  return dd_console_count_rows (self->findings_list);
}

guint
dd_findings_panel_get_n_toasts (DdFindingsPanel *self)
{
  g_return_val_if_fail (DD_IS_FINDINGS_PANEL (self), 0);
  return self->n_toasts;
}
