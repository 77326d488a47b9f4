/// Colours, font and line widths shared by every drawing, so a spline edge, a
/// training-loss line or a chosen formula look the same wherever they appear.
///
///     var theme = Theme()
///     theme.symbolic = "#c0392b"
///     let svg = try NetworkDiagram(network: net, theme: theme).svg()
///
/// Colours are any SVG colour text (`#rrggbb`, `black`).
public struct Theme: Sendable, Equatable {
    public var background = "#ffffff"
    /// Text, node outlines, spline (numeric) edges.
    public var foreground = "#222222"
    /// Axis lines and tick labels.
    public var axis = "#444444"
    /// Light grid lines and panel frames.
    public var grid = "#e3e3e3"
    /// Spline activations and edges.
    public var spline = "#222222"
    /// Symbolic edges, their labels and fitted formulas.
    public var symbolic = "#c0392b"
    /// Samples (dots) an edge was fitted on.
    public var samples = "#7f8c8d"
    /// Training loss.
    public var train = "#1f77b4"
    /// Test loss.
    public var test = "#ff7f0e"
    /// Grid update and refinement markers.
    public var gridEvent = "#2ca02c"
    /// Pruning markers.
    public var pruneEvent = "#9467bd"
    /// Other caller-defined training events.
    public var otherEvent = "#8c564b"
    /// Pareto points and the front line.
    public var front = "#1f77b4"
    /// The chosen formula on the Pareto front.
    public var chosen = "#c0392b"
    /// Sum node fill.
    public var sumNode = "#ffffff"
    /// Multiplication node fill.
    public var multNode = "#fdebd0"
    public var fontFamily = "DejaVu Sans, Helvetica, Arial, sans-serif"
    /// Base font size in pixels; drawings scale some text from it.
    public var fontSize: Double = 13
    public var lineWidth: Double = 1.6

    public init() {}
}
