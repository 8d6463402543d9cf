/// The encodings a submission may arrive in (BRIEF §3.2), each converted to UTF-8 before parsing.
/// The raw value is what `etl_file.encoding` records.
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case utf8WithBOM = "utf-8-bom"
    case utf16LE = "utf-16le"
    case utf16BE = "utf-16be"
    /// Windows-1258: Latin letters plus combining tone marks (decomposed Vietnamese).
    case windows1258 = "windows-1258"
    /// TCVN 5712:1993 VN3, "ABC", the `.VnTime` fonts: one byte per precomposed lowercase letter.
    case tcvn3 = "tcvn3"
    /// VNI-Windows, the `VNI-Times` fonts: a Latin letter followed by a byte drawing its marks.
    case vniWindows = "vni-windows"

    /// The 8-bit encodings told apart by Vietnamese letter statistics.
    public static let legacy: [TextEncoding] = [.windows1258, .tcvn3, .vniWindows]

    /// How people name it, for messages.
    public var displayName: String {
        switch self {
        case .utf8: "UTF-8"
        case .utf8WithBOM: "UTF-8 (BOM)"
        case .utf16LE: "UTF-16LE"
        case .utf16BE: "UTF-16BE"
        case .windows1258: "Windows-1258"
        case .tcvn3: "TCVN3 (ABC)"
        case .vniWindows: "VNI-Windows"
        }
    }

    /// Bytes of byte-order mark the file starts with, skipped before conversion.
    var byteOrderMarkLength: Int {
        switch self {
        case .utf8WithBOM: 3
        case .utf16LE, .utf16BE: 2
        default: 0
        }
    }

    /// A converter to UTF-8; nil when the bytes are UTF-8 already.
    func makeTranscoder() throws(IngestError) -> (any Transcoder)? {
        switch self {
        case .utf8, .utf8WithBOM: nil
        case .utf16LE: try IconvTranscoder(from: "UTF-16LE", encoding: self)
        case .utf16BE: try IconvTranscoder(from: "UTF-16BE", encoding: self)
        case .windows1258: try IconvTranscoder(from: "CP1258", encoding: self)
        // glibc's TCVN5712-1 is VN1, a superset of VN3 (ABC): the same bytes for every letter ABC has.
        case .tcvn3: try IconvTranscoder(from: "TCVN5712-1", encoding: self)
        // glibc has no VNI codec.
        case .vniWindows: VNITranscoder()
        }
    }
}

/// Converts a byte stream in one encoding to UTF-8, a chunk at a time; state (a half-read character,
/// a base letter waiting for its tone mark) carries over between chunks.
protocol Transcoder: AnyObject {
    /// The UTF-8 bytes for `input`, as far as they are complete.
    func feed(_ input: UnsafeRawBufferPointer) throws(IngestError) -> [UInt8]
    /// The UTF-8 bytes still held back at the end of the input; throws when a character is cut off.
    func finish() throws(IngestError) -> [UInt8]
    /// Forgets everything fed so far, as if new.
    func reset()
}

extension Transcoder {
    /// The whole of `bytes` converted, for short samples such as one word.
    /// Each call starts afresh: a word that failed midway must not leave state (a held-back byte, a
    /// base letter waiting for its tone mark) for the next word, or a vote over a set of words would
    /// depend on the set's order, which changes from run to run.
    func decode(_ bytes: [UInt8]) -> String? {
        reset()
        defer { reset() }
        guard let head = try? bytes.withUnsafeBytes({ raw in Result { () throws(IngestError) in try feed(raw) } }).get(),
              let tail = try? finish() else { return nil }
        return String(validating: head + tail, as: UTF8.self)
    }
}
