//! `numbering.xml` and the numbers Word displays: abstract numbering levels (format, level
//! text with `%1`…`%9`, start, restart, legal numbering, suffix), numbering instances with their
//! overrides, and the counters as Word advances them paragraph after paragraph.

use std::collections::HashMap;

use super::NumberSuffix;
use super::error::DocxError;
use super::xml::{Ev, Xml, on_off};

const LEVELS: usize = 9;

/// A number format (`w:numFmt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Format {
    #[default]
    Decimal,
    DecimalZero,
    UpperRoman,
    LowerRoman,
    UpperLetter,
    LowerLetter,
    Bullet,
    None,
}

impl Format {
    fn parse(v: &str) -> Self {
        match v {
            "decimalZero" => Format::DecimalZero,
            "upperRoman" => Format::UpperRoman,
            "lowerRoman" => Format::LowerRoman,
            "upperLetter" => Format::UpperLetter,
            "lowerLetter" => Format::LowerLetter,
            "bullet" => Format::Bullet,
            "none" => Format::None,
            // decimal, ordinal, cardinalText, decimalEnclosedCircle, … are shown as digits.
            _ => Format::Decimal,
        }
    }

    fn render(self, n: i64) -> String {
        match self {
            Format::Decimal | Format::Bullet => n.to_string(),
            Format::DecimalZero => {
                if (0..10).contains(&n) {
                    format!("0{n}")
                } else {
                    n.to_string()
                }
            }
            Format::UpperRoman => roman(n).unwrap_or_else(|| n.to_string()),
            Format::LowerRoman => roman(n).map_or_else(|| n.to_string(), |r| r.to_lowercase()),
            Format::UpperLetter => letter(n).unwrap_or_else(|| n.to_string()),
            Format::LowerLetter => letter(n).map_or_else(|| n.to_string(), |r| r.to_lowercase()),
            Format::None => String::new(),
        }
    }
}

/// Roman numerals as Word writes them (1–3999).
fn roman(n: i64) -> Option<String> {
    if !(1..4000).contains(&n) {
        return None;
    }
    const TABLE: [(i64, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    Some(out)
}

/// Lower-case Roman numerals (endnote marks), digits past 3999.
pub(super) fn lower_roman(n: usize) -> String {
    let n = i64::try_from(n).unwrap_or(i64::MAX);
    Format::LowerRoman.render(n)
}

/// Letters as Word writes them: A…Z, then AA…ZZ, AAA… (the letter repeated).
fn letter(n: i64) -> Option<String> {
    if !(1..=780).contains(&n) {
        return None;
    }
    let idx = u8::try_from((n - 1) % 26).ok()?;
    let times = usize::try_from((n - 1) / 26 + 1).ok()?;
    Some(char::from(b'A' + idx).to_string().repeat(times))
}

#[derive(Debug, Clone, Default)]
struct Level {
    start: i64,
    format: Format,
    text: Option<String>,
    /// `w:lvlRestart`: `None` restarts after any higher level; `Some(0)` never; `Some(n)`
    /// after a level `< n` (0-based) is used.
    restart: Option<u8>,
    legal: bool,
    suffix: NumberSuffix,
    /// The paragraph style this level is linked to.
    style: Option<String>,
}

#[derive(Debug, Clone, Default)]
struct Abstract {
    levels: [Option<Level>; LEVELS],
    /// `w:numStyleLink`: the levels are those of the numbering this style points to.
    style_link: Option<String>,
}

#[derive(Debug, Clone, Default)]
struct Override {
    start: Option<i64>,
    level: Option<Level>,
}

#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: String,
    overrides: [Option<Override>; LEVELS],
}

/// The numbering definitions of a document.
#[derive(Debug, Default)]
pub(super) struct Numbering {
    abstracts: HashMap<String, Abstract>,
    nums: HashMap<String, Num>,
}

/// Where a `w:lvl` being read goes.
enum Target {
    Abstract(String),
    Override(String, usize),
}

fn parse_i64(v: Option<String>) -> Option<i64> {
    v.and_then(|v| v.trim().parse().ok())
}

fn level_index(v: Option<String>) -> Option<usize> {
    v.and_then(|v| v.trim().parse::<usize>().ok()).filter(|&i| i < LEVELS)
}

impl Numbering {
    pub(super) fn parse(xml: &[u8], part: &str, max_depth: usize) -> Result<Self, DocxError> {
        let mut out = Numbering::default();
        let mut x = Xml::new(xml, part, max_depth);
        let mut abs: Option<(String, usize)> = None;
        let mut num: Option<(String, usize)> = None;
        // The override being read: (level index, depth of w:lvlOverride).
        let mut ovr: Option<(usize, usize)> = None;
        // The level being read: where it goes, its index, its depth.
        let mut lvl: Option<(Target, usize, Level, usize)> = None;
        while let Some(ev) = x.next()? {
            let (e, start) = match ev {
                Ev::Start(e) => (e, true),
                Ev::Empty(e) => (e, false),
                Ev::End => {
                    let d = x.depth();
                    if lvl.as_ref().is_some_and(|l| d < l.3)
                        && let Some((target, i, level, _)) = lvl.take()
                    {
                        out.store(target, i, level);
                    }
                    if ovr.is_some_and(|o| d < o.1) {
                        ovr = None;
                    }
                    if abs.as_ref().is_some_and(|a| d < a.1) {
                        abs = None;
                    }
                    if num.as_ref().is_some_and(|n| d < n.1) {
                        num = None;
                    }
                    continue;
                }
                Ev::Text(_) => continue,
            };
            let name = e.name();
            let val = || x.attr(&e, b"w:val");
            if let Some((_, _, level, _)) = lvl.as_mut() {
                match name.as_ref() {
                    b"w:start" => level.start = parse_i64(val()).unwrap_or(level.start),
                    b"w:numFmt" => level.format = Format::parse(&val().unwrap_or_default()),
                    b"w:lvlText" => level.text = val(),
                    b"w:lvlRestart" => level.restart = val().and_then(|v| v.trim().parse().ok()),
                    b"w:isLgl" => level.legal = on_off(val().as_deref()),
                    b"w:pStyle" => level.style = val(),
                    b"w:suff" => {
                        level.suffix = match val().as_deref() {
                            Some("space") => NumberSuffix::Space,
                            Some("nothing") => NumberSuffix::Nothing,
                            _ => NumberSuffix::Tab,
                        }
                    }
                    b"w:pPr" | b"w:rPr" | b"w:legacy" if start => x.skip()?,
                    _ => {}
                }
                continue;
            }
            match name.as_ref() {
                b"w:abstractNum" if start => {
                    let id = x.attr(&e, b"w:abstractNumId").unwrap_or_default();
                    out.abstracts.entry(id.clone()).or_default();
                    abs = Some((id, x.depth()));
                }
                b"w:num" if start => {
                    let id = x.attr(&e, b"w:numId").unwrap_or_default();
                    out.nums.entry(id.clone()).or_default();
                    num = Some((id, x.depth()));
                }
                b"w:numStyleLink" => {
                    if let Some((id, _)) = &abs
                        && let Some(a) = out.abstracts.get_mut(id)
                    {
                        a.style_link = val();
                    }
                }
                b"w:abstractNumId" => {
                    if let Some((id, _)) = &num
                        && let Some(n) = out.nums.get_mut(id)
                    {
                        n.abstract_id = val().unwrap_or_default();
                    }
                }
                b"w:lvlOverride" if start => {
                    if let Some(i) = level_index(x.attr(&e, b"w:ilvl")) {
                        ovr = Some((i, x.depth()));
                    } else {
                        x.skip()?;
                    }
                }
                b"w:startOverride" => {
                    if let (Some((id, _)), Some((i, _))) = (&num, ovr)
                        && let Some(slot) = out.nums.get_mut(id).and_then(|n| n.overrides.get_mut(i))
                    {
                        slot.get_or_insert_with(Override::default).start = parse_i64(val());
                    }
                }
                b"w:lvl" => {
                    let index = level_index(x.attr(&e, b"w:ilvl"));
                    let target = match (&abs, &num, ovr) {
                        (_, Some((id, _)), Some((i, _))) => Some((Target::Override(id.clone(), i), i)),
                        (Some((id, _)), None, _) => index.map(|i| (Target::Abstract(id.clone()), i)),
                        _ => None,
                    };
                    match (target, start) {
                        (Some((t, i)), true) => {
                            let level = Level { start: 0, ..Level::default() };
                            lvl = Some((t, i, level, x.depth()));
                        }
                        (Some((t, i)), false) => out.store(t, i, Level::default()),
                        (None, true) => x.skip()?,
                        (None, false) => {}
                    }
                }
                _ => {}
            }
        }
        Ok(out)
    }

    fn store(&mut self, target: Target, i: usize, level: Level) {
        match target {
            Target::Abstract(id) => {
                if let Some(slot) = self.abstracts.get_mut(&id).and_then(|a| a.levels.get_mut(i)) {
                    *slot = Some(level);
                }
            }
            Target::Override(id, i) => {
                if let Some(slot) = self.nums.get_mut(&id).and_then(|n| n.overrides.get_mut(i)) {
                    slot.get_or_insert_with(Override::default).level = Some(level);
                }
            }
        }
    }

    /// The abstract numbering of a numbering instance, following a `numStyleLink` through the
    /// numbering style's own instance.
    fn abstract_of(&self, num_id: &str, styles: &super::styles::Styles) -> Option<(&str, &Abstract)> {
        let mut id = self.nums.get(num_id)?.abstract_id.as_str();
        for _ in 0..4 {
            let a = self.abstracts.get(id)?;
            let Some(link) = &a.style_link else {
                return Some((id, a));
            };
            let (linked, _, _) = styles.numbering(link)?;
            id = self.nums.get(&linked)?.abstract_id.as_str();
        }
        None
    }

    /// The level of an abstract numbering linked to a paragraph style (`w:pStyle` in `w:lvl`).
    pub(super) fn level_for_style(&self, num_id: &str, style: &str, styles: &super::styles::Styles) -> Option<u8> {
        let (_, a) = self.abstract_of(num_id, styles)?;
        let i = a.levels.iter().position(|l| l.as_ref().is_some_and(|l| l.style.as_deref() == Some(style)))?;
        u8::try_from(i).ok()
    }
}

/// The counters, advanced paragraph after paragraph as Word does.
#[derive(Debug, Default)]
pub(super) struct Counters {
    /// Per abstract numbering (instances of one abstract numbering continue each other).
    values: HashMap<String, [Option<i64>; LEVELS]>,
    /// Instances whose start overrides were applied.
    started: std::collections::HashSet<String>,
}

/// A displayed number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Displayed {
    pub(super) text: String,
    pub(super) suffix: NumberSuffix,
    pub(super) level: u8,
}

impl Counters {
    /// Advance the counters for a paragraph of instance `num_id` at level `ilvl` and return the
    /// number Word displays (`None` for an unknown instance, or a level that shows nothing).
    pub(super) fn advance(
        &mut self,
        defs: &Numbering,
        styles: &super::styles::Styles,
        num_id: &str,
        ilvl: u8,
    ) -> Option<Displayed> {
        let ilvl = usize::from(ilvl).min(LEVELS - 1);
        let num = defs.nums.get(num_id)?;
        let (abs_id, abs) = defs.abstract_of(num_id, styles)?;
        let level_def = |i: usize| -> Option<Level> {
            let o = num.overrides.get(i).and_then(Option::as_ref);
            let mut l = o.and_then(|o| o.level.clone()).or_else(|| abs.levels.get(i).cloned().flatten())?;
            if let Some(s) = o.and_then(|o| o.start) {
                l.start = s;
            }
            Some(l)
        };
        let values = self.values.entry(abs_id.to_owned()).or_insert([None; LEVELS]);
        if self.started.insert(num_id.to_owned()) {
            for (i, o) in num.overrides.iter().enumerate() {
                if o.as_ref().is_some_and(|o| o.start.is_some())
                    && let Some(v) = values.get_mut(i)
                {
                    *v = None;
                }
            }
        }
        let def = level_def(ilvl)?;
        if let Some(v) = values.get_mut(ilvl) {
            *v = Some(v.map_or(def.start, |n| n.saturating_add(1)));
        }
        // Deeper levels restart when this one advances (unless their lvlRestart says otherwise).
        for j in ilvl + 1..LEVELS {
            let restart = level_def(j).and_then(|l| l.restart);
            let restarts = match restart {
                None => true,
                Some(0) => false,
                Some(n) => ilvl < usize::from(n),
            };
            if restarts && let Some(v) = values.get_mut(j) {
                *v = None;
            }
        }
        let snapshot = *values;
        let text = match def.format {
            Format::Bullet => bullet(def.text.as_deref().unwrap_or_default()),
            _ => {
                let template = def.text.clone().unwrap_or_default();
                let mut out = String::with_capacity(template.len() + 4);
                let mut chars = template.chars().peekable();
                while let Some(c) = chars.next() {
                    if c == '%'
                        && let Some(d) = chars.peek().and_then(|d| d.to_digit(10))
                        && (1..=9).contains(&d)
                    {
                        chars.next();
                        let k = usize::try_from(d - 1).unwrap_or(0);
                        let kdef = level_def(k);
                        let value = snapshot.get(k).copied().flatten().or(kdef.as_ref().map(|l| l.start)).unwrap_or(1);
                        let format = match &kdef {
                            Some(_) if def.legal => Format::Decimal,
                            Some(l) => l.format,
                            None => Format::Decimal,
                        };
                        out.push_str(&format.render(value));
                    } else {
                        out.push(c);
                    }
                }
                out
            }
        };
        let text = text.trim().to_owned();
        (!text.is_empty()).then(|| Displayed { text, suffix: def.suffix, level: u8::try_from(ilvl).unwrap_or(0) })
    }
}

/// A bullet as a reader of the text sees it: typographic bullets and dashes kept, symbol-font
/// glyphs (private-use characters) and other pictures shown as `-`.
fn bullet(text: &str) -> String {
    match text.trim().chars().next() {
        Some(c @ ('-' | '+' | '–' | '•' | '*' | '−' | '·')) => c.to_string(),
        Some('○' | '◦' | '▪' | '■' | '►' | '✓' | '>') => "•".to_owned(),
        _ => "-".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_render_as_word_shows_them() {
        assert_eq!(Format::UpperRoman.render(14), "XIV");
        assert_eq!(Format::LowerRoman.render(4), "iv");
        assert_eq!(Format::LowerLetter.render(1), "a");
        assert_eq!(Format::LowerLetter.render(27), "aa");
        assert_eq!(Format::UpperLetter.render(54), "BBB");
        assert_eq!(Format::DecimalZero.render(7), "07");
        assert_eq!(Format::DecimalZero.render(12), "12");
        assert_eq!(Format::UpperRoman.render(0), "0");
        assert_eq!(Format::None.render(3), "");
    }

    #[test]
    fn bullets_become_characters_a_reader_knows() {
        assert_eq!(bullet("\u{f0b7}"), "-");
        assert_eq!(bullet("-"), "-");
        assert_eq!(bullet("+"), "+");
        assert_eq!(bullet("o"), "-");
        assert_eq!(bullet("▪"), "•");
    }
}
