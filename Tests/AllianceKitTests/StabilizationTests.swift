import XCTest
@testable import AllianceInput
@testable import AllianceKit
@testable import AllianceModel
@testable import AllianceReport
@testable import AllianceSolve

/// `Stabilization` on hand-computed numbers: Wentges smoothing and its mispricing schedule, the
/// fallback to the master's own duals, the Polyak subgradient step, and the subgradient's choice
/// of t_o (upper, lower, or the count projected onto [lower, upper]).
final class StabilizationTests: XCTestCase {
    private func centered(_ center: [Double], gradient: [Double]) -> Stabilization {
        var stabilization = Stabilization()
        stabilization.moveCenter(to: center, gradient: gradient)
        return stabilization
    }

    func testNoCenterPricesAtThePlainDuals() {
        let stabilization = Stabilization()
        XCTAssertNil(stabilization.center)
        XCTAssertEqual(stabilization.alpha(smoothing: 0.8, misprices: 0), 0)
        XCTAssertEqual(stabilization.smoothed([3, 1, 2], alpha: 0.5), [3, 1, 2])
        XCTAssertNil(stabilization.subgradientPoint(bound: 5, target: 4))
    }

    func testSmoothingPointIsTheConvexCombination() {
        let stabilization = centered([1, 0, -2], gradient: [0, 0, 0])
        // α·π_stab + (1−α)·π_LP at α = 0.5: (1+3)/2, (0+1)/2, (−2+2)/2.
        XCTAssertEqual(stabilization.smoothed([3, 1, 2], alpha: 0.5), [2, 0.5, 0])
        // α = 0.75: 0.75·1 + 0.25·3 = 1.5, 0.25·1 = 0.25, 0.75·(−2) + 0.25·2 = −1.
        XCTAssertEqual(stabilization.smoothed([3, 1, 2], alpha: 0.75), [1.5, 0.25, -1])
    }

    func testMispricingShrinksAlphaDownToThePlainDuals() {
        let stabilization = centered([1, 0, -2], gradient: [0, 0, 0])
        // α = 1 − (misprices + 1)·(1 − 0.8): 0.8, 0.6, 0.4, 0.2, then 0 (never negative).
        let alphas = (0..<6).map { stabilization.alpha(smoothing: 0.8, misprices: $0) }
        for (alpha, expected) in zip(alphas, [0.8, 0.6, 0.4, 0.2, 0, 0]) {
            XCTAssertEqual(alpha, expected, accuracy: 1e-12)
        }
        XCTAssertEqual(alphas[5], 0)
        // At α = 0 pricing falls back to the master's duals exactly (no rounding).
        let duals = [0.1, 0.2, 0.3]
        XCTAssertEqual(stabilization.smoothed(duals, alpha: alphas[5]), duals)
        // Without smoothing (a dive) the first round is already exact.
        XCTAssertEqual(stabilization.alpha(smoothing: 0, misprices: 0), 0)
    }

    func testPolyakStepFromTheCenter() {
        var stabilization = centered([1, 2], gradient: [1, -1])
        // ‖g‖² = 2, gap = 5 − 4 = 1, θ = 1: step 0.5 along g.
        XCTAssertEqual(stabilization.subgradientPoint(bound: 5, target: 4), [1.5, 1.5])
        // θ halves after a step that did not improve the bound: step 0.25.
        stabilization.halveStep()
        XCTAssertEqual(stabilization.stepFactor, 0.5)
        XCTAssertEqual(stabilization.subgradientPoint(bound: 5, target: 4), [1.25, 1.75])
        // gap 3, θ = 0.5: step 0.75.
        XCTAssertEqual(stabilization.subgradientPoint(bound: 7, target: 4), [1.75, 1.25])
    }

    func testNoPolyakStepWithoutGapGradientTargetOrStep() {
        XCTAssertNil(centered([1, 2], gradient: [1, -1]).subgradientPoint(bound: 4, target: 4))
        XCTAssertNil(centered([1, 2], gradient: [1, -1]).subgradientPoint(bound: 4, target: 5))
        XCTAssertNil(centered([1, 2], gradient: [1, -1]).subgradientPoint(bound: 5, target: nil))
        XCTAssertNil(centered([1, 2], gradient: [0, 0]).subgradientPoint(bound: 5, target: 4))
        var stabilization = centered([1, 2], gradient: [1, -1])
        for _ in 0..<9 { stabilization.halveStep() }
        // θ = 1/512 > 1e-3 still steps; θ = 1/1024 < 1e-3 no longer.
        XCTAssertNotNil(stabilization.subgradientPoint(bound: 5, target: 4))
        stabilization.halveStep()
        XCTAssertNil(stabilization.subgradientPoint(bound: 5, target: 4))
    }

    func testGradientChoosesTAndProjectsTheCountAtZeroPrice() {
        // Counts over the communities' best alliances: u0 2, u1 0, u2 0, u3 3, u4 1.
        let g = Stabilization.gradient(
            duals: [1, -1, 0, 0, 0], alliances: [[0, 3], [0, 3, 4], [3]],
            lower: [0, 1, 1, 0, 1], upper: [2, 3, 2, 1, 3])
        // u0: π > 0, t = upper 2 → 0. u1: π < 0, t = lower 1 → −1.
        // u2: π = 0, count 0 projected up to 1 → −1. u3: count 3 projected down to 1 → 2.
        // u4: count 1 inside [1, 3] → 0.
        XCTAssertEqual(g, [0, -1, -1, 2, 0])
    }

    func testMoveCenterKeepsTheStepFactor() {
        var stabilization = centered([1, 2], gradient: [1, -1])
        stabilization.halveStep()
        stabilization.moveCenter(to: [0, 0], gradient: [2, 0])
        XCTAssertEqual(stabilization.center, [0, 0])
        XCTAssertEqual(stabilization.gradient, [2, 0])
        XCTAssertEqual(stabilization.stepFactor, 0.5)
        // ‖g‖² = 4, gap 2, θ 0.5: step 0.25 → (0.5, 0).
        XCTAssertEqual(stabilization.subgradientPoint(bound: 3, target: 1), [0.5, 0])
    }

    func testAdaptiveSmoothingFollowsTheSubgradientAtThePricedPoint() {
        let stabilization = centered([1, 0], gradient: [0, 0])
        // π_LP − π_stab = (2, −1). g = (1, 1): slope 2 − 1 = 1 > 0, downhill towards π_LP: α − 0.1.
        XCTAssertEqual(stabilization.adaptedAlpha(0.8, gradient: [1, 1], lpDuals: [3, -1]), 0.7, accuracy: 1e-12)
        // g = (0, 1): slope −1, uphill: α + 0.1·(1 − α) = 0.8 + 0.02.
        XCTAssertEqual(stabilization.adaptedAlpha(0.8, gradient: [0, 1], lpDuals: [3, -1]), 0.82, accuracy: 1e-12)
        // A zero slope counts as uphill; the factor never passes its bounds.
        XCTAssertEqual(stabilization.adaptedAlpha(0.5, gradient: [0, 0], lpDuals: [3, -1]), 0.55, accuracy: 1e-12)
        XCTAssertEqual(stabilization.adaptedAlpha(0.05, gradient: [1, 1], lpDuals: [3, -1]), 0)
        XCTAssertEqual(stabilization.adaptedAlpha(0.99, gradient: [0, 1], lpDuals: [3, -1]), Stabilization.maximumAlpha)
        // Without a center (or with vectors of another length) α stays.
        XCTAssertEqual(Stabilization().adaptedAlpha(0.8, gradient: [1, 1], lpDuals: [3, -1]), 0.8)
        XCTAssertEqual(stabilization.adaptedAlpha(0.8, gradient: [1], lpDuals: [3, -1]), 0.8)
    }
}
