import ArgumentParser
import CCHCCore
import Foundation
import Pipeline
import Scoring
import Warehouse

/// Benchmarks of the batch (issue 7): never run by `swift test`; built in release and driven by
/// `scripts/bench/compare.py`, which runs the anchors on the same data in the same run.
///
/// Every subcommand prints one `RESULT key=value …` line on stdout (seconds, peak RSS in KiB), so
/// the comparison script can parse it.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cchc-bench",
        abstract: "Times the cchc batch step by step (release build only; not a test).",
        subcommands: [BatchPhases.self, ScorePhase.self])
}

/// Wall-clock seconds since an arbitrary origin (`clock_gettime(CLOCK_MONOTONIC)`).
func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Peak resident set of this process so far, in KiB (`getrusage(RUSAGE_SELF).ru_maxrss`).
func peakRSSKiB() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Int(usage.ru_maxrss)
}

func parsePeriod(_ text: String) throws -> Period {
    guard let period = Period(text) else { throw ValidationError("--period \(text): expected e.g. 2025-Q3") }
    return period
}

func result(_ fields: [(String, String)]) {
    print("RESULT " + fields.map { "\($0.0)=\($0.1)" }.joined(separator: " "))
}

func seconds(_ x: Double) -> String { String(format: "%.4f", x) }
