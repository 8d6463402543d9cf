#!/usr/bin/env bash
# Fuzzes the submission reader and validator with libFuzzer (issue 8): builds Fuzz/SubmissionFuzzer.swift
# over the Ingest and CCHCCore sources with `swiftc -sanitize=fuzzer,address`, then runs it for a fixed
# time on a copy of the seed corpus Fuzz/corpus.
#
#   scripts/fuzz.sh [SECONDS] [JOBS]     # default 300 s, 1 job; CI runs `FUZZ_SEED=1 scripts/fuzz.sh 60`
#   FUZZ_TARGET=job-json scripts/fuzz.sh  # the job-file JSON reader instead (Fuzz/JobJSONFuzzer.swift)
#   FUZZ_TARGET=reference scripts/fuzz.sh # the reference loader (Fuzz/ReferenceFuzzer.swift)
#
# FUZZ_SEED fixes libFuzzer's random seed (0, the default, picks one), so CI explores the same inputs
# each time and cannot turn red by luck.
#
# Exit 0: no crash, leak, timeout (> 10 s on one input), out-of-memory (> 2 GB) or property violation.
# Otherwise the input that failed is kept as .build-fuzz/artifacts/crash-* (or leak-, timeout-, oom-):
# copy it into Fuzz/regressions/ (Tests/ReliabilityTests replays every file there), fix the code, run again.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-300}"
jobs="${2:-1}"
out=.build-fuzz
mkdir -p "$out/modules" "$out/artifacts" "$out/corpus" "$out/job-corpus" "$out/reference-corpus"

# Sanitiser flags for every Swift object, so coverage reaches into the reader and the validator.
flags=(-sanitize=fuzzer,address -parse-as-library -O -g -swift-version 6 -I "$out/modules" -I Sources/CCSV -I Sources/CSHA256/include)
case "${FUZZ_TARGET:-submission}" in
  job-json)
    # The job-file JSON reader: one file of Sources/Pipeline, no dependencies.
    target="$out/job-json-fuzzer"
    seeds=Fuzz/job-corpus
    if [[ ! -x "$target" || Sources/Pipeline/JobJSON.swift -nt "$target" || Fuzz/JobJSONFuzzer.swift -nt "$target" ]]; then
      echo "fuzz: building $target" >&2
      swiftc "${flags[@]}" -module-name JobJSONFuzzer Sources/Pipeline/JobJSON.swift Fuzz/JobJSONFuzzer.swift -o "$target" \
        2> >(grep -v "Cannot export local symbol '__asan" >&2)
    fi
    ;;
  submission|reference)
    # CCHCCore and Ingest (with its C SHA-256 blocks) as instrumented modules, then the harness linked with libcsv.
    if [[ "${FUZZ_TARGET:-submission}" == reference ]]; then
      target="$out/reference-fuzzer"; harness=Fuzz/ReferenceFuzzer.swift; seeds=Fuzz/reference-corpus
    else
      target="$out/submission-fuzzer"; harness=Fuzz/SubmissionFuzzer.swift; seeds=Fuzz/corpus
    fi
    if [[ ! -f "$out/Ingest.o" || -n "$(find Sources/CCHCCore Sources/Ingest Sources/CSHA256 -newer "$out/Ingest.o" \( -name '*.swift' -o -name '*.[ch]' \) | head -1)" ]]; then
      echo "fuzz: building the instrumented CCHCCore and Ingest modules" >&2
      clang -fsanitize=fuzzer-no-link,address -O2 -g -I Sources/CSHA256/include -c Sources/CSHA256/sha256_hw.c -o "$out/CSHA256.o"
      swiftc "${flags[@]}" -module-name CCHCCore -wmo -emit-module -emit-module-path "$out/modules/CCHCCore.swiftmodule" \
        -c Sources/CCHCCore/*.swift -o "$out/CCHCCore.o"
      swiftc "${flags[@]}" -module-name Ingest -wmo -emit-module -emit-module-path "$out/modules/Ingest.swiftmodule" \
        -c Sources/Ingest/*.swift -o "$out/Ingest.o"
    fi
    if [[ ! -x "$target" || "$out/Ingest.o" -nt "$target" || "$harness" -nt "$target" ]]; then
      echo "fuzz: building $target" >&2
      swiftc "${flags[@]}" -module-name "$(basename "$harness" .swift)" "$harness" "$out/CCHCCore.o" "$out/Ingest.o" "$out/CSHA256.o" \
        -lcsv -o "$target" 2> >(grep -v "Cannot export local symbol '__asan" >&2)
    fi
    ;;
  *) echo "fuzz: FUZZ_TARGET is submission (default), reference or job-json" >&2; exit 2 ;;
esac

# The corpus grows in $out/corpus (git-ignored); the seeds in Fuzz/corpus are only read.
export SWIFT_BACKTRACE=enable=no          # the Swift backtracer would hold a crashing run for 30 s
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:${ASAN_OPTIONS:-}"
export CCHC_FUZZ_REFERENCE="$PWD/Warehouse/reference"
echo "fuzz: $(basename "$target"), ${seconds}s, ${jobs} job(s), seeds $seeds ($(ls "$seeds" | wc -l) files)" >&2
set +e
"$target" "$out/$(basename "$seeds")" "$seeds" \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
  -artifact_prefix="$out/artifacts/" -print_final_stats=1 -seed="${FUZZ_SEED:-0}" \
  $([[ "$jobs" -gt 1 ]] && echo "-fork=$jobs") 2>&1 | tee "$out/last-run-$(basename "$target").log" | grep -E "^#[0-9]+ +(INITED|DONE)|stat::|ERROR|property violated|SUMMARY|Test unit written" >&2
status=${PIPESTATUS[0]}
set -e
if [[ $status -ne 0 ]]; then
  echo "fuzz: FAILED (exit $status); see $out/last-run-$(basename "$target").log and $out/artifacts/" >&2
  exit 1
fi
echo "fuzz: no crash, leak, hang or property violation in ${seconds}s" >&2
