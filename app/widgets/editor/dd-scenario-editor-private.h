/* dd-scenario-editor-private.h — the scenario editor window's state, shared
 * by its files: dd-scenario-editor.c (the window, the events list,
 * following the document), -pages.c (field rows and pages) and
 * -actions.c (files and actions)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dd-scenario-editor.h"

G_BEGIN_DECLS

#define AUTOSAVE_SECONDS 5

typedef enum {
  FIELD_ENTRY,
  FIELD_CHOICE,
} FieldKind;

typedef struct {
  char       *field;
  AdwActionRow *row;
  GtkWidget  *widget;
  char      **ids;                 /* FIELD_CHOICE: the value of each item */
  GPtrArray  *checks;              /* several of @ids (GtkCheckButton each), or NULL */
  GtkWidget  *summary;             /* with @checks: the label naming those checked */
} FieldRow;

enum {
  COL_INDEX,
  COL_TIME,
  COL_FROM,
  COL_TO,
  COL_CHANNEL,
  COL_CONTENT,
  COL_CHECKS,
  N_COLS
};

struct _DdScenarioEditor
{
  AdwWindow             parent_instance;

  DdPlan               *plan;
  DdScenarioDocument       *edit;
  GHashTable           *fields;        /* field path -> FieldRow */
  GHashTable           *group_rows;    /* AdwPreferencesGroup -> GPtrArray of rows */
  GtkStringList        *msel_items;    /* document indices, as strings */
  GtkSingleSelection   *msel_selection;
  int                   selected;      /* document index of the selected inject, or -1 */
  const char           *editing;       /* field a widget is changing now */
  gboolean              updating;      /* widgets are being filled from the document */
  char                 *dry_run_result;
  GtkFileChooserNative *chooser;
  gboolean              close_after_save;
  GPtrArray            *condition_rows; /* the selected inject's condition headers, in order */

  /* template children */
  AdwToastOverlay      *toast_overlay;
  AdwViewStack         *view_stack;
  AdwPreferencesGroup  *general_group;
  AdwPreferencesGroup  *participants_group;
  AdwPreferencesGroup  *objectives_group;
  AdwPreferencesGroup  *truth_group;
  AdwPreferencesGroup  *inject_group;
  AdwPreferencesGroup  *expects_group;
  AdwPreferencesGroup  *conditions_group;
  AdwPreferencesGroup  *attachments_group;
  GtkColumnView        *msel_view;
  GtkRevealer          *dry_run_revealer;
  GtkLabel             *dry_run_label;
  GMenu                *template_section;
};

void dd_scenario_editor_refresh_conditions (DdScenarioEditor *self);
void dd_scenario_editor_toast (DdScenarioEditor *self,
                               const char *text);
char *dd_scenario_editor_get (DdScenarioEditor *self,
                              const char *field);
void dd_scenario_editor_add_row (DdScenarioEditor *self,
                                 AdwPreferencesGroup *group,
                                 GtkWidget *row);
void dd_scenario_editor_clear_group (DdScenarioEditor *self,
                                     AdwPreferencesGroup *group);
void dd_scenario_editor_refresh_msel (DdScenarioEditor *self,
                                      int keep);
gboolean dd_scenario_editor_save (DdScenarioEditor *self,
                                  const char *path);
void dd_scenario_editor_fill_template_menu (DdScenarioEditor *self);
void dd_scenario_editor_new_action (GtkWidget *widget,
                                    const char *action_name,
                                    GVariant *param);
void dd_scenario_editor_new_from_template_action (GtkWidget *widget,
                                                  const char *action_name,
                                                  GVariant *param);
void dd_scenario_editor_open_action (GtkWidget *widget,
                                     const char *action_name,
                                     GVariant *param);
void dd_scenario_editor_save_action (GtkWidget *widget,
                                     const char *action_name,
                                     GVariant *param);
void dd_scenario_editor_save_as_action (GtkWidget *widget,
                                        const char *action_name,
                                        GVariant *param);
void dd_scenario_editor_undo_action (GtkWidget *widget,
                                     const char *action_name,
                                     GVariant *param);
void dd_scenario_editor_redo_action (GtkWidget *widget,
                                     const char *action_name,
                                     GVariant *param);
void dd_scenario_editor_dry_run_action (GtkWidget *widget,
                                        const char *action_name,
                                        GVariant *param);
void dd_scenario_editor_add_action (GtkWidget *widget,
                                    const char *action_name,
                                    GVariant *param);
void dd_scenario_editor_remove_action (GtkWidget *widget,
                                       const char *action_name,
                                       GVariant *param);
void dd_scenario_editor_inject_action (GtkWidget *widget,
                                       const char *action_name,
                                       GVariant *param);
void dd_scenario_editor_show_checks (DdScenarioEditor *self,
                                     FieldRow *f);
void dd_scenario_editor_fill_field (DdScenarioEditor *self,
                                    FieldRow *f);
const char *dd_scenario_editor_channel_label (DdChannel channel);
void dd_scenario_editor_build_general (DdScenarioEditor *self);
void dd_scenario_editor_build_participants (DdScenarioEditor *self);
void dd_scenario_editor_build_objectives (DdScenarioEditor *self);
void dd_scenario_editor_update_subtypes (DdScenarioEditor *self);
void dd_scenario_editor_build_truth (DdScenarioEditor *self);
void dd_scenario_editor_build_inject (DdScenarioEditor *self);

void dd_scenario_editor_export_msel_action (GtkWidget *widget,
                                            const char *action_name,
                                            GVariant *param);
void dd_scenario_editor_import_msel_action (GtkWidget *widget,
                                            const char *action_name,
                                            GVariant *param);

void dd_scenario_editor_save_chooser_response_cb (DdScenarioEditor     *self,
                                                  int                   response,
                                                  GtkFileChooserNative *chooser);
void dd_scenario_editor_choose_file (DdScenarioEditor     *self,
                                     GtkFileChooserAction  action,
                                     GCallback             callback);

G_END_DECLS
