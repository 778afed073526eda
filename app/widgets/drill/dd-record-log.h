/* dd-record-log.h — the console's log of recorded actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dd-drill.h"

G_BEGIN_DECLS

#define DD_TYPE_RECORD_LOG (dd_record_log_get_type ())
G_DECLARE_FINAL_TYPE (DdRecordLog, dd_record_log, DD, RECORD_LOG, AdwBin)

void        dd_record_log_set_drill   (DdRecordLog *self,
                                       DdDrill     *drill);
guint       dd_record_log_get_n_rows  (DdRecordLog *self);
/* Row @i, newest first (an AdwActionRow; "corrected" or "withdrawn"
 * among its style classes when it was), or NULL. */
GtkWidget  *dd_record_log_get_row     (DdRecordLog *self,
                                       guint        i);
/* Opens the correction dialog for the action record @seq. */
GtkWidget  *dd_record_log_correct     (DdRecordLog *self,
                                       guint64      seq);

G_END_DECLS
