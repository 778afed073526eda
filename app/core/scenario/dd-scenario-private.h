/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-scenario-private.h — reading the parts of a scenario element, shared by
 * the checking loader (dd-scenario.c) and the lenient draft reader
 * (dd-scenario-writer.c)
 *
 * Copyright 2024 The DrillDesk authors
 *
 * Each helper copies what the element says, as it says it, and checks
 * nothing: the loader checks afterwards, the draft reader never does.
 */

#pragma once

#include <libxml/tree.h>

#include "dd-scenario.h"

G_BEGIN_DECLS

void               dd_incident_clear            (DdIncident *inc);
/* The texts of <incident> (attributes and child elements); not the offsets. */
void               dd_incident_read_texts       (DdIncident *inc,
                                                 xmlNode    *node);
DdParticipant     *dd_participant_from_xml      (xmlNode    *node) G_GNUC_WARN_UNUSED_RESULT;
DdAttachment      *dd_attachment_from_xml       (xmlNode    *node) G_GNUC_WARN_UNUSED_RESULT;
DdInjectCondition *dd_inject_condition_from_xml (xmlNode    *node) G_GNUC_WARN_UNUSED_RESULT;
/* role, action, clause and the text (NULL when only white space); severity
 * and within are left to the caller. */
DdInjectExpect    *dd_inject_expect_from_xml    (xmlNode    *node) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
