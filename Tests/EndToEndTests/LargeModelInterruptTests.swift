import Foundation
import Testing

/// Ctrl-C during the training of a wide network on a fine grid, whose single steps (and
/// grid updates, and single evaluations) take seconds: L-BFGS, its line search, the
/// evaluator's chunks and the grid update all poll the flag, so the run stops well before
/// the step it is in would end (docs/interrupts.md).
@Suite(.serialized) struct LargeModelInterruptTests {
    let directory = ScratchFolder.make("kan-large-interrupt")

    @Test(arguments: [0.5, 2.0, 5.0])
    func controlCStopsTrainingAWideFineNetworkQuickly(delay: Double) throws {
        let marker = directory.appendingPathComponent("started-\(delay).json")
        let script = try ScratchFolder.write("""
            symbols x, y
            let data = dataset(exp(x + y), ranges: {x: [-1, 1], y: [-1, 1]}, n: 1000)
            let m = kan([2, 1500, 1], grid: 1000)
            save_model(kan([1, 1]), args[0])
            let t = train(m, data, steps: 100)
            print("finished")

            """, to: "wide-\(delay).kan", in: directory)
        let running = try RunningKan([script, marker.path])
        #expect(RunningKan.wait(timeout: 120) { FileManager.default.fileExists(atPath: marker.path) }, "the script did not start training")
        usleep(useconds_t(delay * 1e6))
        #expect(running.process.isRunning, "training ended before the interrupt")
        running.send(SIGINT)
        let seconds = running.waitForExit(timeout: 60)
        print("SIGINT to exit, [2, 1500, 1] grid 1000 after \(delay) s: \(seconds.map { String(format: "%.3f s", $0) } ?? "time-out")")
        #expect(seconds != nil && seconds! < 5, "training took \(seconds ?? -1) s to stop")
        #expect(running.exitStatus == 130, "\(running.standardError)")
        #expect(running.standardError.contains("training interrupted after 0 of 100 steps"), "\(running.standardError)")
        #expect(!running.standardOutput.contains("finished"))
    }
}
