/// A callable value: a user function or lambda with the scope it closes over,
/// or a builtin.
public final class Function: @unchecked Sendable {
    public enum Body {
        case user(FunctionDefinition, Environment)
        case builtin(Builtin)
    }

    let body: Body

    init(_ body: Body) { self.body = body }

    /// The name to show: the declared name, `<lambda>`, or the builtin's name.
    public var name: String {
        switch body {
        case .user(let definition, _): definition.name ?? "<lambda>"
        case .builtin(let builtin): builtin.name
        }
    }
}
