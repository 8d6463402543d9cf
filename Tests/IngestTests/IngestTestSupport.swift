import Foundation
import Testing
import CCHCCore
import Ingest

// MARK: - Temporary folders

/// Runs `body` with a fresh, empty folder of its own (tests run in parallel), removed afterwards.
func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("cchc-ingest-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url.path)
}

func writeFile(_ bytes: [UInt8], to path: String) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}

func writeFile(_ text: String, to path: String) throws {
    try writeFile(Array(text.utf8), to: path)
}

// MARK: - CSV

/// Parses `bytes` with a fresh reader, feeding pieces of `pieceSize` bytes, then finishing.
func parseCSV(_ bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ","), pieceSize: Int? = nil) throws -> [CSVReader.Record] {
    let reader = try CSVReader(delimiter: delimiter)
    var records: [CSVReader.Record] = []
    let size = max(1, pieceSize ?? bytes.count)
    var start = 0
    while start < bytes.count {
        let end = min(start + size, bytes.count)
        let piece = Array(bytes[start..<end])
        records += try piece.withUnsafeBytes { try reader.feed($0) }
        start = end
    }
    records += try reader.finish()
    return records
}

func parseCSV(_ text: String, delimiter: UInt8 = UInt8(ascii: ","), pieceSize: Int? = nil) throws -> [CSVReader.Record] {
    try parseCSV(Array(text.utf8), delimiter: delimiter, pieceSize: pieceSize)
}

/// The records of `bytes` written to a file and read back with `CSVFile.read`.
func readCSVFile(_ bytes: [UInt8]) throws -> [CSVReader.Record] {
    try withTemporaryDirectory { dir in
        let path = dir + "/data.csv"
        try writeFile(bytes, to: path)
        var records: [CSVReader.Record] = []
        try CSVFile.read(path: path) { records.append($0) }
        return records
    }
}

/// The error `body` throws, as an `IngestError`; records an issue when it throws nothing or something else.
func ingestError(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) -> IngestError? {
    do {
        try body()
        Issue.record("expected an IngestError, nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as IngestError {
        return error
    } catch {
        Issue.record("expected an IngestError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

// MARK: - Submissions

/// Province 14 with communes 03721 and 03724, province 12 with commune 03549; one indicator per unit kind.
enum Fixture {
    static let period = Period("2025-Q3")!
    static let units = [
        AdministrativeUnit(code: "14", name: "Tỉnh Sơn La", parentCode: nil, level: .province),
        AdministrativeUnit(code: "12", name: "Tỉnh Lai Châu", parentCode: nil, level: .province),
        AdministrativeUnit(code: "03721", name: "Xã Mường Bú", parentCode: "14", level: .commune),
        AdministrativeUnit(code: "03724", name: "Xã Chiềng Mai", parentCode: "14", level: .commune),
        AdministrativeUnit(code: "03549", name: "Xã Bình Lư", parentCode: "12", level: .commune),
    ]
    static let indicators = [
        Indicator(code: "PCT", domain: 1, nameVi: "Tỷ lệ", nameEn: "Rate", unit: .percent, direction: .higher, weight: 1, aggregation: .ratio),
        Indicator(code: "CNT", domain: 2, nameVi: "Số lượng", nameEn: "Count", unit: .count, direction: .higher, weight: 1, aggregation: .sum),
        Indicator(code: "NUM", domain: 3, nameVi: "Số ngày", nameEn: "Days", unit: .number, direction: .lower, weight: 2, aggregation: .mean),
        Indicator(code: "BOOL", domain: 4, nameVi: "Có/không", nameEn: "Yes/no", unit: .boolean, direction: .higher, weight: 1, aggregation: .mean),
        Indicator(code: "PCT2", domain: 5, nameVi: "Tỷ lệ 2", nameEn: "Rate 2", unit: .percent, direction: .lower, weight: 1, aggregation: .ratio),
    ]
    static let context = SubmissionContext(provinceCode: "14", period: period, units: units, indicators: indicators)

    static let header = "unit_code,period,indicator_code,value,numerator,denominator,note"
    /// Where errors say the file is: the path inside the inbox, not the temporary file.
    static let displayPath = "inbox/2025-Q3/14/03721.csv"
}

struct SubmissionResult {
    var outcome: SubmissionReader.Outcome
    var rows: [SubmissionRow]
    var errors: [IngestError] { outcome.errors }
}

/// Writes `bytes` to a fresh temporary file and reads it as a submission of province 14, 2025-Q3.
func readSubmission(bytes: [UInt8], context: SubmissionContext = Fixture.context) throws -> SubmissionResult {
    try withTemporaryDirectory { dir in
        let path = dir + "/03721.csv"
        try writeFile(bytes, to: path)
        var rows: [SubmissionRow] = []
        let outcome = try SubmissionReader.read(path: path, displayPath: Fixture.displayPath, context: context, onRow: { rows.append($0) })
        return SubmissionResult(outcome: outcome, rows: rows)
    }
}

func readSubmission(_ text: String, context: SubmissionContext = Fixture.context) throws -> SubmissionResult {
    try readSubmission(bytes: Array(text.utf8), context: context)
}

/// A file with the canonical header and `rows` (each a CSV line), LF line ends.
func submission(_ rows: String...) -> String {
    ([Fixture.header] + rows).joined(separator: "\n") + "\n"
}

/// Expects exactly one error, with `code` at `line`:`column` of the display path.
func expectSingleError(
    _ result: SubmissionResult, _ code: IngestError.Code, line: Int?, column: Int?,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(!result.outcome.isAcceptable, sourceLocation: sourceLocation)
    #expect(result.errors.count == 1, "errors: \(result.errors.map(\.description))", sourceLocation: sourceLocation)
    guard let error = result.errors.first else { return }
    expectError(error, code, line: line, column: column, sourceLocation: sourceLocation)
}

func expectError(
    _ error: IngestError, _ code: IngestError.Code, line: Int?, column: Int?,
    path: String = Fixture.displayPath, sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
    #expect(error.location == InputLocation(path: path, line: line, column: column), "\(error)", sourceLocation: sourceLocation)
}

/// Expects the file accepted, with no errors.
func expectAccepted(_ result: SubmissionResult, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(result.outcome.isAcceptable, "errors: \(result.errors.map(\.description))", sourceLocation: sourceLocation)
    #expect(result.errors.isEmpty, sourceLocation: sourceLocation)
}

/// `code@path:line:column`, for comparing lists of errors at a glance.
func located(_ error: IngestError) -> String {
    "\(error.code.rawValue)@\(error.location.map { "\($0)" } ?? "nowhere")"
}
