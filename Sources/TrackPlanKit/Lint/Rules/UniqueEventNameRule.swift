public struct UniqueEventNameRule: CrossPlanRule {
    public init() {}
    public static let description = RuleDescription(
        id: "unique-event-name",
        summary: "Event names are unique across the whole workspace, also after ignoring case, '_' and '-'.",
        rationale: "The event name is the key every warehouse query, dashboard and SDK call filters on: two plans sending `add_to_cart` with different parameters mix two meanings in one column. Names that differ only by case or separators (`check_in`, `checkin`) become the same generated identifier and the same key in case-insensitive tools.",
        scope: .acrossPlans,
        nonTriggering: [
            RuleExample(files: [
                "plans/search.yaml": "plan: search\ntitle: Search\nowner: alice@example.com\nterminals: [ios]\nevents:\n  - name: search_click\n    type: click\n",
                "plans/cart.yaml": "plan: cart\ntitle: Cart\nowner: alice@example.com\nterminals: [ios]\nevents:\n  - name: add_to_cart\n    type: click\n",
            ]),
        ],
        triggering: [
            RuleExample(files: [
                "plans/cart.yaml": "plan: cart\ntitle: Cart\nowner: alice@example.com\nterminals: [ios]\nevents:\n  - name: add_to_cart\n    type: click\n",
                "plans/product_detail.yaml": "plan: product_detail\ntitle: Product detail\nowner: alice@example.com\nterminals: [ios]\nevents:\n  - name: ↓add_to_cart\n    type: click\n",
            ]),
            RuleExample(plan: "plan: example\ntitle: Hotel\nowner: alice@example.com\nterminals: [ios]\nevents:\n  - name: check_in\n    type: click\n  - name: ↓checkin\n    type: click\n"),
        ]
    )

    public func validate(_ workspace: Workspace, _ sink: inout DiagnosticSink) { validateAlone(workspace, &sink) }

    /// A plan's event names, each with its normalized form and where it is written.
    struct EventNames: Sendable {
        var events: [(name: String, key: String, at: SourceLocation)] = []
    }

    /// Made while the plan is in memory, on the core that read it: the normalizing too.
    func summary(of plan: Plan) -> EventNames {
        var names = EventNames()
        for event in plan.events {
            guard let node = event.nameNode, !event.name.isEmpty else { continue }
            names.events.append((event.name, EventRuleSupport.normalized(event.name), node.start))
        }
        return names
    }

    func validate(_ summaries: [(path: String, summary: EventNames)], _ sink: inout DiagnosticSink) {
        let count = summaries.reduce(0) { $0 + $1.summary.events.count }
        var exact: [String: (path: String, at: SourceLocation)] = Dictionary(minimumCapacity: count)
        var similar: [String: (name: String, path: String, at: SourceLocation)] = Dictionary(minimumCapacity: count)
        for (path, names) in summaries {
            for (name, key, at) in names.events {
                // One hash per name in the usual case (no repeat): insert, and put the first back on a repeat.
                if let first = exact.updateValue((path, at), forKey: name) {
                    exact[name] = first
                    sink.report(path, at, "event name '\(name)' is already used in \(first.path):\(first.at); " +
                        "rename this event (or retire the other one) so each name keeps one meaning")
                    continue
                }
                if let first = similar.updateValue((name, path, at), forKey: key) {
                    similar[key] = first
                    sink.report(path, at, "event name '\(name)' differs from '\(first.name)' (\(first.path):\(first.at)) " +
                        "only by case, '_' or '-', so both generate the same identifier; write '\(first.name)' if they are one event, or choose a distinct name")
                }
            }
        }
    }
}
