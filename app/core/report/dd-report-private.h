/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-report-private.h — what the review knows, shared with dd-report-csv.c
 *
 * Copyright 2024 The DrillDesk authors
 */

#pragma once

#include "dd-report.h"

G_BEGIN_DECLS

typedef struct {
  guint64   seq;
  gint64    at;
  gint64    wall_us;
  gboolean  is_inject;
  char     *inject_id;
  char     *role;                /* actor, or the inject's sender role */
  char     *source;              /* the inject's free-text sender */
  char     *kind;                /* action kind id */
  char     *title;
  char     *text;
  char     *report_type;
  char     *level;
  char    **to;
  GHashTable *fields;            /* form 8.3: field id → value, or NULL */
} Event;

typedef struct {
  char              *rule;
  char              *clause;
  DdFindingKind      kind;
  DdFindingSeverity  severity;
  char              *phase;
  char              *role;
  gint64             at;
  char              *message;
  int                action_index; /* n-th action of the drill, or -1 */
} Finding;

/* Events (Event, journal order) and findings (Finding). */
GPtrArray  *dd_report_get_events   (DdReport *self);
GPtrArray  *dd_report_get_findings (DdReport *self);
DdScenario *dd_report_get_scenario (DdReport *self);
/* "T+1:05" */
char       *dd_report_offset_text  (gint64    at) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
