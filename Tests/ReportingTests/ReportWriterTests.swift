import CCHCCore
import Foundation
import Testing
@testable import Reporting

@Suite("writing report folders: whole files, provinces side by side")
struct ReportWriterTests {
    /// A fresh folder of this test's own.
    func scratch() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cchc-report-writer-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func contents(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { Array($0) }
    }

    @Test("a file is replaced whole, with no temporary file left behind")
    func replacesWhole() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let big = [UInt8]((0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        #expect(try ReportWriter.write([("sub/a.bin", Array("old and longer".utf8))], into: folder) == [folder + "/sub/a.bin"])
        _ = try ReportWriter.write([("sub/a.bin", big), ("b.txt", [])], into: folder)
        #expect(contents(folder + "/sub/a.bin") == big)
        #expect(contents(folder + "/b.txt") == [])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/sub") == ["a.bin"])
    }

    @Test("a file that cannot be written throws the POSIX reason and leaves the old file alone")
    func unwritable() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try ReportWriter.write([("a.txt", Array("good".utf8))], into: folder)
        // A folder where the temporary file would go: open(2) fails even for root.
        try FileManager.default.createDirectory(atPath: folder + "/.a.txt.partial", withIntermediateDirectories: false)
        #expect {
            try ReportWriter.write([("a.txt", Array("new".utf8))], into: folder)
        } throws: { error in
            let nsError = error as NSError
            return nsError.domain == NSPOSIXErrorDomain && nsError.code == Int(EISDIR)
        }
        #expect(contents(folder + "/a.txt") == Array("good".utf8))
    }

    @Test("results come back in index order whatever the workers and the time each piece takes", arguments: [1, 2, 5, 64])
    func fanOutOrder(workers: Int) {
        let results = FanOut.map(count: 40, workers: workers) { index -> Int in
            usleep(UInt32((40 - index) % 7) * 200)
            return index * index
        }
        #expect(results == (0..<40).map { $0 * $0 })
        #expect(FanOut.map(count: 0, workers: workers) { $0 }.isEmpty)
    }

    @Test("folders created side by side under a shared new parent all succeed (mkdir races are not failures)")
    func sharedParentRace() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        for round in 0..<20 {
            let period = "\(root)/\(round)/reports/2025-Q3"
            let results = FanOut.map(count: 8, workers: 8) { index -> String? in
                do {
                    _ = try ReportWriter.write([("\(index)/excel-vi/ranking.csv", [UInt8(index)])], into: "\(period)/\(index)")
                    return nil
                } catch {
                    return "\(error)"
                }
            }
            #expect(results == Array(repeating: nil, count: 8), "round \(round)")
            #expect(contents("\(period)/7/7/excel-vi/ranking.csv") == [7])
        }
    }

    @Test("provinces written side by side: one that cannot be written fails in its place, the others are whole")
    func provincesSideBySide() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        // A file where the second province's folder should be.
        #expect(FileManager.default.createFile(atPath: root + "/b", contents: Data("not a folder".utf8)))
        let folders = ["a", "b", "c", "d"].map { root + "/" + $0 }
        let results = FanOut.map(count: folders.count, workers: 2) { index -> String? in
            do {
                _ = try ReportWriter.write(scores: ReportFixture.scores, context: ReportFixture.context, directory: folders[index])
                return nil
            } catch {
                return folders[index]
            }
        }
        #expect(results == [nil, root + "/b", nil, nil])
        let expected = Array(ReportFixture.html().utf8)
        for folder in [folders[0], folders[2], folders[3]] {
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ReportWriter.fileNames.sorted())
            #expect(contents(folder + "/report.html") == expected)
        }
    }
}
