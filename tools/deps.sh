#!/bin/sh
# deps.sh [build|test|all] - makes sure the Debian packages clauselint needs
# are installed. Missing ones are installed with apt-get when running as
# root (or through sudo when it works without a password); otherwise the
# script stops and prints the exact command to run.
set -eu
what=${1:-build}

build_pkgs="gcc make pkg-config libpcre2-dev libxml2-dev libzip-dev libpoppler-glib-dev"
test_pkgs="libcmocka-dev zlib1g-dev libjansson-dev python3 python3-jsonschema parallel locales"

case "$what" in
build) pkgs=$build_pkgs ;;
test | all) pkgs="$build_pkgs $test_pkgs" ;;
*) echo "usage: deps.sh [build|test|all]" >&2; exit 2 ;;
esac

missing=""
for p in $pkgs; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
	echo "clauselint: missing packages:$missing" >&2
	echo "clauselint: this is not a Debian-like system; install the equivalents of:$missing" >&2
	exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
	sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	sudo="sudo"
else
	echo "clauselint: missing Debian packages:$missing" >&2
	echo "clauselint: run this, then try again:" >&2
	echo "    sudo apt-get update && sudo apt-get install -y$missing" >&2
	exit 1
fi

echo "clauselint: installing missing Debian packages:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
