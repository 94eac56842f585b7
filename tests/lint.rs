//! The library's entry point for a run (`planlint::lint`), called as an embedding calls it (the
//! annotator, the HTML report, an editor): results in path order whatever the threads, parent
//! plans found among the run's files, suppressions and the baseline applied, input errors
//! carried, Word sources with their locations.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests fail loudly"
)]

mod common;

use std::path::PathBuf;
use std::sync::Arc;

use planlint::baseline::Baseline;
use planlint::lang::Lang;
use planlint::lint::{Context, FileResult, Settings, lint_file, lint_paths, lint_source};
use planlint::source::SourceFile;

fn settings() -> Settings {
    Settings::builtin(Lang::Vi).unwrap()
}

fn parents_dir() -> PathBuf {
    common::root().join("fixtures/plans/crafted/parents")
}

/// The codes of a result's findings, in order.
fn codes(r: &FileResult) -> Vec<&str> {
    r.findings.iter().map(|f| f.code.as_str()).collect()
}

/// A district plan and a commune plan citing it, in one run: the results come in name order,
/// whatever the number of threads; the commune's health-insurance target (90%) below the
/// district's (95%) is reported once, on the commune plan, and the other district's plan with
/// the same symbol is not taken for its parent.
#[test]
fn a_folder_is_checked_in_name_order_with_its_parents() {
    for jobs in [Some(1), Some(2), Some(4)] {
        let settings = Settings { jobs, ..settings() };
        let results: Vec<FileResult> = lint_paths(&[parents_dir()], &settings).collect();
        let names: Vec<String> = results.iter().map(|r| r.name.rsplit('/').next().unwrap().to_owned()).collect();
        assert_eq!(names, ["huyen-bach-thong-141.txt", "huyen-cho-moi-141.txt", "xa-luc-binh.txt"], "{jobs:?}");
        for r in &results {
            assert!(r.input_error.is_none() && r.plan.is_some() && r.source.is_some(), "{}", r.name);
        }
        let below: Vec<(&str, &str)> = results
            .iter()
            .flat_map(|r| r.findings.iter().map(move |f| (r.name.as_str(), f)))
            .filter(|(_, f)| f.code == "I106")
            .map(|(name, f)| (name, f.message.as_str()))
            .collect();
        assert_eq!(below.len(), 1, "{below:?}");
        assert!(below[0].0.ends_with("xa-luc-binh.txt"), "{below:?}");
        assert!(below[0].1.contains("ghi `90`, kém hơn chỉ tiêu 95 của"), "{below:?}");
    }
}

/// Alone, the commune plan has no parent; with the district plan named in the config's
/// `parents:`, its target is compared again.
#[test]
fn one_file_with_and_without_a_parent_from_the_config() {
    let child = parents_dir().join("xa-luc-binh.txt");
    let alone = settings();
    let r = lint_file(&child, &alone, &Context::new(&alone));
    assert!(!codes(&r).contains(&"I106"), "{:?}", codes(&r));

    let dir = common::scratch("lint-config-parents");
    let parent = parents_dir().join("huyen-bach-thong-141.txt");
    let text = format!("parents:\n  - {}\n  - {}\n", parent.display(), dir.join("missing.txt").display());
    let config = planlint::config::parse("planlint.yaml", &text, &dir, None).unwrap().config;
    let with = Settings { config: Arc::new(config), ..settings() };
    let cx = Context::new(&with);
    assert_eq!(cx.unusable_parents(), [dir.join("missing.txt")]);
    let r = lint_file(&child, &with, &cx);
    assert_eq!(codes(&r).iter().filter(|c| **c == "I106").count(), 1, "{:?}", codes(&r));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// An editor's buffer with a suppression directive: the silenced finding is gone, the directive
/// is in the result, and a directive that silences nothing is reported (E006).
#[test]
fn suppressions_are_applied_to_a_buffer() {
    let settings = settings();
    let cx = Context::new(&settings);
    let text = std::fs::read_to_string(common::seed_path("004")).unwrap();
    let plain = lint_source(SourceFile::from_text("ke-hoach.md", &text).unwrap(), &settings, &cx);
    assert!(plain.suppressions.is_empty());
    let first = plain.findings.first().expect("the seed has findings").clone();
    let src = plain.source.as_ref().unwrap();
    let line = src.line_col(first.span.start).line;

    // A directive on the line before the finding's silences it; one naming a rule that ran and
    // found nothing there is unused.
    let quiet = settings
        .rules
        .rules()
        .into_iter()
        .find(|r| r.draft.is_some() && !plain.findings.iter().any(|f| f.code == r.code))
        .unwrap()
        .code;
    let mut lines: Vec<&str> = text.lines().collect();
    let directive = format!("<!-- planlint-disable-next-line {} -->", first.code);
    let unused = format!("<!-- planlint-disable-next-line {quiet} -->");
    lines.insert(line - 1, &directive);
    lines.insert(0, &unused);
    let edited = lines.join("\n");
    let r = lint_source(SourceFile::from_text("ke-hoach.md", &edited).unwrap(), &settings, &cx);
    assert_eq!(r.suppressions.codes().map(|(c, _)| c).collect::<Vec<_>>(), [quiet.as_str(), first.code.as_str()]);
    let same = |f: &planlint::finding::Finding| f.code == first.code && f.message == first.message;
    assert!(!r.findings.iter().any(same), "{:?}", codes(&r));
    let unused: Vec<&str> = r.findings.iter().filter(|f| f.code == "E006").map(|f| f.message.as_str()).collect();
    assert!(unused.len() == 1 && unused[0].contains(&quiet), "{unused:?}");
}

/// A baseline written from a run's accepted findings hides all of them on the next run, and
/// says so in the result's baseline state.
#[test]
fn the_baseline_hides_accepted_findings() {
    let seed = common::seed_path("004");
    let keep = Settings { keep_accepted: true, ..settings() };
    let cx = Context::new(&keep);
    let first = lint_file(&seed, &keep, &cx);
    let accepted = first.accepted.clone().unwrap();
    assert!(!accepted.is_empty());
    assert_eq!(accepted.len(), first.findings.len(), "without a baseline nothing is hidden");

    let dir = common::scratch("lint-baseline");
    let path = dir.join("baseline.json");
    let mut builder = Baseline::builder(&path);
    builder.add_file(&first.name, &accepted, first.source.as_ref().unwrap().original());
    let baseline = Baseline::from_json(&builder.to_json(), &path, Lang::Vi).unwrap();
    let with = Settings { baseline: Some(Arc::new(baseline)), ..settings() };
    let second = lint_file(&seed, &with, &Context::new(&with));
    assert!(second.findings.is_empty(), "{:?}", codes(&second));
    assert_eq!(second.baseline.matched, accepted.len());
    assert_eq!(second.baseline.unmatched, 0);
    assert!(second.accepted.is_none(), "accepted findings are kept only when asked");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Input errors are results too: a PDF in a folder is E001 (never skipped), a text that is not a
/// plan is E003 with its decoded source kept; the config can ignore an input error's code.
#[test]
fn input_errors_are_results() {
    let dir = common::scratch("lint-inputs");
    std::fs::write(dir.join("scan.pdf"), b"%PDF-1.7").unwrap();
    std::fs::write(dir.join("notes.txt"), "Danh sách việc cần làm trong tuần.\n").unwrap();
    let results: Vec<FileResult> = lint_paths(&[dir.to_path_buf()], &settings()).collect();
    let errors: Vec<(&str, &str)> = results
        .iter()
        .map(|r| (r.name.rsplit('/').next().unwrap(), r.input_error.as_ref().map_or("", |e| e.code())))
        .collect();
    assert_eq!(errors, [("notes.txt", "E003"), ("scan.pdf", "E001")]);
    assert!(results[0].source.is_some() && results[0].plan.is_none());
    assert!(results[1].source.is_none());

    let config = planlint::config::parse("planlint.yaml", "ignore: [E001]\n", &dir, None).unwrap().config;
    let quiet = Settings { config: Arc::new(config), ..settings() };
    let results: Vec<FileResult> = lint_paths(&[dir.to_path_buf()], &quiet).collect();
    assert!(results[1].input_error.is_none() && results[1].findings.is_empty());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A Word plan: the result carries the document's locations, one per line of the text the rules
/// read, so an annotator can put each finding back in its paragraph or cell.
#[test]
fn a_word_plan_carries_its_locations() {
    let path = common::root().join("fixtures/docx/real/lamdong-kh-cchc-2026-2030.docx");
    let settings = settings();
    let r = lint_file(&path, &settings, &Context::new(&settings));
    assert!(r.input_error.is_none(), "{:?}", r.input_error);
    let src = r.source.as_ref().unwrap();
    let word = src.word().expect("a Word source");
    assert_eq!(word.locations.len(), src.original().lines().count());
    assert!(r.plan.as_ref().is_some_and(|p| !p.tasks.is_empty()));
    for f in &r.findings {
        let line = src.line_col(f.span.start).line;
        assert!(word.locations.get(line - 1).is_some(), "{} at line {line}", f.code);
    }
}

/// `lint_paths` walks folders as `check` does: what `.gitignore` lists and what the settings'
/// config excludes are left out (a README, notes, generated reports), a file named in the paths
/// is checked all the same.
#[test]
fn folder_walks_leave_out_ignored_and_excluded_files() {
    let dir = common::scratch("lint-exclude");
    let plan = std::fs::read(parents_dir().join("xa-luc-binh.txt")).unwrap();
    for path in ["a.txt", "README.md", "bao-cao/x.md", "build/y.txt", "notes/z.md"] {
        std::fs::create_dir_all(dir.join(path).parent().unwrap()).unwrap();
        std::fs::write(dir.join(path), &plan).unwrap();
    }
    std::fs::write(dir.join(".gitignore"), "build/\n").unwrap();
    let yaml = "exclude: [README.md, bao-cao, \"notes/*.md\"]\n";
    let config = planlint::config::parse("planlint.yaml", yaml, &dir, None).unwrap().config;
    let excluding = Settings { config: Arc::new(config), ..settings() };
    let names = |paths: &[PathBuf]| -> Vec<String> {
        let root = dir.display().to_string();
        lint_paths(paths, &excluding).map(|r| r.name.strip_prefix(&root).unwrap().to_owned()).collect()
    };
    assert_eq!(names(&[dir.to_path_buf()]), ["/a.txt"]);
    assert_eq!(
        names(&[dir.to_path_buf(), dir.join("README.md"), dir.join("build/y.txt")]),
        ["/README.md", "/a.txt", "/build/y.txt"]
    );
    // Without the config, only `.gitignore` leaves files out.
    let plain = settings();
    let all: Vec<FileResult> = lint_paths(&[dir.to_path_buf()], &plain).collect();
    assert_eq!(all.len(), 4, "{:?}", all.iter().map(|r| &r.name).collect::<Vec<_>>());
    std::fs::remove_dir_all(&dir).unwrap();
}
