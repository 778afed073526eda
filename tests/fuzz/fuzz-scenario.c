/* fuzz-scenario.c — libFuzzer target: scenario XML through
 * dd_scenario_load_data (), checked against the bundled plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"
#include "dd-plan.h"
#include "dd-scenario.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static DdPlan *plan;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdScenario) scenario = NULL;

  dd_fuzz_init ();
  if (plan == NULL)
    {
      plan = dd_plan_load_default (&error);
      g_assert_no_error (error);
    }

  scenario = dd_scenario_load_data (DD_FUZZ_NAME, (const char *) data, size, NULL, plan, &error);
  if (scenario == NULL)
    dd_fuzz_check_xml_error (error);
  return 0;
}
