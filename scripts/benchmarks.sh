#!/usr/bin/env bash
# Builds the JMH benchmarks and runs them; arguments go to JMH (e.g. a benchmark name, -f 1).
# Figures belong in docs/performance.md with the command that produced them.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl omniflow-benchmarks -am package -DskipTests
exec java -jar omniflow-benchmarks/target/benchmarks.jar "$@"
