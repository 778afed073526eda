/* dd-why-button.h — "Why?": a button that shows a clause in the plan browser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The button activates the window action "win.show-clause" with the clause
 * as its target, so any widget inside a DdWindow can link to the plan.
 */
#pragma once

#include <gtk/gtk.h>

#include "dd-score.h"

G_BEGIN_DECLS

#define DD_WHY_ACTION "win.show-clause"

/* A flat "Why?" button for @clause (e.g. "4.2.1.3(4)"). */
GtkWidget  *dd_why_button_new          (const char *clause);
/* A "Why?" button for @finding's clause whose tooltip and accessible
 * description also say what the finding costs (its weight, how late), the
 * other clauses the same fault broke and the consequence clause. */
GtkWidget  *dd_why_button_new_for_finding (const DdFinding *finding);
/* That explanation as text (what the tooltip says after its first line). */
/* What @finding costs its phase, and how late it was, in words */
char       *dd_why_finding_cost        (const DdFinding *finding) G_GNUC_WARN_UNUSED_RESULT;
char       *dd_why_finding_explanation (const DdFinding *finding) G_GNUC_WARN_UNUSED_RESULT;
/* Puts a row of "Why? § clause" buttons, one per clause of @clauses
 * (char *), at the end of @box (a GtkBox), replacing the row put there
 * before; no row when @clauses is empty. */
void        dd_why_button_box_fill     (GtkWidget  *box,
                                        GPtrArray  *clauses);
/* The clause a "Why?" button links to, or NULL if @widget is none. */
const char *dd_why_button_get_clause   (GtkWidget  *widget);
/* Candidates to look up in the plan for @clause, most precise first:
 * "4.2.1.3(4)" gives "4.2.1.3(4)", "4.2.1.3", "4.2.1", "4.2", "4". */
GStrv       dd_why_clause_candidates   (const char *clause) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
