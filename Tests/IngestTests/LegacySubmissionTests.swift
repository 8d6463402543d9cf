import Foundation
import Testing
import TestSupport
import CCHCCore
@testable import Ingest

/// Whole submissions as old office machines write them: the same rows, the same errors at the same
/// lines and columns, whatever the encoding and dialect.
@Suite("Legacy submissions")
struct LegacySubmissionTests {
    static let header = ["Mã đơn vị", "Kỳ báo cáo", "Mã chỉ tiêu", "Giá trị", "Tử số", "Mẫu số", "Ghi chú"]

    /// A semicolon file with decimal commas, a note running over two lines, and a bad value on line 5.
    static let text = header.joined(separator: ";") + "\r\n"
        + "03721;2025-Q3;PCT;95,5;191;200;\"Đã rà soát; đối chiếu\r\nvới sổ theo dõi\"\r\n"
        + "03721;2025-Q3;CNT;1.234.567;;;Xã Mường Bú\r\n"
        + "03721;2025-Q3;NUM;abc;;;Tủa Sín Chải\r\n"

    static func encoded(_ index: Int) throws -> ([UInt8], TextEncoding) {
        switch index {
        case 0: (try Legacy.windows1258(text), .windows1258)
        case 1: (try Legacy.tcvn3(text), .tcvn3)
        case 2: (try Legacy.vni(text), .vniWindows)
        case 3: (Legacy.utf16(text, bigEndian: false), .utf16LE)
        case 4: (Legacy.utf16(text, bigEndian: true), .utf16BE)
        default: ([0xEF, 0xBB, 0xBF] + Array(text.decomposedStringWithCanonicalMapping.utf8), .utf8WithBOM)
        }
    }

    @Test("errors are located at the same line and column in every encoding", arguments: 0..<6)
    func sameErrors(index: Int) throws {
        let (bytes, encoding) = try Self.encoded(index)
        let result = try readSubmission(bytes: bytes)
        #expect(result.outcome.encoding == encoding)
        expectSingleError(result, .nonNumericValue, line: 5, column: 4)
    }

    @Test("the valid rows read the same in every encoding, notes in NFC", arguments: 0..<6)
    func sameRows(index: Int) throws {
        let fixed = Self.text.replacingOccurrences(of: "NUM;abc", with: "NUM;2")
        let bytes: [UInt8]
        switch index {
        case 0: bytes = try Legacy.windows1258(fixed)
        case 1: bytes = try Legacy.tcvn3(fixed)
        case 2: bytes = try Legacy.vni(fixed)
        case 3: bytes = Legacy.utf16(fixed, bigEndian: false)
        case 4: bytes = Legacy.utf16(fixed, bigEndian: true)
        default: bytes = [0xEF, 0xBB, 0xBF] + Array(fixed.decomposedStringWithCanonicalMapping.utf8)
        }
        let result = try readSubmission(bytes: bytes)
        expectAccepted(result)
        #expect(result.rows.map(\.value) == [95.5, 1_234_567, 2])
        #expect(result.rows.map(\.line) == [2, 4, 5])
        let notes = result.rows.compactMap(\.note)
        #expect(notes == ["Đã rà soát; đối chiếu\r\nvới sổ theo dõi", "Xã Mường Bú", "Tủa Sín Chải"])
        #expect(notes.allSatisfy { Array($0.utf8) == Array($0.precomposedStringWithCanonicalMapping.utf8) })
    }

    @Test("FileSurvey gives the SHA-256, size and encoding of a file in one pass")
    func survey() throws {
        let (bytes, _) = try Self.encoded(0)
        try withTemporaryDirectory { dir in
            let path = dir + "/f.csv"
            try writeFile(bytes, to: path)
            let survey = try FileSurvey(path: path)
            var hasher = SHA256()
            hasher.update(bytes)
            #expect(survey.sha256 == hasher.finalizeHex())
            #expect(survey.size == Int64(bytes.count))
            #expect(survey.encodingName == "windows-1258")
        }
    }
}
