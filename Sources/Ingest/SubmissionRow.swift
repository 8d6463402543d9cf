import CCHCCore

/// One accepted data row of a submission: a commune's value for one indicator.
public struct SubmissionRow: Sendable, Equatable {
    public var unitCode: String
    public var period: Period
    public var indicatorCode: String
    /// The indicator's place in the validating context's `numberedIndicators`: what the import maps
    /// to warehouse keys once per period instead of hashing each row's code again (issue 7).
    public var indicatorNumber: Int
    /// The value to score; nil = missing. For percent rows with a blank value and both components
    /// given, 100·numerator/denominator.
    public var value: Double?
    public var numerator: Double?
    public var denominator: Double?
    public var note: String?
    public var line: Int
}

/// What the validator needs to know about the world: where the file arrived, and the reference data.
public struct SubmissionContext: Sendable {
    public var provinceCode: String
    public var period: Period
    public var units: [String: AdministrativeUnit]
    public var indicators: [String: Indicator] {
        didSet { numberIndicators() }
    }
    /// Each indicator's number, its place in `numberedIndicators`: one lookup gives the indicator, and
    /// the validator marks the ones a file has shown in an array instead of hashing them again (issue 7).
    private(set) var indicatorNumbers: [String: Int] = [:]
    public private(set) var numberedIndicators: [Indicator] = []
    /// `indicatorNumbers` by a cell's bytes.
    private var indicatorIndex = CodeIndex()

    public init(provinceCode: String, period: Period, units: [AdministrativeUnit], indicators: [Indicator]) {
        self.provinceCode = provinceCode
        self.period = period
        self.units = Dictionary(units.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        self.indicators = Dictionary(indicators.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        numberIndicators()
    }

    private mutating func numberIndicators() {
        let entries = Array(indicators)
        numberedIndicators = entries.map(\.value)
        indicatorNumbers = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($1.key, $0) })
        indicatorIndex = CodeIndex(entries.enumerated().map { ($1.key, $0) })
    }

    /// The number in `numberedIndicators` of the indicator whose code a cell's bytes (UTF-8, NFC)
    /// spell: `indicatorNumbers[String(cell)]` without making the `String` when the code is known.
    func indicatorNumber(_ cell: UnsafeBufferPointer<UInt8>) -> Int? {
        if let number = indicatorIndex.number(of: cell) { return number }
        // Unknown, unless the cell is not in NFC after all: ASCII always is.
        if cell.allSatisfy({ $0 < 0x80 }) { return nil }
        return indicatorNumbers[String(decoding: cell, as: UTF8.self)]
    }
}
