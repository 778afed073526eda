/* dd-records-page-private.h — the Records place's state, shared by
 * dd-records-page.c (the list of drills) and dd-records-compare.c (review
 * and comparison)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dd-drill-store.h"
#include "dd-records-page.h"
#include "dd-review-page.h"

G_BEGIN_DECLS

/* One row of the table: a drill and what is known of its score */
#define DD_TYPE_RECORD_ITEM (dd_record_item_get_type ())
G_DECLARE_FINAL_TYPE (DdRecordItem, dd_record_item, DD, RECORD_ITEM, GObject)

struct _DdRecordItem
{
  GObject      parent_instance;
  DdDrillInfo *info;
  char        *date_text;
  char        *score_text;
  char        *ratings_text;
  char        *scenario_id;
  gboolean     pending;
};

struct _DdRecordsPage
{
  AdwBin              parent_instance;

  DdDrillStore       *store;
  GListStore         *items;       /* DdRecordItem */
  GtkMultiSelection  *selection;
  GCancellable       *cancellable; /* of the scoring thread */
  GPtrArray          *only[2];     /* compare: rule ids only in A / B */
  guint               scoring_generation; /* of the latest scoring thread */
  guint               n_scoring;   /* drills that thread scores … */
  guint               n_scored;    /* … and how many it has scored */

  /* template children */
  GtkStack           *stack;
  GtkColumnView      *column_view;
  DdReviewPage       *review_page;
  GtkBox             *compare_box;
  GtkProgressBar     *scoring_bar;
};

gboolean dd_records_page_open_item_review (DdRecordsPage *self,
                                           DdRecordItem *item,
                                           GError **error);
gboolean dd_records_page_compare_items (DdRecordsPage *self,
                                        DdRecordItem *a,
                                        DdRecordItem *b,
                                        GError **error);


G_END_DECLS
