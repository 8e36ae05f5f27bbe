import Foundation

/// Runs the rules over a workspace and applies the levels set in trackplan.yaml.
public struct Linter: Sendable {
    public var rules: [any LintRule]

    public init(rules: [any LintRule] = RuleRegistry.all) {
        self.rules = rules
    }

    /// Every finding: the loader's and the rules', levelled and sorted.
    public func lint(_ workspace: Workspace) -> [Diagnostic] {
        let modelRules = rules.filter { type(of: $0).description.phase == .model }.map(Prepared.init)
        // A rule of the registry's that checks parameter sites runs with the others of its kind; the rest
        // (and any rule from elsewhere) walk the workspace their own way.
        let siteRules = modelRules.filter { $0.siteRule != nil }
        let wholeRules = modelRules.filter { $0.siteRule == nil }

        // First the rules that walk the workspace their own way, each on its own, and the site
        // rules' other findings; meanwhile one core makes the parameter sites (unless no rule reads them).
        let makeSites = siteRules.isEmpty ? 0 : 1
        let whole = Concurrent.map(makeSites + wholeRules.count + siteRules.count) { i -> [[Diagnostic]] in
            if i < makeSites {
                _ = EventRuleSupport.parameterSites(workspace)
                return []
            }
            let j = i - makeSites
            if j < wholeRules.count {
                var s = wholeRules[j].sink()
                wholeRules[j].rule.validate(workspace, &s)
                return [s.diagnostics]
            }
            let r = siteRules[j - wholeRules.count]
            var s = r.sink()
            r.siteRule?.validateOthers(workspace, &s)
            return [s.diagnostics]
        }
        // Then the sites, run by run: each run goes through every site rule while it is in cache.
        var bySite: [[[Diagnostic]]] = []
        if !siteRules.isEmpty {
            let sites = EventRuleSupport.parameterSites(workspace)
            let runs = (sites.count + Self.sitesPerRun - 1) / Self.sitesPerRun
            bySite = Concurrent.map(runs) { r -> [[Diagnostic]] in
                let run = sites[r * Self.sitesPerRun ..< min(sites.count, (r + 1) * Self.sitesPerRun)]
                return siteRules.map { r in
                    var s = r.sink()
                    r.siteRule?.check(run, in: workspace, &s)
                    return s.diagnostics
                }
            }
        }
        var found = workspace.loadDiagnostics
        for list in whole { for d in list { found += d } }
        for run in bySite { for d in run { found += d } }
        return Self.finish(found, workspace.settings)
    }

    /// Levelled as trackplan.yaml says, sorted, and each finding once: a rule that meets the same
    /// definition through several events (a template's parameter) finds the same thing each time.
    static func finish(_ found: [Diagnostic], _ settings: Settings) -> [Diagnostic] {
        let levels = LevelResolver(settings: settings.lint)
        var seen = Set<Diagnostic>()
        return found.compactMap { levels.apply($0) }.filter { seen.insert($0).inserted }.sorted(by: Diagnostic.sortKey)
    }

    /// Sites per run: a run's parameters and nodes stay in cache while every site rule reads them.
    static let sitesPerRun = 256

    /// Loads the workspace at `root` and lints it in one pass, what `trackplan lint` does: each plan
    /// goes through the rules that check a plan on its own on the core that read it, while its nodes
    /// are in cache, and is then freed, so memory stays that of a few files at a time; the rules
    /// that compare plans read a summary of each. The findings are those of `lint(loader.load(...))`
    /// (tests compare the two); the workspace handed back has the settings, templates, sources and
    /// the loader's findings, but no plans. With a rule from outside the registry, whose scope is
    /// not known, the whole workspace is loaded first and linted as `lint(_:)` does.
    public func lint(root: String, onlyPlans: [String]? = nil,
                     loader: WorkspaceLoader = WorkspaceLoader()) -> (diagnostics: [Diagnostic], workspace: Workspace) {
        let known = Set(RuleRegistry.all.map { type(of: $0).description.id })
        guard rules.allSatisfy({ known.contains(type(of: $0).description.id) }) else {
            let workspace = loader.load(root: root, onlyPlans: onlyPlans)
            return (lint(workspace), workspace)
        }
        let modelRules = rules.filter { type(of: $0).description.phase == .model }
        let crossPlan = modelRules.compactMap { RuleRegistry.crossPlanRules[type(of: $0).description.id] }
        let perPlan = modelRules.filter { RuleRegistry.crossPlanRules[type(of: $0).description.id] == nil }.map(Prepared.init)

        let (workspace, visits) = loader.load(root: root, onlyPlans: onlyPlans) { base, plan in
            // The settings' and templates' own findings come from the run on the workspace without
            // plans below (a one-plan workspace leaves them out); here, what this plan causes, in its
            // file or in another (a template's index parameter of the wrong type for its list slot).
            let found = Self.run(perPlan, on: Workspace(base: base, plan: plan))
            return (found: found, summaries: crossPlan.map { $0.anySummary(of: plan) })
        }
        var found = workspace.loadDiagnostics
        found += Self.run(perPlan, on: workspace)
        for visit in visits { found += visit.result.found }
        for (k, rule) in crossPlan.enumerated() {
            var s = DiagnosticSink(ruleID: type(of: rule).description.id, severity: type(of: rule).description.severity)
            rule.validate(anySummaries: visits.map { (path: $0.path, summary: $0.result.summaries[k]) }, &s)
            found += s.diagnostics
        }
        return (Self.finish(found, workspace.settings), workspace)
    }

    /// A rule made ready to run, as often as the streaming lint runs it: its id and level read once (a
    /// rule's description is a large value, copied on every read), and as a site rule found in the
    /// registry once.
    private struct Prepared {
        let rule: any LintRule
        let siteRule: (any ParameterSiteRule)?
        let id: String
        let severity: Severity

        init(_ rule: any LintRule) {
            self.rule = rule
            id = type(of: rule).description.id
            severity = type(of: rule).description.severity
            siteRule = RuleRegistry.parameterSiteRules[id]
        }

        func sink() -> DiagnosticSink { DiagnosticSink(ruleID: id, severity: severity) }
    }

    /// `rules` over a small workspace, one after another on this core.
    private static func run(_ rules: [Prepared], on workspace: Workspace) -> [Diagnostic] {
        var found: [Diagnostic] = []
        let sites = rules.contains { $0.siteRule != nil } ? EventRuleSupport.parameterSites(workspace)[...] : []
        for r in rules {
            var s = r.sink()
            if let siteRule = r.siteRule {
                siteRule.validateOthers(workspace, &s)
                siteRule.check(sites, in: workspace, &s)
            } else {
                r.rule.validate(workspace, &s)
            }
            found += s.diagnostics
        }
        return found
    }
}

/// Rule levels from `lint:` in trackplan.yaml: workspace-wide, then per path (later entries win).
struct LevelResolver {
    let settings: LintLevels

    func apply(_ d: Diagnostic) -> Diagnostic? {
        var level = settings.rules[d.ruleID]
        for entry in settings.paths where Glob.matches(entry.match, d.path) {
            if let l = entry.rules[d.ruleID] { level = l }
        }
        guard let level else { return d }
        var out = d
        switch level {
        case "off": return nil
        case "note": out.severity = .note
        case "warning": out.severity = .warning
        case "error": out.severity = .error
        default: break
        }
        return out
    }
}

/// Shell-style globs (`*`, `?`, `[...]`, and `**` across folders) over workspace paths.
public enum Glob {
    public static func matches(_ pattern: String, _ path: String) -> Bool {
        // `**/` may match no folder at all.
        if pattern.contains("**/"), fnmatch(pattern.replacingOccurrences(of: "**/", with: ""), path, 0) == 0 { return true }
        return fnmatch(pattern.replacingOccurrences(of: "**", with: "*"), path, 0) == 0
    }
}
