#!/usr/bin/env bash
# Runs the jazzer fuzz targets in fuzzing mode (JAZZER_FUZZ=1) instead of over their seeds only.
#   scripts/fuzz.sh                        every target, 60 s each
#   scripts/fuzz.sh LeadReadingFuzzTest 300 one target class, 300 s per method
# Targets: LeadReadingFuzzTest, MoneyFuzzTest (omniflow-core), PackReaderFuzzTest
# (omniflow-verticals), MockWebhookFuzzTest (omniflow-connector-mock). New findings are written to
# each target's src/test/resources/.../<Class>Inputs/<method>/ directory: commit the ones worth
# keeping as regression seeds. In ./mvnw verify the same targets run over their seeds only.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:-*FuzzTest}"
seconds="${2:-60}"
export JAZZER_FUZZ=1
exec ./mvnw -B -pl omniflow-core,omniflow-verticals,omniflow-connectors/omniflow-connector-mock -am test \
  -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false -Dspotless.check.skip=true \
  -Djazzer.max_duration="${seconds}s" -Djazzer.keep_going=1
