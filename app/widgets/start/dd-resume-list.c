/* dd-resume-list.c — unfinished drills, offered for resuming
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sits at the top of the start page and shows its list only when the drill
 * store holds drills whose journal has no end record.  Each row's "Resume"
 * button activates win.resume-drill with the drill's id; the window does
 * the resuming.  The list is read again each time it is mapped.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dd-resume-list.h"

struct _DdResumeList
{
  AdwBin        parent_instance;

  DdDrillStore *store;
  GListModel   *drills;

  /* template children */
  GtkWidget    *clamp;
  GtkListBox   *list;
};

G_DEFINE_FINAL_TYPE (DdResumeList, dd_resume_list, ADW_TYPE_BIN)

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  DdDrillInfo *info = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Resume"));
  GDateTime *created = dd_drill_info_get_created (info);
  g_autofree char *when = created != NULL ? g_date_time_format (created, "%x %H:%M") : g_strdup ("");
  guint n = dd_drill_info_get_n_records (info);
  g_autofree char *records = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record", "%u records", n), n);
  /* Translators: when a drill was started, and how many journal records it has */
  g_autofree char *subtitle = g_strdup_printf (_("Started %s · %s"), when, records);
  /* Translators: %s is a drill's title */
  g_autofree char *name = g_strdup_printf (_("Resume %s"), dd_drill_info_get_title (info));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), dd_drill_info_get_title (info));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "media-playback-pause-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.resume-drill");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", dd_drill_info_get_id (info));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  return row;
}

static void
map_cb (DdResumeList *self)
{
  dd_resume_list_reload (self);
}

static void
dd_resume_list_dispose (GObject *object)
{
  DdResumeList *self = DD_RESUME_LIST (object);

  g_clear_object (&self->store);
  g_clear_object (&self->drills);

  G_OBJECT_CLASS (dd_resume_list_parent_class)->dispose (object);
}

static void
dd_resume_list_class_init (DdResumeListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_resume_list_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/dd-resume-list.ui");
  gtk_widget_class_bind_template_child (widget_class, DdResumeList, clamp);
  gtk_widget_class_bind_template_child (widget_class, DdResumeList, list);
}

static void
dd_resume_list_init (DdResumeList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Read the store each time the start page is shown */
  g_signal_connect_object (self, "map", G_CALLBACK (map_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
dd_resume_list_new (void)
{
  return g_object_new (DD_TYPE_RESUME_LIST, NULL);
}

void
dd_resume_list_set_store (DdResumeList *self,
                          DdDrillStore *store)
{
  g_return_if_fail (DD_IS_RESUME_LIST (self));

  if (g_set_object (&self->store, store))
    dd_resume_list_reload (self);
}

void
dd_resume_list_reload (DdResumeList *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (DD_IS_RESUME_LIST (self));

  if (self->store == NULL)
    self->store = dd_drill_store_new (NULL);
  g_clear_object (&self->drills);
  self->drills = dd_drill_store_list_unfinished (self->store, &error);
  if (self->drills == NULL)
    {
      g_debug ("No unfinished drills: %s", error->message);
      self->drills = G_LIST_MODEL (g_list_store_new (DD_TYPE_DRILL_INFO));
    }
  gtk_list_box_bind_model (self->list, self->drills, create_row_cb, NULL, NULL);
  gtk_widget_set_visible (self->clamp, g_list_model_get_n_items (self->drills) > 0);
}

guint
dd_resume_list_get_n_drills (DdResumeList *self)
{
  g_return_val_if_fail (DD_IS_RESUME_LIST (self), 0);
  return self->drills != NULL ? g_list_model_get_n_items (self->drills) : 0;
}
