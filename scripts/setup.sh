#!/usr/bin/env bash
# Installs the system packages cchc builds against when they are missing: libcsv-dev (not on a
# fresh machine), libsqlite3-dev, and the sqlite3 CLI analysts use. Safe to run every time.
set -euo pipefail
missing=()
for package in libcsv-dev libsqlite3-dev sqlite3; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]}" >&2
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >&2
fi
