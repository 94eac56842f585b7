//! Applying a file's directives to its findings, and the findings about the directives
//! themselves (E006 unused, E007 malformed).

use super::*;

impl Suppressions {
    /// Drop the suppressed findings and add the findings about the directives themselves (E006,
    /// E007). `known` says how the run knows a code; E006 and E007 count as enabled unless it
    /// says they are disabled. Kept findings keep their order; the new ones follow, in document
    /// order (the caller sorts the file's output).
    pub fn apply(&self, findings: Vec<Finding>, known: &dyn Fn(&str) -> Known, lang: Lang) -> Vec<Finding> {
        self.apply_suggesting(findings, known, &[], lang)
    }

    /// [`Suppressions::apply`], with the codes of the run's rules to suggest from when a
    /// directive names an unknown code (`T130` → did you mean `T103`?).
    pub fn apply_suggesting(
        &self,
        findings: Vec<Finding>,
        known: &dyn Fn(&str) -> Known,
        candidates: &[&str],
        lang: Lang,
    ) -> Vec<Finding> {
        self.apply_keeping(findings, known, candidates, lang).0
    }

    /// [`Suppressions::apply_suggesting`], also handing back the findings silenced by a
    /// directive that gives a reason, with it (in the order they came; those silenced without
    /// a reason are dropped).
    pub fn apply_keeping(
        &self,
        findings: Vec<Finding>,
        known: &dyn Fn(&str) -> Known,
        candidates: &[&str],
        lang: Lang,
    ) -> (Vec<Finding>, Vec<Suppressed>) {
        if self.directives.is_empty() {
            return (findings, Vec::new());
        }
        let known = |code: &str| match known(code) {
            Known::Unknown if is_meta(code) => Known::Enabled,
            k => k,
        };
        let mut used = vec![false; self.entries.len()];
        let mut kept = Vec::with_capacity(findings.len());
        let mut suppressed = Vec::new();
        for f in findings {
            match self.suppressed_by(&f, &mut used) {
                None => kept.push(f),
                Some(d) => {
                    if let Some(reason) = self.directives.get(d).and_then(|d| d.reason.clone()) {
                        suppressed.push(Suppressed { finding: f, reason });
                    }
                }
            }
        }

        // Findings about the directives, themselves suppressible by directives naming E006/E007.
        let mut meta = Vec::new();
        for m in &self.malformed {
            meta.push(self.malformed_finding(m, lang));
        }
        for (i, e) in self.entries.iter().enumerate() {
            match known(&e.key) {
                Known::Unknown => {
                    let suggestion = crate::dsl::suggest(&e.code, candidates.iter().copied());
                    meta.push(self.unknown_code_finding(e, suggestion, lang));
                }
                Known::Enabled if !is_meta(&e.key) && e.scope.is_some() && !used.get(i).copied().unwrap_or(true) => {
                    if let Some(d) = self.directives.get(e.directive) {
                        meta.push(self.unused_finding(e, d, lang));
                    }
                }
                _ => {}
            }
        }
        meta.retain(|f| known(&f.code) != Known::Disabled && !self.suppress(f, &mut used));
        // Unused E006/E007 codes last: these findings are never themselves suppressed.
        for (i, e) in self.entries.iter().enumerate() {
            let unused = !used.get(i).copied().unwrap_or(true) && e.scope.is_some();
            if unused && is_meta(&e.key) && known(&e.key) == Known::Enabled && known(UNUSED_CODE) != Known::Disabled {
                if let Some(d) = self.directives.get(e.directive) {
                    meta.push(self.unused_finding(e, d, lang));
                }
            }
        }
        meta.sort_by_key(|f| (f.span.start, f.span.end));
        kept.extend(meta);
        (kept, suppressed)
    }

    /// Whether a finding is suppressed; marks the directive code that suppressed it as used.
    fn suppress(&self, f: &Finding, used: &mut [bool]) -> bool {
        self.suppressed_by(f, used).is_some()
    }

    /// The directive that suppresses a finding, if one does; marks the code that suppressed it
    /// as used. A line directive wins over a stretch; of two stretches, the one opened last.
    fn suppressed_by(&self, f: &Finding, used: &mut [bool]) -> Option<usize> {
        let at = f.span.start;
        let mut best: Option<(usize, bool, usize)> = None;
        for (i, e) in self.entries.iter().enumerate() {
            let Some((start, end)) = e.scope else { continue };
            if at < start || at >= end || e.key != f.code {
                continue;
            }
            let line = self.directives.get(e.directive).is_some_and(|d| d.target.is_some());
            let better = match best {
                None => true,
                Some((_, best_line, best_start)) => (line, start) > (best_line, best_start),
            };
            if better {
                best = Some((i, line, start));
            }
        }
        let (i, _, _) = best?;
        *used.get_mut(i)? = true;
        self.entries.get(i).map(|e| e.directive)
    }

    fn quote(&self, directive: usize) -> &str {
        self.directives.get(directive).map_or("", |d| d.quote.as_str())
    }

    fn example(&self) -> &'static str {
        match self.syntax {
            Some(Syntax::Yaml) => "# planlint: ignore[T103]",
            _ => "<!-- planlint-disable-next-line T103 -->",
        }
    }

    fn unused_finding(&self, e: &Entry, d: &Directive, lang: Lang) -> Finding {
        let (code, quote) = (&e.code, &d.quote);
        let (vi_where, en_where) = match d.verb {
            Verb::NextLine | Verb::IgnoreNext => (
                format!("dòng ngay sau không có phát hiện `{code}` nào"),
                format!("the next line has no `{code}` finding"),
            ),
            Verb::IgnoreHere => {
                (format!("dòng này không có phát hiện `{code}` nào"), format!("this line has no `{code}` finding"))
            }
            Verb::Disable | Verb::Enable | Verb::Broken if e.closed => (
                format!("từ chỉ thị đến `planlint-enable` không có phát hiện `{code}` nào"),
                format!("there is no `{code}` finding between it and the matching `planlint-enable`"),
            ),
            Verb::Disable | Verb::Enable | Verb::Broken => (
                format!("từ chỉ thị đến cuối tệp không có phát hiện `{code}` nào"),
                format!("there is no `{code}` finding from it to the end of the file"),
            ),
        };
        let message = Bilingual::new(
            format!("mã `{code}` trong chỉ thị `{quote}` không bỏ qua gì: {vi_where}"),
            format!("code `{code}` in the directive `{quote}` suppresses nothing: {en_where}"),
        );
        let help = Bilingual::new(
            "xoá mã này khỏi chỉ thị (xoá cả chỉ thị nếu không còn mã nào): lỗi mà nó từng che có lẽ đã được sửa, \
             hoặc mã bị ghi nhầm",
            "remove this code from the directive (and the directive if no code is left): the problem it hid has \
             probably been fixed, or the code is a typo",
        );
        let labels = d
            .target
            .filter(|_| matches!(d.verb, Verb::NextLine | Verb::IgnoreNext))
            .map(|span| Label {
                span,
                message: pick(&Bilingual::new("dòng mà chỉ thị áp dụng", "the line the directive applies to"), lang)
                    .to_owned(),
            })
            .into_iter()
            .collect();
        meta_finding(UNUSED_CODE, UNUSED_NAME, e.span, &message, &help, labels, lang)
    }

    fn unknown_code_finding(&self, e: &Entry, suggestion: Option<&str>, lang: Lang) -> Finding {
        let (code, quote) = (&e.code, self.quote(e.directive));
        let message = Bilingual::new(
            format!("chỉ thị `{quote}` nhắc đến mã `{code}`, nhưng không có quy tắc nào mang mã này"),
            format!("the directive `{quote}` names `{code}`, but no rule has this code"),
        );
        let help = match suggestion {
            Some(s) => Bilingual::new(
                format!("có phải ý bạn là `{s}`? Xem danh sách mã bằng lệnh `planlint rules list`"),
                format!("did you mean `{s}`? See the list of codes with `planlint rules list`"),
            ),
            None => Bilingual::new(
                "mã quy tắc gồm một chữ cái và ba chữ số, ví dụ `T103`; xem danh sách mã bằng lệnh `planlint rules list`",
                "a rule code is a letter and three digits, e.g. `T103`; see the list of codes with `planlint rules list`",
            ),
        };
        meta_finding(MALFORMED_CODE, MALFORMED_NAME, e.span, &message, &help, Vec::new(), lang)
    }

    fn malformed_finding(&self, m: &Malformed, lang: Lang) -> Finding {
        let quote = self.quote(m.directive);
        let example = self.example();
        let (message, help) = match &m.problem {
            Problem::MissingCodes => (
                Bilingual::new(
                    format!("chỉ thị `{quote}` không ghi mã quy tắc nào cần bỏ qua"),
                    format!("the directive `{quote}` names no rule code to suppress"),
                ),
                Bilingual::new(
                    format!(
                        "ghi mã các quy tắc cần bỏ qua, cách nhau bằng dấu phẩy, ví dụ `{example}`; planlint không cho \
                         tắt mọi quy tắc cùng lúc"
                    ),
                    format!(
                        "write the codes of the rules to suppress, separated by commas, e.g. `{example}`; planlint does \
                         not allow turning off every rule at once"
                    ),
                ),
            ),
            Problem::UnknownVerb { written, suggestion } => {
                let verbs = "`planlint-disable-next-line`, `planlint-disable`, `planlint-enable`";
                (
                    Bilingual::new(
                        format!("`{written}` không phải là chỉ thị của planlint"),
                        format!("`{written}` is not a planlint directive"),
                    ),
                    match suggestion {
                        Some(s) => Bilingual::new(
                            format!("có phải ý bạn là `planlint-{s}`? Các chỉ thị là {verbs}"),
                            format!("did you mean `planlint-{s}`? The directives are {verbs}"),
                        ),
                        None => Bilingual::new(
                            format!("các chỉ thị là {verbs}, ví dụ `{example}`"),
                            format!("the directives are {verbs}, e.g. `{example}`"),
                        ),
                    },
                )
            }
            Problem::Unclosed => (
                Bilingual::new(
                    format!("chỉ thị `{quote}` chưa được đóng bằng `-->` trên cùng dòng"),
                    format!("the directive `{quote}` is not closed with `-->` on the same line"),
                ),
                Bilingual::new(
                    format!("viết cả chỉ thị trên một dòng và kết thúc bằng `-->`, ví dụ `{example}`"),
                    format!("write the whole directive on one line, ending with `-->`, e.g. `{example}`"),
                ),
            ),
            Problem::EnableWithoutDisable { code } => (
                Bilingual::new(
                    format!("`planlint-enable {code}` không khớp với `planlint-disable {code}` nào ở phía trên"),
                    format!("`planlint-enable {code}` has no `planlint-disable {code}` above it to end"),
                ),
                Bilingual::new(
                    format!(
                        "xoá mã này khỏi chỉ thị, hoặc thêm `<!-- planlint-disable {code} -->` ở đầu đoạn cần bỏ qua"
                    ),
                    format!(
                        "remove this code from the directive, or put `<!-- planlint-disable {code} -->` where the \
                         stretch to suppress begins"
                    ),
                ),
            ),
            Problem::NoNextLine => (
                Bilingual::new(
                    format!("chỉ thị `{quote}` nằm ở cuối tệp, không có dòng nào sau nó để áp dụng"),
                    format!("the directive `{quote}` is at the end of the file, with no line after it to apply to"),
                ),
                Bilingual::new(
                    "đặt chỉ thị ngay trên dòng có phát hiện cần bỏ qua, hoặc xoá nó",
                    "put the directive just above the line whose finding it should suppress, or remove it",
                ),
            ),
            Problem::NotCode { token } => (
                Bilingual::new(
                    format!("`{token}` trong chỉ thị `{quote}` không phải là mã quy tắc"),
                    format!("`{token}` in the directive `{quote}` is not a rule code"),
                ),
                match self.syntax {
                    Some(Syntax::Yaml) => Bilingual::new(
                        "trong ngoặc vuông chỉ ghi mã quy tắc (một chữ cái và ba chữ số, ví dụ `T103`), cách nhau bằng \
                         dấu phẩy; lý do ghi sau dấu `]`",
                        "put only rule codes (a letter and three digits, e.g. `T103`) in the brackets, separated by \
                         commas; write a reason after the `]`",
                    ),
                    _ => Bilingual::new(
                        "mã quy tắc gồm một chữ cái và ba chữ số, ví dụ `T103`, cách nhau bằng dấu phẩy; muốn ghi lý do \
                         thì viết sau `--`: `<!-- planlint-disable T103 -- lý do -->`",
                        "a rule code is a letter and three digits, e.g. `T103`, separated by commas; write a reason \
                         after `--`: `<!-- planlint-disable T103 -- reason -->`",
                    ),
                },
            ),
            Problem::YamlForm => (
                Bilingual::new(
                    format!("chú thích `{quote}` không đúng dạng chỉ thị của planlint"),
                    format!("the comment `{quote}` is not a well-formed planlint directive"),
                ),
                Bilingual::new(
                    "viết `# planlint: ignore[T103]` hoặc `# planlint: ignore[T103, T101]`; đặt ở cuối dòng để bỏ qua \
                     dòng đó, hoặc trên một dòng riêng để bỏ qua dòng kế tiếp",
                    "write `# planlint: ignore[T103]` or `# planlint: ignore[T103, T101]`; at the end of a line it \
                     applies to that line, alone on a line to the next one",
                ),
            ),
        };
        meta_finding(MALFORMED_CODE, MALFORMED_NAME, m.span, &message, &help, Vec::new(), lang)
    }
}

fn pick(text: &Bilingual, lang: Lang) -> &str {
    text.get(lang)
}

fn meta_finding(
    code: &str,
    name: &str,
    span: Span,
    message: &Bilingual,
    help: &Bilingual,
    labels: Vec<Label>,
    lang: Lang,
) -> Finding {
    Finding {
        code: code.to_owned(),
        name: name.to_owned(),
        severity: Severity::Warning,
        category: crate::finding::Category::NoiDung,
        message: pick(message, lang).to_owned(),
        help: pick(help, lang).to_owned(),
        span,
        labels,
    }
}

/// E006 and E007: the codes of this module's own findings.
fn is_meta(code: &str) -> bool {
    code == UNUSED_CODE || code == MALFORMED_CODE
}
