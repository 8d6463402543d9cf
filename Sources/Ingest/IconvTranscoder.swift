#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CCHCCore

/// A conversion to UTF-8 by the C library's iconv: one owner of one `iconv_t` (`iconv_open` in
/// `init`, `iconv_close` in `deinit`). Not `Sendable`: a descriptor holds conversion state.
final class IconvTranscoder: Transcoder {
    private let descriptor: iconv_t
    private let encoding: TextEncoding
    /// Bytes of a character cut by the end of the previous chunk (`EINVAL`), prepended to the next.
    private var pending: [UInt8] = []
    private var consumed = 0

    init(from source: String, encoding: TextEncoding) throws(IngestError) {
        let descriptor = iconv_open("UTF-8", source)
        guard let descriptor, Int(bitPattern: descriptor) != -1 else {
            throw IngestError(code: .unreadableEncoding,
                              message: "this system's iconv cannot convert \(encoding.displayName) (\(source))",
                              messageVi: "máy chủ không chuyển đổi được bảng mã \(encoding.displayName)")
        }
        self.descriptor = descriptor
        self.encoding = encoding
    }

    deinit {
        iconv_close(descriptor)
    }

    func feed(_ input: UnsafeRawBufferPointer) throws(IngestError) -> [UInt8] {
        var bytes = pending
        bytes.append(contentsOf: input)
        pending = []
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 2 + 16)
        let left = try bytes.withUnsafeMutableBytes { raw in
            Result { () throws(IngestError) in try convert(raw, into: &output) }
        }.get()
        consumed += bytes.count - left
        if left > 0 { pending = Array(bytes.suffix(left)) }
        return output
    }

    func finish() throws(IngestError) -> [UInt8] {
        defer { pending = [] }
        if !pending.isEmpty { throw invalid() }
        // A stateful converter (CP1258, TCVN) may still hold a base letter waiting for a tone mark.
        var output: [UInt8] = []
        try flush(into: &output)
        return output
    }

    func reset() {
        pending = []
        consumed = 0
        _ = iconv(descriptor, nil, nil, nil, nil)  // back to the initial conversion state
    }

    /// `iconv(3)` over `input` until it is used up or ends in a cut character; returns the bytes left.
    private func convert(_ input: UnsafeMutableRawBufferPointer, into output: inout [UInt8]) throws(IngestError) -> Int {
        guard let base = input.baseAddress else { return 0 }
        var inPointer: UnsafeMutablePointer<CChar>? = base.assumingMemoryBound(to: CChar.self)
        var inLeft = input.count
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while inLeft > 0 {
            let (result, error, produced) = buffer.withUnsafeMutableBytes { out in
                var outPointer: UnsafeMutablePointer<CChar>? = out.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outLeft = out.count
                let result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                return (result, errno, out.count - outLeft)
            }
            output.append(contentsOf: buffer[0..<produced])
            if result != -1 { break }
            switch error {
            case E2BIG: continue
            case EINVAL: return inLeft
            default:
                consumed += input.count - inLeft
                throw invalid()
            }
        }
        return inLeft
    }

    private func flush(into output: inout [UInt8]) throws(IngestError) {
        var buffer = [UInt8](repeating: 0, count: 64)
        let produced = buffer.withUnsafeMutableBytes { out -> Int in
            var outPointer: UnsafeMutablePointer<CChar>? = out.baseAddress?.assumingMemoryBound(to: CChar.self)
            var outLeft = out.count
            _ = iconv(descriptor, nil, nil, &outPointer, &outLeft)
            return out.count - outLeft
        }
        output.append(contentsOf: buffer[0..<produced])
    }

    private func invalid() -> IngestError {
        IngestError(
            code: .unreadableEncoding,
            message: "byte \(consumed + 1) is not valid \(encoding.displayName); expected text in one encoding (save it from Excel as \"CSV UTF-8\")",
            messageVi: "byte thứ \(consumed + 1) không hợp lệ trong bảng mã \(encoding.displayName); cần lưu tệp từ Excel dạng \"CSV UTF-8\"")
    }
}
