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
