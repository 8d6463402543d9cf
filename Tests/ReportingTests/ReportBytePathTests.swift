import CCHCCore
import Testing
@testable import Reporting

/// The long parts of the reports write numbers and cells straight into bytes (issue 7); these hold
/// each byte path to the `String` rule it replaces.
@Suite("report numbers and cells written on bytes")
struct ReportBytePathTests {
    static let values: [Double] = {
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = [0, -0.0, 0.004, 0.005, -0.005, 0.5, -0.5, 1.5, -2.5, 0.125, 0.995, -0.995, 9.995, 99.995, 999.5, 1_000,
                                -1_000, 999_999.995, -1_000_000, 1_234_567.25, 8.9e15, -8.9e15, 88.105, 100, 1e16, 9e16, -9e16, 7.1e67,
                                -7.1e67, .nan, .infinity, -.infinity, .ulpOfOne, -.leastNonzeroMagnitude]
        for magnitude in [1.0, 100, 10_000, 1e7, 1e12, 1e15] {
            values += (0..<200).map { _ in Double.random(in: -magnitude...magnitude, using: &generator) }
        }
        // Exact halves at 2 decimals, where rounding half away from zero shows.
        values += (-400...400).map { Double($0) / 200 }
        return values
    }()

    func written(_ write: (inout HTMLWriter) -> Void) -> String {
        var w = HTMLWriter()
        write(&w)
        return String(decoding: w.bytes, as: UTF8.self)
    }

    @Test("a score and a number written into the page read as VietnameseFormat writes them")
    func numbers() {
        for x in Self.values {
            #expect(written { $0.score(x) } == VietnameseFormat.score(x), "\(x)")
            #expect(written { $0.number(x) } == VietnameseFormat.number(x), "\(x)")
        }
    }

    @Test("DecimalText's bytes are its text, for 0, 1 and 2 decimals, grouped or not")
    func decimalBytes() {
        var generator = SystemRandomNumberGenerator()
        var scaled: [Int64] = [0, 1, -1, 5, -5, 10, 100, -100, 999, 1_000, -1_000, 123_456_789, .max, .min + 1, .min]
        scaled += (0..<300).map { _ in Int64.random(in: -1_000_000_000_000...1_000_000_000_000, using: &generator) }
        for value in scaled {
            for places in 0...2 {
                for dropping in [false, true] {
                    let text = DecimalText.make(value, places: places, droppingTrailingZeros: dropping, mark: UInt8(ascii: ","),
                                                thousands: UInt8(ascii: "."))
                    let bytes = DecimalText.withBytes(value, places: places, droppingTrailingZeros: dropping, mark: UInt8(ascii: ","),
                                                      thousands: UInt8(ascii: ".")) { Array($0) }
                    #expect(bytes == Array(text.utf8))
                }
                if places > 0, value != .min {
                    let x = Double(value) / (places == 1 ? 10 : 100)
                    if x.magnitude < 1e15 {
                        #expect(DecimalText.make(Rounding.scaled(x, places: places), places: places, droppingTrailingZeros: false,
                                                 mark: UInt8(ascii: "."), thousands: nil) == Rounding.fixed(x, places: places), "\(x)")
                    }
                }
            }
        }
    }

    @Test("a value written into the page reads as valueText, for every unit and none")
    func values() {
        let report = ProvinceReport(units: [], indicatorScores: [], rollups: [], context: ReportFixture.context)
        let units = Indicator.MeasureUnit.allCases.map { Optional($0) } + [nil]
        for unit in units {
            for x in Self.values.prefix(100).map({ Optional($0) }) + [nil, 1, 0, 0.5] {
                let page = written { ProvinceReport.writeValue(x, unit: unit, into: &$0) }
                #expect(page == written { $0.text(report.valueText(x, unit: unit)) }, "\(String(describing: x)) \(String(describing: unit))")
            }
        }
    }

    @Test("largest loss first, then indicator code: positions in code order sort as the codes did")
    func lossOrder() {
        var generator = SystemRandomNumberGenerator()
        let codes = ["A1", "B", "a", "Z9", "TTHC", "DN_MOI", "Đ1", "10", "9"].sorted()
        let losses: [Double] = [0, -0.0, 1.25, 1.25, 3, 0.5, 0, 2]
        for _ in 0..<50 {
            let lines = codes.indices.shuffled(using: &generator).map { position in
                ProvinceReport.Line(score: IndicatorScore(unitCode: "1", indicatorCode: codes[position], target: 1, targetScope: .province,
                                                          value: 1, attainment: 1, weight: 1, status: .met),
                                    points: 0, lost: losses.randomElement(using: &generator)!, indicator: position)
            }
            let byPosition = ProvinceReport.sortedByLoss(lines).map(\.score.indicatorCode)
            let byCode = lines.sorted { ($1.lost, $0.score.indicatorCode) < ($0.lost, $1.score.indicatorCode) }.map(\.score.indicatorCode)
            #expect(byPosition == byCode)
        }
    }

    @Test("indicator positions and each commune's breakdown, whatever order the scores come in")
    func positionsInAnyOrder() {
        var generator = SystemRandomNumberGenerator()
        let codes = ["TTHC", "DN_MOI", "A", "Z", "Đ", "b"], units = ["03721", "03724", "03727"]
        var scores: [IndicatorScore] = []
        for unit in units {
            for (i, code) in codes.enumerated() where (i + unit.count) % 4 != 0 || unit == "03724" {
                scores.append(IndicatorScore(unitCode: unit, indicatorCode: code, target: 1, targetScope: .province, value: 1,
                                             attainment: Double(i) / 10, weight: Double(i + 1), status: .missed))
            }
        }
        for round in 0..<20 {
            let input = round == 0 ? scores : scores.shuffled(using: &generator)
            let (sorted, positions) = ProvinceReport.indicatorPositions(input)
            #expect(sorted == Set(input.map(\.indicatorCode)).sorted())
            #expect(zip(input, positions).allSatisfy { sorted[$1] == $0.indicatorCode })
            let report = ProvinceReport(units: [], indicatorScores: input, rollups: [], context: ReportFixture.context)
            for unit in units {
                let own = input.filter { $0.unitCode == unit }
                let total = own.map(\.weight).reduce(0, +)
                let lines = report.breakdown(unit)
                #expect(lines.map(\.score) == own)
                #expect(lines.map(\.points) == own.map { 100 * $0.weight * $0.attainment / total })
                #expect(lines.allSatisfy { report.indicators[$0.indicator]?.code ?? sorted[$0.indicator] == $0.score.indicatorCode })
            }
        }
    }

    @Test("cells written one by one, and numbers as bytes, read as a row of strings", arguments: [",", ";"] as [Character])
    func cellByCell(separator: Character) {
        var rows = CSVTableWriter(header: ["a", "b"], separator: separator)
        var cells = CSVTableWriter(header: ["a", "b"], separator: separator)
        let dialect = CSVDialect(separator: separator, decimalMark: separator == "," ? "." : ",", folder: nil)
        for x in Self.values.prefix(200).map({ Optional($0) }) + [nil] {
            rows.append(CSVFastPathTests.cells + [dialect.compact(x)])
            for cell in CSVFastPathTests.cells { cells.cell(cell) }
            dialect.compactCell(x, into: &cells)
            cells.endRow()
        }
        #expect(cells.bytes == rows.bytes)
    }

    @Test("a cell's bytes are a plain number exactly when its text is")
    func plainNumberOnBytes() {
        for cell in CSVFastPathTests.cells + ["1", "-1", "+1,5", "1.5", "1.5.", ".5", "-", "+", "1\u{301}", ".\u{301}", "-\r\n", "١٢", "1e5"] {
            var text = cell
            #expect(text.withUTF8 { CSVTableWriter.isPlainNumber($0) } == CSVTableWriter.isPlainNumber(cell), "\(cell.debugDescription)")
        }
    }

    @Test("an indicator missing from the reference data, or without a name, prints its code in the explanation and the misses")
    func unnamedIndicator() {
        var context = ReportFixture.context
        context.indicators["NO_NAME"] = Indicator(code: "NO_NAME", domain: 2, nameVi: "", nameEn: "", unit: .count, direction: .lower,
                                                  weight: 1, aggregation: .sum)
        let unit = UnitScore(unitCode: "03721", provinceCode: "14", status: .ranked, score: 50, domainScores: [], met: 0, missed: 2,
                             missing: 0, rank: 1, rankChange: nil)
        let scores = [
            IndicatorScore(unitCode: "03721", indicatorCode: "<UNKNOWN>", target: 2, targetScope: .commune, value: 1, attainment: 0.5,
                           weight: 1, status: .missed),
            IndicatorScore(unitCode: "03721", indicatorCode: "NO_NAME", target: 2, targetScope: .province, value: 3, attainment: 0.5,
                           weight: 1, status: .missed),
        ]
        let report = ProvinceReport(units: [unit], indicatorScores: scores, rollups: [], context: context)
        let explanation = written { HTMLReport.explanationSection(report, into: &$0) }
        #expect(explanation.contains("<tr><td>&lt;UNKNOWN&gt;</td><td class=\"c\"></td><td class=\"num\">1</td>"
            + "<td class=\"num\">2 (riêng xã)</td><td class=\"num\">50 %</td><td class=\"num\">1</td><td class=\"num\">25,00</td>"
            + "<td class=\"num\">−25,00</td><td class=\"c\"><span class=\"missed\">Chưa đạt</span></td></tr>"))
        #expect(explanation.contains("<tr><td>NO_NAME</td><td class=\"c\">2</td><td class=\"num\">3</td><td class=\"num\">2</td>"))
        let misses = written { HTMLReport.missedSection(report, into: &$0) }
        #expect(misses.contains("<li>&lt;UNKNOWN&gt;: 1 / 2 <span class=\"missed\">(thiếu 1)</span></li>"))
        #expect(misses.contains("<li>NO_NAME: 3 / 2 <span class=\"missed\">(vượt mức tối đa 1)</span></li>"))
    }
}
