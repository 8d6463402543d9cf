/// The values in force of one period as `WarehouseStore.valuesInForce` reads them: rows keyed by
/// unit and indicator slots (positions in `unitCodes` and `indicatorCodes`).
public struct FactsInForce<Row> {
    public var unitCodes: [String]
    public var indicatorCodes: [String]
    public var rows: [Row]
    /// The file in force (`fact_submission.file_id`) of each commune with an accepted submission.
    public var submittedFiles: [String: Int64]
}

extension FactsInForce: Sendable where Row: Sendable {}

/// A dimension's surrogate keys mapped to dense slots 0..<n (in key order), with their codes.
/// Keys are looked up in an array when they are dense enough (SQLite assigns them 1, 2, 3, …),
/// else in a dictionary.
struct SlotMap {
    let codes: [String]
    private let first: Int64
    private let byOffset: [Int32]
    private let byKey: [Int64: Int32]

    init(_ rows: [(id: Int64, code: String)]) {
        codes = rows.map(\.code)
        first = rows.first?.id ?? 0
        let span = (rows.last?.id ?? 0) - first + 1
        if !rows.isEmpty, span <= Int64(rows.count) * 4 + 1024 {
            var byOffset = [Int32](repeating: -1, count: Int(span))
            for (slot, row) in rows.enumerated() { byOffset[Int(row.id - first)] = Int32(slot) }
            self.byOffset = byOffset
            byKey = [:]
        } else {
            byOffset = []
            byKey = Dictionary(rows.enumerated().map { ($1.id, Int32($0)) }, uniquingKeysWith: { a, _ in a })
        }
    }

    func slot(of id: Int64) -> Int32? {
        guard byOffset.isEmpty else {
            let offset = id - first
            guard offset >= 0, offset < Int64(byOffset.count) else { return nil }
            let slot = byOffset[Int(offset)]
            return slot < 0 ? nil : slot
        }
        return byKey[id]
    }
}
