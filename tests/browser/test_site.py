#!/usr/bin/python3
"""Real-browser checks of a built washboard site (headless Chromium via Debian's chromedriver).

usage: test_site.py BASE_URL SITE_DIR SCREENSHOT_DIR TMP_DIR   (normally run by run.sh)

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

IMAGES_JS = r"""
return Array.prototype.map.call(document.images, function (i) {
  var box = i.getBoundingClientRect();
  return {src: i.getAttribute('src'), complete: i.complete, nw: i.naturalWidth,
          w: box.width, h: box.height};
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


def page_checks(b, name, url, console):
    """The checks every page gets: title, a rendered table, images, text, console."""
    title = b.d.title.strip()
    check("%s: page title is not empty (%r)" % (name, title[:60]), title != "")

    css = b.js("return getComputedStyle(document.body).marginTop")
    check("%s: stylesheet applied (body margin %s)" % (name, css), css == "0px")

    tables = b.js(TABLES_JS)
    big = [t for t in tables if len(t["body"]) > 1]
    shown = [t for t in big if t["w"] > 0 and t["h"] > 0]
    check("%s: a table with more than one row renders (%d of %d tables, largest %d rows)"
          % (name, len(shown), len(tables), max([len(t["body"]) for t in tables] or [0])),
          len(shown) > 0,
          ["tables with rows: %d, with a nonzero size: %d" % (len(big), len(shown))])
    nobutton = [t["head"][:3] for t in big if t["head"] and t["buttons"] != len(t["head"])]
    check("%s: sort.js added header buttons to every sortable table" % name,
          bool(big) and not nobutton, ["table without buttons, headers %s" % h for h in nobutton]
          or ["no sortable table"])

    images = b.js(IMAGES_JS)
    bad = ["%s complete=%s naturalWidth=%s box=%dx%d" % (i["src"], i["complete"], i["nw"],
                                                       i["w"], i["h"])
           for i in images if not (i["complete"] and i["nw"] > 0 and i["w"] > 0 and i["h"] > 0)]
    check("%s: all %d images loaded and shown" % (name, len(images)), not bad, bad)

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


def main():
    if len(sys.argv) != 5:
        print("usage: test_site.py BASE_URL SITE_DIR SCREENSHOT_DIR TMP_DIR", file=sys.stderr)
        return 2
    base, site, shots, tmp = sys.argv[1:]
    base = base.rstrip("/") + "/"

    bench = "chat/benchmarks/truthfulqa_mc1.html"
    if not os.path.isfile(os.path.join(site, bench)):
        found = sorted(glob.glob(os.path.join(site, "*", "benchmarks", "*.html")))
        bench = os.path.relpath(found[0], site) if found else None
    cohort = "chat/index.html"
    if not os.path.isfile(os.path.join(site, cohort)):
        found = sorted(glob.glob(os.path.join(site, "*", "index.html")))
        cohort = os.path.relpath(found[0], site) if found else None
    board = cohort.replace("index.html", "leaderboard.html") if cohort else None
    if board and not os.path.isfile(os.path.join(site, board)):
        board = None
    pages = [("index", "index.html"), ("benchmark", bench), ("cohort", cohort),
             ("leaderboard", board)]
    for name, rel in pages:
        check("%s page exists (%s)" % (name, rel), rel is not None)
    pages = [(n, r) for n, r in pages if r]

    signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(TIME_LIMIT)
    b = None
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

        for name, rel in pages:
            url = base + rel
            console = b.load(url)
            tables = page_checks(b, "%s (%s)" % (name, rel), url, console)
            err = b.screenshot(os.path.join(shots, name + ".png"))
            check("%s: screenshot %s.png" % (name, name), not err, err)
            if name in ("benchmark", "cohort"):
                sort_checks(b, "%s (%s)" % (name, rel), url, tables)

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

        b.size(*PHONE)
        for name, rel in pages:
            b.load(base + rel)
            phone_checks(b, "%s (%s)" % (name, rel), base + rel)
            shot = "phone" if name == "benchmark" else "phone-" + name
            err = b.screenshot(os.path.join(shots, shot + ".png"))
            check("%s: screenshot %s.png" % (name, shot), not err, err)
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
