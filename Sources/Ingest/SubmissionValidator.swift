import CCHCCore

/// Checks the records of one submission file against BRIEF §3.2–3.3, row by row, collecting every
/// error (up to `errorLimit`) instead of stopping at the first. Feed the header first, then each record.
public struct SubmissionValidator {
    public static let requiredColumns = ["unit_code", "period", "indicator_code", "value"]
    public static let optionalColumns = ["numerator", "denominator", "note"]
    public static let errorLimit = 200

    public let path: String
    let context: SubmissionContext
    private var sawHeader = false
    /// The header's positions of the columns read in every row, resolved once (issue 7).
    private var unitColumn = 0, periodColumn = 0, indicatorColumn = 0
    private var noteColumn: Int?
    /// Where the numeric columns are (plain values, not an array: nothing to retain per row, issue 7).
    private var valueColumn: Int?, numeratorColumn: Int?, denominatorColumn: Int?
    /// The last row's unit and period cells and what they were judged to be: most rows repeat them (issue 7).
    private var lastUnit = CellMemo(), unitVerdict = UnitVerdict.unknown, unitParentCode: String?
    private var lastPeriod = CellMemo(), periodVerdict = PeriodVerdict.invalid
    private var headerIsUsable = true
    /// The indicators seen, by `context.indicatorNumbers`.
    private var seenIndicators: [Bool]
    private var headerWidth = 0
    /// The decimal marks the file's unambiguous numbers show (`95,5` a comma, `1.234.567` a comma too).
    var decimalMarksSeen = DecimalMarks()
    /// Rows otherwise valid whose numbers read two ways (`1.234`): at most one per known indicator.
    var pending: [PendingRow] = []
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

    /// Checks one record; appends its row to `rows` when it is valid and no error was found before
    /// (the file may still be rejected later).
    public mutating func check(_ record: CSVReader.RawRecord, into rows: inout [SubmissionRow]) {
        if let row = check(record), isAcceptable { rows.append(row) }
    }

    /// Checks one record; returns the row when it is valid (the file may still be rejected later).
    /// Cells are read as bytes; a `String` is made of one only when a row or a message needs it.
    public mutating func check(_ record: CSVReader.RawRecord) -> SubmissionRow? {
        guard sawHeader else {
            readHeader((0..<record.count).map(record.string), line: record.line)
            return nil
        }
        if Self.isBlank(record) { return nil }
        dataRows += 1
        guard headerIsUsable else { return nil }
        let errorsBefore = errors.count
        func cell(_ index: Int) -> (bytes: UnsafeBufferPointer<UInt8>, column: Int) {
            guard index < record.count else { return (UnsafeBufferPointer(start: nil, count: 0), index + 1) }
            let field = record[index]
            return (UnsafeBufferPointer(rebasing: field[Self.trimmedRange(field)]), index + 1)
        }
        func fail(_ code: IngestError.Code, _ column: Int?, _ en: String, _ vi: String) {
            report(IngestError(code: code, location: InputLocation(path: path, line: record.line, column: column), message: en, messageVi: vi))
        }

        // More cells than columns: most often `85,5` unquoted in a comma-separated file, split in two.
        // The row's cells can no longer be trusted to be where the header says, so nothing else is checked.
        if let extra = Self.firstFilledCell(record, from: headerWidth) {
            var count = record.count
            while count > 0, Self.isBlank(record[count - 1]) { count -= 1 }
            fail(.tooManyCells, extra + 1,
                 "the row has \(count) cells but the header has \(headerWidth) columns; expected one cell per column (a decimal comma in a comma-separated file must be quoted, \"85,5\", or written 85.5)",
                 "dòng có \(count) ô nhưng dòng tiêu đề chỉ có \(headerWidth) cột; nếu tệp phân cách bằng dấu phẩy thì số có dấu phẩy thập phân phải đặt trong ngoặc kép (\"85,5\") hoặc viết 85.5")
            return nil
        }

        // Unit: a commune of this folder's province, the same in every row.
        let unitCell = cell(unitColumn)
        if !lastUnit.holds(unitCell.bytes) {
            lastUnit = CellMemo(unitCell.bytes)
            (unitVerdict, unitParentCode) = Self.judgeUnit(lastUnit.text, context)
        }
        let unit = lastUnit.text
        switch unitVerdict {
        case .commune:
            break
        case .province:
            fail(.notACommune, unitCell.column, "unit \"\(unit)\" is a province; expected a commune code",
                 "mã đơn vị \"\(unit)\" là cấp tỉnh; cần mã của xã, phường")
        case .ofAnotherProvince:
            fail(.unitOfAnotherProvince, unitCell.column,
                 "unit \"\(unit)\" belongs to province \(unitParentCode ?? "?"); expected a commune of province \(context.provinceCode) (the folder the file is in)",
                 "đơn vị \"\(unit)\" thuộc tỉnh \(unitParentCode ?? "?"); tệp nằm trong thư mục tỉnh \(context.provinceCode) nên chỉ được chứa xã, phường của tỉnh này")
        case .unknown:
            fail(.unknownUnit, unitCell.column, "unknown unit code \"\(unit)\"; expected a commune code of units.csv",
                 "mã đơn vị \"\(unit)\" không có trong danh mục; cần mã xã, phường đúng theo danh mục")
        }
        if let first = unitCode, first != unit {
            fail(.severalUnits, unitCell.column, "unit \"\(unit)\" differs from \"\(first)\" of the first row; expected one commune per file",
                 "mã đơn vị \"\(unit)\" khác với \"\(first)\" ở dòng đầu; mỗi tệp chỉ được báo cáo cho một đơn vị")
        } else if unitCode == nil {
            unitCode = unit
        }

        // Period: the folder's.
        let periodCell = cell(periodColumn)
        if !lastPeriod.holds(periodCell.bytes) {
            lastPeriod = CellMemo(periodCell.bytes)
            periodVerdict = Self.judgePeriod(lastPeriod.text, context)
        }
        let period = lastPeriod.text
        switch periodVerdict {
        case .folders:
            break
        case .otherPeriod:
            fail(.periodNotOfFolder, periodCell.column,
                 "period \"\(period)\"; expected \(context.period), the period folder the file is in",
                 "kỳ báo cáo \"\(period)\" không khớp; tệp nằm trong thư mục kỳ \(context.period)")
        case .invalid:
            fail(.invalidPeriod, periodCell.column, "period \"\(period)\"; expected a period such as \(context.period)",
                 "kỳ báo cáo \"\(period)\" không hợp lệ; cần dạng \(context.period)")
        }

        // Indicator: known, once per file.
        let indicatorCell = cell(indicatorColumn)
        let indicatorNumber = context.indicatorNumber(indicatorCell.bytes)
        if let number = indicatorNumber {
            if seenIndicators[number] {
                let indicatorText = String(decoding: indicatorCell.bytes, as: UTF8.self)
                fail(.duplicateIndicator, indicatorCell.column, "indicator \"\(indicatorText)\" appears a second time; expected one row per indicator",
                     "chỉ tiêu \"\(indicatorText)\" bị lặp lại; mỗi chỉ tiêu chỉ được một dòng")
            }
            seenIndicators[number] = true
        } else {
            let indicatorText = String(decoding: indicatorCell.bytes, as: UTF8.self)
            fail(.unknownIndicator, indicatorCell.column, "unknown indicator code \"\(indicatorText)\"; expected a code of indicators.csv",
                 "mã chỉ tiêu \"\(indicatorText)\" không có trong danh mục chỉ tiêu")
        }

        // Numbers: a row holding `1.234` waits until the file's other values show its decimal mark.
        func number(_ field: NumberField, _ index: Int?) -> NumberCell? {
            guard let index else { return nil }
            let c = cell(index)
            do {
                let reading = try NumberText.parse(c.bytes)
                if case .number(_, let shows?) = reading { decimalMarksSeen.insert(shows) }
                return NumberCell(field: field, column: c.column, reading: reading)
            } catch {
                let text = String(decoding: c.bytes, as: UTF8.self)
                fail(.nonNumericValue, c.column, "\(field.rawValue) \"\(text)\" is not a number; expected e.g. 95.5 or 95,5",
                     "\(Self.vietnameseName(field.rawValue)) \"\(text)\" không phải là số; cần dạng 95,5 hoặc 95.5")
                return nil
            }
        }
        let value = number(.value, valueColumn)
        let numerator = number(.numerator, numeratorColumn)
        let denominator = number(.denominator, denominatorColumn)
        guard let indicatorNumber, errors.count == errorsBefore else { return nil }
        let note = noteColumn.map { cell($0).bytes }.flatMap { $0.isEmpty ? nil : String(decoding: $0, as: UTF8.self) }
        // The code and unit read in place: a copy of the `Indicator` would retain its names, strings
        // every worker thread shares (issue 7).
        let row = NumberRow(line: record.line, unitCode: unit, indicatorCode: context.numberedIndicators[indicatorNumber].code,
                            indicatorNumber: indicatorNumber,
                            measure: context.numberedIndicators[indicatorNumber].unit,
                            value: value, numerator: numerator, denominator: denominator, note: note)
        if row.isAmbiguous {
            var written: [NumberField: String] = [:]
            for waiting in row.cells where waiting.isAmbiguous {
                written[waiting.field] = String(decoding: cell(waiting.column - 1).bytes, as: UTF8.self)
            }
            pending.append(PendingRow(row: row, written: written))
            return nil
        }
        return checkNumbers(row, decimalMark: nil)
    }

    /// What a unit cell names, judged once per distinct cell.
    enum UnitVerdict { case commune, province, ofAnotherProvince, unknown }

    enum PeriodVerdict { case folders, otherPeriod, invalid }

    /// The verdict, and the parent code of a commune of another province.
    private static func judgeUnit(_ text: String, _ context: SubmissionContext) -> (UnitVerdict, String?) {
        guard let known = context.units[text] else { return (.unknown, nil) }
        if known.level != .commune { return (.province, nil) }
        return known.parentCode == context.provinceCode ? (.commune, nil) : (.ofAnotherProvince, known.parentCode)
    }

    private static func judgePeriod(_ text: String, _ context: SubmissionContext) -> PeriodVerdict {
        guard let period = Period(text) else { return .invalid }
        return period == context.period ? .folders : .otherPeriod
    }

    /// A cell's bytes and text, remembered to tell whether the next row repeats it.
    struct CellMemo {
        private var bytes: [UInt8]?
        private(set) var text = ""

        init() {}

        init(_ cell: UnsafeBufferPointer<UInt8>) {
            bytes = Array(cell)
            text = String(decoding: cell, as: UTF8.self)
        }

        func holds(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
            guard let bytes, bytes.count == cell.count else { return false }
            for index in 0..<cell.count where bytes[index] != cell[index] { return false }
            return true
        }
    }

    /// `finish()`, appending the rows when the file has shown no error.
    public mutating func finish(into rows: inout [SubmissionRow]) {
        let settled = finish()
        if isAcceptable { rows += settled }
    }

    /// Whole-file checks once every record was seen; returns the rows that waited for the file's
    /// decimal mark and turned out valid.
    @discardableResult
    public mutating func finish() -> [SubmissionRow] {
        let settled = settlePending()
        if !sawHeader || dataRows == 0 {
            report(IngestError(code: .emptyFile, location: InputLocation(path: path),
                               message: "the file has no data rows; expected a header and one row per indicator",
                               messageVi: "tệp không có dòng số liệu nào; cần dòng tiêu đề và mỗi chỉ tiêu một dòng"))
        }
        return settled
    }

    /// Records an error found outside the validator (unreadable bytes, malformed CSV).
    public mutating func report(_ error: IngestError) {
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

    private mutating func readHeader(_ fields: [String], line: Int) {
        sawHeader = true
        headerWidth = fields.count
        // Columns found by a linear search of the names, not through a dictionary of them: a header
        // has a handful of cells, and hashing each several times cost as much as some rows (issue 7).
        let names = fields.map(HeaderName.canonical)
        func position(_ column: String) -> Int? { names.firstIndex(of: column) }
        var unknownColumns = 0
        for (index, name) in names.enumerated() where !name.isEmpty && !Self.knownColumns.contains(name) {
            // A hostile header of a million columns must not give a million warnings (issue 8).
            unknownColumns += 1
            if unknownColumns > Self.warningLimit { continue }
            let raw = fields[index]
            warnings.append(IngestWarning(
                code: .unknownColumn, location: InputLocation(path: path, line: line, column: index + 1),
                message: "unknown column \"\(raw.withVisibleControls())\" ignored",
                messageVi: "cột \"\(raw.withVisibleControls())\" không thuộc mẫu báo cáo nên được bỏ qua"))
        }
        if unknownColumns > Self.warningLimit {
            let more = unknownColumns - Self.warningLimit
            warnings.append(IngestWarning(
                code: .unknownColumn, location: InputLocation(path: path, line: line),
                message: "\(more) more unknown columns ignored",
                messageVi: "thêm \(more) cột không thuộc mẫu báo cáo nên được bỏ qua"))
        }
        let missing = Self.requiredColumns.filter { position($0) == nil }
        if !missing.isEmpty {
            report(IngestError(
                code: .missingColumn, location: InputLocation(path: path, line: line),
                message: "the header lacks \(missing.joined(separator: ", ")); expected columns \(Self.requiredColumns.joined(separator: ",")) (and optionally \(Self.optionalColumns.joined(separator: ",")))",
                messageVi: "dòng tiêu đề thiếu cột \(missing.joined(separator: ", ")); cần các cột \(Self.requiredColumns.joined(separator: ", "))"))
            // Without those columns no row can be checked; the header error says it all.
            headerIsUsable = false
            return
        }
        // All present: `missing` is empty.
        unitColumn = position("unit_code") ?? 0
        periodColumn = position("period") ?? 0
        indicatorColumn = position("indicator_code") ?? 0
        noteColumn = position("note")
        valueColumn = position(NumberField.value.rawValue)
        numeratorColumn = position(NumberField.numerator.rawValue)
        denominatorColumn = position(NumberField.denominator.rawValue)
    }

    private static let knownColumns = requiredColumns + optionalColumns

    /// The bytes of `field` left once leading and trailing ASCII whitespace is trimmed, as
    /// `trimmingASCIIWhitespace` trims the field's `String`: by bytes when the field is ASCII, by
    /// `Character`s otherwise (a space followed by a combining mark is one character, not trimmed).
    static func trimmedRange(_ field: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
        guard let first = field.first, let last = field.last else { return 0..<0 }
        if !isSpace(first) && !isSpace(last) { return 0..<field.count }
        if field.allSatisfy({ $0 < 0x80 }) {
            guard let start = field.firstIndex(where: { !isSpace($0) }) else { return 0..<0 }
            return start..<(field.lastIndex(where: { !isSpace($0) })! + 1)
        }
        let text = String(decoding: field, as: UTF8.self)
        let isSpaceCharacter: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        guard let start = text.firstIndex(where: { !isSpaceCharacter($0) }) else { return 0..<0 }
        let end = text.index(after: text.lastIndex(where: { !isSpaceCharacter($0) })!)
        let utf8 = text.utf8
        return utf8.distance(from: utf8.startIndex, to: start)..<utf8.distance(from: utf8.startIndex, to: end)
    }

    /// Whether a cell is empty once trimmed: only ASCII spaces, tabs, CR and LF (or nothing).
    static func isBlank(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in field where !(byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A) { return false }
        return true
    }

    /// Whether every cell of `record` is blank.
    static func isBlank(_ record: CSVReader.RawRecord) -> Bool {
        var index = 0
        while index < record.count {
            if !isBlank(record[index]) { return false }
            index += 1
        }
        return true
    }

    /// The index of the first cell from `start` on that is not blank.
    static func firstFilledCell(_ record: CSVReader.RawRecord, from start: Int) -> Int? {
        var index = start
        while index < record.count {
            if !isBlank(record[index]) { return index }
            index += 1
        }
        return nil
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
