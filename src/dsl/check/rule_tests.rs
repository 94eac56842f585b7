//! Checking a rule's inline tests: their plans parse, their expectations name lines that exist.

use super::*;

impl Checker<'_> {
    pub(super) fn tests(&mut self, decl: &RuleDecl) {
        let mut names: HashMap<&str, Span> = HashMap::new();
        for t in &decl.tests {
            if let Some(first) = names.get(t.name.value.as_str()) {
                self.problem(
                    Problem::new(
                        "bad-test",
                        t.name.span,
                        words(
                            format!("đã có bài kiểm thử tên \"{}\"", t.name.value),
                            format!("a test named \"{}\" already exists", t.name.value),
                        ),
                    )
                    .also(*first, words("lần đầu ở đây", "first here")),
                );
            }
            names.insert(&t.name.value, t.name.span);
            self.test(decl, t);
        }
    }

    pub(super) fn test(&mut self, decl: &RuleDecl, t: &TestCase) {
        match t.plans.as_slice() {
            [] => self.problem(
                Problem::new("bad-test", t.name.span, words("bài kiểm thử không có kế hoạch", "the test has no plan"))
                    .help(words(
                        "thêm `plan \"\"\"…\"\"\"` hoặc `plan file \"…\"`",
                        "add `plan \"\"\"…\"\"\"` or `plan file \"…\"`",
                    )),
            ),
            [_] => {}
            [_, second, ..] => {
                let span = match second {
                    TestPlan::Inline { text, .. } => text.span,
                    TestPlan::File { path } => path.span,
                };
                self.problem(Problem::new(
                    "bad-test",
                    span,
                    words("mỗi bài kiểm thử có đúng một kế hoạch", "a test has exactly one plan"),
                ));
            }
        }
        if t.expects.is_empty() {
            self.problem(
                Problem::new(
                    "bad-test",
                    t.name.span,
                    words("bài kiểm thử không có `expect`", "the test has no `expect`"),
                )
                .help(words(
                    format!("thêm `expect {0} at line N` hoặc `expect no {0}`", decl.code.value),
                    format!("add `expect {0} at line N` or `expect no {0}`", decl.code.value),
                )),
            );
        }
        let plan_lines = match t.plans.first() {
            Some(TestPlan::Inline { text, .. }) => Some(text.value.lines().count()),
            _ => None,
        };
        for e in &t.expects {
            let (code, lines) = match e {
                Expect::None { code } => (code, &[][..]),
                Expect::Some { code, lines } => (code, lines.as_slice()),
            };
            if code.value != decl.code.value {
                self.problem(
                    Problem::new(
                        "bad-test",
                        code.span,
                        words(
                            format!(
                                "bài kiểm thử chỉ chạy quy tắc của nó (`{}`), không phải `{}`",
                                decl.code.value, code.value
                            ),
                            format!("a test runs only its own rule (`{}`), not `{}`", decl.code.value, code.value),
                        ),
                    )
                    .help(words(
                        format!(
                            "viết `expect {}`; kiểm thử `{}` trong tệp quy tắc của nó",
                            decl.code.value, code.value
                        ),
                        format!("write `expect {}`; test `{}` in its own rule file", decl.code.value, code.value),
                    )),
                );
            }
            for l in lines {
                let past = plan_lines.is_some_and(|n| l.value > n);
                if l.value == 0 || past {
                    self.problem(Problem::new(
                        "bad-test",
                        l.span,
                        words(
                            format!(
                                "kế hoạch kiểm thử không có dòng {} (có {} dòng)",
                                l.value,
                                plan_lines.unwrap_or(0)
                            ),
                            format!("the test plan has no line {} ({} lines)", l.value, plan_lines.unwrap_or(0)),
                        ),
                    ));
                }
            }
        }
    }
}
