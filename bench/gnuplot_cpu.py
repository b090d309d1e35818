#!/usr/bin/python3
"""bench/gnuplot_cpu.py ARGS... - gnuplot, with the CPU time it took written down.

Given to `washboard build --gnuplot` by bench/site.sh: runs `gnuplot ARGS...` with this
process's stdin, stdout and stderr, and when it ends appends one line to the file named by
$BENCH_GNUPLOT_CPU: the CPU seconds (user + system) of gnuplot, then of this wrapper. A full
build's CPU less its gnuplot processes' is washboard's own work, measured within one run, so
the machine's load drifting between runs cannot move it. Exits as gnuplot did.
"""
import os
import resource
import subprocess
import sys


def main():
    log = os.environ.get("BENCH_GNUPLOT_CPU")
    if not log:
        sys.exit("bench/gnuplot_cpu.py: BENCH_GNUPLOT_CPU names no file")
    rc = subprocess.run(["gnuplot"] + sys.argv[1:], check=False).returncode
    child = resource.getrusage(resource.RUSAGE_CHILDREN)
    own = resource.getrusage(resource.RUSAGE_SELF)
    with open(log, "a", encoding="utf-8") as f:
        f.write("%.4f %.4f\n" % (child.ru_utime + child.ru_stime, own.ru_utime + own.ru_stime))
    sys.exit(rc if rc >= 0 else 128 - rc)


if __name__ == "__main__":
    main()
