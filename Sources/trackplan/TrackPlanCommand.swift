import ArgumentParser
import Foundation
import TrackPlanKit

@main
struct TrackPlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trackplan",
        abstract: "Tracking plans (埋点 plans) as YAML in git: lint, lifecycle, docs and code.",
        discussion: """
        A workspace is the folder holding trackplan.yaml (found by walking up from the current folder, \
        as git finds .git), with plans in plans/ and event templates in templates/events/.

        Exit codes: 0 clean, 1 findings, 2 usage or unreadable input.
        """,
        version: TrackPlanVersion.current,
        subcommands: [
            InitCommand.self, NewCommand.self, LintCommand.self,
            StatusCommand.self, ShowCommand.self, HistoryCommand.self,
            SubmitCommand.self, ApproveCommand.self, RejectCommand.self, AdvanceCommand.self, RetireCommand.self,
            PostmortemCommand.self,
            DiffCommand.self, GenerateCommand.self, TemplatesCommand.self, DocsCommand.self, ReportCommand.self, VerifyCommand.self,
            SchemaCommand.self, RulesCommand.self, DevDocsCommand.self,
        ]
    )

    /// ArgumentParser's own entry, with usage errors mapped to exit code 2 as documented.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                printError(fullMessage(for: error) + "\n")
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never

    /// Colour on a terminal only, and never when NO_COLOR is set (https://no-color.org).
    var enabled: Bool {
        switch self {
        case .always: true
        case .never: false
        case .auto: isatty(STDOUT_FILENO) == 1 && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        }
    }
}

/// Writes to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}
