#!/usr/bin/env python3
"""Runs a command and sends it (or one of its children) a signal at a chosen
moment, for tests/hostile/output.sh.

  signal_run.py [--signal TERM] [--when GLOB]... [--when-children N]
                [--after SECONDS] [--child] [--ignore-chld] [--timeout SECONDS]
                -- COMMAND...

The command starts with SIGINT and SIGTERM at their default action (a
background job of a non-interactive shell would have SIGINT ignored), and
with SIGCHLD ignored when --ignore-chld is given. The signal goes out as soon
as a file matches one of the --when globs (polled every millisecond), as
the command has N child processes (--when-children), or once --after
seconds have passed when neither is given; with --child it goes to a child
process of the command instead. Prints one line,
"<how> <status>": how is 'seen' (a glob matched), 'timer', or 'finished'
(the command ended first, no signal sent); status is the exit status as a
shell shows it (128 + N for a death by signal N), or 'timeout' when the
command was still running after --timeout seconds (it is then killed).
"""
import argparse
import glob
import os
import signal
import subprocess
import sys
import time


def children_of(pid):
    """The pids whose parent is PID, from /proc."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        # the command name is in parentheses and may hold spaces
        fields = stat[stat.rfind(")") + 2:].split()
        if len(fields) > 1 and int(fields[1]) == pid:
            found.append(int(entry))
    return found


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--signal", default="TERM")
    ap.add_argument("--when", action="append", default=[])
    ap.add_argument("--when-children", type=int, default=0)
    ap.add_argument("--after", type=float, default=None)
    ap.add_argument("--child", action="store_true")
    ap.add_argument("--ignore-chld", action="store_true")
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("command", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    command = a.command[1:] if a.command[:1] == ["--"] else a.command
    sig = getattr(signal, "SIG" + a.signal)

    def setup():
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        if a.ignore_chld:
            signal.signal(signal.SIGCHLD, signal.SIG_IGN)

    proc = subprocess.Popen(command, preexec_fn=setup)
    start = time.monotonic()
    how = "finished"
    while proc.poll() is None:
        now = time.monotonic() - start
        if now > a.timeout:
            proc.kill()
            proc.wait()
            print("%s timeout" % how)
            return
        if how == "finished":
            hit = any(glob.glob(g) for g in a.when)
            if a.when_children:
                hit = hit or len(children_of(proc.pid)) >= a.when_children
            due = (not a.when and not a.when_children and a.after is not None
                   and now >= a.after)
            if hit or due:
                targets = [proc.pid]
                if a.child:
                    targets = children_of(proc.pid)
                if targets:
                    for t in targets[:1]:
                        os.kill(t, sig)
                    how = "seen" if hit else "timer"
        time.sleep(0.001)
    rc = proc.returncode
    print("%s %d" % (how, 128 - rc if rc < 0 else rc))


if __name__ == "__main__":
    sys.exit(main())
