import CCHCCore
import Foundation

/// Tells which encoding a submission is in, reading as little as it needs (constant memory):
/// a byte-order mark decides at once; otherwise bytes that are all valid UTF-8 are UTF-8; otherwise the
/// file is one of the 8-bit Vietnamese encodings, and the one whose decoding of the file's words gives
/// well-formed Vietnamese syllables wins — when it wins clearly. When it does not, the file is
/// refused with the candidates named: a guess would silently alter what the commune sent.
public struct EncodingDetector {
    /// Distinct words weighed at most.
    static let sampleLimit = 400
    /// Valid multi-byte UTF-8 sequences after which the file is taken to be UTF-8.
    static let utf8Evidence = 64
    /// Valid multi-byte UTF-8 sequences before a bad byte that make the file damaged UTF-8, not 8-bit.
    static let damagedUTF8Evidence = 16

    private var head: [UInt8] = []
    private var byteOrderMark: TextEncoding?
    private var utf8 = UTF8Check()
    private var word: [UInt8] = []
    private var wordHasHighByte = false
    private(set) var words: Set<[UInt8]> = []

    public init() {}

    /// Whether more bytes would change nothing.
    public var isDecided: Bool {
        // Not in the middle of a character: a chunk may end inside one, and `finish` would then
        // take the cut for a malformed sequence (a >64 KiB UTF-8 file refused as 8-bit).
        byteOrderMark != nil || (!utf8.isInvalid && !utf8.isMidSequence && utf8.sequences >= Self.utf8Evidence)
            || (utf8.isInvalid && words.count >= Self.sampleLimit)
    }

    public mutating func feed(_ chunk: UnsafeRawBufferPointer) {
        if head.count < 3 {
            head += chunk.prefix(3 - head.count)
            checkByteOrderMark(final: false)
        }
        for byte in chunk {
            utf8.feed(byte)
            if byte >= 0x80 || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) {
                word.append(byte)
                wordHasHighByte = wordHasHighByte || byte >= 0x80
            } else if !word.isEmpty {
                endWord()
            }
        }
    }

    /// The encoding of everything fed; throws `unreadable_encoding` when no encoding fits clearly.
    public mutating func finish() throws(IngestError) -> TextEncoding {
        checkByteOrderMark(final: true)
        if let byteOrderMark { return byteOrderMark }
        utf8.finish()
        // Valid UTF-8, or UTF-8 with a damaged byte after plenty of good characters (the reader then
        // reports it as not valid UTF-8, which says more than "no 8-bit encoding fits").
        if !utf8.isInvalid || utf8.sequences >= Self.damagedUTF8Evidence { return .utf8 }
        if !word.isEmpty { endWord() }
        return try EncodingVote(words: words).winner()
    }

    /// `.utf8` when `bytes` are well-formed UTF-8 (RFC 3629, as `UTF8Check`) and start with no
    /// byte-order mark: what `feed` and `finish` conclude for them, without collecting words for an
    /// 8-bit vote that cannot happen (the collecting cost more than hashing the file, issue 7). Nil
    /// otherwise: ask `feed` and `finish`.
    public static func wellFormedUTF8(_ bytes: [UInt8]) -> TextEncoding? {
        bytes.withUnsafeBufferPointer { bytes in
            // Most files are ASCII: one pass over their bytes, without making a `String` of them (issue 7).
            var high: UInt8 = 0
            for byte in bytes { high |= byte }
            if high < 0x80 { return .utf8 }
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return nil }
            return String(validating: bytes, as: UTF8.self) != nil ? .utf8 : nil
        }
    }

    /// Reads the file at `path` until the encoding is clear.
    public static func detect(path: String) throws -> TextEncoding {
        try detect(source: .file(path: path))
    }

    /// Reads the source's chunks until the encoding is clear.
    public static func detect(source: ByteSource) throws -> TextEncoding {
        let path = source.path
        var detector = EncodingDetector()
        struct Enough: Error {}
        do {
            try source.forEachChunk { chunk in
                detector.feed(chunk)
                if detector.isDecided { throw Enough() }
            }
        } catch is Enough {}
        do {
            return try detector.finish()
        } catch var error {
            error.location = InputLocation(path: path)
            throw error
        }
    }

    private mutating func checkByteOrderMark(final: Bool) {
        guard byteOrderMark == nil else { return }
        if head.starts(with: [0xFF, 0xFE]) { byteOrderMark = .utf16LE }
        else if head.starts(with: [0xFE, 0xFF]) { byteOrderMark = .utf16BE }
        else if head.starts(with: [0xEF, 0xBB, 0xBF]) { byteOrderMark = .utf8WithBOM }
    }

    private mutating func endWord() {
        if wordHasHighByte, word.count <= 40, words.count < Self.sampleLimit { words.insert(word) }
        word.removeAll(keepingCapacity: true)
        wordHasHighByte = false
    }
}

/// A UTF-8 well-formedness check one byte at a time (RFC 3629: no overlongs, surrogates or values
/// above U+10FFFF).
struct UTF8Check {
    private var needed = 0
    private var lower: UInt8 = 0x80
    private var upper: UInt8 = 0xBF
    private(set) var isInvalid = false
    private(set) var sequences = 0
    /// Whether the bytes so far end inside a multi-byte sequence.
    var isMidSequence: Bool { needed > 0 }

    mutating func feed(_ byte: UInt8) {
        guard !isInvalid else { return }
        if needed > 0 {
            guard byte >= lower, byte <= upper else { isInvalid = true; return }
            needed -= 1
            lower = 0x80
            upper = 0xBF
            if needed == 0 { sequences += 1 }
            return
        }
        switch byte {
        case 0x00...0x7F: return
        case 0xC2...0xDF: needed = 1
        case 0xE0: needed = 2; lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: needed = 2
        case 0xED: needed = 2; upper = 0x9F
        case 0xF0: needed = 3; lower = 0x90
        case 0xF1...0xF3: needed = 3
        case 0xF4: needed = 3; upper = 0x8F
        default: isInvalid = true
        }
    }

    mutating func finish() {
        if needed > 0 { isInvalid = true }
    }
}
