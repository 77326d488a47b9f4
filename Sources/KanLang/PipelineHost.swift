import Discovery
import Symbolic

/// The pipeline as the language's core sees it: the `InterpreterHost` that KanLang's
/// interpreters are made with.
///
/// KanLangCore cannot import Discovery, so it hands `primitive` declarations, the standard
/// library and builtin results to its host; this one keeps the declared primitives compiled
/// in a Discovery `FunctionLibrary` (what `suggest`, `auto_symbolic` and `discover` search),
/// offers the `std.kan` built into Discovery, registers every builtin group of this module,
/// and records the steps of models (`ModelHistory`).
public final class PipelineHost: InterpreterHost {
    /// The function library symbolic matching draws from: every `primitive` declared, in
    /// order, a redeclared name replacing the old one in place. Empty until `std.kan` (or
    /// another library file) runs.
    public var functionLibrary = FunctionLibrary()

    public init() {}

    /// The groups every KanLang interpreter starts with. A new group is one file and one
    /// entry here.
    public static var builtinGroups: [any BuiltinGroup.Type] { [
        CoreBuiltins.self, MathBuiltins.self, CollectionBuiltins.self, SymbolicBuiltins.self, LibraryBuiltins.self,
        DataBuiltins.self, ModelBuiltins.self, DerivativeBuiltins.self, DiscoveryBuiltins.self, PlotBuiltins.self,
        InspectionBuiltins.self, SurgeryBuiltins.self, HistoryBuiltins.self, StructureQueryBuiltins.self,
        ScienceBuiltins.self, TrainingControlBuiltins.self,
    ] }

    public var builtinGroups: [any BuiltinGroup.Type] { Self.builtinGroups }

    public var standardLibrary: StandardLibrarySource? {
        StandardLibrarySource(fileName: StandardLibrary.fileName, source: StandardLibrary.source)
    }

    /// Compiles the declaration into a `Primitive` (which refuses an expression that is
    /// undefined, cannot be compiled, or is finite nowhere on [-1, 1] and its domain).
    public func addPrimitive(_ declaration: PrimitiveDeclaration) throws(KanError) {
        do throws(PrimitiveError) {
            // The core has checked that the cost is a whole number within Int's range.
            functionLibrary.add(try Primitive(
                name: declaration.name, expression: declaration.expression, cost: Int(declaration.cost)))
        } catch {
            throw KanError(error.description)
        }
    }

    public func removePrimitive(named name: String) -> Bool {
        functionLibrary.remove(named: name) != nil
    }

    public func builtinResult(_ result: Value, of builtin: Builtin, call: BuiltinCall) -> Value {
        ModelHistory.recording(result, of: builtin, call: call)
    }
}

extension Interpreter {
    /// An interpreter of the whole language: the builtins of every group of this module and
    /// the pipeline's function library (`PipelineHost`).
    public convenience init(options: InterpreterOptions = InterpreterOptions()) {
        self.init(options: options, host: PipelineHost())
    }

    /// The function library of the `primitive` declarations run so far (`PipelineHost`):
    /// what `suggest`, `fix`, `auto_symbolic`, `formula` and `discover` search, and what
    /// `kan discover` reads after running `std.kan` and the `--library` files. Setting it from
    /// Swift replaces what `library()` lists. An interpreter made with another host has none:
    /// reading gives an empty library and setting does nothing.
    public var functionLibrary: FunctionLibrary {
        get { (host as? PipelineHost)?.functionLibrary ?? FunctionLibrary() }
        set { (host as? PipelineHost)?.functionLibrary = newValue }
    }
}
