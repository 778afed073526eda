/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-package.h — the printed exercise package of a scenario
 *
 * Copyright 2024 The DrillDesk authors
 *
 * From a scenario and its plan, the documents an exercise is run with
 * (HSEEP's exercise package), each an A4 PDF laid out by the review's page
 * engine (dd-report-doc) with CJK fonts embedded:
 *   01-situation-manual.pdf  participants: purpose, scope, objectives, the
 *                            opening situation, the plan's clauses in play,
 *                            rules of play, schedule
 *   02-inject-cards.pdf      controllers: one card per inject, to cut out
 *   03-evaluator-guide.pdf   evaluators: one sheet per objective
 *   04-feedback-form.pdf     participants
 *   05-sign-in-sheet.pdf     everyone
 * The participants' documents never show the truth (the incident's
 * category, subtype, severity, what really happened), the expected actions
 * or the conditions of injects.
 */

#pragma once

#include "dd-plan.h"
#include "dd-scenario.h"

G_BEGIN_DECLS

typedef enum {
  DD_PACKAGE_SITUATION_MANUAL,
  DD_PACKAGE_INJECT_CARDS,
  DD_PACKAGE_EVALUATOR_GUIDE,
  DD_PACKAGE_FEEDBACK_FORM,
  DD_PACKAGE_SIGN_IN_SHEET,
  DD_PACKAGE_N_DOCUMENTS
} DdPackageDocument;

/* The file name of a document ("01-situation-manual.pdf"). */
const char *dd_package_file_name        (DdPackageDocument  document);
/* Whether participants receive it (the truth must never be in it). */
gboolean    dd_package_for_participants (DdPackageDocument  document);

/* Writes every document into @dir (created when missing); returns their
 * paths in document order, or NULL with @error set. */
GPtrArray  *dd_package_write            (DdPlan            *plan,
                                         DdScenario        *scenario,
                                         const char        *dir,
                                         GError           **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
