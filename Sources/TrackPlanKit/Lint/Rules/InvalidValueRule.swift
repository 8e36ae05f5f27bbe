public struct InvalidValueRule: LintRule {
    public init() {}
    public static let description = RuleDescription(
        id: "invalid-value",
        summary: "Each value must have the kind its key takes: a list, a mapping, an integer, a date, one of a fixed set.",
        rationale: "`required: yes` is the string \"yes\" in YAML 1.2, not true; `type: strng` is no type at all. Catching the kind at its exact place saves a round of review.",
        phase: .load,
        nonTriggering: [
            RuleExample(event: "name: search_click\ntype: click\nparameters:\n  keyword: { type: string, required: true, max_length: 64 }"),
        ],
        triggering: [
            RuleExample(event: "name: search_click\ntype: ↓clik"),
            RuleExample(event: "name: search_click\ntype: click\nparameters:\n  keyword: { type: string, required: ↓yes, max_length: ↓long }"),
            RuleExample(event: "name: search_click\ntype: click\nterminals: ↓ios"),
        ]
    )
}
