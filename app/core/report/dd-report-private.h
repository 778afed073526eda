/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-report-private.h — what the review knows, shared with dd-report-csv.c
 *
 * Copyright 2024 The DrillDesk authors
 */

#pragma once

#include "dd-report.h"
#include "dd-report-doc.h"

G_BEGIN_DECLS

typedef struct {
  guint64   seq;
  gint64    at;
  gint64    wall_us;
  gboolean  is_inject;
  char     *inject_id;
  char     *role;                /* actor, or the inject's sender role */
  char     *source;              /* the inject's free-text sender */
  char     *kind;                /* action kind id */
  char     *title;
  char     *text;
  char     *report_type;
  char     *level;
  char    **to;
  GHashTable *fields;            /* form 8.3: field id → value, or NULL */
} Event;

typedef struct {
  char              *rule;
  char              *clause;
  DdFindingKind      kind;
  DdFindingSeverity  severity;
  char              *phase;
  char              *role;
  gint64             at;
  char              *message;
  int                action_index; /* n-th action of the drill, or -1 */
  double             weight;       /* points it costs its phase */
} Finding;

/* Events (Event, journal order) and findings (Finding). */
GPtrArray  *dd_report_get_events   (DdReport *self);
GPtrArray  *dd_report_get_findings (DdReport *self);
DdScenario *dd_report_get_scenario (DdReport *self);
/* "T+1:05" */
char       *dd_report_offset_text  (gint64    at) G_GNUC_WARN_UNUSED_RESULT;


/* An item of an earlier drill this drill followed up. */
typedef struct {
  char     *drill;
  char     *action;
  char     *clause;
  char     *owner;
  char     *due;
  gboolean  recurred;
} DdReportFollowUp;

void        dd_report_follow_up_free (gpointer data);
/* dd-report-followup.c: the sub-section of section 7 (nothing when none) */
void        dd_report_add_follow_ups (DdReport *self,
                                      DdDoc    *doc);

/* The review's model, shared by dd-report.c (the model and its API),
 * dd-report-sections.c and dd-report-figures.c (the document). */
struct _DdReport
{
  GObject    parent_instance;

  DdPlan    *plan;
  DdJournal *journal;
  char      *date;
  char      *title;
  GPtrArray *observations;       /* of DdReportObservation */
  GPtrArray *improvements;       /* of DdReportImprovement */
  GPtrArray *follow_ups;         /* of DdReportFollowUp */

  DdScenario *scenario;
  DdReplay   *replay;            /* the drill as replayed, or NULL (built by hand) */
  GPtrArray  *events;            /* of Event, journal order */
  GPtrArray  *findings;          /* of Finding */
  GHashTable *phase_scores;      /* phase id → double* */
  GHashTable *role_scores;       /* role id → double* */
  GHashTable *objective_ratings; /* objective id → rating id */
  double      overall;
  gboolean    has_overall;

  DdDoc     *doc;
  DdReportStyle style;
  char      *copy_number;        /* 份号, 密级, 紧急程度 of an official document */
  char      *classification;
  char      *urgency;
};

/* A box checked and one not, on form 8.3. */
#define BOX_ON  "\xe2\x96\xa0"   /* U+25A0 */
#define BOX_OFF "\xe2\x96\xa1"   /* U+25A1 */

#define FILL_NONE  0xffffff
#define FILL_LABEL 0xf2f2f2
#define FILL_HEAD  0xe6e6e6

/* Who played @role_id: the name entered at set-up, else the scenario's. */
const char *dd_report_get_player     (DdReport   *self,
                                      const char *role_id);

/* dd-report-sections.c: lays the whole document out (self->doc), and the
 * text helpers the figures share */
void        dd_report_build          (DdReport *self);
char       *dd_report_esc            (const char *text) G_GNUC_WARN_UNUSED_RESULT;
const char *dd_report_role_name      (DdPlan     *plan,
                                      const char *role_id);
const char *dd_report_kind_name      (DdReport   *self,
                                      const char *kind_id);
const char *dd_report_event_phase    (DdReport    *self,
                                      const Event *e);
const DdRating *dd_report_rating_for (DdReport *self,
                                      double    score);
const char *dd_report_severity_label (DdFindingSeverity severity);
guint32     dd_report_severity_rgb   (DdFindingSeverity severity);
void        dd_report_rgb            (cairo_t *cr,
                                      guint32  rgb,
                                      double   alpha);
const DdRole *dd_report_organiser_role (DdPlan *plan);
/* The date printed on the review, as text */
char       *dd_report_report_date    (DdReport *self) G_GNUC_WARN_UNUSED_RESULT;
void        dd_report_sim_span       (DdReport *self,
                                      gint64   *from,
                                      gint64   *to);
void        dd_report_para           (DdDoc      *doc,
                                      DdDocStyle  style,
                                      const char *text);
void        dd_report_cell_text      (DdDocTable *t,
                                      const char *text,
                                      guint       colspan);
void        dd_report_cell_center    (DdDocTable *t,
                                      const char *text);
DdDocTable *dd_report_table_with_header (DdDoc        *doc,
                                         const double *widths,
                                         const char   *first,
                                         ...) G_GNUC_NULL_TERMINATED;

/* dd-report-forms.c: form 8.3 filled in (@values: field id → text) or
 * blank (@values NULL); every report filed, returning how many */
void        dd_report_add_form_8_3   (DdReport   *self,
                                      DdDoc      *doc,
                                      GHashTable *values,
                                      const char *caption);
guint       dd_report_add_reports    (DdReport   *self,
                                      DdDoc      *doc);
/* @text with no line break inside */
char       *dd_report_nobreak        (const char *text) G_GNUC_WARN_UNUSED_RESULT;
void        dd_report_cell_label     (DdDocTable *t,
                                      const char *text,
                                      guint       colspan);

/* dd-report-official.c: an official document's masthead (copy number,
 * classification, urgency, the issuing office in red, the red line, the
 * title), its close (attachment line, issuing office, date written out, an
 * annotation with the journal's head), the numbers of its headings, and its
 * date */
void        dd_report_add_masthead   (DdReport *self,
                                      DdDoc    *doc);
void        dd_report_add_official_close (DdReport   *self,
                                          DdDoc      *doc,
                                          const char *appendix);
char       *dd_report_official_heading_cb (guint    level,
                                           guint    n,
                                           gpointer user_data);
char       *dd_report_official_date  (const char *iso_date) G_GNUC_WARN_UNUSED_RESULT;

/* dd-report-figures.c */
void        dd_report_add_timeline   (DdReport *self,
                                      DdDoc    *doc);
void        dd_report_add_scores     (DdReport *self,
                                      DdDoc    *doc);
void        dd_report_add_charts     (DdReport *self,
                                      DdDoc    *doc);

G_END_DECLS
