import Foundation
import GLPK
import XCTest

final class MathProgTests: XCTestCase {
  /// The knapsack of `makeKnapsack()` in MathProg:
  /// max 10a + 13b + 7c + 8d s.t. 4a + 6b + 3c + 5d <= 10, binary -> 23.
  static let knapsackModel = """
    set I;
    param v{I};
    param w{I};
    param cap;
    var x{I} binary;
    maximize value: sum{i in I} v[i] * x[i];
    s.t. weight: sum{i in I} w[i] * x[i] <= cap;
    display cap;
    """

  static let knapsackData = """
    data;
    set I := a b c d;
    param v := a 10 b 13 c 7 d 8;
    param w := a 4 b 6 c 3 d 5;
    param cap := 10;
    end;
    """

  func testModelWithSeparateData() throws {
    let dir = try makeTemporaryDirectory(self)
    let model = dir.appendingPathComponent("knap.mod").path
    let data = dir.appendingPathComponent("knap.dat").path
    try (Self.knapsackModel + "\nend;\n").write(toFile: model, atomically: true, encoding: .utf8)
    try Self.knapsackData.write(toFile: data, atomically: true, encoding: .utf8)

    let (lp, log) = try LinearProgram.fromMathProg(model: model, data: data)
    XCTAssertTrue(log.contains("cap = 10"), log)  // output of `display`
    XCTAssertEqual(lp.direction, .maximize)
    XCTAssertEqual(lp.columnCount, 4)
    XCTAssertEqual(lp.columnName(0), "x[a]")
    XCTAssertEqual(lp.columnKind(0), .binary)
    XCTAssertNotNil(lp.rowIndex(named: "weight"))
    let fromModel = try lp.solveMIP()
    let direct = try makeKnapsack().solveMIP()
    XCTAssertEqual(fromModel.status, .optimal)
    XCTAssertEqual(fromModel.objective, 23, accuracy: 1e-9)
    XCTAssertEqual(fromModel.objective, direct.objective, accuracy: 1e-9)
  }

  func testModelWithInlineDataLP() throws {
    // max 3x + 2y s.t. x + y <= 4, x + 3y <= 6, x <= 3 -> 11
    let dir = try makeTemporaryDirectory(self)
    let model = dir.appendingPathComponent("small.mod").path
    try """
      var x >= 0;
      var y >= 0;
      maximize z: 3*x + 2*y;
      s.t. c1: x + y <= 4;
      s.t. c2: x + 3*y <= 6;
      s.t. c3: x <= 3;
      end;
      """.write(toFile: model, atomically: true, encoding: .utf8)
    let (lp, _) = try LinearProgram.fromMathProg(model: model, data: nil)
    let result = try lp.solveLP()
    XCTAssertEqual(result.status, .optimal)
    XCTAssertEqual(result.objective, 11, accuracy: 1e-9)
    XCTAssertEqual(result.objective, try makeSmallLP().solveLP().objective, accuracy: 1e-9)
  }

  func testSyntaxErrorThrowsTranslatorMessage() throws {
    let dir = try makeTemporaryDirectory(self)
    let model = dir.appendingPathComponent("bad.mod").path
    try "var x >= 0;\nmaximize z: 3*x;\ns.t. c1: x <= 4 oops;\nend;\n"
      .write(toFile: model, atomically: true, encoding: .utf8)
    let live = GLPKEnvironment.liveProblemsOnCurrentThread
    XCTAssertThrowsError(try LinearProgram.fromMathProg(model: model, data: nil)) { error in
      guard case let .mathProg(stage, message, log) = error as? GLPKError else {
        return XCTFail("unexpected error \(error)")
      }
      XCTAssertEqual(stage, .model)
      XCTAssertTrue(message.contains("bad.mod:3: syntax error"), message)
      XCTAssertTrue(log.contains("Reading model section"), log)
    }
    XCTAssertEqual(GLPKEnvironment.liveProblemsOnCurrentThread, live)
  }

  func testDataAndGenerateErrors() throws {
    let dir = try makeTemporaryDirectory(self)
    let model = dir.appendingPathComponent("m.mod").path
    let data = dir.appendingPathComponent("d.dat").path
    try (Self.knapsackModel + "\nend;\n").write(toFile: model, atomically: true, encoding: .utf8)
    try "data;\nparam cap := 10 x;\nend;\n".write(toFile: data, atomically: true, encoding: .utf8)
    assertThrowsGLPK(try LinearProgram.fromMathProg(model: model, data: data)) {
      if case .mathProg(.data, _, _) = $0 { true } else { false }
    }
    // No data at all: parameters have no values when generating.
    assertThrowsGLPK(try LinearProgram.fromMathProg(model: model, data: nil)) {
      if case let .mathProg(.generate, message, _) = $0 { message.contains("no value") } else { false }
    }
    // Missing file.
    assertThrowsGLPK(try LinearProgram.fromMathProg(model: dir.appendingPathComponent("none.mod").path, data: nil)) {
      if case .mathProg(.model, _, _) = $0 { true } else { false }
    }
  }
}
