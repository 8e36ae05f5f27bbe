import Foundation

/// Output made from a plan the loader could not read whole (a syntax error, a misspelt key,
/// a wrong type) would silently miss what the author meant. Commands that write code,
/// documentation or verdicts refuse such a workspace, and say where.
public enum LoadRefusal {
    /// The load errors that stand in the way: with `plans`, only those plans' files (and the
    /// settings, templates and files that did not load as plans) count.
    public static func errors(in workspace: Workspace, plans: [String] = []) -> [Diagnostic] {
        let selected = Set(workspace.plans.filter { plans.contains($0.id) }.map(\.path))
        let planPaths = Set(workspace.plans.map(\.path))
        return workspace.loadDiagnostics.filter { d in
            d.severity == .error && (plans.isEmpty || selected.contains(d.path) || !planPaths.contains(d.path))
        }
    }

    /// The refusal: up to 20 errors as `file:line:col: error: message [rule]`, then the verdict.
    public static func message(_ errors: [Diagnostic], what: String) -> String {
        let shown = errors.prefix(20).map { "\($0.path):\($0.location.line):\($0.location.column): error: \($0.message) [\($0.ruleID)]\n" }.joined()
        let more = errors.count > 20 ? "... and \(errors.count - 20) more\n" : ""
        return shown + more + "trackplan: nothing \(what): fix \(errors.count == 1 ? "this error" : "these \(errors.count) errors") first (`trackplan lint` shows them all)\n"
    }
}
