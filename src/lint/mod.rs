//! A run of the rules over plan files: the library's entry point. Everything that checks plans —
//! `planlint check`, `planlint extract`, the Word annotator, the HTML report, an editor's
//! language server — calls this module; none of them walks folders, pairs parents with children,
//! applies suppressions or the baseline on its own.
//!
//! A run has three stages. The inputs are collected ([`Inputs::collect`]: folders walked, a
//! stable order). The plans children may cite as parents are indexed ([`Context`]: the config's
//! `parents:`, and the run's own plans by their header). Then each plan is read, extracted,
//! checked, its suppression directives and the baseline applied ([`FileResult`]); in parallel,
//! the results handed out in the order of the inputs as soon as each is ready.
//!
//! The settings ([`Settings`]) are built by the caller: the command line from its config and
//! arguments, an editor from its workspace. Nothing here reads arguments or writes output.
//!
//! # Checking files and folders
//!
//! ```no_run
//! use planlint::lang::Lang;
//! use planlint::lint::{Settings, lint_paths};
//!
//! let settings = Settings::builtin(Lang::En)?;
//! for result in lint_paths(&["plans/".into()], &settings) {
//!     for f in &result.findings {
//!         let at = result.source.as_ref().map(|s| s.line_col(f.span.start));
//!         println!("{}:{:?}: {} {}", result.name, at, f.code, f.message);
//!     }
//!     if let Some(e) = &result.input_error {
//!         println!("{}: {} {}", result.name, e.code(), e.message());
//!     }
//! }
//! # Ok::<(), planlint::lint::LintError>(())
//! ```
//!
//! # One file: an annotator, an HTML report
//!
//! A Word annotator puts each finding back into the document: the result carries the decoded
//! source, whose [`crate::source::WordSource::locations`] lead each line of the text back to its
//! paragraph or table cell, and the plan model for context.
//!
//! ```no_run
//! use planlint::lang::Lang;
//! use planlint::lint::{Context, Settings, lint_file};
//!
//! let settings = Settings::builtin(Lang::Vi)?;
//! let cx = Context::new(&settings);
//! let result = lint_file("ke-hoach.docx".as_ref(), &settings, &cx);
//! if let (Some(src), Some(word)) = (&result.source, result.source.as_ref().and_then(|s| s.word())) {
//!     for f in &result.findings {
//!         let line = src.line_col(f.span.start).line;
//!         let place = word.locations.get(line.saturating_sub(1));
//!         println!("{} at {place:?}", f.code);
//!     }
//! }
//! # Ok::<(), planlint::lint::LintError>(())
//! ```
//!
//! # An editor buffer: a language server
//!
//! A language server keeps one [`Settings`] and one [`Context`] per workspace (two workspaces
//! with two configs live side by side: nothing here is global) and checks the unsaved text:
//!
//! ```no_run
//! use planlint::lang::Lang;
//! use planlint::lint::{Context, Settings, lint_source};
//! use planlint::source::SourceFile;
//!
//! let settings = Settings::builtin(Lang::Vi)?;
//! let cx = Context::new(&settings);
//! let text = "ỦY BAN NHÂN DÂN …";
//! if let Ok(src) = SourceFile::from_text("ke-hoach.md", text) {
//!     let result = lint_source(src, &settings, &cx);
//!     let _diagnostics = result.findings.len();
//! }
//! # Ok::<(), planlint::lint::LintError>(())
//! ```

mod file;
mod order;
pub mod parents;
mod prepass;
mod read;
mod settings;
mod walk;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

pub use file::ENGINE_CODES;
pub use order::Ordered;
pub use read::{read_bytes, read_source};
pub use settings::{Registries, Settings};
pub use walk::walker;

use crate::config::Config;
use crate::extract::ExtractOptions;
use crate::finding::Finding;
use crate::lang::Lang;
use crate::model::Plan;
use crate::report::InputDiagnostic;
use crate::source::SourceFile;
use crate::suppress::{Suppressed, Suppressions};
use file::{Prepared, RuleLevels};
use parents::ParentIndex;
use walk::{Item, Origin};

/// Why a run cannot start.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum LintError {
    /// The rule files do not load (each problem is in [`crate::dsl::RuleFileErrors`]).
    #[error("{0}")]
    Rules(#[from] crate::dsl::RuleFileErrors),
    /// A registry does not load.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Registry(#[from] crate::registry::RegistryError),
    /// The worker threads cannot be started.
    #[error("cannot start the worker threads: {0}")]
    Threads(String),
}

/// What checking one input gave: what an output, an annotator or an editor needs.
#[derive(Debug)]
pub struct FileResult {
    /// The name the input is reported under (its path as given, `/`-separated; standard
    /// input's name for standard input).
    pub name: String,
    /// The decoded file (original text, normalized text, lines; for a Word file the place of
    /// each line in the document). `None` when it could not be read or decoded; present when it
    /// was decoded but is not a plan.
    pub source: Option<SourceFile>,
    /// The plan model the rules judged. `None` when the input is not a plan (see `input_error`).
    pub plan: Option<Plan>,
    /// The findings, in document order, after the file's suppression directives (which add
    /// their own E006/E007 findings) and the baseline, with the config's severities.
    pub findings: Vec<Finding>,
    /// Why the input could not be checked (unreadable, undecodable, not a plan), at the
    /// config's severity; `None` when it was checked, or when the config ignores that code.
    pub input_error: Option<Box<InputDiagnostic>>,
    /// The file's suppression directives (empty when it has none).
    pub suppressions: Suppressions,
    /// The findings silenced by a directive that gives a reason, with it (the drafter's
    /// response, for a review letter), in document order.
    pub suppressed: Vec<Suppressed>,
    /// What the baseline did to the file's findings.
    pub baseline: BaselineState,
    /// With [`Settings::keep_accepted`]: the findings before the baseline was applied.
    pub accepted: Option<Vec<Finding>>,
    /// Rules that ran out of evaluation steps on this file (their findings are incomplete).
    pub stopped: Vec<String>,
}

impl FileResult {
    fn failed(name: &str, input_error: Option<Box<InputDiagnostic>>) -> Self {
        Self {
            name: name.to_owned(),
            source: None,
            plan: None,
            findings: Vec::new(),
            input_error,
            suppressions: Suppressions::default(),
            suppressed: Vec::new(),
            baseline: BaselineState::default(),
            accepted: None,
            stopped: Vec::new(),
        }
    }
}

/// What the baseline did to one file's findings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BaselineState {
    /// Baseline entries that matched a finding (the finding is hidden).
    pub matched: usize,
    /// Baseline entries of the file that matched none (fixed since the baseline was written).
    pub unmatched: usize,
}

/// What a run knows beyond its settings: the plans its plans may cite as parents, how each
/// rule code is known (for suppressions that name a code), and how its plans are extracted.
/// Built once per run; shared by its threads.
#[derive(Debug)]
pub struct Context {
    parents: ParentIndex,
    levels: RuleLevels,
    unusable_parents: Vec<PathBuf>,
    extract: ExtractOptions,
}

impl Context {
    /// The context of a run whose only parents are the config's `parents:` (one file, an editor),
    /// with the default extraction options (an editor checks many texts: the regexes it compiles
    /// once serve them all).
    pub fn new(settings: &Settings) -> Self {
        Self::of(&[], settings, None, ExtractOptions::default())
    }

    fn of(items: &[Item], settings: &Settings, pool: Option<&rayon::ThreadPool>, extract: ExtractOptions) -> Self {
        let (parents, unusable_parents) =
            prepass::index(items, &settings.config.parents, &settings.registry.indicators, pool, extract);
        let levels = settings.rules.levels().map(|(code, draft, final_)| (code.to_owned(), (draft, final_))).collect();
        Self { parents, levels, unusable_parents, extract }
    }

    /// The same context, its plans extracted with `extract`.
    #[must_use]
    pub fn with_extract_options(mut self, extract: ExtractOptions) -> Self {
        self.extract = extract;
        self
    }

    /// How the run's plans are extracted.
    pub fn extract_options(&self) -> ExtractOptions {
        self.extract
    }

    /// The config's parent plans that cannot be used: they cannot be read, or have no number,
    /// complete date or issuer.
    pub fn unusable_parents(&self) -> &[PathBuf] {
        &self.unusable_parents
    }
}

/// Check one file (a path; `-` reads standard input, reported under [`Settings::stdin_name`]).
pub fn lint_file(path: &Path, settings: &Settings, cx: &Context) -> FileResult {
    let item = if path.as_os_str() == "-" {
        Item { name: settings.stdin_name.clone(), origin: Origin::Stdin(read_bytes(path)) }
    } else {
        Item::file(path)
    };
    lint_item(&item, None, settings, cx)
}

/// Check a decoded source (an editor's unsaved buffer), reported under its name.
pub fn lint_source(src: SourceFile, settings: &Settings, cx: &Context) -> FileResult {
    let name = src.name().to_owned();
    let prepared = file::extracted(src, &settings.registry.indicators, settings.lang, cx.extract);
    file::check(&name, &name, prepared, settings, cx)
}

fn lint_item(item: &Item, prepared: Option<Prepared>, settings: &Settings, cx: &Context) -> FileResult {
    let prepared =
        prepared.unwrap_or_else(|| file::prepare(item, &settings.registry.indicators, settings.lang, cx.extract));
    let matched = if item.is_stdin() { settings.stdin_name.as_str() } else { item.name.as_str() };
    file::check(&item.name, matched, prepared, settings, cx)
}

/// Check files and folders: every plan under `paths` (see [`Inputs::collect`]), in the order of
/// their names, checked in parallel ([`Settings::jobs`]), each result handed out as soon as it
/// and those before it are ready.
pub fn lint_paths(paths: &[PathBuf], settings: &Settings) -> Ordered<FileResult> {
    let mut inputs = Inputs::collect_with(paths, &settings.stdin_name, &settings.config);
    inputs.prefetch_first(settings.lang);
    let run = match Run::new(inputs, settings.clone()) {
        Ok(run) => run,
        // Without worker threads, one thread does the work.
        Err((inputs, _)) => Run { inputs, settings: settings.clone(), pool: None, context: None },
    };
    run.results(|r| r)
}

/// The inputs of a run, collected and in order.
#[derive(Debug)]
pub struct Inputs {
    items: Vec<Item>,
    first: Prefetch,
    /// How the run extracts its plans.
    extract: ExtractOptions,
}

impl Inputs {
    /// The inputs named: files as given (whatever their extension), folders walked for plan
    /// files (`.txt`, `.md`, `.docx`, `.pdf`; what `.gitignore` and `.ignore` files list, hidden
    /// and build folders skipped; symbolic links followed, loops reported; documents planlint
    /// does not read, such as `.doc` or `.odt`, reported as E001), `-` for standard input (read
    /// now, reported under `stdin_name`). Sorted by name, each once.
    ///
    /// A run of one input makes the extraction's case-insensitive regexes search lowered text
    /// ([`ExtractOptions::for_run_of`]: their compilation is most of a one-plan run), an option
    /// of this run only.
    pub fn collect(paths: &[PathBuf], stdin_name: &str) -> Self {
        Self::of(walk::collect(paths, stdin_name, None))
    }

    /// [`Inputs::collect`], folder walks also leaving out what the config's `exclude:` lists
    /// ([`Config::is_excluded`]; files named in `paths` are checked all the same).
    pub fn collect_with(paths: &[PathBuf], stdin_name: &str, config: &Config) -> Self {
        Self::of(walk::collect(paths, stdin_name, Some(config)))
    }

    fn of(items: Vec<Item>) -> Self {
        let extract = ExtractOptions::for_run_of(items.len());
        Self { items, first: Prefetch { handle: Mutex::new(None), extract }, extract }
    }

    /// How many inputs there are.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Start reading and extracting the first input on a thread of its own, while the caller
    /// loads the rules and registries: a one-file run (an editor checking a draft) waits for the
    /// slower of the two, not for both (compiling the extraction's regular expressions and the
    /// rule files are each a large part of a short run).
    pub fn prefetch_first(&mut self, lang: Lang) {
        let extract = self.extract;
        let first = self.items.first().and_then(|item| match &item.origin {
            Origin::File(path) => Some(Item { name: item.name.clone(), origin: Origin::File(path.clone()) }),
            _ => None,
        });
        let handle = first.and_then(|item| {
            std::thread::Builder::new()
                .name("planlint-first".into())
                // Without the vocabulary the run stops at loading the registries anyway.
                .spawn(move || {
                    crate::registry::builtin_indicators().ok().map(|vocab| file::prepare(&item, vocab, lang, extract))
                })
                .ok()
        });
        self.first.handle = Mutex::new(handle);
    }
}

/// The first input, being prepared on a thread of its own (see [`Inputs::prefetch_first`]).
struct Prefetch {
    handle: Mutex<Option<std::thread::JoinHandle<Option<Prepared>>>>,
    /// The run's extraction options (the regexes to compile ahead).
    extract: ExtractOptions,
}

impl std::fmt::Debug for Prefetch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Prefetch")
    }
}

impl Prefetch {
    /// While the first input is still being prepared, help it: compile the extraction's regexes
    /// it has not reached yet (from the last needed), and stop when it is done.
    fn help(&self) {
        let guard = self.handle.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(handle) = guard.as_ref() {
            crate::extract::warm_up(self.extract, &|| handle.is_finished());
        }
    }

    /// The first input's preparation, once; `None` for any other input.
    fn take(&self, index: usize) -> Option<Prepared> {
        if index != 0 {
            return None;
        }
        let handle = self.handle.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take()?;
        handle.join().ok().flatten()
    }
}

/// A run being set up: its inputs, settings and worker threads. [`lint_paths`] in steps, for a
/// caller that has work to do between them (the command line opens its outputs after the
/// threads start and before the parents are read, and reports unusable parents).
#[derive(Debug)]
pub struct Run {
    inputs: Inputs,
    settings: Settings,
    pool: Option<Arc<rayon::ThreadPool>>,
    context: Option<Context>,
}

impl Run {
    /// Start the worker threads ([`Settings::jobs`]). One input needs no pool: it is checked on
    /// the caller's thread (starting threads and handing them work costs one to four
    /// milliseconds on a small virtual machine, a tenth of a one-file run). On failure, the
    /// inputs come back with the error.
    pub fn new(inputs: Inputs, settings: Settings) -> Result<Self, (Inputs, LintError)> {
        let pool = if inputs.len() > 1 {
            match rayon::ThreadPoolBuilder::new().num_threads(settings.jobs.unwrap_or(0)).build() {
                Ok(p) => Some(Arc::new(p)),
                Err(e) => return Err((inputs, LintError::Threads(e.to_string()))),
            }
        } else {
            None
        };
        Ok(Self { inputs, settings, pool, context: None })
    }

    /// How many inputs the run has.
    pub fn len(&self) -> usize {
        self.inputs.len()
    }

    /// Whether it has none.
    pub fn is_empty(&self) -> bool {
        self.inputs.is_empty()
    }

    /// Index the plans children may cite as parents (the parent pre-pass); returns the config's
    /// parents that cannot be used. Done by [`Run::results`] if not before.
    pub fn index_parents(&mut self) -> &[PathBuf] {
        let cx = self.context.get_or_insert_with(|| {
            Context::of(&self.inputs.items, &self.settings, self.pool.as_deref(), self.inputs.extract)
        });
        cx.unusable_parents()
    }

    /// Check every input, handing each result to `map` on the thread that made it (rendering
    /// an output there keeps it parallel), and the mapped results out in input order.
    pub fn results<R: Send + 'static>(mut self, map: impl Fn(FileResult) -> R + Send + Sync + 'static) -> Ordered<R> {
        self.index_parents();
        let Self { inputs, settings, pool, context } = self;
        let Some(cx) = context else { return Ordered::new(None, 0, Arc::new(|_| None)) };
        inputs.first.help();
        let len = inputs.len();
        let work = move |i: usize| {
            let item = inputs.items.get(i)?;
            Some(map(lint_item(item, inputs.first.take(i), &settings, &cx)))
        };
        Ordered::new(pool, len, Arc::new(work))
    }
}
