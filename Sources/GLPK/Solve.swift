import CGLPK

extension LinearProgram {
  /// Solves the LP relaxation (integrality is ignored) with the simplex
  /// method.
  ///
  /// Returns a result when the solver finished normally or stopped at a limit
  /// (check ``LPResult/returnCode`` and ``LPResult/status``); an infeasible or
  /// unbounded problem is a normal outcome with status `.noFeasible` or
  /// `.unbounded` (with the presolver: return code `.noPrimalFeasible` or
  /// `.noDualFeasible`). Throws ``GLPKError/invalidParameter(name:reason:)``
  /// for invalid parameters and ``GLPKError/solverFailed(_:log:)`` when the
  /// solver could not produce a result (singular basis, numerical failure).
  ///
  /// GLPK's output is captured into ``LPResult/log`` and passed to
  /// ``SimplexParameters/logHandler``.
  ///
  /// The corresponding C function is `glp_simplex`.
  public func solveLP(_ parameters: SimplexParameters = .init()) throws -> LPResult {
    checkIdle()
    var parm = try parameters.makeControl()
    let capture = LogCapture(handler: parameters.logHandler)
    let rc = runSimplex(
      &parm, timeLimit: parameters.timeLimit, stop: parameters.stopRequested,
      pollInterval: parameters.stopPollInterval)
    let log = capture.end()
    let code = SolverReturnCode(glpk: rc)
    var status = SolutionStatus(glpk: glp_get_status(problem))
    hasFreshOptimalBasis = status == .optimal
    guard code.isUsableOutcome else { throw GLPKError.solverFailed(code, log: log) }
    if code == .noPrimalFeasible, status == .undefined { status = .noFeasible }
    let m = Int32(glp_get_num_rows(problem)), n = Int32(glp_get_num_cols(problem))
    return LPResult(
      returnCode: code,
      status: status,
      objective: glp_get_obj_val(problem),
      columnValues: n == 0 ? [] : (1...n).map { glp_get_col_prim(problem, $0) },
      rowValues: m == 0 ? [] : (1...m).map { glp_get_row_prim(problem, $0) },
      rowDuals: m == 0 ? [] : (1...m).map { glp_get_row_dual(problem, $0) },
      columnReducedCosts: n == 0 ? [] : (1...n).map { glp_get_col_dual(problem, $0) },
      log: log)
  }

  /// Solves the problem as a MIP with GLPK's branch-and-cut.
  ///
  /// Without the presolver (the default) the LP relaxation is solved first
  /// with the simplex method, as GLPK requires; if the relaxation is
  /// infeasible the result has return code `.noPrimalFeasible` and status
  /// `.noFeasible`, if it is unbounded `.noDualFeasible` and `.undefined` (the
  /// MIP is then unbounded or infeasible). The same codes come back from
  /// GLPK's presolver when it is enabled.
  ///
  /// Returns a result when the search finished, hit the time limit or the gap
  /// tolerance, or was stopped by ``SearchTree/terminate()``; check
  /// ``MIPResult/status`` before using the solution. Throws
  /// ``GLPKError/invalidParameter(name:reason:)`` for invalid parameters,
  /// ``GLPKError/solverFailed(_:log:)`` when no result could be produced
  /// (e.g. an integer column with fractional bounds read from a file), and
  /// rethrows the first error thrown by `callback` (the search is stopped at
  /// once, keeping the incumbent, and the error is thrown after GLPK returns).
  ///
  /// - Parameters:
  ///   - parameters: Solver control parameters.
  ///   - callback: Called by the branch-and-cut at each event (see
  ///     ``CallbackReason``) with a ``SearchTree`` that is valid only during
  ///     that call. It runs synchronously on the calling thread. It must not
  ///     modify or solve this problem.
  ///
  /// The corresponding C functions are `glp_simplex` and `glp_intopt`.
  public func solveMIP(
    _ parameters: MIPParameters = .init(), callback: ((SearchTree) throws -> Void)? = nil
  ) throws -> MIPResult {
    checkIdle()
    var parm = try parameters.makeControl()
    if columnCount == 0 { parm.cov_cuts = GLP_OFF }  // see MIPParameters.cuts
    let start = parameters.clock()
    let capture = LogCapture(handler: parameters.logHandler)
    let outcome = runMIP(&parm, parameters: parameters, callback: callback, start: start, capture: capture)
    let log = capture.end()

    let code: SolverReturnCode
    var context: SearchContext? = nil
    switch outcome {
    case let .failed(failure):
      throw GLPKError.solverFailed(failure, log: log)
    case let .rootLP(rootCode, status):
      return MIPResult(
        returnCode: rootCode, status: status, objective: 0,
        columnValues: Array(repeating: 0, count: columnCount),
        rowValues: Array(repeating: 0, count: rowCount),
        bestBound: nil, relativeGap: nil, nodeCount: nil, log: log)
    case let .searched(rc, searchContext):
      if let error = searchContext.userError { throw error }
      // A search the wrapper stopped for its time limit reports it as GLPK would.
      code = rc == GLP_ESTOP && searchContext.stoppedForTimeLimit ? .timeLimitReached : SolverReturnCode(glpk: rc)
      context = searchContext
    }
    guard code.isUsableOutcome else { throw GLPKError.solverFailed(code, log: log) }

    var status = SolutionStatus(glpk: glp_mip_status(problem))
    if code == .noPrimalFeasible, status == .undefined { status = .noFeasible }
    let objective = glp_mip_obj_val(problem)
    let m = Int32(glp_get_num_rows(problem)), n = Int32(glp_get_num_cols(problem))

    var bestBound: Double? = nil
    var gap: Double? = nil
    if status == .optimal, code == .success {
      bestBound = objective  // the search tree was exhausted: optimality is proven
      gap = 0
    } else if status != .noFeasible, var bound = context?.lastBestBound ?? context?.rootBound {
      if status.hasSolution {
        // A bound can never be worse than the incumbent.
        bound = direction == .minimize ? min(bound, objective) : max(bound, objective)
        gap = abs(objective - bound) / (abs(objective) + Double.ulpOfOne)
      }
      bestBound = bound
    }
    return MIPResult(
      returnCode: code,
      status: status,
      objective: objective,
      columnValues: n == 0 ? [] : (1...n).map { glp_mip_col_val(problem, $0) },
      rowValues: m == 0 ? [] : (1...m).map { glp_mip_row_val(problem, $0) },
      bestBound: bestBound,
      relativeGap: gap,
      nodeCount: context?.lastNodeCount,
      log: log)
  }

  private enum MIPOutcome {
    /// Stopped after the root LP relaxation without starting the search.
    case rootLP(SolverReturnCode, SolutionStatus)
    /// The solver could not run.
    case failed(SolverReturnCode)
    /// `glp_intopt` ran and returned `rc`.
    case searched(Int32, SearchContext)
  }

  /// The part of `solveMIP` that runs while GLPK's output is captured.
  private func runMIP(
    _ parm: inout glp_iocp, parameters: MIPParameters, callback: ((SearchTree) throws -> Void)?,
    start: ContinuousClock.Instant, capture: LogCapture
  ) -> MIPOutcome {
    if let timeLimit = parameters.timeLimit {
      parm.tm_lim = (try? milliseconds(timeLimit, name: "timeLimit")) ?? Int32.max
    }
    var rootLP = Duration.zero
    if !parameters.presolve && !hasFreshOptimalBasis {
      let rootStart = parameters.clock()
      defer { rootLP = parameters.clock() - rootStart }
      // glp_intopt without presolver needs an optimal basis of the relaxation.
      var smcp = glp_smcp()
      glp_init_smcp(&smcp)
      smcp.msg_lev = parameters.messageLevel.glpk
      smcp.tm_lim = parm.tm_lim
      let code = SolverReturnCode(glpk: runSimplex(
        &smcp, timeLimit: parameters.timeLimit, stop: parameters.stopRequested,
        pollInterval: parameters.stopPollInterval))
      switch code {
      case .success:
        switch glp_get_status(problem) {
        case GLP_OPT: hasFreshOptimalBasis = true
        case GLP_NOFEAS: return .rootLP(.noPrimalFeasible, .noFeasible)
        case GLP_UNBND: return .rootLP(.noDualFeasible, .undefined)
        default: return .failed(.noRootLPOptimum)
        }
      case .timeLimitReached, .iterationLimitReached, .stoppedByCallback:
        return .rootLP(code, .undefined)
      default:
        return .failed(code)
      }
      if let timeLimit = parameters.timeLimit {
        let remaining = timeLimit - (parameters.clock() - start).seconds
        parm.tm_lim = remaining > 0 ? ((try? milliseconds(remaining, name: "timeLimit")) ?? 1) : 1
      }
    }

    if let stop = parameters.stopRequested, stop() {
      return .rootLP(.stoppedByCallback, .undefined)
    }
    let context = SearchContext(
      problem: self, callback: callback, presolve: parameters.presolve, start: start, capture: capture,
      timeLimit: parameters.timeLimit, stopRequested: parameters.stopRequested, rootLP: rootLP,
      clock: parameters.clock)
    // The relaxation's optimum bounds the MIP's, should the search stop before its first node.
    if !parameters.presolve && hasFreshOptimalBasis { context.rootBound = glp_get_obj_val(problem) }
    parm.cb_func = glpkSearchCallback
    parm.cb_info = Unmanaged.passUnretained(context).toOpaque()
    rowCountDuringSolve = Int(glp_get_num_rows(problem))
    let rc = withExtendedLifetime(context) { glp_intopt(problem, &parm) }
    rowCountDuringSolve = nil
    hasFreshOptimalBasis = false
    return .searched(rc, context)
  }
}

extension Duration {
  /// The duration in seconds as a floating-point number.
  var seconds: Double {
    let c = components
    return Double(c.seconds) + Double(c.attoseconds) * 1e-18
  }
}
