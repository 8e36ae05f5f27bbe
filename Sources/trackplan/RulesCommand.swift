import ArgumentParser
import TrackPlanKit

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the lint rules, or print docs/rules.md."
    )

    @Flag(help: "Print the full rule reference as Markdown (docs/rules.md).")
    var markdown = false

    func run() throws {
        if markdown {
            print(RuleDocs.markdown(), terminator: "")
            return
        }
        let rules = RuleRegistry.all.map { type(of: $0).description }
        let width = rules.map(\.id.count).max() ?? 0
        for r in rules {
            print(r.id.padding(toLength: width, withPad: " ", startingAt: 0) + "  " +
                  r.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0) + "  " + r.summary)
        }
    }
}
