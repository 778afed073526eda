/* gen-scenario.c — large valid scenarios, action scripts and journals for the benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "dd-error.h"
#include "dd-drill.h"
#include "dd-journal.h"
#include "gen-scenario.h"

/* Injects in real scenarios carry a few hundred characters of content; the
 * copies keep up to this many so that 100 000 injects stay under the
 * loader's size cap (DD_XML_MAX_BYTES). */
#define CONTENT_CHARS 80

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (out, escaped);
}

static void
append_attr (GString    *out,
             const char *name,
             const char *value)
{
  if (value == NULL)
    return;
  g_string_append_printf (out, " %s=\"", name);
  append_escaped (out, value);
  g_string_append_c (out, '"');
}

static void
append_offset_attr (GString    *out,
                    const char *name,
                    gint64      offset)
{
  g_autofree char *text = dd_offset_format (offset);

  append_attr (out, name, text);
}

static void
append_inject (GString        *out,
               const DdInject *inject,
               guint           n,
               gint64          at)
{
  g_autofree char *id = g_strdup_printf ("%s-%u", inject->id, n);
  g_autofree char *to = g_strjoinv (" ", inject->to);
  g_autofree char *content = g_utf8_substring (inject->content, 0,
                                               MIN (CONTENT_CHARS, g_utf8_strlen (inject->content, -1)));

  g_string_append (out, "    <inject");
  append_attr (out, "id", id);
  append_offset_attr (out, "at", at);
  append_attr (out, "from", inject->from);
  append_attr (out, "source", inject->source);
  append_attr (out, "to", to);
  append_attr (out, "channel", dd_channel_to_string (inject->channel));
  append_attr (out, "title", inject->title);
  g_string_append (out, ">\n      <content>");
  append_escaped (out, content);
  g_string_append (out, "</content>\n");
  for (guint i = 0; i < inject->attachments->len; i++)
    {
      const DdAttachment *a = g_ptr_array_index (inject->attachments, i);

      g_string_append (out, "      <attachment");
      append_attr (out, "file", a->file);
      append_attr (out, "label", a->label);
      g_string_append (out, "/>\n");
    }
  for (guint i = 0; i < inject->conditions->len; i++)
    {
      const DdInjectCondition *c = g_ptr_array_index (inject->conditions, i);

      g_string_append (out, "      <condition");
      append_attr (out, "type", c->type == DD_CONDITION_AFTER ? "after" : "absent");
      append_attr (out, "action", c->action);
      append_attr (out, "role", c->role);
      g_string_append (out, "/>\n");
    }
  for (guint i = 0; i < inject->expects->len; i++)
    {
      const DdInjectExpect *e = g_ptr_array_index (inject->expects, i);

      g_string_append (out, "      <expect");
      append_attr (out, "role", e->role);
      append_attr (out, "action", e->action);
      append_offset_attr (out, "within", e->within);
      append_attr (out, "clause", e->clause);
      append_attr (out, "severity", dd_finding_severity_to_string (e->severity));
      g_string_append_c (out, '>');
      if (e->text != NULL)
        append_escaped (out, e->text);
      g_string_append (out, "</expect>\n");
    }
  g_string_append (out, "    </inject>\n");
}

static gboolean
copy_attachments (DdScenario  *base,
                  const char  *out_dir,
                  GError     **error)
{
  GPtrArray *injects = dd_scenario_get_injects (base);

  for (guint i = 0; i < injects->len; i++)
    {
      const DdInject *inject = g_ptr_array_index (injects, i);

      for (guint j = 0; j < inject->attachments->len; j++)
        {
          const DdAttachment *a = g_ptr_array_index (inject->attachments, j);
          g_autofree char *from = dd_scenario_get_attachment_path (base, a);
          g_autofree char *to = g_build_filename (out_dir, a->file, NULL);
          g_autofree char *dir = g_path_get_dirname (to);
          g_autofree char *data = NULL;
          gsize len = 0;

          if (from == NULL)
            continue;
          if (g_mkdir_with_parents (dir, 0700) != 0)
            {
              g_set_error (error, DD_ERROR, DD_ERROR_IO, "%s: %s", dir, g_strerror (errno));
              return FALSE;
            }
          if (!g_file_get_contents (from, &data, &len, error) ||
              !g_file_set_contents (to, data, len, error))
            return FALSE;
        }
    }
  return TRUE;
}

gboolean
dd_bench_gen_scenario (DdScenario  *base,
                       const char  *base_path,
                       guint        n_injects,
                       const char  *out_path,
                       GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *out_dir = g_path_get_dirname (out_path);
  g_autoptr(GString) out = NULL;
  GPtrArray *injects = dd_scenario_get_injects (base);
  gint64 duration = MAX (dd_scenario_get_duration (base), 60);
  const char *open, *close;

  if (!g_file_get_contents (base_path, &text, NULL, error))
    return FALSE;
  open = strstr (text, "<msel>");
  close = strstr (text, "</msel>");
  if (open == NULL || close == NULL || injects->len == 0)
    {
      g_set_error (error, DD_ERROR, DD_ERROR_INVALID, "%s: no <msel> with injects", base_path);
      return FALSE;
    }

  out = g_string_sized_new ((gsize) n_injects * 640 + 8192);
  g_string_append_len (out, text, open - text);
  g_string_append (out, "<msel>\n");
  for (guint i = 0; i < n_injects; i++)
    append_inject (out, g_ptr_array_index (injects, i % injects->len), i,
                   (gint64) ((double) i * duration / n_injects));
  g_string_append (out, "  ");
  g_string_append (out, close);

  return copy_attachments (base, out_dir, error) &&
         g_file_set_contents (out_path, out->str, out->len, error);
}

GPtrArray *
dd_bench_gen_actions (DdActionScript *ideal,
                      guint           n,
                      gint64          span)
{
  GPtrArray *source = dd_action_script_get_actions (ideal);
  GPtrArray *actions = g_ptr_array_new_full (n, (GDestroyNotify) dd_action_free);

  g_return_val_if_fail (source->len > 0, actions);

  for (guint i = 0; i < n; i++)
    {
      DdAction *action = dd_action_copy (g_ptr_array_index (source, i % source->len));

      action->at = (gint64) ((double) i * span / n);
      g_ptr_array_add (actions, action);
    }
  return actions;
}

gboolean
dd_bench_write_actions (DdScenario  *scenario,
                        GPtrArray   *actions,
                        const char  *out_path,
                        GError     **error)
{
  g_autoptr(GString) out = g_string_sized_new (actions->len * 400 + 1024);

  g_string_append (out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<actions");
  append_attr (out, "scenario", dd_scenario_get_id (scenario));
  append_attr (out, "plan", dd_scenario_get_plan_id (scenario));
  g_string_append_printf (out, ">\n  <title>benchmark: %u actions</title>\n", actions->len);
  for (guint i = 0; i < actions->len; i++)
    {
      const DdAction *a = g_ptr_array_index (actions, i);
      g_autofree char *to = g_strjoinv (" ", a->to);

      g_string_append (out, "  <action");
      append_offset_attr (out, "at", a->at);
      append_attr (out, "role", a->role);
      append_attr (out, "kind", a->kind);
      append_attr (out, "report-type", a->report_type);
      append_attr (out, "to", a->to[0] ? to : NULL);
      append_attr (out, "level", a->level);
      g_string_append (out, ">\n");
      for (guint j = 0; a->field_ids[j] != NULL; j++)
        {
          g_string_append (out, "    <field");
          append_attr (out, "id", a->field_ids[j]);
          g_string_append_c (out, '>');
          append_escaped (out, a->field_values[j]);
          g_string_append (out, "</field>\n");
        }
      if (a->text != NULL)
        {
          g_string_append (out, "    <text>");
          append_escaped (out, a->text);
          g_string_append (out, "</text>\n");
        }
      g_string_append (out, "  </action>\n");
    }
  g_string_append (out, "</actions>\n");
  return g_file_set_contents (out_path, out->str, out->len, error);
}

/* The benchmark journals are scratch files: skip the per-record sync. */
static int
no_sync (int fd)
{
  return 0;
}

static int
plain_open (const char *path,
            int         flags,
            mode_t      mode)
{
  return open (path, flags, mode);
}

static int
compare_deliveries (gconstpointer a,
                    gconstpointer b)
{
  const DdInjectDelivery *x = *(DdInjectDelivery **) a;
  const DdInjectDelivery *y = *(DdInjectDelivery **) b;

  return (x->time > y->time) - (x->time < y->time);
}

gboolean
dd_bench_write_journal (DdPlan      *plan,
                        DdScenario  *scenario,
                        GPtrArray   *actions,
                        const char  *out_path,
                        GError     **error)
{
  const DdJournalIo io = { plain_open, write, no_sync, no_sync, ftruncate, close };
  g_autoptr(JsonObject) header = dd_drill_journal_header (plan, scenario);
  g_autoptr(JsonObject) end = json_object_new ();
  g_autoptr(DdJournal) journal = NULL;
  g_autoptr(GPtrArray) deliveries = NULL;
  gint64 last = actions->len ? ((DdAction *) g_ptr_array_index (actions, actions->len - 1))->at : 0;
  gboolean ok = FALSE;
  guint d = 0;

  last = MAX (last, dd_scenario_get_duration (scenario));
  deliveries = dd_scenario_deliveries (scenario, actions, last);
  g_ptr_array_sort (deliveries, compare_deliveries);

  dd_journal_set_io_for_testing (&io);
  journal = dd_journal_create (out_path, header, error);
  if (journal == NULL)
    goto out;
  for (guint i = 0; i <= actions->len; i++)
    {
      const DdAction *action = i < actions->len ? g_ptr_array_index (actions, i) : NULL;

      /* Injects delivered up to this action come first, as in a drill. */
      for (; d < deliveries->len; d++)
        {
          const DdInjectDelivery *delivery = g_ptr_array_index (deliveries, d);
          g_autoptr(JsonObject) body = NULL;

          if (action != NULL && delivery->time > action->at)
            break;
          body = json_object_new ();
          json_object_set_string_member (body, "id", delivery->inject->id);
          json_object_set_int_member (body, "at", delivery->time);
          if (!dd_journal_append (journal, "inject", body, error))
            goto out;
        }
      if (action != NULL)
        {
          g_autoptr(JsonObject) body = dd_action_to_json (action);

          if (!dd_journal_append (journal, "action", body, error))
            goto out;
        }
    }
  json_object_set_int_member (end, "at", last);
  ok = dd_journal_finish (journal, end, error);

out:
  dd_journal_set_io_for_testing (NULL);
  return ok;
}
