import CCHCCore

/// What `ScoringPlan` needs of a period's inputs before it can go commune by commune: the codes of
/// the targets and of the value slots resolved to indices, and the last row of each unit slot and
/// indicator slot. One pass whose parts need nothing of each other, shared by the workers.
///
/// The rows are taken in chunks in any order, each worker keeping the greatest row per cell in its
/// own table (unit slots × indicator slots × 4 bytes, freed with the index): the greatest of the
/// workers' is the last row in input order, the one in force, with no lock.
struct IndexedInput: Sendable {
    /// Per target: its scope and indicator index (-1 and no scope for a target of another year or
    /// of an unknown indicator).
    let targets: [(scope: ScoringPlan.Scope, indicator: Int)]
    /// Per unit slot: the index of its commune if that commune submitted, else -1.
    let communeOfSlot: [Int32]
    /// Per worker, per unit slot × indicator slot count + indicator slot: the last row with that
    /// unit and indicator slot that the worker saw; -1 when none.
    private let lastRows: [Int32]
    private let indicatorSlotCount: Int
    private let workerCount: Int

    init(_ input: ScoringInput, scopes: [String: ScoringPlan.Scope], indicatorIndex: [String: Int], workers: Int) {
        let table = input.valueTable, year = input.period.year
        let indicatorSlotCount = table.indicatorCodes.count
        let cells = table.unitCodes.count * indicatorSlotCount
        // Rows cost a few instructions each, codes a few hundred (hashing).
        let tasks = Task.chunks(.targets, input.targets.count, 256) + Task.chunks(.slots, table.unitCodes.count, 256)
            + Task.chunks(.rows, table.rows.count, 16_384)
        // Each worker has a row table: at most 4, so that many cores do not multiply the memory.
        let workerCount = Parallel.workerCount(tasks.count, workers: min(workers, 4))
        var targets: [(scope: ScoringPlan.Scope, indicator: Int)] = [], communeOfSlot: [Int32] = []
        lastRows = [Int32](unsafeUninitializedCapacity: cells * workerCount) { rowBuffer, initializedRows in
            communeOfSlot = [Int32](unsafeUninitializedCapacity: table.unitCodes.count) { slotBuffer, initializedSlots in
                targets = .init(unsafeUninitializedCapacity: input.targets.count) { targetBuffer, initializedTargets in
                    let lastRows = DisjointSlots(buffer: rowBuffer), slots = DisjointSlots(buffer: slotBuffer)
                    let resolved = DisjointSlots(buffer: targetBuffer)
                    // Each worker keeps its own cells, initialised by it before it takes any task.
                    @Sendable func cellsOf(_ worker: Int) -> UnsafeMutableBufferPointer<Int32> {
                        UnsafeMutableBufferPointer(rebasing: lastRows.buffer[(worker * cells)..<((worker + 1) * cells)])
                    }
                    Parallel.forEachChunk(tasks.count, chunk: 1, workers: workerCount, start: { cellsOf($0).initialize(repeating: -1) }) { worker, chunk in
                        let task = tasks[chunk.lowerBound]
                        switch task.kind {
                        case .targets:
                            // Targets come grouped by scope: a scope is looked up once per run.
                            var scope: (code: String, scope: ScoringPlan.Scope)?
                            for t in task.range {
                                let indicator = input.targets[t].year == year ? indicatorIndex[input.targets[t].indicatorCode] ?? -1 : -1
                                guard indicator >= 0 else {
                                    resolved.initialize(t, to: (ScoringPlan.Scope(), -1))
                                    continue
                                }
                                let code = input.targets[t].scopeCode
                                if scope?.code != code { scope = (code, scopes[code] ?? ScoringPlan.Scope()) }
                                resolved.initialize(t, to: (scope!.scope, indicator))
                            }
                        case .slots:
                            for slot in task.range {
                                let code = table.unitCodes[slot]
                                let commune = scopes[code]?.commune ?? -1
                                slots.initialize(slot, to: commune >= 0 && input.submitted.contains(code) ? commune : -1)
                            }
                        case .rows:
                            // Tasks come in any order: the greatest row is kept, the last in input order.
                            let own = cellsOf(worker)
                            for position in task.range {
                                let row = table.rows[position]
                                let cell = Int(row.unitSlot) * indicatorSlotCount + Int(row.indicatorSlot)
                                if own[cell] < Int32(position) { own[cell] = Int32(position) }
                            }
                        }
                    }
                    initializedTargets = input.targets.count
                }
                initializedSlots = table.unitCodes.count
            }
            initializedRows = cells * workerCount
        }
        self.targets = targets
        self.communeOfSlot = communeOfSlot
        self.indicatorSlotCount = indicatorSlotCount
        self.workerCount = workerCount
    }

    /// Raises `row[i]` to the last row seen of unit `slot` with a value for indicator index i, for
    /// every indicator slot (`indicatorOfSlot` gives their indices, -1 for none).
    func collectLastRows(slot: Int, indicatorOfSlot: [Int], into row: UnsafeMutableBufferPointer<Int32>) {
        let cellCount = communeOfSlot.count * indicatorSlotCount
        lastRows.withUnsafeBufferPointer { lastRows in
            for worker in 0..<workerCount {
                let cells = lastRows[(worker * cellCount + slot * indicatorSlotCount)...].prefix(indicatorSlotCount)
                for (i, last) in zip(indicatorOfSlot, cells) where i >= 0 && row[i] < last {
                    row[i] = last
                }
            }
        }
    }

    private struct Task {
        enum Kind { case targets, slots, rows }
        var kind: Kind
        var range: Range<Int>

        static func chunks(_ kind: Kind, _ count: Int, _ size: Int) -> [Task] {
            stride(from: 0, to: count, by: size).map { Task(kind: kind, range: $0..<min(count, $0 + size)) }
        }
    }
}
