//! Limits that keep a hostile or mangled rule file from exhausting the stack: parsing, checking
//! and evaluation recurse on the nesting of expressions, so a lexical pass refuses files whose
//! expressions are absurdly long or deep before the parser sees them.

use super::error::{Problem, words};
use crate::source::Span;

/// The largest rule file read.
pub(crate) const MAX_RULE_FILE_BYTES: usize = 1 << 20;
/// The most operators, brackets and field accesses one clause may have.
const MAX_CLAUSE_OPERATORS: usize = 400;

/// Words that start a new clause or block: the operator count restarts there.
fn is_clause_start(word: &str) -> bool {
    matches!(
        word,
        "for"
            | "let"
            | "report"
            | "also"
            | "check"
            | "test"
            | "rule"
            | "message"
            | "help"
            | "summary"
            | "severity"
            | "doc"
    )
}

fn is_operator_word(word: &str) -> bool {
    matches!(word, "and" | "or" | "not" | "in" | "matches" | "is" | "any" | "all" | "count" | "first")
}

/// The first place where a clause has too many operators, as a problem.
pub(crate) fn check_complexity(text: &str, offset: usize) -> Option<Problem> {
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut ops = 0usize;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'#' => {
                while bytes.get(i).is_some_and(|&c| c != b'\n') {
                    i += 1;
                }
            }
            b'"' => {
                if text.get(i..).is_some_and(|r| r.starts_with("\"\"\"")) {
                    i += 3;
                    while i < bytes.len() && !text.get(i..).is_some_and(|r| r.starts_with("\"\"\"")) {
                        i += 1;
                    }
                    i += 3;
                } else {
                    i += 1;
                    while let Some(&c) = bytes.get(i) {
                        i += 1;
                        match c {
                            b'\\' => i += 1,
                            b'"' | b'\n' => break,
                            _ => {}
                        }
                    }
                }
                continue;
            }
            b'/' => {
                i += 1;
                while let Some(&c) = bytes.get(i) {
                    i += 1;
                    match c {
                        b'\\' => i += 1,
                        b'/' | b'\n' => break,
                        _ => {}
                    }
                }
                ops += 1;
                continue;
            }
            b'{' | b'}' => ops = 0,
            b'(' | b'[' | b'.' | b'+' | b'-' | b'<' | b'>' | b'=' | b'!' | b',' => ops += 1,
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let start = i;
                while bytes.get(i).is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_') {
                    i += 1;
                }
                let word = text.get(start..i).unwrap_or_default();
                if is_clause_start(word) {
                    ops = 0;
                } else if is_operator_word(word) {
                    ops += 1;
                }
                if ops > MAX_CLAUSE_OPERATORS {
                    return Some(too_complex(offset + start, offset + i));
                }
                continue;
            }
            _ => {}
        }
        if ops > MAX_CLAUSE_OPERATORS {
            return Some(too_complex(offset + i, offset + i + 1));
        }
        i += 1;
    }
    None
}

fn too_complex(start: usize, end: usize) -> Problem {
    Problem::new(
        "too-complex",
        Span::new(start, end),
        words(
            format!("biểu thức quá dài hoặc lồng quá sâu (hơn {MAX_CLAUSE_OPERATORS} phép toán)"),
            format!("expression too long or too deeply nested (over {MAX_CLAUSE_OPERATORS} operators)"),
        ),
    )
    .help(words("tách nó thành nhiều mệnh đề `where` hoặc `let`", "split it into several `where` or `let` clauses"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_and_deep_expressions_are_refused() {
        assert!(check_complexity("check { where a and b report at plan }", 0).is_none());
        let deep = format!("check {{ where {}x{} report at plan }}", "(".repeat(500), ")".repeat(500));
        assert_eq!(check_complexity(&deep, 0).map(|p| p.kind), Some("too-complex"));
        let long = format!("check {{ where {} report at plan }}", vec!["a"; 600].join(" and "));
        assert!(check_complexity(&long, 0).is_some());
        let negs = format!("check {{ where {}x report at plan }}", "not ".repeat(600));
        assert!(check_complexity(&negs, 0).is_some());
        // Strings and comments do not count.
        let text = format!("rule T1 x {{ message {{ vi \"{}\" }} }} # {}", "(".repeat(900), "(".repeat(900));
        assert!(check_complexity(&text, 0).is_none());
    }
}
