import Testing
import CCHCCore

@Suite("Rounding")
struct RoundingTests {
    @Test("exact halves round away from zero even when the double sits just below", arguments: [
        (88.105, "88.11"),
        (0.125, "0.13"),
        (2.675, "2.68"),
        (1.005, "1.01"),
        (-1.005, "-1.01"),
        (-0.125, "-0.13"),
        (-2.675, "-2.68"),
        (70.125, "70.13"),
        (40.175, "40.18"),
        (0.005, "0.01"),
        (-0.005, "-0.01"),
        (99.995, "100.00"),
    ])
    func halves(value: Double, expected: String) {
        #expect(Rounding.fixed(value) == expected)
    }

    @Test("averages and 100·Σ/n that are exact halves in decimal", arguments: [
        ([88.11, 88.10], 1.0, "88.11"),
        ([88.00, 88.01], 1.0, "88.01"),
        ([70.10, 70.15], 1.0, "70.13"),
        ([0.5888, 0.8621], 100.0, "72.55"),
        ([0.8383, 0.604], 100.0, "72.12"),
        ([0.1263, 0.8343, 0.2838, 0.2942], 100.0, "38.47"),
        ([0.8869, 0.7199, 0.8815, 0.7427], 100.0, "80.78"),
        ([0.318, 0.8066, 0.171, 0.639, 0.485, 0.8259, 0.8188, 0.0281], 100.0, "51.16"),
    ])
    func computedHalves(parts: [Double], scale: Double, expected: String) {
        let sum = parts.reduce(0, +)
        let value = scale * sum / Double(parts.count)
        #expect(Rounding.fixed(value) == expected)
    }

    @Test("values off the half round to the nearest", arguments: [
        (88.104, "88.10"),
        (88.1049, "88.10"),
        (88.1051, "88.11"),
        (88.106, "88.11"),
        (-88.104, "-88.10"),
        (-88.106, "-88.11"),
        (0, "0.00"),
        (-0.004, "0.00"),
        (0.004, "0.00"),
        (5, "5.00"),
        (0.5, "0.50"),
        (100, "100.00"),
        (-3, "-3.00"),
        (1234567.891, "1234567.89"),
    ])
    func nearest(value: Double, expected: String) {
        #expect(Rounding.fixed(value) == expected)
    }

    @Test("other numbers of places")
    func places() {
        #expect(Rounding.fixed(2.5, places: 0) == "3")
        #expect(Rounding.fixed(-2.5, places: 0) == "-3")
        #expect(Rounding.fixed(3.5, places: 0) == "4")
        #expect(Rounding.fixed(0.15, places: 1) == "0.2")
        #expect(Rounding.fixed(0.25, places: 1) == "0.3")
        #expect(Rounding.fixed(0.35, places: 1) == "0.4")
        #expect(Rounding.fixed(1.0005, places: 3) == "1.001")
        #expect(Rounding.fixed(0.0625, places: 3) == "0.063")
        #expect(Rounding.fixed(7, places: 4) == "7.0000")
    }

    @Test("scaled and rounded agree with fixed")
    func scaledAndRounded() {
        #expect(Rounding.scaled(88.105) == 8811)
        #expect(Rounding.scaled(-1.005) == -101)
        #expect(Rounding.scaled(0.125) == 13)
        #expect(Rounding.scaled(2.5, places: 0) == 3)
        #expect(Rounding.rounded(88.105) == 88.11)
        #expect(Rounding.rounded(2.675) == 2.68)
        #expect(Rounding.rounded(-1.005) == -1.01)
        #expect(Rounding.rounded(88.104) == 88.10)
    }

    @Test("fixed with a decimal comma", arguments: [
        (95.5, "95,50"),
        (88.105, "88,11"),
        (-1.005, "-1,01"),
        (0, "0,00"),
        (100, "100,00"),
    ])
    func decimalComma(value: Double, expected: String) {
        #expect(Rounding.fixed(value, separator: ",") == expected)
    }

    @Test("compact drops trailing zeros and the mark of whole numbers", arguments: [
        (100, "100"),
        (10, "10"),
        (0, "0"),
        (2.0, "2"),
        (95.5, "95.5"),
        (95.50, "95.5"),
        (0.1, "0.1"),
        (1.10, "1.1"),
        (88.105, "88.11"),
        (1.005, "1.01"),
        (12.345678, "12.35"),
        (-3.5, "-3.5"),
        (-4, "-4"),
        (-0.001, "0"),
        (-0.004, "0"),
        (-0.005, "-0.01"),
        (1000, "1000"),
    ])
    func compact(value: Double, expected: String) {
        #expect(Rounding.compact(value) == expected)
    }

    @Test("compact with other numbers of places")
    func compactPlaces() {
        #expect(Rounding.compact(100, places: 0) == "100")
        #expect(Rounding.compact(2.5, places: 0) == "3")
        #expect(Rounding.compact(1.23456, places: 4) == "1.2346")
        #expect(Rounding.compact(1.5, places: 4) == "1.5")
    }
}
