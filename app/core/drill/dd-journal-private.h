/* dd-journal-private.h — what dd-journal.c (writing), dd-journal-read.c
 * (reading and verifying) and dd-journal-line.c (one line) share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dd-journal.h"

G_BEGIN_DECLS

/* The I/O table in use (dd_journal_set_io_for_testing ()). */
extern DdJournalIo dd_journal_io;

#define HASH_LEN      64
#define SUM_PREFIX    ",\"sum\":\""
#define SUM_SUFFIX_LEN (sizeof SUM_PREFIX - 1 + HASH_LEN + 2)   /* ,"sum":"…"} */
#define ZERO_HASH     "0000000000000000000000000000000000000000000000000000000000000000"
#define MAX_TYPE_LEN  64

typedef struct
{
  DdJournalRecord pub;
  char            type[MAX_TYPE_LEN + 1];
  char            prev[HASH_LEN + 1];
  char            hash[HASH_LEN + 1];
  const char     *line;      /* the exact bytes on disk, newline included: */
  gsize           line_len;
  gboolean        owns_line; /* its own copy, or in the journal's data */
  /* pub.body of a record read from a file is built when first asked for
   * (dd_journal_get_record ()); the line was checked in full on reading. */
} Record;

/* Outcome of parsing one line. */
typedef struct
{
  DdJournalDamageKind kind;    /* NONE, CHANGED or MALFORMED */
  guint               column;
  gboolean            checksum; /* the line failed its checksum (or has none) */
  char               *what;    /* the message after "record N " */
} LineProblem;

typedef struct
{
  GPtrArray          *records;     /* the good ones */
  gsize               good_len;    /* bytes of the good lines */
  DdJournalDamage     damage;
  char               *message;     /* set when damage.kind != NONE */
  gboolean            last_line;   /* the damage is at the file's last line */
  gboolean            tail_like;   /* … and is a torn or unreadable last line */
} Scan;

void      dd_journal_record_free   (gpointer     data);
gboolean  dd_journal_is_hex_hash   (const char  *s,
                                    gsize        len);
gboolean  dd_journal_is_valid_type (const char  *type);
/* @body: build the record's body (else it is only checked, and NULL). */
Record   *dd_journal_parse_line    (const char  *line,
                                    gsize        len,
                                    gboolean     body,
                                    LineProblem *problem);
/* The body of a line read before without it (its checks passed then);
 * @len without the newline; NULL if it no longer reads. */
JsonObject *dd_journal_line_body   (const char  *line,
                                    gsize        len,
                                    const char  *sum);
void      dd_journal_scan_data     (const char  *data,
                                    gsize        len,
                                    Scan        *scan);
void      dd_journal_scan_clear    (Scan        *scan);
GError   *dd_journal_scan_error    (const char  *path,
                                    Scan        *scan);
int       dd_journal_open_regular  (const char  *path,
                                    int          flags,
                                    GError     **error);
gboolean  dd_journal_check_regular (int          fd,
                                    const char  *path,
                                    gsize       *size_out,
                                    GError     **error);
gboolean  dd_journal_read_fd       (int          fd,
                                    const char  *path,
                                    char       **data_out,
                                    gsize       *len_out,
                                    GError     **error);
gboolean  dd_journal_read_capped   (const char  *path,
                                    char       **data_out,
                                    gsize       *len_out,
                                    GError     **error);

G_END_DECLS
