import CSQLite
import Dispatch
import Synchronization

/// Copies committed WAL frames into the warehouse file on a connection and thread of its own, so
/// that a long write does not: during an import SQLite's automatic checkpoint ran on the one thread
/// writing the facts, ~15 % of its time with the `fdatasync`s (perf at national scale, issue 7),
/// while the other core waited.
///
/// `start` turns the writer's automatic checkpoint off; call `committed()` after each commit and
/// `stop()` on the writer's thread when done (also on error), which waits for the thread and turns
/// the automatic checkpoint back on. A checkpoint that cannot run is left to the next one, or to
/// the automatic checkpoint afterwards: the WAL stays correct either way, only longer. It does grow
/// for the whole import (31 MB at M): SQLite starts the WAL over only for a write that begins after
/// a complete checkpoint, and the writer begins its next one at once; the file goes when the last
/// connection closes. (Making the writer wait past a bound stalled in the first period's import.)
public final class BackgroundCheckpointer {
    private let writer: Database
    private let worker: Worker

    /// What the background thread shares with the writer's.
    private final class Worker: Sendable {
        let wake = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        let pending = Atomic(false)
        let stopped = Atomic(false)
    }

    /// Starts the thread with its own connection to the writer's database.
    public init(writer: Database) throws {
        self.writer = writer
        let connection = try Database(path: writer.path)
        connection.setBusyTimeout(milliseconds: 0)
        try connection.execute("PRAGMA synchronous = NORMAL")
        try writer.execute("PRAGMA wal_autocheckpoint = 0")
        let worker = Worker()
        self.worker = worker
        let box = UncheckedConnection(connection)
        DispatchQueue.global().async {
            while true {
                worker.wake.wait()
                if worker.stopped.load(ordering: .acquiring) { break }
                worker.pending.store(false, ordering: .releasing)
                box.checkpoint()
            }
            worker.finished.signal()
        }
    }

    /// Asks for a checkpoint of what was committed so far; wake-ups while one runs merge into the next.
    public func committed() {
        if !worker.pending.exchange(true, ordering: .acquiringAndReleasing) { worker.wake.signal() }
    }

    /// Waits for the thread to finish and gives the writer its automatic checkpoint back.
    public func stop() {
        guard !worker.stopped.exchange(true, ordering: .acquiringAndReleasing) else { return }
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
