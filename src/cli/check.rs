//! `planlint check [PATH…]`: run the rules over plan files and directories.
//!
//! The run has three stages. The inputs are collected (directories walked) and put in a stable
//! order. When the run has several plans, each plan's header is read, so that a plan citing
//! another plan of the run can be compared with its targets. Then the plans are checked in
//! parallel, and their results are written in the order of the inputs, whatever the thread
//! that finished first: a reorder buffer holds the few results that arrive early.

use std::collections::{BTreeMap, HashMap};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use super::extract::read_input;
use super::{CheckArgs, ExitStatus, Terminal};
use crate::baseline::Baseline;
use crate::config::{CliSelection, Config, RulePolicy};
use crate::dsl::{CheckOptions, RuleSet, Stage};
use crate::finding::{Finding, Severity};
use crate::lang::Lang;
use crate::output::{FileReport, Format, HumanStyle, RuleMeta, Sink, SinkOptions, Summary};
use crate::parents::{ParentIndex, ParentKey, ParentPlan};
use crate::registry::{IndicatorVocab, ParentTarget};
use crate::report::{InputDiagnostic, render};
use crate::source::{SourceError, SourceFile, SpecialFile, Unreadable};
use crate::suppress::{Known, Syntax};
use crate::write::{AtomicFile, WriteError};

/// Plan file extensions read from directories.
const PLAN_EXTENSIONS: &[&str] = &["txt", "md", "docx"];

/// Documents planlint does not read, named in a folder walk with what to do (never skipped
/// silently: a reviewer must not believe a folder of `.doc` plans passed).
const UNREAD_EXTENSIONS: &[&str] = &["doc", "rtf", "odt", "pdf", "jpg", "jpeg", "png", "tif", "tiff"];

/// Folder names never walked into (build output and vendored dependencies, besides hidden
/// folders): plans do not live there, and they can be huge.
const SKIPPED_DIRS: &[&str] = &["target", "node_modules", "__pycache__"];

/// One input of the run.
#[derive(Debug)]
enum Input {
    /// A file to read.
    File(PathBuf),
    /// Standard input, read once when the run starts.
    Stdin(Result<Vec<u8>, SourceError>),
    /// An entry of a folder that could not be walked.
    Unwalkable(Unreadable),
}

/// An input and the name it is reported under.
#[derive(Debug)]
struct Item {
    name: String,
    input: Input,
}

/// The name a path is reported under: as given, without a leading `./`, with `/` separators.
fn display_name(path: &Path) -> String {
    let s = path.to_string_lossy();
    let s = s.strip_prefix("./").unwrap_or(&s);
    if std::path::MAIN_SEPARATOR == '\\' { s.replace('\\', "/") } else { s.to_owned() }
}

/// The inputs named on the command line: files as given (whatever their extension), folders
/// walked for plan files (hidden and build folders skipped; symbolic links followed, loops
/// reported), `-` for standard input. Sorted by name, each once.
fn collect(paths: &[PathBuf], stdin_name: &str) -> Vec<Item> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Item { name: stdin_name.to_owned(), input: Input::Stdin(read_input(p)) });
            continue;
        }
        if !p.is_dir() {
            out.push(Item { name: display_name(p), input: Input::File(p.clone()) });
            continue;
        }
        let walker = walkdir::WalkDir::new(p).follow_links(true).into_iter().filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0
                || !(name.starts_with('.') || (e.file_type().is_dir() && SKIPPED_DIRS.contains(&name.as_ref())))
        });
        for entry in walker {
            match entry {
                Ok(entry) => {
                    let ext = entry.path().extension().and_then(|e| e.to_str()).map(str::to_lowercase);
                    if let Some(format) =
                        ext.as_deref().and_then(|e| UNREAD_EXTENSIONS.iter().find(|u| **u == e)).copied()
                        && entry.file_type().is_file()
                    {
                        let input = Input::Unwalkable(Unreadable::Format(format));
                        out.push(Item { name: display_name(entry.path()), input });
                        continue;
                    }
                    if !ext.is_some_and(|e| PLAN_EXTENSIONS.contains(&e.as_str())) {
                        continue;
                    }
                    let file_type = entry.file_type();
                    if file_type.is_file() {
                        out.push(Item { name: display_name(entry.path()), input: Input::File(entry.into_path()) });
                    } else if let Some(kind) = SpecialFile::of(file_type) {
                        // A FIFO named like a plan is reported, never opened: reading it would
                        // wait for a writer that may never come.
                        let input = Input::Unwalkable(Unreadable::Special(kind));
                        out.push(Item { name: display_name(entry.path()), input });
                    }
                }
                Err(e) => {
                    let reason = if e.loop_ancestor().is_some() {
                        Unreadable::Loop
                    } else {
                        e.io_error().map_or_else(|| Unreadable::Other(e.to_string()), Unreadable::from_io)
                    };
                    let path = e.path().unwrap_or(p);
                    out.push(Item { name: display_name(path), input: Input::Unwalkable(reason) });
                }
            }
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out.dedup_by(|a, b| a.name == b.name && !matches!(a.input, Input::Stdin(_)));
    out
}

impl Item {
    /// The bytes of the input.
    fn bytes(&self) -> Result<std::borrow::Cow<'_, [u8]>, SourceError> {
        match &self.input {
            Input::File(path) => read_input(path).map(std::borrow::Cow::Owned),
            Input::Stdin(read) => read.as_deref().map(std::borrow::Cow::Borrowed).map_err(Clone::clone),
            Input::Unwalkable(reason) => Err(SourceError::Unreadable { reason: reason.clone() }),
        }
    }
}

/// What checking one input gave, ready to write.
struct Checked {
    report: FileReport,
    /// For `--write-baseline`: the findings and the file's original text.
    accepted: Option<(Vec<Finding>, Arc<str>)>,
    /// Baseline entries that matched a finding, and those that matched none.
    matched: usize,
    unmatched: usize,
    /// Notes for standard error (rules that stopped).
    err: String,
}

/// How a rule code is known to the run: its levels at the two stages.
type RuleLevels = HashMap<String, (Option<Severity>, Option<Severity>)>;

/// The codes planlint itself reports (input and suppression problems), which no rule file declares.
const ENGINE_CODES: &[&str] = &["E001", "E002", "E003", "E004", "E005", "E006", "E007"];

/// The state shared by the threads of a run.
struct Run<'a> {
    set: &'a RuleSet,
    levels: RuleLevels,
    codes: Vec<&'a str>,
    config: &'a Config,
    selection: &'a CliSelection,
    opts: CheckOptions<'a>,
    parents: &'a ParentIndex,
    baseline: Option<&'a Baseline>,
    write_baseline: bool,
    human: Option<HumanStyle>,
    /// Whether a format shows fingerprints (SARIF).
    fingerprints: bool,
    stdin_filename: &'a str,
    early: Early,
}

/// An input decoded and extracted, or the input diagnostic that says why it cannot be checked.
enum Prepared {
    Plan(Box<(SourceFile, crate::model::Plan)>),
    Failed(InputDiagnostic),
}

/// Read, decode and extract an input: all that comes before the rules.
fn prepare(item: &Item, vocab: &IndicatorVocab, lang: Lang) -> Prepared {
    let name = item.name.as_str();
    let bytes = match item.bytes() {
        Ok(b) => b,
        Err(e) => return Prepared::Failed(InputDiagnostic::from_source_error(name, &e, None, lang)),
    };
    let src = match SourceFile::from_bytes(name, &bytes) {
        Ok(s) => s,
        Err(e) => return Prepared::Failed(InputDiagnostic::from_source_error(name, &e, Some(&bytes), lang)),
    };
    drop(bytes);
    match crate::extract::extract(&src, vocab) {
        Ok(plan) => Prepared::Plan(Box::new((src, plan))),
        Err(e) => Prepared::Failed(InputDiagnostic::from_extract_error(name, &e, src.original(), lang)),
    }
}

/// The first input of the run, prepared on a thread of its own while the rules and registries
/// load: a one-file run (an editor checking a draft) waits for the slower of the two, not for
/// both (compiling the extraction's regular expressions and the rule files are each a large part
/// of a short run).
struct Early(Mutex<Option<std::thread::JoinHandle<Option<Prepared>>>>);

impl Early {
    fn start(items: &[Item], lang: Lang) -> Self {
        let first = items.first().and_then(|item| match &item.input {
            Input::File(path) => Some(Item { name: item.name.clone(), input: Input::File(path.clone()) }),
            _ => None,
        });
        let handle = first.and_then(|item| {
            std::thread::Builder::new()
                .name("planlint-first".into())
                // Without the vocabulary the run stops at loading the registries anyway.
                .spawn(move || crate::registry::builtin_indicators().ok().map(|vocab| prepare(&item, vocab, lang)))
                .ok()
        });
        Self(Mutex::new(handle))
    }

    /// While the first input is still being prepared, help it: compile the extraction's regexes
    /// it has not reached yet (from the last needed), and stop when it is done.
    fn help(&self) {
        let guard = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(handle) = guard.as_ref() {
            crate::extract::warm_up(&|| handle.is_finished());
        }
    }

    /// The first input's preparation, once; `None` for any other input.
    fn take(&self, index: usize) -> Option<Prepared> {
        if index != 0 {
            return None;
        }
        let handle = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take()?;
        handle.join().ok().flatten()
    }
}

impl Run<'_> {
    fn check(&self, index: usize, item: &Item) -> Checked {
        let lang = self.opts.lang;
        let name = item.name.as_str();
        let vocab = &self.opts.registry.indicators;
        let matched_path = if matches!(item.input, Input::Stdin(_)) { self.stdin_filename } else { name };
        let policy = self.config.policy_for(Path::new(matched_path), self.selection);
        let prepared = self.early.take(index).unwrap_or_else(|| prepare(item, vocab, lang));
        let (src, plan) = match prepared {
            Prepared::Plan(prepared) => *prepared,
            Prepared::Failed(d) => {
                // Input errors are selected and given a severity like rules (`ignore: [E003]`).
                let report = match policy.severity(d.code(), d.severity()) {
                    Some(severity) => FileReport::from_input_error(name, &d.with_severity(severity), self.human),
                    None => FileReport { path: name.to_owned(), records: Vec::new() },
                };
                return Checked { report, accepted: None, matched: 0, unmatched: 0, err: String::new() };
            }
        };
        let inherited = self.parents.targets_for(&plan, &|key| parent_targets(key, vocab));
        let opts = CheckOptions { parents: &inherited, stage: policy.stage(), ..self.opts };
        let outcome = self.set.check_with(&plan, Some(&src), &opts, &|code, severity| policy.severity(code, severity));
        let original = src.original();
        let mut findings = outcome.findings;
        if let Some(syntax) = Syntax::from_name(matched_path) {
            let directives = crate::suppress::parse(original, syntax);
            if !directives.is_empty() {
                let known = |code: &str| self.known(code, &policy, opts.stage);
                findings = directives.apply_suggesting(findings, &known, &self.codes, lang);
                // The directives' own findings take the config's severity overrides too.
                findings.retain_mut(|f| match policy.severity(&f.code, f.severity) {
                    Some(s) if ENGINE_CODES.contains(&f.code.as_str()) => {
                        f.severity = s;
                        true
                    }
                    Some(_) => true,
                    None => false,
                });
            }
        }
        let accepted = self.write_baseline.then(|| (findings.clone(), Arc::clone(original)));
        let (mut matched, mut unmatched) = (0, 0);
        if let Some(baseline) = self.baseline {
            let m = baseline.filter(name, findings, original);
            (findings, matched, unmatched) = (m.kept, m.matched, m.unmatched);
        }
        let mut err = String::new();
        for code in &outcome.stopped {
            err.push_str(&if lang.is_en() {
                format!(
                    "planlint: rule {code} stopped on {name}: it took too many steps; its findings there are incomplete\n"
                )
            } else {
                format!(
                    "planlint: quy tắc {code} dừng trên {name} vì chạy quá nhiều bước; kết quả của nó ở tệp này chưa đủ\n"
                )
            });
        }
        Checked {
            report: FileReport::new(name, &src, &findings, self.human, self.fingerprints),
            accepted,
            matched,
            unmatched,
            err,
        }
    }

    /// How a code named in a suppression is known: a rule that ran on this file, a rule that
    /// did not (turned off, or not at this stage), or no rule at all.
    fn known(&self, code: &str, policy: &RulePolicy<'_>, stage: Stage) -> Known {
        if ENGINE_CODES.contains(&code) {
            return if policy.is_selected(code) { Known::Enabled } else { Known::Disabled };
        }
        match self.levels.get(code) {
            None => Known::Unknown,
            Some(&(draft, final_)) => {
                let level = if stage == Stage::Final { final_ } else { draft };
                match level.and_then(|l| policy.severity(code, l)) {
                    Some(_) => Known::Enabled,
                    None => Known::Disabled,
                }
            }
        }
    }
}

/// The targets of a parent known by its header: the whole plan is read now, once.
fn parent_targets(key: &ParentKey, vocab: &IndicatorVocab) -> Vec<ParentTarget> {
    let Ok(bytes) = read_input(Path::new(&key.path)) else { return Vec::new() };
    let Ok(src) = SourceFile::from_bytes(key.path.clone(), &bytes) else { return Vec::new() };
    let Ok(plan) = crate::extract::extract(&src, vocab) else { return Vec::new() };
    crate::parents::parent_targets_of(&key.symbol, &plan, vocab)
}

/// How much of a file the parent pre-pass reads: the header parser looks at the first lines
/// only, and a plan's header (issuer, number, place and date) is a few hundred bytes.
const HEAD_BYTES: usize = 8 * 1024;

/// The header parser's window, in lines (see [`crate::extract::extract_header`]).
const HEAD_LINES: usize = 120;

/// The identity of an input as a parent, from its first lines only: the first [`HEAD_BYTES`] of
/// the file, cut after a line, so a run over many plans reads a fraction of each twice.
fn header_key(item: &Item) -> Option<ParentKey> {
    let Input::File(path) = &item.input else {
        // Standard input cannot be read again when a child cites it.
        return None;
    };
    // A named pipe given by name (`<(…)`) can be read once only: by its own check.
    if !std::fs::metadata(path).ok()?.is_file() {
        return None;
    }
    let mut head = Vec::with_capacity(HEAD_BYTES);
    std::fs::File::open(path).ok()?.take(HEAD_BYTES as u64).read_to_end(&mut head).ok()?;
    let cut = match memchr_nth(&head, b'\n', HEAD_LINES) {
        Some(i) => i,
        // The file may go on: end at the last whole line (a UTF-8 sequence is never cut there).
        None if head.len() == HEAD_BYTES => head.iter().rposition(|&b| b == b'\n').unwrap_or(head.len()),
        None => head.len(),
    };
    let prefix = head.get(..cut).filter(|h| !h.contains(&0));
    let src = match prefix.map(|h| SourceFile::from_bytes(item.name.clone(), h)) {
        Some(Ok(src)) => src,
        // UTF-16 (its zero bytes: a cut after `\n` may split a unit), or a prefix that does not
        // decode on its own: read it all.
        _ => SourceFile::from_bytes(item.name.clone(), &item.bytes().ok()?).ok()?,
    };
    ParentKey::from_header(&item.name, &crate::extract::extract_header(&src))
}

/// Offset of the `n`-th (0-based) occurrence of a byte.
fn memchr_nth(bytes: &[u8], needle: u8, n: usize) -> Option<usize> {
    bytes.iter().enumerate().filter(|&(_, &b)| b == needle).nth(n).map(|(i, _)| i)
}

/// Where one output format goes.
struct Target {
    format: Format,
    /// A file, or standard output.
    file: Option<PathBuf>,
}

/// `--format` values: `json` or `json=FILE`; `--output` sends the one without a file there.
fn targets(args: &CheckArgs, lang: Lang) -> Result<Vec<Target>, String> {
    let mut out = Vec::new();
    for spec in &args.format {
        let (name, file) = match spec.split_once('=') {
            Some((n, f)) if !f.is_empty() => (n, Some(PathBuf::from(f))),
            _ => (spec.as_str(), None),
        };
        let format = <Format as clap::ValueEnum>::from_str(name.trim(), true).map_err(|_| {
            if lang.is_en() {
                format!("unknown output format `{name}`: use human, json, sarif, github or junit")
            } else {
                format!("không có định dạng đầu ra `{name}`: dùng human, json, sarif, github hoặc junit")
            }
        })?;
        out.push(Target { format, file });
    }
    if out.is_empty() {
        out.push(Target { format: Format::Human, file: None });
    }
    let to_stdout = out.iter().filter(|t| t.file.is_none()).count();
    if to_stdout > 1 {
        return Err(if lang.is_en() {
            "only one format can go to standard output (or --output); give the others a file: --format json=out.json"
                .into()
        } else {
            "chỉ một định dạng được ghi ra màn hình (hoặc --output); các định dạng khác cần tệp: --format json=ket-qua.json".into()
        });
    }
    for t in &mut out {
        if t.file.is_none() {
            t.file.clone_from(&args.output);
        }
    }
    Ok(out)
}

/// An output file being written: shared between its sink, which writes it, and the run, which
/// puts it in place (see [`crate::write`]) once the run is complete.
#[derive(Clone)]
struct OutFile(Arc<Mutex<Option<AtomicFile>>>);

impl Write for OutFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).as_mut() {
            Some(f) => f.write(buf),
            None => Err(std::io::ErrorKind::BrokenPipe.into()),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).as_mut() {
            Some(f) => f.flush(),
            None => Ok(()),
        }
    }
}

impl OutFile {
    fn error(&self, e: &std::io::Error) -> Option<WriteError> {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).as_ref().map(|f| f.error(e))
    }

    /// Put the file in place.
    fn commit(&self) -> Result<(), WriteError> {
        match self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take() {
            Some(f) => f.commit(),
            None => Ok(()),
        }
    }
}

/// Print a located error (config, baseline) and end the run with exit code 2.
fn fail(err: &mut dyn Write, term: Terminal, d: &dyn miette::Diagnostic) -> ExitStatus {
    let _ = err.write_all(render(d, term.color, term.width).as_bytes());
    ExitStatus::Error
}

/// Print a usage error and end the run with exit code 2.
fn usage(err: &mut dyn Write, message: &str) -> ExitStatus {
    let _ = writeln!(err, "planlint: {message}");
    ExitStatus::Error
}

pub(super) fn run(
    args: &CheckArgs,
    cli_lang: Option<Lang>,
    term: Terminal,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitStatus {
    let config = match crate::config::discover(args.config.as_deref(), cli_lang) {
        Ok(c) => c.config,
        Err(e) => return fail(err, term, &e),
    };
    let lang = config.resolve_lang(cli_lang);
    let mut selection = match CliSelection::new(args.select.as_deref(), &args.ignore, args.stage.map(Into::into), lang)
    {
        Ok(s) => s,
        Err(e) => return fail(err, term, &e),
    };
    let targets = match targets(args, lang) {
        Ok(t) => t,
        Err(m) => return usage(err, &m),
    };
    if args.paths.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        return usage(
            err,
            if lang.is_en() {
                "`-` (standard input) is named more than once: standard input can be read only once"
            } else {
                "`-` (đầu vào chuẩn) được nêu hơn một lần: đầu vào chuẩn chỉ đọc được một lần"
            },
        );
    }
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    let items = collect(&paths, &args.stdin_filename);
    if items.len() == 1 {
        // One plan: the regexes are compiled for it alone; make that compilation cheap.
        crate::extract::fold_for_short_run();
    }
    let early = Early::start(&items, lang);
    let rule_dirs: Vec<PathBuf> = args.rules.iter().chain(&config.rules).cloned().collect();
    let set = match super::rules::load(&rule_dirs, false, lang, term, err) {
        Ok(s) => s,
        Err(e) => return e,
    };
    selection.resolve_categories(&set.categories());
    let mut codes = set.codes();
    codes.extend(ENGINE_CODES);
    if let Err(e) = config.validate_codes(&codes).and_then(|()| selection.validate_codes(&codes, lang)) {
        return fail(err, term, &e);
    }
    let registry_files: Vec<PathBuf> = args.registry.iter().chain(&config.registries).cloned().collect();
    let registry = match super::load_registry(&registry_files, lang, term, err) {
        Ok(r) => r,
        Err(e) => return e,
    };
    let baseline = match &args.baseline {
        Some(path) => match Baseline::load(path, lang) {
            Ok(b) => Some(b),
            Err(e) => return fail(err, term, &e),
        },
        None => None,
    };
    // One input needs no pool: it is checked on this thread. Starting threads and handing them
    // work costs one to four milliseconds on a small virtual machine, a tenth of a one-file run.
    let pool = if items.len() > 1 {
        match rayon::ThreadPoolBuilder::new().num_threads(args.jobs.unwrap_or(0)).build() {
            Ok(p) => Some(p),
            Err(e) => {
                return usage(
                    err,
                    &if lang.is_en() {
                        format!("cannot start the worker threads: {e}")
                    } else {
                        format!("không khởi tạo được các luồng xử lý song song (chi tiết kỹ thuật: {e})")
                    },
                );
            }
        }
    } else {
        None
    };

    // The outputs, opened before any work so that a bad `--output` costs nothing.
    let infos = set.rules();
    let stage: Stage = args.stage.map(Into::into).or(config.stage).unwrap_or_default();
    let sink_opts = SinkOptions {
        lang,
        quiet: args.quiet,
        color: term.out_color,
        file_summaries: items.len() > 1,
        // Only SARIF describes the rules (`tool.driver.rules`); the others need no catalogue.
        rules: if targets.iter().any(|t| t.format == Format::Sarif) {
            RuleMeta::catalogue(&infos, stage, lang)
        } else {
            Vec::new()
        },
    };
    // Sinks write as they go, to standard output itself: a file's drawings are not gathered
    // before they are shown (a file with thousands of findings would be held whole).
    let mut stdout = Some(&mut *out);
    let mut sinks: Vec<Box<dyn Sink + '_>> = Vec::new();
    // For each sink, its file (`None`: standard output).
    let mut files: Vec<Option<OutFile>> = Vec::new();
    let mut human = None;
    for t in &targets {
        let writer: Box<dyn Write + '_> = match &t.file {
            // `targets` lets one format at most go to standard output.
            None => {
                files.push(None);
                match stdout.take() {
                    Some(out) => Box::new(out),
                    None => Box::new(std::io::sink()),
                }
            }
            Some(path) => match AtomicFile::create(path) {
                Ok(f) => {
                    let f = OutFile(Arc::new(Mutex::new(Some(f))));
                    files.push(Some(f.clone()));
                    Box::new(f)
                }
                Err(e) => return usage(err, &e.message(lang)),
            },
        };
        if t.format == Format::Human {
            let color = t.file.is_none() && term.out_color;
            human = Some(HumanStyle { color, width: term.width, quiet: args.quiet });
            let opts = SinkOptions { color, ..sink_opts.clone() };
            sinks.push(crate::output::sink(t.format, writer, &opts));
        } else {
            sinks.push(crate::output::sink(t.format, writer, &sink_opts));
        }
    }

    // A `--write-baseline` that cannot be written is refused before any work, like an output.
    if let Some(path) = &args.write_baseline
        && let Err(e) = AtomicFile::create(path)
    {
        return usage(err, &e.message_as(&crate::source::Bilingual::new("tệp baseline", "the baseline file"), lang));
    }
    let parents = parent_index(&items, &config.parents, &registry.indicators, lang, err, pool.as_ref());
    early.help();
    let levels: RuleLevels = infos.iter().map(|r| (r.code.clone(), (r.draft, r.final_))).collect();
    let run = Run {
        set: &set,
        levels,
        codes: set.codes(),
        config: &config,
        selection: &selection,
        opts: CheckOptions { stage, lang, registry: &registry, parents: &[] },
        parents: &parents,
        baseline: baseline.as_ref(),
        write_baseline: args.write_baseline.is_some(),
        human,
        fingerprints: targets.iter().any(|t| t.format == Format::Sarif),
        stdin_filename: &args.stdin_filename,
        early,
    };
    let mut summary = Summary::default();
    let mut builder = args.write_baseline.as_deref().map(Baseline::builder);
    let (mut matched, mut unmatched) = (0, 0);
    // The first failed write to a file, and to standard output.
    let mut file_failed: Option<WriteError> = None;
    let mut stdout_failed: Option<std::io::Error> = None;
    // After a closed pipe, the run goes on only for the outputs written to files.
    let has_files = files.iter().any(Option::is_some) || builder.is_some();
    let mut complete = for_each_in_order(
        pool.as_ref(),
        &items,
        |index, item| run.check(index, item),
        |checked| {
            summary.add(&checked.report);
            matched += checked.matched;
            unmatched += checked.unmatched;
            if let (Some(b), Some((findings, text))) = (builder.as_mut(), &checked.accepted) {
                b.add_file(&checked.report.path, findings, text);
            }
            for (sink, file) in sinks.iter_mut().zip(&files) {
                // Standard output is not written again once it has failed.
                if file.is_none() && stdout_failed.is_some() {
                    continue;
                }
                if let Err(e) = sink.file(&checked.report) {
                    match file {
                        Some(f) => file_failed = file_failed.take().or_else(|| f.error(&e)),
                        None => stdout_failed = stdout_failed.take().or(Some(e)),
                    }
                }
            }
            let _ = err.write_all(checked.err.as_bytes());
            let closed = stdout_failed.as_ref().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe);
            file_failed.is_none() && (stdout_failed.is_none() || (closed && has_files))
        },
    );
    if complete {
        for (sink, file) in sinks.iter_mut().zip(&files) {
            if file.is_none() && stdout_failed.is_some() {
                continue;
            }
            let finished = sink.finish(&summary);
            if let Err(e) = finished {
                match file {
                    Some(f) => file_failed = file_failed.take().or_else(|| f.error(&e)),
                    None => stdout_failed = stdout_failed.take().or(Some(e)),
                }
            }
        }
    }
    drop(sinks);
    if stdout_failed.is_none()
        && let Err(e) = out.flush()
    {
        stdout_failed = Some(e);
    }
    let closed = stdout_failed.as_ref().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe);
    complete &= file_failed.is_none() && (stdout_failed.is_none() || closed);
    if let Some(e) = file_failed {
        // The files keep their old content: nothing is committed.
        return usage(err, &e.message(lang));
    }
    if complete {
        // Every output file was written whole: put them in place.
        for file in files.iter().flatten() {
            if let Err(e) = file.commit() {
                return usage(err, &e.message(lang));
            }
        }
    }
    let status = if summary.errors > 0 || (args.deny_warnings && summary.warnings > 0) {
        ExitStatus::Findings
    } else {
        ExitStatus::Clean
    };
    if let Some(e) = &stdout_failed {
        // A closed pipe ends the run quietly (after the files, if any, are written); anything
        // else is an incomplete output.
        let status = super::stdout_failed(e, lang, err, status);
        if status == ExitStatus::Error || !complete {
            return status;
        }
    }
    if let Some(b) = &builder {
        if let Err(e) = b.write(lang) {
            return fail(err, term, &e);
        }
        let path = args.write_baseline.as_deref().map(Path::display);
        let path = path.map(|p| p.to_string()).unwrap_or_default();
        let _ = writeln!(
            err,
            "planlint: {}",
            if lang.is_en() {
                format!(
                    "wrote {} accepted findings to {path}; later runs with --baseline {path} report only new ones",
                    b.len()
                )
            } else {
                format!(
                    "đã ghi {} phát hiện được chấp nhận vào {path}; chạy với --baseline {path} thì chỉ báo phát hiện mới",
                    b.len()
                )
            }
        );
        return ExitStatus::Clean;
    }
    if baseline.is_some() && (matched > 0 || unmatched > 0) {
        let _ = writeln!(
            err,
            "planlint: {}",
            if lang.is_en() {
                format!(
                    "the baseline hid {matched} known findings; {unmatched} of its entries are fixed (rewrite it with --write-baseline)"
                )
            } else {
                format!(
                    "baseline đã ẩn {matched} phát hiện đã biết; {unmatched} mục trong đó đã được sửa (ghi lại bằng --write-baseline)"
                )
            }
        );
    }
    status
}

/// Apply `work` to every item on the pool's threads and hand the results to `emit` in the order
/// of the items. Items are taken in order by whichever thread is free, so the few results that
/// finish early wait in a small buffer; a bounded channel keeps workers from running far ahead of
/// the writer. Memory is flat in the number of items. Without a pool (one input), on this thread.
/// `emit` returns whether to go on: when it says no, the items not yet started are skipped.
/// Returns whether every item was emitted.
fn for_each_in_order<T, R: Send>(
    pool: Option<&rayon::ThreadPool>,
    items: &[T],
    work: impl Fn(usize, &T) -> R + Sync,
    mut emit: impl FnMut(R) -> bool,
) -> bool
where
    T: Sync,
{
    let Some(pool) = pool else {
        for (i, item) in items.iter().enumerate() {
            if !emit(work(i, item)) {
                return false;
            }
        }
        return true;
    };
    let threads = pool.current_num_threads().max(1);
    let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, R)>(threads * 4);
    let stop = std::sync::atomic::AtomicBool::new(false);
    let mut next = 0;
    std::thread::scope(|scope| {
        let work = &work;
        let stop = &stop;
        scope.spawn(move || {
            pool.install(|| {
                items.iter().enumerate().par_bridge().for_each_with(tx, |tx, (i, item)| {
                    if stop.load(std::sync::atomic::Ordering::Relaxed) {
                        return;
                    }
                    // The receiver only goes away when the writer stops early; nothing to do then.
                    let _ = tx.send((i, work(i, item)));
                });
            });
        });
        let mut pending: BTreeMap<usize, R> = BTreeMap::new();
        'receive: for (i, result) in rx {
            pending.insert(i, result);
            while let Some(r) = pending.remove(&next) {
                next += 1;
                if !emit(r) {
                    stop.store(true, std::sync::atomic::Ordering::Relaxed);
                    break 'receive;
                }
            }
        }
    });
    next == items.len()
}

/// The plans children may cite as parents: the config's `parents:` (read whole now) and, when
/// the run has more than one plan, the run's own plans (known by their header; their targets are
/// read when a child cites them). A config parent that cannot be used is reported on standard
/// error; a plan of the run that cannot be read is reported by its own check.
fn parent_index(
    items: &[Item],
    extra: &[PathBuf],
    vocab: &IndicatorVocab,
    lang: Lang,
    err: &mut dyn Write,
    pool: Option<&rayon::ThreadPool>,
) -> ParentIndex {
    let read = |path: &Path| -> Option<ParentPlan> {
        // Bounded like any plan (a parent is a plan).
        let bytes = read_input(path).ok()?;
        let name = display_name(path);
        let src = SourceFile::from_bytes(name.clone(), &bytes).ok()?;
        let plan = crate::extract::extract(&src, vocab).ok()?;
        ParentPlan::from_plan(&name, &plan, vocab)
    };
    let mut plans = Vec::new();
    for path in extra {
        match read(path) {
            Some(p) => plans.push(p),
            None => {
                let _ = writeln!(
                    err,
                    "planlint: {}",
                    if lang.is_en() {
                        format!(
                            "the parent plan `{}` cannot be used: it cannot be read, or has no number, complete date or issuer",
                            path.display()
                        )
                    } else {
                        format!(
                            "không dùng được kế hoạch cấp trên `{}`: không đọc được, hoặc thiếu số, ngày ban hành đầy đủ hay cơ quan ban hành",
                            path.display()
                        )
                    }
                );
            }
        }
    }
    let mut index = ParentIndex::new(plans);
    if items.len() > 1
        && let Some(pool) = pool
    {
        let keys: Vec<ParentKey> = pool.install(|| items.par_iter().filter_map(header_key).collect());
        index.extend_keys(keys);
    }
    index
}
