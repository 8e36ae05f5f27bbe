import Foundation

/// Writes a synthetic workspace of `events` events (five per plan), shaped like the
/// example plans: templates, positions, nested objects, enums, overrides, test cases.
enum WorkspaceGenerator {
    static func generate(events: Int, into dir: URL) throws {
        let fm = FileManager.default
        try? fm.removeItem(at: dir)
        try fm.createDirectory(at: dir.appendingPathComponent("plans"), withIntermediateDirectories: true)
        try fm.createDirectory(at: dir.appendingPathComponent("templates/events"), withIntermediateDirectories: true)
        let repo = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        for name in ["trackplan.yaml"] {
            try fm.copyItem(at: repo.appendingPathComponent(name), to: dir.appendingPathComponent(name))
        }
        let templates = repo.appendingPathComponent("templates/events")
        for name in try fm.contentsOfDirectory(atPath: templates.path) where name.hasSuffix(".yaml") {
            try fm.copyItem(at: templates.appendingPathComponent(name), to: dir.appendingPathComponent("templates/events/\(name)"))
        }
        let perPlan = 5
        let plans = (events + perPlan - 1) / perPlan
        for p in 0 ..< plans {
            let id = "generated_plan_\(p)"
            var text = """
            # Generated for benchmarks: plan \(p)
            plan: \(id)
            title: Generated plan number \(p)
            owner: alice@example.com
            goal: Measure the generated feature \(p) end to end.
            priority: P2
            terminals: [ios, android, h5]
            schedule:
              integration_test: 2026-12-01
              release: 2026-12-08
            storage:
              table: dwd.user_behavior_log
              mode: realtime
            metrics:
              - name: generated_ctr_\(p)
                definition: clicks / exposures per item per day
            events:

            """
            for e in 0 ..< min(perPlan, events - p * perPlan) {
                let name = "gen_\(p)_event_\(e)"
                text += """
                  - name: \(name)
                    type: custom
                    position: { page: home, module: recommend_feed, slot: card }
                    display: { en: Generated event \(e), zh: 生成的事件 \(e) }
                    description: A generated event with nested parameters, number \(e) of plan \(p).
                    terminal_overrides:
                      h5:
                        parameters:
                          item_name: { max_length: 32 }
                    parameters:
                      position_index: { type: integer, min: 0, max: 49, required: true }
                      item_id: { type: string, required: true, max_length: 64, description: The item shown }
                      item_name: { type: string, max_length: 128 }
                      price: { type: number, min: 0, max: 1000000 }
                      channel: { type: enum, values: [organic, paid, referral, email] }
                      is_promoted: { type: boolean }
                      item:
                        type: object
                        properties:
                          sku_id: { type: string, required: true }
                          category: { type: string, max_length: 32 }
                          tags: { type: array, items: { type: string }, max_items: 10 }
                    test_cases:
                      - scenario: Open the feed and scroll to item \(e)
                        expect: One event with position_index set and item_id present
                      - scenario: Tap the item
                        expect: Parameters match the plan on every terminal

                """
            }
            text += """
            status: testing
            history:
              - { at: 2026-11-19T08:00:00Z, by: alice@example.com, from: request, to: review, note: Generated }

            """
            try Data(text.utf8).write(to: dir.appendingPathComponent("plans/\(id).yaml"))
        }
    }
}
