//! A seeded mutation fuzzer (issue 18): inputs from the fixtures are mutated — bytes flipped,
//! pieces cut, doubled or moved, separators and markup inserted — and fed to each parser:
//! text/Markdown/Word extraction with every span located, the rule-file front end, the config
//! and the legal registry. Nothing may panic. The test suite runs a short fixed-seed campaign;
//! a long one is `PLANLINT_FUZZ_ITERS=200000 PLANLINT_FUZZ_SEED=7 cargo test --release --test fuzz`
//! (iterations per target; the seed of a failing input is printed, to replay it alone).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice,
    clippy::print_stderr,
    reason = "tests fail loudly on purpose"
)]

mod common;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

/// xorshift64*: a small deterministic generator, so a failure replays from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }
}

/// Pieces a mutation inserts: what real plans and converters put where extraction looks.
const PIECES: &[&str] = &[
    "\n",
    "\r",
    "\r\n",
    "\t",
    "\u{2028}",
    "\u{b}",
    "\u{c}",
    "|",
    "\n|\n",
    "**",
    "*",
    "__",
    "   ",
    "<br>",
    "-------",
    "Số: ",
    "/KH-UBND",
    "ngày ",
    "tháng ",
    "năm 2025",
    "Căn cứ Quyết định số 12/QĐ-UBND ngày 01/02/2024 ",
    "II. ",
    "1. ",
    "a) ",
    "Điều 3. ",
    "KẾ HOẠCH\n",
    "(Ban hành kèm theo ",
    "Nơi nhận:",
    "TM. ỦY BAN NHÂN DÂN ",
    "KT. CHỦ TỊCH ",
    "đạt 95%",
    "7,,2",
    "0,5 0,‰",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "ệ",
    "e\u{302}\u{323}",
    "\u{feff}",
    "\u{200b}",
    "\u{0}",
    "&",
    "*a: &a [*a, *a]",
    "{",
    "}",
    "\"\"\"",
    "#",
    "\u{fffd}",
];

fn mutate(rng: &mut Rng, seed_input: &[u8], corpus: &[Vec<u8>]) -> Vec<u8> {
    let mut data = seed_input.to_vec();
    for _ in 0..1 + rng.below(6) {
        let len = data.len();
        match rng.below(7) {
            0 if len > 0 => {
                let at = rng.below(len);
                data[at] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let a = rng.below(len);
                let b = (a + 1 + rng.below(256)).min(len);
                data.drain(a..b);
            }
            2 if len > 0 => {
                let a = rng.below(len);
                let b = (a + 1 + rng.below(512)).min(len);
                let piece = data[a..b].to_vec();
                let at = rng.below(data.len() + 1);
                for _ in 0..1 + rng.below(3) {
                    data.splice(at..at, piece.iter().copied());
                }
            }
            3 => {
                let piece = PIECES[rng.below(PIECES.len())].as_bytes();
                let at = rng.below(len + 1);
                data.splice(at..at, piece.iter().copied());
            }
            4 if !corpus.is_empty() => {
                let other = &corpus[rng.below(corpus.len())];
                if !other.is_empty() {
                    let a = rng.below(other.len());
                    let b = (a + 1 + rng.below(1024)).min(other.len());
                    let at = rng.below(len + 1);
                    data.splice(at..at, other[a..b].iter().copied());
                }
            }
            5 if len > 0 => {
                // Lines joined: every line feed of a stretch becomes a space or a separator.
                let a = rng.below(len);
                let b = (a + rng.below(2048)).min(len);
                let sep = [b' ', b'\t', b'|'][rng.below(3)];
                for byte in &mut data[a..b] {
                    if *byte == b'\n' {
                        *byte = sep;
                    }
                }
            }
            _ => {
                let at = rng.below(len + 1);
                data.truncate(at);
            }
        }
    }
    data
}

fn files(dir: &str, ext: &[&str]) -> Vec<(String, Vec<u8>)> {
    let root = common::root().join(dir);
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if ext.iter().any(|x| p.to_string_lossy().ends_with(x)) {
                out.push((p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

fn iterations() -> usize {
    std::env::var("PLANLINT_FUZZ_ITERS").ok().and_then(|v| v.parse().ok()).unwrap_or(2000)
}

/// A time budget instead of a count: `PLANLINT_FUZZ_SECONDS=3600` runs each target for an hour of
/// wall time; `PLANLINT_FUZZ_CPU_SECONDS=3600` for an hour of this thread's CPU time, so that a
/// campaign run niced beside other work still gets its full hour of fuzzing.
fn budget() -> Option<(Clock, std::time::Duration)> {
    let secs = |var: &str| std::env::var(var).ok().and_then(|v| v.parse().ok()).map(std::time::Duration::from_secs);
    match (secs("PLANLINT_FUZZ_CPU_SECONDS"), secs("PLANLINT_FUZZ_SECONDS")) {
        (Some(cpu), _) if thread_cpu().is_some() => Some((Clock::Cpu, cpu)),
        (Some(cpu), _) => Some((Clock::Wall, cpu)),
        (None, Some(wall)) => Some((Clock::Wall, wall)),
        (None, None) => None,
    }
}

#[derive(Clone, Copy)]
enum Clock {
    Wall,
    Cpu,
}

/// The CPU time this thread has run, from Linux's `/proc/thread-self/schedstat` (nanoseconds);
/// `None` where it is not available.
fn thread_cpu() -> Option<std::time::Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok().map(std::time::Duration::from_nanos)
}

/// How long something took on `clock`, measured from `(wall, cpu)` taken at its start.
fn since(clock: Clock, (wall, cpu): (std::time::Instant, Option<std::time::Duration>)) -> std::time::Duration {
    match (clock, cpu, thread_cpu()) {
        (Clock::Cpu, Some(then), Some(now)) => now.saturating_sub(then),
        _ => wall.elapsed(),
    }
}

fn base_seed() -> u64 {
    std::env::var("PLANLINT_FUZZ_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or(20_261_206)
}

/// Run `target` on mutations of `seeds`; a panic fails with the input's seed.
fn campaign(name: &str, seeds: &[(String, Vec<u8>)], target: &dyn Fn(&str, &[u8])) {
    assert!(!seeds.is_empty(), "{name}: no seed inputs");
    let corpus: Vec<Vec<u8>> = seeds.iter().map(|(_, b)| b.clone()).collect();
    let (count, budget) = (iterations(), budget());
    let clock = budget.map_or(Clock::Wall, |(c, _)| c);
    let start = (std::time::Instant::now(), thread_cpu());
    let mut i = 0usize;
    // A hang is an input that takes longer than this (CPU time when the campaign counts CPU time,
    // so that a niced campaign beside other work is not failed by waiting); the slowest input is
    // reported either way.
    let hang = std::time::Duration::from_secs(10);
    let mut slowest = std::time::Duration::ZERO;
    let mut next_report = std::time::Duration::from_secs(600);
    // Reading the CPU clock costs a file read: the budget is looked at once a second, and an
    // input's CPU time only when its wall time is long enough to matter.
    let (mut used, mut looked) = (std::time::Duration::ZERO, std::time::Instant::now());
    while budget.map_or(i < count, |(_, b)| used < b) {
        i += 1;
        let seed = base_seed() ^ ((i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)) | 1;
        let mut rng = Rng(seed);
        let (file, bytes) = &seeds[rng.below(seeds.len())];
        let input = mutate(&mut rng, bytes, &corpus);
        let began = (std::time::Instant::now(), if matches!(clock, Clock::Cpu) { thread_cpu() } else { None });
        let result = catch_unwind(AssertUnwindSafe(|| target(file, &input)));
        let mut took = began.0.elapsed();
        if took > std::time::Duration::from_millis(20) {
            took = since(clock, began);
        }
        slowest = slowest.max(took);
        if took > hang {
            let dump = std::env::temp_dir().join(format!("planlint-fuzz-{name}-{seed}"));
            std::fs::write(&dump, &input).unwrap();
            panic!("{name}: {took:.1?} on a mutation of {file} (seed {seed}); input saved to {}", dump.display());
        }
        if result.is_err() {
            let dump = std::env::temp_dir().join(format!("planlint-fuzz-{name}-{seed}"));
            std::fs::write(&dump, &input).unwrap();
            panic!("{name}: panic on a mutation of {file} (seed {seed}); input saved to {}", dump.display());
        }
        if budget.is_some() && looked.elapsed() >= std::time::Duration::from_secs(1) {
            (used, looked) = (since(clock, start), std::time::Instant::now());
            // A long campaign says how far it got every ten minutes, so that stopping it early
            // still leaves a record.
            if used >= next_report {
                eprintln!("{name}: {i} inputs so far, {used:.0?} of {}", clock_name(clock));
                next_report += std::time::Duration::from_secs(600);
            }
        }
    }
    let (wall, cpu) = (start.0.elapsed(), since(Clock::Cpu, start));
    eprintln!("{name}: {i} inputs in {wall:.0?} ({cpu:.0?} CPU), no panic, no hang (slowest input {slowest:.1?})");
}

fn clock_name(clock: Clock) -> &'static str {
    match clock {
        Clock::Wall => "wall time",
        Clock::Cpu => "CPU time",
    }
}

#[test]
fn extraction_never_panics() {
    let vocab = planlint::registry::builtin_indicators().unwrap();
    let mut seeds = files("fixtures/plans", &[".txt", ".md"]);
    seeds.extend(files("fixtures/real", &[".txt", ".md"]).into_iter().filter(|(n, _)| n.starts_with(char::is_numeric)));
    campaign("extract", &seeds, &|name, bytes| {
        if let Ok(src) = planlint::source::SourceFile::from_bytes(name, bytes)
            && let Ok(plan) = planlint::extract::extract_fragment(&src, vocab)
        {
            let _ = planlint::source::with_located_spans(&src, || serde_json::to_string(&plan).unwrap());
        }
    });
}

#[test]
fn the_word_reader_never_panics() {
    let vocab = planlint::registry::builtin_indicators().unwrap();
    let seeds = files("fixtures/docx", &[".docx"]);
    campaign("docx", &seeds, &|_, bytes| {
        if let Ok(src) = planlint::source::SourceFile::from_bytes("plan.docx", bytes) {
            let _ = planlint::extract::extract_fragment(&src, vocab);
        }
    });
}

#[test]
fn the_rule_file_front_end_never_panics() {
    let mut seeds = files("rules", &[".plr"]);
    seeds.extend(files("fixtures/rule-files", &[".plr"]));
    campaign("rules", &seeds, &|name, bytes| {
        let text = String::from_utf8_lossy(bytes).into_owned();
        let source = planlint::dsl::RuleSource { path: name.to_owned(), text, builtin: false };
        let _ = planlint::dsl::RuleSet::load(vec![source]);
    });
}

#[test]
fn config_and_registry_loading_never_panic() {
    let mut seeds = files("fixtures", &["planlint.yaml"]);
    seeds.extend(files("rules/registry", &["legal.yaml"]));
    seeds.push(("planlint.yaml".into(), b"lang: vi\nstage: final\nselect: [T, L1]\nignore: [T103]\nseverity: {L1: warning}\noverrides:\n  - paths: [a/**]\n    ignore: [I106]\n".to_vec()));
    campaign("yaml", &seeds, &|name, bytes| {
        let text = String::from_utf8_lossy(bytes);
        let _ = planlint::config::parse("planlint.yaml", &text, Path::new("."), None);
        let _ = planlint::registry::LegalRegistry::from_yaml(name, &text);
    });
}

#[test]
fn checking_never_panics() {
    // The whole judgment: extraction, then every built-in rule at the final stage, findings
    // rendered to JSON with their spans located.
    let registry = planlint::registry::Registry::builtin().unwrap();
    let rules = planlint::dsl::RuleSet::builtin().unwrap();
    let mut seeds = files("fixtures/plans", &[".txt", ".md"]);
    seeds.extend(files("fixtures/real", &[".txt", ".md"]).into_iter().filter(|(n, _)| n.starts_with(char::is_numeric)));
    seeds.extend(files("fixtures/docx", &[".docx"]));
    campaign("check", &seeds, &|name, bytes| {
        let Ok(src) = planlint::source::SourceFile::from_bytes(name, bytes) else { return };
        let Ok(plan) = planlint::extract::extract_fragment(&src, &registry.indicators) else { return };
        let opts = planlint::dsl::CheckOptions {
            stage: planlint::dsl::Stage::Final,
            lang: planlint::lang::Lang::Vi,
            registry,
            parents: &[],
        };
        let outcome = rules.check(&plan, Some(&src), &opts);
        let _ = planlint::source::with_located_spans(&src, || serde_json::to_string(&outcome.findings).unwrap());
    });
}
