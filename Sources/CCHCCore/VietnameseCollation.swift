import Foundation

/// Vietnamese alphabetical order (a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y),
/// letters first, then tones (none, huyền, hỏi, ngã, sắc, nặng), then case.
///
/// `sortKey` turns a name into ASCII text whose plain byte order is that order, so the warehouse
/// can store it and the stock `sqlite3` CLI can `ORDER BY` it without a custom collation.
public enum VietnameseCollation {
    static let alphabet: [String] = [
        "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "ô", "ơ",
        "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
    ]
    static let letterWeights: [String: Int] = Dictionary(uniqueKeysWithValues: alphabet.enumerated().map { ($1, $0 + 20) })
    /// Combining tone marks in dictionary order: huyền, hỏi, ngã, sắc, nặng.
    static let tones: [Unicode.Scalar: Int] = ["\u{0300}": 1, "\u{0309}": 2, "\u{0303}": 3, "\u{0301}": 4, "\u{0323}": 5]
    /// Combining marks that make a distinct letter: breve (ă), circumflex (â ê ô), horn (ơ ư).
    static let letterMarks: [Unicode.Scalar] = ["\u{0306}", "\u{0302}", "\u{031B}"]

    /// The key of `text`: primary letter weights, then `!`, tone weights, then `!`, case flags.
    ///
    /// Text of ASCII, Latin letters and combining diacritics is keyed scalar by scalar (`ScalarTable`,
    /// ~2,000 instructions a name); anything else by `referenceSortKey`, the definition, whose
    /// Foundation NFD and grapheme breaking cost ~44,000 for each of a country's 3,400 names at every
    /// run (issue 7). Both give the same bytes: the tests compare them on every Vietnamese letter,
    /// 200,000 random strings and the repository's text.
    public static func sortKey(_ text: String) -> String {
        tableSortKey(text) ?? referenceSortKey(text)
    }

    /// The key read from `ScalarTable`, nil for text it leaves to the reference.
    static func tableSortKey(_ text: String) -> String? {
        ScalarTable.shared.withLock { $0.sortKey(text) }
    }

    /// The key by definition: each character of the canonical decomposition (NFD) weighed alone.
    static func referenceSortKey(_ text: String) -> String {
        var primary: [UInt8] = []
        var tonesPart: [UInt8] = []
        var casePart: [UInt8] = []
        for character in text.decomposedStringWithCanonicalMapping {
            guard let (weight, tone, isLower) = weights(of: character.unicodeScalars) else { continue }
            casePart.append(isLower ? UInt8(ascii: "0") : UInt8(ascii: "1"))
            primary.append(UInt8(ascii: "0") + UInt8(weight / 10))
            primary.append(UInt8(ascii: "0") + UInt8(weight % 10))
            tonesPart.append(UInt8(ascii: "0") + UInt8(tone))
        }
        return String(decoding: primary + [UInt8(ascii: "!")] + tonesPart + [UInt8(ascii: "!")] + casePart, as: UTF8.self)
    }

    /// The weights of one decomposed character: its base scalar, then its combining marks.
    static func weights(of scalars: String.UnicodeScalarView) -> (weight: Int, tone: Int, isLower: Bool)? {
        guard let base = scalars.first else { return nil }
        var tone = 0
        var hasLetterMark = false
        for mark in scalars.dropFirst() {
            if letterMarks.contains(mark) { hasLetterMark = true }
            if let t = tones[mark] { tone = t }
        }
        if base.isASCII && !hasLetterMark {
            let byte = UInt8(base.value)
            let isLower = !(UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            return (asciiWeight(isLower ? byte : byte + 32), tone, isLower)
        }
        let (weight, isLower) = generalWeight(base: base, scalars: scalars)
        return (weight, tone, isLower)
    }

    /// The weight of a lowercase ASCII character standing alone: its letter, digit, space or other.
    static func asciiWeight(_ byte: UInt8) -> Int {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): letterWeights[String(UnicodeScalar(byte))] ?? 2
        case UInt8(ascii: "0")...UInt8(ascii: "9"): 10 + Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: " "): 1
        default: 2
        }
    }

    /// The weight of any other character (`base` and its combining marks) and whether its base is lowercase.
    static func generalWeight(base: Unicode.Scalar, scalars: String.UnicodeScalarView) -> (weight: Int, isLower: Bool) {
        let lowerBase = String(base).lowercased()
        var letter = lowerBase
        for mark in scalars.dropFirst() where letterMarks.contains(mark) { letter.unicodeScalars.append(mark) }
        if letter.unicodeScalars.count > 1 { letter = letter.precomposedStringWithCanonicalMapping }
        let weight: Int
        if let w = letterWeights[letter] {
            weight = w
        } else if let digit = base.properties.numericType != nil ? Int(String(base)) : nil, (0...9).contains(digit) {
            weight = 10 + digit
        } else if base == " " {
            weight = 1
        } else {
            weight = 2
        }
        return (weight, lowerBase == String(base))
    }

    /// Whether `a` sorts before `b` in Vietnamese order (ties broken by plain code-point order).
    public static func precedes(_ a: String, _ b: String) -> Bool {
        let (ka, kb) = (sortKey(a), sortKey(b))
        return ka != kb ? ka < kb : a < b
    }
}
