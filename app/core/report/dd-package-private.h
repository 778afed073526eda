/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-package-private.h — what the exercise package's documents share:
 * dd-package.c (the situation manual, writing) and dd-package-sheets.c
 * (inject cards, evaluator guide, feedback form, sign-in sheet)
 *
 * Copyright 2024 The DrillDesk authors
 */

#pragma once

#include "dd-package.h"
#include "dd-report-doc.h"

G_BEGIN_DECLS

#define DD_PACKAGE_FILL_HEAD  0xe6e6e6
#define DD_PACKAGE_FILL_LABEL 0xf2f2f2
#define DD_PACKAGE_FILL_NONE  0xffffff

typedef struct {
  DdPlan     *plan;
  DdScenario *scenario;
} DdPackage;

/* A new document with its running header, and its first page headed by the
 * scenario's title and @title (the document's name). */
DdDoc *dd_package_doc_new        (DdPackage  *pkg,
                                  const char *title,
                                  const char *audience);
/* A table cell of plain @text (escaped here), optionally a label cell. */
void   dd_package_cell           (DdDocTable *t,
                                  const char *text,
                                  guint       colspan,
                                  gboolean    label);
/* A line to write on: @label then a long rule. */
void   dd_package_blank_line     (DdDoc      *doc,
                                  const char *label);
/* "T+1:05 (08:30, 12 March)" */
char  *dd_package_time           (DdPackage  *pkg,
                                  gint64      offset) G_GNUC_WARN_UNUSED_RESULT;
const char *dd_package_role_name (DdPackage  *pkg,
                                  const char *role_id);
/* "to" as role names, joined */
char  *dd_package_recipients     (DdPackage  *pkg,
                                  const DdInject *inject) G_GNUC_WARN_UNUSED_RESULT;
const char *dd_package_sender    (DdPackage  *pkg,
                                  const DdInject *inject);

void   dd_package_build_cards    (DdPackage  *pkg,
                                  DdDoc      *doc);
void   dd_package_build_guide    (DdPackage  *pkg,
                                  DdDoc      *doc);
void   dd_package_build_feedback (DdPackage  *pkg,
                                  DdDoc      *doc);
void   dd_package_build_sign_in  (DdPackage  *pkg,
                                  DdDoc      *doc);

G_END_DECLS
