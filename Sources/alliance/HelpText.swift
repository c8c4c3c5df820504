import ArgumentParser

/// The parts of the subcommands' help that follow one pattern: what the command does in more
/// words, a few examples, and the exit statuses it can end with (the codes `Console` maps errors
/// to). One place, so every subcommand's help says them the same way.
enum HelpText {
    /// An exit status and what it means for one command.
    struct Exit {
        var code: Int32
        var meaning: String
    }

    static let success = Exit(code: 0, meaning: "success")
    static let inputError = Exit(code: 1, meaning: "input error: file:line:column or workbook:sheet!cell on stderr")
    static let noPlan = Exit(code: 2, meaning: "no plan: infeasible, or none found in time")
    static let brokenRule = Exit(code: 3, meaning: "the plan breaks a rule")
    static let notWritten = Exit(code: 4, meaning: "output not written (nothing half-written is left)")
    static let usage = Exit(code: 64, meaning: "usage error: an unknown option or a bad value")
    static let interrupted = Exit(code: Interrupts.exitStatus, meaning: "interrupted by Ctrl-C or SIGTERM")

    /// `text`, then "Examples:" with one command per line, then "Exit status:" with one code per
    /// line (the usage error is added to every list).
    static func discussion(_ text: String = "", examples: [String], exits: [Exit]) -> String {
        var blocks: [String] = []
        if !text.isEmpty { blocks.append(text) }
        if !examples.isEmpty {
            blocks.append((["Examples:"] + examples.map { "  " + $0 }).joined(separator: "\n"))
        }
        let codes = exits + (exits.contains { $0.code == usage.code } ? [] : [usage])
        blocks.append((["Exit status:"] + codes.map { code in
            let number = String(code.code)
            return "  " + number + String(repeating: " ", count: max(1, 5 - number.count)) + code.meaning
        }).joined(separator: "\n"))
        return blocks.joined(separator: "\n\n")
    }
}
