/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-msel.h — the master scenario events list as a spreadsheet (XLSX or CSV)
 *
 * Copyright 2024 The DrillDesk authors
 *
 * A DdMselTable is the grid of a spreadsheet: rows of cells, each cell
 * text, a number, a date (a serial day count in a date or time format) or a
 * boolean, with its row number in the file, so that every message can name
 * FILE:SHEET:RrowCcol.  The readers (CSV, XLSX) fill one from a file, the
 * writers write one out; dd_msel_export () builds one from a scenario
 * draft, dd_msel_import_table () turns one back into injects, checking
 * every cell against the plan.  One row per inject; the columns, the sheet
 * names and the words for channels, condition types and severities are
 * those of assets/msel/msel.ini (docs/formats.md, "MSEL spreadsheet"); role
 * and action names come from the plan.
 */

#pragma once

#include <glib.h>

#include "dd-plan.h"
#include "dd-scenario.h"
#include "dd-scenario-writer.h"

G_BEGIN_DECLS

/* Bounds on what an imported spreadsheet may hold (docs/formats.md). */
#define DD_MSEL_MAX_FILE_BYTES    ((gsize) 32 * 1024 * 1024)
#define DD_MSEL_MAX_ROWS          10000
#define DD_MSEL_MAX_COLUMNS       256
#define DD_MSEL_MAX_CELL_CHARS    65536

typedef enum {
  DD_MSEL_CELL_EMPTY,
  DD_MSEL_CELL_TEXT,
  DD_MSEL_CELL_NUMBER,
  DD_MSEL_CELL_DATE,             /* a number shown as a date or time */
  DD_MSEL_CELL_BOOL,
} DdMselCellKind;

typedef struct {
  DdMselCellKind kind;
  char          *text;           /* TEXT; the value as written for the others */
  double         number;         /* NUMBER, DATE (serial days), BOOL (0 or 1) */
} DdMselCell;

typedef struct {
  guint      number;             /* in the file, 1-based */
  GPtrArray *cells;              /* DdMselCell or NULL, index = column - 1 */
} DdMselRow;

/* What a column's drop-down list offers (data validation). */
typedef enum {
  DD_MSEL_LIST_NONE,
  DD_MSEL_LIST_ROLES,
  DD_MSEL_LIST_CHANNELS,
  DD_MSEL_LIST_ACTIONS,
  DD_MSEL_LIST_CONDITIONS,
  DD_MSEL_LIST_SEVERITIES,
  DD_MSEL_N_LISTS
} DdMselList;

typedef struct {
  char       *key;               /* "id", "to", "expect.role", "condition.type" … */
  guint       group;             /* 1, 2 … in a repeated group; 0 otherwise */
  char       *header;
  DdMselList  list;
  gboolean    several;           /* the list's values may be combined (接收方) */
  double      width;             /* in characters */
  gboolean    as_text;           /* keep typed numbers as text (ids, clauses) */
  gboolean    wrap;              /* long text */
} DdMselColumn;

typedef struct {
  char      *where;              /* "msel.xlsx:Sheet1", "msel.csv": positions' prefix */
  GPtrArray *rows;               /* DdMselRow, in file order; the header first */
  GPtrArray *columns;            /* DdMselColumn, of an exported table */
  char      *start;              /* of an exported table: the clock at T+0 */
} DdMselTable;

DdMselTable *dd_msel_table_new        (const char  *where) G_GNUC_WARN_UNUSED_RESULT;
void         dd_msel_table_free       (DdMselTable *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdMselTable, dd_msel_table_free)
DdMselRow   *dd_msel_table_add_row    (DdMselTable *table,
                                       guint        number);
/* Sets the cell at @column (0-based); takes @text. */
void         dd_msel_row_take         (DdMselRow      *row,
                                       guint           column,
                                       DdMselCellKind  kind,
                                       char           *text,
                                       double          number);

/* The words of the spreadsheet (assets/msel/msel.ini): @group and @key as
 * there; NULL when it has none. */
const char  *dd_msel_word             (const char *group,
                                       const char *key);
/* The drop-down values of @list (names of the plan, words of msel.ini), a
 * new NULL-terminated array. */
char       **dd_msel_list_values      (DdPlan     *plan,
                                       DdMselList  list) G_GNUC_WARN_UNUSED_RESULT;

/* The attributes a <condition> may have, from the scenario schema, in its
 * order; and the values of its "type" (so new kinds need no C). */
const char *const *dd_msel_condition_attributes (void);
const char *const *dd_msel_condition_types      (void);

/* The table of @draft's injects, header first (dd-msel.c). */
DdMselTable *dd_msel_export           (DdPlan                 *plan,
                                       const DdScenarioDraft  *draft,
                                       GError                **error) G_GNUC_WARN_UNUSED_RESULT;
/* The injects of @table (DdInject, in row order), every cell checked
 * against @plan; times read against @base's clock; attachments must exist
 * under @scenario_dir when it is not NULL.  NULL with every error found (up
 * to a few dozen, one a line, each FILE:SHEET:RrowCcol: …) in @error
 * (dd-msel-import.c). */
GPtrArray   *dd_msel_import_table     (DdMselTable            *table,
                                       DdPlan                 *plan,
                                       const DdScenarioDraft  *base,
                                       const char             *scenario_dir,
                                       GError                **error) G_GNUC_WARN_UNUSED_RESULT;

/* CSV: UTF-8 with a BOM, RFC 4180 (dd-msel-csv.c). */
char        *dd_msel_csv_to_string    (DdMselTable  *table) G_GNUC_WARN_UNUSED_RESULT;
DdMselTable *dd_msel_csv_parse        (const char   *display_name,
                                       const char   *data,
                                       gsize         len,
                                       GError      **error) G_GNUC_WARN_UNUSED_RESULT;
/* XLSX (dd-msel-xlsx.c, dd-msel-xlsx-read.c). */
GBytes      *dd_msel_xlsx_to_bytes    (DdMselTable  *table,
                                       DdPlan       *plan,
                                       GError      **error) G_GNUC_WARN_UNUSED_RESULT;
DdMselTable *dd_msel_xlsx_parse       (const char   *display_name,
                                       GBytes       *data,
                                       GError      **error) G_GNUC_WARN_UNUSED_RESULT;

/* Files, told apart by their extension (.xlsx or .csv); written
 * atomically.  dd_msel_read_injects () reads and checks a file as
 * dd_msel_import_table () does. */
gboolean     dd_msel_export_file      (DdPlan                 *plan,
                                       const DdScenarioDraft  *draft,
                                       const char             *path,
                                       GError                **error);
GPtrArray   *dd_msel_read_injects     (DdPlan                 *plan,
                                       const DdScenarioDraft  *base,
                                       const char             *path,
                                       const char             *scenario_dir,
                                       GError                **error) G_GNUC_WARN_UNUSED_RESULT;
/* @base with its injects replaced by @injects, checked as the scenario
 * loader checks a file (schema and plan, attachments under @scenario_dir). */
DdScenarioDraft *dd_msel_apply        (DdPlan                 *plan,
                                       const DdScenarioDraft  *base,
                                       GPtrArray              *injects,
                                       const char             *scenario_dir,
                                       const char             *display_name,
                                       GError                **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
