//! Extraction speed: decoding, normalizing and extracting each seed plan (and an NFD copy of the
//! largest), from bytes in memory to the plan model. Run with `cargo bench --bench extract`.
//! Each iteration forgets the thread's memories of texts (`planlint::memo::forget`): a plan is
//! read as if for the first time, not recalled.
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
                planlint::memo::forget();
                let src = SourceFile::from_bytes(name.as_str(), black_box(&bytes)).unwrap();
                black_box(planlint::extract::extract(&src, vocab).unwrap())
            });
        });
    }
    group.finish();
}

/// The real-plan corpus (`fixtures/real`): every layout extraction reads.
fn real_plans(c: &mut Criterion) {
    let vocab = planlint::registry::builtin_indicators().unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/real");
    let mut plans: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(|c: char| c.is_ascii_digit()))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()))
        .collect();
    plans.sort();
    let total: usize = plans.iter().map(|(_, b)| b.len()).sum();
    let mut group = c.benchmark_group("extract-real");
    group.throughput(Throughput::Bytes(total as u64));
    group.bench_function("all real plans", |b| {
        b.iter(|| {
            planlint::memo::forget();
            for (name, bytes) in &plans {
                let src = SourceFile::from_bytes(name.as_str(), black_box(bytes)).unwrap();
                black_box(planlint::extract::extract(&src, vocab).unwrap());
            }
        });
    });
    group.finish();
}

/// The largest seed repeated 1, 4 and 16 times in one file: time must grow linearly with size.
/// The memories of texts are off (`planlint::memo::without`): they would recall the copies.
fn scaling(c: &mut Criterion) {
    let vocab = planlint::registry::builtin_indicators().unwrap();
    let (name, bytes) = common::seeds().into_iter().max_by_key(|(_, b)| b.len()).unwrap();
    let mut group = c.benchmark_group("extract-scaling");
    for times in [1usize, 4, 16] {
        let mut big = Vec::with_capacity(bytes.len() * times);
        for _ in 0..times {
            big.extend_from_slice(&bytes);
            big.push(b'\n');
        }
        group.throughput(Throughput::Bytes(big.len() as u64));
        group.bench_function(format!("{name} x{times}"), |b| {
            b.iter(|| {
                planlint::memo::without(|| {
                    let src = SourceFile::from_bytes(name.as_str(), black_box(&big)).unwrap();
                    black_box(planlint::extract::extract(&src, vocab).unwrap())
                })
            });
        });
    }
    group.finish();
}

criterion_group!(benches, extraction, real_plans, scaling);
criterion_main!(benches);
