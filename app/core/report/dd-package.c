/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dd-package.c — the printed exercise package (dd-package.h): what the
 * documents share, the situation manual, and writing them all
 *
 * Copyright 2024 The DrillDesk authors
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "dd-error.h"
#include "dd-package-private.h"
#include "dd-report-private.h"

static const char *const file_names[DD_PACKAGE_N_DOCUMENTS] = {
  [DD_PACKAGE_SITUATION_MANUAL] = "01-situation-manual.pdf",
  [DD_PACKAGE_INJECT_CARDS] = "02-inject-cards.pdf",
  [DD_PACKAGE_EVALUATOR_GUIDE] = "03-evaluator-guide.pdf",
  [DD_PACKAGE_FEEDBACK_FORM] = "04-feedback-form.pdf",
  [DD_PACKAGE_SIGN_IN_SHEET] = "05-sign-in-sheet.pdf",
};

/* ------------------------------------------------------------------ */
/* Shared                                                              */

static char *
page_label_cb (guint    page,
               guint    n_pages,
               gpointer user_data)
{
  return g_strdup_printf (_("Page %u of %u"), page, n_pages);
}

DdDoc *
dd_package_doc_new (DdPackage  *pkg,
                    const char *title,
                    const char *audience)
{
  DdDoc *doc = dd_doc_new ();
  const DdPlanIdentity *id = dd_plan_get_identity (pkg->plan);
  const DdRole *organiser = dd_report_organiser_role (pkg->plan);
  g_autofree char *header = g_strdup_printf ("%s · %s", dd_scenario_get_title (pkg->scenario), title);
  g_autofree char *t = dd_report_esc (dd_scenario_get_title (pkg->scenario));
  g_autofree char *d = dd_report_esc (title);
  g_autofree char *line = NULL;

  dd_doc_set_header_text (doc, header);
  dd_doc_set_page_label_func (doc, page_label_cb, NULL);
  dd_doc_outline_mark (doc, 1, title);
  dd_doc_paragraph_aligned (doc, DD_DOC_STYLE_SUBTITLE, DD_DOC_ALIGN_CENTER, t);
  dd_doc_paragraph (doc, DD_DOC_STYLE_TITLE, d);
  line = g_strdup_printf ("%s%s%s%s%s",
                          organiser != NULL ? organiser->name : "", organiser != NULL ? " · " : "",
                          id->title != NULL ? id->title : "", audience != NULL ? " · " : "",
                          audience != NULL ? audience : "");
  {
    g_autofree char *m = dd_report_esc (line);

    dd_doc_paragraph_aligned (doc, DD_DOC_STYLE_CAPTION, DD_DOC_ALIGN_CENTER, m);
  }
  dd_doc_space (doc, 10.0);
  return doc;
}

void
dd_package_cell (DdDocTable *t,
                 const char *text,
                 guint       colspan,
                 gboolean    label)
{
  g_autofree char *m = dd_report_esc (text);

  dd_doc_table_cell_full (t, m, colspan, label ? DD_DOC_STYLE_CELL_HEAD : DD_DOC_STYLE_CELL,
                          DD_DOC_ALIGN_LEFT, label ? DD_PACKAGE_FILL_LABEL : DD_PACKAGE_FILL_NONE);
}

void
dd_package_blank_line (DdDoc      *doc,
                       const char *label)
{
  g_autofree char *l = dd_report_esc (label);
  g_autofree char *m = g_strdup_printf ("%s<span underline=\"single\">%*s</span>", l, 60, "");

  dd_doc_paragraph (doc, DD_DOC_STYLE_PLAIN, m);
}

char *
dd_package_time (DdPackage *pkg,
                 gint64     offset)
{
  g_autoptr(GDateTime) t = dd_scenario_offset_to_datetime (pkg->scenario, offset);
  g_autofree char *o = dd_offset_format (offset);
  g_autofree char *clock = g_date_time_format (t, "%H:%M");

  return g_strdup_printf (offset < 0 ? "T%s (%s)" : "T+%s (%s)", o, clock);
}

const char *
dd_package_role_name (DdPackage  *pkg,
                      const char *role_id)
{
  return dd_report_role_name (pkg->plan, role_id);
}

char *
dd_package_recipients (DdPackage      *pkg,
                       const DdInject *inject)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; inject->to != NULL && inject->to[i] != NULL; i++)
    /* Translators: between the names of the units a message goes to */
    g_string_append_printf (s, "%s%s", i > 0 ? _(", ") : "", dd_package_role_name (pkg, inject->to[i]));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

const char *
dd_package_sender (DdPackage      *pkg,
                   const DdInject *inject)
{
  return inject->source != NULL ? inject->source : dd_package_role_name (pkg, inject->from);
}

/* ------------------------------------------------------------------ */
/* The situation manual (participants)                                 */

/* The plan's title for @clause, or for the nearest clause above it. */
static const char *
clause_title (DdPlan     *plan,
              const char *clause)
{
  g_autofree char *c = g_strdup (clause);

  while (c != NULL && *c != '\0')
    {
      const DdProvision *p = dd_plan_lookup_provision_by_clause (plan, c);
      char *cut;

      if (p != NULL && p->title != NULL)
        return p->title;
      cut = strrchr (c, '(');
      if (cut == NULL)
        cut = strrchr (c, '.');
      if (cut == NULL)
        break;
      *cut = '\0';
    }
  return NULL;
}

/* What participants are told of a clause: its section, two numbers deep
 * ("4.2.1.2" → "4.2"), for the clause of a level's response tells the level. */
static char *
clause_section (const char *clause)
{
  const char *dot = strchr (clause, '.');

  if (dot != NULL)
    dot = strpbrk (dot + 1, ".(");
  return dot != NULL ? g_strndup (clause, dot - clause) : g_strdup (clause);
}

static int
clause_cmp (gconstpointer a,
            gconstpointer b)
{
  const char *ca = *(const char *const *) a, *cb = *(const char *const *) b;

  /* number by number: 4.2 before 4.10 */
  while (*ca != '\0' && *cb != '\0')
    {
      if (g_ascii_isdigit (*ca) && g_ascii_isdigit (*cb))
        {
          char *ea, *eb;
          guint64 na = g_ascii_strtoull (ca, &ea, 10), nb = g_ascii_strtoull (cb, &eb, 10);

          if (na != nb)
            return na < nb ? -1 : 1;
          ca = ea;
          cb = eb;
          continue;
        }
      if (*ca != *cb)
        return *ca < *cb ? -1 : 1;
      ca++;
      cb++;
    }
  return (*ca != '\0') - (*cb != '\0');
}

static void
build_manual (DdPackage *pkg,
              DdDoc     *doc)
{
  DdScenario *s = pkg->scenario;
  const DdPlanIdentity *id = dd_plan_get_identity (pkg->plan);
  GPtrArray *objectives = dd_scenario_get_objectives (s);
  GPtrArray *participants = dd_scenario_get_participants (s);
  GPtrArray *injects = dd_scenario_get_injects (s);
  g_autoptr(GPtrArray) clauses = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 first = G_MAXINT64;
  double compression = dd_scenario_get_compression (s);
  gint64 wall = (gint64) (dd_scenario_get_duration (s) / compression);
  DdDocTable *t;

  /* 1 Purpose */
  dd_doc_heading (doc, 1, _("1 Purpose"));
  {
    g_autofree char *text = g_strdup_printf (_("This %s tests, on a simulated incident, how the units taking part "
                                               "carry out the plan “%s” (%s): who reports what to whom and by when, "
                                               "who assesses and decides, and how the response is run, released "
                                               "and closed. It is a rehearsal, not a test of people: what goes "
                                               "wrong here is what the plan and the units learn from."),
                                             dd_scenario_get_form_label (s), id->title,
                                             id->doc_number != NULL ? id->doc_number : id->id);
    g_autofree char *m = dd_report_esc (text);

    dd_doc_paragraph (doc, DD_DOC_STYLE_BODY, m);
  }

  /* 2 Scope */
  dd_doc_heading (doc, 1, _("2 Scope"));
  {
    double widths[] = { 1.0, 3.0 };
    g_autofree char *start = g_date_time_format (dd_scenario_get_start (s), "%Y-%m-%d %H:%M");
    g_autofree char *length = dd_offset_format (dd_scenario_get_duration (s));
    g_autofree char *wall_text = dd_offset_format (wall);
    g_autofree char *pace = g_strdup_printf (_("%g simulated minutes to one real minute: %s of simulated time in "
                                               "about %s"), compression, length, wall_text);

    t = dd_doc_table (doc, 2, widths);
    dd_doc_table_end_header (t);
    dd_doc_table_row (t);
    dd_package_cell (t, _("Form"), 1, TRUE);
    dd_package_cell (t, dd_scenario_get_form_label (s), 1, FALSE);
    dd_doc_table_row (t);
    dd_package_cell (t, _("Simulated start (T+0)"), 1, TRUE);
    dd_package_cell (t, start, 1, FALSE);
    dd_doc_table_row (t);
    dd_package_cell (t, _("Pace"), 1, TRUE);
    dd_package_cell (t, pace, 1, FALSE);
    dd_doc_table_row (t);
    dd_package_cell (t, _("Area"), 1, TRUE);
    dd_package_cell (t, id->region, 1, FALSE);
  }
  dd_doc_paragraph (doc, DD_DOC_STYLE_H2, _("Who takes part"));
  {
    double widths[] = { 0.4, 2.0, 2.6 };

    t = dd_doc_table (doc, 3, widths);
    dd_doc_table_row (t);
    dd_package_cell (t, _("No."), 1, TRUE);
    dd_package_cell (t, _("Role in the plan"), 1, TRUE);
    dd_package_cell (t, _("Played by"), 1, TRUE);
    dd_doc_table_end_header (t);
    for (guint i = 0; i < participants->len; i++)
      {
        const DdParticipant *p = g_ptr_array_index (participants, i);
        g_autofree char *n = g_strdup_printf ("%u", i + 1);

        dd_doc_table_row (t);
        dd_package_cell (t, n, 1, FALSE);
        dd_package_cell (t, dd_package_role_name (pkg, p->role), 1, FALSE);
        dd_package_cell (t, p->player != NULL ? p->player : "", 1, FALSE);
      }
  }

  /* 3 Objectives */
  dd_doc_heading (doc, 1, _("3 Objectives"));
  for (guint i = 0; i < objectives->len; i++)
    {
      const DdObjective *o = g_ptr_array_index (objectives, i);
      g_autoptr(GString) cl = g_string_new (NULL);
      g_autoptr(GHashTable) own = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autofree char *text = NULL, *m = NULL;

      for (guint k = 0; o->clauses != NULL && o->clauses[k] != NULL; k++)
        {
          char *section = clause_section (o->clauses[k]);

          if (!g_hash_table_add (own, section))
            continue;
          g_string_append_printf (cl, "%s%s", cl->len ? " " : "", section);
          if (!g_hash_table_contains (seen, section))
            {
              char *copy = g_strdup (section);

              g_ptr_array_add (clauses, copy);
              g_hash_table_add (seen, copy);
            }
        }
      text = g_strdup_printf (_("%u. %s (clauses %s)"), i + 1, o->text, cl->str);
      m = dd_report_esc (text);
      dd_doc_paragraph (doc, DD_DOC_STYLE_BODY, m);
    }

  /* 4 The opening situation: what the first unconditional injects say */
  dd_doc_heading (doc, 1, _("4 The Opening Situation"));
  for (guint i = 0; i < injects->len; i++)
    {
      const DdInject *inject = g_ptr_array_index (injects, i);

      if (inject->conditions->len == 0)
        first = MIN (first, inject->at);
    }
  {
    g_autofree char *start = g_date_time_format (dd_scenario_get_start (s), "%Y-%m-%d %H:%M");
    g_autofree char *text = g_strdup_printf (_("The exercise begins at %s (simulated time). This is what the room "
                                               "knows then; everything else comes in as messages during the exercise."),
                                             start);
    g_autofree char *m = dd_report_esc (text);

    dd_doc_paragraph (doc, DD_DOC_STYLE_BODY, m);
  }
  for (guint i = 0; i < injects->len; i++)
    {
      const DdInject *inject = g_ptr_array_index (injects, i);
      g_autofree char *when = NULL, *to = NULL, *head = NULL, *m = NULL, *c = NULL;

      if (inject->conditions->len != 0 || inject->at != first)
        continue;
      when = dd_package_time (pkg, inject->at);
      to = dd_package_recipients (pkg, inject);
      head = g_strdup_printf (_("%s · %s → %s · %s"), when, dd_package_sender (pkg, inject), to,
                              dd_channel_label (inject->channel));
      m = dd_report_esc (inject->title != NULL ? inject->title : head);
      dd_doc_paragraph (doc, DD_DOC_STYLE_H2, m);
      g_free (m);
      m = dd_report_esc (head);
      dd_doc_paragraph (doc, DD_DOC_STYLE_SMALL, m);
      c = dd_report_esc (inject->content);
      dd_doc_paragraph (doc, DD_DOC_STYLE_QUOTE, c);
    }

  /* 5 The plan's clauses in play */
  dd_doc_heading (doc, 1, _("5 The Plan’s Clauses in Play"));
  {
    g_autofree char *text = g_strdup_printf (_("Bring the plan (%s). The objectives exercise these clauses:"),
                                             id->doc_number != NULL ? id->doc_number : id->title);
    g_autofree char *m = dd_report_esc (text);
    double widths[] = { 1.0, 3.0 };

    dd_doc_paragraph (doc, DD_DOC_STYLE_BODY, m);
    g_ptr_array_sort (clauses, clause_cmp);
    t = dd_doc_table (doc, 2, widths);
    dd_doc_table_row (t);
    dd_package_cell (t, _("Clause"), 1, TRUE);
    dd_package_cell (t, _("Subject"), 1, TRUE);
    dd_doc_table_end_header (t);
    for (guint i = 0; i < clauses->len; i++)
      {
        const char *title = clause_title (pkg->plan, g_ptr_array_index (clauses, i));

        dd_doc_table_row (t);
        dd_package_cell (t, g_ptr_array_index (clauses, i), 1, FALSE);
        dd_package_cell (t, title != NULL ? title : "", 1, FALSE);
      }
  }

  /* 6 Rules of play */
  dd_doc_heading (doc, 1, _("6 Rules of Play"));
  {
    g_autofree char *pace = g_strdup_printf (_("The simulated clock runs %g times as fast as real time. The "
                                               "controllers may pause it or move it on; their word on the time "
                                               "stands."), compression);
    const char *rules[] = {
      _("This is an exercise. No real system is touched and no real message leaves the room; begin and end "
        "every call, fax or message with “exercise”."),
      _("Act as your unit would under the plan, within your unit’s duties. What you need to know comes in as "
        "messages from the controllers: do not look for it elsewhere, and do not assume what you have not been told."),
      _("Record every report, proposal, decision and release at the console when you make it. What is not "
        "recorded was not done."),
      pace,
      _("Evaluators watch and take notes; they do not answer questions about the scenario. Ask the controllers."),
      _("If a real emergency happens, a controller stops the exercise with the words “real emergency”; "
        "everyone returns to their real duties."),
    };

    for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
      {
        g_autofree char *text = g_strdup_printf ("%u. %s", i + 1, rules[i]);
        g_autofree char *m = dd_report_esc (text);

        dd_doc_paragraph (doc, DD_DOC_STYLE_BODY, m);
      }
  }

  /* 7 Schedule (real time, from the start of the exercise) */
  dd_doc_heading (doc, 1, _("7 Schedule"));
  {
    double widths[] = { 1.0, 3.0 };
    g_autoptr(GDateTime) end_sim = dd_scenario_offset_to_datetime (s, dd_scenario_get_duration (s));
    g_autofree char *start = g_date_time_format (dd_scenario_get_start (s), "%H:%M");
    g_autofree char *end = g_date_time_format (end_sim, "%m-%d %H:%M");
    g_autofree char *w = dd_offset_format (wall);
    g_autofree char *w30 = dd_offset_format (wall + 30 * 60);
    g_autofree char *w0 = g_strdup_printf ("+%s", w);
    g_autofree char *w1 = g_strdup_printf ("+%s", w30);
    g_autofree char *begins = g_strdup_printf (_("The exercise begins (simulated time %s)"), start);
    g_autofree char *ends = g_strdup_printf (_("The exercise ends (simulated time %s)"), end);
    const char *rows[][2] = {
      { "-0:30", _("Arrival and sign-in") },
      { "-0:15", _("Briefing: this manual, the rules of play, questions") },
      { "0:00", begins },
      { w0, ends },
      { w1, _("Hot wash: what went well, what to improve; feedback forms handed in") },
    };

    dd_doc_paragraph (doc, DD_DOC_STYLE_BODY, _("Real time, from the start of the exercise:"));
    t = dd_doc_table (doc, 2, widths);
    dd_doc_table_row (t);
    dd_package_cell (t, _("When"), 1, TRUE);
    dd_package_cell (t, _("What"), 1, TRUE);
    dd_doc_table_end_header (t);
    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      {
        dd_doc_table_row (t);
        dd_package_cell (t, rows[i][0], 1, FALSE);
        dd_package_cell (t, rows[i][1], 1, FALSE);
      }
  }
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */

const char *
dd_package_file_name (DdPackageDocument document)
{
  g_return_val_if_fail (document < DD_PACKAGE_N_DOCUMENTS, NULL);
  return file_names[document];
}

gboolean
dd_package_for_participants (DdPackageDocument document)
{
  return document == DD_PACKAGE_SITUATION_MANUAL || document == DD_PACKAGE_FEEDBACK_FORM ||
         document == DD_PACKAGE_SIGN_IN_SHEET;
}

GPtrArray *
dd_package_write (DdPlan      *plan,
                  DdScenario  *scenario,
                  const char  *dir,
                  GError     **error)
{
  DdPackage pkg = { plan, scenario };
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  const DdPlanIdentity *id;

  g_return_val_if_fail (DD_IS_PLAN (plan), NULL);
  g_return_val_if_fail (DD_IS_SCENARIO (scenario), NULL);
  g_return_val_if_fail (dir != NULL, NULL);

  id = dd_plan_get_identity (plan);
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", dir, g_strerror (saved));
      return NULL;
    }

  for (DdPackageDocument d = 0; d < DD_PACKAGE_N_DOCUMENTS; d++)
    {
      const char *titles[DD_PACKAGE_N_DOCUMENTS] = {
        [DD_PACKAGE_SITUATION_MANUAL] = _("Situation Manual"),
        [DD_PACKAGE_INJECT_CARDS] = _("Inject Cards"),
        [DD_PACKAGE_EVALUATOR_GUIDE] = _("Evaluator Guide"),
        [DD_PACKAGE_FEEDBACK_FORM] = _("Participant Feedback Form"),
        [DD_PACKAGE_SIGN_IN_SHEET] = _("Sign-in Sheet"),
      };
      const char *audiences[DD_PACKAGE_N_DOCUMENTS] = {
        [DD_PACKAGE_SITUATION_MANUAL] = _("for participants"),
        [DD_PACKAGE_INJECT_CARDS] = _("for controllers only"),
        [DD_PACKAGE_EVALUATOR_GUIDE] = _("for evaluators only"),
        [DD_PACKAGE_FEEDBACK_FORM] = _("for participants"),
        [DD_PACKAGE_SIGN_IN_SHEET] = NULL,
      };
      DdDoc *doc = dd_package_doc_new (&pkg, titles[d], audiences[d]);
      char *path = g_build_filename (dir, file_names[d], NULL);
      g_autofree char *subject = g_strdup_printf ("%s · %s", dd_scenario_get_title (scenario), titles[d]);
      gboolean ok;

      switch (d)
        {
        case DD_PACKAGE_SITUATION_MANUAL: build_manual (&pkg, doc); break;
        case DD_PACKAGE_INJECT_CARDS: dd_package_build_cards (&pkg, doc); break;
        case DD_PACKAGE_EVALUATOR_GUIDE: dd_package_build_guide (&pkg, doc); break;
        case DD_PACKAGE_FEEDBACK_FORM: dd_package_build_feedback (&pkg, doc); break;
        case DD_PACKAGE_SIGN_IN_SHEET: dd_package_build_sign_in (&pkg, doc); break;
        case DD_PACKAGE_N_DOCUMENTS:
        default: g_assert_not_reached ();
        }
      g_ptr_array_add (paths, path);
      dd_doc_paginate (doc);
      ok = dd_doc_write_pdf (doc, path, titles[d], id->issuer, subject, dd_scenario_get_id (scenario), NULL, error);
      dd_doc_free (doc);
      if (!ok)
        return NULL;
    }
  return g_steal_pointer (&paths);
}
