/* dd-findings-panel.c — the console's findings, as they arise
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The drill's current findings (dd_drill_get_finding_model (), what the
 * replay's score says), one row per fault as the scorer makes them (one
 * fault, one finding: docs/scoring.md), grouped by phase as the review and
 * the PDF group them, the latest phase first and the newest fault first
 * within it.  A fault's row says its severity (icon and word, never colour
 * alone), clause, when and who, with a "Why?" button that opens the plan
 * at the clause; folded under it: what exactly, what it costs, the other
 * rules the same fault broke and the consequence the plan names, each with
 * its own "Why?".  A row stays expanded while its fault stays.  New faults
 * come into view: the list scrolls to the first new row.  The room hears of
 * them through one toast per burst (a record that raises five findings
 * gives one toast, not five).
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
  GHashTable         *phase_rank;   /* phase id → its place in the plan, from 1 */
  GHashTable         *seen;         /* dd_finding_key ()s of the faults shown so far */
  GHashTable         *expanded;     /* dd_finding_key ()s of the rows expanded */
  GPtrArray          *burst;        /* DdFinding copies waiting for their toast */
  guint               burst_id;
  guint               scroll_id;
  int                 scroll_to;    /* row to bring into view, or -1 */
  guint               n_toasts;
  AdwToast           *toast;        /* weak: the last toast, while shown */

  /* template children */
  GtkScrolledWindow  *scroller;
  GtkListBox         *findings_list;
};

G_DEFINE_FINAL_TYPE (DdFindingsPanel, dd_findings_panel, ADW_TYPE_BIN)

#define KEY_DATA "dd-finding-key"
#define PHASE_DATA "dd-finding-phase"

/* One line folded under a fault, with a "Why?" for @clause if not NULL */
static void
add_folded (GtkWidget  *expander,
            const char *title,
            const char *subtitle,
            const char *clause)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (clause != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), dd_why_button_new (clause));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle != NULL ? subtitle : "",
                                  -1);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
}

/* Under the fault: what exactly, its cost, the other rules the same fault
 * broke, the consequence */
static void
fold_under (DdFindingsPanel *self,
            GtkWidget       *expander,
            const DdFinding *f)
{
  DdPlan *plan = dd_drill_get_plan (self->drill);
  DdScenario *scenario = dd_drill_get_scenario (self->drill);
  g_autofree char *cost = dd_why_finding_cost (f);

  if (f->detail != NULL)
    /* Translators: what exactly a finding is about (ids, names) */
    add_folded (expander, f->detail, _("What exactly"), NULL);
  add_folded (expander, cost, NULL, NULL);
  for (guint i = 0; f->also_rules != NULL && f->also_rules[i] != NULL; i++)
    {
      const char *message = dd_console_rule_message (plan, scenario, f->also_rules[i]);
      /* Translators: another clause the same fault broke (one fault, one finding) */
      g_autofree char *also = g_strdup_printf (_("The same fault also breaks § %s"), f->also_clauses[i]);

      add_folded (expander, message != NULL ? message : also, message != NULL ? also : NULL, f->also_clauses[i]);
    }
  if (f->consequence != NULL)
    {
      /* Translators: the clause naming the consequence of a duty never done (7.2) */
      g_autofree char *consequence = g_strdup_printf (_("Consequence: § %s"), f->consequence);

      add_folded (expander, consequence, NULL, f->consequence);
    }
}

static void
expanded_cb (GtkWidget       *row,
             GParamSpec      *pspec,
             DdFindingsPanel *self)
{
  const char *key = g_object_get_data (G_OBJECT (row), KEY_DATA);

  if (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)))
    g_hash_table_add (self->expanded, g_strdup (key));
  else
    g_hash_table_remove (self->expanded, key);
}

static GtkWidget *
create_finding_row_cb (gpointer item,
                       gpointer user_data)
{
  DdFindingsPanel *self = user_data;
  DdPlan *plan = dd_drill_get_plan (self->drill);
  const DdFinding *f = dd_drill_item_get_finding (item);
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (dd_console_severity_icon (f->severity));
  g_autofree char *time = dd_console_format_offset (f->time);
  g_autofree char *subtitle = NULL;
  char *key = dd_finding_key (f);

  /* Severity, clause, when, who */
  subtitle = g_strdup_printf ("%s · § %s · %s%s%s", dd_console_severity_name (f->severity), f->clause, time,
                              f->role ? " · " : "", f->role ? dd_console_role_name (plan, f->role) : "");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), f->message);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), icon);
  if (f->clause != NULL)
    adw_expander_row_add_action (ADW_EXPANDER_ROW (row), dd_why_button_new_for_finding (f));
  fold_under (self, row, f);
  gtk_widget_add_css_class (icon, "severity");
  gtk_widget_add_css_class (row, f->severity == DD_FINDING_SEVERITY_CRITICAL ? "finding-critical"
                                 : f->severity == DD_FINDING_SEVERITY_MAJOR ? "finding-major"
                                 : "finding-minor");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, dd_console_severity_name (f->severity),
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, f->message,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle,
                                  -1);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), g_hash_table_contains (self->expanded, key));
  g_object_set_data_full (G_OBJECT (row), KEY_DATA, key, g_free);
  g_object_set_data_full (G_OBJECT (row), PHASE_DATA, g_strdup (f->phase), g_free);
  g_signal_connect_object (row, "notify::expanded", G_CALLBACK (expanded_cb), self, 0);
  return row;
}

/* The phase's heading above its first fault */
static void
header_cb (GtkListBoxRow *row,
           GtkListBoxRow *before,
           gpointer       user_data)
{
  DdFindingsPanel *self = user_data;
  const char *phase_id = g_object_get_data (G_OBJECT (row), PHASE_DATA);
  const DdPhase *phase;
  GtkWidget *label;
  g_autofree char *text = NULL;

  if (before != NULL && g_strcmp0 (phase_id, g_object_get_data (G_OBJECT (before), PHASE_DATA)) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  phase = phase_id != NULL ? dd_plan_lookup_phase (dd_drill_get_plan (self->drill), phase_id) : NULL;
  if (phase != NULL && phase->clause != NULL)
    /* Translators: a phase's name and clause, heading its findings */
    text = g_strdup_printf (_("%s (§ %s)"), phase->name, phase->clause);
  else
    text = g_strdup (phase != NULL ? phase->name : _("Other findings"));
  label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, "findings-phase");
  gtk_list_box_row_set_header (row, label);
}

static guint
rank (DdFindingsPanel *self,
      DdDrillItem     *item)
{
  const char *phase = dd_drill_item_get_finding (item)->phase;

  return phase != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (self->phase_rank, phase)) : 0;
}

/* The latest phase first (a phase the plan does not know last), the
 * newest fault first within it */
static int
by_phase_newest_first_cb (gconstpointer a,
                          gconstpointer b,
                          gpointer      user_data)
{
  DdFindingsPanel *self = user_data;
  guint ra = rank (self, (DdDrillItem *) a);
  guint rb = rank (self, (DdDrillItem *) b);
  gint64 ta = dd_drill_item_get_time ((DdDrillItem *) a);
  gint64 tb = dd_drill_item_get_time ((DdDrillItem *) b);

  if (ra != rb)
    return ra < rb ? 1 : -1;
  return ta < tb ? 1 : ta > tb ? -1 : 0;
}

static gboolean
scroll_cb (gpointer user_data)
{
  DdFindingsPanel *self = user_data;
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->scroller);
  GtkListBoxRow *row = self->scroll_to > 0 ? gtk_list_box_get_row_at_index (self->findings_list, self->scroll_to)
                                           : NULL;
  GtkWidget *viewport = gtk_scrolled_window_get_child (self->scroller);
  graphene_rect_t bounds;
  GtkWidget *header;
  double top;

  self->scroll_id = 0;
  self->scroll_to = -1;
  /* The first row: the top, with its phase's heading */
  if (row == NULL || !gtk_widget_compute_bounds (GTK_WIDGET (row), viewport, &bounds))
    {
      gtk_adjustment_set_value (adj, 0);
      return G_SOURCE_REMOVE;
    }
  /* Already in view: stay (the viewport's origin is the visible top) */
  if (bounds.origin.y >= 0 && bounds.origin.y + bounds.size.height <= gtk_adjustment_get_page_size (adj))
    return G_SOURCE_REMOVE;
  top = gtk_adjustment_get_value (adj) + bounds.origin.y;
  header = gtk_list_box_row_get_header (row);
  if (header != NULL)
    top -= gtk_widget_get_height (header);
  gtk_adjustment_set_value (adj, MAX (top, 0));
  return G_SOURCE_REMOVE;
}

static void
items_changed_cb (DdFindingsPanel *self,
                  guint            position,
                  guint            removed,
                  guint            added)
{
  int first_new = -1;

  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(DdDrillItem) item = g_list_model_get_item (G_LIST_MODEL (self->sorted), i);

      if (g_hash_table_add (self->seen, dd_finding_key (dd_drill_item_get_finding (item))) && first_new < 0)
        first_new = i;
    }
  if (first_new < 0)
    return;
  /* New faults come into view (after the list has its new rows) */
  self->scroll_to = self->scroll_to < 0 ? first_new : MIN (self->scroll_to, first_new);
  if (self->scroll_id == 0)
    self->scroll_id = g_idle_add_full (G_PRIORITY_LOW, scroll_cb, self, NULL);
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
  g_clear_handle_id (&self->scroll_id, g_source_remove);
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
  g_hash_table_unref (self->phase_rank);
  g_hash_table_unref (self->seen);
  g_hash_table_unref (self->expanded);

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
  self->phase_rank = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->scroll_to = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_header_func (self->findings_list, header_cb, self, NULL);
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
  g_clear_handle_id (&self->scroll_id, g_source_remove);
  self->scroll_to = -1;
  g_ptr_array_set_size (self->burst, 0);
  g_hash_table_remove_all (self->phase_rank);
  g_hash_table_remove_all (self->seen);
  g_hash_table_remove_all (self->expanded);
  self->n_toasts = 0;
  if (drill == NULL)
    return;

  self->drill = g_object_ref (drill);
  {
    GPtrArray *phases = dd_plan_get_phases (dd_drill_get_plan (drill));

    for (guint i = 0; i < phases->len; i++)
      g_hash_table_insert (self->phase_rank, g_strdup (((DdPhase *) g_ptr_array_index (phases, i))->id),
                           GUINT_TO_POINTER (i + 1));
  }
  self->sorted = gtk_sort_list_model_new (g_object_ref (dd_drill_get_finding_model (drill)),
                                          GTK_SORTER (gtk_custom_sorter_new (by_phase_newest_first_cb, self, NULL)));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->sorted)); i++)
    {
      g_autoptr(DdDrillItem) item = g_list_model_get_item (G_LIST_MODEL (self->sorted), i);

      g_hash_table_add (self->seen, dd_finding_key (dd_drill_item_get_finding (item)));
    }
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

GtkWidget *
dd_findings_panel_get_fault_row (DdFindingsPanel *self,
                                 guint            index)
{
  g_return_val_if_fail (DD_IS_FINDINGS_PANEL (self), NULL);
  return GTK_WIDGET (gtk_list_box_get_row_at_index (self->findings_list, index));
}
