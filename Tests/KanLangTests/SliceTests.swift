import Testing
@testable import KanLang
@testable import KanLangCore

/// `l[a:b]` on lists and strings, with Python's rules for negative and out-of-range bounds.
@Suite("Slices")
struct SliceTests {
    @Test func listsAndStrings() {
        #expect(output(of: """
            let l = [0, 1, 2, 3, 4, 5]
            print(l[-3:], l[:2], l[1:3], l[:], l[4:2], l[-100:100], l[2:-2])
            print("kolmogorov"[:4], "arnold"[-3:], "x"[5:])
            let part = l[1:3]
            part[0] = 99
            print(l[1])
            """) == "[3, 4, 5] [0, 1] [1, 2] [0, 1, 2, 3, 4, 5] [] [0, 1, 2, 3, 4, 5] [2, 3]\nkolm old \n1\n")
    }

    @Test func errors() {
        #expect(errorMessage(of: "[1, 2][0.5:]") == "a slice bound must be an integer, got 0.5")
        #expect(errorMessage(of: "let r = {a: 1}\nr[0:1]") == "cannot slice a record (only lists and strings)")
        #expect(output(of: "let l = [1]\nl[0:1] = [2]").contains("cannot assign to this expression"))
    }

    @Test func parsesAsASlice() throws {
        var parser = Parser(file: SourceFile(name: "t.kan", text: "l[1:]\nl[:x]\nl[i]"))
        let statements = parser.parse()
        #expect(parser.diagnostics.isEmpty)
        let dumps = statements.map { ASTDump.dump($0) }
        #expect(dumps.first?.contains("(slice l 1 _)") == true, "\(dumps)")
        #expect(dumps[1].contains("(slice l _ x)"), "\(dumps)")
        #expect(dumps[2].contains("(index l i)"), "\(dumps)")
    }
}
