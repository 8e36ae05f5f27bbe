/// Compiler-style text: `path:line:col: severity: message [rule]`, the source
/// line and a caret under the column. Colour only when asked (a terminal, no NO_COLOR).
public struct TextReporter: Reporter {
    public static let id = "text"
    public init() {}

    public func report(_ input: ReportInput) -> String {
        var out = ""
        let bold = input.color ? "\u{1B}[1m" : ""
        let reset = input.color ? "\u{1B}[0m" : ""
        var lineStarts: [String: [Int]] = [:]
        for d in input.diagnostics {
            let colour: String
            switch d.severity {
            case .error: colour = input.color ? "\u{1B}[1;31m" : ""
            case .warning: colour = input.color ? "\u{1B}[1;33m" : ""
            case .note: colour = input.color ? "\u{1B}[1;36m" : ""
            }
            out += "\(bold)\(input.shown(d.path)):\(d.location.line):\(d.location.column):\(reset) \(colour)\(d.severity.rawValue):\(reset) \(bold)\(d.message)\(reset) [\(d.ruleID)]\n"
            if lineStarts[d.path] == nil, let bytes = input.sources[d.path] { lineStarts[d.path] = ReportInput.lineStarts(bytes) }
            if let starts = lineStarts[d.path], let line = input.sourceLine(d.path, d.location.line, starts: starts) {
                let (shown, caret) = Self.window(line.replacingOccurrences(of: "\t", with: " "), column: d.location.column)
                out += shown + "\n"
                let pad = String(shown.prefix(caret).map { ch in ch.isASCII ? " " : (isWide(ch) ? "  " : " ") }.joined())
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

    /// Lines longer than this are quoted around the column only (a minified or generated file can
    /// hold a whole document on one line).
    static let widestQuote = 300

    /// The part of `line` to quote and the caret's place in it (characters before it), for a
    /// finding at 1-based `column`: the whole line, or a window around the column marked with `…`.
    static func window(_ line: String, column: Int) -> (text: String, caret: Int) {
        let at = max(0, column - 1)
        let chars = Array(line)
        guard chars.count > widestQuote else { return (line, at) }
        let from = max(0, min(at - widestQuote / 2, chars.count - widestQuote))
        let to = min(chars.count, from + widestQuote)
        let text = (from > 0 ? "…" : "") + String(chars[from ..< to]) + (to < chars.count ? "…" : "")
        return (text, at - from + (from > 0 ? 1 : 0))
    }

    /// East Asian wide characters take two columns in a terminal.
    private func isWide(_ ch: Character) -> Bool {
        ch.unicodeScalars.first.map(TextWidth.isWide) ?? false
    }
}
