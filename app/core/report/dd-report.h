/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-report.h — the after-action review: a multi-page A4 document
 *
 * Copyright 2024 The DrillDesk authors
 *
 * A DdReport gathers the plan, the scenario, the journal and its score, and
 * lays out the review a leader signs: cover, summary, timeline chart,
 * findings, scores, every form 8.3 report filed, charts 8.1 and 8.2 with
 * the drill laid over them, observations and the improvement plan, the
 * sign-off block and the §8.4 duty-phone table.  Pages are drawn by one
 * routine on any cairo_t, so the PDF and a GtkPrintOperation's draw-page
 * handler get the same pages:
 *
 *   n = dd_report_paginate (report);            (begin-print)
 *   dd_report_get_page_size (report, i, &w, &h); (request-page-setup)
 *   dd_report_draw_page (report, cr, i);        (draw-page, points)
 *
 * Paginating is pure computation (no display), so a GUI may run it in a
 * worker thread; a report is not to be used from two threads at once.
 */

#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "dd-plan.h"
#include "dd-journal.h"
#include "dd-scenario.h"
#include "dd-actions.h"
#include "dd-replay.h"
#include "dd-score.h"

G_BEGIN_DECLS

#define DD_TYPE_REPORT (dd_report_get_type ())
G_DECLARE_FINAL_TYPE (DdReport, dd_report, DD, REPORT, GObject)

/* One line of the improvement plan (HSEEP improvement plan matrix). */
typedef struct {
  char *action;                  /* corrective action */
  char *clause;                  /* plan clause it answers, or NULL */
  char *owner;                   /* role id or unit name of the owner */
  char *due;                     /* ISO date, or NULL */
} DdReportImprovement;

/* One evaluator observation. */
typedef struct {
  char   *author;                /* evaluator's name, or NULL */
  char   *phase;                 /* phase id, or NULL */
  char   *text;
  double  sim_seconds;           /* simulated time, < 0 when unknown */
} DdReportObservation;

/* How the review is laid out: the report's own layout (a cover, a running
 * header, "Page 1 of 9"), or a Chinese official document after GB/T
 * 9704-2012 (masthead in red, 仿宋 on a 22 × 28 grid, "— 1 —"). */
typedef enum {
  DD_REPORT_STYLE_REPORT,
  DD_REPORT_STYLE_OFFICIAL,
} DdReportStyle;

/* "report" or "official" (the GSettings key review-style and
 * drilldesk-cli report --style); FALSE for any other name. */
gboolean    dd_report_style_from_string  (const char    *name,
                                          DdReportStyle *style);
const char *dd_report_style_to_string    (DdReportStyle  style);

DdReport   *dd_report_new                (DdPlan      *plan) G_GNUC_WARN_UNUSED_RESULT;

void        dd_report_set_style          (DdReport      *self,
                                          DdReportStyle  style);
DdReportStyle dd_report_get_style        (DdReport      *self);
/* An official document's 份号 (copy number), 密级 (classification and
 * term) and 紧急程度 (urgency), printed top left when set (NULL: not). */
void        dd_report_set_marks          (DdReport    *self,
                                          const char  *copy_number,
                                          const char  *classification,
                                          const char  *urgency);
/* The faces the body, title and headings are drawn in on this system,
 * one line ("body Noto Serif CJK SC; title …"). */
char       *dd_report_describe_faces     (DdReport    *self) G_GNUC_WARN_UNUSED_RESULT;

DdPlan     *dd_report_get_plan           (DdReport    *self);
/* The journal of the drill (its head hash is printed on the cover). */
void        dd_report_set_journal        (DdReport    *self,
                                          DdJournal   *journal);
/* Everything the review shows of a drill, from its one replay: the
 * scenario, injects and actions (as corrected) in journal order,
 * observations, the score, whether the drill finished or was interrupted,
 * the names entered at set-up, corrections and the evaluator's ratings.
 * @journal (or NULL) is the drill's journal, whose head hash is printed. */
void        dd_report_set_replay         (DdReport    *self,
                                          DdReplay    *replay,
                                          DdJournal   *journal);
/* The scenario played (title, objectives, participants, truth, clock). */
void        dd_report_set_scenario       (DdReport    *self,
                                          DdScenario  *scenario);

/* What happened, in journal order: @seq is the journal record number (0
 * when not from a journal), @wall_us the wall-clock time (0: unknown). */
void        dd_report_add_inject         (DdReport       *self,
                                          guint64         seq,
                                          const DdInject *inject,
                                          gint64          at,
                                          gint64          wall_us);
void        dd_report_add_action         (DdReport       *self,
                                          guint64         seq,
                                          const DdAction *action);

/* The score: findings (each citing its clause), scores per phase and per
 * role, the overall score and a rating per objective (plan rating id). */
#define DD_REPORT_NO_TIME G_MININT64
void        dd_report_add_finding        (DdReport          *self,
                                          const char        *rule_id,
                                          const char        *clause,
                                          DdFindingKind      kind,
                                          DdFindingSeverity  severity,
                                          const char        *phase,
                                          const char        *role,
                                          gint64             at,  /* or DD_REPORT_NO_TIME */
                                          const char        *message);
void        dd_report_set_phase_score    (DdReport    *self,
                                          const char  *phase_id,
                                          double       score);
void        dd_report_set_role_score     (DdReport    *self,
                                          const char  *role_id,
                                          double       score);
void        dd_report_set_overall_score  (DdReport    *self,
                                          double       score);
void        dd_report_set_objective_rating (DdReport  *self,
                                            const char *objective_id,
                                            const char *rating_id);
/* What the review will print: its overall score and number of findings. */
double      dd_report_get_overall        (DdReport    *self);
guint       dd_report_get_n_findings     (DdReport    *self);
/* All of the above from a computed score. */
void        dd_report_set_score          (DdReport    *self,
                                          DdScore     *score);

/* Sources of evaluator observations and improvement items besides the
 * journal's "note" and "improvement" records. */
void        dd_report_add_observation    (DdReport    *self,
                                          const char  *author,
                                          const char  *phase,
                                          const char  *text,
                                          double       sim_seconds);
void        dd_report_add_improvement    (DdReport    *self,
                                          const char  *action,
                                          const char  *clause,
                                          const char  *owner,
                                          const char  *due);
/* An improvement item of an earlier drill that this drill followed up:
 * exercised its clause without a finding (verified) or saw the finding
 * recur (@recurred).  The caller gives them (from the drill store's
 * register, dd_year_db_list_follow_up ()); the review lists them under
 * "Improvement items followed up" when there are any.  @drill is the
 * earlier drill's title or id. */
void        dd_report_add_follow_up      (DdReport    *self,
                                          const char  *drill,
                                          const char  *action,
                                          const char  *clause,
                                          const char  *owner,
                                          const char  *due,
                                          gboolean     recurred);
/* Reads a JSON sidecar {"observations":[{author,phase,text,sim_seconds}],
 * "improvements":[{action,clause,owner,due}]} (e.g. review.json in the
 * drill folder). */
gboolean    dd_report_load_sidecar       (DdReport    *self,
                                          const char  *path,
                                          GError     **error);

/* The date printed on the cover and in the sign-off block (default: the
 * journal's creation date, else today), as "YYYY-MM-DD". */
void        dd_report_set_date           (DdReport    *self,
                                          const char  *iso_date);

/* Lays the document out; returns the number of pages.  Called again after
 * a change, it lays the document out anew. */
guint       dd_report_paginate           (DdReport    *self);
guint       dd_report_get_n_pages        (DdReport    *self);
/* Size of page @page_no (0-based) in points; landscape pages are wider. */
void        dd_report_get_page_size      (DdReport    *self,
                                          guint        page_no,
                                          double      *width,
                                          double      *height);
gboolean    dd_report_page_is_landscape  (DdReport    *self,
                                          guint        page_no);
/* Draws page @page_no (0-based), origin at the sheet's top-left corner,
 * units of @cr in points. */
void        dd_report_draw_page          (DdReport    *self,
                                          cairo_t     *cr,
                                          guint        page_no);
/* The page (0-based) where a section or sub-section heading is, or -1. */
int         dd_report_find_heading       (DdReport    *self,
                                          const char  *text);

/* The title of the review (PDF title and running header). */
const char *dd_report_get_title          (DdReport    *self);

/* Writes the review as PDF (fonts embedded, outline, metadata). */
gboolean    dd_report_write_pdf          (DdReport    *self,
                                          const char  *path,
                                          GError     **error);

/* Writes the review as an editable Word document (.docx): the same
 * sections, tables and figures in the same order as the PDF. */
gboolean    dd_report_write_docx         (DdReport    *self,
                                          const char  *path,
                                          GError     **error);
/* Writes the findings, the scores (phases, roles, objectives) and the
 * improvement plan as sheets of an Excel workbook (.xlsx); no cell is a
 * formula, and text that would read as one is marked as text. */
gboolean    dd_report_write_xlsx         (DdReport    *self,
                                          const char  *path,
                                          GError     **error);
/* The review in the format @path's extension names: .pdf, .docx, .xlsx
 * (or .csv: the timeline); any other is refused. */
gboolean    dd_report_write_file         (DdReport    *self,
                                          const char  *path,
                                          GError     **error);

G_END_DECLS
