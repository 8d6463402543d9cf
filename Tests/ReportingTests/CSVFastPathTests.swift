import CCHCCore
import Testing
@testable import Reporting

/// The CSV files are written on bytes (issue 7); these hold the byte path to the plain string rules.
@Suite("CSV cells and numbers written on bytes")
struct CSVFastPathTests {
    static let cells = [
        "", "plain", "Xã Mường Bú", "a,b", "a;b", "say \"hi\"", "\"", "\"\"", "line\nbreak", "cr\rlf", "crlf\r\nx", "=1+1", "+84 912",
        "-3", "-3,5", "-", "@SUM(A1)", "\tTab", "\rCR", "=\"x\",y", "'quoted'", "ạ,̀", "😀;\"😀\"", "=cmd|' /C calc'!A0",
    ]

    @Test("a cell is written as quoted(neutralised(cell)), whatever it holds", arguments: [",", ";"] as [Character])
    func cellsLikeTheStringRules(separator: Character) {
        var table = CSVTableWriter(header: [], separator: separator)
        table.append(Self.cells)
        let expected = Self.cells.map { CSVTableWriter.quoted(CSVTableWriter.neutralised($0), separator: separator) }
            .joined(separator: String(separator))
        #expect(table.text == "\u{FEFF}\r\n" + expected + "\r\n")
    }

    @Test("numbers in both dialects read as Rounding writes them")
    func numbersLikeRounding() {
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = [0, -0.0, 0.005, -0.005, 2.5, 88.105, 1e16, -9e16, .nan, .infinity, -.infinity, 7.1e67]
        for magnitude in [1.0, 1_000, 1e9, 1e15] {
            values += (0..<200).map { _ in Double.random(in: -magnitude...magnitude, using: &generator) }
        }
        for x in values {
            #expect(CSVDialect.standard.fixed(x) == Rounding.fixed(x), "\(x)")
            #expect(CSVDialect.standard.compact(x) == Rounding.compact(x), "\(x)")
            #expect(CSVDialect.excelVietnamese.fixed(x) == Rounding.fixed(x, separator: ","), "\(x)")
            #expect(CSVDialect.excelVietnamese.compact(x) == Rounding.compact(x).replacingOccurrences(of: ".", with: ","), "\(x)")
        }
    }
}
