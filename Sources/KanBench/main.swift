// kan-bench: the KAN module's performance workloads.
//
//   kan-bench [--json] [--threads N] [W1|W2|W3 ...]
//
// W1  [2,5,1], G=5, k=3, 1,000 samples of exp(sin(πx) + y²), 50 L-BFGS steps (pykan's
//     sense), λ = 0.001, grid updates on pykan's schedule.
// W2  [8,32,32,1], G=10, 10,000 samples of a smooth 8-input target (below), 200 Adam
//     steps (lr 0.01) on mini-batches of 1,000, grid updates on pykan's schedule.
// W3  [100,1,1], 2,000 samples of exp(Σ sin²(πx_i/2)/100), 20 L-BFGS steps, grid updates.
// P1  the Poisson problem of scripts/examples/poisson.kan (Poisson.swift), only when named.
// Inputs are uniform on [-1, 1] from a fixed seed. Each line reports wall time of
// `train`, steps per second, loss+gradient evaluations, the final training RMSE
// (data fit, no regularisation) and the process's peak resident memory (ru_maxrss).
import Foundation
import KAN

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct Workload {
    var name: String
    var shape: [LayerWidth]
    var gridSize: Int
    var samples: Int
    var testSamples: Int
    var inputCount: Int
    var target: ([Double]) -> Double
    var options: TrainingOptions
}

func makeData(count: Int, inputs: Int, seed: UInt64, target: ([Double]) -> Double) throws -> Dataset {
    var rng = SeededGenerator(seed: seed)
    var x = [Double](repeating: 0, count: count * inputs)
    var y = [Double](repeating: 0, count: count)
    for s in 0..<count {
        var row = [Double](repeating: 0, count: inputs)
        for i in 0..<inputs { row[i] = rng.nextUniform(in: -1...1) }
        x.replaceSubrange((s * inputs)..<((s + 1) * inputs), with: row)
        y[s] = target(row)
    }
    return try Dataset(rows: x, inputCount: inputs, targets: y, outputCount: 1)
}

func peakMegabytes() -> Double {
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    #if os(Linux)
    return Double(usage.ru_maxrss) / 1024  // kilobytes on Linux
    #else
    return Double(usage.ru_maxrss) / 1_048_576  // bytes on macOS
    #endif
}

let workloads: [Workload] = [
    Workload(
        name: "W1", shape: [2, 5, 1], gridSize: 5, samples: 1000, testSamples: 1000, inputCount: 2,
        target: { exp(sin(Double.pi * $0[0]) + $0[1] * $0[1]) },
        options: TrainingOptions(steps: 50, optimizer: .lbfgs(), regularization: .init(lambda: 0.001))),
    Workload(
        name: "W2", shape: [8, 32, 32, 1], gridSize: 10, samples: 10_000, testSamples: 1000, inputCount: 8,
        target: { x in
            sin(Double.pi * x[0] * x[1]) + cos(x[2] + x[3]) + exp(-(x[4] * x[4] + x[5] * x[5])) + tanh(x[6] * x[7])
        },
        options: TrainingOptions(steps: 200, optimizer: .adam(learningRate: 0.01), batchSize: 1000)),
    Workload(
        name: "W3", shape: [100, 1, 1], gridSize: 5, samples: 2000, testSamples: 1000, inputCount: 100,
        target: { x in
            var s = 0.0
            for v in x { let q = sin(Double.pi * v / 2); s += q * q }
            return exp(s / 100)
        },
        options: TrainingOptions(steps: 20, optimizer: .lbfgs())),
]

var arguments = Array(CommandLine.arguments.dropFirst())
let json = arguments.contains("--json")
arguments.removeAll { $0 == "--json" }
// --threads N limits the loss/gradient threads (default: all cores).
var threads: Int? = nil
if let q = arguments.firstIndex(of: "--threads"), q + 1 < arguments.count {
    threads = Int(arguments[q + 1])
    arguments.removeSubrange(q...(q + 1))
}
// P1 (Sources/KanBench/Poisson.swift) runs only when named.
// --schedule G:S,G:S,... sets P1's grids and steps (default 5:100,10:100,20:400).
var poisson = PoissonWorkload()
if let q = arguments.firstIndex(of: "--schedule"), q + 1 < arguments.count {
    guard let schedule = PoissonWorkload.schedule(parsing: arguments[q + 1]) else {
        FileHandle.standardError.write("kan-bench: --schedule expects G:S,G:S,... (grid size and steps), got \(arguments[q + 1])\n".data(using: .utf8) ?? Data())
        exit(2)
    }
    poisson.schedule = schedule
    arguments.removeSubrange(q...(q + 1))
}
if arguments.contains("P1") {
    do {
        // One JSON line either way (its trace is long).
        print(try poisson.run())
    } catch {
        FileHandle.standardError.write("kan-bench: P1: \(error)\n".data(using: .utf8)!)
        exit(1)
    }
    arguments.removeAll { $0 == "P1" }
    if arguments.isEmpty { exit(0) }
}
let selected = arguments.isEmpty ? workloads : workloads.filter { arguments.contains($0.name) }
if selected.isEmpty {
    FileHandle.standardError.write("kan-bench: unknown workload \(arguments); expected W1, W2, W3 or P1\n".data(using: .utf8)!)
    exit(1)
}

for workload in selected {
    do {
        let data = try makeData(count: workload.samples, inputs: workload.inputCount, seed: 1, target: workload.target)
        let test = try makeData(count: workload.testSamples, inputs: workload.inputCount, seed: 2, target: workload.target)
        var network = try Network(shape: workload.shape, gridSize: workload.gridSize, seed: 0)
        let start = DispatchTime.now().uptimeNanoseconds
        var options = workload.options
        options.threadCount = threads
        let report = try network.train(on: data, test: test, options: options)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let rmse = try network.rootMeanSquareError(on: data)
        let stepsPerSecond = Double(report.steps) / seconds
        let peak = peakMegabytes()
        if json {
            print("{\"workload\": \"\(workload.name)\", \"seconds\": \(seconds), \"steps_per_second\": \(stepsPerSecond), \"evaluations\": \(report.evaluations), \"train_rmse\": \(rmse), \"peak_mb\": \(peak)}")
        } else {
            let shape = "[" + workload.shape.map(\.description).joined(separator: ",") + "]"
            print(String(format: "%@  %-14@ %8.3f s  %8.1f steps/s  %6d evaluations  train RMSE %.3e  test RMSE %.3e  peak %.1f MB",
                         workload.name, shape, seconds, stepsPerSecond, report.evaluations, rmse, report.testLoss, peak))
        }
    } catch {
        FileHandle.standardError.write("kan-bench: \(workload.name): \(error)\n".data(using: .utf8)!)
        exit(1)
    }
}
