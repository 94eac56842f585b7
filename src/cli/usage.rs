//! Command-line usage errors (a mistyped command, option or value) in the language of the run:
//! Vietnamese unless `--lang en` is given or the nearest config says `lang: en`. The errors clap
//! knows that are not translated here are shown as clap writes them (in English).

use std::ffi::OsString;
use std::io::Write;

use clap::error::{ContextKind, ContextValue, ErrorKind};

use super::ExitStatus;
use crate::lang::Lang;

/// The language asked for on the command line (`--lang en`, `--lang=en`), else the nearest
/// config's, else Vietnamese: the arguments could not be parsed, so they are scanned.
pub(super) fn language_of(args: &[OsString]) -> Lang {
    let mut given = None;
    let mut iter = args.iter().map(|a| a.to_string_lossy().into_owned());
    while let Some(a) = iter.next() {
        let value = match a.strip_prefix("--lang=") {
            Some(v) => Some(v.to_owned()),
            None if a == "--lang" => iter.next(),
            None => None,
        };
        if let Some(v) = value {
            given = Some(v.eq_ignore_ascii_case("en"));
        }
    }
    match given {
        Some(true) => Lang::En,
        Some(false) => Lang::Vi,
        None => std::env::current_dir().ok().and_then(|d| crate::config::nearest_lang(&d)).unwrap_or_default(),
    }
}

fn context(e: &clap::Error, kind: ContextKind) -> Option<String> {
    e.get(kind).and_then(|v| match v {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(s) if !s.is_empty() => Some(s.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(s) if !s.is_empty() => {
            Some(s.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "))
        }
        _ => None,
    })
}

/// The Vietnamese message of a usage error.
pub(super) fn vietnamese(e: &clap::Error) -> String {
    let arg = context(e, ContextKind::InvalidArg).unwrap_or_default();
    let hint = |kind: ContextKind| context(e, kind).map(|s| format!("; có phải ý bạn là `{s}`?")).unwrap_or_default();
    match e.kind() {
        ErrorKind::UnknownArgument => format!("không có tùy chọn `{arg}`{}", hint(ContextKind::SuggestedArg)),
        ErrorKind::InvalidSubcommand => {
            let name = context(e, ContextKind::InvalidSubcommand).unwrap_or_default();
            format!("không có lệnh `{name}`{}", hint(ContextKind::SuggestedSubcommand))
        }
        ErrorKind::InvalidValue => {
            let value = context(e, ContextKind::InvalidValue).unwrap_or_default();
            let valid =
                context(e, ContextKind::ValidValue).map(|v| format!("; dùng một trong: {v}")).unwrap_or_default();
            if value.is_empty() {
                format!("`{arg}` cần một giá trị{valid}")
            } else {
                format!("giá trị `{value}` không dùng được cho `{arg}`{valid}")
            }
        }
        ErrorKind::ValueValidation => {
            let value = context(e, ContextKind::InvalidValue).unwrap_or_default();
            format!("giá trị `{value}` của `{arg}` không hợp lệ")
        }
        ErrorKind::MissingRequiredArgument => format!("thiếu đối số bắt buộc: {arg}"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let name = context(e, ContextKind::InvalidSubcommand).unwrap_or_else(|| "planlint".to_owned());
            match context(e, ContextKind::ValidSubcommand) {
                Some(valid) => format!("`{name}` cần một lệnh: dùng một trong {valid}"),
                None => format!("`{name}` cần một lệnh"),
            }
        }
        ErrorKind::ArgumentConflict => {
            let prior = context(e, ContextKind::PriorArg).unwrap_or_default();
            format!("`{arg}` không dùng được cùng với `{prior}`")
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("số giá trị của `{arg}` không đúng")
        }
        ErrorKind::NoEquals => {
            format!("`{arg}` cần giá trị viết liền sau dấu bằng: `{arg}=GIÁ-TRỊ`")
        }
        ErrorKind::InvalidUtf8 => "một đối số trên dòng lệnh không phải văn bản UTF-8 hợp lệ".to_owned(),
        // Help, version and output failures are not told here; anything clap adds later is
        // named with its English text.
        _ => {
            let english = e.render().to_string();
            let first = english.lines().next().unwrap_or_default().trim_start_matches("error: ").to_owned();
            format!("dòng lệnh không hợp lệ (chi tiết kỹ thuật: {first})")
        }
    }
}

/// Report a parse error and give the exit status: 0 for help and version, 2 for a usage error.
/// In a Vietnamese run the arguments are parsed again with the Vietnamese help
/// ([`super::help::command`]), so that `--help` is shown in Vietnamese; errors are told in
/// Vietnamese here.
pub fn report(e: &clap::Error, args: &[OsString], err: &mut dyn Write) -> ExitStatus {
    let lang = language_of(args);
    let localized = if lang.is_en() { None } else { super::help::command(lang).try_get_matches_from(args).err() };
    let e = localized.as_ref().unwrap_or(e);
    let status = if e.exit_code() == 0 { ExitStatus::Clean } else { ExitStatus::Error };
    let shown = match e.kind() {
        // A command without its subcommand (`planlint rules`) shows that command's help, as
        // in English, in the run's language.
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            None
        }
        _ if lang.is_en() => None,
        _ => Some(vietnamese(e)),
    };
    match shown {
        Some(message) => {
            let _ = writeln!(err, "planlint: {message}\n\nXem cách dùng: planlint --help");
        }
        None => {
            let _ = e.print();
        }
    }
    status
}
