// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets for digitscan, kept out of the root package so `swift build` and
// `swift test` there never need the fuzzer runtime. Build with scripts/fuzz.sh, which passes
// `--sanitize=fuzzer --sanitize=address`.
let package = Package(
    name: "digitscan-fuzz",
    dependencies: [.package(name: "digitscan", path: "../..")],
    targets: [
        // decode → segment → normalise on arbitrary bytes. `-parse-as-library`: the entry
        // point is LLVMFuzzerTestOneInput (libFuzzer's main), not top-level code.
        .executableTarget(
            name: "PipelineFuzz",
            dependencies: [.product(name: "ScanPipeline", package: "digitscan")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
        // The decoders alone (gray and RGB), faster per input than the whole pipeline.
        .executableTarget(
            name: "DecodeFuzz",
            dependencies: [.product(name: "ScanPipeline", package: "digitscan")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ]
)
