# Sourced by the commands: puts the pinned pnpm on PATH from the tool cache, installing it once.
pnpm_version=$(node -p 'require("./package.json").packageManager.split("@")[1]')
pnpm_dir=".cache/tools/pnpm-${pnpm_version}"
if [ ! -x "${pnpm_dir}/node_modules/.bin/pnpm" ]; then
  npm install --prefix "${pnpm_dir}" --no-save --no-audit --no-fund --silent "pnpm@${pnpm_version}"
fi
export PATH="${PWD}/${pnpm_dir}/node_modules/.bin:${PATH}"
