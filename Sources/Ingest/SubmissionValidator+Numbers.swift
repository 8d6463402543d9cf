import CCHCCore
import Foundation

/// The numeric columns of a submission.
enum NumberField: String {
    case value, numerator, denominator
}

/// A numeric cell of a row, as read.
struct NumberCell {
    let field: NumberField
    let column: Int
    /// nil: blank.
    let reading: NumberText.Reading?

    var name: String { field.rawValue }

    var isAmbiguous: Bool { if case .ambiguous? = reading { true } else { false } }
}

/// A row whose unit, period and indicator are valid, waiting for its numbers to be checked.
struct NumberRow {
    let line: Int
    let unitCode: String
    let indicatorCode: String
    let indicatorNumber: Int
    let measure: Indicator.MeasureUnit
    /// The numeric cells, nil when the file has no such column. Held apart, not in an array
    /// searched by name: this runs once per row (issue 7).
    let value: NumberCell?
    let numerator: NumberCell?
    let denominator: NumberCell?
    let note: String?

    /// The numeric cells present, in column order.
    var cells: [NumberCell] { [value, numerator, denominator].compactMap { $0 } }

    var isAmbiguous: Bool {
        value?.isAmbiguous == true || numerator?.isAmbiguous == true || denominator?.isAmbiguous == true
    }
}

/// A row whose numbers read two ways, waiting for the file's decimal mark; with its ambiguous
/// cells as written, which their errors quote.
struct PendingRow {
    let row: NumberRow
    let written: [NumberField: String]
}

/// The decimal marks a file's unambiguous numbers have shown (a set of at most two, without hashing).
struct DecimalMarks {
    private var point = false
    private var comma = false

    mutating func insert(_ mark: NumberText.DecimalMark) {
        switch mark {
        case .point: point = true
        case .comma: comma = true
        }
    }

    var isEmpty: Bool { !point && !comma }

    /// The mark, when exactly one was shown.
    var only: NumberText.DecimalMark? {
        point == comma ? nil : point ? .point : .comma
    }
}

extension SubmissionValidator {
    // MARK: - Ranges and agreement of the numbers

    /// The range and consistency checks of BRIEF §3.3 on a row whose numbers are settled; the row
    /// when they pass.
    mutating func checkNumbers(_ row: NumberRow, decimalMark: NumberText.DecimalMark?, settled: [NumberField: Double] = [:]) -> SubmissionRow? {
        let errorsBefore = errors.count
        func fail(_ code: IngestError.Code, _ column: Int?, _ en: String, _ vi: String) {
            report(IngestError(code: code, location: InputLocation(path: path, line: row.line, column: column), message: en, messageVi: vi))
        }
        func number(_ cell: NumberCell?) -> Double? {
            guard let cell else { return nil }
            return (settled.isEmpty ? nil : settled[cell.field]) ?? cell.reading?.value(decimalMark: decimalMark ?? .point)
        }
        let value = number(row.value), numerator = number(row.numerator), denominator = number(row.denominator)
        let valueColumn = row.value?.column
        var scored = value
        if row.measure == .percent {
            if let n = numerator, let d = denominator {
                let numeratorColumn = row.numerator?.column
                if n < 0 || d < 0 {
                    fail(.negativeValue, n < 0 ? numeratorColumn : row.denominator?.column,
                         "numerator/denominator \(Rounding.compact(n))/\(Rounding.compact(d)) is negative; expected counts of 0 or more",
                         "tử số/mẫu số \(Rounding.compact(n))/\(Rounding.compact(d)) âm; cần số không âm")
                } else if n > d {
                    fail(.numeratorAboveDenominator, numeratorColumn,
                         "numerator \(Rounding.compact(n)) is above denominator \(Rounding.compact(d)); expected numerator ≤ denominator",
                         "tử số \(Rounding.compact(n)) lớn hơn mẫu số \(Rounding.compact(d)); tử số không được vượt mẫu số")
                } else if d > 0 {
                    let ratio = 100 * n / d
                    if let v = value, Rounding.scaled(abs(v - ratio), places: 6) > 500_000 {
                        fail(.valueDisagreesWithRatio, valueColumn,
                             "value \(Rounding.compact(v)) disagrees with numerator/denominator = \(Rounding.compact(ratio)); expected them within 0.5 points",
                             "giá trị \(Rounding.compact(v)) không khớp với tử số/mẫu số = \(Rounding.compact(ratio)); chênh lệch không được quá 0,5")
                    }
                    if value == nil { scored = ratio }
                }
            }
            if let v = value, v < 0 || v > 100 {
                fail(.percentOutOfRange, valueColumn, "percentage \(Rounding.compact(v)) is outside 0–100; expected 0 to 100",
                     "tỷ lệ \(Rounding.compact(v))% nằm ngoài khoảng 0–100")
            }
        } else if let v = value {
            if row.measure == .boolean, v != 0, v != 1 {
                fail(.booleanNotZeroOrOne, valueColumn, "value \(Rounding.compact(v)) for a yes/no indicator; expected 0 or 1",
                     "giá trị \(Rounding.compact(v)) cho chỉ tiêu có/không; cần 0 (chưa đạt) hoặc 1 (đạt)")
            } else if row.measure == .count, v < 0 {
                fail(.negativeValue, valueColumn, "count \(Rounding.compact(v)) is negative; expected 0 or more",
                     "số lượng \(Rounding.compact(v)) âm; cần số không âm")
            }
        }
        guard errors.count == errorsBefore else { return nil }
        return SubmissionRow(
            unitCode: row.unitCode, period: context.period, indicatorCode: row.indicatorCode, indicatorNumber: row.indicatorNumber, value: scored,
            numerator: row.measure == .percent ? numerator : nil, denominator: row.measure == .percent ? denominator : nil,
            note: row.note?.isEmpty == false ? row.note : nil, line: row.line)
    }

    // MARK: - Numbers that read two ways

    /// Checks the rows that held `1.234`-like numbers, now that the whole file has shown its decimal
    /// mark. When it shows none (or both), a number only one of whose readings is possible (a
    /// percentage `88.605`, not 88605; a yes/no `1.000`) is read that way; any other is reported.
    mutating func settlePending() -> [SubmissionRow] {
        let waiting = pending
        pending = []
        if let mark = decimalMarksSeen.only {
            return waiting.compactMap { checkNumbers($0.row, decimalMark: mark) }
        }
        var rows: [SubmissionRow] = []
        for (row, written) in waiting.map({ ($0.row, $0.written) }) {
            var settled: [NumberField: Double] = [:]
            for cell in row.cells {
                guard case .ambiguous(let cellMark, let thousands, let decimal)? = cell.reading else { continue }
                if let only = Self.onlyPossible(thousands: thousands, decimal: decimal, cell: cell.name, unit: row.measure) {
                    settled[cell.field] = only
                } else {
                    report(ambiguity(row: row, cell: cell, text: written[cell.field] ?? "", mark: cellMark, thousands: thousands, decimal: decimal))
                }
            }
            if settled.count == row.cells.filter(\.isAmbiguous).count,
               let checked = checkNumbers(row, decimalMark: nil, settled: settled) {
                rows.append(checked)
            }
        }
        return rows
    }

    /// The one reading of an ambiguous value its indicator allows, if only one is possible.
    static func onlyPossible(thousands: Double, decimal: Double, cell: String, unit: Indicator.MeasureUnit) -> Double? {
        guard cell == "value" else { return nil }
        switch unit {
        case .percent: return thousands > 100 && (0...100).contains(decimal) ? decimal : nil
        case .boolean: return decimal == 0 || decimal == 1 ? decimal : nil
        default: return nil
        }
    }

    private func ambiguity(row: NumberRow, cell: NumberCell, text: String, mark: NumberText.DecimalMark, thousands: Double, decimal: Double) -> IngestError {
        let why = decimalMarksSeen.isEmpty
            ? ("no other number in the file shows whether \".\" or \",\" is its decimal mark",
               "không có số nào khác trong tệp cho biết dấu thập phân là \".\" hay \",\"")
            : ("the file's other numbers use both \".\" and \",\" as decimal marks",
               "các số khác trong tệp dùng cả \".\" lẫn \",\" làm dấu thập phân")
        // Written from the cell's own digits: Rounding.compact would round 1.234 to 1.23.
        let bare = text.filter { $0 != "%" && !$0.isWhitespace }
        let plain = bare.filter { $0 != mark.rawValue }
        let decimalText = String(bare.map { $0 == mark.rawValue ? "." : $0 })
        let decimalVi = String(bare.map { $0 == mark.rawValue ? "," : $0 })
        return IngestError(
            code: .ambiguousNumber, location: InputLocation(path: path, line: row.line, column: cell.column),
            message: "\(cell.name) \"\(text)\" could be \(plain) or \(decimalText): \(why.0); expected \(plain) written without grouping, or \(decimalText) with the file's decimal mark",
            messageVi: "\(Self.vietnameseName(cell.name)) \"\(text)\" có thể là \(plain) hoặc \(decimalVi): \(why.1); hãy viết \(plain) không có dấu phân cách hàng nghìn, hoặc viết số thập phân với một dấu thập phân thống nhất trong cả tệp")
    }
}
