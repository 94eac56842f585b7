//! Tests of reading `planlint.yaml` and of the policy it makes.

use super::*;
use crate::finding::Severity::{self, Error, Info, Warning};

/// Codes of a small rule set, for validation.
const KNOWN: &[&str] = &["I101", "I106", "L101", "L102", "S101", "T101", "T102", "T103", "T110"];

fn config(text: &str) -> Config {
    parse_in("planlint.yaml", text, Path::new("/repo"), Path::new("/repo"), None).unwrap().config
}

fn cli(select: Option<&[&str]>, ignore: &[&str], stage: Option<Stage>) -> CliSelection {
    let own = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    CliSelection::new(select.map(own).as_deref(), &own(ignore), stage, Lang::En).unwrap()
}

/// The codes of `KNOWN` that run on `path`.
fn running(c: &Config, sel: &CliSelection, path: &str) -> Vec<&'static str> {
    let policy = c.policy_for(Path::new(path), sel);
    KNOWN.iter().copied().filter(|code| policy.is_selected(code)).collect()
}

fn severity(c: &Config, path: &str, code: &str) -> Option<Severity> {
    c.policy_for(Path::new(path), &CliSelection::default()).severity(code, Error)
}

#[test]
fn every_rule_runs_by_default() {
    assert_eq!(running(&config(""), &CliSelection::default(), "a.txt"), KNOWN);
    assert_eq!(running(&config("# only a comment\n"), &CliSelection::default(), "a.txt"), KNOWN);
}

#[test]
fn the_longest_entry_wins_between_select_and_ignore() {
    let none = CliSelection::default();
    assert_eq!(running(&config("select: [T]\n"), &none, "a.txt"), ["T101", "T102", "T103", "T110"]);
    assert_eq!(running(&config("select: [T]\nignore: [T103]\n"), &none, "a.txt"), ["T101", "T102", "T110"]);
    // A code beats its prefix, whichever list it is in.
    assert_eq!(running(&config("select: [T103, L]\nignore: [T]\n"), &none, "a.txt"), ["L101", "L102", "T103"]);
    assert_eq!(running(&config("select: [T1]\nignore: [T11]\n"), &none, "a.txt"), ["T101", "T102", "T103"]);
    // The same entry in both: ignore wins.
    assert_eq!(running(&config("select: [T1]\nignore: [t1]\n"), &none, "a.txt"), Vec::<&str>::new());
    // `ALL` is the least specific entry of all.
    assert_eq!(running(&config("select: [S101]\nignore: [ALL]\n"), &none, "a.txt"), ["S101"]);
    assert_eq!(running(&config("ignore: [I, L]\n"), &none, "a.txt"), ["S101", "T101", "T102", "T103", "T110"]);
    // No value is the default; an empty list selects nothing.
    assert_eq!(running(&config("select:\nignore:\n"), &none, "a.txt"), KNOWN);
    assert_eq!(running(&config("select: []\n"), &none, "a.txt"), Vec::<&str>::new());
}

#[test]
fn severity_overrides_by_code_or_prefix() {
    let c = config("severity:\n  T: warning\n  T103: info\n  L1: off\n");
    assert_eq!(severity(&c, "a.txt", "T101"), Some(Warning));
    assert_eq!(severity(&c, "a.txt", "T103"), Some(Info));
    assert_eq!(severity(&c, "a.txt", "S101"), Some(Error), "the rule's own severity");
    assert_eq!(severity(&c, "a.txt", "L101"), None, "`off` is an ignore");
    // `off` is an ignore entry of its level: a longer select still wins.
    let c = config("select: [L101]\nseverity: {L1: off}\n");
    assert_eq!(running(&c, &CliSelection::default(), "a.txt"), ["L101"]);
}

#[test]
fn later_overrides_win_over_earlier_ones_and_the_top_level() {
    let c = config(
        "stage: final\nselect: [T]\nseverity: {T103: error}\noverrides:\n  - paths: [communes]\n    ignore: [T101]\n    severity: {T: info}\n    stage: draft\n  - paths: [\"communes/luc-*\"]\n    select: [T101, L]\n    severity: {T101: warning}\n",
    );
    let none = CliSelection::default();
    assert_eq!(running(&c, &none, "district.txt"), ["T101", "T102", "T103", "T110"]);
    assert_eq!(running(&c, &none, "communes/cho-moi.txt"), ["T102", "T103", "T110"]);
    // The second override's `select` replaces the selection and wins over the first's ignore.
    assert_eq!(running(&c, &none, "communes/luc-binh.txt"), ["L101", "L102", "T101"]);
    assert_eq!(severity(&c, "district.txt", "T103"), Some(Error));
    assert_eq!(severity(&c, "communes/cho-moi.txt", "T103"), Some(Info), "the override's level decides");
    assert_eq!(severity(&c, "communes/luc-binh.txt", "T101"), Some(Warning));
    assert_eq!(severity(&c, "communes/luc-binh.txt", "L101"), Some(Error));
    let stage = |path: &str, cli: &CliSelection| c.policy_for(Path::new(path), cli).stage();
    assert_eq!(stage("district.txt", &none), Stage::Final);
    assert_eq!(stage("communes/luc-binh.txt", &none), Stage::Draft);
    assert_eq!(stage("communes/luc-binh.txt", &cli(None, &[], Some(Stage::Final))), Stage::Final, "`--stage` wins");
    assert_eq!(config("").policy_for(Path::new("a.txt"), &none).stage(), Stage::Draft);
}

#[test]
fn the_command_line_select_replaces_and_its_ignore_adds() {
    let c = config(
        "select: [L]\nignore: [T103, S]\noverrides:\n  - paths: [communes]\n    select: [I]\n    ignore: [T102]\n",
    );
    let t = cli(Some(&["T"]), &[], None);
    // `--select T` replaces `select: [L]`; the config's more specific ignore still holds.
    assert_eq!(running(&c, &t, "a.txt"), ["T101", "T102", "T110"]);
    // ... and replaces the override's `select`, whose ignore still holds.
    assert_eq!(running(&c, &t, "communes/a.txt"), ["T101", "T110"]);
    // On a tie with the config's ignore, the command line wins.
    assert_eq!(running(&c, &cli(Some(&["T103,S"]), &[], None), "a.txt"), ["S101", "T103"]);
    // `--ignore` adds, and is the last word even where an override selects.
    assert_eq!(running(&c, &cli(None, &["L102"], None), "a.txt"), ["L101"]);
    assert_eq!(running(&c, &cli(None, &["I1"], None), "communes/a.txt"), Vec::<&str>::new());
    assert_eq!(running(&c, &cli(Some(&["ALL"]), &["T", "I"], None), "a.txt"), ["L101", "L102"]);
}

#[test]
fn override_paths_are_relative_to_the_config_file() {
    let text = "overrides:\n  - paths: [\"communes/**/*.txt\"]\n    ignore: [ALL]\n";
    // The config is `/repo/planlint.yaml`, given as `../planlint.yaml` from `/repo/communes`.
    let c = parse_in("../planlint.yaml", text, Path::new(".."), Path::new("/repo/communes"), None).unwrap().config;
    let none = CliSelection::default();
    assert!(running(&c, &none, "luc-binh.txt").is_empty(), "relative to the working directory");
    assert!(running(&c, &none, "./x/../luc-binh.txt").is_empty());
    assert!(running(&c, &none, "/repo/communes/huyen/luc-binh.txt").is_empty(), "absolute");
    assert_eq!(running(&c, &none, "../district.txt"), KNOWN);
    assert_eq!(running(&c, &none, "/repo/communes/luc-binh.md"), KNOWN);
    assert_eq!(running(&c, &none, "/elsewhere/communes/luc-binh.txt"), KNOWN, "outside the config's directory");
}

#[test]
fn paths_are_relative_to_the_file() {
    let c = parse("x/planlint.yaml", "stage: final\nparents: [district.txt]\nrules: [/abs]\n", Path::new("x"), None)
        .unwrap();
    assert_eq!(c.config.stage, Some(Stage::Final));
    assert_eq!(c.config.parents, vec![PathBuf::from("x/district.txt")]);
    assert_eq!(c.config.rules, vec![PathBuf::from("/abs")]);
}

#[test]
fn the_language_comes_from_the_command_line_then_the_file() {
    let c = config("lang: en\n");
    assert_eq!(c.resolve_lang(None), Lang::En);
    assert_eq!(c.resolve_lang(Some(Lang::Vi)), Lang::Vi);
    assert_eq!(config("").resolve_lang(None), Lang::Vi);
    // The file's own errors are in its language, unless `--lang` says otherwise.
    let bad = "lang: en\nstage: signed\n";
    let e = parse_in("planlint.yaml", bad, Path::new("."), Path::new("/"), None).unwrap_err();
    assert_eq!(e.message(), "`signed` is not a stage");
    let e = parse_in("planlint.yaml", bad, Path::new("."), Path::new("/"), Some(Lang::Vi)).unwrap_err();
    assert_eq!(e.message(), "`signed` không phải giai đoạn");
    assert_eq!(sniff_lang("# x\nlang: \"en\"  # English\n"), Some(Lang::En));
}

#[test]
fn config_and_policies_can_be_shared_between_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<Config>();
    shared::<CliSelection>();
    shared::<RulePolicy<'_>>();
}

/// Rendered in both languages, as a person sees it.
fn rendered(text: &str, known: Option<&[&str]>) -> String {
    let mut out = String::new();
    for lang in [Lang::Vi, Lang::En] {
        let e = match parse_in("planlint.yaml", text, Path::new("."), Path::new("/"), Some(lang)) {
            Err(e) => e,
            Ok(c) => c.config.validate_codes(known.unwrap_or(KNOWN)).unwrap_err(),
        };
        out.push_str(&crate::report::render(&e, false, 90));
    }
    out
}

#[test]
fn every_config_error_is_placed_and_explained() {
    let cases: &[(&str, &str)] = &[
        ("unknown-key", "stage: final\nselec: [T]\n"),
        ("unknown-key-in-override", "overrides:\n  - paths: [a]\n    ignor: [T]\n"),
        ("bad-code", "select: [T, T1O1]\n"),
        ("unknown-code", "select:\n  - T\n  - T999\n"),
        ("unknown-prefix-suggested", "ignore: [T1]\noverrides:\n  - paths: [a]\n    severity: {X1: off}\n"),
        ("bad-severity", "severity:\n  T103: off\n  L1: warn\n"),
        ("duplicate-severity", "severity:\n  T103: off\n  L1: info\n  t103: info\n"),
        ("bad-glob", "overrides:\n  - paths: [\"communes/*.md\", \"communes/[a-\"]\n    ignore: [T]\n"),
        ("empty-paths", "overrides:\n  - paths: []\n    ignore: [T]\n"),
        ("missing-paths", "overrides:\n  - ignore: [T]\n"),
        ("bad-lang", "lang: fr\n"),
        ("bad-stage", "stage: signed\n"),
        ("wrong-kind", "select: T101\n"),
        ("not-yaml", "stage: final\nselect: [T, L1\n"),
        ("duplicate-severity-same-case", "severity: {T103: off, T103: info}\n"),
        ("bad-exclude-glob", "exclude:\n  - README.md\n  - \"bao-cao/[0-9\"\n"),
        ("exclude-not-a-list", "exclude: README.md\n"),
    ];
    for (name, text) in cases {
        insta::assert_snapshot!(*name, rendered(text, None));
    }
}

#[test]
fn the_unknown_code_is_found_wherever_it_is_written() {
    let text = "select: [T]\n# T999 in a comment is not it\noverrides:\n  - paths: [\"T999/*.md\"]\n    ignore: [T102, T999]\n";
    let c = config(text);
    let e = c.validate_codes(KNOWN).unwrap_err();
    assert_eq!(e.offset(), text.rfind("T999").unwrap());
    assert!(c.validate_codes(&["T102", "T999", "T101"]).is_ok());
    assert!(config("").validate_codes(&[]).is_ok());
}

#[test]
fn command_line_codes_are_checked() {
    let render = |e: ConfigError| crate::report::render(&e, false, 90);
    let e = CliSelection::new(Some(&["T,x1y".to_owned()]), &[], None, Lang::Vi).unwrap_err();
    let bad = CliSelection::new(None, &["T999".to_owned()], None, Lang::En).unwrap();
    let unknown = bad.validate_codes(KNOWN, Lang::En).unwrap_err();
    insta::assert_snapshot!(format!("{}{}", render(e), render(unknown)));
    assert!(cli(Some(&["t1", "ALL"]), &["L"], None).validate_codes(KNOWN, Lang::Vi).is_ok());
}

#[test]
fn the_init_template_loads_back() {
    let c = config(TEMPLATE);
    assert_eq!(c.lang, Some(Lang::Vi));
    assert_eq!(c.stage, Some(Stage::Draft));
    assert_eq!(running(&c, &CliSelection::default(), "communes/a.md"), KNOWN);
    let builtin = crate::dsl::RuleSet::builtin().unwrap();
    c.validate_codes(&builtin.codes()).unwrap();
    insta::assert_snapshot!(TEMPLATE);
}

/// The commented examples, uncommented in place of the defaults, load too, and every key of the
/// file is shown.
#[test]
fn the_init_template_examples_load() {
    let keys = ["ignore:", "severity:", "overrides:", "rules:", "registries:", "parents:", "exclude:"];
    let mut text = String::new();
    for line in TEMPLATE.lines() {
        if keys.iter().any(|k| line.starts_with(k)) {
            continue;
        }
        match line.strip_prefix("# ") {
            Some(rest) if keys.iter().any(|k| rest.starts_with(k)) || rest.starts_with("  ") => text.push_str(rest),
            _ => text.push_str(line),
        }
        text.push('\n');
    }
    let c = config(&text);
    let builtin = crate::dsl::RuleSet::builtin().unwrap();
    c.validate_codes(&builtin.codes()).unwrap();
    assert_eq!(c.overrides.len(), 2, "{text}");
    assert_eq!(c.parents, vec![PathBuf::from("/repo/../huyen/ke-hoach-141.txt")]);
    let none = CliSelection::default();
    assert!(!c.policy_for(Path::new("communes/x/a.md"), &none).is_selected("I106"));
    assert!(c.policy_for(Path::new("a.md"), &none).is_selected("I106"));
    assert!(c.is_excluded(Path::new("/repo/bao-cao/2024/tong-hop.md")));
    assert!(c.is_excluded(Path::new("/repo/x/README.md")));
    assert!(!c.is_excluded(Path::new("/repo/x/ke-hoach.md")));
    for key in [
        "lang:",
        "stage:",
        "select:",
        "ignore:",
        "severity:",
        "overrides:",
        "rules:",
        "registries:",
        "parents:",
        "exclude:",
    ] {
        assert!(TEMPLATE.lines().any(|l| l.starts_with(key)), "{key} is not in the template");
    }
}

#[test]
fn exclude_matches_the_path_itself_from_the_config_directory() {
    let c = parse_in(
        "planlint.yaml",
        "exclude: [README.md, ghi-chu/, \"/bao-cao\", \"du-thao/**/*.txt\"]\n",
        Path::new("/repo"),
        Path::new("/repo/xa"),
        None,
    )
    .unwrap()
    .config;
    // A name at any depth; the working directory is `/repo/xa`.
    assert!(c.is_excluded(Path::new("README.md")));
    assert!(c.is_excluded(Path::new("a/b/README.md")));
    assert!(c.is_excluded(Path::new("ghi-chu")));
    // Anchored at the config's directory.
    assert!(c.is_excluded(Path::new("../bao-cao")));
    assert!(!c.is_excluded(Path::new("bao-cao")), "`/repo/xa/bao-cao` is not `/repo/bao-cao`");
    assert!(c.is_excluded(Path::new("/repo/du-thao/1/a.txt")));
    assert!(!c.is_excluded(Path::new("/repo/du-thao/1/a.md")));
    // Only the path itself: a walk that was told to enter `ghi-chu` sees its files.
    assert!(!c.is_excluded(Path::new("ghi-chu/ke-hoach.md")));
    assert!(!config("").is_excluded(Path::new("README.md")));
}

#[test]
fn a_discovered_config_is_named_from_the_working_directory() {
    let name = |path: &str, cwd: &str| relative_name(Path::new(path), Path::new(cwd));
    assert_eq!(name("/repo/planlint.yaml", "/repo"), "planlint.yaml");
    assert_eq!(name("/repo/planlint.yaml", "/repo/ke-hoach/2024"), "../../planlint.yaml");
    assert_eq!(name("/other/planlint.yaml", "/repo"), "/other/planlint.yaml");
}
