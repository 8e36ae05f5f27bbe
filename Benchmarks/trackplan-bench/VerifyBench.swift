import Foundation

/// `trackplan verify` against a 1,000-event workspace: captures of 100,000 and 1,000,000
/// events (one in a thousand with a planted defect), the whole binary pinned to one core
/// (taskset), events per second and peak memory; beside jsonschema-rs validating the same
/// events against the generated JSON Schemas, also on one core.
enum VerifyBench {
    static func capture(events: Int, workspaceEvents: Int, into url: URL) throws {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let h = try FileHandle(forWritingTo: url)
        defer { try? h.close() }
        var buffer = ""
        buffer.reserveCapacity(1 << 22)
        let channels = ["organic", "paid", "referral", "email"]
        for i in 0 ..< events {
            let e = i % workspaceEvents
            let name = "gen_\(e / 5)_event_\(e % 5)"
            let defect = i % 1000 == 999
            let index = defect ? "\"\(i % 50)\"" : String(i % 50)
            let id = String(format: "%08x-0000-4000-8000-%012x", i / 1_000_000, i)
            buffer += #"{"type":"track","event":"\#(name)","properties":{"event_id":"\#(id)","session_id":"s\#(i / 500)","page_view_id":"pv\#(i / 20)","client_ts":\#(1_732_406_400_000 + i),"position_index":\#(index),"item_id":"item-\#(i % 9973)","item_name":"Item number \#(i % 9973)","price":\#(Double(i % 100_000) / 100),"channel":"\#(channels[i % 4])","is_promoted":\#(i % 3 == 0),"item":{"sku_id":"sku-\#(i % 7919)","category":"c\#(i % 40)","tags":["new","sale"]}},"context":{"terminal":"ios"}}"#
            buffer += "\n"
            if buffer.utf8.count > (1 << 22) - 1024 {
                h.write(Data(buffer.utf8))
                buffer.removeAll(keepingCapacity: true)
            }
        }
        h.write(Data(buffer.utf8))
    }

    static func shell(_ args: [String], in dir: URL) -> (out: String, code: Int32) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        p.currentDirectoryURL = dir
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return ("", -1) }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (String(decoding: data, as: UTF8.self), p.terminationStatus)
    }

    static func run(out: URL, spawn: ([String], [String], URL) -> (seconds: Double, maxRSSKiB: Int, code: Int32)) throws {
        let dir = out.appendingPathComponent("ws-1000").standardizedFileURL
        let pin = FileManager.default.isExecutableFile(atPath: "/usr/bin/taskset") ? ["/usr/bin/taskset", "-c", "0"] : []
        print("\n`trackplan verify`, 1,000-event workspace, one core\(pin.isEmpty ? " (taskset missing: not pinned)" : " (taskset -c 0)"):\n")
        print("| capture | MB | verify (s) | events/s (target >= 500,000) | peak RSS (MiB) | jsonschema-rs (s) | jsonschema-rs events/s |")
        print("|---|---|---|---|---|---|---|")
        let schemas = dir.appendingPathComponent("schemas")
        _ = shell([".build/release/trackplan", "generate", "jsonschema", "--out", schemas.path].map { $0.hasPrefix(".build") ? URL(fileURLWithPath: $0).standardizedFileURL.path : $0 }, in: dir)
        var rss: [Int: Int] = [:]
        for events in [100_000, 1_000_000] {
            let file = out.appendingPathComponent("capture-\(events).jsonl").standardizedFileURL
            if !FileManager.default.fileExists(atPath: file.path) { try capture(events: events, workspaceEvents: 1_000, into: file) }
            let mb = Double((try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0) / 1e6
            var bestRun = (seconds: Double.infinity, maxRSSKiB: 0, code: Int32(0))
            for _ in 0 ..< 3 {
                let r = spawn(pin, ["verify", file.path, "--format", "json"], dir)
                if r.seconds < bestRun.seconds { bestRun = r }
            }
            rss[events] = bestRun.maxRSSKiB
            var python = "not run (pip install jsonschema-rs)"
            var pythonRate = ""
            let script = URL(fileURLWithPath: "Benchmarks/scripts/jsonschema_rs_verify.py").standardizedFileURL.path
            let r = shell(pin + ["python3", script, schemas.path, file.path], in: dir)
            let parts = r.out.split(separator: " ")
            if r.code == 0, parts.count == 4 { python = String(parts[2]); pythonRate = String(parts[3]).trimmingCharacters(in: .whitespacesAndNewlines) }
            print("| \(events) events | \(fmt(mb, 0)) | \(fmt(bestRun.seconds)) | \(Int(Double(events) / bestRun.seconds)) | \(fmt(Double(bestRun.maxRSSKiB) / 1024, 1)) | \(python) | \(pythonRate) |")
        }
        if let a = rss[100_000], let b = rss[1_000_000] {
            print("\nverify memory, 100,000 -> 1,000,000 events: \(fmt(Double(a) / 1024, 1)) -> \(fmt(Double(b) / 1024, 1)) MiB (the fingerprint tables of event ids and exposure keys stop growing at 12 MiB each).")
        }
    }
}
