//! Decode one file many times, for a profiler: `cargo run --release --example profile_source -- FILE N`.
#![allow(clippy::unwrap_used, clippy::print_stdout, reason = "a developer tool")]
fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap();
    let n: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(100);
    let bytes = std::fs::read(&path).unwrap();
    let mut total = 0;
    for _ in 0..n {
        total += planlint::source::SourceFile::from_bytes(path.as_str(), &bytes).unwrap().text().len();
    }
    println!("{total}");
}
