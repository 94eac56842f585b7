//! Compiling the texts of a rule: its messages and help (templates whose placeholders are
//! expressions, checked in the check's scope), labels and documentation.

use super::*;

/// NFC, so literals in rule files compare with the plan's (NFC) text whatever the editor saved.
pub(super) fn nfc(s: &str) -> String {
    if s.chars().all(plainly_nfc)
        || unicode_normalization::is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes
    {
        s.to_owned()
    } else {
        s.nfc().collect()
    }
}

/// Characters that are NFC whatever surrounds them (quick check "yes", combining class 0), and
/// that rule texts are made of: everything before the combining marks, the precomposed
/// Vietnamese letters and the common punctuation. A text of them alone is NFC, with no table
/// lookup per character (rule texts are read at every start).
pub(super) fn plainly_nfc(c: char) -> bool {
    c < '\u{300}' || ('\u{1EA0}'..='\u{1EF9}').contains(&c) || ('\u{2010}'..='\u{2027}').contains(&c)
}

impl Checker<'_> {
    pub(super) fn bilingual(&mut self, b: &TextPair, what: &str) -> Option<Bilingual> {
        match &b.vi {
            Some(vi) => Some(Bilingual::with_optional_en(nfc(&vi.value), b.en.as_ref().map(|e| nfc(&e.value)))),
            None => {
                self.problem(
                    Problem::new(
                        "missing-vietnamese",
                        b.span,
                        words(format!("`{what}` thiếu tiếng Việt"), format!("`{what}` has no Vietnamese text")),
                    )
                    .help(words(
                        "người dùng đọc tiếng Việt trước: thêm `vi \"…\"`",
                        "users read Vietnamese first: add `vi \"…\"`",
                    )),
                );
                None
            }
        }
    }

    pub(super) fn no_placeholders(&mut self, b: &TextPair) {
        for s in [&b.vi, &b.en].into_iter().flatten() {
            if let Some(i) = s.value.find('{')
                && !s.value.get(i..).is_some_and(|r| r.starts_with("{{"))
            {
                self.problem(
                    Problem::new(
                        "placeholder-in-summary",
                        s.span_of(i, i + 1),
                        words("phần tóm tắt không có chỗ điền `{…}`", "a summary has no `{…}` placeholders"),
                    )
                    .help(words(
                        "tóm tắt mô tả quy tắc chung; đặt `{…}` trong `message`",
                        "the summary describes the rule in general; put `{…}` in `message`",
                    )),
                );
            }
        }
    }

    pub(super) fn doc(&mut self, decl: &RuleDecl) -> Vec<(DocKey, Bilingual)> {
        let mut out: Vec<(DocKey, Bilingual)> = Vec::new();
        let mut seen: HashMap<DocKey, Span> = HashMap::new();
        for (key, text) in &decl.doc {
            if let Some(first) = seen.get(&key.value) {
                self.problem(
                    Problem::new(
                        "duplicate-part",
                        key.span,
                        words("mục tài liệu này được viết hai lần", "this documentation section is given twice"),
                    )
                    .also(*first, words("lần đầu ở đây", "first here")),
                );
                continue;
            }
            seen.insert(key.value, key.span);
            let bi = match text {
                DocText::Bilingual(b) => self.bilingual(b, "doc"),
                DocText::Plain(s) => Some(Bilingual::vi_only(nfc(&s.value))),
            };
            if let Some(bi) = bi {
                out.push((key.value, bi));
            }
        }
        for (key, name) in [(DocKey::What, "what"), (DocKey::Why, "why")] {
            if decl.docs_seen > 0 && !seen.contains_key(&key) {
                self.problem(
                    Problem::new(
                        "missing-doc",
                        decl.name.span,
                        words(
                            format!("tài liệu của quy tắc thiếu mục `{name}`"),
                            format!("the rule's doc has no `{name}`"),
                        ),
                    )
                    .help(words(
                        "mỗi quy tắc nói nó kiểm tra gì (`what`) và vì sao (`why`)",
                        "every rule says what it checks (`what`) and why it matters (`why`)",
                    )),
                );
            }
        }
        if decl.docs_seen == 0 {
            self.problem(
                Problem::new("missing-doc", decl.name.span, words("quy tắc thiếu `doc`", "the rule has no `doc`"))
                    .help(words(
                        "thêm `doc { what { vi \"…\" en \"…\" } why { vi \"…\" en \"…\" } }`",
                        "add `doc { what { vi \"…\" en \"…\" } why { vi \"…\" en \"…\" } }`",
                    )),
            );
        }
        out
    }

    /// Split a message into literal text and `{expr}` placeholders (parsed, not yet checked).
    pub(super) fn template(&mut self, s: &Str) -> Option<Vec<TPart>> {
        let v = &s.value;
        let mut parts = Vec::new();
        let mut lit = String::new();
        let mut ok = true;
        let mut i = 0;
        while let Some(c) = v.get(i..).and_then(|r| r.chars().next()) {
            let rest = v.get(i..).unwrap_or_default();
            if rest.starts_with("{{") || rest.starts_with("}}") {
                lit.push(c);
                i += 2;
                continue;
            }
            if c == '}' {
                self.problem(
                    Problem::new(
                        "bad-placeholder",
                        s.span_of(i, i + 1),
                        words("dấu `}` lẻ trong thông điệp", "a lone `}` in a message"),
                    )
                    .help(words("viết `}}` để in dấu `}`", "write `}}` for a literal `}`")),
                );
                ok = false;
                i += 1;
                continue;
            }
            if c != '{' {
                lit.push(c);
                i += c.len_utf8();
                continue;
            }
            let Some(close) = placeholder_end(rest) else {
                self.problem(
                    Problem::new(
                        "bad-placeholder",
                        s.span_of(i, i + 1),
                        words("chỗ điền `{` không được đóng", "an unclosed `{` in a message"),
                    )
                    .help(words(
                        "đóng bằng `}`, hoặc viết `{{` để in dấu `{`",
                        "close it with `}`, or write `{{` for a literal `{`",
                    )),
                );
                ok = false;
                break;
            };
            let inner = rest.get(1..close).unwrap_or_default();
            if inner.trim().is_empty() {
                self.problem(Problem::new(
                    "bad-placeholder",
                    s.span_of(i, i + close + 1),
                    words("chỗ điền `{}` trống", "an empty `{}` placeholder"),
                ));
                ok = false;
            } else {
                let offset = s.span_of(i + 1, i + 1).start;
                if let Some(p) = crate::dsl::limits::check_complexity(inner, offset) {
                    self.problem(p);
                    ok = false;
                    i += close + 1;
                    continue;
                }
                let parsed = match self.shared.placeholders.get(inner) {
                    Some(e) => {
                        let mut e = e.clone();
                        crate::dsl::lower::shift(&mut e, offset);
                        Ok(e)
                    }
                    None => match lower_placeholder(inner, 0) {
                        Ok(mut e) => {
                            self.shared.placeholders.insert(inner.to_owned(), e.clone());
                            crate::dsl::lower::shift(&mut e, offset);
                            Ok(e)
                        }
                        // Parsed again where it is, for the problem's place.
                        Err(_) => lower_placeholder(inner, offset),
                    },
                };
                match parsed {
                    Ok(e) => {
                        if !lit.is_empty() {
                            parts.push(TPart::Lit(std::mem::take(&mut lit)));
                        }
                        parts.push(TPart::Expr(e));
                    }
                    Err(LowerError::Syntax(e)) => {
                        self.problem(syntax_problem(&e));
                        ok = false;
                    }
                    Err(LowerError::Internal(e)) => {
                        self.problem(internal_problem(e.span, e.what));
                        ok = false;
                    }
                }
            }
            i += close + 1;
        }
        if !lit.is_empty() {
            parts.push(TPart::Lit(lit));
        }
        ok.then_some(parts)
    }

    pub(super) fn template_pair(&mut self, b: &TextPair) -> Option<(Vec<TPart>, Option<Vec<TPart>>)> {
        let vi = self.template(b.vi.as_ref()?)?;
        let en = match &b.en {
            Some(en) => Some(self.template(en)?),
            None => None,
        };
        Some((vi, en))
    }

    pub(super) fn label_texts(&mut self, label: &Label, scope: &mut Scope) -> Option<Texts> {
        match label {
            Label::Plain(s) => {
                let t = self.template(s)?;
                Some(Texts { vi: self.compile_template(&t, scope), en: None })
            }
            Label::Bilingual(b) => {
                self.bilingual(b, "label")?;
                let (vi, en) = self.template_pair(b)?;
                Some(Texts {
                    vi: self.compile_template(&vi, scope),
                    en: en.map(|en| self.compile_template(&en, scope)),
                })
            }
        }
    }

    pub(super) fn compile_template(&mut self, parts: &[TPart], scope: &mut Scope) -> Template {
        let parts: Vec<Part> = parts
            .iter()
            .map(|p| match p {
                TPart::Lit(s) => Part::Lit(nfc(s)),
                TPart::Expr(e) => {
                    let (n, ty) = self.expr(e, scope);
                    if let Ty::Rec(
                        k @ (Kind::Plan | Kind::Header | Kind::Signature | Kind::Recipients | Kind::Appendix),
                    ) = ty
                    {
                        let name = schema::kind_def(k).name;
                        self.problem(
                            Problem::new(
                                "placeholder-type",
                                e.span,
                                words(
                                    format!("`{name}` không có dạng chữ để điền vào thông điệp"),
                                    format!("a `{name}` has no text to put in a message"),
                                ),
                            )
                            .help(words(
                                "chọn một trường của nó, ví dụ `.span` hoặc `.title`",
                                "pick one of its fields",
                            )),
                        );
                    }
                    Part::Expr(n)
                }
            })
            .collect();
        let len = parts.iter().map(|p| if let Part::Lit(s) = p { s.len() } else { 0 }).sum();
        Template { parts, len }
    }

    pub(super) fn pair(&mut self, pair: Option<&(Vec<TPart>, Option<Vec<TPart>>)>, scope: &mut Scope) -> Texts {
        match pair {
            Some((vi, en)) => Texts {
                vi: self.compile_template(vi, scope),
                en: en.as_ref().map(|en| self.compile_template(en, scope)),
            },
            None => Texts::default(),
        }
    }
}
