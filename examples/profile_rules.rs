//! Run the built-in rules over one file many times, for a profiler:
//! `cargo run --release --example profile_rules -- FILE N`.
#![allow(clippy::unwrap_used, clippy::print_stdout, reason = "a developer tool")]
fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap();
    let n: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(100);
    let bytes = std::fs::read(&path).unwrap();
    let registry = planlint::registry::Registry::builtin().unwrap();
    let vocab = &registry.indicators;
    let src = planlint::source::SourceFile::from_bytes(path.as_str(), &bytes).unwrap();
    let plan = planlint::extract::extract(&src, vocab).unwrap();
    let set = planlint::dsl::RuleSet::builtin().unwrap();
    let opts = planlint::dsl::CheckOptions {
        stage: planlint::dsl::Stage::Draft,
        lang: planlint::lang::Lang::Vi,
        registry,
        parents: &[],
    };
    let mut findings = 0;
    for _ in 0..n {
        findings += set.check(&plan, Some(&src), &opts).findings.len();
    }
    println!("{findings}");
}
