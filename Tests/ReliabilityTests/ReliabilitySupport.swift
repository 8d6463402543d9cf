import CCHCCore
import Foundation
import Ingest

/// The repository root (for `Fuzz/` and the shipped reference data).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The shipped reference data, as the fuzzer reads it: province 14 (Sơn La), period 2025-Q3.
let shippedContext: SubmissionContext = {
    let directory = repositoryRoot.appendingPathComponent("Warehouse/reference").path
    let reference = (try? ReferenceLoader.load(directory: directory)) ?? ReferenceData(units: [], indicators: [], targets: [])
    return SubmissionContext(provinceCode: "14", period: Period("2025-Q3")!, units: reference.units,
                             indicators: reference.indicators)
}()

/// A fresh temporary folder per test, removed afterwards.
func withScratch<T>(_ body: (String) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("cchc-reliability-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer {
        // A test may have made the folder read-only; give it back before removing it.
        chmodTree(url.path, 0o755)
        try? FileManager.default.removeItem(at: url)
    }
    return try body(url.path)
}

func chmodTree(_ path: String, _ mode: mode_t) {
    chmod(path, mode)
    for name in (try? FileManager.default.subpathsOfDirectory(atPath: path)) ?? [] { chmod(path + "/" + name, mode) }
}

/// Reads `bytes` as a submission of province 14 for 2025-Q3, with the shipped reference data.
func readShipped(_ bytes: [UInt8], in folder: String, name: String = "fuzz.csv") throws -> (outcome: SubmissionReader.Outcome, rows: [SubmissionRow]) {
    let path = folder + "/" + name
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    var rows: [SubmissionRow] = []
    let outcome = try SubmissionReader.read(path: path, displayPath: "inbox/2025-Q3/14/" + name, context: shippedContext,
                                            onRow: { rows.append($0) })
    return (outcome, rows)
}

/// The files of a folder of the repository, sorted by name.
func repositoryFiles(_ folder: String) -> [String] {
    let directory = repositoryRoot.appendingPathComponent(folder).path
    return ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted().map { directory + "/" + $0 }
}
