/* dd-console-util.h — small helpers the console's panels share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Words for the plan's roles, simulated times, inject channels and
 * finding severities, as every panel of the console (dd-console.h) shows
 * them, and the console's toasts.
 */
#pragma once

#include <adwaita.h>

#include "dd-plan.h"
#include "dd-replay.h"
#include "dd-scenario.h"
#include "dd-score.h"

G_BEGIN_DECLS

/* The role's name, or @id when the plan has no such role. */
const char *dd_console_role_name      (DdPlan           *plan,
                                       const char       *id);
/* What the plan's rule @rule_id (or the scenario's expectation
 * "msel.<inject>.<action>") says went wrong, or NULL. */
const char *dd_console_rule_message   (DdPlan           *plan,
                                       DdScenario       *scenario,
                                       const char       *rule_id);
/* The names of @ids, separated as the language separates names. */
char       *dd_console_role_names     (DdPlan           *plan,
                                       char *const      *ids) G_GNUC_WARN_UNUSED_RESULT;
/* "T+01:05" */
char       *dd_console_format_offset  (gint64            seconds) G_GNUC_WARN_UNUSED_RESULT;
const char *dd_console_channel_icon   (DdChannel         channel);
const char *dd_console_channel_name   (DdChannel         channel);
const char *dd_console_severity_icon  (DdFindingSeverity severity);
const char *dd_console_severity_name  (DdFindingSeverity severity);
/* Removes the rows of @list (not its placeholder). */
void        dd_console_remove_rows    (GtkListBox       *list);
guint       dd_console_count_rows     (GtkListBox       *list);
/* Appends "§ clause “text”" for each of the plan's rules about @kind
 * (with @level) in @replay's drill, and who may act under each; words
 * already quoted in @s (or by an earlier rule) are not quoted again. */
void        dd_console_append_rules   (DdReplay         *replay,
                                       GString          *s,
                                       const char       *kind,
                                       const char       *level);
/* A toast in the window's toast overlay (a message on the log without one). */
AdwToast   *dd_console_toast          (GtkWidget        *widget,
                                       const char       *title);

G_END_DECLS
