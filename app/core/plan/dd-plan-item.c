/* dd-plan-item.c — one row of the plan browser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The plan's parts are plain structs; list models and GtkBuilder list item
 * factories need GObjects with properties.  A DdPlanItem copies the few
 * strings a row shows: a title, a subtitle, the clause it comes from, an
 * optional colour (warning levels), phone, and a list of detail lines
 * (criteria, duties, measures).
 */
#include "config.h"

#include "dd-plan-item.h"

#include <string.h>

struct _DdPlanItem
{
  GObject   parent_instance;

  char     *title;
  char     *subtitle;
  char     *clause;
  char     *colour;
  char     *phone;
  GStrv     details;
};

G_DEFINE_FINAL_TYPE (DdPlanItem, dd_plan_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_CLAUSE,
  PROP_COLOUR,
  PROP_PHONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* like g_set_str (), which is GLib 2.76 */
static gboolean
set_str (char       **ptr,
         const char  *value)
{
  if (g_strcmp0 (*ptr, value) == 0)
    return FALSE;
  g_free (*ptr);
  *ptr = g_strdup (value);
  return TRUE;
}

static void
dd_plan_item_finalize (GObject *object)
{
  DdPlanItem *self = (DdPlanItem *) object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->subtitle, g_free);
  g_clear_pointer (&self->clause, g_free);
  g_clear_pointer (&self->colour, g_free);
  g_clear_pointer (&self->phone, g_free);
  g_clear_pointer (&self->details, g_strfreev);

  G_OBJECT_CLASS (dd_plan_item_parent_class)->finalize (object);
}

static void
dd_plan_item_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  DdPlanItem *self = DD_PLAN_ITEM (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    case PROP_CLAUSE:
      g_value_set_string (value, self->clause);
      break;
    case PROP_COLOUR:
      g_value_set_string (value, self->colour);
      break;
    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_plan_item_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  DdPlanItem *self = DD_PLAN_ITEM (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      set_str (&self->title, g_value_get_string (value));
      break;
    case PROP_SUBTITLE:
      set_str (&self->subtitle, g_value_get_string (value));
      break;
    case PROP_CLAUSE:
      set_str (&self->clause, g_value_get_string (value));
      break;
    case PROP_COLOUR:
      dd_plan_item_set_colour (self, g_value_get_string (value));
      break;
    case PROP_PHONE:
      dd_plan_item_set_phone (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_plan_item_class_init (DdPlanItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dd_plan_item_finalize;
  object_class->get_property = dd_plan_item_get_property;
  object_class->set_property = dd_plan_item_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLAUSE] =
    g_param_spec_string ("clause", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLOUR] =
    g_param_spec_string ("colour", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PHONE] =
    g_param_spec_string ("phone", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dd_plan_item_init (DdPlanItem *self)
{
}

DdPlanItem *
dd_plan_item_new (const char *title,
                  const char *subtitle,
                  const char *clause)
{
  return g_object_new (DD_TYPE_PLAN_ITEM,
                       "title", title,
                       "subtitle", subtitle,
                       "clause", clause,
                       NULL);
}

const char *
dd_plan_item_get_title (DdPlanItem *self)
{
  g_return_val_if_fail (DD_IS_PLAN_ITEM (self), NULL);
  return self->title;
}

const char *
dd_plan_item_get_subtitle (DdPlanItem *self)
{
  g_return_val_if_fail (DD_IS_PLAN_ITEM (self), NULL);
  return self->subtitle;
}

const char *
dd_plan_item_get_clause (DdPlanItem *self)
{
  g_return_val_if_fail (DD_IS_PLAN_ITEM (self), NULL);
  return self->clause;
}

const char *
dd_plan_item_get_colour (DdPlanItem *self)
{
  g_return_val_if_fail (DD_IS_PLAN_ITEM (self), NULL);
  return self->colour;
}

void
dd_plan_item_set_colour (DdPlanItem *self,
                         const char *colour)
{
  g_return_if_fail (DD_IS_PLAN_ITEM (self));

  if (set_str (&self->colour, colour))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOUR]);
}

const char *
dd_plan_item_get_phone (DdPlanItem *self)
{
  g_return_val_if_fail (DD_IS_PLAN_ITEM (self), NULL);
  return self->phone;
}

void
dd_plan_item_set_phone (DdPlanItem *self,
                        const char *phone)
{
  g_return_if_fail (DD_IS_PLAN_ITEM (self));

  if (set_str (&self->phone, phone))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHONE]);
}

const char * const *
dd_plan_item_get_details (DdPlanItem *self)
{
  static const char * const empty[] = { NULL };

  g_return_val_if_fail (DD_IS_PLAN_ITEM (self), NULL);
  return self->details != NULL ? (const char * const *) self->details : empty;
}

void
dd_plan_item_set_details (DdPlanItem         *self,
                          const char * const *details)
{
  g_return_if_fail (DD_IS_PLAN_ITEM (self));

  g_clear_pointer (&self->details, g_strfreev);
  self->details = g_strdupv ((char **) details);
}

static gboolean
contains (const char *haystack,
          const char *needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, needle) != NULL;
}

/**
 * dd_plan_item_matches:
 * @needle: search text, already case-folded
 *
 * Returns: whether the title, subtitle, phone or a detail line holds @needle
 */
gboolean
dd_plan_item_matches (DdPlanItem *self,
                      const char *needle)
{
  g_return_val_if_fail (DD_IS_PLAN_ITEM (self), FALSE);

  if (needle == NULL || *needle == '\0')
    return TRUE;
  if (contains (self->title, needle) || contains (self->subtitle, needle) ||
      contains (self->phone, needle) || contains (self->clause, needle))
    return TRUE;
  for (guint i = 0; self->details != NULL && self->details[i] != NULL; i++)
    if (contains (self->details[i], needle))
      return TRUE;
  return FALSE;
}
