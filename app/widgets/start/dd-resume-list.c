/* dd-resume-list.c — unfinished drills, offered for resuming
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sits at the top of the start page and shows its list only when the drill
 * store holds drills whose journal has no end record, or is damaged.  Each
 * row's "Resume" button activates win.resume-drill with the drill's id; the
 * window does the resuming.  A damaged drill never vanishes from the list:
 * it is marked, with the reason, and offers "Open Read-Only" (a torn one)
 * and "Make Repaired Copy" (resume.open-read-only, resume.repair-copy).
 * The list is read again each time it is mapped.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dd-records-page.h"
#include "dd-resume-list.h"
#include "dd-window.h"

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
add_button (GtkWidget  *row,
            const char *mnemonic,
            const char *action,
            const char *id,
            const char *accessible_name,
            gboolean    suggested)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (mnemonic);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  if (suggested)
    gtk_widget_add_css_class (button, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", id);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return button;
}

/* A drill to resume; a torn or damaged one is marked so, with the reason,
 * and offers to open it read-only (torn: its intact records read without
 * writing, so also from a read-only folder) or to make a repaired copy. */
static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  DdDrillInfo *info = item;
  GtkWidget *row = adw_action_row_new ();
  const char *id = dd_drill_info_get_id (info);
  const char *title = dd_drill_info_get_title (info);
  gboolean damaged = dd_drill_info_get_state (info) == DD_DRILL_STATE_DAMAGED;
  gboolean torn = dd_drill_info_get_torn (info);
  GDateTime *created = dd_drill_info_get_created (info);
  g_autofree char *when = created != NULL ? g_date_time_format (created, "%x %H:%M") : g_strdup ("");
  guint n = dd_drill_info_get_n_records (info);
  g_autofree char *records = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record", "%u records", n), n);
  /* Translators: when a drill was started, and how many journal records it has */
  g_autofree char *subtitle = g_strdup_printf (_("Started %s · %s"), when, records);
  /* Translators: %s is a drill's title */
  g_autofree char *resume_name = g_strdup_printf (_("Resume %s"), title);
  /* Translators: %s is a drill's title */
  g_autofree char *open_name = g_strdup_printf (_("Open %s read-only"), title);
  /* Translators: %s is a drill's title */
  g_autofree char *repair_name = g_strdup_printf (_("Make a repaired copy of %s"), title);
  GtkWidget *main_button = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_icon_name (ADW_ACTION_ROW (row),
                                damaged || torn ? "dialog-warning-symbolic"
                                                : "media-playback-pause-symbolic");
  if (damaged)
    {
      /* Translators: %s says what is wrong with a drill's journal */
      g_autofree char *reason = g_strdup_printf (_("Damaged: %s"), dd_drill_info_get_problem (info));

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), reason);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      gtk_widget_add_css_class (row, "dd-damaged");
      if (dd_drill_info_get_repairable (info))
        main_button = add_button (row, _("Make Repaired _Copy"), "resume.repair-copy", id,
                                  repair_name, FALSE);
    }
  else if (torn)
    {
      g_autofree char *reason =
        g_strdup_printf ("%s · %s", subtitle,
                         _("Damaged: its last record was cut by a crash. Resuming repairs it "
                           "and keeps the cut bytes beside it."));

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), reason);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      gtk_widget_add_css_class (row, "dd-damaged");
      add_button (row, _("Open _Read-Only"), "resume.open-read-only", id, open_name, FALSE);
      add_button (row, _("Make Repaired _Copy"), "resume.repair-copy", id, repair_name, FALSE);
      main_button = add_button (row, _("_Resume"), "win.resume-drill", id, resume_name, TRUE);
    }
  else
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      main_button = add_button (row, _("_Resume"), "win.resume-drill", id, resume_name, TRUE);
    }
  if (main_button != NULL)
    adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), main_button);
  return row;
}

/* Says @message in the window (a toast), or in the log without one. */
static void
tell (DdResumeList *self,
      const char   *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (DD_IS_WINDOW (root))
    dd_window_add_toast (DD_WINDOW (root), message);
  else
    g_message ("%s", message);
}

static DdRecordsPage *
find_records_page (GtkWidget *widget)
{
  if (DD_IS_RECORDS_PAGE (widget))
    return DD_RECORDS_PAGE (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      DdRecordsPage *page = find_records_page (child);

      if (page != NULL)
        return page;
    }
  return NULL;
}

/* The drill's review in the Records place, read-only: nothing is written,
 * a torn tail is left as it is. */
static void
open_read_only_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  DdResumeList *self = DD_RESUME_LIST (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GError) error = NULL;
  DdRecordsPage *page;

  if (!DD_IS_WINDOW (root))
    return;
  dd_window_show_view (DD_WINDOW (root), "records");
  page = find_records_page (GTK_WIDGET (root));
  if (page == NULL)
    return;
  if (!dd_records_page_open_review (page, g_variant_get_string (param, NULL), &error))
    tell (self, error->message);
}

static void
repair_copy_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  DdResumeList *self = DD_RESUME_LIST (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdDrillInfo) copy = NULL;
  g_autofree char *message = NULL;

  if (self->store == NULL)
    return;
  copy = dd_drill_store_repair_copy (self->store, g_variant_get_string (param, NULL), &error);
  if (copy == NULL)
    {
      tell (self, error->message);
      return;
    }
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "A repaired copy of “%s” holds its %u intact record; "
                                          "the damaged journal is kept as it was.",
                                          "A repaired copy of “%s” holds its %u intact records; "
                                          "the damaged journal is kept as it was.",
                                          dd_drill_info_get_n_records (copy)),
                             dd_drill_info_get_title (copy), dd_drill_info_get_n_records (copy));
  tell (self, message);
  dd_resume_list_reload (self);
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

  gtk_widget_class_install_action (widget_class, "resume.open-read-only", "s", open_read_only_action);
  gtk_widget_class_install_action (widget_class, "resume.repair-copy", "s", repair_copy_action);
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
