//! Every output format of `planlint check`, as streaming sinks.
//!
//! The check command turns each file's findings (or its input error) into a [`FileReport`] in the
//! worker thread that checked it — line and column computed there from the file's
//! [`LineIndex`](crate::source::LineIndex), the human rendering too when it is wanted — and hands
//! the reports to one [`Sink`] in a deterministic order, file by file. A sink writes as it goes and
//! never keeps a previous file's records, so memory stays flat however many files a run has; the
//! drawings of one file are held up to [`FILE_RENDER_BUDGET`] bytes, the rest drawn as written.
//!
//! This module knows findings, input diagnostics and rule metadata; it never imports the DSL's
//! internals, extraction or the command line.

mod github;
mod human;
mod json;
mod junit;
mod sarif;

use std::borrow::Cow;
use std::io::{self, Write};
use std::sync::Arc;

use crate::dsl::{DocSection, RuleInfo, Stage};
use crate::finding::{Category, Finding, Severity};
use crate::lang::Lang;
use crate::report::{InputDiagnostic, render, render_finding};
use crate::source::{LineIndex, NamedText, SourceFile};

/// A place in a file: 1-based line, 1-based column counted in Unicode characters of the file as
/// the user sees it (an NFD `ệ` is three characters there, as editors count it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

impl Position {
    /// The start of a file: where a problem without a place is reported.
    pub const START: Position = Position { line: 1, column: 1 };
}

/// A secondary place of a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordLabel {
    /// Where it starts.
    pub start: Position,
    /// One past its last character.
    pub end: Position,
    /// What it shows, in the language of the run.
    pub message: String,
}

/// One diagnostic as every format needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The code (`T101`, `E003`).
    pub code: String,
    /// The kebab-case name (`task-lead-missing`).
    pub name: String,
    /// The severity in this run.
    pub severity: Severity,
    /// The rule's category (`the-thuc` or `noi-dung`; input errors are `noi-dung`).
    pub category: Category,
    /// Where it starts.
    pub start: Position,
    /// One past its last character (equal to `start` for a point).
    pub end: Position,
    /// What is wrong, in the language of the run.
    pub message: String,
    /// How to fix it (may be empty).
    pub help: String,
    /// Other places that explain it.
    pub labels: Vec<RecordLabel>,
    /// The human rendering (miette's drawing of the file's text), made in the worker thread when
    /// the human format is wanted, for the first [`FILE_RENDER_BUDGET`] bytes of a file's
    /// drawings (see [`Record::drawing`] for the others).
    pub rendered: Option<String>,
    /// A stable identity of the finding across runs and edits elsewhere in the file (SARIF
    /// `partialFingerprints`): by default a hash of the code, the offending text and which
    /// occurrence of that pair in the file it is. A caller with a better one may replace it.
    pub fingerprint: Option<String>,
    /// A drawing left to be made as it is written: past the file's [`FILE_RENDER_BUDGET`].
    deferred: Option<Deferred>,
}

impl Record {
    /// The human drawing of the record: made by the worker, or now (past the file's
    /// [`FILE_RENDER_BUDGET`]); `None` when the human format was not asked for it.
    pub fn drawing(&self) -> Option<Cow<'_, str>> {
        match (&self.rendered, &self.deferred) {
            (Some(text), _) => Some(Cow::Borrowed(text)),
            (None, Some(d)) => Some(Cow::Owned(render_finding(&d.src, &d.finding, d.style.color, d.style.width))),
            (None, None) => None,
        }
    }
}

/// How many bytes of drawings the worker makes for one file: the findings past them are drawn
/// by the human sink as it writes them, so a file with thousands of findings is never held
/// drawn in memory whole.
pub const FILE_RENDER_BUDGET: usize = 1024 * 1024;

/// What a drawing left for later needs.
#[derive(Debug, Clone)]
struct Deferred {
    src: NamedText,
    finding: Box<Finding>,
    style: HumanStyle,
}

impl PartialEq for Deferred {
    fn eq(&self, other: &Self) -> bool {
        self.finding == other.finding
            && self.style == other.style
            && self.src.name() == other.src.name()
            && self.src.text() == other.src.text()
    }
}

impl Eq for Deferred {}

/// How the worker renders records for the human format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HumanStyle {
    /// Colour and Unicode (a terminal), or plain (a pipe, `--no-color`, tests).
    pub color: bool,
    /// Width to wrap at.
    pub width: usize,
    /// Render only error-level records (`--quiet`): the others are not shown.
    pub quiet: bool,
}

impl HumanStyle {
    fn wants(self, severity: Severity) -> bool {
        !self.quiet || severity == Severity::Error
    }
}

/// The records of one file, in order (line, column, code).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileReport {
    /// The path as it is to be shown (relative to where planlint runs, when it was given so).
    pub path: String,
    /// The records, sorted.
    pub records: Vec<Record>,
}

impl FileReport {
    /// The findings on a file. `src` is the decoded file (its original text gives lines and
    /// columns); `human` asks for the human rendering of each record, `fingerprints` for their
    /// fingerprints (only SARIF shows them, and they cost a pass over each finding's line).
    pub fn new(
        path: impl Into<String>,
        src: &SourceFile,
        findings: &[Finding],
        human: Option<HumanStyle>,
        fingerprints: bool,
    ) -> Self {
        let path = path.into();
        let text: &str = src.original();
        let lines = src.lines();
        let at = |offset: usize| position(lines, text, offset);
        let named = match human {
            Some(_) if !findings.is_empty() => {
                Some(NamedText::with_lines(path.clone(), Arc::clone(src.original()), Arc::new(lines.clone())))
            }
            _ => None,
        };
        // One notion of a finding's identity: the baseline's, so a SARIF viewer and the
        // baseline file agree on which findings are the same.
        let mut fingerprints =
            if fingerprints { crate::baseline::fingerprints(findings, text) } else { Vec::new() }.into_iter();
        let mut drawn = 0;
        let mut records: Vec<Record> = findings
            .iter()
            .map(|f| (f, fingerprints.next()))
            .map(|(f, fingerprint)| {
                let (rendered, deferred) = match (human, &named) {
                    (Some(style), Some(named)) if style.wants(f.severity) && drawn < FILE_RENDER_BUDGET => {
                        let text = render_finding(named, f, style.color, style.width);
                        drawn += text.len();
                        (Some(text), None)
                    }
                    (Some(style), Some(named)) if style.wants(f.severity) => {
                        (None, Some(Deferred { src: named.clone(), finding: Box::new(f.clone()), style }))
                    }
                    _ => (None, None),
                };
                Record {
                    code: f.code.clone(),
                    name: f.name.clone(),
                    severity: f.severity,
                    category: f.category,
                    start: at(f.span.start),
                    end: at(f.span.end),
                    message: f.message.clone(),
                    help: f.help.clone(),
                    labels: f
                        .labels
                        .iter()
                        .map(|l| RecordLabel {
                            start: at(l.span.start),
                            end: at(l.span.end),
                            message: l.message.clone(),
                        })
                        .collect(),
                    rendered,
                    fingerprint,
                    deferred,
                }
            })
            .collect();
        sort_records(&mut records);
        Self { path, records }
    }

    /// A file that could not be read, decoded, or is not a plan: one record at the diagnostic's
    /// severity (an error unless the config says otherwise), at the place it points to, or at 1:1.
    pub fn from_input_error(path: impl Into<String>, diagnostic: &InputDiagnostic, human: Option<HumanStyle>) -> Self {
        let path = path.into();
        let (start, end) = match (diagnostic.text(), diagnostic.span()) {
            (Some(named), Some(span)) => {
                let text: &str = named.text();
                let lines = LineIndex::new(text);
                (position(&lines, text, span.offset()), position(&lines, text, span.offset() + span.len()))
            }
            _ => (Position::START, Position::START),
        };
        // Without a place, the message names the file for the human rendering; every other
        // format has the path in a field of its own.
        let message = diagnostic.message();
        let message = message.strip_prefix(path.as_str()).and_then(|m| m.strip_prefix(": ")).unwrap_or(message);
        let labels = match diagnostic.span() {
            Some(_) => vec![RecordLabel { start, end, message: diagnostic.label().to_owned() }],
            None => Vec::new(),
        };
        let record = Record {
            code: diagnostic.code().to_owned(),
            name: diagnostic.name().to_owned(),
            severity: diagnostic.severity(),
            category: Category::NoiDung,
            start,
            end,
            message: message.to_owned(),
            help: diagnostic.help().to_owned(),
            labels,
            rendered: human.map(|style| render(diagnostic, style.color, style.width)),
            fingerprint: Some(crate::baseline::fingerprint(diagnostic.code(), diagnostic.name(), "", 0)),
            deferred: None,
        };
        Self { path, records: vec![record] }
    }

    /// How many records of a severity the file has.
    pub fn count(&self, severity: Severity) -> usize {
        self.records.iter().filter(|r| r.severity == severity).count()
    }
}

fn position(lines: &LineIndex, text: &str, offset: usize) -> Position {
    let lc = lines.line_col(text, offset);
    Position { line: lc.line, column: lc.column }
}

fn sort_records(records: &mut [Record]) {
    records.sort_by(|a, b| (a.start, &a.code, a.end, &a.message).cmp(&(b.start, &b.code, b.end, &b.message)));
}

/// The counts of a run, for the closing line and the machine formats' summaries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files checked (input errors included).
    pub files: usize,
    /// Error-level records, input errors included.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Infos.
    pub infos: usize,
}

impl Summary {
    /// Count one more file.
    pub fn add(&mut self, report: &FileReport) {
        self.files += 1;
        for r in &report.records {
            match r.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }
}

/// Where the reports of a run go, file by file.
pub trait Sink {
    /// Write one file's records. Files come in the run's deterministic order.
    fn file(&mut self, report: &FileReport) -> io::Result<()>;
    /// Write what closes the run, and flush.
    fn finish(&mut self, summary: &Summary) -> io::Result<()>;
}

/// The output formats of `planlint check --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// For people: each finding drawn on the plan's text, then the counts.
    #[default]
    Human,
    /// The stable, versioned JSON document (`version: 1`).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// JUnit XML, for the test reports of GitLab, Jenkins and other CI servers.
    Junit,
}

/// A rule as the machine formats describe it (SARIF `tool.driver.rules`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleMeta {
    /// The code (`T101`).
    pub code: String,
    /// The kebab-case name.
    pub name: String,
    /// The severity at the run's stage; `None` when the rule is off.
    pub level: Option<Severity>,
    /// The rule's category.
    pub category: Category,
    /// One line, in the language of the run.
    pub summary: String,
    /// What the rule checks, in the language of the run (the summary when it has no doc).
    pub description: String,
    /// The documentation as plain text.
    pub help_text: String,
    /// The documentation as Markdown.
    pub help_markdown: String,
}

impl RuleMeta {
    /// A rule of the rule set, at a stage, in a language.
    pub fn from_info(info: &RuleInfo, stage: Stage, lang: Lang) -> Self {
        let summary = info.summary.get(lang).to_owned();
        let description = info
            .doc
            .iter()
            .find(|(s, _)| *s == DocSection::What)
            .map_or_else(|| summary.clone(), |(_, t)| t.get(lang).trim().to_owned());
        let mut help_text = format!("{summary}\n");
        let mut help_markdown = format!("{}\n", markdown_escape(&summary));
        for (section, body) in &info.doc {
            let body = body.get(lang).trim_end();
            let example = matches!(section, DocSection::Bad | DocSection::Good);
            help_text.push_str(&format!("\n{}\n", section.title(lang)));
            for line in body.lines() {
                help_text.push_str(&format!("{}{line}\n", if example { "    " } else { "  " }));
            }
            help_markdown.push_str(&format!("\n**{}**\n\n", section.title(lang)));
            if example {
                let fence = if body.contains("```") { "~~~~" } else { "```" };
                help_markdown.push_str(&format!("{fence}text\n{body}\n{fence}\n"));
            } else {
                help_markdown.push_str(&format!("{}\n", markdown_escape(body)));
            }
        }
        let level = match stage {
            Stage::Draft => info.draft,
            Stage::Final => info.final_,
        };
        Self {
            code: info.code.clone(),
            name: info.name.clone(),
            level,
            category: info.category,
            summary,
            description,
            help_text,
            help_markdown,
        }
    }

    /// The engine's own codes (input errors), which no rule file declares.
    pub fn input_codes(lang: Lang) -> Vec<Self> {
        let en = lang.is_en();
        [
            ("E001", "file-unreadable", "không đọc được tệp", "the file cannot be read"),
            (
                "E002",
                "encoding-unsupported",
                "tệp không phải văn bản Unicode (UTF-8 hoặc UTF-16)",
                "the file is not Unicode text (UTF-8 or UTF-16)",
            ),
            ("E003", "not-a-plan", "tệp không phải một kế hoạch", "the file is not a plan"),
        ]
        .into_iter()
        .map(|(code, name, vi, eng)| {
            let text = if en { eng } else { vi };
            Self {
                code: code.to_owned(),
                name: name.to_owned(),
                level: Some(Severity::Error),
                category: Category::NoiDung,
                summary: text.to_owned(),
                description: text.to_owned(),
                help_text: format!("{text}\n"),
                help_markdown: format!("{}\n", markdown_escape(text)),
            }
        })
        .collect()
    }

    /// Every rule of a rule set and the input codes, by code.
    pub fn catalogue(rules: &[RuleInfo], stage: Stage, lang: Lang) -> Vec<Self> {
        let mut out = Self::input_codes(lang);
        out.extend(rules.iter().map(|r| Self::from_info(r, stage, lang)));
        out.sort_by(|a, b| a.code.cmp(&b.code));
        out
    }
}

/// Text safe inside Markdown prose: the characters that would start emphasis, code or HTML.
fn markdown_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '*' | '_' | '<' | '>' | '[' | ']' | '#' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// What a sink needs besides the reports.
#[derive(Debug, Clone, Default)]
pub struct SinkOptions {
    /// The language of the run (fixed words of the output; records are already localized).
    pub lang: Lang,
    /// Human format: show only error-level records (the closing counts still count everything).
    /// The machine formats always carry every record.
    pub quiet: bool,
    /// Human format: colour the per-file and closing lines.
    pub color: bool,
    /// Human format: after each file, a line with its counts (`plans/a.md: 2 lỗi, 5 cảnh báo, 0
    /// gợi ý`); for runs of more than one file.
    pub file_summaries: bool,
    /// The rules of the run (SARIF `tool.driver.rules`), e.g. [`RuleMeta::catalogue`].
    pub rules: Vec<RuleMeta>,
}

/// The sink for a format, writing to `writer` (buffered inside; flushed by
/// [`Sink::finish`]).
pub fn sink<'w>(format: Format, writer: Box<dyn Write + 'w>, opts: &SinkOptions) -> Box<dyn Sink + 'w> {
    let writer = io::BufWriter::new(writer);
    match format {
        Format::Human => Box::new(human::HumanSink::new(writer, opts)),
        Format::Json => Box::new(json::JsonSink::new(writer)),
        Format::Sarif => Box::new(sarif::SarifSink::new(writer, opts)),
        Format::Github => Box::new(github::GithubSink::new(writer, opts)),
        Format::Junit => Box::new(junit::JunitSink::new(writer, opts)),
    }
}

/// The writer every sink holds.
type Out<'w> = io::BufWriter<Box<dyn Write + 'w>>;

/// A path as a portable relative reference: `/` separators, no leading `./`.
fn portable_path(path: &str) -> String {
    let mut p = path.replace('\\', "/");
    while let Some(rest) = p.strip_prefix("./") {
        p = rest.to_owned();
    }
    p
}

fn severity_word(severity: Severity, lang: Lang) -> &'static str {
    match (severity, lang.is_en()) {
        (Severity::Error, false) => "lỗi",
        (Severity::Warning, false) => "cảnh báo",
        (Severity::Info, false) => "gợi ý",
        (Severity::Error, true) => "error",
        (Severity::Warning, true) => "warning",
        (Severity::Info, true) => "info",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn portable_paths() {
        assert_eq!(portable_path("./plans\\a.md"), "plans/a.md");
        assert_eq!(portable_path("plans/a.md"), "plans/a.md");
    }
}
