import CCHCCore
import Foundation
import Logging
import Pipeline
import Warehouse

/// The text of `cchc status` and `cchc schedule`: recent runs with their steps, what failed and
/// why, and what is due but not run. Reads the warehouse read-only and never creates one.
public enum StatusReport {
    /// `cchc status`: the warehouse's recent runs, the failures not yet made good, and the jobs
    /// (those among `jobs` that write this warehouse) due but not run at `now`.
    public static func lines(warehouse: String, jobs: [ScheduledJob], now: Int64, limit: Int) throws -> [String] {
        let jobs = jobs.filter { $0.file.warehousePath == warehouse }
        guard let history = try RunHistory(path: warehouse) else {
            return ["no warehouse at \(warehouse): no run has been recorded there yet (status creates nothing)"]
                + pendingLines(jobs, history: nil, now: now)
        }
        var lines = ["warehouse: \(warehouse)", "recent runs (newest first):"]
        let runs = try history.recentRuns(limit: limit)
        if runs.isEmpty { lines.append("  none") }
        for run in runs {
            var origin = run.trigger == "schedule" ? "scheduled for \(run.scheduledFor ?? "?")" : "manual"
            if let resumed = run.resumedFrom { origin += ", resumes run \(resumed)" }
            lines.append("  run \(run.id)  \(run.job)  \(run.period ?? "-")  \(run.status)  started \(run.startedAt)"
                         + (run.finishedAt.map { "  finished \($0)" } ?? "") + "  (\(origin))")
            if run.status == "failed", let message = run.message { lines.append("    why: \(message)") }
            for step in try history.steps(ofRun: run.id) {
                lines.append("    \(step.step.padding(toLength: 10, withPad: " ", startingAt: 0)) \(step.status)"
                             + (step.attempts > 1 ? " after \(step.attempts) tries" : "") + counts(step))
            }
        }
        lines.append("failed, not yet run again successfully:")
        var seen: Set<String> = []
        var failures: [String] = []
        for run in runs where seen.insert("\(run.job) \(run.period ?? "-")").inserted && run.status == "failed" {
            failures.append("  \(run.job) \(run.period ?? "-"): run \(run.id): \(run.message ?? "no reason recorded")")
        }
        lines += failures.isEmpty ? ["  none"] : failures
        return lines + pendingLines(jobs, history: history, now: now)
    }

    static func counts(_ step: StepRecord) -> String {
        let c = step.counts
        var parts: [String] = []
        if let n = c.filesAccepted { parts.append("\(n) accepted") }
        if let n = c.filesRejected { parts.append("\(n) rejected") }
        if let n = c.filesUnchanged { parts.append("\(n) unchanged") }
        if let n = c.factsWritten { parts.append("\(n) facts written") }
        if let n = c.communesRanked { parts.append("\(n) communes ranked") }
        if let n = c.provincesWritten { parts.append("\(n) provinces written") }
        if let n = c.provincesFailed, n > 0 { parts.append("\(n) provinces failed") }
        if let n = c.exitStatus { parts.append("exit status \(n)") }
        if step.status == "skipped", let detail = step.detail { parts.append(detail) }
        var text = parts.isEmpty ? "" : ": " + parts.joined(separator: ", ")
        if let error = step.error { text += " — \(error)" }
        return text
    }

    /// What each scheduled job has due and not run at `now`, from the state the daemon keeps.
    static func pendingLines(_ jobs: [ScheduledJob], history: RunHistory?, now: Int64) -> [String] {
        var lines = ["pending (due, not run yet):"]
        for job in jobs {
            guard let state = dueState(job, history: history, now: now) else { continue }
            lines.append("  \(job.name): \(state)")
        }
        if lines.count == 1 { lines.append("  none") }
        return lines
    }

    /// A line about `job`'s due times at `now`: nil when it has no schedule or nothing is due.
    public static func dueState(_ job: ScheduledJob, history: RunHistory?, now: Int64) -> String? {
        guard let schedule = job.schedule else { return nil }
        let last = (try? history?.lastScheduled(job: job.name)).flatMap { $0 }.flatMap { Instant.parse($0) }
        guard let last else {
            return "never seen by a daemon (it counts due times from the moment it first sees the job)"
        }
        guard let (count, latest) = schedule.dueTimes(after: last, through: now, offsetSeconds: job.offsetSeconds) else { return nil }
        let local = LocalTime(epochSeconds: latest, offsetSeconds: job.offsetSeconds)
        return "due \(local)" + (count > 1 ? " (\(count) due times since the last handled; the daemon runs it once)" : "")
    }

    /// `cchc schedule`: each job's schedule, its next due times after `now`, and whether it is due now.
    public static func scheduleLines(jobs: [ScheduledJob], now: Int64, count: Int = 3) -> [String] {
        var lines: [String] = []
        for job in jobs {
            guard let text = job.file.schedule?.text else {
                lines.append("\(job.name): no schedule (run by hand)")
                continue
            }
            lines.append("\(job.name): \"\(text)\" at UTC\(LocalTime.offsetText(job.offsetSeconds))  [\(job.file.path)]")
            var cursor = now
            var next: [String] = []
            while next.count < count, let due = job.next(after: cursor) {
                next.append(LocalTime(epochSeconds: due, offsetSeconds: job.offsetSeconds).description)
                cursor = due
            }
            lines.append("  next: " + (next.isEmpty ? "never" : next.joined(separator: ", ")))
            let history = try? RunHistory(path: job.file.warehousePath)
            lines.append("  due now: " + (dueState(job, history: history ?? nil, now: now) ?? "no"))
        }
        return lines
    }

    /// Sends the daemon's log lines to stderr (swift-log's stream handler).
    public static func bootstrapLogging() {
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
    }
}

/// The job files a command works on: those named, or every `Jobs/*.json`.
public enum JobFiles {
    public static func load(_ paths: [String], directory: String = "Jobs") throws -> [ScheduledJob] {
        var files = paths
        if files.isEmpty {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            files = names.filter { $0.hasSuffix(".json") }.sorted().map { "\(directory)/\($0)" }
        }
        return try files.map { try ScheduledJob.load(path: $0) }
    }
}
