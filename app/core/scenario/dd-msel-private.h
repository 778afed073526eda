/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-msel-private.h — shared by the parts of the MSEL spreadsheet:
 * dd-msel.c (table, words, export), dd-msel-import.c (rows to injects),
 * dd-msel-csv.c, dd-msel-xlsx.c and dd-msel-xlsx-read.c
 *
 * Copyright 2024 The DrillDesk authors
 */

#pragma once

#include "dd-msel.h"

G_BEGIN_DECLS

/* Words of the document for values of the scenario model. */
const char *dd_msel_channel_word        (DdChannel          channel);
const char *dd_msel_severity_word       (DdFindingSeverity  severity);
const char *dd_msel_condition_type_word (const char        *type);
/* "、": what joins several roles in one cell. */
const char *dd_msel_separator           (void);
/* The header of a column: "编号", or in a group "预期1角色". */
char       *dd_msel_column_header       (const char        *key,
                                         guint              group) G_GNUC_WARN_UNUSED_RESULT;
/* "T+25", "T-35", "T+1:20:30" (seconds that are not whole minutes). */
char       *dd_msel_format_at           (gint64             seconds) G_GNUC_WARN_UNUSED_RESULT;
/* Whether the schema requires the condition attribute @name. */
gboolean    dd_msel_condition_attribute_required (const char *name);
DdMselList  dd_msel_condition_list               (const char *attribute);

/* Errors of one file, collected: each line "WHERE:RrowCcol: message".  At
 * most DD_MSEL_MAX_ERRORS are kept, then a line saying how many more. */
#define DD_MSEL_MAX_ERRORS 50

typedef struct {
  const char *where;
  GString    *text;
  guint       count;
} DdMselErrors;

void        dd_msel_errors_add          (DdMselErrors *errors,
                                         guint         row,
                                         guint         column,
                                         const char   *format,
                                         ...) G_GNUC_PRINTF (4, 5);
/* Sets @error (DD_ERROR_INVALID) from what was collected; FALSE when
 * nothing was. */
gboolean    dd_msel_errors_take         (DdMselErrors *errors,
                                         GError      **error);

/* DdMselImport: the columns of the header and the names of the plan. */
typedef struct {
  char  *key;                    /* "id", "expect.role" … */
  guint  group;
} DdMselKey;

typedef struct {
  DdPlan                *plan;
  const DdScenarioDraft *base;
  const char            *scenario_dir;
  DdMselErrors           errors;
  GArray                *columns;     /* DdMselKey, index = file column - 1 */
  GHashTable            *roles;       /* name -> DdRole, or the ambiguous marker */
  GHashTable            *ambiguous;   /* name -> "a、b、c" */
  GHashTable            *actions;     /* name -> DdActionKind */
  GDateTime             *start;       /* the clock at T+0, or NULL */
  guint                  n_groups[3]; /* attachment, condition, expect */
  guint                  row;         /* the row being read */
} DdMselImport;

#define DD_MSEL_MAX_LINE_CHARS 512

void              dd_msel_import_names   (DdMselImport           *im);
void              dd_msel_cell_error     (DdMselImport           *im,
                                          guint             column,
                                          const char       *format,
                                          ...) G_GNUC_PRINTF (3, 4);
/* A cell with a value, or NULL (empty, or blank text). */
const DdMselCell *dd_msel_cell_at        (const DdMselRow  *row,
                                          guint             column);
/* The text for a text field (numbers as their shortest decimal); NULL
 * with an error for a date, a boolean, a control character or a text
 * longer than @max_chars. */
char             *dd_msel_cell_text      (DdMselImport           *im,
                                          const DdMselCell *c,
                                          guint             column,
                                          guint             max_chars) G_GNUC_WARN_UNUSED_RESULT;
/* As a name: trimmed, ASCII brackets as full-width ones. */
char             *dd_msel_cell_name      (DdMselImport           *im,
                                          const DdMselCell *c,
                                          guint             column) G_GNUC_WARN_UNUSED_RESULT;
char             *dd_msel_normalise_name (const char       *text) G_GNUC_WARN_UNUSED_RESULT;
const DdRole     *dd_msel_resolve_role   (DdMselImport           *im,
                                          const char       *name,
                                          guint             column);
const DdActionKind *dd_msel_resolve_action (DdMselImport         *im,
                                          const char       *name,
                                          guint             column);
/* A word of msel.ini's @group, or one of @keys itself, back to its key. */
const char       *dd_msel_resolve_word   (const char        *group,
                                          const char *const *keys,
                                          const char        *text);
/* The inject's time: T+minutes, T+H:MM, a clock time, a date and time, a
 * number of minutes, a serial time or date. */
gboolean          dd_msel_cell_at_time   (DdMselImport           *im,
                                          const DdMselCell *c,
                                          guint             column,
                                          gint64           *out);
/* A length of time: minutes, H:MM, H:MM:SS, a serial time of day. */
gboolean          dd_msel_cell_duration  (DdMselImport           *im,
                                          const DdMselCell *c,
                                          guint             column,
                                          gint64           *out);

/* Reads a regular file of at most @max bytes. */
GBytes     *dd_msel_read_file           (const char   *path,
                                         gsize         max,
                                         GError      **error) G_GNUC_WARN_UNUSED_RESULT;

/* Days between the serial epoch (1899-12-30) and 1970-01-01. */
#define DD_MSEL_SERIAL_UNIX_DAYS 25569

G_END_DECLS
