/// The key-by-key reference of docs/plan-format.md, made from `FormatShapes`
/// so the page cannot drift from what the loader accepts.
public enum FormatDocs {
    public static let begin = "<!-- BEGIN GENERATED REFERENCE (make docs) -->"
    public static let end = "<!-- END GENERATED REFERENCE -->"

    public static func reference() -> String {
        var out = ""
        for shape in FormatShapes.all {
            out += "\n### \(shape.name)\n\n\(shape.doc)\n\n| key | required | value | meaning |\n| --- | --- | --- | --- |\n"
            for f in shape.fields {
                out += "| `\(f.key)` | \(f.required ? "**required**" : "optional") | \(describe(f.kind)) | \(f.doc) |\n"
            }
        }
        return out
    }

    static func describe(_ kind: FieldKind) -> String {
        switch kind {
        case .string: "text"
        case .integer: "integer"
        case .number: "number"
        case .boolean: "`true` / `false`"
        case .date: "date `YYYY-MM-DD`"
        case .datetime: "date-time `YYYY-MM-DDThh:mm:ssZ`"
        case .oneOf(let v): v.map { "`\($0)`" }.joined(separator: " \\| ")
        case .scalar: "scalar"
        case .any: "anything"
        case .list(let k): "list of \(describe(k))"
        case .map(let k): "mapping name → \(describe(k))"
        case .object(let n): "[\(n)](#\(n.replacingOccurrences(of: " ", with: "-")))"
        case .either(let a, let b): "\(describe(a)), or \(describe(b))"
        }
    }

    /// The page with its generated block replaced.
    public static func updating(_ page: String) -> String {
        guard let b = page.range(of: begin), let e = page.range(of: end), b.upperBound <= e.lowerBound else { return page }
        return String(page[..<b.upperBound]) + "\n" + reference() + "\n" + String(page[e.lowerBound...])
    }
}
