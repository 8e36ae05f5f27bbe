/// GitHub Actions workflow commands: each finding becomes an annotation on its line.
public struct GitHubReporter: Reporter {
    public static let id = "github"
    public init() {}

    public func report(_ input: ReportInput) -> String {
        var out = ""
        for d in input.diagnostics {
            let command: String
            switch d.severity {
            case .error: command = "error"
            case .warning: command = "warning"
            case .note: command = "notice"
            }
            out += "::\(command) file=\(property(input.shown(d.path))),line=\(d.location.line),col=\(d.location.column),title=\(property("trackplan " + d.ruleID))::\(data(d.message))\n"
        }
        return out
    }

    /// Escaping as the runner expects for a command's message.
    func data(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Escaping for a property value: also `:` and `,`.
    func property(_ s: String) -> String {
        data(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
