/* dd-correction-dialog.h — correct or withdraw a recorded action
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dd-drill.h"

G_BEGIN_DECLS

#define DD_TYPE_CORRECTION_DIALOG (dd_correction_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DdCorrectionDialog, dd_correction_dialog, DD, CORRECTION_DIALOG, AdwMessageDialog)

/* A dialog about the action record @seq of @drill, filled in with the
 * action as it stands (after earlier corrections). */
GtkWidget  *dd_correction_dialog_new          (GtkWindow          *parent,
                                               DdDrill            *drill,
                                               guint64             seq);
void        dd_correction_dialog_set_role     (DdCorrectionDialog *self,
                                               const char         *role_id);
/* The corrected simulated time, in whole minutes from the start. */
void        dd_correction_dialog_set_minutes  (DdCorrectionDialog *self,
                                               int                 minutes);
/* Withdraw the entry (what the response "withdraw" does) rather than correct it. */
void        dd_correction_dialog_set_withdraw (DdCorrectionDialog *self,
                                               gboolean            withdraw);
void        dd_correction_dialog_set_reason   (DdCorrectionDialog *self,
                                               const char         *reason);
/* Has the drill journal the correction (what the responses do). */
gboolean    dd_correction_dialog_apply        (DdCorrectionDialog *self,
                                               GError            **error);

G_END_DECLS
