import Foundation
import Testing

@Suite("Progress on stderr")
struct ProgressTests {
    @Test("on a terminal the import shows a bar per period, wiped before the next line")
    func barOnTerminal() throws {
        let scratch = try Scratch()
        try Scenario.write(into: scratch)
        // script(1) gives cchc a pseudo-terminal; what it wrote to it comes back on script's stdout.
        let command = ([CCHCProcess.executable.path] + Scenario.runArguments).map { "'\($0)'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qefc", command, "/dev/null"]
        process.currentDirectoryURL = scratch.url
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("\r\u{1B}[Kimport 2025-Q2 [" + String(repeating: "█", count: 30) + "] 2/2 files"))
        #expect(text.contains("import 2025-Q3 [" + String(repeating: "█", count: 15) + String(repeating: "░", count: 15) + "] 3/6 files"))
        #expect(text.contains("] 6/6 files\r\u{1B}[Kimport 2025-Q3: 5 accepted, 1 rejected"), "the bar is wiped before the summary line")
    }

    @Test("off a terminal (a log, a pipe) stderr holds plain lines only")
    func plainWhenPiped() throws {
        let scratch = try Scratch()
        try Scenario.write(into: scratch)
        let result = try CCHCProcess.run(Scenario.runArguments, in: scratch.url)
        #expect(result.status == 0)
        #expect(!result.stderr.contains("\u{1B}") && !result.stderr.contains("\r") && !result.stderr.contains("█"))
        #expect(result.stderr.contains("import 2025-Q3: 5 accepted, 1 rejected"))
    }
}
