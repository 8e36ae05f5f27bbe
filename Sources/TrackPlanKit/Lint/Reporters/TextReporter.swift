/// Compiler-style text: `path:line:col: severity: message [rule]`, the source
/// line and a caret under the column. Colour only when asked (a terminal, no NO_COLOR).
public struct TextReporter: Reporter {
    public static let id = "text"
    public init() {}

    public func report(_ input: ReportInput) -> String {
        var out = ""
        let bold = input.color ? "\u{1B}[1m" : ""
        let reset = input.color ? "\u{1B}[0m" : ""
        for d in input.diagnostics {
            let colour: String
            switch d.severity {
            case .error: colour = input.color ? "\u{1B}[1;31m" : ""
            case .warning: colour = input.color ? "\u{1B}[1;33m" : ""
            case .note: colour = input.color ? "\u{1B}[1;36m" : ""
            }
            out += "\(bold)\(input.shown(d.path)):\(d.location.line):\(d.location.column):\(reset) \(colour)\(d.severity.rawValue):\(reset) \(bold)\(d.message)\(reset) [\(d.ruleID)]\n"
            if let line = input.sourceLine(d.path, d.location.line) {
                let expanded = line.replacingOccurrences(of: "\t", with: " ")
                out += expanded + "\n"
                let pad = String(expanded.prefix(max(0, d.location.column - 1)).map { ch in ch.isASCII ? " " : (isWide(ch) ? "  " : " ") }.joined())
                out += pad + (input.color ? "\u{1B}[1;32m^\u{1B}[0m" : "^") + "\n"
            }
        }
        let files = Set(input.diagnostics.map(\.path)).count
        if input.diagnostics.isEmpty {
            out += "No problems in \(input.filesChecked) file\(input.filesChecked == 1 ? "" : "s").\n"
        } else {
            out += "\(Reporters.counts(input.diagnostics)) in \(files) file\(files == 1 ? "" : "s") (\(input.filesChecked) checked).\n"
        }
        return out
    }

    /// East Asian wide characters take two columns in a terminal.
    private func isWide(_ ch: Character) -> Bool {
        ch.unicodeScalars.first.map(TextWidth.isWide) ?? false
    }
}
