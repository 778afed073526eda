/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-scenario-parts.c — the parts of a scenario: offsets, enums, freeing,
 * and reading each part's element as it is written (dd-scenario-private.h)
 *
 * Copyright 2024 The DrillDesk authors
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "dd-scenario.h"
#include "dd-scenario-private.h"
#include "dd-xml.h"

static const char *const form_names[] = { "tabletop", "functional", "full-scale" };
static const char *const channel_names[] = {
  "phone", "fax", "monitoring-alert", "email", "news", "weibo", "field-report",
};

/* ------------------------------------------------------------------ */
/* Offsets and enums                                                   */

gboolean
dd_offset_parse (const char *text,
                 gint64     *seconds_out)
{
  gboolean negative = FALSE;
  guint64 parts[3] = { 0, 0, 0 };
  guint n = 0;
  const char *p = text;

  if (text == NULL || *text == '\0')
    return FALSE;
  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }

  while (n < 3)
    {
      const char *start = p;
      guint64 v = 0;

      while (g_ascii_isdigit (*p))
        {
          v = v * 10 + (guint64) (*p - '0');
          if (v > 1000000)
            return FALSE;
          p++;
        }
      if (p == start)
        return FALSE;
      parts[n++] = v;
      if (*p == ':')
        p++;
      else
        break;
    }

  if (*p != '\0' || n < 2 || parts[1] > 59 || parts[2] > 59)
    return FALSE;

  *seconds_out = (gint64) (parts[0] * 3600 + parts[1] * 60 + parts[2]);
  if (negative)
    *seconds_out = -*seconds_out;
  return TRUE;
}

char *
dd_offset_format (gint64 seconds)
{
  const char *sign = seconds < 0 ? "-" : "";
  guint64 s = seconds < 0 ? (guint64) -seconds : (guint64) seconds;

  if (s % 60 != 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT ":%02u:%02u", sign, s / 3600,
                            (guint) ((s / 60) % 60), (guint) (s % 60));
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ":%02u", sign, s / 3600, (guint) ((s / 60) % 60));
}

static gboolean
enum_from_string (const char        *str,
                  const char *const *names,
                  guint              n_names,
                  int               *out)
{
  for (guint i = 0; str != NULL && i < n_names; i++)
    if (strcmp (str, names[i]) == 0)
      {
        *out = (int) i;
        return TRUE;
      }
  return FALSE;
}

const char *
dd_drill_form_to_string (DdDrillForm form)
{
  g_return_val_if_fail ((guint) form < G_N_ELEMENTS (form_names), NULL);
  return form_names[form];
}

gboolean
dd_drill_form_from_string (const char  *str,
                           DdDrillForm *out)
{
  int v;

  if (!enum_from_string (str, form_names, G_N_ELEMENTS (form_names), &v))
    return FALSE;
  *out = (DdDrillForm) v;
  return TRUE;
}

const char *
dd_channel_to_string (DdChannel channel)
{
  g_return_val_if_fail ((guint) channel < G_N_ELEMENTS (channel_names), NULL);
  return channel_names[channel];
}

gboolean
dd_channel_from_string (const char *str,
                        DdChannel  *out)
{
  int v;

  if (!enum_from_string (str, channel_names, G_N_ELEMENTS (channel_names), &v))
    return FALSE;
  *out = (DdChannel) v;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Freeing the parts                                                   */

void
dd_participant_free (gpointer data)
{
  DdParticipant *p = data;

  g_free (p->role);
  g_free (p->player);
  g_free (p);
}

void
dd_objective_free (gpointer data)
{
  DdObjective *o = data;

  g_free (o->id);
  g_strfreev (o->clauses);
  g_free (o->text);
  g_free (o);
}

void
dd_inject_condition_free (gpointer data)
{
  DdInjectCondition *c = data;

  g_free (c->action);
  g_free (c->role);
  g_free (c->approval);
  g_free (c);
}

void
dd_inject_expect_free (gpointer data)
{
  DdInjectExpect *e = data;

  g_free (e->role);
  g_free (e->action);
  g_free (e->clause);
  g_free (e->text);
  g_free (e);
}

void
dd_attachment_free (gpointer data)
{
  DdAttachment *a = data;

  g_free (a->file);
  g_free (a->label);
  g_free (a);
}

DdInject *
dd_inject_new (void)
{
  DdInject *i = g_new0 (DdInject, 1);

  i->to = g_new0 (char *, 1);
  i->attachments = g_ptr_array_new_with_free_func (dd_attachment_free);
  i->conditions = g_ptr_array_new_with_free_func (dd_inject_condition_free);
  i->expects = g_ptr_array_new_with_free_func (dd_inject_expect_free);
  return i;
}

void
dd_inject_free (gpointer data)
{
  DdInject *i = data;

  g_free (i->id);
  g_free (i->from);
  g_free (i->source);
  g_strfreev (i->to);
  g_free (i->title);
  g_free (i->content);
  g_ptr_array_unref (i->attachments);
  g_ptr_array_unref (i->conditions);
  g_ptr_array_unref (i->expects);
  g_free (i);
}

void
dd_incident_clear (DdIncident *inc)
{
  g_free (inc->category);
  g_free (inc->subtype);
  g_free (inc->severity);
  g_free (inc->unit);
  g_free (inc->unit_name);
  g_free (inc->system);
  g_free (inc->location);
  g_free (inc->description);
  memset (inc, 0, sizeof *inc);
}
/* ------------------------------------------------------------------ */
/* Reading the parts (dd-scenario-private.h)                           */

void
dd_incident_read_texts (DdIncident *inc,
                        xmlNode    *node)
{
  inc->category = dd_xml_prop (node, "category");
  inc->subtype = dd_xml_prop (node, "subtype");
  inc->severity = dd_xml_prop (node, "severity");
  inc->unit = dd_xml_prop (node, "unit");
  inc->unit_name = dd_xml_child_text (node, "unit-name");
  inc->system = dd_xml_child_text (node, "system");
  inc->location = dd_xml_child_text (node, "location");
  inc->description = dd_xml_child_text (node, "description");
}

DdParticipant *
dd_participant_from_xml (xmlNode *node)
{
  DdParticipant *p = g_new0 (DdParticipant, 1);

  p->role = dd_xml_prop (node, "ref");
  p->player = dd_xml_prop (node, "player");
  return p;
}

DdAttachment *
dd_attachment_from_xml (xmlNode *node)
{
  DdAttachment *a = g_new0 (DdAttachment, 1);

  a->file = dd_xml_prop (node, "file");
  a->label = dd_xml_prop (node, "label");
  return a;
}

static const char *const condition_names[] = {
  [DD_CONDITION_AFTER] = "after",
  [DD_CONDITION_ABSENT] = "absent",
  [DD_CONDITION_RELEASE_MISSING] = "release-missing",
  [DD_CONDITION_RELEASE_UNAPPROVED] = "release-unapproved",
  [DD_CONDITION_RELEASE_TIMELY] = "release-timely",
};

const char *
dd_condition_type_to_string (DdConditionType type)
{
  g_return_val_if_fail ((guint) type < G_N_ELEMENTS (condition_names), "after");
  return condition_names[type];
}

gboolean
dd_condition_type_from_string (const char      *text,
                               DdConditionType *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (condition_names); i++)
    if (g_strcmp0 (text, condition_names[i]) == 0)
      return *type = (DdConditionType) i, TRUE;
  return FALSE;
}

gboolean
dd_condition_type_is_release (DdConditionType type)
{
  return type == DD_CONDITION_RELEASE_MISSING || type == DD_CONDITION_RELEASE_UNAPPROVED ||
         type == DD_CONDITION_RELEASE_TIMELY;
}

const char *
dd_channel_label (DdChannel channel)
{
  switch (channel)
    {
    case DD_CHANNEL_PHONE: return _("Phone");
    case DD_CHANNEL_FAX: return _("Fax");
    case DD_CHANNEL_MONITORING_ALERT: return _("Monitoring alert");
    case DD_CHANNEL_EMAIL: return _("Email");
    case DD_CHANNEL_NEWS: return _("News");
    case DD_CHANNEL_WEIBO: return _("Weibo");
    case DD_CHANNEL_FIELD_REPORT: return _("Field report");
    default: return dd_channel_to_string (channel);
    }
}

static const char *
action_label (DdPlan     *plan,
              const char *id)
{
  const DdActionKind *kind = id != NULL && plan != NULL ? dd_plan_lookup_action_kind (plan, id) : NULL;

  return kind != NULL ? kind->name : id != NULL ? id : "?";
}

char *
dd_inject_condition_describe (DdPlan                  *plan,
                              const DdInject          *inject,
                              const DdInjectCondition *c)
{
  const DdRole *role = c->role != NULL && plan != NULL ? dd_plan_lookup_role (plan, c->role) : NULL;
  const char *who = role != NULL ? role->name : c->role;
  const char *action = action_label (plan, c->action), *approval = action_label (plan, c->approval);
  g_autofree char *by = dd_offset_format (c->has_by ? c->by : inject != NULL ? inject->at : 0);
  g_autofree char *what = who != NULL ? g_strdup_printf (_("“%s” by %s"), action, who)
                                      : g_strdup_printf (_("“%s”"), action);

  switch (c->type)
    {
    case DD_CONDITION_AFTER:
      return g_strdup_printf (_("Delivered once %s has been taken"), what);
    case DD_CONDITION_ABSENT:
      return g_strdup_printf (_("Delivered only if %s has not been taken by then"), what);
    case DD_CONDITION_RELEASE_MISSING:
      return g_strdup_printf (_("Escalation: delivered if no %s approved by “%s” has gone out by T+%s"),
                              what, approval, by);
    case DD_CONDITION_RELEASE_UNAPPROVED:
      return g_strdup_printf (_("Escalation: delivered once %s goes out without “%s” before it"),
                              what, approval);
    case DD_CONDITION_RELEASE_TIMELY:
      return g_strdup_printf (_("Subsides: delivered if the first %s went out approved by “%s” before T+%s"),
                              what, approval, by);
    default:
      g_return_val_if_reached (NULL);
    }
}

DdInjectCondition *
dd_inject_condition_from_xml (xmlNode *node)
{
  DdInjectCondition *c = g_new0 (DdInjectCondition, 1);
  g_autofree char *type = dd_xml_prop (node, "type");

  g_autofree char *by = dd_xml_prop (node, "by");

  if (!dd_condition_type_from_string (type, &c->type))
    c->type = DD_CONDITION_AFTER;
  c->action = dd_xml_prop (node, "action");
  c->role = dd_xml_prop (node, "role");
  c->approval = dd_xml_prop (node, "approval");
  c->has_by = by != NULL && dd_offset_parse (by, &c->by);
  return c;
}

DdInjectExpect *
dd_inject_expect_from_xml (xmlNode *node)
{
  DdInjectExpect *e = g_new0 (DdInjectExpect, 1);

  e->role = dd_xml_prop (node, "role");
  e->action = dd_xml_prop (node, "action");
  e->clause = dd_xml_prop (node, "clause");
  e->severity = DD_FINDING_SEVERITY_MINOR;
  e->text = dd_xml_text (node);
  if (e->text != NULL && *g_strstrip (e->text) == '\0')
    g_clear_pointer (&e->text, g_free);
  return e;
}

