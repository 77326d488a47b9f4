/// Estimated text extents for layout, without a font engine.
///
/// Drawings must decide before rendering whether a label fits or must be rotated, so
/// they estimate: DejaVu Sans and Helvetica average about 0.6 em per character for the
/// mixed letters, digits and operators of formulas. Overestimating is the safe side
/// (labels get a little more room than they need, never overlap).
enum TextMetrics {
    static let averageCharacterWidth = 0.6

    /// Estimated width in pixels of `text` at `fontSize`.
    static func width(_ text: String, fontSize: Double) -> Double {
        Double(text.count) * fontSize * averageCharacterWidth
    }
}
