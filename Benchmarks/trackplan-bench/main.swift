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
print("trackplan benchmarks (release build; best of 5 runs unless a table says otherwise)\n")
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

// Lint: the whole `trackplan lint` binary on the generated workspaces, wall time and
// peak resident memory of the child process, beside the bare parse of the same files.
/// `launcher` (e.g. `taskset -c 0`, by absolute path) runs the binary when given.
/// Peak memory is read by GNU time: a child spawned straight from this (large) process
/// would report this process's resident size as its own peak, since Linux carries the
/// old address space's high-water mark across exec.
func runLint(_ args: [String], in dir: URL, launcher: [String] = []) -> (seconds: Double, maxRSSKiB: Int, code: Int32, cpuSeconds: Double) {
    let binary = URL(fileURLWithPath: ".build/release/trackplan").standardizedFileURL
    let rssFile = FileManager.default.temporaryDirectory.appendingPathComponent("trackplan-bench-rss-\(getpid())")
    let timer = FileManager.default.isExecutableFile(atPath: "/usr/bin/time") ? ["/usr/bin/time", "-f", "%M", "-o", rssFile.path] : []
    let start = DispatchTime.now().uptimeNanoseconds
    var pid: pid_t = 0
    let chain = timer + launcher
    let executable = chain.first ?? binary.path
    let argv: [UnsafeMutablePointer<CChar>?] = (chain + [binary.path] + args).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let old = FileManager.default.currentDirectoryPath
    _ = FileManager.default.changeCurrentDirectoryPath(dir.path)
    let rc = posix_spawn(&pid, executable, &actions, nil, argv, environ)
    _ = FileManager.default.changeCurrentDirectoryPath(old)
    posix_spawn_file_actions_destroy(&actions)
    guard rc == 0 else { return (0, 0, -1, 0) }
    var status: Int32 = 0
    var usage = rusage()
    wait4(pid, &status, 0, &usage)
    let t = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    var rss = Int(usage.ru_maxrss)
    if !timer.isEmpty, let text = try? String(contentsOf: rssFile, encoding: .utf8),
       let kib = text.split(separator: "\n").compactMap({ Int($0.trimmingCharacters(in: .whitespaces)) }).last {
        rss = kib
    }
    let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    return (t, rss, (status >> 8) & 0xFF, cpu)
}

// Five bare parses in a row, then rounds alternating a bare parse and a lint, so a machine that
// slows down or speeds up during the run weighs on both; the bare parse is the fastest of all twelve
// (the strictest baseline), the lint the fastest of seven. Wall times on a shared machine vary by
// half from one run to the next: read ratios from one run, and instruction counts (callgrind) for
// changes. CPU is user + system time of the lint process (all cores), beside the parse's one core.
print("\n| workspace | bare parse, best of 12 (s) | lint, whole binary, best of 7 (s) | ratio (target <= 1.5) | median of the 7 paired ratios | lint CPU, all cores (s) | CPU ratio | peak RSS (MiB) | exit |")
print("|---|---|---|---|---|---|---|---|---|")
var rss: [Int: Int] = [:]
for events in [1_000, 10_000] {
    let dir = out.appendingPathComponent("ws-\(events)")
    let inputs = readAll(yamlFiles(in: dir))
    var sink = 0
    var bare = Double.infinity
    var bestLint = (seconds: Double.infinity, maxRSSKiB: 0, code: Int32(0), cpuSeconds: Double.infinity)
    var bestCPU = Double.infinity
    bare = best(of: 5) { sink &+= bareParse(inputs) }
    // Each round's lint over the bare parse just before it: the two ran a moment apart, so their
    // ratio varies less than either time does.
    var paired: [Double] = []
    for _ in 0 ..< 7 {
        let b = best(of: 1) { sink &+= bareParse(inputs) }
        bare = min(bare, b)
        let r = runLint(["lint", "--format", "json"], in: dir)
        paired.append(r.seconds / b)
        if r.seconds < bestLint.seconds { bestLint = r }
        bestCPU = min(bestCPU, r.cpuSeconds)
    }
    let medianPaired = paired.sorted()[paired.count / 2]
    rss[events] = bestLint.maxRSSKiB
    print("| \(events) events | \(fmt(bare)) | \(fmt(bestLint.seconds)) | \(fmt(bestLint.seconds / bare, 2))x | \(fmt(medianPaired, 2))x | \(fmt(bestCPU)) | \(fmt(bestCPU / bare, 2))x | \(fmt(Double(bestLint.maxRSSKiB) / 1024, 1)) | \(bestLint.code) |")
    if sink == 42 { print("") }
}
if let a = rss[1_000], let b = rss[10_000] {
    print("\nMemory growth 1,000 -> 10,000 events: \(fmt(Double(b) / Double(a), 2))x for 10x the input (linear or better is <= 10x).")
}

// One plan file, as a pre-commit hook lints it (target: under 30 ms wall).
do {
    let dir = out.appendingPathComponent("ws-10000")
    var times: [Double] = []
    for _ in 0 ..< 20 { times.append(runLint(["lint", "plans/generated_plan_7.yaml"], in: dir).seconds) }
    times.sort()
    print("\nLint of one plan file in the 10,000-event workspace: median \(fmt(times[times.count / 2] * 1000, 1)) ms, worst \(fmt(times.last! * 1000, 1)) ms over 20 runs (target < 30 ms).")
    let ex = URL(fileURLWithPath: ".").standardizedFileURL
    times = []
    for _ in 0 ..< 20 { times.append(runLint(["lint", "plans/homepage_banner.yaml"], in: ex).seconds) }
    times.sort()
    print("Lint of plans/homepage_banner.yaml in the example workspace: median \(fmt(times[times.count / 2] * 1000, 1)) ms.")
}

// Where lint time goes, phase by phase, on the 10,000-event workspace.
do {
    let dir = out.appendingPathComponent("ws-10000").standardizedFileURL.path
    var workspace: Workspace?
    // What `trackplan lint` does: each plan read, checked and freed on whichever core is free.
    let streamed = best(of: 3) { _ = Linter().lint(root: dir) }
    let load = best(of: 3) { workspace = WorkspaceLoader().load(root: dir) }
    print("\n| phase (10,000 events) | seconds |\n|---|---|")
    print("| lint in one pass, as `trackplan lint` runs it (read, parse, check shapes, decode, rules; every core) | \(fmt(streamed)) |")
    print("| load of the whole workspace, as the other commands load it | \(fmt(load)) |")
    var rows: [(String, Double)] = []
    for rule in RuleRegistry.all where type(of: rule).description.phase == .model {
        let d = type(of: rule).description
        let t = best(of: 3) {
            var sink = DiagnosticSink(ruleID: d.id, severity: d.severity)
            rule.validate(workspace!, &sink)
        }
        rows.append((d.id, t))
    }
    // On a fresh load each time: the parameter sites are made once per workspace and kept.
    var together = Double.infinity
    for _ in 0 ..< 3 {
        let fresh = WorkspaceLoader().load(root: dir)
        together = min(together, best(of: 1) { _ = Linter().lint(fresh) })
    }
    print("| all rules on the loaded workspace (`Linter.lint(_:)`: site rules together, every core) | \(fmt(together)) |")
    for (id, t) in rows.sorted(by: { $0.1 > $1.1 }) { print("| rule \(id), alone on one core, on the loaded workspace | \(fmt(t, 4)) |") }
}

// `trackplan verify`: a 1,000,000-event capture against the 1,000-event workspace.
try VerifyBench.run(out: out) { launcher, args, dir in
    let r = runLint(args, in: dir, launcher: launcher)
    return (r.seconds, r.maxRSSKiB, r.code)
}
