/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-scenario-fields.h — field paths into a scenario draft (internal to the
 * scenario document: dd-scenario-document.c and dd-scenario-fields.c)
 *
 * Copyright 2024 The DrillDesk authors
 *
 * A field path ("injects/3/expects/0/within", see dd-scenario-document.h)
 * names a typed slot of the draft; values are read and written as text.
 */

#pragma once

#include "dd-scenario-document.h"

G_BEGIN_DECLS

typedef enum {
  SLOT_STRING,
  SLOT_WORDS,
  SLOT_OFFSET,
  SLOT_OPTIONAL_OFFSET,
  SLOT_DECIMAL,
  SLOT_UINT,
  SLOT_FORM,
  SLOT_CHANNEL,
  SLOT_CONDITION,
  SLOT_SEVERITY,
} SlotKind;

typedef struct {
  SlotKind  kind;
  gpointer  ptr;
  gboolean *flag;                  /* SLOT_OPTIONAL_OFFSET: whether set */
} Slot;

typedef enum {
  LIST_PARTICIPANTS,
  LIST_OBJECTIVES,
  LIST_INJECTS,
  LIST_EXPECTS,
  LIST_CONDITIONS,
  LIST_ATTACHMENTS,
} ListKind;

/* A parsed value, ready to store. */
typedef struct {
  char    *string;
  char   **words;
  gint64   offset;
  gboolean flag;
  double   decimal;
  guint    uint;
  int      e;
} Value;

/* Sets @error: "@field" is no field of a scenario. */
gboolean   dd_scenario_field_error           (GError          **error,
                                              const char       *field);
/* The list named by @parts[0..@n), its kind and (for lists inside an
 * inject) the inject; NULL when there is none. */
GPtrArray *dd_scenario_field_resolve_list    (DdScenarioDraft  *d,
                                              char            **parts,
                                              guint             n,
                                              ListKind         *kind_out,
                                              DdInject        **inject_out);
/* An item path ("injects/3") as its list, kind and index. */
GPtrArray *dd_scenario_field_resolve_item    (DdScenarioDraft  *d,
                                              const char       *item,
                                              ListKind         *kind_out,
                                              guint            *index_out);
/* The slot a field path names. */
gboolean   dd_scenario_field_resolve         (DdScenarioDraft  *d,
                                              const char       *field,
                                              Slot             *slot);
/* A slot's value as text; text parsed for a slot; a parsed value stored. */
char      *dd_scenario_field_get             (const Slot       *slot) G_GNUC_WARN_UNUSED_RESULT;
gboolean   dd_scenario_field_parse           (const Slot       *slot,
                                              const char       *field,
                                              const char       *text,
                                              Value            *v,
                                              GError          **error);
void       dd_scenario_field_store           (const Slot       *slot,
                                              Value            *v);
/* An id not yet used in @list (whose items start with a char *id). */
char      *dd_scenario_field_unique_id       (GPtrArray        *list,
                                              const char       *stem) G_GNUC_WARN_UNUSED_RESULT;
/* Gives the injects their document positions again. */
void       dd_scenario_field_renumber_injects (DdScenarioDraft *d);

G_END_DECLS
