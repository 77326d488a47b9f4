import KanLang

/// The text `:help` prints: an overview, or one builtin's signature and documentation, or
/// what a keyword does (`KeywordHelp`).
enum ReplHelp {
    static func text(for topic: String, registry: BuiltinRegistry) -> String {
        if topic.isEmpty { return overview(registry: registry) }
        if let help = registry.help(for: topic) { return help }
        if let help = KeywordHelp.text(for: topic) { return help }
        return "no help for '\(topic)': it is not a builtin or a keyword. :help lists them."
    }

    static func overview(registry: BuiltinRegistry) -> String {
        let names = registry.names.sorted()
        return """
            KanLang, kan's language. Type an expression or a statement; its value prints.
              let f = exp(sin(pi*x) + y^2)      after `symbols x, y`
              fn square(v) { v^2 }               functions; x -> x^2 is a lambda
            Commands:
              :help [NAME]   this text, or the documentation of a builtin
              :load FILE     run a script in this session
              :vars          the variables defined so far
              :reset         clear every variable and reload the libraries
              :quit          leave (also exit, quit or Ctrl-D)
            Ctrl-C clears the line, or stops a running computation after its current step.
            _ is the last value shown; Tab completes names, fields after a dot, and file names in strings.
            Keywords (:help KEYWORD): let fn if else for in while return break continue import primitive symbols
            Builtins (:help NAME for each):
            \(wrap(names, width: 78, indent: "  "))
            The language is described in docs/language.md.
            """
    }

    /// Lays out names in lines of at most `width` characters.
    static func wrap(_ words: [String], width: Int, indent: String) -> String {
        var lines: [String] = []
        var line = indent
        for word in words {
            if line.count + word.count + 1 > width, line != indent {
                lines.append(line)
                line = indent
            }
            line += (line == indent ? "" : " ") + word
        }
        if line != indent { lines.append(line) }
        return lines.joined(separator: "\n")
    }
}
