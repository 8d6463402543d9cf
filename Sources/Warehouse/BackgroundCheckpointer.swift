#if canImport(Glibc)
import Glibc
#endif
import CSQLite
import Foundation
import Dispatch
import Synchronization

/// Copies committed WAL frames into the warehouse file on a connection and thread of its own, so
/// that a long write does not: during an import SQLite's automatic checkpoint ran on the one thread
/// writing the facts, ~15 % of its time with the `fdatasync`s (perf at national scale, issue 7),
/// while the other core waited.
///
/// Creating one turns the writer's automatic checkpoint off; call `committed()` after each commit and
/// `stop()` on the writer's thread when done (also on error), which waits for the thread and turns
/// the automatic checkpoint back on. A checkpoint that cannot run is left to the next one, or to
/// the automatic checkpoint afterwards: the WAL stays correct either way, only longer.
public final class BackgroundCheckpointer {
    private let writer: Database
    private let worker: Worker
    private let walPath: String
    private let walLimit: Int

    /// What the background thread shares with the writer's.
    private final class Worker: Sendable {
        struct State {
            /// Commits announced by `committed()`, and the last one a finished checkpoint started after.
            var committed = 0
            var checkpointed = 0
            var pending = false
            var stopped = false
            var writerWaits = false
        }
        let state = Mutex(State())
        let wake = DispatchSemaphore(value: 0)
        let caughtUp = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
    }

    /// Starts the thread with its own connection to the writer's database. Past `walLimit` bytes of
    /// WAL the writer waits for a checkpoint of everything it committed, so that its next
    /// transaction starts the WAL over: SQLite rewinds the WAL only for a write that begins after a
    /// complete checkpoint, and a writer that never waits would otherwise grow it for a whole import.
    public init(writer: Database, walLimit: Int = 16 << 20) throws {
        self.writer = writer
        self.walLimit = walLimit
        walPath = writer.path + "-wal"
        let connection = try Database(path: writer.path)
        connection.setBusyTimeout(milliseconds: 0)
        try connection.execute("PRAGMA synchronous = NORMAL")
        try writer.execute("PRAGMA wal_autocheckpoint = 0")
        // When the WAL starts over, its file is cut back to this size (SQLite leaves it at its
        // largest otherwise, and the limit check below would then wait on every commit).
        try writer.execute("PRAGMA journal_size_limit = \(min(4 << 20, walLimit / 2))")
        let worker = Worker()
        self.worker = worker
        let box = UncheckedConnection(connection)
        // A thread of its own, not Dispatch's pool: on two cores the pool's threads are the prefetch
        // workers', and a checkpoint queued behind them started only when the import ended.
        let thread = Thread {
            while true {
                worker.wake.wait()
                let target: Int? = worker.state.withLock { state in
                    if state.stopped { return nil }
                    state.pending = false
                    return state.committed
                }
                guard let target else { break }
                box.checkpoint()
                let release = worker.state.withLock { state -> Bool in
                    state.checkpointed = max(state.checkpointed, target)
                    guard state.writerWaits, state.checkpointed >= state.committed else { return false }
                    state.writerWaits = false
                    return true
                }
                if release { worker.caughtUp.signal() }
            }
            worker.finished.signal()
        }
        thread.start()
    }

    /// Asks for a checkpoint of what was committed so far (wake-ups while one runs merge into the
    /// next); past the WAL limit, waits until one has covered it.
    public func committed() {
        let wait = walBytes() > walLimit
        let wake = worker.state.withLock { state -> Bool in
            state.committed += 1
            if wait { state.writerWaits = true }
            defer { state.pending = true }
            return !state.pending
        }
        if wake { worker.wake.signal() }
        if wait { worker.caughtUp.wait() }
    }

    private func walBytes() -> Int {
        var info = stat()
        return stat(walPath, &info) == 0 ? Int(info.st_size) : 0
    }

    /// Waits for the thread to finish and gives the writer its automatic checkpoint back.
    public func stop() {
        let first = worker.state.withLock { state -> Bool in
            defer { state.stopped = true }
            return !state.stopped
        }
        guard first else { return }
        worker.wake.signal()
        worker.finished.wait()
        try? writer.execute("PRAGMA wal_autocheckpoint = 1000")
    }

    deinit {
        stop()
    }
}

/// The checkpointing connection, handed to the one thread that uses it from then on.
private final class UncheckedConnection: @unchecked Sendable {
    let database: Database

    init(_ database: Database) {
        self.database = database
    }

    /// `PASSIVE`: copies what no reader still needs, without waiting for the writer or readers.
    func checkpoint() {
        var walFrames: Int32 = 0, copied: Int32 = 0
        _ = sqlite3_wal_checkpoint_v2(database.handle, nil, SQLITE_CHECKPOINT_PASSIVE, &walFrames, &copied)
    }
}
