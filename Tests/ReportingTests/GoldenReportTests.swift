import Foundation
import Testing
@testable import Reporting

/// The fixture's pages compared byte for byte with the golden files in `Tests/Golden/` (outside the
/// test target, so SwiftPM does not treat them as unhandled sources). A deliberate change of the
/// pages: run once with `CCHC_UPDATE_GOLDEN=1` to rewrite them, then review the diff.
@Suite("golden report pages")
struct GoldenReportTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Golden")

    func compare(_ text: String, with name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = Self.directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["CCHC_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            return
        }
        let golden = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        guard golden != text else { return }
        let ours = text.split(separator: ">", omittingEmptySubsequences: false)
        let theirs = golden.split(separator: ">", omittingEmptySubsequences: false)
        let common = min(ours.count, theirs.count)
        let first = (0..<common).first { ours[$0] != theirs[$0] } ?? common
        let at = { (parts: [Substring]) in first < parts.count ? String(parts[first].suffix(200)) : "(end)" }
        Issue.record("\(name) differs from the golden file at tag \(first): got …\(at(ours)) expected …\(at(theirs))",
                     sourceLocation: sourceLocation)
    }

    @Test("report.html of the fixture province")
    func report() throws {
        try compare(ReportFixture.html(), with: "report.html")
    }

    @Test("national.html of the fixture's two provinces")
    func national() throws {
        let report = NationalReport(scores: ReportFixture.scores, provinces: [ReportFixture.province, ReportFixture.otherProvince],
                                    indicators: ReportFixture.indicators, asOf: "2025-10-10")
        try compare(report.html(), with: "national.html")
    }
}
