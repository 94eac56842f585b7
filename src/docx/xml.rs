//! A thin streaming layer over `quick_xml::Reader`: events with the nesting depth checked
//! against the limit, text with entities resolved, and errors that name the part, line and
//! column.

use std::borrow::Cow;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::error::{DocxError, XmlPosition};

/// The events the reader cares about.
pub(super) enum Ev<'a> {
    Start(BytesStart<'a>),
    Empty(BytesStart<'a>),
    End,
    /// Character data, decoded only when asked for ([`Xml::text`]).
    Text(Chunk<'a>),
}

/// Character data as read: raw text or CDATA, or a reference already resolved.
pub(super) enum Chunk<'a> {
    Raw(quick_xml::events::BytesText<'a>),
    CData(quick_xml::events::BytesCData<'a>),
    Resolved(Cow<'a, str>),
}

/// A part being read.
pub(super) struct Xml<'a> {
    bytes: &'a [u8],
    reader: Reader<&'a [u8]>,
    part: &'a str,
    depth: usize,
    max_depth: usize,
}

impl<'a> Xml<'a> {
    pub(super) fn new(bytes: &'a [u8], part: &'a str, max_depth: usize) -> Self {
        let mut reader = Reader::from_reader(bytes);
        let config = reader.config_mut();
        config.trim_text(false);
        config.check_end_names = true;
        config.expand_empty_elements = false;
        Self { bytes, reader, part, depth: 0, max_depth }
    }

    /// Current nesting depth (0 outside the root element).
    pub(super) fn depth(&self) -> usize {
        self.depth
    }

    fn malformed(&self, offset: u64, detail: String) -> DocxError {
        let offset = usize::try_from(offset).unwrap_or(usize::MAX);
        DocxError::MalformedXml { part: self.part.to_owned(), at: XmlPosition::of(self.bytes, offset), detail }
    }

    /// The next event, or `None` at the end of the part. An end of input inside an element is a
    /// malformed (cut short) part.
    pub(super) fn next(&mut self) -> Result<Option<Ev<'a>>, DocxError> {
        loop {
            let ev = match self.reader.read_event() {
                Ok(ev) => ev,
                Err(e) => return Err(self.malformed(self.reader.error_position(), e.to_string())),
            };
            return Ok(Some(match ev {
                Event::Start(e) => {
                    self.depth += 1;
                    if self.depth > self.max_depth {
                        let at = XmlPosition::of(self.bytes, self.position());
                        return Err(DocxError::TooDeep { part: self.part.to_owned(), at, limit: self.max_depth });
                    }
                    Ev::Start(e)
                }
                Event::Empty(e) => Ev::Empty(e),
                Event::End(_) => {
                    self.depth = self.depth.saturating_sub(1);
                    Ev::End
                }
                Event::Text(t) => Ev::Text(Chunk::Raw(t)),
                Event::CData(t) => Ev::Text(Chunk::CData(t)),
                Event::GeneralRef(r) => {
                    if let Ok(Some(c)) = r.resolve_char_ref() {
                        Ev::Text(Chunk::Resolved(Cow::Owned(c.to_string())))
                    } else {
                        let name = r.decode().unwrap_or_default();
                        match quick_xml::escape::resolve_predefined_entity(&name) {
                            Some(s) => Ev::Text(Chunk::Resolved(Cow::Borrowed(s))),
                            None => {
                                return Err(
                                    self.malformed(self.reader.buffer_position(), format!("unknown entity &{name};"))
                                );
                            }
                        }
                    }
                }
                Event::Eof => {
                    if self.depth > 0 {
                        return Err(self.malformed(
                            self.reader.buffer_position(),
                            "unexpected end of the part (cut short)".to_owned(),
                        ));
                    }
                    return Ok(None);
                }
                Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => continue,
            }));
        }
    }

    /// The text of a chunk (invalid UTF-8 is a malformed part).
    pub(super) fn text(&self, chunk: Chunk<'a>) -> Result<Cow<'a, str>, DocxError> {
        let decoded = match chunk {
            Chunk::Raw(t) => t.xml10_content(),
            Chunk::CData(t) => t.xml10_content(),
            Chunk::Resolved(s) => return Ok(s),
        };
        decoded.map_err(|e| self.malformed(self.reader.buffer_position(), e.to_string()))
    }

    /// Byte offset of the reader in the part.
    pub(super) fn position(&self) -> usize {
        usize::try_from(self.reader.buffer_position()).unwrap_or(usize::MAX)
    }

    /// Skip to the end of the element just started.
    pub(super) fn skip(&mut self) -> Result<(), DocxError> {
        let target = self.depth.saturating_sub(1);
        while self.depth > target {
            if self.next()?.is_none() {
                break;
            }
        }
        Ok(())
    }

    /// An attribute's value by qualified name, entities resolved.
    pub(super) fn attr(&self, e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
        e.attributes().with_checks(false).flatten().find(|a| a.key.as_ref() == name).map(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(Cow::into_owned)
                .unwrap_or_else(|_| String::from_utf8_lossy(&a.value).into_owned())
        })
    }
}

/// `w:val` and friends as a flag: absent, `1`, `true` or `on` mean true.
pub(super) fn on_off(value: Option<&str>) -> bool {
    !matches!(value, Some("0" | "false" | "off" | "none"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(xml: &str) -> Result<Vec<String>, DocxError> {
        let mut x = Xml::new(xml.as_bytes(), "word/document.xml", 4);
        let mut out = Vec::new();
        while let Some(ev) = x.next()? {
            out.push(match ev {
                Ev::Start(e) => format!("<{}", String::from_utf8_lossy(e.name().as_ref())),
                Ev::Empty(e) => format!("<{}/", String::from_utf8_lossy(e.name().as_ref())),
                Ev::End => ">".to_owned(),
                Ev::Text(t) => x.text(t)?.into_owned(),
            });
        }
        Ok(out)
    }

    #[test]
    fn entities_are_resolved() {
        assert_eq!(all("<a>x &amp; &#x1EA0;&lt;</a>").unwrap().concat(), "<ax & Ạ<>");
    }

    #[test]
    fn a_cut_short_part_is_named_with_its_position() {
        let e = all("<a>\n<b>text").unwrap_err();
        let DocxError::MalformedXml { part, at, .. } = e else { panic!("{e:?}") };
        assert_eq!(part, "word/document.xml");
        assert_eq!(at.line, 2);
    }

    #[test]
    fn mismatched_tags_are_malformed_at_their_place() {
        let e = all("<a>\n  <b></c></a>").unwrap_err();
        let DocxError::MalformedXml { at, .. } = e else { panic!("{e:?}") };
        assert_eq!((at.line, at.column), (2, 6));
    }

    #[test]
    fn depth_is_limited() {
        assert!(all("<a><b><c><d></d></c></b></a>").is_ok());
        let e = all("<a><b><c><d><e></e></d></c></b></a>").unwrap_err();
        assert!(matches!(e, DocxError::TooDeep { limit: 4, .. }), "{e:?}");
    }

    #[test]
    fn positions_count_characters() {
        let p = XmlPosition::of("ạb\ncđe".as_bytes(), "ạb\ncđ".len());
        assert_eq!((p.line, p.column), (2, 3));
    }
}
