/* dd-records-page.c — the Records place: past drills, their scores, reviews
 * and comparisons
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every drill of the drill store in a table (title, date, plan, state,
 * overall score, P/S/M/U), newest first.  Scores are those of
 * `drilldesk-cli score` on the journal, with the plan and scenario copies
 * in the drill's folder (dd_drill_summarize (), cached in the folder);
 * they are computed in one worker thread so the list shows at once.  A
 * finished drill opens in a review page of its own (read-only: its journal
 * is only read), from which it prints and exports; an unfinished one is
 * resumed through the window's "win.resume-drill".  Two drills of one
 * scenario can be compared: overall, per phase, and the findings one has
 * and the other has not, each with its "Why?" link.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dd-drill-record.h"
#include "dd-error.h"
#include "dd-programme-page.h"
#include "dd-records-page-private.h"
#include "dd-why-button.h"

/* ------------------------------------------------------------------ */
/* One row: a drill and what is known of its score                     */

G_DEFINE_FINAL_TYPE (DdRecordItem, dd_record_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_SCORE_TEXT,
  ITEM_PROP_RATINGS_TEXT,
  ITEM_N_PROPS
};

static GParamSpec *item_properties[ITEM_N_PROPS];

static void
dd_record_item_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DdRecordItem *self = DD_RECORD_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_SCORE_TEXT:
      g_value_set_string (value, self->score_text);
      break;
    case ITEM_PROP_RATINGS_TEXT:
      g_value_set_string (value, self->ratings_text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_record_item_finalize (GObject *object)
{
  DdRecordItem *self = DD_RECORD_ITEM (object);

  g_clear_object (&self->info);
  g_free (self->date_text);
  g_free (self->score_text);
  g_free (self->ratings_text);
  g_free (self->scenario_id);
  G_OBJECT_CLASS (dd_record_item_parent_class)->finalize (object);
}

static void
dd_record_item_class_init (DdRecordItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dd_record_item_finalize;
  object_class->get_property = dd_record_item_get_property;
  item_properties[ITEM_PROP_SCORE_TEXT] =
    g_param_spec_string ("score-text", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_RATINGS_TEXT] =
    g_param_spec_string ("ratings-text", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
dd_record_item_init (DdRecordItem *self)
{
}

static DdRecordItem *
dd_record_item_new (DdDrillInfo *info)
{
  DdRecordItem *self = g_object_new (DD_TYPE_RECORD_ITEM, NULL);
  GDateTime *created = dd_drill_info_get_created (info);

  self->info = g_object_ref (info);
  self->date_text = created != NULL ? g_date_time_format (created, "%x %H:%M") : g_strdup ("");
  self->score_text = g_strdup (dd_drill_info_get_state (info) == DD_DRILL_STATE_FINISHED ? "…" : "—");
  self->ratings_text = g_strdup ("");
  self->pending = dd_drill_info_get_state (info) != DD_DRILL_STATE_DAMAGED;
  return self;
}

static void
dd_record_item_set_summary (DdRecordItem         *self,
                            const DdDrillSummary *summary,
                            const char           *problem)
{
  self->pending = FALSE;
  g_free (self->score_text);
  g_free (self->ratings_text);
  if (summary != NULL)
    {
      g_free (self->scenario_id);
      self->scenario_id = g_strdup (summary->scenario_id);
    }
  if (summary != NULL && summary->scored)
    {
      self->score_text = g_strdup_printf ("%.1f", summary->overall);
      self->ratings_text = dd_drill_summary_format_ratings (summary);
    }
  else
    {
      self->score_text = g_strdup ("—");
      self->ratings_text = g_strdup (problem != NULL ? problem : "");
    }
  g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_SCORE_TEXT]);
  g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_RATINGS_TEXT]);
}

static const char *
state_text (DdDrillState state)
{
  switch (state)
    {
    case DD_DRILL_STATE_FINISHED: return _("Finished");
    case DD_DRILL_STATE_UNFINISHED: return _("Unfinished");
    case DD_DRILL_STATE_DAMAGED: return _("Damaged");
    default: return "";
    }
}

static const char *
state_icon (DdDrillState state)
{
  switch (state)
    {
    case DD_DRILL_STATE_FINISHED: return "emblem-ok-symbolic";
    case DD_DRILL_STATE_UNFINISHED: return "media-playback-pause-symbolic";
    default: return "dialog-error-symbolic";
    }
}

/* ------------------------------------------------------------------ */
/* The page                                                            */


G_DEFINE_FINAL_TYPE (DdRecordsPage, dd_records_page, ADW_TYPE_BIN)

static void
toast (DdRecordsPage *self,
       const char    *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
  else
    g_message ("%s", title);
}

static DdRecordItem *
lookup_item (DdRecordsPage *self,
             const char    *id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DdRecordItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (g_strcmp0 (dd_drill_info_get_id (item->info), id) == 0)
        return item;   /* the store keeps it */
    }
  return NULL;
}

/* The selected items (at most @max; returns how many are selected) */
static guint
selected_items (DdRecordsPage  *self,
                DdRecordItem  **out,
                guint           max)
{
  g_autoptr(GtkBitset) set = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  guint n = (guint) gtk_bitset_get_size (set);

  for (guint i = 0; i < n && i < max; i++)
    {
      g_autoptr(DdRecordItem) item = g_list_model_get_item (G_LIST_MODEL (self->items),
                                                            gtk_bitset_get_nth (set, i));
      out[i] = item;
    }
  return n;
}

static void
update_actions (DdRecordsPage *self)
{
  DdRecordItem *sel[2] = { NULL, NULL };
  guint n = self->selection != NULL ? selected_items (self, sel, 2) : 0;
  gboolean one = n == 1;
  gboolean finished = one && dd_drill_info_get_state (sel[0]->info) == DD_DRILL_STATE_FINISHED;
  gboolean unfinished = one && dd_drill_info_get_state (sel[0]->info) == DD_DRILL_STATE_UNFINISHED;
  gboolean comparable = n == 2 &&
                        dd_drill_info_get_state (sel[0]->info) == DD_DRILL_STATE_FINISHED &&
                        dd_drill_info_get_state (sel[1]->info) == DD_DRILL_STATE_FINISHED &&
                        sel[0]->scenario_id != NULL &&
                        g_strcmp0 (sel[0]->scenario_id, sel[1]->scenario_id) == 0;

  /* An unfinished drill opens too: read-only, labelled interrupted */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "records.open", finished || unfinished);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "records.print", finished);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "records.export-pdf", finished);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "records.export-csv", finished);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "records.resume", unfinished);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "records.show-folder", one);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "records.compare", comparable);
}

/* ------------------------------------------------------------------ */
/* Scores, from a worker thread                                        */

typedef struct {
  DdRecordItem   *item;
  DdDrillSummary *summary;
  char           *problem;
  DdRecordsPage  *page;     /* a reference */
  guint           generation;
} Result;

static void
result_free (gpointer data)
{
  Result *r = data;

  g_clear_object (&r->item);
  g_clear_object (&r->page);
  dd_drill_summary_free (r->summary);
  g_free (r->problem);
  g_free (r);
}

/* A store of many drills scores for a while the first time (some 20 ms a
 * drill, then cached): the toolbar says how far it has got. */
static void
update_scoring (DdRecordsPage *self)
{
  g_autofree char *text = NULL;
  gboolean busy = self->n_scored < self->n_scoring;

  gtk_widget_set_visible (GTK_WIDGET (self->scoring_bar), busy);
  if (!busy)
    return;
  text = g_strdup_printf (_("Scoring drills: %u of %u"), self->n_scored, self->n_scoring);
  gtk_progress_bar_set_text (self->scoring_bar, text);
  gtk_progress_bar_set_fraction (self->scoring_bar, (double) self->n_scored / self->n_scoring);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->scoring_bar),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text, -1);
}

static gboolean
result_cb (gpointer data)
{
  Result *r = data;

  dd_record_item_set_summary (r->item, r->summary, r->problem);
  if (r->generation == r->page->scoring_generation)
    {
      r->page->n_scored = MIN (r->page->n_scored + 1, r->page->n_scoring);
      update_scoring (r->page);
    }
  update_actions (r->page);
  return G_SOURCE_REMOVE;
}

static void
summaries_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GPtrArray *items = task_data;

  for (guint i = 0; i < items->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      DdRecordItem *item = g_ptr_array_index (items, i);
      g_autoptr(GError) error = NULL;
      Result *r = g_new0 (Result, 1);

      r->item = g_object_ref (item);
      r->page = g_object_ref (source);
      /* set before the thread started, only read here */
      r->generation = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "generation"));
      r->summary = dd_drill_summarize (item->info, &error);
      if (r->summary == NULL)
        r->problem = g_strdup (error->message);
      /* An idle of the main context, never g_main_context_invoke (): from
       * this thread that runs the callback here, in the worker, whenever
       * the main thread is not iterating the loop at that moment. */
      g_idle_add_full (G_PRIORITY_DEFAULT, result_cb, r, result_free);
    }
  g_task_return_boolean (task, TRUE);
}

static void
summaries_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_task_propagate_boolean (G_TASK (result), NULL);
}

/* ------------------------------------------------------------------ */
/* The table                                                           */

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), GPOINTER_TO_INT (user_data) ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (GPOINTER_TO_INT (user_data))
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

typedef enum {
  COLUMN_TITLE,
  COLUMN_DATE,
  COLUMN_PLAN,
  COLUMN_STATE,
  COLUMN_SCORE,
  COLUMN_RATINGS,
} Column;

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         gpointer                  user_data)
{
  DdRecordItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *child = gtk_list_item_get_child (list_item);
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  GBinding *binding = NULL;

  switch (column)
    {
    case COLUMN_TITLE:
      gtk_label_set_text (GTK_LABEL (child), dd_drill_info_get_title (item->info));
      gtk_widget_set_tooltip_text (child, dd_drill_info_get_title (item->info));
      break;
    case COLUMN_DATE:
      gtk_label_set_text (GTK_LABEL (child), item->date_text);
      break;
    case COLUMN_PLAN:
      gtk_label_set_text (GTK_LABEL (child), dd_drill_info_get_plan_title (item->info)
                                             ? dd_drill_info_get_plan_title (item->info) : "");
      break;
    case COLUMN_STATE:
      {
        GtkWidget *icon = gtk_widget_get_first_child (child);
        GtkWidget *label = gtk_widget_get_next_sibling (icon);
        DdDrillState state = dd_drill_info_get_state (item->info);

        gtk_image_set_from_icon_name (GTK_IMAGE (icon), state_icon (state));
        gtk_label_set_text (GTK_LABEL (label), state_text (state));
        gtk_widget_set_tooltip_text (child, dd_drill_info_get_problem (item->info));
        gtk_widget_remove_css_class (child, "error");
        if (state == DD_DRILL_STATE_DAMAGED)
          gtk_widget_add_css_class (child, "error");
      }
      break;
    case COLUMN_SCORE:
      binding = g_object_bind_property (item, "score-text", child, "label", G_BINDING_SYNC_CREATE);
      break;
    case COLUMN_RATINGS:
      binding = g_object_bind_property (item, "ratings-text", child, "label", G_BINDING_SYNC_CREATE);
      break;
    default:
      break;
    }
  if (binding != NULL)
    g_object_set_data (G_OBJECT (list_item), "binding", binding);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  GBinding *binding = g_object_get_data (G_OBJECT (list_item), "binding");

  if (binding != NULL)
    g_binding_unbind (binding);
  g_object_set_data (G_OBJECT (list_item), "binding", NULL);
}

static void
setup_state_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  /* The word says it; the icon repeats it (never the icon alone) */
  gtk_box_append (GTK_BOX (box), gtk_image_new ());
  gtk_box_append (GTK_BOX (box), gtk_label_new (NULL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_first_child (box)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_list_item_set_child (list_item, box);
}

static void
add_column (DdRecordsPage *self,
            const char    *title,
            Column         column,
            gboolean       expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *col;

  g_object_set_data (G_OBJECT (factory), "column", GINT_TO_POINTER (column));
  if (column == COLUMN_STATE)
    g_signal_connect (factory, "setup", G_CALLBACK (setup_state_cb), NULL);
  else
    g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb),
                      GINT_TO_POINTER (column == COLUMN_SCORE));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), self);
  col = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (col, expand);
  gtk_column_view_column_set_resizable (col, TRUE);
  gtk_column_view_append_column (self->column_view, col);
  g_object_unref (col);
}

/* ------------------------------------------------------------------ */
/* Actions                                                             */

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  DdRecordsPage *self = DD_RECORDS_PAGE (widget);
  DdRecordItem *sel[1] = { NULL };
  g_autoptr(GError) error = NULL;

  if (selected_items (self, sel, 1) != 1)
    return;
  if (!dd_records_page_open_item_review (self, sel[0], &error))
    {
      toast (self, error->message);
      return;
    }
  if (g_str_equal (action_name, "records.print"))
    gtk_widget_activate_action (GTK_WIDGET (self->review_page), "review.print", NULL);
  else if (g_str_equal (action_name, "records.export-pdf"))
    gtk_widget_activate_action (GTK_WIDGET (self->review_page), "review.export-pdf", NULL);
  else if (g_str_equal (action_name, "records.export-csv"))
    gtk_widget_activate_action (GTK_WIDGET (self->review_page), "review.export-csv", NULL);
}

static void
resume_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  DdRecordsPage *self = DD_RECORDS_PAGE (widget);
  DdRecordItem *sel[1] = { NULL };

  if (selected_items (self, sel, 1) != 1)
    return;
  gtk_widget_activate_action (widget, "win.resume-drill", "s", dd_drill_info_get_id (sel[0]->info));
}

static void
show_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  DdRecordsPage *self = DD_RECORDS_PAGE (widget);
  DdRecordItem *sel[1] = { NULL };
  g_autoptr(GFile) folder = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GError) error = NULL;

  if (selected_items (self, sel, 1) != 1)
    return;
  folder = g_file_new_for_path (dd_drill_info_get_folder (sel[0]->info));
  uri = g_file_get_uri (folder);
  if (!g_app_info_launch_default_for_uri (uri, NULL, &error))
    toast (self, error->message);
}

static void
compare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  DdRecordsPage *self = DD_RECORDS_PAGE (widget);
  DdRecordItem *sel[2] = { NULL, NULL };
  g_autoptr(GError) error = NULL;

  if (selected_items (self, sel, 2) != 2)
    return;
  /* The older drill first */
  if (!dd_records_page_compare_items (self, sel[1], sel[0], &error))
    toast (self, error->message);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  DdRecordsPage *self = DD_RECORDS_PAGE (widget);

  gtk_stack_set_visible_child_name (self->stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->items)) ? "list" : "empty");
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  dd_records_page_reload (DD_RECORDS_PAGE (widget));
}

static void
row_activated_cb (DdRecordsPage *self,
                  guint          position,
                  GtkColumnView *view)
{
  g_autoptr(DdRecordItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), position);
  g_autoptr(GError) error = NULL;

  if (item == NULL)
    return;
  switch (dd_drill_info_get_state (item->info))
    {
    case DD_DRILL_STATE_FINISHED:
      if (!dd_records_page_open_item_review (self, item, &error))
        toast (self, error->message);
      break;
    case DD_DRILL_STATE_UNFINISHED:
      gtk_widget_activate_action (GTK_WIDGET (self), "win.resume-drill", "s", dd_drill_info_get_id (item->info));
      break;
    default:
      toast (self, dd_drill_info_get_problem (item->info));
    }
}

static void
selection_changed_cb (DdRecordsPage *self)
{
  update_actions (self);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
dd_records_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (dd_records_page_parent_class)->map (widget);
  /* Drills may have been created or ended elsewhere meanwhile */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (DD_RECORDS_PAGE (widget)->stack), "list") == 0 ||
      g_strcmp0 (gtk_stack_get_visible_child_name (DD_RECORDS_PAGE (widget)->stack), "empty") == 0)
    dd_records_page_reload (DD_RECORDS_PAGE (widget));
}

static void
dd_records_page_dispose (GObject *object)
{
  DdRecordsPage *self = DD_RECORDS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->items);
  g_clear_object (&self->store);
  g_clear_pointer (&self->only[0], g_ptr_array_unref);
  g_clear_pointer (&self->only[1], g_ptr_array_unref);

  G_OBJECT_CLASS (dd_records_page_parent_class)->dispose (object);
}

static void
programme_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  DdRecordsPage *self = DD_RECORDS_PAGE (widget);

  dd_programme_page_present (widget, self->store != NULL ? dd_drill_store_get_base_dir (self->store) : NULL);
}

static void
dd_records_page_class_init (DdRecordsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_records_page_dispose;
  widget_class->map = dd_records_page_map;

  g_type_ensure (DD_TYPE_REVIEW_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/dd-records-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DdRecordsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, DdRecordsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, DdRecordsPage, review_page);
  gtk_widget_class_bind_template_child (widget_class, DdRecordsPage, compare_box);
  gtk_widget_class_bind_template_child (widget_class, DdRecordsPage, scoring_bar);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "records.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "records.print", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "records.export-pdf", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "records.export-csv", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "records.resume", NULL, resume_action);
  gtk_widget_class_install_action (widget_class, "records.show-folder", NULL, show_folder_action);
  gtk_widget_class_install_action (widget_class, "records.compare", NULL, compare_action);
  gtk_widget_class_install_action (widget_class, "records.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "records.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "records.programme", NULL, programme_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "records.compare", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "records.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "records.back", NULL);
}

static void
dd_records_page_init (DdRecordsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->only[0] = g_ptr_array_new_with_free_func (g_free);
  self->only[1] = g_ptr_array_new_with_free_func (g_free);
  self->items = g_list_store_new (DD_TYPE_RECORD_ITEM);
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (self->items)));
  g_signal_connect_object (self->selection, "selection-changed", G_CALLBACK (selection_changed_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  add_column (self, _("Drill"), COLUMN_TITLE, TRUE);
  add_column (self, _("Date"), COLUMN_DATE, FALSE);
  add_column (self, _("Plan"), COLUMN_PLAN, TRUE);
  add_column (self, _("State"), COLUMN_STATE, FALSE);
  add_column (self, _("Score"), COLUMN_SCORE, FALSE);
  /* Translators: column of the HSEEP ratings of the objectives */
  add_column (self, _("P/S/M/U"), COLUMN_RATINGS, FALSE);
  update_actions (self);
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */

GtkWidget *
dd_records_page_new (void)
{
  return g_object_new (DD_TYPE_RECORDS_PAGE, NULL);
}

void
dd_records_page_set_store (DdRecordsPage *self,
                           DdDrillStore  *store)
{
  g_return_if_fail (DD_IS_RECORDS_PAGE (self));
  g_return_if_fail (store == NULL || DD_IS_DRILL_STORE (store));

  if (store != NULL)
    g_set_object (&self->store, store);
  else
    {
      g_clear_object (&self->store);
      self->store = dd_drill_store_new (NULL);
    }
  dd_records_page_reload (self);
}

void
dd_records_page_reload (DdRecordsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) drills = NULL;
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  g_return_if_fail (DD_IS_RECORDS_PAGE (self));

  /* Listing reads every journal: deferred until the page is shown */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  if (self->store == NULL)
    self->store = dd_drill_store_new (NULL);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->n_scoring = self->n_scored = 0;
  update_scoring (self);

  drills = dd_drill_store_list (self->store, &error);
  if (drills == NULL)
    {
      toast (self, error->message);
      return;
    }
  n = g_list_model_get_n_items (drills);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DdDrillInfo) info = g_list_model_get_item (drills, i);
      DdRecordItem *item = dd_record_item_new (info);

      g_ptr_array_add (fresh, item);
      if (item->pending)
        g_ptr_array_add (pending, g_object_ref (item));
    }
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       fresh->pdata, fresh->len);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "review") != 0 &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "compare") != 0)
    gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
  update_actions (self);

  if (pending->len > 0)
    {
      g_autoptr(GTask) task = NULL;

      self->cancellable = g_cancellable_new ();
      task = g_task_new (self, self->cancellable, summaries_done_cb, NULL);
      self->scoring_generation++;
      self->n_scoring = pending->len;
      self->n_scored = 0;
      update_scoring (self);
      g_object_set_data (G_OBJECT (task), "generation", GUINT_TO_POINTER (self->scoring_generation));
      g_task_set_task_data (task, g_steal_pointer (&pending), (GDestroyNotify) g_ptr_array_unref);
      g_task_run_in_thread (task, summaries_thread);
    }
}

guint
dd_records_page_get_n_drills (DdRecordsPage *self)
{
  g_return_val_if_fail (DD_IS_RECORDS_PAGE (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->items));
}

/* The toolbar's progress while past drills are scored: its text, or NULL
 * when it is hidden (nothing left to score). */
const char *
dd_records_page_get_scoring_text (DdRecordsPage *self)
{
  g_return_val_if_fail (DD_IS_RECORDS_PAGE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->scoring_bar)))
    return NULL;
  return gtk_progress_bar_get_text (self->scoring_bar);
}

guint
dd_records_page_get_n_pending (DdRecordsPage *self)
{
  guint n, pending = 0;

  g_return_val_if_fail (DD_IS_RECORDS_PAGE (self), 0);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DdRecordItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      pending += item->pending;
    }
  return pending;
}

const char *
dd_records_page_get_state_text (DdRecordsPage *self,
                                const char    *id)
{
  DdRecordItem *item;

  g_return_val_if_fail (DD_IS_RECORDS_PAGE (self), NULL);
  item = lookup_item (self, id);
  return item != NULL ? state_text (dd_drill_info_get_state (item->info)) : "";
}

const char *
dd_records_page_get_score_text (DdRecordsPage *self,
                                const char    *id)
{
  DdRecordItem *item;

  g_return_val_if_fail (DD_IS_RECORDS_PAGE (self), NULL);
  item = lookup_item (self, id);
  return item != NULL ? item->score_text : "";
}

const char *
dd_records_page_get_ratings_text (DdRecordsPage *self,
                                  const char    *id)
{
  DdRecordItem *item;

  g_return_val_if_fail (DD_IS_RECORDS_PAGE (self), NULL);
  item = lookup_item (self, id);
  return item != NULL ? item->ratings_text : "";
}

const char *
dd_records_page_get_visible (DdRecordsPage *self)
{
  g_return_val_if_fail (DD_IS_RECORDS_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

gboolean
dd_records_page_select (DdRecordsPage *self,
                        const char    *id)
{
  guint n;

  g_return_val_if_fail (DD_IS_RECORDS_PAGE (self), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DdRecordItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (g_strcmp0 (dd_drill_info_get_id (item->info), id) == 0)
        return gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), i, FALSE);
    }
  return FALSE;
}

gboolean
dd_records_page_open_review (DdRecordsPage  *self,
                             const char     *id,
                             GError        **error)
{
  DdRecordItem *item;

  g_return_val_if_fail (DD_IS_RECORDS_PAGE (self), FALSE);

  item = lookup_item (self, id);
  if (item == NULL)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_STATE, _("No drill “%s”."), id);
      return FALSE;
    }
  return dd_records_page_open_item_review (self, item, error);
}

DdReviewPage *
dd_records_page_get_review_page (DdRecordsPage *self)
{
  g_return_val_if_fail (DD_IS_RECORDS_PAGE (self), NULL);
  return self->review_page;
}

gboolean
dd_records_page_compare (DdRecordsPage  *self,
                         const char     *id_a,
                         const char     *id_b,
                         GError        **error)
{
  DdRecordItem *a, *b;

  g_return_val_if_fail (DD_IS_RECORDS_PAGE (self), FALSE);

  a = lookup_item (self, id_a);
  b = lookup_item (self, id_b);
  if (a == NULL || b == NULL)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_STATE, _("No drill “%s”."), a == NULL ? id_a : id_b);
      return FALSE;
    }
  return dd_records_page_compare_items (self, a, b, error);
}

GStrv
dd_records_page_get_compare_only (DdRecordsPage *self,
                                  guint          which)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (DD_IS_RECORDS_PAGE (self), NULL);
  g_return_val_if_fail (which < 2, NULL);

  for (guint i = 0; i < self->only[which]->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->only[which], i));
  return g_strv_builder_end (builder);
}
