import CCHCCore
import CSQLite
import Dispatch
import Synchronization

extension WarehouseStore {
    /// The values in force for `period` and the file in force of each commune that submitted.
    ///
    /// Units and indicators are given small slots (their position in `unitCodes`/`indicatorCodes`)
    /// and `makeRow(unitSlot, indicatorSlot, value, numerator, denominator)` builds each row: no
    /// `String` and no hash lookup per value. Rows come in key order (`unit_id`, `indicator_id`).
    ///
    /// A commune whose file in force has a packed copy (`etl_file_values`, migration 010, written by
    /// `SubmissionWriter.insertFacts`) is read from that one BLOB, which holds the same doubles bit
    /// for bit; only the copy of the file in force is ever read (joined on `fact_submission.file_id`).
    /// A damaged copy stops the read with a `WarehouseError` (saying how to drop it) rather than
    /// scoring from it or silently around it. The other communes (files imported before migration
    /// 010, or streamed because large) are read from `fact_indicator_value`, ~1,260 instructions a row.
    ///
    /// So from `sliceFrom` communes read from rows on, those are read in two slices of communes
    /// (`unit_id` ranges of the table's key, half of them each): the first on this connection, the
    /// second at the same time on a read-only connection of its own, on another thread. The slices,
    /// concatenated, are the rows of one read in key order.
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
        let plan = try FactPlan(database, periodID: periodID)
        var submittedFiles: [String: Int64] = [:]
        for submission in plan.submissions {
            if let slot = units.slot(of: submission.unit) { submittedFiles[units.codes[Int(slot)]] = submission.file }
        }
        // Room for each packed fact and one value per indicator of the other submissions (the fact
        // table's key allows no more): counting the period's rows instead cost a third of reading
        // them, and growing the array by doubling could leave twice the memory needed.
        func room(below split: Int64) -> Int {
            plan.submissions.reduce(0) { $1.unit < split ? $0 + ($1.packedFacts ?? indicators.codes.count) : $0 }
        }
        let capacity = room(below: .max)
        let slices = FactSlices(periodID: periodID, units: units, indicators: indicators, makeRow: makeRow)
        let unpacked = plan.submissions.filter { $0.packedFacts == nil }
        let inMemory = database.path.isEmpty || database.path == ":memory:"
        guard plan.submissions.count >= max(2, sliceFrom), capacity > 0, database.isAutocommit, !inMemory else {
            return FactsInForce(unitCodes: units.codes, indicatorCodes: indicators.codes,
                                rows: try slices.read(database, plan.sources, capacity: capacity), submittedFiles: submittedFiles)
        }
        let split = unpacked.count >= max(2, sliceFrom) ? unpacked[unpacked.count / 2].unit : plan.submissions[plan.submissions.count / 2].unit
        let lowerSources = plan.sources(in: Int64.min..<split), upperSources = plan.sources(in: split..<Int64.max)
        let path = database.path
        // One buffer for both slices: the second is read into its upper part, then moved down to
        // follow the first (all the memory is this thread's, no copy of either slice).
        let firstCapacity = room(below: split)
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
                    return try slices.fill(upper.buffer, from: reader, upperSources)
                }
                second.withLock { $0 = read }
            }
            let first = Result { try slices.fill(UnsafeMutableBufferPointer(rebasing: buffer[..<firstCapacity]), from: database, lowerSources) }
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
                            rows: fitted ? rows : try slices.read(database, plan.sources, capacity: capacity * 2),
                            submittedFiles: submittedFiles)
    }
}

/// Where a period's values in force are read from: the submissions in force, in `unit_id` order,
/// each with the fact count of its file's packed copy if it has one, and the reads in key order that
/// give every value (`sources`): runs of communes with copies, and the rows of the others.
struct FactPlan {
    struct Submission {
        var unit: Int64
        var file: Int64
        /// The facts in the packed copy of the file; nil when it has none.
        var packedFacts: Int?
    }

    enum Source: Sendable {
        /// The communes of a `unit_id` range, all with a packed copy of their file in force.
        case packed(Range<Int64>)
        /// The rows of `fact_indicator_value` of the communes of a `unit_id` range.
        case rows(Range<Int64>)
    }

    let submissions: [Submission]
    let sources: [Source]

    init(_ database: Database, periodID: Int64) throws {
        submissions = try database.prepare("""
            SELECT s.unit_id, s.file_id, v.fact_count FROM fact_submission s LEFT JOIN etl_file_values v ON v.file_id = s.file_id
            WHERE s.period_id = ? ORDER BY s.unit_id
            """).rows(.integer(periodID)) { Submission(unit: $0.int64(0), file: $0.int64(1), packedFacts: $0.isNull(2) ? nil : $0.int(2)) }
        // Consecutive communes of the same kind make one source; the ranges cover every unit_id
        // (each boundary is a submission's unit), so no commune is left out and none read twice.
        var sources: [Source] = []
        var start = Int64.min
        for (n, submission) in submissions.enumerated() where n > 0 && (submission.packedFacts == nil) != (submissions[n - 1].packedFacts == nil) {
            sources.append(Self.source(start..<submission.unit, packed: submissions[n - 1].packedFacts != nil))
            start = submission.unit
        }
        if let last = submissions.last { sources.append(Self.source(start..<Int64.max, packed: last.packedFacts != nil)) }
        self.sources = sources
    }

    private static func source(_ range: Range<Int64>, packed: Bool) -> Source {
        packed ? .packed(range) : .rows(range)
    }

    /// The sources of the communes in `range`, in order.
    func sources(in range: Range<Int64>) -> [Source] {
        sources.compactMap { source in
            switch source {
            case .packed(let units): units.overlaps(range) ? .packed(units.clamped(to: range)) : nil
            case .rows(let units): units.overlaps(range) ? .rows(units.clamped(to: range)) : nil
            }
        }
    }
}

/// Reads the sources of a period's values in force (`WarehouseStore.valuesInForce`).
///
/// Rows are written into buffers rather than appended to an `[Row]`: this code is generic and not
/// specialised for the caller's row type, and each `append` looked up `Array<Row>`'s metadata
/// (≈330 instructions a row, a fifth of reading it).
private struct FactSlices<Row: Sendable>: Sendable {
    let periodID: Int64
    let units: SlotMap
    let indicators: SlotMap
    let makeRow: @Sendable (Int32, Int32, Double?, Double?, Double?) -> Row

    /// The rows of `sources`, in key order, read on `database`, with room reserved for `capacity`.
    func read(_ database: Database, _ sources: [FactPlan.Source], capacity: Int) throws -> [Row] {
        var fitted = true
        let rows = try [Row](unsafeUninitializedCapacity: capacity) { buffer, count in
            if let filled = try fill(buffer, from: database, sources) { count = filled } else { fitted = false }
        }
        return fitted ? rows : try read(database, sources, capacity: capacity * 2 + 1024)
    }

    /// Initialises the first elements of `buffer` with the rows of `sources` in key order, read on
    /// `database` (which stays on the calling thread), and returns how many; nil, with nothing left
    /// initialised, when they do not fit.
    func fill(_ buffer: UnsafeMutableBufferPointer<Row>, from database: Database, _ sources: [FactPlan.Source]) throws -> Int? {
        var count = 0
        var fitted = true
        do {
            for source in sources where fitted {
                switch source {
                case .packed(let range):
                    guard let filled = try readPacked(range, from: database, into: buffer, at: count) else {
                        fitted = false
                        continue
                    }
                    count = filled
                case .rows(let range):
                    try FactScan.run(on: database, periodID: periodID, units: range, unitSlots: units, indicatorSlots: indicators) { chunk in
                        guard chunk.count <= buffer.count - count else {
                            fitted = false
                            return false
                        }
                        for fact in chunk {
                            buffer.initializeElement(at: count, to: makeRow(fact.unitSlot, fact.indicatorSlot, fact.value.blankIsNil,
                                                                            fact.numerator.blankIsNil, fact.denominator.blankIsNil))
                            count += 1
                        }
                        return true
                    }
                }
            }
        } catch {
            _ = UnsafeMutableBufferPointer(rebasing: buffer[..<count]).deinitialize()
            throw error
        }
        guard fitted else {
            _ = UnsafeMutableBufferPointer(rebasing: buffer[..<count]).deinitialize()
            return nil
        }
        return count
    }
}

extension FactSlices {
    /// Initialises `buffer` from `start` on with the values of the communes of `range`, read from
    /// the packed copies of their files in force (straight from SQLite's memory, no copy), and
    /// returns the count filled so far; nil, with nothing left initialised from `start` on, when
    /// they do not fit.
    func readPacked(_ range: Range<Int64>, from database: Database, into buffer: UnsafeMutableBufferPointer<Row>, at start: Int) throws -> Int? {
        let statement = try database.prepare("""
            SELECT s.unit_id, s.file_id, v.fact_count, v.packed FROM fact_submission s LEFT JOIN etl_file_values v ON v.file_id = s.file_id
            WHERE s.period_id = ?1 AND s.unit_id >= ?2 \(range.upperBound == Int64.max ? "" : "AND s.unit_id < ?3") ORDER BY s.unit_id
            """)
        try statement.bind(.integer(periodID), at: 1)
        try statement.bind(.integer(range.lowerBound), at: 2)
        if range.upperBound < Int64.max { try statement.bind(.integer(range.upperBound), at: 3) }
        var count = start
        do {
            while try statement.step() {
                let unitID = statement.int64(0), fileID = statement.int64(1)
                guard !statement.isNull(2) else {
                    throw WarehouseError("the packed values of file \(fileID) disappeared while the values in force were read; read them again")
                }
                let factCount = statement.int(2)
                let bytes = UnsafeRawBufferPointer(start: sqlite3_column_blob(statement.handle, 3), count: Int(sqlite3_column_bytes(statement.handle, 3)))
                var reader = try PackedValues.Reader(bytes, factCount: factCount, fileID: fileID)
                guard let unitSlot = units.slot(of: unitID) else { continue }
                guard factCount <= buffer.count - count else {
                    _ = UnsafeMutableBufferPointer(rebasing: buffer[start..<count]).deinitialize()
                    return nil
                }
                while let fact = try reader.next() {
                    guard let indicatorSlot = indicators.slot(of: fact.indicatorID) else { continue }
                    buffer.initializeElement(at: count, to: makeRow(unitSlot, indicatorSlot, fact.value, fact.numerator, fact.denominator))
                    count += 1
                }
            }
        } catch {
            _ = UnsafeMutableBufferPointer(rebasing: buffer[start..<count]).deinitialize()
            throw error
        }
        return count
    }
}

/// One value in force as a scan reads it: slots, and NaN for a blank number (SQLite stores no NaN).
private struct ScannedFact {
    var unitSlot: Int32
    var indicatorSlot: Int32
    var value: Double
    var numerator: Double
    var denominator: Double
}

extension Double {
    fileprivate var blankIsNil: Double? { isNaN ? nil : self }
}

/// Scans a period's values in force for a `unit_id` range, in key order.
///
/// SQLite hands the rows to the step of an aggregate function, `cchc_scan_facts`, registered on the
/// connection for the time of the scan (`SQLITE_DIRECTONLY`: no view or trigger can call it), so the
/// whole scan is one `sqlite3_step`. The step keeps to plain memory: rows go into a chunk of plain
/// structs, handed to `flush` (the generic part) when full and at the end; a unit's slot is looked
/// up once per run of its rows, which come grouped by unit. One `sqlite3_step` and five
/// `sqlite3_column_*` calls per row, then a generic call per row, made ~1,990 instructions a row;
/// this ~1,500 (callgrind at M, issue 7).
private struct FactScan {
    let unitSlots: SlotMap
    let indicatorSlots: SlotMap
    var lastUnit: (id: Int64, slot: Int32?) = (0, nil)
    let chunk: UnsafeMutableBufferPointer<ScannedFact>
    var chunked = 0
    /// Takes the rows of a full chunk; false stops the scan (no room left).
    let flush: (UnsafeMutableBufferPointer<ScannedFact>) -> Bool
    var stopped = false

    static let function = "cchc_scan_facts"
    static let chunkSize = 4096

    static func run(on database: Database, periodID: Int64, units range: Range<Int64>, unitSlots: SlotMap, indicatorSlots: SlotMap,
                    flush: @escaping (UnsafeMutableBufferPointer<ScannedFact>) -> Bool) throws {
        let chunk = UnsafeMutableBufferPointer<ScannedFact>.allocate(capacity: chunkSize)
        defer { chunk.deallocate() }
        var scan = FactScan(unitSlots: unitSlots, indicatorSlots: indicatorSlots, chunk: chunk, flush: flush)
        try withUnsafeMutablePointer(to: &scan) { state in
            let flags = SQLITE_UTF8 | SQLITE_DIRECTONLY
            let rc = sqlite3_create_function_v2(database.handle, function, 5, flags, state, nil, factScanStep, factScanFinal, nil)
            guard rc == SQLITE_OK else { throw database.error(rc) }
            // Unregistered once the statement is finalized (SQLite refuses while a statement runs), so
            // no call can reach `state` after this returns.
            defer { sqlite3_create_function_v2(database.handle, function, 5, flags, nil, nil, nil, nil, nil) }
            do {
                // An upper bound of Int64.max is none: comparing each row's key to it cost 5% of the scan.
                let statement = try database.prepare("""
                    SELECT \(function)(unit_id, indicator_id, value, numerator, denominator) FROM fact_indicator_value
                    WHERE period_id = ?1 AND unit_id >= ?2 \(range.upperBound == Int64.max ? "" : "AND unit_id < ?3")
                    """)
                try statement.bind(.integer(periodID), at: 1)
                try statement.bind(.integer(range.lowerBound), at: 2)
                if range.upperBound < Int64.max { try statement.bind(.integer(range.upperBound), at: 3) }
                while try statement.step() {}
            }
        }
        if !scan.stopped, scan.chunked > 0 { _ = flush(UnsafeMutableBufferPointer(rebasing: chunk[..<scan.chunked])) }
    }

    mutating func take(_ arguments: UnsafeMutablePointer<OpaquePointer?>) {
        guard !stopped else { return }
        let unitID = sqlite3_value_int64(arguments[0])
        if unitID != lastUnit.id || lastUnit.slot == nil { lastUnit = (unitID, unitSlots.slot(of: unitID)) }
        guard let unitSlot = lastUnit.slot, let indicatorSlot = indicatorSlots.slot(of: sqlite3_value_int64(arguments[1])) else { return }
        chunk[chunked] = ScannedFact(unitSlot: unitSlot, indicatorSlot: indicatorSlot, value: number(arguments[2]),
                                     numerator: number(arguments[3]), denominator: number(arguments[4]))
        chunked += 1
        if chunked == chunk.count {
            stopped = !flush(chunk)
            chunked = 0
        }
    }
}

@inline(__always)
private func number(_ value: OpaquePointer?) -> Double {
    sqlite3_value_type(value) == SQLITE_NULL ? .nan : sqlite3_value_double(value)
}

private func factScanStep(_ context: OpaquePointer?, _ count: Int32, _ arguments: UnsafeMutablePointer<OpaquePointer?>?) {
    guard let arguments, let state = sqlite3_user_data(context) else { return }
    state.assumingMemoryBound(to: FactScan.self).pointee.take(arguments)
}

private func factScanFinal(_ context: OpaquePointer?) {
    sqlite3_result_null(context)
}

/// The part of the rows' buffer the second slice is read into.
///
/// `@unchecked Sendable` is safe because only the reading thread writes this part, nothing touches
/// it until `DispatchGroup.wait()` returns (which happens-after the thread's writes), and the buffer
/// outlives the wait.
private struct SliceBuffer<Row>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Row>
}
