import AllianceKit
import FuzzSupport
import GLPK

/// Fuzz target: a read instance → `Problem` → pre-checks → `StageOneModel` (the GLPK model) →
/// the LP relaxation, on small instances only (at most 8 communities and 16 units), so that any
/// argument GLPK would abort on is found. Inputs the reader refuses are skipped.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModel(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let files = FuzzLists.files(fuzzBytes(data, size))
    guard let instance = try? InstanceReader.read(files: files),
          instance.communities.count <= 8, instance.organizations.count <= 16,
          let problem = try? Problem(instance: instance) else { return 0 }
    guard Prechecks.run(problem).isEmpty else { return 0 }
    do {
        let model = try StageOneModel(problem: problem)
        _ = try model.program.solveLP(SimplexParameters(timeLimit: 1, iterationLimit: 10_000))
    } catch {
        // A model the wrapper refuses or a solver failure is an error, not a crash; both are fine here.
    }
    return 0
}

@_cdecl("FuzzModel_main")
public func fuzzModelMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv, fuzzModel)
}
