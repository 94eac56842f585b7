//! The messages users see when a registry, a config or the file system says no, rendered as
//! the terminal shows them, in Vietnamese (the default) and in English: no library English in
//! the Vietnamese text except as a marked technical detail.
#![allow(clippy::unwrap_used, clippy::panic, reason = "tests fail loudly")]

use std::path::Path;

use planlint::lang::Lang;
use planlint::registry::Registry;
use planlint::source::io_reason;

fn both(make: impl Fn(Lang) -> String) -> String {
    format!("--- vi\n{}--- en\n{}", make(Lang::Vi), make(Lang::En))
}

/// A user registry file's error, rendered.
fn registry(text: &str) -> String {
    let e = Registry::with_files(&[("my-registry.yaml".to_owned(), text.to_owned())]).unwrap_err();
    both(|lang| planlint::report::render(&e.clone().in_lang(lang), false, 100))
}

/// A config's error, rendered.
fn config(text: &str) -> String {
    both(|lang| {
        let e = planlint::config::parse("planlint.yaml", text, Path::new("."), Some(lang)).unwrap_err();
        planlint::report::render(&e, false, 100)
    })
}

#[test]
fn registry_errors_in_both_languages() {
    let doc =
        "documents:\n  - symbol: 12/KH-UBND\n    type: Kế hoạch\n    issuer: UBND tỉnh Bắc Kạn\n    date: 2024-02-01\n";
    insta::assert_snapshot!("registry-syntax", registry("documents:\n  - [symbol: 12/KH-UBND\n"));
    insta::assert_snapshot!("registry-tab", registry("documents:\n\t- symbol: 12/KH-UBND\n"));
    insta::assert_snapshot!("registry-unknown-key", registry(&doc.replace("issuer:", "isuer:")));
    insta::assert_snapshot!("registry-wrong-type", registry(&doc.replace("type: Kế hoạch", "type: [Kế hoạch]")));
    insta::assert_snapshot!("registry-bad-date", registry(&doc.replace("2024-02-01", "2024-02-30")));
    insta::assert_snapshot!("registry-twice", registry(&format!("{doc}{}", doc.trim_start_matches("documents:\n"))));
    insta::assert_snapshot!("registry-kind", registry("things: []\n"));
    let mut laughs = String::from("documents: &a0 []\nx0: &x0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..8 {
        let refs = vec![format!("*x{}", i - 1); 10].join(", ");
        laughs.push_str(&format!("x{i}: &x{i} [{refs}]\n"));
    }
    insta::assert_snapshot!("registry-aliases", registry(&laughs));
}

#[test]
fn config_limits_in_both_languages() {
    let deep = format!("select: {}T{}\n", "[".repeat(70), "]".repeat(70));
    insta::assert_snapshot!("config-deep", config(&deep));
    insta::assert_snapshot!("config-unknown-anchor", config("select: *nowhere\n"));
}

#[test]
fn io_errors_in_both_languages() {
    use std::io::ErrorKind as K;
    let mut out = String::new();
    for kind in [
        K::NotFound,
        K::PermissionDenied,
        K::StorageFull,
        K::ReadOnlyFilesystem,
        K::IsADirectory,
        K::NotADirectory,
        K::InvalidData,
        K::BrokenPipe,
        K::ResourceBusy,
    ] {
        for writing in [false, true] {
            let why = io_reason(&kind.into(), writing);
            assert_ne!(why.vi, why.en(), "{kind:?} has Vietnamese words");
            out.push_str(&format!("{kind:?} writing={writing}\n  vi: {}\n  en: {}\n", why.vi, why.en()));
        }
    }
    // A kind without words of its own: Vietnamese first, the system's words as a detail.
    let other = io_reason(&std::io::Error::other("weird failure"), false);
    out.push_str(&format!("Other\n  vi: {}\n  en: {}\n", other.vi, other.en()));
    insta::assert_snapshot!("io-reasons", out);
}
