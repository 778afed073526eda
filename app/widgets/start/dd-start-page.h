/* dd-start-page.h — what the Drill place shows when no drill runs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dd-plan.h"

G_BEGIN_DECLS

#define DD_TYPE_START_PAGE (dd_start_page_get_type ())
G_DECLARE_FINAL_TYPE (DdStartPage, dd_start_page, DD, START_PAGE, AdwBin)

GtkWidget  *dd_start_page_new           (void);
void        dd_start_page_set_plan      (DdStartPage *self,
                                         DdPlan      *plan);
void        dd_start_page_reload        (DdStartPage *self);
GListModel *dd_start_page_get_scenarios (DdStartPage *self);
const char *dd_start_page_get_scenarios_dir (void);

G_END_DECLS
