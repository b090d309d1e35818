#!/usr/bin/python3
"""tests/site/sitecheck.py - checks of a site built by `washboard build` (standard library only).

usage: sitecheck.py links SITE [--base-url URL]
       sitecheck.py figures SITE FORMATS
       sitecheck.py hostile SITE COHORT MODEL_ID=NAME_FILE...

`links` parses every .html file of SITE with html.parser and checks structure, the
Content-Security-Policy meta tag, every href/src (the target exists inside SITE; a #fragment
names an id of the target page), that nothing is loaded from outside the site, that <img>s
have alt text, that no text shows NaN/inf or unrendered Mustache, that every page is
reachable from index.html, and that the data files (JSON, CSV) parse.

`figures` checks that every figures/**/NAME.gp has NAME.csv and NAME.FORMAT for each of the
comma-separated FORMATS (svg, png, pdf) and, with svg, its dark variant DIR/dark/BASE.svg,
non-empty and starting with the format's magic, and
that no two point labels of an SVG figure overlap, and none covers a point or crosses a
benchmark scatter's fit line.

`hostile` checks that model names full of HTML and Markdown syntax are shown literally and
never become markup: in the pages (as text of the model page's heading, the cohort page's
and the leaderboard's links) and in the SVG figures (as text nodes of well-formed XML).

Prints `ok - NAME` or `not ok - NAME: REASON` lines (with `#` detail lines) and `# note:`
lines; the caller counts them. Exits 1 when a check failed.
"""
import csv
import html
import io
import json
import os
import posixpath
import re
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
# html.parser closes nothing implicitly; cmark-gfm and the layout close every element they
# open, so a strict stack is right here, except for these optional end tags.
OPTIONAL_END = {"li", "p", "td", "th", "tr", "thead", "tbody", "option"}
URL_ATTRS = {("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"),
             ("source", "src"), ("iframe", "src"), ("embed", "src"), ("object", "data"),
             ("form", "action"), ("area", "href"), ("use", "href"), ("video", "src"),
             ("audio", "src"), ("img", "srcset")}

failed = 0
passed = 0


def result(name, problems, limit=8):
    """One check: ok when problems is empty, else not ok with the first few problems."""
    global failed, passed
    if not problems:
        passed += 1
        print("ok - %s" % name)
        return
    failed += 1
    print("not ok - %s: %d problem(s)" % (name, len(problems)))
    for p in problems[:limit]:
        print("#   %s" % p)
    if len(problems) > limit:
        print("#   ... and %d more" % (len(problems) - limit))


class Page(HTMLParser):
    def __init__(self, rel):
        super().__init__(convert_charrefs=True)
        self.rel = rel
        self.stack = []
        self.errors = []
        self.counts = {}
        self.ids = []
        self.links = []  # (tag, attr, value, line, in_main)
        self.text = []  # (text, in_pre)
        self.attr_text = []  # attribute values shown to readers (alt, title, content)
        self.csp = []
        self.imgs_without_alt = []
        self.unsafe = []  # inline scripts, event handlers, style attributes, frames
        self.doctype = False
        self.title = ""
        self.h1 = []
        self.links_text = []  # (href, text)
        self._a = None
        self._h1 = None
        self._title = False

    def _in(self, tag):
        return tag in self.stack

    def handle_decl(self, decl):
        if decl.lower().startswith("doctype"):
            self.doctype = True

    def handle_starttag(self, tag, attrs, selfclosing=False):
        line = self.getpos()[0]
        self.counts[tag] = self.counts.get(tag, 0) + 1
        a = {}
        for k, v in attrs:
            if k in a:
                self.errors.append("line %d: <%s> repeats attribute %s" % (line, tag, k))
            a[k] = v
            if k.startswith("on"):
                self.unsafe.append("line %d: <%s %s=...> event handler attribute" % (line, tag, k))
            if k == "style":
                self.unsafe.append("line %d: <%s style=...> (blocked by the CSP)" % (line, tag))
            if k == "id":
                self.ids.append(v or "")
            if k in ("alt", "title") or (tag == "meta" and k == "content"):
                self.attr_text.append(v or "")
        for t, k in URL_ATTRS:
            if t == tag and k in a:
                # a link out of the site is fine in the text and the footer, not in the nav
                self.links.append((tag, k, a[k] or "", line, self._in("main") or self._in("footer")))
        if tag == "a" and "name" in a:
            self.ids.append(a["name"] or "")
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp.append((a.get("content") or "", self._in("head")))
        if tag == "img" and not (a.get("alt") or "").strip():
            self.imgs_without_alt.append("line %d: <img src=%r> has no alt text" % (line, a.get("src")))
        if tag == "script" and "src" not in a:
            self.unsafe.append("line %d: inline <script> (blocked by the CSP)" % line)
        if tag in ("style", "iframe", "object", "embed", "form", "base", "frame"):
            self.unsafe.append("line %d: <%s> element" % (line, tag))
        if tag == "a":
            self._a = [a.get("href"), ""]
        if tag == "h1":
            self._h1 = ""
        if tag == "title":
            self._title = True
        if tag not in VOID and not selfclosing:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs, selfclosing=True)

    def handle_endtag(self, tag):
        line = self.getpos()[0]
        self.counts["/" + tag] = self.counts.get("/" + tag, 0) + 1
        if tag in VOID:
            return
        if tag == "a" and self._a is not None:
            self.links_text.append(tuple(self._a))
            self._a = None
        if tag == "h1" and self._h1 is not None:
            self.h1.append(self._h1)
            self._h1 = None
        if tag == "title":
            self._title = False
        if tag not in self.stack:
            self.errors.append("line %d: </%s> closes nothing (open: %s)" % (line, tag, "/".join(self.stack)))
            return
        while self.stack and self.stack[-1] != tag:
            t = self.stack.pop()
            if t not in OPTIONAL_END:
                self.errors.append("line %d: <%s> not closed before </%s>" % (line, t, tag))
        self.stack.pop()

    def handle_data(self, data):
        if self._in("script") or self._in("style"):
            return
        self.text.append((data, self._in("pre") or self._in("code")))
        if self._a is not None:
            self._a[1] += data
        if self._h1 is not None:
            self._h1 += data
        if self._title:
            self.title += data


def parse_page(site, rel):
    with open(os.path.join(site, rel), "rb") as f:
        raw = f.read()
    p = Page(rel)
    p.raw = raw
    try:
        p.feed(raw.decode("utf-8"))
        p.close()
        p.exception = None
    except Exception as e:  # noqa: BLE001 - any parser failure is a finding
        p.exception = "%s: %s" % (type(e).__name__, e)
    return p


def walk(site):
    out = []
    for d, dirs, files in os.walk(site):
        dirs.sort()
        for f in sorted(files):
            out.append(os.path.relpath(os.path.join(d, f), site).replace(os.sep, "/"))
    return out


BAD_TEXT = [
    ("NaN", re.compile(r"NaN")),
    ("nan%", re.compile(r"nan%", re.I)),
    ("-nan", re.compile(r"-nan", re.I)),
    ("inf", re.compile(r"(?<![\w.])[-+]?inf(?:inity)?(?![\w])", re.I)),
    ("{{", re.compile(r"\{\{")),
]


def bad_text(text, in_pre):
    found = [label for label, rx in BAD_TEXT if rx.search(text)]
    if not in_pre and "}}" in text:  # BibTeX in <pre> legitimately ends in "}}"
        found.append("}}")
    return found


def cmd_links(site, base_url):
    site = os.path.abspath(site)
    files = walk(site)
    fileset = set(files)
    htmls = [f for f in files if f.endswith(".html")]
    pages = {rel: parse_page(site, rel) for rel in htmls}
    base = base_url.rstrip("/") if base_url else ""

    struct_problems, csp_problems, alt_problems, text_problems, unsafe = [], [], [], [], []
    broken, fragments, outside, ext_notes = [], [], [], []
    nlinks = 0
    targets = set()
    graph = {}

    for rel, p in sorted(pages.items()):
        if p.exception:
            struct_problems.append("%s: html.parser raised %s" % (rel, p.exception))
        if not p.doctype:
            struct_problems.append("%s: no <!DOCTYPE html>" % rel)
        for t in ("html", "head", "body", "main", "title"):
            if p.counts.get(t, 0) != 1 or p.counts.get("/" + t, 0) != 1:
                struct_problems.append("%s: <%s> %d times, </%s> %d times (want 1 each)" % (
                    rel, t, p.counts.get(t, 0), t, p.counts.get("/" + t, 0)))
        if p.stack:
            struct_problems.append("%s: unclosed at the end: %s" % (rel, "/".join(p.stack)))
        for e in p.errors[:3]:
            struct_problems.append("%s: %s" % (rel, e))
        if not p.title.strip():
            struct_problems.append("%s: empty <title>" % rel)
        dup = sorted({i for i in p.ids if p.ids.count(i) > 1})
        if dup:
            struct_problems.append("%s: duplicate ids %s" % (rel, ", ".join(dup[:5])))
        good = [c for c, in_head in p.csp
                if in_head and "default-src 'none'" in c and "script-src 'self'" in c]
        if len(good) != 1:
            csp_problems.append("%s: %d Content-Security-Policy meta tags in <head> (want 1 with "
                                "default-src 'none')" % (rel, len(good)))
        alt_problems += ["%s: %s" % (rel, x) for x in p.imgs_without_alt]
        unsafe += ["%s: %s" % (rel, x) for x in p.unsafe]
        for text, in_pre in p.text + [(t, False) for t in p.attr_text]:
            for label in bad_text(text, in_pre):
                m = text.strip().replace("\n", " ")
                text_problems.append("%s: %r in %r" % (rel, label, m[:100]))

        edges = graph.setdefault(rel, set())
        for tag, attr, value, line, in_main in p.links:
            nlinks += 1
            where = "%s:%d <%s %s=%r>" % (rel, line, tag, attr, value)
            v = value.strip()
            if not v:
                broken.append(where + ": empty")
                continue
            u = urlsplit(v)
            scheme = u.scheme.lower()
            internal = None
            if scheme in ("http", "https") or v.startswith("//"):
                if base and (v == base or v.startswith(base + "/") or v.startswith(base + "#")):
                    internal = v[len(base) + 1:] if v.startswith(base + "/") else "index.html"
                    internal = urlsplit(internal)
                    target = posixpath.normpath(unquote(internal.path) or "index.html")
                    frag = u.fragment
                elif tag == "a" and in_main:
                    ext_notes.append("%s -> %s" % (rel, v))
                    continue
                else:
                    outside.append(where + ": loads or links outside the site")
                    continue
            elif scheme == "mailto" and tag == "a" and in_main:
                ext_notes.append("%s -> %s" % (rel, v))
                continue
            elif scheme:
                outside.append(where + ": %s: URL" % scheme)
                continue
            elif v.startswith("/"):
                outside.append(where + ": root-absolute path (the site must be relocatable)")
                continue
            else:
                frag = u.fragment
                if u.path:
                    target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), unquote(u.path)))
                else:
                    target = rel
            if target.startswith("../") or target == "..":
                outside.append(where + ": resolves outside the site (%s)" % target)
                continue
            if target not in fileset:
                if os.path.isdir(os.path.join(site, target)) and posixpath.join(target, "index.html") in fileset:
                    target = posixpath.join(target, "index.html")
                else:
                    broken.append(where + ": no file %s" % target)
                    continue
            targets.add(target)
            if target.endswith(".html"):
                edges.add(target)
            if frag and "=" in frag:
                # the state of a page's scripts (compare.html#a=MODEL&b=MODEL, a filter):
                # every model it names has its page in the target's cohort
                for part in unquote(frag).split("&"):
                    k, _, val = part.partition("=")
                    model = posixpath.join(posixpath.dirname(target), "models", val + ".html")
                    if k in ("a", "b") and model not in fileset:
                        fragments.append(where + ": state %r names no model (%s)" % (part, model))
            elif frag:
                if target in pages:
                    if unquote(frag) not in pages[target].ids:
                        fragments.append(where + ": no id %r in %s" % (frag, target))
                # fragments of other files (sort state of a table, SVG views) are not checked

    result("html: every page parses (html.parser), one <html>/<head>/<body>/<main>/<title>, "
           "balanced tags, unique ids", struct_problems)
    # The templates write no ordered lists: an <ol> in a generated page (the index and
    # everything under a cohort; top-level pages are content pages) is template prose that
    # Markdown took for a list, e.g. a line starting "{{count}}) and ..." with a count of 1.
    lists = ["%s: %d <ol> (a template line starting with a number and '.' or ')' became a "
             "list)" % (rel, p.counts.get("ol", 0))
             for rel, p in sorted(pages.items())
             if p.counts.get("ol") and (rel == "index.html" or "/" in rel)]
    result("html: no Markdown list made from template prose in generated pages", lists)
    result("html: every page has the Content-Security-Policy meta tag", csp_problems)
    result("html: every <img> has a non-empty alt", alt_problems)
    result("html: no inline scripts, styles, event handlers or frames", unsafe)
    result("html: no NaN, nan%, -nan, inf, {{ or }} in page text", text_problems)
    result("links: every relative href/src resolves to a file inside the site", broken)
    result("links: every #fragment names an id of its target page (or, as a script's state "
           "like #a=MODEL, models that have pages)", fragments)
    result("links: nothing loaded or linked from outside the site (no http:, //, data:, "
           "javascript: in <img>/<script>/<link>, no external links outside the prose)", outside)

    # every page can be reached from the index
    seen, todo = set(), ["index.html"]
    while todo:
        t = todo.pop()
        if t in seen or t not in graph:
            continue
        seen.add(t)
        todo.extend(graph[t])
    result("links: every page is reachable from index.html",
           ["%s is linked from nowhere reachable" % r for r in htmls if r not in seen])

    data_problems = []
    for f in files:
        path = os.path.join(site, f)
        if f.endswith(".json"):
            def const(x):
                raise ValueError("non-JSON constant %s" % x)
            try:
                with open(path, encoding="utf-8") as fh:
                    json.load(fh, parse_constant=const)
            except Exception as e:  # noqa: BLE001
                data_problems.append("%s: %s" % (f, e))
        elif f.endswith(".csv"):
            try:
                with open(path, encoding="utf-8", newline="") as fh:
                    rows = list(csv.reader(fh, strict=True))
                widths = {len(r) for r in rows}
                if not rows:
                    data_problems.append("%s: empty (no header row)" % f)
                elif len(widths) != 1:
                    data_problems.append("%s: rows of %s fields" % (f, sorted(widths)))
                for r in rows:
                    for cell in r:
                        if cell.lower() in ("nan", "-nan", "inf", "-inf", "infinity"):
                            data_problems.append("%s: cell %r" % (f, cell))
                            break
            except Exception as e:  # noqa: BLE001
                data_problems.append("%s: %s" % (f, e))
    result("data: every .json parses strictly (no NaN), every .csv parses with one width", data_problems)

    unlinked = [f for f in files if f not in targets and not f.endswith(".html")]
    print("# note: %d pages, %d links checked (%d distinct targets), %d files in the site" % (
        len(htmls), nlinks, len(targets), len(files)))
    if ext_notes:
        print("# note: %d external links in the prose (allowed):" % len(ext_notes))
        for e in sorted(set(ext_notes))[:20]:
            print("# note:   %s" % e)
    if unlinked:
        kinds = {}
        for f in unlinked:
            k = posixpath.splitext(f)[1] or f
            kinds[k] = kinds.get(k, 0) + 1
        print("# note: %d non-page files no page links to (%s), e.g. %s" % (
            len(unlinked), ", ".join("%s %d" % kv for kv in sorted(kinds.items())),
            ", ".join(unlinked[:3])))


def svg_texts(path):
    """The text nodes of an SVG file, or raise if it is not well-formed XML."""
    root = ET.parse(path).getroot()
    problems, texts = [], []
    for el in root.iter():
        tag = el.tag.split("}")[-1]
        if tag in ("script", "foreignObject", "iframe", "img", "image"):
            problems.append("<%s> element" % tag)
        for k, v in el.attrib.items():
            k = k.split("}")[-1]
            if k.lower().startswith("on"):
                problems.append("<%s %s=%r>" % (tag, k, v))
            if k == "href" and (v.strip().lower().startswith(("javascript:", "data:", "http:", "https:", "//"))):
                problems.append("<%s href=%r>" % (tag, v))
        for t in (el.text, el.tail):
            if t and t.strip():
                texts.append(t.strip())
    return problems, texts


def cmd_hostile(site, cohort, specs):
    site = os.path.abspath(site)
    models = []
    for s in specs:
        mid, name_file = s.split("=", 1)
        with open(name_file, encoding="utf-8") as f:
            models.append((mid, json.load(f)["name"]))
    files = walk(site)

    raw = []
    for f in files:
        if f.endswith((".html", ".svg")):
            with open(os.path.join(site, f), "rb") as fh:
                data = fh.read()
            for needle in (b"<script>alert", b"<img src=x", b"onerror=alert(1)>"):
                # in SVG text a raw '>' is well-formed XML and harmless; '<' must be escaped
                if needle in data and not (f.endswith(".svg") and needle.startswith(b"onerror")):
                    raw.append("%s contains %r unescaped" % (f, needle.decode()))
    result("hostile: no page or SVG contains '<script>alert' or '<img src=x' unescaped", raw)

    shown = []
    for mid, name in models:
        page = "%s/models/%s.html" % (cohort, mid)
        p = parse_page(site, page)
        if p.h1 != [name]:
            shown.append("%s: <h1> text %r, want %r" % (page, p.h1, name))
        if not p.title.startswith(name + " — "):
            shown.append("%s: <title> %r does not start with the name" % (page, p.title))
        for other in ("%s/index.html" % cohort, "%s/leaderboard.html" % cohort):
            q = parse_page(site, other)
            texts = [t for h, t in q.links_text if h and h.endswith("/models/%s.html" % mid)]
            if not texts:
                shown.append("%s: no link to %s" % (other, page))
            elif any(t != name for t in texts):
                shown.append("%s: link text %r, want %r" % (other, texts, name))
    result("hostile: names are shown literally (model <h1>, <title>, cohort and leaderboard "
           "links: no markup, no Markdown)", shown)

    # CSV (RFC 4180 quoting) and JSON data: the exact names, whatever quotes, commas or
    # markup they hold
    data = []
    try:
        with open(os.path.join(site, "data", cohort, "models.csv"), newline="",
                  encoding="utf-8") as fh:
            by_id = {row["id"]: row["name"] for row in csv.DictReader(fh)}
        with open(os.path.join(site, "data", "report.json"), encoding="utf-8") as fh:
            report = json.load(fh)
        in_json = {m["id"]: m["name"] for c in report["cohorts"] if c["id"] == cohort
                   for m in c["models"]}
        for mid, name in models:
            if by_id.get(mid) != name:
                data.append("data/%s/models.csv: name of %s is %r, want %r"
                            % (cohort, mid, by_id.get(mid), name))
            if in_json.get(mid) != name:
                data.append("data/report.json: name of %s is %r, want %r"
                            % (mid, in_json.get(mid), name))
    except (OSError, ValueError, KeyError) as e:
        data.append("cannot read the data files: %s" % e)
    result("hostile: names are exact in data/%s/models.csv and data/report.json" % cohort, data)

    svg_problems, seen = [], {name: [] for _, name in models}
    svgs = [f for f in files if f.endswith(".svg")]
    for f in svgs:
        try:
            problems, texts = svg_texts(os.path.join(site, f))
        except ET.ParseError as e:
            svg_problems.append("%s: not well-formed XML: %s" % (f, e))
            continue
        svg_problems += ["%s: %s" % (f, x) for x in problems]
        for _, name in models:
            if any(name in t for t in texts):
                seen[name].append(f)
    result("svg: %d SVG files are well-formed XML without scripts, foreign content or event "
           "handlers" % len(svgs), svg_problems)
    if svgs:
        missing = ["%r is in no SVG text node (want it in %s/_scores.svg)" % (n, cohort)
                   for n, fs in seen.items()
                   if "figures/%s/_scores.svg" % cohort not in fs]
        result("svg: hostile names appear as literal text in the figures", missing)


MAGIC = {"svg": (b"<?xml", b"<svg"), "png": (b"\x89PNG\r\n",), "pdf": (b"%PDF-",)}


def cmd_figures(site, formats):
    site = os.path.abspath(site)
    fmts = [f for f in formats.split(",") if f]
    files = [f for f in walk(site) if f.startswith("figures/")]
    fileset = set(files)
    names = sorted(f[:-3] for f in files if f.endswith(".gp"))
    problems = []

    def dark_of(name):
        d, base = posixpath.split(name)
        return posixpath.join(d, "dark", base + ".svg")

    for name in names:
        wanted = ["%s.%s" % (name, ext) for ext in ["csv"] + fmts]
        if "svg" in fmts:
            wanted.append(dark_of(name))
        for f in wanted:
            ext = f.rsplit(".", 1)[1]
            if f not in fileset:
                problems.append("%s missing" % f)
                continue
            with open(os.path.join(site, f), "rb") as fh:
                head = fh.read(64)
            if not head:
                problems.append("%s is empty" % f)
            elif ext in MAGIC and not head.lstrip().startswith(MAGIC[ext]):
                problems.append("%s does not start like a %s file: %r" % (f, ext, head[:16]))
    darks = {dark_of(n): n for n in names} if "svg" in fmts else {}
    for f in files:
        stem, ext = posixpath.splitext(f)
        if f in darks:
            continue
        if stem not in names:
            problems.append("%s has no gnuplot script %s.gp" % (f, stem))
        elif ext[1:] not in ["gp", "csv"] + fmts:
            problems.append("%s: a format that was not asked for" % f)
    result("figures: each of the %d figures has its .gp, .csv and %s files%s, non-empty and of "
           "the right type" % (len(names), ", ".join("." + f for f in fmts),
                               " and its dark/ SVG" if "svg" in fmts else ""), problems)
    if "svg" in fmts:
        label_overlaps(site, [n + ".svg" for n in names])
        label_overlaps(site, [dark_of(n) for n in names], "dark variants: ")


LABEL = re.compile(r'<g transform="translate\(([-0-9.]+),([-0-9.]+)\)"[^>]*font-size="8\.00"'
                   r'[^>]*text-anchor="(start|middle|end)"[^>]*>\s*<text>([^<]*)</text>')
# gnuplot's SVG points: a marker symbol translated to the point's centre and scaled to its
# radius (pt 7 is a filled circle of radius 1 before scaling)
POINT = re.compile(r"<use xlink:href='#gpPt\d+' transform='translate\(([-0-9.]+),([-0-9.]+)\) "
                   r"scale\(([0-9.]+)\)'")
PLOT = re.compile(r'<g id="gnuplot_plot_(\d+)"')
PATH_D = re.compile(r"<path [^>]*d='([^']*)'")


def line_segments(text):
    """The segments of a benchmark scatter's fit line: the paths of its second plot (the
    first is the points), as gnuplot's SVG draws them."""
    starts = [(m.start(), m.group(1)) for m in PLOT.finditer(text)]
    segs = []
    for k, (at, n) in enumerate(starts):
        if n != "2":
            continue
        end = starts[k + 1][0] if k + 1 < len(starts) else len(text)
        for d in PATH_D.findall(text[at:end]):
            pts = [tuple(map(float, xy.split(","))) for xy in re.findall(r"[-0-9.]+,[-0-9.]+", d)]
            segs += list(zip(pts, pts[1:]))
    return segs


def seg_meets_box(a, b, box):
    """Liang-Barsky: does the segment a-b enter box (x0, y0, x1, y1)?"""
    t0, t1 = 0.0, 1.0
    dx, dy = b[0] - a[0], b[1] - a[1]
    for p, q in ((-dx, a[0] - box[0]), (dx, box[2] - a[0]), (-dy, a[1] - box[1]),
                 (dy, box[3] - a[1])):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return True


def label_overlaps(site, svgs, what=""):
    """No two 8-pixel point labels of a figure overlap (gnuplot's SVG: a <g> translated to
    the text's anchor), no label covers a point's marker, and none crosses the fit line of a
    benchmark scatter. Boxes are estimated at 4.4 px a character, 8 px high, markers at 80 %
    of their radius: a little smaller than drawn, so that only a real overlap counts."""
    problems, labels, npoints, nlines = [], 0, 0, 0
    for f in svgs:
        with open(os.path.join(site, f), encoding="utf-8") as fh:
            text = fh.read()
        boxes = []
        for x, y, anchor, name in LABEL.findall(text):
            x, y = float(x), float(y)
            w = len(html.unescape(name)) * 4.4
            x0 = x if anchor == "start" else x - w if anchor == "end" else x - w / 2
            boxes.append((x0, y - 7, x0 + w, y + 1, html.unescape(name)))
        labels += len(boxes)
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]:
                    problems.append("%s: %r and %r overlap" % (f, a[4], b[4]))
        points = [(float(x), float(y), 0.8 * float(r)) for x, y, r in POINT.findall(text)]
        npoints += len(points)
        for a in boxes:
            for x, y, r in points:
                dx = max(a[0] - x, 0, x - a[2])
                dy = max(a[1] - y, 0, y - a[3])
                if dx * dx + dy * dy < r * r:
                    problems.append("%s: %r covers the point at (%.1f, %.1f)" % (f, a[4], x, y))
                    break
        base = posixpath.basename(f)
        segs = line_segments(text) if not base.startswith("_") else []
        nlines += bool(segs)
        for a in boxes:
            if a[4].startswith("what capabilities predict") or a[4].startswith("fit on log10"):
                continue  # the line's own name, beside it
            if any(seg_meets_box(p, q, a[:4]) for p, q in segs):
                problems.append("%s: %r crosses the fit line" % (f, a[4]))
    result("figures: %sno two of the %d point labels in %d SVG figures overlap, none covers one "
           "of their %d points or crosses one of their %d fit lines"
           % (what, labels, len(svgs), npoints, nlines), problems)


def main(argv):
    if len(argv) >= 2 and argv[0] == "links":
        base = None
        if len(argv) == 4 and argv[2] == "--base-url":
            base = argv[3]
        cmd_links(argv[1], base)
    elif len(argv) == 3 and argv[0] == "figures":
        cmd_figures(argv[1], argv[2])
    elif len(argv) >= 3 and argv[0] == "hostile":
        cmd_hostile(argv[1], argv[2], argv[3:])
    else:
        sys.stderr.write(__doc__)
        return 2
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
