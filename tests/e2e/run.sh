#!/bin/sh
# run.sh -- end-to-end tests (none yet).
echo "e2e: 0 passed, 0 failed"
