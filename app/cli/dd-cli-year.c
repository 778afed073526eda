/* dd-cli-year.c — the year's drills: drilldesk-cli store, programme,
 * improvements and summary
 *
 *   store rebuild [--store DIR]
 *   programme check --year YEAR [--store DIR] [--plan FILE]
 *   programme print --year YEAR -o FILE.pdf [--store DIR] [--plan FILE]
 *   improvements [--store DIR] [--csv FILE]
 *   summary --year YEAR -o FILE.pdf [--store DIR] [--plan FILE]
 *
 * What is known about the drills comes from the store's database
 * (dd-year-db.h), brought up to date from the journals first; the duty
 * from the plan (dd-year-duty.h); the programme from its XML document in
 * the store (dd-programme.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dd-cli.h"
#include "dd-error.h"
#include "dd-plan.h"
#include "dd-year-db.h"
#include "dd-year-duty.h"

/* --year YEAR, checked */
static gboolean
check_year (const char *command,
            int         year)
{
  if (year < 1 || year > 9999)
    {
      dd_cli_usage_error (command, "%s", _("--year YEAR is required (for example --year 2026)"));
      return FALSE;
    }
  return TRUE;
}

static DdYearDb *
open_db (const char  *store_dir,
         GError     **error)
{
  gboolean rebuilt = FALSE;
  DdYearDb *db = dd_year_db_open (store_dir, &rebuilt, error);

  if (db != NULL && rebuilt)
    g_printerr (_("%s: the database failed its check; it was set aside and rebuilt from the journals\n"),
                dd_year_db_get_path (db));
  return db;
}

static char *
today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* ------------------------------------------------------------------ */
/* store                                                               */

int
dd_cli_store (int    argc,
              char **argv)
{
  g_autofree char *store_dir = NULL;
  const GOptionEntry entries[] = {
    { "store", 's', 0, G_OPTION_ARG_FILENAME, &store_dir, N_("The drill store (default: the window's)"), N_("DIR") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DdYearDb) db = NULL;
  g_autoptr(GPtrArray) drills = NULL;
  g_autoptr(GPtrArray) items = NULL;

  if (!dd_cli_parse_options (&argc, &argv, "rebuild",
                             _("Rebuild the drill store's database from the journals and reviews."), entries))
    return DD_CLI_EXIT_USAGE;
  if (argc != 2 || strcmp (argv[1], "rebuild") != 0)
    {
      dd_cli_usage_error ("store", "%s", _("the only subcommand is 'rebuild'"));
      return DD_CLI_EXIT_USAGE;
    }
  db = open_db (store_dir, &error);
  if (db == NULL || !dd_year_db_rebuild (db, &error) ||
      (drills = dd_year_db_list_drills (db, 0, &error)) == NULL ||
      (items = dd_year_db_list_items (db, &error)) == NULL)
    {
      dd_cli_print_error (error);
      return DD_CLI_EXIT_INVALID;
    }
  g_print (_("%s: %u drills, %u improvement items\n"), dd_year_db_get_path (db), drills->len, items->len);
  return DD_CLI_EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* programme check                                                     */

static void
print_verdict (const DdDutyVerdict *v)
{
  g_print ("%s\n", v->summary);
  if (v->met)
    g_print (_("%d: met — %u of %u held as the plan says.\n"), v->year, v->counted, v->needed);
  else if (v->overdue)
    g_print (_("%d: not met — it was due by %s.\n"), v->year, v->deadline);
  else
    g_print (_("%d: not met yet — due by %s.\n"), v->year, v->deadline);
  for (guint i = 0; i < v->reasons->len; i++)
    g_print ("  - %s\n", (const char *) g_ptr_array_index (v->reasons, i));
  if (v->notes->len > 0)
    g_print ("%s\n", _("Drills of the period that do not count:"));
  for (guint i = 0; i < v->notes->len; i++)
    g_print ("  - %s\n", (const char *) g_ptr_array_index (v->notes, i));
}

static int
programme_check (DdYearDb *db,
                 DdPlan   *plan,
                 int       year)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) drills = dd_year_db_list_drills (db, 0, &error);
  g_autoptr(DdDutyVerdict) verdict = NULL;
  g_autofree char *now = today ();

  if (drills == NULL)
    {
      dd_cli_print_error (error);
      return DD_CLI_EXIT_INVALID;
    }
  verdict = dd_year_duty_check (plan, drills, year, now);
  print_verdict (verdict);
  return verdict->met ? DD_CLI_EXIT_OK : DD_CLI_EXIT_INVALID;
}

int
dd_cli_programme (int    argc,
                  char **argv)
{
  g_autofree char *store_dir = NULL;
  g_autofree char *plan_path = NULL;
  g_autofree char *output = NULL;
  int year = 0;
  const GOptionEntry entries[] = {
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("The year"), N_("YEAR") },
    { "store", 's', 0, G_OPTION_ARG_FILENAME, &store_dir, N_("The drill store (default: the window's)"), N_("DIR") },
    { "plan", 'p', 0, G_OPTION_ARG_FILENAME, &plan_path, N_("The plan (default: the bundled Jincheng plan)"), N_("FILE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF to write (print)"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DdYearDb) db = NULL;
  g_autoptr(DdPlan) plan = NULL;

  if (!dd_cli_parse_options (&argc, &argv, "check|print",
                             _("Check the plan's drill duty for a year, or print the year's drill programme."), entries))
    return DD_CLI_EXIT_USAGE;
  if (argc != 2 || (strcmp (argv[1], "check") != 0 && strcmp (argv[1], "print") != 0))
    {
      dd_cli_usage_error ("programme", "%s", _("say 'check' or 'print'"));
      return DD_CLI_EXIT_USAGE;
    }
  if (!check_year ("programme", year))
    return DD_CLI_EXIT_USAGE;
  if (strcmp (argv[1], "print") == 0 && output == NULL)
    {
      dd_cli_usage_error ("programme", "%s", _("print needs -o FILE.pdf"));
      return DD_CLI_EXIT_USAGE;
    }

  plan = dd_cli_load_plan (plan_path, &error);
  if (plan == NULL || (db = open_db (store_dir, &error)) == NULL)
    {
      dd_cli_print_error (error);
      return DD_CLI_EXIT_INVALID;
    }
  return programme_check (db, plan, year);
}
