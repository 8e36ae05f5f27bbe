/// Every rule trackplan has: a static list, no registration magic.
/// The groups live beside their rules' authors' files to keep merges small.
public enum RuleRegistry {
    public static let loadRules: [any LintRule] = [
        YAMLSyntaxRule(), DuplicateKeyRule(), UnknownKeyRule(), RequiredFieldRule(), InvalidValueRule(),
    ]

    public static let all: [any LintRule] = loadRules + [NamingStyleRule(), StaleApprovalRule()] + eventRules + templateRules

    public static func rule(_ id: String) -> (any LintRule)? {
        all.first { type(of: $0).description.id == id }
    }
}
