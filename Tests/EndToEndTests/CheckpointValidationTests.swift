import Foundation
import Testing

/// Doctored checkpoints through the `kan` binary: `load_model` refuses each with the field
/// named and status 1, quickly and without a crash (issue 12: `[-1, 0]` input indices
/// trapped in `formula`, `[0, 2^40]` aborted allocating 17 TB, `[0, 1e8]` took over 4 GB).
@Suite struct CheckpointValidationTests {
    let directory = ScratchFolder.make("kan-checkpoint-validation")

    @Test func doctoredCheckpointsAreRefusedNamingTheField() throws {
        let good = directory.appendingPathComponent("good.json").path
        let save = try KanBinary.run(["-e", "save_model(kan([2, 3, 1], seed: 1), args[0])", good])
        #expect(save.status == 0, "\(save.standardError)")
        let text = try String(contentsOfFile: good, encoding: .utf8)
        // (pattern, replacement, problem): the first match of the regular expression is replaced.
        let cases: [(String, String, String)] = [
            (#""inputIndices":\[0,1\]"#, #""inputIndices":[-1,0]"#, "inputIndices[0]: -1 is not in 0...1048575"),
            (#""inputIndices":\[0,1\]"#, #""inputIndices":[0,1099511627776]"#, "inputIndices[1]: 1099511627776 is not in 0...1048575"),
            (#""inputIndices":\[0,1\]"#, #""inputIndices":[0,1e8]"#, "inputIndices[1]: 100000000 is not in 0...1048575"),
            (#""inputIndices":\[0,1\]"#, #""inputIndices":[0,0]"#, "inputIndices[1]: 0 repeats inputIndices[0]"),
            (#""coefficients":\[[^,]*"#, #""coefficients":["nan""#, "layers[0].coefficients[0]: nan is not a finite number"),
            (#""mask":\[1,"#, #""mask":[0.5,"#, "layers[0].mask[0]: 0.5 is not 0 or 1"),
            (#""seed":1,"#, #""seed":1.5,"#, "configuration.seed: 1.5 is not a seed"),
        ]
        for (k, (old, new, problem)) in cases.enumerated() {
            #expect(text.contains(try Regex(old)), "\(old)")
            let path = directory.appendingPathComponent("bad-\(k).json").path
            try text.replacing(try Regex(old), with: new, maxReplacements: 1).write(toFile: path, atomically: true, encoding: .utf8)
            // formula() after the load is what trapped on [-1, 0]: it never runs now.
            let started = Date()
            let result = try KanBinary.run(["-e", "let m = load_model(args[0])\nprint(formula(m))", path])
            #expect(result.signal == nil && result.status == 1, "\(new): \(result.status) \(result.standardError)")
            #expect(result.standardError.contains("cannot load a model from '\(path)': invalid checkpoint: \(problem)"),
                    "\(new): \(result.standardError)")
            #expect(!result.standardError.contains("JSON"), "\(new): \(result.standardError)")
            #expect(Date().timeIntervalSince(started) < 30, "\(new)")
        }
        // A negative seed is a seed (as kan(seed: -1)).
        let negative = directory.appendingPathComponent("negative-seed.json").path
        try text.replacingOccurrences(of: "\"seed\":1,", with: "\"seed\":-1,").write(toFile: negative, atomically: true, encoding: .utf8)
        let loaded = try KanBinary.run(["-e", "print(load_model(args[0]).shape)", negative])
        #expect(loaded.status == 0 && loaded.standardOutput == "[2, 3, 1]\n", "\(loaded.standardError)")
    }
}
