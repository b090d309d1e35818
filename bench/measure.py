#!/usr/bin/python3
"""Time commands and read their peak RSS, without /usr/bin/time.

usage: measure.py [--warmup W] NAME RUNS CMD [ARG...] [--- NAME RUNS CMD [ARG...]]...

Each command runs W times unmeasured (default 1), then RUNS times; the measured runs of
all commands are interleaved round-robin so that load drift hits each alike. stdout of the
commands goes to /dev/null, stderr is left alone. A run that fails stops everything (exit 1).

Prints one tab-separated line per command:
    NAME  RUNS  MEDIAN_S  MIN_S  MAX_S  PEAK_RSS_KB  FLOOR_KB
PEAK_RSS_KB is the largest ru_maxrss that os.wait4 returned over the runs. On Linux a
child's ru_maxrss is at least the spawning process's own high-water mark (exec records the
old address space's peak), so FLOOR_KB, the ru_maxrss of spawning /bin/true the same way,
is reported too: a PEAK_RSS_KB above FLOOR_KB is the command's own peak; one at FLOOR_KB
only says the peak is at most that.
"""

import os
import statistics
import sys
import time


def spawn(argv):
    """Run argv to completion; (wall seconds, ru_maxrss in KB, exit status)."""
    devnull = [(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0)]
    t0 = time.perf_counter()
    pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=devnull)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - t0
    return wall, usage.ru_maxrss, os.waitstatus_to_exitcode(status)


def parse(args):
    warmup = 1
    if args[:1] == ["--warmup"]:
        warmup, args = int(args[1]), args[2:]
    specs, cur = [], []
    for a in args + ["---"]:
        if a == "---":
            if len(cur) < 3:
                raise ValueError("each command needs NAME RUNS CMD")
            if int(cur[1]) < 1:
                raise ValueError("RUNS must be at least 1")
            specs.append({"name": cur[0], "runs": int(cur[1]), "argv": cur[2:],
                          "wall": [], "rss": 0})
            cur = []
        else:
            cur.append(a)
    return warmup, specs


def main():
    try:
        warmup, specs = parse(sys.argv[1:])
    except (ValueError, IndexError) as e:
        sys.stderr.write("measure.py: %s\n%s" % (e, __doc__))
        return 2

    def run(spec, record):
        try:
            wall, rss, rc = spawn(spec["argv"])
        except OSError as e:
            sys.stderr.write("measure.py: cannot run %s: %s\n" % (spec["argv"][0], e))
            sys.exit(1)
        if rc != 0:
            sys.stderr.write("measure.py: %s failed (exit %d): %s\n"
                             % (spec["name"], rc, " ".join(spec["argv"])))
            sys.exit(1)
        if record:
            spec["wall"].append(wall)
            spec["rss"] = max(spec["rss"], rss)

    floor = spawn(["/bin/true"])[1]
    for spec in specs:
        for _ in range(warmup):
            run(spec, False)
    for i in range(max(s["runs"] for s in specs)):
        for spec in specs:
            if i < spec["runs"]:
                run(spec, True)
    floor = max(floor, spawn(["/bin/true"])[1])
    for s in specs:
        w = s["wall"]
        print("\t".join([s["name"], str(len(w)), "%.6f" % statistics.median(w),
                         "%.6f" % min(w), "%.6f" % max(w), str(s["rss"]), str(floor)]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
