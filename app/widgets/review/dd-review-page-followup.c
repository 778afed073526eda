/* dd-review-page-followup.c — the review page's improvement items followed
 * up: the items of earlier drills this drill verified or saw recur, read
 * off the main thread from the drill store's register
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dd-review-page-private.h"
#include "dd-year-follow.h"

typedef struct {
  char *store_dir;
  char *drill;
} FollowQuery;

static void
follow_query_free (gpointer data)
{
  FollowQuery *q = data;

  g_free (q->store_dir);
  g_free (q->drill);
  g_free (q);
}

static void
follow_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  FollowQuery *q = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdYearDb) db = dd_year_db_open (q->store_dir, NULL, &error);
  GPtrArray *items = db != NULL ? dd_year_db_list_follow_up (db, q->drill, &error) : NULL;

  /* A store that cannot be read is said by the records; the review keeps quiet */
  if (error != NULL)
    g_debug ("review follow-up: %s", error->message);
  g_task_return_pointer (task, items, (GDestroyNotify) g_ptr_array_unref);
}

static void
show_follow_up (DdReviewPage *self,
                GPtrArray    *items)
{
  for (guint i = 0; i < self->follow_rows->len; i++)
    adw_preferences_group_remove (self->followup_group, g_ptr_array_index (self->follow_rows, i));
  g_ptr_array_set_size (self->follow_rows, 0);

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      const DdYearItem *item = g_ptr_array_index (items, i);
      gboolean recurred = strcmp (item->status, "reopened") == 0;
      const DdRole *role = item->owner != NULL && self->plan != NULL ? dd_plan_lookup_role (self->plan, item->owner) : NULL;
      const char *what = recurred ? C_("improvement item", "Reopened") : C_("improvement item", "Verified");
      g_autofree char *subtitle = NULL;
      g_autofree char *label = NULL;
      GtkWidget *row = adw_action_row_new ();

      /* Translators: what this drill did to an earlier item · its owner · its clause */
      subtitle = g_strdup_printf (_("%s · %s · § %s"), what,
                                  role != NULL ? role->name : item->owner != NULL ? item->owner : "—", item->clause);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->action);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_set_icon_name (ADW_ACTION_ROW (row), recurred ? "dialog-warning-symbolic" : "object-select-symbolic");
      /* Translators: an earlier improvement item read out: action, then status, owner, clause */
      label = g_strdup_printf (_("Improvement item followed up: %s; %s"), item->action, subtitle);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      adw_preferences_group_add (self->followup_group, row);
      g_ptr_array_add (self->follow_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->followup_group), self->follow_rows->len > 0);
}

static void
follow_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GPtrArray) items = g_task_propagate_pointer (G_TASK (result), NULL);

  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  show_follow_up (DD_REVIEW_PAGE (source), items);
}

void
dd_review_page_refresh_follow_up (DdReviewPage *self)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *store_dir = NULL;
  g_autofree char *drill = NULL;
  FollowQuery *q;

  g_cancellable_cancel (self->follow_cancellable);
  g_clear_object (&self->follow_cancellable);
  show_follow_up (self, NULL);
  if (self->journal_path == NULL || !dd_year_follow_store_of (self->journal_path, &store_dir, &drill))
    return;

  self->follow_cancellable = g_cancellable_new ();
  q = g_new0 (FollowQuery, 1);
  q->store_dir = g_steal_pointer (&store_dir);
  q->drill = g_steal_pointer (&drill);
  task = g_task_new (self, self->follow_cancellable, follow_done_cb, NULL);
  g_task_set_source_tag (task, dd_review_page_refresh_follow_up);
  g_task_set_task_data (task, q, follow_query_free);
  g_task_run_in_thread (task, follow_thread);
}

void
dd_review_page_follow_up_to_report (Job      *job,
                                    DdReport *report)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdYearDb) db = NULL;

  if (job->store_dir == NULL)
    return;
  db = dd_year_db_open (job->store_dir, NULL, &error);
  if (db == NULL || dd_year_follow_up_to_report (db, job->drill_id, report, &error) < 0)
    g_debug ("review follow-up: %s", error->message);
}
