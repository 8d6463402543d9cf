import CCHCCore
import Foundation
import Pipeline
import Testing
@testable import Scheduling

/// The repository root, for the shipped job files.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Parses a job file's text, returning the error text (or nil when it is valid).
func jobError(_ text: String) -> String? {
    do {
        _ = try ScheduledJob(file: JobFile.parse(Array(text.utf8), path: "job.json"))
        return nil
    } catch {
        return error.description
    }
}

@Suite("Job files")
struct JobFileTests {
    @Test("the shipped jobs: quarter-end on the 10th of each quarter's last month, year-end on 10 December")
    func shippedJobs() throws {
        let quarter = try ScheduledJob.load(path: repositoryRoot.appendingPathComponent("Jobs/quarter-end.json").path)
        #expect(quarter.name == "quarter-end")
        #expect(quarter.schedule == .cron(try CronExpression("0 7 10 3,6,9,12 *")))
        #expect(quarter.offsetSeconds == 7 * 3600)
        #expect(quarter.file.steps.map(\.name) == ["reference", "import", "score", "report"])
        #expect(quarter.file.inbox == "Jobs/sample/inbox")
        #expect(quarter.file.period == .latest)
        #expect(quarter.file.retry == RetryPolicy(attempts: 3, backoffSeconds: 30, maxBackoffSeconds: 600))
        let year = try ScheduledJob.load(path: repositoryRoot.appendingPathComponent("Jobs/year-end.json").path)
        #expect(year.schedule == .yearly(day: 10, month: 12, hour: 7, minute: 0))
        #expect(year.options(at: at("2025-12-10T07:00+07:00"), scheduled: true).period == Period("2025"))
        #expect(year.options(at: at("2025-12-10T07:00+07:00"), scheduled: true).scheduledFor == "2025-12-10T00:00:00Z")
    }

    @Test("steps run in dependency order; a command step keeps its line and timeout")
    func order() throws {
        let job = try JobFile.parse(Array("""
            {"name": "q", "steps": [
              {"name": "notify", "kind": "command", "command": "echo done", "timeout_seconds": 30, "depends_on": ["report"]},
              {"name": "report", "depends_on": ["score"]},
              {"name": "score", "depends_on": ["import"]},
              {"name": "reference"},
              {"name": "import", "depends_on": ["reference"]}
            ]}
            """.utf8), path: "job.json")
        #expect(job.steps.map(\.name) == ["reference", "import", "score", "report", "notify"])
        #expect(job.steps.last?.kind == .command("echo done"))
        #expect(job.steps.last?.timeoutSeconds == 30)
    }

    @Test("a cycle is an error naming the cycle, at the dependency that closes it")
    func cycle() {
        let text = """
            {
              "name": "loop",
              "steps": [
                {"name": "fetch", "kind": "command", "command": "true", "depends_on": ["publish"]},
                {"name": "check", "kind": "command", "command": "true", "depends_on": ["fetch"]},
                {"name": "publish", "kind": "command", "command": "true", "depends_on": ["check"]}
              ]
            }
            """
        #expect(jobError(text) == "job.json:4:76: the steps' dependencies form a cycle: fetch → publish → check → fetch (→ reads \"depends on\")")
        #expect(jobError("""
            {"name": "self", "steps": [{"name": "a", "kind": "command", "command": "true", "depends_on": ["a"]}]}
            """)?.hasSuffix("a cycle: a → a (→ reads \"depends on\")") == true)
    }

    @Test("malformed JSON: the line and column of the first problem", arguments: [
        ("{\n  \"name\": \"q\"\n  \"schedule\": \"0 7 10 3,6,9,12 *\"\n}", "job.json:3:3: not valid JSON: found '\"schedule\": '; expected ',' or '}' (a missing comma?)"),
        ("{\"name\": \"q\",}", "job.json:1:14: not valid JSON: found '}'; expected a key in double quotes"),
        ("{\n  \"description\": \"Quý III/2025 — hạn nộp\", \"name\": q\n}", "job.json:2:52: not valid JSON: found 'q'; expected a value"),
        ("{\"name\": \"q", "job.json:1:10: not valid JSON: a text opened here is never closed (missing '\"')"),
        ("", "job.json:1:1: not valid JSON: the file ends where a value was expected"),
        ("{\"name\": \"q\"} x", "job.json:1:15: not valid JSON: unexpected text after the end of the job"),
    ])
    func malformed(text: String, expected: String) {
        let error = jobError(text)
        #expect(error?.hasPrefix(expected) == true, "\(error ?? "no error")")
    }

    @Test("wrong keys, types and values point at the key or value to fix", arguments: [
        ("{\"name\": \"q\",\n \"shedule\": \"0 7 * * *\"}", "job.json:2:2: unknown key \"shedule\" in the job; expected one of name, description"),
        ("{\"name\": \"q\",\n \"retry\": {\"attempts\": 0}}", "job.json:2:24: \"attempts\" is 0; expected a number from 1 to 20"),
        ("{\"name\": \"q\",\n \"retry\": {\"attempts\": 2.5}}", "job.json:2:24: \"attempts\" is 2.5; expected a whole number of tries"),
        ("{\"name\": \"q\",\n \"schedule\": \"0 7 10 13 *\"}", "job.json:2:14: cron month \"13\": 13 is out of range 1–12"),
        ("{\"name\": \"q\",\n \"timezone_offset\": \"UTC+7\"}", "job.json:2:21: timezone_offset \"UTC+7\": expected +HH:MM or -HH:MM"),
        ("{\"name\": \"q\",\n \"parameters\": {\"period\": \"2025-Q5\"}}", "job.json:2:27: period \"2025-Q5\": expected a period such as 2025-Q3"),
        ("{\"name\": \"q\",\n \"timeout_seconds\": \"1h\"}", "job.json:2:21: \"timeout_seconds\" is \"1h\"; expected a number from 1 to 604800"),
        ("{\"description\": \"x\"}", "job.json:1:1: the job has no \"name\""),
        ("{\"name\": \"q\",\n \"parameters\": {\"excel_vi\": \"yes\"}}", "job.json:2:29: \"excel_vi\" is \"yes\"; expected true or false"),
        ("{\"name\": \"q\", \"steps\": [{\"name\": \"import\", \"depends_on\": [\"referense\"]}, {\"name\": \"reference\"}]}",
         "job.json:1:59: step \"import\" depends on \"referense\", which is not a step of this job; steps are import, reference"),
        ("{\"name\": \"q\", \"steps\": [{\"name\": \"reference\"}, {\"name\": \"score\", \"depends_on\": [\"reference\"]}, {\"name\": \"import\", \"depends_on\": [\"reference\"]}]}",
         "job.json:1:57: step \"score\" (score) must depend on \"import\" (import), directly or through other steps"),
        ("{\"name\": \"q\", \"steps\": [{\"name\": \"hook\", \"kind\": \"command\"}]}", "job.json:1:50: step \"hook\" of kind command has no \"command\""),
        ("{\"name\": \"q\", \"steps\": [{\"name\": \"a\", \"kind\": \"shell\"}]}", "job.json:1:47: step \"a\" has kind \"shell\"; expected reference, import"),
        ("{\"name\": \"q\", \"steps\": [{\"name\": \"a\", \"kind\": \"command\", \"command\": \"true\"}, {\"name\": \"a\", \"kind\": \"command\", \"command\": \"true\"}]}",
         "job.json:1:87: a second step named \"a\"; step names must be unique"),
    ])
    func semantic(text: String, expected: String) {
        let error = jobError(text)
        #expect(error?.hasPrefix(expected) == true, "\(error ?? "no error")")
    }

    @Test("\"excel_vi\": true asks for the Excel-vi CSV variant; absent, the batch does not write it")
    func excelVietnamese() throws {
        let on = try JobFile.parse(Array("{\"name\": \"q\", \"parameters\": {\"excel_vi\": true}}".utf8), path: "job.json")
        let off = try JobFile.parse(Array("{\"name\": \"q\"}".utf8), path: "job.json")
        #expect(on.options(year: 2025, month: 9).excelVietnamese)
        #expect(!off.options(year: 2025, month: 9).excelVietnamese)
    }

    @Test("relative periods are read at the run's local date")
    func periods() {
        #expect(JobFile.PeriodSpec.current(.quarter).resolve(year: 2025, month: 9) == Period("2025-Q3"))
        #expect(JobFile.PeriodSpec.previous(.quarter).resolve(year: 2026, month: 1) == Period("2025-Q4"))
        #expect(JobFile.PeriodSpec.current(.year).resolve(year: 2025, month: 12) == Period("2025"))
        #expect(JobFile.PeriodSpec.previous(.half).resolve(year: 2025, month: 7) == Period("2025-H1"))
        #expect(JobFile.PeriodSpec.latest.resolve(year: 2025, month: 7) == nil)
    }
}
