/* dd-preferences-window.c — the preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Bound to the application's GSettings; without settings (no compiled
 * schema found) the rows are insensitive.
 */
#include "config.h"

#include "dd-preferences-window.h"

struct _DdPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  /* template children */
  AdwComboRow          *style_row;
  AdwComboRow          *review_style_row;
};

G_DEFINE_FINAL_TYPE (DdPreferencesWindow, dd_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The order of the combo rows' items, NULL-terminated */
static const char * const color_schemes[] = { "default", "light", "dark", NULL };
static const char * const review_styles[] = { "report", "official", NULL };

/* @user_data: the row's values */
static gboolean
value_to_index (GValue   *value,
                GVariant *variant,
                gpointer  user_data)
{
  const char * const *values = user_data;
  const char *name = g_variant_get_string (variant, NULL);

  for (guint i = 0; values[i] != NULL; i++)
    if (g_str_equal (name, values[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
index_to_value (const GValue       *value,
                const GVariantType *expected_type,
                gpointer            user_data)
{
  const char * const *values = user_data;
  guint index = g_value_get_uint (value);

  if (index >= g_strv_length ((char **) values))
    index = 0;
  return g_variant_new_string (values[index]);
}

static void
bind_row (GSettings          *settings,
          const char         *key,
          AdwComboRow        *row,
          const char * const *values)
{
  g_settings_bind_with_mapping (settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                value_to_index, index_to_value, (gpointer) values, NULL);
}

static void
dd_preferences_window_dispose (GObject *object)
{
  DdPreferencesWindow *self = DD_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (dd_preferences_window_parent_class)->dispose (object);
}

static void
dd_preferences_window_class_init (DdPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/dd-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DdPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, DdPreferencesWindow, review_style_row);
}

static void
dd_preferences_window_init (DdPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * dd_preferences_window_new:
 * @parent: (nullable): the window it belongs to
 * @settings: (nullable): the application's settings
 */
GtkWidget *
dd_preferences_window_new (GtkWindow *parent,
                           GSettings *settings)
{
  DdPreferencesWindow *self = g_object_new (DD_TYPE_PREFERENCES_WINDOW,
                                            "transient-for", parent,
                                            NULL);

  if (settings != NULL)
    {
      self->settings = g_object_ref (settings);
      bind_row (settings, "color-scheme", self->style_row, color_schemes);
      bind_row (settings, "review-style", self->review_style_row, review_styles);
    }
  else
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->style_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->review_style_row), FALSE);
    }

  return GTK_WIDGET (self);
}
