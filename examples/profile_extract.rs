//! Extract files many times, for a profiler:
//! `cargo run --release --example profile_extract -- FILE N` (one file N times), or
//! `cargo run --release --example profile_extract -- PATH... N` (every file of the paths —
//! files or directories — N times each).
#![allow(clippy::unwrap_used, clippy::print_stdout, reason = "a developer tool")]
fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let n: usize = match args.last().and_then(|n| n.parse().ok()) {
        Some(n) if args.len() > 1 => {
            args.pop();
            n
        }
        _ => 100,
    };
    let mut paths = Vec::new();
    for a in &args {
        let p = std::path::Path::new(a);
        if p.is_dir() {
            let mut files: Vec<_> = std::fs::read_dir(p).unwrap().map(|e| e.unwrap().path()).collect();
            files.sort();
            paths.extend(files);
        } else {
            paths.push(p.to_path_buf());
        }
    }
    let files: Vec<(String, Vec<u8>)> =
        paths.iter().map(|p| (p.to_string_lossy().into_owned(), std::fs::read(p).unwrap())).collect();
    let vocab = planlint::registry::builtin_indicators().unwrap();
    let mut tasks = 0;
    for _ in 0..n {
        for (path, bytes) in &files {
            let src = planlint::source::SourceFile::from_bytes(path.as_str(), bytes).unwrap();
            tasks += planlint::extract::extract(&src, vocab).map_or(0, |p| p.tasks.len());
        }
    }
    println!("{tasks}");
}
