#!/usr/bin/env bash
# Makes `python3 -c "import openpyxl"` work, for the tests that read plan.xlsx and the input
# template back with a real spreadsheet reader. Tries, in order: pip for the current user;
# pip past Debian's "externally managed" guard (PEP 668, still --user only); Debian's
# python3-openpyxl package (which serves /usr/bin/python3).
set -euo pipefail
has_openpyxl() { python3 -c "import openpyxl" >/dev/null 2>&1; }
command -v python3 >/dev/null || { echo "setup: python3 is required by the tests (apt-get install python3 python3-pip)" >&2; exit 1; }
has_openpyxl && exit 0
echo "setup: installing the Python package openpyxl" >&2
python3 -m pip install --user --quiet openpyxl >/dev/null 2>&1 && has_openpyxl && exit 0
python3 -m pip install --user --quiet --break-system-packages openpyxl >/dev/null 2>&1 && has_openpyxl && exit 0
sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
{ $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq python3-openpyxl; } >/dev/null 2>&1 || true
has_openpyxl && exit 0
echo "setup: could not install openpyxl for $(command -v python3); install it with pip and rerun" >&2
exit 1
