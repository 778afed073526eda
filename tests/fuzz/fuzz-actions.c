/* fuzz-actions.c — libFuzzer target: action scripts through
 * dd_action_script_load_data (), checked against the bundled plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"
#include "dd-actions.h"
#include "dd-plan.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static DdPlan *plan;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdActionScript) script = NULL;

  dd_fuzz_init ();
  if (plan == NULL)
    {
      plan = dd_plan_load_default (&error);
      g_assert_no_error (error);
    }

  script = dd_action_script_load_data (DD_FUZZ_NAME, (const char *) data, size, plan, NULL, &error);
  if (script == NULL)
    dd_fuzz_check_xml_error (error);
  return 0;
}
