#!/usr/bin/env bash
# Re-lock the application and the test set from pyproject.toml's ranges (see CONTRIBUTING.md).
# uv resolves once for every platform (--universal: Windows' colorama and the like keep their
# markers), for the oldest Python we support, and writes every file's sha256.
set -euo pipefail
cd "$(dirname "$0")/.."
common=(--universal --python-version 3.11 --generate-hashes --quiet
        --custom-compile-command "requirements/lock.sh" "$@")
uv pip compile pyproject.toml requirements/build.in "${common[@]}" -o requirements/app.txt
uv pip compile pyproject.toml requirements/build.in --extra test "${common[@]}" -o requirements/test.txt
