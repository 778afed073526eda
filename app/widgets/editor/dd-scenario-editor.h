/* dd-scenario-editor.h — the scenario editor window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dd-plan.h"
#include "dd-scenario-document.h"

G_BEGIN_DECLS

#define DD_TYPE_SCENARIO_EDITOR (dd_scenario_editor_get_type ())
G_DECLARE_FINAL_TYPE (DdScenarioEditor, dd_scenario_editor, DD, SCENARIO_EDITOR, AdwWindow)

/* A window editing a new, blank scenario of @plan. */
DdScenarioEditor *dd_scenario_editor_new            (DdPlan            *plan);
DdScenarioDocument   *dd_scenario_editor_get_document   (DdScenarioEditor  *self);
void              dd_scenario_editor_set_document   (DdScenarioEditor  *self,
                                                     DdScenarioDocument    *edit);
/* Shows @path: in the editor window that already has it open (brought to
 * the front; @self closes if it holds nothing), else in @self.  Returns the
 * window that shows it, or NULL with @error. */
DdScenarioEditor *dd_scenario_editor_present_file   (DdScenarioEditor  *self,
                                                     const char        *path,
                                                     GError           **error);
gboolean          dd_scenario_editor_open           (DdScenarioEditor  *self,
                                                     const char        *path,
                                                     GError           **error);
gboolean          dd_scenario_editor_new_from_template (DdScenarioEditor *self,
                                                        const char       *path,
                                                        GError          **error);
gboolean          dd_scenario_editor_save_to        (DdScenarioEditor  *self,
                                                     const char        *path,
                                                     GError           **error);
/* The widget that edits @field (a GtkEditable or a GtkDropDown), or NULL
 * when it is not shown (an inject's fields show while it is selected). */
GtkWidget        *dd_scenario_editor_get_field_widget (DdScenarioEditor *self,
                                                       const char       *field);
void              dd_scenario_editor_select_inject  (DdScenarioEditor  *self,
                                                     guint              index);
int               dd_scenario_editor_get_selected_inject (DdScenarioEditor *self);
/* The result line of the last dry run, or NULL. */
const char       *dd_scenario_editor_get_dry_run_result (DdScenarioEditor *self);

/* Import MSEL… without the file chooser: replaces the injects by those of
 * the spreadsheet at @path (.xlsx or .csv), checked against the open
 * scenario, in one step Undo takes back (dd-scenario-editor-msel.c). */
gboolean dd_scenario_editor_import_msel (DdScenarioEditor  *self,
                                         const char        *path,
                                         GError           **error);

G_END_DECLS
