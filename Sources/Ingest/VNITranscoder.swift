/// VNI-Windows to UTF-8. glibc has no VNI codec, so the table is ours.
///
/// VNI fonts reuse the Windows-1252 code points: a vowel is written as its Latin base letter followed
/// by one byte that the font draws as the marks (`Vieät` is "Việt": `e` + 0xE4 = circumflex and dot
/// below). Those bytes become combining marks here; the reader's NFC normalisation then composes
/// them with their base. A few letters have a byte of their own (`ñ` đ, `ô` ơ, `ö` ư, `í` í, `ò` ị…).
/// Every other byte is Windows-1252.
final class VNITranscoder: Transcoder {
    /// The UTF-8 bytes of each byte.
    private static let utf8Table: [[UInt8]] = table.map { scalars in
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars)
        return Array(text.utf8)
    }

    private static let table: [[Unicode.Scalar]] = {
        var table = (0..<256).map { byte -> [Unicode.Scalar] in [Unicode.Scalar(UInt8(byte))] }
        for (offset, value) in windows1252High.enumerated() where value != 0 {
            if let scalar = Unicode.Scalar(value) { table[0x80 + offset] = [scalar] }
        }
        let acute: Unicode.Scalar = "\u{0301}", grave: Unicode.Scalar = "\u{0300}", hook: Unicode.Scalar = "\u{0309}"
        let tilde: Unicode.Scalar = "\u{0303}", dot: Unicode.Scalar = "\u{0323}"
        let circumflex: Unicode.Scalar = "\u{0302}", breve: Unicode.Scalar = "\u{0306}"
        // Lowercase and uppercase forms of each mark byte: (lower, upper, marks).
        let marks: [(UInt8, UInt8, [Unicode.Scalar])] = [
            (0xF9, 0xD9, [acute]), (0xF8, 0xD8, [grave]), (0xFB, 0xDB, [hook]), (0xF5, 0xD5, [tilde]), (0xEF, 0xCF, [dot]),
            (0xE2, 0xC2, [circumflex]), (0xE1, 0xC1, [circumflex, acute]), (0xE0, 0xC0, [circumflex, grave]),
            (0xE5, 0xC5, [circumflex, hook]), (0xE3, 0xC3, [circumflex, tilde]), (0xE4, 0xC4, [circumflex, dot]),
            (0xEA, 0xCA, [breve]), (0xE9, 0xC9, [breve, acute]), (0xE8, 0xC8, [breve, grave]),
            (0xFA, 0xDA, [breve, hook]), (0xFC, 0xDC, [breve, tilde]), (0xEB, 0xCB, [breve, dot]),
        ]
        for (lower, upper, scalars) in marks {
            table[Int(lower)] = scalars
            table[Int(upper)] = scalars
        }
        let letters: [(UInt8, UInt8, Unicode.Scalar, Unicode.Scalar)] = [
            (0xF4, 0xD4, "ơ", "Ơ"), (0xF6, 0xD6, "ư", "Ư"), (0xF1, 0xD1, "đ", "Đ"),
            (0xED, 0xCD, "í", "Í"), (0xEC, 0xCC, "ì", "Ì"), (0xE6, 0xC6, "ỉ", "Ỉ"), (0xF3, 0xD3, "ĩ", "Ĩ"),
            (0xF2, 0xD2, "ị", "Ị"), (0xEE, 0xCE, "ỵ", "Ỵ"),
        ]
        for (lower, upper, small, capital) in letters {
            table[Int(lower)] = [small]
            table[Int(upper)] = [capital]
        }
        return table
    }()

    /// Windows-1252 0x80–0x9F (0 where it has no character: those bytes stay as C1 code points).
    private static let windows1252High: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    func feed(_ input: UnsafeRawBufferPointer) throws(IngestError) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count + input.count / 2)
        for byte in input {
            if byte < 0x80 {
                output.append(byte)
                continue
            }
            output.append(contentsOf: Self.utf8Table[Int(byte)])
        }
        return output
    }

    func finish() throws(IngestError) -> [UInt8] { [] }

    func reset() {}  // byte by byte: nothing is held
}
