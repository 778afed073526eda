/* fuzz-plan.c — libFuzzer target: plan XML through dd_plan_load_data ()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"
#include "dd-plan.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPlan) plan = NULL;

  dd_fuzz_init ();
  plan = dd_plan_load_data (DD_FUZZ_NAME, (const char *) data, size, &error);
  if (plan == NULL)
    {
      dd_fuzz_check_xml_error (error);
      return 0;
    }

  /* Walk the whole model, as plan --json does. */
  {
    g_autofree char *json = dd_plan_to_json_string (plan, FALSE);
    GDateTime *due = dd_plan_get_revision_due (plan);

    g_assert_nonnull (json);
    g_clear_pointer (&due, g_date_time_unref);
  }
  return 0;
}
