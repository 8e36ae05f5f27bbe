public struct DuplicateKeyRule: LintRule {
    public init() {}
    public static let description = RuleDescription(
        id: "duplicate-key",
        summary: "A key may appear only once in a mapping.",
        rationale: "Most YAML readers keep the last of two equal keys without a word, so a parameter defined twice silently loses its first definition. trackplan reports the second one and where the first is.",
        phase: .load,
        nonTriggering: [
            RuleExample(event: "name: search_click\ntype: click\nparameters:\n  keyword: { type: string }\n  result_count: { type: integer }"),
        ],
        triggering: [
            RuleExample(event: "name: search_click\ntype: click\nparameters:\n  keyword: { type: string }\n  ↓keyword: { type: integer }"),
        ]
    )
}
