#!/bin/sh
# render.sh FILE.html OUT.png - renders an HTML report in headless Chromium.
# Exit 0: rendered, no script error in the console, OUT.png non-empty;
# 1: a script error or no image; 77: SKIP (chromium not installed).
# The page is loaded from a file:// URL with the network disabled.
set -u
html=$1
png=$2
chrome=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$chrome" ]; then
	echo "render: SKIP: chromium not installed (apt-get install chromium)"
	exit 77
fi
case $html in /*) ;; *) html=$(pwd)/$html ;; esac
case $png in /*) ;; *) png=$(pwd)/$png ;; esac
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
rm -f "$png"
timeout 60 "$chrome" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
	--user-data-dir="$profile" --no-first-run --proxy-server=127.0.0.1:9 \
	--enable-logging=stderr --v=0 --window-size=1280,2000 \
	--screenshot="$png" "file://$html" > "$profile/out" 2> "$profile/err"
status=$?
if grep -E 'Uncaught|CONSOLE\(.*(Error|error)' "$profile/err" > /dev/null; then
	echo "render: FAIL: $html: script error:"
	grep -E 'Uncaught|CONSOLE' "$profile/err" | head -5
	exit 1
fi
if [ ! -s "$png" ]; then
	echo "render: FAIL: $html: no image (chromium exit $status)"
	tail -5 "$profile/err"
	exit 1
fi
exit 0
