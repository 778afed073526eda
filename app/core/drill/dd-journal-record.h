/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-journal-record.h — the records of a drill journal, declared once
 *
 * Copyright 2024 The DrillDesk authors
 *
 * A drill journal (dd-journal.h) is a chain of typed records with a JSON
 * body.  This file is the one place that says which types there are, how
 * each is spelt in JSON and what its body holds; the running drill writes
 * them with the builders below, the replay (dd-replay.h) reads them with
 * the readers below, and the report, the CSV and the command line take
 * what they show from the replay.  docs/formats.md lists the same table.
 *
 *   type        body
 *   header      {"format","version","plan":{…},"scenario":{…},"options":{…}}
 *   inject      {"id": inject id, "at": simulated delivery time (s)}
 *   action      dd_action_to_json (): {"at","role","kind","report-type","to",
 *               "level","fields","text"}
 *   note        {"type": "strength"|"improvement"|"observation", "text",
 *               "at", "phase", "objective", "author"}
 *   correction  {"target": seq of an action record, "withdraw": bool,
 *               "role", "at" (the corrected values, when not withdrawn),
 *               "reason", "by", "recorded-at": simulated time of the
 *               correction}
 *   rating      {"objective", "rating": "P"|"S"|"M"|"U", "reason", "by"}
 *   end         {"at": simulated time the drill was ended (s)}
 *
 * Nothing in a journal is overwritten: a correction is a new record that
 * points at the action it corrects, and the replay applies it.
 *
 * To add a record type: add it to DdRecordType and to the table in
 * dd-journal-record.c, give it a builder and a reader here, apply it in
 * dd_replay_apply () (dd-replay.c), and document it in docs/formats.md.
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "dd-actions.h"

G_BEGIN_DECLS

typedef enum {
  DD_RECORD_UNKNOWN,
  DD_RECORD_HEADER,
  DD_RECORD_INJECT,
  DD_RECORD_ACTION,
  DD_RECORD_NOTE,
  DD_RECORD_CORRECTION,
  DD_RECORD_RATING,
  DD_RECORD_END,
  DD_N_RECORD_TYPES
} DdRecordType;

typedef struct {
  DdRecordType  type;
  const char   *name;            /* the record's "type" in JSON */
  const char   *members;         /* body members, for documentation */
} DdRecordTypeInfo;

const DdRecordTypeInfo *dd_record_type_get_info   (DdRecordType  type);
DdRecordType            dd_record_type_from_name  (const char   *name);
const char             *dd_record_type_to_name    (DdRecordType  type);

/* ------------------------------------------------------------------ */
/* inject and end                                                      */

JsonObject *dd_record_inject_new     (const char *inject_id,
                                      gint64      at) G_GNUC_WARN_UNUSED_RESULT;
JsonObject *dd_record_end_new        (gint64      at) G_GNUC_WARN_UNUSED_RESULT;
/* The simulated time of any record body ("at"), or @fallback. */
gint64      dd_record_get_at         (JsonObject *body,
                                      gint64      fallback);

/* ------------------------------------------------------------------ */
/* note: an evaluator's observation or the room's note                 */

typedef enum {
  DD_NOTE_OBSERVATION,
  DD_NOTE_STRENGTH,
  DD_NOTE_IMPROVEMENT,
} DdNoteKind;

typedef struct {
  DdNoteKind  kind;
  char       *text;
  char       *author;            /* or NULL */
  char       *phase;             /* phase id, or NULL */
  char       *objective;         /* objective id, or NULL */
  gint64      at;                /* simulated time */
  guint64     seq;               /* journal record, 0 when none */
} DdNote;

DdNote     *dd_note_new              (DdNoteKind   kind,
                                      const char  *text) G_GNUC_WARN_UNUSED_RESULT;
void        dd_note_free             (DdNote      *note);
JsonObject *dd_note_to_json          (const DdNote *note) G_GNUC_WARN_UNUSED_RESULT;
/* NULL (and @error) when the body has no text. */
DdNote     *dd_note_from_json        (JsonObject  *body,
                                      GError     **error) G_GNUC_WARN_UNUSED_RESULT;
const char *dd_note_kind_to_string   (DdNoteKind   kind);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdNote, dd_note_free)

/* ------------------------------------------------------------------ */
/* correction: a recorded action corrected or withdrawn                */

typedef struct {
  guint64   target;              /* seq of the action record corrected */
  gboolean  withdraw;            /* the action is withdrawn (never happened) */
  char     *role;                /* corrected role, or NULL (unchanged) */
  gboolean  has_at;
  gint64    at;                  /* corrected simulated time, if has_at */
  char     *reason;
  char     *by;                  /* who corrected it, or NULL */
  gint64    recorded_at;         /* simulated time of the correction */
  guint64   seq;                 /* its own journal record, 0 when none */
} DdCorrection;

DdCorrection *dd_correction_new       (guint64        target,
                                       const char    *reason) G_GNUC_WARN_UNUSED_RESULT;
DdCorrection *dd_correction_copy      (const DdCorrection *correction) G_GNUC_WARN_UNUSED_RESULT;
void          dd_correction_free      (DdCorrection  *correction);
JsonObject   *dd_correction_to_json   (const DdCorrection *correction) G_GNUC_WARN_UNUSED_RESULT;
DdCorrection *dd_correction_from_json (JsonObject    *body,
                                       GError       **error) G_GNUC_WARN_UNUSED_RESULT;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdCorrection, dd_correction_free)

/* ------------------------------------------------------------------ */
/* rating: the evaluator's rating of an objective                      */

typedef struct {
  char   *objective;             /* objective id */
  char    rating;                /* 'P', 'S', 'M' or 'U' */
  char   *reason;
  char   *by;                    /* or NULL */
  guint64 seq;
} DdRatingOverride;

DdRatingOverride *dd_rating_override_new       (const char *objective,
                                                char        rating,
                                                const char *reason) G_GNUC_WARN_UNUSED_RESULT;
void              dd_rating_override_free      (DdRatingOverride *rating);
JsonObject       *dd_rating_override_to_json   (const DdRatingOverride *rating) G_GNUC_WARN_UNUSED_RESULT;
DdRatingOverride *dd_rating_override_from_json (JsonObject  *body,
                                                GError     **error) G_GNUC_WARN_UNUSED_RESULT;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdRatingOverride, dd_rating_override_free)

G_END_DECLS
