/* dd-console.c — the facilitator console: clock and feed, act, watch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The container of the console's panels, in three columns of an
 * AdwLeaflet (one at a time when narrow):
 *   1. clock and inject feed (dd-clock-panel.h);
 *   2. action entry: who acts, what, the action's form (dd-act-panel.h);
 *   3. the current phase on the workflow chart 8.2, and below it, one at
 *      a time, the findings (dd-findings-panel.h), the log of recorded
 *      actions with their corrections (dd-record-log.h) and the
 *      evaluators' notes (dd-notes-panel.h).
 * The console owns the drill shown and the console.* actions with their
 * shortcuts, and asks what must be asked before the drill records:
 * decisions on warning and response levels show the plan's rule (and are
 * recorded even when they break it), an incomplete report 8.3 is sent as
 * it is once the director says so.  What a panel shows comes from the
 * drill's replay (dd_drill_get_replay ()), which the drill updates only
 * after the journal has the record on disk.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dd-act-panel.h"
#include "dd-chart-view.h"
#include "dd-clock-panel.h"
#include "dd-console.h"
#include "dd-console-util.h"
#include "dd-drill-session.h"
#include "dd-error.h"
#include "dd-findings-panel.h"
#include "dd-notes-panel.h"
#include "dd-presenter-window.h"
#include "dd-record-log.h"
#include "dd-report-form.h"

#define TICK_MS 250

struct _DdConsole
{
  AdwBin             parent_instance;

  DdDrill           *drill;
  gboolean           training;
  DdAction          *pending;        /* a decision waiting for the dialog */
  GtkWindow         *presenter;      /* weak */

  /* template children */
  AdwLeaflet        *leaflet;
  GtkLabel          *title_label;
  GtkLabel          *training_chip;
  GtkWidget         *column_switcher;
  guint              folded_idle;
  DdClockPanel      *clock_panel;
  DdActPanel        *act_panel;
  GtkLabel          *phase_label;
  DdChartView       *chart_view;
  AdwViewStack      *watch_stack;
  DdFindingsPanel   *findings_panel;
  DdRecordLog       *record_log;
  DdNotesPanel      *notes_panel;
};

G_DEFINE_FINAL_TYPE (DdConsole, dd_console, ADW_TYPE_BIN)

enum {
  SIGNAL_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------ */
/* Updating                                                            */

static void
update_chart (DdConsole *self)
{
  DdPlan *plan = dd_drill_get_plan (self->drill);
  const char *phase_id = dd_drill_get_phase (self->drill);
  const DdPhase *phase = phase_id ? dd_plan_lookup_phase (plan, phase_id) : NULL;

  dd_chart_view_set_overlay (self->chart_view, dd_replay_build_overlay (dd_drill_get_replay (self->drill)));
  if (phase != NULL)
    {
      /* Translators: the current phase of the drill and its clause */
      g_autofree char *text = g_strdup_printf (_("Phase: %s (§ %s)"), phase->name, phase->clause);

      gtk_label_set_text (self->phase_label, text);
    }
  else
    gtk_label_set_text (self->phase_label, _("Phase: not begun"));
}

static void
set_actions_enabled (DdConsole *self)
{
  gboolean live = self->drill != NULL && !dd_drill_is_finished (self->drill);
  static const char *const names[] = {
    "console.run-pause", "console.next-inject", "console.deliver", "console.faster",
    "console.slower", "console.report", "console.record", "console.add-note", "console.end",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), names[i], live);
  if (live)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "console.next-inject",
                                   dd_replay_next_inject (dd_drill_get_replay (self->drill), NULL) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "console.presenter", self->drill != NULL);
}

/* The number of findings on the findings page's tab */
static void
update_badge (DdConsole *self)
{
  AdwViewStackPage *page = adw_view_stack_get_page (self->watch_stack, GTK_WIDGET (self->findings_panel));
  GListModel *model = dd_findings_panel_get_model (self->findings_panel);
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;

  adw_view_stack_page_set_badge_number (page, n);
  adw_view_stack_page_set_needs_attention (page, n > 0 &&
                                           adw_view_stack_get_visible_child (self->watch_stack) !=
                                           GTK_WIDGET (self->findings_panel));
}

/* ------------------------------------------------------------------ */
/* Recording                                                           */

static gboolean
commit (DdConsole  *self,
        DdAction   *action,
        GError    **error)
{
  GPtrArray *recorded;
  const DdRecordedAction *last;

  /* The drill writes the journal first; only then do the lists change. */
  if (!dd_drill_record_action (self->drill, action, error))
    return FALSE;

  dd_act_panel_clear (self->act_panel);
  recorded = dd_replay_get_recorded (dd_drill_get_replay (self->drill));
  last = g_ptr_array_index (recorded, recorded->len - 1);
  if (self->training && last->index >= 0)
    dd_act_panel_explain (self->act_panel, (guint) last->index);
  return TRUE;
}

static void
decision_response_cb (DdConsole        *self,
                      const char       *response,
                      AdwMessageDialog *dialog)
{
  g_autoptr(DdAction) action = g_steal_pointer (&self->pending);
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "record") != 0 || action == NULL || self->drill == NULL)
    return;
  action->at = dd_drill_get_time (self->drill);
  if (!commit (self, action, &error))
    dd_console_toast (GTK_WIDGET (self), error->message);
}

static GtkWidget *
message_dialog_new (DdConsole  *self,
                    const char *heading,
                    const char *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
}

static void
ask_decision (DdConsole          *self,
              const DdActionKind *kind,
              DdAction           *action)
{
  DdPlan *plan = dd_drill_get_plan (self->drill);
  DdReplay *replay = dd_drill_get_replay (self->drill);
  const DdResponseLevel *response = action->level ? dd_plan_lookup_response_level (plan, action->level) : NULL;
  const DdWarningLevel *warning = action->level ? dd_plan_lookup_warning_level (plan, action->level) : NULL;
  g_autoptr(GPtrArray) predicted = dd_replay_predict_findings (replay, action);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  heading = g_strdup_printf ("%s: %s", kind->name,
                             kind->form == DD_ACTION_FORM_RESPONSE_LEVEL && response ? response->name
                             : warning ? warning->name : action->level ? action->level : "");
  /* Translators: the role acting in a decision */
  g_string_append_printf (body, _("Acting: %s"), dd_console_role_name (plan, action->role));
  g_string_append (body, "\n\n");

  if (kind->form == DD_ACTION_FORM_RESPONSE_LEVEL && response != NULL)
    {
      g_autofree char *proposers = dd_console_role_names (plan, response->proposers);
      g_autofree char *deciders = dd_console_role_names (plan, response->deciders);

      g_string_append_printf (body, _("Proposes: %s"), proposers);
      g_string_append_c (body, '\n');
      g_string_append_printf (body, _("Decides: %s"), deciders);
      g_string_append_c (body, '\n');
      g_string_append_printf (body, _("§ %s “%s”"), response->procedure_clause, response->procedure);
      g_string_append (body, "\n");
    }
  dd_console_append_rules (replay, body, kind->id, action->level);

  if (predicted->len > 0)
    {
      g_string_append_printf (body, "\n%s\n", _("This breaks the plan:"));
      for (guint i = 0; i < predicted->len; i++)
        {
          const DdFinding *f = g_ptr_array_index (predicted, i);

          g_string_append_printf (body, "• %s: § %s %s\n", dd_console_severity_name (f->severity),
                                  f->clause, f->message);
        }
      g_string_append_printf (body, "%s", _("It is recorded as decided, and counted as a finding."));
    }
  else
    g_string_append_printf (body, "\n%s", _("This follows the plan."));

  g_clear_pointer (&self->pending, dd_action_free);
  self->pending = dd_action_copy (action);
  dialog = message_dialog_new (self, heading, g_strchomp (body->str));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "record", predicted->len > 0 ? _("_Record Anyway") : _("_Record Decision"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "record",
                                              predicted->len > 0 ? ADW_RESPONSE_DESTRUCTIVE
                                                                 : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "record");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (decision_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
incomplete_response_cb (DdConsole        *self,
                        const char       *response,
                        AdwMessageDialog *dialog)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "send") == 0 && !dd_console_record (self, TRUE, &error))
    dd_console_toast (GTK_WIDGET (self), error->message);
}

/* A real unit sends an incomplete first report: ask, then record it as sent */
static void
ask_incomplete (DdConsole *self,
                guint      missing)
{
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u required field of the report is empty. A unit may send an incomplete report: it is recorded as sent, and the plan's rules on complete reports judge it.",
                                       "%u required fields of the report are empty. A unit may send an incomplete report: it is recorded as sent, and the plan's rules on complete reports judge it.",
                                       missing),
                          missing);
  dialog = message_dialog_new (self, _("Send the Report Incomplete?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Complete the Form"),
                                    "send", _("_Send as It Is"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "send", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (incomplete_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------ */
/* Callbacks                                                           */

static void
drill_changed_cb (DdConsole *self)
{
  update_chart (self);
  set_actions_enabled (self);
}

static gboolean
show_switcher_cb (gpointer user_data)
{
  DdConsole *self = user_data;

  self->folded_idle = 0;
  gtk_widget_set_visible (self->column_switcher, adw_leaflet_get_folded (self->leaflet));
  return G_SOURCE_REMOVE;
}

/* The column buttons show when the leaflet folds: after its allocation,
 * not during it (a bar that changes while it is laid out is drawn
 * unallocated in GTK 4.8) */
static void
folded_cb (DdConsole *self)
{
  if (self->folded_idle == 0)
    self->folded_idle = g_idle_add (show_switcher_cb, self);
}

static void
end_response_cb (DdConsole        *self,
                 const char       *response,
                 AdwMessageDialog *dialog)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "end") != 0)
    return;
  if (!dd_console_end (self, &error))
    dd_console_toast (GTK_WIDGET (self), error->message);
}

/* ------------------------------------------------------------------ */
/* Actions                                                             */

static void
run_pause_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  DdConsole *self = DD_CONSOLE (widget);

  if (self->drill == NULL || dd_drill_is_finished (self->drill))
    return;
  if (dd_drill_is_running (self->drill))
    dd_drill_pause (self->drill);
  else
    dd_drill_run (self->drill, TICK_MS);
}

static gboolean
space_cb (GtkWidget *widget,
          GVariant  *args,
          gpointer   user_data)
{
  if (!dd_console_space_runs_clock (DD_CONSOLE (widget)))
    return FALSE;
  return gtk_widget_activate_action (widget, "console.run-pause", NULL);
}

static void
next_inject_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  DdConsole *self = DD_CONSOLE (widget);
  g_autoptr(GError) error = NULL;

  if (self->drill == NULL)
    return;
  if (!dd_drill_jump_to_next_inject (self->drill, &error))
    dd_console_toast (widget, error != NULL ? error->message : _("No more injects."));
}

static void
deliver_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  DdConsole *self = DD_CONSOLE (widget);
  g_autoptr(GError) error = NULL;

  if (self->drill != NULL && !dd_drill_deliver_inject (self->drill, g_variant_get_string (param, NULL), &error))
    dd_console_toast (widget, error->message);
}

static void
speed_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  DdConsole *self = DD_CONSOLE (widget);

  dd_clock_panel_scale_speed (self->clock_panel, g_str_equal (action_name, "console.faster") ? 2.0 : 0.5);
}

static void
report_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  DdConsole *self = DD_CONSOLE (widget);
  GPtrArray *kinds = self->drill ? dd_plan_get_action_kinds (dd_drill_get_plan (self->drill)) : NULL;

  for (guint i = 0; kinds != NULL && i < kinds->len; i++)
    {
      const DdActionKind *k = g_ptr_array_index (kinds, i);

      if (k->form == DD_ACTION_FORM_REPORT)
        {
          dd_act_panel_select_action (self->act_panel, k->id);
          adw_leaflet_set_visible_child_name (self->leaflet, "act");
          dd_act_panel_focus_report (self->act_panel);
          return;
        }
    }
}

static void
record_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  g_autoptr(GError) error = NULL;

  if (!dd_console_record (DD_CONSOLE (widget), FALSE, &error))
    dd_console_toast (widget, error->message);
}

static void
find_role_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  DdConsole *self = DD_CONSOLE (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "act");
  dd_act_panel_focus_role_search (self->act_panel);
}

static void
note_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  DdConsole *self = DD_CONSOLE (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "watch");
  adw_view_stack_set_visible_child_name (self->watch_stack, "notes");
  dd_notes_panel_focus_entry (self->notes_panel);
}

static void
add_note_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  DdConsole *self = DD_CONSOLE (widget);
  g_autoptr(GError) error = NULL;

  if (!dd_notes_panel_add_entered (self->notes_panel, &error))
    dd_console_toast (widget, error->message);
}

static void
show_log_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  DdConsole *self = DD_CONSOLE (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "watch");
  adw_view_stack_set_visible_child_name (self->watch_stack, "log");
}

static void
show_column_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  adw_leaflet_set_visible_child_name (DD_CONSOLE (widget)->leaflet, g_variant_get_string (param, NULL));
}

static void
presenter_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  DdConsole *self = DD_CONSOLE (widget);

  if (self->drill == NULL)
    return;
  if (self->presenter == NULL)
    {
      self->presenter = GTK_WINDOW (dd_presenter_window_new (self->drill));
      g_object_add_weak_pointer (G_OBJECT (self->presenter), (gpointer *) &self->presenter);
    }
  gtk_window_present (self->presenter);
}

static void
end_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  DdConsole *self = DD_CONSOLE (widget);
  GtkWidget *dialog;

  if (self->drill == NULL || dd_drill_is_finished (self->drill))
    return;
  dialog = message_dialog_new (self, _("End the Drill?"),
                               _("The journal gets its end record and nothing more can be recorded. Obligations never met count as missing in the scores."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "end", _("_End Drill"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "end", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (end_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
set_panels_drill (DdConsole *self,
                  DdDrill   *drill)
{
  dd_clock_panel_set_drill (self->clock_panel, drill);
  dd_act_panel_set_drill (self->act_panel, drill);
  dd_findings_panel_set_drill (self->findings_panel, drill);
  dd_record_log_set_drill (self->record_log, drill);
  dd_notes_panel_set_drill (self->notes_panel, drill);
}

static void
disconnect_drill (DdConsole *self)
{
  if (self->drill == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->drill, self);
  g_signal_handlers_disconnect_by_data (dd_drill_get_finding_model (self->drill), self);
  if (dd_drill_is_running (self->drill))
    dd_drill_pause (self->drill);
  g_clear_object (&self->drill);
}

static void
dd_console_dispose (GObject *object)
{
  DdConsole *self = DD_CONSOLE (object);

  if (self->presenter != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->presenter), (gpointer *) &self->presenter);
      gtk_window_destroy (self->presenter);
      self->presenter = NULL;
    }
  g_clear_handle_id (&self->folded_idle, g_source_remove);
  disconnect_drill (self);
  g_clear_pointer (&self->pending, dd_action_free);

  G_OBJECT_CLASS (dd_console_parent_class)->dispose (object);
}

static void
dd_console_class_init (DdConsoleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_console_dispose;

  /**
   * DdConsole::finished:
   *
   * The drill has ended (its journal has the end record).
   */
  signals[SIGNAL_FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (DD_TYPE_ACT_PANEL);
  g_type_ensure (DD_TYPE_CHART_VIEW);
  g_type_ensure (DD_TYPE_CLOCK_PANEL);
  g_type_ensure (DD_TYPE_FINDINGS_PANEL);
  g_type_ensure (DD_TYPE_NOTES_PANEL);
  g_type_ensure (DD_TYPE_RECORD_LOG);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/dd-console.ui");
  gtk_widget_class_bind_template_child (widget_class, DdConsole, leaflet);
  gtk_widget_class_bind_template_child (widget_class, DdConsole, title_label);
  gtk_widget_class_bind_template_child (widget_class, DdConsole, training_chip);
  gtk_widget_class_bind_template_child (widget_class, DdConsole, column_switcher);
  gtk_widget_class_bind_template_child (widget_class, DdConsole, clock_panel);
  gtk_widget_class_bind_template_child (widget_class, DdConsole, act_panel);
  gtk_widget_class_bind_template_child (widget_class, DdConsole, phase_label);
  gtk_widget_class_bind_template_child (widget_class, DdConsole, chart_view);
  gtk_widget_class_bind_template_child (widget_class, DdConsole, watch_stack);
  gtk_widget_class_bind_template_child (widget_class, DdConsole, findings_panel);
  gtk_widget_class_bind_template_child (widget_class, DdConsole, record_log);
  gtk_widget_class_bind_template_child (widget_class, DdConsole, notes_panel);
  gtk_widget_class_bind_template_callback (widget_class, update_badge);
  gtk_widget_class_bind_template_callback (widget_class, folded_cb);

  gtk_widget_class_install_action (widget_class, "console.run-pause", NULL, run_pause_action);
  gtk_widget_class_install_action (widget_class, "console.next-inject", NULL, next_inject_action);
  gtk_widget_class_install_action (widget_class, "console.deliver", "s", deliver_action);
  gtk_widget_class_install_action (widget_class, "console.faster", NULL, speed_action);
  gtk_widget_class_install_action (widget_class, "console.slower", NULL, speed_action);
  gtk_widget_class_install_action (widget_class, "console.report", NULL, report_action);
  gtk_widget_class_install_action (widget_class, "console.record", NULL, record_action);
  gtk_widget_class_install_action (widget_class, "console.find-role", NULL, find_role_action);
  gtk_widget_class_install_action (widget_class, "console.note", NULL, note_action);
  gtk_widget_class_install_action (widget_class, "console.add-note", NULL, add_note_action);
  gtk_widget_class_install_action (widget_class, "console.show-log", NULL, show_log_action);
  gtk_widget_class_install_action (widget_class, "console.show-column", "s", show_column_action);
  gtk_widget_class_install_action (widget_class, "console.presenter", NULL, presenter_action);
  gtk_widget_class_install_action (widget_class, "console.end", NULL, end_action);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_space, 0, space_cb, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Pause, 0, "console.run-pause", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "console.next-inject", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "console.report", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "console.record", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "console.record", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK, "console.find-role", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_j, GDK_CONTROL_MASK, "console.note", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "console.show-log", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "console.faster", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "console.faster", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "console.slower", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "console.presenter", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "console.end", NULL);
}

static void
dd_console_init (DdConsole *self)
{
  dd_console_ensure_style ();
  gtk_widget_init_template (GTK_WIDGET (self));
  set_actions_enabled (self);
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */

void
dd_console_ensure_style (void)
{
  static GdkDisplay *done = NULL;
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || display == done)
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "/ui/dd-drill.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  done = display;
}

GtkWidget *
dd_console_new (void)
{
  return g_object_new (DD_TYPE_CONSOLE, NULL);
}

void
dd_console_set_drill (DdConsole *self,
                      DdDrill   *drill)
{
  DdReplay *replay;

  g_return_if_fail (DD_IS_CONSOLE (self));
  g_return_if_fail (drill == NULL || DD_IS_DRILL (drill));

  if (drill == self->drill)
    return;

  disconnect_drill (self);
  g_clear_pointer (&self->pending, dd_action_free);
  if (self->presenter != NULL)
    gtk_window_destroy (self->presenter);
  adw_view_stack_set_visible_child_name (self->watch_stack, "findings");

  if (drill == NULL)
    {
      set_panels_drill (self, NULL);
      set_actions_enabled (self);
      update_badge (self);
      return;
    }

  self->drill = g_object_ref (drill);
  replay = dd_drill_get_replay (drill);
  self->training = dd_drill_options_get_training (dd_drill_get_options (drill));
  /* Training starts in real time: a new cadre reads at the pace of the room */
  if (self->training && dd_replay_get_n_records (replay) == 0)
    dd_drill_set_speed (drill, 1.0);

  gtk_label_set_text (self->title_label, dd_scenario_get_title (dd_drill_get_scenario (drill)));
  gtk_widget_set_visible (GTK_WIDGET (self->training_chip), self->training);
  dd_chart_view_set_chart (self->chart_view, dd_drill_get_plan (drill), DD_CHART_KIND_FLOW);
  set_panels_drill (self, drill);

  g_signal_connect_object (drill, "notify::time", G_CALLBACK (set_actions_enabled), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drill, "notify::finished", G_CALLBACK (set_actions_enabled), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drill, "action-recorded", G_CALLBACK (drill_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drill, "action-corrected", G_CALLBACK (drill_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drill, "finding", G_CALLBACK (update_chart), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drill, "notify::phase", G_CALLBACK (update_chart), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dd_drill_get_finding_model (drill), "items-changed",
                           G_CALLBACK (update_badge), self, G_CONNECT_SWAPPED);

  update_chart (self);
  update_badge (self);
  set_actions_enabled (self);

  /* Training: the clock runs by itself and delivers the injects */
  if (self->training && !dd_drill_is_finished (drill))
    dd_drill_run (drill, TICK_MS);
}

DdDrill *
dd_console_get_drill (DdConsole *self)
{
  g_return_val_if_fail (DD_IS_CONSOLE (self), NULL);
  return self->drill;
}

gboolean
dd_console_get_training (DdConsole *self)
{
  g_return_val_if_fail (DD_IS_CONSOLE (self), FALSE);
  return self->training;
}

gboolean
dd_console_select_role (DdConsole  *self,
                        const char *role_id)
{
  g_return_val_if_fail (DD_IS_CONSOLE (self), FALSE);
  return dd_act_panel_select_role (self->act_panel, role_id);
}

gboolean
dd_console_select_action (DdConsole  *self,
                          const char *kind_id)
{
  g_return_val_if_fail (DD_IS_CONSOLE (self), FALSE);
  return dd_act_panel_select_action (self->act_panel, kind_id);
}

GtkWidget *
dd_console_get_report_form (DdConsole *self)
{
  g_return_val_if_fail (DD_IS_CONSOLE (self), NULL);
  return dd_act_panel_get_report_form (self->act_panel);
}

void
dd_console_set_content (DdConsole  *self,
                        const char *text)
{
  g_return_if_fail (DD_IS_CONSOLE (self));
  dd_act_panel_set_content (self->act_panel, text);
}

gboolean
dd_console_select_level (DdConsole  *self,
                         const char *level_id)
{
  g_return_val_if_fail (DD_IS_CONSOLE (self), FALSE);
  return dd_act_panel_select_level (self->act_panel, level_id);
}

gboolean
dd_console_record (DdConsole  *self,
                   gboolean    confirmed,
                   GError    **error)
{
  const DdActionKind *kind;
  g_autoptr(DdAction) action = NULL;
  g_autoptr(GError) local = NULL;
  gint64 now;
  guint missing = 0;

  g_return_val_if_fail (DD_IS_CONSOLE (self), FALSE);

  if (self->drill == NULL || dd_drill_is_finished (self->drill))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_STATE, _("No drill is running."));
      return FALSE;
    }
  /* Filed now: the report keeps the time it is filed */
  now = dd_drill_get_time (self->drill);
  action = dd_act_panel_build_action (self->act_panel, now, confirmed, &missing, &local);
  if (action == NULL && !confirmed && missing > 0)
    {
      /* Only required fields are empty: it can be sent as it is */
      g_autoptr(DdAction) as_is = dd_act_panel_build_action (self->act_panel, now, TRUE, NULL, NULL);

      if (as_is != NULL)
        {
          ask_incomplete (self, missing);
          return TRUE;
        }
    }
  if (action == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  kind = dd_act_panel_get_kind (self->act_panel);
  if (!confirmed && (kind->form == DD_ACTION_FORM_WARNING || kind->form == DD_ACTION_FORM_RESPONSE_LEVEL))
    {
      ask_decision (self, kind, action);
      return TRUE;
    }
  return commit (self, action, error);
}

gboolean
dd_console_add_note (DdConsole   *self,
                     const char  *text,
                     gboolean     strength,
                     const char  *objective_id,
                     GError     **error)
{
  g_return_val_if_fail (DD_IS_CONSOLE (self), FALSE);
  return dd_notes_panel_add (self->notes_panel, text, strength, objective_id, error);
}

GListModel *
dd_console_get_findings_list_model (DdConsole *self)
{
  g_return_val_if_fail (DD_IS_CONSOLE (self), NULL);
  return self->drill != NULL ? dd_drill_get_finding_model (self->drill) : NULL;
}

guint
dd_console_get_n_finding_rows (DdConsole *self)
{
  g_return_val_if_fail (DD_IS_CONSOLE (self), 0);
  return dd_findings_panel_get_n_rows (self->findings_panel);
}

guint
dd_console_get_n_feed_rows (DdConsole *self)
{
  g_return_val_if_fail (DD_IS_CONSOLE (self), 0);
  return dd_clock_panel_get_n_feed_rows (self->clock_panel);
}

DdClockPanel *
dd_console_get_clock_panel (DdConsole *self)
{
  g_return_val_if_fail (DD_IS_CONSOLE (self), NULL);
  return self->clock_panel;
}

DdActPanel *
dd_console_get_act_panel (DdConsole *self)
{
  g_return_val_if_fail (DD_IS_CONSOLE (self), NULL);
  return self->act_panel;
}

DdFindingsPanel *
dd_console_get_findings_panel (DdConsole *self)
{
  g_return_val_if_fail (DD_IS_CONSOLE (self), NULL);
  return self->findings_panel;
}

DdRecordLog *
dd_console_get_record_log (DdConsole *self)
{
  g_return_val_if_fail (DD_IS_CONSOLE (self), NULL);
  return self->record_log;
}

gboolean
dd_console_space_runs_clock (DdConsole *self)
{
  GtkRoot *root;
  GtkWidget *focus;

  g_return_val_if_fail (DD_IS_CONSOLE (self), FALSE);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  for (GtkWidget *w = focus; w != NULL && w != GTK_WIDGET (self); w = gtk_widget_get_parent (w))
    if (GTK_IS_LIST_BOX (w) || GTK_IS_LIST_BOX_ROW (w) || GTK_IS_LIST_VIEW (w) ||
        GTK_IS_EDITABLE (w) || GTK_IS_TEXT_VIEW (w) || GTK_IS_BUTTON (w) ||
        GTK_IS_CHECK_BUTTON (w) || GTK_IS_DROP_DOWN (w) || GTK_IS_FLOW_BOX (w) ||
        GTK_IS_SWITCH (w) || GTK_IS_EXPANDER (w) || GTK_IS_SPIN_BUTTON (w))
      return FALSE;
  return TRUE;
}

gboolean
dd_console_end (DdConsole  *self,
                GError    **error)
{
  g_return_val_if_fail (DD_IS_CONSOLE (self), FALSE);

  if (self->drill == NULL)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_STATE, _("No drill is running."));
      return FALSE;
    }
  if (dd_drill_is_running (self->drill))
    dd_drill_pause (self->drill);
  if (!dd_drill_is_finished (self->drill) && !dd_drill_finish (self->drill, error))
    return FALSE;
  set_actions_enabled (self);
  /* The drill is over: the projector goes back to the desktop */
  if (self->presenter != NULL)
    gtk_window_destroy (self->presenter);
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0);
  return TRUE;
}
