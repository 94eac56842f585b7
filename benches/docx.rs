//! Word reading speed: the real 31-page Lâm Đồng plan (`fixtures/docx/real/`), from the `.docx`
//! bytes in memory to the document model, and on to its text rendering. Run with
//! `cargo bench --bench docx`.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "benchmark setup fails loudly")]

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use planlint::docx::{self, Limits};

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

criterion_group!(benches, reading);
criterion_main!(benches);
