/* dd-console.c — the facilitator console: clock and feed, act, watch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three columns in an AdwLeaflet (one at a time when narrow):
 *   1. the simulated clock (run, pause, jump, speed), the next inject
 *      counting down, late expected actions with their contingency injects,
 *      and the inject feed, newest first;
 *   2. who acts (the plan's roles, the scenario's first), what (the plan's
 *      action kinds, the current phase's first) and the action's form: the
 *      report form 8.3, a level, or free text.  Decisions on warning and
 *      response levels show the plan's rule before they are recorded, and
 *      are recorded even when they break it;
 *   3. the current phase on the workflow chart 8.2, the findings as they
 *      arise, and the evaluators' notes.
 * Everything shown comes from the drill's lists, which the drill fills only
 * after the journal has the record on disk.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dd-chart-view.h"
#include "dd-console.h"
#include "dd-drill-session.h"
#include "dd-error.h"
#include "dd-presenter-window.h"
#include "dd-report-form.h"
#include "dd-why-button.h"

#define TICK_MS 250

struct _DdConsole
{
  AdwBin             parent_instance;

  DdDrill           *drill;
  DdPlan            *plan;
  DdScenario        *scenario;
  gboolean           training;
  GtkStringList     *role_ids;
  GPtrArray         *level_ids;      /* char *, parallel to the level dropdown */
  GPtrArray         *objective_ids;  /* char *, parallel to the objective dropdown (0: none) */
  char              *role_id;        /* the acting role chosen */
  char              *late_key;       /* what the late list shows */
  DdAction          *pending;        /* a decision waiting for the dialog */
  GtkWindow         *presenter;      /* weak */
  guint              wall_timer;
  guint              n_notes;

  /* template children */
  AdwLeaflet        *leaflet;
  GtkLabel          *title_label;
  GtkLabel          *training_chip;
  GtkLabel          *clock_label;
  GtkLabel          *date_label;
  GtkLabel          *wall_label;
  GtkButton         *run_button;
  GtkSpinButton     *speed_spin;
  GtkLabel          *next_label;
  GtkLabel          *late_heading;
  GtkListBox        *late_list;
  GtkListBox        *feed_list;
  GtkSearchEntry    *role_search;
  GtkListBox        *role_list;
  GtkListBox        *action_list;
  GtkLabel          *action_description;
  GtkLabel          *action_clause;
  GtkStack          *form_stack;
  GtkTextView       *content_view;
  DdReportForm      *report_form;
  GtkDropDown       *level_dropdown;
  GtkTextView       *level_text_view;
  GtkRevealer       *explain_revealer;
  GtkImage          *explain_icon;
  GtkLabel          *explain_title;
  GtkLabel          *explain_label;
  GtkLabel          *phase_label;
  DdChartView       *chart_view;
  GtkListBox        *findings_list;
  GtkEntry          *note_entry;
  GtkDropDown       *note_kind_dropdown;
  GtkDropDown       *note_objective_dropdown;
  GtkListBox        *notes_list;
};

G_DEFINE_FINAL_TYPE (DdConsole, dd_console, ADW_TYPE_BIN)

enum {
  SIGNAL_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update_clock (DdConsole *self);
static void update_actions (DdConsole *self);

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */

static const char *
role_name (DdPlan     *plan,
           const char *id)
{
  const DdRole *role = id != NULL ? dd_plan_lookup_role (plan, id) : NULL;

  return role != NULL ? role->name : id;
}

static char *
role_names (DdPlan      *plan,
            char *const *ids)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      if (i > 0)
        /* Translators: separates names in a list */
        g_string_append (s, _(", "));
      g_string_append (s, role_name (plan, ids[i]));
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static char *
format_offset (gint64 seconds)
{
  g_autofree char *offset = dd_offset_format (seconds);

  return g_strdup_printf ("T%s%s", seconds < 0 ? "" : "+", offset);
}

static const char *
channel_icon (DdChannel channel)
{
  switch (channel)
    {
    case DD_CHANNEL_PHONE: return "call-start-symbolic";
    case DD_CHANNEL_FAX: return "printer-symbolic";
    case DD_CHANNEL_MONITORING_ALERT: return "utilities-system-monitor-symbolic";
    case DD_CHANNEL_EMAIL: return "mail-unread-symbolic";
    case DD_CHANNEL_NEWS: return "emblem-documents-symbolic";
    case DD_CHANNEL_WEIBO: return "system-users-symbolic";
    case DD_CHANNEL_FIELD_REPORT: return "find-location-symbolic";
    default: return "mail-unread-symbolic";
    }
}

static const char *
channel_name (DdChannel channel)
{
  switch (channel)
    {
    case DD_CHANNEL_PHONE: return _("Phone");
    case DD_CHANNEL_FAX: return _("Fax");
    case DD_CHANNEL_MONITORING_ALERT: return _("Monitoring alert");
    case DD_CHANNEL_EMAIL: return _("Email");
    case DD_CHANNEL_NEWS: return _("News");
    case DD_CHANNEL_WEIBO: return _("Weibo");
    case DD_CHANNEL_FIELD_REPORT: return _("Field report");
    default: return "";
    }
}

static const char *
severity_icon (DdFindingSeverity severity)
{
  switch (severity)
    {
    case DD_FINDING_SEVERITY_CRITICAL: return "dialog-error-symbolic";
    case DD_FINDING_SEVERITY_MAJOR: return "dialog-warning-symbolic";
    default: return "dialog-information-symbolic";
    }
}

static const char *
severity_name (DdFindingSeverity severity)
{
  switch (severity)
    {
    case DD_FINDING_SEVERITY_CRITICAL: return _("Critical");
    case DD_FINDING_SEVERITY_MAJOR: return _("Major");
    default: return _("Minor");
    }
}

static void
toast (DdConsole  *self,
       const char *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *t;

  if (overlay == NULL)
    {
      g_message ("%s", title);
      return;
    }
  t = adw_toast_new (title);
  adw_toast_set_timeout (t, 6);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), t);
}

static char *
text_view_get (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  char *text;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static void
remove_all_rows (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    {
      if (GTK_IS_LIST_BOX_ROW (child))
        gtk_list_box_remove (list, child);
      else
        break;
    }
}

static const DdActionKind *
selected_kind (DdConsole *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->action_list);

  if (self->plan == NULL || row == NULL)
    return NULL;
  return dd_plan_lookup_action_kind (self->plan, g_object_get_data (G_OBJECT (row), "kind-id"));
}

static const char *
selected_level (DdConsole *self)
{
  guint i = gtk_drop_down_get_selected (self->level_dropdown);

  return i < self->level_ids->len ? g_ptr_array_index (self->level_ids, i) : NULL;
}

/* Who a rule allows, in words */
static char *
rule_roles (DdConsole    *self,
            const DdRule *rule)
{
  g_autofree char *roles = role_names (self->plan, rule->roles);
  g_autoptr(GString) s = g_string_new (roles);

  for (guint i = 0; rule->role_kinds != NULL && rule->role_kinds[i] != NULL; i++)
    {
      DdRoleKind kind;
      g_autoptr(GPtrArray) of_kind = NULL;

      if (!dd_role_kind_from_string (rule->role_kinds[i], &kind))
        continue;
      of_kind = dd_plan_get_roles_of_kind (self->plan, kind);
      for (guint j = 0; j < of_kind->len; j++)
        {
          const DdRole *r = g_ptr_array_index (of_kind, j);

          if (s->len > 0)
            g_string_append (s, _(", "));
          g_string_append (s, r->short_name ? r->short_name : r->name);
        }
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* "§ clause “text”" lines of the rules about @kind */
static void
append_rules (DdConsole  *self,
              GString    *s,
              const char *kind,
              const char *level)
{
  g_autoptr(GPtrArray) rules = dd_replay_rules_for (dd_drill_get_replay (self->drill), kind, level);

  for (guint i = 0; i < rules->len; i++)
    {
      const DdRule *r = g_ptr_array_index (rules, i);

      /* Translators: a clause number and the plan's words */
      g_string_append_printf (s, _("§ %s “%s”"), r->clause, r->text);
      g_string_append_c (s, '\n');
      if (r->kind == DD_RULE_KIND_AUTHORITY)
        {
          g_autofree char *who = rule_roles (self, r);

          if (*who != '\0')
            g_string_append_printf (s, _("Who may do it: %s"), who), g_string_append_c (s, '\n');
        }
    }
}

/* ------------------------------------------------------------------ */
/* Rows                                                                */

static GtkWidget *
create_role_row_cb (gpointer item,
                    gpointer user_data)
{
  DdConsole *self = user_data;
  const char *id = gtk_string_object_get_string (item);
  const DdRole *role = dd_plan_lookup_role (self->plan, id);
  const char *player = dd_drill_options_get_player (dd_drill_get_options (self->drill), id);
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *search = NULL;

  if (player == NULL)
    {
      GPtrArray *participants = dd_scenario_get_participants (self->scenario);

      for (guint i = 0; i < participants->len; i++)
        {
          const DdParticipant *p = g_ptr_array_index (participants, i);

          if (g_strcmp0 (p->role, id) == 0)
            player = p->player;
        }
    }
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), role != NULL ? role->name : id);
  if (player != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), player);
  g_object_set_data_full (G_OBJECT (row), "role-id", g_strdup (id), g_free);
  search = g_strjoin (" ", id, role ? role->name : "",
                      role && role->short_name ? role->short_name : "",
                      player ? player : "", NULL);
  g_object_set_data_full (G_OBJECT (row), "search", g_utf8_casefold (search, -1), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, role != NULL ? role->name : id,
                                  -1);
  return row;
}

static gboolean
role_filter_cb (GtkListBoxRow *row,
                gpointer       user_data)
{
  DdConsole *self = user_data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->role_search));
  g_autofree char *folded = NULL;
  const char *search = g_object_get_data (G_OBJECT (row), "search");

  if (text == NULL || *text == '\0' || search == NULL)
    return TRUE;
  folded = g_utf8_casefold (text, -1);
  return strstr (search, folded) != NULL;
}

static GtkWidget *
create_finding_row_cb (gpointer item,
                       gpointer user_data)
{
  DdConsole *self = user_data;
  const DdFinding *f = dd_drill_item_get_finding (item);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (severity_icon (f->severity));
  g_autofree char *time = format_offset (f->time);
  g_autofree char *subtitle = NULL;
  g_autofree char *full = NULL;

  subtitle = g_strdup_printf ("%s · § %s · %s%s%s", severity_name (f->severity), f->clause, time,
                              f->role ? " · " : "", f->role ? role_name (self->plan, f->role) : "");
  full = f->detail != NULL ? g_strdup_printf ("%s — %s", f->message, f->detail) : g_strdup (f->message);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), f->message);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
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
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, severity_name (f->severity),
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, f->message,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle,
                                  -1);
  return row;
}

static GtkWidget *
create_inject_row (DdConsole      *self,
                   const DdInject *inject,
                   gint64          time)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name (channel_icon (inject->channel));
  GtkWidget *when, *route, *title, *content;
  g_autofree char *offset = format_offset (time);
  g_autoptr(GDateTime) dt = dd_scenario_offset_to_datetime (self->scenario, time);
  g_autofree char *clock = dt != NULL ? g_date_time_format (dt, "%H:%M") : g_strdup ("");
  g_autofree char *stamp = g_strdup_printf ("%s  %s", clock, offset);
  g_autofree char *to = role_names (self->plan, inject->to);
  const char *from = inject->from != NULL ? role_name (self->plan, inject->from) : inject->source;
  g_autofree char *route_text = g_strdup_printf ("%s → %s", from != NULL ? from : "?", to);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_tooltip_text (icon, channel_name (inject->channel));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, channel_name (inject->channel), -1);
  when = gtk_label_new (stamp);
  gtk_widget_add_css_class (when, "numeric");
  gtk_widget_add_css_class (when, "caption-heading");
  route = gtk_label_new (route_text);
  gtk_label_set_xalign (GTK_LABEL (route), 0);
  gtk_label_set_wrap (GTK_LABEL (route), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (route), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (route, TRUE);
  gtk_widget_add_css_class (route, "caption");
  gtk_widget_add_css_class (route, "dim-label");
  gtk_box_append (GTK_BOX (head), icon);
  gtk_box_append (GTK_BOX (head), when);
  gtk_box_append (GTK_BOX (head), route);
  gtk_box_append (GTK_BOX (box), head);

  title = gtk_label_new (inject->title != NULL ? inject->title : channel_name (inject->channel));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (box), title);
  content = gtk_label_new (inject->content);
  gtk_label_set_xalign (GTK_LABEL (content), 0);
  gtk_label_set_wrap (GTK_LABEL (content), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (content), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (content), TRUE);
  gtk_box_append (GTK_BOX (box), content);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  inject->title != NULL ? inject->title : inject->content,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, route_text,
                                  -1);
  return row;
}

static void
add_note_row (DdConsole    *self,
              const DdNote *note)
{
  GtkWidget *row = adw_action_row_new ();
  const char *text = note->text;
  const char *objective = note->objective;
  g_autofree char *time = format_offset (note->at);
  gboolean strength = note->kind == DD_NOTE_STRENGTH;
  g_autofree char *subtitle = g_strdup_printf ("%s · %s%s%s", strength ? _("Strength") : _("Area for improvement"),
                                               time, objective ? " · " : "", objective ? objective : "");
  GtkWidget *icon = gtk_image_new_from_icon_name (strength ? "emblem-ok-symbolic" : "view-list-bullet-symbolic");

  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  strength ? _("Strength") : _("Area for improvement"), -1);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_list_box_prepend (self->notes_list, row);
  self->n_notes++;
  gtk_widget_set_visible (GTK_WIDGET (self->notes_list), TRUE);
}

/* ------------------------------------------------------------------ */
/* Updating the columns                                                */

static void
update_wall (DdConsole *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *clock = g_date_time_format (now, "%H:%M:%S");
  /* Translators: %s is the time of day on the wall clock */
  g_autofree char *text = g_strdup_printf (_("Wall clock %s"), clock);

  gtk_label_set_text (self->wall_label, text);
}

static gboolean
wall_timer_cb (gpointer user_data)
{
  DdConsole *self = user_data;

  update_wall (self);
  if (self->drill != NULL)
    update_clock (self);
  return G_SOURCE_CONTINUE;
}

/* Late expected actions, as the drill has them, each with the contingency
 * inject to deliver, if any. */
static void
update_late (DdConsole *self)
{
  g_autoptr(GPtrArray) late = dd_replay_get_late (dd_drill_get_replay (self->drill));
  g_autoptr(GString) key = g_string_new (NULL);

  for (guint i = 0; i < late->len; i++)
    {
      const DdLateAction *l = g_ptr_array_index (late, i);

      g_string_append_printf (key, "%s/%p;", l->inject->id, (gpointer) l->expect);
    }
  if (g_strcmp0 (key->str, self->late_key) == 0)
    return;
  g_free (self->late_key);
  self->late_key = g_strdup (key->str);

  remove_all_rows (self->late_list);
  for (guint i = 0; i < late->len; i++)
    {
      const DdLateAction *l = g_ptr_array_index (late, i);
      const DdInjectExpect *x = l->expect;
      const DdActionKind *kind = dd_plan_lookup_action_kind (self->plan, x->action);
      g_autofree char *due_text = format_offset (l->due);
      g_autofree char *title = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      /* Translators: a role, an action, when it was due and the clause */
      title = g_strdup_printf (_("%s: %s — due %s (§ %s)"),
                               x->role ? role_name (self->plan, x->role) : _("Anyone"),
                               kind ? kind->name : x->action, due_text, x->clause);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      if (x->text != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), x->text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Late"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_widget_add_css_class (row, "late-row");

      if (l->contingency != NULL)
        {
          GtkWidget *button = gtk_button_new_with_label (_("Deliver contingency inject"));

          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "console.deliver");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", l->contingency->id);
          gtk_widget_set_tooltip_text (button, l->contingency->title ? l->contingency->title : l->contingency->content);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
      gtk_list_box_append (self->late_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->late_list), late->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->late_heading), late->len > 0);
}

static void
update_clock (DdConsole *self)
{
  gint64 now = dd_drill_get_time (self->drill);
  g_autoptr(GDateTime) dt = dd_scenario_offset_to_datetime (self->scenario, now);
  g_autofree char *clock = dt != NULL ? g_date_time_format (dt, "%H:%M:%S") : format_offset (now);
  g_autofree char *date = dt != NULL ? g_date_time_format (dt, "%x") : NULL;
  g_autofree char *offset = format_offset (now - now % 60);
  g_autofree char *date_line = g_strdup_printf ("%s  %s", date ? date : "", offset);
  const DdInject *next;
  gint64 at;

  gtk_label_set_text (self->clock_label, clock);
  gtk_label_set_text (self->date_label, date_line);

  next = dd_replay_next_inject (dd_drill_get_replay (self->drill), &at);
  if (next != NULL)
    {
      double speed = MAX (dd_drill_get_speed (self->drill), 0.01);
      gint64 wall = (gint64) ((double) MAX (at - now, 0) / speed);
      g_autoptr(GDateTime) when = dd_scenario_offset_to_datetime (self->scenario, at);
      g_autofree char *when_text = when != NULL ? g_date_time_format (when, "%H:%M") : format_offset (at);
      g_autofree char *text =
        /* Translators: the next inject's title, its simulated time, and the minutes:seconds of wall time until then */
        g_strdup_printf (_("Next inject: %s at %s, in %d:%02d"),
                         next->title ? next->title : channel_name (next->channel), when_text,
                         (int) (wall / 60), (int) (wall % 60));

      gtk_label_set_text (self->next_label, text);
    }
  else
    gtk_label_set_text (self->next_label, _("No more injects."));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "console.next-inject",
                                 next != NULL && !dd_drill_is_finished (self->drill));
  update_late (self);
}

static void
update_running (DdConsole *self)
{
  gboolean running = self->drill != NULL && dd_drill_is_running (self->drill);

  gtk_button_set_icon_name (self->run_button, running ? "media-playback-pause-symbolic"
                                                      : "media-playback-start-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->run_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  running ? _("Pause clock") : _("Run clock"),
                                  -1);
}

static void
update_chart (DdConsole *self)
{
  const char *phase_id = dd_drill_get_phase (self->drill);
  const DdPhase *phase = phase_id ? dd_plan_lookup_phase (self->plan, phase_id) : NULL;

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

/* Fills the action list: the current phase's kinds first, then the later
 * phases', then the earlier ones'. */
static void
update_actions (DdConsole *self)
{
  GPtrArray *kinds = dd_plan_get_action_kinds (self->plan);
  GPtrArray *phases = dd_plan_get_phases (self->plan);
  const char *current = dd_drill_get_phase (self->drill);
  const DdPhase *cur = current ? dd_plan_lookup_phase (self->plan, current) : NULL;
  guint cur_order = cur != NULL ? cur->order : 1;
  const DdActionKind *keep = selected_kind (self);
  g_autofree char *keep_id = keep != NULL ? g_strdup (keep->id) : NULL;
  GtkWidget *select = NULL;

  remove_all_rows (self->action_list);
  for (guint pass = 0; pass < 2; pass++)
    for (guint p = 0; p < phases->len; p++)
      {
        const DdPhase *phase = g_ptr_array_index (phases, p);

        if ((pass == 0) != (phase->order >= cur_order))
          continue;
        for (guint k = 0; k < kinds->len; k++)
          {
            const DdActionKind *kind = g_ptr_array_index (kinds, k);
            GtkWidget *row;
            g_autofree char *subtitle = NULL;

            if (g_strcmp0 (kind->phase, phase->id) != 0)
              continue;
            row = adw_action_row_new ();
            /* Translators: a phase of the plan and a clause */
            subtitle = g_strdup_printf (_("%s · § %s"), phase->name, kind->clause);
            adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
            adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kind->name);
            adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
            g_object_set_data_full (G_OBJECT (row), "kind-id", g_strdup (kind->id), g_free);
            gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                            GTK_ACCESSIBLE_PROPERTY_LABEL, kind->name, -1);
            gtk_list_box_append (self->action_list, row);
            if (select == NULL || g_strcmp0 (kind->id, keep_id) == 0)
              select = row;
          }
      }
  if (select != NULL)
    gtk_list_box_select_row (self->action_list, GTK_LIST_BOX_ROW (select));
}

static void
update_levels (DdConsole          *self,
               const DdActionKind *kind)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  g_ptr_array_set_size (self->level_ids, 0);
  if (kind->form == DD_ACTION_FORM_WARNING)
    {
      GPtrArray *levels = dd_plan_get_warning_levels (self->plan);

      for (guint i = 0; i < levels->len; i++)
        {
          const DdWarningLevel *w = g_ptr_array_index (levels, i);
          g_autofree char *label = g_strdup_printf ("%s（%s）", w->name, w->colour_name);

          gtk_string_list_append (labels, label);
          g_ptr_array_add (self->level_ids, g_strdup (w->id));
        }
    }
  else
    {
      GPtrArray *levels = dd_plan_get_response_levels (self->plan);

      for (guint i = 0; i < levels->len; i++)
        {
          const DdResponseLevel *r = g_ptr_array_index (levels, i);

          gtk_string_list_append (labels, r->name);
          g_ptr_array_add (self->level_ids, g_strdup (r->id));
        }
    }
  gtk_drop_down_set_model (self->level_dropdown, G_LIST_MODEL (labels));
}

static void
show_explanation (DdConsole      *self,
                  const DdAction *action,
                  guint           index)
{
  const DdActionKind *kind = dd_plan_lookup_action_kind (self->plan, action->kind);
  GPtrArray *findings = dd_score_get_findings (dd_drill_get_score (self->drill));
  g_autoptr(GString) s = g_string_new (NULL);
  guint wrong = 0;

  if (kind != NULL)
    {
      /* Translators: what the plan says about an action, with its clause */
      g_string_append_printf (s, _("The plan (§ %s): %s"), kind->clause, kind->description);
      g_string_append (s, "\n\n");
    }
  append_rules (self, s, action->kind, action->level);

  for (guint i = 0; i < findings->len; i++)
    {
      const DdFinding *f = g_ptr_array_index (findings, i);

      if (f->action_index != (int) index)
        continue;
      if (wrong++ == 0)
        g_string_append_printf (s, "\n%s\n", _("What was wrong:"));
      g_string_append_printf (s, "• § %s %s%s%s\n", f->clause, f->message,
                              f->detail ? " — " : "", f->detail ? f->detail : "");
    }
  if (wrong == 0)
    g_string_append_printf (s, "\n%s", _("This is what the plan expects."));

  gtk_label_set_text (self->explain_title, wrong == 0 ? _("Right, as the plan says")
                                                      : _("Not as the plan says"));
  gtk_image_set_from_icon_name (self->explain_icon, wrong == 0 ? "emblem-ok-symbolic"
                                                               : "dialog-warning-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->explain_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  wrong == 0 ? _("Right") : _("Wrong"), -1);
  gtk_label_set_text (self->explain_label, g_strchomp (s->str));
  {
    GtkWidget *panel = gtk_revealer_get_child (self->explain_revealer);
    g_autoptr(GPtrArray) clauses = g_ptr_array_new ();

    /* "Why?" links: the action's clause and each finding's */
    if (kind != NULL && kind->clause != NULL)
      g_ptr_array_add (clauses, kind->clause);
    for (guint i = 0; i < findings->len; i++)
      {
        const DdFinding *f = g_ptr_array_index (findings, i);

        if (f->action_index == (int) index && f->clause != NULL &&
            !g_ptr_array_find_with_equal_func (clauses, f->clause, g_str_equal, NULL))
          g_ptr_array_add (clauses, f->clause);
      }
    dd_why_button_box_fill (panel, clauses);

    gtk_widget_remove_css_class (panel, wrong == 0 ? "wrong" : "right");
    gtk_widget_add_css_class (panel, wrong == 0 ? "right" : "wrong");
  }
  gtk_revealer_set_reveal_child (self->explain_revealer, TRUE);
}

/* ------------------------------------------------------------------ */
/* Recording                                                           */

static void
clear_form (DdConsole *self)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->content_view), "", -1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->level_text_view), "", -1);
  dd_report_form_clear (self->report_form, dd_drill_get_time (self->drill));
}

static gboolean
commit (DdConsole  *self,
        DdAction   *action,
        GError    **error)
{
  guint index = dd_drill_get_actions (self->drill)->len;

  /* The drill writes the journal first; only then do the lists change. */
  if (!dd_drill_record_action (self->drill, action, error))
    return FALSE;

  clear_form (self);
  if (self->training)
    show_explanation (self, g_ptr_array_index (dd_drill_get_actions (self->drill), index), index);
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
    toast (self, error->message);
}

static void
ask_decision (DdConsole          *self,
              const DdActionKind *kind,
              DdAction           *action)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const DdResponseLevel *response = action->level ? dd_plan_lookup_response_level (self->plan, action->level) : NULL;
  const DdWarningLevel *warning = action->level ? dd_plan_lookup_warning_level (self->plan, action->level) : NULL;
  g_autoptr(GPtrArray) predicted = dd_replay_predict_findings (dd_drill_get_replay (self->drill), action);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  heading = g_strdup_printf ("%s: %s", kind->name,
                             kind->form == DD_ACTION_FORM_RESPONSE_LEVEL && response ? response->name
                             : warning ? warning->name : action->level ? action->level : "");
  /* Translators: the role acting in a decision */
  g_string_append_printf (body, _("Acting: %s"), role_name (self->plan, action->role));
  g_string_append (body, "\n\n");

  if (kind->form == DD_ACTION_FORM_RESPONSE_LEVEL && response != NULL)
    {
      g_autofree char *proposers = role_names (self->plan, response->proposers);
      g_autofree char *deciders = role_names (self->plan, response->deciders);

      g_string_append_printf (body, _("Proposes: %s"), proposers);
      g_string_append_c (body, '\n');
      g_string_append_printf (body, _("Decides: %s"), deciders);
      g_string_append_c (body, '\n');
      g_string_append_printf (body, _("§ %s “%s”"), response->procedure_clause, response->procedure);
      g_string_append (body, "\n");
    }
  append_rules (self, body, kind->id, action->level);

  if (predicted->len > 0)
    {
      g_string_append_printf (body, "\n%s\n", _("This breaks the plan:"));
      for (guint i = 0; i < predicted->len; i++)
        {
          const DdFinding *f = g_ptr_array_index (predicted, i);

          g_string_append_printf (body, "• %s: § %s %s\n", severity_name (f->severity), f->clause, f->message);
        }
      g_string_append_printf (body, "%s", _("It is recorded as decided, and counted as a finding."));
    }
  else
    g_string_append_printf (body, "\n%s", _("This follows the plan."));

  self->pending = dd_action_copy (action);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, g_strchomp (body->str));
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

/* The action the act column describes, or NULL with @error */
static DdAction *
build_action (DdConsole  *self,
              GError    **error)
{
  const DdActionKind *kind = selected_kind (self);
  gint64 now = dd_drill_get_time (self->drill);
  g_autoptr(DdAction) action = NULL;

  if (self->role_id == NULL)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID, _("Choose who acts."));
      gtk_widget_grab_focus (GTK_WIDGET (self->role_search));
      return NULL;
    }
  if (kind == NULL)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID, _("Choose an action."));
      return NULL;
    }

  switch (kind->form)
    {
    case DD_ACTION_FORM_REPORT:
      return dd_report_form_build_action (self->report_form, self->role_id, now, error);
    case DD_ACTION_FORM_WARNING:
    case DD_ACTION_FORM_RESPONSE_LEVEL:
      action = dd_action_new (now, self->role_id, kind->id);
      action->level = g_strdup (selected_level (self));
      action->text = text_view_get (self->level_text_view);
      break;
    case DD_ACTION_FORM_CONTENT:
    case DD_ACTION_FORM_NONE:
    default:
      action = dd_action_new (now, self->role_id, kind->id);
      action->text = text_view_get (self->content_view);
      break;
    }
  return g_steal_pointer (&action);
}

/* ------------------------------------------------------------------ */
/* Callbacks                                                           */

static void
role_search_changed_cb (DdConsole *self)
{
  gtk_list_box_invalidate_filter (self->role_list);
}

static void
role_search_activate_cb (DdConsole *self)
{
  /* Enter in the search picks the first role shown */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->role_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && gtk_widget_get_child_visible (child))
      {
        gtk_list_box_select_row (self->role_list, GTK_LIST_BOX_ROW (child));
        gtk_widget_grab_focus (GTK_WIDGET (self->action_list));
        return;
      }
}

static void
role_selected_cb (DdConsole     *self,
                  GtkListBoxRow *row)
{
  g_free (self->role_id);
  self->role_id = row != NULL ? g_strdup (g_object_get_data (G_OBJECT (row), "role-id")) : NULL;
}

static void
action_selected_cb (DdConsole *self)
{
  const DdActionKind *kind = selected_kind (self);
  g_autofree char *clause = NULL;

  if (kind == NULL)
    return;
  clause = g_strdup_printf ("§ %s", kind->clause);
  gtk_label_set_text (self->action_description, kind->description ? kind->description : "");
  gtk_label_set_text (self->action_clause, clause);
  switch (kind->form)
    {
    case DD_ACTION_FORM_REPORT:
      gtk_stack_set_visible_child_name (self->form_stack, "report");
      break;
    case DD_ACTION_FORM_WARNING:
    case DD_ACTION_FORM_RESPONSE_LEVEL:
      update_levels (self, kind);
      gtk_stack_set_visible_child_name (self->form_stack, "level");
      break;
    default:
      gtk_stack_set_visible_child_name (self->form_stack, "content");
      break;
    }
}

static void
note_activate_cb (DdConsole *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "console.add-note", NULL);
}

static void
speed_changed_cb (DdConsole     *self,
                  GtkSpinButton *spin)
{
  if (self->drill != NULL)
    dd_drill_set_speed (self->drill, gtk_spin_button_get_value (spin));
}

static void
time_notify_cb (DdConsole *self)
{
  update_clock (self);
}

static void
running_notify_cb (DdConsole *self)
{
  update_running (self);
}

static void
inject_delivered_cb (DdConsole *self,
                     gpointer   inject,
                     gint64     time)
{
  gtk_list_box_prepend (self->feed_list, create_inject_row (self, inject, time));
  update_clock (self);
}

static void
action_recorded_cb (DdConsole *self,
                    gpointer   action,
                    guint      index)
{
  update_chart (self);
  update_clock (self);
}

static void
finding_cb (DdConsole *self,
            gpointer   finding)
{
  const DdFinding *f = finding;
  /* Translators: a finding's severity, clause and message, in a toast */
  g_autofree char *text = g_strdup_printf (_("%s finding, § %s: %s"), severity_name (f->severity),
                                           f->clause, f->message);

  toast (self, text);
  update_chart (self);
}

static void
phase_changed_cb (DdConsole  *self,
                  const char *phase)
{
  update_actions (self);
  update_chart (self);
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
    toast (self, error->message);
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
    toast (self, error != NULL ? error->message : _("No more injects."));
}

static void
deliver_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  DdConsole *self = DD_CONSOLE (widget);
  g_autoptr(GError) error = NULL;

  if (self->drill != NULL && !dd_drill_deliver_inject (self->drill, g_variant_get_string (param, NULL), &error))
    toast (self, error->message);
}

static void
speed_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  DdConsole *self = DD_CONSOLE (widget);
  double factor = g_str_equal (action_name, "console.faster") ? 2.0 : 0.5;

  gtk_spin_button_set_value (self->speed_spin, gtk_spin_button_get_value (self->speed_spin) * factor);
}

static void
report_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  DdConsole *self = DD_CONSOLE (widget);
  GPtrArray *kinds = self->plan ? dd_plan_get_action_kinds (self->plan) : NULL;

  for (guint i = 0; kinds != NULL && i < kinds->len; i++)
    {
      const DdActionKind *k = g_ptr_array_index (kinds, i);

      if (k->form == DD_ACTION_FORM_REPORT)
        {
          dd_console_select_action (self, k->id);
          adw_leaflet_set_visible_child_name (self->leaflet, "act");
          gtk_widget_child_focus (GTK_WIDGET (self->report_form), GTK_DIR_TAB_FORWARD);
          return;
        }
    }
}

static void
record_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  DdConsole *self = DD_CONSOLE (widget);
  g_autoptr(GError) error = NULL;

  if (!dd_console_record (self, FALSE, &error))
    toast (self, error->message);
}

static void
find_role_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  DdConsole *self = DD_CONSOLE (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "act");
  gtk_widget_grab_focus (GTK_WIDGET (self->role_search));
}

static void
note_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  DdConsole *self = DD_CONSOLE (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "watch");
  gtk_widget_grab_focus (GTK_WIDGET (self->note_entry));
}

static void
add_note_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  DdConsole *self = DD_CONSOLE (widget);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_entry))));
  guint objective = gtk_drop_down_get_selected (self->note_objective_dropdown);
  g_autoptr(GError) error = NULL;

  if (*text == '\0')
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->note_entry));
      return;
    }
  if (!dd_console_add_note (self, text, gtk_drop_down_get_selected (self->note_kind_dropdown) == 0,
                            objective > 0 && objective < self->objective_ids->len
                            ? g_ptr_array_index (self->objective_ids, objective) : NULL,
                            &error))
    toast (self, error->message);
  else
    gtk_editable_set_text (GTK_EDITABLE (self->note_entry), "");
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
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (self->drill == NULL || dd_drill_is_finished (self->drill))
    return;
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("End the Drill?"),
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
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "console.presenter", self->drill != NULL);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
disconnect_drill (DdConsole *self)
{
  if (self->drill == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->drill, self);
  if (dd_drill_is_running (self->drill))
    dd_drill_pause (self->drill);
  g_clear_object (&self->drill);
  self->plan = NULL;
  self->scenario = NULL;
}

static void
dd_console_dispose (GObject *object)
{
  DdConsole *self = DD_CONSOLE (object);

  g_clear_handle_id (&self->wall_timer, g_source_remove);
  if (self->presenter != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->presenter), (gpointer *) &self->presenter);
      gtk_window_destroy (self->presenter);
      self->presenter = NULL;
    }
  disconnect_drill (self);
  g_clear_object (&self->role_ids);
  g_clear_pointer (&self->pending, dd_action_free);

  G_OBJECT_CLASS (dd_console_parent_class)->dispose (object);
}

static void
dd_console_finalize (GObject *object)
{
  DdConsole *self = DD_CONSOLE (object);

  g_ptr_array_unref (self->level_ids);
  g_ptr_array_unref (self->objective_ids);
  g_free (self->role_id);
  g_free (self->late_key);

  G_OBJECT_CLASS (dd_console_parent_class)->finalize (object);
}

static void
dd_console_class_init (DdConsoleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_console_dispose;
  object_class->finalize = dd_console_finalize;

  /**
   * DdConsole::finished:
   *
   * The drill has ended (its journal has the end record).
   */
  signals[SIGNAL_FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (DD_TYPE_CHART_VIEW);
  g_type_ensure (DD_TYPE_REPORT_FORM);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/dd-console.ui");
  gtk_widget_class_bind_template_child (widget_class, DdConsole, leaflet);
  gtk_widget_class_bind_template_child (widget_class, DdConsole, title_label);
  gtk_widget_class_bind_template_child (widget_class, DdConsole, training_chip);
  gtk_widget_class_bind_template_child (widget_class, DdConsole, clock_label);
  gtk_widget_class_bind_template_child (widget_class, DdConsole, date_label);
  gtk_widget_class_bind_template_child (widget_class, DdConsole, wall_label);
  gtk_widget_class_bind_template_child (widget_class, DdConsole, run_button);
  gtk_widget_class_bind_template_child (widget_class, DdConsole, speed_spin);
  gtk_widget_class_bind_template_child (widget_class, DdConsole, next_label);
  gtk_widget_class_bind_template_child (widget_class, DdConsole, late_heading);
  gtk_widget_class_bind_template_child (widget_class, DdConsole, late_list);
  gtk_widget_class_bind_template_child (widget_class, DdConsole, feed_list);
  gtk_widget_class_bind_template_child (widget_class, DdConsole, role_search);
  gtk_widget_class_bind_template_child (widget_class, DdConsole, role_list);
  gtk_widget_class_bind_template_child (widget_class, DdConsole, action_list);
  gtk_widget_class_bind_template_child (widget_class, DdConsole, action_description);
  gtk_widget_class_bind_template_child (widget_class, DdConsole, action_clause);
  gtk_widget_class_bind_template_child (widget_class, DdConsole, form_stack);
  gtk_widget_class_bind_template_child (widget_class, DdConsole, content_view);
  gtk_widget_class_bind_template_child (widget_class, DdConsole, report_form);
  gtk_widget_class_bind_template_child (widget_class, DdConsole, level_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DdConsole, level_text_view);
  gtk_widget_class_bind_template_child (widget_class, DdConsole, explain_revealer);
  gtk_widget_class_bind_template_child (widget_class, DdConsole, explain_icon);
  gtk_widget_class_bind_template_child (widget_class, DdConsole, explain_title);
  gtk_widget_class_bind_template_child (widget_class, DdConsole, explain_label);
  gtk_widget_class_bind_template_child (widget_class, DdConsole, phase_label);
  gtk_widget_class_bind_template_child (widget_class, DdConsole, chart_view);
  gtk_widget_class_bind_template_child (widget_class, DdConsole, findings_list);
  gtk_widget_class_bind_template_child (widget_class, DdConsole, note_entry);
  gtk_widget_class_bind_template_child (widget_class, DdConsole, note_kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DdConsole, note_objective_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DdConsole, notes_list);
  gtk_widget_class_bind_template_callback (widget_class, role_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, role_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, role_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, action_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, note_activate_cb);

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
  gtk_widget_class_install_action (widget_class, "console.show-column", "s", show_column_action);
  gtk_widget_class_install_action (widget_class, "console.presenter", NULL, presenter_action);
  gtk_widget_class_install_action (widget_class, "console.end", NULL, end_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "console.run-pause", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "console.next-inject", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "console.report", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "console.record", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "console.record", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK, "console.find-role", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_j, GDK_CONTROL_MASK, "console.note", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "console.faster", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "console.faster", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "console.slower", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "console.presenter", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "console.end", NULL);
}

static void
dd_console_init (DdConsole *self)
{
  self->level_ids = g_ptr_array_new_with_free_func (g_free);
  self->objective_ids = g_ptr_array_new_with_free_func (g_free);

  dd_console_ensure_style ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_filter_func (self->role_list, role_filter_cb, self, NULL);
  g_signal_connect_object (self->speed_spin, "value-changed", G_CALLBACK (speed_changed_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_set_visible (GTK_WIDGET (self->notes_list), FALSE);
  update_wall (self);
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

static void
load_objectives (DdConsole *self)
{
  GPtrArray *objectives = dd_scenario_get_objectives (self->scenario);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  g_ptr_array_set_size (self->objective_ids, 0);
  gtk_string_list_append (labels, _("No objective"));
  g_ptr_array_add (self->objective_ids, NULL);
  for (guint i = 0; i < objectives->len; i++)
    {
      const DdObjective *o = g_ptr_array_index (objectives, i);
      g_autofree char *head = g_utf8_substring (o->text, 0, MIN (g_utf8_strlen (o->text, -1), 14));
      g_autofree char *label = g_strdup_printf ("%u. %s…", i + 1, head);

      gtk_string_list_append (labels, label);
      g_ptr_array_add (self->objective_ids, g_strdup (o->id));
    }
  gtk_drop_down_set_model (self->note_objective_dropdown, G_LIST_MODEL (labels));
}

static void
load_roles (DdConsole *self)
{
  GPtrArray *participants = dd_scenario_get_participants (self->scenario);
  GPtrArray *roles = dd_plan_get_roles (self->plan);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_clear_object (&self->role_ids);
  self->role_ids = gtk_string_list_new (NULL);
  for (guint i = 0; i < participants->len; i++)
    {
      const DdParticipant *p = g_ptr_array_index (participants, i);

      if (g_hash_table_add (seen, p->role))
        gtk_string_list_append (self->role_ids, p->role);
    }
  for (guint i = 0; i < roles->len; i++)
    {
      const DdRole *r = g_ptr_array_index (roles, i);

      if (g_hash_table_add (seen, r->id))
        gtk_string_list_append (self->role_ids, r->id);
    }
  /* Rows, not a bound model: the list filters them as the search changes */
  remove_all_rows (self->role_list);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->role_ids)); i++)
    {
      g_autoptr(GtkStringObject) id = g_list_model_get_item (G_LIST_MODEL (self->role_ids), i);

      gtk_list_box_append (self->role_list, create_role_row_cb (id, self));
    }
}

void
dd_console_set_drill (DdConsole *self,
                      DdDrill   *drill)
{
  GListModel *injects;
  GPtrArray *notes;

  g_return_if_fail (DD_IS_CONSOLE (self));
  g_return_if_fail (drill == NULL || DD_IS_DRILL (drill));

  if (drill == self->drill)
    return;

  disconnect_drill (self);
  remove_all_rows (self->feed_list);
  remove_all_rows (self->late_list);
  remove_all_rows (self->notes_list);
  self->n_notes = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->notes_list), FALSE);
  g_clear_pointer (&self->late_key, g_free);
  g_clear_pointer (&self->role_id, g_free);
  gtk_revealer_set_reveal_child (self->explain_revealer, FALSE);
  if (self->presenter != NULL)
    gtk_window_destroy (self->presenter);

  if (drill == NULL)
    {
      gtk_list_box_bind_model (self->findings_list, NULL, NULL, NULL, NULL);
      remove_all_rows (self->role_list);
      set_actions_enabled (self);
      return;
    }

  self->drill = g_object_ref (drill);
  self->plan = dd_drill_get_plan (drill);
  self->scenario = dd_drill_get_scenario (drill);
  self->training = dd_drill_options_get_training (dd_drill_get_options (drill));

  gtk_label_set_text (self->title_label, dd_scenario_get_title (self->scenario));
  gtk_widget_set_visible (GTK_WIDGET (self->training_chip), self->training);
  gtk_spin_button_set_value (self->speed_spin, dd_drill_get_speed (drill));
  dd_chart_view_set_chart (self->chart_view, self->plan, DD_CHART_KIND_FLOW);
  dd_report_form_set_scenario (self->report_form, self->scenario);
  dd_report_form_clear (self->report_form, dd_drill_get_time (drill));
  load_roles (self);
  load_objectives (self);
  update_actions (self);
  action_selected_cb (self);

  injects = dd_drill_get_inject_model (drill);
  for (guint i = 0; i < g_list_model_get_n_items (injects); i++)
    {
      g_autoptr(DdDrillItem) item = g_list_model_get_item (injects, i);

      gtk_list_box_prepend (self->feed_list,
                            create_inject_row (self, dd_drill_item_get_inject (item), dd_drill_item_get_time (item)));
    }
  gtk_list_box_bind_model (self->findings_list, dd_drill_get_finding_model (drill),
                           create_finding_row_cb, self, NULL);

  notes = dd_replay_get_notes (dd_drill_get_replay (drill));
  for (guint i = 0; i < notes->len; i++)
    add_note_row (self, g_ptr_array_index (notes, i));

  g_signal_connect_object (drill, "notify::time", G_CALLBACK (time_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drill, "notify::running", G_CALLBACK (running_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drill, "inject-delivered", G_CALLBACK (inject_delivered_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drill, "action-recorded", G_CALLBACK (action_recorded_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drill, "finding", G_CALLBACK (finding_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drill, "phase-changed", G_CALLBACK (phase_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drill, "notify::phase", G_CALLBACK (update_chart), self, G_CONNECT_SWAPPED);

  if (self->wall_timer == 0)
    self->wall_timer = g_timeout_add_seconds (1, wall_timer_cb, self);

  update_clock (self);
  update_running (self);
  update_chart (self);
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

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->role_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) &&
        g_strcmp0 (g_object_get_data (G_OBJECT (child), "role-id"), role_id) == 0)
      {
        gtk_list_box_select_row (self->role_list, GTK_LIST_BOX_ROW (child));
        return TRUE;
      }
  return FALSE;
}

gboolean
dd_console_select_action (DdConsole  *self,
                          const char *kind_id)
{
  g_return_val_if_fail (DD_IS_CONSOLE (self), FALSE);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->action_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) &&
        g_strcmp0 (g_object_get_data (G_OBJECT (child), "kind-id"), kind_id) == 0)
      {
        gtk_list_box_select_row (self->action_list, GTK_LIST_BOX_ROW (child));
        action_selected_cb (self);
        return TRUE;
      }
  return FALSE;
}

GtkWidget *
dd_console_get_report_form (DdConsole *self)
{
  g_return_val_if_fail (DD_IS_CONSOLE (self), NULL);
  return GTK_WIDGET (self->report_form);
}

void
dd_console_set_content (DdConsole  *self,
                        const char *text)
{
  g_return_if_fail (DD_IS_CONSOLE (self));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->content_view), text ? text : "", -1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->level_text_view), text ? text : "", -1);
}

gboolean
dd_console_select_level (DdConsole  *self,
                         const char *level_id)
{
  g_return_val_if_fail (DD_IS_CONSOLE (self), FALSE);

  for (guint i = 0; i < self->level_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->level_ids, i), level_id) == 0)
      {
        gtk_drop_down_set_selected (self->level_dropdown, i);
        return TRUE;
      }
  return FALSE;
}

gboolean
dd_console_record (DdConsole  *self,
                   gboolean    confirmed,
                   GError    **error)
{
  const DdActionKind *kind;
  g_autoptr(DdAction) action = NULL;

  g_return_val_if_fail (DD_IS_CONSOLE (self), FALSE);

  if (self->drill == NULL || dd_drill_is_finished (self->drill))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_STATE, _("No drill is running."));
      return FALSE;
    }
  action = build_action (self, error);
  if (action == NULL)
    return FALSE;
  kind = selected_kind (self);
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
  g_autoptr(DdNote) note = NULL;
  GPtrArray *notes;

  g_return_val_if_fail (DD_IS_CONSOLE (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (self->drill == NULL || dd_drill_get_journal (self->drill) == NULL || dd_drill_is_finished (self->drill))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_STATE, _("No drill is running."));
      return FALSE;
    }
  note = dd_note_new (strength ? DD_NOTE_STRENGTH : DD_NOTE_IMPROVEMENT, text);
  note->objective = g_strdup (objective_id);

  /* On disk first, then on screen */
  if (!dd_drill_add_note (self->drill, note, error))
    return FALSE;
  notes = dd_replay_get_notes (dd_drill_get_replay (self->drill));
  add_note_row (self, g_ptr_array_index (notes, notes->len - 1));
  return TRUE;
}

GListModel *
dd_console_get_findings_list_model (DdConsole *self)
{
  g_return_val_if_fail (DD_IS_CONSOLE (self), NULL);
  return self->drill != NULL ? dd_drill_get_finding_model (self->drill) : NULL;
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += GTK_IS_LIST_BOX_ROW (child);
  return n;
}

guint
dd_console_get_n_finding_rows (DdConsole *self)
{
  g_return_val_if_fail (DD_IS_CONSOLE (self), 0);
  return count_rows (self->findings_list);
}

guint
dd_console_get_n_feed_rows (DdConsole *self)
{
  g_return_val_if_fail (DD_IS_CONSOLE (self), 0);
  return count_rows (self->feed_list);
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
