#!/usr/bin/env bash
# Runs every test of Collab. Installs what the tests need when it is missing (Debian's chromium for the
# browser tests, LibreOffice for the formula oracle), builds the solution, runs every test project, and prints as its last line the totals
# over all projects: "N passed, N failed, N skipped". Exits non-zero when anything fails.
set -uo pipefail
cd "$(dirname "$0")"

need_packages=()
[ -x /usr/bin/chromium ] || need_packages+=(chromium)                 # browser tests (Playwright)
[ -x /usr/bin/soffice ] || need_packages+=(libreoffice-calc-nogui)     # the LibreOffice oracle of the engine

if [ ${#need_packages[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing ${need_packages[*]} (needed by the tests)..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null && apt-get install -y -qq "${need_packages[@]}" >/dev/null \
      || { echo "Could not install ${need_packages[*]} with apt-get."; exit 1; }
  else
    echo "The tests need: ${need_packages[*]}. Install them first:"
    echo "  sudo apt-get install -y ${need_packages[*]}"
    exit 1
  fi
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log=$(mktemp)
trap 'rm -f "$log"' EXIT

if ! dotnet build Collab.sln -c Debug -nologo -v minimal 2>&1 | tee "$log" | grep -E "error|Build succeeded|Warn" ; then :; fi
if ! grep -q "Build succeeded" "$log"; then
  echo "The build failed."
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

dotnet test --solution Collab.sln --no-build -c Debug 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# The summary of `dotnet test` (Microsoft.Testing.Platform) totals every project.
summary=$(awk '/Test run summary/ {found=1} found' "$log")
total=$(echo "$summary" | awk '/total:/ {print $2; exit}')
failed=$(echo "$summary" | awk '/failed:/ {print $2; exit}')
passed=$(echo "$summary" | awk '/succeeded:/ {print $2; exit}')
skipped=$(echo "$summary" | awk '/skipped:/ {print $2; exit}')
if [ -z "$total" ]; then
  echo "No test summary was printed."
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi
if [ "$status" -ne 0 ] && [ "${failed:-0}" -eq 0 ]; then
  failed=1 # a project crashed or exited non-zero without failing a test
fi
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
[ "$status" -eq 0 ] && [ "${failed:-0}" -eq 0 ]
