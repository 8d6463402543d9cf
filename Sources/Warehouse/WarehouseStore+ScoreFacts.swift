import CCHCCore
import Dispatch
import Synchronization

extension WarehouseStore {
    /// The values in force for `period` and the file in force of each commune that submitted.
    ///
    /// Units and indicators are given small slots (their position in `unitCodes`/`indicatorCodes`)
    /// and `makeRow(unitSlot, indicatorSlot, value, numerator, denominator)` builds each row: no
    /// `String` and no hash lookup per value.
    ///
    /// Stepping SQLite through the period's ~270,000 rows is most of the score step, so from
    /// `sliceFrom` submissions on the rows are read in two slices of communes (`unit_id` ranges of
    /// the table's key, half the submissions each): the first on this connection, the second at the
    /// same time on a read-only connection of its own, on another thread. The slices, concatenated,
    /// are the rows of one scan in key order.
    ///
    /// The second connection reads in a read transaction of its own, so the two slices come from one
    /// state only when nothing commits in between: the score step runs inside a batch, which holds
    /// the warehouse lock (`BatchLock`), so no other process writes, and this connection writes
    /// nothing while it waits. Inside an open transaction (whose changes another connection cannot
    /// see) or on an in-memory database, everything is read on this connection.
    public func valuesInForce<Row: Sendable>(
        _ period: Period, sliceFrom: Int = 256, makeRow: @escaping @Sendable (Int32, Int32, Double?, Double?, Double?) -> Row
    ) throws -> FactsInForce<Row> {
        guard let periodID = try database.scalarInt("SELECT period_id FROM dim_period WHERE period_code = ?", .text(period.description))
        else { return FactsInForce(unitCodes: [], indicatorCodes: [], rows: [], submittedFiles: [:]) }
        let units = try SlotMap(database.prepare("SELECT unit_id, unit_code FROM dim_unit ORDER BY unit_id").rows { ($0.int64(0), $0.text(1)) })
        let indicators = try SlotMap(database.prepare("SELECT indicator_id, indicator_code FROM dim_indicator ORDER BY indicator_id")
            .rows { ($0.int64(0), $0.text(1)) })
        let submissions = try database.prepare("SELECT unit_id, file_id FROM fact_submission WHERE period_id = ? ORDER BY unit_id")
            .rows(.integer(periodID)) { (unit: $0.int64(0), file: $0.int64(1)) }
        var submittedFiles: [String: Int64] = [:]
        for submission in submissions {
            if let slot = units.slot(of: submission.unit) { submittedFiles[units.codes[Int(slot)]] = submission.file }
        }
        // Capacity for one value per submission and indicator (the fact table's key allows no more):
        // counting the period's facts instead cost a third of reading them, and growing the array by
        // doubling could leave twice the memory needed.
        let capacity = submissions.count * indicators.codes.count
        let slices = FactSlices(periodID: periodID, units: units, indicators: indicators, makeRow: makeRow)
        let inMemory = database.path.isEmpty || database.path == ":memory:"
        guard submissions.count >= max(2, sliceFrom), capacity > 0, database.isAutocommit, !inMemory else {
            return FactsInForce(unitCodes: units.codes, indicatorCodes: indicators.codes,
                                rows: try slices.read(database, units: Int64.min..<Int64.max, capacity: capacity), submittedFiles: submittedFiles)
        }
        let split = submissions[submissions.count / 2].unit
        let path = database.path
        // One buffer for both slices: the second is read into its upper part, then moved down to
        // follow the first (all the memory is this thread's, no copy of either slice).
        let firstCapacity = submissions.count / 2 * indicators.codes.count
        var fitted = true
        let rows = try [Row](unsafeUninitializedCapacity: capacity) { buffer, count in
            let upper = SliceBuffer(buffer: UnsafeMutableBufferPointer(rebasing: buffer[firstCapacity...]))
            let second = Mutex<Result<Int?, any Error>>(.success(nil))
            let group = DispatchGroup()
            DispatchQueue.global().async(group: group) {
                let read = Result { () throws -> Int? in
                    let reader = try Database(path: path, readOnly: true)
                    reader.setBusyTimeout(milliseconds: 10_000)
                    try reader.execute("PRAGMA cache_size = -256")  // a forward scan revisits no page
                    return try slices.fill(upper.buffer, from: reader, units: split..<Int64.max)
                }
                second.withLock { $0 = read }
            }
            let first = Result { try slices.fill(UnsafeMutableBufferPointer(rebasing: buffer[..<firstCapacity]), from: database,
                                                 units: Int64.min..<split) }
            group.wait()
            let last = second.withLock { $0 }
            if case .success(let lower?) = first, case .success(let higher?) = last {
                (buffer.baseAddress! + lower).moveInitialize(from: upper.buffer.baseAddress!, count: higher)
                count = lower + higher
                return
            }
            if case .success(let lower?) = first { _ = UnsafeMutableBufferPointer(rebasing: buffer[..<lower]).deinitialize() }
            if case .success(let higher?) = last { _ = UnsafeMutableBufferPointer(rebasing: upper.buffer[..<higher]).deinitialize() }
            _ = try first.get()
            _ = try last.get()
            fitted = false
        }
        return FactsInForce(unitCodes: units.codes, indicatorCodes: indicators.codes,
                            rows: fitted ? rows : try slices.read(database, units: Int64.min..<Int64.max, capacity: capacity * 2),
                            submittedFiles: submittedFiles)
    }
}

/// Reads one `unit_id` range of a period's values in force (`WarehouseStore.valuesInForce`).
///
/// Rows are written into buffers rather than appended to an `[Row]`: this code is generic and not
/// specialised for the caller's row type, and each `append` looked up `Array<Row>`'s metadata
/// (≈330 instructions a row, a fifth of reading it).
private struct FactSlices<Row: Sendable>: Sendable {
    let periodID: Int64
    let units: SlotMap
    let indicators: SlotMap
    let makeRow: @Sendable (Int32, Int32, Double?, Double?, Double?) -> Row

    /// The rows of `range`, in key order, read on `database`, with room reserved for `capacity`.
    func read(_ database: Database, units range: Range<Int64>, capacity: Int) throws -> [Row] {
        var fitted = true
        let rows = try [Row](unsafeUninitializedCapacity: capacity) { buffer, count in
            if let filled = try fill(buffer, from: database, units: range) { count = filled } else { fitted = false }
        }
        return fitted ? rows : try read(database, units: range, capacity: capacity * 2 + 1024)
    }

    /// Initialises the first elements of `buffer` with the rows of `range` in key order, read on
    /// `database` (which stays on the calling thread), and returns how many; nil, with nothing left
    /// initialised, when they do not fit. A unit's slot is looked up once per run of its rows,
    /// which come grouped by unit.
    func fill(_ buffer: UnsafeMutableBufferPointer<Row>, from database: Database, units range: Range<Int64>) throws -> Int? {
        var count = 0
        do {
            let statement = try database.prepare("""
                SELECT unit_id, indicator_id, value, numerator, denominator FROM fact_indicator_value
                WHERE period_id = ? AND unit_id >= ? AND unit_id < ?
                """)
            try statement.bind(.integer(periodID), .integer(range.lowerBound), .integer(range.upperBound))
            var lastUnit: (id: Int64, slot: Int32?) = (0, nil)
            while try statement.step() {
                let unitID = statement.int64(0)
                if unitID != lastUnit.id || lastUnit.slot == nil { lastUnit = (unitID, units.slot(of: unitID)) }
                guard let unitSlot = lastUnit.slot, let indicatorSlot = indicators.slot(of: statement.int64(1)) else { continue }
                guard count < buffer.count else {
                    _ = UnsafeMutableBufferPointer(rebasing: buffer[..<count]).deinitialize()
                    return nil
                }
                buffer.initializeElement(at: count, to: makeRow(unitSlot, indicatorSlot, statement.doubleOrNil(2), statement.doubleOrNil(3),
                                                                statement.doubleOrNil(4)))
                count += 1
            }
        } catch {
            _ = UnsafeMutableBufferPointer(rebasing: buffer[..<count]).deinitialize()
            throw error
        }
        return count
    }
}

/// The part of the rows' buffer the second slice is read into.
///
/// `@unchecked Sendable` is safe because only the reading thread writes this part, nothing touches
/// it until `DispatchGroup.wait()` returns (which happens-after the thread's writes), and the buffer
/// outlives the wait.
private struct SliceBuffer<Row>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Row>
}
