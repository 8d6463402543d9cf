import Testing
import CCHCCore
import TestSupport
@testable import Ingest

@Suite("SHA256")
struct SHA256Tests {
    static func hex(_ bytes: [UInt8], hardware: Bool = SHA256.hardwareAvailable) -> String {
        var hasher = SHA256(hardware: hardware)
        hasher.update(bytes)
        return hasher.finalizeHex()
    }

    /// Both implementations where the CPU has the SHA instructions, the portable one alone otherwise.
    static let implementations = SHA256.hardwareAvailable ? [false, true] : [false]

    @Test("FIPS 180-4 and NIST example vectors", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func vectors(message: String, digest: String) {
        for hardware in Self.implementations {
            #expect(Self.hex(Array(message.utf8), hardware: hardware) == digest, "hardware: \(hardware)")
        }
    }

    @Test("lengths around the padding boundary", arguments: [
        (55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        (56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
        (63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"),
        (64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
        (65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"),
    ])
    func paddingBoundary(count: Int, digest: String) {
        for hardware in Self.implementations {
            #expect(Self.hex(Array(repeating: UInt8(ascii: "a"), count: count), hardware: hardware) == digest, "hardware: \(hardware)")
        }
    }

    @Test("one million times \"a\"")
    func millionA() {
        let digest = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        for hardware in Self.implementations {
            #expect(Self.hex(Array(repeating: UInt8(ascii: "a"), count: 1_000_000), hardware: hardware) == digest)
        }
        // The same fed in 1000 pieces of 1000 bytes.
        var hasher = SHA256()
        let piece = Array(repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { hasher.update(piece) }
        #expect(hasher.finalizeHex() == digest)
    }

    @Test("odd-sized pieces give the digest of all at once", arguments: [1, 3, 7, 55, 63, 64, 65, 100, 127, 129, 999])
    func pieces(size: Int) {
        let data = (0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 / 7) }
        var hasher = SHA256()
        var start = 0
        while start < data.count {
            let end = min(start + size, data.count)
            hasher.update(Array(data[start..<end]))
            start = end
        }
        #expect(hasher.finalizeHex() == Self.hex(data))
    }

    @Test("irregular pieces, including empty ones, give the digest of all at once")
    func irregularPieces() {
        let message = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        var hasher = SHA256()
        var start = 0
        for size in [0, 1, 0, 2, 5, 13, 0, 21, 100] where start < message.count {
            let end = min(start + size, message.count)
            hasher.update(Array(message[start..<end]))
            start = end
        }
        #expect(start == message.count)
        #expect(hasher.finalizeHex() == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test("the SHA instructions and the portable code agree on random messages fed in random pieces",
          .enabled(if: SHA256.hardwareAvailable, "this CPU has no SHA instructions"))
    func hardwareMatchesPortable() {
        var generator = SplitMix(seed: 20261201)
        for _ in 0..<300 {
            let count = Int.random(in: 0...5000, using: &generator)
            let message = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            var hardware = SHA256(hardware: true)
            var start = 0
            while start < message.count {
                let end = min(message.count, start + Int.random(in: 0...300, using: &generator))
                hardware.update(Array(message[start..<end]))
                start = end
            }
            #expect(hardware.finalizeHex() == Self.hex(message, hardware: false), "\(count) bytes")
        }
    }

    @Test("FileChunks.digest hashes a file across chunk boundaries")
    func fileDigest() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/a.bin"
            let bytes = Array(repeating: UInt8(ascii: "a"), count: 1_000_000)
            try writeFile(bytes, to: path)
            let (sha256, size) = try FileChunks.digest(path: path)
            #expect(sha256 == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
            #expect(size == 1_000_000)
        }
    }

    @Test("FileChunks.digest of a missing file is an unreadable-file error")
    func missingFile() throws {
        try withTemporaryDirectory { dir in
            let error = ingestError { _ = try FileChunks.digest(path: dir + "/nope.csv") }
            #expect(error?.code == .unreadableFile)
            #expect(error?.location == InputLocation(path: dir + "/nope.csv"))
        }
    }
}
