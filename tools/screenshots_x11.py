# SPDX-License-Identifier: GPL-3.0-or-later
"""screenshots_x11.py — the little window management the screenshots need.

Under Xvfb there is no window manager: every window, dialogs included,
sits at (0, 0), nothing raises or focuses them, and GTK only sees keys
once its window has the input focus.  These helpers (Xlib and XTest over
ctypes) list, move, raise and focus top-level windows and type keys.
"""
import ctypes
import ctypes.util
import re
import subprocess
import time

_x = ctypes.cdll.LoadLibrary(ctypes.util.find_library('X11'))
_x.XOpenDisplay.restype = ctypes.c_void_p
_x.XOpenDisplay.argtypes = [ctypes.c_char_p]
_x.XMoveWindow.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int]
_x.XRaiseWindow.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
_x.XSetInputFocus.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_ulong]
_x.XFlush.argtypes = [ctypes.c_void_p]
_x.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
_x.XKeysymToKeycode.restype = ctypes.c_ubyte
_xt = ctypes.cdll.LoadLibrary(ctypes.util.find_library('Xtst'))
_xt.XTestFakeKeyEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]
_xt.XTestFakeButtonEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]
_xt.XTestFakeMotionEvent.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_ulong]
_dpy = _x.XOpenDisplay(None)

CONTROL = 0xffe3
SPACE = 0x20


def toplevels():
    """The viewable top-level windows, topmost first: (id, width, height)."""
    out = subprocess.run(['xwininfo', '-root', '-children'], capture_output=True, text=True).stdout
    found = []
    for m in re.finditer(r'^\s+(0x[0-9a-f]+) .*?\s(\d+)x(\d+)\+-?\d+\+-?\d+\s', out, re.M):
        info = subprocess.run(['xwininfo', '-id', m.group(1)], capture_output=True, text=True).stdout
        if 'IsViewable' in info and int(m.group(2)) > 10 and int(m.group(3)) > 10:
            found.append((int(m.group(1), 16), int(m.group(2)), int(m.group(3))))
    return found[::-1]


def raise_and_focus(window):
    _x.XRaiseWindow(_dpy, window)
    _x.XSetInputFocus(_dpy, window, 2, 0)   # RevertToParent
    _x.XFlush(_dpy)


def centre_over(window, width, height, screen_width, screen_height):
    """Moves @window (@width × @height) to the middle of the screen, as a
    window manager places a dialog over its full-screen parent."""
    _x.XMoveWindow(_dpy, window, max(0, (screen_width - width) // 2), max(0, (screen_height - height) // 2))
    _x.XFlush(_dpy)


def key(keysym, down):
    _xt.XTestFakeKeyEvent(_dpy, _x.XKeysymToKeycode(_dpy, keysym), down, 0)
    _x.XFlush(_dpy)


def chord(*keysyms):
    """Presses @keysyms together (a modifier first), then releases them."""
    for k in keysyms:
        key(k, True)
        time.sleep(0.1)
    for k in reversed(keysyms):
        key(k, False)
    time.sleep(0.4)


def pointer_to(x, y):
    _xt.XTestFakeMotionEvent(_dpy, -1, x, y, 0)
    _x.XFlush(_dpy)
    time.sleep(0.2)


def click_at(x, y):
    pointer_to(x, y)
    _xt.XTestFakeButtonEvent(_dpy, 1, True, 0)
    _x.XFlush(_dpy)
    time.sleep(0.05)
    _xt.XTestFakeButtonEvent(_dpy, 1, False, 0)
    _x.XFlush(_dpy)
    time.sleep(0.4)
