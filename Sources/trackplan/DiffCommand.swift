import ArgumentParser
import Foundation
import TrackPlanKit

extension DiffReport.Format: ExpressibleByArgument {}
extension DiffReport.FailOn: ExpressibleByArgument {}

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Classify every change against BASE: breaking, compatible or documentation, weighed by each plan's state.",
        discussion: """
        BASE is a folder holding a workspace, or a git revision (its plans are read with git; the working \
        tree is compared against it). Default: the merge base of HEAD with origin/HEAD, origin/main, \
        origin/master, main or master. Events are compared by their effective definitions (templates and \
        terminal overrides applied). A change to a plan in request or review is informational; in \
        implementation or testing it counts; a breaking change to a released plan is breaking. \
        docs/diff.md lists every rule.

        Examples:
          trackplan diff                                   # against the merge base with the default branch
          trackplan diff HEAD~1 --versions
          trackplan diff origin/main --format markdown > comment.md
          trackplan diff origin/main --format github --fail-on breaking
        """
    )

    @Argument(help: ArgumentHelp("A git revision or a folder holding a workspace.", valueName: "base"))
    var base: String?

    @Option(name: .shortAndLong, help: "Output format: text, json, markdown or github.")
    var format: DiffReport.Format = .text

    @Option(help: "Exit 1 on changes of this severity: breaking, counts (counts or breaking) or any.")
    var failOn: DiffReport.FailOn = .breaking

    @Flag(help: "Suggest a SchemaVer bump (MODEL, REVISION, ADDITION) per changed event.")
    var versions = false

    func run() throws {
        let cwd = FileManager.default.currentDirectoryPath
        let root = workspaceRoot()
        let head = WorkspaceLoader().load(root: root)
        refuseIfBroken(head, plans: [], what: "compared")
        let loaded: DiffBase.Loaded
        do {
            loaded = try DiffBase.load(base, root: root, cwd: cwd)
        } catch {
            fail("\(error)", code: 2)
        }
        let baseErrors = loaded.workspace.loadDiagnostics.filter { $0.severity == .error }
        if !baseErrors.isEmpty {
            let files = Set(baseErrors.map(\.path)).sorted().joined(separator: ", ")
            printError("warning: BASE \(loaded.label) does not load cleanly (\(baseErrors.count) error\(baseErrors.count == 1 ? "" : "s") in \(files)); changes in those files may be missing or spurious\n")
        }
        let changes = PlanDiff.compare(base: loaded.workspace, head: head)
        // Annotations need paths from the repository's top; elsewhere paths read from the current folder.
        let prefix = format == .github ? DiffBase.repositoryPrefix(root: root) : nil
        let report = DiffReport(base: loaded.label, changes: changes,
                                pathPrefix: prefix ?? DiffReport.prefix(root: root, cwd: URL(fileURLWithPath: cwd).standardizedFileURL.path))
        print(report.render(format, versions: versions ? report.versions(head: head, base: loaded.workspace) : nil), terminator: "")
        fflush(nil)
        Foundation.exit(report.failing(failOn).isEmpty ? 0 : 1)
    }
}
