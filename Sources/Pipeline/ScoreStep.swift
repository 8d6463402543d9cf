import CCHCCore
import Scoring
import Warehouse

/// Scores a period (and first its previous period, whose ranks give the rank change) from the
/// values in force, and stores the results.
public struct ScoreStep {
    let store: WarehouseStore
    let kernel: ScoringKernel

    public init(store: WarehouseStore, workers: Int) {
        self.store = store
        self.kernel = ScoringKernel(workers: workers)
    }

    /// Scores `period`, and first its previous period when that has submissions that changed since it
    /// was last scored (a late file), so the rank change compares like with like. A previous period
    /// whose submissions did not change keeps its stored scores and the targets they were scored against.
    public func run(period: Period) throws -> PeriodScores {
        let reference = try store.reference()
        guard reference.units.contains(where: { $0.level == .commune }) else {
            throw PipelineError("the warehouse \(store.database.path) holds no communes: load the reference data and the submissions first (cchc import, or cchc run)")
        }
        let previous = period.previous
        try rescoreIfChanged(previous, reference: reference)
        let previousRanks = RankComparability.comparable(try store.storedRanks(previous), units: reference.units, period: period)
        let facts = try facts(period)
        let input = input(period, reference: reference, facts: facts, previousRanks: previousRanks)
        let scores = kernel.score(input)
        FaultPoint.reach("score.save")
        try store.saveScores(scores, basis: basis(input, facts), fingerprint: try store.submissionFingerprint(period))
        return scores
    }

    /// Scores `period` again when its submissions changed since it was scored (its values are
    /// released before the caller reads the next period's).
    private func rescoreIfChanged(_ period: Period, reference: ReferenceData) throws {
        // The fingerprint first: when it did not change (the usual case), the values are not read.
        let fingerprint = try store.submissionFingerprint(period)
        guard try store.scoredFingerprint(period) != fingerprint else { return }
        let facts = try facts(period)
        guard !facts.submittedFiles.isEmpty else { return }
        let previousRanks = try store.storedRanks(period.previous)
        let input = input(period, reference: reference, facts: facts, previousRanks: previousRanks)
        try store.saveScores(kernel.score(input), basis: basis(input, facts), fingerprint: fingerprint)
    }

    /// What the scores of `input` were computed from, stored with them.
    func basis(_ input: ScoringInput, _ facts: FactsInForce<ValueTable.Row>) -> ScoreBasis {
        ScoreBasis(submittedFiles: facts.submittedFiles, targets: input.targets, indicators: input.indicators)
    }

    /// The values in force of `period`, as the kernel takes them.
    public func facts(_ period: Period) throws -> FactsInForce<ValueTable.Row> {
        // One worker reads on one connection: `--workers 1` keeps the whole batch on one core.
        try store.valuesInForce(period, sliceFrom: kernel.workers > 1 ? 256 : Int.max) {
            ValueTable.Row(unitSlot: $0, indicatorSlot: $1, value: $2, numerator: $3, denominator: $4)
        }
    }

    public func input(_ period: Period, reference: ReferenceData, facts: FactsInForce<ValueTable.Row>,
               previousRanks: [String: Int]) -> ScoringInput {
        ScoringInput(period: period, units: reference.units, indicators: reference.indicators,
                     targets: reference.targets.filter { $0.year == period.year },
                     valueTable: ValueTable(unitCodes: facts.unitCodes, indicatorCodes: facts.indicatorCodes, rows: facts.rows),
                     submitted: Set(facts.submittedFiles.keys), previousRanks: previousRanks)
    }
}
