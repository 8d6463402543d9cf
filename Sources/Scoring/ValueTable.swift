import CCHCCore

/// The values in force as plain rows keyed by small integer slots rather than codes: what the
/// warehouse reads (`unit_id`, `indicator_id`) becomes a slot without a `String` or a hash lookup
/// per value, and the scoring plan indexes the rows with array accesses only.
public struct ValueTable: Sendable {
    /// One value in force. A blank number is NaN: SQLite stores no NaN (binding one stores NULL), so
    /// NaN is free to stand for "not given", and a row stays 32 bytes instead of 56 with optionals.
    public struct Row: Sendable, Equatable {
        public var unitSlot: Int32
        public var indicatorSlot: Int32
        public var value: Double
        public var numerator: Double
        public var denominator: Double

        public init(unitSlot: Int32, indicatorSlot: Int32, value: Double?, numerator: Double?, denominator: Double?) {
            self.unitSlot = unitSlot
            self.indicatorSlot = indicatorSlot
            self.value = value ?? .nan
            self.numerator = numerator ?? .nan
            self.denominator = denominator ?? .nan
        }
    }

    /// The code of each unit slot and of each indicator slot; an unused slot holds "".
    public var unitCodes: [String]
    public var indicatorCodes: [String]
    public var rows: [Row]

    public init(unitCodes: [String], indicatorCodes: [String], rows: [Row]) {
        self.unitCodes = unitCodes
        self.indicatorCodes = indicatorCodes
        self.rows = rows
    }

    /// The same values from code-keyed `ReportedValue`s (tests and small callers).
    public init(_ reported: [ReportedValue]) {
        var unitSlots: [String: Int32] = [:], indicatorSlots: [String: Int32] = [:]
        var unitCodes: [String] = [], indicatorCodes: [String] = []
        func slot(_ code: String, _ slots: inout [String: Int32], _ codes: inout [String]) -> Int32 {
            if let known = slots[code] { return known }
            codes.append(code)
            slots[code] = Int32(codes.count - 1)
            return Int32(codes.count - 1)
        }
        let rows = reported.map { r in
            Row(unitSlot: slot(r.unitCode, &unitSlots, &unitCodes), indicatorSlot: slot(r.indicatorCode, &indicatorSlots, &indicatorCodes),
                value: r.value, numerator: r.numerator, denominator: r.denominator)
        }
        self.init(unitCodes: unitCodes, indicatorCodes: indicatorCodes, rows: rows)
    }

    /// The rows as code-keyed `ReportedValue`s.
    public var reported: [ReportedValue] {
        rows.map { row in
            ReportedValue(unitCode: unitCodes[Int(row.unitSlot)], indicatorCode: indicatorCodes[Int(row.indicatorSlot)],
                          value: row.value.isNaN ? nil : row.value, numerator: row.numerator.isNaN ? nil : row.numerator,
                          denominator: row.denominator.isNaN ? nil : row.denominator)
        }
    }
}
