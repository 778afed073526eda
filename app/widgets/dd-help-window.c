/* dd-help-window.c — the user guide, offline (F1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The guide is a plain text per language in the resources
 * (ui/help/guide-LANG.txt): "# " a title, "## " a section, "- " an item.
 * The language is the interface's, as gettext chooses it; English when
 * there is no guide in it.
 */
#include "config.h"

#include <string.h>

#include "dd-help-window.h"

#define HELP_PREFIX RESOURCE_PREFIX "/help/"

struct _DdHelpWindow
{
  AdwWindow    parent_instance;

  /* template children */
  GtkTextView *text_view;
};

G_DEFINE_FINAL_TYPE (DdHelpWindow, dd_help_window, ADW_TYPE_WINDOW)

/* The guide for the first of the user's languages that has one */
static GBytes *
load_guide (void)
{
  const char *const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (HELP_PREFIX "guide-", names[i], ".txt", NULL);
      GBytes *bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

      if (bytes != NULL)
        return bytes;
    }
  return g_resources_lookup_data (HELP_PREFIX "guide-C.txt", G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
}

static void
fill (DdHelpWindow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  g_autoptr(GBytes) bytes = load_guide ();
  g_auto(GStrv) lines = NULL;
  GtkTextIter end;

  gtk_text_buffer_create_tag (buffer, "title", "scale", 1.7, "weight", PANGO_WEIGHT_BOLD,
                              "pixels-below-lines", 12, NULL);
  gtk_text_buffer_create_tag (buffer, "section", "scale", 1.25, "weight", PANGO_WEIGHT_BOLD,
                              "pixels-above-lines", 18, NULL);
  gtk_text_buffer_create_tag (buffer, "item", "left-margin", 52, "indent", -16, NULL);
  if (bytes == NULL)
    return;
  lines = g_strsplit (g_bytes_get_data (bytes, NULL), "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *tag = NULL;
      g_autofree char *text = NULL;

      if (*line == '\0')
        continue;
      if (g_str_has_prefix (line, "## "))
        tag = "section", line += 3;
      else if (g_str_has_prefix (line, "# "))
        tag = "title", line += 2;
      else if (g_str_has_prefix (line, "- "))
        tag = "item", text = g_strconcat ("•\u2002", line + 2, NULL);
      gtk_text_buffer_get_end_iter (buffer, &end);
      if (tag != NULL)
        gtk_text_buffer_insert_with_tags_by_name (buffer, &end, text != NULL ? text : line, -1, tag, NULL);
      else
        gtk_text_buffer_insert (buffer, &end, line, -1);
      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_insert (buffer, &end, "\n", 1);
    }
}

static void
dd_help_window_class_init (DdHelpWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/dd-help-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DdHelpWindow, text_view);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dd_help_window_init (DdHelpWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fill (self);
}

GtkWidget *
dd_help_window_new (void)
{
  return g_object_new (DD_TYPE_HELP_WINDOW, NULL);
}

char *
dd_help_window_get_text (DdHelpWindow *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (DD_IS_HELP_WINDOW (self), NULL);

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}
