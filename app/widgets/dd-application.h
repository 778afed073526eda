/* dd-application.h — the DrillDesk application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dd-plan.h"

G_BEGIN_DECLS

#define DD_TYPE_APPLICATION (dd_application_get_type ())
G_DECLARE_FINAL_TYPE (DdApplication, dd_application, DD, APPLICATION, AdwApplication)

DdApplication *dd_application_new          (void) G_GNUC_WARN_UNUSED_RESULT;
DdPlan        *dd_application_get_plan     (DdApplication *self);
GSettings     *dd_application_get_settings (DdApplication *self);

G_END_DECLS
