import CGLPK

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Collects GLPK's terminal output while a wrapper operation runs.
///
/// GLPK prints through a per-thread terminal hook. A capture installs the
/// hook for its duration and, when it ends, reinstalls whatever capture was
/// active before on the same thread (or none, which sends GLPK's output back
/// to standard output). Captures nest strictly, so the thread-local pointer to
/// the innermost capture is all the state needed to restore the previous hook.
///
/// A capture also installs GLPK's error hook: should GLPK ever hit an internal
/// error (which this wrapper's validation is meant to make impossible), its
/// message went into the capture, so the hook copies the captured text to
/// standard error before GLPK aborts the process.
final class LogCapture {
  private(set) var text = ""
  private let handler: (@Sendable (String) -> Void)?
  private var previous: UnsafeMutableRawPointer?
  private var isActive = false
  private let thread = OwningThread.current

  /// Starts capturing GLPK's terminal output of the calling thread.
  init(handler: (@Sendable (String) -> Void)? = nil) {
    self.handler = handler
    begin()
  }

  deinit {
    if isActive { end() }
  }

  static var isActiveOnCurrentThread: Bool {
    pthread_getspecific(ThreadState.logCaptureKey) != nil
  }

  private func begin() {
    previous = pthread_getspecific(ThreadState.logCaptureKey)
    let me = Unmanaged.passUnretained(self).toOpaque()
    _ = pthread_setspecific(ThreadState.logCaptureKey, me)
    glp_term_hook(glpkTermHook, me)
    glp_error_hook(glpkErrorHook, me)
    isActive = true
  }

  /// Stops capturing and restores the previous hook; returns the text.
  @discardableResult
  func end() -> String {
    thread.check("A GLPK log capture")
    precondition(isActive, "log capture ended twice")
    let me = Unmanaged.passUnretained(self).toOpaque()
    precondition(
      pthread_getspecific(ThreadState.logCaptureKey) == me,
      "GLPK log captures must end in reverse order of creation")
    isActive = false
    _ = pthread_setspecific(ThreadState.logCaptureKey, previous)
    if let previous {
      glp_term_hook(glpkTermHook, previous)
      glp_error_hook(glpkErrorHook, previous)
    } else {
      glp_term_hook(nil, nil)
      glp_error_hook(nil, nil)
    }
    return text
  }

  /// Appends a line produced by the wrapper itself (not by GLPK).
  func note(_ line: String) {
    append(line.hasSuffix("\n") ? line : line + "\n")
  }

  fileprivate func append(_ s: String) {
    text += s
    handler?(s)
  }
}

/// The C terminal hook: forwards a GLPK output fragment to the capture passed
/// through GLPK's `info` pointer and tells GLPK not to print it itself.
private func glpkTermHook(_ info: UnsafeMutableRawPointer?, _ s: UnsafePointer<CChar>?) -> Int32 {
  guard let info, let s else { return 0 }
  Unmanaged<LogCapture>.fromOpaque(info).takeUnretainedValue().append(String(cString: s))
  return 1
}

/// The C error hook: GLPK is about to abort; make its (captured) message
/// visible on standard error.
private func glpkErrorHook(_ info: UnsafeMutableRawPointer?) {
  guard let info else { return }
  let text = Unmanaged<LogCapture>.fromOpaque(info).takeUnretainedValue().text
  let message = "GLPK internal error; the process will abort. GLPK output:\n" + String(text.suffix(4000))
  var bytes = Array(message.utf8)[...]
  while !bytes.isEmpty {
    let written = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    if written <= 0 { break }
    bytes = bytes.dropFirst(written)
  }
}
