//! `planlint annotate PLAN.docx… [--output-dir DIR]`: a copy of each Word plan with the findings
//! as Word comments (see [`crate::annotate`]), `PLAN.planlint.docx` beside the original or under
//! `--output-dir`. The original is never written.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;

use super::{CheckArgs, ExitStatus, StageArg, Terminal};
use crate::annotate::Note;
use crate::lang::Lang;
use crate::write::AtomicFile;

#[derive(Debug, Args)]
pub(super) struct AnnotateArgs {
    /// Word plans (`.docx`), or folders of them (annotated copies left out).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Where to write the copies (default: beside each plan).
    #[arg(long, value_name = "DIR")]
    output_dir: Option<PathBuf>,
    /// The stage: `draft` (default) or `final`; overrides the config's `stage`.
    #[arg(long, value_enum)]
    stage: Option<StageArg>,
    /// The config file (default: the nearest `planlint.yaml` from the working directory up).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// A directory of extra rule files (`.plr`); repeatable.
    #[arg(long = "rules", value_name = "DIR")]
    rules: Vec<PathBuf>,
    /// Run only these rules: codes or prefixes, comma-separated.
    #[arg(long, value_name = "CODES", value_delimiter = ',')]
    select: Option<Vec<String>>,
    /// Skip these rules: codes or prefixes, comma-separated.
    #[arg(long, value_name = "CODES", value_delimiter = ',')]
    ignore: Vec<String>,
    /// A registry file of your own; repeatable.
    #[arg(long = "registry", value_name = "FILE")]
    registry: Vec<PathBuf>,
}

/// The plans to annotate: files as given, folders walked for Word files (annotated copies,
/// hidden folders and Word's lock files `~$…` left out), sorted.
fn word_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if !p.is_dir() {
            out.push(p.clone());
            continue;
        }
        let mut found: Vec<PathBuf> = walkdir::WalkDir::new(p)
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(walkdir::DirEntry::into_path)
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

/// The findings on one plan, as `check` gives them (its JSON output, read back).
// A library `lint_file` will replace this: the one place the command gets its findings.
fn findings(
    args: &AnnotateArgs,
    path: &Path,
    bytes: &[u8],
    text: &str,
    cli_lang: Option<Lang>,
    term: Terminal,
    err: &mut dyn Write,
) -> Option<Vec<Note>> {
    let check = CheckArgs {
        paths: vec![path.to_owned()],
        stage: args.stage,
        config: args.config.clone(),
        rules: args.rules.clone(),
        stdin_filename: "<stdin>".into(),
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        registry: args.registry.clone(),
        jobs: None,
        quiet: false,
        deny_warnings: false,
        exit_zero: false,
        statistics: false,
        format: vec!["json".into()],
        output: None,
        output_dir: None,
        baseline: None,
        write_baseline: None,
    };
    let mut json = Vec::new();
    if super::check::run(&check, cli_lang, term, &mut json, err) == ExitStatus::Error {
        return None;
    }
    let doc: serde_json::Value = serde_json::from_slice(&json).ok()?;
    let word = crate::docx::read(bytes, &crate::docx::Limits::default()).ok()?;
    let lines = crate::source::LineIndex::new(text);
    // A line and a column in characters, back to a byte offset.
    let offset = |line: u64, column: u64| -> usize {
        let start = usize::try_from(line).ok().and_then(|l| lines.line_start(l)).unwrap_or(0);
        let skip = usize::try_from(column.saturating_sub(1)).unwrap_or(0);
        let rest = text.get(start..).unwrap_or_default();
        start + rest.char_indices().nth(skip).map_or(rest.len(), |(i, _)| i)
    };
    let field =
        |d: &serde_json::Value, k: &str| d.get(k).and_then(serde_json::Value::as_str).unwrap_or_default().to_owned();
    let number = |d: &serde_json::Value, k: &str| d.get(k).and_then(serde_json::Value::as_u64).unwrap_or(1);
    // Where check reports Word findings by paragraph (a `location`: the line is the paragraph,
    // the column a character of its text), back to the text rendering.
    let place = |d: &serde_json::Value, line: &str, column: &str| -> usize {
        let (l, c) = (number(d, line), number(d, column));
        match d.get("location") {
            Some(_) => usize::try_from(l.saturating_sub(1))
                .ok()
                .and_then(|o| crate::annotate::paragraph_offset(&word, o, usize::try_from(c).unwrap_or(1)))
                .unwrap_or(0),
            None => offset(l, c),
        }
    };
    let notes = doc
        .get("diagnostics")?
        .as_array()?
        .iter()
        .map(|d| {
            let start = place(d, "line", "column");
            Note {
                code: field(d, "code"),
                message: field(d, "message"),
                help: field(d, "help"),
                span: start..place(d, "end_line", "end_column").max(start),
            }
        })
        .collect();
    Some(notes)
}

pub(super) fn run(
    args: &AnnotateArgs,
    cli_lang: Option<Lang>,
    lang: Lang,
    term: Terminal,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitStatus {
    let en = lang.is_en();
    let mut status = ExitStatus::Clean;
    let mut fail = |err: &mut dyn Write, message: String| {
        let _ = writeln!(err, "planlint: {message}");
        status = ExitStatus::Error;
    };
    if let Some(dir) = &args.output_dir
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        fail(
            err,
            if en {
                format!("cannot create {}: {e}", dir.display())
            } else {
                format!("không tạo được thư mục {} ({e})", dir.display())
            },
        );
        return status;
    }
    for path in &word_files(&args.paths) {
        let shown = path.display();
        if !crate::source::is_word_name(&path.to_string_lossy()) {
            fail(
                err,
                if en {
                    format!(
                        "{shown}: only Word files (.docx) can be annotated; for text and Markdown plans use `planlint check --format html`"
                    )
                } else {
                    format!(
                        "{shown}: chỉ ghi nhận xét được vào tệp Word (.docx); với kế hoạch dạng văn bản, Markdown hãy dùng `planlint check --format html`"
                    )
                },
            );
            continue;
        }
        let target = copy_path(path, args.output_dir.as_deref());
        if target == *path {
            fail(
                err,
                if en {
                    format!("{shown}: the copy would overwrite it; give --output-dir")
                } else {
                    format!("{shown}: bản sao sẽ ghi đè lên chính tệp này; hãy dùng --output-dir")
                },
            );
            continue;
        }
        let bytes = match crate::lint::read_bytes(path) {
            Ok(b) => b,
            Err(e) => {
                fail(err, format!("{shown}: {}", e.message().get(en)));
                continue;
            }
        };
        let text = match crate::docx::read(&bytes, &crate::docx::Limits::default()) {
            Ok(doc) => doc.to_text().0,
            Err(e) => {
                fail(err, format!("{shown}: {}", e.message_in(lang)));
                continue;
            }
        };
        let Some(notes) = findings(args, path, &bytes, &text, cli_lang, term, err) else {
            fail(err, if en { format!("{shown}: cannot be checked") } else { format!("{shown}: không kiểm tra được") });
            continue;
        };
        let annotated = match crate::annotate::annotate(&bytes, &notes, lang) {
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
            if en {
                format!(
                    "{}: {} comments ({} on the first paragraph, no place of their own)",
                    target.display(),
                    annotated.comments,
                    annotated.unplaced
                )
            } else {
                format!(
                    "{}: {} nhận xét ({} gắn vào đoạn đầu vì không có vị trí riêng)",
                    target.display(),
                    annotated.comments,
                    annotated.unplaced
                )
            }
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
