//! The real binary on bad input: every case is a located diagnostic in plain Vietnamese (or
//! English with `--lang en`), exit code 2, and never a panic. And on good input: the model.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests fail loudly"
)]

mod common;

use std::path::Path;
use std::process::Command;

fn planlint(args: &[&str]) -> (i32, String, String) {
    common::planlint_in(&common::root(), args, None)
}

/// Exit code and stderr, for a snapshot.
fn failure(args: &[&str]) -> String {
    let (code, stdout, stderr) = planlint(args);
    assert!(stdout.is_empty(), "nothing on stdout when extraction fails: {stdout}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    format!("exit: {code}\n{stderr}")
}

#[test]
fn bad_inputs() {
    insta::glob!("../fixtures/bad", "*.*", |path| {
        let rel = path.strip_prefix(common::root()).unwrap().to_string_lossy().into_owned();
        let report = failure(&["extract", &rel]);
        assert!(report.starts_with("exit: 2\n"), "{report}");
        insta::assert_snapshot!(report);
    });
}

#[test]
fn bad_input_in_english() {
    insta::assert_snapshot!(failure(&["--lang", "en", "extract", "fixtures/bad/tcvn3-abc.txt"]));
}

#[test]
fn a_fifty_megabyte_file_is_refused_before_it_is_read() {
    let dir = common::scratch("big");
    let big = dir.join("big.txt");
    std::fs::File::create(&big).unwrap().set_len(50 * 1024 * 1024).unwrap();
    let report = failure(&["extract", big.to_str().unwrap()]).replace(big.to_str().unwrap(), "big.txt");
    std::fs::remove_dir_all(&dir).unwrap();
    insta::assert_snapshot!(report, @r"
    exit: 2
    E001(file-unreadable)

      × big.txt: tệp quá lớn để là một kế hoạch (50,0 MB, giới hạn 16,0 MB)
      help: kiểm tra lại có đúng là tệp kế hoạch không; kế hoạch thường chỉ vài chục KB
    ");
}

#[test]
fn missing_files_and_directories() {
    let report = failure(&["extract", "fixtures/no-such-plan.txt"]);
    assert!(report.starts_with("exit: 2\nE001(file-unreadable)"), "{report}");
    assert!(report.contains("fixtures/no-such-plan.txt: không đọc được tệp: không tìm thấy tệp"), "{report}");
    let report = failure(&["extract", "fixtures"]);
    assert!(report.contains("fixtures: không đọc được tệp: đây là thư mục, không phải tệp"), "{report}");
    let report = failure(&["--lang", "en", "extract", "fixtures/no-such-plan.txt"]);
    assert!(report.contains("fixtures/no-such-plan.txt: cannot read the file: no such file"), "{report}");
}

#[test]
fn utf16_and_stdin_give_the_same_model_as_the_file() {
    let seed = common::seed_path("004");
    let rel = seed.strip_prefix(common::root()).unwrap().to_string_lossy().into_owned();
    let (code, expected, _) = planlint(&["extract", &rel, "--spans", "bytes"]);
    assert_eq!(code, 0);
    let text = std::fs::read_to_string(&seed).unwrap();
    let dir = common::scratch("utf16");
    let path = dir.join("plan.txt");
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(&path, bytes).unwrap();
    let (code, utf16, stderr) = planlint(&["extract", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    // Same model; spans are those of the UTF-16 file's own text, so compare without them.
    let strip = |s: &str| {
        let mut v: serde_json::Value = serde_json::from_str(s).unwrap();
        strip_spans(&mut v);
        v
    };
    assert_eq!(strip(&utf16), strip(&expected));
    let piped = Command::new(env!("CARGO_BIN_EXE_planlint"))
        .args(["extract", "-", "--spans", "bytes"])
        .stdin(std::fs::File::open(&seed).unwrap())
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(piped.stdout).unwrap(), expected);
    std::fs::remove_dir_all(&dir).unwrap();
}

fn strip_spans(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            map.remove("span");
            map.values_mut().for_each(strip_spans);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip_spans),
        _ => {}
    }
}

#[test]
fn yaml_output_reads_back_into_the_model() {
    let (code, yaml, _) =
        planlint(&["extract", "fixtures/plans/variants/word-two-column.txt", "--format", "yaml", "--spans", "bytes"]);
    assert_eq!(code, 0);
    let plan: planlint::model::Plan = serde_yaml::from_str(&yaml).unwrap();
    let (_, direct) =
        common::extract_file(Path::new(&common::root().join("fixtures/plans/variants/word-two-column.txt")));
    assert_eq!(plan, direct);
    assert_eq!(plan.tasks.len(), 6);
}

#[test]
fn check_reports_findings_with_the_plan_text() {
    let (code, stdout, stderr) = planlint(&["check", "fixtures/plans/seeds/004_637658ef43bae47a.txt"]);
    assert!(stderr.is_empty(), "{stderr}");
    assert_eq!(code, 0, "an info finding does not fail the run");
    insta::assert_snapshot!(stdout);
}

#[test]
fn check_fails_on_error_findings() {
    let (code, stdout, _) = planlint(&["check", "fixtures/plans/seeds/003_499b1605bf18a62a.txt"]);
    assert_eq!(code, 1);
    assert!(stdout.contains("T102(task-deadline-missing)"), "{stdout}");
    assert!(stdout.contains("003_499b1605bf18a62a.txt:371:"), "{stdout}");
    assert!(stdout.ends_with("6 lỗi, 13 cảnh báo, 47 gợi ý trong 1 tệp\n"), "{stdout}");
}

#[test]
fn user_rules_add_rules_and_change_built_in_ones() {
    let (code, stdout, _) = planlint(&[
        "--lang",
        "en",
        "check",
        "--rules",
        "fixtures/rule-dirs/province",
        "fixtures/plans/seeds/004_637658ef43bae47a.txt",
    ]);
    assert_eq!(code, 0);
    // T107 is overridden from info to warning.
    assert!(stdout.contains("⚠ task `Tổng hợp báo cáo"), "{stdout}");
    assert!(stdout.ends_with("0 errors, 6 warnings, 3 infos in 1 file\n"), "{stdout}");
    let (_, list, _) = planlint(&["rules", "--rules", "fixtures/rule-dirs/province", "list"]);
    let t106 = list.lines().find(|l| l.starts_with("T106")).unwrap();
    assert!(t106.split_whitespace().nth(2) == Some("off"), "{list}");
    assert!(list.contains("X901  task-result-missing"), "{list}");
}

#[test]
fn a_broken_rule_file_stops_the_run_with_its_diagnostics() {
    let (code, stdout, stderr) = planlint(&[
        "check",
        "--rules",
        "fixtures/rule-files/unknown-field.plr",
        "fixtures/plans/seeds/004_637658ef43bae47a.txt",
    ]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty(), "{stdout}");
    assert!(stderr.contains("╭─[fixtures/rule-files/unknown-field.plr:10:20]"), "{stderr}");
    assert!(stderr.contains("có phải ý bạn là `lead`?"), "{stderr}");
    assert!(stderr.ends_with("planlint: 1 lỗi trong tệp quy tắc; chưa chạy quy tắc nào\n"), "{stderr}");
}

#[test]
fn rule_tests_pass_and_a_failing_test_fails_the_run() {
    let (code, stdout, _) = planlint(&["test"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.lines().last().unwrap().ends_with("đạt, 0 không đạt, 0 bỏ qua"), "{stdout}");
    // In a checkout, the rule files on disk stand in for their embedded copies.
    let (code, stdout, stderr) = planlint(&["test", "rules"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("ok   T108"), "{stdout}");
    let (code, stdout, _) = planlint(&["--lang", "en", "test", "fixtures/rule-dirs/failing"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(stdout, @r#"
    FAIL X902 "the wrong line" (fixtures/rule-dirs/failing/X902-lead-is-station.plr:13)
           expected X902 at line(s) 2, found at line(s) 3
           line 3: the lead is `Trạm Y tế`
    1 tests: 0 passed, 1 failed, 0 skipped
    "#);
    // The findings' messages follow the language like the rest.
    let (code, stdout, _) = planlint(&["test", "fixtures/rule-dirs/failing"]);
    assert_eq!(code, 1);
    assert!(stdout.contains("       dòng 3: đơn vị chủ trì là `Trạm Y tế`\n"), "{stdout}");
}

#[test]
fn rules_list_and_explain() {
    let (code, stdout, _) = planlint(&["rules", "list"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!(stdout);
    let (_, markdown, _) = planlint(&["rules", "list", "--format", "markdown"]);
    assert_eq!(markdown, std::fs::read_to_string(common::root().join("rules/CATALOG.md")).unwrap());
    let (code, stdout, _) = planlint(&["--lang", "en", "rules", "explain", "task-lead-missing"]);
    assert_eq!(code, 0);
    assert!(
        stdout.starts_with("T101 task-lead-missing — error · Content (nội dung)\na task has no lead unit\n"),
        "{stdout}"
    );
    let (code, _, stderr) = planlint(&["rules", "explain", "T111"]);
    assert_eq!(code, 2);
    assert_eq!(stderr, "planlint: không có quy tắc `T111`; có phải ý bạn là `T101`?\n");
}

fn planlint_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    common::planlint_in(dir, args, None)
}

/// A district plan and a commune plan that cites it, linted together: the commune's target below
/// the district's is reported; another district's plan with the same symbol and date is not its
/// parent; alone, the commune plan has no parent to be compared with.
#[test]
fn parent_plans_in_the_same_run_are_compared() {
    let (code, out, err) = planlint(&["check", "fixtures/plans/crafted/parents"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(out.matches("I106(target-below-parent)").count(), 1, "{out}");
    assert!(out.contains("ghi `90`, kém hơn chỉ tiêu 95 của") && out.contains("`141/KH-UBND` mà kế hoạch"), "{out}");
    assert!(!out.contains("kém hơn chỉ tiêu 99"), "Chợ Mới's 141/KH-UBND is not Lục Bình's parent:\n{out}");
    let (_, alone, _) = planlint(&["check", "fixtures/plans/crafted/parents/xa-luc-binh.txt"]);
    assert!(!alone.contains("I106"), "{alone}");
}

/// Plans of a run are known as parents by their first lines only: a district plan saved as
/// UTF-16, or longer than the pre-pass reads, is still found by the commune plan citing it.
#[test]
fn parents_are_found_in_utf16_and_long_files() {
    let crafted = common::root().join("fixtures/plans/crafted/parents");
    let district = std::fs::read_to_string(crafted.join("huyen-bach-thong-141.txt")).unwrap();
    let commune = crafted.join("xa-luc-binh.txt");
    // A long basis paragraph after the header: the file is far larger than the 8 KB pre-pass.
    let title = "Nhân dân năm 2023\n";
    let (head, rest) = district.split_once(title).unwrap();
    let long = format!("{head}{title}\n{}\n{rest}", "Căn cứ tình hình thực tế của địa phương. ".repeat(400));
    assert!(long.len() > 16 * 1024);
    for (name, bytes) in [
        ("utf16.txt", [0xFF, 0xFE].into_iter().chain(district.encode_utf16().flat_map(u16::to_le_bytes)).collect()),
        ("long.txt", long.into_bytes()),
    ] {
        let dir = common::scratch(&format!("parent-{name}"));
        std::fs::write(dir.join(name), bytes).unwrap();
        std::fs::copy(&commune, dir.join("xa-luc-binh.txt")).unwrap();
        let (code, out, err) = planlint(&["check", dir.to_str().unwrap()]);
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(code, 0, "{name}: {out}{err}");
        assert_eq!(out.matches("I106(target-below-parent)").count(), 1, "{name}: {out}");
    }
}

/// `planlint.yaml` from the working directory: parent plans and the stage.
#[test]
fn the_config_names_parents_and_the_stage() {
    let dir = common::scratch("config");
    let crafted = common::root().join("fixtures/plans/crafted/parents");
    std::fs::copy(crafted.join("xa-luc-binh.txt"), dir.join("xa-luc-binh.txt")).unwrap();
    let parent = crafted.join("huyen-bach-thong-141.txt");
    let draft = std::fs::read_to_string(common::seed_path("004")).unwrap();
    std::fs::write(dir.join("draft.txt"), draft).unwrap();
    std::fs::write(dir.join("planlint.yaml"), format!("parents:\n  - {}\n", parent.display())).unwrap();
    let (code, out, err) = planlint_in(&dir, &["check", "xa-luc-binh.txt"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("I106(target-below-parent)"), "{out}");
    // A blank number is information in a draft and an error in a plan about to be signed.
    let (code, out, _) = planlint_in(&dir, &["check", "draft.txt"]);
    assert_eq!(code, 0, "{out}");
    std::fs::write(dir.join("planlint.yaml"), "stage: final\n").unwrap();
    let (code, out, _) = planlint_in(&dir, &["check", "draft.txt"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("S102(symbol-blank)"), "{out}");
    let (code, _, _) = planlint_in(&dir, &["check", "--stage", "draft", "draft.txt"]);
    assert_eq!(code, 0, "--stage wins over the config");
    std::fs::write(dir.join("planlint.yaml"), "stage: final\nparent: [a.txt]\n").unwrap();
    let (code, out, err) = planlint_in(&dir, &["check", "draft.txt"]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, 2, "{out}");
    insta::assert_snapshot!(err.replace(&dir.display().to_string(), "DIR"), @r"
    config-invalid

      × khóa `parent` không có trong cấu hình
       ╭─[planlint.yaml:2:1]
     1 │ stage: final
     2 │ parent: [a.txt]
       · ──────
       ╰────
      help: có phải ý bạn là `parents`? (các khóa ở đây: `lang`, `stage`, `select`, `ignore`,
            `severity`, `overrides`, `rules`, `registries`, `parents`, `exclude`)
    ");
}

/// A fresh empty directory for one test.
fn scratch(name: &str) -> common::Scratch {
    common::scratch(&format!("cli-{name}"))
}

/// The rule codes reported, in order of output.
fn codes(out: &str) -> Vec<String> {
    let re = regex::Regex::new(r"\b([A-Z]\d{3})\([a-z-]+\)").unwrap();
    re.captures_iter(out).map(|c| c[1].to_owned()).collect()
}

/// `init` writes a commented config that `check` reads back; it never overwrites one unless
/// told to.
#[test]
fn init_writes_a_config_once() {
    let dir = scratch("init");
    let (code, out, err) = planlint_in(&dir, &["init"]);
    assert_eq!((code, err.as_str()), (0, ""), "{out}");
    assert!(out.contains("đã tạo `planlint.yaml`"), "{out}");
    let written = std::fs::read_to_string(dir.join("planlint.yaml")).unwrap();
    assert_eq!(written, planlint::config::TEMPLATE);
    std::fs::copy(common::root().join("fixtures/plans/crafted/tasks.md"), dir.join("tasks.md")).unwrap();
    let (code, out, err) = planlint_in(&dir, &["check", "tasks.md"]);
    assert_eq!(code, 1, "the template is the defaults: {out}{err}");
    assert!(err.is_empty(), "{err}");
    std::fs::write(dir.join("planlint.yaml"), "stage: final\n").unwrap();
    let (code, out, err) = planlint_in(&dir, &["init"]);
    assert_eq!((code, out.as_str()), (2, ""));
    insta::assert_snapshot!(err, @"planlint: `planlint.yaml` đã có ở thư mục này nên được giữ nguyên (dùng `--force` để ghi đè)");
    let (_, _, err) = planlint_in(&dir, &["init", "--lang", "en"]);
    insta::assert_snapshot!(err, @"planlint: `planlint.yaml` already exists here; it is left as it is (use `--force` to overwrite it)");
    assert_eq!(std::fs::read_to_string(dir.join("planlint.yaml")).unwrap(), "stage: final\n");
    let (code, _, _) = planlint_in(&dir, &["init", "--force"]);
    assert_eq!(code, 0);
    assert_eq!(std::fs::read_to_string(dir.join("planlint.yaml")).unwrap(), planlint::config::TEMPLATE);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `lang:` in the config is the language when `--lang` is not given, for every command.
#[test]
fn the_config_chooses_the_language_unless_lang_is_given() {
    let dir = scratch("lang");
    std::fs::copy(common::root().join("fixtures/plans/crafted/tasks.md"), dir.join("tasks.md")).unwrap();
    std::fs::write(dir.join("planlint.yaml"), "lang: en\n").unwrap();
    let (_, out, _) = planlint_in(&dir, &["check", "tasks.md"]);
    assert!(out.ends_with("warnings, 3 infos in 1 file\n"), "{out}");
    let (_, out, _) = planlint_in(&dir, &["check", "--lang", "vi", "tasks.md"]);
    assert!(out.ends_with("gợi ý trong 1 tệp\n"), "{out}");
    let (_, out, _) = planlint_in(&dir, &["rules", "explain", "T101"]);
    assert!(out.contains("What it checks"), "{out}");
    // The config's own errors are in its language too.
    std::fs::write(dir.join("planlint.yaml"), "lang: en\nstage: signed\n").unwrap();
    let (code, _, err) = planlint_in(&dir, &["check", "tasks.md"]);
    assert_eq!(code, 2);
    assert!(err.contains("`signed` is not a stage"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `select`, `ignore`, `severity` and `overrides` in the config, `--select` and `--ignore` on
/// the command line, and their mistakes.
#[test]
fn rules_are_selected_by_config_overrides_and_options() {
    let dir = scratch("select");
    std::fs::create_dir_all(dir.join("communes")).unwrap();
    let plan = common::root().join("fixtures/plans/crafted/tasks.md");
    std::fs::copy(&plan, dir.join("tasks.md")).unwrap();
    std::fs::copy(&plan, dir.join("communes/tasks.md")).unwrap();
    let (_, all, _) = planlint_in(&dir, &["check", "tasks.md"]);
    assert!(codes(&all).contains(&"I101".to_owned()) && codes(&all).contains(&"T103".to_owned()), "{all}");
    std::fs::write(
        dir.join("planlint.yaml"),
        "select: [T]\nignore: [T103]\nseverity: {T1: info}\noverrides:\n  - paths: [communes]\n    ignore: [T10]\n",
    )
    .unwrap();
    let (code, out, err) = planlint_in(&dir, &["check", "tasks.md"]);
    assert_eq!(code, 0, "every finding is information now: {out}{err}");
    let found = codes(&out);
    assert!(found.iter().all(|c| c.starts_with('T') && c != "T103"), "{out}");
    assert!(found.contains(&"T110".to_owned()) && found.contains(&"T101".to_owned()), "{out}");
    assert!(out.ends_with("0 lỗi, 0 cảnh báo, 10 gợi ý trong 1 tệp\n"), "{out}");
    // The override, matched from inside the directory too.
    let (_, out, _) = planlint_in(&dir.join("communes"), &["check", "tasks.md"]);
    assert_eq!(codes(&out), ["T110"], "{out}");
    // `--select` replaces `select`; the config's ignore still holds; `--ignore` adds.
    let (_, out, _) = planlint_in(&dir, &["check", "--select", "I,T1", "--ignore", "T110", "tasks.md"]);
    let found = codes(&out);
    assert!(found.contains(&"I101".to_owned()) && !found.contains(&"T103".to_owned()), "{out}");
    assert!(!found.contains(&"T110".to_owned()), "{out}");
    // Mistakes: a code no rule has, in the config and on the command line.
    std::fs::write(dir.join("planlint.yaml"), "ignore: [T1O3]\n").unwrap();
    let (code, _, err) = planlint_in(&dir, &["check", "tasks.md"]);
    assert_eq!(code, 2);
    assert!(err.contains("`T1O3` không phải mã hay tiền tố mã quy tắc"), "{err}");
    std::fs::write(dir.join("planlint.yaml"), "severity:\n  T111: off\n").unwrap();
    let (code, _, err) = planlint_in(&dir, &["check", "tasks.md"]);
    assert_eq!(code, 2);
    insta::assert_snapshot!(err.replace(&dir.display().to_string(), "DIR"), @r"
    config-invalid

      × không có quy tắc nào có mã `T111`
       ╭─[planlint.yaml:2:3]
     1 │ severity:
     2 │   T111: off
       ·   ────
       ╰────
      help: có phải ý bạn là `T101`?
    ");
    std::fs::remove_file(dir.join("planlint.yaml")).unwrap();
    let (code, _, err) = planlint_in(&dir, &["check", "--lang", "en", "--ignore", "Q", "tasks.md"]);
    assert_eq!(code, 2);
    insta::assert_snapshot!(err, @r"
    option-invalid

      × --ignore: no rule's code starts with `Q`
      help: the rule families are `E`, `F`, `I`, `L`, `S`, `T`
    ");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn usage_errors_are_in_vietnamese_unless_english_is_asked_for() {
    let dir = common::scratch("usage-errors");
    let mut shown = String::new();
    for args in [
        &["chek"][..],
        &["check", "--formt", "json"],
        &["check", "--stage", "cuoi"],
        &["annotate"],
        &["check", "--lang", "en", "--formt", "json"],
    ] {
        let (code, out, err) = common::planlint_in(&dir, args, None);
        assert_eq!(code, 2, "{args:?}");
        assert!(out.is_empty());
        shown.push_str(&format!("$ planlint {}\n{err}\n", args.join(" ")));
    }
    // Help and version are not errors.
    let (code, out, _) = common::planlint_in(&dir, &["--version"], None);
    assert_eq!((code, out.starts_with("planlint ")), (0, true));
    insta::assert_snapshot!(shown);
}

/// `--help` is Vietnamese by default — the commands, the options, clap's own headings — and
/// English with `--lang en` (before or after the command); `help check` is `check --help`.
#[test]
fn help_in_vietnamese_and_in_english() {
    let dir = scratch("help");
    let help = |args: &[&str]| {
        let (code, out, err) = planlint_in(&dir, args);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(err.is_empty(), "{err}");
        out
    };
    insta::assert_snapshot!("help_vi", help(&["--help"]));
    insta::assert_snapshot!("help_check_vi", help(&["check", "--help"]));
    insta::assert_snapshot!("help_en", help(&["--lang", "en", "--help"]));
    insta::assert_snapshot!("help_check_en", help(&["check", "--help", "--lang=en"]));
    assert_eq!(help(&["help", "check"]), help(&["check", "--help"]));
    assert!(help(&["annotate", "-h"]).contains("Cách dùng: planlint annotate [TÙY-CHỌN] <ĐƯỜNG-DẪN>..."));
    // A command without its subcommand shows its help, an error (exit 2).
    let (code, out, err) = planlint_in(&dir, &["rules"]);
    assert_eq!(code, 2, "{out}");
    assert!(err.contains("Cách dùng: planlint rules [TÙY-CHỌN] <LỆNH>") && err.contains("Lệnh:"), "{err}");
    // The nearest config's `lang: en` chooses English too.
    std::fs::write(dir.join("planlint.yaml"), "lang: en\n").unwrap();
    assert_eq!(help(&["check", "--help"]), help(&["--lang", "en", "check", "--help"]));
    // A usage error is told in the same language.
    let (code, _, err) = planlint_in(&dir, &["--lang", "vi", "check", "--jobs"]);
    assert_eq!(code, 2);
    assert!(err.starts_with("planlint: `--jobs <N>` cần một giá trị"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}
