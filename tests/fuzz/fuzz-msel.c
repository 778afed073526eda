/* fuzz-msel.c — libFuzzer target: an MSEL spreadsheet (XLSX when the bytes
 * start as a zip archive, CSV otherwise) read and checked against the
 * bundled plan and a bundled scenario, as `drilldesk-cli msel import` reads
 * one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"
#include "dd-msel.h"
#include "dd-plan.h"
#include "dd-scenario.h"
#include "dd-scenario-writer.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static DdPlan *plan;
  static DdScenarioDraft *base;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdMselTable) table = NULL;
  g_autoptr(GPtrArray) injects = NULL;

  dd_fuzz_init ();
  if (plan == NULL)
    {
      g_autofree char *path = g_build_filename (DD_FUZZ_SOURCE_ROOT, "scenarios", "ransomware-gov-cloud",
                                                "scenario.xml", NULL);
      g_autoptr(DdScenario) scenario = NULL;

      plan = dd_plan_load_default (&error);
      g_assert_no_error (error);
      scenario = dd_scenario_load_file (path, plan, &error);
      g_assert_no_error (error);
      base = dd_scenario_draft_from_scenario (scenario);
    }

  if (size >= 2 && data[0] == 'P' && data[1] == 'K')
    {
      g_autoptr(GBytes) bytes = g_bytes_new (data, size);

      table = dd_msel_xlsx_parse (DD_FUZZ_NAME, bytes, &error);
    }
  else
    table = dd_msel_csv_parse (DD_FUZZ_NAME, (const char *) data, size, &error);
  if (table != NULL)
    injects = dd_msel_import_table (table, plan, base, NULL, &error);
  if (injects == NULL)
    dd_fuzz_check_error (error);
  return 0;
}
