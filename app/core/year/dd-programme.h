/* dd-programme.h — the year's drill programme (年度演练计划)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The drills an office plans for a year, as GB/T 38645-2020 Annex A has
 * them: name, form, scenario, objectives, organiser, participating units,
 * planned month and status (planned, held, postponed or cancelled with a
 * reason); a held drill names its drill in the store.  An XML document
 * (assets/schema/programme.rng, docs/formats.md "programme"), loaded
 * through the secure loader (dd-xml.h) and written atomically (write,
 * fsync, rename).  The store keeps one per year beside its database:
 * <store>/programme-YEAR.xml.
 */
#pragma once

#include <glib.h>

#include "dd-scenario.h"

G_BEGIN_DECLS

typedef enum {
  DD_PROGRAMME_PLANNED,
  DD_PROGRAMME_HELD,
  DD_PROGRAMME_POSTPONED,
  DD_PROGRAMME_CANCELLED,
} DdProgrammeStatus;

/* A unit: a role of the plan (@role) or, for a unit the plan does not
 * list, its name (@name); exactly one is set. */
typedef struct {
  char *role;
  char *name;
} DdProgrammeUnit;

typedef struct {
  char              *id;
  char              *name;
  DdDrillForm        form;
  char              *scenario;       /* scenario id, or NULL */
  GPtrArray         *objectives;     /* char * */
  DdProgrammeUnit   *organiser;
  GPtrArray         *participants;   /* DdProgrammeUnit */
  guint              month;          /* 1 … 12 */
  DdProgrammeStatus  status;
  char              *reason;         /* postponed or cancelled: why; else NULL */
  char              *held;           /* the drill store's id, or NULL */
} DdProgrammeDrill;

typedef struct {
  int        year;
  char      *plan;                   /* plan id, or NULL */
  char      *title;
  GPtrArray *drills;                 /* DdProgrammeDrill, in document order */
} DdProgramme;

const char       *dd_programme_status_to_string   (DdProgrammeStatus status);
gboolean          dd_programme_status_from_string (const char        *str,
                                                   DdProgrammeStatus *out);
/* "Planned", "Held", … translated. */
const char       *dd_programme_status_label       (DdProgrammeStatus status);
/* "Tabletop exercise" (桌面推演), … translated. */
const char       *dd_drill_form_label             (DdDrillForm        form);

DdProgrammeUnit  *dd_programme_unit_new           (const char        *role,
                                                   const char        *name) G_GNUC_WARN_UNUSED_RESULT;
void              dd_programme_unit_free          (DdProgrammeUnit   *unit);
DdProgrammeDrill *dd_programme_drill_new          (const char        *id,
                                                   const char        *name) G_GNUC_WARN_UNUSED_RESULT;
void              dd_programme_drill_free         (DdProgrammeDrill  *drill);

/* An empty programme for @year, titled @title. */
DdProgramme      *dd_programme_new                (int                year,
                                                   const char        *plan,
                                                   const char        *title) G_GNUC_WARN_UNUSED_RESULT;
void              dd_programme_free               (DdProgramme       *programme);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdProgramme, dd_programme_free)

/* Loads and checks (schema, then ids unique) a programme; errors are
 * "FILE:LINE:COLUMN: …". */
DdProgramme      *dd_programme_load_file          (const char        *path,
                                                   GError           **error) G_GNUC_WARN_UNUSED_RESULT;
DdProgramme      *dd_programme_load_data          (const char        *display_name,
                                                   const char        *data,
                                                   gsize              len,
                                                   GError           **error) G_GNUC_WARN_UNUSED_RESULT;
char             *dd_programme_to_xml             (DdProgramme       *programme) G_GNUC_WARN_UNUSED_RESULT;
/* Writes the programme to @path atomically and durably (0644). */
gboolean          dd_programme_save               (DdProgramme       *programme,
                                                   const char        *path,
                                                   GError           **error);
/* <store_dir>/programme-YEAR.xml */
char             *dd_programme_path               (const char        *store_dir,
                                                   int                year) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
