#!/usr/bin/env python3
"""tests/faults/check.py - checks of a built site for tests/faults/run.sh (standard library only).

usage: check.py hostile CONTENT        rename models and benchmarks of a copy of the site
                                       fixture to names built to break escaping; prints them
                                       as JSON {"models": {cohort/id: name}, "benchmarks": {id: name}}
       check.py xml SITE               every .svg and .xml file is well-formed XML, and no
                                       .html, .svg or .xml file holds a character XML forbids
       check.py drawn SVG NAME...      each NAME is the text of a text node of SVG
       check.py csv FILE COLUMN KEY NAMES_JSON
                                       Python's csv reads COLUMN of FILE back as each name of
                                       NAMES_JSON ({id: name}, matched on column KEY), with a '
                                       before a name a spreadsheet would run as a formula
       check.py bibtex PAGE BIB        the BibTeX code block of PAGE (HTML) into BIB
Prints `ok - ...` / `not ok - ...` lines (check.py hostile prints the JSON only).
"""
import csv
import glob
import html
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

# The names: every class that broke a build, printed wrongly or escaped its context.
MODEL_NAMES = {
    "base/obrien": "'quoted start",
    "base/script": "50% safe %d %s",
    "base/img": "=HYPERLINK(\"http://x\")",
    "base/markdown": "}, title={pwn}} @misc{evil, title={x}",
    "chat/unicode": "''two quotes'' and \\ backslash",
    "chat/eve": "bad\ufffe\uffff\u0001x\u0085y",
    "chat/long-name": "-1+cmd|' /C calc'!A0",
}
BENCH_NAMES = {
    "sycophancy": "Hazard refusal (%)",
    "harm-refusal": "Harm} @misc{injected, title={x}",
    "hazard": "@SUM(1+1)",
}
# What the pages and figures show for a name: the characters XML forbids become U+FFFD, the
# C0 controls a space in figures.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]")


def shown(name, figure=False):
    if figure:
        name = re.sub("[\x00-\x1f\x7f]+", " ", name)
    return FORBIDDEN.sub("\ufffd", name)


failed = False


def result(name, problems):
    global failed
    if problems:
        failed = True
        print("not ok - %s: %s" % (name, problems[0]))
        for p in problems[1:8]:
            print("#   %s" % p)
    else:
        print("ok - %s" % name)


def cmd_hostile(content):
    for key, name in MODEL_NAMES.items():
        path = os.path.join(content, "models", key + ".json")
        with open(path, encoding="utf-8") as f:
            d = json.load(f)
        d["name"] = name
        with open(path, "w", encoding="utf-8") as f:
            json.dump(d, f, indent=2)
    path = os.path.join(content, "benchmarks.json")
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    for b in d["benchmarks"]:
        if b["id"] in BENCH_NAMES:
            b["name"] = BENCH_NAMES[b["id"]]
    with open(path, "w", encoding="utf-8") as f:
        json.dump(d, f, indent=2)
    print(json.dumps({"models": MODEL_NAMES, "benchmarks": BENCH_NAMES}))


def cmd_xml(site):
    files = sorted(glob.glob(os.path.join(site, "**", "*"), recursive=True))
    bad_xml, raw = [], []
    n = 0
    for f in files:
        rel = os.path.relpath(f, site)
        if f.endswith((".svg", ".xml")):
            n += 1
            try:
                ET.parse(f)
            except ET.ParseError as e:
                bad_xml.append("%s: not well-formed XML: %s" % (rel, e))
        if f.endswith((".svg", ".xml", ".html")):
            with open(f, encoding="utf-8", errors="surrogateescape") as fh:
                m = FORBIDDEN.search(fh.read())
            if m:
                raw.append("%s holds U+%04X" % (rel, ord(m.group(0))))
    result("xml: all %d SVG and XML files are well-formed" % n, bad_xml)
    result("xml: no page, SVG or feed holds a character XML forbids (U+FFFE, controls)", raw)


def svg_texts(path):
    texts = []
    for el in ET.parse(path).getroot().iter():
        if el.tag.split("}")[-1] == "text":
            texts.append("".join(el.itertext()))
    return texts


def cmd_drawn(svg, names):
    try:
        texts = svg_texts(svg)
    except (OSError, ET.ParseError) as e:
        result("drawn: %s" % os.path.basename(svg), ["cannot read: %s" % e])
        return
    missing = ["%r is drawn as none of its texts (%d texts, e.g. %r)"
               % (shown(n, True), len(texts), texts[:4]) for n in names
               if shown(n, True) not in texts]
    result("drawn: %s shows %d names exactly" % (os.path.basename(svg), len(names)), missing)


def cmd_csv(path, column, key, names_json):
    names = json.loads(names_json)
    with open(path, newline="", encoding="utf-8") as fh:
        got = {row[key]: row[column] for row in csv.DictReader(fh)}
    problems = []
    for k, name in names.items():
        want = ("'" + name) if name[:1] in ("=", "+", "-", "@", "\t", "\r") else name
        if got.get(k) != want:
            problems.append("%s: %s of %s reads back as %r, want %r"
                            % (os.path.basename(path), column, k, got.get(k), want))
    result("csv: %s: %d hostile names read back, formulas neutralised"
           % (os.path.basename(path), len(names)), problems)


def cmd_bibtex(page, out):
    with open(page, encoding="utf-8") as f:
        text = f.read()
    m = re.search(r'<code class="language-bibtex">(.*?)</code>', text, re.S)
    if not m:
        print("not ok - bibtex: no BibTeX block in %s" % page)
        sys.exit(1)
    with open(out, "w", encoding="utf-8") as f:
        f.write(html.unescape(m.group(1)))


def main(argv):
    if len(argv) == 2 and argv[0] == "hostile":
        cmd_hostile(argv[1])
    elif len(argv) == 2 and argv[0] == "xml":
        cmd_xml(argv[1])
    elif len(argv) >= 3 and argv[0] == "drawn":
        cmd_drawn(argv[1], argv[2:])
    elif len(argv) == 5 and argv[0] == "csv":
        cmd_csv(*argv[1:])
    elif len(argv) == 3 and argv[0] == "bibtex":
        cmd_bibtex(argv[1], argv[2])
    else:
        sys.stderr.write(__doc__)
        return 2
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
