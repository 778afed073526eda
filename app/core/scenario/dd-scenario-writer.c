/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-scenario-writer.c — scenario drafts: lenient reading, XML writing, atomic saving
 *
 * Copyright 2024 The DrillDesk authors
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libxml/xmlwriter.h>

#include "dd-error.h"
#include "dd-scenario-private.h"
#include "dd-scenario-writer.h"
#include "dd-xml.h"

static DdSaveHook save_hook;
static gpointer   save_hook_data;

/* ------------------------------------------------------------------ */
/* Parts                                                               */

static void
comment_free (gpointer data)
{
  DdDraftComment *c = data;

  g_free (c->anchor);
  g_free (c->text);
  g_free (c);
}

gpointer
dd_participant_copy (gconstpointer src,
                  gpointer      unused)
{
  const DdParticipant *p = src;
  DdParticipant *c = g_new0 (DdParticipant, 1);

  c->role = g_strdup (p->role);
  c->player = g_strdup (p->player);
  return c;
}

gpointer
dd_objective_copy (gconstpointer src,
                gpointer      unused)
{
  const DdObjective *o = src;
  DdObjective *c = g_new0 (DdObjective, 1);

  c->id = g_strdup (o->id);
  c->clauses = g_strdupv (o->clauses);
  c->text = g_strdup (o->text);
  return c;
}

gpointer
dd_inject_condition_copy (gconstpointer src,
                gpointer      unused)
{
  const DdInjectCondition *o = src;
  DdInjectCondition *c = g_new0 (DdInjectCondition, 1);

  c->type = o->type;
  c->action = g_strdup (o->action);
  c->role = g_strdup (o->role);
  c->approval = g_strdup (o->approval);
  c->has_by = o->has_by;
  c->by = o->by;
  return c;
}

gpointer
dd_inject_expect_copy (gconstpointer src,
             gpointer      unused)
{
  const DdInjectExpect *o = src;
  DdInjectExpect *c = g_new0 (DdInjectExpect, 1);

  c->role = g_strdup (o->role);
  c->action = g_strdup (o->action);
  c->within = o->within;
  c->clause = g_strdup (o->clause);
  c->severity = o->severity;
  c->text = g_strdup (o->text);
  return c;
}

gpointer
dd_attachment_copy (gconstpointer src,
                 gpointer      unused)
{
  const DdAttachment *o = src;
  DdAttachment *c = g_new0 (DdAttachment, 1);

  c->file = g_strdup (o->file);
  c->label = g_strdup (o->label);
  return c;
}

static gpointer
comment_copy (gconstpointer src,
              gpointer      unused)
{
  const DdDraftComment *o = src;
  DdDraftComment *c = g_new0 (DdDraftComment, 1);

  c->anchor = g_strdup (o->anchor);
  c->text = g_strdup (o->text);
  return c;
}

static void
append_copies (GPtrArray *to,
               GPtrArray *from,
               GCopyFunc  copy)
{
  for (guint i = 0; from != NULL && i < from->len; i++)
    g_ptr_array_add (to, copy (g_ptr_array_index (from, i), NULL));
}

DdInject *
dd_inject_copy (const DdInject *inject)
{
  DdInject *c = dd_inject_new ();

  c->id = g_strdup (inject->id);
  c->index = inject->index;
  c->at = inject->at;
  c->from = g_strdup (inject->from);
  c->source = g_strdup (inject->source);
  g_strfreev (c->to);
  c->to = inject->to ? g_strdupv (inject->to) : g_new0 (char *, 1);
  c->channel = inject->channel;
  c->title = g_strdup (inject->title);
  c->content = g_strdup (inject->content);
  append_copies (c->attachments, inject->attachments, dd_attachment_copy);
  append_copies (c->conditions, inject->conditions, dd_inject_condition_copy);
  append_copies (c->expects, inject->expects, dd_inject_expect_copy);
  return c;
}

static gpointer
inject_copy_func (gconstpointer src,
                  gpointer      unused)
{
  return dd_inject_copy (src);
}

static void
incident_copy (DdIncident       *to,
               const DdIncident *from)
{
  to->category = g_strdup (from->category);
  to->subtype = g_strdup (from->subtype);
  to->severity = g_strdup (from->severity);
  to->unit = g_strdup (from->unit);
  to->unit_name = g_strdup (from->unit_name);
  to->system = g_strdup (from->system);
  to->location = g_strdup (from->location);
  to->description = g_strdup (from->description);
  to->began = from->began;
  to->has_level_clear = from->has_level_clear;
  to->level_clear = from->level_clear;
}

char **
dd_strv_from_words (const char *text)
{
  g_auto(GStrv) parts = g_strsplit_set (text ? text : "", " \t\n\r", -1);
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_ptr_array_add (out, g_strdup (parts[i]));
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

/* ------------------------------------------------------------------ */
/* Drafts                                                              */

DdScenarioDraft *
dd_scenario_draft_new (void)
{
  DdScenarioDraft *d = g_new0 (DdScenarioDraft, 1);

  d->compression = 1;
  d->participants = g_ptr_array_new_with_free_func (dd_participant_free);
  d->objectives = g_ptr_array_new_with_free_func (dd_objective_free);
  d->injects = g_ptr_array_new_with_free_func (dd_inject_free);
  d->comments = g_ptr_array_new_with_free_func (comment_free);
  return d;
}

void
dd_scenario_draft_free (DdScenarioDraft *d)
{
  if (d == NULL)
    return;
  g_free (d->id);
  g_free (d->plan_id);
  g_free (d->lang);
  g_free (d->title);
  g_free (d->summary);
  g_free (d->form_label);
  g_free (d->form_standard);
  g_free (d->start);
  dd_incident_clear (&d->incident);
  g_ptr_array_unref (d->participants);
  g_ptr_array_unref (d->objectives);
  g_ptr_array_unref (d->injects);
  g_ptr_array_unref (d->comments);
  g_free (d);
}

DdScenarioDraft *
dd_scenario_draft_copy (const DdScenarioDraft *src)
{
  DdScenarioDraft *d = dd_scenario_draft_new ();

  d->id = g_strdup (src->id);
  d->plan_id = g_strdup (src->plan_id);
  d->version = src->version;
  d->lang = g_strdup (src->lang);
  d->title = g_strdup (src->title);
  d->summary = g_strdup (src->summary);
  d->form = src->form;
  d->form_label = g_strdup (src->form_label);
  d->form_standard = g_strdup (src->form_standard);
  d->start = g_strdup (src->start);
  d->duration = src->duration;
  d->compression = src->compression;
  incident_copy (&d->incident, &src->incident);
  append_copies (d->participants, src->participants, dd_participant_copy);
  append_copies (d->objectives, src->objectives, dd_objective_copy);
  append_copies (d->injects, src->injects, inject_copy_func);
  append_copies (d->comments, src->comments, comment_copy);
  return d;
}

DdScenarioDraft *
dd_scenario_draft_from_scenario (DdScenario *scenario)
{
  DdScenarioDraft *d;

  g_return_val_if_fail (DD_IS_SCENARIO (scenario), NULL);

  d = dd_scenario_draft_new ();
  d->id = g_strdup (dd_scenario_get_id (scenario));
  d->plan_id = g_strdup (dd_scenario_get_plan_id (scenario));
  d->title = g_strdup (dd_scenario_get_title (scenario));
  d->summary = g_strdup (dd_scenario_get_summary (scenario));
  d->form = dd_scenario_get_form (scenario);
  d->form_label = g_strdup (dd_scenario_get_form_label (scenario));
  d->start = g_date_time_format (dd_scenario_get_start (scenario), "%Y-%m-%dT%H:%M:%S%:z");
  d->duration = dd_scenario_get_duration (scenario);
  d->compression = dd_scenario_get_compression (scenario);
  incident_copy (&d->incident, dd_scenario_get_incident (scenario));
  append_copies (d->participants, dd_scenario_get_participants (scenario), dd_participant_copy);
  append_copies (d->objectives, dd_scenario_get_objectives (scenario), dd_objective_copy);
  append_copies (d->injects, dd_scenario_get_injects (scenario), inject_copy_func);
  return d;
}

/* ------------------------------------------------------------------ */
/* Lenient reading                                                     */

static gint64
prop_offset (xmlNode    *node,
             const char *name)
{
  g_autofree char *text = dd_xml_prop (node, name);
  gint64 v = 0;

  return dd_offset_parse (text, &v) ? v : 0;
}

static char **
prop_list (xmlNode    *node,
           const char *name)
{
  g_autofree char *text = dd_xml_prop (node, name);

  return dd_strv_from_words (text);
}

/* The key comments are anchored to (see DdDraftComment). */
static char *
element_key (xmlNode *node)
{
  xmlNode *parent = node->parent;
  const char *name = (const char *) node->name;
  g_autofree char *parent_key = NULL;
  const char *attr = NULL;

  if (parent == NULL || parent->type != XML_ELEMENT_NODE)
    return g_strdup (name);
  if (parent->parent == NULL || parent->parent->type != XML_ELEMENT_NODE)
    {
      if (dd_xml_is (node, "role"))
        attr = "ref";
      else if (dd_xml_is (node, "objective") || dd_xml_is (node, "inject"))
        attr = "id";
      if (attr == NULL)
        return g_strdup (name);
    }
  if (attr != NULL)
    {
      g_autofree char *value = dd_xml_prop (node, attr);
      return g_strdup_printf ("%s:%s", name, value ? value : "");
    }
  parent_key = element_key (parent);
  return g_strdup_printf ("%s/%s", parent_key, name);
}

static void
collect_comments (DdScenarioDraft *d,
                  xmlNode         *first,
                  gboolean         top)
{
  for (xmlNode *n = first; n != NULL; n = n->next)
    {
      if (n->type == XML_COMMENT_NODE)
        {
          DdDraftComment *c = g_new0 (DdDraftComment, 1);
          xmlNode *next = n->next;

          while (next != NULL && next->type != XML_ELEMENT_NODE)
            next = next->next;
          if (top)
            c->anchor = g_strdup (next != NULL ? "prolog" : "epilog");
          else if (next != NULL)
            c->anchor = element_key (next);
          else
            {
              g_autofree char *key = element_key (n->parent);
              c->anchor = g_strdup_printf ("end:%s", key);
            }
          c->text = (char *) xmlNodeGetContent (n);
          g_ptr_array_add (d->comments, c);
        }
      else if (n->type == XML_ELEMENT_NODE)
        collect_comments (d, n->children, FALSE);
    }
}

static void
read_inject (DdScenarioDraft *d,
             xmlNode         *node)
{
  DdInject *inject = dd_inject_new ();
  g_autofree char *channel = dd_xml_prop (node, "channel");

  inject->index = d->injects->len;
  inject->id = dd_xml_prop (node, "id");
  inject->at = prop_offset (node, "at");
  inject->from = dd_xml_prop (node, "from");
  inject->source = dd_xml_prop (node, "source");
  g_strfreev (inject->to);
  inject->to = prop_list (node, "to");
  dd_channel_from_string (channel, &inject->channel);
  inject->title = dd_xml_prop (node, "title");
  inject->content = dd_xml_child_text (node, "content");

  DD_XML_FOREACH (child, node, "attachment")
    g_ptr_array_add (inject->attachments, dd_attachment_from_xml (child));
  DD_XML_FOREACH (child, node, "condition")
    g_ptr_array_add (inject->conditions, dd_inject_condition_from_xml (child));
  DD_XML_FOREACH (child, node, "expect")
    {
      DdInjectExpect *e = dd_inject_expect_from_xml (child);
      g_autofree char *severity = dd_xml_prop (child, "severity");

      e->within = prop_offset (child, "within");
      if (severity == NULL || !dd_finding_severity_from_string (severity, &e->severity))
        e->severity = DD_FINDING_SEVERITY_MINOR;
      g_ptr_array_add (inject->expects, e);
    }
  g_ptr_array_add (d->injects, inject);
}

DdScenarioDraft *
dd_scenario_draft_from_xml (xmlDoc *doc)
{
  DdScenarioDraft *d;
  xmlNode *root, *node;
  g_autofree char *version = NULL;
  g_autofree char *form = NULL;
  g_autofree char *compression = NULL;
  g_autofree char *level_clear = NULL;
  xmlChar *lang;

  g_return_val_if_fail (doc != NULL, NULL);

  d = dd_scenario_draft_new ();
  root = xmlDocGetRootElement (doc);
  if (root == NULL)
    return d;

  collect_comments (d, doc->children, TRUE);

  d->id = dd_xml_prop (root, "id");
  d->plan_id = dd_xml_prop (root, "plan");
  version = dd_xml_prop (root, "version");
  d->version = version ? (guint) g_ascii_strtoull (version, NULL, 10) : 0;
  lang = xmlNodeGetLang (root);
  d->lang = lang ? g_strdup ((const char *) lang) : NULL;
  xmlFree (lang);
  d->title = dd_xml_child_text (root, "title");
  d->summary = dd_xml_child_text (root, "summary");

  node = dd_xml_child (root, "form");
  form = dd_xml_prop (node, "id");
  dd_drill_form_from_string (form, &d->form);
  d->form_label = node ? dd_xml_text (node) : NULL;
  d->form_standard = dd_xml_prop (node, "standard");

  node = dd_xml_child (root, "clock");
  d->start = dd_xml_prop (node, "start");
  d->duration = prop_offset (node, "duration");
  compression = dd_xml_prop (node, "compression");
  d->compression = compression ? g_ascii_strtod (compression, NULL) : 1;

  DD_XML_FOREACH (child, dd_xml_child (root, "participants"), "role")
    g_ptr_array_add (d->participants, dd_participant_from_xml (child));
  DD_XML_FOREACH (child, dd_xml_child (root, "objectives"), "objective")
    {
      DdObjective *o = g_new0 (DdObjective, 1);

      o->id = dd_xml_prop (child, "id");
      o->clauses = prop_list (child, "clauses");
      o->text = dd_xml_text (child);
      g_ptr_array_add (d->objectives, o);
    }

  node = dd_xml_child (root, "incident");
  dd_incident_read_texts (&d->incident, node);
  d->incident.began = prop_offset (node, "began");
  level_clear = dd_xml_prop (node, "level-clear");
  d->incident.has_level_clear = level_clear != NULL;
  d->incident.level_clear = prop_offset (node, "level-clear");

  DD_XML_FOREACH (child, dd_xml_child (root, "msel"), "inject")
    read_inject (d, child);

  return d;
}

/* ------------------------------------------------------------------ */
/* Writing                                                             */

typedef struct {
  const DdScenarioDraft *draft;
  xmlTextWriter         *w;
  GHashTable            *emitted;   /* anchors whose comments are written */
} Out;

static void
comments_for (Out        *out,
              const char *anchor)
{
  if (!g_hash_table_add (out->emitted, g_strdup (anchor)))
    return;
  for (guint i = 0; i < out->draft->comments->len; i++)
    {
      const DdDraftComment *c = g_ptr_array_index (out->draft->comments, i);

      if (strcmp (c->anchor, anchor) == 0)
        xmlTextWriterWriteComment (out->w, (const xmlChar *) c->text);
    }
}

static void
start (Out        *out,
       const char *anchor,
       const char *name)
{
  comments_for (out, anchor);
  xmlTextWriterStartElement (out->w, (const xmlChar *) name);
}

static void
end (Out        *out,
     const char *anchor)
{
  g_autofree char *key = g_strdup_printf ("end:%s", anchor);

  comments_for (out, key);
  xmlTextWriterEndElement (out->w);
}

static void
attr (Out        *out,
      const char *name,
      const char *value)
{
  if (value != NULL)
    xmlTextWriterWriteAttribute (out->w, (const xmlChar *) name, (const xmlChar *) value);
}

static void
attr_offset (Out        *out,
             const char *name,
             gint64      value)
{
  g_autofree char *text = dd_offset_format (value);

  attr (out, name, text);
}

static void
attr_list (Out        *out,
           const char *name,
           char      **list)
{
  g_autofree char *text = list ? g_strjoinv (" ", list) : g_strdup ("");

  attr (out, name, text);
}

static void
text (Out        *out,
      const char *value)
{
  xmlTextWriterWriteString (out->w, (const xmlChar *) (value ? value : ""));
}

/* An element holding only text; @optional elements are left out when empty. */
static void
text_element (Out        *out,
              const char *anchor,
              const char *name,
              const char *value,
              gboolean    optional)
{
  if (optional && (value == NULL || *value == '\0'))
    return;
  comments_for (out, anchor);
  xmlTextWriterWriteElement (out->w, (const xmlChar *) name, (const xmlChar *) (value ? value : ""));
}

static char *
format_decimal (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *p;

  g_ascii_formatd (buf, sizeof buf, "%.6f", value);
  p = buf + strlen (buf) - 1;
  while (p > buf && *p == '0')
    *p-- = '\0';
  if (*p == '.')
    *p = '\0';
  return g_strdup (buf);
}

static void
write_inject (Out            *out,
              const DdInject *inject)
{
  g_autofree char *key = g_strdup_printf ("inject:%s", inject->id ? inject->id : "");
  g_autofree char *sub = NULL;

  start (out, key, "inject");
  attr (out, "id", inject->id);
  attr_offset (out, "at", inject->at);
  attr (out, "from", inject->from);
  attr (out, "source", inject->source);
  attr_list (out, "to", inject->to);
  attr (out, "channel", dd_channel_to_string (inject->channel));
  attr (out, "title", inject->title);

  sub = g_strdup_printf ("%s/content", key);
  text_element (out, sub, "content", inject->content, FALSE);
  g_free (sub);

  sub = g_strdup_printf ("%s/attachment", key);
  for (guint i = 0; i < inject->attachments->len; i++)
    {
      const DdAttachment *a = g_ptr_array_index (inject->attachments, i);

      start (out, sub, "attachment");
      attr (out, "file", a->file);
      attr (out, "label", a->label);
      xmlTextWriterEndElement (out->w);
    }
  g_free (sub);

  sub = g_strdup_printf ("%s/condition", key);
  for (guint i = 0; i < inject->conditions->len; i++)
    {
      const DdInjectCondition *c = g_ptr_array_index (inject->conditions, i);

      start (out, sub, "condition");
      attr (out, "type", dd_condition_type_to_string (c->type));
      attr (out, "action", c->action);
      attr (out, "role", c->role);
      if (dd_condition_type_is_release (c->type))
        attr (out, "approval", c->approval);
      if (dd_condition_type_is_release (c->type) && c->has_by)
        attr_offset (out, "by", c->by);
      xmlTextWriterEndElement (out->w);
    }
  g_free (sub);

  sub = g_strdup_printf ("%s/expect", key);
  for (guint i = 0; i < inject->expects->len; i++)
    {
      const DdInjectExpect *e = g_ptr_array_index (inject->expects, i);

      start (out, sub, "expect");
      attr (out, "role", e->role);
      attr (out, "action", e->action);
      attr_offset (out, "within", e->within);
      attr (out, "clause", e->clause);
      if (e->severity != DD_FINDING_SEVERITY_MINOR)
        attr (out, "severity", dd_finding_severity_to_string (e->severity));
      if (e->text != NULL && *e->text != '\0')
        text (out, e->text);
      xmlTextWriterEndElement (out->w);
    }
  end (out, key);
}

static void
write_document (Out *out)
{
  const DdScenarioDraft *d = out->draft;
  const DdIncident *inc = &d->incident;
  g_autofree char *compression = format_decimal (d->compression);

  comments_for (out, "prolog");
  xmlTextWriterStartElement (out->w, (const xmlChar *) "scenario");
  attr (out, "id", d->id ? d->id : "");
  attr (out, "plan", d->plan_id ? d->plan_id : "");
  if (d->version > 0)
    {
      g_autofree char *version = g_strdup_printf ("%u", d->version);
      attr (out, "version", version);
    }
  attr (out, "xml:lang", d->lang);

  text_element (out, "title", "title", d->title, FALSE);
  text_element (out, "summary", "summary", d->summary, TRUE);

  start (out, "form", "form");
  attr (out, "id", dd_drill_form_to_string (d->form));
  attr (out, "standard", d->form_standard);
  text (out, d->form_label);
  xmlTextWriterEndElement (out->w);

  start (out, "clock", "clock");
  attr (out, "start", d->start ? d->start : "");
  attr_offset (out, "duration", d->duration);
  attr (out, "compression", compression);
  xmlTextWriterEndElement (out->w);

  start (out, "participants", "participants");
  for (guint i = 0; i < d->participants->len; i++)
    {
      const DdParticipant *p = g_ptr_array_index (d->participants, i);
      g_autofree char *key = g_strdup_printf ("role:%s", p->role ? p->role : "");

      start (out, key, "role");
      attr (out, "ref", p->role ? p->role : "");
      attr (out, "player", p->player && *p->player ? p->player : NULL);
      xmlTextWriterEndElement (out->w);
    }
  end (out, "participants");

  start (out, "objectives", "objectives");
  for (guint i = 0; i < d->objectives->len; i++)
    {
      const DdObjective *o = g_ptr_array_index (d->objectives, i);
      g_autofree char *key = g_strdup_printf ("objective:%s", o->id ? o->id : "");

      start (out, key, "objective");
      attr (out, "id", o->id ? o->id : "");
      attr_list (out, "clauses", o->clauses);
      text (out, o->text);
      xmlTextWriterEndElement (out->w);
    }
  end (out, "objectives");

  start (out, "incident", "incident");
  attr (out, "category", inc->category ? inc->category : "");
  attr (out, "subtype", inc->subtype && *inc->subtype ? inc->subtype : NULL);
  attr (out, "severity", inc->severity ? inc->severity : "");
  attr (out, "unit", inc->unit ? inc->unit : "");
  attr_offset (out, "began", inc->began);
  if (inc->has_level_clear)
    attr_offset (out, "level-clear", inc->level_clear);
  text_element (out, "incident/unit-name", "unit-name", inc->unit_name, TRUE);
  text_element (out, "incident/system", "system", inc->system, FALSE);
  text_element (out, "incident/location", "location", inc->location, TRUE);
  text_element (out, "incident/description", "description", inc->description, TRUE);
  end (out, "incident");

  start (out, "msel", "msel");
  for (guint i = 0; i < d->injects->len; i++)
    write_inject (out, g_ptr_array_index (d->injects, i));
  end (out, "msel");

  end (out, "scenario");
  comments_for (out, "epilog");
}

char *
dd_scenario_draft_to_xml (const DdScenarioDraft *draft,
                          gsize                 *len_out)
{
  xmlBuffer *buf = xmlBufferCreate ();
  xmlTextWriter *w = xmlNewTextWriterMemory (buf, 0);
  Out out = { draft, w, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL) };
  GString *s;

  g_return_val_if_fail (draft != NULL, NULL);

  xmlTextWriterSetIndent (w, 1);
  xmlTextWriterSetIndentString (w, (const xmlChar *) "  ");
  xmlTextWriterStartDocument (w, "1.0", "UTF-8", NULL);
  write_document (&out);
  xmlTextWriterEndDocument (w);
  xmlFreeTextWriter (w);
  g_hash_table_unref (out.emitted);

  s = g_string_new_len ((const char *) xmlBufferContent (buf), xmlBufferLength (buf));
  xmlBufferFree (buf);
  if (s->len == 0 || s->str[s->len - 1] != '\n')
    g_string_append_c (s, '\n');
  if (len_out != NULL)
    *len_out = s->len;
  return g_string_free (s, FALSE);
}

/* ------------------------------------------------------------------ */
/* Atomic saving                                                       */

void
dd_scenario_writer_set_hook (DdSaveHook hook,
                             gpointer   user_data)
{
  save_hook = hook;
  save_hook_data = user_data;
}

static gboolean
step_allowed (DdSaveStep  step,
              const char *temp_path)
{
  if (save_hook != NULL && !save_hook (step, temp_path, save_hook_data))
    {
      errno = EIO;
      return FALSE;
    }
  return TRUE;
}

static gboolean
io_error (GError     **error,
          const char  *path,
          const char  *what,
          int          saved_errno)
{
  g_set_error (error, DD_ERROR, DD_ERROR_IO, "%s: %s: %s", path, what, g_strerror (saved_errno));
  return FALSE;
}

gboolean
dd_write_file_atomic (const char  *path,
                      const char  *data,
                      gsize        len,
                      GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *temp = NULL;
  GStatBuf st;
  mode_t mode = 0644;
  gsize done = 0;
  int fd, dfd, saved;

  g_return_val_if_fail (path != NULL, FALSE);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  temp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  if (g_stat (path, &st) == 0)
    mode = st.st_mode & 0777;

  fd = g_mkstemp_full (temp, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    return io_error (error, path, _("cannot create a temporary file"), errno);

  while (done < len)
    {
      ssize_t n;

      if (!step_allowed (DD_SAVE_STEP_WRITE, temp))
        goto fail;
      n = write (fd, data + done, MIN (len - done, (gsize) 1 << 20));
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          if (n == 0)
            errno = EIO;
          goto fail;
        }
      done += (gsize) n;
    }
  if (!step_allowed (DD_SAVE_STEP_SYNC, temp) || fchmod (fd, mode) != 0 || fsync (fd) != 0)
    goto fail;
  if (close (fd) != 0)
    {
      fd = -1;
      goto fail;
    }
  fd = -1;
  if (!step_allowed (DD_SAVE_STEP_RENAME, temp) || g_rename (temp, path) != 0)
    goto fail;

  dfd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd < 0 || fsync (dfd) != 0)
    {
      saved = errno;
      if (dfd >= 0)
        close (dfd);
      return io_error (error, dir, _("cannot sync the folder"), saved);
    }
  close (dfd);
  return TRUE;

fail:
  saved = errno;
  if (fd >= 0)
    close (fd);
  g_unlink (temp);
  return io_error (error, path, _("cannot save"), saved);
}

gboolean
dd_scenario_draft_save (const DdScenarioDraft *draft,
                        const char            *path,
                        GError               **error)
{
  g_autofree char *xml = NULL;
  gsize len = 0;

  g_return_val_if_fail (draft != NULL, FALSE);

  xml = dd_scenario_draft_to_xml (draft, &len);
  return dd_write_file_atomic (path, xml, len, error);
}

gboolean
dd_scenario_save (DdScenario  *scenario,
                  const char  *path,
                  GError     **error)
{
  g_autoptr(DdScenarioDraft) draft = NULL;

  g_return_val_if_fail (DD_IS_SCENARIO (scenario), FALSE);

  draft = dd_scenario_draft_from_scenario (scenario);
  return dd_scenario_draft_save (draft, path, error);
}
