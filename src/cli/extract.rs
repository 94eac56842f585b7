//! `planlint extract FILE`: print the plan model (the file is read as [`crate::lint`] reads it).

use std::io::Write;

use super::{ExitStatus, ExtractArgs, ModelFormat, SpanStyle, Terminal};
use crate::lang::Lang;
use crate::report::{InputDiagnostic, render};
use crate::source::{with_file_byte_spans, with_located_spans};

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
    let src = match crate::lint::read_source(&args.file, &name, lang) {
        Ok(s) => s,
        Err(d) => return report(err, &d),
    };
    let vocab = match crate::registry::builtin_indicators() {
        Ok(v) => v,
        Err(e) => {
            let _ = err.write_all(render(&e.in_lang(lang), term.color, term.width).as_bytes());
            return ExitStatus::Error;
        }
    };
    // One plan: its extraction searches lowered text rather than compile the `(?i)` regexes.
    let plan = match crate::extract::extract_with(&src, vocab, crate::extract::ExtractOptions::for_run_of(1)) {
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
                lang.pick(
                    format!("không ghi được mô hình kế hoạch (chi tiết kỹ thuật: {e})"),
                    format!("cannot write the plan model: {e}")
                )
            );
            ExitStatus::Error
        }
    }
}
