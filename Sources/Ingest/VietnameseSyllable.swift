import Foundation

/// Whether a word is a well-formed Vietnamese syllable: the evidence the encoding detector weighs.
///
/// A syllable is an onset (`ngh`, `tr`, `qu`, … or none), a vowel nucleus from the language's short
/// list (`a`, `uô`, `ươi`, …), a coda (`c`, `ch`, `m`, `n`, `ng`, `nh`, `p`, `t` or none), at most one
/// tone mark, and only the diacritics Vietnamese puts on its vowels (â ê ô, ă, ơ ư). Text decoded
/// with the wrong legacy table turns into letters such as `ä`, `µ`, `Ö` or impossible vowel runs
/// (`aê`, `iư`), which fail here.
enum VietnameseSyllable {
    static let onsets: [String] = [
        "ngh", "ng", "gh", "gi", "kh", "nh", "ph", "th", "tr", "ch", "qu",
        "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
    ]
    static let codas: Set<String> = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"]
    static let nuclei: Set<String> = [
        "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
        "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "oo", "ôi", "ơi",
        "ua", "uâ", "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi", "ươ", "ưu", "yê",
        "iêu", "oai", "oay", "oeo", "uây", "uôi", "ươi", "ươu", "uya", "uyê", "uyu", "yêu", "oao",
    ]

    /// `word` is a run of letters (any case, NFC or NFD).
    static func isValid(_ word: String) -> Bool {
        guard let letters = skeleton(word.lowercased()) else { return false }
        for onset in onsets where letters.hasPrefix(onset) {
            let rest = letters.dropFirst(onset.count)
            let vowels = rest.prefix { isVowel($0) }
            let coda = String(rest.dropFirst(vowels.count))
            // Every onset that fits is tried: "giờ" is gi + ơ, "gìn" is g + in.
            if !vowels.isEmpty, nuclei.contains(String(vowels)), codas.contains(coda) { return true }
        }
        return false
    }

    /// The word with its tone mark removed, as precomposed Vietnamese letters; nil when it has more
    /// than one tone, a tone on a consonant, or a letter or diacritic Vietnamese does not use.
    static func skeleton(_ word: String) -> String? {
        var result: [Character] = []
        var tones = 0
        var base: Unicode.Scalar?
        var mark: Unicode.Scalar?
        func flush() -> Bool {
            guard let b = base else { return mark == nil }
            let letter: Character?
            switch (b, mark) {
            case (_, nil): letter = Character(b)
            case ("a", "\u{0302}"): letter = "â"
            case ("e", "\u{0302}"): letter = "ê"
            case ("o", "\u{0302}"): letter = "ô"
            case ("a", "\u{0306}"): letter = "ă"
            case ("o", "\u{031B}"): letter = "ơ"
            case ("u", "\u{031B}"): letter = "ư"
            default: letter = nil
            }
            guard let letter, letter == "đ" || ("a"..."z").contains(letter) || "âêôăơư".contains(letter) else { return false }
            result.append(letter)
            base = nil
            mark = nil
            return true
        }
        for scalar in decomposed(word) {
            switch scalar {
            case "\u{0300}", "\u{0301}", "\u{0303}", "\u{0309}", "\u{0323}":
                tones += 1
                guard tones == 1, let b = base, isVowel(Character(b)) else { return nil }
            case "\u{0302}", "\u{0306}", "\u{031B}":
                guard base != nil, mark == nil else { return nil }
                mark = scalar
            default:
                guard flush() else { return nil }
                base = scalar
            }
        }
        guard flush(), !result.isEmpty else { return nil }
        return String(result)
    }

    /// Canonical decomposition (NFD); đ has none and stays whole.
    static func decomposed(_ word: String) -> String.UnicodeScalarView {
        word.decomposedStringWithCanonicalMapping.unicodeScalars
    }

    static func isVowel(_ c: Character) -> Bool {
        "aăâeêioôơuưy".contains(c)
    }
}
