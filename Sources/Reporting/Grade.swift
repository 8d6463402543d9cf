import CCHCCore

/// A band of scores for reading the report at a glance (colours of the ranking, the chart and the
/// heat map). Presentation only: ranks and the CSV files never depend on it. Bands are on the score
/// rounded to 2 decimals, like the ranking. The score is an attainment percentage (a commune at 95 %
/// of every target scores 95), so the bands sit high: below 80 a commune is a fifth short overall.
enum Grade: CaseIterable {
    case excellent, good, fair, average, weak

    init(score: Double) {
        let hundredths = Rounding.scaled(score)
        switch hundredths {
        case 9_700...: self = .excellent
        case 9_300..<9_700: self = .good
        case 8_800..<9_300: self = .fair
        case 8_000..<8_800: self = .average
        default: self = .weak
        }
    }

    var label: String {
        switch self {
        case .excellent: "Xuất sắc"
        case .good: "Tốt"
        case .fair: "Khá"
        case .average: "Trung bình"
        case .weak: "Yếu"
        }
    }

    /// The range in words, for the legend.
    var range: String {
        switch self {
        case .excellent: "từ 97 điểm"
        case .good: "93 đến dưới 97"
        case .fair: "88 đến dưới 93"
        case .average: "80 đến dưới 88"
        case .weak: "dưới 80"
        }
    }

    /// The range in figures, for the chart's legend.
    var shortRange: String {
        switch self {
        case .excellent: "≥ 97"
        case .good: "93–97"
        case .fair: "88–93"
        case .average: "80–88"
        case .weak: "< 80"
        }
    }

    /// The CSS class (`g-excellent` …) whose colours are in `ReportStyle`.
    var cssClass: String {
        switch self {
        case .excellent: "g-excellent"
        case .good: "g-good"
        case .fair: "g-fair"
        case .average: "g-average"
        case .weak: "g-weak"
        }
    }

    /// The classes of a number cell in this band (`num g-excellent` …); literals, since every score
    /// cell of the reports asks for one.
    var numberClass: String {
        switch self {
        case .excellent: "num g-excellent"
        case .good: "num g-good"
        case .fair: "num g-fair"
        case .average: "num g-average"
        case .weak: "num g-weak"
        }
    }

    /// The classes of a centred text cell in this band (`c g-excellent` …).
    var centredClass: String {
        switch self {
        case .excellent: "c g-excellent"
        case .good: "c g-good"
        case .fair: "c g-fair"
        case .average: "c g-average"
        case .weak: "c g-weak"
        }
    }

    /// Fill of the bar chart: green (best) to red (weakest); the number is always printed beside it.
    var fill: String {
        switch self {
        case .excellent: "#1a6e3a"
        case .good: "#4f9a5f"
        case .fair: "#c9a227"
        case .average: "#e07b28"
        case .weak: "#b8322b"
        }
    }
}
