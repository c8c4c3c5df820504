import CGLPK

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Per-thread GLPK library state.
///
/// GLPK, as built by Debian, keeps its library environment (memory pools,
/// terminal hook, problem objects) in thread-local storage. A problem object
/// must therefore be created, used and deleted on one operating-system thread,
/// and a worker thread that is done with GLPK should release its environment
/// so that the memory does not leak when the thread exits.
public enum GLPKEnvironment {
  /// The version of the GLPK library in use, for example `"5.0"`.
  ///
  /// The corresponding C function is `glp_version`.
  public static var version: String {
    String(cString: glp_version())
  }

  /// The number of `LinearProgram` objects alive on the calling thread.
  ///
  /// ``releaseCurrentThread()`` may only be called when this is zero.
  public static var liveProblemsOnCurrentThread: Int {
    ThreadState.liveProblemCount
  }

  /// Frees the GLPK environment of the calling thread.
  ///
  /// Call this on a worker thread when it has finished using GLPK, so that the
  /// thread's GLPK memory is returned before the thread exits. Call it only
  /// when no problem object of this thread is alive: GLPK frees every object of
  /// the environment, so a `LinearProgram` still alive on this thread would be
  /// left dangling. Violating this is a programmer error and traps. Calling it
  /// on a thread that never used GLPK, or calling it twice, is harmless; GLPK
  /// creates a fresh environment if the thread uses it again.
  ///
  /// The corresponding C function is `glp_free_env`.
  public static func releaseCurrentThread() {
    precondition(
      ThreadState.liveProblemCount == 0,
      "GLPKEnvironment.releaseCurrentThread() called while \(ThreadState.liveProblemCount) LinearProgram object(s) of this thread are alive")
    precondition(
      !LogCapture.isActiveOnCurrentThread,
      "GLPKEnvironment.releaseCurrentThread() called while GLPK output is being captured on this thread")
    _ = glp_free_env()
  }
}

/// The identity of an OS thread, used to enforce GLPK's one-thread rule.
struct OwningThread {
  let id: pthread_t

  /// The calling thread.
  static var current: OwningThread { OwningThread(id: pthread_self()) }

  var isCurrent: Bool { pthread_equal(id, pthread_self()) != 0 }

  /// Traps unless called on the owning thread.
  func check(_ what: @autoclosure () -> String) {
    precondition(
      isCurrent,
      "\(what()) used on a different thread than the one that created it; GLPK objects must be created, used and destroyed on one OS thread")
  }
}

/// Thread-local bookkeeping kept by the wrapper.
enum ThreadState {
  /// Key of the thread-local count of live problem objects. The count is
  /// stored directly in the pointer value, so no destructor is needed.
  private static let liveProblemsKey: pthread_key_t = makeKey()

  /// Key of the thread-local pointer to the innermost active log capture.
  static let logCaptureKey: pthread_key_t = makeKey()

  private static func makeKey() -> pthread_key_t {
    var key = pthread_key_t()
    let rc = pthread_key_create(&key, nil)
    precondition(rc == 0, "pthread_key_create failed (\(rc))")
    return key
  }

  static var liveProblemCount: Int {
    Int(bitPattern: pthread_getspecific(liveProblemsKey))
  }

  private static func setLiveProblemCount(_ count: Int) {
    let rc = pthread_setspecific(liveProblemsKey, UnsafeRawPointer(bitPattern: count))
    precondition(rc == 0, "pthread_setspecific failed (\(rc))")
  }

  static func problemCreated() {
    setLiveProblemCount(liveProblemCount + 1)
  }

  static func problemDeleted() {
    let count = liveProblemCount
    precondition(count > 0, "GLPK live-problem count underflow")
    setLiveProblemCount(count - 1)
  }
}
