import Foundation

// The evaluator's per-sample caches and per-chunk buffers, grown on demand.
extension Evaluator {
    func ensureCapacity(_ n: Int, edges: Bool) {
        if n <= capacity && (!edges || storesEdges) { return }
        firstLayerToken = nil
        for p in sampleAllocations { p.deallocate() }
        sampleAllocations = []
        let newCapacity = max(n, capacity)
        func allocate<T>(_ type: T.Type, _ count: Int) -> UnsafeMutablePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: max(count, 1))
            sampleAllocations.append(UnsafeMutableRawPointer(p))
            return p
        }
        xs = []; starts = []; values = []; slopes = []; baseValues = []; baseSlopes = []; subnodes = []; edgeOutputs = []
        for plan in plans { xs.append(allocate(Double.self, newCapacity * plan.inputs)) }
        xs.append(allocate(Double.self, newCapacity * outputCount))
        for (l, plan) in plans.enumerated() {
            starts.append(allocate(Int32.self, newCapacity * plan.inputs))
            values.append(allocate(Double.self, newCapacity * plan.inputs * (plan.order + 1)))
            slopes.append(allocate(Double.self, newCapacity * plan.inputs * (plan.order + 1)))
            baseValues.append(allocate(Double.self, newCapacity * plan.inputs))
            baseSlopes.append(allocate(Double.self, newCapacity * plan.inputs))
            // Without multiplication nodes the sub-nodes are the next level's values: one buffer.
            subnodes.append(plan.mults == 0 ? xs[l + 1] : allocate(Double.self, newCapacity * plan.subnodes))
            if edges || storesEdges { edgeOutputs.append(allocate(Double.self, newCapacity * plan.inputs * plan.subnodes)) }
        }
        storesEdges = edges || storesEdges
        capacity = newCapacity
    }

    func ensureChunks(_ chunks: Int) {
        if chunks <= chunkCapacity { return }
        for p in chunkAllocations { p.deallocate() }
        chunkAllocations = []
        func allocate(_ count: Int) -> UnsafeMutablePointer<Double> {
            let p = UnsafeMutablePointer<Double>.allocate(capacity: max(count, 1))
            chunkAllocations.append(UnsafeMutableRawPointer(p))
            return p
        }
        chunkGradients = allocate(chunks * layout.count)
        chunkStatistics = allocate(chunks * (totalEdges + totalInputs))
        chunkErrors = allocate(chunks)
        chunkScratch = allocate(chunks * scratchPerChunk)
        chunkMoments = allocate(chunks * momentsPerChunk)
        chunkCapacity = chunks
    }
}
