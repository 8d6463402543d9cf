import CCHCCore

/// Checks the records of one submission file against BRIEF §3.2–3.3, row by row, collecting every
/// error (up to `errorLimit`) instead of stopping at the first. Feed the header first, then each record.
public final class SubmissionValidator {
    public static let requiredColumns = ["unit_code", "period", "indicator_code", "value"]
    public static let optionalColumns = ["numerator", "denominator", "note"]
    public static let errorLimit = 200

    public let path: String
    let context: SubmissionContext
    private var columns: [String: Int]?
    private var headerIsUsable = true
    private var seenIndicators: Set<String> = []
    public private(set) var errors: [IngestError] = []
    public private(set) var warnings: [String] = []
    public private(set) var unitCode: String?
    public private(set) var dataRows = 0

    public init(path: String, context: SubmissionContext) {
        self.path = path
        self.context = context
    }

    public var isAcceptable: Bool { errors.isEmpty }

    /// Checks one record; returns the row when it is valid (the file may still be rejected later).
    public func check(_ record: CSVReader.Record) -> SubmissionRow? {
        guard let columns else {
            readHeader(record)
            return nil
        }
        if record.fields.allSatisfy({ $0.trimmingASCIIWhitespace().isEmpty }) { return nil }
        dataRows += 1
        guard headerIsUsable else { return nil }
        let errorsBefore = errors.count
        func cell(_ name: String) -> (text: String, column: Int)? {
            guard let index = columns[name] else { return nil }
            return (index < record.fields.count ? record.fields[index].trimmingASCIIWhitespace() : "", index + 1)
        }
        func fail(_ code: IngestError.Code, _ column: Int?, _ en: String, _ vi: String) {
            report(IngestError(code: code, location: InputLocation(path: path, line: record.line, column: column), message: en, messageVi: vi))
        }

        // Unit: a commune of this folder's province, the same in every row.
        let unit = cell("unit_code")!
        if let known = context.units[unit.text] {
            if known.level != .commune {
                fail(.notACommune, unit.column, "unit \"\(unit.text)\" is a province; expected a commune code",
                     "mã đơn vị \"\(unit.text)\" là cấp tỉnh; cần mã của xã, phường")
            } else if known.parentCode != context.provinceCode {
                fail(.unitOfAnotherProvince, unit.column,
                     "unit \"\(unit.text)\" belongs to province \(known.parentCode ?? "?"); expected a commune of province \(context.provinceCode) (the folder the file is in)",
                     "đơn vị \"\(unit.text)\" thuộc tỉnh \(known.parentCode ?? "?"); tệp nằm trong thư mục tỉnh \(context.provinceCode) nên chỉ được chứa xã, phường của tỉnh này")
            }
        } else {
            fail(.unknownUnit, unit.column, "unknown unit code \"\(unit.text)\"; expected a commune code of units.csv",
                 "mã đơn vị \"\(unit.text)\" không có trong danh mục; cần mã xã, phường đúng theo danh mục")
        }
        if let first = unitCode, first != unit.text {
            fail(.severalUnits, unit.column, "unit \"\(unit.text)\" differs from \"\(first)\" of the first row; expected one commune per file",
                 "mã đơn vị \"\(unit.text)\" khác với \"\(first)\" ở dòng đầu; mỗi tệp chỉ được báo cáo cho một đơn vị")
        } else if unitCode == nil {
            unitCode = unit.text
        }

        // Period: the folder's.
        let periodCell = cell("period")!
        if let period = Period(periodCell.text) {
            if period != context.period {
                fail(.periodNotOfFolder, periodCell.column,
                     "period \"\(periodCell.text)\"; expected \(context.period), the period folder the file is in",
                     "kỳ báo cáo \"\(periodCell.text)\" không khớp; tệp nằm trong thư mục kỳ \(context.period)")
            }
        } else {
            fail(.invalidPeriod, periodCell.column, "period \"\(periodCell.text)\"; expected a period such as \(context.period)",
                 "kỳ báo cáo \"\(periodCell.text)\" không hợp lệ; cần dạng \(context.period)")
        }

        // Indicator: known, once per file.
        let indicatorCell = cell("indicator_code")!
        let indicator = context.indicators[indicatorCell.text]
        if indicator == nil {
            fail(.unknownIndicator, indicatorCell.column, "unknown indicator code \"\(indicatorCell.text)\"; expected a code of indicators.csv",
                 "mã chỉ tiêu \"\(indicatorCell.text)\" không có trong danh mục chỉ tiêu")
        } else if !seenIndicators.insert(indicatorCell.text).inserted {
            fail(.duplicateIndicator, indicatorCell.column, "indicator \"\(indicatorCell.text)\" appears a second time; expected one row per indicator",
                 "chỉ tiêu \"\(indicatorCell.text)\" bị lặp lại; mỗi chỉ tiêu chỉ được một dòng")
        }

        // Numbers.
        func number(_ name: String) -> Double?? {
            guard let c = cell(name) else { return .some(nil) }
            do {
                return .some(try NumberText.parse(c.text)?.value)
            } catch {
                fail(.nonNumericValue, c.column, "\(name) \"\(c.text)\" is not a number; expected e.g. 95.5 or 95,5",
                     "\(Self.vietnameseName(name)) \"\(c.text)\" không phải là số; cần dạng 95,5 hoặc 95.5")
                return nil
            }
        }
        // All three parsed before the guard, so a row with several bad numbers reports each of them.
        let parsedValue = number("value"), parsedNumerator = number("numerator"), parsedDenominator = number("denominator")
        guard let value = parsedValue, let numerator = parsedNumerator, let denominator = parsedDenominator,
              let indicator, errors.count == errorsBefore else { return nil }
        let valueColumn = cell("value")!.column
        var scored = value
        if indicator.unit == .percent {
            if let n = numerator, let d = denominator {
                let numeratorColumn = cell("numerator")!.column
                if n < 0 || d < 0 {
                    fail(.negativeValue, n < 0 ? numeratorColumn : cell("denominator")!.column, "numerator/denominator \(n)/\(d) is negative; expected counts of 0 or more",
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
        let note = cell("note")?.text
        return SubmissionRow(
            unitCode: unit.text, period: context.period, indicatorCode: indicator.code, value: scored,
            numerator: indicator.unit == .percent ? numerator : nil, denominator: indicator.unit == .percent ? denominator : nil,
            note: note?.isEmpty == false ? note : nil, line: record.line)
    }

    /// Whole-file checks once every record was seen.
    public func finish() {
        if columns == nil || dataRows == 0 {
            report(IngestError(code: .emptyFile, location: InputLocation(path: path),
                               message: "the file has no data rows; expected a header and one row per indicator",
                               messageVi: "tệp không có dòng số liệu nào; cần dòng tiêu đề và mỗi chỉ tiêu một dòng"))
        }
    }

    /// Records an error found outside the validator (unreadable bytes, malformed CSV).
    public func report(_ error: IngestError) {
        if errors.count < Self.errorLimit {
            errors.append(error)
        } else if errors.count == Self.errorLimit {
            errors.append(IngestError(code: .tooManyErrors, location: InputLocation(path: path),
                                      message: "more than \(Self.errorLimit) errors; the rest are not listed",
                                      messageVi: "hơn \(Self.errorLimit) lỗi; các lỗi còn lại không liệt kê"))
        }
    }

    private func readHeader(_ record: CSVReader.Record) {
        var mapped: [String: Int] = [:]
        for (index, raw) in record.fields.enumerated() {
            let name = HeaderName.canonical(raw)
            if mapped[name] == nil { mapped[name] = index }
            if !(Self.requiredColumns + Self.optionalColumns).contains(name) {
                warnings.append("\(InputLocation(path: path, line: record.line, column: index + 1)): unknown column \"\(raw)\" ignored")
            }
        }
        let missing = Self.requiredColumns.filter { mapped[$0] == nil }
        if !missing.isEmpty {
            report(IngestError(
                code: .missingColumn, location: InputLocation(path: path, line: record.line),
                message: "the header lacks \(missing.joined(separator: ", ")); expected columns \(Self.requiredColumns.joined(separator: ",")) (and optionally \(Self.optionalColumns.joined(separator: ",")))",
                messageVi: "dòng tiêu đề thiếu cột \(missing.joined(separator: ", ")); cần các cột \(Self.requiredColumns.joined(separator: ", "))"))
            // Without those columns no row can be checked; the header error says it all.
            columns = [:]
            headerIsUsable = false
            return
        }
        columns = mapped
    }

    static func vietnameseName(_ column: String) -> String {
        switch column {
        case "value": "giá trị"
        case "numerator": "tử số"
        case "denominator": "mẫu số"
        default: column
        }
    }
}

extension SubmissionValidator {
    /// The canonical column name a header cell stands for (`"Mã đơn vị"` → `unit_code`).
    public static func canonicalHeader(_ raw: String) -> String {
        HeaderName.canonical(raw)
    }
}
