// libFuzzer target over the submission reader and validator (issue 8).
//
// Bytes in → the file `SubmissionReader.read` sees, with the real reference data of
// `Warehouse/reference` (province 14, period 2025-Q3). The outcome must be accepted rows or located
// errors: never a crash, an ASan report, a hang (`-timeout`) or unbounded memory (`-rss_limit_mb`).
// On top of "no crash", the properties below are checked, and a violation aborts (= a finding):
//   1. every error names the file, with line ≥ 1 and ≤ the number of line breaks + 1, column ≥ 1;
//      at most `errorLimit` + 1 errors; no message or warning holds a control character;
//   2. an acceptable file's rows are all of one commune, the folder's period, distinct indicators,
//      percent values in 0…100, counts ≥ 0;
//   3. `CSVReader` gives the same records (or the same error) whether the bytes come in one piece or
//      in pieces of 1…64 bytes (the split chosen from the input, so every run is reproducible).
//
// Built and run by `scripts/fuzz.sh`; see Fuzz/README.md.
import CCHCCore
import Foundation
import Ingest

let fuzzContext: SubmissionContext = {
    let directory = ProcessInfo.processInfo.environment["CCHC_FUZZ_REFERENCE"] ?? "Warehouse/reference"
    do {
        let reference = try ReferenceLoader.load(directory: directory)
        return SubmissionContext(provinceCode: "14", period: Period("2025-Q3")!, units: reference.units,
                                 indicators: reference.indicators)
    } catch {
        fatalError("cannot load the reference data at \(directory): \(error); run from the repository root")
    }
}()

let fuzzPath: String = {
    let folder = ProcessInfo.processInfo.environment["CCHC_FUZZ_TMP"] ?? (FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory())
    return folder + "/cchc-fuzz-\(getpid()).csv"
}()

let displayPath = "inbox/2025-Q3/14/fuzz.csv"

func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() {
        FileHandle.standardError.write(Data("property violated: \(message())\n".utf8))
        abort()
    }
}

/// A character that would drive a terminal (C0 but tab, DEL, C1).
func hasControl(_ text: String) -> Bool {
    text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\t") || (0x7F...0x9F).contains($0.value) }
}

func checkSubmission(_ bytes: UnsafeRawBufferPointer) {
    let written = FileManager.default.createFile(atPath: fuzzPath, contents: Data(bytes))
    require(written, "cannot write \(fuzzPath)")
    defer { unlink(fuzzPath) }
    var rows: [SubmissionRow] = []
    let outcome: SubmissionReader.Outcome
    do {
        outcome = try SubmissionReader.read(path: fuzzPath, displayPath: displayPath, context: fuzzContext,
                                            onRow: { rows.append($0) })
    } catch {
        // The reader reports file problems as outcome errors; only the onRow/onBytes callbacks may throw.
        require(false, "SubmissionReader.read threw \(error)")
        return
    }
    let lineBreaks = bytes.reduce(0) { $0 + ($1 == 0x0A || $1 == 0x0D ? 1 : 0) }
    require(outcome.errors.count <= SubmissionValidator.errorLimit + 1, "\(outcome.errors.count) errors")
    for error in outcome.errors {
        require(error.location?.path == displayPath, "error without the file's name: \(error)")
        if let line = error.location?.line { require(line >= 1 && line <= lineBreaks + 1, "line \(line) of \(lineBreaks + 1): \(error)") }
        if let column = error.location?.column { require(column >= 1, "column \(column): \(error)") }
        require(!error.message.isEmpty && !error.messageVi.isEmpty, "an error without words: \(error.code)")
        require(!hasControl(error.message) && !hasControl(error.messageVi), "a control character in a message: \(error.message)")
    }
    for warning in outcome.warnings { require(!hasControl(warning.message), "a control character in a warning: \(warning.message)") }
    guard outcome.isAcceptable else { return }
    var indicators: Set<String> = []
    for row in rows {
        require(row.unitCode == outcome.unitCode, "row of \(row.unitCode) in a file of \(outcome.unitCode ?? "?")")
        require(row.period == fuzzContext.period, "row of period \(row.period)")
        require(indicators.insert(row.indicatorCode).inserted, "indicator \(row.indicatorCode) twice")
        require(row.line >= 2 && row.line <= lineBreaks + 1, "row line \(row.line)")
        guard let indicator = fuzzContext.indicators[row.indicatorCode] else {
            require(false, "unknown indicator \(row.indicatorCode) accepted")
            return
        }
        if let value = row.value {
            require(value.isFinite, "value \(value)")
            switch indicator.unit {
            case .percent: require((0...100).contains(value), "percent \(value)")
            case .count: require(value >= 0, "count \(value)")
            case .boolean: require(value == 0 || value == 1, "boolean \(value)")
            case .number: break
            }
        }
    }
    if let unit = outcome.unitCode, !rows.isEmpty {
        require(fuzzContext.units[unit]?.parentCode == fuzzContext.provinceCode, "commune \(unit) of another province accepted")
    }
}

/// The records of `bytes` fed in pieces of `piece` bytes (all at once when nil), or the error.
func parse(_ bytes: UnsafeRawBufferPointer, delimiter: UInt8, piece: Int?) -> Result<[CSVReader.Record], IngestError> {
    Result { () throws(IngestError) -> [CSVReader.Record] in
        let reader = try CSVReader(delimiter: delimiter)
        var records: [CSVReader.Record] = []
        let size = max(1, piece ?? bytes.count)
        var start = 0
        while start < bytes.count {
            let end = min(start + size, bytes.count)
            records += try reader.feed(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
            start = end
        }
        records += try reader.finish()
        return records
    }
}

func checkChunking(_ bytes: UnsafeRawBufferPointer) {
    guard !bytes.isEmpty else { return }
    let seed = bytes.reduce(UInt32(2166136261)) { ($0 ^ UInt32($1)) &* 16777619 }
    let piece = Int(seed % 64) + 1
    let delimiter: UInt8 = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")][Int(seed / 64 % 3)]
    let whole = parse(bytes, delimiter: delimiter, piece: nil)
    let pieces = parse(bytes, delimiter: delimiter, piece: piece)
    switch (whole, pieces) {
    case (.success(let a), .success(let b)):
        require(a == b, "records differ when fed in pieces of \(piece) bytes")
    case (.failure(let a), .failure(let b)):
        require(a == b, "errors differ when fed in pieces of \(piece) bytes: \(a) vs \(b)")
    default:
        require(false, "one piece and pieces of \(piece) bytes disagree: \(whole) vs \(pieces)")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size)
    checkSubmission(bytes)
    checkChunking(bytes)
    return 0
}
