/* fuzz-common.h — shared by the libFuzzer targets and their replay driver
 *
 * Each target feeds untrusted bytes to the real loader of one DrillDesk
 * format, from memory, the way the application reads a file: parse, schema,
 * semantic checks, model, free. A crash, a sanitizer report, a GLib critical
 * or a failure without a DD_ERROR is a bug.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include "dd-error.h"
#include "dd-xml.h"

#define DD_FUZZ_NAME "fuzz-input"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* A fatal message ends the process with abort(): libFuzzer catches SIGABRT
 * and keeps the input that caused it. GLib's own way out of g_error() and
 * of a fatal critical is a breakpoint (SIGTRAP), which libFuzzer does not
 * catch: the process dies and the artifact is lost. */
static inline void G_GNUC_NORETURN
dd_fuzz_abort (const char *message)
{
  fprintf (stderr, "fuzz target: %s\n", message);
  fflush (stderr);
  abort ();
}

static inline GLogWriterOutput
dd_fuzz_log_writer (GLogLevelFlags   log_level,
                    const GLogField *fields,
                    gsize            n_fields,
                    gpointer         user_data)
{
  GLogWriterOutput ret = g_log_writer_default (log_level, fields, n_fields, user_data);

  if (log_level & (G_LOG_FLAG_FATAL | G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL))
    dd_fuzz_abort ("fatal GLib message (above)");
  return ret;
}

/* Once per process: make GLib criticals fatal and set the loader up. */
static inline void
dd_fuzz_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      g_log_set_writer_func (dd_fuzz_log_writer, NULL, NULL);
      g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_FATAL_MASK);
      g_log_set_fatal_mask ("drilldesk", G_LOG_LEVEL_CRITICAL | G_LOG_FATAL_MASK);
      dd_xml_init ();
      g_once_init_leave (&done, 1);
    }
}

/* A refused input must say why, in DD_ERROR, in valid UTF-8. */
static inline void
dd_fuzz_check_error (const GError *error)
{
  if (error == NULL || error->domain != DD_ERROR || error->message == NULL ||
      !g_utf8_validate (error->message, -1, NULL))
    {
      g_autofree char *shown = error && error->message ? g_utf8_make_valid (error->message, -1)
                                                       : g_strdup ("(no error set)");

      fprintf (stderr, "input refused without a proper DD_ERROR: %s\n", shown);
      dd_fuzz_abort ("improper error");
    }
}

/* An XML document's refusal also names it ("fuzz-input:LINE:COLUMN: …"),
 * on one line. */
static inline void
dd_fuzz_check_xml_error (const GError *error)
{
  dd_fuzz_check_error (error);
  if (!g_str_has_prefix (error->message, DD_FUZZ_NAME ":") || strchr (error->message, '\n') != NULL)
    {
      fprintf (stderr, "refusal without the input's name or on several lines: %s\n", error->message);
      dd_fuzz_abort ("improper error");
    }
}
