import Foundation

/// A small workspace for a rule's example: files by workspace-relative path.
/// `↓` marks where a finding must land; the examples are the rule's tests and docs.
public struct RuleExample: Sendable {
    public var files: [String: String]
    /// The text shown in docs (the event or plan as written).
    public var shown: String

    /// A whole workspace's worth of files (the base settings and templates fill in the rest).
    public init(files: [String: String]) {
        self.files = files
        shown = files.sorted { $0.key < $1.key }.map { "# \($0.key)\n\($0.value)" }.joined(separator: "\n")
    }

    /// A whole plan, written to plans/example.yaml.
    public init(plan: String, extraFiles: [String: String] = [:]) {
        files = extraFiles.merging(["plans/example.yaml": plan]) { $1 }
        shown = plan
    }

    /// One event (a mapping without the leading dash) inside a minimal plan.
    public init(event: String, extraFiles: [String: String] = [:]) {
        // Every rule's examples are built when the rules are first listed, on each run: split the
        // bytes (a line feed is a character of its own unless it follows a carriage return).
        let lines = event.utf8.contains(13) ? event.split(separator: "\n", omittingEmptySubsequences: false)
            : event.utf8.split(separator: 10, omittingEmptySubsequences: false).map { Substring($0) }
        var body = ""
        for (i, line) in lines.enumerated() where !(i == lines.count - 1 && line.isEmpty) {
            body += (i == 0 ? "  - " : "    ") + line + "\n"
        }
        let plan = "plan: example\ntitle: Example\nowner: alice@example.com\nterminals: [ios, android]\nevents:\n" + body
        files = extraFiles.merging(["plans/example.yaml": plan]) { $1 }
        shown = event
    }

    /// The settings file replaced by `settings`.
    public init(settings: String, event: String) {
        self.init(event: event, extraFiles: ["trackplan.yaml": settings])
        shown = "# trackplan.yaml\n\(settings)\n# plans/example.yaml (event)\n\(event)"
    }
}

/// What a rule's findings about a plan depend on.
public enum RuleScope: String, Sendable {
    /// The settings, the templates and that plan only: the linter checks each plan while it is in memory.
    case plan
    /// Other plans too (names unique across the workspace): the rule is a `CrossPlanRule`.
    case acrossPlans
}

public enum RulePhase: String, Sendable {
    /// Found while reading files: the reader and the format's structure.
    case load
    /// Found on the loaded model.
    case model
}

/// What a rule says about itself: the docs and the tests are made from this.
public struct RuleDescription: Sendable {
    public var id: String
    public var summary: String
    public var rationale: String
    public var severity: Severity
    public var phase: RulePhase
    public var scope: RuleScope
    public var nonTriggering: [RuleExample]
    public var triggering: [RuleExample]

    public init(id: String, summary: String, rationale: String, severity: Severity = .error, phase: RulePhase = .model,
                scope: RuleScope = .plan, nonTriggering: [RuleExample], triggering: [RuleExample]) {
        self.id = id
        self.summary = summary
        self.rationale = rationale
        self.severity = severity
        self.phase = phase
        self.scope = scope
        self.nonTriggering = nonTriggering
        self.triggering = triggering
    }
}

/// A lint rule: one file each, describing itself, checking the whole workspace.
public protocol LintRule: Sendable {
    static var description: RuleDescription { get }
    init()
    /// Reports findings into `sink`. Load-phase rules report nothing here: the loader does.
    func validate(_ workspace: Workspace, _ sink: inout DiagnosticSink)
}

extension LintRule {
    public static var id: String { description.id }
    public func validate(_ workspace: Workspace, _ sink: inout DiagnosticSink) {}
}

/// A rule that checks each parameter as written (each `ParameterSite`: common, template, event
/// and terminal-override parameters with their nested properties and items) on its own.
///
/// The linter hands every such rule the same slice of sites in turn, slice after slice on every
/// core, so a site's parameter and nodes are fetched from memory once for all of these rules
/// rather than once per rule. Alone (a rule's examples, `validate`) the rule walks every site.
protocol ParameterSiteRule: LintRule {
    /// What the rule keeps while it walks a run of sites: settings it reads, a cache.
    associatedtype Context
    /// Made once for each run of sites (so a cache in it is never shared between cores).
    func context(_ workspace: Workspace) -> Context
    func check(_ site: EventRuleSupport.ParameterSite, _ context: inout Context, _ sink: inout DiagnosticSink)
    /// The rule over `sites`, a run of the workspace's parameter sites. A requirement (with the one
    /// implementation below) so each rule's witness is compiled for that rule, not as generic code.
    func check(_ sites: ArraySlice<EventRuleSupport.ParameterSite>, in workspace: Workspace, _ sink: inout DiagnosticSink)
    /// Findings about anything other than a parameter site (event names, say). None by default.
    func validateOthers(_ workspace: Workspace, _ sink: inout DiagnosticSink)
}

extension ParameterSiteRule where Context == Void {
    func context(_ workspace: Workspace) {}
}

extension ParameterSiteRule {
    func validateOthers(_ workspace: Workspace, _ sink: inout DiagnosticSink) {}

    func check(_ sites: ArraySlice<EventRuleSupport.ParameterSite>, in workspace: Workspace, _ sink: inout DiagnosticSink) {
        var context = context(workspace)
        for site in sites { check(site, &context, &sink) }
    }

    /// The whole rule on its own: what each such rule's `validate` does.
    func validateAlone(_ workspace: Workspace, _ sink: inout DiagnosticSink) {
        validateOthers(workspace, &sink)
        check(EventRuleSupport.parameterSites(workspace)[...], in: workspace, &sink)
    }
}

/// A rule whose findings about a plan depend on other plans (event names unique across the
/// workspace). The linter frees each plan once its own rules have run, so such a rule first reads
/// each plan into a small summary, while the plan is in memory, and then judges the summaries of
/// all the plans together. Alone (its examples, `validate`) it does both over the workspace's plans.
protocol CrossPlanRule: LintRule {
    associatedtype Summary: Sendable
    /// What the rule needs of one plan.
    func summary(of plan: Plan) -> Summary
    /// The findings, from every plan's summary in the order the plans are read (by path).
    func validate(_ summaries: [(path: String, summary: Summary)], _ sink: inout DiagnosticSink)
}

extension CrossPlanRule {
    func validateAlone(_ workspace: Workspace, _ sink: inout DiagnosticSink) {
        validate(workspace.plans.map { (path: $0.path, summary: summary(of: $0)) }, &sink)
    }

    /// `summary(of:)` and `validate(_:_:)` for a linter that holds the rule as `any CrossPlanRule`.
    func anySummary(of plan: Plan) -> any Sendable { summary(of: plan) }

    func validate(anySummaries: [(path: String, summary: any Sendable)], _ sink: inout DiagnosticSink) {
        validate(anySummaries.map { (path: $0.path, summary: $0.summary as! Summary) }, &sink)
    }
}
