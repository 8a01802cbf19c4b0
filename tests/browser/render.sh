#!/bin/sh
# render.sh FILE.html OUT.png - renders an HTML report in a real browser.
#
# Loads FILE.html in headless Chromium (Debian's `chromium`) with a probe
# script inserted first in <head> that records in the DOM every script
# error, unhandled promise rejection, failed resource and Content-Security-
# Policy violation (a report must not reach for the network), dumps the DOM
# after the load event and checks that the page loaded with none of them;
# then takes a screenshot to OUT.png, which must be a non-empty PNG.
#
# Exit status: 0 rendered cleanly; 1 script errors, no load, or no
# screenshot (the reasons are printed); 2 usage; 77 "SKIP: chromium not
# installed". The network is unreachable for the browser (a dead proxy).
# As root (CI) Chromium needs --no-sandbox; it is passed always, since
# containers often lack the user namespaces its sandbox needs.
set -u
if [ $# -ne 2 ]; then
	echo "usage: render.sh FILE.html OUT.png" >&2
	exit 2
fi
html=$1
png=$2
if [ ! -r "$html" ]; then
	echo "render.sh: $html: cannot read" >&2
	exit 2
fi
browser=
for b in chromium chromium-browser; do
	if command -v "$b" >/dev/null 2>&1; then
		browser=$b
		break
	fi
done
if [ -z "$browser" ]; then
	echo "SKIP: chromium not installed"
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

probe='<script>(function(){var d=document.documentElement;function rec(m){var o=d.getAttribute("data-render-errors")||"";d.setAttribute("data-render-errors",o+(o?" | ":"")+m);}window.addEventListener("error",function(e){if(e.target&&e.target!==window&&e.target.tagName){rec("failed to load "+e.target.tagName+" "+(e.target.src||e.target.href||""));}else{rec((e.message||"script error")+" at line "+(e.lineno||0));}},true);window.addEventListener("unhandledrejection",function(e){rec("unhandled rejection: "+e.reason);});document.addEventListener("securitypolicyviolation",function(e){rec("CSP blocked "+e.violatedDirective+" "+e.blockedURI);});window.addEventListener("load",function(){setTimeout(function(){d.setAttribute("data-render-loaded","1");},0);});})();</script>'

# the probe goes right after the first <head ...> tag, or first of all
awk -v probe="$probe" '
	!done {
		l = tolower($0)
		if (match(l, /<head[^>]*>/)) {
			print substr($0, 1, RSTART + RLENGTH - 1) probe substr($0, RSTART + RLENGTH)
			done = 1
			next
		}
	}
	{ print }
	END { if (!done) exit 3 }
' "$html" > "$tmp/page.html"
if [ $? -eq 3 ]; then
	{ printf '%s\n' "$probe"; cat "$html"; } > "$tmp/page.html"
fi

flags="--headless --no-sandbox --disable-gpu --disable-dev-shm-usage
	--no-first-run --no-default-browser-check --disable-extensions
	--disable-background-networking --disable-component-update --disable-sync
	--proxy-server=127.0.0.1:9 --user-data-dir=$tmp/profile
	--virtual-time-budget=5000 --hide-scrollbars"
url="file://$tmp/page.html"

# shellcheck disable=SC2086
timeout 120 "$browser" $flags --dump-dom "$url" > "$tmp/dom.html" 2> "$tmp/dom.err"
status=$?
fail=0
if [ $status -ne 0 ]; then
	echo "render.sh: $html: chromium --dump-dom exited with $status:"
	tail -5 "$tmp/dom.err"
	fail=1
elif ! grep -q 'data-render-loaded="1"' "$tmp/dom.html"; then
	echo "render.sh: $html: the page did not finish loading"
	fail=1
fi
if grep -q 'data-render-errors=' "$tmp/dom.html"; then
	echo "render.sh: $html: errors while rendering:"
	sed -n 's/.*data-render-errors="\([^"]*\)".*/  \1/p' "$tmp/dom.html" | head -5
	fail=1
fi

rm -f "$png"
# shellcheck disable=SC2086
timeout 120 "$browser" $flags --window-size=1280,1600 --screenshot="$png" "$url" \
	> "$tmp/shot.out" 2>&1
status=$?
if [ $status -ne 0 ] || [ ! -s "$png" ]; then
	echo "render.sh: $html: no screenshot (chromium exited with $status):"
	tail -5 "$tmp/shot.out"
	fail=1
elif [ "$(head -c 4 "$png" | od -An -c | tr -d ' ')" != "211PNG" ]; then
	echo "render.sh: $png: not a PNG"
	fail=1
fi
if [ $fail -eq 0 ]; then
	echo "render.sh: $html: rendered without errors ($(wc -c < "$png") bytes of PNG)"
fi
exit $fail
