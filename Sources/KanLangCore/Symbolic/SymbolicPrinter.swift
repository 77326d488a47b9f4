import Symbolic

/// Prints a symbolic expression the way KanLang shows it: Symbolic's text form,
/// which is also KanLang syntax, so printed text reads back:
///
///     exp(y^2 + sin(pi*x))     x/3 - 2*y     x^(3/2)     sqrt(x)
package enum SymbolicPrinter {
    package static func text(_ expression: Expr) -> String { TextPrinter().print(expression) }
}
