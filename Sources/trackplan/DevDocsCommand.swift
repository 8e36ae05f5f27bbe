import ArgumentParser
import Foundation
import TrackPlanKit

/// `make docs`: rewrites the generated parts of the docs (hidden from --help).
struct DevDocsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev-docs",
        abstract: "Rewrite docs/rules.md and the reference in docs/plan-format.md.",
        shouldDisplay: false
    )

    @Option(help: "The repository root.")
    var root: String = "."

    func run() throws {
        let docs = URL(fileURLWithPath: root).appendingPathComponent("docs")
        try AtomicFile.write(RuleDocs.markdown(), to: docs.appendingPathComponent("rules.md").path)
        let formatPath = docs.appendingPathComponent("plan-format.md").path
        let page = try String(contentsOfFile: formatPath, encoding: .utf8)
        try AtomicFile.write(FormatDocs.updating(page), to: formatPath)
    }
}
