public struct RequiredFieldRule: LintRule {
    public init() {}
    public static let description = RuleDescription(
        id: "required-field",
        summary: "Keys the format requires must be present (plan, title, owner, events; an event's name; ...).",
        rationale: "A plan without an owner has no one to answer for it; an event without a name cannot be coded. The finding lands on the mapping that lacks the key.",
        phase: .load,
        nonTriggering: [
            RuleExample(plan: "plan: example\ntitle: Example\nowner: alice@example.com\nterminals: [ios]\nevents:\n  - name: search_click\n    type: click\n"),
        ],
        triggering: [
            RuleExample(plan: "↓plan: example\ntitle: Example\nterminals: [ios]\nevents:\n  - name: search_click\n    type: click\n"),
            RuleExample(event: "↓type: click\ndescription: no name"),
        ]
    )
}
