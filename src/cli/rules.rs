//! `planlint rules list|explain`, and loading rule files for every command that runs rules.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{ExitStatus, RulesFormat, Terminal};
use crate::dsl::{DocSection, RuleInfo, RuleSet, RuleSource, builtin_sources};
use crate::finding::Severity;
use crate::lang::{Bilingual, Lang};
use crate::report::render;

/// The `.plr` files under a directory (or the file itself), sorted.
fn rule_files(dir: &Path) -> Result<Vec<PathBuf>, Bilingual> {
    if dir.is_file() {
        return Ok(vec![dir.to_path_buf()]);
    }
    if !dir.is_dir() {
        let d = dir.display();
        return Err(Bilingual::new(format!("`{d}`: không tìm thấy thư mục"), format!("`{d}`: no such directory")));
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            let at = e.path().unwrap_or(dir).display().to_string();
            match e.io_error() {
                Some(io) => {
                    let why = crate::source::io_reason(io, false);
                    Bilingual::new(format!("`{at}`: {}", why.vi), format!("`{at}`: {}", why.en()))
                }
                None => Bilingual::new(
                    format!("`{at}`: liên kết (symlink) trỏ ngược về thư mục chứa nó"),
                    format!("`{at}`: a symbolic link leads back into a folder that contains it"),
                ),
            }
        })?;
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "plr") {
            files.push(entry.into_path());
        }
    }
    Ok(files)
}

/// Read the rule files of user directories.
pub(super) fn user_sources(dirs: &[PathBuf]) -> Result<Vec<RuleSource>, Bilingual> {
    let mut out = Vec::new();
    for dir in dirs {
        let files = rule_files(dir).map_err(|e| {
            Bilingual::new(
                format!("không đọc được thư mục quy tắc {}", e.vi),
                format!("cannot read the rule directory {}", e.en()),
            )
        })?;
        for file in files {
            let bytes = std::fs::read(&file).map_err(|e| {
                let why = crate::source::io_reason(&e, false);
                Bilingual::new(
                    format!("không đọc được tệp quy tắc `{}`: {}", file.display(), why.vi),
                    format!("cannot read the rule file `{}`: {}", file.display(), why.en()),
                )
            })?;
            let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
            let text = String::from_utf8(bytes.to_vec()).map_err(|_| {
                Bilingual::new(
                    format!("tệp quy tắc `{}` không phải UTF-8; hãy lưu lại với bảng mã UTF-8", file.display()),
                    format!("the rule file `{}` is not UTF-8; save it as UTF-8", file.display()),
                )
            })?;
            out.push(RuleSource { path: file.display().to_string(), text, builtin: false });
        }
    }
    Ok(out)
}

/// Write a plain one-line error.
pub(super) fn say(err: &mut dyn Write, lang: Lang, text: &Bilingual) {
    let _ = writeln!(err, "planlint: {}", text.get(lang));
}

/// The built-in rules and those of `dirs`, with their inline tests if `tests`; on any problem,
/// every diagnostic is written to `err`.
pub(super) fn load(
    dirs: &[PathBuf],
    tests: bool,
    lang: Lang,
    term: Terminal,
    err: &mut dyn Write,
) -> Result<RuleSet, ExitStatus> {
    let mut sources = builtin_sources();
    match user_sources(dirs) {
        Ok(user) => {
            for u in user {
                // `planlint test rules/` in a checkout: the file on disk replaces its embedded
                // copy (so an edited built-in rule is tested without rebuilding).
                let path = u.path.trim_start_matches("./").replace('\\', "/");
                match sources.iter_mut().find(|s| s.builtin && s.path == path) {
                    Some(b) => b.text = u.text,
                    None => sources.push(u),
                }
            }
        }
        Err(e) => {
            say(err, lang, &e);
            return Err(ExitStatus::Error);
        }
    }
    let loaded = if tests { RuleSet::load(sources) } else { RuleSet::load_for_check(sources) };
    loaded.map_err(|errors| {
        for d in errors.diagnostics(lang) {
            let _ = err.write_all(render(&d, term.color, term.width).as_bytes());
        }
        let n = errors.count();
        let line = Bilingual::new(
            format!("{n} lỗi trong tệp quy tắc; chưa chạy quy tắc nào"),
            format!("{n} problem{} in rule files; no rule was run", if n == 1 { "" } else { "s" }),
        );
        say(err, lang, &line);
        ExitStatus::Error
    })
}

fn severity_text(r: &RuleInfo) -> String {
    let name = |s: Option<Severity>| s.map_or("off", Severity::as_str);
    if r.draft == r.final_ {
        name(r.draft).to_owned()
    } else {
        format!("{} → {} (final)", name(r.draft), name(r.final_))
    }
}

fn family(code: &str, lang: Lang) -> &'static str {
    match (code.chars().next(), lang) {
        (Some('S'), Lang::Vi) => "Cấu trúc văn bản (S)",
        (Some('S'), Lang::En) => "Structure (S)",
        (Some('T'), Lang::Vi) => "Nhiệm vụ (T)",
        (Some('T'), Lang::En) => "Tasks (T)",
        (Some('L'), Lang::Vi) => "Căn cứ pháp lý (L)",
        (Some('L'), Lang::En) => "Legal references (L)",
        (Some('I'), Lang::Vi) => "Chỉ tiêu (I)",
        (Some('I'), Lang::En) => "Indicators and targets (I)",
        (Some('F'), Lang::Vi) => "Thể thức văn bản (F)",
        (Some('F'), Lang::En) => "Format — thể thức (F)",
        (_, Lang::Vi) => "Khác",
        (_, Lang::En) => "Other",
    }
}

/// The rule catalogue in Markdown (`rules/CATALOG.md`), in both languages.
pub fn catalogue_markdown(rules: &[RuleInfo]) -> String {
    let mut out = String::from(
        "# Danh mục quy tắc — Rule catalogue\n\n\
         <!-- Generated by `planlint rules list --format markdown`; do not edit by hand. -->\n\n\
         Mã quy tắc không bao giờ thay đổi: cấu hình và chú thích bỏ qua dùng mã. \
         `planlint rules explain MÃ` cho biết chi tiết từng quy tắc.\n\n\
         Codes are stable: configuration and suppressions use them. \
         `planlint rules explain CODE` shows each rule's documentation.\n",
    );
    let mut current = "";
    for r in rules {
        let fam = family(&r.code, Lang::Vi);
        if fam != current {
            current = fam;
            out.push_str(&format!(
                "\n## {} — {}\n\n| Mã / Code | Tên / Name | Mức độ / Severity | Nhóm / Category | Tóm tắt | Summary |\n|---|---|---|---|---|---|\n",
                fam,
                family(&r.code, Lang::En)
            ));
        }
        out.push_str(&format!(
            "| {} | `{}` | {} | `{}` | {} | {} |\n",
            r.code,
            r.name,
            severity_text(r),
            r.category.as_str(),
            r.summary.get(Lang::Vi).replace('|', "\\|"),
            r.summary.get(Lang::En).replace('|', "\\|")
        ));
    }
    out
}

pub(super) fn list(
    dirs: &[PathBuf],
    format: RulesFormat,
    lang: Lang,
    term: Terminal,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitStatus {
    let set = match load(dirs, true, lang, term, err) {
        Ok(s) => s,
        Err(e) => return e,
    };
    let rules = set.rules();
    let text = match format {
        RulesFormat::Markdown => catalogue_markdown(&rules),
        RulesFormat::Table => {
            let name_width = rules.iter().map(|r| r.name.chars().count()).max().unwrap_or(0);
            let sev_width = rules.iter().map(|r| severity_text(r).chars().count()).max().unwrap_or(0);
            let mut s = String::new();
            for r in &rules {
                let sev = severity_text(r);
                s.push_str(&format!(
                    "{}  {}{}  {}{}  {}\n",
                    r.code,
                    r.name,
                    " ".repeat(name_width - r.name.chars().count()),
                    sev,
                    " ".repeat(sev_width - sev.chars().count()),
                    r.summary.get(lang)
                ));
            }
            s
        }
    };
    match out.write_all(text.as_bytes()) {
        Ok(()) => ExitStatus::Clean,
        Err(_) => ExitStatus::Error,
    }
}

/// A rule's documentation as text.
pub fn explain_text(r: &RuleInfo, lang: Lang) -> String {
    let mut s =
        format!("{} {} — {} · {}\n{}\n", r.code, r.name, severity_text(r), r.category.title(lang), r.summary.get(lang));
    for (section, text) in &r.doc {
        s.push_str(&format!("\n{}\n", section.title(lang)));
        let body = text.get(lang);
        let indent = if matches!(section, DocSection::Bad | DocSection::Good) { "    " } else { "  " };
        for line in body.lines() {
            s.push_str(&format!("{indent}{line}\n"));
        }
    }
    let (file, tests) = lang.pick(("Tệp", "bài kiểm thử"), ("File", "tests"));
    s.push_str(&format!("\n{file}: {} ({} {tests})\n", r.path, r.tests_that_fire + r.tests_that_do_not));
    s
}

pub(super) fn explain(
    dirs: &[PathBuf],
    code: &str,
    lang: Lang,
    term: Terminal,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitStatus {
    let set = match load(dirs, true, lang, term, err) {
        Ok(s) => s,
        Err(e) => return e,
    };
    if set.rule(code).is_none()
        && let Some(engine) = crate::output::EngineCode::find(code)
    {
        // The engine's own codes (E001–E007) are documented in the engine.
        return match out.write_all(engine.explain(lang).as_bytes()) {
            Ok(()) => ExitStatus::Clean,
            Err(_) => ExitStatus::Error,
        };
    }
    let Some(rule) = set.rule(code) else {
        let mut names: Vec<String> = set.rules().iter().map(|r| r.code.clone()).collect();
        names.extend(set.rules().iter().map(|r| r.name.clone()));
        let hint = crate::dsl::suggest(code, names.iter().map(String::as_str))
            .map(|s| Bilingual::new(format!("; có phải ý bạn là `{s}`?"), format!("; did you mean `{s}`?")))
            .unwrap_or_default();
        say(
            err,
            lang,
            &Bilingual::new(format!("không có quy tắc `{code}`{}", hint.vi), format!("no rule `{code}`{}", hint.en())),
        );
        return ExitStatus::Error;
    };
    match out.write_all(explain_text(&rule, lang).as_bytes()) {
        Ok(()) => ExitStatus::Clean,
        Err(_) => ExitStatus::Error,
    }
}
