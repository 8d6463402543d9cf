import Foundation

/// Decodes a sample of a file's words with each 8-bit Vietnamese encoding and counts how many come
/// out as well-formed Vietnamese syllables. One encoding must stand out: at least `minimumWords`
/// good words, at least `minimumShare` of its words good, and a lead of `minimumLead` over the next.
struct EncodingVote {
    static let minimumWords = 2
    static let minimumShare = 0.75
    static let minimumLead = 0.3

    struct Tally: Sendable, Equatable {
        var encoding: TextEncoding
        var good = 0
        var bad = 0
        var share: Double { good + bad == 0 ? 0 : Double(good) / Double(good + bad) }
    }

    let tallies: [Tally]

    init(words: Set<[UInt8]>) {
        tallies = TextEncoding.legacy.map { encoding in
            var tally = Tally(encoding: encoding)
            let transcoder = try? encoding.makeTranscoder()
            for word in words {
                if let text = transcoder?.decode(word), Self.isVietnamese(text) { tally.good += 1 } else { tally.bad += 1 }
            }
            return tally
        }.sorted { ($0.share, $0.good) > ($1.share, $1.good) }
    }

    /// A decoded word: letters only, one syllable.
    static func isVietnamese(_ text: String) -> Bool {
        let nfc = text.precomposedStringWithCanonicalMapping
        return !nfc.isEmpty && nfc.allSatisfy(\.isLetter) && VietnameseSyllable.isValid(nfc)
    }

    func winner() throws(IngestError) -> TextEncoding {
        guard let best = tallies.first else { throw Self.unrecognised([]) }
        let runnerUp = tallies.dropFirst().first?.share ?? 0
        if best.good >= Self.minimumWords, best.share >= Self.minimumShare, best.share - runnerUp >= Self.minimumLead {
            return best.encoding
        }
        throw Self.unrecognised(tallies.filter { $0.good > 0 }.map(\.encoding))
    }

    static func unrecognised(_ candidates: [TextEncoding]) -> IngestError {
        let advice = "save it from Excel as \"CSV UTF-8\""
        let adviceVi = "hãy lưu lại từ Excel dạng \"CSV UTF-8\""
        if candidates.isEmpty {
            return IngestError(
                code: .unreadableEncoding,
                message: "the file is not UTF-8 and does not read as Vietnamese in Windows-1258, TCVN3 (ABC) or VNI-Windows; \(advice)",
                messageVi: "tệp không phải UTF-8 và không đọc được thành tiếng Việt theo bảng mã Windows-1258, TCVN3 (ABC) hay VNI-Windows; \(adviceVi)")
        }
        let names = candidates.map(\.displayName).joined(separator: " or ")
        let namesVi = candidates.map(\.displayName).joined(separator: " hoặc ")
        return IngestError(
            code: .unreadableEncoding,
            message: "the file's encoding cannot be told with confidence: it may be \(names); \(advice)",
            messageVi: "không xác định chắc chắn được bảng mã của tệp: có thể là \(namesVi); \(adviceVi)")
    }
}
