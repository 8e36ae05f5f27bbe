public struct PlanIDMatchesFileRule: LintRule {
    public init() {}
    public static let description = RuleDescription(
        id: "plan-id-matches-file",
        summary: "A plan's `plan:` id (and a template's `template:` id) is snake_case and equals its file name without .yaml.",
        rationale: "Ids become file names, generated file and type names and references from other plans and templates; when the id and the file disagree, people open the wrong file and tools write to the wrong one. Keeping ids to [a-z0-9_] also keeps a crafted id such as `../x` from ever becoming a path.",
        nonTriggering: [
            RuleExample(plan: "plan: example\ntitle: Search\nowner: alice@example.com\nterminals: [ios]\nevents:\n  - name: search_click\n    type: click\n"),
        ],
        triggering: [
            RuleExample(files: ["plans/homepage_banner.yaml": "plan: ↓homepage_banners\ntitle: Homepage banner\nowner: alice@example.com\nterminals: [ios]\nevents:\n  - name: homepage_banner_click\n    template: banner_click\n"]),
            RuleExample(files: ["plans/Homepage-Banner.yaml": "plan: ↓Homepage-Banner\ntitle: Homepage banner\nowner: alice@example.com\nterminals: [ios]\nevents:\n  - name: homepage_banner_click\n    template: banner_click\n"]),
            RuleExample(files: ["templates/events/card_exposure.yaml": "template: ↓card_exposure_v1\nextends: exposure\n"]),
        ]
    )

    public func validate(_ workspace: Workspace, _ sink: inout DiagnosticSink) {
        for plan in workspace.plans {
            check(plan.node, key: "plan", kind: "plan", path: plan.path, &sink)
        }
        for t in workspace.checkedTemplates {
            check(t.node, key: "template", kind: "template", path: t.path, &sink)
        }
    }

    /// `^[a-z0-9]+(_[a-z0-9]+)*$`, checked byte by byte (a regular expression cost more than
    /// the rest of the rule). As the expression's `$` allows, one line break may follow the id.
    static func isSnakeID(_ id: String) -> Bool {
        var b = Array(id.utf8)[...]
        if let end = lineBreaks.first(where: { b.count >= $0.count && b.suffix($0.count).elementsEqual($0) }) {
            b = b.dropLast(end.count)
        }
        guard let first = b.first, let last = b.last, first != UInt8(ascii: "_"), last != UInt8(ascii: "_") else { return false }
        var previous: UInt8 = 0
        for c in b {
            let word = (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
            guard word || (c == UInt8(ascii: "_") && previous != c) else { return false }
            previous = c
        }
        return true
    }

    /// CRLF, LF, VT, FF, CR, NEL, LS and PS in UTF-8: what a regular expression's `$` may stand before.
    private static let lineBreaks: [[UInt8]] = [[13, 10], [10], [11], [12], [13], [0xC2, 0x85], [0xE2, 0x80, 0xA8], [0xE2, 0x80, 0xA9]]

    /// The file name without its folder and its .yaml or .yml extension.
    static func stem(_ path: String) -> String {
        // ASCII paths (nearly all) split on the byte; a '/' is then always a character of its own.
        let name = path.utf8.allSatisfy({ $0 < 0x80 })
            ? path.utf8.split(separator: UInt8(ascii: "/")).last.map { String(Substring($0)) } ?? path
            : path.split(separator: "/").last.map(String.init) ?? path
        for ext in [".yaml", ".yml"] where name.hasSuffix(ext) { return String(name.dropLast(ext.count)) }
        return name
    }

    private func check(_ node: YAMLNode, key: String, kind: String, path: String, _ sink: inout DiagnosticSink) {
        guard let value = node[key], value.isScalar, value.value != .null, let id = value.text else { return }
        let stem = Self.stem(path)
        if !Self.isSnakeID(id) {
            var message = "\(kind) id '\(id)' is not snake_case ([a-z0-9] words joined by '_'); ids become file and code names"
            let fixed = NamingStyle.convert(id, to: "snake_case")
            if Self.isSnakeID(fixed) {
                message += "; write '\(fixed)'" + (fixed == stem ? "" : " and rename the file to \(fixed).yaml")
            }
            sink.report(path, value, message)
        } else if id != stem {
            sink.report(path, value, "\(kind) id '\(id)' does not match its file name '\(stem)'; write \(key): \(stem), or rename the file to \(id).yaml")
        }
    }
}
