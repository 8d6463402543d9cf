@testable import CCHCCore
import Foundation
import Testing
import TestSupport

/// `sortKey` reads most text scalar by scalar from a table; `referenceSortKey` is the definition
/// (Foundation NFD, one weight per grapheme). The two must give the same bytes for every string.
@Suite("Vietnamese sort keys: the scalar table agrees with the reference")
struct SortKeyTableTests {
    static let toneMarks = ["", "\u{0300}", "\u{0309}", "\u{0303}", "\u{0301}", "\u{0323}"]
    static let letterMarks = ["\u{0306}", "\u{0302}", "\u{031B}"]

    /// Every letter of the alphabet with every tone, both cases, precomposed and decomposed, and
    /// decomposed with the marks out of canonical order.
    static let letters: [String] = {
        var letters: [String] = []
        for letter in VietnameseCollation.alphabet {
            for tone in toneMarks {
                for cased in [letter, letter.uppercased()] {
                    let nfd = (cased + tone).decomposedStringWithCanonicalMapping
                    let base = String(nfd.unicodeScalars.first!)
                    let marks = String(String.UnicodeScalarView(nfd.unicodeScalars.dropFirst().reversed()))
                    letters += [(cased + tone).precomposedStringWithCanonicalMapping, nfd, base + marks, cased + tone]
                }
            }
        }
        return letters
    }()

    @Test("every Vietnamese letter and tone, upper and lower case, NFC and NFD, alone and in a name")
    func everyLetter() {
        for letter in Self.letters {
            for text in [letter, "Xã " + letter + "n", letter + letter, "1" + letter + " "] {
                #expect(VietnameseCollation.sortKey(text) == VietnameseCollation.referenceSortKey(text), "\(text.unicodeScalars.map(\.value))")
            }
            #expect(VietnameseCollation.tableSortKey(letter.precomposedStringWithCanonicalMapping) != nil)
            #expect(VietnameseCollation.tableSortKey(letter.decomposedStringWithCanonicalMapping) != nil)
        }
    }

    @Test("commune names in NFC and NFD are read from the table", arguments: [
        "Xã Ẳng Nưa", "Phường Bến Nghé", "Thị trấn Đông Anh", "Xa Ang Nua", "Xã Mường É", "ĐẮK LẮK", "",
    ])
    func names(_ name: String) {
        for text in [name, name.decomposedStringWithCanonicalMapping] {
            #expect(VietnameseCollation.tableSortKey(text) == VietnameseCollation.referenceSortKey(text))
        }
    }

    /// Pieces the table reads, by kind: Vietnamese letters, combining marks (stray ones start a text,
    /// follow digits or spaces, or pile up; U+0340/0341/0343/0344 decompose to other marks), ASCII,
    /// other Latin letters and signs.
    static let latinKinds: [[String]] = [
        letters,
        letterMarks + toneMarks.dropFirst() + ["\u{0308}", "\u{0327}", "\u{030A}", "\u{0340}", "\u{0341}", "\u{0343}", "\u{0344}", "\u{0345}", "\u{0360}"],
        Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789   -.,'()/~^`_").map(String.init),
        ["ç", "Å", "\u{212B}", "\u{212A}", "ǖ", "Ǘ", "ß", "ẞ", "İ", "ı", "Ǆ", "ǅ", "ǆ", "ø", "Ø", "æ", "Œ", "ł", "ſ", "ẛ",
         "Ʒ", "ǯ", "ɐ", "ª", "º", "²", "½", "×", "©", "®", "\u{A0}", "ǰ", "ȷ", "ǈ", "Ǻ", "ṏ", "ỳ", "ỹ", "Ỵ", "ỵ", "ỷ", "đ", "Đ"],
    ]
    /// Pieces it leaves to the reference: controls, other scripts, emoji sequences, marks of no Latin letter.
    static let otherPieces: [String] = [
        "\t", "\n", "\r", "\r\n", "\u{0}", "\u{7F}", "\u{85}", "\u{AD}", "\u{034F}", "\u{20DD}", "\u{0E31}", "\u{093F}",
        "\u{200D}", "\u{FE0F}", "\u{200B}", "中", "文", "한", "\u{1112}\u{1161}\u{11AB}", "α", "Ω", "\u{2126}", "Ά", "ά", "Ж", "ع", "ह",
        "🇻🇳", "👍🏽", "👨‍👩‍👧", "😀", "𝔸", "Ａ", "ﬁ", "\u{1F3FD}", "Ⅻ", "٣", "ɑ", "ʰ", "\u{2028}", "\u{FFFD}",
    ]

    @Test("200,000 random strings of Vietnamese, stray marks, ASCII, Latin, other scripts and emoji")
    func randomStrings() {
        var random = SplitMix(seed: 0x5EED_C011)
        var fromTable = 0
        for round in 0..<200_000 {
            let kinds = round % 2 == 0 ? Self.latinKinds : Self.latinKinds + [Self.otherPieces]
            var text = ""
            for _ in 0..<Int.random(in: 0...10, using: &random) {
                text += kinds.randomElement(using: &random)!.randomElement(using: &random)!
            }
            let (key, reference) = (VietnameseCollation.sortKey(text), VietnameseCollation.referenceSortKey(text))
            #expect(key == reference, "\(text.unicodeScalars.map(\.value))")
            if key != reference { return }
            if VietnameseCollation.tableSortKey(text) != nil { fromTable += 1 }
        }
        #expect(fromTable > 50_000)  // the table, not only the reference, is what agrees
    }

    /// shared/ (the plans and unit list the reference data came from) when it sits beside the checkout.
    @Test("every line and field of the reference data, samples and test fixtures, and of shared/seeds")
    func realText() throws {
        let root = #filePath.components(separatedBy: "/Tests/")[0]
        var files: [String] = []
        for folder in ["Warehouse/reference", "Jobs", "Tests", "../shared/seeds", "../shared/data"] {
            let path = root + "/" + folder
            guard let walker = FileManager.default.enumerator(atPath: path) else { continue }
            for case let file as String in walker where [".csv", ".txt", ".swift", ".html", ".md"].contains(where: file.hasSuffix) {
                files.append(path + "/" + file)
            }
        }
        var texts = Set<String>()
        for file in files {
            let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: file)), as: UTF8.self)
            for line in text.split(whereSeparator: \.isNewline) {
                texts.insert(String(line))
                for field in line.split(separator: ",") { texts.insert(String(field)) }
            }
        }
        #expect(texts.count > 5_000)
        for text in texts {
            #expect(VietnameseCollation.sortKey(text) == VietnameseCollation.referenceSortKey(text), "\(text)")
        }
    }
}
