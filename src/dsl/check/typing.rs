//! Type-checking expressions: each expression of a check becomes a typed [`Node`] of the
//! program (fields and functions resolved against the schema, operators and comparisons
//! checked, joins recognized, regular expressions compiled).

use super::*;

pub(super) fn node(op: Op, span: Span, deps: u64) -> Node {
    Node { op, span, deps, cache: None }
}

pub(super) fn missing(span: Span) -> (Node, Ty) {
    (node(Op::Bool(false), span, 0), Ty::Any)
}

/// A `(vi, en)` description of a type.
pub(super) fn ty_words(ty: Ty) -> (String, String) {
    ty.describe()
}

/// Whether two types may be compared with `==`, and how an index would key them (`None` inside
/// when one side is unknown).
pub(super) fn comparable(a: Ty, b: Ty) -> Option<Option<KeyKind>> {
    if a == Ty::Any || b == Ty::Any {
        return Some(None);
    }
    let key = if a == Ty::Bool && b == Ty::Bool {
        KeyKind::Bool
    } else if a.is_num_like() && b.is_num_like() {
        KeyKind::Num
    } else if a.is_date_like() && b.is_date_like() {
        KeyKind::Date
    } else if a == Ty::Span && b == Ty::Span {
        KeyKind::Span
    } else if a.is_str_like() && b.is_str_like() {
        KeyKind::Str
    } else if let (Ty::Rec(x), Ty::Rec(y)) = (a, b)
        && x == y
    {
        KeyKind::Rec
    } else if let (Ty::List(x), Ty::List(y)) = (a, b) {
        comparable(x.ty(), y.ty())?;
        return Some(None);
    } else {
        return None;
    };
    Some(Some(key))
}

impl Checker<'_> {
    /// A `report at` / `also at` place: something with a span.
    pub(super) fn place(&mut self, e: &Expr, scope: &mut Scope) -> Node {
        let (n, ty) = self.expr(e, scope);
        let ok = ty.is_span_like() || matches!(ty, Ty::List(Elem::Rec(k)) if schema::kind_def(k).has_span);
        if !ok {
            let (vi, en) = ty_words(ty);
            self.problem(
                type_problem(
                    e.span,
                    format!("`at` cần một vị trí trong kế hoạch, đây là {vi}"),
                    format!("`at` needs a place in the plan; this is a {en}"),
                )
                .help(words(
                    "chỉ vào một trường của kế hoạch, như `task.lead` hoặc `cite.span`",
                    "point at a field of the plan, such as `task.lead` or `cite.span`",
                )),
            );
        }
        n
    }

    /// A condition: must be yes/no.
    pub(super) fn condition(&mut self, e: &Expr, scope: &mut Scope, what: &str) -> Node {
        let (n, ty) = self.expr(e, scope);
        if !matches!(ty, Ty::Bool | Ty::Any) {
            let (vi, en) = ty_words(ty);
            self.problem(
                type_problem(
                    e.span,
                    format!("điều kiện `{what}` phải là đúng/sai, đây là {vi}"),
                    format!("a `{what}` condition must be yes/no; this is a {en}"),
                )
                .help(words(
                    "so sánh nó, hoặc dùng `is empty` / `is missing`",
                    "compare it, or use `is empty` / `is missing`",
                )),
            );
        }
        n
    }

    pub(super) fn expr(&mut self, e: &Expr, scope: &mut Scope) -> (Node, Ty) {
        let span = e.span;
        match &e.kind {
            ExprKind::Num(n) => (node(Op::Num(*n), span, 0), Ty::Num),
            ExprKind::Str(s) => (node(Op::Str(nfc(&s.value)), span, 0), Ty::Str),
            ExprKind::Bool(b) => (node(Op::Bool(*b), span, 0), Ty::Bool),
            ExprKind::Regex { .. } => {
                self.problem(
                    type_problem(
                        span,
                        "biểu thức chính quy chỉ dùng sau `matches`",
                        "a regular expression can only follow `matches`",
                    )
                    .help(words("viết `x matches /…/`", "write `x matches /…/`")),
                );
                missing(span)
            }
            ExprKind::Var(name) => {
                if let Some(v) = scope.lookup(name) {
                    v.used = true;
                    return (node(Op::Slot(v.slot), span, 1 << v.slot), v.ty);
                }
                if name == "plan" {
                    return (node(Op::Plan, span, 0), Ty::Rec(Kind::Plan));
                }
                let names = scope.names();
                let mut p = Problem::new(
                    "unknown-name",
                    span,
                    words(format!("không có tên `{name}`"), format!("no name `{name}` is bound here")),
                )
                .label(words("tên chưa được đặt", "unknown name"));
                if let Some(h) = did_you_mean(suggest(name, names.iter().copied())) {
                    p = p.help(h);
                } else if schema::function(name).is_some() {
                    p = p.help(words(
                        format!("`{name}` là một hàm: viết `{name}(…)`"),
                        format!("`{name}` is a function: write `{name}(…)`"),
                    ));
                } else {
                    p = p.help(words(
                        format!("các tên dùng được ở đây: {}", names.join(", ")),
                        format!("names in scope here: {}", names.join(", ")),
                    ));
                }
                self.problem(p);
                missing(span)
            }
            ExprKind::Field(base, fname) => {
                let (b, bt) = self.expr(base, scope);
                let kind = match bt {
                    Ty::Rec(k) => k,
                    Ty::Str => Kind::Text,
                    Ty::Any => return missing(span),
                    other => {
                        let (vi, en) = ty_words(other);
                        let help = if matches!(other, Ty::List(_)) {
                            words(
                                "một danh sách không có trường; dùng `any x in … where x.…`, `count …` hoặc `len(…)`",
                                "a list has no fields; use `any x in … where x.…`, `count …` or `len(…)`",
                            )
                        } else {
                            words("chỉ bản ghi của kế hoạch mới có trường", "only records of the plan have fields")
                        };
                        self.problem(
                            Problem::new(
                                "unknown-field",
                                fname.span,
                                words(
                                    format!("{vi} không có trường `{}`", fname.value),
                                    format!("a {en} has no field `{}`", fname.value),
                                ),
                            )
                            .help(help),
                        );
                        return missing(span);
                    }
                };
                match schema::field(kind, &fname.value) {
                    Some(f) => {
                        let deps = b.deps;
                        (node(Op::Field(Box::new(b), f), span, deps), f.ty)
                    }
                    None => {
                        let def = schema::kind_def(kind);
                        let names: Vec<&str> = def.fields.iter().map(|f| f.name).collect();
                        self.problem(unknown(
                            "unknown-field",
                            fname.span,
                            words(
                                format!("`{}` không có trường `{}`", def.name, fname.value),
                                format!("`{}` has no field `{}`", def.name, fname.value),
                            ),
                            words("trường không có", "unknown field"),
                            &fname.value,
                            &names,
                            (&format!("các trường của `{}`", def.name), &format!("the fields of `{}` are", def.name)),
                        ));
                        missing(span)
                    }
                }
            }
            ExprKind::Call(fname, args) => {
                let compiled: Vec<(Node, Ty)> = args.iter().map(|a| self.expr(a, scope)).collect();
                let Some(f) = schema::function(&fname.value) else {
                    let names: Vec<&str> = schema::FUNCTIONS.iter().map(|f| f.name).collect();
                    self.problem(unknown(
                        "unknown-function",
                        fname.span,
                        words(format!("không có hàm `{}`", fname.value), format!("no function `{}`", fname.value)),
                        words("hàm không có", "unknown function"),
                        &fname.value,
                        &names,
                        ("các hàm", "the functions are"),
                    ));
                    return missing(span);
                };
                if compiled.len() != f.params.len() {
                    let sig = f.params.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ");
                    self.problem(
                        Problem::new(
                            "arity",
                            span,
                            words(
                                format!("hàm `{}` nhận {} đối số, ở đây có {}", f.name, f.params.len(), compiled.len()),
                                format!(
                                    "`{}` takes {} argument{}, {} given",
                                    f.name,
                                    f.params.len(),
                                    if f.params.len() == 1 { "" } else { "s" },
                                    compiled.len()
                                ),
                            ),
                        )
                        .help(words(format!("viết `{}({sig})`", f.name), format!("write `{}({sig})`", f.name))),
                    );
                    return missing(span);
                }
                let mut ok = true;
                for ((arg, (_, ty)), (pname, accept)) in args.iter().zip(&compiled).zip(f.params) {
                    if !accept.accepts(*ty) {
                        ok = false;
                        let (avi, aen) = accept.describe();
                        let (vi, en) = ty_words(*ty);
                        self.problem(type_problem(
                            arg.span,
                            format!("đối số `{pname}` của `{}` phải là {avi}, đây là {vi}", f.name),
                            format!("argument `{pname}` of `{}` must be a {aen}; this is a {en}", f.name),
                        ));
                    }
                }
                if !ok {
                    return missing(span);
                }
                let deps = compiled.iter().fold(0, |d, (n, _)| d | n.deps);
                let ret = match (f.ret_item, compiled.first()) {
                    (true, Some((_, Ty::List(e)))) => e.ty(),
                    (true, _) => Ty::Any,
                    (false, _) => f.ret,
                };
                (node(Op::Call(f, compiled.into_iter().map(|(n, _)| n).collect()), span, deps), ret)
            }
            ExprKind::List(items) => {
                let compiled: Vec<(Node, Ty)> = items.iter().map(|a| self.expr(a, scope)).collect();
                let mut elem = Elem::Any;
                let mut first: Option<Ty> = None;
                for ((_, ty), item) in compiled.iter().zip(items) {
                    match first {
                        None => {
                            first = Some(*ty);
                            elem = Elem::of(*ty);
                        }
                        Some(f) if comparable(f, *ty).is_none() => {
                            let (vi, en) = ty_words(*ty);
                            let (fvi, fen) = ty_words(f);
                            self.problem(type_problem(
                                item.span,
                                format!("phần tử này là {vi}, các phần tử trước là {fvi}"),
                                format!("this item is a {en}; the items before it are {fen}"),
                            ));
                        }
                        Some(_) => {}
                    }
                }
                let deps = compiled.iter().fold(0, |d, (n, _)| d | n.deps);
                (node(Op::List(compiled.into_iter().map(|(n, _)| n).collect()), span, deps), Ty::List(elem))
            }
            ExprKind::Not(inner) => {
                let n = self.condition(inner, scope, "not");
                let deps = n.deps;
                (node(Op::Not(Box::new(n)), span, deps), Ty::Bool)
            }
            ExprKind::Neg(inner) => {
                let (n, ty) = self.expr(inner, scope);
                self.want_num(ty, inner.span, "-");
                let deps = n.deps;
                (node(Op::Neg(Box::new(n)), span, deps), Ty::Num)
            }
            ExprKind::Test(op, inner) => {
                let (n, _) = self.expr(inner, scope);
                let deps = n.deps;
                (node(Op::Test(*op, Box::new(n)), span, deps), Ty::Bool)
            }
            ExprKind::Binary(op, a, b) => self.binary(*op, a, b, span, scope),
            ExprKind::Quant { kind, var, list, cond } => {
                let (l, lt) = self.expr(list, scope);
                let elem = match lt {
                    Ty::List(e) => e.ty(),
                    Ty::Any => Ty::Any,
                    other => {
                        let (vi, en) = ty_words(other);
                        self.problem(type_problem(
                            list.span,
                            format!("cần một danh sách, đây là {vi}"),
                            format!("expected a list; this is a {en}"),
                        ));
                        Ty::Any
                    }
                };
                let Some(slot) = self.bind(scope, var, elem) else {
                    return missing(span);
                };
                let c = self.condition(cond, scope, "where");
                if let Some(idx) = scope.visible.pop()
                    && let Some(v) = scope.vars.get(idx)
                {
                    if !v.used && !v.name.starts_with('_') {
                        let (name, vspan) = (v.name.clone(), v.span);
                        self.unused(&Var { name, slot, ty: elem, span: vspan, used: false });
                    }
                    // Mark it used so the check-level pass does not report it again.
                    if let Some(v) = scope.vars.get_mut(idx) {
                        v.used = true;
                    }
                }
                let bit = 1u64 << slot;
                let deps = (l.deps | c.deps) & !bit;
                let join = self.join(*kind, &l, slot, &c);
                let ty = match kind {
                    QuantKind::Any | QuantKind::All => Ty::Bool,
                    QuantKind::Count => Ty::Num,
                    QuantKind::First => elem,
                };
                (node(Op::Quant { kind: *kind, slot, list: Box::new(l), cond: Box::new(c), join }, span, deps), ty)
            }
        }
    }

    /// Find `inner == outer` among the top-level conjuncts of a quantifier's condition.
    pub(super) fn join(&mut self, kind: QuantKind, list: &Node, slot: u16, cond: &Node) -> Option<Join> {
        if kind == QuantKind::All || list.deps != 0 {
            return None;
        }
        let bit = 1u64 << slot;
        let mut stack = vec![cond];
        while let Some(n) = stack.pop() {
            match &n.op {
                Op::And(a, b) => {
                    stack.push(b);
                    stack.push(a);
                }
                Op::Cmp { op: CmpOp::Eq, lhs: a, rhs: b, key: Some(key) } => {
                    let key = *key;
                    let (inner, outer) = if a.deps == bit && b.deps & bit == 0 {
                        (a, b)
                    } else if b.deps == bit && a.deps & bit == 0 {
                        (b, a)
                    } else {
                        continue;
                    };
                    let mut what = format!("{key:?}|");
                    canon(list, Some(slot), &mut what);
                    what.push('|');
                    canon(inner, Some(slot), &mut what);
                    let next = self.shared.indexes;
                    let index = *self.shared.index_ids.entry(what).or_insert(next);
                    if index == next {
                        self.shared.indexes += 1;
                    }
                    return Some(Join { index, key, inner: inner.clone(), outer: outer.clone() });
                }
                _ => {}
            }
        }
        None
    }

    pub(super) fn want_num(&mut self, ty: Ty, span: Span, op: &str) {
        if !ty.is_num_like() {
            let (vi, en) = ty_words(ty);
            self.problem(type_problem(
                span,
                format!("`{op}` cần số, đây là {vi}"),
                format!("`{op}` needs numbers; this is a {en}"),
            ));
        }
    }

    pub(super) fn binary(&mut self, op: BinOp, a: &Expr, b: &Expr, span: Span, scope: &mut Scope) -> (Node, Ty) {
        match op {
            BinOp::And | BinOp::Or => {
                let x = self.condition(a, scope, op.symbol());
                let y = self.condition(b, scope, op.symbol());
                let deps = x.deps | y.deps;
                let op =
                    if op == BinOp::And { Op::And(Box::new(x), Box::new(y)) } else { Op::Or(Box::new(x), Box::new(y)) };
                (node(op, span, deps), Ty::Bool)
            }
            BinOp::Add | BinOp::Sub => {
                let (x, xt) = self.expr(a, scope);
                let (y, yt) = self.expr(b, scope);
                self.want_num(xt, a.span, op.symbol());
                self.want_num(yt, b.span, op.symbol());
                let deps = x.deps | y.deps;
                (node(Op::Arith { sub: op == BinOp::Sub, lhs: Box::new(x), rhs: Box::new(y) }, span, deps), Ty::Num)
            }
            BinOp::Matches => {
                let (x, xt) = self.expr(a, scope);
                if !xt.is_str_like() {
                    let (vi, en) = ty_words(xt);
                    self.problem(type_problem(
                        a.span,
                        format!("`matches` cần văn bản, đây là {vi}"),
                        format!("`matches` needs text; this is a {en}"),
                    ));
                }
                let ExprKind::Regex { pattern, ignore_case } = &b.kind else {
                    self.problem(
                        type_problem(
                            b.span,
                            "sau `matches` phải là biểu thức chính quy `/…/`",
                            "`matches` needs a regular expression `/…/`",
                        )
                        .help(words(
                            "để so khớp chính xác, dùng `==`; để tìm chuỗi con, dùng `contains(…)`",
                            "for an exact match use `==`; for a part of the text use `contains(…)`",
                        )),
                    );
                    return missing(span);
                };
                let Some(id) = self.regex(pattern, *ignore_case, b.span) else {
                    return missing(span);
                };
                let deps = x.deps;
                (node(Op::Matches(Box::new(x), id), span, deps), Ty::Bool)
            }
            BinOp::In | BinOp::NotIn => {
                let (x, xt) = self.expr(a, scope);
                let (y, yt) = self.expr(b, scope);
                match yt {
                    Ty::List(e) => {
                        if comparable(xt, e.ty()).is_none() {
                            self.mismatch(xt, e.ty(), span, op.symbol());
                        }
                        self.enum_literals(xt, b);
                    }
                    Ty::Any => {}
                    other => {
                        let (vi, en) = ty_words(other);
                        self.problem(
                            type_problem(
                                b.span,
                                format!("sau `{}` phải là một danh sách, đây là {vi}", op.symbol()),
                                format!("`{}` needs a list on its right; this is a {en}", op.symbol()),
                            )
                            .help(words(
                                "viết `x in [\"a\", \"b\"]`; để tìm trong văn bản, dùng `contains(…)`",
                                "write `x in [\"a\", \"b\"]`; to search text, use `contains(…)`",
                            )),
                        );
                    }
                }
                let deps = x.deps | y.deps;
                (
                    node(Op::In { item: Box::new(x), list: Box::new(y), negated: op == BinOp::NotIn }, span, deps),
                    Ty::Bool,
                )
            }
            BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
                let (x, xt) = self.expr(a, scope);
                let (y, yt) = self.expr(b, scope);
                let cmp = match op {
                    BinOp::Eq => CmpOp::Eq,
                    BinOp::Ne => CmpOp::Ne,
                    BinOp::Lt => CmpOp::Lt,
                    BinOp::Le => CmpOp::Le,
                    BinOp::Gt => CmpOp::Gt,
                    _ => CmpOp::Ge,
                };
                let key = comparable(xt, yt);
                if key.is_none() {
                    self.mismatch(xt, yt, span, op.symbol());
                } else if matches!(cmp, CmpOp::Lt | CmpOp::Le | CmpOp::Gt | CmpOp::Ge) {
                    let ordered = |t: Ty| t.is_num_like() || t.is_date_like() || matches!(t, Ty::Span | Ty::Any);
                    if !(ordered(xt) && ordered(yt)) {
                        let (vi, en) = ty_words(if ordered(xt) { yt } else { xt });
                        self.problem(
                            type_problem(
                                span,
                                format!("`{}` chỉ so sánh số, ngày hoặc vị trí; đây là {vi}", op.symbol()),
                                format!("`{}` compares numbers, dates or spans; this is a {en}", op.symbol()),
                            )
                            .help(words(
                                "để so sánh văn bản, dùng `==` hoặc `!=`",
                                "to compare text, use `==` or `!=`",
                            )),
                        );
                    }
                }
                self.enum_literals(xt, b);
                self.enum_literals(yt, a);
                let deps = x.deps | y.deps;
                let key = key.flatten();
                (node(Op::Cmp { op: cmp, lhs: Box::new(x), rhs: Box::new(y), key }, span, deps), Ty::Bool)
            }
        }
    }

    pub(super) fn mismatch(&mut self, a: Ty, b: Ty, span: Span, op: &str) {
        let (avi, aen) = ty_words(a);
        let (bvi, ben) = ty_words(b);
        self.problem(type_problem(
            span,
            format!("không so sánh được {avi} với {bvi} bằng `{op}`"),
            format!("cannot compare a {aen} with a {ben} using `{op}`"),
        ));
    }

    /// A text literal compared with an enumeration must be one of its values.
    pub(super) fn enum_literals(&mut self, ty: Ty, other: &Expr) {
        let Ty::Enum(def) = ty else { return };
        let lits: Vec<&Expr> = match &other.kind {
            ExprKind::Str(_) => vec![other],
            ExprKind::List(items) => items.iter().collect(),
            _ => return,
        };
        for lit in lits {
            let ExprKind::Str(s) = &lit.kind else { continue };
            if def.values.contains(&s.value.as_str()) {
                continue;
            }
            self.problem(unknown(
                "unknown-value",
                lit.span,
                words(
                    format!("`{}` không phải là một giá trị của `{}`", s.value, def.name),
                    format!("`{}` is not a value of `{}`", s.value, def.name),
                ),
                words("giá trị không có", "unknown value"),
                &s.value,
                def.values,
                ("các giá trị", "the values are"),
            ));
        }
    }

    pub(super) fn regex(&mut self, pattern: &str, ignore_case: bool, span: Span) -> Option<u32> {
        let pattern = nfc(pattern);
        if let Some(id) = self.shared.regex_ids.get(&(pattern.clone(), ignore_case)) {
            return Some(*id);
        }
        // As `regex::RegexBuilder` builds it (case, size and nesting limits as set there), as a
        // meta regex: searched with a cache of each thread's own (`crate::regexes`).
        let built = regex_automata::meta::Builder::new()
            .configure(
                regex_automata::meta::Config::new()
                    .match_kind(regex_automata::MatchKind::LeftmostFirst)
                    .utf8_empty(true)
                    .nfa_size_limit(Some(REGEX_SIZE_LIMIT))
                    .hybrid_cache_capacity(REGEX_SIZE_LIMIT),
            )
            .syntax(
                regex_automata::util::syntax::Config::new()
                    .utf8(true)
                    .case_insensitive(ignore_case)
                    .nest_limit(REGEX_NEST_LIMIT),
            )
            .build(&pattern);
        match built {
            Ok(re) => {
                let id = u32::try_from(self.shared.regexes.len()).ok()?;
                self.shared.regexes.push(crate::regexes::Compiled::new(&pattern, re));
                self.shared.regex_ids.insert((pattern, ignore_case), id);
                Some(id)
            }
            Err(e) => {
                let detail = if e.size_limit().is_some() {
                    "too large once compiled".to_owned()
                } else {
                    let text = e.syntax_error().map_or_else(|| e.to_string(), ToString::to_string);
                    text.lines().find_map(|l| l.strip_prefix("error: ")).unwrap_or("invalid syntax").to_owned()
                };
                self.problem(
                    Problem::new(
                        "bad-regex",
                        span,
                        words(
                            format!("biểu thức chính quy không hợp lệ: {detail}"),
                            format!("invalid regular expression: {detail}"),
                        ),
                    )
                    .label(words("ở đây", "here"))
                    .help(words(
                        "cú pháp là của thư viện Rust `regex`: không có tham chiếu ngược hay nhìn trước/nhìn sau",
                        "the syntax is Rust's `regex`: no back-references or look-around",
                    )),
                );
                None
            }
        }
    }
}

/// A `type` problem: a value of the wrong type at `span`, told in both languages.
fn type_problem(span: Span, vi: impl Into<String>, en: impl Into<String>) -> Problem {
    Problem::new("type", span, words(vi, en))
}
