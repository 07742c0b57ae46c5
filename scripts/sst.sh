#!/usr/bin/env bash
# `npm run sst -- <command>`: SST from tools/sst (installed on first use), run in the repository.
set -euo pipefail
sst=$("$(dirname "$0")/sst-tools.sh")
cd "$(dirname "$0")/.."
exec "$sst" "$@"
