//! `planlint check [PATH…]`: run the rules over plan files and directories.
//!
//! The run has three stages. The inputs are collected (directories walked) and put in a stable
//! order. When the run has several plans, each plan's header is read, so that a plan citing
//! another plan of the run can be compared with its targets. Then the plans are checked in
//! parallel, and their results are written in the order of the inputs, whatever the thread
//! that finished first: a reorder buffer holds the few results that arrive early.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::extract::read_input;
use super::{CheckArgs, ExitStatus, Terminal};
use crate::dsl::{CheckOptions, RuleSet};
use crate::finding::{Finding, Severity};
use crate::lang::Lang;
use crate::parents::{ParentIndex, ParentKey, ParentPlan};
use crate::registry::{IndicatorVocab, ParentTarget};
use crate::report::{FindingDiagnostic, InputDiagnostic, render, summary_line};
use crate::source::{NamedText, SourceError, SourceFile, Unreadable};

/// Plan file extensions read from directories.
const PLAN_EXTENSIONS: &[&str] = &["txt", "md"];

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
                    if entry.file_type().is_file() && ext.is_some_and(|e| PLAN_EXTENSIONS.contains(&e.as_str())) {
                        out.push(Item { name: display_name(entry.path()), input: Input::File(entry.into_path()) });
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

#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    errors: usize,
    warnings: usize,
    infos: usize,
}

impl Counts {
    fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
    }
}

/// What checking one input gave, ready to write.
struct Checked {
    counts: Counts,
    /// The rendered diagnostics for standard output.
    out: String,
    /// Notes for standard error (rules that stopped).
    err: String,
}

/// The state shared by the threads of a run.
struct Run<'a> {
    set: &'a RuleSet,
    opts: CheckOptions<'a>,
    parents: &'a ParentIndex,
    term: Terminal,
    quiet: bool,
}

impl Run<'_> {
    fn check(&self, item: &Item) -> Checked {
        let lang = self.opts.lang;
        let name = item.name.as_str();
        let input_error = |d: InputDiagnostic| {
            let mut counts = Counts::default();
            counts.add(Severity::Error);
            Checked { counts, out: render(&d, self.term.out_color, self.term.width), err: String::new() }
        };
        let bytes = match item.bytes() {
            Ok(b) => b,
            Err(e) => return input_error(InputDiagnostic::from_source_error(name, &e, None, lang)),
        };
        let src = match SourceFile::from_bytes(name, &bytes) {
            Ok(s) => s,
            Err(e) => return input_error(InputDiagnostic::from_source_error(name, &e, Some(&bytes), lang)),
        };
        drop(bytes);
        let vocab = &self.opts.registry.indicators;
        let plan = match crate::extract::extract(&src, vocab) {
            Ok(p) => p,
            Err(e) => return input_error(InputDiagnostic::from_extract_error(name, &e, src.original(), lang)),
        };
        let inherited = self.parents.targets_for(&plan, &|key| parent_targets(key, vocab));
        let opts = CheckOptions { parents: &inherited, ..self.opts };
        let outcome = self.set.check(&plan, Some(&src), &opts);
        let named = NamedText::new(name, Arc::clone(src.original()));
        let mut findings: Vec<Finding> = outcome.findings;
        findings.sort_by(|a, b| (a.span.start, &a.code).cmp(&(b.span.start, &b.code)));
        let mut counts = Counts::default();
        let mut out = String::new();
        for f in &findings {
            counts.add(f.severity);
            if self.quiet && f.severity != Severity::Error {
                continue;
            }
            out.push_str(&render(&FindingDiagnostic::new(&named, f), self.term.out_color, self.term.width));
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
        Checked { counts, out, err }
    }
}

/// The targets of a parent known by its header: the whole plan is read now, once.
fn parent_targets(key: &ParentKey, vocab: &IndicatorVocab) -> Vec<ParentTarget> {
    let Ok(bytes) = read_input(Path::new(&key.path)) else { return Vec::new() };
    let Ok(src) = SourceFile::from_bytes(key.path.clone(), &bytes) else { return Vec::new() };
    let Ok(plan) = crate::extract::extract(&src, vocab) else { return Vec::new() };
    crate::parents::parent_targets_of(&key.symbol, &plan, vocab)
}

/// The identity of an input as a parent, from its first lines only.
fn header_key(item: &Item) -> Option<ParentKey> {
    if matches!(item.input, Input::Stdin(_)) {
        // Standard input cannot be read again when a child cites it.
        return None;
    }
    let bytes = item.bytes().ok()?;
    let cut = memchr_nth(&bytes, b'\n', 120).unwrap_or(bytes.len());
    let src = bytes
        .get(..cut)
        .and_then(|head| SourceFile::from_bytes(item.name.clone(), head).ok())
        .or_else(|| SourceFile::from_bytes(item.name.clone(), &bytes).ok())?;
    ParentKey::from_header(&item.name, &crate::extract::extract_header(&src))
}

/// Offset of the `n`-th (0-based) occurrence of a byte.
fn memchr_nth(bytes: &[u8], needle: u8, n: usize) -> Option<usize> {
    bytes.iter().enumerate().filter(|&(_, &b)| b == needle).nth(n).map(|(i, _)| i)
}

pub(super) fn run(
    args: &CheckArgs,
    lang: Lang,
    term: Terminal,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitStatus {
    let loaded = match &args.config {
        Some(path) => crate::config::load(path, lang),
        None => std::env::current_dir()
            .ok()
            .and_then(|d| crate::config::find(&d))
            .map_or_else(|| Ok(crate::config::Loaded::default()), |p| crate::config::load(&p, lang)),
    };
    let config = match loaded {
        Ok(c) => c.config,
        Err(e) => {
            let _ = err.write_all(render(&e, term.color, term.width).as_bytes());
            return ExitStatus::Error;
        }
    };
    let rule_dirs: Vec<PathBuf> = args.rules.iter().chain(&config.rules).cloned().collect();
    let set = match super::rules::load(&rule_dirs, lang, term, err) {
        Ok(s) => s,
        Err(e) => return e,
    };
    let registry_files: Vec<PathBuf> = args.registry.iter().chain(&config.registries).cloned().collect();
    let registry = match super::load_registry(&registry_files, lang, term, err) {
        Ok(r) => r,
        Err(e) => return e,
    };
    let stage = match (args.stage, config.stage) {
        (Some(s), _) => s.into(),
        (None, Some(crate::config::ConfigStage::Final)) => crate::dsl::Stage::Final,
        (None, _) => crate::dsl::Stage::Draft,
    };
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(args.jobs.unwrap_or(0)).build() {
        Ok(p) => p,
        Err(e) => {
            let _ = writeln!(err, "planlint: {e}");
            return ExitStatus::Error;
        }
    };
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    let items = collect(&paths, &args.stdin_filename);
    let parents = parent_index(&items, &config.parents, &registry.indicators, lang, err, &pool);
    let run = Run {
        set: &set,
        opts: CheckOptions { stage, lang, registry: &registry, parents: &[] },
        parents: &parents,
        term,
        quiet: args.quiet,
    };
    let mut counts = Counts::default();
    for_each_in_order(
        &pool,
        &items,
        |item| run.check(item),
        |checked| {
            counts.errors += checked.counts.errors;
            counts.warnings += checked.counts.warnings;
            counts.infos += checked.counts.infos;
            let _ = out.write_all(checked.out.as_bytes());
            let _ = err.write_all(checked.err.as_bytes());
        },
    );
    let _ = writeln!(out, "{}", summary_line(counts.errors, counts.warnings, counts.infos, items.len(), lang));
    let _ = out.flush();
    if counts.errors > 0 || (args.deny_warnings && counts.warnings > 0) {
        ExitStatus::Findings
    } else {
        ExitStatus::Clean
    }
}

/// Apply `work` to every item on the pool's threads and hand the results to `emit` in the order
/// of the items. Items are taken in order by whichever thread is free, so the few results that
/// finish early wait in a small buffer; a bounded channel keeps workers from running far ahead of
/// the writer. Memory is flat in the number of items.
fn for_each_in_order<T, R: Send>(
    pool: &rayon::ThreadPool,
    items: &[T],
    work: impl Fn(&T) -> R + Sync,
    mut emit: impl FnMut(R),
) where
    T: Sync,
{
    let threads = pool.current_num_threads().max(1);
    let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, R)>(threads * 4);
    std::thread::scope(|scope| {
        let work = &work;
        scope.spawn(move || {
            pool.install(|| {
                items.iter().enumerate().par_bridge().for_each_with(tx, |tx, (i, item)| {
                    // The receiver only goes away when the writer stops early; nothing to do then.
                    let _ = tx.send((i, work(item)));
                });
            });
        });
        let mut pending: BTreeMap<usize, R> = BTreeMap::new();
        let mut next = 0;
        for (i, result) in rx {
            pending.insert(i, result);
            while let Some(r) = pending.remove(&next) {
                emit(r);
                next += 1;
            }
        }
    });
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
    pool: &rayon::ThreadPool,
) -> ParentIndex {
    let read = |path: &Path| -> Option<ParentPlan> {
        let bytes = std::fs::read(path).ok()?;
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
    if items.len() > 1 {
        let keys: Vec<ParentKey> = pool.install(|| items.par_iter().filter_map(header_key).collect());
        index.extend_keys(keys);
    }
    index
}
