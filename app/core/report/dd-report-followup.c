/* dd-report-followup.c — the review's improvement items followed up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The items of earlier drills that this drill verified or saw recur, as
 * the caller gives them (the drill store's register): the review stays a
 * function of its inputs.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-report.h"
#include "dd-report-private.h"
#include "dd-report-doc.h"

void
dd_report_follow_up_free (gpointer data)
{
  DdReportFollowUp *f = data;

  g_free (f->drill);
  g_free (f->action);
  g_free (f->clause);
  g_free (f->owner);
  g_free (f->due);
  g_free (f);
}

void
dd_report_add_follow_up (DdReport   *self,
                         const char *drill,
                         const char *action,
                         const char *clause,
                         const char *owner,
                         const char *due,
                         gboolean    recurred)
{
  DdReportFollowUp *f;

  g_return_if_fail (DD_IS_REPORT (self));
  g_return_if_fail (action != NULL);

  f = g_new0 (DdReportFollowUp, 1);
  f->drill = g_strdup (drill);
  f->action = g_strdup (action);
  f->clause = g_strdup (clause);
  f->owner = g_strdup (owner);
  f->due = g_strdup (due);
  f->recurred = recurred;
  g_ptr_array_add (self->follow_ups, f);
  g_clear_pointer (&self->doc, dd_doc_free);
}

void
dd_report_add_follow_ups (DdReport *self,
                          DdDoc    *doc)
{
  double w[] = { 0.4, 2.1, 0.75, 1.15, 1.0, 0.85, 0.8 };
  DdDocTable *t;

  if (self->follow_ups->len == 0)
    return;
  dd_doc_heading (doc, 2, _("Improvement items followed up"));
  dd_report_para (doc, DD_DOC_STYLE_BODY,
                  _("Items of earlier drills whose clause this drill exercised: verified when no finding cited it again, reopened when the finding recurred."));
  t = dd_report_table_with_header (doc, w,
                                   _("No."),
                                   _("Corrective action"),
                                   _("Clause"),
                                   _("Owner unit"),
                                   _("Due date"),
                                   _("Drill"),
                                   _("Status"), NULL);
  for (guint i = 0; i < self->follow_ups->len; i++)
    {
      const DdReportFollowUp *f = g_ptr_array_index (self->follow_ups, i);
      g_autofree char *n = g_strdup_printf ("%u", i + 1);

      dd_doc_table_row_min (t, 0.0);
      dd_report_cell_center (t, n);
      dd_report_cell_text (t, f->action, 1);
      dd_report_cell_center (t, f->clause != NULL ? f->clause : "");
      dd_report_cell_text (t, f->owner != NULL ? dd_report_role_name (self->plan, f->owner) : "", 1);
      dd_report_cell_center (t, f->due != NULL ? f->due : "");
      dd_report_cell_text (t, f->drill != NULL ? f->drill : "", 1);
      /* Translators: what this drill did to an earlier drill's improvement item */
      dd_report_cell_center (t, f->recurred ? C_("improvement item", "Reopened") : C_("improvement item", "Verified"));
    }
}
