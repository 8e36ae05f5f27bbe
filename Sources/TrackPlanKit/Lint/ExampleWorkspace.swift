/// The workspace every rule example runs in, unless the example replaces a file.
public enum ExampleWorkspace {
    public static let settings = """
    version: 1
    terminals:
      ios: { kind: app }
      android: { kind: app }
      h5: { kind: web }
      web: { kind: web }
      mini_program: { kind: mini_program }
    naming: { event: snake_case, parameter: snake_case, max_length: 48 }
    common_parameters:
      event_id: { type: string, format: uuid, required: true }
      session_id: { type: string, required: true }
      page_view_id: { type: string, required: true }
      client_ts: { type: timestamp, required: true }
    positions:
      home:
        modules:
          top_banner: { slots: { slide: { list: true } } }
          search_bar: { slots: [search_button] }
      product_detail:
        modules:
          buy_bar: { slots: [add_to_cart_button] }
    privacy:
      consent_purposes: [analytics, marketing]
      pii_forbidden_on: [mini_program]
    roles:
      product_manager: [alice@example.com]
      data_product_manager: [dora@example.com]
      data_engineer: [ed@example.com]
      tester: [tess@example.com]
    gates:
      implementation: { approvals: [data_product_manager, data_engineer] }
      release: { verification: passed }

    """

    public static let templates: [String: String] = [
        "templates/events/exposure.yaml": """
        template: exposure
        type: exposure
        exposure: { min_visible_ratio: 0.5, min_duration_ms: 500, dedupe_key: [page_view_id] }

        """,
        "templates/events/click.yaml": """
        template: click
        type: click

        """,
        "templates/events/banner_click.yaml": """
        template: banner_click
        extends: click
        parameters:
          banner_id: { type: string, required: true, max_length: 64 }
          position_index: { type: integer, min: 0, max: 9, required: true }
        locked: [banner_id]

        """,
    ]

    /// The example's files over the base ones, with the `↓` markers taken out and
    /// their places returned as (path, line, column).
    public static func files(for example: RuleExample) -> (files: [(path: String, text: String)], markers: [(path: String, line: Int, column: Int)]) {
        var all = templates
        all["trackplan.yaml"] = settings
        for (path, text) in example.files { all[path] = text }
        var files: [(String, String)] = []
        var markers: [(String, Int, Int)] = []
        for path in all.keys.sorted() {
            var clean = ""
            var line = 1
            var column = 1
            for ch in all[path]! {
                if ch == "↓" {
                    markers.append((path, line, column))
                    continue
                }
                clean.append(ch)
                if ch == "\n" { line += 1; column = 1 } else { column += 1 }
            }
            files.append((path, clean))
        }
        return (files, markers)
    }
}
