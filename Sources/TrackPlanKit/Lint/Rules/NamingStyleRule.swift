public struct NamingStyleRule: ParameterSiteRule {
    public init() {}
    public static let description = RuleDescription(
        id: "naming-style",
        summary: "Event and parameter names follow the workspace's naming style (snake_case by default) and length limit.",
        rationale: "Names become columns, dictionary keys and identifiers in every platform's code. One style, chosen once in trackplan.yaml, keeps `addToCart`, `add-to-cart` and `add_to_cart` from all reaching the warehouse.",
        nonTriggering: [
            RuleExample(event: "name: search_click\ntype: click\nparameters:\n  keyword: { type: string }"),
        ],
        triggering: [
            RuleExample(event: "name: ↓searchClick\ntype: click\nparameters:\n  ↓Keyword: { type: string }"),
            RuleExample(event: "name: ↓search_click_on_the_home_page_when_the_user_has_typed_something\ntype: click"),
            RuleExample(event: "name: search_click\ntype: click\nparameters:\n  item:\n    type: object\n    properties:\n      ↓skuId: { type: string }"),
        ]
    )

    public func validate(_ workspace: Workspace, _ sink: inout DiagnosticSink) { validateAlone(workspace, &sink) }

    func validateOthers(_ workspace: Workspace, _ sink: inout DiagnosticSink) {
        let naming = workspace.settings.naming
        for plan in workspace.plans {
            for event in plan.events {
                if let node = event.nameNode, !event.name.isEmpty {
                    check(event.name, "event name", style: naming.event, max: naming.maxLength, at: node, plan.path, &sink)
                }
            }
        }
    }

    func context(_ workspace: Workspace) -> NamingSettings { workspace.settings.naming }

    /// Every parameter and property name, wherever written (an array's items have no name of their own).
    func check(_ site: EventRuleSupport.ParameterSite, _ naming: inout NamingSettings, _ sink: inout DiagnosticSink) {
        guard let key = site.parameter.keyNode, !site.isItems else { return }
        check(site.parameter.name, "parameter name", style: naming.parameter, max: naming.maxLength, at: key, site.path, &sink)
    }

    /// `at` is the node a finding lands on; its place is read only for a finding (reading it for every
    /// name fetched each parameter's node from memory).
    private func check(_ name: String, _ what: String, style: String, max: Int, at location: YAMLNode,
                       _ path: String, _ sink: inout DiagnosticSink) {
        if !NamingStyle.matches(name, style: style) {
            var message = "\(what) '\(name)' is not \(style)"
            let fixed = NamingStyle.convert(name, to: style)
            if fixed != name, !fixed.isEmpty { message += "; write '\(fixed)'" }
            sink.report(path, location, message)
        } else if name.utf8.count > max, name.count > max {   // bytes first: counting characters walks Unicode tables
            sink.report(path, location, "\(what) '\(name)' is \(name.count) characters long; the limit is \(max)")
        }
    }
}

/// Naming styles: checking and converting.
public enum NamingStyle {
    public static func matches(_ name: String, style: String) -> Bool {
        // Byte checks, not regular expressions: this runs on every name in the workspace.
        var name = name
        return name.withUTF8 { matches($0, style: style) }
    }

    private static func matches(_ b: UnsafeBufferPointer<UInt8>, style: String) -> Bool {
        guard let first = b.first else { return false }
        func lower(_ c: UInt8) -> Bool { c >= 97 && c <= 122 }
        func upper(_ c: UInt8) -> Bool { c >= 65 && c <= 90 }
        func digit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        switch style {
        case "camelCase":
            return lower(first) && b.allSatisfy { lower($0) || upper($0) || digit($0) }
        case "PascalCase":
            return upper(first) && b.allSatisfy { lower($0) || upper($0) || digit($0) }
        default:
            let separator: UInt8 = style == "kebab-case" ? 45 : 95
            guard lower(first), b.last != separator else { return false }
            var previous: UInt8 = 0
            for c in b {
                if c == separator {
                    if previous == separator { return false }
                } else if !(lower(c) || digit(c)) {
                    return false
                }
                previous = c
            }
            return true
        }
    }

    /// The words of a name, whatever its style.
    public static func words(_ name: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previous: Character?
        for ch in name {
            if !(ch.isLetter || ch.isNumber) {
                if !current.isEmpty { words.append(current); current = "" }
            } else if ch.isUppercase, let p = previous, p.isLowercase || p.isNumber {
                words.append(current)
                current = String(ch)
            } else {
                current.append(ch)
            }
            previous = ch
        }
        if !current.isEmpty { words.append(current) }
        return words.map { $0.lowercased() }
    }

    public static func convert(_ name: String, to style: String) -> String {
        let w = words(name)
        switch style {
        case "camelCase": return (w.first ?? "") + w.dropFirst().map(\.capitalized).joined()
        case "PascalCase": return w.map(\.capitalized).joined()
        case "kebab-case": return w.joined(separator: "-")
        default: return w.joined(separator: "_")
        }
    }
}
