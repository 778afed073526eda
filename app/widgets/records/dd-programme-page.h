/* dd-programme-page.h — the year's drill programme, edited in the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On the Records place: the plan's drill duty (§6.7) for the year in plain
 * words (met, or what is missing and by when), the programme's drills with
 * their status (a postponed or cancelled one says why), a row to add a
 * drill, and the trend chart of the year's drills (dd-year-chart.h, the
 * drawing the year-end summary prints).  Every change is saved at once,
 * atomically, to the store's programme-YEAR.xml.
 */
#pragma once

#include <adwaita.h>

#include "dd-plan.h"

G_BEGIN_DECLS

#define DD_TYPE_PROGRAMME_PAGE (dd_programme_page_get_type ())
G_DECLARE_FINAL_TYPE (DdProgrammePage, dd_programme_page, DD, PROGRAMME_PAGE, AdwBin)

GtkWidget  *dd_programme_page_new        (void);
/* The drill store's folder (NULL: the window's) and the plan whose duty is
 * checked; reloads. */
void        dd_programme_page_set_store  (DdProgrammePage *self,
                                          const char      *store_dir,
                                          DdPlan          *plan);
/* Shows @year (reloads). */
void        dd_programme_page_set_year   (DdProgrammePage *self,
                                          int              year);
int         dd_programme_page_get_year   (DdProgrammePage *self);
/* The duty's verdict as shown, for tests. */
const char *dd_programme_page_get_duty_text (DdProgrammePage *self);

/* Opens the page in a window of its own over @parent's window, for the
 * drill store at @store_dir (NULL: the window's) and the bundled plan. */
void        dd_programme_page_present    (GtkWidget       *parent,
                                          const char      *store_dir);

G_END_DECLS
