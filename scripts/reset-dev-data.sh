#!/usr/bin/env bash
# Forgets the reference server's embedded default: its PostgreSQL data and dev keyset under ./data.
# Stop the server first. The next start re-creates and re-seeds everything.
set -euo pipefail
cd "$(dirname "$0")/.."
if pgrep -f 'ai.omniflow.examples.server' >/dev/null 2>&1; then
  echo "The reference server seems to be running; stop it first." >&2
  exit 1
fi
rm -rf ./data
echo "Removed ./data; the next start of the reference server seeds a fresh dev org."
