//! Extraction speed: decoding, normalizing and extracting each seed plan (and an NFD copy of the
//! largest), from bytes in memory to the plan model. Run with `cargo bench --bench extract`.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "benchmark setup fails loudly")]

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use planlint::source::SourceFile;
use unicode_normalization::UnicodeNormalization;

mod common;

/// The seeds and an NFD copy of the largest.
fn seeds() -> Vec<(String, Vec<u8>)> {
    let mut out = common::seeds();
    let largest = out.iter().max_by_key(|(_, b)| b.len()).cloned().unwrap();
    let nfd: String = String::from_utf8(largest.1).unwrap().nfd().collect();
    out.push((format!("{} (NFD)", largest.0), nfd.into_bytes()));
    out
}

fn extraction(c: &mut Criterion) {
    let vocab = planlint::registry::builtin_indicators().unwrap();
    let mut group = c.benchmark_group("extract");
    for (name, bytes) in seeds() {
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(&name, |b| {
            b.iter(|| {
                let src = SourceFile::from_bytes(name.as_str(), black_box(&bytes)).unwrap();
                black_box(planlint::extract::extract(&src, vocab).unwrap())
            });
        });
    }
    group.finish();
}

criterion_group!(benches, extraction);
criterion_main!(benches);
