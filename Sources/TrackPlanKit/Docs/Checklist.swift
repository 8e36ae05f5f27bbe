import Foundation

/// The tester's checklist for one event: the plan's own test cases, the standard
/// reporting scenarios of its event type (page view, click, exposure; after the
/// testing practice in the source articles: 6.2.2 reporting rules), and field checks
/// (6.2.1: names, types, lengths, enums, nested structure) from its effective parameters.
enum Checklist {
    static func checks(for event: Catalog.Event, rule: ExposureRule?, params: [Parameter], piiForbiddenOn: [String]) -> [Catalog.Check] {
        var out: [Catalog.Check] = []
        for t in event.testCases {
            var text = "\(t.scenario) → \(t.expect)"
            if let terms = t.terminals, !terms.isEmpty { text += " (on \(terms.joined(separator: ", ")))" }
            out.append(.init(kind: "plan", text: text))
        }
        out += scenarios(event, rule: rule).map { .init(kind: "rule", text: $0) }
        out += fields(event, params: params, piiForbiddenOn: piiForbiddenOn).map { .init(kind: "field", text: $0) }
        return out
    }

    static func scenarios(_ e: Catalog.Event, rule: ExposureRule?) -> [String] {
        let name = "`\(e.name)`"
        let at = e.position.map { " at `\($0)`" } ?? ""
        switch e.type {
        case "page_view":
            return [
                "Open the page\(at): exactly one \(name), after the page is shown.",
                "Come back to the page (back navigation, or the app returns from the background): one new \(name) with a new page_view_id.",
                "Reload or re-enter the page quickly: one \(name) per visit, none lost, none doubled.",
                "Leave before the page finishes loading: behaviour as the plan says; no \(name) for a page never shown.",
            ]
        case "click":
            return [
                "Tap the element\(at) once: exactly one \(name), with the values of the tapped item.",
                "Tap twice quickly: two \(name) events (or one, if the element ignores the second tap), never more.",
                "Tap while the element is disabled or loading: no \(name).",
                "A tap that navigates away: \(name) is reported before the next page's page view.",
            ]
        case "exposure":
            let ratio = rule?.minVisibleRatio.map { Catalog.percent($0) } ?? "the planned share"
            let duration = rule?.minDurationMs.map { "\($0) ms" } ?? "the planned time"
            let key = rule.map { $0.dedupeKey.compactMap(\.text) } ?? []
            let keyText = key.isEmpty ? "the same element" : "the same " + key.joined(separator: " + ")
            return [
                "Show the element\(at) at least \(ratio) visible for at least \(duration): exactly one \(name).",
                "Show it less than \(ratio), or for less than \(duration), or scroll past quickly: no \(name).",
                "Scroll away and back within the same page view: no second \(name) for \(keyText).",
                "Leave the page and return (a new page view): \(name) again.",
                "List or carousel items: one \(name) per item shown, each with its own position index.",
            ]
        default:
            return ["Trigger `\(e.name)` as described\(e.description.map { " (\($0))" } ?? ""): exactly one event, none on unrelated actions."]
        }
    }

    static func fields(_ e: Catalog.Event, params: [Parameter], piiForbiddenOn: [String]) -> [String] {
        var out: [String] = []
        let names = params.map { "`\($0.name)`" }
        if !names.isEmpty {
            out.append("Parameter names exactly as planned, no others: " + names.joined(separator: ", ") + ".")
        }
        for row in e.parameters {
            var text = "`\(row.path)`: \(row.type)" + (row.required ? ", always present" : ", may be absent")
            if !row.constraints.isEmpty { text += "; " + row.constraints.joined(separator: "; ") }
            out.append(text + ".")
        }
        for p in params where p.isPII {
            var text = "`\(p.name)` is personal data: sent only with the user's consent"
            if let c = p.consent { text += " for \(c)" }
            let forbidden = e.terminals.filter { piiForbiddenOn.contains($0) }
            text += forbidden.isEmpty ? "." : "; never on \(forbidden.joined(separator: ", "))."
            out.append(text)
        }
        out.append("The common parameters of trackplan.yaml present and valid; a resent event keeps its event id, so the collector drops the duplicate.")
        if !e.terminals.isEmpty {
            out.append("Checked on every terminal: " + e.terminals.joined(separator: ", ") + ".")
        }
        return out
    }
}
