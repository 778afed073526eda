/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-drill-item.h — one entry of a running drill's lists (for GListModels)
 *
 * Copyright 2024 The DrillDesk authors
 *
 * The drill's list models hold DdDrillItems: an inject delivered, an
 * action recorded or a finding.  Items are immutable.
 */

#pragma once

#include <glib-object.h>

#include "dd-actions.h"
#include "dd-scenario.h"
#include "dd-score.h"

G_BEGIN_DECLS

typedef enum {
  DD_DRILL_ITEM_INJECT,
  DD_DRILL_ITEM_ACTION,
  DD_DRILL_ITEM_FINDING,
} DdDrillItemKind;

#define DD_TYPE_DRILL_ITEM (dd_drill_item_get_type ())
G_DECLARE_FINAL_TYPE (DdDrillItem, dd_drill_item, DD, DRILL_ITEM, GObject)

/* @inject belongs to the scenario (it must outlive the item); @action and
 * @finding are copied. */
DdDrillItem     *dd_drill_item_new_inject  (const DdInject  *inject,
                                            gint64           time) G_GNUC_WARN_UNUSED_RESULT;
DdDrillItem     *dd_drill_item_new_action  (const DdAction  *action,
                                            guint            index) G_GNUC_WARN_UNUSED_RESULT;
DdDrillItem     *dd_drill_item_new_finding (const DdFinding *finding) G_GNUC_WARN_UNUSED_RESULT;

DdDrillItemKind  dd_drill_item_get_kind    (DdDrillItem *self);
gint64           dd_drill_item_get_time    (DdDrillItem *self);   /* simulated offset */
guint            dd_drill_item_get_index   (DdDrillItem *self);   /* action index */
const DdInject  *dd_drill_item_get_inject  (DdDrillItem *self);   /* or NULL */
const DdAction  *dd_drill_item_get_action  (DdDrillItem *self);   /* or NULL */
const DdFinding *dd_drill_item_get_finding (DdDrillItem *self);   /* or NULL */

G_END_DECLS
