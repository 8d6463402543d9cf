import Dispatch
import Foundation
import Synchronization

/// Runs independent pieces of work on several threads and hands the results back in order: the
/// report step renders and writes provinces side by side this way (issue 7).
public enum FanOut {
    /// `body(0) … body(count - 1)` on up to `workers` threads (default: one per active core), the
    /// results in index order whatever order they finished in. Each thread takes the next index as it
    /// becomes free, so one large province does not hold up a fixed share of the others.
    public static func map<Result: Sendable>(count: Int, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                                             _ body: @Sendable (Int) -> Result) -> [Result] {
        let threads = max(1, min(workers, count))
        guard threads > 1 else { return (0..<count).map(body) }
        let next = Atomic<Int>(0)
        let slots = Mutex<[Result?]>(Array(repeating: nil, count: count))
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < count else { return }
                let result = body(index)
                slots.withLock { $0[index] = result }
            }
        }
        return slots.withLock { slots in
            slots.map { slot in
                guard let slot else { preconditionFailure("FanOut: an index was never run") }
                return slot
            }
        }
    }
}
