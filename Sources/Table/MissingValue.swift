/// What counts as a missing value in a CSV cell.
///
/// pandas writes a missing value as an empty cell, R as `NA`, spreadsheets `#N/A`, JSON
/// exports `null`, Python `None`, NumPy `nan`; all of them mean "no measurement here", and
/// `CSVReadOptions.missingValues` decides what happens to the row. Infinity is not among
/// them: it is a value (an overflow, a division by zero), refused unless
/// `CSVReadOptions.nonFiniteValues` drops it.
public enum MissingValue {
    /// The markers read as missing, matched exactly (after trimming spaces), besides the
    /// empty cell and every spelling of NaN: pandas' default `na_values` that are not NaN.
    public static let markers: Set<String> = [
        "NA", "N/A", "n/a", "na", "#N/A", "#NA", "<NA>", "NULL", "null", "Null", "None", "none",
        "-1.#IND", "1.#IND", "-1.#QNAN", "1.#QNAN", "#N/A N/A",
    ]

    /// Whether a trimmed cell's text is a missing value: empty, a marker, or NaN.
    static func isMissing(_ text: String, value: Double?) -> Bool {
        if text.isEmpty { return true }
        if let value { return value.isNaN }
        return markers.contains(text)
    }
}
