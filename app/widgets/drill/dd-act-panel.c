/* dd-act-panel.c — the console's action entry: who acts, what, the form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The second column of the console (dd-console.h): who acts (the plan's
 * roles, the scenario's first, with the players' names, searchable) and
 * what (the plan's action kinds, the current phase's first), side by side
 * so that both show six rows or more at 1366×768; below them the chosen
 * action's form — the report form 8.3 (dd-report-form.h), a level, or
 * free text — in its own scrolled area, and the record button in a bar
 * that never scrolls away.  In training mode the explanation of the last
 * action opens above the form.
 *
 * A role that the search hides is no longer chosen: an action is never
 * recorded for a role the director cannot see.  The panel builds the
 * action; the console (dd-console.c) asks what must be asked and has the
 * drill record it.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dd-act-panel.h"
#include "dd-console-util.h"
#include "dd-drill-session.h"
#include "dd-error.h"
#include "dd-report-form.h"
#include "dd-why-button.h"

struct _DdActPanel
{
  AdwBin          parent_instance;

  DdDrill        *drill;
  DdPlan         *plan;
  GPtrArray      *level_ids;      /* char *, parallel to the level dropdown */
  char           *role_id;        /* the acting role chosen */

  /* template children */
  GtkSearchEntry *role_search;
  GtkListBox     *role_list;
  GtkListBox     *action_list;
  GtkLabel       *action_description;
  GtkLabel       *action_clause;
  GtkScrolledWindow *form_scroller;
  GtkStack       *form_stack;
  GtkTextView    *content_view;
  DdReportForm   *report_form;
  GtkDropDown    *level_dropdown;
  GtkTextView    *level_text_view;
  GtkRevealer    *explain_revealer;
  GtkImage       *explain_icon;
  GtkLabel       *explain_title;
  GtkLabel       *explain_label;
  GtkLabel       *acting_label;
  GtkWidget      *record_button;
};

G_DEFINE_FINAL_TYPE (DdActPanel, dd_act_panel, ADW_TYPE_BIN)

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

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

static const char *
selected_level (DdActPanel *self)
{
  guint i = gtk_drop_down_get_selected (self->level_dropdown);

  return i < self->level_ids->len ? g_ptr_array_index (self->level_ids, i) : NULL;
}

static const char *
player_of (DdActPanel *self,
           const char *id)
{
  const char *player = dd_replay_get_player (dd_drill_get_replay (self->drill), id);
  GPtrArray *participants = dd_scenario_get_participants (dd_drill_get_scenario (self->drill));

  for (guint i = 0; player == NULL && i < participants->len; i++)
    {
      const DdParticipant *p = g_ptr_array_index (participants, i);

      if (g_strcmp0 (p->role, id) == 0)
        player = p->player;
    }
  return player;
}

/* "Acting: role — action" under the form, beside the record button */
static void
update_acting (DdActPanel *self)
{
  const DdActionKind *kind = dd_act_panel_get_kind (self);
  g_autofree char *text = NULL;

  if (self->role_id == NULL)
    text = g_strdup (_("Choose who acts."));
  else
    /* Translators: the role that acts and the action it takes */
    text = g_strdup_printf (_("%s: %s"), dd_console_role_name (self->plan, self->role_id),
                            kind != NULL ? kind->name : "…");
  gtk_label_set_text (self->acting_label, text);
}

/* ------------------------------------------------------------------ */
/* Rows                                                                */

static GtkWidget *
create_role_row (DdActPanel *self,
                 const char *id)
{
  const DdRole *role = dd_plan_lookup_role (self->plan, id);
  const char *player = player_of (self, id);
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *search = NULL;

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
role_matches (DdActPanel    *self,
              GtkListBoxRow *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->role_search));
  g_autofree char *folded = NULL;
  const char *search = g_object_get_data (G_OBJECT (row), "search");

  if (text == NULL || *text == '\0' || search == NULL)
    return TRUE;
  folded = g_utf8_casefold (text, -1);
  return strstr (search, folded) != NULL;
}

static gboolean
role_filter_cb (GtkListBoxRow *row,
                gpointer       user_data)
{
  return role_matches (user_data, row);
}

static void
load_roles (DdActPanel *self)
{
  GPtrArray *participants = dd_scenario_get_participants (dd_drill_get_scenario (self->drill));
  GPtrArray *roles = dd_plan_get_roles (self->plan);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  /* The scenario's roles first, then the rest of the plan's */
  for (guint i = 0; i < participants->len; i++)
    {
      const DdParticipant *p = g_ptr_array_index (participants, i);

      if (g_hash_table_add (seen, p->role))
        gtk_list_box_append (self->role_list, create_role_row (self, p->role));
    }
  for (guint i = 0; i < roles->len; i++)
    {
      const DdRole *r = g_ptr_array_index (roles, i);

      if (g_hash_table_add (seen, r->id))
        gtk_list_box_append (self->role_list, create_role_row (self, r->id));
    }
}

/* Fills the action list: the current phase's kinds first, then the later
 * phases', then the earlier ones'. */
static void
update_actions (DdActPanel *self)
{
  GPtrArray *kinds = dd_plan_get_action_kinds (self->plan);
  GPtrArray *phases = dd_plan_get_phases (self->plan);
  const char *current = dd_drill_get_phase (self->drill);
  const DdPhase *cur = current ? dd_plan_lookup_phase (self->plan, current) : NULL;
  guint cur_order = cur != NULL ? cur->order : 1;
  const DdActionKind *keep = dd_act_panel_get_kind (self);
  g_autofree char *keep_id = keep != NULL ? g_strdup (keep->id) : NULL;
  GtkWidget *select = NULL;

  dd_console_remove_rows (self->action_list);
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
update_levels (DdActPanel         *self,
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

/* ------------------------------------------------------------------ */
/* Callbacks                                                           */

static void
role_search_changed_cb (DdActPanel *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->role_list);

  gtk_list_box_invalidate_filter (self->role_list);
  /* What the search hides cannot stay chosen */
  if (row != NULL && !role_matches (self, row))
    gtk_list_box_unselect_all (self->role_list);
}

static void
role_search_activate_cb (DdActPanel *self)
{
  /* Enter in the search picks the first role shown */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->role_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && role_matches (self, GTK_LIST_BOX_ROW (child)))
      {
        gtk_list_box_select_row (self->role_list, GTK_LIST_BOX_ROW (child));
        gtk_widget_grab_focus (GTK_WIDGET (self->action_list));
        return;
      }
}

static void
role_selected_cb (DdActPanel    *self,
                  GtkListBoxRow *row)
{
  g_free (self->role_id);
  self->role_id = row != NULL ? g_strdup (g_object_get_data (G_OBJECT (row), "role-id")) : NULL;
  update_acting (self);
}

static void
action_selected_cb (DdActPanel *self)
{
  const DdActionKind *kind = dd_act_panel_get_kind (self);
  g_autofree char *clause = NULL;

  update_acting (self);
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
phase_changed_cb (DdActPanel *self)
{
  update_actions (self);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
disconnect_drill (DdActPanel *self)
{
  if (self->drill == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->drill, self);
  g_clear_object (&self->drill);
  self->plan = NULL;
}

static void
dd_act_panel_dispose (GObject *object)
{
  DdActPanel *self = DD_ACT_PANEL (object);

  /* The lists lose their rows as they go: nothing more to show */
  if (self->role_list != NULL)
    g_signal_handlers_disconnect_by_data (self->role_list, self);
  if (self->action_list != NULL)
    g_signal_handlers_disconnect_by_data (self->action_list, self);
  disconnect_drill (self);

  G_OBJECT_CLASS (dd_act_panel_parent_class)->dispose (object);
}

static void
dd_act_panel_finalize (GObject *object)
{
  DdActPanel *self = DD_ACT_PANEL (object);

  g_ptr_array_unref (self->level_ids);
  g_free (self->role_id);

  G_OBJECT_CLASS (dd_act_panel_parent_class)->finalize (object);
}

static void
dd_act_panel_class_init (DdActPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_act_panel_dispose;
  object_class->finalize = dd_act_panel_finalize;

  g_type_ensure (DD_TYPE_REPORT_FORM);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/dd-act-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, DdActPanel, role_search);
  gtk_widget_class_bind_template_child (widget_class, DdActPanel, role_list);
  gtk_widget_class_bind_template_child (widget_class, DdActPanel, action_list);
  gtk_widget_class_bind_template_child (widget_class, DdActPanel, action_description);
  gtk_widget_class_bind_template_child (widget_class, DdActPanel, action_clause);
  gtk_widget_class_bind_template_child (widget_class, DdActPanel, form_scroller);
  gtk_widget_class_bind_template_child (widget_class, DdActPanel, form_stack);
  gtk_widget_class_bind_template_child (widget_class, DdActPanel, content_view);
  gtk_widget_class_bind_template_child (widget_class, DdActPanel, report_form);
  gtk_widget_class_bind_template_child (widget_class, DdActPanel, level_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DdActPanel, level_text_view);
  gtk_widget_class_bind_template_child (widget_class, DdActPanel, explain_revealer);
  gtk_widget_class_bind_template_child (widget_class, DdActPanel, explain_icon);
  gtk_widget_class_bind_template_child (widget_class, DdActPanel, explain_title);
  gtk_widget_class_bind_template_child (widget_class, DdActPanel, explain_label);
  gtk_widget_class_bind_template_child (widget_class, DdActPanel, acting_label);
  gtk_widget_class_bind_template_child (widget_class, DdActPanel, record_button);
  gtk_widget_class_bind_template_callback (widget_class, role_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, role_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, role_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, action_selected_cb);
}

static void
dd_act_panel_init (DdActPanel *self)
{
  self->level_ids = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_filter_func (self->role_list, role_filter_cb, self, NULL);
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */

void
dd_act_panel_set_drill (DdActPanel *self,
                        DdDrill    *drill)
{
  g_return_if_fail (DD_IS_ACT_PANEL (self));
  g_return_if_fail (drill == NULL || DD_IS_DRILL (drill));

  if (drill == self->drill)
    return;
  disconnect_drill (self);
  dd_console_remove_rows (self->role_list);
  dd_console_remove_rows (self->action_list);
  g_clear_pointer (&self->role_id, g_free);
  gtk_editable_set_text (GTK_EDITABLE (self->role_search), "");
  gtk_revealer_set_reveal_child (self->explain_revealer, FALSE);
  if (drill == NULL)
    return;

  self->drill = g_object_ref (drill);
  self->plan = dd_drill_get_plan (drill);
  dd_report_form_set_scenario (self->report_form, dd_drill_get_scenario (drill));
  dd_report_form_clear (self->report_form, dd_drill_get_time (drill));
  load_roles (self);
  update_actions (self);
  action_selected_cb (self);
  g_signal_connect_object (drill, "phase-changed", G_CALLBACK (phase_changed_cb), self, G_CONNECT_SWAPPED);
}

gboolean
dd_act_panel_select_role (DdActPanel *self,
                          const char *role_id)
{
  g_return_val_if_fail (DD_IS_ACT_PANEL (self), FALSE);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->role_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) &&
        g_strcmp0 (g_object_get_data (G_OBJECT (child), "role-id"), role_id) == 0)
      {
        if (!role_matches (self, GTK_LIST_BOX_ROW (child)))
          return FALSE;
        gtk_list_box_select_row (self->role_list, GTK_LIST_BOX_ROW (child));
        return TRUE;
      }
  return FALSE;
}

const char *
dd_act_panel_get_role (DdActPanel *self)
{
  g_return_val_if_fail (DD_IS_ACT_PANEL (self), NULL);
  return self->role_id;
}

void
dd_act_panel_set_role_search (DdActPanel *self,
                              const char *text)
{
  g_return_if_fail (DD_IS_ACT_PANEL (self));
  gtk_editable_set_text (GTK_EDITABLE (self->role_search), text != NULL ? text : "");
  /* At once, not after the search entry's delay */
  role_search_changed_cb (self);
}

gboolean
dd_act_panel_select_action (DdActPanel *self,
                            const char *kind_id)
{
  g_return_val_if_fail (DD_IS_ACT_PANEL (self), FALSE);

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

const DdActionKind *
dd_act_panel_get_kind (DdActPanel *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (DD_IS_ACT_PANEL (self), NULL);
  if (self->plan == NULL || self->action_list == NULL)
    return NULL;
  row = gtk_list_box_get_selected_row (self->action_list);
  if (row == NULL)
    return NULL;
  return dd_plan_lookup_action_kind (self->plan, g_object_get_data (G_OBJECT (row), "kind-id"));
}

gboolean
dd_act_panel_select_level (DdActPanel *self,
                           const char *level_id)
{
  g_return_val_if_fail (DD_IS_ACT_PANEL (self), FALSE);

  for (guint i = 0; i < self->level_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->level_ids, i), level_id) == 0)
      {
        gtk_drop_down_set_selected (self->level_dropdown, i);
        return TRUE;
      }
  return FALSE;
}

void
dd_act_panel_set_content (DdActPanel *self,
                          const char *text)
{
  g_return_if_fail (DD_IS_ACT_PANEL (self));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->content_view), text ? text : "", -1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->level_text_view), text ? text : "", -1);
}

GtkWidget *
dd_act_panel_get_report_form (DdActPanel *self)
{
  g_return_val_if_fail (DD_IS_ACT_PANEL (self), NULL);
  return GTK_WIDGET (self->report_form);
}

DdAction *
dd_act_panel_build_action (DdActPanel  *self,
                           gint64       at,
                           gboolean     incomplete_ok,
                           guint       *missing,
                           GError     **error)
{
  const DdActionKind *kind;
  g_autoptr(DdAction) action = NULL;

  g_return_val_if_fail (DD_IS_ACT_PANEL (self), NULL);

  if (missing != NULL)
    *missing = 0;
  kind = dd_act_panel_get_kind (self);
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
      return dd_report_form_build_action (self->report_form, self->role_id, at,
                                          incomplete_ok, missing, error);
    case DD_ACTION_FORM_WARNING:
    case DD_ACTION_FORM_RESPONSE_LEVEL:
      action = dd_action_new (at, self->role_id, kind->id);
      action->level = g_strdup (selected_level (self));
      action->text = text_view_get (self->level_text_view);
      break;
    case DD_ACTION_FORM_CONTENT:
    case DD_ACTION_FORM_NONE:
    default:
      action = dd_action_new (at, self->role_id, kind->id);
      action->text = text_view_get (self->content_view);
      break;
    }
  return g_steal_pointer (&action);
}

void
dd_act_panel_clear (DdActPanel *self)
{
  g_return_if_fail (DD_IS_ACT_PANEL (self));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->content_view), "", -1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->level_text_view), "", -1);
  if (self->drill != NULL)
    dd_report_form_clear (self->report_form, dd_drill_get_time (self->drill));
}

void
dd_act_panel_explain (DdActPanel *self,
                      guint       index)
{
  const DdAction *action = g_ptr_array_index (dd_drill_get_actions (self->drill), index);
  const DdActionKind *kind = dd_plan_lookup_action_kind (self->plan, action->kind);
  GPtrArray *findings = dd_score_get_findings (dd_drill_get_score (self->drill));
  GtkWidget *panel = gtk_revealer_get_child (self->explain_revealer);
  g_autoptr(GPtrArray) clauses = g_ptr_array_new ();
  g_autoptr(GString) s = g_string_new (NULL);
  guint wrong = 0;

  if (kind != NULL)
    {
      /* Translators: what the plan says about an action, with its clause */
      g_string_append_printf (s, _("The plan (§ %s): %s"), kind->clause, kind->description);
      g_string_append (s, "\n\n");
    }
  dd_console_append_rules (dd_drill_get_replay (self->drill), s, action->kind, action->level);

  /* "Why?" links: the action's clause and each finding's */
  if (kind != NULL && kind->clause != NULL)
    g_ptr_array_add (clauses, kind->clause);
  for (guint i = 0; i < findings->len; i++)
    {
      const DdFinding *f = g_ptr_array_index (findings, i);

      if (f->action_index != (int) index)
        continue;
      if (wrong++ == 0)
        g_string_append_printf (s, "\n%s\n", _("What was wrong:"));
      g_string_append_printf (s, "• § %s %s%s%s\n", f->clause, f->message,
                              f->detail ? " — " : "", f->detail ? f->detail : "");
      if (f->clause != NULL && !g_ptr_array_find_with_equal_func (clauses, f->clause, g_str_equal, NULL))
        g_ptr_array_add (clauses, f->clause);
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
  dd_why_button_box_fill (panel, clauses);
  gtk_widget_remove_css_class (panel, wrong == 0 ? "wrong" : "right");
  gtk_widget_add_css_class (panel, wrong == 0 ? "right" : "wrong");
  gtk_revealer_set_reveal_child (self->explain_revealer, TRUE);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->form_scroller), 0);
}

void
dd_act_panel_focus_role_search (DdActPanel *self)
{
  g_return_if_fail (DD_IS_ACT_PANEL (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->role_search));
}

void
dd_act_panel_focus_report (DdActPanel *self)
{
  g_return_if_fail (DD_IS_ACT_PANEL (self));
  gtk_widget_child_focus (GTK_WIDGET (self->report_form), GTK_DIR_TAB_FORWARD);
}

guint
dd_act_panel_get_n_action_rows (DdActPanel *self)
{
  g_return_val_if_fail (DD_IS_ACT_PANEL (self), 0);
  return dd_console_count_rows (self->action_list);
}

GtkWidget *
dd_act_panel_get_action_row (DdActPanel *self,
                             guint       i)
{
  g_return_val_if_fail (DD_IS_ACT_PANEL (self), NULL);
  return GTK_WIDGET (gtk_list_box_get_row_at_index (self->action_list, (int) i));
}

GtkWidget *
dd_act_panel_get_record_button (DdActPanel *self)
{
  g_return_val_if_fail (DD_IS_ACT_PANEL (self), NULL);
  return self->record_button;
}
