//! The interpreter: checked rules over one plan → findings. Evaluation is bounded: every node
//! evaluated and every loop turn costs a step, and a rule that runs out of steps stops with a
//! [`Stopped`] instead of hanging the run. Values that depend on no loop variable are computed
//! once per plan; `any`/`count`/`first` with an equality on the element use a hash index.

use std::cmp::Ordering;
use std::rc::Rc;

use foldhash::{HashMap, HashSet};

use super::Stage;
use super::ast::{self, QuantKind, TestOp};
use super::program::{CheckProgram, CmpOp, Node, Op, Part, RuleProgram, Template, Texts};
use super::value::{self, Key, Value};
use crate::finding::{Finding, Label, Severity};
use crate::lang::Lang;
use crate::model::Plan;
use crate::registry::{ParentTarget, Registry};
use crate::source::{SourceFile, Span};

/// Steps one rule may take on one plan. A rule over every task of a 16 MB plan stays far below;
/// a pathological rule (nested loops over a huge plan) stops within a fraction of a second.
pub(crate) const STEP_BUDGET: u64 = 20_000_000;

/// What a rule sees besides the plan.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ctx<'p> {
    pub(crate) plan: &'p Plan,
    pub(crate) src: Option<&'p SourceFile>,
    pub(crate) registry: &'p Registry,
    /// Targets of parent plans in the same run, for this plan.
    pub(crate) parents: &'p [ParentTarget],
    pub(crate) stage: Stage,
    /// The registry record of each citation, looked up once per plan (many rules ask).
    pub(crate) legal_docs: &'p LegalCache<'p>,
}

impl Ctx<'_> {
    /// The 1-based line of a span's start, when the source is known.
    pub(crate) fn line_of(&self, span: Span) -> Option<usize> {
        self.src.map(|s| s.line_col(span.start).line)
    }
}

/// A rule ran out of steps on a plan, evaluating the expression at `at` in its rule file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stopped {
    pub(crate) at: Span,
}

/// Registry records of a plan's citations, by citation address.
pub(crate) type LegalCache<'p> = std::cell::RefCell<HashMap<usize, Option<&'p crate::registry::LegalDoc>>>;

type Index<'p> = Rc<HashMap<Key<'p>, Vec<u32>>>;

thread_local! {
    /// How many results the machine of the thread's last plan remembered: the next plan's
    /// tables start that large (plans of a run are alike) instead of growing by doubling.
    static LAST_SIZES: std::cell::Cell<(usize, usize)> = const { std::cell::Cell::new((0, 0)) };
}

/// The evaluation state for one plan, shared by all rules of a rule set.
pub(crate) struct Machine<'p, 'r> {
    cx: Ctx<'p>,
    regexes: &'r [crate::regexes::Compiled],
    lang: Lang,
    cache: Vec<Option<Value<'p>>>,
    indexes: Vec<Option<Index<'p>>>,
    slots: Vec<Value<'p>>,
    /// Results of memoized functions on the plan's own text: (function, text address, length).
    memo: HashMap<(usize, usize, usize), Value<'p>>,
    /// Values of computed fields: (field, record kind, record address).
    fields: HashMap<(usize, u8, usize), Value<'p>>,
    steps: u64,
}

impl<'p, 'r: 'p> Machine<'p, 'r> {
    pub(crate) fn new(
        cx: Ctx<'p>,
        regexes: &'r [crate::regexes::Compiled],
        caches: u32,
        indexes: u32,
        lang: Lang,
    ) -> Self {
        Self {
            cx,
            regexes,
            lang,
            cache: std::iter::repeat_with(|| None).take(caches as usize).collect(),
            indexes: std::iter::repeat_with(|| None).take(indexes as usize).collect(),
            slots: Vec::new(),
            memo: HashMap::with_capacity_and_hasher(LAST_SIZES.get().0, Default::default()),
            fields: HashMap::with_capacity_and_hasher(LAST_SIZES.get().1, Default::default()),
            steps: 0,
        }
    }

    /// Run one rule at a severity; findings go to `out`.
    pub(crate) fn rule(
        &mut self,
        rule: &'r RuleProgram,
        severity: Severity,
        out: &mut Vec<Finding>,
    ) -> Result<(), Stopped> {
        self.steps = 0;
        let start = out.len();
        for check in &rule.checks {
            self.slots.clear();
            self.slots.resize(check.slots, Value::Missing);
            self.steps_from(rule, check, 0, severity, out)?;
        }
        // The same place and message twice (two loops reaching one row) is one finding.
        if out.len() < start + 2 {
            return Ok(());
        }
        let found = out.get(start..).unwrap_or_default();
        // A rule's findings are few: compared pairwise, and hashed only when many.
        let keep: Vec<bool> = if found.len() <= 16 {
            found
                .iter()
                .enumerate()
                .map(|(i, f)| !found.iter().take(i).any(|g| g.span == f.span && g.message == f.message))
                .collect()
        } else {
            let mut seen: HashSet<(Span, &str)> = HashSet::default();
            found.iter().map(|f| seen.insert((f.span, f.message.as_str()))).collect()
        };
        if keep.contains(&false) {
            let mut i = 0;
            out.retain(|_| {
                let k = i < start || keep.get(i - start).copied().unwrap_or(true);
                i += 1;
                k
            });
        }
        Ok(())
    }

    fn tick(&mut self, at: Span) -> Result<(), Stopped> {
        self.steps += 1;
        if self.steps > STEP_BUDGET { Err(Stopped { at }) } else { Ok(()) }
    }

    fn steps_from(
        &mut self,
        rule: &'r RuleProgram,
        check: &'r CheckProgram,
        i: usize,
        severity: Severity,
        out: &mut Vec<Finding>,
    ) -> Result<(), Stopped> {
        let Some(step) = check.steps.get(i) else {
            let finding = self.finding(rule, check, severity)?;
            out.push(finding);
            return Ok(());
        };
        match step {
            super::program::Step::For { slot, list } => {
                let items = match self.eval(list)? {
                    Value::List(items) => items,
                    _ => return Ok(()),
                };
                for item in items.iter() {
                    self.tick(list.span)?;
                    self.set(*slot, item.clone());
                    self.steps_from(rule, check, i + 1, severity, out)?;
                }
                Ok(())
            }
            super::program::Step::Where(cond) => {
                if self.truth(cond)? {
                    self.steps_from(rule, check, i + 1, severity, out)?;
                }
                Ok(())
            }
            super::program::Step::Let { slot, value } => {
                let v = self.eval(value)?;
                self.set(*slot, v);
                self.steps_from(rule, check, i + 1, severity, out)
            }
        }
    }

    fn set(&mut self, slot: u16, v: Value<'p>) {
        if let Some(s) = self.slots.get_mut(usize::from(slot)) {
            *s = v;
        }
    }

    fn finding(
        &mut self,
        rule: &'r RuleProgram,
        check: &'r CheckProgram,
        severity: Severity,
    ) -> Result<Finding, Stopped> {
        let mut span = self.eval(&check.at)?.span();
        for place in &check.enclosing {
            if span.is_some() {
                break;
            }
            span = self.eval(place)?.span();
        }
        let span = span
            .or_else(|| check.fallback.and_then(|s| self.slots.get(usize::from(s))).and_then(Value::span))
            .unwrap_or_else(|| value::plan_span(self.cx.plan));
        let mut labels = Vec::new();
        for (place, label) in &check.also {
            let v = self.eval(place)?;
            let text = match label {
                Some(t) => self.render(t)?,
                None => String::new(),
            };
            let spans: Vec<Span> = match &v {
                Value::List(items) => items.iter().filter_map(Value::span).collect(),
                other => other.span().into_iter().collect(),
            };
            labels.extend(spans.into_iter().filter(|s| *s != span).map(|s| Label { span: s, message: text.clone() }));
        }
        let severity = match check.cap {
            Some(ast::Level::Info) => severity.min(Severity::Info),
            Some(ast::Level::Warning) => severity.min(Severity::Warning),
            _ => severity,
        };
        Ok(Finding {
            code: rule.code.clone(),
            name: rule.name.clone(),
            severity,
            category: rule.category,
            message: self.render(&check.message)?,
            help: self.render(&check.help)?,
            span,
            labels,
        })
    }

    fn render(&mut self, t: &'r Texts) -> Result<String, Stopped> {
        let tpl: &'r Template = match (self.lang, &t.en) {
            (Lang::En, Some(en)) => en,
            _ => &t.vi,
        };
        let mut out = String::with_capacity(tpl.len + 64);
        for part in &tpl.parts {
            match part {
                Part::Lit(s) => out.push_str(s),
                Part::Expr(n) => match self.eval(n)? {
                    Value::Str(s, _) => out.push_str(&s),
                    v => {
                        let cx = self.cx;
                        out.push_str(&v.display(self.lang, &|s| cx.line_of(s)));
                    }
                },
            }
        }
        Ok(out)
    }

    /// Evaluate a node.
    pub(crate) fn eval(&mut self, n: &'r Node) -> Result<Value<'p>, Stopped> {
        self.tick(n.span)?;
        // Leaves and fields of loop variables (most nodes), without the cache and `compute`.
        match &n.op {
            Op::Slot(s) => return Ok(self.slots.get(usize::from(*s)).cloned().unwrap_or(Value::Missing)),
            Op::Str(s) => return Ok(Value::borrowed(s)),
            Op::Num(d) => return Ok(Value::Num(*d)),
            Op::Bool(b) => return Ok(Value::Bool(*b)),
            Op::Plan => return Ok(Value::Rec(value::Rec::Plan(self.cx.plan))),
            Op::Field(base, f) if let Op::Slot(s) = base.op => {
                self.tick(base.span)?;
                let b = self.slots.get(usize::from(s)).unwrap_or(&Value::Missing);
                return Ok(field(&mut self.fields, &self.cx, f, b));
            }
            _ => {}
        }
        if let Some(id) = n.cache {
            if let Some(Some(v)) = self.cache.get(id as usize) {
                return Ok(v.clone());
            }
            let v = self.compute(n)?;
            if let Some(c) = self.cache.get_mut(id as usize) {
                *c = Some(v.clone());
            }
            return Ok(v);
        }
        self.compute(n)
    }

    /// Evaluate a condition: [`Machine::eval`] then `truthy`, without making values of the
    /// connectives and comparisons on the way.
    fn truth(&mut self, n: &'r Node) -> Result<bool, Stopped> {
        if n.cache.is_some() {
            return Ok(self.eval(n)?.truthy());
        }
        match &n.op {
            Op::And(a, b) => {
                self.tick(n.span)?;
                Ok(self.truth(a)? && self.truth(b)?)
            }
            Op::Or(a, b) => {
                self.tick(n.span)?;
                Ok(self.truth(a)? || self.truth(b)?)
            }
            Op::Not(a) => {
                self.tick(n.span)?;
                Ok(!self.truth(a)?)
            }
            Op::Cmp { op, lhs, rhs, .. } => {
                self.tick(n.span)?;
                let (x, y) = (self.eval(lhs)?, self.eval(rhs)?);
                Ok(compare(*op, &x, &y))
            }
            Op::Test(t, a) => {
                self.tick(n.span)?;
                let v = self.eval(a)?;
                Ok(test(*t, &v))
            }
            _ => Ok(self.eval(n)?.truthy()),
        }
    }

    fn compute(&mut self, n: &'r Node) -> Result<Value<'p>, Stopped> {
        Ok(match &n.op {
            Op::Plan => Value::Rec(value::Rec::Plan(self.cx.plan)),
            Op::Num(d) => Value::Num(*d),
            Op::Str(s) => Value::borrowed(s),
            Op::Bool(b) => Value::Bool(*b),
            Op::Slot(s) => self.slots.get(usize::from(*s)).cloned().unwrap_or(Value::Missing),
            Op::Field(base, f) => {
                let b = self.eval(base)?;
                field(&mut self.fields, &self.cx, f, &b)
            }
            Op::Call(f, args) => self.call(f, args)?,
            Op::List(items) => {
                let mut vals = Vec::with_capacity(items.len());
                for a in items {
                    vals.push(self.eval(a)?);
                }
                Value::list(vals)
            }
            Op::Not(a) => Value::Bool(!self.truth(a)?),
            Op::Neg(a) => match self.eval(a)?.as_num().and_then(crate::model::Decimal::checked_neg) {
                Some(d) => Value::Num(d),
                None => Value::Missing,
            },
            Op::And(a, b) => Value::Bool(self.truth(a)? && self.truth(b)?),
            Op::Or(a, b) => Value::Bool(self.truth(a)? || self.truth(b)?),
            Op::Cmp { op, lhs, rhs, .. } => {
                let (x, y) = (self.eval(lhs)?, self.eval(rhs)?);
                Value::Bool(compare(*op, &x, &y))
            }
            Op::In { item, list, negated } => {
                let x = self.eval(item)?;
                let Value::List(items) = self.eval(list)? else { return Ok(Value::Bool(false)) };
                if x.is_missing() {
                    Value::Bool(false)
                } else if *negated {
                    Value::Bool(items.iter().all(|y| value::not_equal(&x, y)))
                } else {
                    Value::Bool(items.iter().any(|y| value::equal(&x, y)))
                }
            }
            Op::Matches(a, re) => {
                let v = self.eval(a)?;
                let hit = match (v.as_str(), self.regexes.get(*re as usize)) {
                    (Some(s), Some(re)) => re.is_match(s),
                    _ => false,
                };
                Value::Bool(hit)
            }
            Op::Arith { sub, lhs, rhs } => {
                let (x, y) = (self.eval(lhs)?.as_num(), self.eval(rhs)?.as_num());
                let r = match (x, y) {
                    (Some(x), Some(y)) if *sub => x.checked_sub(y),
                    (Some(x), Some(y)) => x.checked_add(y),
                    _ => None,
                };
                r.map_or(Value::Missing, Value::Num)
            }
            Op::Test(t, a) => {
                let v = self.eval(a)?;
                Value::Bool(test(*t, &v))
            }
            Op::Quant { kind, slot, list, cond, join } => self.quant(*kind, *slot, list, cond, join.as_ref())?,
        })
    }

    /// A function call; one-argument functions marked `memo` are remembered per piece of the
    /// plan's text.
    #[inline(never)]
    fn call(&mut self, f: &'static super::schema::FnDef, args: &'r [Node]) -> Result<Value<'p>, Stopped> {
        if f.memo && args.len() == 1 {
            let v = match args.first() {
                Some(a) => self.eval(a)?,
                None => Value::Missing,
            };
            let Value::Str(value::Chars::Borrowed(s), _) = &v else {
                return Ok((f.call)(std::slice::from_ref(&v), &self.cx));
            };
            let key = (std::ptr::from_ref(f) as usize, s.as_ptr() as usize, s.len());
            if let Some(r) = self.memo.get(&key) {
                return Ok(r.clone());
            }
            let r = (f.call)(std::slice::from_ref(&v), &self.cx);
            self.memo.insert(key, r.clone());
            return Ok(r);
        }
        // The library's functions take at most three arguments: no allocation for them.
        match args {
            [] => Ok((f.call)(&[], &self.cx)),
            [a] => {
                let vals = [self.eval(a)?];
                Ok((f.call)(&vals, &self.cx))
            }
            [a, b] => {
                let vals = [self.eval(a)?, self.eval(b)?];
                Ok((f.call)(&vals, &self.cx))
            }
            [a, b, c] => {
                let vals = [self.eval(a)?, self.eval(b)?, self.eval(c)?];
                Ok((f.call)(&vals, &self.cx))
            }
            _ => {
                let mut vals = Vec::with_capacity(args.len());
                for a in args {
                    vals.push(self.eval(a)?);
                }
                Ok((f.call)(&vals, &self.cx))
            }
        }
    }

    /// `any`, `all`, `count` and `first`.
    #[inline(never)]
    fn quant(
        &mut self,
        kind: QuantKind,
        slot: u16,
        list: &'r Node,
        cond: &'r Node,
        join: Option<&'r super::program::Join>,
    ) -> Result<Value<'p>, Stopped> {
        let Value::List(items) = self.eval(list)? else {
            return Ok(match kind {
                QuantKind::Any => Value::Bool(false),
                QuantKind::All => Value::Bool(true),
                QuantKind::Count => Value::int(0),
                QuantKind::First => Value::Missing,
            });
        };
        let saved = self.slots.get(usize::from(slot)).cloned().unwrap_or(Value::Missing);
        let result = match join {
            Some(j) => {
                let index = self.index(j.index, &items, slot, &j.inner, j.key)?;
                let probe = self.eval(&j.outer)?;
                let candidates: &[u32] =
                    value::key(&probe, j.key).and_then(|k| index.get(&k)).map_or(&[], Vec::as_slice);
                self.quantify(kind, slot, cond, candidates.iter().filter_map(|&i| items.get(i as usize)))?
            }
            None => self.quantify(kind, slot, cond, items.iter())?,
        };
        self.set(slot, saved);
        Ok(result)
    }

    fn quantify<'a>(
        &mut self,
        kind: QuantKind,
        slot: u16,
        cond: &'r Node,
        items: impl Iterator<Item = &'a Value<'p>>,
    ) -> Result<Value<'p>, Stopped>
    where
        'p: 'a,
    {
        let mut count: i64 = 0;
        for item in items {
            self.tick(cond.span)?;
            self.set(slot, item.clone());
            let hit = self.truth(cond)?;
            match kind {
                QuantKind::Any if hit => return Ok(Value::Bool(true)),
                QuantKind::All if !hit => return Ok(Value::Bool(false)),
                QuantKind::First if hit => return Ok(item.clone()),
                QuantKind::Count if hit => count += 1,
                _ => {}
            }
        }
        Ok(match kind {
            QuantKind::Any => Value::Bool(false),
            QuantKind::All => Value::Bool(true),
            QuantKind::Count => Value::int(count),
            QuantKind::First => Value::Missing,
        })
    }

    /// The index of a quantifier's elements by their key, built on first use.
    fn index(
        &mut self,
        id: u32,
        items: &Rc<[Value<'p>]>,
        slot: u16,
        inner: &'r Node,
        kind: value::KeyKind,
    ) -> Result<Index<'p>, Stopped> {
        if let Some(Some(ix)) = self.indexes.get(id as usize) {
            return Ok(Rc::clone(ix));
        }
        let mut map: HashMap<Key<'p>, Vec<u32>> = HashMap::default();
        for (i, item) in items.iter().enumerate() {
            self.tick(inner.span)?;
            self.set(slot, item.clone());
            let k = self.eval(inner)?;
            if let (Some(k), Ok(i)) = (value::key(&k, kind), u32::try_from(i)) {
                map.entry(k).or_default().push(i);
            }
        }
        let ix = Rc::new(map);
        if let Some(c) = self.indexes.get_mut(id as usize) {
            *c = Some(Rc::clone(&ix));
        }
        Ok(ix)
    }
}

impl Drop for Machine<'_, '_> {
    fn drop(&mut self) {
        LAST_SIZES.set((self.memo.len(), self.fields.len()));
    }
}

fn test(t: TestOp, v: &Value<'_>) -> bool {
    match t {
        TestOp::Empty => v.is_empty(),
        TestOp::NotEmpty => !v.is_empty(),
        TestOp::Missing => v.is_missing(),
        TestOp::NotMissing => !v.is_missing(),
    }
}

/// A field of a value; computed fields of records are remembered in `memo`.
fn field<'p>(
    memo: &mut HashMap<(usize, u8, usize), Value<'p>>,
    cx: &Ctx<'p>,
    f: &'static super::schema::FieldDef,
    b: &Value<'p>,
) -> Value<'p> {
    match b {
        Value::Rec(r) if f.memo => {
            let (kind, addr) = r.identity();
            let key = (std::ptr::from_ref(f) as usize, kind, addr);
            if let Some(v) = memo.get(&key) {
                return v.clone();
            }
            let v = (f.get)(b, cx);
            memo.insert(key, v.clone());
            v
        }
        _ => (f.get)(b, cx),
    }
}

fn compare(op: CmpOp, x: &Value<'_>, y: &Value<'_>) -> bool {
    match op {
        CmpOp::Eq => value::equal(x, y),
        CmpOp::Ne => value::not_equal(x, y),
        CmpOp::Lt => value::order(x, y, Ordering::is_lt, true),
        CmpOp::Le => value::order(x, y, Ordering::is_le, true),
        CmpOp::Gt => value::order(x, y, Ordering::is_gt, false),
        CmpOp::Ge => value::order(x, y, Ordering::is_ge, false),
    }
}
