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
    /// The header's positions of the columns read in every row, resolved once (issue 7).
    private var unitColumn = 0, periodColumn = 0, indicatorColumn = 0
    private var noteColumn: Int?
    private var numberColumns: [(name: String, index: Int)] = []
    /// The last row's unit and period cells as looked up: most rows repeat them (issue 7).
    private var lastUnit: (text: String, unit: AdministrativeUnit?)?
    private var lastPeriod: (text: String, period: Period?)?
    private var headerIsUsable = true
    /// The indicators seen, by `context.indicatorNumbers`.
    private var seenIndicators: [Bool]
    private var headerWidth = 0
    /// The decimal marks the file's unambiguous numbers show (`95,5` a comma, `1.234.567` a comma too).
    var decimalMarksSeen: Set<NumberText.DecimalMark> = []
    /// Rows otherwise valid whose numbers read two ways (`1.234`): at most one per known indicator.
    var pending: [NumberRow] = []
    public private(set) var errors: [IngestError] = []
    public private(set) var warnings: [IngestWarning] = []
    public private(set) var unitCode: String?
    public private(set) var dataRows = 0

    public init(path: String, context: SubmissionContext) {
        self.path = path
        self.context = context
        seenIndicators = Array(repeating: false, count: context.indicatorNumbers.count)
    }

    public var isAcceptable: Bool { errors.isEmpty }

    /// Checks one record; returns the row when it is valid (the file may still be rejected later).
    public func check(_ record: CSVReader.Record) -> SubmissionRow? {
        guard columns != nil else {
            readHeader(record)
            return nil
        }
        if record.fields.allSatisfy(Self.isBlank) { return nil }
        dataRows += 1
        guard headerIsUsable else { return nil }
        let errorsBefore = errors.count
        func cell(_ index: Int) -> (text: String, column: Int) {
            (index < record.fields.count ? Self.trimmed(record.fields[index]) : "", index + 1)
        }
        func fail(_ code: IngestError.Code, _ column: Int?, _ en: String, _ vi: String) {
            report(IngestError(code: code, location: InputLocation(path: path, line: record.line, column: column), message: en, messageVi: vi))
        }

        // More cells than columns: most often `85,5` unquoted in a comma-separated file, split in two.
        // The row's cells can no longer be trusted to be where the header says, so nothing else is checked.
        if let extra = record.fields.indices.dropFirst(headerWidth).first(where: { !record.fields[$0].trimmingASCIIWhitespace().isEmpty }) {
            let count = record.fields.lastIndex { !$0.trimmingASCIIWhitespace().isEmpty }.map { $0 + 1 } ?? record.fields.count
            fail(.tooManyCells, extra + 1,
                 "the row has \(count) cells but the header has \(headerWidth) columns; expected one cell per column (a decimal comma in a comma-separated file must be quoted, \"85,5\", or written 85.5)",
                 "dòng có \(count) ô nhưng dòng tiêu đề chỉ có \(headerWidth) cột; nếu tệp phân cách bằng dấu phẩy thì số có dấu phẩy thập phân phải đặt trong ngoặc kép (\"85,5\") hoặc viết 85.5")
            return nil
        }

        // Unit: a commune of this folder's province, the same in every row.
        let unit = cell(unitColumn)
        if lastUnit?.text != unit.text { lastUnit = (unit.text, context.units[unit.text]) }
        if let known = lastUnit?.unit {
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
        let periodCell = cell(periodColumn)
        if lastPeriod?.text != periodCell.text { lastPeriod = (periodCell.text, Period(periodCell.text)) }
        if let period = lastPeriod?.period {
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
        let indicatorCell = cell(indicatorColumn)
        let number = context.indicatorNumbers[indicatorCell.text]
        let indicator = number.map { context.numberedIndicators[$0] }
        if let number {
            if seenIndicators[number] {
                fail(.duplicateIndicator, indicatorCell.column, "indicator \"\(indicatorCell.text)\" appears a second time; expected one row per indicator",
                     "chỉ tiêu \"\(indicatorCell.text)\" bị lặp lại; mỗi chỉ tiêu chỉ được một dòng")
            }
            seenIndicators[number] = true
        } else {
            fail(.unknownIndicator, indicatorCell.column, "unknown indicator code \"\(indicatorCell.text)\"; expected a code of indicators.csv",
                 "mã chỉ tiêu \"\(indicatorCell.text)\" không có trong danh mục chỉ tiêu")
        }

        // Numbers: a row holding `1.234` waits until the file's other values show its decimal mark.
        var value: NumberCell?, numerator: NumberCell?, denominator: NumberCell?
        for (name, index) in numberColumns {
            let c = cell(index)
            do {
                let reading = try NumberText.parse(c.text)
                if case .number(_, let shows?) = reading { decimalMarksSeen.insert(shows) }
                let parsed = NumberCell(name: name, text: c.text, column: c.column, reading: reading)
                switch name {
                case "value": value = parsed
                case "numerator": numerator = parsed
                default: denominator = parsed
                }
            } catch {
                fail(.nonNumericValue, c.column, "\(name) \"\(c.text)\" is not a number; expected e.g. 95.5 or 95,5",
                     "\(Self.vietnameseName(name)) \"\(c.text)\" không phải là số; cần dạng 95,5 hoặc 95.5")
            }
        }
        guard let indicator, errors.count == errorsBefore else { return nil }
        let row = NumberRow(line: record.line, unitCode: unit.text, indicator: indicator, value: value, numerator: numerator,
                            denominator: denominator, note: noteColumn.map { cell($0).text })
        if row.isAmbiguous {
            pending.append(row)
            return nil
        }
        return checkNumbers(row, decimalMark: nil)
    }

    /// Whole-file checks once every record was seen; returns the rows that waited for the file's
    /// decimal mark and turned out valid.
    @discardableResult
    public func finish() -> [SubmissionRow] {
        let settled = settlePending()
        if columns == nil || dataRows == 0 {
            report(IngestError(code: .emptyFile, location: InputLocation(path: path),
                               message: "the file has no data rows; expected a header and one row per indicator",
                               messageVi: "tệp không có dòng số liệu nào; cần dòng tiêu đề và mỗi chỉ tiêu một dòng"))
        }
        return settled
    }

    /// Records an error found outside the validator (unreadable bytes, malformed CSV).
    public func report(_ error: IngestError) {
        if errors.count < Self.errorLimit {
            var error = error
            error.message = error.message.withVisibleControls()
            error.messageVi = error.messageVi.withVisibleControls()
            errors.append(error)
        } else if errors.count == Self.errorLimit {
            errors.append(IngestError(code: .tooManyErrors, location: InputLocation(path: path),
                                      message: "more than \(Self.errorLimit) errors; the rest are not listed",
                                      messageVi: "hơn \(Self.errorLimit) lỗi; các lỗi còn lại không liệt kê"))
        }
    }

    private func readHeader(_ record: CSVReader.Record) {
        var mapped: [String: Int] = [:]
        headerWidth = record.fields.count
        var unknownColumns = 0
        for (index, raw) in record.fields.enumerated() {
            let name = HeaderName.canonical(raw)
            if mapped[name] == nil { mapped[name] = index }
            if !name.isEmpty, !(Self.requiredColumns + Self.optionalColumns).contains(name) {
                // A hostile header of a million columns must not give a million warnings (issue 8).
                unknownColumns += 1
                if unknownColumns > Self.warningLimit { continue }
                warnings.append(IngestWarning(
                    code: .unknownColumn, location: InputLocation(path: path, line: record.line, column: index + 1),
                    message: "unknown column \"\(raw.withVisibleControls())\" ignored",
                    messageVi: "cột \"\(raw.withVisibleControls())\" không thuộc mẫu báo cáo nên được bỏ qua"))
            }
        }
        if unknownColumns > Self.warningLimit {
            let more = unknownColumns - Self.warningLimit
            warnings.append(IngestWarning(
                code: .unknownColumn, location: InputLocation(path: path, line: record.line),
                message: "\(more) more unknown columns ignored",
                messageVi: "thêm \(more) cột không thuộc mẫu báo cáo nên được bỏ qua"))
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
        // All present: `missing` is empty.
        unitColumn = mapped["unit_code"] ?? 0
        periodColumn = mapped["period"] ?? 0
        indicatorColumn = mapped["indicator_code"] ?? 0
        noteColumn = mapped["note"]
        numberColumns = ["value", "numerator", "denominator"].compactMap { name in mapped[name].map { (name, $0) } }
    }

    /// The cell without leading and trailing ASCII whitespace; the common untrimmed cell is returned
    /// after looking at its two end bytes (`trimmingASCIIWhitespace` goes through `StringProtocol`).
    static func trimmed(_ field: String) -> String {
        func isSpace(_ byte: UInt8?) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
        guard let first = field.utf8.first, !isSpace(first), !isSpace(field.utf8.last) else { return field.trimmingASCIIWhitespace() }
        return field
    }

    /// Whether a cell is empty once trimmed: only ASCII spaces, tabs, CR and LF (or nothing).
    static func isBlank(_ field: String) -> Bool {
        field.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
    }

    /// Unknown columns warned about one by one; beyond them, one warning counts the rest.
    public static let warningLimit = 20

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
