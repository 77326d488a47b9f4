/// Statements: declarations, control flow, blocks.
extension Parser {
    mutating func parseStatementRecovering() -> Statement? {
        let savedDepth = depth
        let start = current
        do {
            let statement = try parseStatement()
            try expectStatementEnd(after: statement)
            return statement
        } catch {
            depth = savedDepth
            synchronize(from: start)
            return nil
        }
    }

    /// A statement must be followed by a line break, `;`, `}` or the end; after a
    /// statement that ends with a block, another may follow on the same line.
    mutating func expectStatementEnd(after statement: Statement) throws(Abandon) {
        switch statement.kind {
        case .if, .while, .for, .function, .block: return
        default: break
        }
        switch peek.kind {
        case .newline, .endOfFile, .symbol(.semicolon), .symbol(.rightBrace): return
        default: throw error("expected a line break or ';' after the statement")
        }
    }

    mutating func parseStatement() throws(Abandon) -> Statement {
        let start = peek
        if case .keyword(let keyword) = start.kind {
            switch keyword {
            case .let: return try parseLet()
            case .fn where isFunctionDeclaration: return try parseFunctionDeclaration()
            case .if: return try parseIf()
            case .while: return try parseWhile()
            case .for: return try parseFor()
            case .return:
                advance()
                guard functionDepth > 0 else { throw error("'return' outside a function", at: start.location) }
                switch peek.kind {
                case .newline, .endOfFile, .symbol(.semicolon), .symbol(.rightBrace):
                    return Statement(.return(nil), at: start.location)
                default:
                    return Statement(.return(try parseExpression()), at: start.location)
                }
            case .break, .continue:
                advance()
                guard loopDepth > 0 else { throw error("'\(keyword.rawValue)' outside a loop", at: start.location) }
                return Statement(keyword == .break ? .break : .continue, at: start.location)
            case .import: return try parseImport()
            case .primitive: return try parsePrimitive()
            case .symbols: return try parseSymbols()
            default: break
            }
        }
        if check(.leftBrace) {
            return Statement(.block(try parseBlock()), at: start.location)
        }
        let expression = try parseExpression()
        if match(.equal) {
            switch expression.kind {
            case .variable, .index, .member: break
            default: throw error("cannot assign to this expression", at: expression.location)
            }
            skipNewlinesBeforeOperand()
            return Statement(.assign(expression, try parseExpression()), at: start.location)
        }
        return Statement(.expression(expression), at: start.location)
    }

    /// `fn name(` starts a declaration; `fn` alone is not an expression in KanLang,
    /// but the check keeps the door open for anonymous `fn (x) { }` later.
    var isFunctionDeclaration: Bool {
        if case .identifier = peek(at: 1).kind { return true }
        return false
    }

    mutating func parseLet() throws(Abandon) -> Statement {
        let start = advance()
        let name = try expectIdentifier("a variable name after 'let'")
        try expect(.equal, "after the variable name")
        skipNewlinesBeforeOperand()
        let value = try parseExpression()
        return Statement(.let(name.text, value), at: start.location)
    }

    mutating func parseFunctionDeclaration() throws(Abandon) -> Statement {
        let start = advance()
        let name = try expectIdentifier("a function name after 'fn'")
        try expect(.leftParen, "after the function name")
        let parameters = try parseParameters()
        let body = try parseFunctionBody(requireBlock: true)
        let definition = FunctionDefinition(name: name.text, parameters: parameters, body: body, at: start.location)
        return Statement(.function(definition), at: start.location)
    }

    /// Parameters after `(`, up to and including `)`.
    mutating func parseParameters() throws(Abandon) -> [Parameter] {
        var parameters: [Parameter] = []
        var seen = Set<String>()
        while !check(.rightParen) {
            let name = try expectIdentifier("a parameter name")
            guard seen.insert(name.text).inserted else {
                throw error("duplicate parameter '\(name.text)'", at: name.location)
            }
            var defaultValue: Expression?
            if match(.equal) {
                defaultValue = try parseExpression()
            } else if parameters.last?.defaultValue != nil {
                throw error("parameter '\(name.text)' needs a default value, as the one before it has", at: name.location)
            }
            parameters.append(Parameter(name: name.text, defaultValue: defaultValue, location: name.location))
            if !match(.comma) { break }
        }
        try expect(.rightParen, "after the parameters")
        return parameters
    }

    /// A function body: a block, or (for lambdas) one expression returned.
    mutating func parseFunctionBody(requireBlock: Bool) throws(Abandon) -> [Statement] {
        functionDepth += 1
        let savedLoops = loopDepth
        loopDepth = 0
        defer { functionDepth -= 1; loopDepth = savedLoops }
        if requireBlock || check(.leftBrace) { return try parseBlock() }
        let expression = try parseExpression()
        return [Statement(.return(expression), at: expression.location)]
    }

    /// `{ statements }`; errors inside are recovered from statement by statement.
    mutating func parseBlock() throws(Abandon) -> [Statement] {
        try enter()
        defer { leave() }
        try expect(.leftBrace, "to start a block")
        var statements: [Statement] = []
        skipSeparators()
        while !check(.rightBrace) && !isAtEnd {
            guard diagnostics.count < Parser.maxErrors else { throw Abandon() }
            if let statement = parseStatementRecovering() { statements.append(statement) }
            skipSeparators()
        }
        try expect(.rightBrace, "to close the block")
        return statements
    }

    mutating func parseIf() throws(Abandon) -> Statement {
        let start = advance()
        try enter()
        defer { leave() }
        let condition = try parseExpression()
        let thenBranch = try parseBlock()
        var elseBranch: [Statement]?
        // `else` may sit on the line after `}`.
        if peek.kind == .newline, peek(at: 1).kind == .keyword(.else) { advance() }
        if match(.else) {
            if check(.if) {
                elseBranch = [try parseIf()]
            } else {
                elseBranch = try parseBlock()
            }
        }
        return Statement(.if(condition, thenBranch, elseBranch), at: start.location)
    }

    mutating func parseWhile() throws(Abandon) -> Statement {
        let start = advance()
        let condition = try parseExpression()
        loopDepth += 1
        defer { loopDepth -= 1 }
        return Statement(.while(condition, try parseBlock()), at: start.location)
    }

    mutating func parseFor() throws(Abandon) -> Statement {
        let start = advance()
        let name = try expectIdentifier("a loop variable after 'for'")
        guard match(.in) else { throw error("expected 'in' after the loop variable") }
        let sequence = try parseExpression()
        loopDepth += 1
        defer { loopDepth -= 1 }
        return Statement(.for(name.text, sequence, try parseBlock()), at: start.location)
    }

    mutating func parseImport() throws(Abandon) -> Statement {
        let start = advance()
        guard case .string(let path) = peek.kind else { throw error("expected a file name in quotes after 'import'") }
        advance()
        return Statement(.import(path), at: start.location)
    }

    /// `primitive NAME = EXPR cost N`, the expression in the variable `x`. NAME is an
    /// identifier or a string, so library names such as `"x^2"` and `"1/x"` can be spelled.
    mutating func parsePrimitive() throws(Abandon) -> Statement {
        let start = advance()
        let name: String
        switch peek.kind {
        case .identifier(let text), .string(let text):
            advance()
            name = text
        default:
            throw error("expected a primitive name (an identifier or a string) after 'primitive'")
        }
        try expect(.equal, "after the primitive name")
        let bodyStart = peek
        let body = try parseExpression()
        let text = file.text(from: bodyStart.location.offset, to: tokens[max(0, current - 1)].end)
        var cost: Double?
        if case .identifier("cost") = peek.kind {
            advance()
            var sign = 1.0
            if match(.minus) { sign = -1 }
            guard case .number(let value) = peek.kind else { throw error("expected a number after 'cost'") }
            let costToken = advance()
            guard sign > 0 else { throw error("a cost must not be negative", at: costToken.location) }
            cost = value
        }
        let syntax = PrimitiveSyntax(name: name, body: body, text: text, cost: cost)
        return Statement(.primitive(syntax), at: start.location)
    }

    mutating func parseSymbols() throws(Abandon) -> Statement {
        let start = advance()
        var names: [String] = []
        repeat {
            names.append(try expectIdentifier("a symbol name").text)
        } while match(.comma)
        // `positive` and the like are special only here, after the names.
        var sign: SymbolSign?
        if case .identifier(let word) = peek.kind {
            guard let declared = SymbolSign(rawValue: word) else {
                throw error("expected ',', a sign (positive, nonnegative, negative, nonpositive) or the end of the statement after the symbol names")
            }
            advance()
            sign = declared
        }
        return Statement(.symbols(names, sign), at: start.location)
    }
}
