#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""screenshots-drill.py — screenshots of a drill in progress (tools/screenshots.sh)

  screenshots-drill.py DRILLDESK DRILLDESK_CLI SOURCE_ROOT OUTDIR SUFFIX

Drives the application through the accessibility bus (as the end-to-end
test does): the setup page, the console mid-drill, the presenter window and
the review page, each captured with ImageMagick's import as
OUTDIR/<screen>-SUFFIX.png.  Run inside dbus-run-session with the AT-SPI bus
and an X display; the language comes from the environment.
"""
import importlib.util
import os
import subprocess
import sys
import time

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    'e2e', os.path.join(here, '..', 'tests', 'e2e', 'test-drill-e2e.py'))
e2e = importlib.util.module_from_spec(spec)
spec.loader.exec_module(e2e)


def shot(outdir, name, suffix, window='root'):
    time.sleep(1.5)   # let animations and fonts settle
    path = os.path.join(outdir, 'drill-%s-%s.png' % (name, suffix))
    subprocess.run(['import', '-window', window, path], check=True)
    print(path)


def main():
    drilldesk, cli, source_root, outdir, suffix = sys.argv[1:6]
    os.environ['DD_KEEP_LANGUAGE'] = '1'
    d = e2e.Drill(drilldesk, cli, source_root)
    try:
        e2e.wait_for('the setup page', lambda: e2e.find(d.window, 'label', prefix='市政务云平台遭勒索病毒攻击'))
        shot(outdir, 'setup', suffix)
        e2e.click(d.button(d.tr('Start drill')))
        for _ in range(3):
            e2e.click(d.widget('push button', d.tr('Jump to next inject')))
            time.sleep(0.3)
        d.act('bigdata', 'detect', '运维中心值班员核实告警，确认为勒索病毒加密事件。')
        d.record()
        d.act('office', 'assess', '办公室会同技术支撑队伍研判，定为重大事件。')
        d.record()
        d.choose('Acting role', d.roles['bigdata'])
        d.choose('Action', d.kinds['report'])
        shot(outdir, 'console', suffix)
        e2e.click(d.widget('push button', d.tr('Presenter window')))
        time.sleep(1)
        shot(outdir, 'presenter', suffix)
        e2e.click(d.widget('push button', d.tr('End drill')))
        d.dialog_response('End Drill')
        e2e.wait_for('the review', lambda: e2e.find(d.window, 'label', description=d.tr('Overall score')))
        shot(outdir, 'review', suffix)
    finally:
        d.close()


if __name__ == '__main__':
    main()
