/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-report-csv.h — the drill's timeline as CSV
 *
 * Copyright 2024 The DrillDesk authors
 *
 * One row per inject and action, in journal order: both clocks, the role,
 * the action and the findings that concern it.  UTF-8 with a byte order
 * mark (Excel and WPS then read the Chinese right), CRLF line ends and
 * RFC 4180 quoting.
 */

#pragma once

#include "dd-report.h"

G_BEGIN_DECLS

/* The CSV text (with its BOM). */
char     *dd_report_csv_to_string (DdReport    *report) G_GNUC_WARN_UNUSED_RESULT;
gboolean  dd_report_write_csv     (DdReport    *report,
                                   const char  *path,
                                   GError     **error);
/* Appends @field to @out quoted as RFC 4180 asks (only when needed); a
 * field a spreadsheet would run as a formula (= + - @ tab CR first, and
 * not a plain number) gets a leading single quote. */
void      dd_report_csv_append_field (GString    *out,
                                      const char *field);

G_END_DECLS
