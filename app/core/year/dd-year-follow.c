/* dd-year-follow.c — the register's follow-up of a drill, for its review
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dd-year-follow.h"

int
dd_year_follow_up_to_report (DdYearDb    *db,
                             const char  *drill,
                             DdReport    *report,
                             GError     **error)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) drills = NULL;
  g_autoptr(GHashTable) titles = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (DD_IS_YEAR_DB (db), -1);
  g_return_val_if_fail (DD_IS_REPORT (report), -1);

  if ((items = dd_year_db_list_follow_up (db, drill, error)) == NULL ||
      (drills = dd_year_db_list_drills (db, 0, error)) == NULL)
    return -1;
  for (guint i = 0; i < drills->len; i++)
    {
      const DdYearDrill *d = g_ptr_array_index (drills, i);

      if (d->title != NULL)
        g_hash_table_insert (titles, d->id, d->title);
    }
  for (guint i = 0; i < items->len; i++)
    {
      const DdYearItem *item = g_ptr_array_index (items, i);
      const char *title = g_hash_table_lookup (titles, item->drill);
      g_autofree char *from = title != NULL ? g_strdup_printf ("%s (%s)", title, item->drill) : g_strdup (item->drill);

      dd_report_add_follow_up (report, from, item->action, item->clause, item->owner, item->due,
                               strcmp (item->status, "reopened") == 0);
    }
  return (int) items->len;
}

gboolean
dd_year_follow_store_of (const char  *journal_path,
                         char       **store_dir,
                         char       **drill_id)
{
  g_autofree char *folder = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *db_path = NULL;

  g_return_val_if_fail (journal_path != NULL, FALSE);

  folder = g_path_get_dirname (journal_path);
  parent = g_path_get_dirname (folder);
  db_path = g_build_filename (parent, DD_YEAR_DB_FILE, NULL);
  if (!g_file_test (db_path, G_FILE_TEST_IS_REGULAR))
    return FALSE;
  *store_dir = g_steal_pointer (&parent);
  *drill_id = g_path_get_basename (folder);
  return TRUE;
}
