//! The rule language end to end: semantics of values and operators on real extraction output,
//! the indexed (hash-join) evaluation agreeing with a plain scan, bounded evaluation of a
//! pathological rule, and no panic on mutated rule files or arbitrary plans.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::string_slice,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests fail loudly"
)]

mod common;

use planlint::dsl::{CheckOptions, RuleSet, RuleSource, Stage};
use planlint::lang::Lang;
use planlint::source::SourceFile;
use proptest::prelude::*;

const HEAD: &str = r#"
    summary { vi "thử" en "test" }
    help { vi "thử" en "test" }
    doc { what { vi "thử" en "test" } why { vi "thử" en "test" } }
"#;

/// A rule set of the given rule bodies (each `CODE name { severity …; message …; check … }`).
fn rules(bodies: &[&str]) -> RuleSet {
    let text: String = bodies
        .iter()
        .map(|b| {
            let (head, rest) = b.split_once('{').unwrap();
            format!("rule {head}{{{HEAD}{rest}\n")
        })
        .collect();
    RuleSet::load(vec![RuleSource { path: "test.plr".into(), text, builtin: false }]).unwrap_or_else(|e| {
        panic!(
            "{}",
            e.diagnostics(Lang::En).iter().map(|d| planlint::report::render(d, false, 100)).collect::<String>()
        )
    })
}

/// (code, line, message) of every finding on a Markdown fragment.
fn findings(set: &RuleSet, plan: &str, stage: Stage, lang: Lang) -> Vec<(String, usize, String)> {
    let src = SourceFile::from_text("plan.md", plan).unwrap();
    let registry = planlint::registry::Registry::builtin().unwrap();
    let vocab = &registry.indicators;
    let plan = planlint::extract::extract_fragment(&src, vocab).unwrap();
    let out = set.check(&plan, Some(&src), &CheckOptions { stage, lang, registry, parents: &[] });
    assert!(out.stopped.is_empty());
    out.findings.into_iter().map(|f| (f.code, src.line_col(f.span.start).line, f.message)).collect()
}

const TABLE: &str = "\
Lục Bình, ngày  tháng 5 năm 2023

KẾ HOẠCH

| TT | Nội dung | Đơn vị chủ trì | Thời gian hoàn thành |
|---|---|---|---|
| 1 | Tuyên truyền phòng chống dịch | Trạm Y tế | Trước 15/5/2023 |
| 2 | Kiểm tra an toàn thực phẩm | Công an xã, Trạm Y tế | Tháng 6/2023 |
| 3 | Tổng kết | | 30/4/2023 |
";

#[test]
fn partial_dates_compare_as_ranges() {
    // The plan is dated "May 2023" (blank day): a deadline of 15/5 is neither certainly before
    // nor certainly after it; 30/4 is certainly before; June is certainly after.
    let set = rules(&[
        r#"X001 before { severity warning message { vi "trước: {task.deadline}" } check {
            for task in plan.tasks where task.deadline.end < plan.date report at task.deadline } }"#,
        r#"X002 after { severity warning message { vi "sau: {task.deadline}" } check {
            for task in plan.tasks where task.deadline.start > plan.date report at task.deadline } }"#,
        r#"X003 unsure { severity info message { vi "chưa rõ: {task.deadline}" } check {
            for task in plan.tasks
            where task.deadline.end is not missing
            where not (task.deadline.end < plan.date) and not (task.deadline.start > plan.date)
            report at task.deadline } }"#,
    ]);
    let got = findings(&set, TABLE, Stage::Draft, Lang::Vi);
    assert_eq!(
        got,
        vec![
            ("X003".into(), 7, "chưa rõ: Trước 15/5/2023".into()),
            ("X002".into(), 8, "sau: Tháng 6/2023".into()),
            ("X001".into(), 9, "trước: 30/4/2023".into()),
        ]
    );
}

/// `report at` a field the plan does not have points at the nearest value it is a field of that
/// has a place (here the task row), not at the plan's title; also through a `let` name.
#[test]
fn a_missing_place_falls_back_on_the_value_it_is_a_field_of() {
    let set = rules(&[
        r#"X010 direct { severity info message { vi "kết quả" } check {
            let t = first o in plan.tasks where o.ordinal == 3
            where t.result is missing
            report at t.result } }"#,
        r#"X011 named { severity info message { vi "kết quả" } check {
            let t = first o in plan.tasks where o.ordinal == 3
            let r = t.result
            where r is missing
            report at r } }"#,
        r#"X012 nothing { severity info message { vi "kết quả" } check {
            where plan.recipients.heading is missing
            report at plan.recipients.heading } }"#,
    ]);
    let found = findings(&set, TABLE, Stage::Draft, Lang::Vi);
    let lines: Vec<(&str, usize)> = found.iter().map(|(c, l, _)| (c.as_str(), *l)).collect();
    // The table has no result column; the third task is on line 9. The plan has no recipients
    // block: the plan itself, whose place is its title.
    assert_eq!(lines, [("X012", 3), ("X010", 9), ("X011", 9)]);
}

#[test]
fn missing_values_compare_false_and_are_empty() {
    let set = rules(&[
        r#"X001 eq { severity info message { vi "bằng" } check {
            for task in plan.tasks where task.partners == "x" or task.partners != "x" report at task.content } }"#,
        r#"X002 empty { severity info message { vi "trống {task.number}" } check {
            for task in plan.tasks where task.partners is empty and task.partners is missing report at task.content } }"#,
        r#"X003 blank { severity info message { vi "ô trống {task.number}" } check {
            for task in plan.tasks where task.lead is empty and task.lead is not missing report at task.content } }"#,
    ]);
    let got = findings(&set, TABLE, Stage::Draft, Lang::Vi);
    let codes: Vec<(&str, usize)> = got.iter().map(|(c, l, _)| (c.as_str(), *l)).collect();
    assert_eq!(codes, vec![("X002", 7), ("X002", 8), ("X002", 9), ("X003", 9)]);
}

#[test]
fn messages_render_values_in_the_language_of_the_run() {
    let set = rules(&[r#"X001 leads { severity info
        message { vi "{len(task.leads)} đơn vị ở {task.span}, {{ngoặc}}" en "{len(task.leads)} units at {task.span}" }
        check { for task in plan.tasks where len(task.leads) > 1 report at task.lead } }"#]);
    assert_eq!(findings(&set, TABLE, Stage::Draft, Lang::Vi)[0].2, "2 đơn vị ở dòng 8, {ngoặc}");
    assert_eq!(findings(&set, TABLE, Stage::Draft, Lang::En)[0].2, "2 units at line 8");
}

#[test]
fn severity_depends_on_the_stage() {
    let set = rules(&[r#"X001 blank-day { severity { draft: off, final: error } message { vi "thiếu ngày" }
        check { where day(plan.date) is missing report at plan.date } }"#]);
    assert!(findings(&set, TABLE, Stage::Draft, Lang::Vi).is_empty());
    assert_eq!(findings(&set, TABLE, Stage::Final, Lang::Vi), vec![("X001".into(), 1, "thiếu ngày".into())]);
}

#[test]
fn decomposed_literals_in_rule_files_match_composed_plans() {
    // "Trạm Y tế" typed in NFD in the rule file.
    let nfd = "Tra\u{323}m Y te\u{302}\u{301}";
    let set = rules(&[&format!(
        r#"X001 station {{ severity info message {{ vi "trạm" }} check {{
            for task in plan.tasks where task.lead == "{nfd}" report at task.lead }} }}"#
    )]);
    assert_eq!(findings(&set, TABLE, Stage::Draft, Lang::Vi).len(), 1);
}

/// The same duplicate search, once written so that it is indexed (`==` at the top of the
/// condition) and once so that it must scan.
fn joined_and_scanned() -> RuleSet {
    rules(&[
        r#"X001 joined { severity info message { vi "trùng {earlier.span}" } check {
            for task in plan.tasks
            let earlier = first other in plan.tasks where norm(other.content) == norm(task.content) and other.span < task.span
            where earlier is not missing
            report at task.content } }"#,
        r#"X002 scanned { severity info message { vi "trùng {earlier.span}" } check {
            for task in plan.tasks
            let earlier = first other in plan.tasks where other.span < task.span and not (norm(other.content) != norm(task.content))
            where earlier is not missing
            report at task.content } }"#,
        r#"X003 counted { severity info message { vi "{count other in plan.tasks where norm(other.content) == norm(task.content)} lần" } check {
            for task in plan.tasks
            where (count other in plan.tasks where norm(other.content) == norm(task.content)) > 1
            report at task.content } }"#,
        r#"X004 counted-scan { severity info message { vi "{count other in plan.tasks where not (norm(other.content) != norm(task.content))} lần" } check {
            for task in plan.tasks
            where (count other in plan.tasks where not (norm(other.content) != norm(task.content))) > 1
            report at task.content } }"#,
    ])
}

fn assert_join_agrees(set: &RuleSet, plan: &str) {
    let got = findings(set, plan, Stage::Draft, Lang::Vi);
    let of = |code: &str| -> Vec<(usize, String)> {
        got.iter().filter(|(c, ..)| c == code).map(|(_, l, m)| (*l, m.clone())).collect()
    };
    assert_eq!(of("X001"), of("X002"), "{plan}");
    assert_eq!(of("X003"), of("X004"), "{plan}");
}

#[test]
fn the_index_agrees_with_a_scan_on_the_seeds() {
    let set = joined_and_scanned();
    for n in ["000", "001", "003", "004"] {
        let text = std::fs::read_to_string(common::seed_path(n)).unwrap();
        assert_join_agrees(&set, &text);
    }
    let seed = std::fs::read_to_string(common::seed_path("003")).unwrap();
    let got = findings(&set, &seed, Stage::Draft, Lang::Vi);
    assert!(got.contains(&("X001".into(), 322, "trùng dòng 321".into())), "{got:?}");
}

#[test]
fn a_pathological_rule_stops_instead_of_hanging() {
    let set = rules(&[r#"X001 quartic { severity info message { vi "x" } check {
        for a in plan.tasks for b in plan.tasks for c in plan.tasks for d in plan.tasks
        where a.content == "none" and b.content == c.content and c.content == d.content
        report at a.content } }"#]);
    let src = common::extract_file(&common::seed_path("003"));
    let registry = planlint::registry::Registry::builtin().unwrap();
    let out =
        set.check(&src.1, Some(&src.0), &CheckOptions { stage: Stage::Draft, lang: Lang::Vi, registry, parents: &[] });
    assert_eq!(out.stopped, vec!["X001".to_owned()]);
    assert!(out.findings.is_empty());
}

fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Tuyên truyền phòng chống dịch".to_owned()),
        Just("tuyên truyền  phòng chống dịch.".to_owned()),
        Just("Kiểm tra an toàn thực phẩm".to_owned()),
        Just("KIỂM TRA AN TOÀN THỰC PHẨM".to_owned()),
        Just("Tổng kết".to_owned()),
        Just(String::new()),
    ]
}

/// A token soup for mutating rule files: the language's own words and punctuation.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("{".to_owned()),
        Just("}".to_owned()),
        Just("(".to_owned()),
        Just(")".to_owned()),
        Just("\"".to_owned()),
        Just("\"\"\"".to_owned()),
        Just(" where ".to_owned()),
        Just(" for x in plan.tasks ".to_owned()),
        Just(" any y in plan.tasks where ".to_owned()),
        Just(" report at ".to_owned()),
        Just(".lead".to_owned()),
        Just(" == ".to_owned()),
        Just(" matches /(/ ".to_owned()),
        Just("{task.".to_owned()),
        Just(" not ".to_owned()),
        Just("[1, \"a\"]".to_owned()),
        "[a-zA-Zạệ_ .,#\n]{0,6}".prop_map(|s| s),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn the_index_agrees_with_a_scan_on_random_tables(rows in proptest::collection::vec(cell(), 1..25)) {
        let mut plan = String::from("| TT | Nội dung | Đơn vị chủ trì | Thời hạn |\n|---|---|---|---|\n");
        for (i, c) in rows.iter().enumerate() {
            plan.push_str(&format!("| {} | {c} | Trạm Y tế | Hằng năm |\n", i + 1));
        }
        assert_join_agrees(&joined_and_scanned(), &plan);
    }

    #[test]
    fn mutated_rule_files_never_panic(
        which in 0usize..64,
        at in 0.0f64..1.0,
        cut in 0usize..40,
        insert in proptest::collection::vec(token(), 0..4),
    ) {
        let sources = planlint::dsl::builtin_sources();
        let source = &sources[which % sources.len()];
        let text = &source.text;
        let mut pos = ((text.len() as f64) * at) as usize;
        while !text.is_char_boundary(pos) { pos -= 1; }
        let mut end = (pos + cut).min(text.len());
        while !text.is_char_boundary(end) { end += 1; }
        let mutated = format!("{}{}{}", &text[..pos], insert.concat(), &text[end..]);
        let loaded = RuleSet::load(vec![RuleSource { path: source.path.clone(), text: mutated, builtin: false }]);
        match loaded {
            Ok(set) => {
                // A mutation that still checks must run without panicking.
                let (src, plan) = common::extract_file(&common::seed_path("004"));
                let registry = planlint::registry::Registry::builtin().unwrap();
                let _ = set.check(&plan, Some(&src), &CheckOptions { stage: Stage::Final, lang: Lang::En, registry, parents: &[] });
            }
            Err(e) => {
                prop_assert!(e.count() > 0);
                for d in e.diagnostics(Lang::Vi) {
                    let rendered = planlint::report::render(&d, false, 80);
                    prop_assert!(!rendered.is_empty());
                }
            }
        }
    }

    #[test]
    fn built_in_rules_never_panic_on_arbitrary_fragments(
        lines in proptest::collection::vec(prop_oneof![
            Just("| TT | Nội dung | Đơn vị chủ trì | Thời gian |".to_owned()),
            Just("|---|---|---|---|".to_owned()),
            "\\| [0-9]{1,2} \\| [a-zđạệ ]{0,12} \\| (Các phòng, ban|Trạm Y tế|) \\| (Sau khi có hướng dẫn|Quý I/2024|Hằng năm|) \\|",
            Just("Lục Bình, ngày  tháng 5 năm 2023".to_owned()),
            "[a-zA-Z0-9đạệ|/., -]{0,30}",
        ], 0..30)
    ) {
        let text = lines.join("\n");
        let set = RuleSet::builtin().unwrap();
        let registry = planlint::registry::Registry::builtin().unwrap();
    let vocab = &registry.indicators;
        if let Ok(src) = SourceFile::from_text("p.md", &text)
            && let Ok(plan) = planlint::extract::extract_fragment(&src, vocab)
        {
            let out = set.check(&plan, Some(&src), &CheckOptions { stage: Stage::Draft, lang: Lang::Vi, registry, parents: &[] });
            prop_assert!(out.stopped.is_empty());
            for f in out.findings {
                prop_assert!(f.span.end <= text.len() && text.is_char_boundary(f.span.start));
            }
        }
    }
}

#[test]
fn target_comparison_follows_the_indicator_direction() {
    let set = rules(&[r#"X001 weaker { severity info message { vi "{t.value}" } check {
        for t in plan.targets
        let i = indicator(t.indicator)
        where t.value is not missing and worse(t.value, 75.5, i.direction)
        report at t.value } }"#]);
    let plan = "III. MỤC TIÊU\n\n1. Mục tiêu cụ thể\n\n- Tuổi thọ trung bình đạt 75 tuổi.\n- Tỷ lệ tử vong trẻ em dưới 1 tuổi dưới 80‰.\n- Tuổi thọ trung bình đạt 76 tuổi.\n";
    let got = findings(&set, plan, Stage::Draft, Lang::Vi);
    // Life expectancy (higher is better): 75 is worse than 75.5, 76 is not; infant mortality
    // (lower is better): 80 is worse than 75.5.
    assert_eq!(got.iter().map(|(_, l, m)| (*l, m.as_str())).collect::<Vec<_>>(), vec![(5, "75"), (6, "80")]);
}
