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
//! <!-- planlint-disable T103 -- reason -->     anything after `--` is a reason, kept for readers
//! ```
//!
//! Structured plans (`.plan.yaml`) use a YAML comment, `# planlint: ignore[T103, T101]`: at the
//! end of a line it applies to that line, alone on its line to the next non-blank line.
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

    /// Drop the suppressed findings and add the findings about the directives themselves (E006,
    /// E007). `known` says how the run knows a code; E006 and E007 count as enabled unless it
    /// says they are disabled. Kept findings keep their order; the new ones follow, in document
    /// order (the caller sorts the file's output).
    pub fn apply(&self, findings: Vec<Finding>, known: &dyn Fn(&str) -> Known, lang: Lang) -> Vec<Finding> {
        self.apply_suggesting(findings, known, &[], lang)
    }

    /// [`Suppressions::apply`], with the codes of the run's rules to suggest from when a
    /// directive names an unknown code (`T130` → did you mean `T103`?).
    pub fn apply_suggesting(
        &self,
        findings: Vec<Finding>,
        known: &dyn Fn(&str) -> Known,
        candidates: &[&str],
        lang: Lang,
    ) -> Vec<Finding> {
        if self.directives.is_empty() {
            return findings;
        }
        let known = |code: &str| match known(code) {
            Known::Unknown if is_meta(code) => Known::Enabled,
            k => k,
        };
        let mut used = vec![false; self.entries.len()];
        let mut kept: Vec<Finding> = findings.into_iter().filter(|f| !self.suppress(f, &mut used)).collect();

        // Findings about the directives, themselves suppressible by directives naming E006/E007.
        let mut meta = Vec::new();
        for m in &self.malformed {
            meta.push(self.malformed_finding(m, lang));
        }
        for (i, e) in self.entries.iter().enumerate() {
            match known(&e.key) {
                Known::Unknown => {
                    let suggestion = crate::dsl::suggest(&e.code, candidates.iter().copied());
                    meta.push(self.unknown_code_finding(e, suggestion, lang));
                }
                Known::Enabled if !is_meta(&e.key) && e.scope.is_some() && !used.get(i).copied().unwrap_or(true) => {
                    if let Some(d) = self.directives.get(e.directive) {
                        meta.push(self.unused_finding(e, d, lang));
                    }
                }
                _ => {}
            }
        }
        meta.retain(|f| known(&f.code) != Known::Disabled && !self.suppress(f, &mut used));
        // Unused E006/E007 codes last: these findings are never themselves suppressed.
        for (i, e) in self.entries.iter().enumerate() {
            let unused = !used.get(i).copied().unwrap_or(true) && e.scope.is_some();
            if unused && is_meta(&e.key) && known(&e.key) == Known::Enabled && known(UNUSED_CODE) != Known::Disabled {
                if let Some(d) = self.directives.get(e.directive) {
                    meta.push(self.unused_finding(e, d, lang));
                }
            }
        }
        meta.sort_by_key(|f| (f.span.start, f.span.end));
        kept.extend(meta);
        kept
    }

    /// Whether a finding is suppressed; marks the directive code that suppressed it as used.
    /// A line directive wins over a stretch; of two stretches, the one opened last.
    fn suppress(&self, f: &Finding, used: &mut [bool]) -> bool {
        let at = f.span.start;
        let mut best: Option<(usize, bool, usize)> = None;
        for (i, e) in self.entries.iter().enumerate() {
            let Some((start, end)) = e.scope else { continue };
            if at < start || at >= end || e.key != f.code {
                continue;
            }
            let line = self.directives.get(e.directive).is_some_and(|d| d.target.is_some());
            let better = match best {
                None => true,
                Some((_, best_line, best_start)) => (line, start) > (best_line, best_start),
            };
            if better {
                best = Some((i, line, start));
            }
        }
        match best.and_then(|(i, _, _)| used.get_mut(i)) {
            Some(u) => {
                *u = true;
                true
            }
            None => false,
        }
    }

    fn quote(&self, directive: usize) -> &str {
        self.directives.get(directive).map_or("", |d| d.quote.as_str())
    }

    fn example(&self) -> &'static str {
        match self.syntax {
            Some(Syntax::Yaml) => "# planlint: ignore[T103]",
            _ => "<!-- planlint-disable-next-line T103 -->",
        }
    }

    fn unused_finding(&self, e: &Entry, d: &Directive, lang: Lang) -> Finding {
        let (code, quote) = (&e.code, &d.quote);
        let (vi_where, en_where) = match d.verb {
            Verb::NextLine | Verb::IgnoreNext => (
                format!("dòng ngay sau không có phát hiện `{code}` nào"),
                format!("the next line has no `{code}` finding"),
            ),
            Verb::IgnoreHere => {
                (format!("dòng này không có phát hiện `{code}` nào"), format!("this line has no `{code}` finding"))
            }
            Verb::Disable | Verb::Enable | Verb::Broken if e.closed => (
                format!("từ chỉ thị đến `planlint-enable` không có phát hiện `{code}` nào"),
                format!("there is no `{code}` finding between it and the matching `planlint-enable`"),
            ),
            Verb::Disable | Verb::Enable | Verb::Broken => (
                format!("từ chỉ thị đến cuối tệp không có phát hiện `{code}` nào"),
                format!("there is no `{code}` finding from it to the end of the file"),
            ),
        };
        let message = Bilingual::new(
            format!("mã `{code}` trong chỉ thị `{quote}` không bỏ qua gì: {vi_where}"),
            format!("code `{code}` in the directive `{quote}` suppresses nothing: {en_where}"),
        );
        let help = Bilingual::new(
            "xoá mã này khỏi chỉ thị (xoá cả chỉ thị nếu không còn mã nào): lỗi mà nó từng che có lẽ đã được sửa, \
             hoặc mã bị ghi nhầm",
            "remove this code from the directive (and the directive if no code is left): the problem it hid has \
             probably been fixed, or the code is a typo",
        );
        let labels = d
            .target
            .filter(|_| matches!(d.verb, Verb::NextLine | Verb::IgnoreNext))
            .map(|span| Label {
                span,
                message: pick(&Bilingual::new("dòng mà chỉ thị áp dụng", "the line the directive applies to"), lang)
                    .to_owned(),
            })
            .into_iter()
            .collect();
        meta_finding(UNUSED_CODE, UNUSED_NAME, e.span, &message, &help, labels, lang)
    }

    fn unknown_code_finding(&self, e: &Entry, suggestion: Option<&str>, lang: Lang) -> Finding {
        let (code, quote) = (&e.code, self.quote(e.directive));
        let message = Bilingual::new(
            format!("chỉ thị `{quote}` nhắc đến mã `{code}`, nhưng không có quy tắc nào mang mã này"),
            format!("the directive `{quote}` names `{code}`, but no rule has this code"),
        );
        let help = match suggestion {
            Some(s) => Bilingual::new(
                format!("có phải ý bạn là `{s}`? Xem danh sách mã bằng lệnh `planlint rules list`"),
                format!("did you mean `{s}`? See the list of codes with `planlint rules list`"),
            ),
            None => Bilingual::new(
                "mã quy tắc gồm một chữ cái và ba chữ số, ví dụ `T103`; xem danh sách mã bằng lệnh `planlint rules list`",
                "a rule code is a letter and three digits, e.g. `T103`; see the list of codes with `planlint rules list`",
            ),
        };
        meta_finding(MALFORMED_CODE, MALFORMED_NAME, e.span, &message, &help, Vec::new(), lang)
    }

    fn malformed_finding(&self, m: &Malformed, lang: Lang) -> Finding {
        let quote = self.quote(m.directive);
        let example = self.example();
        let (message, help) = match &m.problem {
            Problem::MissingCodes => (
                Bilingual::new(
                    format!("chỉ thị `{quote}` không ghi mã quy tắc nào cần bỏ qua"),
                    format!("the directive `{quote}` names no rule code to suppress"),
                ),
                Bilingual::new(
                    format!(
                        "ghi mã các quy tắc cần bỏ qua, cách nhau bằng dấu phẩy, ví dụ `{example}`; planlint không cho \
                         tắt mọi quy tắc cùng lúc"
                    ),
                    format!(
                        "write the codes of the rules to suppress, separated by commas, e.g. `{example}`; planlint does \
                         not allow turning off every rule at once"
                    ),
                ),
            ),
            Problem::UnknownVerb { written, suggestion } => {
                let verbs = "`planlint-disable-next-line`, `planlint-disable`, `planlint-enable`";
                (
                    Bilingual::new(
                        format!("`{written}` không phải là chỉ thị của planlint"),
                        format!("`{written}` is not a planlint directive"),
                    ),
                    match suggestion {
                        Some(s) => Bilingual::new(
                            format!("có phải ý bạn là `planlint-{s}`? Các chỉ thị là {verbs}"),
                            format!("did you mean `planlint-{s}`? The directives are {verbs}"),
                        ),
                        None => Bilingual::new(
                            format!("các chỉ thị là {verbs}, ví dụ `{example}`"),
                            format!("the directives are {verbs}, e.g. `{example}`"),
                        ),
                    },
                )
            }
            Problem::Unclosed => (
                Bilingual::new(
                    format!("chỉ thị `{quote}` chưa được đóng bằng `-->` trên cùng dòng"),
                    format!("the directive `{quote}` is not closed with `-->` on the same line"),
                ),
                Bilingual::new(
                    format!("viết cả chỉ thị trên một dòng và kết thúc bằng `-->`, ví dụ `{example}`"),
                    format!("write the whole directive on one line, ending with `-->`, e.g. `{example}`"),
                ),
            ),
            Problem::EnableWithoutDisable { code } => (
                Bilingual::new(
                    format!("`planlint-enable {code}` không khớp với `planlint-disable {code}` nào ở phía trên"),
                    format!("`planlint-enable {code}` has no `planlint-disable {code}` above it to end"),
                ),
                Bilingual::new(
                    format!(
                        "xoá mã này khỏi chỉ thị, hoặc thêm `<!-- planlint-disable {code} -->` ở đầu đoạn cần bỏ qua"
                    ),
                    format!(
                        "remove this code from the directive, or put `<!-- planlint-disable {code} -->` where the \
                         stretch to suppress begins"
                    ),
                ),
            ),
            Problem::NoNextLine => (
                Bilingual::new(
                    format!("chỉ thị `{quote}` nằm ở cuối tệp, không có dòng nào sau nó để áp dụng"),
                    format!("the directive `{quote}` is at the end of the file, with no line after it to apply to"),
                ),
                Bilingual::new(
                    "đặt chỉ thị ngay trên dòng có phát hiện cần bỏ qua, hoặc xoá nó",
                    "put the directive just above the line whose finding it should suppress, or remove it",
                ),
            ),
            Problem::NotCode { token } => (
                Bilingual::new(
                    format!("`{token}` trong chỉ thị `{quote}` không phải là mã quy tắc"),
                    format!("`{token}` in the directive `{quote}` is not a rule code"),
                ),
                match self.syntax {
                    Some(Syntax::Yaml) => Bilingual::new(
                        "trong ngoặc vuông chỉ ghi mã quy tắc (một chữ cái và ba chữ số, ví dụ `T103`), cách nhau bằng \
                         dấu phẩy; lý do ghi sau dấu `]`",
                        "put only rule codes (a letter and three digits, e.g. `T103`) in the brackets, separated by \
                         commas; write a reason after the `]`",
                    ),
                    _ => Bilingual::new(
                        "mã quy tắc gồm một chữ cái và ba chữ số, ví dụ `T103`, cách nhau bằng dấu phẩy; muốn ghi lý do \
                         thì viết sau `--`: `<!-- planlint-disable T103 -- lý do -->`",
                        "a rule code is a letter and three digits, e.g. `T103`, separated by commas; write a reason \
                         after `--`: `<!-- planlint-disable T103 -- reason -->`",
                    ),
                },
            ),
            Problem::YamlForm => (
                Bilingual::new(
                    format!("chú thích `{quote}` không đúng dạng chỉ thị của planlint"),
                    format!("the comment `{quote}` is not a well-formed planlint directive"),
                ),
                Bilingual::new(
                    "viết `# planlint: ignore[T103]` hoặc `# planlint: ignore[T103, T101]`; đặt ở cuối dòng để bỏ qua \
                     dòng đó, hoặc trên một dòng riêng để bỏ qua dòng kế tiếp",
                    "write `# planlint: ignore[T103]` or `# planlint: ignore[T103, T101]`; at the end of a line it \
                     applies to that line, alone on a line to the next one",
                ),
            ),
        };
        meta_finding(MALFORMED_CODE, MALFORMED_NAME, m.span, &message, &help, Vec::new(), lang)
    }
}

fn pick(text: &Bilingual, lang: Lang) -> &str {
    text.get(lang.is_en())
}

fn meta_finding(
    code: &str,
    name: &str,
    span: Span,
    message: &Bilingual,
    help: &Bilingual,
    labels: Vec<Label>,
    lang: Lang,
) -> Finding {
    Finding {
        code: code.to_owned(),
        name: name.to_owned(),
        severity: Severity::Warning,
        category: crate::finding::Category::NoiDung,
        message: pick(message, lang).to_owned(),
        help: pick(help, lang).to_owned(),
        span,
        labels,
    }
}

/// E006 and E007: the codes of this module's own findings.
fn is_meta(code: &str) -> bool {
    code == UNUSED_CODE || code == MALFORMED_CODE
}

/// Letters then digits (`T103`, `t1033`, `TT10`): what a code, maybe mistyped, looks like. Other
/// words (`vì`, `because`, a rule name) are not taken for codes.
fn looks_like_code(word: &str) -> bool {
    let letters = word.bytes().take_while(u8::is_ascii_alphabetic).count();
    let digits = word.bytes().skip(letters).take_while(u8::is_ascii_digit).count();
    letters > 0 && digits > 0 && letters + digits == word.len() && word.len() <= 8
}

/// Whether a byte can continue a word (so `planlintx` is not `planlint`).
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Whether `s` starts with the ASCII word `word`, in any case, not followed by a word character.
fn starts_with_word(s: &str, word: &str) -> bool {
    let (b, w) = (s.as_bytes(), word.as_bytes());
    b.get(..w.len()).is_some_and(|p| p.eq_ignore_ascii_case(w)) && !b.get(w.len()).copied().is_some_and(is_word_byte)
}

/// Start of the line holding `offset` (`\n`, `\r\n` and a lone `\r` end lines).
fn line_start(text: &str, offset: usize) -> usize {
    text.get(..offset).and_then(|p| p.rfind(['\n', '\r'])).map_or(0, |i| i + 1)
}

/// End of the content of the line holding `offset` (before its line end).
fn line_end(text: &str, offset: usize) -> usize {
    text.get(offset..).and_then(|r| r.find(['\n', '\r'])).map_or(text.len(), |i| offset + i)
}

/// Start of the line after the one whose content ends at `end`, if there is one.
fn next_line_start(text: &str, end: usize) -> Option<usize> {
    let b = text.as_bytes();
    match b.get(end)? {
        b'\r' if b.get(end + 1) == Some(&b'\n') => Some(end + 2),
        _ => Some(end + 1),
    }
}

/// The words of a code list (separated by commas and/or white space), with their byte offsets.
fn tokens(list: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in list.char_indices() {
        if c == ',' || c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push((s, list.get(s..i).unwrap_or_default()));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push((s, list.get(s..).unwrap_or_default()));
    }
    out
}

/// Skip spaces and tabs from `i`.
fn skip_blank(text: &str, mut i: usize) -> usize {
    while matches!(text.as_bytes().get(i), Some(b' ' | b'\t')) {
        i += 1;
    }
    i
}

/// A directive's text for quoting: at most [`QUOTE_CHARS`] characters.
fn quote(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(QUOTE_CHARS).collect();
    if chars.next().is_some() { format!("{head}…") } else { head }
}

struct Parser<'t> {
    text: &'t str,
    out: Suppressions,
}

impl Parser<'_> {
    fn push_directive(&mut self, verb: Verb, start: usize, end: usize) -> usize {
        let quote = quote(self.text.get(start..end).unwrap_or_default());
        self.out.directives.push(Directive { verb, span: Span::new(start, end), quote, target: None });
        self.out.directives.len() - 1
    }

    fn problem(&mut self, problem: Problem, start: usize, end: usize, directive: usize) {
        self.out.malformed.push(Malformed { problem, span: Span::new(start, end), directive });
    }

    /// `<!-- planlint-verb CODES [-- reason] -->` comments.
    fn text_directives(&mut self) {
        let text = self.text;
        let mut from = 0;
        // `find` of one ASCII byte is a memchr; `<` is rare in plans, so this is one fast scan.
        while let Some(found) = text.get(from..).and_then(|r| r.find('<')) {
            let open = from + found;
            from = open + 1;
            if !text.get(open..).is_some_and(|r| r.starts_with("<!--")) {
                continue;
            }
            from = open + 4;
            let word = skip_blank(text, from);
            if !starts_with_word(text.get(word..).unwrap_or_default(), "planlint") {
                continue;
            }
            let eol = line_end(text, word);
            let Some(close) = text.get(word..eol).and_then(|r| r.find("-->")).map(|i| word + i) else {
                let d = self.push_directive(Verb::Broken, open, eol);
                self.problem(Problem::Unclosed, open, eol, d);
                continue;
            };
            let end = close + 3;
            from = end;
            self.text_directive(open, word + "planlint".len(), close, end);
        }
    }

    /// One text directive: `after` is just past `planlint`, `close` at `-->`, `end` past it.
    fn text_directive(&mut self, open: usize, after: usize, close: usize, end: usize) {
        let text = self.text;
        let bytes = text.as_bytes();
        // The verb: `-disable-next-line` and the like.
        let (verb_start, hyphen) = match bytes.get(after) {
            Some(b'-') => (after + 1, true),
            _ => (skip_blank(text, after).max(after), false),
        };
        let verb_start = if hyphen {
            verb_start
        } else {
            let mut i = verb_start;
            while matches!(bytes.get(i), Some(b':' | b' ' | b'\t')) && i < close {
                i += 1;
            }
            i
        };
        let mut verb_end = verb_start;
        while verb_end < close && bytes.get(verb_end).is_some_and(|b| b.is_ascii_alphabetic() || *b == b'-') {
            verb_end += 1;
        }
        while verb_end > verb_start && bytes.get(verb_end - 1) == Some(&b'-') {
            verb_end -= 1;
        }
        let written_verb = text.get(verb_start..verb_end).unwrap_or_default().to_ascii_lowercase();
        let verb = match (hyphen, written_verb.as_str()) {
            (true, "disable-next-line") => Some(Verb::NextLine),
            (true, "disable") => Some(Verb::Disable),
            (true, "enable") => Some(Verb::Enable),
            _ => None,
        };
        let Some(verb) = verb else {
            let d = self.push_directive(Verb::Broken, open, end);
            let written = if hyphen {
                format!("planlint-{written_verb}")
            } else {
                text.get(open..verb_end).map(|s| s.trim_start_matches("<!--").trim().to_owned()).unwrap_or_default()
            };
            let suggestion = crate::dsl::suggest(&written_verb, TEXT_VERBS);
            self.problem(Problem::UnknownVerb { written, suggestion }, open, end, d);
            return;
        };
        let d = self.push_directive(verb, open, end);
        // Codes: up to a `--` that starts a reason, or the end of the comment.
        let mut codes_start = verb_end;
        if bytes.get(skip_blank(text, codes_start)) == Some(&b':') {
            codes_start = skip_blank(text, codes_start) + 1;
        }
        let codes_end = text.get(codes_start..close).and_then(|r| r.find("--")).map_or(close, |i| codes_start + i);
        self.codes(d, codes_start, codes_end);
    }

    /// Split `start..end` into codes (commas and/or white space between them) and record them;
    /// the first word that cannot be a code ends the list with one problem (it is usually a
    /// reason written in the wrong place). No code at all is a problem too.
    fn codes(&mut self, d: usize, start: usize, end: usize) {
        let text = self.text;
        let list = text.get(start..end).unwrap_or_default();
        let mut any = false;
        for (offset, token) in tokens(list) {
            let at = start + offset;
            let token = token.trim_end_matches('-');
            if token.is_empty() {
                continue;
            }
            any = true;
            if looks_like_code(token) {
                self.out.entries.push(Entry {
                    code: token.to_owned(),
                    key: token.to_ascii_uppercase(),
                    span: Span::new(at, at + token.len()),
                    directive: d,
                    scope: None,
                    closed: false,
                });
            } else {
                let rest = text.get(at..end).unwrap_or_default().trim_end();
                self.problem(Problem::NotCode { token: quote(rest) }, at, at + rest.len(), d);
                return;
            }
        }
        if !any {
            let span = self.out.directives.get(d).map(|x| x.span).unwrap_or_default();
            self.problem(Problem::MissingCodes, span.start, span.end, d);
        }
    }

    /// `# planlint: ignore[CODES] [reason]` comments.
    fn yaml_directives(&mut self) {
        let text = self.text;
        let bytes = text.as_bytes();
        for (hash, _) in text.match_indices('#') {
            // A YAML comment starts a line or follows white space.
            if hash > 0 && !matches!(bytes.get(hash - 1), Some(b' ' | b'\t' | b'\n' | b'\r')) {
                continue;
            }
            let word = skip_blank(text, hash + 1);
            if !starts_with_word(text.get(word..).unwrap_or_default(), "planlint") {
                continue;
            }
            let eol = line_end(text, hash);
            let end = hash + text.get(hash..eol).unwrap_or_default().trim_end().len();
            let own_line = text.get(line_start(text, hash)..hash).is_some_and(|p| p.trim().is_empty());
            let verb = if own_line { Verb::IgnoreNext } else { Verb::IgnoreHere };
            let d = self.push_directive(verb, hash, end);
            match yaml_codes(text, word + "planlint".len(), end) {
                Some((open, close)) => self.codes(d, open, close),
                None => self.problem(Problem::YamlForm, hash, end, d),
            }
        }
    }

    /// Give each code its scope, now that all directives are known.
    fn resolve_scopes(&mut self) {
        let text = self.text;
        // Lines holding nothing but one directive: skipped when looking for "the next line".
        let mut alone: Vec<usize> = self
            .out
            .directives
            .iter()
            .filter(|d| {
                let (start, end) = (line_start(text, d.span.start), line_end(text, d.span.end));
                text.get(start..d.span.start).is_some_and(|p| p.trim().is_empty())
                    && text.get(d.span.end..end).is_some_and(|s| s.trim().is_empty())
            })
            .map(|d| line_start(text, d.span.start))
            .collect();
        alone.sort_unstable();
        let skippable = |start: usize, end: usize| {
            alone.binary_search(&start).is_ok() || text.get(start..end).is_some_and(|l| l.trim().is_empty())
        };
        let next_line = |after: usize| {
            let mut end = line_end(text, after);
            loop {
                let start = next_line_start(text, end)?;
                end = line_end(text, start);
                if !skippable(start, end) {
                    return Some((start, end));
                }
            }
        };
        let top_of_file = |line: usize| {
            let mut start = 0;
            while start < line {
                let end = line_end(text, start);
                if !skippable(start, end) {
                    return false;
                }
                match next_line_start(text, end) {
                    Some(next) => start = next,
                    None => break,
                }
            }
            true
        };

        let after_line = |end: usize| next_line_start(text, end).unwrap_or(text.len() + 1);

        // Codes of open `disable` stretches, by code.
        let mut open: HashMap<String, Vec<usize>> = HashMap::new();
        let mut problems: Vec<(Problem, Span, usize)> = Vec::new();
        for i in 0..self.out.entries.len() {
            let Some(e) = self.out.entries.get(i) else { continue };
            let (key, di) = (e.key.clone(), e.directive);
            let Some(d) = self.out.directives.get(di) else { continue };
            let (verb, span) = (d.verb, d.span);
            let mut target = None;
            let mut scope = None;
            match verb {
                Verb::NextLine | Verb::IgnoreNext => match next_line(span.end) {
                    Some((start, end)) => {
                        target = Some(Span::new(start, end));
                        scope = Some((start, after_line(end)));
                    }
                    None if !problems.iter().any(|(_, _, x)| *x == di) => {
                        problems.push((Problem::NoNextLine, span, di));
                    }
                    None => {}
                },
                Verb::IgnoreHere => {
                    let (start, end) = (line_start(text, span.start), line_end(text, span.start));
                    target = Some(Span::new(start, end));
                    scope = Some((start, after_line(end)));
                }
                Verb::Disable => {
                    let line = line_start(text, span.start);
                    scope = Some((if top_of_file(line) { 0 } else { line }, text.len() + 1));
                    open.entry(key).or_default().push(i);
                }
                Verb::Enable => {
                    // Ends every open stretch of this code where this line starts.
                    let stack = open.remove(&key).unwrap_or_default();
                    if stack.is_empty() {
                        let code = e.code.clone();
                        problems.push((Problem::EnableWithoutDisable { code }, e.span, di));
                    }
                    let end = line_start(text, span.start);
                    for j in stack {
                        if let Some(opened) = self.out.entries.get_mut(j) {
                            opened.scope = opened.scope.map(|(start, _)| (start, end.max(start)));
                            opened.closed = true;
                        }
                    }
                }
                Verb::Broken => {}
            }
            if let Some(e) = self.out.entries.get_mut(i) {
                e.scope = scope;
            }
            if let (Some(d), Some(t)) = (self.out.directives.get_mut(di), target) {
                d.target = Some(t);
            }
        }
        for (problem, span, d) in problems {
            self.problem(problem, span.start, span.end, d);
        }
    }
}

/// The byte range of the code list of `# planlint: ignore[…]` (inside the brackets), given the
/// offset just past `planlint` and the end of the comment; `None` when the comment has another form.
fn yaml_codes(text: &str, after: usize, end: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut i = skip_blank(text, after);
    if bytes.get(i) != Some(&b':') {
        return None;
    }
    i = skip_blank(text, i + 1);
    if !text.get(i..end).is_some_and(|r| r.as_bytes().get(..6).is_some_and(|w| w.eq_ignore_ascii_case(b"ignore"))) {
        return None;
    }
    i = skip_blank(text, i + 6);
    if bytes.get(i) != Some(&b'[') {
        return None;
    }
    let close = i + text.get(i..end)?.find(']')?;
    // After `]`: nothing, or a reason after white space.
    let rest = text.get(close + 1..end)?;
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    Some((i + 1, close))
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
