#!/usr/bin/env bash
# The lead engine end to end: starts the reference server on a throw-away embedded PostgreSQL
# (port 18080, data under a temp dir), loads it with EndToEndRunner (from-thread + score + route at
# a fixed request rate) and stops it. Arguments go to the runner, e.g. --rate 200 --seconds 60.
# Figures belong in docs/performance.md with this command.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl omniflow-benchmarks,examples/reference-server -am package -DskipTests
data="$(mktemp -d)"
log="$data/server.log"
OMNIFLOW_DATA_DIR="$data" SERVER_PORT=18080 \
  java -Xmx1g -jar examples/reference-server/target/reference-server.jar >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do
  if curl -fs localhost:18080/healthz >/dev/null 2>&1; then break; fi
  if ! kill -0 $server 2>/dev/null; then cat "$log"; exit 1; fi
  sleep 1
done
curl -fs localhost:18080/healthz >/dev/null || { cat "$log"; exit 1; }
java -cp omniflow-benchmarks/target/benchmarks.jar ai.omniflow.benchmarks.EndToEndRunner \
  --url http://localhost:18080 "$@"
