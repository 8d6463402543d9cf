import Testing
import TestSupport
@testable import Ingest

/// The one-pass reading of plain cells must give `Double(String)`'s double bit for bit, and tell a
/// thousands group (`1.234`) from a decimal exactly as the general parser does.
@Suite("Plain decimal fast path")
struct PlainDecimalTests {
    static func randomPlainDecimal(using generator: inout SplitMix) -> String {
        let digits = Array("0123456789")
        var text = ["", "", "-", "+"].randomElement(using: &generator)!
        let whole = Int.random(in: 0...18, using: &generator)
        let zerosFirst = Int.random(in: 0...3, using: &generator) == 0
        for index in 0..<whole { text.append(zerosFirst && index < 2 ? "0" : digits.randomElement(using: &generator)!) }
        if Bool.random(using: &generator) {
            text.append(".")
            let fraction = Int.random(in: 0...25, using: &generator)
            for _ in 0..<fraction { text.append(digits.randomElement(using: &generator)!) }
        }
        return text
    }

    @Test("the value is Double(String)'s, bit for bit, on 300,000 random plain decimals")
    func matchesDoubleInit() throws {
        var generator = SplitMix(seed: 20251001)
        for _ in 0..<300_000 {
            let text = Self.randomPlainDecimal(using: &generator)
            let plain = NumberText.PlainDecimal(text.utf8)
            #expect((plain != nil) == NumberText.isPlainDecimalBytes(text), "\(text)")
            guard let plain, !plain.looksGrouped, let expected = Double(text) else { continue }
            let value = try #require(try NumberText.parse(text)?.value(decimalMark: .point))
            if value.bitPattern != expected.bitPattern || plain.value.map({ $0.bitPattern != expected.bitPattern }) == true {
                Issue.record("\(text): \(value) instead of \(expected)")
                return
            }
        }
    }

    @Test("edge cases read as Double(String) does", arguments: [
        "0", "-0", "+0", "-0.0", ".5", "5.", "-.5", "007", "0.000000000000000000001", "123456789012345",
        "1234567890123456", "9007199254740993", "0.1", "0.30000000000000004", "999999999999999.9",
        "1.7976931348623157", "12345678901234567890123", "4.35", "88.605",
    ])
    func edgeCases(text: String) throws {
        let value = try #require(try NumberText.parse(text)?.value(decimalMark: .point))
        #expect(value.bitPattern == Double(text)?.bitPattern)
    }

    @Test("thousands groups are told apart as before", arguments: [
        ("1.234", true), ("-123.456", true), ("+12.345", true), ("0.123", false), ("1234.567", false),
        ("1.2345", false), ("1.23", false), (".123", false), ("1.", false),
    ])
    func grouping(text: String, grouped: Bool) throws {
        let plain = try #require(NumberText.PlainDecimal(text.utf8))
        #expect(plain.looksGrouped == grouped)
        #expect(plain.looksGrouped == NumberText.looksGrouped(text))
    }

    @Test("not plain decimals", arguments: ["", "+", "-", ".", "1..2", "1-2", "--1", "1e5", "inf", "nan", " 1", "1,5"])
    func notPlain(text: String) {
        #expect(NumberText.PlainDecimal(text.utf8) == nil)
    }
}
