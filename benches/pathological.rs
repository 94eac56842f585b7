//! Pathological inputs at 1x, 4x and 16x their size (issue 18): time must grow at most linearly.
//! Run with `cargo bench --bench pathological`; the ratios are in README (Robustness).
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "benchmark setup fails loudly")]

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use planlint::source::{SourceFile, with_located_spans};

const HEAD: &str = "KẾ HOẠCH\nPhòng chống dịch năm 2024\n\n";

fn citation(i: usize) -> String {
    format!("Căn cứ Quyết định số {i}/QĐ-UBND ngày 01/01/2024 của UBND tỉnh về việc phê duyệt kế hoạch")
}

/// Each generator at a base size `n`.
fn inputs(n: usize) -> Vec<(&'static str, String)> {
    let cites: Vec<String> = (1..=n).map(citation).collect();
    let headings: String = (1..=n).map(|i| format!("{i}. Nhiệm vụ số {i}\nNội dung.\n")).collect();
    let nesting: String = (1..=n).map(|i| format!("{}. Mục\n", vec!["1"; 1 + i % 4].join("."))).collect();
    let table: String =
        (1..=n).map(|i| format!("{i}\tTriển khai nhiệm vụ {i}\tTrạm Y tế\tPhòng Y tế\tQuý II/2024\n")).collect();
    vec![
        ("citations in one paragraph", format!("{HEAD}{}\n\nI. MỤC TIÊU\nNội dung.\n", cites.join("\n"))),
        ("citations on one line (U+2028)", format!("{HEAD}{}\n\nI. MỤC TIÊU\nNội dung.\n", cites.join("\u{2028}"))),
        ("headings", format!("{HEAD}I. NHIỆM VỤ\n{headings}")),
        ("deep nesting", format!("{HEAD}I. NHIỆM VỤ\n{nesting}")),
        (
            "task table rows",
            format!("{HEAD}I. NHIỆM VỤ\nTT\tNội dung\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời hạn\n{table}"),
        ),
    ]
}

fn pathological(c: &mut Criterion) {
    let vocab = planlint::registry::builtin_indicators().unwrap();
    let mut group = c.benchmark_group("pathological");
    group.sample_size(10);
    for times in [1, 4, 16] {
        for (name, text) in inputs(500 * times) {
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_function(format!("{name} x{times}"), |b| {
                b.iter(|| {
                    planlint::memo::forget();
                    let src = SourceFile::from_text("p.txt", black_box(&text)).unwrap();
                    let plan = planlint::extract::extract_fragment(&src, vocab).unwrap();
                    // Locating every span (as `extract` and every output do) is part of the cost.
                    black_box(with_located_spans(&src, || serde_json::to_string(&plan).unwrap()))
                });
            });
        }
    }
    group.finish();
}

criterion_group!(benches, pathological);
criterion_main!(benches);
