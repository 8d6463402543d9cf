import Foundation

/// Header cells compared the forgiving way clerks write them: case, accents, spaces and
/// punctuation ignored; the Vietnamese aliases of the brief mapped to the canonical names.
enum HeaderName {
    static let aliases: [String: String] = [
        "ma_don_vi": "unit_code", "ky_bao_cao": "period", "ma_chi_tieu": "indicator_code",
        "gia_tri": "value", "tu_so": "numerator", "mau_so": "denominator", "ghi_chu": "note",
    ]

    /// `"Mã đơn vị"` → `"ma_don_vi"` → `"unit_code"`.
    static func canonical(_ raw: String) -> String {
        // Already a key (`unit_code`, as most files write it): `key` would return it unchanged.
        let folded = isKey(raw) ? raw : key(raw)
        return aliases[folded] ?? folded
    }

    /// Lowercase ASCII letters and digits in runs joined by single `_`s: what `key` returns unchanged.
    static func isKey(_ raw: String) -> Bool {
        var previous: UInt8 = UInt8(ascii: "_")
        for byte in raw.utf8 {
            let alphanumeric = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            guard alphanumeric || (byte == UInt8(ascii: "_") && previous != UInt8(ascii: "_")) else { return false }
            previous = byte
        }
        return previous != UInt8(ascii: "_")
    }

    /// Lowercase ASCII letters and digits, runs of anything else as one `_`.
    static func key(_ raw: String) -> String {
        let stripped = raw.replacingOccurrences(of: "\u{FEFF}", with: "")
            .replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
            .folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
            .lowercased()
        var result = ""
        var pendingUnderscore = false
        for scalar in stripped.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingUnderscore, !result.isEmpty { result.append("_") }
                pendingUnderscore = false
                result.unicodeScalars.append(scalar)
            } else {
                pendingUnderscore = true
            }
        }
        return result
    }
}
