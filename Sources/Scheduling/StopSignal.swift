#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Synchronization

/// SIGTERM and SIGINT as a request to stop between steps: the default action (die at once) is
/// turned off and a Dispatch signal source records which signal came. The batch and the daemon
/// read `reason` between steps and jobs.
public final class StopSignal: Sendable {
    private let received = Mutex<String?>(nil)
    // DispatchSourceSignal is thread-safe for resume/cancel; it is only kept alive here.
    private nonisolated(unsafe) var sources: [any DispatchSourceSignal] = []

    public init() {}

    /// Starts listening for SIGTERM and SIGINT.
    public func install() {
        for (number, name) in [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in self.received.withLock { $0 = $0 ?? name } }
            source.resume()
            sources.append(source)
        }
    }

    /// The first signal received ("SIGTERM"), or nil.
    public var reason: String? { received.withLock { $0 } }
}
