import Foundation
import Testing
import TestSupport
import CCHCCore
import Ingest

/// The import's read-ahead: files prepared on worker threads must come out in order and read exactly
/// as the streaming reader reads them from disk.
@Suite struct SubmissionPrefetcherTests {
    /// Files of several kinds, side by side in one folder; returns their paths in the order given.
    func writeFiles(_ contents: [[UInt8]], in dir: String) throws -> [String] {
        try contents.enumerated().map { index, bytes in
            let path = dir + "/\(index).csv"
            try writeFile(bytes, to: path)
            return path
        }
    }

    func jobs(_ paths: [String]) -> [SubmissionPrefetcher.Job] {
        paths.map { .init(path: $0, displayPath: Fixture.displayPath, provinceCode: "14") }
    }

    /// What a file yields when read from disk with `SubmissionReader.read`, the streaming path.
    func streamed(_ path: String) throws -> (survey: FileSurvey, result: SubmissionResult) {
        let survey = try FileSurvey(path: path)
        var rows: [SubmissionRow] = []
        let outcome = try SubmissionReader.read(path: path, displayPath: Fixture.displayPath, context: Fixture.context,
                                                encoding: try? survey.encoding.get(), onRow: { rows.append($0) })
        return (survey, SubmissionResult(outcome: outcome, rows: outcome.isAcceptable ? rows : []))
    }

    func prepared(_ file: PrefetchedFile, sourceLocation: SourceLocation = #_sourceLocation) -> PreparedSubmission? {
        guard case .prepared(let prepared) = file else {
            Issue.record("expected a prepared file, got \(file)", sourceLocation: sourceLocation)
            return nil
        }
        return prepared
    }

    /// An accepted file, a rejected one between accepted ones, a Windows-1258 one, one of several
    /// 64 KiB chunks (thousands of duplicate-indicator errors), one with a UTF-8 byte-order mark and
    /// one ending inside a character: each as the disk reader reads it.
    @Test(.timeLimit(.minutes(1)))
    func preparesEachFileAsTheStreamingReaderReadsIt() throws {
        let accepted = submission("03721,2025-Q3,PCT,95.5,,,", "03721,2025-Q3,CNT,12,,,ghi chú")
        let rejected = submission("03721,2025-Q3,PCT,abc,,,", "03721,2025-Q3,CNT,-1,,,")
        let legacy = try Legacy.windows1258(submission("03721,2025-Q3,PCT,95.5,,,Đã kiểm tra số liệu ở xã"))
        let long = submission(Array(repeating: "03721,2025-Q3,NUM,1.5,,,", count: 6_000).joined(separator: "\n"))
        let withMark = [0xEF, 0xBB, 0xBF] + Array(accepted.utf8)
        let damaged = Array(accepted.utf8) + [0xE1, 0xBB]  // a character cut short at the end
        try withTemporaryDirectory { dir in
            let contents = [Array(accepted.utf8), Array(rejected.utf8), legacy, Array(accepted.utf8), Array(long.utf8), withMark, damaged]
            let paths = try writeFiles(contents, in: dir)
            #expect(contents[4].count > 2 * FileChunks.chunkSize)
            let prefetcher = SubmissionPrefetcher(jobs: jobs(paths), context: Fixture.context, sizeLimit: 1 << 20, ahead: 2, workerCount: 2)
            defer { prefetcher.finish() }
            for (index, path) in paths.enumerated() {
                guard let file = prepared(prefetcher.take(index)) else { continue }
                let (survey, expected) = try streamed(path)
                #expect(file.bytes == contents[index])
                #expect(file.survey.sha256 == survey.sha256 && file.survey.size == survey.size)
                #expect(file.survey.encodingName == survey.encodingName)
                #expect(file.outcome?.errors == expected.outcome.errors)
                #expect(file.outcome?.warnings == expected.outcome.warnings)
                #expect(file.outcome?.unitCode == expected.outcome.unitCode)
                #expect(file.outcome?.dataRows == expected.outcome.dataRows)
                #expect(file.rows == expected.rows)
            }
        }
    }

    @Test func keepsTheOutcomesOfAcceptedAndRejectedFilesApart() throws {
        let accepted = Array(submission("03721,2025-Q3,PCT,95.5,,,").utf8)
        let rejected = Array(submission("03721,2025-Q3,PCT,150,,,").utf8)
        try withTemporaryDirectory { dir in
            let paths = try writeFiles([accepted, rejected, accepted], in: dir)
            let prefetcher = SubmissionPrefetcher(jobs: jobs(paths), context: Fixture.context, sizeLimit: 1 << 20, ahead: 1, workerCount: 3)
            defer { prefetcher.finish() }
            let outcomes = (0..<3).map { prepared(prefetcher.take($0)) }
            #expect(outcomes.map { $0?.outcome?.isAcceptable } == [true, false, true])
            #expect(outcomes.map { $0?.rows.count } == [1, 0, 1])
            #expect(outcomes[1]?.outcome?.errors.map(\.code) == [.percentOutOfRange])
        }
    }

    @Test func reportsAnUnreadableFileWithoutStoppingTheOthers() throws {
        try withTemporaryDirectory { dir in
            let paths = try writeFiles([Array(submission("03721,2025-Q3,PCT,95.5,,,").utf8)], in: dir)
            let missing = dir + "/missing.csv"
            let prefetcher = SubmissionPrefetcher(jobs: jobs([missing] + paths), context: Fixture.context, sizeLimit: 1 << 20,
                                                  ahead: 4, workerCount: 1)
            defer { prefetcher.finish() }
            guard case .unreadable(let error) = prefetcher.take(0) else {
                Issue.record("expected the missing file to be unreadable")
                return
            }
            #expect(error.code == .unreadableFile)
            #expect(error.location?.path == missing)
            #expect(prepared(prefetcher.take(1))?.outcome?.isAcceptable == true)
        }
    }

    @Test func leavesFilesAboveTheSizeLimitToTheStreamingPath() throws {
        let text = Array(submission("03721,2025-Q3,PCT,95.5,,,").utf8)
        try withTemporaryDirectory { dir in
            let paths = try writeFiles([text, text + [0x0A]], in: dir)
            let prefetcher = SubmissionPrefetcher(jobs: jobs(paths), context: Fixture.context, sizeLimit: text.count, ahead: 2, workerCount: 1)
            defer { prefetcher.finish() }
            #expect(prepared(prefetcher.take(0))?.bytes == text)
            guard case .large = prefetcher.take(1) else {
                Issue.record("expected the file one byte above the limit to be left to the streaming path")
                return
            }
        }
    }

    @Test func surveysButDoesNotValidateBytesAlreadyReceived() throws {
        let bytes = Array(submission("03721,2025-Q3,PCT,abc,,,").utf8)
        try withTemporaryDirectory { dir in
            let paths = try writeFiles([bytes], in: dir)
            let sha256 = try FileSurvey(path: paths[0]).sha256
            let prefetcher = SubmissionPrefetcher(jobs: jobs(paths), context: Fixture.context, sizeLimit: 1 << 20, ahead: 1, workerCount: 1,
                                                  known: [sha256])
            defer { prefetcher.finish() }
            let file = prepared(prefetcher.take(0))
            #expect(file?.survey.sha256 == sha256)
            #expect(file != nil && file?.outcome == nil)
        }
    }

    /// A step that fails halfway stops the workers: `finish` returns with files never taken, and the
    /// prefetcher is released cleanly.
    @Test(.timeLimit(.minutes(1)))
    func finishStopsWorkersWithFilesNeverTaken() throws {
        let bytes = Array(submission("03721,2025-Q3,PCT,95.5,,,").utf8)
        try withTemporaryDirectory { dir in
            let paths = try writeFiles(Array(repeating: bytes, count: 40), in: dir)
            let prefetcher = SubmissionPrefetcher(jobs: jobs(paths), context: Fixture.context, sizeLimit: 1 << 20, ahead: 3, workerCount: 2)
            #expect(prepared(prefetcher.take(0)) != nil)
            #expect(prepared(prefetcher.take(1)) != nil)
            // Time for the workers to fill the window: files prepared and never taken are what once
            // made the prefetcher's release trap in libdispatch.
            Thread.sleep(forTimeInterval: 0.3)
            prefetcher.finish()
        }
    }

    @Test func contentsReadsTheWholeFileOrNothingAboveTheLimit() throws {
        let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try withTemporaryDirectory { dir in
            let path = dir + "/blob.csv"
            try writeFile(bytes, to: path)
            #expect(try ByteSource.contents(of: path, limit: bytes.count) == bytes)
            #expect(try ByteSource.contents(of: path, limit: bytes.count - 1) == nil)
            var chunks: [Int] = []
            try ByteSource.memory(bytes, path: path).forEachChunk { chunks.append($0.count) }
            var diskChunks: [Int] = []
            try ByteSource.file(path: path).forEachChunk { diskChunks.append($0.count) }
            #expect(chunks == diskChunks)
        }
    }
}

/// Each row names its indicator by number too, which the import maps to warehouse keys once per
/// period: the number must point at the row's own indicator, also for rows whose numbers waited
/// for the file's decimal mark.
@Suite("Rows carry their indicator's number in the context")
struct IndicatorNumberTests {
    @Test("streamed and prepared rows: numberedIndicators[indicatorNumber] is the row's indicator")
    func numbersPointAtTheRowsIndicator() throws {
        let text = submission("03721,2025-Q3,PCT,88.5,,,", "03721,2025-Q3,CNT,1.234,,,", "03721,2025-Q3,NUM,3,,,",
                              "03721,2025-Q3,BOOL,1,,,", "03721,2025-Q3,PCT2,,3,4,ghi chú")
        let streamed = try readSubmission(text)
        let prepared = PreparedSubmission(bytes: Array(text.utf8), path: "03721.csv", displayPath: Fixture.displayPath, context: Fixture.context)
        #expect(streamed.outcome.isAcceptable)
        #expect(Set(streamed.rows.map(\.indicatorCode)) == ["PCT", "CNT", "NUM", "BOOL", "PCT2"])
        #expect(prepared.rows == streamed.rows)
        for row in streamed.rows {
            #expect(Fixture.context.numberedIndicators[row.indicatorNumber].code == row.indicatorCode)
        }
        #expect(Set(streamed.rows.map(\.indicatorNumber)).count == 5)
    }
}
