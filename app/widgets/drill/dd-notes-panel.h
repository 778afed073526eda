/* dd-notes-panel.h — the console's evaluator notes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dd-drill.h"

G_BEGIN_DECLS

#define DD_TYPE_NOTES_PANEL (dd_notes_panel_get_type ())
G_DECLARE_FINAL_TYPE (DdNotesPanel, dd_notes_panel, DD, NOTES_PANEL, AdwBin)

void        dd_notes_panel_set_drill    (DdNotesPanel *self,
                                         DdDrill      *drill);
/* Has the drill journal an evaluator's note, then lists it. */
gboolean    dd_notes_panel_add          (DdNotesPanel *self,
                                         const char   *text,
                                         gboolean      strength,
                                         const char   *objective_id,
                                         GError      **error);
/* Adds the note written in the panel's entry (nothing when it is empty). */
gboolean    dd_notes_panel_add_entered  (DdNotesPanel *self,
                                         GError      **error);
void        dd_notes_panel_focus_entry  (DdNotesPanel *self);
guint       dd_notes_panel_get_n_rows   (DdNotesPanel *self);

G_END_DECLS
