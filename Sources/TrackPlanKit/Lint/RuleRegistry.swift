/// Every rule trackplan has: a static list, no registration magic.
/// The groups live beside their rules' authors' files to keep merges small.
public enum RuleRegistry {
    public static let loadRules: [any LintRule] = [
        YAMLSyntaxRule(), DuplicateKeyRule(), UnknownKeyRule(), RequiredFieldRule(), InvalidValueRule(),
    ]

    public static let all: [any LintRule] = loadRules + [NamingStyleRule(), StaleApprovalRule()] + eventRules + templateRules

    /// The rules that check parameter sites, by id, typed as such: the linter finds them here, not by
    /// a dynamic cast, whose first use for each rule type scans every conformance in the process
    /// (about 3 ms of a one-file lint). A test checks this list against `all`.
    static let parameterSiteRules: [String: any ParameterSiteRule] = {
        let rules: [any ParameterSiteRule] = [
            NamingStyleRule(), UniqueParameterNameRule(), EnumValuesRule(), MinMaxOrderRule(), SaneLengthRule(),
            PatternCompilesRule(), CommonParameterRedeclaredRule(), ParameterTypeRule(), AmbiguousBooleanRule(), PIIConsentRule(),
        ]
        return Dictionary(uniqueKeysWithValues: rules.map { (type(of: $0).description.id, $0) })
    }()

    /// The rules whose findings depend on more than one plan, by id (see `CrossPlanRule`); every
    /// other rule checks each plan on its own. A test checks this list against the rules' scopes.
    static let crossPlanRules: [String: any CrossPlanRule] = {
        let rules: [any CrossPlanRule] = [UniqueEventNameRule()]
        return Dictionary(uniqueKeysWithValues: rules.map { (type(of: $0).description.id, $0) })
    }()

    public static func rule(_ id: String) -> (any LintRule)? {
        all.first { type(of: $0).description.id == id }
    }
}
