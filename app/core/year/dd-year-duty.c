/* dd-year-duty.c — the plan's drill duty (§6.7) checked for a year
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "dd-year-duty.h"

void
dd_duty_verdict_free (DdDutyVerdict *v)
{
  if (v == NULL)
    return;
  g_free (v->from); g_free (v->deadline); g_free (v->clause); g_free (v->summary);
  g_ptr_array_unref (v->reasons); g_ptr_array_unref (v->notes); g_ptr_array_unref (v->counting);
  g_free (v);
}

const char *
dd_year_role_name (DdPlan     *plan,
                   const char *id)
{
  const DdRole *role = id != NULL ? dd_plan_lookup_role (plan, id) : NULL;

  if (role == NULL)
    return id;
  return role->short_name != NULL ? role->short_name : role->name;
}

static const char *
kind_name (DdPlan     *plan,
           const char *kind)
{
  DdRoleKind k;
  const char *label = NULL;

  if (dd_role_kind_from_string (kind, &k))
    label = dd_plan_get_role_kind_label (plan, k);
  return label != NULL ? label : kind;
}

static gboolean
has_kind (const DdYearDrill *d,
          const char        *kind)
{
  for (guint i = 0; d->taking_part_kinds != NULL && d->taking_part_kinds[i] != NULL; i++)
    if (g_strcmp0 (d->taking_part_kinds[i], kind) == 0)
      return TRUE;
  return FALSE;
}

/* The terms @d misses, in words (empty: it counts).  Only finished drills
 * (not training sessions) are asked about the other terms. */
typedef struct {
  gboolean finished, organiser, severity;
  guint    kinds_missing;      /* bit i: participant kind i */
} Terms;

static Terms
check_terms (const DdPlanIdentity *id,
             const DdSeverity     *min,
             const DdYearDrill    *d)
{
  Terms t = { 0 };

  t.finished = g_strcmp0 (d->state, "finished") == 0 && !d->training;
  t.organiser = id->drill_organiser == NULL || g_strcmp0 (d->organiser, id->drill_organiser) == 0;
  t.severity = min == NULL || (d->severity_rank != 0 && d->severity_rank <= min->rank);
  for (guint i = 0; id->drill_participant_kinds[i] != NULL && i < 32; i++)
    if (!has_kind (d, id->drill_participant_kinds[i]))
      t.kinds_missing |= 1u << i;
  return t;
}

static gboolean
terms_met (Terms t)
{
  return t.finished && t.organiser && t.severity && t.kinds_missing == 0;
}

static char *
note_for (DdPlan               *plan,
          const DdPlanIdentity *id,
          const DdSeverity     *min,
          const DdYearDrill    *d,
          Terms                 t)
{
  g_autoptr(GString) why = g_string_new (NULL);

  if (g_strcmp0 (d->state, "finished") != 0)
    g_string_append (why, g_strcmp0 (d->state, "damaged") == 0 ? _("its journal is damaged")
                                                                 : _("interrupted, not finished"));
  else if (d->training)
    g_string_append (why, _("a training session, not a drill"));
  else
    {
      if (!t.organiser)
        {
          if (d->organiser != NULL)
            g_string_append_printf (why, _("organised by %s, not by %s"),
                                    dd_year_role_name (plan, d->organiser),
                                    dd_year_role_name (plan, id->drill_organiser));
          else
            g_string_append_printf (why, _("not organised by %s"), dd_year_role_name (plan, id->drill_organiser));
        }
      for (guint i = 0; id->drill_participant_kinds[i] != NULL && i < 32; i++)
        if (t.kinds_missing & (1u << i))
          {
            if (why->len)
              g_string_append (why, _("; "));
            g_string_append_printf (why, _("no %s took part"), kind_name (plan, id->drill_participant_kinds[i]));
          }
      if (!t.severity)
        {
          if (why->len)
            g_string_append (why, _("; "));
          g_string_append_printf (why, _("simulated a %s incident, below %s"),
                                  d->severity_name != NULL ? d->severity_name : "?", min->name);
        }
    }
  /* Translators: a drill's date, its title, and why it does not count */
  return g_strdup_printf (_("%s %s: %s."), d->date != NULL ? d->date : "?", d->title != NULL ? d->title : d->id, why->str);
}

/* The duty in the plan's words: "at least 1 drill every 12 months,
 * organised by 市指挥部办公室, with 成员单位 and 技术支撑队伍, simulating a
 * 重大 incident or worse (§ 6.7)". */
static char *
duty_summary (DdPlan               *plan,
              const DdPlanIdentity *id,
              const DdSeverity     *min)
{
  g_autoptr(GString) s = g_string_new (NULL);

  g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "at least %u drill every %u months",
                                          "at least %u drills every %u months", id->drill_min_count),
                          id->drill_min_count, id->drill_interval_months);
  if (id->drill_organiser != NULL)
    g_string_append_printf (s, _(", organised by %s"), dd_year_role_name (plan, id->drill_organiser));
  for (guint i = 0; id->drill_participant_kinds[i] != NULL; i++)
    g_string_append_printf (s, i == 0 ? _(", with %s") : _(" and %s"),
                            kind_name (plan, id->drill_participant_kinds[i]));
  if (min != NULL)
    g_string_append_printf (s, _(", simulating a %s incident or worse"), min->name);
  if (id->drill_clause != NULL)
    g_string_append_printf (s, _(" (§ %s)"), id->drill_clause);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

DdDutyVerdict *
dd_year_duty_check (DdPlan     *plan,
                    GPtrArray  *drills,
                    int         year,
                    const char *today)
{
  const DdPlanIdentity *id;
  const DdSeverity *min;
  DdDutyVerdict *v;
  guint held = 0, finished = 0, organised = 0, severe = 0, kinds_seen = 0, n_kinds;
  g_autoptr(GDate) from = g_date_new_dmy (1, G_DATE_JANUARY, (GDateYear) year);
  g_autoptr(GDate) to = g_date_new_dmy (31, G_DATE_DECEMBER, (GDateYear) year);
  char buf[16];

  g_return_val_if_fail (DD_IS_PLAN (plan), NULL);
  g_return_val_if_fail (drills != NULL, NULL);
  g_return_val_if_fail (year > 0 && year < 10000, NULL);

  id = dd_plan_get_identity (plan);
  min = id->drill_min_severity != NULL ? dd_plan_lookup_severity (plan, id->drill_min_severity) : NULL;
  n_kinds = g_strv_length (id->drill_participant_kinds);

  v = g_new0 (DdDutyVerdict, 1);
  v->year = year;
  v->reasons = g_ptr_array_new_with_free_func (g_free);
  v->notes = g_ptr_array_new_with_free_func (g_free);
  v->counting = g_ptr_array_new_with_free_func (g_free);
  v->clause = g_strdup (id->drill_clause);
  v->summary = duty_summary (plan, id, min);
  if (id->drill_interval_months <= 12)
    v->needed = (id->drill_min_count * 12 + id->drill_interval_months - 1) / id->drill_interval_months;
  else
    {
      v->needed = id->drill_min_count;
      g_date_set_dmy (from, 1, G_DATE_JANUARY, (GDateYear) year);
      g_date_add_months (from, 12);
      g_date_subtract_months (from, id->drill_interval_months);
    }
  g_date_strftime (buf, sizeof buf, "%Y-%m-%d", from);
  v->from = g_strdup (buf);
  g_date_strftime (buf, sizeof buf, "%Y-%m-%d", to);
  v->deadline = g_strdup (buf);

  for (guint i = 0; i < drills->len; i++)
    {
      const DdYearDrill *d = g_ptr_array_index (drills, i);
      Terms t;

      if (d->date == NULL || strcmp (d->date, v->from) < 0 || strcmp (d->date, v->deadline) > 0)
        continue;
      held++;
      t = check_terms (id, min, d);
      if (terms_met (t))
        {
          v->counted++;
          g_ptr_array_add (v->counting, g_strdup (d->id));
          continue;
        }
      g_ptr_array_add (v->notes, note_for (plan, id, min, d, t));
      if (!t.finished)
        continue;
      finished++;
      organised += t.organiser;
      severe += t.severity;
      for (guint k = 0; k < n_kinds && k < 32; k++)
        if (!(t.kinds_missing & (1u << k)))
          kinds_seen |= 1u << k;
    }
  finished += v->counted;
  v->met = v->counted >= v->needed;
  v->overdue = !v->met && today != NULL && strcmp (today, v->deadline) > 0;
  if (v->met)
    return v;

  if (held == 0)
    g_ptr_array_add (v->reasons, g_strdup_printf (_("No drill was held between %s and %s."), v->from, v->deadline));
  else if (finished == 0)
    g_ptr_array_add (v->reasons, g_strdup (_("No drill of the period was finished: an interrupted drill or a training session does not count.")));
  else if (v->counted == 0)
    {
      if (organised == 0 && id->drill_organiser != NULL)
        g_ptr_array_add (v->reasons, g_strdup_printf (_("No finished drill was organised by %s."),
                                                      dd_year_role_name (plan, id->drill_organiser)));
      for (guint k = 0; k < n_kinds && k < 32; k++)
        if (!(kinds_seen & (1u << k)))
          g_ptr_array_add (v->reasons, g_strdup_printf (_("No %s took part in a finished drill."),
                                                        kind_name (plan, id->drill_participant_kinds[k])));
      if (severe == 0 && min != NULL)
        g_ptr_array_add (v->reasons, g_strdup_printf (_("No finished drill simulated a %s incident or worse."), min->name));
    }
  g_ptr_array_add (v->reasons,
                   g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of the %u drill the plan asks for was held as it says.",
                                                 "%u of the %u drills the plan asks for were held as it says.", v->needed),
                                    v->counted, v->needed));
  return v;
}
