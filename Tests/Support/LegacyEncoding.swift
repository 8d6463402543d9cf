#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Writing test files the way old Windows offices do: real Vietnamese text encoded with glibc's iconv
/// (Windows-1258, TCVN) or with the VNI-Windows rules written out below, independently of the
/// decoder's table.
public enum Legacy {
    public struct EncodingFailed: Error, CustomStringConvertible {
        public var description: String
    }

    /// `text` in `encoding` (an iconv name such as "CP1258", "TCVN5712-1", "UTF-16LE").
    public static func iconv(_ text: String, to encoding: String) throws -> [UInt8] {
        guard let descriptor = iconv_open(encoding, "UTF-8"), Int(bitPattern: descriptor) != -1 else {
            throw EncodingFailed(description: "iconv cannot convert to \(encoding)")
        }
        defer { iconv_close(descriptor) }
        var input = Array(text.utf8)
        var output = [UInt8](repeating: 0, count: input.count * 4 + 16)
        let outputCount = output.count
        let left: Int = input.withUnsafeMutableBytes { inRaw in
            output.withUnsafeMutableBytes { outRaw in
                var inPointer = inRaw.baseAddress?.assumingMemoryBound(to: CChar.self)
                var inLeft = inRaw.count
                var outPointer = outRaw.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outLeft = outRaw.count
                if Glibc.iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft) == -1 { return -1 }
                _ = Glibc.iconv(descriptor, nil, nil, &outPointer, &outLeft)
                return outLeft
            }
        }
        guard left >= 0 else { throw EncodingFailed(description: "\"\(text)\" has characters \(encoding) cannot hold") }
        return Array(output[0..<(outputCount - left)])
    }

    public static func windows1258(_ text: String) throws -> [UInt8] { try iconv(text, to: "CP1258") }

    /// TCVN3 (ABC) has no capitals with tone marks; glibc's TCVN5712-1 (VN1) writes the letters ABC has
    /// with the same bytes.
    public static func tcvn3(_ text: String) throws -> [UInt8] { try iconv(text, to: "TCVN5712-1") }

    public static func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
        var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
        for unit in text.utf16 {
            let pair = [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            bytes += bigEndian ? pair.reversed() : pair
        }
        return bytes
    }

    /// VNI-Windows: the base letter, then one byte for its marks (lowercase and uppercase rows).
    public static func vni(_ text: String) throws -> [UInt8] {
        var bytes: [UInt8] = []
        for character in text.precomposedStringWithCanonicalMapping {
            if character.isASCII {
                bytes += character.utf8  // not asciiValue, which is LF for "\r\n"
                continue
            }
            let scalars = Array(String(character).decomposedStringWithCanonicalMapping.unicodeScalars)
            guard let base = scalars.first, base.isASCII || base == "đ" || base == "Đ" else {
                throw EncodingFailed(description: "\(character) is not a Vietnamese letter")
            }
            let upper = base.properties.isUppercase
            let marks = Set(scalars.dropFirst())
            let tones: [Unicode.Scalar] = ["\u{0301}", "\u{0300}", "\u{0309}", "\u{0303}", "\u{0323}"]
            let tone = tones.firstIndex { marks.contains($0) }.map { $0 + 1 } ?? 0
            let lowerBase = Character(base).lowercased()
            if base == "đ" || base == "Đ" { bytes.append(upper ? 0xD1 : 0xF1); continue }
            if lowerBase == "i", tone > 0 {
                bytes.append((upper ? [0xCD, 0xCC, 0xC6, 0xD3, 0xD2] : [0xED, 0xEC, 0xE6, 0xF3, 0xF2] as [UInt8])[tone - 1])
                continue
            }
            if lowerBase == "y", tone == 5 { bytes.append(upper ? 0xCE : 0xEE); continue }
            var row = 0
            if marks.contains("\u{031B}") {
                guard lowerBase == "o" || lowerBase == "u" else { throw EncodingFailed(description: "horn on \(base)") }
                bytes.append(lowerBase == "o" ? (upper ? 0xD4 : 0xF4) : (upper ? 0xD6 : 0xF6))
            } else {
                guard let ascii = base.properties.isASCIIHexDigit || base.isASCII ? UInt8(base.value) as UInt8? : nil else {
                    throw EncodingFailed(description: "\(base)")
                }
                bytes.append(ascii)
                if marks.contains("\u{0302}") { row = 1 }
                if marks.contains("\u{0306}") { row = 2 }
            }
            let lowerTable: [[UInt8]] = [[0, 0xF9, 0xF8, 0xFB, 0xF5, 0xEF], [0xE2, 0xE1, 0xE0, 0xE5, 0xE3, 0xE4], [0xEA, 0xE9, 0xE8, 0xFA, 0xFC, 0xEB]]
            let upperTable: [[UInt8]] = [[0, 0xD9, 0xD8, 0xDB, 0xD5, 0xCF], [0xC2, 0xC1, 0xC0, 0xC5, 0xC3, 0xC4], [0xCA, 0xC9, 0xC8, 0xDA, 0xDC, 0xCB]]
            let mark = (upper ? upperTable : lowerTable)[row][tone]
            if mark != 0 { bytes.append(mark) }
        }
        return bytes
    }
}
