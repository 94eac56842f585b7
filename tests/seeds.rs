//! What must hold on the four seed plans (issue: plan model and extraction), and every numbered
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice,
    reason = "tests fail loudly on purpose"
)]
//! citation the legal registry (`../shared/reference/legal-registry.md` §1) lists for them.

mod common;

use common::{extract_file, line, lines, seed_path};
use planlint::model::{
    Comparator, Date, DateStatus, DeadlineKind, IssuerSystem, Numbering, Role, StatedIn, SymbolDefect, SymbolForm,
    UnitKind, ValueStatus,
};

fn d(y: i32, m: u32, day: u32) -> Option<Date> {
    Date::new(y, m, day)
}

#[test]
fn seed_003_tasks_groups_deadlines_and_targets() {
    let (src, plan) = extract_file(&seed_path("003"));
    assert_eq!(plan.tasks.len(), 47);
    let groups: Vec<&str> = plan.task_groups.iter().map(|g| g.number.text.as_str()).collect();
    assert_eq!(groups, ["I", "II", "III", "IV", "V", "VI"]);
    let task = |n: &str| plan.tasks.iter().find(|t| t.number.text == n).unwrap();
    // Task numbers run 1..=47 in order, each in its group.
    let numbers: Vec<String> = plan.tasks.iter().map(|t| t.number.text.clone()).collect();
    assert_eq!(numbers, (1..=47).map(|n| n.to_string()).collect::<Vec<_>>());
    assert_eq!(task("18").group.as_deref(), Some("I"));
    assert_eq!(task("19").group.as_deref(), Some("II"));
    assert_eq!(task("47").group.as_deref(), Some("VI"));

    let t45 = task("45");
    assert_eq!(line(&src, t45.span), 371);
    assert_eq!((t45.deadline.kind, t45.deadline.text.as_str()), (DeadlineKind::Empty, ""));

    let (t6, t7) = (task("6"), task("7"));
    assert_eq!((line(&src, t6.span), line(&src, t7.span)), (321, 322));
    assert_eq!(t6.content.text, t7.content.text);

    let t22 = task("22");
    assert_eq!(t22.deadline.text, "Quý I/2026");
    assert_eq!(
        (t22.deadline.kind, t22.deadline.start, t22.deadline.end),
        (DeadlineKind::Range, d(2026, 1, 1), d(2026, 3, 31))
    );

    for n in ["40", "41"] {
        assert_eq!(task(n).deadline.kind, DeadlineKind::Conditional, "task {n}");
        assert_eq!(task(n).deadline.text, "Sau khi có hướng dẫn");
    }
    // The collective lead stays one unit.
    assert_eq!(task("1").leads.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(), ["Các phòng, ban, ngành, thôn"]);

    let appendix: Vec<_> = plan.targets.iter().filter(|t| t.stated_in == StatedIn::Appendix).collect();
    assert_eq!(appendix.len(), 8);
    assert_eq!(appendix.iter().map(|t| line(&src, t.text.span)).collect::<Vec<_>>(), (299..=306).collect::<Vec<_>>());
    assert!(appendix.iter().all(|t| t.year == Some(2030)));
    let le = appendix.iter().find(|t| t.indicator.as_deref() == Some("life_expectancy")).unwrap();
    assert_eq!((le.comparator, le.value.as_ref().unwrap().raw.as_str()), (Some(Comparator::Ge), "75,5"));
}

#[test]
fn seed_003_citations_symbols_and_dates() {
    let (src, plan) = extract_file(&seed_path("003"));
    let c57 = plan.citations.iter().find(|c| c.symbol.raw == "57/2025/NQ-HĐND").unwrap();
    assert_eq!(line(&src, c57.span), 111);
    assert_eq!((c57.symbol.form, c57.symbol.year), (SymbolForm::Normative, Some(2025)));
    let date = c57.date.as_ref().unwrap();
    assert_eq!(
        (date.raw.as_str(), date.day, date.month, date.year),
        ("ngày 11/12/2022", Some(11), Some(12), Some(2022))
    );

    let malformed: Vec<usize> =
        plan.citations.iter().filter(|c| c.symbol.raw == "16-/CT-UBND").map(|c| line(&src, c.span)).collect();
    assert_eq!(malformed, [147, 338]);
    for c in plan.citations.iter().filter(|c| c.symbol.raw == "16-/CT-UBND") {
        assert_eq!(
            (c.symbol.form, c.symbol.defects.as_slice()),
            (SymbolForm::Malformed, &[SymbolDefect::DanglingSeparator][..])
        );
        assert_eq!(c.symbol.canonical().as_deref(), Some("16/CT-UBND"));
    }

    let c07 = plan.citations.iter().find(|c| c.symbol.raw == "07/CT-TTg").unwrap();
    assert_eq!(line(&src, c07.span), 209);
    assert!(c07.date.is_none());

    // The plan's own date and the appendix captions' dates, as drafts leave them.
    let own = &plan.header.place_date.as_ref().unwrap().date;
    assert_eq!((own.day, own.month, own.year, own.status), (None, None, Some(2026), DateStatus::Partial));
    let captions: Vec<(Option<u32>, Option<i32>)> = plan
        .appendices
        .iter()
        .map(|a| a.reference.as_ref().unwrap().date.as_ref().map_or((None, None), |d| (d.month, d.year)))
        .collect();
    assert_eq!(captions, [(Some(1), Some(2026)), (None, Some(2025))]);
    assert_eq!(line(&src, plan.appendices[1].reference.as_ref().unwrap().text.span), 311);
}

#[test]
fn seed_003_targets_in_text_with_years() {
    let (src, plan) = extract_file(&seed_path("003"));
    let text: Vec<_> = plan.targets.iter().filter(|t| t.stated_in == StatedIn::Objectives).collect();
    let find = |id: &str, l: usize| {
        text.iter().find(|t| t.indicator.as_deref() == Some(id) && line(&src, t.text.span) == l).unwrap()
    };
    let le = find("life_expectancy", 43);
    assert_eq!(
        (le.comparator, le.value.as_ref().unwrap().raw.as_str(), le.year, le.unit.as_ref().unwrap().kind),
        (Some(Comparator::Gt), "75", Some(2030), UnitKind::Years)
    );
    let bhyt: Vec<_> = text
        .iter()
        .filter(|t| t.indicator.as_deref() == Some("bhyt_coverage"))
        .map(|t| (t.year, t.value.as_ref().unwrap().raw.clone()))
        .collect();
    assert_eq!(bhyt, [(Some(2026), "96".to_owned()), (Some(2030), "98".to_owned())]);
    let doctors = find("doctors_per_station", 51);
    assert_eq!(
        (doctors.comparator, doctors.year, doctors.value_max.as_ref().map(|v| v.raw.as_str())),
        (Some(Comparator::Range), Some(2027), Some("5"))
    );
    // The vision's targets are general objectives for 2045.
    let vision: Vec<_> =
        plan.targets.iter().filter(|t| t.stated_in == StatedIn::GeneralObjectives).map(|t| t.year).collect();
    assert_eq!(vision, [Some(2045), Some(2045)]);
}

#[test]
fn seed_004_continuation_row_deadlines_and_leads() {
    let (src, plan) = extract_file(&seed_path("004"));
    assert_eq!(plan.tasks.len(), 7);
    let t4 = &plan.tasks[3];
    assert_eq!(t4.number.text, "4");
    assert_eq!(lines(&src, t4.span), (35, 37));
    assert!(t4.content.text.ends_with("Quyết định số 1300/QĐ-BYT và Quyết định số 1453/QĐ-BYT"), "{}", t4.content.text);
    assert_eq!(lines(&src, t4.content.span), (35, 37));
    assert_eq!(
        (t4.deadline.kind, t4.deadline.start, t4.deadline.end),
        (DeadlineKind::Range, d(2023, 5, 1), d(2023, 10, 31))
    );
    // The merged cell yields the whole symbol, not `1453/QĐ-`.
    let split = plan.citations.iter().find(|c| line(&src, c.span) == 35 && c.symbol.raw.starts_with("1453")).unwrap();
    assert_eq!((split.symbol.raw.as_str(), split.symbol.form), ("1453/QĐ-BYT", SymbolForm::State));
    assert_eq!(lines(&src, split.symbol.span), (35, 37));

    let t7 = &plan.tasks[6];
    assert_eq!(
        t7.leads.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(),
        ["UBND/Ban Chăm sóc sức khỏe Nhân dân xã", "Trạm Y tế xã"]
    );
    assert!(plan.tasks[..6].iter().all(|t| t.leads.len() == 1));
    assert_eq!(plan.tasks[0].deadline.kind, DeadlineKind::Done);
    assert_eq!(plan.tasks[2].deadline.kind, DeadlineKind::BeforeDate);

    let date = &plan.header.place_date.as_ref().unwrap().date;
    assert_eq!((date.day, date.month, date.year, date.status), (None, Some(5), Some(2023), DateStatus::Partial));
    assert_eq!(plan.header.symbol.as_ref().unwrap().number, None);
    assert_eq!(plan.header.system, IssuerSystem::State);
    assert_eq!(plan.header.issuer.as_ref().unwrap().text, "ỦY BAN NHÂN DÂN XÃ LỤC BÌNH");

    // `2. NỘI DUNG…` where `II.` belongs is kept as written: a second `2` under `I`.
    let top: Vec<&str> = plan.sections.iter().map(|s| s.number.text.as_str()).collect();
    assert_eq!(top, ["I", "III", "IV", "V"]);
    let under_i: Vec<&str> = plan.sections[0].children.iter().map(|s| s.number.text.as_str()).collect();
    assert_eq!(under_i, ["1", "2", "2"]);
    let malformed = plan.citations.iter().find(|c| line(&src, c.span) == 92).unwrap();
    assert_eq!(
        (malformed.symbol.raw.as_str(), malformed.symbol.defects.as_slice()),
        ("1300/QĐ - BYT", &[SymbolDefect::SpaceInside][..])
    );
}

#[test]
fn seed_000_headings_and_citations_as_written() {
    let (src, plan) = extract_file(&seed_path("000"));
    assert!(plan.header.place_date.is_none());
    let top: Vec<(&str, Numbering)> = plan.sections.iter().map(|s| (s.number.text.as_str(), s.numbering)).collect();
    assert_eq!(
        top,
        [("I", Numbering::Roman), ("II", Numbering::Roman), ("II", Numbering::Roman), ("IV", Numbering::Roman)]
    );
    assert_eq!(plan.sections.iter().map(|s| line(&src, s.span)).collect::<Vec<_>>(), [14, 43, 98, 255]);
    assert_eq!(
        plan.sections.iter().map(|s| s.role).collect::<Vec<_>>(),
        [Role::Other, Role::Objectives, Role::Tasks, Role::Implementation]
    );

    let c122 = plan.citations.iter().find(|c| c.symbol.raw == "122/QĐ-TTg").unwrap();
    assert_eq!(c122.date.as_ref().unwrap().raw, "ngày 25/01/2013");
    assert!(c122.title.as_ref().unwrap().text.contains("2011-2023"));
    assert_eq!(c122.period.as_ref().map(|p| (p.start_year, p.end_year)), Some((Some(2011), 2023)));
    assert_eq!(c122.issuer.as_ref().unwrap().text, "thủ tướng chính phủ");
    assert_eq!(lines(&src, c122.span), (4, 6));
    let c4667 = plan.citations.iter().find(|c| c.symbol.raw == "4667/QĐ-BYT").unwrap();
    assert_eq!(lines(&src, c4667.span), (8, 9));
    assert_eq!(c4667.period.as_ref().map(|p| p.end_year), Some(2023));

    // The specific objectives have no number: nine qualitative targets, lines 56–94.
    let qualitative: Vec<usize> = plan
        .targets
        .iter()
        .filter(|t| t.value_status == ValueStatus::Absent)
        .map(|t| line(&src, t.text.span))
        .collect();
    assert_eq!(qualitative, [56, 63, 68, 74, 78, 83, 87, 90, 94]);
    assert_eq!(plan.signature.as_ref().unwrap().signer.as_ref().unwrap().text, "Nguyễn Đình Minh");
}

#[test]
fn seed_001_numbered_targets_units_and_citations() {
    let (src, plan) = extract_file(&seed_path("001"));
    let objectives: Vec<_> = plan.targets.iter().filter(|t| t.stated_in == StatedIn::Objectives).collect();
    let mut labels: Vec<&str> = objectives.iter().filter_map(|t| t.label.as_deref()).collect();
    labels.dedup();
    assert_eq!(labels, ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)"]);
    assert_eq!(
        objectives.iter().find(|t| t.label.as_deref() == Some("(1)")).unwrap().value_status,
        ValueStatus::Absent
    );

    let imr: Vec<_> = plan.targets.iter().filter(|t| t.indicator.as_deref() == Some("imr_per_1000")).collect();
    assert_eq!(imr.iter().map(|t| line(&src, t.text.span)).collect::<Vec<_>>(), [42, 76]);
    for t in &imr {
        assert_eq!(
            (
                t.value.as_ref().unwrap().raw.as_str(),
                t.unit.as_ref().unwrap().kind,
                t.unit.as_ref().unwrap().text.as_str()
            ),
            ("29,19", UnitKind::Percent, "%")
        );
    }

    let garbled = plan.targets.iter().find(|t| t.value_status == ValueStatus::Malformed).unwrap();
    assert_eq!((line(&src, garbled.text.span), garbled.value_raw.as_ref().unwrap().text.as_str()), (44, "0,5 0,‰"));

    let missing = plan.targets.iter().find(|t| t.value_status == ValueStatus::Missing).unwrap();
    assert_eq!((line(&src, missing.text.span), missing.indicator.as_deref()), (76, Some("latrine_coverage")));

    // Satisfaction of `người dân` and of `người bệnh` are different indicators.
    let satisfaction: Vec<(&str, usize)> = plan
        .targets
        .iter()
        .filter(|t| t.indicator.as_deref().is_some_and(|i| i.starts_with("satisfaction")))
        .map(|t| (t.indicator.as_deref().unwrap(), line(&src, t.text.span)))
        .collect();
    assert_eq!(satisfaction, [("satisfaction_people", 46), ("satisfaction_patient", 96)]);

    for symbol in ["2151/QĐ-BYT", "5959/QĐ-BYT"] {
        let c = plan.citations.iter().find(|c| c.symbol.raw == symbol).unwrap();
        assert_eq!(line(&src, c.span), 96);
        assert!(c.date.is_none(), "{symbol}");
    }
    let c20 = plan.citations.iter().find(|c| c.symbol.raw == "20-NQ/TW").unwrap();
    assert_eq!((c20.issuer.as_ref().unwrap().text.as_str(), c20.symbol.form), ("Bộ Chính trị", SymbolForm::Party));
    let c80a = plan.citations.iter().find(|c| c.symbol.raw == "80a-KH/HU").unwrap();
    assert_eq!(c80a.symbol.number.as_deref(), Some("80a"));
    assert_eq!(plan.period.as_ref().map(|p| (p.start_year, p.end_year)), Some((Some(2024), 2024)));
}

/// Every numbered citation of `legal-registry.md` §1 for the seeds, with its line.
#[test]
fn every_registry_citation_is_found() {
    let expected: &[(&str, &[(&str, usize)])] = &[
        ("000", &[("122/QĐ-TTg", 4), ("4667/QĐ-BYT", 8)]),
        ("001", &[("20-NQ/TW", 10), ("122/QĐ-TTg", 12), ("80a-KH/HU", 14), ("2151/QĐ-BYT", 96), ("5959/QĐ-BYT", 96)]),
        (
            "003",
            &[
                ("72-NQ/TW", 11),
                ("03-CTr/TU", 11),
                ("49-KH/ĐU", 11),
                ("346/KH-UBND", 13),
                ("118/QĐ-UBND", 15),
                ("72-NQ/TW", 23),
                ("282/NQ-CP", 23),
                ("397-TB/VPTW", 23),
                ("03-CTr/TU", 23),
                ("346/KH-UBND", 23),
                ("43/2025/TT-BYT", 51),
                ("28-CT/TW", 81),
                ("45/2025/NQ-HĐND", 99),
                ("48/2025/NQ-HĐND", 101),
                ("49/2025/NQ-HĐND", 103),
                ("50/2025/NQ-HĐND", 105),
                ("54/2025/NQ-HĐND", 107),
                ("55/2025/NQ-HĐND", 109),
                ("57/2025/NQ-HĐND", 111),
                ("397-TB/VPTW", 119),
                ("43/2025/TT-BYT", 119),
                ("1679/QĐ-TTg", 141),
                ("149-KL/TW", 141),
                ("21-NQ/TW", 141),
                ("1579/QĐ-TTg", 143),
                ("86-KL/TW", 147),
                ("25/CT-TTg", 147),
                ("16-/CT-UBND", 147),
                ("57-NQ/TW", 207),
                ("07/CT-TTg", 209),
                ("68-NQ/TW", 217),
                ("28-CT/TW", 331),
                ("86-KL/TW", 338),
                ("25/CT-TTg", 338),
                ("16-/CT-UBND", 338),
            ],
        ),
        (
            "004",
            &[
                ("141/KH-UBND", 17),
                ("1300/QĐ-BYT", 27),
                ("1453/QĐ-BYT", 27),
                ("1300/QĐ-BYT", 32),
                ("1453/QĐ-BYT", 32),
                ("1300/QĐ-BYT", 33),
                ("1453/QĐ-BYT", 33),
                ("1300/QĐ-BYT", 35),
                ("1453/QĐ-BYT", 35),
                ("1300/QĐ - BYT", 92),
            ],
        ),
    ];
    for (seed, citations) in expected {
        let (src, plan) = extract_file(&seed_path(seed));
        let found: Vec<(String, usize)> =
            plan.citations.iter().map(|c| (c.symbol.raw.clone(), line(&src, c.span))).collect();
        for (symbol, l) in *citations {
            assert!(
                found.iter().any(|(s, fl)| s == symbol && fl == l),
                "seed {seed}: {symbol} at line {l} not found in {found:?}"
            );
        }
    }
}

/// The abbreviations the reference finds in the seeds (`domain-anchors.md` §1.1 row 10), as the
/// model reads them: first uses in the body and the appendices, none in the recipients (`PCT`,
/// `TTĐT`, `VT` of seeds 003 and 004) or inside a symbol (`1300/QĐ - BYT` of seed 004).
#[test]
fn seed_abbreviations_and_their_first_use() {
    let first = |n: &str| {
        let (src, plan) = extract_file(&seed_path(n));
        let intros: Vec<String> = plan.abbreviation_intros.iter().map(|t| t.text.clone()).collect();
        let uses: Vec<(String, usize)> =
            plan.abbreviations.iter().map(|t| (t.text.clone(), line(&src, t.span))).collect();
        (uses, intros)
    };
    let (uses, intros) = first("000");
    assert!(intros.is_empty());
    for (abbr, at) in [("CSSKBĐ", 14), ("KHHGĐ", 69), ("VSATTP", 131), ("GDSK", 140), ("YHCT", 236)] {
        assert!(uses.contains(&(abbr.to_owned(), at)), "{abbr} at {at}: {uses:?}");
    }
    let (uses, intros) = first("003");
    assert_eq!(intros, ["BHYT"]);
    assert!(uses.contains(&("NVYT".to_owned(), 356)), "{uses:?}");
    assert!(!uses.iter().any(|(a, _)| a == "PCT" || a == "VPTW"), "{uses:?}");
    let (uses, _) = first("004");
    let names: Vec<&str> = uses.iter().map(|(a, _)| a.as_str()).collect();
    assert_eq!(names, ["UBND", "BHYT"]);
}
