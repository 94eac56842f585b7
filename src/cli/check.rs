//! `planlint check [PATH…]`: run the rules over plan files and directories.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::extract::read_input;
use super::{CheckArgs, ExitStatus, Terminal};
use crate::config::{CliSelection, RulePolicy};
use crate::dsl::{CheckOptions, RuleSet};
use crate::finding::Severity;
use crate::lang::Lang;
use crate::parents::{ParentIndex, ParentPlan};
use crate::report::{FindingDiagnostic, InputDiagnostic, render, summary_line};
use crate::source::{NamedText, SourceFile};
use std::sync::Arc;

/// Plan file extensions read from directories.
const PLAN_EXTENSIONS: &[&str] = &["txt", "md"];

/// The plan files named on the command line: files as given, directories walked (hidden
/// directories and `target` skipped), in a stable order.
fn plan_paths(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if !p.is_dir() {
            out.push(p.clone());
            continue;
        }
        let walker = walkdir::WalkDir::new(p).sort_by_file_name().into_iter().filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0 || !(name.starts_with('.') || (e.file_type().is_dir() && name == "target"))
        });
        for entry in walker.flatten() {
            let ext = entry.path().extension().and_then(|e| e.to_str()).map(str::to_lowercase);
            if entry.file_type().is_file() && ext.is_some_and(|e| PLAN_EXTENSIONS.contains(&e.as_str())) {
                out.push(entry.into_path());
            }
        }
    }
    out
}

#[derive(Default)]
struct Counts {
    errors: usize,
    warnings: usize,
    infos: usize,
}

pub(super) fn run(
    args: &CheckArgs,
    cli_lang: Option<Lang>,
    term: Terminal,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitStatus {
    let fail = |err: &mut dyn Write, e: &crate::config::ConfigError| {
        let _ = err.write_all(render(e, term.color, term.width).as_bytes());
        ExitStatus::Error
    };
    let config = match crate::config::discover(args.config.as_deref(), cli_lang) {
        Ok(c) => c.config,
        Err(e) => return fail(err, &e),
    };
    let lang = config.resolve_lang(cli_lang);
    let selection = match CliSelection::new(args.select.as_deref(), &args.ignore, args.stage.map(Into::into), lang) {
        Ok(s) => s,
        Err(e) => return fail(err, &e),
    };
    let rule_dirs: Vec<PathBuf> = args.rules.iter().chain(&config.rules).cloned().collect();
    let set = match super::rules::load(&rule_dirs, lang, term, err) {
        Ok(s) => s,
        Err(e) => return e,
    };
    let codes = set.codes();
    if let Err(e) = config.validate_codes(&codes).and_then(|()| selection.validate_codes(&codes, lang)) {
        return fail(err, &e);
    }
    let registry_files: Vec<PathBuf> = args.registry.iter().chain(&config.registries).cloned().collect();
    let registry = match super::load_registry(&registry_files, lang, term, err) {
        Ok(r) => r,
        Err(e) => return e,
    };
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    let files = plan_paths(&paths);
    let parents = parent_index(&files, &config.parents, &registry.indicators, lang, err);
    let opts = CheckOptions { stage: crate::dsl::Stage::Draft, lang, registry: &registry, parents: &[] };
    let mut counts = Counts::default();
    for path in &files {
        let matched = if path.as_os_str() == "-" { Path::new(&args.stdin_filename) } else { path.as_path() };
        let policy = config.policy_for(matched, &selection);
        check_file(&set, path, args, &opts, &policy, &parents, term, &mut counts, out, err);
    }
    let _ = writeln!(out, "{}", summary_line(counts.errors, counts.warnings, counts.infos, files.len(), lang));
    if counts.errors > 0 { ExitStatus::Findings } else { ExitStatus::Clean }
}

/// The plans children may cite as parents: the config's `parents:` and, when the run has more
/// than one file, the run's own plans. A file that cannot be read here is reported by the check
/// itself (or, for a config parent, on standard error) and is simply nobody's parent.
fn parent_index(
    files: &[PathBuf],
    extra: &[PathBuf],
    vocab: &crate::registry::IndicatorVocab,
    lang: Lang,
    err: &mut dyn Write,
) -> ParentIndex {
    let read = |path: &Path| -> Option<ParentPlan> {
        let bytes = std::fs::read(path).ok()?;
        let name = path.display().to_string();
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
    if files.len() > 1 {
        plans.extend(files.iter().filter(|p| p.as_os_str() != "-").filter_map(|p| read(p)));
    }
    ParentIndex::new(plans)
}

#[allow(clippy::too_many_arguments, reason = "one call site; the arguments are the run's state")]
fn check_file(
    set: &RuleSet,
    path: &Path,
    args: &CheckArgs,
    opts: &CheckOptions<'_>,
    policy: &RulePolicy<'_>,
    parents: &ParentIndex,
    term: Terminal,
    counts: &mut Counts,
    out: &mut dyn Write,
    err: &mut dyn Write,
) {
    let lang = opts.lang;
    let name = if path.as_os_str() == "-" { args.stdin_filename.clone() } else { path.display().to_string() };
    let mut input_error = |d: &InputDiagnostic, out: &mut dyn Write| {
        counts.errors += 1;
        let _ = out.write_all(render(d, term.out_color, term.width).as_bytes());
    };
    let bytes = match read_input(path) {
        Ok(b) => b,
        Err(e) => return input_error(&InputDiagnostic::from_source_error(&name, &e, None, lang), out),
    };
    let src = match SourceFile::from_bytes(name.clone(), &bytes) {
        Ok(s) => s,
        Err(e) => return input_error(&InputDiagnostic::from_source_error(&name, &e, Some(&bytes), lang), out),
    };
    let plan = match crate::extract::extract(&src, &opts.registry.indicators) {
        Ok(p) => p,
        Err(e) => return input_error(&InputDiagnostic::from_extract_error(&name, &e, src.original(), lang), out),
    };
    let inherited = parents.targets_for(&plan);
    let opts = CheckOptions { parents: &inherited, stage: policy.stage(), ..*opts };
    let outcome = set.check_with(&plan, Some(&src), &opts, &|code, severity| policy.severity(code, severity));
    let named = NamedText::new(name.clone(), Arc::clone(src.original()));
    for f in &outcome.findings {
        match f.severity {
            Severity::Error => counts.errors += 1,
            Severity::Warning => counts.warnings += 1,
            Severity::Info => counts.infos += 1,
        }
        let d = FindingDiagnostic::new(&named, f);
        let _ = out.write_all(render(&d, term.out_color, term.width).as_bytes());
    }
    for code in &outcome.stopped {
        let msg = if lang.is_en() {
            format!(
                "planlint: rule {code} stopped on {name}: it took too many steps; its findings there are incomplete"
            )
        } else {
            format!(
                "planlint: quy tắc {code} dừng trên {name} vì chạy quá nhiều bước; kết quả của nó ở tệp này chưa đủ"
            )
        };
        let _ = writeln!(err, "{msg}");
    }
}
