/* dd-console.h — the facilitator console: clock and feed, act, watch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dd-act-panel.h"
#include "dd-clock-panel.h"
#include "dd-drill.h"
#include "dd-findings-panel.h"
#include "dd-record-log.h"

G_BEGIN_DECLS

#define DD_TYPE_CONSOLE (dd_console_get_type ())
G_DECLARE_FINAL_TYPE (DdConsole, dd_console, DD, CONSOLE, AdwBin)

GtkWidget  *dd_console_new               (void);
/* Shows @drill (or nothing).  Training mode comes from the drill's
 * options (dd-drill-session.h): the clock then runs by itself. */
void        dd_console_set_drill         (DdConsole   *self,
                                          DdDrill     *drill);
DdDrill    *dd_console_get_drill         (DdConsole   *self);
gboolean    dd_console_get_training      (DdConsole   *self);

/* The act column, for the keyboard, tests and scripts */
gboolean    dd_console_select_role       (DdConsole   *self,
                                          const char  *role_id);
gboolean    dd_console_select_action     (DdConsole   *self,
                                          const char  *kind_id);
GtkWidget  *dd_console_get_report_form   (DdConsole   *self);
void        dd_console_set_content       (DdConsole   *self,
                                          const char  *text);
gboolean    dd_console_select_level      (DdConsole   *self,
                                          const char  *level_id);
/* Records the chosen action at the current simulated time.  Unless
 * @confirmed, decisions (warning and response levels) first show the
 * plan's rule in a dialog, and a report 8.3 with required fields left
 * empty asks whether to send it as it is.  Returns FALSE with @error when
 * the form cannot be sent (no role shown, unreadable times, nobody to
 * send it to) or the journal refuses. */
gboolean    dd_console_record            (DdConsole   *self,
                                          gboolean     confirmed,
                                          GError     **error);
/* Appends an evaluator's note to the journal, then lists it. */
gboolean    dd_console_add_note          (DdConsole   *self,
                                          const char  *text,
                                          gboolean     strength,
                                          const char  *objective_id,
                                          GError     **error);
GListModel *dd_console_get_findings_list_model (DdConsole *self);
guint       dd_console_get_n_finding_rows (DdConsole  *self);
guint       dd_console_get_n_feed_rows   (DdConsole   *self);
/* The panels */
DdClockPanel    *dd_console_get_clock_panel    (DdConsole *self);
DdActPanel      *dd_console_get_act_panel      (DdConsole *self);
DdFindingsPanel *dd_console_get_findings_panel (DdConsole *self);
DdRecordLog     *dd_console_get_record_log     (DdConsole *self);
/* Whether Space runs or pauses the clock with the focus where it is:
 * not while a list, a text, a button or a box to tick has it. */
gboolean         dd_console_space_runs_clock   (DdConsole *self);
/* Loads the drill screens' style sheet once per display. */
void        dd_console_ensure_style      (void);
/* Ends the drill (without asking). */
gboolean    dd_console_end               (DdConsole   *self,
                                          GError     **error);

G_END_DECLS
