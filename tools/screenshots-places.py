#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""screenshots-places.py — screenshots of the places around a drill (tools/screenshots.sh)

  screenshots-places.py DRILLDESK DRILLDESK_CLI SOURCE_ROOT OUTDIR SUFFIX DATA_HOME

With DATA_HOME holding a few drills (tools/screenshots.sh plays them with
drilldesk-cli: finished ones and an unfinished one), takes the start page
(resumable drill, recent drills), the Records place and the comparison of
two drills of one scenario, the charts 8.1 and 8.2, the plan browser
(overview, organisation, duty phones), the scenario editor's two pages and
the year's drill programme,
each as OUTDIR/<screen>-SUFFIX.png.  Driven over the accessibility bus like
screenshots-drill.py; the language comes from the environment, the window
size from DD_WINDOW_SIZE.
"""
import importlib.util
import os
import subprocess
import sys
import time

here = os.path.dirname(os.path.abspath(__file__))
# The drill's screenshots bring the X helpers and the end-to-end driver
spec = importlib.util.spec_from_file_location('drill', os.path.join(here, 'screenshots-drill.py'))
drill = importlib.util.module_from_spec(spec)
spec.loader.exec_module(drill)
x11, e2e = drill.x11, drill.e2e


def shot(outdir, name, suffix, settle=1.5, window=None, app=None):
    time.sleep(settle)
    if app is not None:
        drill.dismiss_toasts(app)
    path = os.path.join(outdir, '%s-%s.png' % (name, suffix))
    subprocess.run(['import', '-window', hex(window) if window else 'root', path], check=True)
    print(path)


def place(d, name):
    e2e.click(e2e.wait_for('the place ' + name,
                           lambda: e2e.find(d.window, 'page tab', d.translation.pgettext('place', name))))


def main():
    drilldesk, cli, source_root, outdir, suffix, data_home = sys.argv[1:7]
    os.environ['DD_KEEP_LANGUAGE'] = '1'
    width, height = map(int, os.environ.get('DD_WINDOW_SIZE', '1366x768').split('x'))

    def start(args):
        return e2e.Drill(drilldesk, cli, source_root, args=args, data_home=data_home)

    d = start([])
    try:
        e2e.wait_for('the unfinished drill', lambda: e2e.find(d.window, 'list', d.tr('Unfinished Drills'))
                     or e2e.find(d.window, 'list item'))
        x11.pointer_to(width - 1, height - 1)
        shot(outdir, 'start', suffix, settle=2)

        place(d, 'Records')
        shot(outdir, 'records', suffix, settle=2.5)
        # The two drills of the ransomware scenario (third and fifth rows):
        # click the first, move the focus with Ctrl+Down, add with Ctrl+Space
        x11.raise_and_focus(x11.toplevels()[0][0])
        x11.click_at(300, 226)
        x11.chord(x11.CONTROL, 0xff54)
        x11.chord(x11.CONTROL, 0xff54)
        x11.chord(x11.CONTROL, x11.SPACE)
        x11.pointer_to(width - 1, height - 1)
        e2e.click(d.button(d.tr('Compare the two selected drills')))
        shot(outdir, 'compare', suffix, settle=2)

        place(d, 'Charts')
        shot(outdir, 'chart-org', suffix, settle=3)
        e2e.click(e2e.wait_for('the chart 8.2', lambda: e2e.find(d.window, 'page tab', d.tr('Workflow (8.2)'))))
        shot(outdir, 'chart-flow', suffix, settle=3)

        # The scenario editor, in its own window
        menu = e2e.find(d.window, 'push button', d.tr('Main menu'))
        e2e.click([c for c in menu if c is not None and c.getRoleName() == 'push button'][0])
        e2e.click(e2e.wait_for('New Scenario…', lambda: e2e.find(d.app, 'menu item', d.tr('New Scenario…'))))
        editor = e2e.wait_for('the editor', lambda: [w for w in d.app if w is not None and w.name != d.window.name][0])
        window = e2e.wait_for('the editor window', lambda: [w for w in x11.toplevels() if w[1] < width][0][0])
        x11.raise_and_focus(window)
        shot(outdir, 'editor-scenario', suffix, settle=2, window=window)
        e2e.click(e2e.wait_for('the events list', lambda: e2e.find(editor, 'page tab', d.tr('Events List'))))
        shot(outdir, 'editor-events', suffix, settle=1.5, window=window)
    finally:
        d.close()

    # The year's drill programme (§6.7), in its own window from the Records place
    d = start([])
    try:
        place(d, 'Records')
        e2e.click(d.button(d.tr("Open the year's drill programme")))
        e2e.wait_for('the programme', lambda: e2e.find(d.app, 'frame', d.tr('Drill Programme')))
        window = e2e.wait_for('the programme window', lambda: [w for w in x11.toplevels() if w[1] < width][0][0])
        x11.raise_and_focus(window)
        x11.pointer_to(width - 1, height - 1)
        shot(outdir, 'programme', suffix, settle=3, window=window)
    finally:
        d.close()

    for section in ('overview', 'organisation', 'phones'):
        d = start(['--show=plan/' + section])
        try:
            e2e.wait_for('the plan', lambda: e2e.find(d.window, 'page tab', d.translation.pgettext('place', 'Plan')))
            x11.pointer_to(width - 1, height - 1)
            shot(outdir, 'plan-' + section, suffix, settle=3)
        finally:
            d.close()


if __name__ == '__main__':
    main()
