import CCHCCore
import Foundation
import Ingest
import Testing

/// Reference data and submissions that try to escape their folder or grow without bound.
@Suite("Reliability: hostile codes and sizes")
struct HostileReferenceTests {
    @Test("a unit code of dots (a report folder outside the province's) is refused", arguments: [".", "..", "..."])
    func dotCodes(code: String) throws {
        try withScratch { folder in
            try "unit_code,unit_name,parent_code,level\n\(code),Tỉnh X,,province\n01,Xã Y,\(code),commune\n"
                .write(toFile: folder + "/units.csv", atomically: true, encoding: .utf8)
            try "indicator_code,domain,name_vi,name_en,unit,direction,weight,aggregation\nA,1,A,A,percent,higher,1,ratio\n"
                .write(toFile: folder + "/indicators.csv", atomically: true, encoding: .utf8)
            try "scope_code,year,indicator_code,target\n".write(toFile: folder + "/targets.csv", atomically: true, encoding: .utf8)
            do {
                _ = try ReferenceLoader.load(directory: folder)
                Issue.record("the code \(code) was accepted")
            } catch let error as IngestError {
                #expect(error.code == .invalidReference)
                #expect(error.location?.line == 2 && error.location?.column == 1, "\(error)")
            }
        }
    }

    @Test("a million unknown columns give 20 warnings and one count, and the file still loads")
    func millionColumns() throws {
        let header = "unit_code,period,indicator_code,value," + (0..<1_000_000).map { "c\($0)" }.joined(separator: ",")
        try withScratch { folder in
            let (outcome, rows) = try readShipped(Array((header + "\n03646,2025-Q3,TTHC_DUNG_HAN,95\n").utf8), in: folder)
            #expect(outcome.isAcceptable)
            #expect(rows.count == 1)
            #expect(outcome.warnings.count == 21)
            #expect(outcome.warnings.last?.message == "999980 more unknown columns ignored")
        }
    }

    @Test("a 10 MB field is read whole; a 50,000-row file lists at most 200 errors and a count")
    func absurdSizes() throws {
        try withScratch { folder in
            let note = String(repeating: "ả", count: 5_000_000)
            let big = try readShipped(Array("unit_code,period,indicator_code,value,note\n03646,2025-Q3,TTHC_DUNG_HAN,95,\"\(note)\"\n".utf8), in: folder)
            #expect(big.outcome.isAcceptable)
            #expect(big.rows.first?.note?.utf8.count == 15_000_000)
            let many = try readShipped(Array(("unit_code,period,indicator_code,value\n"
                + String(repeating: "03646,2025-Q3,TTHC_DUNG_HAN,95\n", count: 50_000)).utf8), in: folder)
            #expect(many.rows.isEmpty || !many.outcome.isAcceptable)
            #expect(many.outcome.errors.count == SubmissionValidator.errorLimit + 1)
            #expect(many.outcome.errors.last?.code == .tooManyErrors)
            #expect(many.outcome.dataRows == 50_000)
        }
    }

    @Test("terminal escapes in a cell or a column name are written out in messages, never sent to the terminal")
    func terminalEscapes() throws {
        let text = "unit_code,period,indicator_code,value,\u{1B}]0;pwned\u{07}\n03646,2025-Q3,TTHC_DUNG_HAN,\u{1B}[2J\u{9B}31m\n"
        try withScratch { folder in
            let (outcome, _) = try readShipped(Array(text.utf8), in: folder)
            #expect(outcome.errors.map(\.message) == [#"value "\u{1B}[2J\u{9B}31m" is not a number; expected e.g. 95.5 or 95,5"#])
            #expect(outcome.warnings.map(\.message) == [#"unknown column "\u{1B}]0;pwned\u{7}" ignored"#])
            for message in outcome.errors.flatMap({ [$0.message, $0.messageVi] }) + outcome.warnings.flatMap({ [$0.message, $0.messageVi] }) {
                #expect(!message.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }, "\(message)")
            }
        }
    }
}

