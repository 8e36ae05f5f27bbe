import Foundation

/// The classified changes between BASE and the working tree, and how to show them.
public struct DiffReport: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case text, json, markdown, github
    }

    /// What makes the command exit 1.
    public enum FailOn: String, Sendable, CaseIterable {
        /// A change of severity `breaking`.
        case breaking
        /// A change of severity `counts` or `breaking`.
        case counts
        /// Any change at all.
        case any

        public func fails(_ change: Change) -> Bool {
            switch self {
            case .breaking: change.severity == .breaking
            case .counts: change.severity >= .counts
            case .any: true
            }
        }
    }

    /// The suggested SchemaVer bump of one event.
    public struct Version: Sendable, Hashable, Codable {
        public var event: String
        /// `MODEL`, `REVISION`, `ADDITION`, `new` or `removed`.
        public var bump: String
        /// The event's `version` at BASE (1-0-0 when it had none), and the one suggested.
        public var from: String?
        public var to: String?
        /// The rules that asked for it.
        public var rules: [String]
    }

    /// How BASE is named to the reader: a revision or a folder.
    public var base: String
    public var changes: [Change]
    /// Prefix that makes a workspace-relative path relative to the current folder.
    public var pathPrefix: String

    public init(base: String, changes: [Change], pathPrefix: String = "") {
        self.base = base
        self.changes = changes.sorted(by: Change.sortKey)
        self.pathPrefix = pathPrefix
    }

    public func failing(_ failOn: FailOn) -> [Change] { changes.filter(failOn.fails) }

    public func count(_ severity: ChangeSeverity) -> Int { changes.filter { $0.severity == severity }.count }

    /// Per event of the new workspace with a change (and per removed event): the largest
    /// SchemaVer bump its changes ask for. A change to a plan's storage reaches that plan's
    /// events, a change to a common parameter every event. Events with only changes outside
    /// the payload schema (documentation, terminals) are left out.
    public func versions(head: Workspace, base: Workspace? = nil) -> [Version] {
        var byEvent: [String: Version] = [:]
        func raise(_ event: String, _ c: Change) {
            if let v = byEvent[event], v.bump == "new" || v.bump == "removed" { return }
            switch c.rule {
            case "event-added": byEvent[event] = Version(event: event, bump: "new", rules: [c.rule]); return
            case "event-removed": byEvent[event] = Version(event: event, bump: "removed", rules: [c.rule]); return
            default: break
            }
            guard let b = c.bump else { return }
            var v = byEvent[event] ?? Version(event: event, bump: b.rawValue, rules: [])
            if let current = SchemaVerBump(rawValue: v.bump), current > b {} else { v.bump = b.rawValue }
            if !v.rules.contains(c.rule) { v.rules = (v.rules + [c.rule]).sorted() }
            byEvent[event] = v
        }
        var planEvents: [String: [String]] = [:]
        for p in head.plans { planEvents[p.id, default: []] += p.events.map(\.name) }
        for c in changes {
            if let e = c.event {
                raise(e, c)
            } else if let p = c.plan {
                for e in planEvents[p] ?? [] { raise(e, c) }
            } else {
                for e in planEvents.values.joined() { raise(e, c) }
            }
        }
        // With the versions written in the plans (`version: 1-0-0`), the next one spelled out.
        var written: [String: String] = [:]
        for p in (base ?? head).plans { for e in p.events { if let v = e.node["version"]?.text { written[e.name] = v } } }
        return byEvent.values.sorted { $0.event < $1.event }.map { v in
            var v = v
            if v.bump == "new" {
                v.to = "1-0-0"
            } else if let b = SchemaVerBump(rawValue: v.bump) {
                let current = written[v.event] ?? "1-0-0"
                if let parsed = Self.schemaVer(current) {
                    let next = b.apply(to: parsed)
                    v.from = current
                    v.to = "\(next.model)-\(next.revision)-\(next.addition)"
                }
            }
            return v
        }
    }

    /// `1-2-3` as numbers, or nil.
    static func schemaVer(_ s: String) -> (model: Int, revision: Int, addition: Int)? {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count == 3, let m = parts[0], let r = parts[1], let a = parts[2], m >= 0, r >= 0, a >= 0 else { return nil }
        return (m, r, a)
    }

    func shown(_ place: Place) -> String { "\(pathPrefix)\(place.path):\(place.line):\(place.column)" }

    // MARK: - Text

    public func text(versions: [Version]? = nil) -> String {
        var out = ""
        for c in changes {
            let at = c.location.map(shown) ?? c.oldLocation.map { "\(base):" + "\($0.path):\($0.line):\($0.column)" } ?? base
            out += "\(at): \(c.severity.rawValue): \(c.subject): \(c.message) [\(c.rule), \(c.changeClass.rawValue)\(c.state.map { ", plan in \($0.rawValue)" } ?? "")]\n"
        }
        out += summary + "\n"
        if let versions, !versions.isEmpty {
            out += "\nSchemaVer (MODEL-REVISION-ADDITION) per event:\n"
            let width = versions.map(\.event.count).max() ?? 0
            for v in versions {
                let step = v.to.map { to in v.from.map { "\($0) → \(to)  " } ?? "\(to)  " } ?? ""
                out += "  " + v.event.padding(toLength: width, withPad: " ", startingAt: 0) + "  \(v.bump)  \(step)(\(v.rules.joined(separator: ", ")))\n"
            }
        }
        return out
    }

    public var summary: String {
        if changes.isEmpty { return "No changes against \(base)." }
        func plural(_ n: Int, _ w: String) -> String { "\(n) \(w)\(n == 1 ? "" : "s")" }
        let classes = ChangeClass.allCases.map { k in (k, changes.filter { $0.changeClass == k }.count) }.filter { $0.1 > 0 }
            .map { "\($0.1) \($0.0.rawValue)" }.joined(separator: ", ")
        return "\(plural(changes.count, "change")) against \(base): by class \(classes); by severity for the plans' states \(count(.breaking)) breaking, \(count(.counts)) counting, \(count(.informational)) informational."
    }

    // MARK: - JSON

    struct JSONOutput: Encodable {
        var version = 1
        var base: String
        var changes: [Item]
        var summary: [String: Int]
        var versions: [Version]?
    }

    struct Item: Encodable {
        var rule: String
        var `class`: String
        var severity: String
        var bump: String?
        var plan: String?
        var state: String?
        var event: String?
        var parameter: String?
        var terminal: String?
        var old: String?
        var new: String?
        var message: String
        var path: String?
        var line: Int?
        var column: Int?
        var old_path: String?
        var old_line: Int?
        var old_column: Int?
    }

    public func json(versions: [Version]? = nil) -> String {
        let items = changes.map { c in
            Item(rule: c.rule, class: c.changeClass.rawValue, severity: c.severity.rawValue, bump: c.bump?.rawValue, plan: c.plan,
                 state: c.state?.rawValue, event: c.event, parameter: c.parameter, terminal: c.terminal, old: c.old, new: c.new,
                 message: c.message, path: c.location.map { pathPrefix + $0.path }, line: c.location?.line, column: c.location?.column,
                 old_path: c.oldLocation?.path, old_line: c.oldLocation?.line, old_column: c.oldLocation?.column)
        }
        var summary: [String: Int] = ["changes": changes.count]
        for s in ChangeSeverity.allCases { summary[s.rawValue] = count(s) }
        for k in ChangeClass.allCases { summary["class_\(k.rawValue)"] = changes.filter { $0.changeClass == k }.count }
        return Reporters.encode(JSONOutput(base: base, changes: items, summary: summary, versions: versions))
    }

    // MARK: - Markdown (a pull-request comment)

    public func markdown(versions: [Version]? = nil) -> String {
        typealias M = MarkdownDocs
        var out = "## Tracking plan changes against \(M.code(base))\n\n"
        if changes.isEmpty { return out + "No changes.\n" }
        out += M.text(summary) + "\n\n"
        let sections: [(ChangeSeverity, String)] = [
            (.breaking, "Breaking (released plans)"),
            (.counts, "Counting (plans in implementation or later)"),
            (.informational, "Informational (plans in request or review, and documentation)"),
        ]
        for (severity, title) in sections {
            let rows = changes.filter { $0.severity == severity }
            guard !rows.isEmpty else { continue }
            out += "### \(title): \(rows.count)\n\n"
            out += M.table(["where", "what", "change", "rule", "class"], rows.map { c in
                let at = c.location.map { M.code(shown($0)) } ?? c.oldLocation.map { M.code("\(base):\($0.path):\($0.line)") } ?? ""
                var change = M.text(c.message)
                if let o = c.old, let n = c.new, !c.message.contains("→") {
                    change += ": " + M.code(o) + " → " + M.code(n)
                }
                return [at, M.code(c.subject), change, M.code(c.rule),
                        c.changeClass.rawValue + (c.state.map { ", plan in " + M.text($0.rawValue) } ?? "")]
            })
            out += "\n"
        }
        if let versions, !versions.isEmpty {
            out += "### Suggested SchemaVer bumps\n\n"
            out += M.table(["event", "bump", "version", "because of"], versions.map { v in
                [M.code(v.event), v.bump, v.to.map { to in v.from.map { "\(M.text($0)) → \(M.text(to))" } ?? M.text(to) } ?? "",
                 v.rules.map(M.code).joined(separator: ", ")]
            })
            out += "\n"
        }
        return out
    }

    // MARK: - GitHub annotations

    /// Each change as a workflow command on its line, through the lint reporter: breaking is
    /// an error, counting a warning, informational a notice.
    public func github() -> String {
        let diagnostics = changes.compactMap { c -> Diagnostic? in
            guard let place = c.primaryPlace else { return nil }
            let severity: Severity = switch c.severity {
            case .breaking: .error
            case .counts: .warning
            case .informational: .note
            }
            var message = "\(c.subject): \(c.message) (\(c.changeClass.rawValue)"
            if let s = c.state { message += ", plan in \(s.rawValue)" }
            message += ")"
            if c.location == nil, let old = c.oldLocation { message += "; was at \(base):\(old.path):\(old.line)" }
            return Diagnostic(path: place.path, location: SourceLocation(line: place.line, column: place.column, offset: 0),
                              severity: severity, ruleID: "diff/" + c.rule, message: message)
        }
        return GitHubReporter().report(ReportInput(diagnostics: diagnostics, pathPrefix: pathPrefix))
    }

    public func render(_ format: Format, versions: [Version]?) -> String {
        switch format {
        case .text: text(versions: versions)
        case .json: json(versions: versions)
        case .markdown: markdown(versions: versions)
        case .github: github()
        }
    }
}

extension DiffReport {
    /// How the workspace root is written from the current folder, as lint writes it.
    public static func prefix(root: String, cwd: String) -> String { LintRunner.prefix(root: root, cwd: cwd) }
}
