import Testing

// Temporary: replaced by the suite's first real tests.
@Test func placeholderPlotTests() {}
