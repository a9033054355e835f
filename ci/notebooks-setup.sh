#!/usr/bin/env bash
# Makes the TypeScript notebooks executable on this machine; .ci/run calls it after `npm ci`.
# 1. Debian's Jupyter (nbconvert + nbclient + ipykernel), used through /usr/bin/python3.
# 2. The tslab kernel from this checkout's node_modules, registered for Jupyter (kernelspec name "tslab").
#    test/notebooks/notebooks.test.ts also writes a private kernelspec pointing at this checkout, so the
#    registration below is for people opening the notebooks in Jupyter; the test does not depend on it.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v jupyter-nbconvert >/dev/null 2>&1 || need+=(jupyter-nbconvert)
/usr/bin/python3 -c 'import nbclient' >/dev/null 2>&1 || need+=(python3-nbclient)
/usr/bin/python3 -c 'import ipykernel' >/dev/null 2>&1 || need+=(python3-ipykernel)
if [ "${#need[@]}" -gt 0 ]; then
  echo "notebooks-setup: installing Debian packages: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

# tslab's default --binary is `tslab` on PATH, which a local install does not give: point at ours.
npx --no-install tslab install --python=/usr/bin/python3 --binary="$PWD/node_modules/.bin/tslab"
npm run notebooks:link
