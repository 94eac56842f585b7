//! `planlint annotate PLAN.docx… [--output-dir DIR]`: a copy of each Word plan with the findings
//! as Word comments (see [`crate::annotate`]), `PLAN.planlint.docx` beside the original or under
//! `--output-dir`. The original is never written.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;

use super::{ExitStatus, RuleChoice, RuleSources, Terminal};
use crate::annotate::Note;
use crate::config::Config;
use crate::lang::Lang;
use crate::lint::FileResult;
use crate::write::AtomicFile;

#[derive(Debug, Args)]
pub(super) struct AnnotateArgs {
    /// Word plans (`.docx`), or folders of them (annotated copies left out).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Where to write the copies (default: beside each plan).
    #[arg(long, value_name = "DIR")]
    output_dir: Option<PathBuf>,
    #[command(flatten)]
    sources: RuleSources,
    #[command(flatten)]
    choice: RuleChoice,
}

/// The plans to annotate: files as given, folders walked as `check` walks them (ignore files,
/// the config's `exclude:`, hidden and build folders left out; see [`crate::lint::walker`]) for
/// Word files, annotated copies and Word's lock files `~$…` left out; sorted.
fn word_files(paths: &[PathBuf], config: &Config) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if !p.is_dir() {
            out.push(p.clone());
            continue;
        }
        let mut found: Vec<PathBuf> = crate::lint::walker(p, Some(config))
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
            .map(ignore::DirEntry::into_path)
            .filter(|f| {
                let name = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                crate::source::is_word_name(&name) && !name.starts_with("~$") && !name.ends_with(".planlint.docx")
            })
            .collect();
        found.sort();
        out.extend(found);
    }
    out
}

/// Where the copy of `path` goes: `NAME.planlint.docx`.
fn copy_path(path: &Path, dir: Option<&Path>) -> PathBuf {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let stem = stem.strip_suffix(".planlint").unwrap_or(&stem);
    let name = format!("{stem}.planlint.docx");
    match dir {
        Some(d) => d.join(name),
        None => path.with_file_name(name),
    }
}

/// The comments for one checked plan: each finding on its span of the text rendering (the
/// source's text, which the annotator anchors in), and the reason it is not a plan, if it is not.
fn notes(result: &FileResult) -> Vec<Note> {
    let mut notes: Vec<Note> = result
        .findings
        .iter()
        .map(|f| Note {
            code: f.code.clone(),
            message: f.message.clone(),
            help: f.help.clone(),
            span: f.span.start..f.span.end,
        })
        .collect();
    if let Some(d) = &result.input_error {
        let span = d.span().map_or(0..0, |s| s.offset()..s.offset() + s.len());
        notes.insert(
            0,
            Note { code: d.code().to_owned(), message: d.message().to_owned(), help: d.help().to_owned(), span },
        );
    }
    notes
}

pub(super) fn run(
    args: &AnnotateArgs,
    cli_lang: Option<Lang>,
    term: Terminal,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitStatus {
    let mut status = ExitStatus::Clean;
    let mut fail = |err: &mut dyn Write, message: String| {
        let _ = writeln!(err, "planlint: {message}");
        status = ExitStatus::Error;
    };
    let settings =
        match super::check::settings(&args.sources.run_options(&args.choice), cli_lang, term, err, |_, _, _| Ok(())) {
            Ok(s) => s,
            Err(e) => return e,
        };
    // The config's language, now that it is read.
    let lang = settings.lang;
    let mut plans = Vec::new();
    for path in word_files(&args.paths, &settings.config) {
        if crate::source::is_word_name(&path.to_string_lossy()) {
            plans.push(path);
            continue;
        }
        let shown = path.display();
        fail(
            err,
            lang.pick(
                format!(
                    "{shown}: chỉ ghi nhận xét được vào tệp Word (.docx); với kế hoạch dạng văn bản, Markdown hãy dùng `planlint check --format html`"
                ),
                format!(
                    "{shown}: only Word files (.docx) can be annotated; for text and Markdown plans use `planlint check --format html`"
                ),
            ),
        );
    }
    if plans.is_empty() {
        return status;
    }
    if let Some(dir) = &args.output_dir
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        fail(
            err,
            lang.pick(
                format!("không tạo được thư mục {} ({e})", dir.display()),
                format!("cannot create {}: {e}", dir.display()),
            ),
        );
        return status;
    }
    // Checked in parallel, handed out in the order of their names.
    for result in crate::lint::lint_paths(&plans, &settings) {
        let path = PathBuf::from(&result.name);
        let shown = path.display();
        let target = copy_path(&path, args.output_dir.as_deref());
        if target == path {
            fail(
                err,
                lang.pick(
                    format!("{shown}: bản sao sẽ ghi đè lên chính tệp này; hãy dùng --output-dir"),
                    format!("{shown}: the copy would overwrite it; give --output-dir"),
                ),
            );
            continue;
        }
        if result.source.is_none() {
            // Not read or not a Word document: nothing to anchor comments in.
            let why = result.input_error.as_ref().map_or_else(
                || lang.pick("không kiểm tra được".to_owned(), "cannot be checked".to_owned()),
                |d| d.message().to_owned(),
            );
            fail(err, format!("{shown}: {why}"));
            continue;
        }
        let bytes = match crate::lint::read_bytes(&path) {
            Ok(b) => b,
            Err(e) => {
                fail(err, format!("{shown}: {}", e.message().get(lang)));
                continue;
            }
        };
        let annotated = match crate::annotate::annotate(&bytes, &notes(&result), lang) {
            Ok(a) => a,
            Err(e) => {
                fail(err, format!("{shown}: {}", e.message(lang)));
                continue;
            }
        };
        let written = AtomicFile::create(&target).and_then(|mut f| {
            f.write_all(&annotated.bytes).map_err(|e| f.error(&e))?;
            f.commit()
        });
        if let Err(e) = written {
            fail(err, e.message(lang));
            continue;
        }
        let _ = writeln!(
            out,
            "{}",
            lang.pick(
                format!(
                    "{}: {} nhận xét ({} gắn vào đoạn đầu vì không có vị trí riêng)",
                    target.display(),
                    annotated.comments,
                    annotated.unplaced
                ),
                format!(
                    "{}: {} comments ({} on the first paragraph, no place of their own)",
                    target.display(),
                    annotated.comments,
                    annotated.unplaced
                )
            )
        );
    }
    status
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_are_named_beside_or_under_the_output_dir() {
        assert_eq!(copy_path(Path::new("a/kh.docx"), None), PathBuf::from("a/kh.planlint.docx"));
        assert_eq!(copy_path(Path::new("a/kh.docx"), Some(Path::new("out"))), PathBuf::from("out/kh.planlint.docx"));
        // An annotated copy annotated again keeps its name.
        assert_eq!(copy_path(Path::new("kh.planlint.docx"), Some(Path::new("o"))), PathBuf::from("o/kh.planlint.docx"));
    }
}
