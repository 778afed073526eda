/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-scenario.c — loading and checking drill scenarios
 *
 * Copyright 2024 The DrillDesk authors
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>
#include <gio/gio.h>

#include "dd-error.h"
#include "dd-scenario.h"
#include "dd-scenario-private.h"
#include "dd-xml.h"
#include "dd-sha256.h"

struct _DdScenario
{
  GObject      parent_instance;

  DdPlan      *plan;
  char        *source_name;
  char        *sha256;
  char        *base_dir;

  char        *id;
  char        *plan_id;
  char        *title;
  char        *summary;
  DdDrillForm  form;
  char        *form_label;
  GDateTime   *start;
  gint64       duration;
  double       compression;
  DdIncident   incident;
  GPtrArray   *participants;
  GPtrArray   *objectives;
  GPtrArray   *injects;
  GHashTable  *inject_index;     /* id -> DdInject */

  /* While loading: attachments found inside the folder (borrowed), clauses
   * found in the plan (owned). */
  GHashTable  *attachments_ok;
  GHashTable  *clauses_ok;
};

G_DEFINE_FINAL_TYPE (DdScenario, dd_scenario, G_TYPE_OBJECT)

static void
dd_scenario_finalize (GObject *object)
{
  DdScenario *self = DD_SCENARIO (object);

  g_clear_object (&self->plan);
  g_free (self->source_name);
  g_free (self->sha256);
  g_free (self->base_dir);
  g_free (self->id);
  g_free (self->plan_id);
  g_free (self->title);
  g_free (self->summary);
  g_free (self->form_label);
  g_clear_pointer (&self->start, g_date_time_unref);
  dd_incident_clear (&self->incident);
  g_clear_pointer (&self->participants, g_ptr_array_unref);
  g_clear_pointer (&self->objectives, g_ptr_array_unref);
  g_clear_pointer (&self->inject_index, g_hash_table_unref);
  g_clear_pointer (&self->injects, g_ptr_array_unref);
  g_clear_pointer (&self->attachments_ok, g_hash_table_unref);
  g_clear_pointer (&self->clauses_ok, g_hash_table_unref);

  G_OBJECT_CLASS (dd_scenario_parent_class)->finalize (object);
}

static void
dd_scenario_class_init (DdScenarioClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_scenario_finalize;
}

static void
dd_scenario_init (DdScenario *self)
{
  self->participants = g_ptr_array_new_with_free_func (dd_participant_free);
  self->objectives = g_ptr_array_new_with_free_func (dd_objective_free);
  self->injects = g_ptr_array_new_with_free_func (dd_inject_free);
  self->inject_index = g_hash_table_new (g_str_hash, g_str_equal);
}

/* ------------------------------------------------------------------ */
/* Loading                                                             */

static gboolean
prop_offset (xmlNode     *node,
             const char  *name,
             gint64      *out,
             GError     **error)
{
  g_autofree char *text = dd_xml_prop (node, name);

  if (!dd_offset_parse (text, out))
    {
      dd_xml_node_error (error, node, _("“%s” is not a time offset (H:MM or H:MM:SS): %s"),
                         name, text ? text : "");
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_role (DdPlan      *plan,
            xmlNode     *node,
            const char  *attr,
            const char  *id,
            GError     **error)
{
  if (id != NULL && dd_plan_lookup_role (plan, id) == NULL)
    {
      dd_xml_node_error (error, node, _("%s=\"%s\" is not a role of the plan"), attr, id);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_action (DdPlan      *plan,
              xmlNode     *node,
              const char  *id,
              GError     **error)
{
  if (dd_plan_lookup_action_kind (plan, id) == NULL)
    {
      dd_xml_node_error (error, node, _("action=\"%s\" is not an action of the plan"), id);
      return FALSE;
    }
  return TRUE;
}

/* A release condition names the action that approves the release. */
static gboolean
check_approval (DdPlan                  *plan,
                xmlNode                 *node,
                const DdInjectCondition *c,
                GError                 **error)
{
  if (!dd_condition_type_is_release (c->type) || dd_plan_lookup_action_kind (plan, c->approval) != NULL)
    return TRUE;
  dd_xml_node_error (error, node, _("approval=\"%s\" is not an action of the plan"),
                     c->approval != NULL ? c->approval : "");
  return FALSE;
}

/* Whether the plan cites @clause anywhere: a provision, a response level's
 * parts and measures, a phase, an action or a rule. */
static gboolean
plan_knows_clause (DdPlan     *plan,
                   const char *clause)
{
  GPtrArray *arr;

  if (dd_plan_lookup_provision_by_clause (plan, clause) != NULL)
    return TRUE;

  arr = dd_plan_get_response_levels (plan);
  for (guint i = 0; i < arr->len; i++)
    {
      const DdResponseLevel *l = g_ptr_array_index (arr, i);

      if (g_strcmp0 (l->clause, clause) == 0 || g_strcmp0 (l->conditions_clause, clause) == 0 ||
          g_strcmp0 (l->procedure_clause, clause) == 0 || g_strcmp0 (l->measures_clause, clause) == 0)
        return TRUE;
      for (guint k = 0; k < l->conditions->len; k++)
        if (g_strcmp0 (((const DdClauseText *) g_ptr_array_index (l->conditions, k))->clause, clause) == 0)
          return TRUE;
      for (guint k = 0; k < l->measures->len; k++)
        if (g_strcmp0 (((const DdMeasure *) g_ptr_array_index (l->measures, k))->clause, clause) == 0)
          return TRUE;
    }
  arr = dd_plan_get_phases (plan);
  for (guint i = 0; i < arr->len; i++)
    if (g_strcmp0 (((const DdPhase *) g_ptr_array_index (arr, i))->clause, clause) == 0)
      return TRUE;
  arr = dd_plan_get_action_kinds (plan);
  for (guint i = 0; i < arr->len; i++)
    if (g_strcmp0 (((const DdActionKind *) g_ptr_array_index (arr, i))->clause, clause) == 0)
      return TRUE;
  arr = dd_plan_get_rules (plan);
  for (guint i = 0; i < arr->len; i++)
    {
      const DdRule *r = g_ptr_array_index (arr, i);

      if (g_strcmp0 (r->clause, clause) == 0 || g_strcmp0 (r->consequence_clause, clause) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The plan is searched once per clause a scenario cites, not once per
 * expectation (100,000 injects cite a dozen clauses). */
static gboolean
check_clause (DdScenario  *self,
              xmlNode     *node,
              const char  *clause,
              GError     **error)
{
  if (g_hash_table_contains (self->clauses_ok, clause))
    return TRUE;
  if (!plan_knows_clause (self->plan, clause))
    {
      dd_xml_node_error (error, node, _("clause %s is not in the plan"), clause);
      return FALSE;
    }
  g_hash_table_add (self->clauses_ok, g_strdup (clause));
  return TRUE;
}

static gboolean
attachment_path_is_safe (const char *file)
{
  g_auto(GStrv) parts = NULL;

  if (file == NULL || *file == '\0' || g_path_is_absolute (file) ||
      strchr (file, '\\') != NULL || strchr (file, ':') != NULL)
    return FALSE;

  parts = g_strsplit (file, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (strcmp (parts[i], "..") == 0 || strcmp (parts[i], ".") == 0 || parts[i][0] == '\0')
      return FALSE;
  return TRUE;
}

/* Whether @file, a safe relative path, resolves inside @base_dir once every
 * symbolic link on the way is followed (the folder itself may be reached
 * through links: compare the resolved paths). */
static gboolean
attachment_stays_inside (const char *base_dir,
                         const char *file)
{
  g_autofree char *path = g_build_filename (base_dir, file, NULL);
  g_autofree char *real_base = realpath (base_dir, NULL);
  g_autofree char *real_path = realpath (path, NULL);
  gsize n;

  if (real_base == NULL || real_path == NULL)
    return FALSE;
  n = strlen (real_base);
  if (n > 0 && real_base[n - 1] == G_DIR_SEPARATOR)
    n--;   /* the base is "/" */
  return strncmp (real_path, real_base, n) == 0 && real_path[n] == G_DIR_SEPARATOR;
}

static gboolean
load_incident (DdScenario  *self,
               xmlNode     *node,
               GError     **error)
{
  DdIncident *inc = &self->incident;
  const DdCategory *category;
  const DdSeverity *severity;
  g_autofree char *level_clear = NULL;

  dd_incident_read_texts (inc, node);

  category = dd_plan_lookup_category (self->plan, inc->category);
  if (category == NULL)
    {
      dd_xml_node_error (error, node, _("category=\"%s\" is not a category of the plan"), inc->category);
      return FALSE;
    }
  if (inc->subtype != NULL)
    {
      const DdCategory *of = NULL;

      if (dd_plan_lookup_subtype (self->plan, inc->subtype, &of) == NULL || of != category)
        {
          dd_xml_node_error (error, node, _("subtype=\"%s\" is not a subtype of category “%s”"),
                             inc->subtype, inc->category);
          return FALSE;
        }
    }

  severity = dd_plan_lookup_severity (self->plan, inc->severity);
  if (severity == NULL || severity->undetermined)
    {
      dd_xml_node_error (error, node, _("severity=\"%s\" is not a severity level of the plan"), inc->severity);
      return FALSE;
    }

  if (!check_role (self->plan, node, "unit", inc->unit, error))
    return FALSE;

  if (!prop_offset (node, "began", &inc->began, error))
    return FALSE;

  level_clear = dd_xml_prop (node, "level-clear");
  if (level_clear != NULL)
    {
      if (!prop_offset (node, "level-clear", &inc->level_clear, error))
        return FALSE;
      if (inc->level_clear < inc->began)
        {
          dd_xml_node_error (error, node, _("the level cannot become clear before the incident began"));
          return FALSE;
        }
      inc->has_level_clear = TRUE;
    }

  return TRUE;
}

static gboolean
load_inject (DdScenario  *self,
             xmlNode     *node,
             GError     **error)
{
  DdInject *inject = dd_inject_new ();
  g_autofree char *to = NULL;
  g_autofree char *channel = NULL;

  inject->index = self->injects->len;
  g_ptr_array_add (self->injects, inject);

  inject->id = dd_xml_prop (node, "id");
  inject->from = dd_xml_prop (node, "from");
  inject->source = dd_xml_prop (node, "source");
  inject->title = dd_xml_prop (node, "title");
  inject->content = dd_xml_child_text (node, "content");
  to = dd_xml_prop (node, "to");
  g_strfreev (inject->to);
  inject->to = g_strsplit (to ? to : "", " ", -1);
  channel = dd_xml_prop (node, "channel");

  if (g_hash_table_contains (self->inject_index, inject->id))
    {
      dd_xml_node_error (error, node, _("inject id “%s” is used twice"), inject->id);
      return FALSE;
    }
  g_hash_table_insert (self->inject_index, inject->id, inject);

  if (!prop_offset (node, "at", &inject->at, error))
    return FALSE;
  if (!dd_channel_from_string (channel, &inject->channel))
    {
      dd_xml_node_error (error, node, _("channel=\"%s\" is not a known channel"), channel ? channel : "");
      return FALSE;
    }
  if (!check_role (self->plan, node, "from", inject->from, error))
    return FALSE;
  for (guint i = 0; inject->to[i] != NULL; i++)
    if (!check_role (self->plan, node, "to", inject->to[i], error))
      return FALSE;

  DD_XML_FOREACH (child, node, "attachment")
    {
      DdAttachment *a = dd_attachment_from_xml (child);

      g_ptr_array_add (inject->attachments, a);
      if (!attachment_path_is_safe (a->file))
        {
          dd_xml_node_error (error, child,
                             _("attachment “%s” must be a relative path inside the scenario folder"),
                             a->file ? a->file : "");
          return FALSE;
        }
      if (self->base_dir != NULL && !g_hash_table_contains (self->attachments_ok, a->file))
        {
          g_autofree char *path = g_build_filename (self->base_dir, a->file, NULL);

          if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
            {
              dd_xml_node_error (error, child, _("attachment “%s” does not exist in the scenario folder"),
                                 a->file);
              return FALSE;
            }
          if (!attachment_stays_inside (self->base_dir, a->file))
            {
              dd_xml_node_error (error, child,
                                 _("attachment “%s” leads out of the scenario folder through a symbolic link"),
                                 a->file);
              return FALSE;
            }
          g_hash_table_add (self->attachments_ok, a->file);
        }
    }

  DD_XML_FOREACH (child, node, "condition")
    {
      DdInjectCondition *c = dd_inject_condition_from_xml (child);

      g_ptr_array_add (inject->conditions, c);
      if (!check_action (self->plan, child, c->action, error) ||
          !check_role (self->plan, child, "role", c->role, error) ||
          !check_approval (self->plan, child, c, error))
        return FALSE;
    }

  DD_XML_FOREACH (child, node, "expect")
    {
      DdInjectExpect *e = dd_inject_expect_from_xml (child);
      g_autofree char *sev = dd_xml_prop (child, "severity");

      g_ptr_array_add (inject->expects, e);
      if (sev != NULL && !dd_finding_severity_from_string (sev, &e->severity))
        {
          dd_xml_node_error (error, child, _("severity=\"%s\" is not a finding severity"), sev);
          return FALSE;
        }
      if (!check_role (self->plan, child, "role", e->role, error) ||
          !check_action (self->plan, child, e->action, error) ||
          !prop_offset (child, "within", &e->within, error) ||
          !check_clause (self, child, e->clause, error))
        return FALSE;
      if (e->within < 0)
        {
          dd_xml_node_error (error, child, _("within must not be negative"));
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
load_document (DdScenario  *self,
               xmlDoc      *doc,
               GError     **error)
{
  xmlNode *root = xmlDocGetRootElement (doc);
  xmlNode *node;
  g_autofree char *form = NULL;
  g_autofree char *start = NULL;
  g_autofree char *compression = NULL;
  GHashTable *seen;
  gboolean ok = TRUE;

  self->id = dd_xml_prop (root, "id");
  self->plan_id = dd_xml_prop (root, "plan");
  if (g_strcmp0 (self->plan_id, dd_plan_get_id (self->plan)) != 0)
    {
      dd_xml_node_error (error, root, _("the scenario is written for plan “%s”, but plan “%s” is loaded"),
                         self->plan_id, dd_plan_get_id (self->plan));
      return FALSE;
    }

  self->title = dd_xml_child_text (root, "title");
  self->summary = dd_xml_child_text (root, "summary");

  node = dd_xml_child (root, "form");
  form = dd_xml_prop (node, "id");
  if (!dd_drill_form_from_string (form, &self->form))
    {
      dd_xml_node_error (error, node, _("unknown drill form “%s”"), form ? form : "");
      return FALSE;
    }
  self->form_label = dd_xml_text (node);

  node = dd_xml_child (root, "clock");
  start = dd_xml_prop (node, "start");
  self->start = g_date_time_new_from_iso8601 (start, NULL);
  if (self->start == NULL)
    {
      dd_xml_node_error (error, node, _("start=\"%s\" is not a date and time with a UTC offset"), start);
      return FALSE;
    }
  if (!prop_offset (node, "duration", &self->duration, error))
    return FALSE;
  if (self->duration <= 0)
    {
      dd_xml_node_error (error, node, _("the duration must be positive"));
      return FALSE;
    }
  compression = dd_xml_prop (node, "compression");
  self->compression = g_ascii_strtod (compression, NULL);
  if (!(self->compression > 0 && self->compression <= 1440))
    {
      dd_xml_node_error (error, node, _("compression must be above 0 and at most 1440"));
      return FALSE;
    }

  seen = g_hash_table_new (g_str_hash, g_str_equal);
  DD_XML_FOREACH (child, dd_xml_child (root, "participants"), "role")
    {
      DdParticipant *p = dd_participant_from_xml (child);

      g_ptr_array_add (self->participants, p);
      if (!check_role (self->plan, child, "ref", p->role, error))
        {
          ok = FALSE;
          break;
        }
      if (!g_hash_table_add (seen, p->role))
        {
          dd_xml_node_error (error, child, _("role “%s” takes part twice"), p->role);
          ok = FALSE;
          break;
        }
    }
  g_hash_table_remove_all (seen);

  if (ok)
    DD_XML_FOREACH (child, dd_xml_child (root, "objectives"), "objective")
      {
        DdObjective *o = g_new0 (DdObjective, 1);
        g_autofree char *clauses = dd_xml_prop (child, "clauses");

        o->id = dd_xml_prop (child, "id");
        o->clauses = g_strsplit (clauses ? clauses : "", " ", -1);
        o->text = dd_xml_text (child);
        g_ptr_array_add (self->objectives, o);
        if (!g_hash_table_add (seen, o->id))
          {
            dd_xml_node_error (error, child, _("objective id “%s” is used twice"), o->id);
            ok = FALSE;
            break;
          }
        for (guint i = 0; ok && o->clauses[i] != NULL; i++)
          ok = check_clause (self, child, o->clauses[i], error);
        if (!ok)
          break;
      }
  g_hash_table_unref (seen);
  if (!ok)
    return FALSE;

  if (!load_incident (self, dd_xml_child (root, "incident"), error))
    return FALSE;

  /* Each inject's elements are freed once its model is built: the model
   * grows in the memory the tree gives back, and loading needs no more
   * memory at its peak than the tree (a scenario of 100,000 injects: a
   * 380 MB tree, a 140 MB model). */
  for (xmlNode *child = dd_xml_child (dd_xml_child (root, "msel"), "inject"), *next; child != NULL; child = next)
    {
      next = dd_xml_next (child, "inject");
      if (!load_inject (self, child, error))
        return FALSE;
      xmlUnlinkNode (child);
      xmlFreeNode (child);
    }

  return TRUE;
}

/* The model from a parsed document, validated here; takes @doc and @sha256. */
static DdScenario *
load (const char  *display_name,
      xmlDoc      *doc,
      char        *sha256,
      const char  *base_dir,
      DdPlan      *plan,
      GError     **error)
{
  g_autoptr(DdScenario) self = NULL;
  g_autoptr(xmlDoc) owned = doc;

  if (!dd_xml_validate (doc, "scenario.rng", error))
    {
      g_free (sha256);
      return NULL;
    }

  self = g_object_new (DD_TYPE_SCENARIO, NULL);
  self->plan = g_object_ref (plan);
  self->source_name = g_strdup (display_name);
  self->sha256 = sha256;
  self->base_dir = g_strdup (base_dir);

  self->attachments_ok = g_hash_table_new (g_str_hash, g_str_equal);
  self->clauses_ok = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!load_document (self, doc, error))
    return NULL;
  g_clear_pointer (&self->attachments_ok, g_hash_table_unref);
  g_clear_pointer (&self->clauses_ok, g_hash_table_unref);

  return g_steal_pointer (&self);
}

DdScenario *
dd_scenario_load_data (const char  *display_name,
                       const char  *data,
                       gsize        len,
                       const char  *base_dir,
                       DdPlan      *plan,
                       GError     **error)
{
  xmlDoc *doc;

  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (DD_IS_PLAN (plan), NULL);

  doc = dd_xml_parse_data (display_name, data, len, "scenario.rng", error);
  if (doc == NULL)
    return NULL;
  return load (display_name, doc, dd_sha256_hex (data, len),
               base_dir, plan, error);
}

/* Streamed: the file is never in memory whole, only its tree and model. */
DdScenario *
dd_scenario_load_file (const char  *path,
                       DdPlan      *plan,
                       GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *abs = NULL;
  char *sha256 = NULL;
  xmlDoc *doc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (DD_IS_PLAN (plan), NULL);

  doc = dd_xml_parse_file (path, "scenario.rng", &sha256, error);
  if (doc == NULL)
    return NULL;

  abs = g_canonicalize_filename (path, NULL);
  dir = g_path_get_dirname (abs);
  return load (path, doc, sha256, dir, plan, error);
}

/* ------------------------------------------------------------------ */
/* Accessors                                                           */

DdPlan *
dd_scenario_get_plan (DdScenario *self)
{
  g_return_val_if_fail (DD_IS_SCENARIO (self), NULL);
  return self->plan;
}

const char *
dd_scenario_get_source_name (DdScenario *self)
{
  g_return_val_if_fail (DD_IS_SCENARIO (self), NULL);
  return self->source_name;
}

const char *
dd_scenario_get_source_sha256 (DdScenario *self)
{
  g_return_val_if_fail (DD_IS_SCENARIO (self), NULL);
  return self->sha256;
}

const char *
dd_scenario_get_base_dir (DdScenario *self)
{
  g_return_val_if_fail (DD_IS_SCENARIO (self), NULL);
  return self->base_dir;
}

const char *
dd_scenario_get_id (DdScenario *self)
{
  g_return_val_if_fail (DD_IS_SCENARIO (self), NULL);
  return self->id;
}

const char *
dd_scenario_get_plan_id (DdScenario *self)
{
  g_return_val_if_fail (DD_IS_SCENARIO (self), NULL);
  return self->plan_id;
}

const char *
dd_scenario_get_title (DdScenario *self)
{
  g_return_val_if_fail (DD_IS_SCENARIO (self), NULL);
  return self->title;
}

const char *
dd_scenario_get_summary (DdScenario *self)
{
  g_return_val_if_fail (DD_IS_SCENARIO (self), NULL);
  return self->summary;
}

DdDrillForm
dd_scenario_get_form (DdScenario *self)
{
  g_return_val_if_fail (DD_IS_SCENARIO (self), DD_DRILL_FORM_TABLETOP);
  return self->form;
}

const char *
dd_scenario_get_form_label (DdScenario *self)
{
  g_return_val_if_fail (DD_IS_SCENARIO (self), NULL);
  return self->form_label;
}

GDateTime *
dd_scenario_get_start (DdScenario *self)
{
  g_return_val_if_fail (DD_IS_SCENARIO (self), NULL);
  return self->start;
}

gint64
dd_scenario_get_duration (DdScenario *self)
{
  g_return_val_if_fail (DD_IS_SCENARIO (self), 0);
  return self->duration;
}

double
dd_scenario_get_compression (DdScenario *self)
{
  g_return_val_if_fail (DD_IS_SCENARIO (self), 1.0);
  return self->compression;
}

const DdIncident *
dd_scenario_get_incident (DdScenario *self)
{
  g_return_val_if_fail (DD_IS_SCENARIO (self), NULL);
  return &self->incident;
}

GPtrArray *
dd_scenario_get_participants (DdScenario *self)
{
  g_return_val_if_fail (DD_IS_SCENARIO (self), NULL);
  return self->participants;
}

GPtrArray *
dd_scenario_get_objectives (DdScenario *self)
{
  g_return_val_if_fail (DD_IS_SCENARIO (self), NULL);
  return self->objectives;
}

GPtrArray *
dd_scenario_get_injects (DdScenario *self)
{
  g_return_val_if_fail (DD_IS_SCENARIO (self), NULL);
  return self->injects;
}

const DdInject *
dd_scenario_lookup_inject (DdScenario *self,
                           const char *id)
{
  g_return_val_if_fail (DD_IS_SCENARIO (self), NULL);
  return id ? g_hash_table_lookup (self->inject_index, id) : NULL;
}

gboolean
dd_scenario_has_participant (DdScenario *self,
                             const char *role_id)
{
  g_return_val_if_fail (DD_IS_SCENARIO (self), FALSE);

  for (guint i = 0; i < self->participants->len; i++)
    {
      const DdParticipant *p = g_ptr_array_index (self->participants, i);

      if (g_strcmp0 (p->role, role_id) == 0)
        return TRUE;
    }
  return FALSE;
}

char *
dd_scenario_get_attachment_path (DdScenario         *self,
                                 const DdAttachment *attachment)
{
  g_return_val_if_fail (DD_IS_SCENARIO (self), NULL);
  g_return_val_if_fail (attachment != NULL, NULL);

  if (self->base_dir == NULL || !attachment_path_is_safe (attachment->file) ||
      !attachment_stays_inside (self->base_dir, attachment->file))
    return NULL;
  return g_build_filename (self->base_dir, attachment->file, NULL);
}

GDateTime *
dd_scenario_offset_to_datetime (DdScenario *self,
                                gint64      offset)
{
  g_return_val_if_fail (DD_IS_SCENARIO (self), NULL);
  return g_date_time_add_seconds (self->start, (double) offset);
}

gboolean
dd_scenario_role_matches (DdScenario *self,
                          const char *role_id,
                          const char *rule_role_id)
{
  const DdRole *rule_role;

  g_return_val_if_fail (DD_IS_SCENARIO (self), FALSE);

  if (role_id == NULL || rule_role_id == NULL)
    return FALSE;
  if (strcmp (role_id, rule_role_id) == 0)
    return TRUE;

  rule_role = dd_plan_lookup_role (self->plan, rule_role_id);
  return rule_role != NULL && rule_role->kind == DD_ROLE_KIND_INCIDENT_UNIT &&
         g_strcmp0 (role_id, self->incident.unit) == 0;
}

const char *
dd_scenario_severity_at (DdScenario *self,
                         gint64      offset)
{
  const DdSeverity *undetermined;

  g_return_val_if_fail (DD_IS_SCENARIO (self), NULL);

  if (self->incident.has_level_clear && offset < self->incident.level_clear)
    {
      undetermined = dd_plan_get_undetermined_severity (self->plan);
      if (undetermined != NULL)
        return undetermined->id;
    }
  return self->incident.severity;
}
