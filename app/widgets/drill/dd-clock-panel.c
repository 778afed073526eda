/* dd-clock-panel.c — the console's clock and inject feed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first column of the console (dd-console.h): the simulated clock in
 * large digits with its date, the wall clock, run/pause, jump to the next
 * inject and the speed; the next inject counting down (in wall-clock time
 * while the clock runs, in simulated time while it is paused, and saying
 * which); the expected actions that are late, folded under one line so
 * that they never push the feed out of the window, each with its
 * contingency inject when the scenario holds one back; and the inject
 * feed, newest first, the newest opened.  Everything comes from the
 * drill's replay (dd_drill_get_replay ()); the buttons fire the console's
 * actions (console.*).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dd-clock-panel.h"
#include "dd-console-util.h"

struct _DdClockPanel
{
  AdwBin          parent_instance;

  DdDrill        *drill;
  char           *late_key;       /* what the late list shows */
  char           *next_text;
  guint           wall_timer;
  GtkWidget      *newest;         /* the feed row opened for the newest inject */
  GPtrArray      *contingency_buttons; /* GtkButton in the late list (unowned) */

  /* template children */
  GtkLabel       *clock_label;
  GtkLabel       *date_label;
  GtkLabel       *wall_label;
  GtkButton      *run_button;
  GtkSpinButton  *speed_spin;
  GtkLabel       *next_label;
  GtkExpander    *late_expander;
  GtkLabel       *late_heading;
  GtkListBox     *late_list;
  GtkListBox     *feed_list;
};

G_DEFINE_FINAL_TYPE (DdClockPanel, dd_clock_panel, ADW_TYPE_BIN)

/* ------------------------------------------------------------------ */
/* Rows                                                                */

/* A feed row: when, what, who tells whom, and what is said — in full for
 * the newest inject, on one line for the others (activating a row opens
 * or folds it). */
static GtkWidget *
create_inject_row (DdClockPanel   *self,
                   const DdInject *inject,
                   gint64          time)
{
  DdPlan *plan = dd_drill_get_plan (self->drill);
  DdScenario *scenario = dd_drill_get_scenario (self->drill);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (dd_console_channel_icon (inject->channel));
  g_autofree char *offset = dd_console_format_offset (time);
  g_autoptr(GDateTime) dt = dd_scenario_offset_to_datetime (scenario, time);
  g_autofree char *clock = dt != NULL ? g_date_time_format (dt, "%H:%M") : g_strdup ("");
  g_autofree char *to = dd_console_role_names (plan, inject->to);
  const char *from = inject->from != NULL ? dd_console_role_name (plan, inject->from) : inject->source;
  g_autofree char *route = g_strdup_printf ("%s → %s", from != NULL ? from : "?", to);
  const char *what = inject->title != NULL ? inject->title : dd_console_channel_name (inject->channel);
  /* Translators: the time of day, the simulated offset and the inject's title */
  g_autofree char *title = g_strdup_printf (_("%s  %s  %s"), clock, offset, what);

  gtk_widget_set_tooltip_text (icon, dd_console_channel_name (inject->channel));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  dd_console_channel_name (inject->channel), -1);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  g_object_set_data_full (G_OBJECT (row), "route", g_strdup (route), g_free);
  g_object_set_data_full (G_OBJECT (row), "content", g_strdup (inject->content), g_free);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, inject->content);
  gtk_widget_add_css_class (row, "inject-row");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, what,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, route,
                                  -1);
  return row;
}

/* Open: who tells whom and what, on up to four lines; folded: what, on one */
static void
set_open (GtkWidget *row,
          gboolean   open)
{
  const char *route = g_object_get_data (G_OBJECT (row), "route");
  const char *content = g_object_get_data (G_OBJECT (row), "content");
  g_autofree char *text = open ? g_strdup_printf ("%s\n%s", route, content) : g_strdup (content);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), open ? 4 : 1);
  g_object_set_data (G_OBJECT (row), "open", GINT_TO_POINTER (open));
}

static void
feed_row_activated_cb (DdClockPanel  *self,
                       GtkListBoxRow *row)
{
  set_open (GTK_WIDGET (row), g_object_get_data (G_OBJECT (row), "open") == NULL);
}

/* The newest inject is open; the one opened before it folds again. */
static void
prepend_inject (DdClockPanel   *self,
                const DdInject *inject,
                gint64          time)
{
  GtkWidget *row = create_inject_row (self, inject, time);

  if (self->newest != NULL)
    set_open (self->newest, FALSE);
  gtk_list_box_prepend (self->feed_list, row);
  set_open (row, TRUE);
  self->newest = row;
}

static GtkWidget *
create_late_row (DdClockPanel       *self,
                 const DdLateAction *l)
{
  DdPlan *plan = dd_drill_get_plan (self->drill);
  const DdInjectExpect *x = l->expect;
  const DdActionKind *kind = dd_plan_lookup_action_kind (plan, x->action);
  g_autofree char *due_text = dd_console_format_offset (l->due);
  g_autofree char *title = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  /* Translators: a role, an action, when it was due and the clause */
  title = g_strdup_printf (_("%s: %s — due %s (§ %s)"),
                           x->role ? dd_console_role_name (plan, x->role) : _("Anyone"),
                           kind ? kind->name : x->action, due_text, x->clause);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (x->text != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), x->text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Late"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_widget_add_css_class (row, "late-row");

  /* Only an inject the drill can deliver gets a button */
  if (l->contingency != NULL)
    {
      const char *what = l->contingency->title ? l->contingency->title : l->contingency->content;
      GtkWidget *button = gtk_button_new_with_label (_("Deliver contingency inject"));

      g_ptr_array_add (self->contingency_buttons, button);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "console.deliver");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", l->contingency->id);
      gtk_widget_set_tooltip_text (button, what);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, what, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  return row;
}

/* ------------------------------------------------------------------ */
/* Updating                                                            */

static void
update_wall (DdClockPanel *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *clock = g_date_time_format (now, "%H:%M:%S");
  /* Translators: %s is the time of day on the wall clock */
  g_autofree char *text = g_strdup_printf (_("Wall clock %s"), clock);

  gtk_label_set_text (self->wall_label, text);
}

static void
update_late (DdClockPanel *self)
{
  g_autoptr(GPtrArray) late = dd_replay_get_late (dd_drill_get_replay (self->drill));
  g_autoptr(GString) key = g_string_new (NULL);
  g_autofree char *heading = NULL;

  for (guint i = 0; i < late->len; i++)
    {
      const DdLateAction *l = g_ptr_array_index (late, i);

      g_string_append_printf (key, "%s/%p/%s;", l->inject->id, (gpointer) l->expect,
                              l->contingency != NULL ? l->contingency->id : "");
    }
  if (g_strcmp0 (key->str, self->late_key) == 0)
    return;
  g_free (self->late_key);
  self->late_key = g_strdup (key->str);

  dd_console_remove_rows (self->late_list);
  g_ptr_array_set_size (self->contingency_buttons, 0);
  for (guint i = 0; i < late->len; i++)
    gtk_list_box_append (self->late_list, create_late_row (self, g_ptr_array_index (late, i)));
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u expected action is late",
                                          "%u expected actions are late", late->len),
                             late->len);
  gtk_label_set_text (self->late_heading, heading);
  gtk_widget_set_visible (GTK_WIDGET (self->late_expander), late->len > 0);
}

static void
update_next (DdClockPanel *self)
{
  gint64 now = dd_drill_get_time (self->drill);
  DdScenario *scenario = dd_drill_get_scenario (self->drill);
  const DdInject *next;
  gint64 at;

  g_clear_pointer (&self->next_text, g_free);
  next = dd_replay_next_inject (dd_drill_get_replay (self->drill), &at);
  if (next != NULL && !dd_drill_is_finished (self->drill))
    {
      g_autoptr(GDateTime) when = dd_scenario_offset_to_datetime (scenario, at);
      g_autofree char *when_text = when != NULL ? g_date_time_format (when, "%H:%M")
                                                : dd_console_format_offset (at);
      const char *title = next->title ? next->title : dd_console_channel_name (next->channel);
      gint64 sim = MAX (at - now, 0);

      if (dd_drill_is_running (self->drill))
        {
          double speed = MAX (dd_drill_get_speed (self->drill), 0.01);
          gint64 wall = (gint64) ((double) sim / speed);

          self->next_text =
            /* Translators: the next inject's title, its simulated time of day, and
             * the minutes:seconds of wall-clock time until it comes */
            g_strdup_printf (_("Next inject: %s at %s (simulated time), in %d:%02d of wall-clock time"),
                             title, when_text, (int) (wall / 60), (int) (wall % 60));
        }
      else
        {
          g_autofree char *away = dd_offset_format (sim);

          self->next_text =
            /* Translators: the next inject's title, its simulated time of day, and
             * how much simulated time lies before it (hours:minutes) */
            g_strdup_printf (_("Next inject: %s at %s (simulated time), %s of simulated time away; the clock is paused"),
                             title, when_text, away);
        }
    }
  else
    self->next_text = g_strdup (_("No more injects."));
  gtk_label_set_text (self->next_label, self->next_text);
}

static void
update_clock (DdClockPanel *self)
{
  gint64 now = dd_drill_get_time (self->drill);
  g_autoptr(GDateTime) dt = dd_scenario_offset_to_datetime (dd_drill_get_scenario (self->drill), now);
  g_autofree char *clock = dt != NULL ? g_date_time_format (dt, "%H:%M:%S") : dd_console_format_offset (now);
  g_autofree char *date = dt != NULL ? g_date_time_format (dt, "%x") : NULL;
  g_autofree char *offset = dd_console_format_offset (now - now % 60);
  g_autofree char *date_line = g_strdup_printf ("%s  %s", date ? date : "", offset);

  gtk_label_set_text (self->clock_label, clock);
  gtk_label_set_text (self->date_label, date_line);
  update_next (self);
  update_late (self);
}

static void
update_running (DdClockPanel *self)
{
  gboolean running = self->drill != NULL && dd_drill_is_running (self->drill);

  gtk_button_set_icon_name (self->run_button, running ? "media-playback-pause-symbolic"
                                                      : "media-playback-start-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->run_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  running ? _("Pause clock") : _("Run clock"),
                                  -1);
  if (self->drill != NULL)
    update_next (self);
}

/* ------------------------------------------------------------------ */
/* Callbacks                                                           */

static gboolean
wall_timer_cb (gpointer user_data)
{
  DdClockPanel *self = user_data;

  update_wall (self);
  if (self->drill != NULL)
    update_clock (self);
  return G_SOURCE_CONTINUE;
}

static void
speed_changed_cb (DdClockPanel  *self,
                  GtkSpinButton *spin)
{
  if (self->drill != NULL && gtk_spin_button_get_value (spin) != dd_drill_get_speed (self->drill))
    dd_drill_set_speed (self->drill, gtk_spin_button_get_value (spin));
}

static void
speed_notify_cb (DdClockPanel *self)
{
  gtk_spin_button_set_value (self->speed_spin, dd_drill_get_speed (self->drill));
  update_next (self);
}

static void
inject_delivered_cb (DdClockPanel *self,
                     gpointer      inject,
                     gint64        time)
{
  prepend_inject (self, inject, time);
  update_clock (self);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
disconnect_drill (DdClockPanel *self)
{
  if (self->drill == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->drill, self);
  g_clear_object (&self->drill);
}

static void
dd_clock_panel_dispose (GObject *object)
{
  DdClockPanel *self = DD_CLOCK_PANEL (object);

  g_clear_handle_id (&self->wall_timer, g_source_remove);
  disconnect_drill (self);

  G_OBJECT_CLASS (dd_clock_panel_parent_class)->dispose (object);
}

static void
dd_clock_panel_finalize (GObject *object)
{
  DdClockPanel *self = DD_CLOCK_PANEL (object);

  g_free (self->late_key);
  g_free (self->next_text);
  g_ptr_array_unref (self->contingency_buttons);

  G_OBJECT_CLASS (dd_clock_panel_parent_class)->finalize (object);
}

static void
dd_clock_panel_class_init (DdClockPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_clock_panel_dispose;
  object_class->finalize = dd_clock_panel_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/dd-clock-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, DdClockPanel, clock_label);
  gtk_widget_class_bind_template_child (widget_class, DdClockPanel, date_label);
  gtk_widget_class_bind_template_child (widget_class, DdClockPanel, wall_label);
  gtk_widget_class_bind_template_child (widget_class, DdClockPanel, run_button);
  gtk_widget_class_bind_template_child (widget_class, DdClockPanel, speed_spin);
  gtk_widget_class_bind_template_child (widget_class, DdClockPanel, next_label);
  gtk_widget_class_bind_template_child (widget_class, DdClockPanel, late_expander);
  gtk_widget_class_bind_template_child (widget_class, DdClockPanel, late_heading);
  gtk_widget_class_bind_template_child (widget_class, DdClockPanel, late_list);
  gtk_widget_class_bind_template_child (widget_class, DdClockPanel, feed_list);
  gtk_widget_class_bind_template_callback (widget_class, speed_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, feed_row_activated_cb);
}

static void
dd_clock_panel_init (DdClockPanel *self)
{
  self->contingency_buttons = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  update_wall (self);
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */

void
dd_clock_panel_set_drill (DdClockPanel *self,
                          DdDrill      *drill)
{
  GListModel *injects;

  g_return_if_fail (DD_IS_CLOCK_PANEL (self));
  g_return_if_fail (drill == NULL || DD_IS_DRILL (drill));

  if (drill == self->drill)
    return;
  disconnect_drill (self);
  dd_console_remove_rows (self->feed_list);
  dd_console_remove_rows (self->late_list);
  g_ptr_array_set_size (self->contingency_buttons, 0);
  self->newest = NULL;
  g_clear_pointer (&self->late_key, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->late_expander), FALSE);
  gtk_expander_set_expanded (self->late_expander, FALSE);
  if (drill == NULL)
    {
      g_clear_handle_id (&self->wall_timer, g_source_remove);
      update_running (self);
      return;
    }

  self->drill = g_object_ref (drill);
  gtk_spin_button_set_value (self->speed_spin, dd_drill_get_speed (drill));
  injects = dd_drill_get_inject_model (drill);
  for (guint i = 0; i < g_list_model_get_n_items (injects); i++)
    {
      g_autoptr(DdDrillItem) item = g_list_model_get_item (injects, i);

      prepend_inject (self, dd_drill_item_get_inject (item), dd_drill_item_get_time (item));
    }

  g_signal_connect_object (drill, "notify::time", G_CALLBACK (update_clock), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drill, "notify::running", G_CALLBACK (update_running), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drill, "notify::speed", G_CALLBACK (speed_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drill, "notify::finished", G_CALLBACK (update_clock), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drill, "inject-delivered", G_CALLBACK (inject_delivered_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drill, "action-recorded", G_CALLBACK (update_clock), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drill, "action-corrected", G_CALLBACK (update_clock), self, G_CONNECT_SWAPPED);
  if (self->wall_timer == 0)
    self->wall_timer = g_timeout_add_seconds (1, wall_timer_cb, self);
  update_clock (self);
  update_running (self);
}

void
dd_clock_panel_scale_speed (DdClockPanel *self,
                            double        factor)
{
  g_return_if_fail (DD_IS_CLOCK_PANEL (self));
  gtk_spin_button_set_value (self->speed_spin, gtk_spin_button_get_value (self->speed_spin) * factor);
}

const char *
dd_clock_panel_get_next_text (DdClockPanel *self)
{
  g_return_val_if_fail (DD_IS_CLOCK_PANEL (self), NULL);
  return self->next_text;
}

guint
dd_clock_panel_get_n_feed_rows (DdClockPanel *self)
{
  g_return_val_if_fail (DD_IS_CLOCK_PANEL (self), 0);
  return dd_console_count_rows (self->feed_list);
}

guint
dd_clock_panel_get_n_late_rows (DdClockPanel *self)
{
  g_return_val_if_fail (DD_IS_CLOCK_PANEL (self), 0);
  return dd_console_count_rows (self->late_list);
}

GPtrArray *
dd_clock_panel_get_contingency_buttons (DdClockPanel *self)
{
  g_return_val_if_fail (DD_IS_CLOCK_PANEL (self), NULL);
  return g_ptr_array_copy (self->contingency_buttons, NULL, NULL);
}

GtkWidget *
dd_clock_panel_get_feed_row (DdClockPanel *self,
                             guint         i)
{
  g_return_val_if_fail (DD_IS_CLOCK_PANEL (self), NULL);
  return GTK_WIDGET (gtk_list_box_get_row_at_index (self->feed_list, (int) i));
}

void
dd_clock_panel_show_late (DdClockPanel *self)
{
  g_return_if_fail (DD_IS_CLOCK_PANEL (self));
  gtk_expander_set_expanded (self->late_expander, TRUE);
}
