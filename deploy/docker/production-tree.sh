#!/usr/bin/env bash
# Lays out what a process's image runs, in OUT: the package's production dependencies as
# `pnpm deploy --prod` installs them from the lockfile, hoisted (the compiled file's `require`s of
# packages our own packages use must resolve from OUT/node_modules), its compiled dist/ (`pnpm
# build` first) and its migrations. The Dockerfiles run it in their build stage; the production
# build's test runs it too, so what the test starts is what an image holds.
# Usage: deploy/docker/production-tree.sh services/campaign OUT
set -euo pipefail
cd "$(dirname "$0")/../.."
package_dir=$1
out=$2

name=$(node -p "require('./${package_dir}/package.json').name")
rm -rf "$out"
pnpm --filter "$name" deploy --prod --prefer-offline \
  --config.inject-workspace-packages=true --config.node-linker=hoisted "$out" >/dev/null
# Only what runs: the compiled files replace the sources and tests the deploy copied (and the
# dist/ it copies itself when the package was built before, which would nest).
rm -rf "$out/src" "$out/test" "$out/dist"
cp -r "${package_dir}/dist" "$out/dist"
