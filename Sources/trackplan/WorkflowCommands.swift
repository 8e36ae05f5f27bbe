import ArgumentParser
import Foundation
import TrackPlanKit

extension PlanState: ExpressibleByArgument {}

/// Who is acting, for the commands that write history.
struct ActorOptions: ParsableArguments {
    @Option(name: .customLong("as"), help: ArgumentHelp("Who is acting (e-mail).", discussion: "Default: $TRACKPLAN_USER, else `git config user.email`.", valueName: "who"))
    var actor: String?

    func identity(in directory: String) -> String {
        guard let who = Identity.resolve(flag: actor, directory: directory) else {
            fail("who is acting? Pass --as EMAIL, set TRACKPLAN_USER, or set git config user.email", code: 2)
        }
        return who
    }
}

/// Prints an error and exits with `code`.
func fail(_ message: String, code: Int32) -> Never {
    printError("error: \(message)\n")
    Foundation.exit(code)
}

/// The workspace holding the current folder (or the plan file named), or exit 2.
func workspaceRoot(for planRef: String? = nil) -> String {
    let cwd = FileManager.default.currentDirectoryPath
    var start = cwd
    if let ref = planRef, ref.contains("/") || ref.hasSuffix(".yaml") || ref.hasSuffix(".yml") {
        start = URL(fileURLWithPath: ref, relativeTo: URL(fileURLWithPath: cwd)).standardizedFileURL.deletingLastPathComponent().path
    }
    guard let root = WorkspaceLoader.findRoot(from: start) else {
        fail("no trackplan.yaml found in \(start) or any folder above it; `trackplan init` creates a workspace", code: 2)
    }
    return root
}

/// Runs one lifecycle move and exits: 0 done, 1 refused, 2 bad input.
func runMove(_ action: Lifecycle.Action, plan: String, actor: ActorOptions) -> Never {
    let root = workspaceRoot(for: plan)
    let cwd = FileManager.default.currentDirectoryPath
    let lifecycle = Lifecycle(root: root, identity: actor.identity(in: cwd), now: WorkflowClock.now())
    do {
        let message = try lifecycle.perform(action, plan: plan, directory: cwd)
        print(message)
        Foundation.exit(0)
    } catch let failure as Lifecycle.Failure {
        fail(failure.message, code: failure.exitCode)
    } catch {
        fail("\(error)", code: 2)
    }
}

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a workspace: settings, event templates and an example plan.",
        discussion: "Refuses to overwrite an existing workspace. Writes trackplan.yaml, templates/events/{exposure,click,page_view}.yaml, plans/search_click.yaml, and adds the lock file to .gitignore."
    )

    @Argument(help: "Folder to create the workspace in.", completion: .directory)
    var directory: String = "."

    func run() throws {
        let dir = URL(fileURLWithPath: directory, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL.path
        do {
            let written = try Drafting.initWorkspace(at: dir)
            print("created a workspace in \(directory):")
            for path in written { print("  \(path)") }
            print("\nnext: edit roles in trackplan.yaml, then `trackplan new PLAN --template click`")
        } catch {
            fail("\(error)", code: 2)
        }
    }
}

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Draft a plan from an event template, in state request.",
        discussion: "On a terminal, asks for what the flags leave out; never when input is not a terminal (then the defaults apply: the owner is you, the title comes from the id)."
    )

    @Argument(help: "The plan id (snake_case); the file is plans/PLAN.yaml.")
    var plan: String

    @Option(help: "Event template the first event follows (see templates/events/).")
    var template: String?

    @Option(help: "Who answers for the plan (default: you).")
    var owner: String?

    @Option(help: "One line saying what the plan is for.")
    var title: String?

    @OptionGroup var actor: ActorOptions

    func run() throws {
        if let problem = Drafting.planIDProblem(plan) { fail(problem, code: 2) }
        let root = workspaceRoot()
        let workspace = WorkspaceLoader().load(root: root)
        let interactive = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
        let cwd = FileManager.default.currentDirectoryPath
        var template = template
        var owner = owner ?? Identity.resolve(flag: actor.actor, directory: cwd)
        var title = title
        if interactive {
            let ids = workspace.templates.map(\.id).sorted()
            if template == nil, !ids.isEmpty {
                template = ask("Template (\(ids.joined(separator: ", ")))", default: ids.contains("click") ? "click" : ids[0])
            }
            if self.owner == nil { owner = ask("Owner", default: owner) }
            if title == nil { title = ask("Title", default: Drafting.title(for: plan)) }
        }
        guard let owner, !owner.isEmpty else {
            fail("who owns the plan? Pass --owner EMAIL (or --as, TRACKPLAN_USER, git config user.email)", code: 2)
        }
        do {
            let path = try Drafting.newPlan(.init(id: plan, template: template, owner: owner,
                                                   title: title ?? Drafting.title(for: plan)), in: workspace)
            print("drafted \(path) (state: request)")
            print("next: fill it in, `trackplan lint \(path)`, then `trackplan submit \(plan)`")
        } catch {
            fail("\(error)", code: 2)
        }
    }

    func ask(_ question: String, default value: String?) -> String? {
        print("\(question)\(value.map { " [\($0)]" } ?? ""): ", terminator: "")
        fflush(nil)
        guard let line = readLine()?.trimmingCharacters(in: .whitespaces), !line.isEmpty else { return value }
        return line
    }
}

struct SubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Send a plan in request to review (its gate: the plan lints clean).")
    @Argument(help: "Plan id or file.") var plan: String
    @Option(help: "A note for the history.") var note: String?
    @OptionGroup var actor: ActorOptions
    func run() throws { runMove(.submit(note: note), plan: plan, actor: actor) }
}

struct ApproveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Approve the plan's current content as one of your roles.",
        discussion: "The approval is bound to a SHA-256 digest of the plan's content: any later change makes it stale, and gates stop counting it. The plan's owner cannot approve it. Without --role, the role is the one of yours the next gate still needs.")
    @Argument(help: "Plan id or file.") var plan: String
    @Option(help: "The role you approve as (see roles in trackplan.yaml).") var role: String?
    @Option(help: "A note kept with the approval.") var comment: String?
    @OptionGroup var actor: ActorOptions
    func run() throws { runMove(.approve(role: role, comment: comment), plan: plan, actor: actor) }
}

struct RejectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reject",
        abstract: "Send a plan in review back to request, saying why.")
    @Argument(help: "Plan id or file.") var plan: String
    @Option(help: "What must change (kept in the history).") var comment: String
    @OptionGroup var actor: ActorOptions
    func run() throws { runMove(.reject(comment: comment), plan: plan, actor: actor) }
}

struct AdvanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "advance",
        abstract: "Move a plan one state along, if the gate into that state holds.",
        discussion: "request → review → implementation → testing → release → post_mortem. No skipping: --to names the next state, for scripts that want to say what they expect.")
    @Argument(help: "Plan id or file.") var plan: String
    @Option(help: "The state expected next (refused if it is not the next one).") var to: PlanState?
    @Option(help: "A note for the history.") var note: String?
    @OptionGroup var actor: ActorOptions
    func run() throws { runMove(.advance(to: to, note: note), plan: plan, actor: actor) }
}

struct RetireCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retire",
        abstract: "Withdraw a plan from any state (its event names stay reserved).")
    @Argument(help: "Plan id or file.") var plan: String
    @Option(help: "Why (kept in the history).") var note: String?
    @OptionGroup var actor: ActorOptions
    func run() throws { runMove(.retire(note: note), plan: plan, actor: actor) }
}

struct PostmortemCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "postmortem",
        abstract: "Write the post-mortem section of a released plan.")
    @Argument(help: "Plan id or file.") var plan: String
    @Option(help: "The outcome in a few sentences.") var summary: String
    @Option(help: "The actual release date (YYYY-MM-DD).") var released: String?
    @Option(name: .customLong("issue"), help: "A problem found after release (repeatable).") var issues: [String] = []
    @Option(name: .customLong("follow-up"), help: "What will be done about it (repeatable).") var followUps: [String] = []
    @OptionGroup var actor: ActorOptions
    func run() throws {
        runMove(.postmortem(summary: summary, released: released, issues: issues, followUps: followUps), plan: plan, actor: actor)
    }
}

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Every plan: state, owner, next date, what blocks its next step; overdue plans marked.")
    @Option(help: "Only plans in this state (repeatable).") var state: [PlanState] = []
    @Option(help: "Only plans this person owns.") var owner: String?
    @Option(help: "Only plans with an event on this terminal.") var terminal: String?
    @Flag(help: "Only plans past a scheduled date.") var overdue = false
    @Option(help: "Output format.") var format: ReportFormat = .text
    @Option(help: "Colour: auto (on a terminal, unless NO_COLOR is set), always, never.") var color: ColorChoice = .auto

    func run() throws {
        let workspace = WorkspaceLoader().load(root: workspaceRoot())
        var filter = StatusReport.Filter()
        filter.states = state
        filter.owner = owner
        filter.terminal = terminal
        filter.overdueOnly = overdue
        let rows = StatusReport.rows(workspace, today: WorkflowClock.day(WorkflowClock.now()), filter: filter)
        switch format {
        case .text: print(StatusReport.table(rows, color: color.enabled), terminator: "")
        case .json: print(json(rows))
        }
    }
}

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "One plan: its state, events, approvals (stale ones marked) and what its next move needs.")
    @Argument(help: "Plan id or file.") var plan: String
    @Option(help: "Output format.") var format: ReportFormat = .text
    func run() throws {
        let (view, _) = loadView(plan)
        switch format {
        case .text: print(PlanReport.text(view), terminator: "")
        case .json: print(json(view))
        }
    }
}

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "A plan's moves: when, who, from and to, and the notes.")
    @Argument(help: "Plan id or file.") var plan: String
    @Option(help: "Output format.") var format: ReportFormat = .text
    func run() throws {
        let (view, _) = loadView(plan)
        switch format {
        case .text: print(PlanReport.historyText(view), terminator: "")
        case .json: print(json(view.history))
        }
    }
}

func loadView(_ ref: String) -> (PlanReport.View, Workspace) {
    let workspace = WorkspaceLoader().load(root: workspaceRoot(for: ref))
    do {
        let plan = try Lifecycle.find(ref, in: workspace, directory: FileManager.default.currentDirectoryPath)
        return (PlanReport.view(plan, workspace: workspace, today: WorkflowClock.day(WorkflowClock.now())), workspace)
    } catch let failure as Lifecycle.Failure {
        fail(failure.message, code: failure.exitCode)
    } catch {
        fail("\(error)", code: 2)
    }
}

/// JSON for `print`, which adds the line break itself.
func json<T: Encodable>(_ value: T) -> String {
    String(Reporters.encode(value).dropLast())
}
