//! After checking: the computations several rules share get one cache slot each.

use super::*;

/// Give every node that reads no slot (its value is the same for the whole plan) a cache slot;
/// equal expressions share one.
pub(crate) fn assign_caches(rules: &mut [RuleProgram]) -> u32 {
    let mut ids: HashMap<String, u32> = HashMap::new();
    for rule in rules.iter_mut() {
        for check in &mut rule.checks {
            for step in &mut check.steps {
                match step {
                    Step::For { list: n, .. } | Step::Where(n) | Step::Let { value: n, .. } => cache_node(n, &mut ids),
                }
            }
            cache_node(&mut check.at, &mut ids);
            for n in &mut check.enclosing {
                cache_node(n, &mut ids);
            }
            for (n, label) in &mut check.also {
                cache_node(n, &mut ids);
                if let Some(t) = label {
                    cache_texts(t, &mut ids);
                }
            }
            cache_texts(&mut check.message, &mut ids);
            cache_texts(&mut check.help, &mut ids);
        }
    }
    u32::try_from(ids.len()).unwrap_or(u32::MAX)
}

pub(super) fn cache_texts(t: &mut Texts, ids: &mut HashMap<String, u32>) {
    for tpl in std::iter::once(&mut t.vi).chain(t.en.as_mut()) {
        for p in &mut tpl.parts {
            if let Part::Expr(n) = p {
                cache_node(n, ids);
            }
        }
    }
}

pub(super) fn cache_node(n: &mut Node, ids: &mut HashMap<String, u32>) {
    match &mut n.op {
        Op::Field(a, _) | Op::Not(a) | Op::Neg(a) | Op::Test(_, a) | Op::Matches(a, _) => cache_node(a, ids),
        Op::Call(_, args) | Op::List(args) => args.iter_mut().for_each(|a| cache_node(a, ids)),
        Op::And(a, b) | Op::Or(a, b) | Op::Cmp { lhs: a, rhs: b, .. } => {
            cache_node(a, ids);
            cache_node(b, ids);
        }
        Op::In { item, list, .. } => {
            cache_node(item, ids);
            cache_node(list, ids);
        }
        Op::Arith { lhs, rhs, .. } => {
            cache_node(lhs, ids);
            cache_node(rhs, ids);
        }
        Op::Quant { list, cond, join, .. } => {
            cache_node(list, ids);
            cache_node(cond, ids);
            if let Some(j) = join {
                cache_node(&mut j.inner, ids);
                cache_node(&mut j.outer, ids);
            }
        }
        Op::Plan | Op::Num(_) | Op::Str(_) | Op::Bool(_) | Op::Slot(_) => return,
    }
    if n.deps == 0 {
        let mut key = String::new();
        canon(n, None, &mut key);
        let next = u32::try_from(ids.len()).unwrap_or(u32::MAX);
        n.cache = Some(*ids.entry(key).or_insert(next));
    }
}

/// A canonical text of a node that reads no slot but `bound` (written `$_` whatever its
/// number): equal texts, equal values for the same value of `bound`.
pub(super) fn canon(n: &Node, bound: Option<u16>, out: &mut String) {
    let (tag, parts): (String, Vec<&Node>) = match &n.op {
        Op::Plan => ("plan".into(), vec![]),
        Op::Num(d) => (d.to_string(), vec![]),
        Op::Str(s) => (format!("{s:?}"), vec![]),
        Op::Bool(b) => (b.to_string(), vec![]),
        Op::Slot(s) if bound == Some(*s) => ("$_".into(), vec![]),
        Op::Slot(s) => (format!("${s}"), vec![]),
        Op::Field(a, f) => (format!(".{}", f.name), vec![a]),
        Op::Call(f, args) => (f.name.to_owned(), args.iter().collect()),
        Op::List(items) => ("list".into(), items.iter().collect()),
        Op::Not(a) => ("not".into(), vec![a]),
        Op::Neg(a) => ("neg".into(), vec![a]),
        Op::Test(t, a) => (format!("{t:?}"), vec![a]),
        Op::Matches(a, re) => (format!("matches{re}"), vec![a]),
        Op::And(a, b) => ("and".into(), vec![a, b]),
        Op::Or(a, b) => ("or".into(), vec![a, b]),
        Op::Cmp { op, lhs, rhs, .. } => (format!("{op:?}"), vec![lhs, rhs]),
        Op::In { item, list, negated } => (format!("in{negated}"), vec![item, list]),
        Op::Arith { sub, lhs, rhs } => (format!("arith{sub}"), vec![lhs, rhs]),
        Op::Quant { kind, slot, list, cond, .. } => (format!("{kind:?}${slot}"), vec![list, cond]),
    };
    out.push_str(&tag);
    if !parts.is_empty() {
        out.push('(');
        for p in parts {
            canon(p, bound, out);
            out.push(',');
        }
        out.push(')');
    }
}
