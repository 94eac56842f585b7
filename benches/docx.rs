//! Word reading speed. Run with `cargo bench --bench docx`.
//!
//! - `docx`: the two real plans (`fixtures/docx/real/`), from the `.docx` bytes in memory to
//!   the document model, and on to its text rendering.
//! - `docx-60-pages`: a plan of more than 60 pages (`target/bench-docx/plan-60-pages.docx`,
//!   written by `benches/docx_corpus.py`, run here when the file is missing): read, rendered,
//!   and extracted (bytes to the plan model, as `planlint check` and `extract` do it).
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "benchmark setup fails loudly")]

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use planlint::docx::{self, Limits};
use planlint::source::SourceFile;

fn reading(c: &mut Criterion) {
    let mut group = c.benchmark_group("docx");
    for name in ["lamdong-kh-cchc-2026-2030", "phobang-tieuban-kh-tuyentruyen-baucu-2025"] {
        let path = format!("{}/fixtures/docx/real/{name}.docx", env!("CARGO_MANIFEST_DIR"));
        let bytes = std::fs::read(path).unwrap();
        let limits = Limits::default();
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(format!("read {name}"), |b| {
            b.iter(|| black_box(docx::read(black_box(&bytes), &limits).unwrap()));
        });
        group.bench_function(format!("read+text {name}"), |b| {
            b.iter(|| black_box(docx::read(black_box(&bytes), &limits).unwrap().to_text()));
        });
    }
    group.finish();
}

/// The generated plan of more than 60 pages, written by `benches/docx_corpus.py` when missing.
fn sixty_pages() -> Vec<u8> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let path = root.join("target/bench-docx/plan-60-pages.docx");
    if !path.exists() {
        let status = std::process::Command::new("python3").arg(root.join("benches/docx_corpus.py")).status().unwrap();
        assert!(status.success(), "benches/docx_corpus.py failed");
    }
    std::fs::read(path).unwrap()
}

fn long_plan(c: &mut Criterion) {
    let bytes = sixty_pages();
    let limits = Limits::default();
    let vocab = planlint::registry::builtin_indicators().unwrap();
    // What is extracted, so that a broken generator cannot pass as fast.
    let plan = planlint::extract::extract(&SourceFile::from_bytes("plan.docx", &bytes).unwrap(), vocab).unwrap();
    assert!(plan.tasks.len() > 150, "{} tasks", plan.tasks.len());
    let mut group = c.benchmark_group("docx-60-pages");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("read", |b| {
        b.iter(|| black_box(docx::read(black_box(&bytes), &limits).unwrap()));
    });
    group.bench_function("read+text", |b| {
        b.iter(|| black_box(docx::read(black_box(&bytes), &limits).unwrap().to_text()));
    });
    group.bench_function("extract", |b| {
        b.iter(|| {
            planlint::memo::forget();
            let src = SourceFile::from_bytes("plan.docx", black_box(&bytes)).unwrap();
            black_box(planlint::extract::extract(&src, vocab).unwrap())
        });
    });
    group.finish();
}

criterion_group!(benches, reading, long_plan);
criterion_main!(benches);
