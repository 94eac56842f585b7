//! Baseline: the findings a plan repository accepted when it adopted planlint, kept in a JSON file
//! so that later runs report only new findings.
//!
//! A finding is recognized by its file, its rule code and a fingerprint of the text it points at
//! and of the line that text starts on (both NFC, white space collapsed; the line without a
//! leading row or list number), plus its rank among the findings of the same file with the same
//! code and texts. The line is there because the text alone is often not telling: every T103
//! points at a deadline cell reading `Thường xuyên`, and only the row says which task it is (the
//! way SARIF's `primaryLocationLineHash` hashes the line). Line numbers are not part of it, so a
//! baseline survives lines inserted above a finding, rows renumbered after a task is added, and
//! edits elsewhere in the file; an edit to the finding's own line makes it new. Messages are not
//! part of it, so it does not depend on the language of the run.
//!
//! The file is versioned, sorted and written one finding per line, so that it diffs well:
//!
//! ```json
//! {
//!   "version": 1,
//!   "findings": [
//!     {"path":"plans/a.md","code":"T103","fingerprint":"5d0c3f0e9a4b1c27","line":12,"message":"…"}
//!   ]
//! }
//! ```
//!
//! `line` and `message` are for readers only. Paths are relative to the baseline file's
//! directory, with `/` separators, so the same baseline works from any working directory and on
//! any system. Matching is a multiset: two identical entries accept two identical findings.
//!
//! A loaded [`Baseline`] is read-only and `Sync`: files checked in parallel are filtered with
//! [`Baseline::filter`], which returns per-file counts for the caller to add up, without a lock.
//!
//! This module reads findings and text only: never extraction, rules or output.

use std::collections::HashMap;
use std::fmt;
use std::path::{Component, Path, PathBuf, Prefix};
use std::sync::Arc;

use miette::{Diagnostic, LabeledSpan, NamedSource, SourceSpan};
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::finding::Finding;
use crate::lang::Lang;
use crate::source::{Bilingual, LineIndex, Span, Unreadable};

/// The version of the file format this planlint reads and writes.
pub const VERSION: u64 = 1;

/// Longest offending text taken into a fingerprint, in characters.
const TEXT_CHARS: usize = 300;

/// The text a finding points at, as fingerprinted: the primary span's text in the original file
/// (for an empty span, the rest of its line), NFC, white space collapsed to single spaces and
/// trimmed, at most 300 characters.
pub fn offending_text(original: &str, span: Span) -> String {
    let start = floor_boundary(original, span.start);
    let end = if span.end <= span.start {
        original.get(start..).and_then(|r| r.find(['\n', '\r'])).map_or(original.len(), |i| start + i)
    } else {
        ceil_boundary(original, span.end)
    };
    let raw = original.get(start..end).unwrap_or_default();
    // Most text is NFC already (the quick check answers without allocating): only the rest pays
    // for recomposition.
    match unicode_normalization::is_nfc_quick(raw.chars()) {
        unicode_normalization::IsNormalized::Yes => collapse(raw.len(), raw.chars()),
        _ => collapse(raw.len(), raw.nfc()),
    }
}

/// White space collapsed to single spaces and trimmed, at most [`TEXT_CHARS`] characters.
fn collapse(len: usize, text: impl Iterator<Item = char>) -> String {
    let mut out = String::with_capacity(len.min(TEXT_CHARS * 3));
    let mut chars = 0;
    let mut space = false;
    for c in text {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if chars >= TEXT_CHARS {
            break;
        }
        if space {
            out.push(' ');
            chars += 1;
            space = false;
            if chars >= TEXT_CHARS {
                break;
            }
        }
        out.push(c);
        chars += 1;
    }
    out
}

/// The line a span starts on, as fingerprinted: NFC, white space collapsed, at most 300
/// characters, without Markdown decoration (`|`, `#`, `*`, `-`, `>`) and a row or list number
/// (`12`, `1.2.`, `IV.`, `a)`) at its start, so that renumbering rows changes nothing.
pub fn line_context(original: &str, span: Span) -> String {
    let at = floor_boundary(original, span.start);
    let start = original.get(..at).and_then(|p| p.rfind(['\n', '\r'])).map_or(0, |i| i + 1);
    let line = offending_text(original, Span::new(start, start));
    let undecorated = line.trim_start_matches(['|', '#', '*', '-', '+', '>', ' ']);
    let (head, rest) = undecorated.split_once(' ').unwrap_or((undecorated, ""));
    if is_row_number(head) { rest.trim_start_matches(['|', ' ']).to_owned() } else { undecorated.to_owned() }
}

/// `12`, `12.`, `1.2.`, `IV`, `IV.`, `a)`, `3)`: a number that starts a row or list item.
fn is_row_number(word: &str) -> bool {
    let bare = word.trim_end_matches(['.', ')']);
    let arabic = !bare.is_empty() && bare.split('.').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    let roman = !bare.is_empty() && bare.bytes().all(|b| b"IVXLC".contains(&b));
    let letter = word.len() == 2 && word.ends_with(')') && word.bytes().next().is_some_and(|b| b.is_ascii_lowercase());
    arabic || roman || letter
}

/// The fingerprint of a finding: FNV-1a (64 bits, hexadecimal) of its code, its
/// [`offending_text`], its [`line_context`] and its rank (from 0) among the findings of its file
/// with the same code and texts. Stable across planlint builds, Rust versions and systems.
pub fn fingerprint(code: &str, text: &str, context: &str, occurrence: usize) -> String {
    let mut hash = crate::fnv::OFFSET;
    for part in [code, text, context] {
        hash = crate::fnv::step(crate::fnv::extend(hash, part.as_bytes()), 0);
    }
    hash = crate::fnv::extend(hash, occurrence.to_string().as_bytes());
    format!("{hash:016x}")
}

/// The fingerprints of one file's findings, in the order given. Ranks among identical findings
/// follow their place in the file.
pub fn fingerprints(findings: &[Finding], original: &str) -> Vec<String> {
    let keys: Vec<(String, String)> =
        findings.iter().map(|f| (offending_text(original, f.span), line_context(original, f.span))).collect();
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by_key(|&i| findings.get(i).map(|f| (f.span.start, f.span.end, i)));
    let mut seen: HashMap<(&str, &str, &str), usize> = HashMap::new();
    let mut out = vec![String::new(); findings.len()];
    for i in order {
        let (Some(f), Some((text, context))) = (findings.get(i), keys.get(i)) else { continue };
        let rank = seen.entry((f.code.as_str(), text.as_str(), context.as_str())).or_default();
        if let Some(slot) = out.get_mut(i) {
            *slot = fingerprint(&f.code, text, context, *rank);
        }
        *rank += 1;
    }
    out
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// One accepted finding, as stored.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
struct Entry {
    path: String,
    code: String,
    fingerprint: String,
    #[serde(default)]
    line: usize,
    #[serde(default)]
    message: String,
}

/// The file as stored.
#[derive(Debug, Deserialize)]
struct File {
    findings: Vec<Entry>,
}

/// Just the version, read first so that a file of another version gets the right error.
#[derive(Debug, Deserialize)]
struct Probe {
    version: Option<serde_json::Value>,
}

/// Turns the file names of a run into the paths stored in a baseline: relative to the
/// baseline's directory, `/`-separated.
#[derive(Debug, Clone)]
struct PathKeys {
    /// The baseline's directory, absolute (canonical when it exists).
    root: PathBuf,
    /// The working directory, to make relative names absolute.
    cwd: PathBuf,
}

impl PathKeys {
    fn new(baseline: &Path) -> Self {
        Self::with_cwd(baseline, &std::env::current_dir().unwrap_or_default())
    }

    fn with_cwd(baseline: &Path, cwd: &Path) -> Self {
        let dir = baseline.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let cwd = resolve(cwd, Path::new(""));
        Self { root: resolve(&cwd, dir), cwd }
    }

    /// The stored form of a file name. Standard input (`-`, or no name) stays as it is.
    fn key(&self, name: &str) -> String {
        if name.is_empty() || name == "-" {
            return name.to_owned();
        }
        relative(&self.root, &resolve(&self.cwd, Path::new(name)))
    }
}

/// `path` made absolute against `cwd` and resolved: canonical when it (or its directory) exists,
/// else with `.` and `..` removed by hand.
fn resolve(cwd: &Path, path: &Path) -> PathBuf {
    let abs = if path.is_absolute() { path.to_path_buf() } else { cwd.join(path) };
    let abs = lexical(&abs);
    if let Ok(canonical) = std::fs::canonicalize(&abs) {
        return canonical;
    }
    match (abs.parent(), abs.file_name()) {
        (Some(parent), Some(name)) => std::fs::canonicalize(parent).map(|p| p.join(name)).unwrap_or(abs),
        _ => abs,
    }
}

/// `.` and `..` removed without asking the file system.
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if matches!(out.components().next_back(), Some(Component::Normal(_))) {
                    out.pop();
                } else if !out.has_root() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// A component as compared and stored: Windows drive prefixes in one form (`C:`, whether
/// written `C:` or `\\?\C:`).
fn component_text(c: Component<'_>) -> String {
    match c {
        Component::Prefix(p) => match p.kind() {
            Prefix::Disk(d) | Prefix::VerbatimDisk(d) => format!("{}:", char::from(d).to_ascii_uppercase()),
            _ => p.as_os_str().to_string_lossy().into_owned(),
        },
        Component::RootDir => String::new(),
        other => other.as_os_str().to_string_lossy().into_owned(),
    }
}

/// `target` relative to the directory `base` (both absolute), `/`-separated; `target` itself
/// when they share nothing (another drive).
fn relative(base: &Path, target: &Path) -> String {
    let base: Vec<String> = base.components().map(component_text).collect();
    let target: Vec<String> = target.components().map(component_text).collect();
    let common = base.iter().zip(&target).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return target.join("/");
    }
    let ups = std::iter::repeat_n("..".to_owned(), base.len().saturating_sub(common));
    ups.chain(target.into_iter().skip(common)).collect::<Vec<_>>().join("/")
}

/// Accepted findings, loaded from a baseline file.
#[derive(Debug, Clone)]
pub struct Baseline {
    paths: PathKeys,
    /// Path → (code, fingerprint) → how many.
    files: HashMap<String, HashMap<(String, String), usize>>,
    len: usize,
}

/// What a baseline did to one file's findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileMatch {
    /// The findings the baseline does not accept: new since it was written. In the order given.
    pub kept: Vec<Finding>,
    /// How many findings the baseline accepted.
    pub matched: usize,
    /// How many of the baseline's entries for this file matched no finding: fixed since.
    pub unmatched: usize,
}

impl Baseline {
    /// Read a baseline file. Errors (unreadable file, bad JSON, another version) are located and
    /// worded in `lang`.
    pub fn load(path: &Path, lang: Lang) -> Result<Baseline, BaselineError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| BaselineError::unreadable(&name, &e, lang))?;
        Self::from_json(&text, path, lang)
    }

    /// A baseline from its text; `path` is where it lives (paths in it are relative to its
    /// directory).
    pub fn from_json(text: &str, path: &Path, lang: Lang) -> Result<Baseline, BaselineError> {
        let name = path.display().to_string();
        let probe: Probe = serde_json::from_str(text).map_err(|e| BaselineError::json(&name, text, &e, lang))?;
        if probe.version.as_ref().and_then(serde_json::Value::as_u64) != Some(VERSION) {
            return Err(BaselineError::version(&name, text, probe.version.as_ref(), lang));
        }
        let file: File = serde_json::from_str(text).map_err(|e| BaselineError::json(&name, text, &e, lang))?;
        let mut files: HashMap<String, HashMap<(String, String), usize>> = HashMap::new();
        let len = file.findings.len();
        for e in file.findings {
            *files.entry(e.path).or_default().entry((e.code, e.fingerprint)).or_default() += 1;
        }
        Ok(Baseline { paths: PathKeys::new(path), files, len })
    }

    /// A new, empty baseline to be written to `path`.
    pub fn builder(path: &Path) -> BaselineBuilder {
        BaselineBuilder { path: path.to_path_buf(), paths: PathKeys::new(path), entries: Vec::new() }
    }

    /// How many findings it accepts.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether it accepts nothing.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The files it has entries for, as stored (relative to its directory).
    pub fn paths(&self) -> impl Iterator<Item = &str> + '_ {
        self.files.keys().map(String::as_str)
    }

    /// How entries for the file named `name` (as given to planlint) are stored.
    pub fn path_key(&self, name: &str) -> String {
        self.paths.key(name)
    }

    /// Remove a file's accepted findings. `name` is the file as given to planlint (relative to
    /// the working directory, or absolute), `original` its original text. Each entry accepts
    /// one finding. Needs no lock: safe to call for many files at once.
    pub fn filter(&self, name: &str, findings: Vec<Finding>, original: &str) -> FileMatch {
        let Some(accepted) = self.files.get(&self.paths.key(name)) else {
            return FileMatch { kept: findings, matched: 0, unmatched: 0 };
        };
        let prints = fingerprints(&findings, original);
        let mut left = accepted.clone();
        let mut kept = Vec::new();
        let mut matched = 0;
        for (f, print) in findings.into_iter().zip(prints) {
            match left.get_mut(&(f.code.clone(), print)) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    matched += 1;
                }
                _ => kept.push(f),
            }
        }
        FileMatch { kept, matched, unmatched: left.values().sum() }
    }
}

/// Collects a run's findings into a baseline file.
#[derive(Debug, Clone)]
pub struct BaselineBuilder {
    path: PathBuf,
    paths: PathKeys,
    entries: Vec<Entry>,
}

impl BaselineBuilder {
    /// Accept all findings of one file. `name` is the file as given to planlint, `original` its
    /// original text (the findings' spans point into it).
    pub fn add_file(&mut self, name: &str, findings: &[Finding], original: &str) {
        let path = self.paths.key(name);
        let lines = LineIndex::new(original);
        for (f, print) in findings.iter().zip(fingerprints(findings, original)) {
            self.entries.push(Entry {
                path: path.clone(),
                code: f.code.clone(),
                fingerprint: print,
                line: lines.line_col(original, f.span.start).line,
                message: f.message.clone(),
            });
        }
    }

    /// How many findings it holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The file's text: sorted by path, code, line and fingerprint, one finding per line.
    pub fn to_json(&self) -> String {
        let mut entries: Vec<&Entry> = self.entries.iter().collect();
        entries.sort_by(|a, b| {
            (&a.path, &a.code, a.line, &a.fingerprint).cmp(&(&b.path, &b.code, b.line, &b.fingerprint))
        });
        let mut out = format!("{{\n  \"version\": {VERSION},\n  \"findings\": [");
        for (i, e) in entries.iter().enumerate() {
            out.push_str(if i == 0 { "\n    " } else { ",\n    " });
            // Serializing a struct of strings and numbers cannot fail.
            out.push_str(&serde_json::to_string(e).unwrap_or_default());
        }
        out.push_str(if entries.is_empty() { "]\n}\n" } else { "\n  ]\n}\n" });
        out
    }

    /// Write the file at the path given to [`Baseline::builder`], safely (see [`crate::write`]):
    /// a temporary file in the same directory, then a rename; a symbolic link is written
    /// through, a special file refused.
    pub fn write(&self, lang: Lang) -> Result<(), BaselineError> {
        crate::write::write_file(&self.path, self.to_json().as_bytes())
            .map_err(|e| BaselineError::unwritable(&self.path.display().to_string(), &e, lang))
    }
}

/// What kind of problem a baseline file has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaselineErrorKind {
    /// It cannot be read.
    Unreadable,
    /// It cannot be written.
    Unwritable,
    /// It is not JSON of the expected shape.
    Invalid,
    /// It is of another version.
    Version,
}

/// A baseline file that cannot be used: what, where, and how to fix it.
#[derive(Debug)]
pub struct BaselineError(Box<ErrorData>);

#[derive(Debug)]
struct ErrorData {
    kind: BaselineErrorKind,
    message: Bilingual,
    help: Bilingual,
    lang: Lang,
    src: Option<NamedSource<Arc<str>>>,
    span: Option<Span>,
}

impl BaselineError {
    fn unreadable(name: &str, err: &std::io::Error, lang: Lang) -> Self {
        let why = Unreadable::from_io(err).text();
        Self(Box::new(ErrorData {
            kind: BaselineErrorKind::Unreadable,
            message: Bilingual::new(
                format!("không đọc được tệp baseline `{name}`: {}", why.vi),
                format!("cannot read the baseline file `{name}`: {}", why.en()),
            ),
            help: Bilingual::new(
                format!(
                    "kiểm tra đường dẫn sau `--baseline`; muốn tạo baseline thì chạy `planlint check --write-baseline {name}`"
                ),
                format!(
                    "check the path after `--baseline`; to create a baseline, run `planlint check --write-baseline {name}`"
                ),
            ),
            lang,
            src: None,
            span: None,
        }))
    }

    fn unwritable(name: &str, err: &crate::write::WriteError, lang: Lang) -> Self {
        let why = &err.reason;
        Self(Box::new(ErrorData {
            kind: BaselineErrorKind::Unwritable,
            message: Bilingual::new(
                format!("không ghi được tệp baseline `{name}`: {}", why.vi),
                format!("cannot write the baseline file `{name}`: {}", why.en()),
            ),
            help: Bilingual::new(
                "chọn một tệp thường, trong thư mục có sẵn và có quyền ghi",
                "choose a regular file, in a directory that exists and can be written to",
            ),
            lang,
            src: None,
            span: None,
        }))
    }

    fn json(name: &str, text: &str, err: &serde_json::Error, lang: Lang) -> Self {
        let lines = LineIndex::new(text);
        let offset = lines.line_start(err.line()).map_or(text.len(), |s| s + err.column().saturating_sub(1));
        let offset = floor_boundary(text, offset);
        let detail = err.to_string();
        let detail = detail.split(" at line ").next().unwrap_or_default();
        Self(Box::new(ErrorData {
            kind: BaselineErrorKind::Invalid,
            message: Bilingual::new(
                format!("tệp baseline `{name}` không đúng dạng: {}", vietnamese_json(detail)),
                format!("the baseline file `{name}` is not valid: {detail}"),
            ),
            help: Bilingual::new(
                format!("sửa lại tệp, hoặc ghi lại baseline bằng `planlint check --write-baseline {name}`"),
                format!("fix the file, or write it again with `planlint check --write-baseline {name}`"),
            ),
            lang,
            src: Some(NamedSource::new(name, Arc::from(text))),
            span: Some(Span::new(offset, ceil_boundary(text, offset + 1))),
        }))
    }

    fn version(name: &str, text: &str, found: Option<&serde_json::Value>, lang: Lang) -> Self {
        let (vi, en) = match found {
            Some(v) => (
                format!("tệp baseline `{name}` có phiên bản `{v}`, nhưng planlint này chỉ đọc phiên bản {VERSION}"),
                format!("the baseline file `{name}` has version `{v}`, but this planlint reads only version {VERSION}"),
            ),
            None => (
                format!("tệp baseline `{name}` không ghi phiên bản (`\"version\": {VERSION}`)"),
                format!("the baseline file `{name}` has no version (`\"version\": {VERSION}`)"),
            ),
        };
        let at = text.find("\"version\"").map_or(Span::new(0, 1.min(text.len())), |i| Span::new(i, i + 9));
        Self(Box::new(ErrorData {
            kind: BaselineErrorKind::Version,
            message: Bilingual::new(vi, en),
            help: Bilingual::new(
                format!("ghi lại baseline bằng phiên bản planlint đang dùng: `planlint check --write-baseline {name}`"),
                format!("write the baseline again with the planlint in use: `planlint check --write-baseline {name}`"),
            ),
            lang,
            src: Some(NamedSource::new(name, Arc::from(text))),
            span: Some(at),
        }))
    }

    /// What kind of problem it is.
    pub fn kind(&self) -> BaselineErrorKind {
        self.0.kind
    }

    /// What is wrong, in both languages.
    pub fn message(&self) -> &Bilingual {
        &self.0.message
    }

    /// How to fix it, in both languages.
    pub fn help_text(&self) -> &Bilingual {
        &self.0.help
    }
}

/// serde_json's message in Vietnamese: the usual cases translated, the rest quoted.
fn vietnamese_json(detail: &str) -> String {
    let quoted = detail.split('`').nth(1).unwrap_or_default();
    if detail.starts_with("missing field") {
        format!("thiếu trường `{quoted}`")
    } else if detail.starts_with("unknown field") {
        format!("có trường lạ `{quoted}`")
    } else if detail.starts_with("EOF") {
        "tệp bị cắt cụt, thiếu phần cuối".to_owned()
    } else if detail.starts_with("trailing characters") {
        "còn ký tự thừa sau phần JSON".to_owned()
    } else if detail.starts_with("expected value") {
        "thiếu một giá trị JSON ở đây".to_owned()
    } else if detail.starts_with("expected `,` or `]`") {
        "thiếu `,` hoặc `]`".to_owned()
    } else if detail.starts_with("expected `,` or `}`") {
        "thiếu `,` hoặc `}`".to_owned()
    } else if detail.starts_with("expected `:`") {
        "thiếu dấu `:`".to_owned()
    } else if detail.starts_with("key must be a string") {
        "tên trường phải là chuỗi trong ngoặc kép".to_owned()
    } else if detail.starts_with("invalid type") {
        format!("kiểu giá trị không đúng (chi tiết kỹ thuật: {detail})")
    } else {
        format!("sai cú pháp JSON (chi tiết kỹ thuật: {detail})")
    }
}

impl fmt::Display for BaselineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.message.get(self.0.lang))
    }
}

impl std::error::Error for BaselineError {}

impl Diagnostic for BaselineError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(match self.0.kind {
            BaselineErrorKind::Unreadable => "baseline-unreadable",
            BaselineErrorKind::Unwritable => "baseline-unwritable",
            BaselineErrorKind::Invalid | BaselineErrorKind::Version => "baseline-invalid",
        }))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.0.help.get(self.0.lang)))
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.0.src.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.0.span?;
        let label = LabeledSpan::new_with_span(None, SourceSpan::new(span.start.into(), span.len()));
        Some(Box::new(std::iter::once(label)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Severity;

    fn finding(code: &str, text: &str, needle: &str, nth: usize) -> Finding {
        let start = text.match_indices(needle).nth(nth).unwrap().0;
        Finding {
            code: code.into(),
            name: "x".into(),
            severity: Severity::Info,
            category: crate::finding::Category::NoiDung,
            message: format!("{code} message"),
            help: String::new(),
            span: Span::new(start, start + needle.len()),
            labels: Vec::new(),
        }
    }

    /// A fingerprint is part of files users commit: it must never change.
    #[test]
    fn fingerprints_are_stable() {
        let print = |code, rank| fingerprint(code, "Thường xuyên", "Việc A Trạm Y tế Thường xuyên", rank);
        assert_eq!(print("T103", 0), "76fcde7c41ab1ec9");
        assert_ne!(print("T103", 0), print("T103", 1));
        assert_ne!(print("T103", 0), print("T101", 0));
        assert_ne!(print("T103", 0), fingerprint("T103", "Thường xuyên", "Việc B Trạm Y tế Thường xuyên", 0));
    }

    #[test]
    fn offending_text_is_normalized() {
        let nfd: String = "Thường  xuyên\r\n  hằng năm".nfd().collect();
        assert_eq!(offending_text(&nfd, Span::new(0, nfd.len())), "Thường xuyên hằng năm");
        // An empty span: the rest of its line.
        let text = "a\nTT\tThường xuyên\r\nb";
        let at = text.find("Th").unwrap();
        assert_eq!(offending_text(text, Span::new(at, at)), "Thường xuyên");
        // Capped at 300 characters, on a character boundary, for any span.
        let long = "ệ".repeat(400);
        assert_eq!(offending_text(&long, Span::new(0, long.len())).chars().count(), 300);
        assert_eq!(offending_text(&long, Span::new(1, 5)), "ệệ");
        assert_eq!(offending_text("abc", Span::new(10, 20)), "");
    }

    #[test]
    fn line_context_ignores_row_numbers_and_decoration() {
        let ctx = |text: &str| line_context(text, Span::new(text.len() - 3, text.len()));
        assert_eq!(ctx("a\n12\tViệc A\tThường xuyên"), "Việc A Thường xuyên");
        assert_eq!(ctx("| 12 | Việc A | Thường xuyên |"), "Việc A | Thường xuyên |");
        assert_eq!(ctx("## 1.2. Mục tiêu cụ thể"), "Mục tiêu cụ thể");
        assert_eq!(ctx("IV. TỔ CHỨC THỰC HIỆN"), "TỔ CHỨC THỰC HIỆN");
        assert_eq!(ctx("b) Nhiệm vụ khác"), "Nhiệm vụ khác");
        assert_eq!(ctx("2025 là năm bản lề"), "là năm bản lề");
        assert_eq!(ctx("Tỷ lệ 12 phần trăm"), "Tỷ lệ 12 phần trăm");
    }

    #[test]
    fn identical_findings_get_ranks_in_file_order() {
        let text = "1\tx\tThường xuyên\n2\tx\tThường xuyên\n";
        let a = finding("T103", text, "Thường xuyên", 0);
        let b = finding("T103", text, "Thường xuyên", 1);
        let prints = fingerprints(&[b.clone(), a.clone()], text);
        let print = |rank| fingerprint("T103", "Thường xuyên", "x Thường xuyên", rank);
        assert_eq!(prints, [print(1), print(0)]);
        assert_eq!(fingerprints(&[a, b], text), [prints[1].clone(), prints[0].clone()]);
    }

    /// A task inserted in a table renumbers the rows below it: they are still the same findings,
    /// and only the new row's finding is new.
    #[test]
    fn renumbered_rows_keep_their_fingerprints() {
        let before = "1\tViệc A\tThường xuyên\n2\tViệc B\tThường xuyên\n";
        let after = "1\tViệc C\tThường xuyên\n2\tViệc A\tThường xuyên\n3\tViệc B\tThường xuyên\n";
        let all =
            |text: &str, n| -> Vec<Finding> { (0..n).map(|i| finding("T103", text, "Thường xuyên", i)).collect() };
        let old = fingerprints(&all(before, 2), before);
        let new = fingerprints(&all(after, 3), after);
        assert_eq!(new[1..], old[..]);
        assert!(!old.contains(&new[0]));
    }

    #[test]
    fn paths_are_relative_to_the_baseline_directory() {
        let keys = PathKeys::with_cwd(Path::new("repo/planlint-baseline.json"), Path::new("/nowhere/work"));
        assert_eq!(keys.key("repo/plans/a.md"), "plans/a.md");
        assert_eq!(keys.key("./repo/plans/../plans/a.md"), "plans/a.md");
        assert_eq!(keys.key("/nowhere/work/repo/plans/a.md"), "plans/a.md");
        assert_eq!(keys.key("other/b.md"), "../other/b.md");
        assert_eq!(keys.key("-"), "-");
        let keys = PathKeys::with_cwd(Path::new("planlint-baseline.json"), Path::new("/nowhere/work"));
        assert_eq!(keys.key("plans/a.md"), "plans/a.md");
        let keys = PathKeys::with_cwd(Path::new("/nowhere/work/repo/b.json"), Path::new("/nowhere/work/repo/plans"));
        assert_eq!(keys.key("a.md"), "plans/a.md");
    }

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("planlint-baseline-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("plans")).unwrap();
        dir
    }

    #[test]
    fn written_baseline_accepts_the_same_findings_after_lines_move() {
        let dir = temp_dir("roundtrip");
        let path = dir.join("planlint-baseline.json");
        let plan = dir.join("plans/a.md");
        let name = plan.display().to_string();
        let text = "1\tViệc A\tThường xuyên\n2\tViệc B\tThường xuyên\n";
        let findings = vec![finding("T103", text, "Thường xuyên", 0), finding("T103", text, "Thường xuyên", 1)];
        let mut builder = Baseline::builder(&path);
        builder.add_file(&name, &findings, text);
        builder.write(Lang::Vi).unwrap();
        let json = std::fs::read_to_string(&path).unwrap();
        assert!(
            json.starts_with("{\n  \"version\": 1,\n  \"findings\": [\n    {\"path\":\"plans/a.md\",\"code\":\"T103\"")
        );
        assert_eq!(json.lines().count(), 7, "{json}");

        let baseline = Baseline::load(&path, Lang::Vi).unwrap();
        assert_eq!(baseline.len(), 2);
        assert_eq!(baseline.paths().collect::<Vec<_>>(), ["plans/a.md"]);
        let moved = format!("\n\nthêm\n{text}3\tViệc C\tThường xuyên\n");
        let now: Vec<Finding> = (0..3).map(|i| finding("T103", &moved, "Thường xuyên", i)).collect();
        let m = baseline.filter(&name, now.clone(), &moved);
        assert_eq!((m.matched, m.unmatched), (2, 0));
        assert_eq!(m.kept, [now[2].clone()]);
        // Another file, or the same findings in English, change nothing about matching.
        let m = baseline.filter("elsewhere.md", now.clone(), &moved);
        assert_eq!((m.kept.len(), m.matched, m.unmatched), (3, 0, 0));
        // A fixed finding leaves an unmatched entry.
        let m = baseline.filter(&name, vec![now[0].clone()], &moved);
        assert_eq!((m.kept.len(), m.matched, m.unmatched), (0, 1, 1));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn empty_baseline_is_valid_json() {
        let b = Baseline::builder(Path::new("b.json"));
        let json = b.to_json();
        assert_eq!(json, "{\n  \"version\": 1,\n  \"findings\": []\n}\n");
        assert!(Baseline::from_json(&json, Path::new("b.json"), Lang::En).unwrap().is_empty());
    }

    #[test]
    fn bad_files_are_located_errors() {
        let e =
            Baseline::from_json("{\"version\": 1, \"findings\": [{\"path\": \"a\"}]}", Path::new("b.json"), Lang::En)
                .unwrap_err();
        assert_eq!(e.kind(), BaselineErrorKind::Invalid);
        assert_eq!(e.to_string(), "the baseline file `b.json` is not valid: missing field `code`");
        assert_eq!(e.message().vi, "tệp baseline `b.json` không đúng dạng: thiếu trường `code`");
        let e = Baseline::from_json("{\"version\": 2, \"findings\": 7}", Path::new("b.json"), Lang::Vi).unwrap_err();
        assert_eq!(e.kind(), BaselineErrorKind::Version);
        assert!(e.to_string().contains("phiên bản `2`"), "{e}");
        assert_eq!(e.0.span, Some(Span::new(1, 10)));
        let e =
            Baseline::from_json("{\"version\": 1,\n  \"findings\": [,]}", Path::new("b.json"), Lang::En).unwrap_err();
        assert_eq!(e.0.span.map(|s| s.start), Some(30), "at the stray comma");
        let e = Baseline::load(Path::new("/nowhere/b.json"), Lang::En).unwrap_err();
        assert_eq!(e.kind(), BaselineErrorKind::Unreadable);
        assert_eq!(e.to_string(), "cannot read the baseline file `/nowhere/b.json`: no such file");
    }
}
