/* dd-programme-page.c — the year's drill programme, edited in the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dd-programme-page.h"
#include "dd-programme.h"
#include "dd-year-chart.h"
#include "dd-year-db.h"
#include "dd-year-duty.h"

struct _DdProgrammePage
{
  AdwBin       parent_instance;

  GtkLabel      *title_label;
  GtkSpinButton *year_spin;
  GtkLabel      *duty_label;
  GtkListBox    *drills_list;
  GtkEntry      *name_entry;
  GtkDropDown   *form_dropdown;
  GtkSpinButton *month_spin;
  GtkButton     *add_button;
  GtkLabel      *error_label;
  GtkDrawingArea *trend_area;

  char          *store_dir;
  DdPlan        *plan;
  int            year;
  DdProgramme   *programme;
  DdYearTrend   *trend;
  char          *duty_text;
  gboolean       loading;
};

G_DEFINE_FINAL_TYPE (DdProgrammePage, dd_programme_page, ADW_TYPE_BIN)

static const DdDrillForm forms[] = { DD_DRILL_FORM_TABLETOP, DD_DRILL_FORM_FUNCTIONAL, DD_DRILL_FORM_FULL_SCALE };
static const DdProgrammeStatus statuses[] = {
  DD_PROGRAMME_PLANNED, DD_PROGRAMME_HELD, DD_PROGRAMME_POSTPONED, DD_PROGRAMME_CANCELLED,
};

static void rebuild_list (DdProgrammePage *self);

static void
show_error (DdProgrammePage *self,
            const char      *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static char *
programme_path (DdProgrammePage *self)
{
  return dd_programme_path (self->store_dir, self->year);
}

/* Saves the programme; a refusal (a postponed drill without its reason)
 * is said under the list and nothing is written. */
static gboolean
save (DdProgrammePage *self)
{
  g_autofree char *path = programme_path (self);
  g_autoptr(GError) error = NULL;

  if (self->loading || self->programme == NULL)
    return FALSE;
  if (!dd_programme_save (self->programme, path, &error))
    {
      show_error (self, error->message);
      return FALSE;
    }
  show_error (self, NULL);
  return TRUE;
}

static void
update_duty (DdProgrammePage *self,
             DdYearDb        *db)
{
  g_autoptr(GPtrArray) drills = NULL;
  g_autoptr(GPtrArray) scores = NULL;
  g_autoptr(GPtrArray) counts = NULL;
  g_autoptr(DdDutyVerdict) v = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(GError) error = NULL;
  GString *text;

  g_clear_pointer (&self->duty_text, g_free);
  g_clear_pointer (&self->trend, dd_year_trend_free);
  if (db == NULL || (drills = dd_year_db_list_drills (db, 0, &error)) == NULL ||
      (scores = dd_year_db_list_phase_scores (db, self->year, &error)) == NULL ||
      (counts = dd_year_db_count_findings (db, self->year, &error)) == NULL)
    {
      self->duty_text = g_strdup (error != NULL ? error->message : "");
      gtk_label_set_text (self->duty_label, self->duty_text);
      gtk_widget_queue_draw (GTK_WIDGET (self->trend_area));
      return;
    }
  self->trend = dd_year_trend_new (scores, counts);
  v = dd_year_duty_check (self->plan, drills, self->year, today);
  text = g_string_new (NULL);
  g_string_append_printf (text, "%s\n", v->summary);
  if (v->met)
    g_string_append_printf (text, _("Met for %d: %u of %u drills held as the plan says."), v->year, v->counted, v->needed);
  else if (v->overdue)
    g_string_append_printf (text, _("Not met for %d: it was due by %s."), v->year, v->deadline);
  else
    g_string_append_printf (text, _("Not met yet for %d: due by %s."), v->year, v->deadline);
  for (guint i = 0; i < v->reasons->len; i++)
    g_string_append_printf (text, "\n• %s", (const char *) g_ptr_array_index (v->reasons, i));
  for (guint i = 0; i < v->notes->len; i++)
    g_string_append_printf (text, "\n  %s", (const char *) g_ptr_array_index (v->notes, i));
  self->duty_text = g_string_free (text, FALSE);
  gtk_label_set_text (self->duty_label, self->duty_text);
  gtk_widget_queue_draw (GTK_WIDGET (self->trend_area));
}

static void
reload (DdProgrammePage *self)
{
  g_autofree char *path = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdYearDb) db = NULL;

  if (self->plan == NULL)
    return;
  self->loading = TRUE;
  gtk_spin_button_set_value (self->year_spin, self->year);
  g_clear_pointer (&self->programme, dd_programme_free);
  show_error (self, NULL);

  db = dd_year_db_open (self->store_dir, NULL, &error);
  if (db != NULL && self->store_dir == NULL)
    self->store_dir = g_strdup (dd_year_db_get_store_dir (db));
  if (self->store_dir != NULL)
    {
      path = programme_path (self);
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        self->programme = dd_programme_load_file (path, &error);
    }
  if (error != NULL)
    show_error (self, error->message);
  if (self->programme == NULL)
    {
      title = g_strdup_printf (_("Drill programme for %d"), self->year);
      self->programme = dd_programme_new (self->year, dd_plan_get_id (self->plan), title);
    }
  gtk_label_set_text (self->title_label, self->programme->title);
  update_duty (self, db);
  rebuild_list (self);
  self->loading = FALSE;
}

/* ------------------------------------------------------------------ */
/* Rows                                                                */

static char *
drill_subtitle (DdProgrammePage        *self,
                const DdProgrammeDrill *d)
{
  const char *organiser = "";

  if (d->organiser != NULL)
    organiser = d->organiser->role != NULL ? dd_year_role_name (self->plan, d->organiser->role) : d->organiser->name;
  /* Translators: form · planned month · organiser */
  return g_strdup_printf (_("%s · month %u · %s"), dd_drill_form_label (d->form), d->month, organiser);
}

static DdProgrammeDrill *
row_drill (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "dd-programme-drill");
}

static void
status_changed_cb (GtkDropDown     *dropdown,
                   GParamSpec      *pspec,
                   DdProgrammePage *self)
{
  DdProgrammeDrill *d = row_drill (GTK_WIDGET (dropdown));
  GtkWidget *reason = g_object_get_data (G_OBJECT (dropdown), "dd-reason-entry");
  guint i = gtk_drop_down_get_selected (dropdown);
  gboolean needs_reason;

  if (d == NULL || i >= G_N_ELEMENTS (statuses))
    return;
  d->status = statuses[i];
  needs_reason = d->status == DD_PROGRAMME_POSTPONED || d->status == DD_PROGRAMME_CANCELLED;
  gtk_widget_set_visible (reason, needs_reason);
  if (needs_reason && d->reason == NULL)
    {
      show_error (self, _("Say why the drill is put off, then press Enter."));
      gtk_widget_grab_focus (reason);
      return;
    }
  save (self);
}

static void
reason_activate_cb (GtkEntry        *entry,
                    DdProgrammePage *self)
{
  DdProgrammeDrill *d = row_drill (GTK_WIDGET (entry));
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  g_free (d->reason);
  d->reason = *text != '\0' ? g_strdup (text) : NULL;
  save (self);
}

static void
remove_clicked_cb (GtkButton       *button,
                   DdProgrammePage *self)
{
  DdProgrammeDrill *d = row_drill (GTK_WIDGET (button));

  g_ptr_array_remove (self->programme->drills, d);
  save (self);
  rebuild_list (self);
}

static GtkWidget *
status_dropdown (DdProgrammeDrill *d)
{
  const char *labels[G_N_ELEMENTS (statuses) + 1] = { NULL };
  GtkWidget *dropdown;
  g_autofree char *accessible = g_strdup_printf (_("Status of %s"), d->name);

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    labels[i] = dd_programme_status_label (statuses[i]);
  dropdown = gtk_drop_down_new_from_strings (labels);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), (guint) d->status);
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return dropdown;
}

static GtkWidget *
drill_row (DdProgrammePage  *self,
           DdProgrammeDrill *d)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *dropdown = status_dropdown (d);
  GtkWidget *reason = gtk_entry_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *subtitle = drill_subtitle (self, d);
  g_autofree char *remove_label = g_strdup_printf (_("Remove %s"), d->name);
  g_autofree char *reason_label = g_strdup_printf (_("Why %s is put off"), d->name);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), d->name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_entry_set_placeholder_text (GTK_ENTRY (reason), _("Reason"));
  gtk_editable_set_text (GTK_EDITABLE (reason), d->reason != NULL ? d->reason : "");
  gtk_widget_set_valign (reason, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (reason, d->status == DD_PROGRAMME_POSTPONED || d->status == DD_PROGRAMME_CANCELLED);
  gtk_accessible_update_property (GTK_ACCESSIBLE (reason), GTK_ACCESSIBLE_PROPERTY_LABEL, reason_label, -1);

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);

  for (GtkWidget *w = dropdown; w != NULL; w = w == dropdown ? reason : w == reason ? remove : NULL)
    g_object_set_data (G_OBJECT (w), "dd-programme-drill", d);
  g_object_set_data (G_OBJECT (dropdown), "dd-reason-entry", reason);
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (status_changed_cb), self);
  g_signal_connect (reason, "activate", G_CALLBACK (reason_activate_cb), self);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), self);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), reason);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

static void
rebuild_list (DdProgrammePage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->drills_list))) != NULL)
    gtk_list_box_remove (self->drills_list, child);
  for (guint i = 0; self->programme != NULL && i < self->programme->drills->len; i++)
    gtk_list_box_append (self->drills_list, drill_row (self, g_ptr_array_index (self->programme->drills, i)));
  if (self->programme == NULL || self->programme->drills->len == 0)
    {
      GtkWidget *empty = gtk_label_new (_("No drill is planned yet."));

      gtk_widget_add_css_class (empty, "dim-label");
      gtk_widget_set_margin_top (empty, 12);
      gtk_widget_set_margin_bottom (empty, 12);
      gtk_list_box_append (self->drills_list, empty);
    }
}

/* ------------------------------------------------------------------ */
/* Callbacks                                                           */

static void
add_clicked_cb (GtkButton       *button,
                DdProgrammePage *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (name));
  g_autofree char *id = NULL;
  DdProgrammeDrill *d;
  guint form = gtk_drop_down_get_selected (self->form_dropdown);

  if (*stripped == '\0' || self->programme == NULL)
    {
      show_error (self, _("Give the new drill a name."));
      gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
      return;
    }
  for (guint n = self->programme->drills->len + 1; id == NULL; n++)
    {
      gboolean taken = FALSE;

      id = g_strdup_printf ("drill-%u", n);
      for (guint i = 0; i < self->programme->drills->len; i++)
        taken |= g_strcmp0 (((DdProgrammeDrill *) g_ptr_array_index (self->programme->drills, i))->id, id) == 0;
      if (taken)
        g_clear_pointer (&id, g_free);
    }
  d = dd_programme_drill_new (id, stripped);
  d->form = forms[MIN (form, G_N_ELEMENTS (forms) - 1)];
  d->month = (guint) gtk_spin_button_get_value_as_int (self->month_spin);
  d->organiser = dd_programme_unit_new (dd_plan_get_identity (self->plan)->drill_organiser, NULL);
  g_ptr_array_add (self->programme->drills, d);
  if (save (self))
    gtk_editable_set_text (GTK_EDITABLE (self->name_entry), "");
  rebuild_list (self);
}

static void
year_changed_cb (GtkSpinButton   *spin,
                 DdProgrammePage *self)
{
  int year = gtk_spin_button_get_value_as_int (spin);

  if (!self->loading && year != self->year)
    dd_programme_page_set_year (self, year);
}

static void
draw_trend_cb (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  DdProgrammePage *self = user_data;

  if (self->trend != NULL)
    dd_year_trend_draw (self->trend, cr, width, height);
}

/* ------------------------------------------------------------------ */

static void
dd_programme_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), DD_TYPE_PROGRAMME_PAGE);
  G_OBJECT_CLASS (dd_programme_page_parent_class)->dispose (object);
}

static void
dd_programme_page_finalize (GObject *object)
{
  DdProgrammePage *self = DD_PROGRAMME_PAGE (object);

  g_free (self->store_dir);
  g_clear_object (&self->plan);
  g_clear_pointer (&self->programme, dd_programme_free);
  g_clear_pointer (&self->trend, dd_year_trend_free);
  g_free (self->duty_text);
  G_OBJECT_CLASS (dd_programme_page_parent_class)->finalize (object);
}

static void
dd_programme_page_class_init (DdProgrammePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_programme_page_dispose;
  object_class->finalize = dd_programme_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/dd-programme-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DdProgrammePage, title_label);
  gtk_widget_class_bind_template_child (widget_class, DdProgrammePage, year_spin);
  gtk_widget_class_bind_template_child (widget_class, DdProgrammePage, duty_label);
  gtk_widget_class_bind_template_child (widget_class, DdProgrammePage, drills_list);
  gtk_widget_class_bind_template_child (widget_class, DdProgrammePage, name_entry);
  gtk_widget_class_bind_template_child (widget_class, DdProgrammePage, form_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DdProgrammePage, month_spin);
  gtk_widget_class_bind_template_child (widget_class, DdProgrammePage, add_button);
  gtk_widget_class_bind_template_child (widget_class, DdProgrammePage, error_label);
  gtk_widget_class_bind_template_child (widget_class, DdProgrammePage, trend_area);
}

static void
dd_programme_page_init (DdProgrammePage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GtkStringList) form_labels = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->year = g_date_time_get_year (now);
  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    gtk_string_list_append (form_labels, dd_drill_form_label (forms[i]));
  gtk_drop_down_set_model (self->form_dropdown, G_LIST_MODEL (form_labels));
  gtk_drawing_area_set_draw_func (self->trend_area, draw_trend_cb, self, NULL);
  g_signal_connect (self->add_button, "clicked", G_CALLBACK (add_clicked_cb), self);
  g_signal_connect (self->name_entry, "activate", G_CALLBACK (add_clicked_cb), self);
  g_signal_connect (self->year_spin, "value-changed", G_CALLBACK (year_changed_cb), self);
}

GtkWidget *
dd_programme_page_new (void)
{
  return g_object_new (DD_TYPE_PROGRAMME_PAGE, NULL);
}

void
dd_programme_page_set_store (DdProgrammePage *self,
                             const char      *store_dir,
                             DdPlan          *plan)
{
  g_return_if_fail (DD_IS_PROGRAMME_PAGE (self));
  g_return_if_fail (DD_IS_PLAN (plan));

  g_free (self->store_dir);
  self->store_dir = g_strdup (store_dir);
  g_set_object (&self->plan, plan);
  reload (self);
}

void
dd_programme_page_set_year (DdProgrammePage *self,
                            int              year)
{
  g_return_if_fail (DD_IS_PROGRAMME_PAGE (self));

  self->year = year;
  reload (self);
}

int
dd_programme_page_get_year (DdProgrammePage *self)
{
  g_return_val_if_fail (DD_IS_PROGRAMME_PAGE (self), 0);
  return self->year;
}

const char *
dd_programme_page_get_duty_text (DdProgrammePage *self)
{
  g_return_val_if_fail (DD_IS_PROGRAMME_PAGE (self), NULL);
  return self->duty_text;
}

void
dd_programme_page_present (GtkWidget   *parent,
                           const char  *store_dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPlan) plan = dd_plan_load_default (&error);
  GtkWidget *window, *box, *page;
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;

  if (plan == NULL)
    {
      g_warning ("%s", error->message);
      return;
    }
  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), _("Drill Programme"));
  gtk_window_set_default_size (GTK_WINDOW (window), 960, 760);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  page = dd_programme_page_new ();
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (window), box);
  dd_programme_page_set_store (DD_PROGRAMME_PAGE (page), store_dir, plan);
  gtk_window_present (GTK_WINDOW (window));
}
