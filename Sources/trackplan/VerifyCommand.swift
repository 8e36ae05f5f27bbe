import ArgumentParser
import Foundation
import TrackPlanKit

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check captured events against the plan, offline; --record feeds the release gate.",
        discussion: """
        Inputs: JSON lines (one event per line), a JSON array, or a HAR file saved from a browser's developer \
        tools or a proxy. Each event is checked (unknown event, terminal, missing, unexpected and mistyped \
        parameters, enum values, lengths, patterns, formats, ranges, nested values, common parameters, duplicate \
        event ids, repeated exposures, clicks without an exposure) and every planned event must be seen. \
        Where the name, terminal and parameters sit in a payload is set by `capture:` in trackplan.yaml; a \
        Segment-style payload (event + properties) works as it is. Exit codes: 0 pass, 1 fail, 2 usage or \
        unreadable input.
        """
    )

    @Argument(help: ArgumentHelp("Capture files.", valueName: "file"), completion: .file())
    var files: [String] = []

    @Option(name: .customLong("plan"), help: "Only this plan's events (repeatable); its events must all be seen.")
    var plans: [String] = []

    @Option(help: "The terminal the capture came from, for payloads that do not say.")
    var terminal: String?

    @Option(help: "text, json, junit, github or sarif.")
    var format: String = "text"

    @Flag(help: "Write the outcome into each checked plan's verification field (read by the release gate).")
    var record = false

    @Option(help: "A note to record with --record.")
    var note: String?

    @OptionGroup var actor: ActorOptions

    @Option(help: "Colour: auto (on a terminal without NO_COLOR), always, never.")
    var color: ColorChoice = .auto

    func run() throws {
        var options = VerifyRunner.Options()
        options.files = files
        options.plans = plans
        options.terminal = terminal
        options.format = format
        options.record = record
        options.note = note
        options.color = format == "text" && color.enabled
        options.now = WorkflowClock.now()
        if record { options.identity = Identity.resolve(flag: actor.actor, directory: FileManager.default.currentDirectoryPath) }
        let outcome = VerifyRunner(options: options).run()
        print(outcome.output, terminator: "")
        printError(outcome.errorOutput)
        if outcome.exitCode != 0 { Foundation.exit(outcome.exitCode) }
    }
}
