#!/usr/bin/env bash
# Runs FlinkIT in a nested Maven build under the flink profile. Beam's Flink runner is served only
# for Beam 2.62.0, so it cannot share the default build's classpath (Beam 2.73.0); the nested build
# compiles main and test code against Beam 2.62.0 into target/flink and runs FlinkIT alone there.
# Called from the default build's integration-test phase (pom.xml, execution "flink-it").
# Arguments: offline=<true|false> <skipITs> <it.test> <pdml.venv>; unset Maven properties arrive as
# the literal "${...}".
set -euo pipefail
offline="${1#offline=}" skip_its="$2" it_test="$3" venv="$4"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"

if [[ "$skip_its" == "true" ]]; then
  echo "[flink-it] skipped: -DskipITs"
  exit 0
fi
# Honour -Dit.test=Pattern[,Pattern...] the way failsafe does for simple class-name globs.
if [[ "$it_test" != '${it.test}' && -n "$it_test" ]]; then
  wanted=false
  IFS=',' read -ra patterns <<< "$it_test"
  for p in "${patterns[@]}"; do
    p="${p%%#*}"; p="${p##*/}"; p="${p##*.}"; p="${p%.java}"
    # shellcheck disable=SC2053  # the pattern is a glob on purpose
    if [[ "FlinkIT" == $p ]]; then wanted=true; fi
  done
  if [[ "$wanted" != true ]]; then
    echo "[flink-it] skipped: -Dit.test=$it_test does not select FlinkIT"
    exit 0
  fi
fi

args=(-B -Pflink -Dspotless.check.skip=true
      -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false
      -Dit.test=FlinkIT -Dfailsafe.failIfNoSpecifiedTests=false
      "-Dpdml.venv=$venv")
if [[ "$offline" == "true" ]]; then args+=(-o); fi
mkdir -p "$root/target/flink"
log="$root/target/flink/flink-it.log"
echo "[flink-it] nested build: ./mvnw ${args[*]} verify (log: $log)"
start=$SECONDS
if (cd "$root" && ./mvnw "${args[@]}" verify > "$log" 2>&1); then
  grep -E "Tests run:|BUILD" "$log" | tail -n 3 | sed 's/^/[flink-it] /'
  echo "[flink-it] passed in $((SECONDS - start)) s"
else
  tail -n 80 "$log"
  echo "[flink-it] FAILED after $((SECONDS - start)) s; full log: $log" >&2
  exit 1
fi
