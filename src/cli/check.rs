//! `planlint check [PATH…]`: the arguments and config become the run's [`Settings`]; the run
//! itself (walking, parent plans, checking in parallel, suppressions, the baseline) is
//! [`crate::lint`]; here its results are written to the outputs in the order of the inputs, and
//! the exit code is chosen.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::{CheckArgs, ExitStatus, StageArg, Terminal};
use crate::baseline::Baseline;
use crate::config::{CliSelection, Config};
use crate::dsl::Stage;
use crate::finding::Finding;
use crate::lang::Lang;
use crate::lint::{ENGINE_CODES, FileResult, Inputs, LintError, Run, Settings};
use crate::output::{FileReport, Format, HumanStyle, RuleMeta, Sink, SinkOptions, Summary};
use crate::report::render;
use crate::write::{AtomicFile, WriteError};

/// What checking one input gave, ready to write: made on the worker thread that checked it.
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

impl Checked {
    /// A file's result as its outputs show it. `human` asks for the human rendering of each
    /// record, `fingerprints` for their fingerprints (SARIF), `reviewer` for what the reports for
    /// reviewers add (HTML, letters: [`FileReport::with_plan`]).
    fn new(mut result: FileResult, lang: Lang, human: Option<HumanStyle>, fingerprints: bool, reviewer: bool) -> Self {
        let name = result.name.as_str();
        let report = match (&result.input_error, &result.plan, &result.source) {
            (Some(d), _, _) => FileReport::from_input_error(name, d, human),
            (None, Some(plan), Some(src)) => {
                let findings = std::mem::take(&mut result.findings);
                let report = FileReport::from_findings(name, src, findings, human, fingerprints);
                if reviewer {
                    report.with_plan(plan, src, lang).with_responses(&result.suppressed, plan, src, lang)
                } else {
                    report
                }
            }
            // An input error the config ignores.
            _ => FileReport::empty(name),
        };
        let accepted = result.accepted.zip(result.source.as_ref().map(|s| Arc::clone(s.original())));
        let mut err = String::new();
        for code in &result.stopped {
            err.push_str(&lang.pick(
                format!(
                    "planlint: quy tắc {code} dừng trên {name} vì chạy quá nhiều bước; kết quả của nó ở tệp này chưa đủ\n"
                ),
                format!(
                    "planlint: rule {code} stopped on {name}: it took too many steps; its findings there are incomplete\n"
                ),
            ));
        }
        Self { report, accepted, matched: result.baseline.matched, unmatched: result.baseline.unmatched, err }
    }
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
            lang.pick(
                format!("không có định dạng đầu ra `{name}`: dùng human, json, sarif, github, junit, html hoặc letter"),
                format!("unknown output format `{name}`: use human, json, sarif, github, junit, html or letter"),
            )
        })?;
        out.push(Target { format, file });
    }
    if out.iter().any(|t| t.format == Format::Letter) && args.output_dir.is_none() {
        return Err(lang.pick(
            "--format letter ghi mỗi kế hoạch một thư góp ý: hãy nêu thư mục bằng --output-dir THƯ-MỤC".into(),
            "--format letter writes one letter per plan: give the folder with --output-dir DIR".into(),
        ));
    }
    if out.is_empty() {
        out.push(Target { format: Format::Human, file: None });
    }
    let to_stdout = out.iter().filter(|t| t.file.is_none()).count();
    if to_stdout > 1 {
        return Err(lang
            .pick(
                "chỉ một định dạng được ghi ra màn hình (hoặc --output); các định dạng khác cần tệp: --format json=ket-qua.json",
                "only one format can go to standard output (or --output); give the others a file: --format json=out.json",
            )
            .into());
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

/// The options `check` and `annotate` share: what chooses the config, the rules, the
/// registries and the selection of a run.
pub(super) struct RunOptions<'a> {
    pub(super) stage: Option<StageArg>,
    pub(super) config: Option<&'a Path>,
    pub(super) rules: &'a [PathBuf],
    pub(super) select: Option<&'a [String]>,
    pub(super) ignore: &'a [String],
    pub(super) registry: &'a [PathBuf],
    pub(super) baseline: Option<&'a Path>,
    pub(super) keep_accepted: bool,
    pub(super) stdin_name: &'a str,
    pub(super) jobs: Option<usize>,
}

impl<'a> RunOptions<'a> {
    /// The options of `check`.
    pub(super) fn of_check(args: &'a CheckArgs) -> Self {
        Self {
            baseline: args.baseline.as_deref(),
            keep_accepted: args.write_baseline.is_some(),
            stdin_name: &args.stdin_filename,
            jobs: args.jobs,
            ..args.sources.run_options(&args.choice)
        }
    }
}

/// The run's [`Settings`] from the options and the config (`--config`, else the nearest
/// `planlint.yaml`): the one place the command line builds them, for `check` and `annotate`.
/// `before_rules` runs once the language is known and before the rules load (`check` checks
/// its outputs and starts reading its first input there). Problems are written to `err`; the
/// error is the exit status to end with.
pub(super) fn settings(
    opts: &RunOptions<'_>,
    cli_lang: Option<Lang>,
    term: Terminal,
    err: &mut dyn Write,
    before_rules: impl FnOnce(Lang, &Config, &mut dyn Write) -> Result<(), ExitStatus>,
) -> Result<Settings, ExitStatus> {
    let config = crate::config::discover(opts.config, cli_lang).map_err(|e| fail(err, term, &e))?.config;
    let lang = config.resolve_lang(cli_lang);
    let mut selection = CliSelection::new(opts.select, opts.ignore, opts.stage.map(Into::into), lang)
        .map_err(|e| fail(err, term, &e))?;
    before_rules(lang, &config, err)?;
    let rule_dirs: Vec<PathBuf> = opts.rules.iter().chain(&config.rules).cloned().collect();
    let set = super::rules::load(&rule_dirs, false, lang, term, err)?;
    selection.resolve_categories(&set.categories());
    let mut codes = set.codes();
    codes.extend(ENGINE_CODES);
    if let Err(e) = config.validate_codes(&codes).and_then(|()| selection.validate_codes(&codes, lang)) {
        return Err(fail(err, term, &e));
    }
    let registry_files: Vec<PathBuf> = opts.registry.iter().chain(&config.registries).cloned().collect();
    let registry = super::load_registry(&registry_files, lang, term, err)?;
    let baseline = match opts.baseline {
        Some(path) => Some(Arc::new(Baseline::load(path, lang).map_err(|e| fail(err, term, &e))?)),
        None => None,
    };
    Ok(Settings {
        lang,
        rules: Arc::new(set),
        registry: registry.into(),
        config: Arc::new(config),
        selection,
        baseline,
        keep_accepted: opts.keep_accepted,
        stdin_name: opts.stdin_name.to_owned(),
        jobs: opts.jobs,
    })
}

pub(super) fn run(
    args: &CheckArgs,
    cli_lang: Option<Lang>,
    term: Terminal,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitStatus {
    // Set before the rules load: the outputs and the inputs, their first read started.
    let mut prepared: Option<(Vec<Target>, Inputs)> = None;
    let settings = settings(&RunOptions::of_check(args), cli_lang, term, err, |lang, config, err| {
        let targets = targets(args, lang).map_err(|m| usage(err, &m))?;
        if args.paths.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
            return Err(usage(
                err,
                lang.pick(
                    "`-` (đầu vào chuẩn) được nêu hơn một lần: đầu vào chuẩn chỉ đọc được một lần",
                    "`-` (standard input) is named more than once: standard input can be read only once",
                ),
            ));
        }
        let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
        let mut inputs = Inputs::collect_with(&paths, &args.stdin_filename, config);
        inputs.prefetch_first(lang);
        prepared = Some((targets, inputs));
        Ok(())
    });
    let (settings, (targets, inputs)) = match (settings, prepared) {
        (Ok(s), Some(p)) => (s, p),
        (Err(status), _) => return status,
        (Ok(_), None) => return ExitStatus::Error,
    };
    let lang = settings.lang;
    let infos = settings.rules.rules();
    let stage: Stage = args.sources.stage.map(Into::into).or(settings.config.stage).unwrap_or_default();
    let has_baseline = settings.baseline.is_some();
    let mut run = match Run::new(inputs, settings) {
        Ok(run) => run,
        Err((_, e)) => {
            let why = match e {
                LintError::Threads(why) => why,
                other => other.to_string(),
            };
            return usage(
                err,
                &lang.pick(
                    format!("không khởi tạo được các luồng xử lý song song (chi tiết kỹ thuật: {why})"),
                    format!("cannot start the worker threads: {why}"),
                ),
            );
        }
    };

    // The outputs, opened before any work so that a bad `--output` costs nothing.
    let sink_opts = SinkOptions {
        lang,
        quiet: args.quiet,
        color: term.out_color,
        file_summaries: run.len() > 1,
        // Only SARIF describes the rules (`tool.driver.rules`); the others need no catalogue.
        rules: if targets.iter().any(|t| t.format == Format::Sarif) {
            RuleMeta::catalogue(&infos, stage, lang)
        } else {
            Vec::new()
        },
        output_dir: args.output_dir.clone(),
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
    for path in run.index_parents() {
        let _ = writeln!(
            err,
            "planlint: {}",
            lang.pick(
                format!(
                    "không dùng được kế hoạch cấp trên `{}`: không đọc được, hoặc thiếu số, ngày ban hành đầy đủ hay cơ quan ban hành",
                    path.display()
                ),
                format!(
                    "the parent plan `{}` cannot be used: it cannot be read, or has no number, complete date or issuer",
                    path.display()
                ),
            )
        );
    }
    let fingerprints = targets.iter().any(|t| t.format == Format::Sarif);
    let total = run.len();
    let reviewer = targets.iter().any(|t| matches!(t.format, Format::Html | Format::Letter));
    let results = run.results(move |result| Checked::new(result, lang, human, fingerprints, reviewer));
    let mut summary = Summary::default();
    let mut statistics = args.statistics.then(crate::output::Statistics::default);
    let mut builder = args.write_baseline.as_deref().map(Baseline::builder);
    let (mut matched, mut unmatched) = (0, 0);
    // The first failed write to a file, and to standard output.
    let mut file_failed: Option<WriteError> = None;
    let mut stdout_failed: Option<std::io::Error> = None;
    // After a closed pipe, the run goes on only for the outputs written to files.
    let has_files = files.iter().any(Option::is_some) || builder.is_some();
    // Whether every input was written. A run that stops at its last input counts as complete
    // when it ran on several threads (every result was received), not on one.
    let mut complete = true;
    let mut received = 0;
    let progress = super::progress::Progress::new(term.progress, total, lang);
    for checked in results {
        received += 1;
        summary.add(&checked.report);
        if let Some(s) = statistics.as_mut() {
            s.add(&checked.report);
        }
        matched += checked.matched;
        unmatched += checked.unmatched;
        if let (Some(b), Some((findings, text))) = (builder.as_mut(), &checked.accepted) {
            b.add_file(&checked.report.path, findings, text);
        }
        progress.suspend(|| {
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
        });
        progress.inc();
        let closed = stdout_failed.as_ref().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe);
        if !(file_failed.is_none() && (stdout_failed.is_none() || (closed && has_files))) {
            complete = total > 1 && received == total;
            break;
        }
    }
    progress.finish();
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
    // `--statistics`: on standard output after the human output, on standard error when a
    // machine format has standard output.
    if let Some(s) = &statistics {
        let text = s.render(lang);
        let machine_on_stdout = targets.iter().any(|t| t.file.is_none() && t.format != Format::Human);
        if machine_on_stdout {
            let _ = err.write_all(text.as_bytes());
        } else if stdout_failed.is_none()
            && let Err(e) = out.write_all(text.as_bytes())
        {
            stdout_failed = Some(e);
        }
    }
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
    let status = if args.exit_zero {
        ExitStatus::Clean
    } else if summary.errors > 0 || (args.deny_warnings && summary.warnings > 0) {
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
            lang.pick(
                format!(
                    "đã ghi {} phát hiện được chấp nhận vào {path}; chạy với --baseline {path} thì chỉ báo phát hiện mới",
                    b.len()
                ),
                format!(
                    "wrote {} accepted findings to {path}; later runs with --baseline {path} report only new ones",
                    b.len()
                ),
            )
        );
        return ExitStatus::Clean;
    }
    if has_baseline && (matched > 0 || unmatched > 0) {
        let _ = writeln!(
            err,
            "planlint: {}",
            lang.pick(
                format!(
                    "baseline đã ẩn {matched} phát hiện đã biết; {unmatched} mục trong đó đã được sửa (ghi lại bằng --write-baseline)"
                ),
                format!(
                    "the baseline hid {matched} known findings; {unmatched} of its entries are fixed (rewrite it with --write-baseline)"
                ),
            )
        );
    }
    status
}
