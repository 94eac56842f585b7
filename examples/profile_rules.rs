//! Run the built-in rules over plans many times, for a profiler:
//! `cargo run --release --example profile_rules -- PATH [N] [MAX_FILES]`.
//! PATH is a plan file or a directory of plans; every plan is extracted once, outside the loop,
//! so a profile of this program is rule evaluation (`RuleSet::check_with`) plus setup.
#![allow(clippy::unwrap_used, clippy::print_stdout, reason = "a developer tool")]
fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap();
    let n: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(100);
    let max_files: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(usize::MAX);
    let mut paths: Vec<std::path::PathBuf> = if std::path::Path::new(&path).is_dir() {
        std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_file()).collect()
    } else {
        vec![path.into()]
    };
    paths.sort();
    paths.truncate(max_files);
    let registry = planlint::registry::Registry::builtin().unwrap();
    let vocab = &registry.indicators;
    let sources: Vec<planlint::source::SourceFile> = paths
        .iter()
        .map(|p| {
            let bytes = std::fs::read(p).unwrap();
            planlint::source::SourceFile::from_bytes(p.to_string_lossy().as_ref(), &bytes).unwrap()
        })
        .collect();
    let plans: Vec<_> = sources.iter().map(|src| planlint::extract::extract(src, vocab).unwrap()).collect();
    let set = planlint::dsl::RuleSet::builtin().unwrap();
    let opts = planlint::dsl::CheckOptions {
        stage: planlint::dsl::Stage::Draft,
        lang: planlint::lang::Lang::Vi,
        registry,
        parents: &[],
    };
    if std::env::var_os("PER_RULE").is_some() {
        // Each rule alone, timed (noisy: for a ranking, not for figures).
        let mut times: Vec<(std::time::Duration, &str)> = set
            .codes()
            .into_iter()
            .map(|code| {
                let start = std::time::Instant::now();
                for _ in 0..n {
                    for (plan, src) in plans.iter().zip(&sources) {
                        set.check_with(plan, Some(src), &opts, &|c, s| (c == code).then_some(s));
                    }
                }
                (start.elapsed(), code)
            })
            .collect();
        times.sort();
        for (t, code) in times.iter().rev() {
            println!("{code} {:.3} ms", t.as_secs_f64() * 1000.0);
        }
        return;
    }
    // RULES=T101,T108 runs only those rules.
    let only: Option<Vec<String>> = std::env::var("RULES").ok().map(|r| r.split(',').map(str::to_owned).collect());
    let policy = |code: &str, s| match &only {
        Some(codes) => codes.iter().any(|c| c == code).then_some(s),
        None => Some(s),
    };
    let mut findings = 0;
    for _ in 0..n {
        for (plan, src) in plans.iter().zip(&sources) {
            findings += set.check_with(plan, Some(src), &opts, &policy).findings.len();
        }
    }
    println!("{} files, {findings} findings", plans.len());
}
