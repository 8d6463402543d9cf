import Foundation
import Testing
import TestSupport
import CCHCCore
@testable import Ingest

/// Real Vietnamese text from the shipped reference data: commune names and indicator names.
enum VietnameseText {
    static let communes = [
        "Tỉnh Sơn La", "Phường Tô Hiệu", "Phường Chiềng An", "Xã Mường Giôn", "Xã Quỳnh Nhai", "Xã Thuận Châu",
        "Xã Mường É", "Xã Long Hẹ", "Xã Nậm Lầu", "Xã Muổi Nọi", "Xã Ngọc Chiến", "Xã Bắc Yên", "Xã Xím Vàng",
        "Xã Tà Xùa", "Xã Pắc Ngà", "Xã Tạ Khoa", "Xã Suối Tọ", "Xã Tường Hạ", "Xã Đoàn Kết", "Xã Song Khủa",
        "Xã Lóng Phiêng", "Xã Phiêng Khoài", "Xã Chiềng Hặc", "Xã Sốp Cộp", "Xã Sin Suối Hồ", "Xã Bum Tở",
        "Xã Pa Ủ", "Xã Lê Lợi", "Xã Tủa Sín Chải", "Xã Sì Lở Lầu", "Xã Khổng Lào", "Xã Nậm Sỏ", "Xã Kỳ Lạc",
    ]
    static let indicators = [
        "Tỷ lệ cơ quan, đơn vị trực thuộc được kiểm tra công tác CCHC",
        "Số sáng kiến, giải pháp mới về CCHC được áp dụng",
        "Số cuộc đối thoại của lãnh đạo UBND xã với người dân, doanh nghiệp",
        "Thực hiện tự đánh giá Chỉ số CCHC của xã",
        "Đã rà soát, đối chiếu với sổ theo dõi",
        "Khảo sát 120 người, quý III",
    ]
    static var all: String { (communes + indicators).joined(separator: "\n") + "\n" }
}

@Suite("Encoding detection and conversion")
struct EncodingDetectionTests {
    static func legacyEncoder(_ index: Int) -> (TextEncoding, (String) throws -> [UInt8]) {
        [(.windows1258, Legacy.windows1258), (.tcvn3, Legacy.tcvn3), (.vniWindows, Legacy.vni)][index]
    }

    /// The real names as a one-column CSV (quoted: some hold commas).
    static var namesCSV: String {
        "ten\r\n" + (VietnameseText.communes + VietnameseText.indicators).map { "\"\($0)\"" }.joined(separator: "\r\n") + "\r\n"
    }

    static var expectedNames: [[String]] {
        [["ten"]] + (VietnameseText.communes + VietnameseText.indicators).map { [$0.precomposedStringWithCanonicalMapping] }
    }

    /// Reads `bytes` as a file; returns the encoding detected and the records.
    static func read(_ bytes: [UInt8]) throws -> (TextEncoding, [CSVReader.Record]) {
        try withTemporaryDirectory { dir in
            let path = dir + "/names.csv"
            try writeFile(bytes, to: path)
            var records: [CSVReader.Record] = []
            let encoding = try CSVFile.read(path: path) { records.append($0) }
            return (encoding, records)
        }
    }

    @Test("each 8-bit Vietnamese encoding of real names is recognised and converted back exactly", arguments: [0, 1, 2])
    func legacyRoundTrip(index: Int) throws {
        let (encoding, encode) = Self.legacyEncoder(index)
        let (detected, records) = try Self.read(try encode(Self.namesCSV))
        #expect(detected == encoding)
        #expect(records.map(\.fields) == Self.expectedNames)
    }

    @Test("UTF-8 with and without a byte-order mark, NFC or NFD, and UTF-16 LE/BE all read the same")
    func unicodeForms() throws {
        let nfd = Self.namesCSV.decomposedStringWithCanonicalMapping
        let cases: [([UInt8], TextEncoding)] = [
            (Array(Self.namesCSV.utf8), .utf8), ([0xEF, 0xBB, 0xBF] + Array(Self.namesCSV.utf8), .utf8WithBOM),
            (Array(nfd.utf8), .utf8), (Legacy.utf16(Self.namesCSV, bigEndian: false), .utf16LE),
            (Legacy.utf16(Self.namesCSV, bigEndian: true), .utf16BE), (Legacy.utf16(nfd, bigEndian: false), .utf16LE),
        ]
        for (bytes, encoding) in cases {
            let (detected, records) = try Self.read(bytes)
            #expect(detected == encoding)
            #expect(records.map(\.fields) == Self.expectedNames)
        }
    }

    @Test("bytes as old offices' fonts wrote them (not made by our encoders) decode to the right text", arguments: [
        // VNI-Windows as it shows in Windows-1252: the well-known "Vieät Nam".
        ([0x56, 0x69, 0x65, 0xE4, 0x74, 0x20, 0x4E, 0x61, 0x6D], TextEncoding.vniWindows, "Việt Nam"),
        (Array("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM".unicodeScalars.map { UInt8($0.value) }), .vniWindows,
         "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        (Array("Ñoäc laäp - Töï do - Haïnh phuùc; Ñaø Naüng; tænh".unicodeScalars.map { UInt8($0.value) }), .vniWindows,
         "Độc lập - Tự do - Hạnh phúc; Đà Nẵng; tỉnh"),
        // TCVN3 as it shows in Windows-1252: "ViÖt Nam", "§éc lËp - Tù do - H¹nh phóc".
        (Array("ViÖt Nam; §éc lËp - Tù do - H¹nh phóc; x· héi".unicodeScalars.map { UInt8($0.value) }), .tcvn3,
         "Việt Nam; Độc lập - Tự do - Hạnh phúc; xã hội"),
        // Windows-1258: ê (0xEA) + combining dot below (0xF2); ơ (0xF5) + combining acute (0xEC).
        ([0x56, 0x69, 0xEA, 0xF2, 0x74, 0x20, 0x6D, 0xF5, 0xEC, 0x69], .windows1258, "Việt mới"),
    ])
    func knownBytes(bytes: [UInt8], encoding: TextEncoding, expected: String) throws {
        let transcoder = try encoding.makeTranscoder()
        #expect(transcoder?.decode(bytes)?.precomposedStringWithCanonicalMapping == expected)
    }

    @Test("a character cut by the 64 KiB read boundary is put together again", arguments: [0, 1, 2, 3])
    func chunkBoundaries(index: Int) throws {
        // Long lines, and headers of 8 lengths, so chunk boundaries fall inside characters and mark sequences.
        let line = "\"" + String(repeating: "Xã Mường Bú; Chiềng Hặc; Tủa Sín Chải; ", count: 40) + "\""
        for padding in 0..<8 {
            let text = "ten" + String(repeating: "x", count: padding) + "\n" + Array(repeating: line, count: 100).joined(separator: "\n") + "\n"
            let encoders: [([UInt8], TextEncoding)] = [
                (try Legacy.windows1258(text), .windows1258), (try Legacy.vni(text), .vniWindows),
                (Legacy.utf16(text, bigEndian: false), .utf16LE), (try Legacy.tcvn3(text), .tcvn3),
            ]
            let (bytes, encoding) = encoders[index]
            #expect(bytes.count > 2 * FileChunks.chunkSize)
            let (detected, records) = try Self.read(bytes)
            #expect(detected == encoding)
            #expect(records.count == 101)
            #expect(records.dropFirst().allSatisfy { $0.fields == [String(line.dropFirst().dropLast()).precomposedStringWithCanonicalMapping] })
            #expect(records.last?.line == 101)
        }
    }

    @Test("too few words to tell the 8-bit encodings apart: refused, naming the candidates")
    func notConfident() throws {
        // "Mó" in TCVN3 (0xE3) is "Mă" in Windows-1258: one word settles nothing.
        let error = ingestError { _ = try Self.read(Array("unit_code,note\n03721,M".utf8) + [0xE3, 0x0A]) }
        #expect(error?.code == .unreadableEncoding)
        #expect(error?.message.contains("TCVN3 (ABC)") == true)
        #expect(error?.messageVi.contains("có thể là") == true)
    }

    @Test("bytes that read as Vietnamese in no encoding are refused without candidates")
    func noCandidate() throws {
        let error = ingestError { _ = try Self.read(Array("a,b\n".utf8) + [0xB0, 0xB1, 0x2C, 0xB2, 0xB3, 0x0A, 0x80, 0x81, 0x0A]) }
        #expect(error?.code == .unreadableEncoding)
        #expect(error?.message.contains("does not read as Vietnamese") == true)
    }

    @Test("the syllable check accepts Vietnamese and refuses mis-decoded words", arguments: [
        ("Nguyễn", true), ("người", true), ("giờ", true), ("quýt", true), ("khuya", true), ("gìn", true), ("Đoàn", true),
        ("Vieät", false), ("naêm", false), ("cña", false), ("ViƯt", false), ("hầá", false), ("xaơ", false), ("µ", false),
    ])
    func syllables(word: String, valid: Bool) {
        #expect(EncodingVote.isVietnamese(word) == valid)
    }
}

@Suite("Encoding detection: damaged UTF-8")
struct DamagedUTF8Tests {
    @Test("UTF-8 with one damaged byte after many good characters is reported as invalid UTF-8, not as an 8-bit guess")
    func damagedUTF8() throws {
        let text = "unit_code,period,indicator_code,value,numerator,denominator,note\n03721,2025-Q3,PCT,50,,,\""
            + VietnameseText.communes.joined(separator: "; ") + "\"\n"
        let bytes = Array(text.utf8) + Array("03721,2025-Q3,CNT,1,,,M".utf8) + [0xE3, 0x0A]
        let result = try readSubmission(bytes: bytes)
        expectSingleError(result, .unreadableEncoding, line: nil, column: nil)
        #expect(result.errors.first?.message.contains("not valid UTF-8") == true)
    }
}
