/* dd-drill-setup.c — the page between choosing a scenario and starting it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows the scenario (summary, objectives, roles), lets the director write
 * who plays each role and choose the time compression and training mode,
 * and says which plan will score the drill — its identity, when it is due
 * for revision, and a notice when that date has passed.  With a drill
 * store, it lists the open improvement items of earlier drills whose
 * clause the scenario exercises, read off the main thread from the store's
 * register.  "Start" emits ::start; the window then calls
 * dd_drill_setup_create_drill ().
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "dd-drill-session.h"
#include "dd-drill-setup.h"
#include "dd-error.h"
#include "dd-year-db.h"

struct _DdDrillSetup
{
  AdwBin               parent_instance;

  DdPlan              *plan;
  DdScenario          *scenario;
  GFile               *file;
  GPtrArray           *objective_rows;  /* rows added to objectives_group */
  GPtrArray           *player_rows;     /* AdwEntryRow, one per participant */
  GPtrArray           *item_rows;       /* rows added to items_group */
  char                *store_dir;       /* the drill store, or NULL: no items */
  GCancellable        *items_cancellable;

  /* template children */
  GtkLabel            *title_label;
  GtkLabel            *subtitle_label;
  GtkLabel            *summary_label;
  AdwActionRow        *plan_row;
  AdwActionRow        *revision_row;
  GtkWidget           *revision_notice;
  GtkLabel            *revision_notice_label;
  AdwPreferencesGroup *objectives_group;
  AdwPreferencesGroup *items_group;
  AdwEntryRow         *date_row;
  AdwEntryRow         *place_row;
  AdwEntryRow         *director_row;
  AdwEntryRow         *evaluators_row;
  AdwPreferencesGroup *roles_group;
  GtkSpinButton       *speed_spin;
  AdwActionRow        *duration_row;
  GtkSwitch           *training_switch;
  GtkButton           *start_button;
};

G_DEFINE_FINAL_TYPE (DdDrillSetup, dd_drill_setup, ADW_TYPE_BIN)

enum {
  SIGNAL_START,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

static char *
format_duration (gint64 seconds)
{
  /* Translators: a duration, hours and minutes */
  return g_strdup_printf (_("%d h %02d min"), (int) (seconds / 3600), (int) (seconds % 3600 / 60));
}

static void
show_plan (DdDrillSetup *self)
{
  const DdPlanIdentity *id;
  g_autoptr(GDateTime) due = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *subtitle = NULL;
  g_autofree char *due_text = NULL;

  if (self->plan == NULL)
    return;
  id = dd_plan_get_identity (self->plan);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->plan_row), id->title);
  /* Translators: the plan's document number and the date it was issued */
  subtitle = g_strdup_printf (_("%s, issued %s"), id->doc_number, id->issued);
  adw_action_row_set_subtitle (self->plan_row, subtitle);

  due = dd_plan_get_revision_due (self->plan);
  due_text = due != NULL ? g_date_time_format (due, "%x") : g_strdup ("—");
  adw_action_row_set_subtitle (self->revision_row, due_text);

  if (dd_plan_is_past_revision (self->plan, now))
    {
      g_autofree char *notice =
        /* Translators: %s is a date; %u a number of years; the second %s a clause number */
        g_strdup_printf (_("This plan was due for revision on %s (every %u years, § %s). The drill is scored against it as it stands; note any rule that has changed."),
                         due_text, id->revision_interval_years, id->revision_clause);

      gtk_label_set_text (self->revision_notice_label, notice);
      gtk_widget_set_visible (self->revision_notice, TRUE);
    }
  else
    gtk_widget_set_visible (self->revision_notice, FALSE);
}

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static void
show_scenario (DdDrillSetup *self)
{
  DdScenario *s = self->scenario;
  DdPlan *plan = self->plan;
  GPtrArray *objectives = dd_scenario_get_objectives (s);
  GPtrArray *participants = dd_scenario_get_participants (s);
  const DdIncident *incident = dd_scenario_get_incident (s);
  const DdCategory *category = dd_plan_lookup_category (plan, incident->category);
  const DdSeverity *severity = dd_plan_lookup_severity (plan, incident->severity);
  g_autofree char *duration = format_duration (dd_scenario_get_duration (s));
  g_autofree char *subtitle = NULL;

  gtk_label_set_text (self->title_label, dd_scenario_get_title (s));
  subtitle = g_strdup_printf ("%s · %s · %s · %s", dd_scenario_get_form_label (s),
                              category ? category->name : incident->category,
                              severity ? severity->name : incident->severity,
                              duration);
  gtk_label_set_text (self->subtitle_label, subtitle);
  gtk_label_set_text (self->summary_label, dd_scenario_get_summary (s) ? dd_scenario_get_summary (s) : "");
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), dd_scenario_get_summary (s) != NULL);

  clear_rows (self->objectives_group, self->objective_rows);
  for (guint i = 0; i < objectives->len; i++)
    {
      const DdObjective *o = g_ptr_array_index (objectives, i);
      g_autofree char *clauses = g_strjoinv (" ", o->clauses);
      g_autofree char *subtitle_o = g_strdup_printf ("§ %s", clauses);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), o->text);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle_o);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "object-select-symbolic");
      adw_preferences_group_add (self->objectives_group, row);
      g_ptr_array_add (self->objective_rows, row);
    }

  clear_rows (self->roles_group, self->player_rows);
  for (guint i = 0; i < participants->len; i++)
    {
      const DdParticipant *p = g_ptr_array_index (participants, i);
      const DdRole *role = dd_plan_lookup_role (plan, p->role);
      GtkWidget *row = adw_entry_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), role ? role->name : p->role);
      gtk_editable_set_text (GTK_EDITABLE (row), p->player ? p->player : "");
      g_object_set_data_full (G_OBJECT (row), "role-id", g_strdup (p->role), g_free);
      adw_preferences_group_add (self->roles_group, row);
      g_ptr_array_add (self->player_rows, row);
    }

  /* A new drill: today (local time), nothing of the last one's details */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

    gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);
    gtk_editable_set_text (GTK_EDITABLE (self->place_row), "");
    gtk_editable_set_text (GTK_EDITABLE (self->director_row), "");
    gtk_editable_set_text (GTK_EDITABLE (self->evaluators_row), "");
  }

  gtk_switch_set_active (self->training_switch, FALSE);
  gtk_spin_button_set_value (self->speed_spin, dd_scenario_get_compression (s));
  adw_action_row_set_subtitle (self->duration_row, duration);
  gtk_widget_set_sensitive (GTK_WIDGET (self->start_button), TRUE);
}

/* ------------------------------------------------------------------ */
/* The open improvement items the scenario exercises                   */

typedef struct {
  char       *store_dir;
  DdScenario *scenario;
} ItemsQuery;

static void
items_query_free (gpointer data)
{
  ItemsQuery *q = data;

  g_free (q->store_dir);
  g_clear_object (&q->scenario);
  g_free (q);
}

static void
items_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ItemsQuery *q = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdYearDb) db = dd_year_db_open (q->store_dir, NULL, &error);
  GPtrArray *items = db != NULL ? dd_year_db_list_open_items_for_scenario (db, q->scenario, &error) : NULL;

  /* A store that cannot be read is said by the records; set-up keeps quiet */
  if (error != NULL)
    g_debug ("set-up items: %s", error->message);
  g_task_return_pointer (task, items, (GDestroyNotify) g_ptr_array_unref);
}

static void
show_items (DdDrillSetup *self,
            GPtrArray    *items)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  clear_rows (self->items_group, self->item_rows);
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      const DdYearItem *item = g_ptr_array_index (items, i);
      const DdRole *role = item->owner != NULL && self->plan != NULL ? dd_plan_lookup_role (self->plan, item->owner) : NULL;
      gboolean overdue = item->due != NULL && strcmp (item->due, today) < 0;
      g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *subtitle = NULL;
      g_autofree char *label = NULL;
      GtkWidget *row = adw_action_row_new ();

      if (item->owner != NULL)
        g_ptr_array_add (parts, g_strdup (role != NULL ? role->name : item->owner));
      if (item->due != NULL)
        /* Translators: an improvement item's due date */
        g_ptr_array_add (parts, g_strdup_printf (_("due %s"), item->due));
      g_ptr_array_add (parts, g_strdup_printf ("§ %s", item->clause));
      if (overdue)
        g_ptr_array_add (parts, g_strdup (_("overdue")));
      g_ptr_array_add (parts, NULL);
      subtitle = g_strjoinv (" · ", (char **) parts->pdata);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->action);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_set_icon_name (ADW_ACTION_ROW (row), overdue ? "dialog-warning-symbolic" : "task-due-symbolic");
      if (overdue)
        gtk_widget_add_css_class (row, "warning");
      /* Translators: an open improvement item read out: action, then owner, due date, clause */
      label = g_strdup_printf (_("Open improvement item: %s; %s"), item->action, subtitle);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      adw_preferences_group_add (self->items_group, row);
      g_ptr_array_add (self->item_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->items_group), self->item_rows->len > 0);
}

static void
items_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GPtrArray) items = g_task_propagate_pointer (G_TASK (result), NULL);

  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  show_items (DD_DRILL_SETUP (source), items);
}

/* Reads the items again, in a worker thread; nothing shows until then */
static void
refresh_items (DdDrillSetup *self)
{
  g_autoptr(GTask) task = NULL;
  ItemsQuery *q;

  g_cancellable_cancel (self->items_cancellable);
  g_clear_object (&self->items_cancellable);
  show_items (self, NULL);
  if (self->store_dir == NULL || self->scenario == NULL)
    return;

  self->items_cancellable = g_cancellable_new ();
  q = g_new0 (ItemsQuery, 1);
  q->store_dir = g_strdup (self->store_dir);
  q->scenario = g_object_ref (self->scenario);
  task = g_task_new (self, self->items_cancellable, items_done_cb, NULL);
  g_task_set_source_tag (task, refresh_items);
  g_task_set_task_data (task, q, items_query_free);
  g_task_run_in_thread (task, items_thread);
}

/* A calendar date as YYYY-MM-DD */
static gboolean
date_is_valid (const char *text)
{
  int y, m, d;
  char end;

  return sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &end) == 3 && strlen (text) == 10 &&
         g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

/* ------------------------------------------------------------------ */
/* Callbacks                                                           */

static void
date_changed_cb (DdDrillSetup *self)
{
  gboolean valid = date_is_valid (gtk_editable_get_text (GTK_EDITABLE (self->date_row)));

  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->date_row), "error");
  gtk_widget_set_sensitive (GTK_WIDGET (self->start_button), valid && self->scenario != NULL);
}

/* Training starts at the pace of real time */
static void
training_toggled_cb (DdDrillSetup *self)
{
  if (gtk_switch_get_active (self->training_switch))
    gtk_spin_button_set_value (self->speed_spin, 1.0);
  else if (self->scenario != NULL)
    gtk_spin_button_set_value (self->speed_spin, dd_scenario_get_compression (self->scenario));
}

static void
start_clicked_cb (DdDrillSetup *self)
{
  if (self->scenario != NULL)
    g_signal_emit (self, signals[SIGNAL_START], 0);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
dd_drill_setup_dispose (GObject *object)
{
  DdDrillSetup *self = DD_DRILL_SETUP (object);

  g_cancellable_cancel (self->items_cancellable);
  g_clear_object (&self->items_cancellable);
  g_clear_object (&self->plan);
  g_clear_object (&self->scenario);
  g_clear_object (&self->file);
  g_clear_pointer (&self->objective_rows, g_ptr_array_unref);
  g_clear_pointer (&self->player_rows, g_ptr_array_unref);
  g_clear_pointer (&self->item_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (dd_drill_setup_parent_class)->dispose (object);
}

static void
dd_drill_setup_finalize (GObject *object)
{
  g_free (DD_DRILL_SETUP (object)->store_dir);
  G_OBJECT_CLASS (dd_drill_setup_parent_class)->finalize (object);
}

static void
dd_drill_setup_class_init (DdDrillSetupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_drill_setup_dispose;
  object_class->finalize = dd_drill_setup_finalize;

  /**
   * DdDrillSetup::start:
   *
   * The director asked to start the drill.
   */
  signals[SIGNAL_START] =
    g_signal_new ("start", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/dd-drill-setup.ui");
  gtk_widget_class_bind_template_child (widget_class, DdDrillSetup, title_label);
  gtk_widget_class_bind_template_child (widget_class, DdDrillSetup, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, DdDrillSetup, summary_label);
  gtk_widget_class_bind_template_child (widget_class, DdDrillSetup, plan_row);
  gtk_widget_class_bind_template_child (widget_class, DdDrillSetup, revision_row);
  gtk_widget_class_bind_template_child (widget_class, DdDrillSetup, revision_notice);
  gtk_widget_class_bind_template_child (widget_class, DdDrillSetup, revision_notice_label);
  gtk_widget_class_bind_template_child (widget_class, DdDrillSetup, objectives_group);
  gtk_widget_class_bind_template_child (widget_class, DdDrillSetup, items_group);
  gtk_widget_class_bind_template_child (widget_class, DdDrillSetup, date_row);
  gtk_widget_class_bind_template_child (widget_class, DdDrillSetup, place_row);
  gtk_widget_class_bind_template_child (widget_class, DdDrillSetup, director_row);
  gtk_widget_class_bind_template_child (widget_class, DdDrillSetup, evaluators_row);
  gtk_widget_class_bind_template_child (widget_class, DdDrillSetup, roles_group);
  gtk_widget_class_bind_template_child (widget_class, DdDrillSetup, speed_spin);
  gtk_widget_class_bind_template_child (widget_class, DdDrillSetup, duration_row);
  gtk_widget_class_bind_template_child (widget_class, DdDrillSetup, training_switch);
  gtk_widget_class_bind_template_child (widget_class, DdDrillSetup, start_button);
  gtk_widget_class_bind_template_callback (widget_class, start_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, training_toggled_cb);
}

static void
dd_drill_setup_init (DdDrillSetup *self)
{
  self->objective_rows = g_ptr_array_new ();
  self->player_rows = g_ptr_array_new ();
  self->item_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_sensitive (GTK_WIDGET (self->start_button), FALSE);
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */

GtkWidget *
dd_drill_setup_new (void)
{
  return g_object_new (DD_TYPE_DRILL_SETUP, NULL);
}

void
dd_drill_setup_set_plan (DdDrillSetup *self,
                         DdPlan       *plan)
{
  g_return_if_fail (DD_IS_DRILL_SETUP (self));

  if (g_set_object (&self->plan, plan))
    show_plan (self);
}

gboolean
dd_drill_setup_load_file (DdDrillSetup *self,
                          GFile        *file,
                          GError      **error)
{
  g_autoptr(DdScenario) scenario = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (DD_IS_DRILL_SETUP (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->plan == NULL)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_STATE, _("The plan is not loaded."));
      return FALSE;
    }
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_IO, _("Only local scenario files can be opened."));
      return FALSE;
    }
  scenario = dd_scenario_load_file (path, self->plan, error);
  if (scenario == NULL)
    return FALSE;

  g_set_object (&self->scenario, scenario);
  g_set_object (&self->file, file);
  show_plan (self);
  show_scenario (self);
  refresh_items (self);
  return TRUE;
}

void
dd_drill_setup_set_store_dir (DdDrillSetup *self,
                              const char   *store_dir)
{
  g_return_if_fail (DD_IS_DRILL_SETUP (self));

  g_free (self->store_dir);
  self->store_dir = g_strdup (store_dir);
  refresh_items (self);
}

DdScenario *
dd_drill_setup_get_scenario (DdDrillSetup *self)
{
  g_return_val_if_fail (DD_IS_DRILL_SETUP (self), NULL);
  return self->scenario;
}

void
dd_drill_setup_set_player (DdDrillSetup *self,
                           const char   *role_id,
                           const char   *name)
{
  g_return_if_fail (DD_IS_DRILL_SETUP (self));

  for (guint i = 0; i < self->player_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->player_rows, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "role-id"), role_id) == 0)
        gtk_editable_set_text (GTK_EDITABLE (row), name != NULL ? name : "");
    }
}

void
dd_drill_setup_set_training (DdDrillSetup *self,
                             gboolean      training)
{
  g_return_if_fail (DD_IS_DRILL_SETUP (self));
  gtk_switch_set_active (self->training_switch, training);
}

void
dd_drill_setup_set_detail (DdDrillSetup *self,
                           const char   *key,
                           const char   *value)
{
  AdwEntryRow *row = NULL;

  g_return_if_fail (DD_IS_DRILL_SETUP (self));

  if (g_strcmp0 (key, "date") == 0)
    row = self->date_row;
  else if (g_strcmp0 (key, "place") == 0)
    row = self->place_row;
  else if (g_strcmp0 (key, "director") == 0)
    row = self->director_row;
  else if (g_strcmp0 (key, "evaluators") == 0)
    row = self->evaluators_row;
  g_return_if_fail (row != NULL);
  gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");
}

gboolean
dd_drill_setup_can_start (DdDrillSetup *self)
{
  g_return_val_if_fail (DD_IS_DRILL_SETUP (self), FALSE);
  return gtk_widget_get_sensitive (GTK_WIDGET (self->start_button));
}

JsonObject *
dd_drill_setup_get_options (DdDrillSetup *self)
{
  JsonObject *options;

  g_return_val_if_fail (DD_IS_DRILL_SETUP (self), NULL);

  options = dd_drill_options_new (gtk_switch_get_active (self->training_switch),
                                  gtk_spin_button_get_value (self->speed_spin));
  for (guint i = 0; i < self->player_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->player_rows, i);
      g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

      dd_drill_options_set_player (options, g_object_get_data (G_OBJECT (row), "role-id"), name);
    }
  {
    const struct { const char *key; AdwEntryRow *row; } details[] = {
      { "date", self->date_row },
      { "place", self->place_row },
      { "director", self->director_row },
      { "evaluators", self->evaluators_row },
    };

    for (guint i = 0; i < G_N_ELEMENTS (details); i++)
      {
        g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (details[i].row))));

        dd_drill_options_set_text (options, details[i].key, text);
      }
  }
  return options;
}

DdDrill *
dd_drill_setup_create_drill (DdDrillSetup  *self,
                             DdDrillStore  *store,
                             DdDrillInfo  **info_out,
                             GError       **error)
{
  g_autoptr(JsonObject) options = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (DD_IS_DRILL_SETUP (self), NULL);
  g_return_val_if_fail (DD_IS_DRILL_STORE (store), NULL);

  if (self->scenario == NULL || self->file == NULL)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_STATE, _("No scenario is chosen."));
      return NULL;
    }
  options = dd_drill_setup_get_options (self);
  path = g_file_get_path (self->file);
  return dd_drill_session_create (store, self->plan, self->scenario, path, options, info_out, error);
}
