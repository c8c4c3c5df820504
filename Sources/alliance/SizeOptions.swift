import AllianceKit
import ArgumentParser

/// `--max-pairs`: the model-size limit of the commands that build a model (solve, compare,
/// export), checked right after the lists are read.
struct SizeOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Refuse models with more allowed unit–community pairs than this.", valueName: "n"))
    var maxPairs: Int = ModelSizeLimit.defaultMaxPairs

    func validate() throws {
        guard maxPairs > 0 else { throw ValidationError(Message.maxPairsPositive.text) }
    }

    /// The limit as the library takes it.
    var limit: ModelSizeLimit { ModelSizeLimit(maxPairs: maxPairs) }

    /// Throws `ModelTooLarge` (exit status 1) when `problem` exceeds the limit.
    func check(_ problem: Problem) throws {
        try limit.check(problem)
    }
}
