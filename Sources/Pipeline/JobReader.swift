import CCHCCore

/// Turns a parsed job file into a `JobFile`, checking every key, type and value, and the steps'
/// dependencies (known names, no cycle, built-in stages in data-flow order).
struct JobReader {
    let path: String

    static let jobKeys = ["name", "description", "parameters", "schedule", "timezone_offset", "retry", "timeout_seconds", "steps"]
    static let parameterKeys = ["reference", "inbox", "warehouse", "reports", "period", "excel_vi"]
    static let retryKeys = ["attempts", "backoff_seconds", "max_backoff_seconds"]
    static let stepKeys = ["name", "kind", "depends_on", "command", "timeout_seconds"]

    func fail(_ node: JSONNode, _ reason: String) -> JobFileError {
        JobFileError(InputLocation(path: path, line: node.line, column: node.column), reason)
    }

    func fail(_ member: JSONNode.Member, _ reason: String) -> JobFileError {
        JobFileError(InputLocation(path: path, line: member.keyLine, column: member.keyColumn), reason)
    }

    /// The members of an object, refusing keys not in `allowed` and keys given twice.
    func members(_ node: JSONNode, _ what: String, allowed: [String]) throws(JobFileError) -> [String: JSONNode.Member] {
        guard case .object(let members) = node.value else { throw fail(node, "\(what) is \(node.kindName); expected an object { … }") }
        var result: [String: JSONNode.Member] = [:]
        for member in members {
            guard allowed.contains(member.key) else {
                throw fail(member, "unknown key \"\(member.key)\" in \(what); expected one of \(allowed.joined(separator: ", "))")
            }
            guard result[member.key] == nil else { throw fail(member, "\"\(member.key)\" is given twice in \(what)") }
            result[member.key] = member
        }
        return result
    }

    func text(_ member: JSONNode.Member?) throws(JobFileError) -> String? {
        guard let member else { return nil }
        guard case .string(let text) = member.value.value, !text.isEmpty else {
            throw fail(member.value, "\"\(member.key)\" is \(member.value.kindName); expected a non-empty text in double quotes")
        }
        return text
    }

    func flag(_ member: JSONNode.Member?) throws(JobFileError) -> Bool? {
        guard let member else { return nil }
        guard case .bool(let value) = member.value.value else {
            throw fail(member.value, "\"\(member.key)\" is \(Self.shown(member.value)); expected true or false")
        }
        return value
    }

    func number(_ member: JSONNode.Member?, in range: ClosedRange<Double>) throws(JobFileError) -> Double? {
        guard let member else { return nil }
        guard case .number(let number) = member.value.value, range.contains(number) else {
            throw fail(member.value, "\"\(member.key)\" is \(Self.shown(member.value)); expected a number from \(Self.shown(range.lowerBound)) "
                       + "to \(Self.shown(range.upperBound))")
        }
        return number
    }

    static func shown(_ node: JSONNode) -> String {
        if case .number(let n) = node.value { return shown(n) }
        if case .string(let s) = node.value { return "\"\(s)\"" }
        return node.kindName
    }

    static func shown(_ n: Double) -> String { n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n) }

    mutating func job(_ root: JSONNode) throws(JobFileError) -> JobFile {
        let keys = try members(root, "the job", allowed: Self.jobKeys)
        guard let nameMember = keys["name"] else { throw fail(root, "the job has no \"name\"; expected e.g. \"name\": \"quarter-end\"") }
        let name = try text(nameMember) ?? ""
        guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) else {
            throw fail(nameMember.value, "name \"\(name)\": expected letters, digits, '-', '_' or '.'")
        }
        var job = JobFile(path: path, name: name)
        job.description = try text(keys["description"])
        if let parameters = keys["parameters"] {
            let values = try members(parameters.value, "\"parameters\"", allowed: Self.parameterKeys)
            job.reference = try text(values["reference"])
            job.inbox = try text(values["inbox"])
            job.warehouse = try text(values["warehouse"])
            job.reports = try text(values["reports"])
            if let member = values["period"] { job.period = try period(member) }
            job.excelVietnamese = try flag(values["excel_vi"])
        }
        if let member = keys["schedule"], let schedule = try text(member) {
            job.schedule = (schedule, InputLocation(path: path, line: member.value.line, column: member.value.column))
        }
        if let member = keys["timezone_offset"], let offset = try text(member) {
            guard let seconds = Self.utcOffset(offset) else {
                throw fail(member.value, "timezone_offset \"\(offset)\": expected +HH:MM or -HH:MM, e.g. \"+07:00\" for Asia/Ho_Chi_Minh")
            }
            job.timezoneOffsetSeconds = seconds
        }
        if let retry = keys["retry"] {
            let values = try members(retry.value, "\"retry\"", allowed: Self.retryKeys)
            let attempts = try number(values["attempts"], in: 1...20)
            if let attempts, attempts != attempts.rounded(), let member = values["attempts"] {
                throw fail(member.value, "\"attempts\" is \(Self.shown(attempts)); expected a whole number of tries")
            }
            let defaults = RetryPolicy()
            job.retry = RetryPolicy(attempts: attempts.map { Int($0) } ?? defaults.attempts,
                                    backoffSeconds: try number(values["backoff_seconds"], in: 0...86_400) ?? defaults.backoffSeconds,
                                    maxBackoffSeconds: try number(values["max_backoff_seconds"], in: 0...86_400) ?? defaults.maxBackoffSeconds)
        }
        job.timeoutSeconds = try number(keys["timeout_seconds"], in: 1...7 * 86_400)
        if let steps = keys["steps"] { job.steps = try self.steps(steps.value) }
        return job
    }

    /// `"+07:00"` → 25200.
    static func utcOffset(_ text: String) -> Int? {
        let chars = Array(text)
        guard chars.count == 6, chars[0] == "+" || chars[0] == "-", chars[3] == ":",
              let hours = Int(String(chars[1...2])), let minutes = Int(String(chars[4...5])), hours <= 14, minutes < 60
        else { return nil }
        return (chars[0] == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
    }

    func period(_ member: JSONNode.Member) throws(JobFileError) -> JobFile.PeriodSpec {
        let spec = try text(member) ?? ""
        switch spec {
        case "latest": return .latest
        case "current-quarter": return .current(.quarter)
        case "previous-quarter": return .previous(.quarter)
        case "current-half": return .current(.half)
        case "previous-half": return .previous(.half)
        case "current-year": return .current(.year)
        case "previous-year": return .previous(.year)
        default:
            guard let period = Period(spec) else {
                throw fail(member.value, "period \"\(spec)\": expected a period such as 2025-Q3, or latest, current-quarter, previous-quarter, "
                           + "current-half, previous-half, current-year, previous-year")
            }
            return .fixed(period)
        }
    }
}
