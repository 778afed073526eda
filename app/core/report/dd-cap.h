/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-cap.h — a drill's warnings as OASIS CAP 1.2 alerts
 *
 * Copyright 2024 The DrillDesk authors
 *
 * Every warning published, adjusted or lifted in a drill (the replay's
 * dd_replay_get_warning_messages ()) becomes one CAP 1.2 <alert>: status
 * Exercise, msgType Alert, Update or Cancel (the later two with references
 * to the earlier messages of the same warning), scope Restricted, and an
 * <info> in zh-CN whose severity, urgency and certainty are the plan's
 * mapping of the warning level (<warning-level cap-…>).  The schema of
 * what is written: assets/schema/cap-1.2.rng.
 */

#pragma once

#include "dd-replay.h"

G_BEGIN_DECLS

/* The CAP document of message @index of @messages (from
 * dd_replay_get_warning_messages (@replay)), as UTF-8 XML. */
char      *dd_cap_message_to_xml (DdReplay   *replay,
                                  GPtrArray  *messages,
                                  guint       index) G_GNUC_WARN_UNUSED_RESULT;

/* Writes one file per warning message into @dir (created when missing):
 * "01-alert.xml", "02-update.xml", "03-cancel.xml" … and returns their
 * paths (an empty array when the drill published no warning), or NULL
 * with @error set. */
GPtrArray *dd_cap_export         (DdReplay    *replay,
                                  const char  *dir,
                                  GError     **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
