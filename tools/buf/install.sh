#!/usr/bin/env bash
# Installs the pinned buf (package-lock.json) into tools/buf/node_modules, once.
set -euo pipefail
cd "$(dirname "$0")"
[ -x node_modules/.bin/buf ] && [ node_modules/.package-lock.json -nt package-lock.json ] && exit 0
npm ci --no-audit --no-fund --loglevel=error
