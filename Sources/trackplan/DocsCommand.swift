import ArgumentParser
import Foundation
import TrackPlanKit

struct DocsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docs",
        abstract: "Documentation from the plans: Markdown for a wiki or repository, or a static HTML catalogue.",
        discussion: """
        Markdown: index.md (plans by state, by page and module, by terminal), plans/PLAN.md (goal, owner, dates, \
        storage, metrics, events with parameters, de-duplication rules, test checklist, approvals with stale ones \
        marked, history), parameters.md (the parameter dictionary, disagreeing definitions flagged) and events.md \
        (the glossary). HTML: the same as a self-contained site with search and filters. Pages of removed plans \
        are deleted; nothing else in the folder is touched.
        """
    )

    @Option(help: "markdown or html.")
    var format: String = "markdown"

    @Option(help: "Output folder (default: generated/docs/FORMAT in the workspace).", completion: .directory)
    var out: String?

    @Option(help: "Which display name comes first: en or zh.")
    var lang: String = "en"

    func run() throws {
        guard let fmt = DocsGenerator.Format(rawValue: format) else {
            fail("unknown format '\(format)'; choose markdown or html", code: 2)
        }
        guard let language = Catalog.Lang(rawValue: lang) else {
            fail("unknown language '\(lang)'; choose en or zh", code: 2)
        }
        let root = workspaceRoot()
        let workspace = WorkspaceLoader().load(root: root)
        refuseIfBroken(workspace, plans: [], what: "written")
        let outputs = DocsGenerator.outputs(workspace, format: fmt, lang: language, today: WorkflowClock.day(WorkflowClock.now()))
        let dir = outputFolder(out, default: (root as NSString).appendingPathComponent("generated/docs/\(fmt.rawValue)"))
        writeOutputs(fmt.rawValue, count: outputs.count, in: dir) { try DocsGenerator.write(outputs, to: dir, format: fmt) }
    }
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Reports across the lifecycle: --postmortem [PLAN].",
        discussion: """
        With a plan: what was released, how it was verified, the issues found and follow-ups, and each milestone's \
        planned date against the day the plan reached it. Without: one row per plan that reached release.
        """
    )

    @Flag(help: "The post-mortem report.")
    var postmortem = false

    @Argument(help: "A plan id (default: a summary across plans).")
    var plan: String?

    @Option(help: "markdown or json.")
    var format: String = "markdown"

    func run() throws {
        guard postmortem else { fail("choose a report: --postmortem", code: 2) }
        guard format == "markdown" || format == "json" else { fail("unknown format '\(format)'; choose markdown or json", code: 2) }
        let workspace = WorkspaceLoader().load(root: workspaceRoot(for: plan))
        refuseIfBroken(workspace, plans: plan.map { [$0] } ?? [], what: "reported")
        let catalog = Catalog.build(workspace, today: WorkflowClock.day(WorkflowClock.now()))
        if let plan {
            let id = plan.hasSuffix(".yaml") ? ((plan as NSString).lastPathComponent as NSString).deletingPathExtension : plan
            guard let p = catalog.plans.first(where: { $0.id == id }) else {
                fail("no plan '\(id)' in the workspace", code: 2)
            }
            print(format == "json" ? Reporters.encode(PostmortemReport.row(p)) : PostmortemReport.markdown(p), terminator: "")
        } else {
            print(format == "json" ? Reporters.encode(PostmortemReport.released(catalog).map(PostmortemReport.row)) : PostmortemReport.summaryMarkdown(catalog), terminator: "")
        }
    }
}
