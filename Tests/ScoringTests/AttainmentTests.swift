import CCHCCore
import Testing
@testable import Scoring

@Suite("Attainment and status (BRIEF §4)")
struct AttainmentTests {
    @Test("higher is better: v/T capped to [0, 1]", arguments: [
        (90.0, 100.0, 0.9), (100.0, 100.0, 1.0), (120.0, 100.0, 1.0), (0.0, 100.0, 0.0), (-5.0, 100.0, 0.0),
    ])
    func higher(v: Double, t: Double, expected: Double) {
        #expect(Attainment.of(v, target: t, unit: .percent, direction: .higher) == expected)
    }

    @Test("higher with a target of zero or below is always attained", arguments: [0.0, -2.5])
    func higherNonPositiveTarget(t: Double) {
        #expect(Attainment.of(-10, target: t, unit: .number, direction: .higher) == 1)
        #expect(Attainment.of(0, target: t, unit: .number, direction: .higher) == 1)
    }

    @Test("lower is better: 1 at or under target, else T/v, 0 when v ≤ 0 above target", arguments: [
        (5.0, 10.0, 1.0), (10.0, 10.0, 1.0), (20.0, 10.0, 0.5), (40.0, 10.0, 0.25),
    ])
    func lower(v: Double, t: Double, expected: Double) {
        #expect(Attainment.of(v, target: t, unit: .percent, direction: .lower) == expected)
    }

    @Test func lowerWithNegativeTargetAndNonPositiveValue() {
        // v = 0 > T = -1: not attained, and v is not positive, so a = 0.
        #expect(Attainment.of(0, target: -1, unit: .number, direction: .lower) == 0)
    }

    @Test("boolean: all or nothing")
    func boolean() {
        #expect(Attainment.of(1, target: 1, unit: .boolean, direction: .higher) == 1)
        #expect(Attainment.of(0, target: 1, unit: .boolean, direction: .higher) == 0)
    }

    @Test("missing scores 0 whatever the target, status missing")
    func missing() {
        #expect(Attainment.of(nil, target: 0, unit: .percent, direction: .higher) == 0)
        #expect(Attainment.of(nil, target: 50, unit: .percent, direction: .lower) == 0)
        #expect(Attainment.status(nil, target: 50, direction: .higher) == .missing)
    }

    @Test func statusFollowsDirection() {
        #expect(Attainment.status(95, target: 95, direction: .higher) == .met)
        #expect(Attainment.status(94.99, target: 95, direction: .higher) == .missed)
        #expect(Attainment.status(5, target: 5, direction: .lower) == .met)
        #expect(Attainment.status(5.01, target: 5, direction: .lower) == .missed)
    }
}
