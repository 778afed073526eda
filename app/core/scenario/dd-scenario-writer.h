/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-scenario-writer.h — scenario drafts: read leniently, written as scenario XML
 *
 * Copyright 2024 The DrillDesk authors
 *
 * A DdScenarioDraft holds every part of a scenario document as plain,
 * editable data, using the part structs of dd-scenario.h.  Unlike a
 * DdScenario it may be incomplete or inconsistent (an editor holds one
 * while a person types); dd_scenario_draft_to_xml () writes whatever it
 * holds, in the element and attribute order of assets/schema/scenario.rng,
 * indented, with the comments of the document it was read from put back
 * before the elements they preceded.
 *
 * dd_scenario_draft_save () writes a draft atomically: the bytes go to a
 * temporary file in the same folder, which is synced and renamed over the
 * target, and the folder is synced.  A crash at any point leaves either
 * the old file or the new one, never half a file.
 */

#pragma once

#include <glib-object.h>
#include <libxml/tree.h>

#include "dd-scenario.h"

G_BEGIN_DECLS

/* A comment of the source document and where it stood: before the element
 * with key @anchor ("title", "role:office", "objective:report",
 * "incident/system", "inject:alert", "inject:alert/expect" …), at the end
 * of one ("end:msel"), or before the root ("prolog"). */
typedef struct {
  char *anchor;
  char *text;
} DdDraftComment;

typedef struct {
  char        *id;
  char        *plan_id;
  guint        version;          /* 0: none */
  char        *lang;             /* xml:lang, or NULL */
  char        *title;
  char        *summary;          /* or NULL */
  DdDrillForm  form;
  char        *form_label;
  char        *form_standard;    /* or NULL */
  char        *start;            /* ISO 8601 date and time with offset */
  gint64       duration;
  double       compression;
  DdIncident   incident;
  GPtrArray   *participants;     /* DdParticipant */
  GPtrArray   *objectives;       /* DdObjective */
  GPtrArray   *injects;          /* DdInject, document order */
  GPtrArray   *comments;         /* DdDraftComment */
} DdScenarioDraft;

DdScenarioDraft *dd_scenario_draft_new        (void) G_GNUC_WARN_UNUSED_RESULT;
DdScenarioDraft *dd_scenario_draft_copy       (const DdScenarioDraft *draft) G_GNUC_WARN_UNUSED_RESULT;
void             dd_scenario_draft_free       (DdScenarioDraft       *draft);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdScenarioDraft, dd_scenario_draft_free)

/* The parts of a loaded scenario (without comments, version, language). */
DdScenarioDraft *dd_scenario_draft_from_scenario (DdScenario *scenario) G_GNUC_WARN_UNUSED_RESULT;
/* Reads a scenario document without judging it: missing parts stay empty,
 * unparsable times are 0.  @doc comes from dd_xml_load_* (). */
DdScenarioDraft *dd_scenario_draft_from_xml   (xmlDoc                *doc) G_GNUC_WARN_UNUSED_RESULT;

/* Part constructors and copies (the editor builds new parts with them). */
/* (dd_inject_new () and the parts' free functions: dd-scenario.h) */
DdInject        *dd_inject_copy               (const DdInject *inject) G_GNUC_WARN_UNUSED_RESULT;
/* GCopyFunc copies of the parts (the second argument is unused). */
gpointer         dd_participant_copy          (gconstpointer   participant,
                                               gpointer        unused);
gpointer         dd_objective_copy            (gconstpointer   objective,
                                               gpointer        unused);
gpointer         dd_inject_expect_copy        (gconstpointer   expect,
                                               gpointer        unused);
gpointer         dd_inject_condition_copy     (gconstpointer   condition,
                                               gpointer        unused);
gpointer         dd_attachment_copy           (gconstpointer   attachment,
                                               gpointer        unused);
/* Splits space-separated words (ids, clauses) into a new array, without empty ones. */
char           **dd_strv_from_words           (const char     *text) G_GNUC_WARN_UNUSED_RESULT;

/* The XML text of @draft (UTF-8, with declaration, ending in a newline). */
char            *dd_scenario_draft_to_xml     (const DdScenarioDraft *draft,
                                               gsize                 *len_out) G_GNUC_WARN_UNUSED_RESULT;
/* The text to save for an edit (dd-scenario-splice.c): @original as the
 * author wrote it, with the elements whose rendering differs between @base
 * (the draft as opened, rendered) and @edited (the edited draft, rendered)
 * taken from @edited, and everything else kept byte for byte.  NULL when
 * the texts do not pair up (write @edited then). */
char            *dd_scenario_text_splice      (const char            *original,
                                               const char            *base,
                                               const char            *edited) G_GNUC_WARN_UNUSED_RESULT;
/* Writes @draft to @path atomically.  Does not validate it. */
gboolean         dd_scenario_draft_save       (const DdScenarioDraft *draft,
                                               const char            *path,
                                               GError               **error);
/* Serialises a loaded scenario and writes it atomically. */
gboolean         dd_scenario_save             (DdScenario            *scenario,
                                               const char            *path,
                                               GError               **error);

/* Atomic replacement of @path by @data (temporary file in the same folder,
 * fsync, rename, fsync of the folder).  The file keeps the mode of the
 * file it replaces (0644 for a new file). */
gboolean         dd_write_file_atomic         (const char            *path,
                                               const char            *data,
                                               gsize                  len,
                                               GError               **error);

/* For tests: a hook called before each step of dd_write_file_atomic ();
 * returning FALSE makes that step fail as if the disk had refused it.
 * A hook may also end the process, as a crash would. */
typedef enum {
  DD_SAVE_STEP_WRITE,            /* writing the temporary file */
  DD_SAVE_STEP_SYNC,             /* fsync of the temporary file */
  DD_SAVE_STEP_RENAME,           /* renaming it over the target */
} DdSaveStep;

typedef gboolean (*DdSaveHook) (DdSaveStep  step,
                                const char *temp_path,
                                gpointer    user_data);

void             dd_scenario_writer_set_hook  (DdSaveHook hook,
                                               gpointer   user_data);

G_END_DECLS
