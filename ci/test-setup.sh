#!/usr/bin/env bash
# Makes this machine able to run the whole test suite; `npm test` runs it first (the `pretest` script) and
# `.ci/run` runs `npm test`, so a fresh clone and CI take the same path.
#   1. The Debian packages of ci/debian-packages.txt: installed when missing and we are root; otherwise stop
#      with the exact command to run.
#   2. The tslab Jupyter kernel from this checkout's node_modules, registered for Jupyter (kernelspec "tslab"),
#      for people opening the notebooks. test/notebooks writes its own private kernelspec and does not need it.
#   3. notebooks/node_modules/fairlimit, a link to this checkout, so notebooks import the package by its name.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=()
while read -r line; do
  name="${line%%#*}"
  name="${name//[[:space:]]/}"
  [ -n "$name" ] && packages+=("$name")
done < ci/debian-packages.txt

if command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for p in "${packages[@]}"; do
    [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "test-setup: installing Debian packages: ${missing[*]}"
      # Another apt run may hold the lock for a while (e.g. unattended upgrades): wait for it rather than fail.
      apt-get -o DPkg::Lock::Timeout=300 update -qq
      DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq "${missing[@]}" >/dev/null
    else
      echo "test-setup: the tests need these Debian packages, which are not installed: ${missing[*]}" >&2
      echo "test-setup: run   sudo apt-get install -y ${missing[*]}   and then npm test again" >&2
      exit 1
    fi
  fi
else
  # Not Debian: check what the tests use directly and say what is missing.
  problems=()
  [ -x /usr/bin/chromium ] || problems+=("a Chromium at /usr/bin/chromium")
  "${FAIRLIMIT_NOTEBOOK_PYTHON:-/usr/bin/python3}" -c 'import nbconvert, nbclient, ipykernel' >/dev/null 2>&1 ||
    problems+=("a Python with nbconvert, nbclient and ipykernel at /usr/bin/python3 (or FAIRLIMIT_NOTEBOOK_PYTHON)")
  if [ "${#problems[@]}" -gt 0 ]; then
    printf 'test-setup: the tests need %s\n' "${problems[@]}" >&2
    echo "test-setup: on Debian or Ubuntu: sudo apt-get install -y ${packages[*]}" >&2
    exit 1
  fi
fi

if [ ! -x node_modules/.bin/tslab ]; then
  echo "test-setup: node_modules is missing or incomplete: run   npm ci   first" >&2
  exit 1
fi
# tslab's default --binary is `tslab` on PATH, which a local install does not give: point at ours.
python="${FAIRLIMIT_NOTEBOOK_PYTHON:-/usr/bin/python3}"
node_modules/.bin/tslab install --python="$python" --binary="$PWD/node_modules/.bin/tslab" >/dev/null
npm run --silent notebooks:link
