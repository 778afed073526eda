/* dd-report-form.h — the incident report form (plan appendix 8.3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dd-actions.h"
#include "dd-plan.h"
#include "dd-scenario.h"

G_BEGIN_DECLS

#define DD_TYPE_REPORT_FORM (dd_report_form_get_type ())
G_DECLARE_FINAL_TYPE (DdReportForm, dd_report_form, DD, REPORT_FORM, AdwBin)

GtkWidget  *dd_report_form_new            (void);
/* Lays the form out from @scenario's plan: every field of the plan's form,
 * the category, level and hazard boxes, the report types, the recipients. */
void        dd_report_form_set_scenario   (DdReportForm *self,
                                           DdScenario   *scenario);
/* Empties the form; the report time is set to @now's simulated date. */
void        dd_report_form_clear          (DdReportForm *self,
                                           gint64        now);
/* Sets a field by its plan id; for category and severity the option id,
 * for hazards space-separated option ids. */
void        dd_report_form_set_field      (DdReportForm *self,
                                           const char   *field_id,
                                           const char   *value);
char       *dd_report_form_get_field      (DdReportForm *self,
                                           const char   *field_id) G_GNUC_WARN_UNUSED_RESULT;
void        dd_report_form_set_report_type (DdReportForm *self,
                                            const char   *type_id);
void        dd_report_form_set_recipients (DdReportForm      *self,
                                           const char *const *role_ids);
/* Checks the form: required fields filled, times readable, recipients
 * given.  Marks each problem beside its field; returns the number of
 * problems, of which *@missing (when not NULL) are required fields left
 * empty. */
guint       dd_report_form_validate       (DdReportForm *self);
guint       dd_report_form_validate_full  (DdReportForm *self,
                                           guint        *missing);
/* The report as an action of @role filed at @at, or NULL with @error when
 * the form is not valid (the problems are shown on the form).  A real
 * unit sends an incomplete first report: with @incomplete_ok, required
 * fields left empty are no obstacle (the plan's completeness rules judge
 * the report); unreadable times and a report to nobody still are.
 * *@missing (when not NULL) is the number of required fields left empty.
 * The report time the form filled in when it was opened becomes @at's:
 * a report keeps the time it is filed. */
DdAction   *dd_report_form_build_action   (DdReportForm *self,
                                           const char   *role,
                                           gint64        at,
                                           gboolean      incomplete_ok,
                                           guint        *missing,
                                           GError      **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
