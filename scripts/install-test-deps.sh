#!/usr/bin/env bash
# Installs the Debian packages the test suite drives for real.
set -euo pipefail
echo "install-test-deps: placeholder"
