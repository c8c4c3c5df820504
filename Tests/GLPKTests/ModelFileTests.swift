import Foundation
import GLPK
import XCTest

final class ModelFileTests: XCTestCase {
  private static let glpsol = "/usr/bin/glpsol"

  /// Runs glpsol on a file; returns its exit status and output.
  private func runGlpsol(_ arguments: [String]) throws -> (Int32, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Self.glpsol)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self))
  }

  func testWriteReadRoundTripAllFormats() throws {
    // The knapsack (optimum 23) through every format, read back by the
    // wrapper and, when installed, by glpsol.
    let dir = try makeTemporaryDirectory(self)
    let lp = try makeKnapsack()
    let formats: [(ModelFileFormat, String, String)] = [
      (.cplexLP, "k.lp", "--lp"), (.freeMPS, "k.mps", "--freemps"), (.fixedMPS, "k.fmps", "--mps"),
      (.glpk, "k.glp", "--glp"),
    ]
    for (format, file, flag) in formats {
      let path = dir.appendingPathComponent(file).path
      try lp.write(format, to: path)
      let back = try LinearProgram.read(format, from: path)
      XCTAssertEqual(back.columnCount, 4, "\(format)")
      XCTAssertEqual(back.columnName(1), "item1")
      // MPS files do not record the optimization direction.
      if format == .freeMPS || format == .fixedMPS {
        XCTAssertEqual(back.direction, .minimize)
        back.direction = .maximize
      }
      XCTAssertEqual(back.direction, .maximize)
      let result = try back.solveMIP()
      XCTAssertEqual(result.status, .optimal, "\(format)")
      XCTAssertEqual(result.objective, 23, accuracy: 1e-9, "\(format)")
      if FileManager.default.isExecutableFile(atPath: Self.glpsol) {
        let (status, output) = try runGlpsol([flag, path, "--max"])
        XCTAssertEqual(status, 0, output)
        XCTAssertTrue(output.contains("INTEGER OPTIMAL SOLUTION FOUND"), output)
      }
    }
    // Only the four files: no temporary files left behind.
    let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    XCTAssertEqual(names, ["k.fmps", "k.glp", "k.lp", "k.mps"])
  }

  func testOverwriteKeepsPermissionsAndLPFileContent() throws {
    let dir = try makeTemporaryDirectory(self)
    let path = dir.appendingPathComponent("small.lp").path
    try "old".write(toFile: path, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
    try makeSmallLP().write(.cplexLP, to: path)
    let text = try String(contentsOfFile: path, encoding: .utf8)
    XCTAssertTrue(text.contains("Maximize"), text)
    XCTAssertTrue(text.contains("c2"), text)
    let perms = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    XCTAssertEqual(perms, 0o640)
    let back = try LinearProgram.read(.cplexLP, from: path)
    let result = try back.solveLP()
    XCTAssertEqual(result.status, .optimal)
    XCTAssertEqual(result.objective, 11, accuracy: 1e-9)
  }

  func testWriteAndReadFailures() throws {
    let dir = try makeTemporaryDirectory(self)
    let lp = try makeSmallLP()
    let missing = dir.appendingPathComponent("no/such/dir/x.lp").path
    assertThrowsGLPK(try lp.write(.cplexLP, to: missing)) {
      if case .fileWriteFailed(path: missing, _) = $0 { true } else { false }
    }
    let live = GLPKEnvironment.liveProblemsOnCurrentThread
    assertThrowsGLPK(try LinearProgram.read(.freeMPS, from: dir.appendingPathComponent("none.mps").path)) {
      if case .fileReadFailed = $0 { true } else { false }
    }
    let garbage = dir.appendingPathComponent("garbage.lp").path
    try "this is not an LP file\n".write(toFile: garbage, atomically: true, encoding: .utf8)
    assertThrowsGLPK(try LinearProgram.read(.cplexLP, from: garbage)) {
      if case let .fileReadFailed(_, log) = $0 { !log.isEmpty } else { false }
    }
    XCTAssertEqual(GLPKEnvironment.liveProblemsOnCurrentThread, live)
  }

  func testNamesInFileFormats() throws {
    // GLPK adapts names to each format; the GLPK format cannot hold spaces.
    // Model: max y + s s.t. y + s <= 1, y binary, 0 <= s <= 2 -> optimum 1.
    let dir = try makeTemporaryDirectory(self)
    let lp = LinearProgram(name: "names", direction: .maximize)
    try lp.addColumn(name: "y[1,2]", kind: .binary, objective: 1)
    try lp.addColumn(name: "has space", bounds: .range(0, 2), objective: 1)
    let r = try lp.addRow(name: "c1", bounds: .upper(1))
    try lp.loadMatrix([MatrixEntry(row: r, column: 0, value: 1), MatrixEntry(row: r, column: 1, value: 1)])
    let lpPath = dir.appendingPathComponent("n.lp").path
    try lp.write(.cplexLP, to: lpPath)
    let back = try LinearProgram.read(.cplexLP, from: lpPath)
    XCTAssertEqual(back.columnName(0), "y(1,2)")
    XCTAssertEqual(back.columnName(1), "has_space")
    let result = try back.solveMIP()
    XCTAssertEqual(result.status, .optimal)
    XCTAssertEqual(result.objective, 1, accuracy: 1e-9)
    let glpPath = dir.appendingPathComponent("n.glp").path
    assertThrowsGLPK(try lp.write(.glpk, to: glpPath)) {
      $0 == .invalidName("has space", reason: "contains whitespace, which the GLPK model format cannot represent")
    }
    XCTAssertFalse(FileManager.default.fileExists(atPath: glpPath))
    try lp.setColumnName(1, "no_space")
    try lp.write(.glpk, to: glpPath)
    XCTAssertEqual(try LinearProgram.read(.glpk, from: glpPath).columnName(1), "no_space")
  }

  func testCompressedFile() throws {
    // A path ending in .gz is written and read gzip-compressed by GLPK.
    let dir = try makeTemporaryDirectory(self)
    let path = dir.appendingPathComponent("k.mps.gz").path
    try makeKnapsack().write(.freeMPS, to: path)
    let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    XCTAssertEqual(Array(bytes.prefix(2)), [0x1F, 0x8B], "gzip magic")
    let back = try LinearProgram.read(.freeMPS, from: path)
    back.direction = .maximize
    let result = try back.solveMIP()
    XCTAssertEqual(result.status, .optimal)
    XCTAssertEqual(result.objective, 23, accuracy: 1e-9)
  }
}
