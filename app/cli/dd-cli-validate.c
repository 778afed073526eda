/* dd-cli-validate.c — drilldesk-cli validate FILE...
 *
 * Tells plans, scenarios, action scripts and journals apart by their root
 * element (journals: by their header record) and runs each through the same
 * loader the application uses: schema, then the semantic checks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "dd-cli.h"
#include "dd-error.h"
#include "dd-journal.h"
#include "dd-plan.h"
#include "dd-actions.h"
#include "dd-scenario.h"
#include "dd-xml.h"

typedef gboolean (*CheckFunc) (const char *path, xmlDoc *doc, GError **error);

typedef struct
{
  const char *root;
  const char *kind;     /* for the success message */
  CheckFunc   check;
} Kind;

static gboolean
check_plan (const char  *path,
            xmlDoc      *doc,
            GError     **error)
{
  g_autoptr(DdPlan) plan = dd_plan_load_file (path, error);

  return plan != NULL;
}

/* Scenarios and scripts are checked against the bundled plan; a script
 * also against the scenario.xml beside it, when there is one. */
static gboolean
check_scenario (const char  *path,
                xmlDoc      *doc,
                GError     **error)
{
  g_autoptr(DdPlan) plan = dd_plan_load_default (error);
  g_autoptr(DdScenario) scenario = plan ? dd_scenario_load_file (path, plan, error) : NULL;

  return scenario != NULL;
}

static gboolean
check_actions (const char  *path,
               xmlDoc      *doc,
               GError     **error)
{
  g_autoptr(DdPlan) plan = dd_plan_load_default (error);
  g_autoptr(DdScenario) scenario = NULL;
  g_autoptr(DdActionScript) script = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *sibling = g_build_filename (dir, "scenario.xml", NULL);
  g_autofree char *wanted = dd_xml_prop (xmlDocGetRootElement (doc), "scenario");

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

static const Kind kinds[] = {
  { "plan", N_("plan"), check_plan },
  { "scenario", N_("scenario"), check_scenario },
  { "actions", N_("action script"), check_actions },
  /* further document kinds register here */
};

static gboolean
looks_like_journal (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, NULL);
  char buf[16] = { 0 };
  gssize n;

  if (in == NULL)
    return FALSE;
  n = g_input_stream_read (G_INPUT_STREAM (in), buf, sizeof buf - 1, NULL, NULL);
  for (gssize i = 0; i < n; i++)
    {
      if (g_ascii_isspace (buf[i]))
        continue;
      return buf[i] == '{';
    }
  return FALSE;
}

static gboolean
validate_one (const char  *path,
              const char **kind_out,
              GError     **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  xmlNode *root;

  if (looks_like_journal (path))
    {
      *kind_out = _("journal");
      return dd_journal_verify_file (path, NULL, error);
    }

  doc = dd_xml_load_file (path, NULL, error);
  if (doc == NULL)
    return FALSE;

  root = xmlDocGetRootElement (doc);
  for (gsize i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (strcmp ((const char *) root->name, kinds[i].root) == 0)
      {
        /* The checkers load the file again and read only the root's
         * attributes here: keep a copy of the root alone, so that two whole
         * documents are never in memory at once. */
        g_autoptr(xmlDoc) root_only = xmlNewDoc ((const xmlChar *) "1.0");

        xmlDocSetRootElement (root_only, xmlDocCopyNode (root, root_only, 2));
        g_clear_pointer (&doc, xmlFreeDoc);
        *kind_out = _(kinds[i].kind);
        return kinds[i].check (path, root_only, error);
      }

  {
    g_autoptr(GString) known = g_string_new (NULL);

    for (gsize i = 0; i < G_N_ELEMENTS (kinds); i++)
      g_string_append_printf (known, "%s<%s>", i ? ", " : "", kinds[i].root);
    dd_xml_node_error (error, root,
                       _("unknown root element <%s>: expected one of %s, or a journal"),
                       (const char *) root->name, known->str);
    (*error)->code = DD_ERROR_UNKNOWN_KIND;
  }
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
            g_print (_("%s: valid %s\n"), argv[i], kind);
        }
      else
        {
          dd_cli_print_error (error);
          status = DD_CLI_EXIT_INVALID;
        }
    }

  return status;
}
