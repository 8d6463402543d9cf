import Dispatch
import Synchronization

/// The kernel's way of sharing a pass between workers: `0..<count` cut into chunks that at most
/// `workers` threads (`DispatchQueue.concurrentPerform`) take in turn until none is left, so a worker
/// the machine holds up leaves its chunks to the others. One worker runs on the caller's thread.
enum Parallel {
    /// How many workers a pass of `chunks` chunks runs on.
    static func workerCount(_ chunks: Int, workers: Int) -> Int {
        min(max(1, workers), max(1, chunks))
    }

    /// Runs `body(worker, chunk)` for every chunk of `0..<count`; `start(worker)` runs once on each
    /// worker (numbered from 0 to `workerCount(_:workers:)` - 1) before it takes any chunk.
    static func forEachChunk(_ count: Int, chunk: Int, workers: Int, start: @Sendable (Int) -> Void = { _ in },
                             _ body: @Sendable (Int, Range<Int>) -> Void) {
        let chunkCount = (count + chunk - 1) / chunk
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: workerCount(chunkCount, workers: workers)) { worker in
            start(worker)
            while true {
                let k = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard k < chunkCount else { return }
                body(worker, (k * chunk)..<min(count, (k + 1) * chunk))
            }
        }
    }

    /// An array of `count` elements initialised by the workers: `body` initialises each index of
    /// the range it is given exactly once, with `slots.initialize(_:to:)`.
    static func array<T>(count: Int, chunk: Int, workers: Int, _ body: @Sendable (Range<Int>, DisjointSlots<T>) -> Void) -> [T] {
        [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let slots = DisjointSlots(buffer: buffer)
            forEachChunk(count, chunk: chunk, workers: workers) { body($1, slots) }
            initialized = count
        }
    }
}

/// A buffer shared by the workers of a `Parallel` pass.
///
/// `@unchecked Sendable` is safe because each worker writes only elements no other worker touches
/// during the pass (those of the chunks it took, or a part of the buffer it owns), and the buffer is
/// read only after `concurrentPerform` returns, which happens-after every worker's writes.
struct DisjointSlots<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T>

    func initialize(_ index: Int, to value: T) {
        buffer.initializeElement(at: index, to: value)
    }
}
