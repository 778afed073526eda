/* dd-year-notice.c — on the start page: what the year still owes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dd-programme-page.h"
#include "dd-year-db.h"
#include "dd-year-duty.h"
#include "dd-year-notice.h"

struct _DdYearNotice
{
  AdwBin        parent_instance;

  GtkLabel     *label;
  GtkButton    *programme_button;

  char         *store_dir;
  char         *text;
  GCancellable *cancellable;
  GdkFrameClock *clock;         /* until the first frame is painted */
  gulong        after_paint_id;
  gboolean      started;
};

G_DEFINE_FINAL_TYPE (DdYearNotice, dd_year_notice, ADW_TYPE_BIN)

enum { PROP_0, PROP_TEXT, N_PROPS };
static GParamSpec *properties[N_PROPS];

char *
dd_year_notice_describe (const char  *store_dir,
                         const char  *today,
                         GError     **error)
{
  g_autoptr(DdPlan) plan = dd_plan_load_default (error);
  g_autoptr(DdYearDb) db = NULL;
  g_autoptr(GPtrArray) drills = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(DdDutyVerdict) v = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  guint overdue = 0;

  if (plan == NULL || (db = dd_year_db_open (store_dir, NULL, error)) == NULL ||
      (drills = dd_year_db_list_drills (db, 0, error)) == NULL ||
      (items = dd_year_db_list_items (db, error)) == NULL)
    return NULL;

  v = dd_year_duty_check (plan, drills, (int) g_ascii_strtoll (today, NULL, 10), today);
  if (!v->met)
    {
      g_string_append_printf (text, _("This year's drill duty is not met yet — due by %s."), v->deadline);
      for (guint i = 0; i < v->reasons->len; i++)
        g_string_append_printf (text, "\n• %s", (const char *) g_ptr_array_index (v->reasons, i));
    }
  for (guint i = 0; i < items->len; i++)
    {
      const DdYearItem *item = g_ptr_array_index (items, i);

      if (item->due == NULL || strcmp (item->due, today) >= 0 ||
          g_strcmp0 (item->status, "verified") == 0 || g_strcmp0 (item->status, "done") == 0)
        continue;
      if (overdue++ == 0)
        g_string_append_printf (text, "%s%s", text->len ? "\n" : "", _("Improvement items past their due date:"));
      /* Translators: an overdue improvement item: action, due date */
      g_string_append_printf (text, _("\n• %s (due %s)"), item->action, item->due);
    }
  return text->len > 0 ? g_strdup (text->str) : NULL;
}

static void
describe_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(GError) error = NULL;
  char *text = dd_year_notice_describe (task_data, today, &error);

  /* A store that cannot be read is said by the records; the notice keeps quiet */
  if (error != NULL)
    g_debug ("year notice: %s", error->message);
  g_task_return_pointer (task, text, g_free);
}

static void
describe_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autofree char *text = g_task_propagate_pointer (G_TASK (result), NULL);
  DdYearNotice *self;

  if (g_task_had_error (G_TASK (result)) || g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  self = DD_YEAR_NOTICE (source);
  g_free (self->text);
  self->text = g_steal_pointer (&text);
  gtk_label_set_text (self->label, self->text != NULL ? self->text : "");
  /* The bin stays visible (it waits for the first frame when mapped); its
   * content shows when there is something to say */
  gtk_widget_set_visible (adw_bin_get_child (ADW_BIN (self)), self->text != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

static void
programme_clicked_cb (GtkButton    *button,
                      DdYearNotice *self)
{
  dd_programme_page_present (GTK_WIDGET (self), self->store_dir);
}

static void
stop_waiting (DdYearNotice *self)
{
  if (self->after_paint_id != 0)
    g_signal_handler_disconnect (self->clock, self->after_paint_id);
  self->after_paint_id = 0;
  g_clear_object (&self->clock);
}

/* The first reading starts once the window's first frame is on screen:
 * the start page never waits for the database, nor shares the CPU with it
 * before then. */
static void
after_paint_cb (GdkFrameClock *clock,
                DdYearNotice  *self)
{
  stop_waiting (self);
  if (!self->started)
    dd_year_notice_refresh (self);
}

static void
dd_year_notice_map (GtkWidget *widget)
{
  DdYearNotice *self = DD_YEAR_NOTICE (widget);

  GTK_WIDGET_CLASS (dd_year_notice_parent_class)->map (widget);
  if (!self->started && self->after_paint_id == 0 && gtk_widget_get_frame_clock (widget) != NULL)
    {
      self->clock = g_object_ref (gtk_widget_get_frame_clock (widget));
      self->after_paint_id = g_signal_connect (self->clock, "after-paint", G_CALLBACK (after_paint_cb), self);
    }
}

static void
dd_year_notice_unmap (GtkWidget *widget)
{
  stop_waiting (DD_YEAR_NOTICE (widget));
  GTK_WIDGET_CLASS (dd_year_notice_parent_class)->unmap (widget);
}

static void
dd_year_notice_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DdYearNotice *self = DD_YEAR_NOTICE (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_year_notice_dispose (GObject *object)
{
  DdYearNotice *self = DD_YEAR_NOTICE (object);

  stop_waiting (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), DD_TYPE_YEAR_NOTICE);
  G_OBJECT_CLASS (dd_year_notice_parent_class)->dispose (object);
}

static void
dd_year_notice_finalize (GObject *object)
{
  DdYearNotice *self = DD_YEAR_NOTICE (object);

  g_free (self->store_dir);
  g_free (self->text);
  G_OBJECT_CLASS (dd_year_notice_parent_class)->finalize (object);
}

static void
dd_year_notice_class_init (DdYearNoticeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = dd_year_notice_get_property;
  object_class->dispose = dd_year_notice_dispose;
  object_class->finalize = dd_year_notice_finalize;
  widget_class->map = dd_year_notice_map;
  widget_class->unmap = dd_year_notice_unmap;

  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/dd-year-notice.ui");
  gtk_widget_class_bind_template_child (widget_class, DdYearNotice, label);
  gtk_widget_class_bind_template_child (widget_class, DdYearNotice, programme_button);
}

static void
dd_year_notice_init (DdYearNotice *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self->programme_button, "clicked", G_CALLBACK (programme_clicked_cb), self);
}

GtkWidget *
dd_year_notice_new (void)
{
  return g_object_new (DD_TYPE_YEAR_NOTICE, NULL);
}

void
dd_year_notice_set_store_dir (DdYearNotice *self,
                              const char   *store_dir)
{
  g_return_if_fail (DD_IS_YEAR_NOTICE (self));

  g_free (self->store_dir);
  self->store_dir = g_strdup (store_dir);
  dd_year_notice_refresh (self);
}

void
dd_year_notice_refresh (DdYearNotice *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DD_IS_YEAR_NOTICE (self));

  self->started = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, describe_done_cb, NULL);
  g_task_set_task_data (task, g_strdup (self->store_dir), g_free);
  g_task_run_in_thread (task, describe_thread);
}

const char *
dd_year_notice_get_text (DdYearNotice *self)
{
  g_return_val_if_fail (DD_IS_YEAR_NOTICE (self), NULL);
  return self->text;
}
