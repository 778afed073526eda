/* dd-resume-list.h — unfinished drills, offered for resuming
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dd-drill-store.h"

G_BEGIN_DECLS

#define DD_TYPE_RESUME_LIST (dd_resume_list_get_type ())
G_DECLARE_FINAL_TYPE (DdResumeList, dd_resume_list, DD, RESUME_LIST, AdwBin)

GtkWidget    *dd_resume_list_new       (void);
/* @store: where to look (NULL: the default store) */
void          dd_resume_list_set_store (DdResumeList *self,
                                        DdDrillStore *store);
/* Lists the store's unfinished drills again; hides itself when none. */
void          dd_resume_list_reload    (DdResumeList *self);
guint         dd_resume_list_get_n_drills (DdResumeList *self);

G_END_DECLS
