/* dd-journal.h — the drill journal: append-only, durable, hash-chained */
/* API ready */
/*
 * A journal is a JSON-lines file (format in docs/formats.md, section
 * "journal"). Line 1 is the header record (seq 0, type "header"); every
 * later line is one record: an inject delivered, an action taken, ….
 * Each line ends in ,"sum":"<sha256 of the bytes before it>"} and every
 * record carries the sum of the one before it in "prev", so a change,
 * removal or reordering of any record is detected; a last line without its
 * newline is a torn tail (the write was cut) and is set aside on open.
 *
 * dd_journal_append () returns only when the record is on disk
 * (write + fdatasync). After a write or sync error the journal is "failed":
 * that file is never written again, the record (and any later ones) stay in
 * memory as pending, and dd_journal_relocate () writes everything to a new
 * file and continues there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sys/types.h>
#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Value of the header's "format" member, and the current "version". */
#define DD_JOURNAL_FORMAT   "drilldesk-journal"
#define DD_JOURNAL_VERSION  1

/* Reserved record types. "header" is record 0 only; after "end" (written by
 * dd_journal_finish ()) nothing more can be appended and the drill counts as
 * finished. */
#define DD_JOURNAL_TYPE_HEADER "header"
#define DD_JOURNAL_TYPE_END    "end"

/* The evaluation goes on after a drill ends: records of these types (the
 * evaluator's ratings) may follow the "end" record, and nothing else may.
 * A journal with an "end" record is finished whatever follows it. */
gboolean dd_journal_type_after_end (const char *type);

/* Limits enforced on load and on append. */
#define DD_JOURNAL_MAX_LINE   (1024 * 1024)
#define DD_JOURNAL_MAX_FILE   (512 * 1024 * 1024)
/* Arrays and objects nested deeper than this refuse the line (before any
 * JSON parser sees it). */
#define DD_JOURNAL_MAX_DEPTH  64

/**
 * DdJournalRecord:
 * @seq: sequence number; the header is 0, the first record after it 1
 * @type: record type, `[a-z][a-z0-9-]*` (e.g. "inject", "action", "end")
 * @time_us: wall-clock time of the append, µs since the Unix epoch (UTC)
 * @body: the record's payload (owned by the journal)
 * @prev: SHA-256 (64 lowercase hex) of the previous record ("0"×64 for seq 0)
 * @hash: SHA-256 (64 lowercase hex) of this record — its "sum"
 */
typedef struct
{
  guint64     seq;
  const char *type;
  gint64      time_us;
  JsonObject *body;
  const char *prev;
  const char *hash;
} DdJournalRecord;

/**
 * DdJournalDamageKind:
 * @DD_JOURNAL_DAMAGE_NONE: intact
 * @DD_JOURNAL_DAMAGE_CHANGED: a record's bytes no longer match its sum, or a
 *   record was rewritten with a new sum so the next record's "prev" breaks
 * @DD_JOURNAL_DAMAGE_REMOVED: one or more records are missing (a seq gap)
 * @DD_JOURNAL_DAMAGE_REORDERED: a record appears out of order (or twice)
 * @DD_JOURNAL_DAMAGE_TORN_TAIL: the last line is incomplete (no newline):
 *   a write was cut by a crash or a full disk
 * @DD_JOURNAL_DAMAGE_MALFORMED: not a journal line at all (not JSON, missing
 *   or mistyped members, bad header, over the size limits)
 */
typedef enum
{
  DD_JOURNAL_DAMAGE_NONE,
  DD_JOURNAL_DAMAGE_CHANGED,
  DD_JOURNAL_DAMAGE_REMOVED,
  DD_JOURNAL_DAMAGE_REORDERED,
  DD_JOURNAL_DAMAGE_TORN_TAIL,
  DD_JOURNAL_DAMAGE_MALFORMED,
} DdJournalDamageKind;

/**
 * DdJournalDamage:
 * @kind: what is wrong (the first problem found)
 * @seq: the record concerned (the expected seq number at that place)
 * @line: the line of the file where it was found (1-based)
 * @column: the column (1-based, bytes), 1 when unknown
 * @n_good: number of intact records before the damage (header included)
 * @head: SHA-256 of the last intact record (the chain head), "" if none
 */
typedef struct
{
  DdJournalDamageKind kind;
  guint64             seq;
  guint               line;
  guint               column;
  guint64             n_good;
  char                head[65];
} DdJournalDamage;

/**
 * DdJournalRecovery:
 * @n_records: complete records replayed, header included
 * @torn: whether a torn tail was found
 * @torn_offset: byte offset where the torn tail began
 * @torn_length: its length in bytes
 * @torn_path: (nullable): where its bytes were set aside (PATH.torn-N), or
 *   NULL when the journal was only loaded read-only
 * @message: (nullable): a sentence for the operator, or NULL
 */
typedef struct
{
  guint64  n_records;
  gboolean torn;
  goffset  torn_offset;
  gsize    torn_length;
  char    *torn_path;
  char    *message;
} DdJournalRecovery;

void dd_journal_recovery_clear (DdJournalRecovery *recovery);
const char *dd_journal_damage_kind_to_string (DdJournalDamageKind kind);

/**
 * DdJournalIo:
 * The system calls the journal makes, replaceable in tests to inject
 * ENOSPC, EIO, EFBIG, short writes. Each has the POSIX signature and
 * reports errors through errno.
 */
typedef struct
{
  int     (*open)      (const char *path, int flags, mode_t mode);
  ssize_t (*write)     (int fd, const void *buf, size_t count);
  int     (*fsync)     (int fd);
  int     (*fdatasync) (int fd);
  int     (*ftruncate) (int fd, off_t length);
  int     (*close)     (int fd);
} DdJournalIo;

/* @io NULL restores the real system calls. Not thread-safe; tests only. */
void dd_journal_set_io_for_testing (const DdJournalIo *io);

#define DD_TYPE_JOURNAL (dd_journal_get_type ())
G_DECLARE_FINAL_TYPE (DdJournal, dd_journal, DD, JOURNAL, GObject)

/* Creates a new journal at @path (which must not exist; O_EXCL), writes the
 * header record — {"format","version","created"} plus every member of
 * @header (e.g. "plan" and "scenario" objects from
 * dd_journal_header_add_source ()) — and syncs the file and its folder. */
DdJournal  *dd_journal_create            (const char        *path,
                                          JsonObject        *header,
                                          GError           **error) G_GNUC_WARN_UNUSED_RESULT;

/* Opens an existing journal to continue it: validates every line, replays
 * the records, sets a torn tail aside (copied to PATH.torn-N, then cut off
 * the file) and continues appending after the last good record. Damage
 * before the last line fails with DD_ERROR_CORRUPT (or DD_ERROR_MALFORMED)
 * naming the record, as "FILE:LINE:COLUMN: message". A journal without a
 * complete header fails with DD_ERROR_TORN. Takes an exclusive lock: a
 * second open of the same file fails with DD_ERROR_STATE. */
DdJournal  *dd_journal_open              (const char        *path,
                                          DdJournalRecovery *recovery_out,
                                          GError           **error) G_GNUC_WARN_UNUSED_RESULT;

/* Loads a journal read-only (for score, report, review): same validation,
 * a torn tail is reported in @recovery_out but left alone. Appending to the
 * result fails with DD_ERROR_STATE. */
DdJournal  *dd_journal_load              (const char        *path,
                                          DdJournalRecovery *recovery_out,
                                          GError           **error) G_GNUC_WARN_UNUSED_RESULT;

/* Loads, read-only, the intact beginning of a damaged journal: every record
 * before the first damage (a torn tail, a changed, removed or reordered
 * record, a malformed line). Fails when not even the header is intact (the
 * file is then no DrillDesk journal). @damage_out says what was found after
 * the intact records (kind NONE when the whole journal is intact). */
DdJournal  *dd_journal_load_intact       (const char        *path,
                                          DdJournalDamage   *damage_out,
                                          GError           **error) G_GNUC_WARN_UNUSED_RESULT;

/* Writes the records of @self that are on disk (header included) to the new
 * file @copy_path, created atomically and synced as a journal is; @self
 * and its file are not changed. With dd_journal_load_intact (), makes a
 * repaired copy beside a damaged journal, which stays as it was. */
gboolean    dd_journal_save_copy         (DdJournal         *self,
                                          const char        *copy_path,
                                          GError           **error);

/* Appends one record and returns once it is durable. @body may be NULL
 * (an empty object); it is copied (serialised) at once. @type must match
 * `[a-z][a-z0-9-]*` and not be "header". On a write or sync error returns
 * FALSE with DD_ERROR_IO; the record is kept in memory as pending, the
 * journal turns failed and never writes to that file again; later appends
 * also fail (DD_ERROR_IO) but still keep their records. Invalid input
 * (type, unserialisable body) fails with DD_ERROR_INVALID and keeps
 * nothing. */
gboolean    dd_journal_append            (DdJournal         *self,
                                          const char        *type,
                                          JsonObject        *body,
                                          GError           **error);

/* Appends an "end" record; afterwards appends fail with DD_ERROR_STATE. */
gboolean    dd_journal_finish            (DdJournal         *self,
                                          JsonObject        *body,
                                          GError           **error);

/* After a failure: writes every record (durable and pending) to the new file
 * @new_path (O_EXCL, synced, folder synced) and continues there. The old
 * file is left as it was. */
gboolean    dd_journal_relocate          (DdJournal         *self,
                                          const char        *new_path,
                                          GError           **error);

const char *dd_journal_get_path          (DdJournal         *self);
JsonObject *dd_journal_get_header        (DdJournal         *self);
/* Records after the header, in memory: durable ones, then pending ones.
 * dd_journal_get_record (self, i)->seq == i + 1. */
guint       dd_journal_get_n_records     (DdJournal         *self);
const DdJournalRecord *
            dd_journal_get_record        (DdJournal         *self,
                                          guint              i);
/* How many of them are on disk; the rest are pending. */
guint       dd_journal_get_n_durable     (DdJournal         *self);
guint       dd_journal_get_n_pending     (DdJournal         *self);
gboolean    dd_journal_is_failed         (DdJournal         *self);
gboolean    dd_journal_is_finished       (DdJournal         *self);
gboolean    dd_journal_is_read_only      (DdJournal         *self);
/* SHA-256 of the last record in memory (print it on the after-action
 * review to anchor the chain). */
const char *dd_journal_get_head_hash     (DdJournal         *self);

/* Checks a journal file without changing it. Returns TRUE when intact; else
 * FALSE, fills @damage_out and sets @error (DD_ERROR_CORRUPT,
 * DD_ERROR_TORN, DD_ERROR_MALFORMED, DD_ERROR_TOO_LARGE or DD_ERROR_IO)
 * with "FILE:LINE:COLUMN: record N …" naming the record and the damage.
 * @damage_out is filled on success too (kind NONE, n_good, head). */
gboolean    dd_journal_verify_file       (const char        *path,
                                          DdJournalDamage   *damage_out,
                                          GError           **error);

/* Adds @member (e.g. "plan", "scenario") to @header as
 * {"id","title","file","sha256"}, hashing the file at @path. */
gboolean    dd_journal_header_add_source (JsonObject        *header,
                                          const char        *member,
                                          const char        *id,
                                          const char        *title,
                                          const char        *path,
                                          GError           **error);

/* SHA-256 of a file's contents as 64 lowercase hex, or NULL with @error. */
char       *dd_journal_sha256_file       (const char        *path,
                                          GError           **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
