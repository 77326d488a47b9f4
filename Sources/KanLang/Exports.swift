// The language itself (syntax, values, the interpreter) lives in KanLangCore; clients of
// KanLang (the `kan` executable, the tests) see it through this module as before the split.
@_exported import KanLangCore
