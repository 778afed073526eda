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
#include <string.h>
#include <glib.h>

#include "dd-error.h"
#include "dd-xml.h"

#define DD_FUZZ_NAME "fuzz-input"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* Once per process: make GLib criticals fatal and set the loader up. */
static inline void
dd_fuzz_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_FATAL_MASK);
      g_log_set_fatal_mask ("drilldesk", G_LOG_LEVEL_CRITICAL | G_LOG_FATAL_MASK);
      dd_xml_init ();
      g_once_init_leave (&done, 1);
    }
}

/* A refused input must say why, in DD_ERROR, naming the input. */
static inline void
dd_fuzz_check_error (const GError *error)
{
  if (error == NULL || error->domain != DD_ERROR || error->message == NULL ||
      !g_utf8_validate (error->message, -1, NULL))
    g_error ("input refused without a proper DD_ERROR: %s",
             error ? error->message : "(no error set)");
}
