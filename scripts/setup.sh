#!/usr/bin/env bash
# Installs what the project needs from Debian's packages, when it is missing:
#   libglpk-dev  GLPK's header and library (the solver)
#   glpk-utils   glpsol, used by tests to cross-check models/alliance.mod
#   libxlsxwriter-dev  writes the plan.xlsx workbook and the input template
#   zlib1g-dev   zlib, which ZIPFoundation inflates .xlsx workbooks with (found through pkg-config)
#   pkg-config   how the build finds zlib
# and the Python package openpyxl, with which the tests read the workbooks back.
set -euo pipefail
"$(dirname "$0")/apt-install.sh" setup libglpk-dev glpk-utils libxlsxwriter-dev zlib1g-dev pkg-config
"$(dirname "$0")/setup-openpyxl.sh"
command -v swift >/dev/null || { echo "setup: Swift 6 is required (https://www.swift.org/install/)" >&2; exit 1; }
