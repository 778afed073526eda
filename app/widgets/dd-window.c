/* dd-window.c — the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A header bar with a view switcher over four places: Drill (a stack of
 * start, setup, console and review pages), Charts, Plan (the plan browser)
 * and Records.  Only what the first frame shows is built at start-up: the
 * setup, console and review pages are made when first needed; the Charts
 * place (DdChartsPage), the plan browser and the records when first
 * shown.  The window's actions are in dd-window-actions.c (the struct is shared through
 * dd-window-private.h).  The Charts place has a tool bar: zoom, export
 * (PDF, SVG, PNG) and print of the chart shown; its actions are enabled
 * only while that place is visible, so Ctrl+P and Ctrl+Shift+S are the
 * review's elsewhere.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dd-error.h"
#include "dd-resume-list.h"
#include "dd-window-private.h"

G_DEFINE_FINAL_TYPE (DdWindow, dd_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_PLAN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void drill_start_cb (DdWindow     *self,
                            DdDrillSetup *setup);
static void drill_finished_cb (DdWindow  *self,
                               DdConsole *console);

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

/* The pages of the Drill place beyond the start page, built on first use */
static DdDrillSetup *
ensure_setup (DdWindow *self)
{
  if (self->setup_page == NULL)
    {
      self->setup_page = DD_DRILL_SETUP (dd_drill_setup_new ());
      g_signal_connect_object (self->setup_page, "start", G_CALLBACK (drill_start_cb),
                               self, G_CONNECT_SWAPPED);
      dd_drill_setup_set_plan (self->setup_page, self->plan);
      dd_drill_setup_set_store_dir (self->setup_page, dd_drill_store_get_base_dir (self->store));
      adw_bin_set_child (self->setup_bin, GTK_WIDGET (self->setup_page));
    }
  return self->setup_page;
}

static DdConsole *
ensure_console (DdWindow *self)
{
  if (self->console == NULL)
    {
      self->console = DD_CONSOLE (dd_console_new ());
      g_signal_connect_object (self->console, "finished", G_CALLBACK (drill_finished_cb),
                               self, G_CONNECT_SWAPPED);
      adw_bin_set_child (self->console_bin, GTK_WIDGET (self->console));
    }
  return self->console;
}

DdPlanBrowser *
_dd_window_ensure_plan_browser (DdWindow *self)
{
  if (self->plan_browser == NULL)
    {
      self->plan_browser = DD_PLAN_BROWSER (dd_plan_browser_new ());
      if (self->plan != NULL)
        dd_plan_browser_set_plan (self->plan_browser, self->plan);
      else if (self->plan_error != NULL)
        dd_plan_browser_set_error (self->plan_browser, self->plan_error);
      adw_bin_set_child (self->plan_bin, GTK_WIDGET (self->plan_browser));
    }
  return self->plan_browser;
}

static DdRecordsPage *
ensure_records (DdWindow *self)
{
  if (self->records_page == NULL)
    {
      self->records_page = DD_RECORDS_PAGE (dd_records_page_new ());
      dd_records_page_set_store (self->records_page, self->store);
      adw_bin_set_child (self->records_bin, GTK_WIDGET (self->records_page));
    }
  return self->records_page;
}

static void chart_unit_activated_cb (DdWindow     *self,
                                     const char   *role_id,
                                     DdChartsPage *page);

static void
visible_chart_cb (DdWindow *self)
{
  if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
    _dd_window_actions_update (self);
}

DdChartsPage *
_dd_window_ensure_charts (DdWindow *self)
{
  if (self->charts_page == NULL)
    {
      self->charts_page = DD_CHARTS_PAGE (dd_charts_page_new ());
      dd_charts_page_set_plan (self->charts_page, self->plan);
      g_signal_connect_object (self->charts_page, "unit-activated",
                               G_CALLBACK (chart_unit_activated_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->charts_page, "notify::visible-chart",
                               G_CALLBACK (visible_chart_cb), self, G_CONNECT_SWAPPED);
      adw_bin_set_child (self->charts_bin, GTK_WIDGET (self->charts_page));
    }
  return self->charts_page;
}

/* The chart on show in the Charts place */
DdChartView *
_dd_window_visible_chart (DdWindow *self)
{
  return dd_charts_page_get_visible_chart (_dd_window_ensure_charts (self));
}

static void
visible_place_cb (DdWindow *self)
{
  const char *place;

  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  place = adw_view_stack_get_visible_child_name (self->view_stack);
  if (g_strcmp0 (place, "plan") == 0)
    _dd_window_ensure_plan_browser (self);
  else if (g_strcmp0 (place, "records") == 0)
    ensure_records (self);
  else if (g_strcmp0 (place, "charts") == 0)
    _dd_window_ensure_charts (self);
  _dd_window_actions_update (self);
}

static DdReviewPage *
ensure_review (DdWindow *self)
{
  if (self->review_page == NULL)
    {
      self->review_page = DD_REVIEW_PAGE (dd_review_page_new ());
      adw_bin_set_child (self->review_bin, GTK_WIDGET (self->review_page));
    }
  return self->review_page;
}

static gboolean
show_scenario (DdWindow         *self,
               DdScenarioEntry  *entry,
               GError          **error)
{
  if (!dd_drill_setup_load_file (ensure_setup (self), dd_scenario_entry_get_file (entry), error))
    return FALSE;
  g_set_object (&self->scenario, entry);
  gtk_stack_set_visible_child_name (self->drill_stack, "setup");
  dd_window_show_view (self, "drill");
  return TRUE;
}

/* The attachments of the scenario in @path that cannot be read beside it,
 * or NULL when each one can (or when the file is no scenario: loading it
 * says why).  A file chosen through the file chooser portal comes alone:
 * the portal hands out that file, not its folder. */
static GStrv
unreadable_attachments (DdWindow   *self,
                        const char *path)
{
  g_autofree char *data = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(DdScenario) scenario = NULL;
  g_autoptr(GStrvBuilder) missing = g_strv_builder_new ();
  GPtrArray *injects;
  gsize len = 0;
  guint n = 0;

  if (self->plan == NULL || !g_file_get_contents (path, &data, &len, NULL))
    return NULL;
  /* Without a folder: the attachments are listed, not looked for */
  scenario = dd_scenario_load_data (path, data, len, NULL, self->plan, NULL);
  if (scenario == NULL)
    return NULL;
  injects = dd_scenario_get_injects (scenario);
  for (guint i = 0; i < injects->len; i++)
    {
      const DdInject *inject = g_ptr_array_index (injects, i);

      for (guint k = 0; k < inject->attachments->len; k++)
        {
          const DdAttachment *a = g_ptr_array_index (inject->attachments, k);
          g_autofree char *file = g_build_filename (dir, a->file, NULL);

          if (!g_file_test (file, G_FILE_TEST_IS_REGULAR))
            {
              g_strv_builder_add (missing, a->file);
              n++;
            }
        }
    }
  return n > 0 ? g_strv_builder_end (missing) : NULL;
}

static void
folder_chooser_response_cb (DdWindow             *self,
                            int                   response,
                            GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;
  GFile *opened = g_object_get_data (G_OBJECT (chooser), "dd-scenario");

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (folder != NULL && !dd_window_open_scenario_in_folder (self, folder, opened, &error))
    dd_window_add_toast (self, error->message);
  if (self->folder_chooser == chooser)
    g_clear_object (&self->folder_chooser);
}

static void
folder_dialog_response_cb (DdWindow         *self,
                           const char       *response,
                           AdwMessageDialog *dialog)
{
  GFile *opened = g_object_get_data (G_OBJECT (dialog), "dd-scenario");

  if (g_strcmp0 (response, "choose") != 0)
    return;
  if (self->folder_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->folder_chooser));
  g_clear_object (&self->folder_chooser);
  /* Through the portal, a folder chosen is a folder shared */
  self->folder_chooser = gtk_file_chooser_native_new (_("Choose the Scenario’s Folder"), GTK_WINDOW (self),
                                                      GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                                      _("_Select"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->folder_chooser), TRUE);
  g_object_set_data_full (G_OBJECT (self->folder_chooser), "dd-scenario",
                          g_object_ref (opened), g_object_unref);
  g_signal_connect_object (self->folder_chooser, "response",
                           G_CALLBACK (folder_chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->folder_chooser));
}

/* Asks for the folder of @file, whose attachments @missing cannot be read */
static void
ask_for_folder (DdWindow   *self,
                GFile      *file,
                const char *const *missing)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *list = g_strjoinv (", ", (char **) missing);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: %s is a file name, then the attachments' names */
                                       "DrillDesk cannot read the attachment that comes with “%s” next to it: %s. "
                                       "Choose the folder that holds the scenario to give access to it.",
                                       "DrillDesk cannot read the attachments that come with “%s” next to it: %s. "
                                       "Choose the folder that holds the scenario to give access to them.",
                                       g_strv_length ((char **) missing)),
                          name, list);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Open the Scenario’s Folder?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "choose", _("C_hoose Folder…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "choose",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "choose");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "dd-scenario", g_object_ref (file), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (folder_dialog_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------ */
/* Callbacks                                                           */

static void
scenario_activated_cb (DdWindow        *self,
                       DdScenarioEntry *entry,
                       DdStartPage     *page)
{
  g_autoptr(GError) error = NULL;

  if (!show_scenario (self, entry, &error))
    dd_window_add_toast (self, error->message);
}

static void
unit_dialog_response_cb (DdWindow         *self,
                         const char       *response,
                         AdwMessageDialog *dialog)
{
  if (g_strcmp0 (response, "plan") != 0)
    return;
  dd_window_show_view (self, "plan");
  dd_plan_browser_show_section (_dd_window_ensure_plan_browser (self), "organisation");
}

/* A unit clicked on a chart: its duties and duty phone */
static void
chart_unit_activated_cb (DdWindow     *self,
                         const char   *role_id,
                         DdChartsPage *page)
{
  const DdRole *role = self->plan != NULL ? dd_plan_lookup_role (self->plan, role_id) : NULL;
  const char *area_code;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GString) duties = g_string_new (NULL);
  GtkWidget *dialog;
  GtkWidget *label;

  if (role == NULL)
    return;
  if (role->holder != NULL)
    g_string_append_printf (body, "%s\n", role->holder);
  area_code = dd_plan_get_phone_area_code (self->plan);
  if (role->phone == NULL)
    g_string_append (body, _("No duty phone is listed in the plan."));
  else if (area_code != NULL && strchr (role->phone, '-') == NULL)
    /* Translators: a unit's duty phone, then its area code */
    g_string_append_printf (body, _("Duty phone: %s (area code %s)"), role->phone, area_code);
  else
    g_string_append_printf (body, _("Duty phone: %s"), role->phone);

  if (role->duties != NULL && role->duties[0] != NULL)
    {
      if (role->clause != NULL)
        /* Translators: heading of a unit's duties; %s is a clause number of the plan */
        g_string_append_printf (duties, _("Duties (§ %s):"), role->clause);
      else
        g_string_append (duties, _("Duties:"));
      for (guint i = 0; role->duties[i] != NULL; i++)
        g_string_append_printf (duties, "\n• %s", role->duties[i]);
    }
  else
    g_string_append (duties, _("The plan lists no duties of its own for this unit."));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), role->name, body->str);
  /* The duties as a list: left-aligned, unlike the dialog's body */
  label = gtk_label_new (duties->str);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), label);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "plan", _("Show in the _Plan"),
                                    "close", _("_Close"),
                                    NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  g_signal_connect_object (dialog, "response", G_CALLBACK (unit_dialog_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_dd_window_show_drill (DdWindow *self,
                       DdDrill  *drill)
{
  dd_console_set_drill (ensure_console (self), drill);
  gtk_stack_set_visible_child_name (self->drill_stack, "console");
  dd_window_show_view (self, "drill");
}

static void
drill_start_cb (DdWindow     *self,
                DdDrillSetup *setup)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdDrill) drill = dd_drill_setup_create_drill (setup, self->store, NULL, &error);

  if (drill == NULL)
    dd_window_add_toast (self, error->message);
  else
    _dd_window_show_drill (self, drill);
  if (self->records_page != NULL)
    dd_records_page_reload (self->records_page);
}

static void
drill_finished_cb (DdWindow  *self,
                   DdConsole *console)
{
  dd_review_page_set_drill (ensure_review (self), dd_console_get_drill (console));
  gtk_stack_set_visible_child_name (self->drill_stack, "review");
  if (self->records_page != NULL)
    dd_records_page_reload (self->records_page);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static gboolean
dd_window_close_request (GtkWindow *window)
{
  DdWindow *self = DD_WINDOW (window);

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (self->settings);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
      g_settings_apply (self->settings);
    }

  return GTK_WINDOW_CLASS (dd_window_parent_class)->close_request (window);
}

static void
dd_window_dispose (GObject *object)
{
  DdWindow *self = DD_WINDOW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->chart_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chart_chooser));
  g_clear_object (&self->chart_chooser);
  if (self->folder_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->folder_chooser));
  g_clear_object (&self->folder_chooser);

  /* Detach the switchers before the stack goes (libadwaita 1.2 warns otherwise) */
  if (self->switcher_bar != NULL)
    adw_view_switcher_bar_set_stack (self->switcher_bar, NULL);
  if (self->switcher_title != NULL)
    adw_view_switcher_title_set_stack (self->switcher_title, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_WINDOW);
  /* Children of the bins above, gone with them */
  self->setup_page = NULL;
  self->console = NULL;
  self->review_page = NULL;
  self->plan_browser = NULL;
  self->records_page = NULL;
  g_clear_error (&self->plan_error);
  g_clear_object (&self->plan);
  g_clear_object (&self->settings);
  g_clear_object (&self->scenario);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dd_window_parent_class)->dispose (object);
}

static void
dd_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  DdWindow *self = DD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      g_value_set_object (value, self->plan);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  DdWindow *self = DD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      dd_window_set_plan (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_window_class_init (DdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = dd_window_dispose;
  object_class->get_property = dd_window_get_property;
  object_class->set_property = dd_window_set_property;
  window_class->close_request = dd_window_close_request;

  properties[PROP_PLAN] =
    g_param_spec_object ("plan", NULL, NULL, DD_TYPE_PLAN,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DD_TYPE_START_PAGE);
  g_type_ensure (DD_TYPE_PLAN_BROWSER);
  g_type_ensure (DD_TYPE_DRILL_SETUP);
  g_type_ensure (DD_TYPE_CONSOLE);
  g_type_ensure (DD_TYPE_REVIEW_PAGE);
  g_type_ensure (DD_TYPE_RESUME_LIST);
  g_type_ensure (DD_TYPE_RECORDS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/dd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, drill_stack);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, start_page);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, setup_bin);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, review_bin);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, console_bin);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, charts_bin);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, plan_bin);
  gtk_widget_class_bind_template_callback (widget_class, visible_place_cb);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, records_bin);
  gtk_widget_class_bind_template_callback (widget_class, scenario_activated_cb);

  _dd_window_class_actions_init (klass);
}

static void
dd_window_init (DdWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->store = dd_drill_store_new (NULL);

  if (DEVELOPMENT)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
  /* Translators: the application's name in window titles */
  gtk_window_set_title (GTK_WINDOW (self), _("DrillDesk"));
  gtk_window_set_icon_name (GTK_WINDOW (self), APP_ID);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", FALSE);
  _dd_window_actions_update (self);
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */

DdWindow *
dd_window_new (GtkApplication *application)
{
  return g_object_new (DD_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

DdPlan *
dd_window_get_plan (DdWindow *self)
{
  g_return_val_if_fail (DD_IS_WINDOW (self), NULL);
  return self->plan;
}

void
dd_window_set_plan (DdWindow *self,
                    DdPlan   *plan)
{
  g_return_if_fail (DD_IS_WINDOW (self));
  g_return_if_fail (plan == NULL || DD_IS_PLAN (plan));

  if (!g_set_object (&self->plan, plan))
    return;

  if (self->plan_browser != NULL)
    dd_plan_browser_set_plan (self->plan_browser, plan);
  dd_start_page_set_plan (self->start_page, plan);
  if (self->setup_page != NULL)
    dd_drill_setup_set_plan (self->setup_page, plan);
  if (self->charts_page != NULL)
    dd_charts_page_set_plan (self->charts_page, plan);
  adw_view_switcher_title_set_subtitle (self->switcher_title,
                                        plan != NULL ? dd_plan_get_identity (plan)->short_title : NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", plan != NULL);
  _dd_window_actions_update (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
}

/**
 * dd_window_set_plan_error:
 * @error: why the plan could not be loaded
 */
void
dd_window_set_plan_error (DdWindow     *self,
                          const GError *error)
{
  g_return_if_fail (DD_IS_WINDOW (self));

  dd_window_set_plan (self, NULL);
  g_clear_error (&self->plan_error);
  self->plan_error = g_error_copy (error);
  if (self->plan_browser != NULL)
    dd_plan_browser_set_error (self->plan_browser, error);
  dd_start_page_set_plan (self->start_page, NULL);
}

/**
 * dd_window_set_settings:
 * @settings: (nullable): the application's settings, for the window size
 */
void
dd_window_set_settings (DdWindow  *self,
                        GSettings *settings)
{
  g_return_if_fail (DD_IS_WINDOW (self));

  if (!g_set_object (&self->settings, settings) || settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

void
dd_window_show_view (DdWindow   *self,
                     const char *name)
{
  g_return_if_fail (DD_IS_WINDOW (self));

  if (adw_view_stack_get_child_by_name (self->view_stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}

const char *
dd_window_get_visible_view (DdWindow *self)
{
  g_return_val_if_fail (DD_IS_WINDOW (self), NULL);
  return adw_view_stack_get_visible_child_name (self->view_stack);
}

void
dd_window_add_toast (DdWindow   *self,
                     const char *title)
{
  AdwToast *toast;

  g_return_if_fail (DD_IS_WINDOW (self));

  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * dd_window_open_scenario:
 * @file: a scenario XML file
 *
 * Reads the scenario and shows it on the Drill page.  When its attachments
 * cannot be read beside it (a file handed out by the file chooser portal
 * comes without its folder), asks for the scenario's folder instead and
 * opens it from there (dd_window_open_scenario_in_folder ()).
 *
 * Returns: %FALSE with @error set if the file is not a scenario or does
 *   not load
 */
gboolean
dd_window_open_scenario (DdWindow  *self,
                         GFile     *file,
                         GError   **error)
{
  g_autoptr(DdScenarioEntry) entry = NULL;
  g_autofree char *path = NULL;
  g_auto(GStrv) missing = NULL;

  g_return_val_if_fail (DD_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  entry = dd_scenario_entry_load (file, self->plan, error);
  if (entry == NULL)
    return FALSE;
  path = g_file_get_path (file);
  missing = path != NULL ? unreadable_attachments (self, path) : NULL;
  if (missing != NULL)
    {
      ask_for_folder (self, file, (const char *const *) missing);
      return TRUE;
    }
  return show_scenario (self, entry, error);
}

/**
 * dd_window_open_scenario_in_folder:
 * @folder: the folder the person chose for the scenario
 * @opened: the scenario file opened first (perhaps a copy without its folder)
 *
 * Opens the scenario from @folder, with its attachments: the file there of
 * the same name, which must hold the same bytes as @opened.
 *
 * Returns: %FALSE with @error set if @folder holds no such scenario or it
 *   does not load
 */
gboolean
dd_window_open_scenario_in_folder (DdWindow  *self,
                                   GFile     *folder,
                                   GFile     *opened,
                                   GError   **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) mine = NULL;
  g_autoptr(GBytes) theirs = NULL;
  g_autoptr(DdScenarioEntry) entry = NULL;

  g_return_val_if_fail (DD_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (folder) && G_IS_FILE (opened), FALSE);

  name = g_file_get_basename (opened);
  file = g_file_get_child (folder, name);
  theirs = g_file_load_bytes (file, NULL, NULL, NULL);
  if (theirs == NULL)
    {
      /* Translators: a folder, then the scenario's file name */
      g_set_error (error, DD_ERROR, DD_ERROR_IO, _("%s: this folder holds no %s"),
                   g_file_peek_path (folder), name);
      return FALSE;
    }
  mine = g_file_load_bytes (opened, NULL, NULL, error);
  if (mine == NULL)
    return FALSE;
  if (!g_bytes_equal (mine, theirs))
    {
      /* Translators: a file in the folder chosen */
      g_set_error (error, DD_ERROR, DD_ERROR_IO, _("%s is not the scenario that was opened"),
                   g_file_peek_path (file));
      return FALSE;
    }
  entry = dd_scenario_entry_load (file, self->plan, error);
  return entry != NULL && show_scenario (self, entry, error);
}

/**
 * dd_window_get_drill_stack:
 *
 * Returns: (transfer none): the Drill place: a #GtkStack with the pages
 *   "start", "setup" and "console"
 */
GtkStack *
dd_window_get_drill_stack (DdWindow *self)
{
  g_return_val_if_fail (DD_IS_WINDOW (self), NULL);
  return self->drill_stack;
}

/**
 * dd_window_get_console_bin:
 *
 * Returns: (transfer none): the holder of the facilitator console
 */
AdwBin *
dd_window_get_console_bin (DdWindow *self)
{
  g_return_val_if_fail (DD_IS_WINDOW (self), NULL);
  return self->console_bin;
}

/**
 * dd_window_get_charts_bin:
 *
 * Returns: (transfer none): the holder of the Charts place, its page built
 */
AdwBin *
dd_window_get_charts_bin (DdWindow *self)
{
  g_return_val_if_fail (DD_IS_WINDOW (self), NULL);
  _dd_window_ensure_charts (self);
  return self->charts_bin;
}

GtkWidget *
dd_window_get_plan_browser (DdWindow *self)
{
  g_return_val_if_fail (DD_IS_WINDOW (self), NULL);
  return GTK_WIDGET (_dd_window_ensure_plan_browser (self));
}

GtkWidget *
dd_window_get_records_page (DdWindow *self)
{
  g_return_val_if_fail (DD_IS_WINDOW (self), NULL);
  return GTK_WIDGET (ensure_records (self));
}

GtkWidget *
dd_window_get_start_page (DdWindow *self)
{
  g_return_val_if_fail (DD_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->start_page);
}

static void
chart_draw_page_cb (GtkPrintOperation *op,
                    GtkPrintContext   *context,
                    int                page_nr,
                    DdChartView       *view)
{
  dd_chart_draw_layout_page (gtk_print_context_get_cairo_context (context),
                             gtk_print_context_get_width (context),
                             gtk_print_context_get_height (context),
                             dd_chart_view_get_layout (view),
                             dd_chart_view_get_overlay (view));
}static gboolean
has_plan (DdWindow  *self,
          GError   **error)
{
  if (self->plan == NULL)
    g_set_error_literal (error, DD_ERROR, DD_ERROR_STATE, _("No plan is loaded"));
  return self->plan != NULL;
}

/**
 * dd_window_export_chart:
 * @format: PDF (A4, oriented after the chart), SVG or PNG
 * @path: where to write
 *
 * Writes the chart shown in the Charts place, with its drill overlay if it
 * has one, as win.chart-export does with the file chosen.
 *
 * Returns: %FALSE with @error set if no plan is loaded or the file cannot
 *   be written
 */
gboolean
dd_window_export_chart (DdWindow        *self,
                        DdRenderFormat   format,
                        const char      *path,
                        GError         **error)
{
  DdRenderOptions options = { format, DD_RENDER_PAPER_A4, 0 };
  DdChartView *view;

  g_return_val_if_fail (DD_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!has_plan (self, error))
    return FALSE;
  view = _dd_window_visible_chart (self);
  return dd_render_layout_to_file (dd_chart_view_get_layout (view), dd_chart_view_get_overlay (view),
                                   &options, path, error);
}

/**
 * dd_window_print_chart:
 * @action: %GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, or
 *   %GTK_PRINT_OPERATION_ACTION_EXPORT with @export_filename
 * @export_filename: (nullable): the PDF to write for an export
 *
 * Prints the chart shown in the Charts place on one A4 page (landscape
 * for a wide chart), fitted inside the printable area.
 */
GtkPrintOperationResult
dd_window_print_chart (DdWindow                 *self,
                       GtkPrintOperationAction   action,
                       const char               *export_filename,
                       GError                  **error)
{
  g_autoptr(GtkPrintOperation) op = NULL;
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autoptr(GtkPaperSize) paper = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  const DdChartLayout *layout;
  DdChartView *view;
  double width, height;

  g_return_val_if_fail (DD_IS_WINDOW (self), GTK_PRINT_OPERATION_RESULT_ERROR);

  if (!has_plan (self, error))
    return GTK_PRINT_OPERATION_RESULT_ERROR;
  view = _dd_window_visible_chart (self);
  layout = dd_chart_view_get_layout (view);
  dd_render_page_size (DD_RENDER_PAPER_A4, layout, &width, &height);

  setup = gtk_page_setup_new ();
  gtk_page_setup_set_paper_size (setup, paper);
  gtk_page_setup_set_orientation (setup, width > height ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                                        : GTK_PAGE_ORIENTATION_PORTRAIT);
  op = gtk_print_operation_new ();
  gtk_print_operation_set_default_page_setup (op, setup);
  gtk_print_operation_set_n_pages (op, 1);
  gtk_print_operation_set_unit (op, GTK_UNIT_POINTS);
  /* Inside the printer's margins: the chart is scaled to what it can print */
  gtk_print_operation_set_use_full_page (op, FALSE);
  gtk_print_operation_set_job_name (op, layout->title);
  gtk_print_operation_set_embed_page_setup (op, TRUE);
  if (export_filename != NULL)
    gtk_print_operation_set_export_filename (op, export_filename);
  g_signal_connect_object (op, "draw-page", G_CALLBACK (chart_draw_page_cb), view, 0);
  return gtk_print_operation_run (op, action, GTK_WINDOW (self), error);
}
