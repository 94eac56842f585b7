//! `planlint extract FILE`: print the plan model.

use std::io::{Read, Write};

use super::{ExitStatus, ExtractArgs, ModelFormat, SpanStyle, Terminal};
use crate::lang::Lang;
use crate::report::{InputDiagnostic, render};
use crate::source::{MAX_FILE_BYTES, SourceError, SourceFile, Unreadable, with_file_byte_spans, with_located_spans};

/// Read a file's bytes, refusing directories and files over the size limit before reading them.
pub(crate) fn read_input(path: &std::path::Path) -> Result<Vec<u8>, SourceError> {
    let unreadable = |e: std::io::Error| SourceError::Unreadable { reason: Unreadable::from_io(&e) };
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().take(MAX_FILE_BYTES as u64 + 1).read_to_end(&mut bytes).map_err(unreadable)?;
        return Ok(bytes);
    }
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if meta.is_dir() {
        return Err(SourceError::Unreadable { reason: Unreadable::Directory });
    }
    if meta.len() > MAX_FILE_BYTES as u64 {
        return Err(SourceError::TooLarge { size: meta.len(), limit: MAX_FILE_BYTES as u64 });
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .map_err(unreadable)?
        .take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    Ok(bytes)
}

pub(super) fn run(
    args: &ExtractArgs,
    lang: Lang,
    term: Terminal,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitStatus {
    let name = if args.file.as_os_str() == "-" { args.stdin_filename.clone() } else { args.file.display().to_string() };
    let report = |err: &mut dyn Write, d: &InputDiagnostic| {
        let _ = err.write_all(render(d, term.color, term.width).as_bytes());
        ExitStatus::Error
    };
    let bytes = match read_input(&args.file) {
        Ok(b) => b,
        Err(e) => {
            return report(err, &InputDiagnostic::from_source_error(&name, &e, None, lang));
        }
    };
    let src = match SourceFile::from_bytes(name.clone(), &bytes) {
        Ok(s) => s,
        Err(e) => {
            return report(err, &InputDiagnostic::from_source_error(&name, &e, Some(&bytes), lang));
        }
    };
    let vocab = match crate::registry::builtin_indicators() {
        Ok(v) => v,
        Err(e) => {
            let _ = err.write_all(render(&e.in_lang(lang), term.color, term.width).as_bytes());
            return ExitStatus::Error;
        }
    };
    crate::extract::fold_for_short_run();
    let plan = match crate::extract::extract(&src, vocab) {
        Ok(p) => p,
        Err(e) => {
            return report(err, &InputDiagnostic::from_extract_error(&name, &e, src.original(), lang));
        }
    };
    let serialize = || match args.format {
        ModelFormat::Json => serde_json::to_string_pretty(&plan).map_err(|e| e.to_string()),
        ModelFormat::Yaml => serde_yaml::to_string(&plan).map_err(|e| e.to_string()),
    };
    let text = match args.spans {
        SpanStyle::Lines => with_located_spans(&src, serialize),
        SpanStyle::Bytes => with_file_byte_spans(&src, serialize),
    };
    match text {
        Ok(mut t) => {
            if !t.ends_with('\n') {
                t.push('\n');
            }
            match out.write_all(t.as_bytes()).and_then(|()| out.flush()) {
                Ok(()) => ExitStatus::Clean,
                Err(e) => super::stdout_failed(&e, lang, err, ExitStatus::Clean),
            }
        }
        Err(e) => {
            let _ = writeln!(
                err,
                "planlint: {}",
                if lang.is_en() {
                    format!("cannot write the plan model: {e}")
                } else {
                    format!("không ghi được mô hình kế hoạch (chi tiết kỹ thuật: {e})")
                }
            );
            ExitStatus::Error
        }
    }
}
