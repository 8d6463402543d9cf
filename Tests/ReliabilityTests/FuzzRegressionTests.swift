import CCHCCore
import Foundation
import Ingest
import Pipeline
import Testing

/// What the libFuzzer target (`Fuzz/SubmissionFuzzer.swift`, `scripts/fuzz.sh`) found, kept as tests,
/// and its seed corpus checked to be what it says it is.
@Suite("Fuzzing: regressions and the seed corpus")
struct FuzzRegressionTests {
    @Test("every submission the fuzzer crashed on now reads to located errors or rows",
          arguments: repositoryFiles("Fuzz/regressions").filter { $0.hasSuffix(".csv") })
    func crashInputsRead(path: String) throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        try withScratch { folder in
            let (outcome, rows) = try readShipped(bytes, in: folder)
            #expect(outcome.isAcceptable || rows.isEmpty || !outcome.errors.isEmpty)
            for error in outcome.errors { #expect(error.location?.path == "inbox/2025-Q3/14/fuzz.csv") }
        }
    }

    @Test("every job file the fuzzer hung or crashed on now parses or fails with a located error",
          arguments: repositoryFiles("Fuzz/regressions").filter { $0.hasSuffix(".json") })
    func jobFileInputsParse(path: String) throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        do {
            _ = try JSONNode.parse(bytes)
        } catch {
            #expect(error.line >= 1 && error.column >= 1)
        }
    }

    @Test("a job file ending in a backslash inside a text is an error, not an endless loop (found by the fuzzer)")
    func trailingBackslash() {
        do {
            _ = try JSONNode.parse(Array(#"{"name": "x\"#.utf8))
            Issue.record("parsed")
        } catch {
            #expect(error.line == 1 && error.column == 10, "\(error)")
            #expect(error.reason.contains("never closed"))
        }
    }

    @Test("a numerator of 7.1e67 is rejected with a message, not a trap in Rounding (found by the fuzzer)")
    func hugeNumerator() throws {
        let text = "unit_code,period,indicator_code,value,numerator,denominator,note\n"
            + "03646,2025-Q3,HS_TRUC_TUYEN,,7\(String(repeating: "8", count: 67)),100,\n"
        try withScratch { folder in
            let (outcome, rows) = try readShipped(Array(text.utf8), in: folder)
            #expect(rows.isEmpty)
            #expect(outcome.errors.map(\.code) == [.numeratorAboveDenominator])
            #expect(outcome.errors.first?.message.contains("e+67") == true, "\(outcome.errors)")
        }
    }

    @Test("Rounding never traps: huge, infinite and NaN values print and clamp")
    func roundingBeyondInt64() {
        #expect(Rounding.scaled(1e300) == .max)
        #expect(Rounding.scaled(-1e300) == .min)
        #expect(Rounding.scaled(.infinity) == .max)
        #expect(Rounding.scaled(.nan) == 0)
        #expect(Rounding.fixed(1e300) == "1e+300")
        #expect(Rounding.compact(-7.5e67) == "-7.5e+67")
        #expect(Rounding.compact(.nan) == "NaN")
        #expect(Rounding.compact(1e17, places: 2) == "1e+17")
        // Ordinary values are unchanged.
        #expect(Rounding.fixed(88.105) == "88.11")
        #expect(Rounding.compact(9e13) == "90000000000000")
        #expect(Rounding.fixed(-0.005) == "-0.01")
    }

    @Test("the seed corpus: every valid-* file is accepted with its rows, every err-* file is rejected",
          arguments: repositoryFiles("Fuzz/corpus"))
    func seed(path: String) throws {
        let name = URL(fileURLWithPath: path).lastPathComponent
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        try withScratch { folder in
            let (outcome, rows) = try readShipped(bytes, in: folder)
            if name.hasPrefix("valid-") {
                #expect(outcome.isAcceptable, "\(name): \(outcome.errors.map(\.description))")
                #expect(rows.count == 8, "\(name)")
                #expect(rows.first { $0.indicatorCode == "TTHC_DUNG_HAN" }?.note == "Khảo sát 120 người, quý III", "\(name)")
            } else if name.hasPrefix("err-") {
                #expect(!outcome.isAcceptable, "\(name) was accepted")
                #expect(rows.isEmpty || !outcome.isAcceptable)
            }
        }
    }
}
