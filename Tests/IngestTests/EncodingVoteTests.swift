import Testing
import TestSupport
@testable import Ingest

/// The vote never guesses wrong: on short texts (a few names) it may refuse, but whatever it picks
/// must be the encoding the text was written in.
@Suite("Encoding vote on short texts")
struct EncodingVoteTests {
    @Test("1 to 4 real names in each 8-bit encoding: the right encoding or a refusal, never another", arguments: [0, 1, 2])
    func neverWrong(index: Int) throws {
        let encoders: [(TextEncoding, (String) throws -> [UInt8])] = [
            (.windows1258, Legacy.windows1258), (.tcvn3, Legacy.tcvn3), (.vniWindows, Legacy.vni),
        ]
        let (encoding, encode) = encoders[index]
        let names = VietnameseText.communes + VietnameseText.indicators
        var generator = SplitMix(seed: UInt64(index + 1))
        var recognised = 0
        for _ in 0..<400 {
            let count = Int.random(in: 1...4, using: &generator)
            let text = (0..<count).map { _ in names[Int.random(in: 0..<names.count, using: &generator)] }.joined(separator: ",")
            var detector = EncodingDetector()
            try encode(text).withUnsafeBytes { detector.feed($0) }
            do {
                let detected = try detector.finish()
                #expect(detected == encoding, "\(text)")
                if detected == encoding { recognised += 1 }
            } catch {
                #expect(error.code == .unreadableEncoding)
            }
        }
        // Most texts of a few names are enough.
        #expect(recognised > 300, "recognised \(recognised) of 400")
    }
}

/// The vote decodes a set of words, whose order changes from run to run: a word must decode the same
/// whatever was decoded before it, even a word that failed halfway.
@Suite("Transcoders decode each word afresh")
struct TranscoderResetTests {
    @Test("a word decodes the same fresh and after every failing or cut-off byte sequence", arguments: TextEncoding.legacy)
    func sameAfterFailure(encoding: TextEncoding) throws {
        let words: [[UInt8]] = [Array("ba".utf8), [0x62, 0xE0], [0xE0, 0x61], Array("xa".utf8) + [0xEC]]
        // Bytes no encoding maps, bytes cut off at the end, a base letter then an invalid byte.
        let spoilers: [[UInt8]] = (0x80...0xFF).map { [UInt8($0)] } + (0x80...0xFF).map { [0x61, UInt8($0)] }
            + (0x80...0xFF).map { [0x61, UInt8($0), 0x81] }
        let fresh = try words.map { word in try #require(try encoding.makeTranscoder()).decode(word) }
        let reused = try #require(try encoding.makeTranscoder())
        for spoiler in spoilers {
            _ = reused.decode(spoiler)
            for (word, expected) in zip(words, fresh) {
                #expect(reused.decode(word) == expected, "\(encoding) \(word) after \(spoiler)")
            }
        }
    }
}
