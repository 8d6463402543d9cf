import CCHCCore
import Testing
@testable import Reporting

@Suite("Vietnamese number and date format")
struct VietnameseFormatTests {
    @Test("scores with exactly two decimals and a decimal comma, half away from zero", arguments: [
        (87.5, "87,50"), (100, "100,00"), (0, "0,00"), (88.105, "88,11"), (99.999, "100,00"), (1234.5, "1.234,50"),
    ])
    func score(value: Double, expected: String) {
        #expect(VietnameseFormat.score(value) == expected)
    }

    @Test("values: integers bare, up to two decimals, thousands grouped with a dot", arguments: [
        (95.0, "95"), (85.5, "85,5"), (96.666, "96,67"), (1250, "1.250"), (1_234_567.25, "1.234.567,25"), (-2.5, "-2,5"), (0.001, "0"),
        (-0.05, "-0,05"), (0.1, "0,1"), (2.05, "2,05"), (88.105, "88,11"), (7.1e67, "7,1e+67"),
    ])
    func number(value: Double, expected: String) {
        #expect(VietnameseFormat.number(value) == expected)
    }

    @Test("the allocation-free digits agree with Rounding's text regrouped, over a wide spread of values")
    func digitsAgreeWithRounding() {
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = [0, -0.0, 0.004, 0.005, -0.005, 0.995, 9.995, 99.995, 999.5, 1_000, 999_999.995, -1_000_000, 8.9e15, -8.9e15,
                                88.105, 100, 1e16, 9e16, -9e16, .nan, .infinity, -.infinity, 7.1e67]
        for magnitude in [1.0, 100, 10_000, 1e7, 1e12, 1e15] {
            values += (0..<200).map { _ in Double.random(in: -magnitude...magnitude, using: &generator) }
        }
        for x in values {
            #expect(VietnameseFormat.score(x) == VietnameseFormat.grouped(Rounding.fixed(x)), "\(x)")
            #expect(VietnameseFormat.number(x) == VietnameseFormat.grouped(Rounding.compact(x)), "\(x)")
        }
        for (part, whole) in [(0, 1), (1, 3), (2, 3), (1, 7), (5, 8), (3365, 3365), (1, 100_000), (99_999, 100_000)] {
            let share = 100 * Double(part) / Double(whole)
            #expect(VietnameseFormat.percent(part, of: whole) == VietnameseFormat.grouped(Rounding.fixed(share, places: 1)) + " %")
        }
    }

    @Test("dates dd/mm/yyyy, shares with one decimal, signed differences")
    func others() {
        #expect(VietnameseFormat.date("2025-10-10") == "10/10/2025")
        #expect(VietnameseFormat.date("2025-09-30") == "30/09/2025")
        #expect(VietnameseFormat.percent(2, of: 3) == "66,7 %")
        #expect(VietnameseFormat.percent(1, of: 0) == "")
        #expect(VietnameseFormat.signed(-4.5) == "−4,5")
        #expect(VietnameseFormat.signed(2) == "+2")
    }

    @Test("the plans' deadline: before the 10th of the period's last month, Vietnam time")
    func deadline() {
        let context = ReportFixture.context
        #expect(context.deadline == "2025-09-10")
        #expect(context.onTime("03721"))
        #expect(context.onTime("03727"))  // 23:59:59 on the 9th in Vietnam
        #expect(!context.onTime("03724"))  // 00:00 on the 10th
        #expect(!context.onTime("03730"))  // nothing received
    }
}
