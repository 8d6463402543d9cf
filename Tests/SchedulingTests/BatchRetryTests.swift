import CCHCCore
import Foundation
import Pipeline
import Synchronization
import Testing
import Warehouse

/// A fresh folder per test (tests run in parallel).
func scratchFolder() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("cchc-sched-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Records the waits asked for instead of waiting.
final class FakeSleeper: Sendable {
    let delays = Mutex<[Double]>([])
    var environment: Batch.Environment { Batch.Environment(sleep: { [self] seconds in delays.withLock { $0.append(seconds) } }) }
    var recorded: [Double] { delays.withLock { $0 } }
}

/// Batch options for a job of command steps only (no reference data needed).
func commandJob(_ folder: String, _ steps: [StepSpec], retry: RetryPolicy) -> BatchOptions {
    BatchOptions(job: "hooks", inbox: folder + "/inbox", warehouse: folder + "/wh.sqlite", period: Period("2025-Q3"), steps: steps, retry: retry)
}

@Suite("Retries and resume")
struct BatchRetryTests {
    @Test("backoff doubles after each failed try, up to the cap")
    func delays() {
        let policy = RetryPolicy(attempts: 6, backoffSeconds: 2, maxBackoffSeconds: 10)
        #expect((1...5).map(policy.delay(afterAttempt:)) == [2, 4, 8, 10, 10])
    }

    @Test("a busy or locked database and I/O errors are transient; bad data is not")
    func transient() {
        #expect(Transient.isTransient(SQLiteError(code: 5, message: "database is locked")))
        #expect(Transient.isTransient(SQLiteError(code: 6 | (1 << 8), message: "database table is locked")))
        #expect(Transient.isTransient(SQLiteError(code: 10 | (3 << 8), message: "disk I/O error")))
        #expect(!Transient.isTransient(SQLiteError(code: 19, message: "UNIQUE constraint failed")))
        #expect(Transient.isTransient(POSIXError(.EIO)))
        #expect(!Transient.isTransient(POSIXError(.ENOENT)))
        #expect(!Transient.isTransient(PipelineError("no period folder")))
    }

    @Test("a step failing transiently is tried again after 1.5 s, then 3 s, and succeeds on the third try")
    func retriedThenSucceeds() throws {
        let folder = try scratchFolder()
        let sleeper = FakeSleeper()
        // Fails with EX_TEMPFAIL (75) twice, then succeeds: a hook whose server is briefly down.
        let flaky = StepSpec(name: "upload", kind: .command("n=$(cat \(folder)/tries 2>/dev/null || echo 0); n=$((n+1)); echo $n > \(folder)/tries; [ $n -ge 3 ] || exit 75"))
        let summary = try Batch.run(commandJob(folder, [flaky], retry: RetryPolicy(attempts: 4, backoffSeconds: 1.5)),
                                    environment: sleeper.environment)
        #expect(sleeper.recorded == [1.5, 3.0])
        let steps = try WarehouseStore(path: folder + "/wh.sqlite").steps(ofRun: summary.runID)
        #expect(steps.map(\.status) == ["succeeded"])
        #expect(steps.first?.attempts == 3)
        #expect(steps.first?.counts.exitStatus == 0)
    }

    @Test("retries stop at the policy's attempts; the run fails with the exit status recorded")
    func retriesExhausted() throws {
        let folder = try scratchFolder()
        let sleeper = FakeSleeper()
        let failing = StepSpec(name: "upload", kind: .command("exit 75"))
        #expect {
            try Batch.run(commandJob(folder, [failing], retry: RetryPolicy(attempts: 3, backoffSeconds: 2)), environment: sleeper.environment)
        } throws: { error in
            "\(error)" == "step upload failed after 3 tries: the command exited with status 75 (temporary failure)"
        }
        #expect(sleeper.recorded == [2, 4])
        let store = try WarehouseStore(path: folder + "/wh.sqlite")
        let run = try #require(try store.recentRuns(limit: 1).first)
        #expect(run.status == "failed")
        let step = try #require(try store.steps(ofRun: run.id).first)
        #expect(step.status == "failed")
        #expect(step.attempts == 3)
        #expect(step.counts.exitStatus == 75)
        #expect(step.error == "the command exited with status 75 (temporary failure)")
    }

    @Test("a failure that is not transient is not tried again")
    func notRetried() throws {
        let folder = try scratchFolder()
        let sleeper = FakeSleeper()
        #expect(throws: (any Error).self) {
            try Batch.run(commandJob(folder, [StepSpec(name: "check", kind: .command("exit 3"))], retry: RetryPolicy(attempts: 5)),
                          environment: sleeper.environment)
        }
        #expect(sleeper.recorded.isEmpty)
    }

    @Test("a command that outlives its timeout is stopped, and the timeout counts as transient")
    func commandTimeout() throws {
        let folder = try scratchFolder()
        let sleeper = FakeSleeper()
        let slow = StepSpec(name: "slow", kind: .command("sleep 30"), timeoutSeconds: 1)
        let started = Date()
        #expect {
            try Batch.run(commandJob(folder, [slow], retry: RetryPolicy(attempts: 2, backoffSeconds: 0)), environment: sleeper.environment)
        } throws: { error in
            "\(error)" == "step slow failed after 2 tries: the command timed out after 1 s and was stopped"
        }
        #expect(Date().timeIntervalSince(started) < 20)
    }

    @Test("a run left running by a dead process is marked interrupted; the next run skips the steps it finished")
    func resume() throws {
        let folder = try scratchFolder()
        let steps = [
            StepSpec(name: "first", kind: .command("echo x >> \(folder)/first.log")),
            StepSpec(name: "second", kind: .command("echo x >> \(folder)/second.log"), dependsOn: ["first"]),
        ]
        let options = commandJob(folder, steps, retry: RetryPolicy(attempts: 1))
        // A process that finished "first", started "second" and died: its rows say running.
        do {
            let store = try WarehouseStore(path: options.warehouse)
            let dead = try store.beginRun(job: "hooks", period: Period("2025-Q3"))
            try store.beginStep(dead, "first", kind: "command")
            try store.finishStep(dead, "first", status: "succeeded", attempts: 1, detail: "exit status 0", error: nil)
            try store.beginStep(dead, "second", kind: "command")
        }
        var messages: [String] = []
        let summary = try Batch.run(options, environment: FakeSleeper().environment) { messages.append($0) }
        #expect(summary.interrupted == [1])
        #expect(summary.resumedFrom == 1)
        #expect(messages.contains("run 1 was interrupted (its process died before it finished); marked failed"))
        #expect(messages.contains("resuming run 1 of hooks for 2025-Q3: skipping first (done there)"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/first.log"))
        #expect(FileManager.default.fileExists(atPath: folder + "/second.log"))
        let store = try WarehouseStore(path: options.warehouse)
        let runs = try store.recentRuns(limit: 2)
        #expect(runs.map(\.status) == ["succeeded", "failed"])
        #expect(runs[1].message?.hasPrefix("interrupted: the process ended without finishing") == true)
        #expect(try store.steps(ofRun: 1).map(\.status) == ["succeeded", "failed"])
        #expect(try store.steps(ofRun: 1).last?.error == "interrupted")
        #expect(try store.steps(ofRun: 2).map { "\($0.step) \($0.status)" } == ["first skipped", "second succeeded"])
        // A run after a success starts afresh.
        let again = try Batch.run(options, environment: FakeSleeper().environment)
        #expect(again.resumedFrom == nil)
        #expect(try store.steps(ofRun: again.runID).map(\.status) == ["succeeded", "succeeded"])
    }

    @Test("a stop request ends the run between steps; the next run resumes from the step not run")
    func stopBetweenSteps() throws {
        let folder = try scratchFolder()
        let marker = folder + "/stop"
        let steps = [
            StepSpec(name: "first", kind: .command("touch \(marker)")),
            StepSpec(name: "second", kind: .command("true"), dependsOn: ["first"]),
        ]
        let options = commandJob(folder, steps, retry: RetryPolicy(attempts: 1))
        let stopping = Batch.Environment(sleep: { _ in }, stopRequested: {
            FileManager.default.fileExists(atPath: marker) ? "SIGTERM" : nil
        })
        #expect {
            try Batch.run(options, environment: stopping)
        } throws: { error in
            "\(error)" == "stopped (SIGTERM) before step second; the next run resumes from there"
        }
        try FileManager.default.removeItem(atPath: marker)
        let resumed = try Batch.run(options, environment: FakeSleeper().environment)
        #expect(resumed.resumedFrom == 1)
        #expect(try WarehouseStore(path: options.warehouse).steps(ofRun: resumed.runID).map { "\($0.step) \($0.status)" }
                == ["first skipped", "second succeeded"])
    }
}
