import Foundation
import Testing

/// The benchmarks' scale generator (`scripts/bench/gen_scale.py`, issue 7) at a tiny scale: what it
/// writes is clean, so `cchc run` accepts every file and ranks every commune. Not a benchmark
/// (nothing is timed); it keeps the generator and the product from drifting apart.
@Suite("Scale generator smoke run")
struct ScaleGeneratorSmokeTests {
    static let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test("a generated country of 2 provinces × 6 communes × 20 indicators × 2 quarters loads with no rejection",
          .enabled(if: python != nil, "needs python3"))
    func generatedDataLoads() throws {
        let scratch = try Scratch()
        defer { try? FileManager.default.removeItem(at: scratch.url) }
        let generator = Process()
        generator.executableURL = URL(fileURLWithPath: Self.python!)
        generator.arguments = [CCHCProcess.repositoryRoot.appendingPathComponent("scripts/bench/gen_scale.py").path,
                               "--provinces", "2", "--communes-per-province", "6", "--indicators", "20",
                               "--periods", "2025-Q2,2025-Q3", "--out", scratch.path("data")]
        generator.standardError = Pipe()
        try generator.run()
        generator.waitUntilExit()
        try #require(generator.terminationStatus == 0)

        let result = try CCHCProcess.run(["run", "--reference", "data/reference", "--inbox", "data/inbox", "--warehouse", "wh/w.sqlite",
                                          "--reports", "out", "--period", "2025-Q3", "--as-of", "2025-10-01"], in: scratch.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains(" 0 accepted"), "\(result.stderr)")
        for province in ["01", "02"] {
            let ranking = try String(contentsOfFile: scratch.path("out/2025-Q3/\(province)/ranking.csv"), encoding: .utf8)
            #expect(ranking.split(separator: "\r\n").count == 1 + 6, "header and 6 communes in \(province)")
            let rejections = try String(contentsOfFile: scratch.path("out/2025-Q3/\(province)/rejections.csv"), encoding: .utf8)
            #expect(rejections.split(separator: "\r\n").count == 1, "no rejection in \(province): \(rejections)")
        }
    }
}
