#!/usr/bin/python3
"""The report's schema (the key list in generator/report.h) against real reports and code.

usage: tests/report_schema.py REPORT.json [REPORT.json ...]

Checks, and prints one `ok`/`not ok` line each (TAP-like) and "N passed, N failed":
  1. every key of every report is in the schema, with the type the schema gives;
  2. every key the schema lists (not `opt`) is in the reports, where its flags say it must be
     (`boot`: when the report has method.bootstrap; `ref`: benchmarks with correlate_with;
     `cap`: benchmarks without);
  3. every key that the figures and pages read from the report (string literals passed to
     value_get/value_str/value_num/value_get_string in generator/figures*.c, plot.c, pages*.c,
     site_*.c and diff.c) is a key of the schema, or one of the keys those files read from
     objects they built themselves (VIEW_KEYS below).
"""
import json
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
HEADER = os.path.join(ROOT, "generator", "report.h")
# Keys the page and figure code reads back from objects it built itself (page views, figure
# views, the release archive, diff.c's changes, pages_compare.c's data/C/models.json: facts
# and cells) or from site.json, and the verdict ids.
VIEW_KEYS = {
    "base_url", "version", "author", "title", "description", "repository", "bibtex",
    "citation", "license", "licence", "old", "new", "changes", "cohort", "benchmark",
    "old_label", "new_label", "key", "release", "date", "href", "figure", "svg", "png", "pdf",
    "path", "file", "releases", "delta", "status", "old_version", "new_version", "n_changes",
    "verdict_changes", "movements", "rank_changes", "models_added", "models_removed",
    "benchmarks_added", "benchmarks_removed", "confidence_share", "facts", "cells",
    "tracks-capabilities",
    "moderate", "distinct", "worsens-with-capabilities", "insufficient-data"}


def schema():
    rows = {}
    for line in open(HEADER, encoding="utf-8"):
        m = re.match(r"^ \*   ([a-z_][a-z0-9_.\[\]-]*)\s+(string|number|bool|array|object)"
                     r"(\|null)?\s*(.*)$", line)
        if m:
            flags = set(re.findall(r"\b(opt|boot|ref|cap)\b", m.group(4).split(":")[0]))
            rows[m.group(1)] = (m.group(2), bool(m.group(3)), flags)
    return rows


def kind(v):
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, (int, float)):
        return "number"
    if isinstance(v, str):
        return "string"
    return "array" if isinstance(v, list) else "object"


def walk(x, path, seen):
    """Every key path under x (objects in arrays as []), with the kinds it had."""
    if isinstance(x, dict):
        for k, v in x.items():
            p = (path + "." if path else "") + k
            seen.setdefault(p, set()).add(kind(v))
            if p in ("site", "cohorts[].areas[].verdicts"):
                continue  # site.json as given; verdict id -> count
            walk(v, p, seen)
    elif isinstance(x, list):
        for v in x:
            if isinstance(v, dict):
                walk(v, path + "[]", seen)


def main():
    rows = schema()
    results = []

    def check(ok, what, detail=""):
        results.append(ok)
        print(("ok" if ok else "not ok") + " - " + what)
        if not ok and detail:
            for line in detail.splitlines()[:20]:
                print("#   " + line)

    check(len(rows) > 100, "report.h lists the schema (%d keys)" % len(rows))
    for path in sys.argv[1:]:
        report = json.load(open(path, encoding="utf-8"))
        seen = {}
        walk(report, "", seen)
        boot = "bootstrap" in report.get("method", {})
        bad = []
        for key, kinds in sorted(seen.items()):
            if key not in rows:
                bad.append("%s: not in the schema" % key)
                continue
            t, nullable, _ = rows[key]
            allowed = {t} | ({"null"} if nullable else set())
            if not kinds <= allowed:
                bad.append("%s: %s, the schema says %s" % (key, "/".join(sorted(kinds)),
                                                           "/".join(sorted(allowed))))
        check(not bad, "%s: every key is in the schema with its type" % os.path.basename(path),
              "\n".join(bad))
        missing = []
        for key, (_, _, flags) in rows.items():
            if "opt" in flags or (("boot" in flags) and not boot):
                continue
            if key not in seen:
                missing.append(key)
        check(not missing, "%s: every key of the schema is there" % os.path.basename(path),
              "\n".join(missing))
        if boot:
            gaps = []
            for co in report["cohorts"]:
                for b in co["benchmarks"]:
                    for key, (_, _, flags) in rows.items():
                        if not key.startswith("cohorts[].benchmarks[].") or "opt" in flags:
                            continue
                        name = key[len("cohorts[].benchmarks[]."):]
                        if "." in name or "[]" in name:
                            continue
                        need = ("ref" not in flags or b.get("correlate_with")) and \
                               ("cap" not in flags or not b.get("correlate_with"))
                        if need and name not in b:
                            gaps.append("%s %s: no %s" % (co["id"], b["id"], name))
            check(not gaps, "%s: every benchmark has the keys its flags promise"
                  % os.path.basename(path), "\n".join(gaps[:20]))
    names = {k.split(".")[-1].replace("[]", "") for k in rows}
    src = os.path.join(ROOT, "generator")
    unknown = []
    for fn in sorted(os.listdir(src)):
        if not re.match(r"(figures.*|plot|pages.*|site_.*|diff)\.c$", fn):
            continue
        text = open(os.path.join(src, fn), encoding="utf-8").read()
        for m in re.finditer(r"value_(?:get|str|num|get_string)\([^,()]+(?:\([^()]*\))?,\s*"
                             r"\"([a-z_][a-z0-9_-]*)\"", text):
            if m.group(1) not in names and m.group(1) not in VIEW_KEYS:
                unknown.append("%s: '%s'" % (fn, m.group(1)))
    check(not unknown, "figures and pages read only keys of the schema", "\n".join(unknown))
    passed = sum(results)
    print("%d passed, %d failed" % (passed, len(results) - passed))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
