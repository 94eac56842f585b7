//! Rule engine speed: loading and checking every built-in rule file, and evaluating all
//! built-in rules over each seed plan (next to extracting it, for the ratio). Run with
//! `cargo bench --bench rules`.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "benchmark setup fails loudly")]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use planlint::dsl::{CheckOptions, RuleSet, Stage, builtin_sources};
use planlint::lang::Lang;
use planlint::source::SourceFile;

mod common;

use common::seeds;

fn loading(c: &mut Criterion) {
    c.bench_function("rules/load-and-check-builtin", |b| {
        b.iter(|| black_box(RuleSet::load(black_box(builtin_sources())).unwrap()));
    });
}

fn evaluation(c: &mut Criterion) {
    let registry = planlint::registry::Registry::builtin().unwrap();
    let vocab = &registry.indicators;
    let set = RuleSet::builtin().unwrap();
    let opts = CheckOptions { stage: Stage::Draft, lang: Lang::Vi, registry, parents: &[] };
    let mut group = c.benchmark_group("rules");
    for (name, bytes) in seeds() {
        let src = SourceFile::from_bytes(name.as_str(), &bytes).unwrap();
        let plan = planlint::extract::extract(&src, vocab).unwrap();
        group.bench_function(format!("extract/{name}"), |b| {
            b.iter(|| {
                planlint::memo::forget();
                let src = SourceFile::from_bytes(name.as_str(), black_box(&bytes)).unwrap();
                black_box(planlint::extract::extract(&src, vocab).unwrap())
            });
        });
        group.bench_function(format!("evaluate/{name}"), |b| {
            b.iter(|| {
                planlint::memo::forget();
                black_box(set.check(black_box(&plan), Some(&src), &opts))
            });
        });
    }
    group.finish();
}

criterion_group!(benches, loading, evaluation);
criterion_main!(benches);
