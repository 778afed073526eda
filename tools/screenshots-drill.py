#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""screenshots-drill.py — screenshots of a drill in progress (tools/screenshots.sh)

  screenshots-drill.py DRILLDESK DRILLDESK_CLI SOURCE_ROOT OUTDIR SUFFIX

Drives the application through the accessibility bus (as the end-to-end
test does) through a short drill played by the plan: the setup page, the
report form 8.3 filled in, the decision dialog on the response level, the
console mid-drill (report filed, level decided, findings listed, a note),
the presenter window and the review page, each captured with ImageMagick's
import as OUTDIR/<screen>-SUFFIX.png.  Every step waits for the
journal to hold what it recorded, so a step that did not take stops the
script instead of giving a wrong picture.  Run inside dbus-run-session with
the AT-SPI bus and an X display; the language comes from the environment,
the window size from DD_WINDOW_SIZE (WIDTHxHEIGHT).
"""
import importlib.util
import os
import subprocess
import sys
import time

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
import screenshots_x11 as x11  # noqa: E402

spec = importlib.util.spec_from_file_location(
    'e2e', os.path.join(here, '..', 'tests', 'e2e', 'test-drill-e2e.py'))
e2e = importlib.util.module_from_spec(spec)
spec.loader.exec_module(e2e)

REPORT = {
    'reporting-unit': '市大数据局',
    'incident-unit': '市大数据局（市政务云平台）',
    'start-time': '2025-06-17 07:55',
    'filler': '王晓东',
    'reviewer': '李建国',
    'description': '市政务云平台遭勒索病毒攻击，多台虚拟机文件被加密，社保等系统中断，初判为重大事件。',
    'measures': '已断开运维跳板机，隔离政务云与政务外网互联边界。',
    'consequences': '全市社保、不动产登记等窗口业务中断。',
}


def dismiss_toasts(app):
    """Closes every toast, one after the other (they queue)."""
    for _ in range(20):
        try:   # windows come and go (the presenter closes with the drill)
            toast = next((n for w in app if w is not None
                          for n in e2e.walk(w) if n.name == 'AdwToastWidget'), None)
            buttons = [n for n in e2e.walk(toast) if n.getRoleName() == 'push button'] if toast else []
        except Exception:
            continue
        if not buttons:
            return
        e2e.click(buttons[-1])
        time.sleep(0.6)


def shot(outdir, name, suffix, settle=1.5, app=None, window=None):
    """The screen, or only @window (an X window id)."""
    time.sleep(settle)   # let animations and fonts settle
    if app is not None:
        dismiss_toasts(app)
        time.sleep(0.5)
    path = os.path.join(outdir, '%s-%s.png' % (name, suffix))
    subprocess.run(['import', '-window', 'root' if window is None else str(window), path], check=True)
    print(path)


def recorded(d, n):
    e2e.wait_for('%d actions in the journal' % n, lambda: d.journal_actions() == n)


def fill_report(d):
    form = d.widget('form', d.tr('Incident report form'))
    for field_id, value in REPORT.items():
        label = d.fields[field_id]['label']
        box = e2e.wait_for('field ' + label,
                           lambda: e2e.find(form, 'text', label) or e2e.find(form, 'entry', label))
        e2e.set_text(box, value)
    for name in (d.categories['harmful-program'], d.severities['major'],
                 d.hazards['system-paralysis'], d.roles['office'], d.roles['city-gov']):
        e2e.click(e2e.wait_for('box ' + name, lambda: e2e.find(form, 'push button', name)
                               or e2e.find(form, 'toggle button', name)))


def main():
    drilldesk, cli, source_root, outdir, suffix = sys.argv[1:6]
    os.environ['DD_KEEP_LANGUAGE'] = '1'
    d = e2e.Drill(drilldesk, cli, source_root)
    try:
        e2e.wait_for('the setup page', lambda: e2e.find(d.window, 'label', prefix='市政务云平台遭勒索病毒攻击'))
        shot(outdir, 'setup', suffix)
        e2e.click(d.button(d.tr('Start drill')))
        e2e.wait_for('the journal', d.journal)

        # The alert: the operations centre detects, the big data bureau reports
        e2e.click(d.widget('push button', d.tr('Jump to next inject')))
        d.act('bigdata', 'detect', '运维中心值班员核实告警，确认为勒索病毒加密事件。')
        d.record()
        recorded(d, 1)
        d.act('bigdata', 'report')
        fill_report(d)
        shot(outdir, 'report', suffix, app=d.app)
        d.record()
        recorded(d, 2)

        # Assessment and the response level, with the plan's rule shown
        e2e.click(d.widget('push button', d.tr('Jump to next inject')))
        d.act('office', 'assess', '办公室会同技术支撑队伍研判，定为重大事件。')
        d.record()
        recorded(d, 3)
        d.act('office', 'propose-response', '建议启动Ⅰ级响应。')
        d.record()
        # No window manager: put the dialog where one would, over the window
        width, height = map(int, os.environ.get('DD_WINDOW_SIZE', '1366x768').split('x'))
        dialog = e2e.wait_for('the dialog window', lambda: [w for w in x11.toplevels() if w[1] < width][0])
        x11.centre_over(dialog[0], dialog[1], dialog[2], width, height)
        x11.pointer_to(width - 1, height - 1)
        shot(outdir, 'decision', suffix, settle=2, app=d.app)
        d.confirm_decision()
        recorded(d, 4)
        d.act('commander', 'decide-response', '同意启动Ⅰ级响应。')
        d.record()
        d.confirm_decision()
        recorded(d, 5)

        # Later injects arrive; an evaluator writes a note
        for _ in range(2):
            e2e.click(d.widget('push button', d.tr('Jump to next inject')))
            time.sleep(0.3)
        note = e2e.wait_for('the note entry', lambda: e2e.find(d.window, 'text', d.tr('Observation'))
                            or e2e.find(d.window, 'entry', d.tr('Observation')))
        e2e.set_text(note, '办公室研判及时，响应级别建议依据充分。')
        e2e.click(d.widget('push button', d.tr('Add note')))
        d.act('commander', 'approve-release', '同意发布情况通报。')
        shot(outdir, 'console', suffix, settle=2, app=d.app)

        # The presenter window alone, as the projector shows it (no window
        # manager here to make it full-screen over the main window)
        before = {w[0] for w in x11.toplevels()}
        e2e.click(d.widget('push button', d.tr('Presenter window')))
        presenter = e2e.wait_for('the presenter window',
                                 lambda: next((w for w in x11.toplevels() if w[0] not in before), None))
        shot(outdir, 'presenter', suffix, settle=2.5, app=d.app, window=presenter[0])
        e2e.click(d.widget('push button', d.tr('End drill')))
        d.dialog_response('End Drill')
        e2e.wait_for('the review', lambda: e2e.find(d.window, 'label', description=d.tr('Overall score')))
        shot(outdir, 'review', suffix, settle=3, app=d.app)
    finally:
        d.close()


if __name__ == '__main__':
    main()
