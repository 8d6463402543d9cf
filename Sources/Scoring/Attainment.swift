import CCHCCore

/// The per-indicator rules of BRIEF §4: attainment in [0, 1] and met / missed / missing.
public enum Attainment {
    /// Attainment of value `v` (nil = missing) against target `t`.
    public static func of(_ v: Double?, target t: Double, unit: Indicator.MeasureUnit, direction: Indicator.Direction) -> Double {
        guard let v else { return 0 }
        if unit == .boolean {
            return meets(v, target: t, direction: direction) ? 1 : 0
        }
        switch direction {
        case .higher:
            return t <= 0 ? 1 : min(1, max(0, v / t))
        case .lower:
            if v <= t { return 1 }
            return v > 0 ? t / v : 0
        }
    }

    public static func status(_ v: Double?, target t: Double, direction: Indicator.Direction) -> IndicatorStatus {
        guard let v else { return .missing }
        return meets(v, target: t, direction: direction) ? .met : .missed
    }

    static func meets(_ v: Double, target t: Double, direction: Indicator.Direction) -> Bool {
        switch direction {
        case .higher: v >= t
        case .lower: v <= t
        }
    }
}
