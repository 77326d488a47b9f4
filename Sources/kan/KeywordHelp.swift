import KanLang

/// What `:help KEYWORD` shows for the language's keywords and REPL words, which are not
/// builtins and so have no signature of their own: the form, an example, and the section
/// of docs/language.md that specifies it.
enum KeywordHelp {
    static let entries: [String: String] = [
        "let": "let NAME = EXPRESSION: declares a variable in the current scope (again in the same scope: replaces it).\n  let f = exp(x^2)\nSee docs/language.md §5, Variables and scopes.",
        "fn": "fn NAME(PARAMETERS) { BODY }: declares a function; parameters may have defaults; the last expression is the value.\n  fn area(r, scale = 1) { scale * pi * r^2 }\nLambdas: x -> x^2, (a, b) -> a + b. See docs/language.md §5.",
        "if": "if CONDITION { ... } else if CONDITION { ... } else { ... }: the condition must be a boolean.\n  if n > 0 { print(\"positive\") } else { print(\"not\") }\nSee docs/language.md §5, Control flow.",
        "else": "The other branch of an if: if c { ... } else { ... }, or else if. See :help if.",
        "for": "for NAME in LIST_OR_STRING_OR_RECORD { ... }: over a list (a snapshot), a string's characters or a record's keys.\n  for i in range(3) { print(i) }\nSee docs/language.md §5, Control flow.",
        "in": "Part of a for loop: for NAME in COLLECTION { ... }. See :help for.",
        "while": "while CONDITION { ... }: repeats while the boolean condition holds.\n  while n < 3 { n = n + 1 }\nSee docs/language.md §5.",
        "return": "return [EXPRESSION]: ends the function with the value (nil without one). Outside a function it is a syntax error.",
        "break": "break: leaves the innermost loop.",
        "continue": "continue: goes on with the next iteration of the innermost loop.",
        "true": "The boolean true. Conditions must be booleans: if 1 { } is an error.",
        "false": "The boolean false.",
        "nil": "nil: no value; what a function gives without return or a final expression. Passing nil to an optional builtin parameter means its default.",
        "and": "a and b (also &&): true when both are; b is evaluated only if a is true.",
        "or": "a or b (also ||): true when either is; b is evaluated only if a is false.",
        "not": "not a (also !): the negation of a boolean.",
        "import": "import \"FILE.kan\": runs a file once in the global scope, found beside the importing file, then on the library path; import \"std.kan\" is the built-in standard library.\nSee docs/language.md §5, Import.",
        "primitive": "primitive NAME = EXPRESSION-IN-x [cost N]: adds a function to the library that symbolic matching draws from (suggest, fix, auto_symbolic, formula, discover).\n  primitive gauss = exp(-x^2) cost 3\nlibrary() lists them. See docs/language.md §5, Primitives.",
        "symbols": "symbols NAME, ...: binds each name to a symbol, for symbolic expressions.\n  symbols x, y\n  simplify((x + y)^2 - x^2)\nSee docs/language.md §6.",
        "cost": "cost N, after a primitive's expression: its complexity (default 2). See :help primitive.",
        "_": "_ is the value the REPL showed last: after 1 + 2, _ * 10 is 30.",
        "exit": "exit, quit, exit() or quit() (or :quit, Ctrl-D) leave the REPL.",
        "quit": "quit, exit, quit() or exit() (or :quit, Ctrl-D) leave the REPL.",
    ]

    static func text(for word: String) -> String? { entries[word] }
}
