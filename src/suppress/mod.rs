//! Inline suppressions: directives in a plan file that silence named rules on a line or a stretch
//! of the file, and the findings about the directives themselves (E006 `suppression-unused`,
//! E007 `suppression-malformed`).
//!
//! Text and Markdown files use HTML comments:
//!
//! ```text
//! <!-- planlint-disable-next-line T103 -->     the next non-blank line
//! <!-- planlint-disable T103, T101 -->         from this line to a matching enable, or the end of the file
//! <!-- planlint-enable T103 -->                ends the stretch (this line is checked again)
//! <!-- planlint-disable T103 -- reason -->     anything after `--` is a reason
//! ```
//!
//! Structured plans (`.plan.yaml`) use a YAML comment, `# planlint: ignore[T103, T101]`: at the
//! end of a line it applies to that line, alone on its line to the next non-blank line. Words
//! after the `]` are the reason.
//!
//! A reason is the drafter's answer to the finding (*giữ nguyên vì …*): the findings a directive
//! with a reason silences are handed back with it ([`Suppressions::apply_keeping`]), for the
//! review letter's compilation table.
//!
//! A finding is suppressed when its primary span starts inside a directive's scope and its code
//! is one the directive names. "Next non-blank line" also skips lines that hold only another
//! directive, so directives can be stacked. Codes are required: there is no "disable everything".
//!
//! Like Ruff's RUF100, a code that silenced nothing is reported (E006), unless the rule did not
//! run (turned off by the config or the command line), since then its silence proves nothing.
//!
//! This module reads text and findings only: it imports the source and finding types, never
//! extraction, rules or output.

use std::collections::HashMap;

use crate::finding::{Finding, Label, Severity};
use crate::lang::Lang;
use crate::source::{Bilingual, Span};

mod apply;
mod parse;

use parse::Parser;

/// The code of an unused suppression.
pub const UNUSED_CODE: &str = "E006";
/// The name of an unused suppression.
pub const UNUSED_NAME: &str = "suppression-unused";
/// The code of a malformed suppression.
pub const MALFORMED_CODE: &str = "E007";
/// The name of a malformed suppression.
pub const MALFORMED_NAME: &str = "suppression-malformed";

/// The directive verbs of text files, as written after `planlint-`.
const TEXT_VERBS: [&str; 3] = ["disable-next-line", "disable", "enable"];

/// Longest directive text quoted in a message, in characters.
const QUOTE_CHARS: usize = 80;

/// Which comment syntax a file's directives are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// Plain text and Markdown: `<!-- planlint-disable-next-line T103 -->`.
    Text,
    /// YAML plans: `# planlint: ignore[T103]`.
    Yaml,
}

impl Syntax {
    /// The syntax for a file name or path: `.txt`, `.md`, `.markdown` are text; `.yaml` and
    /// `.yml` (including `.plan.yaml`) are YAML. `None` for anything else (`.docx` has no
    /// comments planlint reads, `-` names standard input: the caller knows its real name).
    pub fn from_name(name: &str) -> Option<Syntax> {
        let ext = name.rsplit_once('.').map(|(_, ext)| ext.to_ascii_lowercase())?;
        if ext.contains(['/', '\\']) {
            return None;
        }
        match ext.as_str() {
            "txt" | "md" | "markdown" => Some(Syntax::Text),
            "yaml" | "yml" => Some(Syntax::Yaml),
            _ => None,
        }
    }
}

/// How the run knows a rule code named in a directive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Known {
    /// A rule that ran on this file.
    Enabled,
    /// A rule that exists but was turned off (config, `--select`, `--ignore`, stage): it did not
    /// run, so a directive naming it is not reported as unused.
    Disabled,
    /// No rule has this code.
    Unknown,
}

/// What a directive does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verb {
    /// `planlint-disable-next-line`.
    NextLine,
    /// `planlint-disable`.
    Disable,
    /// `planlint-enable`.
    Enable,
    /// YAML `planlint: ignore[…]`, alone on its line (applies to the next line).
    IgnoreNext,
    /// YAML `planlint: ignore[…]` at the end of a line (applies to that line).
    IgnoreHere,
    /// A comment that starts like a directive but could not be read (reported as E007).
    Broken,
}

/// One directive as written.
#[derive(Debug, Clone)]
struct Directive {
    verb: Verb,
    /// The whole comment.
    span: Span,
    /// The comment's text, shortened for quoting.
    quote: String,
    /// For line directives, the line they apply to (its content, without the line end).
    target: Option<Span>,
    /// The reason written after the codes (`-- …` in text, after `]` in YAML), white space
    /// folded; `None` when there is none.
    reason: Option<String>,
}

/// A finding silenced by a directive that gives a reason: the drafter's answer to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppressed {
    /// The finding, as the rule reported it.
    pub finding: Finding,
    /// The directive's reason (`giữ nguyên vì …`), white space folded.
    pub reason: String,
}

/// One code named by a directive.
#[derive(Debug, Clone)]
struct Entry {
    /// As written.
    code: String,
    /// Upper-cased, the form findings carry.
    key: String,
    /// Where the code is written.
    span: Span,
    /// Index into the directives.
    directive: usize,
    /// Byte range of the original text where findings are suppressed; `None` for `enable`
    /// codes and for a line directive with no line to apply to.
    scope: Option<(usize, usize)>,
    /// For a `disable` code, whether a matching `enable` ended its stretch.
    closed: bool,
}

/// What is wrong with a directive, found while parsing.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Problem {
    /// No code at all.
    MissingCodes,
    /// `planlint-<verb>` with a verb planlint does not know.
    UnknownVerb { written: String, suggestion: Option<&'static str> },
    /// `<!-- planlint…` with no `-->` on its line.
    Unclosed,
    /// `planlint-enable X` with no open `planlint-disable X` above it.
    EnableWithoutDisable { code: String },
    /// `disable-next-line` (or a lone YAML comment) with no line after it.
    NoNextLine,
    /// Words that are not codes where codes are expected (a reason written without `--`).
    NotCode { token: String },
    /// A `# planlint…` comment that is not `# planlint: ignore[…]`.
    YamlForm,
}

/// A problem with the place to report it.
#[derive(Debug, Clone)]
struct Malformed {
    problem: Problem,
    span: Span,
    directive: usize,
}

/// The suppression directives of one file. Cheap to build when there are none; `Send + Sync`,
/// so files can be parsed and filtered in parallel.
#[derive(Debug, Clone, Default)]
pub struct Suppressions {
    syntax: Option<Syntax>,
    directives: Vec<Directive>,
    entries: Vec<Entry>,
    malformed: Vec<Malformed>,
}

/// Parse the directives of a file's original text (as read, before normalization: spans are
/// byte offsets into it). A text without `<` (text syntax) or `#` (YAML) costs one memchr scan,
/// about 4 µs for a 60 KB plan.
pub fn parse(text: &str, syntax: Syntax) -> Suppressions {
    let mut parser = Parser { text, out: Suppressions { syntax: Some(syntax), ..Suppressions::default() } };
    match syntax {
        Syntax::Text => parser.text_directives(),
        Syntax::Yaml => parser.yaml_directives(),
    }
    if !parser.out.directives.is_empty() {
        parser.resolve_scopes();
    }
    parser.out
}

impl Suppressions {
    /// Whether the file has no directive at all (well-formed or not).
    pub fn is_empty(&self) -> bool {
        self.directives.is_empty()
    }

    /// Every code named by a directive, upper-cased, with the place it is written.
    pub fn codes(&self) -> impl Iterator<Item = (&str, Span)> + '_ {
        self.entries.iter().map(|e| (e.key.as_str(), e.span))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(code: &str, text: &str, needle: &str) -> Finding {
        let start = text.find(needle).unwrap();
        Finding {
            code: code.into(),
            name: "x".into(),
            severity: Severity::Info,
            category: crate::finding::Category::NoiDung,
            message: format!("{code} at {needle}"),
            help: String::new(),
            span: Span::new(start, start + needle.len()),
            labels: Vec::new(),
        }
    }

    fn known(code: &str) -> Known {
        match code {
            "T101" | "T103" | "T106" => Known::Enabled,
            "L110" => Known::Disabled,
            _ => Known::Unknown,
        }
    }

    /// Codes of the findings left, with the text their span starts at (up to 12 bytes).
    fn run(text: &str, syntax: Syntax, findings: Vec<Finding>) -> Vec<String> {
        parse(text, syntax)
            .apply_suggesting(findings, &known, &["T101", "T103", "T106", "L110"], Lang::En)
            .iter()
            .map(|f| {
                let line = text.get(f.span.start..).unwrap_or_default().split(['\n', '\r']).next().unwrap_or_default();
                let at: String = line.chars().take(12).collect();
                format!("{} {}", f.code, at.trim_end())
            })
            .collect()
    }

    #[test]
    fn no_directive_no_change() {
        let text = "Nhiệm vụ\tThường xuyên\n<!-- a comment -->\n# heading\n";
        let s = parse(text, Syntax::Text);
        assert!(s.is_empty());
        let f = vec![finding("T103", text, "Thường")];
        assert_eq!(s.apply(f.clone(), &known, Lang::Vi), f);
        assert!(parse(text, Syntax::Yaml).is_empty());
        assert!(parse("a <!-- planlinting --> b", Syntax::Text).is_empty());
    }

    #[test]
    fn next_line_suppresses_only_the_next_non_blank_line_and_only_its_codes() {
        let text = "<!-- planlint-disable-next-line T103 -->\n\n  A Thường xuyên\nB Thường xuyên\n";
        let f = vec![finding("T103", text, "A Th"), finding("T101", text, "A Th"), finding("T103", text, "B Th")];
        assert_eq!(run(text, Syntax::Text, f), ["T101 A Thường xuy", "T103 B Thường xuy"]);
    }

    #[test]
    fn stacked_directives_skip_each_other() {
        let text = "<!-- planlint-disable-next-line T103 -->\n<!-- planlint-disable-next-line T101 -->\nrow\n";
        let f = vec![finding("T103", text, "row"), finding("T101", text, "row")];
        assert_eq!(run(text, Syntax::Text, f), Vec::<String>::new());
    }

    #[test]
    fn tolerant_spelling_of_the_comment() {
        let text = "<!--PLANLINT-Disable-Next-Line:   t103,T101-->\nrow\n";
        let f = vec![finding("T103", text, "row"), finding("T101", text, "row")];
        assert_eq!(run(text, Syntax::Text, f), Vec::<String>::new());
        let text = "<!-- planlint-disable-next-line T103 T101 -- thường xuyên là đúng ở đây -->\nrow\n";
        let f = vec![finding("T103", text, "row"), finding("T101", text, "row")];
        assert_eq!(run(text, Syntax::Text, f), Vec::<String>::new());
    }

    #[test]
    fn disable_runs_to_enable_or_end_of_file() {
        let text = "intro\n<!-- planlint-disable T103, T106 -->\na\n<!-- planlint-enable T103 -->\nb\nc\n";
        let f = vec![
            finding("T103", text, "intro"),
            finding("T103", text, "a\n"),
            finding("T103", text, "b\n"),
            finding("T106", text, "c\n"),
        ];
        assert_eq!(run(text, Syntax::Text, f), ["T103 intro", "T103 b"]);
    }

    #[test]
    fn disable_at_the_top_is_file_wide() {
        let text = "\n<!-- planlint-disable T103 -->\nKẾ HOẠCH\n";
        // A finding at offset 0 (a whole-plan finding) is covered too.
        let mut f = finding("T103", text, "KẾ");
        f.span = Span::new(0, 0);
        assert_eq!(run(text, Syntax::Text, vec![f]), Vec::<String>::new());
        let text = "KẾ HOẠCH\n<!-- planlint-disable T103 -->\n";
        let mut f = finding("T103", text, "KẾ");
        f.span = Span::new(0, 0);
        let left = run(text, Syntax::Text, vec![f]);
        assert_eq!(left.first().map(String::as_str), Some("T103 KẾ HOẠCH"));
    }

    #[test]
    fn unused_codes_are_reported_unless_the_rule_was_off() {
        let text = "<!-- planlint-disable-next-line T103, L110 -->\nrow\n";
        let out = parse(text, Syntax::Text).apply(vec![], &known, Lang::En);
        assert_eq!(out.len(), 1, "{out:#?}");
        let e = &out[0];
        assert_eq!((e.code.as_str(), e.name.as_str(), e.severity), ("E006", "suppression-unused", Severity::Warning));
        assert_eq!(text.get(e.span.start..e.span.end), Some("T103"));
        assert_eq!(e.labels.len(), 1);
        assert_eq!(text.get(e.labels[0].span.start..e.labels[0].span.end), Some("row"));
        assert!(e.message.contains("the next line has no `T103` finding"), "{}", e.message);
    }

    #[test]
    fn a_code_credited_once_and_duplicates_are_unused() {
        let text = "<!-- planlint-disable T103 -->\n<!-- planlint-disable-next-line T103 -->\nrow\nrow2\n";
        let f = vec![finding("T103", text, "row\n"), finding("T103", text, "row2")];
        assert_eq!(run(text, Syntax::Text, f), Vec::<String>::new());
        // The line directive takes the finding on its line; the stretch gets nothing left.
        let text = "x\n<!-- planlint-disable T103 -->\n<!-- planlint-disable-next-line T103 -->\nrow\n";
        assert_eq!(run(text, Syntax::Text, vec![finding("T103", text, "row")]), ["E006 T103 -->"]);
    }

    #[test]
    fn malformed_directives() {
        let cases: &[(&str, &str)] = &[
            ("<!-- planlint-disable-next-line -->\nrow\n", "E007 <!-- planlin"),
            ("<!-- planlint-disabel T103 -->\nrow\n", "E007 <!-- planlin"),
            ("<!-- planlint disable T103 -->\nrow\n", "E007 <!-- planlin"),
            ("<!-- planlint-disable-next-line T103\nrow\n", "E007 <!-- planlin"),
            ("<!-- planlint-enable T103 -->\nrow\n", "E007 T103 -->"),
            ("row\n<!-- planlint-disable-next-line T103 -->\n\n", "E007 <!-- planlin"),
            ("<!-- planlint-disable-next-line T130 -->\nrow\n", "E007 T130 -->"),
            ("<!-- planlint-disable-next-line T103 vì đây là -->\nrow\n", "E007 vì đây là --"),
            ("<!-- planlint-disable-next-line T103 because it is fine -->\nrow\n", "E007 because it i"),
            ("<!-- planlint-disable-next-line T103 task-lead-missing -->\nrow\n", "E007 task-lead-mi"),
        ];
        for (text, expected) in cases {
            let left = run(text, Syntax::Text, vec![finding("T103", text, "row")]);
            let meta: Vec<_> = left.iter().filter(|f| !f.starts_with("T103")).collect();
            assert_eq!(meta, [expected], "{text}");
        }
    }

    #[test]
    fn did_you_mean_for_codes_and_verbs() {
        let text = "<!-- planlint-disable-next-line T130 -->\n<!-- planlint-disabel T103 -->\nrow\n";
        let out = parse(text, Syntax::Text).apply_suggesting(vec![], &known, &["T101", "T103"], Lang::En);
        let helps: Vec<&str> = out.iter().map(|f| f.help.as_str()).collect();
        assert!(helps.iter().any(|h| h.starts_with("did you mean `T103`?")), "{helps:?}");
        assert!(helps.iter().any(|h| h.starts_with("did you mean `planlint-disable`?")), "{helps:?}");
    }

    #[test]
    fn meta_findings_can_be_suppressed_and_turned_off() {
        let text = "<!-- planlint-disable-next-line E006 -->\n<!-- planlint-disable-next-line T103 -->\nrow\n";
        // The E006 about T103 sits on line 2, the line after the first directive... which is a
        // directive line and so skipped: the first directive applies to `row`, not to line 2.
        assert_eq!(run(text, Syntax::Text, vec![]), ["E006 E006 -->", "E006 T103 -->"]);
        let text = "<!-- planlint-disable E006 -->\n<!-- planlint-disable-next-line T103 -->\nrow\n";
        assert_eq!(run(text, Syntax::Text, vec![]), Vec::<String>::new());
        let off = |c: &str| if c == "E006" { Known::Disabled } else { known(c) };
        let text = "<!-- planlint-disable-next-line T103 -->\nrow\n";
        assert!(parse(text, Syntax::Text).apply(vec![], &off, Lang::En).is_empty());
    }

    #[test]
    fn yaml_comments() {
        let text = "tasks:\n  # planlint: ignore[T103, T101]\n  - content: a\n    deadline: x  # planlint: ignore[T106] lý do\n  - b\n";
        let f = vec![
            finding("T103", text, "- content"),
            finding("T101", text, "- content"),
            finding("T106", text, "deadline"),
            finding("T106", text, "- b"),
        ];
        assert_eq!(run(text, Syntax::Yaml, f), ["T106 - b"]);
        for bad in ["# planlint: ignore T103\nx\n", "# planlint ignore[T103]\nx\n", "x # planlint: ignore[T103\n"] {
            assert_eq!(
                run(bad, Syntax::Yaml, vec![]),
                [format!("E007 {}", bad.get(bad.find('#').unwrap()..).unwrap().get(..12).unwrap().trim_end())]
            );
        }
        assert_eq!(run("# planlint: ignore[]\nx\n", Syntax::Yaml, vec![]), ["E007 # planlint:"]);
        let text = "x: 1 # planlint: ignore[T103, lý do]\n";
        assert_eq!(run(text, Syntax::Yaml, vec![finding("T103", text, "x: 1")]), ["E007 lý do]"]);
        // Not comments: `#` inside a word; another word than `planlint`.
        assert!(parse("a: b#planlint: ignore[T103]\n# planlinter\n", Syntax::Yaml).is_empty());
    }

    #[test]
    fn reasons_come_back_with_the_findings_they_silence() {
        let text = "<!-- planlint-disable-next-line T103 --  giữ nguyên:\tthôn tự quản -->\nrow\n\
                    <!-- planlint-disable-next-line T101 -->\nrow2\n<!-- planlint-disable T106 -- -->\nrow3\n";
        let f = vec![finding("T103", text, "row\n"), finding("T101", text, "row2"), finding("T106", text, "row3")];
        let (kept, suppressed) = parse(text, Syntax::Text).apply_keeping(f, &known, &[], Lang::Vi);
        assert!(kept.is_empty(), "{kept:#?}");
        let got: Vec<_> = suppressed.iter().map(|s| (s.finding.code.as_str(), s.reason.as_str())).collect();
        assert_eq!(got, [("T103", "giữ nguyên: thôn tự quản")]);

        let text =
            "tasks:\n  # planlint: ignore[T103]  giữ nguyên vì đúng mẫu\n  - a\n  - b  # planlint: ignore[T101]\n";
        let f = vec![finding("T103", text, "- a"), finding("T101", text, "- b")];
        let (kept, suppressed) = parse(text, Syntax::Yaml).apply_keeping(f, &known, &[], Lang::Vi);
        assert!(kept.is_empty(), "{kept:#?}");
        let got: Vec<_> = suppressed.iter().map(|s| (s.finding.code.as_str(), s.reason.as_str())).collect();
        assert_eq!(got, [("T103", "giữ nguyên vì đúng mẫu")]);
    }

    #[test]
    fn crlf_and_lone_cr_lines() {
        let text = "<!-- planlint-disable-next-line T103 -->\r\n\r\nrow\r\nnext\rlast\r";
        let f = vec![finding("T103", text, "row"), finding("T103", text, "next\r")];
        assert_eq!(run(text, Syntax::Text, f), ["T103 next"]);
        let text = "x # planlint: ignore[T103]\rrow\r";
        let f = vec![finding("T103", text, "x #"), finding("T103", text, "row")];
        assert_eq!(run(text, Syntax::Yaml, f), ["T103 row"]);
    }

    #[test]
    fn syntax_from_name() {
        assert_eq!(Syntax::from_name("plans/a.md"), Some(Syntax::Text));
        assert_eq!(Syntax::from_name("A.TXT"), Some(Syntax::Text));
        assert_eq!(Syntax::from_name("x/luc-binh.plan.yaml"), Some(Syntax::Yaml));
        assert_eq!(Syntax::from_name("x.plan.yml"), Some(Syntax::Yaml));
        assert_eq!(Syntax::from_name("x.docx"), None);
        assert_eq!(Syntax::from_name("-"), None);
        assert_eq!(Syntax::from_name("dir.md/file"), None);
    }
}
