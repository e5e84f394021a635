#!/bin/bash
# SPDX-License-Identifier: MIT
# make demo: install what is missing, boot Debian's own kernel in qemu with
# the module, and show what it sees.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh base
exec tests/vm/tier.sh stock demo
