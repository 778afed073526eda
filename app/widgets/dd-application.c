/* dd-application.c — the DrillDesk application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loads the bundled plan once, owns the settings (when the schema is
 * installed or GSETTINGS_SCHEMA_DIR points at the build folder), follows the
 * colour style preference, and opens scenario files given on the command
 * line.  style.css is picked up from the resource base path by
 * AdwApplication; the shortcuts window is the window's own
 * (win.show-help-overlay, built when asked for).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dd-application.h"
#include "dd-help-window.h"
#include "dd-plan-browser.h"
#include "dd-preferences-window.h"
#include "dd-window.h"
#include "dd-xml.h"

struct _DdApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  DdPlan         *plan;
  GError         *plan_error;
  GThread        *plan_thread;   /* loading the plan, until joined */
  gboolean        plan_started;
  char           *initial_view;  /* --show=PLACE[/SECTION] */
};

G_DEFINE_FINAL_TYPE (DdApplication, dd_application, ADW_TYPE_APPLICATION)

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

static GSettings *
create_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID_BASE, TRUE);
  if (schema == NULL)
    {
      g_message ("The settings schema %s is not installed; preferences will not be kept", APP_ID_BASE);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

static void
update_color_scheme (DdApplication *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
  AdwColorScheme color_scheme = ADW_COLOR_SCHEME_DEFAULT;

  if (g_str_equal (scheme, "light"))
    color_scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_str_equal (scheme, "dark"))
    color_scheme = ADW_COLOR_SCHEME_FORCE_DARK;
  adw_style_manager_set_color_scheme (manager, color_scheme);
}

/* The bundled plan is read on a thread of its own, started once the
 * window's first frame is painted (make bench: the first frame neither
 * waits for it nor shares the CPU with it; the start page's rows, which
 * need it, come a frame later anyway), or at once by whatever needs it
 * before (files to open, --show, dd_application_get_plan ()). */
typedef struct {
  DdPlan *plan;
  GError *error;
} PlanLoad;

static gpointer plan_thread_main (gpointer data);

static void
start_plan (DdApplication *self)
{
  if (self->plan_started)
    return;
  self->plan_started = TRUE;
  self->plan_thread = g_thread_new ("dd-plan", plan_thread_main, g_object_ref (self));
}

/* Waits for the plan (at once when the thread is done; loading it first
 * when nothing has asked for it yet) and gives it, or why it did not load,
 * to every window. */
static void
finish_plan (DdApplication *self)
{
  PlanLoad *load;

  start_plan (self);
  if (self->plan_thread == NULL)
    return;
  load = g_thread_join (g_steal_pointer (&self->plan_thread));
  self->plan = load->plan;
  self->plan_error = load->error;
  g_free (load);
  if (self->plan == NULL)
    g_message ("The bundled plan does not load: %s", self->plan_error->message);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (DD_IS_WINDOW (l->data))
      {
        if (self->plan != NULL)
          dd_window_set_plan (l->data, self->plan);
        else
          dd_window_set_plan_error (l->data, self->plan_error);
      }
}

static gboolean
plan_loaded_cb (gpointer data)
{
  finish_plan (DD_APPLICATION (data));
  return G_SOURCE_REMOVE;
}

static gpointer
plan_thread_main (gpointer data)
{
  PlanLoad *load = g_new0 (PlanLoad, 1);

  load->plan = dd_plan_load_default (&load->error);
  /* Back on the main context: join the thread and hand the plan out */
  g_idle_add_full (G_PRIORITY_DEFAULT, plan_loaded_cb, data, g_object_unref);
  return load;
}

static void
first_frame_cb (GdkFrameClock *clock,
                DdApplication *self)
{
  g_signal_handlers_disconnect_by_func (clock, first_frame_cb, self);
  start_plan (self);
}

static void
window_mapped_cb (GtkWidget     *window,
                  DdApplication *self)
{
  g_signal_handlers_disconnect_by_func (window, window_mapped_cb, self);
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (first_frame_cb), self, 0);
}

static DdWindow *
get_window (DdApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  DdWindow *dd_window;

  if (DD_IS_WINDOW (window))
    return DD_WINDOW (window);

  dd_window = dd_window_new (GTK_APPLICATION (self));
  dd_window_set_settings (dd_window, self->settings);
  if (!self->plan_started)
    g_signal_connect_object (dd_window, "map", G_CALLBACK (window_mapped_cb), self, 0);
  /* While the plan loads, finish_plan () gives it to the window later */
  if (self->plan != NULL)
    dd_window_set_plan (dd_window, self->plan);
  else if (self->plan_error != NULL)
    dd_window_set_plan_error (dd_window, self->plan_error);
  return dd_window;
}

/* ------------------------------------------------------------------ */
/* Actions                                                             */

static void
quit_activated (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  DdApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Close the windows so that each one saves its state */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_application_quit (G_APPLICATION (self));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  DdApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { _("The DrillDesk authors"), NULL };
  g_autofree char *comments = NULL;
  GtkWidget *about;

  finish_plan (self);
  if (self->plan != NULL)
    /* Translators: %s is the title of the emergency plan */
    comments = g_strdup_printf (_("Drills and tabletop exercises of the %s."), dd_plan_get_title (self->plan));
  else
    comments = g_strdup (_("Drills and tabletop exercises of a cyber-incident emergency plan."));

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", _("DrillDesk"),
                        "application-icon", APP_ID,
                        "developer-name", _("The DrillDesk authors"),
                        "developers", developers,
                        "version", PACKAGE_VERSION,
                        "comments", comments,
                        "website", "https://github.com/drilldesk/drilldesk",
                        "issue-url", "https://github.com/drilldesk/drilldesk/issues",
                        "copyright", _("© 2024 The DrillDesk authors"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: your names, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  DdApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (dd_preferences_window_new (parent, self->settings)));
}

/* F1: the user guide, in its own window */
static void
help_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWindow *help = NULL;

  for (GList *l = gtk_application_get_windows (app); l != NULL && help == NULL; l = l->next)
    if (DD_IS_HELP_WINDOW (l->data))
      help = l->data;
  if (help == NULL)
    {
      help = GTK_WINDOW (dd_help_window_new ());
      gtk_window_set_application (help, app);
    }
  gtk_window_present (help);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "help", help_activated },
  { "about", about_activated },
  { "preferences", preferences_activated },
};

/* ------------------------------------------------------------------ */
/* GApplication                                                        */

static void
dd_application_startup (GApplication *application)
{
  DdApplication *self = DD_APPLICATION (application);
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.help", { "F1", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "window.close", { "<Control>w", NULL } },
  };

  G_APPLICATION_CLASS (dd_application_parent_class)->startup (application);

  g_set_application_name (_("DrillDesk"));
  gtk_window_set_default_icon_name (APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accels[i].action, accels[i].accels);

  self->settings = create_settings ();
  if (self->settings != NULL)
    {
      g_signal_connect_object (self->settings, "changed::color-scheme",
                               G_CALLBACK (update_color_scheme), self, G_CONNECT_SWAPPED);
      update_color_scheme (self);
    }

  dd_xml_init ();
}

static int
dd_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  DdApplication *self = DD_APPLICATION (application);

  g_clear_pointer (&self->initial_view, g_free);
  g_variant_dict_lookup (options, "show", "s", &self->initial_view);

  return G_APPLICATION_CLASS (dd_application_parent_class)->handle_local_options (application, options);
}

static void
dd_application_activate (GApplication *application)
{
  DdApplication *self = DD_APPLICATION (application);
  DdWindow *window = get_window (self);

  if (self->initial_view != NULL)
    {
      finish_plan (self);
      g_auto(GStrv) parts = g_strsplit (self->initial_view, "/", 2);

      dd_window_show_view (window, parts[0]);
      if (parts[0] != NULL && parts[1] != NULL && g_str_equal (parts[0], "plan"))
        dd_plan_browser_show_section (DD_PLAN_BROWSER (dd_window_get_plan_browser (window)), parts[1]);
      g_clear_pointer (&self->initial_view, g_free);
    }
  gtk_window_present (GTK_WINDOW (window));
}

static void
dd_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  DdApplication *self = DD_APPLICATION (application);
  DdWindow *window = get_window (self);

  finish_plan (self);   /* scenarios are checked against it */
  for (int i = 0; i < n_files; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!dd_window_open_scenario (window, files[i], &error))
        dd_window_add_toast (window, error->message);
    }
  gtk_window_present (GTK_WINDOW (window));
}

static void
dd_application_dispose (GObject *object)
{
  DdApplication *self = DD_APPLICATION (object);

  if (self->plan_thread != NULL)
    finish_plan (self);
  g_clear_object (&self->settings);
  g_clear_object (&self->plan);
  g_clear_error (&self->plan_error);
  g_clear_pointer (&self->initial_view, g_free);

  G_OBJECT_CLASS (dd_application_parent_class)->dispose (object);
}

static void
dd_application_class_init (DdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = dd_application_dispose;
  app_class->startup = dd_application_startup;
  app_class->activate = dd_application_activate;
  app_class->handle_local_options = dd_application_handle_local_options;
  app_class->open = dd_application_open;
}

static void
dd_application_init (DdApplication *self)
{
  static const GOptionEntry options[] = {
    { "show", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Open the window on a place: drill, charts, plan or records; plan/SECTION for a part of the plan"),
      N_("PLACE") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  /* Translators: what the command line takes besides options */
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[SCENARIO…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Drills and tabletop exercises of a cyber-incident emergency plan."));
}

DdApplication *
dd_application_new (void)
{
  return g_object_new (DD_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

DdPlan *
dd_application_get_plan (DdApplication *self)
{
  g_return_val_if_fail (DD_IS_APPLICATION (self), NULL);
  finish_plan (self);
  return self->plan;
}

/**
 * dd_application_get_settings:
 *
 * Returns: (transfer none) (nullable): the settings, or %NULL when the schema
 *   is not installed
 */
GSettings *
dd_application_get_settings (DdApplication *self)
{
  g_return_val_if_fail (DD_IS_APPLICATION (self), NULL);
  return self->settings;
}
