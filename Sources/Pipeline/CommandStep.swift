#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A province's own step: one line run with `/bin/sh -c` in its own process group, with the run's
/// parameters in `CCHC_*` environment variables. Its output goes to our stderr. After its time limit
/// the whole group gets SIGTERM, then SIGKILL five seconds later.
public struct CommandStep {
    public struct Outcome: Sendable, Equatable {
        /// The exit status, or nil when it was killed by a signal.
        public var exitStatus: Int32?
        public var signal: Int32?
        public var timedOut: Bool
    }

    public var command: String
    public var timeoutSeconds: Double
    public var environment: [String: String]

    public init(command: String, timeoutSeconds: Double, environment: [String: String]) {
        self.command = command
        self.timeoutSeconds = timeoutSeconds
        self.environment = environment
    }

    /// Starts the command (`posix_spawn`) and waits for it (`waitpid`), polling so the time limit holds.
    public func run() throws -> Outcome {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, STDERR_FILENO, STDOUT_FILENO)  // the hook's output is progress, not results

        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value }
        let arguments = ["/bin/sh", "-c", command]
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid = pid_t()
        let rc = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, envp)
        guard rc == 0 else { throw PipelineError("cannot start /bin/sh for the command \"\(command)\": \(String(cString: strerror(rc)))") }

        let deadline = Date().addingTimeInterval(timeoutSeconds)
        var killAt: Date?
        var timedOut = false
        var status: Int32 = 0
        while true {
            let waited = waitpid(pid, &status, WNOHANG)
            if waited == pid { break }
            if waited < 0 && errno != EINTR { throw PipelineError("waitpid failed for the command \"\(command)\": \(String(cString: strerror(errno)))") }
            let now = Date()
            if !timedOut && now >= deadline {
                timedOut = true
                kill(-pid, SIGTERM)
                killAt = now.addingTimeInterval(5)
            } else if let at = killAt, now >= at {
                kill(-pid, SIGKILL)
                killAt = nil
            }
            usleep(10_000)
        }
        let signaled = status & 0x7F
        if signaled == 0 { return Outcome(exitStatus: (status >> 8) & 0xFF, signal: nil, timedOut: timedOut) }
        return Outcome(exitStatus: nil, signal: signaled, timedOut: timedOut)
    }
}
