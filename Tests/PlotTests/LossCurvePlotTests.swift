import Foundation
import KAN
import Testing
@testable import Plot

@Suite struct LossCurvePlotTests {
    @Test func drawsBothLossesOnLogAxisWithEvents() throws {
        let train = (1...60).map { 0.5 * pow(0.9, Double($0)) }
        let test = train.map { $0 * 1.3 }
        var events = TrainingEvent.gridUpdates(options: TrainingOptions(steps: 60))
        events.append(TrainingEvent(step: 30, kind: .refine(gridSize: 10)))
        events.append(TrainingEvent(step: 45, kind: .prune))
        let parsed = try ParsedSVG(try LossCurvePlot(trainLoss: train, testLoss: test, events: events, title: "loss").svg())
        #expect(parsed.all("path", class: "loss", "train").count == 1)
        #expect(parsed.all("path", class: "loss", "test").count == 1)
        #expect(parsed.all("g", class: "event", "grid-update").map { $0.attributes["data-step"] ?? "" }
            == ["0", "5", "10", "15", "20", "25", "30", "35", "40", "45"])
        #expect(parsed.all("g", class: "event", "refine").count == 1)
        #expect(parsed.all("g", class: "event", "prune").first?.attributes["data-step"] == "45")
        // 0.5·0.9^60 ≈ 9e-4 … 0.585: decades 1e-4 … 1 as 10^k labels.
        let ticks = parsed.all("g", class: "tick", "y")
        #expect(ticks.map { $0.attributes["data-value"] ?? "" } == ["1e-4", "0.001", "0.01", "0.1", "1"])
        let labels = parsed.all("text", class: "tick-label").map(\.text)
        #expect(labels.contains("10-4") && labels.contains("100"))
        let xTicks = parsed.all("g", class: "tick", "x").map { $0.attributes["data-value"] ?? "" }
        #expect(xTicks == ["0", "10", "20", "30", "40", "50", "60"])
    }

    @Test func historyWithoutTestDataDrawsTrainOnly() throws {
        let data = try Fixtures.data(count: 80)
        var net = try Network(shape: [2, 2, 1], gridSize: 3, seed: 0)
        try net.train(on: data, options: TrainingOptions(steps: 3))
        let parsed = try ParsedSVG(try LossCurvePlot(history: net.history).svg())
        #expect(parsed.all("path", class: "loss", "train").count == 1)
        #expect(parsed.all("path", class: "loss", "test").isEmpty)
        #expect(throws: PlotError.self) { try LossCurvePlot(trainLoss: [.nan, 0, -1]).svg() }
    }

    @Test func gridUpdatesFollowTheTrainingSchedule() {
        let options = TrainingOptions(steps: 20, gridUpdate: .init(count: 4, stopStep: 12))
        #expect(TrainingEvent.gridUpdates(options: options, firstStep: 100).map(\.step) == [100, 103, 106, 109])
        #expect(TrainingEvent.gridUpdates(options: TrainingOptions(steps: 20, gridUpdate: .disabled)).isEmpty)
    }
}
