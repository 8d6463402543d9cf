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
        let previousValues = try store.valuesInForce(previous)
        if !previousValues.submitted.isEmpty {
            let fingerprint = try store.submissionFingerprint(previous)
            if try store.scoredFingerprint(previous) != fingerprint {
                let previousRanks = try store.storedRanks(previous.previous)
                let scores = kernel.score(input(previous, reference: reference, values: previousValues, previousRanks: previousRanks))
                try store.saveScores(scores, fingerprint: fingerprint)
            }
        }
        let previousRanks = RankComparability.comparable(try store.storedRanks(previous), units: reference.units, period: period)
        let scores = kernel.score(input(period, reference: reference, values: try store.valuesInForce(period), previousRanks: previousRanks))
        FaultPoint.reach("score.save")
        try store.saveScores(scores, fingerprint: try store.submissionFingerprint(period))
        return scores
    }

    func input(_ period: Period, reference: ReferenceData, values: (values: [ReportedValue], submitted: Set<String>),
               previousRanks: [String: Int]) -> ScoringInput {
        ScoringInput(period: period, units: reference.units, indicators: reference.indicators,
                     targets: reference.targets.filter { $0.year == period.year }, values: values.values,
                     submitted: values.submitted, previousRanks: previousRanks)
    }
}
