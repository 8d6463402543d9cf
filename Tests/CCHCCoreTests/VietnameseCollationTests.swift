import CCHCCore
import Testing

@Suite("Vietnamese alphabetical order")
struct VietnameseCollationTests {
    @Test("letters in the Vietnamese alphabet order: a ă â b c d đ e ê … o ô ơ … u ư")
    func alphabet() {
        let shuffled = ["ư", "u", "ơ", "ô", "o", "đ", "d", "ê", "e", "â", "ă", "a", "y", "b"]
        #expect(shuffled.sorted(by: VietnameseCollation.precedes) == ["a", "ă", "â", "b", "d", "đ", "e", "ê", "o", "ô", "ơ", "u", "ư", "y"])
    }

    @Test("commune names: Đ after D, Ơ after Ô, tones only break ties")
    func names() {
        let names = ["Xã Đoàn Kết", "Xã Dế Xu Phình", "Phường Tô Hiệu", "Xã Chiềng Ơn", "Xã Chiềng On", "Xã Chiềng Ôn",
                     "Xã Bản Bo", "Xã Ba Chẽ", "Xã Bá Thước", "Xã Bà Rịa"]
        #expect(names.sorted(by: VietnameseCollation.precedes) == [
            "Phường Tô Hiệu", "Xã Ba Chẽ", "Xã Bà Rịa", "Xã Bá Thước", "Xã Bản Bo", "Xã Chiềng On", "Xã Chiềng Ôn",
            "Xã Chiềng Ơn", "Xã Dế Xu Phình", "Xã Đoàn Kết",
        ])
    }

    @Test("NFC and NFD spellings of a name get the same key")
    func normalisation() {
        let nfc = "Xã Mường É"
        let nfd = nfc.decomposedStringWithCanonicalMapping
        #expect(nfc.unicodeScalars.count != nfd.unicodeScalars.count)
        #expect(VietnameseCollation.sortKey(nfc) == VietnameseCollation.sortKey(nfd))
    }

    @Test("a shorter name sorts before its extensions; case only breaks ties")
    func prefixesAndCase() {
        #expect(VietnameseCollation.precedes("An", "An Bình"))
        #expect(VietnameseCollation.precedes("an", "An"))
        #expect(VietnameseCollation.precedes("Bản 2", "Bản 10") == false)  // digits compare one by one
    }
}

import Foundation
