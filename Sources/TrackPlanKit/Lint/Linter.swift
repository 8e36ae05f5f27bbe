import Foundation

/// Runs the rules over a workspace and applies the levels set in trackplan.yaml.
public struct Linter: Sendable {
    public var rules: [any LintRule]

    public init(rules: [any LintRule] = RuleRegistry.all) {
        self.rules = rules
    }

    /// Every finding: the loader's and the rules', levelled and sorted.
    public func lint(_ workspace: Workspace) -> [Diagnostic] {
        var found = workspace.loadDiagnostics
        // Rules are independent: they run on every core, each into its own sink.
        let modelRules = rules.filter { type(of: $0).description.phase == .model }
        let slots = UnsafeMutableBufferPointer<[Diagnostic]>.allocate(capacity: modelRules.count)
        slots.initialize(repeating: [])
        defer { slots.deinitialize(); slots.deallocate() }
        nonisolated(unsafe) let results = slots
        // The parameter sites several rules share are made first, on one core, while the other
        // starts on the rules listed first, which do not need them: no rule waits for another
        // rule to make them. (Only when there are rules enough to share them.)
        let warmUp = modelRules.count > 1 ? 1 : 0
        DispatchQueue.concurrentPerform(iterations: warmUp + modelRules.count) { i in
            if i < warmUp {
                _ = EventRuleSupport.parameterSites(workspace)
                return
            }
            let rule = modelRules[i - warmUp]
            let d = type(of: rule).description
            var sink = DiagnosticSink(ruleID: d.id, severity: d.severity)
            rule.validate(workspace, &sink)
            results[i - warmUp] = sink.diagnostics
        }
        for list in slots { found += list }
        let levels = LevelResolver(settings: workspace.settings.lint)
        let levelled = found.compactMap { levels.apply($0) }
        return levelled.sorted(by: Diagnostic.sortKey)
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
