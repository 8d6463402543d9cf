import CCHCCore
import Foundation
import Pipeline
import Testing

/// Which files of an inbox the import reads: every `.csv` below a province folder, nothing that a
/// symbolic link takes out of the inbox, and a list of what was passed over.
@Suite("Inbox listing: nested folders, links in and out of the inbox")
struct InboxListingTests {
    @Test("nested files and links inside the inbox are listed; links out, other files and stray entries are ignored")
    func listing() throws {
        try withScratch { root in
            let fm = FileManager.default
            func write(_ relative: String) throws {
                let path = root + "/" + relative
                try fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data("unit_code\n".utf8).write(to: URL(fileURLWithPath: path))
            }
            func link(_ relative: String, to destination: String) throws {
                try fm.createSymbolicLink(atPath: root + "/" + relative, withDestinationPath: destination)
            }
            try write("inbox/2025-Q3/14/03721.csv")
            try write("inbox/2025-Q3/14/muong-e/quy-3/03727.CSV")
            try write("inbox/2025-Q3/14/ghi-chu.txt")
            try write("inbox/2025-Q3/14/.an/03730.csv")
            try write("inbox/2025-Q3/15")  // a file where a province folder should be
            try write("outside/secret.csv")
            try write("outside/folder/other.csv")
            try write("inbox/kho/17/03800.csv")
            try link("inbox/2025-Q3/14/ban-sao.csv", to: root + "/inbox/2025-Q3/14/03721.csv")
            try link("inbox/2025-Q3/14/passwd.csv", to: root + "/outside/secret.csv")
            try link("inbox/2025-Q3/14/thu-muc-ngoai", to: root + "/outside/folder")
            try link("inbox/2025-Q3/14/hong.csv", to: root + "/khong-co")
            try link("inbox/2025-Q3/16", to: root + "/outside")
            try link("inbox/2025-Q3/17", to: root + "/inbox/kho/17")

            let (files, ignored) = Inbox(root: root + "/inbox").files(of: Period("2025-Q3")!)

            #expect(Set(files.map(\.relativePath)) == [
                "2025-Q3/14/03721.csv", "2025-Q3/14/muong-e/quy-3/03727.CSV", "2025-Q3/14/.an/03730.csv",
                "2025-Q3/14/ban-sao.csv", "2025-Q3/17/03800.csv",
            ])
            #expect(files.count == 5)
            #expect(Set(ignored) == [
                "2025-Q3/14/ghi-chu.txt", "2025-Q3/14/passwd.csv", "2025-Q3/15",
                "2025-Q3/16/secret.csv", "2025-Q3/16/folder/other.csv",
            ])
            #expect(files.first { $0.relativePath == "2025-Q3/17/03800.csv" }?.provinceCode == "17")
            #expect(files.allSatisfy { $0.path.hasPrefix(root + "/inbox/2025-Q3/") && $0.mtime.count == 30 })
        }
    }

    @Test("files are ordered oldest first, then by name")
    func order() throws {
        try withScratch { root in
            let fm = FileManager.default
            for (relative, seconds) in [("14/b.csv", 300), ("14/a.csv", 300), ("12/z.csv", 100), ("14/x/c.csv", 200)] {
                let path = root + "/2025-Q3/" + relative
                try fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data("x\n".utf8).write(to: URL(fileURLWithPath: path))
                try fm.setAttributes([.modificationDate: Date(timeIntervalSince1970: TimeInterval(1_750_000_000 + seconds))], ofItemAtPath: path)
            }
            let (files, ignored) = Inbox(root: root).files(of: Period("2025-Q3")!)
            #expect(files.map(\.relativePath) == ["2025-Q3/12/z.csv", "2025-Q3/14/x/c.csv", "2025-Q3/14/a.csv", "2025-Q3/14/b.csv"])
            #expect(ignored.isEmpty)
            #expect(Inbox(root: root).files(of: Period("2025-Q2")!).files.isEmpty)
        }
    }
}
