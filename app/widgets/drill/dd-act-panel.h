/* dd-act-panel.h — the console's action entry: who acts, what, the form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dd-drill.h"

G_BEGIN_DECLS

#define DD_TYPE_ACT_PANEL (dd_act_panel_get_type ())
G_DECLARE_FINAL_TYPE (DdActPanel, dd_act_panel, DD, ACT_PANEL, AdwBin)

void                dd_act_panel_set_drill        (DdActPanel  *self,
                                                   DdDrill     *drill);
gboolean            dd_act_panel_select_role      (DdActPanel  *self,
                                                   const char  *role_id);
/* The acting role chosen and shown (never one the role search hides), or NULL. */
const char         *dd_act_panel_get_role         (DdActPanel  *self);
void                dd_act_panel_set_role_search  (DdActPanel  *self,
                                                   const char  *text);
gboolean            dd_act_panel_select_action    (DdActPanel  *self,
                                                   const char  *kind_id);
const DdActionKind *dd_act_panel_get_kind         (DdActPanel  *self);
gboolean            dd_act_panel_select_level     (DdActPanel  *self,
                                                   const char  *level_id);
void                dd_act_panel_set_content      (DdActPanel  *self,
                                                   const char  *text);
GtkWidget          *dd_act_panel_get_report_form  (DdActPanel  *self);
/* The action the panel describes at simulated time @at, or NULL with
 * @error.  A report with required fields left empty is built only when
 * @incomplete_ok; *@missing (when not NULL) is the number of those fields. */
DdAction           *dd_act_panel_build_action     (DdActPanel  *self,
                                                   gint64       at,
                                                   gboolean     incomplete_ok,
                                                   guint       *missing,
                                                   GError     **error) G_GNUC_WARN_UNUSED_RESULT;
/* Empties the forms after an action was recorded. */
void                dd_act_panel_clear            (DdActPanel  *self);
/* Training: explains action @index of the drill (right or wrong, and why). */
void                dd_act_panel_explain          (DdActPanel  *self,
                                                   guint        index);
void                dd_act_panel_focus_role_search (DdActPanel *self);
void                dd_act_panel_focus_report     (DdActPanel  *self);
/* Row @i of the "what" list, or NULL; the record button. */
GtkWidget          *dd_act_panel_get_action_row   (DdActPanel  *self,
                                                   guint        i);
GtkWidget          *dd_act_panel_get_record_button (DdActPanel *self);
/* Rows shown in the "what" list. */
guint               dd_act_panel_get_n_action_rows (DdActPanel *self);

G_END_DECLS
