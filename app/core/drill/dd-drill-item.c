/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-drill-item.c — one entry of a running drill's lists
 *
 * Copyright 2024 The DrillDesk authors
 */

#include "config.h"

#include "dd-drill-item.h"

struct _DdDrillItem
{
  GObject          parent_instance;

  DdDrillItemKind  kind;
  gint64           time;
  guint            index;
  const DdInject  *inject;
  DdAction        *action;
  DdFinding       *finding;
};

G_DEFINE_FINAL_TYPE (DdDrillItem, dd_drill_item, G_TYPE_OBJECT)

static void
dd_drill_item_finalize (GObject *object)
{
  DdDrillItem *self = DD_DRILL_ITEM (object);

  g_clear_pointer (&self->action, dd_action_free);
  g_clear_pointer (&self->finding, dd_finding_free);

  G_OBJECT_CLASS (dd_drill_item_parent_class)->finalize (object);
}

static void
dd_drill_item_class_init (DdDrillItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_drill_item_finalize;
}

static void
dd_drill_item_init (DdDrillItem *self)
{
}

DdDrillItem *
dd_drill_item_new_inject (const DdInject *inject,
                          gint64          time)
{
  DdDrillItem *self;

  g_return_val_if_fail (inject != NULL, NULL);

  self = g_object_new (DD_TYPE_DRILL_ITEM, NULL);
  self->kind = DD_DRILL_ITEM_INJECT;
  self->time = time;
  self->inject = inject;
  return self;
}

DdDrillItem *
dd_drill_item_new_action (const DdAction *action,
                          guint           index)
{
  DdDrillItem *self;

  g_return_val_if_fail (action != NULL, NULL);

  self = g_object_new (DD_TYPE_DRILL_ITEM, NULL);
  self->kind = DD_DRILL_ITEM_ACTION;
  self->time = action->at;
  self->index = index;
  self->action = dd_action_copy (action);
  return self;
}

DdDrillItem *
dd_drill_item_new_finding (const DdFinding *finding)
{
  DdDrillItem *self;

  g_return_val_if_fail (finding != NULL, NULL);

  self = g_object_new (DD_TYPE_DRILL_ITEM, NULL);
  self->kind = DD_DRILL_ITEM_FINDING;
  self->time = finding->time;
  self->finding = dd_finding_copy (finding);
  return self;
}

DdDrillItemKind
dd_drill_item_get_kind (DdDrillItem *self)
{
  g_return_val_if_fail (DD_IS_DRILL_ITEM (self), DD_DRILL_ITEM_INJECT);
  return self->kind;
}

gint64
dd_drill_item_get_time (DdDrillItem *self)
{
  g_return_val_if_fail (DD_IS_DRILL_ITEM (self), 0);
  return self->time;
}

guint
dd_drill_item_get_index (DdDrillItem *self)
{
  g_return_val_if_fail (DD_IS_DRILL_ITEM (self), 0);
  return self->index;
}

const DdInject *
dd_drill_item_get_inject (DdDrillItem *self)
{
  g_return_val_if_fail (DD_IS_DRILL_ITEM (self), NULL);
  return self->inject;
}

const DdAction *
dd_drill_item_get_action (DdDrillItem *self)
{
  g_return_val_if_fail (DD_IS_DRILL_ITEM (self), NULL);
  return self->action;
}

const DdFinding *
dd_drill_item_get_finding (DdDrillItem *self)
{
  g_return_val_if_fail (DD_IS_DRILL_ITEM (self), NULL);
  return self->finding;
}
