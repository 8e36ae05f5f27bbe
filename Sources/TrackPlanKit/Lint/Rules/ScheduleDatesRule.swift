public struct ScheduleDatesRule: LintRule {
    public init() {}
    public static let description = RuleDescription(
        id: "schedule-dates",
        summary: "Schedule dates run in order: review, development, integration_test, release, post_mortem (those given).",
        rationale: "Integration testing cannot come after release, and a post-mortem needs released data to look at. An out-of-order date is almost always a typo that would otherwise surface only when the release gate or the testers' calendar is missed.",
        nonTriggering: [
            RuleExample(plan: "plan: example\ntitle: Homepage banner\nowner: alice@example.com\nterminals: [ios]\nschedule:\n  review: 2026-11-20\n  integration_test: 2026-12-01\n  release: 2026-12-08\nevents:\n  - name: homepage_banner_click\n    template: banner_click\n"),
        ],
        triggering: [
            RuleExample(plan: "plan: example\ntitle: Homepage banner\nowner: alice@example.com\nterminals: [ios]\nschedule:\n  integration_test: 2026-12-08\n  release: ↓2026-12-01\nevents:\n  - name: homepage_banner_click\n    template: banner_click\n"),
            RuleExample(plan: "plan: example\ntitle: Homepage banner\nowner: alice@example.com\nterminals: [ios]\nschedule:\n  post_mortem: ↓2026-11-30\n  review: 2026-11-20\n  development: 2026-11-25\n  release: 2026-12-08\nevents:\n  - name: homepage_banner_click\n    template: banner_click\n"),
        ]
    )

    static let order = ["review", "development", "integration_test", "release", "post_mortem"]

    public func validate(_ workspace: Workspace, _ sink: inout DiagnosticSink) {
        for plan in workspace.plans {
            guard let schedule = plan.node["schedule"], schedule.isMapping else { continue }
            var latest: (key: String, date: (year: Int, month: Int, day: Int), text: String)?
            for key in Self.order {
                guard let node = schedule[key], let text = node.text, let date = DateCheck.parseDate(text) else { continue }
                if let l = latest, (date.year, date.month, date.day) < (l.date.year, l.date.month, l.date.day) {
                    sink.report(plan.path, node, "\(key) \(text) is before \(l.key) \(l.text); schedule dates run \(Self.order.joined(separator: " <= ")): " +
                        "write a \(key) date on or after \(l.text), or correct \(l.key)")
                    continue
                }
                latest = (key, date, text)
            }
        }
    }
}
