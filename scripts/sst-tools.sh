#!/usr/bin/env bash
# Makes sure SST is installed in tools/sst (exactly what tools/sst/package-lock.json says) and
# prints the path of its `sst` command. SST stays out of the root install because its
# dependency @aws/durable-execution-sdk-js asks for Node >= 22, and only the infrastructure
# (npm run sst, npm run infra:*, stacks/infra.test.ts) needs it.
set -euo pipefail
cd "$(dirname "$0")/.."

tools=tools/sst
wanted=$(node -p "require('./$tools/package-lock.json').packages['node_modules/sst'].version")
installed=$(node -p "try { require('./$tools/node_modules/sst/package.json').version } catch { '' }")
if [[ "$installed" != "$wanted" ]]; then
  echo "Installing sst $wanted into $tools (once; it asks for Node >= 22 to deploy, type-checks and tests work on Node 20)..." >&2
  npm ci --prefix "$tools" --no-audit --no-fund --loglevel=error >&2
fi
echo "$PWD/$tools/node_modules/.bin/sst"
