/// A rounded number (an integer count of 10^-places, from `Rounding.scaled`) as text, digits put
/// right to left into a buffer on the stack: no allocation, and the result fits Swift's inline
/// small string. The reports print a few hundred thousand numbers per batch (issue 7).
enum DecimalText {
    /// `scaled` / 10^places with `mark` before the decimals and, when given, `thousands` between
    /// groups of three digits: `-1.234,56`, `1234.5`. With `droppingTrailingZeros`, `2,50` is `2,5`
    /// and `3,00` is `3`. A minus sign only for a non-zero value.
    static func make(_ scaled: Int64, places: Int, droppingTrailingZeros: Bool, mark: UInt8, thousands: UInt8?) -> String {
        withBytes(scaled, places: places, droppingTrailingZeros: droppingTrailingZeros, mark: mark, thousands: thousands) {
            String(decoding: $0, as: UTF8.self)
        }
    }

    /// `make`'s text as UTF-8 bytes handed to `body`, valid only inside it: the writers copy them
    /// straight into their buffers, without a `String` between.
    @inline(__always)
    static func withBytes<R>(_ scaled: Int64, places: Int, droppingTrailingZeros: Bool, mark: UInt8, thousands: UInt8?,
                             _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        // 20 digits, 6 thousands separators, sign, mark and the decimals.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32 + places) { buffer in
            var start = buffer.count
            func put(_ byte: UInt8) {
                start -= 1
                buffer[start] = byte
            }
            var unit: UInt64 = 1
            for _ in 0..<places { unit *= 10 }
            var whole = scaled.magnitude / unit, fraction = scaled.magnitude % unit
            var decimals = places
            if droppingTrailingZeros {
                while decimals > 0, fraction % 10 == 0 {
                    fraction /= 10
                    decimals -= 1
                }
            }
            if decimals > 0 {
                for _ in 0..<decimals {
                    put(UInt8(ascii: "0") + UInt8(fraction % 10))
                    fraction /= 10
                }
                put(mark)
            }
            var digits = 0
            repeat {
                if let thousands, digits > 0, digits % 3 == 0 { put(thousands) }
                put(UInt8(ascii: "0") + UInt8(whole % 10))
                whole /= 10
                digits += 1
            } while whole > 0
            if scaled < 0 { put(UInt8(ascii: "-")) }
            return body(UnsafeBufferPointer(rebasing: buffer[start...]))
        }
    }

    /// The Vietnamese way: `.` between thousands, `,` before the decimals.
    static func vietnamese(_ scaled: Int64, places: Int, droppingTrailingZeros: Bool) -> String {
        make(scaled, places: places, droppingTrailingZeros: droppingTrailingZeros, mark: UInt8(ascii: ","), thousands: UInt8(ascii: "."))
    }
}
