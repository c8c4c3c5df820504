import CGLPK

extension LinearProgram {
  /// Translates a GNU MathProg model (and optional separate data file) into
  /// a new problem.
  ///
  /// The translator reads the model, then the data file if one is given (the
  /// model's own `data;` section is then ignored, as `glpsol -d` does),
  /// generates the model instance and builds the problem: columns, rows
  /// (including the objective as a free row), bounds, kinds, the matrix, the
  /// objective and its direction. Output of `display`/`printf` statements
  /// goes to the returned log. The translator workspace is always freed.
  ///
  /// - Parameters:
  ///   - modelPath: The `.mod` file.
  ///   - dataPath: A separate `.dat` file, or `nil`.
  ///   - logHandler: Receives the translator's output as it is produced.
  /// - Returns: The problem, created on the calling thread, and the
  ///   translator's output.
  /// - Throws: ``GLPKError/mathProg(stage:message:log:)`` with the
  ///   translator's error message (e.g. `model.mod:5: syntax error ...`) when
  ///   a file cannot be read, has errors, or cannot be generated;
  ///   ``GLPKError/invalidPath(_:)`` for a path GLPK cannot receive.
  ///
  /// The corresponding C functions are `glp_mpl_alloc_wksp`,
  /// `glp_mpl_read_model`, `glp_mpl_read_data`, `glp_mpl_generate`,
  /// `glp_mpl_build_prob` and `glp_mpl_free_wksp`.
  public static func fromMathProg(
    model modelPath: String, data dataPath: String? = nil,
    logHandler: (@Sendable (String) -> Void)? = nil
  ) throws -> (LinearProgram, log: String) {
    try validatePath(modelPath)
    if let dataPath { try validatePath(dataPath) }

    let capture = LogCapture(handler: logHandler)
    guard let tran = glp_mpl_alloc_wksp() else {
      capture.end()
      preconditionFailure("glp_mpl_alloc_wksp returned NULL")
    }
    var failedStage: MathProgStage? = nil
    var program: LinearProgram? = nil
    if glp_mpl_read_model(tran, modelPath, dataPath == nil ? 0 : 1) != 0 {
      failedStage = .model
    } else if let dataPath, glp_mpl_read_data(tran, dataPath) != 0 {
      failedStage = .data
    } else if glp_mpl_generate(tran, nil) != 0 {
      failedStage = .generate
    } else {
      let lp = LinearProgram()
      glp_mpl_build_prob(tran, lp.problem)
      program = lp
    }
    glp_mpl_free_wksp(tran)
    let log = capture.end()

    if let failedStage {
      throw GLPKError.mathProg(stage: failedStage, message: mathProgErrorMessage(log), log: log)
    }
    return (program!, log: log)
  }
}

/// Extracts the translator's error lines (`file:line: message` and the
/// following `Context:` line) from its output, skipping warnings and progress
/// lines; falls back to the last non-progress line.
func mathProgErrorMessage(_ log: String) -> String {
  let lines = log.split(whereSeparator: \.isNewline).map { $0.trimmingSpaces() }
  func isLocated(_ line: String) -> Bool {
    // "<file>:<line>: <message>"
    guard let colon = line.firstIndex(of: ":") else { return false }
    let rest = line[line.index(after: colon)...]
    guard let second = rest.firstIndex(of: ":") else { return false }
    let number = rest[..<second]
    return !number.isEmpty && number.allSatisfy(\.isNumber)
  }
  var picked: [String] = []
  for line in lines {
    if isLocated(line) && !line.contains(": warning:") {
      picked.append(line)
    } else if line.hasPrefix("Context:") && !picked.isEmpty {
      picked.append(line)
    }
  }
  if !picked.isEmpty { return picked.joined(separator: "\n") }
  let progress = ["Reading ", "Generating ", "Model has been", "MathProg model processing error"]
  let informative = lines.filter { line in
    !line.isEmpty && !progress.contains(where: { line.hasPrefix($0) }) && !line.hasSuffix("lines were read")
      && !line.hasSuffix("line was read")
  }
  return informative.last ?? lines.last ?? "MathProg translation failed"
}

extension Substring {
  func trimmingSpaces() -> String {
    String(self.drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
  }
}
