//! `planlint check` as users run it, through the real binary: a folder of mixed input, what a
//! folder walk takes and skips, deterministic order whatever the parallelism, several formats in
//! one run, standard input, exit codes, and a baseline adopted from the command line.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests fail loudly"
)]

mod common;

/// A fresh folder for one test, with an empty `plans/` in it.
fn scratch(name: &str) -> common::Scratch {
    let dir = common::scratch(&format!("check-{name}"));
    std::fs::create_dir_all(dir.join("plans")).unwrap();
    dir
}

/// The file names of the per-file summary lines (`plans/x.txt: 1 lỗi, …`), in output order.
fn summarized_files(out: &str) -> Vec<&str> {
    out.lines().filter(|l| l.ends_with(" gợi ý") && l.contains(": ")).filter_map(|l| l.split(": ").next()).collect()
}

/// What a new user meets: a folder with a good plan, a PDF saved as `.txt`, a plan saved as
/// UTF-16 by Notepad, and an empty file. Every file gets its say, the unreadable ones as errors at
/// their place, and the run fails (exit 1). Then a broken `planlint.yaml` beside them: nothing is
/// checked, the config error is shown at its line, and the exit code is 2. Input errors can be
/// ignored or given a severity in the config, like rules.
#[test]
fn a_folder_of_mixed_input_and_a_broken_config() {
    let dir = scratch("mixed");
    std::fs::write(dir.join("plans/ke-hoach.txt"), common::fixture("fixtures/plans/seeds/004_637658ef43bae47a.txt"))
        .unwrap();
    std::fs::write(dir.join("plans/scan.txt"), b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\x00\x00")
        .unwrap();
    let md = String::from_utf8(common::fixture("fixtures/plans/crafted/tasks.md")).unwrap();
    let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(md.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    std::fs::write(dir.join("plans/notepad-utf16.md"), utf16).unwrap();
    std::fs::write(dir.join("plans/empty.txt"), b"").unwrap();

    let (code, out, err) = common::planlint_in(&dir, &["check", "plans", "--quiet"], None);
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.is_empty(), "{err}");
    assert_eq!(
        summarized_files(&out),
        ["plans/empty.txt", "plans/notepad-utf16.md", "plans/scan.txt"],
        "with --quiet, only files with errors have a line:\n{out}"
    );
    assert!(out.ends_with("4 lỗi, 12 cảnh báo, 7 gợi ý trong 4 tệp; 1 tệp không đọc được\n"), "{out}");
    insta::assert_snapshot!("mixed_folder_quiet", out);

    std::fs::write(dir.join("planlint.yaml"), "stage: finall\nselect: [T]\n").unwrap();
    let (code, out, err) = common::planlint_in(&dir, &["check", "plans"], None);
    assert_eq!(code, 2, "{out}{err}");
    assert!(out.is_empty(), "nothing is checked with a broken config: {out}");
    insta::assert_snapshot!("mixed_folder_broken_config", err);

    // Input errors are configured like rules: an empty file left alone, a PDF only a warning.
    std::fs::write(dir.join("planlint.yaml"), "ignore: [E003]\nseverity: {E002: warning}\n").unwrap();
    let (code, out, err) = common::planlint_in(&dir, &["check", "plans", "--format", "github"], None);
    assert_eq!(code, 1, "the UTF-16 plan still has errors: {out}{err}");
    assert!(!out.contains("empty.txt"), "{out}");
    assert!(
        out.contains(
            "::warning file=plans/scan.txt,line=1,col=1,endLine=1,endColumn=1,title=E002(encoding-unsupported)::"
        ),
        "{out}"
    );
    let (_, out, _) = common::planlint_in(&dir, &["check", "plans/scan.txt"], None);
    assert!(
        out.contains("  ⚠ plans/scan.txt: đây là tệp PDF")
            && out.ends_with("0 lỗi, 1 cảnh báo, 0 gợi ý trong 1 tệp; 1 tệp không đọc được\n"),
        "{out}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A folder walk takes `.txt` and `.md` files (any case), skips hidden and build folders and other
/// extensions, and reports a symbolic-link loop and a dangling link as unreadable entries without
/// losing the other files.
#[cfg(unix)]
#[test]
fn the_walk_takes_plans_skips_the_rest_and_reports_bad_entries() {
    let dir = scratch("walk");
    let plan = common::fixture("fixtures/plans/crafted/tasks.md");
    for path in
        ["plans/a.md", "plans/sub/B.TXT", ".git/x.md", "plans/.drafts/c.md", "target/d.md", "plans/node_modules/e.md"]
    {
        std::fs::create_dir_all(dir.join(path).parent().unwrap()).unwrap();
        std::fs::write(dir.join(path), &plan).unwrap();
    }
    std::fs::write(dir.join("plans/notes.docx"), b"PK\x03\x04").unwrap();
    std::fs::write(dir.join("plans/old.DOC"), b"\xd0\xcf\x11\xe0").unwrap();
    std::fs::write(dir.join("plans/scan.png"), b"\x89PNG").unwrap();
    std::os::unix::fs::symlink("..", dir.join("plans/sub/loop")).unwrap();
    std::os::unix::fs::symlink("gone.md", dir.join("plans/dangling.md")).unwrap();

    let (code, out, err) = common::planlint_in(&dir, &["check", "."], None);
    assert_eq!(code, 1, "{out}{err}");
    // A Word file is a plan to read: a broken one is named (E005), never skipped; documents in
    // formats planlint does not read are named with what to do.
    assert_eq!(
        summarized_files(&out),
        [
            "plans/a.md",
            "plans/dangling.md",
            "plans/notes.docx",
            "plans/old.DOC",
            "plans/scan.png",
            "plans/sub/B.TXT",
            "plans/sub/loop"
        ],
        "{out}"
    );
    // Five of the seven could not be read: the summary says so.
    assert!(out.contains("trong 7 tệp; 5 tệp không đọc được\n"), "{out}");
    assert!(out.contains("E005(docx-invalid)"), "{out}");
    assert!(out.contains("plans/old.DOC: không đọc được tệp: tệp Word cũ (.doc) chưa đọc được"), "{out}");
    assert!(out.contains("plans/scan.png: không đọc được tệp: tệp ảnh (.png) không có chữ để đọc"), "{out}");
    let e001: Vec<&str> =
        out.lines().filter(|l| l.starts_with("  × plans/") && (l.contains("loop") || l.contains("dangling"))).collect();
    assert_eq!(e001.len(), 2, "{out}");
    assert!(e001.iter().any(|l| l.contains("plans/sub/loop") && l.contains("trỏ ngược về thư mục")), "{e001:?}");
    assert!(e001.iter().any(|l| l.contains("plans/dangling.md") && l.contains("không tìm thấy")), "{e001:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The same findings in the same order with one thread or many, in every format.
#[test]
fn output_is_the_same_whatever_the_parallelism() {
    let root = common::root();
    for format in ["human", "json", "sarif", "github", "junit"] {
        let one = common::planlint_in(&root, &["check", "fixtures/plans", "--format", format, "-j", "1"], None);
        let many = common::planlint_in(&root, &["check", "fixtures/plans", "--format", format, "-j", "4"], None);
        assert_eq!(one.0, 1, "{format}: {}", one.2);
        // The run reached the seeds and the crafted plans: a known finding of each is in the output.
        for (file, code) in [("000_069ff08a07d18407", "S201"), ("xa-luc-binh", "I106")] {
            assert!(one.1.contains(file) && one.1.contains(code), "{format}: no {code} on {file}: {}", one.1);
        }
        assert!(one == many, "{format}: -j 1 and -j 4 differ");
    }
}

/// One format on the screen and others in files, in one run; two formats cannot share the
/// screen.
#[test]
fn several_formats_in_one_run() {
    let dir = scratch("formats");
    let seed = common::seed_path("003");
    let seed = seed.to_str().unwrap();
    let (code, out, err) = common::planlint_in(
        &dir,
        &["check", seed, "--format", "github", "--format", "json=out.json", "--format", "sarif=out.sarif"],
        None,
    );
    assert_eq!(code, 1, "{err}");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("out.json")).unwrap()).unwrap();
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("out.sarif")).unwrap()).unwrap();
    let n = json["diagnostics"].as_array().unwrap().len();
    assert_eq!(out.lines().filter(|l| l.starts_with("::")).count(), n, "{out}");
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), n);
    assert_eq!(json["summary"]["errors"], 6);

    let (code, out, err) = common::planlint_in(&dir, &["check", seed, "--format", "json", "--format", "sarif"], None);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.contains("chỉ một định dạng được ghi ra màn hình"), "{err}");
    let (code, _, err) = common::planlint_in(&dir, &["check", seed, "--format", "xml"], None);
    assert_eq!(code, 2);
    assert!(err.contains("không có định dạng đầu ra `xml`"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A plan on standard input is named by `--stdin-filename`: in messages, and for the config's
/// per-path overrides.
#[test]
fn standard_input_is_named_for_messages_and_overrides() {
    let dir = scratch("stdin");
    std::fs::write(dir.join("planlint.yaml"), "overrides:\n  - paths: [\"xa/*.md\"]\n    ignore: [T101]\n").unwrap();
    let plan = common::fixture("fixtures/plans/crafted/tasks.md");
    let (code, out, _) = common::planlint_in(
        &dir,
        &["check", "-", "--stdin-filename", "huyen/ke-hoach.md", "--format", "github"],
        Some(&plan),
    );
    assert_eq!(code, 1);
    assert!(out.contains("::error file=huyen/ke-hoach.md,line=20,col=7,"), "{out}");
    let (_, out, _) = common::planlint_in(
        &dir,
        &["check", "-", "--stdin-filename", "xa/ke-hoach.md", "--format", "github"],
        Some(&plan),
    );
    assert!(out.contains("file=xa/ke-hoach.md,") && !out.contains("T101"), "the override ignores T101 here:\n{out}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Exit code 0 when only warnings and hints are found, 1 with `--deny-warnings`.
#[test]
fn warnings_fail_the_run_only_when_asked() {
    let root = common::root();
    let seed = common::seed_path("004");
    let seed = seed.to_str().unwrap();
    let (code, out, _) = common::planlint_in(&root, &["check", seed], None);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(" cảnh báo") && !out.ends_with("0 cảnh báo, 3 gợi ý trong 1 tệp\n"), "{out}");
    let (code, _, _) = common::planlint_in(&root, &["check", seed, "--deny-warnings"], None);
    assert_eq!(code, 1);
}

/// A repository adopts planlint: the baseline records today's findings and the next run passes;
/// a new defect is the only finding reported then.
#[test]
fn a_baseline_from_the_command_line() {
    let dir = scratch("baseline");
    let text = String::from_utf8(common::fixture("fixtures/plans/seeds/003_499b1605bf18a62a.txt")).unwrap();
    std::fs::write(dir.join("plans/003.txt"), &text).unwrap();
    let (code, out, err) = common::planlint_in(&dir, &["check", "plans", "--write-baseline", "baseline.json"], None);
    assert_eq!(code, 0, "{err}");
    assert!(out.ends_with("6 lỗi, 13 cảnh báo, 47 gợi ý trong 1 tệp\n"), "{out}");
    assert!(err.contains("đã ghi 66 phát hiện được chấp nhận vào baseline.json"), "{err}");

    let (code, out, err) = common::planlint_in(&dir, &["check", "plans", "--baseline", "baseline.json"], None);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.ends_with("0 lỗi, 0 cảnh báo, 0 gợi ý trong 1 tệp\n"), "{out}");
    assert!(err.contains("baseline đã ẩn 66 phát hiện đã biết; 0 mục"), "{err}");

    // Notes added at the top move every line; a task loses its lead unit.
    let row = text.lines().find(|l| l.starts_with("22\t")).unwrap();
    let cells: Vec<&str> = row.split('\t').collect();
    let emptied = row.replacen(&format!("\t{}\t", cells[2]), "\t\t", 1);
    let edited = format!("<!-- ghi chú -->\n\n{}", text.replacen(row, &emptied, 1));
    std::fs::write(dir.join("plans/003.txt"), edited).unwrap();
    let (code, out, _) =
        common::planlint_in(&dir, &["check", "plans", "--baseline", "baseline.json", "--format", "github"], None);
    assert_eq!(code, 1, "{out}");
    let reported: Vec<&str> = out.lines().filter(|l| l.starts_with("::")).collect();
    assert!(reported.len() <= 2 && reported.iter().any(|l| l.contains("T101(task-lead-missing)")), "{out}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn statistics_count_per_rule_and_per_file_and_exit_zero_passes() {
    let dir = common::root();
    let plans = ["fixtures/real/01-anninh-hungyen-phong-chong-ma-tuy.txt", "fixtures/bad/empty.txt"];
    let (code, out, _) = common::planlint_in(&dir, &["check", plans[0], plans[1], "--statistics", "--quiet"], None);
    assert_eq!(code, 1);
    let stats =
        out.split_once("\n\nPhát hiện theo quy tắc:").map(|(_, s)| format!("Phát hiện theo quy tắc:{s}")).unwrap();
    insta::assert_snapshot!(stats);
    let (code, out, err) = common::planlint_in(
        &dir,
        &["check", plans[0], plans[1], "--statistics", "--exit-zero", "--format", "json"],
        None,
    );
    assert_eq!(code, 0);
    // A machine format keeps standard output to itself.
    assert!(serde_json::from_str::<serde_json::Value>(&out).is_ok());
    assert!(err.contains("Phát hiện theo tệp:"), "{err}");
}

/// A folder walk leaves out what `.gitignore` and `.ignore` list (outside a Git repository
/// too) and what the config's `exclude:` lists, so notes and reports are not linted as plans;
/// files named on the command line, and a folder named there, are checked all the same. A bad
/// pattern in `exclude:` is a config error at its place.
#[test]
fn the_walk_respects_ignore_files_and_the_config_exclude() {
    let dir = scratch("exclude");
    let plan = common::fixture("fixtures/plans/crafted/tasks.md");
    for path in [
        "plans/a.md",
        "plans/sub/b.md",
        "plans/sub/tam.md",
        "plans/z.bak.md",
        "README.md",
        "plans/README.md",
        "bao-cao/2024/tong-hop.md",
        "ghi-chu/x.md",
        "ghi-chu/y.md",
        "du-thao-cu/c.md",
    ] {
        std::fs::create_dir_all(dir.join(path).parent().unwrap()).unwrap();
        std::fs::write(dir.join(path), &plan).unwrap();
    }
    std::fs::write(dir.join(".gitignore"), "du-thao-cu/\n*.bak.md\n").unwrap();
    std::fs::write(dir.join("plans/sub/.ignore"), "tam.md\n").unwrap();
    std::fs::write(dir.join("planlint.yaml"), "exclude: [README.md, \"bao-cao/**\", ghi-chu]\n").unwrap();

    let (code, out, err) = common::planlint_in(&dir, &["check", "."], None);
    assert_eq!(code, 1, "{out}{err}");
    assert_eq!(summarized_files(&out), ["plans/a.md", "plans/sub/b.md"], "{out}");

    // Named on the command line: checked, excluded or ignored.
    let (_, out, err) = common::planlint_in(&dir, &["check", "README.md", "du-thao-cu/c.md", "plans"], None);
    assert_eq!(summarized_files(&out), ["README.md", "du-thao-cu/c.md", "plans/a.md", "plans/sub/b.md"], "{err}");
    let (_, out, err) = common::planlint_in(&dir, &["check", "ghi-chu"], None);
    assert_eq!(summarized_files(&out), ["ghi-chu/x.md", "ghi-chu/y.md"], "{err}");

    // From a folder below the config: its patterns are still relative to the config.
    let (_, out, err) = common::planlint_in(&dir.join("plans"), &["check", "."], None);
    assert_eq!(summarized_files(&out), ["a.md", "sub/b.md"], "{err}");

    std::fs::write(dir.join("planlint.yaml"), "exclude:\n  - README.md\n  - \"bao-cao/[0-9\"\n").unwrap();
    let (code, out, err) = common::planlint_in(&dir, &["check", "."], None);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("mẫu đường dẫn `bao-cao/[0-9` không hợp lệ: thiếu `]` đóng lớp ký tự"), "{err}");
    assert!(err.contains("planlint.yaml:3:"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}
