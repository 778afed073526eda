/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-msel-file.c — MSEL spreadsheets as files: export, import, and the
 * imported injects put into a scenario (see dd-msel.h)
 *
 * Copyright 2024 The DrillDesk authors
 */

#include "config.h"

#include <inttypes.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>

#include "dd-error.h"
#include "dd-msel.h"
#include "dd-msel-private.h"
#include "dd-xml.h"

GBytes *
dd_msel_read_file (const char  *path,
                   gsize        max,
                   GError     **error)
{
  g_autofree char *shown = dd_xml_display_name (path);
  g_autofree char *buf = NULL;
  struct stat st;
  gsize got = 0;
  int fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);

  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, DD_ERROR, DD_ERROR_IO, _("%s: cannot open the file: %s"), shown, g_strerror (saved));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, DD_ERROR, DD_ERROR_IO, _("%s: not a regular file"), shown);
      return NULL;
    }
  if ((guint64) st.st_size > max)
    {
      close (fd);
      g_set_error (error, DD_ERROR, DD_ERROR_TOO_LARGE,
                   _("%s: the file is %" PRIu64 " bytes, over the limit of %" PRIu64 " bytes"),
                   shown, (guint64) st.st_size, (guint64) max);
      return NULL;
    }
  buf = g_malloc ((gsize) st.st_size + 1);
  while (got <= (gsize) st.st_size)
    {
      gssize n = read (fd, buf + got, (gsize) st.st_size + 1 - got);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          close (fd);
          g_set_error (error, DD_ERROR, DD_ERROR_IO, _("%s: cannot read the file: %s"), shown, g_strerror (saved));
          return NULL;
        }
      if (n == 0)
        break;
      got += (gsize) n;
    }
  close (fd);
  if (got > (gsize) st.st_size)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_IO, _("%s: the file grew while it was read"), shown);
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&buf), got);
}

static gboolean
is_xlsx (const char *path)
{
  return g_str_has_suffix (path, ".xlsx") || g_str_has_suffix (path, ".XLSX");
}

static gboolean
is_csv (const char *path)
{
  return g_str_has_suffix (path, ".csv") || g_str_has_suffix (path, ".CSV");
}

static gboolean
check_extension (const char  *path,
                 GError     **error)
{
  g_autofree char *shown = NULL;

  if (is_xlsx (path) || is_csv (path))
    return TRUE;
  shown = dd_xml_display_name (path);
  g_set_error (error, DD_ERROR, DD_ERROR_UNKNOWN_KIND,
               _("%s: an MSEL spreadsheet is an .xlsx or a .csv file"), shown);
  return FALSE;
}

gboolean
dd_msel_export_file (DdPlan                 *plan,
                     const DdScenarioDraft  *draft,
                     const char             *path,
                     GError                **error)
{
  g_autoptr(DdMselTable) table = NULL;

  if (!check_extension (path, error))
    return FALSE;
  table = dd_msel_export (plan, draft, error);
  if (table == NULL)
    return FALSE;
  if (is_csv (path))
    {
      g_autofree char *text = dd_msel_csv_to_string (table);

      return dd_write_file_atomic (path, text, strlen (text), error);
    }
  else
    {
      g_autoptr(GBytes) bytes = dd_msel_xlsx_to_bytes (table, plan, error);
      gsize len = 0;
      const char *data = bytes ? g_bytes_get_data (bytes, &len) : NULL;

      return bytes != NULL && dd_write_file_atomic (path, data, len, error);
    }
}

GPtrArray *
dd_msel_read_injects (DdPlan                 *plan,
                      const DdScenarioDraft  *base,
                      const char             *path,
                      const char             *scenario_dir,
                      GError                **error)
{
  g_autofree char *shown = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(DdMselTable) table = NULL;

  if (!check_extension (path, error))
    return NULL;
  bytes = dd_msel_read_file (path, DD_MSEL_MAX_FILE_BYTES, error);
  if (bytes == NULL)
    return NULL;
  /* messages name the file as given on the command line or chosen */
  shown = dd_xml_display_name (path);
  if (is_csv (path))
    {
      gsize len = 0;
      const char *data = g_bytes_get_data (bytes, &len);

      table = dd_msel_csv_parse (shown, data, len, error);
    }
  else
    table = dd_msel_xlsx_parse (shown, bytes, error);
  if (table == NULL)
    return NULL;
  return dd_msel_import_table (table, plan, base, scenario_dir, error);
}

DdScenarioDraft *
dd_msel_apply (DdPlan                 *plan,
               const DdScenarioDraft  *base,
               GPtrArray              *injects,
               const char             *scenario_dir,
               const char             *display_name,
               GError                **error)
{
  g_autoptr(DdScenarioDraft) draft = dd_scenario_draft_copy (base);
  g_autoptr(DdScenario) scenario = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *xml = NULL;
  gsize len = 0;

  g_ptr_array_set_size (draft->injects, 0);
  for (guint i = 0; i < injects->len; i++)
    g_ptr_array_add (draft->injects, dd_inject_copy (g_ptr_array_index (injects, i)));
  xml = dd_scenario_draft_to_xml (draft, &len);
  scenario = dd_scenario_load_data (display_name, xml, len, scenario_dir, plan, &local);
  if (scenario == NULL)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID,
                   _("%s: the base scenario with these injects does not load: %s"), display_name, local->message);
      return NULL;
    }
  return g_steal_pointer (&draft);
}
