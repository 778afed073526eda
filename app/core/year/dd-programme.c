/* dd-programme.c — the year's drill programme: loading, writing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dd-error.h"
#include "dd-programme.h"
#include "dd-xml.h"

#define SCHEMA "programme.rng"

static const char *const status_names[] = { "planned", "held", "postponed", "cancelled" };

const char *
dd_programme_status_to_string (DdProgrammeStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (status_names), NULL);
  return status_names[status];
}

gboolean
dd_programme_status_from_string (const char        *str,
                                 DdProgrammeStatus *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    if (g_strcmp0 (str, status_names[i]) == 0)
      {
        if (out != NULL)
          *out = (DdProgrammeStatus) i;
        return TRUE;
      }
  return FALSE;
}

const char *
dd_programme_status_label (DdProgrammeStatus status)
{
  switch (status)
    {
    case DD_PROGRAMME_PLANNED: return _("Planned");
    case DD_PROGRAMME_HELD: return _("Held");
    case DD_PROGRAMME_POSTPONED: return _("Postponed");
    case DD_PROGRAMME_CANCELLED: return _("Cancelled");
    default: g_return_val_if_reached (NULL);
    }
}

const char *
dd_drill_form_label (DdDrillForm form)
{
  switch (form)
    {
    case DD_DRILL_FORM_TABLETOP: return _("Tabletop exercise");
    case DD_DRILL_FORM_FUNCTIONAL: return _("Functional exercise");
    case DD_DRILL_FORM_FULL_SCALE: return _("Full-scale exercise");
    default: g_return_val_if_reached (NULL);
    }
}

DdProgrammeUnit *
dd_programme_unit_new (const char *role,
                       const char *name)
{
  DdProgrammeUnit *unit = g_new0 (DdProgrammeUnit, 1);

  unit->role = g_strdup (role);
  unit->name = role == NULL ? g_strdup (name) : NULL;
  return unit;
}

void
dd_programme_unit_free (DdProgrammeUnit *unit)
{
  if (unit == NULL)
    return;
  g_free (unit->role);
  g_free (unit->name);
  g_free (unit);
}

DdProgrammeDrill *
dd_programme_drill_new (const char *id,
                        const char *name)
{
  DdProgrammeDrill *d = g_new0 (DdProgrammeDrill, 1);

  d->id = g_strdup (id);
  d->name = g_strdup (name);
  d->objectives = g_ptr_array_new_with_free_func (g_free);
  d->participants = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_programme_unit_free);
  d->month = 1;
  return d;
}

void
dd_programme_drill_free (DdProgrammeDrill *d)
{
  if (d == NULL)
    return;
  g_free (d->id); g_free (d->name); g_free (d->scenario); g_free (d->reason); g_free (d->held);
  g_ptr_array_unref (d->objectives);
  g_ptr_array_unref (d->participants);
  dd_programme_unit_free (d->organiser);
  g_free (d);
}

DdProgramme *
dd_programme_new (int         year,
                  const char *plan,
                  const char *title)
{
  DdProgramme *p = g_new0 (DdProgramme, 1);

  p->year = year;
  p->plan = g_strdup (plan);
  p->title = g_strdup (title);
  p->drills = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_programme_drill_free);
  return p;
}

void
dd_programme_free (DdProgramme *p)
{
  if (p == NULL)
    return;
  g_free (p->plan);
  g_free (p->title);
  g_ptr_array_unref (p->drills);
  g_free (p);
}

char *
dd_programme_path (const char *store_dir,
                   int         year)
{
  g_autofree char *name = g_strdup_printf ("programme-%04d.xml", year);

  return g_build_filename (store_dir, name, NULL);
}

/* ------------------------------------------------------------------ */
/* Loading                                                             */

static DdProgrammeUnit *
read_unit (xmlNode *n)
{
  g_autofree char *role = dd_xml_prop (n, "role");
  g_autofree char *name = role == NULL ? dd_xml_text (n) : NULL;

  return dd_programme_unit_new (role, name);
}

/* The schema has checked the structure; what is left are the ids. */
static DdProgramme *
read_programme (xmlDoc  *doc,
                GError **error)
{
  xmlNode *root = xmlDocGetRootElement (doc);
  g_autofree char *year = dd_xml_prop (root, "year");
  g_autofree char *title = dd_xml_child_text (root, "title");
  g_autofree char *plan = dd_xml_prop (root, "plan");
  g_autoptr(DdProgramme) p = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 y = g_ascii_strtoll (year, NULL, 10);

  if (y < 1 || y > 9999)
    {
      dd_xml_node_error (error, root, _("the year \"%s\" is out of range"), year);
      return NULL;
    }
  p = dd_programme_new ((int) y, plan, title);
  DD_XML_FOREACH (n, root, "drill")
    {
      DdProgrammeDrill *d;
      g_autofree char *id = dd_xml_prop (n, "id");
      g_autofree char *name = dd_xml_child_text (n, "name");
      g_autofree char *form = dd_xml_prop (n, "form");
      g_autofree char *status = dd_xml_prop (n, "status");
      g_autofree char *month = dd_xml_prop (n, "month");

      if (g_hash_table_contains (ids, id))
        {
          dd_xml_node_error (error, n, _("a second drill with the id \"%s\""), id);
          return NULL;
        }
      g_hash_table_add (ids, g_strdup (id));
      d = dd_programme_drill_new (id, name);
      g_ptr_array_add (p->drills, d);
      dd_drill_form_from_string (form, &d->form);
      dd_programme_status_from_string (status, &d->status);
      d->month = (guint) g_ascii_strtoull (month, NULL, 10);
      d->reason = dd_xml_prop (n, "reason");
      d->held = dd_xml_prop (n, "held");
      d->scenario = dd_xml_child_text (n, "scenario");
      DD_XML_FOREACH (o, n, "objective")
        g_ptr_array_add (d->objectives, dd_xml_text (o));
      d->organiser = read_unit (dd_xml_child (n, "organiser"));
      DD_XML_FOREACH (u, n, "participant")
        g_ptr_array_add (d->participants, read_unit (u));
    }
  return g_steal_pointer (&p);
}

DdProgramme *
dd_programme_load_file (const char  *path,
                        GError     **error)
{
  g_autoptr(xmlDoc) doc = dd_xml_load_file (path, SCHEMA, error);

  return doc != NULL ? read_programme (doc, error) : NULL;
}

DdProgramme *
dd_programme_load_data (const char  *display_name,
                        const char  *data,
                        gsize        len,
                        GError     **error)
{
  g_autoptr(xmlDoc) doc = dd_xml_load_data (display_name, data, len, SCHEMA, error);

  return doc != NULL ? read_programme (doc, error) : NULL;
}

/* ------------------------------------------------------------------ */
/* Writing                                                             */

static void
append_element (GString    *out,
                const char *indent,
                const char *name,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append_printf (out, "%s<%s>%s</%s>\n", indent, name, escaped, name);
}

static void
append_unit (GString               *out,
             const char            *name,
             const DdProgrammeUnit *unit)
{
  if (unit->role != NULL)
    {
      g_autofree char *role = g_markup_escape_text (unit->role, -1);

      g_string_append_printf (out, "    <%s role=\"%s\"/>\n", name, role);
    }
  else
    append_element (out, "    ", name, unit->name != NULL ? unit->name : "");
}

char *
dd_programme_to_xml (DdProgramme *p)
{
  GString *out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

  g_return_val_if_fail (p != NULL, NULL);

  g_string_append_printf (out, "<programme year=\"%04d\"", p->year);
  if (p->plan != NULL)
    {
      g_autofree char *plan = g_markup_escape_text (p->plan, -1);

      g_string_append_printf (out, " plan=\"%s\"", plan);
    }
  g_string_append (out, " xml:lang=\"zh-CN\">\n");
  append_element (out, "  ", "title", p->title != NULL ? p->title : "");
  for (guint i = 0; i < p->drills->len; i++)
    {
      const DdProgrammeDrill *d = g_ptr_array_index (p->drills, i);
      g_autofree char *id = g_markup_escape_text (d->id, -1);

      g_string_append_printf (out, "  <drill id=\"%s\" form=\"%s\" month=\"%u\" status=\"%s\"", id,
                              dd_drill_form_to_string (d->form), d->month,
                              dd_programme_status_to_string (d->status));
      if (d->reason != NULL &&
          (d->status == DD_PROGRAMME_POSTPONED || d->status == DD_PROGRAMME_CANCELLED))
        {
          g_autofree char *reason = g_markup_escape_text (d->reason, -1);

          g_string_append_printf (out, " reason=\"%s\"", reason);
        }
      if (d->held != NULL)
        {
          g_autofree char *held = g_markup_escape_text (d->held, -1);

          g_string_append_printf (out, " held=\"%s\"", held);
        }
      g_string_append (out, ">\n");
      append_element (out, "    ", "name", d->name != NULL ? d->name : "");
      if (d->scenario != NULL)
        append_element (out, "    ", "scenario", d->scenario);
      for (guint j = 0; j < d->objectives->len; j++)
        append_element (out, "    ", "objective", g_ptr_array_index (d->objectives, j));
      if (d->organiser != NULL)
        append_unit (out, "organiser", d->organiser);
      for (guint j = 0; j < d->participants->len; j++)
        append_unit (out, "participant", g_ptr_array_index (d->participants, j));
      g_string_append (out, "  </drill>\n");
    }
  g_string_append (out, "</programme>\n");
  return g_string_free (out, FALSE);
}

gboolean
dd_programme_save (DdProgramme  *p,
                   const char   *path,
                   GError      **error)
{
  g_autofree char *xml = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(DdProgramme) check = NULL;

  g_return_val_if_fail (p != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  xml = dd_programme_to_xml (p);
  /* What is written must load again: a programme the schema refuses
   * (a postponed drill without a reason, no organiser) is not saved. */
  check = dd_programme_load_data (path, xml, strlen (xml), error);
  if (check == NULL)
    return FALSE;
  if (!g_file_set_contents_full (path, xml, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0644, &local))
    {
      g_set_error (error, DD_ERROR, DD_ERROR_IO, "%s", local->message);
      return FALSE;
    }
  return TRUE;
}
