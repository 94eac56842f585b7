//! Every output format of `planlint check` over one run: the seed plans, the NFD form of a seed
//! (columns must count its decomposed characters) and two files that are not plans (an empty
//! file, a stray non-UTF-8 byte). Each format is snapshotted, and checked by something that would
//! fail on a real mistake: the JSON against `docs/planlint-output.schema.json`, the SARIF against
//! the official SARIF 2.1.0 schema (vendored in `tests/schemas/`, see its README) and GitHub's
//! own requirements, the JUnit XML by parsing it and recounting.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests fail loudly"
)]

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};

use planlint::dsl::{CheckOptions, RuleSet, Stage};
use planlint::finding::Severity;
use planlint::lang::Lang;
use planlint::output::{FILE_RENDER_BUDGET, FileReport, Format, HumanStyle, RuleMeta, SinkOptions, Summary, sink};
use planlint::report::InputDiagnostic;
use planlint::report::MAX_RENDERED_BYTES;
use planlint::source::SourceFile;
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

/// The seed whose NFD form is part of the run.
const NFD_SEED: &str = "004_637658ef43bae47a.txt";

/// A writer the test can read back after the sink has consumed its box.
#[derive(Clone, Default)]
struct Shared(Arc<Mutex<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The files of the snapshotted run, by path (relative, `/`-separated, stable), with their bytes:
/// the seeds but the longest (`003`, sixty findings), the NFD copy of a seed, a crafted Markdown
/// plan whose findings have labels, and two files that are not plans. With `all`, every fixture
/// plan (for the checks that do not snapshot).
fn inputs(all: bool) -> Vec<(String, Vec<u8>)> {
    let root = common::root();
    let mut paths: Vec<String> = Vec::new();
    for dir in ["seeds", "crafted", "variants"] {
        let mut names: Vec<String> = std::fs::read_dir(root.join("fixtures/plans").join(dir))
            .unwrap()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().unwrap().is_file())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        paths.extend(names.into_iter().map(|n| format!("fixtures/plans/{dir}/{n}")));
    }
    if !all {
        paths.retain(|p| {
            (p.starts_with("fixtures/plans/seeds/") && !p.contains("/003_")) || p == "fixtures/plans/crafted/tasks.md"
        });
    }
    paths.extend(["fixtures/bad/empty.txt", "fixtures/bad/stray-byte.txt"].map(String::from));
    let mut out: Vec<(String, Vec<u8>)> =
        paths.into_iter().map(|p| (p.clone(), std::fs::read(root.join(&p)).unwrap())).collect();
    let seed = std::fs::read_to_string(root.join("fixtures/plans/seeds").join(NFD_SEED)).unwrap();
    out.push((format!("nfd/{NFD_SEED}"), seed.nfd().collect::<String>().into_bytes()));
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// One file through the pipeline the check command runs: decode, extract, check.
fn report_of(set: &RuleSet, path: &str, bytes: &[u8], lang: Lang, human: Option<HumanStyle>) -> FileReport {
    let registry = planlint::registry::Registry::builtin().unwrap();
    let src = match SourceFile::from_bytes(path, bytes) {
        Ok(s) => s,
        Err(e) => {
            let d = InputDiagnostic::from_source_error(path, &e, Some(bytes), lang);
            return FileReport::from_input_error(path, &d, human);
        }
    };
    let plan = match planlint::extract::extract(&src, &registry.indicators) {
        Ok(p) => p,
        Err(e) => {
            let d = InputDiagnostic::from_extract_error(path, &e, src.original(), lang);
            return FileReport::from_input_error(path, &d, human);
        }
    };
    let outcome = set.check(&plan, Some(&src), &CheckOptions { stage: Stage::Draft, lang, registry, parents: &[] });
    assert!(outcome.stopped.is_empty());
    FileReport::new(path, &src, &outcome.findings, human, true)
}

fn reports(all: bool, lang: Lang, human: Option<HumanStyle>) -> Vec<FileReport> {
    let set = RuleSet::builtin().unwrap();
    inputs(all).iter().map(|(path, bytes)| report_of(&set, path, bytes, lang, human)).collect()
}

fn options(lang: Lang) -> SinkOptions {
    let set = RuleSet::builtin().unwrap();
    SinkOptions {
        lang,
        quiet: false,
        color: false,
        file_summaries: true,
        rules: RuleMeta::catalogue(&set.rules(), Stage::Draft, lang),
        ..SinkOptions::default()
    }
}

/// Feed reports to a sink, file by file, and return what it wrote.
fn write(format: Format, opts: &SinkOptions, reports: &[FileReport]) -> String {
    let buf = Shared::default();
    let mut s = sink(format, Box::new(buf.clone()), opts);
    let mut summary = Summary::default();
    for r in reports {
        s.file(r).unwrap();
        summary.add(r);
    }
    s.finish(&summary).unwrap();
    drop(s);
    String::from_utf8(buf.0.lock().unwrap().clone()).unwrap()
}

const HUMAN: HumanStyle = HumanStyle { color: false, width: 100, quiet: false };

#[test]
fn every_format_on_the_seed_plans() {
    let machine = reports(false, Lang::Vi, None);
    let human = reports(false, Lang::Vi, Some(HUMAN));
    let opts = options(Lang::Vi);
    insta::assert_snapshot!("human", write(Format::Human, &opts, &human));
    insta::assert_snapshot!("json", write(Format::Json, &opts, &machine));
    insta::assert_snapshot!("sarif", write(Format::Sarif, &opts, &machine));
    insta::assert_snapshot!("github", write(Format::Github, &opts, &machine));
    insta::assert_snapshot!("junit", write(Format::Junit, &opts, &machine));
}

#[test]
fn english_run() {
    let set = RuleSet::builtin().unwrap();
    let (path, bytes) = inputs(false).into_iter().find(|(p, _)| p.starts_with("fixtures/plans/seeds/004")).unwrap();
    let empty = std::fs::read(common::root().join("fixtures/bad/empty.txt")).unwrap();
    let reports = [
        report_of(&set, "fixtures/bad/empty.txt", &empty, Lang::En, Some(HUMAN)),
        report_of(&set, &path, &bytes, Lang::En, Some(HUMAN)),
    ];
    insta::assert_snapshot!("human_en", write(Format::Human, &options(Lang::En), &reports));
}

/// The official SARIF schema (a byte-for-byte copy, see `tests/schemas/README.md`).
const SARIF_SCHEMA: &str = "tests/schemas/sarif-2.1.0-rtm.5.json";

fn validator(schema: &str) -> jsonschema::Validator {
    let mut text = std::fs::read_to_string(common::root().join(schema)).unwrap();
    if schema == SARIF_SCHEMA {
        // The one known defect of the published schema: the pattern of a language tag (two
        // places) has a stray `]`, which a strict validator refuses as a regular expression. Its
        // evident intent (`en`, `en-US`) is put in its place.
        let broken = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
        assert_eq!(text.matches(broken).count(), 2);
        text = text.replace(broken, r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#);
    }
    jsonschema::validator_for(&serde_json::from_str(&text).unwrap()).unwrap()
}

fn errors(v: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    v.iter_errors(doc).map(|e| format!("{} at {}", e, e.instance_path())).collect()
}

#[test]
fn json_output_validates_against_its_schema_and_adds_up() {
    let reports = reports(true, Lang::Vi, None);
    let doc: Value = serde_json::from_str(&write(Format::Json, &options(Lang::Vi), &reports)).unwrap();
    let schema = validator("docs/planlint-output.schema.json");
    assert_eq!(errors(&schema, &doc), Vec::<String>::new());

    let diags = doc["diagnostics"].as_array().unwrap();
    let count = |s: &str| diags.iter().filter(|d| d["severity"] == s).count() as u64;
    assert_eq!(doc["summary"]["errors"].as_u64().unwrap(), count("error"));
    assert_eq!(doc["summary"]["warnings"].as_u64().unwrap(), count("warning"));
    assert_eq!(doc["summary"]["infos"].as_u64().unwrap(), count("info"));
    assert_eq!(doc["summary"]["files"].as_u64().unwrap(), inputs(true).len() as u64);
    // Deterministic order: path, line, column, code.
    let keys: Vec<(String, u64, u64, String)> = diags
        .iter()
        .map(|d| {
            let s = |k: &str| d[k].as_str().unwrap().to_owned();
            (s("path"), d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap(), s("code"))
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    // The input errors are there, at 1:1 when they have no place.
    let empty = diags.iter().find(|d| d["path"] == "fixtures/bad/empty.txt").unwrap();
    assert_eq!((&empty["code"], &empty["line"], &empty["column"]), (&Value::from("E003"), &1.into(), &1.into()));
    assert!(!empty["message"].as_str().unwrap().starts_with("fixtures/"), "the path is not repeated in the message");
    let stray = diags.iter().find(|d| d["path"] == "fixtures/bad/stray-byte.txt").unwrap();
    assert_eq!((&stray["code"], &stray["line"], &stray["column"]), (&Value::from("E002"), &6.into(), &33.into()));

    // The schema is strict enough to catch a mistake.
    let mut broken = doc.clone();
    broken["diagnostics"][0]["severity"] = "fatal".into();
    broken["diagnostics"][1]["column"] = 0.into();
    broken["diagnostics"][2].as_object_mut().unwrap().remove("help");
    broken["summary"]["total"] = 3.into();
    assert_eq!(errors(&schema, &broken).len(), 4, "{:?}", errors(&schema, &broken));
}

#[test]
fn sarif_output_validates_against_the_sarif_schema_and_github_rules() {
    let reports = reports(true, Lang::Vi, None);
    let doc: Value = serde_json::from_str(&write(Format::Sarif, &options(Lang::Vi), &reports)).unwrap();
    let schema = validator(SARIF_SCHEMA);
    assert_eq!(errors(&schema, &doc), Vec::<String>::new());

    assert_eq!(doc["version"], "2.1.0");
    let runs = doc["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "planlint");
    let rules = driver["rules"].as_array().unwrap();
    // GitHub requires these of every rule it shows.
    for r in rules {
        for key in ["shortDescription", "fullDescription", "help"] {
            assert!(!r[key]["text"].as_str().unwrap().is_empty(), "{key} of {}", r["id"]);
        }
    }
    let mut ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    ids.dedup();
    assert_eq!(ids.len(), rules.len(), "rule ids are unique");

    let results = run["results"].as_array().unwrap();
    let total: usize = reports.iter().map(|r| r.records.len()).sum();
    assert_eq!(results.len(), total);
    let mut fingerprints = std::collections::HashSet::new();
    for res in results {
        let index = res["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], res["ruleId"], "ruleIndex points at the result's rule");
        let loc = &res["locations"][0]["physicalLocation"];
        let uri = loc["artifactLocation"]["uri"].as_str().unwrap();
        assert!(!uri.contains('\\') && !uri.starts_with('/') && !uri.contains(' '), "{uri}");
        assert!(loc["region"]["startLine"].as_u64().unwrap() >= 1);
        let fp = res["partialFingerprints"]["planlint/v1"].as_str().unwrap();
        assert!(fingerprints.insert((uri.to_owned(), fp.to_owned())), "fingerprints are unique in a file: {fp}");
    }
    // The NFD copy of a seed has the same findings with the same fingerprints.
    let of = |prefix: &str| -> Vec<String> {
        let mut v: Vec<String> = results
            .iter()
            .filter(|r| {
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap().starts_with(prefix)
            })
            .map(|r| r["partialFingerprints"]["planlint/v1"].as_str().unwrap().to_owned())
            .collect();
        v.sort();
        v
    };
    assert_eq!(of("nfd/"), of(&format!("fixtures/plans/seeds/{NFD_SEED}")));

    // The schema catches a mistake.
    let mut broken = doc.clone();
    broken["runs"][0]["columnKind"] = "characters".into();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    broken["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0.into();
    broken["runs"][0]["tool"]["driver"]["rules"][0]["shortDescription"] = "text".into();
    assert_eq!(errors(&schema, &broken).len(), 4, "{:?}", errors(&schema, &broken));
}

#[test]
fn every_format_is_valid_for_a_run_with_no_files() {
    let opts = options(Lang::Vi);
    let json: Value = serde_json::from_str(&write(Format::Json, &opts, &[])).unwrap();
    assert_eq!(errors(&validator("docs/planlint-output.schema.json"), &json), Vec::<String>::new());
    assert_eq!(json["diagnostics"], Value::Array(vec![]));
    let sarif: Value = serde_json::from_str(&write(Format::Sarif, &opts, &[])).unwrap();
    assert_eq!(errors(&validator(SARIF_SCHEMA), &sarif), Vec::<String>::new());
    let xml = write(Format::Junit, &opts, &[]);
    assert_eq!(
        roxmltree::Document::parse(&xml).unwrap().root_element().children().filter(|n| n.is_element()).count(),
        0
    );
    assert_eq!(write(Format::Human, &opts, &[]), "0 lỗi, 0 cảnh báo, 0 gợi ý trong 0 tệp\n");
}

#[test]
fn junit_is_well_formed_and_its_counts_are_true() {
    let reports = reports(true, Lang::Vi, None);
    let xml = write(Format::Junit, &options(Lang::Vi), &reports);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let suites: Vec<_> = doc.root_element().children().filter(|n| n.has_tag_name("testsuite")).collect();
    assert_eq!(suites.len(), reports.len());
    for (suite, report) in suites.iter().zip(&reports) {
        assert_eq!(suite.attribute("name"), Some(report.path.as_str()));
        let cases: Vec<_> = suite.children().filter(|n| n.has_tag_name("testcase")).collect();
        let num = |a: &str| suite.attribute(a).unwrap().parse::<usize>().unwrap();
        let with = |tag: &str| cases.iter().filter(|c| c.children().any(|n| n.has_tag_name(tag))).count();
        assert_eq!(num("tests"), cases.len());
        assert_eq!(num("failures"), with("failure"));
        assert_eq!(num("errors"), with("error"));
        assert_eq!(num("skipped"), with("skipped"));
        assert_eq!(cases.len(), report.records.len().max(1));
        // The messages survive escaping.
        for (case, record) in cases.iter().zip(&report.records) {
            let outcome = case.children().find(|n| n.is_element()).unwrap();
            assert!(outcome.attribute("message").unwrap().ends_with(&record.message));
            assert!(outcome.text().unwrap().contains(&record.message));
        }
    }
}

#[test]
fn github_commands_are_one_line_each() {
    let reports = reports(true, Lang::Vi, None);
    let out = write(Format::Github, &options(Lang::Vi), &reports);
    let lines: Vec<&str> = out.lines().collect();
    let total: usize = reports.iter().map(|r| r.records.len()).sum();
    assert_eq!(lines.len(), total + 1);
    for line in &lines[..total] {
        let (props, _) = line.split_once("::").and_then(|(_, rest)| rest.split_once("::")).unwrap();
        let (command, props) = props.split_once(' ').unwrap();
        assert!(["error", "warning", "notice"].contains(&command), "{line}");
        let keys: Vec<&str> = props.split(',').map(|kv| kv.split_once('=').unwrap().0).collect();
        assert_eq!(keys, ["file", "line", "col", "endLine", "endColumn", "title"], "{line}");
    }
    assert_eq!(lines[total], out.lines().last().unwrap());
}

/// A column counts the characters of the file as it is: in the NFD copy, each decomposed letter
/// before the finding counts as two or three.
#[test]
fn nfd_columns_count_decomposed_characters() {
    let set = RuleSet::builtin().unwrap();
    let nfc = std::fs::read_to_string(common::seed_path("004")).unwrap();
    let nfd: String = nfc.nfd().collect();
    let a = report_of(&set, "a.txt", nfc.as_bytes(), Lang::Vi, None);
    let b = report_of(&set, "b.txt", nfd.as_bytes(), Lang::Vi, None);
    assert_eq!(a.records.len(), b.records.len());
    assert!(!a.records.is_empty());
    let nfc_lines: Vec<&str> = nfc.lines().collect();
    let mut shifted = 0;
    for (x, y) in a.records.iter().zip(&b.records) {
        assert_eq!((&x.code, x.start.line, x.end.line), (&y.code, y.start.line, y.end.line));
        for (p, q) in [(x.start, y.start), (x.end, y.end)] {
            let line = nfc_lines.get(p.line - 1).copied().unwrap_or_default();
            let prefix: String = line.chars().take(p.column - 1).collect();
            assert_eq!(q.column - 1, prefix.nfd().count(), "{} at {}:{}", x.code, p.line, p.column);
            shifted += usize::from(q.column != p.column);
        }
    }
    assert!(shifted > 0, "some finding is after a Vietnamese letter on its line");
}

#[test]
fn quiet_shows_only_errors_and_still_counts_everything() {
    let style = HumanStyle { quiet: true, ..HUMAN };
    let reports = reports(true, Lang::Vi, Some(style));
    let opts = SinkOptions { quiet: true, ..options(Lang::Vi) };
    let out = write(Format::Human, &opts, &reports);
    for r in reports.iter().flat_map(|r| &r.records) {
        assert_eq!(r.rendered.is_some(), r.severity == Severity::Error, "only errors are rendered");
    }
    assert!(!out.contains("⚠") && !out.contains("☞"), "no warning or advice is drawn");
    let mut summary = Summary::default();
    reports.iter().for_each(|r| summary.add(r));
    assert!(summary.warnings > 0 && summary.infos > 0);
    let last = out.lines().last().unwrap();
    assert_eq!(
        last,
        planlint::report::summary_line(
            summary.errors,
            summary.warnings,
            summary.infos,
            summary.files,
            summary.unread,
            Lang::Vi
        )
    );
    // Per-file lines only for files with errors.
    for r in &reports {
        let line = format!("{}: ", r.path);
        assert_eq!(out.lines().any(|l| l.starts_with(&line)), r.count(Severity::Error) > 0, "{}", r.path);
    }
}

#[test]
fn a_clean_file_is_one_passing_test_case_and_one_line() {
    let clean = FileReport::empty("plans/xã-sạch & <đẹp>.md");
    let opts = options(Lang::Vi);
    let xml = write(Format::Junit, &opts, std::slice::from_ref(&clean));
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let suite = doc.descendants().find(|n| n.has_tag_name("testsuite")).unwrap();
    assert_eq!(suite.attribute("name"), Some("plans/xã-sạch & <đẹp>.md"));
    assert_eq!((suite.attribute("tests"), suite.attribute("failures")), (Some("1"), Some("0")));
    let case = suite.children().find(|n| n.has_tag_name("testcase")).unwrap();
    assert_eq!(case.children().filter(|n| n.is_element()).count(), 0, "a passing test case");
    insta::assert_snapshot!(write(Format::Human, &opts, &[clean.clone(), clean]), @r"
    plans/xã-sạch & <đẹp>.md: 0 lỗi, 0 cảnh báo, 0 gợi ý
    plans/xã-sạch & <đẹp>.md: 0 lỗi, 0 cảnh báo, 0 gợi ý

    0 lỗi, 0 cảnh báo, 0 gợi ý trong 2 tệp
    ");
}

/// A plan with a thousand findings (a line of 1,200 citations without dates): the worker
/// draws the first [`FILE_RENDER_BUDGET`] bytes of them, the human sink the others as it writes
/// them, and what is written is every drawing, in order, as if all were drawn at once.
#[test]
fn a_file_with_a_thousand_findings_is_not_held_drawn_whole() {
    let seed = std::fs::read_to_string(common::seed_path("003")).unwrap();
    let mut lines: Vec<&str> = seed.lines().collect();
    let paragraph: String = (0..1200)
        .map(|i| format!("Triển khai nội dung {i} theo Quyết định số {}/QĐ-UBND của UBND huyện. ", i + 100))
        .collect();
    lines.insert(lines.len() / 2, &paragraph);
    let text = lines.join("\n");
    let set = RuleSet::builtin().unwrap();
    let report = report_of(&set, "p.txt", text.as_bytes(), Lang::Vi, Some(HUMAN));
    let held: usize = report.records.iter().filter_map(|r| r.rendered.as_ref()).map(String::len).sum();
    assert!(held <= FILE_RENDER_BUDGET + MAX_RENDERED_BYTES, "{held} bytes held");
    let later = report.records.iter().filter(|r| r.rendered.is_none()).count();
    assert!(later > 50, "{later} drawings left for the sink");
    let out = write(Format::Human, &options(Lang::Vi), std::slice::from_ref(&report));
    // Every drawing, in order within its group (thể thức first, then nội dung, each under its
    // heading when the file has both).
    let mut records: Vec<_> = report.records.iter().collect();
    records.sort_by_key(|r| r.category);
    let grouped = records.first().map(|r| r.category) != records.last().map(|r| r.category);
    let (mut drawn, mut group, mut gap) = (String::new(), None, false);
    for r in records {
        if grouped && group != Some(r.category) {
            group = Some(r.category);
            drawn.push_str(&format!(
                "{}── {} ──\n",
                if gap { "\n" } else { "" },
                r.category.title(planlint::lang::Lang::Vi)
            ));
            gap = false;
        }
        drawn.push_str(&format!("{}{}", if gap { "\n" } else { "" }, r.drawing().unwrap()));
        gap = true;
    }
    assert_eq!(out.get(..drawn.len()), Some(drawn.as_str()));
    assert!(out.matches("L101(citation-date-missing)").count() >= 1200);
}
