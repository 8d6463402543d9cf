import Testing
@testable import Ingest

/// A UTF-8 file longer than one read chunk whose first chunk ends inside a character (found by the
/// scale generator's 3,434-unit `units.csv`, refused as "Windows-1258 or TCVN3").
@Suite("Encoding detection across chunk boundaries")
struct EncodingDetectorChunkTests {
    @Test("a UTF-8 file whose first 64 KiB chunk ends inside a character is UTF-8")
    func chunkEndsInsideACharacter() throws {
        let line = Array("01001,Xã Mường Ẳng,01,commune\n".utf8)
        var bytes: [UInt8] = []
        while bytes.count < FileChunks.chunkSize + 1_000 { bytes += line }
        // Shift the text so that the chunk boundary falls on the second byte of a 3-byte "ờ".
        let cut = FileChunks.chunkSize - 1
        var shifted = bytes
        while !(shifted[cut] >= 0xE0 && shifted[cut] < 0xF0) { shifted.insert(UInt8(ascii: "x"), at: 0) }
        try withTemporaryDirectory { dir in
            let path = dir + "/units.csv"
            try writeFile(shifted, to: path)
            #expect(try EncodingDetector.detect(path: path) == .utf8)
        }
    }
}
