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

    /// `text`, then "Examples:" with one command per line, then "Exit status:" with one code per
    /// line (the usage error is added to every list).
    static func discussion(_ text: String = "", examples: [String], exits: [Exit]) -> String {
        var blocks: [String] = []
        if !text.isEmpty { blocks.append(text) }
        if !examples.isEmpty {
            blocks.append((["Examples:"] + examples.map { "  " + $0 }).joined(separator: "\n"))
        }
        let codes = (exits + (exits.contains { $0.code == Exit.usage.code } ? [] : [Exit.usage])).sorted { $0.code < $1.code }
        blocks.append((["Exit status:"] + codes.map { code in
            let number = String(code.code)
            return "  " + number + String(repeating: " ", count: max(1, 5 - number.count)) + code.meaning
        }).joined(separator: "\n"))
        return blocks.joined(separator: "\n\n")
    }
}

extension HelpText.Exit {
    static let success = Self(code: 0, meaning: "success")
    static let inputError = Self(code: 1, meaning: "input error: file:line:column or workbook:sheet!cell on stderr")
    static let noPlan = Self(code: 2, meaning: "no plan: infeasible, or none found in time")
    static let precheckFailed = Self(code: 2, meaning: "a feasibility pre-check failed: no plan can keep the rules")
    static let brokenRule = Self(code: 3, meaning: "the plan breaks a rule")
    static let notWritten = Self(code: 4, meaning: "output not written (nothing half-written is left)")
    static let usage = Self(code: 64, meaning: "usage error: an unknown option or a bad value")
    static let interrupted = Self(code: Interrupts.exitStatus, meaning: "interrupted by Ctrl-C or SIGTERM")
}
