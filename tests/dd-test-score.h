/* dd-test-score.h — the fixture the scorer's tests share: the bundled plan,
 * a scenario from XML, and the actions a test records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dd-actions.h"
#include "dd-plan.h"
#include "dd-scenario.h"

typedef struct
{
  DdPlan     *plan;
  DdScenario *scenario;
  GPtrArray  *actions;
} Fixture;

static inline void
score_fixture_set_up (Fixture    *f,
                      const char *scenario_xml)
{
  g_autoptr(GError) error = NULL;

  f->plan = dd_plan_load_default (&error);
  g_assert_no_error (error);
  f->scenario = dd_scenario_load_data ("t.xml", scenario_xml, strlen (scenario_xml), NULL, f->plan, &error);
  g_assert_no_error (error);
  f->actions = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_action_free);
}

static inline void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_ptr_array_unref (f->actions);
  g_object_unref (f->scenario);
  g_object_unref (f->plan);
}

/* Records that @role took @kind at @minutes (with a level and recipients). */
static inline DdAction *
add (Fixture    *f,
     int         minutes,
     const char *role,
     const char *kind,
     const char *level,
     const char *to)
{
  DdAction *a = dd_action_new ((gint64) minutes * 60, role, kind);

  a->level = g_strdup (level);
  if (to != NULL)
    {
      g_strfreev (a->to);
      a->to = g_strsplit (to, " ", -1);
    }
  g_ptr_array_add (f->actions, a);
  return a;
}
