#!/usr/bin/python3
"""Real-browser checks of a built washboard site (headless Chromium via Debian's chromedriver).

usage: test_site.py BASE_URL SITE_DIR SCREENSHOT_DIR TMP_DIR   (normally run by run.sh)

Every page kind (index, cohort, benchmark, model, area, leaderboard, compare, methodology,
releases) at 1280 and 390 px wide, light and dark (prefers-color-scheme emulated): a
full-page screenshot SCREENSHOT_DIR/KIND-WIDTH-SCHEME.png each, the page's structure, images
and console, sorting, and
  - every figure is a link to its full-size SVG, and the one shown is the dark variant in
    dark mode and the light one otherwise;
  - at 390 px the key columns of every wide table (rho and verdict, expected and residual,
    the leaderboard's score, the model page's numbers, the compare page's residuals) are
    within the viewport, and nothing but tables overflows;
  - the filters of the cohort's and the leaderboard's model tables hide rows, keep their
    state in the URL hash and restore it; the compare page's menus fill the tables from
    models.json and keep the pair in the hash; every model page links to the compare page.

Prints `ok - ...` / `not ok - ...` per check and one final line `N passed, N failed`;
exits 1 when a check failed.
"""
import base64
import glob
import os
import re
import signal
import sys
import time
import traceback

TIME_LIMIT = 150  # seconds for the whole run; a hung browser becomes a failed check
DESKTOP = (1280, 900)
PHONE = (390, 844)
MAX_SHOT_HEIGHT = 16000  # Chromium cannot capture much taller images

passed = 0
failed = 0
FAVICON = []  # console errors about /favicon.ico


def check(name, ok, why=""):
    """Record one check; WHY (text or list of lines) is printed as # comments on failure."""
    global passed, failed
    if ok:
        passed += 1
        print("ok - " + name, flush=True)
    else:
        failed += 1
        print("not ok - " + name, flush=True)
        lines = why if isinstance(why, list) else str(why).splitlines()
        for line in lines[:12]:
            print("#   " + str(line)[:300], flush=True)
    return ok


class Timeout(Exception):
    pass


def on_alarm(signum, frame):
    raise Timeout("the browser test took longer than %d s" % TIME_LIMIT)


# Runs in every document before the page's own scripts: records CSP violations and uncaught
# errors, which Chromium also logs to the console (checked too) but without detail.
RECORDER = r"""
window.__wb = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__wb.push('CSP violation: ' + e.violatedDirective + ' blocked ' +
    (e.blockedURI || '(inline)') + ' at ' + (e.sourceFile || '') + ':' + (e.lineNumber || 0));
}, true);
window.addEventListener('error', function (e) {
  if (e.target && e.target !== window && e.target.tagName) {
    window.__wb.push('failed to load <' + e.target.tagName.toLowerCase() + '> ' +
      (e.target.currentSrc || e.target.src || e.target.href || ''));
  } else {
    window.__wb.push('uncaught error: ' + e.message + ' at ' + e.filename + ':' + e.lineno);
  }
}, true);
window.addEventListener('unhandledrejection', function (e) {
  window.__wb.push('unhandled rejection: ' + e.reason);
});
"""

# Cell texts of every `main table` (the same list, in the same order, as sort.js numbers).
TABLES_JS = r"""
return Array.prototype.map.call(document.querySelectorAll('main table'), function (t) {
  var head = t.tHead ? Array.prototype.map.call(t.tHead.rows[0].cells, function (c) {
    return c.textContent.replace(/\s+/g, ' ').trim();
  }) : [];
  var body = t.tBodies[0] ? Array.prototype.map.call(t.tBodies[0].rows, function (r) {
    return Array.prototype.map.call(r.cells, function (c) {
      return c.textContent.replace(/\s+/g, ' ').trim();
    });
  }) : [];
  var box = t.getBoundingClientRect();
  return {head: head, body: body, w: box.width, h: box.height,
          buttons: t.querySelectorAll('thead th button').length};
});
"""

# Every image; "other" marks the figure variant that the colour scheme hides (figure.md
# links a light and a dark one, and site.css shows one: figure_checks() checks which).
IMAGES_JS = r"""
return Array.prototype.map.call(document.images, function (i) {
  var box = i.getBoundingClientRect(), a = i.closest('a');
  return {src: i.getAttribute('src'), complete: i.complete, nw: i.naturalWidth,
          w: box.width, h: box.height,
          other: !!a && (i.getAttribute('src') || '').indexOf('figures/') >= 0 &&
                 getComputedStyle(a).display === 'none'};
});
"""

# Elements sticking out of the viewport on the right, or whose content overflows them,
# outside tables (tables scroll by design).
OVERFLOW_JS = r"""
var vw = document.documentElement.clientWidth, out = [];
var all = document.body.getElementsByTagName('*');
for (var k = 0; k < all.length && out.length < 8; k++) {
  var e = all[k];
  if (e.closest('table') || e.tagName === 'MAIN') continue;
  var r = e.getBoundingClientRect();
  var spill = e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible' &&
    e.clientWidth > 0 && r.left + e.scrollWidth > vw + 1;
  if (r.width > 0 && (r.right > vw + 1 || spill)) {
    var name = e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
      (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : '');
    out.push(name + ' right=' + Math.round(Math.max(r.right, r.left + e.scrollWidth)) +
      ' "' + (e.textContent || e.getAttribute('src') || '').replace(/\s+/g, ' ').trim().slice(0, 60) + '"');
  }
}
return {scrollWidth: document.documentElement.scrollWidth,
        bodyScrollWidth: document.body.scrollWidth,
        innerWidth: window.innerWidth, clientWidth: vw, offenders: out};
"""

# Tables wider than their box (they scroll sideways): index, width, box width, first header.
SCROLLING_JS = r"""
return Array.prototype.map.call(document.querySelectorAll('main table'), function (t, i) {
  return [i, t.scrollWidth, t.clientWidth, t.tHead ? t.tHead.textContent.replace(/\s+/g, ' ').trim().slice(0, 50) : ''];
}).filter(function (x) { return x[1] > x[2] + 1; });
"""


def parse(text):
    """Sort key of a cell, independent of sort.js: None (missing, sorts last), a float, or a
    lower-case string. Understands 78.7%, -0.25, −0.25, +0.41, 132B, 7M, 1.6 × 10^23, ▲ 3, ▼ 2."""
    t = " ".join(text.split())
    if t == "" or t.startswith("—"):
        return None
    m = re.match(r"^(-?[\d.]+) × 10\^(-?\d+)", t)
    if m:
        return float(m.group(1)) * 10 ** int(m.group(2))
    sign = 1
    if t[0] in "▲▼":
        sign = 1 if t[0] == "▲" else -1
        t = t[1:].strip()
    t = t.replace("−", "-")
    m = re.match(r"^([+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)\s*([%BM]?)", t)
    if not m:
        return t.lower()
    x = float(m.group(1)) * sign
    x *= {"B": 1e9, "M": 1e6}.get(m.group(2), 1)
    return x


def numeric_column(table, need_missing=False):
    """The column of TABLE best suited to a sort test: numbers (or missing) with the most
    distinct values (and, with NEED_MISSING, some missing cells). None when there is none."""
    best, best_score = None, None
    for c in range(1, len(table["head"])):
        keys = [parse(r[c]) if c < len(r) else None for r in table["body"]]
        nums = [k for k in keys if isinstance(k, float)]
        strs = [k for k in keys if isinstance(k, str)]
        if strs or len(set(nums)) < 3 or (need_missing and None not in keys):
            continue
        score = (len(set(nums)), None in keys)
        if best_score is None or score > best_score:
            best, best_score = c, score
    return best


def order_problem(keys, direction):
    """Why KEYS (parsed cells, top to bottom) are not sorted in DIRECTION, or ''."""
    seen_missing = False
    nums = []
    for i, k in enumerate(keys):
        if k is None:
            seen_missing = True
        elif seen_missing:
            return "row %d has a value after a missing one (missing must sort last)" % (i + 1)
        else:
            nums.append((i, k))
    for (i, a), (_, b) in zip(nums, nums[1:]):
        if (direction == "desc" and a < b) or (direction == "asc" and a > b):
            return "rows %d-%d out of %s order: %r then %r" % (i + 1, i + 2, direction, a, b)
    return ""


class Browser:
    def __init__(self, tmp):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for flag in ("--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--no-proxy-server", "--hide-scrollbars",
                     "--force-color-profile=srgb",
                     "--window-size=%d,%d" % DESKTOP,
                     "--user-data-dir=" + os.path.join(tmp, "profile")):
            options.add_argument(flag)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        self.driverlog = os.path.join(tmp, "chromedriver.log")
        try:  # selenium >= 4.11 (Debian trixie) renamed log_path
            service = Service(executable_path="/usr/bin/chromedriver", log_output=self.driverlog)
        except TypeError:
            service = Service(executable_path="/usr/bin/chromedriver", log_path=self.driverlog)
        self.d = webdriver.Chrome(service=service, options=options)
        self.d.set_page_load_timeout(30)
        self.d.set_script_timeout(30)
        self.d.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORDER})
        self.size(*DESKTOP)

    def quit(self):
        try:
            self.d.quit()
        except Exception:
            pass

    def size(self, w, h):
        """Make the viewport (not the window) W x H CSS pixels."""
        self.d.set_window_size(w, h)
        iw, ih = self.d.execute_script("return [window.innerWidth, window.innerHeight]")
        if (iw, ih) != (w, h):  # window decorations: grow the window by the difference
            self.d.set_window_size(w + (w - iw), h + (h - ih))

    def scheme(self, name):
        """Emulate prefers-color-scheme: NAME ("light" or "dark") for the pages to come."""
        self.d.execute_cdp_cmd("Emulation.setEmulatedMedia", {
            "features": [{"name": "prefers-color-scheme", "value": name}]})

    def js(self, script, *args):
        return self.d.execute_script(script, *args)

    def load(self, url):
        """Load URL, wait for it and its images; return the console entries it produced."""
        self.d.get("about:blank")
        self.console()  # discard
        self.d.get(url)
        self.settle()
        return self.console()

    def settle(self, limit=10):
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if self.js("return document.readyState === 'complete' && "
                       "Array.prototype.every.call(document.images, function (i) "
                       "{ return i.complete; })"):
                break
            time.sleep(0.05)

    def console(self):
        try:
            entries = self.d.get_log("browser")
        except Exception as e:  # noqa: BLE001 - report, don't crash
            return [{"level": "SEVERE", "message": "cannot read the console: %s" % e}]
        try:
            recorded = self.js("var x = window.__wb || []; window.__wb = []; return x;") or []
        except Exception:
            recorded = []
        return entries + [{"level": "SEVERE", "message": m} for m in recorded]

    def screenshot(self, path, full=True):
        """Save a PNG of the whole page (up to MAX_SHOT_HEIGHT px) or of the viewport."""
        try:
            if full:
                w, h = self.js("return [document.documentElement.clientWidth, Math.max("
                               "document.documentElement.scrollHeight, document.body.scrollHeight)]")
                shot = self.d.execute_cdp_cmd("Page.captureScreenshot", {
                    "format": "png", "captureBeyondViewport": True,
                    "clip": {"x": 0, "y": 0, "width": w, "height": min(h, MAX_SHOT_HEIGHT),
                             "scale": 1}})
                with open(path, "wb") as f:
                    f.write(base64.b64decode(shot["data"]))
            else:
                self.d.save_screenshot(path)
            return ""
        except Exception as e:  # noqa: BLE001
            return str(e)


def errors_of(entries):
    return [e for e in entries if e.get("level") in ("SEVERE", "ERROR")
            or re.search(r"Content.Security.Policy|Refused to", e.get("message", ""))]


def page_checks(b, name, url, console, need_table=True):
    """The checks every page gets: title, a rendered table (unless not NEED_TABLE: a prose
    page), images, text, console."""
    title = b.d.title.strip()
    check("%s: page title is not empty (%r)" % (name, title[:60]), title != "")

    css = b.js("return getComputedStyle(document.body).marginTop")
    check("%s: stylesheet applied (body margin %s)" % (name, css), css == "0px")

    tables = b.js(TABLES_JS)
    big = [t for t in tables if len(t["body"]) > 1]
    shown = [t for t in big if t["w"] > 0 and t["h"] > 0]
    if need_table:
        check("%s: a table with more than one row renders (%d of %d tables, largest %d rows)"
              % (name, len(shown), len(tables), max([len(t["body"]) for t in tables] or [0])),
              len(shown) > 0,
              ["tables with rows: %d, with a nonzero size: %d" % (len(big), len(shown))])
    nobutton = [t["head"][:3] for t in big if t["head"] and t["buttons"] != len(t["head"])]
    if big or need_table:
        check("%s: sort.js added header buttons to every sortable table" % name,
              bool(big) and not nobutton,
              ["table without buttons, headers %s" % h for h in nobutton] or ["no sortable table"])

    images = b.js(IMAGES_JS)
    bad = ["%s complete=%s naturalWidth=%s box=%dx%d" % (i["src"], i["complete"], i["nw"],
                                                       i["w"], i["h"])
           for i in images if not (i["complete"] and i["nw"] > 0 and
                                   (i["other"] or (i["w"] > 0 and i["h"] > 0)))]
    check("%s: all %d images loaded and shown (%d figure variants hidden by the colour scheme)"
          % (name, len(images), sum(i["other"] for i in images)), not bad, bad)

    text = b.js("return document.body.innerText")
    html = b.d.page_source
    found = []
    for pattern, what in ((r"\bNaN\b", "NaN"), (r"\bundefined\b", "undefined"),
                          (r"\{\{", "{{"), (r"\bnull\b", "null"), (r"\binf\b|Infinity", "inf")):
        for m in re.finditer(pattern, text):
            found.append("text %r: ...%s..." % (what, text[max(0, m.start() - 40):m.end() + 40]
                                                .replace("\n", " ")))
            break
    if "{{" in html and "{{" not in text:
        found.append("'{{' in the markup (an attribute?)")
    check("%s: no NaN / undefined / null / inf / {{ in the page" % name, not found, found)

    # Chromium asks for /favicon.ico when a page declares no icon; that 404 is one check of
    # its own (see main), not an error of every page.
    errors = errors_of(console)
    FAVICON.extend(e for e in errors if "/favicon.ico" in e.get("message", ""))
    errors = [e for e in errors if "/favicon.ico" not in e.get("message", "")]
    check("%s: console has no errors (%d entries)" % (name, len(console)), not errors,
          ["%s %s" % (e.get("level"), e.get("message")) for e in errors])

    # Not a failure: tables scroll sideways by design, but at desktop width it is worth a look.
    for i, sw, cw, head in b.js(SCROLLING_JS):
        print("# note: %s: table %d is %d px wide in a %d px box at %d px (scrolls): %s"
              % (name, i, sw, cw, DESKTOP[0], head), flush=True)
    return tables


def sort_checks(b, name, url, tables):
    """Click a numeric header of the largest table: descending, then ascending, the hash,
    and a reload / fresh load with the hash restoring the order. Then the same clicks on a
    column with missing values (they must stay last both ways), when the page has one."""
    candidates = sorted(((len(t["body"]), i) for i, t in enumerate(tables)
                         if len(t["body"]) > 1 and numeric_column(t) is not None), reverse=True)
    if not check("%s: has a table with a numeric column to sort" % name, candidates):
        return
    ti = candidates[0][1]
    col = numeric_column(tables[ti])
    label = "%s: table %d column %d %r" % (name, ti, col, tables[ti]["head"][col])

    def state(ti, col):
        t = b.js(TABLES_JS)[ti]
        keys = [parse(r[col]) if col < len(r) else None for r in t["body"]]
        aria = b.js("return document.querySelectorAll('main table')[arguments[0]]"
                    ".tHead.rows[0].cells[arguments[1]].getAttribute('aria-sort')", ti, col)
        return t, keys, aria, b.js("return location.hash")

    def shown(t, col):
        return "column now: " + ", ".join((r[col] if col < len(r) else "") or "(empty)"
                                          for r in t["body"][:14])

    def clicks(ti, col, label):
        rows_before = sorted(tuple(r) for r in tables[ti]["body"])
        for direction, aria_want in (("desc", "descending"), ("asc", "ascending")):
            button = b.js("return document.querySelectorAll('main table')[arguments[0]]"
                          ".tHead.rows[0].cells[arguments[1]].querySelector('button')", ti, col)
            why = []
            if button is None:
                why.append("no <button> in the header")
            else:
                b.js("arguments[0].scrollIntoView({block: 'center'})", button)
                button.click()
            t, keys, aria, hash_ = state(ti, col)
            problem = order_problem(keys, direction)
            if problem:
                why.append(problem)
            if sorted(tuple(r) for r in t["body"]) != rows_before:
                why.append("the rows changed (lost, duplicated or altered)")
            if aria != aria_want:
                why.append("aria-sort is %r, want %r" % (aria, aria_want))
            check("%s: click sorts %s" % (label, "descending" if direction == "desc"
                                          else "ascending (second click)"),
                  not why, why + [shown(t, col)])
            want = "#sort-%d-%d-%s" % (ti, col, direction)
            check("%s: location.hash is %s" % (label, want), hash_ == want, ["got %r" % hash_])

    clicks(ti, col, label)

    # Reload keeps the hash (#...-asc); a fresh load of #...-desc sorts descending.
    b.d.refresh()
    b.settle()
    t, keys, aria, hash_ = state(ti, col)
    problem = order_problem(keys, "asc")
    check("%s: reload with %s restores the ascending sort" % (label, hash_),
          not problem and aria == "ascending",
          [problem or "aria-sort is %r" % aria, shown(t, col)])
    want = "#sort-%d-%d-desc" % (ti, col)
    b.load(url + want)
    t, keys, aria, hash_ = state(ti, col)
    problem = order_problem(keys, "desc")
    unsorted = [parse(r[col]) for r in tables[ti]["body"]]
    check("%s: loading %s sorts descending" % (label, want),
          not problem and aria == "descending" and (keys != unsorted or not order_problem(
              unsorted, "desc")),
          [problem or "aria-sort is %r (or the order did not change)" % aria, shown(t, col)])

    # A column with missing cells ('—' or empty): they sort last in both directions.
    for i, t in enumerate(tables):
        c = numeric_column(t, need_missing=True)
        if c is not None and (i, c) != (ti, col):
            clicks(i, c, "%s: table %d column %d %r (with missing values)" % (name, i, c,
                                                                                t["head"][c]))
            break

    errors = errors_of(b.console())
    check("%s: no console errors while sorting" % name, not errors,
          ["%s %s" % (e.get("level"), e.get("message")) for e in errors])


def phone_checks(b, name, url):
    o = b.js(OVERFLOW_JS)
    width = min(o["innerWidth"], o["clientWidth"])
    check("%s at %dx%d: no horizontal overflow outside tables (scrollWidth %d, viewport %d)"
          % (name, PHONE[0], PHONE[1], o["scrollWidth"], width),
          o["scrollWidth"] <= width + 1 and o["bodyScrollWidth"] <= width + 1 and width == PHONE[0],
          ["innerWidth %d clientWidth %d body.scrollWidth %d" % (o["innerWidth"], o["clientWidth"],
                                                                 o["bodyScrollWidth"])]
          + o["offenders"])


# Every figure of the page: the <img>, its link, whether it is shown.
FIGURES_JS = r"""
return Array.prototype.filter.call(document.querySelectorAll('main img'), function (i) {
  return (i.getAttribute('src') || '').indexOf('figures/') >= 0;
}).map(function (i) {
  var a = i.closest('a');
  return {src: i.getAttribute('src'), abs: i.src, href: a ? a.getAttribute('href') : null,
          habs: a ? a.href : null, shown: i.offsetParent !== null && i.getBoundingClientRect().width > 0};
});
"""


def figure_checks(b, name, scheme):
    """Every figure links to its full-size SVG (the very file it shows); the figures shown are
    the dark variants (figures/C/dark/...) in dark mode and the light ones otherwise, one of
    each pair."""
    figs = b.js(FIGURES_JS)
    if not figs:
        return
    bad = ["%s links to %r" % (f["src"], f["href"]) for f in figs
           if not f["href"] or not f["habs"].endswith(".svg") or f["habs"] != f["abs"]]
    check("%s: each of its %d figure images links to its full-size SVG" % (name, len(figs)),
          not bad, bad)
    shown = [f for f in figs if f["shown"]]
    dark = [f["src"] for f in shown if "/dark/" in f["src"]]
    light = [f["src"] for f in shown if "/dark/" not in f["src"]]
    want_dark = scheme == "dark"
    ok = shown and (not light if want_dark else not dark) and len(shown) * 2 == len(figs)
    check("%s (%s): the %d figures shown are the %s variants (%d images, light and dark)"
          % (name, scheme, len(shown), scheme, len(figs)), ok,
          ["shown: %s" % (light if want_dark else dark)[:3], "%d shown of %d" % (len(shown), len(figs))])


# For the tables of the page: the header texts, each header's and first row's cell right
# edges, the box's visible right edge and the viewport width.
COLUMNS_JS = r"""
var vw = document.documentElement.clientWidth;
return Array.prototype.map.call(document.querySelectorAll('main table'), function (t) {
  t.scrollLeft = 0;
  var box = t.getBoundingClientRect(), edge = Math.min(box.left + t.clientWidth, vw);
  var head = t.tHead ? Array.prototype.map.call(t.tHead.rows[0].cells, function (c) {
    return [c.textContent.replace(/\s+/g, ' ').trim(), c.getBoundingClientRect().right];
  }) : [];
  var row = t.tBodies[0] && t.tBodies[0].rows[0] ? Array.prototype.map.call(t.tBodies[0].rows[0].cells, function (c) {
    return c.getBoundingClientRect().right;
  }) : [];
  return {head: head, row: row, edge: edge, visible: box.height > 0};
});
"""

# The key columns of each page kind: a table is one whose header has the first of these
# (a prefix of the header text); every listed column must be within the viewport.
KEY_COLUMNS = {
    "index": [["Benchmark", "ρ with capabilities", "Verdict"]],
    "cohort": [["Benchmark", "ρ with capabilities", "Verdict"],
               ["Model", "Capabilities score", "Rank"]],
    "benchmark": [["Model", "Value", "Expected", "Residual (SD)"]],
    "model": [["Benchmark", "Value", "Expected", "Residual (SD)"]],
    "area": [["Benchmark", "ρ with capabilities", "Verdict"],
             ["Model", "Raw (SD)", "Decorrelated (SD)"]],
    "leaderboard": [["Rank", "Model", "Decorrelated score"]],
    "compare": [["Benchmark", "A: residual", "B: residual"]],
}


def key_column_checks(b, name, kind):
    """At phone width the key columns of the page's tables are inside the viewport (and
    inside their table's visible box): their headers and the first row's cells."""
    specs = KEY_COLUMNS.get(kind)
    if not specs:
        return
    tables = b.js(COLUMNS_JS)
    for spec in specs:
        found = [t for t in tables if t["visible"] and t["head"] and
                 t["head"][0][0].startswith(spec[0]) and
                 all(any(h[0].startswith(k) for h in t["head"]) for k in spec[1:])]
        why = []
        for t in found:
            for k in spec:
                i = next(i for i, h in enumerate(t["head"]) if h[0].startswith(k))
                right = max(t["head"][i][1], t["row"][i] if i < len(t["row"]) else 0)
                if right > t["edge"] + 0.5:
                    why.append("%r ends at %d px, the table's visible box at %d px"
                               % (t["head"][i][0][:40], right, t["edge"]))
        check("%s at %d px: the key columns %s are within the viewport (%d tables)"
              % (name, PHONE[0], " · ".join(spec[1:]), len(found)), found and not why,
              why or ["no table with the columns %s" % spec])


def filter_checks(b, name, url):
    """The model tables' filter bar: choosing the smallest size hides the larger models,
    the hash keeps it, a fresh load with that hash restores it, "Show all" undoes it."""
    b.load(url)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and not b.js("return !!document.querySelector('.filters')"):
        time.sleep(0.05)
    bar = b.js("return document.querySelector('.filters') ? "
               "Array.prototype.map.call(document.querySelectorAll('.filters select'), "
               "function (s) { return s.parentNode.textContent.trim().split(/\\s*\\n/)[0]; }) : null")
    if not check("%s: explore.js adds a filter bar to the model table (%s)" % (name, bar), bar):
        return
    rows = "return Array.prototype.filter.call(document.querySelectorAll('main table')[arguments[0]].tBodies[0].rows, function (r) { return !r.hidden; }).length"
    ti = b.js("var ts = document.querySelectorAll('main table'); var f = document.querySelector('.filters');"
              "for (var i = 0; i < ts.length; i++) if (f.compareDocumentPosition(ts[i]) & 4) return i; return -1;")
    before = b.js(rows, ti)
    # the largest "to" size that hides some models: the second option of the "to" select
    picked = b.js("""
var s = Array.prototype.filter.call(document.querySelectorAll('.filters label'), function (l) {
  return /^to/.test(l.textContent.trim()); })[0];
if (!s) return null; s = s.querySelector('select');
s.value = s.options[1].value; s.dispatchEvent(new Event('change'));
return s.value;""")
    after = b.js(rows, ti)
    h = b.js("return location.hash")
    check("%s: a size filter (up to %sB parameters) hides models (%d -> %d rows), hash %s"
          % (name, picked, before, after, h), picked and 0 < after < before and "params=" in h)
    b.load(url + h)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and b.js(rows, ti) == before:
        time.sleep(0.05)
    check("%s: loading %s restores the filter (%d rows)" % (name, h, b.js(rows, ti)),
          b.js(rows, ti) == after)
    b.js("Array.prototype.filter.call(document.querySelectorAll('.filters button'), function (x) {"
         " return x.textContent === 'Show all'; })[0].click()")
    check("%s: 'Show all' shows every row again and clears the hash (%r)"
          % (name, b.js("return location.hash")),
          b.js(rows, ti) == before and "params=" not in b.js("return location.hash"))


def compare_checks(b, base, site, cohort, model_rel):
    """The compare page: two menus; choosing B changes the tables to that model's numbers from
    models.json and writes #a=..&b=..; a model page's link opens it with that model as A."""
    import json
    with open(os.path.join(site, "data", cohort, "models.json"), encoding="utf-8") as f:
        data = json.load(f)
    url = base + cohort + "/compare.html"
    b.load(url)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and b.js("return document.querySelectorAll('.compare select').length") < 2:
        time.sleep(0.05)
    n = b.js("return document.querySelectorAll('.compare select').length")
    if not check("compare: explore.js adds the two menus (%d)" % n, n == 2):
        return
    last = data["models"][-1]
    b.js("var s = document.querySelectorAll('.compare select')[1]; s.value = arguments[0];"
         "s.dispatchEvent(new Event('change'));", last["id"])
    cells = b.js("""
var t = document.querySelectorAll('main table');
var r = t[1].tBodies[0].rows[0];
return {link: t[0].tBodies[0].rows[0].cells[2].textContent.trim(),
        fact: t[0].tBodies[0].rows[1].cells[2].textContent.trim(),
        bench: r.querySelector('a').getAttribute('href'), resid: r.cells[2].textContent.trim()};""")
    k = next(i for i, bm in enumerate(data["benchmarks"]) if cells["bench"].endswith(bm["id"] + ".html"))
    want = {"link": last["name"], "fact": last["facts"][0], "resid": last["cells"][k][1]}
    got = {x: cells[x] for x in want}
    check("compare: choosing B = %s shows its name, facts and residuals from models.json" % last["id"],
          got == want, ["got %r" % got, "want %r" % want])
    h = b.js("return location.hash")
    check("compare: the hash names the pair (%s)" % h,
          h == "#a=%s&b=%s" % (data["models"][0]["id"], last["id"]))
    b.load(base + model_rel)
    href = b.js("var a = Array.prototype.filter.call(document.querySelectorAll('main a'), function (x) {"
                " return /compare\\.html#a=/.test(x.getAttribute('href')); })[0]; return a ? a.href : null")
    if not check("compare: the model page %s links to the compare page (%s)" % (model_rel, href), href):
        return
    b.load(href)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and b.js("return document.querySelectorAll('.compare select').length") < 2:
        time.sleep(0.05)
    mid = model_rel.rsplit("/", 1)[1][:-5]
    a = b.js("var s = document.querySelectorAll('.compare select'); return s.length ? [s[0].value, s[1].value] : null")
    check("compare: opened from the model page, A is that model and B another (%s)" % a,
          a and a[0] == mid and a[1] != mid)


def discover(site):
    """The page of each kind to test: (kind, path below the site) for the chat cohort, or the
    first cohort when there is none."""
    def first(pattern, prefer):
        if os.path.isfile(os.path.join(site, prefer)):
            return prefer
        found = sorted(glob.glob(os.path.join(site, pattern)))
        return os.path.relpath(found[0], site) if found else None
    cohort = first("*/index.html", "chat/index.html")
    c = cohort.split("/")[0] if cohort else "chat"
    return [("index", "index.html"), ("cohort", cohort),
            ("benchmark", first(c + "/benchmarks/*.html", c + "/benchmarks/truthfulqa_mc1.html")),
            ("model", first(c + "/models/*.html", c + "/models/yi-34b-chat.html")),
            ("area", first(c + "/areas/*.html", c + "/areas/alignment.html")),
            ("leaderboard", first(c + "/leaderboard.html", c + "/leaderboard.html")),
            ("compare", first(c + "/compare.html", c + "/compare.html")),
            ("methodology", first("methodology.html", "methodology.html")),
            ("releases", first("releases/index.html", "releases/index.html"))], c


def main():
    if len(sys.argv) != 5:
        print("usage: test_site.py BASE_URL SITE_DIR SCREENSHOT_DIR TMP_DIR", file=sys.stderr)
        return 2
    base, site, shots, tmp = sys.argv[1:]
    base = base.rstrip("/") + "/"

    pages, cohort = discover(site)
    for name, rel in pages:
        check("%s page exists (%s)" % (name, rel), rel is not None)
    pages = [(n, r) for n, r in pages if r]
    prose = ("methodology", "releases")

    signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(TIME_LIMIT)
    b = None
    t0 = time.monotonic()
    try:
        try:
            b = Browser(tmp)
        except Exception as e:  # noqa: BLE001
            log = ""
            if os.path.exists(os.path.join(tmp, "chromedriver.log")):
                with open(os.path.join(tmp, "chromedriver.log"), errors="replace") as f:
                    log = f.read()[-1500:]
            check("headless chromium starts", False, str(e).splitlines()[:4] + log.splitlines()[-6:])
            return 1
        check("headless chromium starts (%s)" % b.d.capabilities.get("browserVersion", "?"), True)

        for width, scheme in ((1280, "light"), (1280, "dark"), (390, "light"), (390, "dark")):
            b.size(*(DESKTOP if width == 1280 else PHONE))
            b.scheme(scheme)
            for name, rel in pages:
                url = base + rel
                label = "%s (%s)" % (name, rel)
                console = b.load(url)
                if width == 1280 and scheme == "light":
                    tables = page_checks(b, label, url, console, need_table=name not in prose)
                else:
                    errors = [e for e in errors_of(console) if "/favicon.ico" not in e.get("message", "")]
                    check("%s at %d px, %s: console has no errors" % (label, width, scheme), not errors,
                          ["%s %s" % (e.get("level"), e.get("message")) for e in errors])
                if width == 390 and scheme == "light":
                    phone_checks(b, label, url)
                    key_column_checks(b, label, name)
                if width == 1280 or scheme == "dark":
                    figure_checks(b, "%s at %d px" % (label, width), scheme)
                shot = "%s-%d-%s.png" % (name, width, scheme)
                err = b.screenshot(os.path.join(shots, shot))
                check("%s: screenshot %s" % (name, shot), not err, err)
                if width == 1280 and scheme == "light" and name in ("benchmark", "cohort"):
                    sort_checks(b, label, url, tables)
        b.size(*DESKTOP)
        b.scheme("light")

        for name, rel in pages:
            if name in ("cohort", "leaderboard"):
                filter_checks(b, "%s (%s)" % (name, rel), base + rel)
        model = dict(pages).get("model")
        if dict(pages).get("compare") and model:
            compare_checks(b, base, site, cohort, model)

        # Without <link rel="icon"> every browser asks for /favicon.ico: a 404 in the console
        # of every visit (Chromium does not always ask in time for the checks above to see it).
        b.load(base + "index.html")
        icon = b.js("var l = document.querySelector('link[rel~=\"icon\"]'); "
                    "return l ? l.getAttribute('href') : null")
        if icon:
            ok = os.path.isfile(os.path.join(site, icon.split("#")[0].split("?")[0]))
            why = ["index.html declares the icon %r, which is not in %s" % (icon, site)]
        else:
            ok = os.path.isfile(os.path.join(site, "favicon.ico"))
            why = ["no <link rel=\"icon\"> in index.html and no favicon.ico in the site: "
                   "browsers request /favicon.ico and log a 404 error"]
        check("the site has an icon (%s), so browsers log no /favicon.ico 404"
              % (icon or "favicon.ico"), ok and not FAVICON,
              why + ["%s %s" % (e.get("level"), e.get("message")) for e in FAVICON[:1]])
        print("# note: the browser checks took %.1f s" % (time.monotonic() - t0), flush=True)
    except Timeout as e:
        check("browser test finishes in time", False, str(e))
    except Exception as e:  # noqa: BLE001 - any crash is one failed check, not a traceback
        check("browser test runs without an exception", False,
              [type(e).__name__ + ": " + str(e).splitlines()[0] if str(e) else type(e).__name__]
              + traceback.format_exc().splitlines()[-6:])
    finally:
        signal.alarm(0)
        if b:
            b.quit()
    return 0


if __name__ == "__main__":
    status = main()
    print("%d passed, %d failed" % (passed, failed), flush=True)
    sys.exit(1 if failed or status else 0)
