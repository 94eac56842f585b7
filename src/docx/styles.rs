//! `styles.xml`: paragraph styles with their names, `basedOn` chains, outline levels and the
//! numbering they carry.

use std::collections::HashMap;

use super::error::DocxError;
use super::xml::{Ev, Xml};

/// How far a `basedOn` chain is followed (Word's own limit is lower; cycles stop here too).
const MAX_CHAIN: usize = 16;

#[derive(Debug, Default, Clone)]
pub(super) struct Style {
    pub(super) name: Option<String>,
    pub(super) based_on: Option<String>,
    pub(super) num_id: Option<String>,
    pub(super) ilvl: Option<u8>,
    /// `w:outlineLvl` (0-based; 9 is body text).
    pub(super) outline: Option<u8>,
}

#[derive(Debug, Default)]
pub(super) struct Styles {
    styles: HashMap<String, Style>,
    /// The default paragraph style (`w:default="1"`).
    pub(super) default_paragraph: Option<String>,
}

impl Styles {
    pub(super) fn parse(xml: &[u8], part: &str, max_depth: usize) -> Result<Self, DocxError> {
        let mut out = Styles::default();
        let mut x = Xml::new(xml, part, max_depth);
        // (style id, style) being read, and the depth of its element.
        let mut cur: Option<(String, Style, usize)> = None;
        let mut in_ppr = false;
        while let Some(ev) = x.next()? {
            let (e, start) = match ev {
                Ev::Start(e) => (e, true),
                Ev::Empty(e) => (e, false),
                Ev::End => {
                    if let Some((_, _, d)) = &cur {
                        if x.depth() < *d {
                            if let Some((id, style, _)) = cur.take() {
                                out.styles.insert(id, style);
                            }
                            in_ppr = false;
                        } else if x.depth() == *d {
                            in_ppr = false;
                        }
                    }
                    continue;
                }
                Ev::Text(_) => continue,
            };
            let name = e.name();
            match name.as_ref() {
                b"w:style" => {
                    let paragraph = x.attr(&e, b"w:type").is_none_or(|t| t == "paragraph");
                    let id = x.attr(&e, b"w:styleId").unwrap_or_default();
                    if paragraph
                        && super::xml::on_off(x.attr(&e, b"w:default").as_deref())
                        && x.attr(&e, b"w:default").is_some()
                    {
                        out.default_paragraph = Some(id.clone());
                    }
                    if start {
                        if paragraph {
                            cur = Some((id, Style::default(), x.depth()));
                        } else {
                            x.skip()?;
                        }
                    }
                }
                b"w:docDefaults" if cur.is_none() && start => x.skip()?,
                _ if cur.is_none() => {}
                b"w:pPr" if start => in_ppr = true,
                b"w:rPr" | b"w:tblPr" | b"w:trPr" | b"w:tcPr" | b"w:tblStylePr" | b"w:pPrChange" if start => {
                    x.skip()?;
                }
                b"w:name" => {
                    if let Some((_, s, _)) = cur.as_mut() {
                        s.name = x.attr(&e, b"w:val");
                    }
                }
                b"w:basedOn" => {
                    if let Some((_, s, _)) = cur.as_mut() {
                        s.based_on = x.attr(&e, b"w:val");
                    }
                }
                b"w:numId" if in_ppr => {
                    if let Some((_, s, _)) = cur.as_mut() {
                        s.num_id = x.attr(&e, b"w:val");
                    }
                }
                b"w:ilvl" if in_ppr => {
                    if let Some((_, s, _)) = cur.as_mut() {
                        s.ilvl = x.attr(&e, b"w:val").and_then(|v| v.parse().ok());
                    }
                }
                b"w:outlineLvl" if in_ppr => {
                    if let Some((_, s, _)) = cur.as_mut() {
                        s.outline = x.attr(&e, b"w:val").and_then(|v| v.parse().ok());
                    }
                }
                _ => {}
            }
        }
        Ok(out)
    }

    pub(super) fn get(&self, id: &str) -> Option<&Style> {
        self.styles.get(id)
    }

    /// The style and the styles it is based on, nearest first.
    pub(super) fn chain<'s>(&'s self, id: &'s str) -> impl Iterator<Item = (&'s str, &'s Style)> + 's {
        let mut next = Some(id);
        let mut seen = 0;
        std::iter::from_fn(move || {
            let id = next?;
            seen += 1;
            if seen > MAX_CHAIN {
                return None;
            }
            let style = self.styles.get(id)?;
            next = style.based_on.as_deref();
            Some((id, style))
        })
    }

    /// The heading level a style gives: `Title` is 0, `heading N` is N, an outline level L
    /// (0-based) is L + 1; inherited through `basedOn`.
    pub(super) fn heading_level(&self, id: &str) -> Option<u8> {
        for (_, s) in self.chain(id) {
            if let Some(l) = s.outline {
                return (l < 9).then_some(l + 1);
            }
            if let Some(n) = s.name.as_deref().and_then(heading_from_name) {
                return Some(n);
            }
        }
        None
    }

    /// The numbering a style carries, inherited through `basedOn`: the number id, the level if
    /// the style names one, and the style that carries it.
    pub(super) fn numbering(&self, id: &str) -> Option<(String, Option<u8>, String)> {
        let mut ilvl = None;
        for (sid, s) in self.chain(id) {
            if ilvl.is_none() {
                ilvl = s.ilvl;
            }
            if let Some(n) = &s.num_id {
                return Some((n.clone(), ilvl, sid.to_owned()));
            }
        }
        None
    }
}

/// `Title` → 0, `heading 3` / `Heading 3` → 3.
fn heading_from_name(name: &str) -> Option<u8> {
    let lower = name.to_ascii_lowercase();
    if lower == "title" {
        return Some(0);
    }
    let n: u8 = lower.strip_prefix("heading")?.trim().parse().ok()?;
    (1..=9).contains(&n).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_inherited_through_based_on() {
        let xml = r#"<w:styles xmlns:w="x">
            <w:docDefaults><w:pPrDefault><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:pPrDefault></w:docDefaults>
            <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
            <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/></w:style>
            <w:style w:type="paragraph" w:styleId="Muc"><w:name w:val="Mục"/><w:basedOn w:val="Heading2"/>
              <w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr><w:rPr><w:b/></w:rPr></w:style>
            <w:style w:type="paragraph" w:styleId="Outline"><w:name w:val="x"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
            <w:style w:type="character" w:styleId="Strong"><w:name w:val="heading 1"/></w:style>
            <w:style w:type="paragraph" w:styleId="A"><w:basedOn w:val="B"/></w:style>
            <w:style w:type="paragraph" w:styleId="B"><w:basedOn w:val="A"/></w:style>
        </w:styles>"#;
        let s = Styles::parse(xml.as_bytes(), "word/styles.xml", 64).unwrap();
        assert_eq!(s.default_paragraph.as_deref(), Some("Normal"));
        assert_eq!(s.heading_level("Normal"), None);
        assert_eq!(s.heading_level("Muc"), Some(2));
        assert_eq!(s.heading_level("Outline"), Some(1));
        assert_eq!(s.heading_level("Title"), Some(0));
        assert_eq!(s.heading_level("Strong"), None);
        assert_eq!(s.heading_level("A"), None);
        assert_eq!(s.numbering("Muc"), Some(("4".to_owned(), None, "Muc".to_owned())));
        assert_eq!(s.numbering("Heading2"), None);
    }
}
