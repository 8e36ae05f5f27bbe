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

    /// Each event's name and where it is written.
    func summary(of plan: Plan) -> [(name: String, at: SourceLocation)] {
        plan.events.compactMap { event in
            guard let node = event.nameNode, !event.name.isEmpty else { return nil }
            return (event.name, node.start)
        }
    }

    func validate(_ summaries: [(path: String, summary: [(name: String, at: SourceLocation)])], _ sink: inout DiagnosticSink) {
        var exact: [String: (path: String, at: SourceLocation)] = [:]
        var similar: [String: (name: String, path: String, at: SourceLocation)] = [:]
        for (path, events) in summaries {
            for (name, at) in events {
                if let first = exact[name] {
                    sink.report(path, at, "event name '\(name)' is already used in \(first.path):\(first.at); " +
                        "rename this event (or retire the other one) so each name keeps one meaning")
                    continue
                }
                exact[name] = (path, at)
                let key = EventRuleSupport.normalized(name)
                if let first = similar[key] {
                    sink.report(path, at, "event name '\(name)' differs from '\(first.name)' (\(first.path):\(first.at)) " +
                        "only by case, '_' or '-', so both generate the same identifier; write '\(first.name)' if they are one event, or choose a distinct name")
                } else {
                    similar[key] = (name, path, at)
                }
            }
        }
    }
}
