//! Load and check the built-in rules many times, for a profiler:
//! `cargo run --release --example profile_load -- N`.
#![allow(clippy::unwrap_used, clippy::print_stdout, reason = "a developer tool")]
fn main() {
    let n: usize = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(100);
    let mut rules = 0;
    for _ in 0..n {
        rules += planlint::dsl::RuleSet::load(planlint::dsl::builtin_sources()).unwrap().rules().len();
    }
    println!("{rules}");
}
