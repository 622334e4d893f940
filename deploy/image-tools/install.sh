#!/usr/bin/env bash
# Installs the tools that check the Dockerfiles and the Helm chart into .cache/tools/, once:
#  - Helm, compiled from its Go module (several minutes on two cores, so only when missing);
#  - hadolint, kubernetes-validate and checkov from deploy/image-tools/requirements.txt, in a
#    virtualenv of their own.
# A second run finds both in place and installs nothing.
set -euo pipefail
cd "$(dirname "$0")/../.."

helm_version=v3.22.0
requirements=deploy/image-tools/requirements.txt
mkdir -p .cache/tools
# The real path: .cache may be a link shared by several checkouts (see deploy/fuzz/install.sh).
tools="$(cd .cache/tools && pwd -P)"
helm_dir="$tools/helm-${helm_version#v}"
venv="$tools/image-tools-$(sha256sum "$requirements" | cut -c1-12)"
stamp="$venv/.installed-requirements"

helm_installed() { [ -x "$helm_dir/bin/helm" ]; }
python_tools_installed() { cmp -s "$requirements" "$stamp" && [ -e "$venv/bin/python" ]; }

if helm_installed && python_tools_installed; then exit 0; fi

# Checkouts sharing the cache may bootstrap at once; one installs, the others then find it done.
exec 9>"$tools/image-tools.lock"
flock 9

if ! helm_installed; then
  command -v go >/dev/null || { echo "Please install Go (Helm is built from its module)" >&2; exit 1; }
  echo "Building Helm $helm_version into $helm_dir (a few minutes, once)"
  mkdir -p "$helm_dir"
  GOBIN="$helm_dir/bin" GOFLAGS=-buildvcs=false CGO_ENABLED=0 \
    go install "helm.sh/helm/v3/cmd/helm@$helm_version"
fi

if ! python_tools_installed; then
  echo "Installing hadolint, kubernetes-validate and checkov into $venv"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input \
    --requirement "$requirements"
  # Written last, so an interrupted install is redone rather than trusted.
  cp "$requirements" "$stamp"
fi
