/* dd-cli-validate.c — drilldesk-cli validate FILE...
 *
 * Tells plans, scenarios, action scripts and journals apart by their root
 * element (journals: by their header record) and runs each through the same
 * loader the application uses: schema, then the semantic checks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "dd-cli.h"
#include "dd-error.h"
#include "dd-journal.h"
#include "dd-plan.h"
#include "dd-programme.h"
#include "dd-actions.h"
#include "dd-scenario.h"
#include "dd-xml.h"

/* @attributes: the root element's, as names and values (dd_xml_sniff_root()). */
typedef gboolean (*CheckFunc) (const char *path, char **attributes, GError **error);

typedef struct
{
  const char *root;
  const char *kind;     /* for the success message */
  CheckFunc   check;
} Kind;

static gboolean
check_plan (const char  *path,
            char       **attributes,
            GError     **error)
{
  g_autoptr(DdPlan) plan = dd_plan_load_file (path, error);

  return plan != NULL;
}

/* Scenarios and scripts are checked against the bundled plan; a script
 * also against the scenario.xml beside it, when there is one. */
static gboolean
check_scenario (const char  *path,
                char       **attributes,
                GError     **error)
{
  g_autoptr(DdPlan) plan = dd_plan_load_default (error);
  g_autoptr(DdScenario) scenario = plan ? dd_scenario_load_file (path, plan, error) : NULL;

  return scenario != NULL;
}

static gboolean
check_actions (const char  *path,
               char       **attributes,
               GError     **error)
{
  g_autoptr(DdPlan) plan = dd_plan_load_default (error);
  g_autoptr(DdScenario) scenario = NULL;
  g_autoptr(DdActionScript) script = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *sibling = g_build_filename (dir, "scenario.xml", NULL);
  const char *wanted = NULL;

  for (guint i = 0; attributes[i] != NULL && attributes[i + 1] != NULL; i += 2)
    if (strcmp (attributes[i], "scenario") == 0)
      wanted = attributes[i + 1];

  if (plan == NULL)
    return FALSE;
  if (g_file_test (sibling, G_FILE_TEST_IS_REGULAR))
    {
      scenario = dd_scenario_load_file (sibling, plan, error);
      if (scenario == NULL)
        return FALSE;
      if (g_strcmp0 (dd_scenario_get_id (scenario), wanted) != 0)
        g_clear_object (&scenario);
    }
  script = dd_action_script_load_file (path, plan, scenario, error);
  return script != NULL;
}

static gboolean
check_programme (const char  *path,
                 char       **attributes,
                 GError     **error)
{
  g_autoptr(DdProgramme) programme = dd_programme_load_file (path, error);

  return programme != NULL;
}

static const Kind kinds[] = {
  { "plan", N_("plan"), check_plan },
  { "scenario", N_("scenario"), check_scenario },
  { "actions", N_("action script"), check_actions },
  { "programme", N_("drill programme"), check_programme },
  /* further document kinds register here */
};

/* A journal is JSON lines: its first non-blank byte is '{'. Anything that
 * is not a regular file is left to dd_xml_sniff_root(), which refuses it
 * with a message (a FIFO is never waited on). */
static gboolean
looks_like_journal (const char *path)
{
  char buf[16] = { 0 };
  struct stat st;
  gssize n;
  int fd;

  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    return FALSE;
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      return FALSE;
    }
  n = read (fd, buf, sizeof buf - 1);
  close (fd);
  for (gssize i = 0; i < n; i++)
    {
      if (g_ascii_isspace (buf[i]))
        continue;
      return buf[i] == '{';
    }
  return FALSE;
}

/* The kind of file by its root element, read up to its start tag only: the
 * checker then loads the file once, with its own schema and limits. */
static gboolean
validate_one (const char  *path,
              const char **kind_out,
              GError     **error)
{
  g_auto(GStrv) attributes = NULL;
  g_autofree char *root = NULL;
  g_autoptr(GString) known = g_string_new (NULL);
  g_autoptr(xmlDoc) doc = NULL;

  if (looks_like_journal (path))
    {
      *kind_out = _("journal");
      return dd_journal_verify_file (path, NULL, error);
    }

  root = dd_xml_sniff_root (path, &attributes, error);
  if (root == NULL)
    return FALSE;

  for (gsize i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (strcmp (root, kinds[i].root) == 0)
      {
        *kind_out = _(kinds[i].kind);
        return kinds[i].check (path, attributes, error);
      }

  for (gsize i = 0; i < G_N_ELEMENTS (kinds); i++)
    g_string_append_printf (known, "%s<%s>", i ? ", " : "", kinds[i].root);
  /* Not a kind of ours: load it as any document, for the root's position
   * (or the first error in it, if it is not even well-formed). */
  doc = dd_xml_load_file (path, NULL, error);
  if (doc == NULL)
    return FALSE;
  dd_xml_node_error (error, xmlDocGetRootElement (doc),
                     _("unknown root element <%s>: expected one of %s, or a journal"),
                     root, known->str);
  (*error)->code = DD_ERROR_UNKNOWN_KIND;
  return FALSE;
}

int
dd_cli_validate (int    argc,
                 char **argv)
{
  gboolean quiet = FALSE;
  const GOptionEntry entries[] = {
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Print nothing for valid files"), NULL },
    { NULL }
  };
  int status = DD_CLI_EXIT_OK;

  if (!dd_cli_parse_options (&argc, &argv, "FILE…",
                             _("Check plans, scenarios, action scripts and journals."),
                             entries))
    return DD_CLI_EXIT_USAGE;

  if (argc < 2)
    {
      dd_cli_usage_error ("validate", "%s", _("no file given"));
      return DD_CLI_EXIT_USAGE;
    }

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      const char *kind = NULL;

      if (validate_one (argv[i], &kind, &error))
        {
          if (!quiet)
            {
              g_autofree char *shown = dd_xml_display_name (argv[i]);

              g_print (_("%s: valid %s\n"), shown, kind);
            }
        }
      else
        {
          dd_cli_print_error (error);
          status = DD_CLI_EXIT_INVALID;
        }
    }

  return status;
}
