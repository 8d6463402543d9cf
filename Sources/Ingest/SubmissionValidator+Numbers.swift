import CCHCCore
import Foundation

/// A numeric cell of a row, as read.
struct NumberCell {
    let name: String
    let text: String
    let column: Int
    /// nil: blank.
    let reading: NumberText.Reading?
}

/// A row whose unit, period and indicator are valid, waiting for its numbers to be checked.
struct NumberRow {
    let line: Int
    let unitCode: String
    let indicator: Indicator
    /// The numeric cells, nil when the file has no such column. Held apart, not in an array
    /// searched by name: this runs once per row (issue 7).
    let value: NumberCell?
    let numerator: NumberCell?
    let denominator: NumberCell?
    let note: String?

    /// The numeric cells present, in column order.
    var cells: [NumberCell] { [value, numerator, denominator].compactMap { $0 } }

    var isAmbiguous: Bool {
        func isAmbiguous(_ cell: NumberCell?) -> Bool { if case .ambiguous? = cell?.reading { true } else { false } }
        return isAmbiguous(value) || isAmbiguous(numerator) || isAmbiguous(denominator)
    }
}

extension SubmissionValidator {
    // MARK: - Ranges and agreement of the numbers

    /// The range and consistency checks of BRIEF §3.3 on a row whose numbers are settled; the row
    /// when they pass.
    func checkNumbers(_ row: NumberRow, decimalMark: NumberText.DecimalMark?, settled: [String: Double] = [:]) -> SubmissionRow? {
        let errorsBefore = errors.count
        func fail(_ code: IngestError.Code, _ column: Int?, _ en: String, _ vi: String) {
            report(IngestError(code: code, location: InputLocation(path: path, line: row.line, column: column), message: en, messageVi: vi))
        }
        func number(_ cell: NumberCell?) -> Double? {
            guard let cell else { return nil }
            return (settled.isEmpty ? nil : settled[cell.name]) ?? cell.reading?.value(decimalMark: decimalMark ?? .point)
        }
        let value = number(row.value), numerator = number(row.numerator), denominator = number(row.denominator)
        let valueColumn = row.value?.column
        let indicator = row.indicator
        var scored = value
        if indicator.unit == .percent {
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
            if indicator.unit == .boolean, v != 0, v != 1 {
                fail(.booleanNotZeroOrOne, valueColumn, "value \(Rounding.compact(v)) for a yes/no indicator; expected 0 or 1",
                     "giá trị \(Rounding.compact(v)) cho chỉ tiêu có/không; cần 0 (chưa đạt) hoặc 1 (đạt)")
            } else if indicator.unit == .count, v < 0 {
                fail(.negativeValue, valueColumn, "count \(Rounding.compact(v)) is negative; expected 0 or more",
                     "số lượng \(Rounding.compact(v)) âm; cần số không âm")
            }
        }
        guard errors.count == errorsBefore else { return nil }
        return SubmissionRow(
            unitCode: row.unitCode, period: context.period, indicatorCode: indicator.code, value: scored,
            numerator: indicator.unit == .percent ? numerator : nil, denominator: indicator.unit == .percent ? denominator : nil,
            note: row.note?.isEmpty == false ? row.note : nil, line: row.line)
    }

    // MARK: - Numbers that read two ways

    /// Checks the rows that held `1.234`-like numbers, now that the whole file has shown its decimal
    /// mark. When it shows none (or both), a number only one of whose readings is possible (a
    /// percentage `88.605`, not 88605; a yes/no `1.000`) is read that way; any other is reported.
    func settlePending() -> [SubmissionRow] {
        defer { pending = [] }
        if decimalMarksSeen.count == 1, let mark = decimalMarksSeen.first {
            return pending.compactMap { checkNumbers($0, decimalMark: mark) }
        }
        var rows: [SubmissionRow] = []
        for row in pending {
            var settled: [String: Double] = [:]
            for cell in row.cells {
                guard case .ambiguous(let cellMark, let thousands, let decimal)? = cell.reading else { continue }
                if let only = Self.onlyPossible(thousands: thousands, decimal: decimal, cell: cell.name, unit: row.indicator.unit) {
                    settled[cell.name] = only
                } else {
                    report(ambiguity(row: row, cell: cell, mark: cellMark, thousands: thousands, decimal: decimal))
                }
            }
            if settled.count == row.cells.filter({ if case .ambiguous = $0.reading { true } else { false } }).count,
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

    private func ambiguity(row: NumberRow, cell: NumberCell, mark: NumberText.DecimalMark, thousands: Double, decimal: Double) -> IngestError {
        let why = decimalMarksSeen.isEmpty
            ? ("no other number in the file shows whether \".\" or \",\" is its decimal mark",
               "không có số nào khác trong tệp cho biết dấu thập phân là \".\" hay \",\"")
            : ("the file's other numbers use both \".\" and \",\" as decimal marks",
               "các số khác trong tệp dùng cả \".\" lẫn \",\" làm dấu thập phân")
        // Written from the cell's own digits: Rounding.compact would round 1.234 to 1.23.
        let bare = cell.text.filter { $0 != "%" && !$0.isWhitespace }
        let plain = bare.filter { $0 != mark.rawValue }
        let decimalText = String(bare.map { $0 == mark.rawValue ? "." : $0 })
        let decimalVi = String(bare.map { $0 == mark.rawValue ? "," : $0 })
        return IngestError(
            code: .ambiguousNumber, location: InputLocation(path: path, line: row.line, column: cell.column),
            message: "\(cell.name) \"\(cell.text)\" could be \(plain) or \(decimalText): \(why.0); expected \(plain) written without grouping, or \(decimalText) with the file's decimal mark",
            messageVi: "\(Self.vietnameseName(cell.name)) \"\(cell.text)\" có thể là \(plain) hoặc \(decimalVi): \(why.1); hãy viết \(plain) không có dấu phân cách hàng nghìn, hoặc viết số thập phân với một dấu thập phân thống nhất trong cả tệp")
    }
}
