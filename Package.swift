// swift-tools-version: 6.1
import Foundation
import PackageDescription

/// The numerical kernels (module KAN) are written in four-lane SIMD; on x86-64 processors with
/// AVX2 and FMA (Intel Haswell, 2013, and later; every AMD Zen) LLVM can give them 256-bit
/// registers, which makes training 13-35 % cheaper in instructions (docs/kan-bench.md) with
/// bit-identical results (Swift does not contract a·b + c into an FMA). kan is always built
/// from source on the machine that runs it, so the build machine's own processor decides;
/// KAN_PORTABLE=1 builds for the baseline x86-64 instead.
let kernelSettings: [SwiftSetting] = {
    #if arch(x86_64) && os(Linux)
    guard ProcessInfo.processInfo.environment["KAN_PORTABLE"] == nil,
          let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
          let flagsLine = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
    else { return [] }
    let flags = Set(flagsLine.split(separator: " ").map(String.init))
    let haswell: Set<String> = ["avx", "avx2", "fma", "bmi1", "bmi2", "f16c", "movbe", "popcnt", "abm"]
    return haswell.isSubset(of: flags) ? [.unsafeFlags(["-target-cpu", "haswell"])] : []
    #else
    return []
    #endif
}()

/// kan: discovering closed-form formulas from data with Kolmogorov-Arnold Networks.
///
/// The targets follow the architecture in one direction only:
/// CGMP -> Exact -> Symbolic -> Discovery <- KAN, Table -> KanLang -> kan, with FileIO (reading
/// and saving the files a user names) below KAN, Table and Plot.
let package = Package(
    name: "kan",
    products: [
        .executable(name: "kan", targets: ["kan"]),
        .executable(name: "kan-bench", targets: ["KanBench"]),
        .executable(name: "symbolic-bench", targets: ["SymbolicBench"]),
        .library(name: "KanLang", targets: ["KanLang"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CGMP",
            providers: [.apt(["libgmp-dev"])]
        ),
        .systemLibrary(
            name: "CReadline",
            providers: [.apt(["libreadline-dev"])]
        ),
        .target(name: "Exact", dependencies: ["CGMP"]),
        .target(name: "Symbolic", dependencies: ["Exact"]),
        .target(name: "FileIO"),
        .target(name: "KAN", dependencies: ["FileIO"], swiftSettings: kernelSettings),
        .target(name: "Table", dependencies: ["FileIO", .product(name: "CSV", package: "CSV.swift")]),
        .target(name: "Discovery", dependencies: ["KAN", "Symbolic", "Exact"]),
        .target(name: "Plot", dependencies: ["KAN", "Symbolic", "FileIO"]),
        .target(name: "KanLang", dependencies: ["Discovery", "KAN", "Plot", "Table", "Symbolic", "Exact", "FileIO"],
                plugins: ["EmbedStandardLibrary"]),
        // library/std.kan, embedded in KanLang at build time (see the plugin for why).
        .plugin(name: "EmbedStandardLibrary", capability: .buildTool()),
        .executableTarget(
            name: "kan",
            dependencies: [
                "KanLang", "Discovery", "KAN", "Plot", "Table", "FileIO", "CReadline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "KanBench", dependencies: ["KAN"]),
        .executableTarget(name: "SymbolicBench", dependencies: ["Symbolic"]),
        .testTarget(name: "ExactTests", dependencies: [
            "Exact", .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "SymbolicTests", dependencies: [
            "Symbolic", .product(name: "PropertyBased", package: "swift-property-based"),
        ], exclude: ["Data"]),
        .testTarget(name: "KANTests", dependencies: ["KAN"]),
        .testTarget(name: "FileIOTests", dependencies: ["FileIO"]),
        .testTarget(name: "TableTests", dependencies: ["Table"]),
        .testTarget(name: "PlotTests", dependencies: ["Plot"]),
        .testTarget(name: "DiscoveryTests", dependencies: ["Discovery"]),
        .testTarget(name: "KanLangTests", dependencies: ["KanLang"], exclude: ["Golden"]),
        .testTarget(name: "EndToEndTests", dependencies: ["kan"]),
    ]
)
