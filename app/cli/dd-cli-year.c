/* dd-cli-year.c — the year's drills: drilldesk-cli store, programme,
 * improvements and summary
 *
 *   store rebuild [--store DIR]
 *   programme check --year YEAR [--store DIR] [--plan FILE]
 *   programme print --year YEAR -o FILE.pdf [--store DIR] [--plan FILE] [--programme FILE]
 *   improvements [--store DIR] [--csv FILE]
 *   summary --year YEAR -o FILE.pdf [--store DIR] [--plan FILE] [--programme FILE]
 *   training [--year YEAR] [--store DIR] [--csv FILE]
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
#include "dd-programme.h"
#include "dd-report-csv.h"
#include "dd-year-db.h"
#include "dd-year-duty.h"
#include "dd-year-print.h"

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
         gboolean     rebuild,
         GError     **error)
{
  gboolean rebuilt = FALSE;
  DdYearDb *db = rebuild ? dd_year_db_open_rebuilt (store_dir, &rebuilt, error)
                         : dd_year_db_open (store_dir, &rebuilt, error);

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
  db = open_db (store_dir, TRUE, &error);
  if (db == NULL ||
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
/* programme check and print                                           */

/* The programme at @path, or the store's of @year; NULL with @error set.
 * With @optional, a store without one gives NULL and no error. */
static DdProgramme *
load_programme (DdYearDb    *db,
                const char  *path,
                int          year,
                gboolean     optional,
                GError     **error)
{
  g_autofree char *default_path = dd_programme_path (dd_year_db_get_store_dir (db), year);
  DdProgramme *programme;

  if (path == NULL && !g_file_test (default_path, G_FILE_TEST_EXISTS))
    {
      if (!optional)
        g_set_error (error, DD_ERROR, DD_ERROR_IO, _("%s: there is no programme for %d (see docs/formats.md, \"programme\")"),
                     default_path, year);
      return NULL;
    }
  programme = dd_programme_load_file (path != NULL ? path : default_path, error);
  if (programme != NULL && programme->year != year)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID, _("%s: the programme is for %d, not %d"),
                   path != NULL ? path : default_path, programme->year, year);
      g_clear_pointer (&programme, dd_programme_free);
    }
  return programme;
}

static int
programme_print (DdYearDb   *db,
                 DdPlan     *plan,
                 int         year,
                 const char *path,
                 const char *output)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdProgramme) programme = load_programme (db, path, year, FALSE, &error);
  g_autofree char *now = today ();

  if (programme == NULL || !dd_year_print_programme (programme, plan, db, now, output, &error))
    {
      dd_cli_print_error (error);
      return DD_CLI_EXIT_INVALID;
    }
  return DD_CLI_EXIT_OK;
}

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
  g_autofree char *programme_path = NULL;
  int year = 0;
  const GOptionEntry entries[] = {
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("The year"), N_("YEAR") },
    { "store", 's', 0, G_OPTION_ARG_FILENAME, &store_dir, N_("The drill store (default: the window's)"), N_("DIR") },
    { "plan", 'p', 0, G_OPTION_ARG_FILENAME, &plan_path, N_("The plan (default: the bundled Jincheng plan)"), N_("FILE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF to write (print)"), N_("FILE") },
    { "programme", 0, 0, G_OPTION_ARG_FILENAME, &programme_path, N_("The programme (default: the store's programme of the year)"), N_("FILE") },
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
  if (plan == NULL || (db = open_db (store_dir, FALSE, &error)) == NULL)
    {
      dd_cli_print_error (error);
      return DD_CLI_EXIT_INVALID;
    }
  if (strcmp (argv[1], "check") == 0)
    return programme_check (db, plan, year);
  return programme_print (db, plan, year, programme_path, output);
}

/* ------------------------------------------------------------------ */
/* improvements                                                        */

static const char *
item_status (const DdYearItem *item)
{
  return item->status != NULL ? item->status : "open";
}

/* One CSV row of @n @fields (NULL: empty), CRLF-terminated */
static void
append_csv_row (GString           *out,
                const char *const *fields,
                gsize              n)
{
  for (gsize i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      dd_report_csv_append_field (out, fields[i] != NULL ? fields[i] : "");
    }
  g_string_append (out, "\r\n");
}

/* The header row of translated @heads after the byte order mark */
static GString *
csv_start (const char *const *heads,
           gsize              n)
{
  GString *out = g_string_new ("\xef\xbb\xbf");
  g_autofree const char **translated = g_new0 (const char *, n);

  for (gsize i = 0; i < n; i++)
    translated[i] = _(heads[i]);
  append_csv_row (out, translated, n);
  return out;
}

static gboolean
write_csv (const char  *path,
           GString     *text,
           GError     **error)
{
  g_autoptr(GError) local = NULL;

  if (!g_file_set_contents_full (path, text->str, (gssize) text->len, G_FILE_SET_CONTENTS_CONSISTENT, 0644, &local))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_IO, "%s", local->message);
      return FALSE;
    }
  return TRUE;
}

static GString *
items_csv (GPtrArray *items)
{
  const char *const heads[] = {
    N_("Drill"), N_("No."), N_("Action"), N_("Owner"), N_("Clause"), N_("Due"), N_("Status"),
    N_("Recurred"), N_("Followed up by"), N_("Drill deleted"),
  };
  GString *out = csv_start (heads, G_N_ELEMENTS (heads));

  for (guint i = 0; i < items->len; i++)
    {
      const DdYearItem *item = g_ptr_array_index (items, i);
      g_autofree char *index = g_strdup_printf ("%u", item->index + 1);
      g_autofree char *reopened = g_strdup_printf ("%u", item->reopened);
      const char *fields[] = {
        item->drill, index, item->action, item->owner, item->clause, item->due, item_status (item),
        reopened, item->follow_drill, item->drill_gone ? "yes" : "no",
      };

      append_csv_row (out, fields, G_N_ELEMENTS (fields));
    }
  return out;
}

int
dd_cli_improvements (int    argc,
                     char **argv)
{
  g_autofree char *store_dir = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *set = NULL;
  const GOptionEntry entries[] = {
    { "store", 's', 0, G_OPTION_ARG_FILENAME, &store_dir, N_("The drill store (default: the window's)"), N_("DIR") },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv, N_("Also write the register as CSV (UTF-8 with a byte order mark)"), N_("FILE") },
    { "set", 0, 0, G_OPTION_ARG_STRING, &set, N_("First set the status of item N of a drill's review: open, in-progress or done"), N_("DRILL:N=STATUS") },
    { NULL }
  };
  g_autofree char *set_drill = NULL;
  guint64 set_index = 0;
  const char *set_status = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdYearDb) db = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *now = today ();

  if (!dd_cli_parse_options (&argc, &argv, NULL,
                             _("List every review's improvement items and how later drills followed them up."), entries))
    return DD_CLI_EXIT_USAGE;
  if (argc != 1)
    {
      dd_cli_usage_error ("improvements", "%s", _("too many arguments"));
      return DD_CLI_EXIT_USAGE;
    }
  if (set != NULL)
    {
      const char *eq = strchr (set, '=');
      const char *colon = eq != NULL ? g_strrstr_len (set, eq - set, ":") : NULL;
      g_autofree char *number = colon != NULL ? g_strndup (colon + 1, eq - colon - 1) : NULL;

      if (colon == NULL || colon == set ||
          !g_ascii_string_to_unsigned (number, 10, 1, G_MAXUINT, &set_index, NULL))
        {
          dd_cli_usage_error ("improvements", _("--set wants DRILL:N=STATUS, not '%s'"), set);
          return DD_CLI_EXIT_USAGE;
        }
      set_drill = g_strndup (set, colon - set);
      set_status = eq + 1;
    }
  db = open_db (store_dir, FALSE, &error);
  if (db == NULL ||
      (set_drill != NULL && !dd_year_db_set_item_status (db, set_drill, (guint) set_index - 1, set_status, &error)) ||
      (items = dd_year_db_list_items (db, &error)) == NULL)
    goto fail;

  for (guint i = 0; i < items->len; i++)
    {
      const DdYearItem *item = g_ptr_array_index (items, i);
      gboolean overdue = item->due != NULL && strcmp (item->due, now) < 0 &&
                         g_strcmp0 (item->status, "verified") != 0 && g_strcmp0 (item->status, "done") != 0;

      /* Translators: status, due date, clause, action, owner */
      g_print (_("%-11s %-10s § %-8s %s (%s)%s\n"), item_status (item), item->due != NULL ? item->due : "-",
               item->clause != NULL ? item->clause : "-", item->action, item->owner != NULL ? item->owner : "-",
               overdue ? _(" — overdue") : "");
      if (item->reopened > 0)
        g_print (_("            the finding recurred %u times, last in drill %s\n"), item->reopened, item->follow_drill);
      else if (item->follow_drill != NULL)
        g_print (_("            verified by drill %s\n"), item->follow_drill);
      if (item->drill_gone)
        g_print (_("            from drill %s, since deleted\n"), item->drill);
    }
  if (items->len == 0)
    g_print ("%s\n", _("No improvement items."));

  if (csv != NULL)
    {
      g_autoptr(GString) text = items_csv (items);

      if (!write_csv (csv, text, &error))
        goto fail;
    }
  return DD_CLI_EXIT_OK;

fail:
  dd_cli_print_error (error);
  return DD_CLI_EXIT_INVALID;
}

/* ------------------------------------------------------------------ */
/* summary                                                             */

int
dd_cli_summary (int    argc,
                char **argv)
{
  g_autofree char *store_dir = NULL;
  g_autofree char *plan_path = NULL;
  g_autofree char *output = NULL;
  g_autofree char *programme_path = NULL;
  int year = 0;
  const GOptionEntry entries[] = {
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("The year"), N_("YEAR") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF to write"), N_("FILE") },
    { "store", 's', 0, G_OPTION_ARG_FILENAME, &store_dir, N_("The drill store (default: the window's)"), N_("DIR") },
    { "plan", 'p', 0, G_OPTION_ARG_FILENAME, &plan_path, N_("The plan (default: the bundled Jincheng plan)"), N_("FILE") },
    { "programme", 0, 0, G_OPTION_ARG_FILENAME, &programme_path, N_("The programme (default: the store's programme of the year)"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DdYearDb) db = NULL;
  g_autoptr(DdPlan) plan = NULL;
  g_autoptr(DdProgramme) programme = NULL;
  g_autofree char *now = today ();

  if (!dd_cli_parse_options (&argc, &argv, NULL, _("Write the year-end drill summary as PDF."), entries))
    return DD_CLI_EXIT_USAGE;
  if (argc != 1)
    {
      dd_cli_usage_error ("summary", "%s", _("too many arguments"));
      return DD_CLI_EXIT_USAGE;
    }
  if (!check_year ("summary", year))
    return DD_CLI_EXIT_USAGE;
  if (output == NULL)
    {
      dd_cli_usage_error ("summary", "%s", _("-o FILE.pdf is required"));
      return DD_CLI_EXIT_USAGE;
    }
  plan = dd_cli_load_plan (plan_path, &error);
  if (plan == NULL || (db = open_db (store_dir, FALSE, &error)) == NULL)
    goto fail;
  programme = load_programme (db, programme_path, year, programme_path == NULL, &error);
  if (programme == NULL && error != NULL)
    goto fail;
  if (!dd_year_print_summary (db, plan, programme, year, now, output, &error))
    goto fail;
  return DD_CLI_EXIT_OK;

fail:
  dd_cli_print_error (error);
  return DD_CLI_EXIT_INVALID;
}

/* ------------------------------------------------------------------ */
/* training                                                            */

static GString *
training_csv (GPtrArray *rows)
{
  const char *const heads[] = {
    N_("Person"), N_("Unit"), N_("Role"), N_("Date"), N_("Drill"), N_("Scenario"), N_("Title"),
    N_("Mode"), N_("Score"), N_("Findings"), N_("Clauses"),
  };
  GString *out = csv_start (heads, G_N_ELEMENTS (heads));

  for (guint i = 0; i < rows->len; i++)
    {
      const DdYearTraining *r = g_ptr_array_index (rows, i);
      g_autofree char *score = r->scored ? g_strdup_printf ("%.0f", r->score) : NULL;
      g_autofree char *n = g_strdup_printf ("%u", r->n_findings);
      const char *fields[] = {
        r->person, r->unit, r->role, r->date, r->drill, r->scenario, r->title,
        r->training ? "training" : "drill", score, n, r->clauses,
      };

      append_csv_row (out, fields, G_N_ELEMENTS (fields));
    }
  return out;
}

/* Per person: the sessions in date order and the scores' progress; then
 * per unit: people and sessions. */
static void
print_training (GPtrArray *rows)
{
  g_autoptr(GHashTable) unit_people = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                             (GDestroyNotify) g_hash_table_unref);
  g_autoptr(GHashTable) unit_sessions = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GList) units = NULL;

  for (guint i = 0; i < rows->len; )
    {
      const DdYearTraining *first = g_ptr_array_index (rows, i);
      g_autoptr(GString) progress = g_string_new (NULL);
      guint j;

      for (j = i; j < rows->len && g_strcmp0 (((DdYearTraining *) g_ptr_array_index (rows, j))->person, first->person) == 0; j++)
        {
          const DdYearTraining *r = g_ptr_array_index (rows, j);

          if (r->scored)
            g_string_append_printf (progress, "%s%.0f", progress->len ? " → " : "", r->score);
        }
      /* Translators: a person, the number of sessions, the scores in order */
      g_print (g_dngettext (GETTEXT_PACKAGE, "%s, %u session: %s\n", "%s, %u sessions: %s\n", j - i),
               first->person, j - i, progress->str);
      for (guint k = i; k < j; k++)
        {
          const DdYearTraining *r = g_ptr_array_index (rows, k);
          GHashTable *people = g_hash_table_lookup (unit_people, r->unit);
          g_autofree char *score = r->scored ? g_strdup_printf ("%.0f", r->score) : g_strdup ("-");

          g_print ("  %s  %s  %s  %s  %s  (%u)%s%s\n", r->date != NULL ? r->date : "-", r->unit,
                   r->training ? _("training") : _("drill"), score, r->title, r->n_findings,
                   r->clauses != NULL ? "  § " : "", r->clauses != NULL ? r->clauses : "");
          if (people == NULL)
            {
              people = g_hash_table_new (g_str_hash, g_str_equal);
              g_hash_table_insert (unit_people, r->unit, people);
            }
          g_hash_table_add (people, r->person);
          g_hash_table_insert (unit_sessions, r->unit,
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (unit_sessions, r->unit)) + 1));
        }
      i = j;
    }
  if (rows->len == 0)
    {
      g_print ("%s\n", _("No training records: name the players at set-up."));
      return;
    }
  g_print ("\n%s\n", _("By unit:"));
  units = g_list_sort (g_hash_table_get_keys (unit_people), (GCompareFunc) g_strcmp0);
  for (GList *l = units; l != NULL; l = l->next)
    g_print (_("  %s: %u people, %u sessions\n"), (const char *) l->data,
             g_hash_table_size (g_hash_table_lookup (unit_people, l->data)),
             GPOINTER_TO_UINT (g_hash_table_lookup (unit_sessions, l->data)));
}

int
dd_cli_training (int    argc,
                 char **argv)
{
  g_autofree char *store_dir = NULL;
  g_autofree char *csv = NULL;
  int year = 0;
  const GOptionEntry entries[] = {
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("Only this year"), N_("YEAR") },
    { "store", 's', 0, G_OPTION_ARG_FILENAME, &store_dir, N_("The drill store (default: the window's)"), N_("DIR") },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv, N_("Also write the records as CSV (UTF-8 with a byte order mark)"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DdYearDb) db = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  if (!dd_cli_parse_options (&argc, &argv, NULL,
                             _("List who took part in which drills and training sessions, with what score."), entries))
    return DD_CLI_EXIT_USAGE;
  if (argc != 1 || year < 0 || year > 9999)
    {
      dd_cli_usage_error ("training", "%s", argc != 1 ? _("too many arguments") : _("--year is out of range"));
      return DD_CLI_EXIT_USAGE;
    }
  db = open_db (store_dir, FALSE, &error);
  if (db == NULL || (rows = dd_year_db_list_training (db, year, &error)) == NULL)
    goto fail;
  print_training (rows);
  if (csv != NULL)
    {
      g_autoptr(GString) text = training_csv (rows);

      if (!write_csv (csv, text, &error))
        goto fail;
    }
  return DD_CLI_EXIT_OK;

fail:
  dd_cli_print_error (error);
  return DD_CLI_EXIT_INVALID;
}
