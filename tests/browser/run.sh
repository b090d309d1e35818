#!/bin/sh
# tests/browser/run.sh - real-browser test of a built site: headless Chromium driven by
# Debian's chromium-driver and python3-selenium (no network, no npm downloads).
#
# usage: tests/browser/run.sh SITE_DIR BUILD_DIR
#   SITE_DIR   a site built by `washboard build` (served over http://127.0.0.1:PORT/)
#   BUILD_DIR  screenshots go to BUILD_DIR/screenshots/KIND-WIDTH-SCHEME.png: KIND index, cohort,
#              benchmark, model, area, leaderboard, compare, methodology, releases; WIDTH 1280
#              or 390; SCHEME light or dark (prefers-color-scheme emulated). test_site.py says
#              what each page is checked for (about 60 s).
#
# Prints one line per check, `ok - ...` or `not ok - ...`, then exactly one line
# `N passed, N failed` (tests/lib.sh). Exits 1 when a check failed or the browser is not
# installed (Debian packages: chromium chromium-driver python3-selenium).
set -u

site=${1:?usage: tests/browser/run.sh SITE_DIR BUILD_DIR}
build=${2:?usage: tests/browser/run.sh SITE_DIR BUILD_DIR}
here=$(cd "$(dirname "$0")" && pwd)
PY=/usr/bin/python3
# shellcheck source=tests/lib.sh
. "$here/../lib.sh"

missing=
[ -x "$PY" ] || missing="$missing $PY"
[ -x /usr/bin/chromium ] || missing="$missing /usr/bin/chromium"
[ -x /usr/bin/chromedriver ] || missing="$missing /usr/bin/chromedriver"
if [ -z "$missing" ] && ! "$PY" -c 'import selenium.webdriver' 2>/dev/null; then
	missing="$missing python3-selenium"
fi
[ -n "$missing" ] && tl_fatal "chromium not installed (run make deps)" "missing:$missing"
[ -f "$site/index.html" ] || tl_fatal "site exists" "no $site/index.html (build the site first)"
mkdir -p "$build/screenshots" || tl_fatal "screenshot directory" "cannot create $build/screenshots"

# Everything is on loopback: never send it through a proxy (selenium and urllib read these).
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
NO_PROXY=127.0.0.1,localhost
no_proxy=$NO_PROXY
export NO_PROXY no_proxy

tl_tempdir browser # the server's pid goes to bg: stopped at exit

# Serve the site on a free loopback port; retry with another port if the chosen one was
# taken between picking it and binding it.
url=
for _ in 1 2 3; do
	port=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	"$PY" -m http.server --bind 127.0.0.1 "$port" -d "$site" >"$T/server.log" 2>&1 &
	bg=$!
	if "$PY" - "http://127.0.0.1:$port/index.html" "$bg" <<'EOF'; then
import os, sys, time, urllib.request
url, pid = sys.argv[1], int(sys.argv[2])
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
deadline = time.monotonic() + 10
while time.monotonic() < deadline:
    try:
        os.kill(pid, 0)
    except OSError:
        sys.exit(1)  # the server exited (port taken?)
    try:
        with opener.open(url, timeout=1) as r:
            if r.status == 200:
                sys.exit(0)
    except OSError:
        time.sleep(0.05)
sys.exit(1)
EOF
		url=http://127.0.0.1:$port/
		break
	fi
	kill "$bg" 2>/dev/null
	wait "$bg" 2>/dev/null
	bg=
done
[ -n "$url" ] || tl_fatal "serve $site over http" "$(tail -n 1 "$T/server.log")"

# The Python side guards itself with an alarm; `timeout` is the last resort.
to=
command -v timeout >/dev/null 2>&1 && to="timeout -k 5 170"
$to "$PY" "$here/test_site.py" "$url" "$site" "$build/screenshots" "$T" | tee "$T/out"
# pipefail is not POSIX: take the exit status from the summary line, and make one up when
# the test was killed (or crashed) before printing it.
if ! grep -Eq '^[0-9]+ passed, [0-9]+ failed$' "$T/out"; then
	tl_tally "$T/out"
	tl_fatal "browser test finished (killed, timed out or crashed)"
fi
grep -Eq '^[0-9]+ passed, 0 failed$' "$T/out"
