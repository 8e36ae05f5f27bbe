import CYAML
import Foundation
import TrackPlanKit

// `make bench`: speed and memory figures, printed as a table. Not a test: nothing
// here passes or fails; the targets are stated beside the figures.

func yamlFiles(in dir: URL) -> [String] {
    var result: [String] = []
    let e = FileManager.default.enumerator(atPath: dir.path)
    while let p = e?.nextObject() as? String {
        if p.hasSuffix(".yaml") { result.append(dir.appendingPathComponent(p).path) }
    }
    return result.sorted()
}

func readAll(_ files: [String]) -> [[UInt8]] {
    files.map { [UInt8](FileManager.default.contents(atPath: $0) ?? Data()) }
}

/// libyaml's parser alone: every event pulled and freed, nothing kept.
func bareParse(_ inputs: [[UInt8]]) -> Int {
    var events = 0
    for bytes in inputs {
        var parser = yaml_parser_t()
        yaml_parser_initialize(&parser)
        bytes.withUnsafeBufferPointer { b in
            yaml_parser_set_input_string(&parser, b.baseAddress, b.count)
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) != 0 {
                let done = event.type == YAML_STREAM_END_EVENT
                yaml_event_delete(&event)
                events += 1
                if done { break }
            }
        }
        yaml_parser_delete(&parser)
    }
    return events
}

func readerParse(_ inputs: [[UInt8]]) -> Int {
    let reader = YAMLReader()
    var nodes = 0
    for bytes in inputs {
        let r = reader.parse(bytes, path: "x.yaml")
        nodes += r.documents.first?.storage.nodeCount ?? 0
    }
    return nodes
}

func best(of runs: Int, _ body: () -> Void) -> Double {
    var bestTime = Double.infinity
    for _ in 0 ..< runs {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        let t = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        bestTime = min(bestTime, t)
    }
    return bestTime
}

func fmt(_ x: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", x) }

let out = URL(fileURLWithPath: "bench-out")
print("trackplan benchmarks (release build, best of 5 runs)\n")
print("| workspace | files | MB | bare libyaml parse (s) | YAMLReader (s) | ratio (target <= 1.5) |")
print("|---|---|---|---|---|---|")
for events in [1_000, 10_000] {
    let dir = out.appendingPathComponent("ws-\(events)")
    try WorkspaceGenerator.generate(events: events, into: dir)
    let files = yamlFiles(in: dir)
    let inputs = readAll(files)
    let mb = Double(inputs.reduce(0) { $0 + $1.count }) / 1e6
    var sink = 0
    let bare = best(of: 5) { sink &+= bareParse(inputs) }
    let ours = best(of: 5) { sink &+= readerParse(inputs) }
    print("| \(events) events | \(files.count) | \(fmt(mb, 1)) | \(fmt(bare)) | \(fmt(ours)) | \(fmt(ours / bare, 2))x |")
    if sink == 42 { print("") }
}
