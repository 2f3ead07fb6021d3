// swift-tools-version:6.0
import PackageDescription

// Hot numeric code (GEMM, convolutions, segmentation loops) is compiled optimised even in
// debug builds, so `swift test` runs the same kernels users run, at usable speed.
// AVX2/FMA: without them SIMD8 multiply-adds become scalar fmaf calls (see ENGINEERING.md).
let fastMath: [SwiftSetting] = [
    .unsafeFlags(["-O", "-Xcc", "-mavx2", "-Xcc", "-mfma"]),
]

let package = Package(
    name: "digitscan",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "digitscan", targets: ["digitscan"]),
        .library(name: "ScanPipeline", targets: ["ScanPipeline"]),
        .library(name: "NeuralNet", targets: ["NeuralNet"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // C: libjpeg/libpng decoding and their error recovery (setjmp), nothing else.
        .target(
            name: "CImageCodecs",
            cSettings: [.unsafeFlags(["-O2"])],
            linkerSettings: [.linkedLibrary("jpeg"), .linkedLibrary("png16"), .linkedLibrary("z")]
        ),
        // zlib's gz* API, called directly from Swift to read gzipped IDX files.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .target(name: "ImageDecoding", dependencies: ["CImageCodecs"]),
        .target(name: "DigitSegmentation", dependencies: ["ImageDecoding"], swiftSettings: fastMath),
        // The AVX-512 inference kernel alone: Swift has no per-function target attribute, so
        // it needs its own module; NeuralNet calls it only when the CPU reports AVX-512.
        .target(name: "NeuralNetAVX512",
                swiftSettings: [.unsafeFlags(["-O", "-Xcc", "-mavx512f", "-Xcc", "-mavx2", "-Xcc", "-mfma"])]),
        .target(name: "NeuralNet", dependencies: ["NeuralNetAVX512"], swiftSettings: fastMath),
        .target(
            name: "ScanPipeline",
            dependencies: ["ImageDecoding", "DigitSegmentation", "NeuralNet", "CZlib"]
        ),
        .executableTarget(
            name: "digitscan",
            dependencies: ["ScanPipeline", "NeuralNet", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "ImageDecodingTests", dependencies: ["ImageDecoding"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "DigitSegmentationTests", dependencies: ["DigitSegmentation"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "NeuralNetTests", dependencies: ["NeuralNet"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "ScanPipelineTests", dependencies: ["ScanPipeline"]),
        .testTarget(name: "DigitscanCLITests", dependencies: ["ScanPipeline"]),
    ]
)
