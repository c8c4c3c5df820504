#!/usr/bin/env bash
# Regenerates the golden files (Tests/AllianceCLITests/Golden/<case>/) from the current code.
#
# The cases are listed once, in Tests/AllianceCLITests/Golden/cases.txt (format at its top); this
# script runs GoldenOutputTests with ALLIANCE_GOLDEN_REFRESH=1, which runs every case with the
# built `alliance` and writes its exit status, stdout, stderr and output files, removing folders of
# cases no longer listed. Then it runs the test again in its normal mode: the fresh fixture must
# be reproduced byte for byte, or a case is not deterministic and does not belong in cases.txt.
#
# Usage: scripts/refresh-golden.sh [case,case,...]   (default: every case)
# Then review `git diff --stat Tests/AllianceCLITests/Golden` and commit. Refresh only when a
# change of output is intended: the fixture is what proves a refactor changed nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ $# -gt 0 ]]; then export ALLIANCE_GOLDEN_ONLY="$1"; fi
ALLIANCE_GOLDEN_REFRESH=1 swift test --filter GoldenOutputTests
swift test --filter GoldenOutputTests
git status --short -- Tests/AllianceCLITests/Golden
