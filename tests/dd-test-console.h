/* dd-test-console.h — the console tests' fixture: a drill of a bundled
 * scenario in a scratch drill store, shown in a console, the clock moved by
 * hand (test-console.c, test-console-findings.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dd-console.h"
#include "dd-drill-store.h"
#include "dd-journal.h"

G_BEGIN_DECLS

typedef struct {
  char         *dir;
  char         *scenario_path;
  DdPlan       *plan;
  DdScenario   *scenario;
  DdDrillStore *store;
  DdDrill      *drill;
  DdDrillInfo  *info;
  GtkWindow    *window;
  DdConsole    *console;
} DdTestConsole;

/* The simulated clock's wall time, set by the tests */
extern gint64 dd_test_console_now;

void  dd_test_console_iterate        (void);
/* @data: "training" (training mode), "small" (1366×768 less the header
 * bar) or NULL */
void  dd_test_console_set_up         (DdTestConsole *fixture,
                                      gconstpointer  data);
void  dd_test_console_tear_down      (DdTestConsole *fixture,
                                      gconstpointer  data);
/* The number of journal records of @type (with @kind, if not NULL) */
guint dd_test_console_count_records  (DdJournal     *journal,
                                      const char    *type,
                                      const char    *kind);
/* The same, in the drill's journal as read back from disk */
guint dd_test_console_count_on_disk  (DdTestConsole *fixture,
                                      const char    *type,
                                      const char    *kind);

G_END_DECLS
