/* dd-findings-panel.h — the console's findings, as they arise
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dd-drill.h"

G_BEGIN_DECLS

#define DD_TYPE_FINDINGS_PANEL (dd_findings_panel_get_type ())
G_DECLARE_FINAL_TYPE (DdFindingsPanel, dd_findings_panel, DD, FINDINGS_PANEL, AdwBin)

void        dd_findings_panel_set_drill     (DdFindingsPanel *self,
                                             DdDrill         *drill);
/* The findings shown (DdDrillItem), newest first. */
GListModel *dd_findings_panel_get_model     (DdFindingsPanel *self);
guint       dd_findings_panel_get_n_rows    (DdFindingsPanel *self);   /* one per fault */
/* The row of the @index-th fault shown (an AdwExpanderRow), or NULL */
GtkWidget  *dd_findings_panel_get_fault_row (DdFindingsPanel *self,
                                             guint            index);
/* How many toasts the findings raised (one per burst). */
guint       dd_findings_panel_get_n_toasts  (DdFindingsPanel *self);
/* Shows the toast of the findings waiting for one now (a burst ends on
 * its own after a moment). */
void        dd_findings_panel_flush_toast   (DdFindingsPanel *self);

G_END_DECLS
