#!/usr/bin/env bash
# Installs the pinned Schemathesis (deploy/fuzz/requirements.txt) into its own virtualenv under
# .cache/tools/, once: a second run finds the same pins recorded there and installs nothing.
set -euo pipefail
cd "$(dirname "$0")/../.."

requirements=deploy/fuzz/requirements.txt
version=$(sed -n 's/^schemathesis==//p' "$requirements")
mkdir -p .cache/tools
# The real path: .cache may be a link shared by several checkouts, and the virtualenv's scripts
# name their interpreter by absolute path, which must outlive any one checkout.
venv="$(cd .cache/tools && pwd -P)/schemathesis-$version"
stamp="$venv/.installed-requirements"
# Installed from these pins, and the Python it was made with is still there.
installed() { cmp -s "$requirements" "$stamp" && [ -e "$venv/bin/python" ]; }

if installed; then exit 0; fi

# Checkouts sharing the cache may bootstrap at once; one installs, the others then find it done.
exec 9>"$venv.lock"
flock 9
if installed; then exit 0; fi
echo "Installing Schemathesis $version into ${venv}"
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input \
  --requirement "$requirements"
# Written last, so an interrupted install is redone rather than trusted.
cp "$requirements" "$stamp"
