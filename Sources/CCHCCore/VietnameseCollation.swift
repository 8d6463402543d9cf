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
    static let letterMarks: Set<Unicode.Scalar> = ["\u{0306}", "\u{0302}", "\u{031B}"]

    /// The key of `text`: primary letter weights, then `!`, tone weights, then `!`, case flags.
    public static func sortKey(_ text: String) -> String {
        var primary = ""
        var tonesPart = ""
        var casePart = ""
        for character in text.decomposedStringWithCanonicalMapping {
            let scalars = Array(character.unicodeScalars)
            guard let base = scalars.first else { continue }
            let lowerBase = String(base).lowercased()
            casePart += String(base).lowercased() == String(base) ? "0" : "1"
            var letter = lowerBase
            var tone = 0
            for mark in scalars.dropFirst() {
                if letterMarks.contains(mark) { letter.unicodeScalars.append(mark) }
                if let t = tones[mark] { tone = t }
            }
            letter = letter.precomposedStringWithCanonicalMapping
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
            primary += weight < 10 ? "0\(weight)" : "\(weight)"
            tonesPart += String(tone)
        }
        return primary + "!" + tonesPart + "!" + casePart
    }

    /// Whether `a` sorts before `b` in Vietnamese order (ties broken by plain code-point order).
    public static func precedes(_ a: String, _ b: String) -> Bool {
        let (ka, kb) = (sortKey(a), sortKey(b))
        return ka != kb ? ka < kb : a < b
    }
}
