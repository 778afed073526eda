/* dd-console-util.c — small helpers the console's panels share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "dd-actions.h"
#include "dd-console-util.h"

const char *
dd_console_role_name (DdPlan     *plan,
                      const char *id)
{
  const DdRole *role = id != NULL ? dd_plan_lookup_role (plan, id) : NULL;

  return role != NULL ? role->name : id;
}

const char *
dd_console_rule_message (DdPlan     *plan,
                         DdScenario *scenario,
                         const char *rule_id)
{
  const DdRule *rule = dd_plan_lookup_rule (plan, rule_id);
  const DdInjectExpect *e;

  if (rule != NULL)
    return rule->message;
  e = scenario != NULL ? dd_scenario_lookup_expectation (scenario, rule_id) : NULL;
  return e != NULL ? e->text : NULL;
}

char *
dd_console_role_names (DdPlan      *plan,
                       char *const *ids)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      if (i > 0)
        /* Translators: separates names in a list */
        g_string_append (s, _(", "));
      g_string_append (s, dd_console_role_name (plan, ids[i]));
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

char *
dd_console_format_offset (gint64 seconds)
{
  g_autofree char *offset = dd_offset_format (seconds);

  return g_strdup_printf ("T%s%s", seconds < 0 ? "" : "+", offset);
}

const char *
dd_console_channel_icon (DdChannel channel)
{
  switch (channel)
    {
    case DD_CHANNEL_PHONE: return "call-start-symbolic";
    case DD_CHANNEL_FAX: return "printer-symbolic";
    case DD_CHANNEL_MONITORING_ALERT: return "utilities-system-monitor-symbolic";
    case DD_CHANNEL_EMAIL: return "mail-unread-symbolic";
    case DD_CHANNEL_NEWS: return "emblem-documents-symbolic";
    case DD_CHANNEL_WEIBO: return "system-users-symbolic";
    case DD_CHANNEL_FIELD_REPORT: return "find-location-symbolic";
    default: return "mail-unread-symbolic";
    }
}

const char *
dd_console_channel_name (DdChannel channel)
{
  return dd_channel_label (channel);
}

const char *
dd_console_severity_icon (DdFindingSeverity severity)
{
  switch (severity)
    {
    case DD_FINDING_SEVERITY_CRITICAL: return "dialog-error-symbolic";
    case DD_FINDING_SEVERITY_MAJOR: return "dialog-warning-symbolic";
    default: return "dialog-information-symbolic";
    }
}

const char *
dd_console_severity_name (DdFindingSeverity severity)
{
  switch (severity)
    {
    case DD_FINDING_SEVERITY_CRITICAL: return _("Critical");
    case DD_FINDING_SEVERITY_MAJOR: return _("Major");
    default: return _("Minor");
    }
}

/* Who a rule allows, in words */
static char *
rule_roles (DdPlan       *plan,
            const DdRule *rule)
{
  g_autofree char *roles = dd_console_role_names (plan, rule->roles);
  g_autoptr(GString) s = g_string_new (roles);

  for (guint i = 0; rule->role_kinds != NULL && rule->role_kinds[i] != NULL; i++)
    {
      DdRoleKind kind;
      g_autoptr(GPtrArray) of_kind = NULL;

      if (!dd_role_kind_from_string (rule->role_kinds[i], &kind))
        continue;
      of_kind = dd_plan_get_roles_of_kind (plan, kind);
      for (guint j = 0; j < of_kind->len; j++)
        {
          const DdRole *r = g_ptr_array_index (of_kind, j);

          if (s->len > 0)
            g_string_append (s, _(", "));
          g_string_append (s, r->short_name ? r->short_name : r->name);
        }
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

void
dd_console_append_rules (DdReplay   *replay,
                         GString    *s,
                         const char *kind,
                         const char *level)
{
  g_autoptr(GPtrArray) rules = dd_replay_rules_for (replay, kind, level);

  for (guint i = 0; i < rules->len; i++)
    {
      const DdRule *r = g_ptr_array_index (rules, i);
      /* Translators: a clause number and the plan's words */
      g_autofree char *quote = g_strdup_printf (_("§ %s “%s”"), r->clause, r->text);

      /* Rules of one clause (who may, in what order) quote the same words,
       * which @s may already quote (a response level's procedure): once */
      if (strstr (s->str, quote) == NULL)
        {
          g_string_append (s, quote);
          g_string_append_c (s, '\n');
        }
      if (r->kind == DD_RULE_KIND_AUTHORITY)
        {
          g_autofree char *who = rule_roles (dd_replay_get_plan (replay), r);

          if (*who != '\0')
            {
              g_string_append_printf (s, _("Who may do it: %s"), who);
              g_string_append_c (s, '\n');
            }
        }
    }
}

void
dd_console_remove_rows (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    {
      if (GTK_IS_LIST_BOX_ROW (child))
        gtk_list_box_remove (list, child);
      else
        break;
    }
}

guint
dd_console_count_rows (GtkListBox *list)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += GTK_IS_LIST_BOX_ROW (child);
  return n;
}

AdwToast *
dd_console_toast (GtkWidget  *widget,
                  const char *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  AdwToast *t;

  if (overlay == NULL)
    {
      g_message ("%s", title);
      return NULL;
    }
  t = adw_toast_new (title);
  adw_toast_set_timeout (t, 6);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), t);
  return t;
}
