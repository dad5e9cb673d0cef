#!/usr/bin/env bash
# The README's first command: installs what xport needs, builds it, and runs its main job on real
# media (scripts/demo.sh), printing every step as a user would type it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
exec bash scripts/demo.sh
