#!/usr/bin/env bash
# The set-up both commands share. Idempotent: a second run installs nothing new.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v node >/dev/null || missing+=(nodejs)
command -v java >/dev/null || missing+=(openjdk-17-jre-headless)
command -v mvn >/dev/null || missing+=(maven)
command -v python3 >/dev/null || missing+=(python3)
python3 -m pip --version >/dev/null 2>&1 || missing+=(python3-pip)
# Schemathesis gets a virtualenv of its own (deploy/fuzz/install.sh).
python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || missing+=(python3-venv)
command -v flock >/dev/null || missing+=(util-linux)
# The browser tests drive Debian's chromium (Playwright's own browser download fails here).
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing ${missing[*]} with apt-get"
    apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "Please install: ${missing[*]}" >&2
    exit 1
  fi
fi
node -e 'const [maj, min] = process.versions.node.split(".").map(Number); if (maj < 20 || (maj === 20 && min < 11)) { console.error("Node.js >= 20.11 is needed, found " + process.version); process.exit(1); }'

# pnpm, at the version package.json's packageManager pins, installed by npm into the tool cache
# (corepack's bundled signing keys lag behind the registry's, so it refuses current pnpm releases).
source deploy/pnpm.sh
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
pnpm install --frozen-lockfile --reporter=silent

# Prisma's generator never runs the schema engine, but insists the file exists; the engine itself
# cannot be downloaded here (deploy/README.md says why).
export PRISMA_SCHEMA_ENGINE_BINARY="${PRISMA_SCHEMA_ENGINE_BINARY:-$(type -P true)}"
pnpm --silent run generate >/dev/null

# The OpenAPI fuzzer the integration tests run against each service.
bash deploy/fuzz/install.sh

# Helm, hadolint, kubernetes-validate and checkov, which check the images and the chart.
bash deploy/image-tools/install.sh
