#!/usr/bin/env bash
# Prints where cargo puts its artifacts (target/ unless CARGO_TARGET_DIR or a
# cargo config says otherwise), asked of cargo itself (scripts/lib/target-dir.mjs).
cd "$(dirname "${BASH_SOURCE[0]}")/../.." && node --input-type=module -e 'import("./scripts/lib/target-dir.mjs").then((m) => console.log(m.targetDir()))'
