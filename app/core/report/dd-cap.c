/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-cap.c — a drill's warnings as OASIS CAP 1.2 alerts (dd-cap.h)
 *
 * Copyright 2024 The DrillDesk authors
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libxml/xmlwriter.h>

#include "dd-cap.h"
#include "dd-error.h"

#define CAP_NS "urn:oasis:names:tc:emergency:cap:1.2"

static const char *const msg_types[] = {
  [DD_WARNING_ISSUED] = "Alert",
  [DD_WARNING_ADJUSTED] = "Update",
  [DD_WARNING_LIFTED] = "Cancel",
};

/* CAP 1.2 §3.3.2: dates as "2002-05-24T16:49:00-07:00", no fractions,
 * UTC as "-00:00". */
static char *
cap_time (DdReplay *replay,
          gint64    at)
{
  g_autoptr(GDateTime) t = g_date_time_add_seconds (dd_scenario_get_start (dd_replay_get_scenario (replay)),
                                                    (gdouble) at);
  g_autofree char *s = g_date_time_format (t, "%Y-%m-%dT%H:%M:%S%:z");

  if (g_str_has_suffix (s, "+00:00"))
    s[strlen (s) - 6] = '-';
  return g_steal_pointer (&s);
}

/* Unique per drill start and message; only characters CAP allows in an
 * identifier (no spaces, commas, "<" or "&"). */
static char *
cap_identifier (DdReplay *replay,
                guint     index)
{
  DdScenario *scenario = dd_replay_get_scenario (replay);
  g_autofree char *start = g_date_time_format (dd_scenario_get_start (scenario), "%Y%m%dT%H%M%S");

  return g_strdup_printf ("drilldesk.%s.%s.%02u", dd_scenario_get_id (scenario), start, index + 1);
}

/* @template with "{level}" and "{colour}" filled in. */
static char *
fill (const char           *template,
      const DdWarningLevel *level)
{
  g_autoptr(GString) s = g_string_new (template != NULL ? template : "");

  g_string_replace (s, "{level}", level != NULL ? level->name : "", 0);
  g_string_replace (s, "{colour}", level != NULL ? level->colour_name : "", 0);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
element (xmlTextWriter *w,
         const char    *name,
         const char    *value)
{
  if (value != NULL && *value != '\0')
    xmlTextWriterWriteElement (w, (const xmlChar *) name, (const xmlChar *) value);
}

static void
parameter (xmlTextWriter *w,
           const char    *name,
           const char    *value)
{
  if (value == NULL || *value == '\0')
    return;
  xmlTextWriterStartElement (w, (const xmlChar *) "parameter");
  element (w, "valueName", name);
  element (w, "value", value);
  xmlTextWriterEndElement (w);
}

char *
dd_cap_message_to_xml (DdReplay  *replay,
                       GPtrArray *messages,
                       guint      index)
{
  DdPlan *plan;
  DdScenario *scenario;
  const DdCapProfile *cap;
  const DdWarningMessage *m;
  const DdWarningLevel *level;
  const DdActionKind *kind;
  const char *headline_template;
  g_autofree char *identifier = NULL, *sent = NULL, *headline = NULL;
  g_autoptr(GString) references = g_string_new (NULL);
  xmlBuffer *buf;
  xmlTextWriter *w;
  char *out;

  g_return_val_if_fail (DD_IS_REPLAY (replay), NULL);
  g_return_val_if_fail (messages != NULL && index < messages->len, NULL);

  plan = dd_replay_get_plan (replay);
  scenario = dd_replay_get_scenario (replay);
  cap = dd_plan_get_cap_profile (plan);
  g_return_val_if_fail (cap != NULL, NULL);
  m = g_ptr_array_index (messages, index);
  level = m->level != NULL ? dd_plan_lookup_warning_level (plan, m->level) : NULL;
  kind = dd_plan_lookup_action_kind (plan, m->action->kind);
  identifier = cap_identifier (replay, index);
  sent = cap_time (replay, m->action->at);
  for (guint i = m->first; i < index; i++)
    {
      const DdWarningMessage *earlier = g_ptr_array_index (messages, i);
      g_autofree char *id = cap_identifier (replay, i);
      g_autofree char *when = cap_time (replay, earlier->action->at);

      g_string_append_printf (references, "%s%s,%s,%s", references->len ? " " : "", cap->sender, id, when);
    }
  headline_template = m->change == DD_WARNING_ISSUED ? cap->alert_headline
                      : m->change == DD_WARNING_ADJUSTED ? cap->update_headline : cap->cancel_headline;
  headline = fill (headline_template, level);

  buf = xmlBufferCreate ();
  w = xmlNewTextWriterMemory (buf, 0);
  xmlTextWriterSetIndent (w, 1);
  xmlTextWriterSetIndentString (w, (const xmlChar *) "  ");
  xmlTextWriterStartDocument (w, NULL, "UTF-8", NULL);
  xmlTextWriterStartElementNS (w, NULL, (const xmlChar *) "alert", (const xmlChar *) CAP_NS);
  element (w, "identifier", identifier);
  element (w, "sender", cap->sender);
  element (w, "sent", sent);
  element (w, "status", "Exercise");
  element (w, "msgType", msg_types[m->change]);
  element (w, "source", PACKAGE_NAME);
  element (w, "scope", "Restricted");
  element (w, "restriction", cap->restriction);
  element (w, "note", dd_scenario_get_title (scenario));
  element (w, "references", references->str);
  element (w, "incidents", dd_scenario_get_id (scenario));

  xmlTextWriterStartElement (w, (const xmlChar *) "info");
  element (w, "language", "zh-CN");
  element (w, "category", cap->category);
  element (w, "event", cap->event);
  element (w, "responseType", m->change == DD_WARNING_LIFTED ? "AllClear" : "Prepare");
  element (w, "urgency", level != NULL && level->cap_urgency != NULL ? level->cap_urgency : "Unknown");
  element (w, "severity", level != NULL && level->cap_severity != NULL ? level->cap_severity : "Unknown");
  element (w, "certainty", level != NULL && level->cap_certainty != NULL ? level->cap_certainty : "Unknown");
  element (w, "effective", sent);
  element (w, "senderName", cap->sender_name);
  element (w, "headline", headline);
  element (w, "description", m->action->text != NULL ? m->action->text : kind != NULL ? kind->description : NULL);
  parameter (w, "warningLevel", level != NULL ? level->name : m->level);
  parameter (w, "warningColour", level != NULL ? level->colour_name : NULL);
  parameter (w, "clause", kind != NULL ? kind->clause : cap->clause);
  xmlTextWriterStartElement (w, (const xmlChar *) "area");
  element (w, "areaDesc", dd_plan_get_identity (plan)->region);
  xmlTextWriterEndElement (w);
  xmlTextWriterEndElement (w); /* info */

  xmlTextWriterEndElement (w); /* alert */
  xmlTextWriterEndDocument (w);
  xmlFreeTextWriter (w);
  out = g_strndup ((const char *) xmlBufferContent (buf), xmlBufferLength (buf));
  xmlBufferFree (buf);
  return out;
}

GPtrArray *
dd_cap_export (DdReplay    *replay,
               const char  *dir,
               GError     **error)
{
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (DD_IS_REPLAY (replay), NULL);
  g_return_val_if_fail (dir != NULL, NULL);

  if (dd_plan_get_cap_profile (dd_replay_get_plan (replay)) == NULL)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID,
                   _("The plan says nothing about CAP alerts (<warning-levels><cap>)"));
      return NULL;
    }
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "%s: %s", dir, g_strerror (saved));
      return NULL;
    }

  messages = dd_replay_get_warning_messages (replay);
  for (guint i = 0; i < messages->len; i++)
    {
      const DdWarningMessage *m = g_ptr_array_index (messages, i);
      g_autofree char *xml = dd_cap_message_to_xml (replay, messages, i);
      g_autofree char *type = g_ascii_strdown (msg_types[m->change], -1);
      g_autofree char *name = g_strdup_printf ("%02u-%s.xml", i + 1, type);
      char *path = g_build_filename (dir, name, NULL);

      g_ptr_array_add (paths, path);
      if (!g_file_set_contents (path, xml, -1, error))
        return NULL;
    }
  return g_steal_pointer (&paths);
}
