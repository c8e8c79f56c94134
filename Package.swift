// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "opswiki",
    products: [
        .executable(name: "opswiki", targets: ["opswiki"]),
    ],
    targets: [
        .systemLibrary(name: "CGit2", pkgConfig: "libgit2", providers: [.apt(["libgit2-dev"])]),
        .systemLibrary(name: "CLinux"),
        .target(name: "WikiStore", dependencies: ["CGit2", "CLinux"]),
        .target(name: "WikiRender"),
        .target(name: "WikiHTTP", dependencies: ["WikiStore", "WikiRender", "CLinux"]),
        .executableTarget(name: "opswiki", dependencies: ["WikiStore", "WikiRender", "WikiHTTP"]),
        .executableTarget(name: "Benchmarks", dependencies: ["WikiRender", "WikiStore"], path: "Benchmarks", exclude: ["http-bench.sh", "git-http-backend-host.py"]),
        .systemLibrary(name: "CLibFuzzer", path: "Fuzz/CLibFuzzer"),
        .executableTarget(name: "RenderFuzz", dependencies: ["WikiRender", "CLibFuzzer"], path: "Fuzz/RenderFuzz"),
        .testTarget(name: "WikiStoreTests", dependencies: ["WikiStore"]),
        .testTarget(name: "WikiRenderTests", dependencies: ["WikiRender"]),
        .testTarget(name: "WikiHTTPTests", dependencies: ["WikiHTTP", "WikiStore", "WikiRender"]),
        .testTarget(name: "OpsWikiTests", dependencies: ["opswiki"]),
        .executableTarget(name: "HTTPParserFuzz", dependencies: ["WikiHTTP"], path: "Fuzz/HTTPParserFuzz"),
    ],
    swiftLanguageModes: [.v6]
)
