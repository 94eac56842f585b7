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

mod engine;
mod github;
mod html;
mod human;
mod json;
mod junit;
mod letter;
mod sarif;
mod stats;

use std::borrow::Cow;
use std::io::{self, Write};
use std::sync::Arc;

pub use engine::{ENGINE_CODES, EngineCode};
pub use stats::Statistics;

use crate::dsl::{DocSection, RuleInfo, Stage};
use crate::finding::{Category, Finding, Severity};
use crate::lang::Lang;
use crate::report::{InputDiagnostic, render, render_finding};
use crate::source::{LineIndex, NamedText, SourceFile};
use crate::suppress::Suppressed;

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
    /// For a Word plan, where the finding starts in the document (paragraph; table, row,
    /// cell). `start` and `end` then count lines as paragraphs (the paragraph's ordinal in
    /// reading order) and columns as characters of the paragraph's text.
    pub location: Option<crate::docx::WordPlace>,
    /// Byte offsets of the finding in the file's original text (empty for a point; `0..0` for
    /// an input error without a place): what the Word comments anchor on.
    pub span: std::ops::Range<usize>,
    /// The text of the finding in its line, for the reports a reviewer reads.
    pub excerpt: Option<Excerpt>,
    /// The section of the plan the finding is in (`II. NHIỆM VỤ`), when known (see
    /// [`FileReport::with_plan`]).
    pub section: Option<String>,
    /// For a Word file, where the finding is as a Word user looks for it (`đoạn 12`, `bảng 2,
    /// hàng 5, ô 3`), in the language of the run (see [`FileReport::with_plan`]).
    pub word_place: Option<String>,
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

/// The text of a finding in its line: what comes before it (cut to [`EXCERPT_CONTEXT`]
/// characters), the text itself (cut at the end of the line) and what follows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Excerpt {
    /// The line before the finding.
    pub before: String,
    /// The finding's own text (empty for a point).
    pub text: String,
    /// The line after the finding.
    pub after: String,
}

/// Characters of context kept on each side of an excerpt.
pub const EXCERPT_CONTEXT: usize = 60;

/// Characters of a finding's own text kept in an excerpt.
const EXCERPT_TEXT: usize = 300;

impl Excerpt {
    /// The excerpt of byte range `start..end` of `text` (`lines` is its line index).
    fn of(text: &str, lines: &LineIndex, start: usize, end: usize) -> Option<Self> {
        let line = lines.line_index(start);
        let line_start = lines.line_start(line + 1)?;
        let line_end =
            text.get(line_start..).map_or(text.len(), |rest| rest.find('\n').map_or(text.len(), |i| line_start + i));
        let end = end.clamp(start, line_end.max(start));
        let before = text.get(line_start..start)?;
        let own = text.get(start..end)?;
        let after = text.get(end..line_end).unwrap_or("");
        let before: Vec<char> = before.trim_start().chars().collect();
        let before_cut = before.len().saturating_sub(EXCERPT_CONTEXT);
        let mut b: String = before.iter().skip(before_cut).collect();
        if before_cut > 0 {
            b.insert(0, '…');
        }
        let mut t: String = own.chars().take(EXCERPT_TEXT).collect();
        if own.chars().count() > EXCERPT_TEXT {
            t.push('…');
        }
        let after = after.trim_end();
        let mut a: String = after.chars().take(EXCERPT_CONTEXT).collect();
        if after.chars().count() > EXCERPT_CONTEXT {
            a.push('…');
        }
        Some(Self { before: b, text: t, after: a })
    }
}

/// Characters of a section's title kept in [`Record::section`].
const SECTION_TITLE: usize = 60;

/// What the reports for reviewers show about a plan besides its findings.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlanInfo {
    /// The plan's symbol as written (`58/KH-UBND`).
    pub symbol: Option<String>,
    /// The date of issue (`16/05/2023`, or as written when incomplete).
    pub date: Option<String>,
    /// The issuer (`ỦY BAN NHÂN DÂN XÃ LỤC BÌNH`).
    pub issuer: Option<String>,
    /// The title (`Triển khai…`).
    pub title: Option<String>,
}

impl PlanInfo {
    /// The header of an extracted plan.
    pub fn of(plan: &crate::model::Plan) -> Self {
        let header = &plan.header;
        let date = header.place_date.as_ref().map(|pd| match pd.date.date() {
            Some(d) => format!("{:02}/{:02}/{:04}", d.day, d.month, d.year),
            None => pd.date.raw.trim().to_owned(),
        });
        let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        Self {
            symbol: header.symbol.as_ref().map(|s| s.raw.clone()),
            date: date.filter(|d| !d.is_empty()),
            issuer: header.issuer.as_ref().map(|t| one_line(&t.text)),
            title: plan.title.as_ref().map(|t| one_line(&t.text)),
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
    /// The file could not be read at all (E001 unreadable, E002 not text or in an unsupported
    /// encoding, E005 a damaged Word file): no rule ran on it.
    pub unread: bool,
    /// The plan's header, when the file was a plan and the caller gave it
    /// ([`FileReport::with_plan`]).
    pub plan: Option<PlanInfo>,
    /// The findings a suppression directive silenced with a reason, each with it: the drafter's
    /// response, which only the review letter shows ([`FileReport::with_responses`]).
    pub responses: Vec<Response>,
}

/// A silenced finding and the reason its directive gives (*giữ nguyên vì …*).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// The finding, as it would have been reported.
    pub record: Record,
    /// The reason written in the directive.
    pub reason: String,
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
        Self::from_findings(path, src, findings.to_vec(), human, fingerprints)
    }

    /// [`FileReport::new`], taking the findings: their texts move into the records instead of
    /// being copied (a run over many plans writes tens of findings for each).
    pub fn from_findings(
        path: impl Into<String>,
        src: &SourceFile,
        findings: Vec<Finding>,
        human: Option<HumanStyle>,
        fingerprints: bool,
    ) -> Self {
        let path = path.into();
        let text: &str = src.original();
        let lines = src.lines();
        // In a Word plan, a line is a paragraph and a column a character of its text.
        let word_at =
            |offset: usize| src.word_place(offset).map(|p| (p, Position { line: p.paragraph, column: p.column }));
        let at = |offset: usize| match src.word() {
            Some(_) => word_at(offset).map_or(Position::START, |(_, p)| p),
            None => position(lines, text, offset),
        };
        let named = match human {
            Some(_) if !findings.is_empty() => {
                Some(NamedText::with_lines(path.clone(), Arc::clone(src.original()), Arc::new(lines.clone())))
            }
            _ => None,
        };
        // One notion of a finding's identity: the baseline's, so a SARIF viewer and the
        // baseline file agree on which findings are the same.
        let mut fingerprints =
            if fingerprints { crate::baseline::fingerprints(&findings, text) } else { Vec::new() }.into_iter();
        let mut drawn = 0;
        let mut records: Vec<Record> = findings
            .into_iter()
            .map(|f| (f, fingerprints.next()))
            .map(|(f, fingerprint)| {
                let (rendered, deferred) = match (human, &named) {
                    (Some(style), Some(named)) if style.wants(f.severity) && drawn < FILE_RENDER_BUDGET => {
                        let text = render_finding(named, &f, style.color, style.width);
                        drawn += text.len();
                        (Some(text), None)
                    }
                    (Some(style), Some(named)) if style.wants(f.severity) => {
                        (None, Some(Deferred { src: named.clone(), finding: Box::new(f.clone()), style }))
                    }
                    _ => (None, None),
                };
                let location = word_at(f.span.start).map(|(p, _)| p);
                let start = at(f.span.start);
                Record {
                    start,
                    end: at(f.span.end).max(start),
                    location,
                    labels: f
                        .labels
                        .into_iter()
                        .map(|l| RecordLabel { start: at(l.span.start), end: at(l.span.end), message: l.message })
                        .collect(),
                    code: f.code,
                    name: f.name,
                    severity: f.severity,
                    category: f.category,
                    message: f.message,
                    help: f.help,
                    rendered,
                    fingerprint,
                    span: f.span.start..f.span.end,
                    excerpt: None,
                    section: None,
                    word_place: None,
                    deferred,
                }
            })
            .collect();
        sort_records(&mut records);
        Self { path, records, unread: false, plan: None, responses: Vec::new() }
    }

    /// A file with no records (a clean plan, or an input error turned off).
    pub fn empty(path: impl Into<String>) -> Self {
        Self { path: path.into(), records: Vec::new(), unread: false, plan: None, responses: Vec::new() }
    }

    /// Add what the reports for reviewers (HTML, letters) show beside each finding, which the
    /// other formats do without: the plan's header, the section each record is in, its text in
    /// its line and, for a Word file (`src`, the file the records are about), the paragraph or
    /// cell of each in words.
    #[must_use]
    pub fn with_plan(mut self, plan: &crate::model::Plan, src: &SourceFile, lang: Lang) -> Self {
        for r in &mut self.records {
            r.excerpt = Excerpt::of(src.original(), src.lines(), r.span.start, r.span.end);
            r.word_place = r.location.map(|p| p.brief(lang));
        }
        let mut headings: Vec<(usize, String)> = Vec::new();
        for s in plan.all_sections() {
            let words: Vec<&str> = s.title.text.split_whitespace().collect();
            // A numbered paragraph is a section too: its first words name it.
            let mut title = String::new();
            for w in &words {
                if title.chars().count() + w.chars().count() > SECTION_TITLE {
                    title.push_str(" …");
                    break;
                }
                if !title.is_empty() {
                    title.push(' ');
                }
                title.push_str(w);
            }
            let number = s.number.text.trim();
            let label = if number.is_empty() { title } else { format!("{number}. {title}") };
            headings.push((s.span.start, label));
        }
        headings.sort_by_key(|(start, _)| *start);
        for r in &mut self.records {
            let i = headings.partition_point(|(start, _)| *start <= r.span.start);
            r.section = i.checked_sub(1).and_then(|i| headings.get(i)).map(|(_, l)| l.clone());
        }
        self.plan = Some(PlanInfo::of(plan));
        self
    }

    /// Add the findings silenced by a directive that gives a reason ([`crate::lint::FileResult::suppressed`]),
    /// located like the records ([`FileReport::with_plan`]).
    #[must_use]
    pub fn with_responses(
        mut self,
        suppressed: &[Suppressed],
        plan: &crate::model::Plan,
        src: &SourceFile,
        lang: Lang,
    ) -> Self {
        if suppressed.is_empty() {
            return self;
        }
        let (records, reasons): (Vec<Record>, Vec<String>) = suppressed
            .iter()
            .filter_map(|s| {
                let mut one = FileReport::new(self.path.as_str(), src, std::slice::from_ref(&s.finding), None, false);
                Some((one.records.pop()?, s.reason.clone()))
            })
            .collect();
        let located = FileReport { records, ..FileReport::empty(self.path.as_str()) }.with_plan(plan, src, lang);
        self.responses =
            located.records.into_iter().zip(reasons).map(|(record, reason)| Response { record, reason }).collect();
        self
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
            location: None,
            span: diagnostic.span().map_or(0..0, |s| s.offset()..s.offset() + s.len()),
            excerpt: None,
            section: None,
            word_place: None,
            deferred: None,
        };
        let unread = diagnostic.is_unread();
        Self { path, records: vec![record], unread, plan: None, responses: Vec::new() }
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
    /// Files that could not be read at all (see [`FileReport::unread`]).
    pub unread: usize,
}

impl Summary {
    /// Count one more file.
    pub fn add(&mut self, report: &FileReport) {
        self.files += 1;
        self.unread += usize::from(report.unread);
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
    /// One self-contained HTML page for reviewers: a table of the plans, then each plan's
    /// findings; printable on A4.
    Html,
    /// A review letter draft per plan (Markdown), written under `--output-dir`; the paths of
    /// the letters go to the output.
    Letter,
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
    /// One of planlint's own (a built-in rule file, an engine code): documented in its
    /// repository, which SARIF links to.
    pub builtin: bool,
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
            builtin: info.builtin,
        }
    }

    /// The engine's own codes (input and suppression problems), which no rule file declares.
    pub fn input_codes(lang: Lang) -> Vec<Self> {
        ENGINE_CODES
            .iter()
            .map(|c| {
                let summary = EngineCode::get(c.summary, lang);
                let what = EngineCode::get(c.what, lang);
                let fix = EngineCode::get(c.fix, lang);
                Self {
                    code: c.code.to_owned(),
                    name: c.name.to_owned(),
                    level: Some(c.severity),
                    category: Category::NoiDung,
                    summary: summary.to_owned(),
                    description: what.to_owned(),
                    help_text: format!("{summary}\n\n{what}\n\n{fix}\n"),
                    help_markdown: format!(
                        "{}\n\n{}\n\n{}\n",
                        markdown_escape(summary),
                        markdown_escape(what),
                        markdown_escape(fix)
                    ),
                    builtin: true,
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
    /// Where the formats writing a file per plan (letters) write them.
    pub output_dir: Option<std::path::PathBuf>,
}

/// The sink for a format, writing to `writer` (buffered inside; flushed by
/// [`Sink::finish`]).
pub fn sink<'w>(format: Format, writer: Box<dyn Write + 'w>, opts: &SinkOptions) -> Box<dyn Sink + 'w> {
    let writer = io::BufWriter::with_capacity(OUTPUT_BUFFER, writer);
    match format {
        Format::Human => Box::new(human::HumanSink::new(writer, opts)),
        Format::Json => Box::new(json::JsonSink::new(writer)),
        Format::Sarif => Box::new(sarif::SarifSink::new(writer, opts)),
        Format::Github => Box::new(github::GithubSink::new(writer, opts)),
        Format::Junit => Box::new(junit::JunitSink::new(writer, opts)),
        Format::Html => Box::new(html::HtmlSink::new(writer, opts)),
        Format::Letter => Box::new(letter::LetterSink::new(writer, opts)),
    }
}

/// The output buffer: a run's output is large (JSON of 10,000 plans is about 400 MB), and at
/// the default 8 KiB the writes, not the formatting, would cost most of a sink's time.
const OUTPUT_BUFFER: usize = 256 * 1024;

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
    match severity {
        Severity::Error => lang.pick("lỗi", "error"),
        Severity::Warning => lang.pick("cảnh báo", "warning"),
        Severity::Info => lang.pick("gợi ý", "info"),
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
