#!/usr/bin/python3
"""bench/gnuplot_alone.py DIR JOBS SCRIPTS_FILE - gnuplot alone, fed as washboard feeds it.

The baseline of bench/site.sh: JOBS gnuplot processes (`gnuplot -d`, in DIR) draw the
scripts listed in SCRIPTS_FILE (one path per line, relative to DIR), each given the next
script as soon as it finishes one, with two queued, the way washboard's gnuplot.c does
(`reset session`, `load`, stop on an error, a marker line on stderr). So the comparison
with a full build holds whatever the machine's load does to one process or the other: both
sides share the scripts out by the same rule. Exits 1 when any gnuplot fails.
"""
import os
import selectors
import subprocess
import sys

MARKER = b"@wb-figure-done"
QUEUED = 2


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: bench/gnuplot_alone.py DIR JOBS SCRIPTS_FILE")
    fig_dir, jobs = sys.argv[1], int(sys.argv[2])
    with open(sys.argv[3], encoding="utf-8") as f:
        scripts = [line.strip() for line in f if line.strip()]
    jobs = max(1, min(jobs, len(scripts)))
    nxt = 0
    procs = []
    sel = selectors.DefaultSelector()

    def send(p):
        nonlocal nxt
        if p.stdin.closed:
            return
        if nxt == len(scripts):
            p.stdin.close()
            return
        name = scripts[nxt].replace("'", "''")
        nxt += 1
        try:
            p.stdin.write(("reset session\nload '%s'\nif (GPVAL_ERRNO) { exit status 1 }\n"
                           "print '@wb-figure-done'\n" % name).encode())
            p.stdin.flush()
        except BrokenPipeError:  # it is gone: its exit status says why
            p.stdin.close()

    for _ in range(jobs):
        p = subprocess.Popen(["gnuplot", "-d"], cwd=fig_dir, stdin=subprocess.PIPE,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        p.partial = b""
        p.err = b""
        procs.append(p)
        sel.register(p.stderr, selectors.EVENT_READ, p)
    for _ in range(QUEUED):
        for p in procs:
            send(p)
    open_fds = len(procs)
    while open_fds:
        for key, _ in sel.select():
            p = key.data
            chunk = os.read(p.stderr.fileno(), 65536)
            if not chunk:
                sel.unregister(p.stderr)
                open_fds -= 1
                continue
            lines = (p.partial + chunk).split(b"\n")
            p.partial = lines.pop()
            for line in lines:
                if line == MARKER:
                    send(p)
                elif len(p.err) < 65536:
                    p.err += line + b"\n"
    failed = False
    for p in procs:
        if not p.stdin.closed:
            p.stdin.close()
        if p.wait() != 0:
            failed = True
            sys.stderr.write(p.err.decode(errors="replace"))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
