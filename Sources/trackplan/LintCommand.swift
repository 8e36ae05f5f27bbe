import ArgumentParser
import Foundation
import TrackPlanKit

struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check plans, templates and settings against the format and the rules.",
        discussion: """
        With no PATH, lints the whole workspace. Naming plan files lints only those (fast, for pre-commit \
        hooks); checks across plans then see only the files named.

        Examples:
          trackplan lint
          trackplan lint plans/homepage_banner.yaml --strict
          trackplan lint --format sarif > trackplan.sarif
          trackplan lint --write-baseline .trackplan-baseline.json
          trackplan lint --baseline .trackplan-baseline.json
        """
    )

    @Argument(help: "Files or folders inside the workspace (default: the whole workspace).", completion: .file(extensions: ["yaml", "yml"]))
    var paths: [String] = []

    @Option(name: .shortAndLong, help: "Output format: \(Reporters.ids.joined(separator: ", ")).")
    var format: String = "text"

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    @Option(help: ArgumentHelp("Report only findings not recorded in this baseline file.", valueName: "file"), completion: .file())
    var baseline: String?

    @Option(help: ArgumentHelp("Record the current findings as a baseline file.", valueName: "file"), completion: .file())
    var writeBaseline: String?

    @Option(help: "Colour: auto (on a terminal without NO_COLOR), always, never.")
    var color: ColorChoice = .auto

    func validate() throws {
        guard Reporters.ids.contains(format) else {
            throw ValidationError("unknown format '\(format)'; choose one of \(Reporters.ids.joined(separator: ", "))")
        }
    }

    func run() throws {
        var options = LintRunner.Options()
        options.paths = paths
        options.format = format
        options.strict = strict
        options.baseline = baseline
        options.writeBaseline = writeBaseline
        options.color = format == "text" && color.enabled
        let outcome = LintRunner(options: options).run()
        print(outcome.output, terminator: "")
        printError(outcome.errorOutput)
        // Exit here, with what is left of the workspace still alive: the OS reclaims it faster than freeing it.
        fflush(nil)
        Foundation.exit(outcome.exitCode)
    }
}
