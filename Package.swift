// swift-tools-version: 6.0
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "trackplan",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "trackplan", targets: ["trackplan"]),
        .library(name: "TrackPlanKit", targets: ["TrackPlanKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .target(
            name: "TrackPlanKit",
            dependencies: [
                "CYAML",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("Resources/render")],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "trackplan",
            dependencies: [
                "TrackPlanKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "trackplan-bench",
            dependencies: ["TrackPlanKit", "CYAML"],
            path: "Benchmarks/trackplan-bench",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "TrackPlanKitTests",
            dependencies: ["TrackPlanKit", "CYAML"],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
