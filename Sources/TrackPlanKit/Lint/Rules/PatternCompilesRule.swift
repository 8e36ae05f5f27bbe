import Foundation

public struct PatternCompilesRule: ParameterSiteRule {
    public init() {}
    public static let description = RuleDescription(
        id: "pattern-compiles",
        summary: "A string parameter's `pattern` is a valid regular expression.",
        rationale: "Patterns are generated into SDK validation and data-quality checks; one that does not compile either crashes the check or is skipped, so malformed values reach the warehouse unnoticed.",
        nonTriggering: [
            RuleExample(event: "name: add_to_cart\ntype: click\nparameters:\n  sku_id: { type: string, pattern: '^SKU-[0-9]{6}$' }"),
        ],
        triggering: [
            RuleExample(event: "name: add_to_cart\ntype: click\nparameters:\n  sku_id: { type: string, pattern: ↓'^SKU-[0-9{6}$' }"),
            RuleExample(event: "name: search_click\ntype: click\nparameters:\n  keyword: { type: string, pattern: ↓'(?<word>\\w+' }"),
        ]
    )

    public func validate(_ workspace: Workspace, _ sink: inout DiagnosticSink) { validateAlone(workspace, &sink) }

    /// Each pattern's verdict, for a run of sites: most workspaces repeat a few patterns.
    func context(_ workspace: Workspace) -> [String: String?] { [:] }

    func check(_ site: EventRuleSupport.ParameterSite, _ verdicts: inout [String: String?], _ sink: inout DiagnosticSink) {
        guard let pattern = site.parameter.pattern, let node = site.value("pattern") else { return }
        let problem: String?
        if let known = verdicts[pattern] {
            problem = known
        } else {
            problem = Self.problem(pattern)
            verdicts[pattern] = problem
        }
        if let problem {
            sink.report(site.path, node, "pattern '\(pattern)' of \(site.noun) is not a valid regular expression (\(problem)); " +
                "fix it, e.g. close every bracket and escape literal characters such as \\. and \\[")
        }
    }

    /// Why `pattern` does not compile, or nil when it does. Foundation only says
    /// "the value is invalid", so a small scan names the usual culprit.
    static func problem(_ pattern: String) -> String? {
        if (try? NSRegularExpression(pattern: pattern)) != nil { return nil }
        return diagnose(pattern) ?? "NSRegularExpression (ICU syntax) rejects it"
    }

    /// The first unbalanced bracket, dangling quantifier or reversed range, by character position (1-based).
    static func diagnose(_ pattern: String) -> String? {
        let chars = Array(pattern)
        var open: [Int] = []
        var classStart: Int?
        var previous: Character?   // last token outside a class; nil at the start of a group or alternative
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\\" {
                if i + 1 >= chars.count { return "it ends in a lone backslash" }
                if classStart == nil { previous = "a" }
                i += 2
                continue
            }
            if let start = classStart {
                let first = i == start + 1 || (i == start + 2 && chars[start + 1] == "^")
                if c == "]", !first {
                    classStart = nil
                    previous = "a"
                } else if c == "-", !first, i + 1 < chars.count, chars[i + 1] != "]", chars[i + 1] != "\\",
                          chars[i - 1] != "\\", chars[i - 1] > chars[i + 1], chars[i - 1] != "[" {
                    return "the range \(chars[i - 1])-\(chars[i + 1]) at character \(i) runs backwards"
                }
                i += 1
                continue
            }
            switch c {
            case "[": classStart = i
            case "(":
                open.append(i)
                previous = nil
                if i + 1 < chars.count, chars[i + 1] == "?" { i += 1 }   // (?:, (?<name>, (?= ...
            case ")":
                if open.popLast() == nil { return "the ')' at character \(i + 1) closes no group" }
                previous = "a"
            case "|": previous = nil
            case "*", "+", "?", "{":
                guard let p = previous, p != "^" else { return "the '\(c)' at character \(i + 1) has nothing to repeat" }
                if c == "*", p == "*" || p == "+" || p == "?" || p == "}" { return "the '*' at character \(i + 1) repeats a repetition" }
                if c == "{" {
                    guard let close = chars[i...].firstIndex(of: "}") else { return "the '{' at character \(i + 1) is never closed" }
                    i = close
                    previous = "}"
                } else {
                    previous = c
                }
            case "^": previous = previous ?? "^"
            default: previous = "a"
            }
            i += 1
        }
        if let start = classStart { return "the '[' at character \(start + 1) is never closed" }
        if let start = open.last { return "the '(' at character \(start + 1) is never closed" }
        return nil
    }
}
