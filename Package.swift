// swift-tools-version: 6.1
import PackageDescription

/// kan: discovering closed-form formulas from data with Kolmogorov-Arnold Networks.
///
/// The targets follow the architecture in one direction only:
/// CGMP -> Exact -> Symbolic -> Discovery <- KAN, Table -> KanLang -> kan, with FileIO (reading
/// and saving the files a user names) below KAN, Table and Plot, and KANKernels (the dense
/// layers' edge loops in C, for the baseline x86-64 and AVX2, chosen at run time) below KAN.
/// The language itself, KanLangCore (source, syntax, AST, runtime values, the interpreter and
/// the builtin mechanism), depends on Symbolic, Exact and FileIO only, never on Discovery,
/// KAN, Plot or Table: KanLang (the builtins, the pipeline's values, and `PipelineHost`, the
/// `InterpreterHost` that hands the core Discovery's function library and std.kan) sits on it
/// and the lower modules, and re-exports it. Policies live once, below the language
/// (Discovery, Symbolic), and KanLang's builtins and kan call them; library/std.kan, the
/// standard library's one definition, is embedded in Discovery by the EmbedStandardLibrary
/// plugin.
let package = Package(
    name: "kan",
    products: [
        .executable(name: "kan", targets: ["kan"]),
        .executable(name: "kan-bench", targets: ["KanBench"]),
        .executable(name: "symbolic-bench", targets: ["SymbolicBench"]),
        .library(name: "KanLang", targets: ["KanLang"]),
        .library(name: "KanLangCore", targets: ["KanLangCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
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
        // The dense cubic layers' edge loops in C, compiled for the baseline x86-64 and for
        // AVX2 and chosen at run time: the build reads nothing of the building machine.
        .target(name: "KANKernels"),
        .target(name: "KAN", dependencies: ["FileIO", "KANKernels"]),
        .target(name: "Table", dependencies: ["FileIO", .product(name: "CSV", package: "CSV.swift")]),
        // library/std.kan, embedded in Discovery at build time (see the plugin for why).
        .target(name: "Discovery", dependencies: ["KAN", "Symbolic", "Exact"], plugins: ["EmbedStandardLibrary"]),
        .target(name: "Plot", dependencies: ["KAN", "Symbolic", "FileIO"]),
        // `kan sweep`: a manifest of discover jobs, their results log, resumption, summaries
        // and Slurm job arrays. It knows nothing of discovery: each job is a child process.
        .target(name: "Sweep", dependencies: ["FileIO", .product(name: "TOMLKit", package: "TOMLKit")]),
        // The language alone: nothing of the pipeline (see InterpreterHost.swift).
        .target(name: "KanLangCore", dependencies: ["Symbolic", "Exact", "FileIO"]),
        .target(name: "KanLang", dependencies: ["KanLangCore", "Discovery", "KAN", "Plot", "Table", "Symbolic", "Exact", "FileIO"]),
        .plugin(name: "EmbedStandardLibrary", capability: .buildTool()),
        .executableTarget(
            name: "kan",
            dependencies: [
                "KanLang", "Discovery", "KAN", "Plot", "Table", "FileIO", "Sweep", "CReadline",
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
        // The language with a host of the tests' own: it runs without the pipeline.
        .testTarget(name: "KanLangCoreTests", dependencies: ["KanLangCore"]),
        .testTarget(name: "KanLangTests", dependencies: ["KanLang", "KanLangCore"], exclude: ["Golden"]),
        .testTarget(name: "SweepTests", dependencies: ["Sweep"]),
        .testTarget(name: "EndToEndTests", dependencies: ["kan"]),
    ]
)
