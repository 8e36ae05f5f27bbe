import TrackPlanKit
let r = YAMLReader().read(path: CommandLine.arguments[1])
for e in r.errors { print(e) }
print(r.documents.count)
