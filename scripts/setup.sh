#!/usr/bin/env bash
# Installs what the project needs from Debian's packages, when it is missing:
#   libglpk-dev  GLPK's header and library (the solver)
#   glpk-utils   glpsol, used by tests to cross-check models/alliance.mod
#   libxlsxwriter-dev  writes the plan.xlsx workbook and the input template
#   zlib1g-dev   zlib, which ZIPFoundation inflates .xlsx workbooks with (found through pkg-config)
#   pkg-config   how the build finds zlib
# and the Python package openpyxl, with which the tests read the workbooks back.
set -euo pipefail
missing=()
for package in libglpk-dev glpk-utils libxlsxwriter-dev zlib1g-dev pkg-config; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    echo "setup: installing ${missing[*]}" >&2
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi
"$(dirname "$0")/setup-openpyxl.sh"
command -v swift >/dev/null || { echo "setup: Swift 6 is required (https://www.swift.org/install/)" >&2; exit 1; }
