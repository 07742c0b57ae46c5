#!/usr/bin/env bash
# Prepares .sst/platform (SST's components and the TypeScript types sst.config.ts and
# stacks/ are checked against) with no network but the npm registry, and without
# touching the real HOME: every sst command first insists on installing Pulumi and Bun
# from outside npm, so a throw-away HOME holds a stand-in `pulumi` that only reports
# the version this sst release expects, and SST_NO_BUN=1 makes it use npm.
# Idempotent: does nothing when .sst/platform matches the installed sst.
set -euo pipefail
cd "$(dirname "$0")/.."

sst=$(scripts/sst-tools.sh)
sst_version=$(node -p 'require("./tools/sst/node_modules/sst/package.json").version')
if [[ -f .sst/platform/config.d.ts && -d .sst/platform/node_modules/@pulumi/aws &&
  "$(cat .sst/platform/version 2>/dev/null)" == "$sst_version" ]]; then
  exit 0
fi

# The Pulumi release each sst release downloads (see its @pulumi/pulumi in .sst/platform/package.json).
case "$sst_version" in
  4.17.1) pulumi_version=v3.215.0 ;;
  *)
    binary=$(node -p '`tools/sst/node_modules/sst-${process.platform}-${process.arch}/bin/sst`')
    # The Pulumi version sst pins appears in its binary far more often than any other v3.x.y.
    pulumi_version=$(grep -ao 'v3\.[0-9]\+\.[0-9]\+' "$binary" | sort | uniq -c | sort -rn | awk 'NR==1 {print $2}')
    echo "sst $sst_version is not in scripts/sst-platform.sh; guessing it expects Pulumi $pulumi_version." >&2
    ;;
esac

registry=$(npm config get registry)
home="$PWD/.sst/offline-home"
mkdir -p "$home/.config/sst/bin"
printf '#!/bin/sh\necho %s\n' "$pulumi_version" >"$home/.config/sst/bin/pulumi"
chmod +x "$home/.config/sst/bin/pulumi"

echo "Installing SST $sst_version's platform into .sst/platform (first time: about a minute)..." >&2
HOME="$home" \
  SST_NO_BUN=1 \
  SST_TELEMETRY_DISABLED=1 \
  SST_STAGE="${SST_STAGE:-offline}" \
  npm_config_registry="$registry" \
  npm_config_update_notifier=false \
  "$sst" install >&2

test -f .sst/platform/config.d.ts
