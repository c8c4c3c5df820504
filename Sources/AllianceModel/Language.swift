/// The language of the messages people read on the terminal: English, or Chinese for the
/// district organization departments (组织部) who plan the alliances.
///
/// Chosen once, by the command at start-up, from the environment (`Language(environment:)`) and
/// stored in `Language.current`; every `Message` is rendered in it when it is made. Libraries,
/// the workbench server and JSON documents never set it, so they stay English: a script parsing
/// `--json` or the server's API sees the same text whatever the user's locale.
public enum Language: String, Sendable, CaseIterable {
    case english = "en"
    case chinese = "zh"

    /// The language the POSIX locale variables ask for: the first non-empty of `LC_ALL`,
    /// `LC_MESSAGES` and `LANG` (their precedence for messages); Chinese when it starts with
    /// `zh` (`zh_CN.UTF-8`, `zh_TW`, `zh`), English otherwise (`C`, `POSIX`, `en_US.UTF-8`, unset).
    public init(environment: [String: String]) {
        let setting = ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
        self = setting?.lowercased().hasPrefix("zh") == true ? .chinese : .english
    }

    private static let storage = Locked(Language.english)

    /// The language messages are rendered in now: English unless the command set it.
    /// Set once, before any work starts; a library reads it only through `Message.text`.
    public static var current: Language {
        get { storage.withLock { $0 } }
        set { storage.withLock { $0 = newValue } }
    }

    /// Runs `body` with `current` set to `language`, then restores it (for tests).
    public static func with<T>(_ language: Language, _ body: () throws -> T) rethrows -> T {
        let saved = current
        current = language
        defer { current = saved }
        return try body()
    }
}
