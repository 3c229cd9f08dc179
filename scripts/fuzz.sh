#!/usr/bin/env bash
# Runs the jazzer fuzz targets in fuzzing mode (JAZZER_FUZZ=1) instead of over their seeds only.
#   scripts/fuzz.sh LeadReadingFuzzTest#anyMessageIsReadWithoutErrorAndWithBoundedWork 300
#   scripts/fuzz.sh MoneyFuzzTest 120      (jazzer fuzzes one @FuzzTest per JVM: name the method to
#                                          pick which; the others of the class run their seeds)
# The duration goes to Jazzer as -Djazzer.max_duration, but Jazzer 0.24.0 ignores it: each target's
# @FuzzTest(maxDuration = "10s") applies (a 90 s request ran "Done 234483 runs in 11 second(s)").
# To fuzz longer, raise the target's maxDuration while you fuzz.
# Targets: LeadReadingFuzzTest, MoneyFuzzTest (omniflow-core), PackReaderFuzzTest
# (omniflow-verticals), MockWebhookFuzzTest (omniflow-connector-mock), MetaWebhookFuzzTest,
# WhatsAppWebhookFuzzTest and TwilioWebhookFuzzTest (the live connectors). New findings are written to
# each target's src/test/resources/.../<Class>Inputs/<method>/ directory: commit the ones worth
# keeping as regression seeds. In ./mvnw verify the same targets run over their seeds only.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:-*FuzzTest}"
seconds="${2:-60}"
export JAZZER_FUZZ=1
modules=omniflow-core,omniflow-verticals,omniflow-connectors/omniflow-connector-mock
modules+=,omniflow-connectors/omniflow-connector-meta,omniflow-connectors/omniflow-connector-whatsapp
modules+=,omniflow-connectors/omniflow-connector-twilio
exec ./mvnw -B -pl "$modules" -am test \
  -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false -Dspotless.check.skip=true \
  -Djazzer.max_duration="${seconds}s" -Djazzer.keep_going=1
