import Dispatch
import Synchronization

/// Reads and validates the next submissions on worker threads while the caller writes the current
/// ones, at most `ahead` files ahead of it (memory stays flat: files above `sizeLimit` are left to
/// the caller's streaming path). Files are handed out in their order, whichever worker finished first.
///
/// Call `take(0)`, `take(1)`, … in order, then `finish()` (also on error): it stops the workers and
/// waits for them.
public final class SubmissionPrefetcher: Sendable {
    /// One file to prepare: where it is, what errors call it, and the province its folder names.
    public struct Job: Sendable {
        public var path: String
        public var displayPath: String
        public var provinceCode: String

        public init(path: String, displayPath: String, provinceCode: String) {
            self.path = path
            self.displayPath = displayPath
            self.provinceCode = provinceCode
        }
    }

    private struct State: ~Copyable {
        var next = 0
        var cancelled = false
        var results: [Int: PrefetchedFile] = [:]
        /// Places of files taken but not yet given back to the window (see `take`).
        var withheld = 0
    }

    private let jobs: [Job]
    private let context: SubmissionContext
    private let sizeLimit: Int
    private let known: Set<String>
    private let state = Mutex(State())
    /// Free places ahead of the caller: a worker takes one before it starts a file, `take` gives it back.
    private let window: DispatchSemaphore
    private let releaseBatch: Int
    /// Signalled once the file of the same index is ready.
    private let ready: [DispatchSemaphore]
    private let workers = DispatchGroup()

    /// Starts `workerCount` workers. Files whose SHA-256 is in `known` are surveyed but not validated
    /// (the caller will find them unchanged).
    public init(jobs: [Job], context: SubmissionContext, sizeLimit: Int, ahead: Int, workerCount: Int, known: Set<String> = []) {
        precondition(ahead > 0 && workerCount > 0)
        self.jobs = jobs
        self.context = context
        self.sizeLimit = sizeLimit
        self.known = known
        window = DispatchSemaphore(value: ahead)
        releaseBatch = max(1, ahead / 2)
        ready = jobs.map { _ in DispatchSemaphore(value: 0) }
        for _ in 0..<min(workerCount, max(jobs.count, 1)) {
            workers.enter()
            DispatchQueue.global().async { [self] in
                work()
                workers.leave()
            }
        }
    }

    /// The file at `index`, once ready. Call with 0, 1, 2, … each once.
    ///
    /// Places go back to the window `releaseBatch` at a time: workers are faster than the writer,
    /// so they wait for places, and waking one for every file cost the writer 7 % of its time
    /// (futex wake-ups, perf at M, issue 7); a worker woken for a batch takes the rest without
    /// sleeping. At most `releaseBatch - 1` places are withheld, fewer than `ahead`, so the next file
    /// can always be started.
    public func take(_ index: Int) -> PrefetchedFile {
        ready[index].wait()
        let (taken, release) = state.withLock { state -> (PrefetchedFile?, Int) in
            let file = state.results.removeValue(forKey: index)
            state.withheld += 1
            guard state.withheld >= releaseBatch else { return (file, 0) }
            defer { state.withheld = 0 }
            return (file, state.withheld)
        }
        guard let taken else { preconditionFailure("file \(index) taken twice or out of order") }
        for _ in 0..<release { window.signal() }
        return taken
    }

    /// Stops the workers after the files they are on, and waits for them.
    public func finish() {
        state.withLock { $0.cancelled = true }
        window.signal()
        workers.wait()
        // Give back the places of files prepared but never taken: libdispatch traps when a semaphore
        // is freed holding less than it started with (a step that failed halfway).
        let untaken = state.withLock { $0.results.count + $0.withheld }
        for _ in 0..<untaken { window.signal() }
    }

    private func work() {
        while true {
            window.wait()
            let index: Int? = state.withLock { state in
                guard !state.cancelled, state.next < jobs.count else { return nil }
                defer { state.next += 1 }
                return state.next
            }
            guard let index else {
                window.signal()  // passes the wake-up on to the next idle worker
                return
            }
            let file = prepare(jobs[index])
            state.withLock { $0.results[index] = file }
            ready[index].signal()
        }
    }

    private func prepare(_ job: Job) -> PrefetchedFile {
        let bytes: [UInt8]
        do {
            guard let contents = try ByteSource.contents(of: job.path, limit: sizeLimit) else { return .large }
            bytes = contents
        } catch {
            return .unreadable(error)
        }
        var context = context
        context.provinceCode = job.provinceCode
        return .prepared(PreparedSubmission(bytes: bytes, path: job.path, displayPath: job.displayPath, context: context, skipping: known))
    }
}
